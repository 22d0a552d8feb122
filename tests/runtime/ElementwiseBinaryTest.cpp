//===- ElementwiseBinaryTest.cpp - Binary elementwise kernels -------------===//
//
// Arithmetic, Pow, Mod, BitShift, comparisons, logic and bitwise ops:
// broadcasting against an independent index computation, integer wrapping
// and division edge cases, the ONNX conformance values for Mod and Pow.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <limits>

using namespace kiln;
using namespace kiln::test;

namespace {

TEST(ElementwiseBinary, ArithmeticBroadcastsLikeNumpy) {
  // a: 2x1x3, b: 4x1 -> 2x4x3.
  std::vector<float> av(6), bv(4);
  for (int i = 0; i < 6; ++i)
    av[i] = float(i) - 2.5f;
  for (int j = 0; j < 4; ++j)
    bv[j] = float(j) * 0.5f + 0.25f;
  Tensor a = Tensor::fromVector<float>({2, 1, 3}, av);
  Tensor b = Tensor::fromVector<float>({4, 1}, bv);
  struct Op {
    KernelFn fn;
    double (*ref)(double, double);
  } ops[] = {
      {ref::evalAdd, [](double x, double y) { return x + y; }},
      {ref::evalSub, [](double x, double y) { return x - y; }},
      {ref::evalMul, [](double x, double y) { return x * y; }},
      {ref::evalDiv, [](double x, double y) { return x / y; }},
  };
  for (const Op &op : ops) {
    std::vector<double> want;
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 4; ++j)
        for (int k = 0; k < 3; ++k)
          want.push_back(op.ref(av[i * 3 + k], bv[j]));
    Tensor y = run(op.fn, {&a, &b});
    EXPECT_EQ(y.dtype(), DType::F32);
    expectTensorNear(y, {2, 4, 3}, want);
  }
  // A scalar broadcasts to anything, including an empty tensor.
  Tensor s = Tensor::scalar<float>(2.0f);
  expectTensorNear(run(ref::evalMul, {&s, &b}), {4, 1}, {0.5, 1.5, 2.5, 3.5});
  Tensor empty(DType::F32, {0, 3});
  EXPECT_EQ(run(ref::evalAdd, {&empty, &s}).shape(), (Shape{0, 3}));
}

TEST(ElementwiseBinary, HalfComputesInFloat) {
  Tensor a = Tensor::fromVector<Half>({2}, {Half(1.5f), Half(-3.0f)});
  Tensor b = Tensor::fromVector<Half>({2}, {Half(2.25f), Half(0.5f)});
  Tensor y = run(ref::evalMul, {&a, &b});
  EXPECT_EQ(y.dtype(), DType::F16);
  expectTensorNear(y, {2}, {3.375, -1.5}, 0, 0);
}

TEST(ElementwiseBinary, IntegerArithmeticWraps) {
  Tensor a = Tensor::fromVector<uint8_t>({3}, {250, 3, 16});
  Tensor b = Tensor::fromVector<uint8_t>({3}, {10, 5, 17});
  expectTensorNear(run(ref::evalAdd, {&a, &b}), {3}, {4, 8, 33}, 0, 0);
  expectTensorNear(run(ref::evalSub, {&a, &b}), {3}, {240, 254, 255}, 0, 0);
  expectTensorNear(run(ref::evalMul, {&a, &b}), {3}, {196, 15, 16}, 0, 0);
  const int32_t kMax = std::numeric_limits<int32_t>::max();
  const int32_t kMin = std::numeric_limits<int32_t>::min();
  Tensor c = Tensor::fromVector<int32_t>({2}, {kMax, kMin});
  Tensor one = Tensor::scalar<int32_t>(1);
  Tensor sum = run(ref::evalAdd, {&c, &one});
  EXPECT_EQ(sum.data<int32_t>()[0], kMin);
  Tensor diff = run(ref::evalSub, {&c, &one});
  EXPECT_EQ(diff.data<int32_t>()[1], kMax);
}

