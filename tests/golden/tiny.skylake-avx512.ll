; ModuleID = 'LLVMDialectModule'
source_filename = "LLVMDialectModule"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@__constant_8x1x1xf32 = internal unnamed_addr constant [8 x [1 x [1 x float]]] [[1 x [1 x float]] [[1 x float] [float -1.000000e+00]], [1 x [1 x float]] [[1 x float] [float -7.500000e-01]], [1 x [1 x float]] [[1 x float] [float -5.000000e-01]], [1 x [1 x float]] [[1 x float] [float -2.500000e-01]], [1 x [1 x float]] zeroinitializer, [1 x [1 x float]] [[1 x float] [float 2.500000e-01]], [1 x [1 x float]] [[1 x float] [float 5.000000e-01]], [1 x [1 x float]] [[1 x float] [float 7.500000e-01]]], align 64

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k8(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !1)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !4)
  br label %.preheader1

.preheader1:                                      ; preds = %entry, %67
  %6 = phi i64 [ 0, %entry ], [ %68, %67 ]
  %7 = shl i64 %6, 8
  br label %.preheader

.preheader:                                       ; preds = %.preheader1, %.preheader
  %8 = phi i64 [ 0, %.preheader1 ], [ %66, %.preheader ]
  %9 = shl i64 %8, 4
  %10 = add nuw nsw i64 %9, %7
  %11 = getelementptr float, ptr %3, i64 %10
  %wide.load = load <8 x float>, ptr %11, align 4, !alias.scope !1, !noalias !4
  %12 = fcmp olt <8 x float> %wide.load, <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>
  %13 = select <8 x i1> %12, <8 x float> <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>, <8 x float> %wide.load
  %14 = fcmp ogt <8 x float> %13, <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>
  %15 = select <8 x i1> %14, <8 x float> <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>, <8 x float> %13
  %16 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %15, <8 x float> <float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000>, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %17 = tail call <8 x float> @llvm.floor.v8f32(<8 x float> %16)
  %18 = fcmp olt <8 x float> %17, <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>
  %19 = select <8 x i1> %18, <8 x float> <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>, <8 x float> %17
  %20 = fcmp ogt <8 x float> %19, <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>
  %21 = select <8 x i1> %20, <8 x float> <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>, <8 x float> %19
  %22 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %21, <8 x float> <float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000>, <8 x float> %15)
  %23 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %21, <8 x float> <float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000>, <8 x float> %22)
  %24 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %23, <8 x float> <float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000>, <8 x float> <float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000>)
  %25 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %24, <8 x float> %23, <8 x float> <float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000>)
  %26 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %25, <8 x float> %23, <8 x float> <float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000>)
  %27 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %26, <8 x float> %23, <8 x float> <float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000>)
  %28 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %27, <8 x float> %23, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %29 = fmul <8 x float> %23, %23
  %30 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %28, <8 x float> %29, <8 x float> %23)
  %31 = fadd <8 x float> %30, <float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00>
  %32 = fptosi <8 x float> %21 to <8 x i32>
  %33 = shl <8 x i32> %32, <i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23>
  %34 = add <8 x i32> %33, <i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216>
  %35 = bitcast <8 x i32> %34 to <8 x float>
  %36 = fmul <8 x float> %31, %35
  %37 = getelementptr float, ptr %5, i64 %10
  store <8 x float> %36, ptr %37, align 4, !alias.scope !4, !noalias !1
  %38 = or disjoint i64 %10, 8
  %39 = getelementptr float, ptr %3, i64 %38
  %wide.load.1 = load <8 x float>, ptr %39, align 4, !alias.scope !1, !noalias !4
  %40 = fcmp olt <8 x float> %wide.load.1, <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>
  %41 = select <8 x i1> %40, <8 x float> <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>, <8 x float> %wide.load.1
  %42 = fcmp ogt <8 x float> %41, <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>
  %43 = select <8 x i1> %42, <8 x float> <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>, <8 x float> %41
  %44 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %43, <8 x float> <float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000>, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %45 = tail call <8 x float> @llvm.floor.v8f32(<8 x float> %44)
  %46 = fcmp olt <8 x float> %45, <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>
  %47 = select <8 x i1> %46, <8 x float> <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>, <8 x float> %45
  %48 = fcmp ogt <8 x float> %47, <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>
  %49 = select <8 x i1> %48, <8 x float> <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>, <8 x float> %47
  %50 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %49, <8 x float> <float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000>, <8 x float> %43)
  %51 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %49, <8 x float> <float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000>, <8 x float> %50)
  %52 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %51, <8 x float> <float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000>, <8 x float> <float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000>)
  %53 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %52, <8 x float> %51, <8 x float> <float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000>)
  %54 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %53, <8 x float> %51, <8 x float> <float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000>)
  %55 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %54, <8 x float> %51, <8 x float> <float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000>)
  %56 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %55, <8 x float> %51, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %57 = fmul <8 x float> %51, %51
  %58 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %56, <8 x float> %57, <8 x float> %51)
  %59 = fadd <8 x float> %58, <float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00>
  %60 = fptosi <8 x float> %49 to <8 x i32>
  %61 = shl <8 x i32> %60, <i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23>
  %62 = add <8 x i32> %61, <i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216>
  %63 = bitcast <8 x i32> %62 to <8 x float>
  %64 = fmul <8 x float> %59, %63
  %65 = getelementptr float, ptr %5, i64 %38
  store <8 x float> %64, ptr %65, align 4, !alias.scope !4, !noalias !1
  %66 = add nuw nsw i64 %8, 1
  %exitcond2.not = icmp eq i64 %66, 16
  br i1 %exitcond2.not, label %67, label %.preheader

67:                                               ; preds = %.preheader
  %68 = add nuw nsw i64 %6, 1
  %exitcond3.not = icmp eq i64 %68, 8
  br i1 %exitcond3.not, label %kiln_k8.body.exit, label %.preheader1

kiln_k8.body.exit:                                ; preds = %67
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k0(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  %6 = getelementptr inbounds i8, ptr %0, i64 16
  %7 = load ptr, ptr %6, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !6)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !9)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !11)
  br label %vector.ph

vector.ph:                                        ; preds = %middle.block, %entry
  %8 = phi i64 [ 0, %entry ], [ %92, %middle.block ]
  %9 = shl i64 %8, 8
  %broadcast.splatinsert = insertelement <8 x i64> poison, i64 %9, i64 0
  %broadcast.splat = shufflevector <8 x i64> %broadcast.splatinsert, <8 x i64> poison, <8 x i32> zeroinitializer
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %vec.ind = phi <8 x i64> [ <i64 0, i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7>, %vector.ph ], [ %vec.ind.next, %vector.body ]
  %10 = shl <8 x i64> %vec.ind, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %11 = add nuw nsw <8 x i64> %10, %broadcast.splat
  %12 = getelementptr float, ptr %3, <8 x i64> %11
  %wide.masked.gather = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %12, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %13 = getelementptr float, ptr %5, <8 x i64> %11
  %wide.masked.gather3 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %13, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %14 = fmul <8 x float> %wide.masked.gather, %wide.masked.gather3
  %15 = getelementptr float, ptr %7, <8 x i64> %11
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %14, <8 x ptr> %15, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %16 = or disjoint <8 x i64> %11, <i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1>
  %17 = getelementptr float, ptr %3, <8 x i64> %16
  %wide.masked.gather4 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %17, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %18 = getelementptr float, ptr %5, <8 x i64> %16
  %wide.masked.gather5 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %18, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %19 = fmul <8 x float> %wide.masked.gather4, %wide.masked.gather5
  %20 = getelementptr float, ptr %7, <8 x i64> %16
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %19, <8 x ptr> %20, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %21 = or disjoint <8 x i64> %11, <i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2>
  %22 = getelementptr float, ptr %3, <8 x i64> %21
  %wide.masked.gather6 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %22, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %23 = getelementptr float, ptr %5, <8 x i64> %21
  %wide.masked.gather7 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %23, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %24 = fmul <8 x float> %wide.masked.gather6, %wide.masked.gather7
  %25 = getelementptr float, ptr %7, <8 x i64> %21
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %24, <8 x ptr> %25, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %26 = or disjoint <8 x i64> %11, <i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3>
  %27 = getelementptr float, ptr %3, <8 x i64> %26
  %wide.masked.gather8 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %27, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %28 = getelementptr float, ptr %5, <8 x i64> %26
  %wide.masked.gather9 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %28, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %29 = fmul <8 x float> %wide.masked.gather8, %wide.masked.gather9
  %30 = getelementptr float, ptr %7, <8 x i64> %26
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %29, <8 x ptr> %30, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %31 = or disjoint <8 x i64> %11, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %32 = getelementptr float, ptr %3, <8 x i64> %31
  %wide.masked.gather10 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %32, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %33 = getelementptr float, ptr %5, <8 x i64> %31
  %wide.masked.gather11 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %33, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %34 = fmul <8 x float> %wide.masked.gather10, %wide.masked.gather11
  %35 = getelementptr float, ptr %7, <8 x i64> %31
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %34, <8 x ptr> %35, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %36 = or disjoint <8 x i64> %11, <i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5>
  %37 = getelementptr float, ptr %3, <8 x i64> %36
  %wide.masked.gather12 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %37, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %38 = getelementptr float, ptr %5, <8 x i64> %36
  %wide.masked.gather13 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %38, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %39 = fmul <8 x float> %wide.masked.gather12, %wide.masked.gather13
  %40 = getelementptr float, ptr %7, <8 x i64> %36
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %39, <8 x ptr> %40, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %41 = or disjoint <8 x i64> %11, <i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6>
  %42 = getelementptr float, ptr %3, <8 x i64> %41
  %wide.masked.gather14 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %42, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %43 = getelementptr float, ptr %5, <8 x i64> %41
  %wide.masked.gather15 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %43, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %44 = fmul <8 x float> %wide.masked.gather14, %wide.masked.gather15
  %45 = getelementptr float, ptr %7, <8 x i64> %41
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %44, <8 x ptr> %45, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %46 = or disjoint <8 x i64> %11, <i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7>
  %47 = getelementptr float, ptr %3, <8 x i64> %46
  %wide.masked.gather16 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %47, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %48 = getelementptr float, ptr %5, <8 x i64> %46
  %wide.masked.gather17 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %48, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %49 = fmul <8 x float> %wide.masked.gather16, %wide.masked.gather17
  %50 = getelementptr float, ptr %7, <8 x i64> %46
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %49, <8 x ptr> %50, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %51 = or disjoint <8 x i64> %11, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %52 = getelementptr float, ptr %3, <8 x i64> %51
  %wide.masked.gather18 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %52, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %53 = getelementptr float, ptr %5, <8 x i64> %51
  %wide.masked.gather19 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %53, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %54 = fmul <8 x float> %wide.masked.gather18, %wide.masked.gather19
  %55 = getelementptr float, ptr %7, <8 x i64> %51
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %54, <8 x ptr> %55, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %56 = or disjoint <8 x i64> %11, <i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9>
  %57 = getelementptr float, ptr %3, <8 x i64> %56
  %wide.masked.gather20 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %57, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %58 = getelementptr float, ptr %5, <8 x i64> %56
  %wide.masked.gather21 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %58, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %59 = fmul <8 x float> %wide.masked.gather20, %wide.masked.gather21
  %60 = getelementptr float, ptr %7, <8 x i64> %56
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %59, <8 x ptr> %60, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %61 = or disjoint <8 x i64> %11, <i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10>
  %62 = getelementptr float, ptr %3, <8 x i64> %61
  %wide.masked.gather22 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %62, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %63 = getelementptr float, ptr %5, <8 x i64> %61
  %wide.masked.gather23 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %63, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %64 = fmul <8 x float> %wide.masked.gather22, %wide.masked.gather23
  %65 = getelementptr float, ptr %7, <8 x i64> %61
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %64, <8 x ptr> %65, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %66 = or disjoint <8 x i64> %11, <i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11>
  %67 = getelementptr float, ptr %3, <8 x i64> %66
  %wide.masked.gather24 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %67, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %68 = getelementptr float, ptr %5, <8 x i64> %66
  %wide.masked.gather25 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %68, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %69 = fmul <8 x float> %wide.masked.gather24, %wide.masked.gather25
  %70 = getelementptr float, ptr %7, <8 x i64> %66
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %69, <8 x ptr> %70, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %71 = or disjoint <8 x i64> %11, <i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12>
  %72 = getelementptr float, ptr %3, <8 x i64> %71
  %wide.masked.gather26 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %72, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %73 = getelementptr float, ptr %5, <8 x i64> %71
  %wide.masked.gather27 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %73, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %74 = fmul <8 x float> %wide.masked.gather26, %wide.masked.gather27
  %75 = getelementptr float, ptr %7, <8 x i64> %71
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %74, <8 x ptr> %75, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %76 = or disjoint <8 x i64> %11, <i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13>
  %77 = getelementptr float, ptr %3, <8 x i64> %76
  %wide.masked.gather28 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %77, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %78 = getelementptr float, ptr %5, <8 x i64> %76
  %wide.masked.gather29 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %78, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %79 = fmul <8 x float> %wide.masked.gather28, %wide.masked.gather29
  %80 = getelementptr float, ptr %7, <8 x i64> %76
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %79, <8 x ptr> %80, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %81 = or disjoint <8 x i64> %11, <i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14>
  %82 = getelementptr float, ptr %3, <8 x i64> %81
  %wide.masked.gather30 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %82, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %83 = getelementptr float, ptr %5, <8 x i64> %81
  %wide.masked.gather31 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %83, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %84 = fmul <8 x float> %wide.masked.gather30, %wide.masked.gather31
  %85 = getelementptr float, ptr %7, <8 x i64> %81
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %84, <8 x ptr> %85, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %86 = or disjoint <8 x i64> %11, <i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15>
  %87 = getelementptr float, ptr %3, <8 x i64> %86
  %wide.masked.gather32 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %87, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !6, !noalias !13
  %88 = getelementptr float, ptr %5, <8 x i64> %86
  %wide.masked.gather33 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %88, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !9, !noalias !14
  %89 = fmul <8 x float> %wide.masked.gather32, %wide.masked.gather33
  %90 = getelementptr float, ptr %7, <8 x i64> %86
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %89, <8 x ptr> %90, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !11, !noalias !15
  %index.next = add nuw i64 %index, 8
  %vec.ind.next = add <8 x i64> %vec.ind, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %91 = icmp eq i64 %index.next, 16
  br i1 %91, label %middle.block, label %vector.body, !llvm.loop !16

middle.block:                                     ; preds = %vector.body
  %92 = add nuw nsw i64 %8, 1
  %exitcond2.not = icmp eq i64 %92, 8
  br i1 %exitcond2.not, label %kiln_k0.body.exit, label %vector.ph

kiln_k0.body.exit:                                ; preds = %middle.block
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k4(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  %6 = getelementptr inbounds i8, ptr %0, i64 16
  %7 = load ptr, ptr %6, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !19)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !22)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !24)
  br label %vector.ph

