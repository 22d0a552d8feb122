//===- ParallelFor.h - Chunks of a range on oneTBB workers ------*- C++ -*-===//
//
// The one parallel loop of the executor and of AOT libraries loaded in
// process: [0, n) in chunks on the workers of a task arena, returning when
// every chunk is done. Several threads may run loops in one arena at once.
//
// Under ThreadSanitizer the loop states its own happens-before edges: oneTBB
// is not instrumented, so TSan cannot see that a chunk starts after the
// caller handed it its operands and ends before the caller reads its
// results. Each chunk acquires a "start" token the caller released, and
// releases an "end" token the caller acquires after the loop; chunks are
// not ordered among themselves, so two chunks writing the same bytes are
// still reported.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_PARALLELFOR_H
#define KILN_CPU_PARALLELFOR_H

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <cstdint>

#if defined(__SANITIZE_THREAD__)
#define KILN_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KILN_TSAN 1
#endif
#endif

#ifdef KILN_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace kiln::cpu {

/// Tells TSan that what the calling thread did so far happens before any
/// later tsanAcquire of \p token (nothing without TSan).
inline void tsanRelease(void *token) {
#ifdef KILN_TSAN
  __tsan_release(token);
#else
  (void)token;
#endif
}

/// Tells TSan that every tsanRelease of \p token so far happens before what
/// the calling thread does next (nothing without TSan).
inline void tsanAcquire(void *token) {
#ifdef KILN_TSAN
  __tsan_acquire(token);
#else
  (void)token;
#endif
}

/// Calls \p body(begin, end) on chunks covering [0, n), each at least
/// \p grain long where n allows, on the workers of \p arena.
template <typename Body>
void parallelFor(tbb::task_arena &arena, int64_t n, int64_t grain,
                 const Body &body) {
  char start = 0, end = 0; // their addresses are the tokens
  tsanRelease(&start);
  arena.execute([&] {
    tsanAcquire(&start);
    tbb::parallel_for(tbb::blocked_range<int64_t>(0, n, grain),
                      [&](const tbb::blocked_range<int64_t> &r) {
                        tsanAcquire(&start);
                        body(r.begin(), r.end());
                        tsanRelease(&end);
                      });
    tsanRelease(&end);
  });
  tsanAcquire(&end);
}

} // namespace kiln::cpu

#endif // KILN_CPU_PARALLELFOR_H
