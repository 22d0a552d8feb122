//===- ChildPool.h - Run tasks in forked children with a time limit -*- C++
//-*-//
//
// `kiln conformance` and kiln-fuzz-graphs run every case in a forked child
// process with a time and an address-space limit, so a crash, a hang or a
// runaway allocation in generated code fails that case only. A child reports
// through a pipe; what it wrote before dying is kept, so a child can name the
// stage it is in before each risky step.
//
// Fork before starting threads: the parent should not run oneTBB or LLVM
// work of its own while children are forked.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_CHILDPOOL_H
#define KILN_TOOLS_KILN_CHILDPOOL_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace kiln::tool {

/// What a child wrote and how it ended.
struct ChildResult {
  /// Everything the child wrote to its pipe.
  std::string report;
  /// Killed at the time limit.
  bool timedOut = false;
  /// The signal that ended it (0: it exited).
  int signal = 0;
  /// Its exit code when it exited.
  int exitCode = 0;
  /// Set when the child could not be started (no pipe, no fork).
  std::string startError;
  /// Wall time from fork to end, in milliseconds.
  double ms = 0;
  /// "timed out after 60 s (hang)", "crashed with signal Segmentation
  /// fault", "exited with code 3", or "" for a clean exit.
  std::string describe(unsigned timeoutSeconds) const;
};

/// The child's end of the report pipe.
class ChildPipe {
public:
  explicit ChildPipe(int fd) : fd(fd) {}
  /// Writes \p text at once (unbuffered).
  void write(const std::string &text);

private:
  int fd;
};

struct ChildPoolOptions {
  /// Children at a time (at least 1).
  unsigned jobs = 1;
  /// Per-child wall-time limit in seconds.
  unsigned timeoutSeconds = 120;
  /// Per-child address-space limit in bytes (0: none).
  uint64_t addressSpaceLimit = 8ull << 30;
};

/// Runs \p task(i, pipe) in a forked child for each i in [0, count), at
/// most options.jobs at a time, and calls \p done(i, result) in the parent
/// as each child ends (in completion order). A child exits with code 0
/// after its task returns.
void runInChildren(
    size_t count, const ChildPoolOptions &options,
    const std::function<void(size_t, ChildPipe &)> &task,
    const std::function<void(size_t, const ChildResult &)> &done);

} // namespace kiln::tool

#endif // KILN_TOOLS_KILN_CHILDPOOL_H
