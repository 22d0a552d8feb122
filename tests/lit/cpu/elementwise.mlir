// The elementwise lowerings (backends/cpu/lib/lower/Elementwise*.cpp) on
// ONNX backend cases: each op becomes one linalg.generic whose body mirrors
// the reference kernel's scalar function, and the plan has no reference
// step. Numbers are checked by the conformance-jit test.

// One case per family: every op compiles.
// RUN: for t in test_sigmoid test_clip_default_max test_where_example \
// RUN:     test_pow_types_int64_float32 test_mod_mixed_sign_int64 \
// RUN:     test_isinf_negative test_cast_DOUBLE_to_FLOAT test_mean_example \
// RUN:     test_and_bcast4v3d test_prelu_broadcast test_shrink_soft; do \
// RUN:   kiln compile %onnxdata/node/$t/model.onnx --emit=plan; \
// RUN: done | FileCheck %s --check-prefix=PLAN
// PLAN-COUNT-11: 0 reference steps
// PLAN-NOT: reference

// Round is half to even, as nearbyint.
// RUN: kiln compile %onnxdata/node/test_round/model.onnx --emit=linalg | FileCheck %s --check-prefix=ROUND
// ROUND: linalg.generic
// ROUND: math.roundeven %{{.*}} : f32

// Relu keeps NaN and -0: a select, not arith.maximumf.
// RUN: kiln compile %onnxdata/node/test_relu/model.onnx --emit=linalg | FileCheck %s --check-prefix=RELU
// RELU: %[[LT:.*]] = arith.cmpf olt, %[[X:.*]], %{{.*}} : f32
// RELU: arith.select %[[LT]], %{{.*}}, %[[X]] : f32
// RELU-NOT: maximumf

// Python's % on integers: no trapping divisor, the remainder moves by the
// divisor when the signs differ.
// RUN: kiln compile %onnxdata/node/test_mod_mixed_sign_int32/model.onnx --emit=linalg | FileCheck %s --check-prefix=MOD
// MOD: %[[BAD:.*]] = arith.ori
// MOD: %[[SAFE:.*]] = arith.select %[[BAD]], %c1_i32, %[[B:.*]] : i32
// MOD: %[[R:.*]] = arith.remsi %{{.*}}, %[[SAFE]] : i32
// MOD: %[[ADD:.*]] = arith.addi %[[R]], %[[B]] : i32
// MOD: arith.select %{{.*}}, %[[ADD]], %[[R]] : i32

// Max lets a NaN operand win.
// RUN: kiln compile %onnxdata/node/test_max_example/model.onnx --emit=linalg | FileCheck %s --check-prefix=MAX
// MAX: arith.cmpf ogt
// MAX: arith.cmpf uno
// MAX: arith.ori
// MAX: arith.select

// Integer powers of integers by repeated squaring.
// RUN: kiln compile %onnxdata/node/test_pow_types_int32_int32/model.onnx --emit=linalg | FileCheck %s --check-prefix=IPOW
// IPOW: arith.extsi %{{.*}} : i32 to i64
// IPOW: scf.while
// IPOW: arith.muli %{{.*}} : i32
// IPOW: arith.shrui %{{.*}} : i64

// Float exponents: pow in double, stored back saturating (NaN to 0).
// RUN: kiln compile %onnxdata/node/test_pow_types_int64_float32/model.onnx --emit=linalg | FileCheck %s --check-prefix=FPOW
// FPOW: %[[P:.*]] = math.powf %{{.*}}, %{{.*}} : f64
// FPOW: arith.fptosi %[[P]] : f64 to i64
// FPOW: arith.cmpf oge, %[[P]]
// FPOW: arith.cmpf ole, %[[P]]
// FPOW: arith.cmpf uno, %[[P]], %[[P]]

// f32 sine in double: MLIR's f32 approximation is off by ~1e-7 absolute.
// RUN: kiln compile %onnxdata/node/test_sin/model.onnx --emit=linalg | FileCheck %s --check-prefix=SIN
// SIN: arith.extf %{{.*}} : f32 to f64
// SIN: math.sin %{{.*}} : f64
// SIN: arith.truncf %{{.*}} : f64 to f32

// Clip reads its scalar bounds inside the body; an absent bound is skipped.
// RUN: kiln compile %onnxdata/node/test_clip_default_min/model.onnx --emit=linalg | FileCheck %s --check-prefix=CLIP
// CLIP: linalg.generic
// CLIP: %[[LO:.*]] = tensor.extract %{{.*}}[] : tensor<f32>
// CLIP: arith.cmpf olt, %{{.*}}, %[[LO]] : f32
// CLIP-NOT: cmpf ogt
// CLIP: linalg.yield

// An op on a tensor with no elements is a reference step: a zero-dim memref
// has no bare-pointer form, so its kernel would not translate (a finding of
// kiln-fuzz-graphs, tests/fuzz/graphs/empty-tensor-kernel.onnx).
// RUN: kiln compile %S/../../fuzz/graphs/empty-tensor-kernel.onnx --emit=plan | FileCheck %s --check-prefix=EMPTY
// EMPTY: 0 compiled kernels, 2 reference steps
// EMPTY: reference kiln.selu (node '{{.*}}'): a tensor with no elements
// EMPTY: reference kiln.concat (node '{{.*}}'): a tensor with no elements
