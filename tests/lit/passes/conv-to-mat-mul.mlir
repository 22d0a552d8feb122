// RUN: kiln-opt --split-input-file --kiln-conv-to-mat-mul="panel-width=16" %s | FileCheck %s

// A squeeze-and-excitation conv (20 -> 8 on a 1x1 plane) with bias and
// relu: a packed_mat_mul of the 2 x 20 view, the conv's panels of 6
// output channels re-packed into one panel of 16 columns, viewed back as
// 2 x 8 x 1 x 1. The epilogue carries over; the conv's weights go.
// CHECK-LABEL: func.func @squeeze
// CHECK: %[[B:.*]] = kiln.constant dense<5.000000e-01> : tensor<8xf32>
// CHECK: %[[W:.*]] = kiln.constant dense_resource<{{.*}}gemm> : tensor<1x20x16xf32>
// CHECK: %[[A:.*]] = kiln.flatten %arg0 {axis = 1 : i64} : (tensor<2x20x1x1xf32>) -> tensor<2x20xf32>
// CHECK: %[[M:.*]] = kiln.packed_mat_mul %[[A]], %[[W]], %[[B]], %{{.*}} {activation = "relu", columns = 8 : i64} : (tensor<2x20xf32>, tensor<1x20x16xf32>, tensor<8xf32>, none) -> tensor<2x8xf32>
// CHECK: %[[S:.*]] = kiln.constant dense<[2, 8, 1, 1]> : tensor<4xi64>
// CHECK: %[[Y:.*]] = kiln.reshape %[[M]], %[[S]] : (tensor<2x8xf32>, tensor<4xi64>) -> tensor<2x8x1x1xf32>
// CHECK: return %[[Y]]
// CHECK-NOT: kiln.packed_conv
// CHECK-NOT: tensor<2x20x6xf32>
func.func @squeeze(%x: tensor<2x20x1x1xf32>) -> tensor<2x8x1x1xf32> {
  %w = kiln.constant dense<0.25> : tensor<2x20x6xf32>
  %b = kiln.constant dense<0.5> : tensor<8xf32>
  %none = kiln.none
  %y = kiln.packed_conv %x, %w, %b, %none {out_channels = 8 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1], activation = "relu"}
      : (tensor<2x20x1x1xf32>, tensor<2x20x6xf32>, tensor<8xf32>, none) -> tensor<2x8x1x1xf32>
  return %y : tensor<2x8x1x1xf32>
}

// -----

