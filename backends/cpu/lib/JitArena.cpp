//===- JitArena.cpp - Where the JIT's intermediates live ------------------===//
#include "JitArena.h"

#include "llvm/ADT/STLExtras.h"

#include <cassert>

namespace kiln::cpu {

ArenaLayout planJitArena(const Plan &plan, const std::vector<bool> &external,
                         const SlotViews &views) {
  size_t numSlots = plan.slots.size();
  auto numSteps = static_cast<int>(plan.steps.size());
  // 1. First and last step touching each slot; graph outputs live to the end.
  std::vector<int> first(numSlots, -1), last(numSlots, -1);
  auto touch = [&](int s, int step) {
    if (s < 0)
      return;
    if (first[s] < 0)
      first[s] = step;
    last[s] = std::max(last[s], step);
  };
  std::vector<bool> compiledResult(numSlots, false);
  for (auto [i, step] : llvm::enumerate(plan.steps)) {
    int at = static_cast<int>(i);
    if (step.kind == PlanStep::Kind::Compiled) {
      for (int s : step.args)
        touch(s, at);
      for (int s : step.outputs)
        compiledResult[s] = true;
    } else {
      for (int s : step.inputs)
        touch(s, at);
      for (int s : step.outputs)
        touch(s, at);
    }
  }
  for (int s : plan.outputSlots)
    last[s] = numSteps;
  // 2. Operands of reference and regions steps live as long as their
  // results (last to first, so that a chain of hand-throughs widens all the
  // way back): a reference kernel may return an operand (Identity), a
  // region may yield an outer value.
  for (const PlanStep &step : llvm::reverse(plan.steps)) {
    if (step.kind == PlanStep::Kind::Compiled)
      continue;
    int until = -1;
    for (int s : step.outputs)
      until = std::max(until, last[s]);
    for (int s : step.inputs)
      if (s >= 0)
        last[s] = std::max(last[s], until);
  }
  // 3. A Concat's result holds its views' bytes as long as any is live.
  auto inArena = [&](size_t s) {
    const PlanSlot &slot = plan.slots[s];
    return compiledResult[s] && !external[s] && !slot.isConstant &&
           slot.isStatic && first[s] >= 0;
  };
  std::vector<BufferLife> lives(numSlots);
  for (size_t s = 0; s < numSlots; ++s)
    if (inArena(s) && !views.isView(static_cast<int>(s)))
      lives[s] = {first[s], last[s],
                  static_cast<uint64_t>(shapeNumElements(plan.slots[s].shape)) *
                      dtypeSize(plan.slots[s].dtype)};
  for (size_t s = 0; s < numSlots; ++s) {
    if (!views.isView(static_cast<int>(s)) || first[s] < 0)
      continue;
    BufferLife &root = lives[views.root[s]];
    assert(inArena(views.root[s]) && "a Concat's result is a compiled result");
    root.first = root.first < 0 ? first[s] : std::min(root.first, first[s]);
    root.last = std::max(root.last, last[s]);
  }
  ArenaLayout layout = packArena(lives);
  for (size_t s = 0; s < numSlots; ++s)
    if (views.isView(static_cast<int>(s)))
      layout.offsets[s] = layout.offsets[views.root[s]] + views.byteOffset[s];
  return layout;
}

} // namespace kiln::cpu
