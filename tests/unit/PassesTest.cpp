//===- PassesTest.cpp - Graph passes keep numerics (interpreter) ----------===//
//
// Every pass runs before and after on the interpreter with the same random
// inputs; outputs must match (here exactly: the passes tested only refine
// types, or compute at compile time what the interpreter computes at run
// time with the same kernels).
//
//===----------------------------------------------------------------------===//
#include "kiln/passes/Passes.h"
#include "InterpretHelpers.h"
#include "kiln/interpreter/Interpreter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <set>

using namespace kiln;
using kiln::test::interpret;
using kiln::test::randomTensor;

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

/// Shape arithmetic as exporters write it: Shape -> Gather -> Concat ->
/// Reshape and ConstantOfShape(Shape(x)), dynamic until folded.
constexpr const char *kShapeChainGraph = R"mlir(
func.func @main(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
  %s = kiln.shape %x : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %i = kiln.constant dense<[0]> : tensor<1xi64>
  %d = kiln.gather %s, %i {axis = 0 : i64}
      : (tensor<3xi64>, tensor<1xi64>) -> tensor<?xi64>
  %m = kiln.constant dense<[-1]> : tensor<1xi64>
  %t = kiln.concat %d, %m {axis = 0 : i64}
      : (tensor<?xi64>, tensor<1xi64>) -> tensor<?xi64>
  %two = kiln.constant dense<[2.0]> : tensor<1xf32>
  %half = kiln.reciprocal %two : (tensor<1xf32>) -> tensor<*xf32>
  %o = kiln.constant_of_shape %s {value = dense<3.0> : tensor<1xf32>}
      : (tensor<3xi64>) -> tensor<*xf32>
  %p = kiln.mul %x, %o : (tensor<2x3x4xf32>, tensor<*xf32>) -> tensor<*xf32>
  %q = kiln.mul %p, %half : (tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32>
  %y = kiln.reshape %q, %t : (tensor<*xf32>, tensor<?xi64>) -> tensor<*xf32>
  return %y : tensor<*xf32>
}
)mlir";

/// PyTorch's opset-14 LayerNorm over the last dim, then a Relu.
constexpr const char *kLayerNormGraph = R"mlir(
func.func @main(%x: tensor<4x3x32xf32>) -> tensor<4x3x32xf32> {
  %axes = kiln.constant dense<[-1]> : tensor<1xi64>
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-5> : tensor<f32>
  %scale = kiln.constant dense<1.5> : tensor<32xf32>
  %bias = kiln.constant dense<-0.25> : tensor<32xf32>
  %m = kiln.reduce_mean %x, %axes : (tensor<4x3x32xf32>, tensor<1xi64>) -> tensor<4x3x1xf32>
  %d = kiln.sub %x, %m : (tensor<4x3x32xf32>, tensor<4x3x1xf32>) -> tensor<4x3x32xf32>
  %p = kiln.pow %d, %two : (tensor<4x3x32xf32>, tensor<f32>) -> tensor<4x3x32xf32>
  %v = kiln.reduce_mean %p, %axes : (tensor<4x3x32xf32>, tensor<1xi64>) -> tensor<4x3x1xf32>
  %e = kiln.add %v, %eps : (tensor<4x3x1xf32>, tensor<f32>) -> tensor<4x3x1xf32>
  %s = kiln.sqrt %e : (tensor<4x3x1xf32>) -> tensor<4x3x1xf32>
  %n = kiln.div %d, %s : (tensor<4x3x32xf32>, tensor<4x3x1xf32>) -> tensor<4x3x32xf32>
  %g = kiln.mul %n, %scale : (tensor<4x3x32xf32>, tensor<32xf32>) -> tensor<4x3x32xf32>
  %y = kiln.add %g, %bias : (tensor<4x3x32xf32>, tensor<32xf32>) -> tensor<4x3x32xf32>
  %r = kiln.relu %y : (tensor<4x3x32xf32>) -> tensor<4x3x32xf32>
  return %r : tensor<4x3x32xf32>
}
)mlir";

/// DenseNet's pre-activation: a BatchNorm after a Concat, then a Relu.
constexpr const char *kBatchNormGraph = R"mlir(
func.func @main(%a: tensor<2x2x6x7xf32>, %b: tensor<2x3x6x7xf32>) -> tensor<2x5x6x7xf32> {
  %x = kiln.concat %a, %b {axis = 1 : i64}
      : (tensor<2x2x6x7xf32>, tensor<2x3x6x7xf32>) -> tensor<2x5x6x7xf32>
  %scale = kiln.constant dense<[0.5, 1.5, -2.0, 1.0, 3.0]> : tensor<5xf32>
  %shift = kiln.constant dense<[0.1, -0.2, 0.3, 0.0, -1.0]> : tensor<5xf32>
  %mean = kiln.constant dense<[0.0, 0.25, -0.5, 1.0, 0.1]> : tensor<5xf32>
  %var = kiln.constant dense<[1.0, 0.5, 2.0, 0.01, 4.0]> : tensor<5xf32>
  %y = kiln.batch_normalization %x, %scale, %shift, %mean, %var {epsilon = 1.0e-05 : f32}
      : (tensor<2x5x6x7xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>)
      -> tensor<2x5x6x7xf32>
  %r = kiln.relu %y : (tensor<2x5x6x7xf32>) -> tensor<2x5x6x7xf32>
  return %r : tensor<2x5x6x7xf32>
}
)mlir";

