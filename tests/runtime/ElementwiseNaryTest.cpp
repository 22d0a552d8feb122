//===- ElementwiseNaryTest.cpp - Sum/Mean/Min/Max, Where and casts --------===//
#include "KernelTestUtils.h"

#include <limits>

using namespace kiln;
using namespace kiln::test;

namespace {

TEST(ElementwiseNary, SumMeanMinMaxBroadcast) {
  // test_*_example inputs, plus a broadcast scalar and row.
  Tensor a = Tensor::fromVector<float>({3}, {3, 2, 1});
  Tensor b = Tensor::fromVector<float>({3}, {1, 4, 4});
  Tensor c = Tensor::fromVector<float>({3}, {2, 5, 0});
  expectTensorNear(run(ref::evalSum, {&a, &b, &c}), {3}, {6, 11, 5});
  expectTensorNear(run(ref::evalMean, {&a, &b, &c}), {3},
                   {2, 11.0 / 3, 5.0 / 3});
  expectTensorNear(run(ref::evalMin, {&a, &b, &c}), {3}, {1, 2, 0});
  expectTensorNear(run(ref::evalMax, {&a, &b, &c}), {3}, {3, 5, 4});
  expectTensorNear(run(ref::evalSum, {&a}), {3}, {3, 2, 1});
  expectTensorNear(run(ref::evalMean, {&b}), {3}, {1, 4, 4});

  Tensor col = Tensor::fromVector<float>({2, 1}, {10, 20});
  Tensor s = Tensor::scalar<float>(0.5f);
  expectTensorNear(run(ref::evalSum, {&a, &col, &s}), {2, 3},
                   {13.5, 12.5, 11.5, 23.5, 22.5, 21.5});
  expectTensorNear(run(ref::evalMax, {&col, &a}), {2, 3},
                   {10, 10, 10, 20, 20, 20});
  expectTensorNear(run(ref::evalMin, {&s, &col, &a}), {2, 3},
                   {0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
}

TEST(ElementwiseNary, MinMaxIntegersAndNaN) {
  Tensor a = Tensor::fromVector<int8_t>({3}, {-128, 5, 127});
  Tensor b = Tensor::fromVector<int8_t>({3}, {0, -5, 126});
  Tensor mn = run(ref::evalMin, {&a, &b});
  EXPECT_EQ(mn.dtype(), DType::I8);
  expectTensorNear(mn, {3}, {-128, -5, 126}, 0, 0);
  expectTensorNear(run(ref::evalMax, {&a, &b}), {3}, {0, 5, 127}, 0, 0);
  Tensor u = Tensor::fromVector<uint8_t>({2}, {200, 3});
  Tensor v = Tensor::fromVector<uint8_t>({2}, {100, 4});
  expectTensorNear(run(ref::evalMax, {&u, &v}), {2}, {200, 4}, 0, 0);
  Tensor f = Tensor::fromVector<float>({2}, {NAN, 1});
  Tensor g = Tensor::fromVector<float>({2}, {0, NAN});
  expectTensorNear(run(ref::evalMin, {&f, &g}), {2}, {NAN, NAN});
  expectTensorNear(run(ref::evalMax, {&g, &f}), {2}, {NAN, NAN});
  Tensor h = Tensor::fromVector<Half>({2}, {Half(1.5f), Half(-2.0f)});
  Tensor k = Tensor::fromVector<Half>({2}, {Half(0.5f), Half(3.0f)});
  Tensor hm = run(ref::evalMax, {&h, &k});
  EXPECT_EQ(hm.dtype(), DType::F16);
  expectTensorNear(hm, {2}, {1.5, 3.0}, 0, 0);
}

TEST(ElementwiseNary, Errors) {
  EXPECT_TRUE(contains(runError(ref::evalSum, {}), "at least one"));
  Tensor a = Tensor::fromVector<float>({3}, {1, 2, 3});
  Tensor b = Tensor::fromVector<double>({3}, {1, 2, 3});
  EXPECT_TRUE(contains(runError(ref::evalMax, {&a, &b}), "operand 1"));
  Tensor c = Tensor::fromVector<float>({2}, {1, 2});
  runError(ref::evalMean, {&a, &c});
  Tensor i = Tensor::fromVector<int32_t>({1}, {1});
  EXPECT_TRUE(contains(runError(ref::evalSum, {&i}), "found i32"));
  Tensor t = Tensor::fromVector<bool>({1}, {true});
  runError(ref::evalMin, {&t});
  runError(ref::evalSum, {&a, nullptr});
}

TEST(ElementwiseNary, WhereBroadcastsThreeOperands) {
  Tensor cond = Tensor::fromVector<bool>({2, 1}, {true, false});
  Tensor x = Tensor::fromVector<int64_t>({1, 3}, {1, 2, 3});
  Tensor y = Tensor::scalar<int64_t>(-7);
  Tensor out = run(ref::evalWhere, {&cond, &x, &y});
  EXPECT_EQ(out.dtype(), DType::I64);
  expectTensorNear(out, {2, 3}, {1, 2, 3, -7, -7, -7}, 0, 0);
  // test_where_example.
  Tensor c2 = Tensor::fromVector<bool>({2, 2}, {true, false, true, true});
  Tensor x2 = Tensor::fromVector<float>({2, 2}, {1, 2, 3, 4});
  Tensor y2 = Tensor::fromVector<float>({2, 2}, {9, 8, 7, 6});
  expectTensorNear(run(ref::evalWhere, {&c2, &x2, &y2}), {2, 2}, {1, 8, 3, 4});
  Tensor bx = Tensor::fromVector<bool>({1}, {false});
  Tensor by = Tensor::fromVector<bool>({1}, {true});
  expectTensorNear(run(ref::evalWhere, {&c2, &bx, &by}), {2, 2}, {0, 1, 0, 0},
                   0, 0);

  EXPECT_TRUE(contains(runError(ref::evalWhere, {&x2, &x2, &y2}),
                       "condition of type bool"));
  EXPECT_TRUE(contains(runError(ref::evalWhere, {&c2, &x2, &y}), "Y"));
  Tensor bad = Tensor::fromVector<float>({3}, {1, 2, 3});
  runError(ref::evalWhere, {&c2, &x2, &bad});
}

TEST(ElementwiseNary, CastFollowsOnnxTypeEnum) {
  Tensor x = Tensor::fromVector<float>({5}, {-1.7f, 0.0f, 2.9f, 300.0f, NAN});
  AttrMap toI32;
  toI32.set("to", int64_t(6));
  Tensor i = run(ref::evalCast, {&x}, toI32);
  EXPECT_EQ(i.dtype(), DType::I32);
  EXPECT_EQ(i.data<int32_t>()[0], -1);
  EXPECT_EQ(i.data<int32_t>()[2], 2);
  EXPECT_EQ(i.data<int32_t>()[3], 300);
  AttrMap toBool;
  toBool.set("to", int64_t(9));
  Tensor b = run(ref::evalCast, {&x}, toBool);
  EXPECT_EQ(b.dtype(), DType::Bool);
  expectTensorNear(b, {5}, {1, 0, 1, 1, 1}, 0, 0);
  AttrMap toF32;
  toF32.set("to", int64_t(1));
  expectTensorNear(run(ref::evalCast, {&b}, toF32), {5}, {1, 0, 1, 1, 1}, 0, 0);
  // test_cast_DOUBLE_to_FLOAT16 values (rounded to nearest half).
  Tensor d = Tensor::fromVector<double>(
      {4}, {0.158969584, 0.656329589, 0.82099323, 70000.0});
  AttrMap toF16;
  toF16.set("to", int64_t(10));
  toF16.set("saturate", int64_t(1));
  Tensor h = run(ref::evalCast, {&d}, toF16);
  EXPECT_EQ(h.dtype(), DType::F16);
  EXPECT_EQ(float(h.data<Half>()[0]), 0.158935546875f);
  EXPECT_EQ(float(h.data<Half>()[1]), 0.65625f);
  EXPECT_EQ(float(h.data<Half>()[2]), 0.82080078125f);
  EXPECT_TRUE(std::isinf(float(h.data<Half>()[3])));
  AttrMap toF64;
  toF64.set("to", int64_t(11));
  Tensor back = run(ref::evalCast, {&h}, toF64);
  EXPECT_EQ(back.dtype(), DType::F64);
  EXPECT_EQ(back.data<double>()[1], 0.65625);
  AttrMap toU8;
  toU8.set("to", int64_t(2));
  Tensor neg = Tensor::fromVector<int32_t>({2}, {-1, 256});
  expectTensorNear(run(ref::evalCast, {&neg}, toU8), {2}, {255, 0}, 0, 0);

  EXPECT_TRUE(contains(runError(ref::evalCast, {&x}), "'to'"));
  AttrMap toString;
  toString.set("to", int64_t(8));
  EXPECT_TRUE(contains(runError(ref::evalCast, {&x}, toString), "STRING"));
  AttrMap toBf16;
  toBf16.set("to", int64_t(16));
  EXPECT_TRUE(contains(runError(ref::evalCast, {&x}, toBf16), "BFLOAT16"));
  AttrMap toJunk;
  toJunk.set("to", int64_t(999));
  runError(ref::evalCast, {&x}, toJunk);
}

TEST(ElementwiseNary, CastLikeTakesSecondOperandType) {
  Tensor x = Tensor::fromVector<float>({3}, {1.5f, -2.5f, 0.0f});
  Tensor like = Tensor::fromVector<int64_t>({1}, {0});
  Tensor y = run(ref::evalCastLike, {&x, &like});
  EXPECT_EQ(y.dtype(), DType::I64);
  expectTensorNear(y, {3}, {1, -2, 0}, 0, 0);
  Tensor likeHalf(DType::F16, {0});
  Tensor h = run(ref::evalCastLike, {&x, &likeHalf});
  EXPECT_EQ(h.dtype(), DType::F16);
  expectTensorNear(h, {3}, {1.5, -2.5, 0.0}, 0, 0);
  runError(ref::evalCastLike, {&x, nullptr});
}

} // namespace
