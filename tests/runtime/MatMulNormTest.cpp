//===- MatMulNormTest.cpp - Gemm, MatMul and Einsum kernel tests ----------===//
//
// Hand-computed and numpy-computed values, closed forms for odd sizes, and
// the errors each kernel must report instead of crashing.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

using namespace kiln;
using namespace kiln::test;

namespace {

/// A tensor of \p shape whose element at (i, j) of a 2-D layout is fn(i, j).
Tensor matrix(int64_t rows, int64_t cols,
              const std::function<float(int64_t, int64_t)> &fn) {
  Tensor t(DType::F32, {rows, cols});
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      t.data<float>()[i * cols + j] = fn(i, j);
  return t;
}

/// Runs an einsum over \p inputs and returns its status.
Status einsum(const std::string &equation, std::vector<const Tensor *> inputs,
              std::vector<Tensor> &out) {
  AttrMap attrs;
  attrs.set("equation", equation);
  return runKernel(ref::evalEinsum, std::move(inputs), attrs, out);
}

} // namespace

//===----------------------------------------------------------------------===//
// Gemm
//===----------------------------------------------------------------------===//

TEST(Gemm, DefaultsWithVectorBias) {
  Tensor a = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor b = Tensor::fromVector<float>({3, 2}, {1, 0, 0, 1, 1, 1});
  Tensor c = Tensor::fromVector<float>({2}, {10, 20});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalGemm, {&a, &b, &c}, attrs, out).isOk());
  // [1+3, 2+3; 4+6, 5+6] + [10, 20].
  expectTensorNear(out[0], {2, 2}, {14, 25, 20, 31});
}

TEST(Gemm, AllAttributes) {
  // A stored K x M, B stored N x K.
  Tensor a = Tensor::fromVector<float>({3, 2}, {1, -2, 0.5, 3, 2, 1});
  Tensor b = Tensor::fromVector<float>({2, 3}, {1, 2, 3, -1, 0, 4});
  Tensor c = Tensor::fromVector<float>({2, 1}, {1, 2});
  AttrMap attrs;
  attrs.set("transA", int64_t(1));
  attrs.set("transB", int64_t(1));
  attrs.set("alpha", 0.25);
  attrs.set("beta", 0.35);
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalGemm, {&a, &b, &c}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 2}, {2.35, 2.1, 2.45, 2.2});
}

TEST(Gemm, AbsentAndScalarBias) {
  Tensor a = Tensor::fromVector<float>({1, 2}, {2, 3});
  Tensor b = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor c = Tensor::scalar<float>(0.5f);
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalGemm, {&a, &b, nullptr}, attrs, out).isOk());
  expectTensorNear(out[0], {1, 3}, {14, 19, 24});
  attrs.set("beta", 2.0);
  ASSERT_TRUE(runKernel(ref::evalGemm, {&a, &b, &c}, attrs, out).isOk());
  expectTensorNear(out[0], {1, 3}, {15, 20, 25});
}

class GemmSizes : public ::testing::TestWithParam<int64_t> {};

TEST_P(GemmSizes, ClosedFormWithTransposes) {
  // A(i, p) = i + 1, B(p, j) = j - p: sum_p (i + 1)(j - p) =
  // (i + 1) * (K * j - K (K - 1) / 2).
  int64_t n = GetParam(), m = n, k = n + 2, cols = 5;
  Tensor aT = matrix(k, m, [](int64_t p, int64_t i) { return float(i + 1); });
  Tensor bT =
      matrix(cols, k, [](int64_t j, int64_t p) { return float(j - p); });
  AttrMap attrs;
  attrs.set("transA", int64_t(1));
  attrs.set("transB", int64_t(1));
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalGemm, {&aT, &bT}, attrs, out).isOk());
  std::vector<double> want;
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < cols; ++j)
      want.push_back(double(i + 1) * (k * j - k * (k - 1) / 2.0));
  expectTensorNear(out[0], {m, cols}, want);
}

INSTANTIATE_TEST_SUITE_P(OddSizes, GemmSizes, ::testing::Values(1, 7, 17, 63));

TEST(Gemm, IntegerAndHalf) {
  Tensor a = Tensor::fromVector<int64_t>({2, 2}, {1, 2, 3, 4});
  Tensor b = Tensor::fromVector<int64_t>({2, 2}, {5, 6, 7, 8});
  Tensor c = Tensor::fromVector<int64_t>({1, 2}, {100, -100});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalGemm, {&a, &b, &c}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::I64);
  expectTensorNear(out[0], {2, 2}, {119, -78, 143, -50});

  Tensor ha = Tensor::fromVector<Half>({1, 2}, {Half(0.5f), Half(1.5f)});
  Tensor hb = Tensor::fromVector<Half>({2, 1}, {Half(2.0f), Half(4.0f)});
  ASSERT_TRUE(runKernel(ref::evalGemm, {&ha, &hb}, attrs, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::F16);
  expectTensorNear(out[0], {1, 1}, {7});
}