/// DenseNet's pre-activation (per-channel x * s + t, relu) before a 1x1
/// conv, and a squeeze-and-excitation scale (computed, per image) before a
/// 1x1 conv at stride 2, for kiln-fuse-conv-prologue.
constexpr const char *kConvPrologueGraph = R"mlir(
func.func @main(%x: tensor<2x3x5x5xf32>, %se: tensor<2x3x1x1xf32>)
    -> (tensor<2x4x5x5xf32>, tensor<2x4x3x3xf32>) {
  %s = kiln.constant dense<[[[0.5]], [[-1.5]], [[2.0]]]> : tensor<3x1x1xf32>
  %t = kiln.constant dense<[[[0.25]], [[1.0]], [[-0.5]]]> : tensor<3x1x1xf32>
  %m = kiln.mul %x, %s : (tensor<2x3x5x5xf32>, tensor<3x1x1xf32>) -> tensor<2x3x5x5xf32>
  %a = kiln.add %t, %m : (tensor<3x1x1xf32>, tensor<2x3x5x5xf32>) -> tensor<2x3x5x5xf32>
  %r = kiln.relu %a : (tensor<2x3x5x5xf32>) -> tensor<2x3x5x5xf32>
  %w = kiln.constant dense<[[[0.1, -0.2, 0.3, 0.4, 0.0, 0.0],
                             [0.5, 0.6, -0.7, 0.8, 0.0, 0.0],
                             [-0.9, 1.0, 1.1, -1.2, 0.0, 0.0]]]> : tensor<1x3x6xf32>
  %b = kiln.constant dense<[0.1, 0.2, 0.3, 0.4]> : tensor<4xf32>
  %none = kiln.none
  %y = kiln.packed_conv %r, %w, %b, %none {out_channels = 4 : i64,
      kernel_shape = [1, 1], strides = [1, 1], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<2x3x5x5xf32>, tensor<1x3x6xf32>, tensor<4xf32>, none) -> tensor<2x4x5x5xf32>
  %e = kiln.mul %x, %se : (tensor<2x3x5x5xf32>, tensor<2x3x1x1xf32>) -> tensor<2x3x5x5xf32>
  %z = kiln.packed_conv %e, %w, %none, %none {out_channels = 4 : i64,
      kernel_shape = [1, 1], strides = [2, 2], pads = [0, 0, 0, 0],
      dilations = [1, 1]}
      : (tensor<2x3x5x5xf32>, tensor<1x3x6xf32>, none, none) -> tensor<2x4x3x3xf32>
  return %y, %z : tensor<2x4x5x5xf32>, tensor<2x4x3x3xf32>
}
)mlir";

/// Two attention chains as PyTorch exports them: Div by sqrt(D), a
/// per-key mask (mask operand first), K and the result through head
/// transposes; and a Mul by a scale without a mask whose KT is shared by
/// every head. Both read one transposed Q, which therefore stays.
constexpr const char *kAttentionGraph = R"mlir(
func.func @main(%q: tensor<2x5x3x4xf32>, %k: tensor<2x3x7x4xf32>,
                %v: tensor<2x3x7x6xf32>, %mask: tensor<2x1x1x7xf32>,
                %kt2: tensor<4x7xf32>) -> (tensor<2x5x3x6xf32>, tensor<2x3x5x6xf32>) {
  %qt = kiln.transpose %q {perm = [0, 2, 1, 3]} : (tensor<2x5x3x4xf32>) -> tensor<2x3x5x4xf32>
  %kt = kiln.transpose %k {perm = [0, 1, 3, 2]} : (tensor<2x3x7x4xf32>) -> tensor<2x3x4x7xf32>
  %c = kiln.constant dense<2.0> : tensor<f32>
  %s = kiln.mat_mul %qt, %kt : (tensor<2x3x5x4xf32>, tensor<2x3x4x7xf32>) -> tensor<2x3x5x7xf32>
  %d = kiln.div %s, %c : (tensor<2x3x5x7xf32>, tensor<f32>) -> tensor<2x3x5x7xf32>
  %a = kiln.add %mask, %d : (tensor<2x1x1x7xf32>, tensor<2x3x5x7xf32>) -> tensor<2x3x5x7xf32>
  %p = kiln.softmax %a {axis = -1 : i64} : (tensor<2x3x5x7xf32>) -> tensor<2x3x5x7xf32>
  %y = kiln.mat_mul %p, %v : (tensor<2x3x5x7xf32>, tensor<2x3x7x6xf32>) -> tensor<2x3x5x6xf32>
  %yt = kiln.transpose %y {perm = [0, 2, 1, 3]} : (tensor<2x3x5x6xf32>) -> tensor<2x5x3x6xf32>
  %k2 = kiln.constant dense<0.35> : tensor<1xf32>
  %s2 = kiln.mat_mul %qt, %kt2 : (tensor<2x3x5x4xf32>, tensor<4x7xf32>) -> tensor<2x3x5x7xf32>
  %m2 = kiln.mul %k2, %s2 : (tensor<1xf32>, tensor<2x3x5x7xf32>) -> tensor<2x3x5x7xf32>
  %p2 = kiln.softmax %m2 {axis = 3 : i64} : (tensor<2x3x5x7xf32>) -> tensor<2x3x5x7xf32>
  %y2 = kiln.mat_mul %p2, %v : (tensor<2x3x5x7xf32>, tensor<2x3x7x6xf32>) -> tensor<2x3x5x6xf32>
  return %yt, %y2 : tensor<2x5x3x6xf32>, tensor<2x3x5x6xf32>
}
)mlir";

/// An MLIR context with the Kiln dialects loaded.
struct KilnContext : mlir::MLIRContext {
  KilnContext() : mlir::MLIRContext(registry()) { loadAllAvailableDialects(); }
  static mlir::DialectRegistry registry() {
    mlir::DialectRegistry r;
    registerKilnDialects(r);
    return r;
  }
};

