//===- ControlFlowTest.cpp - If, Loop and Scan: import, run, refusals -----===//
//
// Models with subgraphs built in memory: they import into kiln.if /
// kiln.loop / kiln.scan regions reading outer-scope values, run on the
// interpreter with hand-computed results, on the JIT (regions steps whose
// bodies are compiled kernels) and in AOT libraries (regions as C functions
// that libkiln-rt.so calls back) with the interpreter's, and every
// malformed subgraph gets one clean error line.
//
//===----------------------------------------------------------------------===//
#include "ModelFileTest.h"

#include "kiln/cpu/Aot.h"
#include "kiln/cpu/ModelCache.h"
#include "kiln/interpreter/Interpreter.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace kiln;
using namespace kiln::test;

namespace {

/// Declares \p vi as a tensor of \p elemType (1 float, 7 int64, 9 bool)
/// with \p dims.
void setType(onnx::ValueInfoProto *vi, const std::string &name,
             std::vector<int64_t> dims, int elemType = 1) {
  vi->set_name(name);
  auto *tt = vi->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(elemType);
  auto *shape = tt->mutable_shape();
  for (int64_t d : dims)
    shape->add_dim()->set_dim_value(d);
}

/// Adds node \p op to \p g.
onnx::NodeProto &addNode(onnx::GraphProto &g, const std::string &op,
                         std::vector<std::string> ins,
                         std::vector<std::string> outs) {
  onnx::NodeProto *n = g.add_node();
  n->set_op_type(op);
  n->set_name(op + "_" + outs.front());
  for (auto &i : ins)
    n->add_input(i);
  for (auto &o : outs)
    n->add_output(o);
  return *n;
}

/// Attaches \p g to \p n as GRAPH attribute \p name; returns the copy.
onnx::GraphProto &addGraph(onnx::NodeProto &n, const std::string &name,
                           const onnx::GraphProto &g) {
  onnx::AttributeProto *a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::GRAPH);
  *a->mutable_g() = g;
  a->mutable_g()->set_name(name);
  return *a->mutable_g();
}

void addInt(onnx::NodeProto &n, const std::string &name, int64_t v) {
  onnx::AttributeProto *a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
}

/// A Loop body: (i, cond, acc) -> (cond, acc * w + x, acc * w + x), reading
/// the outer initializer `w` and the outer input `x` (\p rows x 3).
onnx::GraphProto loopBody(int64_t rows = 2) {
  onnx::GraphProto body;
  setType(body.add_input(), "i", {}, 7);
  setType(body.add_input(), "c", {}, 9);
  setType(body.add_input(), "acc", {rows, 3});
  addNode(body, "Identity", {"c"}, {"c_out"});
  addNode(body, "Mul", {"acc", "w"}, {"scaled"});
  addNode(body, "Add", {"scaled", "x"}, {"acc_out"});
  addNode(body, "Identity", {"acc_out"}, {"scan_out"});
  setType(body.add_output(), "c_out", {}, 9);
  setType(body.add_output(), "acc_out", {rows, 3});
  setType(body.add_output(), "scan_out", {rows, 3});
  return body;
}

/// y, ys = Loop(n, "", x) with loopBody(rows).
ModelBuilder loopModel(int64_t trips, int64_t rows = 2) {
  ModelBuilder b(13);
  b.input("x", {rows, 3}).output("y", {rows, 3}).output("ys", {trips, rows, 3});
  b.initializer("w", {3}, {0.5f, -1.0f, 2.0f});
  b.initializerI64("n", {}, {trips});
  addGraph(b.node("Loop", {"n", "", "x"}, {"y", "ys"}, "loop"), "body",
           loopBody(rows));
  return b;
}

/// y = If(cond) then x + 1 else -x, both branches reading the outer x.
ModelBuilder ifModel() {
  ModelBuilder b(13);
  b.input("cond", {}, 9).input("x", {3}).output("y", {3});
  b.initializer("one", {1}, {1.0f});
  onnx::GraphProto thenG, elseG;
  addNode(thenG, "Add", {"x", "one"}, {"t"});
  setType(thenG.add_output(), "t", {3});
  addNode(elseG, "Neg", {"x"}, {"e"});
  setType(elseG.add_output(), "e", {3});
  onnx::NodeProto &n = b.node("If", {"cond"}, {"y"}, "if");
  addGraph(n, "then_branch", thenG);
  addGraph(n, "else_branch", elseG);
  return b;
}

