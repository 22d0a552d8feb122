// RUN: kiln-opt --split-input-file --kiln-blocked-layout="vector-lanes=16 panel-width=32" %s | FileCheck %s
// RUN: kiln-opt --split-input-file --kiln-blocked-layout="vector-lanes=8 panel-width=16" %s | FileCheck %s --check-prefix=AVX2

// A chain of two 1x1 convs on a 7x7 plane with a per-channel scale and a
// Sigmoid between them. The first conv reads its NCHW input as it is (no
// reorder), the scale constant is re-made blocked, the ops between run on
// rank-5 values, and only the last result leaves through a reorder. The
// conv weights are re-packed into panels of 32 output channels.
// CHECK-LABEL: func.func @chain
// CHECK-NOT: kiln.to_blocked
// CHECK: %[[C1:.*]] = kiln.blocked_conv %arg0, %{{.*}}, %{{.*}}, %{{.*}} {activation = "relu", block = 16 : i64, out_channels = 32 : i64} : (tensor<1x24x7x7xf32>, tensor<1x24x32xf32>, tensor<32xf32>, none) -> tensor<1x2x7x7x16xf32>
// CHECK: %[[S:.*]] = kiln.constant {{.*}} : tensor<1x2x1x1x16xf32>
// CHECK: %[[M:.*]] = kiln.mul %[[C1]], %[[S]] : (tensor<1x2x7x7x16xf32>, tensor<1x2x1x1x16xf32>) -> tensor<1x2x7x7x16xf32>
// CHECK: %[[G:.*]] = kiln.sigmoid %[[M]] : (tensor<1x2x7x7x16xf32>) -> tensor<1x2x7x7x16xf32>
// CHECK: %[[C2:.*]] = kiln.blocked_conv %[[G]], {{.*}} -> tensor<1x1x7x7x16xf32>
// CHECK: %[[Y:.*]] = kiln.from_blocked %[[C2]] : (tensor<1x1x7x7x16xf32>) -> tensor<1x16x7x7xf32>
// CHECK: return %[[Y]]
// CHECK-NOT: kiln.packed_conv
// AVX2-LABEL: func.func @chain
// AVX2: kiln.blocked_conv %arg0, {{.*}} {activation = "relu", block = 8 : i64, out_channels = 32 : i64} : (tensor<1x24x7x7xf32>, tensor<2x24x16xf32>, tensor<32xf32>, none) -> tensor<1x4x7x7x8xf32>
func.func @chain(%x: tensor<1x24x7x7xf32>) -> tensor<1x16x7x7xf32> {
  %w1 = kiln.constant dense<0.25> : tensor<3x24x12xf32>
  %b1 = kiln.constant dense<0.5> : tensor<32xf32>
  %w2 = kiln.constant dense<0.125> : tensor<2x32x12xf32>
  %s = kiln.constant dense<2.0> : tensor<32x1x1xf32>
  %none = kiln.none
  %c1 = kiln.packed_conv %x, %w1, %b1, %none {out_channels = 32 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1], activation = "relu"}
      : (tensor<1x24x7x7xf32>, tensor<3x24x12xf32>, tensor<32xf32>, none) -> tensor<1x32x7x7xf32>
  %m = kiln.mul %c1, %s : (tensor<1x32x7x7xf32>, tensor<32x1x1xf32>) -> tensor<1x32x7x7xf32>
  %g = kiln.sigmoid %m : (tensor<1x32x7x7xf32>) -> tensor<1x32x7x7xf32>
  %c2 = kiln.packed_conv %g, %w2, %none, %none {out_channels = 16 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x32x7x7xf32>, tensor<2x32x12xf32>, none, none) -> tensor<1x16x7x7xf32>
  return %c2 : tensor<1x16x7x7xf32>
}

// -----

// Two chains (convs that read the same input and the same residual but
// not each other): the residual enters through one reorder, right after
// its definition, that both share.
// CHECK-LABEL: func.func @shared
// CHECK: %[[R:.*]] = kiln.to_blocked %arg1 {block = 16 : i64} : (tensor<1x32x7x7xf32>) -> tensor<1x2x7x7x16xf32>
// CHECK-NOT: kiln.to_blocked
// CHECK: kiln.blocked_conv %arg0, %{{.*}}, %{{.*}}, %[[R]]
// CHECK-NEXT: kiln.from_blocked
// CHECK-NOT: kiln.to_blocked
// CHECK: kiln.blocked_conv %arg0, %{{.*}}, %{{.*}}, %[[R]]
// CHECK-NEXT: kiln.from_blocked
func.func @shared(%x: tensor<1x128x7x7xf32>, %r: tensor<1x32x7x7xf32>) -> (tensor<1x32x7x7xf32>, tensor<1x32x7x7xf32>) {
  %w = kiln.constant dense<0.25> : tensor<3x128x12xf32>
  %none = kiln.none
  %a = kiln.packed_conv %x, %w, %none, %r {out_channels = 32 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x128x7x7xf32>, tensor<3x128x12xf32>, none, tensor<1x32x7x7xf32>) -> tensor<1x32x7x7xf32>
  %b = kiln.packed_conv %x, %w, %none, %r {out_channels = 32 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1], activation = "relu"}
      : (tensor<1x128x7x7xf32>, tensor<3x128x12xf32>, none, tensor<1x32x7x7xf32>) -> tensor<1x32x7x7xf32>
  return %a, %b : tensor<1x32x7x7xf32>, tensor<1x32x7x7xf32>
}

