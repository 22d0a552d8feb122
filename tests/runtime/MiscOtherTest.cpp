//===- MiscOtherTest.cpp - Compress, ReverseSequence, Det, windows... -----===//
//
// Compress, ReverseSequence, Det, the Hann / Hamming / Blackman windows,
// MaxUnpool and Unique against hand-worked and numpy values, with default,
// negative and invalid axes and malformed operands.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <numeric>

using namespace kiln;
using namespace kiln::test;

namespace {

AttrMap intAttr(const char *name, int64_t v) {
  AttrMap attrs;
  attrs.set(name, v);
  return attrs;
}

Tensor boolVector(std::vector<bool> values) {
  Tensor t(DType::Bool, {int64_t(values.size())});
  for (size_t i = 0; i < values.size(); ++i)
    t.data<bool>()[i] = values[i];
  return t;
}

} // namespace

TEST(Compress, AxesAndFlattened) {
  Tensor x = Tensor::fromVector<float>({3, 2}, {1, 2, 3, 4, 5, 6});
  std::vector<Tensor> out;
  Tensor c0 = boolVector({false, true, true});
  ASSERT_TRUE(
      runKernel(ref::evalCompress, {&x, &c0}, intAttr("axis", 0), out).isOk());
  expectTensorNear(out[0], {2, 2}, {3, 4, 5, 6});
  Tensor c1 = boolVector({false, true});
  ASSERT_TRUE(
      runKernel(ref::evalCompress, {&x, &c1}, intAttr("axis", -1), out).isOk());
  expectTensorNear(out[0], {3, 1}, {2, 4, 6});
  // No axis: flattened; a shorter condition leaves the rest out.
  Tensor c5 = boolVector({false, true, false, false, true});
  ASSERT_TRUE(runKernel(ref::evalCompress, {&x, &c5}, AttrMap(), out).isOk());
  expectTensorNear(out[0], {2}, {2, 5});
  // All false: an empty result.
  Tensor none = boolVector({false, false, false});
  ASSERT_TRUE(runKernel(ref::evalCompress, {&x, &none}, intAttr("axis", 0), out)
                  .isOk());
  EXPECT_EQ(out[0].shape(), (Shape{0, 2}));
}

TEST(Compress, Errors) {
  Tensor x = Tensor::fromVector<int64_t>({3, 2}, {1, 2, 3, 4, 5, 6});
  std::vector<Tensor> out;
  Tensor c = boolVector({true, true});
  EXPECT_TRUE(runKernel(ref::evalCompress, {&x, &c}, intAttr("axis", 2), out)
                  .isError());
  // A true entry past the axis size.
  Tensor longC = boolVector({false, false, true});
  EXPECT_TRUE(
      runKernel(ref::evalCompress, {&x, &longC}, intAttr("axis", 1), out)
          .isError());
  // A longer condition whose extra entries are false is fine.
  ASSERT_TRUE(
      runKernel(ref::evalCompress, {&x, &longC}, intAttr("axis", 0), out)
          .isOk());
  expectTensorNear(out[0], {1, 2}, {5, 6});
  Tensor notBool = Tensor::fromVector<int64_t>({2}, {1, 0});
  EXPECT_TRUE(
      runKernel(ref::evalCompress, {&x, &notBool}, intAttr("axis", 1), out)
          .isError());
}

TEST(ReverseSequence, BatchMajorAndTimeMajor) {
  Tensor x(DType::F32, {4, 4});
  for (int i = 0; i < 16; ++i)
    x.data<float>()[i] = float(i);
  Tensor lens = Tensor::fromVector<int64_t>({4}, {1, 2, 3, 4});
  std::vector<Tensor> out;
  AttrMap batch0;
  batch0.set("batch_axis", int64_t(0));
  batch0.set("time_axis", int64_t(1));
  ASSERT_TRUE(
      runKernel(ref::evalReverseSequence, {&x, &lens}, batch0, out).isOk());
  expectTensorNear(out[0], {4, 4},
                   {0, 1, 2, 3, 5, 4, 6, 7, 10, 9, 8, 11, 15, 14, 13, 12});
  // Defaults: time_axis 0, batch_axis 1.
  Tensor lens2 = Tensor::fromVector<int64_t>({4}, {4, 3, 2, 1});
  ASSERT_TRUE(
      runKernel(ref::evalReverseSequence, {&x, &lens2}, AttrMap(), out).isOk());
  expectTensorNear(out[0], {4, 4},
                   {12, 9, 6, 3, 8, 5, 2, 7, 4, 1, 10, 11, 0, 13, 14, 15});
}

