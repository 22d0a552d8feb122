//===- ReduceReshape.h - Reduction and shape reference kernels --*- C++ -*-===//
//
// Reference kernels for the ONNX reductions (ReduceSum ... ReduceSumSquare,
// ArgMax/ArgMin, CumSum, TopK) and the data-movement ops that change a
// tensor's shape or layout (Reshape, Flatten, Transpose, Squeeze, Unsqueeze,
// Concat, Split, Slice, Expand, Tile, Pad). Each follows the newest ONNX
// version of its op (up to opset 21): inputs that older opsets passed as
// attributes (axes, split, starts/ends, pads, k) are operands here.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_REDUCERESHAPE_H
#define KILN_RUNTIME_KERNELS_REDUCERESHAPE_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

/// Sum of the elements over `axes` (operand 1; empty or absent reduces all
/// axes unless noop_with_empty_axes).
Status evalReduceSum(KernelContext &ctx);
/// Arithmetic mean over `axes`.
Status evalReduceMean(KernelContext &ctx);
/// Maximum over `axes` (-inf, or the lowest value, for an empty set).
Status evalReduceMax(KernelContext &ctx);
/// Minimum over `axes` (+inf, or the highest value, for an empty set).
Status evalReduceMin(KernelContext &ctx);
/// Product over `axes`.
Status evalReduceProd(KernelContext &ctx);
/// Sum of absolute values over `axes`.
Status evalReduceL1(KernelContext &ctx);
/// Square root of the sum of squares over `axes`.
Status evalReduceL2(KernelContext &ctx);
/// Natural logarithm of the sum over `axes`.
Status evalReduceLogSum(KernelContext &ctx);
/// log(sum(exp(x))) over `axes`, computed with a max shift for stability.
Status evalReduceLogSumExp(KernelContext &ctx);
/// Sum of squares over `axes`.
Status evalReduceSumSquare(KernelContext &ctx);
/// Index (i64) of the largest element along `axis`; first occurrence unless
/// select_last_index.
Status evalArgMax(KernelContext &ctx);
/// Index (i64) of the smallest element along `axis`.
Status evalArgMin(KernelContext &ctx);
/// Running sum along the axis given by operand 1, optionally exclusive
/// and/or reversed.
Status evalCumSum(KernelContext &ctx);
/// The K largest (or smallest) elements along `axis` and their i64 indices,
/// sorted; equal values keep the lower index first.
Status evalTopK(KernelContext &ctx);

/// The data with a new shape (operand 1): 0 copies the input dimension unless
/// allowzero, -1 is inferred.
Status evalReshape(KernelContext &ctx);
/// The data as a 2-D matrix split at `axis`.
Status evalFlatten(KernelContext &ctx);
/// Permutes the dimensions by `perm` (reversed when absent).
Status evalTranspose(KernelContext &ctx);
/// Removes the size-1 dimensions listed in operand 1 (all of them if absent).
Status evalSqueeze(KernelContext &ctx);
/// Inserts size-1 dimensions at the output positions listed in operand 1.
Status evalUnsqueeze(KernelContext &ctx);
/// Joins the inputs along `axis`.
Status evalConcat(KernelContext &ctx);
/// Cuts the input along `axis` into one result per output, by the sizes in
/// operand 1 or into equal parts (the last one smaller).
Status evalSplit(KernelContext &ctx);
/// Strided sub-tensor given by starts, ends, axes and steps operands, clamped
/// as ONNX specifies.
Status evalSlice(KernelContext &ctx);
/// Broadcasts the input against the shape in operand 1 (numpy rules, both
/// ways).
Status evalExpand(KernelContext &ctx);
/// Repeats the input `repeats[i]` times along each dimension i.
Status evalTile(KernelContext &ctx);
/// Pads (or, with negative pads, crops) each axis in constant, reflect, edge
/// or wrap mode.
Status evalPad(KernelContext &ctx);

} // namespace kiln::ref

#endif // KILN_RUNTIME_KERNELS_REDUCERESHAPE_H
