//===- PackedTest.cpp - Reference kernels of the packed ops ---------------===//
//
// Hand-computed values through the panel layouts, the fused epilogue, odd
// sizes (1, 7, 17, 63) against the unpacked MatMul and Conv kernels, and the
// errors the kernels must report instead of reading out of bounds.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

#include "kiln/runtime/Winograd.h"

#include <random>

using namespace kiln;
using namespace kiln::test;

namespace {

/// B (K x N) packed into ceil(N / nr) x K x nr panels.
Tensor packColumns(const Tensor &b, int64_t nr) {
  int64_t k = b.dim(0), n = b.dim(1), panels = (n + nr - 1) / nr;
  Tensor w(DType::F32, {panels, k, nr});
  for (int64_t kk = 0; kk < k; ++kk)
    for (int64_t j = 0; j < n; ++j)
      w.data<float>()[((j / nr) * k + kk) * nr + j % nr] =
          b.data<float>()[kk * n + j];
  return w;
}

/// A conv weight (M x C x kh x kw) packed into ceil(M / mr) x K x mr panels.
Tensor packRows(const Tensor &weight, int64_t mr) {
  int64_t m = weight.dim(0), k = weight.numElements() / m;
  int64_t panels = (m + mr - 1) / mr;
  Tensor w(DType::F32, {panels, k, mr});
  for (int64_t o = 0; o < m; ++o)
    for (int64_t kk = 0; kk < k; ++kk)
      w.data<float>()[((o / mr) * k + kk) * mr + o % mr] =
          weight.data<float>()[o * k + kk];
  return w;
}

std::vector<double> values(const Tensor &t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numElements(); ++i)
    v.push_back(t.getAsDouble(i));
  return v;
}

AttrMap convAttrs(int64_t m, std::vector<int64_t> kernel,
                  std::vector<int64_t> strides, std::vector<int64_t> pads,
                  std::vector<int64_t> dilations) {
  AttrMap a;
  a.set("out_channels", m);
  a.set("kernel_shape", kernel);
  a.set("strides", strides);
  a.set("pads", pads);
  a.set("dilations", dilations);
  return a;
}

} // namespace

TEST(PackedMatMul, PanelLayoutBiasRelu) {
  // A = [[1, 2], [3, 4]], B = [[1, -1, 2], [0, 1, -3]], one panel of 4.
  Tensor a = Tensor::fromVector<float>({2, 2}, {1, 2, 3, 4});
  Tensor w =
      Tensor::fromVector<float>({1, 2, 4}, {1, -1, 2, 0, /*k=1*/ 0, 1, -3, 0});
  Tensor bias = Tensor::fromVector<float>({3}, {0.5f, 0, 1});
  AttrMap attrs;
  attrs.set("columns", int64_t(3));
  attrs.set("activation", std::string("relu"));
  std::vector<Tensor> out;
  ASSERT_TRUE(
      runKernel(ref::evalPackedMatMul, {&a, &w, &bias, nullptr}, attrs, out)
          .isOk());
  // A x B = [[1, 1, -4], [3, 1, -6]]; + bias; relu.
  expectTensorNear(out[0], {2, 3}, {1.5, 1, 0, 3.5, 1, 0});
}

TEST(PackedMatMul, ResidualClipAndLeakyRelu) {
  Tensor a = Tensor::fromVector<float>({1, 2}, {1, 1});
  Tensor w = Tensor::fromVector<float>({2, 2, 1}, {2, 3, /*p=1*/ -5, -1});
  Tensor r = Tensor::fromVector<float>({1, 2}, {1, 0});
  std::vector<Tensor> out;
  AttrMap clip;
  clip.set("columns", int64_t(2));
  clip.set("activation", std::string("clip"));
  clip.set("clip_min", -4.0);
  clip.set("clip_max", 5.0);
  ASSERT_TRUE(runKernel(ref::evalPackedMatMul, {&a, &w, nullptr, &r}, clip, out)
                  .isOk());
  expectTensorNear(out[0], {1, 2}, {5, -4}); // [5 + 1, -6] clipped
  AttrMap leaky;
  leaky.set("columns", int64_t(2));
  leaky.set("activation", std::string("leaky_relu"));
  leaky.set("alpha", 0.5);
  ASSERT_TRUE(
      runKernel(ref::evalPackedMatMul, {&a, &w, nullptr, &r}, leaky, out)
          .isOk());
  expectTensorNear(out[0], {1, 2}, {6, -3});
}

