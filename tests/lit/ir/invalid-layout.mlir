// RUN: kiln-opt --split-input-file --verify-diagnostics %s

// The verifiers of the blocked layout's ops (ir/include/kiln/ir/ops/LayoutOps.td).

func.func @to_blocked_channels(%x: tensor<1x24x7x7xf32>) -> tensor<1x1x7x7x16xf32> {
  // expected-error @+1 {{expected channels 24 to be a multiple of the block 16}}
  %0 = kiln.to_blocked %x {block = 16 : i64} : (tensor<1x24x7x7xf32>) -> tensor<1x1x7x7x16xf32>
  return %0 : tensor<1x1x7x7x16xf32>
}

// -----

func.func @to_blocked_shape(%x: tensor<1x32x7x7xf32>) -> tensor<1x2x7x8x16xf32> {
  // expected-error @+1 {{expected the blocked form 'tensor<1x2x7x7x16xf32>' of 'tensor<1x32x7x7xf32>', found 'tensor<1x2x7x8x16xf32>'}}
  %0 = kiln.to_blocked %x {block = 16 : i64} : (tensor<1x32x7x7xf32>) -> tensor<1x2x7x8x16xf32>
  return %0 : tensor<1x2x7x8x16xf32>
}

// -----

func.func @from_blocked_rank(%x: tensor<1x2x7x7xf32>) -> tensor<1x32x7x7xf32> {
  // expected-error @+1 {{expected a static NCHW tensor and its static NCHWc form}}
  %0 = kiln.from_blocked %x : (tensor<1x2x7x7xf32>) -> tensor<1x32x7x7xf32>
  return %0 : tensor<1x32x7x7xf32>
}

// -----

func.func @from_blocked_type(%x: tensor<1x2x7x7x16xf32>) -> tensor<1x32x7x7xf16> {
  // expected-error @+1 {{expected one element type}}
  %0 = kiln.from_blocked %x : (tensor<1x2x7x7x16xf32>) -> tensor<1x32x7x7xf16>
  return %0 : tensor<1x32x7x7xf16>
}

// -----

func.func @conv_block(%x: tensor<1x2x7x7x16xf32>, %w: tensor<1x32x32xf32>, %n: none) -> tensor<1x2x7x7x16xf32> {
  // expected-error @+1 {{expected 'block' to be Y's last dim 16, found 8}}
  %0 = kiln.blocked_conv %x, %w, %n, %n {out_channels = 32 : i64, block = 8 : i64} : (tensor<1x2x7x7x16xf32>, tensor<1x32x32xf32>, none, none) -> tensor<1x2x7x7x16xf32>
  return %0 : tensor<1x2x7x7x16xf32>
}

// -----

func.func @conv_panels(%x: tensor<1x40x7x7xf32>, %w: tensor<1x40x24xf32>, %n: none) -> tensor<1x2x7x7x16xf32> {
  // expected-error @+1 {{expected packed W of panels x 40 (kh * kw * C) x nr with nr a multiple of 16 and ceil(32 / nr) panels}}
  %0 = kiln.blocked_conv %x, %w, %n, %n {out_channels = 32 : i64, block = 16 : i64} : (tensor<1x40x7x7xf32>, tensor<1x40x24xf32>, none, none) -> tensor<1x2x7x7x16xf32>
  return %0 : tensor<1x2x7x7x16xf32>
}

// -----

func.func @conv_out(%x: tensor<1x2x7x7x16xf32>, %w: tensor<1x32x32xf32>, %n: none) -> tensor<1x1x7x7x16xf32> {
  // expected-error @+1 {{expected Y of shape 'tensor<1x2x7x7x16xf32>'}}
  %0 = kiln.blocked_conv %x, %w, %n, %n {out_channels = 32 : i64, block = 16 : i64} : (tensor<1x2x7x7x16xf32>, tensor<1x32x32xf32>, none, none) -> tensor<1x1x7x7x16xf32>
  return %0 : tensor<1x1x7x7x16xf32>
}

