//===- Mlp.cpp - MNIST-sized multilayer perceptrons -----------------------===//
//
// Two exports of one MLP (784 -> 128 -> ReLU -> 10), for the tests of shapes
// a user chooses:
//
//   mlp          exported at batch 1, as `torch.onnx.export` writes a model
//                traced with one example: input [1, 784], a Reshape to the
//                constant shape [1, 784] (`x.view(1, 784)`), Gemm, Relu,
//                Gemm, and the hidden value and the output declared [1, 128]
//                and [1, 10];
//   mlp-dynamic  the same with dynamic axes: input and output [batch, ...],
//                Flatten instead of the Reshape.
//
//===----------------------------------------------------------------------===//
#include "GraphBuilder.h"
#include "Zoo.h"

#include <cmath>

namespace kiln::zoo {

namespace {
/// x @ W^T + b with W [out, in], as PyTorch's Linear exports.
std::string linear(GraphBuilder &b, const std::string &x, int64_t in,
                   int64_t out, const std::string &name,
                   const std::string &outName = "") {
  float bound = 1.0f / std::sqrt(static_cast<float>(in));
  std::string w = b.weight(name + ".weight", {out, in}, -bound, bound);
  std::string bias = b.weight(name + ".bias", {out}, -bound, bound);
  return b.op("Gemm", {x, w, bias}, {attrInt("transB", 1)}, outName);
}

BuiltModel buildMlp(uint64_t seed, bool dynamic) {
  GraphBuilder b(dynamic ? "mlp-dynamic" : "mlp", 17, seed);
  std::string x = b.input("input", onnx::TensorProto::FLOAT, {1, 784});
  std::string flat =
      dynamic
          ? b.op("Flatten", {x}, {attrInt("axis", 1)})
          : b.op("Reshape", {x, b.constInt64s("flatten_shape", {2}, {1, 784})});
  std::string hidden =
      b.op("Relu", {linear(b, flat, 784, 128, "fc1")}, {}, "hidden");
  std::string logits = linear(b, hidden, 128, 10, "fc2", "logits");
  b.output(logits, onnx::TensorProto::FLOAT, {1, 10});
  onnx::GraphProto &g = b.graph();
  if (dynamic) {
    setDimParams(*g.mutable_input(0), {"batch"});
    setDimParams(*g.mutable_output(0), {"batch"});
  } else {
    onnx::ValueInfoProto *vi = g.add_value_info();
    vi->set_name(hidden);
    setTensorType(*vi, onnx::TensorProto::FLOAT, {1, 128});
  }
  int64_t params = b.numParams();
  return {std::move(b.model()), params};
}
} // namespace

BuiltModel buildMlp(uint64_t seed) { return buildMlp(seed, false); }

BuiltModel buildMlpDynamic(uint64_t seed) { return buildMlp(seed, true); }

} // namespace kiln::zoo
