//===- IndexingResize.cpp - Resize reference kernel -----------------------===//
//
// ONNX Resize (opset 19 form, also serving the v11 coordinate mode
// tf_half_pixel_for_nn), computed the way the ONNX reference
// (onnx/reference/ops/op_resize.py) does:
//
//  1. Output size and per-axis scale: from `scales` (size = floor(scale *
//     in)) or from `sizes` (scale = out / in, optionally one common scale per
//     keep_aspect_ratio_policy, size = round_half_up(scale * in)).
//  2. For each axis and output coordinate x, the input coordinate x_ori by
//     coordinate_transformation_mode, then ratio = x_ori - floor(x_ori) taken
//     in (0, 1] (an integral x_ori has ratio 1).
//  3. Coefficients from the ratio: nearest [picks floor or ceil], linear
//     [1 - r, r], cubic (Keys, cubic_coeff_a), optionally stretched by 1/scale
//     when antialiasing a downscale.
//  4. The coefficients apply to the n nearest integer positions around x_ori
//     in the input edge-padded by ceil(n / 2) (ties prefer the smaller
//     position); exclude_outside zeroes positions outside the input and
//     renormalizes.
//  5. The result is the tensor product over axes of the 1-D weights (the
//     reference's nested 1-D interpolations), accumulated in double.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Indexing.h"

#include <algorithm>
#include <cmath>

