// RUN: kiln-opt --split-input-file --kiln-fold-transpose %s | FileCheck %s

// x @ y.T, and a head split of both operands: each MatMul reads its
// Transposes' inputs through perms, and the Transposes go.
// CHECK-LABEL: func.func @folded
// CHECK-NEXT: %[[Y:.*]] = kiln.transposed_mat_mul %arg0, %arg1 {b_perm = [1, 0]}
// CHECK-SAME: (tensor<5x3xf32>, tensor<7x3xf32>) -> tensor<5x7xf32>
// CHECK-NEXT: %[[H:.*]] = kiln.transposed_mat_mul %arg2, %arg3 {a_perm = [0, 2, 1, 3], b_perm = [0, 2, 3, 1]}
// CHECK-SAME: (tensor<1x6x2x4xf32>, tensor<1x9x2x4xf32>) -> tensor<1x2x6x9xf32>
// CHECK-NEXT: return %[[Y]], %[[H]]
func.func @folded(%x: tensor<5x3xf32>, %y: tensor<7x3xf32>, %q: tensor<1x6x2x4xf32>, %k: tensor<1x9x2x4xf32>) -> (tensor<5x7xf32>, tensor<1x2x6x9xf32>) {
  %yt = kiln.transpose %y {perm = [1, 0]} : (tensor<7x3xf32>) -> tensor<3x7xf32>
  %z = kiln.mat_mul %x, %yt : (tensor<5x3xf32>, tensor<3x7xf32>) -> tensor<5x7xf32>
  %qt = kiln.transpose %q {perm = [0, 2, 1, 3]} : (tensor<1x6x2x4xf32>) -> tensor<1x2x6x4xf32>
  %kt = kiln.transpose %k {perm = [0, 2, 3, 1]} : (tensor<1x9x2x4xf32>) -> tensor<1x2x4x9xf32>
  %s = kiln.mat_mul %qt, %kt : (tensor<1x2x6x4xf32>, tensor<1x2x4x9xf32>) -> tensor<1x2x6x9xf32>
  return %z, %s : tensor<5x7xf32>, tensor<1x2x6x9xf32>
}

// -----

// A Transpose without perm (all dims reversed) folds too.
// CHECK-LABEL: func.func @default_perm
// CHECK: kiln.transposed_mat_mul %arg0, %arg1 {a_perm = [1, 0]}
func.func @default_perm(%x: tensor<3x5xf32>, %y: tensor<3x7xf32>) -> tensor<5x7xf32> {
  %xt = kiln.transpose %x : (tensor<3x5xf32>) -> tensor<5x3xf32>
  %z = kiln.mat_mul %xt, %y : (tensor<5x3xf32>, tensor<3x7xf32>) -> tensor<5x7xf32>
  return %z : tensor<5x7xf32>
}

// -----

// Kept: a Transpose read by another op too, a 1-D operand, a dynamic
// shape, a transposed A times constant weights (kiln-pack-weights'), and a
// B to pack whose K passes 1536.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-5: kiln.transpose
// CHECK-NOT: kiln.transposed_mat_mul
func.func @kept(%x: tensor<5x3xf32>, %y: tensor<7x3xf32>, %v: tensor<3xf32>, %w: tensor<3x4xf32>, %d: tensor<?x3xf32>, %lx: tensor<2x2000xf32>, %ly: tensor<3x2000xf32>) -> (tensor<5x7xf32>, tensor<3x7xf32>, tensor<4xf32>, tensor<5x?xf32>, tensor<4x2xf32>, tensor<2x3xf32>) {
  %lt = kiln.transpose %ly {perm = [1, 0]} : (tensor<3x2000xf32>) -> tensor<2000x3xf32>
  %l = kiln.mat_mul %lx, %lt : (tensor<2x2000xf32>, tensor<2000x3xf32>) -> tensor<2x3xf32>
  %c = kiln.constant dense<1.0> : tensor<3x2xf32>
  %wt2 = kiln.transpose %w {perm = [1, 0]} : (tensor<3x4xf32>) -> tensor<4x3xf32>
  %f = kiln.mat_mul %wt2, %c : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
  %yt = kiln.transpose %y {perm = [1, 0]} : (tensor<7x3xf32>) -> tensor<3x7xf32>
  %z = kiln.mat_mul %x, %yt : (tensor<5x3xf32>, tensor<3x7xf32>) -> tensor<5x7xf32>
  %wt = kiln.transpose %w {perm = [1, 0]} : (tensor<3x4xf32>) -> tensor<4x3xf32>
  %u = kiln.mat_mul %wt, %v : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4xf32>
  %dt = kiln.transpose %d {perm = [1, 0]} : (tensor<?x3xf32>) -> tensor<3x?xf32>
  %e = kiln.mat_mul %x, %dt : (tensor<5x3xf32>, tensor<3x?xf32>) -> tensor<5x?xf32>
  return %z, %yt, %u, %e, %f, %l : tensor<5x7xf32>, tensor<3x7xf32>, tensor<4xf32>, tensor<5x?xf32>, tensor<4x2xf32>, tensor<2x3xf32>
}
