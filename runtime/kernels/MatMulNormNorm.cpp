//===- MatMulNormNorm.cpp - Normalization kernels -------------------------===//
//
// BatchNormalization (inference), LayerNormalization, RMSNormalization,
// InstanceNormalization, LRN and MeanVarianceNormalization. Statistics are
// computed in double over the float, f16 or f64 input and each result is
// rounded once on store.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/MatMulNorm.h"

#include <cmath>

namespace kiln::ref {
namespace {

/// Checks that \p t (operand \p what) is a float 1-D tensor of \p n values.
Status checkChannelVector(const KernelContext &ctx, const Tensor &t,
                          const char *what, int64_t n) {
  if (!isFloat(t.dtype()))
    return ctx.fail("expected {} to be a float tensor, found {}", what,
                    dtypeName(t.dtype()));
  if (t.rank() != 1 || t.dim(0) != n)
    return ctx.fail("expected {} of shape {}, found {}", what, n,
                    formatShape(t.shape()));
  return Status::ok();
}

/// Reads a float tensor as doubles.
std::vector<double> toDoubles(const Tensor &t) {
  std::vector<double> v(t.numElements());
  for (int64_t i = 0; i < t.numElements(); ++i)
    v[i] = t.getAsDouble(i);
  return v;
}

/// Mean and 1 / sqrt(variance + eps) of the \p n values at \p v, both 0
/// terms for n = 0.
template <typename T>
void meanInvStdDev(const T *v, int64_t n, double eps, double &mean,
                   double &inv) {
  double sum = 0;
  for (int64_t j = 0; j < n; ++j)
    sum += static_cast<double>(v[j]);
  mean = n ? sum / n : 0.0;
  double sq = 0;
  for (int64_t j = 0; j < n; ++j) {
    double d = static_cast<double>(v[j]) - mean;
    sq += d * d;
  }
  inv = 1.0 / std::sqrt((n ? sq / n : 0.0) + eps);
}

/// Scale or B (\p what) of a LayerNormalization or RMSNormalization: a float
/// tensor broadcasting unidirectionally to the normalized shape.
Status checkNormParameter(KernelContext &ctx, const Tensor *t, const char *what,
                          const Shape &normShape) {
  if (!isFloat(t->dtype()))
    return ctx.fail("expected {} to be a float tensor, found {}", what,
                    dtypeName(t->dtype()));
  bool ok = t->rank() <= static_cast<int64_t>(normShape.size());
  for (int64_t i = 0; ok && i < t->rank(); ++i) {
    int64_t want = normShape[normShape.size() - t->rank() + i];
    ok = t->dim(i) == 1 || t->dim(i) == want;
  }
  if (!ok)
    return ctx.fail("expected {} to broadcast to the normalized shape {}, "
                    "found shape {}",
                    what, formatShape(normShape), formatShape(t->shape()));
  return Status::ok();
}

/// The rows LayerNormalization and RMSNormalization normalize: X's dims
/// from the axis attribute (default -1) on, \c outer rows of \c inner.
struct TrailingRows {
  int64_t axis = 0, outer = 0, inner = 0;
  Shape normShape;
};

Status trailingRowsOf(KernelContext &ctx, const Tensor &x, TrailingRows &r) {
  if (x.rank() < 1)
    return ctx.fail("expected X of rank >= 1, found a scalar");
  KILN_RETURN_IF_ERROR(normalizeAxis(ctx, ctx.attributes().getInt("axis", -1),
                                     x.rank(), r.axis));
  r.normShape.assign(x.shape().begin() + r.axis, x.shape().end());
  r.outer = shapeProduct(x.shape(), 0, r.axis);
  r.inner = shapeProduct(x.shape(), r.axis, x.rank());
  return Status::ok();
}

} // namespace

//===----------------------------------------------------------------------===//
// BatchNormalization
//===----------------------------------------------------------------------===//

Status evalBatchNormalization(KernelContext &ctx) {
  const Tensor *x, *scale, *bias, *mean, *var;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, scale));
  KILN_RETURN_IF_ERROR(ctx.required(2, bias));
  KILN_RETURN_IF_ERROR(ctx.required(3, mean));
  KILN_RETURN_IF_ERROR(ctx.required(4, var));
  const AttrMap &attrs = ctx.attributes();
  if (int64_t mode = attrs.getInt("training_mode", 0); mode != 0)
    return ctx.fail("expected training_mode 0 (inference), found {}", mode);
  if (int64_t spatial = attrs.getInt("spatial", 1); spatial != 1)
    return ctx.fail("expected spatial 1, found {}", spatial);
  double eps = attrs.getFloat("epsilon", 1e-5);
  if (x->rank() < 2)
    return ctx.fail("expected X of rank >= 2 (N x C x ...), found shape {}",
                    formatShape(x->shape()));
  int64_t c = x->dim(1);
  KILN_RETURN_IF_ERROR(checkChannelVector(ctx, *scale, "scale", c));
  KILN_RETURN_IF_ERROR(checkChannelVector(ctx, *bias, "B", c));
  KILN_RETURN_IF_ERROR(checkChannelVector(ctx, *mean, "input_mean", c));
  KILN_RETURN_IF_ERROR(checkChannelVector(ctx, *var, "input_var", c));

  // y = x * a[c] + b[c] with a = scale / sqrt(var + eps), b = B - mean * a.
  std::vector<double> s = toDoubles(*scale), b = toDoubles(*bias),
                      mu = toDoubles(*mean), v = toDoubles(*var);
  int64_t n = x->dim(0), inner = shapeProduct(x->shape(), 2, x->rank());
  Tensor y(x->dtype(), x->shape());
  return dispatchFloat(ctx, x->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T *in = x->data<T>();
    T *out = y.data<T>();
    for (int64_t i = 0; i < n; ++i)
      for (int64_t ch = 0; ch < c; ++ch) {
        double inv = 1.0 / std::sqrt(v[ch] + eps);
        int64_t base = (i * c + ch) * inner;
        for (int64_t j = 0; j < inner; ++j) {
          double xv = static_cast<double>(in[base + j]);
          out[base + j] = T((xv - mu[ch]) * inv * s[ch] + b[ch]);
        }
      }
    ctx.outputs[0] = y;
    return Status::ok();
  });
}

