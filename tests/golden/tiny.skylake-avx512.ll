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
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %entry
  %index = phi i64 [ 0, %entry ], [ %index.next, %vector.body ]
  %16 = getelementptr float, ptr %3, i64 %index
  %17 = getelementptr i8, ptr %16, i64 32
  %18 = getelementptr i8, ptr %16, i64 64
  %19 = getelementptr i8, ptr %16, i64 96
  %wide.load = load <8 x float>, ptr %16, align 4, !alias.scope !1, !noalias !16
  %wide.load10 = load <8 x float>, ptr %17, align 4, !alias.scope !1, !noalias !16
  %wide.load11 = load <8 x float>, ptr %18, align 4, !alias.scope !1, !noalias !16
  %wide.load12 = load <8 x float>, ptr %19, align 4, !alias.scope !1, !noalias !16
  %20 = getelementptr float, ptr %5, i64 %index
  %21 = getelementptr i8, ptr %20, i64 32
  %22 = getelementptr i8, ptr %20, i64 64
  %23 = getelementptr i8, ptr %20, i64 96
  %wide.load13 = load <8 x float>, ptr %20, align 4, !alias.scope !4, !noalias !17
  %wide.load14 = load <8 x float>, ptr %21, align 4, !alias.scope !4, !noalias !17
  %wide.load15 = load <8 x float>, ptr %22, align 4, !alias.scope !4, !noalias !17
  %wide.load16 = load <8 x float>, ptr %23, align 4, !alias.scope !4, !noalias !17
  %24 = fmul <8 x float> %wide.load, %wide.load13
  %25 = fmul <8 x float> %wide.load10, %wide.load14
  %26 = fmul <8 x float> %wide.load11, %wide.load15
  %27 = fmul <8 x float> %wide.load12, %wide.load16
  %28 = fadd <8 x float> %24, <float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00>
  %29 = fadd <8 x float> %25, <float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00>
  %30 = fadd <8 x float> %26, <float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00>
  %31 = fadd <8 x float> %27, <float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00, float -1.000000e+00>
  %32 = fcmp olt <8 x float> %28, zeroinitializer
  %33 = fcmp olt <8 x float> %29, zeroinitializer
  %34 = fcmp olt <8 x float> %30, zeroinitializer
  %35 = fcmp olt <8 x float> %31, zeroinitializer
  %36 = select <8 x i1> %32, <8 x float> zeroinitializer, <8 x float> %28
  %37 = select <8 x i1> %33, <8 x float> zeroinitializer, <8 x float> %29
  %38 = select <8 x i1> %34, <8 x float> zeroinitializer, <8 x float> %30
  %39 = select <8 x i1> %35, <8 x float> zeroinitializer, <8 x float> %31
  %40 = getelementptr float, ptr %11, i64 %index
  %41 = getelementptr i8, ptr %40, i64 32
  %42 = getelementptr i8, ptr %40, i64 64
  %43 = getelementptr i8, ptr %40, i64 96
  store <8 x float> %36, ptr %40, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %37, ptr %41, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %38, ptr %42, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %39, ptr %43, align 4, !alias.scope !10, !noalias !18
  %index.next = add nuw i64 %index, 32
  %44 = icmp eq i64 %index.next, 256
  br i1 %44, label %vector.body21, label %vector.body, !llvm.loop !19

vector.body21:                                    ; preds = %vector.body, %vector.body21
  %index22 = phi i64 [ %index.next31, %vector.body21 ], [ 0, %vector.body ]
  %45 = add nuw nsw i64 %index22, 256
  %46 = getelementptr float, ptr %3, i64 %45
  %47 = getelementptr i8, ptr %46, i64 32
  %48 = getelementptr i8, ptr %46, i64 64
  %49 = getelementptr i8, ptr %46, i64 96
  %wide.load23 = load <8 x float>, ptr %46, align 4, !alias.scope !1, !noalias !16
  %wide.load24 = load <8 x float>, ptr %47, align 4, !alias.scope !1, !noalias !16
  %wide.load25 = load <8 x float>, ptr %48, align 4, !alias.scope !1, !noalias !16
  %wide.load26 = load <8 x float>, ptr %49, align 4, !alias.scope !1, !noalias !16
  %50 = getelementptr float, ptr %5, i64 %45
  %51 = getelementptr i8, ptr %50, i64 32
  %52 = getelementptr i8, ptr %50, i64 64
  %53 = getelementptr i8, ptr %50, i64 96
  %wide.load27 = load <8 x float>, ptr %50, align 4, !alias.scope !4, !noalias !17
  %wide.load28 = load <8 x float>, ptr %51, align 4, !alias.scope !4, !noalias !17
  %wide.load29 = load <8 x float>, ptr %52, align 4, !alias.scope !4, !noalias !17
  %wide.load30 = load <8 x float>, ptr %53, align 4, !alias.scope !4, !noalias !17
  %54 = fmul <8 x float> %wide.load23, %wide.load27
  %55 = fmul <8 x float> %wide.load24, %wide.load28
  %56 = fmul <8 x float> %wide.load25, %wide.load29
  %57 = fmul <8 x float> %wide.load26, %wide.load30
  %58 = fadd <8 x float> %54, <float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01>
  %59 = fadd <8 x float> %55, <float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01>
  %60 = fadd <8 x float> %56, <float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01>
  %61 = fadd <8 x float> %57, <float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01, float -7.500000e-01>
  %62 = fcmp olt <8 x float> %58, zeroinitializer
  %63 = fcmp olt <8 x float> %59, zeroinitializer
  %64 = fcmp olt <8 x float> %60, zeroinitializer
  %65 = fcmp olt <8 x float> %61, zeroinitializer
  %66 = select <8 x i1> %62, <8 x float> zeroinitializer, <8 x float> %58
  %67 = select <8 x i1> %63, <8 x float> zeroinitializer, <8 x float> %59
  %68 = select <8 x i1> %64, <8 x float> zeroinitializer, <8 x float> %60
  %69 = select <8 x i1> %65, <8 x float> zeroinitializer, <8 x float> %61
  %70 = getelementptr float, ptr %11, i64 %45
  %71 = getelementptr i8, ptr %70, i64 32
  %72 = getelementptr i8, ptr %70, i64 64
  %73 = getelementptr i8, ptr %70, i64 96
  store <8 x float> %66, ptr %70, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %67, ptr %71, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %68, ptr %72, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %69, ptr %73, align 4, !alias.scope !10, !noalias !18
  %index.next31 = add nuw i64 %index22, 32
  %74 = icmp eq i64 %index.next31, 256
  br i1 %74, label %vector.body36, label %vector.body21, !llvm.loop !22

