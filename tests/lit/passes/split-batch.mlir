// RUN: kiln-opt --split-input-file --kiln-split-batch="cache-bytes=1024" %s | FileCheck %s

// Budget 2 KiB (twice the cache). A conv, relu, bias add and pool at batch
// 2 whose activations are 8 KiB: one image per part. Image 0's slice and
// ops, then image 1's, then the pooled parts joined along the batch. The
// weights and the broadcast bias are read whole by both parts.
// CHECK-LABEL: func.func @chain
// CHECK-DAG: %[[W:.*]] = kiln.constant dense<1.250000e-01> : tensor<4x4x3x3xf32>
// CHECK-DAG: %[[BIAS:.*]] = kiln.constant dense<5.000000e-01> : tensor<1x4x1x1xf32>
// CHECK: %[[AXIS:.*]] = kiln.constant dense<0> : tensor<1xi64>
// CHECK: %[[S0:.*]] = kiln.constant dense<0> : tensor<1xi64>
// CHECK: %[[E0:.*]] = kiln.constant dense<1> : tensor<1xi64>
// CHECK: %[[X0:.*]] = kiln.slice %arg0, %[[S0]], %[[E0]], %[[AXIS]], %{{.*}} {kiln.items = array<i64: 0, 1>} : ({{.*}}) -> tensor<1x4x16x16xf32>
// CHECK: %[[C0:.*]] = kiln.conv %[[X0]], %[[W]], %{{.*}} {kernel_shape = [3, 3], kiln.items = array<i64: 0, 1>, pads = [1, 1, 1, 1]} : {{.*}} -> tensor<1x4x16x16xf32>
// CHECK: %[[R0:.*]] = kiln.relu %[[C0]] {kiln.items = array<i64: 0, 1>}
// CHECK: %[[A0:.*]] = kiln.add %[[R0]], %[[BIAS]] {kiln.items = array<i64: 0, 1>}
// CHECK: %[[P0:.*]] = kiln.max_pool %[[A0]] {kernel_shape = [2, 2], kiln.items = array<i64: 0, 1>, strides = [2, 2]} : (tensor<1x4x16x16xf32>) -> tensor<1x4x8x8xf32>
// CHECK: %[[X1:.*]] = kiln.slice %arg0, {{.*}}kiln.items = array<i64: 1, 2>} : {{.*}} -> tensor<1x4x16x16xf32>
// CHECK: kiln.conv %[[X1]], %[[W]], {{.*}}kiln.items = array<i64: 1, 2>
// CHECK: %[[P1:.*]] = kiln.max_pool {{.*}}kiln.items = array<i64: 1, 2>
// CHECK: %[[Y:.*]] = kiln.concat %[[P0]], %[[P1]] {axis = 0 : i64} : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<2x4x8x8xf32>
// CHECK: return %[[Y]]
func.func @chain(%x: tensor<2x4x16x16xf32>) -> tensor<2x4x8x8xf32> {
  %w = kiln.constant dense<0.125> : tensor<4x4x3x3xf32>
  %none = kiln.none
  %c = kiln.conv %x, %w, %none {kernel_shape = [3, 3], pads = [1, 1, 1, 1]}
      : (tensor<2x4x16x16xf32>, tensor<4x4x3x3xf32>, none) -> tensor<2x4x16x16xf32>
  %r = kiln.relu %c : (tensor<2x4x16x16xf32>) -> tensor<2x4x16x16xf32>
  %bias = kiln.constant dense<0.5> : tensor<1x4x1x1xf32>
  %a = kiln.add %r, %bias : (tensor<2x4x16x16xf32>, tensor<1x4x1x1xf32>) -> tensor<2x4x16x16xf32>
  %p = kiln.max_pool %a {kernel_shape = [2, 2], strides = [2, 2]}
      : (tensor<2x4x16x16xf32>) -> tensor<2x4x8x8xf32>
  return %p : tensor<2x4x8x8xf32>
}

// -----

