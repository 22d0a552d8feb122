//===- Elementwise.cpp - Unary math reference kernels ---------------------===//
//
// One scalar function per element: the ONNX unary math ops, the logical and
// floating-point class predicates, and the Relu / LeakyRelu / Add examples
// that other families' isolated builds link against. The loops themselves
// live in ElementwiseImpl.h; each kernel here is the op's dtype set and its
// scalar function.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/kernels/Elementwise.h"

#include "ElementwiseImpl.h"

#include <cmath>

namespace kiln::ref {

using namespace elementwise;

//===----------------------------------------------------------------------===//
// Unary math
//===----------------------------------------------------------------------===//

Status evalAbs(KernelContext &ctx) {
  return unaryOp<kNumericTypes>(ctx, [](auto x) {
    using C = decltype(x);
    if constexpr (std::is_floating_point_v<C>)
      return C(std::fabs(x));
    else if constexpr (std::is_signed_v<C>)
      return x < 0 ? negWrap(x) : x;
    else
      return x;
  });
}

Status evalNeg(KernelContext &ctx) {
  return unaryOp < kFloatTypes |
         kSignedIntTypes > (ctx, [](auto x) { return negWrap(x); });
}

Status evalExp(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::exp(x); });
}

Status evalLog(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::log(x); });
}

Status evalSqrt(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::sqrt(x); });
}

Status evalReciprocal(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return decltype(x)(1) / x; });
}

Status evalFloor(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::floor(x); });
}

Status evalCeil(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::ceil(x); });
}

Status evalRound(KernelContext &ctx) {
  // nearbyint in the default rounding mode rounds halves to even, like
  // numpy.round; std::round would round them away from zero.
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::nearbyint(x); });
}

Status evalSign(KernelContext &ctx) {
  return unaryOp<kNumericTypes>(ctx, [](auto x) {
    using C = decltype(x);
    if constexpr (std::is_floating_point_v<C>) {
      if (std::isnan(x))
        return x;
    }
    return x > C(0) ? C(1) : (x < C(0) ? C(-1) : C(0));
  });
}

Status evalErf(KernelContext &ctx) {
  // Integer inputs are computed in double and truncated back, as ONNX's
  // reference casts np.erf's result to the input type.
  return unaryOp<kNumericTypes>(ctx, [](auto x) {
    using C = decltype(x);
    if constexpr (std::is_floating_point_v<C>)
      return std::erf(x);
    else
      return std::erf(static_cast<double>(x));
  });
}

Status evalSin(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::sin(x); });
}

Status evalCos(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::cos(x); });
}

Status evalTan(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::tan(x); });
}

Status evalAsin(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::asin(x); });
}

Status evalAcos(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::acos(x); });
}

Status evalAtan(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::atan(x); });
}

Status evalSinh(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::sinh(x); });
}

Status evalCosh(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::cosh(x); });
}

Status evalAsinh(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::asinh(x); });
}

Status evalAcosh(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::acosh(x); });
}

Status evalAtanh(KernelContext &ctx) {
  return unaryOp<kFloatTypes>(ctx, [](auto x) { return std::atanh(x); });
}

Status evalNot(KernelContext &ctx) {
  return unaryOp<kBoolType>(ctx, [](bool x) { return !x; });
}

Status evalIsNaN(KernelContext &ctx) {
  return unaryPredicate<kFloatTypes>(ctx, [](auto x) { return std::isnan(x); });
}

Status evalIsInf(KernelContext &ctx) {
  bool negative = ctx.attributes().getInt("detect_negative", 1) != 0;
  bool positive = ctx.attributes().getInt("detect_positive", 1) != 0;
  return unaryPredicate<kFloatTypes>(ctx, [=](auto x) {
    return std::isinf(x) && (x > 0 ? positive : negative);
  });
}

//===----------------------------------------------------------------------===//
// Examples shared with the other families' isolated builds
//===----------------------------------------------------------------------===//

Status evalRelu(KernelContext &ctx) {
  return unaryOp < kFloatTypes | kSignedIntTypes > (ctx, [](auto x) {
                                   return x < 0 ? decltype(x)(0) : x;
                                 }); // keeps NaN
}

Status evalLeakyRelu(KernelContext &ctx) {
  double alpha = ctx.attributes().getFloat("alpha", 0.01);
  return unaryOp<kFloatTypes>(ctx, [alpha](auto x) {
    using C = decltype(x);
    return x >= 0 ? x : C(alpha * x);
  });
}

Status evalAdd(KernelContext &ctx) {
  return binaryOp<kNumericTypes>(ctx,
                                 [](auto a, auto b) { return addWrap(a, b); });
}

} // namespace kiln::ref
