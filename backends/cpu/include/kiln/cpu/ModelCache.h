//===- ModelCache.h - Whole prepared models on disk -------------*- C++ -*-===//
//
// A model entry is everything the JIT needs to run one model on one CPU: the
// plan (slots, steps, the packed constants) and the object files of its
// kernels. A hit skips loading the model, import, the graph passes, weight
// packing, planning and code generation: the entry is read into read-only
// huge-page memory, its checksums checked, the objects linked, and the
// constants are used in place from that memory.
//
// Key: xxh3-128 of the model file's bytes and of a recipe (everything else
// that shapes the plan: input shapes given on the command line, the
// optimization options), with the target CPU (name and features) and the
// Kiln build. Files the model reads besides its own (external data) are
// recorded in the entry with their size and hash and checked on every read:
// an entry whose data file changed is a miss.
//
// Layout of `<key>.kmodel`:
//
//   "KILNMDL1", 16 characters of the writing build's identity,
//   u64 meta size, u64 meta xxh3, u64 data offset, u64 data size,
//   the meta bytes (the plan, the data files, a blob table), zero padding,
//   then the data: blobs (constants, objects) at 64-byte aligned offsets.
//
// Every blob is checksummed in pieces of 4 MiB (in the blob table), checked
// in parallel on read. A truncated, corrupt, foreign or stale entry reads as
// a miss with a reason, and the caller rebuilds and rewrites it; writes go
// through a temporary file and a rename.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_MODELCACHE_H
#define KILN_CPU_MODELCACHE_H

#include "kiln/cpu/Plan.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>
#include <vector>

namespace kiln::cpu {

/// A file a model reads besides its own, as a model entry records it.
struct ModelDataFile {
  /// As the model names it: relative to the model's folder.
  std::string path;
  uint64_t size = 0;
  /// xxh3-128 of the contents, as 32 hex digits.
  std::string hash;
};

/// The key of a model entry (32 hex digits) for a model whose file holds
/// \p modelBytes, prepared with \p recipe (a canonical text of the options
/// that shape the plan), for the target CPU (Target.h) by this Kiln build.
std::string modelEntryKey(llvm::StringRef modelBytes, llvm::StringRef recipe);

/// Where the entry of \p key lives in cache folder \p dir.
std::string modelEntryPath(llvm::StringRef dir, llvm::StringRef key);

/// Describes data file \p path of a model in folder \p modelDir (size and
/// hash); false when it cannot be read.
bool describeDataFile(llvm::StringRef modelDir, llvm::StringRef path,
                      ModelDataFile &out);

/// A model entry read back: a plan without graph ops or kernel module, whose
/// constants view the mapped entry, and the kernels' object files.
struct ModelEntry {
  Plan plan;
  /// Object files, bytes of the mapping.
  std::vector<llvm::StringRef> objects;
  std::vector<ModelDataFile> dataFiles;
  /// Lines the writer kept with the entry (the kiln tool: the model's
  /// opset and the warnings its load printed, replayed on a hit).
  std::vector<std::string> annotations;
  /// The mapped entry, kept alive by the constants that view it as well.
  std::shared_ptr<void> mapping;
};

/// Writes the entry of \p plan (built by buildPlan) and \p objects, its
/// kernels compiled, with \p annotations; false, with \p error set and nothing
/// written, on failure.
bool writeModelEntry(const std::string &path, const Plan &plan,
                     llvm::ArrayRef<std::string> objects,
                     llvm::ArrayRef<ModelDataFile> dataFiles,
                     llvm::ArrayRef<std::string> annotations,
                     std::string &error);

/// Reads an entry and checks its data files against the model's folder
/// \p modelDir. False when it is missing, truncated, corrupt, written by
/// another Kiln build, or a data file changed; for an entry that exists but
/// is rejected, \p rejected (when given) says why, for a missing one it is
/// left empty.
bool readModelEntry(const std::string &path, llvm::StringRef modelDir,
                    ModelEntry &entry, std::string *rejected = nullptr);

} // namespace kiln::cpu

#endif // KILN_CPU_MODELCACHE_H
