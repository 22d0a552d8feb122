//===- MiscOther.cpp - Compress, ReverseSequence, Det, windows, MaxUnpool -===//
//
// Stand-alone ops with no shared machinery. Compress, ReverseSequence and
// MaxUnpool only move elements, so they copy bytes and work for every dtype
// the op allows; Det factors each matrix in double; the windows evaluate
// their cosine sums in double and store in the requested type.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Misc.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

namespace kiln::ref {
namespace {

/// Copies element \p from of \p src to element \p to of \p dst (same dtype).
void copyElement(const Tensor &src, int64_t from, Tensor &dst, int64_t to) {
  size_t sz = dtypeSize(src.dtype());
  std::memcpy(static_cast<char *>(dst.raw()) + to * sz,
              static_cast<const char *>(src.raw()) + from * sz, sz);
}

/// Reads a scalar (0-D or one-element) integer input.
Status readScalarInt(const KernelContext &ctx, const Tensor &t,
                     std::string_view what, int64_t &out) {
  if (!isInteger(t.dtype()) || t.numElements() != 1 || t.rank() > 1)
    return ctx.fail("expected {} to be an integer scalar, found {} {}", what,
                    dtypeName(t.dtype()), formatShape(t.shape()));
  out = t.getAsInt64(0);
  return Status::ok();
}

} // namespace

//===----------------------------------------------------------------------===//
// Compress
//===----------------------------------------------------------------------===//

Status evalCompress(KernelContext &ctx) {
  const Tensor *input, *cond;
  KILN_RETURN_IF_ERROR(ctx.required(0, input));
  KILN_RETURN_IF_ERROR(ctx.required(1, cond));
  if (cond->dtype() != DType::Bool || cond->rank() != 1)
    return ctx.fail("expected a 1-D bool condition, found {} {}",
                    dtypeName(cond->dtype()), formatShape(cond->shape()));
  // Without an axis the input is seen flattened: outer = inner = 1.
  AxisView view;
  KILN_RETURN_IF_ERROR(viewAroundOptionalAxis(ctx, *input, view));
  const Tensor &x = view.x;
  int64_t axis = view.axis, outer = view.outer, dim = view.dim,
          inner = view.inner;
  // Like numpy, a longer condition is fine while its extra entries are false.
  std::vector<int64_t> kept;
  const bool *c = cond->data<bool>();
  for (int64_t i = 0; i < cond->dim(0); ++i) {
    if (!c[i])
      continue;
    if (i >= dim)
      return ctx.fail("expected true condition entries below the axis "
                      "size {}, found one at {}",
                      dim, i);
    kept.push_back(i);
  }
  Shape outShape = x.shape();
  outShape[axis] = static_cast<int64_t>(kept.size());
  Tensor y(input->dtype(), outShape);
  int64_t k = static_cast<int64_t>(kept.size());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j = 0; j < k; ++j)
      copyElements(x, (o * dim + kept[j]) * inner, y, (o * k + j) * inner,
                   inner);
  ctx.outputs[0] = std::move(y);
  return Status::ok();
}

//===----------------------------------------------------------------------===//
// ReverseSequence
//===----------------------------------------------------------------------===//

Status evalReverseSequence(KernelContext &ctx) {
  const Tensor *x, *lens;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, lens));
  int64_t batchAxis = ctx.attributes().getInt("batch_axis", 1);
  int64_t timeAxis = ctx.attributes().getInt("time_axis", 0);
  if (x->rank() < 2)
    return ctx.fail("expected an input of rank >= 2, found {}",
                    formatShape(x->shape()));
  if (!((batchAxis == 0 && timeAxis == 1) || (batchAxis == 1 && timeAxis == 0)))
    return ctx.fail("expected batch_axis and time_axis to be 0 and 1 in some "
                    "order, found {} and {}",
                    batchAxis, timeAxis);
  int64_t batch = x->dim(batchAxis), time = x->dim(timeAxis);
  if (!isInteger(lens->dtype()) || lens->shape() != Shape{batch})
    return ctx.fail("expected integer sequence_lens of shape {}, found {} {}",
                    formatShape(Shape{batch}), dtypeName(lens->dtype()),
                    formatShape(lens->shape()));
  int64_t inner = 1;
  for (int64_t i = 2; i < x->rank(); ++i)
    inner *= x->dim(i);
  Tensor y = x->clone();
  // Element (t, b, r) lives at (t * batch + b) * inner + r for time-major
  // input and at (b * time + t) * inner + r for batch-major.
  auto offset = [&](int64_t t, int64_t b) {
    return (timeAxis == 0 ? t * batch + b : b * time + t) * inner;
  };
  for (int64_t b = 0; b < batch; ++b) {
    int64_t len = lens->getAsInt64(b);
    if (len < 0 || len > time)
      return ctx.fail("expected sequence_lens values in [0, {}], found {} "
                      "at {}",
                      time, len, b);
    for (int64_t t = 0; t < len; ++t)
      copyElements(*x, offset(len - 1 - t, b), y, offset(t, b), inner);
  }
  ctx.outputs[0] = std::move(y);
  return Status::ok();
}