vector.body36:                                    ; preds = %vector.body21, %vector.body36
  %index37 = phi i64 [ %index.next46, %vector.body36 ], [ 0, %vector.body21 ]
  %75 = add nuw nsw i64 %index37, 512
  %76 = getelementptr float, ptr %3, i64 %75
  %77 = getelementptr i8, ptr %76, i64 32
  %78 = getelementptr i8, ptr %76, i64 64
  %79 = getelementptr i8, ptr %76, i64 96
  %wide.load38 = load <8 x float>, ptr %76, align 4, !alias.scope !1, !noalias !16
  %wide.load39 = load <8 x float>, ptr %77, align 4, !alias.scope !1, !noalias !16
  %wide.load40 = load <8 x float>, ptr %78, align 4, !alias.scope !1, !noalias !16
  %wide.load41 = load <8 x float>, ptr %79, align 4, !alias.scope !1, !noalias !16
  %80 = getelementptr float, ptr %5, i64 %75
  %81 = getelementptr i8, ptr %80, i64 32
  %82 = getelementptr i8, ptr %80, i64 64
  %83 = getelementptr i8, ptr %80, i64 96
  %wide.load42 = load <8 x float>, ptr %80, align 4, !alias.scope !4, !noalias !17
  %wide.load43 = load <8 x float>, ptr %81, align 4, !alias.scope !4, !noalias !17
  %wide.load44 = load <8 x float>, ptr %82, align 4, !alias.scope !4, !noalias !17
  %wide.load45 = load <8 x float>, ptr %83, align 4, !alias.scope !4, !noalias !17
  %84 = fmul <8 x float> %wide.load38, %wide.load42
  %85 = fmul <8 x float> %wide.load39, %wide.load43
  %86 = fmul <8 x float> %wide.load40, %wide.load44
  %87 = fmul <8 x float> %wide.load41, %wide.load45
  %88 = fadd <8 x float> %84, <float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01>
  %89 = fadd <8 x float> %85, <float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01>
  %90 = fadd <8 x float> %86, <float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01>
  %91 = fadd <8 x float> %87, <float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01, float -5.000000e-01>
  %92 = fcmp olt <8 x float> %88, zeroinitializer
  %93 = fcmp olt <8 x float> %89, zeroinitializer
  %94 = fcmp olt <8 x float> %90, zeroinitializer
  %95 = fcmp olt <8 x float> %91, zeroinitializer
  %96 = select <8 x i1> %92, <8 x float> zeroinitializer, <8 x float> %88
  %97 = select <8 x i1> %93, <8 x float> zeroinitializer, <8 x float> %89
  %98 = select <8 x i1> %94, <8 x float> zeroinitializer, <8 x float> %90
  %99 = select <8 x i1> %95, <8 x float> zeroinitializer, <8 x float> %91
  %100 = getelementptr float, ptr %11, i64 %75
  %101 = getelementptr i8, ptr %100, i64 32
  %102 = getelementptr i8, ptr %100, i64 64
  %103 = getelementptr i8, ptr %100, i64 96
  store <8 x float> %96, ptr %100, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %97, ptr %101, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %98, ptr %102, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %99, ptr %103, align 4, !alias.scope !10, !noalias !18
  %index.next46 = add nuw i64 %index37, 32
  %104 = icmp eq i64 %index.next46, 256
  br i1 %104, label %vector.body51, label %vector.body36, !llvm.loop !23

vector.body51:                                    ; preds = %vector.body36, %vector.body51
  %index52 = phi i64 [ %index.next61, %vector.body51 ], [ 0, %vector.body36 ]
  %105 = add nuw nsw i64 %index52, 768
  %106 = getelementptr float, ptr %3, i64 %105
  %107 = getelementptr i8, ptr %106, i64 32
  %108 = getelementptr i8, ptr %106, i64 64
  %109 = getelementptr i8, ptr %106, i64 96
  %wide.load53 = load <8 x float>, ptr %106, align 4, !alias.scope !1, !noalias !16
  %wide.load54 = load <8 x float>, ptr %107, align 4, !alias.scope !1, !noalias !16
  %wide.load55 = load <8 x float>, ptr %108, align 4, !alias.scope !1, !noalias !16
  %wide.load56 = load <8 x float>, ptr %109, align 4, !alias.scope !1, !noalias !16
  %110 = getelementptr float, ptr %5, i64 %105
  %111 = getelementptr i8, ptr %110, i64 32
  %112 = getelementptr i8, ptr %110, i64 64
  %113 = getelementptr i8, ptr %110, i64 96
  %wide.load57 = load <8 x float>, ptr %110, align 4, !alias.scope !4, !noalias !17
  %wide.load58 = load <8 x float>, ptr %111, align 4, !alias.scope !4, !noalias !17
  %wide.load59 = load <8 x float>, ptr %112, align 4, !alias.scope !4, !noalias !17
  %wide.load60 = load <8 x float>, ptr %113, align 4, !alias.scope !4, !noalias !17
  %114 = fmul <8 x float> %wide.load53, %wide.load57
  %115 = fmul <8 x float> %wide.load54, %wide.load58
  %116 = fmul <8 x float> %wide.load55, %wide.load59
  %117 = fmul <8 x float> %wide.load56, %wide.load60
  %118 = fadd <8 x float> %114, <float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01>
  %119 = fadd <8 x float> %115, <float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01>
  %120 = fadd <8 x float> %116, <float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01>
  %121 = fadd <8 x float> %117, <float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01, float -2.500000e-01>
  %122 = fcmp olt <8 x float> %118, zeroinitializer
  %123 = fcmp olt <8 x float> %119, zeroinitializer
  %124 = fcmp olt <8 x float> %120, zeroinitializer
  %125 = fcmp olt <8 x float> %121, zeroinitializer
  %126 = select <8 x i1> %122, <8 x float> zeroinitializer, <8 x float> %118
  %127 = select <8 x i1> %123, <8 x float> zeroinitializer, <8 x float> %119
  %128 = select <8 x i1> %124, <8 x float> zeroinitializer, <8 x float> %120
  %129 = select <8 x i1> %125, <8 x float> zeroinitializer, <8 x float> %121
  %130 = getelementptr float, ptr %11, i64 %105
  %131 = getelementptr i8, ptr %130, i64 32
  %132 = getelementptr i8, ptr %130, i64 64
  %133 = getelementptr i8, ptr %130, i64 96
  store <8 x float> %126, ptr %130, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %127, ptr %131, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %128, ptr %132, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %129, ptr %133, align 4, !alias.scope !10, !noalias !18
  %index.next61 = add nuw i64 %index52, 32
  %134 = icmp eq i64 %index.next61, 256
  br i1 %134, label %vector.body66, label %vector.body51, !llvm.loop !24