// -----

// Two convs concatenated along the channels, then a third conv: the concat
// runs on the blocked values along axis 1.
// CHECK-LABEL: func.func @concat
// CHECK: %[[A:.*]] = kiln.blocked_conv %arg0
// CHECK: %[[B:.*]] = kiln.blocked_conv %arg0
// CHECK: %[[C:.*]] = kiln.concat %[[A]], %[[B]] {axis = 1 : i64} : (tensor<1x1x14x14x16xf32>, tensor<1x2x14x14x16xf32>) -> tensor<1x3x14x14x16xf32>
// CHECK: kiln.blocked_conv %[[C]]
// CHECK-COUNT-1: kiln.from_blocked
func.func @concat(%x: tensor<1x64x14x14xf32>) -> tensor<1x16x14x14xf32> {
  %wa = kiln.constant dense<0.25> : tensor<2x64x12xf32>
  %wb = kiln.constant dense<0.25> : tensor<3x64x12xf32>
  %wc = kiln.constant dense<0.25> : tensor<2x48x12xf32>
  %none = kiln.none
  %a = kiln.packed_conv %x, %wa, %none, %none {out_channels = 16 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x64x14x14xf32>, tensor<2x64x12xf32>, none, none) -> tensor<1x16x14x14xf32>
  %b = kiln.packed_conv %x, %wb, %none, %none {out_channels = 32 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x64x14x14xf32>, tensor<3x64x12xf32>, none, none) -> tensor<1x32x14x14xf32>
  %c = kiln.concat %a, %b {axis = 1 : i64} : (tensor<1x16x14x14xf32>, tensor<1x32x14x14xf32>) -> tensor<1x48x14x14xf32>
  %y = kiln.packed_conv %c, %wc, %none, %none {out_channels = 16 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x48x14x14xf32>, tensor<2x48x12xf32>, none, none) -> tensor<1x16x14x14xf32>
  return %y : tensor<1x16x14x14xf32>
}

// -----

// Left as they are: a conv whose output (64 channels) outweighs the input
// copy it would save (16), a dilated conv, a padded conv whose output plane
// is whole 64-byte lines (16 x 16), output channels that are not whole
// blocks.
// CHECK-LABEL: func.func @unchanged
// CHECK-NOT: kiln.blocked_conv
// CHECK-NOT: kiln.to_blocked
// CHECK-NOT: kiln.from_blocked
// AVX2-LABEL: func.func @unchanged
// AVX2-NOT: kiln.blocked_conv
func.func @unchanged(%x: tensor<1x16x7x7xf32>, %z: tensor<1x64x14x14xf32>) -> (tensor<1x64x7x7xf32>, tensor<1x32x14x14xf32>, tensor<1x32x16x16xf32>, tensor<1x20x14x14xf32>) {
  %w = kiln.constant dense<0.25> : tensor<6x16x12xf32>
  %w2 = kiln.constant dense<0.25> : tensor<3x64x12xf32>
  %w9 = kiln.constant dense<0.25> : tensor<3x576x12xf32>
  %w3 = kiln.constant dense<0.25> : tensor<2x64x12xf32>
  %none = kiln.none
  %a = kiln.packed_conv %x, %w, %none, %none {out_channels = 64 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x16x7x7xf32>, tensor<6x16x12xf32>, none, none) -> tensor<1x64x7x7xf32>
  %b = kiln.packed_conv %z, %w9, %none, %none {out_channels = 32 : i64,
      kernel_shape = [3, 3], strides = [1, 1], pads = [2, 2, 2, 2],
      dilations = [2, 2]}
      : (tensor<1x64x14x14xf32>, tensor<3x576x12xf32>, none, none) -> tensor<1x32x14x14xf32>
  %c = kiln.packed_conv %z, %w2, %none, %none {out_channels = 32 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [1, 1, 1, 1],
      dilations = [1, 1]}
      : (tensor<1x64x14x14xf32>, tensor<3x64x12xf32>, none, none) -> tensor<1x32x16x16xf32>
  %d = kiln.packed_conv %z, %w3, %none, %none {out_channels = 20 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x64x14x14xf32>, tensor<2x64x12xf32>, none, none) -> tensor<1x20x14x14xf32>
  return %a, %b, %c, %d : tensor<1x64x7x7xf32>, tensor<1x32x14x14xf32>, tensor<1x32x16x16xf32>, tensor<1x20x14x14xf32>
}

