//===- KernelCache.h - Kernels compiled once, by content --------*- C++ -*-===//
//
// Each kernel of a plan is named by its content: a hash of its function
// (its structure, as its printed form gives it, without its name) and of every
// constant and helper it uses. Its object exports that name, `kiln_k_<32 hex
// digits>`, and nothing else, so the object serves any plan that has the same
// kernel, whatever that plan calls it: another model, another set of input
// shapes of the same model (the dims a kernel does not depend on leave it
// unchanged), another run.
//
// The cache folder holds one entry per kernel (Cache.h's format, one
// object), keyed by the content name, the target CPU and its features, the
// -O level and the Kiln build. Only the kernels without a usable entry are
// compiled (in parallel, an object each) and written back. An entry that is
// truncated, corrupt, of another build or holding another kernel is
// rejected with a reason, and its kernel recompiled.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_KERNELCACHE_H
#define KILN_CPU_KERNELCACHE_H

#include "kiln/cpu/Codegen.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>
#include <utility>
#include <vector>

namespace kiln::cpu {

/// Where the kernels come from and how the missing ones are compiled.
struct KernelCacheOptions {
  /// Code generation of the kernels not in the cache (its objectKernels is
  /// set here).
  CodegenOptions codegen;
  /// Read and write the cache folder \p dir (empty: defaultCacheDir()).
  bool useCache = true;
  std::string dir;
};

/// The object of every kernel of a kernel module.
struct KernelObjects {
  /// One object per distinct kernel: those from the cache, then those
  /// compiled.
  std::vector<std::string> objects;
  /// Per kernel, in the same order: its name in the module (`kiln_k3`) and
  /// the content name its object exports (`kiln_k_...`).
  std::vector<std::pair<std::string, std::string>> names;
  /// Kernels whose object came from the cache, and kernels compiled.
  unsigned fromCache = 0, compiled = 0;
  /// The cache folder used (empty without the cache).
  std::string dir;
  /// Entries that existed but were not used: "PATH rejected: why".
  std::vector<std::string> rejected;

  /// One line for -v: where the kernels came from.
  std::string summary() const;
};

/// 32 hex digits hashing \p op's structure as its generic printed form
/// gives it (names, properties and attributes, types, operand wiring,
/// regions and blocks; not locations), without its symbol name when
/// \p ignoreName: equal for equal code, whatever the kernel is called.
std::string structuralHash(mlir::Operation *op, bool ignoreName);

/// The content name of each kernel (`func.func @kiln_k*` definition) of
/// \p kernels, in order: its name in the module, and `kiln_k_` followed by
/// 32 hex digits hashing its body and the symbols it uses, transitively
/// (structuralHash of each).
std::vector<std::pair<std::string, std::string>>
kernelContentNames(mlir::ModuleOp kernels);

/// The objects of \p kernels (left as they are): from the cache where it
/// holds a usable entry, compiled otherwise (and written to the cache, best
/// effort).
llvm::Expected<KernelObjects>
loadOrCompileKernels(mlir::ModuleOp kernels, const KernelCacheOptions &options);

} // namespace kiln::cpu

#endif // KILN_CPU_KERNELCACHE_H
