//===- Indexing.cpp - Lowering of shape queries, generators, rearrangements
//===//
//
// Shape, Size, Identity, Dropout (inference), ConstantOfShape, Range,
// EyeLike, OneHot, Trilu, DepthToSpace, SpaceToDepth and the layout reorders
// (to_blocked, from_blocked) on tensors, matching
// runtime/kernels/IndexingShape.cpp (gathers and scatters are in
// IndexingGather.cpp, Resize in IndexingResize.cpp):
//
//   shape(x), size(x)        -> arith.constant (the shapes are static)
//   identity(x), dropout(x)  -> x (and a true mask)
//   constant_of_shape        -> linalg.fill
//   range, eye_like, one_hot, trilu
//                            -> linalg.generic computing each element from
//                               linalg.index
//   depth_to_space(x), space_to_depth(x)
//                            -> linalg.generic reading x through a floordiv /
//                               mod affine map
//
// NonZero has a data-dependent result shape and stays a reference step.
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

/// The only element of \p t (rank 0, or rank 1 with one element), or null.
Value extractScalar(OpBuilder &b, Location loc, Value t) {
  auto type = staticType(t);
  if (!type || type.getNumElements() != 1 || type.getRank() > 1)
    return {};
  SmallVector<Value> at(type.getRank(),
                        b.create<arith::ConstantIndexOp>(loc, 0));
  return b.create<tensor::ExtractOp>(loc, t, at);
}

/// The constant scalar value of \p t, if it is one.
std::optional<double> constantScalar(Value t) {
  DenseElementsAttr attr = getConstantValue(t);
  if (!attr || attr.getNumElements() != 1)
    return std::nullopt;
  Attribute v = *attr.value_begin<Attribute>();
  if (auto f = dyn_cast<FloatAttr>(v))
    return f.getValueAsDouble();
  if (auto i = dyn_cast<IntegerAttr>(v))
    return attr.getElementType().isInteger(1)
               ? double(i.getValue().getZExtValue())
               : double(i.getValue().getSExtValue());
  return std::nullopt;
}

/// A linalg.generic over \p type without inputs whose element is
/// `body(linalg.index of every dimension)`.
Value generateByIndex(
    OpBuilder &b, Location loc, RankedTensorType type, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps,
    function_ref<Value(OpBuilder &, Location, ValueRange, ValueRange)> body) {
  unsigned rank = type.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(
          loc, type, inputs, emptyTensor(b, loc, type), maps, iters,
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            SmallVector<Value> idx;
            for (unsigned d = 0; d < rank; ++d)
              idx.push_back(nb.create<linalg::IndexOp>(nl, d));
            nb.create<linalg::YieldOp>(nl, body(nb, nl, idx, args.drop_back()));
          })
      .getResult(0);
}

Value toI64(OpBuilder &b, Location loc, Value index) {
  return b.create<arith::IndexCastOp>(loc, b.getI64Type(), index);
}

/// shape(x) -> its dimensions [start, end) as a constant.
struct ShapePattern : OpRewritePattern<ShapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ShapeOp op,
                                PatternRewriter &rewriter) const override {
    auto inType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto type = staticType(op.getResult());
    if (!inType || !inType.hasStaticShape() || !type)
      return rewriter.notifyMatchFailure(op, "shapes are not static");
    int64_t rank = inType.getRank();
    auto clampAxis = [rank](int64_t a) {
      return std::clamp<int64_t>(a < 0 ? a + rank : a, 0, rank);
    };
    int64_t start = clampAxis(int64_t(op.getStart().value_or(0)));
    int64_t end = clampAxis(op.getEnd() ? int64_t(*op.getEnd()) : rank);
    SmallVector<int64_t> dims;
    for (int64_t d = start; d < end; ++d)
      dims.push_back(inType.getDimSize(d));
    if (type.getShape() != ArrayRef<int64_t>{int64_t(dims.size())} ||
        !type.getElementType().isInteger(64))
      return rewriter.notifyMatchFailure(op, "unexpected result type");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, DenseElementsAttr::get(type, ArrayRef<int64_t>(dims)));
    return success();
  }
};

/// size(x) -> its element count as a constant.
struct SizePattern : OpRewritePattern<SizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SizeOp op,
                                PatternRewriter &rewriter) const override {
    auto inType = dyn_cast<RankedTensorType>(op.getData().getType());
    auto type = staticType(op.getResult());
    if (!inType || !inType.hasStaticShape() || !type || type.getRank() != 0 ||
        !type.getElementType().isInteger(64))
      return rewriter.notifyMatchFailure(op, "unexpected types");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, DenseElementsAttr::get(type, inType.getNumElements()));
    return success();
  }
};

