//===- CacheFolderTest.cpp - The cache folder's size limit ----------------===//
//
// Sizes parse as $KILN_CACHE_MAX_SIZE spells them; a prune removes the
// entries used longest ago until the folder holds 90 % of its limit, never
// the entry just written, stale temporary files and nothing else of the
// folder; a read marks its entry used.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/CacheFolder.h"
#include "kiln/cpu/Cache.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <sys/stat.h>

using namespace kiln;

namespace {

uint64_t sizeOf(llvm::StringRef text) {
  auto size = cpu::parseCacheSize(text);
  if (!size) {
    ADD_FAILURE() << llvm::toString(size.takeError());
    return ~0ull;
  }
  return *size;
}

std::string errorOf(llvm::StringRef text) {
  auto size = cpu::parseCacheSize(text);
  return size ? std::string() : llvm::toString(size.takeError());
}

TEST(CacheFolderTest, ParsesSizes) {
  EXPECT_EQ(sizeOf("0"), 0u);
  EXPECT_EQ(sizeOf("123456"), 123456u);
  EXPECT_EQ(sizeOf("4K"), 4096u);
  EXPECT_EQ(sizeOf("800M"), 800ull << 20);
  EXPECT_EQ(sizeOf("5g"), 5ull << 30);
  EXPECT_EQ(sizeOf(" 2 T "), 2ull << 40);
  for (const char *bad : {"", "G", "-1", "1.5G", "5GB", "12x", "99999999999T"})
    EXPECT_NE(errorOf(bad).find("is not a size"), std::string::npos) << bad;
}

class CacheFolderPrune : public ::testing::Test {
protected:
  CacheFolderPrune() {
    llvm::sys::fs::createUniqueDirectory("kiln-cache-folder", dir);
  }
  ~CacheFolderPrune() override { llvm::sys::fs::remove_directories(dir); }

  /// Writes \p name with \p bytes bytes, last used \p ageSeconds ago.
  std::string file(llvm::StringRef name, size_t bytes, int64_t ageSeconds) {
    std::string path = (dir + "/" + name).str();
    std::ofstream(path, std::ios::binary) << std::string(bytes, 'x');
    setAge(path, ageSeconds);
    return path;
  }

  static void setAge(const std::string &path, int64_t ageSeconds) {
    auto then =
        std::chrono::system_clock::now() - std::chrono::seconds(ageSeconds);
    timespec t{std::chrono::system_clock::to_time_t(then), 0};
    timespec times[2] = {t, t};
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
  }

  bool exists(llvm::StringRef name) {
    return llvm::sys::fs::exists(dir + "/" + name);
  }

  llvm::SmallString<128> dir;
};

TEST_F(CacheFolderPrune, RemovesLeastRecentlyUsedFirst) {
  file("a.kmodel", 400, 500);
  file("b.kobj", 300, 400);
  file("c.kmodel", 200, 300);
  file("d.kobj", 100, 200);
  file("limits.json", 5000, 900); // not an entry: never counted or removed
  // 1000 bytes of entries over a limit of 700: down to 630 or less, the
  // entry used longest ago first.
  cpu::PruneResult r = cpu::pruneCacheFolder(dir, 700);
  EXPECT_EQ(r.files, 1u);
  EXPECT_EQ(r.bytes, 400u);
  EXPECT_FALSE(exists("a.kmodel"));
  EXPECT_TRUE(exists("b.kobj"));
  EXPECT_TRUE(exists("c.kmodel"));
  EXPECT_TRUE(exists("d.kobj"));
  EXPECT_TRUE(exists("limits.json"));
  // Under the limit now: nothing more goes.
  EXPECT_EQ(cpu::pruneCacheFolder(dir, 700).files, 0u);
  // No limit: nothing goes.
  EXPECT_EQ(cpu::pruneCacheFolder(dir, 0).files, 0u);
  // A limit of 550 takes b (600 -> 300 <= 495), then one of 1 the rest.
  EXPECT_EQ(cpu::pruneCacheFolder(dir, 550).files, 1u);
  EXPECT_FALSE(exists("b.kobj"));
  EXPECT_EQ(cpu::pruneCacheFolder(dir, 1).files, 2u);
  EXPECT_TRUE(exists("limits.json"));
}

TEST_F(CacheFolderPrune, KeepsTheEntryJustWritten) {
  std::string big = file("big.kmodel", 1000, 1000);
  file("small.kobj", 10, 0);
  // The oldest entry is the one kept: the other goes, and the kept one
  // stays though it alone is over the limit.
  cpu::PruneResult r = cpu::pruneCacheFolder(dir, 100, big);
  EXPECT_EQ(r.files, 1u);
  EXPECT_TRUE(exists("big.kmodel"));
  EXPECT_FALSE(exists("small.kobj"));
}

TEST_F(CacheFolderPrune, RemovesStaleTemporaryFiles) {
  file("x.kmodel.tmp-a1b2c3", 50, 2 * 3600); // a crashed writer's
  file("y.kobj.tmp-d4e5f6", 50, 10);         // a write in progress
  cpu::PruneResult r = cpu::pruneCacheFolder(dir, 0);
  EXPECT_EQ(r.files, 1u);
  EXPECT_FALSE(exists("x.kmodel.tmp-a1b2c3"));
  EXPECT_TRUE(exists("y.kobj.tmp-d4e5f6"));
}

TEST_F(CacheFolderPrune, ListsEntriesByKind) {
  file("k.kobj", 1, 0);
  file("m.kmodel", 2, 0);
  file("m.kmodel.tmp-000000", 3, 0);
  file("notes.txt", 4, 0);
  llvm::sys::fs::create_directory(dir + "/sub.kobj");
  std::vector<cpu::CacheFile> files = cpu::listCacheFolder(dir);
  ASSERT_EQ(files.size(), 3u);
  std::map<std::string, cpu::CacheFile::Kind> kinds;
  for (const cpu::CacheFile &f : files)
    kinds[llvm::sys::path::filename(f.path).str()] = f.kind;
  EXPECT_EQ(kinds["k.kobj"], cpu::CacheFile::Kernels);
  EXPECT_EQ(kinds["m.kmodel"], cpu::CacheFile::Model);
  EXPECT_EQ(kinds["m.kmodel.tmp-000000"], cpu::CacheFile::Temporary);
  EXPECT_TRUE(cpu::listCacheFolder((dir + "/missing").str()).empty());
}

TEST_F(CacheFolderPrune, AReadMarksItsEntryUsed) {
  // Two kernel entries written an hour and a minute ago; the older one is
  // read, so a prune to one entry's size takes the other.
  std::string older = (dir + "/older.kobj").str();
  std::string newer = (dir + "/newer.kobj").str();
  ASSERT_TRUE(cpu::writeCacheEntry(older, {std::string(100, 'a')}));
  ASSERT_TRUE(cpu::writeCacheEntry(newer, {std::string(100, 'b')}));
  setAge(older, 3600);
  setAge(newer, 60);
  std::vector<std::string> objects;
  ASSERT_TRUE(cpu::readCacheEntry(older, objects));
  uint64_t entryBytes = 0;
  llvm::sys::fs::file_size(older, entryBytes);
  // Over a limit just under both entries: one goes.
  EXPECT_EQ(cpu::pruneCacheFolder(dir, 2 * entryBytes - 1).files, 1u);
  EXPECT_TRUE(exists("older.kobj"));
  EXPECT_FALSE(exists("newer.kobj"));
}

} // namespace
