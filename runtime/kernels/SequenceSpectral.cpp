//===- SequenceSpectral.cpp - DFT and STFT reference kernels --------------===//
//
// Direct O(n^2) discrete Fourier transforms in double:
//
//   X[k] = sum_{t < n} x[t] * exp(-2 pi i k t / n)         (forward)
//   x[t] = 1/n * sum_{k < n} X[k] * exp(+2 pi i k t / n)   (inverse)
//
// Signals are real (last dimension 1) or complex (last dimension 2: real,
// imaginary); outputs are always complex. A signal shorter than the
// transform length n is zero-padded, a longer one truncated. With onesided
// only the bins 0 .. floor(n/2) are produced, as the ONNX reference does.
// Twiddle factors come from a table indexed by (k * t) mod n, so large
// products of k and t lose no accuracy.
//
// Both ops bound the work (output bins times signal samples), since the
// direct transform is quadratic in the length taken from the model.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Sequence.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace kiln::ref {
namespace {

/// Upper bound for a transform length.
constexpr int64_t kMaxLength = int64_t(1) << 30;
/// Upper bound for the complex multiply-adds of one op (a few seconds).
constexpr double kMaxWork = double(int64_t(1) << 32);

/// The cosines and sines of 2 pi j / n for j < n.
struct Twiddles {
  std::vector<double> cosv, sinv;
  explicit Twiddles(int64_t n) : cosv(n), sinv(n) {
    const double twoPi = 6.283185307179586476925286766559;
    for (int64_t j = 0; j < n; ++j) {
      double a = twoPi * double(j) / double(n);
      cosv[j] = std::cos(a);
      sinv[j] = std::sin(a);
    }
  }
};

/// Transforms \p len samples read by \p re / \p im (index -> value) into
/// \p bins outputs written by \p put(k, real, imag), with length \p n.
template <typename Get, typename Put>
void transform(const Twiddles &tw, int64_t n, int64_t len, int64_t bins,
               bool inverse, Get &&get, Put &&put) {
  int64_t used = std::min(len, n);
  double sign = inverse ? 1.0 : -1.0;
  double scale = inverse ? 1.0 / double(n) : 1.0;
  for (int64_t k = 0; k < bins; ++k) {
    double sr = 0.0, si = 0.0;
    for (int64_t t = 0; t < used; ++t) {
      double xr, xi;
      get(t, xr, xi);
      int64_t j = (k * t) % n; // k, t < n <= 2^30: no overflow.
      double c = tw.cosv[j], s = sign * tw.sinv[j];
      // (xr + i xi) * (c + i s)
      sr += xr * c - xi * s;
      si += xr * s + xi * c;
    }
    put(k, sr * scale, si * scale);
  }
}

/// Reads an optional 0-D or one-element integer input.
Status readScalarInt(const KernelContext &ctx, size_t i, std::string_view what,
                     bool &present, int64_t &out) {
  const Tensor *t = ctx.input(i);
  present = t != nullptr;
  if (!t)
    return Status::ok();
  std::vector<int64_t> v;
  KILN_RETURN_IF_ERROR(readInt64Values(*t, what, v));
  if (v.size() != 1)
    return ctx.fail("expected {} to hold one value, found {}", what, v.size());
  out = v[0];
  return Status::ok();
}

Status checkWork(const KernelContext &ctx, double work) {
  if (work > kMaxWork)
    return ctx.fail("expected at most {} multiply-adds for the direct "
                    "transform, found {}",
                    kMaxWork, work);
  return Status::ok();
}

} // namespace

