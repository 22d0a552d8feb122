//===- KernelCacheTest.cpp - Kernels cached one by one, by content --------===//
//
// A kernel compiled for one model serves every plan with the same code: the
// same model again, the model at other input shapes (the kernels of the
// dims that did not change) and another model with other weights. Outputs
// from cached kernels are bit for bit those of compiled ones, and an entry
// that holds another kernel's object is rejected and recompiled.
//
//===----------------------------------------------------------------------===//
#include "ModelFileTest.h"

#include "kiln/cpu/KernelCache.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <map>

using namespace kiln;
using namespace kiln::test;

namespace {

class KernelCacheTest : public ModelFileTest {
protected:
  /// A 1x1 convolution and a Relu of x (1x4x8x8), and \p unary of s (2x16);
  /// the weights are scaled by \p scale.
  static ModelBuilder model(const std::string &unary, float scale) {
    ModelBuilder b;
    b.input("x", {1, 4, 8, 8}).input("s", {2, 16});
    b.output("y", {1, 4, 8, 8}).output("z", {2, 16});
    std::vector<float> w(4 * 4);
    for (size_t i = 0; i < w.size(); ++i)
      w[i] = scale * (0.25f * static_cast<float>(i % 5) - 0.5f);
    b.initializer("w", {4, 4, 1, 1}, w);
    b.node("Conv", {"x", "w"}, {"c"});
    b.node("Relu", {"c"}, {"y"});
    b.node(unary, {"s"}, {"z"});
    return b;
  }

  /// \p b compiled at input shapes \p shapes (none: as declared), with the
  /// cache folder `cache` in `dir` (or none); null on a failure.
  std::unique_ptr<cpu::JitModel> compile(const ModelBuilder &b,
                                         std::map<std::string, Shape> shapes,
                                         bool useCache = true) {
    b.save(path);
    frontend::LoadOptions load;
    load.inputShapes = std::move(shapes);
    modules.push_back(frontend::importOnnxFile(ctx, path, load));
    if (!modules.back()) {
      ADD_FAILURE() << "import failed: " << errors;
      return nullptr;
    }
    cpu::CpuOptions options;
    options.threads = 1;
    options.useCache = useCache;
    options.cacheDir = cacheDir();
    auto jit = cpu::JitModel::create(*modules.back(), options);
    if (!jit) {
      ADD_FAILURE() << llvm::toString(jit.takeError());
      return nullptr;
    }
    return std::move(*jit);
  }

  std::string cacheDir() const { return (dir + "/cache").str(); }

  /// The outputs of \p jit for inputs of shapes \p x and \p s.
  static std::vector<Tensor> run(cpu::JitModel &jit, Shape x, Shape s) {
    Tensor a(DType::F32, x), c(DType::F32, s);
    for (int64_t i = 0; i < a.numElements(); ++i)
      a.data<float>()[i] = static_cast<float>(i % 23) * 0.125f - 1.5f;
    for (int64_t i = 0; i < c.numElements(); ++i)
      c.data<float>()[i] = static_cast<float>(i % 7) * 0.5f - 1.75f;
    auto out = jit.run({a, c});
    if (!out) {
      ADD_FAILURE() << llvm::toString(out.takeError());
      return {};
    }
    return std::move(*out);
  }

  static bool sameBytes(const Tensor &a, const Tensor &b) {
    return a.shape() == b.shape() && a.dtype() == b.dtype() &&
           !std::memcmp(a.raw(), b.raw(), a.byteSize());
  }

  /// The kernel entries in the cache folder.
  std::vector<std::string> entries() const {
    std::vector<std::string> paths;
    std::error_code ec;
    for (llvm::sys::fs::directory_iterator it(cacheDir(), ec), end;
         it != end && !ec; it.increment(ec))
      if (llvm::StringRef(it->path()).ends_with(".kobj"))
        paths.push_back(it->path());
    std::sort(paths.begin(), paths.end());
    return paths;
  }

