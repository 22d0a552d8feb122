//===- GenElementwise.cpp - Elementwise ops and activations ---------------===//
//
// Unary math and activations, binary arithmetic with numpy broadcasting,
// variadic Max/Min/Sum/Mean, comparisons feeding Where or a Cast, logical ops
// and IsNaN/IsInf.
//
//===----------------------------------------------------------------------===//
#include "GenContext.h"

#include <algorithm>
#include <cmath>

namespace kiln::fuzz {
namespace {

using Attrs = std::vector<onnx::AttributeProto>;

/// A unary op and what it needs of its operand.
struct UnarySpec {
  const char *op;
  /// Operand must be exact (discontinuous ops).
  bool needExact = false;
  /// Operand must be positive (outside graphs with edge values).
  bool needPositive = false;
  /// Outside graphs with edge values: largest operand bound (0: any); in
  /// such graphs, an op that is not edgeSafe gets only bounded operands.
  double maxIn = 0;
  bool edgeSafe = true;
  /// Exactness and positivity carry over.
  bool keepsExact = false;
  bool positiveOut = false;
  /// Output bound from the operand's bound and lower bound.
  double (*outBound)(double bound, double lo) = nullptr;
  /// Attributes drawn for the op.
  Attrs (*attrs)(GenContext &) = nullptr;
};

double same(double b, double) { return b; }
double one(double, double) { return 1; }
double plusOne(double b, double) { return b + 1; }

const std::vector<UnarySpec> &unarySpecs() {
  static const std::vector<UnarySpec> specs = {
      {"Abs", false, false, 0, true, true, false, same},
      {"Neg", false, false, 0, true, true, false, same},
      {"Relu", false, false, 0, true, true, false, same},
      {"Identity", false, false, 0, true, true, false, same},
      {"Floor", true, false, 0, true, true, false, plusOne},
      {"Ceil", true, false, 0, true, true, false, plusOne},
      {"Round", true, false, 0, true, true, false, plusOne},
      {"Sign", true, false, 0, true, true, false, one},
      {"Sigmoid", false, false, 20, true, false, true, one},
      {"Tanh", false, false, 0, true, false, false, one},
      {"Exp", false, false, 20, true, false, true,
       [](double b, double) { return std::exp(b); }},
      {"Log", false, true, 0, true, false, false,
       [](double b, double lo) {
         return std::max(std::fabs(std::log(b)), std::fabs(std::log(lo)));
       }},
      {"Sqrt", false, true, 0, true, false, true,
       [](double b, double) { return std::sqrt(b); }},
      {"Reciprocal", false, true, 0, true, false, true,
       [](double, double lo) { return 1 / lo; }},
      {"Erf", false, false, 0, true, false, false, one},
      {"Softsign", false, false, 0, true, false, false, one},
      {"Softplus", false, false, 20, false, false, true, plusOne},
      {"Sin", false, false, 20, false, false, false, one},
      {"Cos", false, false, 20, false, false, false, one},
      {"LeakyRelu", false, false, 0, true, false, false, same,
       [](GenContext &c) -> Attrs {
         return {zoo::attrFloat("alpha",
                                c.oneOf<float>({0.01f, 0.1f, 0.5f, -1.5f}))};
       }},
      {"Elu", false, false, 20, false, false, false, plusOne,
       [](GenContext &c) -> Attrs {
         return {zoo::attrFloat("alpha", c.oneOf<float>({1.0f, 0.5f, 2.0f}))};
       }},
      {"Selu", false, false, 20, false, false, false,
       [](double b, double) { return 1.06 * b + 2; }},
      {"Celu", false, false, 20, false, false, false, plusOne,
       [](GenContext &c) -> Attrs {
         return {zoo::attrFloat("alpha", c.oneOf<float>({1.0f, 0.5f, 2.0f}))};
       }},
      {"HardSigmoid", false, false, 0, true, false, false, one,
       [](GenContext &c) -> Attrs {
         return {zoo::attrFloat("alpha", c.oneOf<float>({0.2f, 0.5f})),
                 zoo::attrFloat("beta", c.oneOf<float>({0.5f, 0.1f}))};
       }},
      {"HardSwish", false, false, 0, true, false, false, same},
      {"ThresholdedRelu", true, false, 0, true, true, false, same,
       [](GenContext &c) -> Attrs {
         return {zoo::attrFloat("alpha", c.oneOf<float>({1.0f, 0.5f, 0.0f}))};
       }},
  };
  return specs;
}

/// Whether \p v suits \p spec in \p c.
bool suits(const GenContext &c, const UnarySpec &spec, const Value &v) {
  if (spec.needExact && !v.exact)
    return false;
  // In graphs with edge values, a computed operand could be a difference
  // that cancels to a few ulps (0.5 * erf(-3.5) + 0.5), which a reciprocal
  // or a log turns into a large relative error (seed 3057 of the first long
  // run): only exact or positive operands.
  if (spec.needPositive && !v.positive && !(c.edgeValues && v.exact))
    return false;
  if (spec.maxIn && (c.edgeValues ? !spec.edgeSafe : true) &&
      v.bound > spec.maxIn)
    return false;
  return true;
}

bool genUnary(GenContext &c, const UnarySpec &spec) {
  Value x = c.operand([&](const Value &v) { return suits(c, spec, v); },
                      c.dims(static_cast<int>(c.range(0, 4))));
  if (x.name.empty())
    return false;
  Attrs attrs = spec.attrs ? spec.attrs(c) : Attrs{};
  Value out;
  out.name = c.b.op(spec.op, {x.name}, attrs, 1)[0];
  out.dims = x.dims;
  out.exact = spec.keepsExact && x.exact;
  out.positive = spec.positiveOut || (spec.keepsExact && x.positive &&
                                      std::string(spec.op) != "Neg");
  out.bound = spec.outBound(x.bound, x.lo);
  if (out.positive) {
    if (std::string(spec.op) == "Exp" || std::string(spec.op) == "Sigmoid" ||
        std::string(spec.op) == "Softplus")
      out.lo = std::exp(-x.bound - 1);
    else if (std::string(spec.op) == "Sqrt")
      out.lo = std::sqrt(x.lo);
    else if (std::string(spec.op) == "Reciprocal")
      out.lo = 1 / x.bound;
    else
      out.lo = x.lo;
    out.positive = out.lo > 0;
  }
  c.result(out, {&x});
  return true;
}

bool genUnaryExact(GenContext &c) {
  return genUnary(c, unarySpecs()[static_cast<size_t>(c.range(0, 7))]);
}
bool genUnaryMath(GenContext &c) {
  return genUnary(c, unarySpecs()[static_cast<size_t>(c.range(8, 18))]);
}
bool genActivation(GenContext &c) {
  return genUnary(
      c,
      unarySpecs()[static_cast<size_t>(c.range(19, unarySpecs().size() - 1))]);
}

/// Dims that broadcast with \p d: some dims 1, leading dims sometimes
/// dropped, rarely one more leading dim.
Dims broadcastPartner(GenContext &c, const Dims &d) {
  Dims out = d;
  for (int64_t &x : out)
    if (c.chance(0.3))
      x = 1;
  while (!out.empty() && c.chance(0.25))
    out.erase(out.begin());
  if (c.chance(0.1) && out.size() < 5 && count(d) * 3 <= kMaxElements)
    out.insert(out.begin(), c.oneOf<int64_t>({1, 2, 3}));
  return out;
}

/// An operand broadcasting with \p a into at most kMaxElements elements,
/// satisfying \p pred.
Value partner(GenContext &c, const Value &a,
              const std::function<bool(const Value &)> &pred) {
  return c.operand(
      [&](const Value &v) {
        Dims out;
        return v.name != a.name && pred(v) && broadcast(a.dims, v.dims, out) &&
               count(out) <= kMaxElements;
      },
      broadcastPartner(c, a.dims));
}

bool genBinary(GenContext &c) {
  static const std::vector<std::string> ops = {
      "Add", "Sub", "Mul", "Div", "Max", "Min", "Pow", "Mod", "PRelu"};
  std::string op = c.oneOf(ops);
  bool edge = c.edgeValues;
  auto bounded = [&](const Value &v) { return edge || v.bound <= 1e4; };
  Value a = c.operand(
      [&](const Value &v) {
        if (op == "Pow")
          return edge || (v.positive && v.bound <= 10);
        // fmod is discontinuous: a rounded dividend flips the result by the
        // divisor (seed 2521 of the first long run).
        if (op == "Mod")
          return v.exact;
        return bounded(v);
      },
      c.dims(static_cast<int>(c.range(0, 4))));
  if (a.name.empty())
    return false;
  Value b;
  Attrs attrs;
  if (op == "Pow" && c.chance(0.7)) {
    b.name = c.floats({}, {c.oneOf<float>({2, 3, 0.5f, 1.5f, -1, 0})});
    b.bound = 3;
  } else if (op == "PRelu") {
    // The slope broadcasts to X (unidirectionally).
    Dims d = broadcastPartner(c, a.dims);
    while (d.size() > a.dims.size())
      d.erase(d.begin());
    b = c.operand(
        [&](const Value &v) {
          Dims out;
          return v.name != a.name && bounded(v) &&
                 broadcast(a.dims, v.dims, out) && out == a.dims;
        },
        d);
  } else {
    b = partner(c, a, [&](const Value &v) {
      if (op == "Div" || op == "Mod")
        return v.positive || (edge && v.exact);
      if (op == "Pow")
        return edge || v.bound <= 2.5;
      return bounded(v);
    });
  }
  if (b.name.empty())
    return false;
  if (op == "Mod")
    attrs.push_back(zoo::attrInt("fmod", 1));
  Value out;
  if (!broadcast(a.dims, b.dims, out.dims))
    return false;
  out.name = c.b.op(op, {a.name, b.name}, attrs, 1)[0];
  if (op == "Add" || op == "Sub")
    out.bound = a.bound + b.bound;
  else if (op == "Mul" || op == "PRelu")
    out.bound = a.bound * std::max(b.bound, 1.0);
  else if (op == "Div")
    out.bound = a.bound / std::max(b.lo, 1e-9);
  else if (op == "Pow")
    out.bound = std::max(std::pow(a.bound, 3.0), std::pow(a.lo, -2.5));
  else if (op == "Mod")
    out.bound = b.bound;
  else
    out.bound = std::max(a.bound, b.bound);
  out.exact = (op == "Max" || op == "Min") && a.exact && b.exact;
  out.positive = (op == "Add" || op == "Mul" || op == "Max" || op == "Div") &&
                 a.positive && b.positive;
  if (out.positive)
    out.lo = op == "Add"   ? a.lo + b.lo
             : op == "Max" ? std::max(a.lo, b.lo)
             : op == "Div" ? a.lo / b.bound
                           : a.lo * b.lo;
  c.result(out, {&a, &b});
  return true;
}

/// Max or Min of 2-3 broadcasting operands (exact), or Sum or Mean.
bool genVariadic(GenContext &c, bool ordered) {
  std::string op = ordered ? (c.chance(0.5) ? "Sum" : "Mean")
                           : (c.chance(0.5) ? "Max" : "Min");
  auto ok = [&](const Value &v) { return !ordered || c.summable(v); };
  Value a = c.operand(ok, c.dims(static_cast<int>(c.range(1, 4))));
  if (a.name.empty())
    return false;
  std::vector<Value> args = {a};
  Dims out = a.dims;
  int n = static_cast<int>(c.range(1, 2));
  for (int i = 0; i < n; ++i) {
    Value current;
    current.name = "";
    current.dims = out;
    Value v = partner(c, current, ok);
    if (v.name.empty() || !broadcast(out, v.dims, out))
      return false;
    args.push_back(v);
  }
  std::vector<std::string> names;
  std::vector<const Value *> used;
  Value res;
  res.exact = !ordered;
  res.positive = true;
  res.lo = 1e300;
  for (const Value &v : args) {
    names.push_back(v.name);
    used.push_back(&v);
    res.exact = res.exact && v.exact;
    res.positive = res.positive && v.positive;
    res.lo = std::min(res.lo, v.lo);
    res.bound = ordered ? res.bound + v.bound : std::max(res.bound, v.bound);
  }
  res.positive = res.positive && res.lo > 0;
  res.dims = out;
  res.name = c.b.op(op, names, {}, 1)[0];
  c.result(res, used);
  return true;
}

bool genMaxMin(GenContext &c) { return genVariadic(c, false); }
bool genSumMean(GenContext &c) { return genVariadic(c, true); }

/// A comparison of exact operands, feeding Where or a Cast to float.
bool genCompare(GenContext &c) {
  static const std::vector<std::string> ops = {"Greater", "Less", "Equal",
                                               "GreaterOrEqual", "LessOrEqual"};
  auto exact = [](const Value &v) { return v.exact; };
  Value a = c.operand(exact, c.dims(static_cast<int>(c.range(0, 4))));
  if (a.name.empty())
    return false;
  Value b = partner(c, a, exact);
  Dims condDims;
  if (b.name.empty() || !broadcast(a.dims, b.dims, condDims))
    return false;
  std::string cond = c.b.op(c.oneOf(ops), {a.name, b.name}, {}, 1)[0];
  if (c.chance(0.3)) {
    std::string logical = c.oneOf<std::string>({"Not", "And", "Or", "Xor"});
    if (logical == "Not")
      cond = c.b.op("Not", {cond}, {}, 1)[0];
    else
      cond = c.b.op(logical, {cond, c.b.op("Less", {a.name, b.name}, {}, 1)[0]},
                    {}, 1)[0];
  }
  Value out;
  if (c.chance(0.3)) {
    out.name = c.b.op("Cast", {cond}, {zoo::attrInt("to", 1)}, 1)[0];
    out.dims = condDims;
    out.exact = true;
    out.bound = 1;
    c.result(out, {&a, &b});
    return true;
  }
  Value cv;
  cv.dims = condDims;
  Value x = partner(c, cv, [](const Value &) { return true; });
  if (x.name.empty())
    return false;
  Dims d1, d2;
  if (!broadcast(condDims, x.dims, d1))
    return false;
  Value y;
  y.dims = d1;
  Value z = partner(c, y, [](const Value &) { return true; });
  if (z.name.empty() || !broadcast(d1, z.dims, d2))
    return false;
  out.name = c.b.op("Where", {cond, x.name, z.name}, {}, 1)[0];
  out.dims = d2;
  out.exact = x.exact && z.exact;
  out.bound = std::max(x.bound, z.bound);
  out.positive = x.positive && z.positive;
  out.lo = std::min(x.lo, z.lo);
  c.result(out, {&a, &b, &x, &z});
  return true;
}

/// IsNaN or IsInf replacing the flagged elements with a constant.
bool genIsNanInf(GenContext &c) {
  Value a = c.operand([](const Value &) { return true; },
                      c.dims(static_cast<int>(c.range(0, 4))));
  if (a.name.empty())
    return false;
  Attrs attrs;
  std::string op = c.chance(0.5) ? "IsNaN" : "IsInf";
  if (op == "IsInf" && c.chance(0.5))
    attrs.push_back(
        zoo::attrInt(c.chance(0.5) ? "detect_positive" : "detect_negative", 0));
  std::string cond = c.b.op(op, {a.name}, attrs, 1)[0];
  std::string fill = c.floats({}, {c.oneOf<float>({0, -1, 7})});
  Value out;
  out.name = c.b.op("Where", {cond, fill, a.name}, {}, 1)[0];
  out.dims = a.dims;
  out.exact = a.exact;
  out.bound = std::max(a.bound, 7.0);
  c.result(out, {&a});
  return true;
}

} // namespace

void addElementwiseGenerators(std::vector<OpGenerator> &table) {
  table.push_back({"unary-exact", "elementwise", false, genUnaryExact, 8});
  table.push_back({"unary-math", "elementwise", false, genUnaryMath, 12});
  table.push_back({"activation", "activation", false, genActivation, 10});
  table.push_back({"binary", "elementwise", false, genBinary, 20});
  table.push_back({"max-min", "elementwise", false, genMaxMin, 4});
  table.push_back({"sum-mean", "elementwise", true, genSumMean, 3});
  table.push_back({"compare-where", "elementwise", false, genCompare, 6});
  table.push_back({"isnan-isinf", "elementwise", false, genIsNanInf, 2});
}

} // namespace kiln::fuzz
