//===- Common.h - Shared pieces of the kiln tool ----------------*- C++ -*-===//
#ifndef KILN_TOOLS_KILN_COMMON_H
#define KILN_TOOLS_KILN_COMMON_H

#include "kiln/cpu/Jit.h"
#include "kiln/frontend/Import.h"
#include "kiln/interpreter/Interpreter.h"
#include "kiln/runtime/Trace.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiln::tool {

/// An llvm::Error that carries \p msg (the tool's errors are messages).
inline llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// Options of `kiln run`.
struct RunOptions {
  std::string model;
  std::string backend = "jit";
  cpu::CpuOptions cpu;
  std::vector<std::string> inputs; // NAME=FILE.npy
  std::vector<std::string> shapes; // NAME=1x3x224x224
  uint64_t seed = 0;
  std::string outputDir;
  /// Timed runs after the first (cold) one, which is timed apart; 1 means
  /// the first run only.
  unsigned runs = 10;
  bool verbose = false;
  /// Write a Chrome trace of the timed runs here (one span per step).
  std::string traceFile;
  /// Print the report as one JSON object on stdout.
  bool json = false;
  /// Run with subnormal floats flushed to zero (jit: cpu.flushDenormals
  /// too; interp: on the calling thread).
  bool flushDenormals = false;
};

/// Options of `kiln inspect`.
struct InspectOptions {
  std::string model;
  std::vector<std::string> shapes;
};

/// Options of `kiln compile`.
struct CompileOptions {
  std::string model;
  /// Stage to print; empty means "not given": `-o *.so` then builds a
  /// library, any other output prints the kiln IR.
  std::string emit;
  std::string output = "-";
  std::vector<std::string> shapes;
  bool keepWeights = false;
  /// Library builds: weights in DIR/NAME.weights instead of embedded;
  /// codegen threads and kernel cache; progress on stderr.
  bool weightsFile = false;
  cpu::CpuOptions cpu;
  bool verbose = false;
  /// Library builds: keep the generated C driver as DIR/NAME.c.
  bool keepSource = false;
  /// Print the graph IR after every graph pass on stderr.
  bool printIrAfterAll = false;
};

/// Options of `kiln conformance`.
struct ConformanceOptions {
  std::vector<std::string> dirs;
  std::string backend = "interp";
  bool list = false;
  unsigned jobs = 0;
  unsigned timeoutSeconds = 120;
  std::string expectFile;
  std::string writeExpectFile;
  std::string filter;
  /// Run only every N-th case (the first, the (N+1)-th, ...) of the sorted
  /// cases left after --filter; 1 runs them all.
  unsigned every = 1;
};

/// Options of `kiln compare`.
struct CompareOptions {
  std::string model;
  cpu::CpuOptions cpu;
  std::vector<std::string> inputs; // NAME=FILE.npy
  std::vector<std::string> shapes; // NAME=1x3x224x224
  uint64_t seed = 0;
  /// Timed runs per backend (after one warm-up run when more than one).
  unsigned runs = 5;
  bool json = false;
  /// Compare and time every JIT step against the interpreter ops it covers.
  bool perLayer = false;
  /// Also build the model as an AOT library in a temporary folder (as
  /// `kiln run --backend=aot` does), time it and compare its outputs
  /// against the interpreter's (--backends interp,jit,aot).
  bool aot = false;
  /// Floats pass when |jit - interp| <= atol + rtol * |interp|.
  double rtol = 1e-3, atol = 1e-4;

  // --ablate and --bisect (Ablate.h).
  /// Time the JIT with each optimization turned off in turn.
  bool ablate = false;
  /// Find the first pass and the first layer where the JIT's outputs stop
  /// matching the interpreter's, and print a command that shows it.
  bool bisect = false;
  /// --cpu and --cpu-features as given (for the reproduction command).
  std::string targetCpu, targetFeatures;
};

