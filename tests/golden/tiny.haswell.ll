; ModuleID = 'LLVMDialectModule'
source_filename = "LLVMDialectModule"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@__constant_8x1x1xf32 = internal unnamed_addr constant [8 x [1 x [1 x float]]] [[1 x [1 x float]] [[1 x float] [float -1.000000e+00]], [1 x [1 x float]] [[1 x float] [float -7.500000e-01]], [1 x [1 x float]] [[1 x float] [float -5.000000e-01]], [1 x [1 x float]] [[1 x float] [float -2.500000e-01]], [1 x [1 x float]] zeroinitializer, [1 x [1 x float]] [[1 x float] [float 2.500000e-01]], [1 x [1 x float]] [[1 x float] [float 5.000000e-01]], [1 x [1 x float]] [[1 x float] [float 7.500000e-01]]], align 64

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k0(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  %6 = getelementptr inbounds i8, ptr %0, i64 16
  %7 = load ptr, ptr %6, align 8
  %8 = getelementptr inbounds i8, ptr %0, i64 24
  %9 = load ptr, ptr %8, align 8
  %10 = getelementptr inbounds i8, ptr %0, i64 32
  %11 = load ptr, ptr %10, align 8
  %12 = getelementptr inbounds i8, ptr %0, i64 40
  %13 = load ptr, ptr %12, align 8
  %14 = getelementptr inbounds i8, ptr %0, i64 48
  %15 = load ptr, ptr %14, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !1)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !4)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !6)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !8)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !10)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !12)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !14)
  br label %.preheader7

.preheader7:                                      ; preds = %entry, %55
  %16 = phi i64 [ 0, %entry ], [ %56, %55 ]
  %17 = shl i64 %16, 8
  %18 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %16
  %19 = load float, ptr %18, align 4, !noalias !16
  %broadcast.splatinsert = insertelement <8 x float> poison, float %19, i64 0
  %broadcast.splat = shufflevector <8 x float> %broadcast.splatinsert, <8 x float> poison, <8 x i32> zeroinitializer
  %broadcast.splatinsert.1 = insertelement <8 x float> poison, float %19, i64 0
  %broadcast.splat.1 = shufflevector <8 x float> %broadcast.splatinsert.1, <8 x float> poison, <8 x i32> zeroinitializer
  br label %.preheader6

