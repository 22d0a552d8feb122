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

.preheader7:                                      ; preds = %entry, %middle.block
  %16 = phi i64 [ 0, %entry ], [ %50, %middle.block ]
  %17 = shl i64 %16, 8
  %18 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %16
  %19 = load float, ptr %18, align 4, !noalias !16
  %broadcast.splatinsert = insertelement <8 x float> poison, float %19, i64 0
  %broadcast.splat = shufflevector <8 x float> %broadcast.splatinsert, <8 x float> poison, <8 x i32> zeroinitializer
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %.preheader7
  %index = phi i64 [ 0, %.preheader7 ], [ %index.next, %vector.body ]
  %20 = add nuw nsw i64 %index, %17
  %21 = getelementptr float, ptr %3, i64 %20
  %22 = getelementptr i8, ptr %21, i64 32
  %23 = getelementptr i8, ptr %21, i64 64
  %24 = getelementptr i8, ptr %21, i64 96
  %wide.load = load <8 x float>, ptr %21, align 4, !alias.scope !1, !noalias !17
  %wide.load13 = load <8 x float>, ptr %22, align 4, !alias.scope !1, !noalias !17
  %wide.load14 = load <8 x float>, ptr %23, align 4, !alias.scope !1, !noalias !17
  %wide.load15 = load <8 x float>, ptr %24, align 4, !alias.scope !1, !noalias !17
  %25 = getelementptr float, ptr %5, i64 %20
  %26 = getelementptr i8, ptr %25, i64 32
  %27 = getelementptr i8, ptr %25, i64 64
  %28 = getelementptr i8, ptr %25, i64 96
  %wide.load16 = load <8 x float>, ptr %25, align 4, !alias.scope !4, !noalias !18
  %wide.load17 = load <8 x float>, ptr %26, align 4, !alias.scope !4, !noalias !18
  %wide.load18 = load <8 x float>, ptr %27, align 4, !alias.scope !4, !noalias !18
  %wide.load19 = load <8 x float>, ptr %28, align 4, !alias.scope !4, !noalias !18
  %29 = fmul <8 x float> %wide.load, %wide.load16
  %30 = fmul <8 x float> %wide.load13, %wide.load17
  %31 = fmul <8 x float> %wide.load14, %wide.load18
  %32 = fmul <8 x float> %wide.load15, %wide.load19
  %33 = fadd <8 x float> %29, %broadcast.splat
  %34 = fadd <8 x float> %30, %broadcast.splat
  %35 = fadd <8 x float> %31, %broadcast.splat
  %36 = fadd <8 x float> %32, %broadcast.splat
  %37 = fcmp olt <8 x float> %33, zeroinitializer
  %38 = fcmp olt <8 x float> %34, zeroinitializer
  %39 = fcmp olt <8 x float> %35, zeroinitializer
  %40 = fcmp olt <8 x float> %36, zeroinitializer
  %41 = select <8 x i1> %37, <8 x float> zeroinitializer, <8 x float> %33
  %42 = select <8 x i1> %38, <8 x float> zeroinitializer, <8 x float> %34
  %43 = select <8 x i1> %39, <8 x float> zeroinitializer, <8 x float> %35
  %44 = select <8 x i1> %40, <8 x float> zeroinitializer, <8 x float> %36
  %45 = getelementptr float, ptr %11, i64 %20
  %46 = getelementptr i8, ptr %45, i64 32
  %47 = getelementptr i8, ptr %45, i64 64
  %48 = getelementptr i8, ptr %45, i64 96
  store <8 x float> %41, ptr %45, align 4, !alias.scope !10, !noalias !19
  store <8 x float> %42, ptr %46, align 4, !alias.scope !10, !noalias !19
  store <8 x float> %43, ptr %47, align 4, !alias.scope !10, !noalias !19
  store <8 x float> %44, ptr %48, align 4, !alias.scope !10, !noalias !19
  %index.next = add nuw i64 %index, 32
  %49 = icmp eq i64 %index.next, 256
  br i1 %49, label %middle.block, label %vector.body, !llvm.loop !20

middle.block:                                     ; preds = %vector.body
  %50 = add nuw nsw i64 %16, 1
  %exitcond8.not = icmp eq i64 %50, 8
  br i1 %exitcond8.not, label %.preheader5, label %.preheader7

