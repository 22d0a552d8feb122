//===- MatMulNorm.h - Matrix products, normalizations, softmax --*- C++ -*-===//
//
// Reference kernels of the MatMulNorm family: matrix products (Gemm, MatMul,
// Einsum), normalizations (BatchNormalization, LayerNormalization,
// InstanceNormalization, LRN, MeanVarianceNormalization) and the softmax
// family (Softmax, LogSoftmax, Hardmax). Each follows the newest ONNX version
// of its op; older import forms are converted by the importer's handlers.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_MATMULNORM_H
#define KILN_RUNTIME_KERNELS_MATMULNORM_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

/// Y = alpha * op(A) * op(B) + beta * C, op = optional transpose (transA,
/// transB); C (optional) broadcasts unidirectionally to MxN.
Status evalGemm(KernelContext &ctx);
/// Numpy matmul: 1-D operands are promoted to matrices and the added dim
/// removed, leading batch dimensions broadcast.
Status evalMatMul(KernelContext &ctx);
/// Einstein summation over any number of operands (`equation`): explicit or
/// implicit output, repeated labels (diagonals, traces) and `...` broadcast.
Status evalEinsum(KernelContext &ctx);

/// Inference batch normalization over channel dim 1: (X - input_mean) /
/// sqrt(input_var + epsilon) * scale + B.
Status evalBatchNormalization(KernelContext &ctx);
/// Normalizes over dims [axis, rank) of X, then * Scale + B (optional);
/// optionally also produces Mean and InvStdDev (results 1 and 2).
Status evalLayerNormalization(KernelContext &ctx);
/// X / sqrt(mean(X^2) + epsilon) * Scale over dims [axis, rank) of X.
Status evalRMSNormalization(KernelContext &ctx);
/// Normalizes each (n, c) slice of X over its spatial dims, then * scale[c]
/// + B[c].
Status evalInstanceNormalization(KernelContext &ctx);
/// Local response normalization across `size` neighbouring channels:
/// X / (bias + alpha / size * sum(X^2))^beta.
Status evalLRN(KernelContext &ctx);
/// (X - mean) / (std + 1e-9) with mean and std taken over `axes`
/// (default [0, 2, 3]).
Status evalMeanVarianceNormalization(KernelContext &ctx);

/// Softmax along `axis` (default -1); with `coerce_2d` = 1, over the
/// flattened dims [axis, rank) as opsets before 13 did.
Status evalSoftmax(KernelContext &ctx);
/// Log of Softmax, same axis rules as evalSoftmax.
Status evalLogSoftmax(KernelContext &ctx);
/// 1 at the first maximum along `axis`, 0 elsewhere; same axis rules as
/// evalSoftmax.
Status evalHardmax(KernelContext &ctx);

/// softmax(Q x KT / divisor (or * scale) + mask) x V, the attention chain
/// kiln-fuse-attention fuses (not an ONNX op), with the roundings of that
/// chain's ops on the interpreter; f32 only.
Status evalFusedAttention(KernelContext &ctx);
/// MatMul(Transpose(A, a_perm), Transpose(B, b_perm)), each perm optional,
/// the operands of rank >= 2 (not an ONNX op: kiln-fold-transpose's).
Status evalTransposedMatMul(KernelContext &ctx);

} // namespace kiln::ref

#endif // KILN_RUNTIME_KERNELS_MATMULNORM_H
