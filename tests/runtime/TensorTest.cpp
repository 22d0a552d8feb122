//===- TensorTest.cpp - Tensor, Half and broadcasting basics --------------===//
#include "kiln/runtime/Tensor.h"
#include "kiln/runtime/KernelUtils.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace kiln;

TEST(Half, RoundTripsRepresentableValues) {
  for (float f : {0.0f, 1.0f, -2.5f, 65504.0f, 6.103515625e-05f,
                  5.9604645e-08f /*smallest subnormal*/, 0.333251953125f})
    EXPECT_EQ(float(Half(f)), f) << f;
  EXPECT_TRUE(std::isinf(float(Half(1e6f))));
  EXPECT_TRUE(std::isnan(float(Half(NAN))));
  // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: rounds to even (1).
  EXPECT_EQ(float(Half(1.0f + 0.00048828125f)), 1.0f);
}

TEST(Tensor, ZeroFilledAndShaped) {
  Tensor t(DType::F32, {2, 3});
  EXPECT_EQ(t.numElements(), 6);
  EXPECT_EQ(t.byteSize(), 24u);
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(t.data<float>()[i], 0.0f);
  Tensor s = Tensor::scalar<int64_t>(7);
  EXPECT_EQ(s.rank(), 0);
  EXPECT_EQ(s.getAsInt64(0), 7);
}

TEST(Tensor, CastFollowsOnnxRules) {
  Tensor t = Tensor::fromVector<float>({4}, {-1.7f, 0.0f, 2.9f, 300.0f});
  Tensor i = castTensor(t, DType::I32);
  EXPECT_EQ(i.data<int32_t>()[0], -1);
  EXPECT_EQ(i.data<int32_t>()[2], 2);
  Tensor b = castTensor(t, DType::Bool);
  EXPECT_TRUE(b.data<bool>()[0]);
  EXPECT_FALSE(b.data<bool>()[1]);
}

TEST(Broadcast, NumpyRules) {
  Shape out;
  ASSERT_TRUE(broadcastShapes({2, 1, 3}, {4, 1}, out).isOk());
  EXPECT_EQ(out, (Shape{2, 4, 3}));
  ASSERT_TRUE(broadcastShapes({}, {5}, out).isOk());
  EXPECT_EQ(out, (Shape{5}));
  ASSERT_TRUE(broadcastShapes({0, 1}, {1, 7}, out).isOk());
  EXPECT_EQ(out, (Shape{0, 7}));
  Status s = broadcastShapes({2, 3}, {4, 3}, out);
  EXPECT_TRUE(s.isError());
  EXPECT_NE(s.message().find("2x3"), std::string::npos);
}

TEST(StridedIndex, WalksBroadcastOperands) {
  Shape shape{2, 3};
  StridedIndex it(
      shape, {broadcastStrides({3}, shape), broadcastStrides({2, 1}, shape)});
  std::vector<std::pair<int64_t, int64_t>> seen;
  for (int i = 0; i < 6; ++i, it.next())
    seen.push_back({it.offset(0), it.offset(1)});
  std::vector<std::pair<int64_t, int64_t>> expected{{0, 0}, {1, 0}, {2, 0},
                                                    {0, 1}, {1, 1}, {2, 1}};
  EXPECT_EQ(seen, expected);
}
