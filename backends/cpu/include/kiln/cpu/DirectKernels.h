//===- DirectKernels.h - Kernels written at the memref level ----*- C++ -*-===//
//
// Some ops get hand-scheduled code instead of linalg lowering: the
// register-blocked GEMM over pre-packed weight panels (MatMul, Gemm, Conv
// after kiln-pack-weights) and depthwise convolution. Their emitters write
// the kernel body directly on the kernel's memref arguments with scf and
// vector ops, and split the work into independent items for threading.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_DIRECTKERNELS_H
#define KILN_CPU_DIRECTKERNELS_H

#include "mlir/IR/Builders.h"
#include "mlir/Support/LogicalResult.h"

namespace kiln::cpu {

/// Emits the body of a kernel for \p op at the builder's insertion point
/// (before the kernel's return). \p operands holds a memref per operand of
/// \p op (null for an absent one), \p results a memref per result; the
/// kernel must compute work items [\p begin, \p end). Returns the number of
/// work items, or failure when \p op has no direct kernel (nothing emitted).
mlir::FailureOr<int64_t> emitDirectKernel(mlir::OpBuilder &b,
                                          mlir::Operation *op,
                                          mlir::ValueRange operands,
                                          mlir::ValueRange results,
                                          mlir::Value begin, mlir::Value end);

/// True when \p op would get a direct kernel.
bool hasDirectKernel(mlir::Operation *op);

/// Multiply-accumulates a direct kernel for \p op performs (output elements
/// times weights per output channel); 0 when \p op has no direct kernel.
/// The executor uses it to decide whether threads pay off.
int64_t estimateDirectKernelMacs(mlir::Operation *op);

} // namespace kiln::cpu

#endif // KILN_CPU_DIRECTKERNELS_H
