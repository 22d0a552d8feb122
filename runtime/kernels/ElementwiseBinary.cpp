//===- ElementwiseBinary.cpp - Binary elementwise reference kernels -------===//
//
// Arithmetic, Pow, Mod, shifts, comparisons, logic and bitwise ops over two
// numpy-broadcast operands (Add is in Elementwise.cpp). Integer arithmetic
// wraps like numpy; integer division and remainder by zero are errors rather
// than a trap, and INT_MIN / -1 wraps instead of trapping.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/kernels/Elementwise.h"

#include "ElementwiseImpl.h"

#include <cmath>

namespace kiln::ref {

using namespace elementwise;

namespace {

/// base^exp for integers by repeated squaring, wrapping on overflow. A
/// negative exponent gives the truncated value of the real power (0 unless
/// |base| is 1; 0 for base 0, where numpy refuses).
template <typename C> C intPow(C base, int64_t exp) {
  if (exp < 0) {
    if (base == C(1))
      return C(1);
    if constexpr (std::is_signed_v<C>)
      if (base == C(-1))
        return (exp % 2) ? C(-1) : C(1);
    return C(0);
  }
  C result = 1;
  while (exp > 0) {
    if (exp & 1)
      result = mulWrap(result, base);
    base = mulWrap(base, base);
    exp >>= 1;
  }
  return result;
}

/// Runs an integer-dividing binary op; fails if a divisor was zero.
template <typename Fn> Status dividingOp(KernelContext &ctx, Fn fn) {
  bool divisionByZero = false;
  KILN_RETURN_IF_ERROR(binaryOp<kNumericTypes>(
      ctx, [&](auto a, auto b) { return fn(a, b, divisionByZero); }));
  if (divisionByZero) {
    ctx.outputs[0] = Tensor();
    return ctx.fail("expected nonzero integer divisors, found a zero");
  }
  return Status::ok();
}

} // namespace

//===----------------------------------------------------------------------===//
// Arithmetic
//===----------------------------------------------------------------------===//

Status evalSub(KernelContext &ctx) {
  return binaryOp<kNumericTypes>(ctx,
                                 [](auto a, auto b) { return subWrap(a, b); });
}

Status evalMul(KernelContext &ctx) {
  return binaryOp<kNumericTypes>(ctx,
                                 [](auto a, auto b) { return mulWrap(a, b); });
}

Status evalDiv(KernelContext &ctx) {
  return dividingOp(ctx, [](auto a, auto b, bool &divisionByZero) {
    using C = decltype(a);
    if constexpr (std::is_integral_v<C>) {
      // ONNX's reference divides in floating point and truncates back to
      // the integer type: C division.
      if (b == C(0)) {
        divisionByZero = true;
        return C(0);
      }
      if constexpr (std::is_signed_v<C>)
        if (b == C(-1))
          return negWrap(a);
      return C(a / b);
    } else {
      return a / b;
    }
  });
}

Status evalMod(KernelContext &ctx) {
  bool cMod = ctx.attributes().getInt("fmod", 0) != 0;
  return dividingOp(ctx, [cMod](auto a, auto b, bool &divisionByZero) {
    using C = decltype(a);
    C r;
    if constexpr (std::is_integral_v<C>) {
      if (b == C(0)) {
        divisionByZero = true;
        return C(0);
      }
      if constexpr (std::is_signed_v<C>)
        if (b == C(-1))
          return C(0);
      r = C(a % b);
    } else {
      r = std::fmod(a, b);
    }
    // fmod = 0 takes the sign of the divisor, like Python's % (numpy.mod).
    if (!cMod && r != C(0) && ((r < C(0)) != (b < C(0))))
      r = C(r + b);
    return r;
  });
}

Status evalPow(KernelContext &ctx) {
  constexpr TypeSet kBaseTypes =
      kFloatTypes | typeBit(DType::I32) | typeBit(DType::I64);
  const Tensor *x, *y;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, y));
  KILN_RETURN_IF_ERROR(checkType(ctx, *x, kBaseTypes, "X"));
  KILN_RETURN_IF_ERROR(checkType(ctx, *y, kNumericTypes, "Y"));
  Shape shape;
  KILN_RETURN_IF_ERROR(broadcastOperands(ctx, {x, y}, shape));
  Tensor z(x->dtype(), shape);
  dispatchIn<kBaseTypes>(x->dtype(), [&](auto baseTag) {
    using T = typename decltype(baseTag)::type;
    using C = ComputeType<T>;
    dispatchIn<kNumericTypes>(y->dtype(), [&](auto expTag) {
      using E = typename decltype(expTag)::type;
      using CE = ComputeType<E>;
      const T *px = x->data<T>();
      const E *py = y->data<E>();
      T *out = z.data<T>();
      StridedIndex it(shape, {broadcastStrides(x->shape(), shape),
                              broadcastStrides(y->shape(), shape)});
      for (int64_t i = 0, n = z.numElements(); i < n; ++i, it.next()) {
        C b = px[it.offset(0)];
        CE e = py[it.offset(1)];
        if constexpr (std::is_integral_v<C> && std::is_integral_v<CE>)
          out[i] = intPow(b, static_cast<int64_t>(e));
        else
          out[i] = toStorage<T>(
              std::pow(static_cast<double>(b), static_cast<double>(e)));
      }
    });
  });
  ctx.outputs[0] = z;
  return Status::ok();
}