vector.body66:                                    ; preds = %vector.body51, %vector.body66
  %index67 = phi i64 [ %index.next76, %vector.body66 ], [ 0, %vector.body51 ]
  %135 = add nuw nsw i64 %index67, 1024
  %136 = getelementptr float, ptr %3, i64 %135
  %137 = getelementptr i8, ptr %136, i64 32
  %138 = getelementptr i8, ptr %136, i64 64
  %139 = getelementptr i8, ptr %136, i64 96
  %wide.load68 = load <8 x float>, ptr %136, align 4, !alias.scope !1, !noalias !16
  %wide.load69 = load <8 x float>, ptr %137, align 4, !alias.scope !1, !noalias !16
  %wide.load70 = load <8 x float>, ptr %138, align 4, !alias.scope !1, !noalias !16
  %wide.load71 = load <8 x float>, ptr %139, align 4, !alias.scope !1, !noalias !16
  %140 = getelementptr float, ptr %5, i64 %135
  %141 = getelementptr i8, ptr %140, i64 32
  %142 = getelementptr i8, ptr %140, i64 64
  %143 = getelementptr i8, ptr %140, i64 96
  %wide.load72 = load <8 x float>, ptr %140, align 4, !alias.scope !4, !noalias !17
  %wide.load73 = load <8 x float>, ptr %141, align 4, !alias.scope !4, !noalias !17
  %wide.load74 = load <8 x float>, ptr %142, align 4, !alias.scope !4, !noalias !17
  %wide.load75 = load <8 x float>, ptr %143, align 4, !alias.scope !4, !noalias !17
  %144 = fmul <8 x float> %wide.load68, %wide.load72
  %145 = fmul <8 x float> %wide.load69, %wide.load73
  %146 = fmul <8 x float> %wide.load70, %wide.load74
  %147 = fmul <8 x float> %wide.load71, %wide.load75
  %148 = fadd <8 x float> %144, zeroinitializer
  %149 = fadd <8 x float> %145, zeroinitializer
  %150 = fadd <8 x float> %146, zeroinitializer
  %151 = fadd <8 x float> %147, zeroinitializer
  %152 = fcmp olt <8 x float> %148, zeroinitializer
  %153 = fcmp olt <8 x float> %149, zeroinitializer
  %154 = fcmp olt <8 x float> %150, zeroinitializer
  %155 = fcmp olt <8 x float> %151, zeroinitializer
  %156 = select <8 x i1> %152, <8 x float> zeroinitializer, <8 x float> %148
  %157 = select <8 x i1> %153, <8 x float> zeroinitializer, <8 x float> %149
  %158 = select <8 x i1> %154, <8 x float> zeroinitializer, <8 x float> %150
  %159 = select <8 x i1> %155, <8 x float> zeroinitializer, <8 x float> %151
  %160 = getelementptr float, ptr %11, i64 %135
  %161 = getelementptr i8, ptr %160, i64 32
  %162 = getelementptr i8, ptr %160, i64 64
  %163 = getelementptr i8, ptr %160, i64 96
  store <8 x float> %156, ptr %160, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %157, ptr %161, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %158, ptr %162, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %159, ptr %163, align 4, !alias.scope !10, !noalias !18
  %index.next76 = add nuw i64 %index67, 32
  %164 = icmp eq i64 %index.next76, 256
  br i1 %164, label %vector.body81, label %vector.body66, !llvm.loop !25

vector.body81:                                    ; preds = %vector.body66, %vector.body81
  %index82 = phi i64 [ %index.next91, %vector.body81 ], [ 0, %vector.body66 ]
  %165 = add nuw nsw i64 %index82, 1280
  %166 = getelementptr float, ptr %3, i64 %165
  %167 = getelementptr i8, ptr %166, i64 32
  %168 = getelementptr i8, ptr %166, i64 64
  %169 = getelementptr i8, ptr %166, i64 96
  %wide.load83 = load <8 x float>, ptr %166, align 4, !alias.scope !1, !noalias !16
  %wide.load84 = load <8 x float>, ptr %167, align 4, !alias.scope !1, !noalias !16
  %wide.load85 = load <8 x float>, ptr %168, align 4, !alias.scope !1, !noalias !16
  %wide.load86 = load <8 x float>, ptr %169, align 4, !alias.scope !1, !noalias !16
  %170 = getelementptr float, ptr %5, i64 %165
  %171 = getelementptr i8, ptr %170, i64 32
  %172 = getelementptr i8, ptr %170, i64 64
  %173 = getelementptr i8, ptr %170, i64 96
  %wide.load87 = load <8 x float>, ptr %170, align 4, !alias.scope !4, !noalias !17
  %wide.load88 = load <8 x float>, ptr %171, align 4, !alias.scope !4, !noalias !17
  %wide.load89 = load <8 x float>, ptr %172, align 4, !alias.scope !4, !noalias !17
  %wide.load90 = load <8 x float>, ptr %173, align 4, !alias.scope !4, !noalias !17
  %174 = fmul <8 x float> %wide.load83, %wide.load87
  %175 = fmul <8 x float> %wide.load84, %wide.load88
  %176 = fmul <8 x float> %wide.load85, %wide.load89
  %177 = fmul <8 x float> %wide.load86, %wide.load90
  %178 = fadd <8 x float> %174, <float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01>
  %179 = fadd <8 x float> %175, <float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01>
  %180 = fadd <8 x float> %176, <float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01>
  %181 = fadd <8 x float> %177, <float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01, float 2.500000e-01>
  %182 = fcmp olt <8 x float> %178, zeroinitializer
  %183 = fcmp olt <8 x float> %179, zeroinitializer
  %184 = fcmp olt <8 x float> %180, zeroinitializer
  %185 = fcmp olt <8 x float> %181, zeroinitializer
  %186 = select <8 x i1> %182, <8 x float> zeroinitializer, <8 x float> %178
  %187 = select <8 x i1> %183, <8 x float> zeroinitializer, <8 x float> %179
  %188 = select <8 x i1> %184, <8 x float> zeroinitializer, <8 x float> %180
  %189 = select <8 x i1> %185, <8 x float> zeroinitializer, <8 x float> %181
  %190 = getelementptr float, ptr %11, i64 %165
  %191 = getelementptr i8, ptr %190, i64 32
  %192 = getelementptr i8, ptr %190, i64 64
  %193 = getelementptr i8, ptr %190, i64 96
  store <8 x float> %186, ptr %190, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %187, ptr %191, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %188, ptr %192, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %189, ptr %193, align 4, !alias.scope !10, !noalias !18
  %index.next91 = add nuw i64 %index82, 32
  %194 = icmp eq i64 %index.next91, 256
  br i1 %194, label %vector.body96, label %vector.body81, !llvm.loop !26

