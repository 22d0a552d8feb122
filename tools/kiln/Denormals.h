//===- Denormals.h - Subnormal floats in weights and tensors ----*- C++ -*-===//
//
// Counts the subnormal (denormal) elements of tensors: the nonzero floats
// below the smallest normal one (f32: 1.18e-38, f64: 2.2e-308, f16:
// 6.1e-5). Where these sit in weights or activations, some CPUs slow down a
// lot and flush-to-zero (kiln/runtime/FloatMode.h) may win the time back;
// the counts say whether a model has any to begin with.
//
// Elements are classified by their bits, not by comparisons, so the counts
// are right even on a thread that flushes subnormals (where a subnormal
// compares equal to 0).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_DENORMALS_H
#define KILN_TOOLS_KILN_DENORMALS_H

#include "Stats.h"

#include "kiln/cpu/Jit.h"
#include "kiln/runtime/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kiln::tool {

/// Subnormal elements among the floating-point elements counted.
struct SubnormalCount {
  uint64_t subnormal = 0, total = 0;

  SubnormalCount &operator+=(const SubnormalCount &other) {
    subnormal += other.subnormal;
    total += other.total;
    return *this;
  }
  /// subnormal / total (0 when nothing was counted).
  double fraction() const {
    return total ? static_cast<double>(subnormal) / total : 0.0;
  }
};

/// The subnormal elements of \p t among all its elements when it holds
/// f32, f64 or f16; {0, 0} for other element types (they have none).
SubnormalCount countSubnormals(const Tensor &t);

/// Per op of \p graph's `main` that uses constants (weights): the op's
/// ONNX node name (its op name in parentheses when it has none) and the
/// count over its floating-point constant operands, in program order. A
/// constant used by several ops counts for each; ops with no float constant
/// operand are left out.
std::vector<std::pair<std::string, SubnormalCount>>
weightSubnormals(mlir::ModuleOp graph);

/// Every floating-point constant of \p graph counted once: the model's
/// weights as a whole.
SubnormalCount totalWeightSubnormals(mlir::ModuleOp graph);

/// Per step of \p jit's plan, in plan order: the subnormal elements among
/// its results in one run on \p inputs. The run is in the model's own mode:
/// a model that flushes denormals has none to count.
llvm::Expected<std::vector<SubnormalCount>>
activationSubnormals(cpu::JitModel &jit, const std::vector<Tensor> &inputs);

/// The latency of a compiled model with flush-to-zero off and on.
struct FlushTiming {
  RunStats off, on;
  /// off / on medians (> 1: flushing is faster); NaN when on is 0.
  double speedup() const;
};

/// Times \p jit's plan and kernels at its thread count with FTZ and DAZ
/// off and on (two executors from Executor::withSettings, nothing compiled
/// again): a first run of each, timed apart, then \p runs of each,
/// alternating, so that a change in the machine's load falls on both.
/// Call it from a thread that does not flush (see Executor's constructor).
llvm::Expected<FlushTiming>
timeFlushDenormals(const cpu::JitModel &jit, const std::vector<Tensor> &inputs,
                   unsigned runs);

} // namespace kiln::tool

#endif // KILN_TOOLS_KILN_DENORMALS_H
