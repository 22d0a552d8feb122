//===- MatMulNormAttentionTest.cpp - FusedAttention, TransposedMatMul -----===//
//
// Hand-computed values, the bits of the five-op chain it replaces (with
// broadcast batch dims and masks), and the errors; TransposedMatMul by hand.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <cstring>

using namespace kiln;
using namespace kiln::test;

namespace {

/// Runs one reference kernel on \p inputs; fails the test on an error.
Tensor runOne(KernelFn fn, std::vector<const Tensor *> inputs,
              const AttrMap &attrs = {}) {
  std::vector<Tensor> out;
  Status s = runKernel(fn, std::move(inputs), attrs, out);
  EXPECT_TRUE(s.isOk()) << s.message();
  return out.empty() ? Tensor() : out[0];
}

TEST(FusedAttention, HandComputed) {
  // S = [1, 0, 0], / 0.5 = [2, 0, 0], + mask = [2, 0, -10000];
  // P = [e^2, 1, 0] / (e^2 + 1); Y = P x V.
  Tensor q = Tensor::fromVector<float>({1, 2}, {1, 0});
  Tensor kt = Tensor::fromVector<float>({2, 3}, {1, 0, 0, 0, 1, 0});
  Tensor v = Tensor::fromVector<float>({3, 2}, {1, 10, 2, 20, 3, 30});
  Tensor mask = Tensor::fromVector<float>({3}, {0, 0, -10000});
  AttrMap attrs;
  attrs.set("divisor", 0.5);
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalFusedAttention, {&q, &kt, &v, &mask}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {1, 2}, {1.119202922, 11.19202922});
  // A scale of 2 is the same; without mask the third key counts.
  AttrMap scaled;
  scaled.set("scale", 2.0);
  ASSERT_TRUE(
      runKernel(ref::evalFusedAttention, {&q, &kt, &v, nullptr}, scaled, out)
          .isOk());
  double e2 = std::exp(2.0), sum = e2 + 2;
  expectTensorNear(out[0], {1, 2},
                   {(e2 + 2 + 3) / sum, (10 * e2 + 20 + 30) / sum});
}

TEST(FusedAttention, BroadcastsBatchesAndMask) {
  // Two matrices of Q share KT (the identity, so S = Q), V and a per-key
  // mask [0, 1]: S + mask is [1, 1] and [0, 2], P is [1/2, 1/2] and
  // [1, e^2] / (1 + e^2), Y = P x [2, 4].
  Tensor q = Tensor::fromVector<float>({2, 1, 2}, {1, 0, 0, 1});
  Tensor kt = Tensor::fromVector<float>({2, 2}, {1, 0, 0, 1});
  Tensor v = Tensor::fromVector<float>({2, 1}, {2, 4});
  Tensor mask = Tensor::fromVector<float>({2}, {0, 1});
  Tensor y = runOne(ref::evalFusedAttention, {&q, &kt, &v, &mask});
  double e2 = std::exp(2.0);
  expectTensorNear(y, {2, 1, 1}, {3.0, (2 + 4 * e2) / (1 + e2)});
}

