//===- ArenaTest.cpp - Intermediates sharing one arena --------------------===//
//
// packArena on its own (buffers live at once never share bytes, buffers
// live apart do), and the JIT's arena on models whose lifetimes need care:
// a reference step handing its operand through, and a chain whose buffers
// take turns; and runs into output buffers the caller allocated. Concats
// computed in place, pointwise kernels writing over their operand, and the
// same models with that turned off.
//
//===----------------------------------------------------------------------===//
#include "ModelFileTest.h"

#include "kiln/cpu/Arena.h"
#include "kiln/cpu/Jit.h"
#include "kiln/cpu/Target.h"
#include "kiln/frontend/Import.h"
#include "kiln/interpreter/Interpreter.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

using namespace kiln;
using namespace kiln::test;

namespace {

TEST(Arena, BuffersLiveAtOnceNeverShareBytes) {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<cpu::BufferLife> lives(1 + rng() % 40);
    for (cpu::BufferLife &l : lives) {
      if (rng() % 8 == 0)
        continue; // outside the arena
      l.first = static_cast<int>(rng() % 30);
      l.last = l.first + static_cast<int>(rng() % 10);
      l.bytes = rng() % 5000;
    }
    cpu::ArenaLayout layout = cpu::packArena(lives);
    ASSERT_EQ(layout.offsets.size(), lives.size());
    uint64_t unshared = 0;
    for (size_t i = 0; i < lives.size(); ++i) {
      if (lives[i].first < 0) {
        EXPECT_EQ(layout.offsets[i], -1);
        continue;
      }
      ASSERT_GE(layout.offsets[i], 0);
      EXPECT_EQ(layout.offsets[i] % cpu::kArenaAlign, 0u);
      EXPECT_LE(layout.offsets[i] + lives[i].bytes, layout.size);
      unshared += (lives[i].bytes + 63) / 64 * 64;
      for (size_t j = 0; j < i; ++j) {
        const cpu::BufferLife &a = lives[i], &b = lives[j];
        if (b.first < 0 || !a.bytes || !b.bytes || a.first > b.last ||
            b.first > a.last)
          continue;
        int64_t aEnd = layout.offsets[i] + static_cast<int64_t>(a.bytes);
        int64_t bEnd = layout.offsets[j] + static_cast<int64_t>(b.bytes);
        EXPECT_TRUE(aEnd <= layout.offsets[j] || bEnd <= layout.offsets[i])
            << "trial " << trial << ": buffers " << i << " and " << j
            << " are live at once and overlap";
      }
    }
    EXPECT_EQ(layout.unsharedSize, unshared);
    EXPECT_EQ(layout.size % cpu::kArenaAlign, 0u);
    EXPECT_LE(layout.size, layout.unsharedSize);
  }
}

TEST(Arena, BuffersOfOtherLanesNeverShareBytes) {
  // Parts of a batch run side by side in lanes (rounds of spans 10 long):
  // two buffers of different lanes in one round never share bytes, even
  // when their lifetimes are apart; one lane's buffers still take turns.
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<cpu::BufferLife> lives(2 + rng() % 40);
    for (cpu::BufferLife &l : lives) {
      int round = static_cast<int>(rng() % 3);
      l.first = round * 10 + static_cast<int>(rng() % 8);
      l.last = l.first + static_cast<int>(rng() % 3);
      l.bytes = 1 + rng() % 3000;
      if (rng() % 4 != 0) {
        l.lane = static_cast<int>(rng() % 3);
        l.spanFirst = round * 10;
        l.spanLast = round * 10 + 9;
      }
    }
    cpu::ArenaLayout layout = cpu::packArena(lives);
    for (size_t i = 0; i < lives.size(); ++i)
      for (size_t j = 0; j < i; ++j) {
        const cpu::BufferLife &a = lives[i], &b = lives[j];
        bool lanes = a.lane >= 0 && b.lane >= 0 && a.lane != b.lane &&
                     a.spanFirst == b.spanFirst;
        bool live = a.first <= b.last && b.first <= a.last;
        if (!lanes && !live)
          continue;
        int64_t aEnd = layout.offsets[i] + static_cast<int64_t>(a.bytes);
        int64_t bEnd = layout.offsets[j] + static_cast<int64_t>(b.bytes);
        EXPECT_TRUE(aEnd <= layout.offsets[j] || bEnd <= layout.offsets[i])
            << "trial " << trial << ": buffers " << i << " and " << j
            << (lanes ? " of two lanes of one round" : " live at once")
            << " overlap";
      }
  }
  // One lane's chain still takes two buffers; the same chain in a second
  // lane of the round takes two more.
  std::vector<cpu::BufferLife> chain;
  for (int lane = 0; lane < 2; ++lane)
    for (int t = 0; t < 4; ++t)
      chain.push_back({t, t + 1, 1000, lane, 0, 4});
  EXPECT_EQ(cpu::packArena(chain).size, 4 * 1024u);
}

