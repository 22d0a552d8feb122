//===- StepMarks.h - What the executor reads off a step's ops ---*- C++ -*-===//
//
// The marks buildPlan (Plan.cpp) puts on a step from its ops, which the
// executor reads without them (a plan read back from a model entry keeps
// the marks, not the ops): what a step of one op is to ConcatViews, the
// operand a pointwise kernel may write over, and the part of a batch the
// step computes.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LIB_STEPMARKS_H
#define KILN_CPU_LIB_STEPMARKS_H

#include "kiln/cpu/Plan.h"

#include "llvm/ADT/STLFunctionalExtras.h"

namespace kiln::cpu {

/// Sets what \p op, alone in \p step, is to ConcatViews
/// (PlanStep::shaping, concatAxis, viewOffset).
void describeShaping(mlir::Operation *op, PlanStep &step);

/// Sets \p step's inPlaceArg: a compiled step whose ops are all pointwise
/// (KilnElementwise) with one static result may write over its first
/// operand of that shape and type; a direct kernel followed by pointwise
/// ops, over the operand directKernelOverwritableOperand names (not read
/// twice by the step). \p slotOf gives a value's slot.
void markInPlaceOperand(const Plan &plan, PlanStep &step,
                        llvm::function_ref<int(mlir::Value)> slotOf);

/// Sets \p step's itemBegin from the `kiln.items` of its ops, or -1.
void markBatchPart(PlanStep &step);

} // namespace kiln::cpu

#endif // KILN_CPU_LIB_STEPMARKS_H
