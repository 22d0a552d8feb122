// RUN: kiln-opt --split-input-file --verify-diagnostics %s

//===----------------------------------------------------------------------===//
// conv
//===----------------------------------------------------------------------===//

func.func @conv_weight_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected weight W rank (3) to equal input X rank (4)}}
  %0 = kiln.conv %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_input_rank(%x: tensor<3x8xf32>, %w: tensor<4x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected input X to have rank at least 3 (N x C x D1 ...), found rank 2}}
  %0 = kiln.conv %x, %w, %b : (tensor<3x8xf32>, tensor<4x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_channels(%x: tensor<1x64x8x8xf32>, %w: tensor<16x32x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected input channels (64) to equal weight dim 1 (32) times group (1)}}
  %0 = kiln.conv %x, %w, %b : (tensor<1x64x8x8xf32>, tensor<16x32x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_group_divides(%x: tensor<1x6x8x8xf32>, %w: tensor<8x2x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected group (3) to divide weight dim 0 (8)}}
  %0 = kiln.conv %x, %w, %b {group = 3 : i64} : (tensor<1x6x8x8xf32>, tensor<8x2x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_group_positive(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected group to be positive, found 0}}
  %0 = kiln.conv %x, %w, %b {group = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_kernel_shape_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected kernel_shape to have 2 entries (one per spatial dim of input X), found 3}}
  %0 = kiln.conv %x, %w, %b {kernel_shape = [3, 3, 3]} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_kernel_shape_dims(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected kernel_shape [5, 5] to equal the spatial dims of weight W [3, 3]}}
  %0 = kiln.conv %x, %w, %b {kernel_shape = [5, 5]} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_strides(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected strides to have 2 entries (one per spatial dim of input X), found 1}}
  %0 = kiln.conv %x, %w, %b {strides = [2]} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_dilations(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected dilations entries to be at least 1, found [1, 0]}}
  %0 = kiln.conv %x, %w, %b {dilations = [1, 0]} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_pads(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected pads to have 4 entries (begin and end per spatial dim of input X), found 2}}
  %0 = kiln.conv %x, %w, %b {pads = [1, 1]} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_auto_pad(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected auto_pad to be NOTSET, SAME_UPPER, SAME_LOWER or VALID, found 'SAME'}}
  %0 = kiln.conv %x, %w, %b {auto_pad = "SAME"} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected bias B size (3) to equal the output channels (4)}}
  %0 = kiln.conv %x, %w, %b : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// Dynamic channels skip the channel check.
func.func @conv_dynamic_ok(%x: tensor<1x?x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: none) -> tensor<*xf32> {
  %0 = kiln.conv %x, %w, %b : (tensor<1x?x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

//===----------------------------------------------------------------------===//
// conv_transpose
//===----------------------------------------------------------------------===//

func.func @conv_transpose_channels(%x: tensor<1x8x4x4xf32>, %w: tensor<4x4x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected input channels (8) to equal weight dim 0 (4)}}
  %0 = kiln.conv_transpose %x, %w, %b : (tensor<1x8x4x4xf32>, tensor<4x4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_output_padding(%x: tensor<1x8x4x4xf32>, %w: tensor<8x4x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected output_padding to have 2 entries (one per spatial dim of input X), found 1}}
  %0 = kiln.conv_transpose %x, %w, %b {output_padding = [1]} : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_kernel_shape(%x: tensor<1x8x4x4xf32>, %w: tensor<8x4x3x3xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected kernel_shape [2, 2] to equal the spatial dims of weight W [3, 3]}}
  %0 = kiln.conv_transpose %x, %w, %b {kernel_shape = [2, 2]} : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @conv_transpose_bias(%x: tensor<1x8x4x4xf32>, %w: tensor<8x4x3x3xf32>, %b: tensor<8xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected bias B size (8) to equal the output channels (4)}}
  %0 = kiln.conv_transpose %x, %w, %b : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>, tensor<8xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

//===----------------------------------------------------------------------===//
// pools
//===----------------------------------------------------------------------===//

