//===- Pipeline.cpp - The graph optimization pipeline ---------------------===//
//
// One list of passes, each with the reason for its position. Every pass in
// it is checked by running the graph before and after on the interpreter
// (tests/unit/PassesTest.cpp).
//
//===----------------------------------------------------------------------===//
#include "kiln/passes/Passes.h"

namespace kiln {

void addOptimizationPasses(mlir::OpPassManager &pm) {
  // Shapes first: every later pass reads static shapes.
  pm.addPass(createInferShapes());
}

} // namespace kiln
