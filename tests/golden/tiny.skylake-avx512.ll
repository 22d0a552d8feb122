; ModuleID = 'LLVMDialectModule'
source_filename = "LLVMDialectModule"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@__constant_8x1x1xf32 = internal constant [8 x [1 x [1 x float]]] [[1 x [1 x float]] [[1 x float] [float -1.000000e+00]], [1 x [1 x float]] [[1 x float] [float -7.500000e-01]], [1 x [1 x float]] [[1 x float] [float -5.000000e-01]], [1 x [1 x float]] [[1 x float] [float -2.500000e-01]], [1 x [1 x float]] zeroinitializer, [1 x [1 x float]] [[1 x float] [float 2.500000e-01]], [1 x [1 x float]] [[1 x float] [float 5.000000e-01]], [1 x [1 x float]] [[1 x float] [float 7.500000e-01]]], align 64

; Function Attrs: nounwind
define void @kiln_k0(ptr %0, i64 %1, i64 %2) #0 {
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
  call void @llvm.experimental.noalias.scope.decl(metadata !1)
  call void @llvm.experimental.noalias.scope.decl(metadata !4)
  call void @llvm.experimental.noalias.scope.decl(metadata !6)
  call void @llvm.experimental.noalias.scope.decl(metadata !8)
  call void @llvm.experimental.noalias.scope.decl(metadata !10)
  call void @llvm.experimental.noalias.scope.decl(metadata !12)
  call void @llvm.experimental.noalias.scope.decl(metadata !14)
  br label %vector.ph

vector.ph:                                        ; preds = %entry, %middle.block
  %16 = phi i64 [ 0, %entry ], [ %51, %middle.block ]
  %.idx12.i = shl i64 %16, 10
  %17 = getelementptr i8, ptr %3, i64 %.idx12.i
  %18 = getelementptr i8, ptr %5, i64 %.idx12.i
  %19 = getelementptr i8, ptr %11, i64 %.idx12.i
  %20 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %16
  %21 = load float, ptr %20, align 4, !noalias !16
  %broadcast.splatinsert = insertelement <8 x float> poison, float %21, i64 0
  %broadcast.splat = shufflevector <8 x float> %broadcast.splatinsert, <8 x float> poison, <8 x i32> zeroinitializer
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %22 = getelementptr float, ptr %17, i64 %index
  %23 = getelementptr i8, ptr %22, i64 32
  %24 = getelementptr i8, ptr %22, i64 64
  %25 = getelementptr i8, ptr %22, i64 96
  %wide.load = load <8 x float>, ptr %22, align 4, !alias.scope !1, !noalias !17
  %wide.load1 = load <8 x float>, ptr %23, align 4, !alias.scope !1, !noalias !17
  %wide.load2 = load <8 x float>, ptr %24, align 4, !alias.scope !1, !noalias !17
  %wide.load3 = load <8 x float>, ptr %25, align 4, !alias.scope !1, !noalias !17
  %26 = getelementptr float, ptr %18, i64 %index
  %27 = getelementptr i8, ptr %26, i64 32
  %28 = getelementptr i8, ptr %26, i64 64
  %29 = getelementptr i8, ptr %26, i64 96
  %wide.load4 = load <8 x float>, ptr %26, align 4, !alias.scope !4, !noalias !18
  %wide.load5 = load <8 x float>, ptr %27, align 4, !alias.scope !4, !noalias !18
  %wide.load6 = load <8 x float>, ptr %28, align 4, !alias.scope !4, !noalias !18
  %wide.load7 = load <8 x float>, ptr %29, align 4, !alias.scope !4, !noalias !18
  %30 = fmul <8 x float> %wide.load, %wide.load4
  %31 = fmul <8 x float> %wide.load1, %wide.load5
  %32 = fmul <8 x float> %wide.load2, %wide.load6
  %33 = fmul <8 x float> %wide.load3, %wide.load7
  %34 = fadd <8 x float> %30, %broadcast.splat
  %35 = fadd <8 x float> %31, %broadcast.splat
  %36 = fadd <8 x float> %32, %broadcast.splat
  %37 = fadd <8 x float> %33, %broadcast.splat
  %38 = fcmp olt <8 x float> %34, zeroinitializer
  %39 = fcmp olt <8 x float> %35, zeroinitializer
  %40 = fcmp olt <8 x float> %36, zeroinitializer
  %41 = fcmp olt <8 x float> %37, zeroinitializer
  %42 = select <8 x i1> %38, <8 x float> zeroinitializer, <8 x float> %34
  %43 = select <8 x i1> %39, <8 x float> zeroinitializer, <8 x float> %35
  %44 = select <8 x i1> %40, <8 x float> zeroinitializer, <8 x float> %36
  %45 = select <8 x i1> %41, <8 x float> zeroinitializer, <8 x float> %37
  %46 = getelementptr float, ptr %19, i64 %index
  %47 = getelementptr i8, ptr %46, i64 32
  %48 = getelementptr i8, ptr %46, i64 64
  %49 = getelementptr i8, ptr %46, i64 96
  store <8 x float> %42, ptr %46, align 4, !alias.scope !10, !noalias !19
  store <8 x float> %43, ptr %47, align 4, !alias.scope !10, !noalias !19
  store <8 x float> %44, ptr %48, align 4, !alias.scope !10, !noalias !19
  store <8 x float> %45, ptr %49, align 4, !alias.scope !10, !noalias !19
  %index.next = add nuw i64 %index, 32
  %50 = icmp eq i64 %index.next, 256
  br i1 %50, label %middle.block, label %vector.body, !llvm.loop !20

