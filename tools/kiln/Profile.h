//===- Profile.h - kiln profile: every JIT step on the roofline -*- C++ -*-===//
//
// `kiln profile MODEL` times every step of the compiled model (and the
// interpreter ops each step covers, matched as Layers.h explains), and
// places each step on this machine's roofline: its FLOPs and bytes
// (PlanStep, StepCost.h) over its median time give GFLOP/s and GB/s, its
// arithmetic intensity (FLOPs per byte) times the measured bandwidth, capped
// by the measured FMA peak, gives the rate it could attain, and the smaller
// of the two ceilings says whether it is compute- or memory-bound. `kiln
// limits` prints the machine's limits. `kiln explain` calls profileModel and
// prints the same JSON.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_PROFILE_H
#define KILN_TOOLS_KILN_PROFILE_H

#include "kiln/cpu/Jit.h"
#include "kiln/interpreter/Interpreter.h"
#include "kiln/runtime/MachineLimits.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace kiln::tool {

/// One JIT step on the roofline.
struct ProfileRow {
  size_t step = 0;
  /// The ONNX node and op of the step's last op, its kind ("compiled",
  /// "reference", "in place" for a Concat computed in place), and every
  /// ONNX node it covers, in graph order (those of the interpreter ops
  /// matched to it, fused and folded ones included, then any other node its
  /// own ops name).
  std::string node, op, kind;
  std::vector<std::string> nodes;
  /// The part of the batch the step computes (Layer::itemBegin, itemEnd),
  /// and how many steps of parts of it the row sums (the parts of one layer
  /// kiln-split-batch made are one row).
  int64_t itemBegin = -1, itemEnd = -1;
  unsigned parts = 1;
  /// Estimated FLOPs and bytes read plus written (0 bytes in place).
  double flops = 0, bytes = 0;
  /// Median milliseconds: compiled, and of the interpreter ops it covers.
  double ms = 0, interpMs = 0;
  /// Measured rates, FLOPs per byte, the roofline's rate at that intensity
  /// (min(peak, intensity x bandwidth) at the run's thread count) and the
  /// share of it reached (NaN without FLOPs); the measured GB/s as a share
  /// of the bandwidth.
  double gflops = 0, gbs = 0, intensity = 0, attainableGflops = 0,
         pctOfAttainable = 0, pctOfBandwidth = 0;
  /// "compute" or "memory": which ceiling is lower at this intensity.
  std::string bound;
  /// The step's bytes fit in the L2 caches of the threads it runs on: the
  /// roofline's bandwidth (DRAM's) is not its ceiling, and it may exceed
  /// 100% of the attainable rate.
  bool fitsInL2 = false;
};

/// " [items B:E]" for a row of a part of a batch, " [P parts]" for a
/// layer's parts summed (its items are the row's), "" otherwise.
std::string rowPartLabel(const ProfileRow &row);

/// A profile of one model.
struct ProfileReport {
  MachineLimits limits;
  /// The JIT's thread count; the roofline's ceilings are taken at it.
  unsigned threads = 1;
  /// Rounds of parts of a batch that whole runs put side by side, one part
  /// per thread (Executor::sideBySideRounds); runs timed step by step run
  /// them one after another.
  size_t sideBySideRounds = 0;
  /// Timed runs of each backend (after a warm-up run of the JIT).
  unsigned runs = 0;
  std::vector<ProfileRow> rows;
  /// Median whole-run milliseconds: the JIT without per-step timing, and
  /// the interpreter (the sum of its ops' times in each run).
  double jitMs = 0, interpMs = 0;
  /// Median whole-run milliseconds of the JIT's runs timed step by step
  /// (alternating with those of jitMs).
  double observedRunMs = 0;
  /// Sum of the rows' ms (medians); the median over the step-timed runs of
  /// the sum of their steps' times (unlike the medians, it keeps a run's
  /// slow outliers, so it compares with observedRunMs); the interpreter ops
  /// no step covers.
  double stepsMs = 0, stepsPerRunMs = 0, uncoveredInterpMs = 0;
  /// Rows by compiled time, slowest first (all of them).
  std::vector<size_t> hotspots;
};

/// Profiles \p jit, a compilation of \p interpModule (which \p interp
/// runs), on \p inputs: \p runs runs of both backends matched layer by
/// layer (compareLayers), then after a warm-up \p runs whole runs of the JIT
/// alternating with \p runs timed step by step; the roofline from
/// \p limits.
llvm::Expected<ProfileReport>
profileModel(Interpreter &interp, cpu::JitModel &jit,
             mlir::ModuleOp interpModule, const std::vector<Tensor> &inputs,
             unsigned runs, const MachineLimits &limits);

/// The members of a "machine" JSON object for \p limits (cpu, vector_bits,
/// threads, peak_gflops_1, ... from_cache).
void writeMachineJson(llvm::json::OStream &j, const MachineLimits &limits);

/// The members of one "layers" JSON object for \p row of \p report (index,
/// node, op, kind, nodes, ms, share, interp_ms, speedup, flops, bytes,
/// gflops, gbs, intensity, attainable_gflops, pct_of_attainable,
/// pct_of_bandwidth, bound, fits_in_l2); figures that are not finite are
/// null.
void writeProfileRowJson(llvm::json::OStream &j, const ProfileReport &report,
                         const ProfileRow &row);

/// Options of `kiln profile`.
struct ProfileOptions {
  std::string model;
  cpu::CpuOptions cpu;
  std::vector<std::string> inputs; // NAME=FILE.npy
  std::vector<std::string> shapes; // NAME=1x3x224x224
  uint64_t seed = 0;
  unsigned runs = 5;
  /// Rows shown in the table, slowest first; the rest are summed.
  unsigned top = 10;
  bool json = false;
};

/// Options of `kiln limits`.
struct LimitsOptions {
  unsigned threads = 0;
  std::string cacheDir;
  bool json = false;
  bool remeasure = false;
};

int profileCommand(const ProfileOptions &options);
int limitsCommand(const LimitsOptions &options);

} // namespace kiln::tool

#endif // KILN_TOOLS_KILN_PROFILE_H
