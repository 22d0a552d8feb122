//===- MatMulNormSoftmaxTest.cpp - Softmax, LogSoftmax, Hardmax tests -----===//
//
// Opset-13 single-axis semantics, the pre-13 coerce_2d form, numerical
// stability on large inputs, ties, and axis errors.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

using namespace kiln;
using namespace kiln::test;

namespace {

/// Runs \p fn on \p x with an optional axis and coerce_2d flag.
Status runAxis(KernelFn fn, const Tensor &x, std::vector<Tensor> &out,
               std::optional<int64_t> axis = std::nullopt,
               bool coerce = false) {
  AttrMap attrs;
  if (axis)
    attrs.set("axis", *axis);
  if (coerce)
    attrs.set("coerce_2d", int64_t(1));
  return runKernel(fn, {&x}, attrs, out);
}

} // namespace

TEST(Softmax, DefaultAxisIsLast) {
  Tensor x = Tensor::fromVector<float>({1, 3}, {1, 2, 3});
  std::vector<Tensor> out;
  ASSERT_TRUE(runAxis(ref::evalSoftmax, x, out).isOk());
  expectTensorNear(out[0], {1, 3}, {0.090030573, 0.244728471, 0.665240956});
  Tensor big = Tensor::fromVector<float>({3}, {1000, 1001, 1002});
  ASSERT_TRUE(runAxis(ref::evalSoftmax, big, out).isOk());
  expectTensorNear(out[0], {3}, {0.090030573, 0.244728471, 0.665240956});
}

TEST(Softmax, AxisZeroAndNegative) {
  Tensor x = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 0, -1});
  std::vector<Tensor> out;
  ASSERT_TRUE(runAxis(ref::evalSoftmax, x, out, 0).isOk());
  expectTensorNear(out[0], {2, 3},
                   {0.047425873, 0.880797078, 0.98201379, 0.952574127,
                    0.119202922, 0.01798621});
  ASSERT_TRUE(runAxis(ref::evalSoftmax, x, out, -2).isOk());
  expectTensorNear(out[0], {2, 3},
                   {0.047425873, 0.880797078, 0.98201379, 0.952574127,
                    0.119202922, 0.01798621});
}

TEST(Softmax, MiddleAxisVersusCoerced) {
  Tensor x(DType::F32, {2, 2, 2});
  for (int i = 0; i < 8; ++i)
    x.data<float>()[i] = 0.5f * float(i);
  std::vector<Tensor> out;
  // Opset 13: along dim 1 only.
  ASSERT_TRUE(runAxis(ref::evalSoftmax, x, out, 1).isOk());
  expectTensorNear(out[0], {2, 2, 2},
                   {0.268941421, 0.268941421, 0.731058579, 0.731058579,
                    0.268941421, 0.268941421, 0.731058579, 0.731058579});
  // Before opset 13: over the flattened dims 1 and 2.
  ASSERT_TRUE(runAxis(ref::evalSoftmax, x, out, 1, true).isOk());
  expectTensorNear(out[0], {2, 2, 2},
                   {0.101536324, 0.167405097, 0.276004345, 0.455054234,
                    0.101536324, 0.167405097, 0.276004345, 0.455054234});
  ASSERT_TRUE(runAxis(ref::evalLogSoftmax, x, out, 1, true).isOk());
  expectTensorNear(out[0], {2, 2, 2},
                   {-2.287338672, -1.787338672, -1.287338672, -0.787338672,
                    -2.287338672, -1.787338672, -1.287338672, -0.787338672});
}

class SoftmaxSizes : public ::testing::TestWithParam<int64_t> {};

TEST_P(SoftmaxSizes, ConstantLanesAreUniform) {
  int64_t n = GetParam();
  Tensor x(DType::F32, {2, n});
  for (int64_t i = 0; i < 2 * n; ++i)
    x.data<float>()[i] = 3.0f;
  std::vector<Tensor> out;
  ASSERT_TRUE(runAxis(ref::evalSoftmax, x, out).isOk());
  expectTensorNear(out[0], {2, n}, std::vector<double>(2 * n, 1.0 / n));
  ASSERT_TRUE(runAxis(ref::evalLogSoftmax, x, out).isOk());
  expectTensorNear(out[0], {2, n},
                   std::vector<double>(2 * n, -std::log(double(n))));
  // Hardmax of a constant lane picks its first element.
  ASSERT_TRUE(runAxis(ref::evalHardmax, x, out).isOk());
  std::vector<double> want(2 * n, 0.0);
  want[0] = want[n] = 1.0;
  expectTensorNear(out[0], {2, n}, want);
}

INSTANTIATE_TEST_SUITE_P(OddSizes, SoftmaxSizes,
                         ::testing::Values(1, 7, 17, 63));

TEST(LogSoftmax, StableOnLargeInputs) {
  Tensor x = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 0, -1});
  std::vector<Tensor> out;
  ASSERT_TRUE(runAxis(ref::evalLogSoftmax, x, out, -1).isOk());
  expectTensorNear(out[0], {2, 3},
                   {-2.407605964, -1.407605964, -0.407605964, -0.02474489,
                    -4.02474489, -5.02474489});
  Tensor big = Tensor::fromVector<double>({3}, {1000, 1001, 1002});
  ASSERT_TRUE(runAxis(ref::evalLogSoftmax, big, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::F64);
  expectTensorNear(out[0], {3}, {-2.407605964, -1.407605964, -0.407605964});
}

TEST(Hardmax, FirstMaximumPerLane) {
  Tensor x = Tensor::fromVector<float>({2, 3}, {3, 1, 3, -1, 5, 2});
  std::vector<Tensor> out;
  ASSERT_TRUE(runAxis(ref::evalHardmax, x, out).isOk());
  expectTensorNear(out[0], {2, 3}, {1, 0, 0, 0, 1, 0});
  ASSERT_TRUE(runAxis(ref::evalHardmax, x, out, 0).isOk());
  expectTensorNear(out[0], {2, 3}, {1, 0, 1, 0, 1, 0});
  // Coerced at axis 0: one lane of all six values.
  ASSERT_TRUE(runAxis(ref::evalHardmax, x, out, 0, true).isOk());
  expectTensorNear(out[0], {2, 3}, {0, 0, 0, 0, 1, 0});
  Tensor h = Tensor::fromVector<Half>({2}, {Half(1.0f), Half(2.0f)});
  ASSERT_TRUE(runAxis(ref::evalHardmax, h, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::F16);
  expectTensorNear(out[0], {2}, {0, 1});
}

TEST(Softmax, Errors) {
  Tensor x(DType::F32, {2, 3});
  Tensor s = Tensor::scalar<float>(1.0f);
  Tensor xi(DType::I32, {2, 3});
  std::vector<Tensor> out;
  Status st = runAxis(ref::evalSoftmax, x, out, 2);
  ASSERT_TRUE(st.isError());
  EXPECT_NE(st.message().find("axis"), std::string::npos);
  EXPECT_TRUE(runAxis(ref::evalLogSoftmax, x, out, -3).isError());
  EXPECT_TRUE(runAxis(ref::evalHardmax, x, out, 5, true).isError());
  EXPECT_TRUE(runAxis(ref::evalSoftmax, s, out).isError());
  EXPECT_TRUE(runAxis(ref::evalSoftmax, xi, out).isError());
}
