//===- ReduceReshapeSlice.cpp - Lowering of Slice and Pad -----------------===//
//
// Slice and Pad on tensors, matching runtime/kernels/ReduceReshapeShape.cpp:
//
//   slice(x) -> strided extract_slice (+ a generic reversing the dimensions
//               with negative steps)
//   pad(x)   -> constant mode: fill + insert_slice of the cropped input;
//               other modes: linalg.generic computing each element's source
//               coordinates and reading x there with tensor.extract
//
// Both need constant starts/ends/axes/steps and pads/axes: the result shape
// depends on their values, so with run-time values the static result type
// is only the importer's guess and the op stays a reference step.
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

Value i64Constant(OpBuilder &b, Location loc, int64_t v) {
  return b.create<arith::ConstantOp>(loc, b.getI64IntegerAttr(v));
}

/// Static axes of a Slice or Pad: 0..count-1 when absent, the constant
/// values (normalized and distinct) when constant, none at run time.
/// Fails on invalid constant axes.
FailureOr<std::optional<SmallVector<int64_t>>>
staticAxesOf(Value axes, int64_t count, int64_t rank) {
  SmallVector<int64_t> out;
  if (isa<NoneType>(axes.getType())) {
    for (int64_t i = 0; i < count; ++i)
      out.push_back(i);
  } else if (auto c = getConstantInts(axes)) {
    out = *c;
  } else {
    if (staticType(axes).getNumElements() != count)
      return failure();
    return std::optional<SmallVector<int64_t>>();
  }
  if (int64_t(out.size()) != count)
    return failure();
  SmallVector<bool> seen(rank, false);
  for (int64_t &a : out) {
    std::optional<int64_t> n = normalizeAxis(a, rank);
    if (!n || seen[*n])
      return failure();
    seen[*n] = true;
    a = *n;
  }
  return std::optional<SmallVector<int64_t>>(out);
}

/// A linalg.generic over \p type whose element is x[coords(linalg.index
/// values)], read with tensor.extract.
Value readAt(
    OpBuilder &b, Location loc, Value x, RankedTensorType type,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> coords,
    function_ref<Value(OpBuilder &, Location, ValueRange, Value)> finish =
        nullptr) {
  unsigned rank = type.getRank();
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(
          loc, type, ValueRange{}, emptyTensor(b, loc, type),
          b.getMultiDimIdentityMap(rank), iters,
          [&](OpBuilder &nb, Location nl, ValueRange) {
            SmallVector<Value> idx;
            for (unsigned d = 0; d < rank; ++d)
              idx.push_back(nb.create<linalg::IndexOp>(nl, d));
            SmallVector<Value> at = coords(nb, nl, idx);
            Value v = nb.create<tensor::ExtractOp>(nl, x, at);
            if (finish)
              v = finish(nb, nl, idx, v);
            nb.create<linalg::YieldOp>(nl, v);
          })
      .getResult(0);
}

/// i64 \p c clamped into [0, size) as an index.
Value clampToIndex(OpBuilder &b, Location loc, Value c, int64_t size) {
  c = b.create<arith::MaxSIOp>(loc, c, i64Constant(b, loc, 0));
  c = b.create<arith::MinSIOp>(loc, c, i64Constant(b, loc, size - 1));
  return b.create<arith::IndexCastOp>(loc, b.getIndexType(), c);
}

