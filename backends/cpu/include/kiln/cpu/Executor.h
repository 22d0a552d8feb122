//===- Executor.h - Run a plan ----------------------------------*- C++ -*-===//
//
// Runs the steps of a plan over its slots: compiled kernels through their C
// entry points (work items split across oneTBB workers), reference steps
// through the op's reference kernel. The intermediates that compiled steps
// write live in one arena per run in flight, laid out by their lifetimes
// (lib/JitArena.h) and reused by later runs; outputs are fresh tensors each
// run. The inputs of a Concat of contiguous slices are computed straight
// into its result's buffer and the Concat is skipped (lib/ConcatViews.h). run()
// may be called from several threads at once: each run leases its own set of
// intermediate buffers, and all runs share the worker arena.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_EXECUTOR_H
#define KILN_CPU_EXECUTOR_H

#include "kiln/cpu/Plan.h"

#include <functional>
#include <memory>

namespace kiln::cpu {

/// Called after each step with its results and its time. The results may be
/// bytes of the arena that later steps reuse: copy what must outlive the call.
using StepObserver =
    std::function<void(const PlanStep &step, const std::vector<Tensor> &results,
                       double milliseconds)>;

class Executor {
public:
  /// \p kernels holds the entry point of each compiled step (null for
  /// reference steps), index for index with `plan.steps`. \p threads = 0
  /// uses all cores.
  Executor(const Plan &plan, std::vector<KernelFn> kernels, unsigned threads);
  ~Executor();

  /// Runs the plan. Inputs are checked against the plan's specs first.
  /// Thread-safe: concurrent runs use separate intermediate buffers.
  llvm::Expected<std::vector<Tensor>> run(const std::vector<Tensor> &inputs,
                                          const StepObserver &observer = {});

  unsigned threads() const;
  /// True when step \p step does not run: a Concat whose inputs are
  /// computed straight into its result (lib/ConcatViews.h).
  bool isElided(size_t step) const;
  /// Sets of intermediate buffers made so far: the most runs that were in
  /// flight at once.
  size_t bufferSets() const;
  /// Bytes of one run's arena of intermediates.
  uint64_t arenaBytes() const;
  /// What those intermediates would take in buffers of their own.
  uint64_t unsharedBytes() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace kiln::cpu

#endif // KILN_CPU_EXECUTOR_H
