//===- InterpretHelpers.h - Random inputs and interpreter runs --*- C++ -*-===//
//
// What the pass tests share to check a rewritten module against the original
// on the reference interpreter.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TESTS_UNIT_INTERPRETHELPERS_H
#define KILN_TESTS_UNIT_INTERPRETHELPERS_H

#include "kiln/interpreter/Interpreter.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace kiln::test {

/// An f32 tensor of \p shape with values drawn uniformly from [-1, 1) by a
/// generator seeded with \p seed.
inline Tensor randomTensor(Shape shape, uint64_t seed) {
  Tensor t(DType::F32, shape);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1, 1);
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.data<float>()[i] = dist(rng);
  return t;
}

/// The outputs of \p module on the interpreter for \p inputs; a failure to
/// build or run fails the test and gives no outputs.
inline std::vector<Tensor> interpret(mlir::ModuleOp module,
                                     const std::vector<Tensor> &inputs) {
  auto interp = Interpreter::create(module);
  EXPECT_TRUE(bool(interp));
  if (!interp) {
    llvm::consumeError(interp.takeError());
    return {};
  }
  auto out = (*interp)->run(inputs);
  EXPECT_TRUE(bool(out));
  if (!out) {
    llvm::consumeError(out.takeError());
    return {};
  }
  return *out;
}

} // namespace kiln::test

#endif // KILN_TESTS_UNIT_INTERPRETHELPERS_H