TEST(ElementwiseBinary, IntegerDivisionTruncatesAndChecksZero) {
  Tensor a = Tensor::fromVector<int32_t>({5}, {7, -7, 7, -7, 0});
  Tensor b = Tensor::fromVector<int32_t>({5}, {2, 2, -2, -2, 5});
  Tensor y = run(ref::evalDiv, {&a, &b});
  EXPECT_EQ(y.dtype(), DType::I32);
  expectTensorNear(y, {5}, {3, -3, -3, 3, 0}, 0, 0);
  // The conformance case test_div_uint8.
  Tensor u = Tensor::fromVector<uint8_t>({4}, {16, 6, 18, 3});
  Tensor v = Tensor::fromVector<uint8_t>({4}, {11, 5, 6, 1});
  expectTensorNear(run(ref::evalDiv, {&u, &v}), {4}, {1, 1, 3, 3}, 0, 0);
  Tensor m =
      Tensor::fromVector<int64_t>({1}, {std::numeric_limits<int64_t>::min()});
  Tensor minus1 = Tensor::scalar<int64_t>(-1);
  EXPECT_EQ(run(ref::evalDiv, {&m, &minus1}).data<int64_t>()[0],
            std::numeric_limits<int64_t>::min());
  Tensor zero = Tensor::scalar<int32_t>(0);
  EXPECT_TRUE(contains(runError(ref::evalDiv, {&a, &zero}), "nonzero"));
  // Float division by zero is IEEE.
  Tensor f = Tensor::fromVector<float>({2}, {1.0f, -1.0f});
  Tensor fz = Tensor::scalar<float>(0.0f);
  Tensor inf = run(ref::evalDiv, {&f, &fz});
  EXPECT_TRUE(std::isinf(inf.data<float>()[0]));
  EXPECT_LT(inf.data<float>()[1], 0);
}

TEST(ElementwiseBinary, OperandErrors) {
  Tensor a = Tensor::fromVector<float>({2, 3}, std::vector<float>(6, 1));
  Tensor b = Tensor::fromVector<float>({4, 3}, std::vector<float>(12, 1));
  EXPECT_TRUE(contains(runError(ref::evalAdd, {&a, &b}), "2x3"));
  Tensor d = Tensor::fromVector<double>({3}, {1, 2, 3});
  EXPECT_TRUE(contains(runError(ref::evalSub, {&a, &d}), "found f64"));
  Tensor t = Tensor::fromVector<bool>({1}, {true});
  EXPECT_TRUE(contains(runError(ref::evalMul, {&t, &t}), "found bool"));
  runError(ref::evalDiv, {&a, nullptr});
  // 2^20 x 1 against 1 x 2^20 would be 2^40 elements.
  Tensor tall(DType::U8, {int64_t(1) << 20, 1});
  Tensor wide(DType::U8, {1, int64_t(1) << 20});
  EXPECT_TRUE(contains(runError(ref::evalAdd, {&tall, &wide}), "too large"));
}

TEST(ElementwiseBinary, ModFollowsFmodAttribute) {
  // ONNX conformance cases test_mod_mixed_sign_* and test_mod_int64_fmod.
  Tensor a = Tensor::fromVector<int8_t>({6}, {-4, 7, 5, 4, -7, 8});
  Tensor b = Tensor::fromVector<int8_t>({6}, {2, -3, 8, -2, 3, 5});
  expectTensorNear(run(ref::evalMod, {&a, &b}), {6}, {0, -2, 5, 0, 2, 3}, 0, 0);
  AttrMap cMod;
  cMod.set("fmod", int64_t(1));
  expectTensorNear(run(ref::evalMod, {&a, &b}, cMod), {6}, {0, 1, 5, 0, -1, 3},
                   0, 0);
  Tensor h =
      Tensor::fromVector<Half>({6}, {Half(-4.3f), Half(7.2f), Half(5.0f),
                                     Half(4.3f), Half(-7.2f), Half(8.0f)});
  Tensor hb =
      Tensor::fromVector<Half>({6}, {Half(2.1f), Half(-3.4f), Half(8.0f),
                                     Half(-2.1f), Half(3.4f), Half(5.0f)});
  expectTensorNear(run(ref::evalMod, {&h, &hb}, cMod), {6},
                   {-0.1015625, 0.3984375, 5.0, 0.1015625, -0.3984375, 3.0}, 0,
                   0);
  // Floats with fmod = 0 follow numpy.mod.
  Tensor f = Tensor::fromVector<double>({4}, {5.5, -5.5, 5.5, -5.5});
  Tensor fb = Tensor::fromVector<double>({4}, {2, 2, -2, -2});
  expectTensorNear(run(ref::evalMod, {&f, &fb}), {4}, {1.5, 0.5, -0.5, -1.5});
  expectTensorNear(run(ref::evalMod, {&f, &fb}, cMod), {4},
                   {1.5, -1.5, 1.5, -1.5});
  // Broadcast divisor, INT_MIN % -1, zero divisor.
  Tensor big = Tensor::fromVector<int32_t>(
      {3}, {std::numeric_limits<int32_t>::min(), 9, -9});
  Tensor m1 = Tensor::fromVector<int32_t>({1}, {-1});
  expectTensorNear(run(ref::evalMod, {&big, &m1}), {3}, {0, 0, 0}, 0, 0);
  Tensor seven = Tensor::fromVector<int32_t>({1}, {7});
  expectTensorNear(run(ref::evalMod, {&big, &seven}), {3}, {5, 2, 5}, 0, 0);
  Tensor zero = Tensor::fromVector<int32_t>({1}, {0});
  EXPECT_TRUE(contains(runError(ref::evalMod, {&big, &zero}), "nonzero"));
}

