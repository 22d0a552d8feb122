//===- ReduceReshapeReduce.cpp - Reductions, ArgMax, CumSum, TopK ---------===//
//
// Reference kernels for the ONNX reductions. The ten Reduce* ops share one
// driver: each input element is folded into the output element it maps to
// (the reduced dimensions get stride 0), then a per-op finish step applies
// (mean, sqrt, log). Reducing over no axes (noop_with_empty_axes) reduces
// each element on its own, so ReduceSumSquare squares and ReduceL1 takes
// absolute values, as ONNX's reference does. Float sums accumulate in
// double; integer sums, products and squares wrap in 64 bits.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/ReduceReshape.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace kiln::ref {
namespace {

/// True when \p v is a NaN; always false for integer and bool types.
template <typename C> bool isNan(C v) {
  if constexpr (std::is_floating_point_v<C>)
    return std::isnan(v);
  else
    return false;
}

/// Converts \p v to T, saturating integers and mapping NaN to 0 so that the
/// conversion is defined for every double.
template <typename T> T castFromDouble(double v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v != 0;
  } else if constexpr (std::is_integral_v<T>) {
    if (std::isnan(v))
      return 0;
    if (v <= static_cast<double>(std::numeric_limits<T>::lowest()))
      return std::numeric_limits<T>::lowest();
    if (v >= static_cast<double>(std::numeric_limits<T>::max()))
      return std::numeric_limits<T>::max();
    return static_cast<T>(v);
  } else {
    return T(v);
  }
}

/// Reads an integer operand as int64 values, failing with the op's name.
Status readInts(const KernelContext &ctx, const Tensor &t,
                std::string_view what, std::vector<int64_t> &out) {
  if (Status s = readInt64Values(t, what, out); !s)
    return ctx.fail("{}", s.message());
  return Status::ok();
}

/// Sizes of the dimensions before, at and after \p axis.
struct AxisSplit {
  int64_t outer = 1, dim = 1, inner = 1;
};

AxisSplit splitAtAxis(const Shape &shape, int64_t axis) {
  AxisSplit s;
  for (int64_t i = 0; i < static_cast<int64_t>(shape.size()); ++i) {
    if (i < axis)
      s.outer *= shape[i];
    else if (i == axis)
      s.dim = shape[i];
    else
      s.inner *= shape[i];
  }
  return s;
}

//===----------------------------------------------------------------------===//
// Reduce*
//===----------------------------------------------------------------------===//

enum class ReduceKind {
  Sum,
  Mean,
  Max,
  Min,
  Prod,
  L1,
  L2,
  LogSum,
  LogSumExp,
  SumSquare
};

/// Where each input element goes in a reduction.
struct ReducePlan {
  /// The result shape (reduced dimensions dropped unless keepdims).
  Shape outShape;
  /// Per input dimension, the stride into the result; 0 on reduced ones.
  std::vector<int64_t> outStrides;
  /// Number of input elements folded into each result element.
  int64_t groupSize = 1;
};

/// Resolves the axes operand, keepdims and noop_with_empty_axes.
Status planReduction(const KernelContext &ctx, const Tensor &x,
                     ReducePlan &plan) {
  std::vector<int64_t> axes;
  if (const Tensor *a = ctx.input(1))
    KILN_RETURN_IF_ERROR(readInts(ctx, *a, "axes", axes));
  bool keepdims = ctx.attributes().getInt("keepdims", 1) != 0;
  bool noop = ctx.attributes().getInt("noop_with_empty_axes", 0) != 0;
  int64_t rank = x.rank();
  std::vector<bool> reduced(rank, axes.empty() && !noop);
  for (int64_t axis : axes) {
    if (axis < -rank || axis >= rank)
      return ctx.fail("axis {} is out of range for rank {}", axis, rank);
    int64_t a = axis < 0 ? axis + rank : axis;
    if (reduced[a])
      return ctx.fail("axis {} appears more than once in axes", axis);
    reduced[a] = true;
  }
  Shape kept = x.shape();
  plan.outShape.clear();
  plan.groupSize = 1;
  for (int64_t i = 0; i < rank; ++i) {
    if (reduced[i]) {
      plan.groupSize *= x.dim(i);
      kept[i] = 1;
      if (keepdims)
        plan.outShape.push_back(1);
    } else {
      plan.outShape.push_back(x.dim(i));
    }
  }
  plan.outStrides = shapeStrides(kept);
  for (int64_t i = 0; i < rank; ++i)
    if (reduced[i])
      plan.outStrides[i] = 0;
  return Status::ok();
}

