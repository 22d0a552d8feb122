//===- DenormalsTest.cpp - Subnormal counts and flush-to-zero -------------===//
//
// countSubnormals classifies f32, f64 and f16 elements by their bits (also
// on a thread that flushes); weightSubnormals counts exactly the subnormal
// weights of each op of a model built with some; and flush-to-zero makes
// x * 1e-39 exactly 0 on the JIT (on every worker thread, the calling
// thread left as it was) and on the interpreter, while without it both give
// the same subnormal products.
//
//===----------------------------------------------------------------------===//
#include "Denormals.h"
#include "ModelFileTest.h"

#include "kiln/interpreter/Interpreter.h"
#include "kiln/runtime/FloatMode.h"
#include "kiln/runtime/Half.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>

using namespace kiln;
using namespace kiln::test;
using kiln::tool::countSubnormals;
using kiln::tool::SubnormalCount;

namespace {

TEST(Denormals, CountsSubnormalElementsByTheirBits) {
  float inf = std::numeric_limits<float>::infinity();
  float nan = std::numeric_limits<float>::quiet_NaN();
  Tensor f32 = Tensor::fromVector<float>(
      {8}, {0.0f, 1e-39f, -1e-39f, 1.0f, FLT_MIN, FLT_TRUE_MIN, nan, -inf});
  SubnormalCount c = countSubnormals(f32);
  EXPECT_EQ(c.subnormal, 3u);
  EXPECT_EQ(c.total, 8u);
  EXPECT_DOUBLE_EQ(c.fraction(), 3.0 / 8);

  Tensor f64 = Tensor::fromVector<double>(
      {5}, {1e-310, 1e-300, 0.0, DBL_TRUE_MIN, -DBL_MIN});
  c = countSubnormals(f64);
  EXPECT_EQ(c.subnormal, 2u);
  EXPECT_EQ(c.total, 5u);

  // f16: the smallest normal is 2^-14 (bits 0x0400).
  std::vector<Half> halves;
  for (uint16_t bits : {0x0001, 0x03ff, 0x0400, 0x8001, 0x0000, 0x3c00})
    halves.push_back(Half::fromBits(bits));
  c = countSubnormals(Tensor::fromVector<Half>({6}, halves));
  EXPECT_EQ(c.subnormal, 3u);
  EXPECT_EQ(c.total, 6u);

  // Integers have none and are not counted.
  c = countSubnormals(Tensor::fromVector<int64_t>({2}, {0, 1}));
  EXPECT_EQ(c.subnormal, 0u);
  EXPECT_EQ(c.total, 0u);
  EXPECT_EQ(countSubnormals(Tensor(DType::F32, {0})).total, 0u);

  // The same counts where subnormals compare equal to 0.
  ScopedFlushDenormals flush;
  EXPECT_EQ(countSubnormals(f32).subnormal, 3u);
  EXPECT_EQ(countSubnormals(f64).subnormal, 2u);
}

TEST(Denormals, ScopedFlushSetsAndRestoresTheCallingThread) {
  if (!kCanFlushDenormals)
    GTEST_SKIP() << "no flush-to-zero mode on this architecture";
  ASSERT_FALSE(flushingDenormals());
  volatile float tiny = 1e-39f, two = 2.0f;
  {
    ScopedFlushDenormals flush;
    EXPECT_TRUE(flushingDenormals());
    EXPECT_EQ(tiny * two, 0.0f);
    {
      ScopedFlushDenormals nested;
      ScopedFlushDenormals off(false);
      EXPECT_TRUE(flushingDenormals());
    }
    EXPECT_TRUE(flushingDenormals()); // the inner scope had nothing to undo
  }
  EXPECT_FALSE(flushingDenormals());
  EXPECT_NE(tiny * two, 0.0f);
}

class DenormalsModelTest : public ModelFileTest {
protected:
  /// Imports \p b into `module`.
  bool import(const ModelBuilder &b) {
    b.save(path);
    module = frontend::importOnnxFile(ctx, path);
    if (!module)
      ADD_FAILURE() << "import failed: " << errors;
    return bool(module);
  }

