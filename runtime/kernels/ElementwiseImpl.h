//===- ElementwiseImpl.h - Shared loops of the elementwise kernels -*- C++
//-*-===//
//
// Private to the Elementwise*.cpp kernels: dtype sets for checking what each
// ONNX op accepts, value conversions that never hit undefined behaviour
// (wrapping integer arithmetic, saturating float-to-int stores), and the
// unary / binary / n-ary loops over numpy-broadcast operands that every
// elementwise kernel is written with.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_ELEMENTWISEIMPL_H
#define KILN_RUNTIME_KERNELS_ELEMENTWISEIMPL_H

#include "kiln/runtime/KernelUtils.h"

#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

namespace kiln::ref::elementwise {

//===----------------------------------------------------------------------===//
// Dtype sets
//===----------------------------------------------------------------------===//

/// A set of DTypes as a bit mask.
using TypeSet = unsigned;

constexpr TypeSet typeBit(DType t) { return 1u << static_cast<unsigned>(t); }

inline constexpr TypeSet kFloatTypes =
    typeBit(DType::F32) | typeBit(DType::F16) | typeBit(DType::F64);
inline constexpr TypeSet kSignedIntTypes =
    typeBit(DType::I8) | typeBit(DType::I32) | typeBit(DType::I64);
inline constexpr TypeSet kIntTypes = kSignedIntTypes | typeBit(DType::U8);
inline constexpr TypeSet kNumericTypes = kFloatTypes | kIntTypes;
inline constexpr TypeSet kBoolType = typeBit(DType::Bool);
inline constexpr TypeSet kAllTypes = kNumericTypes | kBoolType;

/// Formats a type set as "f32, f16 or f64".
inline std::string formatTypeSet(TypeSet set) {
  std::string names;
  int remaining = 0;
  for (int i = 0; i < kNumDTypes; ++i)
    remaining += (set >> i) & 1;
  for (int i = 0; i < kNumDTypes; ++i) {
    if (!((set >> i) & 1))
      continue;
    names += dtypeName(static_cast<DType>(i));
    --remaining;
    if (remaining > 1)
      names += ", ";
    else if (remaining == 1)
      names += " or ";
  }
  return names;
}

/// Fails unless \p t has a dtype in \p allowed; \p what names the operand.
inline Status checkType(const KernelContext &ctx, const Tensor &t,
                        TypeSet allowed, std::string_view what) {
  if (allowed & typeBit(t.dtype()))
    return Status::ok();
  return ctx.fail("expected {} of type {}, found {}", what,
                  formatTypeSet(allowed), dtypeName(t.dtype()));
}

/// Fails unless \p a and \p b have the same dtype.
inline Status checkSameType(const KernelContext &ctx, const Tensor &a,
                            const Tensor &b, std::string_view what) {
  if (a.dtype() == b.dtype())
    return Status::ok();
  return ctx.fail("expected {} to have the type of the first operand ({}), "
                  "found {}",
                  what, dtypeName(a.dtype()), dtypeName(b.dtype()));
}

//===----------------------------------------------------------------------===//
// Value conversions and integer arithmetic
//===----------------------------------------------------------------------===//

/// Stores a computed value \p v as storage type T: float-to-integer
/// conversions saturate (NaN becomes 0) instead of being undefined.
template <typename T, typename V> T toStorage(V v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v != V(0);
  } else if constexpr (std::is_integral_v<T> && std::is_floating_point_v<V>) {
    if (std::isnan(v))
      return T(0);
    if (v >= static_cast<V>(std::numeric_limits<T>::max()))
      return std::numeric_limits<T>::max();
    if (v <= static_cast<V>(std::numeric_limits<T>::lowest()))
      return std::numeric_limits<T>::lowest();
    return static_cast<T>(v);
  } else {
    return T(static_cast<ComputeType<T>>(v));
  }
}

/// The unsigned type integer arithmetic wraps in (numpy's overflow
/// behaviour, without C++'s signed-overflow undefined behaviour).
template <typename C>
using WrapType = std::conditional_t<std::is_integral_v<C>,
                                    std::make_unsigned<C>, std::common_type<C>>;

template <typename C> C addWrap(C a, C b) {
  if constexpr (std::is_integral_v<C>) {
    using U = typename WrapType<C>::type;
    return static_cast<C>(
        static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
  } else {
    return a + b;
  }
}
template <typename C> C subWrap(C a, C b) {
  if constexpr (std::is_integral_v<C>) {
    using U = typename WrapType<C>::type;
    return static_cast<C>(
        static_cast<U>(static_cast<U>(a) - static_cast<U>(b)));
  } else {
    return a - b;
  }
}
template <typename C> C mulWrap(C a, C b) {
  if constexpr (std::is_integral_v<C>) {
    // Promote to at least unsigned int so that u8*u8 does not go through int.
    using U = std::common_type_t<typename WrapType<C>::type, unsigned>;
    return static_cast<C>(
        static_cast<U>(static_cast<U>(a) * static_cast<U>(b)));
  } else {
    return a * b;
  }
}
/// -a: wrapping for integers, IEEE negation for floats (-(+0) is -0, which
/// 0 - a is not; found by kiln-fuzz-graphs through Reciprocal).
template <typename C> C negWrap(C a) {
  if constexpr (std::is_integral_v<C>)
    return subWrap(C(0), a);
  else
    return -a;
}

//===----------------------------------------------------------------------===//
// Loops
//===----------------------------------------------------------------------===//

/// Calls `fn(TypeTag<T>{})` for the storage type of \p t when it is in
/// \p Allowed; other types are not instantiated (callers check the dtype
/// first), so `fn` only has to compile for the types the op accepts.
template <TypeSet Allowed, typename Fn> void dispatchIn(DType t, Fn &&fn) {
  dispatchAll(t, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr ((Allowed & typeBit(DTypeOf<T>::value)) != 0)
      fn(tag);
  });
}

