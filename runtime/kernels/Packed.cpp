//===- Packed.cpp - Reference kernels of the packed ops -------------------===//
//
// Plain loops that read the packed weight layouts (see Packed.h and
// PackedOps.td): they define what the packed ops compute, so the graph after
// kiln-pack-weights and kiln-fuse-epilogue runs on the interpreter and can be
// compared with the graph before. Sums accumulate in double, like the Conv
// and MatMul kernels; bias and residual are added in double too and the
// activation is applied to the rounded float.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/kernels/Packed.h"
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/Winograd.h"
#include "kiln/runtime/kernels/Layout.h"

#include <algorithm>
#include <string>
#include <vector>

namespace kiln::ref {

Status readEpilogue(const KernelContext &ctx, Epilogue &out) {
  const AttrMap &attrs = ctx.attributes();
  std::string act = attrs.getString("activation", "");
  if (act.empty())
    out.act = Epilogue::Act::None;
  else if (act == "relu")
    out.act = Epilogue::Act::Relu;
  else if (act == "clip")
    out.act = Epilogue::Act::Clip;
  else if (act == "leaky_relu")
    out.act = Epilogue::Act::LeakyRelu;
  else
    return ctx.fail("expected 'activation' to be relu, clip or leaky_relu, "
                    "found '{}'",
                    act);
  out.hasLo = attrs.has("clip_min");
  out.hasHi = attrs.has("clip_max");
  out.lo = float(attrs.getFloat("clip_min", 0));
  out.hi = float(attrs.getFloat("clip_max", 0));
  out.alpha = float(attrs.getFloat("alpha", 0.01));
  return Status::ok();
}

namespace {

/// Checks that \p t is f32 (naming it \p what).
Status checkF32(const KernelContext &ctx, const Tensor &t,
                std::string_view what) {
  if (t.dtype() != DType::F32)
    return ctx.fail("expected {} of type f32, found {}", what,
                    dtypeName(t.dtype()));
  return Status::ok();
}

/// The optional bias (\p n elements) and residual (shape \p shape).
Status readBiasResidual(const KernelContext &ctx, size_t biasIndex,
                        size_t residualIndex, int64_t n, const Shape &shape,
                        const float *&bias, const float *&residual) {
  bias = residual = nullptr;
  if (const Tensor *b = ctx.input(biasIndex)) {
    KILN_RETURN_IF_ERROR(checkF32(ctx, *b, "bias"));
    if (b->rank() != 1 || b->dim(0) != n)
      return ctx.fail("expected bias of shape {}, found {}", n,
                      formatShape(b->shape()));
    bias = b->data<float>();
  }
  if (const Tensor *r = ctx.input(residualIndex)) {
    KILN_RETURN_IF_ERROR(checkF32(ctx, *r, "residual"));
    if (r->shape() != shape)
      return ctx.fail("expected residual of shape {}, found {}",
                      formatShape(shape), formatShape(r->shape()));
    residual = r->data<float>();
  }
  return Status::ok();
}

/// The packed ops' data input (\p what: "A" or "X") and weight, both f32,
/// and their epilogue.
Status readPackedInputs(const KernelContext &ctx, std::string_view what,
                        const Tensor *&x, const Tensor *&w, Epilogue &epi) {
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, w));
  KILN_RETURN_IF_ERROR(checkF32(ctx, *x, what));
  KILN_RETURN_IF_ERROR(checkF32(ctx, *w, "W"));
  return readEpilogue(ctx, epi);
}

/// 2-D window geometry of the convolutions.
struct Geometry {
  int64_t kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, oh, ow;
};