func.func @pool_kernel_missing(%x: tensor<1x3x8x8xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected a kernel_shape attribute}}
  %0 = kiln.average_pool %x : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @pool_kernel_rank(%x: tensor<1x3x8x8xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected kernel_shape to have 2 entries (one per spatial dim of input X), found 1}}
  %0 = kiln.max_pool %x {kernel_shape = [2]} : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @pool_pads(%x: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected pads to have 4 entries (begin and end per spatial dim of input X), found 3}}
  %0 = kiln.lp_pool %x {kernel_shape = [2, 2], pads = [0, 0, 0]} : (tensor<*xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

//===----------------------------------------------------------------------===//
// mat_mul, gemm
//===----------------------------------------------------------------------===//

func.func @matmul_inner(%a: tensor<2x3x4xf32>, %b: tensor<5x6xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected A dim 2 (4) to equal B dim 0 (5)}}
  %0 = kiln.mat_mul %a, %b : (tensor<2x3x4xf32>, tensor<5x6xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @matmul_batch(%a: tensor<2x3x4xf32>, %b: tensor<3x4x6xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected the batch dims of A [2] and B [3] to broadcast}}
  %0 = kiln.mat_mul %a, %b : (tensor<2x3x4xf32>, tensor<3x4x6xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gemm_rank(%a: tensor<2x3x4xf32>, %b: tensor<4x6xf32>, %c: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected A to be 2-D, found rank 3}}
  %0 = kiln.gemm %a, %b, %c : (tensor<2x3x4xf32>, tensor<4x6xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gemm_inner(%a: tensor<4x10xf32>, %b: tensor<10x5xf32>, %c: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected A dim 1 (10) to equal B dim 1 (5) with transA = 0 and transB = 1}}
  %0 = kiln.gemm %a, %b, %c {transB = 1 : i64} : (tensor<4x10xf32>, tensor<10x5xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gemm_c(%a: tensor<4x10xf32>, %b: tensor<10x5xf32>, %c: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected C of shape [3] to broadcast to [M, N] = [4, 5]}}
  %0 = kiln.gemm %a, %b, %c : (tensor<4x10xf32>, tensor<10x5xf32>, tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

//===----------------------------------------------------------------------===//
// normalizations and softmax
//===----------------------------------------------------------------------===//

func.func @batch_norm_size(%x: tensor<1x3x8x8xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<4xf32>, %v: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected input_mean size (4) to equal input channels (3)}}
  %0 = kiln.batch_normalization %x, %s, %b, %m, %v : (tensor<1x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>, tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @batch_norm_rank(%x: tensor<1x3x8x8xf32>, %s: tensor<3x1xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected scale to be 1-D, found rank 2}}
  %0 = kiln.batch_normalization %x, %s, %b, %m, %v : (tensor<1x3x8x8xf32>, tensor<3x1xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @layer_norm_axis(%x: tensor<2x7x16xf32>, %s: tensor<16xf32>, %b: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected axis in [-3, 2] for rank 3, found 3}}
  %0 = kiln.layer_normalization %x, %s, %b {axis = 3 : i64} : (tensor<2x7x16xf32>, tensor<16xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @rms_norm_axis(%x: tensor<2x7x16xf32>, %s: tensor<16xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected axis in [-3, 2] for rank 3, found -4}}
  %0 = kiln.rms_normalization %x, %s {axis = -4 : i64} : (tensor<2x7x16xf32>, tensor<16xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @softmax_axis(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected axis in [-2, 1] for rank 2, found -3}}
  %0 = kiln.softmax %x {axis = -3 : i64} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @log_softmax_axis(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected axis in [-2, 1] for rank 2, found 2}}
  %0 = kiln.log_softmax %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @hardmax_axis(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected axis in [-2, 1] for rank 2, found 5}}
  %0 = kiln.hardmax %x {axis = 5 : i64} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

//===----------------------------------------------------------------------===//
// reductions
//===----------------------------------------------------------------------===//

