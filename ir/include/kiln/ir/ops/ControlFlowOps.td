//===- ControlFlowOps.td - If, Loop, Scan and their yield -----*- tablegen -*-===//
//
// ONNX control flow: ops with regions holding the imported subgraphs. The
// regions are not isolated from above, so a body reads outer-scope values
// directly, as an ONNX subgraph does. Each region has one block ended by
// `kiln.yield`. These ops have no reference kernel (a kernel sees tensors,
// not regions): the interpreter runs their regions itself, and every pass
// treats them as opaque at the level of the enclosing block.
//
// Result and block-argument types agree with the operands and yields in
// element type only: an ONNX loop-carried value may change its shape from
// one iteration to the next, and If's branches may yield different shapes.
// The interpreter checks each region's inputs against the block arguments'
// static dims when it runs.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CONTROL_FLOW_OPS_TD
#define KILN_CONTROL_FLOW_OPS_TD

def Kiln_YieldOp : Op<Kiln_Dialect, "yield",
    [Pure, Terminator,
     ParentOneOf<["IfOp", "LoopOp", "ScanOp"]>]> {
  let summary = "the values a control-flow region hands back (a subgraph's outputs)";
  let description = [{
    ```mlir
    kiln.yield %cond, %sum : tensor<i1>, tensor<2xf32>
    ```
  }];
  let arguments = (ins Variadic<Kiln_Value>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
}

def Kiln_IfOp : Op<Kiln_Dialect, "if",
    [RecursiveMemoryEffects, NoRegionArguments]> {
  let summary = "ONNX If: runs one of two regions, chosen by a boolean";
  let description = [{
    `cond` holds one element; its value picks `then_branch` or
    `else_branch`, whose yields become the results. The branches may yield
    different shapes (the result type then has a dynamic dim or no rank).

    ```mlir
    %r = kiln.if %c : tensor<i1> -> (tensor<5xf32>) {
      kiln.yield %a : tensor<5xf32>
    } else {
      kiln.yield %b : tensor<5xf32>
    }
    ```
  }];
  let arguments = (ins Kiln_Tensor:$cond);
  let results = (outs Variadic<Kiln_Value>:$outputs);
  let regions = (region SizedRegion<1>:$then_branch,
                        SizedRegion<1>:$else_branch);
  let assemblyFormat = [{
    $cond attr-dict `:` type($cond) `->` `(` type($outputs) `)`
    $then_branch `else` $else_branch
  }];
  let hasVerifier = 1;
}

def Kiln_LoopOp : Op<Kiln_Dialect, "loop", [RecursiveMemoryEffects]> {
  let summary = "ONNX Loop: a body run while a count and a condition allow";
  let description = [{
    `max_trip_count` (i64, one element) and `cond` (bool, one element) are
    optional (`none`). The body's block arguments are the iteration number
    (i64 scalar), the condition and the N loop-carried values; it yields
    the next condition, the N next carried values and K scan values. The
    results are the N final carried values, then the K scan outputs: each
    iteration's scan value stacked along a new axis 0.

    ```mlir
    %y, %s = kiln.loop %n, %c, %y0 : (tensor<i64>, tensor<i1>, tensor<1xf32>)
        -> (tensor<1xf32>, tensor<?x1xf32>) {
    ^bb0(%i: tensor<i64>, %cin: tensor<i1>, %yin: tensor<1xf32>):
      %next = kiln.add %yin, %x : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
      kiln.yield %cin, %next, %next : tensor<i1>, tensor<1xf32>, tensor<1xf32>
    }
    ```
  }];
  let arguments = (ins Kiln_OptTensor:$max_trip_count, Kiln_OptTensor:$cond,
                       Variadic<Kiln_Value>:$initial);
  let results = (outs Variadic<Kiln_Value>:$outputs);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $max_trip_count `,` $cond (`,` $initial^)? attr-dict `:`
    functional-type(operands, results) $body
  }];
  let hasVerifier = 1;
}

def Kiln_ScanOp : Op<Kiln_Dialect, "scan", [RecursiveMemoryEffects]> {
  let summary = "ONNX Scan: a body run once per slice of its scan inputs";
  let description = [{
    The operands are N state values then `num_scan_inputs` (M) scan inputs.
    Iteration t gives the body the current states and slice t of each scan
    input (along its `scan_input_axes` entry, from the end when its
    `scan_input_directions` entry is 1); the body yields the next states
    and K scan values. The results are the N final states, then the K scan
    outputs: each iteration's value stacked along its `scan_output_axes`
    entry (in reverse order when its `scan_output_directions` entry is 1).
    The attributes keep their ONNX names and defaults (all 0).

    `batched` is the opset-8 form: dim 0 of every operand and result is a
    batch whose items are scanned independently (scan axes then count from
    dim 1); opset 8's `sequence_lens` is not supported.

    ```mlir
    %sum, %all = kiln.scan %init, %x {num_scan_inputs = 1 : i64}
        : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>) {
    ^bb0(%s: tensor<2xf32>, %xt: tensor<2xf32>):
      %n = kiln.add %s, %xt : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      kiln.yield %n, %n : tensor<2xf32>, tensor<2xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$inputs, I64Attr:$num_scan_inputs,
                       OptionalAttr<I64ArrayAttr>:$scan_input_directions,
                       OptionalAttr<I64ArrayAttr>:$scan_output_directions,
                       OptionalAttr<I64ArrayAttr>:$scan_input_axes,
                       OptionalAttr<I64ArrayAttr>:$scan_output_axes,
                       UnitAttr:$batched);
  let results = (outs Variadic<Kiln_Tensor>:$outputs);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, results) $body
  }];
  let hasVerifier = 1;
}

#endif // KILN_CONTROL_FLOW_OPS_TD
