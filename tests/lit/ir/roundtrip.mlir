// Parse, print and parse again, in the custom and in the generic form; the
// printed IR must keep every op, attribute, type and constant.
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt --mlir-print-op-generic %s | kiln-opt | FileCheck %s

// CHECK-LABEL: func.func @constants
// CHECK: %[[D:.*]] = kiln.constant dense<[1, -1]> : tensor<2xi64>
// CHECK: %[[S:.*]] = kiln.constant dense<2.500000e+00> : tensor<f32>
// CHECK: %[[R:.*]] = kiln.constant dense_resource<weights> : tensor<2x2xf32>
// CHECK: %[[N:.*]] = kiln.none
// CHECK: kiln.reshape %[[R]], %[[D]] : (tensor<2x2xf32>, tensor<2xi64>) -> tensor<1x4xf32>
// CHECK: kiln.clip %{{.*}}, %[[N]], %[[S]] : (tensor<1x4xf32>, none, tensor<f32>) -> tensor<1x4xf32>
func.func @constants() -> tensor<1x4xf32> {
  %d = kiln.constant dense<[1, -1]> : tensor<2xi64>
  %s = kiln.constant dense<2.5> : tensor<f32>
  %r = kiln.constant dense_resource<weights> : tensor<2x2xf32>
  %n = kiln.none
  %0 = kiln.reshape %r, %d : (tensor<2x2xf32>, tensor<2xi64>) -> tensor<1x4xf32>
  %1 = kiln.clip %0, %n, %s : (tensor<1x4xf32>, none, tensor<f32>) -> tensor<1x4xf32>
  return %1 : tensor<1x4xf32>
}

