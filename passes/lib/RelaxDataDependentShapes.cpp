//===- RelaxDataDependentShapes.cpp - Forget unproven data-dependent dims -===//
//
// Some result shapes depend on operand *values*: NonZero's count, Range's
// length, Reshape's target, Slice's starts... (ops with the
// KilnDataDependentShape trait). When those operands are not constants the
// importer can only copy ONNX's declared type, and the ONNX conformance
// models declare the shapes of their own test data. The compiled backend
// trusts static types (it sizes buffers and loops by them), so other data
// would give a shape error or, worse, a wrong result. This pass keeps of
// such types only what shape inference proves, makes the rest dynamic (a
// reference step then produces the true shape at run time), and does the
// same for every type downstream that was only declared. Types that do not
// depend on those values are left alone, so a model whose data-dependent
// ops all have constant operands keeps every static type.
//
//===----------------------------------------------------------------------===//
#include "TypeRefinement.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/DenseSet.h"

namespace kiln {
#define GEN_PASS_DEF_RELAXDATADEPENDENTSHAPES
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

/// True when \p v is absent or a constant: its values are known now.
static bool isKnown(Value v) {
  return isa<NoneType>(v.getType()) || matchPattern(v, m_Constant());
}

namespace {

/// Relaxation over every function of a module:
///
///  1. Skip functions that are called: their signature would change under
///     their callers.
///  2. Walk the body in program order (operands before users). An op is
///     revisited when it has the KilnDataDependentShape trait, or when one
///     of its operands is unproven (step 4). A traited op whose operands
///     are all constants and which has no shape rule is left as it is: its
///     types are the folder's business.
///  3. For a revisited op, forget its result types (unranked) and ask
///     ShapeInferenceOpInterface what the operand types and constant
///     operands prove. A result whose rule proves no rank keeps its
///     declared rank with every dim dynamic; an op without a shape rule
///     gets that for every result.
///  4. A revisited result is unproven when its new type is not fully static
///     or differs from the declared one: its users' declared types may
///     have copied a shape that other data would not give, so they are
///     revisited (step 2). A fully static proven type ends the chain.
///  5. Give the function the types of the values it returns.
///
/// Graph inputs and constants are never revisited: their types are facts.
struct RelaxDataDependentShapesPass
    : public kiln::impl::RelaxDataDependentShapesBase<
          RelaxDataDependentShapesPass> {
  using RelaxDataDependentShapesBase::RelaxDataDependentShapesBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>()) {
      if (!canRefineTypesIn(func, module))
        continue;
      llvm::DenseSet<Value> unproven;
      func.walk([&](Operation *op) { revisit(op, unproven); });
      if (!unproven.empty())
        updateResultTypes(func);
    }
  }

  /// Steps 2 to 4 for one op.
  void revisit(Operation *op, llvm::DenseSet<Value> &unproven) {
    if (op->getNumResults() == 0 || isa<ConstantOp>(op))
      return;
    auto rule = dyn_cast<ShapeInferenceOpInterface>(op);
    bool dataDependent =
        op->hasTrait<kiln::OpTrait::KilnDataDependentShape>() &&
        (rule || !llvm::all_of(op->getOperands(), isKnown));
    bool downstream = llvm::any_of(
        op->getOperands(), [&](Value v) { return unproven.contains(v); });
    if (!dataDependent && !downstream)
      return;

    // Step 3: only what the rule proves from unranked results.
    SmallVector<Type> declared(op->getResultTypes());
    for (OpResult r : op->getResults())
      if (auto t = dyn_cast<TensorType>(r.getType()))
        r.setType(UnrankedTensorType::get(t.getElementType()));
    SmallVector<Type> proved;
    if (!rule || failed(rule.inferShapes(proved)))
      proved.assign(op->getResultTypes().begin(), op->getResultTypes().end());
    assert(proved.size() == op->getNumResults() &&
           "inferShapes must give one type per result");

    // Step 4.
    for (auto [r, old, type] : llvm::zip(op->getResults(), declared, proved)) {
      auto oldRanked = dyn_cast<RankedTensorType>(old);
      if (!isa<TensorType>(old) || !isa<TensorType>(type)) {
        r.setType(old);
        continue;
      }
      if (oldRanked && !isa<RankedTensorType>(type))
        type = RankedTensorType::get(
            SmallVector<int64_t>(oldRanked.getRank(), ShapedType::kDynamic),
            oldRanked.getElementType());
      r.setType(type);
      if (type != old)
        ++numRelaxed;
      if (type != old || !cast<TensorType>(type).hasStaticShape())
        unproven.insert(r);
    }
  }
};

} // namespace