middle.block:                                     ; preds = %vector.body
  %51 = add i64 %16, 1
  %52 = icmp slt i64 %51, 8
  br i1 %52, label %vector.ph, label %vector.ph10

vector.ph10:                                      ; preds = %middle.block, %middle.block8
  %53 = phi i64 [ %105, %middle.block8 ], [ 0, %middle.block ]
  %.idx8.i = shl i64 %53, 10
  %54 = getelementptr i8, ptr %3, i64 %.idx8.i
  %55 = getelementptr i8, ptr %5, i64 %.idx8.i
  %56 = getelementptr i8, ptr %7, i64 %.idx8.i
  %57 = getelementptr i8, ptr %13, i64 %.idx8.i
  %58 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %53
  %59 = load float, ptr %58, align 4, !noalias !16
  %broadcast.splatinsert26 = insertelement <8 x float> poison, float %59, i64 0
  %broadcast.splat27 = shufflevector <8 x float> %broadcast.splatinsert26, <8 x float> poison, <8 x i32> zeroinitializer
  br label %vector.body12

vector.body12:                                    ; preds = %vector.body12, %vector.ph10
  %index13 = phi i64 [ 0, %vector.ph10 ], [ %index.next28, %vector.body12 ]
  %60 = getelementptr float, ptr %54, i64 %index13
  %61 = getelementptr i8, ptr %60, i64 32
  %62 = getelementptr i8, ptr %60, i64 64
  %63 = getelementptr i8, ptr %60, i64 96
  %wide.load14 = load <8 x float>, ptr %60, align 4, !alias.scope !1, !noalias !17
  %wide.load15 = load <8 x float>, ptr %61, align 4, !alias.scope !1, !noalias !17
  %wide.load16 = load <8 x float>, ptr %62, align 4, !alias.scope !1, !noalias !17
  %wide.load17 = load <8 x float>, ptr %63, align 4, !alias.scope !1, !noalias !17
  %64 = getelementptr float, ptr %55, i64 %index13
  %65 = getelementptr i8, ptr %64, i64 32
  %66 = getelementptr i8, ptr %64, i64 64
  %67 = getelementptr i8, ptr %64, i64 96
  %wide.load18 = load <8 x float>, ptr %64, align 4, !alias.scope !4, !noalias !18
  %wide.load19 = load <8 x float>, ptr %65, align 4, !alias.scope !4, !noalias !18
  %wide.load20 = load <8 x float>, ptr %66, align 4, !alias.scope !4, !noalias !18
  %wide.load21 = load <8 x float>, ptr %67, align 4, !alias.scope !4, !noalias !18
  %68 = getelementptr float, ptr %56, i64 %index13
  %69 = getelementptr i8, ptr %68, i64 32
  %70 = getelementptr i8, ptr %68, i64 64
  %71 = getelementptr i8, ptr %68, i64 96
  %wide.load22 = load <8 x float>, ptr %68, align 4, !alias.scope !6, !noalias !23
  %wide.load23 = load <8 x float>, ptr %69, align 4, !alias.scope !6, !noalias !23
  %wide.load24 = load <8 x float>, ptr %70, align 4, !alias.scope !6, !noalias !23
  %wide.load25 = load <8 x float>, ptr %71, align 4, !alias.scope !6, !noalias !23
  %72 = fmul <8 x float> %wide.load14, %wide.load18
  %73 = fmul <8 x float> %wide.load15, %wide.load19
  %74 = fmul <8 x float> %wide.load16, %wide.load20
  %75 = fmul <8 x float> %wide.load17, %wide.load21
  %76 = fadd <8 x float> %72, %broadcast.splat27
  %77 = fadd <8 x float> %73, %broadcast.splat27
  %78 = fadd <8 x float> %74, %broadcast.splat27
  %79 = fadd <8 x float> %75, %broadcast.splat27
  %80 = fcmp olt <8 x float> %76, zeroinitializer
  %81 = fcmp olt <8 x float> %77, zeroinitializer
  %82 = fcmp olt <8 x float> %78, zeroinitializer
  %83 = fcmp olt <8 x float> %79, zeroinitializer
  %84 = select <8 x i1> %80, <8 x float> zeroinitializer, <8 x float> %76
  %85 = select <8 x i1> %81, <8 x float> zeroinitializer, <8 x float> %77
  %86 = select <8 x i1> %82, <8 x float> zeroinitializer, <8 x float> %78
  %87 = select <8 x i1> %83, <8 x float> zeroinitializer, <8 x float> %79
  %88 = fsub <8 x float> %84, %wide.load22
  %89 = fsub <8 x float> %85, %wide.load23
  %90 = fsub <8 x float> %86, %wide.load24
  %91 = fsub <8 x float> %87, %wide.load25
  %92 = fcmp olt <8 x float> %88, zeroinitializer
  %93 = fcmp olt <8 x float> %89, zeroinitializer
  %94 = fcmp olt <8 x float> %90, zeroinitializer
  %95 = fcmp olt <8 x float> %91, zeroinitializer
  %96 = select <8 x i1> %92, <8 x float> zeroinitializer, <8 x float> %88
  %97 = select <8 x i1> %93, <8 x float> zeroinitializer, <8 x float> %89
  %98 = select <8 x i1> %94, <8 x float> zeroinitializer, <8 x float> %90
  %99 = select <8 x i1> %95, <8 x float> zeroinitializer, <8 x float> %91
  %100 = getelementptr float, ptr %57, i64 %index13
  %101 = getelementptr i8, ptr %100, i64 32
  %102 = getelementptr i8, ptr %100, i64 64
  %103 = getelementptr i8, ptr %100, i64 96
  store <8 x float> %96, ptr %100, align 4, !alias.scope !12, !noalias !24
  store <8 x float> %97, ptr %101, align 4, !alias.scope !12, !noalias !24
  store <8 x float> %98, ptr %102, align 4, !alias.scope !12, !noalias !24
  store <8 x float> %99, ptr %103, align 4, !alias.scope !12, !noalias !24
  %index.next28 = add nuw i64 %index13, 32
  %104 = icmp eq i64 %index.next28, 256
  br i1 %104, label %middle.block8, label %vector.body12, !llvm.loop !25