//===----------------------------------------------------------------------===//
// Det
//===----------------------------------------------------------------------===//

Status evalDet(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  if (!isFloat(x->dtype()))
    return ctx.fail("expected a floating-point input, found {}",
                    dtypeName(x->dtype()));
  if (x->rank() < 2 || x->dim(x->rank() - 1) != x->dim(x->rank() - 2))
    return ctx.fail("expected square matrices [..., M, M], found {}",
                    formatShape(x->shape()));
  int64_t m = x->dim(x->rank() - 1);
  Shape outShape(x->shape().begin(), x->shape().end() - 2);
  Tensor y(x->dtype(), outShape);
  std::vector<double> a(static_cast<size_t>(m * m));
  for (int64_t b = 0; b < y.numElements(); ++b) {
    for (int64_t i = 0; i < m * m; ++i)
      a[i] = x->getAsDouble(b * m * m + i);
    // Gaussian elimination with partial pivoting: det = sign * prod(diag).
    double det = 1;
    for (int64_t col = 0; col < m && det != 0; ++col) {
      int64_t pivot = col;
      for (int64_t r = col + 1; r < m; ++r)
        if (std::fabs(a[r * m + col]) > std::fabs(a[pivot * m + col]))
          pivot = r;
      if (a[pivot * m + col] == 0) {
        det = 0;
        break;
      }
      if (pivot != col) {
        for (int64_t k = 0; k < m; ++k)
          std::swap(a[col * m + k], a[pivot * m + k]);
        det = -det;
      }
      double d = a[col * m + col];
      det *= d;
      for (int64_t r = col + 1; r < m; ++r) {
        double f = a[r * m + col] / d;
        for (int64_t k = col; k < m; ++k)
          a[r * m + k] -= f * a[col * m + k];
      }
    }
    y.setFromDouble(b, det);
  }
  ctx.outputs[0] = std::move(y);
  return Status::ok();
}

//===----------------------------------------------------------------------===//
// Windows
//===----------------------------------------------------------------------===//

namespace {

/// w[n] = a0 - a1 cos(2 pi n / N') + a2 cos(4 pi n / N') for n < size, with
/// N' = size (periodic) or size - 1 (symmetric).
Status cosineWindow(KernelContext &ctx, double a0, double a1, double a2) {
  const Tensor *sizeT;
  KILN_RETURN_IF_ERROR(ctx.required(0, sizeT));
  int64_t size = 0;
  KILN_RETURN_IF_ERROR(readScalarInt(ctx, *sizeT, "size", size));
  if (size < 0)
    return ctx.fail("expected a non-negative size, found {}", size);
  int64_t onnxType = ctx.attributes().getInt("output_datatype", 1);
  std::optional<DType> type = dtypeFromOnnx(onnxType);
  if (!type || *type == DType::Bool)
    return ctx.fail("expected 'output_datatype' to be a numeric type Kiln "
                    "supports, found {}",
                    onnxType);
  bool periodic = ctx.attributes().getInt("periodic", 1) != 0;
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, Shape{size}));
  Tensor y(*type, {size});
  double denom = periodic ? double(size) : double(size - 1);
  const double pi = 3.14159265358979323846;
  for (int64_t n = 0; n < size; ++n) {
    double t = 2 * pi * double(n) / denom;
    y.setFromDouble(n, a0 - a1 * std::cos(t) + a2 * std::cos(2 * t));
  }
  // A symmetric window of one element would be 0 / 0: it is 1, as in
  // numpy.hanning(1).
  if (!periodic && size == 1)
    y.setFromDouble(0, 1.0);
  ctx.outputs[0] = std::move(y);
  return Status::ok();
}

} // namespace

Status evalHannWindow(KernelContext &ctx) {
  return cosineWindow(ctx, 0.5, 0.5, 0);
}