/// The geometry of the convolution of \p x (NCHW, or NCHWc with \p blocked)
/// from ctx's attributes; with \p pointwise, absent ones are a 1x1
/// convolution's (kiln.blocked_conv's defaults).
Status readGeometry(const KernelContext &ctx, const Tensor &x, Geometry &g,
                    bool pointwise = false, bool blocked = false) {
  const AttrMap &attrs = ctx.attributes();
  auto dflt = [&](std::vector<int64_t> v) {
    return pointwise ? v : std::vector<int64_t>{};
  };
  std::vector<int64_t> ks = attrs.getInts("kernel_shape", dflt({1, 1})),
                       st = attrs.getInts("strides", dflt({1, 1})),
                       pd = attrs.getInts("pads", dflt({0, 0, 0, 0})),
                       dl = attrs.getInts("dilations", dflt({1, 1}));
  if (ks.size() != 2 || st.size() != 2 || pd.size() != 4 || dl.size() != 2)
    return ctx.fail("expected 2 kernel_shape, strides and dilations values "
                    "and 4 pads");
  constexpr int64_t kMax = int64_t(1) << 30;
  for (int64_t v : ks)
    if (v < 1 || v > kMax)
      return ctx.fail("expected kernel_shape values in [1, {}], found {}", kMax,
                      v);
  for (const auto *vs : {&st, &dl})
    for (int64_t v : *vs)
      if (v < 1 || v > kMax)
        return ctx.fail("expected strides and dilations in [1, {}], found {}",
                        kMax, v);
  for (int64_t v : pd)
    if (v < 0 || v > kMax)
      return ctx.fail("expected pads in [0, {}], found {}", kMax, v);
  if (x.rank() != (blocked ? 5 : 4))
    return ctx.fail("expected X of rank {} ({}), found {}", blocked ? 5 : 4,
                    blocked ? "NCHWc" : "NCHW", formatShape(x.shape()));
  g = {ks[0], ks[1], st[0], st[1], dl[0], dl[1],
       pd[0], pd[1], pd[2], pd[3], 0,     0};
  auto out = [](int64_t in, int64_t k, int64_t s, int64_t d, int64_t p0,
                int64_t p1) {
    int64_t span = (k - 1) * d + 1, padded = in + p0 + p1;
    return padded >= span ? (padded - span) / s + 1 : 0;
  };
  g.oh = out(x.dim(2), g.kh, g.sh, g.dh, g.pt, g.pb);
  g.ow = out(x.dim(3), g.kw, g.sw, g.dw, g.pl, g.pr);
  return Status::ok();
}

} // namespace

Status evalPackedMatMul(KernelContext &ctx) {
  const Tensor *a, *w;
  Epilogue epi;
  KILN_RETURN_IF_ERROR(readPackedInputs(ctx, "A", a, w, epi));
  int64_t n = ctx.attributes().getInt("columns", -1);
  if (a->rank() < 1 || w->rank() != 3)
    return ctx.fail("expected A of rank >= 1 and packed W of rank 3, found "
                    "{} and {}",
                    formatShape(a->shape()), formatShape(w->shape()));
  int64_t k = a->dim(a->rank() - 1), nr = w->dim(2);
  if (n < 0 || nr < 1 || w->dim(1) != k || w->dim(0) != (n + nr - 1) / nr)
    return ctx.fail("expected packed W of shape {}x{}x{} for {} columns, "
                    "found {}",
                    nr < 1 ? 0 : (n + nr - 1) / nr, k, nr, n,
                    formatShape(w->shape()));
  Shape shape = a->shape();
  shape.back() = n;
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, shape));
  const float *bias, *residual;
  KILN_RETURN_IF_ERROR(readBiasResidual(ctx, 2, 3, n, shape, bias, residual));

  Tensor y(DType::F32, shape);
  int64_t m = shapeProduct(a->shape(), 0, a->shape().size() - 1);
  const float *pa = a->data<float>(), *pw = w->data<float>();
  float *py = y.data<float>();
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      const float *panel = pw + (j / nr) * k * nr + j % nr;
      double acc = 0;
      for (int64_t kk = 0; kk < k; ++kk)
        acc += double(pa[i * k + kk]) * double(panel[kk * nr]);
      if (bias)
        acc += bias[j];
      if (residual)
        acc += residual[i * n + j];
      py[i * n + j] = epi.apply(float(acc));
    }
  ctx.outputs[0] = y;
  return Status::ok();
}