middle.block8:                                    ; preds = %vector.body12
  %105 = add i64 %53, 1
  %106 = icmp slt i64 %105, 8
  br i1 %106, label %vector.ph10, label %vector.ph31

vector.ph31:                                      ; preds = %middle.block8, %middle.block29
  %107 = phi i64 [ %155, %middle.block29 ], [ 0, %middle.block8 ]
  %.idx.i = shl i64 %107, 10
  %108 = getelementptr i8, ptr %3, i64 %.idx.i
  %109 = getelementptr i8, ptr %5, i64 %.idx.i
  %110 = getelementptr i8, ptr %7, i64 %.idx.i
  %111 = getelementptr i8, ptr %9, i64 %.idx.i
  %112 = getelementptr i8, ptr %15, i64 %.idx.i
  %113 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %107
  %114 = load float, ptr %113, align 4, !noalias !16
  %broadcast.splatinsert39 = insertelement <8 x float> poison, float %114, i64 0
  %broadcast.splat40 = shufflevector <8 x float> %broadcast.splatinsert39, <8 x float> poison, <8 x i32> zeroinitializer
  br label %vector.body33

vector.body33:                                    ; preds = %vector.body33, %vector.ph31
  %index34 = phi i64 [ 0, %vector.ph31 ], [ %index.next41, %vector.body33 ]
  %115 = getelementptr float, ptr %108, i64 %index34
  %wide.load35 = load <8 x float>, ptr %115, align 4, !alias.scope !1, !noalias !17
  %116 = getelementptr float, ptr %109, i64 %index34
  %wide.load36 = load <8 x float>, ptr %116, align 4, !alias.scope !4, !noalias !18
  %117 = getelementptr float, ptr %110, i64 %index34
  %wide.load37 = load <8 x float>, ptr %117, align 4, !alias.scope !6, !noalias !23
  %118 = getelementptr float, ptr %111, i64 %index34
  %wide.load38 = load <8 x float>, ptr %118, align 4, !alias.scope !8, !noalias !26
  %119 = fmul <8 x float> %wide.load35, %wide.load36
  %120 = fadd <8 x float> %119, %broadcast.splat40
  %121 = fcmp olt <8 x float> %120, zeroinitializer
  %122 = select <8 x i1> %121, <8 x float> zeroinitializer, <8 x float> %120
  %123 = fadd <8 x float> %122, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %124 = fsub <8 x float> %122, %wide.load37
  %125 = fmul <8 x float> %124, %wide.load38
  %126 = fmul <8 x float> %125, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %127 = fcmp olt <8 x float> %126, <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>
  %128 = select <8 x i1> %127, <8 x float> <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>, <8 x float> %126
  %129 = fcmp ogt <8 x float> %128, <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>
  %130 = select <8 x i1> %129, <8 x float> <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>, <8 x float> %128
  %131 = call <8 x float> @llvm.fma.v8f32(<8 x float> %130, <8 x float> <float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000>, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %132 = call <8 x float> @llvm.floor.v8f32(<8 x float> %131)
  %133 = fcmp olt <8 x float> %132, <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>
  %134 = select <8 x i1> %133, <8 x float> <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>, <8 x float> %132
  %135 = fcmp ogt <8 x float> %134, <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>
  %136 = select <8 x i1> %135, <8 x float> <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>, <8 x float> %134
  %137 = call <8 x float> @llvm.fma.v8f32(<8 x float> %136, <8 x float> <float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000>, <8 x float> %130)
  %138 = call <8 x float> @llvm.fma.v8f32(<8 x float> %136, <8 x float> <float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000>, <8 x float> %137)
  %139 = call <8 x float> @llvm.fma.v8f32(<8 x float> %138, <8 x float> <float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000>, <8 x float> <float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000>)
  %140 = call <8 x float> @llvm.fma.v8f32(<8 x float> %139, <8 x float> %138, <8 x float> <float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000>)
  %141 = call <8 x float> @llvm.fma.v8f32(<8 x float> %140, <8 x float> %138, <8 x float> <float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000>)
  %142 = call <8 x float> @llvm.fma.v8f32(<8 x float> %141, <8 x float> %138, <8 x float> <float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000>)
  %143 = call <8 x float> @llvm.fma.v8f32(<8 x float> %142, <8 x float> %138, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %144 = fmul <8 x float> %138, %138
  %145 = call <8 x float> @llvm.fma.v8f32(<8 x float> %143, <8 x float> %144, <8 x float> %138)
  %146 = fadd <8 x float> %145, <float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00>
  %147 = fptosi <8 x float> %136 to <8 x i32>
  %148 = shl <8 x i32> %147, <i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23>
  %149 = add <8 x i32> %148, <i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216>
  %150 = bitcast <8 x i32> %149 to <8 x float>
  %151 = fmul <8 x float> %146, %150
  %152 = fdiv <8 x float> %151, %123
  %153 = getelementptr float, ptr %112, i64 %index34
  store <8 x float> %152, ptr %153, align 4, !alias.scope !14, !noalias !27
  %index.next41 = add nuw i64 %index34, 8
  %154 = icmp eq i64 %index.next41, 256
  br i1 %154, label %middle.block29, label %vector.body33, !llvm.loop !28

middle.block29:                                   ; preds = %vector.body33
  %155 = add i64 %107, 1
  %156 = icmp slt i64 %155, 8
  br i1 %156, label %vector.ph31, label %157

157:                                              ; preds = %middle.block29, %157
  %158 = phi i64 [ %160, %157 ], [ 0, %middle.block29 ]
  %159 = icmp slt i64 %158, 2048
  %160 = add i64 %158, 1
  br i1 %159, label %157, label %161

161:                                              ; preds = %157, %161
  %162 = phi i64 [ %164, %161 ], [ 0, %157 ]
  %163 = icmp slt i64 %162, 2048
  %164 = add i64 %162, 1
  br i1 %163, label %161, label %165

165:                                              ; preds = %161, %165
  %166 = phi i64 [ %168, %165 ], [ 0, %161 ]
  %167 = icmp slt i64 %166, 2048
  %168 = add i64 %166, 1
  br i1 %167, label %165, label %kiln_k0.body.exit

kiln_k0.body.exit:                                ; preds = %165
  ret void
}

; Function Attrs: nounwind
define void @kiln_k1(ptr %0, i64 %1, i64 %2) #0 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  call void @llvm.experimental.noalias.scope.decl(metadata !29)
  call void @llvm.experimental.noalias.scope.decl(metadata !32)
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %entry
  %index = phi i64 [ 0, %entry ], [ %index.next, %vector.body ]
  %broadcast.splatinsert = insertelement <4 x i64> poison, i64 %index, i64 0
  %broadcast.splat = shufflevector <4 x i64> %broadcast.splatinsert, <4 x i64> poison, <4 x i32> zeroinitializer
  %vec.iv = or disjoint <4 x i64> %broadcast.splat, <i64 0, i64 1, i64 2, i64 3>
  %6 = icmp ult <4 x i64> %vec.iv, <i64 15, i64 15, i64 15, i64 15>
  %7 = getelementptr i64, ptr %3, i64 %index
  %wide.masked.load = call <4 x i64> @llvm.masked.load.v4i64.p0(ptr %7, i32 4, <4 x i1> %6, <4 x i64> poison), !alias.scope !29, !noalias !32
  %8 = shl <4 x i64> %wide.masked.load, <i64 1, i64 1, i64 1, i64 1>
  %9 = mul <4 x i64> %8, %wide.masked.load
  %10 = getelementptr i64, ptr %5, i64 %index
  call void @llvm.masked.store.v4i64.p0(<4 x i64> %9, ptr %10, i32 4, <4 x i1> %6), !alias.scope !32, !noalias !29
  %index.next = add i64 %index, 4
  %11 = icmp eq i64 %index.next, 16
  br i1 %11, label %middle.block, label %vector.body, !llvm.loop !34

middle.block:                                     ; preds = %vector.body, %middle.block
  %12 = phi i64 [ %14, %middle.block ], [ 0, %vector.body ]
  %13 = icmp slt i64 %12, 15
  %14 = add i64 %12, 1
  br i1 %13, label %middle.block, label %kiln_k1.body.exit

kiln_k1.body.exit:                                ; preds = %middle.block
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

attributes #0 = { nounwind "target-cpu"="skylake-avx512" "target-features"="+64bit,+64bit-mode,+adx,+aes,+allow-light-256-bit,+avx,+avx2,+avx512bw,+avx512cd,+avx512dq,+avx512f,+avx512vl,+bmi,+bmi2,+clflushopt,+clwb,+cmov,+crc32,+cx16,+cx8,+ermsb,+evex512,+f16c,+false-deps-popcnt,+fast-15bytenop,+fast-gather,+fast-scalar-fsqrt,+fast-shld-rotate,+fast-variable-crosslane-shuffle,+fast-variable-perlane-shuffle,+fast-vector-fsqrt,+faster-shift-than-shuffle,+fma,+fsgsbase,+fxsr,+idivq-to-divl,+invpcid,+lzcnt,+macrofusion,+mmx,+movbe,+no-bypass-delay-blend,+no-bypass-delay-mov,+no-bypass-delay-shuffle,+nopl,+pclmul,+pku,+popcnt,+prefer-256-bit,+prfchw,+rdrnd,+rdseed,+sahf,+slow-3ops-lea,+sse,+sse2,+sse3,+sse4.1,+sse4.2,+ssse3,+tuning-fast-imm-vector-shift,+vzeroupper,+x87,+xsave,+xsavec,+xsaveopt,+xsaves,-16bit-mode,-32bit-mode,-amx-bf16,-amx-complex,-amx-fp16,-amx-int8,-amx-tile,-avx10.1-256,-avx10.1-512,-avx512bf16,-avx512bitalg,-avx512fp16,-avx512ifma,-avx512vbmi,-avx512vbmi2,-avx512vnni,-avx512vp2intersect,-avx512vpopcntdq,-avxifma,-avxneconvert,-avxvnni,-avxvnniint16,-avxvnniint8,-branch-hint,-branchfusion,-ccmp,-cf,-cldemote,-clzero,-cmpccxadd,-egpr,-enqcmd,-false-deps-getmant,-false-deps-lzcnt-tzcnt,-false-deps-mulc,-false-deps-mullq,-false-deps-perm,-false-deps-range,-fast-11bytenop,-fast-7bytenop,-fast-bextr,-fast-dpwssd,-fast-hops,-fast-imm16,-fast-lzcnt,-fast-movbe,-fast-scalar-shift-masks,-fast-vector-shift-masks,-fma4,-fsrm,-gfni,-harden-sls-ijmp,-harden-sls-ret,-hreset,-idivl-to-divb,-inline-asm-use-gpr32,-kl,-lea-sp,-lea-uses-ag,-lvi-cfi,-lvi-load-hardening,-lwp,-movdir64b,-movdiri,-mwaitx,-ndd,-nf,-no-bypass-delay,-pad-short-functions,-pconfig,-ppx,-prefer-128-bit,-prefer-mask-registers,-prefer-movmsk-over-vtest,-prefer-no-gather,-prefer-no-scatter,-prefetchi,-ptwrite,-push2pop2,-raoint,-rdpid,-rdpru,-retpoline,-retpoline-external-thunk,-retpoline-indirect-branches,-retpoline-indirect-calls,-rtm,-sbb-dep-breaking,-serialize,-seses,-sgx,-sha,-sha512,-shstk,-slow-incdec,-slow-lea,-slow-pmaddwd,-slow-pmulld,-slow-shld,-slow-two-mem-ops,-slow-unaligned-mem-16,-slow-unaligned-mem-32,-sm3,-sm4,-soft-float,-sse-unaligned-mem,-sse4a,-tagged-globals,-tbm,-tsxldtrk,-uintr,-use-glm-div-sqrt-costs,-use-slm-arith-costs,-usermsr,-vaes,-vpclmulqdq,-waitpkg,-wbnoinvd,-widekl,-xop,-zu" }
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
