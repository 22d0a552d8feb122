// RUN: kiln-opt --split-input-file --kiln-fuse-elementwise %s | FileCheck %s

// SiLU after a packed conv: the sigmoid and the mul join the conv's epilogue.
// CHECK-LABEL: func.func @conv_silu
// CHECK: kiln.packed_conv {{.*}}kiln.fusion_group = [[G:[0-9]+]]
// CHECK: kiln.sigmoid {{.*}}{kiln.fusion_group = [[G]] : i64}
// CHECK: kiln.mul {{.*}}{kiln.fusion_group = [[G]] : i64}
func.func @conv_silu(%x: tensor<1x3x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %none = kiln.none
  %w = kiln.constant dense<0.25> : tensor<1x27x6xf32>
  %y = kiln.packed_conv %x, %w, %none, %none {out_channels = 4 : i64, kernel_shape = [3, 3],
      strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]}
      : (tensor<1x3x8x8xf32>, tensor<1x27x6xf32>, none, none) -> tensor<1x4x8x8xf32>
  %s = kiln.sigmoid %y : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %z = kiln.mul %y, %s : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %z : tensor<1x4x8x8xf32>
}

// -----

// A scalar constant may enter an epilogue (a splat); a per-channel tensor
// may not: the mul by %scale starts a pointwise group of its own, which the
// tanh after it joins.
// CHECK-LABEL: func.func @epilogue_operands
// CHECK: kiln.packed_mat_mul {{.*}}kiln.fusion_group = [[E:[0-9]+]]
// CHECK: kiln.add {{.*}}{kiln.fusion_group = [[E]] : i64}
// CHECK: kiln.mul %{{.*}}, %arg1 {kiln.fusion_group = [[P:[0-9]+]] : i64}
// CHECK: kiln.tanh {{.*}}{kiln.fusion_group = [[P]] : i64}
func.func @epilogue_operands(%a: tensor<4x10xf32>, %scale: tensor<5xf32>) -> tensor<4x5xf32> {
  %none = kiln.none
  %p = kiln.constant dense<0.5> : tensor<1x10x16xf32>
  %y = kiln.packed_mat_mul %a, %p, %none, %none {columns = 5 : i64}
      : (tensor<4x10xf32>, tensor<1x10x16xf32>, none, none) -> tensor<4x5xf32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %y1 = kiln.add %y, %one : (tensor<4x5xf32>, tensor<f32>) -> tensor<4x5xf32>
  %m = kiln.mul %y1, %scale : (tensor<4x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
  %t = kiln.tanh %m : (tensor<4x5xf32>) -> tensor<4x5xf32>
  return %t : tensor<4x5xf32>
}

// -----

// The conv's result is also returned, so nothing joins its epilogue; what
// was cut off (sigmoid, mul) stays one pointwise group.
// CHECK-LABEL: func.func @escaping_conv
// CHECK: kiln.packed_conv {{.*}}kernel_shape = [3, 3], out_channels
// CHECK: kiln.sigmoid {{.*}}{kiln.fusion_group = [[G:[0-9]+]] : i64}
// CHECK: kiln.mul {{.*}}{kiln.fusion_group = [[G]] : i64}
func.func @escaping_conv(%x: tensor<1x3x8x8xf32>) -> (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) {
  %none = kiln.none
  %w = kiln.constant dense<0.25> : tensor<1x27x6xf32>
  %y = kiln.packed_conv %x, %w, %none, %none {out_channels = 4 : i64, kernel_shape = [3, 3],
      strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]}
      : (tensor<1x3x8x8xf32>, tensor<1x27x6xf32>, none, none) -> tensor<1x4x8x8xf32>
  %s = kiln.sigmoid %y : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %z = kiln.mul %y, %s : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %y, %z : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>
}

// -----

// Pointwise groups: broadcast operands from outside are fine, results of
// another shape start a new group, and an op may not join a group whose
// value something outside reads before it (the group runs at its last
// member, after that reader).
// CHECK-LABEL: func.func @pointwise
// CHECK: kiln.exp {{.*}}{kiln.fusion_group = [[A:[0-9]+]] : i64}
// CHECK: kiln.add {{.*}}{kiln.fusion_group = [[A]] : i64}
// CHECK: kiln.reduce_sum %{{[0-9]+}}, %{{[0-9]+}} {keepdims = 1 : i64} :
// CHECK: kiln.neg %{{[0-9]+}} :
// CHECK: kiln.abs %{{[0-9]+}} :
func.func @pointwise(%x: tensor<3x7xf32>, %b: tensor<7xf32>) -> (tensor<3x7xf32>, tensor<3x1xf32>) {
  %e = kiln.exp %x : (tensor<3x7xf32>) -> tensor<3x7xf32>
  %s = kiln.add %e, %b : (tensor<3x7xf32>, tensor<7xf32>) -> tensor<3x7xf32>
  %axes = kiln.constant dense<1> : tensor<1xi64>
  %r = kiln.reduce_sum %s, %axes {keepdims = 1 : i64} : (tensor<3x7xf32>, tensor<1xi64>) -> tensor<3x1xf32>
  %n = kiln.neg %s : (tensor<3x7xf32>) -> tensor<3x7xf32>
  %a = kiln.abs %r : (tensor<3x1xf32>) -> tensor<3x1xf32>
  return %n, %a : tensor<3x7xf32>, tensor<3x1xf32>
}
