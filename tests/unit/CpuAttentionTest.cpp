//===- CpuAttentionTest.cpp - kiln.fused_attention against the interpreter ===//
//
// Attention chains as exporters write them (MatMul, Div or Mul by a
// constant, mask Add, Softmax, MatMul) run unfused on the interpreter and
// fused (kiln-fuse-attention) on the JIT's direct kernel, at 1 and 2
// threads: row blocks with tails (M % 12, M % 6 for AVX2), column panels
// with tails (N and Dv % 32), N below one vector, broadcast batch dims
// and every mask form (per key, per row and key, per row).
//
//===----------------------------------------------------------------------===//
#include "CpuKernelFixture.h"

using namespace kiln;
using namespace kiln::test;

namespace {

struct AttentionCase {
  std::vector<int64_t> q, kt, v, mask, y;
  /// "div", "mul" (constant first) or "" for no scale.
  std::string scale;
};

TEST_F(CpuKernelTest, FusedAttentionMatchesTheUnfusedChain) {
  const AttentionCase cases[] = {
      // BERT-like: per-key mask over batch, Div by sqrt(D).
      {{2, 3, 25, 16},
       {2, 3, 16, 37},
       {2, 3, 37, 20},
       {2, 1, 1, 37},
       {2, 3, 25, 20},
       "div"},
      // One row, fewer keys than a vector, no mask, scale first.
      {{1, 1, 8}, {1, 8, 5}, {1, 5, 3}, {}, {1, 1, 3}, "mul"},
      // KT and V shared by every matrix, a mask per row and key, one row
      // past a block of 12, Dv past a panel.
      {{3, 13, 16}, {16, 9}, {9, 33}, {13, 9}, {3, 13, 33}, ""},
      // A mask per row (broadcast along the keys), 300 keys, 3 blocks.
      {{1, 2, 30, 64},
       {1, 2, 64, 300},
       {1, 2, 300, 64},
       {1, 2, 30, 1},
       {1, 2, 30, 64},
       "div"},
  };
  for (const AttentionCase &c : cases) {
    SCOPED_TRACE(testing::Message()
                 << "M " << c.q[c.q.size() - 2] << ", N " << c.kt.back()
                 << ", mask rank " << c.mask.size() << ", scale '" << c.scale
                 << "'");
    for (unsigned t : {1u, 2u}) {
      threads = t;
      ModelBuilder b;
      b.input("q", c.q).input("kt", c.kt).input("v", c.v).output("y", c.y);
      std::vector<std::vector<int64_t>> shapes = {c.q, c.kt, c.v};
      b.node("MatMul", {"q", "kt"}, {"s"});
      std::string s = "s";
      if (c.scale == "div") {
        weight(b, "c", {}, 2.5f, 3.5f);
        b.node("Div", {"s", "c"}, {"scaled"});
        s = "scaled";
      } else if (c.scale == "mul") {
        weight(b, "c", {1}, 0.1f, 0.5f);
        b.node("Mul", {"c", "s"}, {"scaled"});
        s = "scaled";
      }
      if (!c.mask.empty()) {
        b.input("mask", c.mask);
        shapes.push_back(c.mask);
        b.node("Add", {s, "mask"}, {"masked"});
        s = "masked";
      }
      addInt(b.node("Softmax", {s}, {"p"}), "axis", -1);
      b.node("MatMul", {"p", "v"}, {"y"});
      check(b, shapes, "kiln.fused_attention", 1e-5, 1e-4);
    }
  }
}

TEST_F(CpuKernelTest, AttentionWhoseScoresAreReadElsewhereStaysUnfused) {
  // The scores are also an output: the chain is left as five ops (the
  // fused kernel would not write them), so the Softmax is a step of its own.
  ModelBuilder b;
  b.input("q", {2, 7, 8}).input("kt", {2, 8, 7}).input("v", {2, 7, 4});
  b.output("y", {2, 7, 4}).output("s", {2, 7, 7});
  b.node("MatMul", {"q", "kt"}, {"s"});
  addInt(b.node("Softmax", {"s"}, {"p"}), "axis", -1);
  b.node("MatMul", {"p", "v"}, {"y"});
  check(b, {{2, 7, 8}, {2, 8, 7}, {2, 7, 4}}, "kiln.softmax");
}

} // namespace
