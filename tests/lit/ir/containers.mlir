// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// Sequence and optional types and ops print and parse back.

// CHECK-LABEL: func.func @edit
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[S:.*]]: !kiln.seq<tensor<?x3xf32>>)
func.func @edit(%x: tensor<2x3xf32>, %s: !kiln.seq<tensor<?x3xf32>>)
    -> (tensor<?x3xf32>, tensor<i64>) {
  %none = kiln.none
  %p = kiln.constant dense<0> : tensor<i64>
  // CHECK: kiln.sequence_insert %[[S]], %[[X]], %{{.*}} : (!kiln.seq<tensor<?x3xf32>>, tensor<2x3xf32>, none) -> !kiln.seq<tensor<?x3xf32>>
  %s1 = kiln.sequence_insert %s, %x, %none : (!kiln.seq<tensor<?x3xf32>>, tensor<2x3xf32>, none) -> !kiln.seq<tensor<?x3xf32>>
  // CHECK: kiln.sequence_erase
  %s2 = kiln.sequence_erase %s1, %p : (!kiln.seq<tensor<?x3xf32>>, tensor<i64>) -> !kiln.seq<tensor<?x3xf32>>
  // CHECK: kiln.sequence_length
  %n = kiln.sequence_length %s2 : (!kiln.seq<tensor<?x3xf32>>) -> tensor<i64>
  // CHECK: kiln.concat_from_sequence %{{.*}} {axis = 0 : i64}
  %y = kiln.concat_from_sequence %s2 {axis = 0 : i64} : (!kiln.seq<tensor<?x3xf32>>) -> tensor<?x3xf32>
  return %y, %n : tensor<?x3xf32>, tensor<i64>
}

// CHECK-LABEL: func.func @optionals
func.func @optionals(%x: tensor<5xf32>) -> (tensor<i1>, !kiln.opt<!kiln.seq<tensor<*xi64>>>) {
  %none = kiln.none
  // CHECK: kiln.optional %{{.*}} : (tensor<5xf32>) -> !kiln.opt<tensor<5xf32>>
  %o = kiln.optional %x : (tensor<5xf32>) -> !kiln.opt<tensor<5xf32>>
  %h = kiln.optional_has_element %o : (!kiln.opt<tensor<5xf32>>) -> tensor<i1>
  // CHECK: kiln.optional %{{.*}} {dtype = 7 : i64} : (none) -> !kiln.opt<!kiln.seq<tensor<*xi64>>>
  %e = kiln.optional %none {dtype = 7 : i64} : (none) -> !kiln.opt<!kiln.seq<tensor<*xi64>>>
  return %h, %e : tensor<i1>, !kiln.opt<!kiln.seq<tensor<*xi64>>>
}

// A loop carries a sequence whose tensors change shape.
// CHECK-LABEL: func.func @loop
// CHECK: kiln.loop {{.*}} -> !kiln.seq<tensor<*xf32>>
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %[[ACC:.*]]: !kiln.seq<tensor<*xf32>>):
func.func @loop(%n: tensor<i64>, %x: tensor<4xf32>) -> !kiln.seq<tensor<*xf32>> {
  %none = kiln.none
  %e = kiln.sequence_empty : !kiln.seq<tensor<*xf32>>
  %r = kiln.loop %n, %none, %e : (tensor<i64>, none, !kiln.seq<tensor<*xf32>>) -> !kiln.seq<tensor<*xf32>> {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %acc: !kiln.seq<tensor<*xf32>>):
    %s = kiln.sequence_insert %acc, %x, %none : (!kiln.seq<tensor<*xf32>>, tensor<4xf32>, none) -> !kiln.seq<tensor<*xf32>>
    kiln.yield %c, %s : tensor<i1>, !kiln.seq<tensor<*xf32>>
  }
  return %r : !kiln.seq<tensor<*xf32>>
}
