// RUN: kiln-opt --split-input-file --kiln-fuse-attention %s | FileCheck %s

// PyTorch's attention: Div by sqrt(D), a per-key mask, Softmax, MatMul by
// V become one op; the divisor constant goes.
// CHECK-LABEL: func.func @torch_form
// CHECK-NEXT: %[[Y:.*]] = kiln.fused_attention %arg0, %arg1, %arg2, %arg3 {divisor = 8.000000e+00 : f32}
// CHECK-SAME: (tensor<1x2x5x64xf32>, tensor<1x2x64x7xf32>, tensor<1x2x7x64xf32>, tensor<1x1x1x7xf32>) -> tensor<1x2x5x64xf32>
// CHECK-NEXT: return %[[Y]]
func.func @torch_form(%q: tensor<1x2x5x64xf32>, %kt: tensor<1x2x64x7xf32>,
                      %v: tensor<1x2x7x64xf32>, %mask: tensor<1x1x1x7xf32>) -> tensor<1x2x5x64xf32> {
  %c = kiln.constant dense<8.0> : tensor<f32>
  %s = kiln.mat_mul %q, %kt : (tensor<1x2x5x64xf32>, tensor<1x2x64x7xf32>) -> tensor<1x2x5x7xf32>
  %d = kiln.div %s, %c : (tensor<1x2x5x7xf32>, tensor<f32>) -> tensor<1x2x5x7xf32>
  %a = kiln.add %d, %mask : (tensor<1x2x5x7xf32>, tensor<1x1x1x7xf32>) -> tensor<1x2x5x7xf32>
  %p = kiln.softmax %a {axis = -1 : i64} : (tensor<1x2x5x7xf32>) -> tensor<1x2x5x7xf32>
  %y = kiln.mat_mul %p, %v : (tensor<1x2x5x7xf32>, tensor<1x2x7x64xf32>) -> tensor<1x2x5x64xf32>
  return %y : tensor<1x2x5x64xf32>
}

// -----

// A scale multiplied from the left and no mask; a none takes the mask's
// place. V shared by every matrix.
// CHECK-LABEL: func.func @scale_no_mask
// CHECK: %[[N:.*]] = kiln.none
// CHECK-NEXT: %[[Y:.*]] = kiln.fused_attention %arg0, %arg1, %arg2, %[[N]] {scale = 1.250000e-01 : f32}
// CHECK-NOT: kiln.softmax
func.func @scale_no_mask(%q: tensor<3x5x4xf32>, %kt: tensor<3x4x9xf32>,
                         %v: tensor<9x2xf32>) -> tensor<3x5x2xf32> {
  %c = kiln.constant dense<[0.125]> : tensor<1xf32>
  %s = kiln.mat_mul %q, %kt : (tensor<3x5x4xf32>, tensor<3x4x9xf32>) -> tensor<3x5x9xf32>
  %m = kiln.mul %c, %s : (tensor<1xf32>, tensor<3x5x9xf32>) -> tensor<3x5x9xf32>
  %p = kiln.softmax %m : (tensor<3x5x9xf32>) -> tensor<3x5x9xf32>
  %y = kiln.mat_mul %p, %v : (tensor<3x5x9xf32>, tensor<9x2xf32>) -> tensor<3x5x2xf32>
  return %y : tensor<3x5x2xf32>
}

// -----