namespace kiln::ref {
namespace {

enum class Mode { Nearest, Linear, Cubic };
enum class Coord {
  HalfPixel,
  HalfPixelSymmetric,
  PytorchHalfPixel,
  AlignCorners,
  Asymmetric,
  TfCropAndResize,
  TfHalfPixelForNN
};
enum class NearestMode { RoundPreferFloor, RoundPreferCeil, Floor, Ceil };

/// The attributes of one Resize, parsed and checked.
struct Options {
  Mode mode = Mode::Nearest;
  Coord coord = Coord::HalfPixel;
  NearestMode nearest = NearestMode::RoundPreferFloor;
  double cubicA = -0.75;
  bool excludeOutside = false;
  bool antialias = false;
  double extrapolation = 0.0;
};

/// One input position contributing to an output coordinate along one axis.
struct Tap {
  int64_t index;
  double weight;
};

/// The taps of one output coordinate along one axis; `outside` means the
/// output element is the extrapolation value (tf_crop_and_resize).
struct AxisSample {
  std::vector<Tap> taps;
  bool outside = false;
};

Status parseOptions(const KernelContext &ctx, Options &o) {
  const AttrMap &a = ctx.attributes();
  std::string mode = a.getString("mode", "nearest");
  if (mode == "nearest")
    o.mode = Mode::Nearest;
  else if (mode == "linear")
    o.mode = Mode::Linear;
  else if (mode == "cubic")
    o.mode = Mode::Cubic;
  else
    return ctx.fail("expected mode nearest, linear or cubic, found '{}'", mode);

  std::string coord =
      a.getString("coordinate_transformation_mode", "half_pixel");
  static const std::pair<const char *, Coord> kCoords[] = {
      {"half_pixel", Coord::HalfPixel},
      {"half_pixel_symmetric", Coord::HalfPixelSymmetric},
      {"pytorch_half_pixel", Coord::PytorchHalfPixel},
      {"align_corners", Coord::AlignCorners},
      {"asymmetric", Coord::Asymmetric},
      {"tf_crop_and_resize", Coord::TfCropAndResize},
      {"tf_half_pixel_for_nn", Coord::TfHalfPixelForNN}};
  bool found = false;
  for (auto &[name, value] : kCoords)
    if (coord == name) {
      o.coord = value;
      found = true;
    }
  if (!found)
    return ctx.fail("coordinate_transformation_mode '{}' is not supported",
                    coord);

  std::string nearest = a.getString("nearest_mode", "round_prefer_floor");
  if (nearest == "round_prefer_floor")
    o.nearest = NearestMode::RoundPreferFloor;
  else if (nearest == "round_prefer_ceil")
    o.nearest = NearestMode::RoundPreferCeil;
  else if (nearest == "floor")
    o.nearest = NearestMode::Floor;
  else if (nearest == "ceil")
    o.nearest = NearestMode::Ceil;
  else
    return ctx.fail("nearest_mode '{}' is not supported", nearest);

  o.cubicA = a.getFloat("cubic_coeff_a", -0.75);
  o.excludeOutside = a.getInt("exclude_outside", 0) != 0;
  // Antialiasing only stretches the linear and cubic filters.
  o.antialias = a.getInt("antialias", 0) != 0 && o.mode != Mode::Nearest;
  o.extrapolation = a.getFloat("extrapolation_value", 0.0);
  return Status::ok();
}

/// Keys cubic kernel of parameter A at distance |x|.
double cubicKernel(double x, double a) {
  x = std::fabs(x);
  if (x <= 1)
    return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2)
    return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0.0;
}

/// The 1-D filter coefficients for \p ratio in (0, 1]; coefficient i applies
/// to position ceil(x_ori) - n/2 + i.
std::vector<double> coefficients(const Options &o, double ratio, double scale) {
  switch (o.mode) {
  case Mode::Nearest:
    if (ratio == 1.0)
      return {0, 1};
    switch (o.nearest) {
    case NearestMode::RoundPreferFloor:
      return ratio <= 0.5 ? std::vector<double>{1, 0}
                          : std::vector<double>{0, 1};
    case NearestMode::RoundPreferCeil:
      return ratio < 0.5 ? std::vector<double>{1, 0}
                         : std::vector<double>{0, 1};
    case NearestMode::Floor:
      return {1, 0};
    case NearestMode::Ceil:
      return {0, 1};
    }
    return {0, 1};
  case Mode::Linear: {
    if (!o.antialias)
      return {1 - ratio, ratio};
    double s = std::min(scale, 1.0);
    int64_t start = static_cast<int64_t>(std::floor(-1 / s) + 1);
    int64_t n = 2 - 2 * start;
    std::vector<double> c(n);
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) {
      double arg = (static_cast<double>(start + i) - ratio) * s;
      c[i] = std::clamp(1 - std::fabs(arg), 0.0, 1.0);
      sum += c[i];
    }
    for (double &v : c)
      v /= sum;
    return c;
  }
  case Mode::Cubic: {
    double a = o.cubicA;
    if (!o.antialias) {
      double r1 = 1 - ratio;
      return {((a * (ratio + 1) - 5 * a) * (ratio + 1) + 8 * a) * (ratio + 1) -
                  4 * a,
              ((a + 2) * ratio - (a + 3)) * ratio * ratio + 1,
              ((a + 2) * r1 - (a + 3)) * r1 * r1 + 1,
              ((a * (r1 + 1) - 5 * a) * (r1 + 1) + 8 * a) * (r1 + 1) - 4 * a};
    }
    double s = std::min(scale, 1.0);
    int64_t start = static_cast<int64_t>(std::floor(-2 / s) + 1);
    int64_t n = 2 - 2 * start;
    std::vector<double> c(n);
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) {
      c[i] = cubicKernel(s * (static_cast<double>(start + i) - ratio), a);
      sum += c[i];
    }
    for (double &v : c)
      v /= sum;
    return c;
  }
  }
  return {0, 1};
}

