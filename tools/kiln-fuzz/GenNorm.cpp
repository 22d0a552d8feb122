//===- GenNorm.cpp - Softmax and normalizations, whole and decomposed -----===//
//
// Softmax, LogSoftmax, LayerNormalization, BatchNormalization and
// InstanceNormalization; LayerNorm decomposed into the nine ops exporters
// wrote before opset 17 and RMSNorm into the six or seven of LLaMA-style
// exports (kiln-fuse-layer-norm's forms). addNnGenerators (GenNn.cpp) puts
// them in the table, in its order.
//
//===----------------------------------------------------------------------===//
#include "GenContext.h"

#include <algorithm>
#include <cmath>

namespace kiln::fuzz {
namespace {

using Attrs = std::vector<onnx::AttributeProto>;

/// The operand of a decomposed normalization, the first of the dims it is
/// normalized over, and ReduceMean's attributes for them (axes written
/// positive or negative); false when no operand fits.
bool pickNormalized(GenContext &c, Value &x, int &rank, int &axis,
                    Attrs &reduce) {
  x = c.operand(
      [&](const Value &v) {
        return c.summable(v) && !v.dims.empty() && count(v.dims) > 0;
      },
      c.dims(static_cast<int>(c.range(1, 4)), 4096, false));
  if (x.name.empty())
    return false;
  rank = static_cast<int>(x.dims.size());
  axis = static_cast<int>(c.range(0, rank - 1));
  std::vector<int64_t> axes;
  for (int a = axis; a < rank; ++a)
    axes.push_back(c.chance(0.3) ? a - rank : a);
  reduce = {zoo::attrInts("axes", axes)};
  return true;
}

} // namespace

bool genSoftmax(GenContext &c) {
  Value x = c.operand(
      [&](const Value &v) { return c.summable(v) && !v.dims.empty(); },
      c.dims(static_cast<int>(c.range(1, 4))));
  if (x.name.empty())
    return false;
  int rank = static_cast<int>(x.dims.size());
  int axis = static_cast<int>(c.range(-rank, rank - 1));
  std::string op = c.chance(0.7) ? "Softmax" : "LogSoftmax";
  Attrs attrs;
  if (axis != -1 || c.chance(0.3))
    attrs.push_back(zoo::attrInt("axis", axis));
  Value out;
  out.name = c.b.op(op, {x.name}, attrs, 1)[0];
  out.dims = x.dims;
  out.bound = op == "Softmax" ? 1 : 2 * x.bound + 10;
  c.result(out, {&x});
  return true;
}

bool genNorm(GenContext &c) {
  int kind = static_cast<int>(c.range(0, 2));
  Value x = c.operand(
      [&](const Value &v) {
        if (!c.summable(v) || v.dims.empty() || count(v.dims) == 0)
          return false;
        return kind == 0 || (v.dims.size() >= 3 && v.dims[1] <= 64);
      },
      kind == 0
          ? c.dims(static_cast<int>(c.range(1, 4)), 4096, false)
          : Dims{c.range(1, 2), c.range(1, 8), c.range(1, 9), c.range(2, 9)});
  if (x.name.empty())
    return false;
  int rank = static_cast<int>(x.dims.size());
  Value out;
  out.dims = x.dims;
  out.bound = 50;
  std::vector<const Value *> used = {&x};
  Value scale, bias, mean, var;
  if (kind == 0) {
    int axis = static_cast<int>(c.range(-rank, rank - 1));
    Dims sd(x.dims.begin() + (axis < 0 ? axis + rank : axis), x.dims.end());
    scale = c.initializer(sd);
    std::vector<std::string> inputs = {x.name, scale.name};
    if (c.chance(0.6)) {
      bias = c.initializer(sd);
      inputs.push_back(bias.name);
    }
    Attrs attrs = {zoo::attrInt("axis", axis)};
    if (c.chance(0.5))
      attrs.push_back(
          zoo::attrFloat("epsilon", c.oneOf<float>({1e-5f, 1e-3f, 0.1f})));
    out.name = c.b.op("LayerNormalization", inputs, attrs, 1)[0];
  } else if (kind == 1) {
    int64_t ch = x.dims[1];
    scale = c.initializer({ch});
    bias = c.initializer({ch});
    mean = c.initializer({ch});
    var = c.initializer({ch}, true);
    Attrs attrs;
    if (c.chance(0.5))
      attrs.push_back(
          zoo::attrFloat("epsilon", c.oneOf<float>({1e-5f, 1e-3f})));
    out.name = c.b.op("BatchNormalization",
                      {x.name, scale.name, bias.name, mean.name, var.name},
                      attrs, 1)[0];
  } else {
    int64_t ch = x.dims[1];
    scale = c.initializer({ch});
    bias = c.initializer({ch});
    out.name = c.b.op("InstanceNormalization", {x.name, scale.name, bias.name},
                      {zoo::attrFloat("epsilon", 1e-3f)}, 1)[0];
  }
  c.result(out, used);
  return true;
}

/// sqrt(mean(v^2) + eps) as exporters write it: the square as Pow(v, 2)
/// (with probability \p powChance) or Mul(v, v), ReduceMean with \p reduce,
/// Add of an eps drawn from \p epsChoices, Sqrt. The mean square's name goes
/// to \p meanSquare (a later op may read it too); returns the root's.
std::string rootMeanSquare(GenContext &c, const std::string &v,
                           const Attrs &reduce, double powChance,
                           const std::vector<float> &epsChoices,
                           std::string &meanSquare) {
  std::string sq = c.chance(powChance)
                       ? c.b.op("Pow", {v, c.floats({}, {2.0f})}, {}, 1)[0]
                       : c.b.op("Mul", {v, v}, {}, 1)[0];
  meanSquare = c.b.op("ReduceMean", {sq}, reduce, 1)[0];
  float eps = c.oneOf<float>(epsChoices);
  std::string e = c.b.op("Add", {meanSquare, c.floats({1}, {eps})}, {}, 1)[0];
  return c.b.op("Sqrt", {e}, {}, 1)[0];
}

/// LayerNorm as exporters before opset 17 write it (ReduceMean, Sub, Pow or
/// Mul, ReduceMean, Add, Sqrt, Div, then optionally Mul and Add by
/// constants), for kiln-fuse-layer-norm; sometimes with the deviation or the
/// mean also read by the next op, which must keep the chain as it is.
bool genLayerNormDecomposed(GenContext &c) {
  Value x;
  int rank, axis;
  Attrs reduce;
  if (!pickNormalized(c, x, rank, axis, reduce))
    return false;
  std::string mean = c.b.op("ReduceMean", {x.name}, reduce, 1)[0];
  std::string d = c.b.op("Sub", {x.name, mean}, {}, 1)[0];
  std::string var;
  std::string s = rootMeanSquare(c, d, reduce, 0.7, {1e-5f, 1e-3f, 0.1f}, var);
  Value out;
  out.name = c.b.op("Div", {d, s}, {}, 1)[0];
  out.dims = x.dims;
  out.bound = 50;
  Dims normalized(x.dims.begin() + axis, x.dims.end());
  // A leading 1 (as some exporters keep), within x's rank.
  if (axis > 0 && c.chance(0.3))
    normalized.insert(normalized.begin(), 1);
  if (c.chance(0.7)) {
    Value scale = c.initializer(normalized);
    out.name = c.b.op("Mul", {out.name, scale.name}, {}, 1)[0];
    if (c.chance(0.7)) {
      Value bias = c.initializer(normalized);
      out.name = c.b.op("Add", {bias.name, out.name}, {}, 1)[0];
    }
    out.bound = 50 * scale.bound + 2;
  }
  if (c.chance(0.15))
    out.name = c.b.op("Add", {out.name, d}, {}, 1)[0];
  c.result(out, {&x});
  return true;
}

/// RMSNorm as exporters before opset 23 write it (Pow or Mul for the
/// square, ReduceMean, Add, Sqrt, then Div, or Mul by Reciprocal or 1 / s,
/// then optionally Mul by a constant), for kiln-fuse-layer-norm; sometimes
/// with the mean square also read by the next op, which keeps the chain.
bool genRmsNormDecomposed(GenContext &c) {
  Value x;
  int rank, axis;
  Attrs reduce;
  if (!pickNormalized(c, x, rank, axis, reduce))
    return false;
  std::string ms;
  std::string r =
      rootMeanSquare(c, x.name, reduce, 0.6, {1e-6f, 1e-3f, 0.1f}, ms);
  Value out;
  switch (c.range(0, 2)) {
  case 0:
    out.name = c.b.op("Div", {x.name, r}, {}, 1)[0];
    break;
  case 1:
    out.name =
        c.b.op("Mul", {c.b.op("Reciprocal", {r}, {}, 1)[0], x.name}, {}, 1)[0];
    break;
  default:
    out.name = c.b.op(
        "Mul", {x.name, c.b.op("Div", {c.floats({}, {1.0f}), r}, {}, 1)[0]}, {},
        1)[0];
  }
  out.dims = x.dims;
  // |x| / rms(x) is at most sqrt(n) (one non-zero element in a row).
  int64_t n = 1;
  for (int a = axis; a < rank; ++a)
    n *= x.dims[a];
  out.bound = std::sqrt(static_cast<double>(n)) + 1;
  if (c.chance(0.7)) {
    Dims normalized(x.dims.begin() + axis, x.dims.end());
    Value scale = c.initializer(c.chance(0.2) ? Dims{1} : normalized);
    out.name = c.b.op("Mul", {scale.name, out.name}, {}, 1)[0];
    out.bound = out.bound * scale.bound + 2;
  }
  if (c.chance(0.15))
    out.name = c.b.op("Add", {out.name, ms}, {}, 1)[0];
  c.result(out, {&x});
  return true;
}

} // namespace kiln::fuzz
