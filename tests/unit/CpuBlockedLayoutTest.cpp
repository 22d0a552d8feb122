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

/// Adds an INT attribute.
void addInt(onnx::NodeProto &n, const std::string &name, int64_t value) {
  auto *a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(value);
}

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
