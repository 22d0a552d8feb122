//===- Zoo.h - Model builders and file writers of kiln-zoo ------*- C++ -*-===//
//
// The interface between kiln-zoo's driver and its model builders. Each
// builder returns a complete ModelProto with seeded weights; the registry in
// main.cpp maps CLI names to builders. Files are written through a temporary
// file and a rename, so a failed or interrupted run never leaves a partial
// model under its final name.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_ZOO_ZOO_H
#define KILN_TOOLS_ZOO_ZOO_H

#include "FileWriter.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>

namespace kiln::zoo {

/// A built model and the number of scalar parameters in its weights
/// (constants such as reshape targets are not counted).
struct BuiltModel {
  onnx::ModelProto proto;
  int64_t numParams = 0;
};

/// ResNet-style CNNs (opset 17): bottleneck blocks with projection shortcuts.
BuiltModel buildResNetSmall(uint64_t seed);
BuiltModel buildResNet50(uint64_t seed);

/// MobileNetV2-style CNNs (opset 17): inverted residuals with ReLU6 as Clip.
BuiltModel buildMobileNetSmall(uint64_t seed);
BuiltModel buildMobileNetV2(uint64_t seed);

/// BERT-style encoders (opset 14) in the op patterns of PyTorch's exporter.
BuiltModel buildBertSmall(uint64_t seed);
BuiltModel buildBertBase(uint64_t seed);
/// bert-small with inputs [batch, seq], as exported with dynamic axes.
BuiltModel buildBertSmallDynamic(uint64_t seed);

/// An MLP exported at batch 1 (a Reshape to the constant [1, 784]), and the
/// same with a dynamic batch (Mlp.cpp).
BuiltModel buildMlp(uint64_t seed);
BuiltModel buildMlpDynamic(uint64_t seed);

/// The shape of a `matmul-MxNxK` model (MatMul.cpp).
struct MatMulShape {
  int64_t m = 0, n = 0, k = 0;
};
/// Whether \p name is `matmul-MxNxK` with each dimension from 1 to 2^20,
/// A and Y within 2^31 elements and W within 2^28; sets \p shape when it
/// is.
bool parseMatMulName(const std::string &name, MatMulShape &shape);
/// One MatMul of an input A [M, K] by a seeded weight W [K, N].
BuiltModel buildMatMul(const std::string &name, const MatMulShape &shape,
                       uint64_t seed);

/// Writes the malformed-model corpus and its MANIFEST into \p dir (which must
/// exist). Returns false and sets \p err on failure.
bool writeMalformedCorpus(const std::string &dir, uint64_t seed,
                          std::string &err);

/// Writes the models whose declared shapes contradict their ops
/// (Mutated.cpp) into \p dir (which must exist). Returns false and sets
/// \p err on failure.
bool writeMutatedModels(const std::string &dir, uint64_t seed,
                        std::string &err);

} // namespace kiln::zoo

#endif // KILN_TOOLS_ZOO_ZOO_H