/// Runs \p pass alone on \p module; true when it succeeds.
bool runPass(mlir::ModuleOp module, std::unique_ptr<mlir::Pass> pass) {
  mlir::PassManager pm(module.getContext());
  pm.addPass(std::move(pass));
  return mlir::succeeded(pm.run(module));
}

TEST(InferShapes, RefinesTypesAndKeepsResults) {
  KilnContext ctx;
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kDynamicGraph, &ctx);
  ASSERT_TRUE(module);
  std::vector<Tensor> inputs = {randomTensor({2, 3, 8, 8}, 1),
                                randomTensor({4, 3, 3, 3}, 2)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 1u);

  ASSERT_TRUE(runPass(*module, createInferShapes()));
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

TEST(FoldConstants, FoldsShapeChainsAndKeepsResults) {
  KilnContext ctx;
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kShapeChainGraph, &ctx);
  ASSERT_TRUE(module);
  std::vector<Tensor> inputs = {randomTensor({2, 3, 4}, 3)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 1u);

  ASSERT_TRUE(runPass(*module, createFoldConstants()));
  // Only the two multiplications and the reshape are left to run.
  auto func = module->lookupSymbol<mlir::func::FuncOp>("main");
  llvm::SmallVector<llvm::StringRef> ops;
  func.walk([&](mlir::Operation *op) {
    if (!mlir::isa<ConstantOp, mlir::func::FuncOp, mlir::func::ReturnOp>(op))
      ops.push_back(op->getName().getStringRef());
  });
  EXPECT_EQ(ops, llvm::SmallVector<llvm::StringRef>(
                     {"kiln.mul", "kiln.mul", "kiln.reshape"}));
  auto resultType =
      mlir::dyn_cast<mlir::RankedTensorType>(func.getResultTypes()[0]);
  ASSERT_TRUE(resultType) << "the result type was not refined";
  EXPECT_EQ(resultType.getShape(), llvm::ArrayRef<int64_t>({2, 12}));

  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 1u);
  ASSERT_EQ(after[0].shape(), before[0].shape());
  EXPECT_EQ(std::memcmp(after[0].raw(), before[0].raw(), after[0].byteSize()),
            0);
}

/// NonZero and the ops after it typed with the count of some other data.
constexpr const char *kDeclaredNonZeroGraph = R"mlir(
func.func @main(%x: tensor<3x4xf32>) -> tensor<2x5xi64> {
  %n = kiln.non_zero %x : (tensor<3x4xf32>) -> tensor<2x5xi64>
  %y = kiln.neg %n : (tensor<2x5xi64>) -> tensor<2x5xi64>
  return %y : tensor<2x5xi64>
}
)mlir";

TEST(RelaxDataDependentShapes, ForgetsDeclaredCountsAndKeepsResults) {
  KilnContext ctx;
  auto module =
      mlir::parseSourceString<mlir::ModuleOp>(kDeclaredNonZeroGraph, &ctx);
  ASSERT_TRUE(module);
  // Random data in (-1, 1): all 12 elements are nonzero, not the declared 5.
  std::vector<Tensor> inputs = {randomTensor({3, 4}, 4)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].shape(), Shape({2, 12}));

  ASSERT_TRUE(runPass(*module, createRelaxDataDependentShapes()));
  auto func = module->lookupSymbol<mlir::func::FuncOp>("main");
  auto resultType =
      mlir::dyn_cast<mlir::RankedTensorType>(func.getResultTypes()[0]);
  ASSERT_TRUE(resultType);
  EXPECT_EQ(resultType.getShape(),
            llvm::ArrayRef<int64_t>({2, mlir::ShapedType::kDynamic}));

  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 1u);
  ASSERT_EQ(after[0].shape(), before[0].shape());
  EXPECT_EQ(std::memcmp(after[0].raw(), before[0].raw(), after[0].byteSize()),
            0);
}

/// An elementwise chain with a broadcast operand and two results.
constexpr const char *kElementwiseGraph = R"mlir(
func.func @main(%x: tensor<3x7xf32>, %b: tensor<7xf32>)
    -> (tensor<3x7xf32>, tensor<3x7xf32>) {
  %e = kiln.exp %x : (tensor<3x7xf32>) -> tensor<3x7xf32>
  %s = kiln.add %e, %b : (tensor<3x7xf32>, tensor<7xf32>) -> tensor<3x7xf32>
  %t = kiln.tanh %s : (tensor<3x7xf32>) -> tensor<3x7xf32>
  return %s, %t : tensor<3x7xf32>, tensor<3x7xf32>
}
)mlir";

TEST(FuseElementwise, MarksOneGroupAndKeepsResults) {
  KilnContext ctx;
  auto module =
      mlir::parseSourceString<mlir::ModuleOp>(kElementwiseGraph, &ctx);
  ASSERT_TRUE(module);
  std::vector<Tensor> inputs = {randomTensor({3, 7}, 5), randomTensor({7}, 6)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 2u);

  ASSERT_TRUE(runPass(*module, createFuseElementwise()));
  std::set<int64_t> groups;
  int marked = 0;
  module->walk([&](mlir::Operation *op) {
    if (auto g = op->getAttrOfType<mlir::IntegerAttr>("kiln.fusion_group")) {
      groups.insert(g.getInt());
      ++marked;
    }
  });
  EXPECT_EQ(marked, 3);
  EXPECT_EQ(groups.size(), 1u);

  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 2u);
  for (size_t i = 0; i < 2; ++i)
    EXPECT_EQ(std::memcmp(after[i].raw(), before[i].raw(), after[i].byteSize()),
              0);
}

