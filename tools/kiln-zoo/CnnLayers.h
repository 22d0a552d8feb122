//===- CnnLayers.h - Conv/BN building blocks shared by the CNNs -*- C++ -*-===//
//
// Layer helpers for the NCHW models (ResNet, MobileNet). Each helper takes
// and returns an `Activation` that carries the value name together with its
// channel count and spatial size, so that the builders can compute weight
// shapes and the final output shape without running shape inference.
//
// Initialization keeps activations O(1) on random inputs: conv and Gemm
// weights are He-uniform (bound sqrt(6 / fan_in)), convs have no bias (the
// BatchNormalization after them has one), and BatchNormalization parameters
// are near the identity (gamma ~ 1, beta ~ 0, mean ~ 0, var ~ 1 with +-10%
// jitter).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_ZOO_CNNLAYERS_H
#define KILN_TOOLS_ZOO_CNNLAYERS_H

#include "GraphBuilder.h"

namespace kiln::zoo {

/// An NCHW activation with batch 1.
struct Activation {
  std::string name;
  int64_t channels, height, width;
};

/// Conv with a k x k kernel, "same"-style padding k / 2, no bias.
Activation conv(GraphBuilder &b, const Activation &x, const std::string &name,
                int64_t outChannels, int64_t kernel, int64_t stride,
                int64_t group = 1);

/// Inference-mode BatchNormalization; \p gamma scales the near-1 gamma
/// (ResNet uses < 1 on the last BN of a residual branch to keep the sum of
/// many branches from growing).
Activation batchNorm(GraphBuilder &b, const Activation &x,
                     const std::string &name, float gamma = 1.0f);

/// conv followed by batchNorm, named "<name>" and "<name>.bn".
Activation convBn(GraphBuilder &b, const Activation &x, const std::string &name,
                  int64_t outChannels, int64_t kernel, int64_t stride,
                  int64_t group = 1, float gamma = 1.0f);

/// Applies a unary op (Relu) to \p x.
Activation relu(GraphBuilder &b, const Activation &x);

/// MaxPool 3x3, stride 2, padding 1.
Activation maxPool(GraphBuilder &b, const Activation &x);

/// Elementwise sum of two activations of the same shape.
Activation add(GraphBuilder &b, const Activation &x, const Activation &y);

/// GlobalAveragePool, Flatten and a Gemm (transB = 1) to \p classes logits;
/// declares the graph output "logits" [1, classes].
void classifierHead(GraphBuilder &b, const Activation &x,
                    const std::string &fcName, int64_t classes);

} // namespace kiln::zoo

#endif // KILN_TOOLS_ZOO_CNNLAYERS_H
