//===- MiscQuant.cpp - Linear quantization reference kernels --------------===//
//
// QuantizeLinear, DequantizeLinear and DynamicQuantizeLinear, and the integer
// forms of MatMul and Conv with their requantizing QLinear* variants.
//
// A scale (and its zero point) applies per tensor (one element), per axis (a
// 1-D tensor as long as x's `axis` dimension) or per block (x's rank, with
// ceil(dim / block_size) entries along `axis`). Seeing x as outer x A x inner
// around that axis, element (o, a, r) uses parameter
//   per tensor: 0;  per axis: a;  per block: (o * nb + a / block) * inner + r.
//
// Rounding is to nearest with halves to even (std::nearbyint in the default
// rounding mode, like numpy's rint), then saturation to the integer type;
// NaN becomes 0. Float inputs divide in float like ONNX's float32 reference;
// integer products accumulate in int64.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelUtils.h"
#include "kiln/runtime/kernels/Misc.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace kiln::ref {
namespace {

/// Upper bound for kernel sizes, strides, dilations and pads: keeps the size
/// formulas far from int64 overflow.
constexpr int64_t kMaxAttrValue = int64_t(1) << 30;

/// The range of the 8-bit type \p t (i8 or u8).
void quantRange(DType t, double &lo, double &hi) {
  if (t == DType::I8) {
    lo = -128;
    hi = 127;
  } else {
    lo = 0;
    hi = 255;
  }
}

/// Rounds \p v half to even and saturates it to [lo, hi]; NaN gives 0.
double roundSaturate(double v, double lo, double hi) {
  if (std::isnan(v))
    return 0;
  return std::clamp(std::nearbyint(v), lo, hi);
}

bool is8Bit(DType t) { return t == DType::I8 || t == DType::U8; }

/// Maps a flat element index of x to the index of its scale / zero point.
struct ParamMap {
  enum Kind { PerTensor, PerAxis, PerBlock } kind = PerTensor;
  int64_t axisDim = 1, inner = 1, blocks = 1, block = 1;