/// Expects f32 tensors \p expected and \p actual of one shape to agree
/// within \p tol absolute plus \p tol relative, element by element.
void expectClose(const Tensor &expected, const Tensor &actual, double tol) {
  ASSERT_EQ(actual.shape(), expected.shape());
  for (int64_t i = 0; i < actual.numElements(); ++i) {
    float x = expected.data<float>()[i], y = actual.data<float>()[i];
    EXPECT_NEAR(y, x, tol + tol * std::fabs(x)) << "element " << i;
  }
}

TEST(DecomposeBatchNorm, BecomesMultiplyAddAndKeepsResults) {
  KilnContext ctx;
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kBatchNormGraph, &ctx);
  ASSERT_TRUE(module);
  std::vector<Tensor> inputs = {randomTensor({2, 2, 6, 7}, 7),
                                randomTensor({2, 3, 6, 7}, 8)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 1u);

  ASSERT_TRUE(runPass(*module, createDecomposeBatchNorm()));
  int batchNorms = 0, muls = 0, adds = 0;
  module->walk([&](mlir::Operation *op) {
    batchNorms += mlir::isa<BatchNormalizationOp>(op);
    muls += mlir::isa<MulOp>(op);
    adds += mlir::isa<AddOp>(op);
  });
  EXPECT_EQ(batchNorms, 0);
  EXPECT_EQ(muls, 1);
  EXPECT_EQ(adds, 1);

  // s and t are rounded to f32 once: the results agree to a few ulps.
  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 1u);
  expectClose(before[0], after[0], 1e-6);
}

TEST(FuseConvPrologue, ChainsBecomeProloguesAndKeepResults) {
  KilnContext ctx;
  auto module =
      mlir::parseSourceString<mlir::ModuleOp>(kConvPrologueGraph, &ctx);
  ASSERT_TRUE(module);
  std::vector<Tensor> inputs = {randomTensor({2, 3, 5, 5}, 11),
                                randomTensor({2, 3, 1, 1}, 12)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 2u);

  ASSERT_TRUE(runPass(*module, createFuseConvPrologue()));
  int chainOps = 0;
  std::vector<size_t> prologues;
  module->walk([&](mlir::Operation *op) {
    chainOps += mlir::isa<MulOp, AddOp, ReluOp>(op);
    if (auto conv = mlir::dyn_cast<PackedConvOp>(op))
      prologues.push_back(conv.getPrologue().size());
  });
  EXPECT_EQ(chainOps, 0);
  EXPECT_EQ(prologues, (std::vector<size_t>{2, 1}));

  // The prologue computes what the ops did, in the same order (f32 multiply,
  // add, relu): the results agree to rounding of the conv's sums.
  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 2u);
  expectClose(before[0], after[0], 1e-6);
  expectClose(before[1], after[1], 1e-6);
}

/// A 3x3 conv 32 -> 32 on 2 x 32 x 20 x 20 with bias, residual and relu,
/// weights random (seeded) in a constant, run through kiln-pack-weights.
/// With \p pooledSkip the residual is a 3x3 max pool of the input, not a
/// second input.
std::string winogradGraph(bool pooledSkip = false) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> dist(-0.5f, 0.5f);
  // The values as MLIR's hex literal: little-endian bytes.
  std::string w = "0x";
  for (int i = 0; i < 32 * 32 * 9; ++i) {
    float v = dist(rng);
    unsigned char bytes[4];
    std::memcpy(bytes, &v, 4);
    for (unsigned char c : bytes) {
      const char *digits = "0123456789ABCDEF";
      w += digits[c >> 4];
      w += digits[c & 15];
    }
  }
  std::string head = pooledSkip ? R"mlir(
func.func @main(%x: tensor<2x32x20x20xf32>) -> tensor<2x32x20x20xf32> {
  %skip = kiln.max_pool %x {kernel_shape = [3, 3], pads = [1, 1, 1, 1]} : (tensor<2x32x20x20xf32>) -> tensor<2x32x20x20xf32>)mlir"
                                : R"mlir(
func.func @main(%x: tensor<2x32x20x20xf32>, %skip: tensor<2x32x20x20xf32>) -> tensor<2x32x20x20xf32> {)mlir";
  return head + R"mlir(
  %w = kiln.constant dense<")mlir" +
         w + R"mlir("> : tensor<32x32x3x3xf32>
  %b = kiln.constant dense<0.25> : tensor<32xf32>
  %none = kiln.none
  %c = kiln.conv %x, %w, %b {pads = [1, 1, 1, 1], kernel_shape = [3, 3]} : (tensor<2x32x20x20xf32>, tensor<32x32x3x3xf32>, tensor<32xf32>) -> tensor<2x32x20x20xf32>
  %s = kiln.add %c, %skip : (tensor<2x32x20x20xf32>, tensor<2x32x20x20xf32>) -> tensor<2x32x20x20xf32>
  %y = kiln.relu %s : (tensor<2x32x20x20xf32>) -> tensor<2x32x20x20xf32>
  return %y : tensor<2x32x20x20xf32>
}
)mlir";
}

