//===- JitArena.h - Where the JIT's intermediates live ----------*- C++ -*-===//
//
// Each run in flight has one arena for the intermediates that compiled
// steps write, laid out by their lifetimes (kiln/cpu/Arena.h), so a model
// needs the memory of its widest point rather than of all its values.
//
// A slot's lifetime runs from the first step touching it to the last, with
// two widenings that keep sharing safe:
//
//  - a slot placed inside a Concat's result or viewing a Split's input
//    (lib/ConcatViews.h) has no bytes of its own: the buffer it is in lives
//    as long as any of them;
//  - a reference step may return a result that views its operand's bytes
//    (an Identity or a Reshape handing its input through), so an operand of
//    a reference step lives as long as that step's results do.
//
// Graph inputs and outputs, constants and the results of reference steps
// (which allocate their own) are outside the arena.
//
// Lifetimes are in the schedule's times (lib/PartGroups.h), where the parts
// of a round run at once: a buffer only one part touches takes that part's
// lane, and one touched by several parts or also outside the round (the
// round's inputs, the Concat its parts write into) lives through the whole
// round, since the parts run at their own pace.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LIB_JITARENA_H
#define KILN_CPU_LIB_JITARENA_H

#include "ConcatViews.h"
#include "PartGroups.h"

#include "kiln/cpu/Arena.h"

namespace kiln::cpu {

/// Lays out the arena of \p plan's intermediates for runs that follow
/// \p schedule. \p external marks the graph's input and output slots. In
/// the result, offsets are per slot: views get their root's offset plus
/// their place in it.
ArenaLayout planJitArena(const Plan &plan, const std::vector<bool> &external,
                         const SlotViews &views, const StepSchedule &schedule);

} // namespace kiln::cpu

#endif // KILN_CPU_LIB_JITARENA_H
