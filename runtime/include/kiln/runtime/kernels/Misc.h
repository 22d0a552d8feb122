//===- Misc.h - Losses, quantization and other kernels -----*- C++ -*-===//
//
// Ops that fit no larger family: the two classification losses, the linear
// quantization ops and their integer MatMul / Conv forms, and a handful of
// stand-alone ops (Compress, ReverseSequence, Det, the signal windows,
// MaxUnpool, Unique). Semantics are those of the newest ONNX version of each
// op up to opset 21; sums accumulate in double (float ops) or int64 (integer
// ops) and are rounded once to the result type.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_MISC_H
#define KILN_RUNTIME_KERNELS_MISC_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

//===----------------------------------------------------------------------===//
// Losses (MiscLoss.cpp)
//===----------------------------------------------------------------------===//

/// loss[n, d...] = -input[n, target[n, d...], d...] * weight[target], zero
/// where target == ignore_index; reduced by `reduction` (none, sum, or mean
/// = sum / sum of the applied weights).
Status evalNegativeLogLikelihoodLoss(KernelContext &ctx);
/// NegativeLogLikelihoodLoss of log_softmax(scores, axis 1); the optional
/// second result is that log_softmax.
Status evalSoftmaxCrossEntropyLoss(KernelContext &ctx);

//===----------------------------------------------------------------------===//
// Quantization (MiscQuant.cpp)
//===----------------------------------------------------------------------===//

/// y = saturate(round_half_even(x / y_scale) + y_zero_point), per tensor,
/// per axis or per block; y is i8 or u8 (the zero point's type, else
/// output_dtype, else u8).
Status evalQuantizeLinear(KernelContext &ctx);
/// y = (x - x_zero_point) * x_scale, per tensor, per axis or per block; y
/// has the scale's type.
Status evalDequantizeLinear(KernelContext &ctx);
/// u8 quantization of x with scale and zero point computed from the range
/// of x (extended to contain 0); results y, y_scale, y_zero_point.
Status evalDynamicQuantizeLinear(KernelContext &ctx);
/// i32 matmul (numpy batching) of (A - a_zero_point) and (B - b_zero_point);
/// zero points per tensor, per row of A or per column of B.
Status evalMatMulInteger(KernelContext &ctx);
/// i32 N-D convolution of (x - x_zero_point) with (w - w_zero_point); w's
/// zero point per tensor or per output channel.
Status evalConvInteger(KernelContext &ctx);
/// MatMulInteger followed by requantization to y_scale / y_zero_point.
Status evalQLinearMatMul(KernelContext &ctx);
/// ConvInteger plus the i32 bias B, requantized to y_scale / y_zero_point.
Status evalQLinearConv(KernelContext &ctx);

//===----------------------------------------------------------------------===//
// Assorted ops (MiscOther.cpp, MiscUnique.cpp)
//===----------------------------------------------------------------------===//

/// The slices of input along axis (or of the flattened input) whose
/// condition entry is true.
Status evalCompress(KernelContext &ctx);
/// Reverses the first sequence_lens[b] entries along time_axis for each
/// batch entry b along batch_axis.
Status evalReverseSequence(KernelContext &ctx);
/// Determinant of each trailing M x M matrix.
Status evalDet(KernelContext &ctx);
/// Hann window of the given size (periodic or symmetric).
Status evalHannWindow(KernelContext &ctx);
/// Hamming window (alpha 25/46, beta 21/46) of the given size.
Status evalHammingWindow(KernelContext &ctx);
/// Blackman window of the given size.
Status evalBlackmanWindow(KernelContext &ctx);
/// Scatters X into a zero tensor at the flat indices I (as MaxPool's
/// Indices), of the shape output_shape or implied by the pooling attributes.
Status evalMaxUnpool(KernelContext &ctx);
/// The unique elements (or slices along axis) of X, sorted or in order of
/// first occurrence, with first indices, inverse indices and counts.
Status evalUnique(KernelContext &ctx);

} // namespace kiln::ref

#endif // KILN_RUNTIME_KERNELS_MISC_H