  int64_t operator()(int64_t i) const {
    switch (kind) {
    case PerTensor:
      return 0;
    case PerAxis:
      return (i / inner) % axisDim;
    case PerBlock: {
      int64_t r = i % inner, rest = i / inner;
      int64_t a = rest % axisDim, o = rest / axisDim;
      return (o * blocks + a / block) * inner + r;
    }
    }
    return 0;
  }
};

/// Works out how \p scale (and \p zeroPoint, which must match it) applies to
/// \p x from the `axis` and `block_size` attributes.
Status makeParamMap(const KernelContext &ctx, const Tensor &x,
                    const Tensor &scale, const Tensor *zeroPoint,
                    ParamMap &map) {
  if (zeroPoint && zeroPoint->shape() != scale.shape())
    return ctx.fail("expected the zero point to have the scale's shape {}, "
                    "found {}",
                    formatShape(scale.shape()),
                    formatShape(zeroPoint->shape()));
  int64_t block = ctx.attributes().getInt("block_size", 0);
  if (block < 0)
    return ctx.fail("expected a non-negative 'block_size', found {}", block);
  if (block == 0 && scale.rank() <= 1 && scale.numElements() == 1) {
    // One value: per tensor, whatever the axis says.
    map.kind = ParamMap::PerTensor;
    return Status::ok();
  }
  int64_t axis;
  KILN_RETURN_IF_ERROR(
      normalizeAxis(ctx, ctx.attributes().getInt("axis", 1), x.rank(), axis));
  map.axisDim = x.dim(axis);
  map.inner = 1;
  for (int64_t i = axis + 1; i < x.rank(); ++i)
    map.inner *= x.dim(i);
  if (block == 0) {
    if (scale.rank() != 1 || scale.dim(0) != map.axisDim)
      return ctx.fail("expected a scalar scale or a 1-D scale of {} elements "
                      "(axis {}), found {}",
                      map.axisDim, axis, formatShape(scale.shape()));
    map.kind = ParamMap::PerAxis;
    return Status::ok();
  }
  Shape want = x.shape();
  want[axis] = (x.dim(axis) + block - 1) / block;
  if (scale.shape() != want)
    return ctx.fail("expected a blocked scale of shape {} (axis {}, block "
                    "size {}), found {}",
                    formatShape(want), axis, block, formatShape(scale.shape()));
  map.kind = ParamMap::PerBlock;
  map.block = block;
  map.blocks = want[axis];
  return Status::ok();
}

/// Reads element \p i of a zero point, or 0 when absent.
int64_t zeroAt(const Tensor *zp, int64_t i) {
  return zp ? zp->getAsInt64(i) : 0;
}

/// Fetches required operands 0, 1, 2, ... into \p outs, in order.
Status requiredOperands(const KernelContext &ctx,
                        std::initializer_list<const Tensor **> outs) {
  size_t i = 0;
  for (const Tensor **out : outs)
    KILN_RETURN_IF_ERROR(ctx.required(i++, *out));
  return Status::ok();
}

/// An i32 tensor of \p shape holding the int64 sums \p acc (MatMulInteger,
/// ConvInteger).
Tensor toI32(const Shape &shape, const std::vector<int64_t> &acc) {
  Tensor y(DType::I32, shape);
  for (size_t i = 0; i < acc.size(); ++i)
    y.data<int32_t>()[i] = static_cast<int32_t>(acc[i]);
  return y;
}

/// Checks the y_zero_point of a QLinear* op: a single i8 or u8 value.
Status checkOutputZeroPoint(const KernelContext &ctx, const Tensor &yzp) {
  if (!is8Bit(yzp.dtype()) || yzp.numElements() != 1)
    return ctx.fail("expected a single i8 or u8 y_zero_point, found {} {}",
                    dtypeName(yzp.dtype()), formatShape(yzp.shape()));
  return Status::ok();
}

/// The result of a QLinear* op: element e of \p shape (of \p count) is
/// real(e) / y_scale rounded half to even, plus y_zero_point, saturated to
/// the type of \p yzp.
template <typename RealFn>
Tensor requantize(const Shape &shape, size_t count, const Tensor &ys,
                  const Tensor &yzp, RealFn real) {
  double lo, hi;
  quantRange(yzp.dtype(), lo, hi);
  double yScale = ys.getAsDouble(0), yZero = double(yzp.getAsInt64(0));
  Tensor y(yzp.dtype(), shape);
  for (size_t e = 0; e < count; ++e) {
    double v = real(e) / yScale;
    y.setFromDouble(static_cast<int64_t>(e),
                    roundSaturate(std::nearbyint(v) + yZero, lo, hi));
  }
  return y;
}

} // namespace

//===----------------------------------------------------------------------===//
// QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear
//===----------------------------------------------------------------------===//

Status evalQuantizeLinear(KernelContext &ctx) {
  const Tensor *x, *scale;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, scale));
  const Tensor *zp = ctx.input(2);
  if (!isFloat(x->dtype()) && x->dtype() != DType::I32)
    return ctx.fail("expected a floating-point or i32 x, found {}",
                    dtypeName(x->dtype()));
  if (!isFloat(scale->dtype()) && scale->dtype() != DType::I32)
    return ctx.fail("expected a floating-point or i32 scale, found {}",
                    dtypeName(scale->dtype()));
  // The result type: the zero point's, else output_dtype, else u8.
  DType outType = DType::U8;
  int64_t outputDtype = ctx.attributes().getInt("output_dtype", 0);
  if (outputDtype != 0) {
    std::optional<DType> t = dtypeFromOnnx(outputDtype);
    if (!t || !is8Bit(*t))
      return ctx.fail("expected 'output_dtype' to be INT8 (3) or UINT8 (2), "
                      "found {}",
                      outputDtype);
    outType = *t;
  }
  if (zp) {
    if (!is8Bit(zp->dtype()))
      return ctx.fail("expected an i8 or u8 zero point, found {}",
                      dtypeName(zp->dtype()));
    if (outputDtype != 0 && zp->dtype() != outType)
      return ctx.fail("expected the zero point to have 'output_dtype' {}, "
                      "found {}",
                      dtypeName(outType), dtypeName(zp->dtype()));
    outType = zp->dtype();
  }
  ParamMap map;
  KILN_RETURN_IF_ERROR(makeParamMap(ctx, *x, *scale, zp, map));
  double lo, hi;
  quantRange(outType, lo, hi);
  bool inFloat = x->dtype() == DType::F32 || x->dtype() == DType::F16;
  Tensor y(outType, x->shape());
  for (int64_t i = 0; i < x->numElements(); ++i) {
    int64_t p = map(i);
    double q;
    if (inFloat)
      q = std::nearbyint(float(x->getAsDouble(i)) /
                         float(scale->getAsDouble(p)));
    else
      q = std::nearbyint(x->getAsDouble(i) / scale->getAsDouble(p));
    y.setFromDouble(i, roundSaturate(q + double(zeroAt(zp, p)), lo, hi));
  }
  ctx.outputs[0] = std::move(y);
  return Status::ok();
}

