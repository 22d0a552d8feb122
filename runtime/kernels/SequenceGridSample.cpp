//===- SequenceGridSample.cpp - GridSample reference kernel ---------------===//
//
// GridSample over N-D inputs, following the ONNX reference implementation of
// opset 20 (which keeps the 2-D behaviour of opset 16; the old mode names
// bilinear and bicubic are accepted as linear and cubic):
//
//   1. Grid component k is the normalized coordinate in [-1, 1] of spatial
//      dimension r-1-k (x first), mapped to a pixel coordinate:
//      ((g + 1) / 2) * (D - 1) with align_corners, ((g + 1) * D - 1) / 2
//      without.
//   2. Nearest rounds the coordinate half to even. A coordinate outside the
//      border ([0, D-1] with align_corners, [-0.5, D-0.5] without) is
//      clamped to [0, D-1] (border padding) or reflected back across the
//      borders (reflection padding).
//   3. The interpolation is separable: per dimension one tap (nearest), two
//      (linear) or four with Keys' cubic weights, a = -0.75 (cubic). A tap
//      outside the input reads zero (zeros padding), the clamped pixel
//      (border) or the reflected one (reflection).
//
// The taps of an output position are shared by all channels.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Sequence.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace kiln::ref {
namespace {

/// Upper bound for the spatial rank: cubic sampling reads 4^r taps.
constexpr int64_t kMaxSpatialRank = 6;
/// Pixel coordinates are clamped to +-kFar so that integer conversions stay
/// defined; anything that far out is outside every real input.
constexpr double kFar = double(int64_t(1) << 40);

enum class Mode { Nearest, Linear, Cubic };
enum class Padding { Zeros, Border, Reflection };

/// Reflects \p x back into [lo, hi] across the nearer border, repeatedly.
double reflect(double x, double lo, double hi) {
  double range = hi - lo;
  if (range <= 0.0)
    return lo;
  if (x < lo) {
    double dx = lo - x;
    double n = std::floor(dx / range);
    double r = dx - n * range;
    return std::fmod(n, 2.0) == 0.0 ? lo + r : hi - r;
  }
  if (x > hi) {
    double dx = x - hi;
    double n = std::floor(dx / range);
    double r = dx - n * range;
    return std::fmod(n, 2.0) == 0.0 ? hi - r : lo + r;
  }
  return x;
}

/// Keys' cubic convolution weights of the taps at -1, 0, 1, 2 for a
/// fractional offset \p t in [0, 1).
void cubicWeights(double t, double w[4]) {
  const double a = -0.75;
  double x = t + 1.0;
  w[0] = ((a * x - 5.0 * a) * x + 8.0 * a) * x - 4.0 * a;
  x = t;
  w[1] = ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
  x = 1.0 - t;
  w[2] = ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
  x = 2.0 - t;
  w[3] = ((a * x - 5.0 * a) * x + 8.0 * a) * x - 4.0 * a;
}

/// One tap along one dimension: an index into it (-1: reads zero) and a
/// weight.
struct Tap1 {
  int64_t index;
  double weight;
};

} // namespace