//===----------------------------------------------------------------------===//
// LayerNormalization
//===----------------------------------------------------------------------===//

Status evalLayerNormalization(KernelContext &ctx) {
  const Tensor *x, *scale;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, scale));
  const Tensor *bias = ctx.input(2);
  const AttrMap &attrs = ctx.attributes();
  double eps = attrs.getFloat("epsilon", 1e-5);
  int64_t stashType = attrs.getInt("stash_type", 1);
  TrailingRows rows;
  KILN_RETURN_IF_ERROR(trailingRowsOf(ctx, *x, rows));
  const Shape &normShape = rows.normShape;
  int64_t axis = rows.axis, outer = rows.outer, inner = rows.inner;
  KILN_RETURN_IF_ERROR(checkNormParameter(ctx, scale, "Scale", normShape));
  if (bias)
    KILN_RETURN_IF_ERROR(checkNormParameter(ctx, bias, "B", normShape));
  std::vector<double> s = toDoubles(*scale);
  std::vector<double> b = bias ? toDoubles(*bias) : std::vector<double>{0.0};
  std::vector<int64_t> sStrides = broadcastStrides(scale->shape(), normShape);
  std::vector<int64_t> bStrides =
      broadcastStrides(bias ? bias->shape() : Shape{}, normShape);

  Shape statShape(x->shape().begin(), x->shape().begin() + axis);
  statShape.resize(x->rank(), 1);
  DType statType = stashType == 1 ? DType::F32 : x->dtype();
  Tensor meanOut(statType, statShape), invOut(statType, statShape);
  Tensor y(x->dtype(), x->shape());
  return dispatchFloat(ctx, x->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T *in = x->data<T>();
    T *out = y.data<T>();
    for (int64_t o = 0; o < outer; ++o) {
      const T *row = in + o * inner;
      double mean, inv;
      meanInvStdDev(row, inner, eps, mean, inv);
      StridedIndex it(normShape, {sStrides, bStrides});
      for (int64_t j = 0; j < inner; ++j, it.next())
        out[o * inner + j] =
            T((static_cast<double>(row[j]) - mean) * inv * s[it.offset(0)] +
              b[it.offset(1)]);
      meanOut.setFromDouble(o, mean);
      invOut.setFromDouble(o, inv);
    }
    ctx.outputs[0] = y;
    if (ctx.numOutputs() > 1)
      ctx.outputs[1] = meanOut;
    if (ctx.numOutputs() > 2)
      ctx.outputs[2] = invOut;
    return Status::ok();
  });
}