TEST(Gemm, Errors) {
  Tensor a = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor b = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor v = Tensor::fromVector<float>({3}, {1, 2, 3});
  Tensor badC = Tensor::fromVector<float>({3}, {1, 2, 3});
  Tensor bi = Tensor::fromVector<int32_t>({3, 2}, {1, 2, 3, 4, 5, 6});
  Tensor b8 = Tensor::fromVector<int8_t>({2, 2}, {1, 2, 3, 4});
  AttrMap attrs;
  std::vector<Tensor> out;
  Status s = runKernel(ref::evalGemm, {&a, &b}, attrs, out);
  ASSERT_TRUE(s.isError());
  EXPECT_NE(s.message().find("inner dimensions"), std::string::npos);
  EXPECT_TRUE(runKernel(ref::evalGemm, {&a, &v}, attrs, out).isError());
  EXPECT_TRUE(runKernel(ref::evalGemm, {&a, &bi}, attrs, out).isError());
  EXPECT_TRUE(runKernel(ref::evalGemm, {&b8, &b8}, attrs, out).isError());
  attrs.set("transB", int64_t(1));
  ASSERT_TRUE(runKernel(ref::evalGemm, {&a, &b}, attrs, out).isOk());
  s = runKernel(ref::evalGemm, {&a, &b, &badC}, attrs, out);
  ASSERT_TRUE(s.isError());
  EXPECT_NE(s.message().find("broadcast"), std::string::npos);
  // Empty operands must not make an absurd result allocation.
  Tensor tall(DType::F32, {int64_t(1) << 20, 0});
  Tensor wide(DType::F32, {0, int64_t(1) << 20});
  AttrMap none;
  EXPECT_TRUE(runKernel(ref::evalGemm, {&tall, &wide}, none, out).isError());
  EXPECT_TRUE(runKernel(ref::evalMatMul, {&tall, &wide}, none, out).isError());
}

//===----------------------------------------------------------------------===//
// MatMul
//===----------------------------------------------------------------------===//

TEST(MatMul, VectorOperandsDropTheirDim) {
  Tensor v = Tensor::fromVector<float>({3}, {1, 2, 3});
  Tensor w = Tensor::fromVector<float>({3}, {4, 5, 6});
  Tensor m = Tensor::fromVector<float>({3, 2}, {1, 0, 0, 1, 1, 1});
  Tensor mt = Tensor::fromVector<float>({2, 3}, {1, 0, 1, 0, 1, 1});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalMatMul, {&v, &w}, attrs, out).isOk());
  expectTensorNear(out[0], {}, {32});
  ASSERT_TRUE(runKernel(ref::evalMatMul, {&v, &m}, attrs, out).isOk());
  expectTensorNear(out[0], {2}, {4, 5});
  ASSERT_TRUE(runKernel(ref::evalMatMul, {&mt, &v}, attrs, out).isOk());
  expectTensorNear(out[0], {2}, {4, 5});
}

TEST(MatMul, BatchBroadcast) {
  // (2,1,2,3) x (3,3,2) -> (2,3,2,2); values from numpy.
  Tensor a(DType::F32, {2, 1, 2, 3}), b(DType::F32, {3, 3, 2});
  for (int i = 0; i < 12; ++i)
    a.data<float>()[i] = float(i);
  for (int i = 0; i < 18; ++i)
    b.data<float>()[i] = float(i);
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalMatMul, {&a, &b}, attrs, out).isOk());
  expectTensorNear(out[0], {2, 3, 2, 2},
                   {10, 13, 28, 40, 28,  31,  100, 112, 46,  49,  172, 184,
                    46, 67, 64, 94, 172, 193, 244, 274, 298, 319, 424, 454});
  // A vector against a batch of matrices.
  Tensor v = Tensor::fromVector<float>({3}, {1, 0, 0});
  ASSERT_TRUE(runKernel(ref::evalMatMul, {&v, &b}, attrs, out).isOk());
  expectTensorNear(out[0], {3, 2}, {0, 1, 6, 7, 12, 13});
}

class MatMulSizes : public ::testing::TestWithParam<int64_t> {};