  /// The JIT of a clone of `module` (so the interpreter keeps the original).
  std::unique_ptr<cpu::JitModel> jit(unsigned threads, bool flush) {
    clones.push_back(module->clone());
    cpu::CpuOptions options;
    options.useCache = false;
    options.threads = threads;
    options.flushDenormals = flush;
    auto jit = cpu::JitModel::create(*clones.back(), options);
    if (!jit) {
      ADD_FAILURE() << llvm::toString(jit.takeError());
      return nullptr;
    }
    return std::move(*jit);
  }

  std::vector<mlir::OwningOpRef<mlir::ModuleOp>> clones;
};

TEST_F(DenormalsModelTest, WeightSubnormalsCountsEachOpsConstants) {
  // scale = x * c, c with 2 subnormals of 4; y = scale @ w, w with 5 of 12.
  ModelBuilder b;
  b.input("x", {1, 4}).output("y", {1, 3});
  b.initializer("c", {1, 4}, {1e-39f, 2e-39f, 1.0f, 0.0f});
  b.initializer("w", {4, 3},
                {1e-40f, 0.0f, 1.0f, 3e-39f, -2e-39f, 0.5f, FLT_TRUE_MIN, 0.0f,
                 0.0f, 7e-39f, 1.0f, FLT_MIN});
  b.node("Mul", {"x", "c"}, {"s"}, "scale");
  b.node("MatMul", {"s", "w"}, {"y"}, "mm");
  ASSERT_TRUE(import(b));
  auto rows = tool::weightSubnormals(*module);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].first, "scale");
  EXPECT_EQ(rows[0].second.subnormal, 2u);
  EXPECT_EQ(rows[0].second.total, 4u);
  EXPECT_EQ(rows[1].first, "mm");
  EXPECT_EQ(rows[1].second.subnormal, 5u);
  EXPECT_EQ(rows[1].second.total, 12u);
  SubnormalCount all = tool::totalWeightSubnormals(*module);
  EXPECT_EQ(all.subnormal, 7u);
  EXPECT_EQ(all.total, 16u);
}

/// Bits of \p f, to compare floats exactly (a subnormal and 0 differ).
uint32_t bitsOf(float f) {
  uint32_t b;
  std::memcpy(&b, &f, sizeof b);
  return b;
}