// -----

// A plane of whole 64-byte lines (8 x 8): with 16 lanes the NCHW kernel
// reads the input in place, so nothing is saved and the chain stays; with
// 8 lanes (16 registers) the NCHW kernel packs, and the chain is blocked.
// CHECK-LABEL: func.func @whole_lines
// CHECK-NOT: kiln.blocked_conv
// AVX2-LABEL: func.func @whole_lines
// AVX2-COUNT-2: kiln.blocked_conv
func.func @whole_lines(%x: tensor<1x64x8x8xf32>) -> tensor<1x16x8x8xf32> {
  %w1 = kiln.constant dense<0.25> : tensor<3x64x12xf32>
  %w2 = kiln.constant dense<0.25> : tensor<2x32x12xf32>
  %none = kiln.none
  %a = kiln.packed_conv %x, %w1, %none, %none {out_channels = 32 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1], activation = "relu"}
      : (tensor<1x64x8x8xf32>, tensor<3x64x12xf32>, none, none) -> tensor<1x32x8x8xf32>
  %y = kiln.packed_conv %a, %w2, %none, %none {out_channels = 16 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x32x8x8xf32>, tensor<2x32x12xf32>, none, none) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

// MobileNet's inverted residual at stride 2: expansion, depthwise 3x3 with
// Clip, projection. The depthwise conv joins the chain and runs on rank-5
// values with its weights as they are: one chain, one reorder at its end.
// CHECK-LABEL: func.func @depthwise
// CHECK-NOT: kiln.to_blocked
// CHECK: %[[E:.*]] = kiln.blocked_conv %arg0, {{.*}} -> tensor<1x6x14x14x16xf32>
// CHECK-NOT: kiln.from_blocked
// CHECK: %[[D:.*]] = kiln.depthwise_conv %[[E]], %{{.*}}, %{{.*}} {activation = "clip", {{.*}}strides = [2, 2]} : (tensor<1x6x14x14x16xf32>, tensor<96x1x3x3xf32>, tensor<96xf32>) -> tensor<1x6x7x7x16xf32>
// CHECK: %[[P:.*]] = kiln.blocked_conv %[[D]], {{.*}} -> tensor<1x2x7x7x16xf32>
// CHECK: kiln.from_blocked %[[P]] : (tensor<1x2x7x7x16xf32>) -> tensor<1x32x7x7xf32>
// CHECK-NOT: kiln.to_blocked
// AVX2-LABEL: func.func @depthwise
// AVX2: kiln.depthwise_conv {{.*}} : (tensor<1x12x14x14x8xf32>, tensor<96x1x3x3xf32>, tensor<96xf32>) -> tensor<1x12x7x7x8xf32>
func.func @depthwise(%x: tensor<1x16x14x14xf32>) -> tensor<1x32x7x7xf32> {
  %we = kiln.constant dense<0.25> : tensor<8x16x12xf32>
  %wd = kiln.constant dense<0.5> : tensor<96x1x3x3xf32>
  %bd = kiln.constant dense<0.5> : tensor<96xf32>
  %wp = kiln.constant dense<0.125> : tensor<3x96x12xf32>
  %none = kiln.none
  %e = kiln.packed_conv %x, %we, %none, %none {out_channels = 96 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1], activation = "relu"}
      : (tensor<1x16x14x14xf32>, tensor<8x16x12xf32>, none, none) -> tensor<1x96x14x14xf32>
  %d = kiln.depthwise_conv %e, %wd, %bd {kernel_shape = [3, 3],
      strides = [2, 2], pads = [1, 1, 1, 1], dilations = [1, 1],
      activation = "clip", clip_min = 0.0 : f32, clip_max = 6.0 : f32}
      : (tensor<1x96x14x14xf32>, tensor<96x1x3x3xf32>, tensor<96xf32>) -> tensor<1x96x7x7xf32>
  %p = kiln.packed_conv %d, %wp, %none, %none {out_channels = 32 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x96x7x7xf32>, tensor<3x96x12xf32>, none, none) -> tensor<1x32x7x7xf32>
  return %p : tensor<1x32x7x7xf32>
}

// -----

