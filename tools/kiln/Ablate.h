//===- Ablate.h - What each optimization buys; where outputs break -*- C++ -*-//
//
// Two questions `kiln compare` answers by compiling the model several times:
//
//  - --ablate: what did the compiler do for this model? The JIT is built
//    once with everything on and once with each optimization turned off in
//    turn (each optimization pass of the graph pipeline, threading, the
//    executor's parts of a batch side by side, LLVM's optimization level,
//    the executor's in-place Concats), and each variant
//    is timed beside the full pipeline and checked against the interpreter
//    (runAblation, Ablate.cpp);
//  - --bisect: when the JIT's outputs disagree with the interpreter, which
//    pass of the pipeline introduced it, and at which layer? (runBisect,
//    Bisect.cpp).
//
// `kiln explain` calls runAblation too.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_ABLATE_H
#define KILN_TOOLS_KILN_ABLATE_H

#include "Common.h"

#include "llvm/Support/JSON.h"

#include <cmath>
#include <string>
#include <vector>

namespace kiln::tool {

/// One variant of the compiled model: the full pipeline, or it with one
/// optimization turned off.
struct AblationRow {
  /// The optimization turned off ("kiln-fuse-epilogue", "threads"...) and
  /// what it does, in one line.
  std::string name, what;
  /// Median over the rounds of this variant's latency, and the spread of
  /// its per-round figures (AblationReport::spreadMethod).
  double medianMs = NAN, spreadMs = NAN;
  /// Ablated median / full median: > 1 means the optimization buys that
  /// factor. speedupLow and speedupHigh bound the same ratio taken round by
  /// round (spreadMethod's percentiles), which cancels slow drifts of the
  /// machine that hit both alike.
  double speedup = NAN, speedupLow = NAN, speedupHigh = NAN;
  /// The variant's outputs match the interpreter's within the tolerance.
  bool ok = false;
  /// Largest |jit - interp| over the outputs (NaN: not compared).
  double maxAbsErr = NAN;
  /// The variant's plan, and how long it took to prepare.
  unsigned compiledSteps = 0, referenceSteps = 0;
  double compileMs = 0;
  /// Every kernel came from the cache; where they came from, in words
  /// (CompileStats::kernelsFrom).
  bool cacheHit = false;
  std::string kernelsFrom;
  /// Why the variant could not be compiled or run (it then has no times).
  std::string error;