/// X with packed_conv's prologue applied (PackedOps.td): X[n][c] * scale
/// + shift, then relu when `in_activation` is set; scale and shift (inputs 4
/// and 5, each optional) hold C or N x C values.
static Status applyPrologue(const KernelContext &ctx, const Tensor &x,
                            Tensor &out) {
  int64_t n = x.dim(0), c = x.dim(1), plane = x.dim(2) * x.dim(3);
  const float *params[2] = {nullptr, nullptr};
  bool perImage[2] = {false, false};
  for (size_t i = 0; i < 2 && 4 + i < ctx.numInputs(); ++i) {
    const Tensor *t = ctx.input(4 + i);
    if (!t)
      continue;
    KILN_RETURN_IF_ERROR(checkF32(ctx, *t, i ? "shift" : "scale"));
    if (t->numElements() != c && t->numElements() != n * c)
      return ctx.fail("expected a prologue {} of {} or {} values, found {}",
                      i ? "shift" : "scale", c, n * c, formatShape(t->shape()));
    params[i] = t->data<float>();
    perImage[i] = t->numElements() != c;
  }
  std::string act = ctx.attributes().getString("in_activation", "");
  if (!act.empty() && act != "relu")
    return ctx.fail("expected 'in_activation' to be relu, found '{}'", act);
  out = Tensor(DType::F32, x.shape());
  const float *px = x.data<float>();
  float *po = out.data<float>();
  for (int64_t b = 0; b < n; ++b)
    for (int64_t ch = 0; ch < c; ++ch) {
      float s = params[0] ? params[0][perImage[0] ? b * c + ch : ch] : 1.0f;
      float t = params[1] ? params[1][perImage[1] ? b * c + ch : ch] : 0.0f;
      for (int64_t i = (b * c + ch) * plane, e = i + plane; i < e; ++i) {
        float v = px[i] * s + t;
        po[i] = !act.empty() && v < 0.0f ? 0.0f : v; // relu keeps NaN
      }
    }
  return Status::ok();
}

Status evalPackedConv(KernelContext &ctx) {
  const Tensor *x, *w;
  Epilogue epi;
  KILN_RETURN_IF_ERROR(readPackedInputs(ctx, "X", x, w, epi));
  Geometry g;
  KILN_RETURN_IF_ERROR(readGeometry(ctx, *x, g));
  int64_t m = ctx.attributes().getInt("out_channels", -1);
  int64_t c = x->dim(1), h = x->dim(2), wd = x->dim(3);
  int64_t k = c * g.kh * g.kw;
  if (w->rank() != 3 || m < 0 || w->dim(2) < 1 || w->dim(1) != k ||
      w->dim(0) != (m + w->dim(2) - 1) / w->dim(2))
    return ctx.fail("expected packed W of shape panels x {} x mr for {} "
                    "output channels, found {}",
                    k, m, formatShape(w->shape()));
  int64_t mr = w->dim(2);
  Shape shape{x->dim(0), m, g.oh, g.ow};
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, shape));
  const float *bias, *residual;
  KILN_RETURN_IF_ERROR(readBiasResidual(ctx, 2, 3, m, shape, bias, residual));

  Tensor prologued;
  if (ctx.numInputs() > 4) {
    KILN_RETURN_IF_ERROR(applyPrologue(ctx, *x, prologued));
    x = &prologued;
  }

  Tensor y(DType::F32, shape);
  const float *px = x->data<float>(), *pw = w->data<float>();
  float *py = y.data<float>();
  int64_t plane = g.oh * g.ow;
  for (int64_t b = 0; b < x->dim(0); ++b)
    for (int64_t o = 0; o < m; ++o) {
      const float *panel = pw + (o / mr) * k * mr + o % mr;
      for (int64_t oy = 0; oy < g.oh; ++oy)
        for (int64_t ox = 0; ox < g.ow; ++ox) {
          double acc = 0;
          for (int64_t ci = 0; ci < c; ++ci)
            for (int64_t ky = 0; ky < g.kh; ++ky) {
              int64_t iy = oy * g.sh + ky * g.dh - g.pt;
              if (iy < 0 || iy >= h)
                continue;
              for (int64_t kx = 0; kx < g.kw; ++kx) {
                int64_t ix = ox * g.sw + kx * g.dw - g.pl;
                if (ix < 0 || ix >= wd)
                  continue;
                int64_t kk = (ci * g.kh + ky) * g.kw + kx;
                acc += double(px[((b * c + ci) * h + iy) * wd + ix]) *
                       double(panel[kk * mr]);
              }
            }
          int64_t at = (b * m + o) * plane + oy * g.ow + ox;
          if (bias)
            acc += bias[o];
          if (residual)
            acc += residual[at];
          py[at] = epi.apply(float(acc));
        }
    }
  ctx.outputs[0] = y;
  return Status::ok();
}

