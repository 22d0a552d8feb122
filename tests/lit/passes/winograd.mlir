// RUN: kiln-opt --split-input-file --kiln-winograd="vector-lanes=16 cache-bytes=2097152" %s | FileCheck %s
// RUN: kiln-opt --split-input-file --kiln-winograd="vector-lanes=8 cache-bytes=1048576" %s | FileCheck %s --check-prefix=AVX2
// RUN: kiln-opt --split-input-file --kiln-winograd="vector-lanes=16 cache-bytes=1048576" %s | FileCheck %s --check-prefix=L2-1MB

// ResNet's 3x3 block conv with bias, residual and relu: F(4, 3) with 16
// lanes (U: 36 elements x 6 panels of 11 channels x 64 input channels: one
// band, so an even count of panels rather than 5 of 13) and with 8; the
// epilogue carries over and the packed weight goes.
// CHECK-LABEL: func.func @block
// CHECK: %[[B:.*]] = kiln.constant dense<5.000000e-01> : tensor<64xf32>
// CHECK: %[[U:.*]] = kiln.constant dense_resource<{{.*}}winograd> : tensor<6x36x64x11xf32>
// CHECK: kiln.winograd_conv %arg0, %[[U]], %[[B]], %arg1 {activation = "relu", out_channels = 64 : i64, pads = [1, 1, 1, 1], tile = 4 : i64}
// CHECK-NOT: kiln.packed_conv
// CHECK-NOT: tensor<11x576x6xf32>
// AVX2-LABEL: func.func @block
// AVX2: kiln.winograd_conv {{.*}}tile = 4 : i64{{.*}}tensor<11x36x64x6xf32>
func.func @block(%x: tensor<1x64x32x32xf32>, %skip: tensor<1x64x32x32xf32>) -> tensor<1x64x32x32xf32> {
  %w = kiln.constant dense<0.01> : tensor<11x576x6xf32>
  %b = kiln.constant dense<0.5> : tensor<64xf32>
  %y = kiln.packed_conv %x, %w, %b, %skip {out_channels = 64 : i64,
      kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1],
      dilations = [1, 1], activation = "relu"}
      : (tensor<1x64x32x32xf32>, tensor<11x576x6xf32>, tensor<64xf32>, tensor<1x64x32x32xf32>) -> tensor<1x64x32x32xf32>
  return %y : tensor<1x64x32x32xf32>
}

// -----

// 14x14 with 256 channels: with a 2 MB L2, F(4, 3)'s 4x fewer products
// outweigh reading its 9.4 MB of weights once per image; with 1 MB, a band
// of F(4, 3)'s transformed input does not fit half of L2, and F(2, 3) runs.
// CHECK-LABEL: func.func @deep
// CHECK: kiln.winograd_conv {{.*}}tile = 4 : i64
// L2-1MB-LABEL: func.func @deep
// L2-1MB: kiln.winograd_conv {{.*}}tile = 2 : i64{{.*}}tensor<{{[0-9]+}}x16x256x{{[0-9]+}}xf32>
func.func @deep(%x: tensor<1x256x14x14xf32>) -> tensor<1x256x14x14xf32> {
  %w = kiln.constant dense<0.01> : tensor<43x2304x6xf32>
  %none = kiln.none
  %y = kiln.packed_conv %x, %w, %none, %none {out_channels = 256 : i64,
      kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1],
      dilations = [1, 1]}
      : (tensor<1x256x14x14xf32>, tensor<43x2304x6xf32>, none, none) -> tensor<1x256x14x14xf32>
  return %y : tensor<1x256x14x14xf32>
}

// -----

// ResNet-50's last stage, 512 channels at 7x7: the direct kernel computes 4
// vectors of 16 for the plane's 49 positions, and F(2, 3)'s 16.8 MB of
// weights are read once per image while its products run, so F(2, 3)
// wins with 16 lanes (measured 1.6 against 3.0 ms at 1 thread on a Zen 4).
// CHECK-LABEL: func.func @last_stage
// CHECK: kiln.winograd_conv {{.*}}tile = 2 : i64
func.func @last_stage(%x: tensor<1x512x7x7xf32>) -> tensor<1x512x7x7xf32> {
  %w = kiln.constant dense<0.01> : tensor<86x4608x6xf32>
  %none = kiln.none
  %y = kiln.packed_conv %x, %w, %none, %none {out_channels = 512 : i64,
      kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1],
      dilations = [1, 1]}
      : (tensor<1x512x7x7xf32>, tensor<86x4608x6xf32>, none, none) -> tensor<1x512x7x7xf32>
  return %y : tensor<1x512x7x7xf32>
}

// -----

// Kept direct: stride 2, dilation 2, a 1x1 kernel, a conv with a prologue,
// and three input channels (the transforms would cost more than they save).
// CHECK-LABEL: func.func @kept
// CHECK-NOT: kiln.winograd_conv
// CHECK-COUNT-5: kiln.packed_conv
// CHECK-NOT: kiln.winograd_conv
func.func @kept(%x: tensor<1x64x32x32xf32>, %s: tensor<64x1x1xf32>, %img: tensor<1x3x32x32xf32>)
    -> (tensor<1x64x16x16xf32>, tensor<1x64x30x30xf32>, tensor<1x64x32x32xf32>, tensor<1x64x30x30xf32>, tensor<1x64x32x32xf32>) {
  %w = kiln.constant dense<0.01> : tensor<11x576x6xf32>
  %w1 = kiln.constant dense<0.01> : tensor<11x64x6xf32>
  %w3 = kiln.constant dense<0.01> : tensor<11x27x6xf32>
  %none = kiln.none
  %a = kiln.packed_conv %x, %w, %none, %none {out_channels = 64 : i64,
      kernel_shape = [3, 3], strides = [2, 2], pads = [1, 1, 1, 1],
      dilations = [1, 1]}
      : (tensor<1x64x32x32xf32>, tensor<11x576x6xf32>, none, none) -> tensor<1x64x16x16xf32>
  %b = kiln.packed_conv %x, %w, %none, %none {out_channels = 64 : i64,
      kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1],
      dilations = [2, 2]}
      : (tensor<1x64x32x32xf32>, tensor<11x576x6xf32>, none, none) -> tensor<1x64x30x30xf32>
  %c = kiln.packed_conv %x, %w1, %none, %none {out_channels = 64 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x64x32x32xf32>, tensor<11x64x6xf32>, none, none) -> tensor<1x64x32x32xf32>
  %d = kiln.packed_conv %x, %w, %none, %none, %s {out_channels = 64 : i64,
      kernel_shape = [3, 3], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x64x32x32xf32>, tensor<11x576x6xf32>, none, none, tensor<64x1x1xf32>) -> tensor<1x64x30x30xf32>
  %e = kiln.packed_conv %img, %w3, %none, %none {out_channels = 64 : i64,
      kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1],
      dilations = [1, 1]}
      : (tensor<1x3x32x32xf32>, tensor<11x27x6xf32>, none, none) -> tensor<1x64x32x32xf32>
  return %a, %b, %c, %d, %e : tensor<1x64x16x16xf32>, tensor<1x64x30x30xf32>, tensor<1x64x32x32xf32>, tensor<1x64x30x30xf32>, tensor<1x64x32x32xf32>
}
