//===- ReduceReshapeReduce.cpp - Lowering of Reduce*, ArgMax, CumSum ------===//
//
// The reductions become linalg on tensors that compute exactly what the
// reference kernels (runtime/kernels/ReduceReshapeReduce.cpp) compute, so
// that compiled and interpreted results agree bit for bit:
//
//   reduce_sum(x : f32, axes) -> linalg.generic over the shape of x, reduced
//       dimensions as reduction loops, accumulating in f64 in row-major
//       order; then truncf and a reshape to the keepdims shape
//
// Float reductions other than max/min accumulate in f64, like the reference;
// so do integer means, norms and logs, which convert back saturating.
// Integer sums, products and squares wrap in the element type (the low bits
// of the reference's 64-bit wrap). ArgMax/ArgMin carry (best, index) pairs.
// CumSum is a loop nest over the flattened input carrying the running sum.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>
#include <functional>
#include <numeric>

using namespace mlir;

namespace kiln::cpu {

namespace {

enum class ReduceKind {
  Sum,
  Mean,
  Max,
  Min,
  Prod,
  L1,
  L2,
  LogSum,
  LogSumExp,
  SumSquare
};

bool isExtreme(ReduceKind k) {
  return k == ReduceKind::Max || k == ReduceKind::Min;
}

/// The type \p kind accumulates elements of type \p elem in (see the file
/// header).
Type accumulatorType(ReduceKind kind, Type elem) {
  if (isExtreme(kind))
    return elem;
  bool wraps = kind == ReduceKind::Sum || kind == ReduceKind::Prod ||
               kind == ReduceKind::L1 || kind == ReduceKind::SumSquare;
  if (isa<IntegerType>(elem) && wraps)
    return elem;
  return Float64Type::get(elem.getContext());
}

/// The largest (or lowest) value of \p type: +-inf for floats.
Value extremeConstant(OpBuilder &b, Location loc, Type type, bool largest) {
  if (auto f = dyn_cast<FloatType>(type))
    return scalarConstant(b, loc, f, largest ? INFINITY : -INFINITY);
  unsigned w = type.getIntOrFloatBitWidth();
  // For bool (i1) the extremes are true and false.
  APInt v = w == 1    ? APInt(1, largest ? 1 : 0)
            : largest ? APInt::getSignedMaxValue(w)
                      : APInt::getSignedMinValue(w);
  return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(type, v));
}

/// Max or min step with the reference's NaN rule: a NaN, once held, stays;
/// a NaN element replaces a number.
Value extremeStep(OpBuilder &b, Location loc, Value acc, Value v, bool isMax) {
  Type t = v.getType();
  if (isa<FloatType>(t)) {
    auto pred = isMax ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT;
    Value better = b.create<arith::CmpFOp>(loc, pred, v, acc);
    Value nan = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, v, v);
    Value take = b.create<arith::OrIOp>(loc, better, nan);
    return b.create<arith::SelectOp>(loc, take, v, acc);
  }
  if (t.isInteger(1))
    return isMax ? b.create<arith::MaxUIOp>(loc, acc, v).getResult()
                 : b.create<arith::MinUIOp>(loc, acc, v).getResult();
  return isMax ? b.create<arith::MaxSIOp>(loc, acc, v).getResult()
               : b.create<arith::MinSIOp>(loc, acc, v).getResult();
}

Value add(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return b.create<arith::AddFOp>(loc, x, y);
  return b.create<arith::AddIOp>(loc, x, y);
}

Value mul(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return b.create<arith::MulFOp>(loc, x, y);
  return b.create<arith::MulIOp>(loc, x, y);
}

/// One fold step `acc (+) term(v)` of \p kind; \p v is already in the
/// accumulator type, \p shift is the LogSumExp shift.
Value foldStep(OpBuilder &b, Location loc, ReduceKind kind, Value acc, Value v,
               Value shift) {
  switch (kind) {
  case ReduceKind::Max:
  case ReduceKind::Min:
    return extremeStep(b, loc, acc, v, kind == ReduceKind::Max);
  case ReduceKind::Prod:
    return mul(b, loc, acc, v);
  case ReduceKind::L1: {
    if (isa<FloatType>(v.getType()))
      return add(b, loc, acc, b.create<math::AbsFOp>(loc, v));
    Value zero = scalarConstant(b, loc, v.getType(), 0);
    Value neg =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, v, zero);
    Value minus = b.create<arith::SubIOp>(loc, zero, v);
    return add(b, loc, acc, b.create<arith::SelectOp>(loc, neg, minus, v));
  }
  case ReduceKind::L2:
  case ReduceKind::SumSquare:
    return add(b, loc, acc, mul(b, loc, v, v));
  case ReduceKind::LogSumExp: {
    Value d = b.create<arith::SubFOp>(loc, v, shift);
    return add(b, loc, acc, b.create<math::ExpOp>(loc, d));
  }
  default:
    return add(b, loc, acc, v);
  }
}

