//===- SequenceSpectralTest.cpp - DFT and STFT kernels --------------------===//
//
// Transforms of short signals worked out by hand (x = 1, 2, 3, 4 has the
// DFT 10, -2 + 2i, -2, -2 - 2i) and a few values from numpy.fft.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

using namespace kiln;
using namespace kiln::test;

namespace {

//===----------------------------------------------------------------------===//
// DFT
//===----------------------------------------------------------------------===//

TEST(DFT, RealSignalDefaultAxis) {
  // Axis defaults to -2: the signal dimension of 1 x 4 x 1.
  Tensor x = Tensor::fromVector<float>({1, 4, 1}, {1, 2, 3, 4});
  Tensor y = run(ref::evalDFT, {&x}, AttrMap());
  expectTensorNear(y, {1, 4, 2}, {10, 0, -2, 2, -2, 0, -2, -2}, 1e-5);
}

TEST(DFT, OnesidedKeepsHalfPlusOne) {
  Tensor x = Tensor::fromVector<float>({1, 4, 1}, {1, 2, 3, 4});
  Tensor y = run(ref::evalDFT, {&x}, makeAttrs({{"onesided", int64_t(1)}}));
  expectTensorNear(y, {1, 3, 2}, {10, 0, -2, 2, -2, 0}, 1e-5);
}

TEST(DFT, InverseOfComplexRestoresSignal) {
  Tensor x =
      Tensor::fromVector<double>({1, 4, 2}, {10, 0, -2, 2, -2, 0, -2, -2});
  Tensor y = run(ref::evalDFT, {&x}, makeAttrs({{"inverse", int64_t(1)}}));
  EXPECT_EQ(y.dtype(), DType::F64);
  expectTensorNear(y, {1, 4, 2}, {1, 0, 2, 0, 3, 0, 4, 0}, 1e-12);
}

TEST(DFT, LengthPadsOrTruncates) {
  Tensor x = Tensor::fromVector<float>({1, 4, 1}, {1, 2, 3, 4});
  Tensor two = Tensor::scalar<int64_t>(2);
  // Truncated to [1, 2]: 3, -1.
  expectTensorNear(run(ref::evalDFT, {&x, &two}, AttrMap()), {1, 2, 2},
                   {3, 0, -1, 0}, 1e-5);
  Tensor six = Tensor::fromVector<int64_t>({1}, {6});
  // numpy.fft.fft([1, 2, 3, 4], 6).
  expectTensorNear(run(ref::evalDFT, {&x, &six}, AttrMap()), {1, 6, 2},
                   {10, 0, -3.5, -4.33012702, 2.5, 0.866025404, -2, 0, 2.5,
                    -0.866025404, -3.5, 4.33012702},
                   1e-5);
}

TEST(DFT, ExplicitAxisOverBatchOfSignals) {
  // 2 x 3 x 1 along axis 0: each column [a, b] -> [a + b, a - b].
  Tensor x = Tensor::fromVector<float>({2, 3, 1}, {1, 2, 3, 10, 20, 30});
  Tensor axis = Tensor::scalar<int64_t>(0);
  Tensor y = run(ref::evalDFT, {&x, nullptr, &axis}, AttrMap());
  expectTensorNear(y, {2, 3, 2}, {11, 0, 22, 0, 33, 0, -9, 0, -18, 0, -27, 0},
                   1e-5);
  // Axis -3 is the same dimension.
  Tensor neg = Tensor::scalar<int64_t>(-3);
  expectTensorNear(run(ref::evalDFT, {&x, nullptr, &neg}, AttrMap()), {2, 3, 2},
                   {11, 0, 22, 0, 33, 0, -9, 0, -18, 0, -27, 0}, 1e-5);
}

TEST(DFT, OddLengthSeven) {
  // numpy.fft.fft([1..7])[:4].
  Tensor x = Tensor::fromVector<float>({1, 7, 1}, {1, 2, 3, 4, 5, 6, 7});
  Tensor y = run(ref::evalDFT, {&x}, makeAttrs({{"onesided", int64_t(1)}}));
  expectTensorNear(
      y, {1, 4, 2},
      {28, 0, -3.5, 7.26782489, -3.5, 2.79115686, -3.5, 0.79885216}, 1e-5);
}

TEST(DFT, Errors) {
  Tensor x = Tensor::fromVector<float>({1, 4, 3}, std::vector<float>(12));
  EXPECT_TRUE(
      contains(runError(ref::evalDFT, {&x}, AttrMap()), "last dimension of 1"));
  Tensor ok = Tensor::fromVector<float>({1, 4, 1}, {1, 2, 3, 4});
  Tensor last = Tensor::scalar<int64_t>(-1);
  EXPECT_TRUE(contains(runError(ref::evalDFT, {&ok, nullptr, &last}, AttrMap()),
                       "expected axis in [-3, -2] or [0, 1], found -1"));
  Tensor zero = Tensor::scalar<int64_t>(0);
  EXPECT_TRUE(contains(runError(ref::evalDFT, {&ok, &zero}, AttrMap()),
                       "transform length"));
  Tensor xi = Tensor::fromVector<int32_t>({1, 1, 1}, {1});
  EXPECT_TRUE(contains(runError(ref::evalDFT, {&xi}, AttrMap()), "float"));
  EXPECT_TRUE(contains(
      runError(ref::evalDFT, {&ok}, makeAttrs({{"inverse", int64_t(3)}})),
      "'inverse'"));
}

//===----------------------------------------------------------------------===//
// STFT
//===----------------------------------------------------------------------===//

TEST(STFT, FramesWithoutWindow) {
  // Frames [0..3], [2..5], [4..7]: X0 = sum, X1 = -2 + 2i, X2 = -2.
  Tensor x = Tensor::fromVector<float>({1, 8, 1}, {0, 1, 2, 3, 4, 5, 6, 7});
  Tensor step = Tensor::scalar<int64_t>(2);
  Tensor len = Tensor::scalar<int64_t>(4);
  Tensor y = run(ref::evalSTFT, {&x, &step, nullptr, &len}, AttrMap());
  expectTensorNear(
      y, {1, 3, 3, 2},
      {6, 0, -2, 2, -2, 0, 14, 0, -2, 2, -2, 0, 22, 0, -2, 2, -2, 0}, 1e-5);
}

TEST(STFT, WindowAndTwoSided) {
  // Window [0, 1, 1, 0] on frame [0, 1, 2, 3] -> [0, 1, 2, 0]:
  // X0 = 3, X1 = -i - 2, X2 = -1 + 2 = 1, X3 = i - 2.
  Tensor x = Tensor::fromVector<float>({1, 4, 1}, {0, 1, 2, 3});
  Tensor step = Tensor::scalar<int64_t>(1);
  Tensor window = Tensor::fromVector<float>({4}, {0, 1, 1, 0});
  Tensor y = run(ref::evalSTFT, {&x, &step, &window},
                 makeAttrs({{"onesided", int64_t(0)}}));
  expectTensorNear(y, {1, 1, 4, 2}, {3, 0, -2, -1, 1, 0, -2, 1}, 1e-5);
}

TEST(STFT, Errors) {
  Tensor x = Tensor::fromVector<float>({1, 4, 1}, {0, 1, 2, 3});
  Tensor step = Tensor::scalar<int64_t>(1);
  EXPECT_TRUE(contains(runError(ref::evalSTFT, {&x, &step}, AttrMap()),
                       "window or a frame_length"));
  Tensor len = Tensor::scalar<int64_t>(5);
  EXPECT_TRUE(
      contains(runError(ref::evalSTFT, {&x, &step, nullptr, &len}, AttrMap()),
               "frame_length in [1, 4]"));
  Tensor zero = Tensor::scalar<int64_t>(0);
  Tensor len2 = Tensor::scalar<int64_t>(2);
  EXPECT_TRUE(
      contains(runError(ref::evalSTFT, {&x, &zero, nullptr, &len2}, AttrMap()),
               "frame_step >= 1"));
  Tensor window = Tensor::fromVector<float>({3}, {1, 1, 1});
  EXPECT_TRUE(
      contains(runError(ref::evalSTFT, {&x, &step, &window, &len2}, AttrMap()),
               "frame_length 2"));
}

} // namespace
