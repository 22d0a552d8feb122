// RUN: kiln-opt --split-input-file --kiln-pack-weights %s | FileCheck %s
// RUN: kiln-opt --split-input-file --kiln-pack-weights="panel-width=8 conv-panel-height=4" %s | FileCheck %s --check-prefix=SMALL
// RUN: kiln-opt --split-input-file --kiln-pack-weights="panel-width=32 narrow-panel-height=12 vector-lanes=16" %s | FileCheck %s --check-prefix=NARROW

// MatMul with a constant 2-D weight: B (10x5) becomes one 16-wide panel
// (ceil(5 / 16) = 1), its columns zero-padded; the old constant is gone.
// CHECK-LABEL: func.func @matmul
// CHECK: %[[W:.*]] = kiln.constant dense_resource<{{.*}}> : tensor<1x10x16xf32>
// CHECK: %[[N:.*]] = kiln.none
// CHECK: kiln.packed_mat_mul %arg0, %[[W]], %[[N]], %[[N]] {columns = 5 : i64}
// CHECK-SAME: -> tensor<4x5xf32>
// CHECK-NOT: kiln.mat_mul
// CHECK-NOT: tensor<10x5xf32>
// SMALL-LABEL: func.func @matmul
// SMALL: kiln.constant {{.*}} : tensor<1x10x8xf32>
func.func @matmul(%a: tensor<4x10xf32>) -> tensor<4x5xf32> {
  %w = kiln.constant dense<1.0> : tensor<10x5xf32>
  %y = kiln.mat_mul %a, %w : (tensor<4x10xf32>, tensor<10x5xf32>) -> tensor<4x5xf32>
  return %y : tensor<4x5xf32>
}

// -----

