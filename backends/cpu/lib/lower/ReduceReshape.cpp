//===- ReduceReshape.cpp - Lowering of the data-movement kiln ops ---------===//
//
// Reshape, Flatten, Squeeze, Unsqueeze, Transpose, Concat, Split, Expand and
// Tile on tensors, and the helpers the ReduceReshape*.cpp and Indexing*.cpp
// files share (the reductions are in ReduceReshapeReduce.cpp, Slice and Pad
// in ReduceReshapeSlice.cpp). Each output element is one input element, so
// every dtype lowers the same way:
//
//   reshape/flatten/squeeze/unsqueeze(x) -> collapse_shape + expand_shape
//   transpose(x)       -> linalg.generic reading x with the inverse perm
//   concat(a, b)       -> insert_slice of each input into tensor.empty
//   split(x)           -> one extract_slice per result
//   expand/tile(x)     -> linalg.generic reading x broadcast / modulo
//
// Result shapes are static, so these copies need none of their shape
// operands.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace kiln::cpu {

namespace {

/// Reshape, Flatten, Squeeze and Unsqueeze keep the row-major order: the
/// result is operand 0 with the (static) result shape, trusted only when the
/// target shape or axes are constants.
template <typename OpTy> struct ReshapeLikePattern : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = compilableResultType(op);
    if (!type)
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    if (!areKnownAtCompileTime(op->getOperands().drop_front()))
      return rewriter.notifyMatchFailure(op, "the shape or axes are runtime");
    Value x = op->getOperand(0);
    if (staticType(x).getNumElements() != type.getNumElements())
      return rewriter.notifyMatchFailure(op, "element counts differ");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    rewriter.replaceOp(op, reshapeByCopy(rewriter, op.getLoc(), x, type));
    return success();
  }
};

/// transpose(x) -> generic: output dimension i reads input dimension perm[i].
struct TransposePattern : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = compilableResultType(op);
    if (!type)
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    int64_t rank = type.getRank();
    SmallVector<int64_t> perm =
        op.getPermutation().value_or(SmallVector<int64_t>());
    auto inType = staticType(op.getData());
    if (int64_t(perm.size()) != rank)
      return rewriter.notifyMatchFailure(op, "perm has the wrong length");
    SmallVector<AffineExpr> exprs(rank);
    SmallVector<bool> seen(rank, false);
    for (int64_t i = 0; i < rank; ++i) {
      int64_t p = perm[i];
      if (p < 0 || p >= rank || seen[p] ||
          inType.getDimSize(p) != type.getDimSize(i))
        return rewriter.notifyMatchFailure(op, "perm is not a permutation");
      seen[p] = true;
      exprs[p] = rewriter.getAffineDimExpr(i);
    }
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    auto map = AffineMap::get(rank, 0, exprs, getContext());
    rewriter.replaceOp(
        op, gatherByMap(rewriter, op.getLoc(), op.getData(), map, type));
    return success();
  }
};

/// concat(xs) -> insert_slice of each non-empty input at its offset.
struct ConcatPattern : OpRewritePattern<ConcatOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConcatOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = compilableResultType(op);
    if (!type || type.getRank() == 0)
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    int64_t rank = type.getRank();
    std::optional<int64_t> axis =
        normalizeAxis(int64_t(op.getAxis().value_or(0)), rank);
    if (!axis)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t total = 0;
    for (Value x : op.getInputs()) {
      auto t = staticType(x);
      if (t.getRank() != rank || t.getElementType() != type.getElementType())
        return rewriter.notifyMatchFailure(op, "inputs do not match");
      for (int64_t d = 0; d < rank; ++d)
        if (d != *axis && t.getDimSize(d) != type.getDimSize(d))
          return rewriter.notifyMatchFailure(op, "inputs do not match");
      total += t.getDimSize(*axis);
    }
    if (total != type.getDimSize(*axis))
      return rewriter.notifyMatchFailure(op, "unexpected result shape");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    Location loc = op.getLoc();
    Value out = emptyTensor(rewriter, loc, type);
    SmallVector<int64_t> offsets(rank, 0);
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    for (Value x : op.getInputs()) {
      auto t = staticType(x);
      if (t.getNumElements() != 0)
        out = rewriter.create<tensor::InsertSliceOp>(
            loc, x, out, indexAttrs(rewriter, offsets),
            indexAttrs(rewriter, t.getShape()), strides);
      offsets[*axis] += t.getDimSize(*axis);
    }
    rewriter.replaceOp(op, out);
    return success();
  }
};