/// Scan 9 over the columns of x from the last one, the running sums
/// stacked as columns again (scan_output_axes 1).
ModelBuilder scanModel() {
  ModelBuilder b(11);
  b.input("init", {2})
      .input("x", {2, 3})
      .output("sum", {2})
      .output("all", {2, 3});
  onnx::GraphProto body;
  setType(body.add_input(), "s", {2});
  setType(body.add_input(), "col", {2});
  addNode(body, "Add", {"s", "col"}, {"s_out"});
  addNode(body, "Identity", {"s_out"}, {"o"});
  setType(body.add_output(), "s_out", {2});
  setType(body.add_output(), "o", {2});
  onnx::NodeProto &n = b.node("Scan", {"init", "x"}, {"sum", "all"}, "scan");
  addGraph(n, "body", body);
  addInt(n, "num_scan_inputs", 1);
  addInts(n, "scan_input_axes", {1});
  addInts(n, "scan_input_directions", {1});
  addInts(n, "scan_output_axes", {1});
  return b;
}

/// The body of the Loop loopModel() builds.
onnx::GraphProto *loopBodyOf(ModelBuilder &b) {
  return b.model.mutable_graph()
      ->mutable_node(0)
      ->mutable_attribute(0)
      ->mutable_g();
}

class ControlFlowTest : public ModelFileTest {
protected:
  ControlFlowTest() { ctx.loadAllAvailableDialects(); }

  /// Imports \p b; null (with `errors` set) on failure.
  mlir::OwningOpRef<mlir::ModuleOp> import(const ModelBuilder &b) {
    b.save(path);
    errors.clear();
    return frontend::importOnnxFile(ctx, path);
  }

  std::string print(mlir::ModuleOp m) {
    std::string ir;
    llvm::raw_string_ostream os(ir);
    m.print(os);
    return ir;
  }

  /// Runs \p m on the interpreter.
  std::vector<Tensor> interpret(mlir::ModuleOp m,
                                const std::vector<Tensor> &inputs) {
    auto interp = Interpreter::create(m);
    if (!interp) {
      ADD_FAILURE() << llvm::toString(interp.takeError());
      return {};
    }
    auto out = (*interp)->run(inputs);
    if (!out) {
      ADD_FAILURE() << llvm::toString(out.takeError());
      return {};
    }
    return *out;
  }

  /// Expects the import of \p b to fail with one line containing \p what.
  void expectOneError(const ModelBuilder &b, const std::string &what) {
    EXPECT_FALSE(import(b));
    EXPECT_NE(errors.find(what), std::string::npos) << errors;
    EXPECT_EQ(errors.find('\n'), errors.size() - 1) << errors;
  }
};

std::vector<float> values(const Tensor &t) {
  return std::vector<float>(t.data<float>(), t.data<float>() + t.numElements());
}

const std::vector<float> kX = {1, 2, 3, -1, 0, 4};
const std::vector<float> kW = {0.5f, -1.0f, 2.0f};

/// acc_{k+1} = acc_k * w + x, acc_0 = x: the expected Loop results.
std::vector<std::vector<float>> expectedLoop(int64_t trips) {
  std::vector<std::vector<float>> accs;
  std::vector<float> acc = kX;
  for (int64_t t = 0; t < trips; ++t) {
    for (size_t i = 0; i < acc.size(); ++i)
      acc[i] = acc[i] * kW[i % 3] + kX[i];
    accs.push_back(acc);
  }
  return accs;
}

TEST_F(ControlFlowTest, LoopReadsOuterValuesAndCarriesATensor) {
  auto module = import(loopModel(4));
  ASSERT_TRUE(module) << errors;
  std::string ir = print(*module);
  EXPECT_NE(ir.find("kiln.loop"), std::string::npos) << ir;
  EXPECT_NE(ir.find("kiln.yield"), std::string::npos) << ir;
  auto out = interpret(*module, {Tensor::fromVector<float>({2, 3}, kX)});
  ASSERT_EQ(out.size(), 2u);
  auto accs = expectedLoop(4);
  EXPECT_EQ(values(out[0]), accs.back());
  ASSERT_EQ(out[1].shape(), (Shape{4, 2, 3}));
  std::vector<float> all;
  for (auto &a : accs)
    all.insert(all.end(), a.begin(), a.end());
  EXPECT_EQ(values(out[1]), all);
}

