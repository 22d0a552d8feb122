//===- Mutated.cpp - Models whose declared shapes lie ---------------------===//
//
// Valid-looking models whose declared value or output shapes contradict what
// their ops compute, as a mutation of a good model leaves them: an attribute
// changed (a pool's pads, a conv's strides, a concat axis, an einsum
// equation) while the old declared output stays, or a declared output shape
// that was never true; and operands an op cannot take.
// Kiln must re-infer such shapes with one warning per value, identically on
// every backend, or refuse operands an op cannot take with one error line
// (tests/lit/tools/declared-shapes.test). Node names are fixed so the
// messages can be checked.
//
//===----------------------------------------------------------------------===//
#include "GraphBuilder.h"
#include "Zoo.h"

namespace kiln::zoo {
namespace {

constexpr int32_t kFloat = onnx::TensorProto::FLOAT;

/// The last node's name becomes \p name.
void nameLastNode(GraphBuilder &b, const std::string &name) {
  b.graph().mutable_node(b.graph().node_size() - 1)->set_name(name);
}

/// Declares \p value's shape in the graph's value_info.
void declare(GraphBuilder &b, const std::string &value, const Dims &dims) {
  setTensorType(*b.graph().add_value_info(), kFloat, dims);
  b.graph()
      .mutable_value_info(b.graph().value_info_size() - 1)
      ->set_name(value);
}

struct Mutant {
  std::string file;
  onnx::ModelProto model;
};

std::vector<Mutant> buildMutants(uint64_t seed) {
  std::vector<Mutant> out;
  auto add = [&](const std::string &file, GraphBuilder &b) {
    out.push_back({file, std::move(b.model())});
  };
  // y = Clip(x), x [1], y declared [3]: 3 copies of x would be wrong.
  {
    GraphBuilder b("clip_broadcast", 17, seed);
    std::string x = b.input("x", kFloat, {1});
    b.op("Clip", {x}, {}, "y");
    nameLastNode(b, "clip");
    b.output("y", kFloat, {3});
    add("clip_broadcast.onnx", b);
  }
  // y = Clip(x), x [3], y declared [0]: an empty result would be wrong.
  {
    GraphBuilder b("clip_empty", 17, seed);
    std::string x = b.input("x", kFloat, {3});
    b.op("Clip", {x}, {}, "y");
    nameLastNode(b, "clip");
    b.output("y", kFloat, {0});
    add("clip_empty.onnx", b);
  }
  // MaxPool 3x3 stride 1: pads widened on the right, old output declared;
  // a Relu after it whose declared type follows the old shape.
  for (const char *pool : {"MaxPool", "AveragePool"}) {
    std::string name = pool == std::string("MaxPool") ? "maxpool" : "avgpool";
    GraphBuilder b(name + "_pads", 17, seed);
    std::string x = b.input("x", kFloat, {1, 3, 32, 32});
    std::string p =
        b.op(pool, {x},
             {attrInts("kernel_shape", {3, 3}), attrInts("pads", {0, 0, 0, 1})},
             "pooled");
    nameLastNode(b, "pool");
    declare(b, p, {1, 3, 30, 30});
    b.op("Relu", {p}, {}, "y");
    nameLastNode(b, "relu");
    b.output("y", kFloat, {1, 3, 30, 30});
    add(name + "_pads.onnx", b);
  }
  // Concat of 1x2x3 and 1x2x3 with the axis changed from 2 to 1.
  {
    GraphBuilder b("concat_axis", 17, seed);
    std::string x = b.input("x", kFloat, {1, 2, 3});
    std::string w = b.weight("w", {1, 2, 3}, -1.0f, 1.0f);
    b.op("Concat", {x, w}, {attrInt("axis", 1)}, "y");
    nameLastNode(b, "concat");
    b.output("y", kFloat, {1, 2, 6});
    add("concat_axis.onnx", b);
  }
  // Concat whose operands cannot be joined on the axis: refused.
  {
    GraphBuilder b("concat_mismatch", 17, seed);
    std::string x = b.input("x", kFloat, {1, 2, 3});
    std::string w = b.weight("w", {1, 2, 4}, -1.0f, 1.0f);
    b.op("Concat", {x, w}, {attrInt("axis", 1)}, "y");
    nameLastNode(b, "concat");
    b.output("y", kFloat, {1, 4, 3});
    add("concat_mismatch.onnx", b);
  }
  // Einsum "ij,jk->ik" changed to "ij,jk->ki", the old output declared.
  {
    GraphBuilder b("einsum_equation", 17, seed);
    std::string x = b.input("x", kFloat, {2, 3});
    std::string w = b.weight("w", {3, 4}, -1.0f, 1.0f);
    b.op("Einsum", {x, w}, {attrString("equation", "ij,jk->ki")}, "y");
    nameLastNode(b, "einsum");
    b.output("y", kFloat, {2, 4});
    add("einsum_equation.onnx", b);
  }
  // Einsum whose equation does not fit its operands ("ij,kj" on 2x3, 3x4).
  {
    GraphBuilder b("einsum_mismatch", 17, seed);
    std::string x = b.input("x", kFloat, {2, 3});
    std::string w = b.weight("w", {3, 4}, -1.0f, 1.0f);
    b.op("Einsum", {x, w}, {attrString("equation", "ij,kj->ik")}, "y");
    nameLastNode(b, "einsum");
    b.output("y", kFloat, {2, 3});
    add("einsum_mismatch.onnx", b);
  }
  // DequantizeLinear (an op with no shape rule: its declared type is kept)
  // whose output is declared 4 for an input of 3: refused when it runs, with
  // the same line on every backend, never 4 values.
  {
    GraphBuilder b("dequantize_declared", 17, seed);
    std::string x = b.input("x", onnx::TensorProto::INT8, {3});
    std::string scale = b.constFloats("scale", {}, {0.5f});
    b.op("DequantizeLinear", {x, scale}, {}, "y");
    nameLastNode(b, "dq");
    b.output("y", kFloat, {4});
    add("dequantize_declared.onnx", b);
  }
  // Conv 3x3 whose strides changed from 1 to 2, the old output declared;
  // then a Reshape of a constant shape whose output is declared wrong.
  {
    GraphBuilder b("conv_strides", 17, seed);
    std::string x = b.input("x", kFloat, {1, 2, 9, 9});
    std::string w = b.weight("w", {4, 2, 3, 3}, -1.0f, 1.0f);
    std::string c = b.op("Conv", {x, w}, {attrInts("strides", {2, 2})}, "c");
    nameLastNode(b, "conv");
    declare(b, c, {1, 4, 7, 7});
    std::string shape = b.constInt64s("shape", {2}, {4, 16});
    b.op("Reshape", {c, shape}, {}, "y");
    nameLastNode(b, "reshape");
    b.output("y", kFloat, {4, 49});
    add("conv_strides.onnx", b);
  }
  // A Reshape to a constant shape of another element count: refused.
  {
    GraphBuilder b("reshape_count", 17, seed);
    std::string x = b.input("x", kFloat, {4, 16});
    std::string shape = b.constInt64s("shape", {2}, {4, 17});
    b.op("Reshape", {x, shape}, {}, "y");
    nameLastNode(b, "reshape");
    b.output("y", kFloat, {4, 17});
    add("reshape_count.onnx", b);
  }
  // A wrong intermediate declaration (value_info) before a good output.
  {
    GraphBuilder b("value_info", 17, seed);
    std::string x = b.input("x", kFloat, {2, 3});
    std::string h = b.op("Relu", {x}, {}, "h");
    nameLastNode(b, "relu");
    declare(b, h, {3, 2});
    b.op("Neg", {h}, {}, "y");
    nameLastNode(b, "neg");
    b.output("y", kFloat, {2, 3});
    add("value_info.onnx", b);
  }
  return out;
}

} // namespace

bool writeMutatedModels(const std::string &dir, uint64_t seed,
                        std::string &err) {
  for (const Mutant &m : buildMutants(seed)) {
    int64_t bytes = 0;
    if (!writeModelAtomic(dir + "/" + m.file, m.model, bytes, err))
      return false;
  }
  return true;
}

} // namespace kiln::zoo
