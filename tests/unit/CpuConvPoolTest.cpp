//===- CpuConvPoolTest.cpp - Convolutions and pools: JIT against interp ---===//
//
// Conv (packed, im2col blocks and GEMM), depthwise convolution (along rows
// and across channels) and the pools, on odd shapes with strides, pads,
// dilations and groups, against the interpreter (CpuKernelFixture.h).
//
//===----------------------------------------------------------------------===//
#include "CpuKernelFixture.h"

#include <array>

using namespace kiln;
using namespace kiln::test;

namespace {

//===----------------------------------------------------------------------===//
// Conv
//===----------------------------------------------------------------------===//

struct ConvCase {
  int64_t n, c, h, w, m, k, stride, pad, dilation, group;
};

class ConvTest : public CpuKernelTest,
                 public ::testing::WithParamInterface<ConvCase> {};

TEST_P(ConvTest, MatchesInterpreter) {
  ConvCase p = GetParam();
  int64_t span = (p.k - 1) * p.dilation + 1;
  int64_t oh = (p.h + 2 * p.pad - span) / p.stride + 1;
  int64_t ow = (p.w + 2 * p.pad - span) / p.stride + 1;
  ModelBuilder b;
  b.input("x", {p.n, p.c, p.h, p.w}).output("y", {p.n, p.m, oh, ow});
  weight(b, "w", {p.m, p.c / p.group, p.k, p.k});
  weight(b, "b", {p.m});
  auto &conv = b.node("Conv", {"x", "w", "b"}, {"y"});
  addInts(conv, "kernel_shape", {p.k, p.k});
  addInts(conv, "strides", {p.stride, p.stride});
  addInts(conv, "pads", {p.pad, p.pad, p.pad, p.pad});
  addInts(conv, "dilations", {p.dilation, p.dilation});
  addInt(conv, "group", p.group);
  bool depthwise = p.group == p.c && p.group == p.m && p.group > 1;
  // The direct kernel on every shape (WinogradConvsMatchTheInterpreter
  // covers the 3x3 convolutions kiln-winograd takes, the SE tests the 1x1
  // ones on one position kiln-conv-to-mat-mul takes).
  disabledPasses = {"kiln-winograd", "kiln-conv-to-mat-mul"};
  check(b, {{p.n, p.c, p.h, p.w}},
        p.group == 1 ? "kiln.packed_conv"
                     : (depthwise ? "kiln.depthwise_conv" : ""));
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, ConvTest,
    ::testing::Values(
        // n, c, h, w, m, k, stride, pad, dilation, group
        ConvCase{1, 1, 1, 1, 1, 1, 1, 0, 1, 1},
        ConvCase{1, 3, 7, 7, 7, 3, 1, 1, 1, 1},
        ConvCase{1, 7, 17, 17, 17, 3, 1, 1, 1, 1},
        ConvCase{2, 17, 9, 13, 63, 1, 1, 0, 1, 1},
        ConvCase{1, 16, 17, 17, 12, 3, 2, 1, 1, 1},
        ConvCase{1, 5, 63, 63, 6, 3, 2, 0, 1, 1},
        ConvCase{1, 4, 17, 17, 7, 3, 1, 2, 2, 1},
        ConvCase{1, 3, 23, 23, 8, 7, 2, 3, 1, 1},
        ConvCase{1, 8, 15, 15, 9, 1, 2, 0, 1, 1},
        ConvCase{1, 6, 11, 11, 5, 5, 3, 2, 1, 1},
        // Patches (ViT's 16x16 at stride 16) and stride 4 with pads: packed
        // by loops, not unrolled.
        ConvCase{1, 3, 32, 32, 8, 16, 16, 0, 1, 1},
        ConvCase{2, 4, 21, 21, 6, 4, 4, 1, 1, 1},
        ConvCase{1, 130, 7, 7, 20, 3, 1, 1, 1, 1},
        // Bands chosen by lane waste: 14x14 in one band of 14 rows (three K
        // blocks), 28x28 in bands of 4 rows.
        ConvCase{1, 64, 14, 14, 20, 3, 1, 1, 1, 1},
        ConvCase{1, 8, 28, 28, 13, 3, 1, 1, 1, 1},
        ConvCase{1, 1024, 3, 3, 7, 1, 1, 0, 1, 1},
        ConvCase{1, 4, 9, 9, 6, 3, 1, 1, 1, 2},
        ConvCase{1, 7, 17, 17, 7, 3, 1, 1, 1, 7},
        ConvCase{2, 17, 63, 63, 17, 3, 2, 1, 1, 17},
        ConvCase{1, 9, 7, 7, 9, 3, 1, 1, 1, 9},
        ConvCase{1, 3, 1, 1, 3, 3, 1, 1, 1, 3},
        ConvCase{1, 5, 14, 14, 5, 5, 1, 2, 1, 5},
        ConvCase{1, 8, 20, 20, 8, 3, 1, 2, 2, 8},
        ConvCase{1, 8, 29, 29, 8, 3, 2, 1, 1, 8},
        // Channels a multiple of the lanes: the channel-blocked kernel (5x5
        // windows, narrow outputs), at stride 1 and 2, on odd and tiny
        // planes, several images; the last one stays on the rows.
        ConvCase{1, 32, 14, 14, 32, 5, 1, 2, 1, 32},
        ConvCase{2, 16, 13, 13, 16, 5, 2, 2, 1, 16},
        ConvCase{1, 48, 7, 7, 48, 5, 1, 2, 1, 48},
        ConvCase{1, 32, 35, 19, 32, 5, 1, 1, 1, 32},
        ConvCase{3, 16, 5, 3, 16, 5, 2, 2, 1, 16},
        ConvCase{2, 16, 29, 29, 16, 3, 2, 1, 1, 16},
        ConvCase{1, 16, 14, 14, 16, 3, 1, 1, 1, 16},
        ConvCase{1, 32, 56, 56, 32, 3, 1, 1, 1, 32}),
    [](const ::testing::TestParamInfo<ConvCase> &info) {
      const ConvCase &p = info.param;
      return "n" + std::to_string(p.n) + "c" + std::to_string(p.c) + "h" +
             std::to_string(p.h) + "w" + std::to_string(p.w) + "m" +
             std::to_string(p.m) + "k" + std::to_string(p.k) + "s" +
             std::to_string(p.stride) + "p" + std::to_string(p.pad) + "d" +
             std::to_string(p.dilation) + "g" + std::to_string(p.group);
    });

TEST_F(CpuKernelTest, ConvOnSmallImagesAtAnyChunking) {
  // On small images a conv's items are channel groups of one band; the
  // items of one kernel call pack the band once. One call at 1 thread runs
  // every item; 2 and 3 threads split the items into chunks that start and
  // end inside a band. The 3x3 conv has several K blocks; both have a last
  // channel tile with fewer rows than the panel (Cout % 6 != 0). The
  // NCHW kernel: kiln-blocked-layout would take the 96 -> 64 conv.
  disabledPasses = {"kiln-winograd", "kiln-blocked-layout"};
  for (unsigned t : {1u, 2u, 3u}) {
    threads = t;
    for (auto [c, hw, m, k] : {std::array<int64_t, 4>{512, 7, 202, 1},
                               std::array<int64_t, 4>{300, 5, 131, 3},
                               std::array<int64_t, 4>{96, 14, 64, 1}}) {
      SCOPED_TRACE(testing::Message() << t << " threads, " << c << "->" << m
                                      << " " << hw << "x" << hw << " k" << k);
      ModelBuilder b;
      b.input("x", {1, c, hw, hw}).output("y", {1, m, hw, hw});
      weight(b, "w", {m, c, k, k});
      weight(b, "b", {m});
      auto &conv = b.node("Conv", {"x", "w", "b"}, {"y"});
      addInts(conv, "pads", {k / 2, k / 2, k / 2, k / 2});
      check(b, {{1, c, hw, hw}}, "kiln.packed_conv", 1e-3, 1e-3);
      EXPECT_GT(workItems, 1);
    }
  }
}

TEST_F(CpuKernelTest, ConvBatchNormResidualRelu) {
  // ResNet's block tail: conv -> BN -> add(identity) -> relu.
  ModelBuilder b;
  b.input("x", {1, 8, 10, 10}).input("skip", {1, 16, 10, 10});
  b.output("y", {1, 16, 10, 10});
  weight(b, "w", {16, 8, 3, 3});
  weight(b, "scale", {16}, 0.5f, 1.5f);
  weight(b, "shift", {16});
  weight(b, "mean", {16});
  weight(b, "var", {16}, 0.5f, 1.5f);
  auto &conv = b.node("Conv", {"x", "w"}, {"c"});
  addInts(conv, "pads", {1, 1, 1, 1});
  b.node("BatchNormalization", {"c", "scale", "shift", "mean", "var"}, {"bn"});
  b.node("Add", {"bn", "skip"}, {"s"});
  b.node("Relu", {"s"}, {"y"});
  check(b, {{1, 8, 10, 10}, {1, 16, 10, 10}}, "kiln.packed_conv");
}

TEST_F(CpuKernelTest, WinogradConvsMatchTheInterpreter) {
  // 3x3 stride-1 convolutions that kiln-winograd takes (many channels, wide
  // enough planes): output sizes that are and are not multiples of the
  // tile (4 or 2), pads 0, 1, 2 and uneven, rows of tiles spanning several
  // vectors, tall planes in several bands with a shorter last one, two
  // to five images (narrow planes: bands running across images), Cout not a
  // multiple of the panel, with bias, BatchNorm, residual and relu fused, at 1,
  // 2 and 3 threads (chunks that split a band's panel groups).
  struct Case {
    int64_t n, c, h, w, m;
    std::array<int64_t, 4> pads;
    bool residual;
  };
  for (unsigned t : {1u, 2u, 3u}) {
    threads = t;
    for (Case k : {Case{1, 64, 32, 32, 64, {1, 1, 1, 1}, false},
                   Case{2, 48, 30, 37, 50, {1, 1, 1, 1}, true},
                   Case{1, 32, 61, 150, 40, {0, 0, 0, 0}, false},
                   Case{1, 40, 90, 45, 33, {2, 2, 2, 2}, true},
                   Case{1, 64, 27, 70, 64, {1, 0, 2, 1}, false},
                   // Narrow planes of several images: bands across images.
                   Case{3, 64, 14, 14, 40, {1, 1, 1, 1}, true},
                   Case{5, 32, 9, 11, 24, {0, 1, 2, 1}, false}}) {
      int64_t oh = k.h + k.pads[0] + k.pads[2] - 2;
      int64_t ow = k.w + k.pads[1] + k.pads[3] - 2;
      SCOPED_TRACE(testing::Message()
                   << t << " threads, " << k.n << "x" << k.c << "x" << k.h
                   << "x" << k.w << " -> " << k.m << " pads " << k.pads[0]
                   << k.pads[1] << k.pads[2] << k.pads[3]);
      ModelBuilder b;
      b.input("x", {k.n, k.c, k.h, k.w}).output("y", {k.n, k.m, oh, ow});
      weight(b, "w", {k.m, k.c, 3, 3}, -0.3f, 0.3f);
      weight(b, "b", {k.m});
      weight(b, "scale", {k.m}, 0.5f, 1.5f);
      weight(b, "shift", {k.m});
      weight(b, "mean", {k.m});
      weight(b, "var", {k.m}, 0.5f, 1.5f);
      auto &conv = b.node("Conv", {"x", "w", "b"}, {"c"});
      addInts(conv, "pads", {k.pads[0], k.pads[1], k.pads[2], k.pads[3]});
      b.node("BatchNormalization", {"c", "scale", "shift", "mean", "var"},
             {"bn"});
      std::vector<std::vector<int64_t>> inputs = {{k.n, k.c, k.h, k.w}};
      if (k.residual) {
        b.input("skip", {k.n, k.m, oh, ow});
        b.node("Add", {"bn", "skip"}, {"s"});
        b.node("Relu", {"s"}, {"y"});
        inputs.push_back({k.n, k.m, oh, ow});
      } else {
        b.node("Relu", {"bn"}, {"y"});
      }
      check(b, inputs, "kiln.winograd_conv", 1e-3, 1e-3);
      EXPECT_EQ(compiledSteps, 1);
    }
  }
}

TEST_F(CpuKernelTest, ConvNarrowColumnTails) {
  // The positions of a band past its whole vectors, when at most a third
  // of the panel's 6 rows, run one vector per position over the tile's
  // output channels (MicroKernel::emitNarrow). With AVX-512's 64-column
  // tiles 7x7 is 48 + 1 and 9x9 is 64 + 16 + 1, while 14x14 (192 + 4) and
  // 5x5 (16 + 9) keep a masked vector; with AVX2's 16-column tiles (the
  // unit-avx2 run) 7x7 is 48 + 1, 9x9 80 + 1 and 5x5 24 + 1. Each with bias,
  // residual and Relu, or SiLU as the open epilogue that the narrow
  // tile's k-less pass applies; K in one block, or in three whose partial
  // sums are reloaded from the output; a last channel tile of fewer rows.
  disabledPasses = {"kiln-winograd"};
  struct Case {
    int64_t c, hw, m, k;
    bool silu;
  };
  for (auto [c, hw, m, k, silu] :
       {Case{40, 7, 30, 1, false}, Case{900, 7, 25, 1, false},
        Case{96, 9, 13, 3, true}, Case{800, 14, 14, 1, true},
        Case{24, 5, 12, 1, false}, Case{1100, 7, 37, 1, true}}) {
    SCOPED_TRACE(testing::Message() << c << "->" << m << " " << hw << "x" << hw
                                    << " k" << k << (silu ? " silu" : ""));
    ModelBuilder b;
    b.input("x", {1, c, hw, hw}).input("skip", {1, m, hw, hw});
    b.output("y", {1, m, hw, hw});
    weight(b, "w", {m, c, k, k}, -0.1f, 0.1f);
    weight(b, "b", {m});
    auto &conv = b.node("Conv", {"x", "w", "b"}, {"c"});
    addInts(conv, "pads", {k / 2, k / 2, k / 2, k / 2});
    b.node("Add", {"c", "skip"}, {"s"});
    if (silu) {
      b.node("Sigmoid", {"s"}, {"g"});
      b.node("Mul", {"s", "g"}, {"y"});
    } else {
      b.node("Relu", {"s"}, {"y"});
    }
    check(b, {{1, c, hw, hw}, {1, m, hw, hw}}, "kiln.packed_conv", 1e-4, 1e-4);
    EXPECT_EQ(compiledSteps, 1);
  }
}

TEST_F(CpuKernelTest, PointwiseConvReadsItsInputInPlace) {
  // 1x1 convs at stride 1 without pads on planes of whole 64-byte lines
  // (16x16, 8x8, 28x28, 56x56) read B from X itself and prefetch the next
  // block's lines: several images (the next block in the next image), two
  // K blocks (520 channels; the next block's channels kept inside X), 2
  // and 7 bands, last channel tiles of fewer rows, a residual and Relu,
  // and an output past L2 (256 x 56 x 56, 3.2 MB: the tiles prefetch
  // their output and residual lines), at 1, 2 and 3 threads (chunks that
  // start and end inside a band). Where a band's input outgrows 3/4 of L1
  // (256 and 520 channels, on any L1 below 128 KB) the kernel copies each
  // column tile's K block into a panel as its first channel tile reads it:
  // several K blocks, a last band of one vector (784 = 6 x 128 + 16),
  // groups of channel tiles whose first tile is not the conv's first, and
  // at 2 and 3 threads a group of only the last, shorter tile, which reads
  // in place (13 channels as tiles of 6, 6 and 1 in three groups).
  disabledPasses = {"kiln-winograd", "kiln-blocked-layout"};
  struct Case {
    int64_t n, c, hw, m;
    bool residual;
  };
  for (unsigned t : {1u, 2u, 3u}) {
    threads = t;
    for (auto [n, c, hw, m, residual] :
         {Case{2, 40, 16, 23, false}, Case{1, 520, 8, 13, true},
          Case{3, 16, 28, 30, true}, Case{1, 64, 56, 256, true},
          Case{2, 256, 28, 70, true}, Case{1, 256, 16, 13, false}}) {
      if (t == 3 && hw == 56)
        continue; // the largest once is enough at 1 and 2 threads
      SCOPED_TRACE(testing::Message() << t << " threads, " << n << "x" << c
                                      << "->" << m << " " << hw << "x" << hw);
      ModelBuilder b;
      b.input("x", {n, c, hw, hw});
      if (residual)
        b.input("skip", {n, m, hw, hw});
      b.output("y", {n, m, hw, hw});
      weight(b, "w", {m, c, 1, 1}, -0.1f, 0.1f);
      weight(b, "b", {m});
      if (residual) {
        b.node("Conv", {"x", "w", "b"}, {"c"});
        b.node("Add", {"c", "skip"}, {"s"});
        b.node("Relu", {"s"}, {"y"});
        check(b, {{n, c, hw, hw}, {n, m, hw, hw}}, "kiln.packed_conv", 1e-4,
              1e-4);
      } else {
        b.node("Conv", {"x", "w", "b"}, {"y"});
        check(b, {{n, c, hw, hw}}, "kiln.packed_conv", 1e-4, 1e-4);
      }
      EXPECT_EQ(compiledSteps, 1);
    }
  }
}

TEST_F(CpuKernelTest, BatchNormReluIsTheConvsPrologue) {
  // DenseNet's pre-activation: BN -> Relu -> conv without pads, on two
  // images with odd rows (the packer's row spill) at 1x1 stride 1 and 2 and
  // at 3x3: one compiled step each, the BN and Relu applied while packing.
  for (auto [k, stride] : {std::pair<int64_t, int64_t>{1, 1}, {1, 2}, {3, 1}}) {
    SCOPED_TRACE(testing::Message() << k << "x" << k << " stride " << stride);
    int64_t oh = (9 - k) / stride + 1, ow = (11 - k) / stride + 1;
    ModelBuilder b;
    b.input("x", {2, 20, 9, 11}).output("y", {2, 13, oh, ow});
    weight(b, "scale", {20}, -1.5f, 1.5f);
    weight(b, "shift", {20});
    weight(b, "mean", {20});
    weight(b, "var", {20}, 0.5f, 1.5f);
    weight(b, "w", {13, 20, k, k});
    weight(b, "b", {13});
    b.node("BatchNormalization", {"x", "scale", "shift", "mean", "var"},
           {"bn"});
    b.node("Relu", {"bn"}, {"r"});
    auto &conv = b.node("Conv", {"r", "w", "b"}, {"y"});
    addInts(conv, "strides", {stride, stride});
    check(b, {{2, 20, 9, 11}}, "kiln.packed_conv");
    EXPECT_EQ(compiledSteps, 1);
  }
}

TEST_F(CpuKernelTest, SqueezeExcitationScaleIsTheConvsPrologue) {
  // MobileNetV3's SE block: x * hardsigmoid(fc(pool(x))) -> 1x1 conv, on
  // two images (a scale per image and channel); the Mul is no step. The
  // fc runs as a matrix product of the pooled N x C rows
  // (kiln-conv-to-mat-mul), between two views that cost no time.
  ModelBuilder b;
  b.input("x", {2, 24, 7, 9}).output("y", {2, 10, 7, 9});
  weight(b, "w1", {24, 24, 1, 1});
  weight(b, "w2", {10, 24, 1, 1});
  b.node("GlobalAveragePool", {"x"}, {"p"});
  b.node("Conv", {"p", "w1"}, {"f"});
  b.node("HardSigmoid", {"f"}, {"s"});
  b.node("Mul", {"x", "s"}, {"m"});
  b.node("Conv", {"m", "w2"}, {"y"});
  check(b, {{2, 24, 7, 9}}, "kiln.packed_conv");
  EXPECT_EQ(compiledSteps - elidedSteps, 3); // pool, fc + hardsigmoid, conv
  EXPECT_EQ(elidedSteps, 2);                 // flatten, reshape
}

TEST_F(CpuKernelTest, DepthwiseBatchNormClip) {
  // MobileNetV2's depthwise stage: conv(dw) -> BN -> Clip(0, 6).
  ModelBuilder b;
  b.input("x", {1, 24, 15, 15}).output("y", {1, 24, 8, 8});
  weight(b, "w", {24, 1, 3, 3}, -3, 3);
  weight(b, "scale", {24}, 0.5f, 1.5f);
  weight(b, "shift", {24});
  weight(b, "mean", {24});
  weight(b, "var", {24}, 0.5f, 1.5f);
  b.initializer("lo", {}, {0.0f});
  b.initializer("hi", {}, {6.0f});
  auto &conv = b.node("Conv", {"x", "w"}, {"c"});
  addInts(conv, "pads", {1, 1, 1, 1});
  addInts(conv, "strides", {2, 2});
  addInt(conv, "group", 24);
  b.node("BatchNormalization", {"c", "scale", "shift", "mean", "var"}, {"bn"});
  b.node("Clip", {"bn", "lo", "hi"}, {"y"});
  check(b, {{1, 24, 15, 15}}, "kiln.depthwise_conv");
}

TEST_F(CpuKernelTest, DepthwiseSmallPlanesRunFlat) {
  // Stride-1 "same" planes narrower than half a vector run as one flat run
  // of vectors with constant masks per tap: planes smaller than a vector,
  // a partial last vector, 5x5 windows wider than the plane, an open
  // epilogue, and batch 2 and 3 so that first, middle and last planes (the
  // masked and the blended loads) are all met. With 16 lanes the planes of
  // 3 to 7 run flat, with 8 lanes (AVX2) those of 3 and 4.
  struct Case {
    int64_t n, c, hw, k;
  };
  for (Case t : std::vector<Case>{{1, 6, 7, 3},
                                  {2, 5, 7, 5},
                                  {3, 4, 3, 3},
                                  {1, 3, 4, 3},
                                  {2, 3, 5, 5},
                                  {1, 2, 1, 3},
                                  {1, 4, 6, 5}}) {
    SCOPED_TRACE(::testing::Message() << t.n << "x" << t.c << "x" << t.hw << "x"
                                      << t.hw << " k" << t.k);
    ModelBuilder b;
    std::vector<int64_t> shape = {t.n, t.c, t.hw, t.hw};
    b.input("x", shape).output("y", shape);
    weight(b, "w", {t.c, 1, t.k, t.k}, -2, 2);
    weight(b, "bias", {t.c});
    auto &conv = b.node("Conv", {"x", "w", "bias"}, {"c"});
    int64_t pad = t.k / 2;
    addInts(conv, "pads", {pad, pad, pad, pad});
    addInt(conv, "group", t.c);
    b.node("Sigmoid", {"c"}, {"s"});
    b.node("Mul", {"c", "s"}, {"y"});
    check(b, {shape}, "kiln.depthwise_conv");
  }
}

//===----------------------------------------------------------------------===//
// Pools (lib/kernels/Pool.cpp)
//===----------------------------------------------------------------------===//

/// A 2-D pool's attributes.
struct PoolCase {
  std::vector<int64_t> x, kernel, strides, pads, dilations;
  int64_t ceil = 0, includePad = 0;
  const char *autoPad = nullptr;
};

/// The geometries of the pools: stride 1, 2 and 3 (the three row copies),
/// pads, dilations, ceil_mode, auto_pad, rows narrower and wider than a
/// vector and not a multiple of it, windows taller than the image's rows.
const std::vector<PoolCase> &poolCases() {
  static const std::vector<PoolCase> cases = {
      {{1, 5, 28, 28}, {3, 3}, {1, 1}, {1, 1, 1, 1}, {}},
      {{2, 3, 29, 37}, {3, 3}, {2, 2}, {1, 1, 1, 1}, {}},
      {{1, 4, 14, 14}, {3, 3}, {2, 2}, {}, {}, 1},
      {{1, 3, 40, 70}, {2, 2}, {2, 2}, {}, {}},
      {{1, 2, 9, 50}, {3, 4}, {3, 3}, {0, 2, 1, 1}, {2, 1}, 1},
      {{1, 3, 7, 7}, {7, 7}, {1, 1}, {3, 3, 3, 3}, {}},
      {{2, 2, 17, 19}, {3, 2}, {1, 2}, {}, {}, 0, 0, "SAME_UPPER"},
      {{1, 2, 5, 40}, {2, 3}, {2, 1}, {1, 1, 0, 2}, {1, 2}, 1, 1},
  };
  return cases;
}

/// The output shape of \p c (ONNX's formulas).
std::vector<int64_t> poolOutput(const PoolCase &c) {
  std::vector<int64_t> y{c.x[0], c.x[1]};
  for (size_t i = 0; i < 2; ++i) {
    int64_t in = c.x[2 + i], s = c.strides.empty() ? 1 : c.strides[i];
    int64_t d = c.dilations.empty() ? 1 : c.dilations[i];
    int64_t dk = (c.kernel[i] - 1) * d + 1;
    if (c.autoPad) {
      y.push_back((in + s - 1) / s);
      continue;
    }
    int64_t pb = c.pads.empty() ? 0 : c.pads[i];
    int64_t pe = c.pads.empty() ? 0 : c.pads[2 + i];
    int64_t span = in + pb + pe - dk;
    int64_t out = (c.ceil ? (span + s - 1) / s : span / s) + 1;
    if (c.ceil && (out - 1) * s >= in + pb)
      --out;
    y.push_back(out);
  }
  return y;
}

/// Adds `op` with \p c's attributes from x to y, and x and y.
void poolNode(ModelBuilder &b, const char *op, const PoolCase &c) {
  b.input("x", c.x).output("y", poolOutput(c));
  auto &n = b.node(op, {"x"}, {"y"});
  addInts(n, "kernel_shape", c.kernel);
  if (!c.strides.empty())
    addInts(n, "strides", c.strides);
  if (!c.pads.empty())
    addInts(n, "pads", c.pads);
  if (!c.dilations.empty())
    addInts(n, "dilations", c.dilations);
  if (c.ceil)
    addInt(n, "ceil_mode", 1);
  if (c.includePad && std::string(op) == "AveragePool")
    addInt(n, "count_include_pad", 1);
  if (c.autoPad) {
    auto *a = n.add_attribute();
    a->set_name("auto_pad");
    a->set_type(onnx::AttributeProto::STRING);
    a->set_s(c.autoPad);
  }
}

TEST_F(CpuKernelTest, MaxAndAveragePoolGeometries) {
  for (const char *op : {"MaxPool", "AveragePool"}) {
    for (const PoolCase &c : poolCases()) {
      if (!c.dilations.empty() && std::string(op) == "AveragePool")
        continue; // AveragePool's dilations came with opset 19
      SCOPED_TRACE(std::string(op) + " on " + std::to_string(c.x[2]) + "x" +
                   std::to_string(c.x[3]));
      ModelBuilder b;
      poolNode(b, op, c);
      std::string name =
          std::string("kiln.") + (op[0] == 'M' ? "max_pool" : "average_pool");
      check(b, {c.x}, name);
      EXPECT_EQ(workItems, c.x[0] * c.x[1]);
    }
  }
}

TEST_F(CpuKernelTest, MaxPoolKeepsTheFirstOfEqualValuesAndNaNs) {
  // The reference kernel keeps the first of -0 and +0 in row-major tap
  // order, and the first NaN; the compiled pool must give the same bytes.
  PoolCase c{{1, 1, 6, 20}, {3, 3}, {1, 1}, {1, 1, 1, 1}, {}};
  ModelBuilder b;
  poolNode(b, "MaxPool", c);
  Tensor x(DType::F32, Shape{1, 1, 6, 20});
  float *v = x.data<float>();
  std::mt19937 rng(7);
  for (int64_t i = 0; i < x.numElements(); ++i) {
    switch (rng() % 4) {
    case 0:
      v[i] = 0.0f;
      break;
    case 1:
      v[i] = -0.0f;
      break;
    case 2:
      v[i] = -1.0f;
      break;
    default: {
      // NaNs of different payloads and signs.
      uint32_t bits = 0x7fc00000u | (rng() & 0xffff) | (rng() % 2 << 31);
      std::memcpy(&v[i], &bits, 4);
    }
    }
  }
  sameOnJit(ctx, path, errors, b, {x});
}

} // namespace
