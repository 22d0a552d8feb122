//===- Steps.h - The interpreter's prepared steps ---------------*- C++ -*-===//
//
// What preparation makes of a function: steps over numbered value slots.
// A control-flow op's step holds one prepared region per region of the op,
// over the same slot numbering, so a body reads outer-scope values from
// their slots directly; runControlFlow (kiln/interpreter/ControlFlow.h)
// decides which region runs with what.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_INTERPRETER_LIB_STEPS_H
#define KILN_INTERPRETER_LIB_STEPS_H

#include "kiln/interpreter/ControlFlow.h"
#include "kiln/interpreter/Interpreter.h"
#include "kiln/ir/KilnDialect.h"

#include <string>
#include <vector>

namespace kiln::interp {

struct Step;

/// One region's block: its arguments' slots, its steps, and the slots its
/// `kiln.yield` hands back.
struct Region {
  std::vector<int> args;
  std::vector<Step> steps;
  std::vector<int> yields;
};

struct Step {
  mlir::Operation *op;
  /// The op's reference kernel; null for a control-flow op.
  ReferenceKernelOpInterface kernel;
  AttrMap attrs;
  std::vector<int> inputs; // -1 for an absent (none) operand
  std::vector<int> outputs;
  std::vector<int> dead; // slots whose last use is this step
  std::string label;     // "kiln.conv at 'node_name'"
  /// A control-flow op's regions and description (runControlFlow runs
  /// the op).
  std::vector<Region> regions;
  ControlFlowDesc controlFlow;
};

/// Runs \p step: its kernel or its regions, then the checks of its results
/// against the IR's types. Results are stored in \p slots.
llvm::Error runStep(Step &step, std::vector<Tensor> &slots,
                    std::vector<Tensor> &results, double &milliseconds);

/// An error with \p msg as its message.
llvm::Error makeError(const llvm::Twine &msg);

} // namespace kiln::interp

#endif // KILN_INTERPRETER_LIB_STEPS_H