vector.body96:                                    ; preds = %vector.body81, %vector.body96
  %index97 = phi i64 [ %index.next106, %vector.body96 ], [ 0, %vector.body81 ]
  %195 = add nuw nsw i64 %index97, 1536
  %196 = getelementptr float, ptr %3, i64 %195
  %197 = getelementptr i8, ptr %196, i64 32
  %198 = getelementptr i8, ptr %196, i64 64
  %199 = getelementptr i8, ptr %196, i64 96
  %wide.load98 = load <8 x float>, ptr %196, align 4, !alias.scope !1, !noalias !16
  %wide.load99 = load <8 x float>, ptr %197, align 4, !alias.scope !1, !noalias !16
  %wide.load100 = load <8 x float>, ptr %198, align 4, !alias.scope !1, !noalias !16
  %wide.load101 = load <8 x float>, ptr %199, align 4, !alias.scope !1, !noalias !16
  %200 = getelementptr float, ptr %5, i64 %195
  %201 = getelementptr i8, ptr %200, i64 32
  %202 = getelementptr i8, ptr %200, i64 64
  %203 = getelementptr i8, ptr %200, i64 96
  %wide.load102 = load <8 x float>, ptr %200, align 4, !alias.scope !4, !noalias !17
  %wide.load103 = load <8 x float>, ptr %201, align 4, !alias.scope !4, !noalias !17
  %wide.load104 = load <8 x float>, ptr %202, align 4, !alias.scope !4, !noalias !17
  %wide.load105 = load <8 x float>, ptr %203, align 4, !alias.scope !4, !noalias !17
  %204 = fmul <8 x float> %wide.load98, %wide.load102
  %205 = fmul <8 x float> %wide.load99, %wide.load103
  %206 = fmul <8 x float> %wide.load100, %wide.load104
  %207 = fmul <8 x float> %wide.load101, %wide.load105
  %208 = fadd <8 x float> %204, <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>
  %209 = fadd <8 x float> %205, <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>
  %210 = fadd <8 x float> %206, <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>
  %211 = fadd <8 x float> %207, <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>
  %212 = fcmp olt <8 x float> %208, zeroinitializer
  %213 = fcmp olt <8 x float> %209, zeroinitializer
  %214 = fcmp olt <8 x float> %210, zeroinitializer
  %215 = fcmp olt <8 x float> %211, zeroinitializer
  %216 = select <8 x i1> %212, <8 x float> zeroinitializer, <8 x float> %208
  %217 = select <8 x i1> %213, <8 x float> zeroinitializer, <8 x float> %209
  %218 = select <8 x i1> %214, <8 x float> zeroinitializer, <8 x float> %210
  %219 = select <8 x i1> %215, <8 x float> zeroinitializer, <8 x float> %211
  %220 = getelementptr float, ptr %11, i64 %195
  %221 = getelementptr i8, ptr %220, i64 32
  %222 = getelementptr i8, ptr %220, i64 64
  %223 = getelementptr i8, ptr %220, i64 96
  store <8 x float> %216, ptr %220, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %217, ptr %221, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %218, ptr %222, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %219, ptr %223, align 4, !alias.scope !10, !noalias !18
  %index.next106 = add nuw i64 %index97, 32
  %224 = icmp eq i64 %index.next106, 256
  br i1 %224, label %vector.body111, label %vector.body96, !llvm.loop !27

vector.body111:                                   ; preds = %vector.body96, %vector.body111
  %index112 = phi i64 [ %index.next121, %vector.body111 ], [ 0, %vector.body96 ]
  %225 = add nuw nsw i64 %index112, 1792
  %226 = getelementptr float, ptr %3, i64 %225
  %227 = getelementptr i8, ptr %226, i64 32
  %228 = getelementptr i8, ptr %226, i64 64
  %229 = getelementptr i8, ptr %226, i64 96
  %wide.load113 = load <8 x float>, ptr %226, align 4, !alias.scope !1, !noalias !16
  %wide.load114 = load <8 x float>, ptr %227, align 4, !alias.scope !1, !noalias !16
  %wide.load115 = load <8 x float>, ptr %228, align 4, !alias.scope !1, !noalias !16
  %wide.load116 = load <8 x float>, ptr %229, align 4, !alias.scope !1, !noalias !16
  %230 = getelementptr float, ptr %5, i64 %225
  %231 = getelementptr i8, ptr %230, i64 32
  %232 = getelementptr i8, ptr %230, i64 64
  %233 = getelementptr i8, ptr %230, i64 96
  %wide.load117 = load <8 x float>, ptr %230, align 4, !alias.scope !4, !noalias !17
  %wide.load118 = load <8 x float>, ptr %231, align 4, !alias.scope !4, !noalias !17
  %wide.load119 = load <8 x float>, ptr %232, align 4, !alias.scope !4, !noalias !17
  %wide.load120 = load <8 x float>, ptr %233, align 4, !alias.scope !4, !noalias !17
  %234 = fmul <8 x float> %wide.load113, %wide.load117
  %235 = fmul <8 x float> %wide.load114, %wide.load118
  %236 = fmul <8 x float> %wide.load115, %wide.load119
  %237 = fmul <8 x float> %wide.load116, %wide.load120
  %238 = fadd <8 x float> %234, <float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01>
  %239 = fadd <8 x float> %235, <float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01>
  %240 = fadd <8 x float> %236, <float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01>
  %241 = fadd <8 x float> %237, <float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01, float 7.500000e-01>
  %242 = fcmp olt <8 x float> %238, zeroinitializer
  %243 = fcmp olt <8 x float> %239, zeroinitializer
  %244 = fcmp olt <8 x float> %240, zeroinitializer
  %245 = fcmp olt <8 x float> %241, zeroinitializer
  %246 = select <8 x i1> %242, <8 x float> zeroinitializer, <8 x float> %238
  %247 = select <8 x i1> %243, <8 x float> zeroinitializer, <8 x float> %239
  %248 = select <8 x i1> %244, <8 x float> zeroinitializer, <8 x float> %240
  %249 = select <8 x i1> %245, <8 x float> zeroinitializer, <8 x float> %241
  %250 = getelementptr float, ptr %11, i64 %225
  %251 = getelementptr i8, ptr %250, i64 32
  %252 = getelementptr i8, ptr %250, i64 64
  %253 = getelementptr i8, ptr %250, i64 96
  store <8 x float> %246, ptr %250, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %247, ptr %251, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %248, ptr %252, align 4, !alias.scope !10, !noalias !18
  store <8 x float> %249, ptr %253, align 4, !alias.scope !10, !noalias !18
  %index.next121 = add nuw i64 %index112, 32
  %254 = icmp eq i64 %index.next121, 256
  br i1 %254, label %.preheader2, label %vector.body111, !llvm.loop !28

