//===- Layout.cpp - Reorders into and out of the blocked layout -----------===//
//
// Element copies between an NCHW tensor and its channel-blocked NCHWc form
// (LayoutOps.td); the element index arithmetic is the definition the
// compiled reorders are checked against.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/kernels/Layout.h"
#include "kiln/runtime/KernelUtils.h"

#include <cstring>

namespace kiln::ref {

namespace {

/// Copies between \p plain (N x C x H x W) and \p blocked (N x C/c x H x W
/// x c), in the direction \p toBlocked.
void reorder(const Tensor &from, Tensor &to, int64_t n, int64_t c,
             int64_t plane, int64_t block, bool toBlocked) {
  size_t es = dtypeSize(from.dtype());
  const char *src = static_cast<const char *>(from.raw());
  char *dst = static_cast<char *>(to.raw());
  for (int64_t in = 0; in < n; ++in)
    for (int64_t ch = 0; ch < c; ++ch)
      for (int64_t p = 0; p < plane; ++p) {
        int64_t plainAt = (in * c + ch) * plane + p;
        int64_t blockedAt =
            ((in * (c / block) + ch / block) * plane + p) * block + ch % block;
        int64_t s = toBlocked ? plainAt : blockedAt;
        int64_t d = toBlocked ? blockedAt : plainAt;
        std::memcpy(dst + d * es, src + s * es, es);
      }
}

} // namespace

Tensor unblockTensor(const Tensor &t) {
  int64_t block = t.dim(4), c = t.dim(1) * block;
  Tensor y(t.dtype(), {t.dim(0), c, t.dim(2), t.dim(3)});
  reorder(t, y, t.dim(0), c, t.dim(2) * t.dim(3), block, /*toBlocked=*/false);
  return y;
}

Tensor blockTensor(const Tensor &t, int64_t block) {
  int64_t c = t.dim(1);
  Tensor y(t.dtype(), {t.dim(0), c / block, t.dim(2), t.dim(3), block});
  reorder(t, y, t.dim(0), c, t.dim(2) * t.dim(3), block, /*toBlocked=*/true);
  return y;
}

Status evalToBlocked(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  int64_t block = ctx.attributes().getInt("block", 0);
  if (x->rank() != 4)
    return ctx.fail("expected X of rank 4 (NCHW), found {}",
                    formatShape(x->shape()));
  int64_t n = x->dim(0), c = x->dim(1), h = x->dim(2), w = x->dim(3);
  if (block < 1 || c % block != 0)
    return ctx.fail("expected a block dividing the {} channels, found {}", c,
                    block);
  Shape shape{n, c / block, h, w, block};
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, shape));
  Tensor y(x->dtype(), shape);
  reorder(*x, y, n, c, h * w, block, /*toBlocked=*/true);
  ctx.outputs[0] = y;
  return Status::ok();
}

Status evalFromBlocked(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  if (x->rank() != 5 || x->dim(4) < 1)
    return ctx.fail("expected X of rank 5 (NCHWc), found {}",
                    formatShape(x->shape()));
  int64_t block = x->dim(4), n = x->dim(0), c = x->dim(1) * block,
          h = x->dim(2), w = x->dim(3);
  Shape shape{n, c, h, w};
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, shape));
  Tensor y(x->dtype(), shape);
  reorder(*x, y, n, c, h * w, block, /*toBlocked=*/false);
  ctx.outputs[0] = y;
  return Status::ok();
}

Status evalBlockedGlobalAveragePool(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  if (x->rank() != 5 || x->dim(4) < 1 || x->dtype() != DType::F32)
    return ctx.fail("expected an f32 X of rank 5 (NCHWc), found {}",
                    formatShape(x->shape()));
  int64_t n = x->dim(0), blocks = x->dim(1), block = x->dim(4),
          size = x->dim(2) * x->dim(3);
  Shape shape{n, blocks * block, 1, 1};
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, shape));
  Tensor y(DType::F32, shape);
  const float *px = x->data<float>();
  float *py = y.data<float>();
  // Channel cb * block + i of image b: block values apart, a plane per
  // block of channels.
  for (int64_t b = 0; b < n * blocks; ++b)
    for (int64_t i = 0; i < block; ++i) {
      double acc = 0.0;
      for (int64_t j = 0; j < size; ++j)
        acc += double(px[(b * size + j) * block + i]);
      py[b * block + i] = float(acc / double(size));
    }
  ctx.outputs[0] = y;
  return Status::ok();
}

} // namespace kiln::ref
