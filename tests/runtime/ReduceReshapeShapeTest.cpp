//===- ReduceReshapeShapeTest.cpp - Shape and data-movement kernels -------===//
//
// Hand-computed cases for Reshape, Flatten, Transpose, Squeeze, Unsqueeze,
// Concat, Split, Slice, Expand, Tile and Pad: every dtype, odd sizes,
// negative axes and steps, clamping, zero-size tensors, and errors.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <limits>

using namespace kiln;
using namespace kiln::test;

namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

/// 0, 1, 2, ... converted to \p dtype.
Tensor iota(Shape s, DType dtype = DType::F32) {
  Tensor t(dtype, s);
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.setFromDouble(i, static_cast<double>(i));
  return t;
}

std::vector<double> range(int64_t n) {
  std::vector<double> v(n);
  for (int64_t i = 0; i < n; ++i)
    v[i] = static_cast<double>(i);
  return v;
}

const DType kAllTypes[] = {DType::F32, DType::F16, DType::F64, DType::I8,
                           DType::U8,  DType::I32, DType::I64, DType::Bool};

TEST(Reshape, ZeroCopiesAndMinusOneInfers) {
  Tensor x = iota({2, 3, 4});
  Tensor shape = ints({0, -1});
  expectTensorNear(run(ref::evalReshape, {&x, &shape}), {2, 12}, range(24));
  Tensor shape2 = ints({4, 0, 2});
  EXPECT_EQ(run(ref::evalReshape, {&x, &shape2}).shape(), (Shape{4, 3, 2}));
  Tensor scalarShape(DType::I64, {0});
  Tensor one = iota({1, 1});
  EXPECT_EQ(run(ref::evalReshape, {&one, &scalarShape}).shape(), Shape{});
}

TEST(Reshape, AllowZeroKeepsZero) {
  Tensor x(DType::F32, {0, 3, 4});
  Tensor shape = ints({3, 4, 0});
  EXPECT_EQ(run(ref::evalReshape, {&x, &shape},
                makeAttrs({{"allowzero", int64_t(1)}}))
                .shape(),
            (Shape{3, 4, 0}));
  Tensor both = ints({0, -1});
  expectError(ref::evalReshape, {&x, &both},
              makeAttrs({{"allowzero", int64_t(1)}}), "0 and -1");
}

TEST(Reshape, Errors) {
  Tensor x = iota({2, 3});
  Tensor twoInfer = ints({-1, -1});
  expectError(ref::evalReshape, {&x, &twoInfer}, {}, "at most one -1");
  Tensor wrong = ints({4, 2});
  expectError(ref::evalReshape, {&x, &wrong}, {}, "cannot reshape");
  Tensor indivisible = ints({4, -1});
  expectError(ref::evalReshape, {&x, &indivisible}, {}, "cannot infer");
  Tensor bad = ints({-2, 3});
  expectError(ref::evalReshape, {&x, &bad}, {}, ">= -1");
  Tensor huge = ints({kMax, kMax, 1});
  expectError(ref::evalReshape, {&x, &huge}, {}, "too large");
}

TEST(Flatten, AxisDefaultsAndNegative) {
  Tensor x = iota({2, 3, 4, 5});
  EXPECT_EQ(run(ref::evalFlatten, {&x}).shape(), (Shape{2, 60}));
  EXPECT_EQ(
      run(ref::evalFlatten, {&x}, makeAttrs({{"axis", int64_t(0)}})).shape(),
      (Shape{1, 120}));
  EXPECT_EQ(
      run(ref::evalFlatten, {&x}, makeAttrs({{"axis", int64_t(4)}})).shape(),
      (Shape{120, 1}));
  Tensor y = run(ref::evalFlatten, {&x}, makeAttrs({{"axis", int64_t(-1)}}));
  expectTensorNear(y, {24, 5}, range(120));
  expectError(ref::evalFlatten, {&x}, makeAttrs({{"axis", int64_t(5)}}),
              "out of range");
}

