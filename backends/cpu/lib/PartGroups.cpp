//===- PartGroups.cpp - Parts of a batch that run side by side ------------===//
#include "PartGroups.h"

#include <algorithm>

namespace kiln::cpu {

namespace {

/// True when steps \p a and \p b do alike work (clones of one op on parts
/// of equal size).
bool alike(const PlanStep &a, const PlanStep &b) {
  return a.kind == b.kind && a.workItems == b.workItems && a.flops == b.flops &&
         a.bytes == b.bytes && a.args.size() == b.args.size() &&
         a.outputs.size() == b.outputs.size() && a.shaping == b.shaping;
}

/// A part step: compiled, of a part of a batch.
bool isPartStep(const PlanStep &step) {
  return step.kind == PlanStep::Kind::Compiled && step.itemBegin >= 0;
}

/// The group of the parts starting at \p starts (steps up to \p end), or
/// one of no parts: those alike to the first, when they are independent.
PartGroup groupOf(const Plan &plan, llvm::ArrayRef<int> starts, int end,
                  const std::vector<int> &definer) {
  PartGroup group;
  group.begin = starts.front();
  group.partSteps = (starts.size() > 1 ? starts[1] : end) - starts.front();
  auto steps = llvm::ArrayRef(plan.steps);
  int parts = 1;
  for (size_t k = 1; k < starts.size(); ++k) {
    int next = k + 1 < starts.size() ? starts[k + 1] : end;
    if (next - starts[k] != group.partSteps)
      break;
    bool same = true;
    for (int j = 0; j < group.partSteps && same; ++j)
      same = alike(steps[group.begin + j], steps[starts[k] + j]);
    if (!same)
      break;
    ++parts;
  }
  if (parts < 2)
    return {};
  group.parts = parts;
  // Independent: what a step reads comes from before the group or from
  // its own part.
  for (int i = group.begin; i < group.end(); ++i) {
    int part = (i - group.begin) / group.partSteps;
    int partBegin = group.begin + part * group.partSteps;
    for (int s : steps[i].inputs) {
      int d = s < 0 ? -1 : definer[s];
      if (d >= group.begin && d < partBegin)
        return {};
    }
  }
  return group;
}

} // namespace

std::vector<PartGroup> findPartGroups(const Plan &plan) {
  auto n = static_cast<int>(plan.steps.size());
  std::vector<int> definer(plan.slots.size(), -1);
  for (int i = 0; i < n; ++i)
    for (int s : plan.steps[i].outputs)
      definer[s] = i;
  std::vector<PartGroup> groups;
  int i = 0;
  while (i < n) {
    if (!isPartStep(plan.steps[i])) {
      ++i;
      continue;
    }
    std::vector<int> starts = {i};
    int j = i + 1;
    for (; j < n && isPartStep(plan.steps[j]) &&
           plan.steps[j].itemBegin >= plan.steps[j - 1].itemBegin;
         ++j)
      if (plan.steps[j].itemBegin != plan.steps[j - 1].itemBegin)
        starts.push_back(j);
    PartGroup group = groupOf(plan, starts, j, definer);
    if (group.parts >= 2) {
      groups.push_back(group);
      i = group.end();
    } else {
      // The run's first part alone: its later parts may still group.
      i = starts.size() > 1 ? starts[1] : j;
    }
  }
  return groups;
}

StepSchedule scheduleSteps(size_t numSteps, llvm::ArrayRef<PartGroup> groups,
                           unsigned threads) {
  StepSchedule schedule;
  auto n = static_cast<int>(numSteps);
  schedule.time.assign(n, 0);
  schedule.lane.assign(n, -1);
  schedule.spanFirst.assign(n, 0);
  schedule.spanLast.assign(n, 0);
  int t = 0;
  auto single = [&](int i) {
    schedule.time[i] = schedule.spanFirst[i] = schedule.spanLast[i] = t++;
  };
  size_t g = 0;
  for (int i = 0; i < n;) {
    if (threads < 2 || g >= groups.size() || groups[g].begin != i) {
      single(i++);
      continue;
    }
    const PartGroup &group = groups[g++];
    for (int part = 0; part < group.parts;) {
      int parts = std::min<int>(static_cast<int>(threads), group.parts - part);
      int begin = group.begin + part * group.partSteps;
      if (parts < 2) {
        for (int j = 0; j < group.partSteps; ++j)
          single(begin + j);
        ++part;
        continue;
      }
      schedule.rounds.push_back({begin, group.partSteps, parts});
      for (int k = 0; k < parts; ++k)
        for (int j = 0; j < group.partSteps; ++j) {
          int step = begin + k * group.partSteps + j;
          schedule.time[step] = t + j;
          schedule.lane[step] = k;
          schedule.spanFirst[step] = t;
          schedule.spanLast[step] = t + group.partSteps - 1;
        }
      t += group.partSteps;
      part += parts;
    }
    i = group.end();
  }
  schedule.endTime = t;
  return schedule;
}

} // namespace kiln::cpu