  /// The per-round ratios span 1: on this machine, at this noise, the
  /// variant is not told apart from the full pipeline.
  bool withinNoise() const { return speedupLow <= 1 && 1 <= speedupHigh; }
};

/// Every variant of an ablation.
struct AblationReport {
  /// Rounds: each times every variant in turn (full, A, B, ..., full, A,
  /// B, ..., each round starting one variant later) so that machine noise
  /// hits all alike.
  unsigned runs = 0;
  /// Timed runs of each variant per round (more than one for models faster
  /// than a millisecond); a round's figure is their median.
  unsigned runsPerRound = 1;
  /// "max - min" (fewer than 10 rounds) or "p90 - p10" of the per-round
  /// figures.
  std::string spreadMethod;
  /// The full pipeline (its medianMs and spreadMs are fullMs and
  /// fullSpreadMs; its speedup is 1).
  AblationRow full;
  double fullMs = NAN, fullSpreadMs = NAN;
  std::vector<AblationRow> rows;
  /// Threads of the full pipeline, and its -O level.
  unsigned threads = 1, optLevel = 2;
  /// The variants were timed in `groups` groups, each with the full
  /// pipeline, so that the compiled models alive at once fit in
  /// `memoryBudget` bytes (half the memory available when it started;
  /// UINT64_MAX: unknown); a variant's speedup is against the full
  /// pipeline's rounds of its own group.
  unsigned groups = 0;
  uint64_t memoryBudget = UINT64_MAX;
  /// The machine's one-minute load average when the timing began, and its
  /// cores (NaN where /proc/loadavg cannot be read): other work shares the
  /// cores the spreads were measured on.
  double loadAverage = NAN;
  unsigned cores = 1;
  /// Passes of the pipeline left on in every variant (correctness, not
  /// speed), and those the caller had turned off already.
  std::vector<std::string> keptOn, alreadyOff;
};

/// Compiles \p imported (cloned for each variant, never modified) with
/// options \p base and with each optimization turned off in turn, runs
/// every variant once to warm up and to compare its outputs with
/// \p reference (the interpreter's outputs; computed here when null) within
/// \p atol + \p rtol * |reference|, then times \p runs rounds. \p progress
/// gets one line per variant compiled.
llvm::Expected<AblationReport>
runAblation(mlir::ModuleOp imported, const cpu::CpuOptions &base,
            const std::vector<Tensor> &inputs, unsigned runs,
            const Progress &progress, double atol = 1e-4, double rtol = 1e-3,
            const std::vector<Tensor> *reference = nullptr);

/// Writes \p report as the members of a JSON object (runs, full_ms,
/// full_spread_ms, rows...: the "ablation" object of `kiln explain --json`).
void writeAblationJson(llvm::json::OStream &j, const AblationReport &report);

/// One pipeline bisection compiled and compared.
struct BisectTrial {
  /// The optimization passes it ran, in order.
  std::vector<std::string> passes;
  /// "full pipeline", "no optimization pass", "up to kiln-pack-weights".
  std::string label;
  bool ok = false;
  double maxAbsErr = NAN;
  /// Why it could not be compiled or run.
  std::string error;
};

/// Where the JIT's outputs start to disagree with the interpreter.
struct BisectReport {
  /// The outputs of the full pipeline disagree (else nothing else is set).
  bool disagrees = false;
  /// The first pass whose inclusion makes them disagree; empty when they
  /// disagree with no optimization pass at all (inBackend).
  std::string firstPass;
  /// The fault is in the backend's lowering, not in a graph pass.
  bool inBackend = false;
  /// The first layer that disagrees under the pipeline that ends with
  /// firstPass (-1: no compared layer does), its node and op.
  int firstLayer = -1;
  std::string firstLayerNode, firstLayerOp;
  double firstLayerMaxAbsErr = NAN;
  /// A `kiln compare` command that shows it.
  std::string reproduce;
  /// Every pipeline tried, in order.
  std::vector<BisectTrial> trials;
  /// The optimization passes walked (the pipeline's, but correctness
  /// passes and those \p opts disables).
  std::vector<std::string> walked;
};

/// Bisects the pipeline on \p imported (cloned, never modified) with
/// \p inputs and the options of \p opts (its cpu, disabled passes,
/// tolerances; its model, inputs, shapes and seed for the reproduction
/// command): a linear walk, see Bisect.cpp. \p progress gets one line per
/// pipeline compiled.
llvm::Expected<BisectReport> runBisect(mlir::ModuleOp imported,
                                       const std::vector<Tensor> &inputs,
                                       const CompareOptions &opts,
                                       const Progress &progress);

/// The model and inputs of `kiln compare`.
struct CompareSetup {
  std::unique_ptr<frontend::LoadedModel> model;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::vector<TensorSpec> inputSpecs;
  std::vector<Tensor> inputs;
  /// "from file", "random, seed 3".
  std::vector<std::string> inputSources;
};

/// Loads \p opts.model and makes its inputs as `kiln compare` does (from
/// --input files, else seeded random data); on failure prints the error
/// and returns false.
bool loadCompareSetup(mlir::MLIRContext &ctx, const CompareOptions &opts,
                      CompareSetup &out);

/// `kiln compare --ablate`: runAblation's table or JSON; exit code.
int ablateCommand(const CompareOptions &opts);
/// `kiln compare --bisect`: runBisect's report or JSON; exit code 0 when the
/// outputs agree.
int bisectCommand(const CompareOptions &opts);

} // namespace kiln::tool

#endif // KILN_TOOLS_KILN_ABLATE_H