/// f64 \p v to integer type \p to as the reference's castFromDouble does:
/// NaN is 0, out-of-range values saturate, the rest truncate toward zero.
Value saturatingToInt(OpBuilder &b, Location loc, Value v, IntegerType to) {
  unsigned w = to.getWidth();
  APInt lo = APInt::getSignedMinValue(w), hi = APInt::getSignedMaxValue(w);
  Type f64 = v.getType();
  auto cmp = [&](arith::CmpFPredicate p, double c) {
    return b.create<arith::CmpFOp>(loc, p, v, scalarConstant(b, loc, f64, c));
  };
  Value isLow = cmp(arith::CmpFPredicate::OLE, double(lo.getSExtValue()));
  Value isHigh = cmp(arith::CmpFPredicate::OGE, double(hi.getSExtValue()));
  Value isNan = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, v, v);
  // fptosi is poison out of range; the selects below never pick it then.
  Value r = b.create<arith::FPToSIOp>(loc, to, v);
  r = b.create<arith::SelectOp>(
      loc, isLow, b.create<arith::ConstantOp>(loc, b.getIntegerAttr(to, lo)),
      r);
  r = b.create<arith::SelectOp>(
      loc, isHigh, b.create<arith::ConstantOp>(loc, b.getIntegerAttr(to, hi)),
      r);
  return b.create<arith::SelectOp>(loc, isNan, scalarConstant(b, loc, to, 0),
                                   r);
}

/// A linalg.generic over the shape of \p x whose dimensions marked in
/// \p reduced are reduction loops: the result (of the type of \p init, the
/// kept dimensions) is `fold(acc, x element, extra elements)` started from
/// \p init. Each of \p extra has the kept shape.
Value reduceDims(
    OpBuilder &b, Location loc, Value x, ArrayRef<bool> reduced, Value init,
    ValueRange extra,
    function_ref<Value(OpBuilder &, Location, Value, Value, ValueRange)> fold) {
  MLIRContext *ctx = b.getContext();
  unsigned rank = reduced.size();
  SmallVector<AffineExpr> kept;
  SmallVector<utils::IteratorType> iters;
  for (unsigned d = 0; d < rank; ++d) {
    iters.push_back(reduced[d] ? utils::IteratorType::reduction
                               : utils::IteratorType::parallel);
    if (!reduced[d])
      kept.push_back(getAffineDimExpr(d, ctx));
  }
  AffineMap keptMap = AffineMap::get(rank, 0, kept, ctx);
  SmallVector<Value> ins{x};
  ins.append(extra.begin(), extra.end());
  SmallVector<AffineMap> maps{b.getMultiDimIdentityMap(rank)};
  maps.append(extra.size() + 1, keptMap);
  auto generic = b.create<linalg::GenericOp>(
      loc, init.getType(), ins, init, maps, iters,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value r =
            fold(nb, nl, args.back(), args[0], args.slice(1, extra.size()));
        nb.create<linalg::YieldOp>(nl, r);
      });
  return generic.getResult(0);
}

