//===- Interpreter.h - The reference interpreter ----------------*- C++ -*-===//
//
// Runs `func.func @main` of a kiln module op by op, calling each op's
// reference kernel through ReferenceKernelOpInterface. No fusion, no
// threading: the unoptimized definition every other backend is judged by.
// Intermediate tensors are freed after their last use.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_INTERPRETER_INTERPRETER_H
#define KILN_INTERPRETER_INTERPRETER_H

#include "kiln/runtime/Attributes.h"
#include "kiln/runtime/Tensor.h"
#include "kiln/runtime/TensorSpec.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kiln {

namespace interp {
struct Step;
} // namespace interp

/// Called after each op of @main with its results and its kernel's time (a
/// control-flow op's with its own results: the ops in its regions are not
/// reported).
using OpObserver =
    std::function<void(mlir::Operation *op, const std::vector<Tensor> &results,
                       double milliseconds)>;

class Interpreter {
public:
  /// Prepares `@main` of \p module, which must outlive the interpreter.
  static llvm::Expected<std::unique_ptr<Interpreter>>
  create(mlir::ModuleOp module);
  ~Interpreter();

  const std::vector<TensorSpec> &inputs() const { return inputSpecs; }
  const std::vector<TensorSpec> &outputs() const { return outputSpecs; }

  /// Runs the graph. Inputs are checked against the specs (count, dtype,
  /// static dimensions) first; a kernel error names the op and its location.
  llvm::Expected<std::vector<Tensor>> run(const std::vector<Tensor> &inputs,
                                          const OpObserver &observer = {});

private:
  Interpreter() = default;
  std::vector<interp::Step> steps;
  /// Slot of each function argument / returned value.
  std::vector<int> argSlots, resultSlots;
  /// Constant tensors by slot (invalid for non-constants).
  std::vector<Tensor> constants;
  std::vector<bool> isConstant;
  int numSlots = 0;
  std::vector<TensorSpec> inputSpecs, outputSpecs;
};

/// Checks \p inputs against \p specs: count, dtype, static dimensions. The
/// error names the input and says what was expected and found.
llvm::Error checkInputs(const std::vector<TensorSpec> &specs,
                        const std::vector<Tensor> &inputs);

/// The spec of a value of type \p type named \p name.
TensorSpec specFromType(mlir::Type type, std::string name);

} // namespace kiln

#endif // KILN_INTERPRETER_INTERPRETER_H
