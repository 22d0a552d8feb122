//===- MatMulNormNormTest.cpp - Normalization kernel tests ----------------===//
//
// BatchNormalization, LayerNormalization, RMSNormalization,
// InstanceNormalization, LRN and
// MeanVarianceNormalization against hand- and numpy-computed values.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

using namespace kiln;
using namespace kiln::test;

//===----------------------------------------------------------------------===//
// BatchNormalization
//===----------------------------------------------------------------------===//

TEST(BatchNormalization, PerChannelAffine) {
  // Channel 0: (x - 1) / 2 * 1 + 0; channel 1: (x - 2) / 1 * 2 + 1.
  Tensor x = Tensor::fromVector<float>({1, 2, 1, 2}, {3, 5, 2, 4});
  Tensor s = Tensor::fromVector<float>({2}, {1, 2});
  Tensor b = Tensor::fromVector<float>({2}, {0, 1});
  Tensor mean = Tensor::fromVector<float>({2}, {1, 2});
  Tensor var = Tensor::fromVector<float>({2}, {4, 1});
  AttrMap attrs;
  attrs.set("epsilon", 0.0);
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalBatchNormalization, {&x, &s, &b, &mean, &var},
                        attrs, out)
                  .isOk());
  expectTensorNear(out[0], {1, 2, 1, 2}, {1, 2, 1, 5});
}

TEST(BatchNormalization, RankTwoDefaultEpsilonAndMixedTypes) {
  Tensor x = Tensor::fromVector<float>({2, 1}, {1, -1});
  Tensor s = Tensor::fromVector<float>({1}, {1});
  Tensor b = Tensor::fromVector<float>({1}, {0});
  Tensor mean = Tensor::fromVector<double>({1}, {0});
  Tensor var = Tensor::fromVector<double>({1}, {1});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalBatchNormalization, {&x, &s, &b, &mean, &var},
                        attrs, out)
                  .isOk());
  double k = 1.0 / std::sqrt(1.0 + 1e-5);
  expectTensorNear(out[0], {2, 1}, {k, -k}, 1e-7, 1e-7);
}

TEST(BatchNormalization, Errors) {
  Tensor x(DType::F32, {1, 3, 2});
  Tensor c3(DType::F32, {3}), c2(DType::F32, {2}), x1(DType::F32, {3});
  Tensor xi(DType::I32, {1, 3, 2});
  AttrMap attrs;
  std::vector<Tensor> out;
  EXPECT_TRUE(runKernel(ref::evalBatchNormalization, {&x, &c3, &c3, &c2, &c3},
                        attrs, out)
                  .isError());
  EXPECT_TRUE(runKernel(ref::evalBatchNormalization, {&x1, &c3, &c3, &c3, &c3},
                        attrs, out)
                  .isError());
  EXPECT_TRUE(runKernel(ref::evalBatchNormalization, {&xi, &c3, &c3, &c3, &c3},
                        attrs, out)
                  .isError());
  EXPECT_TRUE(runKernel(ref::evalBatchNormalization,
                        {&x, &c3, &c3, &c3, nullptr}, attrs, out)
                  .isError());
  AttrMap training;
  training.set("training_mode", int64_t(1));
  EXPECT_TRUE(runKernel(ref::evalBatchNormalization, {&x, &c3, &c3, &c3, &c3},
                        training, out)
                  .isError());
  AttrMap spatial;
  spatial.set("spatial", int64_t(0));
  EXPECT_TRUE(runKernel(ref::evalBatchNormalization, {&x, &c3, &c3, &c3, &c3},
                        spatial, out)
                  .isError());
}

//===----------------------------------------------------------------------===//
// LayerNormalization
//===----------------------------------------------------------------------===//

TEST(LayerNormalization, DefaultAxisWithStatistics) {
  Tensor x = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 0, -1});
  Tensor w = Tensor::fromVector<float>({3}, {1, 2, 0.5});
  Tensor b = Tensor::fromVector<float>({3}, {0, 1, -1});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalLayerNormalization, {&x, &w, &b}, attrs, out, 3)
          .isOk());
  expectTensorNear(out[0], {2, 3},
                   {-1.224735686, 1.0, -0.387632157, 1.388728662, 0.074180892,
                    -1.462909554});
  expectTensorNear(out[1], {2, 1}, {2.0, 1.0});
  expectTensorNear(out[2], {2, 1}, {1.224735686, 0.462909554});
}

TEST(LayerNormalization, AxisZeroNoBiasBroadcastScale) {
  Tensor x = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 0, -1});
  Tensor w = Tensor::fromVector<float>({2, 3}, {1, 2, 0.5, 1, 1, 1});
  AttrMap attrs;
  attrs.set("axis", int64_t(-2));
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalLayerNormalization, {&x, &w, nullptr}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {2, 3},
                   {-0.29276952, 0.58553904, 0.43915428, 1.4638476, -0.87830856,
                    -1.4638476});
  // A scalar scale broadcasts too.
  Tensor two = Tensor::fromVector<float>({1}, {2});
  attrs.set("axis", int64_t(1));
  ASSERT_TRUE(
      runKernel(ref::evalLayerNormalization, {&x, &two, nullptr}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {2, 3},
                   {-2.449471372, 0.0, 2.449471372, 2.777457324, -0.925819108,
                    -1.851638216});
}

