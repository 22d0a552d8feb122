//===- SequenceDetectionTest.cpp - NMS, RoiAlign and GridSample kernels ---===//
//
// NonMaxSuppression cases are the worked examples of the ONNX operator
// docs; RoiAlign and GridSample sample linear ramps, where bilinear
// interpolation is exact, and small maps computed by hand.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <cmath>
#include <numeric>

using namespace kiln;
using namespace kiln::test;

namespace {

//===----------------------------------------------------------------------===//
// NonMaxSuppression
//===----------------------------------------------------------------------===//

struct NmsData {
  Tensor boxes = Tensor::fromVector<float>(
      {1, 6, 4}, {0, 0,  1, 1,  0, 0.1f,  1, 1.1f,  0, -0.1f, 1, 0.9f,
                  0, 10, 1, 11, 0, 10.1f, 1, 11.1f, 0, 100,   1, 101});
  Tensor scores = Tensor::fromVector<float>(
      {1, 1, 6}, {0.9f, 0.75f, 0.6f, 0.95f, 0.5f, 0.3f});
  Tensor maxOut = Tensor::fromVector<int64_t>({1}, {3});
  Tensor iou = Tensor::fromVector<float>({1}, {0.5f});
  Tensor score = Tensor::fromVector<float>({1}, {0.0f});
};

TEST(NonMaxSuppression, SuppressByIou) {
  NmsData d;
  Tensor y = run(ref::evalNonMaxSuppression,
                 {&d.boxes, &d.scores, &d.maxOut, &d.iou, &d.score}, AttrMap());
  EXPECT_EQ(y.dtype(), DType::I64);
  expectTensorNear(y, {3, 3}, {0, 0, 3, 0, 0, 0, 0, 0, 5});
}

TEST(NonMaxSuppression, ScoreThresholdAndLimit) {
  NmsData d;
  Tensor score = Tensor::scalar<float>(0.4f);
  Tensor y = run(ref::evalNonMaxSuppression,
                 {&d.boxes, &d.scores, &d.maxOut, &d.iou, &score}, AttrMap());
  expectTensorNear(y, {2, 3}, {0, 0, 3, 0, 0, 0});
  Tensor two = Tensor::scalar<int64_t>(2);
  y = run(ref::evalNonMaxSuppression,
          {&d.boxes, &d.scores, &two, &d.iou, &d.score}, AttrMap());
  expectTensorNear(y, {2, 3}, {0, 0, 3, 0, 0, 0});
}

TEST(NonMaxSuppression, DefaultsSelectNothing) {
  // max_output_boxes_per_class defaults to 0.
  NmsData d;
  Tensor y = run(ref::evalNonMaxSuppression, {&d.boxes, &d.scores}, AttrMap());
  EXPECT_EQ(y.shape(), (Shape{0, 3}));
}

TEST(NonMaxSuppression, DefaultIouSuppressesAnyOverlap) {
  // iou_threshold defaults to 0: boxes 1 and 2 overlap box 0; 4 overlaps 3.
  NmsData d;
  Tensor y = run(ref::evalNonMaxSuppression, {&d.boxes, &d.scores, &d.maxOut},
                 AttrMap());
  expectTensorNear(y, {3, 3}, {0, 0, 3, 0, 0, 0, 0, 0, 5});
}

TEST(NonMaxSuppression, CenterPointBoxesAndFlippedCorners) {
  NmsData d;
  Tensor centers = Tensor::fromVector<float>(
      {1, 6, 4}, {0.5f, 0.5f,  1, 1, 0.5f, 0.6f,  1, 1, 0.5f, 0.4f,   1, 1,
                  0.5f, 10.5f, 1, 1, 0.5f, 10.6f, 1, 1, 0.5f, 100.5f, 1, 1});
  Tensor y = run(ref::evalNonMaxSuppression,
                 {&centers, &d.scores, &d.maxOut, &d.iou, &d.score},
                 makeAttrs({{"center_point_box", int64_t(1)}}));
  expectTensorNear(y, {3, 3}, {0, 0, 3, 0, 0, 0, 0, 0, 5});
  Tensor flipped = Tensor::fromVector<float>(
      {1, 6, 4}, {1, 1,  0, 0,  0, 0.1f,  1, 1.1f,  0, 0.9f, 1, -0.1f,
                  0, 10, 1, 11, 1, 10.1f, 0, 11.1f, 1, 101,  0, 100});
  y = run(ref::evalNonMaxSuppression,
          {&flipped, &d.scores, &d.maxOut, &d.iou, &d.score}, AttrMap());
  expectTensorNear(y, {3, 3}, {0, 0, 3, 0, 0, 0, 0, 0, 5});
}

TEST(NonMaxSuppression, TwoBatchesTwoClasses) {
  NmsData d;
  Tensor boxes(DType::F32, {2, 6, 4}), scores(DType::F32, {2, 2, 6});
  for (int64_t b = 0; b < 2; ++b)
    for (int64_t i = 0; i < 24; ++i)
      boxes.data<float>()[b * 24 + i] = d.boxes.data<float>()[i];
  for (int64_t k = 0; k < 4; ++k)
    for (int64_t i = 0; i < 6; ++i)
      scores.data<float>()[k * 6 + i] = d.scores.data<float>()[i];
  Tensor two = Tensor::fromVector<int64_t>({1}, {2});
  Tensor y = run(ref::evalNonMaxSuppression,
                 {&boxes, &scores, &two, &d.iou, &d.score}, AttrMap());
  expectTensorNear(y, {8, 3}, {0, 0, 3, 0, 0, 0, 0, 1, 3, 0, 1, 0,
                               1, 0, 3, 1, 0, 0, 1, 1, 3, 1, 1, 0});
}

TEST(NonMaxSuppression, IdenticalBoxesKeepLowestIndex) {
  Tensor boxes(DType::F32, {1, 5, 4}), scores(DType::F32, {1, 1, 5});
  for (int64_t i = 0; i < 5; ++i) {
    float *b = boxes.data<float>() + i * 4;
    b[0] = 0, b[1] = 0, b[2] = 1, b[3] = 1;
    scores.data<float>()[i] = 0.9f;
  }
  Tensor maxOut = Tensor::scalar<int64_t>(5);
  Tensor iou = Tensor::scalar<float>(0.5f);
  Tensor y = run(ref::evalNonMaxSuppression, {&boxes, &scores, &maxOut, &iou},
                 AttrMap());
  expectTensorNear(y, {1, 3}, {0, 0, 0});
}

TEST(NonMaxSuppression, NanScoresSortLast) {
  NmsData d;
  Tensor scores = Tensor::fromVector<float>(
      {1, 1, 6}, {NAN, 0.75f, 0.6f, 0.95f, 0.5f, 0.3f});
  Tensor y = run(ref::evalNonMaxSuppression,
                 {&d.boxes, &scores, &d.maxOut, &d.iou}, AttrMap());
  // Box 3, then box 1 (suppressing 0 and 2), then box 5.
  expectTensorNear(y, {3, 3}, {0, 0, 3, 0, 0, 1, 0, 0, 5});
}

TEST(NonMaxSuppression, Errors) {
  NmsData d;
  Tensor badBoxes = iota({1, 6, 3});
  EXPECT_TRUE(contains(
      runError(ref::evalNonMaxSuppression, {&badBoxes, &d.scores}, AttrMap()),
      "expected boxes of shape"));
  Tensor badScores = iota({1, 1, 5});
  EXPECT_TRUE(contains(
      runError(ref::evalNonMaxSuppression, {&d.boxes, &badScores}, AttrMap()),
      "expected scores of shape 1x<classes>x6"));
  Tensor badIou = Tensor::scalar<float>(1.5f);
  EXPECT_TRUE(
      contains(runError(ref::evalNonMaxSuppression,
                        {&d.boxes, &d.scores, &d.maxOut, &badIou}, AttrMap()),
               "iou_threshold in [0, 1]"));
  EXPECT_TRUE(
      contains(runError(ref::evalNonMaxSuppression, {&d.boxes, &d.scores},
                        makeAttrs({{"center_point_box", int64_t(2)}})),
               "center_point_box"));
}

//===----------------------------------------------------------------------===//
// RoiAlign
//===----------------------------------------------------------------------===//

TEST(RoiAlign, LinearRampIsExact) {
  // X[y][x] = 4y + x: a bilinear sample at (y, x) is 4y + x.
  Tensor x = iota({1, 1, 4, 4});
  Tensor rois = Tensor::fromVector<float>({1, 4}, {0, 0, 3, 3});
  Tensor idx = Tensor::fromVector<int64_t>({1}, {0});
  // output_half_pixel: the 1x1 bin's samples average to the center (1.5).
  Tensor y = run(ref::evalRoiAlign, {&x, &rois, &idx},
                 makeAttrs({{"coordinate_transformation_mode",
                             std::string("output_half_pixel")},
                            {"sampling_ratio", int64_t(2)}}));
  expectTensorNear(y, {1, 1, 1, 1}, {4 * 1.5 + 1.5});
  // half_pixel (the default) shifts by -0.5: center 1.0.
  y = run(ref::evalRoiAlign, {&x, &rois, &idx}, AttrMap());
  expectTensorNear(y, {1, 1, 1, 1}, {5.0});
  // 2x2 bins of a 2x2 region: centers at 0.5 and 1.5.
  Tensor rois2 = Tensor::fromVector<float>({1, 4}, {0, 0, 2, 2});
  y = run(ref::evalRoiAlign, {&x, &rois2, &idx},
          makeAttrs({{"coordinate_transformation_mode",
                      std::string("output_half_pixel")},
                     {"output_height", int64_t(2)},
                     {"output_width", int64_t(2)}}));
  expectTensorNear(y, {1, 1, 2, 2}, {2.5, 3.5, 6.5, 7.5});
}

TEST(RoiAlign, SpatialScaleAndBatchIndex) {
  Tensor x(DType::F32, {2, 1, 4, 4});
  for (int64_t i = 0; i < 16; ++i) {
    x.data<float>()[i] = 0;
    x.data<float>()[16 + i] = float(i);
  }
  Tensor rois = Tensor::fromVector<float>({1, 4}, {0, 0, 6, 6});
  Tensor idx = Tensor::fromVector<int64_t>({1}, {1});
  Tensor y = run(ref::evalRoiAlign, {&x, &rois, &idx},
                 makeAttrs({{"coordinate_transformation_mode",
                             std::string("output_half_pixel")},
                            {"spatial_scale", 0.5}}));
  expectTensorNear(y, {1, 1, 1, 1}, {7.5});
}

TEST(RoiAlign, MaxTakesLargestWeightedCorner) {
  // One sample at (1.5, 1.5): corners 5, 6, 9, 10 each weighted 0.25.
  Tensor x = iota({1, 1, 4, 4});
  Tensor rois = Tensor::fromVector<float>({1, 4}, {0, 0, 3, 3});
  Tensor idx = Tensor::fromVector<int64_t>({1}, {0});
  Tensor y = run(ref::evalRoiAlign, {&x, &rois, &idx},
                 makeAttrs({{"coordinate_transformation_mode",
                             std::string("output_half_pixel")},
                            {"mode", std::string("max")},
                            {"sampling_ratio", int64_t(1)}}));
  expectTensorNear(y, {1, 1, 1, 1}, {2.5});
}

TEST(RoiAlign, FarOutsideReadsZero) {
  Tensor x = iota({1, 1, 4, 4});
  Tensor rois = Tensor::fromVector<float>({1, 4}, {50, 50, 60, 60});
  Tensor idx = Tensor::fromVector<int64_t>({1}, {0});
  Tensor y = run(ref::evalRoiAlign, {&x, &rois, &idx}, AttrMap());
  expectTensorNear(y, {1, 1, 1, 1}, {0.0});
}

TEST(RoiAlign, Errors) {
  Tensor x = iota({1, 1, 4, 4});
  Tensor rois = Tensor::fromVector<float>({1, 4}, {0, 0, 3, 3});
  Tensor idx = Tensor::fromVector<int64_t>({1}, {1});
  EXPECT_TRUE(
      contains(runError(ref::evalRoiAlign, {&x, &rois, &idx}, AttrMap()),
               "batch_indices values in [0, 1)"));
  Tensor idx0 = Tensor::fromVector<int64_t>({1}, {0});
  Tensor badRois = iota({1, 3});
  EXPECT_TRUE(
      contains(runError(ref::evalRoiAlign, {&x, &badRois, &idx0}, AttrMap()),
               "rois of shape"));
  EXPECT_TRUE(contains(runError(ref::evalRoiAlign, {&x, &rois, &idx0},
                                makeAttrs({{"mode", std::string("min")}})),
                       "'mode'"));
  EXPECT_TRUE(contains(runError(ref::evalRoiAlign, {&x, &rois, &idx0},
                                makeAttrs({{"output_height", int64_t(0)}})),
                       "output_height"));
  Tensor huge = Tensor::fromVector<float>({1, 4}, {0, 0, 1e30f, 1e30f});
  EXPECT_TRUE(contains(
      runError(ref::evalRoiAlign, {&x, &huge, &idx0}, AttrMap()), "samples"));
}

//===----------------------------------------------------------------------===//
// GridSample
//===----------------------------------------------------------------------===//

/// X = [[1, 2], [3, 4]] as 1x1x2x2.
Tensor square() {
  return Tensor::fromVector<float>({1, 1, 2, 2}, {1, 2, 3, 4});
}

/// A 1 x 1 x k x 2 grid of (x, y) points.
Tensor points(const std::vector<float> &xy) {
  return Tensor::fromVector<float>({1, 1, int64_t(xy.size() / 2), 2}, xy);
}

TEST(GridSample, BilinearPaddingModes) {
  Tensor x = square();
  // (0, 0) is the center; (-1, -1) is the outer corner of pixel (0, 0).
  Tensor g = points({0, 0, -1, -1});
  Tensor y = run(ref::evalGridSample, {&x, &g}, AttrMap());
  expectTensorNear(y, {1, 1, 1, 2}, {2.5, 0.25});
  y = run(ref::evalGridSample, {&x, &g},
          makeAttrs({{"padding_mode", std::string("border")}}));
  expectTensorNear(y, {1, 1, 1, 2}, {2.5, 1.0});
  y = run(ref::evalGridSample, {&x, &g},
          makeAttrs({{"padding_mode", std::string("reflection")}}));
  expectTensorNear(y, {1, 1, 1, 2}, {2.5, 1.0});
}

TEST(GridSample, AlignCornersAndOutside) {
  Tensor x = square();
  // With align_corners, -1 and 1 are the pixel centers.
  Tensor g = points({1, -1, 0, 1, 3, 0});
  Tensor y = run(ref::evalGridSample, {&x, &g},
                 makeAttrs({{"align_corners", int64_t(1)}}));
  // (3, 0) -> x = 2 (zeros beyond 1): taps x = 2, 3 are outside.
  expectTensorNear(y, {1, 1, 1, 3}, {2.0, 3.5, 0.0});
  y = run(ref::evalGridSample, {&x, &g},
          makeAttrs({{"align_corners", int64_t(1)},
                     {"padding_mode", std::string("border")}}));
  expectTensorNear(y, {1, 1, 1, 3}, {2.0, 3.5, 3.0});
  // Reflection in [0, 1]: x = 2 is one range past 1, so it lands on 0.
  y = run(ref::evalGridSample, {&x, &g},
          makeAttrs({{"align_corners", int64_t(1)},
                     {"padding_mode", std::string("reflection")}}));
  expectTensorNear(y, {1, 1, 1, 3}, {2.0, 3.5, 2.0});
}

TEST(GridSample, NearestRoundsHalfToEven) {
  Tensor x = square();
  // x = (1.2 * 2 - 1) / 2 = 0.7 -> 1; y = -0.1 -> 0: X[0][1] = 2.
  // x = 0.5 (grid 0) rounds to 0, y = 1.5 (grid 1) rounds to 2: outside.
  Tensor g = points({0.2f, -0.6f, 0, 0, 0, 1});
  Tensor y = run(ref::evalGridSample, {&x, &g},
                 makeAttrs({{"mode", std::string("nearest")}}));
  expectTensorNear(y, {1, 1, 1, 3}, {2.0, 1.0, 0.0});
}

TEST(GridSample, CubicAtPixelCentersIsExact) {
  Tensor x = iota({1, 2, 4, 4});
  // align_corners: grid -1/3 maps to pixel 1, 1/3 to pixel 2.
  float a = -1.0f / 3.0f, b = 1.0f / 3.0f;
  Tensor g = points({a, a, b, a, a, b});
  for (const char *mode : {"cubic", "bicubic"}) {
    Tensor y = run(ref::evalGridSample, {&x, &g},
                   makeAttrs({{"mode", std::string(mode)},
                              {"align_corners", int64_t(1)}}));
    expectTensorNear(y, {1, 2, 1, 3}, {5, 6, 9, 21, 22, 25}, 1e-5);
  }
}

TEST(GridSample, OneAndThreeSpatialDimensions) {
  // 1-D: X = [0, 1, 2, 3], grid 0 -> x = 1.5.
  Tensor x1 = iota({1, 1, 4});
  Tensor g1 = Tensor::fromVector<float>({1, 1, 1}, {0});
  expectTensorNear(run(ref::evalGridSample, {&x1, &g1},
                       makeAttrs({{"mode", std::string("linear")}})),
                   {1, 1, 1}, {1.5});
  // 3-D: X = 0..7 over 2x2x2; the center averages all eight; (x, y, z) =
  // (1, -1, -1) with align_corners is X[0][0][1] = 1.
  Tensor x3 = iota({1, 1, 2, 2, 2});
  Tensor g3 = Tensor::fromVector<float>({1, 1, 1, 2, 3}, {0, 0, 0, 1, -1, -1});
  expectTensorNear(run(ref::evalGridSample, {&x3, &g3},
                       makeAttrs({{"align_corners", int64_t(1)}})),
                   {1, 1, 1, 1, 2}, {3.5, 1.0});
}

TEST(GridSample, NanCoordinateGivesNan) {
  Tensor x = square();
  Tensor g = points({NAN, 0, 0, 0});
  Tensor y = run(ref::evalGridSample, {&x, &g}, AttrMap());
  ASSERT_EQ(y.shape(), (Shape{1, 1, 1, 2}));
  EXPECT_TRUE(std::isnan(y.getAsDouble(0)));
  EXPECT_NEAR(y.getAsDouble(1), 2.5, 1e-6);
}

TEST(GridSample, Errors) {
  Tensor x = square();
  Tensor badGrid = Tensor::fromVector<float>({1, 1, 1, 3}, {0, 0, 0});
  EXPECT_TRUE(contains(runError(ref::evalGridSample, {&x, &badGrid}, AttrMap()),
                       "expected grid of shape"));
  Tensor g = points({0, 0});
  EXPECT_TRUE(contains(runError(ref::evalGridSample, {&x, &g},
                                makeAttrs({{"mode", std::string("area")}})),
                       "'mode'"));
  EXPECT_TRUE(
      contains(runError(ref::evalGridSample, {&x, &g},
                        makeAttrs({{"padding_mode", std::string("wrap")}})),
               "'padding_mode'"));
  Tensor x1 = iota({2, 2});
  EXPECT_TRUE(contains(runError(ref::evalGridSample, {&x1, &g}, AttrMap()),
                       "expected X of rank"));
}

} // namespace
