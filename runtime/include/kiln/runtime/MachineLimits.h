//===- MachineLimits.h - The machine's measured compute and memory limits -===//
//
// The two ceilings of a roofline, measured on this machine rather than read
// from a datasheet: the fp32 FMA peak at the vector width Kiln's kernels use
// (12 independent chains of vector FMAs), and the memory bandwidth of a
// STREAM-like triad (a[i] = b[i] + s * c[i] over arrays larger than the
// last-level cache), each on one thread and on all threads; plus the cache
// sizes the system reports. The measurements are plain C++ (intrinsics under
// `__attribute__((target(...)))`), so kiln-bench and the compiled backend
// share them; backends/cpu (kiln/cpu/MachineLimits.h) chooses the vector
// width and caches the figures on disk.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_MACHINELIMITS_H
#define KILN_RUNTIME_MACHINELIMITS_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kiln {

/// The limits of this machine, each with a one-line note on its method.
struct MachineLimits {
  /// The CPU's model name and the target Kiln generates code for.
  std::string cpu;
  /// Width of the vectors the FMA peak was measured at (Kiln's kernels').
  unsigned vectorBits = 0;
  /// Thread count of the *All figures.
  unsigned threads = 1;
  /// fp32 FMA peak in GFLOP/s, medians.
  double peakGflops1 = 0, peakGflopsAll = 0;
  /// STREAM-like triad bandwidth in GB/s (1e9 bytes), medians.
  double bandwidthGBs1 = 0, bandwidthGBsAll = 0;
  /// Per core (L1 data, L2) and shared (L3) cache bytes; 0 when unknown.
  uint64_t l1dBytes = 0, l2Bytes = 0, l3Bytes = 0;
  /// How each figure was obtained, one line each.
  std::string peakMethod, bandwidthMethod, cacheMethod;
  /// Read back from the cache file, not measured in this process.
  bool fromCache = false;

  /// Peak GFLOP/s with \p n threads: the 1-thread figure for 1, the
  /// all-thread one for threads or more, linear in between.
  double peakGflopsAt(unsigned n) const;
  /// Bandwidth in GB/s with \p n threads, interpolated like peakGflopsAt.
  double bandwidthGBsAt(unsigned n) const;
};

/// Median and best of repeated measurements.
struct Measured {
  double median = 0, best = 0;
};

/// Whether this CPU runs the FMA loop at \p vectorBits (256: AVX2 and FMA;
/// 512: AVX-512F).
bool canMeasureFmaPeak(unsigned vectorBits);

/// GFLOP/s of 12 chains of \p vectorBits-wide fp32 FMAs, \p iters
/// iterations per thread, on \p threads threads at once: \p rounds timed
/// rounds after a warm-up round (threads started once, released together
/// each round). canMeasureFmaPeak must hold.
Measured measureFmaPeak(unsigned vectorBits, unsigned threads, int rounds,
                        long iters = 500'000);

/// a[i] = b[i] + s * c[i] for i in [begin, end): the loop
/// measureTriadBandwidth times, on AVX2 vectors where the CPU has them.
void triad(float *a, const float *b, const float *c, float s, size_t begin,
           size_t end);

/// GB/s of the triad a[i] = b[i] + s * c[i] over three float arrays of
/// \p arrayBytes each, counting 12 bytes per element (two reads, one write;
/// the write-allocate read is not counted, as STREAM does not), in AVX2
/// vectors where the CPU has them: for each
/// count of \p threadCounts, the work split across that many threads,
/// \p rounds timed rounds after a warm-up round. The arrays are allocated
/// and first touched once, for all counts. Empty when they cannot be
/// mapped.
std::vector<Measured>
measureTriadBandwidth(const std::vector<unsigned> &threadCounts,
                      uint64_t arrayBytes, int rounds);

/// Cache sizes of CPU 0 from sysfs (/sys/devices/system/cpu/cpu0/cache),
/// else from sysconf; `cacheMethod` says which.
void readCacheSizes(MachineLimits &limits);

/// The CPU's model name ("model name" of /proc/cpuinfo), or "unknown CPU".
std::string cpuModelName();

} // namespace kiln

#endif // KILN_RUNTIME_MACHINELIMITS_H
