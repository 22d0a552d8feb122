//===- BatchItems.cpp - Ops whose batch items are independent -------------===//
//
// The external models of BatchItemsOpInterface. Convolutions, pools and
// per-channel normalizations read one item of X per item of Y (operand 0;
// weights and parameters whole). The packed ops' residual is an item
// operand too, and so is a packed conv's per-image prologue (N x C x 1 x 1
// scale or shift; a C x 1 x 1 or 1 x C x 1 x 1 one is read whole). Concat
// keeps items apart unless it joins along the batch; Flatten unless it
// flattens the batch away; Reshape when it keeps dim 0 and its target
// shape is a constant, which a clone restates with its own item count.
// Softmax, LogSoftmax, Hardmax and LayerNormalization keep items apart when
// their axis is not the batch (with opset < 13's coercion to 2-D at that
// axis too: each row of the 2-D view lies within one item), Transpose when
// it leaves dim 0 first. MaxPool's optional indices are flat positions in
// the whole of X, so a MaxPool whose indices are read mixes items.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/BatchItems.h"
#include "kiln/ir/KilnDialect.h"

using namespace mlir;
using kiln::shape::intAttrOr;
using kiln::shape::normalizeAxis;

namespace kiln {

#include "kiln/ir/BatchItems.cpp.inc"

namespace {

/// Operand 0 alone carries the batch (the interface's defaults).
template <typename OpT>
struct FirstOperandModel
    : BatchItemsOpInterface::ExternalModel<FirstOperandModel<OpT>, OpT> {};

/// True when operand \p index lies in ODS operand group \p group of \p op.
template <typename OpT> bool inGroup(OpT op, unsigned group, unsigned index) {
  auto [start, length] = op.getODSOperandIndexAndLength(group);
  return index >= start && index < start + length;
}

/// A packed conv: X, the residual and an N x C prologue operand.
struct PackedConvModel
    : BatchItemsOpInterface::ExternalModel<PackedConvModel, PackedConvOp> {
  bool isItemOperand(Operation *op, unsigned index) const {
    auto conv = cast<PackedConvOp>(op);
    if (index == 0 || inGroup(conv, 3, index))
      return true;
    auto t = dyn_cast<RankedTensorType>(op->getOperand(index).getType());
    auto x = dyn_cast<RankedTensorType>(conv.getX().getType());
    return inGroup(conv, 4, index) && t && x && t.getRank() == x.getRank() &&
           t.getDimSize(0) == x.getDimSize(0) && x.getDimSize(0) != 1;
  }
};

/// A packed product or Winograd conv: operand 0 and the residual (ODS
/// operand group 3 of both).
template <typename OpT>
struct ResidualModel
    : BatchItemsOpInterface::ExternalModel<ResidualModel<OpT>, OpT> {
  bool itemsAreIndependent(Operation *op) const {
    auto a = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
    return a && a.getRank() >= 2;
  }
  bool isItemOperand(Operation *op, unsigned index) const {
    return index == 0 || inGroup(cast<OpT>(op), 3, index);
  }
};

struct MaxPoolModel
    : BatchItemsOpInterface::ExternalModel<MaxPoolModel, MaxPoolOp> {
  bool itemsAreIndependent(Operation *op) const {
    return op->getNumResults() < 2 || op->getResult(1).use_empty();
  }
};

/// Rank of operand 0, or -1 when it is unranked.
int64_t rankOf(Operation *op) {
  auto t = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
  return t ? t.getRank() : -1;
}

struct ConcatModel
    : BatchItemsOpInterface::ExternalModel<ConcatModel, ConcatOp> {
  bool itemsAreIndependent(Operation *op) const {
    std::optional<int64_t> axis =
        normalizeAxis(intAttrOr(op, "axis", 0), rankOf(op));
    return axis && *axis != 0;
  }
  bool isItemOperand(Operation *, unsigned) const { return true; }
};

/// Softmax-like ops and LayerNormalization: independent unless their axis
/// (default -1) is the batch's.
template <typename OpT>
struct NonBatchAxisModel
    : BatchItemsOpInterface::ExternalModel<NonBatchAxisModel<OpT>, OpT> {
  bool itemsAreIndependent(Operation *op) const {
    std::optional<int64_t> axis =
        normalizeAxis(intAttrOr(op, "axis", -1), rankOf(op));
    return axis && *axis >= 1;
  }
};

struct TransposeModel
    : BatchItemsOpInterface::ExternalModel<TransposeModel, TransposeOp> {
  bool itemsAreIndependent(Operation *op) const {
    std::optional<ArrayAttr> perm = cast<TransposeOp>(op).getPerm();
    return perm && !perm->empty() &&
           cast<IntegerAttr>((*perm)[0]).getInt() == 0;
  }
};

struct FlattenModel
    : BatchItemsOpInterface::ExternalModel<FlattenModel, FlattenOp> {
  bool movesData(Operation *) const { return false; }
  bool itemsAreIndependent(Operation *op) const {
    std::optional<int64_t> axis =
        normalizeAxis(intAttrOr(op, "axis", 1), rankOf(op) + 1);
    return axis && *axis == 1;
  }
};

/// The constant target shape of \p reshape, or null.
DenseIntElementsAttr constantShape(ReshapeOp reshape) {
  auto c = reshape.getShape().getDefiningOp<ConstantOp>();
  return c ? dyn_cast<DenseIntElementsAttr>(c.getValue()) : nullptr;
}

struct ReshapeModel
    : BatchItemsOpInterface::ExternalModel<ReshapeModel, ReshapeOp> {
  bool movesData(Operation *) const { return false; }
  bool itemsAreIndependent(Operation *op) const {
    auto reshape = cast<ReshapeOp>(op);
    auto in = dyn_cast<RankedTensorType>(reshape.getData().getType());
    auto out = dyn_cast<RankedTensorType>(reshape.getType());
    DenseIntElementsAttr shape = constantShape(reshape);
    return in && out && in.getRank() >= 1 && out.getRank() >= 1 &&
           !ShapedType::isDynamic(in.getDimSize(0)) &&
           in.getDimSize(0) == out.getDimSize(0) && shape &&
           shape.getNumElements() == out.getRank();
  }
  void restateItemCount(Operation *op, OpBuilder &b, int64_t items) const {
    auto reshape = cast<ReshapeOp>(op);
    DenseIntElementsAttr shape = constantShape(reshape);
    SmallVector<int64_t> dims;
    for (const APInt &d : shape.getValues<APInt>())
      dims.push_back(d.getSExtValue());
    // 0 (copy dim 0 of the input) and -1 (inferred) already follow the
    // items; an explicit batch size is restated.
    if (dims.empty() || dims[0] <= 0)
      return;
    dims[0] = items;
    auto type = RankedTensorType::get({static_cast<int64_t>(dims.size())},
                                      b.getI64Type());
    Value restated = b.create<ConstantOp>(
        op->getLoc(), DenseElementsAttr::get(type, llvm::ArrayRef(dims)));
    reshape.getShapeMutable().assign(restated);
  }
};

} // namespace

void attachBatchItemsModels(KilnDialect *dialect) {
  MLIRContext *ctx = dialect->getContext();
  ConvOp::attachInterface<FirstOperandModel<ConvOp>>(*ctx);
  DepthwiseConvOp::attachInterface<FirstOperandModel<DepthwiseConvOp>>(*ctx);
  AveragePoolOp::attachInterface<FirstOperandModel<AveragePoolOp>>(*ctx);
  LpPoolOp::attachInterface<FirstOperandModel<LpPoolOp>>(*ctx);
  GlobalAveragePoolOp::attachInterface<FirstOperandModel<GlobalAveragePoolOp>>(
      *ctx);
  GlobalMaxPoolOp::attachInterface<FirstOperandModel<GlobalMaxPoolOp>>(*ctx);
  GlobalLpPoolOp::attachInterface<FirstOperandModel<GlobalLpPoolOp>>(*ctx);
  BatchNormalizationOp::attachInterface<
      FirstOperandModel<BatchNormalizationOp>>(*ctx);
  InstanceNormalizationOp::attachInterface<
      FirstOperandModel<InstanceNormalizationOp>>(*ctx);
  LRNOp::attachInterface<FirstOperandModel<LRNOp>>(*ctx);
  PackedConvOp::attachInterface<PackedConvModel>(*ctx);
  PackedMatMulOp::attachInterface<ResidualModel<PackedMatMulOp>>(*ctx);
  WinogradConvOp::attachInterface<ResidualModel<WinogradConvOp>>(*ctx);
  MaxPoolOp::attachInterface<MaxPoolModel>(*ctx);
  ConcatOp::attachInterface<ConcatModel>(*ctx);
  SoftmaxOp::attachInterface<NonBatchAxisModel<SoftmaxOp>>(*ctx);
  LogSoftmaxOp::attachInterface<NonBatchAxisModel<LogSoftmaxOp>>(*ctx);
  HardmaxOp::attachInterface<NonBatchAxisModel<HardmaxOp>>(*ctx);
  LayerNormalizationOp::attachInterface<
      NonBatchAxisModel<LayerNormalizationOp>>(*ctx);
  TransposeOp::attachInterface<TransposeModel>(*ctx);
  FlattenOp::attachInterface<FlattenModel>(*ctx);
  ReshapeOp::attachInterface<ReshapeModel>(*ctx);
}

} // namespace kiln
