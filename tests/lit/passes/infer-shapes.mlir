// RUN: kiln-opt --split-input-file --kiln-infer-shapes %s | FileCheck %s

// Numpy broadcasting of elementwise ops, through a chain, and the function
// result type follows the returned value.
// CHECK-LABEL: func.func @broadcast
// CHECK-SAME: -> tensor<2x3x4xf32>
// CHECK: kiln.add {{.*}} -> tensor<2x3x4xf32>
// CHECK: kiln.relu {{.*}} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// CHECK: kiln.where {{.*}} -> tensor<5x2x3x4xf32>
// CHECK: kiln.sum {{.*}} -> tensor<2x3x4xf32>
// CHECK: return {{.*}} : tensor<2x3x4xf32>
func.func @broadcast(%a: tensor<2x1x4xf32>, %b: tensor<3x1xf32>, %c: tensor<5x1x1x1xi1>) -> tensor<*xf32> {
  %0 = kiln.add %a, %b : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<*xf32>
  %1 = kiln.relu %0 : (tensor<*xf32>) -> tensor<*xf32>
  %2 = kiln.where %c, %1, %a : (tensor<5x1x1x1xi1>, tensor<*xf32>, tensor<2x1x4xf32>) -> tensor<*xf32>
  %3 = kiln.sum %1, %b, %a : (tensor<*xf32>, tensor<3x1xf32>, tensor<2x1x4xf32>) -> tensor<*xf32>
  return %3 : tensor<*xf32>
}

// -----

// A dynamic dim broadcast against a static one takes the static size; two
// dynamic dims stay dynamic.
// CHECK-LABEL: func.func @broadcast_dynamic
// CHECK: kiln.mul {{.*}} -> tensor<?x4xf32>
// CHECK: kiln.mul {{.*}} -> tensor<3x4xf32>
func.func @broadcast_dynamic(%a: tensor<?x4xf32>, %b: tensor<?x1xf32>, %c: tensor<3x1xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %0 = kiln.mul %a, %b : (tensor<?x4xf32>, tensor<?x1xf32>) -> tensor<*xf32>
  %1 = kiln.mul %a, %c : (tensor<?x4xf32>, tensor<3x1xf32>) -> tensor<*xf32>
  return %0, %1 : tensor<*xf32>, tensor<*xf32>
}

// -----

// Convolution with strides and explicit pads, and with SAME_UPPER; a pool
// with ceil_mode; a global pool.
// CHECK-LABEL: func.func @conv
// CHECK: kiln.conv {{.*}} -> tensor<1x64x112x112xf32>
// CHECK: kiln.conv {{.*}} -> tensor<1x8x56x56xf32>
// CHECK: kiln.max_pool {{.*}} -> (tensor<1x8x29x29xf32>, tensor<1x8x29x29xi64>)
// CHECK: kiln.average_pool {{.*}} -> tensor<1x8x19x19xf32>
// CHECK: kiln.global_average_pool {{.*}} -> tensor<1x8x1x1xf32>
// CHECK: kiln.conv_transpose {{.*}} -> tensor<1x4x9x9xf32>
func.func @conv(%x: tensor<1x3x224x224xf32>, %w: tensor<64x3x7x7xf32>, %b: tensor<64xf32>, %w2: tensor<8x64x3x3xf32>, %wt: tensor<8x4x3x3xf32>, %xt: tensor<1x8x4x4xf32>) -> tensor<*xf32> {
  %0 = kiln.conv %x, %w, %b {pads = [3, 3, 3, 3], strides = [2, 2]} : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<*xf32>
  %none = kiln.none
  %1 = kiln.conv %0, %w2, %none {auto_pad = "SAME_UPPER", strides = [2, 2]} : (tensor<*xf32>, tensor<8x64x3x3xf32>, none) -> tensor<?x?x?x?xf32>
  %2, %3 = kiln.max_pool %1 {kernel_shape = [3, 3], strides = [2, 2], pads = [1, 1, 1, 1], ceil_mode = 1 : i64} : (tensor<?x?x?x?xf32>) -> (tensor<*xf32>, tensor<*xi64>)
  %4 = kiln.average_pool %1 {kernel_shape = [3, 3], strides = [3, 3], ceil_mode = 1 : i64} : (tensor<?x?x?x?xf32>) -> tensor<*xf32>
  %5 = kiln.global_average_pool %4 : (tensor<*xf32>) -> tensor<*xf32>
  %6 = kiln.conv_transpose %xt, %wt, %none {strides = [2, 2]} : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>, none) -> tensor<*xf32>
  return %5 : tensor<*xf32>
}

