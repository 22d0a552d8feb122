//===- MiscQuantTest.cpp - Quantization and integer MatMul / Conv tests ---===//
//
// Expected values come from numpy (rint, clip) or by hand: halves to even,
// saturation at both ends, per-axis and blocked parameters, the default u8
// type, integer matmul batching and zero points, integer convolution with
// padding, groups and per-channel zero points, and requantization.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

using namespace kiln;
using namespace kiln::test;

TEST(QuantizeLinear, HalvesToEvenAndSaturation) {
  Tensor x = Tensor::fromVector<float>(
      {11}, {0, 2, 3, 1000, -254, -1000, 2.5f, 3.5f, -2.5f, 1, 5});
  Tensor s = Tensor::scalar<float>(2);
  Tensor zp = Tensor::scalar<uint8_t>(128);
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalQuantizeLinear, {&x, &s, &zp}, AttrMap(), out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::U8);
  expectTensorNear(out[0], {11},
                   {128, 129, 130, 255, 1, 0, 129, 130, 127, 128, 130});
  Tensor zi = Tensor::scalar<int8_t>(-1);
  ASSERT_TRUE(
      runKernel(ref::evalQuantizeLinear, {&x, &s, &zi}, AttrMap(), out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::I8);
  expectTensorNear(out[0], {11}, {-1, 0, 1, 127, -128, -128, 0, 1, -2, -1, 1});
}

TEST(QuantizeLinear, DefaultZeroPointIsU8AndOutputDtype) {
  Tensor x = Tensor::fromVector<float>({3}, {-1, 0.4f, 300});
  Tensor s = Tensor::scalar<float>(1);
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalQuantizeLinear, {&x, &s, nullptr}, AttrMap(), out)
          .isOk());
  EXPECT_EQ(out[0].dtype(), DType::U8);
  expectTensorNear(out[0], {3}, {0, 0, 255});
  AttrMap attrs;
  attrs.set("output_dtype", int64_t(3)); // INT8
  ASSERT_TRUE(
      runKernel(ref::evalQuantizeLinear, {&x, &s, nullptr}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::I8);
  expectTensorNear(out[0], {3}, {-1, 0, 127});
  attrs.set("output_dtype", int64_t(1)); // FLOAT is not a quantized type
  EXPECT_TRUE(runKernel(ref::evalQuantizeLinear, {&x, &s, nullptr}, attrs, out)
                  .isError());
}

TEST(QuantizeLinear, PerAxisDefaultAndNegative) {
  Tensor x = Tensor::fromVector<float>({2, 3}, {1, 2, 3, -4, 5, 6});
  Tensor s = Tensor::fromVector<float>({3}, {1, 2, 4});
  Tensor zp = Tensor::fromVector<int8_t>({3}, {0, 10, -10});
  std::vector<Tensor> out;
  // The default axis is 1.
  ASSERT_TRUE(
      runKernel(ref::evalQuantizeLinear, {&x, &s, &zp}, AttrMap(), out).isOk());
  expectTensorNear(out[0], {2, 3}, {1, 11, -9, -4, 12, -8});
  AttrMap attrs;
  attrs.set("axis", int64_t(-1));
  ASSERT_TRUE(
      runKernel(ref::evalQuantizeLinear, {&x, &s, &zp}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 3}, {1, 11, -9, -4, 12, -8});
  // Along axis 0 the scale needs 2 elements.
  attrs.set("axis", int64_t(0));
  EXPECT_TRUE(
      runKernel(ref::evalQuantizeLinear, {&x, &s, &zp}, attrs, out).isError());
  attrs.set("axis", int64_t(2));
  EXPECT_TRUE(
      runKernel(ref::evalQuantizeLinear, {&x, &s, &zp}, attrs, out).isError());
}

TEST(QuantizeLinear, Blocked) {
  // x [1, 5] with blocks of 2 along axis 1: scales [1, 3] -> 1, 2, 4.
  Tensor x = Tensor::fromVector<float>({1, 5}, {3, 3, 3, 3, 3});
  Tensor s = Tensor::fromVector<float>({1, 3}, {1, 2, 4});
  AttrMap attrs;
  attrs.set("axis", int64_t(1));
  attrs.set("block_size", int64_t(2));
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalQuantizeLinear, {&x, &s, nullptr}, attrs, out).isOk());
  // 3/1 = 3; 3/2 = 1.5 -> 2; 3/4 = 0.75 -> 1.
  expectTensorNear(out[0], {1, 5}, {3, 3, 2, 2, 1});
  Tensor bad = Tensor::fromVector<float>({1, 2}, {1, 2});
  EXPECT_TRUE(
      runKernel(ref::evalQuantizeLinear, {&x, &bad, nullptr}, attrs, out)
          .isError());
}