Status evalGridSample(KernelContext &ctx) {
  const Tensor *x, *grid;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, grid));
  if (!isFloat(x->dtype()) || !isFloat(grid->dtype()))
    return ctx.fail("expected X and grid of a float type, found {} and {}",
                    dtypeName(x->dtype()), dtypeName(grid->dtype()));
  int64_t r = x->rank() - 2;
  if (r < 1 || r > kMaxSpatialRank)
    return ctx.fail("expected X of rank 3 to {}, found shape {}",
                    kMaxSpatialRank + 2, formatShape(x->shape()));
  if (grid->rank() != r + 2 || grid->dim(0) != x->dim(0) ||
      grid->dim(r + 1) != r)
    return ctx.fail("expected grid of shape {}x<spatial dims>x{} for X of "
                    "shape {}, found {}",
                    x->dim(0), r, formatShape(x->shape()),
                    formatShape(grid->shape()));

  const AttrMap &attrs = ctx.attributes();
  std::string modeName = attrs.getString("mode", "linear");
  Mode mode;
  if (modeName == "linear" || modeName == "bilinear")
    mode = Mode::Linear;
  else if (modeName == "nearest")
    mode = Mode::Nearest;
  else if (modeName == "cubic" || modeName == "bicubic")
    mode = Mode::Cubic;
  else
    return ctx.fail("expected 'mode' to be linear, nearest or cubic, found "
                    "'{}'",
                    modeName);
  std::string padName = attrs.getString("padding_mode", "zeros");
  Padding padding;
  if (padName == "zeros")
    padding = Padding::Zeros;
  else if (padName == "border")
    padding = Padding::Border;
  else if (padName == "reflection")
    padding = Padding::Reflection;
  else
    return ctx.fail("expected 'padding_mode' to be zeros, border or "
                    "reflection, found '{}'",
                    padName);
  bool alignCorners;
  KILN_RETURN_IF_ERROR(readFlag(ctx, "align_corners", alignCorners));

  int64_t n = x->dim(0), channels = x->dim(1);
  Shape in(x->shape().begin() + 2, x->shape().end());
  Shape outSpatial(grid->shape().begin() + 1, grid->shape().end() - 1);
  Shape outShape{n, channels};
  outShape.insert(outShape.end(), outSpatial.begin(), outSpatial.end());
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  Tensor out(x->dtype(), outShape);
  int64_t inSize = shapeNumElements(in), outSize = shapeNumElements(outSpatial);
  std::vector<int64_t> inStrides = shapeStrides(in);
  if (out.numElements() == 0) {
    ctx.outputs[0] = std::move(out);
    return Status::ok();
  }
  for (int64_t d : in)
    if (d == 0 && padding != Padding::Zeros)
      return ctx.fail("expected non-empty spatial dimensions for {} padding, "
                      "found X of shape {}",
                      padName, formatShape(x->shape()));

  // Maps an integer pixel index of dimension i to a readable one, or -1.
  auto pixel = [&](int64_t i, int64_t dim) -> int64_t {
    int64_t size = in[dim];
    switch (padding) {
    case Padding::Zeros:
      return i >= 0 && i < size ? i : -1;
    case Padding::Border:
      return std::clamp<int64_t>(i, 0, size - 1);
    case Padding::Reflection: {
      double lo = alignCorners ? 0.0 : -0.5;
      double hi = alignCorners ? double(size) - 1.0 : double(size) - 0.5;
      int64_t j = static_cast<int64_t>(reflect(double(i), lo, hi));
      return std::clamp<int64_t>(j, 0, size - 1);
    }
    }
    return -1;
  };

  std::vector<std::vector<Tap1>> taps(static_cast<size_t>(r));
  std::vector<int64_t> tapOffsets;
  std::vector<double> tapWeights;
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t o = 0; o < outSize; ++o) {
      // Steps 1-3 per dimension.
      bool isNan = false;
      for (int64_t i = 0; i < r; ++i) {
        double g = grid->getAsDouble((b * outSize + o) * r + (r - 1 - i));
        if (std::isnan(g)) {
          isNan = true;
          break;
        }
        double size = double(in[i]);
        double v = alignCorners ? (g + 1.0) / 2.0 * (size - 1.0)
                                : ((g + 1.0) * size - 1.0) / 2.0;
        v = std::clamp(v, -kFar, kFar);
        if (mode == Mode::Nearest)
          v = std::nearbyint(v);
        double lo = alignCorners ? 0.0 : -0.5;
        double hi = alignCorners ? size - 1.0 : size - 0.5;
        if (v < lo || v > hi) {
          if (padding == Padding::Border)
            v = std::clamp(v, 0.0, size - 1.0);
          else if (padding == Padding::Reflection)
            v = reflect(v, lo, hi);
        }
        std::vector<Tap1> &t = taps[i];
        t.clear();
        if (mode == Mode::Nearest) {
          t.push_back({pixel(static_cast<int64_t>(v), i), 1.0});
        } else if (mode == Mode::Linear) {
          double f = std::floor(v);
          int64_t i0 = static_cast<int64_t>(f);
          t.push_back({pixel(i0, i), 1.0 - (v - f)});
          t.push_back({pixel(i0 + 1, i), v - f});
        } else {
          double f = std::floor(v);
          int64_t i0 = static_cast<int64_t>(f);
          double w[4];
          cubicWeights(v - f, w);
          for (int k = 0; k < 4; ++k)
            t.push_back({pixel(i0 - 1 + k, i), w[k]});
        }
      }
      // The product of the per-dimension taps; a zero tap drops out.
      tapOffsets.clear();
      tapWeights.clear();
      if (!isNan) {
        std::vector<size_t> k(static_cast<size_t>(r), 0);
        while (true) {
          int64_t off = 0;
          double w = 1.0;
          bool zero = false;
          for (int64_t i = 0; i < r; ++i) {
            const Tap1 &t = taps[i][k[i]];
            if (t.index < 0)
              zero = true;
            off += t.index * inStrides[i];
            w *= t.weight;
          }
          if (!zero) {
            tapOffsets.push_back(off);
            tapWeights.push_back(w);
          }
          int64_t i = r - 1;
          while (i >= 0 && ++k[i] == taps[i].size())
            k[i--] = 0;
          if (i < 0)
            break;
        }
      }
      for (int64_t c = 0; c < channels; ++c) {
        int64_t base = (b * channels + c) * inSize;
        double acc = 0.0;
        for (size_t k = 0; k < tapOffsets.size(); ++k)
          acc += tapWeights[k] * x->getAsDouble(base + tapOffsets[k]);
        out.setFromDouble((b * channels + c) * outSize + o,
                          isNan ? std::numeric_limits<double>::quiet_NaN()
                                : acc);
      }
    }
  }
  ctx.outputs[0] = std::move(out);
  return Status::ok();
}

} // namespace kiln::ref