.preheader6:                                      ; preds = %.preheader6, %.preheader7
  %20 = phi i64 [ 0, %.preheader7 ], [ %54, %.preheader6 ]
  %21 = shl i64 %20, 4
  %22 = add nuw nsw i64 %21, %17
  %23 = getelementptr float, ptr %3, i64 %22
  %24 = getelementptr i8, ptr %23, i64 32
  %wide.load = load <8 x float>, ptr %23, align 4, !alias.scope !1, !noalias !17
  %wide.load16 = load <8 x float>, ptr %24, align 4, !alias.scope !1, !noalias !17
  %25 = getelementptr float, ptr %5, i64 %22
  %26 = getelementptr i8, ptr %25, i64 32
  %wide.load17 = load <8 x float>, ptr %25, align 4, !alias.scope !4, !noalias !18
  %wide.load18 = load <8 x float>, ptr %26, align 4, !alias.scope !4, !noalias !18
  %27 = fmul <8 x float> %wide.load, %wide.load17
  %28 = fmul <8 x float> %wide.load16, %wide.load18
  %29 = fadd <8 x float> %27, %broadcast.splat
  %30 = fadd <8 x float> %28, %broadcast.splat
  %31 = fcmp olt <8 x float> %29, zeroinitializer
  %32 = fcmp olt <8 x float> %30, zeroinitializer
  %33 = select <8 x i1> %31, <8 x float> zeroinitializer, <8 x float> %29
  %34 = select <8 x i1> %32, <8 x float> zeroinitializer, <8 x float> %30
  %35 = getelementptr float, ptr %11, i64 %22
  %36 = getelementptr i8, ptr %35, i64 32
  store <8 x float> %33, ptr %35, align 4, !alias.scope !10, !noalias !19
  store <8 x float> %34, ptr %36, align 4, !alias.scope !10, !noalias !19
  %37 = shl i64 %20, 4
  %38 = or disjoint i64 %37, 16
  %39 = add nuw nsw i64 %38, %17
  %40 = getelementptr float, ptr %3, i64 %39
  %41 = getelementptr i8, ptr %40, i64 32
  %wide.load.1 = load <8 x float>, ptr %40, align 4, !alias.scope !1, !noalias !17
  %wide.load16.1 = load <8 x float>, ptr %41, align 4, !alias.scope !1, !noalias !17
  %42 = getelementptr float, ptr %5, i64 %39
  %43 = getelementptr i8, ptr %42, i64 32
  %wide.load17.1 = load <8 x float>, ptr %42, align 4, !alias.scope !4, !noalias !18
  %wide.load18.1 = load <8 x float>, ptr %43, align 4, !alias.scope !4, !noalias !18
  %44 = fmul <8 x float> %wide.load.1, %wide.load17.1
  %45 = fmul <8 x float> %wide.load16.1, %wide.load18.1
  %46 = fadd <8 x float> %44, %broadcast.splat.1
  %47 = fadd <8 x float> %45, %broadcast.splat.1
  %48 = fcmp olt <8 x float> %46, zeroinitializer
  %49 = fcmp olt <8 x float> %47, zeroinitializer
  %50 = select <8 x i1> %48, <8 x float> zeroinitializer, <8 x float> %46
  %51 = select <8 x i1> %49, <8 x float> zeroinitializer, <8 x float> %47
  %52 = getelementptr float, ptr %11, i64 %39
  %53 = getelementptr i8, ptr %52, i64 32
  store <8 x float> %50, ptr %52, align 4, !alias.scope !10, !noalias !19
  store <8 x float> %51, ptr %53, align 4, !alias.scope !10, !noalias !19
  %54 = add nuw nsw i64 %20, 2
  %exitcond8.not.1 = icmp eq i64 %54, 16
  br i1 %exitcond8.not.1, label %55, label %.preheader6

55:                                               ; preds = %.preheader6
  %56 = add nuw nsw i64 %16, 1
  %exitcond9.not = icmp eq i64 %56, 8
  br i1 %exitcond9.not, label %.preheader4, label %.preheader7

.preheader4:                                      ; preds = %55, %87
  %57 = phi i64 [ %88, %87 ], [ 0, %55 ]
  %58 = shl i64 %57, 8
  %59 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %57
  %60 = load float, ptr %59, align 4, !noalias !16
  %broadcast.splatinsert31 = insertelement <8 x float> poison, float %60, i64 0
  %broadcast.splat32 = shufflevector <8 x float> %broadcast.splatinsert31, <8 x float> poison, <8 x i32> zeroinitializer
  br label %.preheader3

