//===- MachineLimits.cpp - Machine limits for the target, cached ----------===//
//
// Measurement (about a second in all, most of it the bandwidth):
//  1. the FMA peak at the target's vector width (512 bits when the target
//     and this CPU have AVX-512F, else 256 with AVX2 and FMA): 15 rounds of
//     the runtime's FMA loop, 1 thread, then all threads (again, up to 5
//     times in all, while all threads do less than one: on a shared machine
//     a busy core halves a round's rate, seen here as 80 against 230
//     GFLOP/s);
//  2. the triad over three arrays whose total is 4x the L3, at least
//     192 MiB and at most 768 MiB (a virtual machine may report its host's
//     whole L3, 480 MiB here, and 1 GiB of arrays took 1.2-3.2 s to fault
//     in and measure against 0.6 s for 768 MiB): 5 rounds, 1 thread, then
//     all threads, over the same arrays;
//  3. the cache sizes from sysfs.
//
// The cache file, one "name value" line each, in this order:
//
//   kiln-machine-limits 1
//   key <16 hex digits: xxh3 of CPU model, triple, target CPU, features,
//        build identity and thread count>
//   cpu, vector_bits, threads, peak_gflops_1, peak_gflops_all,
//   bandwidth_gbs_1, bandwidth_gbs_all, l1d_bytes, l2_bytes, l3_bytes,
//   peak_method, bandwidth_method, cache_method
//   checksum <16 hex digits: xxh3 of every byte before this line>
//
// Anything else (a missing or extra line, another key, a checksum that does
// not match, a figure that is not a positive number) is re-measured.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/MachineLimits.h"
#include "kiln/cpu/Cache.h"
#include "kiln/cpu/Jit.h"
#include "kiln/cpu/Target.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace kiln::cpu {

static constexpr llvm::StringLiteral kHeader = "kiln-machine-limits 1";

/// Measurements of the all-thread peak at most, while it stays below the
/// 1-thread one.
static constexpr int kPeakTries = 5;

/// Threads for \p threads (0: all cores).
static unsigned resolveThreads(unsigned threads) {
  return threads ? threads : std::max(1u, std::thread::hardware_concurrency());
}

/// What the figures depend on, hashed.
static std::string limitsKey(unsigned threads) {
  const HostTarget &host = hostTarget();
  std::string text = cpuModelName() + "\n" + host.triple + "\n" + host.cpu +
                     "\n" + host.features + "\n" + buildId().str() + "\n" +
                     std::to_string(threads);
  return llvm::utohexstr(llvm::xxh3_64bits(llvm::StringRef(text)),
                         /*LowerCase=*/true, /*Width=*/16);
}

std::string machineLimitsPath(unsigned threads, const std::string &cacheDir) {
  std::string dir = cacheDir.empty() ? defaultCacheDir() : cacheDir;
  threads = resolveThreads(threads);
  return dir + "/machine-limits-" + limitsKey(threads) + ".txt";
}