/// Calls `fn(outIndex, value)` for every input element.
template <typename T, typename Fn>
void forEachElement(const Tensor &x, const ReducePlan &plan, Fn fn) {
  const T *in = x.data<T>();
  StridedIndex it(x.shape(), {plan.outStrides});
  for (int64_t i = 0, n = x.numElements(); i < n; ++i, it.next())
    fn(it.offset(0), static_cast<ComputeType<T>>(in[i]));
}

/// Max and Min: NaN propagates; an empty set gives -inf/+inf (or the
/// extreme value of an integer type).
template <typename T>
void reduceExtreme(const Tensor &x, const ReducePlan &plan, bool isMax,
                   Tensor &y) {
  using C = ComputeType<T>;
  C init;
  if constexpr (std::is_floating_point_v<C>)
    init = isMax ? -std::numeric_limits<C>::infinity()
                 : std::numeric_limits<C>::infinity();
  else
    init = isMax ? std::numeric_limits<C>::lowest()
                 : std::numeric_limits<C>::max();
  std::vector<C> acc(y.numElements(), init);
  forEachElement<T>(x, plan, [&](int64_t o, C v) {
    C cur = acc[o];
    if (isNan(cur))
      return;
    if (isNan(v) || (isMax ? v > cur : v < cur))
      acc[o] = v;
  });
  T *out = y.data<T>();
  for (int64_t o = 0, n = y.numElements(); o < n; ++o)
    out[o] = T(static_cast<C>(acc[o]));
}

/// Sum, Prod, L1 and SumSquare of integers, exact modulo 2^64.
template <typename T>
void reduceIntegerExact(const Tensor &x, const ReducePlan &plan,
                        ReduceKind kind, Tensor &y) {
  std::vector<uint64_t> acc(y.numElements(), kind == ReduceKind::Prod ? 1 : 0);
  forEachElement<T>(x, plan, [&](int64_t o, T v) {
    uint64_t u = static_cast<uint64_t>(static_cast<int64_t>(v));
    switch (kind) {
    case ReduceKind::Prod:
      acc[o] *= u;
      break;
    case ReduceKind::L1:
      acc[o] += v < 0 ? uint64_t(0) - u : u;
      break;
    case ReduceKind::SumSquare:
      acc[o] += u * u;
      break;
    default:
      acc[o] += u;
      break;
    }
  });
  T *out = y.data<T>();
  for (int64_t o = 0, n = y.numElements(); o < n; ++o)
    out[o] = static_cast<T>(static_cast<int64_t>(acc[o]));
}

/// Every other case, accumulated in double.
template <typename T>
void reduceInDouble(const Tensor &x, const ReducePlan &plan, ReduceKind kind,
                    Tensor &y) {
  int64_t nOut = y.numElements();
  std::vector<double> acc(nOut, kind == ReduceKind::Prod ? 1.0 : 0.0);
  std::vector<double> shift;
  if (kind == ReduceKind::LogSumExp) {
    // log(sum(exp(x))) = log(sum(exp(x - m))) + m with m the finite maximum.
    std::vector<double> mx(nOut, -std::numeric_limits<double>::infinity());
    forEachElement<T>(x, plan, [&](int64_t o, double v) {
      if (!std::isnan(mx[o]) && (std::isnan(v) || v > mx[o]))
        mx[o] = v;
    });
    shift.resize(nOut);
    for (int64_t o = 0; o < nOut; ++o)
      shift[o] = std::isfinite(mx[o]) ? mx[o] : 0.0;
  }
  forEachElement<T>(x, plan, [&](int64_t o, double v) {
    switch (kind) {
    case ReduceKind::Prod:
      acc[o] *= v;
      break;
    case ReduceKind::L1:
      acc[o] += std::fabs(v);
      break;
    case ReduceKind::L2:
    case ReduceKind::SumSquare:
      acc[o] += v * v;
      break;
    case ReduceKind::LogSumExp:
      acc[o] += std::exp(v - shift[o]);
      break;
    default:
      acc[o] += v;
      break;
    }
  });
  T *out = y.data<T>();
  for (int64_t o = 0; o < nOut; ++o) {
    double r = acc[o];
    switch (kind) {
    case ReduceKind::Mean:
      r = r / static_cast<double>(plan.groupSize);
      break;
    case ReduceKind::L2:
      r = std::sqrt(r);
      break;
    case ReduceKind::LogSum:
      r = std::log(r);
      break;
    case ReduceKind::LogSumExp:
      r = std::log(r) + shift[o];
      break;
    default:
      break;
    }
    out[o] = castFromDouble<T>(r);
  }
}

