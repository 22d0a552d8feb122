//===- MiscLoss.cpp - NegativeLogLikelihoodLoss, SoftmaxCrossEntropyLoss --===//
//
// Both losses see their scores as N x C x D (D the product of the trailing
// dimensions d1..dk, 1 when there are none) and their targets as N x D:
//
//   1. Check shapes: scores [N, C, d1..dk], target [N, d1..dk] of i32/i64,
//      weight [C] of the score type.
//   2. loss[n, d] = -logp[n, t, d] * w[t] with t = target[n, d]; a target
//      equal to ignore_index contributes 0 with weight 0, any other target
//      outside [0, C) is an error.
//   3. reduction none keeps the target shape; sum adds; mean divides the sum
//      by the sum of the applied weights (the count of non-ignored targets
//      without a weight tensor), 0 / 0 giving NaN like ONNX's reference.
//
// SoftmaxCrossEntropyLoss first takes logp = log_softmax(scores) along
// axis 1; NegativeLogLikelihoodLoss takes its input as logp directly.
// Everything is computed in double and rounded once to the score type.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/kernels/Misc.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace kiln::ref {
namespace {

/// Shapes of a loss seen as N x C x D.
struct LossGeometry {
  int64_t n = 0, c = 0, d = 1;
};

/// The elements of \p t as doubles, row-major.
std::vector<double> toDoubles(const Tensor &t) {
  std::vector<double> v(static_cast<size_t>(t.numElements()));
  for (int64_t i = 0; i < t.numElements(); ++i)
    v[i] = t.getAsDouble(i);
  return v;
}

/// Step 1: checks scores, target and weight and the reduction attribute.
Status checkLossOperands(const KernelContext &ctx, const Tensor &scores,
                         const Tensor &target, const Tensor *weight,
                         LossGeometry &g) {
  if (!isFloat(scores.dtype()))
    return ctx.fail("expected floating-point scores, found {}",
                    dtypeName(scores.dtype()));
  if (scores.rank() < 2)
    return ctx.fail("expected scores of rank >= 2 (N x C x ...), found {}",
                    formatShape(scores.shape()));
  if (target.dtype() != DType::I32 && target.dtype() != DType::I64)
    return ctx.fail("expected an i32 or i64 target, found {}",
                    dtypeName(target.dtype()));
  Shape want{scores.dim(0)};
  want.insert(want.end(), scores.shape().begin() + 2, scores.shape().end());
  if (target.shape() != want)
    return ctx.fail("expected a target of shape {} for scores of shape {}, "
                    "found {}",
                    formatShape(want), formatShape(scores.shape()),
                    formatShape(target.shape()));
  g.n = scores.dim(0);
  g.c = scores.dim(1);
  g.d = 1;
  for (int64_t i = 2; i < scores.rank(); ++i)
    g.d *= scores.dim(i);
  if (weight) {
    if (weight->dtype() != scores.dtype())
      return ctx.fail("expected a weight of type {}, found {}",
                      dtypeName(scores.dtype()), dtypeName(weight->dtype()));
    if (weight->shape() != Shape{g.c})
      return ctx.fail("expected a weight of shape {}, found {}",
                      formatShape(Shape{g.c}), formatShape(weight->shape()));
  }
  std::string reduction = ctx.attributes().getString("reduction", "mean");
  if (reduction != "none" && reduction != "sum" && reduction != "mean")
    return ctx.fail("expected 'reduction' to be none, sum or mean, found "
                    "'{}'",
                    reduction);
  return Status::ok();
}

/// Steps 2 and 3: the loss of log-probabilities \p logp (N x C x D) into
/// ctx.outputs[0].
Status reduceLoss(KernelContext &ctx, const std::vector<double> &logp,
                  DType dtype, const Tensor &target, const Tensor *weight,
                  const LossGeometry &g) {
  const AttrMap &attrs = ctx.attributes();
  bool hasIgnore = attrs.has("ignore_index");
  int64_t ignore = attrs.getInt("ignore_index", 0);
  std::string reduction = attrs.getString("reduction", "mean");
  std::vector<double> w = weight ? toDoubles(*weight) : std::vector<double>();

  std::vector<double> loss(static_cast<size_t>(g.n * g.d));
  double lossSum = 0, weightSum = 0;
  for (int64_t n = 0; n < g.n; ++n) {
    for (int64_t d = 0; d < g.d; ++d) {
      int64_t i = n * g.d + d;
      int64_t t = target.getAsInt64(i);
      if (hasIgnore && t == ignore) {
        loss[i] = 0;
        continue;
      }
      if (t < 0 || t >= g.c)
        return ctx.fail("expected target values in [0, {}) or ignore_index, "
                        "found {} at element {}",
                        g.c, t, i);
      double wt = weight ? w[t] : 1.0;
      loss[i] = -logp[(n * g.c + t) * g.d + d] * wt;
      lossSum += loss[i];
      weightSum += wt;
    }
  }

  if (reduction == "none") {
    Tensor out(dtype, target.shape());
    for (size_t i = 0; i < loss.size(); ++i)
      out.setFromDouble(static_cast<int64_t>(i), loss[i]);
    ctx.outputs[0] = std::move(out);
    return Status::ok();
  }
  double value = lossSum;
  if (reduction == "mean")
    value = weightSum == 0 ? std::numeric_limits<double>::quiet_NaN()
                           : lossSum / weightSum;
  Tensor out(dtype, {});
  out.setFromDouble(0, value);
  ctx.outputs[0] = std::move(out);
  return Status::ok();
}

} // namespace