TEST(Arena, AChainTakesTwoBuffers) {
  // a -> b -> c -> d: each value is read by the next step only, so two
  // buffers hold them all.
  std::vector<cpu::BufferLife> lives = {
      {0, 1, 1000}, {1, 2, 1000}, {2, 3, 1000}, {3, 4, 1000}};
  cpu::ArenaLayout layout = cpu::packArena(lives);
  EXPECT_EQ(layout.size, 2 * 1024u);
  EXPECT_EQ(layout.unsharedSize, 4 * 1024u);
  EXPECT_EQ(layout.offsets[0], layout.offsets[2]);
  EXPECT_EQ(layout.offsets[1], layout.offsets[3]);
  EXPECT_NE(layout.offsets[0], layout.offsets[1]);
}

/// Adds out = MaxPool(in) with a 1x1 window to \p b: a copy by a compiled
/// kernel that is not pointwise (never fused into an elementwise chain).
void onePixelMaxPool(ModelBuilder &b, const std::string &in,
                     const std::string &out) {
  auto *k = b.node("MaxPool", {in}, {out}).add_attribute();
  k->set_name("kernel_shape");
  k->set_type(onnx::AttributeProto::INTS);
  k->add_ints(1);
  k->add_ints(1);
}

class JitArenaTest : public ModelFileTest {
protected:
  static Tensor ramp(Shape shape) {
    Tensor x(DType::F32, shape);
    for (int64_t i = 0; i < x.numElements(); ++i)
      x.data<float>()[i] = static_cast<float>(i % 23) - 11.0f;
    return x;
  }

  /// Runs \p jit and \p copied (the same model without views) on \p x:
  /// the same bits, and within \p tolerance of the interpreter's outputs.
  void expectLikeCopiesAndInterpreter(cpu::JitModel &jit, cpu::JitModel &copied,
                                      const Tensor &x,
                                      float tolerance = 1e-4f) {
    auto y1 = jit.run({x});
    ASSERT_TRUE(bool(y1)) << llvm::toString(y1.takeError());
    auto y2 = copied.run({x});
    ASSERT_TRUE(bool(y2)) << llvm::toString(y2.takeError());
    auto interp = Interpreter::create(*module);
    ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
    auto expected = (*interp)->run({x});
    ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());
    ASSERT_EQ(y1->size(), expected->size());
    for (size_t o = 0; o < y1->size(); ++o) {
      ASSERT_EQ((*y1)[o].byteSize(), (*y2)[o].byteSize());
      EXPECT_EQ(
          std::memcmp((*y1)[o].raw(), (*y2)[o].raw(), (*y1)[o].byteSize()), 0)
          << "output " << o;
      for (int64_t i = 0; i < (*y1)[o].numElements(); ++i)
        ASSERT_NEAR((*y1)[o].data<float>()[i], (*expected)[o].data<float>()[i],
                    tolerance)
            << "output " << o << " at " << i;
    }
  }

  /// The saved model, imported again into \p graph, on a JIT with or
  /// without views (CpuOptions::concatViews) and without the pipeline's
  /// passes \p disabled.
  llvm::Expected<std::unique_ptr<cpu::JitModel>>
  jitOfSaved(mlir::OwningOpRef<mlir::ModuleOp> &graph, bool views,
             std::vector<std::string> disabled = {}) {
    graph = frontend::importOnnxFile(ctx, path);
    if (!graph)
      return llvm::createStringError("import failed: " + errors);
    cpu::CpuOptions options;
    options.useCache = false;
    options.threads = 1;
    options.concatViews = views;
    options.disabledPasses = std::move(disabled);
    return cpu::JitModel::create(*graph, options);
  }

  /// The saved model on a JIT whose executor places no value inside
  /// another.
  llvm::Expected<std::unique_ptr<cpu::JitModel>>
  jitWithoutViews(mlir::OwningOpRef<mlir::ModuleOp> &graph) {
    return jitOfSaved(graph, false);
  }

  /// \p b saved and compiled with views into \p graph, and without into
  /// \p copied, both without kiln-blocked-layout (with AVX2's 16 registers
  /// it runs every 1x1 conv chain blocked, whose convs keep their
  /// residual).
  std::unique_ptr<cpu::JitModel>
  viewJits(const ModelBuilder &b, mlir::OwningOpRef<mlir::ModuleOp> &graph,
           std::unique_ptr<cpu::JitModel> &copied) {
    b.save(path);
    auto jit = jitOfSaved(graph, true, {"kiln-blocked-layout"});
    auto without = jitOfSaved(module, false, {"kiln-blocked-layout"});
    if (!jit || !without) {
      ADD_FAILURE() << (jit ? llvm::toString(without.takeError())
                            : llvm::toString(jit.takeError()));
      return nullptr;
    }
    copied = std::move(*without);
    return std::move(*jit);
  }
};

