//===- IndexingGather.cpp - Lowering of gathers and scatters --------------===//
//
// Gather, GatherElements, GatherND, ScatterND and ScatterElements on
// tensors, matching runtime/kernels/IndexingGather.cpp:
//
//   gather*(data, idx)      -> linalg.generic over the result that reads the
//                              indices and tensor.extract's data
//   scatter*(data, idx, u)  -> copy of data, then scf.for loops in the
//                              reference's order that insert (or combine)
//                              each update, so duplicates resolve the same
//
// Negative indices count from the end. An index outside [-size, size) is an
// error in the reference; here it is clamped so that no access leaves the
// buffer (the model is invalid either way).
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace kiln::cpu {

namespace {

/// Index element \p v (i32 or i64) as an index into a dimension of size
/// \p size: negatives count from the end, and the result is clamped into
/// [0, size) (see the file header).
Value wrapIndex(OpBuilder &b, Location loc, Value v, int64_t size) {
  auto cst = [&](int64_t c) {
    return b.create<arith::ConstantIndexOp>(loc, c).getResult();
  };
  Value i = b.create<arith::IndexCastOp>(loc, b.getIndexType(), v);
  Value neg =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, i, cst(0));
  i = b.create<arith::SelectOp>(loc, neg,
                                b.create<arith::AddIOp>(loc, i, cst(size)), i);
  i = b.create<arith::MaxSIOp>(loc, i, cst(0));
  return b.create<arith::MinSIOp>(loc, i, cst(size - 1));
}

/// A linalg.generic over \p type that reads \p indices through \p map and
/// yields `data[coords(linalg.index values, index element)]`.
Value gatherGeneric(
    OpBuilder &b, Location loc, RankedTensorType type, Value data,
    Value indices, AffineMap map,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange, Value)>
        coords) {
  unsigned rank = type.getRank();
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  SmallVector<Value> ins;
  SmallVector<AffineMap> maps;
  if (indices) {
    ins.push_back(indices);
    maps.push_back(map);
  }
  maps.push_back(b.getMultiDimIdentityMap(rank));
  return b
      .create<linalg::GenericOp>(
          loc, type, ins, emptyTensor(b, loc, type), maps, iters,
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            SmallVector<Value> idx;
            for (unsigned d = 0; d < rank; ++d)
              idx.push_back(nb.create<linalg::IndexOp>(nl, d));
            Value v = nb.create<tensor::ExtractOp>(
                nl, data, coords(nb, nl, idx, indices ? args[0] : Value()));
            nb.create<linalg::YieldOp>(nl, v);
          })
      .getResult(0);
}

/// gather(data, idx, axis): out[a.., i.., b..] = data[a.., idx[i..], b..].
struct GatherPattern : OpRewritePattern<GatherOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GatherOp op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op))
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto dataType = staticType(op.getData());
    auto idxType = staticType(op.getIndices());
    auto type = staticType(op.getResult());
    int64_t r = dataType.getRank(), q = idxType.getRank();
    std::optional<int64_t> axis =
        normalizeAxis(int64_t(op.getAxis().value_or(0)), r);
    if (r < 1 || !axis)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t a = *axis;
    SmallVector<int64_t> want(dataType.getShape().take_front(a));
    llvm::append_range(want, idxType.getShape());
    llvm::append_range(want, dataType.getShape().drop_front(a + 1));
    if (type.getShape() != ArrayRef<int64_t>(want))
      return rewriter.notifyMatchFailure(op, "unexpected result shape");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    int64_t size = dataType.getDimSize(a);
    if (size == 0)
      return rewriter.notifyMatchFailure(op, "every index is out of range");
    SmallVector<AffineExpr> exprs;
    for (int64_t d = 0; d < q; ++d)
      exprs.push_back(rewriter.getAffineDimExpr(a + d));
    auto map = AffineMap::get(r - 1 + q, 0, exprs, getContext());
    rewriter.replaceOp(
        op, gatherGeneric(
                rewriter, op.getLoc(), type, op.getData(), op.getIndices(), map,
                [&](OpBuilder &b, Location l, ValueRange idx, Value v) {
                  SmallVector<Value> at(idx.take_front(a));
                  at.push_back(wrapIndex(b, l, v, size));
                  llvm::append_range(at, idx.drop_front(a + q));
                  return at;
                }));
    return success();
  }
};

/// Checks indices of the rank of data that fit it except along \p axis.
bool fitsElementwise(RankedTensorType data, RankedTensorType indices,
                     int64_t axis) {
  if (indices.getRank() != data.getRank())
    return false;
  for (int64_t d = 0; d < data.getRank(); ++d)
    if (d != axis && indices.getDimSize(d) > data.getDimSize(d))
      return false;
  return true;
}