TEST_P(MatMulSizes, ClosedForm) {
  // A(i, p) = 1, B(p, j) = p * (j + 1): sum_p = (j + 1) K (K - 1) / 2.
  int64_t k = GetParam();
  Tensor a = matrix(3, k, [](int64_t, int64_t) { return 1.0f; });
  Tensor b =
      matrix(k, 4, [](int64_t p, int64_t j) { return float(p * (j + 1)); });
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalMatMul, {&a, &b}, attrs, out).isOk());
  std::vector<double> want;
  for (int64_t i = 0; i < 3; ++i)
    for (int64_t j = 0; j < 4; ++j)
      want.push_back((j + 1) * k * (k - 1) / 2.0);
  expectTensorNear(out[0], {3, 4}, want);
}

INSTANTIATE_TEST_SUITE_P(OddSizes, MatMulSizes,
                         ::testing::Values(1, 7, 17, 63));

TEST(MatMul, IntegersWrapLikeNumpy) {
  Tensor a = Tensor::fromVector<int32_t>({1, 2}, {65536, 3});
  Tensor b = Tensor::fromVector<int32_t>({2, 1}, {65536, -5});
  AttrMap attrs;
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalMatMul, {&a, &b}, attrs, out).isOk());
  ASSERT_EQ(out[0].dtype(), DType::I32);
  EXPECT_EQ(out[0].data<int32_t>()[0], -15); // 2^32 wraps to 0
}

TEST(MatMul, Errors) {
  Tensor a = Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor s0 = Tensor::scalar<float>(1.0f);
  Tensor c(DType::F32, {3, 3, 1});
  Tensor batchA(DType::F32, {2, 2, 3});
  AttrMap attrs;
  std::vector<Tensor> out;
  EXPECT_TRUE(runKernel(ref::evalMatMul, {&a, &a}, attrs, out).isError());
  EXPECT_TRUE(runKernel(ref::evalMatMul, {&a, &s0}, attrs, out).isError());
  Status s = runKernel(ref::evalMatMul, {&batchA, &c}, attrs, out);
  ASSERT_TRUE(s.isError());
  EXPECT_NE(s.message().find("batch"), std::string::npos);
  EXPECT_TRUE(runKernel(ref::evalMatMul, {&a, nullptr}, attrs, out).isError());
}

//===----------------------------------------------------------------------===//
// Einsum
//===----------------------------------------------------------------------===//

TEST(Einsum, ExplicitForms) {
  Tensor x = Tensor::fromVector<float>({2, 3}, {0, 1, 2, 3, 4, 5});
  std::vector<Tensor> out;
  ASSERT_TRUE(einsum("ij->ji", {&x}, out).isOk());
  expectTensorNear(out[0], {3, 2}, {0, 3, 1, 4, 2, 5});
  ASSERT_TRUE(einsum("ij->i", {&x}, out).isOk());
  expectTensorNear(out[0], {2}, {3, 12});
  ASSERT_TRUE(einsum("ij->", {&x}, out).isOk());
  expectTensorNear(out[0], {}, {15});

  Tensor p(DType::F32, {2, 2, 3}), q(DType::F32, {2, 3, 2});
  for (int i = 0; i < 12; ++i)
    p.data<float>()[i] = q.data<float>()[i] = float(i);
  ASSERT_TRUE(einsum(" bij, bjk -> bik", {&p, &q}, out).isOk());
  expectTensorNear(out[0], {2, 2, 2}, {10, 13, 28, 40, 172, 193, 244, 274});

  Tensor u = Tensor::fromVector<float>({2}, {1, 2});
  Tensor v = Tensor::fromVector<float>({3}, {3, 4, 5});
  ASSERT_TRUE(einsum("i,j->ij", {&u, &v}, out).isOk());
  expectTensorNear(out[0], {2, 3}, {3, 4, 5, 6, 8, 10});
}

TEST(Einsum, ImplicitOutputIsSortedSingleLabels) {
  Tensor x = Tensor::fromVector<float>({2, 3}, {0, 1, 2, 3, 4, 5});
  Tensor y = Tensor::fromVector<float>({3, 2}, {0, 1, 2, 3, 4, 5});
  std::vector<Tensor> out;
  // 'A' sorts before 'b' (ASCII), so "bA" transposes.
  ASSERT_TRUE(einsum("bA", {&x}, out).isOk());
  expectTensorNear(out[0], {3, 2}, {0, 3, 1, 4, 2, 5});
  ASSERT_TRUE(einsum("ij,jk", {&x, &y}, out).isOk());
  expectTensorNear(out[0], {2, 2}, {10, 13, 28, 40});
  Tensor a = Tensor::fromVector<float>({3}, {1, 2, 3});
  Tensor b = Tensor::fromVector<float>({3}, {4, 5, 6});
  ASSERT_TRUE(einsum("i,i", {&a, &b}, out).isOk());
  expectTensorNear(out[0], {}, {32});
}