// Variadic operands and results, optional results, attributes of every
// kind, unranked and dynamic types.
// CHECK-LABEL: func.func @ops
// CHECK: kiln.sum %arg0, %arg1, %arg2 : (tensor<2x3xf32>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK: kiln.concat %arg0, %arg0 {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
// CHECK: %{{.*}}:3 = kiln.split %arg0, %{{.*}} {axis = 1 : i64, num_outputs = 3 : i64} : (tensor<2x3xf32>, none) -> (tensor<2x1xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
// CHECK: kiln.max_pool %arg3 {kernel_shape = [2, 2], strides = [2, 2]} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>)
// CHECK: kiln.max_pool %arg3 {kernel_shape = [2, 2]} : (tensor<1x3x8x8xf32>) -> tensor<1x3x7x7xf32>
// CHECK: kiln.leaky_relu %arg4 {alpha = 1.000000e-01 : f32} : (tensor<*xf32>) -> tensor<*xf32>
// CHECK: kiln.resize %arg3, %{{.*}}, %{{.*}}, %{{.*}} {coordinate_transformation_mode = "asymmetric", mode = "nearest"} : (tensor<1x3x8x8xf32>, none, tensor<4xf32>, none) -> tensor<1x3x?x?xf32>
// CHECK: kiln.einsum %arg0, %arg0 {equation = "ij,kj->ik"} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
// CHECK: kiln.constant_of_shape %{{.*}} {value = dense<1> : tensor<1xi32>} : (tensor<2xi64>) -> tensor<?x?xi32>
func.func @ops(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<f32>, %x: tensor<1x3x8x8xf32>, %u: tensor<*xf32>) {
  %none = kiln.none
  %0 = kiln.sum %a, %b, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %1 = kiln.concat %a, %a {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  %2:3 = kiln.split %a, %none {axis = 1 : i64, num_outputs = 3 : i64} : (tensor<2x3xf32>, none) -> (tensor<2x1xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  %3:2 = kiln.max_pool %x {kernel_shape = [2, 2], strides = [2, 2]} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>)
  %4 = kiln.max_pool %x {kernel_shape = [2, 2]} : (tensor<1x3x8x8xf32>) -> tensor<1x3x7x7xf32>
  %5 = kiln.leaky_relu %u {alpha = 0.1 : f32} : (tensor<*xf32>) -> tensor<*xf32>
  %sc = kiln.constant dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>
  %6 = kiln.resize %x, %none, %sc, %none {coordinate_transformation_mode = "asymmetric", mode = "nearest"} : (tensor<1x3x8x8xf32>, none, tensor<4xf32>, none) -> tensor<1x3x?x?xf32>
  %7 = kiln.einsum %a, %a {equation = "ij,kj->ik"} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
  %sh = kiln.constant dense<[2, 3]> : tensor<2xi64>
  %8 = kiln.constant_of_shape %sh {value = dense<1> : tensor<1xi32>} : (tensor<2xi64>) -> tensor<?x?xi32>
  return
}

// The blocked layout's ops (LayoutOps.td).
// CHECK-LABEL: func.func @layout
// CHECK: kiln.to_blocked %arg0 {block = 16 : i64} : (tensor<1x32x7x7xf32>) -> tensor<1x2x7x7x16xf32>
// CHECK: kiln.blocked_conv %{{.*}} {activation = "relu", block = 16 : i64, out_channels = 32 : i64} : (tensor<1x2x7x7x16xf32>, tensor<1x32x32xf32>, none, tensor<1x2x7x7x16xf32>) -> tensor<1x2x7x7x16xf32>
// CHECK: kiln.blocked_conv %{{.*}} {block = 16 : i64, kernel_shape = [3, 3], out_channels = 32 : i64, pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x2x7x7x16xf32>, tensor<1x288x32xf32>, none, none) -> tensor<1x2x4x4x16xf32>
// CHECK: kiln.from_blocked %{{.*}} : (tensor<1x2x7x7x16xf32>) -> tensor<1x32x7x7xf32>
// CHECK: kiln.blocked_global_average_pool %{{.*}} : (tensor<1x2x7x7x16xf32>) -> tensor<1x32x1x1xf32>
func.func @layout(%x: tensor<1x32x7x7xf32>, %w: tensor<1x32x32xf32>, %w3: tensor<1x288x32xf32>, %n: none) -> (tensor<1x32x7x7xf32>, tensor<1x32x1x1xf32>, tensor<1x2x4x4x16xf32>) {
  %b = kiln.to_blocked %x {block = 16 : i64} : (tensor<1x32x7x7xf32>) -> tensor<1x2x7x7x16xf32>
  %c = kiln.blocked_conv %b, %w, %n, %b {out_channels = 32 : i64, block = 16 : i64, activation = "relu"} : (tensor<1x2x7x7x16xf32>, tensor<1x32x32xf32>, none, tensor<1x2x7x7x16xf32>) -> tensor<1x2x7x7x16xf32>
  %s = kiln.blocked_conv %c, %w3, %n, %n {out_channels = 32 : i64, block = 16 : i64, kernel_shape = [3, 3], strides = [2, 2], pads = [1, 1, 1, 1]} : (tensor<1x2x7x7x16xf32>, tensor<1x288x32xf32>, none, none) -> tensor<1x2x4x4x16xf32>
  %y = kiln.from_blocked %c : (tensor<1x2x7x7x16xf32>) -> tensor<1x32x7x7xf32>
  %p = kiln.blocked_global_average_pool %c : (tensor<1x2x7x7x16xf32>) -> tensor<1x32x1x1xf32>
  return %y, %p, %s : tensor<1x32x7x7xf32>, tensor<1x32x1x1xf32>, tensor<1x2x4x4x16xf32>
}

// The blob survives the round trip: 4 bytes of alignment, then 1, 2, 3, 4
// as little-endian f32.
// CHECK: dialect_resources
// CHECK: weights: "0x040000000000803F000000400000404000008040"
{-#
  dialect_resources: {
    builtin: {
      weights: "0x040000000000803F000000400000404000008040"
    }
  }
#-}
