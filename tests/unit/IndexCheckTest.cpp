//===- IndexCheckTest.cpp - Index values out of range, compiled ----------===//
//
// The compiled gathers, scatters and losses clamp index values (they cannot
// fail); the executor and the AOT driver check them before the kernel runs
// (PlanStep::indexChecks). Each op runs on the interpreter, the JIT, the
// JIT's model entry read back and an AOT library: in range, all four give
// the same bytes; out of range, all four fail with the interpreter's message.
// The kiln tool's random inputs stay below the sizes such inputs address.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "ModelFileTest.h"

#include "kiln/cpu/Aot.h"
#include "kiln/cpu/ModelCache.h"
#include "kiln/interpreter/Interpreter.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace kiln;
using namespace kiln::test;
using kiln::tool::bindInputs;
using kiln::tool::inputIndexBounds;
using kiln::tool::randomIntegerInputsNote;

namespace {

/// An i64 (or, with \p i32, i32) tensor of \p shape holding \p values.
Tensor ints(Shape shape, std::vector<int64_t> values, bool i32 = false) {
  Tensor t(i32 ? DType::I32 : DType::I64, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i) {
    if (i32)
      t.data<int32_t>()[i] = static_cast<int32_t>(values[i]);
    else
      t.data<int64_t>()[i] = values[i];
  }
  return t;
}

/// An f32 tensor of \p shape holding 0.5, 1.5, 2.5...
Tensor floats(Shape shape) {
  Tensor t(DType::F32, std::move(shape));
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.data<float>()[i] = static_cast<float>(i) + 0.5f;
  return t;
}

void addInt(onnx::NodeProto &n, const std::string &name, int64_t v) {
  auto *a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
}

void addString(onnx::NodeProto &n, const std::string &name,
               const std::string &v) {
  auto *a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
}

class IndexCheckTest : public ModelFileTest {
protected:
  /// How one backend's run ended: its outputs, or its error message.
  struct Outcome {
    std::vector<Tensor> outputs;
    std::string error;
  };

  static Outcome outcome(llvm::Expected<std::vector<Tensor>> result) {
    Outcome o;
    if (result)
      o.outputs = std::move(*result);
    else
      o.error = llvm::toString(result.takeError());
    return o;
  }

  /// Expects \p actual (from \p backend) to be \p expected: the same error
  /// message, or the same output bytes.
  static void expectSame(const Outcome &expected, const Outcome &actual,
                         const std::string &backend) {
    SCOPED_TRACE(backend);
    EXPECT_EQ(actual.error, expected.error);
    ASSERT_EQ(actual.outputs.size(), expected.outputs.size());
    for (size_t o = 0; o < actual.outputs.size(); ++o) {
      const Tensor &a = actual.outputs[o], &e = expected.outputs[o];
      ASSERT_EQ(a.shape(), e.shape()) << "output " << o;
      ASSERT_EQ(a.dtype(), e.dtype()) << "output " << o;
      EXPECT_EQ(0, std::memcmp(a.raw(), e.raw(), e.byteSize()))
          << "output " << o;
    }
  }

  /// The plan step of \p jit whose label holds \p op.
  static const cpu::PlanStep *stepOf(const cpu::JitModel &jit,
                                     const std::string &op) {
    for (const cpu::PlanStep &step : jit.getPlan().steps)
      if (step.label.find(op) != std::string::npos)
        return &step;
    return nullptr;
  }