/// Lowers the Reduce* op OpTy of kind \p kind.
template <typename OpTy> struct ReducePattern : OpRewritePattern<OpTy> {
  ReducePattern(MLIRContext *ctx, ReduceKind kind)
      : OpRewritePattern<OpTy>(ctx), kind(kind) {}

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op))
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto inType = staticType(op.getData());
    auto outType = staticType(op.getResult());
    Type elem = inType.getElementType();
    if (elem.isInteger(1) && !isExtreme(kind))
      return rewriter.notifyMatchFailure(op, "the reference rejects bool");
    int64_t rank = inType.getRank();
    bool keepdims = op.getKeepdims().value_or(1) != 0;
    bool noop = op.getNoopWithEmptyAxes().value_or(0) != 0;
    SmallVector<bool> reduced(rank, !noop);
    Value axesValue = op.getAxes();
    if (isa<NoneType>(axesValue.getType()) ||
        staticType(axesValue).getNumElements() == 0) {
      // No axes: every axis, or none with noop_with_empty_axes.
    } else if (std::optional<SmallVector<int64_t>> axes =
                   getConstantInts(axesValue)) {
      reduced.assign(rank, false);
      for (int64_t a : *axes) {
        std::optional<int64_t> axis = normalizeAxis(a, rank);
        if (!axis)
          return rewriter.notifyMatchFailure(op, "axis out of range");
        if (reduced[*axis])
          return rewriter.notifyMatchFailure(op, "repeated axis");
        reduced[*axis] = true;
      }
    } else {
      // The result shape depends on the axes' values: the declared type is
      // not to be trusted for whatever axes come at run time.
      return rewriter.notifyMatchFailure(op, "axes are not constant");
    }
    SmallVector<int64_t> keptShape, resultShape;
    int64_t group = 1;
    for (int64_t d = 0; d < rank; ++d) {
      if (reduced[d]) {
        group *= inType.getDimSize(d);
        if (keepdims)
          resultShape.push_back(1);
      } else {
        keptShape.push_back(inType.getDimSize(d));
        resultShape.push_back(inType.getDimSize(d));
      }
    }
    if (outType.getShape() != ArrayRef<int64_t>(resultShape))
      return rewriter.notifyMatchFailure(op, "unexpected result shape");

    Location loc = op.getLoc();
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    Value r =
        build(rewriter, loc, op.getData(), reduced, keptShape, group, elem);
    rewriter.replaceOp(op, reshapeByCopy(rewriter, loc, r, outType));
    return success();
  }

  /// The reduction of \p x over \p reduced, of shape \p keptShape and
  /// element type \p elem.
  Value build(OpBuilder &b, Location loc, Value x, ArrayRef<bool> reduced,
              ArrayRef<int64_t> keptShape, int64_t group, Type elem) const {
    Type accType = accumulatorType(kind, elem);
    auto keptAcc = RankedTensorType::get(keptShape, accType);
    auto toAcc = [&](OpBuilder &nb, Location nl, Value v) {
      return convertScalar(nb, nl, v, accType);
    };

    // LogSumExp subtracts the finite maximum (0 if there is none).
    SmallVector<Value> extra;
    if (kind == ReduceKind::LogSumExp) {
      Value init = filledTensor(b, loc, keptAcc,
                                extremeConstant(b, loc, accType, false));
      Value mx = reduceDims(
          b, loc, x, reduced, init, {},
          [&](OpBuilder &nb, Location nl, Value acc, Value v, ValueRange) {
            return extremeStep(nb, nl, acc, toAcc(nb, nl, v),
                               /*isMax=*/true);
          });
      extra.push_back(buildElementwise(
          b, loc, mx, keptAcc, [](OpBuilder &nb, Location nl, ValueRange a) {
            Value abs = nb.create<math::AbsFOp>(nl, a[0]);
            Value inf = scalarConstant(nb, nl, a[0].getType(), INFINITY);
            Value finite = nb.create<arith::CmpFOp>(
                nl, arith::CmpFPredicate::OLT, abs, inf);
            return nb.create<arith::SelectOp>(
                nl, finite, a[0], scalarConstant(nb, nl, a[0].getType(), 0));
          }));
    }

    Value start;
    if (isExtreme(kind))
      start = extremeConstant(b, loc, accType, kind == ReduceKind::Min);
    else
      start = scalarConstant(b, loc, accType, kind == ReduceKind::Prod);
    Value acc = reduceDims(
        b, loc, x, reduced, filledTensor(b, loc, keptAcc, start), extra,
        [&](OpBuilder &nb, Location nl, Value acc, Value v, ValueRange ex) {
          return foldStep(nb, nl, kind, acc, toAcc(nb, nl, v),
                          ex.empty() ? Value() : ex[0]);
        });

    bool hasFinish = kind == ReduceKind::Mean || kind == ReduceKind::L2 ||
                     kind == ReduceKind::LogSum ||
                     kind == ReduceKind::LogSumExp;
    if (!hasFinish && accType == elem)
      return acc;
    SmallVector<Value> ins{acc};
    ins.append(extra);
    auto keptElem = RankedTensorType::get(keptShape, elem);
    return buildElementwise(
        b, loc, ins, keptElem, [&](OpBuilder &nb, Location nl, ValueRange a) {
          Value r = a[0];
          switch (kind) {
          case ReduceKind::Mean:
            r = nb.create<arith::DivFOp>(
                nl, r, scalarConstant(nb, nl, accType, double(group)));
            break;
          case ReduceKind::L2:
            r = nb.create<math::SqrtOp>(nl, r);
            break;
          case ReduceKind::LogSum:
            r = nb.create<math::LogOp>(nl, r);
            break;
          case ReduceKind::LogSumExp:
            r = nb.create<arith::AddFOp>(nl, nb.create<math::LogOp>(nl, r),
                                         a[1]);
            break;
          default:
            break;
          }
          if (auto i = dyn_cast<IntegerType>(elem); i && r.getType() != elem)
            return saturatingToInt(nb, nl, r, i);
          return convertScalar(nb, nl, r, elem);
        });
  }

  ReduceKind kind;
};