TEST(Einsum, RepeatedLabelsAndThreeOperands) {
  Tensor sq(DType::F32, {3, 3});
  for (int i = 0; i < 9; ++i)
    sq.data<float>()[i] = float(i);
  std::vector<Tensor> out;
  ASSERT_TRUE(einsum("ii", {&sq}, out).isOk());
  expectTensorNear(out[0], {}, {12});
  ASSERT_TRUE(einsum("ii->i", {&sq}, out).isOk());
  expectTensorNear(out[0], {3}, {0, 4, 8});
  Tensor a = Tensor::fromVector<int64_t>({3}, {1, 2, 3});
  Tensor b = Tensor::fromVector<int64_t>({3}, {4, 5, 6});
  Tensor c = Tensor::fromVector<int64_t>({3}, {1, 0, 2});
  ASSERT_TRUE(einsum("i,i,i->", {&a, &b, &c}, out).isOk());
  EXPECT_EQ(out[0].dtype(), DType::I64);
  expectTensorNear(out[0], {}, {40});
}

TEST(Einsum, EllipsisBroadcasts) {
  Tensor x(DType::F32, {2, 3, 3});
  for (int i = 0; i < 18; ++i)
    x.data<float>()[i] = float(i);
  std::vector<Tensor> out;
  ASSERT_TRUE(einsum("...ii ->...i", {&x}, out).isOk());
  expectTensorNear(out[0], {2, 3}, {0, 4, 8, 9, 13, 17});

  Tensor a(DType::F32, {2, 1, 2, 3}), b(DType::F32, {3, 3, 2});
  for (int i = 0; i < 12; ++i)
    a.data<float>()[i] = float(i);
  for (int i = 0; i < 18; ++i)
    b.data<float>()[i] = float(i);
  ASSERT_TRUE(einsum("...ij,...jk", {&a, &b}, out).isOk());
  expectTensorNear(out[0], {2, 3, 2, 2},
                   {10, 13, 28, 40, 28,  31,  100, 112, 46,  49,  172, 184,
                    46, 67, 64, 94, 172, 193, 244, 274, 298, 319, 424, 454});
  // A zero-rank ellipsis is allowed.
  Tensor m = Tensor::fromVector<float>({2, 2}, {1, 2, 3, 4});
  ASSERT_TRUE(einsum("...ij->...ji", {&m}, out).isOk());
  expectTensorNear(out[0], {2, 2}, {1, 3, 2, 4});
}

TEST(Einsum, Errors) {
  Tensor x = Tensor::fromVector<float>({2, 3}, {0, 1, 2, 3, 4, 5});
  Tensor y = Tensor::fromVector<float>({2, 3}, {0, 1, 2, 3, 4, 5});
  Tensor z(DType::F32, {2, 3, 4});
  std::vector<Tensor> out;
  EXPECT_TRUE(einsum("ij,jk", {&x}, out).isError());         // term count
  EXPECT_TRUE(einsum("ijk", {&x}, out).isError());           // rank
  EXPECT_TRUE(einsum("i1", {&x}, out).isError());            // bad char
  EXPECT_TRUE(einsum("ij->k", {&x}, out).isError());         // unknown label
  EXPECT_TRUE(einsum("ij->ii", {&x}, out).isError());        // repeated output
  EXPECT_TRUE(einsum("ii", {&x}, out).isError());            // 2 vs 3 diagonal
  EXPECT_TRUE(einsum("ij,jk->ik", {&x, &y}, out).isError()); // 3 vs 2
  EXPECT_TRUE(einsum("...j->j", {&z}, out).isError());       // lost '...'
  EXPECT_TRUE(einsum(".....", {&x}, out).isError());
  EXPECT_TRUE(einsum("", {&x}, out).isError());
  // 2^36 multiply-adds are refused rather than run for minutes.
  Tensor big(DType::F32, {int64_t(1) << 18});
  EXPECT_TRUE(einsum("i,j->", {&big, &big}, out).isError());
  Tensor bl = Tensor::fromVector<bool>({2}, {true, false});
  EXPECT_TRUE(einsum("i", {&bl}, out).isError());
}
