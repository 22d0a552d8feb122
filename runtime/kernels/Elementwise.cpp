//===- Elementwise.cpp - Elementwise reference kernels --------------------===//
//
// Plain loops over numpy-broadcast operands.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Elementwise.h"

#include <algorithm>

namespace kiln::ref {
namespace {

/// Applies `fn(x)` per element; all float and integer types.
template <typename Fn> Status unary(KernelContext &ctx, Fn fn) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  Tensor y(x->dtype(), x->shape());
  return dispatchAll(x->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, bool>) {
      return ctx.fail("bool operands are not supported");
    } else {
      const T *in = x->data<T>();
      T *out = y.data<T>();
      for (int64_t i = 0, n = x->numElements(); i < n; ++i)
        out[i] = T(fn(static_cast<ComputeType<T>>(in[i])));
      ctx.outputs[0] = y;
      return Status::ok();
    }
  });
}

/// Applies `fn(a, b)` per element after broadcasting.
template <typename Fn> Status binary(KernelContext &ctx, Fn fn) {
  const Tensor *a, *b;
  KILN_RETURN_IF_ERROR(ctx.required(0, a));
  KILN_RETURN_IF_ERROR(ctx.required(1, b));
  if (a->dtype() != b->dtype())
    return ctx.fail("operand types differ: {} vs {}", dtypeName(a->dtype()),
                    dtypeName(b->dtype()));
  Shape shape;
  if (Status s = broadcastShapes(a->shape(), b->shape(), shape); !s)
    return ctx.fail("{}", s.message());
  Tensor y(a->dtype(), shape);
  return dispatchAll(a->dtype(), [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, bool>) {
      return ctx.fail("bool operands are not supported");
    } else {
      const T *pa = a->data<T>(), *pb = b->data<T>();
      T *out = y.data<T>();
      StridedIndex it(shape, {broadcastStrides(a->shape(), shape),
                              broadcastStrides(b->shape(), shape)});
      for (int64_t i = 0, n = y.numElements(); i < n; ++i, it.next())
        out[i] = T(fn(static_cast<ComputeType<T>>(pa[it.offset(0)]),
                      static_cast<ComputeType<T>>(pb[it.offset(1)])));
      ctx.outputs[0] = y;
      return Status::ok();
    }
  });
}

} // namespace

Status evalRelu(KernelContext &ctx) {
  return unary(ctx, [](auto x) { return x > 0 ? x : decltype(x)(0); });
}

Status evalAdd(KernelContext &ctx) {
  return binary(ctx, [](auto a, auto b) { return a + b; });
}

Status evalLeakyRelu(KernelContext &ctx) {
  double alpha = ctx.attributes().getFloat("alpha", 0.01);
  return unary(ctx, [alpha](auto x) {
    using C = decltype(x);
    return x >= 0 ? x : C(alpha * x);
  });
}

} // namespace kiln::ref