TEST_F(JitArenaTest, HandedThroughOperandOutlivesItsReader) {
  // r = Relu(x) is compiled; d = Dropout(r) with a run-time training_mode
  // is a reference step returning r's bytes as d. p = MaxPool(x), a 1x1
  // window, is written after the Dropout while d is still to be read: if
  // r's bytes were free after the Dropout, p would overwrite d.
  ModelBuilder b;
  b.input("x", {1, 4, 16, 16}).input("t", {}, 9).output("y", {1, 4, 16, 16});
  b.initializer("ratio", {}, {0.5f});
  b.node("Relu", {"x"}, {"r"});
  b.node("Dropout", {"r", "ratio", "t"}, {"d"});
  onePixelMaxPool(b, "x", "p");
  b.node("Add", {"d", "p"}, {"y"});
  auto jit = jitOf(b);
  ASSERT_TRUE(jit);
  bool hasReference = false;
  for (const cpu::PlanStep &s : jit->getPlan().steps)
    hasReference |= s.kind == cpu::PlanStep::Kind::Reference;
  ASSERT_TRUE(hasReference) << "the Dropout no longer hands through";

  Tensor x = ramp({1, 4, 16, 16});
  auto y = jit->run({x, Tensor(DType::Bool, Shape{})});
  ASSERT_TRUE(bool(y)) << llvm::toString(y.takeError());
  ASSERT_EQ(y->size(), 1u);
  for (int64_t i = 0; i < x.numElements(); ++i) {
    float v = x.data<float>()[i];
    ASSERT_EQ((*y)[0].data<float>()[i], std::max(v, 0.0f) + v) << "at " << i;
  }
}

TEST_F(JitArenaTest, AnOperandHandedThroughIsNotWrittenOver) {
  // d = Dropout(r) with a run-time training_mode hands r's bytes through as
  // d. s = Mul(r, GlobalAveragePool(d)) runs after it and reads r last, but
  // may not write over it: y = Add(d, MaxPool(s)) reads d after it.
  ModelBuilder b;
  b.input("x", {1, 4, 16, 16}).input("t", {}, 9).output("y", {1, 4, 16, 16});
  b.initializer("ratio", {}, {0.5f});
  std::vector<float> w(16, 0.0f);
  for (int i = 0; i < 4; ++i)
    w[i * 5] = 1.0f;
  b.initializer("w", {4, 4, 1, 1}, w);
  b.node("Conv", {"x", "w"}, {"r"});
  b.node("Dropout", {"r", "ratio", "t"}, {"d"});
  b.node("GlobalAveragePool", {"d"}, {"q"});
  b.node("Mul", {"r", "q"}, {"s"});
  onePixelMaxPool(b, "s", "p");
  b.node("Add", {"d", "p"}, {"y"});
  auto jit = jitOf(b);
  ASSERT_TRUE(jit);
  Tensor x = ramp({1, 4, 16, 16});
  auto y = jit->run({x, Tensor(DType::Bool, Shape{})});
  ASSERT_TRUE(bool(y)) << llvm::toString(y.takeError());
  ASSERT_EQ(y->size(), 1u);
  auto interp = Interpreter::create(*module);
  ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
  auto expected = (*interp)->run({x, Tensor(DType::Bool, Shape{})});
  ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());
  for (int64_t i = 0; i < x.numElements(); ++i)
    ASSERT_NEAR((*y)[0].data<float>()[i], (*expected)[0].data<float>()[i], 1e-4)
        << "at " << i;
}

