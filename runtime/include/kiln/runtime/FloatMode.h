//===- FloatMode.h - Subnormal floats flushed to zero -----------*- C++ -*-===//
//
// Subnormal (denormal) floats, the nonzero values below the smallest normal
// one (1.18e-38 in f32), are slow on some CPUs: an instruction that reads or
// produces one may take a microcode assist of a hundred cycles or more,
// while others handle them at full speed. Weights trained for long, and
// activations that decay towards zero, can be full of them.
//
// The floating-point control register can make the hardware treat them as
// zero. On x86, MXCSR has two bits: FTZ (flush to zero: a subnormal result
// is written as 0) and DAZ (denormals are zero: a subnormal operand is read
// as 0). On AArch64, FPCR's FZ bit does both. The register is per thread:
// every thread that runs a step must set it (cpu::CpuOptions::flushDenormals
// has the JIT's executor do so on the calling thread and on every worker).
// ScopedFlushDenormals sets it on the calling thread and puts the previous
// mode back on destruction, for the interpreter and for tools.
//
// This changes results: values that would have been subnormal become 0
// (x * 1e-39 is 0 instead of ~1e-39 * x). It never changes normal values.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_FLOATMODE_H
#define KILN_RUNTIME_FLOATMODE_H

#include <cstdint>

#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__)
#include <xmmintrin.h>
#define KILN_FLOATMODE_X86 1
#elif defined(__aarch64__)
#define KILN_FLOATMODE_AARCH64 1
#endif

namespace kiln {

/// True where this build can flush subnormals (x86 and AArch64); elsewhere
/// ScopedFlushDenormals does nothing.
inline constexpr bool kCanFlushDenormals =
#if defined(KILN_FLOATMODE_X86) || defined(KILN_FLOATMODE_AARCH64)
    true;
#else
    false;
#endif

namespace floatmode {
#if defined(KILN_FLOATMODE_X86)
/// MXCSR's flush-to-zero and denormals-are-zero bits.
inline constexpr uint64_t kFlushBits = 0x8000 | 0x0040;
inline uint64_t read() { return _mm_getcsr(); }
inline void write(uint64_t mode) { _mm_setcsr(static_cast<unsigned>(mode)); }
#elif defined(KILN_FLOATMODE_AARCH64)
/// FPCR's FZ bit (flushes subnormal inputs and results).
inline constexpr uint64_t kFlushBits = uint64_t(1) << 24;
inline uint64_t read() {
  uint64_t fpcr;
  __asm__ __volatile__("mrs %0, fpcr" : "=r"(fpcr));
  return fpcr;
}
inline void write(uint64_t mode) {
  __asm__ __volatile__("msr fpcr, %0" : : "r"(mode));
}
#else
  inline constexpr uint64_t kFlushBits = 0;
  inline uint64_t read() { return 0; }
  inline void write(uint64_t) {}
#endif
} // namespace floatmode

/// True when the calling thread flushes subnormals to zero (both bits set).
inline bool flushingDenormals() {
  return kCanFlushDenormals &&
         (floatmode::read() & floatmode::kFlushBits) == floatmode::kFlushBits;
}

/// Flushes subnormal floats to zero on the calling thread (FTZ and DAZ)
/// while it lives, then restores the thread's previous mode. With
/// \p enable false it does nothing, so callers can hold one unconditionally.
class ScopedFlushDenormals {
public:
  explicit ScopedFlushDenormals(bool enable = true) : active(enable) {
    if (!active)
      return;
    saved = floatmode::read();
    if ((saved & floatmode::kFlushBits) != floatmode::kFlushBits)
      floatmode::write(saved | floatmode::kFlushBits);
    else
      active = false; // already on: nothing to restore
  }
  ~ScopedFlushDenormals() {
    if (active)
      floatmode::write(saved);
  }
  ScopedFlushDenormals(const ScopedFlushDenormals &) = delete;
  ScopedFlushDenormals &operator=(const ScopedFlushDenormals &) = delete;

private:
  bool active;
  uint64_t saved = 0;
};

} // namespace kiln

#endif // KILN_RUNTIME_FLOATMODE_H
