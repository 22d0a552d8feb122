//===- Aot.h - Ahead-of-time compilation to a shared library ----*- C++ -*-===//
//
// `kiln compile MODEL -o DIR/libNAME.so` turns a plan into a self-contained
// shared library plus a plain C header DIR/NAME.h. The library holds the
// compiled kernels, the weights (embedded, or loaded from DIR/NAME.weights by
// an init function) and a generated C driver that runs the plan as
// straight-line calls. The driver allocates nothing: intermediates live in a
// scratch arena the caller provides, at offsets from a liveness-based memory
// plan. Threads are the caller's, via an optional parallel-for callback.
//
// A fully compiled plan's library needs only libc and libm. A plan with
// reference steps (ops no lowering handles: f16 and 8-bit types, recurrent
// and detection ops...) runs each of them through Kiln's runtime library:
// the driver calls kiln_rt_eval (kiln/runtime/kiln_rt.h) with the step's
// static shapes and its attributes serialized at compile time, the library
// links libkiln-rt.so, and a copy of it is written beside the library (found
// at load time through the rpath $ORIGIN), so DIR stays self-contained.
// Values whose shape depends on the data (NonZero, Unique, shape operands
// that are graph inputs...) only ever meet reference steps: the runtime
// allocates them with malloc and returns their dims, the driver frees them
// after their last use, and a model output of such a shape is handed to the
// caller through a kiln_dynamic_output (see the generated header).
//
// The same file loads such a library back (AotLibrary) for `kiln run
// --backend=aot`, reading the model's description from the library itself.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_AOT_H
#define KILN_CPU_AOT_H

#include "kiln/cpu/Arena.h"
#include "kiln/cpu/Plan.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kiln::cpu {

/// Options of an AOT build.
struct AotOptions {
  /// Write the weights to DIR/NAME.weights, loaded by NAME_init(path),
  /// instead of embedding them in the library.
  bool weightsFile = false;
  /// Compiling threads (0: one per core).
  unsigned jobs = 0;
  /// The -O level, as CpuOptions::optLevel.
  unsigned optLevel = 2;
  /// Called as kernels finish compiling, with the number done and total.
  std::function<void(unsigned done, unsigned total)> onProgress;
  /// Use the on-disk kernel cache (the JIT's); empty dir means the default.
  bool useCache = true;
  std::string cacheDir;
  /// The C compiler driver used for the driver and the final link.
  std::string cc = "cc";
  /// Model file the library comes from, named in the header comment.
  std::string modelPath;
  /// Called after each stage with its name and milliseconds.
  std::function<void(llvm::StringRef stage, double ms)> onStage;
  /// libkiln-rt.so, copied beside a library whose plan has reference steps;
  /// empty: found beside the running executable (findRuntimeLibrary).
  std::string runtimeLibrary;
  /// Passes of the optimization pipeline to leave out, by name.
  std::vector<std::string> disabledPasses;
  /// Tests only: as CpuOptions::testSplitBatchCacheBytes.
  int64_t testSplitBatchCacheBytes = 0;
  /// Also keep the generated C driver as DIR/NAME.c, for reading and for
  /// the codegen goldens; it does not build on its own (its `.incbin` names
  /// the build's temporary folder).
  bool keepSource = false;
};

/// What an AOT build wrote, for the report.
struct AotResult {
  /// The files written, the library last and its header before it: the
  /// weights file (with weightsFile) first, then the C driver (with
  /// keepSource), then libkiln-rt.so (with reference steps).
  std::vector<std::string> files;
  /// The C prefix of the API (`resnet_small` for libresnet-small.so).
  std::string prefix;
  unsigned kernels = 0;
  /// Steps run through libkiln-rt.so (which is then beside the library):
  /// reference steps (those inside regions included) and control-flow
  /// steps (If, Loop, Scan).
  unsigned referenceSteps = 0;
  unsigned controlFlowSteps = 0;
  uint64_t weightBytes = 0;
  /// Scratch arena size, and what the intermediates would take unshared.
  uint64_t scratchBytes = 0;
  uint64_t unsharedScratchBytes = 0;
};

