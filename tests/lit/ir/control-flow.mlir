// kiln.if, kiln.loop and kiln.scan print and parse (custom and generic
// form); their regions read outer-scope values.
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt --mlir-print-op-generic %s | kiln-opt | FileCheck %s

// CHECK-LABEL: func.func @if
// CHECK: %[[R:.*]] = kiln.if %{{.*}} : tensor<i1> -> (tensor<3xf32>) {
// CHECK:   %[[N:.*]] = kiln.neg %[[X:.*]] : (tensor<3xf32>) -> tensor<3xf32>
// CHECK:   kiln.yield %[[N]] : tensor<3xf32>
// CHECK: } else {
// CHECK:   kiln.yield %{{.*}} : tensor<3xf32>
// CHECK: }
// CHECK: return %[[R]]
func.func @if(%c: tensor<i1>, %x: tensor<3xf32>) -> tensor<3xf32> {
  %r = kiln.if %c : tensor<i1> -> (tensor<3xf32>) {
    %n = kiln.neg %x : (tensor<3xf32>) -> tensor<3xf32>
    kiln.yield %n : tensor<3xf32>
  } else {
    kiln.yield %x : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}

// CHECK-LABEL: func.func @loop
// CHECK: %[[NONE:.*]] = kiln.none
// CHECK: kiln.loop %{{.*}}, %[[NONE]], %{{.*}} : (tensor<i64>, none, tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>) {
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %[[C:.*]]: tensor<i1>, %[[V:.*]]: tensor<2xf32>):
// CHECK:   %[[A:.*]] = kiln.add %[[V]], %{{.*}}
// CHECK:   kiln.yield %[[C]], %[[A]], %[[A]] : tensor<i1>, tensor<2xf32>, tensor<2xf32>
func.func @loop(%n: tensor<i64>, %x: tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>) {
  %none = kiln.none
  %y, %ys = kiln.loop %n, %none, %x : (tensor<i64>, none, tensor<2xf32>) -> (tensor<2xf32>, tensor<?x2xf32>) {
  ^bb0(%i: tensor<i64>, %cin: tensor<i1>, %v: tensor<2xf32>):
    %a = kiln.add %v, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    kiln.yield %cin, %a, %a : tensor<i1>, tensor<2xf32>, tensor<2xf32>
  }
  return %y, %ys : tensor<2xf32>, tensor<?x2xf32>
}

// CHECK-LABEL: func.func @scan
// CHECK: kiln.scan %{{.*}}, %{{.*}} {num_scan_inputs = 1 : i64, scan_input_directions = [1]} : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>) {
// CHECK: ^bb0(%{{.*}}: tensor<2xf32>, %{{.*}}: tensor<2xf32>):
// CHECK:   kiln.yield
func.func @scan(%s: tensor<2xf32>, %x: tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>) {
  %sum, %all = kiln.scan %s, %x {num_scan_inputs = 1 : i64, scan_input_directions = [1]} : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>) {
  ^bb0(%acc: tensor<2xf32>, %xt: tensor<2xf32>):
    %n = kiln.add %acc, %xt : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    kiln.yield %n, %n : tensor<2xf32>, tensor<2xf32>
  }
  return %sum, %all : tensor<2xf32>, tensor<3x2xf32>
}
