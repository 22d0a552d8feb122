// The loss lowerings (backends/cpu/lib/lower/MiscLoss.cpp) on ONNX backend
// cases: NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss compile to
// linalg, computing in f64 and rounding once. Numbers are checked by the
// conformance-jit test.

// One case per op: no reference step.
// RUN: for t in test_nllloss_NCd1_weight_ii test_sce_mean_weight_ii_log_prob; do \
// RUN:   kiln compile %onnxdata/node/$t/model.onnx --emit=plan; \
// RUN: done | FileCheck %s --check-prefix=PLAN
// PLAN-COUNT-2: 0 reference steps
// PLAN-NOT: reference

// NLL with weights and ignore_index, mean: one reduction over the targets
// into the loss and weight sums (in order, not reassociated), reading the
// clamped target; then sum / weights, NaN when the weights sum to 0.
// RUN: kiln compile %onnxdata/node/test_nllloss_NCd1_weight_ii/model.onnx --emit=linalg | FileCheck %s --check-prefix=NLL
// NLL: iterator_types = ["reduction", "reduction"]
// NLL: %[[I:.*]] = arith.index_cast %{{.*}} : i64 to index
// NLL: %[[LO:.*]] = arith.maxsi %[[I]], %c0 : index
// NLL: %[[T:.*]] = arith.minsi %[[LO]], %c4 : index
// NLL: tensor.extract %{{.*}}[%{{.*}}, %[[T]], %{{.*}}] : tensor<3x5x2xf32>
// NLL: arith.extf %{{.*}} : f32 to f64
// NLL: tensor.extract %{{.*}}[%[[T]]] : tensor<5xf32>
// NLL: %[[IGN:.*]] = arith.cmpi eq
// NLL: arith.select %[[IGN]]
// NLL: arith.addf %{{.*}}, %{{.*}} : f64
// NLL-NOT: fastmath<reassoc>
// NLL: arith.cmpf oeq
// NLL: arith.divf
// NLL: arith.truncf %{{.*}} : f64 to f32

// SoftmaxCrossEntropyLoss: log_softmax along C in f64 (max, sum of exp,
// x - (max + log(sum))), rounded for the log_prob result.
// RUN: kiln compile %onnxdata/node/test_sce_mean_weight_ii_log_prob/model.onnx --emit=linalg | FileCheck %s --check-prefix=SCE
// SCE: arith.maximumf %{{.*}} : f64
// SCE: math.exp %{{.*}} : f64
// SCE: math.log %{{.*}} : f64
// SCE: arith.subf %{{.*}} : f64
// SCE: iterator_types = ["reduction"]
// SCE: arith.truncf %{{.*}} : f64 to f32