// Squeeze-and-excitation after a conv: a global pool, its N x C view, the
// view back (whose target shape spells out the batch: restated per part)
// and the scaling. The value the run's last op computes is joined; the
// input is sliced once per part.
// CHECK-LABEL: func.func @excite
// CHECK: %[[X0:.*]] = kiln.slice %arg0, {{.*}} -> tensor<1x8x16x16xf32>
// CHECK: %[[C0:.*]] = kiln.conv %[[X0]], {{.*}}kiln.items = array<i64: 0, 1>
// CHECK: %[[G0:.*]] = kiln.global_average_pool %[[C0]] {kiln.items = array<i64: 0, 1>}
// CHECK: %[[F0:.*]] = kiln.flatten %[[G0]] {axis = 1 : i64, kiln.items = array<i64: 0, 1>} : (tensor<1x8x1x1xf32>) -> tensor<1x8xf32>
// CHECK: %[[SH0:.*]] = kiln.constant dense<[1, 8, 1, 1]> : tensor<4xi64>
// CHECK: %[[V0:.*]] = kiln.reshape %[[F0]], %[[SH0]] {kiln.items = array<i64: 0, 1>} : (tensor<1x8xf32>, tensor<4xi64>) -> tensor<1x8x1x1xf32>
// CHECK: %[[M0:.*]] = kiln.mul %[[C0]], %[[V0]] {kiln.items = array<i64: 0, 1>} : (tensor<1x8x16x16xf32>, tensor<1x8x1x1xf32>) -> tensor<1x8x16x16xf32>
// CHECK: kiln.slice %arg0
// CHECK: %[[M1:.*]] = kiln.mul {{.*}}kiln.items = array<i64: 1, 2>
// CHECK: kiln.concat %[[M0]], %[[M1]] {axis = 0 : i64}
// CHECK-NOT: tensor<2x8x1x1xf32>
func.func @excite(%x: tensor<2x8x16x16xf32>) -> tensor<2x8x16x16xf32> {
  %w = kiln.constant dense<0.125> : tensor<8x8x1x1xf32>
  %none = kiln.none
  %c = kiln.conv %x, %w, %none {kernel_shape = [1, 1]}
      : (tensor<2x8x16x16xf32>, tensor<8x8x1x1xf32>, none) -> tensor<2x8x16x16xf32>
  %g = kiln.global_average_pool %c : (tensor<2x8x16x16xf32>) -> tensor<2x8x1x1xf32>
  %f = kiln.flatten %g {axis = 1 : i64} : (tensor<2x8x1x1xf32>) -> tensor<2x8xf32>
  %shape = kiln.constant dense<[2, 8, 1, 1]> : tensor<4xi64>
  %v = kiln.reshape %f, %shape : (tensor<2x8xf32>, tensor<4xi64>) -> tensor<2x8x1x1xf32>
  %m = kiln.mul %c, %v : (tensor<2x8x16x16xf32>, tensor<2x8x1x1xf32>) -> tensor<2x8x16x16xf32>
  return %m : tensor<2x8x16x16xf32>
}

// -----

// Batch 4 with 1 KiB per image: two images per part. A value read both
// inside the run and after it is joined for the reader after it.
// CHECK-LABEL: func.func @pairs
// CHECK: %[[P0:.*]] = kiln.max_pool {{.*}}kiln.items = array<i64: 0, 2>{{.*}} : (tensor<2x4x8x8xf32>) -> tensor<2x4x8x8xf32>
// CHECK: %[[A0:.*]] = kiln.average_pool %[[P0]] {{.*}}kiln.items = array<i64: 0, 2>
// CHECK: %[[P1:.*]] = kiln.max_pool {{.*}}kiln.items = array<i64: 2, 4>
// CHECK: %[[A1:.*]] = kiln.average_pool %[[P1]] {{.*}}kiln.items = array<i64: 2, 4>
// CHECK-DAG: %[[P:.*]] = kiln.concat %[[P0]], %[[P1]] {axis = 0 : i64}
// CHECK-DAG: %[[A:.*]] = kiln.concat %[[A0]], %[[A1]] {axis = 0 : i64}
// CHECK: %[[T:.*]] = kiln.transpose %[[P]]
// CHECK: return %[[A]], %[[T]]
func.func @pairs(%x: tensor<4x4x8x8xf32>) -> (tensor<4x4x8x8xf32>, tensor<8x4x4x8xf32>) {
  %p = kiln.max_pool %x {kernel_shape = [3, 3], pads = [1, 1, 1, 1]} : (tensor<4x4x8x8xf32>) -> tensor<4x4x8x8xf32>
  %a = kiln.average_pool %p {kernel_shape = [3, 3], pads = [1, 1, 1, 1]} : (tensor<4x4x8x8xf32>) -> tensor<4x4x8x8xf32>
  %t = kiln.transpose %p {perm = [2, 1, 0, 3]} : (tensor<4x4x8x8xf32>) -> tensor<8x4x4x8xf32>
  return %a, %t : tensor<4x4x8x8xf32>, tensor<8x4x4x8xf32>
}

// -----

