//===- CacheCommand.cpp - kiln cache: the cache folder --------------------===//
//
// `kiln cache` says where the cache folder is, what it holds (kernel and
// model entries, of this Kiln build and of others, which this build never
// reads) and its size limit; --prune applies the limit now, --clear removes
// every entry. The machine limits that `kiln limits` keeps there stay, and
// so do temporary files younger than an hour (writes in progress).
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "ExplainReport.h"

#include "kiln/cpu/Cache.h"
#include "kiln/cpu/CacheFolder.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace kiln::tool {
namespace {
using explain::formatBytes;

/// Entries of one kind: all of them, and those this build can read.
struct Tally {
  uint64_t files = 0, bytes = 0, ownFiles = 0, ownBytes = 0;
};

/// Whether the entry at \p path was written by this build: both formats
/// start with an 8-byte magic and the writer's identity.
bool writtenByThisBuild(const std::string &path) {
  auto head = llvm::MemoryBuffer::getFileSlice(path, 8 + cpu::kBuildIdSize, 0,
                                               /*IsVolatile=*/false);
  return head && (*head)->getBuffer().drop_front(8) == cpu::buildId();
}

llvm::json::Object tallyJson(const Tally &t) {
  return llvm::json::Object{
      {"entries", static_cast<int64_t>(t.files)},
      {"bytes", static_cast<int64_t>(t.bytes)},
      {"this_build_entries", static_cast<int64_t>(t.ownFiles)},
      {"this_build_bytes", static_cast<int64_t>(t.ownBytes)}};
}

std::string tallyText(const Tally &t) {
  return std::to_string(t.files) + ", " + formatBytes(t.bytes) +
         " (this build's: " + std::to_string(t.ownFiles) + ", " +
         formatBytes(t.ownBytes) + ")";
}

} // namespace

int cacheCommand(const CacheOptions &options) {
  if (options.clear && options.prune)
    return reportError("--clear removes every entry and --prune the least "
                       "recently used ones: give one of them");
  auto limit = cpu::cacheSizeLimit();
  if (!limit)
    return reportError(llvm::toString(limit.takeError()));
  std::string dir =
      options.cacheDir.empty() ? cpu::defaultCacheDir() : options.cacheDir;
  cpu::PruneResult removed;
  // --clear is a prune to a 1-byte limit: every entry goes, and of the
  // temporary files those an hour old (a younger one is another process's
  // write in progress).
  if (options.clear || options.prune)
    removed = cpu::pruneCacheFolder(dir, options.clear ? 1 : *limit);

  Tally kernels, models, temporary;
  for (const cpu::CacheFile &f : cpu::listCacheFolder(dir)) {
    Tally &t = f.kind == cpu::CacheFile::Kernels ? kernels
               : f.kind == cpu::CacheFile::Model ? models
                                                 : temporary;
    ++t.files;
    t.bytes += f.bytes;
    if (f.kind != cpu::CacheFile::Temporary && writtenByThisBuild(f.path)) {
      ++t.ownFiles;
      t.ownBytes += f.bytes;
    }
  }
  uint64_t total = kernels.bytes + models.bytes + temporary.bytes;
  auto env = llvm::sys::Process::GetEnv("KILN_CACHE_MAX_SIZE");
  bool fromEnv = env && !env->empty();

  if (options.json) {
    llvm::json::Object o{
        {"folder", dir},
        {"exists", llvm::sys::fs::is_directory(dir)},
        {"limit_bytes", static_cast<int64_t>(*limit)},
        {"limit_from", fromEnv ? "KILN_CACHE_MAX_SIZE" : "default"},
        {"model_entries", tallyJson(models)},
        {"kernel_entries", tallyJson(kernels)},
        {"temporary_files", static_cast<int64_t>(temporary.files)},
        {"temporary_bytes", static_cast<int64_t>(temporary.bytes)},
        {"total_bytes", static_cast<int64_t>(total)},
        {"removed_files", static_cast<int64_t>(removed.files)},
        {"removed_bytes", static_cast<int64_t>(removed.bytes)}};
    llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(o)))
                 << "\n";
    return 0;
  }
  auto &os = llvm::outs();
  if (options.clear || options.prune)
    os << "removed         " << removed.files << " files, "
       << formatBytes(removed.bytes) << "\n";
  os << "folder          " << dir
     << (llvm::sys::fs::is_directory(dir) ? "" : " (not created yet)") << "\n";
  os << "limit           "
     << (*limit ? formatBytes(*limit) : std::string("none"))
     << (fromEnv ? " (KILN_CACHE_MAX_SIZE)"
                 : " (the default; KILN_CACHE_MAX_SIZE sets another)")
     << ": least recently used entries go first\n";
  os << "model entries   " << tallyText(models) << "\n";
  os << "kernel entries  " << tallyText(kernels) << "\n";
  if (temporary.files)
    os << "temporary       " << temporary.files << ", "
       << formatBytes(temporary.bytes)
       << " (writes in progress, or left by a crash: pruned after an hour)\n";
  os << "total           " << formatBytes(total) << "\n";
  return 0;
}

} // namespace kiln::tool