TEST(Transpose, DefaultReversesAndPerm) {
  Tensor x = iota({2, 3, 4});
  Tensor y = run(ref::evalTranspose, {&x},
                 makeAttrs({{"perm", std::vector<int64_t>{1, 2, 0}}}));
  expectTensorNear(y, {3, 4, 2}, {0, 12, 1, 13, 2, 14, 3, 15, 4,  16, 5,  17,
                                  6, 18, 7, 19, 8, 20, 9, 21, 10, 22, 11, 23});
  Tensor m = iota({2, 3});
  expectTensorNear(run(ref::evalTranspose, {&m}), {3, 2}, {0, 3, 1, 4, 2, 5});
  Tensor s = Tensor::scalar<float>(4);
  expectTensorNear(run(ref::evalTranspose, {&s}), {}, {4});
}

TEST(Transpose, EveryDType) {
  for (DType t : kAllTypes) {
    Tensor x = iota({2, 3}, t);
    Tensor y = run(ref::evalTranspose, {&x});
    ASSERT_EQ(y.dtype(), t);
    std::vector<double> want = {0, 3, 1, 4, 2, 5};
    if (t == DType::Bool)
      want = {0, 1, 1, 1, 1, 1};
    expectTensorNear(y, {3, 2}, want);
  }
}

TEST(Transpose, Errors) {
  Tensor x = iota({2, 3});
  expectError(ref::evalTranspose, {&x},
              makeAttrs({{"perm", std::vector<int64_t>{0, 0}}}), "permutation");
  expectError(ref::evalTranspose, {&x},
              makeAttrs({{"perm", std::vector<int64_t>{0}}}), "length");
}

TEST(SqueezeUnsqueeze, AxesAndDefaults) {
  Tensor x = iota({1, 3, 1, 2});
  EXPECT_EQ(run(ref::evalSqueeze, {&x, nullptr}).shape(), (Shape{3, 2}));
  Tensor axes = ints({-2});
  Tensor y = run(ref::evalSqueeze, {&x, &axes});
  expectTensorNear(y, {1, 3, 2}, range(6));
  Tensor bad = ints({1});
  expectError(ref::evalSqueeze, {&x, &bad}, {}, "cannot squeeze axis 1");
  Tensor m = iota({3, 4});
  Tensor uaxes = ints({3, 0}); // unsorted, positions in the output
  EXPECT_EQ(run(ref::evalUnsqueeze, {&m, &uaxes}).shape(), (Shape{1, 3, 4, 1}));
  Tensor neg = ints({-1, 1});
  EXPECT_EQ(run(ref::evalUnsqueeze, {&m, &neg}).shape(), (Shape{3, 1, 4, 1}));
  Tensor dup = ints({0, -4});
  expectError(ref::evalUnsqueeze, {&m, &dup}, {}, "more than once");
  Tensor far = ints({3});
  expectError(ref::evalUnsqueeze, {&m, &far}, {}, "out of range");
}

TEST(Concat, AxesDTypesAndEmptyInputs) {
  Tensor a = iota({2, 2}, DType::I8);
  Tensor b = Tensor::fromVector<int8_t>({2, 1}, {-1, -2});
  Tensor empty(DType::I8, {2, 0});
  Tensor y = run(ref::evalConcat, {&a, &empty, &b},
                 makeAttrs({{"axis", int64_t(-1)}}));
  ASSERT_EQ(y.dtype(), DType::I8);
  expectTensorNear(y, {2, 3}, {0, 1, -1, 2, 3, -2});
  for (DType t : kAllTypes) {
    Tensor p = iota({1, 3}, t), q = iota({2, 3}, t);
    Tensor r = run(ref::evalConcat, {&p, &q});
    ASSERT_EQ(r.shape(), (Shape{3, 3}));
    EXPECT_EQ(r.getAsDouble(4), t == DType::Bool ? 1.0 : 1.0);
    EXPECT_EQ(r.getAsDouble(3), 0.0);
  }
}

TEST(Concat, Errors) {
  Tensor a = iota({2, 2}), b = iota({3, 2}), c = iota({2, 2}, DType::F64);
  expectError(ref::evalConcat, {&a, &b}, makeAttrs({{"axis", int64_t(1)}}),
              "does not match");
  expectError(ref::evalConcat, {&a, &c}, {}, "type");
  expectError(ref::evalConcat, {&a, &a}, makeAttrs({{"axis", int64_t(2)}}),
              "out of range");
}

