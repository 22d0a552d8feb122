//===- ContainersTest.cpp - Sequences and optionals -----------------------===//
//
// The sequence and optional kernels on their own (positions, splits,
// joins, empty containers and every refusal), then a model that builds,
// edits and joins a sequence: imported, run on the interpreter with
// hand-computed results and on the JIT with the interpreter's, its graph
// input a sequence checked against its declared type; in AOT libraries,
// containers inside (a sequence a loop carries too) but not as inputs.
//
//===----------------------------------------------------------------------===//
#include "ModelBuilder.h"
#include "ModelFileTest.h"
#include "TensorDiff.h"

#include "kiln/cpu/Aot.h"
#include "kiln/interpreter/Interpreter.h"
#include "kiln/runtime/Kernels.h"

#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

using namespace kiln;
using namespace kiln::test;

namespace {

/// Runs reference kernel \p fn on \p inputs (null: absent) with \p attrs.
Status call(KernelFn fn, std::vector<const Tensor *> inputs, Tensor &out,
            const AttrMap &attrs = {}) {
  KernelContext ctx;
  ctx.opName = "test";
  ctx.attrs = &attrs;
  ctx.inputs = std::move(inputs);
  ctx.outputs.resize(1);
  Status s = fn(ctx);
  out = ctx.outputs[0];
  return s;
}

std::vector<float> values(const Tensor &t) {
  return std::vector<float>(t.data<float>(), t.data<float>() + t.numElements());
}

/// The first element of each tensor of sequence \p seq.
std::vector<float> firsts(const Tensor &seq) {
  std::vector<float> v;
  for (const Tensor &t : seq.items())
    v.push_back(t.data<float>()[0]);
  return v;
}

TEST(ContainerKernelsTest, InsertAtEraseFollowPositions) {
  Tensor a = Tensor::fromVector<float>({1}, {1}),
         b = Tensor::fromVector<float>({2}, {2, 2}),
         c = Tensor::fromVector<float>({1}, {3});
  Tensor seq;
  ASSERT_TRUE(call(ref::evalSequenceConstruct, {&a, &b}, seq));
  EXPECT_EQ(seq.kind(), ValueKind::Sequence);
  Tensor front = Tensor::scalar<int64_t>(-2), inserted;
  ASSERT_TRUE(call(ref::evalSequenceInsert, {&seq, &c, &front}, inserted));
  EXPECT_EQ(firsts(inserted), (std::vector<float>{3, 1, 2}));
  EXPECT_EQ(firsts(seq), (std::vector<float>{1, 2})) << "the input is kept";
  Tensor end = Tensor::scalar<int64_t>(3), at;
  ASSERT_TRUE(call(ref::evalSequenceInsert, {&inserted, &c, nullptr}, at));
  EXPECT_EQ(firsts(at), (std::vector<float>{3, 1, 2, 3}));
  Status s = call(ref::evalSequenceAt, {&inserted, &end}, at);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("position 3 is out of range [-3, 2]"),
            std::string::npos)
      << s.message();
  Tensor last = Tensor::scalar<int64_t>(-1);
  ASSERT_TRUE(call(ref::evalSequenceAt, {&inserted, &last}, at));
  EXPECT_EQ(values(at), (std::vector<float>{2, 2}));
  Tensor erased;
  ASSERT_TRUE(call(ref::evalSequenceErase, {&inserted, nullptr}, erased));
  EXPECT_EQ(firsts(erased), (std::vector<float>{3, 1}));
  Tensor length;
  ASSERT_TRUE(call(ref::evalSequenceLength, {&erased}, length));
  EXPECT_EQ(length.data<int64_t>()[0], 2);
  Tensor empty;
  AttrMap i64;
  i64.set("dtype", int64_t{7});
  ASSERT_TRUE(call(ref::evalSequenceEmpty, {}, empty, i64));
  EXPECT_EQ(empty.dtype(), DType::I64);
  EXPECT_FALSE(call(ref::evalSequenceErase, {&empty, nullptr}, erased));
  EXPECT_FALSE(call(ref::evalSequenceInsert, {&empty, &a, nullptr}, erased))
      << "an f32 tensor into an i64 sequence";
  EXPECT_FALSE(call(ref::evalSequenceAt, {&a, &last}, at))
      << "a tensor is not a sequence";
}

