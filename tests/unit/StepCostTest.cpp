//===- StepCostTest.cpp - FLOPs, bytes and nodes of plan steps ------------===//
//
// A small graph (Conv, Add, Relu, Reshape, MatMul, Softmax) planned without
// the graph passes, one step per op, each step's FLOPs and bytes against
// figures computed by hand from the conventions of StepCost.cpp; then with
// the passes, where the Conv's step computes the Add and the Relu in its
// epilogue and costs what its members cost; and an attention whose head
// split and merge folded into it.
//
//===----------------------------------------------------------------------===//
#include "ModelFileTest.h"

#include "kiln/cpu/Codegen.h"
#include "kiln/cpu/Plan.h"
#include "kiln/cpu/StepCost.h"

#include <gtest/gtest.h>

#include <optional>

using namespace kiln;
using namespace kiln::test;

namespace {

class StepCostTest : public ModelFileTest {
protected:
  StepCostTest() {
    mlir::DialectRegistry registry;
    cpu::registerCpuBackendDialects(registry);
    ctx.appendDialectRegistry(registry);
    ctx.loadAllAvailableDialects();
  }

  /// x 1x3x8x8 -> Conv 4x3x3x3 (pads 1) -> Add a 1x4x1x1 constant -> Relu
  /// -> Reshape 1x256 -> MatMul 256x10 -> Softmax -> y 1x10.
  void buildModel() {
    ModelBuilder b;
    b.input("x", {1, 3, 8, 8}).output("y", {1, 10});
    b.initializer("w", {4, 3, 3, 3}, std::vector<float>(108, 0.1f));
    b.initializer("k", {1, 4, 1, 1}, {0.5f, -0.5f, 0.25f, 1.0f});
    b.initializerI64("shape", {2}, {1, 256});
    b.initializer("m", {256, 10}, std::vector<float>(2560, 0.01f));
    auto &conv = b.node("Conv", {"x", "w"}, {"c"}, "conv");
    addInts(conv, "kernel_shape", {3, 3});
    addInts(conv, "pads", {1, 1, 1, 1});
    b.node("Add", {"c", "k"}, {"a"}, "add");
    b.node("Relu", {"a"}, {"r"}, "relu");
    b.node("Reshape", {"r", "shape"}, {"f"}, "reshape");
    b.node("MatMul", {"f", "m"}, {"mm"}, "matmul");
    b.node("Softmax", {"mm"}, {"y"}, "softmax");
    b.save(path);
  }

  /// The plan of the model, with the graph passes when \p optimize.
  std::optional<cpu::Plan> plan(bool optimize) {
    buildModel();
    return planSaved(optimize);
  }

  /// The plan of the model saved at `path`.
  std::optional<cpu::Plan> planSaved(bool optimize) {
    module = frontend::importOnnxFile(ctx, path);
    if (!module) {
      ADD_FAILURE() << "import failed: " << errors;
      return std::nullopt;
    }
    if (llvm::Error e = cpu::prepareGraph(*module, optimize)) {
      ADD_FAILURE() << llvm::toString(std::move(e));
      return std::nullopt;
    }
    auto p = cpu::buildPlan(*module);
    if (!p) {
      ADD_FAILURE() << llvm::toString(p.takeError());
      return std::nullopt;
    }
    return std::move(*p);
  }

