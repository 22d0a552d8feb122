//===- StepCost.h - FLOPs, bytes and ONNX nodes of plan steps ---*- C++ -*-===//
//
// What a plan step costs, from static shapes at plan time: the floating-point
// operations its ops perform (conventions in lib/StepCost.cpp), the bytes of
// the buffers it reads and writes, and the ONNX nodes it stands for. The
// profiler (`kiln profile`) divides them by measured times to place each
// step on the machine's roofline; the trace shows them per step.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_STEPCOST_H
#define KILN_CPU_STEPCOST_H

#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiln::cpu {

struct Plan;
struct PlanStep;

/// FLOPs a transcendental function (exp, tanh, erf, sigmoid...) counts for,
/// per element: about what a vectorized polynomial approximation costs.
inline constexpr double kTranscendentalFlops = 10;

/// Estimated floating-point operations of \p op (integer ops of the integer
/// kernels count alike); 0 for data movement and for ops without a cost
/// rule. Ops with regions count the ops inside.
double estimateOpFlops(mlir::Operation *op);

/// Appends to \p names each ONNX node name in \p loc not already there, in
/// order: a NameLoc's, those inside a fused location (the graph passes fuse
/// the locations of the ops they merge, in graph order), a call site's
/// callee's.
void nodeNames(mlir::Location loc, std::vector<std::string> &names);

/// The ONNX node name of \p loc: its NameLoc, or the last name in a fused
/// location (the op whose value a fused op defines); "" when there is none.
std::string nodeName(mlir::Location loc);

/// Fills `flops`, `bytes` and `nodes` of \p step (its ops, args, inputs and
/// outputs must be set) from \p plan's slots.
void computeStepCost(const Plan &plan, PlanStep &step);

} // namespace kiln::cpu

#endif // KILN_CPU_STEPCOST_H