//===----------------------------------------------------------------------===//
// RMSNormalization
//===----------------------------------------------------------------------===//

TEST(RMSNormalization, LastAxisAndWholeTensor) {
  // Row 0: mean square 14/3; row 1: 17/3; eps 0; Scale per element.
  Tensor x = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 0, -1});
  Tensor w = Tensor::fromVector<float>({3}, {1, 2, 0.5});
  AttrMap attrs;
  attrs.set("epsilon", 0.0);
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalRMSNormalization, {&x, &w}, attrs, out).isOk());
  expectTensorNear(
      out[0], {2, 3},
      {0.462910050, 1.851640200, 0.694365075, 1.680336101, 0.0, -0.210042013});
  // Over both dims (mean square 31/6), eps 1, a scalar Scale of 2.
  Tensor two = Tensor::fromVector<float>({1}, {2});
  attrs.set("axis", int64_t(0));
  attrs.set("epsilon", 1.0);
  ASSERT_TRUE(
      runKernel(ref::evalRMSNormalization, {&x, &two}, attrs, out).isOk());
  expectTensorNear(
      out[0], {2, 3},
      {0.805387266, 1.610774533, 2.416161799, 3.221549065, 0.0, -0.805387266});
}

TEST(RMSNormalization, RejectsAScaleThatDoesNotBroadcast) {
  Tensor x = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 0, -1});
  Tensor w = Tensor::fromVector<float>({2}, {1, 2});
  std::vector<Tensor> out;
  Status s = runKernel(ref::evalRMSNormalization, {&x, &w}, AttrMap(), out);
  ASSERT_FALSE(s.isOk());
  EXPECT_NE(s.message().find("expected Scale to broadcast to the normalized "
                             "shape 3, found shape 2"),
            std::string::npos)
      << s.message();
}

class LayerNormSizes : public ::testing::TestWithParam<int64_t> {};

TEST_P(LayerNormSizes, AlternatingRowsNormalizeToPlusMinusOne) {
  // A row of alternating +a/-a (even length) has mean 0 and variance a^2.
  int64_t n = GetParam() + 1; // even: 2, 8, 18, 64
  Tensor x(DType::F32, {3, n});
  std::vector<double> want;
  for (int64_t r = 0; r < 3; ++r)
    for (int64_t j = 0; j < n; ++j) {
      x.data<float>()[r * n + j] = (j % 2 ? -1.0f : 1.0f) * float(r + 1);
      want.push_back(j % 2 ? -1.0 : 1.0);
    }
  Tensor w(DType::F32, {n});
  for (int64_t j = 0; j < n; ++j)
    w.data<float>()[j] = 1.0f;
  AttrMap attrs;
  attrs.set("epsilon", 0.0);
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalLayerNormalization, {&x, &w, nullptr}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {3, n}, want);
}

INSTANTIATE_TEST_SUITE_P(OddSizes, LayerNormSizes,
                         ::testing::Values(1, 7, 17, 63));

TEST(LayerNormalization, Errors) {
  Tensor x(DType::F32, {2, 3});
  Tensor w3(DType::F32, {3}), w2(DType::F32, {2});
  Tensor s = Tensor::scalar<float>(1.0f);
  AttrMap attrs;
  std::vector<Tensor> out;
  EXPECT_TRUE(
      runKernel(ref::evalLayerNormalization, {&x, &w2}, attrs, out).isError());
  EXPECT_TRUE(
      runKernel(ref::evalLayerNormalization, {&s, &s}, attrs, out).isError());
  EXPECT_TRUE(runKernel(ref::evalLayerNormalization, {&x, &w3, &w2}, attrs, out)
                  .isError());
  attrs.set("axis", int64_t(2));
  EXPECT_TRUE(
      runKernel(ref::evalLayerNormalization, {&x, &w3}, attrs, out).isError());
  attrs.set("axis", int64_t(-3));
  EXPECT_TRUE(
      runKernel(ref::evalLayerNormalization, {&x, &w3}, attrs, out).isError());
}

//===----------------------------------------------------------------------===//
// InstanceNormalization
//===----------------------------------------------------------------------===//

TEST(InstanceNormalization, PerInstanceAndChannel) {
  Tensor x = Tensor::fromVector<float>({1, 2, 1, 3}, {1, 2, 4, 0, 0, 3});
  Tensor s = Tensor::fromVector<float>({2}, {1, 2});
  Tensor b = Tensor::fromVector<float>({2}, {0, 1});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalInstanceNormalization, {&x, &s, &b}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {1, 2, 1, 3},
                   {-1.069041531, -0.267260383, 1.336301914, -0.414210027,
                    -0.414210027, 3.828420054});
}

