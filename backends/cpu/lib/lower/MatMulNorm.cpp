//===- MatMulNorm.cpp - Lowering of normalizations and the softmax family -===//
//
// Normalizations compute their statistics the way the reference kernels do:
// in f64, mean first, then the sum of squared deviations from it, each a
// linalg.generic reduction into a tensor over the kept dims; a last generic
// over the input applies them per element, also in f64, and rounds once:
//
//   kiln.layer_normalization %x, %s, %b
//     -> sum = reduce(x); mean = sum / n; sq = reduce((x - mean)^2)
//        inv = 1 / sqrt(sq / n + eps); y = (x - mean) * inv * s + b
//
// Sums carry `reassoc` so the vectorizer may split them; everything else
// follows the reference's order of operations, so results agree to the
// last bit or nearly. LRN sums squares over a zero-padded channel window
// in the element type; for f32 its pow is exp(beta * log(base)). Softmax
// and LogSoftmax compute in the element type (exp as a vectorizable
// polynomial for f32) with a max pass, a sum pass and a normalizing pass;
// Hardmax takes the first maximum of each lane.
// Gemm, MatMul and Einsum are in MatMulNormProducts.cpp.
//
//===----------------------------------------------------------------------===//
#include "ElementwiseLowering.h"
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;

namespace kiln::cpu {

/// Gemm, MatMul and Einsum (MatMulNormProducts.cpp).
void populateMatMulNormProductLowering(RewritePatternSet &patterns);

namespace {

/// A static tensor with a float element type the backend compiles.
RankedTensorType floatType(Value v) {
  auto t = staticType(v);
  return t && (t.getElementType().isF32() || t.getElementType().isF64())
             ? t
             : RankedTensorType();
}

/// Shape of \p type without the dims where \p reduced is set.
RankedTensorType keptType(RankedTensorType type, ArrayRef<bool> reduced,
                          Type elem) {
  SmallVector<int64_t> shape;
  for (auto [d, r] : llvm::enumerate(reduced))
    if (!r)
      shape.push_back(type.getDimSize(d));
  return RankedTensorType::get(shape, elem);
}

/// The map from the full iteration space to the kept dims.
AffineMap keptMap(MLIRContext *ctx, ArrayRef<bool> reduced) {
  SmallVector<AffineExpr> exprs;
  for (auto [d, r] : llvm::enumerate(reduced))
    if (!r)
      exprs.push_back(getAffineDimExpr(d, ctx));
  return AffineMap::get(reduced.size(), 0, exprs, ctx);
}

/// An operand of a generic with the map it is read through.
struct Operand {
  Value value;
  AffineMap map;
};

/// Body of a generic: block arguments (inputs then outputs) to yielded
/// values.
using Body =
    llvm::function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)>;

/// A linalg.generic over \p numDims dims with \p iters, reading \p ins and
/// writing \p outs (initial values and maps).
ResultRange buildGeneric(OpBuilder &b, Location loc, ArrayRef<Operand> ins,
                         ArrayRef<Operand> outs,
                         ArrayRef<utils::IteratorType> iters, Body body) {
  SmallVector<Value> inVals, outVals;
  SmallVector<Type> types;
  SmallVector<AffineMap> maps;
  for (const Operand &o : ins) {
    inVals.push_back(o.value);
    maps.push_back(o.map);
  }
  for (const Operand &o : outs) {
    outVals.push_back(o.value);
    types.push_back(o.value.getType());
    maps.push_back(o.map);
  }
  auto generic = b.create<linalg::GenericOp>(
      loc, types, inVals, outVals, maps, iters,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        nb.create<linalg::YieldOp>(nl, body(nb, nl, args));
      });
  return generic.getResults();
}

/// Iterators of a reduction over the dims where \p reduced is set.
SmallVector<utils::IteratorType> reductionIters(ArrayRef<bool> reduced) {
  SmallVector<utils::IteratorType> iters;
  for (bool r : reduced)
    iters.push_back(r ? utils::IteratorType::reduction
                      : utils::IteratorType::parallel);
  return iters;
}

/// Converts float scalar \p v to f64.
Value toF64(OpBuilder &b, Location loc, Value v) {
  return convertScalar(b, loc, v, b.getF64Type());
}

/// Float `a + b` that the vectorizer may reassociate.
Value addReassoc(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::AddFOp>(loc, x, y, arith::FastMathFlags::reassoc);
}