.preheader5:                                      ; preds = %middle.block, %middle.block20
  %51 = phi i64 [ %101, %middle.block20 ], [ 0, %middle.block ]
  %52 = shl i64 %51, 8
  %53 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %51
  %54 = load float, ptr %53, align 4, !noalias !16
  %broadcast.splatinsert38 = insertelement <8 x float> poison, float %54, i64 0
  %broadcast.splat39 = shufflevector <8 x float> %broadcast.splatinsert38, <8 x float> poison, <8 x i32> zeroinitializer
  br label %vector.body24

vector.body24:                                    ; preds = %vector.body24, %.preheader5
  %index25 = phi i64 [ 0, %.preheader5 ], [ %index.next40, %vector.body24 ]
  %55 = add nuw nsw i64 %index25, %52
  %56 = getelementptr float, ptr %3, i64 %55
  %57 = getelementptr i8, ptr %56, i64 32
  %58 = getelementptr i8, ptr %56, i64 64
  %59 = getelementptr i8, ptr %56, i64 96
  %wide.load26 = load <8 x float>, ptr %56, align 4, !alias.scope !1, !noalias !17
  %wide.load27 = load <8 x float>, ptr %57, align 4, !alias.scope !1, !noalias !17
  %wide.load28 = load <8 x float>, ptr %58, align 4, !alias.scope !1, !noalias !17
  %wide.load29 = load <8 x float>, ptr %59, align 4, !alias.scope !1, !noalias !17
  %60 = getelementptr float, ptr %5, i64 %55
  %61 = getelementptr i8, ptr %60, i64 32
  %62 = getelementptr i8, ptr %60, i64 64
  %63 = getelementptr i8, ptr %60, i64 96
  %wide.load30 = load <8 x float>, ptr %60, align 4, !alias.scope !4, !noalias !18
  %wide.load31 = load <8 x float>, ptr %61, align 4, !alias.scope !4, !noalias !18
  %wide.load32 = load <8 x float>, ptr %62, align 4, !alias.scope !4, !noalias !18
  %wide.load33 = load <8 x float>, ptr %63, align 4, !alias.scope !4, !noalias !18
  %64 = getelementptr float, ptr %7, i64 %55
  %65 = getelementptr i8, ptr %64, i64 32
  %66 = getelementptr i8, ptr %64, i64 64
  %67 = getelementptr i8, ptr %64, i64 96
  %wide.load34 = load <8 x float>, ptr %64, align 4, !alias.scope !6, !noalias !23
  %wide.load35 = load <8 x float>, ptr %65, align 4, !alias.scope !6, !noalias !23
  %wide.load36 = load <8 x float>, ptr %66, align 4, !alias.scope !6, !noalias !23
  %wide.load37 = load <8 x float>, ptr %67, align 4, !alias.scope !6, !noalias !23
  %68 = fmul <8 x float> %wide.load26, %wide.load30
  %69 = fmul <8 x float> %wide.load27, %wide.load31
  %70 = fmul <8 x float> %wide.load28, %wide.load32
  %71 = fmul <8 x float> %wide.load29, %wide.load33
  %72 = fadd <8 x float> %68, %broadcast.splat39
  %73 = fadd <8 x float> %69, %broadcast.splat39
  %74 = fadd <8 x float> %70, %broadcast.splat39
  %75 = fadd <8 x float> %71, %broadcast.splat39
  %76 = fcmp olt <8 x float> %72, zeroinitializer
  %77 = fcmp olt <8 x float> %73, zeroinitializer
  %78 = fcmp olt <8 x float> %74, zeroinitializer
  %79 = fcmp olt <8 x float> %75, zeroinitializer
  %80 = select <8 x i1> %76, <8 x float> zeroinitializer, <8 x float> %72
  %81 = select <8 x i1> %77, <8 x float> zeroinitializer, <8 x float> %73
  %82 = select <8 x i1> %78, <8 x float> zeroinitializer, <8 x float> %74
  %83 = select <8 x i1> %79, <8 x float> zeroinitializer, <8 x float> %75
  %84 = fsub <8 x float> %80, %wide.load34
  %85 = fsub <8 x float> %81, %wide.load35
  %86 = fsub <8 x float> %82, %wide.load36
  %87 = fsub <8 x float> %83, %wide.load37
  %88 = fcmp olt <8 x float> %84, zeroinitializer
  %89 = fcmp olt <8 x float> %85, zeroinitializer
  %90 = fcmp olt <8 x float> %86, zeroinitializer
  %91 = fcmp olt <8 x float> %87, zeroinitializer
  %92 = select <8 x i1> %88, <8 x float> zeroinitializer, <8 x float> %84
  %93 = select <8 x i1> %89, <8 x float> zeroinitializer, <8 x float> %85
  %94 = select <8 x i1> %90, <8 x float> zeroinitializer, <8 x float> %86
  %95 = select <8 x i1> %91, <8 x float> zeroinitializer, <8 x float> %87
  %96 = getelementptr float, ptr %13, i64 %55
  %97 = getelementptr i8, ptr %96, i64 32
  %98 = getelementptr i8, ptr %96, i64 64
  %99 = getelementptr i8, ptr %96, i64 96
  store <8 x float> %92, ptr %96, align 4, !alias.scope !12, !noalias !24
  store <8 x float> %93, ptr %97, align 4, !alias.scope !12, !noalias !24
  store <8 x float> %94, ptr %98, align 4, !alias.scope !12, !noalias !24
  store <8 x float> %95, ptr %99, align 4, !alias.scope !12, !noalias !24
  %index.next40 = add nuw i64 %index25, 32
  %100 = icmp eq i64 %index.next40, 256
  br i1 %100, label %middle.block20, label %vector.body24, !llvm.loop !25

