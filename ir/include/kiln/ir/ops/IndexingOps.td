//===- IndexingOps.td - Indexing and data movement ops --------*- tablegen -*-===//
//
// Gathers and scatters, shape queries, generators, block rearrangements,
// inference-mode Dropout and Resize. Deprecated ONNX forms are imported onto
// these: Scatter as scatter_elements, Upsample and Resize-10 as resize.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_INDEXING_OPS_TD
#define KILN_INDEXING_OPS_TD

//===----------------------------------------------------------------------===//
// Gathers and scatters
//===----------------------------------------------------------------------===//

def Kiln_GatherOp
    : Kiln_Op<"gather", "Gather", [Kiln_InferShapesInCpp]> {
  let summary = "select slices along an axis by index (ONNX Gather)";
  let description = [{
    Output shape is `data[:axis] + indices.shape + data[axis+1:]`; negative
    indices count from the end, out-of-range indices are an error.

    ```mlir
    %y = kiln.gather %data, %idx {axis = 1 : i64} : (tensor<5x4xf32>, tensor<3xi64>) -> tensor<5x3xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$indices,
                   OptionalAttr<I64Attr>:$axis);
  let results = (outs Kiln_Tensor:$output);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_GatherElementsOp
    : Kiln_Op<"gather_elements", "GatherElements", [Kiln_InferShapesInCpp]> {
  let summary = "per-element gather along an axis (ONNX GatherElements)";
  let description = [{
    `output[i] = data[i with its axis coordinate replaced by indices[i]]`.

    ```mlir
    %y = kiln.gather_elements %data, %idx {axis = 1 : i64} : (tensor<2x2xf32>, tensor<2x2xi64>) -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$indices,
                   OptionalAttr<I64Attr>:$axis);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_GatherNDOp
    : Kiln_Op<"gather_nd", "GatherND", [Kiln_InferShapesInCpp]> {
  let summary = "gather slices addressed by index tuples (ONNX GatherND)";
  let description = [{
    The last dimension of `indices` holds coordinates into `data` after the
    `batch_dims` leading dimensions both share.

    ```mlir
    %y = kiln.gather_nd %data, %idx : (tensor<2x2xi32>, tensor<2x2xi64>) -> tensor<2xi32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$indices,
                   OptionalAttr<I64Attr>:$batch_dims);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_ScatterNDOp
    : Kiln_Op<"scatter_nd", "ScatterND", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "write slices addressed by index tuples (ONNX ScatterND)";
  let description = [{
    A copy of `data` with the addressed slices replaced by `updates`, or
    combined with them by `reduction` (none, add, mul, max, min).

    ```mlir
    %y = kiln.scatter_nd %data, %idx, %upd {reduction = "add"} : (tensor<4x4xf32>, tensor<2x1xi64>, tensor<2x4xf32>) -> tensor<4x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$indices,
                   Kiln_Tensor:$updates, OptionalAttr<StrAttr>:$reduction);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_ScatterElementsOp
    : Kiln_Op<"scatter_elements", "ScatterElements", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "per-element scatter along an axis (ONNX ScatterElements)";
  let description = [{
    A copy of `data` where `data[i with axis coordinate indices[i]]` is
    replaced by (or reduced with) `updates[i]`. Also imports ONNX Scatter.

    ```mlir
    %y = kiln.scatter_elements %data, %idx, %upd {axis = 1 : i64} : (tensor<1x5xf32>, tensor<1x2xi64>, tensor<1x2xf32>) -> tensor<1x5xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$indices,
                   Kiln_Tensor:$updates, OptionalAttr<I64Attr>:$axis,
                   OptionalAttr<StrAttr>:$reduction);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Shape queries and pass-through ops
//===----------------------------------------------------------------------===//

def Kiln_ShapeOp
    : Kiln_Op<"shape", "Shape", [Kiln_InferShapesInCpp]> {
  let summary = "the shape of a tensor as a 1-D i64 tensor (ONNX Shape)";
  let description = [{
    Optionally sliced to dimensions `[start, end)` (clamped, negatives count
    from the end).

    ```mlir
    %s = kiln.shape %x {start = 1 : i64} : (tensor<3x4x5xf32>) -> tensor<2xi64>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, OptionalAttr<I64Attr>:$start,
                   OptionalAttr<I64Attr>:$end);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_SizeOp
    : Kiln_Op<"size", "Size", [Kiln_InferShapesInCpp]> {
  let summary = "the element count of a tensor as an i64 scalar (ONNX Size)";
  let description = [{
    ```mlir
    %n = kiln.size %x : (tensor<3x4x5xf32>) -> tensor<i64>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_IdentityOp
    : Kiln_Op<"identity", "Identity", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "the input, unchanged (ONNX Identity)";
  let description = [{
    ```mlir
    %y = kiln.identity %x : (tensor<2x2xf32>) -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_DropoutOp
    : Kiln_Op<"dropout", "Dropout", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "inference-mode dropout: the input, and an all-true mask";
  let description = [{
    Training mode with a nonzero ratio is rejected: its masks are random.
    Opset 7/10 `ratio` attributes are imported as the `ratio` operand.

    ```mlir
    %y, %mask = kiln.dropout %x, %none, %none : (tensor<3x4xf32>, none, none) -> (tensor<3x4xf32>, tensor<3x4xi1>)
    ```
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_OptTensor:$ratio,
                   Kiln_OptTensor:$training_mode, OptionalAttr<I64Attr>:$seed);
  let results = (outs Kiln_Tensor:$output, Optional<Kiln_Tensor>:$mask);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Generators
//===----------------------------------------------------------------------===//

def Kiln_ConstantOfShapeOp
    : Kiln_Op<"constant_of_shape", "ConstantOfShape",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "a tensor of a given shape filled with one value";
  let description = [{
    The shape comes from the 1-D i64 operand; the fill value and dtype from
    the one-element `value` attribute (f32 0 when absent).

    ```mlir
    %y = kiln.constant_of_shape %shape {value = dense<1> : tensor<1xi32>} : (tensor<2xi64>) -> tensor<?x?xi32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<ElementsAttr>:$value);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_RangeOp
    : Kiln_Op<"range", "Range",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "the 1-D sequence start, start + delta, ... below limit";
  let description = [{
    It has `max(ceil((limit - start) / delta), 0)` elements; the scalars
    share one numeric type.

    ```mlir
    %r = kiln.range %start, %limit, %delta : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<?xi32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$start, Kiln_Tensor:$limit,
                   Kiln_Tensor:$delta);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_EyeLikeOp
    : Kiln_Op<"eye_like", "EyeLike", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "a 2-D tensor shaped like the input with ones on diagonal k";
  let description = [{
    `dtype` is an ONNX TensorProto data type; the input's type when absent.

    ```mlir
    %y = kiln.eye_like %x {dtype = 1 : i64, k = 1 : i64} : (tensor<4x5xi32>) -> tensor<4x5xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<I64Attr>:$dtype,
                   OptionalAttr<I64Attr>:$k);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_OneHotOp
    : Kiln_Op<"one_hot", "OneHot",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "one-hot encoding of indices (ONNX OneHot)";
  let description = [{
    A new axis of size `depth` is inserted at `axis`; it holds `values[1]` at
    each index (negative indices count from depth) and `values[0]` elsewhere.

    ```mlir
    %y = kiln.one_hot %idx, %depth, %values {axis = 1 : i64} : (tensor<3xi64>, tensor<f32>, tensor<2xf32>) -> tensor<3x10xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$indices, Kiln_Tensor:$depth,
                   Kiln_Tensor:$values, OptionalAttr<I64Attr>:$axis);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_NonZeroOp
    : Kiln_Op<"non_zero", "NonZero",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "the coordinates of the nonzero elements (ONNX NonZero)";
  let description = [{
    An i64 tensor of shape `rank x count`, in row-major element order.

    ```mlir
    %y = kiln.non_zero %x : (tensor<2x2xi1>) -> tensor<2x?xi64>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_TriluOp
    : Kiln_Op<"trilu", "Trilu", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "upper or lower triangle of the last two dimensions";
  let description = [{
    Keeps elements with `j - i >= k` (upper, the default) or `j - i <= k`
    (lower); zeroes the rest. `k` is an optional i64 scalar, 0 when absent.

    ```mlir
    %y = kiln.trilu %x, %k {upper = 0 : i64} : (tensor<4x5xf32>, tensor<i64>) -> tensor<4x5xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_OptTensor:$k,
                   OptionalAttr<I64Attr>:$upper);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Rearrangements and resampling
//===----------------------------------------------------------------------===//

def Kiln_DepthToSpaceOp
    : Kiln_Op<"depth_to_space", "DepthToSpace", [Kiln_InferShapesInCpp]> {
  let summary = "move channel blocks into spatial blocks (ONNX DepthToSpace)";
  let description = [{
    N x C x H x W to N x C/b^2 x H*b x W*b, channels read in DCR (default)
    or CRD order.

    ```mlir
    %y = kiln.depth_to_space %x {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<I64Attr>:$blocksize,
                   OptionalAttr<StrAttr>:$mode);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_SpaceToDepthOp
    : Kiln_Op<"space_to_depth", "SpaceToDepth", [Kiln_InferShapesInCpp]> {
  let summary = "move spatial blocks into channels (ONNX SpaceToDepth)";
  let description = [{
    N x C x H x W to N x C*b^2 x H/b x W/b.

    ```mlir
    %y = kiln.space_to_depth %x {blocksize = 2 : i64} : (tensor<1x1x4x6xf32>) -> tensor<1x4x2x3xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<I64Attr>:$blocksize);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_ResizeOp
    : Kiln_Op<"resize", "Resize",
              [Kiln_InferShapesInCpp, Kiln_DataDependentShape]> {
  let summary = "nearest, multilinear or cubic resampling (ONNX Resize)";
  let description = [{
    The opset-19 form: exactly one of `scales` and `sizes`; `roi` is used by
    tf_crop_and_resize only. Upsample and Resize-10 are imported with
    coordinate_transformation_mode "asymmetric" and nearest_mode "floor".

    ```mlir
    %y = kiln.resize %x, %none, %scales, %none {mode = "linear"} : (tensor<1x1x2x2xf32>, none, tensor<4xf32>, none) -> tensor<1x1x4x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_OptTensor:$roi,
                   Kiln_OptTensor:$scales, Kiln_OptTensor:$sizes,
                   OptionalAttr<I64Attr>:$antialias,
                   OptionalAttr<I64ArrayAttr>:$axes,
                   OptionalAttr<StrAttr>:$coordinate_transformation_mode,
                   OptionalAttr<F32Attr>:$cubic_coeff_a,
                   OptionalAttr<I64Attr>:$exclude_outside,
                   OptionalAttr<F32Attr>:$extrapolation_value,
                   OptionalAttr<StrAttr>:$keep_aspect_ratio_policy,
                   OptionalAttr<StrAttr>:$mode,
                   OptionalAttr<StrAttr>:$nearest_mode);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_INDEXING_OPS_TD
