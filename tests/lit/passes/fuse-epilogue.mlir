// RUN: kiln-opt --split-input-file --kiln-fuse-epilogue %s | FileCheck %s

// Bias add, residual add and relu all fold into the packed conv; the bias
// constant is per channel (4x1x1 broadcast along dim 1).
// CHECK-LABEL: func.func @conv_chain
// CHECK: %[[B:.*]] = kiln.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
// CHECK: %[[Y:.*]] = kiln.packed_conv %arg0, %{{.*}}, %[[B]], %arg1 {activation = "relu"
// CHECK: return %[[Y]]
// CHECK-NOT: kiln.add
// CHECK-NOT: kiln.relu
func.func @conv_chain(%x: tensor<1x3x8x8xf32>, %skip: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %none = kiln.none
  %w = kiln.constant dense<0.25> : tensor<1x27x6xf32>
  %y = kiln.packed_conv %x, %w, %none, %none {out_channels = 4 : i64, kernel_shape = [3, 3],
      strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]}
      : (tensor<1x3x8x8xf32>, tensor<1x27x6xf32>, none, none) -> tensor<1x4x8x8xf32>
  %b = kiln.constant dense<[[[1.0]], [[2.0]], [[3.0]], [[4.0]]]> : tensor<4x1x1xf32>
  %z = kiln.add %y, %b : (tensor<1x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<1x4x8x8xf32>
  %s = kiln.add %skip, %z : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %r = kiln.relu %s : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %r : tensor<1x4x8x8xf32>
}

// -----

// A BatchNormalization folds into the packed weights and the bias:
// s = scale / sqrt(var + eps) = [2, 0.5], bias = B - mean * s = [1, 1];
// the panel's channel index is innermost, so each k row is scaled [2, 0.5].
// CHECK-LABEL: func.func @conv_batchnorm
// CHECK-DAG: %[[W:.*]] = kiln.constant dense<{{\[\[\[}}2.000000e+00, 5.000000e-01], [2.000000e+00, 5.000000e-01]]]> : tensor<1x2x2xf32>
// CHECK-DAG: %[[B:.*]] = kiln.constant dense<1.000000e+00> : tensor<2xf32>
// CHECK: kiln.packed_conv %arg0, %[[W]], %[[B]]
// CHECK-NOT: kiln.batch_normalization
func.func @conv_batchnorm(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %none = kiln.none
  %w = kiln.constant dense<1.0> : tensor<1x2x2xf32>
  %y = kiln.packed_conv %x, %w, %none, %none {out_channels = 2 : i64, kernel_shape = [1, 1],
      strides = [1, 1], pads = [0, 0, 0, 0], dilations = [1, 1]}
      : (tensor<1x2x4x4xf32>, tensor<1x2x2xf32>, none, none) -> tensor<1x2x4x4xf32>
  %scale = kiln.constant dense<[2.0, 1.0]> : tensor<2xf32>
  %shift = kiln.constant dense<[3.0, 1.5]> : tensor<2xf32>
  %mean = kiln.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %var = kiln.constant dense<[1.0, 4.0]> : tensor<2xf32>
  %bn = kiln.batch_normalization %y, %scale, %shift, %mean, %var {epsilon = 0.0 : f32}
      : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
      -> tensor<1x2x4x4xf32>
  return %bn : tensor<1x2x4x4xf32>
}

// -----

