//===- IndexingShape.cpp - Shape queries, generators, rearrangements ------===//
//
// Shape, Size, Identity, Dropout (inference), ConstantOfShape, Range,
// EyeLike, OneHot, Trilu, NonZero, DepthToSpace and SpaceToDepth. Elements
// that are only moved are copied as bytes, so every dtype is served the same
// way; sizes that come from tensor data (Range, ConstantOfShape, OneHot) are
// checked before anything is allocated.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Indexing.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace kiln::ref {
namespace {

/// Reads the one element of a scalar or single-element tensor as double.
Status readScalar(const KernelContext &ctx, const Tensor &t,
                  std::string_view what, double &out) {
  if (t.numElements() != 1 || t.rank() > 1)
    return ctx.fail("expected {} to be a scalar, found shape {}", what,
                    formatShape(t.shape()));
  out = t.getAsDouble(0);
  return Status::ok();
}

/// Checks that \p x is N x C x H x W and reads a positive `blocksize`.
Status blockGeometry(const KernelContext &ctx, const Tensor &x,
                     int64_t &blocksize) {
  if (x.rank() != 4)
    return ctx.fail("expected a 4-D input (N x C x H x W), found shape {}",
                    formatShape(x.shape()));
  blocksize = ctx.attributes().getInt("blocksize", 0);
  if (blocksize < 1)
    return ctx.fail("expected a positive blocksize attribute, found {}",
                    blocksize);
  return Status::ok();
}

/// Integer ceil(a / b) for b != 0.
__int128 ceilDiv(__int128 a, __int128 b) {
  __int128 q = a / b;
  if (a % b != 0 && ((a < 0) == (b < 0)))
    ++q;
  return q;
}

} // namespace