// The body's condition ends the loop: cond_out = (i < 2) runs 3 iterations
// although M allows 10; without M the condition alone bounds it.
TEST_F(ControlFlowTest, LoopStopsOnTheBodysCondition) {
  for (bool withM : {true, false}) {
    ModelBuilder b(13);
    b.input("x", {2, 3}).output("y", {2, 3});
    b.initializer("w", {3}, kW);
    b.initializerI64("n", {}, {10});
    b.initializerI64("two", {}, {2});
    onnx::GraphProto body = loopBody();
    body.mutable_node(0)->set_op_type("Less");
    body.mutable_node(0)->set_input(0, "i");
    body.mutable_node(0)->add_input("two");
    body.mutable_output()->RemoveLast();
    onnx::TensorProto *t = b.model.mutable_graph()->add_initializer();
    t->set_name("true");
    t->set_data_type(9);
    t->add_int32_data(1);
    addGraph(b.node("Loop", {withM ? "n" : "", "true", "x"}, {"y"}, "loop"),
             "body", body);
    auto module = import(b);
    ASSERT_TRUE(module) << errors;
    auto out = interpret(*module, {Tensor::fromVector<float>({2, 3}, kX)});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(values(out[0]), expectedLoop(3).back()) << withM;
  }
}

TEST_F(ControlFlowTest, LoopOfZeroTripsGivesInitialValuesAndEmptyScans) {
  auto module = import(loopModel(0));
  ASSERT_TRUE(module) << errors;
  auto out = interpret(*module, {Tensor::fromVector<float>({2, 3}, kX)});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(values(out[0]), kX);
  EXPECT_EQ(out[1].shape(), (Shape{0, 2, 3}));
}

TEST_F(ControlFlowTest, IfPicksABranchFromAnInput) {
  auto module = import(ifModel());
  ASSERT_TRUE(module) << errors;
  EXPECT_NE(print(*module).find("kiln.if"), std::string::npos);
  Tensor x = Tensor::fromVector<float>({3}, {1, -2, 3});
  for (bool c : {true, false}) {
    Tensor cond(DType::Bool, {});
    cond.setFromDouble(0, c);
    auto out = interpret(*module, {cond, x});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(values(out[0]), c ? std::vector<float>({2, -1, 4})
                                : std::vector<float>({-1, 2, -3}));
  }
}

TEST_F(ControlFlowTest, ScanAlongAnAxisInReverse) {
  auto module = import(scanModel());
  ASSERT_TRUE(module) << errors;
  auto out = interpret(*module, {Tensor::fromVector<float>({2}, {10, 20}),
                                 Tensor::fromVector<float>({2, 3}, kX)});
  ASSERT_EQ(out.size(), 2u);
  // Columns of x: (1,-1), (2,0), (3,4); from the last: 13,24 / 15,24 /
  // 16,23.
  EXPECT_EQ(values(out[0]), std::vector<float>({16, 23}));
  EXPECT_EQ(values(out[1]), std::vector<float>({13, 15, 16, 24, 24, 23}));
}