  /// Builds \p b once; expects its \p op step to be compiled with an index
  /// check; then runs each of \p runs on the interpreter, the JIT, the
  /// JIT's model entry and an AOT library, all alike. Returns the
  /// interpreter's error per run ("" when it ran).
  std::vector<std::string> check(const ModelBuilder &b, const std::string &op,
                                 const std::vector<std::vector<Tensor>> &runs) {
    b.save(path);
    auto reference = frontend::importOnnxFile(ctx, path);
    auto forAot = frontend::importOnnxFile(ctx, path);
    EXPECT_TRUE(reference && forAot) << errors;
    auto jit = jitOf(b);
    if (!reference || !forAot || !jit)
      return {};
    const cpu::PlanStep *step = stepOf(*jit, op);
    EXPECT_TRUE(step && step->kind == cpu::PlanStep::Kind::Compiled &&
                step->indexChecks.size() == 1)
        << op << " is not a compiled step with an index check";

    auto interp = Interpreter::create(*reference);
    EXPECT_TRUE(bool(interp)) << llvm::toString(interp.takeError());

    std::string entryPath = (dir + "/entry.kmodel").str(), error;
    EXPECT_TRUE(jit->writeEntry(entryPath, {}, {}, error)) << error;
    cpu::ModelEntry entry;
    std::string why;
    EXPECT_TRUE(cpu::readModelEntry(entryPath, dir.str().str(), entry, &why))
        << why;
    cpu::CpuOptions cachedOptions;
    cachedOptions.threads = 1;
    auto cached =
        cpu::JitModel::fromEntry(std::move(entry), cachedOptions, entryPath);
    EXPECT_TRUE(bool(cached)) << llvm::toString(cached.takeError());
    if (cached) {
      const cpu::PlanStep *read = stepOf(**cached, op);
      EXPECT_TRUE(read && step && read->indexChecks.size() == 1 &&
                  read->indexChecks[0].slot == step->indexChecks[0].slot &&
                  read->indexChecks[0].range.sizes ==
                      step->indexChecks[0].range.sizes)
          << "the model entry lost the index check";
    }

    cpu::AotOptions aotOptions;
    aotOptions.useCache = false;
    aotOptions.runtimeLibrary = KILN_RT_LIBRARY;
    std::string library = (dir + "/libindexed.so").str();
    auto built = cpu::compileLibrary(*forAot, library, aotOptions);
    EXPECT_TRUE(bool(built)) << llvm::toString(built.takeError());
    std::unique_ptr<cpu::AotLibrary> aot;
    if (built) {
      auto loaded = cpu::AotLibrary::load(library, 1);
      EXPECT_TRUE(bool(loaded)) << llvm::toString(loaded.takeError());
      if (loaded)
        aot = std::move(*loaded);
    }
    if (!interp || !cached || !aot)
      return {};

    std::vector<std::string> interpErrors;
    for (const std::vector<Tensor> &inputs : runs) {
      Outcome expected = outcome((*interp)->run(inputs));
      expectSame(expected, outcome(jit->run(inputs)), "jit");
      expectSame(expected, outcome((*cached)->run(inputs)), "model entry");
      expectSame(expected, outcome(aot->run(inputs)), "aot");
      interpErrors.push_back(expected.error);
    }
    return interpErrors;
  }
};

TEST_F(IndexCheckTest, Gather) {
  for (bool i32 : {false, true}) {
    SCOPED_TRACE(i32 ? "int32 indices" : "int64 indices");
    ModelBuilder b;
    b.input("x", {3, 4}).input("i", {2, 3}, i32 ? 6 : 7);
    b.output("y", {3, 2, 3});
    addInt(b.node("Gather", {"x", "i"}, {"y"}, "g"), "axis", 1);
    Tensor x = floats({3, 4});
    auto errors = check(b, "kiln.gather",
                        {{x, ints({2, 3}, {0, -1, 3, -4, 2, 1}, i32)},
                         {x, ints({2, 3}, {0, 1, 2, 3, 4, 0}, i32)},
                         {x, ints({2, 3}, {0, 1, 2, 3, -5, 0}, i32)}});
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0], "");
    EXPECT_EQ(errors[1], "kiln.gather (node 'g'): index 4 is out of range for "
                         "dimension 1 of size 4");
    EXPECT_NE(errors[2].find("index -5 is out of range"), std::string::npos)
        << errors[2];
  }
}

TEST_F(IndexCheckTest, GatherElementsAndScatterElements) {
  ModelBuilder b;
  b.input("x", {3, 2}).input("i", {2, 2}, 7).input("u", {2, 2});
  b.output("g", {2, 2}).output("s", {3, 2});
  b.node("GatherElements", {"x", "i"}, {"g"}, "ge");
  b.node("ScatterElements", {"x", "i", "u"}, {"s"}, "se");
  Tensor x = floats({3, 2}), u = floats({2, 2});
  auto errors = check(b, "kiln.gather_elements",
                      {{x, ints({2, 2}, {2, -3, 0, 1}), u},
                       {x, ints({2, 2}, {2, 0, 3, 1}), u}});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], "");
  EXPECT_NE(errors[1].find("index 3 is out of range for dimension 0 of size 3"),
            std::string::npos)
      << errors[1];
}

TEST_F(IndexCheckTest, GatherNDTuples) {
  // batch_dims 1: each tuple addresses dims 1 (size 3) and 2 (size 4).
  ModelBuilder b;
  b.input("x", {2, 3, 4}).input("i", {2, 1, 2}, 7).output("y", {2, 1});
  addInt(b.node("GatherND", {"x", "i"}, {"y"}, "gnd"), "batch_dims", 1);
  Tensor x = floats({2, 3, 4});
  auto errors = check(b, "kiln.gather_nd",
                      {{x, ints({2, 1, 2}, {2, 3, -3, -4})},
                       {x, ints({2, 1, 2}, {2, 3, 1, 4})},
                       {x, ints({2, 1, 2}, {3, 0, 0, 0})}});
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], "");
  EXPECT_NE(errors[1].find("index 4 is out of range for dimension 2 of size 4"),
            std::string::npos)
      << errors[1];
  EXPECT_NE(errors[2].find("index 3 is out of range for dimension 1 of size 3"),
            std::string::npos)
      << errors[2];
}

