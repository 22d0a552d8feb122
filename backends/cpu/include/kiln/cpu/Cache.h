//===- Cache.h - On-disk cache of compiled kernels --------------*- C++ -*-===//
//
// An entry holds the object files of one kernel module for one CPU. Its key
// hashes the kernel module (which follows from the model, its input shapes
// and the graph options), the CPU name and features, and Kiln's codegen
// version. Entries carry a checksum per object: a truncated or corrupt entry
// reads as a miss, so the caller recompiles and rewrites it. Writes go
// through a temporary file and a rename.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_CACHE_H
#define KILN_CPU_CACHE_H

#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <vector>

namespace kiln::cpu {

/// The cache key of \p kernels for the host CPU (hex digits).
std::string cacheKey(mlir::ModuleOp kernels);

/// Reads an entry; false when it is missing, truncated or corrupt.
bool readCacheEntry(const std::string &path, std::vector<std::string> &objects);

/// Writes an entry atomically; false (and nothing written) on failure.
bool writeCacheEntry(const std::string &path,
                     const std::vector<std::string> &objects);

} // namespace kiln::cpu

#endif // KILN_CPU_CACHE_H
