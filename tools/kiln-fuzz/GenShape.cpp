//===- GenShape.cpp - Data movement ops and casts -------------------------===//
//
// Reshape (with 0 and -1 entries), Transpose, Concat, Split, Slice (negative
// starts, ends and steps), Gather, Pad (constant, reflect, edge; negative
// pads), Resize (nearest, linear and cubic, scales or sizes, coordinate modes),
// Flatten, Squeeze, Unsqueeze, Expand, Tile and Cast round trips. All keep
// values exact except linear Resize.
//
//===----------------------------------------------------------------------===//
#include "GenContext.h"

#include <algorithm>
#include <climits>
#include <numeric>

namespace kiln::fuzz {
namespace {

using Attrs = std::vector<onnx::AttributeProto>;

/// Any value with at least \p minRank dims, else a new input.
Value anyOperand(GenContext &c, int minRank, bool nonEmpty = false) {
  return c.operand(
      [&](const Value &v) {
        return static_cast<int>(v.dims.size()) >= minRank &&
               (!nonEmpty || count(v.dims) > 0);
      },
      c.dims(static_cast<int>(c.range(std::max(minRank, 1), 4)), 4096,
             !nonEmpty));
}

/// Pushes \p out, made from \p x by moving data.
void moved(GenContext &c, Value out, const Value &x) {
  out.exact = x.exact;
  out.positive = x.positive;
  out.lo = x.lo;
  out.bound = x.bound;
  c.result(out, {&x});
}

bool genReshape(GenContext &c) {
  Value x = anyOperand(c, 0);
  if (x.name.empty())
    return false;
  // Split the element count into a random number of factors.
  int64_t n = count(x.dims);
  Dims target;
  int64_t rest = n;
  int rank = static_cast<int>(c.range(1, 4));
  for (int i = 0; i + 1 < rank && rest > 1; ++i) {
    std::vector<int64_t> divs;
    for (int64_t d = 1; d <= rest; ++d)
      if (rest % d == 0)
        divs.push_back(d);
    int64_t d = c.oneOf(divs);
    target.push_back(d);
    rest /= d;
  }
  target.push_back(n == 0 ? 0 : rest);
  if (n == 0 && c.chance(0.5))
    target.insert(target.begin(), c.range(1, 3));
  std::vector<int64_t> spec = target;
  // -1 for one dim (not with zero elements, where it is ambiguous), 0 to
  // copy a dim of x at the same position.
  if (n > 0 && c.chance(0.4))
    spec[static_cast<size_t>(c.range(0, spec.size() - 1))] = -1;
  // A literal 0 in the target needs allowzero (else 0 copies x's dim).
  bool allowZero = std::count(target.begin(), target.end(), 0) > 0;
  for (size_t i = 0; i < spec.size() && i < x.dims.size() && !allowZero; ++i)
    if (spec[i] == x.dims[i] && spec[i] != 0 && c.chance(0.3))
      spec[i] = 0;
  Attrs attrs;
  if (allowZero)
    attrs.push_back(zoo::attrInt("allowzero", 1));
  Value out;
  out.name = c.b.op("Reshape", {x.name, c.int64s(spec)}, attrs, 1)[0];
  out.dims = target;
  moved(c, out, x);
  return true;
}

bool genTranspose(GenContext &c) {
  Value x = anyOperand(c, 1);
  if (x.name.empty())
    return false;
  size_t rank = x.dims.size();
  std::vector<int64_t> perm(rank);
  std::iota(perm.begin(), perm.end(), 0);
  Attrs attrs;
  if (c.chance(0.2)) {
    std::reverse(perm.begin(), perm.end());
  } else {
    for (size_t i = rank; i > 1; --i)
      std::swap(perm[i - 1], perm[static_cast<size_t>(c.range(0, i - 1))]);
    attrs.push_back(zoo::attrInts("perm", perm));
  }
  Value out;
  for (int64_t p : perm)
    out.dims.push_back(x.dims[static_cast<size_t>(p)]);
  out.name = c.b.op("Transpose", {x.name}, attrs, 1)[0];
  moved(c, out, x);
  return true;
}

bool genConcat(GenContext &c) {
  Value a = anyOperand(c, 1);
  if (a.name.empty())
    return false;
  int rank = static_cast<int>(a.dims.size());
  int axis = static_cast<int>(c.range(0, rank - 1));
  int n = static_cast<int>(c.range(1, 2));
  std::vector<Value> parts = {a};
  Dims out = a.dims;
  for (int i = 0; i < n; ++i) {
    Dims fallback = a.dims;
    fallback[axis] = c.dim(true);
    Value v = c.operand(
        [&](const Value &v) {
          if (v.dims.size() != a.dims.size())
            return false;
          for (int d = 0; d < rank; ++d)
            if (d != axis && v.dims[d] != a.dims[d])
              return false;
          return true;
        },
        fallback);
    if (v.name.empty())
      return false;
    out[axis] += v.dims[axis];
    parts.push_back(v);
  }
  if (count(out) > kMaxElements)
    return false;
  std::vector<std::string> names;
  std::vector<const Value *> used;
  Value res;
  res.exact = true;
  res.positive = true;
  res.lo = 1e300;
  for (const Value &v : parts) {
    names.push_back(v.name);
    used.push_back(&v);
    res.exact = res.exact && v.exact;
    res.positive = res.positive && v.positive;
    res.lo = std::min(res.lo, v.lo);
    res.bound = std::max(res.bound, v.bound);
  }
  res.positive = res.positive && res.lo > 0;
  res.dims = out;
  res.name =
      c.b.op("Concat", names,
             {zoo::attrInt("axis", c.chance(0.3) ? axis - rank : axis)}, 1)[0];
  c.result(res, used);
  return true;
}

bool genSplit(GenContext &c) {
  Value x = anyOperand(c, 1);
  if (x.name.empty())
    return false;
  int rank = static_cast<int>(x.dims.size());
  int axis = static_cast<int>(c.range(0, rank - 1));
  int64_t d = x.dims[axis];
  std::vector<int64_t> sizes;
  std::vector<std::string> inputs = {x.name};
  if (d >= 2 && d % 2 == 0 && c.chance(0.3)) {
    sizes = {d / 2, d / 2}; // equal split: no split input
  } else {
    int64_t left = d;
    int parts = static_cast<int>(c.range(1, 3));
    for (int i = 0; i + 1 < parts; ++i) {
      int64_t s = c.range(0, left);
      sizes.push_back(s);
      left -= s;
    }
    sizes.push_back(left);
    inputs.push_back(c.int64s(sizes));
  }
  Attrs attrs = {zoo::attrInt("axis", c.chance(0.3) ? axis - rank : axis)};
  std::vector<std::string> outs =
      c.b.op("Split", inputs, attrs, static_cast<int>(sizes.size()));
  for (size_t i = 0; i < outs.size(); ++i) {
    Value out;
    out.name = outs[i];
    out.dims = x.dims;
    out.dims[axis] = sizes[i];
    moved(c, out, x);
  }
  return true;
}

bool genSlice(GenContext &c) {
  Value x = anyOperand(c, 1);
  if (x.name.empty())
    return false;
  int rank = static_cast<int>(x.dims.size());
  std::vector<int64_t> starts, ends, axes, steps;
  Value out;
  out.dims = x.dims;
  for (int a = 0; a < rank; ++a) {
    int64_t d = x.dims[a];
    // Not an empty axis: ONNX 1.12 infers length 1 for a negative step
    // there.
    if (d == 0 || !c.chance(0.6))
      continue;
    int64_t step = c.oneOf<int64_t>({1, 1, 1, 2, 3, -1, -2});
    int64_t start = c.range(-d - 2, d + 2), end = c.range(-d - 2, d + 2);
    if (c.chance(0.15))
      end = step > 0 ? INT64_MAX : INT64_MIN;
    // Clamp as the ONNX spec does to get the output length.
    auto norm = [&](int64_t v, int64_t lo, int64_t hi) {
      if (v < 0 && v > INT64_MIN)
        v += d;
      if (v == INT64_MIN)
        v = lo;
      return std::clamp(v, lo, hi);
    };
    int64_t len;
    if (step > 0) {
      int64_t s = norm(start, 0, d), e = norm(end, 0, d);
      len = e > s ? (e - s + step - 1) / step : 0;
    } else {
      int64_t s = norm(start, 0, d - 1), e = norm(end, -1, d - 1);
      if (end == INT64_MIN)
        e = -1;
      len = s > e ? (s - e + (-step) - 1) / (-step) : 0;
    }
    if (d == 0)
      len = 0;
    starts.push_back(start);
    ends.push_back(end);
    axes.push_back(c.chance(0.3) ? a - rank : a);
    steps.push_back(step);
    out.dims[a] = len;
  }
  if (starts.empty())
    return false;
  std::vector<std::string> inputs = {x.name, c.int64s(starts), c.int64s(ends)};
  bool allOnes =
      std::all_of(steps.begin(), steps.end(), [](int64_t s) { return s == 1; });
  bool inOrder = true;
  for (size_t i = 0; i < axes.size(); ++i)
    inOrder = inOrder && axes[i] == static_cast<int64_t>(i);
  if (!(inOrder && allOnes && c.chance(0.3))) {
    inputs.push_back(c.int64s(axes));
    if (!allOnes || c.chance(0.5))
      inputs.push_back(c.int64s(steps));
  }
  out.name = c.b.op("Slice", inputs, {}, 1)[0];
  moved(c, out, x);
  return true;
}

bool genGather(GenContext &c) {
  Value x = c.operand(
      [](const Value &v) {
        return !v.dims.empty() && std::any_of(v.dims.begin(), v.dims.end(),
                                              [](int64_t d) { return d > 0; });
      },
      c.dims(static_cast<int>(c.range(1, 3)), 4096, false));
  if (x.name.empty())
    return false;
  int rank = static_cast<int>(x.dims.size());
  int axis = static_cast<int>(c.range(0, rank - 1));
  int64_t d = x.dims[axis];
  if (d == 0)
    return false;
  Dims id = c.dims(static_cast<int>(c.range(0, 2)), 64);
  std::vector<int64_t> idx(static_cast<size_t>(count(id)));
  for (int64_t &i : idx)
    i = c.range(-d, d - 1);
  Value out;
  out.dims.assign(x.dims.begin(), x.dims.begin() + axis);
  out.dims.insert(out.dims.end(), id.begin(), id.end());
  out.dims.insert(out.dims.end(), x.dims.begin() + axis + 1, x.dims.end());
  if (count(out.dims) > kMaxElements)
    return false;
  out.name =
      c.b.op("Gather", {x.name, c.int64s(id, idx)},
             {zoo::attrInt("axis", c.chance(0.3) ? axis - rank : axis)}, 1)[0];
  moved(c, out, x);
  return true;
}

bool genPad(GenContext &c) {
  Value x = anyOperand(c, 1);
  if (x.name.empty())
    return false;
  std::string mode =
      c.oneOf<std::string>({"constant", "constant", "reflect", "edge"});
  int rank = static_cast<int>(x.dims.size());
  std::vector<int64_t> pads(2 * rank, 0);
  Value out;
  out.dims = x.dims;
  for (int a = 0; a < rank; ++a) {
    int64_t d = x.dims[a];
    for (int side = 0; side < 2; ++side) {
      if (!c.chance(0.5))
        continue;
      int64_t p;
      if (mode == "reflect")
        p = d >= 2 ? c.range(0, std::min<int64_t>(d - 1, 3)) : 0;
      else if (mode == "edge")
        p = d >= 1 ? c.range(0, 3) : 0;
      else
        p = c.range(-std::min<int64_t>(d, 2), 3);
      pads[a + side * rank] = p;
    }
    out.dims[a] = d + pads[a] + pads[a + rank];
    if (out.dims[a] < 0)
      return false;
  }
  if (count(out.dims) > kMaxElements)
    return false;
  std::vector<std::string> inputs = {x.name, c.int64s(pads)};
  Attrs attrs;
  if (mode != "constant" || c.chance(0.5))
    attrs.push_back(zoo::attrString("mode", mode));
  double fill = 0;
  if (mode == "constant" && c.chance(0.5)) {
    fill = c.oneOf<float>({0.5f, -1.0f, 3.0f});
    inputs.push_back(c.floats({}, {static_cast<float>(fill)}));
  }
  out.name = c.b.op("Pad", inputs, attrs, 1)[0];
  out.exact = x.exact;
  out.bound = std::max(x.bound, 3.0);
  c.result(out, {&x});
  return true;
}

bool genResize(GenContext &c) {
  std::string mode = c.oneOf<std::string>({"nearest", "linear", "cubic"});
  bool linear = mode != "nearest";
  Value x = c.operand(
      [&](const Value &v) {
        return v.dims.size() >= 3 && v.dims.size() <= 4 && count(v.dims) > 0 &&
               (!linear || c.summable(v));
      },
      {1, c.range(1, 3), c.range(1, 9), c.range(1, 9)});
  if (x.name.empty())
    return false;
  std::string coord = c.oneOf<std::string>(
      {"half_pixel", "asymmetric", "align_corners", "pytorch_half_pixel"});
  Attrs attrs = {zoo::attrString("mode", mode),
                 zoo::attrString("coordinate_transformation_mode", coord)};
  if (mode == "cubic" && c.chance(0.5))
    attrs.push_back(zoo::attrFloat("cubic_coeff_a", -0.5f));
  if (mode == "cubic" && c.chance(0.3))
    attrs.push_back(zoo::attrInt("exclude_outside", 1));
  if (!linear)
    attrs.push_back(zoo::attrString(
        "nearest_mode",
        c.oneOf<std::string>(
            {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"})));
  size_t rank = x.dims.size();
  Value out;
  out.dims = x.dims;
  std::string roi = "";
  std::vector<std::string> inputs;
  if (c.chance(0.5)) {
    std::vector<float> scales(rank, 1.0f);
    for (size_t i = 2; i < rank; ++i) {
      scales[i] = c.oneOf<float>({0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 0.75f});
      out.dims[i] =
          static_cast<int64_t>(static_cast<float>(x.dims[i]) * scales[i]);
      if (out.dims[i] < 1)
        return false;
    }
    inputs = {x.name, "", c.floats({static_cast<int64_t>(rank)}, scales)};
  } else {
    for (size_t i = 2; i < rank; ++i)
      out.dims[i] = c.range(1, 2 * x.dims[i] + 1);
    inputs = {x.name, "", "", c.int64s(out.dims)};
  }
  if (count(out.dims) > kMaxElements)
    return false;
  out.name = c.b.op("Resize", inputs, attrs, 1)[0];
  if (linear) {
    out.bound = 1.5 * x.bound; // cubic overshoots
    c.result(out, {&x});
    return true;
  }
  moved(c, out, x);
  return true;
}

bool genFlattenSqueeze(GenContext &c) {
  Value x = anyOperand(c, 0);
  if (x.name.empty())
    return false;
  int rank = static_cast<int>(x.dims.size());
  int kind = static_cast<int>(c.range(0, 2));
  Value out;
  if (kind == 0) {
    int axis = static_cast<int>(c.range(0, rank));
    int64_t outer = 1, inner = 1;
    for (int a = 0; a < rank; ++a)
      (a < axis ? outer : inner) *= x.dims[a];
    out.dims = {outer, inner};
    out.name =
        c.b.op("Flatten", {x.name},
               {zoo::attrInt("axis", c.chance(0.3) && axis < rank ? axis - rank
                                                                  : axis)},
               1)[0];
  } else if (kind == 1) {
    std::vector<int64_t> axes;
    for (int a = 0; a < rank; ++a)
      if (x.dims[a] == 1 && c.chance(0.7))
        axes.push_back(c.chance(0.3) ? a - rank : a);
    for (int a = 0; a < rank; ++a) {
      bool dropped = std::any_of(axes.begin(), axes.end(), [&](int64_t v) {
        return (v < 0 ? v + rank : v) == a;
      });
      if (!dropped)
        out.dims.push_back(x.dims[a]);
    }
    std::vector<std::string> inputs = {x.name};
    if (axes.empty()) {
      // No axes input: every 1-dim goes.
      out.dims.clear();
      for (int64_t d : x.dims)
        if (d != 1)
          out.dims.push_back(d);
    } else {
      inputs.push_back(c.int64s(axes));
    }
    out.name = c.b.op("Squeeze", inputs, {}, 1)[0];
  } else {
    int outRank = rank + static_cast<int>(c.range(1, 2));
    if (outRank > 6)
      return false;
    std::vector<int64_t> axes;
    std::vector<bool> isNew(outRank, false);
    while (static_cast<int>(axes.size()) < outRank - rank) {
      int a = static_cast<int>(c.range(0, outRank - 1));
      if (isNew[a])
        continue;
      isNew[a] = true;
      axes.push_back(c.chance(0.3) ? a - outRank : a);
    }
    size_t next = 0;
    for (int a = 0; a < outRank; ++a)
      out.dims.push_back(isNew[a] ? 1 : x.dims[next++]);
    out.name = c.b.op("Unsqueeze", {x.name, c.int64s(axes)}, {}, 1)[0];
  }
  moved(c, out, x);
  return true;
}

bool genExpandTile(GenContext &c) {
  Value x = anyOperand(c, 0);
  if (x.name.empty())
    return false;
  Value out;
  if (c.chance(0.5)) {
    // Expand: grow 1-dims, maybe add leading dims; a target dim of 1 keeps
    // x's dim.
    Dims shape = x.dims;
    for (int64_t &d : shape)
      if (d == 1 && c.chance(0.5))
        d = c.range(2, 5);
      else if (c.chance(0.2))
        d = 1;
    if (c.chance(0.3))
      shape.insert(shape.begin(), c.range(1, 3));
    if (!broadcast(x.dims, shape, out.dims) || count(out.dims) > kMaxElements)
      return false;
    out.name = c.b.op("Expand", {x.name, c.int64s(shape)}, {}, 1)[0];
  } else {
    if (x.dims.empty())
      return false;
    std::vector<int64_t> reps;
    for (int64_t d : x.dims) {
      reps.push_back(c.chance(0.6) ? 1 : c.range(0, 3));
      out.dims.push_back(d * reps.back());
    }
    if (count(out.dims) > kMaxElements)
      return false;
    out.name = c.b.op("Tile", {x.name, c.int64s(reps)}, {}, 1)[0];
  }
  moved(c, out, x);
  return true;
}

bool genCast(GenContext &c) {
  // float -> T -> float. Integer targets only get exact values in range (a
  // NaN or an out-of-range value converted to an integer is undefined).
  struct Target {
    int32_t type;
    bool integer;
    bool keepsExact;
  };
  static const std::vector<Target> targets = {
      {onnx::TensorProto::INT32, true, true},
      {onnx::TensorProto::INT64, true, true},
      {onnx::TensorProto::INT8, true, true},
      {onnx::TensorProto::UINT8, true, true},
      {onnx::TensorProto::BOOL, true, true},
      {onnx::TensorProto::DOUBLE, false, true},
      // Rounding to half moves a value by up to 1e-3 relative, the
      // tolerance: only exact operands (seed 2521 of the first long run).
      {onnx::TensorProto::FLOAT16, true, true},
  };
  const Target &t = c.oneOf(targets);
  bool isUnsigned = t.type == onnx::TensorProto::UINT8;
  Value x = c.operand(
      [&](const Value &v) {
        if (!t.integer)
          return true;
        if (t.type == onnx::TensorProto::BOOL)
          return v.exact;
        return v.exact && !c.edgeValues && v.bound <= 100 &&
               (!isUnsigned || v.positive);
      },
      c.dims(static_cast<int>(c.range(0, 4))));
  if (x.name.empty())
    return false;
  std::string mid =
      c.b.op("Cast", {x.name}, {zoo::attrInt("to", t.type)}, 1)[0];
  Value out;
  out.name = c.b.op("Cast", {mid}, {zoo::attrInt("to", 1)}, 1)[0];
  out.dims = x.dims;
  out.exact = x.exact && t.keepsExact;
  out.bound = t.type == onnx::TensorProto::BOOL ? 1 : x.bound + 1;
  c.result(out, {&x});
  return true;
}

} // namespace

void addShapeGenerators(std::vector<OpGenerator> &table) {
  table.push_back({"reshape", "shape", false, genReshape, 6});
  table.push_back({"transpose", "shape", false, genTranspose, 6});
  table.push_back({"concat", "shape", false, genConcat, 5});
  table.push_back({"split", "shape", false, genSplit, 4});
  table.push_back({"slice", "shape", false, genSlice, 6});
  table.push_back({"gather", "shape", false, genGather, 4});
  table.push_back({"pad", "shape", false, genPad, 4});
  table.push_back({"resize", "resize", false, genResize, 4});
  table.push_back({"flatten-squeeze", "shape", false, genFlattenSqueeze, 4});
  table.push_back({"expand-tile", "shape", false, genExpandTile, 4});
  table.push_back({"cast", "cast", false, genCast, 5});
}

} // namespace kiln::fuzz
