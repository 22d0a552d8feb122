//===- Layout.h - Reorders into and out of the blocked layout ---*- C++ -*-===//
//
// Reference kernels of kiln.to_blocked and kiln.from_blocked
// (ir/.../LayoutOps.td): NCHW to NCHWc and back, any element type.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_LAYOUT_H
#define KILN_RUNTIME_KERNELS_LAYOUT_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

/// Y[n][cb][h][w][i] = X[n][cb * block + i][h][w], `block` dividing C.
Status evalToBlocked(KernelContext &ctx);
/// Y[n][cb * c + i][h][w] = X[n][cb][h][w][i], c = X's last dim.
Status evalFromBlocked(KernelContext &ctx);

/// Y[n][cb * c + i][0][0] = mean over h, w of X[n][cb][h][w][i]: the
/// global average pool of an NCHWc X (c = its last dim), Y NCHW.
Status evalBlockedGlobalAveragePool(KernelContext &ctx);

/// The NCHW form of the NCHWc \p t (rank 5), for kernels that compute a
/// blocked op on its NCHW view.
Tensor unblockTensor(const Tensor &t);
/// The NCHWc form, blocks of \p block channels (dividing C), of the NCHW
/// \p t.
Tensor blockTensor(const Tensor &t, int64_t block);

} // namespace kiln::ref

#endif // KILN_RUNTIME_KERNELS_LAYOUT_H
