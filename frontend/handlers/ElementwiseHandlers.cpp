//===- ElementwiseHandlers.cpp - Import of elementwise ONNX ops -----------===//
//
// Import handlers for elementwise math, activations, comparisons and casts.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/OpImporter.h"

namespace kiln::frontend {

void registerElementwiseHandlers(HandlerTable &t) {
  t.generic("Relu", 6, "kiln.relu");
  t.generic("Relu", 14, "kiln.relu"); // adds integer types only
  t.generic("Add", 7, "kiln.add");
  t.generic("LeakyRelu", 6, "kiln.leaky_relu");
}

} // namespace kiln::frontend
