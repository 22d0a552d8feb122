//===- Session.h - Kiln as the Python module sees it -----------*- C++ -*-===//
//
// The part of the Python module that knows Kiln and not Python: a model
// loaded and prepared on one backend (through kiln-tool-common's
// prepareBackend, prepareLibrary and ModelEntryCache, as `kiln run` does),
// run on runtime tensors, and an AOT build as `kiln compile -o` makes it.
// It includes no MLIR header, so that the pybind11 translation unit
// (Bindings.cpp) stays as small to compile as pybind11 lets it.
//
// Every failure is a SessionError: the kind decides the Python exception
// (ValueError for a bad argument, kiln.Error for the rest) and the message
// is Kiln's one line (several for a model with several problems).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_PYTHON_SESSION_H
#define KILN_PYTHON_SESSION_H

#include "kiln/runtime/Tensor.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiln::python {

/// A failure with Kiln's message; \p badArgument marks the caller's error
/// (a wrong name, shape, dtype or option) rather than the model's or Kiln's.
class SessionError : public std::runtime_error {
public:
  SessionError(const std::string &message, bool badArgument)
      : std::runtime_error(message), badArgument(badArgument) {}
  /// True for an argument error (ValueError in Python).
  bool isBadArgument() const { return badArgument; }

private:
  bool badArgument;
};

/// A model input or output as the Python module shows it.
struct Port {
  std::string name;
  DType dtype = DType::F32;
  /// Dimensions, -1 where dynamic; empty with `ranked == false` if unknown.
  std::vector<int64_t> shape;
  bool ranked = true;
};

/// How kiln.load prepares a model.
struct LoadSettings {
  /// "jit", "interp" or "aot" (a `kiln compile -o` library, or a model built
  /// into one in a temporary folder).
  std::string backend = "jit";
  /// Worker threads (0: all cores).
  unsigned threads = 0;
  /// The JIT's cache folder ("": the default one); useCache false: none.
  std::string cacheDir;
  bool useCache = true;
  /// Static shapes for graph inputs, as `--shape NAME=DIMS`.
  std::map<std::string, Shape> shapes;
  /// A model with dynamic input dims on "jit" or "aot" is prepared once per
  /// set of input shapes it runs with; this many are kept (the least
  /// recently used goes).
  unsigned maxVariants = 8;
};

/// The shape variants of a session (Session::variants).
struct VariantInfo {
  /// The input shapes of the variants kept, most recently used first
  /// ("4x784", one shape per input joined by ", ").
  std::vector<std::string> kept;
  unsigned capacity = 0;
  /// Runs that found their variant; variants prepared; preparations that
  /// failed; variants evicted.
  uint64_t hits = 0, prepared = 0, failed = 0, evicted = 0;
};

/// A model ready to run. Runs may come from several threads at once: the
/// JIT and AOT libraries run them concurrently, the interpreter one at a
/// time.
class Session {
public:
  /// Loads and prepares \p path (an ONNX model, or a library with backend
  /// "aot"); throws SessionError.
  static std::unique_ptr<Session> load(const std::string &path,
                                       const LoadSettings &settings);
  ~Session();

  const std::vector<Port> &inputs() const { return inputPorts; }
  const std::vector<Port> &outputs() const { return outputPorts; }
  /// "jit (3 kernels, 2 threads, compiled)".
  std::string description() const;
  /// The warnings loading printed ("kiln: warning: ..." lines).
  const std::vector<std::string> &warnings() const { return warningLines; }

  /// Runs on \p inputs, one per input in order, each of its dtype and a
  /// shape that fits (checked here first); throws SessionError. A model with
  /// dynamic inputs on a compiled backend runs on the variant prepared for
  /// the inputs' shapes.
  std::vector<Tensor> run(const std::vector<Tensor> &inputs);

  /// The shape variants, or none when the model runs as it was prepared
  /// (static inputs, or the interpreter).
  std::optional<VariantInfo> variants() const;

private:
  Session();
  struct Impl;
  std::unique_ptr<Impl> impl;
  std::vector<Port> inputPorts, outputPorts;
  std::vector<std::string> warningLines;
  /// Held around runs on a backend that is not thread-safe (interp).
  std::unique_ptr<std::mutex> serial;
};

/// How kiln.compile builds a library.
struct CompileSettings {
  std::map<std::string, Shape> shapes;
  /// Compiling threads (0: one per core).
  unsigned threads = 0;
  /// Weights in DIR/NAME.weights instead of embedded.
  bool weightsFile = false;
  std::string cacheDir;
  bool useCache = true;
  unsigned optLevel = 2;
};

/// What kiln.compile wrote.
struct CompileReport {
  std::string library, header;
  /// libkiln-rt.so beside the library ("" when the plan has no reference
  /// step), and the weights file ("" when embedded).
  std::string runtime, weights;
  std::string prefix;
  unsigned kernels = 0, referenceSteps = 0;
  uint64_t weightBytes = 0, scratchBytes = 0;
};

/// Builds \p model into the library \p output (DIR/libNAME.so) with its
/// header, as `kiln compile MODEL -o OUTPUT` does; throws SessionError.
CompileReport compileLibrary(const std::string &model,
                             const std::string &output,
                             const CompileSettings &settings);

/// Checks \p t against \p port: dtype, rank and every static dimension;
/// throws SessionError (a bad argument) naming the input.
void checkInput(const Port &port, const Tensor &t);

} // namespace kiln::python

#endif // KILN_PYTHON_SESSION_H
