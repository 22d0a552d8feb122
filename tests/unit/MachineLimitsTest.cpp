//===- MachineLimitsTest.cpp - Machine limits measured, cached, re-read ---===//
//
// The first call measures and writes the cache file, the second reads the
// same figures back; a corrupt, a truncated file, one keyed for another
// machine or build, and --remeasure all measure again (one test: each
// measurement takes a second or more). Timing values are only checked to be
// positive: this machine is shared.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/MachineLimits.h"
#include "kiln/cpu/Target.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <optional>

using namespace kiln;

namespace {

class MachineLimitsTest : public ::testing::Test {
protected:
  MachineLimitsTest() {
    llvm::sys::fs::createUniqueDirectory("kiln-limits-test", dir);
  }
  ~MachineLimitsTest() override { llvm::sys::fs::remove_directories(dir); }

  /// The limits for one thread in `dir`; a test failure on an error.
  std::optional<MachineLimits> limits(bool remeasure = false) {
    auto l = cpu::machineLimits(1, dir.str().str(), remeasure);
    if (!l) {
      ADD_FAILURE() << llvm::toString(l.takeError());
      return std::nullopt;
    }
    return *l;
  }

  std::string readFile(const std::string &path) {
    auto buf = llvm::MemoryBuffer::getFile(path);
    return buf ? (*buf)->getBuffer().str() : std::string();
  }
  void writeFile(const std::string &path, const std::string &text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  }

  static void expectPlausible(const MachineLimits &l) {
    EXPECT_GT(l.peakGflops1, 0);
    EXPECT_GT(l.peakGflopsAll, 0);
    EXPECT_GT(l.bandwidthGBs1, 0);
    EXPECT_GT(l.bandwidthGBsAll, 0);
    EXPECT_EQ(l.threads, 1u);
    EXPECT_TRUE(l.vectorBits == 256 || l.vectorBits == 512) << l.vectorBits;
    EXPECT_FALSE(l.cpu.empty());
    EXPECT_FALSE(l.peakMethod.empty());
    EXPECT_FALSE(l.bandwidthMethod.empty());
    EXPECT_FALSE(l.cacheMethod.empty());
  }

  llvm::SmallString<128> dir;
};

TEST_F(MachineLimitsTest, MeasuredOnceThenReadBack) {
  if (!canMeasureFmaPeak(256) && !canMeasureFmaPeak(512))
    GTEST_SKIP() << "no AVX2 with FMA on this CPU";
  std::string path = cpu::machineLimitsPath(1, dir.str().str());
  auto first = limits();
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->fromCache);
  expectPlausible(*first);
  std::string text = readFile(path);
  ASSERT_FALSE(text.empty()) << "nothing written to " << path;