TEST(Split, EqualUnevenAndExplicit) {
  Tensor x = iota({7});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalSplit, {&x, nullptr}, {}, out, 3).isOk());
  expectTensorNear(out[0], {3}, {0, 1, 2});
  expectTensorNear(out[1], {3}, {3, 4, 5});
  expectTensorNear(out[2], {1}, {6});
  Tensor m = iota({2, 6});
  Tensor sizes = ints({1, 0, 5});
  ASSERT_TRUE(runKernel(ref::evalSplit, {&m, &sizes},
                        makeAttrs({{"axis", int64_t(-1)}}), out, 3)
                  .isOk());
  expectTensorNear(out[0], {2, 1}, {0, 6});
  EXPECT_EQ(out[1].shape(), (Shape{2, 0}));
  expectTensorNear(out[2], {2, 5}, {1, 2, 3, 4, 5, 7, 8, 9, 10, 11});
  ASSERT_TRUE(
      runKernel(ref::evalSplit, {&m, nullptr},
                makeAttrs({{"axis", int64_t(1)}, {"num_outputs", int64_t(2)}}),
                out, 2)
          .isOk());
  expectTensorNear(out[1], {2, 3}, {3, 4, 5, 9, 10, 11});
}

TEST(Split, Errors) {
  Tensor x = iota({5});
  Tensor sizes = ints({2, 2});
  expectError(ref::evalSplit, {&x, &sizes}, {}, "add up to 4", 2);
  expectError(ref::evalSplit, {&x, &sizes}, {}, "3 split sizes", 3);
  expectError(ref::evalSplit, {&x, nullptr}, {}, "cannot split 5", 4);
  expectError(ref::evalSplit, {&x, nullptr},
              makeAttrs({{"num_outputs", int64_t(3)}}), "num_outputs", 2);
}

TEST(Slice, ClampsAndDefaults) {
  Tensor x = iota({3, 4});
  Tensor starts = ints({1, -3}), ends = ints({kMax, 100});
  expectTensorNear(run(ref::evalSlice, {&x, &starts, &ends, nullptr, nullptr}),
                   {2, 3}, {5, 6, 7, 9, 10, 11});
  Tensor s1 = ints({-100}), e1 = ints({2}), ax1 = ints({-1});
  expectTensorNear(run(ref::evalSlice, {&x, &s1, &e1, &ax1, nullptr}), {3, 2},
                   {0, 1, 4, 5, 8, 9});
  Tensor s2 = ints({5}), e2 = ints({10});
  EXPECT_EQ(run(ref::evalSlice, {&x, &s2, &e2, nullptr, nullptr}).shape(),
            (Shape{0, 4}));
}

TEST(Slice, NegativeAndLargeSteps) {
  Tensor x = iota({63});
  // x[::-1] with INT_MIN end, as exporters emit it.
  Tensor s = ints({-1}), e = ints({kMin}), st = ints({-1});
  std::vector<double> rev;
  for (int i = 62; i >= 0; --i)
    rev.push_back(i);
  expectTensorNear(run(ref::evalSlice, {&x, &s, &e, nullptr, &st}), {63}, rev);
  Tensor s2 = ints({60}), e2 = ints({1}), st2 = ints({-7});
  std::vector<double> want;
  for (int i = 60; i > 1; i -= 7)
    want.push_back(i);
  expectTensorNear(run(ref::evalSlice, {&x, &s2, &e2, nullptr, &st2}),
                   {int64_t(want.size())}, want);
  Tensor s3 = ints({3}), e3 = ints({kMax}), st3 = ints({kMax});
  expectTensorNear(run(ref::evalSlice, {&x, &s3, &e3, nullptr, &st3}), {1},
                   {3});
  Tensor st4 = ints({kMin}), s4 = ints({kMax}), e4 = ints({kMin});
  expectTensorNear(run(ref::evalSlice, {&x, &s4, &e4, nullptr, &st4}), {1},
                   {62});
  Tensor m = iota({2, 3, 4}, DType::Bool);
  Tensor s5 = ints({0, 2}), e5 = ints({1, 0}), a5 = ints({2, 1}),
         st5 = ints({2, -1});
  Tensor y = run(ref::evalSlice, {&m, &s5, &e5, &a5, &st5});
  ASSERT_EQ(y.dtype(), DType::Bool);
  expectTensorNear(y, {2, 2, 1}, {1, 1, 1, 1});
}

