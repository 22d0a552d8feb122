//===- Cache.h - On-disk cache of compiled kernels --------------*- C++ -*-===//
//
// An entry holds object files compiled for one CPU: the kernel cache keeps
// one kernel per entry (KernelCache.h says how it is keyed). Entries carry
// the identity of the Kiln build that wrote them (buildId) and a checksum
// per object: a truncated, corrupt or foreign entry is never executed; it reads
// as a miss with a reason, so the caller recompiles and rewrites it. Writes
// go through a temporary file and a rename.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_CACHE_H
#define KILN_CPU_CACHE_H

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
/// With \p prune, the folder is then pruned to its limit (CacheFolder.h);
/// a caller writing many entries at once prunes once, after the last.
bool writeCacheEntry(const std::string &path,
                     const std::vector<std::string> &objects,
                     bool prune = true);

} // namespace kiln::cpu

#endif // KILN_CPU_CACHE_H
