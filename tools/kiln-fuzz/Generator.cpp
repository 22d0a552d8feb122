//===- Generator.cpp - Random valid ONNX graphs from a seed ---------------===//
//
// The driver draws the number of ops, whether the graph holds edge values,
// then entries of the generator table by weight until it has that many ops;
// every value no op consumed becomes a graph output, declared with the shape
// the generator tracked.
//
//===----------------------------------------------------------------------===//
#include "Generator.h"
#include "GenContext.h"
#include "Values.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <set>

namespace kiln::fuzz {

int64_t GenContext::range(int64_t lo, int64_t hi) {
  assert(lo <= hi && "empty range");
  return lo +
         static_cast<int64_t>(rng.next() % static_cast<uint64_t>(hi - lo + 1));
}

bool GenContext::chance(double p) { return rng.uniform() < p; }

int64_t GenContext::dim(bool allowZero) {
  uint64_t r = rng.next() % 100;
  if (allowZero && r < 2)
    return 0;
  if (r < 22)
    return 1;
  if (r < 30)
    return 7;
  if (r < 36)
    return 17;
  if (r < 39)
    return 63;
  if (r < 80)
    return range(2, 8);
  return range(9, 32);
}

Dims GenContext::dims(int rank, int64_t maxElements, bool allowZero) {
  Dims d;
  int64_t n = 1;
  for (int i = 0; i < rank; ++i) {
    int64_t x = dim(allowZero);
    // Shrink a dim that would overflow the budget.
    while (x > 1 && n * x > maxElements)
      x = x / 2;
    d.push_back(x);
    n *= std::max<int64_t>(x, 1);
  }
  return d;
}

int GenContext::pick(const std::function<bool(const Value &)> &pred) {
  std::vector<int> ok;
  for (size_t i = 0; i < values.size(); ++i)
    if (pred(values[i]))
      ok.push_back(static_cast<int>(i));
  if (ok.empty())
    return -1;
  if (chance(0.6))
    return ok.back();
  return ok[static_cast<size_t>(range(0, ok.size() - 1))];
}

Value GenContext::operand(const std::function<bool(const Value &)> &pred,
                          const Dims &fallback, bool allowInit) {
  // A fresh input now and then even when a value fits: DAGs get joins.
  int i = chance(0.85) ? pick(pred) : -1;
  if (i >= 0)
    return values[i];
  bool positive = false;
  Value probe;
  probe.dims = fallback;
  probe.exact = true;
  probe.bound = 2;
  if (!pred(probe)) {
    probe.positive = positive = true;
    probe.bound = 2.5;
    probe.lo = 0.5;
    if (!pred(probe))
      return Value{}; // Nothing fits: the caller gives up.
  }
  // An initializer only beside graph inputs: a graph of constants folds
  // away at compile time and would test nothing but the folder.
  if (allowInit && hasInput && chance(0.3))
    return initializer(fallback, positive);
  return input(fallback, positive);
}

Value GenContext::input(const Dims &dims, bool positive) {
  ValueKind kind = positive     ? ValueKind::Positive
                   : edgeValues ? ValueKind::Edge
                                : ValueKind::Normal;
  hasInput = true;
  Value v;
  v.name = b.input(std::string(valuePrefix(kind)) + std::to_string(counter++),
                   onnx::TensorProto::FLOAT, dims);
  v.dims = dims;
  v.exact = true;
  v.positive = positive;
  v.bound = kind == ValueKind::Edge ? 1e38 : positive ? 2.5 : 2;
  v.lo = positive ? 0.5 : 0;
  return v;
}

Value GenContext::initializer(const Dims &dims, bool positive) {
  ValueKind kind = positive     ? ValueKind::Positive
                   : edgeValues ? ValueKind::Edge
                                : ValueKind::Normal;
  std::vector<float> data(static_cast<size_t>(count(dims)));
  for (float &f : data)
    f = drawValue(rng, kind);
  Value v;
  v.name = b.constFloats(std::string("w_") + valuePrefix(kind) +
                             std::to_string(counter++),
                         dims, data);
  v.dims = dims;
  v.exact = true;
  v.positive = positive;
  v.bound = kind == ValueKind::Edge ? 1e38 : positive ? 2.5 : 2;
  v.lo = positive ? 0.5 : 0;
  return v;
}

std::string GenContext::floats(const Dims &dims,
                               const std::vector<float> &values) {
  return b.constFloats("c" + std::to_string(counter++), dims, values);
}

std::string GenContext::int64s(const Dims &dims,
                               const std::vector<int64_t> &values) {
  return b.constInt64s("i" + std::to_string(counter++), dims, values);
}

void GenContext::result(Value out, const std::vector<const Value *> &operands) {
  for (const Value *op : operands)
    for (Value &v : values)
      if (v.name == op->name)
        ++v.uses;
  // Operands that were fresh inputs or initializers become usable later.
  for (const Value *op : operands)
    if (std::none_of(values.begin(), values.end(),
                     [&](const Value &v) { return v.name == op->name; })) {
      Value copy = *op;
      copy.uses = 1;
      values.push_back(copy);
    }
  out.computed = true;
  if (!edgeValues && out.bound > 1e30)
    out.bound = 1e30;
  values.push_back(std::move(out));
}

bool broadcast(Dims a, Dims b, Dims &out) {
  // By value: \p out may alias an operand.
  size_t rank = std::max(a.size(), b.size());
  out.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t x = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t y = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (x != y && x != 1 && y != 1)
      return false;
    out[i] = x == 1 ? y : x;
  }
  return true;
}