vector.ph:                                        ; preds = %middle.block, %entry
  %8 = phi i64 [ 0, %entry ], [ %92, %middle.block ]
  %9 = shl i64 %8, 8
  %broadcast.splatinsert = insertelement <8 x i64> poison, i64 %9, i64 0
  %broadcast.splat = shufflevector <8 x i64> %broadcast.splatinsert, <8 x i64> poison, <8 x i32> zeroinitializer
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %vec.ind = phi <8 x i64> [ <i64 0, i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7>, %vector.ph ], [ %vec.ind.next, %vector.body ]
  %10 = shl <8 x i64> %vec.ind, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %11 = add nuw nsw <8 x i64> %10, %broadcast.splat
  %12 = getelementptr float, ptr %3, <8 x i64> %11
  %wide.masked.gather = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %12, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %13 = getelementptr float, ptr %5, <8 x i64> %11
  %wide.masked.gather3 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %13, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %14 = fsub <8 x float> %wide.masked.gather, %wide.masked.gather3
  %15 = getelementptr float, ptr %7, <8 x i64> %11
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %14, <8 x ptr> %15, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %16 = or disjoint <8 x i64> %11, <i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1>
  %17 = getelementptr float, ptr %3, <8 x i64> %16
  %wide.masked.gather4 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %17, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %18 = getelementptr float, ptr %5, <8 x i64> %16
  %wide.masked.gather5 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %18, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %19 = fsub <8 x float> %wide.masked.gather4, %wide.masked.gather5
  %20 = getelementptr float, ptr %7, <8 x i64> %16
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %19, <8 x ptr> %20, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %21 = or disjoint <8 x i64> %11, <i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2>
  %22 = getelementptr float, ptr %3, <8 x i64> %21
  %wide.masked.gather6 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %22, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %23 = getelementptr float, ptr %5, <8 x i64> %21
  %wide.masked.gather7 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %23, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %24 = fsub <8 x float> %wide.masked.gather6, %wide.masked.gather7
  %25 = getelementptr float, ptr %7, <8 x i64> %21
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %24, <8 x ptr> %25, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %26 = or disjoint <8 x i64> %11, <i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3>
  %27 = getelementptr float, ptr %3, <8 x i64> %26
  %wide.masked.gather8 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %27, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %28 = getelementptr float, ptr %5, <8 x i64> %26
  %wide.masked.gather9 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %28, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %29 = fsub <8 x float> %wide.masked.gather8, %wide.masked.gather9
  %30 = getelementptr float, ptr %7, <8 x i64> %26
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %29, <8 x ptr> %30, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %31 = or disjoint <8 x i64> %11, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %32 = getelementptr float, ptr %3, <8 x i64> %31
  %wide.masked.gather10 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %32, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %33 = getelementptr float, ptr %5, <8 x i64> %31
  %wide.masked.gather11 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %33, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %34 = fsub <8 x float> %wide.masked.gather10, %wide.masked.gather11
  %35 = getelementptr float, ptr %7, <8 x i64> %31
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %34, <8 x ptr> %35, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %36 = or disjoint <8 x i64> %11, <i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5>
  %37 = getelementptr float, ptr %3, <8 x i64> %36
  %wide.masked.gather12 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %37, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %38 = getelementptr float, ptr %5, <8 x i64> %36
  %wide.masked.gather13 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %38, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %39 = fsub <8 x float> %wide.masked.gather12, %wide.masked.gather13
  %40 = getelementptr float, ptr %7, <8 x i64> %36
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %39, <8 x ptr> %40, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %41 = or disjoint <8 x i64> %11, <i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6>
  %42 = getelementptr float, ptr %3, <8 x i64> %41
  %wide.masked.gather14 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %42, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %43 = getelementptr float, ptr %5, <8 x i64> %41
  %wide.masked.gather15 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %43, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %44 = fsub <8 x float> %wide.masked.gather14, %wide.masked.gather15
  %45 = getelementptr float, ptr %7, <8 x i64> %41
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %44, <8 x ptr> %45, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %46 = or disjoint <8 x i64> %11, <i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7>
  %47 = getelementptr float, ptr %3, <8 x i64> %46
  %wide.masked.gather16 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %47, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %48 = getelementptr float, ptr %5, <8 x i64> %46
  %wide.masked.gather17 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %48, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %49 = fsub <8 x float> %wide.masked.gather16, %wide.masked.gather17
  %50 = getelementptr float, ptr %7, <8 x i64> %46
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %49, <8 x ptr> %50, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %51 = or disjoint <8 x i64> %11, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %52 = getelementptr float, ptr %3, <8 x i64> %51
  %wide.masked.gather18 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %52, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %53 = getelementptr float, ptr %5, <8 x i64> %51
  %wide.masked.gather19 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %53, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %54 = fsub <8 x float> %wide.masked.gather18, %wide.masked.gather19
  %55 = getelementptr float, ptr %7, <8 x i64> %51
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %54, <8 x ptr> %55, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %56 = or disjoint <8 x i64> %11, <i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9>
  %57 = getelementptr float, ptr %3, <8 x i64> %56
  %wide.masked.gather20 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %57, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %58 = getelementptr float, ptr %5, <8 x i64> %56
  %wide.masked.gather21 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %58, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %59 = fsub <8 x float> %wide.masked.gather20, %wide.masked.gather21
  %60 = getelementptr float, ptr %7, <8 x i64> %56
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %59, <8 x ptr> %60, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %61 = or disjoint <8 x i64> %11, <i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10>
  %62 = getelementptr float, ptr %3, <8 x i64> %61
  %wide.masked.gather22 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %62, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %63 = getelementptr float, ptr %5, <8 x i64> %61
  %wide.masked.gather23 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %63, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %64 = fsub <8 x float> %wide.masked.gather22, %wide.masked.gather23
  %65 = getelementptr float, ptr %7, <8 x i64> %61
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %64, <8 x ptr> %65, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %66 = or disjoint <8 x i64> %11, <i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11>
  %67 = getelementptr float, ptr %3, <8 x i64> %66
  %wide.masked.gather24 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %67, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %68 = getelementptr float, ptr %5, <8 x i64> %66
  %wide.masked.gather25 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %68, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %69 = fsub <8 x float> %wide.masked.gather24, %wide.masked.gather25
  %70 = getelementptr float, ptr %7, <8 x i64> %66
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %69, <8 x ptr> %70, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %71 = or disjoint <8 x i64> %11, <i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12>
  %72 = getelementptr float, ptr %3, <8 x i64> %71
  %wide.masked.gather26 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %72, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %73 = getelementptr float, ptr %5, <8 x i64> %71
  %wide.masked.gather27 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %73, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %74 = fsub <8 x float> %wide.masked.gather26, %wide.masked.gather27
  %75 = getelementptr float, ptr %7, <8 x i64> %71
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %74, <8 x ptr> %75, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %76 = or disjoint <8 x i64> %11, <i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13>
  %77 = getelementptr float, ptr %3, <8 x i64> %76
  %wide.masked.gather28 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %77, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %78 = getelementptr float, ptr %5, <8 x i64> %76
  %wide.masked.gather29 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %78, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %79 = fsub <8 x float> %wide.masked.gather28, %wide.masked.gather29
  %80 = getelementptr float, ptr %7, <8 x i64> %76
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %79, <8 x ptr> %80, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %81 = or disjoint <8 x i64> %11, <i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14>
  %82 = getelementptr float, ptr %3, <8 x i64> %81
  %wide.masked.gather30 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %82, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %83 = getelementptr float, ptr %5, <8 x i64> %81
  %wide.masked.gather31 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %83, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %84 = fsub <8 x float> %wide.masked.gather30, %wide.masked.gather31
  %85 = getelementptr float, ptr %7, <8 x i64> %81
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %84, <8 x ptr> %85, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %86 = or disjoint <8 x i64> %11, <i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15>
  %87 = getelementptr float, ptr %3, <8 x i64> %86
  %wide.masked.gather32 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %87, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !19, !noalias !26
  %88 = getelementptr float, ptr %5, <8 x i64> %86
  %wide.masked.gather33 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %88, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !22, !noalias !27
  %89 = fsub <8 x float> %wide.masked.gather32, %wide.masked.gather33
  %90 = getelementptr float, ptr %7, <8 x i64> %86
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %89, <8 x ptr> %90, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !24, !noalias !28
  %index.next = add nuw i64 %index, 8
  %vec.ind.next = add <8 x i64> %vec.ind, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %91 = icmp eq i64 %index.next, 16
  br i1 %91, label %middle.block, label %vector.body, !llvm.loop !29

middle.block:                                     ; preds = %vector.body
  %92 = add nuw nsw i64 %8, 1
  %exitcond2.not = icmp eq i64 %92, 8
  br i1 %exitcond2.not, label %kiln_k4.body.exit, label %vector.ph

kiln_k4.body.exit:                                ; preds = %middle.block
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k9(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  %6 = getelementptr inbounds i8, ptr %0, i64 16
  %7 = load ptr, ptr %6, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !30)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !33)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !35)
  br label %vector.ph

vector.ph:                                        ; preds = %middle.block, %entry
  %8 = phi i64 [ 0, %entry ], [ %92, %middle.block ]
  %9 = shl i64 %8, 8
  %broadcast.splatinsert = insertelement <8 x i64> poison, i64 %9, i64 0
  %broadcast.splat = shufflevector <8 x i64> %broadcast.splatinsert, <8 x i64> poison, <8 x i32> zeroinitializer
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %vec.ind = phi <8 x i64> [ <i64 0, i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7>, %vector.ph ], [ %vec.ind.next, %vector.body ]
  %10 = shl <8 x i64> %vec.ind, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %11 = add nuw nsw <8 x i64> %10, %broadcast.splat
  %12 = getelementptr float, ptr %3, <8 x i64> %11
  %wide.masked.gather = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %12, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %13 = getelementptr float, ptr %5, <8 x i64> %11
  %wide.masked.gather3 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %13, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %14 = fdiv <8 x float> %wide.masked.gather, %wide.masked.gather3
  %15 = getelementptr float, ptr %7, <8 x i64> %11
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %14, <8 x ptr> %15, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %16 = or disjoint <8 x i64> %11, <i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1>
  %17 = getelementptr float, ptr %3, <8 x i64> %16
  %wide.masked.gather4 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %17, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %18 = getelementptr float, ptr %5, <8 x i64> %16
  %wide.masked.gather5 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %18, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %19 = fdiv <8 x float> %wide.masked.gather4, %wide.masked.gather5
  %20 = getelementptr float, ptr %7, <8 x i64> %16
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %19, <8 x ptr> %20, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %21 = or disjoint <8 x i64> %11, <i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2>
  %22 = getelementptr float, ptr %3, <8 x i64> %21
  %wide.masked.gather6 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %22, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %23 = getelementptr float, ptr %5, <8 x i64> %21
  %wide.masked.gather7 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %23, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %24 = fdiv <8 x float> %wide.masked.gather6, %wide.masked.gather7
  %25 = getelementptr float, ptr %7, <8 x i64> %21
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %24, <8 x ptr> %25, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %26 = or disjoint <8 x i64> %11, <i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3>
  %27 = getelementptr float, ptr %3, <8 x i64> %26
  %wide.masked.gather8 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %27, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %28 = getelementptr float, ptr %5, <8 x i64> %26
  %wide.masked.gather9 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %28, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %29 = fdiv <8 x float> %wide.masked.gather8, %wide.masked.gather9
  %30 = getelementptr float, ptr %7, <8 x i64> %26
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %29, <8 x ptr> %30, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %31 = or disjoint <8 x i64> %11, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %32 = getelementptr float, ptr %3, <8 x i64> %31
  %wide.masked.gather10 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %32, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %33 = getelementptr float, ptr %5, <8 x i64> %31
  %wide.masked.gather11 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %33, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %34 = fdiv <8 x float> %wide.masked.gather10, %wide.masked.gather11
  %35 = getelementptr float, ptr %7, <8 x i64> %31
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %34, <8 x ptr> %35, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %36 = or disjoint <8 x i64> %11, <i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5>
  %37 = getelementptr float, ptr %3, <8 x i64> %36
  %wide.masked.gather12 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %37, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %38 = getelementptr float, ptr %5, <8 x i64> %36
  %wide.masked.gather13 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %38, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %39 = fdiv <8 x float> %wide.masked.gather12, %wide.masked.gather13
  %40 = getelementptr float, ptr %7, <8 x i64> %36
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %39, <8 x ptr> %40, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %41 = or disjoint <8 x i64> %11, <i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6>
  %42 = getelementptr float, ptr %3, <8 x i64> %41
  %wide.masked.gather14 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %42, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %43 = getelementptr float, ptr %5, <8 x i64> %41
  %wide.masked.gather15 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %43, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %44 = fdiv <8 x float> %wide.masked.gather14, %wide.masked.gather15
  %45 = getelementptr float, ptr %7, <8 x i64> %41
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %44, <8 x ptr> %45, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %46 = or disjoint <8 x i64> %11, <i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7>
  %47 = getelementptr float, ptr %3, <8 x i64> %46
  %wide.masked.gather16 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %47, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %48 = getelementptr float, ptr %5, <8 x i64> %46
  %wide.masked.gather17 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %48, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %49 = fdiv <8 x float> %wide.masked.gather16, %wide.masked.gather17
  %50 = getelementptr float, ptr %7, <8 x i64> %46
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %49, <8 x ptr> %50, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %51 = or disjoint <8 x i64> %11, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %52 = getelementptr float, ptr %3, <8 x i64> %51
  %wide.masked.gather18 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %52, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %53 = getelementptr float, ptr %5, <8 x i64> %51
  %wide.masked.gather19 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %53, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %54 = fdiv <8 x float> %wide.masked.gather18, %wide.masked.gather19
  %55 = getelementptr float, ptr %7, <8 x i64> %51
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %54, <8 x ptr> %55, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %56 = or disjoint <8 x i64> %11, <i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9>
  %57 = getelementptr float, ptr %3, <8 x i64> %56
  %wide.masked.gather20 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %57, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %58 = getelementptr float, ptr %5, <8 x i64> %56
  %wide.masked.gather21 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %58, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %59 = fdiv <8 x float> %wide.masked.gather20, %wide.masked.gather21
  %60 = getelementptr float, ptr %7, <8 x i64> %56
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %59, <8 x ptr> %60, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %61 = or disjoint <8 x i64> %11, <i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10>
  %62 = getelementptr float, ptr %3, <8 x i64> %61
  %wide.masked.gather22 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %62, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %63 = getelementptr float, ptr %5, <8 x i64> %61
  %wide.masked.gather23 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %63, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %64 = fdiv <8 x float> %wide.masked.gather22, %wide.masked.gather23
  %65 = getelementptr float, ptr %7, <8 x i64> %61
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %64, <8 x ptr> %65, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %66 = or disjoint <8 x i64> %11, <i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11>
  %67 = getelementptr float, ptr %3, <8 x i64> %66
  %wide.masked.gather24 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %67, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %68 = getelementptr float, ptr %5, <8 x i64> %66
  %wide.masked.gather25 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %68, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %69 = fdiv <8 x float> %wide.masked.gather24, %wide.masked.gather25
  %70 = getelementptr float, ptr %7, <8 x i64> %66
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %69, <8 x ptr> %70, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %71 = or disjoint <8 x i64> %11, <i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12>
  %72 = getelementptr float, ptr %3, <8 x i64> %71
  %wide.masked.gather26 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %72, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %73 = getelementptr float, ptr %5, <8 x i64> %71
  %wide.masked.gather27 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %73, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %74 = fdiv <8 x float> %wide.masked.gather26, %wide.masked.gather27
  %75 = getelementptr float, ptr %7, <8 x i64> %71
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %74, <8 x ptr> %75, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %76 = or disjoint <8 x i64> %11, <i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13>
  %77 = getelementptr float, ptr %3, <8 x i64> %76
  %wide.masked.gather28 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %77, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %78 = getelementptr float, ptr %5, <8 x i64> %76
  %wide.masked.gather29 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %78, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %79 = fdiv <8 x float> %wide.masked.gather28, %wide.masked.gather29
  %80 = getelementptr float, ptr %7, <8 x i64> %76
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %79, <8 x ptr> %80, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %81 = or disjoint <8 x i64> %11, <i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14>
  %82 = getelementptr float, ptr %3, <8 x i64> %81
  %wide.masked.gather30 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %82, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %83 = getelementptr float, ptr %5, <8 x i64> %81
  %wide.masked.gather31 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %83, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %84 = fdiv <8 x float> %wide.masked.gather30, %wide.masked.gather31
  %85 = getelementptr float, ptr %7, <8 x i64> %81
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %84, <8 x ptr> %85, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %86 = or disjoint <8 x i64> %11, <i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15>
  %87 = getelementptr float, ptr %3, <8 x i64> %86
  %wide.masked.gather32 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %87, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !30, !noalias !37
  %88 = getelementptr float, ptr %5, <8 x i64> %86
  %wide.masked.gather33 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %88, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !33, !noalias !38
  %89 = fdiv <8 x float> %wide.masked.gather32, %wide.masked.gather33
  %90 = getelementptr float, ptr %7, <8 x i64> %86
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %89, <8 x ptr> %90, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !35, !noalias !39
  %index.next = add nuw i64 %index, 8
  %vec.ind.next = add <8 x i64> %vec.ind, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %91 = icmp eq i64 %index.next, 16
  br i1 %91, label %middle.block, label %vector.body, !llvm.loop !40