.preheader3:                                      ; preds = %.preheader4, %.preheader3
  %61 = phi i64 [ 0, %.preheader4 ], [ %86, %.preheader3 ]
  %62 = shl i64 %61, 4
  %63 = add nuw nsw i64 %62, %58
  %64 = getelementptr float, ptr %3, i64 %63
  %65 = getelementptr i8, ptr %64, i64 32
  %wide.load25 = load <8 x float>, ptr %64, align 4, !alias.scope !1, !noalias !17
  %wide.load26 = load <8 x float>, ptr %65, align 4, !alias.scope !1, !noalias !17
  %66 = getelementptr float, ptr %5, i64 %63
  %67 = getelementptr i8, ptr %66, i64 32
  %wide.load27 = load <8 x float>, ptr %66, align 4, !alias.scope !4, !noalias !18
  %wide.load28 = load <8 x float>, ptr %67, align 4, !alias.scope !4, !noalias !18
  %68 = getelementptr float, ptr %7, i64 %63
  %69 = getelementptr i8, ptr %68, i64 32
  %wide.load29 = load <8 x float>, ptr %68, align 4, !alias.scope !6, !noalias !20
  %wide.load30 = load <8 x float>, ptr %69, align 4, !alias.scope !6, !noalias !20
  %70 = fmul <8 x float> %wide.load25, %wide.load27
  %71 = fmul <8 x float> %wide.load26, %wide.load28
  %72 = fadd <8 x float> %70, %broadcast.splat32
  %73 = fadd <8 x float> %71, %broadcast.splat32
  %74 = fcmp olt <8 x float> %72, zeroinitializer
  %75 = fcmp olt <8 x float> %73, zeroinitializer
  %76 = select <8 x i1> %74, <8 x float> zeroinitializer, <8 x float> %72
  %77 = select <8 x i1> %75, <8 x float> zeroinitializer, <8 x float> %73
  %78 = fsub <8 x float> %76, %wide.load29
  %79 = fsub <8 x float> %77, %wide.load30
  %80 = fcmp olt <8 x float> %78, zeroinitializer
  %81 = fcmp olt <8 x float> %79, zeroinitializer
  %82 = select <8 x i1> %80, <8 x float> zeroinitializer, <8 x float> %78
  %83 = select <8 x i1> %81, <8 x float> zeroinitializer, <8 x float> %79
  %84 = getelementptr float, ptr %13, i64 %63
  %85 = getelementptr i8, ptr %84, i64 32
  store <8 x float> %82, ptr %84, align 4, !alias.scope !12, !noalias !21
  store <8 x float> %83, ptr %85, align 4, !alias.scope !12, !noalias !21
  %86 = add nuw nsw i64 %61, 1
  %exitcond11.not = icmp eq i64 %86, 16
  br i1 %exitcond11.not, label %87, label %.preheader3

87:                                               ; preds = %.preheader3
  %88 = add nuw nsw i64 %57, 1
  %exitcond12.not = icmp eq i64 %88, 8
  br i1 %exitcond12.not, label %.preheader1, label %.preheader4

.preheader1:                                      ; preds = %87, %176
  %89 = phi i64 [ %177, %176 ], [ 0, %87 ]
  %90 = shl i64 %89, 8
  %91 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %89
  %92 = load float, ptr %91, align 4, !noalias !16
  %broadcast.splatinsert44 = insertelement <8 x float> poison, float %92, i64 0
  %broadcast.splat45 = shufflevector <8 x float> %broadcast.splatinsert44, <8 x float> poison, <8 x i32> zeroinitializer
  br label %.preheader

