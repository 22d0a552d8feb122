//===- TypeRefinement.h - Types refined through shape rules ---*- C++ -*-===//
//
// The step kiln-infer-shapes takes on each op, shared with
// kiln-fold-constants, which refines the users of every value it folds in
// the same walk: merge the types an op infers through
// ShapeInferenceOpInterface into its result types, and afterwards give the
// function the types of the values it returns.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_PASSES_LIB_TYPEREFINEMENT_H
#define KILN_PASSES_LIB_TYPEREFINEMENT_H

#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {

/// True when the types inside \p func may be refined: it has a body and is
/// not called, since refining its result types would break the calls.
bool canRefineTypesIn(mlir::func::FuncOp func, mlir::ModuleOp module);

/// Asks \p op for its result types and merges each into the current one
/// (shape::refineType: ranks and static dims combined). A type is replaced
/// only when the merge differs from it; an op whose rule fails, or a merge
/// that contradicts the current type, keeps the current type (with a
/// warning when \p reportConflicts is set). Returns the number of result
/// types replaced.
unsigned refineResultTypes(ShapeInferenceOpInterface op,
                           bool reportConflicts = false);

/// Sets \p func's result types to the types of the values its terminator
/// returns.
void updateResultTypes(mlir::func::FuncOp func);

} // namespace kiln

#endif // KILN_PASSES_LIB_TYPEREFINEMENT_H
