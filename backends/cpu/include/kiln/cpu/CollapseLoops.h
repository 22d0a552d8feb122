//===- CollapseLoops.h - Fewer, longer loops for pointwise kernels -*- C++
//-*-===//
//-*-===//
#ifndef KILN_CPU_COLLAPSELOOPS_H
#define KILN_CPU_COLLAPSELOOPS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"

namespace kiln::cpu {

/// Merges the adjacent parallel loop dims of every linalg op in \p kernels
/// that each of its operands indexes contiguously (or not at all), so that
/// a pointwise kernel over 1x1x56x56 slices runs one loop of 3136 rather
/// than 56 loops of 56, which LLVM vectorizes at the full vector width
/// (rows of 56 got 8-lane vectors, rows of 7 none).
mlir::LogicalResult collapseParallelLoops(mlir::ModuleOp kernels);

} // namespace kiln::cpu

#endif // KILN_CPU_COLLAPSELOOPS_H
