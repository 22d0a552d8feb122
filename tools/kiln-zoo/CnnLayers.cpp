//===- CnnLayers.cpp - Conv/BN building blocks shared by the CNNs ---------===//
//
// Emits the ONNX nodes for CnnLayers.h with the attributes PyTorch's exporter
// writes (explicit kernel_shape, strides, pads, dilations and group on Conv).
//
//===----------------------------------------------------------------------===//
#include "CnnLayers.h"

#include <cassert>
#include <cmath>

namespace kiln::zoo {

Activation conv(GraphBuilder &b, const Activation &x, const std::string &name,
                int64_t outChannels, int64_t kernel, int64_t stride,
                int64_t group) {
  assert(x.channels % group == 0 && outChannels % group == 0 &&
         "channels must divide into groups");
  int64_t fanIn = x.channels / group * kernel * kernel;
  float bound = std::sqrt(6.0f / static_cast<float>(fanIn));
  std::string w = b.weight(name + ".weight",
                           {outChannels, x.channels / group, kernel, kernel},
                           -bound, bound);
  int64_t pad = kernel / 2;
  std::string y = b.op("Conv", {x.name, w},
                       {attrInts("dilations", {1, 1}), attrInt("group", group),
                        attrInts("kernel_shape", {kernel, kernel}),
                        attrInts("pads", {pad, pad, pad, pad}),
                        attrInts("strides", {stride, stride})});
  auto outSize = [&](int64_t n) { return (n + 2 * pad - kernel) / stride + 1; };
  return {y, outChannels, outSize(x.height), outSize(x.width)};
}

Activation batchNorm(GraphBuilder &b, const Activation &x,
                     const std::string &name, float gamma) {
  Dims c = {x.channels};
  std::string scale = b.weight(name + ".weight", c, 0.9f * gamma, 1.1f * gamma);
  std::string bias = b.weight(name + ".bias", c, -0.1f, 0.1f);
  std::string mean = b.weight(name + ".running_mean", c, -0.1f, 0.1f);
  std::string var = b.weight(name + ".running_var", c, 0.9f, 1.1f);
  std::string y =
      b.op("BatchNormalization", {x.name, scale, bias, mean, var},
           {attrFloat("epsilon", 1e-5f), attrFloat("momentum", 0.9f)});
  return {y, x.channels, x.height, x.width};
}

Activation convBn(GraphBuilder &b, const Activation &x, const std::string &name,
                  int64_t outChannels, int64_t kernel, int64_t stride,
                  int64_t group, float gamma) {
  Activation y = conv(b, x, name, outChannels, kernel, stride, group);
  return batchNorm(b, y, name + ".bn", gamma);
}

Activation relu(GraphBuilder &b, const Activation &x) {
  return {b.op("Relu", {x.name}), x.channels, x.height, x.width};
}

Activation maxPool(GraphBuilder &b, const Activation &x) {
  std::string y =
      b.op("MaxPool", {x.name},
           {attrInt("ceil_mode", 0), attrInts("dilations", {1, 1}),
            attrInts("kernel_shape", {3, 3}), attrInts("pads", {1, 1, 1, 1}),
            attrInts("strides", {2, 2})});
  auto outSize = [](int64_t n) { return (n + 2 - 3) / 2 + 1; };
  return {y, x.channels, outSize(x.height), outSize(x.width)};
}

Activation add(GraphBuilder &b, const Activation &x, const Activation &y) {
  assert(x.channels == y.channels && x.height == y.height &&
         x.width == y.width && "residual operands must have equal shapes");
  return {b.op("Add", {x.name, y.name}), x.channels, x.height, x.width};
}

void classifierHead(GraphBuilder &b, const Activation &x,
                    const std::string &fcName, int64_t classes) {
  b.setScope("head");
  std::string pooled = b.op("GlobalAveragePool", {x.name});
  std::string flat = b.op("Flatten", {pooled}, {attrInt("axis", 1)});
  float bound = std::sqrt(6.0f / static_cast<float>(x.channels));
  std::string w =
      b.weight(fcName + ".weight", {classes, x.channels}, -bound, bound);
  float biasBound = 1.0f / std::sqrt(static_cast<float>(x.channels));
  std::string bias =
      b.weight(fcName + ".bias", {classes}, -biasBound, biasBound);
  std::string logits = b.op(
      "Gemm", {flat, w, bias},
      {attrFloat("alpha", 1.0f), attrFloat("beta", 1.0f), attrInt("transB", 1)},
      "logits");
  b.output(logits, onnx::TensorProto::FLOAT, {1, classes});
}

} // namespace kiln::zoo