/// Assigns scratch-arena offsets to the intermediates of \p plan, indexed by
/// slot (-1 for inputs, outputs, constants, dynamic slots and slots no step
/// touches): a slot lives from the first step that touches it to the last.
ArenaLayout planScratch(const Plan &plan);

/// The NAME of a library path: "dir/libresnet-small.so" -> "resnet-small"
/// (the file name without ".so" and a leading "lib").
std::string libraryBaseName(llvm::StringRef path);
/// NAME as a C identifier: each run of characters other than ASCII letters
/// and digits becomes one '_', with none left at either end, and "model_"
/// goes in front of a leading digit: "resnet-small" -> "resnet_small",
/// "-my.model" -> "my_model", "2x" -> "model_2x".
std::string cPrefixFor(llvm::StringRef name);
/// The stem of the header, weights and driver file names of library NAME:
/// NAME without leading characters other than letters, digits and '_',
/// every character but those, '-' and '.' turned into '_':
/// "resnet-small" -> "resnet-small", "-my.model" -> "my.model".
std::string libraryFileStem(llvm::StringRef name);
/// Checks that a library may be built at \p path: it ends in ".so"; its
/// NAME has a letter or digit; its C prefix is not Kiln's own ("kiln",
/// "kiln_..."); and its file name is not Kiln's own library nor that of a
/// system library a program or linker would find instead (libm.so,
/// libc.so, libpthread.so...: a fixed list of the C and C++ runtimes, and
/// any libNAME.so or libNAME.so.N in the dynamic linker's folders).
llvm::Error checkLibraryPath(llvm::StringRef path);

/// libkiln-rt.so beside the running executable or in ../lib from it, or an
/// error naming the places searched.
llvm::Expected<std::string> findRuntimeLibrary();

/// Builds the library \p libraryPath from \p graph (a kiln module; the graph
/// passes run on it here). Fails, writing nothing, on a dynamic model input
/// (give --shape), a value of unknown rank (the error names the op),
/// control flow (If, Loop, Scan), or when a plan with reference steps finds
/// no libkiln-rt.so. All files are
/// written under temporary names and renamed into place at the end.
llvm::Expected<AotResult> compileLibrary(mlir::ModuleOp graph,
                                         const std::string &libraryPath,
                                         const AotOptions &options);

/// A library built by compileLibrary, loaded with dlopen.
class AotLibrary {
public:
  /// Loads \p path, finds its API from the file name (or, when the file was
  /// renamed, from its one exported `*_describe` symbol), checks the ABI
  /// version and, for a library with a weights file, calls its init with
  /// the .weights file next to it. \p threads = 1 runs single-threaded;
  /// otherwise the library gets a oneTBB parallel-for (0: all cores).
  static llvm::Expected<std::unique_ptr<AotLibrary>>
  load(const std::string &path, unsigned threads);
  ~AotLibrary();

  const std::vector<TensorSpec> &inputs() const { return inputSpecs; }
  const std::vector<TensorSpec> &outputs() const { return outputSpecs; }
  /// Runs the model on \p inputs, checked against inputs() first.
  /// Thread-safe: concurrent runs get separate scratch arenas.
  llvm::Expected<std::vector<Tensor>> run(const std::vector<Tensor> &inputs);

  const std::string &prefix() const { return apiPrefix; }
  unsigned kernels() const { return numKernels; }
  uint64_t scratchBytes() const { return scratchSize; }
  bool hasWeightsFile() const { return weightsFile; }
  unsigned threads() const;

private:
  AotLibrary() = default;
  struct Impl;
  std::unique_ptr<Impl> impl;
  std::vector<TensorSpec> inputSpecs, outputSpecs;
  std::string apiPrefix;
  unsigned numKernels = 0;
  bool weightsFile = false;
  uint64_t scratchSize = 0;
};

} // namespace kiln::cpu

#endif // KILN_CPU_AOT_H