TEST(Winograd, TransformsWeightsAndKeepsResults) {
  // F(2, 3) with 16 lanes and F(4, 3) with 8 (what kiln-winograd's cost
  // model picks for this shape, so both transforms run): the interpreter's
  // Winograd kernel sums in f64 from the f32-rounded transformed weights,
  // so results agree with the direct convolution's well inside
  // Winograd.h's bound.
  for (auto [lanes, tile] : {std::pair<int64_t, int64_t>{16, 2}, {8, 4}}) {
    SCOPED_TRACE(testing::Message() << lanes << " lanes");
    KilnContext ctx;
    auto module =
        mlir::parseSourceString<mlir::ModuleOp>(winogradGraph(), &ctx);
    ASSERT_TRUE(module);
    ASSERT_TRUE(runPass(*module, createPackWeights()));
    ASSERT_TRUE(runPass(*module, createFuseEpilogue()));
    std::vector<Tensor> inputs = {randomTensor({2, 32, 20, 20}, 3),
                                  randomTensor({2, 32, 20, 20}, 4)};
    std::vector<Tensor> before = interpret(*module, inputs);
    ASSERT_EQ(before.size(), 1u);

    WinogradOptions options;
    options.vectorLanes = lanes;
    options.cacheBytes = 2 << 20;
    ASSERT_TRUE(runPass(*module, createWinograd(options)));
    std::vector<int64_t> tiles;
    int packed = 0;
    module->walk([&](mlir::Operation *op) {
      packed += mlir::isa<PackedConvOp>(op);
      if (auto w = mlir::dyn_cast<WinogradConvOp>(op)) {
        tiles.push_back(w.getTile());
        EXPECT_EQ(w.getActivationName(), "relu");
        EXPECT_FALSE(mlir::isa<mlir::NoneType>(w.getResidual().getType()));
      }
    });
    EXPECT_EQ(packed, 0);
    EXPECT_EQ(tiles, std::vector<int64_t>{tile});

    std::vector<Tensor> after = interpret(*module, inputs);
    ASSERT_EQ(after.size(), 1u);
    expectClose(before[0], after[0], 1e-5);
  }
}

/// A squeeze-and-excitation block on 3 x 24 x 5 x 5: global pool, 1x1
/// conv 24 -> 6 with bias and relu, 1x1 conv 6 -> 24 with a residual (a
/// second pooled value), scaling the input. Weights random (seeded).
/// With \p projection, a 1x1 conv 24 -> 24 follows the scaling, as in an
/// inverted residual block.
std::string squeezeExciteGraph(bool projection = false) {
  auto weights = [](int count, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-0.5f, 0.5f);
    std::string list;
    for (int i = 0; i < count; ++i)
      list += (i ? ", " : "") + std::to_string(dist(rng));
    return "[" + list + "]";
  };
  return R"mlir(
func.func @main(%x: tensor<3x24x5x5xf32>) -> tensor<3x24x5x5xf32> {
  %w1 = kiln.constant dense<)mlir" +
         weights(6 * 24, 7) + R"mlir(> : tensor<144xf32>
  %s1 = kiln.constant dense<[6, 24, 1, 1]> : tensor<4xi64>
  %k1 = kiln.reshape %w1, %s1 : (tensor<144xf32>, tensor<4xi64>) -> tensor<6x24x1x1xf32>
  %w2 = kiln.constant dense<)mlir" +
         weights(24 * 6, 8) + R"mlir(> : tensor<144xf32>
  %s2 = kiln.constant dense<[24, 6, 1, 1]> : tensor<4xi64>
  %k2 = kiln.reshape %w2, %s2 : (tensor<144xf32>, tensor<4xi64>) -> tensor<24x6x1x1xf32>
  %b = kiln.constant dense<0.125> : tensor<6xf32>
  %p = kiln.global_average_pool %x : (tensor<3x24x5x5xf32>) -> tensor<3x24x1x1xf32>
  %c1 = kiln.conv %p, %k1, %b {kernel_shape = [1, 1]} : (tensor<3x24x1x1xf32>, tensor<6x24x1x1xf32>, tensor<6xf32>) -> tensor<3x6x1x1xf32>
  %r = kiln.relu %c1 : (tensor<3x6x1x1xf32>) -> tensor<3x6x1x1xf32>
  %none = kiln.none
  %c2 = kiln.conv %r, %k2, %none {kernel_shape = [1, 1]} : (tensor<3x6x1x1xf32>, tensor<24x6x1x1xf32>, none) -> tensor<3x24x1x1xf32>
  %a = kiln.add %c2, %p : (tensor<3x24x1x1xf32>, tensor<3x24x1x1xf32>) -> tensor<3x24x1x1xf32>
  %y = kiln.mul %x, %a : (tensor<3x24x5x5xf32>, tensor<3x24x1x1xf32>) -> tensor<3x24x5x5xf32>
)mlir" +
         (projection ? R"mlir(  %w3 = kiln.constant dense<)mlir" +
                           weights(24 * 24, 9) +
                           R"mlir(> : tensor<576xf32>
  %s3 = kiln.constant dense<[24, 24, 1, 1]> : tensor<4xi64>
  %k3 = kiln.reshape %w3, %s3 : (tensor<576xf32>, tensor<4xi64>) -> tensor<24x24x1x1xf32>
  %z = kiln.conv %y, %k3, %none {kernel_shape = [1, 1]} : (tensor<3x24x5x5xf32>, tensor<24x24x1x1xf32>, none) -> tensor<3x24x5x5xf32>
  return %z : tensor<3x24x5x5xf32>
}
)mlir"
                     : R"mlir(  return %y : tensor<3x24x5x5xf32>
}
)mlir");
}