TEST(ElementwiseBinary, PowMixesTypesAndKeepsBaseType) {
  Tensor x = Tensor::fromVector<float>({3}, {2, -2, 4});
  Tensor y = Tensor::fromVector<float>({3}, {0.5f, 3, -1});
  expectTensorNear(run(ref::evalPow, {&x, &y}), {3},
                   {1.4142135623730951, -8, 0.25});
  // test_pow_types_int64_float32 / int32_int32 / float32_int64.
  Tensor xi = Tensor::fromVector<int64_t>({3}, {1, 2, 3});
  Tensor yf = Tensor::fromVector<float>({3}, {4, 5, 6});
  Tensor r = run(ref::evalPow, {&xi, &yf});
  EXPECT_EQ(r.dtype(), DType::I64);
  expectTensorNear(r, {3}, {1, 32, 729}, 0, 0);
  Tensor x32 = Tensor::fromVector<int32_t>({3}, {1, 2, 3});
  Tensor y32 = Tensor::fromVector<int32_t>({3}, {4, 5, 6});
  Tensor r32 = run(ref::evalPow, {&x32, &y32});
  EXPECT_EQ(r32.dtype(), DType::I32);
  expectTensorNear(r32, {3}, {1, 32, 729}, 0, 0);
  Tensor yi = Tensor::fromVector<int64_t>({3}, {4, 5, 6});
  Tensor xf = Tensor::fromVector<float>({3}, {1, 2, 3});
  Tensor rf = run(ref::evalPow, {&xf, &yi});
  EXPECT_EQ(rf.dtype(), DType::F32);
  expectTensorNear(rf, {3}, {1, 32, 729});
  // Broadcast scalar exponent; integer negative exponents truncate.
  Tensor two = Tensor::scalar<float>(2.0f);
  expectTensorNear(run(ref::evalPow, {&x, &two}), {3}, {4, 4, 16});
  Tensor bases = Tensor::fromVector<int32_t>({4}, {2, -1, 1, -1});
  Tensor negs = Tensor::fromVector<int32_t>({4}, {-1, -3, -5, -2});
  expectTensorNear(run(ref::evalPow, {&bases, &negs}), {4}, {0, -1, 1, 1}, 0,
                   0);
  // Overflow wraps like numpy integer power (np.power(np.int64(3), 41)).
  Tensor three = Tensor::scalar<int64_t>(3);
  Tensor e41 = Tensor::scalar<int64_t>(41);
  EXPECT_EQ(run(ref::evalPow, {&three, &e41}).data<int64_t>()[0],
            int64_t(-420491770248316829));
  Tensor i8 = Tensor::fromVector<int8_t>({1}, {2});
  EXPECT_TRUE(contains(runError(ref::evalPow, {&i8, &y}), "found i8"));
  Tensor bad = Tensor::fromVector<float>({2}, {1, 2});
  runError(ref::evalPow, {&x, &bad});
}

TEST(ElementwiseBinary, BitShiftBothDirections) {
  Tensor x = Tensor::fromVector<uint8_t>({4}, {16, 4, 1, 255});
  Tensor s = Tensor::fromVector<uint8_t>({4}, {1, 2, 3, 8});
  AttrMap left, right;
  left.set("direction", std::string("LEFT"));
  right.set("direction", std::string("RIGHT"));
  expectTensorNear(run(ref::evalBitShift, {&x, &s}, left), {4}, {32, 16, 8, 0},
                   0, 0);
  expectTensorNear(run(ref::evalBitShift, {&x, &s}, right), {4}, {8, 1, 0, 0},
                   0, 0);
  Tensor one = Tensor::scalar<uint8_t>(1);
  expectTensorNear(run(ref::evalBitShift, {&x, &one}, left), {4},
                   {32, 8, 2, 254}, 0, 0);
  EXPECT_TRUE(contains(runError(ref::evalBitShift, {&x, &s}), "direction"));
  Tensor i = Tensor::fromVector<int32_t>({1}, {1});
  EXPECT_TRUE(contains(runError(ref::evalBitShift, {&i, &i}, left), "u8"));
}

