//===- IndexingGatherTest.cpp - Gather and scatter kernels ----------------===//
//
// Hand-computed cases for Gather, GatherElements, GatherND, ScatterND and
// ScatterElements: negative axes and indices, odd sizes, every dtype for the
// pure data movement, each reduction, and out-of-range errors.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

using namespace kiln;
using namespace kiln::test;

namespace {

/// A tensor of \p dtype holding 0, 1, 2, ... (bool: alternating).
Tensor iotaTensor(DType dtype, Shape shape) {
  Tensor t(dtype, std::move(shape));
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.setFromDouble(i, dtype == DType::Bool ? i % 2 : i);
  return t;
}

} // namespace

TEST(IndexingGather, Axis0) {
  Tensor data = Tensor::fromVector<float>({3, 2}, {1, 2, 3, 4, 5, 6});
  Tensor idx = Tensor::fromVector<int64_t>({2, 2}, {0, 1, 1, 2});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalGather, {&data, &idx}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 2, 2}, {1, 2, 3, 4, 3, 4, 5, 6});
}

TEST(IndexingGather, NegativeAxisAndIndices) {
  Tensor data = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor idx = Tensor::fromVector<int32_t>({2}, {-1, 0});
  AttrMap attrs;
  attrs.set("axis", int64_t(-1));
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalGather, {&data, &idx}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 2}, {3, 1, 6, 4});
}

TEST(IndexingGather, ScalarIndexDropsAxis) {
  Tensor data = iotaTensor(DType::F32, {7, 3});
  Tensor idx = Tensor::scalar<int64_t>(5);
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalGather, {&data, &idx}, attrs, out).isOk());
  expectTensorNear(out[0], {3}, {15, 16, 17});
}

TEST(IndexingGather, EveryDTypeMovesBytes) {
  for (int d = 0; d < kNumDTypes; ++d) {
    DType dt = static_cast<DType>(d);
    Tensor data = iotaTensor(dt, {4, 17});
    Tensor idx = Tensor::fromVector<int64_t>({3}, {16, 0, -2});
    AttrMap attrs;
    attrs.set("axis", int64_t(1));
    std::vector<Tensor> out;
    ASSERT_TRUE(runKernel(ref::evalGather, {&data, &idx}, attrs, out).isOk())
        << dtypeName(dt);
    ASSERT_EQ(out[0].dtype(), dt);
    ASSERT_EQ(out[0].shape(), (Shape{4, 3}));
    for (int64_t r = 0; r < 4; ++r) {
      int64_t cols[] = {16, 0, 15};
      for (int64_t k = 0; k < 3; ++k) {
        double want = r * 17 + cols[k];
        if (dt == DType::Bool)
          want = static_cast<int64_t>(want) % 2;
        EXPECT_EQ(out[0].getAsDouble(r * 3 + k), want) << dtypeName(dt);
      }
    }
  }
}

TEST(IndexingGather, OutOfRangeIndexFails) {
  Tensor data = iotaTensor(DType::F32, {10});
  AttrMap attrs;
  std::vector<Tensor> out;
  for (int64_t bad : {10, -11}) {
    Tensor idx = Tensor::fromVector<int64_t>({2}, {0, bad});
    Status s = runKernel(ref::evalGather, {&data, &idx}, attrs, out);
    ASSERT_TRUE(s.isError());
    EXPECT_NE(s.message().find("out of range"), std::string::npos);
  }
  Tensor idx = Tensor::fromVector<int64_t>({1}, {0});
  attrs.set("axis", int64_t(1));
  EXPECT_TRUE(runKernel(ref::evalGather, {&data, &idx}, attrs, out).isError());
  Tensor floatIdx = Tensor::fromVector<float>({1}, {0});
  attrs.set("axis", int64_t(0));
  EXPECT_TRUE(
      runKernel(ref::evalGather, {&data, &floatIdx}, attrs, out).isError());
}

TEST(IndexingGatherElements, Axis1AndNegativeIndices) {
  Tensor data = Tensor::fromVector<float>({2, 2}, {1, 2, 3, 4});
  Tensor idx = Tensor::fromVector<int64_t>({2, 2}, {0, 0, 1, -2});
  AttrMap attrs;
  attrs.set("axis", int64_t(1));
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalGatherElements, {&data, &idx}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 2}, {1, 1, 4, 3});
}