middle.block:                                     ; preds = %vector.body
  %92 = add nuw nsw i64 %8, 1
  %exitcond2.not = icmp eq i64 %92, 8
  br i1 %exitcond2.not, label %kiln_k9.body.exit, label %vector.ph

kiln_k9.body.exit:                                ; preds = %middle.block
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k1(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !41)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !44)
  br label %vector.ph

vector.ph:                                        ; preds = %vector.ph, %entry
  %6 = phi i64 [ 0, %entry ], [ %138, %vector.ph ]
  %7 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %6
  %8 = load float, ptr %7, align 4, !noalias !46
  %broadcast.splatinsert3 = insertelement <8 x float> poison, float %8, i64 0
  %broadcast.splat4 = shufflevector <8 x float> %broadcast.splatinsert3, <8 x float> poison, <8 x i32> zeroinitializer
  %9 = shl i64 %6, 8
  %broadcast.splatinsert = insertelement <8 x i64> poison, i64 %9, i64 0
  %broadcast.splat = shufflevector <8 x i64> %broadcast.splatinsert, <8 x i64> poison, <8 x i32> zeroinitializer
  %10 = or disjoint <8 x i64> %broadcast.splat, <i64 0, i64 16, i64 32, i64 48, i64 64, i64 80, i64 96, i64 112>
  %11 = getelementptr float, ptr %3, <8 x i64> %10
  %wide.masked.gather = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %11, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %12 = fadd <8 x float> %wide.masked.gather, %broadcast.splat4
  %13 = getelementptr float, ptr %5, <8 x i64> %10
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %12, <8 x ptr> %13, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %14 = or disjoint <8 x i64> %broadcast.splat, <i64 1, i64 17, i64 33, i64 49, i64 65, i64 81, i64 97, i64 113>
  %15 = getelementptr float, ptr %3, <8 x i64> %14
  %wide.masked.gather5 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %15, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %16 = fadd <8 x float> %wide.masked.gather5, %broadcast.splat4
  %17 = getelementptr float, ptr %5, <8 x i64> %14
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %16, <8 x ptr> %17, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %18 = or disjoint <8 x i64> %broadcast.splat, <i64 2, i64 18, i64 34, i64 50, i64 66, i64 82, i64 98, i64 114>
  %19 = getelementptr float, ptr %3, <8 x i64> %18
  %wide.masked.gather6 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %19, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %20 = fadd <8 x float> %wide.masked.gather6, %broadcast.splat4
  %21 = getelementptr float, ptr %5, <8 x i64> %18
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %20, <8 x ptr> %21, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %22 = or disjoint <8 x i64> %broadcast.splat, <i64 3, i64 19, i64 35, i64 51, i64 67, i64 83, i64 99, i64 115>
  %23 = getelementptr float, ptr %3, <8 x i64> %22
  %wide.masked.gather7 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %23, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %24 = fadd <8 x float> %wide.masked.gather7, %broadcast.splat4
  %25 = getelementptr float, ptr %5, <8 x i64> %22
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %24, <8 x ptr> %25, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %26 = or disjoint <8 x i64> %broadcast.splat, <i64 4, i64 20, i64 36, i64 52, i64 68, i64 84, i64 100, i64 116>
  %27 = getelementptr float, ptr %3, <8 x i64> %26
  %wide.masked.gather8 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %27, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %28 = fadd <8 x float> %wide.masked.gather8, %broadcast.splat4
  %29 = getelementptr float, ptr %5, <8 x i64> %26
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %28, <8 x ptr> %29, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %30 = or disjoint <8 x i64> %broadcast.splat, <i64 5, i64 21, i64 37, i64 53, i64 69, i64 85, i64 101, i64 117>
  %31 = getelementptr float, ptr %3, <8 x i64> %30
  %wide.masked.gather9 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %31, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %32 = fadd <8 x float> %wide.masked.gather9, %broadcast.splat4
  %33 = getelementptr float, ptr %5, <8 x i64> %30
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %32, <8 x ptr> %33, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %34 = or disjoint <8 x i64> %broadcast.splat, <i64 6, i64 22, i64 38, i64 54, i64 70, i64 86, i64 102, i64 118>
  %35 = getelementptr float, ptr %3, <8 x i64> %34
  %wide.masked.gather10 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %35, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %36 = fadd <8 x float> %wide.masked.gather10, %broadcast.splat4
  %37 = getelementptr float, ptr %5, <8 x i64> %34
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %36, <8 x ptr> %37, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %38 = or disjoint <8 x i64> %broadcast.splat, <i64 7, i64 23, i64 39, i64 55, i64 71, i64 87, i64 103, i64 119>
  %39 = getelementptr float, ptr %3, <8 x i64> %38
  %wide.masked.gather11 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %39, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %40 = fadd <8 x float> %wide.masked.gather11, %broadcast.splat4
  %41 = getelementptr float, ptr %5, <8 x i64> %38
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %40, <8 x ptr> %41, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %42 = or disjoint <8 x i64> %broadcast.splat, <i64 8, i64 24, i64 40, i64 56, i64 72, i64 88, i64 104, i64 120>
  %43 = getelementptr float, ptr %3, <8 x i64> %42
  %wide.masked.gather12 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %43, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %44 = fadd <8 x float> %wide.masked.gather12, %broadcast.splat4
  %45 = getelementptr float, ptr %5, <8 x i64> %42
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %44, <8 x ptr> %45, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %46 = or disjoint <8 x i64> %broadcast.splat, <i64 9, i64 25, i64 41, i64 57, i64 73, i64 89, i64 105, i64 121>
  %47 = getelementptr float, ptr %3, <8 x i64> %46
  %wide.masked.gather13 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %47, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %48 = fadd <8 x float> %wide.masked.gather13, %broadcast.splat4
  %49 = getelementptr float, ptr %5, <8 x i64> %46
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %48, <8 x ptr> %49, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %50 = or disjoint <8 x i64> %broadcast.splat, <i64 10, i64 26, i64 42, i64 58, i64 74, i64 90, i64 106, i64 122>
  %51 = getelementptr float, ptr %3, <8 x i64> %50
  %wide.masked.gather14 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %51, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %52 = fadd <8 x float> %wide.masked.gather14, %broadcast.splat4
  %53 = getelementptr float, ptr %5, <8 x i64> %50
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %52, <8 x ptr> %53, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %54 = or disjoint <8 x i64> %broadcast.splat, <i64 11, i64 27, i64 43, i64 59, i64 75, i64 91, i64 107, i64 123>
  %55 = getelementptr float, ptr %3, <8 x i64> %54
  %wide.masked.gather15 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %55, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %56 = fadd <8 x float> %wide.masked.gather15, %broadcast.splat4
  %57 = getelementptr float, ptr %5, <8 x i64> %54
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %56, <8 x ptr> %57, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %58 = or disjoint <8 x i64> %broadcast.splat, <i64 12, i64 28, i64 44, i64 60, i64 76, i64 92, i64 108, i64 124>
  %59 = getelementptr float, ptr %3, <8 x i64> %58
  %wide.masked.gather16 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %59, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %60 = fadd <8 x float> %wide.masked.gather16, %broadcast.splat4
  %61 = getelementptr float, ptr %5, <8 x i64> %58
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %60, <8 x ptr> %61, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %62 = or disjoint <8 x i64> %broadcast.splat, <i64 13, i64 29, i64 45, i64 61, i64 77, i64 93, i64 109, i64 125>
  %63 = getelementptr float, ptr %3, <8 x i64> %62
  %wide.masked.gather17 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %63, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %64 = fadd <8 x float> %wide.masked.gather17, %broadcast.splat4
  %65 = getelementptr float, ptr %5, <8 x i64> %62
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %64, <8 x ptr> %65, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %66 = or disjoint <8 x i64> %broadcast.splat, <i64 14, i64 30, i64 46, i64 62, i64 78, i64 94, i64 110, i64 126>
  %67 = getelementptr float, ptr %3, <8 x i64> %66
  %wide.masked.gather18 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %67, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %68 = fadd <8 x float> %wide.masked.gather18, %broadcast.splat4
  %69 = getelementptr float, ptr %5, <8 x i64> %66
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %68, <8 x ptr> %69, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %70 = or disjoint <8 x i64> %broadcast.splat, <i64 15, i64 31, i64 47, i64 63, i64 79, i64 95, i64 111, i64 127>
  %71 = getelementptr float, ptr %3, <8 x i64> %70
  %wide.masked.gather19 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %71, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %72 = fadd <8 x float> %wide.masked.gather19, %broadcast.splat4
  %73 = getelementptr float, ptr %5, <8 x i64> %70
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %72, <8 x ptr> %73, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %74 = or disjoint <8 x i64> %broadcast.splat, <i64 128, i64 144, i64 160, i64 176, i64 192, i64 208, i64 224, i64 240>
  %75 = getelementptr float, ptr %3, <8 x i64> %74
  %wide.masked.gather.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %75, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %76 = fadd <8 x float> %wide.masked.gather.1, %broadcast.splat4
  %77 = getelementptr float, ptr %5, <8 x i64> %74
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %76, <8 x ptr> %77, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %78 = or disjoint <8 x i64> %broadcast.splat, <i64 129, i64 145, i64 161, i64 177, i64 193, i64 209, i64 225, i64 241>
  %79 = getelementptr float, ptr %3, <8 x i64> %78
  %wide.masked.gather5.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %79, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %80 = fadd <8 x float> %wide.masked.gather5.1, %broadcast.splat4
  %81 = getelementptr float, ptr %5, <8 x i64> %78
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %80, <8 x ptr> %81, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %82 = or disjoint <8 x i64> %broadcast.splat, <i64 130, i64 146, i64 162, i64 178, i64 194, i64 210, i64 226, i64 242>
  %83 = getelementptr float, ptr %3, <8 x i64> %82
  %wide.masked.gather6.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %83, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %84 = fadd <8 x float> %wide.masked.gather6.1, %broadcast.splat4
  %85 = getelementptr float, ptr %5, <8 x i64> %82
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %84, <8 x ptr> %85, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %86 = or disjoint <8 x i64> %broadcast.splat, <i64 131, i64 147, i64 163, i64 179, i64 195, i64 211, i64 227, i64 243>
  %87 = getelementptr float, ptr %3, <8 x i64> %86
  %wide.masked.gather7.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %87, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %88 = fadd <8 x float> %wide.masked.gather7.1, %broadcast.splat4
  %89 = getelementptr float, ptr %5, <8 x i64> %86
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %88, <8 x ptr> %89, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %90 = or disjoint <8 x i64> %broadcast.splat, <i64 132, i64 148, i64 164, i64 180, i64 196, i64 212, i64 228, i64 244>
  %91 = getelementptr float, ptr %3, <8 x i64> %90
  %wide.masked.gather8.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %91, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %92 = fadd <8 x float> %wide.masked.gather8.1, %broadcast.splat4
  %93 = getelementptr float, ptr %5, <8 x i64> %90
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %92, <8 x ptr> %93, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %94 = or disjoint <8 x i64> %broadcast.splat, <i64 133, i64 149, i64 165, i64 181, i64 197, i64 213, i64 229, i64 245>
  %95 = getelementptr float, ptr %3, <8 x i64> %94
  %wide.masked.gather9.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %95, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %96 = fadd <8 x float> %wide.masked.gather9.1, %broadcast.splat4
  %97 = getelementptr float, ptr %5, <8 x i64> %94
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %96, <8 x ptr> %97, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %98 = or disjoint <8 x i64> %broadcast.splat, <i64 134, i64 150, i64 166, i64 182, i64 198, i64 214, i64 230, i64 246>
  %99 = getelementptr float, ptr %3, <8 x i64> %98
  %wide.masked.gather10.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %99, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %100 = fadd <8 x float> %wide.masked.gather10.1, %broadcast.splat4
  %101 = getelementptr float, ptr %5, <8 x i64> %98
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %100, <8 x ptr> %101, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %102 = or disjoint <8 x i64> %broadcast.splat, <i64 135, i64 151, i64 167, i64 183, i64 199, i64 215, i64 231, i64 247>
  %103 = getelementptr float, ptr %3, <8 x i64> %102
  %wide.masked.gather11.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %103, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %104 = fadd <8 x float> %wide.masked.gather11.1, %broadcast.splat4
  %105 = getelementptr float, ptr %5, <8 x i64> %102
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %104, <8 x ptr> %105, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %106 = or disjoint <8 x i64> %broadcast.splat, <i64 136, i64 152, i64 168, i64 184, i64 200, i64 216, i64 232, i64 248>
  %107 = getelementptr float, ptr %3, <8 x i64> %106
  %wide.masked.gather12.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %107, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %108 = fadd <8 x float> %wide.masked.gather12.1, %broadcast.splat4
  %109 = getelementptr float, ptr %5, <8 x i64> %106
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %108, <8 x ptr> %109, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %110 = or disjoint <8 x i64> %broadcast.splat, <i64 137, i64 153, i64 169, i64 185, i64 201, i64 217, i64 233, i64 249>
  %111 = getelementptr float, ptr %3, <8 x i64> %110
  %wide.masked.gather13.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %111, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %112 = fadd <8 x float> %wide.masked.gather13.1, %broadcast.splat4
  %113 = getelementptr float, ptr %5, <8 x i64> %110
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %112, <8 x ptr> %113, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %114 = or disjoint <8 x i64> %broadcast.splat, <i64 138, i64 154, i64 170, i64 186, i64 202, i64 218, i64 234, i64 250>
  %115 = getelementptr float, ptr %3, <8 x i64> %114
  %wide.masked.gather14.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %115, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %116 = fadd <8 x float> %wide.masked.gather14.1, %broadcast.splat4
  %117 = getelementptr float, ptr %5, <8 x i64> %114
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %116, <8 x ptr> %117, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %118 = or disjoint <8 x i64> %broadcast.splat, <i64 139, i64 155, i64 171, i64 187, i64 203, i64 219, i64 235, i64 251>
  %119 = getelementptr float, ptr %3, <8 x i64> %118
  %wide.masked.gather15.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %119, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %120 = fadd <8 x float> %wide.masked.gather15.1, %broadcast.splat4
  %121 = getelementptr float, ptr %5, <8 x i64> %118
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %120, <8 x ptr> %121, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %122 = or disjoint <8 x i64> %broadcast.splat, <i64 140, i64 156, i64 172, i64 188, i64 204, i64 220, i64 236, i64 252>
  %123 = getelementptr float, ptr %3, <8 x i64> %122
  %wide.masked.gather16.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %123, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %124 = fadd <8 x float> %wide.masked.gather16.1, %broadcast.splat4
  %125 = getelementptr float, ptr %5, <8 x i64> %122
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %124, <8 x ptr> %125, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %126 = or disjoint <8 x i64> %broadcast.splat, <i64 141, i64 157, i64 173, i64 189, i64 205, i64 221, i64 237, i64 253>
  %127 = getelementptr float, ptr %3, <8 x i64> %126
  %wide.masked.gather17.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %127, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %128 = fadd <8 x float> %wide.masked.gather17.1, %broadcast.splat4
  %129 = getelementptr float, ptr %5, <8 x i64> %126
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %128, <8 x ptr> %129, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %130 = or disjoint <8 x i64> %broadcast.splat, <i64 142, i64 158, i64 174, i64 190, i64 206, i64 222, i64 238, i64 254>
  %131 = getelementptr float, ptr %3, <8 x i64> %130
  %wide.masked.gather18.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %131, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %132 = fadd <8 x float> %wide.masked.gather18.1, %broadcast.splat4
  %133 = getelementptr float, ptr %5, <8 x i64> %130
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %132, <8 x ptr> %133, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %134 = or disjoint <8 x i64> %broadcast.splat, <i64 143, i64 159, i64 175, i64 191, i64 207, i64 223, i64 239, i64 255>
  %135 = getelementptr float, ptr %3, <8 x i64> %134
  %wide.masked.gather19.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %135, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !41, !noalias !44
  %136 = fadd <8 x float> %wide.masked.gather19.1, %broadcast.splat4
  %137 = getelementptr float, ptr %5, <8 x i64> %134
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %136, <8 x ptr> %137, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !44, !noalias !41
  %138 = add nuw nsw i64 %6, 1
  %exitcond2.not = icmp eq i64 %138, 8
  br i1 %exitcond2.not, label %kiln_k1.body.exit, label %vector.ph