/// identity(x) -> x.
struct IdentityPattern : OpRewritePattern<IdentityOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(IdentityOp op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op) ||
        op.getInput().getType() != op.getResult().getType())
      return rewriter.notifyMatchFailure(op, "unexpected types");
    rewriter.replaceOp(op, op.getInput());
    return success();
  }
};

/// dropout(x) in inference -> x, and an all-true mask.
struct DropoutPattern : OpRewritePattern<DropoutOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DropoutOp op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op) ||
        op.getData().getType() != op.getOutput().getType())
      return rewriter.notifyMatchFailure(op, "unexpected types");
    // Training mode with a nonzero ratio is an error in the reference.
    if (!isa<NoneType>(op.getTrainingMode().getType())) {
      std::optional<double> training = constantScalar(op.getTrainingMode());
      if (!training)
        return rewriter.notifyMatchFailure(op, "training_mode is not constant");
      if (*training != 0) {
        std::optional<double> ratio = 0.5;
        if (!isa<NoneType>(op.getRatio().getType()))
          ratio = constantScalar(op.getRatio());
        if (!ratio || *ratio != 0)
          return rewriter.notifyMatchFailure(op, "training mode drops values");
      }
    }
    SmallVector<Value> results{op.getData()};
    if (Value mask = op.getMask()) {
      auto maskType = staticType(mask);
      results.push_back(filledTensor(
          rewriter, op.getLoc(), maskType,
          scalarConstant(rewriter, op.getLoc(), maskType.getElementType(), 1)));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// constant_of_shape -> fill with the value attribute (f32 0 when absent).
struct ConstantOfShapePattern : OpRewritePattern<ConstantOfShapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConstantOfShapeOp op,
                                PatternRewriter &rewriter) const override {
    auto type = staticType(op.getResult());
    if (!hasCompilableTypes(op) || !type)
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    std::optional<SmallVector<int64_t>> shape = getConstantInts(op.getInput());
    if (!shape)
      return rewriter.notifyMatchFailure(op, "the shape is not constant");
    if (ArrayRef<int64_t>(*shape) != type.getShape())
      return rewriter.notifyMatchFailure(op, "unexpected result shape");
    Type elem = type.getElementType();
    Location loc = op.getLoc();
    Value value;
    if (ElementsAttr attr = op.getValueAttr()) {
      auto dense = dyn_cast<DenseElementsAttr>(attr);
      if (!dense || dense.getNumElements() != 1 ||
          dense.getElementType() != elem)
        return rewriter.notifyMatchFailure(op, "unexpected value attribute");
      value = rewriter.create<arith::ConstantOp>(
          loc, cast<TypedAttr>(*dense.value_begin<Attribute>()));
    } else {
      if (!elem.isF32())
        return rewriter.notifyMatchFailure(op, "unexpected result type");
      value = scalarConstant(rewriter, loc, elem, 0);
    }
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    rewriter.replaceOp(op, filledTensor(rewriter, loc, type, value));
    return success();
  }
};

