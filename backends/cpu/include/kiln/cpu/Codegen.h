//===- Codegen.h - Kernel module to machine code ----------------*- C++ -*-===//
//
// Lowers the plan's kernel module from linalg/tensor (and memref/vector for
// direct kernels) through bufferization and loops to the LLVM dialect, then
// translates it to LLVM IR and emits object files for the target CPU. The
// kernels are split into chunks that are lowered, optimized and
// code-generated in parallel, one object and one LLVMContext each.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_CODEGEN_H
#define KILN_CPU_CODEGEN_H

#include "kiln/cpu/Target.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
}

namespace kiln::cpu {

/// Options of code generation.
struct CodegenOptions {
  /// Compiling threads (0: one per core).
  unsigned jobs = 0;
  /// LLVM's optimization level, 0-3 (kiln's -O): the IR pipeline (O0-O3;
  /// loop unrolling only at 3, the direct kernels being unrolled already)
  /// and instruction selection and scheduling (None to Aggressive).
  unsigned optLevel = 2;
  /// Called with 0 done before the first kernel, then as kernels finish,
  /// with the number done and the total.
  std::function<void(unsigned done, unsigned total)> onProgress;
  /// Called after each stage with its name and milliseconds.
  std::function<void(llvm::StringRef stage, double ms)> onStage;
  /// When set, the LLVM IR of every partition is printed here instead of
  /// emitting objects (`kiln compile --emit=llvm`).
  llvm::raw_ostream *printLLVM = nullptr;
  /// When set, assembly is printed here instead (`--emit=asm`).
  llvm::raw_ostream *printAsm = nullptr;
  /// When set, every kernel is compiled into an object of its own (for the
  /// per-kernel cache, KernelCache.h), and this receives each object's
  /// kernel name, in the order of the objects.
  std::vector<std::string> *objectKernels = nullptr;
};

/// Dialects and interface models the kernel module and its lowering need.
void registerCpuBackendDialects(mlir::DialectRegistry &registry);

/// Compiles the kernels of \p kernels (left as they are) to object files,
/// one per chunk. Every
/// `func.func @kiln_k<N>` becomes a C function `void kiln_k<N>(void **,
/// int64_t, int64_t)`; any other symbol is internal.
llvm::Expected<std::vector<std::string>>
compileKernels(mlir::ModuleOp kernels, const CodegenOptions &options);

/// Lowers \p kernels in place to the LLVM dialect only (for tests and
/// `--emit=mlir-llvm`).
llvm::Error lowerKernelsToLLVMDialect(mlir::ModuleOp kernels);

} // namespace kiln::cpu

#endif // KILN_CPU_CODEGEN_H
