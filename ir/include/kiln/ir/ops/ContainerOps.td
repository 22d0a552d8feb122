//===- ContainerOps.td - Sequence and optional ops -----------*- tablegen -*-===//
//
// ONNX's sequence ops (SequenceEmpty, SequenceConstruct, SequenceInsert,
// SequenceAt, SequenceErase, SequenceLength, SplitToSequence,
// ConcatFromSequence) and optional ops (Optional, OptionalHasElement,
// OptionalGetElement) over !kiln.seq and !kiln.opt values. Their kernels
// only move tensors between containers, so every backend runs them as
// reference steps; the verifiers keep element types consistent (an
// element's dims are only known at run time in general). ONNX's Identity on
// a container and SequenceMap are imported without ops of their own (the
// value itself, and a kiln.loop).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CONTAINER_OPS_TD
#define KILN_CONTAINER_OPS_TD

def Kiln_SequenceEmptyOp : Kiln_Op<"sequence_empty", "SequenceEmpty"> {
  let summary = "ONNX SequenceEmpty: a sequence with no elements";
  let description = [{
    `dtype` is the ONNX element type code (default FLOAT); it agrees with
    the result type's element type.

    ```mlir
    %s = kiln.sequence_empty {dtype = 7 : i64} : !kiln.seq<tensor<*xi64>>
    ```
  }];
  let arguments = (ins OptionalAttr<I64Attr>:$dtype);
  let results = (outs Kiln_SequenceType:$output);
  let assemblyFormat = "attr-dict `:` type($output)";
  let hasVerifier = 1;
}

def Kiln_SequenceConstructOp
    : Kiln_Op<"sequence_construct", "SequenceConstruct"> {
  let summary = "ONNX SequenceConstruct: a sequence of the given tensors";
  let description = [{
    ```mlir
    %s = kiln.sequence_construct %a, %b
        : (tensor<2xf32>, tensor<3xf32>) -> !kiln.seq<tensor<?xf32>>
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$inputs);
  let results = (outs Kiln_SequenceType:$output);
  let assemblyFormat =
      "$inputs attr-dict `:` functional-type($inputs, results)";
  let hasVerifier = 1;
}

def Kiln_SequenceInsertOp : Kiln_Op<"sequence_insert", "SequenceInsert"> {
  let summary = "ONNX SequenceInsert: a copy of the sequence with one more tensor";
  let description = [{
    `position` (one integer in [-n, n], negative from the end) is where the
    tensor goes; `none` appends it.
  }];
  let arguments = (ins Kiln_SequenceType:$input_sequence, Kiln_Tensor:$tensor,
                   Kiln_OptTensor:$position);
  let results = (outs Kiln_SequenceType:$output);
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Kiln_SequenceAtOp : Kiln_Op<"sequence_at", "SequenceAt"> {
  let summary = "ONNX SequenceAt: the tensor at a position";
  let description = [{
    `position` is one integer in [-n, n - 1], negative from the end.
  }];
  let arguments = (ins Kiln_SequenceType:$input_sequence,
                   Kiln_IndexTensor:$position);
  let results = (outs Kiln_Tensor:$tensor);
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Kiln_SequenceEraseOp : Kiln_Op<"sequence_erase", "SequenceErase"> {
  let summary = "ONNX SequenceErase: a copy of the sequence without one tensor";
  let description = [{
    `position` is one integer in [-n, n - 1]; `none` erases the last one.
  }];
  let arguments = (ins Kiln_SequenceType:$input_sequence,
                   Kiln_OptTensor:$position);
  let results = (outs Kiln_SequenceType:$output);
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Kiln_SequenceLengthOp : Kiln_Op<"sequence_length", "SequenceLength"> {
  let summary = "ONNX SequenceLength: the number of tensors, as an i64 scalar";
  let arguments = (ins Kiln_SequenceType:$input_sequence);
  let results = (outs TensorOf<[I64]>:$length);
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_SplitToSequenceOp
    : Kiln_Op<"split_to_sequence", "SplitToSequence"> {
  let summary = "ONNX SplitToSequence: a tensor cut along an axis into a sequence";
  let description = [{
    `split` is one integer (chunks of that length, the last one shorter) or
    a list of lengths summing to the axis' length; `none` cuts slices of
    length 1, without the axis when `keepdims` is 0.
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_OptTensor:$split,
                   OptionalAttr<I64Attr>:$axis,
                   OptionalAttr<I64Attr>:$keepdims);
  let results = (outs Kiln_SequenceType:$output);
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Kiln_ConcatFromSequenceOp
    : Kiln_Op<"concat_from_sequence", "ConcatFromSequence"> {
  let summary = "ONNX ConcatFromSequence: a sequence's tensors concatenated";
  let description = [{
    Along `axis`, or stacked along a new `axis` when `new_axis` is 1.
  }];
  let arguments = (ins Kiln_SequenceType:$input_sequence, I64Attr:$axis,
                   OptionalAttr<I64Attr>:$new_axis);
  let results = (outs Kiln_Tensor:$concat_result);
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Kiln_OptionalOp : Kiln_Op<"optional", "Optional"> {
  let summary = "ONNX Optional: an optional holding its input, or an empty one";
  let description = [{
    With `none` as input the optional is empty; `dtype` (the ONNX element
    type code of the tensors it would hold) then says its element type,
    which ONNX gives as the `type` attribute and the result type holds.
  }];
  let arguments = (ins AnyTypeOf<[Kiln_TensorOrSequence, NoneType]>:$input,
                   OptionalAttr<I64Attr>:$dtype);
  let results = (outs Kiln_OptionalType:$output);
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Kiln_OptionalHasElementOp
    : Kiln_Op<"optional_has_element", "OptionalHasElement"> {
  let summary = "ONNX OptionalHasElement: whether an optional holds a value";
  let description = [{
    True for a tensor or a sequence (opset 18 accepts them), false for
    `none` (an absent input).
  }];
  let arguments = (ins AnyTypeOf<[Kiln_Value, NoneType]>:$input);
  let results = (outs TensorOf<[I1]>:$output);
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_OptionalGetElementOp
    : Kiln_Op<"optional_get_element", "OptionalGetElement"> {
  let summary = "ONNX OptionalGetElement: the value an optional holds";
  let description = [{
    An error when the optional is empty; a tensor or a sequence (opset 18)
    is its own value.
  }];
  let arguments = (ins Kiln_Value:$input);
  let results = (outs Kiln_TensorOrSequence:$output);
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

#endif // KILN_CONTAINER_OPS_TD