/// range(start, limit, delta)[i] = start + i * delta, in f64 for floats
/// (then rounded) and in wrapping i64 for integers, as the reference.
struct RangePattern : OpRewritePattern<RangeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(RangeOp op,
                                PatternRewriter &rewriter) const override {
    auto type = staticType(op.getResult());
    if (!hasCompilableTypes(op) || type.getRank() != 1)
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    Type elem = type.getElementType();
    if (elem.isInteger(1))
      return rewriter.notifyMatchFailure(op, "the reference rejects bool");
    for (Value v : {op.getStart(), op.getLimit(), op.getDelta()}) {
      auto t = staticType(v);
      if (t.getElementType() != elem || t.getNumElements() != 1 ||
          t.getRank() > 1)
        return rewriter.notifyMatchFailure(op, "expected scalar operands");
    }
    // The count depends on the values: check it as the reference computes
    // it, which needs constant operands.
    std::optional<double> s = constantScalar(op.getStart()),
                          l = constantScalar(op.getLimit()),
                          d = constantScalar(op.getDelta());
    if (!s || !l || !d)
      return rewriter.notifyMatchFailure(op, "the bounds are not constant");
    if (isa<FloatType>(elem)) {
      if (*d == 0 || int64_t(std::max(std::ceil((*l - *s) / *d), 0.0)) !=
                         type.getDimSize(0))
        return rewriter.notifyMatchFailure(op, "unexpected result shape");
    } else {
      std::optional<SmallVector<int64_t>> si = getConstantInts(op.getStart()),
                                          li = getConstantInts(op.getLimit()),
                                          di = getConstantInts(op.getDelta());
      if (!si || !li || !di || (*di)[0] == 0)
        return rewriter.notifyMatchFailure(op, "unexpected bounds");
      // ceil((limit - start) / delta), clamped at 0, in 128-bit to avoid
      // overflow.
      __int128 span = __int128((*li)[0]) - (*si)[0], step = (*di)[0];
      __int128 n = span / step + (span % step != 0 && (span < 0) == (step < 0));
      if (std::max<__int128>(n, 0) != type.getDimSize(0))
        return rewriter.notifyMatchFailure(op, "unexpected result shape");
    }
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    Location loc = op.getLoc();
    Type acc = isa<FloatType>(elem) ? Type(rewriter.getF64Type())
                                    : Type(rewriter.getI64Type());
    Value start = convertScalar(
        rewriter, loc, extractScalar(rewriter, loc, op.getStart()), acc);
    Value delta = convertScalar(
        rewriter, loc, extractScalar(rewriter, loc, op.getDelta()), acc);
    rewriter.replaceOp(
        op, generateByIndex(
                rewriter, loc, type, {}, {},
                [&](OpBuilder &b, Location l, ValueRange idx, ValueRange) {
                  Value i = convertScalar(b, l, toI64(b, l, idx[0]), acc);
                  Value r;
                  if (isa<FloatType>(acc))
                    r = b.create<arith::AddFOp>(
                        l, start, b.create<arith::MulFOp>(l, i, delta));
                  else
                    r = b.create<arith::AddIOp>(
                        l, start, b.create<arith::MulIOp>(l, i, delta));
                  return convertScalar(b, l, r, elem);
                }));
    return success();
  }
};

/// eye_like(x)[i, j] = (j - i == k).
struct EyeLikePattern : OpRewritePattern<EyeLikeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(EyeLikeOp op,
                                PatternRewriter &rewriter) const override {
    auto type = staticType(op.getResult());
    if (!hasCompilableTypes(op) || type.getRank() != 2)
      return rewriter.notifyMatchFailure(op, "expected a 2-D result");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    int64_t k = int64_t(op.getK().value_or(0));
    Type elem = type.getElementType();
    rewriter.replaceOp(
        op, generateByIndex(
                rewriter, op.getLoc(), type, {}, {},
                [&](OpBuilder &b, Location l, ValueRange idx, ValueRange) {
                  Value diff = b.create<arith::SubIOp>(l, idx[1], idx[0]);
                  Value on = b.create<arith::CmpIOp>(
                      l, arith::CmpIPredicate::eq, diff,
                      b.create<arith::ConstantIndexOp>(l, k));
                  return b.create<arith::SelectOp>(
                      l, on, scalarConstant(b, l, elem, 1),
                      scalarConstant(b, l, elem, 0));
                }));
    return success();
  }
};