func.func @reduce_axes_range(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
  %axes = kiln.constant dense<[0, 3]> : tensor<2xi64>
  // expected-error @+1 {{expected axes entry in [-3, 2] for rank 3, found 3}}
  %0 = kiln.reduce_sum %x, %axes : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @reduce_axes_rank(%x: tensor<2x3x4xf32>, %axes: tensor<1x1xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{expected axes to be 1-D, found rank 2}}
  %0 = kiln.reduce_max %x, %axes : (tensor<2x3x4xf32>, tensor<1x1xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @arg_max_axis(%x: tensor<2x3xf32>) -> tensor<*xi64> {
  // expected-error @+1 {{expected axis in [-2, 1] for rank 2, found 2}}
  %0 = kiln.arg_max %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<*xi64>
  return %0 : tensor<*xi64>
}

// -----

//===----------------------------------------------------------------------===//
// data movement
//===----------------------------------------------------------------------===//

func.func @concat_rank(%a: tensor<2x3xf32>, %b: tensor<2x3x1xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected input 1 to have rank 2 like input 0, found rank 3}}
  %0 = kiln.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x3x1xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected axis in [-2, 1] for rank 2, found 2}}
  %0 = kiln.concat %a, %b {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_dims(%a: tensor<2x3xf32>, %b: tensor<?x5xf32>, %c: tensor<4x5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected input 2 dim 0 (4) to equal input 0 dim 0 (2)}}
  %0 = kiln.concat %a, %b, %c {axis = 1 : i64} : (tensor<2x3xf32>, tensor<?x5xf32>, tensor<4x5xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @transpose_perm(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected perm to be a permutation of [0, 3), found [0, 0, 1]}}
  %0 = kiln.transpose %x {perm = [0, 0, 1]} : (tensor<2x3x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @transpose_perm_length(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected perm to be a permutation of [0, 3), found [1, 0]}}
  %0 = kiln.transpose %x {perm = [1, 0]} : (tensor<2x3x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gather_axis(%x: tensor<5x4xf32>, %i: tensor<3xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{expected axis in [-2, 1] for rank 2, found 2}}
  %0 = kiln.gather %x, %i {axis = 2 : i64} : (tensor<5x4xf32>, tensor<3xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @flatten_axis(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected axis in [-3, 3] for rank 3, found 4}}
  %0 = kiln.flatten %x {axis = 4 : i64} : (tensor<2x3x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @split_sum(%x: tensor<2x6xf32>) -> tensor<*xf32> {
  %s = kiln.constant dense<[2, 3]> : tensor<2xi64>
  // expected-error @+1 {{expected split sizes [2, 3] to add up to input dim 1 (6), found 5}}
  %0, %1 = kiln.split %x, %s {axis = 1 : i64} : (tensor<2x6xf32>, tensor<2xi64>) -> (tensor<*xf32>, tensor<*xf32>)
  return %0 : tensor<*xf32>
}

// -----

func.func @split_count(%x: tensor<2x6xf32>) -> tensor<*xf32> {
  %s = kiln.constant dense<[2, 2, 2]> : tensor<3xi64>
  // expected-error @+1 {{expected split to have 2 entries (one per result), found 3}}
  %0, %1 = kiln.split %x, %s {axis = 1 : i64} : (tensor<2x6xf32>, tensor<3xi64>) -> (tensor<*xf32>, tensor<*xf32>)
  return %0 : tensor<*xf32>
}

// -----

func.func @split_axis(%x: tensor<2x6xf32>, %s: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected axis in [-2, 1] for rank 2, found -3}}
  %0, %1 = kiln.split %x, %s {axis = -3 : i64} : (tensor<2x6xf32>, none) -> (tensor<*xf32>, tensor<*xf32>)
  return %0 : tensor<*xf32>
}

// -----

func.func @split_num_outputs(%x: tensor<2x6xf32>, %s: none) -> tensor<*xf32> {
  // expected-error @+1 {{expected num_outputs (3) to equal the number of results (2)}}
  %0, %1 = kiln.split %x, %s {axis = 1 : i64, num_outputs = 3 : i64} : (tensor<2x6xf32>, none) -> (tensor<*xf32>, tensor<*xf32>)
  return %0 : tensor<*xf32>
}

