//===- KernelPipeline.h - LLVM's passes over Kiln's kernels -----*- C++ -*-===//
//
// The LLVM IR optimization a chunk of kernels gets at each -O level. See
// KernelPipeline.cpp for what runs at -O1 and -O2 and why.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LIB_KERNELPIPELINE_H
#define KILN_CPU_LIB_KERNELPIPELINE_H

#include "llvm/Passes/PassBuilder.h"

namespace kiln::cpu {

/// The module passes for -O\p level (0 to 3) built with \p pb: LLVM's
/// default pipeline at -O0 and -O3, Kiln's kernel pipeline at -O1 and -O2.
llvm::ModulePassManager buildKernelPipeline(llvm::PassBuilder &pb,
                                            unsigned level);

} // namespace kiln::cpu

#endif // KILN_CPU_LIB_KERNELPIPELINE_H
