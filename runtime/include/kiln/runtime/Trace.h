//===- Trace.h - Chrome trace-event JSON of runs ----------------*- C++ -*-===//
//
// A TraceRecorder collects spans (one per step of a run, one per run) from
// any thread and writes them as Chrome trace-event JSON, which
// chrome://tracing and ui.perfetto.dev load:
//
//   {"traceEvents": [
//     {"name": "...", "cat": "compiled", "ph": "X", "ts": 12.5, "dur": 80.25,
//      "pid": 1, "tid": 1, "args": {"shapes": "1x64x56x56 f32", ...}},
//     {"name": "thread_name", "ph": "M", "pid": 1, "tid": 1, "args": ...}],
//    "displayTimeUnit": "ms", "otherData": {...}}
//
// Times are microseconds since the recorder was made. Threads are numbered
// from 1 in the order they first add a span. Recording costs a lock per
// span; a run without a recorder records nothing.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_TRACE_H
#define KILN_RUNTIME_TRACE_H

#include "kiln/runtime/Status.h"

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace kiln {

/// One span.
struct TraceEvent {
  std::string name;
  /// "run", "compiled", "reference", "in place", "op"...
  std::string category;
  double startUs = 0, durationUs = 0;
  /// Shown under the span: text and numbers.
  std::vector<std::pair<std::string, std::string>> text;
  std::vector<std::pair<std::string, double>> numbers;
};

class TraceRecorder {
public:
  TraceRecorder();

  /// Microseconds since the recorder was made.
  double nowUs() const;
  /// Adds \p event as a span of the calling thread.
  void add(TraceEvent event);
  /// Names the calling thread in the trace ("main", "worker").
  void nameThread(std::string name);
  size_t size() const;

  /// Writes the trace to \p path (through a temporary file and a rename),
  /// with \p about (model, backend...) as otherData.
  Status write(const std::string &path,
               const std::map<std::string, std::string> &about) const;

private:
  /// The calling thread's number; the lock must be held.
  int threadNumber();

  std::chrono::steady_clock::time_point epoch;
  mutable std::mutex mutex;
  std::vector<std::pair<int, TraceEvent>> events;
  std::map<std::thread::id, int> threads;
  std::map<int, std::string> threadNames;
};

/// \p s as a JSON string literal (quoted and escaped; bytes that are not
/// UTF-8 become U+FFFD).
std::string jsonQuote(std::string_view s);

} // namespace kiln

#endif // KILN_RUNTIME_TRACE_H
