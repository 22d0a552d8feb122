//===- Stopwatch.h - Milliseconds of a compile stage ------------*- C++ -*-===//
#ifndef KILN_CPU_LIB_STOPWATCH_H
#define KILN_CPU_LIB_STOPWATCH_H

#include <chrono>

namespace kiln::cpu {

/// Milliseconds from \p start until now (the stages' times in CompileStats
/// and the progress lines).
inline double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

} // namespace kiln::cpu

#endif // KILN_CPU_LIB_STOPWATCH_H