// Left alone: a conv whose weights (16 KiB, read again by every part) cost
// more than its 8 KiB of activations; a Concat along the batch; a MaxPool
// whose flat indices are read; batch 1; activations within the budget;
// elementwise ops alone (they run in their neighbours' kernels); a pool
// alone, whose input would be copied into the parts for what it saves.
// CHECK-LABEL: func.func @whole
// CHECK-NOT: kiln.slice
// CHECK-NOT: kiln.items
func.func @whole(%x: tensor<2x64x4x4xf32>, %y: tensor<2x4x16x16xf32>,
                 %z: tensor<1x4x32x32xf32>, %s: tensor<2x4x4x4xf32>,
                 %e: tensor<2x8x16x16xf32>)
    -> (tensor<2x64x4x4xf32>, tensor<4x4x16x16xf32>, tensor<2x4x8x8xi64>,
        tensor<1x4x32x32xf32>, tensor<2x4x4x4xf32>, tensor<2x8x16x16xf32>,
        tensor<2x8x16x16xf32>) {
  %w = kiln.constant dense<0.125> : tensor<64x64x1x1xf32>
  %none = kiln.none
  %c = kiln.conv %x, %w, %none {kernel_shape = [1, 1]}
      : (tensor<2x64x4x4xf32>, tensor<64x64x1x1xf32>, none) -> tensor<2x64x4x4xf32>
  %j = kiln.concat %y, %y {axis = 0 : i64}
      : (tensor<2x4x16x16xf32>, tensor<2x4x16x16xf32>) -> tensor<4x4x16x16xf32>
  %p, %i = kiln.max_pool %y {kernel_shape = [2, 2], strides = [2, 2]}
      : (tensor<2x4x16x16xf32>) -> (tensor<2x4x8x8xf32>, tensor<2x4x8x8xi64>)
  %r = kiln.relu %z : (tensor<1x4x32x32xf32>) -> tensor<1x4x32x32xf32>
  %q = kiln.relu %s : (tensor<2x4x4x4xf32>) -> tensor<2x4x4x4xf32>
  %er = kiln.relu %e : (tensor<2x8x16x16xf32>) -> tensor<2x8x16x16xf32>
  %en = kiln.neg %er : (tensor<2x8x16x16xf32>) -> tensor<2x8x16x16xf32>
  %ea = kiln.average_pool %e {kernel_shape = [3, 3], pads = [1, 1, 1, 1]}
      : (tensor<2x8x16x16xf32>) -> tensor<2x8x16x16xf32>
  return %c, %j, %i, %r, %q, %en, %ea : tensor<2x64x4x4xf32>,
      tensor<4x4x16x16xf32>, tensor<2x4x8x8xi64>, tensor<1x4x32x32xf32>,
      tensor<2x4x4x4xf32>, tensor<2x8x16x16xf32>, tensor<2x8x16x16xf32>
}

// -----

// A Transpose that leaves the batch first, a Softmax and a
// LayerNormalization over other axes split with the rest; a Transpose that
// moves the batch and a Softmax along it stay whole.
// CHECK-LABEL: func.func @rows
// CHECK: %[[T0:.*]] = kiln.transpose %{{.*}} {kiln.items = array<i64: 0, 1>, perm = [0, 2, 1, 3]} : (tensor<1x16x8x16xf32>) -> tensor<1x8x16x16xf32>
// CHECK: %[[S0:.*]] = kiln.softmax %[[T0]] {axis = 1 : i64, kiln.items = array<i64: 0, 1>}
// CHECK: %[[L0:.*]] = kiln.layer_normalization %[[S0]], {{.*}}kiln.items = array<i64: 0, 1>
// CHECK: kiln.transpose {{.*}}kiln.items = array<i64: 1, 2>
// CHECK: %[[L1:.*]] = kiln.layer_normalization {{.*}}kiln.items = array<i64: 1, 2>
// CHECK: %[[L:.*]] = kiln.concat %[[L0]], %[[L1]] {axis = 0 : i64}
// CHECK: kiln.transpose %arg0 {perm = [1, 0, 2, 3]} : (tensor<2x16x8x16xf32>)
// CHECK: kiln.softmax %arg0 {axis = 0 : i64} : (tensor<2x16x8x16xf32>)
// CHECK: return %[[L]]
func.func @rows(%x: tensor<2x16x8x16xf32>)
    -> (tensor<2x8x16x16xf32>, tensor<16x2x8x16xf32>, tensor<2x16x8x16xf32>) {
  %t = kiln.transpose %x {perm = [0, 2, 1, 3]} : (tensor<2x16x8x16xf32>) -> tensor<2x8x16x16xf32>
  %s = kiln.softmax %t {axis = 1 : i64} : (tensor<2x8x16x16xf32>) -> tensor<2x8x16x16xf32>
  %w = kiln.constant dense<1.0> : tensor<16xf32>
  %none = kiln.none
  %l = kiln.layer_normalization %s, %w, %none {axis = -1 : i64}
      : (tensor<2x8x16x16xf32>, tensor<16xf32>, none) -> tensor<2x8x16x16xf32>
  %m = kiln.transpose %x {perm = [1, 0, 2, 3]} : (tensor<2x16x8x16xf32>) -> tensor<16x2x8x16xf32>
  %b = kiln.softmax %x {axis = 0 : i64} : (tensor<2x16x8x16xf32>) -> tensor<2x16x8x16xf32>
  return %l, %m, %b : tensor<2x8x16x16xf32>, tensor<16x2x8x16xf32>, tensor<2x16x8x16xf32>
}