/// slice(x) with constant starts, ends, axes and steps -> extract_slice of
/// the covered elements with stride |step|, then a generic reversing the
/// dimensions with negative steps.
struct SlicePattern : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SliceOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = compilableResultType(op);
    if (!type)
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    std::string reason;
    FailureOr<StaticSlice> region = staticSlice(op, reason);
    if (failed(region))
      return rewriter.notifyMatchFailure(op, reason);
    auto [low, count, stride, reversed] = *region;
    int64_t rank = type.getRank();

    Location loc = op.getLoc();
    Value r = rewriter.create<tensor::ExtractSliceOp>(
        loc, type, op.getData(), indexAttrs(rewriter, low),
        indexAttrs(rewriter, count), indexAttrs(rewriter, stride));
    if (llvm::is_contained(reversed, true)) {
      // d -> count - 1 - d on the reversed dimensions.
      SmallVector<AffineExpr> exprs;
      for (int64_t d = 0; d < rank; ++d) {
        AffineExpr e = rewriter.getAffineDimExpr(d);
        exprs.push_back(reversed[d] ? count[d] - 1 - e : e);
      }
      r = gatherByMap(rewriter, loc, r,
                      AffineMap::get(rank, 0, exprs, getContext()), type);
    }
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// pad(x) with constant pads and axes. Constant mode fills the result and
/// inserts the (cropped) input; the other modes compute each element's
/// source coordinates as the reference does and read them with
/// tensor.extract.
struct PadPattern : OpRewritePattern<PadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(PadOp op,
                                PatternRewriter &rewriter) const override {
    RankedTensorType type = compilableResultType(op);
    if (!type)
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto inType = staticType(op.getData());
    Type elem = inType.getElementType();
    int64_t rank = inType.getRank();
    StringRef mode = op.getMode().value_or("constant");
    if (mode != "constant" && mode != "reflect" && mode != "edge" &&
        mode != "wrap")
      return rewriter.notifyMatchFailure(op, "unknown mode");
    int64_t numPads = staticType(op.getPads()).getNumElements();
    if (numPads % 2 != 0 || type.getRank() != rank)
      return rewriter.notifyMatchFailure(op, "expected 2 pads per axis");
    int64_t count = numPads / 2;
    FailureOr<std::optional<SmallVector<int64_t>>> axes =
        staticAxesOf(op.getAxes(), count, rank);
    if (failed(axes))
      return rewriter.notifyMatchFailure(op, "invalid axes");
    for (int64_t d = 0; d < rank; ++d)
      if (mode != "constant" && inType.getDimSize(d) == 0 &&
          type.getDimSize(d) > 0)
        return rewriter.notifyMatchFailure(op, "cannot pad an empty axis");
    // The result shape depends on the pads and axes: the result type is only
    // trusted when they are known.
    std::optional<SmallVector<int64_t>> pads = getConstantInts(op.getPads());
    if (!pads || !*axes)
      return rewriter.notifyMatchFailure(op, "pads or axes are not constant");
    SmallVector<int64_t> begin(rank, 0), end(rank, 0);
    for (int64_t i = 0; i < count; ++i) {
      int64_t a = (**axes)[i];
      begin[a] = (*pads)[i];
      end[a] = (*pads)[i + count];
      int64_t limit = std::numeric_limits<int64_t>::max() / 4;
      if (std::abs(begin[a]) > limit || std::abs(end[a]) > limit)
        return rewriter.notifyMatchFailure(op, "pads are too large");
    }
    for (int64_t d = 0; d < rank; ++d)
      if (inType.getDimSize(d) + begin[d] + end[d] != type.getDimSize(d))
        return rewriter.notifyMatchFailure(op, "unexpected result shape");
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);
    Location loc = op.getLoc();
    Value fill;
    if (mode == "constant") {
      fill = scalarConstant(rewriter, loc, elem, 0);
      Value v = op.getConstantValue();
      if (!isa<NoneType>(v.getType())) {
        auto vt = staticType(v);
        if (vt.getElementType() != elem || vt.getNumElements() != 1 ||
            vt.getRank() > 1)
          return rewriter.notifyMatchFailure(op, "unexpected constant_value");
        SmallVector<Value> at(vt.getRank(),
                              rewriter.create<arith::ConstantIndexOp>(loc, 0));
        fill = rewriter.create<tensor::ExtractOp>(loc, v, at);
      }
      rewriter.replaceOp(
          op, padConstant(rewriter, loc, op.getData(), begin, end, fill, type));
      return success();
    }
    // The begin pad of every dimension, as i64 values.
    SmallVector<Value> beginValues;
    for (int64_t d = 0; d < rank; ++d)
      beginValues.push_back(i64Constant(rewriter, loc, begin[d]));
    rewriter.replaceOp(op, padByIndex(rewriter, loc, op.getData(), beginValues,
                                      mode, fill, type));
    return success();
  }

  /// fill(value) with x, cropped by negative pads, inserted at the begin pads.
  static Value padConstant(OpBuilder &b, Location loc, Value x,
                           ArrayRef<int64_t> begin, ArrayRef<int64_t> end,
                           Value value, RankedTensorType type) {
    auto inType = cast<RankedTensorType>(x.getType());
    int64_t rank = inType.getRank();
    SmallVector<int64_t> srcOffset, dstOffset, size;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t cropLow = std::max<int64_t>(0, -begin[d]);
      int64_t cropHigh = std::max<int64_t>(0, -end[d]);
      srcOffset.push_back(cropLow);
      dstOffset.push_back(std::max<int64_t>(0, begin[d]));
      size.push_back(
          std::max<int64_t>(0, inType.getDimSize(d) - cropLow - cropHigh));
    }
    Value out = filledTensor(b, loc, type, value);
    auto sliceType = RankedTensorType::get(size, inType.getElementType());
    if (sliceType.getNumElements() == 0)
      return out;
    SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
    Value part = b.create<tensor::ExtractSliceOp>(loc, sliceType, x,
                                                  indexAttrs(b, srcOffset),
                                                  indexAttrs(b, size), strides);
    return b.create<tensor::InsertSliceOp>(
        loc, part, out, indexAttrs(b, dstOffset), indexAttrs(b, size), strides);
  }

  /// Each output element reads x at its coordinates minus \p begin, mapped
  /// into the input by \p mode; constant mode takes \p fill outside it.
  static Value padByIndex(OpBuilder &b, Location loc, Value x,
                          ArrayRef<Value> begin, StringRef mode, Value fill,
                          RankedTensorType type) {
    auto inType = cast<RankedTensorType>(x.getType());
    int64_t rank = inType.getRank();
    bool constant = mode == "constant";
    // Source coordinates (i64) before mapping into the input.
    auto shifted = [&](OpBuilder &nb, Location nl, ValueRange idx) {
      SmallVector<Value> c;
      for (int64_t d = 0; d < rank; ++d)
        c.push_back(nb.create<arith::SubIOp>(
            nl, nb.create<arith::IndexCastOp>(nl, nb.getI64Type(), idx[d]),
            begin[d]));
      return c;
    };
    auto coords = [&](OpBuilder &nb, Location nl, ValueRange idx) {
      SmallVector<Value> at;
      for (auto [d, c] : llvm::enumerate(shifted(nb, nl, idx))) {
        int64_t dim = inType.getDimSize(d);
        if (!constant)
          c = sourceIndex(nb, nl, c, dim, mode);
        at.push_back(clampToIndex(nb, nl, c, dim));
      }
      return at;
    };
    auto outside = [&](OpBuilder &nb, Location nl, ValueRange idx, Value v) {
      Value in = scalarConstant(nb, nl, nb.getI1Type(), 1);
      for (auto [d, c] : llvm::enumerate(shifted(nb, nl, idx))) {
        Value lo = nb.create<arith::CmpIOp>(nl, arith::CmpIPredicate::sge, c,
                                            i64Constant(nb, nl, 0));
        Value hi =
            nb.create<arith::CmpIOp>(nl, arith::CmpIPredicate::slt, c,
                                     i64Constant(nb, nl, inType.getDimSize(d)));
        in = nb.create<arith::AndIOp>(nl, in,
                                      nb.create<arith::AndIOp>(nl, lo, hi));
      }
      return nb.create<arith::SelectOp>(nl, in, v, fill).getResult();
    };
    if (constant)
      return readAt(b, loc, x, type, coords, outside);
    return readAt(b, loc, x, type, coords);
  }

  /// Maps i64 coordinate \p c (possibly outside [0, dim)) into the input by
  /// edge, wrap or reflect; all three are the identity inside.
  static Value sourceIndex(OpBuilder &b, Location loc, Value c, int64_t dim,
                           StringRef mode) {
    auto cst = [&](int64_t v) { return i64Constant(b, loc, v); };
    if (mode == "edge")
      return b.create<arith::MinSIOp>(
          loc, b.create<arith::MaxSIOp>(loc, c, cst(0)), cst(dim - 1));
    // ((c % p) + p) % p with period p.
    auto wrap = [&](int64_t p) {
      Value r = b.create<arith::RemSIOp>(loc, c, cst(p));
      r = b.create<arith::AddIOp>(loc, r, cst(p));
      return b.create<arith::RemSIOp>(loc, r, cst(p)).getResult();
    };
    if (mode == "wrap")
      return wrap(dim);
    // Reflect without repeating the edge has period 2 * (dim - 1).
    int64_t period = 2 * (dim - 1);
    if (period == 0)
      return cst(0);
    Value r = wrap(period);
    Value high =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, r, cst(dim));
    return b.create<arith::SelectOp>(
        loc, high, b.create<arith::SubIOp>(loc, cst(period), r), r);
  }
};

} // namespace