/// The taps of output coordinate \p x along an axis of input size \p in,
/// output size \p outSize and scale \p scale (steps 2-4 of the file header).
AxisSample sampleAxis(const Options &o, int64_t x, int64_t in, int64_t outSize,
                      double scale, double roiStart, double roiExtent) {
  AxisSample result;
  double xd = static_cast<double>(x), inD = static_cast<double>(in);
  double outWidth = scale * inD;
  double xo = 0;
  switch (o.coord) {
  case Coord::AlignCorners:
    xo = outWidth == 1 ? 0.0 : xd * (inD - 1) / (outWidth - 1);
    break;
  case Coord::Asymmetric:
    xo = xd / scale;
    break;
  case Coord::TfCropAndResize:
    xo = outWidth == 1 ? roiExtent * (inD - 1) / 2
                       : xd * roiExtent * (inD - 1) / (outWidth - 1);
    xo += roiStart * (inD - 1);
    if (xo < 0 || xo > inD - 1) {
      result.outside = true;
      return result;
    }
    break;
  case Coord::PytorchHalfPixel:
    xo = outWidth == 1 ? -0.5 : (xd + 0.5) / scale - 0.5;
    break;
  case Coord::HalfPixel:
    xo = (xd + 0.5) / scale - 0.5;
    break;
  case Coord::HalfPixelSymmetric: {
    double adjustment = static_cast<double>(outSize) / outWidth;
    double offset = inD / 2 * (1 - adjustment);
    xo = offset + (xd + 0.5) / scale - 0.5;
    break;
  }
  case Coord::TfHalfPixelForNN:
    xo = (xd + 0.5) / scale;
    break;
  }

  double floorX = std::floor(xo);
  double ratio = xo == floorX ? 1.0 : xo - floorX;
  std::vector<double> c = coefficients(o, ratio, scale);
  int64_t n = static_cast<int64_t>(c.size());
  int64_t pad = (n + 1) / 2;
  // The n nearest positions to xo, kept inside the padded input. Like the
  // reference, search around xo + pad in floating point: when xo is within
  // rounding of an integer this picks the same window as the reference.
  int64_t first =
      static_cast<int64_t>(std::ceil(xo + static_cast<double>(pad))) - n / 2 -
      pad;
  first = std::min(first, in - 1 + pad - n + 1);
  first = std::max(first, -pad);
  if (o.excludeOutside) {
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) {
      int64_t p = first + i;
      if (p < 0 || p >= in)
        c[i] = 0;
      sum += c[i];
    }
    if (sum != 0)
      for (double &v : c)
        v /= sum;
  }
  for (int64_t i = 0; i < n; ++i)
    if (c[i] != 0)
      result.taps.push_back({std::clamp<int64_t>(first + i, 0, in - 1), c[i]});
  return result;
}

/// Reads a float tensor (roi, scales) as double values.
Status readFloats(const KernelContext &ctx, const Tensor &t,
                  std::string_view what, std::vector<double> &out) {
  if (!isFloat(t.dtype()) || t.rank() != 1)
    return ctx.fail(
        "expected {} to be a 1-D float tensor, found {} of shape {}", what,
        dtypeName(t.dtype()), formatShape(t.shape()));
  out.resize(t.numElements());
  for (int64_t i = 0; i < t.numElements(); ++i)
    out[i] = t.getAsDouble(i);
  return Status::ok();
}

} // namespace

