//===- ConvPool.cpp - Lowering of Conv and the pooling ops ----------------===//
//
// Windowed ops over N x C x D1 x ... x Dk become one linalg.generic each:
//
//  1. The window geometry (output sizes, begin/end pads) is worked out with
//     the reference kernel's formulas, including auto_pad SAME_UPPER /
//     SAME_LOWER (odd padding element at the end / beginning) and
//     ceil_mode; the result type must agree or the pattern declines.
//  2. The input is padded with tensor.pad by the pool's neutral value
//     (0 for sums, -inf for max), at the end also far enough for ceil_mode
//     windows, so every window reads in bounds.
//  3. A generic over (n, c, o1 .. ok-1, kernel dims, ok) reads the padded
//     input at `o * stride + k * dilation`: the last output dim is
//     innermost so that, for stride 1, the vectorizer sees contiguous
//     loads and stores. The kernel dims get their loop bounds from the
//     weights (Conv) or from an unread kernel-shaped tensor (pools).
//
// AveragePool divides by per-dimension counts (separable, computed here);
// MaxPool with Indices reads the unpadded input with bounds checks so that
// padding never wins. Grouped Conv views channels as (group, channel).
// ConvTranspose is in ConvPoolTranspose.cpp.
//
//===----------------------------------------------------------------------===//
#include "Window.h"

#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;

