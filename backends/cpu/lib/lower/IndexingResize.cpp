//===- IndexingResize.cpp - Lowering of Resize ----------------------------===//
//
// Resize with scales (or roi) known at compile time, or with constant sizes
// under the stretch policy (the sizes then fix every scale). Steps:
//  1. Resolve the output size and scale of each axis as the reference
//     kernel (runtime/kernels/IndexingResize.cpp) does.
//  2. For every axis and output coordinate, compute the taps (input index,
//     weight) and the "outside" flag in C++, with the same double
//     arithmetic as the reference, into constant tables.
//  3. Emit one linalg.generic over the output whose body reads the tables
//     and sums the tensor product of taps in the reference's nesting order,
//     in f64, so results agree bit for bit:
//
//       resize(x) -> linalg.generic { tensor.extract taps, weights and x;
//                                     sum_t0 (sum_t1 (w0 * w1 * x[..])) }
//
// Scales only known at run time, and more than 256 tap combinations per
// element (heavy antialiasing), stay reference steps.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;

namespace kiln::cpu {

namespace {

/// The attributes of one Resize (see the reference kernel).
struct ResizeOptions {
  StringRef mode, coord, nearest;
  double cubicA = -0.75, extrapolation = 0;
  bool excludeOutside = false, antialias = false;
};

/// One input position and its weight.
struct Tap {
  int64_t index;
  double weight;
};

/// The taps of one output coordinate along one axis.
struct Sample {
  SmallVector<Tap, 4> taps;
  bool outside = false;
};

double keys(double x, double a) {
  x = std::fabs(x);
  if (x <= 1)
    return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2)
    return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0.0;
}

/// Normalizes \p c to sum 1, as the antialiasing filters do.
void normalize(SmallVectorImpl<double> &c, double sum) {
  for (double &v : c)
    v /= sum;
}

/// The filter coefficients for \p ratio in (0, 1]; coefficient i applies to
/// position ceil(x) - n/2 + i.
SmallVector<double> coefficients(const ResizeOptions &o, double ratio,
                                 double scale) {
  if (o.mode == "nearest") {
    bool floor;
    if (ratio == 1.0)
      floor = false;
    else if (o.nearest == "round_prefer_floor")
      floor = ratio <= 0.5;
    else if (o.nearest == "round_prefer_ceil")
      floor = ratio < 0.5;
    else
      floor = o.nearest == "floor";
    return floor ? SmallVector<double>{1, 0} : SmallVector<double>{0, 1};
  }
  double a = o.cubicA;
  bool linear = o.mode == "linear";
  if (!o.antialias) {
    if (linear)
      return {1 - ratio, ratio};
    double r1 = 1 - ratio;
    return {((a * (ratio + 1) - 5 * a) * (ratio + 1) + 8 * a) * (ratio + 1) -
                4 * a,
            ((a + 2) * ratio - (a + 3)) * ratio * ratio + 1,
            ((a + 2) * r1 - (a + 3)) * r1 * r1 + 1,
            ((a * (r1 + 1) - 5 * a) * (r1 + 1) + 8 * a) * (r1 + 1) - 4 * a};
  }
  double s = std::min(scale, 1.0);
  int64_t start = static_cast<int64_t>(std::floor((linear ? -1 : -2) / s) + 1);
  int64_t n = 2 - 2 * start;
  SmallVector<double> c(n);
  double sum = 0;
  for (int64_t i = 0; i < n; ++i) {
    double at = static_cast<double>(start + i);
    c[i] = linear ? std::clamp(1 - std::fabs((at - ratio) * s), 0.0, 1.0)
                  : keys(s * (at - ratio), a);
    sum += c[i];
  }
  normalize(c, sum);
  return c;
}

/// The taps of output coordinate \p x along an axis of input size \p in.
Sample sampleAxis(const ResizeOptions &o, int64_t x, int64_t in,
                  int64_t outSize, double scale, double roiStart,
                  double roiExtent) {
  Sample result;
  double xd = static_cast<double>(x), inD = static_cast<double>(in);
  double outWidth = scale * inD;
  double xo = 0;
  StringRef c = o.coord;
  if (c == "align_corners") {
    xo = outWidth == 1 ? 0.0 : xd * (inD - 1) / (outWidth - 1);
  } else if (c == "asymmetric") {
    xo = xd / scale;
  } else if (c == "tf_crop_and_resize") {
    xo = outWidth == 1 ? roiExtent * (inD - 1) / 2
                       : xd * roiExtent * (inD - 1) / (outWidth - 1);
    xo += roiStart * (inD - 1);
    if (xo < 0 || xo > inD - 1) {
      result.outside = true;
      return result;
    }
  } else if (c == "pytorch_half_pixel") {
    xo = outWidth == 1 ? -0.5 : (xd + 0.5) / scale - 0.5;
  } else if (c == "half_pixel") {
    xo = (xd + 0.5) / scale - 0.5;
  } else if (c == "half_pixel_symmetric") {
    double adjustment = static_cast<double>(outSize) / outWidth;
    double offset = inD / 2 * (1 - adjustment);
    xo = offset + (xd + 0.5) / scale - 0.5;
  } else { // tf_half_pixel_for_nn
    xo = (xd + 0.5) / scale;
  }
  double floorX = std::floor(xo);
  double ratio = xo == floorX ? 1.0 : xo - floorX;
  SmallVector<double> coef = coefficients(o, ratio, scale);
  int64_t n = coef.size(), pad = (n + 1) / 2;
  int64_t first =
      static_cast<int64_t>(std::ceil(xo + static_cast<double>(pad))) - n / 2 -
      pad;
  first = std::max(std::min(first, in - 1 + pad - n + 1), -pad);
  if (o.excludeOutside) {
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (first + i < 0 || first + i >= in)
        coef[i] = 0;
      sum += coef[i];
    }
    if (sum != 0)
      normalize(coef, sum);
  }
  for (int64_t i = 0; i < n; ++i)
    if (coef[i] != 0)
      result.taps.push_back(
          {std::clamp<int64_t>(first + i, 0, in - 1), coef[i]});
  return result;
}

