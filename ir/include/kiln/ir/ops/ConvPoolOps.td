//===- ConvPoolOps.td - Convolution and pooling ops -----------*- tablegen -*-===//
//
// Windowed ops over N x C x D1 x ... x Dk tensors. Window attributes keep
// their ONNX names and defaults: kernel_shape (inferred from W for the
// convolutions), strides and dilations (1), pads (0, begins then ends),
// auto_pad ("NOTSET"), ceil_mode (0).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CONVPOOL_OPS_TD
#define KILN_CONVPOOL_OPS_TD

def Kiln_ConvOp
    : Kiln_Op<"conv", "Conv", [Kiln_InferShapesInCpp]> {
  let summary = "N-D grouped convolution (ONNX Conv)";
  let description = [{
    Cross-correlates X (N x C x D...) with W (M x C/group x k...) and adds
    the optional bias B (M).

    ```mlir
    %y = kiln.conv %x, %w, %b {pads = [1, 1, 1, 1], strides = [2, 2]}
        : (tensor<1x3x224x224xf32>, tensor<64x3x3x3xf32>, tensor<64xf32>)
        -> tensor<1x64x112x112xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$W, Kiln_OptTensor:$B,
                   OptionalAttr<StrAttr>:$auto_pad,
                   OptionalAttr<I64ArrayAttr>:$dilations,
                   OptionalAttr<I64Attr>:$group,
                   OptionalAttr<I64ArrayAttr>:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64ArrayAttr>:$strides);
  let results = (outs Kiln_Tensor:$Y);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_ConvTransposeOp
    : Kiln_Op<"conv_transpose", "ConvTranspose", [Kiln_InferShapesInCpp]> {
  let summary = "N-D grouped transposed convolution (ONNX ConvTranspose)";
  let description = [{
    Scatters X (N x C x D...) through W (C x M/group x k...) into Y
    (N x M x O...) and adds the optional bias B (M). output_shape, when given,
    overrides pads.

    ```mlir
    %y = kiln.conv_transpose %x, %w, %none {strides = [2, 2]}
        : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>, none) -> tensor<1x4x9x9xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$W, Kiln_OptTensor:$B,
                   OptionalAttr<StrAttr>:$auto_pad,
                   OptionalAttr<I64ArrayAttr>:$dilations,
                   OptionalAttr<I64Attr>:$group,
                   OptionalAttr<I64ArrayAttr>:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$output_padding,
                   OptionalAttr<I64ArrayAttr>:$output_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64ArrayAttr>:$strides);
  let results = (outs Kiln_Tensor:$Y);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_MaxPoolOp
    : Kiln_Op<"max_pool", "MaxPool", [Kiln_InferShapesInCpp]> {
  let summary = "N-D max pooling with optional argmax indices (ONNX MaxPool)";
  let description = [{
    Y is the maximum of each window, padding ignored. The optional Indices
    (i64) hold the flat index of each maximum in X, row-major
    (storage_order = 0) or column-major over the spatial dimensions (1).

    ```mlir
    %y, %i = kiln.max_pool %x {kernel_shape = [2, 2], strides = [2, 2]}
        : (tensor<1x3x8x8xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>)
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X,
                   OptionalAttr<StrAttr>:$auto_pad,
                   OptionalAttr<I64Attr>:$ceil_mode,
                   OptionalAttr<I64ArrayAttr>:$dilations,
                   OptionalAttr<I64ArrayAttr>:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64Attr>:$storage_order,
                   OptionalAttr<I64ArrayAttr>:$strides);
  let results = (outs Kiln_Tensor:$Y, Optional<Kiln_Tensor>:$Indices);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_AveragePoolOp
    : Kiln_Op<"average_pool", "AveragePool", [Kiln_InferShapesInCpp]> {
  let summary = "N-D average pooling (ONNX AveragePool)";
  let description = [{
    Y is the mean of each window over the input elements, or also over the
    explicit padding when count_include_pad = 1.

    ```mlir
    %y = kiln.average_pool %x {kernel_shape = [3, 3], pads = [1, 1, 1, 1]}
        : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X,
                   OptionalAttr<StrAttr>:$auto_pad,
                   OptionalAttr<I64Attr>:$ceil_mode,
                   OptionalAttr<I64Attr>:$count_include_pad,
                   OptionalAttr<I64ArrayAttr>:$dilations,
                   OptionalAttr<I64ArrayAttr>:$kernel_shape,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64ArrayAttr>:$strides);
  let results = (outs Kiln_Tensor:$Y);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_LpPoolOp
    : Kiln_Op<"lp_pool", "LpPool", [Kiln_InferShapesInCpp]> {
  let summary = "N-D Lp-norm pooling (ONNX LpPool)";
  let description = [{
    Y is `(sum |x|^p)^(1/p)` over each window; p defaults to 2.

    ```mlir
    %y = kiln.lp_pool %x {kernel_shape = [2, 2], p = 3}
        : (tensor<1x3x8x8xf32>) -> tensor<1x3x7x7xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X,
                   OptionalAttr<StrAttr>:$auto_pad,
                   OptionalAttr<I64Attr>:$ceil_mode,
                   OptionalAttr<I64ArrayAttr>:$dilations,
                   OptionalAttr<I64ArrayAttr>:$kernel_shape,
                   OptionalAttr<I64Attr>:$p,
                   OptionalAttr<I64ArrayAttr>:$pads,
                   OptionalAttr<I64ArrayAttr>:$strides);
  let results = (outs Kiln_Tensor:$Y);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_GlobalMaxPoolOp
    : Kiln_Op<"global_max_pool", "GlobalMaxPool", [Kiln_InferShapesInCpp]> {
  let summary = "maximum over all spatial positions (ONNX GlobalMaxPool)";
  let description = [{
    ```mlir
    %y = kiln.global_max_pool %x : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x1xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_GlobalAveragePoolOp
    : Kiln_Op<"global_average_pool", "GlobalAveragePool", [Kiln_InferShapesInCpp]> {
  let summary = "mean over all spatial positions (ONNX GlobalAveragePool)";
  let description = [{
    ```mlir
    %y = kiln.global_average_pool %x
        : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x1xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_GlobalLpPoolOp
    : Kiln_Op<"global_lp_pool", "GlobalLpPool", [Kiln_InferShapesInCpp]> {
  let summary = "Lp norm over all spatial positions (ONNX GlobalLpPool)";
  let description = [{
    `(sum |x|^p)^(1/p)` per (n, c); p defaults to 2.

    ```mlir
    %y = kiln.global_lp_pool %x {p = 2}
        : (tensor<1x3x8x8xf32>) -> tensor<1x3x1x1xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, OptionalAttr<I64Attr>:$p);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_CONVPOOL_OPS_TD