kiln_k1.body.exit:                                ; preds = %vector.ph
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k6(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  %6 = getelementptr inbounds i8, ptr %0, i64 16
  %7 = load ptr, ptr %6, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !47)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !50)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !52)
  br label %vector.ph

vector.ph:                                        ; preds = %middle.block, %entry
  %8 = phi i64 [ 0, %entry ], [ %92, %middle.block ]
  %9 = shl i64 %8, 8
  %broadcast.splatinsert = insertelement <8 x i64> poison, i64 %9, i64 0
  %broadcast.splat = shufflevector <8 x i64> %broadcast.splatinsert, <8 x i64> poison, <8 x i32> zeroinitializer
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %vec.ind = phi <8 x i64> [ <i64 0, i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7>, %vector.ph ], [ %vec.ind.next, %vector.body ]
  %10 = shl <8 x i64> %vec.ind, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %11 = add nuw nsw <8 x i64> %10, %broadcast.splat
  %12 = getelementptr float, ptr %3, <8 x i64> %11
  %wide.masked.gather = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %12, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %13 = getelementptr float, ptr %5, <8 x i64> %11
  %wide.masked.gather3 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %13, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %14 = fmul <8 x float> %wide.masked.gather, %wide.masked.gather3
  %15 = getelementptr float, ptr %7, <8 x i64> %11
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %14, <8 x ptr> %15, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %16 = or disjoint <8 x i64> %11, <i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1>
  %17 = getelementptr float, ptr %3, <8 x i64> %16
  %wide.masked.gather4 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %17, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %18 = getelementptr float, ptr %5, <8 x i64> %16
  %wide.masked.gather5 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %18, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %19 = fmul <8 x float> %wide.masked.gather4, %wide.masked.gather5
  %20 = getelementptr float, ptr %7, <8 x i64> %16
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %19, <8 x ptr> %20, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %21 = or disjoint <8 x i64> %11, <i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2>
  %22 = getelementptr float, ptr %3, <8 x i64> %21
  %wide.masked.gather6 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %22, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %23 = getelementptr float, ptr %5, <8 x i64> %21
  %wide.masked.gather7 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %23, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %24 = fmul <8 x float> %wide.masked.gather6, %wide.masked.gather7
  %25 = getelementptr float, ptr %7, <8 x i64> %21
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %24, <8 x ptr> %25, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %26 = or disjoint <8 x i64> %11, <i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3>
  %27 = getelementptr float, ptr %3, <8 x i64> %26
  %wide.masked.gather8 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %27, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %28 = getelementptr float, ptr %5, <8 x i64> %26
  %wide.masked.gather9 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %28, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %29 = fmul <8 x float> %wide.masked.gather8, %wide.masked.gather9
  %30 = getelementptr float, ptr %7, <8 x i64> %26
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %29, <8 x ptr> %30, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %31 = or disjoint <8 x i64> %11, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %32 = getelementptr float, ptr %3, <8 x i64> %31
  %wide.masked.gather10 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %32, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %33 = getelementptr float, ptr %5, <8 x i64> %31
  %wide.masked.gather11 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %33, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %34 = fmul <8 x float> %wide.masked.gather10, %wide.masked.gather11
  %35 = getelementptr float, ptr %7, <8 x i64> %31
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %34, <8 x ptr> %35, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %36 = or disjoint <8 x i64> %11, <i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5>
  %37 = getelementptr float, ptr %3, <8 x i64> %36
  %wide.masked.gather12 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %37, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %38 = getelementptr float, ptr %5, <8 x i64> %36
  %wide.masked.gather13 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %38, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %39 = fmul <8 x float> %wide.masked.gather12, %wide.masked.gather13
  %40 = getelementptr float, ptr %7, <8 x i64> %36
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %39, <8 x ptr> %40, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %41 = or disjoint <8 x i64> %11, <i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6>
  %42 = getelementptr float, ptr %3, <8 x i64> %41
  %wide.masked.gather14 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %42, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %43 = getelementptr float, ptr %5, <8 x i64> %41
  %wide.masked.gather15 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %43, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %44 = fmul <8 x float> %wide.masked.gather14, %wide.masked.gather15
  %45 = getelementptr float, ptr %7, <8 x i64> %41
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %44, <8 x ptr> %45, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %46 = or disjoint <8 x i64> %11, <i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7>
  %47 = getelementptr float, ptr %3, <8 x i64> %46
  %wide.masked.gather16 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %47, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %48 = getelementptr float, ptr %5, <8 x i64> %46
  %wide.masked.gather17 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %48, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %49 = fmul <8 x float> %wide.masked.gather16, %wide.masked.gather17
  %50 = getelementptr float, ptr %7, <8 x i64> %46
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %49, <8 x ptr> %50, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %51 = or disjoint <8 x i64> %11, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %52 = getelementptr float, ptr %3, <8 x i64> %51
  %wide.masked.gather18 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %52, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %53 = getelementptr float, ptr %5, <8 x i64> %51
  %wide.masked.gather19 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %53, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %54 = fmul <8 x float> %wide.masked.gather18, %wide.masked.gather19
  %55 = getelementptr float, ptr %7, <8 x i64> %51
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %54, <8 x ptr> %55, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %56 = or disjoint <8 x i64> %11, <i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9>
  %57 = getelementptr float, ptr %3, <8 x i64> %56
  %wide.masked.gather20 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %57, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %58 = getelementptr float, ptr %5, <8 x i64> %56
  %wide.masked.gather21 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %58, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %59 = fmul <8 x float> %wide.masked.gather20, %wide.masked.gather21
  %60 = getelementptr float, ptr %7, <8 x i64> %56
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %59, <8 x ptr> %60, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %61 = or disjoint <8 x i64> %11, <i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10>
  %62 = getelementptr float, ptr %3, <8 x i64> %61
  %wide.masked.gather22 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %62, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %63 = getelementptr float, ptr %5, <8 x i64> %61
  %wide.masked.gather23 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %63, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %64 = fmul <8 x float> %wide.masked.gather22, %wide.masked.gather23
  %65 = getelementptr float, ptr %7, <8 x i64> %61
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %64, <8 x ptr> %65, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %66 = or disjoint <8 x i64> %11, <i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11>
  %67 = getelementptr float, ptr %3, <8 x i64> %66
  %wide.masked.gather24 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %67, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %68 = getelementptr float, ptr %5, <8 x i64> %66
  %wide.masked.gather25 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %68, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %69 = fmul <8 x float> %wide.masked.gather24, %wide.masked.gather25
  %70 = getelementptr float, ptr %7, <8 x i64> %66
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %69, <8 x ptr> %70, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %71 = or disjoint <8 x i64> %11, <i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12>
  %72 = getelementptr float, ptr %3, <8 x i64> %71
  %wide.masked.gather26 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %72, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %73 = getelementptr float, ptr %5, <8 x i64> %71
  %wide.masked.gather27 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %73, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %74 = fmul <8 x float> %wide.masked.gather26, %wide.masked.gather27
  %75 = getelementptr float, ptr %7, <8 x i64> %71
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %74, <8 x ptr> %75, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %76 = or disjoint <8 x i64> %11, <i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13>
  %77 = getelementptr float, ptr %3, <8 x i64> %76
  %wide.masked.gather28 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %77, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %78 = getelementptr float, ptr %5, <8 x i64> %76
  %wide.masked.gather29 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %78, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %79 = fmul <8 x float> %wide.masked.gather28, %wide.masked.gather29
  %80 = getelementptr float, ptr %7, <8 x i64> %76
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %79, <8 x ptr> %80, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %81 = or disjoint <8 x i64> %11, <i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14>
  %82 = getelementptr float, ptr %3, <8 x i64> %81
  %wide.masked.gather30 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %82, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %83 = getelementptr float, ptr %5, <8 x i64> %81
  %wide.masked.gather31 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %83, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %84 = fmul <8 x float> %wide.masked.gather30, %wide.masked.gather31
  %85 = getelementptr float, ptr %7, <8 x i64> %81
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %84, <8 x ptr> %85, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %86 = or disjoint <8 x i64> %11, <i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15>
  %87 = getelementptr float, ptr %3, <8 x i64> %86
  %wide.masked.gather32 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %87, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !47, !noalias !54
  %88 = getelementptr float, ptr %5, <8 x i64> %86
  %wide.masked.gather33 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %88, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !50, !noalias !55
  %89 = fmul <8 x float> %wide.masked.gather32, %wide.masked.gather33
  %90 = getelementptr float, ptr %7, <8 x i64> %86
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %89, <8 x ptr> %90, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !52, !noalias !56
  %index.next = add nuw i64 %index, 8
  %vec.ind.next = add <8 x i64> %vec.ind, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %91 = icmp eq i64 %index.next, 16
  br i1 %91, label %middle.block, label %vector.body, !llvm.loop !57

middle.block:                                     ; preds = %vector.body
  %92 = add nuw nsw i64 %8, 1
  %exitcond2.not = icmp eq i64 %92, 8
  br i1 %exitcond2.not, label %kiln_k6.body.exit, label %vector.ph

kiln_k6.body.exit:                                ; preds = %middle.block
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k2(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !58)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !61)
  br label %vector.ph

vector.ph:                                        ; preds = %middle.block, %entry
  %6 = phi i64 [ 0, %entry ], [ %90, %middle.block ]
  %7 = shl i64 %6, 8
  %broadcast.splatinsert = insertelement <8 x i64> poison, i64 %7, i64 0
  %broadcast.splat = shufflevector <8 x i64> %broadcast.splatinsert, <8 x i64> poison, <8 x i32> zeroinitializer
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %vec.ind = phi <8 x i64> [ <i64 0, i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7>, %vector.ph ], [ %vec.ind.next, %vector.body ]
  %8 = shl <8 x i64> %vec.ind, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %9 = add nuw nsw <8 x i64> %8, %broadcast.splat
  %10 = getelementptr float, ptr %3, <8 x i64> %9
  %wide.masked.gather = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %10, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %11 = fcmp olt <8 x float> %wide.masked.gather, zeroinitializer
  %12 = select <8 x i1> %11, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather
  %13 = getelementptr float, ptr %5, <8 x i64> %9
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %12, <8 x ptr> %13, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %14 = or disjoint <8 x i64> %9, <i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1>
  %15 = getelementptr float, ptr %3, <8 x i64> %14
  %wide.masked.gather3 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %15, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %16 = fcmp olt <8 x float> %wide.masked.gather3, zeroinitializer
  %17 = select <8 x i1> %16, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather3
  %18 = getelementptr float, ptr %5, <8 x i64> %14
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %17, <8 x ptr> %18, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %19 = or disjoint <8 x i64> %9, <i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2>
  %20 = getelementptr float, ptr %3, <8 x i64> %19
  %wide.masked.gather4 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %20, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %21 = fcmp olt <8 x float> %wide.masked.gather4, zeroinitializer
  %22 = select <8 x i1> %21, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather4
  %23 = getelementptr float, ptr %5, <8 x i64> %19
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %22, <8 x ptr> %23, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %24 = or disjoint <8 x i64> %9, <i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3>
  %25 = getelementptr float, ptr %3, <8 x i64> %24
  %wide.masked.gather5 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %25, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %26 = fcmp olt <8 x float> %wide.masked.gather5, zeroinitializer
  %27 = select <8 x i1> %26, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather5
  %28 = getelementptr float, ptr %5, <8 x i64> %24
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %27, <8 x ptr> %28, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %29 = or disjoint <8 x i64> %9, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %30 = getelementptr float, ptr %3, <8 x i64> %29
  %wide.masked.gather6 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %30, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %31 = fcmp olt <8 x float> %wide.masked.gather6, zeroinitializer
  %32 = select <8 x i1> %31, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather6
  %33 = getelementptr float, ptr %5, <8 x i64> %29
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %32, <8 x ptr> %33, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %34 = or disjoint <8 x i64> %9, <i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5>
  %35 = getelementptr float, ptr %3, <8 x i64> %34
  %wide.masked.gather7 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %35, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %36 = fcmp olt <8 x float> %wide.masked.gather7, zeroinitializer
  %37 = select <8 x i1> %36, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather7
  %38 = getelementptr float, ptr %5, <8 x i64> %34
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %37, <8 x ptr> %38, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %39 = or disjoint <8 x i64> %9, <i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6>
  %40 = getelementptr float, ptr %3, <8 x i64> %39
  %wide.masked.gather8 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %40, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %41 = fcmp olt <8 x float> %wide.masked.gather8, zeroinitializer
  %42 = select <8 x i1> %41, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather8
  %43 = getelementptr float, ptr %5, <8 x i64> %39
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %42, <8 x ptr> %43, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %44 = or disjoint <8 x i64> %9, <i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7>
  %45 = getelementptr float, ptr %3, <8 x i64> %44
  %wide.masked.gather9 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %45, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %46 = fcmp olt <8 x float> %wide.masked.gather9, zeroinitializer
  %47 = select <8 x i1> %46, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather9
  %48 = getelementptr float, ptr %5, <8 x i64> %44
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %47, <8 x ptr> %48, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %49 = or disjoint <8 x i64> %9, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %50 = getelementptr float, ptr %3, <8 x i64> %49
  %wide.masked.gather10 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %50, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %51 = fcmp olt <8 x float> %wide.masked.gather10, zeroinitializer
  %52 = select <8 x i1> %51, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather10
  %53 = getelementptr float, ptr %5, <8 x i64> %49
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %52, <8 x ptr> %53, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %54 = or disjoint <8 x i64> %9, <i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9>
  %55 = getelementptr float, ptr %3, <8 x i64> %54
  %wide.masked.gather11 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %55, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %56 = fcmp olt <8 x float> %wide.masked.gather11, zeroinitializer
  %57 = select <8 x i1> %56, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather11
  %58 = getelementptr float, ptr %5, <8 x i64> %54
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %57, <8 x ptr> %58, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %59 = or disjoint <8 x i64> %9, <i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10>
  %60 = getelementptr float, ptr %3, <8 x i64> %59
  %wide.masked.gather12 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %60, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %61 = fcmp olt <8 x float> %wide.masked.gather12, zeroinitializer
  %62 = select <8 x i1> %61, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather12
  %63 = getelementptr float, ptr %5, <8 x i64> %59
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %62, <8 x ptr> %63, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %64 = or disjoint <8 x i64> %9, <i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11>
  %65 = getelementptr float, ptr %3, <8 x i64> %64
  %wide.masked.gather13 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %65, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %66 = fcmp olt <8 x float> %wide.masked.gather13, zeroinitializer
  %67 = select <8 x i1> %66, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather13
  %68 = getelementptr float, ptr %5, <8 x i64> %64
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %67, <8 x ptr> %68, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %69 = or disjoint <8 x i64> %9, <i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12>
  %70 = getelementptr float, ptr %3, <8 x i64> %69
  %wide.masked.gather14 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %70, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %71 = fcmp olt <8 x float> %wide.masked.gather14, zeroinitializer
  %72 = select <8 x i1> %71, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather14
  %73 = getelementptr float, ptr %5, <8 x i64> %69
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %72, <8 x ptr> %73, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %74 = or disjoint <8 x i64> %9, <i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13>
  %75 = getelementptr float, ptr %3, <8 x i64> %74
  %wide.masked.gather15 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %75, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %76 = fcmp olt <8 x float> %wide.masked.gather15, zeroinitializer
  %77 = select <8 x i1> %76, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather15
  %78 = getelementptr float, ptr %5, <8 x i64> %74
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %77, <8 x ptr> %78, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %79 = or disjoint <8 x i64> %9, <i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14>
  %80 = getelementptr float, ptr %3, <8 x i64> %79
  %wide.masked.gather16 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %80, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %81 = fcmp olt <8 x float> %wide.masked.gather16, zeroinitializer
  %82 = select <8 x i1> %81, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather16
  %83 = getelementptr float, ptr %5, <8 x i64> %79
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %82, <8 x ptr> %83, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %84 = or disjoint <8 x i64> %9, <i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15>
  %85 = getelementptr float, ptr %3, <8 x i64> %84
  %wide.masked.gather17 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %85, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !58, !noalias !61
  %86 = fcmp olt <8 x float> %wide.masked.gather17, zeroinitializer
  %87 = select <8 x i1> %86, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather17
  %88 = getelementptr float, ptr %5, <8 x i64> %84
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %87, <8 x ptr> %88, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !61, !noalias !58
  %index.next = add nuw i64 %index, 8
  %vec.ind.next = add <8 x i64> %vec.ind, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %89 = icmp eq i64 %index.next, 16
  br i1 %89, label %middle.block, label %vector.body, !llvm.loop !63