namespace kiln::cpu {

/// ConvTranspose (ConvPoolTranspose.cpp).
void populateConvTransposeLowering(RewritePatternSet &patterns);

namespace {

using namespace window;

/// True when \p type is (N, C, out...) for the given N and C.
bool hasShape(RankedTensorType type, int64_t n, int64_t c,
              ArrayRef<int64_t> out) {
  if (!type || type.getRank() != (int64_t)out.size() + 2)
    return false;
  return type.getDimSize(0) == n && type.getDimSize(1) == c &&
         type.getShape().drop_front(2) == out;
}

/// \p x padded with \p value so that every window of \p w reads in bounds:
/// the begin pads, and at the end whatever the last window needs.
Value padInput(OpBuilder &b, Location loc, Value x, const Window &w,
               Value value) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<OpFoldResult> low(2, b.getIndexAttr(0)), high = low;
  SmallVector<int64_t> shape(type.getShape().take_front(2));
  bool any = false;
  for (unsigned i = 0; i < w.rank(); ++i) {
    int64_t need =
        (w.out[i] - 1) * w.strides[i] + (w.kernel[i] - 1) * w.dilations[i] + 1;
    int64_t hi = std::max<int64_t>(0, need - w.padBegin[i] - w.in[i]);
    low.push_back(b.getIndexAttr(w.padBegin[i]));
    high.push_back(b.getIndexAttr(hi));
    shape.push_back(w.in[i] + w.padBegin[i] + hi);
    any |= w.padBegin[i] > 0 || hi > 0;
  }
  if (!any)
    return x;
  return b.create<tensor::PadOp>(
      loc, RankedTensorType::get(shape, type.getElementType()), x, low, high,
      value);
}

/// Loop dims of a pool: (n, c, o_0 .. o_{r-2}, k_0 .. k_{r-1}, o_{r-1}).
struct PoolDims {
  unsigned rank;
  unsigned numDims() const { return 2 * rank + 2; }
  unsigned out(unsigned i) const { return i + 1 < rank ? 2 + i : 2 * rank + 1; }
  unsigned kernel(unsigned i) const { return rank + 1 + i; }
};

/// Iterators over \p numDims dims: \p reductions reduce, the others are
/// parallel.
SmallVector<utils::IteratorType> windowIters(unsigned numDims,
                                             ArrayRef<unsigned> reductions) {
  SmallVector<utils::IteratorType> iters(numDims,
                                         utils::IteratorType::parallel);
  for (unsigned d : reductions)
    iters[d] = utils::IteratorType::reduction;
  return iters;
}

/// Combines the accumulator (second) with an input element (first).
using Combine =
    llvm::function_ref<Value(OpBuilder &, Location, Value elem, Value acc)>;

/// A generic reducing each window of \p padded (see padInput) into \p init
/// of shape (N, C, out...) with \p combine.
Value reduceWindows(OpBuilder &b, Location loc, Value padded, const Window &w,
                    Value init, Combine combine) {
  MLIRContext *ctx = b.getContext();
  PoolDims dims{w.rank()};
  auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  SmallVector<AffineExpr> xExprs{dim(0), dim(1)}, yExprs{dim(0), dim(1)},
      kExprs;
  SmallVector<unsigned> reductions;
  for (unsigned i = 0; i < w.rank(); ++i) {
    xExprs.push_back(dim(dims.out(i)) * w.strides[i] +
                     dim(dims.kernel(i)) * w.dilations[i]);
    yExprs.push_back(dim(dims.out(i)));
    kExprs.push_back(dim(dims.kernel(i)));
    reductions.push_back(dims.kernel(i));
  }
  Type elem = cast<RankedTensorType>(padded.getType()).getElementType();
  Value window = b.create<tensor::EmptyOp>(loc, w.kernel, elem);
  unsigned n = dims.numDims();
  auto generic = b.create<linalg::GenericOp>(
      loc, init.getType(), ValueRange{padded, window}, init,
      ArrayRef<AffineMap>{AffineMap::get(n, 0, xExprs, ctx),
                          AffineMap::get(n, 0, kExprs, ctx),
                          AffineMap::get(n, 0, yExprs, ctx)},
      windowIters(n, reductions),
      [&](OpBuilder &nb, Location nl, ValueRange a) {
        nb.create<linalg::YieldOp>(nl, combine(nb, nl, a[0], a[2]));
      });
  return generic.getResult(0);
}

/// Float element type f32 or f64 of \p t, or null.
Type floatElement(RankedTensorType t) {
  if (!t)
    return {};
  Type e = t.getElementType();
  return e.isF32() || e.isF64() ? e : Type();
}

/// `|v|^p` for an integer p >= 1.
Value absPow(OpBuilder &b, Location loc, Value v, int64_t p) {
  Value a = b.create<math::AbsFOp>(loc, v);
  if (p > 8)
    return b.create<math::PowFOp>(loc, a,
                                  scalarConstant(b, loc, v.getType(), p));
  Value r = a;
  for (int64_t i = 1; i < p; ++i)
    r = b.create<arith::MulFOp>(loc, r, a);
  return r;
}

/// `s^(1/p)` for an integer p >= 1.
Value rootP(OpBuilder &b, Location loc, Value s, int64_t p) {
  if (p == 1)
    return s;
  if (p == 2)
    return b.create<math::SqrtOp>(loc, s);
  return b.create<math::PowFOp>(loc, s,
                                scalarConstant(b, loc, s.getType(), 1.0 / p));
}

//===----------------------------------------------------------------------===//
// Conv
//===----------------------------------------------------------------------===//

/// kiln.conv -> pad X with 0, view channels as (group, channel), then a
/// generic over (n, g, m, o_0 .. o_{r-2}, c, k..., o_{r-1}) adding
/// x * w into Y initialized with the bias.
struct ConvPattern : OpRewritePattern<ConvOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    auto xType = staticType(op.getX()), wType = staticType(op.getW());
    auto yType = staticType(op.getY());
    Type elem = floatElement(xType);
    if (!elem || !wType || !yType || wType.getElementType() != elem ||
        yType.getElementType() != elem)
      return rewriter.notifyMatchFailure(op, "expected float operands");
    Window w;
    w.in = spatialSizes(xType);
    if (w.in.empty() || wType.getRank() != xType.getRank() ||
        wType.getNumElements() == 0)
      return rewriter.notifyMatchFailure(op, "expected N x C x D... operands");
    Value bias = op.getB();
    bool hasBias = !isa<NoneType>(bias.getType());
    int64_t n = xType.getDimSize(0), c = xType.getDimSize(1);
    int64_t m = wType.getDimSize(0), group = intAttr(op, "group", 1);
    if (group < 1 || c % group || m % group || wType.getDimSize(1) * group != c)
      return rewriter.notifyMatchFailure(op, "channels do not fit group");
    if (hasBias) {
      auto bType = staticType(bias);
      if (!bType || bType.getElementType() != elem ||
          bType.getShape() != ArrayRef<int64_t>{m})
        return rewriter.notifyMatchFailure(op, "expected B of shape M");
    }
    w.kernel.assign(wType.getShape().begin() + 2, wType.getShape().end());
    SmallVector<int64_t> ks;
    if (op->hasAttr("kernel_shape") &&
        (!readInts(op, "kernel_shape", w.rank(), 1, 1, ks) || ks != w.kernel))
      return rewriter.notifyMatchFailure(op, "kernel_shape differs from W");
    if (!computeWindow(op, w, /*ceilMode=*/false) ||
        !hasShape(yType, n, m, w.out))
      return rewriter.notifyMatchFailure(op, "window does not fit the result");

    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    unsigned rank = w.rank();
    int64_t cg = c / group, mg = m / group;
    Value padded = padInput(rewriter, loc, op.getX(), w,
                            scalarConstant(rewriter, loc, elem, 0.0));
    // (N, C, P...) -> (N, G, C/G, P...); (M, C/G, K...) -> (G, M/G, C/G, K...).
    auto paddedType = cast<RankedTensorType>(padded.getType());
    SmallVector<int64_t> xShape{n, group, cg}, wShape{group, mg, cg},
        yShape{n, group, mg};
    llvm::append_range(xShape, paddedType.getShape().drop_front(2));
    llvm::append_range(wShape, w.kernel);
    llvm::append_range(yShape, w.out);
    SmallVector<ReassociationIndices> xAssoc{{0}, {1, 2}}, wAssoc{{0, 1}, {2}};
    for (unsigned i = 0; i < rank; ++i) {
      xAssoc.push_back({int64_t(3 + i)});
      wAssoc.push_back({int64_t(3 + i)});
    }
    Value x = rewriter.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get(xShape, elem), padded, xAssoc);
    Value wt = rewriter.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get(wShape, elem), op.getW(), wAssoc);
    auto yEType = RankedTensorType::get(yShape, elem);

    // Dims: n, g, m, o_0 .. o_{r-2}, c, k_0 .. k_{r-1}, o_{r-1}.
    unsigned numDims = 2 * rank + 4;
    auto outDim = [&](unsigned i) {
      return i + 1 < rank ? 3 + i : numDims - 1;
    };
    unsigned cDim = rank + 2;
    auto kDim = [&](unsigned i) { return rank + 3 + i; };
    auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    SmallVector<AffineExpr> xExprs{dim(0), dim(1), dim(cDim)},
        wExprs{dim(1), dim(2), dim(cDim)}, yExprs{dim(0), dim(1), dim(2)};
    SmallVector<unsigned> reductions{cDim};
    for (unsigned i = 0; i < rank; ++i) {
      xExprs.push_back(dim(outDim(i)) * w.strides[i] +
                       dim(kDim(i)) * w.dilations[i]);
      wExprs.push_back(dim(kDim(i)));
      yExprs.push_back(dim(outDim(i)));
      reductions.push_back(kDim(i));
    }

    Value init;
    if (hasBias) {
      // Y[n, g, m, ...] = B[g * M/G + m].
      unsigned r = yShape.size();
      init = rewriter
                 .create<linalg::GenericOp>(
                     loc, yEType, bias, emptyTensor(rewriter, loc, yEType),
                     ArrayRef<AffineMap>{
                         AffineMap::get(r, 0, dim(1) * mg + dim(2)),
                         rewriter.getMultiDimIdentityMap(r)},
                     windowIters(r, {}),
                     [](OpBuilder &b, Location l, ValueRange a) {
                       b.create<linalg::YieldOp>(l, a[0]);
                     })
                 .getResult(0);
    } else {
      init = filledTensor(rewriter, loc, yEType,
                          scalarConstant(rewriter, loc, elem, 0.0));
    }
    Value y =
        rewriter
            .create<linalg::GenericOp>(
                loc, yEType, ValueRange{x, wt}, init,
                ArrayRef<AffineMap>{AffineMap::get(numDims, 0, xExprs, ctx),
                                    AffineMap::get(numDims, 0, wExprs, ctx),
                                    AffineMap::get(numDims, 0, yExprs, ctx)},
                windowIters(numDims, reductions),
                [](OpBuilder &b, Location l, ValueRange a) {
                  Value p = b.create<arith::MulFOp>(
                      l, a[0], a[1], arith::FastMathFlags::contract);
                  b.create<linalg::YieldOp>(
                      l, b.create<arith::AddFOp>(l, a[2], p,
                                                 arith::FastMathFlags::contract)
                             .getResult());
                })
            .getResult(0);
    SmallVector<ReassociationIndices> yAssoc{{0}, {1, 2}};
    for (unsigned i = 0; i < rank; ++i)
      yAssoc.push_back({int64_t(3 + i)});
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, yType, y, yAssoc);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// MaxPool, AveragePool, LpPool
//===----------------------------------------------------------------------===//

