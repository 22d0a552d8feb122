// RUN: kiln-opt --split-input-file --kiln-fuse-layer-norm %s | FileCheck %s

// PyTorch's opset-14 LayerNorm: nine ops become one; its constants go.
// CHECK-LABEL: func.func @torch_form
// CHECK-NEXT: %[[S:.*]] = kiln.constant dense<{{.*}}> : tensor<8xf32>
// CHECK-NEXT: %[[B:.*]] = kiln.constant dense<{{.*}}> : tensor<8xf32>
// CHECK-NEXT: %[[Y:.*]] = kiln.layer_normalization %arg0, %[[S]], %[[B]] {axis = 1 : i64, epsilon = 9.99999974E-6 : f32}
// CHECK-SAME: (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @torch_form(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %axes = kiln.constant dense<[-1]> : tensor<1xi64>
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-5> : tensor<f32>
  %scale = kiln.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]> : tensor<8xf32>
  %bias = kiln.constant dense<[0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]> : tensor<8xf32>
  %m = kiln.reduce_mean %x, %axes : (tensor<2x8xf32>, tensor<1xi64>) -> tensor<2x1xf32>
  %d = kiln.sub %x, %m : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %p = kiln.pow %d, %two : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %v = kiln.reduce_mean %p, %axes : (tensor<2x8xf32>, tensor<1xi64>) -> tensor<2x1xf32>
  %e = kiln.add %v, %eps : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
  %s = kiln.sqrt %e : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %n = kiln.div %d, %s : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %g = kiln.mul %n, %scale : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  %y = kiln.add %bias, %g : (tensor<8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// Over the last two dims, d * d for the square, Scale with a leading 1
// (reshaped to the normalized dims), no B; the Relu after it stays.
// CHECK-LABEL: func.func @two_dims_no_bias
// CHECK: %[[S:.*]] = kiln.constant dense<{{.*}}> : tensor<2x3xf32>
// CHECK: %[[N:.*]] = kiln.none
// CHECK: %[[Y:.*]] = kiln.layer_normalization %arg0, %[[S]], %[[N]] {axis = 1 : i64, epsilon = 1.000000e-03 : f32}
// CHECK: kiln.relu %[[Y]]
// CHECK-NOT: kiln.reduce_mean
func.func @two_dims_no_bias(%x: tensor<4x2x3xf32>) -> tensor<4x2x3xf32> {
  %axes = kiln.constant dense<[1, 2]> : tensor<2xi64>
  %eps = kiln.constant dense<[1.0e-3]> : tensor<1xf32>
  %scale = kiln.constant dense<[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]]> : tensor<1x2x3xf32>
  %m = kiln.reduce_mean %x, %axes : (tensor<4x2x3xf32>, tensor<2xi64>) -> tensor<4x1x1xf32>
  %d = kiln.sub %x, %m : (tensor<4x2x3xf32>, tensor<4x1x1xf32>) -> tensor<4x2x3xf32>
  %p = kiln.mul %d, %d : (tensor<4x2x3xf32>, tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
  %v = kiln.reduce_mean %p, %axes : (tensor<4x2x3xf32>, tensor<2xi64>) -> tensor<4x1x1xf32>
  %e = kiln.add %eps, %v : (tensor<1xf32>, tensor<4x1x1xf32>) -> tensor<4x1x1xf32>
  %s = kiln.sqrt %e : (tensor<4x1x1xf32>) -> tensor<4x1x1xf32>
  %n = kiln.div %d, %s : (tensor<4x2x3xf32>, tensor<4x1x1xf32>) -> tensor<4x2x3xf32>
  %g = kiln.mul %scale, %n : (tensor<1x2x3xf32>, tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
  %r = kiln.relu %g : (tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
  return %r : tensor<4x2x3xf32>
}

// -----

// Without any affine map: Scale is one 1.0.
// CHECK-LABEL: func.func @plain
// CHECK: %[[ONE:.*]] = kiln.constant dense<1.000000e+00> : tensor<1xf32>
// CHECK: kiln.layer_normalization %arg0, %[[ONE]], %{{.*}} {axis = 1 : i64
func.func @plain(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %axes = kiln.constant dense<[1]> : tensor<1xi64>
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-5> : tensor<f32>
  %m = kiln.reduce_mean %x, %axes : (tensor<3x5xf32>, tensor<1xi64>) -> tensor<3x1xf32>
  %d = kiln.sub %x, %m : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  %p = kiln.pow %d, %two : (tensor<3x5xf32>, tensor<f32>) -> tensor<3x5xf32>
  %v = kiln.reduce_mean %p, %axes : (tensor<3x5xf32>, tensor<1xi64>) -> tensor<3x1xf32>
  %e = kiln.add %v, %eps : (tensor<3x1xf32>, tensor<f32>) -> tensor<3x1xf32>
  %s = kiln.sqrt %e : (tensor<3x1xf32>) -> tensor<3x1xf32>
  %n = kiln.div %d, %s : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  return %n : tensor<3x5xf32>
}

// -----

// Not layer norms, kept: the mean over a leading dim; the deviation read
// by another op too; an exponent of 3; a Scale that varies along a
// batch dim (the Mul stays, the rest fuses).
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-4: kiln.reduce_mean
// CHECK-NOT: kiln.reduce_mean
// CHECK: kiln.layer_normalization %arg0
// CHECK: kiln.mul %{{.*}}, %{{.*}} : (tensor<3x5xf32>, tensor<3x1xf32>)
func.func @kept(%x: tensor<3x5xf32>) -> (tensor<3x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>) {
  %a0 = kiln.constant dense<[0]> : tensor<1xi64>
  %a1 = kiln.constant dense<[1]> : tensor<1xi64>
  %two = kiln.constant dense<2.0> : tensor<f32>
  %three = kiln.constant dense<3.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-5> : tensor<f32>
  %rows = kiln.constant dense<[[1.0], [2.0], [3.0]]> : tensor<3x1xf32>

  %m0 = kiln.reduce_mean %x, %a0 : (tensor<3x5xf32>, tensor<1xi64>) -> tensor<1x5xf32>
  %d0 = kiln.sub %x, %m0 : (tensor<3x5xf32>, tensor<1x5xf32>) -> tensor<3x5xf32>
  %p0 = kiln.pow %d0, %two : (tensor<3x5xf32>, tensor<f32>) -> tensor<3x5xf32>
  %v0 = kiln.reduce_mean %p0, %a0 : (tensor<3x5xf32>, tensor<1xi64>) -> tensor<1x5xf32>
  %e0 = kiln.add %v0, %eps : (tensor<1x5xf32>, tensor<f32>) -> tensor<1x5xf32>
  %s0 = kiln.sqrt %e0 : (tensor<1x5xf32>) -> tensor<1x5xf32>
  %n0 = kiln.div %d0, %s0 : (tensor<3x5xf32>, tensor<1x5xf32>) -> tensor<3x5xf32>

  %m1 = kiln.reduce_mean %x, %a1 : (tensor<3x5xf32>, tensor<1xi64>) -> tensor<3x1xf32>
  %d1 = kiln.sub %x, %m1 : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  %p1 = kiln.pow %d1, %three : (tensor<3x5xf32>, tensor<f32>) -> tensor<3x5xf32>
  %v1 = kiln.reduce_mean %p1, %a1 : (tensor<3x5xf32>, tensor<1xi64>) -> tensor<3x1xf32>
  %e1 = kiln.add %v1, %eps : (tensor<3x1xf32>, tensor<f32>) -> tensor<3x1xf32>
  %s1 = kiln.sqrt %e1 : (tensor<3x1xf32>) -> tensor<3x1xf32>
  %n1 = kiln.div %d1, %s1 : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  %o1 = kiln.add %n1, %d1 : (tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>

  %m2 = kiln.reduce_mean %x, %a1 : (tensor<3x5xf32>, tensor<1xi64>) -> tensor<3x1xf32>
  %d2 = kiln.sub %x, %m2 : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  %p2 = kiln.pow %d2, %two : (tensor<3x5xf32>, tensor<f32>) -> tensor<3x5xf32>
  %v2 = kiln.reduce_mean %p2, %a1 : (tensor<3x5xf32>, tensor<1xi64>) -> tensor<3x1xf32>
  %e2 = kiln.add %v2, %eps : (tensor<3x1xf32>, tensor<f32>) -> tensor<3x1xf32>
  %s2 = kiln.sqrt %e2 : (tensor<3x1xf32>) -> tensor<3x1xf32>
  %n2 = kiln.div %d2, %s2 : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  %g2 = kiln.mul %n2, %rows : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  return %n0, %o1, %g2, %x : tensor<3x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>
}

// -----

// LLaMA's RMSNorm: x * Reciprocal(sqrt(mean(x^2) + eps)), then
// Mul(weight, .): six ops become one; x's other user (the residual) stays.
// CHECK-LABEL: func.func @rms_reciprocal
// CHECK: %[[W:.*]] = kiln.constant dense<{{.*}}> : tensor<8xf32>
// CHECK: %[[Y:.*]] = kiln.rms_normalization %arg0, %[[W]] {axis = 1 : i64, epsilon = 9.99999997E-7 : f32}
// CHECK-SAME: (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
// CHECK: kiln.add %[[Y]], %arg0
// CHECK-NOT: kiln.reduce_mean
// CHECK-NOT: kiln.sqrt
func.func @rms_reciprocal(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %axes = kiln.constant dense<[-1]> : tensor<1xi64>
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-6> : tensor<f32>
  %w = kiln.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]> : tensor<8xf32>
  %p = kiln.pow %x, %two : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %m = kiln.reduce_mean %p, %axes : (tensor<2x8xf32>, tensor<1xi64>) -> tensor<2x1xf32>
  %e = kiln.add %m, %eps : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
  %s = kiln.sqrt %e : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %r = kiln.reciprocal %s : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %n = kiln.mul %x, %r : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %g = kiln.mul %w, %n : (tensor<8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %y = kiln.add %g, %x : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// x * x for the square, Div(1, s) times x on the right, over the last two
// dims, no Scale (one 1.0); and x / s with a Scale of one value.
// CHECK-LABEL: func.func @rms_forms
// CHECK: %[[ONE:.*]] = kiln.constant dense<1.000000e+00> : tensor<1xf32>
// CHECK: kiln.rms_normalization %arg0, %[[ONE]] {axis = 1 : i64, epsilon = 1.000000e-03 : f32}
// CHECK: kiln.rms_normalization %arg0, %{{.*}} {axis = 2 : i64, epsilon = 1.000000e-03 : f32}
// CHECK-SAME: (tensor<4x2x3xf32>, tensor<1xf32>)
// CHECK-NOT: kiln.div
func.func @rms_forms(%x: tensor<4x2x3xf32>) -> (tensor<4x2x3xf32>, tensor<4x2x3xf32>) {
  %axes = kiln.constant dense<[1, 2]> : tensor<2xi64>
  %last = kiln.constant dense<[2]> : tensor<1xi64>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<[1.0e-3]> : tensor<1xf32>
  %half = kiln.constant dense<[0.5]> : tensor<1xf32>
  %p = kiln.mul %x, %x : (tensor<4x2x3xf32>, tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
  %m = kiln.reduce_mean %p, %axes : (tensor<4x2x3xf32>, tensor<2xi64>) -> tensor<4x1x1xf32>
  %e = kiln.add %eps, %m : (tensor<1xf32>, tensor<4x1x1xf32>) -> tensor<4x1x1xf32>
  %s = kiln.sqrt %e : (tensor<4x1x1xf32>) -> tensor<4x1x1xf32>
  %r = kiln.div %one, %s : (tensor<f32>, tensor<4x1x1xf32>) -> tensor<4x1x1xf32>
  %n = kiln.mul %r, %x : (tensor<4x1x1xf32>, tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
  %p2 = kiln.pow %x, %two : (tensor<4x2x3xf32>, tensor<f32>) -> tensor<4x2x3xf32>
  %m2 = kiln.reduce_mean %p2, %last : (tensor<4x2x3xf32>, tensor<1xi64>) -> tensor<4x2x1xf32>
  %e2 = kiln.add %m2, %eps : (tensor<4x2x1xf32>, tensor<1xf32>) -> tensor<4x2x1xf32>
  %s2 = kiln.sqrt %e2 : (tensor<4x2x1xf32>) -> tensor<4x2x1xf32>
  %n2 = kiln.div %x, %s2 : (tensor<4x2x3xf32>, tensor<4x2x1xf32>) -> tensor<4x2x3xf32>
  %g2 = kiln.mul %n2, %half : (tensor<4x2x3xf32>, tensor<1xf32>) -> tensor<4x2x3xf32>
  return %n, %g2 : tensor<4x2x3xf32>, tensor<4x2x3xf32>
}

// -----

// Not RMS norms, kept: the mean of squares read by another op; x divided
// by the root of another tensor's mean square; a Scale varying along a
// batch dim (the Mul stays after the fused op).
// CHECK-LABEL: func.func @rms_kept
// CHECK-COUNT-2: kiln.reduce_mean
// CHECK-NOT: kiln.reduce_mean
// CHECK: kiln.rms_normalization %arg0, %{{.*}} {axis = 1 : i64
// CHECK-NEXT: kiln.mul %{{.*}}, %{{.*}} : (tensor<3x5xf32>, tensor<3x1xf32>)
func.func @rms_kept(%x: tensor<3x5xf32>, %z: tensor<3x5xf32>) -> (tensor<3x5xf32>, tensor<3x1xf32>, tensor<3x5xf32>, tensor<3x5xf32>) {
  %a1 = kiln.constant dense<[1]> : tensor<1xi64>
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-5> : tensor<f32>
  %rows = kiln.constant dense<[[1.0], [2.0], [3.0]]> : tensor<3x1xf32>

  %p0 = kiln.pow %x, %two : (tensor<3x5xf32>, tensor<f32>) -> tensor<3x5xf32>
  %m0 = kiln.reduce_mean %p0, %a1 : (tensor<3x5xf32>, tensor<1xi64>) -> tensor<3x1xf32>
  %e0 = kiln.add %m0, %eps : (tensor<3x1xf32>, tensor<f32>) -> tensor<3x1xf32>
  %s0 = kiln.sqrt %e0 : (tensor<3x1xf32>) -> tensor<3x1xf32>
  %n0 = kiln.div %x, %s0 : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>

  %p1 = kiln.pow %z, %two : (tensor<3x5xf32>, tensor<f32>) -> tensor<3x5xf32>
  %m1 = kiln.reduce_mean %p1, %a1 : (tensor<3x5xf32>, tensor<1xi64>) -> tensor<3x1xf32>
  %e1 = kiln.add %m1, %eps : (tensor<3x1xf32>, tensor<f32>) -> tensor<3x1xf32>
  %s1 = kiln.sqrt %e1 : (tensor<3x1xf32>) -> tensor<3x1xf32>
  %n1 = kiln.div %x, %s1 : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>

  %p2 = kiln.pow %x, %two : (tensor<3x5xf32>, tensor<f32>) -> tensor<3x5xf32>
  %m2 = kiln.reduce_mean %p2, %a1 : (tensor<3x5xf32>, tensor<1xi64>) -> tensor<3x1xf32>
  %e2 = kiln.add %m2, %eps : (tensor<3x1xf32>, tensor<f32>) -> tensor<3x1xf32>
  %s2 = kiln.sqrt %e2 : (tensor<3x1xf32>) -> tensor<3x1xf32>
  %n2 = kiln.div %x, %s2 : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  %g2 = kiln.mul %n2, %rows : (tensor<3x5xf32>, tensor<3x1xf32>) -> tensor<3x5xf32>
  return %n0, %m0, %n1, %g2 : tensor<3x5xf32>, tensor<3x1xf32>, tensor<3x5xf32>, tensor<3x5xf32>
}
