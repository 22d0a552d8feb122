//===- CacheFolder.h - The cache folder's size limit ------------*- C++ -*-===//
//
// The kernel cache (`<key>.kobj`) and the model cache (`<key>.kmodel`) share
// one folder. Every new Kiln build keys its entries afresh and a model entry
// holds the model's packed weights (BERT-base: ~580 MB), so the folder is
// kept under a size limit, least recently used first: a hit marks its entry
// used (its modification time), and every write removes the entries used
// longest ago until the folder holds at most 90 % of the limit. The entry
// just written always stays. Temporary files that a crashed writer left
// behind go once they are an hour old.
//
// The limit is $KILN_CACHE_MAX_SIZE: a byte count with an optional K, M, G
// or T (binary units; "0" for no limit); 5 GiB when unset.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_CACHEFOLDER_H
#define KILN_CPU_CACHEFOLDER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiln::cpu {

/// The limit when $KILN_CACHE_MAX_SIZE is unset: 5 GiB.
inline constexpr uint64_t kDefaultCacheMaxBytes = 5ull << 30;

/// A size as $KILN_CACHE_MAX_SIZE spells it ("5G", "800M", "123456", "0"),
/// in bytes; an error naming the text when it is not one.
llvm::Expected<uint64_t> parseCacheSize(llvm::StringRef text);

/// The folder's limit in bytes (0: none): $KILN_CACHE_MAX_SIZE, else
/// kDefaultCacheMaxBytes; an error when the variable is malformed.
llvm::Expected<uint64_t> cacheSizeLimit();

/// The limit the caches enforce when they write: cacheSizeLimit(), or the
/// default when the variable is malformed (the tools say so: see
/// cacheSizeLimit).
uint64_t effectiveCacheSizeLimit();

/// One file of a cache folder.
struct CacheFile {
  std::string path;
  uint64_t bytes = 0;
  /// Last use: modification time, in seconds since the epoch.
  int64_t usedAt = 0;
  enum Kind { Kernels, Model, Temporary } kind = Kernels;
};

/// The entries of both kinds and the temporary files in \p dir (none when
/// it does not exist).
std::vector<CacheFile> listCacheFolder(llvm::StringRef dir);

/// What a prune removed.
struct PruneResult {
  unsigned files = 0;
  uint64_t bytes = 0;
};

/// Removes temporary files an hour old or more, then, when the entries
/// total more than \p limit bytes (0: no limit), the least recently used
/// ones until they total at most 90 % of it, never \p keep (a path). Files
/// another process removes first are skipped.
PruneResult pruneCacheFolder(llvm::StringRef dir, uint64_t limit,
                             llvm::StringRef keep = {});

/// Called after an entry was written: prunes its folder to
/// effectiveCacheSizeLimit(), keeping \p path.
void pruneAfterWrite(llvm::StringRef path);

/// Marks the entry at \p path used now (best effort).
void markCacheEntryUsed(llvm::StringRef path);

} // namespace kiln::cpu

#endif // KILN_CPU_CACHEFOLDER_H
