//===- MatMulNormOps.td - Matrix products, norms, softmax -----*- tablegen -*-===//
//
// Matrix products (Gemm, MatMul, Einsum), normalizations (BatchNormalization
// in inference form, LayerNormalization, InstanceNormalization, LRN,
// MeanVarianceNormalization) and the softmax family. Softmax, LogSoftmax and
// Hardmax have the opset-13 semantics; the pre-13 "coerce to 2-D" form is
// expressed with the `coerce_2d` attribute.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_MATMULNORM_OPS_TD
#define KILN_MATMULNORM_OPS_TD

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

def Kiln_GemmOp
    : Kiln_Op<"gemm", "Gemm", [Kiln_InferShapesInCpp]> {
  let summary = "general matrix multiply (ONNX Gemm)";
  let description = [{
    `Y = alpha * op(A) * op(B) + beta * C` where `op` transposes when
    `transA` / `transB` is 1; the optional `C` broadcasts unidirectionally to
    `M x N`. Defaults: alpha = beta = 1, no transposes.

    ```mlir
    %y = kiln.gemm %a, %w, %c {transB = 1 : i64}
        : (tensor<4x10xf32>, tensor<5x10xf32>, tensor<5xf32>) -> tensor<4x5xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$A, Kiln_Tensor:$B, Kiln_OptTensor:$C,
                   OptionalAttr<F32Attr>:$alpha, OptionalAttr<F32Attr>:$beta,
                   OptionalAttr<I64Attr>:$transA,
                   OptionalAttr<I64Attr>:$transB);
  let results = (outs Kiln_Tensor:$Y);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_MatMulOp
    : Kiln_Op<"mat_mul", "MatMul", [Kiln_InferShapesInCpp]> {
  let summary = "numpy matrix product (ONNX MatMul)";
  let description = [{
    A 1-D operand is promoted to a matrix (a row for `A`, a column for `B`)
    and the added dimension removed from the result; leading batch dims
    broadcast. Float and integer types.

    ```mlir
    %y = kiln.mat_mul %a, %b
        : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$A, Kiln_Tensor:$B);
  let results = (outs Kiln_Tensor:$Y);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_TransposedMatMulOp
    : Kiln_Op<"transposed_mat_mul", "TransposedMatMul"> {
  let summary = "matrix product of transposed operands (not an ONNX op)";
  let description = [{
    `Y = MatMul(Transpose(A, a_perm), Transpose(B, b_perm))`, each perm
    optional (no transpose without it), both operands of rank >= 2 after
    their transposes: kiln-fold-transpose's rewrite of a MatMul of two
    activations whose operand is a single-use Transpose (`q @ k.T` outside
    an attention chain, a head split). The compiled kernel reads A and B
    through the permuted strides instead of copying them; the reference
    kernel transposes and multiplies as the two ops would, so a graph gives
    the same bits before and after the rewrite.

    ```mlir
    %y = kiln.transposed_mat_mul %a, %b {b_perm = [0, 2, 1]}
        : (tensor<2x5x3xf32>, tensor<2x7x3xf32>) -> tensor<2x5x7xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$A, Kiln_Tensor:$B,
                   OptionalAttr<I64ArrayAttr>:$a_perm,
                   OptionalAttr<I64ArrayAttr>:$b_perm);
  let results = (outs Kiln_Tensor:$Y);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_EinsumOp
    : Kiln_Op<"einsum", "Einsum", [Kiln_InferShapesInCpp]> {
  let summary = "Einstein summation (ONNX Einsum)";
  let description = [{
    Sums products of the operands over the labels of `equation` that are not
    in the output. Supports an explicit (`->`) or implicit output (labels
    seen once, in ASCII order, after the `...` dims), repeated labels
    (diagonals and traces) and `...` broadcasting.

    ```mlir
    %z = kiln.einsum %x, %y {equation = "bij,bjk->bik"}
        : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
    ```
  }];
  let arguments = (ins Variadic<Kiln_Tensor>:$Inputs,
                   OptionalAttr<StrAttr>:$equation);
  let results = (outs Kiln_Tensor:$Output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

def Kiln_BatchNormalizationOp
    : Kiln_Op<"batch_normalization", "BatchNormalization", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "batch normalization in inference mode (ONNX BatchNormalization)";
  let description = [{
    `Y = (X - input_mean) / sqrt(input_var + epsilon) * scale + B` per
    channel (dim 1). Training mode (`training_mode` = 1, running statistics
    outputs) and `spatial` = 0 are not supported; `momentum` only matters in
    training and is ignored.

    ```mlir
    %y = kiln.batch_normalization %x, %s, %b, %mean, %var {epsilon = 1.0e-05 : f32}
        : (tensor<1x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
           tensor<3xf32>) -> tensor<1x3x8x8xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$scale, Kiln_Tensor:$B,
                   Kiln_Tensor:$input_mean, Kiln_Tensor:$input_var,
                   OptionalAttr<F32Attr>:$epsilon,
                   OptionalAttr<F32Attr>:$momentum,
                   OptionalAttr<I64Attr>:$spatial,
                   OptionalAttr<I64Attr>:$training_mode);
  let results = (outs Kiln_Tensor:$Y);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_LayerNormalizationOp
    : Kiln_Op<"layer_normalization", "LayerNormalization", [Kiln_InferShapesInCpp]> {
  let summary = "layer normalization (ONNX LayerNormalization)";
  let description = [{
    Normalizes `X` over dims `[axis, rank)` (axis default -1, epsilon default
    1e-5), then multiplies by `Scale` and adds the optional `B`, both
    broadcast to the normalized shape. Only the `Y` output is imported.

    ```mlir
    %y = kiln.layer_normalization %x, %w, %b {axis = -1 : i64}
        : (tensor<2x7x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x7x16xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$Scale, Kiln_OptTensor:$B,
                   OptionalAttr<I64Attr>:$axis,
                   OptionalAttr<F32Attr>:$epsilon,
                   OptionalAttr<I64Attr>:$stash_type);
  let results = (outs Kiln_Tensor:$Y, Variadic<Kiln_Tensor>:$stats);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_RMSNormalizationOp
    : Kiln_Op<"rms_normalization", "RMSNormalization", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "root-mean-square normalization (ONNX RMSNormalization)";
  let description = [{
    `Y = X / sqrt(mean(X^2) + epsilon) * Scale`, the mean over dims
    `[axis, rank)` (axis default -1, epsilon default 1e-5), `Scale`
    broadcast to the normalized shape: ONNX's RMSNormalization of opset 23.
    Kiln does not import that op (its ONNX is older); kiln-fuse-layer-norm
    writes it for the decomposed form exporters write (LLaMA's and T5's
    RMSNorm, `torch.nn.RMSNorm` before opset 23).

    ```mlir
    %y = kiln.rms_normalization %x, %w {axis = -1 : i64, epsilon = 1.0e-06 : f32}
        : (tensor<2x7x16xf32>, tensor<16xf32>) -> tensor<2x7x16xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, Kiln_Tensor:$Scale,
                   OptionalAttr<I64Attr>:$axis,
                   OptionalAttr<F32Attr>:$epsilon);
  let results = (outs Kiln_Tensor:$Y);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_InstanceNormalizationOp
    : Kiln_Op<"instance_normalization", "InstanceNormalization", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "instance normalization (ONNX InstanceNormalization)";
  let description = [{
    Normalizes each `(n, c)` slice over its spatial dims, then
    `* scale[c] + B[c]` (epsilon default 1e-5).

    ```mlir
    %y = kiln.instance_normalization %x, %s, %b
        : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, Kiln_Tensor:$scale, Kiln_Tensor:$B,
                   OptionalAttr<F32Attr>:$epsilon);
  let results = (outs Kiln_Tensor:$output);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_LRNOp
    : Kiln_Op<"lrn", "LRN", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "local response normalization across channels (ONNX LRN)";
  let description = [{
    `Y = X / (bias + alpha / size * sum(X^2))^beta`, the sum over the `size`
    channels around each one (`size` required; alpha 1e-4, beta 0.75,
    bias 1 by default).

    ```mlir
    %y = kiln.lrn %x {size = 3 : i64}
        : (tensor<5x5x5x5xf32>) -> tensor<5x5x5x5xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, OptionalAttr<F32Attr>:$alpha,
                   OptionalAttr<F32Attr>:$beta, OptionalAttr<F32Attr>:$bias,
                   OptionalAttr<I64Attr>:$size);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_MeanVarianceNormalizationOp
    : Kiln_Op<"mean_variance_normalization", "MeanVarianceNormalization", [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = "mean-variance normalization (ONNX MeanVarianceNormalization)";
  let description = [{
    `(X - mean) / (std + 1e-9)` with mean and (population) std over `axes`
    (default `[0, 2, 3]`).

    ```mlir
    %y = kiln.mean_variance_normalization %x
        : (tensor<3x3x3x1xf32>) -> tensor<3x3x3x1xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$X, OptionalAttr<I64ArrayAttr>:$axes);
  let results = (outs Kiln_Tensor:$Y);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Softmax family
//===----------------------------------------------------------------------===//

/// Softmax, LogSoftmax and Hardmax share operands and axis rules.
class Kiln_SoftmaxLikeOp<string mnemonic, string onnxName, string name,
                         string what>
    : Kiln_Op<mnemonic, onnxName,
              [Kiln_SameShapeAsInput, Kiln_InferShapesByTrait]> {
  let summary = name # " along an axis (ONNX " # onnxName # ")";
  let description = [{
    }] # what # [{ of each 1-D slice along `axis` (default -1),
    as from opset 13. Opsets before 13 coerced the input to 2-D at `axis`
    (default 1) and normalized whole flattened rows of the dims
    `[axis, rank)`: the importer expresses them with the Kiln-specific
    attribute `coerce_2d = 1` and an explicit `axis`.

    ```mlir
    %y = kiln.}] # mnemonic # [{ %x {axis = 1 : i64, coerce_2d = 1 : i64}
        : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$input, OptionalAttr<I64Attr>:$axis,
                   OptionalAttr<I64Attr>:$coerce_2d);
  let results = (outs Kiln_Tensor:$output);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Kiln_SoftmaxOp
    : Kiln_SoftmaxLikeOp<"softmax", "Softmax", "softmax",
                         "`exp(x) / sum(exp(x))`">;
def Kiln_LogSoftmaxOp
    : Kiln_SoftmaxLikeOp<"log_softmax", "LogSoftmax", "log of softmax",
                         "`x - max - log(sum(exp(x - max)))`">;
def Kiln_HardmaxOp
    : Kiln_SoftmaxLikeOp<"hardmax", "Hardmax", "one-hot of the maximum",
                         "1 at the first maximum, 0 elsewhere,">;

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

def Kiln_FusedAttentionOp
    : Kiln_Op<"fused_attention", "FusedAttention"> {
  let summary = "scaled dot-product attention as one op (not an ONNX op)";
  let description = [{
    kiln-fuse-attention's rewrite of the chain exporters write for
    attention,

    ```
    S = MatMul(Q, KT)    S = S / divisor or S * scale (optional)
    S = S + mask (optional)    P = Softmax(S, axis = -1)    Y = MatMul(P, V)
    ```

    with every rounding of that chain: the reference kernel computes each
    step as the ONNX op would (so a graph runs the same on the interpreter
    before and after the rewrite), the compiled kernel keeps only a block of
    S's rows in cache instead of writing S and P out. `Q` is
    `[..., M, D]`, `KT` `[..., D, N]` (the key already transposed, as the
    first MatMul reads it), `V` `[..., N, Dv]`; the batch dims of `Q` and
    `KT` broadcast to the batch of `Y` (`[..., M, Dv]`), and `V`'s and the
    mask's (rank <= Y's, its last two dims `M` or 1 and `N` or 1) broadcast
    into it. At most one of `divisor` and `scale` is set.

    `q_perm`, `kt_perm` and `v_perm`, when set, say that the operand given
    is the tensor the chain transposed with that permutation before using
    it (`Q = Transpose(q, q_perm)`: a head split from a `[batch, seq, heads,
    dim]` projection), and `y_perm` that the result is the chain's result
    transposed with it (`Y = Transpose(chain, y_perm)`); the shapes above are
    those after the operand transposes and before the result's. The
    compiled kernel reads and writes through the permuted strides instead
    of copying.

    ```mlir
    %y = kiln.fused_attention %q, %kt, %v, %mask {divisor = 8.0 : f32}
        : (tensor<1x12x128x64xf32>, tensor<1x12x64x128xf32>,
           tensor<1x12x128x64xf32>, tensor<1x1x1x128xf32>)
        -> tensor<1x12x128x64xf32>
    ```
  }];
  let arguments = (ins Kiln_Tensor:$Q, Kiln_Tensor:$KT, Kiln_Tensor:$V,
                   Kiln_OptTensor:$mask, OptionalAttr<F32Attr>:$divisor,
                   OptionalAttr<F32Attr>:$scale,
                   OptionalAttr<I64ArrayAttr>:$q_perm,
                   OptionalAttr<I64ArrayAttr>:$kt_perm,
                   OptionalAttr<I64ArrayAttr>:$v_perm,
                   OptionalAttr<I64ArrayAttr>:$y_perm);
  let results = (outs Kiln_Tensor:$Y);
  let hasVerifier = 1;
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_MATMULNORM_OPS_TD