FailureOr<StaticSlice> staticSlice(SliceOp op, std::string &reason) {
  auto inType = staticType(op.getData());
  auto outType = staticType(op.getOutput());
  if (!inType || !outType) {
    reason = "its shapes are not static";
    return failure();
  }
  int64_t rank = inType.getRank();
  auto starts = getConstantInts(op.getStarts());
  auto ends = getConstantInts(op.getEnds());
  auto startsType = staticType(op.getStarts());
  auto endsType = staticType(op.getEnds());
  if (!startsType || !endsType ||
      startsType.getNumElements() != endsType.getNumElements()) {
    reason = "starts and ends differ in size";
    return failure();
  }
  int64_t n = startsType.getNumElements();
  FailureOr<std::optional<SmallVector<int64_t>>> staticAxes =
      staticAxesOf(op.getAxes(), n, rank);
  if (failed(staticAxes)) {
    reason = "invalid axes";
    return failure();
  }
  bool hasSteps = !isa<NoneType>(op.getSteps().getType());
  std::optional<SmallVector<int64_t>> constSteps =
      hasSteps ? getConstantInts(op.getSteps()) : SmallVector<int64_t>(n, 1);
  if (hasSteps && constSteps && static_cast<int64_t>(constSteps->size()) != n) {
    reason = "steps differ in size";
    return failure();
  }
  // The counts depend on these values: the result type is only trusted
  // when they are known.
  if (!starts || !ends || !*staticAxes || !constSteps) {
    reason = "starts, ends, axes or steps are not constant";
    return failure();
  }
  SmallVector<int64_t> axes = **staticAxes, steps = *constSteps;

  // Per dimension: the lowest index read, the count and the stride; the
  // steps, clamping and counts follow the reference kernel.
  StaticSlice r;
  r.low.assign(rank, 0);
  r.count.assign(inType.getShape().begin(), inType.getShape().end());
  r.stride.assign(rank, 1);
  r.reversed.assign(rank, false);
  for (int64_t i = 0; i < n; ++i) {
    int64_t a = axes[i];
    if (steps[i] == 0) {
      reason = "a step is 0";
      return failure();
    }
    int64_t dim = inType.getDimSize(a), step = steps[i];
    int64_t start = (*starts)[i], end = (*ends)[i], c;
    if (start < 0)
      start += dim;
    if (end < 0)
      end += dim;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
      c = end > start ? (end - start - 1) / step + 1 : 0;
    } else {
      if (dim == 0) {
        reason = "empty axis";
        return failure();
      }
      start = std::clamp<int64_t>(start, 0, dim - 1);
      end = std::clamp<int64_t>(end, -1, dim - 1);
      uint64_t mag = uint64_t(0) - uint64_t(step);
      c = start > end ? int64_t((uint64_t(start - end) - 1) / mag + 1) : 0;
    }
    r.count[a] = c;
    if (c > 1) {
      r.stride[a] = step > 0 ? step : -step;
      r.reversed[a] = step < 0;
    }
    if (c > 0)
      r.low[a] = step > 0 || c == 1 ? start : start + step * (c - 1);
  }
  if (outType.getShape() != ArrayRef<int64_t>(r.count)) {
    reason = "unexpected result shape";
    return failure();
  }
  return r;
}

void populateSlicePadLowering(RewritePatternSet &patterns) {
  patterns.add<SlicePattern, PadPattern>(patterns.getContext());
}

} // namespace kiln::cpu
