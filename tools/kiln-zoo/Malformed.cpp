//===- Malformed.cpp - Corpus of broken ONNX files for loader tests -------===//
//
// Writes one small file per way an ONNX model can be broken, plus a MANIFEST
// with one line per file:
//
//   <file name> TAB <substring> [TAB <substring>...]
//
// where every substring (lower case) must appear in the loader's one-line
// error for that file. The cases cover bytes that are not a ModelProto,
// missing graph or opset, dangling and duplicate values, cycles, bad shapes
// and dtypes, initializers whose data is short or external in unsafe ways,
// unknown ops, an attribute big enough to overflow shape arithmetic, and
// broken control-flow subgraphs.
// Everything is generated from code so the corpus can be regenerated
// byte-for-byte from the same seed.
//
//===----------------------------------------------------------------------===//
#include "GraphBuilder.h"
#include "Zoo.h"

#include <cassert>
#include <vector>

namespace kiln::zoo {
namespace {

constexpr int32_t kFloat = onnx::TensorProto::FLOAT;

/// One corpus entry: a file name, its bytes, the expected error substrings.
struct Case {
  std::string file;
  std::string bytes;
  std::vector<std::string> expect;
};

std::string serialize(const onnx::ModelProto &m) {
  std::string s;
  bool ok = m.SerializeToString(&s);
  (void)ok;
  assert(ok && "serializing a small model cannot fail");
  return s;
}

bool parses(const std::string &bytes) {
  onnx::ModelProto m;
  return m.ParseFromString(bytes);
}

/// y = Relu(x) over float [1, 4], opset \p opset.
onnx::ModelProto reluModel(const std::string &name, uint64_t seed,
                           int64_t opset = 17) {
  GraphBuilder b(name, opset, seed);
  std::string x = b.input("x", kFloat, {1, 4});
  b.output(b.op("Relu", {x}, {}, "y"), kFloat, {1, 4});
  return std::move(b.model());
}

/// A float initializer [4] named "w" whose data lives in \p location.
onnx::ModelProto externalModel(const std::string &name, uint64_t seed,
                               const std::string &location) {
  GraphBuilder b(name, 17, seed);
  std::string x = b.input("x", kFloat, {4});
  onnx::TensorProto *w = b.graph().add_initializer();
  w->set_name("w");
  w->set_data_type(kFloat);
  w->add_dims(4);
  w->set_data_location(onnx::TensorProto::EXTERNAL);
  auto entry = [&](const char *key, const std::string &value) {
    onnx::StringStringEntryProto *e = w->add_external_data();
    e->set_key(key);
    e->set_value(value);
  };
  entry("location", location);
  entry("offset", "0");
  entry("length", "16");
  b.output(b.op("Add", {x, "w"}, {}, "y"), kFloat, {4});
  return std::move(b.model());
}

/// A valid model (MatMul with a [32, 32] weight) cut to 60% of its bytes.
/// The cut lands inside the weight's raw_data; if it ever fell on a field
/// boundary the prefix would still parse, so step back until it does not.
std::string truncatedBytes(uint64_t seed) {
  GraphBuilder b("truncated", 17, seed);
  std::string x = b.input("x", kFloat, {1, 32});
  std::string w = b.weight("w", {32, 32}, -0.3f, 0.3f);
  b.output(b.op("MatMul", {x, w}, {}, "y"), kFloat, {1, 32});
  std::string full = serialize(b.model());
  size_t cut = full.size() * 60 / 100;
  while (cut > 0 && parses(full.substr(0, cut)))
    --cut;
  return full.substr(0, cut);
}

/// 4 KiB of PRNG bytes that protobuf rejects (redrawn in the unlikely event
/// that they happen to parse).
std::string randomBytes(uint64_t seed) {
  Rng rng(deriveSeed(seed, "random.onnx"));
  std::string bytes(4096, '\0');
  do {
    for (char &c : bytes)
      c = static_cast<char>(rng.next() & 0xff);
  } while (parses(bytes));
  return bytes;
}

/// y = Loop(3, "", x) whose body (i, c, v) -> (c, v + \p addend) reads
/// \p addend; with \p bodyInputs < 3 the body declares only its first
/// inputs and adds x instead of v.
onnx::ModelProto loopModel(const std::string &name, uint64_t seed,
                           const std::string &addend, int bodyInputs = 3) {
  GraphBuilder b(name, 13, seed);
  std::string x = b.input("x", kFloat, {1, 4});
  std::string n = b.constInt64s("n", {}, {3});
  onnx::GraphProto body;
  body.set_name("body");
  const char *names[] = {"i", "c", "v"};
  const int32_t types[] = {onnx::TensorProto::INT64, onnx::TensorProto::BOOL,
                           kFloat};
  const Dims dims[] = {{}, {}, {1, 4}};
  for (int k = 0; k < bodyInputs; ++k) {
    onnx::ValueInfoProto *in = body.add_input();
    in->set_name(names[k]);
    setTensorType(*in, types[k], dims[k]);
  }
  onnx::NodeProto *id = body.add_node();
  id->set_op_type("Identity");
  id->add_input("c");
  id->add_output("c_out");
  onnx::NodeProto *add = body.add_node();
  add->set_op_type("Add");
  add->add_input(bodyInputs == 3 ? "v" : x);
  add->add_input(addend);
  add->add_output("v_out");
  onnx::ValueInfoProto *cOut = body.add_output();
  cOut->set_name("c_out");
  setTensorType(*cOut, onnx::TensorProto::BOOL, {});
  onnx::ValueInfoProto *vOut = body.add_output();
  vOut->set_name("v_out");
  setTensorType(*vOut, kFloat, {1, 4});
  onnx::AttributeProto attr;
  attr.set_name("body");
  attr.set_type(onnx::AttributeProto::GRAPH);
  *attr.mutable_g() = body;
  b.output(b.op("Loop", {n, "", x}, {attr}, "y"), kFloat, {1, 4});
  return b.model();
}

std::vector<Case> buildCases(uint64_t seed) {
  std::vector<Case> cases;
  auto add = [&](const std::string &file, std::string bytes,
                 std::vector<std::string> expect) {
    cases.push_back({file, std::move(bytes), std::move(expect)});
  };

  add("empty.onnx", "", {"empty"});
  add("truncated.onnx", truncatedBytes(seed), {"cannot parse"});
  add("random.onnx", randomBytes(seed), {"cannot parse"});
  std::string text;
  for (int i = 0; i < 64; ++i)
    text += "this is not an onnx model\n";
  add("text.onnx", text, {"cannot parse"});

  {
    onnx::ModelProto m = reluModel("no_graph", seed);
    m.clear_graph();
    add("no_graph.onnx", serialize(m), {"no graph"});
  }
  {
    onnx::ModelProto m = reluModel("no_opset", seed);
    m.clear_opset_import();
    add("no_opset.onnx", serialize(m), {"opset"});
  }
  add("future_opset.onnx", serialize(reluModel("future_opset", seed, 99)),
      {"opset 99"});
  {
    GraphBuilder b("dangling", 17, seed);
    std::string x = b.input("x", kFloat, {1, 4});
    b.output(b.op("Add", {x, "ghost"}, {}, "y"), kFloat, {1, 4});
    add("dangling.onnx", serialize(b.model()), {"ghost"});
  }
  {
    onnx::ModelProto m = reluModel("undefined_output", seed);
    onnx::ValueInfoProto *out = m.mutable_graph()->add_output();
    out->set_name("nowhere");
    setTensorType(*out, kFloat, {1, 4});
    add("undefined_output.onnx", serialize(m), {"nowhere"});
  }
  {
    GraphBuilder b("cycle", 17, seed);
    b.op("Relu", {"b"}, {}, "a");
    b.op("Relu", {"a"}, {}, "b");
    b.output("a", kFloat, {1, 4});
    add("cycle.onnx", serialize(b.model()), {"cycle"});
  }
  {
    GraphBuilder b("negative_dim", 17, seed);
    std::string x = b.input("x", kFloat, {1, -5});
    b.output(b.op("Relu", {x}, {}, "y"), kFloat, {1, -5});
    add("negative_dim.onnx", serialize(b.model()), {"negative"});
  }
  {
    // 2^20 x 2^20 = 2^40 floats: 4 TiB, far beyond any sane allocation.
    GraphBuilder b("absurd_dim", 17, seed);
    Dims huge = {1 << 20, 1 << 20};
    std::string x = b.input("x", kFloat, huge);
    b.output(b.op("Relu", {x}, {}, "y"), kFloat, huge);
    add("absurd_dim.onnx", serialize(b.model()), {"too large"});
  }
  {
    GraphBuilder b("bad_initializer", 17, seed);
    std::string x = b.input("x", kFloat, {1000, 1000});
    onnx::TensorProto *w = b.graph().add_initializer();
    w->set_name("w");
    w->set_data_type(kFloat);
    w->add_dims(1000);
    w->add_dims(1000);
    w->set_raw_data(std::string(16, '\0'));
    b.output(b.op("Add", {x, "w"}, {}, "y"), kFloat, {1000, 1000});
    add("bad_initializer.onnx", serialize(b.model()), {"data size"});
  }
  add("external_escape.onnx",
      serialize(
          externalModel("external_escape", seed, "../../../../etc/passwd")),
      {"outside"});
  add("external_missing.onnx",
      serialize(externalModel("external_missing", seed, "weights_missing.bin")),
      {"cannot open"});
  {
    GraphBuilder b("unsupported_ops", 17, seed);
    std::string x = b.input("x", kFloat, {1, 4});
    std::string y = b.op("Relu", {x});
    y = b.op("FooBar", {y});
    y = b.op("BazQux", {y}, {}, "y");
    b.output(y, kFloat, {1, 4});
    add("unsupported_ops.onnx", serialize(b.model()), {"foobar", "bazqux"});
  }
  {
    GraphBuilder b("duplicate_output", 17, seed);
    std::string in = b.input("input", kFloat, {1, 4});
    onnx::GraphProto &g = b.graph();
    for (const char *opType : {"Relu", "Sigmoid"}) {
      onnx::NodeProto *n = g.add_node();
      n->set_name(std::string(opType) + "_x");
      n->set_op_type(opType);
      n->add_input(in);
      n->add_output("x");
    }
    b.output("x", kFloat, {1, 4});
    add("duplicate_output.onnx", serialize(b.model()), {"x"});
  }
  {
    GraphBuilder b("bad_dtype", 17, seed);
    std::string s = b.input("s", onnx::TensorProto::STRING, {4});
    b.output(b.op("Identity", {s}, {}, "y"), onnx::TensorProto::STRING, {4});
    add("bad_dtype.onnx", serialize(b.model()), {"string"});
  }
  {
    GraphBuilder b("huge_attr", 17, seed);
    std::string x = b.input("x", kFloat, {1, 1, 4, 4});
    std::string w = b.weight("w", {1, 1, 3, 3}, -1.0f, 1.0f);
    std::string y =
        b.op("Conv", {x, w},
             {attrInts("kernel_shape", {1000000000, 1000000000})}, "y");
    b.output(y, kFloat, {1, 1, 2, 2});
    add("huge_attr.onnx", serialize(b.model()), {"kernel_shape"});
  }
  // Control flow: a Loop body reading a value no scope defines, and one
  // missing the input of its loop-carried value.
  add("subgraph_dangling.onnx",
      serialize(loopModel("subgraph_dangling", seed, "phantom")), {"phantom"});
  add("subgraph_inputs.onnx",
      serialize(loopModel("subgraph_inputs", seed, "x", 2)),
      {"subgraph 'body' has 2 inputs; expected 3"});
  return cases;
}

} // namespace

bool writeMalformedCorpus(const std::string &dir, uint64_t seed,
                          std::string &err) {
  std::string manifest;
  for (const Case &c : buildCases(seed)) {
    // Guard the corpus itself: the "cannot parse" files must be rejected by
    // the same C++ protobuf parser the loader uses, and every other
    // non-empty file must parse, so that each case reaches the check it
    // targets.
    bool wantParseError = c.expect.front() == "cannot parse";
    if (!c.bytes.empty() && parses(c.bytes) == wantParseError) {
      err = "internal error: '" + c.file + "' " +
            (wantParseError ? "parses" : "does not parse") + " as a ModelProto";
      return false;
    }
    if (!writeFileAtomic(dir + "/" + c.file, c.bytes, err))
      return false;
    manifest += c.file;
    for (const std::string &e : c.expect)
      manifest += "\t" + e;
    manifest += "\n";
  }
  return writeFileAtomic(dir + "/MANIFEST", manifest, err);
}

} // namespace kiln::zoo