TEST(InstanceNormalization, ConstantSliceGivesBiasAndErrors) {
  Tensor x = Tensor::fromVector<double>({2, 1, 2}, {5, 5, -1, -1});
  Tensor s = Tensor::fromVector<double>({1}, {3});
  Tensor b = Tensor::fromVector<double>({1}, {0.5});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalInstanceNormalization, {&x, &s, &b}, attrs, out)
          .isOk());
  EXPECT_EQ(out[0].dtype(), DType::F64);
  expectTensorNear(out[0], {2, 1, 2}, {0.5, 0.5, 0.5, 0.5});
  Tensor s2(DType::F64, {2});
  EXPECT_TRUE(
      runKernel(ref::evalInstanceNormalization, {&x, &s2, &b}, attrs, out)
          .isError());
  Tensor x1(DType::F64, {4});
  EXPECT_TRUE(
      runKernel(ref::evalInstanceNormalization, {&x1, &s, &b}, attrs, out)
          .isError());
}

//===----------------------------------------------------------------------===//
// LRN
//===----------------------------------------------------------------------===//

TEST(LRN, OddAndEvenWindows) {
  Tensor x(DType::F32, {1, 5, 2});
  for (int i = 0; i < 10; ++i)
    x.data<float>()[i] = float(i + 1);
  AttrMap attrs;
  attrs.set("alpha", 0.1);
  attrs.set("beta", 0.5);
  attrs.set("bias", 2.0);
  attrs.set("size", int64_t(3));
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalLRN, {&x}, attrs, out).isOk());
  expectTensorNear(out[0], {1, 5, 2},
                   {0.654653671, 1.224744871, 1.685854461, 2.034190511,
                    2.290143062, 2.477168472, 2.614805787, 2.717464882,
                    3.576237364, 3.659625274});
  // size 2 sums channels c and c + 1.
  attrs.set("size", int64_t(2));
  ASSERT_TRUE(runKernel(ref::evalLRN, {&x}, attrs, out).isOk());
  expectTensorNear(out[0], {1, 5, 2},
                   {0.632455532, 1.154700538, 1.559625735, 1.865009616,
                    2.094269541, 2.267786838, 2.400980192, 2.504897164,
                    3.659020327, 3.77964473});
}

TEST(LRN, DefaultsAndErrors) {
  Tensor x(DType::F32, {1, 5, 2});
  for (int i = 0; i < 10; ++i)
    x.data<float>()[i] = float(i + 1);
  AttrMap attrs;
  std::vector<Tensor> out;
  EXPECT_TRUE(runKernel(ref::evalLRN, {&x}, attrs, out).isError()); // no size
  attrs.set("size", int64_t(3));
  ASSERT_TRUE(runKernel(ref::evalLRN, {&x}, attrs, out).isOk());
  expectTensorNear(out[0], {1, 5, 2},
                   {0.999750073, 1.999000583, 2.997377677, 3.994409131,
                    4.989650053, 5.982658662, 6.97299705, 7.960231916,
                    8.970860467, 9.959195139});
  attrs.set("size", int64_t(0));
  EXPECT_TRUE(runKernel(ref::evalLRN, {&x}, attrs, out).isError());
  attrs.set("size", int64_t(3));
  Tensor v(DType::F32, {5});
  EXPECT_TRUE(runKernel(ref::evalLRN, {&v}, attrs, out).isError());
}

//===----------------------------------------------------------------------===//
// MeanVarianceNormalization
//===----------------------------------------------------------------------===//

TEST(MeanVarianceNormalization, DefaultAndCustomAxes) {
  Tensor x = Tensor::fromVector<float>({2, 2, 1, 2}, {1, 2, 3, 5, 0, 4, 8, 2});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalMeanVarianceNormalization, {&x}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 2, 1, 2},
                   {-0.507092552, 0.169030851, -0.65465367, 0.21821789,
                    -1.183215956, 1.521277657, 1.527525231, -1.091089451});
  attrs.set("axes", std::vector<int64_t>{-1});
  ASSERT_TRUE(
      runKernel(ref::evalMeanVarianceNormalization, {&x}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 2, 1, 2}, {-1, 1, -1, 1, -1, 1, 1, -1});
}

TEST(MeanVarianceNormalization, Errors) {
  Tensor x3(DType::F32, {2, 2, 2});
  AttrMap attrs;
  std::vector<Tensor> out;
  // The default axes [0, 2, 3] need rank 4.
  EXPECT_TRUE(runKernel(ref::evalMeanVarianceNormalization, {&x3}, attrs, out)
                  .isError());
  attrs.set("axes", std::vector<int64_t>{1, -2});
  EXPECT_TRUE(runKernel(ref::evalMeanVarianceNormalization, {&x3}, attrs, out)
                  .isError());
  Tensor xi(DType::I64, {2, 2, 2});
  attrs.set("axes", std::vector<int64_t>{1});
  EXPECT_TRUE(runKernel(ref::evalMeanVarianceNormalization, {&xi}, attrs, out)
                  .isError());
}