TEST(IndexingGatherElements, Axis0SmallerIndices) {
  // data 3x3 = 1..9; indices 2x3 along axis 0.
  Tensor data = iotaTensor(DType::I32, {3, 3});
  Tensor idx = Tensor::fromVector<int64_t>({2, 3}, {1, 2, 0, 2, 0, 0});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalGatherElements, {&data, &idx}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 3}, {3, 7, 2, 6, 1, 2});
  EXPECT_EQ(out[0].dtype(), DType::I32);
}

TEST(IndexingGatherElements, BadRankOrIndexFails) {
  Tensor data = iotaTensor(DType::F32, {3, 3});
  Tensor idx1 = Tensor::fromVector<int64_t>({3}, {0, 1, 2});
  Tensor idx2 = Tensor::fromVector<int64_t>({1, 1}, {3});
  AttrMap attrs;
  std::vector<Tensor> out;
  EXPECT_TRUE(
      runKernel(ref::evalGatherElements, {&data, &idx1}, attrs, out).isError());
  EXPECT_TRUE(
      runKernel(ref::evalGatherElements, {&data, &idx2}, attrs, out).isError());
}

TEST(IndexingGatherND, PointsAndSlices) {
  Tensor data = Tensor::fromVector<int32_t>({2, 2}, {0, 1, 2, 3});
  Tensor points = Tensor::fromVector<int64_t>({2, 2}, {0, 0, 1, 1});
  Tensor rows = Tensor::fromVector<int64_t>({2, 1}, {1, 0});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalGatherND, {&data, &points}, attrs, out).isOk());
  expectTensorNear(out[0], {2}, {0, 3});
  ASSERT_TRUE(runKernel(ref::evalGatherND, {&data, &rows}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 2}, {2, 3, 0, 1});
}

TEST(IndexingGatherND, BatchDims) {
  // data 2x2x2 = 0..7; batch 0 row 1 -> {2, 3}; batch 1 row 0 -> {4, 5}.
  Tensor data = iotaTensor(DType::I32, {2, 2, 2});
  Tensor idx = Tensor::fromVector<int64_t>({2, 1}, {1, 0});
  AttrMap attrs;
  attrs.set("batch_dims", int64_t(1));
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalGatherND, {&data, &idx}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 2}, {2, 3, 4, 5});
  // Negative coordinates wrap: (0, -1) is 1 in batch 0 and 5 in batch 1.
  Tensor pts = Tensor::fromVector<int64_t>({2, 2}, {0, -1, 0, -1});
  ASSERT_TRUE(runKernel(ref::evalGatherND, {&data, &pts}, attrs, out).isOk());
  expectTensorNear(out[0], {2}, {1, 5});
}

TEST(IndexingGatherND, BadIndicesFail) {
  Tensor data = iotaTensor(DType::F32, {2, 3});
  AttrMap attrs;
  std::vector<Tensor> out;
  Tensor tooLong = Tensor::fromVector<int64_t>({1, 3}, {0, 0, 0});
  EXPECT_TRUE(
      runKernel(ref::evalGatherND, {&data, &tooLong}, attrs, out).isError());
  Tensor outOfRange = Tensor::fromVector<int64_t>({1, 2}, {0, 3});
  EXPECT_TRUE(
      runKernel(ref::evalGatherND, {&data, &outOfRange}, attrs, out).isError());
  attrs.set("batch_dims", int64_t(2));
  Tensor idx = Tensor::fromVector<int64_t>({2, 1}, {0, 0});
  EXPECT_TRUE(
      runKernel(ref::evalGatherND, {&data, &idx}, attrs, out).isError());
}

TEST(IndexingScatterND, ReplaceSlicesLastWriteWins) {
  Tensor data = iotaTensor(DType::F32, {4, 2});
  Tensor idx = Tensor::fromVector<int64_t>({3, 1}, {2, 0, -2});
  Tensor upd = Tensor::fromVector<float>({3, 2}, {10, 11, 20, 21, 30, 31});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalScatterND, {&data, &idx, &upd}, attrs, out).isOk());
  expectTensorNear(out[0], {4, 2}, {20, 21, 2, 3, 30, 31, 6, 7});
  // The input is not modified.
  EXPECT_EQ(data.getAsDouble(4), 4);
}

TEST(IndexingScatterND, Reductions) {
  Tensor data = Tensor::fromVector<float>({3}, {1, 2, 3});
  Tensor idx = Tensor::fromVector<int64_t>({3, 1}, {0, 0, 2});
  Tensor upd = Tensor::fromVector<float>({3}, {5, -4, 0.5});
  std::vector<Tensor> out;
  struct {
    const char *name;
    std::vector<double> want;
  } cases[] = {{"add", {2, 2, 3.5}},
               {"mul", {-20, 2, 1.5}},
               {"max", {5, 2, 3}},
               {"min", {-4, 2, 0.5}}};
  for (auto &c : cases) {
    AttrMap attrs;
    attrs.set("reduction", std::string(c.name));
    ASSERT_TRUE(
        runKernel(ref::evalScatterND, {&data, &idx, &upd}, attrs, out).isOk());
    expectTensorNear(out[0], {3}, c.want);
  }
}

