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

TEST_F(CpuKernelTest, FusedAttentionReadsAndWritesThroughHeadTransposes) {
  // BERT's head split ([batch, seq, heads, dim] -> [batch, heads, seq, dim],
  // K to [batch, heads, dim, seq]: packed per matrix) and merge, and a K
  // already laid out [batch, dim, heads, seq] (read in place); 13 and 30
  // rows cross the blocks of rows, 17 and 40 keys the vectors.
  struct Case {
    int64_t batch, seq, heads, dim;
    bool kByDim;
  };
  const Case cases[] = {{2, 13, 3, 16, false},
                        {1, 30, 2, 64, true},
                        {1, 17, 4, 8, false},
                        {2, 40, 1, 33, true}};
  for (const Case &c : cases) {
    SCOPED_TRACE(testing::Message() << "seq " << c.seq << ", dim " << c.dim
                                    << (c.kByDim ? ", K by dim" : ""));
    for (unsigned t : {1u, 2u}) {
      threads = t;
      std::vector<int64_t> split = {c.batch, c.seq, c.heads, c.dim};
      std::vector<int64_t> kDims =
          c.kByDim ? std::vector<int64_t>{c.batch, c.dim, c.heads, c.seq}
                   : split;
      ModelBuilder b;
      b.input("q", split).input("k", kDims).input("v", split);
      b.input("mask", {c.batch, 1, 1, c.seq}).output("y", split);
      addInts(b.node("Transpose", {"q"}, {"qt"}), "perm", {0, 2, 1, 3});
      addInts(b.node("Transpose", {"k"}, {"kt"}), "perm",
              c.kByDim ? std::vector<int64_t>{0, 2, 1, 3}
                       : std::vector<int64_t>{0, 2, 3, 1});
      addInts(b.node("Transpose", {"v"}, {"vt"}), "perm", {0, 2, 1, 3});
      b.node("MatMul", {"qt", "kt"}, {"s"});
      weight(b, "c", {}, 2.5f, 3.5f);
      b.node("Div", {"s", "c"}, {"scaled"});
      b.node("Add", {"scaled", "mask"}, {"masked"});
      addInt(b.node("Softmax", {"masked"}, {"p"}), "axis", -1);
      b.node("MatMul", {"p", "vt"}, {"heads"});
      addInts(b.node("Transpose", {"heads"}, {"y"}), "perm", {0, 2, 1, 3});
      check(b, {split, kDims, split, {c.batch, 1, 1, c.seq}},
            "kiln.fused_attention", 1e-5, 1e-4);
      // No transpose is left as a step of its own.
      EXPECT_EQ(compiledSteps, 1);
    }
  }
}

TEST_F(CpuKernelTest, FusedAttentionTakesTheScaleOfItsQueryOrKey) {
  // ViT's export divides Q by sqrt(D) after its head split and before the
  // product, no mask: the divisor moves onto the scores and the split
  // becomes the q_perm. A Mul of K's transposed form is taken as a scale.
  for (bool scaleKey : {false, true}) {
    SCOPED_TRACE(scaleKey ? "K scaled" : "Q scaled");
    for (unsigned t : {1u, 2u}) {
      threads = t;
      std::vector<int64_t> split = {1, 19, 3, 16};
      ModelBuilder b;
      b.input("q", split).input("k", split).input("v", split);
      b.output("y", split);
      addInts(b.node("Transpose", {"q"}, {"qt"}), "perm", {0, 2, 1, 3});
      addInts(b.node("Transpose", {"k"}, {"kt"}), "perm", {0, 2, 3, 1});
      addInts(b.node("Transpose", {"v"}, {"vt"}), "perm", {0, 2, 1, 3});
      b.initializer("c", {}, {scaleKey ? 0.25f : 4.0f});
      if (scaleKey) {
        b.node("Mul", {"kt", "c"}, {"ks"});
        b.node("MatMul", {"qt", "ks"}, {"s"});
      } else {
        b.node("Div", {"qt", "c"}, {"qs"});
        b.node("MatMul", {"qs", "kt"}, {"s"});
      }
      addInt(b.node("Softmax", {"s"}, {"p"}), "axis", -1);
      b.node("MatMul", {"p", "vt"}, {"heads"});
      addInts(b.node("Transpose", {"heads"}, {"y"}), "perm", {0, 2, 1, 3});
      check(b, {split, split, split}, "kiln.fused_attention", 1e-5, 1e-4);
      // Neither the scale nor a transpose is a step of its own.
      EXPECT_EQ(compiledSteps, 1) << planSteps;
    }
  }
}