TEST(PackedMatMul, OddSizesMatchMatMul) {
  for (int64_t m : {1, 7, 17})
    for (int64_t k : {1, 7, 63})
      for (int64_t n : {1, 17, 63})
        for (int64_t nr : {1, 8, 16}) {
          SCOPED_TRACE(testing::Message()
                       << m << "x" << k << "x" << n << " nr " << nr);
          Tensor a = randomTensor({2, m, k}, m + k),
                 b = randomTensor({k, n}, n);
          Tensor w = packColumns(b, nr);
          AttrMap none, attrs;
          attrs.set("columns", n);
          std::vector<Tensor> want, got;
          ASSERT_TRUE(runKernel(ref::evalMatMul, {&a, &b}, none, want).isOk());
          ASSERT_TRUE(runKernel(ref::evalPackedMatMul,
                                {&a, &w, nullptr, nullptr}, attrs, got)
                          .isOk());
          expectTensorNear(got[0], want[0].shape(), values(want[0]));
        }
}

TEST(PackedMatMul, RejectsInconsistentOperands) {
  Tensor a(DType::F32, {2, 3}), w(DType::F32, {1, 4, 8});
  AttrMap attrs;
  attrs.set("columns", int64_t(5));
  std::vector<Tensor> out;
  Status s =
      runKernel(ref::evalPackedMatMul, {&a, &w, nullptr, nullptr}, attrs, out);
  ASSERT_FALSE(s.isOk());
  EXPECT_NE(s.message().find("expected packed W"), std::string::npos)
      << s.message();
  Tensor w2(DType::F32, {1, 3, 8}), bias(DType::F32, {4});
  s = runKernel(ref::evalPackedMatMul, {&a, &w2, &bias, nullptr}, attrs, out);
  ASSERT_FALSE(s.isOk());
  EXPECT_NE(s.message().find("bias"), std::string::npos) << s.message();
  attrs.set("activation", std::string("gelu"));
  s = runKernel(ref::evalPackedMatMul, {&a, &w2, nullptr, nullptr}, attrs, out);
  ASSERT_FALSE(s.isOk());
  EXPECT_NE(s.message().find("gelu"), std::string::npos) << s.message();
}

TEST(PackedConv, HandComputed3x3WithPadding) {
  // One 3x3 all-ones filter over a 3x3 image 1..9 with pad 1: each output is
  // the sum of its neighbourhood; two panels of one channel (mr = 1), the
  // second filter all zeros, bias [0, 1].
  Tensor x =
      Tensor::fromVector<float>({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  Tensor weight(DType::F32, {2, 1, 3, 3});
  for (int i = 0; i < 9; ++i)
    weight.data<float>()[i] = 1;
  Tensor w = packRows(weight, 1);
  Tensor bias = Tensor::fromVector<float>({2}, {0, 1});
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalPackedConv, {&x, &w, &bias, nullptr},
                        convAttrs(2, {3, 3}, {1, 1}, {1, 1, 1, 1}, {1, 1}), out)
                  .isOk());
  expectTensorNear(out[0], {1, 2, 3, 3},
                   {12, 21, 16, 27, 45, 33, 24, 39, 28, //
                    1, 1, 1, 1, 1, 1, 1, 1, 1});
}

TEST(PackedConv, OddShapesMatchConv) {
  struct Case {
    int64_t n, c, h, m, k, s, p, d, mr;
  };
  for (Case t :
       {Case{1, 1, 1, 1, 1, 1, 0, 1, 6}, Case{2, 3, 7, 7, 3, 1, 1, 1, 6},
        Case{1, 7, 17, 17, 3, 2, 1, 1, 4}, Case{1, 5, 17, 63, 1, 1, 0, 1, 6},
        Case{1, 4, 17, 9, 3, 1, 2, 2, 1}, Case{1, 3, 13, 8, 5, 3, 2, 1, 6}}) {
    SCOPED_TRACE(testing::Message() << t.c << "x" << t.h << " -> " << t.m
                                    << " k" << t.k << " s" << t.s);
    Tensor x = randomTensor({t.n, t.c, t.h, t.h}, t.c);
    Tensor weight = randomTensor({t.m, t.c, t.k, t.k}, t.m);
    Tensor bias = randomTensor({t.m}, 3);
    Tensor w = packRows(weight, t.mr);
    AttrMap plain;
    plain.set("strides", std::vector<int64_t>{t.s, t.s});
    plain.set("pads", std::vector<int64_t>{t.p, t.p, t.p, t.p});
    plain.set("dilations", std::vector<int64_t>{t.d, t.d});
    std::vector<Tensor> want, got;
    ASSERT_TRUE(
        runKernel(ref::evalConv, {&x, &weight, &bias}, plain, want).isOk());
    Tensor residual = randomTensor(want[0].shape(), 9);
    AttrMap attrs = convAttrs(t.m, {t.k, t.k}, {t.s, t.s}, {t.p, t.p, t.p, t.p},
                              {t.d, t.d});
    attrs.set("activation", std::string("relu"));
    ASSERT_TRUE(
        runKernel(ref::evalPackedConv, {&x, &w, &bias, &residual}, attrs, got)
            .isOk());
    std::vector<double> expect = values(want[0]);
    for (size_t i = 0; i < expect.size(); ++i)
      expect[i] = std::max(0.0, expect[i] + residual.data<float>()[i]);
    expectTensorNear(got[0], want[0].shape(), expect, 1e-5, 1e-5);
  }
}

