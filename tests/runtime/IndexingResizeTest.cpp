//===- IndexingResizeTest.cpp - Resize kernel -----------------------------===//
//
// Expected values are the ONNX backend test data (test_resize_*) or were
// computed with a numpy port of onnx/reference/ops/op_resize.py; the small
// nearest and linear cases can also be checked by hand.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <numeric>

using namespace kiln;
using namespace kiln::test;

namespace {

/// 1x1x4x4 holding 1..16, the input of most ONNX Resize tests.
Tensor grid4() {
  std::vector<float> v(16);
  std::iota(v.begin(), v.end(), 1.0f);
  return Tensor::fromVector<float>({1, 1, 4, 4}, v);
}

/// Runs Resize on X with either scales (f32) or sizes (i64) and an optional
/// roi, expecting success.
Tensor resize(const Tensor &x, const AttrMap &attrs,
              const std::vector<float> &scales,
              const std::vector<int64_t> &sizes = {},
              const std::vector<float> &roi = {}) {
  Tensor s = Tensor::fromVector<float>({int64_t(scales.size())}, scales);
  Tensor z = Tensor::fromVector<int64_t>({int64_t(sizes.size())}, sizes);
  Tensor r = Tensor::fromVector<float>({int64_t(roi.size())}, roi);
  std::vector<Tensor> out;
  Status st =
      runKernel(ref::evalResize,
                {&x, roi.empty() ? nullptr : &r, scales.empty() ? nullptr : &s,
                 sizes.empty() ? nullptr : &z},
                attrs, out);
  EXPECT_TRUE(st.isOk()) << st.message();
  return st.isOk() ? out[0] : Tensor();
}

AttrMap modeAttrs(const char *mode, const char *coord = nullptr) {
  AttrMap a;
  a.set("mode", std::string(mode));
  if (coord)
    a.set("coordinate_transformation_mode", std::string(coord));
  return a;
}

} // namespace

TEST(IndexingResize, NearestUpsampleByScales) {
  Tensor x = Tensor::fromVector<float>({1, 1, 2, 2}, {1, 2, 3, 4});
  Tensor y = resize(x, AttrMap(), {1, 1, 2, 3});
  expectTensorNear(y, {1, 1, 4, 6}, {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2,
                                     3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4});
}

TEST(IndexingResize, NearestDownsampleBySizesAndScales) {
  Tensor x = Tensor::fromVector<float>({1, 1, 2, 4}, {1, 2, 3, 4, 5, 6, 7, 8});
  expectTensorNear(resize(x, AttrMap(), {1, 1, 0.6f, 0.6f}), {1, 1, 1, 2},
                   {1, 3});
  expectTensorNear(resize(x, AttrMap(), {}, {1, 1, 1, 3}), {1, 1, 1, 3},
                   {1, 2, 4});
}

TEST(IndexingResize, NearestModesAndAsymmetric) {
  AttrMap a = modeAttrs("nearest", "asymmetric");
  a.set("nearest_mode", std::string("round_prefer_ceil"));
  Tensor y = resize(grid4(), a, {}, {1, 1, 8, 8});
  // Row r reads input row round_prefer_ceil(r / 2), clamped to 3.
  std::vector<double> firstRow = {1, 2, 2, 3, 3, 4, 4, 4};
  ASSERT_EQ(y.shape(), (Shape{1, 1, 8, 8}));
  for (int j = 0; j < 8; ++j) {
    EXPECT_EQ(y.getAsDouble(j), firstRow[j]);
    EXPECT_EQ(y.getAsDouble(7 * 8 + j), firstRow[j] + 12);
  }
  AttrMap floorAc = modeAttrs("nearest", "align_corners");
  floorAc.set("nearest_mode", std::string("floor"));
  Tensor z = resize(grid4(), floorAc, {}, {1, 1, 8, 8});
  // x_ori = j * 3 / 7: floor gives 0 0 0 1 1 2 2 3.
  std::vector<double> row = {1, 1, 1, 2, 2, 3, 3, 4};
  for (int j = 0; j < 8; ++j)
    EXPECT_EQ(z.getAsDouble(j), row[j]);
}

