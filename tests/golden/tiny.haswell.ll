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
  br label %.preheader1

.preheader1:                                      ; preds = %entry, %125
  %8 = phi i64 [ 0, %entry ], [ %126, %125 ]
  %9 = shl i64 %8, 8
  br label %.preheader

.preheader:                                       ; preds = %.preheader1, %.preheader
  %10 = phi i64 [ 0, %.preheader1 ], [ %124, %.preheader ]
  %11 = shl i64 %10, 4
  %12 = add nuw nsw i64 %11, %9
  %13 = getelementptr float, ptr %3, i64 %12
  %14 = load float, ptr %13, align 4, !alias.scope !6, !noalias !13
  %15 = getelementptr float, ptr %5, i64 %12
  %16 = load float, ptr %15, align 4, !alias.scope !9, !noalias !14
  %17 = fmul float %14, %16
  %18 = getelementptr float, ptr %7, i64 %12
  store float %17, ptr %18, align 4, !alias.scope !11, !noalias !15
  %19 = or disjoint i64 %12, 1
  %20 = getelementptr float, ptr %3, i64 %19
  %21 = load float, ptr %20, align 4, !alias.scope !6, !noalias !13
  %22 = getelementptr float, ptr %5, i64 %19
  %23 = load float, ptr %22, align 4, !alias.scope !9, !noalias !14
  %24 = fmul float %21, %23
  %25 = getelementptr float, ptr %7, i64 %19
  store float %24, ptr %25, align 4, !alias.scope !11, !noalias !15
  %26 = or disjoint i64 %12, 2
  %27 = getelementptr float, ptr %3, i64 %26
  %28 = load float, ptr %27, align 4, !alias.scope !6, !noalias !13
  %29 = getelementptr float, ptr %5, i64 %26
  %30 = load float, ptr %29, align 4, !alias.scope !9, !noalias !14
  %31 = fmul float %28, %30
  %32 = getelementptr float, ptr %7, i64 %26
  store float %31, ptr %32, align 4, !alias.scope !11, !noalias !15
  %33 = or disjoint i64 %12, 3
  %34 = getelementptr float, ptr %3, i64 %33
  %35 = load float, ptr %34, align 4, !alias.scope !6, !noalias !13
  %36 = getelementptr float, ptr %5, i64 %33
  %37 = load float, ptr %36, align 4, !alias.scope !9, !noalias !14
  %38 = fmul float %35, %37
  %39 = getelementptr float, ptr %7, i64 %33
  store float %38, ptr %39, align 4, !alias.scope !11, !noalias !15
  %40 = or disjoint i64 %12, 4
  %41 = getelementptr float, ptr %3, i64 %40
  %42 = load float, ptr %41, align 4, !alias.scope !6, !noalias !13
  %43 = getelementptr float, ptr %5, i64 %40
  %44 = load float, ptr %43, align 4, !alias.scope !9, !noalias !14
  %45 = fmul float %42, %44
  %46 = getelementptr float, ptr %7, i64 %40
  store float %45, ptr %46, align 4, !alias.scope !11, !noalias !15
  %47 = or disjoint i64 %12, 5
  %48 = getelementptr float, ptr %3, i64 %47
  %49 = load float, ptr %48, align 4, !alias.scope !6, !noalias !13
  %50 = getelementptr float, ptr %5, i64 %47
  %51 = load float, ptr %50, align 4, !alias.scope !9, !noalias !14
  %52 = fmul float %49, %51
  %53 = getelementptr float, ptr %7, i64 %47
  store float %52, ptr %53, align 4, !alias.scope !11, !noalias !15
  %54 = or disjoint i64 %12, 6
  %55 = getelementptr float, ptr %3, i64 %54
  %56 = load float, ptr %55, align 4, !alias.scope !6, !noalias !13
  %57 = getelementptr float, ptr %5, i64 %54
  %58 = load float, ptr %57, align 4, !alias.scope !9, !noalias !14
  %59 = fmul float %56, %58
  %60 = getelementptr float, ptr %7, i64 %54
  store float %59, ptr %60, align 4, !alias.scope !11, !noalias !15
  %61 = or disjoint i64 %12, 7
  %62 = getelementptr float, ptr %3, i64 %61
  %63 = load float, ptr %62, align 4, !alias.scope !6, !noalias !13
  %64 = getelementptr float, ptr %5, i64 %61
  %65 = load float, ptr %64, align 4, !alias.scope !9, !noalias !14
  %66 = fmul float %63, %65
  %67 = getelementptr float, ptr %7, i64 %61
  store float %66, ptr %67, align 4, !alias.scope !11, !noalias !15
  %68 = or disjoint i64 %12, 8
  %69 = getelementptr float, ptr %3, i64 %68
  %70 = load float, ptr %69, align 4, !alias.scope !6, !noalias !13
  %71 = getelementptr float, ptr %5, i64 %68
  %72 = load float, ptr %71, align 4, !alias.scope !9, !noalias !14
  %73 = fmul float %70, %72
  %74 = getelementptr float, ptr %7, i64 %68
  store float %73, ptr %74, align 4, !alias.scope !11, !noalias !15
  %75 = or disjoint i64 %12, 9
  %76 = getelementptr float, ptr %3, i64 %75
  %77 = load float, ptr %76, align 4, !alias.scope !6, !noalias !13
  %78 = getelementptr float, ptr %5, i64 %75
  %79 = load float, ptr %78, align 4, !alias.scope !9, !noalias !14
  %80 = fmul float %77, %79
  %81 = getelementptr float, ptr %7, i64 %75
  store float %80, ptr %81, align 4, !alias.scope !11, !noalias !15
  %82 = or disjoint i64 %12, 10
  %83 = getelementptr float, ptr %3, i64 %82
  %84 = load float, ptr %83, align 4, !alias.scope !6, !noalias !13
  %85 = getelementptr float, ptr %5, i64 %82
  %86 = load float, ptr %85, align 4, !alias.scope !9, !noalias !14
  %87 = fmul float %84, %86
  %88 = getelementptr float, ptr %7, i64 %82
  store float %87, ptr %88, align 4, !alias.scope !11, !noalias !15
  %89 = or disjoint i64 %12, 11
  %90 = getelementptr float, ptr %3, i64 %89
  %91 = load float, ptr %90, align 4, !alias.scope !6, !noalias !13
  %92 = getelementptr float, ptr %5, i64 %89
  %93 = load float, ptr %92, align 4, !alias.scope !9, !noalias !14
  %94 = fmul float %91, %93
  %95 = getelementptr float, ptr %7, i64 %89
  store float %94, ptr %95, align 4, !alias.scope !11, !noalias !15
  %96 = or disjoint i64 %12, 12
  %97 = getelementptr float, ptr %3, i64 %96
  %98 = load float, ptr %97, align 4, !alias.scope !6, !noalias !13
  %99 = getelementptr float, ptr %5, i64 %96
  %100 = load float, ptr %99, align 4, !alias.scope !9, !noalias !14
  %101 = fmul float %98, %100
  %102 = getelementptr float, ptr %7, i64 %96
  store float %101, ptr %102, align 4, !alias.scope !11, !noalias !15
  %103 = or disjoint i64 %12, 13
  %104 = getelementptr float, ptr %3, i64 %103
  %105 = load float, ptr %104, align 4, !alias.scope !6, !noalias !13
  %106 = getelementptr float, ptr %5, i64 %103
  %107 = load float, ptr %106, align 4, !alias.scope !9, !noalias !14
  %108 = fmul float %105, %107
  %109 = getelementptr float, ptr %7, i64 %103
  store float %108, ptr %109, align 4, !alias.scope !11, !noalias !15
  %110 = or disjoint i64 %12, 14
  %111 = getelementptr float, ptr %3, i64 %110
  %112 = load float, ptr %111, align 4, !alias.scope !6, !noalias !13
  %113 = getelementptr float, ptr %5, i64 %110
  %114 = load float, ptr %113, align 4, !alias.scope !9, !noalias !14
  %115 = fmul float %112, %114
  %116 = getelementptr float, ptr %7, i64 %110
  store float %115, ptr %116, align 4, !alias.scope !11, !noalias !15
  %117 = or disjoint i64 %12, 15
  %118 = getelementptr float, ptr %3, i64 %117
  %119 = load float, ptr %118, align 4, !alias.scope !6, !noalias !13
  %120 = getelementptr float, ptr %5, i64 %117
  %121 = load float, ptr %120, align 4, !alias.scope !9, !noalias !14
  %122 = fmul float %119, %121
  %123 = getelementptr float, ptr %7, i64 %117
  store float %122, ptr %123, align 4, !alias.scope !11, !noalias !15
  %124 = add nuw nsw i64 %10, 1
  %exitcond.not = icmp eq i64 %124, 16
  br i1 %exitcond.not, label %125, label %.preheader

125:                                              ; preds = %.preheader
  %126 = add nuw nsw i64 %8, 1
  %exitcond2.not = icmp eq i64 %126, 8
  br i1 %exitcond2.not, label %kiln_k0.body.exit, label %.preheader1

kiln_k0.body.exit:                                ; preds = %125
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
  tail call void @llvm.experimental.noalias.scope.decl(metadata !16)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !19)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !21)
  br label %.preheader1

.preheader1:                                      ; preds = %entry, %125
  %8 = phi i64 [ 0, %entry ], [ %126, %125 ]
  %9 = shl i64 %8, 8
  br label %.preheader

.preheader:                                       ; preds = %.preheader1, %.preheader
  %10 = phi i64 [ 0, %.preheader1 ], [ %124, %.preheader ]
  %11 = shl i64 %10, 4
  %12 = add nuw nsw i64 %11, %9
  %13 = getelementptr float, ptr %3, i64 %12
  %14 = load float, ptr %13, align 4, !alias.scope !16, !noalias !23
  %15 = getelementptr float, ptr %5, i64 %12
  %16 = load float, ptr %15, align 4, !alias.scope !19, !noalias !24
  %17 = fsub float %14, %16
  %18 = getelementptr float, ptr %7, i64 %12
  store float %17, ptr %18, align 4, !alias.scope !21, !noalias !25
  %19 = or disjoint i64 %12, 1
  %20 = getelementptr float, ptr %3, i64 %19
  %21 = load float, ptr %20, align 4, !alias.scope !16, !noalias !23
  %22 = getelementptr float, ptr %5, i64 %19
  %23 = load float, ptr %22, align 4, !alias.scope !19, !noalias !24
  %24 = fsub float %21, %23
  %25 = getelementptr float, ptr %7, i64 %19
  store float %24, ptr %25, align 4, !alias.scope !21, !noalias !25
  %26 = or disjoint i64 %12, 2
  %27 = getelementptr float, ptr %3, i64 %26
  %28 = load float, ptr %27, align 4, !alias.scope !16, !noalias !23
  %29 = getelementptr float, ptr %5, i64 %26
  %30 = load float, ptr %29, align 4, !alias.scope !19, !noalias !24
  %31 = fsub float %28, %30
  %32 = getelementptr float, ptr %7, i64 %26
  store float %31, ptr %32, align 4, !alias.scope !21, !noalias !25
  %33 = or disjoint i64 %12, 3
  %34 = getelementptr float, ptr %3, i64 %33
  %35 = load float, ptr %34, align 4, !alias.scope !16, !noalias !23
  %36 = getelementptr float, ptr %5, i64 %33
  %37 = load float, ptr %36, align 4, !alias.scope !19, !noalias !24
  %38 = fsub float %35, %37
  %39 = getelementptr float, ptr %7, i64 %33
  store float %38, ptr %39, align 4, !alias.scope !21, !noalias !25
  %40 = or disjoint i64 %12, 4
  %41 = getelementptr float, ptr %3, i64 %40
  %42 = load float, ptr %41, align 4, !alias.scope !16, !noalias !23
  %43 = getelementptr float, ptr %5, i64 %40
  %44 = load float, ptr %43, align 4, !alias.scope !19, !noalias !24
  %45 = fsub float %42, %44
  %46 = getelementptr float, ptr %7, i64 %40
  store float %45, ptr %46, align 4, !alias.scope !21, !noalias !25
  %47 = or disjoint i64 %12, 5
  %48 = getelementptr float, ptr %3, i64 %47
  %49 = load float, ptr %48, align 4, !alias.scope !16, !noalias !23
  %50 = getelementptr float, ptr %5, i64 %47
  %51 = load float, ptr %50, align 4, !alias.scope !19, !noalias !24
  %52 = fsub float %49, %51
  %53 = getelementptr float, ptr %7, i64 %47
  store float %52, ptr %53, align 4, !alias.scope !21, !noalias !25
  %54 = or disjoint i64 %12, 6
  %55 = getelementptr float, ptr %3, i64 %54
  %56 = load float, ptr %55, align 4, !alias.scope !16, !noalias !23
  %57 = getelementptr float, ptr %5, i64 %54
  %58 = load float, ptr %57, align 4, !alias.scope !19, !noalias !24
  %59 = fsub float %56, %58
  %60 = getelementptr float, ptr %7, i64 %54
  store float %59, ptr %60, align 4, !alias.scope !21, !noalias !25
  %61 = or disjoint i64 %12, 7
  %62 = getelementptr float, ptr %3, i64 %61
  %63 = load float, ptr %62, align 4, !alias.scope !16, !noalias !23
  %64 = getelementptr float, ptr %5, i64 %61
  %65 = load float, ptr %64, align 4, !alias.scope !19, !noalias !24
  %66 = fsub float %63, %65
  %67 = getelementptr float, ptr %7, i64 %61
  store float %66, ptr %67, align 4, !alias.scope !21, !noalias !25
  %68 = or disjoint i64 %12, 8
  %69 = getelementptr float, ptr %3, i64 %68
  %70 = load float, ptr %69, align 4, !alias.scope !16, !noalias !23
  %71 = getelementptr float, ptr %5, i64 %68
  %72 = load float, ptr %71, align 4, !alias.scope !19, !noalias !24
  %73 = fsub float %70, %72
  %74 = getelementptr float, ptr %7, i64 %68
  store float %73, ptr %74, align 4, !alias.scope !21, !noalias !25
  %75 = or disjoint i64 %12, 9
  %76 = getelementptr float, ptr %3, i64 %75
  %77 = load float, ptr %76, align 4, !alias.scope !16, !noalias !23
  %78 = getelementptr float, ptr %5, i64 %75
  %79 = load float, ptr %78, align 4, !alias.scope !19, !noalias !24
  %80 = fsub float %77, %79
  %81 = getelementptr float, ptr %7, i64 %75
  store float %80, ptr %81, align 4, !alias.scope !21, !noalias !25
  %82 = or disjoint i64 %12, 10
  %83 = getelementptr float, ptr %3, i64 %82
  %84 = load float, ptr %83, align 4, !alias.scope !16, !noalias !23
  %85 = getelementptr float, ptr %5, i64 %82
  %86 = load float, ptr %85, align 4, !alias.scope !19, !noalias !24
  %87 = fsub float %84, %86
  %88 = getelementptr float, ptr %7, i64 %82
  store float %87, ptr %88, align 4, !alias.scope !21, !noalias !25
  %89 = or disjoint i64 %12, 11
  %90 = getelementptr float, ptr %3, i64 %89
  %91 = load float, ptr %90, align 4, !alias.scope !16, !noalias !23
  %92 = getelementptr float, ptr %5, i64 %89
  %93 = load float, ptr %92, align 4, !alias.scope !19, !noalias !24
  %94 = fsub float %91, %93
  %95 = getelementptr float, ptr %7, i64 %89
  store float %94, ptr %95, align 4, !alias.scope !21, !noalias !25
  %96 = or disjoint i64 %12, 12
  %97 = getelementptr float, ptr %3, i64 %96
  %98 = load float, ptr %97, align 4, !alias.scope !16, !noalias !23
  %99 = getelementptr float, ptr %5, i64 %96
  %100 = load float, ptr %99, align 4, !alias.scope !19, !noalias !24
  %101 = fsub float %98, %100
  %102 = getelementptr float, ptr %7, i64 %96
  store float %101, ptr %102, align 4, !alias.scope !21, !noalias !25
  %103 = or disjoint i64 %12, 13
  %104 = getelementptr float, ptr %3, i64 %103
  %105 = load float, ptr %104, align 4, !alias.scope !16, !noalias !23
  %106 = getelementptr float, ptr %5, i64 %103
  %107 = load float, ptr %106, align 4, !alias.scope !19, !noalias !24
  %108 = fsub float %105, %107
  %109 = getelementptr float, ptr %7, i64 %103
  store float %108, ptr %109, align 4, !alias.scope !21, !noalias !25
  %110 = or disjoint i64 %12, 14
  %111 = getelementptr float, ptr %3, i64 %110
  %112 = load float, ptr %111, align 4, !alias.scope !16, !noalias !23
  %113 = getelementptr float, ptr %5, i64 %110
  %114 = load float, ptr %113, align 4, !alias.scope !19, !noalias !24
  %115 = fsub float %112, %114
  %116 = getelementptr float, ptr %7, i64 %110
  store float %115, ptr %116, align 4, !alias.scope !21, !noalias !25
  %117 = or disjoint i64 %12, 15
  %118 = getelementptr float, ptr %3, i64 %117
  %119 = load float, ptr %118, align 4, !alias.scope !16, !noalias !23
  %120 = getelementptr float, ptr %5, i64 %117
  %121 = load float, ptr %120, align 4, !alias.scope !19, !noalias !24
  %122 = fsub float %119, %121
  %123 = getelementptr float, ptr %7, i64 %117
  store float %122, ptr %123, align 4, !alias.scope !21, !noalias !25
  %124 = add nuw nsw i64 %10, 1
  %exitcond.not = icmp eq i64 %124, 16
  br i1 %exitcond.not, label %125, label %.preheader