TEST(PackedConv, RejectsWrongPanels) {
  Tensor x(DType::F32, {1, 2, 4, 4}), w(DType::F32, {1, 17, 6});
  std::vector<Tensor> out;
  Status s = runKernel(ref::evalPackedConv, {&x, &w, nullptr, nullptr},
                       convAttrs(4, {3, 3}, {1, 1}, {1, 1, 1, 1}, {1, 1}), out);
  ASSERT_FALSE(s.isOk());
  EXPECT_NE(s.message().find("18"), std::string::npos) << s.message();
  AttrMap bad = convAttrs(4, {3, 3}, {0, 1}, {1, 1, 1, 1}, {1, 1});
  Tensor w2(DType::F32, {1, 18, 6});
  s = runKernel(ref::evalPackedConv, {&x, &w2, nullptr, nullptr}, bad, out);
  ASSERT_FALSE(s.isOk());
  EXPECT_NE(s.message().find("strides"), std::string::npos) << s.message();
}

/// A conv weight (M x C x 3 x 3) transformed for F(m x m, 3 x 3) and packed
/// into ceil(M / mr) x a^2 x C x mr panels (the kiln-winograd layout).
static Tensor winogradWeights(const Tensor &weight, int64_t m, int64_t mr) {
  const winograd::Transform &t = *winograd::transformFor(m);
  int64_t cout = weight.dim(0), c = weight.dim(1), aa = t.a * t.a;
  int64_t panels = (cout + mr - 1) / mr;
  Tensor u(DType::F32, {panels, aa, c, mr});
  double ug[36];
  for (int64_t o = 0; o < cout; ++o)
    for (int64_t ci = 0; ci < c; ++ci) {
      winograd::transformFilter(t, weight.data<float>() + (o * c + ci) * 9, 3,
                                ug);
      for (int64_t e = 0; e < aa; ++e)
        u.data<float>()[(((o / mr) * aa + e) * c + ci) * mr + o % mr] =
            float(ug[e]);
    }
  return u;
}

TEST(WinogradConv, MatchesConvWithinTheDocumentedBound) {
  // F(2, 3) and F(4, 3) against the f64 direct convolution, unit-scale
  // inputs and weights, outputs of both tile multiples and not, pads 0-2
  // and uneven, a panel height that does not divide Cout, bias, residual
  // and relu; the largest error relative to the largest output stays below
  // Winograd.h's bounds (1e-6 and 1e-5).
  struct Case {
    int64_t n, c, h, w, m, tile, mr;
    std::vector<int64_t> pads;
  };
  for (Case t : {Case{1, 1, 3, 3, 1, 2, 1, {0, 0, 0, 0}},
                 Case{2, 3, 7, 9, 5, 2, 3, {1, 1, 1, 1}},
                 Case{1, 16, 11, 6, 7, 4, 4, {2, 0, 1, 2}},
                 Case{1, 64, 14, 14, 9, 4, 8, {1, 1, 1, 1}},
                 Case{2, 32, 9, 17, 12, 4, 5, {0, 2, 2, 0}},
                 Case{1, 256, 8, 8, 3, 2, 2, {1, 1, 1, 1}}}) {
    SCOPED_TRACE(testing::Message() << t.c << "x" << t.h << "x" << t.w << " -> "
                                    << t.m << " F(" << t.tile << ", 3)");
    Tensor x = randomTensor({t.n, t.c, t.h, t.w}, t.c);
    Tensor weight = randomTensor({t.m, t.c, 3, 3}, t.m);
    Tensor bias = randomTensor({t.m}, 3);
    AttrMap plain;
    plain.set("pads", t.pads);
    std::vector<Tensor> want, got;
    ASSERT_TRUE(
        runKernel(ref::evalConv, {&x, &weight, &bias}, plain, want).isOk());
    Tensor residual = randomTensor(want[0].shape(), 9);
    Tensor u = winogradWeights(weight, t.tile, t.mr);
    AttrMap attrs;
    attrs.set("out_channels", t.m);
    attrs.set("pads", t.pads);
    attrs.set("tile", t.tile);
    attrs.set("activation", std::string("relu"));
    ASSERT_TRUE(
        runKernel(ref::evalWinogradConv, {&x, &u, &bias, &residual}, attrs, got)
            .isOk());
    std::vector<double> expect = values(want[0]);
    double largest = 0, worst = 0;
    for (size_t i = 0; i < expect.size(); ++i) {
      double pre = expect[i] + residual.data<float>()[i];
      expect[i] = std::max(0.0, pre);
      largest = std::max(largest, std::fabs(pre));
      worst = std::max(worst, std::fabs(got[0].data<float>()[i] - expect[i]));
    }
    ASSERT_EQ(got[0].shape(), want[0].shape());
    EXPECT_LT(worst / largest, t.tile == 2 ? 1e-6 : 1e-5);
  }
}

