//===- MatMulNormAttention.cpp - kiln.fused_attention reference -----------===//
//
// The chain kiln-fuse-attention replaces, computed step by step with the
// roundings the interpreter gives each of its ops: Q x KT summed in double
// and rounded to f32 (as evalMatMul), the divisor or scale and the mask
// applied in f32 (as evalDiv, evalMul and evalAdd), the softmax of each row
// in double and rounded (as evalSoftmax), then P x V summed in double. A
// graph therefore gives the same bits on the interpreter before and after
// the rewrite. The perm attributes transpose the operands before the chain
// and its result after it, as evalTranspose does. Only f32 operands: the
// pass fuses nothing else.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/MatMulNorm.h"
#include "kiln/runtime/kernels/ReduceReshape.h"

#include <cmath>
#include <limits>
#include <vector>

namespace kiln::ref {

namespace {

/// Whether \p small broadcasts into \p big (numpy rules, one direction).
bool broadcastsInto(const Shape &small, const Shape &big) {
  if (small.size() > big.size())
    return false;
  for (size_t i = 0; i < small.size(); ++i) {
    int64_t s = small[small.size() - 1 - i], b = big[big.size() - 1 - i];
    if (s != 1 && s != b)
      return false;
  }
  return true;
}

/// The softmax of one row of f32 scores, in place, as evalSoftmax computes
/// it (in double, rounded once).
void softmaxRow(float *row, int64_t n) {
  double maxV = -std::numeric_limits<double>::infinity();
  for (int64_t j = 0; j < n; ++j)
    maxV = std::max(maxV, static_cast<double>(row[j]));
  double sum = 0;
  for (int64_t j = 0; j < n; ++j)
    sum += std::exp(static_cast<double>(row[j]) - maxV);
  for (int64_t j = 0; j < n; ++j)
    row[j] =
        static_cast<float>(std::exp(static_cast<double>(row[j]) - maxV) / sum);
}

/// \p t transposed with the perm attribute \p name (as evalTranspose), in
/// \p out; \p t itself when the attribute is absent.
Status permuted(const KernelContext &ctx, const char *name, const Tensor *&t,
                Tensor &out) {
  if (!t || !ctx.attributes().has(name))
    return Status::ok();
  AttrMap attrs;
  attrs.set("perm", ctx.attributes().getInts(name, {}));
  KernelContext transpose;
  transpose.opName = ctx.opName;
  transpose.inputs = {t};
  transpose.attrs = &attrs;
  transpose.outputs.resize(1);
  KILN_RETURN_IF_ERROR(evalTranspose(transpose));
  out = transpose.outputs[0];
  t = &out;
  return Status::ok();
}

/// The chain's result, before the result perm, in \p result.
Status attend(KernelContext &ctx, const Tensor *q, const Tensor *kt,
              const Tensor *v, const Tensor *mask, Tensor &result) {
  for (const Tensor *t : {q, kt, v, mask})
    if (t && t->dtype() != DType::F32)
      return ctx.fail("expected f32 operands, found {}", dtypeName(t->dtype()));
  if (q->rank() < 2 || kt->rank() < 2 || v->rank() < 2)
    return ctx.fail("expected Q, KT and V of rank >= 2, found shapes {}, {} "
                    "and {}",
                    formatShape(q->shape()), formatShape(kt->shape()),
                    formatShape(v->shape()));
  const AttrMap &attrs = ctx.attributes();
  bool hasDivisor = attrs.has("divisor"), hasScale = attrs.has("scale");
  if (hasDivisor && hasScale)
    return ctx.fail("expected at most one of divisor and scale");
  auto divisor = static_cast<float>(attrs.getFloat("divisor", 1.0));
  auto scale = static_cast<float>(attrs.getFloat("scale", 1.0));

  const Shape &sq = q->shape(), &sk = kt->shape(), &sv = v->shape();
  int64_t m = sq[sq.size() - 2], d = sq.back();
  int64_t n = sk.back(), dv = sv.back();
  if (sk[sk.size() - 2] != d || sv[sv.size() - 2] != n)
    return ctx.fail("expected Q [..., M, D], KT [..., D, N] and V [..., N, "
                    "Dv], found shapes {}, {} and {}",
                    formatShape(sq), formatShape(sk), formatShape(sv));
  Shape batchQ(sq.begin(), sq.end() - 2), batchK(sk.begin(), sk.end() - 2);
  Shape batchV(sv.begin(), sv.end() - 2), batch;
  if (Status s = broadcastShapes(batchQ, batchK, batch); !s)
    return ctx.fail("batch dimensions of Q and KT do not broadcast: {}",
                    s.message());
  if (!broadcastsInto(batchV, batch))
    return ctx.fail("expected V's batch dims {} to broadcast into {}",
                    formatShape(batchV), formatShape(batch));
  Shape scoresShape = batch;
  scoresShape.push_back(m);
  scoresShape.push_back(n);
  if (mask && !broadcastsInto(mask->shape(), scoresShape))
    return ctx.fail("expected the mask {} to broadcast into the scores {}",
                    formatShape(mask->shape()), formatShape(scoresShape));
  Shape outShape = batch;
  outShape.push_back(m);
  outShape.push_back(dv);
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, outShape));
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, scoresShape));

  std::vector<int64_t> strideQ = broadcastStrides(batchQ, batch);
  std::vector<int64_t> strideK = broadcastStrides(batchK, batch);
  std::vector<int64_t> strideV = broadcastStrides(batchV, batch);
  for (int64_t &s : strideQ)
    s *= m * d;
  for (int64_t &s : strideK)
    s *= d * n;
  for (int64_t &s : strideV)
    s *= n * dv;
  // The mask read at scores index (batch..., i, j).
  std::vector<int64_t> maskStrides;
  if (mask)
    maskStrides = broadcastStrides(mask->shape(), scoresShape);

  Tensor y(DType::F32, outShape);
  const float *pq = q->data<float>(), *pk = kt->data<float>();
  const float *pv = v->data<float>();
  const float *pm = mask ? mask->data<float>() : nullptr;
  float *out = y.data<float>();
  int64_t numBatches = shapeNumElements(batch);
  std::vector<float> scores(m * n);
  std::vector<double> acc(std::max(n, dv));
  StridedIndex it(batch, {strideQ, strideK, strideV});
  // The mask's strides along the batch dims (none without a mask).
  std::vector<int64_t> maskBatch(batch.size(), 0);
  if (mask)
    std::copy(maskStrides.begin(), maskStrides.end() - 2, maskBatch.begin());
  StridedIndex maskIt(batch, {maskBatch});
  int64_t maskRow = mask ? maskStrides[maskStrides.size() - 2] : 0;
  int64_t maskCol = mask ? maskStrides.back() : 0;
  for (int64_t bi = 0; bi < numBatches; ++bi, it.next(), maskIt.next()) {
    const float *mq = pq + it.offset(0), *mk = pk + it.offset(1);
    const float *mv = pv + it.offset(2);
    // Scores row by row, each sum adding p = 0..d-1 in order (evalMatMul).
    for (int64_t i = 0; i < m; ++i) {
      std::fill(acc.begin(), acc.begin() + n, 0.0);
      for (int64_t p = 0; p < d; ++p) {
        double a = mq[i * d + p];
        for (int64_t j = 0; j < n; ++j)
          acc[j] += a * static_cast<double>(mk[p * n + j]);
      }
      float *row = scores.data() + i * n;
      for (int64_t j = 0; j < n; ++j) {
        float s = static_cast<float>(acc[j]);
        if (hasDivisor)
          s = s / divisor;
        else if (hasScale)
          s = s * scale;
        if (pm)
          s = s + pm[maskIt.offset(0) + i * maskRow + j * maskCol];
        row[j] = s;
      }
      softmaxRow(row, n);
    }
    float *mo = out + bi * m * dv;
    for (int64_t i = 0; i < m; ++i) {
      std::fill(acc.begin(), acc.begin() + dv, 0.0);
      for (int64_t p = 0; p < n; ++p) {
        double a = scores[i * n + p];
        for (int64_t j = 0; j < dv; ++j)
          acc[j] += a * static_cast<double>(mv[p * dv + j]);
      }
      for (int64_t j = 0; j < dv; ++j)
        mo[i * dv + j] = static_cast<float>(acc[j]);
    }
  }
  result = y;
  return Status::ok();
}

} // namespace

Status evalFusedAttention(KernelContext &ctx) {
  const Tensor *q, *kt, *v;
  KILN_RETURN_IF_ERROR(ctx.required(0, q));
  KILN_RETURN_IF_ERROR(ctx.required(1, kt));
  KILN_RETURN_IF_ERROR(ctx.required(2, v));
  Tensor qt, ktt, vt, y;
  KILN_RETURN_IF_ERROR(permuted(ctx, "q_perm", q, qt));
  KILN_RETURN_IF_ERROR(permuted(ctx, "kt_perm", kt, ktt));
  KILN_RETURN_IF_ERROR(permuted(ctx, "v_perm", v, vt));
  KILN_RETURN_IF_ERROR(attend(ctx, q, kt, v, ctx.input(3), y));
  const Tensor *out = &y;
  Tensor yt;
  KILN_RETURN_IF_ERROR(permuted(ctx, "y_perm", out, yt));
  ctx.outputs[0] = *out;
  return Status::ok();
}

} // namespace kiln::ref
