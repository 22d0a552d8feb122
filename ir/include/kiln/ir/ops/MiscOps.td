//===- MiscOps.td - Losses, quantization, other ops ---*- tablegen -*-===//
//
// Ops that fit no larger family: the classification losses, linear
// quantization with its integer MatMul / Conv forms, and assorted stand-alone
// ops. Kernels are in runtime/kernels/Misc*.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_MISC_OPS_TD
#define KILN_MISC_OPS_TD

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

def Kiln_NegativeLogLikelihoodLossOp
    : Kiln_Op<"negative_log_likelihood_loss", "NegativeLogLikelihoodLoss"> {
  let summary = "negative log-likelihood loss (ONNX NegativeLogLikelihoodLoss)";
  let description = [{
    loss[n, d...] = -input[n, target[n, d...], d...] * weight[target],
    reduced by `reduction` (none, sum, mean; default mean); targets equal to
    `ignore_index` contribute nothing.

    ```mlir
    %l = kiln.negative_log_likelihood_loss %x, %t, %none {reduction = "sum"}
        : (tensor<3x5xf32>, tensor<3xi64>, none) -> tensor<f32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_Tensor:$target,
                   Kiln_OptTensor:$weight,
                   OptionalAttr<I64Attr>:$ignore_index,
                   OptionalAttr<StrAttr>:$reduction);
  let results = (outs Kiln_Tensor:$loss);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_SoftmaxCrossEntropyLossOp
    : Kiln_Op<"softmax_cross_entropy_loss", "SoftmaxCrossEntropyLoss"> {
  let summary = "softmax cross-entropy loss (ONNX SoftmaxCrossEntropyLoss)";
  let description = [{
    NegativeLogLikelihoodLoss of log_softmax(scores) along axis 1; the
    optional second result is that log_softmax.

    ```mlir
    %l, %lp = kiln.softmax_cross_entropy_loss %x, %y, %w {ignore_index = -1 : i64}
        : (tensor<3x5xf32>, tensor<3xi64>, tensor<5xf32>)
        -> (tensor<f32>, tensor<3x5xf32>)
    ```
  }];
  let arguments = (ins Kiln_Tensor:$scores, Kiln_Tensor:$labels,
                   Kiln_OptTensor:$weights,
                   OptionalAttr<I64Attr>:$ignore_index,
                   OptionalAttr<StrAttr>:$reduction);
  let results = (outs Kiln_Tensor:$output, Optional<Kiln_Tensor>:$log_prob);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

def Kiln_QuantizeLinearOp : Kiln_Op<"quantize_linear", "QuantizeLinear"> {
  let summary = "linear quantization to i8 / u8 (ONNX QuantizeLinear)";
  let description = [{
    y = saturate(round_half_even(x / y_scale) + y_zero_point), with scale and
    zero point per tensor, per `axis` or per block of `block_size`.

    ```mlir
    %q = kiln.quantize_linear %x, %s, %zp
        : (tensor<6xf32>, tensor<f32>, tensor<ui8>) -> tensor<6xui8>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x, Kiln_Tensor:$y_scale,
                   Kiln_OptTensor:$y_zero_point,
                   OptionalAttr<I64Attr>:$axis,
                   OptionalAttr<I64Attr>:$block_size,
                   OptionalAttr<I64Attr>:$output_dtype,
                   OptionalAttr<I64Attr>:$saturate);
  let results = (outs Kiln_Tensor:$y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_DequantizeLinearOp : Kiln_Op<"dequantize_linear", "DequantizeLinear"> {
  let summary = "linear dequantization (ONNX DequantizeLinear)";
  let description = [{
    y = (x - x_zero_point) * x_scale, per tensor, per `axis` or per block;
    y has the scale's element type.

    ```mlir
    %y = kiln.dequantize_linear %q, %s, %zp
        : (tensor<4xui8>, tensor<f32>, tensor<ui8>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x, Kiln_Tensor:$x_scale,
                   Kiln_OptTensor:$x_zero_point,
                   OptionalAttr<I64Attr>:$axis,
                   OptionalAttr<I64Attr>:$block_size);
  let results = (outs Kiln_Tensor:$y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_DynamicQuantizeLinearOp
    : Kiln_Op<"dynamic_quantize_linear", "DynamicQuantizeLinear"> {
  let summary = "u8 quantization with computed scale and zero point "
                "(ONNX DynamicQuantizeLinear)";
  let description = [{
    Scale and zero point map [min(0, min x), max(0, max x)] onto [0, 255].

    ```mlir
    %y, %s, %zp = kiln.dynamic_quantize_linear %x
        : (tensor<6xf32>) -> (tensor<6xui8>, tensor<f32>, tensor<ui8>)
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x);
  let results = (outs Kiln_Tensor:$y, Kiln_Tensor:$y_scale,
                 Kiln_Tensor:$y_zero_point);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_MatMulIntegerOp : Kiln_Op<"mat_mul_integer", "MatMulInteger"> {
  let summary = "i32 matmul of zero-point-shifted i8 / u8 (ONNX MatMulInteger)";
  let description = [{
    Y = (A - a_zero_point) x (B - b_zero_point) with numpy matmul batching;
    zero points per tensor, per row of A or per column of B.

    ```mlir
    %y = kiln.mat_mul_integer %a, %b, %azp, %bzp
        : (tensor<4x3xui8>, tensor<3x2xui8>, tensor<1xui8>, tensor<1xui8>)
        -> tensor<4x2xi32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$A, Kiln_Tensor:$B,
                   Kiln_OptTensor:$a_zero_point, Kiln_OptTensor:$b_zero_point);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_ConvIntegerOp : Kiln_Op<"conv_integer", "ConvInteger"> {
  let summary = "i32 convolution of zero-point-shifted i8 / u8 "
                "(ONNX ConvInteger)";
  let description = [{
    Conv of (x - x_zero_point) with (w - w_zero_point) into i32; w's zero
    point per tensor or per output channel.

    ```mlir
    %y = kiln.conv_integer %x, %w, %xzp, %none {pads = [1, 1, 1, 1]}
        : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, tensor<ui8>, none)
        -> tensor<1x1x4x4xi32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x, Kiln_Tensor:$w,
                   Kiln_OptTensor:$x_zero_point, Kiln_OptTensor:$w_zero_point,
                   OptionalAttr<StrAttr>:$auto_pad,
                   OptionalAttr<I64ArrayAttr>:$dilations,
                   OptionalAttr<I64Attr>:$group,
                   OptionalAttr<I64ArrayAttr>:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64ArrayAttr>:$strides);
  let results = (outs Kiln_Tensor:$y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_QLinearMatMulOp : Kiln_Op<"q_linear_mat_mul", "QLinearMatMul"> {
  let summary = "quantized matmul (ONNX QLinearMatMul)";
  let description = [{
    MatMulInteger of a and b, scaled by a_scale * b_scale / y_scale and
    requantized around y_zero_point (whose type y has).

    ```mlir
    %y = kiln.q_linear_mat_mul %a, %as, %azp, %b, %bs, %bzp, %ys, %yzp
        : (tensor<2x4xui8>, tensor<1xf32>, tensor<1xui8>, tensor<4x3xui8>,
           tensor<1xf32>, tensor<1xui8>, tensor<1xf32>, tensor<1xui8>)
        -> tensor<2x3xui8>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$a, Kiln_Tensor:$a_scale,
                   Kiln_Tensor:$a_zero_point, Kiln_Tensor:$b,
                   Kiln_Tensor:$b_scale, Kiln_Tensor:$b_zero_point,
                   Kiln_Tensor:$y_scale, Kiln_Tensor:$y_zero_point);
  let results = (outs Kiln_Tensor:$y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_QLinearConvOp : Kiln_Op<"q_linear_conv", "QLinearConv"> {
  let summary = "quantized convolution (ONNX QLinearConv)";
  let description = [{
    ConvInteger of x and w plus the i32 bias B, scaled by
    x_scale * w_scale / y_scale and requantized around y_zero_point.

    ```mlir
    %y = kiln.q_linear_conv %x, %xs, %xzp, %w, %ws, %wzp, %ys, %yzp, %none
        : (tensor<1x1x7x7xui8>, tensor<f32>, tensor<ui8>, tensor<1x1x1x1xui8>,
           tensor<1xf32>, tensor<1xui8>, tensor<f32>, tensor<ui8>, none)
        -> tensor<1x1x7x7xui8>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$x, Kiln_Tensor:$x_scale,
                   Kiln_Tensor:$x_zero_point, Kiln_Tensor:$w,
                   Kiln_Tensor:$w_scale, Kiln_Tensor:$w_zero_point,
                   Kiln_Tensor:$y_scale, Kiln_Tensor:$y_zero_point,
                   Kiln_OptTensor:$B,
                   OptionalAttr<StrAttr>:$auto_pad,
                   OptionalAttr<I64ArrayAttr>:$dilations,
                   OptionalAttr<I64Attr>:$group,
                   OptionalAttr<I64ArrayAttr>:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64ArrayAttr>:$strides);
  let results = (outs Kiln_Tensor:$y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Assorted ops
//===----------------------------------------------------------------------===//

def Kiln_CompressOp
    : Kiln_Op<"compress", "Compress", [Kiln_DataDependentShape]> {
  let summary = "select slices by a bool condition (ONNX Compress)";
  let description = [{
    Keeps the slices along `axis` (of the flattened input without an axis)
    whose condition entry is true.

    ```mlir
    %y = kiln.compress %x, %c {axis = 0 : i64}
        : (tensor<3x2xf32>, tensor<3xi1>) -> tensor<?x2xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_Tensor:$condition,
                   OptionalAttr<I64Attr>:$axis);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_ReverseSequenceOp : Kiln_Op<"reverse_sequence", "ReverseSequence"> {
  let summary = "reverse variable-length sequences (ONNX ReverseSequence)";
  let description = [{
    For each batch entry b, reverses the first sequence_lens[b] entries
    along `time_axis` (default 0; `batch_axis` default 1).

    ```mlir
    %y = kiln.reverse_sequence %x, %lens {batch_axis = 0 : i64, time_axis = 1 : i64}
        : (tensor<4x4xf32>, tensor<4xi64>) -> tensor<4x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_Tensor:$sequence_lens,
                   OptionalAttr<I64Attr>:$batch_axis,
                   OptionalAttr<I64Attr>:$time_axis);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_DetOp : Kiln_Op<"det", "Det"> {
  let summary = "determinant of square matrices (ONNX Det)";
  let description = [{
    One determinant per trailing M x M matrix.

    ```mlir
    %d = kiln.det %x : (tensor<3x2x2xf32>) -> tensor<3xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

/// A generated signal window: a size operand, periodic and output_datatype.
class Kiln_WindowOp<string mnemonic, string onnxName, string what>
    : Kiln_Op<mnemonic, onnxName, [Kiln_DataDependentShape]> {
  let summary = what # " window (ONNX " # onnxName # ")";
  let description = [{
    A 1-D window of `size` values, periodic (default) or symmetric, of the
    ONNX type `output_datatype` (default FLOAT).

    ```mlir
    %w = kiln.hann_window %n {periodic = 0 : i64} : (tensor<i32>) -> tensor<?xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$size,
                   OptionalAttr<I64Attr>:$output_datatype,
                   OptionalAttr<I64Attr>:$periodic);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_HannWindowOp : Kiln_WindowOp<"hann_window", "HannWindow", "Hann">;
def Kiln_HammingWindowOp
    : Kiln_WindowOp<"hamming_window", "HammingWindow", "Hamming">;
def Kiln_BlackmanWindowOp
    : Kiln_WindowOp<"blackman_window", "BlackmanWindow", "Blackman">;

def Kiln_MaxUnpoolOp
    : Kiln_Op<"max_unpool", "MaxUnpool", [Kiln_DataDependentShape]> {
  let summary = "partial inverse of MaxPool (ONNX MaxUnpool)";
  let description = [{
    Scatters X into zeros at the flat indices I of the unpooled shape that
    kernel_shape, strides and pads imply; `output_shape` may enlarge it.

    ```mlir
    %y = kiln.max_unpool %x, %i, %none {kernel_shape = [2, 2], strides = [2, 2]}
        : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>, none) -> tensor<1x1x4x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$I,
                   Kiln_OptTensor:$output_shape,
                   OptionalAttr<I64ArrayAttr>:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64ArrayAttr>:$strides);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_UniqueOp : Kiln_Op<"unique", "Unique", [Kiln_DataDependentShape]> {
  let summary = "distinct elements or slices (ONNX Unique)";
  let description = [{
    Y holds the distinct elements (or slices along `axis`), sorted (default)
    or in order of first occurrence. `extra` holds as many as requested of
    indices, inverse_indices and counts (i64), in that order.

    ```mlir
    %y, %idx, %inv, %cnt = kiln.unique %x {sorted = 1 : i64}
        : (tensor<6xf32>) -> (tensor<?xf32>, tensor<?xi64>, tensor<6xi64>, tensor<?xi64>)
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X,
                   OptionalAttr<I64Attr>:$axis,
                   OptionalAttr<I64Attr>:$sorted);
  let results = (outs Kiln_Tensor:$Y, Variadic<Kiln_Tensor>:$extra);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_MISC_OPS_TD
