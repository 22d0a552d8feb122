//===- MachineLimits.cpp - Measure the FMA peak, bandwidth and caches -----===//
//
// Both measurements run their body on a fixed set of threads started once:
// the calling thread and threads-1 helpers wait for a round number, run
// their share, and count themselves done; a round's time runs from its
// release to the last thread done. The first round warms up (clocks, page
// faults of the arrays, which each thread touches in its own part) and is
// not counted. Rounds are short (a few ms for the FMA loop) so that on a
// shared machine some of them run undisturbed; the median is the figure.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/MachineLimits.h"
#include "kiln/runtime/HugePages.h"

#include <immintrin.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

namespace kiln {

namespace {

using Clock = std::chrono::steady_clock;

/// Median and best of \p v (best: the largest rate).
Measured summarize(std::vector<double> v) {
  Measured m;
  if (v.empty())
    return m;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  m.median = n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  m.best = v.back();
  return m;
}

/// Runs \p body(thread, round) on \p threads threads for rounds 0..rounds
/// and returns the seconds of rounds 1..rounds (round 0 warms up).
template <typename Body>
std::vector<double> timeRounds(unsigned threads, int rounds, const Body &body) {
  threads = std::max(1u, threads);
  std::atomic<int> round{-1}, done{0};
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int r = 0; r <= rounds; ++r) {
        while (round.load(std::memory_order_acquire) < r)
          std::this_thread::yield();
        body(t, r);
        done.fetch_add(1, std::memory_order_acq_rel);
      }
    });
  std::vector<double> seconds;
  for (int r = 0; r <= rounds; ++r) {
    done.store(0, std::memory_order_relaxed);
    auto start = Clock::now();
    round.store(r, std::memory_order_release);
    body(0, r);
    while (done.load(std::memory_order_acquire) < static_cast<int>(threads) - 1)
      std::this_thread::yield();
    if (r > 0)
      seconds.push_back(
          std::chrono::duration<double>(Clock::now() - start).count());
  }
  for (std::thread &t : pool)
    t.join();
  return seconds;
}

/// 12 chains x 8 lanes x `iters` FMAs; returns a value so nothing is
/// optimized away.
__attribute__((target("avx2,fma"), noinline)) float fmaLoopAvx2(long iters) {
  // Distinct starting values, or the compiler merges identical chains.
  __m256 a0 = _mm256_set1_ps(1.00f), a1 = _mm256_set1_ps(1.01f),
         a2 = _mm256_set1_ps(1.02f), a3 = _mm256_set1_ps(1.03f),
         a4 = _mm256_set1_ps(1.04f), a5 = _mm256_set1_ps(1.05f),
         a6 = _mm256_set1_ps(1.06f), a7 = _mm256_set1_ps(1.07f),
         a8 = _mm256_set1_ps(1.08f), a9 = _mm256_set1_ps(1.09f),
         a10 = _mm256_set1_ps(1.10f), a11 = _mm256_set1_ps(1.11f);
  const __m256 m = _mm256_set1_ps(0.999999f), c = _mm256_set1_ps(1e-7f);
  for (long i = 0; i < iters; ++i) {
    a0 = _mm256_fmadd_ps(a0, m, c);
    a1 = _mm256_fmadd_ps(a1, m, c);
    a2 = _mm256_fmadd_ps(a2, m, c);
    a3 = _mm256_fmadd_ps(a3, m, c);
    a4 = _mm256_fmadd_ps(a4, m, c);
    a5 = _mm256_fmadd_ps(a5, m, c);
    a6 = _mm256_fmadd_ps(a6, m, c);
    a7 = _mm256_fmadd_ps(a7, m, c);
    a8 = _mm256_fmadd_ps(a8, m, c);
    a9 = _mm256_fmadd_ps(a9, m, c);
    a10 = _mm256_fmadd_ps(a10, m, c);
    a11 = _mm256_fmadd_ps(a11, m, c);
  }
  __m256 s = _mm256_add_ps(
      _mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)),
      _mm256_add_ps(_mm256_add_ps(a4, a5), _mm256_add_ps(a6, a7)));
  s = _mm256_add_ps(
      s, _mm256_add_ps(_mm256_add_ps(a8, a9), _mm256_add_ps(a10, a11)));
  float out[8];
  _mm256_storeu_ps(out, s);
  return out[0];
}

