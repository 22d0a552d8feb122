//===- ReduceReshapeOps.td - Reductions and shape ops ------*- tablegen -*-===//
//
// Reductions (Reduce*, ArgMax/ArgMin, CumSum, TopK) and data-movement ops
// (Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Concat, Split, Slice,
// Expand, Tile, Pad) in their newest ONNX form: axes, split, starts/ends,
// pads and k are operands, never attributes.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_REDUCERESHAPE_OPS_TD
#define KILN_REDUCERESHAPE_OPS_TD

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// A Reduce* op: data and optional i64 axes in, one tensor out.
class Kiln_ReduceOp<string mnemonic, string onnxName, string what>
    : Kiln_Op<mnemonic, onnxName,
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = what # " over the given axes (ONNX " # onnxName # ")";
  let arguments = (ins Kiln_Tensor:$data, Kiln_OptTensor:$axes,
                   OptionalAttr<I64Attr>:$keepdims,
                   OptionalAttr<I64Attr>:$noop_with_empty_axes);
  let results = (outs Kiln_Tensor:$reduced);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_ReduceSumOp
    : Kiln_ReduceOp<"reduce_sum", "ReduceSum", "sum"> {
  let description = [{
    Absent or empty `axes` reduce every axis unless `noop_with_empty_axes`
    is set; `keepdims` (default 1) keeps reduced axes as size 1.

    ```mlir
    %y = kiln.reduce_sum %x, %axes {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x4xf32>
    ```
  }];
}

def Kiln_ReduceMeanOp
    : Kiln_ReduceOp<"reduce_mean", "ReduceMean", "arithmetic mean"> {
  let description = [{
    Absent or empty `axes` reduce every axis unless `noop_with_empty_axes`
    is set; `keepdims` (default 1) keeps reduced axes as size 1.

    ```mlir
    %y = kiln.reduce_mean %x, %axes {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x4xf32>
    ```
  }];
}

def Kiln_ReduceMaxOp
    : Kiln_ReduceOp<"reduce_max", "ReduceMax", "maximum"> {
  let description = [{
    Absent or empty `axes` reduce every axis unless `noop_with_empty_axes`
    is set; `keepdims` (default 1) keeps reduced axes as size 1.

    ```mlir
    %y = kiln.reduce_max %x, %axes {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x4xf32>
    ```
  }];
}

def Kiln_ReduceMinOp
    : Kiln_ReduceOp<"reduce_min", "ReduceMin", "minimum"> {
  let description = [{
    Absent or empty `axes` reduce every axis unless `noop_with_empty_axes`
    is set; `keepdims` (default 1) keeps reduced axes as size 1.

    ```mlir
    %y = kiln.reduce_min %x, %axes {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x4xf32>
    ```
  }];
}

def Kiln_ReduceProdOp
    : Kiln_ReduceOp<"reduce_prod", "ReduceProd", "product"> {
  let description = [{
    Absent or empty `axes` reduce every axis unless `noop_with_empty_axes`
    is set; `keepdims` (default 1) keeps reduced axes as size 1.

    ```mlir
    %y = kiln.reduce_prod %x, %axes {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x4xf32>
    ```
  }];
}

def Kiln_ReduceL1Op
    : Kiln_ReduceOp<"reduce_l1", "ReduceL1", "sum of absolute values"> {
  let description = [{
    Absent or empty `axes` reduce every axis unless `noop_with_empty_axes`
    is set; `keepdims` (default 1) keeps reduced axes as size 1.

    ```mlir
    %y = kiln.reduce_l1 %x, %axes {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x4xf32>
    ```
  }];
}

def Kiln_ReduceL2Op
    : Kiln_ReduceOp<"reduce_l2", "ReduceL2", "Euclidean norm"> {
  let description = [{
    Absent or empty `axes` reduce every axis unless `noop_with_empty_axes`
    is set; `keepdims` (default 1) keeps reduced axes as size 1.

    ```mlir
    %y = kiln.reduce_l2 %x, %axes {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x4xf32>
    ```
  }];
}

def Kiln_ReduceLogSumOp
    : Kiln_ReduceOp<"reduce_log_sum", "ReduceLogSum", "log of the sum"> {
  let description = [{
    Absent or empty `axes` reduce every axis unless `noop_with_empty_axes`
    is set; `keepdims` (default 1) keeps reduced axes as size 1.

    ```mlir
    %y = kiln.reduce_log_sum %x, %axes {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x4xf32>
    ```
  }];
}