/// one_hot: element (.., c, ..) with c on the new axis is values[1] when the
/// index (in f64, negatives counted from depth) equals c, values[0]
/// otherwise. Non-integral and out-of-range indices match no c.
struct OneHotPattern : OpRewritePattern<OneHotOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(OneHotOp op,
                                PatternRewriter &rewriter) const override {
    auto type = staticType(op.getResult());
    if (!hasCompilableTypes(op))
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto idxType = staticType(op.getIndices());
    auto valuesType = staticType(op.getValues());
    int64_t rank = idxType.getRank();
    int64_t axis = int64_t(op.getAxis().value_or(-1));
    if (axis < -(rank + 1) || axis > rank)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    if (axis < 0)
      axis += rank + 1;
    if (valuesType.getRank() != 1 || valuesType.getNumElements() != 2 ||
        valuesType.getElementType() != type.getElementType() ||
        type.getRank() != rank + 1)
      return rewriter.notifyMatchFailure(op, "unexpected types");
    int64_t depth = type.getDimSize(axis);
    std::optional<double> d = constantScalar(op.getDepth());
    if (!d)
      return rewriter.notifyMatchFailure(op, "the depth is not constant");
    if (!(*d >= 1) || int64_t(*d) != depth)
      return rewriter.notifyMatchFailure(op, "unexpected depth");
    if (depth < 1)
      return rewriter.notifyMatchFailure(op, "the reference rejects depth 0");
    SmallVector<AffineExpr> idxExprs;
    for (int64_t d = 0; d <= rank; ++d) {
      if (d == axis)
        continue;
      if (type.getDimSize(d) != idxType.getDimSize(d - (d > axis)))
        return rewriter.notifyMatchFailure(op, "unexpected result shape");
      idxExprs.push_back(rewriter.getAffineDimExpr(d));
    }
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    Location loc = op.getLoc();
    auto at = [&](int64_t i) {
      Value c = rewriter.create<arith::ConstantIndexOp>(loc, i);
      return rewriter.create<tensor::ExtractOp>(loc, op.getValues(), c)
          .getResult();
    };
    Value off = at(0), on = at(1);
    Type f64 = rewriter.getF64Type();
    auto idxMap = AffineMap::get(rank + 1, 0, idxExprs, getContext());
    rewriter.replaceOp(
        op, generateByIndex(
                rewriter, loc, type, op.getIndices(), idxMap,
                [&](OpBuilder &b, Location l, ValueRange idx, ValueRange in) {
                  Value v = convertScalar(b, l, in[0], f64);
                  Value zero = scalarConstant(b, l, f64, 0);
                  Value neg = b.create<arith::CmpFOp>(
                      l, arith::CmpFPredicate::OLT, v, zero);
                  Value wrapped = b.create<arith::AddFOp>(
                      l, v, scalarConstant(b, l, f64, double(depth)));
                  v = b.create<arith::SelectOp>(l, neg, wrapped, v);
                  // Equal to an integer in [0, depth): in range and integral.
                  Value c = convertScalar(b, l, toI64(b, l, idx[axis]), f64);
                  Value hit = b.create<arith::CmpFOp>(
                      l, arith::CmpFPredicate::OEQ, v, c);
                  return b.create<arith::SelectOp>(l, hit, on, off);
                }));
    return success();
  }
};

/// trilu(x, k): keeps j - i >= k (upper) or j - i <= k (lower) in the last
/// two dimensions, zero elsewhere. k may be a runtime scalar.
struct TriluPattern : OpRewritePattern<TriluOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(TriluOp op,
                                PatternRewriter &rewriter) const override {
    auto type = staticType(op.getResult());
    if (!hasCompilableTypes(op) || type.getRank() < 2 ||
        op.getInput().getType() != type)
      return rewriter.notifyMatchFailure(op, "expected a rank >= 2 input");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    Location loc = op.getLoc();
    Type i64 = rewriter.getI64Type();
    Value k = scalarConstant(rewriter, loc, i64, 0);
    if (!isa<NoneType>(op.getK().getType())) {
      auto kType = staticType(op.getK());
      Type ke = kType.getElementType();
      if (!ke.isInteger(64) && !ke.isInteger(32))
        return rewriter.notifyMatchFailure(op, "expected an integer k");
      Value v = extractScalar(rewriter, loc, op.getK());
      if (!v)
        return rewriter.notifyMatchFailure(op, "expected a scalar k");
      k = convertScalar(rewriter, loc, v, i64);
    }
    bool upper = op.getUpper().value_or(1) != 0;
    int64_t rank = type.getRank();
    Type elem = type.getElementType();
    rewriter.replaceOp(
        op, generateByIndex(
                rewriter, loc, type, op.getInput(),
                rewriter.getMultiDimIdentityMap(rank),
                [&](OpBuilder &b, Location l, ValueRange idx, ValueRange in) {
                  Value diff = toI64(
                      b, l,
                      b.create<arith::SubIOp>(l, idx[rank - 1], idx[rank - 2]));
                  Value keep =
                      b.create<arith::CmpIOp>(l,
                                              upper ? arith::CmpIPredicate::sge
                                                    : arith::CmpIPredicate::sle,
                                              diff, k);
                  return b.create<arith::SelectOp>(
                      l, keep, in[0], scalarConstant(b, l, elem, 0));
                }));
    return success();
  }
};

/// Reads the blocksize of DepthToSpace/SpaceToDepth and checks the 4-D
/// input and result shapes; 0 when they do not fit.
template <typename OpTy> int64_t blockGeometry(OpTy op, bool toSpace) {
  auto in = staticType(op->getOperand(0));
  auto out = staticType(op->getResult(0));
  int64_t b = int64_t(op.getBlocksize().value_or(0));
  if (!hasCompilableTypes(op) || in.getRank() != 4 || b < 1)
    return 0;
  auto [n, c, h, w] = std::array<int64_t, 4>{
      in.getDimSize(0), in.getDimSize(1), in.getDimSize(2), in.getDimSize(3)};
  SmallVector<int64_t> want;
  if (toSpace) {
    if (c % (b * b) != 0)
      return 0;
    want = {n, c / (b * b), h * b, w * b};
  } else {
    if (h % b != 0 || w % b != 0)
      return 0;
    want = {n, c * b * b, h / b, w / b};
  }
  return out.getShape() == ArrayRef<int64_t>(want) ? b : 0;
}

