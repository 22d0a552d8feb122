//===- Generator.h - Random valid ONNX graphs from a seed -------*- C++ -*-===//
//
// kiln-fuzz-graphs' generator: a seed gives one ONNX model (opset 17), the
// same bytes with every compiler, since all randomness comes from the
// spelled-out splitmix Rng of tools/kiln-zoo. A graph is a chain or a DAG of
// 2-30 ops drawn from a table of op generators (GenContext.h); the generator
// tracks every value's shape, so each op gets operands and attributes inside
// its legal range and the graph is valid by construction.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_FUZZ_GENERATOR_H
#define KILN_TOOLS_FUZZ_GENERATOR_H

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kiln::fuzz {

/// A generated model and what it is made of.
struct GeneratedGraph {
  onnx::ModelProto model;
  /// Op generators used, in order (e.g. "Conv", "ReduceSum").
  std::vector<std::string> ops;
  /// Number of uses of each op family ("elementwise", "conv-pool"...).
  std::map<std::string, int> families;
  /// Whether inputs and initializers hold NaN, infinities, -0 and huge
  /// values (then only ops whose result does not depend on evaluation
  /// order are drawn).
  bool edgeValues = false;
};

/// The graph of \p seed.
GeneratedGraph generateGraph(uint64_t seed);

/// Moves the ops of \p g into the body of a Loop (one to three trips, the
/// outputs stacked and the first one summed) or into both branches of an
/// If, chosen from \p seed (ControlFlowWrap.cpp); the graph's inputs and
/// initializers stay outside, read from the regions.
void wrapInControlFlow(GeneratedGraph &g, uint64_t seed);

/// Names of every op family, for the summary.
std::vector<std::string> opFamilies();

} // namespace kiln::fuzz

#endif // KILN_TOOLS_FUZZ_GENERATOR_H
