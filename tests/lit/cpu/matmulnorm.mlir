// The matrix-product, normalization and softmax lowerings
// (backends/cpu/lib/lower/MatMulNorm*.cpp) on ONNX backend cases: every op
// compiles to linalg, with the loop orders and precisions the patterns
// choose. Numbers are checked by the conformance-jit test.

// One case per op: no reference step.
// RUN: for t in test_gemm_all_attributes test_matmul_4d test_einsum_batch_matmul \
// RUN:     test_batchnorm_example test_layer_normalization_4d_axis1 \
// RUN:     test_instancenorm_example test_lrn test_mvn test_softmax_axis_1 \
// RUN:     test_logsoftmax_axis_0 test_hardmax_axis_2; do \
// RUN:   kiln compile %onnxdata/node/$t/model.onnx --emit=plan; \
// RUN: done | FileCheck %s --check-prefix=PLAN
// PLAN-COUNT-11: 0 reference steps
// PLAN-NOT: reference

// Einsum's shape rule does not handle '...': the result shape is known only
// at run time (the declared one is not trusted), so the kernel is the
// reference's.
// RUN: kiln compile %onnxdata/node/test_einsum_batch_diagonal/model.onnx --emit=plan | FileCheck %s --check-prefix=ELLIPSIS
// ELLIPSIS: reference kiln.einsum (node 'Einsum_0'): result 0 has a shape known only at run time

// MatMul of two f32 activations: the direct kernel (kernels/MatMul.cpp),
// the GEMM micro-kernel over B's rows in place, batch matrices found from
// the work item; N = 3 is below one vector, so B is read with a masked load.
// RUN: kiln compile %onnxdata/node/test_matmul_4d/model.onnx --emit=linalg | FileCheck %s --check-prefix=MATMUL
// MATMUL: func.func @kiln_k0(%{{.*}}: memref<1x2x3x4xf32>, %{{.*}}: memref<1x2x4x3xf32>, %{{.*}}: memref<1x2x3x3xf32>
// MATMUL: vector.maskedload {{.*}} : memref<24xf32>, vector<{{[0-9]+}}xi1>, vector<[[W:[0-9]+]]xf32> into vector<[[W]]xf32>
// MATMUL: vector.fma

// Gemm with B transposed: a dot product over k innermost, started from C.
// RUN: kiln compile %onnxdata/node/test_gemm_transposeB/model.onnx --emit=linalg | FileCheck %s --check-prefix=GEMMT
// GEMMT: iterator_types = ["parallel", "parallel", "reduction"]

// Normalization statistics in f64; the Mean / InvStdDev outputs start from
// their own alloc_tensor so the two are never merged into one buffer.
// RUN: kiln compile %onnxdata/node/test_layer_normalization_4d_axis1/model.onnx --emit=linalg | FileCheck %s --check-prefix=LN
// LN: arith.extf %{{.*}} : f32 to f64
// LN: arith.addf %{{.*}} fastmath<reassoc> : f64
// LN: math.sqrt %{{.*}} : f64
// LN-COUNT-2: bufferization.alloc_tensor() : tensor<2x1x1x1xf32>

// Softmax: max, sum of exp, then exp / sum.
// RUN: kiln compile %onnxdata/node/test_softmax_axis_1/model.onnx --emit=linalg | FileCheck %s --check-prefix=SOFTMAX
// SOFTMAX: arith.maximumf
// SOFTMAX: math.exp
// SOFTMAX: arith.addf {{.*}} fastmath<reassoc>
// SOFTMAX: math.exp
// SOFTMAX: arith.divf

// Hardmax: the first element always wins, later ones only when greater.
// RUN: kiln compile %onnxdata/node/test_hardmax_example/model.onnx --emit=linalg | FileCheck %s --check-prefix=HARDMAX
// HARDMAX: %[[FIRST:.*]] = arith.cmpi slt, %{{.*}}, %c0 : index
// HARDMAX: %[[GT:.*]] = arith.cmpf ogt
// HARDMAX: %[[TAKE:.*]] = arith.ori %[[FIRST]], %[[GT]] : i1
// HARDMAX: arith.select %[[TAKE]]
