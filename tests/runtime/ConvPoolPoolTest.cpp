//===- ConvPoolPoolTest.cpp - Pooling kernels -----------------------------===//
//
// Expected values are the worked examples of the ONNX operator docs, small
// cases computed by hand, and naive 1-D pools written here for the
// parameterized odd-size sweep.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <numeric>

using namespace kiln;
using namespace kiln::test;

namespace {

using Ints = std::vector<int64_t>;

/// Runs a kernel on \p x alone, expecting success.
std::vector<Tensor> runAll(KernelFn fn, const Tensor &x, const AttrMap &attrs,
                           size_t numOutputs = 1) {
  return kiln::test::runAll(fn, {&x}, attrs, numOutputs);
}

Tensor run(KernelFn fn, const Tensor &x, const AttrMap &attrs) {
  return runAll(fn, x, attrs)[0];
}

/// Runs a kernel on \p x alone, expecting failure.
void expectError(KernelFn fn, const Tensor &x, const AttrMap &attrs) {
  kiln::test::runError(fn, {&x}, attrs);
}

void expectInts(const Tensor &t, const Shape &shape,
                const std::vector<int64_t> &want) {
  ASSERT_EQ(t.dtype(), DType::I64);
  ASSERT_EQ(t.shape(), shape);
  std::vector<int64_t> got(t.data<int64_t>(),
                           t.data<int64_t>() + t.numElements());
  EXPECT_EQ(got, want);
}

//===----------------------------------------------------------------------===//
// MaxPool
//===----------------------------------------------------------------------===//

TEST(ConvPoolMaxPool, StridesWithIndices) {
  Tensor x = iota({1, 1, 5, 5}, 1.0f);
  AttrMap attrs =
      makeAttrs({{"kernel_shape", Ints{2, 2}}, {"strides", Ints{2, 2}}});
  std::vector<Tensor> out = runAll(ref::evalMaxPool, x, attrs, 2);
  expectTensorNear(out[0], {1, 1, 2, 2}, {7, 9, 17, 19});
  expectInts(out[1], {1, 1, 2, 2}, {6, 8, 16, 18});
  // Column-major spatial indices.
  attrs.set("storage_order", int64_t(1));
  out = runAll(ref::evalMaxPool, x, attrs, 2);
  expectInts(out[1], {1, 1, 2, 2}, {6, 16, 8, 18});
}

TEST(ConvPoolMaxPool, IndicesIncludeBatchAndChannel) {
  // N = 2, C = 2, 1-D: index = (n * C + c) * L + position.
  Tensor x = Tensor::fromVector<float>({2, 2, 3},
                                       {1, 3, 2, 9, 8, 7, 0, 0, 5, -1, -4, -2});
  std::vector<Tensor> out =
      runAll(ref::evalMaxPool, x, makeAttrs({{"kernel_shape", Ints{2}}}), 2);
  expectTensorNear(out[0], {2, 2, 2}, {3, 3, 9, 8, 0, 5, -1, -2});
  // Ties keep the first position.
  expectInts(out[1], {2, 2, 2}, {1, 1, 3, 4, 6, 8, 9, 11});
}

TEST(ConvPoolMaxPool, PadsIgnorePaddingValues) {
  Tensor x = iota({1, 1, 5, 5}, 1.0f);
  expectTensorNear(run(ref::evalMaxPool, x,
                       makeAttrs({{"kernel_shape", Ints{5, 5}},
                                  {"pads", Ints{2, 2, 2, 2}}})),
                   {1, 1, 5, 5},
                   {13, 14, 15, 15, 15, 18, 19, 20, 20, 20, 23, 24, 25,
                    25, 25, 23, 24, 25, 25, 25, 23, 24, 25, 25, 25});
  // All-negative input: padding must not contribute zeros.
  Tensor neg = Tensor::fromVector<float>({1, 1, 3}, {-3, -1, -2});
  expectTensorNear(
      run(ref::evalMaxPool, neg,
          makeAttrs({{"kernel_shape", Ints{2}}, {"pads", Ints{1, 1}}})),
      {1, 1, 4}, {-3, -1, -1, -2});
}

TEST(ConvPoolMaxPool, CeilModeAndDilations) {
  Tensor x = iota({1, 1, 4, 4}, 1.0f);
  expectTensorNear(run(ref::evalMaxPool, x,
                       makeAttrs({{"kernel_shape", Ints{3, 3}},
                                  {"strides", Ints{2, 2}},
                                  {"ceil_mode", int64_t(1)}})),
                   {1, 1, 2, 2}, {11, 12, 15, 16});
  expectTensorNear(
      run(ref::evalMaxPool, x,
          makeAttrs({{"kernel_shape", Ints{2, 2}}, {"dilations", Ints{2, 2}}})),
      {1, 1, 2, 2}, {11, 12, 15, 16});
  // ceil would give 3 windows, but the third would start in the right
  // padding, so it is dropped.
  Tensor x1 = Tensor::fromVector<float>({1, 1, 4}, {1, 2, 3, 4});
  expectTensorNear(run(ref::evalMaxPool, x1,
                       makeAttrs({{"kernel_shape", Ints{2}},
                                  {"strides", Ints{2}},
                                  {"pads", Ints{0, 1}},
                                  {"ceil_mode", int64_t(1)}})),
                   {1, 1, 2}, {2, 4});
  // Without padding the partial last window is kept.
  Tensor x5 = Tensor::fromVector<float>({1, 1, 5}, {1, 2, 3, 4, 5});
  expectTensorNear(run(ref::evalMaxPool, x5,
                       makeAttrs({{"kernel_shape", Ints{2}},
                                  {"strides", Ints{2}},
                                  {"ceil_mode", int64_t(1)}})),
                   {1, 1, 3}, {2, 4, 5});
}

TEST(ConvPoolMaxPool, AutoPad) {
  Tensor x = iota({1, 1, 5, 5}, 1.0f);
  expectTensorNear(run(ref::evalMaxPool, x,
                       makeAttrs({{"kernel_shape", Ints{3, 3}},
                                  {"strides", Ints{2, 2}},
                                  {"auto_pad", std::string("SAME_UPPER")}})),
                   {1, 1, 3, 3}, {7, 9, 10, 17, 19, 20, 22, 24, 25});
  Tensor x1 = Tensor::fromVector<float>({1, 1, 4}, {1, 5, 2, 4});
  expectTensorNear(run(ref::evalMaxPool, x1,
                       makeAttrs({{"kernel_shape", Ints{2}},
                                  {"auto_pad", std::string("SAME_UPPER")}})),
                   {1, 1, 4}, {5, 5, 4, 4});
  expectTensorNear(run(ref::evalMaxPool, x1,
                       makeAttrs({{"kernel_shape", Ints{2}},
                                  {"auto_pad", std::string("SAME_LOWER")}})),
                   {1, 1, 4}, {1, 5, 5, 4});
  expectTensorNear(run(ref::evalMaxPool, x1,
                       makeAttrs({{"kernel_shape", Ints{2}},
                                  {"auto_pad", std::string("VALID")}})),
                   {1, 1, 3}, {5, 5, 4});
}

TEST(ConvPoolMaxPool, IntegerAndHalfTypes) {
  Tensor u8 = Tensor::fromVector<uint8_t>({1, 1, 4}, {10, 200, 3, 255});
  Tensor y = run(ref::evalMaxPool, u8, makeAttrs({{"kernel_shape", Ints{2}}}));
  ASSERT_EQ(y.dtype(), DType::U8);
  expectTensorNear(y, {1, 1, 3}, {200, 200, 255});
  Tensor i8 = Tensor::fromVector<int8_t>({1, 1, 3}, {-128, -100, -128});
  y = run(ref::evalMaxPool, i8,
          makeAttrs({{"kernel_shape", Ints{2}}, {"pads", Ints{1, 1}}}));
  ASSERT_EQ(y.dtype(), DType::I8);
  expectTensorNear(y, {1, 1, 4}, {-128, -100, -100, -128});
  Tensor h = castTensor(Tensor::fromVector<float>({1, 1, 3}, {0.5f, -1, 2}),
                        DType::F16);
  y = run(ref::evalMaxPool, h, makeAttrs({{"kernel_shape", Ints{2}}}));
  ASSERT_EQ(y.dtype(), DType::F16);
  expectTensorNear(y, {1, 1, 2}, {0.5, 2});
}

TEST(ConvPoolMaxPool, ThreeDimensional) {
  Tensor x = iota({1, 1, 2, 2, 3});
  expectTensorNear(
      run(ref::evalMaxPool, x, makeAttrs({{"kernel_shape", Ints{2, 2, 2}}})),
      {1, 1, 1, 1, 2}, {10, 11});
}

TEST(ConvPoolMaxPool, Errors) {
  Tensor x = iota({1, 1, 4, 4});
  expectError(ref::evalMaxPool, x, AttrMap()); // kernel_shape required
  expectError(ref::evalMaxPool, x, makeAttrs({{"kernel_shape", Ints{2}}}));
  expectError(ref::evalMaxPool, x, makeAttrs({{"kernel_shape", Ints{2, 0}}}));
  expectError(ref::evalMaxPool, x,
              makeAttrs({{"kernel_shape", Ints{5, 5}}})); // larger than input
  expectError(
      ref::evalMaxPool, x,
      makeAttrs({{"kernel_shape", Ints{2, 2}}, {"storage_order", int64_t(2)}}));
  expectError(
      ref::evalMaxPool, x,
      makeAttrs({{"kernel_shape", Ints{2, 2}}, {"ceil_mode", int64_t(-1)}}));
  Tensor b = castTensor(x, DType::Bool);
  expectError(ref::evalMaxPool, b, makeAttrs({{"kernel_shape", Ints{2, 2}}}));
  Tensor i32 = castTensor(x, DType::I32);
  expectError(ref::evalMaxPool, i32, makeAttrs({{"kernel_shape", Ints{2, 2}}}));
  Tensor flat = iota({4, 4});
  expectError(ref::evalMaxPool, flat, makeAttrs({{"kernel_shape", Ints{2}}}));
}

//===----------------------------------------------------------------------===//
// AveragePool
//===----------------------------------------------------------------------===//

TEST(ConvPoolAveragePool, StridesAndCeil) {
  Tensor x = iota({1, 1, 5, 5}, 1.0f);
  expectTensorNear(
      run(ref::evalAveragePool, x,
          makeAttrs({{"kernel_shape", Ints{2, 2}}, {"strides", Ints{2, 2}}})),
      {1, 1, 2, 2}, {4, 6, 14, 16});
  Tensor x4 = iota({1, 1, 4, 4}, 1.0f);
  expectTensorNear(run(ref::evalAveragePool, x4,
                       makeAttrs({{"kernel_shape", Ints{3, 3}},
                                  {"strides", Ints{2, 2}},
                                  {"ceil_mode", int64_t(1)}})),
                   {1, 1, 2, 2}, {6, 7.5, 12, 13.5});
}

TEST(ConvPoolAveragePool, CountIncludePad) {
  Tensor x = iota({1, 1, 5, 5}, 1.0f);
  AttrMap attrs =
      makeAttrs({{"kernel_shape", Ints{5, 5}}, {"pads", Ints{2, 2, 2, 2}}});
  expectTensorNear(run(ref::evalAveragePool, x, attrs), {1, 1, 5, 5},
                   {7,    7.5,  8,    8.5,  9,    9.5,  10,   10.5, 11,
                    11.5, 12,   12.5, 13,   13.5, 14,   14.5, 15,   15.5,
                    16,   16.5, 17,   17.5, 18,   18.5, 19});
  attrs.set("count_include_pad", int64_t(1));
  expectTensorNear(run(ref::evalAveragePool, x, attrs), {1, 1, 5, 5},
                   {2.52,  3.6,  4.8,  4.08, 3.24, 4.56, 6.4,  8.4, 7.04,
                    5.52,  7.2,  10,   13,   10.8, 8.4,  6.96, 9.6, 12.4,
                    10.24, 7.92, 6.12, 8.4,  10.8, 8.88, 6.84});
}

TEST(ConvPoolAveragePool, CeilWindowPastThePadding) {
  // Windows start at -1, 1, 3; the last covers x[3], the right pad and one
  // element beyond it, which count_include_pad does not count.
  Tensor x = Tensor::fromVector<float>({1, 1, 4}, {1, 2, 3, 4});
  AttrMap attrs = makeAttrs({{"kernel_shape", Ints{3}},
                             {"strides", Ints{2}},
                             {"pads", Ints{1, 1}},
                             {"ceil_mode", int64_t(1)}});
  expectTensorNear(run(ref::evalAveragePool, x, attrs), {1, 1, 3}, {1.5, 3, 4});
  attrs.set("count_include_pad", int64_t(1));
  expectTensorNear(run(ref::evalAveragePool, x, attrs), {1, 1, 3}, {1, 3, 2});
}

TEST(ConvPoolAveragePool, AutoPadAndDilations) {
  Tensor x = iota({1, 1, 5, 5}, 1.0f);
  expectTensorNear(run(ref::evalAveragePool, x,
                       makeAttrs({{"kernel_shape", Ints{3, 3}},
                                  {"strides", Ints{2, 2}},
                                  {"auto_pad", std::string("SAME_UPPER")}})),
                   {1, 1, 3, 3}, {4, 5.5, 7, 11.5, 13, 14.5, 19, 20.5, 22});
  Tensor x1 = iota({1, 1, 6}, 1.0f);
  expectTensorNear(
      run(ref::evalAveragePool, x1,
          makeAttrs({{"kernel_shape", Ints{2}}, {"dilations", Ints{2}}})),
      {1, 1, 4}, {2, 3, 4, 5});
  // SAME_LOWER pads count as padding for count_include_pad.
  Tensor x2 = Tensor::fromVector<float>({1, 1, 3}, {2, 4, 6});
  expectTensorNear(run(ref::evalAveragePool, x2,
                       makeAttrs({{"kernel_shape", Ints{2}},
                                  {"auto_pad", std::string("SAME_LOWER")},
                                  {"count_include_pad", int64_t(1)}})),
                   {1, 1, 3}, {1, 3, 5});
}

TEST(ConvPoolAveragePool, BatchChannelsAndTypes) {
  Tensor x =
      Tensor::fromVector<double>({2, 2, 2}, {1, 3, 5, 7, -2, -4, 0.5, 0.25});
  Tensor y =
      run(ref::evalAveragePool, x, makeAttrs({{"kernel_shape", Ints{2}}}));
  ASSERT_EQ(y.dtype(), DType::F64);
  expectTensorNear(y, {2, 2, 1}, {2, 6, -3, 0.375});
  Tensor h =
      castTensor(Tensor::fromVector<float>({1, 1, 2}, {1, 2}), DType::F16);
  y = run(ref::evalAveragePool, h, makeAttrs({{"kernel_shape", Ints{2}}}));
  ASSERT_EQ(y.dtype(), DType::F16);
  expectTensorNear(y, {1, 1, 1}, {1.5});
}

TEST(ConvPoolAveragePool, Errors) {
  Tensor x = iota({1, 1, 4, 4});
  expectError(ref::evalAveragePool, x,
              makeAttrs({{"kernel_shape", Ints{2, 2}},
                         {"count_include_pad", int64_t(3)}}));
  expectError(
      ref::evalAveragePool, x,
      makeAttrs({{"kernel_shape", Ints{2, 2}}, {"pads", Ints{1, 1, 1}}}));
  expectError(ref::evalAveragePool, castTensor(x, DType::U8),
              makeAttrs({{"kernel_shape", Ints{2, 2}}}));
  expectError(ref::evalAveragePool, x,
              makeAttrs({{"kernel_shape", Ints{2, 2}},
                         {"auto_pad", std::string("same_upper")}}));
}

//===----------------------------------------------------------------------===//
// LpPool
//===----------------------------------------------------------------------===//

TEST(ConvPoolLpPool, NormsOverWindows) {
  Tensor x = Tensor::fromVector<float>({1, 1, 4}, {3, 4, 0, -5});
  expectTensorNear(
      run(ref::evalLpPool, x, makeAttrs({{"kernel_shape", Ints{2}}})),
      {1, 1, 3}, {5, 4, 5});
  expectTensorNear(
      run(ref::evalLpPool, x,
          makeAttrs({{"kernel_shape", Ints{2}}, {"p", int64_t(1)}})),
      {1, 1, 3}, {7, 4, 5});
  Tensor x2 = Tensor::fromVector<float>({1, 1, 2}, {1, 2});
  expectTensorNear(
      run(ref::evalLpPool, x2,
          makeAttrs({{"kernel_shape", Ints{2}}, {"p", int64_t(3)}})),
      {1, 1, 1}, {2.0800838230519041});
  // Padding adds nothing; strides and 2-D windows.
  Tensor x3 = Tensor::fromVector<float>({1, 1, 2, 2}, {1, 2, 2, 4});
  expectTensorNear(run(ref::evalLpPool, x3,
                       makeAttrs({{"kernel_shape", Ints{2, 2}},
                                  {"pads", Ints{1, 1, 1, 1}},
                                  {"strides", Ints{2, 2}}})),
                   {1, 1, 2, 2}, {1, 2, 2, 4});
}

TEST(ConvPoolLpPool, Errors) {
  Tensor x = iota({1, 1, 4});
  expectError(ref::evalLpPool, x,
              makeAttrs({{"kernel_shape", Ints{2}}, {"p", int64_t(0)}}));
  expectError(ref::evalLpPool, x, AttrMap());
}

//===----------------------------------------------------------------------===//
// Global pools
//===----------------------------------------------------------------------===//

TEST(ConvPoolGlobal, AllThreeReductions) {
  Tensor x = iota({1, 2, 2, 2}, 1.0f);
  expectTensorNear(run(ref::evalGlobalAveragePool, x, AttrMap()), {1, 2, 1, 1},
                   {2.5, 6.5});
  expectTensorNear(run(ref::evalGlobalMaxPool, x, AttrMap()), {1, 2, 1, 1},
                   {4, 8});
  expectTensorNear(run(ref::evalGlobalLpPool, x, AttrMap()), {1, 2, 1, 1},
                   {5.477225575051661, 13.190905958272919});
  expectTensorNear(
      run(ref::evalGlobalLpPool, x, makeAttrs({{"p", int64_t(1)}})),
      {1, 2, 1, 1}, {10, 26});
}

TEST(ConvPoolGlobal, OneAndThreeSpatialDims) {
  Tensor x = Tensor::fromVector<float>({2, 1, 3}, {-1, -5, -2, 7, 0, 2});
  expectTensorNear(run(ref::evalGlobalMaxPool, x, AttrMap()), {2, 1, 1},
                   {-1, 7});
  expectTensorNear(run(ref::evalGlobalAveragePool, x, AttrMap()), {2, 1, 1},
                   {-8.0 / 3, 3});
  Tensor x3 = iota({1, 1, 2, 2, 2});
  expectTensorNear(run(ref::evalGlobalAveragePool, x3, AttrMap()),
                   {1, 1, 1, 1, 1}, {3.5});
}

TEST(ConvPoolGlobal, Errors) {
  Tensor x2 = iota({2, 3});
  expectError(ref::evalGlobalAveragePool, x2, AttrMap());
  expectError(ref::evalGlobalMaxPool, x2, AttrMap());
  Tensor xi = castTensor(iota({1, 1, 2}), DType::I64);
  expectError(ref::evalGlobalMaxPool, xi, AttrMap());
  expectError(ref::evalGlobalLpPool, iota({1, 1, 2}),
              makeAttrs({{"p", int64_t(-2)}}));
}

//===----------------------------------------------------------------------===//
// Odd sizes against naive 1-D pools
//===----------------------------------------------------------------------===//

class PoolOddSizes : public ::testing::TestWithParam<
                         std::tuple<int64_t, int64_t, int64_t, int64_t, bool>> {
};

TEST_P(PoolOddSizes, MatchesNaiveLoops) {
  auto [length, k, stride, pad, includePad] = GetParam();
  std::vector<float> xv(length);
  for (int64_t i = 0; i < length; ++i)
    xv[i] = float((i * 5) % 13) - 6.0f;
  std::vector<double> wantMax, wantAvg;
  for (int64_t start = -pad; start + k <= length + pad; start += stride) {
    double best = -1e30, sum = 0;
    int64_t count = 0;
    for (int64_t i = start; i < start + k; ++i) {
      if (i < 0 || i >= length)
        continue;
      best = std::max(best, double(xv[i]));
      sum += xv[i];
      ++count;
    }
    wantMax.push_back(best);
    wantAvg.push_back(sum / double(includePad ? k : count));
  }
  Tensor x = Tensor::fromVector<float>({1, 1, length}, xv);
  AttrMap attrs = makeAttrs({{"kernel_shape", Ints{k}},
                             {"strides", Ints{stride}},
                             {"pads", Ints{pad, pad}},
                             {"count_include_pad", int64_t(includePad)}});
  if (k > length + 2 * pad) {
    // The kernel does not fit in the padded input.
    expectError(ref::evalMaxPool, x, attrs);
    expectError(ref::evalAveragePool, x, attrs);
    return;
  }
  Shape shape{1, 1, int64_t(wantMax.size())};
  if (pad < k) // a window entirely in the padding has no maximum
    expectTensorNear(run(ref::evalMaxPool, x, attrs), shape, wantMax);
  expectTensorNear(run(ref::evalAveragePool, x, attrs), shape, wantAvg);
}

INSTANTIATE_TEST_SUITE_P(ConvPoolPool, PoolOddSizes,
                         ::testing::Combine(::testing::Values(1, 7, 17, 63),
                                            ::testing::Values(1, 2, 3),
                                            ::testing::Values(1, 2, 3),
                                            ::testing::Values(0, 1),
                                            ::testing::Bool()));

} // namespace
