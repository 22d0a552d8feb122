//===- HugePages.h - Large buffers on transparent huge pages ----*- C++ -*-===//
//
// Weights and arenas of tens to hundreds of MB are streamed on every
// inference; with 4 KiB pages each costs a TLB miss per page and, on first
// touch, a page fault per page (a second per 340 MB copy on the benchmark
// VM). Buffers from here are 2 MiB-aligned anonymous mappings asked for
// transparent huge pages (a hint: where THP is off they are plain pages).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_HUGEPAGES_H
#define KILN_RUNTIME_HUGEPAGES_H

#include <cstddef>

namespace kiln {

/// Buffers at least this large are worth huge pages.
inline constexpr size_t kHugePageSize = size_t(2) << 20;

/// Zeroed read-write memory of \p bytes at a 2 MiB boundary, asked for
/// transparent huge pages; null when the mapping fails. Free it with
/// unmapHugePages(ptr, bytes).
void *mapHugePages(size_t bytes);

/// Frees what mapHugePages(\p bytes) returned.
void unmapHugePages(void *data, size_t bytes);

} // namespace kiln

#endif // KILN_RUNTIME_HUGEPAGES_H
