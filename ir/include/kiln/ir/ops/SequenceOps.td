//===- SequenceOps.td - Recurrent, detection, signal ops ---*- tablegen -*-===//
//
// The ONNX recurrent layers (RNN, GRU, LSTM), the detection-head ops
// (NonMaxSuppression, RoiAlign), GridSample, and the Fourier transforms
// (DFT, STFT). The recurrent ops always have all their results (Y, Y_h and
// for LSTM Y_c): the importer creates every one and binds those the ONNX
// node names, so a node with outputs ['', 'Y_h'] keeps Y_h in its place.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_SEQUENCE_OPS_TD
#define KILN_SEQUENCE_OPS_TD

def Kiln_RNNOp : Kiln_Op<"rnn", "RNN"> {
  let summary = "Elman recurrent layer (ONNX RNN)";
  let description = [{
    H_t = f(X_t W^T + H_{t-1} R^T + Wb + Rb) per direction, over X of shape
    seq x batch x input (batch x seq x input with layout = 1). Y stacks every
    H_t (seq x dirs x batch x hidden), Y_h is the last one (dirs x batch x
    hidden). B, sequence_lens and initial_h may be `none`.

    ```mlir
    %y, %yh = kiln.rnn %x, %w, %r, %none, %none, %none {hidden_size = 4 : i64}
        : (tensor<1x3x2xf32>, tensor<1x4x2xf32>, tensor<1x4x4xf32>,
           none, none, none)
        -> (tensor<1x1x3x4xf32>, tensor<1x3x4xf32>)
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$W, Kiln_Tensor:$R,
                   Kiln_OptTensor:$B, Kiln_OptTensor:$sequence_lens,
                   Kiln_OptTensor:$initial_h,
                   OptionalAttr<F32ArrayAttr>:$activation_alpha,
                   OptionalAttr<F32ArrayAttr>:$activation_beta,
                   OptionalAttr<StrArrayAttr>:$activations,
                   OptionalAttr<F32Attr>:$clip,
                   OptionalAttr<StrAttr>:$direction,
                   OptionalAttr<I64Attr>:$hidden_size,
                   OptionalAttr<I64Attr>:$layout);
  let results = (outs Kiln_Tensor:$Y, Kiln_Tensor:$Y_h);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_GRUOp : Kiln_Op<"gru", "GRU"> {
  let summary = "gated recurrent unit layer (ONNX GRU)";
  let description = [{
    Gates z, r, h stacked in W, R and B; linear_before_reset = 1 applies the
    reset gate after the recurrent product. Results as for kiln.rnn.

    ```mlir
    %y, %yh = kiln.gru %x, %w, %r, %b, %none, %none {hidden_size = 5 : i64}
        : (tensor<1x3x2xf32>, tensor<1x15x2xf32>, tensor<1x15x5xf32>,
           tensor<1x30xf32>, none, none)
        -> (tensor<1x1x3x5xf32>, tensor<1x3x5xf32>)
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$W, Kiln_Tensor:$R,
                   Kiln_OptTensor:$B, Kiln_OptTensor:$sequence_lens,
                   Kiln_OptTensor:$initial_h,
                   OptionalAttr<F32ArrayAttr>:$activation_alpha,
                   OptionalAttr<F32ArrayAttr>:$activation_beta,
                   OptionalAttr<StrArrayAttr>:$activations,
                   OptionalAttr<F32Attr>:$clip,
                   OptionalAttr<StrAttr>:$direction,
                   OptionalAttr<I64Attr>:$hidden_size,
                   OptionalAttr<I64Attr>:$layout,
                   OptionalAttr<I64Attr>:$linear_before_reset);
  let results = (outs Kiln_Tensor:$Y, Kiln_Tensor:$Y_h);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_LSTMOp : Kiln_Op<"lstm", "LSTM"> {
  let summary = "long short-term memory layer (ONNX LSTM)";
  let description = [{
    Gates i, o, f, c stacked in W, R and B; optional peepholes P (i, o, f),
    initial_c, and input_forget coupling f = 1 - i. Y and Y_h as for
    kiln.rnn; Y_c is the last cell state (dirs x batch x hidden).

    ```mlir
    %y, %yh, %yc = kiln.lstm %x, %w, %r, %none, %none, %none, %none, %none
        {hidden_size = 3 : i64}
        : (tensor<1x3x2xf32>, tensor<1x12x2xf32>, tensor<1x12x3xf32>,
           none, none, none, none, none)
        -> (tensor<1x1x3x3xf32>, tensor<1x3x3xf32>, tensor<1x3x3xf32>)
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$W, Kiln_Tensor:$R,
                   Kiln_OptTensor:$B, Kiln_OptTensor:$sequence_lens,
                   Kiln_OptTensor:$initial_h, Kiln_OptTensor:$initial_c,
                   Kiln_OptTensor:$P,
                   OptionalAttr<F32ArrayAttr>:$activation_alpha,
                   OptionalAttr<F32ArrayAttr>:$activation_beta,
                   OptionalAttr<StrArrayAttr>:$activations,
                   OptionalAttr<F32Attr>:$clip,
                   OptionalAttr<StrAttr>:$direction,
                   OptionalAttr<I64Attr>:$hidden_size,
                   OptionalAttr<I64Attr>:$input_forget,
                   OptionalAttr<I64Attr>:$layout);
  let results = (outs Kiln_Tensor:$Y, Kiln_Tensor:$Y_h, Kiln_Tensor:$Y_c);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_NonMaxSuppressionOp
    : Kiln_Op<"non_max_suppression", "NonMaxSuppression",
              [Kiln_DataDependentShape]> {
  let summary = "greedy non-maximum suppression (ONNX NonMaxSuppression)";
  let description = [{
    Per batch entry and class, selects boxes by descending score, dropping
    those whose IoU with a selected box exceeds iou_threshold. The result
    lists (batch, class, box) index triples.

    ```mlir
    %sel = kiln.non_max_suppression %boxes, %scores, %max, %iou, %score
        : (tensor<1x6x4xf32>, tensor<1x1x6xf32>, tensor<1xi64>, tensor<1xf32>,
           tensor<1xf32>) -> tensor<?x3xi64>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$boxes, Kiln_Tensor:$scores,
                   Kiln_OptTensor:$max_output_boxes_per_class,
                   Kiln_OptTensor:$iou_threshold,
                   Kiln_OptTensor:$score_threshold,
                   OptionalAttr<I64Attr>:$center_point_box);
  let results = (outs Kiln_Tensor:$selected_indices);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_GridSampleOp : Kiln_Op<"grid_sample", "GridSample"> {
  let summary = "sampling at normalized grid coordinates (ONNX GridSample)";
  let description = [{
    Y[n, c, o...] = X[n, c] interpolated (nearest, linear or cubic; the
    opset 16 names bilinear and bicubic too) at the coordinates grid[n, o...]
    in [-1, 1], with zeros, border or reflection padding.

    ```mlir
    %y = kiln.grid_sample %x, %grid {mode = "bilinear"}
        : (tensor<1x1x3x2xf32>, tensor<1x2x4x2xf32>) -> tensor<1x1x2x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$grid,
                   OptionalAttr<I64Attr>:$align_corners,
                   OptionalAttr<StrAttr>:$mode,
                   OptionalAttr<StrAttr>:$padding_mode);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_RoiAlignOp : Kiln_Op<"roi_align", "RoiAlign"> {
  let summary = "region of interest alignment (ONNX RoiAlign)";
  let description = [{
    Y[r, c] = output_height x output_width bins of region rois[r] of
    X[batch_indices[r], c], each the average (or maximum) of bilinear
    samples. coordinate_transformation_mode defaults to half_pixel (opset 16);
    the importer sets output_half_pixel for opset 10 models.

    ```mlir
    %y = kiln.roi_align %x, %rois, %idx {output_height = 5 : i64,
                                         output_width = 5 : i64}
        : (tensor<1x1x10x10xf32>, tensor<3x4xf32>, tensor<3xi64>)
        -> tensor<3x1x5x5xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$rois,
                   Kiln_Tensor:$batch_indices,
                   OptionalAttr<StrAttr>:$coordinate_transformation_mode,
                   OptionalAttr<StrAttr>:$mode,
                   OptionalAttr<I64Attr>:$output_height,
                   OptionalAttr<I64Attr>:$output_width,
                   OptionalAttr<I64Attr>:$sampling_ratio,
                   OptionalAttr<F32Attr>:$spatial_scale);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_DFTOp : Kiln_Op<"dft", "DFT", [Kiln_DataDependentShape]> {
  let summary = "discrete Fourier transform along one axis (ONNX DFT)";
  let description = [{
    The (inverse) DFT of a real (last dim 1) or complex (last dim 2) signal
    along `axis` (an operand, as in opset 20; default -2), with optional
    dft_length; the output is complex. The importer turns opset 17's axis
    attribute into the operand.

    ```mlir
    %y = kiln.dft %x, %none, %axis
        : (tensor<1x10x10x1xf32>, none, tensor<i64>) -> tensor<1x10x10x2xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_OptTensor:$dft_length,
                   Kiln_OptTensor:$axis,
                   OptionalAttr<I64Attr>:$inverse,
                   OptionalAttr<I64Attr>:$onesided);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_STFTOp : Kiln_Op<"stft", "STFT", [Kiln_DataDependentShape]> {
  let summary = "short-time Fourier transform (ONNX STFT)";
  let description = [{
    output[b, f] = the DFT of signal[b, f * frame_step : + frame_length]
    times the window; onesided (default 1) keeps floor(n/2) + 1 bins.

    ```mlir
    %y = kiln.stft %sig, %step, %none, %len
        : (tensor<1x128x1xf32>, tensor<i64>, none, tensor<i64>)
        -> tensor<1x15x9x2xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$signal, Kiln_Tensor:$frame_step,
                   Kiln_OptTensor:$window, Kiln_OptTensor:$frame_length,
                   OptionalAttr<I64Attr>:$onesided);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_SEQUENCE_OPS_TD