Status evalDequantizeLinear(KernelContext &ctx) {
  const Tensor *x, *scale;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, scale));
  const Tensor *zp = ctx.input(2);
  if (!is8Bit(x->dtype()) && x->dtype() != DType::I32)
    return ctx.fail("expected an i8, u8 or i32 x, found {}",
                    dtypeName(x->dtype()));
  if (!isFloat(scale->dtype()))
    return ctx.fail("expected a floating-point scale, found {}",
                    dtypeName(scale->dtype()));
  if (zp && zp->dtype() != x->dtype())
    return ctx.fail("expected a zero point of x's type {}, found {}",
                    dtypeName(x->dtype()), dtypeName(zp->dtype()));
  ParamMap map;
  KILN_RETURN_IF_ERROR(makeParamMap(ctx, *x, *scale, zp, map));
  Tensor y(scale->dtype(), x->shape());
  bool inFloat = scale->dtype() != DType::F64;
  for (int64_t i = 0; i < x->numElements(); ++i) {
    int64_t p = map(i);
    if (inFloat)
      y.setFromDouble(i, (float(x->getAsInt64(i)) - float(zeroAt(zp, p))) *
                             float(scale->getAsDouble(p)));
    else
      y.setFromDouble(i, (double(x->getAsInt64(i)) - double(zeroAt(zp, p))) *
                             scale->getAsDouble(p));
  }
  ctx.outputs[0] = std::move(y);
  return Status::ok();
}

Status evalDynamicQuantizeLinear(KernelContext &ctx) {
  const Tensor *x;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  if (x->dtype() != DType::F32)
    return ctx.fail("expected an f32 x, found {}", dtypeName(x->dtype()));
  const float *xs = x->data<float>();
  // The range always contains 0 so that 0 quantizes exactly.
  float lo = 0, hi = 0;
  for (int64_t i = 0; i < x->numElements(); ++i) {
    if (std::isnan(xs[i]))
      return ctx.fail("expected x without NaN, found NaN at element {}", i);
    lo = std::min(lo, xs[i]);
    hi = std::max(hi, xs[i]);
  }
  float scale = (hi - lo) / 255.0f;
  double zero = 0;
  if (scale != 0 && std::isfinite(scale))
    zero = roundSaturate(double((0.0f - lo) / scale), 0, 255);
  Tensor y(DType::U8, x->shape());
  for (int64_t i = 0; i < x->numElements(); ++i) {
    double q = scale != 0 ? double(std::nearbyint(xs[i] / scale)) : 0.0;
    y.data<uint8_t>()[i] = uint8_t(roundSaturate(q + zero, 0, 255));
  }
  ctx.outputs[0] = std::move(y);
  if (ctx.numOutputs() > 1)
    ctx.outputs[1] = Tensor::scalar<float>(scale);
  if (ctx.numOutputs() > 2)
    ctx.outputs[2] = Tensor::scalar<uint8_t>(uint8_t(zero));
  return Status::ok();
}