.preheader2:                                      ; preds = %vector.body111, %middle.block122
  %255 = phi i64 [ %305, %middle.block122 ], [ 0, %vector.body111 ]
  %256 = shl i64 %255, 8
  %257 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %255
  %258 = load float, ptr %257, align 4, !noalias !29
  %broadcast.splatinsert = insertelement <8 x float> poison, float %258, i64 0
  %broadcast.splat = shufflevector <8 x float> %broadcast.splatinsert, <8 x float> poison, <8 x i32> zeroinitializer
  br label %vector.body126

vector.body126:                                   ; preds = %vector.body126, %.preheader2
  %index127 = phi i64 [ 0, %.preheader2 ], [ %index.next140, %vector.body126 ]
  %259 = add nuw nsw i64 %index127, %256
  %260 = getelementptr float, ptr %3, i64 %259
  %261 = getelementptr i8, ptr %260, i64 32
  %262 = getelementptr i8, ptr %260, i64 64
  %263 = getelementptr i8, ptr %260, i64 96
  %wide.load128 = load <8 x float>, ptr %260, align 4, !alias.scope !1, !noalias !16
  %wide.load129 = load <8 x float>, ptr %261, align 4, !alias.scope !1, !noalias !16
  %wide.load130 = load <8 x float>, ptr %262, align 4, !alias.scope !1, !noalias !16
  %wide.load131 = load <8 x float>, ptr %263, align 4, !alias.scope !1, !noalias !16
  %264 = getelementptr float, ptr %5, i64 %259
  %265 = getelementptr i8, ptr %264, i64 32
  %266 = getelementptr i8, ptr %264, i64 64
  %267 = getelementptr i8, ptr %264, i64 96
  %wide.load132 = load <8 x float>, ptr %264, align 4, !alias.scope !4, !noalias !17
  %wide.load133 = load <8 x float>, ptr %265, align 4, !alias.scope !4, !noalias !17
  %wide.load134 = load <8 x float>, ptr %266, align 4, !alias.scope !4, !noalias !17
  %wide.load135 = load <8 x float>, ptr %267, align 4, !alias.scope !4, !noalias !17
  %268 = getelementptr float, ptr %7, i64 %259
  %269 = getelementptr i8, ptr %268, i64 32
  %270 = getelementptr i8, ptr %268, i64 64
  %271 = getelementptr i8, ptr %268, i64 96
  %wide.load136 = load <8 x float>, ptr %268, align 4, !alias.scope !6, !noalias !30
  %wide.load137 = load <8 x float>, ptr %269, align 4, !alias.scope !6, !noalias !30
  %wide.load138 = load <8 x float>, ptr %270, align 4, !alias.scope !6, !noalias !30
  %wide.load139 = load <8 x float>, ptr %271, align 4, !alias.scope !6, !noalias !30
  %272 = fmul <8 x float> %wide.load128, %wide.load132
  %273 = fmul <8 x float> %wide.load129, %wide.load133
  %274 = fmul <8 x float> %wide.load130, %wide.load134
  %275 = fmul <8 x float> %wide.load131, %wide.load135
  %276 = fadd <8 x float> %272, %broadcast.splat
  %277 = fadd <8 x float> %273, %broadcast.splat
  %278 = fadd <8 x float> %274, %broadcast.splat
  %279 = fadd <8 x float> %275, %broadcast.splat
  %280 = fcmp olt <8 x float> %276, zeroinitializer
  %281 = fcmp olt <8 x float> %277, zeroinitializer
  %282 = fcmp olt <8 x float> %278, zeroinitializer
  %283 = fcmp olt <8 x float> %279, zeroinitializer
  %284 = select <8 x i1> %280, <8 x float> zeroinitializer, <8 x float> %276
  %285 = select <8 x i1> %281, <8 x float> zeroinitializer, <8 x float> %277
  %286 = select <8 x i1> %282, <8 x float> zeroinitializer, <8 x float> %278
  %287 = select <8 x i1> %283, <8 x float> zeroinitializer, <8 x float> %279
  %288 = fsub <8 x float> %284, %wide.load136
  %289 = fsub <8 x float> %285, %wide.load137
  %290 = fsub <8 x float> %286, %wide.load138
  %291 = fsub <8 x float> %287, %wide.load139
  %292 = fcmp olt <8 x float> %288, zeroinitializer
  %293 = fcmp olt <8 x float> %289, zeroinitializer
  %294 = fcmp olt <8 x float> %290, zeroinitializer
  %295 = fcmp olt <8 x float> %291, zeroinitializer
  %296 = select <8 x i1> %292, <8 x float> zeroinitializer, <8 x float> %288
  %297 = select <8 x i1> %293, <8 x float> zeroinitializer, <8 x float> %289
  %298 = select <8 x i1> %294, <8 x float> zeroinitializer, <8 x float> %290
  %299 = select <8 x i1> %295, <8 x float> zeroinitializer, <8 x float> %291
  %300 = getelementptr float, ptr %13, i64 %259
  %301 = getelementptr i8, ptr %300, i64 32
  %302 = getelementptr i8, ptr %300, i64 64
  %303 = getelementptr i8, ptr %300, i64 96
  store <8 x float> %296, ptr %300, align 4, !alias.scope !12, !noalias !31
  store <8 x float> %297, ptr %301, align 4, !alias.scope !12, !noalias !31
  store <8 x float> %298, ptr %302, align 4, !alias.scope !12, !noalias !31
  store <8 x float> %299, ptr %303, align 4, !alias.scope !12, !noalias !31
  %index.next140 = add nuw i64 %index127, 32
  %304 = icmp eq i64 %index.next140, 256
  br i1 %304, label %middle.block122, label %vector.body126, !llvm.loop !32

middle.block122:                                  ; preds = %vector.body126
  %305 = add nuw nsw i64 %255, 1
  %exitcond7.not = icmp eq i64 %305, 8
  br i1 %exitcond7.not, label %.preheader, label %.preheader2

.preheader:                                       ; preds = %middle.block122, %middle.block141
  %306 = phi i64 [ %351, %middle.block141 ], [ 0, %middle.block122 ]
  %307 = shl i64 %306, 8
  %308 = getelementptr float, ptr @__constant_8x1x1xf32, i64 %306
  %309 = load float, ptr %308, align 4, !noalias !29
  %broadcast.splatinsert151 = insertelement <8 x float> poison, float %309, i64 0
  %broadcast.splat152 = shufflevector <8 x float> %broadcast.splatinsert151, <8 x float> poison, <8 x i32> zeroinitializer
  br label %vector.body145

