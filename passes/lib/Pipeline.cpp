//===- Pipeline.cpp - The graph optimization pipeline ---------------------===//
//
// One list of passes, each with the reason for its position. Every pass in
// it is checked by running the graph before and after on the interpreter
// (tests/unit/PassesTest.cpp, tests/unit/PackWeightsTest.cpp).
//
//===----------------------------------------------------------------------===//
#include "kiln/passes/Passes.h"

namespace kiln {

void addOptimizationPasses(mlir::OpPassManager &pm) {
  // Correctness first: declared shapes that depend on runtime values (NonZero,
  // Range...) become dynamic before any pass or the backend trusts them.
  pm.addPass(createRelaxDataDependentShapes());
  // Shape arithmetic (Shape -> Gather -> Concat -> Reshape...) evaluated
  // before anything reads shapes, refining types as it goes, so Reshape,
  // Expand, ConstantOfShape get constant targets and static types.
  pm.addPass(createFoldConstants());
  // Shapes: every later pass reads static shapes (the folder refines the
  // ops it walks too; this keeps that guarantee independent of folding).
  pm.addPass(createInferShapes());
  // Weights into the micro-kernel's panels: needs static shapes, and must
  // precede fusion, whose epilogues only packed ops carry.
  pm.addPass(createPackWeights());
  // Bias, residual add, BatchNorm and activation into the packed ops' epilogue,
  // last: it folds the chains the passes above leave behind each packed op.
  pm.addPass(createFuseEpilogue());
}

} // namespace kiln