middle.block:                                     ; preds = %vector.body
  %90 = add nuw nsw i64 %6, 1
  %exitcond2.not = icmp eq i64 %90, 8
  br i1 %exitcond2.not, label %kiln_k2.body.exit, label %vector.ph

kiln_k2.body.exit:                                ; preds = %middle.block
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k5(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !64)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !67)
  br label %vector.ph

vector.ph:                                        ; preds = %middle.block, %entry
  %6 = phi i64 [ 0, %entry ], [ %90, %middle.block ]
  %7 = shl i64 %6, 8
  %broadcast.splatinsert = insertelement <8 x i64> poison, i64 %7, i64 0
  %broadcast.splat = shufflevector <8 x i64> %broadcast.splatinsert, <8 x i64> poison, <8 x i32> zeroinitializer
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %vec.ind = phi <8 x i64> [ <i64 0, i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7>, %vector.ph ], [ %vec.ind.next, %vector.body ]
  %8 = shl <8 x i64> %vec.ind, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %9 = add nuw nsw <8 x i64> %8, %broadcast.splat
  %10 = getelementptr float, ptr %3, <8 x i64> %9
  %wide.masked.gather = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %10, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %11 = fcmp olt <8 x float> %wide.masked.gather, zeroinitializer
  %12 = select <8 x i1> %11, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather
  %13 = getelementptr float, ptr %5, <8 x i64> %9
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %12, <8 x ptr> %13, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %14 = or disjoint <8 x i64> %9, <i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1, i64 1>
  %15 = getelementptr float, ptr %3, <8 x i64> %14
  %wide.masked.gather3 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %15, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %16 = fcmp olt <8 x float> %wide.masked.gather3, zeroinitializer
  %17 = select <8 x i1> %16, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather3
  %18 = getelementptr float, ptr %5, <8 x i64> %14
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %17, <8 x ptr> %18, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %19 = or disjoint <8 x i64> %9, <i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2, i64 2>
  %20 = getelementptr float, ptr %3, <8 x i64> %19
  %wide.masked.gather4 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %20, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %21 = fcmp olt <8 x float> %wide.masked.gather4, zeroinitializer
  %22 = select <8 x i1> %21, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather4
  %23 = getelementptr float, ptr %5, <8 x i64> %19
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %22, <8 x ptr> %23, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %24 = or disjoint <8 x i64> %9, <i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3, i64 3>
  %25 = getelementptr float, ptr %3, <8 x i64> %24
  %wide.masked.gather5 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %25, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %26 = fcmp olt <8 x float> %wide.masked.gather5, zeroinitializer
  %27 = select <8 x i1> %26, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather5
  %28 = getelementptr float, ptr %5, <8 x i64> %24
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %27, <8 x ptr> %28, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %29 = or disjoint <8 x i64> %9, <i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4, i64 4>
  %30 = getelementptr float, ptr %3, <8 x i64> %29
  %wide.masked.gather6 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %30, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %31 = fcmp olt <8 x float> %wide.masked.gather6, zeroinitializer
  %32 = select <8 x i1> %31, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather6
  %33 = getelementptr float, ptr %5, <8 x i64> %29
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %32, <8 x ptr> %33, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %34 = or disjoint <8 x i64> %9, <i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5, i64 5>
  %35 = getelementptr float, ptr %3, <8 x i64> %34
  %wide.masked.gather7 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %35, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %36 = fcmp olt <8 x float> %wide.masked.gather7, zeroinitializer
  %37 = select <8 x i1> %36, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather7
  %38 = getelementptr float, ptr %5, <8 x i64> %34
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %37, <8 x ptr> %38, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %39 = or disjoint <8 x i64> %9, <i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6, i64 6>
  %40 = getelementptr float, ptr %3, <8 x i64> %39
  %wide.masked.gather8 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %40, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %41 = fcmp olt <8 x float> %wide.masked.gather8, zeroinitializer
  %42 = select <8 x i1> %41, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather8
  %43 = getelementptr float, ptr %5, <8 x i64> %39
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %42, <8 x ptr> %43, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %44 = or disjoint <8 x i64> %9, <i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7, i64 7>
  %45 = getelementptr float, ptr %3, <8 x i64> %44
  %wide.masked.gather9 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %45, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %46 = fcmp olt <8 x float> %wide.masked.gather9, zeroinitializer
  %47 = select <8 x i1> %46, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather9
  %48 = getelementptr float, ptr %5, <8 x i64> %44
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %47, <8 x ptr> %48, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %49 = or disjoint <8 x i64> %9, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %50 = getelementptr float, ptr %3, <8 x i64> %49
  %wide.masked.gather10 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %50, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %51 = fcmp olt <8 x float> %wide.masked.gather10, zeroinitializer
  %52 = select <8 x i1> %51, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather10
  %53 = getelementptr float, ptr %5, <8 x i64> %49
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %52, <8 x ptr> %53, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %54 = or disjoint <8 x i64> %9, <i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9, i64 9>
  %55 = getelementptr float, ptr %3, <8 x i64> %54
  %wide.masked.gather11 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %55, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %56 = fcmp olt <8 x float> %wide.masked.gather11, zeroinitializer
  %57 = select <8 x i1> %56, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather11
  %58 = getelementptr float, ptr %5, <8 x i64> %54
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %57, <8 x ptr> %58, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %59 = or disjoint <8 x i64> %9, <i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10, i64 10>
  %60 = getelementptr float, ptr %3, <8 x i64> %59
  %wide.masked.gather12 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %60, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %61 = fcmp olt <8 x float> %wide.masked.gather12, zeroinitializer
  %62 = select <8 x i1> %61, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather12
  %63 = getelementptr float, ptr %5, <8 x i64> %59
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %62, <8 x ptr> %63, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %64 = or disjoint <8 x i64> %9, <i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11, i64 11>
  %65 = getelementptr float, ptr %3, <8 x i64> %64
  %wide.masked.gather13 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %65, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %66 = fcmp olt <8 x float> %wide.masked.gather13, zeroinitializer
  %67 = select <8 x i1> %66, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather13
  %68 = getelementptr float, ptr %5, <8 x i64> %64
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %67, <8 x ptr> %68, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %69 = or disjoint <8 x i64> %9, <i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12, i64 12>
  %70 = getelementptr float, ptr %3, <8 x i64> %69
  %wide.masked.gather14 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %70, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %71 = fcmp olt <8 x float> %wide.masked.gather14, zeroinitializer
  %72 = select <8 x i1> %71, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather14
  %73 = getelementptr float, ptr %5, <8 x i64> %69
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %72, <8 x ptr> %73, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %74 = or disjoint <8 x i64> %9, <i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13, i64 13>
  %75 = getelementptr float, ptr %3, <8 x i64> %74
  %wide.masked.gather15 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %75, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %76 = fcmp olt <8 x float> %wide.masked.gather15, zeroinitializer
  %77 = select <8 x i1> %76, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather15
  %78 = getelementptr float, ptr %5, <8 x i64> %74
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %77, <8 x ptr> %78, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %79 = or disjoint <8 x i64> %9, <i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14, i64 14>
  %80 = getelementptr float, ptr %3, <8 x i64> %79
  %wide.masked.gather16 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %80, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %81 = fcmp olt <8 x float> %wide.masked.gather16, zeroinitializer
  %82 = select <8 x i1> %81, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather16
  %83 = getelementptr float, ptr %5, <8 x i64> %79
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %82, <8 x ptr> %83, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %84 = or disjoint <8 x i64> %9, <i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15, i64 15>
  %85 = getelementptr float, ptr %3, <8 x i64> %84
  %wide.masked.gather17 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %85, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !64, !noalias !67
  %86 = fcmp olt <8 x float> %wide.masked.gather17, zeroinitializer
  %87 = select <8 x i1> %86, <8 x float> zeroinitializer, <8 x float> %wide.masked.gather17
  %88 = getelementptr float, ptr %5, <8 x i64> %84
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %87, <8 x ptr> %88, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !67, !noalias !64
  %index.next = add nuw i64 %index, 8
  %vec.ind.next = add <8 x i64> %vec.ind, <i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8, i64 8>
  %89 = icmp eq i64 %index.next, 16
  br i1 %89, label %middle.block, label %vector.body, !llvm.loop !69

middle.block:                                     ; preds = %vector.body
  %90 = add nuw nsw i64 %6, 1
  %exitcond2.not = icmp eq i64 %90, 8
  br i1 %exitcond2.not, label %kiln_k5.body.exit, label %vector.ph

kiln_k5.body.exit:                                ; preds = %middle.block
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k3(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !70)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !73)
  br label %vector.ph