TEST_F(JitArenaTest, AChainOfKernelsReusesItsBuffers) {
  // Six 1x1 convolutions in a row: each value is read by the next only.
  ModelBuilder b;
  b.input("x", {1, 8, 32, 32}).output("y", {1, 8, 32, 32});
  std::string prev = "x";
  std::vector<float> w(8 * 8);
  for (size_t i = 0; i < w.size(); ++i)
    w[i] = (i % 9 == 0) ? 1.0f : 0.01f;
  b.initializer("w", {8, 8, 1, 1}, w);
  for (int i = 0; i < 6; ++i) {
    std::string conv = "c" + std::to_string(i);
    std::string out = i == 5 ? "y" : "r" + std::to_string(i);
    b.node("Conv", {prev, "w"}, {conv});
    b.node("Tanh", {conv}, {out});
    prev = out;
  }
  auto jit = jitOf(b);
  ASSERT_TRUE(jit);
  const cpu::Executor &e = jit->getExecutor();
  uint64_t value = 8 * 32 * 32 * sizeof(float);
  EXPECT_GE(e.unsharedBytes(), 4 * value);
  EXPECT_EQ(e.arenaBytes(), 2 * value) << "unshared " << e.unsharedBytes();
  Tensor x = ramp({1, 8, 32, 32});
  auto y = jit->run({x});
  ASSERT_TRUE(bool(y)) << llvm::toString(y.takeError());
  auto interp = Interpreter::create(*module);
  ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
  auto expected = (*interp)->run({x});
  ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());
  for (int64_t i = 0; i < x.numElements(); ++i)
    ASSERT_NEAR((*y)[0].data<float>()[i], (*expected)[0].data<float>()[i], 1e-5)
        << "at " << i;
}

TEST_F(JitArenaTest, ConcatViewsOffCopiesEveryConcat) {
  // Two convolutions concatenated: by default computed in place in the
  // Concat's result (the Concat elided); with CpuOptions::concatViews off
  // (kiln compare --ablate's variant) the Concat copies, bit for bit the
  // same result.
  ModelBuilder b;
  b.input("x", {1, 4, 8, 8}).output("y", {1, 8, 8, 8});
  std::vector<float> w(4 * 4);
  for (size_t i = 0; i < w.size(); ++i)
    w[i] = 0.25f * static_cast<float>(i % 5) - 0.5f;
  b.initializer("w1", {4, 4, 1, 1}, w);
  std::reverse(w.begin(), w.end());
  b.initializer("w2", {4, 4, 1, 1}, w);
  b.node("Conv", {"x", "w1"}, {"a"});
  b.node("Conv", {"x", "w2"}, {"b"});
  auto *axis = b.node("Concat", {"a", "b"}, {"c"}).add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(1);
  b.node("Relu", {"c"}, {"y"});
  auto viewed = jitOf(b);
  ASSERT_TRUE(viewed);
  auto elided = [](const cpu::JitModel &jit) {
    size_t n = 0;
    for (size_t i = 0; i < jit.getPlan().steps.size(); ++i)
      n += jit.getExecutor().isElided(i);
    return n;
  };
  ASSERT_EQ(elided(*viewed), 1u) << "the Concat is no longer elided";

  mlir::OwningOpRef<mlir::ModuleOp> copyModule;
  auto copied = jitWithoutViews(copyModule);
  ASSERT_TRUE(bool(copied)) << llvm::toString(copied.takeError());
  EXPECT_EQ(elided(**copied), 0u);

  Tensor x = ramp({1, 4, 8, 8});
  auto y1 = viewed->run({x});
  ASSERT_TRUE(bool(y1)) << llvm::toString(y1.takeError());
  auto y2 = (*copied)->run({x});
  ASSERT_TRUE(bool(y2)) << llvm::toString(y2.takeError());
  ASSERT_EQ((*y1)[0].byteSize(), (*y2)[0].byteSize());
  EXPECT_EQ(std::memcmp((*y1)[0].raw(), (*y2)[0].raw(), (*y1)[0].byteSize()),
            0);
}

