//===- PerfMap.h - JIT kernels named for perf -------------------*- C++ -*-===//
//
// `perf record` samples code the JIT linked into anonymous memory as
// addresses only: `perf report` then shows a row of hex numbers where the
// kernels are. perf reads names for such code from /tmp/perf-<pid>.map,
// one line per function: "<start> <size> <name>", start and size in hex.
// With KILN_PERF_MAP set (to anything but empty or 0), a JIT model appends
// a line for every kernel it links: the kernel's symbol, then the node of
// the first step that calls it and how many more steps call it.
//
// AOT libraries need none of this: their kernels are symbols of the .so.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_PERFMAP_H
#define KILN_CPU_PERFMAP_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace kiln::cpu {

struct Plan;

/// True when KILN_PERF_MAP asks for a perf map.
bool perfMapWanted();

/// The perf map lines of every global function defined in \p objects
/// (relocatable objects): its address, as \p addressOf gives it for its
/// symbol, its size from the object's symbol table, and its symbol followed
/// by what calls it in \p plan.
llvm::Expected<std::string> perfMapLines(
    llvm::ArrayRef<llvm::StringRef> objects,
    llvm::function_ref<llvm::Expected<uint64_t>(llvm::StringRef)> addressOf,
    const Plan &plan);

/// /tmp/perf-<pid>.map of this process.
std::string perfMapPath();

/// Appends \p lines to perfMapPath() (a process may link several models).
llvm::Error appendPerfMap(llvm::StringRef lines);

} // namespace kiln::cpu

#endif // KILN_CPU_PERFMAP_H
