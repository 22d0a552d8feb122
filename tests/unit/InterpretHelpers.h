//===- InterpretHelpers.h - Random inputs and interpreter runs --*- C++ -*-===//
//
// What the pass tests share to check a rewritten module against the original
// on the reference interpreter.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TESTS_UNIT_INTERPRETHELPERS_H
#define KILN_TESTS_UNIT_INTERPRETHELPERS_H

#include "../runtime/KernelTestUtils.h"
#include "kiln/interpreter/Interpreter.h"

#include <gtest/gtest.h>

#include <vector>

namespace kiln::test {

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