TEST(IndexingScatterND, BoolAndBadShapes) {
  Tensor data = Tensor::fromVector<bool>({2, 2}, {false, false, true, true});
  Tensor idx = Tensor::fromVector<int64_t>({1, 2}, {1, 0});
  Tensor upd = Tensor::fromVector<bool>({1}, {false});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalScatterND, {&data, &idx, &upd}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 2}, {0, 0, 0, 1});
  Tensor badUpd = Tensor::fromVector<bool>({2}, {false, true});
  EXPECT_TRUE(runKernel(ref::evalScatterND, {&data, &idx, &badUpd}, attrs, out)
                  .isError());
  attrs.set("reduction", std::string("sum"));
  EXPECT_TRUE(
      runKernel(ref::evalScatterND, {&data, &idx, &upd}, attrs, out).isError());
}

TEST(IndexingScatterElements, Axis0) {
  Tensor data(DType::F32, {3, 3});
  Tensor idx = Tensor::fromVector<int64_t>({2, 3}, {1, 0, 2, 0, 2, 1});
  Tensor upd =
      Tensor::fromVector<float>({2, 3}, {1.0f, 1.1f, 1.2f, 2.0f, 2.1f, 2.2f});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalScatterElements, {&data, &idx, &upd}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {3, 3}, {2.0, 1.1, 0, 1.0, 0, 2.2, 0, 2.1, 1.2});
}

TEST(IndexingScatterElements, NegativeAxisDuplicateAdd) {
  Tensor data = Tensor::fromVector<int64_t>({1, 5}, {1, 2, 3, 4, 5});
  Tensor idx = Tensor::fromVector<int64_t>({1, 3}, {1, 1, -1});
  Tensor upd = Tensor::fromVector<int64_t>({1, 3}, {10, 20, 30});
  AttrMap attrs;
  attrs.set("axis", int64_t(-1));
  attrs.set("reduction", std::string("add"));
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalScatterElements, {&data, &idx, &upd}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {1, 5}, {1, 32, 3, 4, 35});
  attrs.set("reduction", std::string("mul"));
  ASSERT_TRUE(
      runKernel(ref::evalScatterElements, {&data, &idx, &upd}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {1, 5}, {1, 400, 3, 4, 150});
}

TEST(IndexingScatterElements, ErrorsDoNotWrite) {
  Tensor data = iotaTensor(DType::F32, {2, 2});
  Tensor idx = Tensor::fromVector<int64_t>({1, 1}, {2});
  Tensor upd = Tensor::fromVector<float>({1, 1}, {9});
  AttrMap attrs;
  std::vector<Tensor> out;
  EXPECT_TRUE(
      runKernel(ref::evalScatterElements, {&data, &idx, &upd}, attrs, out)
          .isError());
  Tensor upd2 = Tensor::fromVector<float>({1, 2}, {9, 9});
  Tensor idx2 = Tensor::fromVector<int64_t>({1, 1}, {0});
  EXPECT_TRUE(
      runKernel(ref::evalScatterElements, {&data, &idx2, &upd2}, attrs, out)
          .isError());
  attrs.set("axis", int64_t(2));
  EXPECT_TRUE(
      runKernel(ref::evalScatterElements, {&data, &idx2, &upd}, attrs, out)
          .isError());
  EXPECT_EQ(data.getAsDouble(0), 0);
}

TEST(IndexingScatterElements, OddSizeIdentityScatter) {
  // Scattering a permutation of 63 positions writes each exactly once.
  int64_t n = 63;
  Tensor data(DType::F64, {n});
  std::vector<int64_t> perm(n);
  for (int64_t i = 0; i < n; ++i)
    perm[i] = (i * 5) % n; // 5 is coprime to 63
  Tensor idx = Tensor::fromVector<int64_t>({n}, perm);
  Tensor upd = iotaTensor(DType::F64, {n});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalScatterElements, {&data, &idx, &upd}, attrs, out)
          .isOk());
  std::vector<double> want(n);
  for (int64_t i = 0; i < n; ++i)
    want[perm[i]] = i;
  expectTensorNear(out[0], {n}, want);
}