TEST_F(JitArenaTest, PointwiseKernelsWriteOverAnOperandTheyAloneRead) {
  // Tanh reads p (a Softmax's result) and nothing reads p after it: Tanh
  // writes over p, and p's buffer holds both. Sigmoid reads q, which a
  // LogSoftmax reads too: it gets a buffer of its own. With the executor's
  // views off, every value has its own buffer; the results are the same
  // bits, and the interpreter's.
  ModelBuilder b;
  b.input("x", {4, 300}).output("y", {4, 300}).output("z", {4, 300});
  b.node("Softmax", {"x"}, {"p"});
  b.node("Tanh", {"p"}, {"t"});
  b.node("Softmax", {"t"}, {"y"});
  b.node("Softmax", {"x"}, {"q"});
  b.node("Sigmoid", {"q"}, {"s"});
  b.node("LogSoftmax", {"q"}, {"l"});
  b.node("Add", {"s", "l"}, {"z"});
  auto inPlace = jitOf(b);
  ASSERT_TRUE(inPlace);
  mlir::OwningOpRef<mlir::ModuleOp> copyModule;
  auto copied = jitWithoutViews(copyModule);
  ASSERT_TRUE(bool(copied)) << llvm::toString(copied.takeError());
  uint64_t value = 4 * 300 * sizeof(float);
  EXPECT_EQ(inPlace->getExecutor().unsharedBytes() + value,
            (*copied)->getExecutor().unsharedBytes());

  expectLikeCopiesAndInterpreter(*inPlace, **copied, ramp({4, 300}), 1e-5f);
}

/// The model of \p b with \p blocks ResNet blocks on r = Relu(x), x of
/// 1 x c x 16 x 16: b = Relu(Conv(Relu(Conv(r, w1)), w2) + r), each block
/// on the last one's result (or, with \p ownInput, b = Relu(Conv(r, w1) +
/// r): the conv reads its residual as its input too); y = Softmax(b) of
/// the last (not an epilogue), so that no block's result is the graph's
/// output, which has a buffer of its own.
void residualBlocks(ModelBuilder &b, int64_t c, int blocks, bool ownInput) {
  b.input("x", {1, c, 16, 16}).output("y", {1, c, 16, 16});
  std::vector<float> w(static_cast<size_t>(c * c));
  for (size_t i = 0; i < w.size(); ++i)
    w[i] = 0.02f * static_cast<float>(i % 7) - 0.06f;
  b.initializer("w1", {c, c, 1, 1}, w);
  std::reverse(w.begin(), w.end());
  b.initializer("w2", {c, c, 1, 1}, w);
  b.node("Relu", {"x"}, {"r"});
  std::string in = "r";
  for (int k = 0; k < blocks; ++k) {
    std::string n = std::to_string(k);
    b.node("Conv", {in, "w1"}, {"c" + n});
    std::string last = "c" + n;
    if (!ownInput) {
      b.node("Relu", {"c" + n}, {"t" + n});
      b.node("Conv", {"t" + n, "w2"}, {"d" + n});
      last = "d" + n;
    }
    b.node("Add", {last, in}, {"s" + n});
    b.node("Relu", {"s" + n}, {"b" + n});
    in = "b" + n;
  }
  b.node("Softmax", {in}, {"y"});
}

/// The in-place marks of \p jit's steps of \p op, in order.
std::vector<int> inPlaceArgs(const cpu::JitModel &jit,
                             llvm::StringRef op = "kiln.packed_conv") {
  std::vector<int> marks;
  for (const cpu::PlanStep &s : jit.getPlan().steps)
    if (llvm::StringRef(s.label).contains(op))
      marks.push_back(s.inPlaceArg);
  return marks;
}

TEST_F(JitArenaTest, ConvsWriteOverTheResidualTheyReadLast) {
  // Block 0's second conv reads r last (its first conv read r before): its
  // result, with the Add and Relu as its epilogue, takes r's buffer. Block
  // 1's second conv then writes over block 0's result, in the same buffer.
  // The same bits as with every value in its own buffer, and the
  // interpreter's result.
  ModelBuilder b;
  residualBlocks(b, 16, 2, false);
  mlir::OwningOpRef<mlir::ModuleOp> graph;
  std::unique_ptr<cpu::JitModel> copied;
  auto inPlace = viewJits(b, graph, copied);
  ASSERT_TRUE(inPlace);
  std::vector<int> marks = inPlaceArgs(*inPlace);
  ASSERT_EQ(marks.size(), 4u);
  for (size_t k = 0; k < marks.size(); ++k)
    EXPECT_EQ(marks[k] >= 0, k % 2 == 1) << "conv " << k;
  uint64_t value = 16 * 16 * 16 * sizeof(float);
  EXPECT_EQ(inPlace->getExecutor().unsharedBytes() + 2 * value,
            copied->getExecutor().unsharedBytes());
  expectLikeCopiesAndInterpreter(*inPlace, *copied, ramp({1, 16, 16, 16}));
}