.preheader:                                       ; preds = %.preheader1, %.preheader
  %93 = phi i64 [ 0, %.preheader1 ], [ %175, %.preheader ]
  %94 = shl i64 %93, 4
  %95 = add nuw nsw i64 %94, %90
  %96 = getelementptr float, ptr %3, i64 %95
  %wide.load40 = load <8 x float>, ptr %96, align 4, !alias.scope !1, !noalias !17
  %97 = getelementptr float, ptr %5, i64 %95
  %wide.load41 = load <8 x float>, ptr %97, align 4, !alias.scope !4, !noalias !18
  %98 = getelementptr float, ptr %7, i64 %95
  %wide.load42 = load <8 x float>, ptr %98, align 4, !alias.scope !6, !noalias !20
  %99 = getelementptr float, ptr %9, i64 %95
  %wide.load43 = load <8 x float>, ptr %99, align 4, !alias.scope !8, !noalias !22
  %100 = fmul <8 x float> %wide.load40, %wide.load41
  %101 = fadd <8 x float> %100, %broadcast.splat45
  %102 = fcmp olt <8 x float> %101, zeroinitializer
  %103 = select <8 x i1> %102, <8 x float> zeroinitializer, <8 x float> %101
  %104 = fadd <8 x float> %103, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %105 = fsub <8 x float> %103, %wide.load42
  %106 = fmul <8 x float> %wide.load43, %105
  %107 = fmul <8 x float> %106, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %108 = fcmp olt <8 x float> %107, <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>
  %109 = select <8 x i1> %108, <8 x float> <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>, <8 x float> %107
  %110 = fcmp ogt <8 x float> %109, <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>
  %111 = select <8 x i1> %110, <8 x float> <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>, <8 x float> %109
  %112 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %111, <8 x float> <float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000>, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %113 = tail call <8 x float> @llvm.floor.v8f32(<8 x float> %112)
  %114 = fcmp olt <8 x float> %113, <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>
  %115 = select <8 x i1> %114, <8 x float> <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>, <8 x float> %113
  %116 = fcmp ogt <8 x float> %115, <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>
  %117 = select <8 x i1> %116, <8 x float> <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>, <8 x float> %115
  %118 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %117, <8 x float> <float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000>, <8 x float> %111)
  %119 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %117, <8 x float> <float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000>, <8 x float> %118)
  %120 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %119, <8 x float> <float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000>, <8 x float> <float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000>)
  %121 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %120, <8 x float> %119, <8 x float> <float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000>)
  %122 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %121, <8 x float> %119, <8 x float> <float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000>)
  %123 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %122, <8 x float> %119, <8 x float> <float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000>)
  %124 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %123, <8 x float> %119, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %125 = fmul <8 x float> %119, %119
  %126 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %124, <8 x float> %125, <8 x float> %119)
  %127 = fadd <8 x float> %126, <float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00>
  %128 = fptosi <8 x float> %117 to <8 x i32>
  %129 = shl <8 x i32> %128, <i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23>
  %130 = add <8 x i32> %129, <i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216>
  %131 = bitcast <8 x i32> %130 to <8 x float>
  %132 = fmul <8 x float> %127, %131
  %133 = fdiv <8 x float> %132, %104
  %134 = getelementptr float, ptr %15, i64 %95
  store <8 x float> %133, ptr %134, align 4, !alias.scope !14, !noalias !23
  %135 = or disjoint i64 %95, 8
  %136 = getelementptr float, ptr %3, i64 %135
  %wide.load40.1 = load <8 x float>, ptr %136, align 4, !alias.scope !1, !noalias !17
  %137 = getelementptr float, ptr %5, i64 %135
  %wide.load41.1 = load <8 x float>, ptr %137, align 4, !alias.scope !4, !noalias !18
  %138 = getelementptr float, ptr %7, i64 %135
  %wide.load42.1 = load <8 x float>, ptr %138, align 4, !alias.scope !6, !noalias !20
  %139 = getelementptr float, ptr %9, i64 %135
  %wide.load43.1 = load <8 x float>, ptr %139, align 4, !alias.scope !8, !noalias !22
  %140 = fmul <8 x float> %wide.load40.1, %wide.load41.1
  %141 = fadd <8 x float> %140, %broadcast.splat45
  %142 = fcmp olt <8 x float> %141, zeroinitializer
  %143 = select <8 x i1> %142, <8 x float> zeroinitializer, <8 x float> %141
  %144 = fadd <8 x float> %143, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %145 = fsub <8 x float> %143, %wide.load42.1
  %146 = fmul <8 x float> %wide.load43.1, %145
  %147 = fmul <8 x float> %146, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %148 = fcmp olt <8 x float> %147, <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>
  %149 = select <8 x i1> %148, <8 x float> <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>, <8 x float> %147
  %150 = fcmp ogt <8 x float> %149, <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>
  %151 = select <8 x i1> %150, <8 x float> <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>, <8 x float> %149
  %152 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %151, <8 x float> <float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000>, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %153 = tail call <8 x float> @llvm.floor.v8f32(<8 x float> %152)
  %154 = fcmp olt <8 x float> %153, <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>
  %155 = select <8 x i1> %154, <8 x float> <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>, <8 x float> %153
  %156 = fcmp ogt <8 x float> %155, <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>
  %157 = select <8 x i1> %156, <8 x float> <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>, <8 x float> %155
  %158 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %157, <8 x float> <float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000>, <8 x float> %151)
  %159 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %157, <8 x float> <float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000>, <8 x float> %158)
  %160 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %159, <8 x float> <float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000>, <8 x float> <float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000>)
  %161 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %160, <8 x float> %159, <8 x float> <float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000>)
  %162 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %161, <8 x float> %159, <8 x float> <float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000>)
  %163 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %162, <8 x float> %159, <8 x float> <float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000>)
  %164 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %163, <8 x float> %159, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %165 = fmul <8 x float> %159, %159
  %166 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %164, <8 x float> %165, <8 x float> %159)
  %167 = fadd <8 x float> %166, <float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00>
  %168 = fptosi <8 x float> %157 to <8 x i32>
  %169 = shl <8 x i32> %168, <i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23>
  %170 = add <8 x i32> %169, <i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216>
  %171 = bitcast <8 x i32> %170 to <8 x float>
  %172 = fmul <8 x float> %167, %171
  %173 = fdiv <8 x float> %172, %144
  %174 = getelementptr float, ptr %15, i64 %135
  store <8 x float> %173, ptr %174, align 4, !alias.scope !14, !noalias !23
  %175 = add nuw nsw i64 %93, 1
  %exitcond14.not = icmp eq i64 %175, 16
  br i1 %exitcond14.not, label %176, label %.preheader

