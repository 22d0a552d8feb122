//===- Arena.cpp - Buffers sharing one block by their lifetimes -----------===//
#include "kiln/cpu/Arena.h"

#include <algorithm>

namespace kiln::cpu {

static uint64_t alignUp(uint64_t n, uint64_t a) { return (n + a - 1) / a * a; }

ArenaLayout packArena(llvm::ArrayRef<BufferLife> lives) {
  ArenaLayout result;
  result.offsets.assign(lives.size(), -1);
  struct Item {
    int buffer;
    uint64_t bytes;
  };
  std::vector<Item> items;
  for (auto [i, life] : llvm::enumerate(lives))
    if (life.first >= 0) {
      uint64_t bytes = alignUp(life.bytes, kArenaAlign);
      items.push_back({static_cast<int>(i), bytes});
      result.unsharedSize += bytes;
    }
  std::stable_sort(items.begin(), items.end(),
                   [&](const Item &a, const Item &b) {
                     return a.bytes != b.bytes
                                ? a.bytes > b.bytes
                                : lives[a.buffer].first < lives[b.buffer].first;
                   });
  std::vector<Item> placed;
  std::vector<std::pair<uint64_t, uint64_t>> busy; // [offset, end)
  for (const Item &item : items) {
    const BufferLife &life = lives[item.buffer];
    busy.clear();
    for (const Item &p : placed) {
      const BufferLife &other = lives[p.buffer];
      bool lanes =
          life.lane >= 0 && other.lane >= 0 && life.lane != other.lane &&
          other.spanFirst <= life.spanLast && life.spanFirst <= other.spanLast;
      if (lanes || (other.first <= life.last && life.first <= other.last)) {
        auto at = static_cast<uint64_t>(result.offsets[p.buffer]);
        busy.push_back({at, at + p.bytes});
      }
    }
    std::sort(busy.begin(), busy.end());
    uint64_t offset = 0;
    for (auto [begin, end] : busy) {
      if (offset + item.bytes <= begin)
        break;
      offset = std::max(offset, end);
    }
    result.offsets[item.buffer] = static_cast<int64_t>(offset);
    result.size = std::max(result.size, offset + item.bytes);
    placed.push_back(item);
  }
  return result;
}

} // namespace kiln::cpu
