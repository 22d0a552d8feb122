//===- Workers.cpp - Parallel loops on a oneTBB arena ---------------------===//
//
// The only file of Kiln that includes oneTBB: the executor's loops and
// forEachIndex (model entries). The TSan build compiles it without
// instrumentation (backends/cpu/CMakeLists.txt); see Workers.h.
//
// Chunks go to threads by oneTBB's static partitioner: the same item range
// of a loop goes to the same thread every time, so when consecutive steps
// split alike (a pool after a conv over the same channels, the elementwise
// ops of a block) each thread reads what it wrote, in its own cache, rather
// than what work stealing happened to hand the other core. Measured at 2
// threads against the default (auto) partitioner, `kiln run --runs 15`, three
// interleaved rounds: DenseNet-121 25.4-26.2 -> 24.3-24.6 ms, GoogLeNet
// 11.1-11.4 -> 10.7-11.0, MobileNetV2 3.54-3.62 -> 3.43-3.48, ResNet-50
// 28.2-28.6 -> 27.6-27.7 (two rounds); EfficientNet-B0 at batch 8 lost:
// 40.9-41.2 -> 41.9-42.2.
//
// With flushDenormals, each chunk sets FTZ and DAZ on the thread running it
// and restores the thread's mode after: oneTBB's workers are shared by every
// arena of the process, so a mode left set would leak into other models'
// loops. Two control-register writes per chunk, a few chunks per thread per
// step; without the flag the loop is unchanged. (oneTBB also hands the
// floating-point mode of the thread that starts an arena to the tasks of
// that arena, so the executor, which sets the mode before its first loop,
// gets the same from it; the chunks do not rely on that.)
//
//===----------------------------------------------------------------------===//
#include "Workers.h"

#include "kiln/runtime/FloatMode.h"

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

Workers::Workers(unsigned threads, bool flushDenormals)
    : impl(std::make_unique<Impl>(threads ? static_cast<int>(threads)
                                          : tbb::info::default_concurrency())),
      count(static_cast<unsigned>(impl->arena.max_concurrency())),
      flushDenormals(flushDenormals) {}

Workers::~Workers() = default;

void Workers::run(int64_t n, int64_t grain, ChunkFn fn, void *loop) {
  int64_t chunks = 2 * static_cast<int64_t>(count);
  grain = std::max<int64_t>(grain, (n + chunks - 1) / chunks);
  if (flushDenormals) {
    impl->arena.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<int64_t>(0, n, grain),
          [&](const tbb::blocked_range<int64_t> &r) {
            ScopedFlushDenormals flush;
            fn(loop, r.begin(), r.end());
          },
          tbb::static_partitioner());
    });
    return;
  }
  impl->arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<int64_t>(0, n, grain),
        [&](const tbb::blocked_range<int64_t> &r) {
          fn(loop, r.begin(), r.end());
        },
        tbb::static_partitioner());
  });
}

void runForEachIndex(size_t n, void (*fn)(void *loop, size_t i), void *loop) {
  tbb::parallel_for(size_t(0), n, [&](size_t i) { fn(loop, i); });
}

} // namespace kiln::cpu