176:                                              ; preds = %.preheader
  %177 = add nuw nsw i64 %89, 1
  %exitcond15.not = icmp eq i64 %177, 8
  br i1 %exitcond15.not, label %kiln_k0.body.exit, label %.preheader1

kiln_k0.body.exit:                                ; preds = %176
  ret void
}

; Function Attrs: mustprogress nofree norecurse nosync nounwind willreturn
define void @kiln_k1(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #1 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !24)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !27)
  %6 = load i64, ptr %3, align 4, !alias.scope !24, !noalias !27
  %7 = shl i64 %6, 1
  %8 = mul i64 %7, %6
  store i64 %8, ptr %5, align 4, !alias.scope !27, !noalias !24
  %9 = getelementptr i8, ptr %3, i64 8
  %10 = load i64, ptr %9, align 4, !alias.scope !24, !noalias !27
  %11 = shl i64 %10, 1
  %12 = mul i64 %11, %10
  %13 = getelementptr i8, ptr %5, i64 8
  store i64 %12, ptr %13, align 4, !alias.scope !27, !noalias !24
  %14 = getelementptr i8, ptr %3, i64 16
  %15 = load i64, ptr %14, align 4, !alias.scope !24, !noalias !27
  %16 = shl i64 %15, 1
  %17 = mul i64 %16, %15
  %18 = getelementptr i8, ptr %5, i64 16
  store i64 %17, ptr %18, align 4, !alias.scope !27, !noalias !24
  %19 = getelementptr i8, ptr %3, i64 24
  %20 = load i64, ptr %19, align 4, !alias.scope !24, !noalias !27
  %21 = shl i64 %20, 1
  %22 = mul i64 %21, %20
  %23 = getelementptr i8, ptr %5, i64 24
  store i64 %22, ptr %23, align 4, !alias.scope !27, !noalias !24
  %24 = getelementptr i8, ptr %3, i64 32
  %25 = load i64, ptr %24, align 4, !alias.scope !24, !noalias !27
  %26 = shl i64 %25, 1
  %27 = mul i64 %26, %25
  %28 = getelementptr i8, ptr %5, i64 32
  store i64 %27, ptr %28, align 4, !alias.scope !27, !noalias !24
  %29 = getelementptr i8, ptr %3, i64 40
  %30 = load i64, ptr %29, align 4, !alias.scope !24, !noalias !27
  %31 = shl i64 %30, 1
  %32 = mul i64 %31, %30
  %33 = getelementptr i8, ptr %5, i64 40
  store i64 %32, ptr %33, align 4, !alias.scope !27, !noalias !24
  %34 = getelementptr i8, ptr %3, i64 48
  %35 = load i64, ptr %34, align 4, !alias.scope !24, !noalias !27
  %36 = shl i64 %35, 1
  %37 = mul i64 %36, %35
  %38 = getelementptr i8, ptr %5, i64 48
  store i64 %37, ptr %38, align 4, !alias.scope !27, !noalias !24
  %39 = getelementptr i8, ptr %3, i64 56
  %40 = load i64, ptr %39, align 4, !alias.scope !24, !noalias !27
  %41 = shl i64 %40, 1
  %42 = mul i64 %41, %40
  %43 = getelementptr i8, ptr %5, i64 56
  store i64 %42, ptr %43, align 4, !alias.scope !27, !noalias !24
  %44 = getelementptr i8, ptr %3, i64 64
  %45 = load i64, ptr %44, align 4, !alias.scope !24, !noalias !27
  %46 = shl i64 %45, 1
  %47 = mul i64 %46, %45
  %48 = getelementptr i8, ptr %5, i64 64
  store i64 %47, ptr %48, align 4, !alias.scope !27, !noalias !24
  %49 = getelementptr i8, ptr %3, i64 72
  %50 = load i64, ptr %49, align 4, !alias.scope !24, !noalias !27
  %51 = shl i64 %50, 1
  %52 = mul i64 %51, %50
  %53 = getelementptr i8, ptr %5, i64 72
  store i64 %52, ptr %53, align 4, !alias.scope !27, !noalias !24
  %54 = getelementptr i8, ptr %3, i64 80
  %55 = load i64, ptr %54, align 4, !alias.scope !24, !noalias !27
  %56 = shl i64 %55, 1
  %57 = mul i64 %56, %55
  %58 = getelementptr i8, ptr %5, i64 80
  store i64 %57, ptr %58, align 4, !alias.scope !27, !noalias !24
  %59 = getelementptr i8, ptr %3, i64 88
  %60 = load i64, ptr %59, align 4, !alias.scope !24, !noalias !27
  %61 = shl i64 %60, 1
  %62 = mul i64 %61, %60
  %63 = getelementptr i8, ptr %5, i64 88
  store i64 %62, ptr %63, align 4, !alias.scope !27, !noalias !24
  %64 = getelementptr i8, ptr %3, i64 96
  %65 = load i64, ptr %64, align 4, !alias.scope !24, !noalias !27
  %66 = shl i64 %65, 1
  %67 = mul i64 %66, %65
  %68 = getelementptr i8, ptr %5, i64 96
  store i64 %67, ptr %68, align 4, !alias.scope !27, !noalias !24
  %69 = getelementptr i8, ptr %3, i64 104
  %70 = load i64, ptr %69, align 4, !alias.scope !24, !noalias !27
  %71 = shl i64 %70, 1
  %72 = mul i64 %71, %70
  %73 = getelementptr i8, ptr %5, i64 104
  store i64 %72, ptr %73, align 4, !alias.scope !27, !noalias !24
  %74 = getelementptr i8, ptr %3, i64 112
  %75 = load i64, ptr %74, align 4, !alias.scope !24, !noalias !27
  %76 = shl i64 %75, 1
  %77 = mul i64 %76, %75
  %78 = getelementptr i8, ptr %5, i64 112
  store i64 %77, ptr %78, align 4, !alias.scope !27, !noalias !24
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
!2 = distinct !{!2, !3, !"kiln_k0.body: argument 0"}
!3 = distinct !{!3, !"kiln_k0.body"}
!4 = !{!5}
!5 = distinct !{!5, !3, !"kiln_k0.body: argument 1"}
!6 = !{!7}
!7 = distinct !{!7, !3, !"kiln_k0.body: argument 2"}
!8 = !{!9}
!9 = distinct !{!9, !3, !"kiln_k0.body: argument 3"}
!10 = !{!11}
!11 = distinct !{!11, !3, !"kiln_k0.body: argument 4"}
!12 = !{!13}
!13 = distinct !{!13, !3, !"kiln_k0.body: argument 5"}
!14 = !{!15}
!15 = distinct !{!15, !3, !"kiln_k0.body: argument 6"}
!16 = !{!2, !5, !7, !9, !11, !13, !15}
!17 = !{!5, !7, !9, !11, !13, !15}
!18 = !{!2, !7, !9, !11, !13, !15}
!19 = !{!2, !5, !7, !9, !13, !15}
!20 = !{!2, !5, !9, !11, !13, !15}
!21 = !{!2, !5, !7, !9, !11, !15}
!22 = !{!2, !5, !7, !11, !13, !15}
!23 = !{!2, !5, !7, !9, !11, !13}
!24 = !{!25}
!25 = distinct !{!25, !26, !"kiln_k1.body: argument 0"}
!26 = distinct !{!26, !"kiln_k1.body"}
!27 = !{!28}
!28 = distinct !{!28, !26, !"kiln_k1.body: argument 1"}