/// \p s on one line.
static std::string oneLine(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

/// The file's text for \p limits.
static std::string formatLimits(const MachineLimits &l,
                                const std::string &key) {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto num = [&](const char *name, double v) {
    os << name << " " << llvm::format("%.17g", v) << "\n";
  };
  os << kHeader << "\n";
  os << "key " << key << "\n";
  os << "cpu " << oneLine(l.cpu) << "\n";
  os << "vector_bits " << l.vectorBits << "\n";
  os << "threads " << l.threads << "\n";
  num("peak_gflops_1", l.peakGflops1);
  num("peak_gflops_all", l.peakGflopsAll);
  num("bandwidth_gbs_1", l.bandwidthGBs1);
  num("bandwidth_gbs_all", l.bandwidthGBsAll);
  os << "l1d_bytes " << l.l1dBytes << "\n";
  os << "l2_bytes " << l.l2Bytes << "\n";
  os << "l3_bytes " << l.l3Bytes << "\n";
  os << "peak_method " << oneLine(l.peakMethod) << "\n";
  os << "bandwidth_method " << oneLine(l.bandwidthMethod) << "\n";
  os << "cache_method " << oneLine(l.cacheMethod) << "\n";
  os.flush();
  uint64_t sum = llvm::xxh3_64bits(llvm::StringRef(text));
  text += "checksum " + llvm::utohexstr(sum, true, 16) + "\n";
  return text;
}

/// Parses the file's \p text into \p out; false when it is anything but a
/// file formatLimits wrote with key \p key.
static bool parseLimits(llvm::StringRef text, const std::string &key,
                        MachineLimits &out) {
  size_t at = text.rfind("checksum ");
  if (at == llvm::StringRef::npos || (at > 0 && text[at - 1] != '\n'))
    return false;
  llvm::StringRef body = text.take_front(at);
  llvm::StringRef sumLine = text.drop_front(at + 9);
  if (!sumLine.consume_back("\n") ||
      sumLine != llvm::utohexstr(llvm::xxh3_64bits(body), true, 16))
    return false;
  llvm::SmallVector<llvm::StringRef> lines;
  body.split(lines, '\n', -1, /*KeepEmpty=*/true);
  // Every line ends with '\n': the split leaves one empty piece at the end.
  const char *names[] = {"key",
                         "cpu",
                         "vector_bits",
                         "threads",
                         "peak_gflops_1",
                         "peak_gflops_all",
                         "bandwidth_gbs_1",
                         "bandwidth_gbs_all",
                         "l1d_bytes",
                         "l2_bytes",
                         "l3_bytes",
                         "peak_method",
                         "bandwidth_method",
                         "cache_method"};
  constexpr size_t kFields = std::size(names);
  if (lines.size() != kFields + 2 || lines[0] != kHeader ||
      !lines.back().empty())
    return false;
  std::string values[kFields];
  for (size_t i = 0; i < kFields; ++i) {
    auto [name, value] = lines[i + 1].split(' ');
    if (name != names[i])
      return false;
    values[i] = value.str();
  }
  if (values[0] != key)
    return false;
  auto positive = [](const std::string &s, double &v) {
    return !llvm::StringRef(s).getAsDouble(v) && std::isfinite(v) && v > 0;
  };
  auto count = [](const std::string &s, uint64_t &v) {
    return !llvm::StringRef(s).getAsInteger(10, v);
  };
  MachineLimits l;
  uint64_t bits = 0, threads = 0;
  l.cpu = values[1];
  if (!count(values[2], bits) || (bits != 256 && bits != 512) ||
      !count(values[3], threads) || threads < 1 || threads > 65536 ||
      !positive(values[4], l.peakGflops1) ||
      !positive(values[5], l.peakGflopsAll) ||
      !positive(values[6], l.bandwidthGBs1) ||
      !positive(values[7], l.bandwidthGBsAll) ||
      !count(values[8], l.l1dBytes) || !count(values[9], l.l2Bytes) ||
      !count(values[10], l.l3Bytes))
    return false;
  l.vectorBits = static_cast<unsigned>(bits);
  l.threads = static_cast<unsigned>(threads);
  l.peakMethod = values[11];
  l.bandwidthMethod = values[12];
  l.cacheMethod = values[13];
  l.fromCache = true;
  out = std::move(l);
  return true;
}

/// Measures the limits for \p threads threads (see the file header).
static llvm::Expected<MachineLimits> measure(unsigned threads) {
  const HostTarget &host = hostTarget();
  MachineLimits l;
  l.threads = threads;
  l.cpu = cpuModelName() + ", target " + host.describe();
  if (host.vectorBits >= 512 && canMeasureFmaPeak(512))
    l.vectorBits = 512;
  else if (canMeasureFmaPeak(256))
    l.vectorBits = 256;
  else
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "cannot measure the FMA peak: this CPU has neither AVX2 with FMA "
        "nor AVX-512");
  const int peakRounds = 15, triadRounds = 5;
  std::string threadCounts =
      threads > 1 ? "1 and " + std::to_string(threads) + " threads"
                  : std::string("1 thread");
  Measured one = measureFmaPeak(l.vectorBits, 1, peakRounds);
  Measured all =
      threads > 1 ? measureFmaPeak(l.vectorBits, threads, peakRounds) : one;
  // More threads than one doing less than one did: other processes held
  // the cores. Measured again (each try ~20 ms), the best median kept.
  int tries = 1;
  for (; threads > 1 && all.median < one.median && tries < kPeakTries; ++tries)
    all.median = std::max(
        all.median, measureFmaPeak(l.vectorBits, threads, peakRounds).median);
  l.peakGflops1 = one.median;
  l.peakGflopsAll = all.median;
  l.peakMethod =
      llvm::formatv("12 independent chains of {0}-bit fp32 FMAs, 500000 "
                    "iterations per thread, median of {1} rounds after a "
                    "warm-up, {2}",
                    l.vectorBits, peakRounds, threadCounts)
          .str();
  if (tries > 1)
    l.peakMethod += llvm::formatv(
        " ({0} tries at {1} threads, the best median kept: the machine was "
        "busy{2})",
        tries, threads,
        all.median < one.median ? ", and stayed so: --remeasure when idle"
                                : "");

  readCacheSizes(l);
  uint64_t total = std::clamp<uint64_t>(4 * l.l3Bytes, uint64_t(192) << 20,
                                        uint64_t(768) << 20);
  uint64_t array = total / 3;
  std::vector<unsigned> counts = {1};
  if (threads > 1)
    counts.push_back(threads);
  std::vector<Measured> bw = measureTriadBandwidth(counts, array, triadRounds);
  Measured bw1 = bw.empty() ? Measured() : bw.front();
  Measured bwAll = bw.empty() ? Measured() : bw.back();
  if (!(bw1.median > 0) || !(bwAll.median > 0))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot measure the memory bandwidth: "
                                   "the triad's arrays could not be mapped");
  l.bandwidthGBs1 = bw1.median;
  l.bandwidthGBsAll = bwAll.median;
  std::string ratio = l.l3Bytes
                          ? llvm::formatv(", {0:f1}x the L3",
                                          double(3 * array) / double(l.l3Bytes))
                                .str()
                          : std::string();
  l.bandwidthMethod =
      llvm::formatv("STREAM-like triad a[i] = b[i] + s*c[i] over 3 float "
                    "arrays of {0} MiB ({1} MiB in all{2}), 12 bytes per "
                    "element, median of {3} rounds after a warm-up, {4}",
                    array >> 20, (3 * array) >> 20, ratio, triadRounds,
                    threadCounts)
          .str();
  return l;
}

