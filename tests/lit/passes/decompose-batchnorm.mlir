// RUN: kiln-opt --split-input-file --kiln-decompose-batchnorm %s | FileCheck %s

// A BatchNorm with constant statistics becomes x * s + t per channel:
// s = scale / sqrt(var + eps) = [2, 0.5], t = B - mean * s = [0, -2], as
// C x 1 x 1 constants; the statistics, read by nothing else, are dropped.
// CHECK-LABEL: func.func @bn_relu
// CHECK-DAG: %[[S:.*]] = kiln.constant dense<{{\[\[\[}}2.000000e+00]], {{\[\[}}5.000000e-01]]]> : tensor<2x1x1xf32>
// CHECK-DAG: %[[T:.*]] = kiln.constant dense<{{\[\[\[}}0.000000e+00]], {{\[\[}}-2.000000e+00]]]> : tensor<2x1x1xf32>
// CHECK: %[[M:.*]] = kiln.mul %arg0, %[[S]] : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
// CHECK: %[[A:.*]] = kiln.add %[[M]], %[[T]]
// CHECK: kiln.relu %[[A]]
// CHECK-NOT: kiln.batch_normalization
// CHECK-NOT: tensor<2xf32>
func.func @bn_relu(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %scale = kiln.constant dense<[2.0, 1.0]> : tensor<2xf32>
  %b = kiln.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %mean = kiln.constant dense<[0.5, 2.0]> : tensor<2xf32>
  %var = kiln.constant dense<[1.0, 4.0]> : tensor<2xf32>
  %y = kiln.batch_normalization %x, %scale, %b, %mean, %var {epsilon = 0.0 : f32}
      : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = kiln.relu %y : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %r : tensor<1x2x4x4xf32>
}

// -----

// Statistics that are inputs, not constants, and a dynamic shape: kept.
// CHECK-LABEL: func.func @kept
// CHECK: kiln.batch_normalization %arg0
// CHECK: kiln.batch_normalization %arg2
func.func @kept(%x: tensor<1x2x4x4xf32>, %mean: tensor<2xf32>, %d: tensor<?x2x4xf32>)
    -> (tensor<1x2x4x4xf32>, tensor<?x2x4xf32>) {
  %scale = kiln.constant dense<[2.0, 1.0]> : tensor<2xf32>
  %b = kiln.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %var = kiln.constant dense<[1.0, 4.0]> : tensor<2xf32>
  %y = kiln.batch_normalization %x, %scale, %b, %mean, %var
      : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %z = kiln.batch_normalization %d, %scale, %b, %var, %var
      : (tensor<?x2x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?x2x4xf32>
  return %y, %z : tensor<1x2x4x4xf32>, tensor<?x2x4xf32>
}

// -----

// One constant as two statistics (mean and var alike): erased once.
// CHECK-LABEL: func.func @shared_stats
// CHECK: kiln.mul
// CHECK: kiln.add
// CHECK-NOT: kiln.batch_normalization
func.func @shared_stats(%x: tensor<1x2x3xf32>) -> tensor<1x2x3xf32> {
  %one = kiln.constant dense<[1.0, 1.0]> : tensor<2xf32>
  %zero = kiln.constant dense<[0.0, 0.0]> : tensor<2xf32>
  %y = kiln.batch_normalization %x, %one, %zero, %zero, %one
      : (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3xf32>
  return %y : tensor<1x2x3xf32>
}
