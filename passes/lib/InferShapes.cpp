//===- InferShapes.cpp - Refine result types through op interfaces --------===//
//
// The importer types each result from ONNX's own shape inference, which
// often leaves dims unknown (`?`) or whole ranks unknown (`tensor<*xf32>`),
// e.g. after a Reshape whose shape is an initializer. Later passes (layout,
// fusion, memory planning, lowering) need static shapes, so this pass
// recomputes them through ShapeInferenceOpInterface, op by op in program
// order, and merges what it learns into the existing types. It never makes
// a type less precise and never changes an element type.
//
//===----------------------------------------------------------------------===//
#include "TypeRefinement.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_INFERSHAPES
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// Shape inference over every function of a module:
///
///  1. Skip functions that are called: refining their result types would
///     break the calls.
///  2. Walk the function body in order. In an SSA region without loops
///     every operand is defined (and already refined) before its users, so
///     one walk reaches the fixed point.
///  3. For an op implementing ShapeInferenceOpInterface, ask for its result
///     types; an op whose rule fails (operands contradicting the rule) is
///     left as it is, and its verifier or kernel reports the problem.
///  4. Merge each inferred type into the current one (refineType: ranks and
///     static dims combined). Replace the type when the merge differs from
///     it; a contradiction keeps the current type (and is reported with
///     the report-conflicts option, to test the shape rules).
///  5. Set the function's result types to the types of the values its
///     terminator returns.
struct InferShapesPass : public kiln::impl::InferShapesBase<InferShapesPass> {
  using InferShapesBase::InferShapesBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>()) {
      if (!canRefineTypesIn(func, module))
        continue;
      // Steps 3 and 4 (TypeRefinement.h).
      func.walk([&](ShapeInferenceOpInterface op) {
        numRefined += refineResultTypes(op, reportConflicts);
      });
      updateResultTypes(func);
    }
  }
};

} // namespace
