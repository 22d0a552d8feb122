//===- GenNn.cpp - Reductions, convolutions, pools, products, norms -------===//
//
// Reductions with every axes/keepdims form (attribute, input, omitted, empty
// with noop_with_empty_axes, negative axes) and ArgMax/ArgMin; Conv,
// ConvTranspose and pools with random strides, pads, dilations, groups and
// auto_pad; MatMul with batch broadcasting and 1-D operands, and of
// transposed activations (head splits, x @ y.T); Gemm with
// transposes and a broadcast C; attention chains. Normalizations are in
// GenNorm.cpp, the conv chains the passes rewrite in GenChains.cpp.
//
//===----------------------------------------------------------------------===//
#include "GenContext.h"

#include <algorithm>
#include <cmath>

namespace kiln::fuzz {
namespace {

using Attrs = std::vector<onnx::AttributeProto>;

/// A random subset of the axes of a rank-\p rank tensor, each written
/// positive or negative, in random order.
std::vector<int64_t> randomAxes(GenContext &c, int rank, bool nonEmpty) {
  std::vector<int64_t> axes;
  for (int a = 0; a < rank; ++a)
    if (c.chance(0.5))
      axes.push_back(c.chance(0.3) ? a - rank : a);
  if (axes.empty() && nonEmpty && rank > 0) {
    int a = static_cast<int>(c.range(0, rank - 1));
    axes.push_back(c.chance(0.3) ? a - rank : a);
  }
  if (axes.size() > 1 && c.chance(0.3))
    std::swap(axes.front(), axes.back());
  return axes;
}

bool genReduce(GenContext &c) {
  static const std::vector<std::string> ops = {
      "ReduceSum",    "ReduceMean",     "ReduceMax", "ReduceMin",
      "ReduceProd",   "ReduceL1",       "ReduceL2",  "ReduceLogSumExp",
      "ReduceLogSum", "ReduceSumSquare"};
  std::string op = c.oneOf(ops);
  bool ordered = op != "ReduceMax" && op != "ReduceMin";
  Value x = c.operand(
      [&](const Value &v) {
        if (v.dims.empty())
          return false;
        if (!ordered)
          return true;
        if (!c.summable(v))
          return false;
        if (op == "ReduceLogSum")
          return v.positive;
        if (op == "ReduceLogSumExp")
          return v.bound <= 20;
        if (op == "ReduceProd")
          return v.bound <= 2 && count(v.dims) <= 64;
        return true;
      },
      c.dims(static_cast<int>(c.range(1, 4))));
  if (x.name.empty())
    return false;
  int rank = static_cast<int>(x.dims.size());
  // Forms: 0 all axes (omitted), 1 a subset, 2 empty axes input with
  // noop_with_empty_axes (ReduceSum only, the one with axes as an input).
  int form = static_cast<int>(c.range(0, op == "ReduceSum" ? 2 : 1));
  std::vector<int64_t> axes;
  if (form == 1)
    axes = randomAxes(c, rank, true);
  bool keep = c.chance(0.5);
  std::vector<bool> reduced(rank, form == 0);
  for (int64_t a : axes)
    reduced[static_cast<size_t>(a < 0 ? a + rank : a)] = true;
  if (form == 2)
    reduced.assign(rank, false);
  // Reductions over an empty axis have no defined identity for some ops.
  for (int a = 0; a < rank; ++a)
    if (reduced[a] && x.dims[a] == 0 && op != "ReduceSum" &&
        op != "ReduceSumSquare" && op != "ReduceL1" && op != "ReduceProd")
      return false;
  Attrs attrs;
  std::vector<std::string> inputs = {x.name};
  if (!keep || c.chance(0.5))
    attrs.push_back(zoo::attrInt("keepdims", keep));
  if (op == "ReduceSum") {
    if (form == 1)
      inputs.push_back(c.int64s(axes));
    if (form == 2) {
      inputs.push_back(c.int64s({0}, {}));
      attrs.push_back(zoo::attrInt("noop_with_empty_axes", 1));
    }
  } else if (form == 1) {
    attrs.push_back(zoo::attrInts("axes", axes));
  }
  Value out;
  int64_t n = 1;
  for (int a = 0; a < rank; ++a) {
    if (reduced[a])
      n *= x.dims[a];
    if (!reduced[a])
      out.dims.push_back(x.dims[a]);
    else if (keep)
      out.dims.push_back(1);
  }
  out.name = c.b.op(op, inputs, attrs, 1)[0];
  out.exact = !ordered && x.exact;
  double b = x.bound, m = static_cast<double>(std::max<int64_t>(n, 1));
  if (op == "ReduceSum" || op == "ReduceL1")
    out.bound = b * m;
  else if (op == "ReduceSumSquare")
    out.bound = b * b * m;
  else if (op == "ReduceL2")
    out.bound = b * std::sqrt(m);
  else if (op == "ReduceProd")
    out.bound = std::pow(b, m);
  else if (op == "ReduceLogSumExp" || op == "ReduceLogSum")
    out.bound = b + std::log(m) + 50;
  else
    out.bound = b;
  if (form == 2)
    out.bound = b;
  c.result(out, {&x});
  return true;
}

bool genArgMax(GenContext &c) {
  Value x = c.operand([](const Value &v) { return v.exact && !v.dims.empty(); },
                      c.dims(static_cast<int>(c.range(1, 4)), 4096, false));
  if (x.name.empty())
    return false;
  int rank = static_cast<int>(x.dims.size());
  int axis = static_cast<int>(c.range(0, rank - 1));
  if (x.dims[axis] == 0)
    return false;
  bool keep = c.chance(0.5);
  Attrs attrs = {zoo::attrInt("axis", c.chance(0.3) ? axis - rank : axis),
                 zoo::attrInt("keepdims", keep)};
  if (c.chance(0.3))
    attrs.push_back(zoo::attrInt("select_last_index", 1));
  std::string idx =
      c.b.op(c.chance(0.5) ? "ArgMax" : "ArgMin", {x.name}, attrs, 1)[0];
  Value out;
  out.name = c.b.op("Cast", {idx}, {zoo::attrInt("to", 1)}, 1)[0];
  for (int a = 0; a < rank; ++a)
    if (a != axis)
      out.dims.push_back(x.dims[a]);
    else if (keep)
      out.dims.push_back(1);
  out.exact = true;
  out.bound = static_cast<double>(x.dims[axis]);
  c.result(out, {&x});
  return true;
}

/// The spatial geometry of a conv or pool.
struct Window {
  std::vector<int64_t> kernel, strides, dilations, pads;
  std::string autoPad = "NOTSET";
  bool ceil = false;
};

/// Draws a window for spatial dims \p in; false when none fits.
bool drawWindow(GenContext &c, const Dims &in, bool dilations, bool pool,
                Window &w, Dims &out) {
  size_t n = in.size();
  w.kernel.assign(n, 1);
  w.strides.assign(n, 1);
  w.dilations.assign(n, 1);
  w.pads.assign(2 * n, 0);
  // No auto_pad with ceil_mode: ONNX 1.12 shape inference sizes SAME
  // windows with ceil_mode differently from ceil(in / stride).
  if (!w.ceil && c.chance(0.15))
    w.autoPad = c.oneOf<std::string>({"SAME_UPPER", "SAME_LOWER", "VALID"});
  for (size_t i = 0; i < n; ++i) {
    w.kernel[i] = std::min<int64_t>(c.range(1, 3), std::max<int64_t>(in[i], 1));
    w.strides[i] = c.chance(0.6) ? 1 : c.range(2, 3);
    if (dilations && c.chance(0.3))
      w.dilations[i] = 2;
    if (w.autoPad == "NOTSET") {
      // Pools need pads smaller than the kernel.
      int64_t maxPad = pool ? w.kernel[i] - 1 : 2;
      w.pads[i] = c.chance(0.5) ? 0 : c.range(0, maxPad);
      w.pads[i + n] = c.chance(0.5) ? w.pads[i] : c.range(0, maxPad);
    }
  }
  out.clear();
  for (size_t i = 0; i < n; ++i) {
    int64_t o = windowOut(in[i], w.kernel[i], w.strides[i], w.dilations[i],
                          w.pads[i], w.pads[i + n], w.autoPad, w.ceil);
    if (o < 1)
      return false;
    out.push_back(o);
  }
  return true;
}

/// Window attributes; \p withDilations adds dilations.
void windowAttrs(const Window &w, bool withDilations, bool withKernel,
                 Attrs &attrs) {
  if (withKernel)
    attrs.push_back(zoo::attrInts("kernel_shape", w.kernel));
  attrs.push_back(zoo::attrInts("strides", w.strides));
  if (withDilations)
    attrs.push_back(zoo::attrInts("dilations", w.dilations));
  if (w.autoPad == "NOTSET")
    attrs.push_back(zoo::attrInts("pads", w.pads));
  else
    attrs.push_back(zoo::attrString("auto_pad", w.autoPad));
}

/// An N x C x spatial operand (1-D or 2-D spatial, nonempty).
Value convInput(GenContext &c, bool ordered) {
  int spatial = c.chance(0.8) ? 2 : 1;
  Dims fallback = {c.range(1, 2), c.oneOf<int64_t>({1, 2, 3, 4, 8})};
  for (int i = 0; i < spatial; ++i)
    fallback.push_back(c.oneOf<int64_t>({1, 3, 5, 7, 8, 12, 17}));
  return c.operand(
      [&](const Value &v) {
        if (v.dims.size() < 3 || v.dims.size() > 4 || count(v.dims) == 0 ||
            count(v.dims) > 16384 || v.dims[1] > 64)
          return false;
        return !ordered || c.summable(v);
      },
      fallback);
}

bool genConv(GenContext &c) {
  Value x = convInput(c, true);
  if (x.name.empty())
    return false;
  int64_t channels = x.dims[1];
  std::vector<int64_t> divisors;
  for (int64_t g = 1; g <= channels; ++g)
    if (channels % g == 0)
      divisors.push_back(g);
  int64_t group = c.chance(0.6) ? 1 : c.oneOf(divisors);
  if (c.chance(0.2))
    group = channels; // depthwise
  int64_t m = group * c.range(1, std::max<int64_t>(1, 16 / group));
  Dims spatial(x.dims.begin() + 2, x.dims.end());
  Window w;
  Dims outSpatial;
  if (!drawWindow(c, spatial, true, false, w, outSpatial))
    return false;
  Dims wd = {m, channels / group};
  wd.insert(wd.end(), w.kernel.begin(), w.kernel.end());
  Dims od = {x.dims[0], m};
  od.insert(od.end(), outSpatial.begin(), outSpatial.end());
  if (count(od) > kMaxElements)
    return false;
  Value weight = c.initializer(wd);
  std::vector<std::string> inputs = {x.name, weight.name};
  std::vector<const Value *> used = {&x, &weight};
  Value bias;
  if (c.chance(0.6)) {
    bias = c.initializer({m});
    inputs.push_back(bias.name);
    used.push_back(&bias);
  }
  Attrs attrs;
  windowAttrs(w, true, c.chance(0.7), attrs);
  if (group != 1 || c.chance(0.2))
    attrs.push_back(zoo::attrInt("group", group));
  Value out;
  out.name = c.b.op("Conv", inputs, attrs, 1)[0];
  out.dims = od;
  out.bound = x.bound * 2 * static_cast<double>(count(wd) / m) + 2;
  c.result(out, used);
  return true;
}

bool genConvTranspose(GenContext &c) {
  Value x = convInput(c, true);
  if (x.name.empty())
    return false;
  int64_t channels = x.dims[1];
  int64_t group = channels % 2 == 0 && c.chance(0.3) ? 2 : 1;
  int64_t mPerGroup = c.range(1, 4);
  size_t n = x.dims.size() - 2;
  std::vector<int64_t> kernel(n), strides(n), dil(n, 1), pads(2 * n, 0),
      outPad(n, 0);
  Dims od = {x.dims[0], mPerGroup * group};
  for (size_t i = 0; i < n; ++i) {
    kernel[i] = c.range(1, 3);
    strides[i] = c.chance(0.5) ? 1 : c.range(2, 3);
    if (c.chance(0.2))
      dil[i] = 2;
    pads[i] = c.range(0, kernel[i] - 1);
    pads[i + n] = c.range(0, kernel[i] - 1);
    if (strides[i] > 1 && c.chance(0.4))
      outPad[i] = c.range(0, strides[i] - 1);
    int64_t o = strides[i] * (x.dims[i + 2] - 1) + outPad[i] +
                (kernel[i] - 1) * dil[i] + 1 - pads[i] - pads[i + n];
    if (o < 1)
      return false;
    od.push_back(o);
  }
  if (count(od) > kMaxElements)
    return false;
  Dims wd = {channels, mPerGroup};
  wd.insert(wd.end(), kernel.begin(), kernel.end());
  Value weight = c.initializer(wd);
  std::vector<std::string> inputs = {x.name, weight.name};
  std::vector<const Value *> used = {&x, &weight};
  Value bias;
  if (c.chance(0.5)) {
    bias = c.initializer({mPerGroup * group});
    inputs.push_back(bias.name);
    used.push_back(&bias);
  }
  Attrs attrs = {zoo::attrInts("strides", strides),
                 zoo::attrInts("pads", pads)};
  if (c.chance(0.7))
    attrs.push_back(zoo::attrInts("kernel_shape", kernel));
  if (c.chance(0.5) || *std::max_element(dil.begin(), dil.end()) > 1)
    attrs.push_back(zoo::attrInts("dilations", dil));
  if (*std::max_element(outPad.begin(), outPad.end()) > 0)
    attrs.push_back(zoo::attrInts("output_padding", outPad));
  if (group != 1)
    attrs.push_back(zoo::attrInt("group", group));
  Value out;
  out.name = c.b.op("ConvTranspose", inputs, attrs, 1)[0];
  out.dims = od;
  out.bound = x.bound * 2 * static_cast<double>(count(wd) / od[1]) + 2;
  c.result(out, used);
  return true;
}

bool genPool(GenContext &c) {
  std::string op =
      c.oneOf<std::string>({"MaxPool", "AveragePool", "GlobalAveragePool",
                            "GlobalMaxPool", "MaxPool", "AveragePool"});
  bool ordered = op.find("Average") != std::string::npos;
  Value x = convInput(c, ordered);
  if (x.name.empty())
    return false;
  Value out;
  out.exact = !ordered && x.exact;
  out.bound = x.bound;
  out.dims = {x.dims[0], x.dims[1]};
  if (op.rfind("Global", 0) == 0) {
    out.dims.resize(x.dims.size(), 1);
    out.name = c.b.op(op, {x.name}, {}, 1)[0];
    c.result(out, {&x});
    return true;
  }
  Dims spatial(x.dims.begin() + 2, x.dims.end()), outSpatial;
  Window w;
  w.ceil = c.chance(0.25);
  bool maxPool = op == "MaxPool";
  if (!drawWindow(c, spatial, maxPool, true, w, outSpatial))
    return false;
  // With ceil_mode the last window must start inside the padded input.
  if (w.ceil)
    for (size_t i = 0; i < spatial.size(); ++i)
      if ((outSpatial[i] - 1) * w.strides[i] >= spatial[i] + w.pads[i])
        return false;
  Attrs attrs;
  bool dilated = std::any_of(w.dilations.begin(), w.dilations.end(),
                             [](int64_t d) { return d > 1; });
  windowAttrs(w, maxPool && (dilated || c.chance(0.5)), true, attrs);
  if (w.ceil)
    attrs.push_back(zoo::attrInt("ceil_mode", 1));
  if (!maxPool && c.chance(0.5))
    attrs.push_back(zoo::attrInt("count_include_pad", 1));
  out.dims.insert(out.dims.end(), outSpatial.begin(), outSpatial.end());
  out.name = c.b.op(op, {x.name}, attrs, 1)[0];
  c.result(out, {&x});
  return true;
}

bool genMatMul(GenContext &c) {
  auto ok = [&](const Value &v) {
    return c.summable(v) && !v.dims.empty() && v.dims.size() <= 4;
  };
  Value a = c.operand(ok, c.dims(static_cast<int>(c.range(1, 4)), 2048));
  if (a.name.empty())
    return false;
  int64_t k = a.dims.back();
  // B: [K], [K, N] or batched [..., K, N] broadcasting with A's batch.
  Dims fallback;
  int kind = static_cast<int>(c.range(0, 2));
  if (kind == 0 && a.dims.size() > 1)
    fallback = {k};
  else {
    Dims batch(a.dims.begin(),
               a.dims.end() - std::min<size_t>(a.dims.size(), 2));
    for (int64_t &d : batch)
      if (c.chance(0.3))
        d = 1;
    if (kind == 1)
      batch.clear();
    fallback = batch;
    fallback.push_back(k);
    fallback.push_back(c.dim(true));
  }
  auto outDims = [&](const Dims &ad, const Dims &bd, Dims &od) {
    if (ad.empty() || bd.empty() ||
        ad.back() != (bd.size() == 1 ? bd[0] : bd[bd.size() - 2]))
      return false;
    Dims ab(ad.begin(), ad.end() - 1), bb;
    if (ad.size() >= 2)
      ab.assign(ad.begin(), ad.end() - 2);
    if (bd.size() >= 2)
      bb.assign(bd.begin(), bd.end() - 2);
    if (!broadcast(ab, bb, od))
      return false;
    if (ad.size() >= 2)
      od.push_back(ad[ad.size() - 2]);
    if (bd.size() >= 2)
      od.push_back(bd.back());
    return count(od) <= kMaxElements;
  };
  Value b = c.operand(
      [&](const Value &v) {
        Dims od;
        return ok(v) && v.name != a.name && outDims(a.dims, v.dims, od);
      },
      fallback);
  Dims od;
  if (b.name.empty() || !outDims(a.dims, b.dims, od))
    return false;
  Value out;
  out.name = c.b.op("MatMul", {a.name, b.name}, {}, 1)[0];
  out.dims = od;
  out.bound = a.bound * b.bound * static_cast<double>(std::max<int64_t>(k, 1));
  c.result(out, {&a, &b});
  return true;
}

/// A MatMul of two activations read through Transposes, for
/// kiln-fold-transpose: x @ y.T with y [..., N, K], sometimes A a
/// Transpose of x [..., K, M] too, or a head split of two projections
/// ([b, M, h, K] -> [b, h, M, K] and [b, N, h, K] -> [b, h, K, N]).
bool genMatMulTransposed(GenContext &c) {
  int64_t m = c.range(1, 40), k = c.range(1, 70), n = c.range(1, 70);
  Dims xDims, yDims, out;
  std::vector<int64_t> aPerm, bPerm;
  if (c.chance(0.3)) {
    int64_t b = c.range(1, 2), h = c.range(1, 4);
    xDims = {b, m, h, k};
    yDims = {b, n, h, k};
    aPerm = {0, 2, 1, 3};
    bPerm = {0, 2, 3, 1};
    out = {b, h, m, n};
  } else {
    Dims batch;
    if (c.chance(0.5))
      batch.push_back(c.range(1, 3));
    bool transA = c.chance(0.4), transB = !transA || c.chance(0.6);
    int64_t r = static_cast<int64_t>(batch.size()) + 2;
    std::vector<int64_t> swap;
    for (int64_t i = 0; i < r - 2; ++i)
      swap.push_back(i);
    swap.push_back(r - 1);
    swap.push_back(r - 2);
    xDims = batch;
    yDims = batch;
    if (transA) {
      xDims.insert(xDims.end(), {k, m});
      aPerm = swap;
    } else {
      xDims.insert(xDims.end(), {m, k});
    }
    if (transB) {
      yDims.insert(yDims.end(), {n, k});
      bPerm = swap;
    } else {
      yDims.insert(yDims.end(), {k, n});
    }
    out = batch;
    out.insert(out.end(), {m, n});
  }
  if (count(out) > kMaxElements || count(xDims) > kMaxElements ||
      count(yDims) > kMaxElements)
    return false;
  auto exactly = [&](const Dims &d) {
    return [&, d](const Value &v) { return c.summable(v) && v.dims == d; };
  };
  Value x = c.operand(exactly(xDims), xDims);
  Value y = c.operand(exactly(yDims), yDims);
  if (x.name.empty() || y.name.empty())
    return false;
  std::string a = x.name, b = y.name;
  if (!aPerm.empty())
    a = c.b.op("Transpose", {a}, {zoo::attrInts("perm", aPerm)}, 1)[0];
  if (!bPerm.empty())
    b = c.b.op("Transpose", {b}, {zoo::attrInts("perm", bPerm)}, 1)[0];
  Value result;
  result.name = c.b.op("MatMul", {a, b}, {}, 1)[0];
  result.dims = out;
  result.bound = x.bound * y.bound * static_cast<double>(k);
  c.result(result, {&x, &y});
  return true;
}

bool genGemm(GenContext &c) {
  bool transA = c.chance(0.3), transB = c.chance(0.4);
  Value a = c.operand(
      [&](const Value &v) { return c.summable(v) && v.dims.size() == 2; },
      c.dims(2, 2048));
  if (a.name.empty())
    return false;
  int64_t m = transA ? a.dims[1] : a.dims[0];
  int64_t k = transA ? a.dims[0] : a.dims[1];
  int64_t n = c.dim(true);
  if (m * n > kMaxElements)
    return false;
  Value b = c.initializer(transB ? Dims{n, k} : Dims{k, n});
  std::vector<std::string> inputs = {a.name, b.name};
  std::vector<const Value *> used = {&a, &b};
  Value bias;
  if (c.chance(0.6)) {
    Dims cd = c.oneOf<Dims>({{n}, {1, n}, {m, 1}, {m, n}, {}, {1}});
    bias = c.operand(
        [&](const Value &v) { return v.dims == cd && c.summable(v); }, cd);
    if (bias.name.empty())
      return false;
    inputs.push_back(bias.name);
    used.push_back(&bias);
  }
  Attrs attrs;
  if (transA)
    attrs.push_back(zoo::attrInt("transA", 1));
  if (transB)
    attrs.push_back(zoo::attrInt("transB", 1));
  if (c.chance(0.3))
    attrs.push_back(
        zoo::attrFloat("alpha", c.oneOf<float>({0.5f, 2.0f, -1.0f})));
  if (c.chance(0.3))
    attrs.push_back(
        zoo::attrFloat("beta", c.oneOf<float>({0.5f, 0.0f, -2.0f})));
  Value out;
  out.name = c.b.op("Gemm", inputs, attrs, 1)[0];
  out.dims = {m, n};
  out.bound =
      2 * a.bound * 2 * static_cast<double>(std::max<int64_t>(k, 1)) + 2 * 2;
  c.result(out, used);
  return true;
}

/// A pointwise Conv to 8, 16 or 32 channels, then a depthwise Conv (3x3 or
/// 5x5, stride 1 or 2, random pads) and sometimes SiLU after it: the
/// mobile block, with channel counts that are whole vectors, so the
/// channel-blocked depthwise kernel (DepthwiseBlocked.cpp) runs as well as
/// the rows.
bool genDepthwise(GenContext &c) {
  Value x = c.operand(
      [&](const Value &v) {
        return v.dims.size() == 4 && count(v.dims) > 0 &&
               count(v.dims) <= 16384 && v.dims[1] <= 64 && c.summable(v);
      },
      {c.range(1, 2), c.oneOf<int64_t>({1, 3, 8}),
       c.oneOf<int64_t>({3, 5, 7, 13, 14, 29}),
       c.oneOf<int64_t>({3, 5, 7, 13, 14, 29})});
  if (x.name.empty())
    return false;
  int64_t m = c.oneOf<int64_t>({8, 16, 32});
  Window w;
  w.kernel.assign(2, c.oneOf<int64_t>({3, 5}));
  w.strides.assign(2, c.range(1, 2));
  w.dilations.assign(2, 1);
  Dims out = {x.dims[0], m};
  for (int i = 0; i < 4; ++i)
    w.pads.push_back(c.range(0, w.kernel[0] / 2));
  for (int i = 0; i < 2; ++i) {
    int64_t o = windowOut(x.dims[2 + i], w.kernel[i], w.strides[i], 1,
                          w.pads[i], w.pads[i + 2], w.autoPad, false);
    if (o < 1)
      return false;
    out.push_back(o);
  }
  if (count(out) > kMaxElements ||
      count({x.dims[0], m, x.dims[2], x.dims[3]}) > kMaxElements)
    return false;
  Value pw = c.initializer({m, x.dims[1], 1, 1});
  std::string expanded = c.b.op("Conv", {x.name, pw.name}, {}, 1)[0];
  Value dw = c.initializer({m, 1, w.kernel[0], w.kernel[1]});
  std::vector<std::string> inputs = {expanded, dw.name};
  if (c.chance(0.6))
    inputs.push_back(c.initializer({m}).name);
  Attrs attrs;
  windowAttrs(w, false, true, attrs);
  attrs.push_back(zoo::attrInt("group", m));
  Value result;
  result.name = c.b.op("Conv", inputs, attrs, 1)[0];
  result.dims = out;
  double expandedBound = x.bound * 2 * static_cast<double>(x.dims[1]) + 2;
  result.bound = expandedBound * 2 * static_cast<double>(count(w.kernel)) + 2;
  if (c.chance(0.4)) {
    std::string sig = c.b.op("Sigmoid", {result.name}, {}, 1)[0];
    result.name = c.b.op("Mul", {result.name, sig}, {}, 1)[0];
  }
  c.result(result, {&x});
  return true;
}

/// Attention as exporters write it, for kiln-fuse-attention and its kernel:
/// MatMul(Q, KT), a Div or Mul by a constant (either order) or none, a mask
/// Add (per key, per row and key, or per row; either order) or none,
/// Softmax over the last dim, MatMul by V. KT and V sometimes drop or
/// broadcast batch dims; row counts cross the kernel's blocks of 12 (6 with
/// AVX2) and key counts its vectors. Sometimes the scores are also a value
/// later ops may read, which must keep the chain unfused.
bool genAttention(GenContext &c) {
  Dims batch;
  int batchRank = static_cast<int>(c.range(0, 2));
  for (int i = 0; i < batchRank; ++i)
    batch.push_back(c.oneOf<int64_t>({1, 2, 3}));
  int64_t m = c.oneOf<int64_t>({1, 5, 12, 13, 30});
  int64_t d = c.oneOf<int64_t>({1, 4, 16, 33});
  int64_t n = c.oneOf<int64_t>({1, 3, 9, 17, 40});
  int64_t dv = c.oneOf<int64_t>({2, 8, 33});
  auto with = [](Dims lead, std::initializer_list<int64_t> last) {
    lead.insert(lead.end(), last);
    return lead;
  };
  // An operand's batch: the full one, some dims 1, or none at all.
  auto thinned = [&]() {
    if (c.chance(0.25))
      return Dims();
    Dims b = batch;
    for (int64_t &x : b)
      if (c.chance(0.3))
        x = 1;
    return b;
  };
  Dims qDims = with(batch, {m, d});
  if (count(qDims) * std::max<int64_t>(n, dv) > kMaxElements)
    return false;
  Value q = c.operand(
      [&](const Value &v) { return v.dims == qDims && v.bound <= 4; }, qDims);
  if (q.name.empty())
    return false;
  // Sometimes BERT's head split: K and V given as [batch, seq, heads, dim]
  // and transposed into heads (the fused kernel reads them in place), and
  // the result merged back the same way.
  bool heads = batch.size() == 2 && c.chance(0.4);
  Value kt = heads ? c.input({batch[0], n, batch[1], d})
                   : c.input(with(thinned(), {d, n}));
  Value v = heads ? c.input({batch[0], n, batch[1], dv})
                  : c.input(with(thinned(), {n, dv}));
  std::string ktName = kt.name, vName = v.name;
  if (heads) {
    auto perm = [](std::vector<int64_t> p) {
      return Attrs{zoo::attrInts("perm", p)};
    };
    ktName = c.b.op("Transpose", {kt.name}, perm({0, 2, 3, 1}), 1)[0];
    vName = c.b.op("Transpose", {v.name}, perm({0, 2, 1, 3}), 1)[0];
  }
  std::string s = c.b.op("MatMul", {q.name, ktName}, {}, 1)[0];
  double bound = q.bound * kt.bound * static_cast<double>(d);
  if (c.chance(0.4)) {
    float k = std::sqrt(static_cast<float>(d));
    s = c.b.op("Div", {s, c.floats({}, {k})}, {}, 1)[0];
  } else if (c.chance(0.5)) {
    std::string k = c.floats({1}, {c.oneOf<float>({0.125f, 0.3f})});
    s = c.b.op("Mul",
               c.chance(0.5) ? std::vector<std::string>{k, s}
                             : std::vector<std::string>{s, k},
               {}, 1)[0];
  }
  Dims scores = with(batch, {m, n});
  std::vector<const Value *> used = {&q, &kt, &v};
  Value mask;
  if (c.chance(0.6)) {
    int form = static_cast<int>(c.range(0, 2));
    Dims maskDims = form == 0   ? with(Dims(batch.size(), 1), {1, n})
                    : form == 1 ? Dims{m, n}
                                : with(batch, {m, 1});
    if (form == 0 && !batch.empty())
      maskDims[0] = batch[0];
    mask = c.input(maskDims);
    used.push_back(&mask);
    s = c.b.op("Add",
               c.chance(0.5) ? std::vector<std::string>{s, mask.name}
                             : std::vector<std::string>{mask.name, s},
               {}, 1)[0];
    bound += mask.bound;
  }
  if (c.chance(0.15)) {
    Value visible;
    visible.name = s;
    visible.dims = scores;
    visible.bound = bound;
    visible.computed = true;
    c.result(visible, {});
  }
  Attrs axis = {zoo::attrInt(
      "axis", c.chance(0.5) ? -1 : static_cast<int64_t>(scores.size()) - 1)};
  std::string p = c.b.op("Softmax", {s}, axis, 1)[0];
  Value out;
  out.name = c.b.op("MatMul", {p, vName}, {}, 1)[0];
  out.dims = with(batch, {m, dv});
  if (heads && c.chance(0.5)) {
    out.name = c.b.op("Transpose", {out.name},
                      {zoo::attrInts("perm", {0, 2, 1, 3})}, 1)[0];
    out.dims = {batch[0], m, batch[1], dv};
  }
  out.bound = v.bound;
  c.result(out, used);
  return true;
}

} // namespace

int64_t windowOut(int64_t in, int64_t k, int64_t s, int64_t d, int64_t pb,
                  int64_t pe, const std::string &autoPad, bool ceil) {
  int64_t ek = (k - 1) * d + 1;
  if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")
    return (in + s - 1) / s;
  if (autoPad == "VALID")
    return in < ek ? -1 : (in - ek) / s + 1;
  int64_t span = in + pb + pe - ek;
  if (span < 0)
    return -1;
  return (ceil ? (span + s - 1) / s : span / s) + 1;
}

void addNnGenerators(std::vector<OpGenerator> &table) {
  table.push_back({"reduce", "reduction", false, genReduce, 12});
  table.push_back({"argmax-argmin", "reduction", false, genArgMax, 3});
  table.push_back({"conv", "conv-pool", true, genConv, 10});
  table.push_back({"conv-transpose", "conv-pool", true, genConvTranspose, 4});
  table.push_back({"depthwise", "conv-pool", true, genDepthwise, 4});
  table.push_back({"pointwise-chain", "conv-pool", true, genPointwiseChain, 4});
  table.push_back({"residual-block", "conv-pool", true, genResidualBlock, 3});
  table.push_back({"pool", "conv-pool", false, genPool, 6});
  table.push_back({"matmul", "matmul", true, genMatMul, 8});
  table.push_back(
      {"matmul-transposed", "matmul", true, genMatMulTransposed, 3});
  table.push_back({"gemm", "matmul", true, genGemm, 5});
  table.push_back({"softmax", "normalization", true, genSoftmax, 5});
  table.push_back({"norm", "normalization", true, genNorm, 5});
  table.push_back({"layer-norm-decomposed", "normalization", true,
                   genLayerNormDecomposed, 3});
  table.push_back(
      {"rms-norm-decomposed", "normalization", true, genRmsNormDecomposed, 3});
  table.push_back({"conv-prologue", "conv-pool", true, genConvPrologue, 3});
  table.push_back({"winograd-conv", "conv-pool", true, genWinogradConv, 3});
  table.push_back({"attention", "matmul", true, genAttention, 3});
  table.push_back({"pointwise-panel", "conv-pool", true, genPointwisePanel, 2});
}

} // namespace kiln::fuzz