// A node producing a value only a subgraph reads may come after the If:
// the loader sorts it first.
TEST_F(ControlFlowTest, OuterValuesReadBySubgraphsOrderTheNodes) {
  ModelBuilder b(13);
  b.input("cond", {}, 9).input("x", {3}).output("y", {3});
  onnx::GraphProto thenG, elseG;
  addNode(thenG, "Identity", {"late"}, {"t"});
  setType(thenG.add_output(), "t", {3});
  addNode(elseG, "Identity", {"x"}, {"e"});
  setType(elseG.add_output(), "e", {3});
  onnx::NodeProto &n = b.node("If", {"cond"}, {"y"}, "if");
  addGraph(n, "then_branch", thenG);
  addGraph(n, "else_branch", elseG);
  b.node("Neg", {"x"}, {"late"});
  auto module = import(b);
  ASSERT_TRUE(module) << errors;
  Tensor cond(DType::Bool, {});
  cond.setFromDouble(0, 1);
  auto out =
      interpret(*module, {cond, Tensor::fromVector<float>({3}, {1, 2, 3})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values(out[0]), std::vector<float>({-1, -2, -3}));
}

TEST_F(ControlFlowTest, MalformedSubgraphsGetOneErrorLine) {
  {
    // A body reading a value nothing defines.
    ModelBuilder b = loopModel(2);
    onnx::GraphProto *body = loopBodyOf(b);
    body->mutable_node(2)->set_input(1, "phantom");
    expectOneError(b, "'phantom'");
  }
  {
    // A body redefining an outer value.
    ModelBuilder b = loopModel(2);
    onnx::GraphProto *body = loopBodyOf(b);
    body->mutable_node(1)->set_output(0, "w");
    body->mutable_node(2)->set_input(0, "w");
    expectOneError(b, "defined twice");
  }
  {
    // A body with too few inputs for the loop-carried value.
    ModelBuilder b = loopModel(2);
    onnx::GraphProto *body = loopBodyOf(b);
    body->mutable_input()->RemoveLast();
    body->mutable_node(1)->set_input(0, "x");
    expectOneError(b, "subgraph 'body' has 2 inputs; expected 3");
  }
  {
    // An op Kiln does not know, inside a body, is listed as unsupported.
    ModelBuilder b = loopModel(2);
    b.model.mutable_opset_import(0)->set_version(18); // past ONNX's checker
    onnx::GraphProto *body = loopBodyOf(b);
    body->mutable_node(3)->set_op_type("FooBar");
    expectOneError(b, "1 unsupported op: FooBar");
  }
  {
    // A body whose yields do not match the loop's outputs.
    ModelBuilder b = loopModel(2);
    b.model.mutable_opset_import(0)->set_version(18);
    onnx::GraphProto *body = loopBodyOf(b);
    body->mutable_output()->RemoveLast();
    expectOneError(b, "node 'loop' (Loop");
  }
  {
    // A body initializer whose data is shorter than its shape.
    ModelBuilder b = loopModel(2);
    onnx::GraphProto *body = loopBodyOf(b);
    onnx::TensorProto *t = body->add_initializer();
    t->set_name("bw");
    t->set_data_type(1);
    t->add_dims(1000);
    t->add_dims(1000);
    t->add_float_data(1);
    expectOneError(b, "initializer 'bw' has shape 1000x1000");
  }
  {
    // A Scan with no scan input.
    ModelBuilder b(18);
    b.input("init", {2}).output("sum", {2});
    onnx::GraphProto body;
    setType(body.add_input(), "s", {2});
    addNode(body, "Identity", {"s"}, {"s_out"});
    setType(body.add_output(), "s_out", {2});
    onnx::NodeProto &n = b.node("Scan", {"init"}, {"sum"}, "scan");
    addGraph(n, "body", body);
    addInt(n, "num_scan_inputs", 0);
    expectOneError(b, "expected num_scan_inputs in [1, 1], found 0");
    // At an opset ONNX's checker and shape inference see, and more scan
    // inputs than inputs.
    b.model.mutable_opset_import(0)->set_version(11);
    b.model.mutable_graph()->mutable_node(0)->mutable_attribute(1)->set_i(3);
    EXPECT_FALSE(import(b));
    EXPECT_EQ(errors.find('\n'), errors.size() - 1) << errors;
  }
  {
    // A body without outputs, at an opset ONNX's inference sees.
    ModelBuilder b = loopModel(2);
    loopBodyOf(b)->clear_output();
    EXPECT_FALSE(import(b));
    EXPECT_EQ(errors.find('\n'), errors.size() - 1) << errors;
  }
  {
    // Branches without outputs.
    ModelBuilder b(11);
    b.input("cond", {}, 9).input("x", {3}).output("y", {3});
    onnx::GraphProto empty;
    onnx::NodeProto &n = b.node("If", {"cond"}, {"y"}, "if");
    addGraph(n, "then_branch", empty);
    addGraph(n, "else_branch", empty);
    EXPECT_FALSE(import(b));
    EXPECT_EQ(errors.find('\n'), errors.size() - 1) << errors;
  }
  {
    // A branch missing.
    ModelBuilder b(18);
    b.input("cond", {}, 9).input("x", {3}).output("y", {3});
    onnx::GraphProto thenG;
    addNode(thenG, "Identity", {"x"}, {"t"});
    setType(thenG.add_output(), "t", {3});
    addGraph(b.node("If", {"cond"}, {"y"}, "if"), "then_branch", thenG);
    expectOneError(b, "else_branch");
  }
}

// The graph passes leave the regions alone and keep the results.
TEST_F(ControlFlowTest, OptimizationPassesKeepResults) {
  auto module = import(loopModel(3));
  ASSERT_TRUE(module) << errors;
  Tensor x = Tensor::fromVector<float>({2, 3}, kX);
  auto before = interpret(*module, {x});
  mlir::PassManager pm(&ctx);
  addOptimizationPasses(pm);
  ASSERT_TRUE(mlir::succeeded(pm.run(*module))) << errors;
  auto after = interpret(*module, {x});
  ASSERT_EQ(before.size(), after.size());
  for (size_t i = 0; i < before.size(); ++i)
    EXPECT_EQ(values(before[i]), values(after[i]));
}

class ControlFlowJitTest : public ControlFlowTest {
protected:
  /// The interpreter's results for \p b.
  std::vector<Tensor> reference(const ModelBuilder &b,
                                const std::vector<Tensor> &inputs) {
    auto m = import(b);
    if (!m) {
      ADD_FAILURE() << errors;
      return {};
    }
    return interpret(*m, inputs);
  }

  /// Expects \p b to give the interpreter's results on the JIT at 1 and 2
  /// threads, for each set of \p inputs, twice in a row on one model (a
  /// run must not see the buffers of the one before) and with runInto.
  void expectSameAsInterpreter(const ModelBuilder &b,
                               const std::vector<std::vector<Tensor>> &sets) {
    for (unsigned threads : {1u, 2u}) {
      std::unique_ptr<cpu::JitModel> jit = jitOf(b, threads);
      ASSERT_TRUE(jit);
      for (const std::vector<Tensor> &inputs : sets) {
        std::vector<Tensor> expected = reference(b, inputs);
        for (int round = 0; round < 2; ++round) {
          auto out = jit->run(inputs);
          ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
          ASSERT_EQ(out->size(), expected.size());
          for (size_t i = 0; i < expected.size(); ++i) {
            EXPECT_EQ((*out)[i].shape(), expected[i].shape()) << i;
            EXPECT_EQ(values((*out)[i]), values(expected[i]))
                << "output " << i << ", " << threads << " threads, round "
                << round;
          }
        }
        std::vector<Tensor> into;
        for (const Tensor &e : expected)
          into.push_back(Tensor::uninitialized(e.dtype(), e.shape()));
        if (llvm::Error e = jit->runInto(inputs, into))
          ADD_FAILURE() << llvm::toString(std::move(e));
        for (size_t i = 0; i < expected.size(); ++i)
          EXPECT_EQ(values(into[i]), values(expected[i])) << "runInto " << i;
      }
    }
  }

  /// Imports \p b and builds it into DIR/lib\p name.so (no kernel cache,
  /// the tree's libkiln-rt.so); its path, or empty with a test failure.
  /// \p controlFlowSteps gets how many control-flow steps it holds.
  std::string buildLibrary(const ModelBuilder &b, const std::string &name,
                           unsigned &controlFlowSteps) {
    module = import(b);
    if (!module) {
      ADD_FAILURE() << errors;
      return "";
    }
    cpu::AotOptions options;
    options.useCache = false;
    options.runtimeLibrary = KILN_RT_LIBRARY;
    std::string library = dir.str().str() + "/lib" + name + ".so";
    auto built = cpu::compileLibrary(*module, library, options);
    if (!built) {
      ADD_FAILURE() << llvm::toString(built.takeError());
      return "";
    }
    controlFlowSteps = built->controlFlowSteps;
    return library;
  }

  /// The steps of \p plan inside regions, compiled or not.
  static std::pair<unsigned, unsigned> regionSteps(const cpu::Plan &plan) {
    unsigned compiled = 0, all = 0;
    for (const cpu::PlanStep &step : plan.steps)
      for (const cpu::PlanRegion &region : step.regions)
        for (const cpu::PlanStep &inner : region.steps) {
          ++all;
          compiled += inner.kind == cpu::PlanStep::Kind::Compiled;
        }
    return {compiled, all};
  }
};

// The loop runs on the host; its body's Mul and Add are compiled kernels
// reading the outer `w` and `x`.
TEST_F(ControlFlowJitTest, LoopBodyIsCompiledAndCarriesValues) {
  std::unique_ptr<cpu::JitModel> jit = jitOf(loopModel(4));
  ASSERT_TRUE(jit);
  const cpu::Plan &plan = jit->getPlan();
  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_EQ(plan.steps[0].kind, cpu::PlanStep::Kind::Regions);
  EXPECT_EQ(plan.steps[0].label, "kiln.loop (node 'loop')");
  auto [compiled, all] = regionSteps(plan);
  EXPECT_GE(compiled, 1u);
  EXPECT_EQ(compiled, plan.numCompiled());
  EXPECT_GE(all, compiled);
  auto out = jit->run({Tensor::fromVector<float>({2, 3}, kX)});
  ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
  auto accs = expectedLoop(4);
  EXPECT_EQ(values((*out)[0]), accs.back());
  std::vector<float> all4;
  for (auto &a : accs)
    all4.insert(all4.end(), a.begin(), a.end());
  EXPECT_EQ(values((*out)[1]), all4);
}

TEST_F(ControlFlowJitTest, LoopIfScanGiveTheInterpretersResults) {
  Tensor x = Tensor::fromVector<float>({2, 3}, kX);
  expectSameAsInterpreter(loopModel(3), {{x}});
  expectSameAsInterpreter(loopModel(0), {{x}});
  Tensor t(DType::Bool, {}), f(DType::Bool, {});
  t.setFromDouble(0, 1);
  f.setFromDouble(0, 0);
  Tensor x3 = Tensor::fromVector<float>({3}, {1, -2, 3});
  expectSameAsInterpreter(ifModel(), {{t, x3}, {f, x3}, {t, x3}});
  expectSameAsInterpreter(scanModel(),
                          {{Tensor::fromVector<float>({2}, {10, 20}), x}});
}

// A body large enough that its kernels split across threads.
TEST_F(ControlFlowJitTest, WideLoopBodyRunsOnWorkerThreads) {
  const int64_t rows = 20000;
  std::vector<float> data(rows * 3);
  for (size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<float>(i % 7) - 3.0f;
  expectSameAsInterpreter(loopModel(3, rows),
                          {{Tensor::fromVector<float>({rows, 3}, data)}});
}

// A model entry keeps the regions steps: read back (no MLIR), the model
// runs with the results of the one it was written from.
TEST_F(ControlFlowJitTest, ModelEntryKeepsControlFlow) {
  Tensor x = Tensor::fromVector<float>({2, 3}, kX);
  Tensor t(DType::Bool, {});
  t.setFromDouble(0, 1);
  Tensor x3 = Tensor::fromVector<float>({3}, {1, -2, 3});
  struct Case {
    ModelBuilder model;
    std::vector<Tensor> inputs;
  };
  std::vector<Case> cases = {
      {loopModel(3), {x}},
      {ifModel(), {t, x3}},
      {scanModel(), {Tensor::fromVector<float>({2}, {10, 20}), x}}};
  for (auto [i, c] : llvm::enumerate(cases)) {
    std::unique_ptr<cpu::JitModel> jit = jitOf(c.model);
    ASSERT_TRUE(jit);
    auto expected = jit->run(c.inputs);
    ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());
    std::string path = dir.str().str() + "/m" + std::to_string(i) + ".kmodel";
    std::string error;
    ASSERT_TRUE(jit->writeEntry(path, {}, {}, error)) << error;
    cpu::ModelEntry entry;
    ASSERT_TRUE(cpu::readModelEntry(path, dir, entry, &error)) << error;
    cpu::CpuOptions options;
    options.threads = 2;
    auto cached = cpu::JitModel::fromEntry(std::move(entry), options, path);
    ASSERT_TRUE(bool(cached)) << llvm::toString(cached.takeError());
    const cpu::Plan &plan = (*cached)->getPlan();
    ASSERT_EQ(plan.steps.size(), 1u);
    EXPECT_EQ(plan.steps[0].kind, cpu::PlanStep::Kind::Regions);
    EXPECT_TRUE(plan.steps[0].ops.empty());
    EXPECT_EQ(plan.numCompiled(), jit->getPlan().numCompiled());
    for (int round = 0; round < 2; ++round) {
      auto out = (*cached)->run(c.inputs);
      ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
      ASSERT_EQ(out->size(), expected->size());
      for (size_t k = 0; k < out->size(); ++k)
        EXPECT_EQ(values((*out)[k]), values((*expected)[k]))
            << "case " << i << " output " << k;
    }
  }
}

/// A Loop whose trip count is an input: its scan output's length is known
/// only at run time (a heap buffer of the AOT driver).
ModelBuilder loopOfInputTrips() {
  ModelBuilder b(13);
  b.input("n", {}, 7).input("x", {2, 3}).output("y", {2, 3});
  b.output("ys", {-1, 2, 3});
  b.initializer("w", {3}, kW);
  addGraph(b.node("Loop", {"n", "", "x"}, {"y", "ys"}, "loop"), "body",
           loopBody());
  return b;
}

// An AOT library runs If, Loop and Scan: the driver calls
// kiln_rt_control_flow, which runs each region through a generated C
// function of the region's compiled kernels; results as the interpreter's.
TEST_F(ControlFlowJitTest, AotLibrariesRunControlFlow) {
  Tensor x = Tensor::fromVector<float>({2, 3}, kX);
  Tensor t(DType::Bool, {}), f(DType::Bool, {});
  t.setFromDouble(0, 1);
  f.setFromDouble(0, 0);
  Tensor x3 = Tensor::fromVector<float>({3}, {1, -2, 3});
  struct Case {
    ModelBuilder model;
    std::vector<std::vector<Tensor>> inputs;
  };
  std::vector<Case> cases = {
      {loopModel(3), {{x}}},
      {loopModel(0), {{x}}},
      {ifModel(), {{t, x3}, {f, x3}}},
      {scanModel(), {{Tensor::fromVector<float>({2}, {10, 20}), x}}},
      {loopOfInputTrips(),
       {{Tensor::scalar<int64_t>(4), x}, {Tensor::scalar<int64_t>(0), x}}}};
  for (auto [i, c] : llvm::enumerate(cases)) {
    SCOPED_TRACE("case " + std::to_string(i));
    unsigned steps = 0;
    std::string library =
        buildLibrary(c.model, "flow" + std::to_string(i), steps);
    ASSERT_FALSE(library.empty());
    EXPECT_EQ(steps, 1u);
    for (unsigned threads : {1u, 2u}) {
      auto lib = cpu::AotLibrary::load(library, threads);
      ASSERT_TRUE(bool(lib)) << llvm::toString(lib.takeError());
      for (const std::vector<Tensor> &inputs : c.inputs) {
        std::vector<Tensor> expected = reference(c.model, inputs);
        for (int round = 0; round < 2; ++round) {
          auto out = (*lib)->run(inputs);
          ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
          ASSERT_EQ(out->size(), expected.size());
          for (size_t k = 0; k < expected.size(); ++k) {
            EXPECT_EQ((*out)[k].shape(), expected[k].shape()) << k;
            EXPECT_EQ(values((*out)[k]), values(expected[k]))
                << "output " << k << ", " << threads << " threads, round "
                << round;
          }
        }
      }
    }
  }
}

// An error inside a region (an index out of range in a Loop body) ends the
// AOT run with the interpreter's message.
TEST_F(ControlFlowJitTest, AotRegionErrorsReadAsOnTheInterpreter) {
  ModelBuilder b(13);
  b.input("k", {}, 7).input("x", {2, 3}).output("y", {2, 3});
  b.initializerI64("n", {}, {2});
  onnx::GraphProto body;
  setType(body.add_input(), "i", {}, 7);
  setType(body.add_input(), "c", {}, 9);
  setType(body.add_input(), "acc", {2, 3});
  addNode(body, "Identity", {"c"}, {"c_out"});
  onnx::NodeProto &g = *body.add_node();
  g.set_op_type("Gather");
  g.set_name("pick");
  g.add_input("acc");
  g.add_input("k");
  g.add_output("row");
  addNode(body, "Add", {"acc", "row"}, {"acc_out"});
  setType(body.add_output(), "c_out", {}, 9);
  setType(body.add_output(), "acc_out", {2, 3});
  addGraph(b.node("Loop", {"n", "", "x"}, {"y"}, "loop"), "body", body);
  unsigned steps = 0;
  std::string library = buildLibrary(b, "pick", steps);
  ASSERT_FALSE(library.empty());
  auto lib = cpu::AotLibrary::load(library, 1);
  ASSERT_TRUE(bool(lib)) << llvm::toString(lib.takeError());
  Tensor x = Tensor::fromVector<float>({2, 3}, kX);
  auto ok = (*lib)->run({Tensor::scalar<int64_t>(1), x});
  ASSERT_TRUE(bool(ok)) << llvm::toString(ok.takeError());
  EXPECT_EQ(values((*ok)[0]),
            values(reference(b, {Tensor::scalar<int64_t>(1), x})[0]));

  auto reference = import(b);
  ASSERT_TRUE(reference) << errors;
  auto interp = Interpreter::create(*reference);
  ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
  auto expected = (*interp)->run({Tensor::scalar<int64_t>(2), x});
  ASSERT_FALSE(bool(expected));
  std::string message = llvm::toString(expected.takeError());
  EXPECT_NE(message.find("index 2 is out of range"), std::string::npos)
      << message;
  auto failed = (*lib)->run({Tensor::scalar<int64_t>(2), x});
  ASSERT_FALSE(bool(failed));
  EXPECT_EQ(llvm::toString(failed.takeError()), message);
}

/// y = Loop 2 times over x of: h = -v, then Loop 2 times of
/// acc = acc * w + h + v from acc = v. The inner body reads a value the
/// outer body defines (h) and one of its arguments (v).
ModelBuilder nestedLoopModel() {
  ModelBuilder b(13);
  b.input("x", {2, 3}).output("y", {2, 3});
  b.initializer("w", {3}, kW);
  b.initializerI64("n", {}, {2});
  onnx::GraphProto innerBody;
  setType(innerBody.add_input(), "i", {}, 7);
  setType(innerBody.add_input(), "c", {}, 9);
  setType(innerBody.add_input(), "acc", {2, 3});
  addNode(innerBody, "Identity", {"c"}, {"c_out"});
  addNode(innerBody, "Mul", {"acc", "w"}, {"scaled"});
  addNode(innerBody, "Add", {"scaled", "h"}, {"t"});
  addNode(innerBody, "Add", {"t", "v"}, {"acc_out"});
  setType(innerBody.add_output(), "c_out", {}, 9);
  setType(innerBody.add_output(), "acc_out", {2, 3});
  onnx::GraphProto outer;
  setType(outer.add_input(), "j", {}, 7);
  setType(outer.add_input(), "oc", {}, 9);
  setType(outer.add_input(), "v", {2, 3});
  addNode(outer, "Identity", {"oc"}, {"oc_out"});
  addNode(outer, "Neg", {"v"}, {"h"});
  onnx::NodeProto &inner = *outer.add_node();
  inner.set_op_type("Loop");
  inner.set_name("inner");
  inner.add_input("n");
  inner.add_input("");
  inner.add_input("v");
  inner.add_output("v_out");
  addGraph(inner, "body", innerBody);
  setType(outer.add_output(), "oc_out", {}, 9);
  setType(outer.add_output(), "v_out", {2, 3});
  addGraph(b.node("Loop", {"n", "", "x"}, {"y"}, "outer"), "body", outer);
  return b;
}

// A Loop inside a Loop: the inner step's region function reads the outer
// region's argument and memory block through the context chain.
TEST_F(ControlFlowJitTest, AotLibrariesRunNestedControlFlow) {
  ModelBuilder b = nestedLoopModel();
  unsigned steps = 0;
  std::string library = buildLibrary(b, "nested", steps);
  ASSERT_FALSE(library.empty());
  EXPECT_EQ(steps, 2u);
  auto lib = cpu::AotLibrary::load(library, 2);
  ASSERT_TRUE(bool(lib)) << llvm::toString(lib.takeError());
  Tensor x = Tensor::fromVector<float>({2, 3}, kX);
  std::vector<Tensor> expected = reference(b, {x});
  ASSERT_EQ(expected.size(), 1u);
  for (int round = 0; round < 2; ++round) {
    auto out = (*lib)->run({x});
    ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
    EXPECT_EQ(values((*out)[0]), values(expected[0])) << "round " << round;
  }
  expectSameAsInterpreter(b, {{x}});
}

} // namespace