Status evalBitShift(KernelContext &ctx) {
  std::string direction = ctx.attributes().getString("direction", "");
  if (direction != "LEFT" && direction != "RIGHT")
    return ctx.fail("expected direction to be \"LEFT\" or \"RIGHT\", found "
                    "\"{}\"",
                    direction);
  bool left = direction == "LEFT";
  return binaryOp<typeBit(DType::U8)>(ctx, [left](auto a, auto b) {
    using C = decltype(a);
    // Shifting by the bit width or more yields 0 (numpy), never UB.
    if (b >= C(8 * sizeof(C)))
      return C(0);
    return left ? C(a << b) : C(a >> b);
  });
}

//===----------------------------------------------------------------------===//
// Comparisons
//===----------------------------------------------------------------------===//

Status evalEqual(KernelContext &ctx) {
  return binaryOp<kAllTypes, BinaryResult::Bool>(
      ctx, [](auto a, auto b) { return a == b; });
}

Status evalLess(KernelContext &ctx) {
  return binaryOp<kNumericTypes, BinaryResult::Bool>(
      ctx, [](auto a, auto b) { return a < b; });
}

Status evalGreater(KernelContext &ctx) {
  return binaryOp<kNumericTypes, BinaryResult::Bool>(
      ctx, [](auto a, auto b) { return a > b; });
}

Status evalLessOrEqual(KernelContext &ctx) {
  return binaryOp<kNumericTypes, BinaryResult::Bool>(
      ctx, [](auto a, auto b) { return a <= b; });
}

Status evalGreaterOrEqual(KernelContext &ctx) {
  return binaryOp<kNumericTypes, BinaryResult::Bool>(
      ctx, [](auto a, auto b) { return a >= b; });
}

//===----------------------------------------------------------------------===//
// Logic and bitwise
//===----------------------------------------------------------------------===//

Status evalAnd(KernelContext &ctx) {
  return binaryOp<kBoolType>(ctx, [](bool a, bool b) { return a && b; });
}

Status evalOr(KernelContext &ctx) {
  return binaryOp<kBoolType>(ctx, [](bool a, bool b) { return a || b; });
}

Status evalXor(KernelContext &ctx) {
  return binaryOp<kBoolType>(ctx, [](bool a, bool b) { return a != b; });
}

Status evalBitwiseAnd(KernelContext &ctx) {
  return binaryOp<kIntTypes>(ctx,
                             [](auto a, auto b) { return decltype(a)(a & b); });
}

Status evalBitwiseOr(KernelContext &ctx) {
  return binaryOp<kIntTypes>(ctx,
                             [](auto a, auto b) { return decltype(a)(a | b); });
}

Status evalBitwiseXor(KernelContext &ctx) {
  return binaryOp<kIntTypes>(ctx,
                             [](auto a, auto b) { return decltype(a)(a ^ b); });
}

Status evalBitwiseNot(KernelContext &ctx) {
  return unaryOp<kIntTypes>(ctx, [](auto x) { return decltype(x)(~x); });
}

} // namespace kiln::ref