TEST(ContainerKernelsTest, SplitAndConcatAreInverse) {
  Tensor x = Tensor::fromVector<float>({2, 3}, {0, 1, 2, 3, 4, 5});
  AttrMap axis1;
  axis1.set("axis", int64_t{1});
  Tensor chunk = Tensor::scalar<int64_t>(2), seq;
  ASSERT_TRUE(call(ref::evalSplitToSequence, {&x, &chunk}, seq, axis1));
  ASSERT_EQ(seq.items().size(), 2u);
  EXPECT_EQ(seq.items()[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(values(seq.items()[1]), (std::vector<float>{2, 5}));
  Tensor joined;
  ASSERT_TRUE(call(ref::evalConcatFromSequence, {&seq}, joined, axis1));
  EXPECT_EQ(joined.shape(), (Shape{2, 3}));
  EXPECT_EQ(values(joined), values(x));

  Tensor lengths = Tensor::fromVector<int64_t>({2}, {1, 1}), rows;
  ASSERT_TRUE(call(ref::evalSplitToSequence, {&x, &lengths}, rows));
  EXPECT_EQ(rows.items()[1].shape(), (Shape{1, 3}));
  AttrMap flat;
  flat.set("keepdims", int64_t{0});
  ASSERT_TRUE(call(ref::evalSplitToSequence, {&x, nullptr}, rows, flat));
  EXPECT_EQ(rows.items()[0].shape(), (Shape{3}));
  AttrMap stack;
  stack.set("axis", int64_t{-1});
  stack.set("new_axis", int64_t{1});
  ASSERT_TRUE(call(ref::evalConcatFromSequence, {&rows}, joined, stack));
  EXPECT_EQ(joined.shape(), (Shape{3, 2}));
  EXPECT_EQ(values(joined), (std::vector<float>{0, 3, 1, 4, 2, 5}));

  Tensor bad = Tensor::fromVector<int64_t>({2}, {1, 2});
  Status s = call(ref::evalSplitToSequence, {&x, &bad}, rows);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("sum to 3 but axis 0 has length 2"),
            std::string::npos)
      << s.message();
  Tensor mixed = Tensor::sequence(DType::F32, {x, chunk});
  EXPECT_FALSE(call(ref::evalConcatFromSequence, {&mixed}, joined, axis1));
}

TEST(ContainerKernelsTest, OptionalsHoldOneValueOrNone) {
  Tensor x = Tensor::fromVector<float>({1}, {7}), opt, got, has;
  ASSERT_TRUE(call(ref::evalOptional, {&x}, opt));
  ASSERT_TRUE(call(ref::evalOptionalHasElement, {&opt}, has));
  EXPECT_TRUE(has.data<bool>()[0]);
  ASSERT_TRUE(call(ref::evalOptionalGetElement, {&opt}, got));
  EXPECT_EQ(values(got), (std::vector<float>{7}));
  AttrMap i32;
  i32.set("dtype", int64_t{6});
  Tensor none;
  ASSERT_TRUE(call(ref::evalOptional, {nullptr}, none, i32));
  EXPECT_EQ(none.dtype(), DType::I32);
  ASSERT_TRUE(call(ref::evalOptionalHasElement, {&none}, has));
  EXPECT_FALSE(has.data<bool>()[0]);
  ASSERT_TRUE(call(ref::evalOptionalHasElement, {nullptr}, has));
  EXPECT_FALSE(has.data<bool>()[0]);
  Status s = call(ref::evalOptionalGetElement, {&none}, got);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("the optional is empty"), std::string::npos);
  EXPECT_FALSE(call(ref::evalOptional, {&opt}, got)) << "no optional of one";
}

