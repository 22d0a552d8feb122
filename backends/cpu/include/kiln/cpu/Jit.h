//===- Jit.h - Compile a graph in-process and run it ------------*- C++ -*-===//
//
// JitModel prepares a kiln graph (graph passes), plans it, compiles the
// kernels to object files (or takes them from the disk cache), links them
// in-process with LLVM ORC and runs the plan on the executor.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_JIT_H
#define KILN_CPU_JIT_H

#include "kiln/cpu/Codegen.h"
#include "kiln/cpu/Executor.h"
#include "kiln/cpu/ModelCache.h"
#include "kiln/cpu/Plan.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kiln::cpu {

/// Options of the compiled backend.
struct CpuOptions {
  /// Worker threads for kernels and compilation; 0 means all cores.
  unsigned threads = 0;
  /// Use the on-disk cache of compiled kernels.
  bool useCache = true;
  /// Cache folder; empty means $XDG_CACHE_HOME/kiln (or ~/.cache/kiln).
  std::string cacheDir;
  /// The -O level: 0 skips the graph passes (weight packing, fusion) and
  /// has LLVM optimize least; 1-3 run the graph passes and are LLVM's level
  /// (CodegenOptions::optLevel).
  unsigned optLevel = 2;
  /// Passes of the optimization pipeline to leave out, by name.
  std::vector<std::string> disabledPasses;
  /// Run every step with subnormal floats flushed to zero (FTZ and DAZ on
  /// each thread that runs one; kiln/runtime/FloatMode.h). Not in any cache
  /// key: the compiled code is the same.
  bool flushDenormals = false;
  /// Compute a Concat's inputs in its result's buffer, read contiguous
  /// Split and Slice results in place, let pointwise kernels overwrite an
  /// operand they alone read (lib/ConcatViews.h); off only to measure what
  /// that buys (`kiln compare --ablate`).
  bool concatViews = true;
  /// Run the parts of a batch side by side, one per thread
  /// (ExecutorOptions::partsSideBySide); off only to measure what that buys.
  bool partsSideBySide = true;
  /// Tests only: run kiln-test-perturb, which breaks the graph on purpose,
  /// right after the pipeline pass of this name (`kiln compare --bisect`'s
  /// tests); empty: never.
  std::string testBrokenPassAfter;
  /// Tests only: the L2 size kiln-split-batch assumes (a few bytes make it
  /// split every run of ops it can, so that small graphs exercise it); 0:
  /// the host's.
  int64_t testSplitBatchCacheBytes = 0;
  /// Called after each stage with its name and milliseconds.
  std::function<void(llvm::StringRef stage, double ms)> onStage;
  /// Called as kernels finish compiling, with the number done and total.
  std::function<void(unsigned done, unsigned total)> onProgress;
};

/// Runs the graph passes the compiled backend relies on: shape inference,
/// then (with \p optimize) the layout and fusion passes but those named in
/// \p disabled. With \p irAfterEach, the IR is printed there after every
/// pass, each under a header line naming the pass. \p perturbAfter is
/// CpuOptions::testBrokenPassAfter, \p splitBatchCacheBytes
/// CpuOptions::testSplitBatchCacheBytes. With \p jobs other than 1 (0: all
/// cores) the context is multithreaded while the passes run, which splits
/// the weight packing and transforms over its threads.
llvm::Error prepareGraph(mlir::ModuleOp graph, bool optimize,
                         llvm::ArrayRef<std::string> disabled = {},
                         llvm::raw_ostream *irAfterEach = nullptr,
                         llvm::StringRef perturbAfter = {},
                         int64_t splitBatchCacheBytes = 0, unsigned jobs = 1);

/// Timings and facts of one JIT compilation.
struct CompileStats {
  double prepareMs = 0, planMs = 0, compileMs = 0, linkMs = 0;
  /// Every kernel came from the cache (KernelCache.h), or the whole model
  /// from a model entry (modelEntryHit).
  bool cacheHit = false;
  /// The cache folder the kernels came from or went to, or the model
  /// entry's file.
  std::string cachePath;
  /// The first kernel entry that existed but was not used: its path and why.
  std::string cacheRejected;
  /// Distinct kernels taken from the cache, and compiled.
  unsigned kernelsFromCache = 0, kernelsCompiled = 0;

  /// Where the kernels came from, for a summary: "from cache", "compiled"
  /// or "5 of 31 from cache".
  std::string kernelsFrom() const;
  unsigned compiledSteps = 0, referenceSteps = 0;
  /// Kernels compiled for the compiled steps: identical ones are shared.
  unsigned distinctKernels = 0;
  /// The whole model came from a model entry (ModelCache.h), cachePath.
  bool modelEntryHit = false;
  /// The perf map the kernels were named in (PerfMap.h), when KILN_PERF_MAP
  /// asked for one and it was written.
  std::string perfMap;
};

class JitModel {
public:
  /// Prepares, plans, compiles and links \p graph (modified in place by the
  /// graph passes; it must outlive the model).
  static llvm::Expected<std::unique_ptr<JitModel>>
  create(mlir::ModuleOp graph, const CpuOptions &options);
  /// A model from an entry readModelEntry read (written from \p path):
  /// only the link and the executor's set-up are left to do.
  static llvm::Expected<std::unique_ptr<JitModel>>
  fromEntry(ModelEntry entry, const CpuOptions &options,
            const std::string &path);
  ~JitModel();

  /// Writes this model's entry (ModelCache.h) to \p path; false, with
  /// \p error set, on failure or for a model that came from an entry.
  bool writeEntry(const std::string &path,
                  llvm::ArrayRef<ModelDataFile> dataFiles,
                  llvm::ArrayRef<std::string> annotations,
                  std::string &error) const;

  const std::vector<TensorSpec> &inputs() const { return plan.inputs; }
  const std::vector<TensorSpec> &outputs() const { return plan.outputs; }
  const Plan &getPlan() const { return plan; }
  const CompileStats &stats() const { return compileStats; }
  const Executor &getExecutor() const { return *executor; }

  /// Runs the model; may be called from several threads at once.
  /// \p chunks sees each chunk of a step split across threads
  /// (Executor::run).
  llvm::Expected<std::vector<Tensor>> run(const std::vector<Tensor> &inputs,
                                          const StepObserver &observer = {},
                                          const ChunkObserver &chunks = {});
  /// Runs the model into output buffers the caller allocated
  /// (Executor::runInto).
  llvm::Error runInto(const std::vector<Tensor> &inputs,
                      std::vector<Tensor> &outputs,
                      const StepObserver &observer = {}) {
    return executor->runInto(inputs, outputs, observer);
  }

private:
  JitModel() = default;
  /// Links \p objects and looks up each compiled step's kernel.
  llvm::Expected<std::vector<KernelFn>>
  link(llvm::ArrayRef<llvm::StringRef> objects);

  struct Impl;
  std::unique_ptr<Impl> impl;
  Plan plan;
  std::unique_ptr<Executor> executor;
  CompileStats compileStats;
};

/// The default cache folder: $XDG_CACHE_HOME/kiln or ~/.cache/kiln.
std::string defaultCacheDir();

} // namespace kiln::cpu

#endif // KILN_CPU_JIT_H