/// depth_to_space: out[n, c, y, x] = in[n, channel(y % b, x % b, c), y / b,
/// x / b], channel (i, j, c) in DCR order or (c, i, j) in CRD order.
struct DepthToSpacePattern : OpRewritePattern<DepthToSpaceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DepthToSpaceOp op,
                                PatternRewriter &rewriter) const override {
    int64_t b = blockGeometry(op, /*toSpace=*/true);
    StringRef mode = op.getMode().value_or("DCR");
    if (!b || (mode != "DCR" && mode != "CRD"))
      return rewriter.notifyMatchFailure(op, "unexpected shapes or mode");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    auto type = staticType(op.getResult());
    int64_t oc = type.getDimSize(1);
    AffineExpr n = rewriter.getAffineDimExpr(0),
               c = rewriter.getAffineDimExpr(1),
               y = rewriter.getAffineDimExpr(2),
               x = rewriter.getAffineDimExpr(3);
    AffineExpr i = y % b, j = x % b;
    AffineExpr ch = mode == "DCR" ? (i * b + j) * oc + c : (c * b + i) * b + j;
    auto map = AffineMap::get(4, 0, {n, ch, y.floorDiv(b), x.floorDiv(b)},
                              getContext());
    rewriter.replaceOp(
        op, gatherByMap(rewriter, op.getLoc(), op.getInput(), map, type));
    return success();
  }
};

/// space_to_depth: out[n, (i * b + j) * C + c, y, x] = in[n, c, y * b + i,
/// x * b + j].
struct SpaceToDepthPattern : OpRewritePattern<SpaceToDepthOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SpaceToDepthOp op,
                                PatternRewriter &rewriter) const override {
    int64_t b = blockGeometry(op, /*toSpace=*/false);
    if (!b)
      return rewriter.notifyMatchFailure(op, "unexpected shapes");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    auto type = staticType(op.getResult());
    int64_t c = staticType(op.getInput()).getDimSize(1);
    AffineExpr n = rewriter.getAffineDimExpr(0),
               ch = rewriter.getAffineDimExpr(1),
               y = rewriter.getAffineDimExpr(2),
               x = rewriter.getAffineDimExpr(3);
    AffineExpr ij = ch.floorDiv(c);
    auto map = AffineMap::get(
        4, 0, {n, ch % c, y * b + ij.floorDiv(b), x * b + ij % b},
        getContext());
    rewriter.replaceOp(
        op, gatherByMap(rewriter, op.getLoc(), op.getInput(), map, type));
    return success();
  }
};

/// to_blocked: out[n, cb, y, x, i] = in[n, cb * c + i, y, x];
/// from_blocked: out[n, ch, y, x] = in[n, ch / c, y, x, ch % c].
template <typename OpTy> struct ReorderPattern : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    constexpr bool toBlocked = std::is_same_v<OpTy, ToBlockedOp>;
    if (!hasCompilableTypes(op))
      return rewriter.notifyMatchFailure(op, "unexpected types");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    auto type = staticType(op.getResult());
    auto blocked = toBlocked ? type : staticType(op.getInput());
    int64_t c = blocked.getDimSize(4);
    auto d = [&](unsigned i) { return rewriter.getAffineDimExpr(i); };
    SmallVector<AffineExpr> from;
    if (toBlocked)
      from = {d(0), d(1) * c + d(4), d(2), d(3)};
    else
      from = {d(0), d(1).floorDiv(c), d(2), d(3), d(1) % c};
    auto map = AffineMap::get(type.getRank(), 0, from, this->getContext());
    rewriter.replaceOp(
        op, gatherByMap(rewriter, op.getLoc(), op.getInput(), map, type));
    return success();
  }
};

} // namespace

void populateIndexingLowering(RewritePatternSet &patterns) {
  populateGatherScatterLowering(patterns);
  populateResizeLowering(patterns);
  patterns
      .add<ShapePattern, SizePattern, IdentityPattern, DropoutPattern,
           ConstantOfShapePattern, RangePattern, EyeLikePattern, OneHotPattern,
           TriluPattern, DepthToSpacePattern, SpaceToDepthPattern,
           ReorderPattern<ToBlockedOp>, ReorderPattern<FromBlockedOp>>(
          patterns.getContext());
}

} // namespace kiln::cpu
