//===- CacheFolder.cpp - The cache folder's size limit --------------------===//
#include "kiln/cpu/CacheFolder.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <chrono>
#include <fcntl.h>
#include <sys/stat.h>
#include <tuple>

namespace kiln::cpu {

llvm::Expected<uint64_t> parseCacheSize(llvm::StringRef text) {
  llvm::StringRef digits = text.trim();
  unsigned shift = 0;
  if (!digits.empty()) {
    switch (llvm::toUpper(digits.back())) {
    case 'K':
      shift = 10;
      break;
    case 'M':
      shift = 20;
      break;
    case 'G':
      shift = 30;
      break;
    case 'T':
      shift = 40;
      break;
    default:
      break;
    }
    if (shift)
      digits = digits.drop_back().rtrim();
  }
  uint64_t n;
  if (digits.empty() || digits.getAsInteger(10, n) ||
      (shift && n > (~uint64_t(0) >> shift)))
    return llvm::createStringError(
        "'" + text.str() +
        "' is not a size: expected a byte count, optionally followed by K, "
        "M, G or T (\"5G\", \"800M\"), or 0 for no limit");
  return n << shift;
}

llvm::Expected<uint64_t> cacheSizeLimit() {
  auto text = llvm::sys::Process::GetEnv("KILN_CACHE_MAX_SIZE");
  if (!text || text->empty())
    return kDefaultCacheMaxBytes;
  auto size = parseCacheSize(*text);
  if (!size)
    return llvm::createStringError("KILN_CACHE_MAX_SIZE: " +
                                   llvm::toString(size.takeError()));
  return *size;
}

uint64_t effectiveCacheSizeLimit() {
  auto limit = cacheSizeLimit();
  if (!limit) {
    llvm::consumeError(limit.takeError());
    return kDefaultCacheMaxBytes;
  }
  return *limit;
}

std::vector<CacheFile> listCacheFolder(llvm::StringRef dir) {
  std::vector<CacheFile> files;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    llvm::StringRef name = llvm::sys::path::filename(it->path());
    CacheFile f;
    if (name.contains(".tmp-"))
      f.kind = CacheFile::Temporary;
    else if (name.ends_with(".kobj"))
      f.kind = CacheFile::Kernels;
    else if (name.ends_with(".kmodel"))
      f.kind = CacheFile::Model;
    else
      continue; // the machine limits, anything else of the user's
    llvm::sys::fs::file_status st;
    if (llvm::sys::fs::status(it->path(), st) ||
        st.type() != llvm::sys::fs::file_type::regular_file)
      continue;
    f.path = it->path();
    f.bytes = st.getSize();
    f.usedAt = llvm::sys::toTimeT(st.getLastModificationTime());
    files.push_back(std::move(f));
  }
  return files;
}

PruneResult pruneCacheFolder(llvm::StringRef dir, uint64_t limit,
                             llvm::StringRef keep) {
  PruneResult result;
  auto remove = [&](const CacheFile &f) {
    if (!llvm::sys::fs::remove(f.path, /*IgnoreNonExisting=*/false)) {
      ++result.files;
      result.bytes += f.bytes;
    }
  };
  int64_t now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::vector<CacheFile> entries;
  uint64_t total = 0;
  for (CacheFile &f : listCacheFolder(dir)) {
    if (f.kind == CacheFile::Temporary) {
      if (now - f.usedAt >= 3600)
        remove(f);
      continue;
    }
    total += f.bytes;
    entries.push_back(std::move(f));
  }
  if (!limit || total <= limit)
    return result;
  // Oldest use first; the path breaks ties, so concurrent pruners agree.
  llvm::sort(entries, [](const CacheFile &a, const CacheFile &b) {
    return std::tie(a.usedAt, a.path) < std::tie(b.usedAt, b.path);
  });
  uint64_t target = limit / 10 * 9;
  llvm::StringRef keepName = llvm::sys::path::filename(keep);
  for (const CacheFile &f : entries) {
    if (total <= target)
      break;
    if (llvm::sys::path::filename(f.path) == keepName)
      continue;
    remove(f);
    total -= f.bytes; // gone, by this process or another
  }
  return result;
}

void pruneAfterWrite(llvm::StringRef path) {
  pruneCacheFolder(llvm::sys::path::parent_path(path),
                   effectiveCacheSizeLimit(), path);
}

void markCacheEntryUsed(llvm::StringRef path) {
  // utimensat with no times: now, for both; needs only write access.
  (void)::utimensat(AT_FDCWD, path.str().c_str(), nullptr, 0);
}

} // namespace kiln::cpu