/// kiln.max_pool -> max over windows of X padded with -inf (a window in
/// the padding alone yields -inf, NaN wins); with Indices, see
/// buildArgMax.
struct MaxPoolPattern : OpRewritePattern<MaxPoolOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MaxPoolOp op,
                                PatternRewriter &rewriter) const override {
    auto xType = staticType(op.getX()), yType = staticType(op.getY());
    Type elem = floatElement(xType);
    if (!elem || !yType || yType.getElementType() != elem)
      return rewriter.notifyMatchFailure(op, "expected a float input");
    Window w;
    if (!poolWindow(op, xType, w, intAttr(op, "ceil_mode", 0) != 0) ||
        !hasShape(yType, xType.getDimSize(0), xType.getDimSize(1), w.out))
      return rewriter.notifyMatchFailure(op, "window does not fit the result");
    Location loc = op.getLoc();
    Value lowest = scalarConstant(rewriter, loc, elem,
                                  -std::numeric_limits<double>::infinity());
    Value indices = op.getIndices();
    if (indices) {
      auto iType = staticType(indices);
      if (!iType || !iType.getElementType().isSignlessInteger(64) ||
          iType.getShape() != yType.getShape())
        return rewriter.notifyMatchFailure(op, "expected i64 Indices");
      auto [y, idx] = buildArgMax(rewriter, loc, op.getX(), w, yType, iType,
                                  intAttr(op, "storage_order", 0) != 0);
      rewriter.replaceOp(op, {y, idx});
      return success();
    }
    Value padded = padInput(rewriter, loc, op.getX(), w, lowest);
    Value y = reduceWindows(rewriter, loc, padded, w,
                            filledTensor(rewriter, loc, yType, lowest),
                            [](OpBuilder &b, Location l, Value v, Value acc) {
                              return referenceMax(b, l, acc, v);
                            });
    rewriter.replaceOp(op, y);
    return success();
  }

  /// Max and flat argmax of each window over the unpadded input: taps
  /// outside it are skipped, the first tap always wins, later ones when
  /// greater or the first NaN; a window without taps gives -inf and -1.
  static std::pair<Value, Value> buildArgMax(OpBuilder &b, Location loc,
                                             Value x, const Window &w,
                                             RankedTensorType yType,
                                             RankedTensorType iType,
                                             bool columnMajor) {
    MLIRContext *ctx = b.getContext();
    auto xType = cast<RankedTensorType>(x.getType());
    Type elem = xType.getElementType();
    unsigned rank = w.rank();
    PoolDims dims{rank};
    unsigned n = dims.numDims();
    auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    SmallVector<AffineExpr> yExprs{dim(0), dim(1)}, kExprs;
    SmallVector<unsigned> reductions;
    for (unsigned i = 0; i < rank; ++i) {
      yExprs.push_back(dim(dims.out(i)));
      kExprs.push_back(dim(dims.kernel(i)));
      reductions.push_back(dims.kernel(i));
    }
    // Flat strides of the spatial dims in the requested order.
    SmallVector<int64_t> strides(rank, 1);
    int64_t inSize = 1;
    for (unsigned j = 0; j < rank; ++j) {
      unsigned i = columnMajor ? j : rank - 1 - j;
      strides[i] = inSize;
      inSize *= w.in[i];
    }
    Value window = b.create<tensor::EmptyOp>(loc, w.kernel, elem);
    Value yInit = filledTensor(
        b, loc, yType,
        scalarConstant(b, loc, elem, -std::numeric_limits<double>::infinity()));
    Value iInit =
        filledTensor(b, loc, iType, scalarConstant(b, loc, b.getI64Type(), -1));
    AffineMap yMap = AffineMap::get(n, 0, yExprs, ctx);
    auto generic = b.create<linalg::GenericOp>(
        loc, TypeRange{yType, iType}, ValueRange{window},
        ValueRange{yInit, iInit},
        ArrayRef<AffineMap>{AffineMap::get(n, 0, kExprs, ctx), yMap, yMap},
        windowIters(n, reductions),
        [&](OpBuilder &nb, Location l, ValueRange a) {
          auto cst = [&](int64_t v) {
            return nb.create<arith::ConstantIndexOp>(l, v).getResult();
          };
          Value nIdx = nb.create<linalg::IndexOp>(l, 0);
          Value cIdx = nb.create<linalg::IndexOp>(l, 1);
          Value valid = nb.create<arith::ConstantIntOp>(l, 1, 1);
          SmallVector<Value> at{nIdx, cIdx};
          Value flat = nb.create<arith::MulIOp>(
              l,
              nb.create<arith::AddIOp>(
                  l,
                  nb.create<arith::MulIOp>(l, nIdx, cst(xType.getDimSize(1))),
                  cIdx),
              cst(inSize));
          for (unsigned i = 0; i < rank; ++i) {
            // pos = o * s - pb + k * d, valid when in [0, in).
            Value o = nb.create<linalg::IndexOp>(l, dims.out(i));
            Value k = nb.create<linalg::IndexOp>(l, dims.kernel(i));
            Value pos = nb.create<arith::AddIOp>(
                l,
                nb.create<arith::SubIOp>(
                    l, nb.create<arith::MulIOp>(l, o, cst(w.strides[i])),
                    cst(w.padBegin[i])),
                nb.create<arith::MulIOp>(l, k, cst(w.dilations[i])));
            Value ge = nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge,
                                                pos, cst(0));
            Value lt = nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt,
                                                pos, cst(w.in[i]));
            valid = nb.create<arith::AndIOp>(
                l, valid, nb.create<arith::AndIOp>(l, ge, lt));
            Value clamped = nb.create<arith::MinSIOp>(
                l, nb.create<arith::MaxSIOp>(l, pos, cst(0)), cst(w.in[i] - 1));
            at.push_back(clamped);
            flat = nb.create<arith::AddIOp>(
                l, flat, nb.create<arith::MulIOp>(l, clamped, cst(strides[i])));
          }
          Value v = nb.create<tensor::ExtractOp>(l, x, at);
          Value best = a[1], bestIdx = a[2];
          Value first = nb.create<arith::CmpIOp>(
              l, arith::CmpIPredicate::slt, bestIdx,
              scalarConstant(nb, l, nb.getI64Type(), 0));
          Value greater =
              nb.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, v, best);
          Value vNaN =
              nb.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNO, v, v);
          Value bestOrdered = nb.create<arith::CmpFOp>(
              l, arith::CmpFPredicate::ORD, best, best);
          Value better = nb.create<arith::OrIOp>(
              l, nb.create<arith::OrIOp>(l, first, greater),
              nb.create<arith::AndIOp>(l, vNaN, bestOrdered));
          Value take = nb.create<arith::AndIOp>(l, valid, better);
          Value flat64 =
              nb.create<arith::IndexCastOp>(l, nb.getI64Type(), flat);
          nb.create<linalg::YieldOp>(
              l,
              ValueRange{nb.create<arith::SelectOp>(l, take, v, best),
                         nb.create<arith::SelectOp>(l, take, flat64, bestIdx)});
        });
    return {generic.getResult(0), generic.getResult(1)};
  }
};