Status evalWinogradConv(KernelContext &ctx) {
  const Tensor *x, *u;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, u));
  KILN_RETURN_IF_ERROR(checkF32(ctx, *x, "X"));
  KILN_RETURN_IF_ERROR(checkF32(ctx, *u, "W"));
  Epilogue epi;
  KILN_RETURN_IF_ERROR(readEpilogue(ctx, epi));
  const AttrMap &attrs = ctx.attributes();
  const winograd::Transform *t =
      winograd::transformFor(attrs.getInt("tile", 0));
  if (!t)
    return ctx.fail("expected tile 2 or 4, found {}", attrs.getInt("tile", 0));
  std::vector<int64_t> pd = attrs.getInts("pads");
  if (pd.size() != 4 || x->rank() != 4)
    return ctx.fail("expected 4 pads and X of rank 4, found {} and {}",
                    pd.size(), formatShape(x->shape()));
  for (int64_t v : pd)
    if (v < 0 || v > 2)
      return ctx.fail("expected pads in [0, 2], found {}", v);
  int64_t m = t->m, a = t->a, cout = attrs.getInt("out_channels", -1);
  int64_t n = x->dim(0), c = x->dim(1), h = x->dim(2), wd = x->dim(3);
  int64_t oh = h + pd[0] + pd[2] - 2, ow = wd + pd[1] + pd[3] - 2;
  int64_t mr = u->rank() == 4 ? u->dim(3) : 0;
  if (cout < 0 || mr < 1 || u->dim(1) != a * a ||
      u->dim(0) != (cout + mr - 1) / mr || u->dim(2) != c || oh < 1 || ow < 1)
    return ctx.fail("expected W of shape {}x{}x{}xmr for {} output channels "
                    "and an output of at least 1x1, found {}",
                    mr < 1 ? 0 : (cout + mr - 1) / mr, a * a, c, cout,
                    formatShape(u->shape()));
  Shape shape{n, cout, oh, ow};
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, shape));
  const float *bias, *residual;
  KILN_RETURN_IF_ERROR(
      readBiasResidual(ctx, 2, 3, cout, shape, bias, residual));

  Tensor y(DType::F32, shape);
  const float *px = x->data<float>(), *pu = u->data<float>();
  float *py = y.data<float>();
  // Per tile: V = B^T d B of every channel, then per output channel the sum
  // over channels of U .* V, then A^T M A.
  std::vector<double> v(c * a * a), mSum(a * a), tmp(a * a);
  for (int64_t b = 0; b < n; ++b)
    for (int64_t ty = 0; ty * m < oh; ++ty)
      for (int64_t tx = 0; tx * m < ow; ++tx) {
        for (int64_t ci = 0; ci < c; ++ci) {
          const float *plane = px + (b * c + ci) * h * wd;
          auto d = [&](int64_t i, int64_t j) {
            int64_t iy = ty * m + i - pd[0], ix = tx * m + j - pd[1];
            return iy >= 0 && iy < h && ix >= 0 && ix < wd
                       ? double(plane[iy * wd + ix])
                       : 0.0;
          };
          for (int64_t i = 0; i < a; ++i) // tmp = B^T d
            for (int64_t j = 0; j < a; ++j) {
              double s = 0;
              for (int64_t k = 0; k < a; ++k)
                s += t->bt[i * a + k] * d(k, j);
              tmp[i * a + j] = s;
            }
          for (int64_t i = 0; i < a; ++i) // V = tmp B
            for (int64_t j = 0; j < a; ++j) {
              double s = 0;
              for (int64_t k = 0; k < a; ++k)
                s += tmp[i * a + k] * t->bt[j * a + k];
              v[ci * a * a + i * a + j] = s;
            }
        }
        for (int64_t o = 0; o < cout; ++o) {
          std::fill(mSum.begin(), mSum.end(), 0.0);
          for (int64_t e = 0; e < a * a; ++e) {
            const float *panel =
                pu + (((o / mr) * a * a + e) * c) * mr + o % mr;
            for (int64_t ci = 0; ci < c; ++ci)
              mSum[e] += double(panel[ci * mr]) * v[ci * a * a + e];
          }
          for (int64_t i = 0; i < m; ++i) // tmp = A^T M (m x a)
            for (int64_t j = 0; j < a; ++j) {
              double s = 0;
              for (int64_t k = 0; k < a; ++k)
                s += t->at[i * a + k] * mSum[k * a + j];
              tmp[i * a + j] = s;
            }
          for (int64_t i = 0; i < m && ty * m + i < oh; ++i)
            for (int64_t j = 0; j < m && tx * m + j < ow; ++j) {
              double s = 0; // (tmp A)[i][j]
              for (int64_t k = 0; k < a; ++k)
                s += tmp[i * a + k] * t->at[j * a + k];
              int64_t at = ((b * cout + o) * oh + ty * m + i) * ow + tx * m + j;
              if (bias)
                s += bias[o];
              if (residual)
                s += residual[at];
              py[at] = epi.apply(float(s));
            }
        }
      }
  ctx.outputs[0] = y;
  return Status::ok();
}

