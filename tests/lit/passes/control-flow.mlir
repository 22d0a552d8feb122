// Passes and control-flow regions: nothing fuses or moves across a region
// boundary. A packed conv whose users are inside a loop body keeps its
// epilogue empty; elementwise groups stay within one block, a body's own
// chain being one group.
// RUN: kiln-opt --split-input-file --kiln-fuse-epilogue %s | FileCheck %s --check-prefix=EPI
// RUN: kiln-opt --split-input-file --kiln-fuse-elementwise %s | FileCheck %s --check-prefix=ELT
// RUN: kiln-opt --split-input-file --kiln-fold-constants --kiln-infer-shapes %s | FileCheck %s --check-prefix=FOLD

// EPI-LABEL: func.func @conv_then_loop
// EPI:       %[[Y:.*]] = kiln.packed_conv
// EPI-NOT:   activation
// EPI:       kiln.loop
// EPI:         kiln.relu %[[Y]]
// The conv's value is read inside the loop, so it is no epilogue's last
// value: the sigmoid stays out of its group. The body's relu, add and tanh
// are a group of their own.
// ELT-LABEL: func.func @conv_then_loop
// ELT:       kiln.packed_conv
// ELT-NOT:   kiln.fusion_group
// ELT:       kiln.loop
// ELT:         kiln.relu %{{.*}} {kiln.fusion_group = [[G:[0-9]+]] : i64}
// ELT-NEXT:    kiln.add %{{.*}}, %{{.*}} {kiln.fusion_group = [[G]] : i64}
// ELT-NEXT:    kiln.tanh %{{.*}} {kiln.fusion_group = [[G]] : i64}
// ELT-NEXT:    kiln.yield
func.func @conv_then_loop(%x: tensor<1x3x8x8xf32>, %n: tensor<i64>) -> (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) {
  %none = kiln.none
  %w = kiln.constant dense<0.25> : tensor<1x27x6xf32>
  %y = kiln.packed_conv %x, %w, %none, %none {out_channels = 4 : i64, kernel_shape = [3, 3],
      strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]}
      : (tensor<1x3x8x8xf32>, tensor<1x27x6xf32>, none, none) -> tensor<1x4x8x8xf32>
  %s = kiln.sigmoid %y : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %r = kiln.loop %n, %none, %s : (tensor<i64>, none, tensor<1x4x8x8xf32>) -> (tensor<1x4x8x8xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<1x4x8x8xf32>):
    %a = kiln.relu %y : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
    %b = kiln.add %v, %a : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
    %t = kiln.tanh %b : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
    kiln.yield %c, %t : tensor<i1>, tensor<1x4x8x8xf32>
  }
  return %r, %s : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>
}

// -----

// The conv's only user is a relu inside the body: fusing it would move the
// conv into the loop, so it stays outside, without an activation.
// EPI-LABEL: func.func @only_user_in_loop
// EPI:       %[[Y:.*]] = kiln.packed_conv
// EPI-NOT:   activation
// EPI-NEXT:  kiln.loop
// EPI-NEXT:  ^bb0
// EPI-NEXT:    kiln.relu %[[Y]]
func.func @only_user_in_loop(%x: tensor<1x3x8x8xf32>, %n: tensor<i64>, %z: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %none = kiln.none
  %w = kiln.constant dense<0.25> : tensor<1x27x6xf32>
  %y = kiln.packed_conv %x, %w, %none, %none {out_channels = 4 : i64, kernel_shape = [3, 3],
      strides = [1, 1], pads = [1, 1, 1, 1], dilations = [1, 1]}
      : (tensor<1x3x8x8xf32>, tensor<1x27x6xf32>, none, none) -> tensor<1x4x8x8xf32>
  %r = kiln.loop %n, %none, %z : (tensor<i64>, none, tensor<1x4x8x8xf32>) -> (tensor<1x4x8x8xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<1x4x8x8xf32>):
    %a = kiln.relu %y : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
    kiln.yield %c, %a : tensor<i1>, tensor<1x4x8x8xf32>
  }
  return %r : tensor<1x4x8x8xf32>
}

// -----

// The folder leaves the If (it has no reference kernel) and its regions in
// place; constants outside stay for the regions that read them.
// FOLD-LABEL: func.func @if_reads_constant
// FOLD:       %[[K:.*]] = kiln.constant dense<2.000000e+00> : tensor<3xf32>
// FOLD:       kiln.if
// FOLD:         kiln.mul %{{.*}}, %[[K]]
// FOLD:       } else {
func.func @if_reads_constant(%c: tensor<i1>, %x: tensor<3xf32>) -> tensor<3xf32> {
  %k = kiln.constant dense<2.0> : tensor<3xf32>
  %r = kiln.if %c : tensor<i1> -> (tensor<3xf32>) {
    %m = kiln.mul %x, %k : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    kiln.yield %m : tensor<3xf32>
  } else {
    kiln.yield %x : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}
