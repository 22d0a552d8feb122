//===- Passes.h - Kiln graph passes -----------------------------*- C++ -*-===//
#ifndef KILN_PASSES_PASSES_H
#define KILN_PASSES_PASSES_H

#include "kiln/ir/KilnDialect.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

#include <string>
#include <vector>

namespace kiln {

#define GEN_PASS_DECL
#include "kiln/passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "kiln/passes/Passes.h.inc"

/// Registers every Kiln pass (for kiln-opt and the pipeline).
void registerAllKilnPasses();

/// The parameters of the pipeline that depend on the CPU compiled for,
/// chosen by the backend.
struct TargetOptions {
  /// Column panel width nr of packed_mat_mul weights (kiln-pack-weights'
  /// panel-width): the micro-kernel's vector tile width, two vectors.
  int64_t panelWidth = 16;
  /// f32 lanes of the target's vectors and its L2 per core (kiln-winograd's
  /// cost model).
  int64_t vectorLanes = 8;
  int64_t cacheBytes = 1 << 20;
  /// The L2 kiln-split-batch assumes when not 0 (tests: a few bytes make
  /// it split every op it can); 0: cacheBytes.
  int64_t splitBatchCacheBytes = 0;
};

/// Adds the graph optimization pipeline (after shape inference): layout and
/// fusion passes, each in the order its comment in Pipeline.cpp explains,
/// except those named in \p disabled. Tests only: a nonempty
/// \p perturbAfter adds kiln-test-perturb, which breaks the graph on
/// purpose, right after the pass of that name (when it runs).
void addOptimizationPasses(mlir::OpPassManager &pm,
                           llvm::ArrayRef<std::string> disabled = {},
                           const TargetOptions &target = {},
                           llvm::StringRef perturbAfter = {});

/// The names of the pipeline's passes, in order ("kiln-fuse-epilogue"...).
std::vector<llvm::StringRef> optimizationPassNames();

/// True for the pipeline's passes that later passes and the backend rely
/// on (kiln-relax-data-dependent-shapes, kiln-infer-shapes): they are there
/// for correctness, and stay on when the optimizations are measured.
bool isCorrectnessPass(llvm::StringRef name);

/// The one-line summary (Passes.td) of the pipeline's pass \p name, or ""
/// for a name that is not in the pipeline.
llvm::StringRef optimizationPassSummary(llvm::StringRef name);

} // namespace kiln

#endif // KILN_PASSES_PASSES_H