//===----------------------------------------------------------------------===//
// RMSNormalization
//===----------------------------------------------------------------------===//

Status evalRMSNormalization(KernelContext &ctx) {
  const Tensor *x, *scale;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, scale));
  const AttrMap &attrs = ctx.attributes();
  double eps = attrs.getFloat("epsilon", 1e-5);
  TrailingRows rows;
  KILN_RETURN_IF_ERROR(trailingRowsOf(ctx, *x, rows));
  const Shape &normShape = rows.normShape;
  int64_t outer = rows.outer, inner = rows.inner;
  KILN_RETURN_IF_ERROR(checkNormParameter(ctx, scale, "Scale", normShape));
  std::vector<double> s = toDoubles(*scale);
  std::vector<int64_t> sStrides = broadcastStrides(scale->shape(), normShape);
  Tensor y(x->dtype(), x->shape());
  return dispatchFloat(ctx, x->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T *in = x->data<T>();
    T *out = y.data<T>();
    for (int64_t o = 0; o < outer; ++o) {
      const T *row = in + o * inner;
      double sq = 0;
      for (int64_t j = 0; j < inner; ++j)
        sq += static_cast<double>(row[j]) * static_cast<double>(row[j]);
      double inv = 1.0 / std::sqrt((inner ? sq / inner : 0.0) + eps);
      StridedIndex it(normShape, {sStrides});
      for (int64_t j = 0; j < inner; ++j, it.next())
        out[o * inner + j] =
            T(static_cast<double>(row[j]) * inv * s[it.offset(0)]);
    }
    ctx.outputs[0] = y;
    return Status::ok();
  });
}

//===----------------------------------------------------------------------===//
// InstanceNormalization
//===----------------------------------------------------------------------===//

Status evalInstanceNormalization(KernelContext &ctx) {
  const Tensor *x, *scale, *bias;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, scale));
  KILN_RETURN_IF_ERROR(ctx.required(2, bias));
  double eps = ctx.attributes().getFloat("epsilon", 1e-5);
  if (x->rank() < 2)
    return ctx.fail("expected input of rank >= 2 (N x C x ...), found shape "
                    "{}",
                    formatShape(x->shape()));
  int64_t c = x->dim(1);
  KILN_RETURN_IF_ERROR(checkChannelVector(ctx, *scale, "scale", c));
  KILN_RETURN_IF_ERROR(checkChannelVector(ctx, *bias, "B", c));
  std::vector<double> s = toDoubles(*scale), b = toDoubles(*bias);
  int64_t n = x->dim(0), inner = shapeProduct(x->shape(), 2, x->rank());
  Tensor y(x->dtype(), x->shape());
  return dispatchFloat(ctx, x->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T *in = x->data<T>();
    T *out = y.data<T>();
    for (int64_t i = 0; i < n * c; ++i) {
      const T *slice = in + i * inner;
      double mean, inv;
      meanInvStdDev(slice, inner, eps, mean, inv);
      int64_t ch = i % c;
      for (int64_t j = 0; j < inner; ++j)
        out[i * inner + j] =
            T((static_cast<double>(slice[j]) - mean) * inv * s[ch] + b[ch]);
    }
    ctx.outputs[0] = y;
    return Status::ok();
  });
}

//===----------------------------------------------------------------------===//
// LRN
//===----------------------------------------------------------------------===//

