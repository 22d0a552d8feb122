//===- ControlFlow.h - The meaning of If, Loop and Scan ---------*- C++ -*-===//
//
// ONNX's control-flow semantics over tensors, written once for every
// backend: what a kiln.if, kiln.loop or kiln.scan computes from its operand
// values, given a way to run one of its regions. The interpreter runs a
// region op by op; the compiled backend runs the region's steps of its plan
// (compiled kernels among them). Both hand back the values the region's
// kiln.yield names. What the semantics need of the op is a plain
// description (ControlFlowDesc), so a plan read back from a model entry,
// which has no MLIR, runs it too.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_INTERPRETER_CONTROLFLOW_H
#define KILN_INTERPRETER_CONTROLFLOW_H

#include "kiln/interpreter/Interpreter.h"
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

/// What runControlFlow needs of a kiln.if, kiln.loop or kiln.scan.
struct ControlFlowDesc {
  enum class Kind : uint8_t { If, Loop, Scan };
  Kind kind = Kind::If;
  /// The op's operands (Loop: max_trip_count and cond, absent or not, then
  /// the carried values; Scan: the states then the scan inputs).
  size_t numOperands = 0;
  /// Scan: how many operands are scan inputs, the opset-8 batch form, and
  /// the axes and directions per scan input and scan output (empty: all 0).
  int64_t numScanInputs = 0;
  bool batched = false;
  std::vector<int64_t> scanInputAxes, scanInputDirections, scanOutputAxes,
      scanOutputDirections;
  /// The op's results as declared (a scan output no iteration produced is
  /// empty along its axis and takes the other dims from here).
  std::vector<TensorSpec> results;
  /// Per region: its block arguments as declared (what each run receives
  /// is checked against them), and how many values its yield hands back.
  std::vector<std::vector<TensorSpec>> regionArgs;
  std::vector<size_t> regionYields;
};

/// True for the ops runControlFlow runs: kiln.if, kiln.loop and kiln.scan.
bool isControlFlow(mlir::Operation *op);

/// The description of control-flow op \p op (isControlFlow).
ControlFlowDesc describeControlFlow(mlir::Operation *op);

/// The results of the control-flow op \p desc describes from its operand
/// values \p operands (a default-constructed Tensor for an absent one),
/// running its regions through \p runRegion:
///   - If: `cond` (one element) picks then_branch or else_branch;
///   - Loop: iteration i gets (i, cond, carried...) and yields (cond,
///     carried..., scans...), while i < max_trip_count and cond hold; the
///     scan values are stacked along a new axis 0;
///   - Scan: iteration t gets (states..., slice t of each scan input along
///     its axis, from the end when reversed) and yields (states...,
///     scans...); the scan values are stacked along their output axes (in
///     reverse order when reversed). The opset-8 form scans each batch item
///     on its own.
/// Errors (a condition of several elements, a body argument of another
/// shape than declared, scan values of changing shapes) start with
/// \p label.
llvm::Expected<std::vector<Tensor>>
runControlFlow(const ControlFlowDesc &desc, const std::string &label,
               const std::vector<Tensor> &operands, RegionRunFn runRegion);

} // namespace kiln

#endif // KILN_INTERPRETER_CONTROLFLOW_H
