//===- ConcatViews.cpp - Concat without copies in the JIT -----------------===//
#include "ConcatViews.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <map>

namespace kiln::cpu {

namespace {

/// Bytes of slot \p s.
int64_t slotBytes(const Plan &plan, int s) {
  const PlanSlot &slot = plan.slots[s];
  return shapeNumElements(slot.shape) *
         static_cast<int64_t>(dtypeSize(slot.dtype));
}

/// A byte range of a root buffer and the slot whose step writes it.
struct Range {
  int64_t begin, end;
  int owner;
};

struct Placer {
  const Plan &plan;
  const std::vector<bool> &isOutput;
  SlotViews views;
  /// The compiled step writing each slot, or -1.
  std::vector<int> writer;
  /// Per slot: a read-only view (a Split's or Slice's result, or a reshape
  /// of one), whose bytes another slot's writer wrote.
  std::vector<bool> readOnly;
  /// Per slot: the root of read-only views, which must keep its buffer.
  std::vector<bool> viewRoot;
  /// Per slot: some slot is placed in its bytes (set for in-place steps).
  std::vector<bool> hasViews;
  /// Per slot: placed over its operand by visitInPlace (offset 0, the
  /// root's size).
  std::vector<bool> inPlaceView;
  /// Per root slot, the ranges written by steps.
  std::map<int, std::vector<Range>> written;

  /// Byte offsets of the inputs of Concat step \p step in its result, or
  /// empty when they are not contiguous slices of it. A step of one op that
  /// only reinterprets its data operand's shape (Reshape, Flatten, Squeeze,
  /// Unsqueeze, Identity; their shape and axes operands are inlined
  /// constants) is a Concat of that one operand.
  std::vector<int64_t> inputOffsets(const PlanStep &step) {
    int out = step.outputs.front();
    const PlanSlot &slot = plan.slots[out];
    auto rank = static_cast<int64_t>(slot.shape.size());
    size_t numInputs = step.args.size() - step.outputs.size();
    if (step.outputs.size() != 1 || !slot.isStatic)
      return {};
    if (step.shaping == PlanStep::Shaping::Reshape) {
      if (numInputs != 1 || step.inputs.empty() ||
          step.args[0] != step.inputs[0] ||
          plan.slots[step.args[0]].dtype != slot.dtype ||
          slotBytes(plan, step.args[0]) != slotBytes(plan, out))
        return {};
      return {0};
    }
    if (step.shaping != PlanStep::Shaping::Concat ||
        numInputs != step.inputs.size() || step.concatAxis >= rank)
      return {};
    int64_t axis = step.concatAxis;
    for (int64_t d = 0; d < axis; ++d)
      if (slot.shape[d] != 1)
        return {};
    std::vector<int64_t> offsets;
    int64_t at = 0;
    for (size_t k = 0; k < numInputs; ++k) {
      offsets.push_back(at);
      at += slotBytes(plan, step.args[k]);
    }
    if (at != slotBytes(plan, out))
      return {};
    return offsets;
  }

  /// True when slot \p s is an intermediate of the arena: written by a
  /// compiled step, not a graph input or output, not a constant.
  bool inArena(int s) const {
    return writer[s] >= 0 && !isOutput[s] && !plan.slots[s].isConstant &&
           plan.slots[s].isStatic && slotBytes(plan, s) > 0;
  }

  /// True when slot \p s may be computed inside another buffer.
  bool placeable(int s) const { return inArena(s) && !viewRoot[s]; }