TEST(ConvToMatMul, RewritesSqueezeExcitationAndKeepsResults) {
  // Both convs become packed_mat_mul with their epilogues (bias and relu,
  // the residual add); results stay those of the packed convs up to
  // summation order.
  KilnContext ctx;
  auto module =
      mlir::parseSourceString<mlir::ModuleOp>(squeezeExciteGraph(), &ctx);
  ASSERT_TRUE(module);
  ASSERT_TRUE(runPass(*module, createFoldConstants()));
  ASSERT_TRUE(runPass(*module, createPackWeights()));
  ASSERT_TRUE(runPass(*module, createFuseEpilogue()));
  std::vector<Tensor> inputs = {randomTensor({3, 24, 5, 5}, 9)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 1u);

  ConvToMatMulOptions options;
  options.panelWidth = 16;
  ASSERT_TRUE(runPass(*module, createConvToMatMul(options)));
  int convs = 0, matMuls = 0, adds = 0, relus = 0;
  module->walk([&](mlir::Operation *op) {
    convs += mlir::isa<PackedConvOp>(op);
    adds += mlir::isa<AddOp>(op);
    relus += mlir::isa<ReluOp>(op);
    if (auto mm = mlir::dyn_cast<PackedMatMulOp>(op)) {
      ++matMuls;
      EXPECT_TRUE(mm.getActivationName() == "relu" ||
                  !mlir::isa<mlir::NoneType>(mm.getResidual().getType()));
    }
  });
  EXPECT_EQ(convs, 0);
  EXPECT_EQ(matMuls, 2);
  EXPECT_EQ(adds + relus, 0);

  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 1u);
  expectClose(before[0], after[0], 1e-5);
}

using Parts = std::set<std::pair<int64_t, int64_t>>;

/// Runs kiln-split-batch with an L2 of \p cacheBytes and at most
/// \p maxParts parts on \p module, expects the parts \p expected and the
/// same outputs on \p inputs before and after, bit for bit (each part runs
/// the same reference kernels on its items), and returns how many ops it
/// made for parts of the batch besides the slices of their inputs (which
/// carry their part's items too).
int expectSplitKeepsResults(mlir::ModuleOp module,
                            const std::vector<Tensor> &inputs,
                            int64_t cacheBytes, int64_t maxParts,
                            const Parts &expected) {
  std::vector<Tensor> before = interpret(module, inputs);
  SplitBatchOptions options;
  options.cacheBytes = cacheBytes;
  options.maxParts = maxParts;
  EXPECT_TRUE(runPass(module, createSplitBatch(options)));
  int ops = 0;
  Parts parts;
  module->walk([&](mlir::Operation *op) {
    auto items = op->getAttrOfType<mlir::DenseI64ArrayAttr>("kiln.items");
    if (mlir::isa<SliceOp>(op)) {
      EXPECT_TRUE(items) << "a part's slice without its items";
      return;
    }
    if (items) {
      ++ops;
      parts.insert({items[0], items[1]});
    }
  });
  EXPECT_EQ(parts, expected);
  std::vector<Tensor> after = interpret(module, inputs);
  EXPECT_EQ(after.size(), before.size());
  for (size_t i = 0; i < before.size() && i < after.size(); ++i)
    expectClose(before[i], after[i], 0);
  return ops;
}

TEST(SplitBatch, PartsKeepResults) {
  {
    // Packed convs, one with a per-image prologue scale (an item operand).
    KilnContext ctx;
    auto module =
        mlir::parseSourceString<mlir::ModuleOp>(kConvPrologueGraph, &ctx);
    ASSERT_TRUE(module);
    ASSERT_TRUE(runPass(*module, createFuseConvPrologue()));
    EXPECT_EQ(expectSplitKeepsResults(*module,
                                      {randomTensor({2, 3, 5, 5}, 11),
                                       randomTensor({2, 3, 1, 1}, 12)},
                                      16, 16, {{0, 1}, {1, 2}}),
              4);
  }
  {
    // A Winograd conv whose residual (an item operand) a pool of its
    // input computes.
    KilnContext ctx;
    auto module =
        mlir::parseSourceString<mlir::ModuleOp>(winogradGraph(true), &ctx);
    ASSERT_TRUE(module);
    ASSERT_TRUE(runPass(*module, createPackWeights()));
    ASSERT_TRUE(runPass(*module, createFuseEpilogue()));
    WinogradOptions winograd;
    winograd.vectorLanes = 16;
    ASSERT_TRUE(runPass(*module, createWinograd(winograd)));
    int winogradConvs = 0;
    module->walk([&](WinogradConvOp) { ++winogradConvs; });
    ASSERT_EQ(winogradConvs, 1);
    EXPECT_EQ(expectSplitKeepsResults(*module,
                                      {randomTensor({2, 32, 20, 20}, 3)}, 1024,
                                      16, {{0, 1}, {1, 2}}),
              4);
  }
  {
    // Squeeze-and-excitation as products of the N x C view: a pool,
    // views, packed products, the scale and a projection; batch 3 in at
    // most two parts (of 2 and 1 images), the view back's target shape
    // restated.
    KilnContext ctx;
    auto module = mlir::parseSourceString<mlir::ModuleOp>(
        squeezeExciteGraph(/*projection=*/true), &ctx);
    ASSERT_TRUE(module);
    ASSERT_TRUE(runPass(*module, createFoldConstants()));
    ASSERT_TRUE(runPass(*module, createPackWeights()));
    ASSERT_TRUE(runPass(*module, createFuseEpilogue()));
    ASSERT_TRUE(runPass(*module, createConvToMatMul()));
    EXPECT_GE(expectSplitKeepsResults(*module, {randomTensor({3, 24, 5, 5}, 9)},
                                      16, 2, {{0, 2}, {2, 3}}),
              10);
  }
}