vector.ph:                                        ; preds = %vector.ph, %entry
  %6 = phi i64 [ 0, %entry ], [ %136, %vector.ph ]
  %7 = shl i64 %6, 8
  %broadcast.splatinsert = insertelement <8 x i64> poison, i64 %7, i64 0
  %broadcast.splat = shufflevector <8 x i64> %broadcast.splatinsert, <8 x i64> poison, <8 x i32> zeroinitializer
  %8 = or disjoint <8 x i64> %broadcast.splat, <i64 0, i64 16, i64 32, i64 48, i64 64, i64 80, i64 96, i64 112>
  %9 = getelementptr float, ptr %3, <8 x i64> %8
  %wide.masked.gather = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %9, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %10 = fadd <8 x float> %wide.masked.gather, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %11 = getelementptr float, ptr %5, <8 x i64> %8
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %10, <8 x ptr> %11, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %12 = or disjoint <8 x i64> %broadcast.splat, <i64 1, i64 17, i64 33, i64 49, i64 65, i64 81, i64 97, i64 113>
  %13 = getelementptr float, ptr %3, <8 x i64> %12
  %wide.masked.gather3 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %13, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %14 = fadd <8 x float> %wide.masked.gather3, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %15 = getelementptr float, ptr %5, <8 x i64> %12
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %14, <8 x ptr> %15, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %16 = or disjoint <8 x i64> %broadcast.splat, <i64 2, i64 18, i64 34, i64 50, i64 66, i64 82, i64 98, i64 114>
  %17 = getelementptr float, ptr %3, <8 x i64> %16
  %wide.masked.gather4 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %17, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %18 = fadd <8 x float> %wide.masked.gather4, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %19 = getelementptr float, ptr %5, <8 x i64> %16
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %18, <8 x ptr> %19, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %20 = or disjoint <8 x i64> %broadcast.splat, <i64 3, i64 19, i64 35, i64 51, i64 67, i64 83, i64 99, i64 115>
  %21 = getelementptr float, ptr %3, <8 x i64> %20
  %wide.masked.gather5 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %21, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %22 = fadd <8 x float> %wide.masked.gather5, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %23 = getelementptr float, ptr %5, <8 x i64> %20
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %22, <8 x ptr> %23, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %24 = or disjoint <8 x i64> %broadcast.splat, <i64 4, i64 20, i64 36, i64 52, i64 68, i64 84, i64 100, i64 116>
  %25 = getelementptr float, ptr %3, <8 x i64> %24
  %wide.masked.gather6 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %25, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %26 = fadd <8 x float> %wide.masked.gather6, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %27 = getelementptr float, ptr %5, <8 x i64> %24
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %26, <8 x ptr> %27, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %28 = or disjoint <8 x i64> %broadcast.splat, <i64 5, i64 21, i64 37, i64 53, i64 69, i64 85, i64 101, i64 117>
  %29 = getelementptr float, ptr %3, <8 x i64> %28
  %wide.masked.gather7 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %29, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %30 = fadd <8 x float> %wide.masked.gather7, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %31 = getelementptr float, ptr %5, <8 x i64> %28
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %30, <8 x ptr> %31, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %32 = or disjoint <8 x i64> %broadcast.splat, <i64 6, i64 22, i64 38, i64 54, i64 70, i64 86, i64 102, i64 118>
  %33 = getelementptr float, ptr %3, <8 x i64> %32
  %wide.masked.gather8 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %33, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %34 = fadd <8 x float> %wide.masked.gather8, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %35 = getelementptr float, ptr %5, <8 x i64> %32
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %34, <8 x ptr> %35, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %36 = or disjoint <8 x i64> %broadcast.splat, <i64 7, i64 23, i64 39, i64 55, i64 71, i64 87, i64 103, i64 119>
  %37 = getelementptr float, ptr %3, <8 x i64> %36
  %wide.masked.gather9 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %37, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %38 = fadd <8 x float> %wide.masked.gather9, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %39 = getelementptr float, ptr %5, <8 x i64> %36
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %38, <8 x ptr> %39, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %40 = or disjoint <8 x i64> %broadcast.splat, <i64 8, i64 24, i64 40, i64 56, i64 72, i64 88, i64 104, i64 120>
  %41 = getelementptr float, ptr %3, <8 x i64> %40
  %wide.masked.gather10 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %41, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %42 = fadd <8 x float> %wide.masked.gather10, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %43 = getelementptr float, ptr %5, <8 x i64> %40
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %42, <8 x ptr> %43, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %44 = or disjoint <8 x i64> %broadcast.splat, <i64 9, i64 25, i64 41, i64 57, i64 73, i64 89, i64 105, i64 121>
  %45 = getelementptr float, ptr %3, <8 x i64> %44
  %wide.masked.gather11 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %45, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %46 = fadd <8 x float> %wide.masked.gather11, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %47 = getelementptr float, ptr %5, <8 x i64> %44
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %46, <8 x ptr> %47, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %48 = or disjoint <8 x i64> %broadcast.splat, <i64 10, i64 26, i64 42, i64 58, i64 74, i64 90, i64 106, i64 122>
  %49 = getelementptr float, ptr %3, <8 x i64> %48
  %wide.masked.gather12 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %49, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %50 = fadd <8 x float> %wide.masked.gather12, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %51 = getelementptr float, ptr %5, <8 x i64> %48
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %50, <8 x ptr> %51, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %52 = or disjoint <8 x i64> %broadcast.splat, <i64 11, i64 27, i64 43, i64 59, i64 75, i64 91, i64 107, i64 123>
  %53 = getelementptr float, ptr %3, <8 x i64> %52
  %wide.masked.gather13 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %53, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %54 = fadd <8 x float> %wide.masked.gather13, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %55 = getelementptr float, ptr %5, <8 x i64> %52
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %54, <8 x ptr> %55, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %56 = or disjoint <8 x i64> %broadcast.splat, <i64 12, i64 28, i64 44, i64 60, i64 76, i64 92, i64 108, i64 124>
  %57 = getelementptr float, ptr %3, <8 x i64> %56
  %wide.masked.gather14 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %57, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %58 = fadd <8 x float> %wide.masked.gather14, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %59 = getelementptr float, ptr %5, <8 x i64> %56
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %58, <8 x ptr> %59, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %60 = or disjoint <8 x i64> %broadcast.splat, <i64 13, i64 29, i64 45, i64 61, i64 77, i64 93, i64 109, i64 125>
  %61 = getelementptr float, ptr %3, <8 x i64> %60
  %wide.masked.gather15 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %61, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %62 = fadd <8 x float> %wide.masked.gather15, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %63 = getelementptr float, ptr %5, <8 x i64> %60
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %62, <8 x ptr> %63, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %64 = or disjoint <8 x i64> %broadcast.splat, <i64 14, i64 30, i64 46, i64 62, i64 78, i64 94, i64 110, i64 126>
  %65 = getelementptr float, ptr %3, <8 x i64> %64
  %wide.masked.gather16 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %65, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %66 = fadd <8 x float> %wide.masked.gather16, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %67 = getelementptr float, ptr %5, <8 x i64> %64
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %66, <8 x ptr> %67, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %68 = or disjoint <8 x i64> %broadcast.splat, <i64 15, i64 31, i64 47, i64 63, i64 79, i64 95, i64 111, i64 127>
  %69 = getelementptr float, ptr %3, <8 x i64> %68
  %wide.masked.gather17 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %69, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %70 = fadd <8 x float> %wide.masked.gather17, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %71 = getelementptr float, ptr %5, <8 x i64> %68
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %70, <8 x ptr> %71, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %72 = or disjoint <8 x i64> %broadcast.splat, <i64 128, i64 144, i64 160, i64 176, i64 192, i64 208, i64 224, i64 240>
  %73 = getelementptr float, ptr %3, <8 x i64> %72
  %wide.masked.gather.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %73, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %74 = fadd <8 x float> %wide.masked.gather.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %75 = getelementptr float, ptr %5, <8 x i64> %72
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %74, <8 x ptr> %75, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %76 = or disjoint <8 x i64> %broadcast.splat, <i64 129, i64 145, i64 161, i64 177, i64 193, i64 209, i64 225, i64 241>
  %77 = getelementptr float, ptr %3, <8 x i64> %76
  %wide.masked.gather3.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %77, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %78 = fadd <8 x float> %wide.masked.gather3.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %79 = getelementptr float, ptr %5, <8 x i64> %76
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %78, <8 x ptr> %79, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %80 = or disjoint <8 x i64> %broadcast.splat, <i64 130, i64 146, i64 162, i64 178, i64 194, i64 210, i64 226, i64 242>
  %81 = getelementptr float, ptr %3, <8 x i64> %80
  %wide.masked.gather4.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %81, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %82 = fadd <8 x float> %wide.masked.gather4.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %83 = getelementptr float, ptr %5, <8 x i64> %80
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %82, <8 x ptr> %83, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %84 = or disjoint <8 x i64> %broadcast.splat, <i64 131, i64 147, i64 163, i64 179, i64 195, i64 211, i64 227, i64 243>
  %85 = getelementptr float, ptr %3, <8 x i64> %84
  %wide.masked.gather5.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %85, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %86 = fadd <8 x float> %wide.masked.gather5.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %87 = getelementptr float, ptr %5, <8 x i64> %84
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %86, <8 x ptr> %87, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %88 = or disjoint <8 x i64> %broadcast.splat, <i64 132, i64 148, i64 164, i64 180, i64 196, i64 212, i64 228, i64 244>
  %89 = getelementptr float, ptr %3, <8 x i64> %88
  %wide.masked.gather6.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %89, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %90 = fadd <8 x float> %wide.masked.gather6.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %91 = getelementptr float, ptr %5, <8 x i64> %88
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %90, <8 x ptr> %91, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %92 = or disjoint <8 x i64> %broadcast.splat, <i64 133, i64 149, i64 165, i64 181, i64 197, i64 213, i64 229, i64 245>
  %93 = getelementptr float, ptr %3, <8 x i64> %92
  %wide.masked.gather7.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %93, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %94 = fadd <8 x float> %wide.masked.gather7.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %95 = getelementptr float, ptr %5, <8 x i64> %92
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %94, <8 x ptr> %95, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %96 = or disjoint <8 x i64> %broadcast.splat, <i64 134, i64 150, i64 166, i64 182, i64 198, i64 214, i64 230, i64 246>
  %97 = getelementptr float, ptr %3, <8 x i64> %96
  %wide.masked.gather8.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %97, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %98 = fadd <8 x float> %wide.masked.gather8.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %99 = getelementptr float, ptr %5, <8 x i64> %96
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %98, <8 x ptr> %99, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %100 = or disjoint <8 x i64> %broadcast.splat, <i64 135, i64 151, i64 167, i64 183, i64 199, i64 215, i64 231, i64 247>
  %101 = getelementptr float, ptr %3, <8 x i64> %100
  %wide.masked.gather9.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %101, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %102 = fadd <8 x float> %wide.masked.gather9.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %103 = getelementptr float, ptr %5, <8 x i64> %100
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %102, <8 x ptr> %103, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %104 = or disjoint <8 x i64> %broadcast.splat, <i64 136, i64 152, i64 168, i64 184, i64 200, i64 216, i64 232, i64 248>
  %105 = getelementptr float, ptr %3, <8 x i64> %104
  %wide.masked.gather10.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %105, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %106 = fadd <8 x float> %wide.masked.gather10.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %107 = getelementptr float, ptr %5, <8 x i64> %104
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %106, <8 x ptr> %107, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %108 = or disjoint <8 x i64> %broadcast.splat, <i64 137, i64 153, i64 169, i64 185, i64 201, i64 217, i64 233, i64 249>
  %109 = getelementptr float, ptr %3, <8 x i64> %108
  %wide.masked.gather11.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %109, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %110 = fadd <8 x float> %wide.masked.gather11.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %111 = getelementptr float, ptr %5, <8 x i64> %108
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %110, <8 x ptr> %111, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %112 = or disjoint <8 x i64> %broadcast.splat, <i64 138, i64 154, i64 170, i64 186, i64 202, i64 218, i64 234, i64 250>
  %113 = getelementptr float, ptr %3, <8 x i64> %112
  %wide.masked.gather12.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %113, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %114 = fadd <8 x float> %wide.masked.gather12.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %115 = getelementptr float, ptr %5, <8 x i64> %112
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %114, <8 x ptr> %115, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %116 = or disjoint <8 x i64> %broadcast.splat, <i64 139, i64 155, i64 171, i64 187, i64 203, i64 219, i64 235, i64 251>
  %117 = getelementptr float, ptr %3, <8 x i64> %116
  %wide.masked.gather13.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %117, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %118 = fadd <8 x float> %wide.masked.gather13.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %119 = getelementptr float, ptr %5, <8 x i64> %116
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %118, <8 x ptr> %119, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %120 = or disjoint <8 x i64> %broadcast.splat, <i64 140, i64 156, i64 172, i64 188, i64 204, i64 220, i64 236, i64 252>
  %121 = getelementptr float, ptr %3, <8 x i64> %120
  %wide.masked.gather14.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %121, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %122 = fadd <8 x float> %wide.masked.gather14.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %123 = getelementptr float, ptr %5, <8 x i64> %120
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %122, <8 x ptr> %123, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %124 = or disjoint <8 x i64> %broadcast.splat, <i64 141, i64 157, i64 173, i64 189, i64 205, i64 221, i64 237, i64 253>
  %125 = getelementptr float, ptr %3, <8 x i64> %124
  %wide.masked.gather15.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %125, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %126 = fadd <8 x float> %wide.masked.gather15.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %127 = getelementptr float, ptr %5, <8 x i64> %124
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %126, <8 x ptr> %127, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %128 = or disjoint <8 x i64> %broadcast.splat, <i64 142, i64 158, i64 174, i64 190, i64 206, i64 222, i64 238, i64 254>
  %129 = getelementptr float, ptr %3, <8 x i64> %128
  %wide.masked.gather16.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %129, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %130 = fadd <8 x float> %wide.masked.gather16.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %131 = getelementptr float, ptr %5, <8 x i64> %128
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %130, <8 x ptr> %131, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %132 = or disjoint <8 x i64> %broadcast.splat, <i64 143, i64 159, i64 175, i64 191, i64 207, i64 223, i64 239, i64 255>
  %133 = getelementptr float, ptr %3, <8 x i64> %132
  %wide.masked.gather17.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %133, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !70, !noalias !73
  %134 = fadd <8 x float> %wide.masked.gather17.1, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %135 = getelementptr float, ptr %5, <8 x i64> %132
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %134, <8 x ptr> %135, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !73, !noalias !70
  %136 = add nuw nsw i64 %6, 1
  %exitcond2.not = icmp eq i64 %136, 8
  br i1 %exitcond2.not, label %kiln_k3.body.exit, label %vector.ph

kiln_k3.body.exit:                                ; preds = %vector.ph
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k7(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !75)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !78)
  br label %vector.ph

vector.ph:                                        ; preds = %vector.ph, %entry
  %6 = phi i64 [ 0, %entry ], [ %136, %vector.ph ]
  %7 = shl i64 %6, 8
  %broadcast.splatinsert = insertelement <8 x i64> poison, i64 %7, i64 0
  %broadcast.splat = shufflevector <8 x i64> %broadcast.splatinsert, <8 x i64> poison, <8 x i32> zeroinitializer
  %8 = or disjoint <8 x i64> %broadcast.splat, <i64 0, i64 16, i64 32, i64 48, i64 64, i64 80, i64 96, i64 112>
  %9 = getelementptr float, ptr %3, <8 x i64> %8
  %wide.masked.gather = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %9, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %10 = fmul <8 x float> %wide.masked.gather, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %11 = getelementptr float, ptr %5, <8 x i64> %8
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %10, <8 x ptr> %11, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %12 = or disjoint <8 x i64> %broadcast.splat, <i64 1, i64 17, i64 33, i64 49, i64 65, i64 81, i64 97, i64 113>
  %13 = getelementptr float, ptr %3, <8 x i64> %12
  %wide.masked.gather3 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %13, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %14 = fmul <8 x float> %wide.masked.gather3, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %15 = getelementptr float, ptr %5, <8 x i64> %12
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %14, <8 x ptr> %15, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %16 = or disjoint <8 x i64> %broadcast.splat, <i64 2, i64 18, i64 34, i64 50, i64 66, i64 82, i64 98, i64 114>
  %17 = getelementptr float, ptr %3, <8 x i64> %16
  %wide.masked.gather4 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %17, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %18 = fmul <8 x float> %wide.masked.gather4, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %19 = getelementptr float, ptr %5, <8 x i64> %16
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %18, <8 x ptr> %19, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %20 = or disjoint <8 x i64> %broadcast.splat, <i64 3, i64 19, i64 35, i64 51, i64 67, i64 83, i64 99, i64 115>
  %21 = getelementptr float, ptr %3, <8 x i64> %20
  %wide.masked.gather5 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %21, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %22 = fmul <8 x float> %wide.masked.gather5, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %23 = getelementptr float, ptr %5, <8 x i64> %20
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %22, <8 x ptr> %23, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %24 = or disjoint <8 x i64> %broadcast.splat, <i64 4, i64 20, i64 36, i64 52, i64 68, i64 84, i64 100, i64 116>
  %25 = getelementptr float, ptr %3, <8 x i64> %24
  %wide.masked.gather6 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %25, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %26 = fmul <8 x float> %wide.masked.gather6, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %27 = getelementptr float, ptr %5, <8 x i64> %24
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %26, <8 x ptr> %27, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %28 = or disjoint <8 x i64> %broadcast.splat, <i64 5, i64 21, i64 37, i64 53, i64 69, i64 85, i64 101, i64 117>
  %29 = getelementptr float, ptr %3, <8 x i64> %28
  %wide.masked.gather7 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %29, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %30 = fmul <8 x float> %wide.masked.gather7, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %31 = getelementptr float, ptr %5, <8 x i64> %28
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %30, <8 x ptr> %31, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %32 = or disjoint <8 x i64> %broadcast.splat, <i64 6, i64 22, i64 38, i64 54, i64 70, i64 86, i64 102, i64 118>
  %33 = getelementptr float, ptr %3, <8 x i64> %32
  %wide.masked.gather8 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %33, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %34 = fmul <8 x float> %wide.masked.gather8, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %35 = getelementptr float, ptr %5, <8 x i64> %32
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %34, <8 x ptr> %35, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %36 = or disjoint <8 x i64> %broadcast.splat, <i64 7, i64 23, i64 39, i64 55, i64 71, i64 87, i64 103, i64 119>
  %37 = getelementptr float, ptr %3, <8 x i64> %36
  %wide.masked.gather9 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %37, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %38 = fmul <8 x float> %wide.masked.gather9, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %39 = getelementptr float, ptr %5, <8 x i64> %36
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %38, <8 x ptr> %39, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %40 = or disjoint <8 x i64> %broadcast.splat, <i64 8, i64 24, i64 40, i64 56, i64 72, i64 88, i64 104, i64 120>
  %41 = getelementptr float, ptr %3, <8 x i64> %40
  %wide.masked.gather10 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %41, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %42 = fmul <8 x float> %wide.masked.gather10, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %43 = getelementptr float, ptr %5, <8 x i64> %40
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %42, <8 x ptr> %43, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %44 = or disjoint <8 x i64> %broadcast.splat, <i64 9, i64 25, i64 41, i64 57, i64 73, i64 89, i64 105, i64 121>
  %45 = getelementptr float, ptr %3, <8 x i64> %44
  %wide.masked.gather11 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %45, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %46 = fmul <8 x float> %wide.masked.gather11, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %47 = getelementptr float, ptr %5, <8 x i64> %44
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %46, <8 x ptr> %47, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %48 = or disjoint <8 x i64> %broadcast.splat, <i64 10, i64 26, i64 42, i64 58, i64 74, i64 90, i64 106, i64 122>
  %49 = getelementptr float, ptr %3, <8 x i64> %48
  %wide.masked.gather12 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %49, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %50 = fmul <8 x float> %wide.masked.gather12, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %51 = getelementptr float, ptr %5, <8 x i64> %48
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %50, <8 x ptr> %51, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %52 = or disjoint <8 x i64> %broadcast.splat, <i64 11, i64 27, i64 43, i64 59, i64 75, i64 91, i64 107, i64 123>
  %53 = getelementptr float, ptr %3, <8 x i64> %52
  %wide.masked.gather13 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %53, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %54 = fmul <8 x float> %wide.masked.gather13, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %55 = getelementptr float, ptr %5, <8 x i64> %52
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %54, <8 x ptr> %55, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %56 = or disjoint <8 x i64> %broadcast.splat, <i64 12, i64 28, i64 44, i64 60, i64 76, i64 92, i64 108, i64 124>
  %57 = getelementptr float, ptr %3, <8 x i64> %56
  %wide.masked.gather14 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %57, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %58 = fmul <8 x float> %wide.masked.gather14, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %59 = getelementptr float, ptr %5, <8 x i64> %56
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %58, <8 x ptr> %59, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %60 = or disjoint <8 x i64> %broadcast.splat, <i64 13, i64 29, i64 45, i64 61, i64 77, i64 93, i64 109, i64 125>
  %61 = getelementptr float, ptr %3, <8 x i64> %60
  %wide.masked.gather15 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %61, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %62 = fmul <8 x float> %wide.masked.gather15, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %63 = getelementptr float, ptr %5, <8 x i64> %60
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %62, <8 x ptr> %63, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %64 = or disjoint <8 x i64> %broadcast.splat, <i64 14, i64 30, i64 46, i64 62, i64 78, i64 94, i64 110, i64 126>
  %65 = getelementptr float, ptr %3, <8 x i64> %64
  %wide.masked.gather16 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %65, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %66 = fmul <8 x float> %wide.masked.gather16, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %67 = getelementptr float, ptr %5, <8 x i64> %64
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %66, <8 x ptr> %67, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %68 = or disjoint <8 x i64> %broadcast.splat, <i64 15, i64 31, i64 47, i64 63, i64 79, i64 95, i64 111, i64 127>
  %69 = getelementptr float, ptr %3, <8 x i64> %68
  %wide.masked.gather17 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %69, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %70 = fmul <8 x float> %wide.masked.gather17, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %71 = getelementptr float, ptr %5, <8 x i64> %68
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %70, <8 x ptr> %71, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %72 = or disjoint <8 x i64> %broadcast.splat, <i64 128, i64 144, i64 160, i64 176, i64 192, i64 208, i64 224, i64 240>
  %73 = getelementptr float, ptr %3, <8 x i64> %72
  %wide.masked.gather.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %73, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %74 = fmul <8 x float> %wide.masked.gather.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %75 = getelementptr float, ptr %5, <8 x i64> %72
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %74, <8 x ptr> %75, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %76 = or disjoint <8 x i64> %broadcast.splat, <i64 129, i64 145, i64 161, i64 177, i64 193, i64 209, i64 225, i64 241>
  %77 = getelementptr float, ptr %3, <8 x i64> %76
  %wide.masked.gather3.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %77, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %78 = fmul <8 x float> %wide.masked.gather3.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %79 = getelementptr float, ptr %5, <8 x i64> %76
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %78, <8 x ptr> %79, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %80 = or disjoint <8 x i64> %broadcast.splat, <i64 130, i64 146, i64 162, i64 178, i64 194, i64 210, i64 226, i64 242>
  %81 = getelementptr float, ptr %3, <8 x i64> %80
  %wide.masked.gather4.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %81, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %82 = fmul <8 x float> %wide.masked.gather4.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %83 = getelementptr float, ptr %5, <8 x i64> %80
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %82, <8 x ptr> %83, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %84 = or disjoint <8 x i64> %broadcast.splat, <i64 131, i64 147, i64 163, i64 179, i64 195, i64 211, i64 227, i64 243>
  %85 = getelementptr float, ptr %3, <8 x i64> %84
  %wide.masked.gather5.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %85, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %86 = fmul <8 x float> %wide.masked.gather5.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %87 = getelementptr float, ptr %5, <8 x i64> %84
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %86, <8 x ptr> %87, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %88 = or disjoint <8 x i64> %broadcast.splat, <i64 132, i64 148, i64 164, i64 180, i64 196, i64 212, i64 228, i64 244>
  %89 = getelementptr float, ptr %3, <8 x i64> %88
  %wide.masked.gather6.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %89, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %90 = fmul <8 x float> %wide.masked.gather6.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %91 = getelementptr float, ptr %5, <8 x i64> %88
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %90, <8 x ptr> %91, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %92 = or disjoint <8 x i64> %broadcast.splat, <i64 133, i64 149, i64 165, i64 181, i64 197, i64 213, i64 229, i64 245>
  %93 = getelementptr float, ptr %3, <8 x i64> %92
  %wide.masked.gather7.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %93, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %94 = fmul <8 x float> %wide.masked.gather7.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %95 = getelementptr float, ptr %5, <8 x i64> %92
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %94, <8 x ptr> %95, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %96 = or disjoint <8 x i64> %broadcast.splat, <i64 134, i64 150, i64 166, i64 182, i64 198, i64 214, i64 230, i64 246>
  %97 = getelementptr float, ptr %3, <8 x i64> %96
  %wide.masked.gather8.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %97, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %98 = fmul <8 x float> %wide.masked.gather8.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %99 = getelementptr float, ptr %5, <8 x i64> %96
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %98, <8 x ptr> %99, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %100 = or disjoint <8 x i64> %broadcast.splat, <i64 135, i64 151, i64 167, i64 183, i64 199, i64 215, i64 231, i64 247>
  %101 = getelementptr float, ptr %3, <8 x i64> %100
  %wide.masked.gather9.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %101, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %102 = fmul <8 x float> %wide.masked.gather9.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %103 = getelementptr float, ptr %5, <8 x i64> %100
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %102, <8 x ptr> %103, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %104 = or disjoint <8 x i64> %broadcast.splat, <i64 136, i64 152, i64 168, i64 184, i64 200, i64 216, i64 232, i64 248>
  %105 = getelementptr float, ptr %3, <8 x i64> %104
  %wide.masked.gather10.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %105, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %106 = fmul <8 x float> %wide.masked.gather10.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %107 = getelementptr float, ptr %5, <8 x i64> %104
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %106, <8 x ptr> %107, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %108 = or disjoint <8 x i64> %broadcast.splat, <i64 137, i64 153, i64 169, i64 185, i64 201, i64 217, i64 233, i64 249>
  %109 = getelementptr float, ptr %3, <8 x i64> %108
  %wide.masked.gather11.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %109, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %110 = fmul <8 x float> %wide.masked.gather11.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %111 = getelementptr float, ptr %5, <8 x i64> %108
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %110, <8 x ptr> %111, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %112 = or disjoint <8 x i64> %broadcast.splat, <i64 138, i64 154, i64 170, i64 186, i64 202, i64 218, i64 234, i64 250>
  %113 = getelementptr float, ptr %3, <8 x i64> %112
  %wide.masked.gather12.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %113, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %114 = fmul <8 x float> %wide.masked.gather12.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %115 = getelementptr float, ptr %5, <8 x i64> %112
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %114, <8 x ptr> %115, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %116 = or disjoint <8 x i64> %broadcast.splat, <i64 139, i64 155, i64 171, i64 187, i64 203, i64 219, i64 235, i64 251>
  %117 = getelementptr float, ptr %3, <8 x i64> %116
  %wide.masked.gather13.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %117, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %118 = fmul <8 x float> %wide.masked.gather13.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %119 = getelementptr float, ptr %5, <8 x i64> %116
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %118, <8 x ptr> %119, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %120 = or disjoint <8 x i64> %broadcast.splat, <i64 140, i64 156, i64 172, i64 188, i64 204, i64 220, i64 236, i64 252>
  %121 = getelementptr float, ptr %3, <8 x i64> %120
  %wide.masked.gather14.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %121, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %122 = fmul <8 x float> %wide.masked.gather14.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %123 = getelementptr float, ptr %5, <8 x i64> %120
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %122, <8 x ptr> %123, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %124 = or disjoint <8 x i64> %broadcast.splat, <i64 141, i64 157, i64 173, i64 189, i64 205, i64 221, i64 237, i64 253>
  %125 = getelementptr float, ptr %3, <8 x i64> %124
  %wide.masked.gather15.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %125, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %126 = fmul <8 x float> %wide.masked.gather15.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %127 = getelementptr float, ptr %5, <8 x i64> %124
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %126, <8 x ptr> %127, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %128 = or disjoint <8 x i64> %broadcast.splat, <i64 142, i64 158, i64 174, i64 190, i64 206, i64 222, i64 238, i64 254>
  %129 = getelementptr float, ptr %3, <8 x i64> %128
  %wide.masked.gather16.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %129, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %130 = fmul <8 x float> %wide.masked.gather16.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %131 = getelementptr float, ptr %5, <8 x i64> %128
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %130, <8 x ptr> %131, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %132 = or disjoint <8 x i64> %broadcast.splat, <i64 143, i64 159, i64 175, i64 191, i64 207, i64 223, i64 239, i64 255>
  %133 = getelementptr float, ptr %3, <8 x i64> %132
  %wide.masked.gather17.1 = tail call <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr> %133, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>, <8 x float> poison), !alias.scope !75, !noalias !78
  %134 = fmul <8 x float> %wide.masked.gather17.1, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %135 = getelementptr float, ptr %5, <8 x i64> %132
  tail call void @llvm.masked.scatter.v8f32.v8p0(<8 x float> %134, <8 x ptr> %135, i32 4, <8 x i1> <i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true, i1 true>), !alias.scope !78, !noalias !75
  %136 = add nuw nsw i64 %6, 1
  %exitcond2.not = icmp eq i64 %136, 8
  br i1 %exitcond2.not, label %kiln_k7.body.exit, label %vector.ph