middle.block20:                                   ; preds = %vector.body24
  %101 = add nuw nsw i64 %51, 1
  %exitcond10.not = icmp eq i64 %101, 8
  br i1 %exitcond10.not, label %.preheader3, label %.preheader5

.preheader3:                                      ; preds = %middle.block20, %middle.block41
  %102 = phi i64 [ %147, %middle.block41 ], [ 0, %middle.block20 ]
  %103 = shl i64 %102, 8
  %104 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %102
  %105 = load float, ptr %104, align 4, !noalias !16
  %broadcast.splatinsert51 = insertelement <8 x float> poison, float %105, i64 0
  %broadcast.splat52 = shufflevector <8 x float> %broadcast.splatinsert51, <8 x float> poison, <8 x i32> zeroinitializer
  br label %vector.body45

vector.body45:                                    ; preds = %vector.body45, %.preheader3
  %index46 = phi i64 [ 0, %.preheader3 ], [ %index.next53, %vector.body45 ]
  %106 = add nuw nsw i64 %index46, %103
  %107 = getelementptr float, ptr %3, i64 %106
  %wide.load47 = load <8 x float>, ptr %107, align 4, !alias.scope !1, !noalias !17
  %108 = getelementptr float, ptr %5, i64 %106
  %wide.load48 = load <8 x float>, ptr %108, align 4, !alias.scope !4, !noalias !18
  %109 = getelementptr float, ptr %7, i64 %106
  %wide.load49 = load <8 x float>, ptr %109, align 4, !alias.scope !6, !noalias !23
  %110 = getelementptr float, ptr %9, i64 %106
  %wide.load50 = load <8 x float>, ptr %110, align 4, !alias.scope !8, !noalias !26
  %111 = fmul <8 x float> %wide.load47, %wide.load48
  %112 = fadd <8 x float> %111, %broadcast.splat52
  %113 = fcmp olt <8 x float> %112, zeroinitializer
  %114 = select <8 x i1> %113, <8 x float> zeroinitializer, <8 x float> %112
  %115 = fadd <8 x float> %114, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %116 = fsub <8 x float> %114, %wide.load49
  %117 = fmul <8 x float> %wide.load50, %116
  %118 = fmul <8 x float> %117, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %119 = fcmp olt <8 x float> %118, <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>
  %120 = select <8 x i1> %119, <8 x float> <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>, <8 x float> %118
  %121 = fcmp ogt <8 x float> %120, <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>
  %122 = select <8 x i1> %121, <8 x float> <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>, <8 x float> %120
  %123 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %122, <8 x float> <float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000>, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %124 = tail call <8 x float> @llvm.floor.v8f32(<8 x float> %123)
  %125 = fcmp olt <8 x float> %124, <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>
  %126 = select <8 x i1> %125, <8 x float> <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>, <8 x float> %124
  %127 = fcmp ogt <8 x float> %126, <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>
  %128 = select <8 x i1> %127, <8 x float> <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>, <8 x float> %126
  %129 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %128, <8 x float> <float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000>, <8 x float> %122)
  %130 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %128, <8 x float> <float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000>, <8 x float> %129)
  %131 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %130, <8 x float> <float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000>, <8 x float> <float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000>)
  %132 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %131, <8 x float> %130, <8 x float> <float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000>)
  %133 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %132, <8 x float> %130, <8 x float> <float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000>)
  %134 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %133, <8 x float> %130, <8 x float> <float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000>)
  %135 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %134, <8 x float> %130, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %136 = fmul <8 x float> %130, %130
  %137 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %135, <8 x float> %136, <8 x float> %130)
  %138 = fadd <8 x float> %137, <float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00>
  %139 = fptosi <8 x float> %128 to <8 x i32>
  %140 = shl <8 x i32> %139, <i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23>
  %141 = add <8 x i32> %140, <i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216>
  %142 = bitcast <8 x i32> %141 to <8 x float>
  %143 = fmul <8 x float> %138, %142
  %144 = fdiv <8 x float> %143, %115
  %145 = getelementptr float, ptr %15, i64 %106
  store <8 x float> %144, ptr %145, align 4, !alias.scope !14, !noalias !27
  %index.next53 = add nuw i64 %index46, 8
  %146 = icmp eq i64 %index.next53, 256
  br i1 %146, label %middle.block41, label %vector.body45, !llvm.loop !28