125:                                              ; preds = %.preheader
  %126 = add nuw nsw i64 %8, 1
  %exitcond2.not = icmp eq i64 %126, 8
  br i1 %exitcond2.not, label %kiln_k4.body.exit, label %.preheader1

kiln_k4.body.exit:                                ; preds = %125
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
  tail call void @llvm.experimental.noalias.scope.decl(metadata !26)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !29)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !31)
  br label %.preheader1

.preheader1:                                      ; preds = %entry, %middle.block
  %8 = phi i64 [ 0, %entry ], [ %610, %middle.block ]
  %9 = shl i64 %8, 8
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %.preheader1
  %index = phi i64 [ 0, %.preheader1 ], [ %index.next, %vector.body ]
  %10 = shl i64 %index, 4
  %11 = shl i64 %index, 4
  %12 = or disjoint i64 %11, 16
  %13 = shl i64 %index, 4
  %14 = or disjoint i64 %13, 32
  %15 = shl i64 %index, 4
  %16 = or disjoint i64 %15, 48
  %17 = add nuw nsw i64 %10, %9
  %18 = add nuw nsw i64 %12, %9
  %19 = add nuw nsw i64 %14, %9
  %20 = add nuw nsw i64 %16, %9
  %21 = getelementptr float, ptr %3, i64 %17
  %22 = getelementptr float, ptr %3, i64 %18
  %23 = getelementptr float, ptr %3, i64 %19
  %24 = getelementptr float, ptr %3, i64 %20
  %25 = load float, ptr %21, align 4, !alias.scope !26, !noalias !33
  %26 = load float, ptr %22, align 4, !alias.scope !26, !noalias !33
  %27 = load float, ptr %23, align 4, !alias.scope !26, !noalias !33
  %28 = load float, ptr %24, align 4, !alias.scope !26, !noalias !33
  %29 = insertelement <4 x float> poison, float %25, i64 0
  %30 = insertelement <4 x float> %29, float %26, i64 1
  %31 = insertelement <4 x float> %30, float %27, i64 2
  %32 = insertelement <4 x float> %31, float %28, i64 3
  %33 = getelementptr float, ptr %5, i64 %17
  %34 = getelementptr float, ptr %5, i64 %18
  %35 = getelementptr float, ptr %5, i64 %19
  %36 = getelementptr float, ptr %5, i64 %20
  %37 = load float, ptr %33, align 4, !alias.scope !29, !noalias !34
  %38 = load float, ptr %34, align 4, !alias.scope !29, !noalias !34
  %39 = load float, ptr %35, align 4, !alias.scope !29, !noalias !34
  %40 = load float, ptr %36, align 4, !alias.scope !29, !noalias !34
  %41 = insertelement <4 x float> poison, float %37, i64 0
  %42 = insertelement <4 x float> %41, float %38, i64 1
  %43 = insertelement <4 x float> %42, float %39, i64 2
  %44 = insertelement <4 x float> %43, float %40, i64 3
  %45 = fdiv <4 x float> %32, %44
  %46 = getelementptr float, ptr %7, i64 %17
  %47 = getelementptr float, ptr %7, i64 %18
  %48 = getelementptr float, ptr %7, i64 %19
  %49 = getelementptr float, ptr %7, i64 %20
  %50 = extractelement <4 x float> %45, i64 0
  store float %50, ptr %46, align 4, !alias.scope !31, !noalias !35
  %51 = extractelement <4 x float> %45, i64 1
  store float %51, ptr %47, align 4, !alias.scope !31, !noalias !35
  %52 = extractelement <4 x float> %45, i64 2
  store float %52, ptr %48, align 4, !alias.scope !31, !noalias !35
  %53 = extractelement <4 x float> %45, i64 3
  store float %53, ptr %49, align 4, !alias.scope !31, !noalias !35
  %54 = or disjoint i64 %17, 1
  %55 = or disjoint i64 %18, 1
  %56 = or disjoint i64 %19, 1
  %57 = or disjoint i64 %20, 1
  %58 = getelementptr float, ptr %3, i64 %54
  %59 = getelementptr float, ptr %3, i64 %55
  %60 = getelementptr float, ptr %3, i64 %56
  %61 = getelementptr float, ptr %3, i64 %57
  %62 = load float, ptr %58, align 4, !alias.scope !26, !noalias !33
  %63 = load float, ptr %59, align 4, !alias.scope !26, !noalias !33
  %64 = load float, ptr %60, align 4, !alias.scope !26, !noalias !33
  %65 = load float, ptr %61, align 4, !alias.scope !26, !noalias !33
  %66 = insertelement <4 x float> poison, float %62, i64 0
  %67 = insertelement <4 x float> %66, float %63, i64 1
  %68 = insertelement <4 x float> %67, float %64, i64 2
  %69 = insertelement <4 x float> %68, float %65, i64 3
  %70 = getelementptr float, ptr %5, i64 %54
  %71 = getelementptr float, ptr %5, i64 %55
  %72 = getelementptr float, ptr %5, i64 %56
  %73 = getelementptr float, ptr %5, i64 %57
  %74 = load float, ptr %70, align 4, !alias.scope !29, !noalias !34
  %75 = load float, ptr %71, align 4, !alias.scope !29, !noalias !34
  %76 = load float, ptr %72, align 4, !alias.scope !29, !noalias !34
  %77 = load float, ptr %73, align 4, !alias.scope !29, !noalias !34
  %78 = insertelement <4 x float> poison, float %74, i64 0
  %79 = insertelement <4 x float> %78, float %75, i64 1
  %80 = insertelement <4 x float> %79, float %76, i64 2
  %81 = insertelement <4 x float> %80, float %77, i64 3
  %82 = fdiv <4 x float> %69, %81
  %83 = getelementptr float, ptr %7, i64 %54
  %84 = getelementptr float, ptr %7, i64 %55
  %85 = getelementptr float, ptr %7, i64 %56
  %86 = getelementptr float, ptr %7, i64 %57
  %87 = extractelement <4 x float> %82, i64 0
  store float %87, ptr %83, align 4, !alias.scope !31, !noalias !35
  %88 = extractelement <4 x float> %82, i64 1
  store float %88, ptr %84, align 4, !alias.scope !31, !noalias !35
  %89 = extractelement <4 x float> %82, i64 2
  store float %89, ptr %85, align 4, !alias.scope !31, !noalias !35
  %90 = extractelement <4 x float> %82, i64 3
  store float %90, ptr %86, align 4, !alias.scope !31, !noalias !35
  %91 = or disjoint i64 %17, 2
  %92 = or disjoint i64 %18, 2
  %93 = or disjoint i64 %19, 2
  %94 = or disjoint i64 %20, 2
  %95 = getelementptr float, ptr %3, i64 %91
  %96 = getelementptr float, ptr %3, i64 %92
  %97 = getelementptr float, ptr %3, i64 %93
  %98 = getelementptr float, ptr %3, i64 %94
  %99 = load float, ptr %95, align 4, !alias.scope !26, !noalias !33
  %100 = load float, ptr %96, align 4, !alias.scope !26, !noalias !33
  %101 = load float, ptr %97, align 4, !alias.scope !26, !noalias !33
  %102 = load float, ptr %98, align 4, !alias.scope !26, !noalias !33
  %103 = insertelement <4 x float> poison, float %99, i64 0
  %104 = insertelement <4 x float> %103, float %100, i64 1
  %105 = insertelement <4 x float> %104, float %101, i64 2
  %106 = insertelement <4 x float> %105, float %102, i64 3
  %107 = getelementptr float, ptr %5, i64 %91
  %108 = getelementptr float, ptr %5, i64 %92
  %109 = getelementptr float, ptr %5, i64 %93
  %110 = getelementptr float, ptr %5, i64 %94
  %111 = load float, ptr %107, align 4, !alias.scope !29, !noalias !34
  %112 = load float, ptr %108, align 4, !alias.scope !29, !noalias !34
  %113 = load float, ptr %109, align 4, !alias.scope !29, !noalias !34
  %114 = load float, ptr %110, align 4, !alias.scope !29, !noalias !34
  %115 = insertelement <4 x float> poison, float %111, i64 0
  %116 = insertelement <4 x float> %115, float %112, i64 1
  %117 = insertelement <4 x float> %116, float %113, i64 2
  %118 = insertelement <4 x float> %117, float %114, i64 3
  %119 = fdiv <4 x float> %106, %118
  %120 = getelementptr float, ptr %7, i64 %91
  %121 = getelementptr float, ptr %7, i64 %92
  %122 = getelementptr float, ptr %7, i64 %93
  %123 = getelementptr float, ptr %7, i64 %94
  %124 = extractelement <4 x float> %119, i64 0
  store float %124, ptr %120, align 4, !alias.scope !31, !noalias !35
  %125 = extractelement <4 x float> %119, i64 1
  store float %125, ptr %121, align 4, !alias.scope !31, !noalias !35
  %126 = extractelement <4 x float> %119, i64 2
  store float %126, ptr %122, align 4, !alias.scope !31, !noalias !35
  %127 = extractelement <4 x float> %119, i64 3
  store float %127, ptr %123, align 4, !alias.scope !31, !noalias !35
  %128 = or disjoint i64 %17, 3
  %129 = or disjoint i64 %18, 3
  %130 = or disjoint i64 %19, 3
  %131 = or disjoint i64 %20, 3
  %132 = getelementptr float, ptr %3, i64 %128
  %133 = getelementptr float, ptr %3, i64 %129
  %134 = getelementptr float, ptr %3, i64 %130
  %135 = getelementptr float, ptr %3, i64 %131
  %136 = load float, ptr %132, align 4, !alias.scope !26, !noalias !33
  %137 = load float, ptr %133, align 4, !alias.scope !26, !noalias !33
  %138 = load float, ptr %134, align 4, !alias.scope !26, !noalias !33
  %139 = load float, ptr %135, align 4, !alias.scope !26, !noalias !33
  %140 = insertelement <4 x float> poison, float %136, i64 0
  %141 = insertelement <4 x float> %140, float %137, i64 1
  %142 = insertelement <4 x float> %141, float %138, i64 2
  %143 = insertelement <4 x float> %142, float %139, i64 3
  %144 = getelementptr float, ptr %5, i64 %128
  %145 = getelementptr float, ptr %5, i64 %129
  %146 = getelementptr float, ptr %5, i64 %130
  %147 = getelementptr float, ptr %5, i64 %131
  %148 = load float, ptr %144, align 4, !alias.scope !29, !noalias !34
  %149 = load float, ptr %145, align 4, !alias.scope !29, !noalias !34
  %150 = load float, ptr %146, align 4, !alias.scope !29, !noalias !34
  %151 = load float, ptr %147, align 4, !alias.scope !29, !noalias !34
  %152 = insertelement <4 x float> poison, float %148, i64 0
  %153 = insertelement <4 x float> %152, float %149, i64 1
  %154 = insertelement <4 x float> %153, float %150, i64 2
  %155 = insertelement <4 x float> %154, float %151, i64 3
  %156 = fdiv <4 x float> %143, %155
  %157 = getelementptr float, ptr %7, i64 %128
  %158 = getelementptr float, ptr %7, i64 %129
  %159 = getelementptr float, ptr %7, i64 %130
  %160 = getelementptr float, ptr %7, i64 %131
  %161 = extractelement <4 x float> %156, i64 0
  store float %161, ptr %157, align 4, !alias.scope !31, !noalias !35
  %162 = extractelement <4 x float> %156, i64 1
  store float %162, ptr %158, align 4, !alias.scope !31, !noalias !35
  %163 = extractelement <4 x float> %156, i64 2
  store float %163, ptr %159, align 4, !alias.scope !31, !noalias !35
  %164 = extractelement <4 x float> %156, i64 3
  store float %164, ptr %160, align 4, !alias.scope !31, !noalias !35
  %165 = or disjoint i64 %17, 4
  %166 = or disjoint i64 %18, 4
  %167 = or disjoint i64 %19, 4
  %168 = or disjoint i64 %20, 4
  %169 = getelementptr float, ptr %3, i64 %165
  %170 = getelementptr float, ptr %3, i64 %166
  %171 = getelementptr float, ptr %3, i64 %167
  %172 = getelementptr float, ptr %3, i64 %168
  %173 = load float, ptr %169, align 4, !alias.scope !26, !noalias !33
  %174 = load float, ptr %170, align 4, !alias.scope !26, !noalias !33
  %175 = load float, ptr %171, align 4, !alias.scope !26, !noalias !33
  %176 = load float, ptr %172, align 4, !alias.scope !26, !noalias !33
  %177 = insertelement <4 x float> poison, float %173, i64 0
  %178 = insertelement <4 x float> %177, float %174, i64 1
  %179 = insertelement <4 x float> %178, float %175, i64 2
  %180 = insertelement <4 x float> %179, float %176, i64 3
  %181 = getelementptr float, ptr %5, i64 %165
  %182 = getelementptr float, ptr %5, i64 %166
  %183 = getelementptr float, ptr %5, i64 %167
  %184 = getelementptr float, ptr %5, i64 %168
  %185 = load float, ptr %181, align 4, !alias.scope !29, !noalias !34
  %186 = load float, ptr %182, align 4, !alias.scope !29, !noalias !34
  %187 = load float, ptr %183, align 4, !alias.scope !29, !noalias !34
  %188 = load float, ptr %184, align 4, !alias.scope !29, !noalias !34
  %189 = insertelement <4 x float> poison, float %185, i64 0
  %190 = insertelement <4 x float> %189, float %186, i64 1
  %191 = insertelement <4 x float> %190, float %187, i64 2
  %192 = insertelement <4 x float> %191, float %188, i64 3
  %193 = fdiv <4 x float> %180, %192
  %194 = getelementptr float, ptr %7, i64 %165
  %195 = getelementptr float, ptr %7, i64 %166
  %196 = getelementptr float, ptr %7, i64 %167
  %197 = getelementptr float, ptr %7, i64 %168
  %198 = extractelement <4 x float> %193, i64 0
  store float %198, ptr %194, align 4, !alias.scope !31, !noalias !35
  %199 = extractelement <4 x float> %193, i64 1
  store float %199, ptr %195, align 4, !alias.scope !31, !noalias !35
  %200 = extractelement <4 x float> %193, i64 2
  store float %200, ptr %196, align 4, !alias.scope !31, !noalias !35
  %201 = extractelement <4 x float> %193, i64 3
  store float %201, ptr %197, align 4, !alias.scope !31, !noalias !35
  %202 = or disjoint i64 %17, 5
  %203 = or disjoint i64 %18, 5
  %204 = or disjoint i64 %19, 5
  %205 = or disjoint i64 %20, 5
  %206 = getelementptr float, ptr %3, i64 %202
  %207 = getelementptr float, ptr %3, i64 %203
  %208 = getelementptr float, ptr %3, i64 %204
  %209 = getelementptr float, ptr %3, i64 %205
  %210 = load float, ptr %206, align 4, !alias.scope !26, !noalias !33
  %211 = load float, ptr %207, align 4, !alias.scope !26, !noalias !33
  %212 = load float, ptr %208, align 4, !alias.scope !26, !noalias !33
  %213 = load float, ptr %209, align 4, !alias.scope !26, !noalias !33
  %214 = insertelement <4 x float> poison, float %210, i64 0
  %215 = insertelement <4 x float> %214, float %211, i64 1
  %216 = insertelement <4 x float> %215, float %212, i64 2
  %217 = insertelement <4 x float> %216, float %213, i64 3
  %218 = getelementptr float, ptr %5, i64 %202
  %219 = getelementptr float, ptr %5, i64 %203
  %220 = getelementptr float, ptr %5, i64 %204
  %221 = getelementptr float, ptr %5, i64 %205
  %222 = load float, ptr %218, align 4, !alias.scope !29, !noalias !34
  %223 = load float, ptr %219, align 4, !alias.scope !29, !noalias !34
  %224 = load float, ptr %220, align 4, !alias.scope !29, !noalias !34
  %225 = load float, ptr %221, align 4, !alias.scope !29, !noalias !34
  %226 = insertelement <4 x float> poison, float %222, i64 0
  %227 = insertelement <4 x float> %226, float %223, i64 1
  %228 = insertelement <4 x float> %227, float %224, i64 2
  %229 = insertelement <4 x float> %228, float %225, i64 3
  %230 = fdiv <4 x float> %217, %229
  %231 = getelementptr float, ptr %7, i64 %202
  %232 = getelementptr float, ptr %7, i64 %203
  %233 = getelementptr float, ptr %7, i64 %204
  %234 = getelementptr float, ptr %7, i64 %205
  %235 = extractelement <4 x float> %230, i64 0
  store float %235, ptr %231, align 4, !alias.scope !31, !noalias !35
  %236 = extractelement <4 x float> %230, i64 1
  store float %236, ptr %232, align 4, !alias.scope !31, !noalias !35
  %237 = extractelement <4 x float> %230, i64 2
  store float %237, ptr %233, align 4, !alias.scope !31, !noalias !35
  %238 = extractelement <4 x float> %230, i64 3
  store float %238, ptr %234, align 4, !alias.scope !31, !noalias !35
  %239 = or disjoint i64 %17, 6
  %240 = or disjoint i64 %18, 6
  %241 = or disjoint i64 %19, 6
  %242 = or disjoint i64 %20, 6
  %243 = getelementptr float, ptr %3, i64 %239
  %244 = getelementptr float, ptr %3, i64 %240
  %245 = getelementptr float, ptr %3, i64 %241
  %246 = getelementptr float, ptr %3, i64 %242
  %247 = load float, ptr %243, align 4, !alias.scope !26, !noalias !33
  %248 = load float, ptr %244, align 4, !alias.scope !26, !noalias !33
  %249 = load float, ptr %245, align 4, !alias.scope !26, !noalias !33
  %250 = load float, ptr %246, align 4, !alias.scope !26, !noalias !33
  %251 = insertelement <4 x float> poison, float %247, i64 0
  %252 = insertelement <4 x float> %251, float %248, i64 1
  %253 = insertelement <4 x float> %252, float %249, i64 2
  %254 = insertelement <4 x float> %253, float %250, i64 3
  %255 = getelementptr float, ptr %5, i64 %239
  %256 = getelementptr float, ptr %5, i64 %240
  %257 = getelementptr float, ptr %5, i64 %241
  %258 = getelementptr float, ptr %5, i64 %242
  %259 = load float, ptr %255, align 4, !alias.scope !29, !noalias !34
  %260 = load float, ptr %256, align 4, !alias.scope !29, !noalias !34
  %261 = load float, ptr %257, align 4, !alias.scope !29, !noalias !34
  %262 = load float, ptr %258, align 4, !alias.scope !29, !noalias !34
  %263 = insertelement <4 x float> poison, float %259, i64 0
  %264 = insertelement <4 x float> %263, float %260, i64 1
  %265 = insertelement <4 x float> %264, float %261, i64 2
  %266 = insertelement <4 x float> %265, float %262, i64 3
  %267 = fdiv <4 x float> %254, %266
  %268 = getelementptr float, ptr %7, i64 %239
  %269 = getelementptr float, ptr %7, i64 %240
  %270 = getelementptr float, ptr %7, i64 %241
  %271 = getelementptr float, ptr %7, i64 %242
  %272 = extractelement <4 x float> %267, i64 0
  store float %272, ptr %268, align 4, !alias.scope !31, !noalias !35
  %273 = extractelement <4 x float> %267, i64 1
  store float %273, ptr %269, align 4, !alias.scope !31, !noalias !35
  %274 = extractelement <4 x float> %267, i64 2
  store float %274, ptr %270, align 4, !alias.scope !31, !noalias !35
  %275 = extractelement <4 x float> %267, i64 3
  store float %275, ptr %271, align 4, !alias.scope !31, !noalias !35
  %276 = or disjoint i64 %17, 7
  %277 = or disjoint i64 %18, 7
  %278 = or disjoint i64 %19, 7
  %279 = or disjoint i64 %20, 7
  %280 = getelementptr float, ptr %3, i64 %276
  %281 = getelementptr float, ptr %3, i64 %277
  %282 = getelementptr float, ptr %3, i64 %278
  %283 = getelementptr float, ptr %3, i64 %279
  %284 = load float, ptr %280, align 4, !alias.scope !26, !noalias !33
  %285 = load float, ptr %281, align 4, !alias.scope !26, !noalias !33
  %286 = load float, ptr %282, align 4, !alias.scope !26, !noalias !33
  %287 = load float, ptr %283, align 4, !alias.scope !26, !noalias !33
  %288 = insertelement <4 x float> poison, float %284, i64 0
  %289 = insertelement <4 x float> %288, float %285, i64 1
  %290 = insertelement <4 x float> %289, float %286, i64 2
  %291 = insertelement <4 x float> %290, float %287, i64 3
  %292 = getelementptr float, ptr %5, i64 %276
  %293 = getelementptr float, ptr %5, i64 %277
  %294 = getelementptr float, ptr %5, i64 %278
  %295 = getelementptr float, ptr %5, i64 %279
  %296 = load float, ptr %292, align 4, !alias.scope !29, !noalias !34
  %297 = load float, ptr %293, align 4, !alias.scope !29, !noalias !34
  %298 = load float, ptr %294, align 4, !alias.scope !29, !noalias !34
  %299 = load float, ptr %295, align 4, !alias.scope !29, !noalias !34
  %300 = insertelement <4 x float> poison, float %296, i64 0
  %301 = insertelement <4 x float> %300, float %297, i64 1
  %302 = insertelement <4 x float> %301, float %298, i64 2
  %303 = insertelement <4 x float> %302, float %299, i64 3
  %304 = fdiv <4 x float> %291, %303
  %305 = getelementptr float, ptr %7, i64 %276
  %306 = getelementptr float, ptr %7, i64 %277
  %307 = getelementptr float, ptr %7, i64 %278
  %308 = getelementptr float, ptr %7, i64 %279
  %309 = extractelement <4 x float> %304, i64 0
  store float %309, ptr %305, align 4, !alias.scope !31, !noalias !35
  %310 = extractelement <4 x float> %304, i64 1
  store float %310, ptr %306, align 4, !alias.scope !31, !noalias !35
  %311 = extractelement <4 x float> %304, i64 2
  store float %311, ptr %307, align 4, !alias.scope !31, !noalias !35
  %312 = extractelement <4 x float> %304, i64 3
  store float %312, ptr %308, align 4, !alias.scope !31, !noalias !35
  %313 = or disjoint i64 %17, 8
  %314 = or disjoint i64 %18, 8
  %315 = or disjoint i64 %19, 8
  %316 = or disjoint i64 %20, 8
  %317 = getelementptr float, ptr %3, i64 %313
  %318 = getelementptr float, ptr %3, i64 %314
  %319 = getelementptr float, ptr %3, i64 %315
  %320 = getelementptr float, ptr %3, i64 %316
  %321 = load float, ptr %317, align 4, !alias.scope !26, !noalias !33
  %322 = load float, ptr %318, align 4, !alias.scope !26, !noalias !33
  %323 = load float, ptr %319, align 4, !alias.scope !26, !noalias !33
  %324 = load float, ptr %320, align 4, !alias.scope !26, !noalias !33
  %325 = insertelement <4 x float> poison, float %321, i64 0
  %326 = insertelement <4 x float> %325, float %322, i64 1
  %327 = insertelement <4 x float> %326, float %323, i64 2
  %328 = insertelement <4 x float> %327, float %324, i64 3
  %329 = getelementptr float, ptr %5, i64 %313
  %330 = getelementptr float, ptr %5, i64 %314
  %331 = getelementptr float, ptr %5, i64 %315
  %332 = getelementptr float, ptr %5, i64 %316
  %333 = load float, ptr %329, align 4, !alias.scope !29, !noalias !34
  %334 = load float, ptr %330, align 4, !alias.scope !29, !noalias !34
  %335 = load float, ptr %331, align 4, !alias.scope !29, !noalias !34
  %336 = load float, ptr %332, align 4, !alias.scope !29, !noalias !34
  %337 = insertelement <4 x float> poison, float %333, i64 0
  %338 = insertelement <4 x float> %337, float %334, i64 1
  %339 = insertelement <4 x float> %338, float %335, i64 2
  %340 = insertelement <4 x float> %339, float %336, i64 3
  %341 = fdiv <4 x float> %328, %340
  %342 = getelementptr float, ptr %7, i64 %313
  %343 = getelementptr float, ptr %7, i64 %314
  %344 = getelementptr float, ptr %7, i64 %315
  %345 = getelementptr float, ptr %7, i64 %316
  %346 = extractelement <4 x float> %341, i64 0
  store float %346, ptr %342, align 4, !alias.scope !31, !noalias !35
  %347 = extractelement <4 x float> %341, i64 1
  store float %347, ptr %343, align 4, !alias.scope !31, !noalias !35
  %348 = extractelement <4 x float> %341, i64 2
  store float %348, ptr %344, align 4, !alias.scope !31, !noalias !35
  %349 = extractelement <4 x float> %341, i64 3
  store float %349, ptr %345, align 4, !alias.scope !31, !noalias !35
  %350 = or disjoint i64 %17, 9
  %351 = or disjoint i64 %18, 9
  %352 = or disjoint i64 %19, 9
  %353 = or disjoint i64 %20, 9
  %354 = getelementptr float, ptr %3, i64 %350
  %355 = getelementptr float, ptr %3, i64 %351
  %356 = getelementptr float, ptr %3, i64 %352
  %357 = getelementptr float, ptr %3, i64 %353
  %358 = load float, ptr %354, align 4, !alias.scope !26, !noalias !33
  %359 = load float, ptr %355, align 4, !alias.scope !26, !noalias !33
  %360 = load float, ptr %356, align 4, !alias.scope !26, !noalias !33
  %361 = load float, ptr %357, align 4, !alias.scope !26, !noalias !33
  %362 = insertelement <4 x float> poison, float %358, i64 0
  %363 = insertelement <4 x float> %362, float %359, i64 1
  %364 = insertelement <4 x float> %363, float %360, i64 2
  %365 = insertelement <4 x float> %364, float %361, i64 3
  %366 = getelementptr float, ptr %5, i64 %350
  %367 = getelementptr float, ptr %5, i64 %351
  %368 = getelementptr float, ptr %5, i64 %352
  %369 = getelementptr float, ptr %5, i64 %353
  %370 = load float, ptr %366, align 4, !alias.scope !29, !noalias !34
  %371 = load float, ptr %367, align 4, !alias.scope !29, !noalias !34
  %372 = load float, ptr %368, align 4, !alias.scope !29, !noalias !34
  %373 = load float, ptr %369, align 4, !alias.scope !29, !noalias !34
  %374 = insertelement <4 x float> poison, float %370, i64 0
  %375 = insertelement <4 x float> %374, float %371, i64 1
  %376 = insertelement <4 x float> %375, float %372, i64 2
  %377 = insertelement <4 x float> %376, float %373, i64 3
  %378 = fdiv <4 x float> %365, %377
  %379 = getelementptr float, ptr %7, i64 %350
  %380 = getelementptr float, ptr %7, i64 %351
  %381 = getelementptr float, ptr %7, i64 %352
  %382 = getelementptr float, ptr %7, i64 %353
  %383 = extractelement <4 x float> %378, i64 0
  store float %383, ptr %379, align 4, !alias.scope !31, !noalias !35
  %384 = extractelement <4 x float> %378, i64 1
  store float %384, ptr %380, align 4, !alias.scope !31, !noalias !35
  %385 = extractelement <4 x float> %378, i64 2
  store float %385, ptr %381, align 4, !alias.scope !31, !noalias !35
  %386 = extractelement <4 x float> %378, i64 3
  store float %386, ptr %382, align 4, !alias.scope !31, !noalias !35
  %387 = or disjoint i64 %17, 10
  %388 = or disjoint i64 %18, 10
  %389 = or disjoint i64 %19, 10
  %390 = or disjoint i64 %20, 10
  %391 = getelementptr float, ptr %3, i64 %387
  %392 = getelementptr float, ptr %3, i64 %388
  %393 = getelementptr float, ptr %3, i64 %389
  %394 = getelementptr float, ptr %3, i64 %390
  %395 = load float, ptr %391, align 4, !alias.scope !26, !noalias !33
  %396 = load float, ptr %392, align 4, !alias.scope !26, !noalias !33
  %397 = load float, ptr %393, align 4, !alias.scope !26, !noalias !33
  %398 = load float, ptr %394, align 4, !alias.scope !26, !noalias !33
  %399 = insertelement <4 x float> poison, float %395, i64 0
  %400 = insertelement <4 x float> %399, float %396, i64 1
  %401 = insertelement <4 x float> %400, float %397, i64 2
  %402 = insertelement <4 x float> %401, float %398, i64 3
  %403 = getelementptr float, ptr %5, i64 %387
  %404 = getelementptr float, ptr %5, i64 %388
  %405 = getelementptr float, ptr %5, i64 %389
  %406 = getelementptr float, ptr %5, i64 %390
  %407 = load float, ptr %403, align 4, !alias.scope !29, !noalias !34
  %408 = load float, ptr %404, align 4, !alias.scope !29, !noalias !34
  %409 = load float, ptr %405, align 4, !alias.scope !29, !noalias !34
  %410 = load float, ptr %406, align 4, !alias.scope !29, !noalias !34
  %411 = insertelement <4 x float> poison, float %407, i64 0
  %412 = insertelement <4 x float> %411, float %408, i64 1
  %413 = insertelement <4 x float> %412, float %409, i64 2
  %414 = insertelement <4 x float> %413, float %410, i64 3
  %415 = fdiv <4 x float> %402, %414
  %416 = getelementptr float, ptr %7, i64 %387
  %417 = getelementptr float, ptr %7, i64 %388
  %418 = getelementptr float, ptr %7, i64 %389
  %419 = getelementptr float, ptr %7, i64 %390
  %420 = extractelement <4 x float> %415, i64 0
  store float %420, ptr %416, align 4, !alias.scope !31, !noalias !35
  %421 = extractelement <4 x float> %415, i64 1
  store float %421, ptr %417, align 4, !alias.scope !31, !noalias !35
  %422 = extractelement <4 x float> %415, i64 2
  store float %422, ptr %418, align 4, !alias.scope !31, !noalias !35
  %423 = extractelement <4 x float> %415, i64 3
  store float %423, ptr %419, align 4, !alias.scope !31, !noalias !35
  %424 = or disjoint i64 %17, 11
  %425 = or disjoint i64 %18, 11
  %426 = or disjoint i64 %19, 11
  %427 = or disjoint i64 %20, 11
  %428 = getelementptr float, ptr %3, i64 %424
  %429 = getelementptr float, ptr %3, i64 %425
  %430 = getelementptr float, ptr %3, i64 %426
  %431 = getelementptr float, ptr %3, i64 %427
  %432 = load float, ptr %428, align 4, !alias.scope !26, !noalias !33
  %433 = load float, ptr %429, align 4, !alias.scope !26, !noalias !33
  %434 = load float, ptr %430, align 4, !alias.scope !26, !noalias !33
  %435 = load float, ptr %431, align 4, !alias.scope !26, !noalias !33
  %436 = insertelement <4 x float> poison, float %432, i64 0
  %437 = insertelement <4 x float> %436, float %433, i64 1
  %438 = insertelement <4 x float> %437, float %434, i64 2
  %439 = insertelement <4 x float> %438, float %435, i64 3
  %440 = getelementptr float, ptr %5, i64 %424
  %441 = getelementptr float, ptr %5, i64 %425
  %442 = getelementptr float, ptr %5, i64 %426
  %443 = getelementptr float, ptr %5, i64 %427
  %444 = load float, ptr %440, align 4, !alias.scope !29, !noalias !34
  %445 = load float, ptr %441, align 4, !alias.scope !29, !noalias !34
  %446 = load float, ptr %442, align 4, !alias.scope !29, !noalias !34
  %447 = load float, ptr %443, align 4, !alias.scope !29, !noalias !34
  %448 = insertelement <4 x float> poison, float %444, i64 0
  %449 = insertelement <4 x float> %448, float %445, i64 1
  %450 = insertelement <4 x float> %449, float %446, i64 2
  %451 = insertelement <4 x float> %450, float %447, i64 3
  %452 = fdiv <4 x float> %439, %451
  %453 = getelementptr float, ptr %7, i64 %424
  %454 = getelementptr float, ptr %7, i64 %425
  %455 = getelementptr float, ptr %7, i64 %426
  %456 = getelementptr float, ptr %7, i64 %427
  %457 = extractelement <4 x float> %452, i64 0
  store float %457, ptr %453, align 4, !alias.scope !31, !noalias !35
  %458 = extractelement <4 x float> %452, i64 1
  store float %458, ptr %454, align 4, !alias.scope !31, !noalias !35
  %459 = extractelement <4 x float> %452, i64 2
  store float %459, ptr %455, align 4, !alias.scope !31, !noalias !35
  %460 = extractelement <4 x float> %452, i64 3
  store float %460, ptr %456, align 4, !alias.scope !31, !noalias !35
  %461 = or disjoint i64 %17, 12
  %462 = or disjoint i64 %18, 12
  %463 = or disjoint i64 %19, 12
  %464 = or disjoint i64 %20, 12
  %465 = getelementptr float, ptr %3, i64 %461
  %466 = getelementptr float, ptr %3, i64 %462
  %467 = getelementptr float, ptr %3, i64 %463
  %468 = getelementptr float, ptr %3, i64 %464
  %469 = load float, ptr %465, align 4, !alias.scope !26, !noalias !33
  %470 = load float, ptr %466, align 4, !alias.scope !26, !noalias !33
  %471 = load float, ptr %467, align 4, !alias.scope !26, !noalias !33
  %472 = load float, ptr %468, align 4, !alias.scope !26, !noalias !33
  %473 = insertelement <4 x float> poison, float %469, i64 0
  %474 = insertelement <4 x float> %473, float %470, i64 1
  %475 = insertelement <4 x float> %474, float %471, i64 2
  %476 = insertelement <4 x float> %475, float %472, i64 3
  %477 = getelementptr float, ptr %5, i64 %461
  %478 = getelementptr float, ptr %5, i64 %462
  %479 = getelementptr float, ptr %5, i64 %463
  %480 = getelementptr float, ptr %5, i64 %464
  %481 = load float, ptr %477, align 4, !alias.scope !29, !noalias !34
  %482 = load float, ptr %478, align 4, !alias.scope !29, !noalias !34
  %483 = load float, ptr %479, align 4, !alias.scope !29, !noalias !34
  %484 = load float, ptr %480, align 4, !alias.scope !29, !noalias !34
  %485 = insertelement <4 x float> poison, float %481, i64 0
  %486 = insertelement <4 x float> %485, float %482, i64 1
  %487 = insertelement <4 x float> %486, float %483, i64 2
  %488 = insertelement <4 x float> %487, float %484, i64 3
  %489 = fdiv <4 x float> %476, %488
  %490 = getelementptr float, ptr %7, i64 %461
  %491 = getelementptr float, ptr %7, i64 %462
  %492 = getelementptr float, ptr %7, i64 %463
  %493 = getelementptr float, ptr %7, i64 %464
  %494 = extractelement <4 x float> %489, i64 0
  store float %494, ptr %490, align 4, !alias.scope !31, !noalias !35
  %495 = extractelement <4 x float> %489, i64 1
  store float %495, ptr %491, align 4, !alias.scope !31, !noalias !35
  %496 = extractelement <4 x float> %489, i64 2
  store float %496, ptr %492, align 4, !alias.scope !31, !noalias !35
  %497 = extractelement <4 x float> %489, i64 3
  store float %497, ptr %493, align 4, !alias.scope !31, !noalias !35
  %498 = or disjoint i64 %17, 13
  %499 = or disjoint i64 %18, 13
  %500 = or disjoint i64 %19, 13
  %501 = or disjoint i64 %20, 13
  %502 = getelementptr float, ptr %3, i64 %498
  %503 = getelementptr float, ptr %3, i64 %499
  %504 = getelementptr float, ptr %3, i64 %500
  %505 = getelementptr float, ptr %3, i64 %501
  %506 = load float, ptr %502, align 4, !alias.scope !26, !noalias !33
  %507 = load float, ptr %503, align 4, !alias.scope !26, !noalias !33
  %508 = load float, ptr %504, align 4, !alias.scope !26, !noalias !33
  %509 = load float, ptr %505, align 4, !alias.scope !26, !noalias !33
  %510 = insertelement <4 x float> poison, float %506, i64 0
  %511 = insertelement <4 x float> %510, float %507, i64 1
  %512 = insertelement <4 x float> %511, float %508, i64 2
  %513 = insertelement <4 x float> %512, float %509, i64 3
  %514 = getelementptr float, ptr %5, i64 %498
  %515 = getelementptr float, ptr %5, i64 %499
  %516 = getelementptr float, ptr %5, i64 %500
  %517 = getelementptr float, ptr %5, i64 %501
  %518 = load float, ptr %514, align 4, !alias.scope !29, !noalias !34
  %519 = load float, ptr %515, align 4, !alias.scope !29, !noalias !34
  %520 = load float, ptr %516, align 4, !alias.scope !29, !noalias !34
  %521 = load float, ptr %517, align 4, !alias.scope !29, !noalias !34
  %522 = insertelement <4 x float> poison, float %518, i64 0
  %523 = insertelement <4 x float> %522, float %519, i64 1
  %524 = insertelement <4 x float> %523, float %520, i64 2
  %525 = insertelement <4 x float> %524, float %521, i64 3
  %526 = fdiv <4 x float> %513, %525
  %527 = getelementptr float, ptr %7, i64 %498
  %528 = getelementptr float, ptr %7, i64 %499
  %529 = getelementptr float, ptr %7, i64 %500
  %530 = getelementptr float, ptr %7, i64 %501
  %531 = extractelement <4 x float> %526, i64 0
  store float %531, ptr %527, align 4, !alias.scope !31, !noalias !35
  %532 = extractelement <4 x float> %526, i64 1
  store float %532, ptr %528, align 4, !alias.scope !31, !noalias !35
  %533 = extractelement <4 x float> %526, i64 2
  store float %533, ptr %529, align 4, !alias.scope !31, !noalias !35
  %534 = extractelement <4 x float> %526, i64 3
  store float %534, ptr %530, align 4, !alias.scope !31, !noalias !35
  %535 = or disjoint i64 %17, 14
  %536 = or disjoint i64 %18, 14
  %537 = or disjoint i64 %19, 14
  %538 = or disjoint i64 %20, 14
  %539 = getelementptr float, ptr %3, i64 %535
  %540 = getelementptr float, ptr %3, i64 %536
  %541 = getelementptr float, ptr %3, i64 %537
  %542 = getelementptr float, ptr %3, i64 %538
  %543 = load float, ptr %539, align 4, !alias.scope !26, !noalias !33
  %544 = load float, ptr %540, align 4, !alias.scope !26, !noalias !33
  %545 = load float, ptr %541, align 4, !alias.scope !26, !noalias !33
  %546 = load float, ptr %542, align 4, !alias.scope !26, !noalias !33
  %547 = insertelement <4 x float> poison, float %543, i64 0
  %548 = insertelement <4 x float> %547, float %544, i64 1
  %549 = insertelement <4 x float> %548, float %545, i64 2
  %550 = insertelement <4 x float> %549, float %546, i64 3
  %551 = getelementptr float, ptr %5, i64 %535
  %552 = getelementptr float, ptr %5, i64 %536
  %553 = getelementptr float, ptr %5, i64 %537
  %554 = getelementptr float, ptr %5, i64 %538
  %555 = load float, ptr %551, align 4, !alias.scope !29, !noalias !34
  %556 = load float, ptr %552, align 4, !alias.scope !29, !noalias !34
  %557 = load float, ptr %553, align 4, !alias.scope !29, !noalias !34
  %558 = load float, ptr %554, align 4, !alias.scope !29, !noalias !34
  %559 = insertelement <4 x float> poison, float %555, i64 0
  %560 = insertelement <4 x float> %559, float %556, i64 1
  %561 = insertelement <4 x float> %560, float %557, i64 2
  %562 = insertelement <4 x float> %561, float %558, i64 3
  %563 = fdiv <4 x float> %550, %562
  %564 = getelementptr float, ptr %7, i64 %535
  %565 = getelementptr float, ptr %7, i64 %536
  %566 = getelementptr float, ptr %7, i64 %537
  %567 = getelementptr float, ptr %7, i64 %538
  %568 = extractelement <4 x float> %563, i64 0
  store float %568, ptr %564, align 4, !alias.scope !31, !noalias !35
  %569 = extractelement <4 x float> %563, i64 1
  store float %569, ptr %565, align 4, !alias.scope !31, !noalias !35
  %570 = extractelement <4 x float> %563, i64 2
  store float %570, ptr %566, align 4, !alias.scope !31, !noalias !35
  %571 = extractelement <4 x float> %563, i64 3
  store float %571, ptr %567, align 4, !alias.scope !31, !noalias !35
  %572 = or disjoint i64 %17, 15
  %573 = or disjoint i64 %18, 15
  %574 = or disjoint i64 %19, 15
  %575 = or disjoint i64 %20, 15
  %576 = getelementptr float, ptr %3, i64 %572
  %577 = getelementptr float, ptr %3, i64 %573
  %578 = getelementptr float, ptr %3, i64 %574
  %579 = getelementptr float, ptr %3, i64 %575
  %580 = load float, ptr %576, align 4, !alias.scope !26, !noalias !33
  %581 = load float, ptr %577, align 4, !alias.scope !26, !noalias !33
  %582 = load float, ptr %578, align 4, !alias.scope !26, !noalias !33
  %583 = load float, ptr %579, align 4, !alias.scope !26, !noalias !33
  %584 = insertelement <4 x float> poison, float %580, i64 0
  %585 = insertelement <4 x float> %584, float %581, i64 1
  %586 = insertelement <4 x float> %585, float %582, i64 2
  %587 = insertelement <4 x float> %586, float %583, i64 3
  %588 = getelementptr float, ptr %5, i64 %572
  %589 = getelementptr float, ptr %5, i64 %573
  %590 = getelementptr float, ptr %5, i64 %574
  %591 = getelementptr float, ptr %5, i64 %575
  %592 = load float, ptr %588, align 4, !alias.scope !29, !noalias !34
  %593 = load float, ptr %589, align 4, !alias.scope !29, !noalias !34
  %594 = load float, ptr %590, align 4, !alias.scope !29, !noalias !34
  %595 = load float, ptr %591, align 4, !alias.scope !29, !noalias !34
  %596 = insertelement <4 x float> poison, float %592, i64 0
  %597 = insertelement <4 x float> %596, float %593, i64 1
  %598 = insertelement <4 x float> %597, float %594, i64 2
  %599 = insertelement <4 x float> %598, float %595, i64 3
  %600 = fdiv <4 x float> %587, %599
  %601 = getelementptr float, ptr %7, i64 %572
  %602 = getelementptr float, ptr %7, i64 %573
  %603 = getelementptr float, ptr %7, i64 %574
  %604 = getelementptr float, ptr %7, i64 %575
  %605 = extractelement <4 x float> %600, i64 0
  store float %605, ptr %601, align 4, !alias.scope !31, !noalias !35
  %606 = extractelement <4 x float> %600, i64 1
  store float %606, ptr %602, align 4, !alias.scope !31, !noalias !35
  %607 = extractelement <4 x float> %600, i64 2
  store float %607, ptr %603, align 4, !alias.scope !31, !noalias !35
  %608 = extractelement <4 x float> %600, i64 3
  store float %608, ptr %604, align 4, !alias.scope !31, !noalias !35
  %index.next = add nuw i64 %index, 4
  %609 = icmp eq i64 %index.next, 16
  br i1 %609, label %middle.block, label %vector.body, !llvm.loop !36

