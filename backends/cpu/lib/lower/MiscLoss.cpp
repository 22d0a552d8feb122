//===- MiscLoss.cpp - Lowering of NegativeLogLikelihoodLoss and SCE loss --===//
//
// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss, matching
// runtime/kernels/MiscLoss.cpp: scores [N, C, d1..dk], targets [N, d1..dk].
// Everything is computed in f64 and rounded once to the score type:
//
//   sce:  max = reduce_max_C(x); sum = reduce_add_C(exp(x - max))
//         logp = x - (max + log(sum))        (f64; rounded for log_prob)
//   loss: per target element t (i32/i64), with ignored = (t == ignore_index)
//         w = ignored ? 0 : (weight ? weight[t] : 1)
//         l = ignored ? 0 : -logp[n, t, d..] * w
//         none -> l per element; sum -> sum(l); mean -> sum(l) / sum(w)
//         (NaN when sum(w) is 0)
//
// The sums run in row-major order without reassociation, like the
// reference. A target outside [0, C) that is not ignore_index is an error
// in the reference; here it is clamped into [0, C) so that no access leaves
// the buffer (the model is invalid either way).
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;

namespace kiln::cpu {

namespace {

/// The map from an iteration space of rank \p rank to all dims except
/// \p skip.
AffineMap dropDimMap(MLIRContext *ctx, unsigned rank, unsigned skip) {
  SmallVector<AffineExpr> exprs;
  for (unsigned d = 0; d < rank; ++d)
    if (d != skip)
      exprs.push_back(getAffineDimExpr(d, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}

/// \p type without dim \p skip, with element type \p elem.
RankedTensorType dropDimType(RankedTensorType type, unsigned skip, Type elem) {
  SmallVector<int64_t> shape;
  for (auto [d, size] : llvm::enumerate(type.getShape()))
    if (d != skip)
      shape.push_back(size);
  return RankedTensorType::get(shape, elem);
}

/// Operands shared by both losses, checked (step 1 of the reference).
struct LossOperands {
  RankedTensorType scoresType;
  Value target;
  Value weight; // null without a weight tensor
  std::optional<int64_t> ignoreIndex;
  StringRef reduction;
};

/// Checks \p op's scores, target, weight and reduction; a failure names why.
LogicalResult checkLoss(Operation *op, Value scores, Value target, Value weight,
                        PatternRewriter &rewriter, LossOperands &out) {
  if (hasEmptyTensor(op))
    return rewriter.notifyMatchFailure(op, kEmptyReason);
  auto sType = staticType(scores);
  if (!sType ||
      !(sType.getElementType().isF32() || sType.getElementType().isF64()))
    return rewriter.notifyMatchFailure(op, "expected static f32/f64 scores");
  if (sType.getRank() < 2)
    return rewriter.notifyMatchFailure(op, "expected scores of rank >= 2");
  auto tType = staticType(target);
  if (!tType || !(tType.getElementType().isSignlessInteger(32) ||
                  tType.getElementType().isSignlessInteger(64)))
    return rewriter.notifyMatchFailure(op, "expected a static i32/i64 target");
  if (tType.getShape() !=
      dropDimType(sType, 1, sType.getElementType()).getShape())
    return rewriter.notifyMatchFailure(op, "target shape mismatch");
  if (!isa<NoneType>(weight.getType())) {
    auto wType = staticType(weight);
    if (!wType || wType.getElementType() != sType.getElementType() ||
        wType.getShape() != ArrayRef<int64_t>{sType.getDimSize(1)})
      return rewriter.notifyMatchFailure(op, "expected a weight of shape [C]");
    out.weight = weight;
  }
  for (Value r : op->getResults()) {
    auto rType = staticType(r);
    if (!rType || rType.getElementType() != sType.getElementType())
      return rewriter.notifyMatchFailure(op, "unexpected result type");
  }
  if (auto a = op->getAttrOfType<IntegerAttr>("ignore_index"))
    out.ignoreIndex = a.getInt();
  auto red = op->getAttrOfType<StringAttr>("reduction");
  out.reduction = red ? red.getValue() : StringRef("mean");
  if (out.reduction != "none" && out.reduction != "sum" &&
      out.reduction != "mean")
    return rewriter.notifyMatchFailure(op, "unknown reduction");
  auto lossType = staticType(op->getResult(0));
  if (lossType.getShape() !=
      (out.reduction == "none" ? tType.getShape() : ArrayRef<int64_t>{}))
    return rewriter.notifyMatchFailure(op, "unexpected loss shape");
  out.scoresType = sType;
  out.target = target;
  return success();
}

/// Inside a generic over the target shape: the weight and loss (f64) of the
/// current element, whose target value is \p t. \p logp is N x C x d.. (the
/// score type or f64), read at the clamped target (see the file header).
std::pair<Value, Value> elementLoss(OpBuilder &b, Location loc,
                                    const LossOperands &ops, Value logp,
                                    Value t) {
  Type f64 = b.getF64Type();
  int64_t c = ops.scoresType.getDimSize(1);
  unsigned rank = ops.scoresType.getRank() - 1;
  Value t64 = convertScalar(b, loc, t, b.getI64Type());
  Value idx = b.create<arith::IndexCastOp>(loc, b.getIndexType(), t64);
  idx = b.create<arith::MaxSIOp>(loc, idx,
                                 b.create<arith::ConstantIndexOp>(loc, 0));
  idx = b.create<arith::MinSIOp>(loc, idx,
                                 b.create<arith::ConstantIndexOp>(loc, c - 1));
  SmallVector<Value> coords;
  for (unsigned d = 0; d < rank; ++d) {
    if (d == 1)
      coords.push_back(idx);
    coords.push_back(b.create<linalg::IndexOp>(loc, d));
  }
  if (rank == 1)
    coords.push_back(idx);
  Value lp = convertScalar(b, loc,
                           b.create<tensor::ExtractOp>(loc, logp, coords), f64);
  Value w = scalarConstant(b, loc, f64, 1.0);
  if (ops.weight)
    w = convertScalar(b, loc, b.create<tensor::ExtractOp>(loc, ops.weight, idx),
                      f64);
  Value loss =
      b.create<arith::MulFOp>(loc, b.create<arith::NegFOp>(loc, lp), w);
  if (ops.ignoreIndex) {
    Value ignored = b.create<arith::CmpIOp>(
        loc, arith::CmpIPredicate::eq, t64,
        b.create<arith::ConstantIntOp>(loc, *ops.ignoreIndex, 64));
    Value zero = scalarConstant(b, loc, f64, 0.0);
    w = b.create<arith::SelectOp>(loc, ignored, zero, w);
    loss = b.create<arith::SelectOp>(loc, ignored, zero, loss);
  }
  return {w, loss};
}

/// Steps 2 and 3: the loss of log-probabilities \p logp, of type
/// \p lossType.
Value buildLoss(OpBuilder &b, Location loc, const LossOperands &ops, Value logp,
                RankedTensorType lossType) {
  Type elem = ops.scoresType.getElementType();
  Type f64 = b.getF64Type();
  auto tType = cast<RankedTensorType>(ops.target.getType());
  unsigned rank = tType.getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  if (ops.reduction == "none") {
    return b
        .create<linalg::GenericOp>(
            loc, TypeRange{lossType}, ValueRange{ops.target},
            ValueRange{emptyTensor(b, loc, lossType)},
            ArrayRef<AffineMap>{id, id},
            SmallVector<utils::IteratorType>(rank,
                                             utils::IteratorType::parallel),
            [&](OpBuilder &nb, Location nl, ValueRange args) {
              Value loss = elementLoss(nb, nl, ops, logp, args[0]).second;
              nb.create<linalg::YieldOp>(nl, convertScalar(nb, nl, loss, elem));
            })
        .getResult(0);
  }
  auto scalarType = RankedTensorType::get({}, f64);
  Value zero = scalarConstant(b, loc, f64, 0.0);
  AffineMap scalarMap = AffineMap::get(rank, 0, {}, b.getContext());
  auto sums =
      b.create<linalg::GenericOp>(
           loc, TypeRange{scalarType, scalarType}, ValueRange{ops.target},
           ValueRange{filledTensor(b, loc, scalarType, zero),
                      filledTensor(b, loc, scalarType, zero)},
           ArrayRef<AffineMap>{id, scalarMap, scalarMap},
           SmallVector<utils::IteratorType>(rank,
                                            utils::IteratorType::reduction),
           [&](OpBuilder &nb, Location nl, ValueRange args) {
             auto [w, loss] = elementLoss(nb, nl, ops, logp, args[0]);
             nb.create<linalg::YieldOp>(
                 nl, ValueRange{nb.create<arith::AddFOp>(nl, args[1], loss),
                                nb.create<arith::AddFOp>(nl, args[2], w)});
           })
          .getResults();
  bool mean = ops.reduction == "mean";
  return buildElementwise(
      b, loc, ValueRange{sums[0], sums[1]}, lossType,
      [&](OpBuilder &nb, Location nl, ValueRange a) {
        Value v = a[0];
        if (mean) {
          Value noWeight =
              nb.create<arith::CmpFOp>(nl, arith::CmpFPredicate::OEQ, a[1],
                                       scalarConstant(nb, nl, f64, 0.0));
          v = nb.create<arith::SelectOp>(
              nl, noWeight,
              scalarConstant(nb, nl, f64,
                             std::numeric_limits<double>::quiet_NaN()),
              nb.create<arith::DivFOp>(nl, a[0], a[1]));
        }
        return convertScalar(nb, nl, v, elem);
      });
}

/// kiln.negative_log_likelihood_loss: the loss of its input as logp.
struct NLLLossPattern : OpRewritePattern<NegativeLogLikelihoodLossOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(NegativeLogLikelihoodLossOp op,
                                PatternRewriter &rewriter) const override {
    LossOperands ops;
    if (failed(checkLoss(op, op.getInput(), op.getTarget(), op.getWeight(),
                         rewriter, ops)))
      return failure();
    Value loss = buildLoss(rewriter, op.getLoc(), ops, op.getInput(),
                           staticType(op.getLoss()));
    rewriter.replaceOp(op, loss);
    return success();
  }
};

/// kiln.softmax_cross_entropy_loss: log_softmax along C in f64, then the
/// loss of it; the optional log_prob result is that log_softmax rounded.
struct SCELossPattern : OpRewritePattern<SoftmaxCrossEntropyLossOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SoftmaxCrossEntropyLossOp op,
                                PatternRewriter &rewriter) const override {
    LossOperands ops;
    if (failed(checkLoss(op, op.getScores(), op.getLabels(), op.getWeights(),
                         rewriter, ops)))
      return failure();
    Location loc = op.getLoc();
    RankedTensorType sType = ops.scoresType;
    Type f64 = rewriter.getF64Type();
    unsigned rank = sType.getRank();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap kept = dropDimMap(op.getContext(), rank, 1);
    auto statType = dropDimType(sType, 1, f64);
    SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
    iters[1] = utils::IteratorType::reduction;
    Value x = op.getScores();

    // max and sum of exp(x - max) along C, in f64 and in the reference's
    // order.
    Value maxV =
        rewriter
            .create<linalg::GenericOp>(
                loc, TypeRange{statType}, ValueRange{x},
                ValueRange{filledTensor(
                    rewriter, loc, statType,
                    scalarConstant(rewriter, loc, f64,
                                   -std::numeric_limits<double>::infinity()))},
                ArrayRef<AffineMap>{id, kept}, iters,
                [&](OpBuilder &b, Location l, ValueRange a) {
                  b.create<linalg::YieldOp>(
                      l, b.create<arith::MaximumFOp>(
                              l, a[1], convertScalar(b, l, a[0], f64))
                             .getResult());
                })
            .getResult(0);
    Value sum =
        rewriter
            .create<linalg::GenericOp>(
                loc, TypeRange{statType}, ValueRange{x, maxV},
                ValueRange{
                    filledTensor(rewriter, loc, statType,
                                 scalarConstant(rewriter, loc, f64, 0.0))},
                ArrayRef<AffineMap>{id, kept, kept}, iters,
                [&](OpBuilder &b, Location l, ValueRange a) {
                  Value e = b.create<math::ExpOp>(
                      l, b.create<arith::SubFOp>(
                             l, convertScalar(b, l, a[0], f64), a[1]));
                  b.create<linalg::YieldOp>(
                      l, b.create<arith::AddFOp>(l, a[2], e).getResult());
                })
            .getResult(0);
    // shift = max + log(sum); logp = x - shift.
    auto logpType = RankedTensorType::get(sType.getShape(), f64);
    Value logp = rewriter
                     .create<linalg::GenericOp>(
                         loc, TypeRange{logpType}, ValueRange{x, maxV, sum},
                         ValueRange{emptyTensor(rewriter, loc, logpType)},
                         ArrayRef<AffineMap>{id, kept, kept, id},
                         SmallVector<utils::IteratorType>(
                             rank, utils::IteratorType::parallel),
                         [&](OpBuilder &b, Location l, ValueRange a) {
                           Value shift = b.create<arith::AddFOp>(
                               l, a[1], b.create<math::LogOp>(l, a[2]));
                           b.create<linalg::YieldOp>(
                               l, b.create<arith::SubFOp>(
                                       l, convertScalar(b, l, a[0], f64), shift)
                                      .getResult());
                         })
                     .getResult(0);

    SmallVector<Value> results{
        buildLoss(rewriter, loc, ops, logp, staticType(op.getOutput()))};
    if (op.getLogProb()) {
      Type elem = sType.getElementType();
      results.push_back(
          buildElementwise(rewriter, loc, logp, sType,
                           [&](OpBuilder &b, Location l, ValueRange a) {
                             return convertScalar(b, l, a[0], elem);
                           }));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void populateMiscLossLowering(RewritePatternSet &patterns) {
  patterns.add<NLLLossPattern, SCELossPattern>(patterns.getContext());
}

} // namespace kiln::cpu
