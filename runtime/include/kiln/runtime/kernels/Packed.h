//===- Packed.h - Ops over pre-packed weights -------------------*- C++ -*-===//
//
// Reference kernels of the ops kiln-pack-weights creates (ir/.../PackedOps.td):
// PackedMatMul and PackedConv read their weight in the micro-kernel's panel
// layout, DepthwiseConv in ONNX's layout. All three apply the fused epilogue
// Y = act(acc + bias + residual) described there. They are the definition of
// those ops for the interpreter and the tests; the compiled backend has its
// own kernels (backends/cpu/lib/kernels/).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_PACKED_H
#define KILN_RUNTIME_KERNELS_PACKED_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

/// Y = act(A x B + bias + residual) with B (K x N, N = `columns`) stored as
/// W[p][k][j] = B[k][p * nr + j] (zero past N).
Status evalPackedMatMul(KernelContext &ctx);
/// NCHW 2-D convolution, group 1, with W[p][k][i] = weight[p * mr + i][k],
/// k = (c, kh, kw) flattened, plus the fused epilogue.
Status evalPackedConv(KernelContext &ctx);
/// NCHW 3x3 stride-1 convolution by Winograd's F(m x m, 3 x 3), m = `tile`,
/// from weights transformed as W[e][p][c][i] = (G weight[p * mr + i][c]
/// G^T)[e] (kiln/runtime/Winograd.h), plus the fused epilogue.
Status evalWinogradConv(KernelContext &ctx);
/// NCHW depthwise convolution (W: C x 1 x kh x kw) plus the fused epilogue
/// (no residual).
Status evalDepthwiseConv(KernelContext &ctx);
/// 1x1 stride-1 convolution into an NCHWc Y (N x Cout/c x H x W x c, c =
/// `block`) of an NCHWc or NCHW X, with W packed like PackedMatMul's B
/// (W[p][k][j] = weight[p * nr + j][k]), plus the fused epilogue.
Status evalBlockedConv(KernelContext &ctx);

/// The activation of a fused epilogue.
struct Epilogue {
  enum class Act { None, Relu, Clip, LeakyRelu } act = Act::None;
  float lo = 0, hi = 0, alpha = 0.01f;
  bool hasLo = false, hasHi = false;
  /// Applies the activation with the same comparisons as the Relu, Clip and
  /// LeakyRelu reference kernels.
  float apply(float v) const {
    switch (act) {
    case Act::None:
      return v;
    case Act::Relu:
      return v < 0 ? 0.0f : v;
    case Act::Clip:
      if (hasLo && v < lo)
        v = lo;
      if (hasHi && v > hi)
        v = hi;
      return v;
    case Act::LeakyRelu:
      return v >= 0 ? v : float(double(alpha) * v);
    }
    return v;
  }
};

/// Reads `activation`, `clip_min`, `clip_max` and `alpha`.
Status readEpilogue(const KernelContext &ctx, Epilogue &out);

} // namespace kiln::ref

#endif // KILN_RUNTIME_KERNELS_PACKED_H
