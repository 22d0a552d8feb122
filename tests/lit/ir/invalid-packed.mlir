// RUN: kiln-opt --split-input-file --verify-diagnostics %s

// The verifiers of the packed ops (ir/include/kiln/ir/ops/PackedOps.td).

func.func @matmul_panels(%a: tensor<4x10xf32>, %w: tensor<2x10x16xf32>, %n: none) -> tensor<4x5xf32> {
  // expected-error @+1 {{expected 1 panels of width 16 for N = 5}}
  %0 = kiln.packed_mat_mul %a, %w, %n, %n {columns = 5 : i64} : (tensor<4x10xf32>, tensor<2x10x16xf32>, none, none) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @matmul_k(%a: tensor<4x10xf32>, %w: tensor<1x9x16xf32>, %n: none) -> tensor<4x5xf32> {
  // expected-error @+1 {{expected packed W with K = 10 (the last dim of A)}}
  %0 = kiln.packed_mat_mul %a, %w, %n, %n {columns = 5 : i64} : (tensor<4x10xf32>, tensor<1x9x16xf32>, none, none) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @matmul_result(%a: tensor<4x10xf32>, %w: tensor<1x10x16xf32>, %n: none) -> tensor<4x6xf32> {
  // expected-error @+1 {{expected Y of shape 'tensor<4x5xf32>'}}
  %0 = kiln.packed_mat_mul %a, %w, %n, %n {columns = 5 : i64} : (tensor<4x10xf32>, tensor<1x10x16xf32>, none, none) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

func.func @matmul_bias(%a: tensor<4x10xf32>, %w: tensor<1x10x16xf32>, %b: tensor<4xf32>, %n: none) -> tensor<4x5xf32> {
  // expected-error @+1 {{expected bias of shape 5}}
  %0 = kiln.packed_mat_mul %a, %w, %b, %n {columns = 5 : i64} : (tensor<4x10xf32>, tensor<1x10x16xf32>, tensor<4xf32>, none) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @matmul_activation(%a: tensor<4x10xf32>, %w: tensor<1x10x16xf32>, %n: none) -> tensor<4x5xf32> {
  // expected-error @+1 {{expected 'activation' to be relu, clip or leaky_relu, found 'gelu'}}
  %0 = kiln.packed_mat_mul %a, %w, %n, %n {columns = 5 : i64, activation = "gelu"} : (tensor<4x10xf32>, tensor<1x10x16xf32>, none, none) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @matmul_dynamic(%a: tensor<?x10xf32>, %w: tensor<1x10x16xf32>, %n: none) -> tensor<?x5xf32> {
  // expected-error @+1 {{expected A to be a statically shaped f32 tensor, found 'tensor<?x10xf32>'}}
  %0 = kiln.packed_mat_mul %a, %w, %n, %n {columns = 5 : i64} : (tensor<?x10xf32>, tensor<1x10x16xf32>, none, none) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

func.func @conv_k(%x: tensor<1x3x8x8xf32>, %w: tensor<1x26x6xf32>, %n: none) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{expected packed W of shape panels x 27 x mr (K = C * kh * kw)}}
  %0 = kiln.packed_conv %x, %w, %n, %n {out_channels = 4 : i64, kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]} : (tensor<1x3x8x8xf32>, tensor<1x26x6xf32>, none, none) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_spatial(%x: tensor<1x3x8x8xf32>, %w: tensor<1x27x6xf32>, %n: none) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{expected spatial dim 0 of Y to be 6}}
  %0 = kiln.packed_conv %x, %w, %n, %n {out_channels = 4 : i64, kernel_shape = [3, 3], strides = [1, 1], pads = [0, 0, 0, 0], dilations = [1, 1]} : (tensor<1x3x8x8xf32>, tensor<1x27x6xf32>, none, none) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_residual(%x: tensor<1x3x8x8xf32>, %w: tensor<1x27x6xf32>, %r: tensor<1x4x8x7xf32>, %n: none) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{expected residual of type 'tensor<1x4x8x8xf32>'}}
  %0 = kiln.packed_conv %x, %w, %n, %r {out_channels = 4 : i64, kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]} : (tensor<1x3x8x8xf32>, tensor<1x27x6xf32>, none, tensor<1x4x8x7xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_strides(%x: tensor<1x3x8x8xf32>, %w: tensor<1x27x6xf32>, %n: none) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{expected strides and dilations >= 1}}
  %0 = kiln.packed_conv %x, %w, %n, %n {out_channels = 4 : i64, kernel_shape = [3, 3], strides = [0, 1], pads = [1, 1, 1, 1], dilations = [1, 1]} : (tensor<1x3x8x8xf32>, tensor<1x27x6xf32>, none, none) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @depthwise_weight(%x: tensor<1x3x8x8xf32>, %w: tensor<3x2x3x3xf32>, %n: none) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{expected W of shape 3x1x3x3}}
  %0 = kiln.depthwise_conv %x, %w, %n {kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]} : (tensor<1x3x8x8xf32>, tensor<3x2x3x3xf32>, none) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @depthwise_blocked_mixed(%x: tensor<1x2x8x8x8xf32>, %w: tensor<16x1x3x3xf32>, %n: none) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expected X and Y of rank 4 (NCHW) or both of rank 5 (NCHWc, one block size)}}
  %0 = kiln.depthwise_conv %x, %w, %n {kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]} : (tensor<1x2x8x8x8xf32>, tensor<16x1x3x3xf32>, none) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @depthwise_blocked_weight(%x: tensor<1x2x8x8x8xf32>, %w: tensor<2x1x3x3xf32>, %n: none) -> tensor<1x2x8x8x8xf32> {
  // expected-error @+1 {{expected W of shape 16x1x3x3}}
  %0 = kiln.depthwise_conv %x, %w, %n {kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]} : (tensor<1x2x8x8x8xf32>, tensor<2x1x3x3xf32>, none) -> tensor<1x2x8x8x8xf32>
  return %0 : tensor<1x2x8x8x8xf32>
}

