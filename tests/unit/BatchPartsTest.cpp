//===- BatchPartsTest.cpp - Parts of a batch side by side -----------------===//
//
// kiln-split-batch cuts a batched conv net into parts (here at every run of
// ops it can: the L2 it assumes is a few bytes); at 2 threads the executor
// runs two parts at once, one per thread (lib/PartGroups.h). The outputs
// must be the interpreter's, and bit for bit those of the same kernels run
// part after part (ExecutorOptions::partsSideBySide off) and at 1 thread,
// over many runs, from several callers at once too (each run its own
// arena). The ThreadSanitizer job runs these.
//
//===----------------------------------------------------------------------===//
#include "ModelFileTest.h"

#include "kiln/cpu/Jit.h"
#include "kiln/frontend/Import.h"
#include "kiln/interpreter/Interpreter.h"

#include <gtest/gtest.h>

#include <cstring>
#include <thread>

using namespace kiln;
using namespace kiln::test;

namespace {

class BatchPartsTest : public ModelFileTest {
protected:
  /// Conv 3x3 to 16 channels, Relu, a 1x1 conv back to 8 with a residual
  /// Add, two more with a Tanh between and a residual Add (values of two
  /// sizes, so that the arena could place one part's value over another's), a
  /// depthwise conv (group = channels), MaxPool and a Sigmoid-gated product on
  /// \p batch images of 8x16x16.
  ModelBuilder convNet(int64_t batch) {
    ModelBuilder b;
    b.input("x", {batch, 8, 16, 16}).output("y", {batch, 8, 8, 8});
    auto weights = [](size_t n, float scale) {
      std::vector<float> w(n);
      for (size_t i = 0; i < n; ++i)
        w[i] = scale * (static_cast<float>((i * 7) % 13) - 6.0f);
      return w;
    };
    b.initializer("w1", {16, 8, 3, 3}, weights(16 * 8 * 9, 0.02f));
    b.initializer("b1", {16}, weights(16, 0.1f));
    b.initializer("w2", {8, 16, 1, 1}, weights(128, 0.05f));
    b.initializer("w3", {8, 8, 1, 1}, weights(64, 0.05f));
    b.initializer("wd", {8, 1, 3, 3}, weights(72, 0.04f));
    addInts(b.node("Conv", {"x", "w1", "b1"}, {"c1"}), "pads", {1, 1, 1, 1});
    b.node("Relu", {"c1"}, {"r1"});
    b.node("Conv", {"r1", "w2"}, {"c2"});
    b.node("Add", {"c2", "x"}, {"a2"});
    b.node("Conv", {"a2", "w3"}, {"c3"});
    b.node("Tanh", {"c3"}, {"t3"});
    b.node("Conv", {"t3", "w3"}, {"c4"});
    b.node("Add", {"c4", "a2"}, {"a4"});
    auto &dw = b.node("Conv", {"a4", "wd"}, {"d"});
    addInts(dw, "pads", {1, 1, 1, 1});
    auto *group = dw.add_attribute();
    group->set_name("group");
    group->set_type(onnx::AttributeProto::INT);
    group->set_i(8);
    auto &pool = b.node("MaxPool", {"d"}, {"p"});
    addInts(pool, "kernel_shape", {2, 2});
    addInts(pool, "strides", {2, 2});
    b.node("Sigmoid", {"p"}, {"s"});
    b.node("Mul", {"p", "s"}, {"y"});
    return b;
  }

  /// The saved model compiled for \p threads threads, split at every run
  /// it can, with its parts side by side or not.
  std::unique_ptr<cpu::JitModel> jit(unsigned threads, bool sideBySide) {
    graphs.push_back(frontend::importOnnxFile(ctx, path));
    if (!graphs.back()) {
      ADD_FAILURE() << "import failed: " << errors;
      return nullptr;
    }
    cpu::CpuOptions options;
    options.useCache = false;
    options.threads = threads;
    options.partsSideBySide = sideBySide;
    options.testSplitBatchCacheBytes = 64;
    auto model = cpu::JitModel::create(*graphs.back(), options);
    if (!model) {
      ADD_FAILURE() << llvm::toString(model.takeError());
      return nullptr;
    }
    return std::move(*model);
  }

  static Tensor ramp(Shape shape) {
    Tensor x(DType::F32, shape);
    for (int64_t i = 0; i < x.numElements(); ++i)
      x.data<float>()[i] = static_cast<float>((i * 5) % 17) * 0.1f - 0.8f;
    return x;
  }

  std::vector<mlir::OwningOpRef<mlir::ModuleOp>> graphs;
};

/// True when \p a and \p b hold the same bytes.
bool sameBits(const Tensor &a, const Tensor &b) {
  return a.byteSize() == b.byteSize() &&
         std::memcmp(a.raw(), b.raw(), a.byteSize()) == 0;
}

TEST_F(BatchPartsTest, PartsRunSideBySideWithTheSameResults) {
  // Batch 5: five parts of one image, so at 2 threads two rounds of two
  // parts and a last part alone; at 4 threads one round of four.
  convNet(5).save(path);
  module = frontend::importOnnxFile(ctx, path);
  ASSERT_TRUE(module) << errors;
  auto interp = Interpreter::create(*module);
  ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
  Tensor x = ramp({5, 8, 16, 16});
  auto expected = (*interp)->run({x});
  ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());