middle.block:                                     ; preds = %vector.body
  %610 = add nuw nsw i64 %8, 1
  %exitcond2.not = icmp eq i64 %610, 8
  br i1 %exitcond2.not, label %kiln_k9.body.exit, label %.preheader1

kiln_k9.body.exit:                                ; preds = %middle.block
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k1(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !39)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !42)
  br label %.preheader1

.preheader1:                                      ; preds = %entry, %93
  %6 = phi i64 [ 0, %entry ], [ %94, %93 ]
  %7 = shl i64 %6, 8
  %8 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %6
  %9 = load float, ptr %8, align 4, !noalias !44
  br label %.preheader

.preheader:                                       ; preds = %.preheader1, %.preheader
  %10 = phi i64 [ 0, %.preheader1 ], [ %92, %.preheader ]
  %11 = shl i64 %10, 4
  %12 = add nuw nsw i64 %11, %7
  %13 = getelementptr float, ptr %3, i64 %12
  %14 = load float, ptr %13, align 4, !alias.scope !39, !noalias !42
  %15 = fadd float %14, %9
  %16 = getelementptr float, ptr %5, i64 %12
  store float %15, ptr %16, align 4, !alias.scope !42, !noalias !39
  %17 = or disjoint i64 %12, 1
  %18 = getelementptr float, ptr %3, i64 %17
  %19 = load float, ptr %18, align 4, !alias.scope !39, !noalias !42
  %20 = fadd float %19, %9
  %21 = getelementptr float, ptr %5, i64 %17
  store float %20, ptr %21, align 4, !alias.scope !42, !noalias !39
  %22 = or disjoint i64 %12, 2
  %23 = getelementptr float, ptr %3, i64 %22
  %24 = load float, ptr %23, align 4, !alias.scope !39, !noalias !42
  %25 = fadd float %24, %9
  %26 = getelementptr float, ptr %5, i64 %22
  store float %25, ptr %26, align 4, !alias.scope !42, !noalias !39
  %27 = or disjoint i64 %12, 3
  %28 = getelementptr float, ptr %3, i64 %27
  %29 = load float, ptr %28, align 4, !alias.scope !39, !noalias !42
  %30 = fadd float %29, %9
  %31 = getelementptr float, ptr %5, i64 %27
  store float %30, ptr %31, align 4, !alias.scope !42, !noalias !39
  %32 = or disjoint i64 %12, 4
  %33 = getelementptr float, ptr %3, i64 %32
  %34 = load float, ptr %33, align 4, !alias.scope !39, !noalias !42
  %35 = fadd float %34, %9
  %36 = getelementptr float, ptr %5, i64 %32
  store float %35, ptr %36, align 4, !alias.scope !42, !noalias !39
  %37 = or disjoint i64 %12, 5
  %38 = getelementptr float, ptr %3, i64 %37
  %39 = load float, ptr %38, align 4, !alias.scope !39, !noalias !42
  %40 = fadd float %39, %9
  %41 = getelementptr float, ptr %5, i64 %37
  store float %40, ptr %41, align 4, !alias.scope !42, !noalias !39
  %42 = or disjoint i64 %12, 6
  %43 = getelementptr float, ptr %3, i64 %42
  %44 = load float, ptr %43, align 4, !alias.scope !39, !noalias !42
  %45 = fadd float %44, %9
  %46 = getelementptr float, ptr %5, i64 %42
  store float %45, ptr %46, align 4, !alias.scope !42, !noalias !39
  %47 = or disjoint i64 %12, 7
  %48 = getelementptr float, ptr %3, i64 %47
  %49 = load float, ptr %48, align 4, !alias.scope !39, !noalias !42
  %50 = fadd float %49, %9
  %51 = getelementptr float, ptr %5, i64 %47
  store float %50, ptr %51, align 4, !alias.scope !42, !noalias !39
  %52 = or disjoint i64 %12, 8
  %53 = getelementptr float, ptr %3, i64 %52
  %54 = load float, ptr %53, align 4, !alias.scope !39, !noalias !42
  %55 = fadd float %54, %9
  %56 = getelementptr float, ptr %5, i64 %52
  store float %55, ptr %56, align 4, !alias.scope !42, !noalias !39
  %57 = or disjoint i64 %12, 9
  %58 = getelementptr float, ptr %3, i64 %57
  %59 = load float, ptr %58, align 4, !alias.scope !39, !noalias !42
  %60 = fadd float %59, %9
  %61 = getelementptr float, ptr %5, i64 %57
  store float %60, ptr %61, align 4, !alias.scope !42, !noalias !39
  %62 = or disjoint i64 %12, 10
  %63 = getelementptr float, ptr %3, i64 %62
  %64 = load float, ptr %63, align 4, !alias.scope !39, !noalias !42
  %65 = fadd float %64, %9
  %66 = getelementptr float, ptr %5, i64 %62
  store float %65, ptr %66, align 4, !alias.scope !42, !noalias !39
  %67 = or disjoint i64 %12, 11
  %68 = getelementptr float, ptr %3, i64 %67
  %69 = load float, ptr %68, align 4, !alias.scope !39, !noalias !42
  %70 = fadd float %69, %9
  %71 = getelementptr float, ptr %5, i64 %67
  store float %70, ptr %71, align 4, !alias.scope !42, !noalias !39
  %72 = or disjoint i64 %12, 12
  %73 = getelementptr float, ptr %3, i64 %72
  %74 = load float, ptr %73, align 4, !alias.scope !39, !noalias !42
  %75 = fadd float %74, %9
  %76 = getelementptr float, ptr %5, i64 %72
  store float %75, ptr %76, align 4, !alias.scope !42, !noalias !39
  %77 = or disjoint i64 %12, 13
  %78 = getelementptr float, ptr %3, i64 %77
  %79 = load float, ptr %78, align 4, !alias.scope !39, !noalias !42
  %80 = fadd float %79, %9
  %81 = getelementptr float, ptr %5, i64 %77
  store float %80, ptr %81, align 4, !alias.scope !42, !noalias !39
  %82 = or disjoint i64 %12, 14
  %83 = getelementptr float, ptr %3, i64 %82
  %84 = load float, ptr %83, align 4, !alias.scope !39, !noalias !42
  %85 = fadd float %84, %9
  %86 = getelementptr float, ptr %5, i64 %82
  store float %85, ptr %86, align 4, !alias.scope !42, !noalias !39
  %87 = or disjoint i64 %12, 15
  %88 = getelementptr float, ptr %3, i64 %87
  %89 = load float, ptr %88, align 4, !alias.scope !39, !noalias !42
  %90 = fadd float %89, %9
  %91 = getelementptr float, ptr %5, i64 %87
  store float %90, ptr %91, align 4, !alias.scope !42, !noalias !39
  %92 = add nuw nsw i64 %10, 1
  %exitcond.not = icmp eq i64 %92, 16
  br i1 %exitcond.not, label %93, label %.preheader