/// ArgMax/ArgMin: a reduction along the axis carrying the best value (from
/// -inf/+inf, which picks element 0 just as the reference's start does) and
/// its index. NaN beats numbers; select_last_index also takes ties.
template <typename OpTy> struct ArgReducePattern : OpRewritePattern<OpTy> {
  ArgReducePattern(MLIRContext *ctx, bool isMax)
      : OpRewritePattern<OpTy>(ctx), isMax(isMax) {}

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op))
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto inType = staticType(op.getData());
    auto outType = staticType(op.getResult());
    Type elem = inType.getElementType();
    int64_t rank = inType.getRank();
    if (elem.isInteger(1) || rank == 0)
      return rewriter.notifyMatchFailure(op, "the reference rejects it");
    std::optional<int64_t> axis =
        normalizeAxis(int64_t(op.getAxis().value_or(0)), rank);
    if (!axis)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    bool keepdims = op.getKeepdims().value_or(1) != 0;
    bool last = op.getSelectLastIndex().value_or(0) != 0;
    SmallVector<bool> reduced(rank, false);
    reduced[*axis] = true;
    SmallVector<int64_t> keptShape, resultShape;
    for (int64_t d = 0; d < rank; ++d) {
      if (d != *axis)
        keptShape.push_back(inType.getDimSize(d));
      if (d != *axis || keepdims)
        resultShape.push_back(d == *axis ? 1 : inType.getDimSize(d));
    }
    if (outType.getShape() != ArrayRef<int64_t>(resultShape) ||
        !outType.getElementType().isInteger(64))
      return rewriter.notifyMatchFailure(op, "unexpected result type");
    Location loc = op.getLoc();
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    if (inType.getDimSize(*axis) == 0)
      return rewriter.notifyMatchFailure(op, "the reference rejects an empty "
                                             "axis");

    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineExpr> kept;
    SmallVector<utils::IteratorType> iters;
    for (int64_t d = 0; d < rank; ++d) {
      iters.push_back(d == *axis ? utils::IteratorType::reduction
                                 : utils::IteratorType::parallel);
      if (d != *axis)
        kept.push_back(getAffineDimExpr(d, ctx));
    }
    AffineMap keptMap = AffineMap::get(rank, 0, kept, ctx);
    Type i64 = rewriter.getI64Type();
    auto valType = RankedTensorType::get(keptShape, elem);
    auto idxType = RankedTensorType::get(keptShape, i64);
    Value valInit = filledTensor(rewriter, loc, valType,
                                 extremeConstant(rewriter, loc, elem, !isMax));
    Value idxInit = filledTensor(rewriter, loc, idxType,
                                 scalarConstant(rewriter, loc, i64, 0));
    int64_t a = *axis;
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{valType, idxType}, op.getData(),
        ValueRange{valInit, idxInit},
        ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(rank), keptMap,
                            keptMap},
        iters, [&](OpBuilder &b, Location l, ValueRange args) {
          Value v = args[0], best = args[1], idx = args[2];
          Value beats, ties;
          if (isa<FloatType>(elem)) {
            auto uno = [&](Value x) {
              return b.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNO, x,
                                             x);
            };
            Value vNan = uno(v), bestNan = uno(best);
            Value trueV = scalarConstant(b, l, b.getI1Type(), 1);
            Value bestNum = b.create<arith::XOrIOp>(l, bestNan, trueV);
            Value better = b.create<arith::CmpFOp>(
                l,
                isMax ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT,
                v, best);
            beats = b.create<arith::OrIOp>(
                l, b.create<arith::AndIOp>(l, vNan, bestNum), better);
            ties = b.create<arith::OrIOp>(
                l,
                b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OEQ, v, best),
                b.create<arith::AndIOp>(l, vNan, bestNan));
          } else {
            beats = b.create<arith::CmpIOp>(l,
                                            isMax ? arith::CmpIPredicate::sgt
                                                  : arith::CmpIPredicate::slt,
                                            v, best);
            ties =
                b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, v, best);
          }
          Value take = last ? b.create<arith::OrIOp>(l, beats, ties) : beats;
          Value k = b.create<arith::IndexCastOp>(
              l, i64, b.create<linalg::IndexOp>(l, a));
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, take, v, best),
                            b.create<arith::SelectOp>(l, take, k, idx)});
        });
    rewriter.replaceOp(
        op, reshapeByCopy(rewriter, loc, generic.getResult(1), outType));
    return success();
  }

  bool isMax;
};