Status evalHammingWindow(KernelContext &ctx) {
  return cosineWindow(ctx, 25.0 / 46.0, 21.0 / 46.0, 0);
}

Status evalBlackmanWindow(KernelContext &ctx) {
  return cosineWindow(ctx, 0.42, 0.5, 0.08);
}

//===----------------------------------------------------------------------===//
// MaxUnpool
//===----------------------------------------------------------------------===//

Status evalMaxUnpool(KernelContext &ctx) {
  const Tensor *x, *indices;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, indices));
  const Tensor *outShapeT = ctx.input(2);
  if (x->rank() < 3)
    return ctx.fail("expected X of rank >= 3 (N x C x D1...), found {}",
                    formatShape(x->shape()));
  if (indices->dtype() != DType::I64 || indices->shape() != x->shape())
    return ctx.fail("expected i64 indices of X's shape {}, found {} {}",
                    formatShape(x->shape()), dtypeName(indices->dtype()),
                    formatShape(indices->shape()));
  size_t sd = static_cast<size_t>(x->rank() - 2);
  const AttrMap &attrs = ctx.attributes();
  std::vector<int64_t> kernel = attrs.getInts("kernel_shape");
  std::vector<int64_t> strides =
      attrs.getInts("strides", std::vector<int64_t>(sd, 1));
  std::vector<int64_t> pads =
      attrs.getInts("pads", std::vector<int64_t>(2 * sd, 0));
  if (kernel.size() != sd || strides.size() != sd || pads.size() != 2 * sd)
    return ctx.fail("expected kernel_shape, strides and pads of {}, {} and "
                    "{} values, found {}, {} and {}",
                    sd, sd, 2 * sd, kernel.size(), strides.size(), pads.size());
  constexpr int64_t kMax = int64_t(1) << 30;
  for (size_t i = 0; i < sd; ++i)
    if (kernel[i] < 1 || kernel[i] > kMax || strides[i] < 1 ||
        strides[i] > kMax || pads[i] < 0 || pads[i] > kMax ||
        pads[i + sd] < 0 || pads[i + sd] > kMax || x->dim(2 + i) > kMax)
      return ctx.fail("expected kernel_shape and strides in [1, {}] and "
                      "pads in [0, {}]",
                      kMax, kMax);
  // The unpooled shape the indices refer to; output_shape, when given,
  // only enlarges it with zeros at the end of each dimension (ONNX's
  // reference), and replaces the pads.
  std::vector<int64_t> requested;
  if (outShapeT) {
    KILN_RETURN_IF_ERROR(
        readInt64Values(*outShapeT, "output_shape", requested));
    if (requested.size() != size_t(x->rank()))
      return ctx.fail("expected output_shape to have {} values, found {}",
                      x->rank(), requested.size());
    std::fill(pads.begin(), pads.end(), 0);
  }
  Shape inferred = {x->dim(0), x->dim(1)};
  for (size_t i = 0; i < sd; ++i) {
    int64_t d =
        (x->dim(2 + i) - 1) * strides[i] - pads[i] - pads[i + sd] + kernel[i];
    if (d < 0)
      return ctx.fail("expected a non-negative unpooled size, found {} in "
                      "spatial dimension {}",
                      d, i);
    inferred.push_back(d);
  }
  Shape outShape = inferred;
  if (outShapeT) {
    for (size_t i = 0; i < requested.size(); ++i)
      if (requested[i] < inferred[i])
        return ctx.fail("expected output_shape {} to be at least the "
                        "unpooled shape {}",
                        formatShape(requested), formatShape(inferred));
    outShape = requested;
  }
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  int64_t inferredSize = shapeNumElements(inferred);
  Tensor y(x->dtype(), outShape);
  std::vector<int64_t> inferredStrides = shapeStrides(inferred);
  std::vector<int64_t> outStrides = shapeStrides(outShape);
  const int64_t *idx = indices->data<int64_t>();
  for (int64_t i = 0; i < x->numElements(); ++i) {
    int64_t flat = idx[i];
    if (flat < 0 || flat >= inferredSize)
      return ctx.fail("expected indices in [0, {}), found {} at element {}",
                      inferredSize, flat, i);
    // Same multi-index in the (possibly larger) output.
    int64_t to = 0;
    for (size_t d = 0; d < inferred.size(); ++d) {
      to += (flat / inferredStrides[d]) * outStrides[d];
      flat %= inferredStrides[d];
    }
    copyElement(*x, i, y, to);
  }
  ctx.outputs[0] = std::move(y);
  return Status::ok();
}

} // namespace kiln::ref