Status reduce(KernelContext &ctx, ReduceKind kind) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  bool extreme = kind == ReduceKind::Max || kind == ReduceKind::Min;
  if (x->dtype() == DType::Bool && !extreme)
    return ctx.fail("expected a numeric input, found bool");
  ReducePlan plan;
  KILN_RETURN_IF_ERROR(planReduction(ctx, *x, plan));
  Tensor y(x->dtype(), plan.outShape);
  dispatchAll(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if (extreme) {
      reduceExtreme<T>(*x, plan, kind == ReduceKind::Max, y);
      return;
    }
    if constexpr (!std::is_same_v<T, bool>) {
      bool exact = kind == ReduceKind::Sum || kind == ReduceKind::Prod ||
                   kind == ReduceKind::L1 || kind == ReduceKind::SumSquare;
      if constexpr (std::is_integral_v<T>) {
        if (exact) {
          reduceIntegerExact<T>(*x, plan, kind, y);
          return;
        }
      }
      reduceInDouble<T>(*x, plan, kind, y);
    }
  });
  ctx.outputs[0] = y;
  return Status::ok();
}

//===----------------------------------------------------------------------===//
// ArgMax / ArgMin
//===----------------------------------------------------------------------===//

Status argReduce(KernelContext &ctx, bool isMax) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  if (x->dtype() == DType::Bool)
    return ctx.fail("expected a numeric input, found bool");
  if (x->rank() == 0)
    return ctx.fail("expected an input of rank >= 1, found a scalar");
  const AttrMap &attrs = ctx.attributes();
  int64_t axis;
  KILN_RETURN_IF_ERROR(
      normalizeAxis(ctx, attrs.getInt("axis", 0), x->rank(), axis));
  bool keepdims = attrs.getInt("keepdims", 1) != 0;
  bool last = attrs.getInt("select_last_index", 0) != 0;
  AxisSplit s = splitAtAxis(x->shape(), axis);
  Shape outShape = x->shape();
  if (keepdims)
    outShape[axis] = 1;
  else
    outShape.erase(outShape.begin() + axis);
  if (s.dim == 0 && s.outer * s.inner != 0)
    return ctx.fail("cannot select an index along empty axis {} of shape {}",
                    axis, formatShape(x->shape()));
  Tensor y(DType::I64, outShape);
  int64_t *out = y.data<int64_t>();
  dispatchAll(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using C = ComputeType<T>;
    const T *in = x->data<T>();
    for (int64_t o = 0; o < s.outer; ++o) {
      for (int64_t i = 0; i < s.inner; ++i) {
        const T *p = in + o * s.dim * s.inner + i;
        C best = static_cast<C>(p[0]);
        int64_t bestIdx = 0;
        for (int64_t k = 1; k < s.dim; ++k) {
          C v = static_cast<C>(p[k * s.inner]);
          // NaN wins over numbers, as in numpy's argmax/argmin.
          bool beats =
              (isNan(v) && !isNan(best)) || (isMax ? v > best : v < best);
          bool ties = v == best || (isNan(v) && isNan(best));
          if (beats || (last && ties)) {
            best = v;
            bestIdx = k;
          }
        }
        out[o * s.inner + i] = bestIdx;
      }
    }
  });
  ctx.outputs[0] = y;
  return Status::ok();
}

/// Ordering of TopK: NaN counts as larger than every number so that the
/// order is total; equal values keep the lower index first.
template <typename C> bool greaterNan(C a, C b) {
  if (isNan(a))
    return !isNan(b);
  if (isNan(b))
    return false;
  return a > b;
}

} // namespace

Status evalReduceSum(KernelContext &ctx) {
  return reduce(ctx, ReduceKind::Sum);
}
Status evalReduceMean(KernelContext &ctx) {
  return reduce(ctx, ReduceKind::Mean);
}
Status evalReduceMax(KernelContext &ctx) {
  return reduce(ctx, ReduceKind::Max);
}
Status evalReduceMin(KernelContext &ctx) {
  return reduce(ctx, ReduceKind::Min);
}
Status evalReduceProd(KernelContext &ctx) {
  return reduce(ctx, ReduceKind::Prod);
}
Status evalReduceL1(KernelContext &ctx) { return reduce(ctx, ReduceKind::L1); }
Status evalReduceL2(KernelContext &ctx) { return reduce(ctx, ReduceKind::L2); }
Status evalReduceLogSum(KernelContext &ctx) {
  return reduce(ctx, ReduceKind::LogSum);
}
Status evalReduceLogSumExp(KernelContext &ctx) {
  return reduce(ctx, ReduceKind::LogSumExp);
}
Status evalReduceSumSquare(KernelContext &ctx) {
  return reduce(ctx, ReduceKind::SumSquare);
}

Status evalArgMax(KernelContext &ctx) { return argReduce(ctx, true); }
Status evalArgMin(KernelContext &ctx) { return argReduce(ctx, false); }