//===----------------------------------------------------------------------===//
// Integer matmul
//===----------------------------------------------------------------------===//

namespace {

/// The int64 products of a batched (numpy) matmul of (A - azp) and
/// (B - bzp), with azp per row of A and bzp per column of B.
struct IntMatMul {
  Shape outShape;
  int64_t m = 0, n = 0;
  std::vector<int64_t> acc;
};

/// Checks that a zero point or scale has one value or \p count values (1-D).
Status checkPerVector(const KernelContext &ctx, const Tensor *t,
                      std::string_view what, int64_t count) {
  if (!t || t->numElements() == 1)
    return Status::ok();
  if (t->rank() == 1 && t->dim(0) == count)
    return Status::ok();
  return ctx.fail("expected {} to have 1 or {} elements, found {}", what, count,
                  formatShape(t->shape()));
}

/// Element \p i of a per-tensor / per-vector parameter.
int64_t paramIndex(const Tensor *t, int64_t i) {
  return t && t->numElements() > 1 ? i : 0;
}

Status intMatMul(const KernelContext &ctx, const Tensor &a, const Tensor *azp,
                 const Tensor &b, const Tensor *bzp, IntMatMul &r) {
  if (!is8Bit(a.dtype()) || !is8Bit(b.dtype()))
    return ctx.fail("expected i8 or u8 A and B, found {} and {}",
                    dtypeName(a.dtype()), dtypeName(b.dtype()));
  if (azp && azp->dtype() != a.dtype())
    return ctx.fail("expected A's zero point of type {}, found {}",
                    dtypeName(a.dtype()), dtypeName(azp->dtype()));
  if (bzp && bzp->dtype() != b.dtype())
    return ctx.fail("expected B's zero point of type {}, found {}",
                    dtypeName(b.dtype()), dtypeName(bzp->dtype()));
  if (a.rank() < 1 || b.rank() < 1)
    return ctx.fail("expected A and B of rank >= 1, found {} and {}",
                    formatShape(a.shape()), formatShape(b.shape()));
  // numpy: a 1-D A is a row, a 1-D B a column; both dropped from the result.
  Shape as = a.shape(), bs = b.shape();
  if (as.size() == 1)
    as.insert(as.begin(), 1);
  if (bs.size() == 1)
    bs.push_back(1);
  int64_t m = as[as.size() - 2], k = as.back();
  int64_t k2 = bs[bs.size() - 2], n = bs.back();
  if (k != k2)
    return ctx.fail("expected A's columns ({}) to equal B's rows ({}) for "
                    "shapes {} and {}",
                    k, k2, formatShape(a.shape()), formatShape(b.shape()));
  KILN_RETURN_IF_ERROR(checkPerVector(ctx, azp, "A's zero point", m));
  KILN_RETURN_IF_ERROR(checkPerVector(ctx, bzp, "B's zero point", n));
  Shape aBatch(as.begin(), as.end() - 2), bBatch(bs.begin(), bs.end() - 2);
  Shape batch;
  KILN_RETURN_IF_ERROR(broadcastShapes(aBatch, bBatch, batch));
  Shape full = batch;
  full.push_back(m);
  full.push_back(n);
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, full));
  r.outShape = batch;
  if (a.rank() > 1)
    r.outShape.push_back(m);
  if (b.rank() > 1)
    r.outShape.push_back(n);
  r.m = m;
  r.n = n;
  int64_t batchCount = shapeNumElements(batch);
  r.acc.assign(static_cast<size_t>(batchCount * m * n), 0);
  std::vector<int64_t> aStr = broadcastStrides(aBatch, batch);
  std::vector<int64_t> bStr = broadcastStrides(bBatch, batch);
  StridedIndex it(batch, {aStr, bStr});
  for (int64_t bi = 0; bi < batchCount; ++bi, it.next()) {
    int64_t aOff = it.offset(0) * m * k, bOff = it.offset(1) * k * n;
    for (int64_t i = 0; i < m; ++i) {
      int64_t za = zeroAt(azp, paramIndex(azp, i));
      for (int64_t j = 0; j < n; ++j) {
        int64_t zb = zeroAt(bzp, paramIndex(bzp, j));
        int64_t sum = 0;
        for (int64_t p = 0; p < k; ++p)
          sum += (a.getAsInt64(aOff + i * k + p) - za) *
                 (b.getAsInt64(bOff + p * n + j) - zb);
        r.acc[(bi * m + i) * n + j] = sum;
      }
    }
  }
  return Status::ok();
}

