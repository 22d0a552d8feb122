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

/// Adds the graph optimization pipeline (after shape inference): layout and
/// fusion passes, each in the order its comment in Pipeline.cpp explains,
/// except those named in \p disabled.
void addOptimizationPasses(mlir::OpPassManager &pm,
                           llvm::ArrayRef<std::string> disabled = {});

/// The names of the pipeline's passes, in order ("kiln-fuse-epilogue"...).
std::vector<llvm::StringRef> optimizationPassNames();

} // namespace kiln

#endif // KILN_PASSES_PASSES_H
