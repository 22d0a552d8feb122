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
// A model with dynamic input dims (`batch`, `seq`) on the JIT or AOT is
// prepared once per set of input shapes it runs with, the variants kept in
// a tool::ShapeVariants (an LRU of LoadSettings::maxVariants); loading it
// only imports it to learn its inputs and outputs.
//
// The AOT build finds libkiln-rt.so at the path the build baked in
// (KILN_PYTHON_RT_LIBRARY), since the running executable is python3 and
// not a Kiln tool beside it.
//
//===----------------------------------------------------------------------===//
#include "Session.h"

#include "Common.h"
#include "ShapeVariants.h"

#include "kiln/cpu/Aot.h"
#include "kiln/interpreter/Signature.h"

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
class Diagnostics : public tool::CollectedDiagnostics {
public:
  using CollectedDiagnostics::CollectedDiagnostics;
  /// Throws the errors so far, or \p fallback when none was reported.
  [[noreturn]] void fail(const std::string &fallback) const {
    python::fail(message(fallback));
  }
};

Port portOf(const TensorSpec &spec) {
  return Port{spec.name, spec.dtype, spec.shape, spec.ranked};
}

/// How the loader's messages name load()'s and compile()'s shapes.
const std::string kShapeOption = "shapes";

/// Imports \p path with \p shapes into \p ctx; fails with the diagnostics.
mlir::OwningOpRef<mlir::ModuleOp>
importModel(mlir::MLIRContext &ctx, const Diagnostics &diags,
            const std::string &path, const std::map<std::string, Shape> &shapes,
            std::unique_ptr<frontend::LoadedModel> *keep = nullptr) {
  frontend::LoadOptions load;
  load.inputShapes = shapes;
  load.shapeOption = kShapeOption;
  std::unique_ptr<frontend::LoadedModel> model =
      frontend::loadModel(ctx, path, load);
  if (!model) {
    // shapes= naming an input the model lacks, or of another rank, is the
    // caller's bad argument (ValueError).
    std::string message = diags.message("cannot load '" + path + "'");
    python::fail(message,
                 llvm::StringRef(message).contains(": " + kShapeOption + " "));
  }
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
  /// The model, or null when it runs on variants.
  std::unique_ptr<tool::PreparedModel> prepared;
  std::unique_ptr<tool::ShapeVariants> variants;
  std::string backend;
};

