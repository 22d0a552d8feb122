//===- MatMulNormAttention.cpp - fused_attention, transposed_mat_mul ------===//
//
// The chain kiln-fuse-attention replaces, run op by op on the reference
// kernels of its ops: MatMul, Div or Mul by the constant, Add of the mask,
// Softmax over the last dim, MatMul. A graph therefore gives the same bits
// on the interpreter before and after the rewrite. The perm attributes
// transpose the operands before the chain and its result after it
// (evalTranspose). What the five ops would accept but the fused op does
// not (the scores broadcasting into a larger mask or V, operands of rank
// below 2, other element types) is refused first.
//
// kiln.transposed_mat_mul is likewise Transpose (per perm attribute) then
// MatMul on their reference kernels.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Elementwise.h"
#include "kiln/runtime/kernels/MatMulNorm.h"
#include "kiln/runtime/kernels/ReduceReshape.h"

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

/// Runs reference kernel \p fn of the chain on \p inputs with \p attrs
/// into \p out (messages name the fused op).
Status step(const KernelContext &ctx, KernelFn fn,
            std::vector<const Tensor *> inputs, const AttrMap &attrs,
            Tensor &out) {
  KernelContext inner;
  inner.opName = ctx.opName;
  inner.inputs = std::move(inputs);
  inner.attrs = &attrs;
  inner.outputs.resize(1);
  KILN_RETURN_IF_ERROR(fn(inner));
  out = std::move(inner.outputs[0]);
  return Status::ok();
}

/// \p t transposed with the perm attribute \p name, in \p out; \p t
/// itself when the attribute is absent.
Status permuted(const KernelContext &ctx, const char *name, const Tensor *&t,
                Tensor &out) {
  if (!ctx.attributes().has(name))
    return Status::ok();
  AttrMap attrs;
  attrs.set("perm", ctx.attributes().getInts(name, {}));
  KILN_RETURN_IF_ERROR(step(ctx, evalTranspose, {t}, attrs, out));
  t = &out;
  return Status::ok();
}

/// Checks what the fused op requires beyond what its five ops check.
Status checkOperands(const KernelContext &ctx, const Tensor &q,
                     const Tensor &kt, const Tensor &v, const Tensor *mask) {
  for (const Tensor *t : {&q, &kt, &v, mask})
    if (t && t->dtype() != DType::F32)
      return ctx.fail("expected f32 operands, found {}", dtypeName(t->dtype()));
  if (q.rank() < 2 || kt.rank() < 2 || v.rank() < 2)
    return ctx.fail("expected Q, KT and V of rank >= 2, found shapes {}, {} "
                    "and {}",
                    formatShape(q.shape()), formatShape(kt.shape()),
                    formatShape(v.shape()));
  if (ctx.attributes().has("divisor") && ctx.attributes().has("scale"))
    return ctx.fail("expected at most one of divisor and scale");
  const Shape &sq = q.shape(), &sk = kt.shape(), &sv = v.shape();
  if (sk[sk.size() - 2] != sq.back() || sv[sv.size() - 2] != sk.back())
    return ctx.fail("expected Q [..., M, D], KT [..., D, N] and V [..., N, "
                    "Dv], found shapes {}, {} and {}",
                    formatShape(sq), formatShape(sk), formatShape(sv));
  Shape batch;
  if (Status s = broadcastShapes(Shape(sq.begin(), sq.end() - 2),
                                 Shape(sk.begin(), sk.end() - 2), batch);
      !s)
    return ctx.fail("batch dimensions of Q and KT do not broadcast: {}",
                    s.message());
  Shape batchV(sv.begin(), sv.end() - 2);
  if (!broadcastsInto(batchV, batch))
    return ctx.fail("expected V's batch dims {} to broadcast into {}",
                    formatShape(batchV), formatShape(batch));
  Shape scores = batch;
  scores.push_back(sq[sq.size() - 2]);
  scores.push_back(sk.back());
  if (mask && !broadcastsInto(mask->shape(), scores))
    return ctx.fail("expected the mask {} to broadcast into the scores {}",
                    formatShape(mask->shape()), formatShape(scores));
  return Status::ok();
}

} // namespace

Status evalFusedAttention(KernelContext &ctx) {
  const Tensor *q, *kt, *v;
  KILN_RETURN_IF_ERROR(ctx.required(0, q));
  KILN_RETURN_IF_ERROR(ctx.required(1, kt));
  KILN_RETURN_IF_ERROR(ctx.required(2, v));
  const Tensor *mask = ctx.input(3);
  Tensor qt, ktt, vt;
  KILN_RETURN_IF_ERROR(permuted(ctx, "q_perm", q, qt));
  KILN_RETURN_IF_ERROR(permuted(ctx, "kt_perm", kt, ktt));
  KILN_RETURN_IF_ERROR(permuted(ctx, "v_perm", v, vt));
  KILN_RETURN_IF_ERROR(checkOperands(ctx, *q, *kt, *v, mask));

  const AttrMap &attrs = ctx.attributes(), none;
  Tensor s, p, y;
  KILN_RETURN_IF_ERROR(step(ctx, evalMatMul, {q, kt}, none, s));
  // At most one of them (checkOperands): Div by the divisor or Mul by the
  // scale.
  bool divides = attrs.has("divisor");
  if (divides || attrs.has("scale")) {
    const char *name = divides ? "divisor" : "scale";
    KernelFn fn = divides ? evalDiv : evalMul;
    Tensor c = Tensor::fromVector<float>(
        {}, {static_cast<float>(attrs.getFloat(name, 1.0))});
    KILN_RETURN_IF_ERROR(step(ctx, fn, {&s, &c}, none, s));
  }
  if (mask)
    KILN_RETURN_IF_ERROR(step(ctx, evalAdd, {&s, mask}, none, s));
  AttrMap lastDim;
  lastDim.set("axis", int64_t(-1));
  KILN_RETURN_IF_ERROR(step(ctx, evalSoftmax, {&s}, lastDim, p));
  KILN_RETURN_IF_ERROR(step(ctx, evalMatMul, {&p, v}, none, y));
  const Tensor *out = &y;
  Tensor yt;
  KILN_RETURN_IF_ERROR(permuted(ctx, "y_perm", out, yt));
  ctx.outputs[0] = *out;
  return Status::ok();
}

Status evalTransposedMatMul(KernelContext &ctx) {
  const Tensor *a, *b;
  KILN_RETURN_IF_ERROR(ctx.required(0, a));
  KILN_RETURN_IF_ERROR(ctx.required(1, b));
  Tensor at, bt;
  KILN_RETURN_IF_ERROR(permuted(ctx, "a_perm", a, at));
  KILN_RETURN_IF_ERROR(permuted(ctx, "b_perm", b, bt));
  if (a->rank() < 2 || b->rank() < 2)
    return ctx.fail("expected A and B of rank >= 2 after their perms, found "
                    "shapes {} and {}",
                    formatShape(a->shape()), formatShape(b->shape()));
  Tensor y;
  KILN_RETURN_IF_ERROR(step(ctx, evalMatMul, {a, b}, AttrMap(), y));
  ctx.outputs[0] = std::move(y);
  return Status::ok();
}

} // namespace kiln::ref