Status evalLRN(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  const AttrMap &attrs = ctx.attributes();
  if (!attrs.has("size"))
    return ctx.fail("expected the required attribute 'size'");
  int64_t size = attrs.getInt("size", 1);
  if (size < 1)
    return ctx.fail("expected size >= 1, found {}", size);
  double alpha = attrs.getFloat("alpha", 1e-4);
  double beta = attrs.getFloat("beta", 0.75);
  double bias = attrs.getFloat("bias", 1.0);
  if (x->rank() < 2)
    return ctx.fail("expected X of rank >= 2 (N x C x ...), found shape {}",
                    formatShape(x->shape()));
  int64_t n = x->dim(0), c = x->dim(1);
  int64_t inner = shapeProduct(x->shape(), 2, x->rank());
  // Channels [ch - floor((size-1)/2), ch + ceil((size-1)/2)] are summed.
  int64_t before = (size - 1) / 2, after = size - 1 - before;
  Tensor y(x->dtype(), x->shape());
  return dispatchFloat(ctx, x->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T *in = x->data<T>();
    T *out = y.data<T>();
    for (int64_t i = 0; i < n; ++i)
      for (int64_t ch = 0; ch < c; ++ch) {
        int64_t lo = std::max<int64_t>(0, ch - before);
        int64_t hi = std::min<int64_t>(c - 1, ch + after);
        for (int64_t j = 0; j < inner; ++j) {
          double sq = 0;
          for (int64_t k = lo; k <= hi; ++k) {
            double v = static_cast<double>(in[(i * c + k) * inner + j]);
            sq += v * v;
          }
          int64_t at = (i * c + ch) * inner + j;
          out[at] = T(static_cast<double>(in[at]) /
                      std::pow(bias + alpha / size * sq, beta));
        }
      }
    ctx.outputs[0] = y;
    return Status::ok();
  });
}

//===----------------------------------------------------------------------===//
// MeanVarianceNormalization
//===----------------------------------------------------------------------===//

Status evalMeanVarianceNormalization(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  std::vector<int64_t> axes = ctx.attributes().getInts("axes", {0, 2, 3});
  // The statistics' shape: X's shape with the reduced dims set to 1.
  Shape statShape = x->shape();
  std::vector<bool> reduced(x->rank(), false);
  for (int64_t a : axes) {
    int64_t axis;
    KILN_RETURN_IF_ERROR(normalizeAxis(ctx, a, x->rank(), axis));
    if (x->rank() == 0)
      return ctx.fail("expected X of rank >= 1, found a scalar");
    if (reduced[axis])
      return ctx.fail("axis {} is repeated in axes", a);
    reduced[axis] = true;
    statShape[axis] = 1;
  }
  int64_t numStats = shapeNumElements(statShape);
  int64_t groupSize = numStats ? x->numElements() / numStats : 0;
  std::vector<int64_t> statStrides = broadcastStrides(statShape, x->shape());
  Tensor y(x->dtype(), x->shape());
  return dispatchFloat(ctx, x->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T *in = x->data<T>();
    T *out = y.data<T>();
    int64_t total = x->numElements();
    std::vector<double> mean(numStats, 0.0), var(numStats, 0.0);
    {
      StridedIndex it(x->shape(), {statStrides});
      for (int64_t i = 0; i < total; ++i, it.next())
        mean[it.offset(0)] += static_cast<double>(in[i]);
    }
    for (double &m : mean)
      m /= static_cast<double>(groupSize);
    {
      StridedIndex it(x->shape(), {statStrides});
      for (int64_t i = 0; i < total; ++i, it.next()) {
        double d = static_cast<double>(in[i]) - mean[it.offset(0)];
        var[it.offset(0)] += d * d;
      }
    }
    StridedIndex it(x->shape(), {statStrides});
    for (int64_t i = 0; i < total; ++i, it.next()) {
      int64_t g = it.offset(0);
      double stdDev = std::sqrt(var[g] / static_cast<double>(groupSize));
      out[i] = T((static_cast<double>(in[i]) - mean[g]) / (stdDev + 1e-9));
    }
    ctx.outputs[0] = y;
    return Status::ok();
  });
}

} // namespace kiln::ref