93:                                               ; preds = %.preheader
  %94 = add nuw nsw i64 %6, 1
  %exitcond2.not = icmp eq i64 %94, 8
  br i1 %exitcond2.not, label %kiln_k1.body.exit, label %.preheader1

kiln_k1.body.exit:                                ; preds = %93
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
  tail call void @llvm.experimental.noalias.scope.decl(metadata !45)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !48)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !50)
  br label %.preheader1

.preheader1:                                      ; preds = %entry, %125
  %8 = phi i64 [ 0, %entry ], [ %126, %125 ]
  %9 = shl i64 %8, 8
  br label %.preheader

.preheader:                                       ; preds = %.preheader1, %.preheader
  %10 = phi i64 [ 0, %.preheader1 ], [ %124, %.preheader ]
  %11 = shl i64 %10, 4
  %12 = add nuw nsw i64 %11, %9
  %13 = getelementptr float, ptr %3, i64 %12
  %14 = load float, ptr %13, align 4, !alias.scope !45, !noalias !52
  %15 = getelementptr float, ptr %5, i64 %12
  %16 = load float, ptr %15, align 4, !alias.scope !48, !noalias !53
  %17 = fmul float %14, %16
  %18 = getelementptr float, ptr %7, i64 %12
  store float %17, ptr %18, align 4, !alias.scope !50, !noalias !54
  %19 = or disjoint i64 %12, 1
  %20 = getelementptr float, ptr %3, i64 %19
  %21 = load float, ptr %20, align 4, !alias.scope !45, !noalias !52
  %22 = getelementptr float, ptr %5, i64 %19
  %23 = load float, ptr %22, align 4, !alias.scope !48, !noalias !53
  %24 = fmul float %21, %23
  %25 = getelementptr float, ptr %7, i64 %19
  store float %24, ptr %25, align 4, !alias.scope !50, !noalias !54
  %26 = or disjoint i64 %12, 2
  %27 = getelementptr float, ptr %3, i64 %26
  %28 = load float, ptr %27, align 4, !alias.scope !45, !noalias !52
  %29 = getelementptr float, ptr %5, i64 %26
  %30 = load float, ptr %29, align 4, !alias.scope !48, !noalias !53
  %31 = fmul float %28, %30
  %32 = getelementptr float, ptr %7, i64 %26
  store float %31, ptr %32, align 4, !alias.scope !50, !noalias !54
  %33 = or disjoint i64 %12, 3
  %34 = getelementptr float, ptr %3, i64 %33
  %35 = load float, ptr %34, align 4, !alias.scope !45, !noalias !52
  %36 = getelementptr float, ptr %5, i64 %33
  %37 = load float, ptr %36, align 4, !alias.scope !48, !noalias !53
  %38 = fmul float %35, %37
  %39 = getelementptr float, ptr %7, i64 %33
  store float %38, ptr %39, align 4, !alias.scope !50, !noalias !54
  %40 = or disjoint i64 %12, 4
  %41 = getelementptr float, ptr %3, i64 %40
  %42 = load float, ptr %41, align 4, !alias.scope !45, !noalias !52
  %43 = getelementptr float, ptr %5, i64 %40
  %44 = load float, ptr %43, align 4, !alias.scope !48, !noalias !53
  %45 = fmul float %42, %44
  %46 = getelementptr float, ptr %7, i64 %40
  store float %45, ptr %46, align 4, !alias.scope !50, !noalias !54
  %47 = or disjoint i64 %12, 5
  %48 = getelementptr float, ptr %3, i64 %47
  %49 = load float, ptr %48, align 4, !alias.scope !45, !noalias !52
  %50 = getelementptr float, ptr %5, i64 %47
  %51 = load float, ptr %50, align 4, !alias.scope !48, !noalias !53
  %52 = fmul float %49, %51
  %53 = getelementptr float, ptr %7, i64 %47
  store float %52, ptr %53, align 4, !alias.scope !50, !noalias !54
  %54 = or disjoint i64 %12, 6
  %55 = getelementptr float, ptr %3, i64 %54
  %56 = load float, ptr %55, align 4, !alias.scope !45, !noalias !52
  %57 = getelementptr float, ptr %5, i64 %54
  %58 = load float, ptr %57, align 4, !alias.scope !48, !noalias !53
  %59 = fmul float %56, %58
  %60 = getelementptr float, ptr %7, i64 %54
  store float %59, ptr %60, align 4, !alias.scope !50, !noalias !54
  %61 = or disjoint i64 %12, 7
  %62 = getelementptr float, ptr %3, i64 %61
  %63 = load float, ptr %62, align 4, !alias.scope !45, !noalias !52
  %64 = getelementptr float, ptr %5, i64 %61
  %65 = load float, ptr %64, align 4, !alias.scope !48, !noalias !53
  %66 = fmul float %63, %65
  %67 = getelementptr float, ptr %7, i64 %61
  store float %66, ptr %67, align 4, !alias.scope !50, !noalias !54
  %68 = or disjoint i64 %12, 8
  %69 = getelementptr float, ptr %3, i64 %68
  %70 = load float, ptr %69, align 4, !alias.scope !45, !noalias !52
  %71 = getelementptr float, ptr %5, i64 %68
  %72 = load float, ptr %71, align 4, !alias.scope !48, !noalias !53
  %73 = fmul float %70, %72
  %74 = getelementptr float, ptr %7, i64 %68
  store float %73, ptr %74, align 4, !alias.scope !50, !noalias !54
  %75 = or disjoint i64 %12, 9
  %76 = getelementptr float, ptr %3, i64 %75
  %77 = load float, ptr %76, align 4, !alias.scope !45, !noalias !52
  %78 = getelementptr float, ptr %5, i64 %75
  %79 = load float, ptr %78, align 4, !alias.scope !48, !noalias !53
  %80 = fmul float %77, %79
  %81 = getelementptr float, ptr %7, i64 %75
  store float %80, ptr %81, align 4, !alias.scope !50, !noalias !54
  %82 = or disjoint i64 %12, 10
  %83 = getelementptr float, ptr %3, i64 %82
  %84 = load float, ptr %83, align 4, !alias.scope !45, !noalias !52
  %85 = getelementptr float, ptr %5, i64 %82
  %86 = load float, ptr %85, align 4, !alias.scope !48, !noalias !53
  %87 = fmul float %84, %86
  %88 = getelementptr float, ptr %7, i64 %82
  store float %87, ptr %88, align 4, !alias.scope !50, !noalias !54
  %89 = or disjoint i64 %12, 11
  %90 = getelementptr float, ptr %3, i64 %89
  %91 = load float, ptr %90, align 4, !alias.scope !45, !noalias !52
  %92 = getelementptr float, ptr %5, i64 %89
  %93 = load float, ptr %92, align 4, !alias.scope !48, !noalias !53
  %94 = fmul float %91, %93
  %95 = getelementptr float, ptr %7, i64 %89
  store float %94, ptr %95, align 4, !alias.scope !50, !noalias !54
  %96 = or disjoint i64 %12, 12
  %97 = getelementptr float, ptr %3, i64 %96
  %98 = load float, ptr %97, align 4, !alias.scope !45, !noalias !52
  %99 = getelementptr float, ptr %5, i64 %96
  %100 = load float, ptr %99, align 4, !alias.scope !48, !noalias !53
  %101 = fmul float %98, %100
  %102 = getelementptr float, ptr %7, i64 %96
  store float %101, ptr %102, align 4, !alias.scope !50, !noalias !54
  %103 = or disjoint i64 %12, 13
  %104 = getelementptr float, ptr %3, i64 %103
  %105 = load float, ptr %104, align 4, !alias.scope !45, !noalias !52
  %106 = getelementptr float, ptr %5, i64 %103
  %107 = load float, ptr %106, align 4, !alias.scope !48, !noalias !53
  %108 = fmul float %105, %107
  %109 = getelementptr float, ptr %7, i64 %103
  store float %108, ptr %109, align 4, !alias.scope !50, !noalias !54
  %110 = or disjoint i64 %12, 14
  %111 = getelementptr float, ptr %3, i64 %110
  %112 = load float, ptr %111, align 4, !alias.scope !45, !noalias !52
  %113 = getelementptr float, ptr %5, i64 %110
  %114 = load float, ptr %113, align 4, !alias.scope !48, !noalias !53
  %115 = fmul float %112, %114
  %116 = getelementptr float, ptr %7, i64 %110
  store float %115, ptr %116, align 4, !alias.scope !50, !noalias !54
  %117 = or disjoint i64 %12, 15
  %118 = getelementptr float, ptr %3, i64 %117
  %119 = load float, ptr %118, align 4, !alias.scope !45, !noalias !52
  %120 = getelementptr float, ptr %5, i64 %117
  %121 = load float, ptr %120, align 4, !alias.scope !48, !noalias !53
  %122 = fmul float %119, %121
  %123 = getelementptr float, ptr %7, i64 %117
  store float %122, ptr %123, align 4, !alias.scope !50, !noalias !54
  %124 = add nuw nsw i64 %10, 1
  %exitcond.not = icmp eq i64 %124, 16
  br i1 %exitcond.not, label %125, label %.preheader

