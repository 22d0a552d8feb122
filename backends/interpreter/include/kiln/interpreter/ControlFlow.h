//===- ControlFlow.h - The meaning of If, Loop and Scan ---------*- C++ -*-===//
//
// A kiln.if, kiln.loop or kiln.scan as the runtime's control-flow
// semantics (kiln/runtime/ControlFlow.h) see it: its description, read from
// the op, and evalControlFlow with llvm errors. The interpreter runs a
// region op by op; the compiled backend runs the region's steps of its plan
// (compiled kernels among them). Both hand back the values the region's
// kiln.yield names.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_INTERPRETER_CONTROLFLOW_H
#define KILN_INTERPRETER_CONTROLFLOW_H

#include "kiln/interpreter/Interpreter.h"
#include "kiln/runtime/ControlFlow.h"
#include "kiln/runtime/Tensor.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace kiln {

/// Runs region \p index of the op with its block arguments bound to \p args
/// (already checked against the arguments' types) and returns the values
/// its `kiln.yield` hands back.
using RegionRunFn = llvm::function_ref<llvm::Expected<std::vector<Tensor>>(
    unsigned index, std::vector<Tensor> args)>;

/// True for the ops runControlFlow runs: kiln.if, kiln.loop and kiln.scan.
bool isControlFlow(mlir::Operation *op);

/// The description of control-flow op \p op (isControlFlow).
ControlFlowDesc describeControlFlow(mlir::Operation *op);

/// evalControlFlow (kiln/runtime/ControlFlow.h) with llvm errors.
llvm::Expected<std::vector<Tensor>>
runControlFlow(const ControlFlowDesc &desc, const std::string &label,
               const std::vector<Tensor> &operands, RegionRunFn runRegion);

} // namespace kiln

#endif // KILN_INTERPRETER_CONTROLFLOW_H