namespace {
/// Builds \p path for \p shapes into a library in a temporary folder and
/// loads it, as `kiln run --backend=aot` does; the folder goes, the loaded
/// library stays. \p imported, when given, is the model already imported
/// with those shapes (the build changes it). Throws SessionError.
std::unique_ptr<tool::PreparedModel>
buildLibrary(const std::string &path,
             const std::map<std::string, Shape> &shapes,
             const LoadSettings &settings, const cpu::CpuOptions &cpu,
             mlir::ModuleOp imported = nullptr) {
  llvm::SmallString<128> dir;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("kiln-python-aot", dir))
    fail("cannot create a temporary folder: " + ec.message());
  auto removeDir =
      llvm::make_scope_exit([&] { llvm::sys::fs::remove_directories(dir); });
  CompileSettings build;
  build.shapes = shapes;
  build.threads = settings.threads;
  build.cacheDir = settings.cacheDir;
  build.useCache = settings.useCache;
  std::string library = (dir + "/libmodel.so").str();
  if (imported) {
    auto built =
        cpu::compileLibrary(imported, library, aotOptions(build, path));
    if (!built)
      fail(built.takeError());
  } else {
    compileLibrary(path, library, build);
  }
  auto lib = tool::prepareLibrary(library, {}, cpu, nullptr);
  if (!lib)
    fail(lib.takeError());
  return std::move(*lib);
}
} // namespace

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
  std::optional<Diagnostics> diagnostics;
  diagnostics.emplace(*impl.ctx);
  Diagnostics &diags = *diagnostics;
  cpu::CpuOptions cpu;
  cpu.threads = settings.threads;
  cpu.useCache = settings.useCache;
  cpu.cacheDir = settings.cacheDir;

  if (isLibrary) {
    auto lib = tool::prepareLibrary(path, settings.shapes, cpu, nullptr);
    if (!lib)
      fail(lib.takeError());
    impl.prepared = std::move(*lib);
  } else {
    frontend::LoadOptions load;
    load.inputShapes = settings.shapes;
    load.shapeOption = kShapeOption;
    tool::ModelEntryCache entries;
    if (backend == "jit")
      impl.prepared = entries.open(path, load, cpu, nullptr);
    std::unique_ptr<frontend::LoadedModel> model;
    std::vector<TensorSpec> inputs, outputs;
    if (impl.prepared) {
      inputs = impl.prepared->inputs();
      outputs = impl.prepared->outputs();
    } else {
      impl.module =
          importModel(*impl.ctx, diags, path, settings.shapes, &model);
      signatureOf(*impl.module, inputs, outputs);
    }
    if (llvm::Error e =
            tool::refuseContainers(inputs, outputs, "the Python module"))
      fail(std::move(e));
    if (backend != "interp" &&
        llvm::any_of(inputs, [](auto &in) { return !in.isStatic(); })) {
      // Compiled per set of input shapes: the signature is all it needs
      // now (a model entry of the dynamic graph, which `kiln run` or the C
      // API may have written, is not run either).
      impl.prepared = nullptr;
      impl.module = nullptr;
      for (const TensorSpec &spec : inputs)
        session->inputPorts.push_back(portOf(spec));
      for (const TensorSpec &spec : outputs)
        session->outputPorts.push_back(portOf(spec));
      auto prepare = [path, backend, settings,
                      cpu](const std::map<std::string, Shape> &shapes)
          -> llvm::Expected<std::unique_ptr<tool::PreparedModel>> {
        std::map<std::string, Shape> all = settings.shapes;
        for (const auto &[name, shape] : shapes)
          all[name] = shape;
        if (backend == "jit") {
          frontend::LoadOptions load;
          load.inputShapes = all;
          load.shapeOption = kShapeOption;
          return tool::prepareModelFile(path, load, "jit", cpu);
        }
        try {
          return buildLibrary(path, all, settings, cpu);
        } catch (const SessionError &e) {
          return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                         e.what());
        }
      };
      impl.variants = std::make_unique<tool::ShapeVariants>(
          inputs, prepare, settings.maxVariants);
    } else if (!impl.prepared && backend == "aot") {
      impl.prepared =
          buildLibrary(path, settings.shapes, settings, cpu, *impl.module);
      impl.module = nullptr;
    } else if (!impl.prepared) {
      auto prepared = tool::prepareBackend(backend, *impl.module, cpu, nullptr);
      if (!prepared)
        fail(prepared.takeError());
      impl.prepared = std::move(*prepared);
      if (backend == "jit")
        entries.save(*impl.prepared, *model, diags.warnings, nullptr);
    }
  }
  impl.backend = backend;
  if (backend == "interp")
    session->serial = std::make_unique<std::mutex>();
  if (impl.prepared) {
    for (const TensorSpec &spec : impl.prepared->inputs())
      session->inputPorts.push_back(portOf(spec));
    for (const TensorSpec &spec : impl.prepared->outputs())
      session->outputPorts.push_back(portOf(spec));
  }
  session->warningLines = diags.warnings;
  if (impl.variants) {
    // The variants have contexts of their own: the weights this one holds
    // are not needed.
    diagnostics.reset();
    impl.ctx.reset();
  }
  return session;
}

std::string Session::description() const {
  if (impl->prepared)
    return impl->prepared->description();
  return impl->backend + " (a variant per set of input shapes, " +
         std::to_string(impl->variants->size()) + " of at most " +
         std::to_string(impl->variants->capacity()) + " kept)";
}

std::optional<VariantInfo> Session::variants() const {
  if (!impl->variants)
    return std::nullopt;
  VariantInfo info;
  info.kept = impl->variants->keys();
  info.capacity = static_cast<unsigned>(impl->variants->capacity());
  tool::ShapeVariants::Counts counts = impl->variants->counts();
  info.hits = counts.hits;
  info.prepared = counts.prepared;
  info.failed = counts.failed;
  info.evicted = counts.evicted;
  return info;
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
  if (!fits) {
    std::string which;
    for (size_t d = 0;
         t.shape().size() == expected.size() && d < expected.size(); ++d)
      if (expected[d] >= 0 && expected[d] != t.shape()[d])
        which += (which.empty() ? "dimension " : ", ") + std::to_string(d);
    std::string dims;
    for (int64_t d : t.shape())
      dims += (dims.empty() ? "" : ", ") + std::to_string(d);
    fail("input '" + port.name + "' expects shape " + formatShape(expected) +
             " but got " + formatShape(t.shape()) +
             (which.empty() ? std::string(" (another rank)")
                            : " (" + which + ")") +
             "; to run the model at that shape, load it with shapes={'" +
             port.name + "': (" + dims + (t.shape().size() == 1 ? "," : "") +
             ")}",
         /*badArgument=*/true);
  }
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
  std::shared_ptr<tool::PreparedModel> variant;
  if (impl->variants) {
    auto found = impl->variants->get(inputs);
    if (!found)
      fail(found.takeError());
    variant = std::move(*found);
  }
  auto outputs = (variant ? *variant : *impl->prepared).run(inputs);
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
  if (result->referenceSteps || result->controlFlowSteps)
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
