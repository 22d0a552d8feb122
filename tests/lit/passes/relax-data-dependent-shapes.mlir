// RUN: kiln-opt --split-input-file --kiln-relax-data-dependent-shapes %s | FileCheck %s

// NonZero's count depends on the data: the declared 3 becomes `?`, and so
// does every type downstream that only copied it. The shape of the result
// is still provable (its rank), the inputs keep their types, and the
// signature follows the returned values.
// CHECK-LABEL: func.func @non_zero
// CHECK-SAME: (%{{.*}}: tensor<2x3xf32>) -> (tensor<2x?xi64>, tensor<2xi64>)
// CHECK: kiln.non_zero {{.*}} -> tensor<2x?xi64>
// CHECK: kiln.shape {{.*}} : (tensor<2x?xi64>) -> tensor<2xi64>
// CHECK: kiln.neg {{.*}} : (tensor<2x?xi64>) -> tensor<2x?xi64>
// CHECK: kiln.add {{.*}} -> tensor<2x?xi64>
// CHECK: return {{.*}} : tensor<2x?xi64>, tensor<2xi64>
func.func @non_zero(%x: tensor<2x3xf32>) -> (tensor<2x3xi64>, tensor<2xi64>) {
  %n = kiln.non_zero %x : (tensor<2x3xf32>) -> tensor<2x3xi64>
  %s = kiln.shape %n : (tensor<2x3xi64>) -> tensor<2xi64>
  %y = kiln.neg %n : (tensor<2x3xi64>) -> tensor<2x3xi64>
  %c = kiln.constant dense<1> : tensor<2x1xi64>
  %z = kiln.add %y, %c : (tensor<2x3xi64>, tensor<2x1xi64>) -> tensor<2x3xi64>
  return %z, %s : tensor<2x3xi64>, tensor<2xi64>
}

// -----

// Range with runtime bounds: the length is unknown until run time.
// CHECK-LABEL: func.func @range_runtime
// CHECK-SAME: -> tensor<?xf32>
// CHECK: kiln.range {{.*}} -> tensor<?xf32>
// CHECK: kiln.relu {{.*}} : (tensor<?xf32>) -> tensor<?xf32>
func.func @range_runtime(%s: tensor<f32>, %l: tensor<f32>, %d: tensor<f32>) -> tensor<2xf32> {
  %r = kiln.range %s, %l, %d : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<2xf32>
  %y = kiln.relu %r : (tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

// Constant operands prove the shapes: nothing changes, downstream either.
// CHECK-LABEL: func.func @constant_operands
// CHECK-SAME: -> (tensor<5xi64>, tensor<4x3xf32>)
// CHECK: kiln.range {{.*}} -> tensor<5xi64>
// CHECK: kiln.reshape {{.*}} -> tensor<4x3xf32>
// CHECK: kiln.relu {{.*}} : (tensor<4x3xf32>) -> tensor<4x3xf32>
// CHECK-NOT: ?
func.func @constant_operands(%x: tensor<2x6xf32>) -> (tensor<5xi64>, tensor<4x3xf32>) {
  %s = kiln.constant dense<0> : tensor<i64>
  %l = kiln.constant dense<10> : tensor<i64>
  %d = kiln.constant dense<2> : tensor<i64>
  %r = kiln.range %s, %l, %d : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<5xi64>
  %t = kiln.constant dense<[4, -1]> : tensor<2xi64>
  %y = kiln.reshape %x, %t : (tensor<2x6xf32>, tensor<2xi64>) -> tensor<4x3xf32>
  %z = kiln.relu %y : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r, %z : tensor<5xi64>, tensor<4x3xf32>
}

// -----

// A declared type that contradicts the constant operands is replaced by
// the proven one.
// CHECK-LABEL: func.func @wrong_declared
// CHECK: kiln.range {{.*}} -> tensor<4xi64>
func.func @wrong_declared() -> tensor<7xi64> {
  %s = kiln.constant dense<0> : tensor<i64>
  %l = kiln.constant dense<4> : tensor<i64>
  %d = kiln.constant dense<1> : tensor<i64>
  %r = kiln.range %s, %l, %d : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<7xi64>
  return %r : tensor<7xi64>
}

// -----

// A reshape to a runtime shape keeps the rank its shape operand proves.
// CHECK-LABEL: func.func @reshape_runtime
// CHECK: kiln.reshape {{.*}} -> tensor<?x?xf32>
// CHECK: kiln.transpose {{.*}} -> tensor<?x?xf32>
func.func @reshape_runtime(%x: tensor<2x6xf32>, %t: tensor<2xi64>) -> tensor<3x4xf32> {
  %y = kiln.reshape %x, %t : (tensor<2x6xf32>, tensor<2xi64>) -> tensor<4x3xf32>
  %z = kiln.transpose %y {perm = [1, 0]} : (tensor<4x3xf32>) -> tensor<3x4xf32>
  return %z : tensor<3x4xf32>
}

// -----

// Compress has no shape rule: its declared rank stays, every dim becomes
// `?`; a user whose rule proves its type from the operand shapes keeps it.
// CHECK-LABEL: func.func @compress
// CHECK: kiln.compress {{.*}} -> tensor<?x?xf32>
// CHECK: kiln.shape {{.*}} -> tensor<2xi64>
// CHECK: kiln.reduce_sum {{.*}} -> tensor<?xf32>
func.func @compress(%x: tensor<4x2xf32>, %c: tensor<4xi1>) -> (tensor<2xi64>, tensor<2xf32>) {
  %y = kiln.compress %x, %c {axis = 0 : i64} : (tensor<4x2xf32>, tensor<4xi1>) -> tensor<2x2xf32>
  %s = kiln.shape %y : (tensor<2x2xf32>) -> tensor<2xi64>
  %a = kiln.constant dense<[1]> : tensor<1xi64>
  %r = kiln.reduce_sum %y, %a {keepdims = 0 : i64} : (tensor<2x2xf32>, tensor<1xi64>) -> tensor<2xf32>
  return %s, %r : tensor<2xi64>, tensor<2xf32>
}

// -----

// Range already typed `?` by the importer: its users still only copied the
// declared shape of the graph output, so they are recomputed too.
// CHECK-LABEL: func.func @declared_downstream
// CHECK-SAME: -> tensor<?xf32>
// CHECK: kiln.range {{.*}} -> tensor<?xf32>
// CHECK: kiln.mul {{.*}} -> tensor<?xf32>
func.func @declared_downstream(%s: tensor<f32>, %l: tensor<f32>, %d: tensor<f32>) -> tensor<2xf32> {
  %r = kiln.range %s, %l, %d : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
  %c = kiln.constant dense<2.0> : tensor<f32>
  %y = kiln.mul %r, %c : (tensor<?xf32>, tensor<f32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