  /// Makes the results of Split or Slice step \p i read-only views of its
  /// input when they are contiguous bytes of it (every dim before a Split's
  /// axis is 1); the step then need not run.
  void visitSplit(size_t i) {
    const PlanStep &step = plan.steps[i];
    if (step.kind != PlanStep::Kind::Compiled ||
        (step.shaping != PlanStep::Shaping::Split &&
         step.shaping != PlanStep::Shaping::Slice) ||
        step.args.size() != step.outputs.size() + 1 || step.inputs.empty() ||
        step.args[0] != step.inputs[0])
      return;
    int in = step.args[0];
    const PlanSlot &inSlot = plan.slots[in];
    if (!inArena(in))
      return;
    for (int s : step.outputs)
      if (!inArena(s) || views.isView(s) || viewRoot[s] ||
          plan.slots[s].dtype != inSlot.dtype)
        return;
    std::vector<int64_t> offsets;
    if (step.shaping == PlanStep::Shaping::Slice) {
      if (step.outputs.size() != 1 ||
          step.viewOffset + slotBytes(plan, step.outputs[0]) >
              slotBytes(plan, in))
        return;
      offsets.push_back(step.viewOffset);
    } else {
      auto axis = static_cast<size_t>(step.concatAxis);
      if (axis >= inSlot.shape.size())
        return;
      for (size_t d = 0; d < axis; ++d)
        if (inSlot.shape[d] != 1)
          return;
      int64_t at = 0;
      for (int s : step.outputs) {
        offsets.push_back(at);
        at += slotBytes(plan, s);
      }
      if (at != slotBytes(plan, in))
        return;
    }
    int root = views.isView(in) ? views.root[in] : in;
    int64_t base = views.isView(in) ? views.byteOffset[in] : 0;
    for (size_t k = 0; k < offsets.size(); ++k) {
      int s = step.outputs[k];
      views.root[s] = root;
      views.byteOffset[s] = base + offsets[k];
      readOnly[s] = true;
    }
    viewRoot[root] = true;
    views.elided[i] = true;
  }

  /// Makes the result of step \p i (its inPlaceArg) share its operand's
  /// bytes when the step is the operand's last reader and neither value
  /// takes part in another placement; the kernel then writes over what it
  /// reads, element by element at the same positions. \p readers counts
  /// the steps reading each slot, \p lastReader is the last of them, and
  /// \p compiledReaders says whether all of them are compiled steps.
  /// Other readers must be done with the operand: steps run in order,
  /// except the parts of a batch (PartGroups.h), so a part takes the
  /// operand only as its one reader; a reference step may hand its operand
  /// through as its result (a run-time Dropout), which a later step may
  /// still read.
  void visitInPlace(size_t i, const std::vector<int> &readers,
                    const std::vector<int> &lastReader,
                    const std::vector<bool> &compiledReaders) {
    const PlanStep &step = plan.steps[i];
    if (step.kind != PlanStep::Kind::Compiled || step.inPlaceArg < 0 ||
        views.elided[i] || step.outputs.size() != 1 ||
        static_cast<size_t>(step.inPlaceArg) >=
            step.args.size() - step.outputs.size())
      return;
    int in = step.args[step.inPlaceArg], out = step.outputs[0];
    bool last =
        readers[in] == 1 || (step.itemBegin < 0 && compiledReaders[in] &&
                             lastReader[in] == static_cast<int>(i));
    // An operand that is itself written over its own operand passes its
    // root on: ResNet's blocks each write over the last one's output (not
    // in a part of a batch, whose buffers keep to their part's lane).
    bool chained = step.itemBegin < 0 && views.isView(in) && inPlaceView[in];
    if (in == out || !inArena(in) || !inArena(out) || !last ||
        (views.isView(in) && !chained) || views.isView(out) || hasViews[in] ||
        hasViews[out] || slotBytes(plan, in) != slotBytes(plan, out))
      return;
    int root = chained ? views.root[in] : in;
    views.root[out] = root;
    views.byteOffset[out] = 0;
    hasViews[root] = true;
    inPlaceView[out] = true;
  }

  /// True when [begin, end) of \p root overlaps a range written by a slot
  /// other than \p except.
  bool overlaps(int root, int64_t begin, int64_t end, int except) const {
    auto it = written.find(root);
    if (it == written.end())
      return false;
    for (const Range &r : it->second)
      if (r.owner != except && r.begin < end && begin < r.end)
        return true;
    return false;
  }