kiln_k7.body.exit:                                ; preds = %vector.ph
  ret void
}

; Function Attrs: mustprogress nofree norecurse nosync nounwind willreturn
define void @kiln_k11(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #1 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  %6 = getelementptr inbounds i8, ptr %0, i64 16
  %7 = load ptr, ptr %6, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !80)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !83)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !85)
  %8 = load i64, ptr %3, align 4, !alias.scope !80, !noalias !87
  %9 = load i64, ptr %5, align 4, !alias.scope !83, !noalias !88
  %10 = mul i64 %9, %8
  store i64 %10, ptr %7, align 4, !alias.scope !85, !noalias !89
  %11 = getelementptr i8, ptr %3, i64 8
  %12 = load i64, ptr %11, align 4, !alias.scope !80, !noalias !87
  %13 = getelementptr i8, ptr %5, i64 8
  %14 = load i64, ptr %13, align 4, !alias.scope !83, !noalias !88
  %15 = mul i64 %14, %12
  %16 = getelementptr i8, ptr %7, i64 8
  store i64 %15, ptr %16, align 4, !alias.scope !85, !noalias !89
  %17 = getelementptr i8, ptr %3, i64 16
  %18 = load i64, ptr %17, align 4, !alias.scope !80, !noalias !87
  %19 = getelementptr i8, ptr %5, i64 16
  %20 = load i64, ptr %19, align 4, !alias.scope !83, !noalias !88
  %21 = mul i64 %20, %18
  %22 = getelementptr i8, ptr %7, i64 16
  store i64 %21, ptr %22, align 4, !alias.scope !85, !noalias !89
  %23 = getelementptr i8, ptr %3, i64 24
  %24 = load i64, ptr %23, align 4, !alias.scope !80, !noalias !87
  %25 = getelementptr i8, ptr %5, i64 24
  %26 = load i64, ptr %25, align 4, !alias.scope !83, !noalias !88
  %27 = mul i64 %26, %24
  %28 = getelementptr i8, ptr %7, i64 24
  store i64 %27, ptr %28, align 4, !alias.scope !85, !noalias !89
  %29 = getelementptr i8, ptr %3, i64 32
  %30 = load i64, ptr %29, align 4, !alias.scope !80, !noalias !87
  %31 = getelementptr i8, ptr %5, i64 32
  %32 = load i64, ptr %31, align 4, !alias.scope !83, !noalias !88
  %33 = mul i64 %32, %30
  %34 = getelementptr i8, ptr %7, i64 32
  store i64 %33, ptr %34, align 4, !alias.scope !85, !noalias !89
  %35 = getelementptr i8, ptr %3, i64 40
  %36 = load i64, ptr %35, align 4, !alias.scope !80, !noalias !87
  %37 = getelementptr i8, ptr %5, i64 40
  %38 = load i64, ptr %37, align 4, !alias.scope !83, !noalias !88
  %39 = mul i64 %38, %36
  %40 = getelementptr i8, ptr %7, i64 40
  store i64 %39, ptr %40, align 4, !alias.scope !85, !noalias !89
  %41 = getelementptr i8, ptr %3, i64 48
  %42 = load i64, ptr %41, align 4, !alias.scope !80, !noalias !87
  %43 = getelementptr i8, ptr %5, i64 48
  %44 = load i64, ptr %43, align 4, !alias.scope !83, !noalias !88
  %45 = mul i64 %44, %42
  %46 = getelementptr i8, ptr %7, i64 48
  store i64 %45, ptr %46, align 4, !alias.scope !85, !noalias !89
  %47 = getelementptr i8, ptr %3, i64 56
  %48 = load i64, ptr %47, align 4, !alias.scope !80, !noalias !87
  %49 = getelementptr i8, ptr %5, i64 56
  %50 = load i64, ptr %49, align 4, !alias.scope !83, !noalias !88
  %51 = mul i64 %50, %48
  %52 = getelementptr i8, ptr %7, i64 56
  store i64 %51, ptr %52, align 4, !alias.scope !85, !noalias !89
  %53 = getelementptr i8, ptr %3, i64 64
  %54 = load i64, ptr %53, align 4, !alias.scope !80, !noalias !87
  %55 = getelementptr i8, ptr %5, i64 64
  %56 = load i64, ptr %55, align 4, !alias.scope !83, !noalias !88
  %57 = mul i64 %56, %54
  %58 = getelementptr i8, ptr %7, i64 64
  store i64 %57, ptr %58, align 4, !alias.scope !85, !noalias !89
  %59 = getelementptr i8, ptr %3, i64 72
  %60 = load i64, ptr %59, align 4, !alias.scope !80, !noalias !87
  %61 = getelementptr i8, ptr %5, i64 72
  %62 = load i64, ptr %61, align 4, !alias.scope !83, !noalias !88
  %63 = mul i64 %62, %60
  %64 = getelementptr i8, ptr %7, i64 72
  store i64 %63, ptr %64, align 4, !alias.scope !85, !noalias !89
  %65 = getelementptr i8, ptr %3, i64 80
  %66 = load i64, ptr %65, align 4, !alias.scope !80, !noalias !87
  %67 = getelementptr i8, ptr %5, i64 80
  %68 = load i64, ptr %67, align 4, !alias.scope !83, !noalias !88
  %69 = mul i64 %68, %66
  %70 = getelementptr i8, ptr %7, i64 80
  store i64 %69, ptr %70, align 4, !alias.scope !85, !noalias !89
  %71 = getelementptr i8, ptr %3, i64 88
  %72 = load i64, ptr %71, align 4, !alias.scope !80, !noalias !87
  %73 = getelementptr i8, ptr %5, i64 88
  %74 = load i64, ptr %73, align 4, !alias.scope !83, !noalias !88
  %75 = mul i64 %74, %72
  %76 = getelementptr i8, ptr %7, i64 88
  store i64 %75, ptr %76, align 4, !alias.scope !85, !noalias !89
  %77 = getelementptr i8, ptr %3, i64 96
  %78 = load i64, ptr %77, align 4, !alias.scope !80, !noalias !87
  %79 = getelementptr i8, ptr %5, i64 96
  %80 = load i64, ptr %79, align 4, !alias.scope !83, !noalias !88
  %81 = mul i64 %80, %78
  %82 = getelementptr i8, ptr %7, i64 96
  store i64 %81, ptr %82, align 4, !alias.scope !85, !noalias !89
  %83 = getelementptr i8, ptr %3, i64 104
  %84 = load i64, ptr %83, align 4, !alias.scope !80, !noalias !87
  %85 = getelementptr i8, ptr %5, i64 104
  %86 = load i64, ptr %85, align 4, !alias.scope !83, !noalias !88
  %87 = mul i64 %86, %84
  %88 = getelementptr i8, ptr %7, i64 104
  store i64 %87, ptr %88, align 4, !alias.scope !85, !noalias !89
  %89 = getelementptr i8, ptr %3, i64 112
  %90 = load i64, ptr %89, align 4, !alias.scope !80, !noalias !87
  %91 = getelementptr i8, ptr %5, i64 112
  %92 = load i64, ptr %91, align 4, !alias.scope !83, !noalias !88
  %93 = mul i64 %92, %90
  %94 = getelementptr i8, ptr %7, i64 112
  store i64 %93, ptr %94, align 4, !alias.scope !85, !noalias !89
  ret void
}

