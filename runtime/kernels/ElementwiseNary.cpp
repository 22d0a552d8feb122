//===- ElementwiseNary.cpp - N-ary, selection and cast reference kernels --===//
//
// Sum, Mean, Min and Max over any number of numpy-broadcast operands, Where
// over three, and the dtype conversions Cast and CastLike.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/kernels/Elementwise.h"

#include "ElementwiseImpl.h"

#include <cmath>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

namespace kiln::ref {

using namespace elementwise;

namespace {

/// Y[i] = fn(get, count) where `get(k)` reads operand k at the broadcast
/// position of output element i. All operands (at least one) share a dtype
/// in \p Allowed.
template <TypeSet Allowed, typename Fn>
Status naryOp(KernelContext &ctx, Fn fn) {
  if (ctx.numInputs() == 0)
    return ctx.fail("expected at least one operand, found none");
  std::vector<const Tensor *> operands(ctx.numInputs());
  for (size_t k = 0; k < operands.size(); ++k) {
    KILN_RETURN_IF_ERROR(ctx.required(k, operands[k]));
    if (k == 0)
      KILN_RETURN_IF_ERROR(checkType(ctx, *operands[0], Allowed, "operand 0"));
    else if (operands[k]->dtype() != operands[0]->dtype())
      return ctx.fail("expected operand {} to have the type of operand 0 "
                      "({}), found {}",
                      k, dtypeName(operands[0]->dtype()),
                      dtypeName(operands[k]->dtype()));
  }
  Shape shape;
  KILN_RETURN_IF_ERROR(broadcastOperands(ctx, operands, shape));
  Tensor y(operands[0]->dtype(), shape);
  dispatchIn<Allowed>(y.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using C = ComputeType<T>;
    std::vector<const T *> data;
    std::vector<std::vector<int64_t>> strides;
    for (const Tensor *t : operands) {
      data.push_back(t->data<T>());
      strides.push_back(broadcastStrides(t->shape(), shape));
    }
    StridedIndex it(shape, std::move(strides));
    auto get = [&](size_t k) { return static_cast<C>(data[k][it.offset(k)]); };
    T *out = y.data<T>();
    for (int64_t i = 0, n = y.numElements(); i < n; ++i, it.next())
      out[i] = toStorage<T>(fn(get, data.size()));
  });
  ctx.outputs[0] = y;
  return Status::ok();
}

/// The extremum of the operands by \p better(v, acc); NaN propagates.
template <typename Better> auto extremum(Better better) {
  return [better](const auto &get, size_t count) {
    auto acc = get(0);
    for (size_t k = 1; k < count; ++k) {
      auto v = get(k);
      if constexpr (std::is_floating_point_v<decltype(v)>) {
        if (std::isnan(v)) {
          acc = v;
          continue;
        }
      }
      // A NaN accumulator compares false and is kept.
      if (better(v, acc))
        acc = v;
    }
    return acc;
  };
}

/// The ONNX TensorProto.DataType name of \p onnxType, for messages.
std::string_view onnxTypeName(int64_t onnxType) {
  static constexpr std::string_view kNames[] = {
      "UNDEFINED",      "FLOAT",      "UINT8",
      "INT8",           "UINT16",     "INT16",
      "INT32",          "INT64",      "STRING",
      "BOOL",           "FLOAT16",    "DOUBLE",
      "UINT32",         "UINT64",     "COMPLEX64",
      "COMPLEX128",     "BFLOAT16",   "FLOAT8E4M3FN",
      "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ",
      "UINT4",          "INT4"};
  if (onnxType < 0 || onnxType >= int64_t(std::size(kNames)))
    return "unknown";
  return kNames[onnxType];
}

} // namespace

Status evalSum(KernelContext &ctx) {
  return naryOp<kFloatTypes>(ctx, [](const auto &get, size_t count) {
    double acc = 0;
    for (size_t k = 0; k < count; ++k)
      acc += get(k);
    return acc;
  });
}

Status evalMean(KernelContext &ctx) {
  return naryOp<kFloatTypes>(ctx, [](const auto &get, size_t count) {
    double acc = 0;
    for (size_t k = 0; k < count; ++k)
      acc += get(k);
    return acc / static_cast<double>(count);
  });
}

Status evalMin(KernelContext &ctx) {
  return naryOp<kNumericTypes>(
      ctx, extremum([](auto v, auto acc) { return v < acc; }));
}

Status evalMax(KernelContext &ctx) {
  return naryOp<kNumericTypes>(
      ctx, extremum([](auto v, auto acc) { return v > acc; }));
}

Status evalWhere(KernelContext &ctx) {
  const Tensor *cond, *x, *y;
  KILN_RETURN_IF_ERROR(ctx.required(0, cond));
  KILN_RETURN_IF_ERROR(ctx.required(1, x));
  KILN_RETURN_IF_ERROR(ctx.required(2, y));
  KILN_RETURN_IF_ERROR(checkType(ctx, *cond, kBoolType, "condition"));
  if (x->dtype() != y->dtype())
    return ctx.fail("expected Y to have the type of X ({}), found {}",
                    dtypeName(x->dtype()), dtypeName(y->dtype()));
  Shape shape;
  KILN_RETURN_IF_ERROR(broadcastOperands(ctx, {cond, x, y}, shape));
  Tensor out(x->dtype(), shape);
  dispatchAll(x->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const bool *pc = cond->data<bool>();
    const T *px = x->data<T>(), *py = y->data<T>();
    T *po = out.data<T>();
    StridedIndex it(shape, {broadcastStrides(cond->shape(), shape),
                            broadcastStrides(x->shape(), shape),
                            broadcastStrides(y->shape(), shape)});
    for (int64_t i = 0, n = out.numElements(); i < n; ++i, it.next())
      po[i] = pc[it.offset(0)] ? px[it.offset(1)] : py[it.offset(2)];
  });
  ctx.outputs[0] = out;
  return Status::ok();
}

Status evalCast(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  if (!ctx.attributes().has("to"))
    return ctx.fail("expected a 'to' attribute, found none");
  int64_t to = ctx.attributes().getInt("to", 0);
  std::optional<DType> target = dtypeFromOnnx(to);
  if (!target)
    return ctx.fail("expected 'to' to be FLOAT, FLOAT16, DOUBLE, INT8, UINT8, "
                    "INT32, INT64 or BOOL, found {} ({})",
                    onnxTypeName(to), to);
  // 'saturate' only affects float8 targets, which Kiln does not have.
  ctx.outputs[0] = castTensor(*x, *target);
  return Status::ok();
}

Status evalCastLike(KernelContext &ctx) {
  const Tensor *x, *like;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, like));
  ctx.outputs[0] = castTensor(*x, like->dtype());
  return Status::ok();
}

} // namespace kiln::ref