/// Y = fn(X) per element with Y of X's dtype. X must be in \p Allowed.
/// `fn` takes and returns ComputeType<T> (or any value toStorage accepts).
template <TypeSet Allowed, typename Fn>
Status unaryOp(KernelContext &ctx, Fn fn) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(checkType(ctx, *x, Allowed, "input"));
  Tensor y(x->dtype(), x->shape());
  dispatchIn<Allowed>(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using C = ComputeType<T>;
    const T *in = x->data<T>();
    T *out = y.data<T>();
    for (int64_t i = 0, n = x->numElements(); i < n; ++i)
      out[i] = toStorage<T>(fn(static_cast<C>(in[i])));
  });
  ctx.outputs[0] = y;
  return Status::ok();
}

/// Y = pred(X) per element with a bool Y. X must be in \p Allowed.
template <TypeSet Allowed, typename Fn>
Status unaryPredicate(KernelContext &ctx, Fn pred) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(checkType(ctx, *x, Allowed, "input"));
  Tensor y(DType::Bool, x->shape());
  bool *out = y.data<bool>();
  dispatchIn<Allowed>(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T *in = x->data<T>();
    for (int64_t i = 0, n = x->numElements(); i < n; ++i)
      out[i] = pred(static_cast<ComputeType<T>>(in[i]));
  });
  ctx.outputs[0] = y;
  return Status::ok();
}

/// Broadcasts the shapes of \p operands into \p shape; fails naming them,
/// or when the result would be too large to allocate.
inline Status broadcastOperands(const KernelContext &ctx,
                                const std::vector<const Tensor *> &operands,
                                Shape &shape) {
  std::vector<Shape> shapes;
  for (const Tensor *t : operands)
    shapes.push_back(t->shape());
  if (Status s = broadcastShapes(shapes, shape); !s)
    return ctx.fail("{}", s.message());
  // Broadcasting can multiply sizes: 1e6x1 against 1x1e6 is 1e12 elements.
  return checkAllocation(ctx, shape);
}

/// How a binary op's result dtype relates to its operands.
enum class BinaryResult { SameAsInput, Bool };

/// Y = fn(A, B) per element after numpy broadcasting. A and B must have
/// the same dtype, in \p Allowed. `fn` takes two ComputeType<T> values.
template <TypeSet Allowed, BinaryResult Result = BinaryResult::SameAsInput,
          typename Fn>
Status binaryOp(KernelContext &ctx, Fn fn) {
  const Tensor *a, *b;
  KILN_RETURN_IF_ERROR(ctx.required(0, a));
  KILN_RETURN_IF_ERROR(ctx.required(1, b));
  KILN_RETURN_IF_ERROR(checkType(ctx, *a, Allowed, "first operand"));
  KILN_RETURN_IF_ERROR(checkSameType(ctx, *a, *b, "second operand"));
  Shape shape;
  KILN_RETURN_IF_ERROR(broadcastOperands(ctx, {a, b}, shape));
  Tensor y(Result == BinaryResult::Bool ? DType::Bool : a->dtype(), shape);
  dispatchIn<Allowed>(a->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using C = ComputeType<T>;
    const T *pa = a->data<T>(), *pb = b->data<T>();
    StridedIndex it(shape, {broadcastStrides(a->shape(), shape),
                            broadcastStrides(b->shape(), shape)});
    int64_t n = y.numElements();
    if constexpr (Result == BinaryResult::Bool) {
      bool *out = y.data<bool>();
      for (int64_t i = 0; i < n; ++i, it.next())
        out[i] = fn(static_cast<C>(pa[it.offset(0)]),
                    static_cast<C>(pb[it.offset(1)]));
    } else {
      T *out = y.data<T>();
      for (int64_t i = 0; i < n; ++i, it.next())
        out[i] = toStorage<T>(fn(static_cast<C>(pa[it.offset(0)]),
                                 static_cast<C>(pb[it.offset(1)])));
    }
  });
  ctx.outputs[0] = y;
  return Status::ok();
}

} // namespace kiln::ref::elementwise

#endif // KILN_RUNTIME_KERNELS_ELEMENTWISEIMPL_H