vector.body145:                                   ; preds = %vector.body145, %.preheader
  %index146 = phi i64 [ 0, %.preheader ], [ %index.next153, %vector.body145 ]
  %310 = add nuw nsw i64 %index146, %307
  %311 = getelementptr float, ptr %3, i64 %310
  %wide.load147 = load <8 x float>, ptr %311, align 4, !alias.scope !1, !noalias !16
  %312 = getelementptr float, ptr %5, i64 %310
  %wide.load148 = load <8 x float>, ptr %312, align 4, !alias.scope !4, !noalias !17
  %313 = getelementptr float, ptr %7, i64 %310
  %wide.load149 = load <8 x float>, ptr %313, align 4, !alias.scope !6, !noalias !30
  %314 = getelementptr float, ptr %9, i64 %310
  %wide.load150 = load <8 x float>, ptr %314, align 4, !alias.scope !8, !noalias !33
  %315 = fmul <8 x float> %wide.load147, %wide.load148
  %316 = fadd <8 x float> %315, %broadcast.splat152
  %317 = fcmp olt <8 x float> %316, zeroinitializer
  %318 = select <8 x i1> %317, <8 x float> zeroinitializer, <8 x float> %316
  %319 = fadd <8 x float> %318, <float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00, float 2.000000e+00>
  %320 = fsub <8 x float> %318, %wide.load149
  %321 = fmul <8 x float> %wide.load150, %320
  %322 = fmul <8 x float> %321, <float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000, float 0x3FB99999A0000000>
  %323 = fcmp olt <8 x float> %322, <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>
  %324 = select <8 x i1> %323, <8 x float> <float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000, float 0xC055F33340000000>, <8 x float> %322
  %325 = fcmp ogt <8 x float> %324, <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>
  %326 = select <8 x i1> %325, <8 x float> <float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000, float 0x4056333340000000>, <8 x float> %324
  %327 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %326, <8 x float> <float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000, float 0x3FF7154760000000>, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %328 = tail call <8 x float> @llvm.floor.v8f32(<8 x float> %327)
  %329 = fcmp olt <8 x float> %328, <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>
  %330 = select <8 x i1> %329, <8 x float> <float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02, float -1.270000e+02>, <8 x float> %328
  %331 = fcmp ogt <8 x float> %330, <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>
  %332 = select <8 x i1> %331, <8 x float> <float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02, float 1.270000e+02>, <8 x float> %330
  %333 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %332, <8 x float> <float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000, float 0xBFE6300000000000>, <8 x float> %326)
  %334 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %332, <8 x float> <float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000, float 0x3F2BD01060000000>, <8 x float> %333)
  %335 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %334, <8 x float> <float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000, float 0x3F2A0D2CE0000000>, <8 x float> <float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000, float 0x3F56E879C0000000>)
  %336 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %335, <8 x float> %334, <8 x float> <float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000, float 0x3F81112100000000>)
  %337 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %336, <8 x float> %334, <8 x float> <float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000, float 0x3FA5553820000000>)
  %338 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %337, <8 x float> %334, <8 x float> <float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000, float 0x3FC5555540000000>)
  %339 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %338, <8 x float> %334, <8 x float> <float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01, float 5.000000e-01>)
  %340 = fmul <8 x float> %334, %334
  %341 = tail call <8 x float> @llvm.fma.v8f32(<8 x float> %339, <8 x float> %340, <8 x float> %334)
  %342 = fadd <8 x float> %341, <float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00, float 1.000000e+00>
  %343 = fptosi <8 x float> %332 to <8 x i32>
  %344 = shl <8 x i32> %343, <i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23, i32 23>
  %345 = add <8 x i32> %344, <i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216, i32 1065353216>
  %346 = bitcast <8 x i32> %345 to <8 x float>
  %347 = fmul <8 x float> %342, %346
  %348 = fdiv <8 x float> %347, %319
  %349 = getelementptr float, ptr %15, i64 %310
  store <8 x float> %348, ptr %349, align 4, !alias.scope !14, !noalias !34
  %index.next153 = add nuw i64 %index146, 8
  %350 = icmp eq i64 %index.next153, 256
  br i1 %350, label %middle.block141, label %vector.body145, !llvm.loop !35

middle.block141:                                  ; preds = %vector.body145
  %351 = add nuw nsw i64 %306, 1
  %exitcond9.not = icmp eq i64 %351, 8
  br i1 %exitcond9.not, label %kiln_k0.body.exit, label %.preheader

kiln_k0.body.exit:                                ; preds = %middle.block141
  ret void
}