TEST(ContainerKernelsTest, SpecsAcceptTheirKindOnly) {
  TensorSpec seq;
  seq.kind = ValueKind::Sequence;
  seq.shape = {-1, 3};
  Tensor ok = Tensor::sequence(
      DType::F32, {Tensor(DType::F32, {2, 3}), Tensor(DType::F32, {5, 3})});
  Tensor wrongDims = Tensor::sequence(DType::F32, {Tensor(DType::F32, {2, 4})});
  EXPECT_TRUE(seq.accepts(ok));
  EXPECT_TRUE(seq.accepts(Tensor::sequence(DType::F32, {})));
  EXPECT_FALSE(seq.accepts(wrongDims));
  EXPECT_FALSE(seq.accepts(Tensor(DType::F32, {2, 3})));
  EXPECT_EQ(seq.format(), "seq<?x3xf32>");
  TensorSpec opt = seq;
  opt.kind = ValueKind::Optional;
  opt.optionalOf = ValueKind::Sequence;
  EXPECT_EQ(opt.format(), "opt<seq<?x3xf32>>");
  EXPECT_TRUE(opt.accepts(Tensor::optional(DType::F32, nullptr)));
  EXPECT_TRUE(opt.accepts(Tensor::optional(DType::F32, &ok)));
  EXPECT_TRUE(opt.accepts(ok)) << "a sequence stands for an optional of one";
  EXPECT_FALSE(opt.accepts(Tensor(DType::F32, {2, 3})));
  EXPECT_FALSE(opt.accepts(Tensor::optional(DType::I64, nullptr)));
  // The kind check results are held to: dims may differ, kind and element
  // type may not.
  EXPECT_TRUE(seq.holdsKindOf(wrongDims));
  EXPECT_FALSE(seq.holdsKindOf(Tensor::sequence(DType::I64, {})));
  EXPECT_FALSE(seq.holdsKindOf(Tensor(DType::F32, {2, 3})));
  EXPECT_TRUE(opt.holdsKindOf(wrongDims));
  EXPECT_TRUE(opt.holdsKindOf(Tensor::optional(DType::F32, nullptr)));
  EXPECT_FALSE(opt.holdsKindOf(Tensor(DType::F32, {2, 3})));
  Tensor dense(DType::F32, {2});
  EXPECT_FALSE(opt.holdsKindOf(Tensor::optional(DType::F32, &dense)));
}

TEST(ContainerKernelsTest, DiffComparesContainersTensorByTensor) {
  Tensor a = Tensor::fromVector<float>({2}, {1, 2}),
         b = Tensor::fromVector<float>({2}, {1, 2.5f});
  Tensor s1 = Tensor::sequence(DType::F32, {a, a}),
         s2 = Tensor::sequence(DType::F32, {a, b}),
         s3 = Tensor::sequence(DType::F32, {a});
  EXPECT_TRUE(tool::compareTensors(s1, s1, 0, 0).ok());
  tool::Diff d = tool::compareTensors(s2, s1, 1e-4, 1e-3);
  EXPECT_EQ(d.mismatches, 1);
  EXPECT_FLOAT_EQ(d.maxAbs, 0.5);
  d = tool::compareTensors(s3, s1, 0, 0);
  EXPECT_EQ(d.shapeError,
            "jit sequence of 1 f32 tensors, interp sequence of 2 f32 tensors");
  d = tool::compareTensors(Tensor::optional(DType::F32, nullptr),
                           Tensor::optional(DType::F32, &a), 0, 0);
  EXPECT_FALSE(d.ok());
}

/// Adds graph input \p name: a sequence of ?x3 f32 tensors.
onnx::ValueInfoProto *addSequenceInput(ModelBuilder &b, const char *name) {
  auto *s = b.model.mutable_graph()->add_input();
  s->set_name(name);
  auto *elem = s->mutable_type()
                   ->mutable_sequence_type()
                   ->mutable_elem_type()
                   ->mutable_tensor_type();
  elem->set_elem_type(1);
  elem->mutable_shape()->add_dim()->set_dim_param("n");
  elem->mutable_shape()->add_dim()->set_dim_value(3);
  return s;
}

