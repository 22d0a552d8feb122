//===- IndexOperands.cpp - Operands that address others -------------------===//
//
// The external models of IndexOperandsOpInterface: the indices of Gather,
// GatherElements and ScatterElements address one dimension of operand 0
// (`axis`); those of GatherND and ScatterND are tuples addressing the
// dimensions after `batch_dims`; the labels of the losses address the
// classes, dimension 1 of operand 0.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/IndexOperands.h"
#include "kiln/ir/KilnDialect.h"

using namespace mlir;
using kiln::shape::intAttrOr;
using kiln::shape::normalizeAxis;

namespace kiln {

#include "kiln/ir/IndexOperands.cpp.inc"

namespace {

/// Operand \p i's type when it is a ranked tensor of static shape.
RankedTensorType staticOperand(Operation *op, unsigned i) {
  auto t = dyn_cast<RankedTensorType>(op->getOperand(i).getType());
  return t && t.hasStaticShape() ? t : RankedTensorType();
}

/// Indices (operand 1) into dimension `axis` (default 0) of operand 0.
template <typename OpT>
struct AxisModel
    : IndexOperandsOpInterface::ExternalModel<AxisModel<OpT>, OpT> {
  FailureOr<IndexRange> getIndexRange(Operation *op) const {
    RankedTensorType data = staticOperand(op, 0);
    if (!data)
      return failure();
    std::optional<int64_t> axis =
        normalizeAxis(intAttrOr(op, "axis", 0), data.getRank());
    if (!axis)
      return failure();
    IndexRange range;
    range.operand = 1;
    range.sizes = {data.getDimSize(*axis)};
    range.firstDim = *axis;
    return range;
  }
};

/// Index tuples (operand 1's innermost dimension) into the dimensions of
/// operand 0 after `batch_dims` (default 0).
template <typename OpT>
struct TupleModel
    : IndexOperandsOpInterface::ExternalModel<TupleModel<OpT>, OpT> {
  FailureOr<IndexRange> getIndexRange(Operation *op) const {
    RankedTensorType data = staticOperand(op, 0);
    RankedTensorType indices = staticOperand(op, 1);
    if (!data || !indices || indices.getRank() < 1)
      return failure();
    int64_t batch = intAttrOr(op, "batch_dims", 0);
    int64_t m = indices.getShape().back();
    if (batch < 0 || m < 1 || batch + m > data.getRank())
      return failure();
    IndexRange range;
    range.operand = 1;
    auto dims = data.getShape().slice(batch, m);
    range.sizes.assign(dims.begin(), dims.end());
    range.firstDim = batch;
    return range;
  }
};

/// Class labels (operand 1) among the classes of operand 0 (N x C x ...),
/// `ignore_index` excepted.
template <typename OpT>
struct LabelModel
    : IndexOperandsOpInterface::ExternalModel<LabelModel<OpT>, OpT> {
  FailureOr<IndexRange> getIndexRange(Operation *op) const {
    auto scores = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
    if (!scores || scores.getRank() < 2 || scores.isDynamicDim(1))
      return failure();
    IndexRange range;
    range.kind = IndexRange::Kind::Target;
    range.operand = 1;
    range.sizes = {scores.getDimSize(1)};
    range.firstDim = 1;
    if (auto ignore = op->getAttrOfType<IntegerAttr>("ignore_index")) {
      range.hasIgnore = true;
      range.ignore = ignore.getInt();
    }
    return range;
  }
};

} // namespace

void attachIndexOperandsModels(KilnDialect *dialect) {
  MLIRContext &ctx = *dialect->getContext();
  GatherOp::attachInterface<AxisModel<GatherOp>>(ctx);
  GatherElementsOp::attachInterface<AxisModel<GatherElementsOp>>(ctx);
  ScatterElementsOp::attachInterface<AxisModel<ScatterElementsOp>>(ctx);
  GatherNDOp::attachInterface<TupleModel<GatherNDOp>>(ctx);
  ScatterNDOp::attachInterface<TupleModel<ScatterNDOp>>(ctx);
  NegativeLogLikelihoodLossOp::attachInterface<
      LabelModel<NegativeLogLikelihoodLossOp>>(ctx);
  SoftmaxCrossEntropyLossOp::attachInterface<
      LabelModel<SoftmaxCrossEntropyLossOp>>(ctx);
}

} // namespace kiln