/// Options of `kiln explain`.
struct ExplainOptions {
  std::string model;
  std::vector<std::string> inputs; // NAME=FILE.npy
  std::vector<std::string> shapes; // NAME=1x3x224x224
  uint64_t seed = 0;
  /// Timed runs of each measurement, after a warm-up run.
  unsigned runs = 20;
  cpu::CpuOptions cpu;
  /// Write the report as an HTML page / as JSON here ("": do not).
  std::string htmlFile, jsonFile;
  /// Render the report saved in this JSON file instead of measuring.
  std::string fromJson;
  /// Sections left out (--skip): profile, ablation, denormals, scaling.
  std::vector<std::string> skip;
};

// kiln serve (Serve.cpp, ServeProtocol.h): everything of its is in this
// block.
/// Options of `kiln serve`.
struct ServeOptions {
  /// [NAME=]MODEL: served as NAME, by default the file name without its
  /// extension.
  std::vector<std::string> models;
  /// "jit" or "interp".
  std::string backend = "jit";
  std::string host = "127.0.0.1";
  /// 0 picks a free port (printed at start-up).
  unsigned port = 8000;
  /// Requests run at once (0: one per core), and the kernel threads of
  /// each (0: the cores divided among the workers, at least 1).
  unsigned workers = 0, threads = 0;
  /// Requests that may wait for a worker; past that the reply is 503.
  unsigned queue = 64;
  /// Larger request bodies get 413.
  uint64_t maxBodyBytes = 64ull << 20;
  /// After SIGTERM or SIGINT, how long the requests in flight may take.
  unsigned drainSeconds = 25;
  /// Compile options (threads: see `threads`).
  cpu::CpuOptions cpu;
  /// Tests only: every run waits this long in its worker slot first.
  unsigned testRunDelayMs = 0;
  /// A model with dynamic input dims on the JIT is compiled per set of
  /// input shapes; this many variants are kept per model.
  unsigned maxVariants = 8;
};
int serveCommand(const ServeOptions &options);

/// A model ready to run on one backend.
class PreparedModel {
public:
  virtual ~PreparedModel() = default;
  virtual const std::vector<TensorSpec> &inputs() const = 0;
  virtual const std::vector<TensorSpec> &outputs() const = 0;
  virtual llvm::Expected<std::vector<Tensor>>
  run(const std::vector<Tensor> &inputs) = 0;
  /// "jit (41 kernels, 2 threads, compiled)".
  virtual std::string description() const = 0;
  /// Threads a run may use.
  virtual unsigned threads() const = 0;
  /// "prepare" or "compile", and how long it took.
  virtual std::string prepareLabel() const = 0;
  virtual double prepareMs() const = 0;
  /// The JIT model behind a "jit" backend, else null.
  virtual const cpu::JitModel *jitModel() const { return nullptr; }
  /// Per input, the bound of its values as the model's indices
  /// (inputIndexBounds); empty when unknown (a library file).
  virtual std::vector<int64_t> indexBounds() const { return {}; }
  /// Runs like run() and adds a span per step and one for the whole run to
  /// \p trace; an error on a backend without per-step hooks (aot).
  virtual llvm::Expected<std::vector<Tensor>>
  runTraced(const std::vector<Tensor> &inputs, TraceRecorder &trace);
};

/// Progress lines of long stages (null: silent).
using Progress = std::function<void(const std::string &)>;

/// A kernel counter for long compiles ("kiln: compiling kernels 35/71",
/// rewritten in place on stderr and erased when the last one is done)
/// when stderr is a terminal, else null.
std::function<void(unsigned done, unsigned total)> kernelCounter();

/// Prepares \p module (modified by the JIT's graph passes) on backend
/// \p name: "interp", "jit", or "aot" (a library built into a temporary
/// folder and loaded, as `kiln compile -o libNAME.so` would build it).
llvm::Expected<std::unique_ptr<PreparedModel>>
prepareBackend(llvm::StringRef name, mlir::ModuleOp module,
               const cpu::CpuOptions &options, const Progress &progress);

