//===- IndexingShapeTest.cpp - Shape queries, generators, rearrangements --===//
//
// Hand-computed cases for Shape, Size, Identity, Dropout, ConstantOfShape,
// Range, EyeLike, OneHot, Trilu, NonZero, DepthToSpace and SpaceToDepth,
// with attribute defaults, negative axes, bool data and error cases.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

using namespace kiln;
using namespace kiln::test;

namespace {

Tensor iotaF32(Shape shape) {
  Tensor t(DType::F32, std::move(shape));
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.data<float>()[i] = static_cast<float>(i);
  return t;
}

} // namespace

TEST(IndexingShape, StartEndClamp) {
  Tensor x(DType::F32, {3, 4, 5});
  std::vector<Tensor> out;
  struct {
    std::optional<int64_t> start, end;
    std::vector<double> want;
  } cases[] = {{{}, {}, {3, 4, 5}},  {1, {}, {4, 5}},     {{}, -1, {3, 4}},
               {-10, {}, {3, 4, 5}}, {{}, 10, {3, 4, 5}}, {1, 2, {4}},
               {-1, {}, {5}},        {2, 1, {}}};
  for (auto &c : cases) {
    AttrMap attrs;
    if (c.start)
      attrs.set("start", *c.start);
    if (c.end)
      attrs.set("end", *c.end);
    ASSERT_TRUE(runKernel(ref::evalShape, {&x}, attrs, out).isOk());
    EXPECT_EQ(out[0].dtype(), DType::I64);
    expectTensorNear(out[0], {static_cast<int64_t>(c.want.size())}, c.want);
  }
}

TEST(IndexingSize, CountsElements) {
  Tensor x(DType::Bool, {7, 17});
  Tensor s = Tensor::scalar<double>(1.5);
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalSize, {&x}, attrs, out).isOk());
  expectTensorNear(out[0], {}, {119});
  ASSERT_TRUE(runKernel(ref::evalSize, {&s}, attrs, out).isOk());
  expectTensorNear(out[0], {}, {1});
  EXPECT_EQ(out[0].dtype(), DType::I64);
}

TEST(IndexingIdentity, PassesThrough) {
  Tensor x = Tensor::fromVector<int8_t>({3}, {-1, 0, 7});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalIdentity, {&x}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::I8);
  expectTensorNear(out[0], {3}, {-1, 0, 7});
  EXPECT_TRUE(runKernel(ref::evalIdentity, {nullptr}, attrs, out).isError());
}

TEST(IndexingDropout, InferenceIsIdentityWithTrueMask) {
  Tensor x = Tensor::fromVector<float>({2, 2}, {-1, 0, 1, 2});
  Tensor ratio = Tensor::scalar<float>(0.7f);
  Tensor off = Tensor::scalar<bool>(false);
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalDropout, {&x, &ratio, &off}, attrs, out, 2).isOk());
  expectTensorNear(out[0], {2, 2}, {-1, 0, 1, 2});
  EXPECT_EQ(out[1].dtype(), DType::Bool);
  expectTensorNear(out[1], {2, 2}, {1, 1, 1, 1});
  ASSERT_TRUE(
      runKernel(ref::evalDropout, {&x, nullptr, nullptr}, attrs, out).isOk());
  EXPECT_EQ(out.size(), 1u);
}

TEST(IndexingDropout, TrainingOnlyWithZeroRatio) {
  Tensor x = Tensor::fromVector<float>({2}, {3, 4});
  Tensor on = Tensor::scalar<bool>(true);
  Tensor zero = Tensor::scalar<float>(0.0f), half = Tensor::scalar<float>(0.5f);
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalDropout, {&x, &zero, &on}, attrs, out, 2).isOk());
  expectTensorNear(out[0], {2}, {3, 4});
  expectTensorNear(out[1], {2}, {1, 1});
  EXPECT_TRUE(
      runKernel(ref::evalDropout, {&x, &half, &on}, attrs, out).isError());
  // Absent ratio defaults to 0.5.
  EXPECT_TRUE(
      runKernel(ref::evalDropout, {&x, nullptr, &on}, attrs, out).isError());
}

