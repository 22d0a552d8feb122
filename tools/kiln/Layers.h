//===- Layers.h - A JIT plan matched layer by layer with the interpreter -===//
//
// The JIT's graph passes replace ops (conv + bias + relu become one packed
// conv at the relu's location), so a JIT step and the interpreter ops it
// stands for are matched by node name (the NameLoc the importer gives each
// op), op name and result index, never by Operation*:
//
//   1. a step's counterpart is the interpreter op of its last op's node name,
//      preferring one of the same op (the k-th such step takes the k-th),
//      else the node's last op; a step kiln-split-batch made for a part of
//      the batch (its op carries `kiln.items`) is compared with those
//      items of its counterpart's results, and counted among the steps of
//      its part only;
//   2. other interpreter ops of the node names a step's ops carry join it;
//   3. the remaining interpreter ops (fused or folded away by the JIT) join
//      the earliest layer that consumes their results, transitively.
//
// `kiln compare --per-layer`, `kiln profile` and `kiln explain` share it.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_LAYERS_H
#define KILN_TOOLS_KILN_LAYERS_H

#include "TensorDiff.h"

#include "kiln/cpu/Jit.h"
#include "kiln/interpreter/Interpreter.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace kiln::tool {

/// The ONNX node name the importer put in \p loc ("" when there is none).
std::string nodeName(mlir::Location loc);

/// "kiln.conv" -> "conv".
std::string shortOpName(mlir::Operation *op);

/// " [items B:E]" for a step of items [B, E) of its op's batch (Layer's
/// itemBegin and itemEnd), "" for a step of the whole batch.
std::string itemsLabel(int64_t begin, int64_t end);

/// Median of \p v (0 when empty).
double median(std::vector<double> v);

/// An op the interpreter runs.
struct InterpOp {
  mlir::Operation *op;
  std::string node, name;
  /// The layer it is attributed to (-1: none).
  int layer = -1;
  /// Whether a layer compares its results (then copied in the first
  /// observed run, released once compared).
  bool compared = false;
  std::vector<Tensor> results;
  /// Kernel time in each observed run.
  std::vector<double> ms;
};

/// One JIT step and what it is compared with.
struct Layer {
  std::string node, op, kind;
  /// Interpreter op whose results the step's results are compared with.
  int counterpart = -1;
  /// The items [itemBegin, itemEnd) of the counterpart's batch this step
  /// computes, when kiln-split-batch split its op (`kiln.items`); -1: all.
  int64_t itemBegin = -1, itemEnd = -1;
  std::vector<int> interpOps;
  std::vector<double> interpMs, jitMs;
  Diff diff;
  bool compared = false;
  double interpMedian = 0, jitMedian = 0;
};

/// Every JIT step as a layer, with the interpreter ops it covers.
struct LayerReport {
  std::vector<InterpOp> ops;
  std::vector<Layer> layers;
  unsigned skippedSteps = 0, uncoveredOps = 0;
  double uncoveredMs = 0;
  int firstDivergence = -1;
  /// Indices of the slowest JIT layers, slowest first.
  std::vector<int> slowest;
};

/// Matches the JIT's plan with the interpreter's graph (see the file header).
void matchLayers(mlir::ModuleOp interpModule, const cpu::Plan &plan,
                 std::vector<InterpOp> &ops, std::vector<Layer> &layers);

/// Fills \p report: \p runs observed runs of both backends on \p inputs,
/// results compared in the first (the interpreter's copied, since its
/// buffers are reused) within \p atol + \p rtol * |interp|, times kept from
/// all.
llvm::Error compareLayers(Interpreter &interp, cpu::JitModel &jit,
                          mlir::ModuleOp interpModule,
                          const std::vector<Tensor> &inputs, unsigned runs,
                          double atol, double rtol, LayerReport &report);

} // namespace kiln::tool

#endif // KILN_TOOLS_KILN_LAYERS_H