/// Checks a QLinear* scale: floating point with one or \p count values.
Status checkScale(const KernelContext &ctx, const Tensor &t,
                  std::string_view what, int64_t count) {
  if (!isFloat(t.dtype()))
    return ctx.fail("expected a floating-point {}, found {}", what,
                    dtypeName(t.dtype()));
  return checkPerVector(ctx, &t, what, count);
}

} // namespace

Status evalMatMulInteger(KernelContext &ctx) {
  const Tensor *a, *b;
  KILN_RETURN_IF_ERROR(ctx.required(0, a));
  KILN_RETURN_IF_ERROR(ctx.required(1, b));
  IntMatMul r;
  KILN_RETURN_IF_ERROR(intMatMul(ctx, *a, ctx.input(2), *b, ctx.input(3), r));
  ctx.outputs[0] = toI32(r.outShape, r.acc);
  return Status::ok();
}

Status evalQLinearMatMul(KernelContext &ctx) {
  const Tensor *a, *as, *azp, *b, *bs, *bzp, *ys, *yzp;
  KILN_RETURN_IF_ERROR(
      requiredOperands(ctx, {&a, &as, &azp, &b, &bs, &bzp, &ys, &yzp}));
  IntMatMul r;
  KILN_RETURN_IF_ERROR(intMatMul(ctx, *a, azp, *b, bzp, r));
  KILN_RETURN_IF_ERROR(checkScale(ctx, *as, "a_scale", r.m));
  KILN_RETURN_IF_ERROR(checkScale(ctx, *bs, "b_scale", r.n));
  KILN_RETURN_IF_ERROR(checkScale(ctx, *ys, "y_scale", 1));
  KILN_RETURN_IF_ERROR(checkOutputZeroPoint(ctx, *yzp));
  ctx.outputs[0] =
      requantize(r.outShape, r.acc.size(), *ys, *yzp, [&](size_t e) {
        int64_t i = static_cast<int64_t>(e / r.n) % r.m, j = e % r.n;
        return double(r.acc[e]) * as->getAsDouble(paramIndex(as, i)) *
               bs->getAsDouble(paramIndex(bs, j));
      });
  return Status::ok();
}

//===----------------------------------------------------------------------===//
// Integer convolution
//===----------------------------------------------------------------------===//

