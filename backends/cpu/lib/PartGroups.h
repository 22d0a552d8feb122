//===- PartGroups.h - Parts of a batch that run side by side ----*- C++ -*-===//
//
// kiln-split-batch cuts a batched model's large early layers into parts of
// the batch, planned one after the other (part 0's steps, then part 1's...),
// so that each part's activations stay in the cache. The parts are
// independent, so at T threads the executor runs T of them at once, each on
// one thread with its steps whole, rather than one after the other with
// every step split across the threads: small steps (a MobileNetV3's
// squeeze-excite products of one work item, a depthwise conv of 50 us) then
// pay no fork and join and run in parallel too, and each core keeps its own
// part's activations in its own L2.
//
// The groups come from the plan alone, so that a plan read back from a model
// entry has the same ones: consecutive compiled steps with an itemBegin,
// cut into parts where it changes, form a group of the parts alike to the
// first (the same number of steps, with the same kinds, work items, FLOPs
// and bytes: clones of one part; a last part of fewer items ends the group
// and runs after it as before) when
//  - itemBegin rises from part to part, and
//  - no step reads a slot another part of the group writes (checked on the
//    slots, whatever the attribute says).
//
// A schedule at T threads turns each group into rounds of up to T parts
// (a last round of one part runs step by step as before). The steps of the
// parts of a round share times: part k's j-th step is at the round's first
// time plus j. The arena (lib/JitArena.h) lays buffers out by these times,
// and a buffer of one part never shares bytes with a buffer of another part
// of its round (their lanes differ), since the parts run at their own pace.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LIB_PARTGROUPS_H
#define KILN_CPU_LIB_PARTGROUPS_H

#include "kiln/cpu/Plan.h"

#include "llvm/ADT/ArrayRef.h"

#include <vector>

namespace kiln::cpu {

/// Consecutive top-level steps that compute independent, alike parts of a
/// batch: part k is steps [begin + k * partSteps, begin + (k + 1) *
/// partSteps).
struct PartGroup {
  int begin = 0;
  int partSteps = 0;
  int parts = 0;
  int end() const { return begin + partSteps * parts; }
};

/// The groups of \p plan's top-level steps (see the file header), in order.
std::vector<PartGroup> findPartGroups(const Plan &plan);

/// How a run at some thread count goes through the top-level steps.
struct StepSchedule {
  /// Parts that run at once, each on its own thread: steps [begin + k *
  /// partSteps, begin + (k + 1) * partSteps) for k < parts (at least 2).
  struct Round {
    int begin = 0;
    int partSteps = 0;
    int parts = 0;
  };
  /// In step order.
  std::vector<Round> rounds;
  /// Per top-level step: its time for the arena's lifetimes; its lane (its
  /// part's index in its round, -1 outside rounds); its round's first and
  /// last time (its own time outside rounds).
  std::vector<int> time, lane, spanFirst, spanLast;
  /// One past the last time.
  int endTime = 0;
};

/// Rounds of up to \p threads parts for \p groups, over \p numSteps steps.
/// With no group or one thread, every step has its own time and no lane.
StepSchedule scheduleSteps(size_t numSteps, llvm::ArrayRef<PartGroup> groups,
                           unsigned threads);

} // namespace kiln::cpu

#endif // KILN_CPU_LIB_PARTGROUPS_H