/// Float values of a constant operand, if it is one.
std::optional<SmallVector<double>> constantFloats(Value v) {
  DenseElementsAttr attr = getConstantValue(v);
  if (!attr || !isa<FloatType>(attr.getElementType()))
    return std::nullopt;
  SmallVector<double> out;
  for (Attribute a : attr.getValues<Attribute>())
    out.push_back(cast<FloatAttr>(a).getValueAsDouble());
  return out;
}

/// True when \p v is absent or has no elements (opset 11 passes empty roi
/// and scales it does not use).
bool absent(Value v) {
  return isa<NoneType>(v.getType()) || staticType(v).getNumElements() == 0;
}

/// What one axis contributes to the generic's body.
struct AxisTable {
  int64_t taps = 1;
  /// Every output coordinate reads its own index with weight 1.
  bool identity = true;
  /// Every weight is 1 (nearest).
  bool unitWeights = true;
  /// Every coordinate has all `taps` taps.
  bool full = true;
  bool anyOutside = false;
  Value index, weight, outside;
};

struct ResizePattern : OpRewritePattern<ResizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ResizeOp op,
                                PatternRewriter &rewriter) const override {
    if (!hasCompilableTypes(op))
      return rewriter.notifyMatchFailure(op, "types are not compilable");
    auto inType = staticType(op.getX());
    auto type = staticType(op.getResult());
    Type elem = type.getElementType();
    int64_t rank = inType.getRank();
    if (!isa<FloatType>(elem) || rank < 1 || type.getRank() != rank)
      return rewriter.notifyMatchFailure(op, "expected a float input");
    ResizeOptions o;
    o.mode = op.getMode().value_or("nearest");
    o.coord = op.getCoordinateTransformationMode().value_or("half_pixel");
    o.nearest = op.getNearestMode().value_or("round_prefer_floor");
    if (FloatAttr a = op.getCubicCoeffAAttr())
      o.cubicA = a.getValueAsDouble();
    if (FloatAttr e = op.getExtrapolationValueAttr())
      o.extrapolation = e.getValueAsDouble();
    o.excludeOutside = op.getExcludeOutside().value_or(0) != 0;
    o.antialias = op.getAntialias().value_or(0) != 0 && o.mode != "nearest";
    if (!llvm::is_contained({"nearest", "linear", "cubic"}, o.mode) ||
        !llvm::is_contained({"half_pixel", "half_pixel_symmetric",
                             "pytorch_half_pixel", "align_corners",
                             "asymmetric", "tf_crop_and_resize",
                             "tf_half_pixel_for_nn"},
                            o.coord) ||
        !llvm::is_contained(
            {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"},
            o.nearest))
      return rewriter.notifyMatchFailure(op, "unknown mode");

    SmallVector<int64_t> axes;
    if (std::optional<ArrayAttr> attr = op.getAxes()) {
      for (Attribute a : *attr) {
        int64_t v = cast<IntegerAttr>(a).getInt();
        if (v < -rank || v >= rank)
          return rewriter.notifyMatchFailure(op, "axis out of range");
        v = v < 0 ? v + rank : v;
        if (llvm::is_contained(axes, v))
          return rewriter.notifyMatchFailure(op, "repeated axis");
        axes.push_back(v);
      }
    } else {
      for (int64_t d = 0; d < rank; ++d)
        axes.push_back(d);
    }
    // Step 1: output sizes and scales.
    bool hasScales = !absent(op.getScales()), hasSizes = !absent(op.getSizes());
    if (hasScales == hasSizes)
      return rewriter.notifyMatchFailure(op, "expected scales or sizes");
    SmallVector<int64_t> outShape(inType.getShape());
    SmallVector<double> scale(rank, 1.0);
    if (hasScales) {
      std::optional<SmallVector<double>> s = constantFloats(op.getScales());
      if (!s || s->size() != axes.size())
        return rewriter.notifyMatchFailure(op, "scales are not constant");
      for (size_t i = 0; i < axes.size(); ++i) {
        double v = (*s)[i], size = v * double(inType.getDimSize(axes[i]));
        if (!(v > 0) || !std::isfinite(v) || size > double(int64_t(1) << 40))
          return rewriter.notifyMatchFailure(op, "invalid scale");
        scale[axes[i]] = v;
        outShape[axes[i]] = static_cast<int64_t>(size);
      }
    } else {
      if (op.getKeepAspectRatioPolicy().value_or("stretch") != "stretch")
        return rewriter.notifyMatchFailure(op, "only the stretch policy");
      // The sizes fix the result shape: they must be known to trust it.
      std::optional<SmallVector<int64_t>> sizes =
          getConstantInts(op.getSizes());
      if (!sizes || sizes->size() != axes.size())
        return rewriter.notifyMatchFailure(op, "sizes are not constant");
      for (auto [a, size] : llvm::zip(axes, *sizes)) {
        int64_t in = inType.getDimSize(a);
        outShape[a] = size;
        scale[a] = in == 0 ? 1.0 : double(outShape[a]) / double(in);
      }
    }
    if (type.getShape() != ArrayRef<int64_t>(outShape))
      return rewriter.notifyMatchFailure(op, "unexpected result shape");
    SmallVector<double> roiStart(rank, 0.0), roiExtent(rank, 1.0);
    if (o.coord == "tf_crop_and_resize") {
      std::optional<SmallVector<double>> roi = constantFloats(op.getRoi());
      if (!roi || roi->size() != 2 * axes.size())
        return rewriter.notifyMatchFailure(op, "roi is not constant");
      bool isF32 = staticType(op.getRoi()).getElementType().isF32();
      size_t n = axes.size();
      for (size_t i = 0; i < n; ++i) {
        roiStart[axes[i]] = (*roi)[i];
        // The reference subtracts in the roi's own precision.
        roiExtent[axes[i]] =
            isF32 ? double(float((*roi)[n + i]) - float((*roi)[i]))
                  : (*roi)[n + i] - (*roi)[i];
      }
    }
    if (hasEmptyTensor(op))
      return rewriter.notifyMatchFailure(op, kEmptyReason);

    // Step 2: the taps as constant tables.
    Location loc = op.getLoc();
    SmallVector<AxisTable> tables(rank);
    int64_t combinations = 1;
    for (int64_t d = 0; d < rank; ++d) {
      AxisTable &t = tables[d];
      int64_t in = inType.getDimSize(d), out = outShape[d];
      std::vector<Sample> samples;
      t.taps = 1;
      for (int64_t c = 0; c < out; ++c) {
        samples.push_back(
            sampleAxis(o, c, in, out, scale[d], roiStart[d], roiExtent[d]));
        const Sample &s = samples.back();
        t.taps = std::max<int64_t>(t.taps, s.taps.size());
        t.anyOutside |= s.outside;
        t.identity &= s.taps.size() == 1 && s.taps[0].index == c &&
                      s.taps[0].weight == 1.0;
        for (const Tap &tap : s.taps)
          t.unitWeights &= tap.weight == 1.0;
      }
      SmallVector<int64_t> index;
      SmallVector<double> weight;
      SmallVector<bool> outside;
      for (const Sample &s : samples) {
        t.full &= int64_t(s.taps.size()) == t.taps;
        outside.push_back(s.outside);
        for (int64_t k = 0; k < t.taps; ++k) {
          bool has = k < int64_t(s.taps.size());
          index.push_back(has ? s.taps[k].index : -1);
          weight.push_back(has ? s.taps[k].weight : 0.0);
        }
      }
      combinations *= t.taps;
      if (combinations > 256)
        return rewriter.notifyMatchFailure(op, "too many taps per element");
      if (t.identity)
        continue;
      auto tableType = [&](Type e) {
        return RankedTensorType::get({out, t.taps}, e);
      };
      t.index = rewriter.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(tableType(rewriter.getI64Type()),
                                      ArrayRef<int64_t>(index)));
      if (!t.unitWeights)
        t.weight = rewriter.create<arith::ConstantOp>(
            loc, DenseElementsAttr::get(tableType(rewriter.getF64Type()),
                                        ArrayRef<double>(weight)));
      if (t.anyOutside)
        t.outside = rewriter.create<arith::ConstantOp>(
            loc, DenseElementsAttr::get(
                     RankedTensorType::get({out}, rewriter.getI1Type()),
                     ArrayRef<bool>(outside)));
    }

    // Step 3: the generic.
    Value x = op.getX();
    SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, type, ValueRange{}, emptyTensor(rewriter, loc, type),
        rewriter.getMultiDimIdentityMap(rank), iters,
        [&](OpBuilder &b, Location l, ValueRange) {
          Type f64 = b.getF64Type();
          SmallVector<Value> idx, coords(rank);
          for (int64_t d = 0; d < rank; ++d)
            idx.push_back(b.create<linalg::IndexOp>(l, d));
          // Sums the taps of axes [d, rank) with the weight so far (null
          // for 1), like the reference's recursion.
          std::function<Value(int64_t, Value)> sum = [&](int64_t d,
                                                         Value weight) {
            if (d == rank) {
              Value v = convertScalar(
                  b, l, b.create<tensor::ExtractOp>(l, x, coords), f64);
              return weight ? b.create<arith::MulFOp>(l, weight, v).getResult()
                            : v;
            }
            const AxisTable &t = tables[d];
            Value acc = scalarConstant(b, l, f64, 0.0);
            for (int64_t k = 0; k < t.taps; ++k) {
              Value w = weight, valid;
              if (t.identity) {
                coords[d] = idx[d];
              } else {
                Value kk = b.create<arith::ConstantIndexOp>(l, k);
                Value i = b.create<tensor::ExtractOp>(l, t.index,
                                                      ValueRange{idx[d], kk});
                if (!t.full)
                  valid = b.create<arith::CmpIOp>(
                      l, arith::CmpIPredicate::sge, i,
                      scalarConstant(b, l, i.getType(), 0));
                i = b.create<arith::MaxSIOp>(
                    l, i, scalarConstant(b, l, i.getType(), 0));
                coords[d] =
                    b.create<arith::IndexCastOp>(l, b.getIndexType(), i);
                if (!t.unitWeights) {
                  Value tw = b.create<tensor::ExtractOp>(
                      l, t.weight, ValueRange{idx[d], kk});
                  w = weight
                          ? b.create<arith::MulFOp>(l, weight, tw).getResult()
                          : tw;
                }
              }
              Value next = b.create<arith::AddFOp>(l, acc, sum(d + 1, w));
              acc = valid ? b.create<arith::SelectOp>(l, valid, next, acc)
                                .getResult()
                          : next;
            }
            return acc;
          };
          Value r = sum(0, Value());
          Value out;
          for (int64_t d = 0; d < rank; ++d) {
            if (!tables[d].anyOutside)
              continue;
            Value flag =
                b.create<tensor::ExtractOp>(l, tables[d].outside, idx[d]);
            out = out ? b.create<arith::OrIOp>(l, out, flag).getResult() : flag;
          }
          if (out)
            r = b.create<arith::SelectOp>(
                l, out, scalarConstant(b, l, f64, o.extrapolation), r);
          b.create<linalg::YieldOp>(l, convertScalar(b, l, r, elem));
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void populateResizeLowering(RewritePatternSet &patterns) {
  patterns.add<ResizePattern>(patterns.getContext());
}

} // namespace kiln::cpu