Status evalCumSum(KernelContext &ctx) {
  const Tensor *x, *axisT;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, axisT));
  if (x->dtype() == DType::Bool)
    return ctx.fail("expected a numeric input, found bool");
  if (x->rank() == 0)
    return ctx.fail("expected an input of rank >= 1, found a scalar");
  std::vector<int64_t> axisValues;
  KILN_RETURN_IF_ERROR(readInts(ctx, *axisT, "axis", axisValues));
  if (axisValues.size() != 1)
    return ctx.fail("expected axis to hold one value, found {}",
                    axisValues.size());
  int64_t axis;
  KILN_RETURN_IF_ERROR(normalizeAxis(ctx, axisValues[0], x->rank(), axis));
  bool exclusive = ctx.attributes().getInt("exclusive", 0) != 0;
  bool reverse = ctx.attributes().getInt("reverse", 0) != 0;
  AxisSplit s = splitAtAxis(x->shape(), axis);
  Tensor y(x->dtype(), x->shape());
  dispatchAll(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<T, bool>) {
      // Integers wrap modulo 2^64 like the exact reductions; floats sum in
      // double.
      using Acc = std::conditional_t<std::is_integral_v<T>, uint64_t, double>;
      const T *in = x->data<T>();
      T *out = y.data<T>();
      for (int64_t o = 0; o < s.outer; ++o) {
        for (int64_t i = 0; i < s.inner; ++i) {
          Acc acc = 0;
          for (int64_t step = 0; step < s.dim; ++step) {
            int64_t k = reverse ? s.dim - 1 - step : step;
            int64_t at = (o * s.dim + k) * s.inner + i;
            Acc v;
            if constexpr (std::is_integral_v<T>)
              v = static_cast<uint64_t>(static_cast<int64_t>(in[at]));
            else
              v = static_cast<double>(static_cast<ComputeType<T>>(in[at]));
            if (!exclusive)
              acc += v;
            if constexpr (std::is_integral_v<T>)
              out[at] = static_cast<T>(static_cast<int64_t>(acc));
            else
              out[at] = T(acc);
            if (exclusive)
              acc += v;
          }
        }
      }
    }
  });
  ctx.outputs[0] = y;
  return Status::ok();
}

Status evalTopK(KernelContext &ctx) {
  const Tensor *x, *kT;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, kT));
  if (x->dtype() == DType::Bool)
    return ctx.fail("expected a numeric input, found bool");
  if (x->rank() == 0)
    return ctx.fail("expected an input of rank >= 1, found a scalar");
  if (ctx.numOutputs() < 2)
    return ctx.fail("expected 2 results, found {}", ctx.numOutputs());
  std::vector<int64_t> kValues;
  KILN_RETURN_IF_ERROR(readInts(ctx, *kT, "K", kValues));
  if (kValues.size() != 1)
    return ctx.fail("expected K to hold one value, found {}", kValues.size());
  const AttrMap &attrs = ctx.attributes();
  int64_t axis;
  KILN_RETURN_IF_ERROR(
      normalizeAxis(ctx, attrs.getInt("axis", -1), x->rank(), axis));
  bool largest = attrs.getInt("largest", 1) != 0;
  AxisSplit s = splitAtAxis(x->shape(), axis);
  int64_t k = kValues[0];
  if (k < 0 || k > s.dim)
    return ctx.fail("expected K in [0, {}] for axis {} of shape {}, found {}",
                    s.dim, axis, formatShape(x->shape()), k);
  Shape outShape = x->shape();
  outShape[axis] = k;
  Tensor values(x->dtype(), outShape), indices(DType::I64, outShape);
  int64_t *outIdx = indices.data<int64_t>();
  dispatchAll(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using C = ComputeType<T>;
    const T *in = x->data<T>();
    T *outVal = values.data<T>();
    std::vector<int64_t> order(s.dim);
    for (int64_t o = 0; o < s.outer; ++o) {
      for (int64_t i = 0; i < s.inner; ++i) {
        const T *p = in + o * s.dim * s.inner + i;
        auto at = [&](int64_t j) { return static_cast<C>(p[j * s.inner]); };
        std::iota(order.begin(), order.end(), int64_t(0));
        std::partial_sort(
            order.begin(), order.begin() + k, order.end(),
            [&](int64_t a, int64_t b) {
              C va = at(a), vb = at(b);
              if (largest ? greaterNan(va, vb) : greaterNan(vb, va))
                return true;
              if (largest ? greaterNan(vb, va) : greaterNan(va, vb))
                return false;
              return a < b;
            });
        for (int64_t j = 0; j < k; ++j) {
          int64_t dst = (o * k + j) * s.inner + i;
          outVal[dst] = p[order[j] * s.inner];
          outIdx[dst] = order[j];
        }
      }
    }
  });
  ctx.outputs[0] = values;
  ctx.outputs[1] = indices;
  return Status::ok();
}

} // namespace kiln::ref