namespace {

/// The int64 sums of an N-D grouped convolution of (x - xzp) with
/// (w - wzp[m]); padding contributes nothing.
struct IntConv {
  Shape outShape;
  std::vector<int64_t> acc;
};

/// Reads an INTS attribute of \p count values in [lo, kMaxAttrValue], or
/// \p def when absent.
Status readConvInts(const KernelContext &ctx, std::string_view name,
                    size_t count, int64_t def, int64_t lo,
                    std::vector<int64_t> &out) {
  out = ctx.attributes().getInts(name, std::vector<int64_t>(count, def));
  if (out.size() != count)
    return ctx.fail("expected '{}' to have {} values, found {}", name, count,
                    out.size());
  for (int64_t v : out)
    if (v < lo || v > kMaxAttrValue)
      return ctx.fail("expected '{}' values in [{}, {}], found {}", name, lo,
                      kMaxAttrValue, v);
  return Status::ok();
}

Status intConv(const KernelContext &ctx, const Tensor &x, const Tensor *xzp,
               const Tensor &w, const Tensor *wzp, IntConv &r) {
  if (!is8Bit(x.dtype()) || !is8Bit(w.dtype()))
    return ctx.fail("expected i8 or u8 x and w, found {} and {}",
                    dtypeName(x.dtype()), dtypeName(w.dtype()));
  if (xzp && (xzp->dtype() != x.dtype() || xzp->numElements() != 1))
    return ctx.fail("expected a single x zero point of type {}, found {} {}",
                    dtypeName(x.dtype()), dtypeName(xzp->dtype()),
                    formatShape(xzp->shape()));
  if (wzp && wzp->dtype() != w.dtype())
    return ctx.fail("expected a w zero point of type {}, found {}",
                    dtypeName(w.dtype()), dtypeName(wzp->dtype()));
  if (x.rank() < 3 || w.rank() != x.rank())
    return ctx.fail("expected x (N x C x D1...) and w (M x C/group x k1...) "
                    "of equal rank >= 3, found {} and {}",
                    formatShape(x.shape()), formatShape(w.shape()));
  size_t sd = static_cast<size_t>(x.rank() - 2);
  int64_t batch = x.dim(0), c = x.dim(1), m = w.dim(0), cg = w.dim(1);
  int64_t group = ctx.attributes().getInt("group", 1);
  if (group < 1 || c % group != 0 || m % group != 0 || cg * group != c)
    return ctx.fail("expected 'group' ({}) to divide C ({}) and M ({}) with "
                    "w's dim 1 = C / group, found {}",
                    group, c, m, cg);
  KILN_RETURN_IF_ERROR(checkPerVector(ctx, wzp, "w's zero point", m));
  Shape kernel(w.shape().begin() + 2, w.shape().end());
  if (ctx.attributes().has("kernel_shape") &&
      ctx.attributes().getInts("kernel_shape") != kernel)
    return ctx.fail("expected 'kernel_shape' to match w's spatial shape {}",
                    formatShape(kernel));
  std::vector<int64_t> strides, dilations, pads;
  KILN_RETURN_IF_ERROR(readConvInts(ctx, "strides", sd, 1, 1, strides));
  KILN_RETURN_IF_ERROR(readConvInts(ctx, "dilations", sd, 1, 1, dilations));
  KILN_RETURN_IF_ERROR(readConvInts(ctx, "pads", 2 * sd, 0, 0, pads));
  std::string autoPad = ctx.attributes().getString("auto_pad", "NOTSET");
  Shape outSpatial(sd);
  for (size_t i = 0; i < sd; ++i) {
    int64_t in = x.dim(2 + i), dk = (kernel[i] - 1) * dilations[i] + 1;
    if (kernel[i] < 1 || in > kMaxAttrValue)
      return ctx.fail("expected kernel sizes >= 1 and spatial sizes <= {}, "
                      "found {} and {}",
                      kMaxAttrValue, kernel[i], in);
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      int64_t out = (in + strides[i] - 1) / strides[i];
      int64_t total = std::max<int64_t>(0, (out - 1) * strides[i] + dk - in);
      pads[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
      pads[i + sd] = total - pads[i];
    } else if (autoPad == "VALID") {
      pads[i] = pads[i + sd] = 0;
    } else if (autoPad != "NOTSET") {
      return ctx.fail("expected 'auto_pad' to be NOTSET, SAME_UPPER, "
                      "SAME_LOWER or VALID, found '{}'",
                      autoPad);
    }
    int64_t span = in + pads[i] + pads[i + sd] - dk;
    if (span < 0)
      return ctx.fail("expected the padded input ({}) to be at least the "
                      "dilated kernel ({}) in spatial dimension {}",
                      in + pads[i] + pads[i + sd], dk, i);
    outSpatial[i] = span / strides[i] + 1;
  }
  r.outShape = {batch, m};
  r.outShape.insert(r.outShape.end(), outSpatial.begin(), outSpatial.end());
  KILN_RETURN_IF_ERROR(checkAllocation(ctx, r.outShape));
  r.acc.assign(static_cast<size_t>(shapeNumElements(r.outShape)), 0);

  Shape inSpatial(x.shape().begin() + 2, x.shape().end());
  int64_t inSize = shapeNumElements(inSpatial);
  int64_t outSize = shapeNumElements(outSpatial);
  int64_t kSize = shapeNumElements(kernel);
  int64_t xZero = zeroAt(xzp, 0);
  int64_t mg = m / group;
  std::vector<int64_t> oIdx(sd), kIdx(sd);
  for (int64_t o = 0; o < outSize; ++o) {
    for (int64_t rem = o, i = int64_t(sd) - 1; i >= 0; --i) {
      oIdx[i] = rem % outSpatial[i];
      rem /= outSpatial[i];
    }
    for (int64_t kf = 0; kf < kSize; ++kf) {
      // The input position of kernel element kf, if it is not padding.
      int64_t inOff = 0;
      bool inside = true;
      for (int64_t rem = kf, i = int64_t(sd) - 1; i >= 0; --i) {
        kIdx[i] = rem % kernel[i];
        rem /= kernel[i];
      }
      for (size_t i = 0; i < sd && inside; ++i) {
        int64_t p = oIdx[i] * strides[i] - pads[i] + kIdx[i] * dilations[i];
        inside = p >= 0 && p < inSpatial[i];
        inOff = inOff * inSpatial[i] + p;
      }
      if (!inside)
        continue;
      for (int64_t nb = 0; nb < batch; ++nb)
        for (int64_t oc = 0; oc < m; ++oc) {
          int64_t g = oc / mg;
          int64_t wZero = zeroAt(wzp, paramIndex(wzp, oc));
          int64_t sum = 0;
          for (int64_t ic = 0; ic < cg; ++ic) {
            int64_t xv = x.getAsInt64((nb * c + g * cg + ic) * inSize + inOff);
            int64_t wv = w.getAsInt64((oc * cg + ic) * kSize + kf);
            sum += (xv - xZero) * (wv - wZero);
          }
          r.acc[(nb * m + oc) * outSize + o] += sum;
        }
    }
  }
  return Status::ok();
}

} // namespace