TEST(IndexingResize, LinearHalfPixelUpsample) {
  Tensor x = Tensor::fromVector<float>({1, 1, 2, 2}, {1, 2, 3, 4});
  expectTensorNear(resize(x, modeAttrs("linear"), {1, 1, 2, 2}), {1, 1, 4, 4},
                   {1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25,
                    3.5, 3, 3.25, 3.75, 4});
}

TEST(IndexingResize, LinearAlignCornersAndPytorchHalfPixel) {
  // align_corners divides by the unrounded output width 0.6 * 4 - 1 = 1.4:
  // x_ori = 3 / 1.4 for output column 1.
  Tensor x = Tensor::fromVector<float>({1, 1, 2, 4}, {1, 2, 3, 4, 5, 6, 7, 8});
  expectTensorNear(
      resize(x, modeAttrs("linear", "align_corners"), {1, 1, 0.6f, 0.6f}),
      {1, 1, 1, 2}, {1, 3.1428571});
  // Output width 1 under pytorch_half_pixel samples x_ori = -0.5 (edge).
  expectTensorNear(resize(grid4(), modeAttrs("linear", "pytorch_half_pixel"),
                          {}, {1, 1, 1, 3}),
                   {1, 1, 1, 3}, {1.1666666, 2.5, 3.8333333});
  expectTensorNear(resize(grid4(), modeAttrs("linear", "pytorch_half_pixel"),
                          {}, {1, 1, 3, 1}),
                   {1, 1, 3, 1}, {1.6666666, 7, 12.333333});
}

TEST(IndexingResize, CubicDefaultAndExcludeOutside) {
  expectTensorNear(
      resize(grid4(), modeAttrs("cubic"), {1, 1, 0.8f, 0.8f}), {1, 1, 3, 3},
      {1.47119140625, 2.78125, 4.08251953125, 6.71142578125, 8.021484375,
       9.32275390625, 11.91650390625, 13.2265625, 14.52783203125});
  AttrMap a = modeAttrs("cubic");
  a.set("cubic_coeff_a", -0.5);
  a.set("exclude_outside", int64_t(1));
  expectTensorNear(resize(grid4(), a, {1, 1, 0.8f, 0.8f}), {1, 1, 3, 3},
                   {1.3681267, 2.6695013, 4.0133367, 6.5736251, 7.875,
                    9.2188349, 11.948966, 13.250341, 14.594176});
}

TEST(IndexingResize, CubicAlignCornersUpsample) {
  Tensor y = resize(grid4(), modeAttrs("cubic", "align_corners"), {1, 1, 2, 2});
  ASSERT_EQ(y.shape(), (Shape{1, 1, 8, 8}));
  std::vector<double> firstRows = {1.0,       1.3411078, 1.8002915, 2.3294461,
                                   2.6705539, 3.1997085, 3.6588922, 4.0,
                                   2.3644314, 2.7055395, 3.1647229, 3.6938775,
                                   4.0349855, 4.5641398, 5.0233235, 5.3644314};
  for (size_t i = 0; i < firstRows.size(); ++i)
    EXPECT_NEAR(y.getAsDouble(i), firstRows[i], 1e-5) << i;
}

TEST(IndexingResize, TfCropAndResizeExtrapolates) {
  AttrMap a = modeAttrs("linear", "tf_crop_and_resize");
  a.set("extrapolation_value", 10.0);
  expectTensorNear(resize(grid4(), a, {}, {1, 1, 3, 3},
                          {0, 0, 0.4f, 0.6f, 1, 1, 1.2f, 1.7f}),
                   {1, 1, 3, 3}, {7.6, 10, 10, 12.4, 10, 10, 10, 10, 10});
  // With axes: roi covers only H and W.
  AttrMap b = modeAttrs("linear", "tf_crop_and_resize");
  b.set("extrapolation_value", -1.0);
  b.set("axes", std::vector<int64_t>{2, 3});
  expectTensorNear(resize(grid4(), b, {}, {3, 5}, {0.1f, -0.2f, 0.9f, 1.3f}),
                   {1, 1, 3, 5},
                   {-1, 2.725, 3.85, 4.975, -1, -1, 7.525, 8.65, 9.775, -1, -1,
                    12.325, 13.45, 14.575, -1});
}