/// gather_elements: out[i] = data[i with its axis coordinate = idx[i]].
struct GatherElementsPattern : OpRewritePattern<GatherElementsOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GatherElementsOp op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op))
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto dataType = staticType(op.getData());
    auto idxType = staticType(op.getIndices());
    auto type = staticType(op.getResult());
    int64_t r = dataType.getRank();
    std::optional<int64_t> axis =
        normalizeAxis(int64_t(op.getAxis().value_or(0)), r);
    if (r < 1 || !axis || !fitsElementwise(dataType, idxType, *axis) ||
        type.getShape() != idxType.getShape())
      return rewriter.notifyMatchFailure(op, "unexpected shapes");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    int64_t a = *axis, size = dataType.getDimSize(a);
    if (size == 0)
      return rewriter.notifyMatchFailure(op, "every index is out of range");
    rewriter.replaceOp(
        op,
        gatherGeneric(rewriter, op.getLoc(), type, op.getData(),
                      op.getIndices(), rewriter.getMultiDimIdentityMap(r),
                      [&](OpBuilder &b, Location l, ValueRange idx, Value v) {
                        SmallVector<Value> at(idx);
                        at[a] = wrapIndex(b, l, v, size);
                        return at;
                      }));
    return success();
  }
};

/// gather_nd: out[t.., s..] = data[t[:b].., idx[t..][0..m).., s..] where the
/// first b (batch_dims) coordinates of t are shared with data.
struct GatherNDPattern : OpRewritePattern<GatherNDOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GatherNDOp op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op))
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto dataType = staticType(op.getData());
    auto idxType = staticType(op.getIndices());
    auto type = staticType(op.getResult());
    int64_t r = dataType.getRank(), q = idxType.getRank();
    int64_t bd = int64_t(op.getBatchDims().value_or(0));
    if (r < 1 || q < 1 || bd < 0 || bd >= std::min(r, q))
      return rewriter.notifyMatchFailure(op, "unexpected ranks");
    int64_t m = idxType.getDimSize(q - 1);
    if (m < 1 || m > r - bd)
      return rewriter.notifyMatchFailure(op, "unexpected index tuple size");
    for (int64_t d = 0; d < bd; ++d)
      if (dataType.getDimSize(d) != idxType.getDimSize(d))
        return rewriter.notifyMatchFailure(op, "batch dimensions differ");
    SmallVector<int64_t> want(idxType.getShape().drop_back());
    llvm::append_range(want, dataType.getShape().drop_front(bd + m));
    if (type.getShape() != ArrayRef<int64_t>(want))
      return rewriter.notifyMatchFailure(op, "unexpected result shape");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    for (int64_t j = 0; j < m; ++j)
      if (dataType.getDimSize(bd + j) == 0)
        return rewriter.notifyMatchFailure(op, "every index is out of range");
    Value indices = op.getIndices();
    rewriter.replaceOp(
        op,
        gatherGeneric(
            rewriter, op.getLoc(), type, op.getData(), Value(), {},
            [&](OpBuilder &b, Location l, ValueRange idx, Value) {
              SmallVector<Value> at(idx.take_front(bd));
              SmallVector<Value> tuple(idx.take_front(q - 1));
              tuple.push_back(Value());
              for (int64_t j = 0; j < m; ++j) {
                tuple.back() = b.create<arith::ConstantIndexOp>(l, j);
                Value v = b.create<tensor::ExtractOp>(l, indices, tuple);
                at.push_back(wrapIndex(b, l, v, dataType.getDimSize(bd + j)));
              }
              llvm::append_range(at, idx.drop_front(q - 1));
              return at;
            }));
    return success();
  }
};

/// How a scatter combines an update with the existing element.
enum class Reduction { None, Add, Mul, Max, Min };

std::optional<Reduction> parseReduction(std::optional<StringRef> attr) {
  StringRef r = attr.value_or("none");
  if (r == "none")
    return Reduction::None;
  if (r == "add")
    return Reduction::Add;
  if (r == "mul")
    return Reduction::Mul;
  if (r == "max")
    return Reduction::Max;
  if (r == "min")
    return Reduction::Min;
  return std::nullopt;
}

