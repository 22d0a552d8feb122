// RUN: kiln-opt --split-input-file --verify-diagnostics --kiln-infer-shapes=report-conflicts=true %s | FileCheck %s

// A type that contradicts the shape rule is kept (the verifier or the
// kernel reports the problem); report-conflicts says where.
// CHECK-LABEL: func.func @conflict
// CHECK: kiln.relu {{.*}} -> tensor<2x4xf32>
func.func @conflict(%a: tensor<2x3xf32>) -> tensor<2x4xf32> {
  // expected-warning @+1 {{inferred type 'tensor<2x3xf32>' of result 0 contradicts its type 'tensor<2x4xf32>'}}
  %0 = kiln.relu %a : (tensor<2x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// Functions with callers keep their signature and their body.
// CHECK-LABEL: func.func @callee
// CHECK-SAME: -> tensor<*xf32>
// CHECK: kiln.relu {{.*}} -> tensor<*xf32>
func.func @callee(%a: tensor<2x3xf32>) -> tensor<*xf32> {
  %0 = kiln.relu %a : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}
// CHECK-LABEL: func.func @caller
// CHECK-SAME: -> tensor<2x3xf32>
func.func @caller(%a: tensor<2x3xf32>) -> tensor<*xf32> {
  %0 = call @callee(%a) : (tensor<2x3xf32>) -> tensor<*xf32>
  %1 = kiln.relu %a : (tensor<2x3xf32>) -> tensor<*xf32>
  return %1 : tensor<*xf32>
}