Status evalNegativeLogLikelihoodLoss(KernelContext &ctx) {
  const Tensor *input, *target;
  KILN_RETURN_IF_ERROR(ctx.required(0, input));
  KILN_RETURN_IF_ERROR(ctx.required(1, target));
  const Tensor *weight = ctx.input(2);
  LossGeometry g;
  KILN_RETURN_IF_ERROR(checkLossOperands(ctx, *input, *target, weight, g));
  return reduceLoss(ctx, toDoubles(*input), input->dtype(), *target, weight, g);
}

Status evalSoftmaxCrossEntropyLoss(KernelContext &ctx) {
  const Tensor *scores, *labels;
  KILN_RETURN_IF_ERROR(ctx.required(0, scores));
  KILN_RETURN_IF_ERROR(ctx.required(1, labels));
  const Tensor *weight = ctx.input(2);
  LossGeometry g;
  KILN_RETURN_IF_ERROR(checkLossOperands(ctx, *scores, *labels, weight, g));

  // logp = x - max - log(sum(exp(x - max))) along C, for stability.
  std::vector<double> logp = toDoubles(*scores);
  for (int64_t n = 0; n < g.n; ++n) {
    for (int64_t d = 0; d < g.d; ++d) {
      double *base = logp.data() + n * g.c * g.d + d;
      double mx = -std::numeric_limits<double>::infinity();
      for (int64_t c = 0; c < g.c; ++c)
        mx = std::max(mx, base[c * g.d]);
      double sum = 0;
      for (int64_t c = 0; c < g.c; ++c)
        sum += std::exp(base[c * g.d] - mx);
      double shift = mx + std::log(sum);
      for (int64_t c = 0; c < g.c; ++c)
        base[c * g.d] -= shift;
    }
  }
  KILN_RETURN_IF_ERROR(
      reduceLoss(ctx, logp, scores->dtype(), *labels, weight, g));
  if (ctx.numOutputs() > 1) {
    Tensor lp(scores->dtype(), scores->shape());
    for (size_t i = 0; i < logp.size(); ++i)
      lp.setFromDouble(static_cast<int64_t>(i), logp[i]);
    ctx.outputs[1] = std::move(lp);
  }
  return Status::ok();
}

} // namespace kiln::ref