/// `dst (op) src` as the reference's combine: bool add/max are `or`,
/// mul/min `and`; integers wrap; max/min keep dst unless src is strictly
/// beyond it (so a NaN dst stays).
Value combine(OpBuilder &b, Location loc, Reduction red, Value dst, Value src) {
  Type t = dst.getType();
  bool isFloat = isa<FloatType>(t);
  if (t.isInteger(1)) {
    if (red == Reduction::Add || red == Reduction::Max)
      return b.create<arith::OrIOp>(loc, dst, src);
    return b.create<arith::AndIOp>(loc, dst, src);
  }
  auto less = [&](Value x, Value y) -> Value {
    if (isFloat)
      return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x, y);
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, x, y);
  };
  switch (red) {
  case Reduction::Add:
    return isFloat ? b.create<arith::AddFOp>(loc, dst, src).getResult()
                   : b.create<arith::AddIOp>(loc, dst, src).getResult();
  case Reduction::Mul:
    return isFloat ? b.create<arith::MulFOp>(loc, dst, src).getResult()
                   : b.create<arith::MulIOp>(loc, dst, src).getResult();
  case Reduction::Max:
    return b.create<arith::SelectOp>(loc, less(dst, src), src, dst);
  case Reduction::Min:
    return b.create<arith::SelectOp>(loc, less(src, dst), src, dst);
  case Reduction::None:
    break;
  }
  return src;
}

/// A copy of \p data to scatter into.
Value copyOf(OpBuilder &b, Location loc, Value data) {
  auto type = cast<RankedTensorType>(data.getType());
  return b.create<linalg::CopyOp>(loc, data, emptyTensor(b, loc, type))
      .getResult(0);
}

/// scatter_nd: for each index tuple in order, the addressed slice of the
/// copy of data becomes (or is combined with) the matching update slice.
struct ScatterNDPattern : OpRewritePattern<ScatterNDOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ScatterNDOp op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op))
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto dataType = staticType(op.getData());
    auto idxType = staticType(op.getIndices());
    auto updType = staticType(op.getUpdates());
    std::optional<Reduction> red = parseReduction(op.getReduction());
    int64_t r = dataType.getRank(), q = idxType.getRank();
    if (!red || r < 1 || q < 1 || op.getResult().getType() != dataType ||
        updType.getElementType() != dataType.getElementType())
      return rewriter.notifyMatchFailure(op, "unexpected operands");
    int64_t k = idxType.getDimSize(q - 1);
    SmallVector<int64_t> want(idxType.getShape().drop_back());
    llvm::append_range(want, dataType.getShape().drop_front(k));
    if (k < 1 || k > r || updType.getShape() != ArrayRef<int64_t>(want))
      return rewriter.notifyMatchFailure(op, "unexpected shapes");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    int64_t count = idxType.getNumElements() / k;
    Location loc = op.getLoc();
    Type elem = dataType.getElementType();
    ArrayRef<int64_t> sliceShape = dataType.getShape().drop_front(k);
    auto sliceType = RankedTensorType::get(sliceShape, elem);
    Value res = copyOf(rewriter, loc, op.getData());
    if (count == 0 || sliceType.getNumElements() == 0) {
      rewriter.replaceOp(op, res);
      return success();
    }
    for (int64_t j = 0; j < k; ++j)
      if (dataType.getDimSize(j) == 0)
        return rewriter.notifyMatchFailure(op, "every index is out of range");
    Value idx2 = reshapeByCopy(
        rewriter, loc, op.getIndices(),
        RankedTensorType::get({count, k}, idxType.getElementType()));
    SmallVector<int64_t> upd2Shape{count};
    llvm::append_range(upd2Shape, sliceShape);
    Value upd2 = reshapeByCopy(rewriter, loc, op.getUpdates(),
                               RankedTensorType::get(upd2Shape, elem));

    auto cst = [&](OpBuilder &b, Location l, int64_t v) {
      return b.create<arith::ConstantIndexOp>(l, v).getResult();
    };
    SmallVector<int64_t> sizes(k, 1);
    llvm::append_range(sizes, sliceShape);
    auto loop = rewriter.create<scf::ForOp>(
        loc, cst(rewriter, loc, 0), cst(rewriter, loc, count),
        cst(rewriter, loc, 1), ValueRange{res},
        [&](OpBuilder &b, Location l, Value i, ValueRange carried) {
          SmallVector<OpFoldResult> offsets;
          for (int64_t j = 0; j < k; ++j) {
            Value v = b.create<tensor::ExtractOp>(l, idx2,
                                                  ValueRange{i, cst(b, l, j)});
            offsets.push_back(wrapIndex(b, l, v, dataType.getDimSize(j)));
          }
          offsets.append(sliceShape.size(), b.getIndexAttr(0));
          SmallVector<OpFoldResult> updOffsets{i};
          updOffsets.append(sliceShape.size(), b.getIndexAttr(0));
          SmallVector<int64_t> updSizes{1};
          llvm::append_range(updSizes, sliceShape);
          Value upd = b.create<tensor::ExtractSliceOp>(
              l, sliceType, upd2, updOffsets, indexAttrs(b, updSizes),
              SmallVector<OpFoldResult>(updSizes.size(), b.getIndexAttr(1)));
          SmallVector<OpFoldResult> strides(r, b.getIndexAttr(1));
          if (*red != Reduction::None) {
            Value cur = b.create<tensor::ExtractSliceOp>(
                l, sliceType, carried[0], offsets, indexAttrs(b, sizes),
                strides);
            unsigned n = sliceShape.size();
            SmallVector<utils::IteratorType> iters(
                n, utils::IteratorType::parallel);
            AffineMap id = b.getMultiDimIdentityMap(n);
            upd =
                b.create<linalg::GenericOp>(
                     l, sliceType, upd, cur, ArrayRef<AffineMap>{id, id}, iters,
                     [&](OpBuilder &nb, Location nl, ValueRange args) {
                       nb.create<linalg::YieldOp>(
                           nl, combine(nb, nl, *red, args[1], args[0]));
                     })
                    .getResult(0);
          }
          Value next = b.create<tensor::InsertSliceOp>(
              l, upd, carried[0], offsets, indexAttrs(b, sizes), strides);
          b.create<scf::YieldOp>(l, next);
        });
    rewriter.replaceOp(op, loop.getResult(0));
    return success();
  }
};

