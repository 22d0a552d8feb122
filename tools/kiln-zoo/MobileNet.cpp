//===- MobileNet.cpp - MobileNetV2-style CNN builders ---------------------===//
//
// MobileNetV2 (Sandler et al. 2018) as torchvision defines it: a 3x3/2 stem,
// then inverted-residual blocks from the (t, c, n, s) table below, each
//   1x1 expand conv + BN + ReLU6   (omitted when t == 1)
//   3x3 depthwise conv (group = channels) + BN + ReLU6
//   1x1 project conv + BN          (linear bottleneck)
//   + input                        (only when stride 1 and channels match)
// then a 1x1 conv to 1280 + BN + ReLU6, GlobalAveragePool, Flatten, Gemm.
// ReLU6 is Clip with min/max as inputs (the opset 11+ form).
//
// mobilenetv2:     width 1.0, 1x3x224x224, 1000 classes (~3.5M parameters).
// mobilenet-small: width 0.25, 1x3x64x64, 10 classes.
//
//===----------------------------------------------------------------------===//
#include "CnnLayers.h"
#include "Zoo.h"

#include <algorithm>

namespace kiln::zoo {
namespace {

/// One row of the MobileNetV2 architecture table.
struct StageSpec {
  int64_t expand, channels, repeats, stride;
};

constexpr StageSpec kStages[] = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2},
                                 {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2},
                                 {6, 320, 1, 1}};

/// torchvision's _make_divisible: round to a multiple of 8, never dropping
/// more than 10%.
int64_t makeDivisible(double v) {
  int64_t r = std::max<int64_t>(8, static_cast<int64_t>(v + 4) / 8 * 8);
  if (r < 0.9 * v)
    r += 8;
  return r;
}

struct MobileNetConfig {
  const char *name;
  double width;
  int64_t inputSize;
  int64_t classes;
};

/// Builds ReLU6 nodes against one shared pair of Clip bounds.
struct Relu6 {
  std::string lo, hi;
  Activation operator()(GraphBuilder &b, const Activation &x) const {
    return {b.op("Clip", {x.name, lo, hi}), x.channels, x.height, x.width};
  }
};

Activation invertedResidual(GraphBuilder &b, const Relu6 &relu6,
                            const Activation &x, const std::string &name,
                            int64_t expand, int64_t outChannels,
                            int64_t stride) {
  b.setScope(name);
  int64_t hidden = x.channels * expand;
  Activation y = x;
  if (expand != 1)
    y = relu6(b, convBn(b, y, name + ".expand", hidden, 1, 1));
  y = relu6(b, convBn(b, y, name + ".dw", hidden, 3, stride, hidden));
  y = convBn(b, y, name + ".project", outChannels, 1, 1);
  if (stride == 1 && x.channels == outChannels)
    y = add(b, y, x);
  return y;
}

BuiltModel buildMobileNet(const MobileNetConfig &cfg, uint64_t seed) {
  GraphBuilder b(cfg.name, 17, seed);
  Relu6 relu6{b.constFloats("relu6.min", {}, {0.0f}),
              b.constFloats("relu6.max", {}, {6.0f})};
  Activation x = {b.input("input", onnx::TensorProto::FLOAT,
                          {1, 3, cfg.inputSize, cfg.inputSize}),
                  3, cfg.inputSize, cfg.inputSize};
  b.setScope("stem");
  x = relu6(b, convBn(b, x, "stem", makeDivisible(32 * cfg.width), 3, 2));
  int blockIndex = 0;
  for (const StageSpec &s : kStages) {
    int64_t channels = makeDivisible(s.channels * cfg.width);
    for (int64_t i = 0; i < s.repeats; ++i)
      x = invertedResidual(b, relu6, x, "block" + std::to_string(blockIndex++),
                           s.expand, channels, i == 0 ? s.stride : 1);
  }
  b.setScope("last");
  int64_t lastChannels = makeDivisible(1280 * std::max(1.0, cfg.width));
  x = relu6(b, convBn(b, x, "last", lastChannels, 1, 1));
  classifierHead(b, x, "classifier", cfg.classes);
  int64_t params = b.numParams();
  return {std::move(b.model()), params};
}

} // namespace

BuiltModel buildMobileNetSmall(uint64_t seed) {
  return buildMobileNet({"mobilenet-small", 0.25, 64, 10}, seed);
}

BuiltModel buildMobileNetV2(uint64_t seed) {
  return buildMobileNet({"mobilenetv2", 1.0, 224, 1000}, seed);
}

} // namespace kiln::zoo