/// Loads a library built by `kiln compile -o libNAME.so` (backend "aot")
/// to run on \p options.threads threads. Its shapes are fixed: \p shapes
/// (from --shape and --input) must match them.
llvm::Expected<std::unique_ptr<PreparedModel>>
prepareLibrary(const std::string &path,
               const std::map<std::string, Shape> &shapes,
               const cpu::CpuOptions &options, const Progress &progress);

/// Loads the model file \p path with \p load, imports it and prepares it on
/// \p backend as prepareBackend does (the JIT through the model cache, as
/// `kiln run`); the result owns its context and module. Nothing is
/// printed: errors are the error's lines, and warnings go to \p warnings
/// when given.
llvm::Expected<std::unique_ptr<PreparedModel>>
prepareModelFile(const std::string &path, const frontend::LoadOptions &load,
                 llvm::StringRef backend, const cpu::CpuOptions &options,
                 std::vector<std::string> *warnings = nullptr);

/// The JIT's whole-model cache (kiln/cpu/ModelCache.h) for `kiln run`.
class ModelEntryCache {
public:
  /// Looks up the entry of model file \p modelPath loaded with \p load and
  /// prepared with \p options: a ready model on a hit, null on a miss (the
  /// reason, for a rejected entry, goes to \p progress). On a hit, the
  /// warnings loading the model printed are printed again. Records where a
  /// miss's entry goes for save(). Does nothing without the cache.
  std::unique_ptr<PreparedModel> open(const std::string &modelPath,
                                      const frontend::LoadOptions &load,
                                      const cpu::CpuOptions &options,
                                      const Progress &progress);
  /// After a miss, writes the entry of \p prepared (a JIT model of
  /// \p model) with the \p warnings its preparation printed, and returns
  /// the milliseconds it took; a failure is one warning on stderr. Nothing
  /// to write (no cache, not the JIT) is 0.
  double save(PreparedModel &prepared, const frontend::LoadedModel &model,
              llvm::ArrayRef<std::string> warnings, const Progress &progress);
  /// The model's opset, after a hit.
  int64_t opset() const { return hitOpset; }

private:
  std::string path;
  int64_t hitOpset = 0;
};

/// Options of `kiln cache`.
struct CacheOptions {
  /// Empty: cpu::defaultCacheDir().
  std::string cacheDir;
  /// Remove every entry, or the least recently used ones beyond the limit,
  /// before the summary.
  bool clear = false, prune = false;
  bool json = false;
};

int runCommand(const RunOptions &options);
int cacheCommand(const CacheOptions &options);
int inspectCommand(const InspectOptions &options);
int compileCommand(const CompileOptions &options);
int conformanceCommand(const ConformanceOptions &options);
int compareCommand(const CompareOptions &options);
int explainCommand(const ExplainOptions &options);

/// A context with Kiln's dialects loaded and diagnostics printed as
/// "kiln: error: <message>" lines on stderr.
/// With \p printDiagnostics false, diagnostics are left to the caller.
std::unique_ptr<mlir::MLIRContext> makeContext(bool printDiagnostics = true);

/// The line makeContext's handler prints for \p diag: "kiln: warning:
/// model.onnx: ..." (the file when the location has one).
std::string diagnosticLine(mlir::Diagnostic &diag);

/// Collects the diagnostics of one context while it lives, printing none:
/// errors without their "kiln: error: " prefix, warnings as
/// diagnosticLine prints them.
class CollectedDiagnostics {
public:
  explicit CollectedDiagnostics(mlir::MLIRContext &ctx);
  /// The errors, one per line, or \p fallback when none was reported.
  std::string message(const std::string &fallback) const;
  std::vector<std::string> errors, warnings;

private:
  mlir::ScopedDiagnosticHandler handler;
};

/// Prints "kiln: error: <message>" and returns 1.
int reportError(const llvm::Twine &message);

/// Parses "1x3x224x224" (also "1,3,224,224"; "scalar" for rank 0).
bool parseShape(llvm::StringRef text, Shape &out);
/// Parses NAME=SHAPE options into \p out; reports and returns false on error.
bool parseShapeOptions(const std::vector<std::string> &options,
                       std::map<std::string, Shape> &out);