// -----

// MatMul broadcasts batch dims and drops the dims of 1-D operands; Gemm
// reads transB.
// CHECK-LABEL: func.func @matmul
// CHECK: kiln.mat_mul {{.*}} -> tensor<2x5x3x6xf32>
// CHECK: kiln.mat_mul {{.*}} -> tensor<6xf32>
// CHECK: kiln.mat_mul {{.*}} -> tensor<5xf32>
// CHECK: kiln.gemm {{.*}} -> tensor<4x5xf32>
func.func @matmul(%a: tensor<2x1x3x4xf32>, %b: tensor<5x4x6xf32>, %v: tensor<4xf32>, %m: tensor<4x6xf32>, %g: tensor<4x10xf32>, %h: tensor<5x10xf32>, %n: tensor<5x4xf32>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = kiln.mat_mul %a, %b : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<*xf32>
  %1 = kiln.mat_mul %v, %m : (tensor<4xf32>, tensor<4x6xf32>) -> tensor<*xf32>
  %2 = kiln.mat_mul %n, %v : (tensor<5x4xf32>, tensor<4xf32>) -> tensor<*xf32>
  %none = kiln.none
  %3 = kiln.gemm %g, %h, %none {transB = 1 : i64} : (tensor<4x10xf32>, tensor<5x10xf32>, none) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// Reshape with a constant shape: 0 copies the input dim, -1 takes the rest.
// CHECK-LABEL: func.func @reshape
// CHECK: kiln.reshape {{.*}} -> tensor<1x192xf32>
// CHECK: kiln.reshape {{.*}} -> tensor<1x3x64xf32>
// CHECK: kiln.flatten {{.*}} -> tensor<3x64xf32>
// CHECK: kiln.transpose {{.*}} -> tensor<8x3x1x8xf32>
func.func @reshape(%x: tensor<1x3x8x8xf32>) -> tensor<*xf32> {
  %s = kiln.constant dense<[1, -1]> : tensor<2xi64>
  %0 = kiln.reshape %x, %s : (tensor<1x3x8x8xf32>, tensor<2xi64>) -> tensor<*xf32>
  %t = kiln.constant dense<[0, 0, -1]> : tensor<3xi64>
  %1 = kiln.reshape %x, %t : (tensor<1x3x8x8xf32>, tensor<3xi64>) -> tensor<*xf32>
  %2 = kiln.flatten %x {axis = 2 : i64} : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  %3 = kiln.transpose %x {perm = [3, 1, 0, 2]} : (tensor<1x3x8x8xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// Reductions with constant axes, with and without keepdims; absent axes
// reduce everything; ArgMax drops its axis.
// CHECK-LABEL: func.func @reduce
// CHECK: kiln.reduce_sum {{.*}} -> tensor<2x4xf32>
// CHECK: kiln.reduce_mean {{.*}} -> tensor<2x3x1xf32>
// CHECK: kiln.reduce_max {{.*}} -> tensor<1x1x1xf32>
// CHECK: kiln.arg_max {{.*}} -> tensor<2x4xi64>
func.func @reduce(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
  %a = kiln.constant dense<[1]> : tensor<1xi64>
  %0 = kiln.reduce_sum %x, %a {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<*xf32>
  %b = kiln.constant dense<[-1]> : tensor<1xi64>
  %1 = kiln.reduce_mean %x, %b : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<*xf32>
  %none = kiln.none
  %2 = kiln.reduce_max %x, %none : (tensor<2x3x4xf32>, none) -> tensor<*xf32>
  %3 = kiln.arg_max %x {axis = 1 : i64, keepdims = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<*xi64>
  return %0 : tensor<*xf32>
}

// -----

// Concat sums the axis dims and takes the other dims from any input.
// CHECK-LABEL: func.func @concat
// CHECK: kiln.concat {{.*}} -> tensor<2x8xf32>
// CHECK: kiln.concat {{.*}} -> tensor<2x?xf32>
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<?x5xf32>, %c: tensor<2x?xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %0 = kiln.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<?x5xf32>) -> tensor<*xf32>
  %1 = kiln.concat %b, %c {axis = -1 : i64} : (tensor<?x5xf32>, tensor<2x?xf32>) -> tensor<*xf32>
  return %0, %1 : tensor<*xf32>, tensor<*xf32>
}

// -----

// Slice, Split, Unsqueeze, Squeeze and Gather with constant operands.
// CHECK-LABEL: func.func @movement
// CHECK: kiln.slice {{.*}} -> tensor<20x3xf32>
// CHECK: kiln.slice {{.*}} -> tensor<10x10xf32>
// CHECK: kiln.split {{.*}} -> (tensor<20x4xf32>, tensor<20x6xf32>)
// CHECK: kiln.split {{.*}} -> (tensor<7x10xf32>, tensor<7x10xf32>, tensor<6x10xf32>)
// CHECK: kiln.unsqueeze {{.*}} -> tensor<1x20x1x10xf32>
// CHECK: kiln.squeeze {{.*}} -> tensor<20x10xf32>
// CHECK: kiln.gather {{.*}} -> tensor<20x2x3xf32>
// CHECK: kiln.shape {{.*}} -> tensor<2xi64>
func.func @movement(%x: tensor<20x10xf32>, %i: tensor<2x3xi64>) -> tensor<*xf32> {
  %starts = kiln.constant dense<[1]> : tensor<1xi64>
  %ends = kiln.constant dense<[1000]> : tensor<1xi64>
  %axes = kiln.constant dense<[1]> : tensor<1xi64>
  %steps = kiln.constant dense<[3]> : tensor<1xi64>
  %0 = kiln.slice %x, %starts, %ends, %axes, %steps : (tensor<20x10xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<*xf32>
  %rs = kiln.constant dense<[-1]> : tensor<1xi64>
  %re = kiln.constant dense<[-9223372036854775807]> : tensor<1xi64>
  %rst = kiln.constant dense<[-2]> : tensor<1xi64>
  %none = kiln.none
  %1 = kiln.slice %x, %rs, %re, %none, %rst : (tensor<20x10xf32>, tensor<1xi64>, tensor<1xi64>, none, tensor<1xi64>) -> tensor<*xf32>
  %sp = kiln.constant dense<[4, 6]> : tensor<2xi64>
  %2, %3 = kiln.split %x, %sp {axis = 1 : i64} : (tensor<20x10xf32>, tensor<2xi64>) -> (tensor<*xf32>, tensor<*xf32>)
  %4, %5, %6 = kiln.split %x, %none : (tensor<20x10xf32>, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  %ua = kiln.constant dense<[0, -2]> : tensor<2xi64>
  %7 = kiln.unsqueeze %x, %ua : (tensor<20x10xf32>, tensor<2xi64>) -> tensor<*xf32>
  %8 = kiln.squeeze %7, %none : (tensor<*xf32>, none) -> tensor<*xf32>
  %9 = kiln.gather %x, %i {axis = 1 : i64} : (tensor<20x10xf32>, tensor<2x3xi64>) -> tensor<*xf32>
  %10 = kiln.shape %x : (tensor<20x10xf32>) -> tensor<*xi64>
  return %0 : tensor<*xf32>
}

// -----

// Ops whose inputs do not determine the result are left unchanged: a
// reshape to a shape computed at run time, elementwise ops over unranked
// operands, and a reduction over non-constant axes without keepdims.
// CHECK-LABEL: func.func @dynamic_inputs
// CHECK-SAME: -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<?x?xf32>)
// CHECK: kiln.reshape {{.*}} -> tensor<*xf32>
// CHECK: kiln.add {{.*}} -> tensor<*xf32>
// CHECK: kiln.reduce_sum {{.*}} -> tensor<*xf32>
// CHECK: kiln.reshape {{.*}} -> tensor<?x?xf32>
func.func @dynamic_inputs(%x: tensor<2x3xf32>, %s: tensor<?xi64>, %u: tensor<*xf32>, %t: tensor<2xi64>) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>) {
  %0 = kiln.reshape %x, %s : (tensor<2x3xf32>, tensor<?xi64>) -> tensor<*xf32>
  %1 = kiln.add %u, %x : (tensor<*xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  %2 = kiln.reduce_sum %x, %s {keepdims = 0 : i64} : (tensor<2x3xf32>, tensor<?xi64>) -> tensor<*xf32>
  %3 = kiln.reshape %x, %t : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0, %1, %2, %3 : tensor<*xf32>, tensor<*xf32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// Types are only made more precise: a static dim the importer gave is kept,
// and ops keeping their input's shape (softmax, dropout) refine all results.
// CHECK-LABEL: func.func @keep_precise
// CHECK: kiln.relu {{.*}} -> tensor<4x8xf32>
// CHECK: kiln.softmax {{.*}} -> tensor<4x8xf32>
// CHECK: kiln.dropout {{.*}} -> (tensor<4x8xf32>, tensor<4x8xi1>)
func.func @keep_precise(%x: tensor<?x8xf32>) -> tensor<*xf32> {
  %0 = kiln.relu %x : (tensor<?x8xf32>) -> tensor<4x?xf32>
  %1 = kiln.softmax %0 {axis = -1 : i64} : (tensor<4x?xf32>) -> tensor<*xf32>
  %none = kiln.none
  %2, %3 = kiln.dropout %1, %none, %none : (tensor<*xf32>, none, none) -> (tensor<*xf32>, tensor<*xi1>)
  return %2 : tensor<*xf32>
}

// -----

// Shapes from constant scales, sizes, pads, repeats, shapes and K; block
// rearrangements; einsum labels; layer-norm statistics; generators sized by
// constants; CastLike keeps its input's shape, not the target's.
// CHECK-LABEL: func.func @constant_operands
// CHECK: kiln.resize {{.*}} -> tensor<1x8x8x9xf32>
// CHECK: kiln.resize {{.*}} -> tensor<1x8x5x7xf32>
// CHECK: kiln.pad {{.*}} -> tensor<1x8x8x12xf32>
// CHECK: kiln.tile {{.*}} -> tensor<6x12xf32>
// CHECK: kiln.expand {{.*}} -> tensor<2x3x4xf32>
// CHECK: kiln.top_k {{.*}} -> (tensor<3x2xf32>, tensor<3x2xi64>)
// CHECK: kiln.depth_to_space {{.*}} -> tensor<1x2x8x12xf32>
// CHECK: kiln.space_to_depth {{.*}} -> tensor<1x32x2x3xf32>
// CHECK: kiln.einsum {{.*}} -> tensor<3x3xf32>
// CHECK: kiln.layer_normalization {{.*}} -> (tensor<1x8x4x6xf32>, tensor<1x8x1x1xf32>, tensor<1x8x1x1xf32>)
// CHECK: kiln.range {{.*}} -> tensor<3xi64>
// CHECK: kiln.one_hot {{.*}} -> tensor<5x3xf32>
// CHECK: kiln.gather_nd {{.*}} -> tensor<2xf32>
// CHECK: kiln.non_zero {{.*}} -> tensor<2x?xi64>
// CHECK: kiln.constant_of_shape {{.*}} -> tensor<2x3xf32>
// CHECK: kiln.size {{.*}} -> tensor<i64>
// CHECK: kiln.shape {{.*}} -> tensor<2xi64>
// CHECK: kiln.cast_like {{.*}} -> tensor<3x4xi64>
// CHECK: kiln.squeeze {{.*}} -> tensor<8x4x6xf32>
func.func @constant_operands(%x: tensor<1x8x4x6xf32>, %m: tensor<3x4xf32>, %i: tensor<3xi64>, %nd: tensor<2x2xi64>) {
  %none = kiln.none
  %sc = kiln.constant dense<[1.0, 1.0, 2.0, 1.5]> : tensor<4xf32>
  %0 = kiln.resize %x, %none, %sc, %none : (tensor<1x8x4x6xf32>, none, tensor<4xf32>, none) -> tensor<*xf32>
  %sz = kiln.constant dense<[5, 7]> : tensor<2xi64>
  %1 = kiln.resize %x, %none, %none, %sz {axes = [2, 3]} : (tensor<1x8x4x6xf32>, none, none, tensor<2xi64>) -> tensor<*xf32>
  %p = kiln.constant dense<[0, 0, 1, 2, 0, 0, 3, 4]> : tensor<8xi64>
  %2 = kiln.pad %x, %p, %none, %none : (tensor<1x8x4x6xf32>, tensor<8xi64>, none, none) -> tensor<*xf32>
  %r = kiln.constant dense<[2, 3]> : tensor<2xi64>
  %3 = kiln.tile %m, %r : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<*xf32>
  %e = kiln.constant dense<[2, 1, 4]> : tensor<3xi64>
  %4 = kiln.expand %m, %e : (tensor<3x4xf32>, tensor<3xi64>) -> tensor<*xf32>
  %k = kiln.constant dense<2> : tensor<1xi64>
  %5:2 = kiln.top_k %m, %k : (tensor<3x4xf32>, tensor<1xi64>) -> (tensor<*xf32>, tensor<*xi64>)
  %6 = kiln.depth_to_space %x {blocksize = 2 : i64} : (tensor<1x8x4x6xf32>) -> tensor<*xf32>
  %7 = kiln.space_to_depth %x {blocksize = 2 : i64} : (tensor<1x8x4x6xf32>) -> tensor<*xf32>
  %8 = kiln.einsum %m, %m {equation = "ij,kj"} : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<*xf32>
  %s = kiln.constant dense<1.0> : tensor<6xf32>
  %10:3 = kiln.layer_normalization %x, %s, %none {axis = 2 : i64} : (tensor<1x8x4x6xf32>, tensor<6xf32>, none) -> (tensor<*xf32>, tensor<*xf32>, tensor<*xf32>)
  %a = kiln.constant dense<1> : tensor<i64>
  %b = kiln.constant dense<10> : tensor<i64>
  %c = kiln.constant dense<3> : tensor<i64>
  %11 = kiln.range %a, %b, %c : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<*xi64>
  %d = kiln.constant dense<5.0> : tensor<f32>
  %v = kiln.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %12 = kiln.one_hot %i, %d, %v {axis = 0 : i64} : (tensor<3xi64>, tensor<f32>, tensor<2xf32>) -> tensor<*xf32>
  %13 = kiln.gather_nd %m, %nd : (tensor<3x4xf32>, tensor<2x2xi64>) -> tensor<*xf32>
  %14 = kiln.non_zero %m : (tensor<3x4xf32>) -> tensor<*xi64>
  %15 = kiln.constant_of_shape %r : (tensor<2xi64>) -> tensor<*xf32>
  %16 = kiln.size %x : (tensor<1x8x4x6xf32>) -> tensor<*xi64>
  %17 = kiln.shape %x {start = 1 : i64, end = -1 : i64} : (tensor<1x8x4x6xf32>) -> tensor<*xi64>
  %18 = kiln.cast_like %m, %i : (tensor<3x4xf32>, tensor<3xi64>) -> tensor<*xi64>
  %ax = kiln.constant dense<[0]> : tensor<1xi64>
  %19 = kiln.squeeze %x, %ax : (tensor<1x8x4x6xf32>, tensor<1xi64>) -> tensor<*xf32>
  return
}

// -----

// Constants stored out of line (dense_resource) are read too.
// CHECK-LABEL: func.func @resource_constant
// CHECK: kiln.unsqueeze {{.*}} -> tensor<1x3x1x4xf32>
func.func @resource_constant(%x: tensor<3x4xf32>) -> tensor<*xf32> {
  %axes = kiln.constant dense_resource<unsqueeze_axes> : tensor<2xi64>
  %0 = kiln.unsqueeze %x, %axes : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

{-#
  dialect_resources: {
    builtin: {
      unsqueeze_axes: "0x0800000000000000000000000200000000000000"
    }
  }
#-}

// -----

// A Loop body argument declared without a shape takes its initial value's
// type when the body yields values of that type again (then every
// iteration's value has it), and so does the carried result; the body is
// inferred with it.
// CHECK-LABEL: func.func @loop_carried_scalar
// CHECK: kiln.loop {{.*}} -> (tensor<f32>, tensor<?xf32>)
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %[[V:.*]]: tensor<f32>):
// CHECK: kiln.add %[[V]], %{{.*}} : (tensor<f32>, tensor<f32>) -> tensor<f32>
func.func @loop_carried_scalar(%n: tensor<i64>, %x: tensor<f32>, %d: tensor<f32>) -> (tensor<*xf32>, tensor<?xf32>) {
  %none = kiln.none
  %r:2 = kiln.loop %n, %none, %x : (tensor<i64>, none, tensor<f32>) -> (tensor<*xf32>, tensor<?xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<*xf32>):
    %next = kiln.add %v, %d : (tensor<*xf32>, tensor<f32>) -> tensor<*xf32>
    %copy = kiln.identity %v : (tensor<*xf32>) -> tensor<*xf32>
    kiln.yield %c, %next, %copy : tensor<i1>, tensor<*xf32>, tensor<*xf32>
  }
  return %r#0, %r#1 : tensor<*xf32>, tensor<?xf32>
}

// -----

// A carried value that grows each iteration (concatenated with itself)
// does not keep its initial shape: the argument stays as declared.
// CHECK-LABEL: func.func @loop_carried_grows
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %{{.*}}: tensor<?xf32>):
// CHECK: kiln.concat
func.func @loop_carried_grows(%n: tensor<i64>, %x: tensor<2xf32>) -> tensor<?xf32> {
  %none = kiln.none
  %r = kiln.loop %n, %none, %x : (tensor<i64>, none, tensor<2xf32>) -> (tensor<?xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<?xf32>):
    %next = kiln.concat %v, %v {axis = 0 : i64} : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
    kiln.yield %c, %next : tensor<i1>, tensor<?xf32>
  }
  return %r : tensor<?xf32>
}