/// scatter_elements: for each index element in row-major order, the element
/// of the copy of data at its position (axis coordinate replaced by the
/// index) becomes (or is combined with) the update.
struct ScatterElementsPattern : OpRewritePattern<ScatterElementsOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ScatterElementsOp op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op))
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto dataType = staticType(op.getData());
    auto idxType = staticType(op.getIndices());
    auto updType = staticType(op.getUpdates());
    std::optional<Reduction> red = parseReduction(op.getReduction());
    int64_t r = dataType.getRank();
    std::optional<int64_t> axis =
        normalizeAxis(int64_t(op.getAxis().value_or(0)), r);
    if (!red || r < 1 || !axis || op.getResult().getType() != dataType ||
        updType.getElementType() != dataType.getElementType() ||
        updType.getShape() != idxType.getShape() ||
        !fitsElementwise(dataType, idxType, *axis))
      return rewriter.notifyMatchFailure(op, "unexpected operands");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    Location loc = op.getLoc();
    Value res = copyOf(rewriter, loc, op.getData());
    if (idxType.getNumElements() == 0) {
      rewriter.replaceOp(op, res);
      return success();
    }
    int64_t a = *axis, size = dataType.getDimSize(a);
    if (size == 0)
      return rewriter.notifyMatchFailure(op, "every index is out of range");
    SmallVector<Value> lbs, ubs, steps;
    for (int64_t d = 0; d < r; ++d) {
      lbs.push_back(rewriter.create<arith::ConstantIndexOp>(loc, 0));
      ubs.push_back(
          rewriter.create<arith::ConstantIndexOp>(loc, idxType.getDimSize(d)));
      steps.push_back(rewriter.create<arith::ConstantIndexOp>(loc, 1));
    }
    Value indices = op.getIndices(), updates = op.getUpdates();
    scf::LoopNest nest = scf::buildLoopNest(
        rewriter, loc, lbs, ubs, steps, ValueRange{res},
        [&](OpBuilder &b, Location l, ValueRange ivs,
            ValueRange carried) -> scf::ValueVector {
          Value i = b.create<tensor::ExtractOp>(l, indices, ivs);
          Value u = b.create<tensor::ExtractOp>(l, updates, ivs);
          SmallVector<Value> at(ivs);
          at[a] = wrapIndex(b, l, i, size);
          if (*red != Reduction::None) {
            Value cur = b.create<tensor::ExtractOp>(l, carried[0], at);
            u = combine(b, l, *red, cur, u);
          }
          return {b.create<tensor::InsertOp>(l, u, carried[0], at)};
        });
    rewriter.replaceOp(op, nest.results);
    return success();
  }
};

} // namespace

void populateGatherScatterLowering(RewritePatternSet &patterns) {
  patterns.add<GatherPattern, GatherElementsPattern, GatherNDPattern,
               ScatterNDPattern, ScatterElementsPattern>(patterns.getContext());
}

} // namespace kiln::cpu