Status evalConvInteger(KernelContext &ctx) {
  const Tensor *x, *w;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(ctx.required(1, w));
  IntConv r;
  KILN_RETURN_IF_ERROR(intConv(ctx, *x, ctx.input(2), *w, ctx.input(3), r));
  ctx.outputs[0] = toI32(r.outShape, r.acc);
  return Status::ok();
}

Status evalQLinearConv(KernelContext &ctx) {
  const Tensor *x, *xs, *xzp, *w, *ws, *wzp, *ys, *yzp;
  KILN_RETURN_IF_ERROR(
      requiredOperands(ctx, {&x, &xs, &xzp, &w, &ws, &wzp, &ys, &yzp}));
  const Tensor *bias = ctx.input(8);
  IntConv r;
  KILN_RETURN_IF_ERROR(intConv(ctx, *x, xzp, *w, wzp, r));
  int64_t m = r.outShape[1];
  KILN_RETURN_IF_ERROR(checkScale(ctx, *xs, "x_scale", 1));
  KILN_RETURN_IF_ERROR(checkScale(ctx, *ws, "w_scale", m));
  KILN_RETURN_IF_ERROR(checkScale(ctx, *ys, "y_scale", 1));
  KILN_RETURN_IF_ERROR(checkOutputZeroPoint(ctx, *yzp));
  if (bias && (bias->dtype() != DType::I32 || bias->shape() != Shape{m}))
    return ctx.fail("expected an i32 bias of shape {}, found {} {}",
                    formatShape(Shape{m}), dtypeName(bias->dtype()),
                    formatShape(bias->shape()));
  double xScale = xs->getAsDouble(0);
  int64_t perChannel =
      shapeNumElements(r.outShape) / std::max<int64_t>(1, r.outShape[0] * m);
  ctx.outputs[0] =
      requantize(r.outShape, r.acc.size(), *ys, *yzp, [&](size_t e) {
        int64_t oc = (static_cast<int64_t>(e) / perChannel) % m;
        int64_t acc = r.acc[e] + (bias ? bias->getAsInt64(oc) : 0);
        return double(acc) * xScale * ws->getAsDouble(paramIndex(ws, oc));
      });
  return Status::ok();
}

} // namespace kiln::ref