TEST_F(CpuKernelTest, FusedAttentionOverLongRowsTakesTheKeysABlockAtATime) {
  // Online softmax: 20000 keys (a block of whole score rows would not fit
  // with either vector width; the pass took at most 16384 before), in
  // blocks of keys read in place with a partial last one; and a head split
  // of 1000 keys whose K and V are packed a block at a time (a head's
  // would not fit), rows crossing the blocks of rows.
  struct Case {
    std::vector<int64_t> q, k, v, y;
    bool headSplit;
  };
  const Case cases[] = {
      {{1, 2, 13, 16},
       {1, 2, 16, 20000},
       {1, 2, 20000, 24},
       {1, 2, 13, 24},
       false},
      {{1, 1000, 2, 64},
       {1, 1000, 2, 64},
       {1, 1000, 2, 64},
       {1, 1000, 2, 64},
       true},
  };
  for (const Case &c : cases) {
    int64_t keys = c.headSplit ? c.k[1] : c.k.back();
    SCOPED_TRACE(testing::Message() << keys << " keys");
    for (unsigned t : {1u, 2u}) {
      threads = t;
      ModelBuilder b;
      b.input("q", c.q).input("k", c.k).input("v", c.v).output("y", c.y);
      b.input("mask", {1, 1, 1, keys});
      std::string q = "q", k = "k", v = "v", heads = "y";
      if (c.headSplit) {
        addInts(b.node("Transpose", {"q"}, {"qt"}), "perm", {0, 2, 1, 3});
        addInts(b.node("Transpose", {"k"}, {"kt"}), "perm", {0, 2, 3, 1});
        addInts(b.node("Transpose", {"v"}, {"vt"}), "perm", {0, 2, 1, 3});
        q = "qt", k = "kt", v = "vt", heads = "heads";
      }
      b.node("MatMul", {q, k}, {"s"});
      weight(b, "c", {}, 0.5f, 0.7f);
      b.node("Div", {"s", "c"}, {"scaled"});
      b.node("Add", {"scaled", "mask"}, {"masked"});
      addInt(b.node("Softmax", {"masked"}, {"p"}), "axis", -1);
      b.node("MatMul", {"p", v}, {heads});
      if (c.headSplit)
        addInts(b.node("Transpose", {"heads"}, {"y"}), "perm", {0, 2, 1, 3});
      check(b, {c.q, c.k, c.v, {1, 1, 1, keys}}, "kiln.fused_attention", 1e-5,
            1e-4);
      EXPECT_EQ(compiledSteps, 1);
      // Blocks of rows of a head per item: more than one item per head.
      EXPECT_GT(workItems, 2);
    }
  }
}

TEST_F(CpuKernelTest, OnlineSoftmaxSkipsKeysMaskedOutUntilALaterBlock) {
  // The first 5000 of 20000 keys are masked with -inf (more than two
  // blocks of keys at either vector width), so every row's first blocks
  // have no maximum: their exps must be 0, not NaN, and the result is the
  // softmax over the other keys.
  const int64_t keys = 20000;
  std::vector<float> mask = randomValues(keys, 7);
  std::fill(mask.begin(), mask.begin() + 5000,
            -std::numeric_limits<float>::infinity());
  ModelBuilder b;
  b.input("q", {3, 8}).input("kt", {8, keys}).input("v", {keys, 16});
  b.output("y", {3, 16});
  b.initializer("mask", {keys}, mask);
  b.node("MatMul", {"q", "kt"}, {"s"});
  b.node("Add", {"s", "mask"}, {"masked"});
  addInt(b.node("Softmax", {"masked"}, {"p"}), "axis", -1);
  b.node("MatMul", {"p", "v"}, {"y"});
  check(b, {{3, 8}, {8, keys}, {keys, 16}}, "kiln.fused_attention", 1e-5, 1e-4);
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
