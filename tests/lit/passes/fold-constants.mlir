// RUN: kiln-opt --split-input-file --kiln-fold-constants %s | FileCheck %s
// RUN: kiln-opt --split-input-file --kiln-fold-constants=max-elements=4 %s | FileCheck %s --check-prefix=CAP

// Shape -> Gather -> Concat -> Reshape folds in one run: the reshape gets a
// constant target and a static type, and the function result follows.
// CHECK-LABEL: func.func @shape_chain
// CHECK-SAME: -> tensor<2x12xf32>
// CHECK-NOT: kiln.shape
// CHECK-NOT: kiln.gather
// CHECK-NOT: kiln.concat
// CHECK: %[[T:.*]] = kiln.constant dense<[2, -1]> : tensor<2xi64>
// CHECK-NEXT: kiln.reshape %{{.*}}, %[[T]] : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2x12xf32>
// CHECK-NEXT: return
func.func @shape_chain(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
  %s = kiln.shape %x : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %i = kiln.constant dense<0> : tensor<1xi64>
  %d = kiln.gather %s, %i {axis = 0 : i64} : (tensor<3xi64>, tensor<1xi64>) -> tensor<?xi64>
  %m = kiln.constant dense<-1> : tensor<1xi64>
  %t = kiln.concat %d, %m {axis = 0 : i64} : (tensor<?xi64>, tensor<1xi64>) -> tensor<?xi64>
  %r = kiln.reshape %x, %t : (tensor<2x3x4xf32>, tensor<?xi64>) -> tensor<*xf32>
  return %r : tensor<*xf32>
}

// -----

// Shape respects start and end (negatives count from the end); Size is the
// element count. A dynamic operand keeps its Shape.
// CHECK-LABEL: func.func @shape_query
// CHECK-DAG: kiln.constant dense<[3, 4]> : tensor<2xi64>
// CHECK-DAG: kiln.constant dense<120> : tensor<i64>
// CHECK-DAG: kiln.shape %{{.*}} : (tensor<?x4xf32>) -> tensor<2xi64>
// CHECK-NOT: kiln.size
func.func @shape_query(%x: tensor<2x3x4x5xf32>, %y: tensor<?x4xf32>) -> (tensor<*xi64>, tensor<*xi64>, tensor<*xi64>) {
  %s = kiln.shape %x {start = 1 : i64, end = -1 : i64} : (tensor<2x3x4x5xf32>) -> tensor<*xi64>
  %n = kiln.size %x : (tensor<2x3x4x5xf32>) -> tensor<*xi64>
  %d = kiln.shape %y : (tensor<?x4xf32>) -> tensor<2xi64>
  %dd = kiln.identity %d : (tensor<2xi64>) -> tensor<*xi64>
  return %s, %n, %dd : tensor<*xi64>, tensor<*xi64>, tensor<*xi64>
}

// -----

// ConstantOfShape of a folded shape becomes a constant whose static type
// refines its user; the operands left without uses are erased.
// CHECK-LABEL: func.func @constant_of_shape
// CHECK-SAME: -> tensor<3x4xf32>
// CHECK: %[[C:.*]] = kiln.constant dense<1.000000e+00> : tensor<3x4xf32>
// CHECK-NEXT: kiln.add %{{.*}}, %[[C]] : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK-NOT: kiln.constant_of_shape
func.func @constant_of_shape(%x: tensor<3x4xf32>) -> tensor<*xf32> {
  %s = kiln.shape %x : (tensor<3x4xf32>) -> tensor<2xi64>
  %o = kiln.constant_of_shape %s {value = dense<1.0> : tensor<1xf32>} : (tensor<2xi64>) -> tensor<?x?xf32>
  %y = kiln.add %x, %o : (tensor<3x4xf32>, tensor<?x?xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// Every result of a multi-result op is folded, and an elementwise chain of
// constants collapses into one constant.
// CHECK-LABEL: func.func @split_and_chain
// CHECK-DAG: kiln.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: kiln.constant dense<[-3.000000e+00, -4.000000e+00]> : tensor<2xf32>
// CHECK-NOT: kiln.split
// CHECK-NOT: kiln.neg
func.func @split_and_chain() -> (tensor<*xf32>, tensor<*xf32>) {
  %c = kiln.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %none = kiln.none
  %a, %b = kiln.split %c, %none {axis = 0 : i64, num_outputs = 2 : i64} : (tensor<4xf32>, none) -> (tensor<*xf32>, tensor<*xf32>)
  %n = kiln.neg %b : (tensor<*xf32>) -> tensor<*xf32>
  return %a, %n : tensor<*xf32>, tensor<*xf32>
}

// -----

// A kernel error leaves the op in place: Dropout in training mode (its mask
// would be random).
// CHECK-LABEL: func.func @kernel_error
// CHECK: kiln.dropout
func.func @kernel_error() -> tensor<*xf32> {
  %c = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %r = kiln.constant dense<0.5> : tensor<f32>
  %t = kiln.constant dense<true> : tensor<i1>
  %y = kiln.dropout %c, %r, %t : (tensor<2xf32>, tensor<f32>, tensor<i1>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}

// -----

// Packed ops are never folded: their constant operands are weights.
// CHECK-LABEL: func.func @packed
// CHECK: kiln.packed_mat_mul
func.func @packed() -> tensor<2x3xf32> {
  %a = kiln.constant dense<1.0> : tensor<2x4xf32>
  %w = kiln.constant dense<2.0> : tensor<1x4x16xf32>
  %none = kiln.none
  %y = kiln.packed_mat_mul %a, %w, %none, %none {columns = 3 : i64} : (tensor<2x4xf32>, tensor<1x4x16xf32>, none, none) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// The size cap: a small shape is not expanded into a larger tensor (with
// max-elements=4), but a rewrite no larger than its constant operands (a
// transpose) still folds.
// CHECK-LABEL: func.func @cap
// CHECK-NOT: kiln.expand
// CHECK-NOT: kiln.transpose
// CAP-LABEL: func.func @cap
// CAP: kiln.expand
// CAP-NOT: kiln.transpose
// CAP: return
func.func @cap() -> (tensor<*xf32>, tensor<*xf32>) {
  %c = kiln.constant dense<1.0> : tensor<1xf32>
  %s = kiln.constant dense<[2, 3]> : tensor<2xi64>
  %e = kiln.expand %c, %s : (tensor<1xf32>, tensor<2xi64>) -> tensor<*xf32>
  %w = kiln.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %t = kiln.transpose %w {perm = [1, 0]} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %e, %t : tensor<*xf32>, tensor<*xf32>
}