/// The mean of \p x over the \p reduced dims and the sum of squared
/// deviations from it, both in f64 over the kept dims.
std::pair<Value, Value> meanAndSquares(OpBuilder &b, Location loc, Value x,
                                       ArrayRef<bool> reduced) {
  MLIRContext *ctx = b.getContext();
  auto type = cast<RankedTensorType>(x.getType());
  unsigned rank = type.getRank();
  int64_t n = 1;
  for (auto [d, r] : llvm::enumerate(reduced))
    if (r)
      n *= type.getDimSize(d);
  auto statType = keptType(type, reduced, b.getF64Type());
  AffineMap id = b.getMultiDimIdentityMap(rank);
  AffineMap kept = keptMap(ctx, reduced);
  AffineMap statId = b.getMultiDimIdentityMap(statType.getRank());
  auto statIters = SmallVector<utils::IteratorType>(
      statType.getRank(), utils::IteratorType::parallel);
  Value zero = scalarConstant(b, loc, b.getF64Type(), 0.0);

  Value sum = buildGeneric(
      b, loc, {{x, id}}, {{filledTensor(b, loc, statType, zero), kept}},
      reductionIters(reduced),
      [&](OpBuilder &nb, Location nl, ValueRange a) -> SmallVector<Value> {
        return {addReassoc(nb, nl, a[1], toF64(nb, nl, a[0]))};
      })[0];
  Value mean = buildGeneric(
      b, loc, {{sum, statId}}, {{emptyTensor(b, loc, statType), statId}},
      statIters,
      [&](OpBuilder &nb, Location nl, ValueRange a) -> SmallVector<Value> {
        return {nb.create<arith::DivFOp>(
            nl, a[0], scalarConstant(nb, nl, nb.getF64Type(), double(n)))};
      })[0];
  Value squares = buildGeneric(
      b, loc, {{x, id}, {mean, kept}},
      {{filledTensor(b, loc, statType, zero), kept}}, reductionIters(reduced),
      [&](OpBuilder &nb, Location nl, ValueRange a) -> SmallVector<Value> {
        Value d = nb.create<arith::SubFOp>(nl, toF64(nb, nl, a[0]), a[1]);
        return {addReassoc(nb, nl, a[2], nb.create<arith::MulFOp>(nl, d, d))};
      })[0];
  return {mean, squares};
}

/// `1 / sqrt(squares / n + eps)` per statistic.
Value invStdDev(OpBuilder &b, Location loc, Value squares, int64_t n,
                double eps) {
  auto type = cast<RankedTensorType>(squares.getType());
  return buildElementwise(
      b, loc, squares, type, [&](OpBuilder &nb, Location nl, ValueRange a) {
        Type f64 = nb.getF64Type();
        Value var = nb.create<arith::DivFOp>(
            nl, a[0], scalarConstant(nb, nl, f64, double(n)));
        Value s = nb.create<math::SqrtOp>(
            nl, nb.create<arith::AddFOp>(nl, var,
                                         scalarConstant(nb, nl, f64, eps)));
        return nb.create<arith::DivFOp>(nl, scalarConstant(nb, nl, f64, 1.0), s)
            .getResult();
      });
}

/// Number of elements of \p type over the \p reduced dims.
int64_t reducedCount(RankedTensorType type, ArrayRef<bool> reduced) {
  int64_t n = 1;
  for (auto [d, r] : llvm::enumerate(reduced))
    if (r)
      n *= type.getDimSize(d);
  return n;
}

//===----------------------------------------------------------------------===//
// BatchNormalization, LayerNormalization, InstanceNormalization
//===----------------------------------------------------------------------===//