TEST(IndexingResize, AxesAndKeepAspectRatio) {
  AttrMap a = modeAttrs("linear");
  a.set("axes", std::vector<int64_t>{2, 3});
  expectTensorNear(resize(grid4(), a, {0.6f, 0.6f}), {1, 1, 2, 2},
                   {2.6666665, 4.333333, 9.333333, 10.999999});
  AttrMap n = modeAttrs("nearest");
  n.set("axes", std::vector<int64_t>{-1, -2});
  expectTensorNear(
      resize(grid4(), n, {}, {3, 7}), {1, 1, 7, 3},
      {1, 2, 4, 1, 2, 4, 5, 6, 8, 5, 6, 8, 9, 10, 12, 13, 14, 16, 13, 14, 16});
  // not_larger: scale min(7/4, 8/4) = 1.75 on both axes -> 7x7.
  AttrMap k = modeAttrs("nearest");
  k.set("axes", std::vector<int64_t>{2, 3});
  k.set("keep_aspect_ratio_policy", std::string("not_larger"));
  Tensor y = resize(grid4(), k, {}, {7, 8});
  ASSERT_EQ(y.shape(), (Shape{1, 1, 7, 7}));
  std::vector<double> row0 = {1, 1, 2, 2, 3, 4, 4};
  for (int j = 0; j < 7; ++j)
    EXPECT_EQ(y.getAsDouble(j), row0[j]);
  k.set("keep_aspect_ratio_policy", std::string("not_smaller"));
  EXPECT_EQ(resize(grid4(), k, {}, {7, 8}).shape(), (Shape{1, 1, 8, 8}));
}

TEST(IndexingResize, AntialiasAndHalfPixelSymmetric) {
  AttrMap a = modeAttrs("linear");
  a.set("antialias", int64_t(1));
  expectTensorNear(resize(grid4(), a, {1, 1, 0.6f, 0.6f}), {1, 1, 2, 2},
                   {2.875, 4.5, 9.375, 11.0});
  AttrMap c = modeAttrs("cubic");
  c.set("antialias", int64_t(1));
  expectTensorNear(resize(grid4(), c, {1, 1, 0.6f, 0.6f}), {1, 1, 2, 2},
                   {2.5180721, 4.2858863, 9.5893288, 11.357142});
  expectTensorNear(resize(grid4(), modeAttrs("linear", "half_pixel_symmetric"),
                          {1, 1, 0.6f, 0.6f}),
                   {1, 1, 2, 2}, {4.3333335, 6.0, 11.0, 12.666666});
}

TEST(IndexingResize, IntegerAndThreeDimensional) {
  // Nearest on i32, 3x4 -> 6x6 (half_pixel, round_prefer_floor).
  std::vector<int32_t> v(12);
  std::iota(v.begin(), v.end(), 0);
  Tensor x = Tensor::fromVector<int32_t>({3, 4}, v);
  Tensor y = resize(x, AttrMap(), {2, 1.5f});
  EXPECT_EQ(y.dtype(), DType::I32);
  expectTensorNear(y, {6, 6}, {0, 0, 1, 2,  2,  3,  0, 0, 1, 2,  2,  3,
                               4, 4, 5, 6,  6,  7,  4, 4, 5, 6,  6,  7,
                               8, 8, 9, 10, 10, 11, 8, 8, 9, 10, 10, 11});
  // Trilinear on a 2x2x2 cube.
  Tensor cube = Tensor::fromVector<float>({2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7});
  Tensor z = resize(cube, modeAttrs("linear", "align_corners"), {}, {3, 3, 3});
  ASSERT_EQ(z.shape(), (Shape{3, 3, 3}));
  // align_corners to size 3 samples 0, 0.5, 1 on every axis: value =
  // 4a + 2b + c, so the centre is 3.5 and the corners are the input.
  EXPECT_NEAR(z.getAsDouble(13), 3.5, 1e-6);
  EXPECT_NEAR(z.getAsDouble(0), 0, 1e-6);
  EXPECT_NEAR(z.getAsDouble(26), 7, 1e-6);
  EXPECT_NEAR(z.getAsDouble(1), 0.5, 1e-6);
  EXPECT_NEAR(z.getAsDouble(9 * 2 + 1), 4.5, 1e-6);
}