// The panel layout: W[p][k][j] = B[k][p * nr + j]. With 2x3 B and nr = 8,
// row k of the one panel is B's row k then five zeros.
// SMALL-LABEL: func.func @layout
// SMALL: kiln.constant dense<{{\[\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00, 0.000000e+00
// SMALL-SAME: tensor<1x2x8xf32>
func.func @layout(%a: tensor<3x2xf32>) -> tensor<3x3xf32> {
  %w = kiln.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %y = kiln.mat_mul %a, %w : (tensor<3x2xf32>, tensor<2x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// -----

// A batched A keeps its leading dims; a MatMul whose B is not constant, or
// is batched, is left alone.
// CHECK-LABEL: func.func @matmul_forms
// CHECK: kiln.packed_mat_mul {{.*}} -> tensor<2x7x20xf32>
// CHECK: kiln.mat_mul %arg0, %arg1
// CHECK: kiln.mat_mul {{.*}} -> tensor<2x7x3xf32>
func.func @matmul_forms(%a: tensor<2x7x17xf32>, %b: tensor<17x20xf32>)
    -> (tensor<2x7x20xf32>, tensor<2x7x20xf32>, tensor<2x7x3xf32>) {
  %w = kiln.constant dense<0.5> : tensor<17x20xf32>
  %y = kiln.mat_mul %a, %w : (tensor<2x7x17xf32>, tensor<17x20xf32>) -> tensor<2x7x20xf32>
  %z = kiln.mat_mul %a, %b : (tensor<2x7x17xf32>, tensor<17x20xf32>) -> tensor<2x7x20xf32>
  %v = kiln.constant dense<0.5> : tensor<2x17x3xf32>
  %u = kiln.mat_mul %a, %v : (tensor<2x7x17xf32>, tensor<2x17x3xf32>) -> tensor<2x7x3xf32>
  return %y, %z, %u : tensor<2x7x20xf32>, tensor<2x7x20xf32>, tensor<2x7x3xf32>
}

// -----

// Gemm: transB and alpha go into the panel, beta * C of N values becomes
// the bias; an MxN C (beta = 1) becomes the residual; transA is left alone.
// CHECK-LABEL: func.func @gemm
// CHECK-DAG: %[[BIAS:.*]] = kiln.constant dense<[2.000000e+00, 4.000000e+00, 6.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[W:.*]] = kiln.constant dense_resource<{{.*}}> : tensor<1x2x16xf32>
// CHECK: kiln.packed_mat_mul %arg0, %[[W]], %[[BIAS]], %{{.*}} {columns = 3 : i64}
// CHECK: kiln.packed_mat_mul %arg0, %{{.*}}, %{{.*}}, %arg1 {columns = 3 : i64}
// CHECK: kiln.gemm
// CHECK-SAME: transA = 1
// CHECK-NOT: kiln.gemm
func.func @gemm(%a: tensor<4x2xf32>, %r: tensor<4x3xf32>, %t: tensor<2x4xf32>)
    -> (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>) {
  %w = kiln.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %c = kiln.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %y = kiln.gemm %a, %w, %c {transB = 1 : i64, alpha = 0.5 : f32, beta = 2.0 : f32}
      : (tensor<4x2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  %z = kiln.gemm %a, %w, %r {transB = 1 : i64}
      : (tensor<4x2xf32>, tensor<3x2xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  %v = kiln.gemm %t, %w, %r {transA = 1 : i64, transB = 1 : i64}
      : (tensor<2x4xf32>, tensor<3x2xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %y, %z, %v : tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>
}

// -----

// Conv, group 1: K = 3 * 3 * 3 = 27, Cout = 4 in one panel of 6 channels
// (or of 4); SAME_UPPER and default strides/dilations become explicit.
// CHECK-LABEL: func.func @conv
// CHECK: %[[W:.*]] = kiln.constant dense_resource<{{.*}}> : tensor<1x27x6xf32>
// CHECK: kiln.packed_conv %arg0, %[[W]], %arg1, %{{.*}} {dilations = [1, 1], kernel_shape = [3, 3], out_channels = 4 : i64, pads = [0, 0, 1, 1], strides = [2, 2]}
// CHECK-SAME: (tensor<1x3x8x8xf32>, tensor<1x27x6xf32>, tensor<4xf32>, none) -> tensor<1x4x4x4xf32>
// CHECK-NOT: kiln.conv
// SMALL-LABEL: func.func @conv
// SMALL: tensor<1x27x4xf32>
func.func @conv(%x: tensor<1x3x8x8xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %w = kiln.constant dense<0.25> : tensor<4x3x3x3xf32>
  %y = kiln.conv %x, %w, %b {auto_pad = "SAME_UPPER", strides = [2, 2]}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

// Taller panels (narrow-panel-height) where the output plane ends in a
// partial vector of at most a third of them: 7x7 (49 = 3 x 16 + 1) and
// 14x14 (196 = 12 x 16 + 4) take 12 rows; 28x28 (no partial vector) and
// 13x13 (169 = 10 x 16 + 9) keep conv-panel-height's 6, as does every plane
// without the option.
// CHECK-LABEL: func.func @narrow_planes
// CHECK-COUNT-4: tensor<2x16x6xf32>
// NARROW-LABEL: func.func @narrow_planes
// NARROW: kiln.constant {{.*}} : tensor<1x16x12xf32>
// NARROW: kiln.packed_conv {{.*}} -> tensor<1x12x7x7xf32>
// NARROW: kiln.constant {{.*}} : tensor<1x16x12xf32>
// NARROW: kiln.packed_conv {{.*}} -> tensor<1x12x14x14xf32>
// NARROW: kiln.constant {{.*}} : tensor<2x16x6xf32>
// NARROW: kiln.packed_conv {{.*}} -> tensor<1x12x28x28xf32>
// NARROW: kiln.constant {{.*}} : tensor<2x16x6xf32>
// NARROW: kiln.packed_conv {{.*}} -> tensor<1x12x13x13xf32>
func.func @narrow_planes(%a: tensor<1x16x7x7xf32>, %b: tensor<1x16x14x14xf32>,
                         %c: tensor<1x16x28x28xf32>, %d: tensor<1x16x13x13xf32>)
    -> (tensor<1x12x7x7xf32>, tensor<1x12x14x14xf32>, tensor<1x12x28x28xf32>,
        tensor<1x12x13x13xf32>) {
  %none = kiln.none
  %w = kiln.constant dense<0.5> : tensor<12x16x1x1xf32>
  %ya = kiln.conv %a, %w, %none
      : (tensor<1x16x7x7xf32>, tensor<12x16x1x1xf32>, none) -> tensor<1x12x7x7xf32>
  %yb = kiln.conv %b, %w, %none
      : (tensor<1x16x14x14xf32>, tensor<12x16x1x1xf32>, none) -> tensor<1x12x14x14xf32>
  %yc = kiln.conv %c, %w, %none
      : (tensor<1x16x28x28xf32>, tensor<12x16x1x1xf32>, none) -> tensor<1x12x28x28xf32>
  %yd = kiln.conv %d, %w, %none
      : (tensor<1x16x13x13xf32>, tensor<12x16x1x1xf32>, none) -> tensor<1x12x13x13xf32>
  return %ya, %yb, %yc, %yd
      : tensor<1x12x7x7xf32>, tensor<1x12x14x14xf32>, tensor<1x12x28x28xf32>,
        tensor<1x12x13x13xf32>
}

// -----

// The conv panel layout: W[p][k][i] = weight[p * mr + i][k]. Two 1x1
// filters over 2 channels, mr = 4: row k holds channel k of both filters.
// SMALL-LABEL: func.func @conv_layout
// SMALL: kiln.constant dense<{{\[\[\[}}1.000000e+00, 3.000000e+00, 0.000000e+00, 0.000000e+00], [2.000000e+00, 4.000000e+00, 0.000000e+00, 0.000000e+00]]]> : tensor<1x2x4xf32>
func.func @conv_layout(%x: tensor<1x2x5x5xf32>) -> tensor<1x2x5x5xf32> {
  %none = kiln.none
  %w = kiln.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %y = kiln.conv %x, %w, %none
      : (tensor<1x2x5x5xf32>, tensor<2x2x1x1xf32>, none) -> tensor<1x2x5x5xf32>
  return %y : tensor<1x2x5x5xf32>
}

// -----

// Depthwise (group = C = Cout) keeps its weight and gets its own op; other
// grouped convs, convs with a weight that is not constant and 1-D convs
// stay as they are.
// CHECK-LABEL: func.func @conv_forms
// CHECK: kiln.depthwise_conv %arg0, %{{.*}}, %{{.*}} {dilations = [1, 1], kernel_shape = [3, 3], pads = [1, 1, 1, 1], strides = [1, 1]}
// CHECK-SAME: (tensor<1x8x6x6xf32>, tensor<8x1x3x3xf32>, none) -> tensor<1x8x6x6xf32>
// CHECK: kiln.conv {{.*}}group = 2
// CHECK: kiln.conv %arg0, %arg1
// CHECK: kiln.conv {{.*}} -> tensor<1x2x6xf32>
func.func @conv_forms(%x: tensor<1x8x6x6xf32>, %w2: tensor<8x8x1x1xf32>, %x1: tensor<1x2x8xf32>)
    -> (tensor<1x8x6x6xf32>, tensor<1x8x6x6xf32>, tensor<1x8x6x6xf32>, tensor<1x2x6xf32>) {
  %none = kiln.none
  %dw = kiln.constant dense<0.5> : tensor<8x1x3x3xf32>
  %a = kiln.conv %x, %dw, %none {group = 8 : i64, pads = [1, 1, 1, 1]}
      : (tensor<1x8x6x6xf32>, tensor<8x1x3x3xf32>, none) -> tensor<1x8x6x6xf32>
  %gw = kiln.constant dense<0.5> : tensor<8x4x1x1xf32>
  %b = kiln.conv %x, %gw, %none {group = 2 : i64}
      : (tensor<1x8x6x6xf32>, tensor<8x4x1x1xf32>, none) -> tensor<1x8x6x6xf32>
  %c = kiln.conv %x, %w2, %none
      : (tensor<1x8x6x6xf32>, tensor<8x8x1x1xf32>, none) -> tensor<1x8x6x6xf32>
  %w1 = kiln.constant dense<0.5> : tensor<2x2x3xf32>
  %d = kiln.conv %x1, %w1, %none
      : (tensor<1x2x8xf32>, tensor<2x2x3xf32>, none) -> tensor<1x2x6xf32>
  return %a, %b, %c, %d : tensor<1x8x6x6xf32>, tensor<1x8x6x6xf32>, tensor<1x8x6x6xf32>, tensor<1x2x6xf32>
}
