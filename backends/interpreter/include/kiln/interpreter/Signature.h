//===- Signature.h - The inputs and outputs of a model's @main --*- C++ -*-===//
//
// What a caller sees of an imported model: the specs of `@main`'s arguments
// and returned values, named by their `kiln.name` attributes ("input<i>" /
// "output<i>" where the model gave none). The interpreter, the plan and the
// tools read a model's signature through this one function.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_INTERPRETER_SIGNATURE_H
#define KILN_INTERPRETER_SIGNATURE_H

#include "kiln/interpreter/Interpreter.h"

#include "mlir/IR/BuiltinOps.h"

#include <vector>

namespace kiln {

/// Appends the specs of the arguments of \p module's `@main` to \p inputs
/// and of the values its return hands back to \p outputs; appends nothing
/// when \p module has no `@main` with a body.
void signatureOf(mlir::ModuleOp module, std::vector<TensorSpec> &inputs,
                 std::vector<TensorSpec> &outputs);

} // namespace kiln

#endif // KILN_INTERPRETER_SIGNATURE_H