// -----

func.func @depthwise_blocked_channels(%x: tensor<1x2x8x8x8xf32>, %w: tensor<16x1x3x3xf32>, %n: none) -> tensor<1x1x8x8x8xf32> {
  // expected-error @+1 {{expected Y with the batch and channels of X}}
  %0 = kiln.depthwise_conv %x, %w, %n {kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]} : (tensor<1x2x8x8x8xf32>, tensor<16x1x3x3xf32>, none) -> tensor<1x1x8x8x8xf32>
  return %0 : tensor<1x1x8x8x8xf32>
}

// -----

func.func @conv_prologue_padded(%x: tensor<1x2x4x4xf32>, %w: tensor<1x18x6xf32>, %s: tensor<2x1x1xf32>, %n: none) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{expected pads of 0 with a prologue}}
  %0 = kiln.packed_conv %x, %w, %n, %n, %s {out_channels = 3 : i64, kernel_shape = [3, 3], strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]} : (tensor<1x2x4x4xf32>, tensor<1x18x6xf32>, none, none, tensor<2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @conv_prologue_not_per_channel(%x: tensor<1x2x4x4xf32>, %w: tensor<1x2x6xf32>, %s: tensor<1x2x4x4xf32>, %n: none) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{expected prologue operands of shape 2x1x1 or Nx2x1x1 (N = 1 or X's batch), found 'tensor<1x2x4x4xf32>'}}
  %0 = kiln.packed_conv %x, %w, %n, %n, %s {out_channels = 3 : i64, kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0], dilations = [1, 1]} : (tensor<1x2x4x4xf32>, tensor<1x2x6xf32>, none, none, tensor<1x2x4x4xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @conv_prologue_three(%x: tensor<1x2x4x4xf32>, %w: tensor<1x2x6xf32>, %s: tensor<2x1x1xf32>, %n: none) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{expected at most 2 prologue operands (scale, shift), found 3}}
  %0 = kiln.packed_conv %x, %w, %n, %n, %s, %s, %s {out_channels = 3 : i64, kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0], dilations = [1, 1]} : (tensor<1x2x4x4xf32>, tensor<1x2x6xf32>, none, none, tensor<2x1x1xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @conv_in_activation_alone(%x: tensor<1x2x4x4xf32>, %w: tensor<1x2x6xf32>, %n: none) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{expected prologue operands with 'in_activation'}}
  %0 = kiln.packed_conv %x, %w, %n, %n {out_channels = 3 : i64, kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0], dilations = [1, 1], in_activation = "relu"} : (tensor<1x2x4x4xf32>, tensor<1x2x6xf32>, none, none) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @winograd_tile(%x: tensor<1x2x6x6xf32>, %w: tensor<1x36x2x3xf32>, %n: none) -> tensor<1x3x6x6xf32> {
  // expected-error @+1 {{expected tile 2 or 4, found 3}}
  %0 = kiln.winograd_conv %x, %w, %n, %n {out_channels = 3 : i64, pads = [1, 1, 1, 1], tile = 3 : i64} : (tensor<1x2x6x6xf32>, tensor<1x36x2x3xf32>, none, none) -> tensor<1x3x6x6xf32>
  return %0 : tensor<1x3x6x6xf32>
}

// -----

func.func @winograd_weights(%x: tensor<1x2x6x6xf32>, %w: tensor<1x16x2x3xf32>, %n: none) -> tensor<1x3x6x6xf32> {
  // expected-error @+1 {{expected W of shape panels x 36 x 2 x mr for 3 output channels}}
  %0 = kiln.winograd_conv %x, %w, %n, %n {out_channels = 3 : i64, pads = [1, 1, 1, 1], tile = 4 : i64} : (tensor<1x2x6x6xf32>, tensor<1x16x2x3xf32>, none, none) -> tensor<1x3x6x6xf32>
  return %0 : tensor<1x3x6x6xf32>
}

// -----

func.func @winograd_pads(%x: tensor<1x2x6x6xf32>, %w: tensor<1x16x2x3xf32>, %n: none) -> tensor<1x3x10x10xf32> {
  // expected-error @+1 {{expected pads in [0, 2], found 3}}
  %0 = kiln.winograd_conv %x, %w, %n, %n {out_channels = 3 : i64, pads = [3, 3, 3, 3], tile = 2 : i64} : (tensor<1x2x6x6xf32>, tensor<1x16x2x3xf32>, none, none) -> tensor<1x3x10x10xf32>
  return %0 : tensor<1x3x10x10xf32>
}

// -----

func.func @winograd_output(%x: tensor<1x2x6x6xf32>, %w: tensor<1x16x2x3xf32>, %n: none) -> tensor<1x3x5x6xf32> {
  // expected-error @+1 {{expected spatial dim 0 of Y to be 6 (>= 1)}}
  %0 = kiln.winograd_conv %x, %w, %n, %n {out_channels = 3 : i64, pads = [1, 1, 1, 1], tile = 2 : i64} : (tensor<1x2x6x6xf32>, tensor<1x16x2x3xf32>, none, none) -> tensor<1x3x5x6xf32>
  return %0 : tensor<1x3x5x6xf32>
}