TEST(IndexingConstantOfShape, DefaultAndTypedValue) {
  Tensor shape = Tensor::fromVector<int64_t>({2}, {2, 3});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalConstantOfShape, {&shape}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::F32);
  expectTensorNear(out[0], {2, 3}, std::vector<double>(6, 0));
  attrs.set("value", Tensor::fromVector<int32_t>({1}, {-7}));
  ASSERT_TRUE(runKernel(ref::evalConstantOfShape, {&shape}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::I32);
  expectTensorNear(out[0], {2, 3}, std::vector<double>(6, -7));
  attrs.set("value", Tensor::fromVector<bool>({1}, {true}));
  Tensor empty = Tensor::fromVector<int64_t>({0}, {});
  ASSERT_TRUE(runKernel(ref::evalConstantOfShape, {&empty}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::Bool);
  expectTensorNear(out[0], {}, {1});
  Tensor zero = Tensor::fromVector<int64_t>({2}, {0, 5});
  ASSERT_TRUE(runKernel(ref::evalConstantOfShape, {&zero}, attrs, out).isOk());
  EXPECT_EQ(out[0].shape(), (Shape{0, 5}));
}

TEST(IndexingConstantOfShape, BadShapesFail) {
  AttrMap attrs;
  std::vector<Tensor> out;
  Tensor negative = Tensor::fromVector<int64_t>({2}, {2, -1});
  EXPECT_TRUE(
      runKernel(ref::evalConstantOfShape, {&negative}, attrs, out).isError());
  Tensor huge = Tensor::fromVector<int64_t>({3}, {1 << 20, 1 << 20, 1 << 20});
  Status s = runKernel(ref::evalConstantOfShape, {&huge}, attrs, out);
  ASSERT_TRUE(s.isError());
  EXPECT_NE(s.message().find("too large"), std::string::npos);
  attrs.set("value", Tensor::fromVector<float>({2}, {1, 2}));
  Tensor ok = Tensor::fromVector<int64_t>({1}, {3});
  EXPECT_TRUE(runKernel(ref::evalConstantOfShape, {&ok}, attrs, out).isError());
}

TEST(IndexingRange, FloatAndIntegerCounts) {
  AttrMap attrs;
  std::vector<Tensor> out;
  Tensor s = Tensor::scalar<float>(1), l = Tensor::scalar<float>(5),
         d = Tensor::scalar<float>(2);
  ASSERT_TRUE(runKernel(ref::evalRange, {&s, &l, &d}, attrs, out).isOk());
  expectTensorNear(out[0], {2}, {1, 3});
  Tensor si = Tensor::scalar<int32_t>(10), li = Tensor::scalar<int32_t>(6),
         di = Tensor::scalar<int32_t>(-3);
  ASSERT_TRUE(runKernel(ref::evalRange, {&si, &li, &di}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::I32);
  expectTensorNear(out[0], {2}, {10, 7});
  // Empty when delta points away from limit.
  Tensor up = Tensor::scalar<int64_t>(1), lo = Tensor::scalar<int64_t>(-5),
         pos = Tensor::scalar<int64_t>(2);
  ASSERT_TRUE(runKernel(ref::evalRange, {&up, &lo, &pos}, attrs, out).isOk());
  EXPECT_EQ(out[0].shape(), (Shape{0}));
  // 17 elements: 0.5, 0.75, ... 4.5 (limit exclusive at 4.75).
  Tensor fs = Tensor::scalar<double>(0.5), fl = Tensor::scalar<double>(4.75),
         fd = Tensor::scalar<double>(0.25);
  ASSERT_TRUE(runKernel(ref::evalRange, {&fs, &fl, &fd}, attrs, out).isOk());
  ASSERT_EQ(out[0].shape(), (Shape{17}));
  EXPECT_DOUBLE_EQ(out[0].getAsDouble(16), 4.5);
}

TEST(IndexingRange, BadInputsFail) {
  AttrMap attrs;
  std::vector<Tensor> out;
  Tensor s = Tensor::scalar<int64_t>(0), l = Tensor::scalar<int64_t>(10),
         zero = Tensor::scalar<int64_t>(0);
  EXPECT_TRUE(runKernel(ref::evalRange, {&s, &l, &zero}, attrs, out).isError());
  Tensor big = Tensor::scalar<int64_t>(INT64_MAX),
         small = Tensor::scalar<int64_t>(INT64_MIN),
         one = Tensor::scalar<int64_t>(1);
  Status st = runKernel(ref::evalRange, {&small, &big, &one}, attrs, out);
  ASSERT_TRUE(st.isError());
  EXPECT_NE(st.message().find("too large"), std::string::npos);
  Tensor f = Tensor::scalar<float>(1);
  EXPECT_TRUE(runKernel(ref::evalRange, {&s, &f, &one}, attrs, out).isError());
  Tensor inf = Tensor::scalar<float>(INFINITY), fone = Tensor::scalar<float>(1);
  EXPECT_TRUE(
      runKernel(ref::evalRange, {&f, &inf, &fone}, attrs, out).isError());
  Tensor vec = Tensor::fromVector<int64_t>({2}, {1, 2});
  EXPECT_TRUE(
      runKernel(ref::evalRange, {&s, &vec, &one}, attrs, out).isError());
}

TEST(IndexingEyeLike, DiagonalsAndDType) {
  Tensor x(DType::I32, {3, 4});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalEyeLike, {&x}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::I32);
  expectTensorNear(out[0], {3, 4}, {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
  attrs.set("k", int64_t(-1));
  attrs.set("dtype", int64_t(11)); // DOUBLE
  ASSERT_TRUE(runKernel(ref::evalEyeLike, {&x}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::F64);
  expectTensorNear(out[0], {3, 4}, {0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0});
  attrs.set("dtype", int64_t(8)); // STRING
  EXPECT_TRUE(runKernel(ref::evalEyeLike, {&x}, attrs, out).isError());
  Tensor v(DType::F32, {3});
  AttrMap none;
  EXPECT_TRUE(runKernel(ref::evalEyeLike, {&v}, none, out).isError());
}

TEST(IndexingOneHot, DefaultAxisNegativeAndOutOfRange) {
  Tensor idx = Tensor::fromVector<int64_t>({4}, {0, -1, 3, 2});
  Tensor depth = Tensor::scalar<float>(3);
  Tensor values = Tensor::fromVector<int32_t>({2}, {2, 5});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalOneHot, {&idx, &depth, &values}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::I32);
  // 3 is outside [-3, 3): all off.
  expectTensorNear(out[0], {4, 3}, {5, 2, 2, 2, 2, 5, 2, 2, 2, 2, 2, 5});
}

TEST(IndexingOneHot, Axis1FloatIndices) {
  Tensor idx = Tensor::fromVector<float>({2, 2}, {1, 0, 2, 1});
  Tensor depth = Tensor::fromVector<int64_t>({1}, {3});
  Tensor values = Tensor::fromVector<float>({2}, {0, 1});
  AttrMap attrs;
  attrs.set("axis", int64_t(-2));
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalOneHot, {&idx, &depth, &values}, attrs, out).isOk());
  // out[i][c][j] = idx[i][j] == c.
  expectTensorNear(out[0], {2, 3, 2}, {0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0});
  attrs.set("axis", int64_t(3));
  EXPECT_TRUE(runKernel(ref::evalOneHot, {&idx, &depth, &values}, attrs, out)
                  .isError());
  Tensor badDepth = Tensor::scalar<int64_t>(0);
  attrs.set("axis", int64_t(0));
  EXPECT_TRUE(runKernel(ref::evalOneHot, {&idx, &badDepth, &values}, attrs, out)
                  .isError());
}

TEST(IndexingTrilu, UpperLowerWithK) {
  Tensor x = iotaF32({3, 4});
  Tensor km1 = Tensor::scalar<int64_t>(-1), k2 = Tensor::scalar<int64_t>(2);
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalTrilu, {&x, nullptr}, attrs, out).isOk());
  expectTensorNear(out[0], {3, 4}, {0, 1, 2, 3, 0, 5, 6, 7, 0, 0, 10, 11});
  ASSERT_TRUE(runKernel(ref::evalTrilu, {&x, &k2}, attrs, out).isOk());
  expectTensorNear(out[0], {3, 4}, {0, 0, 2, 3, 0, 0, 0, 7, 0, 0, 0, 0});
  attrs.set("upper", int64_t(0));
  ASSERT_TRUE(runKernel(ref::evalTrilu, {&x, &km1}, attrs, out).isOk());
  expectTensorNear(out[0], {3, 4}, {0, 0, 0, 0, 4, 0, 0, 0, 8, 9, 0, 0});
}