  std::vector<mlir::OwningOpRef<mlir::ModuleOp>> modules;
};

TEST_F(KernelCacheTest, KernelsServeOtherShapesAndModels) {
  Shape x{1, 4, 8, 8}, s{2, 16};
  auto cold = compile(model("Sigmoid", 1.0f), {});
  ASSERT_TRUE(cold);
  const cpu::CompileStats &c = cold->stats();
  EXPECT_EQ(c.kernelsFromCache, 0u);
  ASSERT_GE(c.kernelsCompiled, 2u);
  EXPECT_EQ(entries().size(), c.kernelsCompiled);
  std::vector<Tensor> expected = run(*cold, x, s);
  ASSERT_EQ(expected.size(), 2u);

  // The same model: every kernel from the cache, the same bits.
  auto warm = compile(model("Sigmoid", 1.0f), {});
  ASSERT_TRUE(warm);
  EXPECT_TRUE(warm->stats().cacheHit);
  EXPECT_EQ(warm->stats().kernelsFromCache, c.kernelsCompiled);
  EXPECT_EQ(warm->stats().kernelsCompiled, 0u);
  std::vector<Tensor> again = run(*warm, x, s);
  ASSERT_EQ(again.size(), 2u);
  EXPECT_TRUE(sameBytes(again[0], expected[0]));
  EXPECT_TRUE(sameBytes(again[1], expected[1]));

  // Three images: the Sigmoid of s is the same kernel, the convolution is
  // not.
  Shape x3{3, 4, 8, 8};
  auto batch3 = compile(model("Sigmoid", 1.0f), {{"x", x3}});
  ASSERT_TRUE(batch3);
  EXPECT_GE(batch3->stats().kernelsFromCache, 1u);
  EXPECT_GE(batch3->stats().kernelsCompiled, 1u);
  EXPECT_FALSE(batch3->stats().cacheHit);
  std::vector<Tensor> out3 = run(*batch3, x3, s);
  ASSERT_EQ(out3.size(), 2u);
  EXPECT_TRUE(sameBytes(out3[1], expected[1]));
  // The first image of three is the image of one.
  ASSERT_EQ(out3[0].numElements(), 3 * expected[0].numElements());
  EXPECT_FALSE(
      std::memcmp(out3[0].raw(), expected[0].raw(), expected[0].byteSize()));

  // Another model with other weights and Tanh: the convolution comes from
  // the cache (weights are arguments), the Tanh is compiled; both as
  // compiled without the cache, bit for bit.
  auto other = compile(model("Tanh", -0.5f), {});
  ASSERT_TRUE(other);
  EXPECT_GE(other->stats().kernelsFromCache, 1u);
  EXPECT_GE(other->stats().kernelsCompiled, 1u);
  auto fresh = compile(model("Tanh", -0.5f), {}, /*useCache=*/false);
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->stats().kernelsFromCache, 0u);
  std::vector<Tensor> a = run(*other, x, s), b = run(*fresh, x, s);
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_TRUE(sameBytes(a[0], b[0]));
  EXPECT_TRUE(sameBytes(a[1], b[1]));
  EXPECT_FALSE(sameBytes(a[0], expected[0])) << "the weights were not used";
}

TEST_F(KernelCacheTest, AnEntryOfAnotherKernelIsRecompiled) {
  Shape x{1, 4, 8, 8}, s{2, 16};
  auto cold = compile(model("Sigmoid", 1.0f), {});
  ASSERT_TRUE(cold);
  std::vector<Tensor> expected = run(*cold, x, s);
  std::vector<std::string> paths = entries();
  ASSERT_GE(paths.size(), 2u);

  // Every entry replaced by the next one's bytes: whole, of this build,
  // with good checksums, but each holds another kernel.
  std::vector<std::string> bytes;
  for (const std::string &p : paths)
    bytes.push_back((*llvm::MemoryBuffer::getFile(p))->getBuffer().str());
  for (size_t i = 0; i < paths.size(); ++i)
    std::ofstream(paths[i], std::ios::binary | std::ios::trunc)
        << bytes[(i + 1) % paths.size()];
  auto swapped = compile(model("Sigmoid", 1.0f), {});
  ASSERT_TRUE(swapped);
  EXPECT_EQ(swapped->stats().kernelsFromCache, 0u);
  EXPECT_EQ(swapped->stats().kernelsCompiled, paths.size());
  EXPECT_NE(swapped->stats().cacheRejected.find("it holds another kernel"),
            std::string::npos)
      << swapped->stats().cacheRejected;
  std::vector<Tensor> out = run(*swapped, x, s);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(sameBytes(out[0], expected[0]));
  EXPECT_TRUE(sameBytes(out[1], expected[1]));

  // Rewritten: a hit again.
  auto warm = compile(model("Sigmoid", 1.0f), {});
  ASSERT_TRUE(warm);
  EXPECT_TRUE(warm->stats().cacheHit);
}