TEST(WinogradConv, RejectsWrongWeightsAndTiles) {
  Tensor x = randomTensor({1, 4, 6, 6}, 1), u = randomTensor({2, 36, 4, 3}, 2);
  AttrMap attrs;
  attrs.set("out_channels", int64_t(6));
  attrs.set("pads", std::vector<int64_t>{1, 1, 1, 1});
  attrs.set("tile", int64_t(4));
  std::vector<Tensor> out;
  EXPECT_TRUE(
      runKernel(ref::evalWinogradConv, {&x, &u, nullptr, nullptr}, attrs, out)
          .isOk());
  AttrMap badTile = attrs;
  badTile.set("tile", int64_t(3));
  Status s = runKernel(ref::evalWinogradConv, {&x, &u, nullptr, nullptr},
                       badTile, out);
  EXPECT_NE(s.message().find("expected tile 2 or 4"), std::string::npos)
      << s.message();
  AttrMap tooMany = attrs;
  tooMany.set("out_channels", int64_t(7));
  s = runKernel(ref::evalWinogradConv, {&x, &u, nullptr, nullptr}, tooMany,
                out);
  EXPECT_NE(s.message().find("expected W of shape 3x36x4xmr"),
            std::string::npos)
      << s.message();
}

// The compiled kernel's work items are (image, band) pairs times panels
// when those are fewer than 16; the plan makes an odd count of them even
// with one panel more, so that 2 or 4 workers get equal shares.
TEST(WinogradPlan, FewWorkItemsComeInAnEvenCount) {
  struct Case {
    int64_t m, batch, c, cout, oh, ow, lanes, registers;
    int64_t items, mr; ///< pairs x panels, and the panels' rows
  };
  int64_t budget = winograd::bandBudgetFloats(2 << 20);
  for (const Case &k : std::vector<Case>{
           // ResNet-50's 14x14 256 -> 256: 11 panels of 24 became 12 of 22.
           {4, 1, 256, 256, 14, 14, 16, 32, 12, 22},
           // SqueezeNet's 55x55 16 -> 64: 5 panels of 13 became 6 of 11.
           {4, 1, 16, 64, 55, 55, 16, 32, 6, 11},
           // Two bands of 5 panels: already even.
           {4, 1, 64, 64, 56, 56, 16, 32, 10, 13},
           // A single panel of 5 rows: two of 3 (a quarter fewer at most).
           {4, 1, 8, 5, 8, 8, 16, 32, 2, 3},
           // 3 rows: no even count of panels of 3 down to 2.25 rows.
           {4, 1, 8, 3, 8, 8, 16, 32, 1, 3},
           // 22 panels: the kernel makes 16 groups of them.
           {2, 1, 512, 512, 7, 7, 16, 32, 22, 24},
           // AVX2 (panels of at most 6 rows): 7 panels of 6 became 8 of 5;
           // 11 of 6 stay, since 5 rows make 13 panels and 4 a third fewer.
           {4, 1, 32, 40, 14, 14, 8, 16, 8, 5},
           {4, 1, 32, 64, 14, 14, 8, 16, 11, 6},
       }) {
    winograd::Plan p;
    ASSERT_TRUE(winograd::makePlan(k.m, k.batch, k.c, k.cout, k.oh, k.ow,
                                   k.lanes, k.registers, budget, p));
    int64_t pairs = p.merged ? p.bands : k.batch * p.bands;
    int64_t panels = (k.cout + p.mr - 1) / p.mr;
    EXPECT_EQ(pairs * panels, k.items) << k.c << " -> " << k.cout;
    EXPECT_EQ(p.mr, k.mr) << k.c << " -> " << k.cout;
  }
}

