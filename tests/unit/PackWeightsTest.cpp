//===- PackWeightsTest.cpp - Weight packing and epilogue fusion keep numerics
//-===//
//
// kiln-pack-weights and kiln-fuse-epilogue each run on graphs whose
// intermediate values the compiler cannot fold away (every input is a
// function argument); the graph runs on the interpreter before and after
// with the same random inputs. Packing only moves weights, so the results
// are nearly bitwise equal (sums keep their order; only Gemm's alpha moves
// into the weights); fusion folds BatchNorm into the weights and changes
// rounding, so it is compared with a tolerance.
//
//===----------------------------------------------------------------------===//
#include "InterpretHelpers.h"
#include "kiln/interpreter/Interpreter.h"
#include "kiln/passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace kiln;
using kiln::test::interpret;
using kiln::test::randomTensor;

namespace {

/// Conv (group 1 and depthwise), MatMul and Gemm with constant weights,
/// each followed by what fusion folds.
constexpr const char *kGraph = R"mlir(
func.func @main(%x: tensor<1x3x9x9xf32>, %a: tensor<5x6xf32>,
                %skip: tensor<1x4x9x9xf32>, %r: tensor<5x7xf32>)
    -> (tensor<1x4x9x9xf32>, tensor<1x3x5x5xf32>, tensor<5x7xf32>, tensor<5x7xf32>) {
  %none = kiln.none
  %w = kiln.constant dense<[[[[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [0.7, 0.8, 0.9]],
                             [[-0.1, 0.2, 0.3], [0.4, -0.5, 0.6], [0.7, 0.8, -0.9]],
                             [[0.1, 0.2, -0.3], [-0.4, 0.5, 0.6], [0.7, -0.8, 0.9]]],
                            [[[0.2, 0.2, 0.2], [0.2, 0.2, 0.2], [0.2, 0.2, 0.2]],
                             [[-0.3, 0.3, -0.3], [0.3, -0.3, 0.3], [-0.3, 0.3, -0.3]],
                             [[0.5, 0.0, 0.5], [0.0, 0.5, 0.0], [0.5, 0.0, 0.5]]],
                            [[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
                             [[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]],
                             [[0.1, 0.1, 0.1], [0.1, 0.1, 0.1], [0.1, 0.1, 0.1]]],
                            [[[-1.0, 0.5, 0.25], [0.5, -1.0, 0.5], [0.25, 0.5, -1.0]],
                             [[0.3, 0.6, 0.9], [0.2, 0.5, 0.8], [0.1, 0.4, 0.7]],
                             [[0.9, 0.8, 0.7], [0.6, 0.5, 0.4], [0.3, 0.2, 0.1]]]]>
      : tensor<4x3x3x3xf32>
  %c = kiln.conv %x, %w, %none {pads = [1, 1, 1, 1]}
      : (tensor<1x3x9x9xf32>, tensor<4x3x3x3xf32>, none) -> tensor<1x4x9x9xf32>
  %scale = kiln.constant dense<[0.5, 1.5, 1.0, 2.0]> : tensor<4xf32>
  %shift = kiln.constant dense<[0.1, -0.1, 0.2, 0.0]> : tensor<4xf32>
  %mean = kiln.constant dense<[0.0, 0.1, -0.1, 0.3]> : tensor<4xf32>
  %var = kiln.constant dense<[1.0, 0.5, 2.0, 0.8]> : tensor<4xf32>
  %bn = kiln.batch_normalization %c, %scale, %shift, %mean, %var
      : (tensor<1x4x9x9xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>,
         tensor<4xf32>) -> tensor<1x4x9x9xf32>
  %res = kiln.add %bn, %skip
      : (tensor<1x4x9x9xf32>, tensor<1x4x9x9xf32>) -> tensor<1x4x9x9xf32>
  %y0 = kiln.relu %res : (tensor<1x4x9x9xf32>) -> tensor<1x4x9x9xf32>

  %dw = kiln.constant dense<[[[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]],
                             [[[-0.5, 0.5, -0.5], [0.5, -0.5, 0.5], [-0.5, 0.5, -0.5]]],
                             [[[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]]]]>
      : tensor<3x1x3x3xf32>
  %d = kiln.conv %x, %dw, %none {group = 3 : i64, pads = [1, 1, 1, 1], strides = [2, 2]}
      : (tensor<1x3x9x9xf32>, tensor<3x1x3x3xf32>, none) -> tensor<1x3x5x5xf32>
  %lo = kiln.constant dense<0.0> : tensor<f32>
  %hi = kiln.constant dense<2.0> : tensor<f32>
  %y1 = kiln.clip %d, %lo, %hi
      : (tensor<1x3x5x5xf32>, tensor<f32>, tensor<f32>) -> tensor<1x3x5x5xf32>

  %b = kiln.constant dense<[[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
                            [-0.1, -0.2, -0.3, -0.4, -0.5, -0.6, -0.7],
                            [1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0],
                            [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
                            [0.3, -0.3, 0.3, -0.3, 0.3, -0.3, 0.3],
                            [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]]> : tensor<6x7xf32>
  %m = kiln.mat_mul %a, %b : (tensor<5x6xf32>, tensor<6x7xf32>) -> tensor<5x7xf32>
  %bias = kiln.constant dense<[0.5, -0.5, 0.25, 0.0, 1.0, -1.0, 0.1]> : tensor<7xf32>
  %mb = kiln.add %bias, %m : (tensor<7xf32>, tensor<5x7xf32>) -> tensor<5x7xf32>
  %y2 = kiln.leaky_relu %mb {alpha = 0.1 : f32} : (tensor<5x7xf32>) -> tensor<5x7xf32>

  %g = kiln.gemm %a, %b, %r {alpha = 0.5 : f32}
      : (tensor<5x6xf32>, tensor<6x7xf32>, tensor<5x7xf32>) -> tensor<5x7xf32>
  %y3 = kiln.relu %g : (tensor<5x7xf32>) -> tensor<5x7xf32>
  return %y0, %y1, %y2, %y3
      : tensor<1x4x9x9xf32>, tensor<1x3x5x5xf32>, tensor<5x7xf32>, tensor<5x7xf32>
}
)mlir";

/// Counts the ops named \p name in \p module.
int count(mlir::ModuleOp module, llvm::StringRef name) {
  int n = 0;
  module.walk(
      [&](mlir::Operation *op) { n += op->getName().getStringRef() == name; });
  return n;
}

void expectClose(const std::vector<Tensor> &before,
                 const std::vector<Tensor> &after, double tol) {
  ASSERT_EQ(after.size(), before.size());
  for (size_t o = 0; o < before.size(); ++o) {
    ASSERT_EQ(after[o].dtype(), before[o].dtype());
    ASSERT_EQ(after[o].shape(), before[o].shape());
    for (int64_t i = 0; i < before[o].numElements(); ++i) {
      float x = before[o].data<float>()[i], y = after[o].data<float>()[i];
      ASSERT_LE(std::fabs(x - y), tol * (1 + std::fabs(x)))
          << "output " << o << " element " << i;
    }
  }
}

class PackWeightsTest : public ::testing::Test {
protected:
  PackWeightsTest() {
    mlir::DialectRegistry registry;
    registerKilnDialects(registry);
    ctx.appendDialectRegistry(registry);
    ctx.loadAllAvailableDialects();
    module = mlir::parseSourceString<mlir::ModuleOp>(kGraph, &ctx);
    inputs = {randomTensor({1, 3, 9, 9}, 1), randomTensor({5, 6}, 2),
              randomTensor({1, 4, 9, 9}, 3), randomTensor({5, 7}, 4)};
  }
  mlir::MLIRContext ctx;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::vector<Tensor> inputs;
};

TEST_F(PackWeightsTest, PackingKeepsResults) {
  ASSERT_TRUE(module);
  std::vector<Tensor> before = interpret(*module, inputs);
  mlir::PassManager pm(&ctx);
  pm.addPass(createPackWeights());
  ASSERT_TRUE(mlir::succeeded(pm.run(*module)));
  EXPECT_EQ(count(*module, "kiln.packed_conv"), 1);
  EXPECT_EQ(count(*module, "kiln.depthwise_conv"), 1);
  EXPECT_EQ(count(*module, "kiln.packed_mat_mul"), 2);
  EXPECT_EQ(count(*module, "kiln.conv"), 0);
  EXPECT_EQ(count(*module, "kiln.mat_mul") + count(*module, "kiln.gemm"), 0);
  expectClose(before, interpret(*module, inputs), 1e-6);
}

TEST_F(PackWeightsTest, PanelSizesAreOptions) {
  ASSERT_TRUE(module);
  std::vector<Tensor> before = interpret(*module, inputs);
  mlir::PassManager pm(&ctx);
  PackWeightsOptions options;
  options.panelWidth = 3;
  options.convPanelHeight = 1;
  pm.addPass(createPackWeights(options));
  ASSERT_TRUE(mlir::succeeded(pm.run(*module)));
  expectClose(before, interpret(*module, inputs), 1e-6);
}

TEST_F(PackWeightsTest, FusionKeepsResults) {
  ASSERT_TRUE(module);
  std::vector<Tensor> before = interpret(*module, inputs);
  mlir::PassManager pm(&ctx);
  pm.addPass(createPackWeights());
  ASSERT_TRUE(mlir::succeeded(pm.run(*module)));
  std::vector<Tensor> packed = interpret(*module, inputs);
  mlir::PassManager fuse(&ctx);
  fuse.addPass(createFuseEpilogue());
  ASSERT_TRUE(mlir::succeeded(fuse.run(*module)));
  // Everything after the four products was folded into them.
  for (const char *gone : {"kiln.batch_normalization", "kiln.add", "kiln.relu",
                           "kiln.clip", "kiln.leaky_relu"})
    EXPECT_EQ(count(*module, gone), 0) << gone;
  expectClose(packed, interpret(*module, inputs), 1e-5);
  expectClose(before, interpret(*module, inputs), 1e-5);
}

} // namespace
