//===- Cache.h - On-disk cache of compiled kernels --------------*- C++ -*-===//
//
// An entry holds the object files of one kernel module for one CPU. Its key
// hashes the kernel module (which follows from the model, its input shapes
// and the graph options), the CPU name and features, and the identity of
// the Kiln build (buildId). Entries carry that identity and a checksum per
// object: a truncated, corrupt or foreign entry is never executed; it reads
// as a miss with a reason, so the caller recompiles and rewrites it. Writes
// go through a temporary file and a rename.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_CACHE_H
#define KILN_CPU_CACHE_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace kiln::cpu {

/// Characters of a build identity.
inline constexpr size_t kBuildIdSize = 16;

/// The identity of this Kiln build: 16 hex digits hashing the sources of
/// the compiler libraries (cmake/BuildId.cmake). Cache entries, AOT
/// libraries and their weights files carry it.
llvm::StringRef buildId();

/// Why an entry stamped with build identity \p build must not be used
/// ("written by Kiln build 0123456789abcdef, this is build ..."), or empty
/// when it is this build's.
std::string foreignBuild(llvm::StringRef build);

/// The cache key of \p kernels compiled at -O\p optLevel for the target
/// CPU (hex digits).
std::string cacheKey(mlir::ModuleOp kernels, unsigned optLevel);

/// Reads an entry; false when it is missing, truncated, corrupt or written
/// by another Kiln build. For an entry that exists but is rejected,
/// \p rejected (when given) says why ("truncated", "written by Kiln build
/// 0123456789abcdef"...); for a missing one it is left empty.
bool readCacheEntry(const std::string &path, std::vector<std::string> &objects,
                    std::string *rejected = nullptr);

/// Writes \p path whole or not at all: \p write prints the contents into a
/// temporary file beside it (the folder is created when missing), which is
/// then renamed over \p path, so a reader sees the old file or the whole new
/// one. False on failure, with nothing left behind and \p error (when given)
/// saying why. The kernel and model caches and the machine limits write
/// through it.
bool writeFileAtomically(const std::string &path,
                         llvm::function_ref<void(llvm::raw_ostream &)> write,
                         std::string *error = nullptr);

/// Writes an entry atomically; false (and nothing written) on failure.
bool writeCacheEntry(const std::string &path,
                     const std::vector<std::string> &objects);

} // namespace kiln::cpu

#endif // KILN_CPU_CACHE_H
