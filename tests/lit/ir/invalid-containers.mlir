// RUN: kiln-opt --split-input-file --verify-diagnostics %s

func.func @insert_other_type(%s: !kiln.seq<tensor<*xf32>>, %x: tensor<2xi64>) {
  %none = kiln.none
  // expected-error @+1 {{expected the tensor to hold 'f32' elements, found 'i64'}}
  %r = kiln.sequence_insert %s, %x, %none : (!kiln.seq<tensor<*xf32>>, tensor<2xi64>, none) -> !kiln.seq<tensor<*xf32>>
  return
}

// -----

func.func @at_position_rank(%s: !kiln.seq<tensor<*xf32>>, %p: tensor<2xi64>) {
  // expected-error @+1 {{expected position to hold one integer, found 2}}
  %r = kiln.sequence_at %s, %p : (!kiln.seq<tensor<*xf32>>, tensor<2xi64>) -> tensor<*xf32>
  return
}

// -----

func.func @empty_dtype() {
  // expected-error @+1 {{attribute 'dtype' says element type i64 but the result holds 'f32'}}
  %s = kiln.sequence_empty {dtype = 7 : i64} : !kiln.seq<tensor<*xf32>>
  return
}

// -----

func.func @concat_axis(%s: !kiln.seq<tensor<2x3xf32>>) {
  // expected-error @+1 {{axis}}
  %r = kiln.concat_from_sequence %s {axis = 2 : i64} : (!kiln.seq<tensor<2x3xf32>>) -> tensor<*xf32>
  return
}

// -----

func.func @get_kind(%o: !kiln.opt<!kiln.seq<tensor<*xf32>>>) {
  // expected-error @+1 {{expected the result to be a '!kiln.seq<tensor<*xf32>>', found 'tensor<*xf32>'}}
  %r = kiln.optional_get_element %o : (!kiln.opt<!kiln.seq<tensor<*xf32>>>) -> tensor<*xf32>
  return
}

// -----

// expected-error @+1 {{sequence of 'tensor<*xi16>': not an element type Kiln computes on}}
func.func @bad_elements(%s: !kiln.seq<tensor<*xi16>>) {
  return
}

// -----

func.func @loop_carries_kind(%n: tensor<i64>, %e: !kiln.seq<tensor<*xf32>>, %x: tensor<4xf32>) {
  %none = kiln.none
  // expected-error @+1 {{expected yielded value #1 to be a '!kiln.seq<tensor<*xf32>>', found 'tensor<4xf32>'}}
  %r = kiln.loop %n, %none, %e : (tensor<i64>, none, !kiln.seq<tensor<*xf32>>) -> !kiln.seq<tensor<*xf32>> {
  ^bb0(%i: tensor<i64>, %c: tensor<i1>, %acc: !kiln.seq<tensor<*xf32>>):
    kiln.yield %c, %x : tensor<i1>, tensor<4xf32>
  }
  return
}