  /// Places Concat (or reshape) step \p i when it can be elided.
  void visit(size_t i) {
    const PlanStep &step = plan.steps[i];
    if (step.kind != PlanStep::Kind::Compiled ||
        step.shaping == PlanStep::Shaping::None)
      return;
    std::vector<int64_t> offsets = inputOffsets(step);
    if (offsets.empty())
      return;
    int out = step.outputs.front();
    if (isOutput[out] || plan.slots[out].isConstant)
      return;
    std::vector<int> inputs(step.args.begin(),
                            step.args.begin() + offsets.size());
    for (size_t k = 0; k < inputs.size(); ++k) {
      // A read-only view can only be reshaped in place: a Concat would
      // write its other inputs over the bytes around it.
      if (readOnly[inputs[k]]) {
        if (step.shaping != PlanStep::Shaping::Reshape)
          return;
      } else if (!placeable(inputs[k])) {
        return;
      }
      if (inputs[k] == out)
        return;
      for (size_t l = 0; l < k; ++l)
        if (inputs[l] == inputs[k])
          return;
    }
    // Where the result lives: where a later Concat put it, or where the
    // inputs already placed say, or its own buffer.
    int root = out;
    int64_t base = 0;
    bool fixed = views.isView(out);
    if (fixed) {
      root = views.root[out];
      base = views.byteOffset[out];
    }
    for (size_t k = 0; k < inputs.size(); ++k) {
      int s = inputs[k];
      if (!views.isView(s))
        continue;
      int64_t implied = views.byteOffset[s] - offsets[k];
      if (!fixed) {
        root = views.root[s];
        base = implied;
        fixed = true;
      } else if (views.root[s] != root || implied != base) {
        return;
      }
    }
    if (base < 0 || base + slotBytes(plan, out) > slotBytes(plan, root))
      return;
    // A root of read-only views keeps its own buffer.
    if (root != out && viewRoot[out])
      return;
    // Every input not placed yet must find its range free.
    for (size_t k = 0; k < inputs.size(); ++k) {
      int s = inputs[k];
      int64_t begin = base + offsets[k];
      if (!views.isView(s) &&
          overlaps(root, begin, begin + slotBytes(plan, s), out))
        return;
    }
    if (root != out && !views.isView(out)) {
      views.root[out] = root;
      views.byteOffset[out] = base;
      readOnly[out] = readOnly[inputs.front()];
    }
    // The result is no longer written; its inputs are, in its place.
    auto &ranges = written[root];
    llvm::erase_if(ranges, [&](const Range &r) { return r.owner == out; });
    for (size_t k = 0; k < inputs.size(); ++k) {
      int s = inputs[k];
      if (views.isView(s))
        continue;
      views.root[s] = root;
      views.byteOffset[s] = base + offsets[k];
      ranges.push_back(
          {views.byteOffset[s], views.byteOffset[s] + slotBytes(plan, s), s});
    }
    views.elided[i] = true;
  }
};

} // namespace

SlotViews planConcatViews(const Plan &plan, const std::vector<bool> &isOutput) {
  Placer p{plan, isOutput, {}, {}, {}, {}, {}, {}};
  size_t numSlots = plan.slots.size();
  p.views.root.assign(numSlots, -1);
  p.views.byteOffset.assign(numSlots, 0);
  p.views.elided.assign(plan.steps.size(), false);
  p.writer.assign(numSlots, -1);
  p.readOnly.assign(numSlots, false);
  p.viewRoot.assign(numSlots, false);
  for (size_t i = 0; i < plan.steps.size(); ++i)
    if (plan.steps[i].kind == PlanStep::Kind::Compiled)
      for (int s : plan.steps[i].outputs)
        p.writer[s] = static_cast<int>(i);
  // Splits and Slices first, in order (a split of a split's part views the
  // same root), then Concats and reshapes from last to first.
  for (size_t i = 0; i < plan.steps.size(); ++i)
    p.visitSplit(i);
  for (size_t i = plan.steps.size(); i-- > 0;)
    p.visit(i);
  // In-place steps last, on values no other placement touched: each step
  // reading a slot counts once (a region step counts the outer values its
  // body reads among its inputs). Graph outputs are not in the arena, so
  // visitInPlace never takes them.
  p.hasViews.assign(numSlots, false);
  p.inPlaceView.assign(numSlots, false);
  for (size_t s = 0; s < numSlots; ++s)
    if (p.views.isView(static_cast<int>(s)))
      p.hasViews[p.views.root[s]] = true;
  std::vector<int> readers(numSlots, 0), lastReader(numSlots, -1);
  std::vector<bool> compiledReaders(numSlots, true);
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep &step = plan.steps[i];
    std::vector<int> read =
        step.kind == PlanStep::Kind::Compiled
            ? std::vector<int>(step.args.begin(),
                               step.args.end() - step.outputs.size())
            : step.inputs;
    llvm::sort(read);
    read.erase(std::unique(read.begin(), read.end()), read.end());
    for (int s : read)
      if (s >= 0) {
        ++readers[s];
        lastReader[s] = static_cast<int>(i);
        if (step.kind != PlanStep::Kind::Compiled)
          compiledReaders[s] = false;
      }
  }
  for (size_t i = 0; i < plan.steps.size(); ++i)
    p.visitInPlace(i, readers, lastReader, compiledReaders);
  return std::move(p.views);
}

} // namespace kiln::cpu