/// kiln.batch_normalization -> inv[c] = 1 / sqrt(var[c] + eps), then
/// y = (x - mean[c]) * inv[c] * scale[c] + B[c] in f64.
struct BatchNormPattern : OpRewritePattern<BatchNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    auto xType = floatType(op.getX());
    if (!xType || xType.getRank() < 2 || op->getNumResults() != 1)
      return rewriter.notifyMatchFailure(op, "expected a float N x C x ...");
    if (elementwise::intAttr(op, "training_mode", 0) != 0 ||
        elementwise::intAttr(op, "spatial", 1) != 1)
      return rewriter.notifyMatchFailure(op, "training mode or spatial = 0");
    int64_t c = xType.getDimSize(1);
    for (Value v :
         {op.getScale(), op.getB(), op.getInputMean(), op.getInputVar()}) {
      auto t = floatType(v);
      if (!t || t.getRank() != 1 || t.getDimSize(0) != c)
        return rewriter.notifyMatchFailure(op, "expected float C vectors");
    }
    double eps = elementwise::floatAttr(op, "epsilon", 1e-5);
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto vecType = RankedTensorType::get({c}, rewriter.getF64Type());
    Value inv = buildElementwise(
        rewriter, loc, op.getInputVar(), vecType,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Type f64 = b.getF64Type();
          Value s = b.create<math::SqrtOp>(
              l, b.create<arith::AddFOp>(l, toF64(b, l, a[0]),
                                         scalarConstant(b, l, f64, eps)));
          return b.create<arith::DivFOp>(l, scalarConstant(b, l, f64, 1.0), s)
              .getResult();
        });
    unsigned rank = xType.getRank();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap ch = AffineMap::get(rank, 0, getAffineDimExpr(1, ctx));
    Type elem = xType.getElementType();
    Value y = buildGeneric(
        rewriter, loc,
        {{op.getX(), id},
         {op.getInputMean(), ch},
         {inv, ch},
         {op.getScale(), ch},
         {op.getB(), ch}},
        {{emptyTensor(rewriter, loc, xType), id}},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          Value d =
              b.create<arith::SubFOp>(l, toF64(b, l, a[0]), toF64(b, l, a[1]));
          Value v = b.create<arith::MulFOp>(
              l, b.create<arith::MulFOp>(l, d, a[2]), toF64(b, l, a[3]));
          v = b.create<arith::AddFOp>(l, v, toF64(b, l, a[4]));
          return {convertScalar(b, l, v, elem)};
        })[0];
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// `(x - mean) * inv * scale + bias` over \p x in f64, rounded to its
/// element type; mean and inv are over the kept dims, \p scale and \p bias
/// (either may be null) are read through their maps.
Value applyNormalization(OpBuilder &b, Location loc, Value x,
                         ArrayRef<bool> reduced, Value mean, Value inv,
                         std::optional<Operand> scale,
                         std::optional<Operand> bias) {
  auto xType = cast<RankedTensorType>(x.getType());
  unsigned rank = xType.getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  AffineMap kept = keptMap(b.getContext(), reduced);
  SmallVector<Operand> ins{{x, id}, {mean, kept}, {inv, kept}};
  if (scale)
    ins.push_back(*scale);
  if (bias)
    ins.push_back(*bias);
  Type elem = xType.getElementType();
  return buildGeneric(
      b, loc, ins, {{emptyTensor(b, loc, xType), id}},
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange a) -> SmallVector<Value> {
        Value d = nb.create<arith::SubFOp>(l, toF64(nb, l, a[0]), a[1]);
        Value v = nb.create<arith::MulFOp>(l, d, a[2]);
        unsigned next = 3;
        if (scale)
          v = nb.create<arith::MulFOp>(l, v, toF64(nb, l, a[next++]));
        if (bias)
          v = nb.create<arith::AddFOp>(l, v, toF64(nb, l, a[next++]));
        return {convertScalar(nb, l, v, elem)};
      })[0];
}