TEST(PackedConv, PrologueScaleShiftRelu) {
  // P(X) = relu(X * scale + shift) before a 1x1 conv summing ch0 + 10 ch1:
  // a scale per image and channel (2 x 2 x 1 x 1), a shift per channel.
  Tensor x =
      Tensor::fromVector<float>({2, 2, 1, 2}, {1, -2, 3, 4, 0.5f, 1, -1, 2});
  Tensor scale = Tensor::fromVector<float>({2, 2, 1, 1}, {1, 2, -1, 0.5f});
  Tensor shift = Tensor::fromVector<float>({2, 1, 1}, {1, -7});
  Tensor weight = Tensor::fromVector<float>({1, 2, 1, 1}, {1, 10});
  Tensor w = packRows(weight, 6);
  AttrMap attrs = convAttrs(1, {1, 1}, {1, 1}, {0, 0, 0, 0}, {1, 1});
  attrs.set("in_activation", std::string("relu"));
  std::vector<Tensor> out;
  ASSERT_TRUE(runKernel(ref::evalPackedConv,
                        {&x, &w, nullptr, nullptr, &scale, &shift}, attrs, out)
                  .isOk());
  // Image 0: relu([2, -1]) = [2, 0] and relu([-1, 1]) = [0, 1]; image 1:
  // relu([0.5, 0]) and relu([-7.5, -6]) = 0.
  expectTensorNear(out[0], {2, 1, 1, 2}, {2, 10, 0.5, 0});

  Tensor three = Tensor::fromVector<float>({3, 1, 1}, {1, 1, 1});
  Status s = runKernel(ref::evalPackedConv, {&x, &w, nullptr, nullptr, &three},
                       attrs, out);
  ASSERT_FALSE(s.isOk());
  EXPECT_NE(s.message().find("prologue scale of 2 or 4 values"),
            std::string::npos)
      << s.message();
}

TEST(DepthwiseConv, MatchesGroupedConv) {
  for (int64_t stride : {1, 2})
    for (int64_t h : {1, 7, 17}) {
      SCOPED_TRACE(testing::Message() << "h " << h << " stride " << stride);
      int64_t c = 7;
      Tensor x = randomTensor({2, c, h, h + 2}, h);
      Tensor w = randomTensor({c, 1, 3, 3}, 5);
      Tensor bias = randomTensor({c}, 6);
      AttrMap plain;
      plain.set("group", c);
      plain.set("strides", std::vector<int64_t>{stride, stride});
      plain.set("pads", std::vector<int64_t>{1, 1, 1, 1});
      std::vector<Tensor> want, got;
      ASSERT_TRUE(
          runKernel(ref::evalConv, {&x, &w, &bias}, plain, want).isOk());
      AttrMap attrs;
      attrs.set("kernel_shape", std::vector<int64_t>{3, 3});
      attrs.set("strides", std::vector<int64_t>{stride, stride});
      attrs.set("pads", std::vector<int64_t>{1, 1, 1, 1});
      attrs.set("dilations", std::vector<int64_t>{1, 1});
      attrs.set("activation", std::string("clip"));
      attrs.set("clip_min", 0.0);
      attrs.set("clip_max", 0.5);
      ASSERT_TRUE(runKernel(ref::evalDepthwiseConv, {&x, &w, &bias}, attrs, got)
                      .isOk());
      std::vector<double> expect = values(want[0]);
      for (double &v : expect)
        v = std::min(0.5, std::max(0.0, v));
      expectTensorNear(got[0], want[0].shape(), expect);
    }
}

TEST(DepthwiseConv, RejectsWrongWeight) {
  Tensor x(DType::F32, {1, 3, 4, 4}), w(DType::F32, {3, 2, 3, 3});
  AttrMap attrs;
  attrs.set("kernel_shape", std::vector<int64_t>{3, 3});
  attrs.set("strides", std::vector<int64_t>{1, 1});
  attrs.set("pads", std::vector<int64_t>{1, 1, 1, 1});
  attrs.set("dilations", std::vector<int64_t>{1, 1});
  std::vector<Tensor> out;
  Status s = runKernel(ref::evalDepthwiseConv, {&x, &w, nullptr}, attrs, out);
  ASSERT_FALSE(s.isOk());
  EXPECT_NE(s.message().find("3x1x3x3"), std::string::npos) << s.message();
}
