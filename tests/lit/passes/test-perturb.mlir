// RUN: kiln-opt --split-input-file --kiln-test-perturb %s | FileCheck %s

// The first Add with an f32 constant operand gets a copy of it with 1 added
// to every element; the Mul after it, and the constant's other user, keep
// theirs.
// CHECK-LABEL: func.func @add_first
// CHECK-DAG: %[[C:.*]] = kiln.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[P:.*]] = kiln.constant dense<[2.000000e+00, 3.000000e+00]> : tensor<2xf32>
// CHECK: %[[A:.*]] = kiln.add %arg0, %[[P]]
// CHECK: %[[M:.*]] = kiln.mul %[[A]], %[[C]]
// CHECK: kiln.sub %[[M]], %[[C]]
func.func @add_first(%x: tensor<2xf32>) -> tensor<2xf32> {
  %c = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %a = kiln.add %x, %c : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %m = kiln.mul %a, %c : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %s = kiln.sub %m, %c : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %s : tensor<2xf32>
}

// -----

// Ops of other kinds (Sub) and integer constants are skipped; the packed
// conv's weight is the first f32 constant operand it meets. The old weight,
// read by nothing else, is gone.
// CHECK-LABEL: func.func @packed_weight
// CHECK: kiln.sub %arg0, %{{.*}} : (tensor<1x1x2x2xf32>, tensor<f32>)
// CHECK: kiln.add %{{.*}}, %{{.*}} : (tensor<2xi64>, tensor<2xi64>)
// CHECK-NOT: dense<2.500000e-01>
// CHECK: %[[W:.*]] = kiln.constant dense<1.250000e+00> : tensor<1x1x6xf32>
// CHECK: kiln.packed_conv %{{.*}}, %[[W]]
func.func @packed_weight(%x: tensor<1x1x2x2xf32>, %i: tensor<2xi64>) -> (tensor<1x1x2x2xf32>, tensor<2xi64>) {
  %none = kiln.none
  %h = kiln.constant dense<0.5> : tensor<f32>
  %d = kiln.sub %x, %h : (tensor<1x1x2x2xf32>, tensor<f32>) -> tensor<1x1x2x2xf32>
  %k = kiln.constant dense<[1, 2]> : tensor<2xi64>
  %j = kiln.add %i, %k : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  %w = kiln.constant dense<0.25> : tensor<1x1x6xf32>
  %y = kiln.packed_conv %d, %w, %none, %none {out_channels = 1 : i64, kernel_shape = [1, 1],
      strides = [1, 1], pads = [0, 0, 0, 0], dilations = [1, 1]}
      : (tensor<1x1x2x2xf32>, tensor<1x1x6xf32>, none, none) -> tensor<1x1x2x2xf32>
  return %y, %j : tensor<1x1x2x2xf32>, tensor<2xi64>
}

// -----

// Nothing to perturb: the graph is left as it is.
// CHECK-LABEL: func.func @nothing
// CHECK: kiln.relu %arg0
// CHECK-NEXT: return
func.func @nothing(%x: tensor<2xf32>) -> tensor<2xf32> {
  %r = kiln.relu %x : (tensor<2xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}