TEST(FuseLayerNorm, BecomesOneOpAndKeepsResults) {
  KilnContext ctx;
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kLayerNormGraph, &ctx);
  ASSERT_TRUE(module);
  std::vector<Tensor> inputs = {randomTensor({4, 3, 32}, 11)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 1u);

  ASSERT_TRUE(runPass(*module, createFuseLayerNorm()));
  int layerNorms = 0, others = 0;
  module->walk([&](mlir::Operation *op) {
    if (mlir::isa<LayerNormalizationOp>(op))
      ++layerNorms;
    else if (!mlir::isa<ConstantOp, NoneOp, ReluOp, mlir::func::FuncOp,
                        mlir::func::ReturnOp, mlir::ModuleOp>(op))
      ++others;
  });
  EXPECT_EQ(layerNorms, 1);
  EXPECT_EQ(others, 0);

  // The reference LayerNormalization sums in double, the decomposed ops
  // round each step to f32: the results agree to rounding.
  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 1u);
  expectClose(before[0], after[0], 1e-5);
}

/// LLaMA's RMSNorm as PyTorch exports it (x * rsqrt(mean(x^2) + eps),
/// then * weight), with x also read by a residual Add.
constexpr const char *kRmsNormGraph = R"mlir(
func.func @main(%x: tensor<4x3x32xf32>) -> tensor<4x3x32xf32> {
  %axes = kiln.constant dense<[-1]> : tensor<1xi64>
  %two = kiln.constant dense<2.0> : tensor<f32>
  %eps = kiln.constant dense<1.0e-6> : tensor<f32>
  %w = kiln.constant dense<1.5> : tensor<32xf32>
  %p = kiln.pow %x, %two : (tensor<4x3x32xf32>, tensor<f32>) -> tensor<4x3x32xf32>
  %m = kiln.reduce_mean %p, %axes : (tensor<4x3x32xf32>, tensor<1xi64>) -> tensor<4x3x1xf32>
  %e = kiln.add %m, %eps : (tensor<4x3x1xf32>, tensor<f32>) -> tensor<4x3x1xf32>
  %s = kiln.sqrt %e : (tensor<4x3x1xf32>) -> tensor<4x3x1xf32>
  %r = kiln.reciprocal %s : (tensor<4x3x1xf32>) -> tensor<4x3x1xf32>
  %n = kiln.mul %x, %r : (tensor<4x3x32xf32>, tensor<4x3x1xf32>) -> tensor<4x3x32xf32>
  %g = kiln.mul %w, %n : (tensor<32xf32>, tensor<4x3x32xf32>) -> tensor<4x3x32xf32>
  %y = kiln.add %g, %x : (tensor<4x3x32xf32>, tensor<4x3x32xf32>) -> tensor<4x3x32xf32>
  return %y : tensor<4x3x32xf32>
}
)mlir";

TEST(FuseLayerNorm, RmsFormBecomesOneOpAndKeepsResults) {
  KilnContext ctx;
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kRmsNormGraph, &ctx);
  ASSERT_TRUE(module);
  std::vector<Tensor> inputs = {randomTensor({4, 3, 32}, 12)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 1u);

  ASSERT_TRUE(runPass(*module, createFuseLayerNorm()));
  int rmsNorms = 0, others = 0;
  module->walk([&](mlir::Operation *op) {
    if (mlir::isa<RMSNormalizationOp>(op))
      ++rmsNorms;
    else if (!mlir::isa<ConstantOp, AddOp, mlir::func::FuncOp,
                        mlir::func::ReturnOp, mlir::ModuleOp>(op))
      ++others;
  });
  EXPECT_EQ(rmsNorms, 1);
  EXPECT_EQ(others, 0);

  // The reference RMSNormalization sums in double, the decomposed ops
  // round each step to f32: the results agree to rounding.
  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 1u);
  expectClose(before[0], after[0], 1e-5);
}

/// The kiln.fused_attention ops of \p module, and its other ops (but
/// none, functions, returns and the module).
std::pair<int, int> countFusedAttention(mlir::ModuleOp module) {
  int fused = 0, others = 0;
  module->walk([&](mlir::Operation *op) {
    if (mlir::isa<FusedAttentionOp>(op))
      ++fused;
    else if (!mlir::isa<NoneOp, mlir::func::FuncOp, mlir::func::ReturnOp,
                        mlir::ModuleOp>(op))
      ++others;
  });
  return {fused, others};
}

TEST(FuseAttention, BecomesOneOpAndKeepsResultsBitForBit) {
  KilnContext ctx;
  auto module = mlir::parseSourceString<mlir::ModuleOp>(kAttentionGraph, &ctx);
  ASSERT_TRUE(module);
  std::vector<Tensor> inputs = {
      randomTensor({2, 5, 3, 4}, 21), randomTensor({2, 3, 7, 4}, 22),
      randomTensor({2, 3, 7, 6}, 23), randomTensor({2, 1, 1, 7}, 24),
      randomTensor({4, 7}, 25)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 2u);

  ASSERT_TRUE(runPass(*module, createFuseAttention()));
  auto [fused, others] = countFusedAttention(*module);
  EXPECT_EQ(fused, 2);
  // The scale constants become attributes, K's and the result's transposes
  // perms; only Q's transpose, read by both chains, stays.
  EXPECT_EQ(others, 1);

  // The reference kernel rounds as the five ops do: the same bits.
  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    ASSERT_EQ(after[i].shape(), before[i].shape());
    EXPECT_EQ(std::memcmp(after[i].data<float>(), before[i].data<float>(),
                          before[i].numElements() * sizeof(float)),
              0)
        << "output " << i;
  }
}