TEST(ReverseSequence, TrailingDimsAndErrors) {
  // [time 3, batch 1, 2]: whole rows of 2 move.
  Tensor x = Tensor::fromVector<int32_t>({3, 1, 2}, {1, 2, 3, 4, 5, 6});
  Tensor lens = Tensor::fromVector<int64_t>({1}, {3});
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalReverseSequence, {&x, &lens}, AttrMap(), out).isOk());
  expectTensorNear(out[0], {3, 1, 2}, {5, 6, 3, 4, 1, 2});
  Tensor tooLong = Tensor::fromVector<int64_t>({1}, {4});
  EXPECT_TRUE(
      runKernel(ref::evalReverseSequence, {&x, &tooLong}, AttrMap(), out)
          .isError());
  Tensor wrongCount = Tensor::fromVector<int64_t>({2}, {1, 1});
  EXPECT_TRUE(
      runKernel(ref::evalReverseSequence, {&x, &wrongCount}, AttrMap(), out)
          .isError());
  AttrMap same;
  same.set("batch_axis", int64_t(0));
  EXPECT_TRUE(
      runKernel(ref::evalReverseSequence, {&x, &lens}, same, out).isError());
}

TEST(Det, BatchedAndPivoting) {
  Tensor x = Tensor::fromVector<float>({2, 2, 2}, {1, 2, 3, 4, 2, 0, 0, 3});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalDet, {&x}, AttrMap(), out).isOk());
  expectTensorNear(out[0], {2}, {-2, 6});
  // A zero leading entry needs a row swap.
  Tensor p = Tensor::fromVector<double>({3, 3}, {0, 1, 2, 1, 0, 3, 4, -3, 8});
  ASSERT_TRUE(runKernel(ref::evalDet, {&p}, AttrMap(), out).isOk());
  expectTensorNear(out[0], {}, {-2});
  Tensor singular = Tensor::fromVector<float>({2, 2}, {1, 2, 2, 4});
  ASSERT_TRUE(runKernel(ref::evalDet, {&singular}, AttrMap(), out).isOk());
  expectTensorNear(out[0], {}, {0});
  Tensor one = Tensor::fromVector<float>({1, 1}, {-7});
  ASSERT_TRUE(runKernel(ref::evalDet, {&one}, AttrMap(), out).isOk());
  expectTensorNear(out[0], {}, {-7});
  Tensor rect = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  EXPECT_TRUE(runKernel(ref::evalDet, {&rect}, AttrMap(), out).isError());
  Tensor ints = Tensor::fromVector<int32_t>({1, 1}, {1});
  EXPECT_TRUE(runKernel(ref::evalDet, {&ints}, AttrMap(), out).isError());
}

TEST(Windows, PeriodicSymmetricAndTypes) {
  Tensor n4 = Tensor::scalar<int32_t>(4);
  Tensor n5 = Tensor::scalar<int64_t>(5);
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalHannWindow, {&n4}, AttrMap(), out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::F32);
  expectTensorNear(out[0], {4}, {0, 0.5, 1, 0.5}, 1e-6);
  ASSERT_TRUE(runKernel(ref::evalHannWindow, {&n5}, intAttr("periodic", 0), out)
                  .isOk());
  expectTensorNear(out[0], {5}, {0, 0.5, 1, 0.5, 0}, 1e-6);
  ASSERT_TRUE(runKernel(ref::evalHammingWindow, {&n4}, AttrMap(), out).isOk());
  expectTensorNear(out[0], {4}, {0.0869565217, 0.5434782609, 1, 0.5434782609},
                   1e-6);
  ASSERT_TRUE(
      runKernel(ref::evalBlackmanWindow, {&n5}, intAttr("periodic", 0), out)
          .isOk());
  expectTensorNear(out[0], {5}, {0, 0.34, 1, 0.34, 0}, 1e-6);
  ASSERT_TRUE(
      runKernel(ref::evalHannWindow, {&n4}, intAttr("output_datatype", 11), out)
          .isOk());
  EXPECT_EQ(out[0].dtype(), DType::F64);
  Tensor one = Tensor::scalar<int64_t>(1);
  ASSERT_TRUE(
      runKernel(ref::evalHannWindow, {&one}, intAttr("periodic", 0), out)
          .isOk());
  expectTensorNear(out[0], {1}, {1});
}

TEST(Windows, Errors) {
  std::vector<Tensor> out;
  Tensor neg = Tensor::scalar<int64_t>(-1);
  EXPECT_TRUE(runKernel(ref::evalHannWindow, {&neg}, AttrMap(), out).isError());
  Tensor vec = Tensor::fromVector<int64_t>({2}, {1, 2});
  EXPECT_TRUE(runKernel(ref::evalHannWindow, {&vec}, AttrMap(), out).isError());
  Tensor huge = Tensor::scalar<int64_t>(int64_t(1) << 50);
  EXPECT_TRUE(
      runKernel(ref::evalBlackmanWindow, {&huge}, AttrMap(), out).isError());
  Tensor n = Tensor::scalar<int64_t>(3);
  EXPECT_TRUE(runKernel(ref::evalHammingWindow, {&n},
                        intAttr("output_datatype", 8), out)
                  .isError());
}

