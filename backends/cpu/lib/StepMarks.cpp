//===- StepMarks.cpp - What the executor reads off a step's ops -----------===//
#include "StepMarks.h"

#include "kiln/cpu/DirectKernels.h"
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/BatchItems.h"
#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu {

/// Whether \p op is a Transpose of a static value that moves only dims of
/// size 1 (ViT's [1, 0, 2] of a 1 x S x D batch): its result has the
/// bytes of its input in the same order, a reshape.
static bool isUnitDimTranspose(Operation *op) {
  auto transpose = dyn_cast<TransposeOp>(op);
  if (!transpose)
    return false;
  auto type = dyn_cast<RankedTensorType>(transpose.getData().getType());
  std::optional<SmallVector<int64_t>> perm = transpose.getPermutation();
  if (!type || !type.hasStaticShape() || !perm ||
      static_cast<int64_t>(perm->size()) != type.getRank())
    return false;
  // The dims of size > 1, read in the result's order, keep their order.
  int64_t last = -1;
  for (int64_t p : *perm) {
    if (p < 0 || p >= type.getRank())
      return false;
    if (type.getDimSize(p) == 1)
      continue;
    if (p < last)
      return false;
    last = p;
  }
  return true;
}

/// Whether \p op is a Pad of a static value by constant amounts that are
/// all 0 (DenseNet's transitions export three): a copy of its input.
static bool isZeroPad(Operation *op) {
  auto pad = dyn_cast<PadOp>(op);
  if (!pad)
    return false;
  auto type = dyn_cast<RankedTensorType>(pad.getData().getType());
  std::optional<SmallVector<int64_t>> pads = getConstantInts(pad.getPads());
  return type && type.hasStaticShape() && pad.getOutput().getType() == type &&
         pads && llvm::all_of(*pads, [](int64_t p) { return p == 0; });
}

/// Sets what \p op, alone in \p step, is to ConcatViews.
void describeShaping(Operation *op, PlanStep &step) {
  if (isa<ReshapeOp, FlattenOp, SqueezeOp, UnsqueezeOp, IdentityOp>(op) ||
      isUnitDimTranspose(op) || isZeroPad(op)) {
    step.shaping = PlanStep::Shaping::Reshape;
    return;
  }
  if (auto slice = dyn_cast<SliceOp>(op)) {
    // Contiguous when, after the leading dims it takes one index of, it
    // takes a forward run of one dim and every index of the rest.
    std::string reason;
    FailureOr<StaticSlice> region = staticSlice(slice, reason);
    auto type = staticType(slice.getData());
    if (failed(region) || !type)
      return;
    auto rank = static_cast<size_t>(type.getRank());
    size_t k = 0;
    while (k < rank && region->count[k] == 1)
      ++k;
    for (size_t d = k; d < rank; ++d)
      if (region->reversed[d] ||
          (region->count[d] > 1 && region->stride[d] != 1) ||
          (d > k && region->count[d] != type.getDimSize(d)))
        return;
    int64_t offset = 0, stride = 1;
    for (size_t d = rank; d-- > 0;) {
      offset += region->low[d] * stride;
      stride *= type.getDimSize(d);
    }
    unsigned bits = type.getElementTypeBitWidth();
    if (bits % 8 != 0)
      return;
    step.shaping = PlanStep::Shaping::Slice;
    step.viewOffset = offset * static_cast<int64_t>(bits / 8);
    return;
  }
  Type resultType = isa<SplitOp>(op)    ? op->getOperand(0).getType()
                    : isa<ConcatOp>(op) ? op->getResult(0).getType()
                                        : Type();
  auto type = dyn_cast_or_null<RankedTensorType>(resultType);
  if (!type || type.getRank() == 0)
    return;
  auto axisAttr = op->getAttrOfType<IntegerAttr>("axis");
  int64_t axis = axisAttr ? axisAttr.getInt() : 0;
  if (axis < 0)
    axis += type.getRank();
  if (axis < 0 || axis >= type.getRank())
    return;
  step.shaping =
      isa<SplitOp>(op) ? PlanStep::Shaping::Split : PlanStep::Shaping::Concat;
  step.concatAxis = axis;
}

/// Sets \p step's inPlaceArg: a compiled step whose ops are all pointwise
/// (KilnElementwise: the kernel is one loop nest over its result, reading
/// an operand of the result's shape at the position it writes) with one
/// static result may write over its first operand of that shape and type;
/// a direct kernel with a pointwise epilogue, over the operand its kernel
/// reads only where it writes (directKernelOverwritableOperand: a conv's
/// residual), unless the step reads that value as another operand too.
void markInPlaceOperand(const Plan &plan, PlanStep &step,
                        llvm::function_ref<int(Value)> slotOf) {
  step.inPlaceArg = -1;
  if (step.kind != PlanStep::Kind::Compiled || step.outputs.size() != 1 ||
      step.ops.empty())
    return;
  auto pointwise = [](Operation *op) {
    return op->hasTrait<kiln::OpTrait::KilnElementwise>();
  };
  const PlanSlot &out = plan.slots[step.outputs[0]];
  if (!out.isStatic)
    return;
  auto fits = [&](int s) {
    const PlanSlot &in = plan.slots[s];
    return in.isStatic && !in.isConstant && in.dtype == out.dtype &&
           in.kind == out.kind && in.shape == out.shape;
  };
  // args: the buffer operands, then the result.
  size_t operands = step.args.size() - 1;
  if (llvm::all_of(step.ops, pointwise)) {
    for (size_t k = 0; k < operands; ++k)
      if (fits(step.args[k])) {
        step.inPlaceArg = static_cast<int>(k);
        return;
      }
    return;
  }
  Operation *leader = step.ops.front();
  int operand = directKernelOverwritableOperand(leader);
  if (operand < 0 || !llvm::all_of(llvm::drop_begin(step.ops), pointwise))
    return;
  // The operand's one place among the step's buffer operands.
  int s = slotOf(leader->getOperand(operand));
  ArrayRef<int> args = ArrayRef(step.args).take_front(operands);
  if (s < 0 || llvm::count(args, s) != 1 || !fits(s))
    return;
  step.inPlaceArg = static_cast<int>(llvm::find(args, s) - args.begin());
}

/// Sets \p step's itemBegin from the `kiln.items` of its ops: the part of
/// the batch they all compute (ops without the attribute, such as a
/// constant's reshape fused in, do not disagree), or -1.
void markBatchPart(PlanStep &step) {
  step.itemBegin = -1;
  for (Operation *op : step.ops) {
    auto items = op->getAttrOfType<DenseI64ArrayAttr>(kItemsAttrName);
    if (!items || items.size() != 2)
      continue;
    if (step.itemBegin >= 0 && step.itemBegin != items[0]) {
      step.itemBegin = -1;
      return;
    }
    step.itemBegin = items[0];
  }
}

} // namespace kiln::cpu