Status evalShape(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  int64_t rank = x->rank();
  auto clampAxis = [rank](int64_t a) {
    if (a < 0)
      a += rank;
    return std::clamp<int64_t>(a, 0, rank);
  };
  int64_t start = clampAxis(ctx.attributes().getInt("start", 0));
  int64_t end = clampAxis(ctx.attributes().getInt("end", rank));
  int64_t n = std::max<int64_t>(end - start, 0);
  Tensor out(DType::I64, {n});
  for (int64_t i = 0; i < n; ++i)
    out.data<int64_t>()[i] = x->dim(start + i);
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalSize(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  ctx.outputs[0] = Tensor::scalar<int64_t>(x->numElements());
  return Status::ok();
}

Status evalIdentity(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  ctx.outputs[0] = *x;
  return Status::ok();
}

Status evalDropout(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  bool training = false;
  if (const Tensor *t = ctx.input(2)) {
    double v;
    KILN_RETURN_IF_ERROR(readScalar(ctx, *t, "training_mode", v));
    training = v != 0;
  }
  double ratio = 0.5;
  if (const Tensor *r = ctx.input(1))
    KILN_RETURN_IF_ERROR(readScalar(ctx, *r, "ratio", ratio));
  // In training mode with ratio 0 nothing is dropped, as in inference.
  if (training && ratio != 0)
    return ctx.fail("training mode with ratio {} is not supported (its masks "
                    "are random)",
                    ratio);
  ctx.outputs[0] = *x;
  if (ctx.numOutputs() > 1) {
    Tensor mask(DType::Bool, x->shape());
    std::fill_n(mask.data<bool>(), mask.numElements(), true);
    ctx.outputs[1] = mask;
  }
  return Status::ok();
}

Status evalConstantOfShape(KernelContext &ctx) {
  const Tensor *shapeIn;
  KILN_RETURN_IF_ERROR(ctx.required(0, shapeIn));
  if (shapeIn->rank() != 1)
    return ctx.fail("expected a 1-D shape input, found shape {}",
                    formatShape(shapeIn->shape()));
  Shape shape;
  if (Status s = readInt64Values(*shapeIn, "the shape input", shape); !s)
    return ctx.fail("{}", s.message());
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, shape));
  const Tensor *value = ctx.attributes().getTensor("value");
  if (value && value->numElements() != 1)
    return ctx.fail("expected a one-element value attribute, found shape {}",
                    formatShape(value->shape()));
  Tensor out(value ? value->dtype() : DType::F32, shape);
  if (value) {
    size_t es = dtypeSize(value->dtype());
    char *dst = static_cast<char *>(out.raw());
    for (int64_t i = 0, n = out.numElements(); i < n; ++i)
      std::memcpy(dst + i * es, value->raw(), es);
  }
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalRange(KernelContext &ctx) {
  const Tensor *start, *limit, *delta;
  KILN_RETURN_IF_ERROR(ctx.required(0, start));
  KILN_RETURN_IF_ERROR(ctx.required(1, limit));
  KILN_RETURN_IF_ERROR(ctx.required(2, delta));
  DType dt = start->dtype();
  if (limit->dtype() != dt || delta->dtype() != dt)
    return ctx.fail("expected start, limit and delta of one type, found {}, "
                    "{} and {}",
                    dtypeName(dt), dtypeName(limit->dtype()),
                    dtypeName(delta->dtype()));
  if (dt == DType::Bool)
    return ctx.fail("expected a numeric type, found bool");
  for (const Tensor *t : {start, limit, delta})
    if (t->numElements() != 1 || t->rank() > 1)
      return ctx.fail("expected scalar start, limit and delta, found shape {}",
                      formatShape(t->shape()));

  // Count first, in exact arithmetic for integers, then check the size.
  constexpr int64_t kMaxCount = int64_t(1) << 40;
  int64_t count;
  if (isFloat(dt)) {
    double s = start->getAsDouble(0), l = limit->getAsDouble(0),
           d = delta->getAsDouble(0);
    if (!std::isfinite(s) || !std::isfinite(l) || !std::isfinite(d))
      return ctx.fail("expected finite start, limit and delta, found {}, {} "
                      "and {}",
                      s, l, d);
    if (d == 0)
      return ctx.fail("expected a nonzero delta");
    double c = std::ceil((l - s) / d);
    if (c > static_cast<double>(kMaxCount))
      return ctx.fail("range of {} elements is too large", c);
    count = std::max<int64_t>(static_cast<int64_t>(c), 0);
  } else {
    __int128 s = start->getAsInt64(0), l = limit->getAsInt64(0),
             d = delta->getAsInt64(0);
    if (d == 0)
      return ctx.fail("expected a nonzero delta");
    __int128 c = ceilDiv(l - s, d);
    if (c > kMaxCount)
      return ctx.fail("range of more than {} elements is too large", kMaxCount);
    count = std::max<int64_t>(static_cast<int64_t>(c), 0);
  }
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, {count}));

  Tensor out(dt, {count});
  if (isFloat(dt)) {
    double s = start->getAsDouble(0), d = delta->getAsDouble(0);
    for (int64_t i = 0; i < count; ++i)
      out.setFromDouble(i, s + static_cast<double>(i) * d);
  } else {
    int64_t s = start->getAsInt64(0), d = delta->getAsInt64(0);
    dispatchAll(dt, [&](auto tag) {
      using T = typename decltype(tag)::type;
      if constexpr (std::is_integral_v<T>) {
        T *dst = out.data<T>();
        for (int64_t i = 0; i < count; ++i)
          dst[i] = static_cast<T>(static_cast<int64_t>(
              static_cast<__int128>(s) + static_cast<__int128>(i) * d));
      }
    });
  }
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalEyeLike(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  if (x->rank() != 2)
    return ctx.fail("expected a 2-D input, found shape {}",
                    formatShape(x->shape()));
  DType dt = x->dtype();
  if (ctx.attributes().has("dtype")) {
    int64_t onnxType = ctx.attributes().getInt("dtype", 1);
    std::optional<DType> t = dtypeFromOnnx(onnxType);
    if (!t)
      return ctx.fail("dtype {} is not supported", onnxType);
    dt = *t;
  }
  int64_t k = ctx.attributes().getInt("k", 0);
  int64_t rows = x->dim(0), cols = x->dim(1);
  Tensor out(dt, x->shape());
  for (int64_t i = 0; i < rows; ++i) {
    int64_t j = i + k;
    if (j >= 0 && j < cols)
      out.setFromDouble(i * cols + j, 1.0);
  }
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalOneHot(KernelContext &ctx) {
  const Tensor *indices, *depthIn, *values;
  KILN_RETURN_IF_ERROR(ctx.required(0, indices));
  KILN_RETURN_IF_ERROR(ctx.required(1, depthIn));
  KILN_RETURN_IF_ERROR(ctx.required(2, values));
  double depthValue;
  KILN_RETURN_IF_ERROR(readScalar(ctx, *depthIn, "depth", depthValue));
  if (!(depthValue >= 1) || depthValue > static_cast<double>(int64_t(1) << 40))
    return ctx.fail("expected a positive depth, found {}", depthValue);
  int64_t depth = static_cast<int64_t>(depthValue);
  if (values->rank() != 1 || values->numElements() != 2)
    return ctx.fail("expected values of shape 2 (off, on), found {}",
                    formatShape(values->shape()));
  int64_t rank = indices->rank(), axis = ctx.attributes().getInt("axis", -1);
  if (axis < -(rank + 1) || axis > rank)
    return ctx.fail("axis {} is out of range for rank {}", axis, rank + 1);
  if (axis < 0)
    axis += rank + 1;

  Shape outShape = indices->shape();
  outShape.insert(outShape.begin() + axis, depth);
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  Tensor out(values->dtype(), outShape);
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < rank; ++d)
    (d < axis ? outer : inner) *= indices->dim(d);
  size_t es = dtypeSize(values->dtype());
  const char *off = static_cast<const char *>(values->raw()), *on = off + es;
  char *dst = static_cast<char *>(out.raw());
  for (int64_t e = 0, n = out.numElements(); e < n; ++e)
    std::memcpy(dst + e * es, off, es);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      // Indices in [-depth, depth) select a class; others (and non-integral
      // float indices) select none.
      double v = indices->getAsDouble(o * inner + i);
      if (v < 0)
        v += static_cast<double>(depth);
      if (v >= 0 && v < static_cast<double>(depth) && v == std::floor(v))
        std::memcpy(dst + ((o * depth + static_cast<int64_t>(v)) * inner + i) *
                              es,
                    on, es);
    }
  }
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalTrilu(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  if (x->rank() < 2)
    return ctx.fail("expected an input of rank >= 2, found shape {}",
                    formatShape(x->shape()));
  int64_t k = 0;
  if (const Tensor *kIn = ctx.input(1)) {
    if (kIn->numElements() != 1 || kIn->rank() > 1 ||
        (kIn->dtype() != DType::I64 && kIn->dtype() != DType::I32))
      return ctx.fail("expected k to be an i64 scalar, found {} of shape {}",
                      dtypeName(kIn->dtype()), formatShape(kIn->shape()));
    k = kIn->getAsInt64(0);
  }
  bool upper = ctx.attributes().getInt("upper", 1) != 0;
  int64_t rows = x->dim(x->rank() - 2), cols = x->dim(x->rank() - 1);
  Tensor out = x->clone();
  size_t es = dtypeSize(x->dtype());
  char *dst = static_cast<char *>(out.raw());
  int64_t matrices = rows * cols == 0 ? 0 : x->numElements() / (rows * cols);
  for (int64_t m = 0; m < matrices; ++m)
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j) {
        // Upper keeps j - i >= k, lower keeps j - i <= k.
        bool keep = upper ? j - i >= k : j - i <= k;
        if (!keep)
          std::memset(dst + ((m * rows + i) * cols + j) * es, 0, es);
      }
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalNonZero(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  int64_t n = x->numElements();
  std::vector<bool> nonzero(n);
  int64_t count = 0;
  dispatchAll(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T *src = x->data<T>();
    for (int64_t i = 0; i < n; ++i) {
      nonzero[i] = static_cast<ComputeType<T>>(src[i]) != ComputeType<T>(0);
      count += nonzero[i];
    }
  });
  // Like numpy, a scalar is treated as a 1-D tensor of one element.
  Shape shape = x->rank() == 0 ? Shape{1} : x->shape();
  int64_t rank = static_cast<int64_t>(shape.size());
  Tensor out(DType::I64, {rank, count});
  int64_t *dst = out.data<int64_t>();
  StridedIndex it(shape, {});
  for (int64_t i = 0, c = 0; i < n; ++i, it.next()) {
    if (!nonzero[i])
      continue;
    for (int64_t d = 0; d < rank; ++d)
      dst[d * count + c] = it.index()[d];
    ++c;
  }
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalDepthToSpace(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  int64_t b;
  KILN_RETURN_IF_ERROR(blockGeometry(ctx, *x, b));
  std::string mode = ctx.attributes().getString("mode", "DCR");
  if (mode != "DCR" && mode != "CRD")
    return ctx.fail("expected mode DCR or CRD, found '{}'", mode);
  int64_t n = x->dim(0), c = x->dim(1), h = x->dim(2), w = x->dim(3);
  if (c % (b * b) != 0)
    return ctx.fail("channels {} are not divisible by blocksize^2 = {}", c,
                    b * b);
  int64_t oc = c / (b * b);
  Tensor out(x->dtype(), {n, oc, h * b, w * b});
  size_t es = dtypeSize(x->dtype());
  const char *src = static_cast<const char *>(x->raw());
  char *dst = static_cast<char *>(out.raw());
  bool dcr = mode == "DCR";
  int64_t o = 0;
  for (int64_t in = 0; in < n; ++in)
    for (int64_t ic = 0; ic < oc; ++ic)
      for (int64_t y = 0; y < h * b; ++y)
        for (int64_t xx = 0; xx < w * b; ++xx, ++o) {
          int64_t i = y % b, j = xx % b;
          // DCR: channel (i, j, c); CRD: channel (c, i, j).
          int64_t ch = dcr ? (i * b + j) * oc + ic : (ic * b + i) * b + j;
          int64_t from = ((in * c + ch) * h + y / b) * w + xx / b;
          std::memcpy(dst + o * es, src + from * es, es);
        }
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalSpaceToDepth(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  int64_t b;
  KILN_RETURN_IF_ERROR(blockGeometry(ctx, *x, b));
  int64_t n = x->dim(0), c = x->dim(1), h = x->dim(2), w = x->dim(3);
  if (h % b != 0 || w % b != 0)
    return ctx.fail("spatial size {}x{} is not divisible by blocksize {}", h, w,
                    b);
  int64_t oh = h / b, ow = w / b;
  Tensor out(x->dtype(), {n, c * b * b, oh, ow});
  size_t es = dtypeSize(x->dtype());
  const char *src = static_cast<const char *>(x->raw());
  char *dst = static_cast<char *>(out.raw());
  int64_t o = 0;
  for (int64_t in = 0; in < n; ++in)
    for (int64_t ch = 0; ch < c * b * b; ++ch)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t xx = 0; xx < ow; ++xx, ++o) {
          // Output channel (i, j, c) holds input pixel (y*b + i, x*b + j).
          int64_t ic = ch % c, ij = ch / c, i = ij / b, j = ij % b;
          int64_t from = ((in * c + ic) * h + y * b + i) * w + xx * b + j;
          std::memcpy(dst + o * es, src + from * es, es);
        }
  ctx.outputs[0] = out;
  return Status::ok();
}

} // namespace kiln::ref