TEST(IndexingTrilu, BatchedBoolAndErrors) {
  Tensor x(DType::Bool, {2, 2, 2});
  for (int i = 0; i < 8; ++i)
    x.data<bool>()[i] = true;
  AttrMap attrs;
  attrs.set("upper", int64_t(0));
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalTrilu, {&x, nullptr}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 2, 2}, {1, 0, 1, 1, 1, 0, 1, 1});
  Tensor v(DType::F32, {5});
  EXPECT_TRUE(runKernel(ref::evalTrilu, {&v, nullptr}, attrs, out).isError());
  Tensor fk = Tensor::scalar<float>(1);
  EXPECT_TRUE(runKernel(ref::evalTrilu, {&x, &fk}, attrs, out).isError());
}

TEST(IndexingNonZero, CoordinatesRowMajor) {
  Tensor x = Tensor::fromVector<bool>({2, 2}, {true, false, true, true});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalNonZero, {&x}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::I64);
  expectTensorNear(out[0], {2, 3}, {0, 1, 1, 0, 0, 1});
  Tensor h = Tensor::fromVector<Half>(
      {5}, {Half(0.0f), Half(-0.5f), Half(0.0f), Half(2.0f), Half(0.0f)});
  ASSERT_TRUE(runKernel(ref::evalNonZero, {&h}, attrs, out).isOk());
  expectTensorNear(out[0], {1, 2}, {1, 3});
  Tensor zeros(DType::I32, {3, 1, 2});
  ASSERT_TRUE(runKernel(ref::evalNonZero, {&zeros}, attrs, out).isOk());
  EXPECT_EQ(out[0].shape(), (Shape{3, 0}));
}

