//===- Workers.cpp - Parallel loops on a oneTBB arena ---------------------===//
//
// The only file of Kiln that includes oneTBB. The TSan build compiles it
// without instrumentation (backends/cpu/CMakeLists.txt); see Workers.h.
//
//===----------------------------------------------------------------------===//
#include "Workers.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>

namespace kiln::cpu {

struct Workers::Impl {
  tbb::task_arena arena;
  explicit Impl(int threads) : arena(threads) {}
};

Workers::Workers(unsigned threads)
    : impl(std::make_unique<Impl>(threads ? static_cast<int>(threads)
                                          : tbb::info::default_concurrency())),
      count(static_cast<unsigned>(impl->arena.max_concurrency())) {}

Workers::~Workers() = default;

void Workers::run(int64_t n, int64_t grain, ChunkFn fn, void *loop) {
  int64_t chunks = 2 * static_cast<int64_t>(count);
  grain = std::max<int64_t>(grain, (n + chunks - 1) / chunks);
  impl->arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<int64_t>(0, n, grain),
                      [&](const tbb::blocked_range<int64_t> &r) {
                        fn(loop, r.begin(), r.end());
                      });
  });
}

} // namespace kiln::cpu