TEST_F(IndexCheckTest, ScatterND) {
  ModelBuilder b;
  b.input("x", {4, 3}).input("i", {2, 1}, 7).input("u", {2, 3});
  b.output("y", {4, 3});
  b.node("ScatterND", {"x", "i", "u"}, {"y"}, "snd");
  Tensor x = floats({4, 3}), u = floats({2, 3});
  auto errors =
      check(b, "kiln.scatter_nd",
            {{x, ints({2, 1}, {3, -4}), u}, {x, ints({2, 1}, {1, -5}), u}});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], "");
  EXPECT_NE(
      errors[1].find("index -5 is out of range for dimension 0 of size 4"),
      std::string::npos)
      << errors[1];
}

TEST_F(IndexCheckTest, LossLabelsWithIgnoreIndex) {
  for (const char *op :
       {"NegativeLogLikelihoodLoss", "SoftmaxCrossEntropyLoss"}) {
    SCOPED_TRACE(op);
    ModelBuilder b;
    b.input("x", {3, 5}).input("t", {3}, 7).output("l", {});
    auto &n = b.node(op, {"x", "t"}, {"l"}, "loss");
    addInt(n, "ignore_index", -1);
    addString(n, "reduction", "sum");
    Tensor x = floats({3, 5});
    std::string kilnOp = op[0] == 'N' ? "kiln.negative_log_likelihood_loss"
                                      : "kiln.softmax_cross_entropy_loss";
    auto errors = check(b, kilnOp,
                        {{x, ints({3}, {1, -1, 4})},
                         {x, ints({3}, {1, 5, 0})},
                         {x, ints({3}, {-2, 0, 0})}});
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0], "");
    EXPECT_NE(errors[1].find("expected target values in [0, 5) or "
                             "ignore_index, found 5 at element 1"),
              std::string::npos)
        << errors[1];
    EXPECT_NE(errors[2].find("found -2 at element 0"), std::string::npos)
        << errors[2];
  }
}

TEST_F(IndexCheckTest, ConstantIndices) {
  // In range: compiled, nothing to check at run time. Out of range: the
  // reference kernel runs, and fails as on the interpreter.
  for (int64_t last : {-3, 3}) {
    SCOPED_TRACE("last index " + std::to_string(last));
    ModelBuilder b;
    b.input("x", {3, 4}).output("y", {2, 4});
    b.initializerI64("i", {2}, {0, last});
    b.node("Gather", {"x", "i"}, {"y"}, "g");
    auto jit = jitOf(b);
    ASSERT_TRUE(jit);
    const cpu::PlanStep *step = stepOf(*jit, "kiln.gather");
    ASSERT_TRUE(step);
    EXPECT_TRUE(step->indexChecks.empty());
    auto result = jit->run({floats({3, 4})});
    if (last < 0) {
      EXPECT_EQ(step->kind, cpu::PlanStep::Kind::Compiled) << step->reason;
      EXPECT_TRUE(bool(result)) << llvm::toString(result.takeError());
      continue;
    }
    EXPECT_EQ(step->kind, cpu::PlanStep::Kind::Reference);
    EXPECT_NE(step->reason.find("constant indices out of range"),
              std::string::npos)
        << step->reason;
    ASSERT_FALSE(bool(result));
    EXPECT_EQ(llvm::toString(result.takeError()),
              "kiln.gather (node 'g'): index 3 is out of range for dimension "
              "0 of size 3");
  }
}