/// A seeded random tensor for an input: floats uniform in [-1, 1), integers
/// in [0, \p intBound), bools fair.
Tensor randomTensor(DType dtype, const Shape &shape, uint64_t seed,
                    int64_t intBound = 10);

/// Per input of \p module's @main: the smallest size among the dimensions
/// (or classes) the model addresses with the input's values used directly
/// as indices (a Gather's, a loss's labels: IndexOperandsOpInterface), so
/// that random values below it are valid; 0 when it addresses none.
std::vector<int64_t> inputIndexBounds(mlir::ModuleOp module);
/// The same from the index checks of \p plan's steps (a JIT model read
/// from a model entry has no module).
std::vector<int64_t> inputIndexBounds(const cpu::Plan &plan);

/// Reads the files of --input options \p specs (NAME=FILE.npy) into
/// \p given by name, and records each one's shape in \p load (data fills
/// the model's dynamic dims). Reports the first bad option or file and
/// returns false.
bool readInputFiles(const std::vector<std::string> &specs,
                    frontend::LoadOptions &load,
                    std::map<std::string, Tensor> &given);

/// An error naming the first of \p inputs and \p outputs that is a
/// sequence or an optional, for an interface that passes tensors only
/// (\p interface: "the C API"); success when there is none.
llvm::Error refuseContainers(const std::vector<TensorSpec> &inputs,
                             const std::vector<TensorSpec> &outputs,
                             llvm::StringRef interface);

/// The inputs of a model whose inputs are \p specs: the tensor of \p given
/// named like each; else, for an integer input whose name contains "mask"
/// (any case), ones: an attention mask's "keep every position", the only
/// values such a mask is sure to mean (random values past 1 scale the
/// masked scores, and the outputs of two backends then part by more than
/// the tolerance); else seeded random data (randomTensor, seed \p seed +
/// the input's index; integers below 10, and below the input's entry of
/// \p indexBounds when that is smaller: inputIndexBounds). \p sources, when
/// not null, gets "from file", "ones (a mask...)" or "random, seed N" for
/// each. Fails on a
/// dynamic input without data (naming its dynamic dims) and on a name of
/// \p given that is no input.
llvm::Expected<std::vector<Tensor>>
bindInputs(const std::vector<TensorSpec> &specs,
           const std::map<std::string, Tensor> &given, uint64_t seed,
           std::vector<std::string> *sources = nullptr,
           const std::vector<int64_t> &indexBounds = {});

/// When outputs differ: a sentence saying which of \p specs' integer inputs
/// were random (per \p sources, from bindInputs), since a random mask or
/// count can lie outside the values the model was made for and move float
/// outputs by more than a tolerance; empty when none was.
std::string randomIntegerInputsNote(const std::vector<TensorSpec> &specs,
                                    const std::vector<std::string> &sources);

/// Milliseconds since \p start.
double msSince(std::chrono::steady_clock::time_point start);

/// This process's resident bytes now (VmRSS), when /proc tells.
std::optional<uint64_t> residentBytes();
/// The memory the machine can give without swapping (MemAvailable of
/// /proc/meminfo), when it tells.
std::optional<uint64_t> availableMemoryBytes();

/// How much a span of work raised this process's resident memory: the peak
/// resident size during the span (VmHWM, reset when the span starts) less
/// the resident size at its start. Linux only: elsewhere, and where
/// /proc/self cannot be read or the peak reset, peakGrowth() is empty.
class ResidentGrowth {
public:
  /// Starts the span.
  ResidentGrowth();
  /// Resident bytes when the span started.
  std::optional<uint64_t> startBytes() const { return start; }
  /// Peak resident bytes since the start, above the start.
  std::optional<uint64_t> peakGrowth() const;

private:
  std::optional<uint64_t> start;
};

} // namespace kiln::tool

#endif
