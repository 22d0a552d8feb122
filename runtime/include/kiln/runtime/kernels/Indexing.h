//===- Indexing.h - Indexing and data movement kernels ----------*- C++ -*-===//
//-*-===//
//
// Kernels of the ONNX ops that move, select or generate elements rather than
// compute on them: gathers and scatters, shape queries, generators (Range,
// ConstantOfShape, EyeLike, OneHot), block rearrangements (DepthToSpace,
// SpaceToDepth), Trilu, NonZero, inference-mode Dropout and Resize. Pure data
// movement kernels work on every dtype, bool included.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_INDEXING_H
#define KILN_RUNTIME_KERNELS_INDEXING_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

/// output = data indexed along `axis` by `indices` (negative indices wrap):
/// shape data[:axis] + indices.shape + data[axis+1:].
Status evalGather(KernelContext &ctx);
/// output[i] = data[i with its `axis` coordinate replaced by indices[i]].
Status evalGatherElements(KernelContext &ctx);
/// output = slices of data addressed by the last dimension of indices,
/// after `batch_dims` leading dimensions shared by data and indices.
Status evalGatherND(KernelContext &ctx);
/// output = data with the slices addressed by indices replaced by (or
/// reduced with: add, mul, max, min) the matching slices of updates.
Status evalScatterND(KernelContext &ctx);
/// output = data with data[i with `axis` coordinate indices[i]] replaced by
/// (or reduced with) updates[i].
Status evalScatterElements(KernelContext &ctx);
/// output = the 1-D i64 shape of data, sliced to [start, end).
Status evalShape(KernelContext &ctx);
/// output = the i64 scalar number of elements of data.
Status evalSize(KernelContext &ctx);
/// output = a tensor of the shape given by the 1-D input, filled with the
/// one element of the `value` attribute (f32 0 by default).
Status evalConstantOfShape(KernelContext &ctx);
/// output = [start, start + delta, ...) up to limit (exclusive).
Status evalRange(KernelContext &ctx);
/// output = input.
Status evalIdentity(KernelContext &ctx);
/// Inference-mode dropout: output = data, optional mask = all true. Training
/// mode with a nonzero ratio is rejected (its masks are random).
Status evalDropout(KernelContext &ctx);
/// Moves depth (channel) blocks into blocksize x blocksize spatial blocks of
/// an N x C x H x W tensor, in DCR or CRD order.
Status evalDepthToSpace(KernelContext &ctx);
/// Moves blocksize x blocksize spatial blocks of N x C x H x W into depth.
Status evalSpaceToDepth(KernelContext &ctx);
/// Resizes X by scales or to sizes with nearest, (multi)linear or cubic
/// interpolation, as the ONNX reference does for every coordinate mode.
Status evalResize(KernelContext &ctx);
/// output = the upper (or lower) triangle of the last two dimensions of the
/// input from diagonal k; other elements zero.
Status evalTrilu(KernelContext &ctx);
/// output = one-hot encoding of indices with depth classes along `axis`,
/// holding values[1] at the hot position and values[0] elsewhere.
Status evalOneHot(KernelContext &ctx);
/// output = a 2-D tensor shaped like the input with ones on diagonal k.
Status evalEyeLike(KernelContext &ctx);
/// output = the i64 indices (rank x count) of the nonzero input elements.
Status evalNonZero(KernelContext &ctx);

} // namespace kiln::ref

#endif // KILN_RUNTIME_KERNELS_INDEXING_H