Status evalDepthwiseConv(KernelContext &ctx) {
  const Tensor *x, *w;
  Epilogue epi;
  KILN_RETURN_IF_ERROR(readPackedInputs(ctx, "X", x, w, epi));
  // NCHWc (a kiln-blocked-layout chain): the same sums on the NCHW view.
  Tensor plainX;
  int64_t block = 0;
  if (x->rank() == 5 && x->dim(4) > 0) {
    block = x->dim(4);
    plainX = unblockTensor(*x);
    x = &plainX;
  }
  Geometry g;
  KILN_RETURN_IF_ERROR(readGeometry(ctx, *x, g));
  int64_t c = x->dim(1), h = x->dim(2), wd = x->dim(3);
  if (w->shape() != Shape{c, 1, g.kh, g.kw})
    return ctx.fail("expected W of shape {}x1x{}x{}, found {}", c, g.kh, g.kw,
                    formatShape(w->shape()));
  Shape shape{x->dim(0), c, g.oh, g.ow};
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, shape));
  const float *bias, *residual;
  KILN_RETURN_IF_ERROR(
      readBiasResidual(ctx, 2, /*residualIndex=*/99, c, shape, bias, residual));

  Tensor y(DType::F32, shape);
  const float *px = x->data<float>(), *pw = w->data<float>();
  float *py = y.data<float>();
  for (int64_t b = 0; b < x->dim(0); ++b)
    for (int64_t ci = 0; ci < c; ++ci) {
      const float *in = px + (b * c + ci) * h * wd;
      const float *filter = pw + ci * g.kh * g.kw;
      float *out = py + (b * c + ci) * g.oh * g.ow;
      for (int64_t oy = 0; oy < g.oh; ++oy)
        for (int64_t ox = 0; ox < g.ow; ++ox) {
          double acc = 0;
          for (int64_t ky = 0; ky < g.kh; ++ky) {
            int64_t iy = oy * g.sh + ky * g.dh - g.pt;
            if (iy < 0 || iy >= h)
              continue;
            for (int64_t kx = 0; kx < g.kw; ++kx) {
              int64_t ix = ox * g.sw + kx * g.dw - g.pl;
              if (ix >= 0 && ix < wd)
                acc +=
                    double(in[iy * wd + ix]) * double(filter[ky * g.kw + kx]);
            }
          }
          if (bias)
            acc += bias[ci];
          out[oy * g.ow + ox] = epi.apply(float(acc));
        }
    }
  ctx.outputs[0] = block ? blockTensor(y, block) : y;
  return Status::ok();
}