  auto sideBySide = jit(2, true);
  auto oneByOne = jit(2, false);
  auto single = jit(1, true);
  ASSERT_TRUE(sideBySide && oneByOne && single);
  size_t partSteps = 0;
  for (const cpu::PlanStep &step : sideBySide->getPlan().steps)
    partSteps += step.itemBegin >= 0;
  ASSERT_GE(partSteps, 10u) << "kiln-split-batch no longer cuts this net";
  EXPECT_EQ(sideBySide->getExecutor().sideBySideRounds(), 2u);
  EXPECT_EQ(oneByOne->getExecutor().sideBySideRounds(), 0u);
  EXPECT_EQ(single->getExecutor().sideBySideRounds(), 0u);
  std::unique_ptr<cpu::Executor> four =
      sideBySide->getExecutor().withSettings(4, false);
  EXPECT_EQ(four->sideBySideRounds(), 1u);

  // No two values of the parts of one round share bytes of the arena (the
  // parts run at their own pace): parts 0 and 1, then 2 and 3.
  const cpu::Plan &plan = sideBySide->getPlan();
  const cpu::Executor &executor = sideBySide->getExecutor();
  struct Value {
    int64_t part, begin, end;
  };
  std::vector<Value> values;
  for (const cpu::PlanStep &step : plan.steps)
    for (int s : step.outputs)
      if (step.itemBegin >= 0 && step.itemBegin < 4 &&
          executor.arenaOffset(s) >= 0) {
        const cpu::PlanSlot &slot = plan.slots[s];
        int64_t bytes =
            shapeNumElements(slot.shape) * int64_t(dtypeSize(slot.dtype));
        values.push_back({step.itemBegin, executor.arenaOffset(s),
                          executor.arenaOffset(s) + bytes});
      }
  ASSERT_GE(values.size(), 8u);
  for (const Value &a : values)
    for (const Value &b : values)
      if (a.part / 2 == b.part / 2 && a.part != b.part) {
        ASSERT_TRUE(a.end <= b.begin || b.end <= a.begin)
            << "parts " << a.part << " and " << b.part << " share bytes";
      }

  auto reference = oneByOne->run({x});
  ASSERT_TRUE(bool(reference)) << llvm::toString(reference.takeError());
  const Tensor &want = (*expected)[0];
  ASSERT_EQ((*reference)[0].numElements(), want.numElements());
  for (int64_t i = 0; i < want.numElements(); ++i)
    ASSERT_NEAR((*reference)[0].data<float>()[i], want.data<float>()[i],
                1e-4 + 1e-3 * std::abs(want.data<float>()[i]))
        << "at " << i;
  // Side by side: the same bits, run after run (the arena reused); and at
  // 1 and 4 threads.
  for (int run = 0; run < 20; ++run) {
    auto y = sideBySide->run({x});
    ASSERT_TRUE(bool(y)) << llvm::toString(y.takeError());
    ASSERT_TRUE(sameBits((*y)[0], (*reference)[0])) << "run " << run;
  }
  auto y1 = single->run({x});
  ASSERT_TRUE(bool(y1)) << llvm::toString(y1.takeError());
  EXPECT_TRUE(sameBits((*y1)[0], (*reference)[0]));
  auto y4 = four->run({x});
  ASSERT_TRUE(bool(y4)) << llvm::toString(y4.takeError());
  EXPECT_TRUE(sameBits((*y4)[0], (*reference)[0]));
}

TEST_F(BatchPartsTest, ConcurrentCallersEachGetTheirOwnParts) {
  // Two callers at once on one 2-thread model: each run leases its own
  // arena, and the rounds of both share the workers.
  convNet(4).save(path);
  auto model = jit(2, true);
  ASSERT_TRUE(model);
  ASSERT_EQ(model->getExecutor().sideBySideRounds(), 2u);
  Tensor x = ramp({4, 8, 16, 16});
  Tensor x2 = ramp({4, 8, 16, 16});
  for (int64_t i = 0; i < x2.numElements(); ++i)
    x2.data<float>()[i] *= -0.5f;
  auto want = model->run({x});
  auto want2 = model->run({x2});
  ASSERT_TRUE(want && want2);
  std::vector<std::string> failures(2);
  auto caller = [&](int c) {
    const Tensor &in = c ? x2 : x;
    const Tensor &expect = c ? (*want2)[0] : (*want)[0];
    for (int run = 0; run < 25; ++run) {
      auto y = model->run({in});
      if (!y) {
        failures[c] = llvm::toString(y.takeError());
        return;
      }
      if (!sameBits((*y)[0], expect)) {
        failures[c] = "run " + std::to_string(run) + " differs";
        return;
      }
    }
  };
  std::thread a(caller, 0), b(caller, 1);
  a.join();
  b.join();
  EXPECT_EQ(failures[0], "");
  EXPECT_EQ(failures[1], "");
}

} // namespace