  /// The step whose last op comes from ONNX node \p node.
  static const cpu::PlanStep *stepOf(const cpu::Plan &plan,
                                     const std::string &node) {
    for (const cpu::PlanStep &step : plan.steps)
      if (!step.ops.empty() && cpu::nodeName(step.ops.back()->getLoc()) == node)
        return &step;
    return nullptr;
  }
};

TEST_F(StepCostTest, EachOpCostsWhatItsConventionSays) {
  auto p = plan(/*optimize=*/false);
  ASSERT_TRUE(p);
  ASSERT_EQ(p->steps.size(), 6u) << "one step per op without the passes";
  const double f32 = 4;
  // Small constants (up to 64 elements) are cloned into compiled kernels,
  // so only a reference step reads them as buffers: `smallConstant` bytes.
  struct Expect {
    const char *node;
    double flops, bytes, smallConstant;
  } expected[] = {
      // 2 x 256 outputs x (3 x 3 x 3) taps; x, w (108 elements: a buffer)
      // and the result.
      {"conv", 2 * 256 * 27, f32 * (192 + 108 + 256), 0},
      // 1 per output; c and the result, k (4 floats).
      {"add", 256, f32 * 2 * 256, f32 * 4},
      {"relu", 256, f32 * 2 * 256, 0},
      // Data movement: no FLOPs; the data in and out, the shape (2 x i64).
      {"reshape", 0, f32 * 2 * 256, 2 * 8},
      // 2 x 10 outputs x K = 256; f, m and the result.
      {"matmul", 2 * 10 * 256, f32 * (256 + 2560 + 10), 0},
      // (4 + 10) per element; in and out.
      {"softmax", 14 * 10, f32 * 2 * 10, 0},
  };
  for (const Expect &e : expected) {
    const cpu::PlanStep *step = stepOf(*p, e.node);
    ASSERT_TRUE(step) << e.node;
    double bytes = e.bytes;
    if (step->kind == cpu::PlanStep::Kind::Reference)
      bytes += e.smallConstant;
    EXPECT_EQ(step->flops, e.flops) << e.node;
    EXPECT_EQ(static_cast<double>(step->bytes), bytes) << e.node;
    EXPECT_EQ(step->nodes, std::vector<std::string>{e.node});
  }
}

TEST_F(StepCostTest, AFusedStepCostsWhatItsMembersCost) {
  auto p = plan(/*optimize=*/true);
  ASSERT_TRUE(p);
  // The Add (a per-channel constant: the bias) and the Relu join the
  // Conv's epilogue (a packed convolution at the Relu's location): 2 x K =
  // 27 per output, plus 1 per output for the bias and 1 for the Relu.
  const cpu::PlanStep *step = stepOf(*p, "relu");
  ASSERT_TRUE(step);
  EXPECT_EQ(stepOf(*p, "conv"), nullptr) << "the Conv is no longer fused";
  EXPECT_EQ(step->flops, 2 * 256 * 27 + 256 + 256);
  EXPECT_EQ(step->nodes, (std::vector<std::string>{"conv", "add", "relu"}))
      << "the fused op's location lost a node";
  EXPECT_EQ(step->label, "kiln.packed_conv (node 'relu')");
  // The step reads x, the packed weights and the bias, and writes the
  // result: at least those bytes, whatever the packing pads.
  EXPECT_GE(step->bytes, 4u * (192 + 108 + 4 + 256));
  const cpu::PlanStep *mm = stepOf(*p, "matmul");
  ASSERT_TRUE(mm);
  EXPECT_EQ(mm->flops, 2 * 10 * 256);
  double total = 0;
  for (const cpu::PlanStep &s : p->steps)
    total += s.flops;
  EXPECT_EQ(total, 2 * 256 * 27 + 256 + 256 + 2 * 10 * 256 + 14 * 10);
}

TEST_F(StepCostTest, AttentionCountsItsKeysThroughTheHeadSplit) {
  // Q, K and V of [batch 1, seq 5, heads 2, dim 4], split into heads by
  // Transposes that fold into kiln.fused_attention as perms: K's given
  // shape ends in the head dim (4), the keys (5) are its dim 1.
  const int64_t seq = 5, heads = 2, dim = 4;
  ModelBuilder b;
  b.input("q", {1, seq, heads, dim}).input("k", {1, seq, heads, dim});
  b.input("v", {1, seq, heads, dim}).output("y", {1, seq, heads, dim});
  b.initializer("c", {}, {2.0f});
  addInts(b.node("Transpose", {"q"}, {"qt"}), "perm", {0, 2, 1, 3});
  addInts(b.node("Transpose", {"k"}, {"kt"}), "perm", {0, 2, 3, 1});
  addInts(b.node("Transpose", {"v"}, {"vt"}), "perm", {0, 2, 1, 3});
  b.node("MatMul", {"qt", "kt"}, {"s"});
  b.node("Div", {"s", "c"}, {"scaled"});
  onnx::AttributeProto *axis =
      b.node("Softmax", {"scaled"}, {"p"}).add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(-1);
  b.node("MatMul", {"p", "vt"}, {"heads"});
  addInts(b.node("Transpose", {"heads"}, {"y"}, "out"), "perm", {0, 2, 1, 3});
  b.save(path);
  auto p = planSaved(/*optimize=*/true);
  ASSERT_TRUE(p);
  const cpu::PlanStep *step = stepOf(*p, "out");
  ASSERT_TRUE(step);
  ASSERT_EQ(step->label, "kiln.fused_attention (node 'out')");
  // Per head: 5 x 5 scores of 4 products each, their scale and softmax
  // (6 + 10 each), and 5 x 4 results of 5 products each.
  double scores = heads * seq * seq, results = heads * seq * dim;
  EXPECT_EQ(step->flops, 2 * scores * dim +
                             (6 + cpu::kTranscendentalFlops) * scores +
                             2 * results * seq);
}

} // namespace
