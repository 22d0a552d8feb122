//===- PassesTest.cpp - Graph passes keep numerics (interpreter) ----------===//
//
// Every pass runs before and after on the interpreter with the same random
// inputs; outputs must match (here exactly: the passes tested only refine
// types).
//
//===----------------------------------------------------------------------===//
#include "kiln/interpreter/Interpreter.h"
#include "kiln/passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

using namespace kiln;

namespace {

/// A graph whose intermediate types are unknown until shapes are inferred.
constexpr const char *kDynamicGraph = R"mlir(
func.func @main(%x: tensor<2x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<*xf32> {
  %none = kiln.none
  %c = kiln.conv %x, %w, %none {pads = [1, 1, 1, 1], strides = [2, 2]}
      : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<*xf32>
  %r = kiln.relu %c : (tensor<*xf32>) -> tensor<*xf32>
  %s = kiln.constant dense<[2, -1]> : tensor<2xi64>
  %f = kiln.reshape %r, %s : (tensor<*xf32>, tensor<2xi64>) -> tensor<*xf32>
  %axes = kiln.constant dense<[1]> : tensor<1xi64>
  %m = kiln.reduce_mean %f, %axes {keepdims = 1 : i64}
      : (tensor<*xf32>, tensor<1xi64>) -> tensor<*xf32>
  %y = kiln.sub %f, %m : (tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}
)mlir";

Tensor randomTensor(Shape shape, uint64_t seed) {
  Tensor t(DType::F32, shape);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1, 1);
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.data<float>()[i] = dist(rng);
  return t;
}

std::vector<Tensor> interpret(mlir::ModuleOp module,
                              const std::vector<Tensor> &inputs) {
  auto interp = Interpreter::create(module);
  EXPECT_TRUE(bool(interp));
  if (!interp) {
    llvm::consumeError(interp.takeError());
    return {};
  }
  auto out = (*interp)->run(inputs);
  EXPECT_TRUE(bool(out));
  if (!out) {
    llvm::consumeError(out.takeError());
    return {};
  }
  return *out;
}

TEST(InferShapes, RefinesTypesAndKeepsResults) {
  mlir::DialectRegistry registry;
  registerKilnDialects(registry);
  mlir::MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kDynamicGraph, &ctx);
  ASSERT_TRUE(module);
  std::vector<Tensor> inputs = {randomTensor({2, 3, 8, 8}, 1),
                                randomTensor({4, 3, 3, 3}, 2)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 1u);

  mlir::PassManager pm(&ctx);
  pm.addPass(createInferShapes());
  ASSERT_TRUE(mlir::succeeded(pm.run(*module)));
  auto func = module->lookupSymbol<mlir::func::FuncOp>("main");
  auto resultType =
      mlir::dyn_cast<mlir::RankedTensorType>(func.getResultTypes()[0]);
  ASSERT_TRUE(resultType) << "the result type was not refined";
  EXPECT_EQ(resultType.getShape(), llvm::ArrayRef<int64_t>({2, 64}));

  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 1u);
  ASSERT_EQ(after[0].shape(), before[0].shape());
  EXPECT_EQ(std::memcmp(after[0].raw(), before[0].raw(), after[0].byteSize()),
            0);
}

} // namespace