// A residual is viewed as rows too; a clipped activation carries over.
// CHECK-LABEL: func.func @residual
// CHECK: %[[R:.*]] = kiln.flatten %arg1 {axis = 1 : i64} : (tensor<1x4x1x1xf32>) -> tensor<1x4xf32>
// CHECK: kiln.packed_mat_mul %{{.*}}, %{{.*}}, %{{.*}}, %[[R]] {activation = "clip", clip_max = 6.000000e+00 : f32, clip_min = 0.000000e+00 : f32, columns = 4 : i64}
func.func @residual(%x: tensor<1x3x1x1xf32>, %r: tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32> {
  %w = kiln.constant dense<0.25> : tensor<1x3x6xf32>
  %none = kiln.none
  %y = kiln.packed_conv %x, %w, %none, %r {out_channels = 4 : i64,
      kernel_shape = [1, 1], strides = [2, 2], pads = [0, 0, 0, 0],
      dilations = [1, 1], activation = "clip", clip_min = 0.0 : f32, clip_max = 6.0 : f32}
      : (tensor<1x3x1x1xf32>, tensor<1x3x6xf32>, none, tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  return %y : tensor<1x4x1x1xf32>
}

// -----

// SE's two convs in a row: the second reads the first's rows, with no view
// between them; the HardSigmoid that alone reads the second moves onto the
// rows, before the view back, so elementwise fusion can still take it into
// the product's epilogue.
// CHECK-LABEL: func.func @excite
// CHECK: %[[A:.*]] = kiln.flatten %arg0
// CHECK: %[[M1:.*]] = kiln.packed_mat_mul %[[A]], {{.*}} -> tensor<1x4xf32>
// CHECK-NOT: kiln.reshape
// CHECK: %[[M2:.*]] = kiln.packed_mat_mul %[[M1]], {{.*}} -> tensor<1x8xf32>
// CHECK: %[[H:.*]] = kiln.hard_sigmoid %[[M2]] {alpha = 2.500000e-01 : f32} : (tensor<1x8xf32>) -> tensor<1x8xf32>
// CHECK: %[[Y:.*]] = kiln.reshape %[[H]], %{{.*}} : (tensor<1x8xf32>, tensor<4xi64>) -> tensor<1x8x1x1xf32>
// CHECK: kiln.mul %arg1, %[[Y]]
func.func @excite(%p: tensor<1x8x1x1xf32>, %x: tensor<1x8x3x3xf32>) -> tensor<1x8x3x3xf32> {
  %w1 = kiln.constant dense<0.25> : tensor<1x8x6xf32>
  %w2 = kiln.constant dense<0.5> : tensor<2x4x6xf32>
  %none = kiln.none
  %a = kiln.packed_conv %p, %w1, %none, %none {out_channels = 4 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1], activation = "relu"}
      : (tensor<1x8x1x1xf32>, tensor<1x8x6xf32>, none, none) -> tensor<1x4x1x1xf32>
  %b = kiln.packed_conv %a, %w2, %none, %none {out_channels = 8 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x4x1x1xf32>, tensor<2x4x6xf32>, none, none) -> tensor<1x8x1x1xf32>
  %h = kiln.hard_sigmoid %b {alpha = 0.25 : f32} : (tensor<1x8x1x1xf32>) -> tensor<1x8x1x1xf32>
  %y = kiln.mul %x, %h : (tensor<1x8x3x3xf32>, tensor<1x8x1x1xf32>) -> tensor<1x8x3x3xf32>
  return %y : tensor<1x8x3x3xf32>
}

// -----

// Kept: a plane of several positions, a 3x3 kernel padded around one
// position, and a conv with a prologue (it scales its input as it packs).
// CHECK-LABEL: func.func @kept
// CHECK-NOT: kiln.packed_mat_mul
// CHECK-COUNT-3: kiln.packed_conv
// CHECK-NOT: kiln.packed_mat_mul
func.func @kept(%x: tensor<1x4x2x2xf32>, %p: tensor<1x4x1x1xf32>, %s: tensor<4x1x1xf32>)
    -> (tensor<1x6x2x2xf32>, tensor<1x6x1x1xf32>, tensor<1x6x1x1xf32>) {
  %w1 = kiln.constant dense<0.25> : tensor<1x4x6xf32>
  %w9 = kiln.constant dense<0.25> : tensor<1x36x6xf32>
  %none = kiln.none
  %a = kiln.packed_conv %x, %w1, %none, %none {out_channels = 6 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x4x2x2xf32>, tensor<1x4x6xf32>, none, none) -> tensor<1x6x2x2xf32>
  %b = kiln.packed_conv %p, %w9, %none, %none {out_channels = 6 : i64,
      kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1],
      dilations = [1, 1]}
      : (tensor<1x4x1x1xf32>, tensor<1x36x6xf32>, none, none) -> tensor<1x6x1x1xf32>
  %c = kiln.packed_conv %p, %w1, %none, %none, %s {out_channels = 6 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x4x1x1xf32>, tensor<1x4x6xf32>, none, none, tensor<4x1x1xf32>) -> tensor<1x6x1x1xf32>
  return %a, %b, %c : tensor<1x6x2x2xf32>, tensor<1x6x1x1xf32>, tensor<1x6x1x1xf32>
}