TEST_F(IndexCheckTest, RandomInputsFitTheTablesTheyIndex) {
  // ids index a 100-row table (random values stay below 10), types a 2-row
  // one (below 2), through GatherND tuples of a 3x7 table (below 3), and
  // x indexes nothing.
  ModelBuilder b;
  b.input("ids", {1, 16}, 7).input("types", {1, 16}, 7);
  b.input("pairs", {4, 2}, 7).input("x", {1, 16}, 7);
  b.output("e", {1, 16, 4}).output("t", {1, 16, 4}).output("p", {4});
  b.output("y", {1, 16}, 7);
  b.initializer("table", {100, 4}, std::vector<float>(400, 0.5f));
  b.initializer("typeTable", {2, 4}, std::vector<float>(8, 0.25f));
  b.initializer("grid", {3, 7}, std::vector<float>(21, 1.0f));
  b.node("Gather", {"table", "ids"}, {"e"});
  b.node("Gather", {"typeTable", "types"}, {"t"});
  b.node("GatherND", {"grid", "pairs"}, {"p"});
  b.node("Neg", {"x"}, {"y"});
  auto jit = jitOf(b);
  ASSERT_TRUE(jit);
  std::vector<int64_t> want = {100, 2, 3, 0};
  EXPECT_EQ(inputIndexBounds(*module), want);
  EXPECT_EQ(inputIndexBounds(jit->getPlan()), want);

  std::vector<std::string> sources;
  auto inputs = bindInputs(jit->inputs(), {}, 1, &sources, want);
  ASSERT_TRUE(bool(inputs)) << llvm::toString(inputs.takeError());
  std::vector<int64_t> largest(4, 0);
  for (size_t i = 0; i < 4; ++i)
    for (int64_t k = 0; k < (*inputs)[i].numElements(); ++k)
      largest[i] = std::max(largest[i], (*inputs)[i].getAsInt64(k));
  EXPECT_LE(largest[0], 9);
  EXPECT_EQ(largest[1], 1) << "16 fair draws below 2";
  EXPECT_LE(largest[2], 2);
  EXPECT_GE(largest[3], 3) << "16 draws below 10, none above 2";
  EXPECT_EQ(sources[1], "random, seed 2, below 2 (indices)");
  auto ran = jit->run(*inputs);
  EXPECT_TRUE(bool(ran)) << llvm::toString(ran.takeError());
}

TEST(RandomIntegerInputsNoteTest, NamesRandomIntegerInputsOnly) {
  // A mask drawn at random is named; floats, bools and data read from a
  // file are not, and with none left there is nothing to say.
  std::vector<TensorSpec> specs(4);
  specs[0].name = "pixels";
  specs[0].dtype = kiln::DType::F32;
  specs[1].name = "attention_mask";
  specs[1].dtype = kiln::DType::I64;
  specs[2].name = "flag";
  specs[2].dtype = kiln::DType::Bool;
  specs[3].name = "ids";
  specs[3].dtype = kiln::DType::I64;
  std::vector<std::string> sources = {"random, seed 1", "random, seed 2",
                                      "random, seed 3", "from file"};
  std::string note = randomIntegerInputsNote(specs, sources);
  EXPECT_EQ(note.rfind("integer input 'attention_mask' held random", 0), 0u)
      << note;
  EXPECT_NE(note.find("--input NAME=FILE.npy"), std::string::npos);
  sources[3] = "random, seed 4, below 2 (indices)";
  EXPECT_EQ(randomIntegerInputsNote(specs, sources)
                .rfind("integer inputs 'attention_mask', 'ids' held", 0),
            0u);
  sources[1] = sources[3] = "from file";
  EXPECT_EQ(randomIntegerInputsNote(specs, sources), "");
}

TEST(BindInputsTest, IntegerMasksAreOnes) {
  // Integer inputs named as masks (any case) keep every position; a float
  // or bool "mask", and an integer input named otherwise, stay random.
  std::vector<TensorSpec> specs(5);
  const char *names[] = {"attention_mask", "Input_MASK", "maskf", "maskb",
                         "ids"};
  kiln::DType types[] = {kiln::DType::I64, kiln::DType::I32, kiln::DType::F32,
                         kiln::DType::Bool, kiln::DType::I64};
  for (size_t i = 0; i < specs.size(); ++i) {
    specs[i].name = names[i];
    specs[i].dtype = types[i];
    specs[i].shape = {2, 8};
  }
  std::vector<std::string> sources;
  auto inputs = bindInputs(specs, {}, 5, &sources);
  ASSERT_TRUE(bool(inputs)) << llvm::toString(inputs.takeError());
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(sources[i], "ones (a mask: every position kept)");
    for (int64_t k = 0; k < (*inputs)[i].numElements(); ++k)
      EXPECT_EQ((*inputs)[i].getAsInt64(k), 1) << names[i] << " at " << k;
  }
  for (size_t i = 2; i < 5; ++i)
    EXPECT_EQ(sources[i], "random, seed " + std::to_string(5 + i)) << names[i];
  int64_t distinct = 0;
  for (int64_t k = 1; k < (*inputs)[4].numElements(); ++k)
    distinct += (*inputs)[4].getAsInt64(k) != (*inputs)[4].getAsInt64(0);
  EXPECT_GT(distinct, 0) << "16 draws below 10, all alike";
  // A mask given as data is taken as it is.
  std::map<std::string, Tensor> given = {
      {"attention_mask", ints({2, 8}, std::vector<int64_t>(16, 0))}};
  auto read = bindInputs(specs, given, 5, &sources);
  ASSERT_TRUE(bool(read)) << llvm::toString(read.takeError());
  EXPECT_EQ((*read)[0].getAsInt64(3), 0);
}

} // namespace