TEST(DequantizeLinear, PerTensorPerAxisAndTypes) {
  Tensor x = Tensor::fromVector<uint8_t>({4}, {0, 3, 128, 255});
  Tensor s = Tensor::scalar<float>(2);
  Tensor zp = Tensor::scalar<uint8_t>(128);
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalDequantizeLinear, {&x, &s, &zp}, AttrMap(), out)
          .isOk());
  EXPECT_EQ(out[0].dtype(), DType::F32);
  expectTensorNear(out[0], {4}, {-256, -250, 0, 254});
  // No zero point; i32 input.
  Tensor xi = Tensor::fromVector<int32_t>({2}, {-7, 100000});
  Tensor sd = Tensor::scalar<double>(0.5);
  ASSERT_TRUE(
      runKernel(ref::evalDequantizeLinear, {&xi, &sd, nullptr}, AttrMap(), out)
          .isOk());
  EXPECT_EQ(out[0].dtype(), DType::F64);
  expectTensorNear(out[0], {2}, {-3.5, 50000});
  // Per axis 0 of a [2, 2] i8 tensor.
  Tensor x2 = Tensor::fromVector<int8_t>({2, 2}, {-128, 127, 1, 2});
  Tensor s2 = Tensor::fromVector<float>({2}, {1, 10});
  Tensor z2 = Tensor::fromVector<int8_t>({2}, {0, -1});
  AttrMap attrs;
  attrs.set("axis", int64_t(0));
  ASSERT_TRUE(
      runKernel(ref::evalDequantizeLinear, {&x2, &s2, &z2}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 2}, {-128, 127, 20, 30});
}

TEST(DequantizeLinear, Errors) {
  Tensor x = Tensor::fromVector<uint8_t>({2}, {1, 2});
  Tensor s = Tensor::scalar<float>(1);
  Tensor zi8 = Tensor::scalar<int8_t>(0);
  std::vector<Tensor> out;
  EXPECT_TRUE(
      runKernel(ref::evalDequantizeLinear, {&x, &s, &zi8}, AttrMap(), out)
          .isError());
  Tensor xf = Tensor::fromVector<float>({2}, {1, 2});
  EXPECT_TRUE(
      runKernel(ref::evalDequantizeLinear, {&xf, &s, nullptr}, AttrMap(), out)
          .isError());
  Tensor s3 = Tensor::fromVector<float>({3}, {1, 2, 3});
  EXPECT_TRUE(
      runKernel(ref::evalDequantizeLinear, {&x, &s3, nullptr}, AttrMap(), out)
          .isError());
}

TEST(DynamicQuantizeLinear, MatchesOnnxFormula) {
  Tensor x = Tensor::fromVector<float>({6}, {0, 2, -3, -2.5f, 1.34f, 0.5f});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalDynamicQuantizeLinear, {&x}, AttrMap(), out, 3)
                  .isOk());
  expectTensorNear(out[0], {6}, {153, 255, 0, 26, 221, 179});
  expectTensorNear(out[1], {}, {0.019607844}, 1e-9);
  expectTensorNear(out[2], {}, {153});
  // All positive: the range still contains 0, so the zero point is 0.
  Tensor pos = Tensor::fromVector<float>({2}, {1, 2.55f});
  ASSERT_TRUE(
      runKernel(ref::evalDynamicQuantizeLinear, {&pos}, AttrMap(), out, 3)
          .isOk());
  expectTensorNear(out[0], {2}, {100, 255});
  expectTensorNear(out[2], {}, {0});
  // All zero: scale 0 and everything 0.
  Tensor zero(DType::F32, {3});
  ASSERT_TRUE(
      runKernel(ref::evalDynamicQuantizeLinear, {&zero}, AttrMap(), out, 3)
          .isOk());
  expectTensorNear(out[0], {3}, {0, 0, 0});
  Tensor i = Tensor::fromVector<int32_t>({1}, {1});
  EXPECT_TRUE(runKernel(ref::evalDynamicQuantizeLinear, {&i}, AttrMap(), out, 3)
                  .isError());
}