namespace {

const std::vector<OpGenerator> &table() {
  static const std::vector<OpGenerator> t = [] {
    std::vector<OpGenerator> all;
    addElementwiseGenerators(all);
    addNnGenerators(all);
    addShapeGenerators(all);
    return all;
  }();
  return t;
}

} // namespace

std::vector<std::string> opFamilies() {
  std::set<std::string> names;
  for (const OpGenerator &g : table())
    names.insert(g.family);
  return {names.begin(), names.end()};
}

GeneratedGraph generateGraph(uint64_t seed) {
  GeneratedGraph out;
  zoo::Rng rng(zoo::deriveSeed(seed, "kiln-fuzz-graphs"));
  out.edgeValues = rng.uniform() < 0.2;
  zoo::GraphBuilder b("fuzz_" + std::to_string(seed), 17, seed);
  b.model().set_producer_name("kiln-fuzz-graphs");
  GenContext ctx(b, rng, out.edgeValues);

  // Mostly short graphs: most bugs need few ops, and short graphs are cheap.
  int numOps = rng.uniform() < 0.6 ? static_cast<int>(ctx.range(2, 8))
                                   : static_cast<int>(ctx.range(9, 30));
  std::vector<const OpGenerator *> gens;
  int totalWeight = 0;
  for (const OpGenerator &g : table())
    if (!(out.edgeValues && g.orderSensitive)) {
      gens.push_back(&g);
      totalWeight += g.weight;
    }
  for (int attempts = 0;
       static_cast<int>(out.ops.size()) < numOps && attempts < numOps * 20;
       ++attempts) {
    int r = static_cast<int>(ctx.range(0, totalWeight - 1));
    const OpGenerator *g = gens.back();
    for (const OpGenerator *candidate : gens) {
      if (r < candidate->weight) {
        g = candidate;
        break;
      }
      r -= candidate->weight;
    }
    if (!g->generate(ctx))
      continue;
    out.ops.push_back(g->name);
    ++out.families[g->family];
  }

  // Unconsumed computed values are the outputs.
  std::vector<const Value *> outputs;
  for (const Value &v : ctx.values)
    if (v.computed && v.uses == 0)
      outputs.push_back(&v);
  if (outputs.empty()) {
    for (auto it = ctx.values.rbegin(); it != ctx.values.rend(); ++it)
      if (it->computed) {
        outputs.push_back(&*it);
        break;
      }
  }
  assert(!outputs.empty() && "every graph has at least one op");
  for (const Value *v : outputs)
    b.output(v->name, onnx::TensorProto::FLOAT, v->dims);
  out.model = std::move(b.model());
  return out;
}

} // namespace kiln::fuzz