/// kiln.average_pool and kiln.lp_pool -> sums over windows of X padded
/// with 0, then `sum / count` (counts per dim, multiplied) or
/// `sum^(1/p)`.
template <typename OpTy, bool isAverage>
struct SumPoolPattern : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto xType = staticType(op.getX()), yType = staticType(op.getY());
    Type elem = floatElement(xType);
    if (!elem || !yType || yType.getElementType() != elem)
      return rewriter.notifyMatchFailure(op, "expected a float input");
    Window w;
    if (!poolWindow(op, xType, w, intAttr(op, "ceil_mode", 0) != 0) ||
        !hasShape(yType, xType.getDimSize(0), xType.getDimSize(1), w.out))
      return rewriter.notifyMatchFailure(op, "window does not fit the result");
    int64_t p = isAverage ? 1 : intAttr(op, "p", 2);
    if (p < 1)
      return rewriter.notifyMatchFailure(op, "expected p >= 1");
    Location loc = op.getLoc();
    Value zero = scalarConstant(rewriter, loc, elem, 0.0);
    Value padded = padInput(rewriter, loc, op.getX(), w, zero);
    Value sums = reduceWindows(
        rewriter, loc, padded, w, filledTensor(rewriter, loc, yType, zero),
        [&](OpBuilder &b, Location l, Value v, Value acc) {
          return b
              .create<arith::AddFOp>(l, acc, isAverage ? v : absPow(b, l, v, p))
              .getResult();
        });
    if (!isAverage) {
      rewriter.replaceOp(
          op, buildElementwise(rewriter, loc, sums, yType,
                               [&](OpBuilder &b, Location l, ValueRange a) {
                                 return rootP(b, l, a[0], p);
                               }));
      return success();
    }
    // sum / (count_0[o_0] * ... * count_{r-1}[o_{r-1}]).
    bool includePad = intAttr(op, "count_include_pad", 0) != 0;
    MLIRContext *ctx = op.getContext();
    unsigned rank = yType.getRank();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    SmallVector<Value> ins{sums};
    SmallVector<AffineMap> maps{id};
    for (unsigned i = 0; i < w.rank(); ++i) {
      SmallVector<double> counts = windowCounts(w, i, includePad);
      auto t = RankedTensorType::get({(int64_t)counts.size()}, elem);
      SmallVector<Attribute> values;
      for (double c : counts)
        values.push_back(rewriter.getFloatAttr(elem, c));
      ins.push_back(rewriter.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(t, values)));
      maps.push_back(AffineMap::get(rank, 0, getAffineDimExpr(2 + i, ctx)));
    }
    maps.push_back(id);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, yType, ins, emptyTensor(rewriter, loc, yType), maps,
        windowIters(rank, {}), [](OpBuilder &b, Location l, ValueRange a) {
          Value count = a[1];
          for (Value c : a.drop_front(2).drop_back())
            count = b.create<arith::MulFOp>(l, count, c);
          b.create<linalg::YieldOp>(
              l, b.create<arith::DivFOp>(l, a[0], count).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Global pools
//===----------------------------------------------------------------------===//

/// What a global pool computes.
enum class GlobalKind { Max, Average, Lp };

/// kiln.global_*_pool -> a reduction over the spatial dims into (N, C),
/// expanded to (N, C, 1, ...).
template <typename OpTy, GlobalKind kind>
struct GlobalPoolPattern : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto xType = staticType(op.getX()), yType = staticType(op.getY());
    Type elem = floatElement(xType);
    SmallVector<int64_t> spatial = spatialSizes(xType);
    if (!elem || spatial.empty() || !yType || yType.getElementType() != elem ||
        !hasShape(yType, xType.getDimSize(0), xType.getDimSize(1),
                  SmallVector<int64_t>(spatial.size(), 1)))
      return rewriter.notifyMatchFailure(op, "expected a float N x C x D...");
    int64_t p = kind == GlobalKind::Lp ? intAttr(op, "p", 2) : 1;
    if (p < 1)
      return rewriter.notifyMatchFailure(op, "expected p >= 1");
    int64_t size = 1;
    for (int64_t s : spatial)
      size *= s;
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    unsigned rank = xType.getRank();
    auto ncType =
        RankedTensorType::get({xType.getDimSize(0), xType.getDimSize(1)}, elem);
    double init = kind == GlobalKind::Max
                      ? -std::numeric_limits<double>::infinity()
                      : 0.0;
    SmallVector<utils::IteratorType> iters(rank,
                                           utils::IteratorType::reduction);
    iters[0] = iters[1] = utils::IteratorType::parallel;
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, ncType, op.getX(),
        filledTensor(rewriter, loc, ncType,
                     scalarConstant(rewriter, loc, elem, init)),
        ArrayRef<AffineMap>{
            rewriter.getMultiDimIdentityMap(rank),
            AffineMap::get(rank, 0,
                           {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)},
                           ctx)},
        iters, [&](OpBuilder &b, Location l, ValueRange a) {
          Value r;
          if (kind == GlobalKind::Max)
            r = referenceMax(b, l, a[1], a[0]);
          else
            r = b.create<arith::AddFOp>(
                l, a[1], kind == GlobalKind::Lp ? absPow(b, l, a[0], p) : a[0],
                arith::FastMathFlags::reassoc);
          b.create<linalg::YieldOp>(l, r);
        });
    Value r = generic.getResult(0);
    if (kind != GlobalKind::Max)
      r = buildElementwise(rewriter, loc, r, ncType,
                           [&](OpBuilder &b, Location l, ValueRange a) {
                             if (kind == GlobalKind::Lp)
                               return rootP(b, l, a[0], p);
                             return b
                                 .create<arith::DivFOp>(
                                     l, a[0],
                                     scalarConstant(b, l, elem, double(size)))
                                 .getResult();
                           });
    SmallVector<ReassociationIndices> assoc{{0}, {}};
    for (unsigned d = 1; d < rank; ++d)
      assoc[1].push_back(d);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(op, yType, r, assoc);
    return success();
  }
};

} // namespace

void populateConvPoolLowering(RewritePatternSet &patterns) {
  populateConvTransposeLowering(patterns);
  patterns.add<ConvPattern, MaxPoolPattern, SumPoolPattern<AveragePoolOp, true>,
               SumPoolPattern<LpPoolOp, false>,
               GlobalPoolPattern<GlobalMaxPoolOp, GlobalKind::Max>,
               GlobalPoolPattern<GlobalAveragePoolOp, GlobalKind::Average>,
               GlobalPoolPattern<GlobalLpPoolOp, GlobalKind::Lp>>(
      patterns.getContext());
}

} // namespace kiln::cpu