Status evalBlockedConv(KernelContext &ctx) {
  const Tensor *x, *w;
  Epilogue epi;
  KILN_RETURN_IF_ERROR(readPackedInputs(ctx, "X", x, w, epi));
  int64_t m = ctx.attributes().getInt("out_channels", -1);
  if ((x->rank() != 4 && x->rank() != 5) || w->rank() != 3 || w->dim(2) < 1)
    return ctx.fail("expected X of rank 4 (NCHW) or 5 (NCHWc) and packed W "
                    "of rank 3, found {} and {}",
                    formatShape(x->shape()), formatShape(w->shape()));
  bool blockedIn = x->rank() == 5;
  int64_t c = ctx.attributes().getInt("block", 0);
  if (c < 1 || (blockedIn && x->dim(4) != c))
    return ctx.fail("expected a block >= 1 that is X's last dim when X is "
                    "blocked, found {}",
                    c);
  Geometry g;
  KILN_RETURN_IF_ERROR(
      readGeometry(ctx, *x, g, /*pointwise=*/true, /*blocked=*/blockedIn));
  if (g.dh != 1 || g.dw != 1)
    return ctx.fail("expected dilations of 1");
  int64_t n = x->dim(0), cin = blockedIn ? x->dim(1) * c : x->dim(1),
          h = x->dim(2), wd = x->dim(3), plane = h * wd, nr = w->dim(2);
  int64_t k = cin * g.kh * g.kw;
  if (m < 1 || m % c != 0 || nr < 1 || nr % c != 0 || w->dim(1) != k ||
      w->dim(0) != (m + nr - 1) / nr)
    return ctx.fail("expected out_channels a multiple of {} and packed W of "
                    "{} x {} x nr panels (nr a multiple of {}), found {} and "
                    "{}",
                    c, m < 1 || nr < 1 ? 0 : (m + nr - 1) / nr, k, c, m,
                    formatShape(w->shape()));
  int64_t outPlane = g.oh * g.ow;
  Shape shape{n, m / c, g.oh, g.ow, c};
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, shape));
  const float *bias, *residual;
  KILN_RETURN_IF_ERROR(readBiasResidual(ctx, 2, 3, m, shape, bias, residual));

  Tensor y(DType::F32, shape);
  const float *px = x->data<float>(), *pw = w->data<float>();
  float *py = y.data<float>();
  // Element (image, channel, position) of a blocked tensor of \p channels
  // and \p positions per plane.
  auto at = [&](int64_t img, int64_t ch, int64_t p, int64_t channels,
                int64_t positions) {
    return ((img * (channels / c) + ch / c) * positions + p) * c + ch % c;
  };
  auto xAt = [&](int64_t img, int64_t ch, int64_t p) {
    return blockedIn ? at(img, ch, p, cin, plane)
                     : (img * cin + ch) * plane + p;
  };
  for (int64_t img = 0; img < n; ++img)
    for (int64_t o = 0; o < m; ++o)
      for (int64_t oy = 0; oy < g.oh; ++oy)
        for (int64_t ox = 0; ox < g.ow; ++ox) {
          const float *panel = pw + (o / nr) * k * nr + o % nr;
          double acc = 0;
          for (int64_t ky = 0; ky < g.kh; ++ky) {
            int64_t iy = oy * g.sh + ky - g.pt;
            if (iy < 0 || iy >= h)
              continue;
            for (int64_t kx = 0; kx < g.kw; ++kx) {
              int64_t ix = ox * g.sw + kx - g.pl;
              if (ix < 0 || ix >= wd)
                continue;
              const float *tap = panel + (ky * g.kw + kx) * cin * nr;
              for (int64_t ci = 0; ci < cin; ++ci)
                acc += double(px[xAt(img, ci, iy * wd + ix)]) *
                       double(tap[ci * nr]);
            }
          }
          int64_t out = at(img, o, oy * g.ow + ox, m, outPlane);
          if (bias)
            acc += bias[o];
          if (residual)
            acc += residual[out];
          py[out] = epi.apply(float(acc));
        }
  ctx.outputs[0] = y;
  return Status::ok();
}

} // namespace kiln::ref