TEST(ElementwiseBinary, ComparisonsReturnBool) {
  Tensor a = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, NAN, 6});
  Tensor b = Tensor::fromVector<float>({3}, {2, 2, 5});
  struct Case {
    KernelFn fn;
    std::vector<double> want;
  } cases[] = {
      {ref::evalEqual, {0, 1, 0, 0, 0, 0}},
      {ref::evalLess, {1, 0, 1, 0, 0, 0}},
      {ref::evalGreater, {0, 0, 0, 1, 0, 1}},
      {ref::evalLessOrEqual, {1, 1, 1, 0, 0, 0}},
      {ref::evalGreaterOrEqual, {0, 1, 0, 1, 0, 1}},
  };
  for (const Case &c : cases) {
    Tensor y = run(c.fn, {&a, &b});
    EXPECT_EQ(y.dtype(), DType::Bool);
    expectTensorNear(y, {2, 3}, c.want, 0, 0);
  }
  Tensor t = Tensor::fromVector<bool>({3}, {true, false, true});
  Tensor u = Tensor::fromVector<bool>({1}, {true});
  expectTensorNear(run(ref::evalEqual, {&t, &u}), {3}, {1, 0, 1}, 0, 0);
  EXPECT_TRUE(contains(runError(ref::evalLess, {&t, &u}), "found bool"));
  Tensor i = Tensor::fromVector<int64_t>({3}, {-1, 0, 1});
  Tensor z = Tensor::scalar<int64_t>(0);
  expectTensorNear(run(ref::evalGreaterOrEqual, {&i, &z}), {3}, {0, 1, 1}, 0,
                   0);
  Tensor iz = Tensor::scalar<int32_t>(0);
  runError(ref::evalEqual, {&i, &iz});
}

TEST(ElementwiseBinary, LogicOnBoolWithBroadcast) {
  // 1x2x1 against 2x1x2 -> 2x2x2, as test_and_bcast4v4d.
  Tensor a = Tensor::fromVector<bool>({1, 2, 1}, {true, false});
  Tensor b = Tensor::fromVector<bool>({2, 1, 2}, {true, false, false, true});
  expectTensorNear(run(ref::evalAnd, {&a, &b}), {2, 2, 2},
                   {1, 0, 0, 0, 0, 1, 0, 0}, 0, 0);
  expectTensorNear(run(ref::evalOr, {&a, &b}), {2, 2, 2},
                   {1, 1, 1, 0, 1, 1, 0, 1}, 0, 0);
  expectTensorNear(run(ref::evalXor, {&a, &b}), {2, 2, 2},
                   {0, 1, 1, 0, 1, 0, 0, 1}, 0, 0);
  Tensor f = Tensor::fromVector<float>({1}, {1});
  EXPECT_TRUE(contains(runError(ref::evalAnd, {&f, &f}),
                       "expected first "
                       "operand of type bool"));
}

TEST(ElementwiseBinary, BitwiseOnIntegers) {
  Tensor a = Tensor::fromVector<int32_t>({3}, {12, -1, 5});
  Tensor b = Tensor::fromVector<int32_t>({3}, {10, 7, 0});
  expectTensorNear(run(ref::evalBitwiseAnd, {&a, &b}), {3}, {8, 7, 0}, 0, 0);
  expectTensorNear(run(ref::evalBitwiseOr, {&a, &b}), {3}, {14, -1, 5}, 0, 0);
  expectTensorNear(run(ref::evalBitwiseXor, {&a, &b}), {3}, {6, -8, 5}, 0, 0);
  expectTensorNear(run(ref::evalBitwiseNot, {&a}), {3}, {-13, 0, -6}, 0, 0);
  Tensor u = Tensor::fromVector<uint8_t>({2}, {0, 0xF0});
  expectTensorNear(run(ref::evalBitwiseNot, {&u}), {2}, {255, 0x0F}, 0, 0);
  Tensor f = Tensor::fromVector<float>({1}, {1});
  runError(ref::evalBitwiseAnd, {&f, &f});
  runError(ref::evalBitwiseNot, {&f});
}

} // namespace