/// The only element of a scalar integer tensor \p t as an index, or null.
Value extractIndexScalar(OpBuilder &b, Location loc, Value t) {
  auto type = staticType(t);
  if (!type || type.getNumElements() != 1 || type.getRank() > 1 ||
      !isa<IntegerType>(type.getElementType()))
    return {};
  SmallVector<Value> at(type.getRank(),
                        b.create<arith::ConstantIndexOp>(loc, 0));
  Value v = b.create<tensor::ExtractOp>(loc, t, at);
  return b.create<arith::IndexCastOp>(loc, b.getIndexType(), v);
}

/// CumSum: loops over the flattened input seen as outer x dim x inner (the
/// axis is dim), the innermost along the axis (from its end when reversed)
/// carrying the running sum, like the reference. Floats sum in f64,
/// integers wrap. An axis only known at run time gives run-time extents; an
/// out-of-range one (an error in the reference) is clamped.
struct CumSumPattern : OpRewritePattern<CumSumOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(CumSumOp op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op))
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto type = staticType(op.getX());
    Type elem = type.getElementType();
    int64_t rank = type.getRank();
    if (elem.isInteger(1) || rank == 0)
      return rewriter.notifyMatchFailure(op, "the reference rejects it");
    Location loc = op.getLoc();
    auto cst = [&](OpBuilder &b, int64_t v) {
      return b.create<arith::ConstantIndexOp>(loc, v).getResult();
    };
    // The extents around the axis, as constants when it is one.
    Value outer, dim, inner;
    if (std::optional<SmallVector<int64_t>> c = getConstantInts(op.getAxis())) {
      std::optional<int64_t> axis =
          c->size() == 1 ? normalizeAxis((*c)[0], rank) : std::nullopt;
      if (!axis)
        return rewriter.notifyMatchFailure(op, "axis out of range");
      ArrayRef<int64_t> shape = type.getShape();
      outer =
          cst(rewriter, std::accumulate(shape.begin(), shape.begin() + *axis,
                                        int64_t(1), std::multiplies<>()));
      dim = cst(rewriter, shape[*axis]);
      inner =
          cst(rewriter, std::accumulate(shape.begin() + *axis + 1, shape.end(),
                                        int64_t(1), std::multiplies<>()));
    } else {
      Value a = extractIndexScalar(rewriter, loc, op.getAxis());
      if (!a)
        return rewriter.notifyMatchFailure(op, "expected a scalar axis");
      auto cmp = [&](arith::CmpIPredicate p, Value x, Value y) {
        return rewriter.create<arith::CmpIOp>(loc, p, x, y);
      };
      Value neg = cmp(arith::CmpIPredicate::slt, a, cst(rewriter, 0));
      a = rewriter.create<arith::SelectOp>(
          loc, neg, rewriter.create<arith::AddIOp>(loc, a, cst(rewriter, rank)),
          a);
      a = rewriter.create<arith::MaxSIOp>(loc, a, cst(rewriter, 0));
      a = rewriter.create<arith::MinSIOp>(loc, a, cst(rewriter, rank - 1));
      outer = cst(rewriter, 1);
      inner = cst(rewriter, 1);
      dim = cst(rewriter, 1);
      Value one = cst(rewriter, 1);
      for (int64_t d = 0; d < rank; ++d) {
        Value size = cst(rewriter, type.getDimSize(d)), at = cst(rewriter, d);
        auto pick = [&](arith::CmpIPredicate p) {
          return rewriter.create<arith::SelectOp>(loc, cmp(p, at, a), size, one)
              .getResult();
        };
        outer = rewriter.create<arith::MulIOp>(loc, outer,
                                               pick(arith::CmpIPredicate::slt));
        dim = rewriter.create<arith::MulIOp>(loc, dim,
                                             pick(arith::CmpIPredicate::eq));
        inner = rewriter.create<arith::MulIOp>(loc, inner,
                                               pick(arith::CmpIPredicate::sgt));
      }
    }
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    bool exclusive = op.getExclusive().value_or(0) != 0;
    bool reverse = op.getReverse().value_or(0) != 0;
    Type accType = isa<FloatType>(elem) ? rewriter.getF64Type() : elem;
    auto flatType = RankedTensorType::get({type.getNumElements()}, elem);
    Value x = reshapeByCopy(rewriter, loc, op.getX(), flatType);
    Value zero = cst(rewriter, 0), one = cst(rewriter, 1);
    Value row = rewriter.create<arith::MulIOp>(loc, dim, inner);
    scf::LoopNest nest = scf::buildLoopNest(
        rewriter, loc, ValueRange{zero, zero}, ValueRange{outer, inner},
        ValueRange{one, one}, ValueRange{emptyTensor(rewriter, loc, flatType)},
        [&](OpBuilder &b, Location l, ValueRange ivs,
            ValueRange carried) -> scf::ValueVector {
          Value base = b.create<arith::AddIOp>(
              l, b.create<arith::MulIOp>(l, ivs[0], row), ivs[1]);
          auto loop = b.create<scf::ForOp>(
              l, zero, dim, one,
              ValueRange{scalarConstant(b, l, accType, 0), carried[0]},
              [&](OpBuilder &nb, Location nl, Value k, ValueRange acc) {
                if (reverse)
                  k = nb.create<arith::SubIOp>(
                      nl, nb.create<arith::SubIOp>(nl, dim, one), k);
                Value at = nb.create<arith::AddIOp>(
                    nl, base, nb.create<arith::MulIOp>(nl, k, inner));
                Value v = nb.create<tensor::ExtractOp>(nl, x, at);
                Value sum =
                    add(nb, nl, acc[0], convertScalar(nb, nl, v, accType));
                Value shown =
                    convertScalar(nb, nl, exclusive ? acc[0] : sum, elem);
                Value res = nb.create<tensor::InsertOp>(nl, shown, acc[1], at);
                nb.create<scf::YieldOp>(nl, ValueRange{sum, res});
              });
          return {loop.getResult(1)};
        });
    rewriter.replaceOp(op, reshapeByCopy(rewriter, loc, nest.results[0], type));
    return success();
  }
};

