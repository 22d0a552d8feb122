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

/// Called after each step of `plan.steps` with its results and its time
/// (the steps inside a control-flow op's regions are part of its step's).
/// The results may be bytes of the arena that later steps reuse: copy what
/// must outlive the call.
using StepObserver =
    std::function<void(const PlanStep &step, const std::vector<Tensor> &results,
                       double milliseconds)>;

/// How an executor runs a plan.
struct ExecutorOptions {
  /// Worker threads; 0 uses all cores.
  unsigned threads = 0;
  /// Every step runs with subnormal floats flushed to zero (FTZ and DAZ,
  /// kiln/runtime/FloatMode.h) on the calling thread and on every worker.
  /// Without it the executor sets no mode: steps run in the calling
  /// thread's, and oneTBB runs the workers' chunks in the mode of the thread
  /// that first ran a loop on this executor (it captures it when its arena
  /// starts), so time "off" from a thread that does not flush.
  bool flushDenormals = false;
  /// A Concat's inputs are computed in its result's buffer, contiguous
  /// Splits and Slices view their input, and pointwise kernels write over
  /// an operand they alone read (lib/ConcatViews.h); off, every such step
  /// copies into a buffer of its own (to measure what that buys).
  bool concatViews = true;
  /// At 2 threads or more, the parts of a batch that kiln-split-batch cut
  /// run side by side, one part per thread with its steps whole
  /// (lib/PartGroups.h); off, one after the other with each step split
  /// across the threads (to measure what that buys).
  bool partsSideBySide = true;
};

/// Called after each chunk [begin, end) of the work items of a compiled
/// step split across threads, on the thread that ran it, with its time (for
/// a trace of which thread ran what). Called from several threads at once.
using ChunkObserver = std::function<void(const PlanStep &step, int64_t begin,
                                         int64_t end, double milliseconds)>;

class Executor {
public:
  /// \p kernels holds the entry point of each compiled step (null for
  /// other steps), one per step in forEachStep's order: index for index
  /// with `plan.steps` when no step has regions.
  Executor(const Plan &plan, std::vector<KernelFn> kernels,
           const ExecutorOptions &options);
  ~Executor();

  /// Another executor of the same plan and kernels, on \p threads threads
  /// (0: all cores) and flushing denormals or not: to time a compiled model
  /// at 1 thread, or with flush-to-zero on and off, without compiling it
  /// again. It must not outlive the plan (the JitModel that owns this one).
  std::unique_ptr<Executor> withSettings(unsigned threads,
                                         bool flushDenormals) const;

  /// Runs the plan. Inputs are checked against the plan's specs first.
  /// Thread-safe: concurrent runs use separate intermediate buffers.
  /// With \p chunks, each chunk of a step split across threads is timed
  /// too (without, a run pays one test per step for it).
  llvm::Expected<std::vector<Tensor>> run(const std::vector<Tensor> &inputs,
                                          const StepObserver &observer = {},
                                          const ChunkObserver &chunks = {});
  /// Runs the plan into \p outputs: tensors the caller allocated, one per
  /// model output with its element type and shape (checked first, with the
  /// inputs; a model output of dynamic shape needs run()). Compiled steps
  /// write them in place, and nothing is allocated for them; an output a
  /// reference step computes, or an input or constant handed through, is
  /// copied in at the end. Outputs must not share bytes with inputs.
  /// Thread-safe like run().
  llvm::Error runInto(const std::vector<Tensor> &inputs,
                      std::vector<Tensor> &outputs,
                      const StepObserver &observer = {});

  unsigned threads() const;
  /// Whether steps run with subnormal floats flushed to zero.
  bool flushesDenormals() const;
  /// True when step \p step does not run: a Concat whose inputs are
  /// computed straight into its result (lib/ConcatViews.h).
  bool isElided(size_t step) const;
  /// Rounds of parts of a batch that run side by side, one part per thread
  /// (ExecutorOptions::partsSideBySide): 0 at 1 thread, or when
  /// kiln-split-batch cut no run of ops into alike parts.
  size_t sideBySideRounds() const;
  /// Where slot \p slot's bytes start in a run's arena of intermediates
  /// (-1: not in the arena).
  int64_t arenaOffset(int slot) const;
  /// Sets of intermediate buffers made so far: the most runs that were in
  /// flight at once.
  size_t bufferSets() const;
  /// Bytes of one run's arena of intermediates.
  uint64_t arenaBytes() const;
  /// What those intermediates would take in buffers of their own.
  uint64_t unsharedBytes() const;

private:
  /// run() when \p into is null, else runInto() (results then empty).
  llvm::Expected<std::vector<Tensor>> runImpl(const std::vector<Tensor> &inputs,
                                              std::vector<Tensor> *into,
                                              const StepObserver &observer,
                                              const ChunkObserver &chunks = {});

  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace kiln::cpu

#endif // KILN_CPU_EXECUTOR_H
