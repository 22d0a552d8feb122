//===- CpuBlockedSpatialConvTest.cpp - windowed NCHWc convs vs interp -----===//
//
// kiln.blocked_conv with a window, strides or pads (BlockedConvSpatial.cpp)
// compiled for the host's lanes, against the interpreter on the original
// graph (CpuKernelFixture.h); the unit-avx2 entry runs them with 8 lanes.
//
//===----------------------------------------------------------------------===//
#include "CpuKernelFixture.h"

using namespace kiln;
using namespace kiln::test;

namespace {

/// The line of \p plan (CpuKernelTest::planSteps) of the step that computes
/// node \p name; empty when there is none.
std::string stepComputing(const std::string &plan, const std::string &name) {
  std::string key = "node '" + name + "'";
  for (size_t at = 0; at < plan.size();) {
    size_t end = plan.find('\n', at);
    std::string line = plan.substr(at, end - at);
    if (line.find(key) != std::string::npos)
      return line;
    at = end == std::string::npos ? plan.size() : end + 1;
  }
  return "";
}

TEST_F(CpuKernelTest, BlockedSpatialConvsMatchTheInterpreter) {
  // A 1x1 conv (blocked output) into the windowed conv `sp`, with bias,
  // residual and Relu: 3x3 at strides 1 and 2, 5x5, 7x7 at stride 2, a 1x1
  // at stride 2, asymmetric pads, rows of one tile (5, 7, 9, 13 positions)
  // and of several (30: three tiles of 10, both ends partly outside X for
  // some taps; 60: five of 12, the middle three one loop), output channels
  // that leave a last panel of one vector (48), 1040 input channels (K
  // blocks of a tap), an input read in NCHW (the model's, 9x9), and a
  // window wider than its 2x2 or 3x2 input (taps outside X at both ends; at
  // stride 2 a window column that starts past the row's end rounds down).
  struct Case {
    int64_t n, c, m, h, w, k, s, pt, pl, pb, pr;
    bool residual, fromInput;
  };
  disabledPasses = {"kiln-winograd"}; // 3x3 at stride 1 stays direct
  for (unsigned t : {1u, 3u}) {
    threads = t;
    for (const Case &cs : {
             Case{1, 32, 32, 9, 9, 3, 2, 1, 1, 1, 1, false, false},
             Case{2, 32, 48, 7, 7, 3, 1, 1, 1, 1, 1, true, false},
             Case{1, 32, 32, 13, 13, 5, 1, 2, 2, 2, 2, false, false},
             Case{1, 16, 32, 17, 17, 7, 2, 3, 3, 3, 3, false, false},
             Case{1, 1040, 48, 14, 14, 1, 2, 0, 0, 0, 0, true, false},
             Case{1, 32, 32, 10, 10, 3, 1, 1, 0, 0, 1, true, false},
             Case{1, 16, 32, 5, 30, 3, 1, 1, 1, 1, 1, false, false},
             Case{1, 16, 16, 3, 60, 3, 1, 1, 1, 1, 1, true, false},
             Case{1, 32, 16, 9, 9, 3, 2, 1, 1, 1, 1, false, true},
             Case{1, 16, 16, 2, 2, 5, 1, 2, 2, 2, 2, false, false},
             Case{1, 16, 16, 3, 2, 5, 2, 2, 2, 2, 2, false, false},
         }) {
      int64_t oh = (cs.h + cs.pt + cs.pb - cs.k) / cs.s + 1;
      int64_t ow = (cs.w + cs.pl + cs.pr - cs.k) / cs.s + 1;
      SCOPED_TRACE(testing::Message()
                   << t << " threads, " << cs.n << "x" << cs.c << "x" << cs.h
                   << "x" << cs.w << " -> " << cs.m << "x" << oh << "x" << ow
                   << " k" << cs.k << " s" << cs.s);
      ModelBuilder b;
      // The 1x1 conv reads 4 C channels: the chain pays (the packing of
      // its input it saves outweighs the reorders).
      int64_t cx = cs.fromInput ? cs.c : 4 * cs.c;
      b.input("x", {cs.n, cx, cs.h, cs.w}).output("y", {cs.n, cs.m, oh, ow});
      std::vector<std::vector<int64_t>> shapes{{cs.n, cx, cs.h, cs.w}};
      std::string in = "x";
      if (!cs.fromInput) {
        weight(b, "w1", {cs.c, cx, 1, 1}, -0.1f, 0.1f);
        b.node("Conv", {"x", "w1"}, {"c1"});
        b.node("Relu", {"c1"}, {"r1"});
        in = "r1";
      }
      weight(b, "w", {cs.m, cs.c, cs.k, cs.k}, -0.1f, 0.1f);
      weight(b, "bias", {cs.m});
      auto &conv = b.node("Conv", {in, "w", "bias"}, {"c"}, "conv");
      addInts(conv, "kernel_shape", {cs.k, cs.k});
      addInts(conv, "strides", {cs.s, cs.s});
      addInts(conv, "pads", {cs.pt, cs.pl, cs.pb, cs.pr});
      std::string sum = "c";
      if (cs.residual) {
        b.input("skip", {cs.n, cs.m, oh, ow});
        shapes.push_back({cs.n, cs.m, oh, ow});
        b.node("Add", {"c", "skip"}, {"a"});
        sum = "a";
      }
      // The step's label names the last node fused into it.
      b.node("Relu", {sum}, {"y"}, "sp");
      check(b, shapes, "kiln.blocked_conv", 1e-4, 1e-4);
      std::string line = stepComputing(planSteps, "sp");
      EXPECT_EQ(line.rfind("kiln.blocked_conv", 0), 0u) << planSteps;
      EXPECT_NE(line.find("[NCHWc]"), std::string::npos) << planSteps;
    }
  }
}

TEST_F(CpuKernelTest, WindowedConvsOnWholeLinePlanesStayNCHW) {
  // A 3x3 conv at stride 2 whose input plane is whole 64-byte lines (28x28)
  // stays with the NCHW kernel, which packs it into im2col blocks: the
  // blocked one, reading that plane at stride 2, measured slower
  // (ResNet-50's 28x28 -> 14x14 convs), and so did its chain of 28x28 1x1
  // convs.
  ModelBuilder b;
  b.input("x", {1, 64, 28, 28}).output("y", {1, 64, 14, 14});
  weight(b, "w1", {64, 64, 1, 1}, -0.2f, 0.2f);
  weight(b, "w", {64, 64, 3, 3}, -0.1f, 0.1f);
  b.node("Conv", {"x", "w1"}, {"c1"});
  auto &conv = b.node("Conv", {"c1", "w"}, {"y"}, "sp");
  addInts(conv, "strides", {2, 2});
  addInts(conv, "pads", {1, 1, 1, 1});
  check(b, {{1, 64, 28, 28}}, "kiln.packed_conv");
  EXPECT_EQ(stepComputing(planSteps, "sp").rfind("kiln.packed_conv", 0), 0u)
      << planSteps;
}

} // namespace