// Depthwise conv: BN then Clip(0, 6) (ReLU6).
// CHECK-LABEL: func.func @depthwise_relu6
// CHECK: kiln.depthwise_conv {{.*}}activation = "clip", clip_max = 6.000000e+00 : f32, clip_min = 0.000000e+00 : f32
// CHECK-NOT: kiln.clip
// CHECK-NOT: kiln.batch_normalization
func.func @depthwise_relu6(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %none = kiln.none
  %w = kiln.constant dense<1.0> : tensor<2x1x3x3xf32>
  %y = kiln.depthwise_conv %x, %w, %none {kernel_shape = [3, 3], strides = [1, 1],
      pads = [1, 1, 1, 1], dilations = [1, 1]}
      : (tensor<1x2x4x4xf32>, tensor<2x1x3x3xf32>, none) -> tensor<1x2x4x4xf32>
  %scale = kiln.constant dense<[2.0, 1.0]> : tensor<2xf32>
  %shift = kiln.constant dense<[3.0, 1.5]> : tensor<2xf32>
  %mean = kiln.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %var = kiln.constant dense<[1.0, 4.0]> : tensor<2xf32>
  %bn = kiln.batch_normalization %y, %scale, %shift, %mean, %var
      : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
      -> tensor<1x2x4x4xf32>
  %lo = kiln.constant dense<0.0> : tensor<f32>
  %hi = kiln.constant dense<6.0> : tensor<f32>
  %c = kiln.clip %bn, %lo, %hi : (tensor<1x2x4x4xf32>, tensor<f32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  return %c : tensor<1x2x4x4xf32>
}

// -----

// MatMul: a bias of N values (any leading 1s) and leaky_relu fold; a
// second activation after the first does not.
// CHECK-LABEL: func.func @matmul_chain
// CHECK: %[[Y:.*]] = kiln.packed_mat_mul {{.*}} {activation = "leaky_relu", alpha = 2.000000e-01 : f32, columns = 3 : i64}
// CHECK: kiln.relu %[[Y]]
// CHECK-NOT: kiln.add
func.func @matmul_chain(%a: tensor<4x2xf32>) -> tensor<4x3xf32> {
  %none = kiln.none
  %w = kiln.constant dense<1.0> : tensor<1x2x16xf32>
  %y = kiln.packed_mat_mul %a, %w, %none, %none {columns = 3 : i64}
      : (tensor<4x2xf32>, tensor<1x2x16xf32>, none, none) -> tensor<4x3xf32>
  %b = kiln.constant dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
  %z = kiln.add %b, %y : (tensor<1x3xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %l = kiln.leaky_relu %z {alpha = 0.2 : f32} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  %r = kiln.relu %l : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

// Not folded: a result with a second user, an add after the activation,
// an add that broadcasts the result to a larger shape, and a bias along
// the wrong axis.
// CHECK-LABEL: func.func @no_fusion
// CHECK: kiln.packed_mat_mul {{.*}} {columns = 3 : i64}
// CHECK: kiln.add
// CHECK: kiln.relu
// CHECK: kiln.packed_mat_mul {{.*}}activation = "relu"
// CHECK: kiln.add
// CHECK: kiln.packed_mat_mul {{.*}} {columns = 3 : i64}
// CHECK: kiln.add {{.*}} -> tensor<2x4x3xf32>
// CHECK: kiln.packed_mat_mul {{.*}} {columns = 3 : i64}
// CHECK: kiln.add {{.*}} (tensor<4x3xf32>, tensor<4x1xf32>)
func.func @no_fusion(%a: tensor<4x2xf32>, %big: tensor<2x4x3xf32>)
    -> (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<2x4x3xf32>, tensor<4x3xf32>) {
  %none = kiln.none
  %w = kiln.constant dense<1.0> : tensor<1x2x16xf32>
  %b = kiln.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %y = kiln.packed_mat_mul %a, %w, %none, %none {columns = 3 : i64}
      : (tensor<4x2xf32>, tensor<1x2x16xf32>, none, none) -> tensor<4x3xf32>
  %z = kiln.add %y, %b : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  %r = kiln.relu %y : (tensor<4x3xf32>) -> tensor<4x3xf32>
  %y2 = kiln.packed_mat_mul %a, %w, %none, %none {columns = 3 : i64, activation = "relu"}
      : (tensor<4x2xf32>, tensor<1x2x16xf32>, none, none) -> tensor<4x3xf32>
  %z2 = kiln.add %y2, %b : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  %y3 = kiln.packed_mat_mul %a, %w, %none, %none {columns = 3 : i64}
      : (tensor<4x2xf32>, tensor<1x2x16xf32>, none, none) -> tensor<4x3xf32>
  %z3 = kiln.add %y3, %big : (tensor<4x3xf32>, tensor<2x4x3xf32>) -> tensor<2x4x3xf32>
  %y4 = kiln.packed_mat_mul %a, %w, %none, %none {columns = 3 : i64}
      : (tensor<4x2xf32>, tensor<1x2x16xf32>, none, none) -> tensor<4x3xf32>
  %c = kiln.constant dense<[[1.0], [2.0], [3.0], [4.0]]> : tensor<4x1xf32>
  %z4 = kiln.add %y4, %c : (tensor<4x3xf32>, tensor<4x1xf32>) -> tensor<4x3xf32>
  return %z, %r, %z2, %z3, %z4 : tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>, tensor<2x4x3xf32>, tensor<4x3xf32>
}
