//===- CpuBlockedLayoutTest.cpp - NCHWc chains: JIT against interp --------===//
//
// kiln-blocked-layout's chains (kiln.blocked_conv, the reorders and the
// elementwise ops and concats between them on rank-5 tensors) compiled for
// the host's lanes, against the interpreter on the original graph
// (CpuKernelFixture.h). The unit-avx2 entry runs them again with 8 lanes.
//
//===----------------------------------------------------------------------===//
#include "CpuKernelFixture.h"

using namespace kiln;
using namespace kiln::test;

namespace {

TEST_F(CpuKernelTest, BlockedChainsMatchTheInterpreter) {
  // One chain of three 1x1 convs: the first reads its NCHW input of 40
  // channels (not whole blocks) in place; a residual add and a Relu between
  // blocked values; a per-channel scale from a global pool of a blocked
  // value (which leaves the chain for the pool and enters again through a
  // view); a Sigmoid; a concat along the channels; the last conv leaves
  // the chain. Planes of 7x7, 14x14 and 5x9 (none whole 64-byte lines, so
  // the chain pays), one and two images, 1 to 3 threads.
  struct Case {
    int64_t n, h, w;
  };
  for (unsigned t : {1u, 2u, 3u}) {
    threads = t;
    for (auto [n, h, w] : {Case{1, 7, 7}, Case{2, 14, 14}, Case{1, 5, 9}}) {
      SCOPED_TRACE(testing::Message()
                   << t << " threads, " << n << "x" << h << "x" << w);
      ModelBuilder b;
      b.input("x", {n, 40, h, w}).output("y", {n, 48, h, w});
      weight(b, "w1", {64, 40, 1, 1}, -0.2f, 0.2f);
      weight(b, "b1", {64});
      weight(b, "w2", {64, 64, 1, 1}, -0.2f, 0.2f);
      weight(b, "b2", {64});
      weight(b, "w3", {48, 128, 1, 1}, -0.2f, 0.2f);
      weight(b, "scale", {64, 1, 1});
      b.node("Conv", {"x", "w1", "b1"}, {"c1"});
      b.node("Relu", {"c1"}, {"r1"});
      b.node("Conv", {"r1", "w2", "b2"}, {"c2"});
      b.node("Add", {"c2", "r1"}, {"a"});
      b.node("Relu", {"a"}, {"r2"});
      b.node("GlobalAveragePool", {"r1"}, {"g"});
      b.node("Sigmoid", {"g"}, {"gs"});
      b.node("Mul", {"r2", "gs"}, {"m"});
      b.node("Mul", {"m", "scale"}, {"s"});
      b.node("Sigmoid", {"s"}, {"sig"});
      addInt(b.node("Concat", {"sig", "r1"}, {"cat"}), "axis", 1);
      b.node("Conv", {"cat", "w3"}, {"y"});
      check(b, {{n, 40, h, w}}, "kiln.blocked_conv", 1e-4, 1e-4);
    }
  }
}

TEST_F(CpuKernelTest, BlockedConvsSplitKAndTheirTails) {
  // Deep inputs (K split into blocks that stay in L1, a last shorter one:
  // 1040 channels), output channels that leave a last panel of one vector
  // (48), plane sizes with a last row tile of one position (49 = 4 x 12 +
  // 1 with 16 lanes) and of several, and a fused residual and Relu. The
  // residual is the NCHW input of the chain: it enters through
  // kiln.to_blocked.
  struct Case {
    int64_t c, hw, m;
  };
  for (unsigned t : {1u, 2u}) {
    threads = t;
    for (auto [c, hw, m] : {Case{1040, 7, 48}, Case{96, 13, 48}}) {
      SCOPED_TRACE(testing::Message()
                   << t << " threads, " << c << "->" << m << " " << hw);
      ModelBuilder b;
      b.input("x", {1, c, hw, hw}).input("skip", {1, m, hw, hw});
      b.output("y", {1, m, hw, hw});
      weight(b, "w1", {m, c, 1, 1}, -0.05f, 0.05f);
      weight(b, "b1", {m});
      weight(b, "w2", {m, m, 1, 1}, -0.2f, 0.2f);
      b.node("Conv", {"x", "w1", "b1"}, {"c1"});
      b.node("Add", {"c1", "skip"}, {"a"});
      b.node("Relu", {"a"}, {"r"});
      b.node("Conv", {"r", "w2"}, {"c2"});
      b.node("Add", {"c2", "r"}, {"y"});
      check(b, {{1, c, hw, hw}, {1, m, hw, hw}}, "kiln.blocked_conv", 1e-4,
            1e-4);
    }
  }
}

/// The first line of \p plan (CpuKernelTest::planSteps) whose step's op
/// is \p op; empty when there is none.
std::string stepOf(const std::string &plan, const std::string &op) {
  for (size_t at = 0; at < plan.size();) {
    size_t end = plan.find('\n', at);
    std::string line = plan.substr(at, end - at);
    if (line.rfind(op + " ", 0) == 0)
      return line;
    at = end == std::string::npos ? plan.size() : end + 1;
  }
  return "";
}

TEST_F(CpuKernelTest, BlockedDepthwiseConvsMatchTheInterpreter) {
  // MobileNet's inverted residual: a 1x1 expansion, a depthwise conv with
  // Clip(0, 6) or SiLU after it, a 1x1 projection, the residual at stride
  // 1. The depthwise conv joins the chain (its step is NCHWc). 3x3 and
  // 5x5 windows at strides 1 and 2, odd and even planes, the last output
  // group of a row short (ow not a multiple of the kernel's group), one
  // and two images, 1 to 3 threads.
  struct Case {
    int64_t n, c, e, hw, k, s;
    bool silu;
  };
  for (unsigned t : {1u, 2u, 3u}) {
    threads = t;
    for (auto [n, c, e, hw, k, s, silu] :
         {Case{1, 32, 96, 14, 3, 1, false}, Case{2, 16, 64, 7, 3, 2, false},
          Case{1, 48, 240, 13, 5, 2, true}, Case{1, 32, 128, 9, 5, 1, true},
          Case{2, 16, 48, 12, 3, 2, true}}) {
      SCOPED_TRACE(testing::Message()
                   << t << " threads, " << n << "x" << c << "x" << hw << "x"
                   << hw << " e" << e << " k" << k << " s" << s);
      int64_t pad = k / 2, ohw = (hw + 2 * pad - k) / s + 1;
      ModelBuilder b;
      b.input("x", {n, c, hw, hw}).output("y", {n, c, ohw, ohw});
      weight(b, "we", {e, c, 1, 1}, -0.3f, 0.3f);
      weight(b, "be", {e});
      weight(b, "wd", {e, 1, k, k}, -0.5f, 0.5f);
      weight(b, "bd", {e});
      weight(b, "wp", {c, e, 1, 1}, -0.2f, 0.2f);
      b.initializer("lo", {}, {0.0f});
      b.initializer("hi", {}, {6.0f});
      b.node("Conv", {"x", "we", "be"}, {"ex"});
      b.node("Clip", {"ex", "lo", "hi"}, {"exr"});
      auto &dw = b.node("Conv", {"exr", "wd", "bd"}, {"d"}, "dw");
      addInts(dw, "pads", {pad, pad, pad, pad});
      addInts(dw, "strides", {s, s});
      addInt(dw, "group", e);
      if (silu) {
        b.node("Sigmoid", {"d"}, {"ds"});
        b.node("Mul", {"d", "ds"}, {"da"});
      } else {
        b.node("Clip", {"d", "lo", "hi"}, {"da"});
      }
      b.node("Conv", {"da", "wp"}, {s == 1 ? "p" : "y"});
      if (s == 1)
        b.node("Add", {"p", "x"}, {"y"});
      check(b, {{n, c, hw, hw}}, "kiln.depthwise_conv", 1e-4, 1e-4);
      EXPECT_NE(stepOf(planSteps, "kiln.depthwise_conv").find("[NCHWc]"),
                std::string::npos)
          << planSteps;
    }
  }
}

TEST_F(CpuKernelTest, DepthwiseConvsTooWideForTheRingStayNCHW) {
  // Rows of 600 positions: the blocked kernel's ring of 3 rows of 16
  // channels would outgrow 64 KB, so the depthwise conv stays NCHW and
  // splits the chain: each 1x1 conv reads its NCHW input in place.
  ModelBuilder b;
  b.input("x", {1, 16, 3, 600}).output("y", {1, 16, 3, 600});
  weight(b, "we", {32, 16, 1, 1}, -0.3f, 0.3f);
  weight(b, "wd", {32, 1, 3, 3}, -0.5f, 0.5f);
  weight(b, "wp", {16, 32, 1, 1}, -0.2f, 0.2f);
  b.node("Conv", {"x", "we"}, {"ex"});
  auto &dw = b.node("Conv", {"ex", "wd"}, {"d"}, "dw");
  addInts(dw, "pads", {1, 1, 1, 1});
  addInt(dw, "group", 32);
  b.node("Conv", {"d", "wp"}, {"y"});
  check(b, {{1, 16, 3, 600}}, "kiln.depthwise_conv", 1e-4, 1e-4);
  std::string line = stepOf(planSteps, "kiln.depthwise_conv");
  EXPECT_NE(line, "") << planSteps;
  EXPECT_EQ(line.find("[NCHWc]"), std::string::npos) << planSteps;
}

TEST_F(CpuKernelTest, BlockedChainsEndInPoolsAndFusedTails) {
  // The end of a conv net: 1x1 convs with SiLU (sigmoid and mul fused into
  // the blocked conv's epilogue) into a global average pool, which reads
  // the blocked value (no reorder); a second reader of the same value
  // (the residual output) still gets one. Planes of 7x7 and 5x3 (the pool's
  // last accumulators partly empty), 1 and 2 images, 1 and 2 threads.
  struct Case {
    int64_t n, h, w;
    bool secondReader;
  };
  for (unsigned t : {1u, 2u}) {
    threads = t;
    for (auto [n, h, w, second] :
         {Case{1, 7, 7, false}, Case{2, 5, 3, true}, Case{2, 7, 7, true}}) {
      SCOPED_TRACE(testing::Message() << t << " threads, " << n << "x" << h
                                      << "x" << w << (second ? " +y2" : ""));
      ModelBuilder b;
      b.input("x", {n, 48, h, w}).output("y", {n, 64, 1, 1});
      if (second)
        b.output("y2", {n, 64, h, w});
      weight(b, "w1", {64, 48, 1, 1}, -0.2f, 0.2f);
      weight(b, "b1", {64});
      weight(b, "w2", {64, 64, 1, 1}, -0.2f, 0.2f);
      b.node("Conv", {"x", "w1", "b1"}, {"c1"});
      b.node("Sigmoid", {"c1"}, {"s1"});
      b.node("Mul", {"c1", "s1"}, {"a1"});
      b.node("Conv", {"a1", "w2"}, {"c2"});
      b.node("Add", {"c2", "a1"}, {second ? "y2" : "r"});
      b.node("GlobalAveragePool", {second ? "y2" : "r"}, {"y"});
      check(b, {{n, 48, h, w}}, "kiln.blocked_global_average_pool", 1e-4, 1e-4);
      EXPECT_NE(
          stepOf(planSteps, "kiln.blocked_conv").find("+ sigmoid, mul [NCHWc]"),
          std::string::npos)
          << planSteps;
      EXPECT_EQ(stepOf(planSteps, "kiln.from_blocked").empty(), !second)
          << planSteps;
    }
  }
}

TEST_F(CpuKernelTest, ChainsThatDoNotPayStayNCHW) {
  // A single 1x1 conv whose output is larger than its input leaves through
  // a reorder of more elements than the packing it saves: no blocked step
  // (the NCHW kernel runs it).
  ModelBuilder b;
  b.input("x", {1, 32, 7, 7}).output("y", {1, 128, 7, 7});
  weight(b, "w", {128, 32, 1, 1});
  b.node("Conv", {"x", "w"}, {"y"});
  check(b, {{1, 32, 7, 7}}, "kiln.packed_conv");
  EXPECT_EQ(compiledSteps, 1);
}

} // namespace