middle.block41:                                   ; preds = %vector.body45
  %147 = add nuw nsw i64 %102, 1
  %exitcond12.not = icmp eq i64 %147, 8
  br i1 %exitcond12.not, label %.preheader2.preheader, label %.preheader3

.preheader2.preheader:                            ; preds = %middle.block41
  ret void
}

; Function Attrs: nofree norecurse nosync nounwind
define void @kiln_k1(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !29)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !32)
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %entry
  %index = phi i64 [ 0, %entry ], [ %index.next, %vector.body ]
  %broadcast.splatinsert = insertelement <4 x i64> poison, i64 %index, i64 0
  %broadcast.splat = shufflevector <4 x i64> %broadcast.splatinsert, <4 x i64> poison, <4 x i32> zeroinitializer
  %vec.iv = or disjoint <4 x i64> %broadcast.splat, <i64 0, i64 1, i64 2, i64 3>
  %6 = icmp ult <4 x i64> %vec.iv, <i64 15, i64 15, i64 15, i64 15>
  %7 = getelementptr i64, ptr %3, i64 %index
  %wide.masked.load = tail call <4 x i64> @llvm.masked.load.v4i64.p0(ptr %7, i32 4, <4 x i1> %6, <4 x i64> poison), !alias.scope !29, !noalias !32
  %8 = shl <4 x i64> %wide.masked.load, <i64 1, i64 1, i64 1, i64 1>
  %9 = mul <4 x i64> %8, %wide.masked.load
  %10 = getelementptr i64, ptr %5, i64 %index
  tail call void @llvm.masked.store.v4i64.p0(<4 x i64> %9, ptr %10, i32 4, <4 x i1> %6), !alias.scope !32, !noalias !29
  %index.next = add i64 %index, 4
  %11 = icmp eq i64 %index.next, 16
  br i1 %11, label %.preheader.preheader, label %vector.body, !llvm.loop !34

.preheader.preheader:                             ; preds = %vector.body
  ret void
}

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(inaccessiblemem: readwrite)
declare void @llvm.experimental.noalias.scope.decl(metadata) #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare <8 x float> @llvm.fma.v8f32(<8 x float>, <8 x float>, <8 x float>) #2

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare <8 x float> @llvm.floor.v8f32(<8 x float>) #2

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(argmem: read)
declare <4 x i64> @llvm.masked.load.v4i64.p0(ptr nocapture, i32 immarg, <4 x i1>, <4 x i64>) #3

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(argmem: write)
declare void @llvm.masked.store.v4i64.p0(<4 x i64>, ptr nocapture, i32 immarg, <4 x i1>) #4

