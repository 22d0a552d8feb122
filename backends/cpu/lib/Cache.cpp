//===- Cache.cpp - On-disk cache of compiled kernels ----------------------===//
//
// Entry layout: "KILNOBJ2", the 16 characters of the writing build's
// identity, u64 object count, then per object u64 size, u64 xxh3 checksum
// and the bytes; nothing after the last object.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Cache.h"
#include "kiln/cpu/CacheFolder.h"
#include "kiln/cpu/Jit.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/xxhash.h"

#include <cctype>
#include <cstring>
#include <fstream>

namespace kiln::cpu {

static constexpr char kObjectMagic[8] = {'K', 'I', 'L', 'N',
                                         'O', 'B', 'J', '2'};

std::string defaultCacheDir() {
  if (auto xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME"))
    if (!xdg->empty() && llvm::sys::path::is_absolute(*xdg))
      return *xdg + "/kiln";
  if (auto home = llvm::sys::Process::GetEnv("HOME"))
    return *home + "/.cache/kiln";
  return "/tmp/kiln-cache";
}

std::string foreignBuild(llvm::StringRef build) {
  if (build == buildId())
    return {};
  bool printable = llvm::all_of(build, [](char c) { return std::isxdigit(c); });
  return "written by Kiln build " +
         (printable ? build.str() : std::string("<garbled>")) +
         ", this is build " + buildId().str();
}

bool readCacheEntry(const std::string &path, std::vector<std::string> &objects,
                    std::string *rejected) {
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file)
    return false;
  auto reject = [&](const llvm::Twine &why) {
    if (rejected)
      *rejected = why.str();
    return false;
  };
  llvm::StringRef data = (*file)->getBuffer();
  auto take = [&](size_t n, llvm::StringRef &out) {
    if (data.size() < n)
      return false;
    out = data.take_front(n);
    data = data.drop_front(n);
    return true;
  };
  auto takeU64 = [&](uint64_t &v) {
    llvm::StringRef s;
    if (!take(8, s))
      return false;
    std::memcpy(&v, s.data(), 8);
    return true;
  };
  llvm::StringRef magic, build;
  uint64_t count;
  if (!take(8, magic))
    return reject("truncated");
  if (magic != llvm::StringRef(kObjectMagic, 8))
    return reject("not a Kiln cache entry of this format");
  if (!take(kBuildIdSize, build) || !takeU64(count))
    return reject("truncated");
  if (std::string why = foreignBuild(build); !why.empty())
    return reject(why);
  if (count > 4096)
    return reject("corrupt (" + llvm::Twine(count) + " objects)");
  std::vector<std::string> out;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t size, sum;
    llvm::StringRef bytes;
    if (!takeU64(size) || !takeU64(sum) || !take(size, bytes))
      return reject("truncated");
    if (llvm::xxh3_64bits(bytes) != sum)
      return reject("corrupt (object " + llvm::Twine(i) +
                    " does not match its checksum)");
    out.push_back(bytes.str());
  }
  if (!data.empty())
    return reject("corrupt (" + llvm::Twine(data.size()) +
                  " bytes after the last object)");
  objects = std::move(out);
  markCacheEntryUsed(path);
  return true;
}

bool writeFileAtomically(const std::string &path,
                         llvm::function_ref<void(llvm::raw_ostream &)> write,
                         std::string *error) {
  auto fail = [&](const llvm::Twine &why) {
    if (error)
      *error = why.str();
    return false;
  };
  llvm::StringRef dir = llvm::sys::path::parent_path(path);
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return fail("cannot create " + dir + ": " + ec.message());
  llvm::SmallString<128> tmp;
  int fd;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueFile(path + ".tmp-%%%%%%", fd, tmp))
    return fail("cannot write in " + dir + ": " + ec.message());
  std::string why;
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    write(os);
    os.close();
    if (os.has_error()) {
      why = "cannot write " + tmp.str().str() + ": " + os.error().message();
      os.clear_error();
    }
  }
  if (why.empty())
    if (std::error_code ec = llvm::sys::fs::rename(tmp, path))
      why = "cannot rename " + tmp.str().str() + ": " + ec.message();
  if (why.empty())
    return true;
  llvm::sys::fs::remove(tmp);
  return fail(why);
}

bool writeCacheEntry(const std::string &path,
                     const std::vector<std::string> &objects, bool prune) {
  bool written = writeFileAtomically(path, [&](llvm::raw_ostream &os) {
    auto putU64 = [&](uint64_t v) {
      os.write(reinterpret_cast<char *>(&v), 8);
    };
    os.write(kObjectMagic, 8);
    os << buildId();
    putU64(objects.size());
    for (const std::string &o : objects) {
      putU64(o.size());
      putU64(llvm::xxh3_64bits(llvm::StringRef(o)));
      os << o;
    }
  });
  if (written && prune)
    pruneAfterWrite(path);
  return written;
}

} // namespace kiln::cpu