// The scaled scores are read outside the chain: the Div, the Add and the
// Softmax stay; only what follows could fuse, and without its MatMul
// nothing does.
// CHECK-LABEL: func.func @scores_used_twice
// CHECK: kiln.mat_mul
// CHECK: kiln.div
// CHECK: kiln.softmax
// CHECK-NOT: kiln.fused_attention
func.func @scores_used_twice(%q: tensor<5x4xf32>, %kt: tensor<4x7xf32>,
                             %v: tensor<7x3xf32>) -> (tensor<5x3xf32>, tensor<5x7xf32>) {
  %c = kiln.constant dense<2.0> : tensor<f32>
  %s = kiln.mat_mul %q, %kt : (tensor<5x4xf32>, tensor<4x7xf32>) -> tensor<5x7xf32>
  %d = kiln.div %s, %c : (tensor<5x7xf32>, tensor<f32>) -> tensor<5x7xf32>
  %p = kiln.softmax %d {axis = -1 : i64} : (tensor<5x7xf32>) -> tensor<5x7xf32>
  %y = kiln.mat_mul %p, %v : (tensor<5x7xf32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %y, %d : tensor<5x3xf32>, tensor<5x7xf32>
}

// -----

// A softmax over another dim than the last is not attention.
// CHECK-LABEL: func.func @other_axis
// CHECK: kiln.softmax
// CHECK-NOT: kiln.fused_attention
func.func @other_axis(%q: tensor<5x4xf32>, %kt: tensor<4x5xf32>,
                      %v: tensor<5x3xf32>) -> tensor<5x3xf32> {
  %s = kiln.mat_mul %q, %kt : (tensor<5x4xf32>, tensor<4x5xf32>) -> tensor<5x5xf32>
  %p = kiln.softmax %s {axis = 0 : i64} : (tensor<5x5xf32>) -> tensor<5x5xf32>
  %y = kiln.mat_mul %p, %v : (tensor<5x5xf32>, tensor<5x3xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}

// -----

// BERT's head split and merge: the transposes of Q, K and V and of the
// result become perms the kernel reads and writes through.
// CHECK-LABEL: func.func @head_transposes
// CHECK-NEXT: %[[Y:.*]] = kiln.fused_attention %arg0, %arg1, %arg2, %arg3 {divisor = 8.000000e+00 : f32, kt_perm = [0, 2, 3, 1], q_perm = [0, 2, 1, 3], v_perm = [0, 2, 1, 3], y_perm = [0, 2, 1, 3]}
// CHECK-SAME: (tensor<1x5x2x64xf32>, tensor<1x5x2x64xf32>, tensor<1x5x2x64xf32>, tensor<1x1x1x5xf32>) -> tensor<1x5x2x64xf32>
// CHECK-NEXT: return %[[Y]]
func.func @head_transposes(%q: tensor<1x5x2x64xf32>, %k: tensor<1x5x2x64xf32>,
                           %v: tensor<1x5x2x64xf32>, %mask: tensor<1x1x1x5xf32>) -> tensor<1x5x2x64xf32> {
  %qt = kiln.transpose %q {perm = [0, 2, 1, 3]} : (tensor<1x5x2x64xf32>) -> tensor<1x2x5x64xf32>
  %kt = kiln.transpose %k {perm = [0, 2, 3, 1]} : (tensor<1x5x2x64xf32>) -> tensor<1x2x64x5xf32>
  %vt = kiln.transpose %v {perm = [0, 2, 1, 3]} : (tensor<1x5x2x64xf32>) -> tensor<1x2x5x64xf32>
  %c = kiln.constant dense<8.0> : tensor<f32>
  %s = kiln.mat_mul %qt, %kt : (tensor<1x2x5x64xf32>, tensor<1x2x64x5xf32>) -> tensor<1x2x5x5xf32>
  %d = kiln.div %s, %c : (tensor<1x2x5x5xf32>, tensor<f32>) -> tensor<1x2x5x5xf32>
  %a = kiln.add %d, %mask : (tensor<1x2x5x5xf32>, tensor<1x1x1x5xf32>) -> tensor<1x2x5x5xf32>
  %p = kiln.softmax %a {axis = -1 : i64} : (tensor<1x2x5x5xf32>) -> tensor<1x2x5x5xf32>
  %y = kiln.mat_mul %p, %vt : (tensor<1x2x5x5xf32>, tensor<1x2x5x64xf32>) -> tensor<1x2x5x64xf32>
  %yt = kiln.transpose %y {perm = [0, 2, 1, 3]} : (tensor<1x2x5x64xf32>) -> tensor<1x5x2x64xf32>
  return %yt : tensor<1x5x2x64xf32>
}

// -----

// A V transposed so that its last dim moves, and a Q transpose another op
// also reads: both transposes stay (the kernel needs V's rows contiguous;
// the other reader needs Q's).
// CHECK-LABEL: func.func @transposes_kept
// CHECK: %[[QT:.*]] = kiln.transpose %arg0
// CHECK: %[[VT:.*]] = kiln.transpose %arg2
// CHECK: kiln.fused_attention %[[QT]], %arg1, %[[VT]], %{{.*}} :
// CHECK-NOT: _perm
func.func @transposes_kept(%q: tensor<4x5xf32>, %kt: tensor<4x7xf32>,
                           %v: tensor<3x7xf32>) -> (tensor<5x3xf32>, tensor<5x4xf32>) {
  %qt = kiln.transpose %q {perm = [1, 0]} : (tensor<4x5xf32>) -> tensor<5x4xf32>
  %vt = kiln.transpose %v {perm = [1, 0]} : (tensor<3x7xf32>) -> tensor<7x3xf32>
  %s = kiln.mat_mul %qt, %kt : (tensor<5x4xf32>, tensor<4x7xf32>) -> tensor<5x7xf32>
  %p = kiln.softmax %s : (tensor<5x7xf32>) -> tensor<5x7xf32>
  %y = kiln.mat_mul %p, %vt : (tensor<5x7xf32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %y, %qt : tensor<5x3xf32>, tensor<5x4xf32>
}

// -----

// 20000 keys: rows of any length fuse (the kernel takes the keys a block at
// a time where whole rows would not fit its buffers).
// CHECK-LABEL: func.func @long_rows
// CHECK-NEXT: %[[Y:.*]] = kiln.fused_attention %arg0, %arg1, %arg2, %arg3 {divisor = 8.000000e+00 : f32}
// CHECK-SAME: (tensor<1x4x64xf32>, tensor<1x64x20000xf32>, tensor<1x20000x64xf32>, tensor<1x1x20000xf32>) -> tensor<1x4x64xf32>
// CHECK-NEXT: return %[[Y]]
func.func @long_rows(%q: tensor<1x4x64xf32>, %kt: tensor<1x64x20000xf32>,
                     %v: tensor<1x20000x64xf32>, %mask: tensor<1x1x20000xf32>) -> tensor<1x4x64xf32> {
  %c = kiln.constant dense<8.0> : tensor<f32>
  %s = kiln.mat_mul %q, %kt : (tensor<1x4x64xf32>, tensor<1x64x20000xf32>) -> tensor<1x4x20000xf32>
  %d = kiln.div %s, %c : (tensor<1x4x20000xf32>, tensor<f32>) -> tensor<1x4x20000xf32>
  %a = kiln.add %d, %mask : (tensor<1x4x20000xf32>, tensor<1x1x20000xf32>) -> tensor<1x4x20000xf32>
  %p = kiln.softmax %a {axis = -1 : i64} : (tensor<1x4x20000xf32>) -> tensor<1x4x20000xf32>
  %y = kiln.mat_mul %p, %v : (tensor<1x4x20000xf32>, tensor<1x20000x64xf32>) -> tensor<1x4x64xf32>
  return %y : tensor<1x4x64xf32>
}

// -----

// ViT's export (torch's MultiheadAttention) divides Q by sqrt(D) before the
// product, Q itself a head split: the Div becomes the divisor and the
// transpose it read the q_perm; neither stays.
// CHECK-LABEL: func.func @scaled_query
// CHECK: %[[N:.*]] = kiln.none
// CHECK-NEXT: %[[Y:.*]] = kiln.fused_attention %arg0, %arg1, %arg2, %[[N]] {divisor = 8.000000e+00 : f32, q_perm = [1, 0, 2]}
// CHECK-SAME: (tensor<5x2x64xf32>, tensor<2x64x5xf32>, tensor<2x5x64xf32>, none) -> tensor<2x5x64xf32>
// CHECK-NOT: kiln.div
// CHECK-NOT: kiln.transpose
func.func @scaled_query(%q: tensor<5x2x64xf32>, %kt: tensor<2x64x5xf32>,
                        %v: tensor<2x5x64xf32>) -> tensor<2x5x64xf32> {
  %c = kiln.constant dense<8.0> : tensor<f32>
  %qh = kiln.transpose %q {perm = [1, 0, 2]} : (tensor<5x2x64xf32>) -> tensor<2x5x64xf32>
  %qs = kiln.div %qh, %c : (tensor<2x5x64xf32>, tensor<f32>) -> tensor<2x5x64xf32>
  %s = kiln.mat_mul %qs, %kt : (tensor<2x5x64xf32>, tensor<2x64x5xf32>) -> tensor<2x5x5xf32>
  %p = kiln.softmax %s {axis = -1 : i64} : (tensor<2x5x5xf32>) -> tensor<2x5x5xf32>
  %y = kiln.mat_mul %p, %v : (tensor<2x5x5xf32>, tensor<2x5x64xf32>) -> tensor<2x5x64xf32>
  return %y : tensor<2x5x64xf32>
}

// -----

// A Mul of KT (from the right) is taken the same way, as a scale.
// CHECK-LABEL: func.func @scaled_key
// CHECK: kiln.fused_attention %arg0, %arg1, %arg2, %{{.*}} {scale = 1.250000e-01 : f32}
// CHECK-NOT: kiln.mul
func.func @scaled_key(%q: tensor<5x4xf32>, %kt: tensor<4x7xf32>,
                      %v: tensor<7x3xf32>) -> tensor<5x3xf32> {
  %c = kiln.constant dense<[0.125]> : tensor<1xf32>
  %ks = kiln.mul %kt, %c : (tensor<4x7xf32>, tensor<1xf32>) -> tensor<4x7xf32>
  %s = kiln.mat_mul %q, %ks : (tensor<5x4xf32>, tensor<4x7xf32>) -> tensor<5x7xf32>
  %p = kiln.softmax %s {axis = -1 : i64} : (tensor<5x7xf32>) -> tensor<5x7xf32>
  %y = kiln.mat_mul %p, %v : (tensor<5x7xf32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}

// -----

// The scores are scaled already: a Div of Q stays, and so does a scaled Q
// read elsewhere.
// CHECK-LABEL: func.func @scaled_twice
// CHECK: %[[QS:.*]] = kiln.div %arg0
// CHECK: kiln.fused_attention %[[QS]], %arg1, %arg2, %{{.*}} {scale = 5.000000e-01 : f32}
// CHECK-LABEL: func.func @scaled_query_used_twice
// CHECK: %[[QS:.*]] = kiln.div %arg0
// CHECK: kiln.fused_attention %[[QS]], %arg1, %arg2, %{{.*}} :
func.func @scaled_twice(%q: tensor<5x4xf32>, %kt: tensor<4x7xf32>,
                        %v: tensor<7x3xf32>) -> tensor<5x3xf32> {
  %c = kiln.constant dense<2.0> : tensor<f32>
  %h = kiln.constant dense<0.5> : tensor<f32>
  %qs = kiln.div %q, %c : (tensor<5x4xf32>, tensor<f32>) -> tensor<5x4xf32>
  %s = kiln.mat_mul %qs, %kt : (tensor<5x4xf32>, tensor<4x7xf32>) -> tensor<5x7xf32>
  %m = kiln.mul %s, %h : (tensor<5x7xf32>, tensor<f32>) -> tensor<5x7xf32>
  %p = kiln.softmax %m {axis = -1 : i64} : (tensor<5x7xf32>) -> tensor<5x7xf32>
  %y = kiln.mat_mul %p, %v : (tensor<5x7xf32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}
func.func @scaled_query_used_twice(%q: tensor<5x4xf32>, %kt: tensor<4x7xf32>,
                                   %v: tensor<7x3xf32>) -> (tensor<5x3xf32>, tensor<5x4xf32>) {
  %c = kiln.constant dense<2.0> : tensor<f32>
  %qs = kiln.div %q, %c : (tensor<5x4xf32>, tensor<f32>) -> tensor<5x4xf32>
  %s = kiln.mat_mul %qs, %kt : (tensor<5x4xf32>, tensor<4x7xf32>) -> tensor<5x7xf32>
  %p = kiln.softmax %s {axis = -1 : i64} : (tensor<5x7xf32>) -> tensor<5x7xf32>
  %y = kiln.mat_mul %p, %v : (tensor<5x7xf32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  return %y, %qs : tensor<5x3xf32>, tensor<5x4xf32>
}