/// An all-thread FMA peak below this share of threads x the one-thread peak
/// means other work ran on the cores while it was measured (a core's peak
/// drops less than that with all cores busy on the machines Kiln targets).
constexpr double kDisturbedShare = 0.7;

/// Writes \p text to \p path through a temporary file and a rename; false
/// (and nothing left behind) on failure.
static bool writeAtomically(const std::string &path, llvm::StringRef text) {
  llvm::StringRef dir = llvm::sys::path::parent_path(path);
  if (llvm::sys::fs::create_directories(dir))
    return false;
  llvm::SmallString<128> tmp;
  int fd;
  if (llvm::sys::fs::createUniqueFile(path + ".tmp-%%%%%%", fd, tmp))
    return false;
  bool ok;
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << text;
    os.close();
    ok = !os.has_error();
    os.clear_error();
  }
  if (ok && !llvm::sys::fs::rename(tmp, path))
    return true;
  llvm::sys::fs::remove(tmp);
  return false;
}

llvm::Expected<MachineLimits>
machineLimits(unsigned threads, const std::string &cacheDir, bool remeasure) {
  threads = resolveThreads(threads);
  std::string path = machineLimitsPath(threads, cacheDir);
  std::string key = limitsKey(threads);
  if (!remeasure)
    if (auto file =
            llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                        /*RequiresNullTerminator=*/false)) {
      MachineLimits cached;
      if (parseLimits((*file)->getBuffer(), key, cached))
        return cached;
    }
  llvm::Expected<MachineLimits> measured = measure(threads);
  if (!measured)
    return measured.takeError();
  // All threads well below threads x one thread: other work shared the
  // cores, and these are the figures of this moment, not of the machine.
  // They are returned, said so, and not kept: the next call measures again.
  if (threads > 1 && measured->peakGflopsAll <
                         kDisturbedShare * threads * measured->peakGflops1) {
    measured->peakMethod +=
        llvm::formatv("; disturbed: {0} threads reached less than {1:P0} of "
                      "{0} x one thread's peak (other work on the cores), "
                      "so these figures are not kept",
                      threads, kDisturbedShare)
            .str();
    return measured;
  }
  (void)writeAtomically(path, formatLimits(*measured, key));
  return measured;
}

} // namespace kiln::cpu
