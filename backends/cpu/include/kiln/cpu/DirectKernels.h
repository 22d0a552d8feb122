//===- DirectKernels.h - Kernels written at the memref level ----*- C++ -*-===//
//
// Some ops get hand-scheduled code instead of linalg lowering: the
// register-blocked GEMM over pre-packed weight panels (MatMul, Gemm, Conv
// after kiln-pack-weights), depthwise convolution, pools, layer normalization
// and softmax. Their emitters write the kernel body directly on the kernel's
// memref arguments with scf and vector ops, and split the work into independent
// items for threading.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_DIRECTKERNELS_H
#define KILN_CPU_DIRECTKERNELS_H

#include "mlir/IR/Builders.h"
#include "mlir/Support/LogicalResult.h"

#include <functional>
#include <string>

namespace kiln::cpu {

/// Emits the body of a kernel for \p op at the builder's insertion point
/// (before the kernel's return). \p operands holds a memref per operand of
/// \p op (null for an absent one), \p results a memref per result; the
/// kernel must compute work items [\p begin, \p end). Returns the number of
/// work items, or failure when \p op has no direct kernel (nothing emitted).
/// Elementwise ops fused after a direct kernel (an open epilogue): builds,
/// from a vector of the kernel's finished results (after bias, residual and
/// activation), the vector to store in their place.
using EpilogueTail = std::function<mlir::Value(
    mlir::OpBuilder &b, mlir::Location loc, mlir::Value v)>;

/// The open epilogue computing \p chain, elementwise ops in order, after
/// \p leader (an op with a direct kernel): each op reads \p leader's
/// result, an earlier result of the chain or a single-element f32 constant,
/// and has \p leader's result type; the last result is what gets stored.
/// Fails, with \p reason set, on a chain that is not of that form.
mlir::FailureOr<EpilogueTail>
buildEpilogueTail(mlir::Operation *leader,
                  llvm::ArrayRef<mlir::Operation *> chain, std::string &reason);

/// Emits the body of a kernel for \p op (followed by \p tail, when set)
/// at the builder's insertion point.
mlir::FailureOr<int64_t> emitDirectKernel(mlir::OpBuilder &b,
                                          mlir::Operation *op,
                                          mlir::ValueRange operands,
                                          mlir::ValueRange results,
                                          mlir::Value begin, mlir::Value end,
                                          const EpilogueTail &tail = {});

/// True when \p op would get a direct kernel.
bool hasDirectKernel(mlir::Operation *op);

/// Multiply-accumulates a direct kernel for \p op performs (output elements
/// times weights per output channel; window taps for pools); 0 when \p op
/// has no direct kernel.
/// The executor uses it to decide whether threads pay off.
int64_t estimateDirectKernelMacs(mlir::Operation *op);

/// The operand of \p op (its index) that \p op's direct kernel reads only
/// at the positions of its result it writes, each read before that
/// position is written and by the same work item, so that the result may
/// take the operand's buffer (the residual of a packed conv or matrix
/// product); -1 when there is none.
int directKernelOverwritableOperand(mlir::Operation *op);

} // namespace kiln::cpu

#endif // KILN_CPU_DIRECTKERNELS_H