def Kiln_ReduceLogSumExpOp
    : Kiln_ReduceOp<"reduce_log_sum_exp", "ReduceLogSumExp", "log-sum-exp"> {
  let description = [{
    Absent or empty `axes` reduce every axis unless `noop_with_empty_axes`
    is set; `keepdims` (default 1) keeps reduced axes as size 1.

    ```mlir
    %y = kiln.reduce_log_sum_exp %x, %axes {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x4xf32>
    ```
  }];
}

def Kiln_ReduceSumSquareOp
    : Kiln_ReduceOp<"reduce_sum_square", "ReduceSumSquare", "sum of squares"> {
  let description = [{
    Absent or empty `axes` reduce every axis unless `noop_with_empty_axes`
    is set; `keepdims` (default 1) keeps reduced axes as size 1.

    ```mlir
    %y = kiln.reduce_sum_square %x, %axes {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xi64>) -> tensor<2x4xf32>
    ```
  }];
}

def Kiln_ArgMaxOp
    : Kiln_Op<"arg_max", "ArgMax", [Kiln_InferShapesInCpp]> {
  let summary = "index of the largest element along an axis (ONNX ArgMax)";
  let description = [{
    i64 result; the first maximal index unless `select_last_index`.

    ```mlir
    %i = kiln.arg_max %x {axis = 1 : i64, keepdims = 0 : i64} : (tensor<2x5xf32>) -> tensor<2xi64>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, OptionalAttr<I64Attr>:$axis,
                   OptionalAttr<I64Attr>:$keepdims,
                   OptionalAttr<I64Attr>:$select_last_index);
  let results = (outs Kiln_Tensor:$reduced);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_ArgMinOp
    : Kiln_Op<"arg_min", "ArgMin", [Kiln_InferShapesInCpp]> {
  let summary = "index of the smallest element along an axis (ONNX ArgMin)";
  let description = [{
    i64 result; the first minimal index unless `select_last_index`.

    ```mlir
    %i = kiln.arg_min %x {axis = -1 : i64} : (tensor<2x5xf32>) -> tensor<2x1xi64>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, OptionalAttr<I64Attr>:$axis,
                   OptionalAttr<I64Attr>:$keepdims,
                   OptionalAttr<I64Attr>:$select_last_index);
  let results = (outs Kiln_Tensor:$reduced);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_CumSumOp
    : Kiln_Op<"cum_sum", "CumSum", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "running sum along an axis (ONNX CumSum)";
  let description = [{
    The axis is a 0-D or 1-element integer operand; `exclusive` leaves out
    the current element, `reverse` sums from the end.

    ```mlir
    %y = kiln.cum_sum %x, %axis {exclusive = 1 : i64} : (tensor<5xf32>, tensor<i64>) -> tensor<5xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x, Kiln_IndexTensor:$axis,
                   OptionalAttr<I64Attr>:$exclusive,
                   OptionalAttr<I64Attr>:$reverse);
  let results = (outs Kiln_Tensor:$y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_TopKOp
    : Kiln_Op<"top_k", "TopK",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "the K largest or smallest elements along an axis (ONNX TopK)";
  let description = [{
    K is a 1-element i64 operand. Values come sorted; equal values keep the
    lower index first. Indices are i64.

    ```mlir
    %v, %i = kiln.top_k %x, %k {axis = 1 : i64} : (tensor<3x4xf32>, tensor<1xi64>) -> (tensor<3x2xf32>, tensor<3x2xi64>)
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_IndexTensor:$K,
                   OptionalAttr<I64Attr>:$axis, OptionalAttr<I64Attr>:$largest,
                   OptionalAttr<I64Attr>:$sorted);
  let results = (outs Kiln_Tensor:$Values, Kiln_Tensor:$Indices);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

def Kiln_ReshapeOp
    : Kiln_Op<"reshape", "Reshape",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "the same elements with a new shape (ONNX Reshape)";
  let description = [{
    In `shape`, 0 copies the input dimension (unless `allowzero`) and -1 is
    inferred from the element count.

    ```mlir
    %y = kiln.reshape %x, %shape : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<6x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$shape,
                   OptionalAttr<I64Attr>:$allowzero);
  let results = (outs Kiln_Tensor:$reshaped);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_FlattenOp
    : Kiln_Op<"flatten", "Flatten", [Kiln_InferShapesInCpp]> {
  let summary = "collapse to 2-D around an axis (ONNX Flatten)";
  let description = [{
    ```mlir
    %y = kiln.flatten %x {axis = 2 : i64} : (tensor<2x3x4x5xf32>) -> tensor<6x20xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<I64Attr>:$axis);
  let results = (outs Kiln_Tensor:$output);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_TransposeOp
    : Kiln_Op<"transpose", "Transpose", [Kiln_InferShapesInCpp]> {
  let summary = "permute dimensions (ONNX Transpose)";
  let description = [{
    Output dimension i is input dimension `perm[i]`; `perm` defaults to the
    reversed order.

    ```mlir
    %y = kiln.transpose %x {perm = [0, 2, 1]} : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, OptionalAttr<I64ArrayAttr>:$perm);
  let results = (outs Kiln_Tensor:$transposed);
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// `perm`, or the reversed order of a ranked `data` when absent; none
    /// for an unranked `data` without `perm`. Not checked: the verifier's.
    std::optional<::llvm::SmallVector<int64_t>> getPermutation();
  }];
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_SqueezeOp
    : Kiln_Op<"squeeze", "Squeeze",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "remove size-1 dimensions (ONNX Squeeze)";
  let description = [{
    Removes the listed axes (each must have size 1), or every size-1
    dimension when `axes` is absent.

    ```mlir
    %y = kiln.squeeze %x, %axes : (tensor<1x3x1xf32>, tensor<1xi64>) -> tensor<3x1xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_OptTensor:$axes);
  let results = (outs Kiln_Tensor:$squeezed);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_UnsqueezeOp
    : Kiln_Op<"unsqueeze", "Unsqueeze",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "insert size-1 dimensions (ONNX Unsqueeze)";
  let description = [{
    `axes` are positions in the output.

    ```mlir
    %y = kiln.unsqueeze %x, %axes : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<1x3x1x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$axes);
  let results = (outs Kiln_Tensor:$expanded);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_ConcatOp
    : Kiln_Op<"concat", "Concat", [Kiln_InferShapesInCpp]> {
  let summary = "join tensors along an axis (ONNX Concat)";
  let description = [{
    ```mlir
    %y = kiln.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$inputs,
                   OptionalAttr<I64Attr>:$axis);
  let results = (outs Kiln_Tensor:$concat_result);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_SplitOp
    : Kiln_Op<"split", "Split",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "cut a tensor into parts along an axis (ONNX Split)";
  let description = [{
    One result per part. Sizes come from the optional `split` operand, or
    the axis is cut into equal parts (the last one smaller).

    ```mlir
    %a, %b = kiln.split %x, %none {axis = 1 : i64} : (tensor<2x6xf32>, none) -> (tensor<2x3xf32>, tensor<2x3xf32>)
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_OptTensor:$split,
                   OptionalAttr<I64Attr>:$axis,
                   OptionalAttr<I64Attr>:$num_outputs);
  let results = (outs Variadic<Kiln_Tensor>:$outputs);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_SliceOp
    : Kiln_Op<"slice", "Slice",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "strided sub-tensor (ONNX Slice)";
  let description = [{
    Starts and ends are clamped as ONNX specifies (negative values count
    from the end); `axes` default to 0..n-1 and `steps` to 1.

    ```mlir
    %y = kiln.slice %x, %starts, %ends, %axes, %none : (tensor<20x10xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, none) -> tensor<20x3xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$starts,
                   Kiln_IndexTensor:$ends, Kiln_OptTensor:$axes,
                   Kiln_OptTensor:$steps);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_ExpandOp
    : Kiln_Op<"expand", "Expand",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "broadcast to a shape (ONNX Expand)";
  let description = [{
    Numpy broadcasting in both directions: the result shape is the broadcast
    of the input shape and `shape`.

    ```mlir
    %y = kiln.expand %x, %shape : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<2x3x6xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_IndexTensor:$shape);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_TileOp
    : Kiln_Op<"tile", "Tile",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "repeat a tensor along each dimension (ONNX Tile)";
  let description = [{
    ```mlir
    %y = kiln.tile %x, %repeats : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x3xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_IndexTensor:$repeats);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_PadOp
    : Kiln_Op<"pad", "Pad",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "pad or crop each axis (ONNX Pad)";
  let description = [{
    `pads` holds all begin amounts then all end amounts for `axes` (default:
    every axis); negative amounts crop. `mode` is constant (fill with
    `constant_value`, default 0), reflect, edge or wrap.

    ```mlir
    %y = kiln.pad %x, %pads, %value, %none {mode = "constant"} : (tensor<3x2xf32>, tensor<4xi64>, tensor<f32>, none) -> tensor<3x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$pads,
                   Kiln_OptTensor:$constant_value, Kiln_OptTensor:$axes,
                   OptionalAttr<StrAttr>:$mode);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_REDUCERESHAPE_OPS_TD
