//===- GenChains.cpp - Conv chains the passes rewrite ---------------------===//
//
// Chains of convolutions in the forms Kiln's passes and kernels act on:
// pointwise (1x1) conv chains (kiln-blocked-layout), ResNet residual blocks
// (a conv's residual epilogue, written in place), K-heavy 1x1 convs (the
// packed conv's L1 panels), conv prologues
// (kiln-fuse-conv-prologue) and 3x3 stride-1 convs of the shapes
// kiln-winograd takes. addNnGenerators (GenNn.cpp) puts them in the table,
// in its order.
//
//===----------------------------------------------------------------------===//
#include "GenContext.h"

#include <algorithm>
#include <cmath>

namespace kiln::fuzz {
namespace {

using Attrs = std::vector<onnx::AttributeProto>;

/// A conv weight initializer of \p dims with values in [-2, 2) / \p fanIn
/// (the products summed per output): a sum then stays of its terms' size.
/// Weights in [-2, 2) on chains of convs of 48-64 channels cancelled down to
/// values the compare tolerance cannot take (fuzz seed 1027: 1.7e-4 off at
/// 0.065 after sums of about 1e5).
std::string fanInWeights(GenContext &c, const Dims &dims, int64_t fanIn) {
  std::vector<float> values(static_cast<size_t>(count(dims)));
  for (float &v : values)
    v = static_cast<float>(c.range(-100, 99)) /
        (50.0f * static_cast<float>(fanIn));
  return c.floats(dims, values);
}

} // namespace

/// Two pointwise Convs to 16, 32 or 48 channels on a plane that is not
/// whole 64-byte lines (3 to 14 positions a side), with a Relu or SiLU and
/// sometimes a depthwise or full windowed conv between them, sometimes a
/// residual Add and a per-channel scale after them, sometimes a
/// concat of both, sometimes a global average pool at the end: the chains
/// kiln-blocked-layout runs in the NCHWc layout (their input copies saved
/// outweigh their reorders), with any input channel count for the first conv,
/// which reads NCHW in place.
bool genPointwiseChain(GenContext &c) {
  Value x = c.operand(
      [&](const Value &v) {
        return v.dims.size() == 4 && count(v.dims) > 0 && v.dims[1] <= 96 &&
               v.dims[2] * v.dims[3] % 16 != 0 && c.summable(v);
      },
      {c.range(1, 2), c.oneOf<int64_t>({5, 16, 40, 64}),
       c.oneOf<int64_t>({3, 5, 7, 13, 14}), c.oneOf<int64_t>({3, 7, 9, 14})});
  if (x.name.empty())
    return false;
  int64_t m = c.oneOf<int64_t>({16, 32, 48});
  Dims shape = {x.dims[0], m, x.dims[2], x.dims[3]};
  if (count(shape) * 2 > kMaxElements)
    return false;
  std::vector<std::string> in1 = {
      x.name, fanInWeights(c, {m, x.dims[1], 1, 1}, x.dims[1])};
  if (c.chance(0.6))
    in1.push_back(c.initializer({m}).name);
  std::string c1 = c.b.op("Conv", in1, {}, 1)[0];
  // Relu, or SiLU (an open epilogue of the blocked conv).
  std::string r1 =
      c.chance(0.5)
          ? c.b.op("Relu", {c1}, {}, 1)[0]
          : c.b.op("Mul", {c1, c.b.op("Sigmoid", {c1}, {}, 1)[0]}, {}, 1)[0];
  double bound = x.bound * 2 + 2;
  // Sometimes a depthwise conv (3x3 or 5x5, stride 1 or 2) between the
  // two 1x1 convs, as in an inverted residual, or a full one (a windowed
  // kiln.blocked_conv, or Winograd's).
  if (c.chance(0.5)) {
    int64_t k = c.oneOf<int64_t>({3, 5}), s = c.range(1, 2), p = k / 2;
    bool full = c.chance(0.4);
    std::vector<std::string> ind = {
        r1, full ? fanInWeights(c, {m, m, k, k}, m * k * k)
                 : fanInWeights(c, {m, 1, k, k}, k * k)};
    if (c.chance(0.5))
      ind.push_back(c.initializer({m}).name);
    Attrs attrs = {zoo::attrInts("pads", {p, p, p, p}),
                   zoo::attrInts("strides", {s, s})};
    if (!full)
      attrs.push_back(zoo::attrInt("group", m));
    r1 = c.b.op("Conv", ind, attrs, 1)[0];
    shape[2] = (shape[2] + 2 * p - k) / s + 1;
    shape[3] = (shape[3] + 2 * p - k) / s + 1;
    bound = bound * 2 + 2;
  }
  std::string y =
      c.b.op("Conv", {r1, fanInWeights(c, {m, m, 1, 1}, m)}, {}, 1)[0];
  bound = bound * 2;
  if (c.chance(0.5)) {
    y = c.b.op("Add", {y, r1}, {}, 1)[0];
    bound *= 2;
  }
  if (c.chance(0.4)) {
    std::string scale = c.initializer({m, 1, 1}).name;
    y = c.b.op("Mul", {y, scale}, {}, 1)[0];
    bound *= 2;
  }
  Value out;
  out.dims = shape;
  if (c.chance(0.3)) {
    y = c.b.op("Concat", {y, r1}, {zoo::attrInt("axis", 1)}, 1)[0];
    out.dims[1] = 2 * m;
  }
  // Sometimes a global average pool of the chain's result (the end of a
  // conv net).
  if (c.chance(0.3)) {
    y = c.b.op("GlobalAveragePool", {y}, {}, 1)[0];
    out.dims[2] = out.dims[3] = 1;
  }
  out.name = y;
  out.bound = bound;
  c.result(out, {&x});
  return true;
}

/// One or two residual blocks on a plane of whole 64-byte lines, as in
/// ResNet: y = Conv(x) + x, or y = Conv2(Relu(Conv1(x))) + x, often with a
/// Relu after the Add; the convs 1x1 or padded 3x3, keeping the shape. The
/// NCHW packed conv takes the Add as its residual and, where it is the
/// residual's last reader (not when it is also the conv's input), writes
/// over it (directKernelOverwritableOperand); a second block writes over
/// the first's result in turn.
bool genResidualBlock(GenContext &c) {
  Value x = c.operand(
      [&](const Value &v) {
        return v.dims.size() == 4 && count(v.dims) > 0 && v.dims[1] <= 64 &&
               v.dims[2] * v.dims[3] % 16 == 0 && count(v.dims) <= 16384 &&
               c.summable(v);
      },
      {c.range(1, 2), c.oneOf<int64_t>({8, 16, 48}),
       c.oneOf<int64_t>({4, 8, 16}), c.oneOf<int64_t>({4, 8, 16})});
  if (x.name.empty())
    return false;
  int64_t ch = x.dims[1];
  // Weights scaled by 1/K (fanInWeights), so that the residual matters.
  auto conv = [&](const std::string &in, double inBound, double &bound) {
    int64_t k = c.chance(0.6) ? 1 : 3;
    std::vector<std::string> inputs = {
        in, fanInWeights(c, {ch, ch, k, k}, ch * k * k)};
    if (c.chance(0.6))
      inputs.push_back(c.initializer({ch}).name);
    Attrs attrs;
    if (k == 3)
      attrs.push_back(zoo::attrInts("pads", {1, 1, 1, 1}));
    bound = inBound * 2 + 2;
    return c.b.op("Conv", inputs, attrs, 1)[0];
  };
  std::string cur = x.name;
  double curBound = x.bound;
  for (int64_t block = c.range(1, 2); block > 0; --block) {
    double bound = 0;
    std::string y = conv(cur, curBound, bound);
    if (c.chance(0.6)) {
      std::string t = c.b.op("Relu", {y}, {}, 1)[0];
      y = conv(t, bound, bound);
    }
    y = c.b.op("Add", {y, cur}, {}, 1)[0];
    bound += curBound;
    if (c.chance(0.7))
      y = c.b.op("Relu", {y}, {}, 1)[0];
    cur = y;
    curBound = bound;
  }
  Value out;
  out.name = cur;
  out.dims = x.dims;
  out.bound = curBound;
  c.result(out, {&x});
  return true;
}

/// A 1x1 conv with many input channels (96-256) on a plane of whole 64-byte
/// lines (4x4 to 8x8): where a band's input outgrows 3/4 of L1, the NCHW
/// packed conv copies each column tile into a panel as its first channel
/// tile reads it, in one K block or several (256 channels), over output
/// channel counts that leave a shorter last tile; sometimes with a
/// residual Add (written over where the panel holds all of K) and a Relu.
bool genPointwisePanel(GenContext &c) {
  Value x = c.operand(
      [&](const Value &v) {
        return v.dims.size() == 4 && v.dims[1] >= 96 && v.dims[1] <= 256 &&
               v.dims[2] * v.dims[3] % 16 == 0 && count(v.dims) <= 32768 &&
               c.summable(v);
      },
      {c.range(1, 2), c.oneOf<int64_t>({96, 160, 256}),
       c.oneOf<int64_t>({4, 8}), c.oneOf<int64_t>({4, 8})});
  if (x.name.empty())
    return false;
  int64_t cin = x.dims[1], m = c.oneOf<int64_t>({13, 30, 64});
  Dims shape = {x.dims[0], m, x.dims[2], x.dims[3]};
  std::vector<std::string> inputs = {x.name,
                                     fanInWeights(c, {m, cin, 1, 1}, cin)};
  if (c.chance(0.6))
    inputs.push_back(c.initializer({m}).name);
  std::string y = c.b.op("Conv", inputs, {}, 1)[0];
  double bound = x.bound * 2 + 2;
  std::vector<const Value *> used = {&x};
  Value skip;
  if (c.chance(0.5)) {
    // A computed residual half the time: one the conv may write over.
    skip = c.input(shape);
    std::string r =
        c.chance(0.5) ? c.b.op("Relu", {skip.name}, {}, 1)[0] : skip.name;
    y = c.b.op("Add", {y, r}, {}, 1)[0];
    bound += skip.bound;
    used.push_back(&skip);
  }
  if (c.chance(0.6))
    y = c.b.op("Relu", {y}, {}, 1)[0];
  Value out;
  out.name = y;
  out.dims = shape;
  out.bound = bound;
  c.result(out, used);
  return true;
}

/// A per-channel scale (a BatchNormalization, a constant C x 1 x 1 or a
/// computed squeeze-and-excitation N x C x 1 x 1, with or without its two
/// 1x1 convs on the pooled values), an optional per-channel
/// shift and Relu, then a Conv without pads: the chains
/// kiln-fuse-conv-prologue moves into the conv's packing. Sometimes the
/// chain's value is also a result other ops may read, which keeps it.
bool genConvPrologue(GenContext &c) {
  Value x = c.operand(
      [&](const Value &v) {
        return v.dims.size() == 4 && count(v.dims) > 0 &&
               count(v.dims) <= 16384 && v.dims[1] <= 64 && c.summable(v);
      },
      {c.range(1, 2), c.oneOf<int64_t>({1, 3, 8, 20}),
       c.oneOf<int64_t>({1, 3, 7, 9, 14}), c.oneOf<int64_t>({1, 5, 7, 11})});
  if (x.name.empty())
    return false;
  int64_t n = x.dims[0], ch = x.dims[1];
  std::string v;
  double bound = x.bound;
  int form = static_cast<int>(c.range(0, 2));
  if (form == 0) {
    Value scale = c.initializer({ch}), shift = c.initializer({ch});
    Value mean = c.initializer({ch}), var = c.initializer({ch}, true);
    v = c.b.op("BatchNormalization",
               {x.name, scale.name, shift.name, mean.name, var.name}, {}, 1)[0];
    bound = x.bound * 4 * scale.bound + 8;
  } else if (form == 1) {
    Value s = c.initializer({ch, 1, 1});
    v = c.chance(0.5) ? c.b.op("Mul", {x.name, s.name}, {}, 1)[0]
                      : c.b.op("Mul", {s.name, x.name}, {}, 1)[0];
    bound = x.bound * s.bound;
  } else {
    std::string pooled = c.b.op("GlobalAveragePool", {x.name}, {}, 1)[0];
    if (c.chance(0.6)) {
      // SE's two 1x1 convs on the pooled values (kiln-conv-to-mat-mul's
      // matrix products), squeezing to r channels with a Relu between.
      int64_t r = c.range(1, 8);
      Attrs one = {zoo::attrInts("kernel_shape", {1, 1})};
      Value w1 = c.initializer({r, ch, 1, 1}),
            w2 = c.initializer({ch, r, 1, 1});
      std::vector<std::string> in1 = {pooled, w1.name};
      if (c.chance(0.5))
        in1.push_back(c.initializer({r}).name);
      pooled = c.b.op("Relu", {c.b.op("Conv", in1, one, 1)[0]}, {}, 1)[0];
      pooled = c.b.op("Conv", {pooled, w2.name}, one, 1)[0];
    }
    std::string gate =
        c.b.op(c.chance(0.5) ? "Sigmoid" : "HardSigmoid", {pooled}, {}, 1)[0];
    v = c.b.op("Mul", {x.name, gate}, {}, 1)[0];
  }
  if (form != 0 && c.chance(0.5)) {
    Dims tDims = c.chance(0.5) ? Dims{ch, 1, 1} : Dims{1, ch, 1, 1};
    Value t = c.initializer(tDims);
    v = c.b.op("Add", {v, t.name}, {}, 1)[0];
    bound += t.bound;
  }
  if (c.chance(0.6))
    v = c.b.op("Relu", {v}, {}, 1)[0];
  int64_t k = c.chance(0.7) ? 1 : 3, stride = c.range(1, 2);
  Dims out = {n, c.range(1, 16)};
  for (int i = 0; i < 2; ++i) {
    int64_t o = windowOut(x.dims[2 + i], k, stride, 1, 0, 0, "", false);
    if (o < 1)
      return false;
    out.push_back(o);
  }
  if (count(out) > kMaxElements)
    return false;
  Value w = c.initializer({out[1], ch, k, k});
  Attrs attrs = {zoo::attrInts("kernel_shape", {k, k}),
                 zoo::attrInts("strides", {stride, stride})};
  Value result;
  result.name = c.b.op("Conv", {v, w.name}, attrs, 1)[0];
  result.dims = out;
  result.bound = bound * 2 * static_cast<double>(ch * k * k) + 2;
  if (c.chance(0.2)) {
    // The chain's value as a result too: the conv cannot take it over.
    Value chain;
    chain.name = v;
    chain.dims = x.dims;
    chain.bound = bound;
    c.result(chain, {&x});
  }
  c.result(result, {&x});
  return true;
}

/// A 3x3 stride-1 Conv with 16-48 channels in and out on planes of 8-30,
/// random pads, a bias, sometimes a residual Add and a Relu: the shapes
/// kiln-winograd's cost model takes (F(4, 3) or F(2, 3), along rows of
/// tiles or across them), so the Winograd kernel meets odd planes, uneven
/// pads and fused epilogues.
bool genWinogradConv(GenContext &c) {
  Value x = c.operand(
      [&](const Value &v) {
        return v.dims.size() == 4 && v.dims[1] >= 16 && v.dims[1] <= 64 &&
               v.dims[2] >= 6 && v.dims[3] >= 6 &&
               count(v.dims) <= kMaxElements && c.summable(v);
      },
      {c.range(1, 2), c.oneOf<int64_t>({16, 24, 32, 48}),
       c.oneOf<int64_t>({8, 13, 20, 28}), c.oneOf<int64_t>({8, 14, 21, 30})});
  if (x.name.empty())
    return false;
  std::vector<int64_t> pads;
  for (int i = 0; i < 4; ++i)
    pads.push_back(c.range(0, 2));
  int64_t m = c.oneOf<int64_t>({16, 20, 32, 40});
  Dims out = {x.dims[0], m, x.dims[2] + pads[0] + pads[2] - 2,
              x.dims[3] + pads[1] + pads[3] - 2};
  if (out[2] < 1 || out[3] < 1 || count(out) > kMaxElements)
    return false;
  // Weights at the scale of a trained net's (He: about 1 / sqrt(fan-in)),
  // so outputs are about as large as the inputs: Winograd's rounding error
  // grows with the output's scale (Winograd.h), and the comparison's
  // absolute tolerance is for values of unit scale. Edge-value graphs keep
  // their edge weights.
  int64_t fanIn = x.dims[1] * 9;
  std::string w;
  if (c.edgeValues) {
    w = c.initializer({m, x.dims[1], 3, 3}).name;
  } else {
    std::vector<float> values(static_cast<size_t>(m * fanIn));
    float scale = 2.0f / std::sqrt(static_cast<float>(fanIn));
    for (float &v : values)
      v = static_cast<float>(c.range(-1000, 1000)) / 1000.0f * scale;
    w = c.floats({m, x.dims[1], 3, 3}, values);
  }
  Value bias = c.initializer({m});
  Attrs attrs = {zoo::attrInts("kernel_shape", {3, 3}),
                 zoo::attrInts("pads", pads)};
  Value result;
  result.name = c.b.op("Conv", {x.name, w, bias.name}, attrs, 1)[0];
  result.dims = out;
  result.bound =
      c.edgeValues ? 1e30 : x.bound * 2 * std::sqrt(double(fanIn)) + 2;
  std::vector<const Value *> used = {&x};
  Value skip;
  if (c.chance(0.4)) {
    skip = c.input(out);
    result.name = c.b.op("Add", {result.name, skip.name}, {}, 1)[0];
    result.bound += skip.bound;
    used.push_back(&skip);
  }
  if (c.chance(0.5))
    result.name = c.b.op("Relu", {result.name}, {}, 1)[0];
  c.result(result, used);
  return true;
}

} // namespace kiln::fuzz