/// kiln.layer_normalization -> statistics over dims [axis, rank), Y and
/// the optional Mean and InvStdDev outputs.
struct LayerNormPattern : OpRewritePattern<LayerNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LayerNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    auto xType = floatType(op.getX());
    if (!xType || xType.getRank() < 1)
      return rewriter.notifyMatchFailure(op, "expected a float tensor");
    int64_t rank = xType.getRank();
    int64_t axis =
        normalizeAxis(elementwise::intAttr(op, "axis", -1), rank).value_or(-1);
    if (axis < 0)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    SmallVector<bool> reduced(rank, false);
    for (int64_t d = axis; d < rank; ++d)
      reduced[d] = true;
    int64_t n = reducedCount(xType, reduced);
    if (n == 0)
      return rewriter.notifyMatchFailure(op, "empty normalized shape");
    // Scale and B broadcast unidirectionally to the normalized shape.
    SmallVector<std::optional<Operand>> params;
    for (Value v : SmallVector<Value>{op.getScale(), op.getB()}) {
      if (isa<NoneType>(v.getType())) {
        params.push_back(std::nullopt);
        continue;
      }
      auto t = floatType(v);
      if (!t || t.getRank() > rank - axis)
        return rewriter.notifyMatchFailure(op, "unsupported Scale or B");
      for (int64_t i = 0; i < t.getRank(); ++i) {
        int64_t want = xType.getDimSize(rank - t.getRank() + i);
        if (t.getDimSize(i) != 1 && t.getDimSize(i) != want)
          return rewriter.notifyMatchFailure(op, "Scale or B mismatch");
      }
      params.push_back(Operand{v, broadcastMap(op.getContext(), t, rank)});
    }
    // Mean and InvStdDev: the leading dims, then 1s.
    for (Value r : op.getStats()) {
      auto t = floatType(r);
      if (!t || t.getRank() != rank)
        return rewriter.notifyMatchFailure(op, "unsupported statistics type");
      for (int64_t d = 0; d < rank; ++d)
        if (t.getDimSize(d) != (d < axis ? xType.getDimSize(d) : 1))
          return rewriter.notifyMatchFailure(op, "unexpected statistics shape");
    }
    if (op.getStats().size() > 2)
      return rewriter.notifyMatchFailure(op, "too many outputs");

    Location loc = op.getLoc();
    auto [mean, squares] = meanAndSquares(rewriter, loc, op.getX(), reduced);
    Value inv = invStdDev(rewriter, loc, squares, n,
                          elementwise::floatAttr(op, "epsilon", 1e-5));
    SmallVector<Value> results{applyNormalization(
        rewriter, loc, op.getX(), reduced, mean, inv, params[0], params[1])};
    // Each statistic output starts from its own bufferization.alloc_tensor
    // (never CSE'd) filled with -inf, and the body takes max(out, value),
    // which is exactly the value. With a plain tensor.empty init, CSE merges
    // the two outputs' inits and empty-tensor elimination then computes
    // both in one result buffer; an unused init would be replaced by a
    // tensor.empty during elementwise fusion.
    SmallVector<Value> stats{mean, inv};
    for (auto [r, stat] : llvm::zip(op.getStats(), stats)) {
      auto t = cast<RankedTensorType>(r.getType());
      Type te = t.getElementType();
      Value alloc =
          rewriter.create<bufferization::AllocTensorOp>(loc, t, ValueRange());
      Value init =
          rewriter
              .create<linalg::FillOp>(
                  loc,
                  scalarConstant(rewriter, loc, te,
                                 -std::numeric_limits<double>::infinity()),
                  alloc)
              .getResult(0);
      results.push_back(buildGeneric(
          rewriter, loc, {{stat, keptMap(op.getContext(), reduced)}},
          {{init, rewriter.getMultiDimIdentityMap(rank)}},
          SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
          [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
            return {b.create<arith::MaximumFOp>(l, a[1],
                                                convertScalar(b, l, a[0], te))};
          })[0]);
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// kiln.instance_normalization -> statistics per (n, c) over the spatial
/// dims, then `* scale[c] + B[c]`.
struct InstanceNormPattern : OpRewritePattern<InstanceNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(InstanceNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    auto xType = floatType(op.getInput());
    if (!xType || xType.getRank() < 3)
      return rewriter.notifyMatchFailure(op, "expected a float N x C x D...");
    int64_t rank = xType.getRank(), c = xType.getDimSize(1);
    for (Value v : SmallVector<Value>{op.getScale(), op.getB()}) {
      auto t = floatType(v);
      if (!t || t.getRank() != 1 || t.getDimSize(0) != c)
        return rewriter.notifyMatchFailure(op, "expected float C vectors");
    }
    SmallVector<bool> reduced(rank, true);
    reduced[0] = reduced[1] = false;
    int64_t n = reducedCount(xType, reduced);
    if (n == 0)
      return rewriter.notifyMatchFailure(op, "empty spatial shape");
    Location loc = op.getLoc();
    auto [mean, squares] =
        meanAndSquares(rewriter, loc, op.getInput(), reduced);
    Value inv = invStdDev(rewriter, loc, squares, n,
                          elementwise::floatAttr(op, "epsilon", 1e-5));
    AffineMap ch =
        AffineMap::get(rank, 0, getAffineDimExpr(1, op.getContext()));
    rewriter.replaceOp(op,
                       applyNormalization(rewriter, loc, op.getInput(), reduced,
                                          mean, inv, Operand{op.getScale(), ch},
                                          Operand{op.getB(), ch}));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// MeanVarianceNormalization, LRN
//===----------------------------------------------------------------------===//

/// kiln.mean_variance_normalization -> (x - mean) / (sqrt(sq / n) + 1e-9)
/// with statistics over `axes`.
struct MeanVarianceNormPattern : OpRewritePattern<MeanVarianceNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MeanVarianceNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    auto xType = floatType(op.getX());
    if (!xType || xType.getRank() < 1)
      return rewriter.notifyMatchFailure(op, "expected a float tensor");
    int64_t rank = xType.getRank();
    SmallVector<int64_t> axes{0, 2, 3};
    if (auto attr = op->getAttrOfType<ArrayAttr>("axes")) {
      axes.clear();
      for (Attribute a : attr)
        axes.push_back(cast<IntegerAttr>(a).getInt());
    }
    SmallVector<bool> reduced(rank, false);
    for (int64_t a : axes) {
      int64_t axis = normalizeAxis(a, rank).value_or(-1);
      if (axis < 0 || reduced[axis])
        return rewriter.notifyMatchFailure(op, "bad axes");
      reduced[axis] = true;
    }
    int64_t n = reducedCount(xType, reduced);
    if (n == 0)
      return rewriter.notifyMatchFailure(op, "empty reduction");
    Location loc = op.getLoc();
    auto [mean, squares] = meanAndSquares(rewriter, loc, op.getX(), reduced);
    Value denom = buildElementwise(
        rewriter, loc, squares, cast<RankedTensorType>(squares.getType()),
        [&](OpBuilder &b, Location l, ValueRange a) {
          Type f64 = b.getF64Type();
          Value s = b.create<math::SqrtOp>(
              l, b.create<arith::DivFOp>(l, a[0],
                                         scalarConstant(b, l, f64, double(n))));
          return b.create<arith::AddFOp>(l, s, scalarConstant(b, l, f64, 1e-9))
              .getResult();
        });
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap kept = keptMap(op.getContext(), reduced);
    Type elem = xType.getElementType();
    Value y = buildGeneric(
        rewriter, loc, {{op.getX(), id}, {mean, kept}, {denom, kept}},
        {{emptyTensor(rewriter, loc, xType), id}},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          Value d = b.create<arith::SubFOp>(l, toF64(b, l, a[0]), a[1]);
          return {
              convertScalar(b, l, b.create<arith::DivFOp>(l, d, a[2]), elem)};
        })[0];
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// kiln.lrn -> squares, zero-padded along C, summed over a window
/// of `size` channels, then y = x / pow(bias + alpha / size * sum, beta).
struct LRNPattern : OpRewritePattern<LRNOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LRNOp op,
                                PatternRewriter &rewriter) const override {
    auto xType = floatType(op.getX());
    int64_t size = elementwise::intAttr(op, "size", 0);
    if (!xType || xType.getRank() < 2 || size < 1)
      return rewriter.notifyMatchFailure(op, "expected a float N x C x ...");
    double alpha = elementwise::floatAttr(op, "alpha", 1e-4);
    double beta = elementwise::floatAttr(op, "beta", 0.75);
    double bias = elementwise::floatAttr(op, "bias", 1.0);
    int64_t rank = xType.getRank();
    int64_t before = (size - 1) / 2, after = size - 1 - before;
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    // Computed in the element type: f64 follows the reference exactly
    // (libm pow), f32 takes pow as exp(beta * log(base)), vectorizable.
    Type elem = xType.getElementType();

    Value sq = buildElementwise(
        rewriter, loc, op.getX(), xType,
        [&](OpBuilder &b, Location l, ValueRange a) {
          return b.create<arith::MulFOp>(l, a[0], a[0]).getResult();
        });
    SmallVector<OpFoldResult> low(rank, rewriter.getIndexAttr(0)),
        high(rank, rewriter.getIndexAttr(0));
    low[1] = rewriter.getIndexAttr(before);
    high[1] = rewriter.getIndexAttr(after);
    SmallVector<int64_t> paddedShape(xType.getShape());
    paddedShape[1] += size - 1;
    Value padded = rewriter.create<tensor::PadOp>(
        loc, RankedTensorType::get(paddedShape, elem), sq, low, high,
        scalarConstant(rewriter, loc, elem, 0.0));

    // Dims (n, c, k, spatial...): the window sum accumulates whole planes.
    unsigned numDims = rank + 1;
    SmallVector<AffineExpr> inExprs, outExprs;
    auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    inExprs.push_back(dim(0));
    inExprs.push_back(dim(1) + dim(2));
    outExprs.push_back(dim(0));
    outExprs.push_back(dim(1));
    for (int64_t d = 2; d < rank; ++d) {
      inExprs.push_back(dim(d + 1));
      outExprs.push_back(dim(d + 1));
    }
    SmallVector<utils::IteratorType> iters(numDims,
                                           utils::IteratorType::parallel);
    iters[2] = utils::IteratorType::reduction;
    Value window =
        rewriter.create<tensor::EmptyOp>(loc, ArrayRef<int64_t>{size}, elem);
    Value sums = buildGeneric(
        rewriter, loc,
        {{padded, AffineMap::get(numDims, 0, inExprs, ctx)},
         {window, AffineMap::get(numDims, 0, dim(2))}},
        {{filledTensor(rewriter, loc, xType,
                       scalarConstant(rewriter, loc, elem, 0.0)),
          AffineMap::get(numDims, 0, outExprs, ctx)}},
        iters,
        [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {b.create<arith::AddFOp>(l, a[2], a[0])};
        })[0];
    Value y = buildElementwise(
        rewriter, loc, {op.getX(), sums}, xType,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value scaled = b.create<arith::MulFOp>(
              l, scalarConstant(b, l, elem, alpha / double(size)), a[1]);
          Value base = b.create<arith::AddFOp>(
              l, scalarConstant(b, l, elem, bias), scaled);
          Value exponent = scalarConstant(b, l, elem, beta);
          Value p =
              elem.isF64()
                  ? b.create<math::PowFOp>(l, base, exponent).getResult()
                  : b.create<math::ExpOp>(
                         l, b.create<arith::MulFOp>(
                                l, exponent, b.create<math::LogOp>(l, base)))
                        .getResult();
          return b.create<arith::DivFOp>(l, a[0], p).getResult();
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Softmax, LogSoftmax, Hardmax
//===----------------------------------------------------------------------===//

/// What a softmax-like op computes on each lane.
enum class LaneKind { Softmax, LogSoftmax, Hardmax };

/// kiln.softmax / log_softmax / hardmax -> reductions over the lane dims
/// (axis, or [axis, rank) with coerce_2d) into tensors over the other dims,
/// then one generic writing the result.
template <typename OpTy, LaneKind kind>
struct SoftmaxPattern : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto xType = floatType(op.getInput());
    if (!xType || xType.getRank() < 1)
      return rewriter.notifyMatchFailure(op, "expected a float tensor");
    int64_t rank = xType.getRank();
    int64_t axis =
        normalizeAxis(elementwise::intAttr(op, "axis", -1), rank).value_or(-1);
    if (axis < 0)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    bool coerce = elementwise::intAttr(op, "coerce_2d", 0) != 0;
    SmallVector<bool> lane(rank, false);
    for (int64_t d = axis; d < (coerce ? rank : axis + 1); ++d)
      lane[d] = true;
    if (reducedCount(xType, lane) == 0)
      return rewriter.notifyMatchFailure(op, "empty lanes");

    Location loc = op.getLoc();
    Value x = op.getInput();
    Type elem = xType.getElementType();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap kept = keptMap(op.getContext(), lane);
    auto statType = keptType(xType, lane, elem);
    auto parallel =
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel);
    Value y;
    if (kind == LaneKind::Hardmax)
      y = hardmax(rewriter, loc, x, lane);
    else {
      Value lowest = scalarConstant(rewriter, loc, elem,
                                    -std::numeric_limits<double>::infinity());
      Value maxV = buildGeneric(
          rewriter, loc, {{x, id}},
          {{filledTensor(rewriter, loc, statType, lowest), kept}},
          reductionIters(lane),
          [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
            return {b.create<arith::MaximumFOp>(l, a[1], a[0])};
          })[0];
      Value sum = buildGeneric(
          rewriter, loc, {{x, id}, {maxV, kept}},
          {{filledTensor(rewriter, loc, statType,
                         scalarConstant(rewriter, loc, elem, 0.0)),
            kept}},
          reductionIters(lane),
          [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
            Value e = b.create<math::ExpOp>(
                l, b.create<arith::SubFOp>(l, a[0], a[1]));
            return {addReassoc(b, l, a[2], e)};
          })[0];
      if (kind == LaneKind::LogSoftmax)
        sum = buildElementwise(
            rewriter, loc, sum, statType,
            [](OpBuilder &b, Location l, ValueRange a) {
              return b.create<math::LogOp>(l, a[0]).getResult();
            });
      y = buildGeneric(
          rewriter, loc, {{x, id}, {maxV, kept}, {sum, kept}},
          {{emptyTensor(rewriter, loc, xType), id}}, parallel,
          [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
            Value d = b.create<arith::SubFOp>(l, a[0], a[1]);
            if (kind == LaneKind::LogSoftmax)
              return {b.create<arith::SubFOp>(l, d, a[2])};
            return {
                b.create<arith::DivFOp>(l, b.create<math::ExpOp>(l, d), a[2])};
          })[0];
    }
    rewriter.replaceOp(op, y);
    return success();
  }

  /// The flat position of the current element within its lane.
  static Value lanePosition(OpBuilder &b, Location loc, RankedTensorType type,
                            ArrayRef<bool> lane) {
    Value pos = b.create<arith::ConstantIndexOp>(loc, 0);
    for (auto [d, isLane] : llvm::enumerate(lane)) {
      if (!isLane)
        continue;
      Value size = b.create<arith::ConstantIndexOp>(loc, type.getDimSize(d));
      pos =
          b.create<arith::AddIOp>(loc, b.create<arith::MulIOp>(loc, pos, size),
                                  b.create<linalg::IndexOp>(loc, d));
    }
    return pos;
  }

  /// One-hot of the first maximum of each lane: an argmax reduction (the
  /// first element always wins, later ones only when strictly greater, so
  /// NaNs never do), then a compare with the lane position.
  static Value hardmax(OpBuilder &b, Location loc, Value x,
                       ArrayRef<bool> lane) {
    auto xType = cast<RankedTensorType>(x.getType());
    Type elem = xType.getElementType();
    int64_t rank = xType.getRank();
    AffineMap id = b.getMultiDimIdentityMap(rank);
    AffineMap kept = keptMap(b.getContext(), lane);
    auto bestType = keptType(xType, lane, elem);
    auto idxType = keptType(xType, lane, b.getIndexType());
    Value best = filledTensor(
        b, loc, bestType,
        scalarConstant(b, loc, elem, -std::numeric_limits<double>::infinity()));
    Value idx = filledTensor(b, loc, idxType,
                             b.create<arith::ConstantIndexOp>(loc, -1));
    ResultRange arg = buildGeneric(
        b, loc, {{x, id}}, {{best, kept}, {idx, kept}}, reductionIters(lane),
        [&](OpBuilder &nb, Location l, ValueRange a) -> SmallVector<Value> {
          Value pos = lanePosition(nb, l, xType, lane);
          Value first =
              nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, a[2],
                                       nb.create<arith::ConstantIndexOp>(l, 0));
          Value greater = nb.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT,
                                                   a[0], a[1]);
          Value take = nb.create<arith::OrIOp>(l, first, greater);
          return {nb.create<arith::SelectOp>(l, take, a[0], a[1]),
                  nb.create<arith::SelectOp>(l, take, pos, a[2])};
        });
    return buildGeneric(
        b, loc, {{arg[1], kept}}, {{emptyTensor(b, loc, xType), id}},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &nb, Location l, ValueRange a) -> SmallVector<Value> {
          Value pos = lanePosition(nb, l, xType, lane);
          Value hit =
              nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, pos, a[0]);
          return {nb.create<arith::SelectOp>(l, hit,
                                             scalarConstant(nb, l, elem, 1.0),
                                             scalarConstant(nb, l, elem, 0.0))};
        })[0];
  }
};

} // namespace

void populateMatMulNormLowering(RewritePatternSet &patterns) {
  populateMatMulNormProductLowering(patterns);
  patterns.add<BatchNormPattern, LayerNormPattern, InstanceNormPattern,
               MeanVarianceNormPattern, LRNPattern,
               SoftmaxPattern<SoftmaxOp, LaneKind::Softmax>,
               SoftmaxPattern<LogSoftmaxOp, LaneKind::LogSoftmax>,
               SoftmaxPattern<HardmaxOp, LaneKind::Hardmax>>(
      patterns.getContext());
}

} // namespace kiln::cpu
