// RUN: kiln-opt --split-input-file --kiln-fuse-conv-prologue %s | FileCheck %s

// DenseNet's pre-activation: x * s + t, relu, then a 1x1 conv. The conv
// reads x and takes s and t as its prologue with in_activation relu; the
// chain goes.
// CHECK-LABEL: func.func @bn_relu_conv
// CHECK: %[[S:.*]] = kiln.constant dense<2.000000e+00> : tensor<2x1x1xf32>
// CHECK: %[[T:.*]] = kiln.constant dense<-1.000000e+00> : tensor<2x1x1xf32>
// CHECK: kiln.packed_conv %arg0, %{{.*}}, %{{.*}}, %{{.*}}, %[[S]], %[[T]] {{{.*}}in_activation = "relu"
// CHECK-NOT: kiln.mul
// CHECK-NOT: kiln.add
// CHECK-NOT: kiln.relu
func.func @bn_relu_conv(%x: tensor<1x2x4x4xf32>) -> tensor<1x3x4x4xf32> {
  %s = kiln.constant dense<2.0> : tensor<2x1x1xf32>
  %t = kiln.constant dense<-1.0> : tensor<2x1x1xf32>
  %m = kiln.mul %x, %s : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %a = kiln.add %m, %t : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %r = kiln.relu %a : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %w = kiln.constant dense<1.0> : tensor<1x2x6xf32>
  %none = kiln.none
  %y = kiln.packed_conv %r, %w, %none, %none {out_channels = 3 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x2x4x4xf32>, tensor<1x2x6xf32>, none, none) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// A squeeze-and-excitation scale: computed, 1 x C x 1 x 1, first operand
// of the multiply; no shift, no relu; a 1x1 conv at stride 2.
// CHECK-LABEL: func.func @se_scale
// CHECK: kiln.packed_conv %arg0, %{{.*}}, %{{.*}}, %{{.*}}, %arg1 {
// CHECK-NOT: in_activation
// CHECK-NOT: kiln.mul
func.func @se_scale(%x: tensor<1x2x4x4xf32>, %s: tensor<1x2x1x1xf32>) -> tensor<1x3x2x2xf32> {
  %m = kiln.mul %s, %x : (tensor<1x2x1x1xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %w = kiln.constant dense<1.0> : tensor<1x2x6xf32>
  %none = kiln.none
  %y = kiln.packed_conv %m, %w, %none, %none {out_channels = 3 : i64,
      kernel_shape = [1, 1], strides = [2, 2], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x2x4x4xf32>, tensor<1x2x6xf32>, none, none) -> tensor<1x3x2x2xf32>
  return %y : tensor<1x3x2x2xf32>
}

// -----

// Kept: a conv with pads (the zeros it packs would become relu(t)), a
// product another op also reads, and a scale that is not per channel.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-3: kiln.mul
// CHECK-NOT: in_activation
// CHECK-NOT: kiln.packed_conv %arg0
func.func @kept(%x: tensor<1x2x4x4xf32>, %e: tensor<1x2x4x4xf32>)
    -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x3x4x4xf32>) {
  %s = kiln.constant dense<2.0> : tensor<2x1x1xf32>
  %w = kiln.constant dense<1.0> : tensor<1x18x6xf32>
  %w1 = kiln.constant dense<1.0> : tensor<1x2x6xf32>
  %none = kiln.none
  %m = kiln.mul %x, %s : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %padded = kiln.packed_conv %m, %w, %none, %none {out_channels = 3 : i64,
      kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1],
      dilations = [1, 1]}
      : (tensor<1x2x4x4xf32>, tensor<1x18x6xf32>, none, none) -> tensor<1x3x4x4xf32>
  %m2 = kiln.mul %x, %s : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %shared = kiln.packed_conv %m2, %w1, %none, %none {out_channels = 3 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x2x4x4xf32>, tensor<1x2x6xf32>, none, none) -> tensor<1x3x4x4xf32>
  %m3 = kiln.mul %x, %e : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %full = kiln.packed_conv %m3, %w1, %none, %none {out_channels = 3 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x2x4x4xf32>, tensor<1x2x6xf32>, none, none) -> tensor<1x3x4x4xf32>
  return %padded, %shared, %m2, %full : tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x3x4x4xf32>
}
