//===- ResNet.cpp - ResNet-style CNN builders -----------------------------===//
//
// ResNet v1 with bottleneck blocks (He et al. 2015), as in the ONNX model zoo
// "resnet50-v1": each block is 1x1 -> 3x3 -> 1x1 convolutions with
// BatchNormalization and Relu, the stride on the first 1x1, and a 1x1
// projection shortcut (conv + BN) on the first block of each stage. Batch
// normalization stays as separate nodes (not folded into the convs) so that
// the compiler's own folding is exercised.
//
// resnet50:     1x3x224x224, 7x7/2 stem, MaxPool, stages (3, 4, 6, 3) of
//               widths 64..512 (outputs 256..2048), 1000 classes.
// resnet-small: 1x3x32x32, 3x3/1 stem, MaxPool, stages (2, 2, 2) of widths
//               8..32 (outputs 32..128), 10 classes.
//
//===----------------------------------------------------------------------===//
#include "CnnLayers.h"
#include "Zoo.h"

#include <vector>

namespace kiln::zoo {
namespace {

struct ResNetConfig {
  const char *name;
  int64_t inputSize;
  int64_t stemKernel, stemStride, stemChannels;
  std::vector<int64_t> blocksPerStage;
  std::vector<int64_t> stageWidths;
  int64_t classes;
};

constexpr int64_t kExpansion = 4;

/// One bottleneck block; \p project marks the first block of a stage, which
/// changes the shape and so needs the projection shortcut.
Activation bottleneck(GraphBuilder &b, const Activation &x,
                      const std::string &name, int64_t width, int64_t stride,
                      bool project) {
  b.setScope(name);
  int64_t outChannels = width * kExpansion;
  Activation y = relu(b, convBn(b, x, name + ".conv1", width, 1, stride));
  y = relu(b, convBn(b, y, name + ".conv2", width, 3, 1));
  // Gamma 0.5 on the BNs feeding the residual Add (branch and projection)
  // keeps the sum from growing its variance at every block: on N(0, 1)
  // inputs the block outputs of resnet50 stay within std 1.5..3.
  y = convBn(b, y, name + ".conv3", outChannels, 1, 1, 1, 0.5f);
  Activation shortcut = project ? convBn(b, x, name + ".downsample",
                                         outChannels, 1, stride, 1, 0.5f)
                                : x;
  return relu(b, add(b, y, shortcut));
}

BuiltModel buildResNet(const ResNetConfig &cfg, uint64_t seed) {
  GraphBuilder b(cfg.name, 17, seed);
  Activation x = {b.input("input", onnx::TensorProto::FLOAT,
                          {1, 3, cfg.inputSize, cfg.inputSize}),
                  3, cfg.inputSize, cfg.inputSize};
  b.setScope("stem");
  x = relu(b, convBn(b, x, "conv1", cfg.stemChannels, cfg.stemKernel,
                     cfg.stemStride));
  x = maxPool(b, x);
  for (size_t stage = 0; stage < cfg.blocksPerStage.size(); ++stage) {
    for (int64_t block = 0; block < cfg.blocksPerStage[stage]; ++block) {
      int64_t stride = (stage > 0 && block == 0) ? 2 : 1;
      std::string name =
          "layer" + std::to_string(stage + 1) + "." + std::to_string(block);
      x = bottleneck(b, x, name, cfg.stageWidths[stage], stride, block == 0);
    }
  }
  classifierHead(b, x, "fc", cfg.classes);
  int64_t params = b.numParams();
  return {std::move(b.model()), params};
}

} // namespace

BuiltModel buildResNetSmall(uint64_t seed) {
  return buildResNet({"resnet-small", 32, 3, 1, 16, {2, 2, 2}, {8, 16, 32}, 10},
                     seed);
}

BuiltModel buildResNet50(uint64_t seed) {
  return buildResNet(
      {"resnet50", 224, 7, 2, 64, {3, 4, 6, 3}, {64, 128, 256, 512}, 1000},
      seed);
}

} // namespace kiln::zoo
