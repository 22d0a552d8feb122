//===- Runner.h - Run one model on every backend and compare ----*- C++ -*-===//
//
// The check of one model, run inside a forked child (tools/kiln/ChildPool.h):
// load and import it, run it on the interpreter (the reference) and on each
// other backend with the same inputs (the JIT's kernels at 1 thread, then
// at 2), and compare shapes and dtypes first, then values
// (tools/kiln/TensorDiff.h). The child names the stage it is in
// on the pipe before each step, so a crash or a hang is pinned on a backend.
// The parent turns the child's report and its end into a Verdict.
//
// Pipe protocol, one line each:
//   stage BACKEND           entering BACKEND (load, interp, jit, aot)
//   result pass
//   result reject MESSAGE   the model itself was refused (generator bug)
//   result fail KIND BACKEND MESSAGE   KIND is mismatch or error
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_FUZZ_RUNNER_H
#define KILN_TOOLS_FUZZ_RUNNER_H

#include "ChildPool.h"

#include "kiln/interpreter/Interpreter.h"

#include <string>
#include <vector>

namespace kiln::fuzz {

/// How models are checked.
struct CheckOptions {
  /// Backends compared with the interpreter ("jit", "aot").
  std::vector<std::string> backends = {"jit", "aot"};
  /// Kernel cache shared by the JIT and AOT builds of a run.
  std::string cacheDir;
  double atol = 1e-4, rtol = 1e-3;
  /// The L2 size kiln-split-batch assumes on the compiled backends: the
  /// generated graphs are small, and a few bytes make it split every run
  /// of ops with a batch it can (CpuOptions::testSplitBatchCacheBytes).
  int64_t splitBatchCacheBytes = 64;
};

/// Checks the model at \p path, reporting on \p out (see the file header).
void checkModel(const std::string &path, const CheckOptions &options,
                tool::ChildPipe &out);

/// What became of one model.
struct Verdict {
  enum Kind { Pass, Reject, Mismatch, Error, Crash, Hang };
  Kind kind = Crash;
  /// The backend at fault ("load" or "interp" for rejections).
  std::string backend;
  std::string message;
  bool failed() const { return kind != Pass && kind != Reject; }
  /// "mismatch on jit", "crash on aot"...: what a minimized model must
  /// still show.
  std::string signature() const;
  /// "mismatch", "error", "crash", "hang", "pass", "reject".
  static const char *kindName(Kind kind);
};

/// The verdict of a child that ran checkModel.
Verdict readVerdict(const tool::ChildResult &result, unsigned timeoutSeconds);

/// Inputs for \p specs, drawn from each input's name (Values.h) and \p seed.
std::vector<Tensor> makeInputs(const std::vector<TensorSpec> &specs,
                               uint64_t seed);

} // namespace kiln::fuzz

#endif // KILN_TOOLS_FUZZ_RUNNER_H