125:                                              ; preds = %.preheader
  %126 = add nuw nsw i64 %8, 1
  %exitcond2.not = icmp eq i64 %126, 8
  br i1 %exitcond2.not, label %kiln_k6.body.exit, label %.preheader1

kiln_k6.body.exit:                                ; preds = %125
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k2(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !55)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !58)
  br label %.preheader1

.preheader1:                                      ; preds = %entry, %107
  %6 = phi i64 [ 0, %entry ], [ %108, %107 ]
  %7 = shl i64 %6, 8
  br label %.preheader

.preheader:                                       ; preds = %.preheader1, %.preheader
  %8 = phi i64 [ 0, %.preheader1 ], [ %106, %.preheader ]
  %9 = shl i64 %8, 4
  %10 = add nuw nsw i64 %9, %7
  %11 = getelementptr float, ptr %3, i64 %10
  %12 = load float, ptr %11, align 4, !alias.scope !55, !noalias !58
  %13 = fcmp olt float %12, 0.000000e+00
  %14 = select i1 %13, float 0.000000e+00, float %12
  %15 = getelementptr float, ptr %5, i64 %10
  store float %14, ptr %15, align 4, !alias.scope !58, !noalias !55
  %16 = or disjoint i64 %10, 1
  %17 = getelementptr float, ptr %3, i64 %16
  %18 = load float, ptr %17, align 4, !alias.scope !55, !noalias !58
  %19 = fcmp olt float %18, 0.000000e+00
  %20 = select i1 %19, float 0.000000e+00, float %18
  %21 = getelementptr float, ptr %5, i64 %16
  store float %20, ptr %21, align 4, !alias.scope !58, !noalias !55
  %22 = or disjoint i64 %10, 2
  %23 = getelementptr float, ptr %3, i64 %22
  %24 = load float, ptr %23, align 4, !alias.scope !55, !noalias !58
  %25 = fcmp olt float %24, 0.000000e+00
  %26 = select i1 %25, float 0.000000e+00, float %24
  %27 = getelementptr float, ptr %5, i64 %22
  store float %26, ptr %27, align 4, !alias.scope !58, !noalias !55
  %28 = or disjoint i64 %10, 3
  %29 = getelementptr float, ptr %3, i64 %28
  %30 = load float, ptr %29, align 4, !alias.scope !55, !noalias !58
  %31 = fcmp olt float %30, 0.000000e+00
  %32 = select i1 %31, float 0.000000e+00, float %30
  %33 = getelementptr float, ptr %5, i64 %28
  store float %32, ptr %33, align 4, !alias.scope !58, !noalias !55
  %34 = or disjoint i64 %10, 4
  %35 = getelementptr float, ptr %3, i64 %34
  %36 = load float, ptr %35, align 4, !alias.scope !55, !noalias !58
  %37 = fcmp olt float %36, 0.000000e+00
  %38 = select i1 %37, float 0.000000e+00, float %36
  %39 = getelementptr float, ptr %5, i64 %34
  store float %38, ptr %39, align 4, !alias.scope !58, !noalias !55
  %40 = or disjoint i64 %10, 5
  %41 = getelementptr float, ptr %3, i64 %40
  %42 = load float, ptr %41, align 4, !alias.scope !55, !noalias !58
  %43 = fcmp olt float %42, 0.000000e+00
  %44 = select i1 %43, float 0.000000e+00, float %42
  %45 = getelementptr float, ptr %5, i64 %40
  store float %44, ptr %45, align 4, !alias.scope !58, !noalias !55
  %46 = or disjoint i64 %10, 6
  %47 = getelementptr float, ptr %3, i64 %46
  %48 = load float, ptr %47, align 4, !alias.scope !55, !noalias !58
  %49 = fcmp olt float %48, 0.000000e+00
  %50 = select i1 %49, float 0.000000e+00, float %48
  %51 = getelementptr float, ptr %5, i64 %46
  store float %50, ptr %51, align 4, !alias.scope !58, !noalias !55
  %52 = or disjoint i64 %10, 7
  %53 = getelementptr float, ptr %3, i64 %52
  %54 = load float, ptr %53, align 4, !alias.scope !55, !noalias !58
  %55 = fcmp olt float %54, 0.000000e+00
  %56 = select i1 %55, float 0.000000e+00, float %54
  %57 = getelementptr float, ptr %5, i64 %52
  store float %56, ptr %57, align 4, !alias.scope !58, !noalias !55
  %58 = or disjoint i64 %10, 8
  %59 = getelementptr float, ptr %3, i64 %58
  %60 = load float, ptr %59, align 4, !alias.scope !55, !noalias !58
  %61 = fcmp olt float %60, 0.000000e+00
  %62 = select i1 %61, float 0.000000e+00, float %60
  %63 = getelementptr float, ptr %5, i64 %58
  store float %62, ptr %63, align 4, !alias.scope !58, !noalias !55
  %64 = or disjoint i64 %10, 9
  %65 = getelementptr float, ptr %3, i64 %64
  %66 = load float, ptr %65, align 4, !alias.scope !55, !noalias !58
  %67 = fcmp olt float %66, 0.000000e+00
  %68 = select i1 %67, float 0.000000e+00, float %66
  %69 = getelementptr float, ptr %5, i64 %64
  store float %68, ptr %69, align 4, !alias.scope !58, !noalias !55
  %70 = or disjoint i64 %10, 10
  %71 = getelementptr float, ptr %3, i64 %70
  %72 = load float, ptr %71, align 4, !alias.scope !55, !noalias !58
  %73 = fcmp olt float %72, 0.000000e+00
  %74 = select i1 %73, float 0.000000e+00, float %72
  %75 = getelementptr float, ptr %5, i64 %70
  store float %74, ptr %75, align 4, !alias.scope !58, !noalias !55
  %76 = or disjoint i64 %10, 11
  %77 = getelementptr float, ptr %3, i64 %76
  %78 = load float, ptr %77, align 4, !alias.scope !55, !noalias !58
  %79 = fcmp olt float %78, 0.000000e+00
  %80 = select i1 %79, float 0.000000e+00, float %78
  %81 = getelementptr float, ptr %5, i64 %76
  store float %80, ptr %81, align 4, !alias.scope !58, !noalias !55
  %82 = or disjoint i64 %10, 12
  %83 = getelementptr float, ptr %3, i64 %82
  %84 = load float, ptr %83, align 4, !alias.scope !55, !noalias !58
  %85 = fcmp olt float %84, 0.000000e+00
  %86 = select i1 %85, float 0.000000e+00, float %84
  %87 = getelementptr float, ptr %5, i64 %82
  store float %86, ptr %87, align 4, !alias.scope !58, !noalias !55
  %88 = or disjoint i64 %10, 13
  %89 = getelementptr float, ptr %3, i64 %88
  %90 = load float, ptr %89, align 4, !alias.scope !55, !noalias !58
  %91 = fcmp olt float %90, 0.000000e+00
  %92 = select i1 %91, float 0.000000e+00, float %90
  %93 = getelementptr float, ptr %5, i64 %88
  store float %92, ptr %93, align 4, !alias.scope !58, !noalias !55
  %94 = or disjoint i64 %10, 14
  %95 = getelementptr float, ptr %3, i64 %94
  %96 = load float, ptr %95, align 4, !alias.scope !55, !noalias !58
  %97 = fcmp olt float %96, 0.000000e+00
  %98 = select i1 %97, float 0.000000e+00, float %96
  %99 = getelementptr float, ptr %5, i64 %94
  store float %98, ptr %99, align 4, !alias.scope !58, !noalias !55
  %100 = or disjoint i64 %10, 15
  %101 = getelementptr float, ptr %3, i64 %100
  %102 = load float, ptr %101, align 4, !alias.scope !55, !noalias !58
  %103 = fcmp olt float %102, 0.000000e+00
  %104 = select i1 %103, float 0.000000e+00, float %102
  %105 = getelementptr float, ptr %5, i64 %100
  store float %104, ptr %105, align 4, !alias.scope !58, !noalias !55
  %106 = add nuw nsw i64 %8, 1
  %exitcond.not = icmp eq i64 %106, 16
  br i1 %exitcond.not, label %107, label %.preheader