; Function Attrs: mustprogress nofree norecurse nosync nounwind willreturn
define void @kiln_k1(ptr nocapture readonly %0, i64 %1, i64 %2) local_unnamed_addr #1 {
entry:
  %3 = load ptr, ptr %0, align 8
  %4 = getelementptr inbounds i8, ptr %0, i64 8
  %5 = load ptr, ptr %4, align 8
  tail call void @llvm.experimental.noalias.scope.decl(metadata !36)
  tail call void @llvm.experimental.noalias.scope.decl(metadata !39)
  %6 = load i64, ptr %3, align 4, !alias.scope !36, !noalias !39
  %7 = shl i64 %6, 1
  %8 = mul i64 %7, %6
  store i64 %8, ptr %5, align 4, !alias.scope !39, !noalias !36
  %9 = getelementptr i8, ptr %3, i64 8
  %10 = load i64, ptr %9, align 4, !alias.scope !36, !noalias !39
  %11 = shl i64 %10, 1
  %12 = mul i64 %11, %10
  %13 = getelementptr i8, ptr %5, i64 8
  store i64 %12, ptr %13, align 4, !alias.scope !39, !noalias !36
  %14 = getelementptr i8, ptr %3, i64 16
  %15 = load i64, ptr %14, align 4, !alias.scope !36, !noalias !39
  %16 = shl i64 %15, 1
  %17 = mul i64 %16, %15
  %18 = getelementptr i8, ptr %5, i64 16
  store i64 %17, ptr %18, align 4, !alias.scope !39, !noalias !36
  %19 = getelementptr i8, ptr %3, i64 24
  %20 = load i64, ptr %19, align 4, !alias.scope !36, !noalias !39
  %21 = shl i64 %20, 1
  %22 = mul i64 %21, %20
  %23 = getelementptr i8, ptr %5, i64 24
  store i64 %22, ptr %23, align 4, !alias.scope !39, !noalias !36
  %24 = getelementptr i8, ptr %3, i64 32
  %25 = load i64, ptr %24, align 4, !alias.scope !36, !noalias !39
  %26 = shl i64 %25, 1
  %27 = mul i64 %26, %25
  %28 = getelementptr i8, ptr %5, i64 32
  store i64 %27, ptr %28, align 4, !alias.scope !39, !noalias !36
  %29 = getelementptr i8, ptr %3, i64 40
  %30 = load i64, ptr %29, align 4, !alias.scope !36, !noalias !39
  %31 = shl i64 %30, 1
  %32 = mul i64 %31, %30
  %33 = getelementptr i8, ptr %5, i64 40
  store i64 %32, ptr %33, align 4, !alias.scope !39, !noalias !36
  %34 = getelementptr i8, ptr %3, i64 48
  %35 = load i64, ptr %34, align 4, !alias.scope !36, !noalias !39
  %36 = shl i64 %35, 1
  %37 = mul i64 %36, %35
  %38 = getelementptr i8, ptr %5, i64 48
  store i64 %37, ptr %38, align 4, !alias.scope !39, !noalias !36
  %39 = getelementptr i8, ptr %3, i64 56
  %40 = load i64, ptr %39, align 4, !alias.scope !36, !noalias !39
  %41 = shl i64 %40, 1
  %42 = mul i64 %41, %40
  %43 = getelementptr i8, ptr %5, i64 56
  store i64 %42, ptr %43, align 4, !alias.scope !39, !noalias !36
  %44 = getelementptr i8, ptr %3, i64 64
  %45 = load i64, ptr %44, align 4, !alias.scope !36, !noalias !39
  %46 = shl i64 %45, 1
  %47 = mul i64 %46, %45
  %48 = getelementptr i8, ptr %5, i64 64
  store i64 %47, ptr %48, align 4, !alias.scope !39, !noalias !36
  %49 = getelementptr i8, ptr %3, i64 72
  %50 = load i64, ptr %49, align 4, !alias.scope !36, !noalias !39
  %51 = shl i64 %50, 1
  %52 = mul i64 %51, %50
  %53 = getelementptr i8, ptr %5, i64 72
  store i64 %52, ptr %53, align 4, !alias.scope !39, !noalias !36
  %54 = getelementptr i8, ptr %3, i64 80
  %55 = load i64, ptr %54, align 4, !alias.scope !36, !noalias !39
  %56 = shl i64 %55, 1
  %57 = mul i64 %56, %55
  %58 = getelementptr i8, ptr %5, i64 80
  store i64 %57, ptr %58, align 4, !alias.scope !39, !noalias !36
  %59 = getelementptr i8, ptr %3, i64 88
  %60 = load i64, ptr %59, align 4, !alias.scope !36, !noalias !39
  %61 = shl i64 %60, 1
  %62 = mul i64 %61, %60
  %63 = getelementptr i8, ptr %5, i64 88
  store i64 %62, ptr %63, align 4, !alias.scope !39, !noalias !36
  %64 = getelementptr i8, ptr %3, i64 96
  %65 = load i64, ptr %64, align 4, !alias.scope !36, !noalias !39
  %66 = shl i64 %65, 1
  %67 = mul i64 %66, %65
  %68 = getelementptr i8, ptr %5, i64 96
  store i64 %67, ptr %68, align 4, !alias.scope !39, !noalias !36
  %69 = getelementptr i8, ptr %3, i64 104
  %70 = load i64, ptr %69, align 4, !alias.scope !36, !noalias !39
  %71 = shl i64 %70, 1
  %72 = mul i64 %71, %70
  %73 = getelementptr i8, ptr %5, i64 104
  store i64 %72, ptr %73, align 4, !alias.scope !39, !noalias !36
  %74 = getelementptr i8, ptr %3, i64 112
  %75 = load i64, ptr %74, align 4, !alias.scope !36, !noalias !39
  %76 = shl i64 %75, 1
  %77 = mul i64 %76, %75
  %78 = getelementptr i8, ptr %5, i64 112
  store i64 %77, ptr %78, align 4, !alias.scope !39, !noalias !36
  ret void
}

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(inaccessiblemem: readwrite)
declare void @llvm.experimental.noalias.scope.decl(metadata) #2

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare <8 x float> @llvm.fma.v8f32(<8 x float>, <8 x float>, <8 x float>) #3

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare <8 x float> @llvm.floor.v8f32(<8 x float>) #3

