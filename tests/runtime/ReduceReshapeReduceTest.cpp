//===- ReduceReshapeReduceTest.cpp - Reduce*, ArgMax, CumSum, TopK --------===//
//
// Hand-computed cases for the reduction kernels: axes handling (default,
// negative, empty with noop_with_empty_axes), keepdims, empty sets, NaN,
// integer and f16 inputs, odd sizes, and error cases.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <limits>

using namespace kiln;
using namespace kiln::test;

namespace {

const double kInf = std::numeric_limits<double>::infinity();
const double kNan = std::numeric_limits<double>::quiet_NaN();

Tensor floats(Shape s, std::vector<float> v) {
  return Tensor::fromVector<float>(std::move(s), v);
}

/// Like expectTensorNear but also accepts equal infinities, which
/// expectTensorNear's tolerance check rejects.
void expectWithInf(const Tensor &t, const Shape &shape,
                   const std::vector<double> &expected) {
  ASSERT_EQ(t.shape(), shape);
  ASSERT_EQ(t.numElements(), static_cast<int64_t>(expected.size()));
  for (int64_t i = 0; i < t.numElements(); ++i)
    EXPECT_EQ(t.getAsDouble(i), expected[i]) << "element " << i;
}

const Tensor kX23 = Tensor::fromVector<float>({2, 3}, {1, -2, 3, 4, 5, -6});

TEST(ReduceSum, AxisKeepdimsAndNegativeAxis) {
  Tensor axes = ints({1});
  expectTensorNear(run(ref::evalReduceSum, {&kX23, &axes}), {2, 1}, {2, 3});
  Tensor neg = ints({-2});
  expectTensorNear(run(ref::evalReduceSum, {&kX23, &neg},
                       makeAttrs({{"keepdims", int64_t(0)}})),
                   {3}, {5, 3, -3});
}

TEST(ReduceSum, AbsentOrEmptyAxesReduceAll) {
  expectTensorNear(run(ref::evalReduceSum, {&kX23, nullptr}), {1, 1}, {5});
  Tensor empty(DType::I64, {0});
  expectTensorNear(run(ref::evalReduceSum, {&kX23, &empty},
                       makeAttrs({{"keepdims", int64_t(0)}})),
                   {}, {5});
}

TEST(ReduceSum, NoopWithEmptyAxesKeepsTheInput) {
  Tensor empty(DType::I64, {0});
  AttrMap noop = makeAttrs({{"noop_with_empty_axes", int64_t(1)}});
  expectTensorNear(run(ref::evalReduceSum, {&kX23, &empty}, noop), {2, 3},
                   {1, -2, 3, 4, 5, -6});
  // Each element is reduced on its own, as in ONNX's reference.
  expectTensorNear(run(ref::evalReduceSumSquare, {&kX23, nullptr}, noop),
                   {2, 3}, {1, 4, 9, 16, 25, 36});
  expectTensorNear(run(ref::evalReduceL1, {&kX23, nullptr}, noop), {2, 3},
                   {1, 2, 3, 4, 5, 6});
}

TEST(ReduceSum, OddShapesAndMultipleAxes) {
  for (int64_t n : {1, 7, 17, 63}) {
    Tensor x = iota({3, n, 2});
    Tensor axes = ints({2, 0}); // unsorted on purpose
    std::vector<double> want(n);
    for (int64_t j = 0; j < n; ++j)
      for (int64_t i = 0; i < 3; ++i)
        want[j] += (i * n + j) * 2 * 2 + 1; // x[i][j][0] + x[i][j][1]
    expectTensorNear(run(ref::evalReduceSum, {&x, &axes},
                         makeAttrs({{"keepdims", int64_t(0)}})),
                     {n}, want);
  }
}

TEST(ReduceSum, IntegerAndHalf) {
  Tensor x = Tensor::fromVector<int64_t>(
      {2, 2}, {int64_t(1) << 60, int64_t(1) << 60, 3, -4});
  Tensor axes = ints({1});
  Tensor y = run(ref::evalReduceSum, {&x, &axes});
  ASSERT_EQ(y.dtype(), DType::I64);
  EXPECT_EQ(y.data<int64_t>()[0], int64_t(1) << 61); // exact, not via double
  EXPECT_EQ(y.data<int64_t>()[1], -1);
  Tensor h =
      Tensor::fromVector<Half>({3}, {Half(0.5f), Half(1.25f), Half(2.0f)});
  Tensor hy = run(ref::evalReduceSum, {&h, nullptr});
  ASSERT_EQ(hy.dtype(), DType::F16);
  expectTensorNear(hy, {1}, {3.75});
}

TEST(ReduceMean, RowsOfOddLength) {
  for (int64_t n : {1, 7, 17, 63}) {
    Tensor x = iota({5, n});
    Tensor axes = ints({-1});
    std::vector<double> want;
    for (int64_t i = 0; i < 5; ++i)
      want.push_back(i * n + (n - 1) / 2.0);
    expectTensorNear(run(ref::evalReduceMean, {&x, &axes}), {5, 1}, want);
  }
}

TEST(ReduceMean, IntegersTruncate) {
  Tensor x = Tensor::fromVector<int32_t>({2, 2}, {1, 2, -1, -2});
  Tensor axes = ints({1});
  Tensor y = run(ref::evalReduceMean, {&x, &axes},
                 makeAttrs({{"keepdims", int64_t(0)}}));
  ASSERT_EQ(y.dtype(), DType::I32);
  EXPECT_EQ(y.data<int32_t>()[0], 1);  // 1.5
  EXPECT_EQ(y.data<int32_t>()[1], -1); // -1.5
}

TEST(ReduceMaxMin, ValuesNanAndEmptySets) {
  Tensor axes = ints({0});
  expectTensorNear(run(ref::evalReduceMax, {&kX23, &axes}), {1, 3}, {4, 5, 3});
  expectTensorNear(run(ref::evalReduceMin, {&kX23, &axes}), {1, 3},
                   {1, -2, -6});
  Tensor withNan = floats({3}, {1, NAN, 2});
  expectTensorNear(run(ref::evalReduceMax, {&withNan, nullptr}), {1}, {kNan});
  expectTensorNear(run(ref::evalReduceMin, {&withNan, nullptr}), {1}, {kNan});
  Tensor empty(DType::F32, {2, 0});
  Tensor axis1 = ints({1});
  expectWithInf(run(ref::evalReduceMax, {&empty, &axis1}), {2, 1},
                {-kInf, -kInf});
  expectWithInf(run(ref::evalReduceMin, {&empty, &axis1}), {2, 1},
                {kInf, kInf});
  expectTensorNear(run(ref::evalReduceSum, {&empty, &axis1}), {2, 1}, {0, 0});
  expectTensorNear(run(ref::evalReduceProd, {&empty, &axis1}), {2, 1}, {1, 1});
  expectWithInf(run(ref::evalReduceLogSumExp, {&empty, &axis1}), {2, 1},
                {-kInf, -kInf});
}

TEST(ReduceMaxMin, BoolAndInt8) {
  Tensor b = Tensor::fromVector<bool>({2, 2}, {false, true, false, false});
  Tensor axes = ints({1});
  Tensor mx = run(ref::evalReduceMax, {&b, &axes});
  ASSERT_EQ(mx.dtype(), DType::Bool);
  expectTensorNear(mx, {2, 1}, {1, 0});
  Tensor i8 = Tensor::fromVector<int8_t>({3}, {-128, 5, 127});
  expectTensorNear(run(ref::evalReduceMin, {&i8, nullptr}), {1}, {-128});
}

TEST(ReduceOthers, HandComputedValues) {
  Tensor axis1 = ints({1});
  Tensor axis0 = ints({0});
  AttrMap drop = makeAttrs({{"keepdims", int64_t(0)}});
  expectTensorNear(run(ref::evalReduceProd, {&kX23, &axis1}, drop), {2},
                   {-6, -120});
  expectTensorNear(run(ref::evalReduceL1, {&kX23, &axis1}, drop), {2}, {6, 15});
  expectTensorNear(run(ref::evalReduceL2, {&kX23, &axis1}, drop), {2},
                   {3.7416575, 8.774964});
  expectTensorNear(run(ref::evalReduceSumSquare, {&kX23, &axis1}, drop), {2},
                   {14, 77});
  expectTensorNear(run(ref::evalReduceLogSum, {&kX23, &axis1}, drop), {2},
                   {std::log(2.0), std::log(3.0)});
  expectTensorNear(run(ref::evalReduceLogSumExp, {&kX23, &axis0}, drop), {3},
                   {4.0485873, 5.000911, 3.0001235});
}

TEST(ReduceLogSumExp, LargeValuesDoNotOverflow) {
  Tensor x = floats({2}, {1000, 1000});
  expectTensorNear(run(ref::evalReduceLogSumExp, {&x, nullptr}), {1},
                   {1000 + std::log(2.0)});
}

TEST(ReduceErrors, BadAxes) {
  Tensor dup = ints({1, -1});
  expectError(ref::evalReduceSum, {&kX23, &dup}, {}, "more than once");
  Tensor far = ints({2});
  expectError(ref::evalReduceMean, {&kX23, &far}, {}, "out of range");
  Tensor floatAxes = floats({1}, {0});
  expectError(ref::evalReduceMax, {&kX23, &floatAxes}, {}, "axes");
  Tensor b = Tensor::fromVector<bool>({1}, {true});
  expectError(ref::evalReduceSum, {&b, nullptr}, {}, "bool");
  Tensor scalar = Tensor::scalar<float>(2);
  Tensor zero = ints({0});
  expectError(ref::evalReduceSum, {&scalar, &zero}, {}, "out of range");
  expectTensorNear(run(ref::evalReduceSum, {&scalar, nullptr}), {}, {2});
}

TEST(ArgMax, AxesKeepdimsAndTies) {
  Tensor x = floats({2, 3}, {2, 7, 7, 5, 1, 5});
  Tensor y = run(ref::evalArgMax, {&x}, makeAttrs({{"axis", int64_t(1)}}));
  ASSERT_EQ(y.dtype(), DType::I64);
  expectTensorNear(y, {2, 1}, {1, 0});
  expectTensorNear(run(ref::evalArgMax, {&x},
                       makeAttrs({{"axis", int64_t(-1)},
                                  {"select_last_index", int64_t(1)},
                                  {"keepdims", int64_t(0)}})),
                   {2}, {2, 2});
  // Default axis 0.
  expectTensorNear(run(ref::evalArgMax, {&x}), {1, 3}, {1, 0, 0});
  expectTensorNear(run(ref::evalArgMin, {&x}), {1, 3}, {0, 1, 1});
  expectTensorNear(
      run(ref::evalArgMin, {&x},
          makeAttrs({{"axis", int64_t(1)}, {"select_last_index", int64_t(1)}})),
      {2, 1}, {0, 1});
}

TEST(ArgMax, NanWinsAndOddLengths) {
  Tensor x = floats({4}, {1, NAN, 3, NAN});
  expectTensorNear(run(ref::evalArgMax, {&x}), {1}, {1});
  expectTensorNear(run(ref::evalArgMin, {&x}), {1}, {1});
  expectTensorNear(run(ref::evalArgMax, {&x},
                       makeAttrs({{"select_last_index", int64_t(1)}})),
                   {1}, {3});
  for (int64_t n : {1, 7, 17, 63}) {
    Tensor v = iota({n});
    v.data<float>()[n / 2] = 1000;
    expectTensorNear(run(ref::evalArgMax, {&v}), {1}, {double(n / 2)});
  }
}

TEST(ArgMax, Errors) {
  Tensor x = floats({2, 3}, {1, 2, 3, 4, 5, 6});
  expectError(ref::evalArgMax, {&x}, makeAttrs({{"axis", int64_t(2)}}),
              "out of range");
  Tensor empty(DType::F32, {2, 0});
  expectError(ref::evalArgMin, {&empty}, makeAttrs({{"axis", int64_t(1)}}),
              "empty");
}

TEST(CumSum, ExclusiveAndReverse) {
  Tensor x = floats({5}, {1, 2, 3, 4, 5});
  Tensor axis = Tensor::scalar<int32_t>(0);
  expectTensorNear(run(ref::evalCumSum, {&x, &axis}), {5}, {1, 3, 6, 10, 15});
  expectTensorNear(
      run(ref::evalCumSum, {&x, &axis}, makeAttrs({{"exclusive", int64_t(1)}})),
      {5}, {0, 1, 3, 6, 10});
  expectTensorNear(
      run(ref::evalCumSum, {&x, &axis}, makeAttrs({{"reverse", int64_t(1)}})),
      {5}, {15, 14, 12, 9, 5});
  expectTensorNear(
      run(ref::evalCumSum, {&x, &axis},
          makeAttrs({{"reverse", int64_t(1)}, {"exclusive", int64_t(1)}})),
      {5}, {14, 12, 9, 5, 0});
}

TEST(CumSum, AxesOfMatrixAndIntegers) {
  Tensor x = Tensor::fromVector<int64_t>({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor axis0 = ints({0});
  Tensor y = run(ref::evalCumSum, {&x, &axis0});
  ASSERT_EQ(y.dtype(), DType::I64);
  expectTensorNear(y, {2, 3}, {1, 2, 3, 5, 7, 9});
  Tensor axisNeg = ints({-1});
  expectTensorNear(run(ref::evalCumSum, {&x, &axisNeg}), {2, 3},
                   {1, 3, 6, 4, 9, 15});
  Tensor two = ints({0, 1});
  expectError(ref::evalCumSum, {&x, &two}, {}, "one value");
  Tensor far = ints({2});
  expectError(ref::evalCumSum, {&x, &far}, {}, "out of range");
}

TEST(TopK, LargestWithTiesKeepsLowerIndex) {
  Tensor x = floats({2, 4}, {3, 1, 3, 2, 0, 5, 5, 5});
  Tensor k = ints({2});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalTopK, {&x, &k}, {}, out, 2).isOk());
  expectTensorNear(out[0], {2, 2}, {3, 3, 5, 5});
  ASSERT_EQ(out[1].dtype(), DType::I64);
  expectTensorNear(out[1], {2, 2}, {0, 2, 1, 2});
}

TEST(TopK, SmallestAlongAxis0) {
  Tensor x = floats({3, 2}, {4, 1, 2, 1, 9, 0});
  Tensor k = ints({2});
  std::vector<Tensor> out;
  AttrMap a = makeAttrs({{"axis", int64_t(0)}, {"largest", int64_t(0)}});
  ASSERT_TRUE(runKernel(ref::evalTopK, {&x, &k}, a, out, 2).isOk());
  expectTensorNear(out[0], {2, 2}, {2, 0, 4, 1});
  expectTensorNear(out[1], {2, 2}, {1, 2, 0, 0});
}

TEST(TopK, OddLengthsAndKZero) {
  for (int64_t n : {1, 7, 17, 63}) {
    Tensor x = iota({n});
    Tensor k = ints({std::min<int64_t>(n, 3)});
    std::vector<Tensor> out;
    ASSERT_TRUE(runKernel(ref::evalTopK, {&x, &k}, {}, out, 2).isOk());
    std::vector<double> want;
    for (int64_t j = 0; j < std::min<int64_t>(n, 3); ++j)
      want.push_back(double(n - 1 - j));
    expectTensorNear(out[0], {int64_t(want.size())}, want);
    expectTensorNear(out[1], {int64_t(want.size())}, want);
  }
  Tensor x = iota({2, 3});
  Tensor zero = ints({0});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalTopK, {&x, &zero}, {}, out, 2).isOk());
  EXPECT_EQ(out[0].shape(), (Shape{2, 0}));
}

TEST(TopK, Errors) {
  Tensor x = iota({2, 3});
  Tensor big = ints({4});
  expectError(ref::evalTopK, {&x, &big}, {}, "expected K in [0, 3]", 2);
  Tensor neg = ints({-1});
  expectError(ref::evalTopK, {&x, &neg}, {}, "expected K", 2);
  Tensor k = ints({1});
  expectError(ref::evalTopK, {&x, &k}, makeAttrs({{"axis", int64_t(-3)}}),
              "out of range", 2);
}

} // namespace