TEST(Slice, Errors) {
  Tensor x = iota({4});
  Tensor s = ints({0}), e = ints({2}), zero = ints({0}), two = ints({0, 1});
  expectError(ref::evalSlice, {&x, &s, &e, nullptr, &zero}, {}, "step");
  expectError(ref::evalSlice, {&x, &s, &two, nullptr, nullptr}, {}, "ends");
  Tensor ax = ints({1});
  expectError(ref::evalSlice, {&x, &s, &e, &ax, nullptr}, {}, "out of range");
  Tensor dupAxes = ints({0, 0});
  expectError(ref::evalSlice, {&x, &two, &two, &dupAxes, nullptr}, {},
              "more than once");
}

TEST(Expand, BroadcastsBothWays) {
  Tensor x = iota({3, 1});
  Tensor shape = ints({2, 1, 4});
  Tensor y = run(ref::evalExpand, {&x, &shape});
  std::vector<double> want;
  for (int b = 0; b < 2; ++b)
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 4; ++j)
        want.push_back(i);
  expectTensorNear(y, {2, 3, 4}, want);
  Tensor smaller = ints({1});
  expectTensorNear(run(ref::evalExpand, {&x, &smaller}), {3, 1}, {0, 1, 2});
  Tensor b = Tensor::fromVector<bool>({1}, {true});
  Tensor s7 = ints({7});
  expectTensorNear(run(ref::evalExpand, {&b, &s7}), {7}, {1, 1, 1, 1, 1, 1, 1});
  Tensor bad = ints({2, 2});
  expectError(ref::evalExpand, {&x, &bad}, {}, "broadcast");
  Tensor huge = ints({int64_t(1) << 40, int64_t(1) << 40, 1, 1});
  expectError(ref::evalExpand, {&x, &huge}, {}, "too large");
  Tensor negative = ints({-5, 1, 1});
  expectError(ref::evalExpand, {&x, &negative}, {}, "negative");
}

TEST(Tile, RepeatsEachDimension) {
  Tensor x = iota({2, 3});
  Tensor r = ints({2, 1});
  expectTensorNear(run(ref::evalTile, {&x, &r}), {4, 3},
                   {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5});
  Tensor r2 = ints({1, 2});
  expectTensorNear(run(ref::evalTile, {&x, &r2}), {2, 6},
                   {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5});
  Tensor r0 = ints({0, 3});
  EXPECT_EQ(run(ref::evalTile, {&x, &r0}).shape(), (Shape{0, 9}));
  Tensor u = iota({7}, DType::U8);
  Tensor r3 = ints({3});
  Tensor y = run(ref::evalTile, {&u, &r3});
  ASSERT_EQ(y.dtype(), DType::U8);
  EXPECT_EQ(y.numElements(), 21);
  EXPECT_EQ(y.getAsDouble(20), 6);
  Tensor neg = ints({-1, 1});
  expectError(ref::evalTile, {&x, &neg}, {}, ">= 0");
  expectError(ref::evalTile, {&x, &r3}, {}, "expected 2 repeats");
  Tensor huge = ints({kMax, 2});
  expectError(ref::evalTile, {&x, &huge}, {}, "too large");
}

