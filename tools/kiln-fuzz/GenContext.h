//===- GenContext.h - State shared by the op generators ---------*- C++ -*-===//
//
// Every op generator is a small function `bool gen(GenContext &)` in a table
// (one entry per op or op group, with its family). It picks operands among
// the values made so far (or makes new graph inputs or initializers), adds
// its node(s) and pushes the float result values, or returns false when it
// finds no legal configuration (the driver then draws another entry).
//
// Values carry facts the generators need to avoid comparing noise:
//  - exact: bitwise the same on every backend (inputs, data movement,
//    min/max); only exact values feed discontinuous ops (Floor, Sign,
//    comparisons, ArgMax, casts to integers);
//  - positive: > 0, for Log, Sqrt, divisors, Pow bases;
//  - bound: a rough bound of |value|; order-sensitive ops (sums, products)
//    take only modestly bounded operands, so rounding differences stay
//    within the comparison's tolerance.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_FUZZ_GENCONTEXT_H
#define KILN_TOOLS_FUZZ_GENCONTEXT_H

#include "GraphBuilder.h"

#include <functional>
#include <string>
#include <vector>

namespace kiln::fuzz {

using zoo::Dims;

/// Largest tensor a generator makes, in elements.
inline constexpr int64_t kMaxElements = 64 * 1024;

/// A float tensor the next ops may use.
struct Value {
  std::string name;
  Dims dims;
  bool exact = false;
  bool positive = false;
  double bound = 2;
  /// For positive values, a lower bound (> 0).
  double lo = 0;
  int uses = 0;
  /// Made by an op (not a graph input or initializer).
  bool computed = false;
};

class GenContext {
public:
  GenContext(zoo::GraphBuilder &builder, zoo::Rng &rng, bool edgeValues)
      : b(builder), rng(rng), edgeValues(edgeValues) {}

  zoo::GraphBuilder &b;
  zoo::Rng &rng;
  /// Inputs and initializers hold NaN, infinities, -0 and huge values.
  const bool edgeValues;
  std::vector<Value> values;

  /// Uniform integer in [lo, hi].
  int64_t range(int64_t lo, int64_t hi);
  /// True with probability \p p.
  bool chance(double p);
  /// One of \p items.
  template <typename T> const T &oneOf(const std::vector<T> &items) {
    return items[static_cast<size_t>(range(0, items.size() - 1))];
  }
  /// A random dimension: mostly small, often 1, 7, 17 or 63, sometimes 0
  /// when \p allowZero.
  int64_t dim(bool allowZero = true);
  /// Random dims of rank \p rank with at most \p maxElements elements.
  Dims dims(int rank, int64_t maxElements = 4096, bool allowZero = true);

  /// Index of a value satisfying \p pred: the latest one (a chain) more
  /// often than not, else any (a DAG); -1 when none does.
  int pick(const std::function<bool(const Value &)> &pred);
  /// A value satisfying \p pred, or a new graph input of dims \p fallback
  /// (or an initializer, when \p allowInit and a coin says so).
  Value operand(const std::function<bool(const Value &)> &pred,
                const Dims &fallback, bool allowInit = true);

  /// A new graph input. \p positive inputs hold values in [0.5, 2.5),
  /// others values in [-2, 2) (with edge values in such graphs).
  Value input(const Dims &dims, bool positive = false);
  /// A new float initializer filled like an input.
  Value initializer(const Dims &dims, bool positive = false);
  /// A float initializer of the given values.
  std::string floats(const Dims &dims, const std::vector<float> &values);
  /// An int64 initializer.
  std::string int64s(const Dims &dims, const std::vector<int64_t> &values);
  /// A 1-D int64 initializer.
  std::string int64s(const std::vector<int64_t> &values) {
    return int64s({static_cast<int64_t>(values.size())}, values);
  }

  /// Records a use of every operand named in \p operands and pushes \p out.
  void result(Value out, const std::vector<const Value *> &operands);

  /// Whether \p v may feed an op whose result depends on the order of
  /// floating-point operations (sums, products, interpolation).
  bool summable(const Value &v) const { return !edgeValues && v.bound <= 100; }

private:
  int counter = 0;
  /// Whether the graph has an input yet.
  bool hasInput = false;
};

/// One entry of the generator table.
struct OpGenerator {
  const char *name;
  const char *family;
  /// Whether its result depends on evaluation order (never drawn in graphs
  /// with edge values).
  bool orderSensitive;
  bool (*generate)(GenContext &);
  /// Relative weight of the entry.
  int weight = 10;
};

/// The tables of each source file.
void addElementwiseGenerators(std::vector<OpGenerator> &table);
void addNnGenerators(std::vector<OpGenerator> &table);

/// Generators of GenNorm.cpp (softmax and normalizations, whole and
/// decomposed), put in the table by addNnGenerators.
bool genSoftmax(GenContext &c);
bool genNorm(GenContext &c);
bool genLayerNormDecomposed(GenContext &c);
bool genRmsNormDecomposed(GenContext &c);

/// Generators of GenChains.cpp (the conv chains the passes rewrite), put in
/// the table by addNnGenerators.
bool genPointwiseChain(GenContext &c);
bool genResidualBlock(GenContext &c);
bool genPointwisePanel(GenContext &c);
bool genConvPrologue(GenContext &c);
bool genWinogradConv(GenContext &c);
void addShapeGenerators(std::vector<OpGenerator> &table);

/// Output size of one spatial dim of a conv or pool (input \p in, kernel
/// \p k, stride \p s, dilation \p d, pads \p pb and \p pe, \p autoPad,
/// \p ceil mode), as ONNX shape inference computes it; -1 when the window
/// does not fit. In GenNn.cpp.
int64_t windowOut(int64_t in, int64_t k, int64_t s, int64_t d, int64_t pb,
                  int64_t pe, const std::string &autoPad, bool ceil);

/// Numpy broadcast of \p a and \p b into \p out; false when incompatible.
bool broadcast(Dims a, Dims b, Dims &out);

/// Product of \p dims.
inline int64_t count(const Dims &dims) { return zoo::numElements(dims); }

} // namespace kiln::fuzz

#endif // KILN_TOOLS_FUZZ_GENCONTEXT_H
