//===- MiscLossTest.cpp - NegativeLogLikelihoodLoss, SCE loss tests -------===//
//
// Expected values are worked out by hand or with numpy (log_softmax) from
// the ONNX definitions: reductions, weights, ignore_index (negative and out
// of range), trailing dimensions, the log_prob result and shape errors.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <limits>

using namespace kiln;
using namespace kiln::test;

namespace {

/// Scores [[0.1, 0.2, 0.7], [1, -1, 0.5]] (N = 2, C = 3).
Tensor scores2x3() {
  return Tensor::fromVector<float>({2, 3},
                                   {0.1f, 0.2f, 0.7f, 1.0f, -1.0f, 0.5f});
}

AttrMap reductionAttrs(const char *reduction) {
  AttrMap attrs;
  attrs.set("reduction", std::string(reduction));
  return attrs;
}

} // namespace

TEST(NegativeLogLikelihoodLoss, NoneSumAndDefaultMean) {
  Tensor x = scores2x3();
  Tensor t = Tensor::fromVector<int64_t>({2}, {2, 0});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &t, nullptr},
                        reductionAttrs("none"), out)
                  .isOk());
  expectTensorNear(out[0], {2}, {-0.7, -1.0});
  ASSERT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &t, nullptr},
                        reductionAttrs("sum"), out)
                  .isOk());
  expectTensorNear(out[0], {}, {-1.7});
  // The default reduction is mean.
  ASSERT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &t, nullptr},
                        AttrMap(), out)
                  .isOk());
  expectTensorNear(out[0], {}, {-0.85});
  EXPECT_EQ(out[0].dtype(), DType::F32);
}

TEST(NegativeLogLikelihoodLoss, WeightedMeanDividesByWeightSum) {
  Tensor x = scores2x3();
  Tensor t = Tensor::fromVector<int32_t>({2}, {2, 0});
  Tensor w = Tensor::fromVector<float>({3}, {0.5f, 2.0f, 3.0f});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &t, &w},
                        AttrMap(), out)
                  .isOk());
  // (-0.7 * 3 - 1.0 * 0.5) / (3 + 0.5)
  expectTensorNear(out[0], {}, {-2.6 / 3.5});
  ASSERT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &t, &w},
                        reductionAttrs("none"), out)
                  .isOk());
  expectTensorNear(out[0], {2}, {-2.1, -0.5});
}

TEST(NegativeLogLikelihoodLoss, IgnoreIndexNegativeAndOutOfRange) {
  Tensor x = scores2x3();
  Tensor w = Tensor::fromVector<float>({3}, {0.5f, 2.0f, 3.0f});
  std::vector<Tensor> out;
  // A negative ignore_index may appear among the targets.
  Tensor t = Tensor::fromVector<int64_t>({2}, {-1, 1});
  AttrMap attrs;
  attrs.set("ignore_index", int64_t(-1));
  ASSERT_TRUE(
      runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &t, &w}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {}, {1.0 * 2 / 2});
  attrs.set("reduction", std::string("none"));
  ASSERT_TRUE(
      runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &t, &w}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {2}, {0.0, 2.0});
  // Everything ignored: mean is 0 / 0.
  Tensor all = Tensor::fromVector<int64_t>({2}, {-1, -1});
  attrs.set("reduction", std::string("mean"));
  ASSERT_TRUE(
      runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &all, &w}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {}, {std::numeric_limits<double>::quiet_NaN()});
  // Without ignore_index, -1 is an out-of-range target.
  EXPECT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &t, &w},
                        AttrMap(), out)
                  .isError());
}

TEST(NegativeLogLikelihoodLoss, TrailingDimensions) {
  // input [N=1, C=2, d1=3], target [1, 3].
  Tensor x = Tensor::fromVector<double>({1, 2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor t = Tensor::fromVector<int64_t>({1, 3}, {1, 0, 1});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &t, nullptr},
                        reductionAttrs("none"), out)
                  .isOk());
  EXPECT_EQ(out[0].dtype(), DType::F64);
  expectTensorNear(out[0], {1, 3}, {-4, -2, -6});
}