TEST(Pad, ConstantWithValueAndCrop) {
  Tensor x = Tensor::fromVector<int32_t>({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor pads = ints({1, 0, 0, 1}); // row before, column after
  Tensor v = Tensor::scalar<int32_t>(9);
  Tensor y = run(ref::evalPad, {&x, &pads, &v, nullptr});
  ASSERT_EQ(y.dtype(), DType::I32);
  expectTensorNear(y, {3, 4}, {9, 9, 9, 9, 1, 2, 3, 9, 4, 5, 6, 9});
  Tensor crop = ints({0, -1, 0, -1});
  expectTensorNear(run(ref::evalPad, {&x, &crop, nullptr, nullptr}), {2, 1},
                   {2, 5});
  Tensor mixed = ints({0, 2, -1, 0}); // crop a row, pad 2 columns in front
  expectTensorNear(run(ref::evalPad, {&x, &mixed, nullptr, nullptr}), {1, 5},
                   {0, 0, 1, 2, 3});
}

TEST(Pad, ReflectEdgeWrap) {
  Tensor x = Tensor::fromVector<int64_t>({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor p1 = ints({0, 2, 0, 3});
  expectTensorNear(run(ref::evalPad, {&x, &p1, nullptr, nullptr},
                       makeAttrs({{"mode", std::string("reflect")}})),
                   {2, 8}, {3, 2, 1, 2, 3, 2, 1, 2, 6, 5, 4, 5, 6, 5, 4, 5});
  Tensor p2 = ints({1, 0, 0, 2});
  expectTensorNear(run(ref::evalPad, {&x, &p2, nullptr, nullptr},
                       makeAttrs({{"mode", std::string("wrap")}})),
                   {3, 5}, {4, 5, 6, 4, 5, 1, 2, 3, 1, 2, 4, 5, 6, 4, 5});
  Tensor p3 = ints({1, 1, 1, 0});
  expectTensorNear(run(ref::evalPad, {&x, &p3, nullptr, nullptr},
                       makeAttrs({{"mode", std::string("edge")}})),
                   {4, 4}, {1, 1, 2, 3, 1, 1, 2, 3, 4, 4, 5, 6, 4, 4, 5, 6});
  // Pads longer than the axis keep reflecting (numpy's rule).
  Tensor v = Tensor::fromVector<float>({3}, {1, 2, 3});
  Tensor p4 = ints({5, 4});
  expectTensorNear(run(ref::evalPad, {&v, &p4, nullptr, nullptr},
                       makeAttrs({{"mode", std::string("reflect")}})),
                   {12}, {2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3});
}

TEST(Pad, AxesOperandAndEveryDType) {
  Tensor x = iota({2, 2});
  Tensor pads = ints({1, 2});
  Tensor axes = ints({-1});
  expectTensorNear(run(ref::evalPad, {&x, &pads, nullptr, &axes}), {2, 5},
                   {0, 0, 1, 0, 0, 0, 2, 3, 0, 0});
  for (DType t : kAllTypes) {
    Tensor y = iota({3}, t);
    Tensor p = ints({1, 1});
    Tensor fill(t, {});
    fill.setFromDouble(0, 1);
    Tensor r = run(ref::evalPad, {&y, &p, &fill, nullptr});
    ASSERT_EQ(r.dtype(), t);
    std::vector<double> want = {1, 0, 1, 2, 1};
    if (t == DType::Bool)
      want = {1, 0, 1, 1, 1};
    expectTensorNear(r, {5}, want);
  }
}

TEST(Pad, Errors) {
  Tensor x = iota({2, 3});
  Tensor shortPads = ints({1, 1});
  expectError(ref::evalPad, {&x, &shortPads, nullptr, nullptr}, {},
              "expected 4 pads");
  Tensor tooMuchCrop = ints({0, -2, 0, -2});
  expectError(ref::evalPad, {&x, &tooMuchCrop, nullptr, nullptr}, {},
              "below zero");
  Tensor pads = ints({0, 1, 0, 1});
  expectError(ref::evalPad, {&x, &pads, nullptr, nullptr},
              makeAttrs({{"mode", std::string("mirror")}}), "mode");
  Tensor empty(DType::F32, {0});
  Tensor p1 = ints({1, 1});
  expectError(ref::evalPad, {&empty, &p1, nullptr, nullptr},
              makeAttrs({{"mode", std::string("reflect")}}), "empty axis");
  Tensor huge = ints({0, kMax, 0, 0});
  expectError(ref::evalPad, {&x, &huge, nullptr, nullptr}, {}, "too large");
}

} // namespace
