//===- FoldConstants.cpp - Evaluate ops on constants at compile time ------===//
//
// Exported models compute much of their shape arithmetic in the graph:
// `Shape -> Gather -> Concat -> Reshape`, `ConstantOfShape(Shape(x))`,
// casts and transposes of weights. Left as ops, those chains give Reshape,
// Expand or ConstantOfShape a non-constant target, so shape inference
// cannot type their results and the compiled backend runs them as slow
// reference steps. This pass evaluates every op whose operands are all
// constants through the op's reference kernel (the same code the
// interpreter runs, so folding cannot change a result), and the shape
// queries (Shape, Size) of statically shaped values, and replaces them by
// `kiln.constant`s. It refines each op's types as it walks, so a whole
// chain folds in one run.
//
//===----------------------------------------------------------------------===//
#include "TypeRefinement.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/ShapeInference.h"
#include "kiln/ir/TensorConversion.h"
#include "kiln/passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <new>

namespace kiln {
#define GEN_PASS_DEF_FOLDCONSTANTS
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;
using kiln::shape::isNone;

namespace {

/// True for the ops whose reference kernel reads only the shape of operand 0,
/// never its elements: they fold whenever that shape is static.
bool isShapeQuery(Operation *op) { return isa<ShapeOp, SizeOp>(op); }

/// True for the ops kiln-pack-weights creates: their constant operands are
/// weights re-laid out for the compiled micro-kernel, and evaluating them
/// at compile time would only turn a fast kernel into a large constant.
bool isPackedOp(Operation *op) {
  return isa<PackedMatMulOp, PackedConvOp, DepthwiseConvOp, WinogradConvOp>(op);
}

/// The elements of \p type when it is statically shaped, else std::nullopt.
std::optional<int64_t> staticElements(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape())
    return std::nullopt;
  return ranked.getNumElements();
}

/// Constant folding over every function of a module:
///
///  1. Skip functions that are called (as kiln-infer-shapes does): refining
///     types inside them could change their signature.
///  2. Walk the body once, in program order. Each op first has its result
///     types refined through ShapeInferenceOpInterface (TypeRefinement.h),
///     so it sees the constants and refined types its operands got from
///     the folds above it.
///  3. Fold the op when it is free of memory effects (an op whose result is
///     not a function of its operands, e.g. random generation, must declare
///     an effect), is not a packed op, implements ReferenceKernelOpInterface
///     and every operand is a `kiln.constant`, a `kiln.none`, or (for Shape
///     and Size) a statically shaped value, passed to the kernel as a
///     tensor with no elements behind it.
///  4. Run the reference kernel. A kernel error, a result whose element type
///     or shape contradicts the op's result type, or results holding more
///     than `max-elements` elements in all and more than the constant
///     operands do leave the op in place.
///  5. Replace each result by a `kiln.constant` of the kernel's result: its
///     type is the actual shape, which may refine a dynamic one; users are
///     refined when the walk reaches them.
///  6. Erase the ops left without uses (constants included), then set the
///     function's result types to those of the returned values.
struct FoldConstantsPass
    : public kiln::impl::FoldConstantsBase<FoldConstantsPass> {
  using FoldConstantsBase::FoldConstantsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>()) {
      if (!canRefineTypesIn(func, module))
        continue;
      for (Block &block : func.getBody())
        for (Operation &op : llvm::make_early_inc_range(block)) {
          if (auto infer = dyn_cast<ShapeInferenceOpInterface>(op))
            numRefined += refineResultTypes(infer);
          if (std::optional<SmallVector<Tensor>> results = evaluate(&op))
            replaceByConstants(&op, *results);
        }
      eraseDeadOps(func);
      updateResultTypes(func);
    }
  }

  /// Steps 3 and 4: the op's results, when it folds.
  std::optional<SmallVector<Tensor>> evaluate(Operation *op) {
    auto kernel = dyn_cast<ReferenceKernelOpInterface>(op);
    if (!kernel || op->getNumResults() == 0 ||
        op->hasTrait<mlir::OpTrait::ConstantLike>() ||
        op->getNumRegions() != 0 || !isMemoryEffectFree(op) || isPackedOp(op))
      return std::nullopt;

    SmallVector<Tensor> inputs(op->getNumOperands());
    int64_t inputElements = 0;
    for (auto [i, v] : llvm::enumerate(op->getOperands())) {
      if (isNone(v))
        continue;
      if (auto c = v.getDefiningOp<ConstantOp>()) {
        if (!tensorFromElementsAttr(c.getValue(), inputs[i]))
          return std::nullopt;
        inputElements += inputs[i].numElements();
        continue;
      }
      auto type = dyn_cast<RankedTensorType>(v.getType());
      std::optional<DType> dtype =
          type ? dtypeOf(type.getElementType()) : std::nullopt;
      if (!isShapeQuery(op) || i != 0 || !dtype || !type.hasStaticShape())
        return std::nullopt;
      Shape dims(type.getShape().begin(), type.getShape().end());
      inputs[i] = Tensor::view(*dtype, std::move(dims), nullptr, nullptr);
    }

    // Results whose type already says they are too large are not computed.
    int64_t limit = std::max<int64_t>(maxElements, inputElements);
    int64_t declared = 0;
    for (Type t : op->getResultTypes())
      if (std::optional<int64_t> n = staticElements(t))
        declared += *n;
    if (declared > limit)
      return std::nullopt;

    AttrMap attrs;
    if (!attrMapFromOp(op, attrs))
      return std::nullopt;
    std::string name = op->getName().getStringRef().str();
    KernelContext ctx;
    ctx.opName = name;
    ctx.attrs = &attrs;
    for (auto [i, v] : llvm::enumerate(op->getOperands()))
      ctx.inputs.push_back(isNone(v) ? nullptr : &inputs[i]);
    ctx.outputs.resize(op->getNumResults());
    try {
      if (!kernel.evaluate(ctx))
        return std::nullopt;
    } catch (const std::bad_alloc &) {
      return std::nullopt;
    }

    int64_t produced = 0;
    for (auto [out, result] : llvm::zip(ctx.outputs, op->getResults())) {
      if (!out.valid() || !foldedType(out, result.getType()))
        return std::nullopt;
      produced += out.numElements();
    }
    if (produced > limit)
      return std::nullopt;
    return SmallVector<Tensor>(ctx.outputs.begin(), ctx.outputs.end());
  }

  /// The type of \p t when it is compatible with the result type \p current
  /// (same element type, no contradicting rank or dim), else null.
  Type foldedType(const Tensor &t, Type current) {
    auto shaped = dyn_cast<ShapedType>(current);
    if (!shaped || dtypeOf(shaped.getElementType()) != t.dtype())
      return {};
    Type type = RankedTensorType::get(t.shape(), shaped.getElementType());
    return shape::refineType(current, type) == type ? type : Type();
  }

  /// Step 5.
  void replaceByConstants(Operation *op, ArrayRef<Tensor> results) {
    OpBuilder b(op);
    std::string blobName = "folded";
    if (auto loc = dyn_cast<NameLoc>(op->getLoc()))
      blobName = loc.getName().str();
    for (auto [t, result] : llvm::zip(results, op->getResults())) {
      if (result.use_empty())
        continue;
      ElementsAttr value = makeElementsAttr(*op->getContext(), t, blobName);
      auto c = b.create<ConstantOp>(op->getLoc(), value);
      result.replaceAllUsesWith(c.getResult());
    }
    op->erase();
    ++numFolded;
  }

  /// Step 6, first half: erase, last to first, every op without uses or
  /// memory effects, so the producers of erased ops follow them.
  void eraseDeadOps(func::FuncOp func) {
    for (Block &block : func.getBody())
      for (Operation &op :
           llvm::make_early_inc_range(llvm::reverse(block.getOperations())))
        if (isOpTriviallyDead(&op)) {
          op.erase();
          ++numErased;
        }
  }
};

} // namespace
