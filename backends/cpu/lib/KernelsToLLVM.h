//===- KernelsToLLVM.h - Kernels' remaining dialects to LLVM ----*- C++ -*-===//
//
// One conversion of memrefs, functions, arith, index and control flow to the
// LLVM dialect, the last step of a chunk's MLIR lowering (KernelsToLLVM.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LIB_KERNELSTOLLVM_H
#define KILN_CPU_LIB_KERNELSTOLLVM_H

#include "mlir/Pass/Pass.h"

#include <memory>

namespace kiln::cpu {

/// A module pass that converts the memref, func, arith, index and cf ops of
/// a chunk of kernels to the LLVM dialect in one dialect conversion, with
/// bare-pointer calling conventions for the kernels' buffer arguments.
std::unique_ptr<mlir::Pass> createKernelsToLLVMPass();

} // namespace kiln::cpu

#endif // KILN_CPU_LIB_KERNELSTOLLVM_H