attributes #0 = { nofree norecurse nosync nounwind "target-cpu"="skylake-avx512" "target-features"="+64bit,+64bit-mode,+adx,+aes,+allow-light-256-bit,+avx,+avx2,+avx512bw,+avx512cd,+avx512dq,+avx512f,+avx512vl,+bmi,+bmi2,+clflushopt,+clwb,+cmov,+crc32,+cx16,+cx8,+ermsb,+evex512,+f16c,+false-deps-popcnt,+fast-15bytenop,+fast-gather,+fast-scalar-fsqrt,+fast-shld-rotate,+fast-variable-crosslane-shuffle,+fast-variable-perlane-shuffle,+fast-vector-fsqrt,+faster-shift-than-shuffle,+fma,+fsgsbase,+fxsr,+idivq-to-divl,+invpcid,+lzcnt,+macrofusion,+mmx,+movbe,+no-bypass-delay-blend,+no-bypass-delay-mov,+no-bypass-delay-shuffle,+nopl,+pclmul,+pku,+popcnt,+prefer-256-bit,+prfchw,+rdrnd,+rdseed,+sahf,+slow-3ops-lea,+sse,+sse2,+sse3,+sse4.1,+sse4.2,+ssse3,+tuning-fast-imm-vector-shift,+vzeroupper,+x87,+xsave,+xsavec,+xsaveopt,+xsaves,-16bit-mode,-32bit-mode,-amx-bf16,-amx-complex,-amx-fp16,-amx-int8,-amx-tile,-avx10.1-256,-avx10.1-512,-avx512bf16,-avx512bitalg,-avx512fp16,-avx512ifma,-avx512vbmi,-avx512vbmi2,-avx512vnni,-avx512vp2intersect,-avx512vpopcntdq,-avxifma,-avxneconvert,-avxvnni,-avxvnniint16,-avxvnniint8,-branch-hint,-branchfusion,-ccmp,-cf,-cldemote,-clzero,-cmpccxadd,-egpr,-enqcmd,-false-deps-getmant,-false-deps-lzcnt-tzcnt,-false-deps-mulc,-false-deps-mullq,-false-deps-perm,-false-deps-range,-fast-11bytenop,-fast-7bytenop,-fast-bextr,-fast-dpwssd,-fast-hops,-fast-imm16,-fast-lzcnt,-fast-movbe,-fast-scalar-shift-masks,-fast-vector-shift-masks,-fma4,-fsrm,-gfni,-harden-sls-ijmp,-harden-sls-ret,-hreset,-idivl-to-divb,-inline-asm-use-gpr32,-kl,-lea-sp,-lea-uses-ag,-lvi-cfi,-lvi-load-hardening,-lwp,-movdir64b,-movdiri,-mwaitx,-ndd,-nf,-no-bypass-delay,-pad-short-functions,-pconfig,-ppx,-prefer-128-bit,-prefer-mask-registers,-prefer-movmsk-over-vtest,-prefer-no-gather,-prefer-no-scatter,-prefetchi,-ptwrite,-push2pop2,-raoint,-rdpid,-rdpru,-retpoline,-retpoline-external-thunk,-retpoline-indirect-branches,-retpoline-indirect-calls,-rtm,-sbb-dep-breaking,-serialize,-seses,-sgx,-sha,-sha512,-shstk,-slow-incdec,-slow-lea,-slow-pmaddwd,-slow-pmulld,-slow-shld,-slow-two-mem-ops,-slow-unaligned-mem-16,-slow-unaligned-mem-32,-sm3,-sm4,-soft-float,-sse-unaligned-mem,-sse4a,-tagged-globals,-tbm,-tsxldtrk,-uintr,-use-glm-div-sqrt-costs,-use-slm-arith-costs,-usermsr,-vaes,-vpclmulqdq,-waitpkg,-wbnoinvd,-widekl,-xop,-zu" }
attributes #1 = { nocallback nofree nosync nounwind willreturn memory(inaccessiblemem: readwrite) }
attributes #2 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
attributes #3 = { nocallback nofree nosync nounwind willreturn memory(argmem: read) }
attributes #4 = { nocallback nofree nosync nounwind willreturn memory(argmem: write) }

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
!20 = distinct !{!20, !21, !22}
!21 = !{!"llvm.loop.isvectorized", i32 1}
!22 = !{!"llvm.loop.unroll.runtime.disable"}
!23 = !{!2, !5, !9, !11, !13, !15}
!24 = !{!2, !5, !7, !9, !11, !15}
!25 = distinct !{!25, !21, !22}
!26 = !{!2, !5, !7, !11, !13, !15}
!27 = !{!2, !5, !7, !9, !11, !13}
!28 = distinct !{!28, !21, !22}
!29 = !{!30}
!30 = distinct !{!30, !31, !"kiln_k1.body: argument 0"}
!31 = distinct !{!31, !"kiln_k1.body"}
!32 = !{!33}
!33 = distinct !{!33, !31, !"kiln_k1.body: argument 1"}
!34 = distinct !{!34, !21, !22}