TEST(FusedAttention, PermsAreTheTransposesAroundTheChain) {
  // Q [b, s, h, d] and K [b, s, h, d] split into heads, the result merged
  // back: the same bits as transposing around the unpermuted kernel.
  Tensor q = randomTensor({2, 5, 3, 4}, 1), k = randomTensor({2, 5, 3, 4}, 2);
  Tensor v = randomTensor({2, 3, 5, 6}, 3);
  AttrMap attrs;
  attrs.set("q_perm", std::vector<int64_t>{0, 2, 1, 3});
  attrs.set("kt_perm", std::vector<int64_t>{0, 2, 3, 1});
  attrs.set("y_perm", std::vector<int64_t>{0, 2, 1, 3});
  Tensor fused = runOne(ref::evalFusedAttention, {&q, &k, &v, nullptr}, attrs);
  auto transposed = [](const Tensor &t, std::vector<int64_t> perm) {
    AttrMap a;
    a.set("perm", std::move(perm));
    return runOne(ref::evalTranspose, {&t}, a);
  };
  Tensor qt = transposed(q, {0, 2, 1, 3}), kt = transposed(k, {0, 2, 3, 1});
  Tensor plain = runOne(ref::evalFusedAttention, {&qt, &kt, &v, nullptr});
  Tensor y = transposed(plain, {0, 2, 1, 3});
  ASSERT_EQ(fused.shape(), (Shape{2, 5, 3, 6}));
  ASSERT_EQ(y.shape(), fused.shape());
  EXPECT_EQ(std::memcmp(fused.data<float>(), y.data<float>(),
                        y.numElements() * sizeof(float)),
            0);
}

TEST(FusedAttention, RejectsWhatTheChainCouldNotRun) {
  Tensor q = randomTensor({5, 4}, 1), kt = randomTensor({4, 7}, 2);
  Tensor v = randomTensor({7, 2}, 3), badKt = randomTensor({3, 7}, 4);
  Tensor badMask = randomTensor({5, 6}, 5), vec = randomTensor({4}, 6);
  Tensor ints(DType::I64, {5, 4});
  std::vector<Tensor> out;
  AttrMap none, both;
  both.set("divisor", 2.0);
  both.set("scale", 0.5);
  auto message = [&](std::vector<const Tensor *> in, const AttrMap &attrs) {
    Status s = runKernel(ref::evalFusedAttention, std::move(in), attrs, out);
    return s.isOk() ? std::string("ok") : s.message();
  };
  EXPECT_NE(message({&q, &badKt, &v, nullptr}, none).find("[..., D, N]"),
            std::string::npos);
  EXPECT_NE(message({&q, &kt, &v, &badMask}, none)
                .find("mask 5x6 to broadcast into the scores 5x7"),
            std::string::npos);
  EXPECT_NE(message({&q, &kt, &v, nullptr}, both).find("at most one"),
            std::string::npos);
  EXPECT_NE(message({&vec, &kt, &v, nullptr}, none).find("rank >= 2"),
            std::string::npos);
  EXPECT_NE(message({&ints, &kt, &v, nullptr}, none).find("expected f32"),
            std::string::npos);
}

} // namespace

//===----------------------------------------------------------------------===//
// TransposedMatMul
//===----------------------------------------------------------------------===//

TEST(TransposedMatMul, HandComputed) {
  // A = [[1, 3], [2, 4]] given transposed, B = [[1, 0, 2], [0, 1, 1]]
  // given transposed (3 x 2): A x B = [[1, 3, 5], [2, 4, 8]].
  Tensor a = Tensor::fromVector<float>({2, 2}, {1, 2, 3, 4});
  Tensor b = Tensor::fromVector<float>({3, 2}, {1, 0, 0, 1, 2, 1});
  AttrMap attrs;
  attrs.set("a_perm", std::vector<int64_t>{1, 0});
  attrs.set("b_perm", std::vector<int64_t>{1, 0});
  Tensor y = runOne(ref::evalTransposedMatMul, {&a, &b}, attrs);
  expectTensorNear(y, {2, 3}, {1, 3, 5, 2, 4, 8});
}

TEST(TransposedMatMul, RejectsOperandsOfRankBelowTwo) {
  Tensor a = Tensor::fromVector<float>({3}, {1, 2, 3});
  Tensor b = Tensor::fromVector<float>({3, 2}, {1, 0, 0, 1, 2, 1});
  std::vector<Tensor> out;
  Status s = runKernel(ref::evalTransposedMatMul, {&a, &b}, AttrMap(), out);
  ASSERT_FALSE(s.isOk());
  EXPECT_NE(s.message().find("expected A and B of rank >= 2"),
            std::string::npos)
      << s.message();
}
