//===- GraphBuilder.h - Small helper for writing ONNX graphs ----*- C++ -*-===//
//
// A thin layer over the ONNX protobuf classes for building test models: it
// adds graph inputs and outputs with static shapes, initializers filled from a
// deterministic PRNG, and nodes whose output names are generated so that they
// never collide. Every initializer draws from its own PRNG stream derived from
// (seed, initializer name), so adding a layer to one model does not change
// the weights of the layers before it.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_ZOO_GRAPHBUILDER_H
#define KILN_TOOLS_ZOO_GRAPHBUILDER_H

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

namespace kiln::zoo {

/// Dimensions of a tensor, outermost first.
using Dims = std::vector<int64_t>;

/// Product of the dimensions (1 for a scalar).
int64_t numElements(const Dims &dims);

/// splitmix64: a tiny PRNG whose output is fully specified, unlike the
/// `std::*_distribution` classes, so the same seed gives the same bytes with
/// every compiler and standard library.
class Rng {
public:
  explicit Rng(uint64_t seed) : state(seed) {}
  /// Next 64 random bits.
  uint64_t next();
  /// Uniform in [0, 1) with 24 bits of precision.
  float uniform();
  /// Uniform in [lo, hi).
  float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }

private:
  uint64_t state;
};

/// Mixes \p seed with a string (FNV-1a then splitmix) into a stream seed.
uint64_t deriveSeed(uint64_t seed, const std::string &name);

/// Attribute constructors for GraphBuilder::op.
onnx::AttributeProto attrInt(const std::string &name, int64_t value);
onnx::AttributeProto attrInts(const std::string &name,
                              const std::vector<int64_t> &values);
onnx::AttributeProto attrFloat(const std::string &name, float value);
onnx::AttributeProto attrString(const std::string &name,
                                const std::string &value);

/// Sets \p info to a tensor type with element type \p elemType and the given
/// static shape.
void setTensorType(onnx::ValueInfoProto &info, int32_t elemType,
                   const Dims &dims);

/// Makes dim \p i of \p info's shape the symbol \p params[i] (as
/// exporters write `batch` and `seq`) wherever that is not empty.
void setDimParams(onnx::ValueInfoProto &info,
                  const std::vector<std::string> &params);

/// Builds one ModelProto. Names are unique within the graph: a requested name
/// that is taken gets a numeric suffix.
class GraphBuilder {
public:
  /// Starts a model with a single default-domain opset import.
  GraphBuilder(const std::string &graphName, int64_t opset, uint64_t seed);

  /// Adds a graph input and returns its name.
  std::string input(const std::string &name, int32_t elemType,
                    const Dims &dims);
  /// Marks \p value as a graph output with the given static type.
  void output(const std::string &value, int32_t elemType, const Dims &dims);

  /// Adds a float initializer counted as a model parameter, drawn uniformly
  /// from [lo, hi) out of the stream for its name.
  std::string weight(const std::string &name, const Dims &dims, float lo,
                     float hi);
  /// Adds a float constant initializer (not counted as a parameter).
  std::string constFloats(const std::string &name, const Dims &dims,
                          const std::vector<float> &values);
  /// Adds an int64 constant initializer (not counted as a parameter).
  std::string constInt64s(const std::string &name, const Dims &dims,
                          const std::vector<int64_t> &values);

private:
  /// Adds an initializer named uniquely after \p name with its data of
  /// \p bytes raw bytes (to be filled by the caller).
  onnx::TensorProto *addInitializer(const std::string &name, int32_t dataType,
                                    const Dims &dims, size_t bytes);

public:
  /// Appends a node with one output and returns the output's name. The
  /// output is called \p outName when given, else "<scope>/<Op>_<n>".
  std::string op(const std::string &opType,
                 const std::vector<std::string> &inputs,
                 std::initializer_list<onnx::AttributeProto> attrs = {},
                 const std::string &outName = "");

  /// The same with attributes built at run time, and \p numOutputs
  /// outputs (named "<base>_out", "<base>_out1", ...). Returns the outputs.
  std::vector<std::string> op(const std::string &opType,
                              const std::vector<std::string> &inputs,
                              const std::vector<onnx::AttributeProto> &attrs,
                              int numOutputs);

  /// Adds a constant initializer of any element type from its raw
  /// little-endian bytes (not counted as a parameter).
  std::string constRaw(const std::string &name, int32_t elemType,
                       const Dims &dims, const std::string &bytes);

  /// Node names and generated value names start with this prefix, so that a
  /// node can be traced back to the layer that made it (e.g. "layer1.0").
  void setScope(const std::string &scope) { this->scope = scope; }

  /// Number of scalar parameters added through `weight`.
  int64_t numParams() const { return params; }
  /// The model under construction.
  onnx::ModelProto &model() { return proto; }
  onnx::GraphProto &graph() { return *proto.mutable_graph(); }

private:
  /// Returns \p name, or \p name with a ".<n>" suffix if it is taken, and
  /// reserves the result.
  std::string unique(const std::string &name);

  onnx::ModelProto proto;
  uint64_t seed;
  std::string scope;
  std::set<std::string> names;
  int64_t nodeCounter = 0;
  int64_t params = 0;
};

} // namespace kiln::zoo

#endif // KILN_TOOLS_ZOO_GRAPHBUILDER_H