TEST(IndexingResize, EmptyOpset11PlaceholdersAreAbsent) {
  Tensor x = Tensor::fromVector<float>({1, 1, 2, 2}, {1, 2, 3, 4});
  Tensor emptyRoi = Tensor::fromVector<float>({0}, {});
  Tensor emptyScales = Tensor::fromVector<float>({0}, {});
  Tensor sizes = Tensor::fromVector<int64_t>({4}, {1, 1, 3, 3});
  AttrMap a = modeAttrs("nearest", "tf_half_pixel_for_nn");
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalResize, {&x, &emptyRoi, &emptyScales, &sizes}, a, out)
          .isOk());
  // x_ori = (i + 0.5) * 2 / 3 = 1/3, 1, 5/3 -> 0, 1, 2 (clamped to 1).
  expectTensorNear(out[0], {1, 1, 3, 3}, {1, 2, 2, 3, 4, 4, 3, 4, 4});
}

TEST(IndexingResize, BadInputsFail) {
  Tensor x = grid4();
  Tensor scales = Tensor::fromVector<float>({4}, {1, 1, 2, 2});
  Tensor badScales = Tensor::fromVector<float>({3}, {1, 2, 2});
  Tensor negScales = Tensor::fromVector<float>({4}, {1, 1, -2, 2});
  Tensor hugeScales = Tensor::fromVector<float>({4}, {1, 1, 1e9f, 1e9f});
  Tensor sizes = Tensor::fromVector<int64_t>({4}, {1, 1, 3, 3});
  AttrMap none;
  std::vector<Tensor> out;
  EXPECT_TRUE(
      runKernel(ref::evalResize, {&x, nullptr, nullptr, nullptr}, none, out)
          .isError());
  EXPECT_TRUE(
      runKernel(ref::evalResize, {&x, nullptr, &scales, &sizes}, none, out)
          .isError());
  EXPECT_TRUE(
      runKernel(ref::evalResize, {&x, nullptr, &badScales, nullptr}, none, out)
          .isError());
  EXPECT_TRUE(
      runKernel(ref::evalResize, {&x, nullptr, &negScales, nullptr}, none, out)
          .isError());
  EXPECT_TRUE(
      runKernel(ref::evalResize, {&x, nullptr, &hugeScales, nullptr}, none, out)
          .isError());
  AttrMap badMode = modeAttrs("bilinear");
  EXPECT_TRUE(
      runKernel(ref::evalResize, {&x, nullptr, &scales, nullptr}, badMode, out)
          .isError());
  AttrMap crop = modeAttrs("linear", "tf_crop_and_resize");
  EXPECT_TRUE(
      runKernel(ref::evalResize, {&x, nullptr, &scales, nullptr}, crop, out)
          .isError());
  AttrMap dupAxes;
  dupAxes.set("axes", std::vector<int64_t>{2, -2});
  Tensor two = Tensor::fromVector<float>({2}, {2, 2});
  EXPECT_TRUE(
      runKernel(ref::evalResize, {&x, nullptr, &two, nullptr}, dupAxes, out)
          .isError());
}
