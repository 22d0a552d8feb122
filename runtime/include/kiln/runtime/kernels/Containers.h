//===- Containers.h - Sequence and optional kernels -------------*- C++ -*-===//
//
// Kernels of ONNX's sequence and optional ops (opset 11 to 18). They move
// tensors into and out of containers (kiln/runtime/Tensor.h, ValueKind):
// the tensors themselves are shared, never copied, except where
// SplitToSequence and ConcatFromSequence cut and join them.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_CONTAINERS_H
#define KILN_RUNTIME_KERNELS_CONTAINERS_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

/// output = an empty sequence of element type `dtype` (ONNX code, default
/// FLOAT).
Status evalSequenceEmpty(KernelContext &ctx);
/// output = the sequence of the inputs, which share one element type.
Status evalSequenceConstruct(KernelContext &ctx);
/// output = input_sequence with `tensor` inserted at `position` (in
/// [-n, n], negative from the end; absent: at the end).
Status evalSequenceInsert(KernelContext &ctx);
/// tensor = input_sequence[position], position in [-n, n - 1].
Status evalSequenceAt(KernelContext &ctx);
/// output = input_sequence without the tensor at `position` (in
/// [-n, n - 1]; absent: the last one).
Status evalSequenceErase(KernelContext &ctx);
/// length = the number of tensors in input_sequence (an i64 scalar).
Status evalSequenceLength(KernelContext &ctx);
/// output = input cut along `axis` (default 0) into the lengths `split`
/// gives (one length: equal chunks, the last shorter; a list: those
/// lengths), or into slices of length 1 without the axis when `split` is
/// absent and `keepdims` is 0.
Status evalSplitToSequence(KernelContext &ctx);
/// concat_result = the sequence's tensors joined along `axis`, or stacked
/// along a new `axis` when `new_axis` is 1.
Status evalConcatFromSequence(KernelContext &ctx);
/// output = an optional holding the input (a tensor or a sequence), or an
/// empty optional of element type `dtype` when the input is absent.
Status evalOptional(KernelContext &ctx);
/// output = whether the input optional holds a value (true for a tensor or
/// a sequence, false for an absent input), as a bool scalar.
Status evalOptionalHasElement(KernelContext &ctx);
/// output = the value the input optional holds (an error when empty); a
/// tensor or a sequence is passed on as it is.
Status evalOptionalGetElement(KernelContext &ctx);

} // namespace kiln::ref

#endif // KILN_RUNTIME_KERNELS_CONTAINERS_H
