//===- ConcatViews.h - Concat without copies in the JIT ---------*- C++ -*-===//
//
// A Concat whose inputs are contiguous slices of its result (every dim
// before the axis is 1, as in NCHW concats of one image) need not copy: its
// inputs can be computed straight into their slices of its result buffer,
// which makes the Concat itself a no-op. DenseNet concatenates all earlier
// feature maps again in every layer (62 Concats copying 42 MB per image);
// Inception's blocks end in one.
//
// Ops that only reinterpret a shape (Reshape, Flatten, Squeeze, Unsqueeze,
// Identity) are the Concat of one input at offset 0: their input is
// computed in their result's buffer and the copy is elided the same way
// (a ViT-B/16 has 61 Reshapes after its matrix products).
//
// The other way round, a Split whose parts are contiguous slices of its
// input (every dim before the axis is 1: GPT-2's query, key and value cut
// from one projection) and a Slice whose result is a contiguous run of its
// input's bytes need not copy either: their results are read-only views of
// the input's buffer. These are placed first, in order; the input then keeps
// its own buffer (it is not placed inside a Concat's result), and a view is
// only reshaped in place, never placed inside a Concat (which would write
// its other inputs over the bytes around it).
//
// Last, in place: a compiled step whose kernel is one pointwise loop nest
// (every op KilnElementwise) writes its result over an operand of the same
// shape and type (PlanStep::inPlaceArg), and so does a direct kernel over
// the operand it reads only where it writes (a packed conv's residual:
// directKernelOverwritableOperand), when the step is that operand's last
// reader and neither value is placed otherwise. Each element is read before
// it is written, at the same position, by the same work item. Steps run in
// plan order, so earlier readers are done; a part of a batch, which runs
// side by side with the other parts (PartGroups.h), must be the operand's
// only reader. The operand's buffer then lives as long as the result does
// (a chain of Tanh, Mul and Sigmoid kernels takes one buffer instead of
// two), and a result written over an operand that was itself written over
// its own passes the buffer on (ResNet's blocks, each over the last).
//
// The executor places slots inside other slots' buffers ("views") where that
// is safe, from the plan alone:
//
//  - only compiled steps write views (they write whole buffers they are
//    handed); reference steps allocate their results, so a Concat with an
//    input from one, from a graph input or a constant keeps its copy;
//  - graph outputs are never views (each run returns fresh tensors);
//  - Concats are visited from last to first: an input already placed by a
//    later Concat fixes where this Concat's result must be (so a Concat of
//    a prefix of a later Concat's inputs becomes a prefix of its result),
//    every other input is placed at its offset, and two values written by
//    different steps never share bytes. A Concat whose inputs disagree keeps
//    its copy.
//
// AOT libraries keep their copies (their arena planner is separate).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LIB_CONCATVIEWS_H
#define KILN_CPU_LIB_CONCATVIEWS_H

#include "kiln/cpu/Plan.h"

#include <vector>

namespace kiln::cpu {

/// Where slots live, and which steps need not run.
struct SlotViews {
  /// Per slot: the slot whose buffer holds it, or -1 for its own buffer.
  std::vector<int> root;
  /// Per slot with a root: its byte offset in the root's buffer.
  std::vector<int64_t> byteOffset;
  /// Per step: a Concat whose inputs were all computed in place, or a
  /// Split or Slice whose results view its input.
  std::vector<bool> elided;

  bool isView(int slot) const { return root[slot] >= 0; }
};

/// Places the inputs and results of the plan's Concats, Splits and Slices
/// (see above);
/// \p isOutput marks the graph's input and output slots.
SlotViews planConcatViews(const Plan &plan, const std::vector<bool> &isOutput);

} // namespace kiln::cpu

#endif // KILN_CPU_LIB_CONCATVIEWS_H