TEST_F(JitArenaTest, ConvsKeepAResidualTheyReadOtherwiseToo) {
  // y = Relu(Conv(r, w1) + r): the conv reads r as its input while other
  // tiles write, so its result keeps a buffer of its own. With 400 input
  // channels, a 1x1 conv sums K in two blocks, stored in Y between them:
  // not in place either.
  struct Case {
    int64_t channels;
    bool ownInput;
  };
  for (Case k : {Case{16, true}, Case{400, true}, Case{400, false}}) {
    SCOPED_TRACE("channels " + std::to_string(k.channels) +
                 (k.ownInput ? ", own input" : ", two convs"));
    ModelBuilder b;
    residualBlocks(b, k.channels, 1, k.ownInput);
    mlir::OwningOpRef<mlir::ModuleOp> graph;
    std::unique_ptr<cpu::JitModel> copied;
    auto jit = viewJits(b, graph, copied);
    ASSERT_TRUE(jit);
    std::vector<int> marks = inPlaceArgs(*jit);
    ASSERT_FALSE(marks.empty());
    EXPECT_LT(marks.back(), 0);
    expectLikeCopiesAndInterpreter(*jit, *copied,
                                   ramp({1, k.channels, 16, 16}));
  }
}

TEST_F(JitArenaTest, MatMulsWriteOverTheResidualTheyReadLast) {
  // A transformer's residual: o = MatMul(Relu(MatMul(r, w1)), w2) + r reads
  // r last and takes its buffer; p = MatMul(o, w1) + o reads its residual
  // as A too and keeps its own. The graph ends in a Softmax, so that p is
  // not the graph's output.
  ModelBuilder b;
  b.input("x", {64, 32}).output("y", {64, 32});
  std::vector<float> w(32 * 32);
  for (size_t i = 0; i < w.size(); ++i)
    w[i] = 0.01f * static_cast<float>(i % 11) - 0.05f;
  b.initializer("w1", {32, 32}, w);
  std::reverse(w.begin(), w.end());
  b.initializer("w2", {32, 32}, w);
  b.node("Relu", {"x"}, {"r"});
  b.node("MatMul", {"r", "w1"}, {"h"});
  b.node("Relu", {"h"}, {"t"});
  b.node("MatMul", {"t", "w2"}, {"m"});
  b.node("Add", {"m", "r"}, {"o"});
  b.node("MatMul", {"o", "w1"}, {"n"});
  b.node("Add", {"n", "o"}, {"p"});
  b.node("Softmax", {"p"}, {"y"});
  mlir::OwningOpRef<mlir::ModuleOp> graph;
  std::unique_ptr<cpu::JitModel> copied;
  auto inPlace = viewJits(b, graph, copied);
  ASSERT_TRUE(inPlace);
  std::vector<int> marks = inPlaceArgs(*inPlace, "kiln.packed_mat_mul");
  ASSERT_EQ(marks.size(), 3u);
  EXPECT_LT(marks[0], 0);
  EXPECT_GE(marks[1], 0) << "the residual product is not in place";
  EXPECT_LT(marks[2], 0);
  uint64_t value = 64 * 32 * sizeof(float);
  EXPECT_EQ(inPlace->getExecutor().unsharedBytes() + value,
            copied->getExecutor().unsharedBytes());
  expectLikeCopiesAndInterpreter(*inPlace, *copied, ramp({64, 32}));
}

