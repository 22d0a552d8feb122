//===- ConvPool.h - Convolution and pooling reference kernels ---*- C++ -*-===//
//
// Kernels of the ONNX windowed ops over N x C x D1 x ... x Dk tensors:
// convolution, transposed convolution, and max / average / Lp pooling with
// their global forms. Window geometry (kernel_shape, strides, dilations, pads,
// auto_pad, ceil_mode) follows the newest ONNX definition of each op.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_CONVPOOL_H
#define KILN_RUNTIME_KERNELS_CONVPOOL_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

/// Y = conv(X, W) + B: direct N-D grouped convolution (cross-correlation) of
/// X (N x C x D...) with W (M x C/group x k...), optional bias B (M).
Status evalConv(KernelContext &ctx);
/// Y = the gradient of Conv with respect to its input: X (N x C x D...) is
/// scattered through W (C x M/group x k...) into Y (N x M x O...), plus B.
Status evalConvTranspose(KernelContext &ctx);
/// Y = the maximum of each window (padding ignored); optional Indices = the
/// flat input index of that maximum (row- or column-major per
/// storage_order).
Status evalMaxPool(KernelContext &ctx);
/// Y = the mean of each window, over the input elements only or also the
/// explicit padding (count_include_pad).
Status evalAveragePool(KernelContext &ctx);
/// Y = (sum |x|^p)^(1/p) over each window.
Status evalLpPool(KernelContext &ctx);
/// Y (N x C x 1 x ... x 1) = the maximum over all spatial positions.
Status evalGlobalMaxPool(KernelContext &ctx);
/// Y (N x C x 1 x ... x 1) = the mean over all spatial positions.
Status evalGlobalAveragePool(KernelContext &ctx);
/// Y (N x C x 1 x ... x 1) = (sum |x|^p)^(1/p) over all spatial positions.
Status evalGlobalLpPool(KernelContext &ctx);

} // namespace kiln::ref

#endif // KILN_RUNTIME_KERNELS_CONVPOOL_H
