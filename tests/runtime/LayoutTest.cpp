//===- LayoutTest.cpp - Reference kernels of the blocked layout -----------===//
//
// kiln.to_blocked and kiln.from_blocked against hand-placed elements and
// each other, and kiln.blocked_conv (1x1 and with a window) against the
// plain Conv kernel through the reorders, with an NCHW or a blocked input,
// plus the errors; a
// blocked kiln.depthwise_conv and global average pool against their NCHW
// forms.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtils.h"

using namespace kiln;
using namespace kiln::test;

namespace {

TEST(ToBlocked, PlacesEachChannelInItsBlock) {
  // 1 x 4 x 1 x 2, blocks of 2: element (c, p) = 10 c + p goes to
  // [c / 2][p][c % 2].
  Tensor x =
      Tensor::fromVector<float>({1, 4, 1, 2}, {0, 1, 10, 11, 20, 21, 30, 31});
  AttrMap attrs;
  attrs.set("block", int64_t{2});
  Tensor y = run(ref::evalToBlocked, {&x}, attrs);
  expectTensorNear(y, {1, 2, 1, 2, 2}, {0, 10, 1, 11, 20, 30, 21, 31});
  Tensor back = run(ref::evalFromBlocked, {&y});
  expectTensorNear(back, {1, 4, 1, 2}, {0, 1, 10, 11, 20, 21, 30, 31});
}

TEST(ToBlocked, RoundTripsAnyElementType) {
  Tensor x(DType::I64, {2, 6, 3, 5});
  for (int64_t i = 0; i < x.numElements(); ++i)
    x.data<int64_t>()[i] = i * 7 - 3;
  AttrMap attrs;
  attrs.set("block", int64_t{3});
  Tensor y = run(ref::evalToBlocked, {&x}, attrs);
  EXPECT_EQ(y.shape(), (Shape{2, 2, 3, 5, 3}));
  Tensor back = run(ref::evalFromBlocked, {&y});
  ASSERT_EQ(back.shape(), x.shape());
  for (int64_t i = 0; i < x.numElements(); ++i)
    ASSERT_EQ(back.data<int64_t>()[i], x.data<int64_t>()[i]) << i;
}

TEST(ToBlocked, RejectsBadBlocksAndRanks) {
  Tensor x(DType::F32, {1, 6, 2, 2}), flat(DType::F32, {6, 4});
  AttrMap four;
  four.set("block", int64_t{4});
  expectError(ref::evalToBlocked, {&x}, four, "dividing the 6 channels");
  expectError(ref::evalToBlocked, {&flat}, four, "rank 4");
  expectError(ref::evalFromBlocked, {&x}, {}, "rank 5");
}

TEST(BlockedConv, MatchesConvThroughTheReorders) {
  // 1x1 convs of 2 images, 20 -> 12 channels in blocks of 4 (panels of 8
  // output channels, the last half empty), bias, residual and Relu, with X
  // given blocked and given NCHW (C = 20 and C = 18, not whole blocks).
  for (int64_t c : {20, 18}) {
    SCOPED_TRACE(c);
    const int64_t n = 2, m = 12, h = 3, w = 5, block = 4, nr = 8;
    Tensor x = randomTensor({n, c, h, w}, 1);
    Tensor weight = randomTensor({m, c, 1, 1}, 2);
    Tensor bias = randomTensor({m}, 3);
    Tensor residual = randomTensor({n, m, h, w}, 4);
    Tensor want = run(ref::evalConv, {&x, &weight, &bias});
    for (int64_t i = 0; i < want.numElements(); ++i)
      want.data<float>()[i] =
          std::max(0.0f, want.data<float>()[i] + residual.data<float>()[i]);

    Tensor packed(DType::F32, {(m + nr - 1) / nr, c, nr});
    for (int64_t o = 0; o < m; ++o)
      for (int64_t k = 0; k < c; ++k)
        packed.data<float>()[((o / nr) * c + k) * nr + o % nr] =
            weight.data<float>()[o * c + k];
    AttrMap toBlocks;
    toBlocks.set("block", block);
    Tensor bResidual = run(ref::evalToBlocked, {&residual}, toBlocks);
    AttrMap attrs;
    attrs.set("out_channels", m);
    attrs.set("block", block);
    attrs.set("activation", std::string("relu"));
    std::vector<const Tensor *> inputs{&x, &packed, &bias, &bResidual};
    Tensor bx;
    if (c % block == 0) {
      bx = run(ref::evalToBlocked, {&x}, toBlocks);
      inputs[0] = &bx;
    }
    Tensor y = run(ref::evalBlockedConv, inputs, attrs);
    EXPECT_EQ(y.shape(), (Shape{n, m / block, h, w, block}));
    Tensor got = run(ref::evalFromBlocked, {&y});
    std::vector<double> expect;
    for (int64_t i = 0; i < want.numElements(); ++i)
      expect.push_back(want.data<float>()[i]);
    expectTensorNear(got, want.shape(), expect, 1e-5, 1e-5);
  }
}

TEST(BlockedConv, WindowsMatchConvThroughTheReorders) {
  // 3x3 at stride 2 with asymmetric pads and 5x5 at stride 1, 8 -> 12
  // channels in blocks of 4 (panels of 8), bias and Relu, with X blocked
  // and NCHW; the weight packed with K in (kh, kw, c) order.
  struct Case {
    int64_t k, s;
    std::vector<int64_t> pads;
  };
  for (const Case &cs : {Case{3, 2, {1, 0, 0, 1}}, Case{5, 1, {2, 2, 2, 2}}})
    for (bool blockedX : {true, false}) {
      SCOPED_TRACE(testing::Message() << cs.k << "x" << cs.k << " s" << cs.s
                                      << (blockedX ? " blocked" : " NCHW"));
      const int64_t n = 2, c = 8, m = 12, h = 6, w = 7, block = 4, nr = 8;
      Tensor x = randomTensor({n, c, h, w}, 5);
      Tensor weight = randomTensor({m, c, cs.k, cs.k}, 6);
      Tensor bias = randomTensor({m}, 7);
      AttrMap conv;
      conv.set("kernel_shape", std::vector<int64_t>{cs.k, cs.k});
      conv.set("strides", std::vector<int64_t>{cs.s, cs.s});
      conv.set("pads", cs.pads);
      Tensor want = run(ref::evalConv, {&x, &weight, &bias}, conv);
      for (int64_t i = 0; i < want.numElements(); ++i)
        want.data<float>()[i] = std::max(0.0f, want.data<float>()[i]);

      int64_t taps = cs.k * cs.k, k = taps * c;
      Tensor packed(DType::F32, {(m + nr - 1) / nr, k, nr});
      for (int64_t o = 0; o < m; ++o)
        for (int64_t ci = 0; ci < c; ++ci)
          for (int64_t t = 0; t < taps; ++t)
            packed.data<float>()[((o / nr) * k + t * c + ci) * nr + o % nr] =
                weight.data<float>()[(o * c + ci) * taps + t];
      AttrMap attrs = conv;
      attrs.set("out_channels", m);
      attrs.set("block", block);
      attrs.set("activation", std::string("relu"));
      AttrMap toBlocks;
      toBlocks.set("block", block);
      Tensor bx = run(ref::evalToBlocked, {&x}, toBlocks);
      Tensor y = run(ref::evalBlockedConv,
                     {blockedX ? &bx : &x, &packed, &bias, nullptr}, attrs);
      EXPECT_EQ(y.shape(),
                (Shape{n, m / block, want.dim(2), want.dim(3), block}));
      Tensor got = run(ref::evalFromBlocked, {&y});
      std::vector<double> expect(want.data<float>(),
                                 want.data<float>() + want.numElements());
      expectTensorNear(got, want.shape(), expect, 1e-5, 1e-5);
    }
}

TEST(BlockedConv, RejectsInconsistentOperands) {
  Tensor x(DType::F32, {1, 2, 3, 3, 4}), w(DType::F32, {1, 8, 8});
  AttrMap attrs;
  attrs.set("out_channels", int64_t{8});
  attrs.set("block", int64_t{8});
  expectError(ref::evalBlockedConv, {&x, &w, nullptr, nullptr}, attrs,
              "X's last dim");
  attrs.set("block", int64_t{4});
  attrs.set("out_channels", int64_t{6});
  expectError(ref::evalBlockedConv, {&x, &w, nullptr, nullptr}, attrs,
              "out_channels a multiple of 4");
  Tensor wrongK(DType::F32, {1, 7, 8});
  attrs.set("out_channels", int64_t{8});
  expectError(ref::evalBlockedConv, {&x, &wrongK, nullptr, nullptr}, attrs,
              "packed W of 1 x 8 x nr");
}

TEST(BlockedDepthwiseConv, MatchesTheNCHWKernelThroughTheReorders) {
  // 2 images of 12 channels in blocks of 4, 3x3 at stride 1 and 2 with
  // bias and Clip: the blocked result is the NCHW one, blocked.
  for (int64_t stride : {1, 2}) {
    SCOPED_TRACE(stride);
    Tensor x = randomTensor({2, 12, 5, 7}, 5);
    Tensor w = randomTensor({12, 1, 3, 3}, 6);
    Tensor bias = randomTensor({12}, 7);
    AttrMap attrs;
    attrs.set("kernel_shape", std::vector<int64_t>{3, 3});
    attrs.set("strides", std::vector<int64_t>{stride, stride});
    attrs.set("pads", std::vector<int64_t>{1, 1, 1, 1});
    attrs.set("dilations", std::vector<int64_t>{1, 1});
    attrs.set("activation", std::string("clip"));
    attrs.set("clip_min", 0.0);
    attrs.set("clip_max", 0.5);
    Tensor want = run(ref::evalDepthwiseConv, {&x, &w, &bias}, attrs);
    AttrMap toBlocks;
    toBlocks.set("block", int64_t{4});
    Tensor bx = run(ref::evalToBlocked, {&x}, toBlocks);
    Tensor y = run(ref::evalDepthwiseConv, {&bx, &w, &bias}, attrs);
    EXPECT_EQ(y.shape(), (Shape{2, 3, want.dim(2), want.dim(3), 4}));
    Tensor got = run(ref::evalFromBlocked, {&y});
    std::vector<double> expect;
    for (int64_t i = 0; i < want.numElements(); ++i)
      expect.push_back(want.data<float>()[i]);
    expectTensorNear(got, want.shape(), expect, 0, 0);
  }
}

TEST(BlockedGlobalAveragePool, MatchesThePoolOfTheNCHWForm) {
  // 2 images of 12 channels in blocks of 4 on a 3x5 plane; and the errors.
  Tensor x = randomTensor({2, 12, 3, 5}, 8);
  Tensor want = run(ref::evalGlobalAveragePool, {&x});
  AttrMap toBlocks;
  toBlocks.set("block", int64_t{4});
  Tensor bx = run(ref::evalToBlocked, {&x}, toBlocks);
  Tensor got = run(ref::evalBlockedGlobalAveragePool, {&bx});
  std::vector<double> expect;
  for (int64_t i = 0; i < want.numElements(); ++i)
    expect.push_back(want.data<float>()[i]);
  expectTensorNear(got, {2, 12, 1, 1}, expect, 1e-6, 1e-6);
  expectError(ref::evalBlockedGlobalAveragePool, {&x}, {}, "rank 5");
}

} // namespace