// -----

func.func @conv_x_block(%x: tensor<1x4x7x7x8xf32>, %w: tensor<1x32x32xf32>, %n: none) -> tensor<1x2x7x7x16xf32> {
  // expected-error @+1 {{expected X blocked like Y (16 channels per block)}}
  %0 = kiln.blocked_conv %x, %w, %n, %n {out_channels = 32 : i64, block = 16 : i64} : (tensor<1x4x7x7x8xf32>, tensor<1x32x32xf32>, none, none) -> tensor<1x2x7x7x16xf32>
  return %0 : tensor<1x2x7x7x16xf32>
}

// -----

func.func @conv_residual(%x: tensor<1x2x7x7x16xf32>, %w: tensor<1x32x32xf32>, %r: tensor<1x32x7x7xf32>, %n: none) -> tensor<1x2x7x7x16xf32> {
  // expected-error @+1 {{expected residual of type 'tensor<1x2x7x7x16xf32>'}}
  %0 = kiln.blocked_conv %x, %w, %n, %r {out_channels = 32 : i64, block = 16 : i64} : (tensor<1x2x7x7x16xf32>, tensor<1x32x32xf32>, none, tensor<1x32x7x7xf32>) -> tensor<1x2x7x7x16xf32>
  return %0 : tensor<1x2x7x7x16xf32>
}

// -----

func.func @blocked_pool_rank(%x: tensor<1x32x7x7xf32>) -> tensor<1x32x1x1xf32> {
  // expected-error @+1 {{expected a static f32 NCHWc (rank-5) X and Y}}
  %0 = kiln.blocked_global_average_pool %x : (tensor<1x32x7x7xf32>) -> tensor<1x32x1x1xf32>
  return %0 : tensor<1x32x1x1xf32>
}

// -----

func.func @blocked_pool_shape(%x: tensor<1x2x7x7x16xf32>) -> tensor<1x2x1x1x16xf32> {
  // expected-error @+1 {{expected Y of shape 'tensor<1x32x1x1xf32>', found 'tensor<1x2x1x1x16xf32>'}}
  %0 = kiln.blocked_global_average_pool %x : (tensor<1x2x7x7x16xf32>) -> tensor<1x2x1x1x16xf32>
  return %0 : tensor<1x2x1x1x16xf32>
}

// -----

func.func @blocked_conv_bad_window(%x: tensor<1x2x7x7x16xf32>, %w: tensor<1x288x32xf32>) -> tensor<1x2x7x7x16xf32> {
  %n = kiln.none
  // expected-error @+1 {{expected 2 kernel_shape and strides values >= 1 and 4 pads >= 0}}
  %0 = kiln.blocked_conv %x, %w, %n, %n {out_channels = 32 : i64, block = 16 : i64, kernel_shape = [3, 3], pads = [1, 1]} : (tensor<1x2x7x7x16xf32>, tensor<1x288x32xf32>, none, none) -> tensor<1x2x7x7x16xf32>
  return %0 : tensor<1x2x7x7x16xf32>
}

// -----

func.func @blocked_conv_window_shape(%x: tensor<1x2x7x7x16xf32>, %w: tensor<1x288x32xf32>) -> tensor<1x2x7x7x16xf32> {
  %n = kiln.none
  // expected-error @+1 {{expected Y of shape 'tensor<1x2x4x4x16xf32>'}}
  %0 = kiln.blocked_conv %x, %w, %n, %n {out_channels = 32 : i64, block = 16 : i64, kernel_shape = [3, 3], strides = [2, 2], pads = [1, 1, 1, 1]} : (tensor<1x2x7x7x16xf32>, tensor<1x288x32xf32>, none, none) -> tensor<1x2x7x7x16xf32>
  return %0 : tensor<1x2x7x7x16xf32>
}
