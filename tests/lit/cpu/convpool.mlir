// The convolution and pooling lowerings (backends/cpu/lib/lower/ConvPool*.cpp)
// on ONNX backend cases: every op compiles to linalg over a padded input,
// the last output dim innermost, except 2-D MaxPool and AveragePool, which
// get the direct kernel of backends/cpu/lib/kernels/Pool.cpp. Numbers are
// checked by the conformance-jit test.

// One case per op: no reference step.
// RUN: for t in test_conv_with_strides_and_asymmetric_padding test_convtranspose_pads \
// RUN:     test_maxpool_2d_ceil test_maxpool_with_argmax_2d_precomputed_strides \
// RUN:     test_averagepool_2d_same_lower test_maxpool_2d_dilations test_globalmaxpool \
// RUN:     test_globalaveragepool; do \
// RUN:   kiln compile %onnxdata/node/$t/model.onnx --emit=plan; \
// RUN: done | FileCheck %s --check-prefix=PLAN
// PLAN-COUNT-8: 0 reference steps
// PLAN-NOT: reference

// Conv: pad with 0, channels split as (group, channel), loops
// (n, g, m, oh, c, kh, kw, ow).
// RUN: kiln compile %onnxdata/node/test_conv_with_strides_and_asymmetric_padding/model.onnx --emit=linalg | FileCheck %s --check-prefix=CONV
// CONV: tensor.pad
// CONV: tensor.expand_shape
// CONV: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]
// CONV: tensor.collapse_shape

// ConvTranspose with strides [3, 2]: one convolution per output phase,
// 3 x 2 of them, each inserted with the stride.
// RUN: kiln compile %onnxdata/node/test_convtranspose_pads/model.onnx --emit=linalg | FileCheck %s --check-prefix=CONVT
// CONVT-COUNT-6: tensor.insert_slice {{.*}} [1, 1, 3, 2]
// CONVT-NOT: tensor.insert_slice

// AveragePool divides by per-dimension counts of the taps in the input. In
// 3-D: linalg, the counts a constant per dim.
// RUN: kiln compile %onnxdata/node/test_averagepool_3d_default/model.onnx --emit=linalg | FileCheck %s --check-prefix=AVG3
// AVG3: arith.constant dense<2.000000e+00> : tensor<31xf32>
// AVG3: linalg.generic
// AVG3: arith.divf

// In 2-D, the direct kernel: the column counts (padded to whole vectors
// with 1) in a global, rows of X copied into a ring of padded rows on the
// stack, the taps plain vector loads from it.
// RUN: kiln compile %onnxdata/node/test_averagepool_2d_pads/model.onnx --emit=linalg | FileCheck %s --check-prefix=AVG
// AVG: memref.global "private" constant @kiln_const_0 : memref<{{[0-9]+}}xf32> = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, {{.*}}, 3.000000e+00, 2.000000e+00, 1.000000e+00{{.*}}]>
// AVG: memref.alloca() {alignment = 64 : i64}
// AVG: vector.load
// AVG: arith.divf
// AVG-NOT: linalg.generic

// MaxPool with Indices reads the unpadded input with bounds checks.
// RUN: kiln compile %onnxdata/node/test_maxpool_with_argmax_2d_precomputed_pads/model.onnx --emit=linalg | FileCheck %s --check-prefix=ARGMAX
// ARGMAX-NOT: tensor.pad
// ARGMAX: tensor.extract
// ARGMAX: arith.select {{.*}} : f32
// ARGMAX: arith.select {{.*}} : i64

// The direct convolution's k loop prefetches the next channel tile's packed
// weights into L2 (locality 2), one prefetch per 64-byte line of a k; the
// packed GEMM (the classifier) prefetches its next panel of weights.
// RUN: rm -rf %t && mkdir -p %t && kiln-zoo resnet-small -o %t > /dev/null
// RUN: kiln compile %t/resnet-small.onnx --emit=linalg --no-cache | FileCheck %s --check-prefix=PREFETCH
// RUN: kiln compile %t/resnet-small.onnx --emit=llvm --no-cache | FileCheck %s --check-prefix=PREFETCH-LLVM
// PREFETCH-LABEL: func.func @kiln_k0(
// PREFETCH: [[W:%collapse_shape[_0-9]*]] = memref.collapse_shape %arg1 {{.*}} : memref<3x27x6xf32>
// PREFETCH: memref.prefetch [[W]][{{.*}}], read, locality<2>, data
// PREFETCH: vector.fma
// PREFETCH-LABEL: func.func @kiln_k{{[0-9]+}}(%arg0: memref<1x128xf32>, %arg1: memref<1x128x32xf32>
// PREFETCH: [[B:%collapse_shape[_0-9]*]] = memref.collapse_shape %arg1 {{.*}} : memref<1x128x32xf32>
// PREFETCH: memref.prefetch [[B]][{{.*}}], read, locality<2>, data
// PREFETCH-LLVM: call void @llvm.prefetch.p0(ptr {{.*}}, i32 0, i32 2, i32 1)