TEST(MatMulInteger, ZeroPointsPerTensorRowAndColumn) {
  Tensor a = Tensor::fromVector<uint8_t>(
      {4, 3}, {11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0});
  Tensor b = Tensor::fromVector<uint8_t>({3, 2}, {1, 4, 2, 5, 3, 6});
  Tensor az = Tensor::scalar<uint8_t>(12);
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalMatMulInteger, {&a, &b, &az, nullptr}, AttrMap(), out)
          .isOk());
  EXPECT_EQ(out[0].dtype(), DType::I32);
  expectTensorNear(out[0], {4, 2}, {-38, -83, -44, -98, -50, -113, -56, -128});
  Tensor azRows = Tensor::fromVector<uint8_t>({4}, {1, 2, 3, 4});
  Tensor bzCols = Tensor::fromVector<uint8_t>({2}, {1, 2});
  ASSERT_TRUE(runKernel(ref::evalMatMulInteger, {&a, &b, &azRows, &bzCols},
                        AttrMap(), out)
                  .isOk());
  expectTensorNear(out[0], {4, 2}, {10, 46, 4, 28, -2, 10, -8, -8});
}

TEST(MatMulInteger, BatchingAndVectors) {
  // A [2, 1, 2] (i8) x B [2, 1] broadcast over the batch.
  Tensor a = Tensor::fromVector<int8_t>({2, 1, 2}, {-128, 127, 3, -4});
  Tensor b = Tensor::fromVector<int8_t>({2, 1}, {2, 3});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalMatMulInteger, {&a, &b, nullptr, nullptr},
                        AttrMap(), out)
                  .isOk());
  expectTensorNear(out[0], {2, 1, 1}, {-256 + 381, 6 - 12});
  // 1-D x 1-D is a dot product of rank 0.
  Tensor v = Tensor::fromVector<int8_t>({2}, {5, 6});
  ASSERT_TRUE(runKernel(ref::evalMatMulInteger, {&v, &v, nullptr, nullptr},
                        AttrMap(), out)
                  .isOk());
  expectTensorNear(out[0], {}, {61});
  Tensor bad = Tensor::fromVector<int8_t>({3, 1}, {1, 2, 3});
  EXPECT_TRUE(runKernel(ref::evalMatMulInteger, {&a, &bad, nullptr, nullptr},
                        AttrMap(), out)
                  .isError());
  Tensor f = Tensor::fromVector<float>({2, 1}, {1, 2});
  EXPECT_TRUE(runKernel(ref::evalMatMulInteger, {&a, &f, nullptr, nullptr},
                        AttrMap(), out)
                  .isError());
}

TEST(QLinearMatMul, OnnxExample) {
  Tensor a =
      Tensor::fromVector<uint8_t>({2, 4}, {208, 236, 0, 238, 3, 214, 255, 29});
  Tensor b = Tensor::fromVector<uint8_t>(
      {4, 3}, {152, 51, 244, 60, 26, 255, 0, 127, 246, 127, 254, 247});
  Tensor as = Tensor::fromVector<float>({1}, {0.0066f});
  Tensor az = Tensor::fromVector<uint8_t>({1}, {113});
  Tensor bs = Tensor::fromVector<float>({1}, {0.00705f});
  Tensor bz = Tensor::fromVector<uint8_t>({1}, {114});
  Tensor ys = Tensor::fromVector<float>({1}, {0.0107f});
  Tensor yz = Tensor::fromVector<uint8_t>({1}, {118});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalQLinearMatMul,
                        {&a, &as, &az, &b, &bs, &bz, &ys, &yz}, AttrMap(), out)
                  .isOk());
  EXPECT_EQ(out[0].dtype(), DType::U8);
  expectTensorNear(out[0], {2, 3}, {168, 115, 255, 1, 66, 151});
  EXPECT_TRUE(runKernel(ref::evalQLinearMatMul,
                        {&a, &as, &az, &b, &bs, &bz, &ys, nullptr}, AttrMap(),
                        out)
                  .isError());
}