TEST_F(KernelCacheTest, ContentNamesIgnoreKernelNames) {
  auto first = compile(model("Sigmoid", 1.0f), {}, /*useCache=*/false);
  auto second = compile(model("Sigmoid", 2.0f), {}, /*useCache=*/false);
  auto third = compile(model("Tanh", 1.0f), {}, /*useCache=*/false);
  ASSERT_TRUE(first && second && third);
  // The steps call the kernels by their content names: the same code, the
  // same names; other code, another name.
  auto symbols = [](const cpu::JitModel &jit) {
    std::vector<std::string> names;
    for (const cpu::PlanStep &step : jit.getPlan().steps)
      if (step.kind == cpu::PlanStep::Kind::Compiled)
        names.push_back(step.symbol);
    return names;
  };
  std::vector<std::string> a = symbols(*first), b = symbols(*second),
                           c = symbols(*third);
  ASSERT_FALSE(a.empty());
  for (const std::string &name : a) {
    EXPECT_TRUE(llvm::StringRef(name).starts_with("kiln_k_")) << name;
    EXPECT_EQ(name.size(), 7u + 32u) << name;
  }
  EXPECT_EQ(a, b);
  ASSERT_EQ(a.size(), c.size());
  EXPECT_NE(a, c);
  EXPECT_TRUE(llvm::any_of(a, [&](const std::string &n) {
    return llvm::is_contained(c, n);
  })) << "the convolution's kernel should be the same";
}

} // namespace

namespace {
TEST(StructuralHashTest, FollowsTheCodeNotItsNameOrLocations) {
  mlir::DialectRegistry registry;
  cpu::registerCpuBackendDialects(registry);
  mlir::MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  auto module = mlir::parseSourceString<mlir::ModuleOp>(R"(
    func.func @a(%x: f32, %y: f32) -> f32 {
      %c = arith.constant 2.0 : f32
      %d = arith.subf %x, %y : f32
      %e = arith.mulf %d, %c : f32
      return %e : f32
    }
    func.func @renamed(%x: f32, %y: f32) -> f32 {
      %c = arith.constant 2.0 : f32 loc("elsewhere")
      %d = arith.subf %x, %y : f32
      %e = arith.mulf %d, %c : f32
      return %e : f32
    }
    func.func @swapped(%x: f32, %y: f32) -> f32 {
      %c = arith.constant 2.0 : f32
      %d = arith.subf %y, %x : f32
      %e = arith.mulf %d, %c : f32
      return %e : f32
    }
    func.func @other_constant(%x: f32, %y: f32) -> f32 {
      %c = arith.constant 3.0 : f32
      %d = arith.subf %x, %y : f32
      %e = arith.mulf %d, %c : f32
      return %e : f32
    }
    func.func @fastmath(%x: f32, %y: f32) -> f32 {
      %c = arith.constant 2.0 : f32
      %d = arith.subf %x, %y fastmath<fast> : f32
      %e = arith.mulf %d, %c : f32
      return %e : f32
    }
  )",
                                                        &ctx);
  ASSERT_TRUE(module);
  std::map<std::string, std::string> hash, named;
  for (auto f : module->getOps<mlir::func::FuncOp>()) {
    hash[f.getSymName().str()] = cpu::structuralHash(f, /*ignoreName=*/true);
    named[f.getSymName().str()] = cpu::structuralHash(f, false);
  }
  EXPECT_EQ(hash["a"].size(), 32u);
  EXPECT_EQ(hash["a"], hash["renamed"]);
  EXPECT_NE(named["a"], named["renamed"]);
  EXPECT_NE(hash["a"], hash["swapped"]);
  EXPECT_NE(hash["a"], hash["other_constant"]);
  EXPECT_NE(hash["a"], hash["fastmath"]);
}
} // namespace