/// split(x) -> one extract_slice per result; the result types give the part
/// sizes, checked against the split operand, which must be constant.
struct SplitPattern : OpRewritePattern<SplitOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SplitOp op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op) || op.getNumResults() == 0)
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto inType = staticType(op.getInput());
    int64_t rank = inType.getRank();
    if (rank == 0)
      return rewriter.notifyMatchFailure(op, "the reference rejects a scalar");
    std::optional<int64_t> axis =
        normalizeAxis(int64_t(op.getAxis().value_or(0)), rank);
    if (!axis)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    std::optional<SmallVector<int64_t>> split;
    if (!isa<NoneType>(op.getSplit().getType())) {
      split = getConstantInts(op.getSplit());
      if (!split)
        return rewriter.notifyMatchFailure(op, "the split is not constant");
      if (split->size() != op.getNumResults())
        return rewriter.notifyMatchFailure(op, "one part per result expected");
    }
    int64_t total = 0;
    for (auto [i, r] : llvm::enumerate(op.getResults())) {
      auto t = staticType(r);
      for (int64_t d = 0; d < rank; ++d)
        if (d != *axis && t.getDimSize(d) != inType.getDimSize(d))
          return rewriter.notifyMatchFailure(op, "unexpected result shape");
      if (split && (*split)[i] != t.getDimSize(*axis))
        return rewriter.notifyMatchFailure(op, "unexpected part size");
      total += t.getDimSize(*axis);
    }
    if (total != inType.getDimSize(*axis))
      return rewriter.notifyMatchFailure(op, "parts do not cover the axis");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    Location loc = op.getLoc();
    SmallVector<Value> parts;
    SmallVector<int64_t> offsets(rank, 0);
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    for (Value r : op.getResults()) {
      auto t = staticType(r);
      parts.push_back(rewriter.create<tensor::ExtractSliceOp>(
          loc, t, op.getInput(), indexAttrs(rewriter, offsets),
          indexAttrs(rewriter, t.getShape()), strides));
      offsets[*axis] += t.getDimSize(*axis);
    }
    rewriter.replaceOp(op, parts);
    return success();
  }
};

/// expand(x) -> generic reading x with numpy broadcasting.
struct ExpandPattern : OpRewritePattern<ExpandOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ExpandOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = compilableResultType(op);
    if (!type)
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    if (!areKnownAtCompileTime(op.getShape()))
      return rewriter.notifyMatchFailure(op, "the shape is not constant");
    auto inType = staticType(op.getInput());
    int64_t offset = type.getRank() - inType.getRank();
    if (offset < 0)
      return rewriter.notifyMatchFailure(op, "unexpected result rank");
    for (int64_t d = 0; d < inType.getRank(); ++d) {
      int64_t in = inType.getDimSize(d);
      if (in != 1 && in != type.getDimSize(d + offset))
        return rewriter.notifyMatchFailure(op, "unexpected result shape");
    }
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    rewriter.replaceOp(op, buildElementwise(rewriter, op.getLoc(),
                                            op.getInput(), type,
                                            [](OpBuilder &, Location,
                                               ValueRange a) { return a[0]; }));
    return success();
  }
};

/// tile(x) -> generic reading x at (i mod dim) in each tiled dimension.
struct TilePattern : OpRewritePattern<TileOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(TileOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = compilableResultType(op);
    if (!type)
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    std::optional<SmallVector<int64_t>> repeats =
        getConstantInts(op.getRepeats());
    if (!repeats)
      return rewriter.notifyMatchFailure(op, "the repeats are not constant");
    auto inType = staticType(op.getInput());
    int64_t rank = type.getRank();
    if (inType.getRank() != rank || int64_t(repeats->size()) != rank)
      return rewriter.notifyMatchFailure(op, "unexpected result rank");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    SmallVector<AffineExpr> exprs;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t in = inType.getDimSize(d), out = type.getDimSize(d);
      if (in == 0 || out != in * (*repeats)[d])
        return rewriter.notifyMatchFailure(op, "unexpected result shape");
      AffineExpr e = rewriter.getAffineDimExpr(d);
      exprs.push_back(in == out ? e : e % in);
    }
    rewriter.replaceOp(
        op, gatherByMap(rewriter, op.getLoc(), op.getInput(),
                        AffineMap::get(rank, 0, exprs, getContext()), type));
    return success();
  }
};

} // namespace

void populateReduceReshapeLowering(RewritePatternSet &patterns) {
  populateReductionLowering(patterns);
  populateSlicePadLowering(patterns);
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ReshapeLikePattern<ReshapeOp>, ReshapeLikePattern<FlattenOp>,
               ReshapeLikePattern<SqueezeOp>, ReshapeLikePattern<UnsqueezeOp>,
               TransposePattern, ConcatPattern, SplitPattern, ExpandPattern,
               TilePattern>(ctx);
}

} // namespace kiln::cpu