TEST_F(DenormalsModelTest, FlushToZeroOnEveryThreadOfTheJit) {
  if (!kCanFlushDenormals)
    GTEST_SKIP() << "no flush-to-zero mode on this architecture";
  // y = x * 1e-39 over 64x4096 elements: large enough to be split across
  // the workers. x holds 1, 2, 4 and 8, so each product is an exact
  // subnormal.
  const int64_t rows = 64, cols = 4096;
  ModelBuilder b;
  b.input("x", {rows, cols}).output("y", {rows, cols});
  b.initializer("c", {1}, {1e-39f});
  b.node("Mul", {"x", "c"}, {"y"}, "tiny");
  ASSERT_TRUE(import(b));
  Tensor x(DType::F32, {rows, cols});
  for (int64_t i = 0; i < x.numElements(); ++i)
    x.data<float>()[i] = static_cast<float>(1 << (i % 4));
  volatile float c = 1e-39f;

  auto interp = Interpreter::create(*module);
  ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
  auto plain = jit(2, false);
  auto flushing = jit(2, true);
  ASSERT_TRUE(plain && flushing);
  ASSERT_EQ(flushing->getExecutor().threads(), 2u);
  EXPECT_TRUE(flushing->getExecutor().flushesDenormals());
  // The point of the test: the Mul runs in chunks on both threads.
  bool split = false;
  for (const cpu::PlanStep &step : flushing->getPlan().steps)
    split |= step.kind == cpu::PlanStep::Kind::Compiled &&
             step.grain < step.workItems;
  ASSERT_TRUE(split) << "no compiled step is split across threads";

  // Flushed: exactly 0 everywhere, the caller's mode untouched; the
  // interpreter under ScopedFlushDenormals agrees.
  for (int round = 0; round < 3; ++round) {
    auto y = flushing->run({x});
    ASSERT_TRUE(bool(y)) << llvm::toString(y.takeError());
    EXPECT_FALSE(flushingDenormals());
    int64_t nonzero = 0;
    for (int64_t i = 0; i < (*y)[0].numElements(); ++i)
      nonzero += bitsOf((*y)[0].data<float>()[i]) != 0;
    EXPECT_EQ(nonzero, 0) << "round " << round;
  }
  {
    ScopedFlushDenormals flush;
    auto ref = (*interp)->run({x});
    ASSERT_TRUE(bool(ref)) << llvm::toString(ref.takeError());
    EXPECT_EQ(countSubnormals((*ref)[0]).subnormal, 0u);
    EXPECT_EQ((*ref)[0].getAsDouble(0), 0.0);
  }

  // Not flushed, after the flushing runs (the workers must not keep the
  // mode): every product is the exact subnormal, as the interpreter's.
  auto y = plain->run({x});
  ASSERT_TRUE(bool(y)) << llvm::toString(y.takeError());
  auto ref = (*interp)->run({x});
  ASSERT_TRUE(bool(ref)) << llvm::toString(ref.takeError());
  int64_t wrong = 0;
  for (int64_t i = 0; i < x.numElements(); ++i) {
    float want = x.data<float>()[i] * c;
    wrong += bitsOf((*y)[0].data<float>()[i]) != bitsOf(want) ||
             bitsOf((*ref)[0].data<float>()[i]) != bitsOf(want);
  }
  EXPECT_EQ(wrong, 0);
  EXPECT_EQ(countSubnormals((*y)[0]).subnormal,
            static_cast<uint64_t>(x.numElements()));

  // A flushing executor made from the plain model (withSettings) flushes,
  // and one at 1 thread gives the same results as at 2.
  auto flushed1 = plain->getExecutor().withSettings(1, true);
  EXPECT_EQ(flushed1->threads(), 1u);
  auto z = flushed1->run({x});
  ASSERT_TRUE(bool(z)) << llvm::toString(z.takeError());
  EXPECT_EQ(countSubnormals((*z)[0]).subnormal, 0u);
  EXPECT_EQ((*z)[0].getAsDouble(x.numElements() - 1), 0.0);
  auto plain1 = flushing->getExecutor().withSettings(1, false);
  auto w = plain1->run({x});
  ASSERT_TRUE(bool(w)) << llvm::toString(w.takeError());
  EXPECT_EQ(std::memcmp((*w)[0].raw(), (*y)[0].raw(), (*y)[0].byteSize()), 0);

  // Activations: every result of the model's steps is subnormal, unless
  // the model flushes.
  auto counts = tool::activationSubnormals(*plain, {x});
  ASSERT_TRUE(bool(counts)) << llvm::toString(counts.takeError());
  ASSERT_EQ(counts->size(), plain->getPlan().steps.size());
  EXPECT_EQ(counts->back().subnormal, static_cast<uint64_t>(x.numElements()));
  EXPECT_EQ(counts->back().total, static_cast<uint64_t>(x.numElements()));
  counts = tool::activationSubnormals(*flushing, {x});
  ASSERT_TRUE(bool(counts)) << llvm::toString(counts.takeError());
  EXPECT_EQ(counts->back().subnormal, 0u);

  // Timed both ways, each with its first run apart; the model's own
  // executor is left as it was.
  auto timing = tool::timeFlushDenormals(*plain, {x}, 3);
  ASSERT_TRUE(bool(timing)) << llvm::toString(timing.takeError());
  EXPECT_EQ(timing->off.runs, 3u);
  EXPECT_EQ(timing->on.runs, 3u);
  EXPECT_GT(timing->off.firstMs, 0.0);
  EXPECT_GT(timing->on.medianMs, 0.0);
  EXPECT_LE(timing->on.minMs, timing->on.maxMs);
  EXPECT_DOUBLE_EQ(timing->speedup(),
                   timing->off.medianMs / timing->on.medianMs);
  EXPECT_FALSE(plain->getExecutor().flushesDenormals());
}

} // namespace
