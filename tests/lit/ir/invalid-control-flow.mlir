// RUN: kiln-opt --split-input-file --verify-diagnostics %s

func.func @if_cond_type(%c: tensor<f32>, %x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{expected cond of element type 'i1', found 'f32'}}
  %r = kiln.if %c : tensor<f32> -> (tensor<3xf32>) {
    kiln.yield %x : tensor<3xf32>
  } else {
    kiln.yield %x : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}

// -----

func.func @if_yield_count(%c: tensor<i1>, %x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{expected the else branch to yield 1 values (one per result), found 2}}
  %r = kiln.if %c : tensor<i1> -> (tensor<3xf32>) {
    kiln.yield %x : tensor<3xf32>
  } else {
    kiln.yield %x, %x : tensor<3xf32>, tensor<3xf32>
  }
  return %r : tensor<3xf32>
}

// -----

func.func @if_yield_type(%c: tensor<i1>, %x: tensor<3xf32>, %y: tensor<3xi64>) -> tensor<3xf32> {
  // expected-error @+1 {{expected then branch's value #0 to have element type 'f32', found 'i64'}}
  %r = kiln.if %c : tensor<i1> -> (tensor<3xf32>) {
    kiln.yield %y : tensor<3xi64>
  } else {
    kiln.yield %x : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}

// -----

func.func @loop_arguments(%n: tensor<i64>, %x: tensor<2xf32>) -> tensor<2xf32> {
  %none = kiln.none
  // expected-error @+1 {{expected the body to take 3 arguments (iteration number, condition and one per loop-carried value), found 2}}
  %y = kiln.loop %n, %none, %x : (tensor<i64>, none, tensor<2xf32>) -> (tensor<2xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>):
    kiln.yield %c, %x : tensor<i1>, tensor<2xf32>
  }
  return %y : tensor<2xf32>
}

// -----

func.func @loop_results(%n: tensor<i64>, %x: tensor<2xf32>) -> tensor<2xf32> {
  %none = kiln.none
  // expected-error @+1 {{expected 2 results (1 loop-carried, 1 scan outputs), found 1}}
  %y = kiln.loop %n, %none, %x : (tensor<i64>, none, tensor<2xf32>) -> (tensor<2xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<2xf32>):
    kiln.yield %c, %v, %v : tensor<i1>, tensor<2xf32>, tensor<2xf32>
  }
  return %y : tensor<2xf32>
}

// -----

func.func @loop_trip_count(%n: tensor<2xi64>, %x: tensor<2xf32>) -> tensor<2xf32> {
  %none = kiln.none
  // expected-error @+1 {{expected max_trip_count to hold one element, found 2}}
  %y = kiln.loop %n, %none, %x : (tensor<2xi64>, none, tensor<2xf32>) -> (tensor<2xf32>) {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %v: tensor<2xf32>):
    kiln.yield %c, %v : tensor<i1>, tensor<2xf32>
  }
  return %y : tensor<2xf32>
}

// -----

func.func @scan_inputs(%s: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{expected num_scan_inputs in [1, 1], found 2}}
  %r = kiln.scan %s {num_scan_inputs = 2 : i64} : (tensor<2xf32>) -> (tensor<2xf32>) {
  ^bb0(%a: tensor<2xf32>):
    kiln.yield %a : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @scan_directions(%s: tensor<2xf32>, %x: tensor<3x2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{expected scan_input_directions entries to be 0 or 1, found [2]}}
  %r = kiln.scan %s, %x {num_scan_inputs = 1 : i64, scan_input_directions = [2]} : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>) {
  ^bb0(%a: tensor<2xf32>, %b: tensor<2xf32>):
    kiln.yield %a : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @yield_outside(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{expects parent op to be one of 'kiln.if, kiln.loop, kiln.scan'}}
  kiln.yield %x : tensor<2xf32>
}
