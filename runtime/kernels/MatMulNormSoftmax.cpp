//===- MatMulNormSoftmax.cpp - Softmax, LogSoftmax and Hardmax ------------===//
//
// The three ops normalize independent "lanes" of the input. Since opset 13 a
// lane is the 1-D slice along `axis` (default -1). Before opset 13 the input
// was coerced to 2-D at `axis` and a lane was a whole flattened row of the
// dims [axis, rank); the importer expresses those versions with the
// `coerce_2d` = 1 attribute (and an explicit axis, whose old default was 1).
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/MatMulNorm.h"

#include <cmath>
#include <limits>

namespace kiln::ref {
namespace {

/// What to compute on one lane of doubles, in place.
enum class LaneKind { Softmax, LogSoftmax, Hardmax };

/// Applies \p kind to \p lane (length n).
void normalizeLane(LaneKind kind, std::vector<double> &lane) {
  size_t n = lane.size();
  if (n == 0)
    return;
  if (kind == LaneKind::Hardmax) {
    size_t best = 0;
    for (size_t i = 1; i < n; ++i)
      if (lane[i] > lane[best])
        best = i;
    for (size_t i = 0; i < n; ++i)
      lane[i] = i == best ? 1.0 : 0.0;
    return;
  }
  double maxV = -std::numeric_limits<double>::infinity();
  for (double v : lane)
    maxV = std::max(maxV, v);
  double sum = 0;
  for (double v : lane)
    sum += std::exp(v - maxV);
  if (kind == LaneKind::Softmax) {
    for (double &v : lane)
      v = std::exp(v - maxV) / sum;
  } else {
    double logSum = std::log(sum);
    for (double &v : lane)
      v = v - maxV - logSum;
  }
}

/// Shared driver: splits the input into outer x lane x inner and applies
/// \p kind to each lane.
Status evalLanes(KernelContext &ctx, LaneKind kind) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  const AttrMap &attrs = ctx.attributes();
  bool coerce = attrs.getInt("coerce_2d", 0) != 0;
  if (x->rank() < 1)
    return ctx.fail("expected an input of rank >= 1, found a scalar");
  int64_t axis;
  KILN_RETURN_IF_ERROR(
      normalizeAxis(ctx, attrs.getInt("axis", -1), x->rank(), axis));
  const Shape &shape = x->shape();
  int64_t outer = 1, laneLen = 1, inner = 1;
  for (int64_t d = 0; d < x->rank(); ++d) {
    if (d < axis)
      outer *= shape[d];
    else if (d == axis || coerce)
      laneLen *= shape[d];
    else
      inner *= shape[d];
  }
  Tensor y(x->dtype(), shape);
  auto run = [&](auto tag) -> Status {
    using T = typename decltype(tag)::type;
    const T *in = x->data<T>();
    T *out = y.data<T>();
    std::vector<double> lane(laneLen);
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        int64_t base = o * laneLen * inner + i;
        for (int64_t k = 0; k < laneLen; ++k)
          lane[k] = static_cast<double>(in[base + k * inner]);
        normalizeLane(kind, lane);
        for (int64_t k = 0; k < laneLen; ++k)
          out[base + k * inner] = T(lane[k]);
      }
    ctx.outputs[0] = y;
    return Status::ok();
  };
  return dispatchFloat(ctx, x->dtype(), run);
}

} // namespace

Status evalSoftmax(KernelContext &ctx) {
  return evalLanes(ctx, LaneKind::Softmax);
}

Status evalLogSoftmax(KernelContext &ctx) {
  return evalLanes(ctx, LaneKind::LogSoftmax);
}

Status evalHardmax(KernelContext &ctx) {
  return evalLanes(ctx, LaneKind::Hardmax);
}

} // namespace kiln::ref