/// ViT's attention: Q divided by sqrt(64) = 8 after its head split, no
/// mask; and the same with a K scaled by 0.3 (not a power of two).
constexpr const char *kScaledQueryGraph = R"mlir(
func.func @main(%q: tensor<9x2x64xf32>, %kt: tensor<2x64x9xf32>,
                %v: tensor<2x9x64xf32>) -> (tensor<2x9x64xf32>, tensor<2x9x64xf32>) {
  %c = kiln.constant dense<8.0> : tensor<f32>
  %qt = kiln.transpose %q {perm = [1, 0, 2]} : (tensor<9x2x64xf32>) -> tensor<2x9x64xf32>
  %qs = kiln.div %qt, %c : (tensor<2x9x64xf32>, tensor<f32>) -> tensor<2x9x64xf32>
  %s = kiln.mat_mul %qs, %kt : (tensor<2x9x64xf32>, tensor<2x64x9xf32>) -> tensor<2x9x9xf32>
  %p = kiln.softmax %s {axis = -1 : i64} : (tensor<2x9x9xf32>) -> tensor<2x9x9xf32>
  %y = kiln.mat_mul %p, %v : (tensor<2x9x9xf32>, tensor<2x9x64xf32>) -> tensor<2x9x64xf32>
  %k2 = kiln.constant dense<0.3> : tensor<f32>
  %ks = kiln.mul %kt, %k2 : (tensor<2x64x9xf32>, tensor<f32>) -> tensor<2x64x9xf32>
  %s2 = kiln.mat_mul %v, %ks : (tensor<2x9x64xf32>, tensor<2x64x9xf32>) -> tensor<2x9x9xf32>
  %p2 = kiln.softmax %s2 {axis = -1 : i64} : (tensor<2x9x9xf32>) -> tensor<2x9x9xf32>
  %y2 = kiln.mat_mul %p2, %v : (tensor<2x9x9xf32>, tensor<2x9x64xf32>) -> tensor<2x9x64xf32>
  return %y, %y2 : tensor<2x9x64xf32>, tensor<2x9x64xf32>
}
)mlir";

TEST(FuseAttention, TakesTheScaleOfQOrKT) {
  KilnContext ctx;
  auto module =
      mlir::parseSourceString<mlir::ModuleOp>(kScaledQueryGraph, &ctx);
  ASSERT_TRUE(module);
  std::vector<Tensor> inputs = {randomTensor({9, 2, 64}, 31),
                                randomTensor({2, 64, 9}, 32),
                                randomTensor({2, 9, 64}, 33)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 2u);
  ASSERT_TRUE(runPass(*module, createFuseAttention()));
  auto [fused, others] = countFusedAttention(*module);
  EXPECT_EQ(fused, 2);
  EXPECT_EQ(others, 0); // the Div, the Mul, Q's transpose and constants gone
  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 2u);
  // A power of two scales the scores exactly: the same bits.
  EXPECT_EQ(std::memcmp(after[0].data<float>(), before[0].data<float>(),
                        before[0].numElements() * sizeof(float)),
            0);
  // 0.3 on the scores instead of on KT: within a rounding per score.
  for (int64_t i = 0; i < before[1].numElements(); ++i)
    ASSERT_NEAR(after[1].data<float>()[i], before[1].data<float>()[i], 1e-5)
        << "element " << i;
}

/// Unfused attention scores with a relative bias (kiln-fuse-attention
/// leaves the chain) and a head split: both products read Transposes.
constexpr const char *kTransposedProductsGraph = R"mlir(
func.func @main(%q: tensor<1x5x2x4xf32>, %k: tensor<1x7x2x4xf32>, %x: tensor<6x3xf32>, %y: tensor<9x3xf32>) -> (tensor<1x2x5x7xf32>, tensor<6x9xf32>) {
  %qt = kiln.transpose %q {perm = [0, 2, 1, 3]} : (tensor<1x5x2x4xf32>) -> tensor<1x2x5x4xf32>
  %kt = kiln.transpose %k {perm = [0, 2, 3, 1]} : (tensor<1x7x2x4xf32>) -> tensor<1x2x4x7xf32>
  %s = kiln.mat_mul %qt, %kt : (tensor<1x2x5x4xf32>, tensor<1x2x4x7xf32>) -> tensor<1x2x5x7xf32>
  %yt = kiln.transpose %y {perm = [1, 0]} : (tensor<9x3xf32>) -> tensor<3x9xf32>
  %z = kiln.mat_mul %x, %yt : (tensor<6x3xf32>, tensor<3x9xf32>) -> tensor<6x9xf32>
  return %s, %z : tensor<1x2x5x7xf32>, tensor<6x9xf32>
}
)mlir";

TEST(FoldTranspose, ProductsReadTheirTransposesAndKeepResultsBitForBit) {
  KilnContext ctx;
  auto module =
      mlir::parseSourceString<mlir::ModuleOp>(kTransposedProductsGraph, &ctx);
  ASSERT_TRUE(module);
  std::vector<Tensor> inputs = {
      randomTensor({1, 5, 2, 4}, 31), randomTensor({1, 7, 2, 4}, 32),
      randomTensor({6, 3}, 33), randomTensor({9, 3}, 34)};
  std::vector<Tensor> before = interpret(*module, inputs);
  ASSERT_EQ(before.size(), 2u);

  ASSERT_TRUE(runPass(*module, createFoldTranspose()));
  int folded = 0, others = 0;
  module->walk([&](mlir::Operation *op) {
    if (mlir::isa<TransposedMatMulOp>(op))
      ++folded;
    else if (!mlir::isa<mlir::func::FuncOp, mlir::func::ReturnOp,
                        mlir::ModuleOp>(op))
      ++others;
  });
  EXPECT_EQ(folded, 2);
  EXPECT_EQ(others, 0);

  // The reference kernel transposes and multiplies as the ops do.
  std::vector<Tensor> after = interpret(*module, inputs);
  ASSERT_EQ(after.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    ASSERT_EQ(after[i].shape(), before[i].shape());
    EXPECT_EQ(std::memcmp(after[i].raw(), before[i].raw(), after[i].byteSize()),
              0)
        << "output " << i;
  }
}

} // namespace