107:                                              ; preds = %.preheader
  %108 = add nuw nsw i64 %6, 1
  %exitcond2.not = icmp eq i64 %108, 8
  br i1 %exitcond2.not, label %kiln_k2.body.exit, label %.preheader1

kiln_k2.body.exit:                                ; preds = %107
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k5(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !60)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !63)
  br label %.preheader1

.preheader1:                                      ; preds = %entry, %107
  %6 = phi i64 [ 0, %entry ], [ %108, %107 ]
  %7 = shl i64 %6, 8
  br label %.preheader

.preheader:                                       ; preds = %.preheader1, %.preheader
  %8 = phi i64 [ 0, %.preheader1 ], [ %106, %.preheader ]
  %9 = shl i64 %8, 4
  %10 = add nuw nsw i64 %9, %7
  %11 = getelementptr float, ptr %3, i64 %10
  %12 = load float, ptr %11, align 4, !alias.scope !60, !noalias !63
  %13 = fcmp olt float %12, 0.000000e+00
  %14 = select i1 %13, float 0.000000e+00, float %12
  %15 = getelementptr float, ptr %5, i64 %10
  store float %14, ptr %15, align 4, !alias.scope !63, !noalias !60
  %16 = or disjoint i64 %10, 1
  %17 = getelementptr float, ptr %3, i64 %16
  %18 = load float, ptr %17, align 4, !alias.scope !60, !noalias !63
  %19 = fcmp olt float %18, 0.000000e+00
  %20 = select i1 %19, float 0.000000e+00, float %18
  %21 = getelementptr float, ptr %5, i64 %16
  store float %20, ptr %21, align 4, !alias.scope !63, !noalias !60
  %22 = or disjoint i64 %10, 2
  %23 = getelementptr float, ptr %3, i64 %22
  %24 = load float, ptr %23, align 4, !alias.scope !60, !noalias !63
  %25 = fcmp olt float %24, 0.000000e+00
  %26 = select i1 %25, float 0.000000e+00, float %24
  %27 = getelementptr float, ptr %5, i64 %22
  store float %26, ptr %27, align 4, !alias.scope !63, !noalias !60
  %28 = or disjoint i64 %10, 3
  %29 = getelementptr float, ptr %3, i64 %28
  %30 = load float, ptr %29, align 4, !alias.scope !60, !noalias !63
  %31 = fcmp olt float %30, 0.000000e+00
  %32 = select i1 %31, float 0.000000e+00, float %30
  %33 = getelementptr float, ptr %5, i64 %28
  store float %32, ptr %33, align 4, !alias.scope !63, !noalias !60
  %34 = or disjoint i64 %10, 4
  %35 = getelementptr float, ptr %3, i64 %34
  %36 = load float, ptr %35, align 4, !alias.scope !60, !noalias !63
  %37 = fcmp olt float %36, 0.000000e+00
  %38 = select i1 %37, float 0.000000e+00, float %36
  %39 = getelementptr float, ptr %5, i64 %34
  store float %38, ptr %39, align 4, !alias.scope !63, !noalias !60
  %40 = or disjoint i64 %10, 5
  %41 = getelementptr float, ptr %3, i64 %40
  %42 = load float, ptr %41, align 4, !alias.scope !60, !noalias !63
  %43 = fcmp olt float %42, 0.000000e+00
  %44 = select i1 %43, float 0.000000e+00, float %42
  %45 = getelementptr float, ptr %5, i64 %40
  store float %44, ptr %45, align 4, !alias.scope !63, !noalias !60
  %46 = or disjoint i64 %10, 6
  %47 = getelementptr float, ptr %3, i64 %46
  %48 = load float, ptr %47, align 4, !alias.scope !60, !noalias !63
  %49 = fcmp olt float %48, 0.000000e+00
  %50 = select i1 %49, float 0.000000e+00, float %48
  %51 = getelementptr float, ptr %5, i64 %46
  store float %50, ptr %51, align 4, !alias.scope !63, !noalias !60
  %52 = or disjoint i64 %10, 7
  %53 = getelementptr float, ptr %3, i64 %52
  %54 = load float, ptr %53, align 4, !alias.scope !60, !noalias !63
  %55 = fcmp olt float %54, 0.000000e+00
  %56 = select i1 %55, float 0.000000e+00, float %54
  %57 = getelementptr float, ptr %5, i64 %52
  store float %56, ptr %57, align 4, !alias.scope !63, !noalias !60
  %58 = or disjoint i64 %10, 8
  %59 = getelementptr float, ptr %3, i64 %58
  %60 = load float, ptr %59, align 4, !alias.scope !60, !noalias !63
  %61 = fcmp olt float %60, 0.000000e+00
  %62 = select i1 %61, float 0.000000e+00, float %60
  %63 = getelementptr float, ptr %5, i64 %58
  store float %62, ptr %63, align 4, !alias.scope !63, !noalias !60
  %64 = or disjoint i64 %10, 9
  %65 = getelementptr float, ptr %3, i64 %64
  %66 = load float, ptr %65, align 4, !alias.scope !60, !noalias !63
  %67 = fcmp olt float %66, 0.000000e+00
  %68 = select i1 %67, float 0.000000e+00, float %66
  %69 = getelementptr float, ptr %5, i64 %64
  store float %68, ptr %69, align 4, !alias.scope !63, !noalias !60
  %70 = or disjoint i64 %10, 10
  %71 = getelementptr float, ptr %3, i64 %70
  %72 = load float, ptr %71, align 4, !alias.scope !60, !noalias !63
  %73 = fcmp olt float %72, 0.000000e+00
  %74 = select i1 %73, float 0.000000e+00, float %72
  %75 = getelementptr float, ptr %5, i64 %70
  store float %74, ptr %75, align 4, !alias.scope !63, !noalias !60
  %76 = or disjoint i64 %10, 11
  %77 = getelementptr float, ptr %3, i64 %76
  %78 = load float, ptr %77, align 4, !alias.scope !60, !noalias !63
  %79 = fcmp olt float %78, 0.000000e+00
  %80 = select i1 %79, float 0.000000e+00, float %78
  %81 = getelementptr float, ptr %5, i64 %76
  store float %80, ptr %81, align 4, !alias.scope !63, !noalias !60
  %82 = or disjoint i64 %10, 12
  %83 = getelementptr float, ptr %3, i64 %82
  %84 = load float, ptr %83, align 4, !alias.scope !60, !noalias !63
  %85 = fcmp olt float %84, 0.000000e+00
  %86 = select i1 %85, float 0.000000e+00, float %84
  %87 = getelementptr float, ptr %5, i64 %82
  store float %86, ptr %87, align 4, !alias.scope !63, !noalias !60
  %88 = or disjoint i64 %10, 13
  %89 = getelementptr float, ptr %3, i64 %88
  %90 = load float, ptr %89, align 4, !alias.scope !60, !noalias !63
  %91 = fcmp olt float %90, 0.000000e+00
  %92 = select i1 %91, float 0.000000e+00, float %90
  %93 = getelementptr float, ptr %5, i64 %88
  store float %92, ptr %93, align 4, !alias.scope !63, !noalias !60
  %94 = or disjoint i64 %10, 14
  %95 = getelementptr float, ptr %3, i64 %94
  %96 = load float, ptr %95, align 4, !alias.scope !60, !noalias !63
  %97 = fcmp olt float %96, 0.000000e+00
  %98 = select i1 %97, float 0.000000e+00, float %96
  %99 = getelementptr float, ptr %5, i64 %94
  store float %98, ptr %99, align 4, !alias.scope !63, !noalias !60
  %100 = or disjoint i64 %10, 15
  %101 = getelementptr float, ptr %3, i64 %100
  %102 = load float, ptr %101, align 4, !alias.scope !60, !noalias !63
  %103 = fcmp olt float %102, 0.000000e+00
  %104 = select i1 %103, float 0.000000e+00, float %102
  %105 = getelementptr float, ptr %5, i64 %100
  store float %104, ptr %105, align 4, !alias.scope !63, !noalias !60
  %106 = add nuw nsw i64 %8, 1
  %exitcond.not = icmp eq i64 %106, 16
  br i1 %exitcond.not, label %107, label %.preheader

107:                                              ; preds = %.preheader
  %108 = add nuw nsw i64 %6, 1
  %exitcond2.not = icmp eq i64 %108, 8
  br i1 %exitcond2.not, label %kiln_k5.body.exit, label %.preheader1

kiln_k5.body.exit:                                ; preds = %107
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k3(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !65)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !68)
  br label %.preheader1

.preheader1:                                      ; preds = %entry, %91
  %6 = phi i64 [ 0, %entry ], [ %92, %91 ]
  %7 = shl i64 %6, 8
  br label %.preheader

.preheader:                                       ; preds = %.preheader1, %.preheader
  %8 = phi i64 [ 0, %.preheader1 ], [ %90, %.preheader ]
  %9 = shl i64 %8, 4
  %10 = add nuw nsw i64 %9, %7
  %11 = getelementptr float, ptr %3, i64 %10
  %12 = load float, ptr %11, align 4, !alias.scope !65, !noalias !68
  %13 = fadd float %12, 2.000000e+00
  %14 = getelementptr float, ptr %5, i64 %10
  store float %13, ptr %14, align 4, !alias.scope !68, !noalias !65
  %15 = or disjoint i64 %10, 1
  %16 = getelementptr float, ptr %3, i64 %15
  %17 = load float, ptr %16, align 4, !alias.scope !65, !noalias !68
  %18 = fadd float %17, 2.000000e+00
  %19 = getelementptr float, ptr %5, i64 %15
  store float %18, ptr %19, align 4, !alias.scope !68, !noalias !65
  %20 = or disjoint i64 %10, 2
  %21 = getelementptr float, ptr %3, i64 %20
  %22 = load float, ptr %21, align 4, !alias.scope !65, !noalias !68
  %23 = fadd float %22, 2.000000e+00
  %24 = getelementptr float, ptr %5, i64 %20
  store float %23, ptr %24, align 4, !alias.scope !68, !noalias !65
  %25 = or disjoint i64 %10, 3
  %26 = getelementptr float, ptr %3, i64 %25
  %27 = load float, ptr %26, align 4, !alias.scope !65, !noalias !68
  %28 = fadd float %27, 2.000000e+00
  %29 = getelementptr float, ptr %5, i64 %25
  store float %28, ptr %29, align 4, !alias.scope !68, !noalias !65
  %30 = or disjoint i64 %10, 4
  %31 = getelementptr float, ptr %3, i64 %30
  %32 = load float, ptr %31, align 4, !alias.scope !65, !noalias !68
  %33 = fadd float %32, 2.000000e+00
  %34 = getelementptr float, ptr %5, i64 %30
  store float %33, ptr %34, align 4, !alias.scope !68, !noalias !65
  %35 = or disjoint i64 %10, 5
  %36 = getelementptr float, ptr %3, i64 %35
  %37 = load float, ptr %36, align 4, !alias.scope !65, !noalias !68
  %38 = fadd float %37, 2.000000e+00
  %39 = getelementptr float, ptr %5, i64 %35
  store float %38, ptr %39, align 4, !alias.scope !68, !noalias !65
  %40 = or disjoint i64 %10, 6
  %41 = getelementptr float, ptr %3, i64 %40
  %42 = load float, ptr %41, align 4, !alias.scope !65, !noalias !68
  %43 = fadd float %42, 2.000000e+00
  %44 = getelementptr float, ptr %5, i64 %40
  store float %43, ptr %44, align 4, !alias.scope !68, !noalias !65
  %45 = or disjoint i64 %10, 7
  %46 = getelementptr float, ptr %3, i64 %45
  %47 = load float, ptr %46, align 4, !alias.scope !65, !noalias !68
  %48 = fadd float %47, 2.000000e+00
  %49 = getelementptr float, ptr %5, i64 %45
  store float %48, ptr %49, align 4, !alias.scope !68, !noalias !65
  %50 = or disjoint i64 %10, 8
  %51 = getelementptr float, ptr %3, i64 %50
  %52 = load float, ptr %51, align 4, !alias.scope !65, !noalias !68
  %53 = fadd float %52, 2.000000e+00
  %54 = getelementptr float, ptr %5, i64 %50
  store float %53, ptr %54, align 4, !alias.scope !68, !noalias !65
  %55 = or disjoint i64 %10, 9
  %56 = getelementptr float, ptr %3, i64 %55
  %57 = load float, ptr %56, align 4, !alias.scope !65, !noalias !68
  %58 = fadd float %57, 2.000000e+00
  %59 = getelementptr float, ptr %5, i64 %55
  store float %58, ptr %59, align 4, !alias.scope !68, !noalias !65
  %60 = or disjoint i64 %10, 10
  %61 = getelementptr float, ptr %3, i64 %60
  %62 = load float, ptr %61, align 4, !alias.scope !65, !noalias !68
  %63 = fadd float %62, 2.000000e+00
  %64 = getelementptr float, ptr %5, i64 %60
  store float %63, ptr %64, align 4, !alias.scope !68, !noalias !65
  %65 = or disjoint i64 %10, 11
  %66 = getelementptr float, ptr %3, i64 %65
  %67 = load float, ptr %66, align 4, !alias.scope !65, !noalias !68
  %68 = fadd float %67, 2.000000e+00
  %69 = getelementptr float, ptr %5, i64 %65
  store float %68, ptr %69, align 4, !alias.scope !68, !noalias !65
  %70 = or disjoint i64 %10, 12
  %71 = getelementptr float, ptr %3, i64 %70
  %72 = load float, ptr %71, align 4, !alias.scope !65, !noalias !68
  %73 = fadd float %72, 2.000000e+00
  %74 = getelementptr float, ptr %5, i64 %70
  store float %73, ptr %74, align 4, !alias.scope !68, !noalias !65
  %75 = or disjoint i64 %10, 13
  %76 = getelementptr float, ptr %3, i64 %75
  %77 = load float, ptr %76, align 4, !alias.scope !65, !noalias !68
  %78 = fadd float %77, 2.000000e+00
  %79 = getelementptr float, ptr %5, i64 %75
  store float %78, ptr %79, align 4, !alias.scope !68, !noalias !65
  %80 = or disjoint i64 %10, 14
  %81 = getelementptr float, ptr %3, i64 %80
  %82 = load float, ptr %81, align 4, !alias.scope !65, !noalias !68
  %83 = fadd float %82, 2.000000e+00
  %84 = getelementptr float, ptr %5, i64 %80
  store float %83, ptr %84, align 4, !alias.scope !68, !noalias !65
  %85 = or disjoint i64 %10, 15
  %86 = getelementptr float, ptr %3, i64 %85
  %87 = load float, ptr %86, align 4, !alias.scope !65, !noalias !68
  %88 = fadd float %87, 2.000000e+00
  %89 = getelementptr float, ptr %5, i64 %85
  store float %88, ptr %89, align 4, !alias.scope !68, !noalias !65
  %90 = add nuw nsw i64 %8, 1
  %exitcond.not = icmp eq i64 %90, 16
  br i1 %exitcond.not, label %91, label %.preheader