  auto second = limits();
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->fromCache);
  EXPECT_EQ(second->cpu, first->cpu);
  EXPECT_EQ(second->vectorBits, first->vectorBits);
  EXPECT_EQ(second->peakGflops1, first->peakGflops1);
  EXPECT_EQ(second->peakGflopsAll, first->peakGflopsAll);
  EXPECT_EQ(second->bandwidthGBs1, first->bandwidthGBs1);
  EXPECT_EQ(second->bandwidthGBsAll, first->bandwidthGBsAll);
  EXPECT_EQ(second->l1dBytes, first->l1dBytes);
  EXPECT_EQ(second->l3Bytes, first->l3Bytes);
  EXPECT_EQ(second->peakMethod, first->peakMethod);
  EXPECT_EQ(second->bandwidthMethod, first->bandwidthMethod);
  EXPECT_EQ(second->cacheMethod, first->cacheMethod);

  // A changed figure no longer matches the checksum.
  std::string corrupt = text;
  size_t at = corrupt.find("peak_gflops_1 ");
  ASSERT_NE(at, std::string::npos);
  corrupt[at + 14] = corrupt[at + 14] == '9' ? '1' : '9';
  writeFile(path, corrupt);
  auto third = limits();
  ASSERT_TRUE(third);
  EXPECT_FALSE(third->fromCache) << "a corrupt file was trusted";
  expectPlausible(*third);
  auto rewritten = limits();
  ASSERT_TRUE(rewritten);
  EXPECT_TRUE(rewritten->fromCache) << "the corrupt file was not rewritten";
  EXPECT_EQ(rewritten->peakGflops1, third->peakGflops1);

  // Truncated: measured again.
  writeFile(path, text.substr(0, text.size() / 2));
  auto truncated = limits();
  ASSERT_TRUE(truncated);
  EXPECT_FALSE(truncated->fromCache) << "a truncated file was trusted";

  // The file of another machine copied in place of this one's: its key
  // differs, so it is measured again even though its checksum holds.
  size_t key = text.find("key ");
  ASSERT_NE(key, std::string::npos);
  std::string body = text.substr(0, text.rfind("checksum "));
  body[key + 4] = body[key + 4] == '0' ? '1' : '0';
  writeFile(path, body + "checksum " +
                      llvm::utohexstr(llvm::xxh3_64bits(llvm::StringRef(body)),
                                      /*LowerCase=*/true, 16) +
                      "\n");
  auto foreign = limits();
  ASSERT_TRUE(foreign);
  EXPECT_FALSE(foreign->fromCache) << "a foreign file was trusted";
  // Another thread count is another file.
  EXPECT_NE(cpu::machineLimitsPath(2, dir.str().str()), path);

  // --remeasure ignores a valid file.
  auto fresh = limits(/*remeasure=*/true);
  ASSERT_TRUE(fresh);
  EXPECT_FALSE(fresh->fromCache);
  auto cached = limits();
  ASSERT_TRUE(cached);
  EXPECT_TRUE(cached->fromCache);
  EXPECT_EQ(cached->peakGflops1, fresh->peakGflops1);
}

TEST(MachineLimits, CeilingsBetweenOneAndAllThreadsAreInterpolated) {
  MachineLimits l;
  l.threads = 5;
  l.peakGflops1 = 10;
  l.peakGflopsAll = 50;
  l.bandwidthGBs1 = 8;
  l.bandwidthGBsAll = 16;
  EXPECT_EQ(l.peakGflopsAt(1), 10);
  EXPECT_EQ(l.peakGflopsAt(3), 30);
  EXPECT_EQ(l.peakGflopsAt(5), 50);
  EXPECT_EQ(l.peakGflopsAt(8), 50);
  EXPECT_EQ(l.bandwidthGBsAt(0), 8);
  EXPECT_EQ(l.bandwidthGBsAt(2), 10);
}

// The loop timed computes the triad: every element of a range that starts
// and ends off a vector boundary, none outside it.
TEST(MachineLimits, TriadComputesItsRangeOnly) {
  std::vector<float> a(103, -1.0f), b(103), c(103);
  for (size_t i = 0; i < b.size(); ++i) {
    b[i] = float(i);
    c[i] = float(i % 7) - 3.0f;
  }
  triad(a.data(), b.data(), c.data(), 2.5f, 3, 100);
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(i);
    if (i < 3 || i >= 100)
      EXPECT_EQ(a[i], -1.0f);
    else
      EXPECT_FLOAT_EQ(a[i], b[i] + 2.5f * c[i]);
  }
}

// kiln-bench's roofline measures the triad over a case's own bytes: small
// arrays, of a length that leaves a partial vector, split over threads
// unevenly. One figure per thread count, each a positive rate.
TEST(MachineLimits, TriadOverSmallArraysGivesOneRatePerThreadCount) {
  std::vector<Measured> bw =
      measureTriadBandwidth({1, 3}, 4 * 100003 + 4, /*rounds=*/3);
  ASSERT_EQ(bw.size(), 2u);
  for (const Measured &m : bw) {
    EXPECT_GT(m.median, 0);
    EXPECT_GE(m.best, m.median);
    EXPECT_TRUE(std::isfinite(m.best));
  }
}

} // namespace