TEST_F(JitArenaTest, MatMulsInKBlocksKeepTheirResidualApart) {
  // o = MatMul(x, w1) + r reads r last, but with K in blocks (A's rows and
  // two panels past L2, sized from the target's L2) its tiles store
  // partial sums in Y before the last block reads the residual: it gets a
  // buffer of its own, and the interpreter's values.
  int64_t k = static_cast<int64_t>(cpu::hostTarget().l2Bytes) / 256 + 37;
  ModelBuilder b;
  b.input("x", {113, k}).output("y", {113, 70});
  std::vector<float> w(k * 70);
  for (size_t i = 0; i < w.size(); ++i)
    w[i] = 1e-5f * static_cast<float>(i % 11) - 5e-5f;
  b.initializer("w0", {k, 70}, w);
  std::reverse(w.begin(), w.end());
  b.initializer("w1", {k, 70}, w);
  b.node("MatMul", {"x", "w0"}, {"h"});
  b.node("Relu", {"h"}, {"r"});
  b.node("MatMul", {"x", "w1"}, {"m"});
  b.node("Add", {"m", "r"}, {"o"});
  b.node("Softmax", {"o"}, {"y"});
  mlir::OwningOpRef<mlir::ModuleOp> graph;
  std::unique_ptr<cpu::JitModel> copied;
  auto inPlace = viewJits(b, graph, copied);
  ASSERT_TRUE(inPlace);
  std::vector<int> marks = inPlaceArgs(*inPlace, "kiln.packed_mat_mul");
  ASSERT_EQ(marks.size(), 2u);
  EXPECT_LT(marks[0], 0);
  EXPECT_LT(marks[1], 0) << "a K-blocked product writes over its residual";
  expectLikeCopiesAndInterpreter(*inPlace, *copied, ramp({113, k}), 1e-5f);
}

TEST_F(JitArenaTest, RunsIntoCallerBuffers) {
  // y1 = Relu(x) is written in place by its compiled step; y2, a run-time
  // Dropout of it, comes from a reference step that hands y1's bytes
  // through, and is copied in.
  ModelBuilder b;
  b.input("x", {1, 4, 8, 8}).input("t", {}, 9);
  b.output("y1", {1, 4, 8, 8}).output("y2", {1, 4, 8, 8});
  b.initializer("ratio", {}, {0.5f});
  b.node("Relu", {"x"}, {"y1"});
  b.node("Dropout", {"y1", "ratio", "t"}, {"y2"});
  auto jit = jitOf(b);
  ASSERT_TRUE(jit);
  Tensor x = ramp({1, 4, 8, 8});
  std::vector<Tensor> inputs = {x, Tensor(DType::Bool, Shape{})};
  std::vector<Tensor> outputs = {Tensor(DType::F32, Shape{1, 4, 8, 8}),
                                 Tensor(DType::F32, Shape{1, 4, 8, 8})};
  void *first = outputs[0].raw(), *second = outputs[1].raw();
  const void *written = nullptr;
  llvm::Error e =
      jit->runInto(inputs, outputs,
                   [&](const cpu::PlanStep &step,
                       const std::vector<Tensor> &results, double) {
                     if (step.kind == cpu::PlanStep::Kind::Compiled && !written)
                       written = results.front().raw();
                   });
  ASSERT_FALSE(bool(e)) << llvm::toString(std::move(e));
  EXPECT_EQ(written, first) << "the Relu did not write the caller's buffer";
  EXPECT_EQ(outputs[0].raw(), first);
  EXPECT_EQ(outputs[1].raw(), second);
  for (int64_t i = 0; i < x.numElements(); ++i) {
    float relu = std::max(x.data<float>()[i], 0.0f);
    ASSERT_EQ(outputs[0].data<float>()[i], relu) << "y1 at " << i;
    ASSERT_EQ(outputs[1].data<float>()[i], relu) << "y2 at " << i;
  }

  // Wrong shape, wrong count, and an output over an input: refused.
  std::vector<Tensor> wrong = {Tensor(DType::F32, Shape{1, 4, 8, 7}),
                               outputs[1]};
  llvm::Error shape = jit->runInto(inputs, wrong);
  ASSERT_TRUE(bool(shape));
  EXPECT_NE(llvm::toString(std::move(shape)).find("expected a buffer of"),
            std::string::npos);
  std::vector<Tensor> one = {outputs[0]};
  llvm::Error count = jit->runInto(inputs, one);
  EXPECT_TRUE(bool(count));
  llvm::consumeError(std::move(count));
  std::vector<Tensor> overlapping = {x, outputs[1]};
  llvm::Error overlap = jit->runInto(inputs, overlapping);
  ASSERT_TRUE(bool(overlap));
  EXPECT_NE(llvm::toString(std::move(overlap)).find("shares bytes with"),
            std::string::npos);
}

} // namespace