TEST(NegativeLogLikelihoodLoss, ShapeErrors) {
  Tensor x = scores2x3();
  std::vector<Tensor> out;
  Tensor badTarget = Tensor::fromVector<int64_t>({3}, {0, 1, 2});
  EXPECT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss,
                        {&x, &badTarget, nullptr}, AttrMap(), out)
                  .isError());
  Tensor t = Tensor::fromVector<int64_t>({2}, {0, 1});
  Tensor badWeight = Tensor::fromVector<float>({2}, {1, 1});
  EXPECT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss,
                        {&x, &t, &badWeight}, AttrMap(), out)
                  .isError());
  Tensor floatTarget = Tensor::fromVector<float>({2}, {0, 1});
  EXPECT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss,
                        {&x, &floatTarget, nullptr}, AttrMap(), out)
                  .isError());
  Tensor rank1 = Tensor::fromVector<float>({3}, {1, 2, 3});
  Tensor t0 = Tensor::scalar<int64_t>(0);
  EXPECT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss,
                        {&rank1, &t0, nullptr}, AttrMap(), out)
                  .isError());
  EXPECT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &t, nullptr},
                        reductionAttrs("max"), out)
                  .isError());
  Tensor big = Tensor::fromVector<int64_t>({2}, {0, 3});
  EXPECT_TRUE(runKernel(ref::evalNegativeLogLikelihoodLoss, {&x, &big, nullptr},
                        AttrMap(), out)
                  .isError());
}

TEST(SoftmaxCrossEntropyLoss, NoneSumMeanAndLogProb) {
  Tensor x = scores2x3();
  Tensor t = Tensor::fromVector<int64_t>({2}, {2, 0});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalSoftmaxCrossEntropyLoss, {&x, &t, nullptr},
                        reductionAttrs("none"), out, 2)
                  .isOk());
  expectTensorNear(out[0], {2}, {0.7679495489, 0.5549569196});
  expectTensorNear(out[1], {2, 3},
                   {-1.3679495489, -1.2679495489, -0.7679495489, -0.5549569196,
                    -2.5549569196, -1.0549569196});
  ASSERT_TRUE(runKernel(ref::evalSoftmaxCrossEntropyLoss, {&x, &t, nullptr},
                        reductionAttrs("sum"), out)
                  .isOk());
  expectTensorNear(out[0], {}, {1.3229064685});
  ASSERT_TRUE(runKernel(ref::evalSoftmaxCrossEntropyLoss, {&x, &t, nullptr},
                        AttrMap(), out)
                  .isOk());
  expectTensorNear(out[0], {}, {1.3229064685 / 2});
}

TEST(SoftmaxCrossEntropyLoss, WeightsIgnoreAndStability) {
  // Shifting the scores by a large constant changes nothing.
  Tensor x = Tensor::fromVector<float>(
      {2, 3}, {1000.1f, 1000.2f, 1000.7f, 1001.0f, 999.0f, 1000.5f});
  Tensor t = Tensor::fromVector<int64_t>({2}, {2, 0});
  Tensor w = Tensor::fromVector<float>({3}, {0.5f, 2.0f, 3.0f});
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalSoftmaxCrossEntropyLoss, {&x, &t, &w}, AttrMap(), out)
          .isOk());
  expectTensorNear(out[0], {}, {(0.7679495489 * 3 + 0.5549569196 * 0.5) / 3.5},
                   1e-4);
  AttrMap attrs;
  attrs.set("ignore_index", int64_t(0));
  ASSERT_TRUE(
      runKernel(ref::evalSoftmaxCrossEntropyLoss, {&x, &t, &w}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {}, {0.7679495489}, 1e-4);
}

TEST(SoftmaxCrossEntropyLoss, SoftmaxAlongAxisOne) {
  // [N=1, C=2, d1=3]: the softmax runs over C for each d.
  Tensor x = Tensor::fromVector<float>({1, 2, 3}, {0, 0.5f, 1, 1.5f, 2, 2.5f});
  Tensor t = Tensor::fromVector<int64_t>({1, 3}, {1, 0, 1});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalSoftmaxCrossEntropyLoss, {&x, &t, nullptr},
                        reductionAttrs("none"), out)
                  .isOk());
  expectTensorNear(out[0], {1, 3}, {0.2014132780, 1.7014132780, 0.2014132780});
}

TEST(SoftmaxCrossEntropyLoss, Errors) {
  Tensor x = scores2x3();
  Tensor t = Tensor::fromVector<int64_t>({2, 1}, {0, 1});
  std::vector<Tensor> out;
  EXPECT_TRUE(runKernel(ref::evalSoftmaxCrossEntropyLoss, {&x, &t, nullptr},
                        AttrMap(), out)
                  .isError());
  Tensor ints = Tensor::fromVector<int32_t>({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor t2 = Tensor::fromVector<int64_t>({2}, {0, 1});
  EXPECT_TRUE(runKernel(ref::evalSoftmaxCrossEntropyLoss, {&ints, &t2, nullptr},
                        AttrMap(), out)
                  .isError());
}