Status evalDFT(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  if (!isFloat(x->dtype()))
    return ctx.fail("expected input of a float type, found {}",
                    dtypeName(x->dtype()));
  int64_t rank = x->rank();
  if (rank < 2 || (x->dim(rank - 1) != 1 && x->dim(rank - 1) != 2))
    return ctx.fail("expected input of rank >= 2 with a last dimension of 1 "
                    "(real) or 2 (complex), found shape {}",
                    formatShape(x->shape()));
  bool complexIn = x->dim(rank - 1) == 2;
  bool inverse, onesided;
  KILN_RETURN_IF_ERROR(readFlag(ctx, "inverse", inverse));
  KILN_RETURN_IF_ERROR(readFlag(ctx, "onesided", onesided));

  bool hasAxis;
  int64_t axis = -2;
  KILN_RETURN_IF_ERROR(readScalarInt(ctx, 2, "axis", hasAxis, axis));
  if (axis < -rank || axis > rank - 2 || (axis < 0 && axis > -2))
    return ctx.fail("expected axis in [{}, -2] or [0, {}], found {}", -rank,
                    rank - 2, axis);
  if (axis < 0)
    axis += rank;

  int64_t len = x->dim(axis);
  bool hasLength;
  int64_t n = len;
  KILN_RETURN_IF_ERROR(readScalarInt(ctx, 1, "dft_length", hasLength, n));
  if (n < 1 || n > kMaxLength)
    return ctx.fail("expected a transform length in [1, {}], found {}",
                    kMaxLength, n);
  int64_t bins = onesided ? n / 2 + 1 : n;

  Shape outShape = x->shape();
  outShape[axis] = bins;
  outShape[rank - 1] = 2;
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= x->dim(d);
  for (int64_t d = axis + 1; d < rank - 1; ++d)
    inner *= x->dim(d);
  KILN_RETURN_IF_ERROR(
      checkWork(ctx, double(outer) * double(inner) * double(bins) *
                         double(std::min(len, n))));

  Tensor out(x->dtype(), outShape);
  if (out.numElements() == 0) {
    ctx.outputs[0] = std::move(out);
    return Status::ok();
  }
  Twiddles tw(n);
  int64_t comps = complexIn ? 2 : 1;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      auto get = [&](int64_t t, double &re, double &im) {
        int64_t off = ((o * len + t) * inner + i) * comps;
        re = x->getAsDouble(off);
        im = complexIn ? x->getAsDouble(off + 1) : 0.0;
      };
      auto put = [&](int64_t k, double re, double im) {
        int64_t off = ((o * bins + k) * inner + i) * 2;
        out.setFromDouble(off, re);
        out.setFromDouble(off + 1, im);
      };
      transform(tw, n, len, bins, inverse, get, put);
    }
  ctx.outputs[0] = std::move(out);
  return Status::ok();
}

Status evalSTFT(KernelContext &ctx) {
  const Tensor *signal;
  KILN_RETURN_IF_ERROR(ctx.required(0, signal));
  if (!isFloat(signal->dtype()))
    return ctx.fail("expected signal of a float type, found {}",
                    dtypeName(signal->dtype()));
  if (signal->rank() != 3 || (signal->dim(2) != 1 && signal->dim(2) != 2))
    return ctx.fail("expected signal of shape batch x length x 1 (real) or "
                    "2 (complex), found {}",
                    formatShape(signal->shape()));
  bool complexIn = signal->dim(2) == 2;
  int64_t batch = signal->dim(0), len = signal->dim(1);
  bool onesided;
  KILN_RETURN_IF_ERROR(readFlag(ctx, "onesided", onesided, /*def=*/true));

  bool hasStep;
  int64_t step = 0;
  KILN_RETURN_IF_ERROR(readScalarInt(ctx, 1, "frame_step", hasStep, step));
  if (!hasStep)
    return ctx.fail("expected a frame_step input");
  if (step < 1)
    return ctx.fail("expected frame_step >= 1, found {}", step);

  const Tensor *window = ctx.input(2);
  if (window) {
    if (!isFloat(window->dtype()))
      return ctx.fail("expected window of a float type, found {}",
                      dtypeName(window->dtype()));
    if (window->rank() != 1)
      return ctx.fail("expected window of rank 1, found shape {}",
                      formatShape(window->shape()));
  }
  bool hasLength;
  int64_t frameLength = window ? window->dim(0) : 0;
  KILN_RETURN_IF_ERROR(
      readScalarInt(ctx, 3, "frame_length", hasLength, frameLength));
  if (!window && !hasLength)
    return ctx.fail("expected a window or a frame_length input");
  if (window && hasLength && window->dim(0) != frameLength)
    return ctx.fail("expected a window of frame_length {} values, found {}",
                    frameLength, window->dim(0));
  if (frameLength < 1 || frameLength > len)
    return ctx.fail("expected frame_length in [1, {}] (the signal length), "
                    "found {}",
                    len, frameLength);

  int64_t frames = (len - frameLength) / step + 1;
  int64_t bins = onesided ? frameLength / 2 + 1 : frameLength;
  Shape outShape{batch, frames, bins, 2};
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  KILN_RETURN_IF_ERROR(checkWork(ctx, double(batch) * double(frames) *
                                          double(bins) * double(frameLength)));
  Tensor out(signal->dtype(), outShape);
  if (out.numElements() == 0) {
    ctx.outputs[0] = std::move(out);
    return Status::ok();
  }
  Twiddles tw(frameLength);
  int64_t comps = complexIn ? 2 : 1;
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t f = 0; f < frames; ++f) {
      auto get = [&](int64_t t, double &re, double &im) {
        int64_t off = (b * len + f * step + t) * comps;
        double w = window ? window->getAsDouble(t) : 1.0;
        re = w * signal->getAsDouble(off);
        im = complexIn ? w * signal->getAsDouble(off + 1) : 0.0;
      };
      auto put = [&](int64_t k, double re, double im) {
        int64_t off = ((b * frames + f) * bins + k) * 2;
        out.setFromDouble(off, re);
        out.setFromDouble(off + 1, im);
      };
      transform(tw, frameLength, frameLength, bins, /*inverse=*/false, get,
                put);
    }
  ctx.outputs[0] = std::move(out);
  return Status::ok();
}

} // namespace kiln::ref
