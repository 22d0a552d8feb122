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

/// Whether every value of type \p t is of type \p bound too: same element
/// type, and \p bound's rank and static dims, if it has them, are \p t's.
bool fitsWithin(Type t, Type bound) {
  auto tt = dyn_cast<TensorType>(t), bt = dyn_cast<TensorType>(bound);
  if (!tt || !bt || tt.getElementType() != bt.getElementType())
    return false;
  if (!bt.hasRank())
    return true;
  if (!tt.hasRank() || tt.getRank() != bt.getRank())
    return false;
  for (int64_t d = 0; d < bt.getRank(); ++d)
    if (!bt.isDynamicDim(d) && tt.getDimSize(d) != bt.getDimSize(d))
      return false;
  return true;
}

/// Refines the types of \p loop's carried body arguments (and carried
/// results) toward its initial values' types where that is sound: a
/// candidate set of types is tried on a copy of the loop, whose body is
/// inferred with them; a candidate whose next value (the yield) does not
/// fit it is dropped, and the rest tried again. Returns the number of
/// types replaced.
unsigned refineLoopCarried(LoopOp loop) {
  Block &body = loop.getBody().front();
  Operation *yield = body.getTerminator();
  size_t n = loop.getInitial().size();
  if (body.getNumArguments() != 2 + n || yield->getNumOperands() < 1 + n ||
      loop->getNumResults() < n)
    return 0;
  // The merge of each argument's declared type and its initial value's.
  SmallVector<Type> candidate(n);
  for (size_t k = 0; k < n; ++k) {
    Type declared = body.getArgument(2 + k).getType();
    Type merged = shape::refineType(declared, loop.getInitial()[k].getType());
    if (merged && merged != declared)
      candidate[k] = merged;
  }
  while (llvm::any_of(candidate, [](Type t) { return bool(t); })) {
    Operation *copy = loop->clone();
    auto copied = cast<LoopOp>(copy);
    Block &copyBody = copied.getBody().front();
    for (size_t k = 0; k < n; ++k)
      if (candidate[k])
        copyBody.getArgument(2 + k).setType(candidate[k]);
    copied.getBody().walk(
        [&](ShapeInferenceOpInterface op) { refineResultTypes(op); });
    bool dropped = false;
    Operation *copyYield = copyBody.getTerminator();
    for (size_t k = 0; k < n; ++k)
      if (candidate[k] &&
          !fitsWithin(copyYield->getOperand(1 + k).getType(), candidate[k])) {
        candidate[k] = Type();
        dropped = true;
      }
    copy->destroy();
    if (!dropped)
      break;
  }
  unsigned numRefined = 0;
  for (size_t k = 0; k < n; ++k) {
    if (!candidate[k])
      continue;
    body.getArgument(2 + k).setType(candidate[k]);
    ++numRefined;
    // The final value is the initial one or a yield: it fits too.
    Value result = loop->getResult(k);
    Type merged = shape::refineType(result.getType(), candidate[k]);
    if (merged && merged != result.getType()) {
      result.setType(merged);
      ++numRefined;
    }
  }
  return numRefined;
}

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
///
/// The walk is in pre-order so that a Loop is seen before its body: a body
/// argument carrying a value from one iteration to the next is declared
/// as precisely as the loop's initial value when the body, inferred on a
/// copy of the loop with that type, yields values at least as precise
/// (refineLoopCarried): then by induction every iteration's value has it.
struct InferShapesPass : public kiln::impl::InferShapesBase<InferShapesPass> {
  using InferShapesBase::InferShapesBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>()) {
      if (!canRefineTypesIn(func, module))
        continue;
      // Steps 3 and 4 (TypeRefinement.h).
      func.walk<WalkOrder::PreOrder>([&](Operation *op) {
        if (auto loop = dyn_cast<LoopOp>(op))
          numRefined += refineLoopCarried(loop);
        else if (auto inferable = dyn_cast<ShapeInferenceOpInterface>(op))
          numRefined += refineResultTypes(inferable, reportConflicts);
      });
      updateResultTypes(func);
    }
  }
};

} // namespace
