//===- Arena.h - Buffers sharing one block by their lifetimes ---*- C++ -*-===//
//
// The intermediates of a run live in one block of memory (the arena) at
// offsets chosen from their lifetimes: two buffers share bytes only when no
// step needs both. The JIT's executor and AOT libraries lay out their
// arenas with packArena; each computes the lifetimes its own way (the JIT
// also places Concat inputs inside their result, lib/ConcatViews.h).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_ARENA_H
#define KILN_CPU_ARENA_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <vector>

namespace kiln::cpu {

/// Alignment of every buffer in an arena, and of the arena itself.
inline constexpr uint64_t kArenaAlign = 64;

/// The steps a buffer is live in, [first, last], and its size. A buffer with
/// first < 0 is not in the arena. Steps may run side by side in lanes (the
/// JIT's parts of a batch, lib/PartGroups.h): a buffer of one lane (>= 0)
/// also never shares bytes with a buffer of another lane whose span of
/// steps overlaps its own, whatever their lifetimes.
struct BufferLife {
  int first = -1;
  int last = -1;
  uint64_t bytes = 0;
  int lane = -1;
  int spanFirst = -1;
  int spanLast = -1;
};

/// Where each buffer lives in the arena.
struct ArenaLayout {
  /// Byte offset per buffer; -1 for buffers outside the arena.
  std::vector<int64_t> offsets;
  /// Arena size in bytes (a multiple of kArenaAlign).
  uint64_t size = 0;
  /// Sum of the arena buffers' sizes, as if none shared space.
  uint64_t unsharedSize = 0;
};

/// Assigns offsets to \p lives so that two buffers whose lifetimes overlap
/// (or of different lanes whose spans overlap) never share bytes: largest
/// first, each at the lowest offset that fits.
ArenaLayout packArena(llvm::ArrayRef<BufferLife> lives);

} // namespace kiln::cpu

#endif // KILN_CPU_ARENA_H
