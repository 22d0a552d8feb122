//===- ConvPoolConvTest.cpp - Conv and ConvTranspose kernels --------------===//
//
// Expected values are the worked examples of the ONNX operator docs, small
// cases computed by hand, and a naive 1-D convolution written here for the
// parameterized odd-size sweep.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include <numeric>

using namespace kiln;
using namespace kiln::test;

namespace {

Tensor filled(const Shape &shape, float value) {
  return Tensor::fromVector<float>(
      shape, std::vector<float>(shapeNumElements(shape), value));
}

using Ints = std::vector<int64_t>;

//===----------------------------------------------------------------------===//
// Conv
//===----------------------------------------------------------------------===//

TEST(ConvPoolConv, BasicWithAndWithoutPadding) {
  Tensor x = iota({1, 1, 5, 5});
  Tensor w = filled({1, 1, 3, 3}, 1.0f);
  AttrMap padded =
      makeAttrs({{"kernel_shape", Ints{3, 3}}, {"pads", Ints{1, 1, 1, 1}}});
  expectTensorNear(run(ref::evalConv, {&x, &w}, padded), {1, 1, 5, 5},
                   {12,  21, 27, 33,  24,  33,  54,  63, 72,  51,  63,  99, 108,
                    117, 81, 93, 144, 153, 162, 111, 72, 111, 117, 123, 84});
  // kernel_shape inferred from W, pads default to 0.
  expectTensorNear(run(ref::evalConv, {&x, &w}, AttrMap()), {1, 1, 3, 3},
                   {54, 63, 72, 99, 108, 117, 144, 153, 162});
}

TEST(ConvPoolConv, StridesAndAsymmetricPads) {
  Tensor x = iota({1, 1, 7, 5});
  Tensor w = filled({1, 1, 3, 3}, 1.0f);
  expectTensorNear(
      run(ref::evalConv, {&x, &w},
          makeAttrs({{"pads", Ints{1, 0, 1, 0}}, {"strides", Ints{2, 2}}})),
      {1, 1, 4, 2}, {21, 33, 99, 117, 189, 207, 171, 183});
  expectTensorNear(
      run(ref::evalConv, {&x, &w},
          makeAttrs({{"pads", Ints{1, 1, 1, 1}}, {"strides", Ints{2, 2}}})),
      {1, 1, 4, 3}, {12, 27, 24, 63, 108, 81, 123, 198, 141, 112, 177, 124});
}

TEST(ConvPoolConv, AutoPadSame) {
  Tensor x = iota({1, 1, 5, 5});
  Tensor w = filled({1, 1, 3, 3}, 1.0f);
  // Total pad 2 per dimension: 1 before, 1 after for both SAME variants.
  expectTensorNear(run(ref::evalConv, {&x, &w},
                       makeAttrs({{"auto_pad", std::string("SAME_LOWER")},
                                  {"strides", Ints{2, 2}}})),
                   {1, 1, 3, 3}, {12, 27, 24, 63, 108, 81, 72, 117, 84});
  // 1-D, even kernel: the odd pad goes at the end (UPPER) or start (LOWER).
  Tensor x1 = Tensor::fromVector<float>({1, 1, 4}, {1, 2, 3, 4});
  Tensor w1 = Tensor::fromVector<float>({1, 1, 2}, {1, 10});
  expectTensorNear(run(ref::evalConv, {&x1, &w1},
                       makeAttrs({{"auto_pad", std::string("SAME_UPPER")}})),
                   {1, 1, 4}, {21, 32, 43, 4});
  expectTensorNear(run(ref::evalConv, {&x1, &w1},
                       makeAttrs({{"auto_pad", std::string("SAME_LOWER")}})),
                   {1, 1, 4}, {10, 21, 32, 43});
  expectTensorNear(run(ref::evalConv, {&x1, &w1},
                       makeAttrs({{"auto_pad", std::string("VALID")},
                                  {"pads", Ints{5, 5}}})),
                   {1, 1, 3}, {21, 32, 43});
}

TEST(ConvPoolConv, GroupsBiasAndBatch) {
  // N = 2, C = 2, group = 2: each output channel sees one input channel.
  Tensor x = Tensor::fromVector<float>({2, 2, 3},
                                       {1, 2, 3, 4, 5, 6, -1, -2, -3, 0, 1, 2});
  Tensor w = Tensor::fromVector<float>({2, 1, 2}, {1, 1, 2, -1});
  Tensor b = Tensor::fromVector<float>({2}, {10, 100});
  AttrMap attrs = makeAttrs({{"group", int64_t(2)}});
  // Channel 0: x[i] + x[i+1] + 10; channel 1: 2x[i] - x[i+1] + 100.
  expectTensorNear(run(ref::evalConv, {&x, &w, &b}, attrs), {2, 2, 2},
                   {13, 15, 103, 104, 7, 5, 99, 100});
  // Absent bias.
  expectTensorNear(run(ref::evalConv, {&x, &w, nullptr}, attrs), {2, 2, 2},
                   {3, 5, 3, 4, -3, -5, -1, 0});
}

TEST(ConvPoolConv, DepthwiseWithMultiplier) {
  // group = C = 2, M = 4: output channels 0,1 read input 0; 2,3 read input 1.
  Tensor x = Tensor::fromVector<float>({1, 2, 1, 2}, {1, 2, 3, 4});
  Tensor w = Tensor::fromVector<float>({4, 1, 1, 1}, {1, 2, 3, 4});
  expectTensorNear(
      run(ref::evalConv, {&x, &w}, makeAttrs({{"group", int64_t(2)}})),
      {1, 4, 1, 2}, {1, 2, 2, 4, 9, 12, 12, 16});
}

TEST(ConvPoolConv, FullChannelMixing) {
  // C = 2, M = 2, 1x1 kernel: a per-pixel matrix product.
  Tensor x = Tensor::fromVector<float>({1, 2, 1, 2}, {1, 2, 3, 4});
  Tensor w = Tensor::fromVector<float>({2, 2, 1, 1}, {1, 1, 1, -1});
  expectTensorNear(run(ref::evalConv, {&x, &w}, AttrMap()), {1, 2, 1, 2},
                   {4, 6, -2, -2});
}

TEST(ConvPoolConv, Dilation) {
  Tensor x = iota({1, 1, 7}, 1.0f);
  Tensor w = Tensor::fromVector<float>({1, 1, 2}, {1, 10});
  expectTensorNear(
      run(ref::evalConv, {&x, &w}, makeAttrs({{"dilations", Ints{3}}})),
      {1, 1, 4}, {41, 52, 63, 74});
}

TEST(ConvPoolConv, ThreeDimensional) {
  Tensor x = iota({1, 1, 2, 2, 3});
  Tensor w = filled({1, 1, 2, 2, 2}, 1.0f);
  // Windows start at w = 0 and 1: sums of {0,1,3,4,6,7,9,10} and shifted.
  expectTensorNear(run(ref::evalConv, {&x, &w}, AttrMap()), {1, 1, 1, 1, 2},
                   {40, 48});
}

TEST(ConvPoolConv, HalfAndDouble) {
  Tensor x = castTensor(iota({1, 1, 3, 3}), DType::F16);
  Tensor w = castTensor(filled({1, 1, 2, 2}, 0.5f), DType::F16);
  Tensor y = run(ref::evalConv, {&x, &w}, AttrMap());
  EXPECT_EQ(y.dtype(), DType::F16);
  expectTensorNear(y, {1, 1, 2, 2}, {4, 6, 10, 12});
  Tensor xd = castTensor(iota({1, 1, 3, 3}), DType::F64);
  Tensor wd = castTensor(filled({1, 1, 2, 2}, 0.5f), DType::F64);
  Tensor yd = run(ref::evalConv, {&xd, &wd}, AttrMap());
  EXPECT_EQ(yd.dtype(), DType::F64);
  expectTensorNear(yd, {1, 1, 2, 2}, {4, 6, 10, 12});
}

TEST(ConvPoolConv, Errors) {
  Tensor x = iota({1, 2, 5, 5});
  Tensor w = filled({1, 2, 3, 3}, 1.0f);
  Tensor wBadC = filled({1, 3, 3, 3}, 1.0f);
  Tensor wBadRank = filled({1, 2, 3}, 1.0f);
  Tensor b = filled({2}, 1.0f);
  Tensor x2 = iota({2, 5});
  Tensor xi = castTensor(x, DType::I32), wi = castTensor(w, DType::I32);
  EXPECT_NE(runError(ref::evalConv, {&x, &wBadC}, AttrMap()).find("W"),
            std::string::npos);
  runError(ref::evalConv, {&x, &wBadRank}, AttrMap());
  runError(ref::evalConv, {&x, &w, &b}, AttrMap()); // B must have M = 1
  runError(ref::evalConv, {&x2, &w}, AttrMap());
  runError(ref::evalConv, {&xi, &wi}, AttrMap());
  runError(ref::evalConv, {&x, &w}, makeAttrs({{"pads", Ints{1, 1}}}));
  runError(ref::evalConv, {&x, &w}, makeAttrs({{"pads", Ints{-1, 0, 0, 0}}}));
  runError(ref::evalConv, {&x, &w}, makeAttrs({{"strides", Ints{0, 1}}}));
  runError(ref::evalConv, {&x, &w}, makeAttrs({{"group", int64_t(3)}}));
  runError(ref::evalConv, {&x, &w}, makeAttrs({{"group", int64_t(0)}}));
  runError(ref::evalConv, {&x, &w}, makeAttrs({{"kernel_shape", Ints{2, 2}}}));
  runError(ref::evalConv, {&x, &w},
           makeAttrs({{"auto_pad", std::string("SAME")}}));
  runError(ref::evalConv, {&x, &w},
           makeAttrs({{"dilations", Ints{4, 4}}})); // dilated kernel 9 > 5
  runError(ref::evalConv, {&x}, AttrMap());         // W missing
}

/// Naive 1-D convolution of one channel for the odd-size sweep.
std::vector<double> naiveConv1d(const std::vector<float> &x,
                                const std::vector<float> &w, int64_t stride,
                                int64_t pad, int64_t dilation, float bias) {
  int64_t n = x.size(), k = w.size();
  std::vector<double> y;
  for (int64_t start = -pad; start + (k - 1) * dilation <= n - 1 + pad;
       start += stride) {
    double acc = bias;
    for (int64_t j = 0; j < k; ++j) {
      int64_t i = start + j * dilation;
      if (i >= 0 && i < n)
        acc += double(x[i]) * w[j];
    }
    y.push_back(acc);
  }
  return y;
}

class ConvOddSizes
    : public ::testing::TestWithParam<
          std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t>> {};

TEST_P(ConvOddSizes, MatchesNaiveLoop) {
  auto [length, k, stride, pad, dilation] = GetParam();
  std::vector<float> xv(length), wv(k);
  for (int64_t i = 0; i < length; ++i)
    xv[i] = float((i * 7) % 11) - 5.0f;
  for (int64_t j = 0; j < k; ++j)
    wv[j] = 0.5f * float(j + 1) - 1.0f;
  Tensor x = Tensor::fromVector<float>({1, 1, length}, xv);
  Tensor w = Tensor::fromVector<float>({1, 1, k}, wv);
  Tensor b = Tensor::fromVector<float>({1}, {0.25f});
  AttrMap attrs = makeAttrs({{"strides", Ints{stride}},
                             {"pads", Ints{pad, pad}},
                             {"dilations", Ints{dilation}}});
  if ((k - 1) * dilation + 1 > length + 2 * pad) {
    // The dilated kernel does not fit in the padded input.
    runError(ref::evalConv, {&x, &w, &b}, attrs);
    return;
  }
  std::vector<double> want = naiveConv1d(xv, wv, stride, pad, dilation, 0.25f);
  expectTensorNear(run(ref::evalConv, {&x, &w, &b}, attrs),
                   {1, 1, int64_t(want.size())}, want);
}

INSTANTIATE_TEST_SUITE_P(ConvPoolConv, ConvOddSizes,
                         ::testing::Combine(::testing::Values(1, 7, 17, 63),
                                            ::testing::Values(1, 3, 4),
                                            ::testing::Values(1, 2),
                                            ::testing::Values(0, 1),
                                            ::testing::Values(1, 2)));

//===----------------------------------------------------------------------===//
// ConvTranspose
//===----------------------------------------------------------------------===//

TEST(ConvPoolConvTranspose, Basic2dAnd1d) {
  Tensor x = iota({1, 1, 3, 3});
  Tensor w = filled({1, 2, 3, 3}, 1.0f);
  std::vector<double> plane{0,  1,  3, 3,  2,  3,  8,  15, 12, 7,  9,  21, 36,
                            27, 15, 9, 20, 33, 24, 13, 6,  13, 21, 15, 8};
  std::vector<double> both = plane;
  both.insert(both.end(), plane.begin(), plane.end());
  expectTensorNear(run(ref::evalConvTranspose, {&x, &w}, AttrMap()),
                   {1, 2, 5, 5}, both);
  Tensor x1 = iota({1, 1, 3});
  Tensor w1 = filled({1, 2, 3}, 1.0f);
  expectTensorNear(run(ref::evalConvTranspose, {&x1, &w1}, AttrMap()),
                   {1, 2, 5}, {0, 1, 3, 3, 2, 0, 1, 3, 3, 2});
}

TEST(ConvPoolConvTranspose, StridesAndPads) {
  Tensor x = iota({1, 1, 3, 3});
  Tensor w = filled({1, 1, 3, 3}, 1.0f);
  expectTensorNear(
      run(ref::evalConvTranspose, {&x, &w},
          makeAttrs({{"strides", Ints{3, 2}}, {"pads", Ints{1, 2, 1, 2}}})),
      {1, 1, 7, 3},
      {1, 1, 3, 1, 1, 3, 7, 4, 9, 7, 4, 9, 7, 4, 9, 13, 7, 15, 13, 7, 15});
}

TEST(ConvPoolConvTranspose, OutputShapeAndOutputPadding) {
  Tensor x = iota({1, 1, 3, 3});
  Tensor w = filled({1, 1, 3, 3}, 1.0f);
  std::vector<double> want{0, 0, 1,  1, 3,  2, 2, 0, 0, 0, 1,  1, 3,  2, 2, 0,
                           0, 0, 1,  1, 3,  2, 2, 0, 3, 3, 7,  4, 9,  5, 5, 0,
                           3, 3, 7,  4, 9,  5, 5, 0, 3, 3, 7,  4, 9,  5, 5, 0,
                           6, 6, 13, 7, 15, 8, 8, 0, 6, 6, 13, 7, 15, 8, 8, 0,
                           6, 6, 13, 7, 15, 8, 8, 0, 0, 0, 0,  0, 0,  0, 0, 0};
  expectTensorNear(
      run(ref::evalConvTranspose, {&x, &w},
          makeAttrs({{"strides", Ints{3, 2}}, {"output_shape", Ints{10, 8}}})),
      {1, 1, 10, 8}, want);
  expectTensorNear(
      run(ref::evalConvTranspose, {&x, &w},
          makeAttrs({{"strides", Ints{3, 2}}, {"output_padding", Ints{1, 1}}})),
      {1, 1, 10, 8}, want);
  // The full N x C x ... form of output_shape is accepted too.
  expectTensorNear(run(ref::evalConvTranspose, {&x, &w},
                       makeAttrs({{"strides", Ints{3, 2}},
                                  {"output_shape", Ints{1, 1, 10, 8}}})),
                   {1, 1, 10, 8}, want);
}

TEST(ConvPoolConvTranspose, Dilations) {
  Tensor x =
      Tensor::fromVector<float>({1, 1, 3, 3}, {3, 8, 1, 9, 5, 7, 3, 2, 6});
  Tensor w = Tensor::fromVector<float>({1, 1, 2, 2}, {7, 2, 1, 9});
  expectTensorNear(run(ref::evalConvTranspose, {&x, &w},
                       makeAttrs({{"dilations", Ints{2, 2}}})),
                   {1, 1, 5, 5},
                   {21, 56, 13, 16, 2,  63, 35, 67, 10, 14, 24, 22, 76,
                    76, 21, 9,  5,  88, 45, 63, 3,  2,  33, 18, 54});
}

TEST(ConvPoolConvTranspose, AutoPadSameUpper) {
  Tensor x = iota({1, 1, 3, 3});
  Tensor w = filled({1, 1, 3, 3}, 1.0f);
  expectTensorNear(run(ref::evalConvTranspose, {&x, &w},
                       makeAttrs({{"auto_pad", std::string("SAME_UPPER")},
                                  {"strides", Ints{2, 2}}})),
                   {1, 1, 6, 6}, {0, 0, 1,  1,  3,  2,  0, 0, 1,  1, 3,  2,
                                  3, 3, 8,  5,  12, 7,  3, 3, 7,  4, 9,  5,
                                  9, 9, 20, 11, 24, 13, 6, 6, 13, 7, 15, 8});
}

TEST(ConvPoolConvTranspose, GroupsBiasAndBatch) {
  // N = 2, C = 2, group = 2, M = 2: y[c] = x[c] * w[c] + b[c], kernel 1.
  Tensor x = Tensor::fromVector<float>({2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  Tensor w = Tensor::fromVector<float>({2, 1, 1}, {2, -1});
  Tensor b = Tensor::fromVector<float>({2}, {0.5f, 1});
  expectTensorNear(run(ref::evalConvTranspose, {&x, &w, &b},
                       makeAttrs({{"group", int64_t(2)}})),
                   {2, 2, 2}, {2.5, 4.5, -2, -3, 10.5, 12.5, -6, -7});
  // Stride 2, kernel 1 leaves holes holding the bias only.
  Tensor x1 = Tensor::fromVector<float>({1, 1, 2}, {1, 2});
  Tensor w1 = Tensor::fromVector<float>({1, 1, 1}, {3});
  Tensor b1 = Tensor::fromVector<float>({1}, {1});
  expectTensorNear(run(ref::evalConvTranspose, {&x1, &w1, &b1},
                       makeAttrs({{"strides", Ints{2}}})),
                   {1, 1, 3}, {4, 1, 7});
}

TEST(ConvPoolConvTranspose, Errors) {
  Tensor x = iota({1, 2, 3, 3});
  Tensor w = filled({2, 1, 3, 3}, 1.0f);
  Tensor wBad = filled({3, 1, 3, 3}, 1.0f);
  Tensor bBad = filled({2}, 1.0f);
  runError(ref::evalConvTranspose, {&x, &wBad}, AttrMap());
  runError(ref::evalConvTranspose, {&x, &w, &bBad}, AttrMap()); // M = 1
  runError(ref::evalConvTranspose, {&x, &w},
           makeAttrs({{"output_padding", Ints{1}}}));
  runError(ref::evalConvTranspose, {&x, &w},
           makeAttrs({{"output_shape", Ints{5, 5, 5}}}));
  runError(ref::evalConvTranspose, {&x, &w},
           makeAttrs({{"pads", Ints{3, 3, 3, 3}}})); // negative output
  runError(ref::evalConvTranspose, {&x, &w},
           makeAttrs({{"group", int64_t(4)}}));
  runError(ref::evalConvTranspose, {&x, &w},
           makeAttrs({{"strides", Ints{int64_t(1) << 40, 1}}}));
}

} // namespace
