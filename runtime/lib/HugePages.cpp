//===- HugePages.cpp - Large buffers on transparent huge pages ------------===//
#include "kiln/runtime/HugePages.h"

#include <cstdint>

#include <sys/mman.h>

namespace kiln {

void *mapHugePages(size_t bytes) {
  if (bytes == 0)
    return nullptr;
  // Map 2 MiB more, then unmap the unaligned head and tail: what is left is
  // exactly [aligned, aligned + bytes), which unmapHugePages frees.
  size_t span = bytes + kHugePageSize;
  void *map = mmap(nullptr, span, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED)
    return nullptr;
  auto base = reinterpret_cast<uintptr_t>(map);
  uintptr_t aligned = (base + kHugePageSize - 1) & ~(kHugePageSize - 1);
  if (aligned > base)
    munmap(map, aligned - base);
  if (uintptr_t end = base + span; end > aligned + bytes)
    munmap(reinterpret_cast<void *>(aligned + bytes), end - aligned - bytes);
  auto *data = reinterpret_cast<void *>(aligned);
  (void)madvise(data, bytes, MADV_HUGEPAGE); // a hint
  return data;
}

void unmapHugePages(void *data, size_t bytes) {
  if (data)
    munmap(data, bytes);
}

} // namespace kiln