/// a[i] = b[i] + s * c[i] for i in [begin, end), in 8-lane vectors (a
/// plain loop is not vectorized at -O2 without the target's vectors, and
/// its scalar code, not the memory, then sets the pace on arrays that fit a
/// cache: a working set of 4 MB ran at half the rate of the vector loop).
__attribute__((target("avx2,fma"), noinline)) void
triadAvx2(float *a, const float *b, const float *c, float s, size_t begin,
          size_t end) {
  __m256 vs = _mm256_set1_ps(s);
  size_t i = begin;
  for (; i + 8 <= end; i += 8)
    _mm256_storeu_ps(a + i, _mm256_fmadd_ps(vs, _mm256_loadu_ps(c + i),
                                            _mm256_loadu_ps(b + i)));
  for (; i < end; ++i)
    a[i] = b[i] + s * c[i];
}

/// fmaLoopAvx2 with 16 lanes.
__attribute__((target("avx512f"), noinline)) float fmaLoopAvx512(long iters) {
  __m512 a0 = _mm512_set1_ps(1.00f), a1 = _mm512_set1_ps(1.01f),
         a2 = _mm512_set1_ps(1.02f), a3 = _mm512_set1_ps(1.03f),
         a4 = _mm512_set1_ps(1.04f), a5 = _mm512_set1_ps(1.05f),
         a6 = _mm512_set1_ps(1.06f), a7 = _mm512_set1_ps(1.07f),
         a8 = _mm512_set1_ps(1.08f), a9 = _mm512_set1_ps(1.09f),
         a10 = _mm512_set1_ps(1.10f), a11 = _mm512_set1_ps(1.11f);
  const __m512 m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-7f);
  for (long i = 0; i < iters; ++i) {
    a0 = _mm512_fmadd_ps(a0, m, c);
    a1 = _mm512_fmadd_ps(a1, m, c);
    a2 = _mm512_fmadd_ps(a2, m, c);
    a3 = _mm512_fmadd_ps(a3, m, c);
    a4 = _mm512_fmadd_ps(a4, m, c);
    a5 = _mm512_fmadd_ps(a5, m, c);
    a6 = _mm512_fmadd_ps(a6, m, c);
    a7 = _mm512_fmadd_ps(a7, m, c);
    a8 = _mm512_fmadd_ps(a8, m, c);
    a9 = _mm512_fmadd_ps(a9, m, c);
    a10 = _mm512_fmadd_ps(a10, m, c);
    a11 = _mm512_fmadd_ps(a11, m, c);
  }
  __m512 s = _mm512_add_ps(
      _mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)),
      _mm512_add_ps(_mm512_add_ps(a4, a5), _mm512_add_ps(a6, a7)));
  s = _mm512_add_ps(
      s, _mm512_add_ps(_mm512_add_ps(a8, a9), _mm512_add_ps(a10, a11)));
  float out[16];
  _mm512_storeu_ps(out, s);
  return out[0];
}

/// The value of "KEY: value" in \p path's first line starting with KEY.
std::string fieldOf(const char *path, const std::string &key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (line.compare(0, key.size(), key) == 0) {
      size_t colon = line.find(':');
      if (colon == std::string::npos)
        continue;
      size_t begin = line.find_first_not_of(" \t", colon + 1);
      return begin == std::string::npos ? "" : line.substr(begin);
    }
  return "";
}

/// The first line of \p path, "" when it cannot be read.
std::string firstLine(const std::string &path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

/// "48K", "2048K", "1M" as bytes; 0 when not of that form.
uint64_t parseSize(const std::string &text) {
  size_t end = 0;
  uint64_t v = 0;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9')
    v = v * 10 + static_cast<uint64_t>(text[end++] - '0');
  if (end == 0)
    return 0;
  std::string unit = text.substr(end);
  if (unit == "K")
    return v << 10;
  if (unit == "M")
    return v << 20;
  if (unit == "G")
    return v << 30;
  return unit.empty() ? v : 0;
}

} // namespace

/// \p one at 1 thread, \p all at \p threads, linear in between.
static double interpolate(double one, double all, unsigned threads,
                          unsigned n) {
  if (n <= 1 || threads <= 1)
    return one;
  if (n >= threads)
    return all;
  return one + (all - one) * (n - 1) / (threads - 1);
}

double MachineLimits::peakGflopsAt(unsigned n) const {
  return interpolate(peakGflops1, peakGflopsAll, threads, n);
}

double MachineLimits::bandwidthGBsAt(unsigned n) const {
  return interpolate(bandwidthGBs1, bandwidthGBsAll, threads, n);
}

bool canMeasureFmaPeak(unsigned vectorBits) {
  if (vectorBits == 512)
    return __builtin_cpu_supports("avx512f");
  if (vectorBits == 256)
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return false;
}