91:                                               ; preds = %.preheader
  %92 = add nuw nsw i64 %6, 1
  %exitcond2.not = icmp eq i64 %92, 8
  br i1 %exitcond2.not, label %kiln_k3.body.exit, label %.preheader1

kiln_k3.body.exit:                                ; preds = %91
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k7(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !70)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !73)
  br label %.preheader1

.preheader1:                                      ; preds = %entry, %91
  %6 = phi i64 [ 0, %entry ], [ %92, %91 ]
  %7 = shl i64 %6, 8
  br label %.preheader

.preheader:                                       ; preds = %.preheader1, %.preheader
  %8 = phi i64 [ 0, %.preheader1 ], [ %90, %.preheader ]
  %9 = shl i64 %8, 4
  %10 = add nuw nsw i64 %9, %7
  %11 = getelementptr float, ptr %3, i64 %10
  %12 = load float, ptr %11, align 4, !alias.scope !70, !noalias !73
  %13 = fmul float %12, 0x3FB99999A0000000
  %14 = getelementptr float, ptr %5, i64 %10
  store float %13, ptr %14, align 4, !alias.scope !73, !noalias !70
  %15 = or disjoint i64 %10, 1
  %16 = getelementptr float, ptr %3, i64 %15
  %17 = load float, ptr %16, align 4, !alias.scope !70, !noalias !73
  %18 = fmul float %17, 0x3FB99999A0000000
  %19 = getelementptr float, ptr %5, i64 %15
  store float %18, ptr %19, align 4, !alias.scope !73, !noalias !70
  %20 = or disjoint i64 %10, 2
  %21 = getelementptr float, ptr %3, i64 %20
  %22 = load float, ptr %21, align 4, !alias.scope !70, !noalias !73
  %23 = fmul float %22, 0x3FB99999A0000000
  %24 = getelementptr float, ptr %5, i64 %20
  store float %23, ptr %24, align 4, !alias.scope !73, !noalias !70
  %25 = or disjoint i64 %10, 3
  %26 = getelementptr float, ptr %3, i64 %25
  %27 = load float, ptr %26, align 4, !alias.scope !70, !noalias !73
  %28 = fmul float %27, 0x3FB99999A0000000
  %29 = getelementptr float, ptr %5, i64 %25
  store float %28, ptr %29, align 4, !alias.scope !73, !noalias !70
  %30 = or disjoint i64 %10, 4
  %31 = getelementptr float, ptr %3, i64 %30
  %32 = load float, ptr %31, align 4, !alias.scope !70, !noalias !73
  %33 = fmul float %32, 0x3FB99999A0000000
  %34 = getelementptr float, ptr %5, i64 %30
  store float %33, ptr %34, align 4, !alias.scope !73, !noalias !70
  %35 = or disjoint i64 %10, 5
  %36 = getelementptr float, ptr %3, i64 %35
  %37 = load float, ptr %36, align 4, !alias.scope !70, !noalias !73
  %38 = fmul float %37, 0x3FB99999A0000000
  %39 = getelementptr float, ptr %5, i64 %35
  store float %38, ptr %39, align 4, !alias.scope !73, !noalias !70
  %40 = or disjoint i64 %10, 6
  %41 = getelementptr float, ptr %3, i64 %40
  %42 = load float, ptr %41, align 4, !alias.scope !70, !noalias !73
  %43 = fmul float %42, 0x3FB99999A0000000
  %44 = getelementptr float, ptr %5, i64 %40
  store float %43, ptr %44, align 4, !alias.scope !73, !noalias !70
  %45 = or disjoint i64 %10, 7
  %46 = getelementptr float, ptr %3, i64 %45
  %47 = load float, ptr %46, align 4, !alias.scope !70, !noalias !73
  %48 = fmul float %47, 0x3FB99999A0000000
  %49 = getelementptr float, ptr %5, i64 %45
  store float %48, ptr %49, align 4, !alias.scope !73, !noalias !70
  %50 = or disjoint i64 %10, 8
  %51 = getelementptr float, ptr %3, i64 %50
  %52 = load float, ptr %51, align 4, !alias.scope !70, !noalias !73
  %53 = fmul float %52, 0x3FB99999A0000000
  %54 = getelementptr float, ptr %5, i64 %50
  store float %53, ptr %54, align 4, !alias.scope !73, !noalias !70
  %55 = or disjoint i64 %10, 9
  %56 = getelementptr float, ptr %3, i64 %55
  %57 = load float, ptr %56, align 4, !alias.scope !70, !noalias !73
  %58 = fmul float %57, 0x3FB99999A0000000
  %59 = getelementptr float, ptr %5, i64 %55
  store float %58, ptr %59, align 4, !alias.scope !73, !noalias !70
  %60 = or disjoint i64 %10, 10
  %61 = getelementptr float, ptr %3, i64 %60
  %62 = load float, ptr %61, align 4, !alias.scope !70, !noalias !73
  %63 = fmul float %62, 0x3FB99999A0000000
  %64 = getelementptr float, ptr %5, i64 %60
  store float %63, ptr %64, align 4, !alias.scope !73, !noalias !70
  %65 = or disjoint i64 %10, 11
  %66 = getelementptr float, ptr %3, i64 %65
  %67 = load float, ptr %66, align 4, !alias.scope !70, !noalias !73
  %68 = fmul float %67, 0x3FB99999A0000000
  %69 = getelementptr float, ptr %5, i64 %65
  store float %68, ptr %69, align 4, !alias.scope !73, !noalias !70
  %70 = or disjoint i64 %10, 12
  %71 = getelementptr float, ptr %3, i64 %70
  %72 = load float, ptr %71, align 4, !alias.scope !70, !noalias !73
  %73 = fmul float %72, 0x3FB99999A0000000
  %74 = getelementptr float, ptr %5, i64 %70
  store float %73, ptr %74, align 4, !alias.scope !73, !noalias !70
  %75 = or disjoint i64 %10, 13
  %76 = getelementptr float, ptr %3, i64 %75
  %77 = load float, ptr %76, align 4, !alias.scope !70, !noalias !73
  %78 = fmul float %77, 0x3FB99999A0000000
  %79 = getelementptr float, ptr %5, i64 %75
  store float %78, ptr %79, align 4, !alias.scope !73, !noalias !70
  %80 = or disjoint i64 %10, 14
  %81 = getelementptr float, ptr %3, i64 %80
  %82 = load float, ptr %81, align 4, !alias.scope !70, !noalias !73
  %83 = fmul float %82, 0x3FB99999A0000000
  %84 = getelementptr float, ptr %5, i64 %80
  store float %83, ptr %84, align 4, !alias.scope !73, !noalias !70
  %85 = or disjoint i64 %10, 15
  %86 = getelementptr float, ptr %3, i64 %85
  %87 = load float, ptr %86, align 4, !alias.scope !70, !noalias !73
  %88 = fmul float %87, 0x3FB99999A0000000
  %89 = getelementptr float, ptr %5, i64 %85
  store float %88, ptr %89, align 4, !alias.scope !73, !noalias !70
  %90 = add nuw nsw i64 %8, 1
  %exitcond.not = icmp eq i64 %90, 16
  br i1 %exitcond.not, label %91, label %.preheader

91:                                               ; preds = %.preheader
  %92 = add nuw nsw i64 %6, 1
  %exitcond2.not = icmp eq i64 %92, 8
  br i1 %exitcond2.not, label %kiln_k7.body.exit, label %.preheader1

kiln_k7.body.exit:                                ; preds = %91
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
  tail call void @llvm.experimental.noalias.scope.decl(metadata !75)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !78)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !80)
  %8 = load i64, ptr %3, align 4, !alias.scope !75, !noalias !82
  %9 = load i64, ptr %5, align 4, !alias.scope !78, !noalias !83
  %10 = mul i64 %9, %8
  store i64 %10, ptr %7, align 4, !alias.scope !80, !noalias !84
  %11 = getelementptr i8, ptr %3, i64 8
  %12 = load i64, ptr %11, align 4, !alias.scope !75, !noalias !82
  %13 = getelementptr i8, ptr %5, i64 8
  %14 = load i64, ptr %13, align 4, !alias.scope !78, !noalias !83
  %15 = mul i64 %14, %12
  %16 = getelementptr i8, ptr %7, i64 8
  store i64 %15, ptr %16, align 4, !alias.scope !80, !noalias !84
  %17 = getelementptr i8, ptr %3, i64 16
  %18 = load i64, ptr %17, align 4, !alias.scope !75, !noalias !82
  %19 = getelementptr i8, ptr %5, i64 16
  %20 = load i64, ptr %19, align 4, !alias.scope !78, !noalias !83
  %21 = mul i64 %20, %18
  %22 = getelementptr i8, ptr %7, i64 16
  store i64 %21, ptr %22, align 4, !alias.scope !80, !noalias !84
  %23 = getelementptr i8, ptr %3, i64 24
  %24 = load i64, ptr %23, align 4, !alias.scope !75, !noalias !82
  %25 = getelementptr i8, ptr %5, i64 24
  %26 = load i64, ptr %25, align 4, !alias.scope !78, !noalias !83
  %27 = mul i64 %26, %24
  %28 = getelementptr i8, ptr %7, i64 24
  store i64 %27, ptr %28, align 4, !alias.scope !80, !noalias !84
  %29 = getelementptr i8, ptr %3, i64 32
  %30 = load i64, ptr %29, align 4, !alias.scope !75, !noalias !82
  %31 = getelementptr i8, ptr %5, i64 32
  %32 = load i64, ptr %31, align 4, !alias.scope !78, !noalias !83
  %33 = mul i64 %32, %30
  %34 = getelementptr i8, ptr %7, i64 32
  store i64 %33, ptr %34, align 4, !alias.scope !80, !noalias !84
  %35 = getelementptr i8, ptr %3, i64 40
  %36 = load i64, ptr %35, align 4, !alias.scope !75, !noalias !82
  %37 = getelementptr i8, ptr %5, i64 40
  %38 = load i64, ptr %37, align 4, !alias.scope !78, !noalias !83
  %39 = mul i64 %38, %36
  %40 = getelementptr i8, ptr %7, i64 40
  store i64 %39, ptr %40, align 4, !alias.scope !80, !noalias !84
  %41 = getelementptr i8, ptr %3, i64 48
  %42 = load i64, ptr %41, align 4, !alias.scope !75, !noalias !82
  %43 = getelementptr i8, ptr %5, i64 48
  %44 = load i64, ptr %43, align 4, !alias.scope !78, !noalias !83
  %45 = mul i64 %44, %42
  %46 = getelementptr i8, ptr %7, i64 48
  store i64 %45, ptr %46, align 4, !alias.scope !80, !noalias !84
  %47 = getelementptr i8, ptr %3, i64 56
  %48 = load i64, ptr %47, align 4, !alias.scope !75, !noalias !82
  %49 = getelementptr i8, ptr %5, i64 56
  %50 = load i64, ptr %49, align 4, !alias.scope !78, !noalias !83
  %51 = mul i64 %50, %48
  %52 = getelementptr i8, ptr %7, i64 56
  store i64 %51, ptr %52, align 4, !alias.scope !80, !noalias !84
  %53 = getelementptr i8, ptr %3, i64 64
  %54 = load i64, ptr %53, align 4, !alias.scope !75, !noalias !82
  %55 = getelementptr i8, ptr %5, i64 64
  %56 = load i64, ptr %55, align 4, !alias.scope !78, !noalias !83
  %57 = mul i64 %56, %54
  %58 = getelementptr i8, ptr %7, i64 64
  store i64 %57, ptr %58, align 4, !alias.scope !80, !noalias !84
  %59 = getelementptr i8, ptr %3, i64 72
  %60 = load i64, ptr %59, align 4, !alias.scope !75, !noalias !82
  %61 = getelementptr i8, ptr %5, i64 72
  %62 = load i64, ptr %61, align 4, !alias.scope !78, !noalias !83
  %63 = mul i64 %62, %60
  %64 = getelementptr i8, ptr %7, i64 72
  store i64 %63, ptr %64, align 4, !alias.scope !80, !noalias !84
  %65 = getelementptr i8, ptr %3, i64 80
  %66 = load i64, ptr %65, align 4, !alias.scope !75, !noalias !82
  %67 = getelementptr i8, ptr %5, i64 80
  %68 = load i64, ptr %67, align 4, !alias.scope !78, !noalias !83
  %69 = mul i64 %68, %66
  %70 = getelementptr i8, ptr %7, i64 80
  store i64 %69, ptr %70, align 4, !alias.scope !80, !noalias !84
  %71 = getelementptr i8, ptr %3, i64 88
  %72 = load i64, ptr %71, align 4, !alias.scope !75, !noalias !82
  %73 = getelementptr i8, ptr %5, i64 88
  %74 = load i64, ptr %73, align 4, !alias.scope !78, !noalias !83
  %75 = mul i64 %74, %72
  %76 = getelementptr i8, ptr %7, i64 88
  store i64 %75, ptr %76, align 4, !alias.scope !80, !noalias !84
  %77 = getelementptr i8, ptr %3, i64 96
  %78 = load i64, ptr %77, align 4, !alias.scope !75, !noalias !82
  %79 = getelementptr i8, ptr %5, i64 96
  %80 = load i64, ptr %79, align 4, !alias.scope !78, !noalias !83
  %81 = mul i64 %80, %78
  %82 = getelementptr i8, ptr %7, i64 96
  store i64 %81, ptr %82, align 4, !alias.scope !80, !noalias !84
  %83 = getelementptr i8, ptr %3, i64 104
  %84 = load i64, ptr %83, align 4, !alias.scope !75, !noalias !82
  %85 = getelementptr i8, ptr %5, i64 104
  %86 = load i64, ptr %85, align 4, !alias.scope !78, !noalias !83
  %87 = mul i64 %86, %84
  %88 = getelementptr i8, ptr %7, i64 104
  store i64 %87, ptr %88, align 4, !alias.scope !80, !noalias !84
  %89 = getelementptr i8, ptr %3, i64 112
  %90 = load i64, ptr %89, align 4, !alias.scope !75, !noalias !82
  %91 = getelementptr i8, ptr %5, i64 112
  %92 = load i64, ptr %91, align 4, !alias.scope !78, !noalias !83
  %93 = mul i64 %92, %90
  %94 = getelementptr i8, ptr %7, i64 112
  store i64 %93, ptr %94, align 4, !alias.scope !80, !noalias !84
  ret void
}

