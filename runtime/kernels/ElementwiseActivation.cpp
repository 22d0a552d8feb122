//===- ElementwiseActivation.cpp - Activation reference kernels -----------===//
//
// The ONNX activation functions (Relu and LeakyRelu are in Elementwise.cpp)
// plus Clip and Shrink. Scalar functions with float attributes are
// evaluated in double and rounded once on store, which is at least as
// accurate as ONNX's float32 numpy reference.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/kernels/Elementwise.h"

#include "ElementwiseImpl.h"

#include <cmath>

namespace kiln::ref {

using namespace elementwise;

namespace {

/// log(1 + e^x) without overflow for large x.
double softplus(double x) {
  return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

/// Applies a double -> double function to a float tensor.
template <typename Fn> Status floatActivation(KernelContext &ctx, Fn fn) {
  return unaryOp<kFloatTypes>(
      ctx, [&](auto x) { return fn(static_cast<double>(x)); });
}

} // namespace

Status evalPRelu(KernelContext &ctx) {
  constexpr TypeSet kAllowed =
      kFloatTypes | typeBit(DType::I32) | typeBit(DType::I64);
  const Tensor *x, *slope;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, slope));
  KILN_RETURN_IF_ERROR(checkType(ctx, *x, kAllowed, "X"));
  KILN_RETURN_IF_ERROR(checkSameType(ctx, *x, *slope, "slope"));
  // Unidirectional broadcasting: slope stretches to X, never the reverse.
  Shape shape;
  if (!broadcastShapes(x->shape(), slope->shape(), shape) ||
      shape != x->shape())
    return ctx.fail("expected slope of shape {} to broadcast to X of shape {}",
                    formatShape(slope->shape()), formatShape(x->shape()));
  Tensor y(x->dtype(), shape);
  dispatchIn<kAllowed>(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using C = ComputeType<T>;
    const T *px = x->data<T>(), *ps = slope->data<T>();
    T *out = y.data<T>();
    StridedIndex it(shape, {broadcastStrides(slope->shape(), shape)});
    for (int64_t i = 0, n = y.numElements(); i < n; ++i, it.next()) {
      C v = px[i];
      out[i] = T(v < C(0) ? mulWrap(C(ps[it.offset(0)]), v) : v);
    }
  });
  ctx.outputs[0] = y;
  return Status::ok();
}

Status evalElu(KernelContext &ctx) {
  double alpha = ctx.attributes().getFloat("alpha", 1.0);
  return floatActivation(
      ctx, [=](double x) { return x >= 0 ? x : alpha * std::expm1(x); });
}

Status evalSelu(KernelContext &ctx) {
  double alpha = ctx.attributes().getFloat("alpha", 1.67326319217681884765625);
  double gamma = ctx.attributes().getFloat("gamma", 1.05070102214813232421875);
  return floatActivation(ctx, [=](double x) {
    return gamma * (x > 0 ? x : alpha * std::expm1(x));
  });
}

Status evalCelu(KernelContext &ctx) {
  double alpha = ctx.attributes().getFloat("alpha", 1.0);
  if (alpha == 0)
    return ctx.fail("expected a nonzero alpha, found 0");
  return floatActivation(ctx, [=](double x) {
    return std::max(0.0, x) + std::min(0.0, alpha * std::expm1(x / alpha));
  });
}

Status evalSigmoid(KernelContext &ctx) {
  return floatActivation(ctx, [](double x) {
    // Both branches avoid e^|x| overflowing.
    if (x >= 0)
      return 1 / (1 + std::exp(-x));
    double e = std::exp(x);
    return e / (1 + e);
  });
}

Status evalHardSigmoid(KernelContext &ctx) {
  double alpha = ctx.attributes().getFloat("alpha", 0.2);
  double beta = ctx.attributes().getFloat("beta", 0.5);
  return floatActivation(ctx, [=](double x) {
    return std::max(0.0, std::min(1.0, alpha * x + beta));
  });
}

Status evalHardSwish(KernelContext &ctx) {
  return floatActivation(ctx, [](double x) {
    return x * std::max(0.0, std::min(1.0, x / 6 + 0.5));
  });
}

Status evalTanh(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::tanh(x); });
}

Status evalSoftplus(KernelContext &ctx) {
  return floatActivation(ctx, softplus);
}

Status evalSoftsign(KernelContext &ctx) {
  return floatActivation(ctx, [](double x) { return x / (1 + std::fabs(x)); });
}

Status evalThresholdedRelu(KernelContext &ctx) {
  double alpha = ctx.attributes().getFloat("alpha", 1.0);
  return floatActivation(ctx, [=](double x) { return x > alpha ? x : 0.0; });
}

Status evalGelu(KernelContext &ctx) {
  std::string approximate = ctx.attributes().getString("approximate", "none");
  if (approximate == "none")
    return floatActivation(ctx, [](double x) {
      return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
    });
  if (approximate == "tanh")
    return floatActivation(ctx, [](double x) {
      constexpr double kSqrt2OverPi = 0.79788456080286535588;
      return 0.5 * x *
             (1 + std::tanh(kSqrt2OverPi * (x + 0.044715 * x * x * x)));
    });
  return ctx.fail("expected approximate to be \"none\" or \"tanh\", found "
                  "\"{}\"",
                  approximate);
}

Status evalMish(KernelContext &ctx) {
  return floatActivation(ctx,
                         [](double x) { return x * std::tanh(softplus(x)); });
}

Status evalClip(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(checkType(ctx, *x, kNumericTypes, "input"));
  const Tensor *bounds[2] = {ctx.input(1), ctx.input(2)};
  const char *names[2] = {"min", "max"};
  for (int k = 0; k < 2; ++k) {
    if (!bounds[k])
      continue;
    KILN_RETURN_IF_ERROR(checkSameType(ctx, *x, *bounds[k], names[k]));
    if (bounds[k]->numElements() != 1 || bounds[k]->rank() > 1)
      return ctx.fail("expected {} to be a scalar, found shape {}", names[k],
                      formatShape(bounds[k]->shape()));
  }
  Tensor y(x->dtype(), x->shape());
  dispatchIn<kNumericTypes>(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using C = ComputeType<T>;
    const T *in = x->data<T>();
    T *out = y.data<T>();
    const T *lo = bounds[0] ? bounds[0]->data<T>() : nullptr;
    const T *hi = bounds[1] ? bounds[1]->data<T>() : nullptr;
    // numpy.clip order: max with min first, then min with max, so a min
    // above max yields max; NaN inputs stay NaN.
    for (int64_t i = 0, n = x->numElements(); i < n; ++i) {
      C v = in[i];
      if (lo && v < C(*lo))
        v = C(*lo);
      if (hi && v > C(*hi))
        v = C(*hi);
      out[i] = T(v);
    }
  });
  ctx.outputs[0] = y;
  return Status::ok();
}

Status evalShrink(KernelContext &ctx) {
  double lambd = ctx.attributes().getFloat("lambd", 0.5);
  double bias = ctx.attributes().getFloat("bias", 0.0);
  return unaryOp<kNumericTypes>(ctx, [=](auto x) {
    double v = static_cast<double>(x);
    return v < -lambd ? v + bias : (v > lambd ? v - bias : 0.0);
  });
}

} // namespace kiln::ref