Measured measureFmaPeak(unsigned vectorBits, unsigned threads, int rounds,
                        long iters) {
  bool wide = vectorBits >= 512;
  double flopsPerThread = 2.0 * (wide ? 16 : 8) * 12 * double(iters);
  std::vector<float> sink(std::max(1u, threads));
  std::vector<double> seconds =
      timeRounds(threads, rounds, [&](unsigned t, int) {
        sink[t] = wide ? fmaLoopAvx512(iters) : fmaLoopAvx2(iters);
      });
  std::vector<double> rates;
  for (double s : seconds)
    rates.push_back(flopsPerThread * std::max(1u, threads) / s / 1e9);
  return summarize(rates);
}

void triad(float *a, const float *b, const float *c, float s, size_t begin,
           size_t end) {
  static const bool vectors = canMeasureFmaPeak(256);
  if (vectors) {
    triadAvx2(a, b, c, s, begin, end);
    return;
  }
  for (size_t i = begin; i < end; ++i)
    a[i] = b[i] + s * c[i];
}

std::vector<Measured>
measureTriadBandwidth(const std::vector<unsigned> &threadCounts,
                      uint64_t arrayBytes, int rounds) {
  size_t n = arrayBytes / sizeof(float);
  size_t bytes = n * sizeof(float);
  // Each array starts at its own offset past its mapping's (page-aligned)
  // start: with the same offset, a[i], b[i] and c[i] fall into the same
  // cache sets, and a working set that fits L3 measured at a third of
  // its bandwidth.
  constexpr size_t kSkew = 1088 / sizeof(float);
  void *maps[3] = {};
  float *arrays[3] = {};
  for (size_t k = 0; k < 3; ++k) {
    maps[k] = mapHugePages(bytes + 3 * kSkew * sizeof(float));
    if (maps[k])
      arrays[k] = static_cast<float *>(maps[k]) + k * kSkew;
  }
  float *a = arrays[0], *b = arrays[1], *c = arrays[2];
  std::vector<Measured> out;
  if (a && b && c) {
    // First touch (page faults), split like the first count's runs.
    unsigned first = std::max(1u, threadCounts.empty() ? 1u : threadCounts[0]);
    timeRounds(first, 0, [&](unsigned t, int) {
      for (size_t i = n * t / first, end = n * (t + 1) / first; i < end; ++i) {
        a[i] = 0.0f;
        b[i] = 1.0f;
        c[i] = 2.0f;
      }
    });
    const float s = 3.0f;
    for (unsigned threads : threadCounts) {
      threads = std::max(1u, threads);
      std::vector<double> seconds =
          timeRounds(threads, rounds, [&](unsigned t, int) {
            triad(a, b, c, s, n * t / threads, n * (t + 1) / threads);
          });
      std::vector<double> rates;
      for (double sec : seconds)
        rates.push_back(3.0 * static_cast<double>(bytes) / sec / 1e9);
      out.push_back(summarize(rates));
    }
  }
  for (void *p : maps)
    if (p)
      unmapHugePages(p, bytes + 3 * kSkew * sizeof(float));
  return out;
}

void readCacheSizes(MachineLimits &limits) {
  limits.l1dBytes = limits.l2Bytes = limits.l3Bytes = 0;
  const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index";
  bool any = false;
  for (int i = 0; i < 16; ++i) {
    std::string index = dir + std::to_string(i) + "/";
    std::string level = firstLine(index + "level");
    if (level.empty())
      break;
    std::string type = firstLine(index + "type");
    uint64_t size = parseSize(firstLine(index + "size"));
    if (type == "Instruction" || size == 0)
      continue;
    any = true;
    if (level == "1")
      limits.l1dBytes = size;
    else if (level == "2")
      limits.l2Bytes = size;
    else if (level == "3")
      limits.l3Bytes = size;
  }
  if (any) {
    limits.cacheMethod = "sysfs /sys/devices/system/cpu/cpu0/cache/index*/"
                         "size (L1d and L2 per core, L3 shared)";
    return;
  }
  auto conf = [](int name) {
    long v = sysconf(name);
    return v > 0 ? static_cast<uint64_t>(v) : 0;
  };
#ifdef _SC_LEVEL1_DCACHE_SIZE
  limits.l1dBytes = conf(_SC_LEVEL1_DCACHE_SIZE);
  limits.l2Bytes = conf(_SC_LEVEL2_CACHE_SIZE);
  limits.l3Bytes = conf(_SC_LEVEL3_CACHE_SIZE);
#else
  (void)conf;
#endif
  limits.cacheMethod = "sysconf(_SC_LEVEL*_CACHE_SIZE) (no sysfs cache "
                       "description)";
}

std::string cpuModelName() {
  std::string name = fieldOf("/proc/cpuinfo", "model name");
  return name.empty() ? "unknown CPU" : name;
}

} // namespace kiln