TEST(ConvInteger, PaddingStridesAndZeroPoint) {
  // x = 2..10 as 3x3, zero point 1; w all ones 2x2.
  Tensor x =
      Tensor::fromVector<uint8_t>({1, 1, 3, 3}, {2, 3, 4, 5, 6, 7, 8, 9, 10});
  Tensor w = Tensor::fromVector<uint8_t>({1, 1, 2, 2}, {1, 1, 1, 1});
  Tensor xz = Tensor::scalar<uint8_t>(1);
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalConvInteger, {&x, &w, &xz, nullptr}, AttrMap(), out)
          .isOk());
  EXPECT_EQ(out[0].dtype(), DType::I32);
  expectTensorNear(out[0], {1, 1, 2, 2}, {12, 16, 24, 28});
  AttrMap attrs;
  attrs.set("pads", std::vector<int64_t>{1, 1, 1, 1});
  ASSERT_TRUE(
      runKernel(ref::evalConvInteger, {&x, &w, &xz, nullptr}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {1, 1, 4, 4},
                   {1, 3, 5, 3, 5, 12, 16, 9, 11, 24, 28, 15, 7, 15, 17, 9});
  attrs.set("strides", std::vector<int64_t>{2, 2});
  ASSERT_TRUE(
      runKernel(ref::evalConvInteger, {&x, &w, &xz, nullptr}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {1, 1, 2, 2}, {1, 5, 11, 28});
  AttrMap same;
  same.set("auto_pad", std::string("SAME_UPPER"));
  ASSERT_TRUE(runKernel(ref::evalConvInteger, {&x, &w, &xz, nullptr}, same, out)
                  .isOk());
  expectTensorNear(out[0], {1, 1, 3, 3}, {12, 16, 9, 24, 28, 15, 15, 17, 9});
}

TEST(ConvInteger, GroupsAndPerChannelWeightZeroPoint) {
  Tensor x = Tensor::fromVector<int8_t>({1, 2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  Tensor w = Tensor::fromVector<int8_t>({2, 1, 1, 1}, {3, 5});
  Tensor wz = Tensor::fromVector<int8_t>({2}, {1, 2});
  AttrMap attrs;
  attrs.set("group", int64_t(2));
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalConvInteger, {&x, &w, nullptr, &wz}, attrs, out)
          .isOk());
  expectTensorNear(out[0], {1, 2, 2, 2}, {2, 4, 6, 8, 15, 18, 21, 24});
  attrs.set("group", int64_t(3));
  EXPECT_TRUE(
      runKernel(ref::evalConvInteger, {&x, &w, nullptr, &wz}, attrs, out)
          .isError());
  Tensor big =
      Tensor::fromVector<int8_t>({1, 1, 3, 3}, {1, 1, 1, 1, 1, 1, 1, 1, 1});
  Tensor x1 = Tensor::fromVector<int8_t>({1, 1, 2, 2}, {1, 1, 1, 1});
  EXPECT_TRUE(runKernel(ref::evalConvInteger, {&x1, &big, nullptr, nullptr},
                        AttrMap(), out)
                  .isError());
}

TEST(QLinearConv, RequantizesWithBias) {
  // 1x1 kernel: y = round((x - 2) * 3 * 0.5 * 1 / 0.25 + B) ... saturated.
  Tensor x = Tensor::fromVector<uint8_t>({1, 1, 1, 4}, {0, 2, 3, 100});
  Tensor xs = Tensor::scalar<float>(0.5f);
  Tensor xz = Tensor::scalar<uint8_t>(2);
  Tensor w = Tensor::fromVector<uint8_t>({1, 1, 1, 1}, {4});
  Tensor ws = Tensor::fromVector<float>({1}, {1});
  Tensor wz = Tensor::fromVector<uint8_t>({1}, {1});
  Tensor ys = Tensor::scalar<float>(0.25f);
  Tensor yz = Tensor::scalar<int8_t>(10);
  Tensor bias = Tensor::fromVector<int32_t>({1}, {1});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalQLinearConv,
                        {&x, &xs, &xz, &w, &ws, &wz, &ys, &yz, &bias},
                        AttrMap(), out)
                  .isOk());
  EXPECT_EQ(out[0].dtype(), DType::I8);
  // acc = (x - 2) * 3 + 1 = -5, 1, 4, 295; * 0.5 / 0.25 = -10, 2, 8, 590.
  expectTensorNear(out[0], {1, 1, 1, 4}, {0, 12, 18, 127});
  Tensor badBias = Tensor::fromVector<int32_t>({2}, {1, 1});
  EXPECT_TRUE(runKernel(ref::evalQLinearConv,
                        {&x, &xs, &xz, &w, &ws, &wz, &ys, &yz, &badBias},
                        AttrMap(), out)
                  .isError());
}