TEST(MaxUnpool, DefaultAndRequestedShape) {
  Tensor x = Tensor::fromVector<float>({1, 1, 2, 2}, {5, 6, 7, 8});
  Tensor idx = Tensor::fromVector<int64_t>({1, 1, 2, 2}, {5, 7, 13, 15});
  AttrMap attrs;
  attrs.set("kernel_shape", std::vector<int64_t>{2, 2});
  attrs.set("strides", std::vector<int64_t>{2, 2});
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalMaxUnpool, {&x, &idx, nullptr}, attrs, out).isOk());
  expectTensorNear(out[0], {1, 1, 4, 4},
                   {0, 0, 0, 0, 0, 5, 0, 6, 0, 0, 0, 0, 0, 7, 0, 8});
  // A larger output_shape pads with zeros; indices keep their 4x4 meaning.
  Tensor shape = Tensor::fromVector<int64_t>({4}, {1, 1, 5, 5});
  ASSERT_TRUE(
      runKernel(ref::evalMaxUnpool, {&x, &idx, &shape}, attrs, out).isOk());
  std::vector<double> want(25, 0);
  want[6] = 5;
  want[8] = 6;
  want[16] = 7;
  want[18] = 8;
  expectTensorNear(out[0], {1, 1, 5, 5}, want);
}

TEST(MaxUnpool, Errors) {
  Tensor x = Tensor::fromVector<float>({1, 1, 2, 2}, {5, 6, 7, 8});
  Tensor idx = Tensor::fromVector<int64_t>({1, 1, 2, 2}, {5, 7, 13, 16});
  AttrMap attrs;
  attrs.set("kernel_shape", std::vector<int64_t>{2, 2});
  attrs.set("strides", std::vector<int64_t>{2, 2});
  std::vector<Tensor> out;
  EXPECT_TRUE(
      runKernel(ref::evalMaxUnpool, {&x, &idx, nullptr}, attrs, out).isError());
  Tensor ok = Tensor::fromVector<int64_t>({1, 1, 2, 2}, {0, 1, 2, 3});
  Tensor small = Tensor::fromVector<int64_t>({4}, {1, 1, 3, 3});
  EXPECT_TRUE(
      runKernel(ref::evalMaxUnpool, {&x, &ok, &small}, attrs, out).isError());
  EXPECT_TRUE(runKernel(ref::evalMaxUnpool, {&x, &ok, nullptr}, AttrMap(), out)
                  .isError());
  Tensor i32 = Tensor::fromVector<int32_t>({1, 1, 2, 2}, {0, 1, 2, 3});
  EXPECT_TRUE(
      runKernel(ref::evalMaxUnpool, {&x, &i32, nullptr}, attrs, out).isError());
}

TEST(Unique, FlattenedSortedAndUnsorted) {
  Tensor x = Tensor::fromVector<int64_t>({6}, {2, 1, 1, 3, 4, 3});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalUnique, {&x}, AttrMap(), out, 4).isOk());
  expectTensorNear(out[0], {4}, {1, 2, 3, 4});
  expectTensorNear(out[1], {4}, {1, 0, 3, 4});
  expectTensorNear(out[2], {6}, {1, 0, 0, 2, 3, 2});
  expectTensorNear(out[3], {4}, {2, 1, 2, 1});
  ASSERT_TRUE(
      runKernel(ref::evalUnique, {&x}, intAttr("sorted", 0), out, 4).isOk());
  expectTensorNear(out[0], {4}, {2, 1, 3, 4});
  expectTensorNear(out[1], {4}, {0, 1, 3, 4});
  expectTensorNear(out[2], {6}, {0, 1, 1, 2, 3, 2});
  expectTensorNear(out[3], {4}, {1, 2, 2, 1});
  // Only Y requested.
  ASSERT_TRUE(runKernel(ref::evalUnique, {&x}, AttrMap(), out, 1).isOk());
  expectTensorNear(out[0], {4}, {1, 2, 3, 4});
}

TEST(Unique, AlongAxis) {
  // numpy.unique(a, axis=1) of a [2, 4, 2].
  Tensor a = Tensor::fromVector<float>(
      {2, 4, 2}, {1, 0, 1, 0, 2, 3, 1, 0, 1, 1, 1, 1, 5, 5, 1, 1});
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalUnique, {&a}, intAttr("axis", -2), out, 4).isOk());
  expectTensorNear(out[0], {2, 2, 2}, {1, 0, 2, 3, 1, 1, 5, 5});
  expectTensorNear(out[1], {2}, {0, 2});
  expectTensorNear(out[2], {4}, {0, 0, 1, 0});
  expectTensorNear(out[3], {2}, {3, 1});
  EXPECT_TRUE(
      runKernel(ref::evalUnique, {&a}, intAttr("axis", 3), out, 4).isError());
}
