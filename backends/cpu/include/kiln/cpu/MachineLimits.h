//===- MachineLimits.h - Machine limits for the target, cached --*- C++ -*-===//
//
// The roofline's ceilings (kiln/runtime/MachineLimits.h) for the CPU Kiln
// generates code for: the FMA peak at the target's vector width, the triad
// bandwidth and the cache sizes, measured once per machine and kept as a
// small text file in the cache folder. The file is keyed by the CPU's model
// name, the target (CPU name and features), the Kiln build and the thread
// count; a missing, corrupt or foreign file is measured again, never
// trusted.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_MACHINELIMITS_H
#define KILN_CPU_MACHINELIMITS_H

#include "kiln/runtime/MachineLimits.h"

#include "llvm/Support/Error.h"

#include <string>

namespace kiln::cpu {

/// The limits of this machine for \p threads threads (0: all cores): read
/// from \p cacheDir (empty: defaultCacheDir()) when a valid file for this
/// machine, target, build and thread count is there and \p remeasure is
/// false, else measured (about a second) and written there. A file that
/// cannot be written is not an error (the figures are still returned).
/// Fails when the FMA peak cannot be measured on this CPU (no AVX2 and FMA).
llvm::Expected<MachineLimits> machineLimits(unsigned threads,
                                            const std::string &cacheDir,
                                            bool remeasure = false);

/// The file machineLimits keeps the figures for \p threads (0: all cores)
/// in, in \p cacheDir (empty: defaultCacheDir()).
std::string machineLimitsPath(unsigned threads, const std::string &cacheDir);

} // namespace kiln::cpu

#endif // KILN_CPU_MACHINELIMITS_H
