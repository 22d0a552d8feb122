//===- JitArena.cpp - Where the JIT's intermediates live ------------------===//
#include "JitArena.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cassert>
#include <climits>

namespace kiln::cpu {

namespace {

/// A slot's life in schedule times: the first and last time a step touches
/// it, the lane those steps share (-2 before the first, -1 when they differ
/// or one is outside a round) with their round's span, and the spans of the
/// rounds it was touched in.
struct SlotLife {
  int first = -1, last = -1;
  int lane = -2, spanFirst = -1, spanLast = -1;
  int coverFirst = INT_MAX, coverLast = -1;

  void touch(const StepSchedule &schedule, int step) {
    int time = schedule.time[step];
    first = first < 0 ? time : std::min(first, time);
    last = std::max(last, time);
    int lane = schedule.lane[step];
    if (lane >= 0) {
      coverFirst = std::min(coverFirst, schedule.spanFirst[step]);
      coverLast = std::max(coverLast, schedule.spanLast[step]);
    }
    takeLane(lane, schedule.spanFirst[step], schedule.spanLast[step]);
  }

  /// Adds \p other's touches (a view's, to the buffer it lives in).
  void merge(const SlotLife &other) {
    if (other.first < 0)
      return;
    first = first < 0 ? other.first : std::min(first, other.first);
    last = std::max(last, other.last);
    coverFirst = std::min(coverFirst, other.coverFirst);
    coverLast = std::max(coverLast, other.coverLast);
    takeLane(other.lane, other.spanFirst, other.spanLast);
  }

  /// The buffer's life: one of several parts' (or touched outside its
  /// rounds too) lives through every round it was touched in.
  BufferLife buffer(uint64_t bytes) const {
    BufferLife life{first, last, bytes};
    if (lane >= 0) {
      life.lane = lane;
      life.spanFirst = spanFirst;
      life.spanLast = spanLast;
    } else if (coverLast >= 0) {
      life.first = std::min(life.first, coverFirst);
      life.last = std::max(life.last, coverLast);
    }
    return life;
  }

private:
  void takeLane(int other, int otherFirst, int otherLast) {
    if (other == -2)
      return;
    if (lane == -2) {
      lane = other;
      spanFirst = otherFirst;
      spanLast = otherLast;
    } else if (lane != other || spanFirst != otherFirst) {
      lane = -1;
    }
  }
};

} // namespace

ArenaLayout planJitArena(const Plan &plan, const std::vector<bool> &external,
                         const SlotViews &views, const StepSchedule &schedule) {
  size_t numSlots = plan.slots.size();
  assert(schedule.time.size() == plan.steps.size() &&
         "a schedule of this plan's steps");
  // 1. The steps touching each slot; graph outputs live to the end.
  std::vector<SlotLife> lives(numSlots);
  std::vector<bool> compiledResult(numSlots, false);
  for (auto [i, step] : llvm::enumerate(plan.steps)) {
    int at = static_cast<int>(i);
    if (step.kind == PlanStep::Kind::Compiled) {
      for (int s : step.args)
        lives[s].touch(schedule, at);
      for (int s : step.outputs)
        compiledResult[s] = true;
    } else {
      for (int s : step.inputs)
        if (s >= 0)
          lives[s].touch(schedule, at);
      for (int s : step.outputs)
        lives[s].touch(schedule, at);
    }
  }
  for (int s : plan.outputSlots)
    lives[s].last = schedule.endTime;
  // 2. Operands of reference and regions steps live as long as their
  // results (last to first, so that a chain of hand-throughs widens all the
  // way back): a reference kernel may return an operand (Identity), a
  // region may yield an outer value. Such steps are never in a round.
  for (const PlanStep &step : llvm::reverse(plan.steps)) {
    if (step.kind == PlanStep::Kind::Compiled)
      continue;
    int until = -1;
    for (int s : step.outputs)
      until = std::max(until, lives[s].last);
    for (int s : step.inputs)
      if (s >= 0)
        lives[s].last = std::max(lives[s].last, until);
  }
  // 3. A Concat's result holds its views' bytes as long as any is live.
  auto inArena = [&](size_t s) {
    const PlanSlot &slot = plan.slots[s];
    return compiledResult[s] && !external[s] && !slot.isConstant &&
           slot.isStatic && lives[s].first >= 0;
  };
  for (size_t s = 0; s < numSlots; ++s) {
    if (!views.isView(static_cast<int>(s)) || lives[s].first < 0)
      continue;
    assert(inArena(views.root[s]) && "a Concat's result is a compiled result");
    lives[views.root[s]].merge(lives[s]);
  }
  std::vector<BufferLife> buffers(numSlots);
  for (size_t s = 0; s < numSlots; ++s)
    if (inArena(s) && !views.isView(static_cast<int>(s)))
      buffers[s] = lives[s].buffer(
          static_cast<uint64_t>(shapeNumElements(plan.slots[s].shape)) *
          dtypeSize(plan.slots[s].dtype));
  ArenaLayout layout = packArena(buffers);
  for (size_t s = 0; s < numSlots; ++s)
    if (views.isView(static_cast<int>(s)))
      layout.offsets[s] = layout.offsets[views.root[s]] + views.byteOffset[s];
  return layout;
}

} // namespace kiln::cpu