/// x (4x3) -> SplitToSequence at [1, 3] rows, x inserted in front, the last
/// erased, joined along rows (5x3); and the sequence's length. With
/// \p seqInput, the sequence to edit is a graph input `s` instead.
ModelBuilder editModel(bool seqInput = false) {
  ModelBuilder b;
  b.input("x", {4, 3});
  if (seqInput)
    addSequenceInput(b, "s");
  b.initializerI64("split", {2}, {1, 3});
  b.initializerI64("front", {}, {0});
  b.initializerI64("last", {}, {-1});
  b.output("y", {-1, 3});
  b.output("n", {}, 7);
  if (!seqInput)
    b.node("SplitToSequence", {"x", "split"}, {"s"}, "split");
  b.node("SequenceInsert", {"s", "x", "front"}, {"s1"}, "insert");
  b.node("SequenceErase", {"s1", "last"}, {"s2"}, "erase");
  b.node("Identity", {"s2"}, {"s3"}, "same");
  b.node("SequenceLength", {"s3"}, {"n"}, "length");
  auto &concat = b.node("ConcatFromSequence", {"s3"}, {"y"}, "join");
  auto *axis = concat.add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(0);
  return b;
}

class ContainerModelTest : public ModelFileTest {};

TEST_F(ContainerModelTest, EditedSequenceRunsOnInterpreterAndJit) {
  std::vector<float> data(12);
  for (size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<float>(i);
  Tensor x = Tensor::fromVector<float>({4, 3}, data);
  std::unique_ptr<cpu::JitModel> jit = jitOf(editModel());
  ASSERT_TRUE(jit) << errors;
  auto interp = Interpreter::create(*module);
  ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
  auto want = (*interp)->run({x});
  ASSERT_TRUE(bool(want)) << llvm::toString(want.takeError());
  // x's 4 rows, then the first split (row 0).
  std::vector<float> expected(data);
  expected.insert(expected.end(), data.begin(), data.begin() + 3);
  EXPECT_EQ((*want)[0].shape(), (Shape{5, 3}));
  EXPECT_EQ(values((*want)[0]), expected);
  EXPECT_EQ((*want)[1].data<int64_t>()[0], 2);
  auto got = jit->run({x});
  ASSERT_TRUE(bool(got)) << llvm::toString(got.takeError());
  EXPECT_EQ(values((*got)[0]), expected);
  EXPECT_EQ((*got)[1].data<int64_t>()[0], 2);
}

TEST_F(ContainerModelTest, SequenceInputIsCheckedAgainstItsType) {
  std::unique_ptr<cpu::JitModel> jit = jitOf(editModel(/*seqInput=*/true));
  ASSERT_TRUE(jit) << errors;
  ASSERT_EQ(jit->inputs().size(), 2u);
  EXPECT_EQ(jit->inputs()[1].format(), "seq<?x3xf32>");
  Tensor x(DType::F32, {4, 3});
  Tensor s = Tensor::sequence(DType::F32, {Tensor(DType::F32, {2, 3})});
  auto got = jit->run({x, s});
  ASSERT_TRUE(bool(got)) << llvm::toString(got.takeError());
  EXPECT_EQ((*got)[0].shape(), (Shape{4, 3})) << "x, without the last (s's)";
  Tensor wrong = Tensor::sequence(DType::F32, {Tensor(DType::F32, {2, 4})});
  auto refused = jit->run({x, wrong});
  ASSERT_FALSE(bool(refused));
  EXPECT_EQ(llvm::toString(refused.takeError()),
            "input 's': expected seq<?x3xf32>, found sequence of 1 f32 "
            "tensors");
  auto dense = jit->run({x, x});
  ASSERT_FALSE(bool(dense));
  EXPECT_EQ(llvm::toString(dense.takeError()),
            "input 's': expected seq<?x3xf32>, found 4x3 f32");
}

/// x (4x3): a Loop of three trips appends x + i to a sequence that starts
/// empty; the rows joined (12x3) and the sequence's length.
ModelBuilder loopModel() {
  ModelBuilder b;
  b.input("x", {4, 3});
  b.initializerI64("trips", {}, {3});
  b.output("y", {-1, 3});
  b.output("n", {}, 7);
  b.node("SequenceEmpty", {}, {"empty"}, "empty");
  onnx::GraphProto body;
  body.set_name("body");
  auto input = [&](const std::string &name, int elemType, bool seq) {
    auto *vi = body.add_input();
    vi->set_name(name);
    auto *type = vi->mutable_type();
    auto *tt = seq ? type->mutable_sequence_type()
                         ->mutable_elem_type()
                         ->mutable_tensor_type()
                   : type->mutable_tensor_type();
    tt->set_elem_type(elemType);
    if (!seq)
      tt->mutable_shape();
  };
  input("i", 7, false);
  input("c", 9, false);
  input("acc", 1, true);
  auto node = [&](const std::string &op, std::vector<std::string> ins,
                  const std::string &out) -> onnx::NodeProto & {
    onnx::NodeProto *n = body.add_node();
    n->set_op_type(op);
    n->set_name(op + "_" + out);
    for (auto &in : ins)
      n->add_input(in);
    n->add_output(out);
    return *n;
  };
  node("Identity", {"c"}, "c_out");
  auto &cast = node("Cast", {"i"}, "fi");
  auto *to = cast.add_attribute();
  to->set_name("to");
  to->set_type(onnx::AttributeProto::INT);
  to->set_i(1);
  node("Add", {"x", "fi"}, "xi");
  node("SequenceInsert", {"acc", "xi"}, "acc_out");
  body.add_output()->set_name("c_out");
  body.add_output()->set_name("acc_out");
  *body.mutable_output(0)->mutable_type() = body.input(1).type();
  *body.mutable_output(1)->mutable_type() = body.input(2).type();
  auto &loop = b.node("Loop", {"trips", "", "empty"}, {"s"}, "loop");
  auto *g = loop.add_attribute();
  g->set_name("body");
  g->set_type(onnx::AttributeProto::GRAPH);
  *g->mutable_g() = body;
  b.node("SequenceLength", {"s"}, {"n"}, "length");
  auto &concat = b.node("ConcatFromSequence", {"s"}, {"y"}, "join");
  auto *axis = concat.add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(0);
  return b;
}

// Inside a library, containers are values of libkiln-rt.so's
// (KILN_RT_VALUE): built, carried through a loop, read, released; each
// tensor a sequence holds is its own, not the loop body's buffer that the
// next iteration overwrites.
TEST_F(ContainerModelTest, JitAndAotLibrariesHoldContainersInside) {
  std::vector<float> data(12);
  for (size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<float>(i) * 0.5f;
  Tensor x = Tensor::fromVector<float>({4, 3}, data);
  std::vector<float> rows;
  for (int trip = 0; trip < 3; ++trip)
    for (float v : data)
      rows.push_back(v + static_cast<float>(trip));
  std::vector<float> edited(data);
  edited.insert(edited.end(), data.begin(), data.begin() + 3);
  struct Case {
    ModelBuilder model;
    std::vector<float> y;
    int64_t n;
  };
  std::vector<Case> cases = {{editModel(), edited, 2}, {loopModel(), rows, 3}};
  for (auto [i, c] : llvm::enumerate(cases)) {
    SCOPED_TRACE("case " + std::to_string(i));
    // The JIT too, twice (a run must not see the last one's buffers).
    std::unique_ptr<cpu::JitModel> jit = jitOf(c.model, /*threads=*/2);
    ASSERT_TRUE(jit) << errors;
    for (int round = 0; round < 2; ++round) {
      auto got = jit->run({x});
      ASSERT_TRUE(bool(got)) << llvm::toString(got.takeError());
      EXPECT_EQ(values((*got)[0]), c.y) << "jit, round " << round;
    }
    auto interp = Interpreter::create(*module);
    ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
    auto want = (*interp)->run({x});
    ASSERT_TRUE(bool(want)) << llvm::toString(want.takeError());
    EXPECT_EQ(values((*want)[0]), c.y);
    cpu::AotOptions options;
    options.useCache = false;
    options.runtimeLibrary = KILN_RT_LIBRARY;
    std::string library =
        dir.str().str() + "/libseq" + std::to_string(i) + ".so";
    auto built = cpu::compileLibrary(*module, library, options);
    ASSERT_TRUE(bool(built)) << llvm::toString(built.takeError());
    auto lib = cpu::AotLibrary::load(library, 1);
    ASSERT_TRUE(bool(lib)) << llvm::toString(lib.takeError());
    for (int round = 0; round < 2; ++round) {
      auto out = (*lib)->run({x});
      ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
      EXPECT_EQ((*out)[0].shape(), (*want)[0].shape());
      EXPECT_EQ(values((*out)[0]), c.y) << "round " << round;
      EXPECT_EQ((*out)[1].data<int64_t>()[0], c.n);
    }
  }
}

/// s (a sequence of ?x3 f32) and x (2x3): t = s with x appended, u = s
/// itself, n = t's length.
ModelBuilder appendModel() {
  ModelBuilder b;
  onnx::ValueInfoProto *s = addSequenceInput(b, "s");
  b.input("x", {2, 3});
  for (const char *name : {"t", "u"}) {
    onnx::ValueInfoProto *out = b.model.mutable_graph()->add_output();
    *out = *s;
    out->set_name(name);
  }
  b.output("n", {}, 7);
  b.node("SequenceInsert", {"s", "x"}, {"t"}, "append");
  b.node("Identity", {"s"}, {"u"}, "same");
  b.node("SequenceLength", {"t"}, {"n"}, "length");
  return b;
}

// A library takes and returns sequences as values of libkiln-rt.so's: the
// input is the caller's (read, never released), an output that is the
// input comes back as a copy, and each run's outputs are new values.
TEST_F(ContainerModelTest, AotLibrariesTakeAndReturnContainers) {
  ModelBuilder b = appendModel();
  b.save(path);
  module = frontend::importOnnxFile(ctx, path);
  ASSERT_TRUE(module) << errors;
  Tensor a = Tensor::fromVector<float>({1, 3}, {1, 2, 3});
  Tensor c = Tensor::fromVector<float>({3, 3}, {4, 5, 6, 7, 8, 9, 10, 11, 12});
  Tensor seq = Tensor::sequence(DType::F32, {a, c});
  Tensor x = Tensor::fromVector<float>({2, 3}, {-1, -2, -3, -4, -5, -6});
  auto interp = Interpreter::create(*module);
  ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
  auto want = (*interp)->run({seq, x});
  ASSERT_TRUE(bool(want)) << llvm::toString(want.takeError());

  cpu::AotOptions options;
  options.useCache = false;
  options.runtimeLibrary = KILN_RT_LIBRARY;
  std::string library = dir.str().str() + "/libappend.so";
  auto built = cpu::compileLibrary(*module, library, options);
  ASSERT_TRUE(bool(built)) << llvm::toString(built.takeError());
  auto lib = cpu::AotLibrary::load(library, 1);
  ASSERT_TRUE(bool(lib)) << llvm::toString(lib.takeError());
  ASSERT_EQ((*lib)->inputs()[0].kind, ValueKind::Sequence);
  ASSERT_EQ((*lib)->outputs()[0].kind, ValueKind::Sequence);
  ASSERT_EQ((*lib)->outputs()[1].kind, ValueKind::Sequence);
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    auto got = (*lib)->run({seq, x});
    ASSERT_TRUE(bool(got)) << llvm::toString(got.takeError());
    ASSERT_EQ(got->size(), 3u);
    for (size_t k = 0; k < 3; ++k) {
      tool::Diff diff = tool::compareTensors((*got)[k], (*want)[k], 0, 0);
      EXPECT_TRUE(diff.ok()) << "output " << k << ": " << diff.shapeError;
    }
    ASSERT_EQ((*got)[0].items().size(), 3u);
    EXPECT_EQ(values((*got)[0].items()[2]), values(x));
    EXPECT_EQ((*got)[2].data<int64_t>()[0], 3);
  }
  // A dense tensor where the sequence goes is refused before the run.
  auto dense = (*lib)->run({x, x});
  ASSERT_FALSE(bool(dense));
  EXPECT_NE(llvm::toString(dense.takeError()).find("input 's'"),
            std::string::npos);

  // A C caller: the header, kiln_rt.h beside it, and libkiln-rt.so's
  // functions that make, read and release values.
  std::string source = dir.str().str() + "/caller.c";
  {
    std::ofstream c(source);
    c << R"(#include "append.h"
#include <stdio.h>

int main(void) {
  static const int64_t s0[2] = {1, 3}, s1[2] = {2, 3};
  float a[3] = {1, 2, 3}, b[6] = {4, 5, 6, 7, 8, 9};
  float x[6] = {-1, -2, -3, -4, -5, -6};
  kiln_rt_tensor items[2] = {{KILN_DTYPE_F32, 2, s0, a, 0, NULL},
                             {KILN_DTYPE_F32, 2, s1, b, 0, NULL}};
  char err[256];
  void *seq = kiln_rt_sequence(KILN_DTYPE_F32, 2, items, err, sizeof err);
  if (!seq || APPEND_INPUT0_KIND != KILN_KIND_SEQUENCE ||
      APPEND_OUTPUT0_KIND != KILN_KIND_SEQUENCE)
    return 10;
  kiln_dynamic_output t, u;
  int64_t n = 0;
  const void *in[2] = {seq, x};
  void *out[3] = {&t, &u, &n};
  if (append_run(in, out, NULL) != KILN_OK)
    return 11;
  int32_t dtype = 0;
  int64_t length = 0;
  if (kiln_rt_value_kind(t.data, &dtype, &length) != KILN_RT_KIND_SEQUENCE ||
      dtype != KILN_DTYPE_F32 || length != 3 || n != 3)
    return 12;
  kiln_rt_tensor last;
  if (kiln_rt_value_item(t.data, 2, &last) || last.rank != 2 ||
      last.shape[0] != 2 || ((const float *)last.data)[5] != -6)
    return 13;
  if (kiln_rt_value_item(t.data, 3, &last) == 0)
    return 14;
  kiln_rt_value_kind(u.data, NULL, &length);
  if (u.data == seq || length != 2)
    return 15;
  /* Bad arguments are refused, never a crash. */
  if (kiln_rt_value_kind(NULL, &dtype, &length) != -1 ||
      kiln_rt_value_item(NULL, 0, &last) == 0 ||
      kiln_rt_sequence(KILN_DTYPE_F32, -1, items, err, sizeof err) ||
      kiln_rt_sequence(12345, 2, items, err, sizeof err))
    return 16;
  kiln_rt_release(t.data);
  kiln_rt_release(u.data);
  kiln_rt_release(seq);
  puts("ok");
  return 0;
}
)";
  }
  std::string d = dir.str().str();
  std::string exe = d + "/caller";
  std::string sanitize = KILN_TEST_SANITIZE;
  if (!sanitize.empty())
    sanitize = " -fsanitize=" + sanitize;
  std::string cmd = "cc -std=c11 -Wall -Werror" + sanitize + " -o " + exe +
                    " " + source + " -I" + d + " -L" + d +
                    " -lappend -lkiln-rt -Wl,-rpath," + d + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  EXPECT_EQ(std::system(exe.c_str()), 0);
}

} // namespace