TEST(IndexingDepthToSpace, DcrAndCrd) {
  // x: 1x8x1x1 = 0..7, blocksize 2 -> 1x2x2x2.
  Tensor x = iotaF32({1, 8, 1, 1});
  AttrMap attrs;
  attrs.set("blocksize", int64_t(2));
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalDepthToSpace, {&x}, attrs, out).isOk());
  // DCR: out[c][i][j] = x[(i*2 + j)*2 + c].
  expectTensorNear(out[0], {1, 2, 2, 2}, {0, 2, 4, 6, 1, 3, 5, 7});
  attrs.set("mode", std::string("CRD"));
  ASSERT_TRUE(runKernel(ref::evalDepthToSpace, {&x}, attrs, out).isOk());
  // CRD: out[c][i][j] = x[c*4 + i*2 + j].
  expectTensorNear(out[0], {1, 2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7});
}

TEST(IndexingDepthToSpace, SpatialInterleave) {
  // x: 1x4x1x2, blocksize 2 -> 1x1x2x4; channel k holds 10*k + w.
  Tensor x =
      Tensor::fromVector<int64_t>({1, 4, 1, 2}, {0, 1, 10, 11, 20, 21, 30, 31});
  AttrMap attrs;
  attrs.set("blocksize", int64_t(2));
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalDepthToSpace, {&x}, attrs, out).isOk());
  expectTensorNear(out[0], {1, 1, 2, 4}, {0, 10, 1, 11, 20, 30, 21, 31});
}

TEST(IndexingSpaceToDepth, InvertsDepthToSpaceDcr) {
  Tensor x = iotaF32({2, 3, 4, 6});
  AttrMap attrs;
  attrs.set("blocksize", int64_t(2));
  std::vector<Tensor> mid, back;
  ASSERT_TRUE(runKernel(ref::evalSpaceToDepth, {&x}, attrs, mid).isOk());
  ASSERT_EQ(mid[0].shape(), (Shape{2, 12, 2, 3}));
  // Channel (i*2 + j)*3 + c at (y, x) holds input (c, 2y + i, 2x + j):
  // channel 5 = (i 0, j 1, c 2) at (1, 2) is x[0][2][2][5] = 2*24 + 2*6 + 5.
  EXPECT_EQ(mid[0].getAsDouble(((0 * 12 + 5) * 2 + 1) * 3 + 2), 65);
  ASSERT_TRUE(runKernel(ref::evalDepthToSpace, {&mid[0]}, attrs, back).isOk());
  ASSERT_EQ(back[0].shape(), x.shape());
  for (int64_t i = 0; i < x.numElements(); ++i)
    ASSERT_EQ(back[0].getAsDouble(i), i);
}

TEST(IndexingSpaceToDepth, BadGeometryFails) {
  AttrMap attrs;
  std::vector<Tensor> out;
  Tensor x = iotaF32({1, 1, 4, 6});
  EXPECT_TRUE(runKernel(ref::evalSpaceToDepth, {&x}, attrs, out).isError());
  attrs.set("blocksize", int64_t(4));
  EXPECT_TRUE(runKernel(ref::evalSpaceToDepth, {&x}, attrs, out).isError());
  Tensor three = iotaF32({1, 3, 2});
  attrs.set("blocksize", int64_t(1));
  EXPECT_TRUE(runKernel(ref::evalSpaceToDepth, {&three}, attrs, out).isError());
  Tensor c3 = iotaF32({1, 3, 1, 1});
  attrs.set("blocksize", int64_t(2));
  EXPECT_TRUE(runKernel(ref::evalDepthToSpace, {&c3}, attrs, out).isError());
  attrs.set("mode", std::string("XYZ"));
  EXPECT_TRUE(runKernel(ref::evalDepthToSpace, {&x}, attrs, out).isError());
}