attributes #0 = { nofree norecurse nosync nounwind "target-cpu"="skylake-avx512" "target-features"="+64bit,+64bit-mode,+adx,+aes,+allow-light-256-bit,+avx,+avx2,+avx512bw,+avx512cd,+avx512dq,+avx512f,+avx512vl,+bmi,+bmi2,+clflushopt,+clwb,+cmov,+crc32,+cx16,+cx8,+ermsb,+evex512,+f16c,+false-deps-popcnt,+fast-15bytenop,+fast-gather,+fast-scalar-fsqrt,+fast-shld-rotate,+fast-variable-crosslane-shuffle,+fast-variable-perlane-shuffle,+fast-vector-fsqrt,+faster-shift-than-shuffle,+fma,+fsgsbase,+fxsr,+idivq-to-divl,+invpcid,+lzcnt,+macrofusion,+mmx,+movbe,+no-bypass-delay-blend,+no-bypass-delay-mov,+no-bypass-delay-shuffle,+nopl,+pclmul,+pku,+popcnt,+prefer-256-bit,+prfchw,+rdrnd,+rdseed,+sahf,+slow-3ops-lea,+sse,+sse2,+sse3,+sse4.1,+sse4.2,+ssse3,+tuning-fast-imm-vector-shift,+vzeroupper,+x87,+xsave,+xsavec,+xsaveopt,+xsaves,-16bit-mode,-32bit-mode,-amx-bf16,-amx-complex,-amx-fp16,-amx-int8,-amx-tile,-avx10.1-256,-avx10.1-512,-avx512bf16,-avx512bitalg,-avx512fp16,-avx512ifma,-avx512vbmi,-avx512vbmi2,-avx512vnni,-avx512vp2intersect,-avx512vpopcntdq,-avxifma,-avxneconvert,-avxvnni,-avxvnniint16,-avxvnniint8,-branch-hint,-branchfusion,-ccmp,-cf,-cldemote,-clzero,-cmpccxadd,-egpr,-enqcmd,-false-deps-getmant,-false-deps-lzcnt-tzcnt,-false-deps-mulc,-false-deps-mullq,-false-deps-perm,-false-deps-range,-fast-11bytenop,-fast-7bytenop,-fast-bextr,-fast-dpwssd,-fast-hops,-fast-imm16,-fast-lzcnt,-fast-movbe,-fast-scalar-shift-masks,-fast-vector-shift-masks,-fma4,-fsrm,-gfni,-harden-sls-ijmp,-harden-sls-ret,-hreset,-idivl-to-divb,-inline-asm-use-gpr32,-kl,-lea-sp,-lea-uses-ag,-lvi-cfi,-lvi-load-hardening,-lwp,-movdir64b,-movdiri,-mwaitx,-ndd,-nf,-no-bypass-delay,-pad-short-functions,-pconfig,-ppx,-prefer-128-bit,-prefer-mask-registers,-prefer-movmsk-over-vtest,-prefer-no-gather,-prefer-no-scatter,-prefetchi,-ptwrite,-push2pop2,-raoint,-rdpid,-rdpru,-retpoline,-retpoline-external-thunk,-retpoline-indirect-branches,-retpoline-indirect-calls,-rtm,-sbb-dep-breaking,-serialize,-seses,-sgx,-sha,-sha512,-shstk,-slow-incdec,-slow-lea,-slow-pmaddwd,-slow-pmulld,-slow-shld,-slow-two-mem-ops,-slow-unaligned-mem-16,-slow-unaligned-mem-32,-sm3,-sm4,-soft-float,-sse-unaligned-mem,-sse4a,-tagged-globals,-tbm,-tsxldtrk,-uintr,-use-glm-div-sqrt-costs,-use-slm-arith-costs,-usermsr,-vaes,-vpclmulqdq,-waitpkg,-wbnoinvd,-widekl,-xop,-zu" }
attributes #1 = { mustprogress nofree norecurse nosync nounwind willreturn "target-cpu"="skylake-avx512" "target-features"="+64bit,+64bit-mode,+adx,+aes,+allow-light-256-bit,+avx,+avx2,+avx512bw,+avx512cd,+avx512dq,+avx512f,+avx512vl,+bmi,+bmi2,+clflushopt,+clwb,+cmov,+crc32,+cx16,+cx8,+ermsb,+evex512,+f16c,+false-deps-popcnt,+fast-15bytenop,+fast-gather,+fast-scalar-fsqrt,+fast-shld-rotate,+fast-variable-crosslane-shuffle,+fast-variable-perlane-shuffle,+fast-vector-fsqrt,+faster-shift-than-shuffle,+fma,+fsgsbase,+fxsr,+idivq-to-divl,+invpcid,+lzcnt,+macrofusion,+mmx,+movbe,+no-bypass-delay-blend,+no-bypass-delay-mov,+no-bypass-delay-shuffle,+nopl,+pclmul,+pku,+popcnt,+prefer-256-bit,+prfchw,+rdrnd,+rdseed,+sahf,+slow-3ops-lea,+sse,+sse2,+sse3,+sse4.1,+sse4.2,+ssse3,+tuning-fast-imm-vector-shift,+vzeroupper,+x87,+xsave,+xsavec,+xsaveopt,+xsaves,-16bit-mode,-32bit-mode,-amx-bf16,-amx-complex,-amx-fp16,-amx-int8,-amx-tile,-avx10.1-256,-avx10.1-512,-avx512bf16,-avx512bitalg,-avx512fp16,-avx512ifma,-avx512vbmi,-avx512vbmi2,-avx512vnni,-avx512vp2intersect,-avx512vpopcntdq,-avxifma,-avxneconvert,-avxvnni,-avxvnniint16,-avxvnniint8,-branch-hint,-branchfusion,-ccmp,-cf,-cldemote,-clzero,-cmpccxadd,-egpr,-enqcmd,-false-deps-getmant,-false-deps-lzcnt-tzcnt,-false-deps-mulc,-false-deps-mullq,-false-deps-perm,-false-deps-range,-fast-11bytenop,-fast-7bytenop,-fast-bextr,-fast-dpwssd,-fast-hops,-fast-imm16,-fast-lzcnt,-fast-movbe,-fast-scalar-shift-masks,-fast-vector-shift-masks,-fma4,-fsrm,-gfni,-harden-sls-ijmp,-harden-sls-ret,-hreset,-idivl-to-divb,-inline-asm-use-gpr32,-kl,-lea-sp,-lea-uses-ag,-lvi-cfi,-lvi-load-hardening,-lwp,-movdir64b,-movdiri,-mwaitx,-ndd,-nf,-no-bypass-delay,-pad-short-functions,-pconfig,-ppx,-prefer-128-bit,-prefer-mask-registers,-prefer-movmsk-over-vtest,-prefer-no-gather,-prefer-no-scatter,-prefetchi,-ptwrite,-push2pop2,-raoint,-rdpid,-rdpru,-retpoline,-retpoline-external-thunk,-retpoline-indirect-branches,-retpoline-indirect-calls,-rtm,-sbb-dep-breaking,-serialize,-seses,-sgx,-sha,-sha512,-shstk,-slow-incdec,-slow-lea,-slow-pmaddwd,-slow-pmulld,-slow-shld,-slow-two-mem-ops,-slow-unaligned-mem-16,-slow-unaligned-mem-32,-sm3,-sm4,-soft-float,-sse-unaligned-mem,-sse4a,-tagged-globals,-tbm,-tsxldtrk,-uintr,-use-glm-div-sqrt-costs,-use-slm-arith-costs,-usermsr,-vaes,-vpclmulqdq,-waitpkg,-wbnoinvd,-widekl,-xop,-zu" }
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
!16 = !{!5, !7, !9, !11, !13, !15}
!17 = !{!2, !7, !9, !11, !13, !15}
!18 = !{!2, !5, !7, !9, !13, !15}
!19 = distinct !{!19, !20, !21}
!20 = !{!"llvm.loop.isvectorized", i32 1}
!21 = !{!"llvm.loop.unroll.runtime.disable"}
!22 = distinct !{!22, !20, !21}
!23 = distinct !{!23, !20, !21}
!24 = distinct !{!24, !20, !21}
!25 = distinct !{!25, !20, !21}
!26 = distinct !{!26, !20, !21}
!27 = distinct !{!27, !20, !21}
!28 = distinct !{!28, !20, !21}
!29 = !{!2, !5, !7, !9, !11, !13, !15}
!30 = !{!2, !5, !9, !11, !13, !15}
!31 = !{!2, !5, !7, !9, !11, !15}
!32 = distinct !{!32, !20, !21}
!33 = !{!2, !5, !7, !11, !13, !15}
!34 = !{!2, !5, !7, !9, !11, !13}
!35 = distinct !{!35, !20, !21}
!36 = !{!37}
!37 = distinct !{!37, !38, !"kiln_k1.body: argument 0"}
!38 = distinct !{!38, !"kiln_k1.body"}
!39 = !{!40}
!40 = distinct !{!40, !38, !"kiln_k1.body: argument 1"}