// A chain whose result a global average pool reads (the end of a conv
// net, a squeeze-and-excitation): the pool reads the blocked value, and
// with no other reader the chain needs no reorder at its end.
// CHECK-LABEL: func.func @pool
// CHECK: %[[C:.*]] = kiln.blocked_conv %arg0, {{.*}} -> tensor<1x2x7x7x16xf32>
// CHECK-NEXT: %[[P:.*]] = kiln.blocked_global_average_pool %[[C]] : (tensor<1x2x7x7x16xf32>) -> tensor<1x32x1x1xf32>
// CHECK-NOT: kiln.from_blocked
// CHECK-NOT: kiln.global_average_pool
// CHECK: return %[[P]]
func.func @pool(%x: tensor<1x64x7x7xf32>) -> tensor<1x32x1x1xf32> {
  %w = kiln.constant dense<0.25> : tensor<3x64x12xf32>
  %none = kiln.none
  %c = kiln.packed_conv %x, %w, %none, %none {out_channels = 32 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x64x7x7xf32>, tensor<3x64x12xf32>, none, none) -> tensor<1x32x7x7xf32>
  %p = kiln.global_average_pool %c : (tensor<1x32x7x7xf32>) -> tensor<1x32x1x1xf32>
  return %p : tensor<1x32x1x1xf32>
}

// -----

// A 3x3 conv at stride 2 from a 14x14 plane (not whole 64-byte lines) to
// 7x7 joins the chain of the 1x1 conv before it: a kiln.blocked_conv with
// its window, strides and pads, its weight re-packed with K in (kh, kw, c)
// order (9 x 32 = 288 rows). The same conv from a 16x16 plane (whole
// lines) stays a packed_conv: the NCHW kernel's packing is faster there.
// CHECK-LABEL: func.func @window
// CHECK: %[[A:.*]] = kiln.blocked_conv %arg0, {{.*}} -> tensor<1x2x14x14x16xf32>
// CHECK: %[[B:.*]] = kiln.blocked_conv %[[A]], %{{.*}}, %{{.*}}, %{{.*}} {activation = "relu", block = 16 : i64, kernel_shape = [3, 3], out_channels = 32 : i64, pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x2x14x14x16xf32>, tensor<1x288x32xf32>, tensor<32xf32>, none) -> tensor<1x2x7x7x16xf32>
// CHECK: kiln.from_blocked %[[B]]
// CHECK-LABEL: func.func @window_whole_lines
// CHECK-NOT: kiln.blocked_conv
// AVX2-LABEL: func.func @window
// AVX2: kiln.blocked_conv {{.*}} {activation = "relu", block = 8 : i64, kernel_shape = [3, 3], out_channels = 32 : i64, pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x4x14x14x8xf32>, tensor<2x288x16xf32>, tensor<32xf32>, none) -> tensor<1x4x7x7x8xf32>
func.func @window(%x: tensor<1x128x14x14xf32>) -> tensor<1x32x7x7xf32> {
  %w1 = kiln.constant dense<0.25> : tensor<3x128x12xf32>
  %w2 = kiln.constant dense<0.125> : tensor<6x288x6xf32>
  %b2 = kiln.constant dense<0.5> : tensor<32xf32>
  %none = kiln.none
  %a = kiln.packed_conv %x, %w1, %none, %none {out_channels = 32 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x128x14x14xf32>, tensor<3x128x12xf32>, none, none) -> tensor<1x32x14x14xf32>
  %b = kiln.packed_conv %a, %w2, %b2, %none {out_channels = 32 : i64,
      kernel_shape = [3, 3], strides = [2, 2], pads = [1, 1, 1, 1],
      dilations = [1, 1], activation = "relu"}
      : (tensor<1x32x14x14xf32>, tensor<6x288x6xf32>, tensor<32xf32>, none) -> tensor<1x32x7x7xf32>
  return %b : tensor<1x32x7x7xf32>
}

func.func @window_whole_lines(%x: tensor<1x128x16x16xf32>) -> tensor<1x32x8x8xf32> {
  %w1 = kiln.constant dense<0.25> : tensor<3x128x12xf32>
  %w2 = kiln.constant dense<0.125> : tensor<6x288x6xf32>
  %none = kiln.none
  %a = kiln.packed_conv %x, %w1, %none, %none {out_channels = 32 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<1x128x16x16xf32>, tensor<3x128x12xf32>, none, none) -> tensor<1x32x16x16xf32>
  %b = kiln.packed_conv %a, %w2, %none, %none {out_channels = 32 : i64,
      kernel_shape = [3, 3], strides = [2, 2], pads = [1, 1, 1, 1],
      dilations = [1, 1]}
      : (tensor<1x32x16x16xf32>, tensor<6x288x6xf32>, none, none) -> tensor<1x32x8x8xf32>
  return %b : tensor<1x32x8x8xf32>
}