// -----

//===----------------------------------------------------------------------===//
// where
//===----------------------------------------------------------------------===//

func.func @where_condition(%c: tensor<2xf32>, %a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected condition of element type i1, found 'f32'}}
  %0 = kiln.where %c, %a, %b : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @where_types(%c: tensor<2xi1>, %a: tensor<2xf32>, %b: tensor<2xi32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected X and Y to have the same element type, found 'f32' and 'i32'}}
  %0 = kiln.where %c, %a, %b : (tensor<2xi1>, tensor<2xf32>, tensor<2xi32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @where_broadcast(%c: tensor<2x1xi1>, %a: tensor<3xf32>, %b: tensor<4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected the shapes of condition [2, 1], X [3] and Y [4] to broadcast}}
  %0 = kiln.where %c, %a, %b : (tensor<2x1xi1>, tensor<3xf32>, tensor<4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @fused_attention_inner(%q: tensor<5x4xf32>, %kt: tensor<3x7xf32>, %v: tensor<7x2xf32>, %n: none) -> tensor<5x2xf32> {
  // expected-error @+1 {{expected Q [5, 4], KT [3, 7] and V [7, 2] to be [..., M, D], [..., D, N], [..., N, Dv]}}
  %0 = kiln.fused_attention %q, %kt, %v, %n : (tensor<5x4xf32>, tensor<3x7xf32>, tensor<7x2xf32>, none) -> tensor<5x2xf32>
  return %0 : tensor<5x2xf32>
}

// -----

func.func @fused_attention_mask(%q: tensor<5x4xf32>, %kt: tensor<4x7xf32>, %v: tensor<7x2xf32>, %m: tensor<5x6xf32>) -> tensor<5x2xf32> {
  // expected-error @+1 {{expected the mask [5, 6] to broadcast into the scores [5, 7]}}
  %0 = kiln.fused_attention %q, %kt, %v, %m : (tensor<5x4xf32>, tensor<4x7xf32>, tensor<7x2xf32>, tensor<5x6xf32>) -> tensor<5x2xf32>
  return %0 : tensor<5x2xf32>
}

// -----

func.func @fused_attention_both(%q: tensor<5x4xf32>, %kt: tensor<4x7xf32>, %v: tensor<7x2xf32>, %n: none) -> tensor<5x2xf32> {
  // expected-error @+1 {{expected at most one of 'divisor' and 'scale'}}
  %0 = kiln.fused_attention %q, %kt, %v, %n {divisor = 2.0 : f32, scale = 0.5 : f32} : (tensor<5x4xf32>, tensor<4x7xf32>, tensor<7x2xf32>, none) -> tensor<5x2xf32>
  return %0 : tensor<5x2xf32>
}

// -----

func.func @fused_attention_perm(%q: tensor<5x4xf32>, %kt: tensor<4x7xf32>, %v: tensor<7x2xf32>, %n: none) -> tensor<5x2xf32> {
  // expected-error @+1 {{expected q_perm to be a permutation of [0, 2), found [0, 0]}}
  %0 = kiln.fused_attention %q, %kt, %v, %n {q_perm = [0, 0]} : (tensor<5x4xf32>, tensor<4x7xf32>, tensor<7x2xf32>, none) -> tensor<5x2xf32>
  return %0 : tensor<5x2xf32>
}

// -----

func.func @transposed_mat_mul_perm(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{expected b_perm to be a permutation of [0, 2), found [1, 1]}}
  %0 = kiln.transposed_mat_mul %a, %b {b_perm = [1, 1]} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @transposed_mat_mul_inner(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{expected A [2, 3] and B [4, 3] (through their perms) to be [..., M, K] and [..., K, N]}}
  %0 = kiln.transposed_mat_mul %a, %b : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @transposed_mat_mul_result(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{expected Y of shape [2, 4], found [2, 5]}}
  %0 = kiln.transposed_mat_mul %a, %b {b_perm = [1, 0]} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}
