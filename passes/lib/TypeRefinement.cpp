//===- TypeRefinement.cpp - Result types refined through shape rules ------===//
//
// The type refinement kiln-infer-shapes and kiln-fold-constants share (see
// TypeRefinement.h).
//
//===----------------------------------------------------------------------===//
#include "TypeRefinement.h"

#include "kiln/ir/ShapeInference.h"

#include "mlir/IR/SymbolTable.h"

using namespace mlir;

namespace kiln {

bool canRefineTypesIn(func::FuncOp func, ModuleOp module) {
  return !func.isExternal() && SymbolTable::symbolKnownUseEmpty(func, module);
}

unsigned refineResultTypes(ShapeInferenceOpInterface op, bool reportConflicts) {
  SmallVector<Type> inferred;
  if (failed(op.inferShapes(inferred)))
    return 0;
  assert(inferred.size() == op->getNumResults() &&
         "inferShapes must give one type per result");
  unsigned numRefined = 0;
  for (auto [result, type] : llvm::zip(op->getResults(), inferred)) {
    Type merged = shape::refineType(result.getType(), type);
    if (!merged && reportConflicts)
      op->emitWarning("inferred type ")
          << type << " of result " << result.getResultNumber()
          << " contradicts its type " << result.getType();
    if (merged && merged != result.getType()) {
      result.setType(merged);
      ++numRefined;
    }
  }
  return numRefined;
}

void updateResultTypes(func::FuncOp func) {
  Operation *terminator = func.getBody().back().getTerminator();
  if (!terminator)
    return;
  SmallVector<Type> results(terminator->getOperandTypes());
  if (results.size() != func.getNumResults())
    return;
  func.setType(
      FunctionType::get(func.getContext(), func.getArgumentTypes(), results));
}

} // namespace kiln
