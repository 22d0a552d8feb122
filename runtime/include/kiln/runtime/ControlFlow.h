//===- ControlFlow.h - The meaning of If, Loop and Scan ---------*- C++ -*-===//
//
// ONNX's control-flow semantics over tensors, written once for every
// backend: what an If, Loop or Scan computes from its operand values, given
// a way to run one of its regions. The interpreter runs a region op by op;
// the JIT runs the region's steps of its plan; an AOT library runs them in
// generated C functions that libkiln-rt.so calls back (kiln_rt.h). What the
// semantics need of the op is a plain description (ControlFlowDesc), which
// a model entry and an AOT library keep as bytes (serializeControlFlow).
// The interpreter's kiln/interpreter/ControlFlow.h describes an op and
// wraps evalControlFlow in llvm::Error.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_CONTROLFLOW_H
#define KILN_RUNTIME_CONTROLFLOW_H

#include "kiln/runtime/Status.h"
#include "kiln/runtime/Tensor.h"
#include "kiln/runtime/TensorSpec.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kiln {

/// What evalControlFlow needs of an If, Loop or Scan.
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

/// Runs region \p index with its block arguments bound to \p args (already
/// checked against their declared types) and sets \p yields to the values
/// its yield hands back.
using RegionRunner = std::function<Status(
    unsigned index, std::vector<Tensor> args, std::vector<Tensor> &yields)>;

/// Sets \p results to the results of the control-flow op \p desc describes
/// from its operand values \p operands (a default-constructed Tensor for an
/// absent one), running its regions through \p runRegion:
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
/// shape than declared, scan values of changing shapes, a description that
/// does not fit the operands) start with \p label.
Status evalControlFlow(const ControlFlowDesc &desc, const std::string &label,
                       const std::vector<Tensor> &operands,
                       const RegionRunner &runRegion,
                       std::vector<Tensor> &results);

/// \p desc as bytes (little-endian), for model entries and AOT libraries.
std::string serializeControlFlow(const ControlFlowDesc &desc);
/// Reads bytes serializeControlFlow wrote; fails on truncated or
/// inconsistent bytes.
Status parseControlFlow(const void *data, size_t size, ControlFlowDesc &desc);

} // namespace kiln

#endif // KILN_RUNTIME_CONTROLFLOW_H