; Function Attrs: mustprogress nofree norecurse nosync nounwind willreturn
define void @kiln_k10(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #1 {
entry:
  %3 = getelementptr inbounds i8, ptr %0, i64 8
  %4 = load ptr, ptr %3, align 8
  %5 = getelementptr inbounds i8, ptr %0, i64 16
  %6 = load ptr, ptr %5, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !90)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !93)
  %7 = load i64, ptr %4, align 4, !alias.scope !90, !noalias !93
  %8 = shl i64 %7, 1
  store i64 %8, ptr %6, align 4, !alias.scope !93, !noalias !90
  %9 = getelementptr i8, ptr %4, i64 8
  %10 = load i64, ptr %9, align 4, !alias.scope !90, !noalias !93
  %11 = shl i64 %10, 1
  %12 = getelementptr i8, ptr %6, i64 8
  store i64 %11, ptr %12, align 4, !alias.scope !93, !noalias !90
  %13 = getelementptr i8, ptr %4, i64 16
  %14 = load i64, ptr %13, align 4, !alias.scope !90, !noalias !93
  %15 = shl i64 %14, 1
  %16 = getelementptr i8, ptr %6, i64 16
  store i64 %15, ptr %16, align 4, !alias.scope !93, !noalias !90
  %17 = getelementptr i8, ptr %4, i64 24
  %18 = load i64, ptr %17, align 4, !alias.scope !90, !noalias !93
  %19 = shl i64 %18, 1
  %20 = getelementptr i8, ptr %6, i64 24
  store i64 %19, ptr %20, align 4, !alias.scope !93, !noalias !90
  %21 = getelementptr i8, ptr %4, i64 32
  %22 = load i64, ptr %21, align 4, !alias.scope !90, !noalias !93
  %23 = shl i64 %22, 1
  %24 = getelementptr i8, ptr %6, i64 32
  store i64 %23, ptr %24, align 4, !alias.scope !93, !noalias !90
  %25 = getelementptr i8, ptr %4, i64 40
  %26 = load i64, ptr %25, align 4, !alias.scope !90, !noalias !93
  %27 = shl i64 %26, 1
  %28 = getelementptr i8, ptr %6, i64 40
  store i64 %27, ptr %28, align 4, !alias.scope !93, !noalias !90
  %29 = getelementptr i8, ptr %4, i64 48
  %30 = load i64, ptr %29, align 4, !alias.scope !90, !noalias !93
  %31 = shl i64 %30, 1
  %32 = getelementptr i8, ptr %6, i64 48
  store i64 %31, ptr %32, align 4, !alias.scope !93, !noalias !90
  %33 = getelementptr i8, ptr %4, i64 56
  %34 = load i64, ptr %33, align 4, !alias.scope !90, !noalias !93
  %35 = shl i64 %34, 1
  %36 = getelementptr i8, ptr %6, i64 56
  store i64 %35, ptr %36, align 4, !alias.scope !93, !noalias !90
  %37 = getelementptr i8, ptr %4, i64 64
  %38 = load i64, ptr %37, align 4, !alias.scope !90, !noalias !93
  %39 = shl i64 %38, 1
  %40 = getelementptr i8, ptr %6, i64 64
  store i64 %39, ptr %40, align 4, !alias.scope !93, !noalias !90
  %41 = getelementptr i8, ptr %4, i64 72
  %42 = load i64, ptr %41, align 4, !alias.scope !90, !noalias !93
  %43 = shl i64 %42, 1
  %44 = getelementptr i8, ptr %6, i64 72
  store i64 %43, ptr %44, align 4, !alias.scope !93, !noalias !90
  %45 = getelementptr i8, ptr %4, i64 80
  %46 = load i64, ptr %45, align 4, !alias.scope !90, !noalias !93
  %47 = shl i64 %46, 1
  %48 = getelementptr i8, ptr %6, i64 80
  store i64 %47, ptr %48, align 4, !alias.scope !93, !noalias !90
  %49 = getelementptr i8, ptr %4, i64 88
  %50 = load i64, ptr %49, align 4, !alias.scope !90, !noalias !93
  %51 = shl i64 %50, 1
  %52 = getelementptr i8, ptr %6, i64 88
  store i64 %51, ptr %52, align 4, !alias.scope !93, !noalias !90
  %53 = getelementptr i8, ptr %4, i64 96
  %54 = load i64, ptr %53, align 4, !alias.scope !90, !noalias !93
  %55 = shl i64 %54, 1
  %56 = getelementptr i8, ptr %6, i64 96
  store i64 %55, ptr %56, align 4, !alias.scope !93, !noalias !90
  %57 = getelementptr i8, ptr %4, i64 104
  %58 = load i64, ptr %57, align 4, !alias.scope !90, !noalias !93
  %59 = shl i64 %58, 1
  %60 = getelementptr i8, ptr %6, i64 104
  store i64 %59, ptr %60, align 4, !alias.scope !93, !noalias !90
  %61 = getelementptr i8, ptr %4, i64 112
  %62 = load i64, ptr %61, align 4, !alias.scope !90, !noalias !93
  %63 = shl i64 %62, 1
  %64 = getelementptr i8, ptr %6, i64 112
  store i64 %63, ptr %64, align 4, !alias.scope !93, !noalias !90
  ret void
}

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(inaccessiblemem: readwrite)
declare void @llvm.experimental.noalias.scope.decl(metadata) #2

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare <8 x float> @llvm.fma.v8f32(<8 x float>, <8 x float>, <8 x float>) #3

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare <8 x float> @llvm.floor.v8f32(<8 x float>) #3

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(read)
declare <8 x float> @llvm.masked.gather.v8f32.v8p0(<8 x ptr>, i32 immarg, <8 x i1>, <8 x float>) #4

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(write)
declare void @llvm.masked.scatter.v8f32.v8p0(<8 x float>, <8 x ptr>, i32 immarg, <8 x i1>) #5

attributes #0 = { nofree norecurse nosync nounwind "target-cpu"="skylake-avx512" "target-features"="+64bit,+64bit-mode,+adx,+aes,+allow-light-256-bit,+avx,+avx2,+avx512bw,+avx512cd,+avx512dq,+avx512f,+avx512vl,+bmi,+bmi2,+clflushopt,+clwb,+cmov,+crc32,+cx16,+cx8,+ermsb,+evex512,+f16c,+false-deps-popcnt,+fast-15bytenop,+fast-gather,+fast-scalar-fsqrt,+fast-shld-rotate,+fast-variable-crosslane-shuffle,+fast-variable-perlane-shuffle,+fast-vector-fsqrt,+faster-shift-than-shuffle,+fma,+fsgsbase,+fxsr,+idivq-to-divl,+invpcid,+lzcnt,+macrofusion,+mmx,+movbe,+no-bypass-delay-blend,+no-bypass-delay-mov,+no-bypass-delay-shuffle,+nopl,+pclmul,+pku,+popcnt,+prefer-256-bit,+prfchw,+rdrnd,+rdseed,+sahf,+slow-3ops-lea,+sse,+sse2,+sse3,+sse4.1,+sse4.2,+ssse3,+tuning-fast-imm-vector-shift,+vzeroupper,+x87,+xsave,+xsavec,+xsaveopt,+xsaves,-16bit-mode,-32bit-mode,-amx-bf16,-amx-complex,-amx-fp16,-amx-int8,-amx-tile,-avx10.1-256,-avx10.1-512,-avx512bf16,-avx512bitalg,-avx512fp16,-avx512ifma,-avx512vbmi,-avx512vbmi2,-avx512vnni,-avx512vp2intersect,-avx512vpopcntdq,-avxifma,-avxneconvert,-avxvnni,-avxvnniint16,-avxvnniint8,-branch-hint,-branchfusion,-ccmp,-cf,-cldemote,-clzero,-cmpccxadd,-egpr,-enqcmd,-false-deps-getmant,-false-deps-lzcnt-tzcnt,-false-deps-mulc,-false-deps-mullq,-false-deps-perm,-false-deps-range,-fast-11bytenop,-fast-7bytenop,-fast-bextr,-fast-dpwssd,-fast-hops,-fast-imm16,-fast-lzcnt,-fast-movbe,-fast-scalar-shift-masks,-fast-vector-shift-masks,-fma4,-fsrm,-gfni,-harden-sls-ijmp,-harden-sls-ret,-hreset,-idivl-to-divb,-inline-asm-use-gpr32,-kl,-lea-sp,-lea-uses-ag,-lvi-cfi,-lvi-load-hardening,-lwp,-movdir64b,-movdiri,-mwaitx,-ndd,-nf,-no-bypass-delay,-pad-short-functions,-pconfig,-ppx,-prefer-128-bit,-prefer-mask-registers,-prefer-movmsk-over-vtest,-prefer-no-gather,-prefer-no-scatter,-prefetchi,-ptwrite,-push2pop2,-raoint,-rdpid,-rdpru,-retpoline,-retpoline-external-thunk,-retpoline-indirect-branches,-retpoline-indirect-calls,-rtm,-sbb-dep-breaking,-serialize,-seses,-sgx,-sha,-sha512,-shstk,-slow-incdec,-slow-lea,-slow-pmaddwd,-slow-pmulld,-slow-shld,-slow-two-mem-ops,-slow-unaligned-mem-16,-slow-unaligned-mem-32,-sm3,-sm4,-soft-float,-sse-unaligned-mem,-sse4a,-tagged-globals,-tbm,-tsxldtrk,-uintr,-use-glm-div-sqrt-costs,-use-slm-arith-costs,-usermsr,-vaes,-vpclmulqdq,-waitpkg,-wbnoinvd,-widekl,-xop,-zu" }
attributes #1 = { mustprogress nofree norecurse nosync nounwind willreturn "target-cpu"="skylake-avx512" "target-features"="+64bit,+64bit-mode,+adx,+aes,+allow-light-256-bit,+avx,+avx2,+avx512bw,+avx512cd,+avx512dq,+avx512f,+avx512vl,+bmi,+bmi2,+clflushopt,+clwb,+cmov,+crc32,+cx16,+cx8,+ermsb,+evex512,+f16c,+false-deps-popcnt,+fast-15bytenop,+fast-gather,+fast-scalar-fsqrt,+fast-shld-rotate,+fast-variable-crosslane-shuffle,+fast-variable-perlane-shuffle,+fast-vector-fsqrt,+faster-shift-than-shuffle,+fma,+fsgsbase,+fxsr,+idivq-to-divl,+invpcid,+lzcnt,+macrofusion,+mmx,+movbe,+no-bypass-delay-blend,+no-bypass-delay-mov,+no-bypass-delay-shuffle,+nopl,+pclmul,+pku,+popcnt,+prefer-256-bit,+prfchw,+rdrnd,+rdseed,+sahf,+slow-3ops-lea,+sse,+sse2,+sse3,+sse4.1,+sse4.2,+ssse3,+tuning-fast-imm-vector-shift,+vzeroupper,+x87,+xsave,+xsavec,+xsaveopt,+xsaves,-16bit-mode,-32bit-mode,-amx-bf16,-amx-complex,-amx-fp16,-amx-int8,-amx-tile,-avx10.1-256,-avx10.1-512,-avx512bf16,-avx512bitalg,-avx512fp16,-avx512ifma,-avx512vbmi,-avx512vbmi2,-avx512vnni,-avx512vp2intersect,-avx512vpopcntdq,-avxifma,-avxneconvert,-avxvnni,-avxvnniint16,-avxvnniint8,-branch-hint,-branchfusion,-ccmp,-cf,-cldemote,-clzero,-cmpccxadd,-egpr,-enqcmd,-false-deps-getmant,-false-deps-lzcnt-tzcnt,-false-deps-mulc,-false-deps-mullq,-false-deps-perm,-false-deps-range,-fast-11bytenop,-fast-7bytenop,-fast-bextr,-fast-dpwssd,-fast-hops,-fast-imm16,-fast-lzcnt,-fast-movbe,-fast-scalar-shift-masks,-fast-vector-shift-masks,-fma4,-fsrm,-gfni,-harden-sls-ijmp,-harden-sls-ret,-hreset,-idivl-to-divb,-inline-asm-use-gpr32,-kl,-lea-sp,-lea-uses-ag,-lvi-cfi,-lvi-load-hardening,-lwp,-movdir64b,-movdiri,-mwaitx,-ndd,-nf,-no-bypass-delay,-pad-short-functions,-pconfig,-ppx,-prefer-128-bit,-prefer-mask-registers,-prefer-movmsk-over-vtest,-prefer-no-gather,-prefer-no-scatter,-prefetchi,-ptwrite,-push2pop2,-raoint,-rdpid,-rdpru,-retpoline,-retpoline-external-thunk,-retpoline-indirect-branches,-retpoline-indirect-calls,-rtm,-sbb-dep-breaking,-serialize,-seses,-sgx,-sha,-sha512,-shstk,-slow-incdec,-slow-lea,-slow-pmaddwd,-slow-pmulld,-slow-shld,-slow-two-mem-ops,-slow-unaligned-mem-16,-slow-unaligned-mem-32,-sm3,-sm4,-soft-float,-sse-unaligned-mem,-sse4a,-tagged-globals,-tbm,-tsxldtrk,-uintr,-use-glm-div-sqrt-costs,-use-slm-arith-costs,-usermsr,-vaes,-vpclmulqdq,-waitpkg,-wbnoinvd,-widekl,-xop,-zu" }
attributes #2 = { nocallback nofree nosync nounwind willreturn memory(inaccessiblemem: readwrite) }
attributes #3 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
attributes #4 = { nocallback nofree nosync nounwind willreturn memory(read) }
attributes #5 = { nocallback nofree nosync nounwind willreturn memory(write) }

!llvm.module.flags = !{!0}

!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = !{!2}
!2 = distinct !{!2, !3, !"kiln_k8.body: argument 0"}
!3 = distinct !{!3, !"kiln_k8.body"}
!4 = !{!5}
!5 = distinct !{!5, !3, !"kiln_k8.body: argument 1"}
!6 = !{!7}
!7 = distinct !{!7, !8, !"kiln_k0.body: argument 0"}
!8 = distinct !{!8, !"kiln_k0.body"}
!9 = !{!10}
!10 = distinct !{!10, !8, !"kiln_k0.body: argument 1"}
!11 = !{!12}
!12 = distinct !{!12, !8, !"kiln_k0.body: argument 2"}
!13 = !{!10, !12}
!14 = !{!7, !12}
!15 = !{!7, !10}
!16 = distinct !{!16, !17, !18}
!17 = !{!"llvm.loop.isvectorized", i32 1}
!18 = !{!"llvm.loop.unroll.runtime.disable"}
!19 = !{!20}
!20 = distinct !{!20, !21, !"kiln_k4.body: argument 0"}
!21 = distinct !{!21, !"kiln_k4.body"}
!22 = !{!23}
!23 = distinct !{!23, !21, !"kiln_k4.body: argument 1"}
!24 = !{!25}
!25 = distinct !{!25, !21, !"kiln_k4.body: argument 2"}
!26 = !{!23, !25}
!27 = !{!20, !25}
!28 = !{!20, !23}
!29 = distinct !{!29, !17, !18}
!30 = !{!31}
!31 = distinct !{!31, !32, !"kiln_k9.body: argument 0"}
!32 = distinct !{!32, !"kiln_k9.body"}
!33 = !{!34}
!34 = distinct !{!34, !32, !"kiln_k9.body: argument 1"}
!35 = !{!36}
!36 = distinct !{!36, !32, !"kiln_k9.body: argument 2"}
!37 = !{!34, !36}
!38 = !{!31, !36}
!39 = !{!31, !34}
!40 = distinct !{!40, !17, !18}
!41 = !{!42}
!42 = distinct !{!42, !43, !"kiln_k1.body: argument 0"}
!43 = distinct !{!43, !"kiln_k1.body"}
!44 = !{!45}
!45 = distinct !{!45, !43, !"kiln_k1.body: argument 1"}
!46 = !{!42, !45}
!47 = !{!48}
!48 = distinct !{!48, !49, !"kiln_k6.body: argument 0"}
!49 = distinct !{!49, !"kiln_k6.body"}
!50 = !{!51}
!51 = distinct !{!51, !49, !"kiln_k6.body: argument 1"}
!52 = !{!53}
!53 = distinct !{!53, !49, !"kiln_k6.body: argument 2"}
!54 = !{!51, !53}
!55 = !{!48, !53}
!56 = !{!48, !51}
!57 = distinct !{!57, !17, !18}
!58 = !{!59}
!59 = distinct !{!59, !60, !"kiln_k2.body: argument 0"}
!60 = distinct !{!60, !"kiln_k2.body"}
!61 = !{!62}
!62 = distinct !{!62, !60, !"kiln_k2.body: argument 1"}
!63 = distinct !{!63, !17, !18}
!64 = !{!65}
!65 = distinct !{!65, !66, !"kiln_k5.body: argument 0"}
!66 = distinct !{!66, !"kiln_k5.body"}
!67 = !{!68}
!68 = distinct !{!68, !66, !"kiln_k5.body: argument 1"}
!69 = distinct !{!69, !17, !18}
!70 = !{!71}
!71 = distinct !{!71, !72, !"kiln_k3.body: argument 0"}
!72 = distinct !{!72, !"kiln_k3.body"}
!73 = !{!74}
!74 = distinct !{!74, !72, !"kiln_k3.body: argument 1"}
!75 = !{!76}
!76 = distinct !{!76, !77, !"kiln_k7.body: argument 0"}
!77 = distinct !{!77, !"kiln_k7.body"}
!78 = !{!79}
!79 = distinct !{!79, !77, !"kiln_k7.body: argument 1"}
!80 = !{!81}
!81 = distinct !{!81, !82, !"kiln_k11.body: argument 0"}
!82 = distinct !{!82, !"kiln_k11.body"}
!83 = !{!84}
!84 = distinct !{!84, !82, !"kiln_k11.body: argument 1"}
!85 = !{!86}
!86 = distinct !{!86, !82, !"kiln_k11.body: argument 2"}
!87 = !{!84, !86}
!88 = !{!81, !86}
!89 = !{!81, !84}
!90 = !{!91}
!91 = distinct !{!91, !92, !"kiln_k10.body: argument 0"}
!92 = distinct !{!92, !"kiln_k10.body"}
!93 = !{!94}
!94 = distinct !{!94, !92, !"kiln_k10.body: argument 1"}
