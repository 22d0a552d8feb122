//===- Workers.h - The worker threads that run a kernel's chunks -*- C++
//-*-===//
//
// The one parallel loop of the executor and of AOT libraries loaded in
// process: [0, n) in chunks on a fixed set of worker threads (a oneTBB task
// arena), returning when every chunk is done. Several threads may run loops
// on one Workers at once. forEachIndex is the same for work outside a run
// (model entries), on oneTBB's default threads.
//
// oneTBB stays behind Workers.cpp, which the TSan build compiles without
// instrumentation: oneTBB's templates would otherwise be instrumented while
// the library code that orders their accesses (libtbb.so) is not, and TSan
// would report oneTBB's own bookkeeping (task objects, completion counters,
// an arena's set-up) as races. In exchange the loop states the edges TSan
// needs for Kiln's code: each chunk acquires a "start" token the caller
// released, and releases an "end" token the caller acquires after the loop.
// Chunks are not ordered among themselves, so two chunks writing the same
// bytes are still reported.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_WORKERS_H
#define KILN_CPU_WORKERS_H

#include <cstddef>
#include <cstdint>
#include <memory>

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

/// Calls \p body(i) for every i in [0, n) on oneTBB's default threads
/// (for work outside a model's run: model entries' checksums and reads),
/// returning when all are done. Calls may nest. Like Workers::parallelFor,
/// the oneTBB loop stays in Workers.cpp and TSan is told the calls happen
/// after what the caller did and before what it does next.
template <typename Body> void forEachIndex(size_t n, const Body &body);

/// A fixed number of threads that run the chunks of parallel loops: the
/// calling thread and threads()-1 workers.
class Workers {
public:
  /// \p threads threads in all; 0 means one per hardware thread. With
  /// \p flushDenormals, every chunk runs with subnormal floats flushed to
  /// zero (kiln/runtime/FloatMode.h) on whichever thread runs it.
  explicit Workers(unsigned threads, bool flushDenormals = false);
  ~Workers();
  Workers(const Workers &) = delete;
  Workers &operator=(const Workers &) = delete;

  /// The number of threads a loop may run on, the caller's included.
  unsigned threads() const { return count; }

  /// Calls \p body(begin, end) on chunks covering [0, n), each at least
  /// \p grain long where n allows, and returns when all are done. Chunks
  /// are also at least n / (2 * threads()) long: a kernel's neighbouring
  /// items often share data (a conv's channel groups pack the same band),
  /// which a chunk loads once (measured at 2 threads: ResNet-50 30.8 ->
  /// 29.6 ms, DenseNet-121 30.2 -> 28.3 ms).
  template <typename Body>
  void parallelFor(int64_t n, int64_t grain, const Body &body) {
    struct Loop {
      const Body &body;
      char start = 0, end = 0; // their addresses are the tokens
    } loop{body};
    tsanRelease(&loop.start);
    run(n, grain, &Workers::chunk<Loop>, &loop);
    tsanAcquire(&loop.end);
  }

private:
  using ChunkFn = void (*)(void *loop, int64_t begin, int64_t end);

  /// Runs \p fn(loop, begin, end) on chunks of [0, n) (Workers.cpp).
  void run(int64_t n, int64_t grain, ChunkFn fn, void *loop);

  template <typename Loop>
  static void chunk(void *opaque, int64_t begin, int64_t end) {
    auto *loop = static_cast<Loop *>(opaque);
    tsanAcquire(&loop->start);
    loop->body(begin, end);
    tsanRelease(&loop->end);
  }

  struct Impl;
  std::unique_ptr<Impl> impl;
  /// threads(), read once: the executor asks before every step.
  unsigned count;
  bool flushDenormals;
};

/// Runs \p fn(loop, i) for i in [0, n) on oneTBB's default threads
/// (Workers.cpp).
void runForEachIndex(size_t n, void (*fn)(void *loop, size_t i), void *loop);

template <typename Body> void forEachIndex(size_t n, const Body &body) {
  struct Loop {
    const Body &body;
    char start = 0, end = 0; // their addresses are the tokens
  } loop{body};
  tsanRelease(&loop.start);
  runForEachIndex(
      n,
      [](void *opaque, size_t i) {
        auto *l = static_cast<Loop *>(opaque);
        tsanAcquire(&l->start);
        l->body(i);
        tsanRelease(&l->end);
      },
      &loop);
  tsanAcquire(&loop.end);
}

} // namespace kiln::cpu

#endif // KILN_CPU_WORKERS_H
