//===- CodegenTest.cpp - Kernels compiled in chunks, at each -O level -----===//
//
// compileKernels splits the kernels into chunks that threads lower and
// compile concurrently in one MLIRContext: every kernel is reported done
// once, the kernel module is left as it was, the context's threading mode is
// restored, and a model compiled at each -O level agrees with the
// interpreter.
//
//===----------------------------------------------------------------------===//
#include "CpuKernelFixture.h"

#include "kiln/cpu/Codegen.h"
#include "kiln/cpu/Plan.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"

namespace kiln::test {
namespace {

class CodegenTest : public ModelFileTest {
protected:
  /// A model of several distinct kernels: a 3x3 conv with Relu, a 1x1
  /// conv, a residual Add with Sigmoid, a global pool, Flatten, Gemm and
  /// Softmax.
  ModelBuilder model() {
    ModelBuilder b;
    b.input("x", {2, 8, 12, 12}).output("y", {2, 10});
    auto weight = [&](const std::string &name, std::vector<int64_t> dims) {
      b.initializer(name, dims, randomValues(product(dims), seed++));
    };
    weight("w1", {16, 8, 3, 3});
    weight("b1", {16});
    weight("w2", {8, 16, 1, 1});
    weight("b2", {8});
    weight("wg", {10, 8});
    weight("bg", {10});
    auto &c1 = b.node("Conv", {"x", "w1", "b1"}, {"c1"});
    addInts(c1, "kernel_shape", {3, 3});
    addInts(c1, "pads", {1, 1, 1, 1});
    b.node("Relu", {"c1"}, {"r1"});
    auto &c2 = b.node("Conv", {"r1", "w2", "b2"}, {"c2"});
    addInts(c2, "kernel_shape", {1, 1});
    b.node("Add", {"c2", "x"}, {"s"});
    b.node("Sigmoid", {"s"}, {"g"});
    b.node("GlobalAveragePool", {"g"}, {"p"});
    b.node("Flatten", {"p"}, {"f"});
    auto &gemm = b.node("Gemm", {"f", "wg", "bg"}, {"z"});
    addInt(gemm, "transB", 1);
    b.node("Softmax", {"z"}, {"y"});
    return b;
  }

  Tensor input() {
    Tensor x(DType::F32, Shape{2, 8, 12, 12});
    std::vector<float> v = randomValues(x.numElements(), 99);
    std::copy(v.begin(), v.end(), x.data<float>());
    return x;
  }

  uint64_t seed = 1;
};

TEST_F(CodegenTest, ChunksOnThreadsReportEveryKernelOnce) {
  model().save(path);
  // The tool's context is single-threaded; compileKernels switches it to
  // its thread-safe mode while it runs and back after.
  mlir::DialectRegistry registry;
  frontend::registerFrontendDialects(registry);
  cpu::registerCpuBackendDialects(registry);
  mlir::MLIRContext single(registry, mlir::MLIRContext::Threading::DISABLED);
  single.loadAllAvailableDialects();
  auto graph = frontend::importOnnxFile(single, path);
  ASSERT_TRUE(graph);
  ASSERT_FALSE(bool(cpu::prepareGraph(*graph, /*optimize=*/true)));
  auto plan = cpu::buildPlan(*graph);
  ASSERT_TRUE(bool(plan)) << llvm::toString(plan.takeError());
  ASSERT_GE(plan->distinctKernels, 4u);
  auto kernelNames = [&] {
    std::vector<std::string> names;
    for (auto fn : plan->kernels->getOps<mlir::func::FuncOp>())
      names.push_back(fn.getName().str());
    return names;
  };
  std::vector<std::string> before = kernelNames();

  std::vector<std::pair<unsigned, unsigned>> progress;
  cpu::CodegenOptions cg;
  cg.jobs = 3;
  cg.onProgress = [&](unsigned done, unsigned total) {
    progress.push_back({done, total});
  };
  auto objects = cpu::compileKernels(*plan->kernels, cg);
  ASSERT_TRUE(bool(objects)) << llvm::toString(objects.takeError());
  EXPECT_FALSE(single.isMultithreadingEnabled());
  // Eight chunks per thread asked for: the convolutions are chunks of their
  // own, the small kernels share some.
  EXPECT_GT(objects->size(), 2u);
  EXPECT_LE(objects->size(), plan->distinctKernels);
  for (const std::string &object : *objects)
    EXPECT_FALSE(object.empty());
  // One report at the start, one per chunk, counting up to every kernel.
  ASSERT_EQ(progress.size(), objects->size() + 1);
  EXPECT_EQ(progress[0].first, 0u);
  for (size_t i = 0; i < progress.size(); ++i) {
    // Braces: EXPECT_* is an if-else inside, and a bare one dangles.
    if (i) {
      EXPECT_GT(progress[i].first, progress[i - 1].first);
    }
    EXPECT_EQ(progress[i].second, plan->distinctKernels);
  }
  EXPECT_EQ(progress.back().first, plan->distinctKernels);
  EXPECT_EQ(kernelNames(), before);
  EXPECT_TRUE(mlir::succeeded(mlir::verify(*plan->kernels)));

  // One thread: the same kernels, in fewer objects.
  progress.clear();
  cg.jobs = 1;
  auto serial = cpu::compileKernels(*plan->kernels, cg);
  ASSERT_TRUE(bool(serial)) << llvm::toString(serial.takeError());
  EXPECT_GE(serial->size(), 1u);
  EXPECT_LE(serial->size(), objects->size());
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back().first, plan->distinctKernels);
}

TEST_F(CodegenTest, EveryOptLevelAgreesWithTheInterpreter) {
  model().save(path);
  auto reference = frontend::importOnnxFile(ctx, path);
  ASSERT_TRUE(reference) << errors;
  auto interp = Interpreter::create(*reference);
  ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
  std::vector<Tensor> inputs{input()};
  auto expected = (*interp)->run(inputs);
  ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());
  const float *e = (*expected)[0].data<float>();
  for (unsigned level = 0; level <= 3; ++level) {
    SCOPED_TRACE("-O" + std::to_string(level));
    auto graph = frontend::importOnnxFile(ctx, path);
    ASSERT_TRUE(graph) << errors;
    cpu::CpuOptions options;
    options.useCache = false;
    options.threads = 2;
    options.optLevel = level;
    auto jit = cpu::JitModel::create(*graph, options);
    ASSERT_TRUE(bool(jit)) << llvm::toString(jit.takeError());
    // -O0 leaves the graph unoptimized: no packed (direct) kernels.
    bool packed = false;
    for (const cpu::PlanStep &step : (*jit)->getPlan().steps)
      packed |= step.label.find("packed") != std::string::npos;
    EXPECT_EQ(packed, level > 0);
    auto actual = (*jit)->run(inputs);
    ASSERT_TRUE(bool(actual)) << llvm::toString(actual.takeError());
    ASSERT_EQ((*actual)[0].shape(), (*expected)[0].shape());
    const float *a = (*actual)[0].data<float>();
    for (int64_t i = 0; i < (*expected)[0].numElements(); ++i)
      EXPECT_NEAR(a[i], e[i], 1e-5 + 1e-4 * std::fabs(e[i])) << "at " << i;
  }
}

} // namespace
} // namespace kiln::test