; Function Attrs: mustprogress nofree norecurse nosync nounwind willreturn
define void @kiln_k10(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #1 {
entry:
  %3 = getelementptr inbounds i8, ptr %0, i64 8
  %4 = load ptr, ptr %3, align 8
  %5 = getelementptr inbounds i8, ptr %0, i64 16
  %6 = load ptr, ptr %5, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !85)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !88)
  %7 = load i64, ptr %4, align 4, !alias.scope !85, !noalias !88
  %8 = shl i64 %7, 1
  store i64 %8, ptr %6, align 4, !alias.scope !88, !noalias !85
  %9 = getelementptr i8, ptr %4, i64 8
  %10 = load i64, ptr %9, align 4, !alias.scope !85, !noalias !88
  %11 = shl i64 %10, 1
  %12 = getelementptr i8, ptr %6, i64 8
  store i64 %11, ptr %12, align 4, !alias.scope !88, !noalias !85
  %13 = getelementptr i8, ptr %4, i64 16
  %14 = load i64, ptr %13, align 4, !alias.scope !85, !noalias !88
  %15 = shl i64 %14, 1
  %16 = getelementptr i8, ptr %6, i64 16
  store i64 %15, ptr %16, align 4, !alias.scope !88, !noalias !85
  %17 = getelementptr i8, ptr %4, i64 24
  %18 = load i64, ptr %17, align 4, !alias.scope !85, !noalias !88
  %19 = shl i64 %18, 1
  %20 = getelementptr i8, ptr %6, i64 24
  store i64 %19, ptr %20, align 4, !alias.scope !88, !noalias !85
  %21 = getelementptr i8, ptr %4, i64 32
  %22 = load i64, ptr %21, align 4, !alias.scope !85, !noalias !88
  %23 = shl i64 %22, 1
  %24 = getelementptr i8, ptr %6, i64 32
  store i64 %23, ptr %24, align 4, !alias.scope !88, !noalias !85
  %25 = getelementptr i8, ptr %4, i64 40
  %26 = load i64, ptr %25, align 4, !alias.scope !85, !noalias !88
  %27 = shl i64 %26, 1
  %28 = getelementptr i8, ptr %6, i64 40
  store i64 %27, ptr %28, align 4, !alias.scope !88, !noalias !85
  %29 = getelementptr i8, ptr %4, i64 48
  %30 = load i64, ptr %29, align 4, !alias.scope !85, !noalias !88
  %31 = shl i64 %30, 1
  %32 = getelementptr i8, ptr %6, i64 48
  store i64 %31, ptr %32, align 4, !alias.scope !88, !noalias !85
  %33 = getelementptr i8, ptr %4, i64 56
  %34 = load i64, ptr %33, align 4, !alias.scope !85, !noalias !88
  %35 = shl i64 %34, 1
  %36 = getelementptr i8, ptr %6, i64 56
  store i64 %35, ptr %36, align 4, !alias.scope !88, !noalias !85
  %37 = getelementptr i8, ptr %4, i64 64
  %38 = load i64, ptr %37, align 4, !alias.scope !85, !noalias !88
  %39 = shl i64 %38, 1
  %40 = getelementptr i8, ptr %6, i64 64
  store i64 %39, ptr %40, align 4, !alias.scope !88, !noalias !85
  %41 = getelementptr i8, ptr %4, i64 72
  %42 = load i64, ptr %41, align 4, !alias.scope !85, !noalias !88
  %43 = shl i64 %42, 1
  %44 = getelementptr i8, ptr %6, i64 72
  store i64 %43, ptr %44, align 4, !alias.scope !88, !noalias !85
  %45 = getelementptr i8, ptr %4, i64 80
  %46 = load i64, ptr %45, align 4, !alias.scope !85, !noalias !88
  %47 = shl i64 %46, 1
  %48 = getelementptr i8, ptr %6, i64 80
  store i64 %47, ptr %48, align 4, !alias.scope !88, !noalias !85
  %49 = getelementptr i8, ptr %4, i64 88
  %50 = load i64, ptr %49, align 4, !alias.scope !85, !noalias !88
  %51 = shl i64 %50, 1
  %52 = getelementptr i8, ptr %6, i64 88
  store i64 %51, ptr %52, align 4, !alias.scope !88, !noalias !85
  %53 = getelementptr i8, ptr %4, i64 96
  %54 = load i64, ptr %53, align 4, !alias.scope !85, !noalias !88
  %55 = shl i64 %54, 1
  %56 = getelementptr i8, ptr %6, i64 96
  store i64 %55, ptr %56, align 4, !alias.scope !88, !noalias !85
  %57 = getelementptr i8, ptr %4, i64 104
  %58 = load i64, ptr %57, align 4, !alias.scope !85, !noalias !88
  %59 = shl i64 %58, 1
  %60 = getelementptr i8, ptr %6, i64 104
  store i64 %59, ptr %60, align 4, !alias.scope !88, !noalias !85
  %61 = getelementptr i8, ptr %4, i64 112
  %62 = load i64, ptr %61, align 4, !alias.scope !85, !noalias !88
  %63 = shl i64 %62, 1
  %64 = getelementptr i8, ptr %6, i64 112
  store i64 %63, ptr %64, align 4, !alias.scope !88, !noalias !85
  ret void
}

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(inaccessiblemem: readwrite)
declare void @llvm.experimental.noalias.scope.decl(metadata) #2

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare <8 x float> @llvm.fma.v8f32(<8 x float>, <8 x float>, <8 x float>) #3

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare <8 x float> @llvm.floor.v8f32(<8 x float>) #3

attributes #0 = { nofree norecurse nosync nounwind "target-cpu"="haswell" "target-features"="+64bit,+64bit-mode,+allow-light-256-bit,+avx,+avx2,+bmi,+bmi2,+cmov,+crc32,+cx16,+cx8,+ermsb,+f16c,+false-deps-lzcnt-tzcnt,+false-deps-popcnt,+fast-15bytenop,+fast-scalar-fsqrt,+fast-shld-rotate,+fast-variable-crosslane-shuffle,+fast-variable-perlane-shuffle,+fma,+fsgsbase,+fxsr,+idivq-to-divl,+invpcid,+lzcnt,+macrofusion,+mmx,+movbe,+no-bypass-delay-mov,+no-bypass-delay-shuffle,+nopl,+pclmul,+popcnt,+rdrnd,+sahf,+slow-3ops-lea,+sse,+sse2,+sse3,+sse4.1,+sse4.2,+ssse3,+vzeroupper,+x87,+xsave,+xsaveopt,-16bit-mode,-32bit-mode,-adx,-aes,-amx-bf16,-amx-complex,-amx-fp16,-amx-int8,-amx-tile,-avx10.1-256,-avx10.1-512,-avx512bf16,-avx512bitalg,-avx512bw,-avx512cd,-avx512dq,-avx512f,-avx512fp16,-avx512ifma,-avx512vbmi,-avx512vbmi2,-avx512vl,-avx512vnni,-avx512vp2intersect,-avx512vpopcntdq,-avxifma,-avxneconvert,-avxvnni,-avxvnniint16,-avxvnniint8,-branch-hint,-branchfusion,-ccmp,-cf,-cldemote,-clflushopt,-clwb,-clzero,-cmpccxadd,-egpr,-enqcmd,-evex512,-false-deps-getmant,-false-deps-mulc,-false-deps-mullq,-false-deps-perm,-false-deps-range,-fast-11bytenop,-fast-7bytenop,-fast-bextr,-fast-dpwssd,-fast-gather,-fast-hops,-fast-imm16,-fast-lzcnt,-fast-movbe,-fast-scalar-shift-masks,-fast-vector-fsqrt,-fast-vector-shift-masks,-faster-shift-than-shuffle,-fma4,-fsrm,-gfni,-harden-sls-ijmp,-harden-sls-ret,-hreset,-idivl-to-divb,-inline-asm-use-gpr32,-kl,-lea-sp,-lea-uses-ag,-lvi-cfi,-lvi-load-hardening,-lwp,-movdir64b,-movdiri,-mwaitx,-ndd,-nf,-no-bypass-delay,-no-bypass-delay-blend,-pad-short-functions,-pconfig,-pku,-ppx,-prefer-128-bit,-prefer-256-bit,-prefer-mask-registers,-prefer-movmsk-over-vtest,-prefer-no-gather,-prefer-no-scatter,-prefetchi,-prfchw,-ptwrite,-push2pop2,-raoint,-rdpid,-rdpru,-rdseed,-retpoline,-retpoline-external-thunk,-retpoline-indirect-branches,-retpoline-indirect-calls,-rtm,-sbb-dep-breaking,-serialize,-seses,-sgx,-sha,-sha512,-shstk,-slow-incdec,-slow-lea,-slow-pmaddwd,-slow-pmulld,-slow-shld,-slow-two-mem-ops,-slow-unaligned-mem-16,-slow-unaligned-mem-32,-sm3,-sm4,-soft-float,-sse-unaligned-mem,-sse4a,-tagged-globals,-tbm,-tsxldtrk,-tuning-fast-imm-vector-shift,-uintr,-use-glm-div-sqrt-costs,-use-slm-arith-costs,-usermsr,-vaes,-vpclmulqdq,-waitpkg,-wbnoinvd,-widekl,-xop,-xsavec,-xsaves,-zu" }
attributes #1 = { mustprogress nofree norecurse nosync nounwind willreturn "target-cpu"="haswell" "target-features"="+64bit,+64bit-mode,+allow-light-256-bit,+avx,+avx2,+bmi,+bmi2,+cmov,+crc32,+cx16,+cx8,+ermsb,+f16c,+false-deps-lzcnt-tzcnt,+false-deps-popcnt,+fast-15bytenop,+fast-scalar-fsqrt,+fast-shld-rotate,+fast-variable-crosslane-shuffle,+fast-variable-perlane-shuffle,+fma,+fsgsbase,+fxsr,+idivq-to-divl,+invpcid,+lzcnt,+macrofusion,+mmx,+movbe,+no-bypass-delay-mov,+no-bypass-delay-shuffle,+nopl,+pclmul,+popcnt,+rdrnd,+sahf,+slow-3ops-lea,+sse,+sse2,+sse3,+sse4.1,+sse4.2,+ssse3,+vzeroupper,+x87,+xsave,+xsaveopt,-16bit-mode,-32bit-mode,-adx,-aes,-amx-bf16,-amx-complex,-amx-fp16,-amx-int8,-amx-tile,-avx10.1-256,-avx10.1-512,-avx512bf16,-avx512bitalg,-avx512bw,-avx512cd,-avx512dq,-avx512f,-avx512fp16,-avx512ifma,-avx512vbmi,-avx512vbmi2,-avx512vl,-avx512vnni,-avx512vp2intersect,-avx512vpopcntdq,-avxifma,-avxneconvert,-avxvnni,-avxvnniint16,-avxvnniint8,-branch-hint,-branchfusion,-ccmp,-cf,-cldemote,-clflushopt,-clwb,-clzero,-cmpccxadd,-egpr,-enqcmd,-evex512,-false-deps-getmant,-false-deps-mulc,-false-deps-mullq,-false-deps-perm,-false-deps-range,-fast-11bytenop,-fast-7bytenop,-fast-bextr,-fast-dpwssd,-fast-gather,-fast-hops,-fast-imm16,-fast-lzcnt,-fast-movbe,-fast-scalar-shift-masks,-fast-vector-fsqrt,-fast-vector-shift-masks,-faster-shift-than-shuffle,-fma4,-fsrm,-gfni,-harden-sls-ijmp,-harden-sls-ret,-hreset,-idivl-to-divb,-inline-asm-use-gpr32,-kl,-lea-sp,-lea-uses-ag,-lvi-cfi,-lvi-load-hardening,-lwp,-movdir64b,-movdiri,-mwaitx,-ndd,-nf,-no-bypass-delay,-no-bypass-delay-blend,-pad-short-functions,-pconfig,-pku,-ppx,-prefer-128-bit,-prefer-256-bit,-prefer-mask-registers,-prefer-movmsk-over-vtest,-prefer-no-gather,-prefer-no-scatter,-prefetchi,-prfchw,-ptwrite,-push2pop2,-raoint,-rdpid,-rdpru,-rdseed,-retpoline,-retpoline-external-thunk,-retpoline-indirect-branches,-retpoline-indirect-calls,-rtm,-sbb-dep-breaking,-serialize,-seses,-sgx,-sha,-sha512,-shstk,-slow-incdec,-slow-lea,-slow-pmaddwd,-slow-pmulld,-slow-shld,-slow-two-mem-ops,-slow-unaligned-mem-16,-slow-unaligned-mem-32,-sm3,-sm4,-soft-float,-sse-unaligned-mem,-sse4a,-tagged-globals,-tbm,-tsxldtrk,-tuning-fast-imm-vector-shift,-uintr,-use-glm-div-sqrt-costs,-use-slm-arith-costs,-usermsr,-vaes,-vpclmulqdq,-waitpkg,-wbnoinvd,-widekl,-xop,-xsavec,-xsaves,-zu" }
attributes #2 = { nocallback nofree nosync nounwind willreturn memory(inaccessiblemem: readwrite) }
attributes #3 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }

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
!16 = !{!17}
!17 = distinct !{!17, !18, !"kiln_k4.body: argument 0"}
!18 = distinct !{!18, !"kiln_k4.body"}
!19 = !{!20}
!20 = distinct !{!20, !18, !"kiln_k4.body: argument 1"}
!21 = !{!22}
!22 = distinct !{!22, !18, !"kiln_k4.body: argument 2"}
!23 = !{!20, !22}
!24 = !{!17, !22}
!25 = !{!17, !20}
!26 = !{!27}
!27 = distinct !{!27, !28, !"kiln_k9.body: argument 0"}
!28 = distinct !{!28, !"kiln_k9.body"}
!29 = !{!30}
!30 = distinct !{!30, !28, !"kiln_k9.body: argument 1"}
!31 = !{!32}
!32 = distinct !{!32, !28, !"kiln_k9.body: argument 2"}
!33 = !{!30, !32}
!34 = !{!27, !32}
!35 = !{!27, !30}
!36 = distinct !{!36, !37, !38}
!37 = !{!"llvm.loop.isvectorized", i32 1}
!38 = !{!"llvm.loop.unroll.runtime.disable"}
!39 = !{!40}
!40 = distinct !{!40, !41, !"kiln_k1.body: argument 0"}
!41 = distinct !{!41, !"kiln_k1.body"}
!42 = !{!43}
!43 = distinct !{!43, !41, !"kiln_k1.body: argument 1"}
!44 = !{!40, !43}
!45 = !{!46}
!46 = distinct !{!46, !47, !"kiln_k6.body: argument 0"}
!47 = distinct !{!47, !"kiln_k6.body"}
!48 = !{!49}
!49 = distinct !{!49, !47, !"kiln_k6.body: argument 1"}
!50 = !{!51}
!51 = distinct !{!51, !47, !"kiln_k6.body: argument 2"}
!52 = !{!49, !51}
!53 = !{!46, !51}
!54 = !{!46, !49}
!55 = !{!56}
!56 = distinct !{!56, !57, !"kiln_k2.body: argument 0"}
!57 = distinct !{!57, !"kiln_k2.body"}
!58 = !{!59}
!59 = distinct !{!59, !57, !"kiln_k2.body: argument 1"}
!60 = !{!61}
!61 = distinct !{!61, !62, !"kiln_k5.body: argument 0"}
!62 = distinct !{!62, !"kiln_k5.body"}
!63 = !{!64}
!64 = distinct !{!64, !62, !"kiln_k5.body: argument 1"}
!65 = !{!66}
!66 = distinct !{!66, !67, !"kiln_k3.body: argument 0"}
!67 = distinct !{!67, !"kiln_k3.body"}
!68 = !{!69}
!69 = distinct !{!69, !67, !"kiln_k3.body: argument 1"}
!70 = !{!71}
!71 = distinct !{!71, !72, !"kiln_k7.body: argument 0"}
!72 = distinct !{!72, !"kiln_k7.body"}
!73 = !{!74}
!74 = distinct !{!74, !72, !"kiln_k7.body: argument 1"}
!75 = !{!76}
!76 = distinct !{!76, !77, !"kiln_k11.body: argument 0"}
!77 = distinct !{!77, !"kiln_k11.body"}
!78 = !{!79}
!79 = distinct !{!79, !77, !"kiln_k11.body: argument 1"}
!80 = !{!81}
!81 = distinct !{!81, !77, !"kiln_k11.body: argument 2"}
!82 = !{!79, !81}
!83 = !{!76, !81}
!84 = !{!76, !79}
!85 = !{!86}
!86 = distinct !{!86, !87, !"kiln_k10.body: argument 0"}
!87 = distinct !{!87, !"kiln_k10.body"}
!88 = !{!89}
!89 = distinct !{!89, !87, !"kiln_k10.body: argument 1"}