template <typename OpTy>
void addReduce(RewritePatternSet &patterns, ReduceKind kind) {
  patterns.add<ReducePattern<OpTy>>(patterns.getContext(), kind);
}

} // namespace

void populateReductionLowering(RewritePatternSet &patterns) {
  addReduce<ReduceSumOp>(patterns, ReduceKind::Sum);
  addReduce<ReduceMeanOp>(patterns, ReduceKind::Mean);
  addReduce<ReduceMaxOp>(patterns, ReduceKind::Max);
  addReduce<ReduceMinOp>(patterns, ReduceKind::Min);
  addReduce<ReduceProdOp>(patterns, ReduceKind::Prod);
  addReduce<ReduceL1Op>(patterns, ReduceKind::L1);
  addReduce<ReduceL2Op>(patterns, ReduceKind::L2);
  addReduce<ReduceLogSumOp>(patterns, ReduceKind::LogSum);
  addReduce<ReduceLogSumExpOp>(patterns, ReduceKind::LogSumExp);
  addReduce<ReduceSumSquareOp>(patterns, ReduceKind::SumSquare);
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ArgReducePattern<ArgMaxOp>>(ctx, /*isMax=*/true);
  patterns.add<ArgReducePattern<ArgMinOp>>(ctx, /*isMax=*/false);
  patterns.add<CumSumPattern>(ctx);
}

} // namespace kiln::cpu