Status evalResize(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  // Opset 11 passes empty tensors for roi and scales it does not use.
  auto present = [&](size_t i) -> const Tensor * {
    const Tensor *t = ctx.input(i);
    return t && t->numElements() > 0 ? t : nullptr;
  };
  const Tensor *roiIn = present(1), *scalesIn = present(2),
               *sizesIn = present(3);
  int64_t rank = x->rank();
  if (rank < 1)
    return ctx.fail("expected an input of rank >= 1, found a scalar");
  if (x->dtype() == DType::Bool)
    return ctx.fail("expected a numeric input, found bool");
  Options o;
  KILN_RETURN_IF_ERROR(parseOptions(ctx, o));

  std::vector<int64_t> axes;
  if (ctx.attributes().has("axes")) {
    for (int64_t a : ctx.attributes().getInts("axes")) {
      int64_t axis;
      KILN_RETURN_IF_ERROR(normalizeAxis(ctx, a, rank, axis));
      if (std::find(axes.begin(), axes.end(), axis) != axes.end())
        return ctx.fail("axis {} appears twice in axes", a);
      axes.push_back(axis);
    }
  } else {
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
  }
  size_t naxes = axes.size();

  // Step 1: output size and scale of every axis.
  if ((scalesIn != nullptr) == (sizesIn != nullptr))
    return ctx.fail("expected exactly one of scales and sizes");
  const Shape &inShape = x->shape();
  Shape outShape = inShape;
  std::vector<double> scale(rank, 1.0);
  if (scalesIn) {
    std::vector<double> s;
    KILN_RETURN_IF_ERROR(readFloats(ctx, *scalesIn, "scales", s));
    if (s.size() != naxes)
      return ctx.fail("expected {} scales, found {}", naxes, s.size());
    for (size_t i = 0; i < naxes; ++i) {
      if (!(s[i] > 0) || !std::isfinite(s[i]))
        return ctx.fail("expected positive scales, found {}", s[i]);
      double size = s[i] * static_cast<double>(inShape[axes[i]]);
      if (size > static_cast<double>(int64_t(1) << 40))
        return ctx.fail("scale {} makes dimension {} too large", s[i], axes[i]);
      scale[axes[i]] = s[i];
      outShape[axes[i]] = static_cast<int64_t>(size);
    }
  } else {
    std::vector<int64_t> sizes;
    if (Status s = readInt64Values(*sizesIn, "sizes", sizes); !s)
      return ctx.fail("{}", s.message());
    if (sizes.size() != naxes)
      return ctx.fail("expected {} sizes, found {}", naxes, sizes.size());
    for (size_t i = 0; i < naxes; ++i) {
      if (sizes[i] < 0)
        return ctx.fail("expected non-negative sizes, found {}", sizes[i]);
      if (sizes[i] > 0 && inShape[axes[i]] == 0)
        return ctx.fail("cannot resize empty dimension {} to size {}", axes[i],
                        sizes[i]);
      outShape[axes[i]] = sizes[i];
      scale[axes[i]] = inShape[axes[i]] == 0
                           ? 1.0
                           : static_cast<double>(sizes[i]) /
                                 static_cast<double>(inShape[axes[i]]);
    }
    std::string policy =
        ctx.attributes().getString("keep_aspect_ratio_policy", "stretch");
    if (policy == "not_larger" || policy == "not_smaller") {
      double common = scale[axes[0]];
      for (int64_t a : axes)
        common = policy == "not_larger" ? std::min(common, scale[a])
                                        : std::max(common, scale[a]);
      for (int64_t a : axes) {
        scale[a] = common;
        outShape[a] = static_cast<int64_t>(
            common * static_cast<double>(inShape[a]) + 0.5);
      }
    } else if (policy != "stretch") {
      return ctx.fail("expected keep_aspect_ratio_policy stretch, not_larger "
                      "or not_smaller, found '{}'",
                      policy);
    }
  }
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));

  std::vector<double> roiStart(rank, 0.0), roiExtent(rank, 1.0);
  if (o.coord == Coord::TfCropAndResize) {
    if (!roiIn)
      return ctx.fail("expected a roi input with tf_crop_and_resize");
    std::vector<double> roi;
    KILN_RETURN_IF_ERROR(readFloats(ctx, *roiIn, "roi", roi));
    if (roi.size() != 2 * naxes)
      return ctx.fail("expected {} roi values, found {}", 2 * naxes,
                      roi.size());
    for (size_t i = 0; i < naxes; ++i) {
      roiStart[axes[i]] = roi[i];
      // The reference subtracts in the roi's own precision.
      roiExtent[axes[i]] =
          roiIn->dtype() == DType::F32
              ? static_cast<double>(static_cast<float>(roi[naxes + i]) -
                                    static_cast<float>(roi[i]))
              : roi[naxes + i] - roi[i];
    }
  }

  // Steps 2-4 per axis: the taps of every output coordinate.
  std::vector<std::vector<AxisSample>> samples(rank);
  for (int64_t d = 0; d < rank; ++d)
    for (int64_t c = 0; c < outShape[d]; ++c)
      samples[d].push_back(sampleAxis(o, c, inShape[d], outShape[d], scale[d],
                                      roiStart[d], roiExtent[d]));

  // Step 5: sum over the tensor product of taps of every output element.
  Tensor out(x->dtype(), outShape);
  std::vector<int64_t> strides = shapeStrides(inShape);
  dispatchAll(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T *src = x->data<T>();
    std::vector<const AxisSample *> cur(rank);
    // Accumulates the taps of axes [d, rank) below flat offset `offset`.
    auto accumulate = [&](auto &self, int64_t d, int64_t offset,
                          double weight) -> double {
      if (d == rank)
        return weight *
               static_cast<double>(static_cast<ComputeType<T>>(src[offset]));
      double sum = 0;
      for (const Tap &t : cur[d]->taps)
        sum +=
            self(self, d + 1, offset + t.index * strides[d], weight * t.weight);
      return sum;
    };
    StridedIndex it(outShape, {});
    for (int64_t i = 0, n = out.numElements(); i < n; ++i, it.next()) {
      bool outside = false;
      for (int64_t d = 0; d < rank; ++d) {
        cur[d] = &samples[d][it.index()[d]];
        outside |= cur[d]->outside;
      }
      out.setFromDouble(i, outside ? o.extrapolation
                                   : accumulate(accumulate, 0, 0, 1.0));
    }
  });
  ctx.outputs[0] = out;
  return Status::ok();
}

} // namespace kiln::ref
