//===- Session.cpp - Load, prepare, run and build models for Python -------===//
//
// The steps are `kiln run`'s (tools/kiln/Run.cpp) and `kiln compile -o`'s
// (Compile.cpp), through the same library: the JIT's whole-model cache is
// tried first (a hit skips load, import and compile), then the model is
// loaded, imported and prepared with prepareBackend; a library goes through
// prepareLibrary. What differs is where messages go: diagnostics are caught
// by a handler of this session's context, errors become SessionError and
// warnings are kept for the Python side to raise as Python warnings.
//
// The AOT build finds libkiln-rt.so at the path the build baked in
// (KILN_PYTHON_RT_LIBRARY), since the running executable is python3 and
// not a Kiln tool beside it.
//
//===----------------------------------------------------------------------===//
#include "Session.h"

#include "Common.h"

#include "kiln/cpu/Aot.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"

namespace kiln::python {

namespace {
/// Throws a SessionError with \p message.
[[noreturn]] void fail(const std::string &message, bool badArgument = false) {
  throw SessionError(message, badArgument);
}

/// Throws the message of \p error (consumed).
[[noreturn]] void fail(llvm::Error error) {
  fail(llvm::toString(std::move(error)));
}

/// Collects the diagnostics of one context while it lives: errors for the
/// exception, warnings for the caller.
class Diagnostics {
public:
  explicit Diagnostics(mlir::MLIRContext &ctx)
      : handler(&ctx, [this](mlir::Diagnostic &d) {
          std::string line = tool::diagnosticLine(d);
          if (d.getSeverity() == mlir::DiagnosticSeverity::Error) {
            llvm::StringRef text(line);
            text.consume_front("kiln: error: ");
            errors.push_back(text.str());
          } else if (d.getSeverity() == mlir::DiagnosticSeverity::Warning) {
            warnings.push_back(line);
          }
          return mlir::success();
        }) {}
  /// Throws the errors so far, or \p fallback when none was reported.
  [[noreturn]] void fail(const std::string &fallback) const {
    python::fail(errors.empty() ? fallback : llvm::join(errors, "\n"));
  }
  std::vector<std::string> errors, warnings;

private:
  mlir::ScopedDiagnosticHandler handler;
};

Port portOf(const TensorSpec &spec) {
  return Port{spec.name, spec.dtype, spec.shape, spec.ranked};
}

/// Imports \p path with \p shapes into \p ctx; fails with the diagnostics.
mlir::OwningOpRef<mlir::ModuleOp>
importModel(mlir::MLIRContext &ctx, const Diagnostics &diags,
            const std::string &path, const std::map<std::string, Shape> &shapes,
            std::unique_ptr<frontend::LoadedModel> *keep = nullptr) {
  frontend::LoadOptions load;
  load.inputShapes = shapes;
  std::unique_ptr<frontend::LoadedModel> model =
      frontend::loadModel(ctx, path, load);
  if (!model)
    diags.fail("cannot load '" + path + "'");
  mlir::OwningOpRef<mlir::ModuleOp> module = frontend::importModel(ctx, *model);
  if (!module)
    diags.fail("cannot import '" + path + "'");
  frontend::releaseInitializerData(*model); // the IR has its own copy
  if (keep)
    *keep = std::move(model);
  return module;
}

/// The options of an AOT build for \p settings.
cpu::AotOptions aotOptions(const CompileSettings &settings,
                           const std::string &model) {
  cpu::AotOptions aot;
  aot.weightsFile = settings.weightsFile;
  aot.jobs = settings.threads;
  aot.optLevel = settings.optLevel;
  aot.useCache = settings.useCache;
  aot.cacheDir = settings.cacheDir;
  aot.modelPath = model;
  aot.runtimeLibrary = KILN_PYTHON_RT_LIBRARY;
  if (const char *cc = std::getenv("CC"); cc && *cc)
    aot.cc = cc;
  return aot;
}
} // namespace

struct Session::Impl {
  std::unique_ptr<mlir::MLIRContext> ctx;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<tool::PreparedModel> prepared;
};

Session::Session() : impl(std::make_unique<Impl>()) {}
Session::~Session() = default;

std::unique_ptr<Session> Session::load(const std::string &path,
                                       const LoadSettings &settings) {
  const std::string &backend = settings.backend;
  if (backend != "jit" && backend != "interp" && backend != "aot")
    fail("unknown backend '" + backend + "': expected 'jit', 'interp' or 'aot'",
         /*badArgument=*/true);
  bool isLibrary = llvm::StringRef(path).ends_with(".so");
  if (isLibrary && backend != "aot")
    fail("'" + path + "' is a library: load it with backend='aot'",
         /*badArgument=*/true);
  if (!llvm::sys::fs::exists(path))
    fail("cannot open '" + path + "': no such file");

  std::unique_ptr<Session> session(new Session());
  Impl &impl = *session->impl;
  impl.ctx = tool::makeContext(/*printDiagnostics=*/false);
  Diagnostics diags(*impl.ctx);
  cpu::CpuOptions cpu;
  cpu.threads = settings.threads;
  cpu.useCache = settings.useCache;
  cpu.cacheDir = settings.cacheDir;

  if (isLibrary) {
    auto lib = tool::prepareLibrary(path, settings.shapes, cpu, nullptr);
    if (!lib)
      fail(lib.takeError());
    impl.prepared = std::move(*lib);
  } else if (backend == "aot") {
    // Built into a temporary folder and loaded, as `kiln run
    // --backend=aot` does; the folder goes, the loaded library stays.
    llvm::SmallString<128> dir;
    if (std::error_code ec =
            llvm::sys::fs::createUniqueDirectory("kiln-python-aot", dir))
      fail("cannot create a temporary folder: " + ec.message());
    auto removeDir =
        llvm::make_scope_exit([&] { llvm::sys::fs::remove_directories(dir); });
    CompileSettings build;
    build.shapes = settings.shapes;
    build.threads = settings.threads;
    build.cacheDir = settings.cacheDir;
    build.useCache = settings.useCache;
    std::string library = (dir + "/libmodel.so").str();
    compileLibrary(path, library, build);
    auto lib = tool::prepareLibrary(library, {}, cpu, nullptr);
    if (!lib)
      fail(lib.takeError());
    impl.prepared = std::move(*lib);
  } else {
    frontend::LoadOptions load;
    load.inputShapes = settings.shapes;
    tool::ModelEntryCache entries;
    if (backend == "jit")
      impl.prepared = entries.open(path, load, cpu, nullptr);
    if (!impl.prepared) {
      std::unique_ptr<frontend::LoadedModel> model;
      impl.module =
          importModel(*impl.ctx, diags, path, settings.shapes, &model);
      auto prepared = tool::prepareBackend(backend, *impl.module, cpu, nullptr);
      if (!prepared)
        fail(prepared.takeError());
      impl.prepared = std::move(*prepared);
      if (backend == "jit")
        entries.save(*impl.prepared, *model, diags.warnings, nullptr);
    }
  }
  if (backend == "interp")
    session->serial = std::make_unique<std::mutex>();
  for (const TensorSpec &spec : impl.prepared->inputs())
    session->inputPorts.push_back(portOf(spec));
  for (const TensorSpec &spec : impl.prepared->outputs())
    session->outputPorts.push_back(portOf(spec));
  session->warningLines = diags.warnings;
  return session;
}

std::string Session::description() const {
  return impl->prepared->description();
}

void checkInput(const Port &port, const Tensor &t) {
  if (t.dtype() != port.dtype)
    fail("input '" + port.name + "' expects " +
             std::string(dtypeName(port.dtype)) + " but got " +
             std::string(dtypeName(t.dtype())),
         /*badArgument=*/true);
  if (!port.ranked)
    return;
  Shape expected(port.shape.begin(), port.shape.end());
  bool fits = t.shape().size() == expected.size();
  for (size_t d = 0; fits && d < expected.size(); ++d)
    fits = expected[d] < 0 || expected[d] == t.shape()[d];
  if (!fits)
    fail("input '" + port.name + "' expects shape " + formatShape(expected) +
             " but got " + formatShape(t.shape()),
         /*badArgument=*/true);
}

std::vector<Tensor> Session::run(const std::vector<Tensor> &inputs) {
  if (inputs.size() != inputPorts.size())
    fail("the model has " + std::to_string(inputPorts.size()) +
             " inputs but got " + std::to_string(inputs.size()),
         /*badArgument=*/true);
  for (size_t i = 0; i < inputs.size(); ++i)
    checkInput(inputPorts[i], inputs[i]);
  std::unique_lock<std::mutex> lock;
  if (serial)
    lock = std::unique_lock<std::mutex>(*serial);
  auto outputs = impl->prepared->run(inputs);
  if (!outputs)
    fail(outputs.takeError());
  return std::move(*outputs);
}

CompileReport compileLibrary(const std::string &model,
                             const std::string &output,
                             const CompileSettings &settings) {
  if (!llvm::StringRef(output).ends_with(".so"))
    fail("output '" + output + "' must name a library DIR/libNAME.so",
         /*badArgument=*/true);
  if (!llvm::sys::fs::exists(model))
    fail("cannot open '" + model + "': no such file");
  auto ctx = tool::makeContext(/*printDiagnostics=*/false);
  Diagnostics diags(*ctx);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      importModel(*ctx, diags, model, settings.shapes);
  auto result =
      cpu::compileLibrary(*module, output, aotOptions(settings, model));
  if (!result)
    fail(result.takeError());
  // files: [weights], [driver source], [libkiln-rt.so], header, library.
  CompileReport report;
  const std::vector<std::string> &files = result->files;
  report.library = files.back();
  report.header = files[files.size() - 2];
  if (result->referenceSteps)
    report.runtime = files[files.size() - 3];
  if (settings.weightsFile)
    report.weights = files.front();
  report.prefix = result->prefix;
  report.kernels = result->kernels;
  report.referenceSteps = result->referenceSteps;
  report.weightBytes = result->weightBytes;
  report.scratchBytes = result->scratchBytes;
  return report;
}

} // namespace kiln::python
