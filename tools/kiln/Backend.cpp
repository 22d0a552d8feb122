//===- Backend.cpp - Interpreter, JIT and AOT behind one interface --------===//
#include "Common.h"
#include "TextFormat.h"

#include "kiln/cpu/Aot.h"
#include "kiln/cpu/ModelCache.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <mutex>

#include <thread>

namespace kiln::tool {

/// "1x64x56x56 f32, 1x10 f32".
static std::string describeTensors(const std::vector<Tensor> &tensors) {
  std::string s;
  for (const Tensor &t : tensors)
    s += (s.empty() ? "" : ", ") + formatShape(t.shape()) + " " +
         std::string(dtypeName(t.dtype()));
  return s;
}

/// Bytes of a static tensor type, else 0.
static uint64_t staticBytes(mlir::Type type) {
  auto t = llvm::dyn_cast<mlir::RankedTensorType>(type);
  if (!t || !t.hasStaticShape())
    return 0;
  TensorSpec spec = specFromType(t, "");
  return static_cast<uint64_t>(t.getNumElements()) * dtypeSize(spec.dtype);
}

/// A stage callback that reports "  STAGE: 12.3 ms" through \p progress.
static std::function<void(llvm::StringRef, double)>
stageLines(Progress progress) {
  return [progress](llvm::StringRef stage, double ms) {
    progress(llvm::formatv("  {0}: {1:f1} ms", stage, ms).str());
  };
}

/// A stage callback that calls \p first (when set), then \p second.
static std::function<void(llvm::StringRef, double)>
alsoTo(std::function<void(llvm::StringRef, double)> first,
       std::function<void(llvm::StringRef, double)> second) {
  if (!first)
    return second;
  return [first, second](llvm::StringRef stage, double ms) {
    first(stage, ms);
    second(stage, ms);
  };
}

llvm::Expected<std::vector<Tensor>>
PreparedModel::runTraced(const std::vector<Tensor> &, TraceRecorder &) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "--trace needs a backend that runs step by "
                                 "step: jit or interp, not " +
                                     description());
}

namespace {
class InterpModel : public PreparedModel {
public:
  InterpModel(std::unique_ptr<Interpreter> interp, double ms,
              std::vector<int64_t> bounds)
      : interp(std::move(interp)), ms(ms), bounds(std::move(bounds)) {}
  const std::vector<TensorSpec> &inputs() const override {
    return interp->inputs();
  }
  const std::vector<TensorSpec> &outputs() const override {
    return interp->outputs();
  }
  llvm::Expected<std::vector<Tensor>>
  run(const std::vector<Tensor> &inputs) override {
    return interp->run(inputs);
  }
  llvm::Expected<std::vector<Tensor>>
  runTraced(const std::vector<Tensor> &inputs, TraceRecorder &trace) override {
    return interp->run(inputs, [&](mlir::Operation *op,
                                   const std::vector<Tensor> &results,
                                   double ms) {
      double endUs = trace.nowUs();
      TraceEvent e;
      e.name = cpu::describeOp(op);
      e.category = "op";
      e.durationUs = ms * 1000;
      e.startUs = endUs - e.durationUs;
      uint64_t bytes = 0;
      for (mlir::Type t : op->getOperandTypes())
        bytes += staticBytes(t);
      for (const Tensor &r : results)
        bytes += r.byteSize();
      e.text.emplace_back("results", describeTensors(results));
      e.numbers.emplace_back("bytes", static_cast<double>(bytes));
      trace.add(std::move(e));
    });
  }
  std::string description() const override { return "interpreter"; }
  unsigned threads() const override { return 1; }
  std::string prepareLabel() const override { return "prepare"; }
  double prepareMs() const override { return ms; }
  std::vector<int64_t> indexBounds() const override { return bounds; }

private:
  std::unique_ptr<Interpreter> interp;
  double ms;
  std::vector<int64_t> bounds;
};

class JitPrepared : public PreparedModel {
public:
  JitPrepared(std::unique_ptr<cpu::JitModel> jit, double ms, unsigned threads)
      : jit(std::move(jit)), ms(ms), threadCount(threads) {}
  const std::vector<TensorSpec> &inputs() const override {
    return jit->inputs();
  }
  std::vector<int64_t> indexBounds() const override {
    return inputIndexBounds(jit->getPlan());
  }
  const std::vector<TensorSpec> &outputs() const override {
    return jit->outputs();
  }
  llvm::Expected<std::vector<Tensor>>
  run(const std::vector<Tensor> &inputs) override {
    return jit->run(inputs);
  }
  std::string description() const override {
    const cpu::CompileStats &s = jit->stats();
    std::string d = "jit (" + std::to_string(s.compiledSteps) + " kernels";
    if (s.distinctKernels < s.compiledSteps)
      d += ", " + std::to_string(s.distinctKernels) + " distinct";
    if (s.referenceSteps)
      d += ", " + std::to_string(s.referenceSteps) + " reference steps";
    d += ", " + std::to_string(threadCount) + " thread" +
         (threadCount == 1 ? "" : "s");
    if (jit->getExecutor().flushesDenormals())
      d += ", subnormals flushed to zero";
    if (size_t rounds = jit->getExecutor().sideBySideRounds())
      d += ", " + sideBySideText(rounds);
    if (s.modelEntryHit)
      d += ", from the model cache";
    else if (s.compiledSteps)
      d += ", " + s.kernelsFrom();
    const cpu::Executor &e = jit->getExecutor();
    if (e.unsharedBytes())
      d += llvm::formatv(", intermediates {0:f1} MiB, {1:f1} MiB unshared",
                         e.arenaBytes() / 1048576.0,
                         e.unsharedBytes() / 1048576.0)
               .str();
    return d + ")";
  }
  llvm::Expected<std::vector<Tensor>>
  runTraced(const std::vector<Tensor> &inputs, TraceRecorder &trace) override {
    const cpu::Plan &plan = jit->getPlan();
    const cpu::Executor &executor = jit->getExecutor();
    // Where each step's first chunk started in this run. A step's span is
    // dated from the observer's clock reading, which comes a call after the
    // step ended, and that call's prologue alone took ~40 us under ASan
    // (detect_stack_use_after_return): "now minus the step's time" then
    // started the step after its first chunks had ended. The span starts
    // at the earlier of the two, so it holds its chunks.
    std::mutex firstChunkMutex;
    std::vector<double> firstChunkUs(plan.steps.size(),
                                     std::numeric_limits<double>::infinity());
    auto observe = [&](const cpu::PlanStep &step,
                       const std::vector<Tensor> &results, double ms) {
      // The step ended about now: read the clock before anything else.
      double endUs = trace.nowUs();
      size_t index = &step - plan.steps.data();
      TraceEvent e;
      e.name = step.label;
      e.category =
          executor.isElided(index) ? "in place" : cpu::kindName(step.kind);
      {
        // Its chunks are done (the loop returned before this call).
        std::lock_guard<std::mutex> lock(firstChunkMutex);
        e.startUs = std::min(endUs - ms * 1000, firstChunkUs[index]);
      }
      e.durationUs = endUs - e.startUs;
      // Bytes read and written (static shapes, from the plan); a reference
      // step's outputs of run-time shape are added as they come.
      double bytes = static_cast<double>(step.bytes);
      if (step.kind == cpu::PlanStep::Kind::Reference)
        for (auto [i, r] : llvm::enumerate(results))
          if (i < step.outputs.size() && !plan.slots[step.outputs[i]].isStatic)
            bytes += static_cast<double>(r.byteSize());
      e.text.emplace_back("results", describeTensors(results));
      if (!step.nodes.empty())
        e.text.emplace_back("nodes", llvm::join(step.nodes, ", "));
      if (step.kind == cpu::PlanStep::Kind::Reference && !step.reason.empty())
        e.text.emplace_back("not compiled", step.reason);
      e.numbers.emplace_back("bytes", bytes);
      e.numbers.emplace_back("flops", step.flops);
      if (ms > 0) {
        e.numbers.emplace_back("gflop_per_s", step.flops / (ms * 1e6));
        e.numbers.emplace_back("gb_per_s", bytes / (ms * 1e6));
      }
      if (step.kind == cpu::PlanStep::Kind::Compiled)
        e.numbers.emplace_back("work_items",
                               static_cast<double>(step.workItems));
      trace.add(std::move(e));
    };
    // A span per chunk of work items, on the thread that ran it (inside
    // its step's span when that is the calling thread).
    std::thread::id caller = std::this_thread::get_id();
    auto chunk = [&](const cpu::PlanStep &step, int64_t begin, int64_t end,
                     double ms) {
      double endUs = trace.nowUs();
      thread_local const TraceRecorder *named = nullptr;
      if (named != &trace && std::this_thread::get_id() != caller) {
        trace.nameThread("kiln worker");
        named = &trace;
      }
      TraceEvent e;
      e.name = step.label;
      e.category = "work items";
      e.durationUs = ms * 1000;
      e.startUs = endUs - e.durationUs;
      size_t index = &step - plan.steps.data();
      {
        std::lock_guard<std::mutex> lock(firstChunkMutex);
        firstChunkUs[index] = std::min(firstChunkUs[index], e.startUs);
      }
      e.text.emplace_back("items", std::to_string(begin) + "-" +
                                       std::to_string(end) + " of " +
                                       std::to_string(step.workItems));
      e.numbers.emplace_back("step", static_cast<double>(index));
      trace.add(std::move(e));
    };
    return jit->run(inputs, observe, chunk);
  }
  unsigned threads() const override { return threadCount; }
  std::string prepareLabel() const override {
    return jit->stats().modelEntryHit ? "cached model" : "compile";
  }
  double prepareMs() const override { return ms; }
  const cpu::JitModel *jitModel() const override { return jit.get(); }

private:
  std::unique_ptr<cpu::JitModel> jit;
  double ms;
  unsigned threadCount;
};

class AotPrepared : public PreparedModel {
public:
  /// \p bounds: inputIndexBounds of the model it was built from, when
  /// known.
  AotPrepared(std::unique_ptr<cpu::AotLibrary> lib, std::string file,
              std::string label, double ms, std::vector<int64_t> bounds = {})
      : lib(std::move(lib)), file(std::move(file)), label(std::move(label)),
        ms(ms), bounds(std::move(bounds)) {}
  const std::vector<TensorSpec> &inputs() const override {
    return lib->inputs();
  }
  const std::vector<TensorSpec> &outputs() const override {
    return lib->outputs();
  }
  llvm::Expected<std::vector<Tensor>>
  run(const std::vector<Tensor> &inputs) override {
    return lib->run(inputs);
  }
  std::string description() const override {
    unsigned threads = lib->threads();
    std::string d;
    llvm::raw_string_ostream os(d);
    os << "aot (" << file << ", " << lib->kernels()
       << (lib->kernels() == 1 ? " kernel" : " kernels") << ", scratch "
       << llvm::format("%.1f", lib->scratchBytes() / 1024.0) << " KiB, "
       << (lib->hasWeightsFile() ? "weights file" : "weights embedded") << ", "
       << threads << " thread" << (threads == 1 ? "" : "s") << ")";
    return d;
  }
  unsigned threads() const override { return lib->threads(); }
  std::string prepareLabel() const override { return label; }
  double prepareMs() const override { return ms; }
  std::vector<int64_t> indexBounds() const override { return bounds; }

private:
  std::unique_ptr<cpu::AotLibrary> lib;
  std::string file, label;
  double ms;
  std::vector<int64_t> bounds;
};
} // namespace

llvm::Expected<std::unique_ptr<PreparedModel>>
prepareLibrary(const std::string &path,
               const std::map<std::string, Shape> &shapes,
               const cpu::CpuOptions &options, const Progress &progress) {
  auto start = std::chrono::steady_clock::now();
  if (progress)
    progress("loading library " + path);
  auto lib = cpu::AotLibrary::load(path, options.threads);
  if (!lib)
    return lib.takeError();
  for (const auto &[name, shape] : shapes) {
    auto it = llvm::find_if((*lib)->inputs(), [&, &name = name](auto &spec) {
      return spec.name == name;
    });
    if (it == (*lib)->inputs().end())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "'" + name +
                                         "' is not an input of the library");
    if (!std::equal(shape.begin(), shape.end(), it->shape.begin(),
                    it->shape.end()))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "input '" + name + "' has shape " + formatShape(shape) +
              " but the library was built for " +
              formatShape(Shape(it->shape.begin(), it->shape.end())) +
              " (rebuild it with kiln compile --shape)");
  }
  return std::make_unique<AotPrepared>(std::move(*lib),
                                       llvm::sys::path::filename(path).str(),
                                       "load", msSince(start));
}

namespace {
/// Builds \p module into a library in a fresh temporary folder, loads it and
/// removes the folder (the loaded library stays mapped).
llvm::Expected<std::unique_ptr<PreparedModel>>
prepareAotFromModule(mlir::ModuleOp module, const cpu::CpuOptions &options,
                     const Progress &progress) {
  auto start = std::chrono::steady_clock::now();
  llvm::SmallString<128> dir;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("kiln-aot", dir))
    return llvm::createStringError(ec, "cannot create a temporary folder: " +
                                           ec.message());
  std::string path = (dir + "/libmodel.so").str();
  cpu::AotOptions aot;
  aot.jobs = options.threads;
  aot.optLevel = options.optLevel;
  aot.onProgress = options.onProgress;
  aot.useCache = options.useCache;
  aot.cacheDir = options.cacheDir;
  aot.disabledPasses = options.disabledPasses;
  aot.testSplitBatchCacheBytes = options.testSplitBatchCacheBytes;
  if (const char *cc = std::getenv("CC"); cc && *cc)
    aot.cc = cc;
  aot.onStage = options.onStage;
  if (progress)
    aot.onStage = alsoTo(options.onStage, stageLines(progress));
  std::vector<int64_t> bounds = inputIndexBounds(module);
  auto built = cpu::compileLibrary(module, path, aot);
  llvm::Expected<std::unique_ptr<cpu::AotLibrary>> lib =
      built
          ? cpu::AotLibrary::load(path, options.threads)
          : llvm::Expected<std::unique_ptr<cpu::AotLibrary>>(built.takeError());
  (void)llvm::sys::fs::remove_directories(dir);
  if (!lib)
    return lib.takeError();
  return std::make_unique<AotPrepared>(std::move(*lib), "built in-process",
                                       "build", msSince(start),
                                       std::move(bounds));
}
} // namespace

llvm::Expected<std::unique_ptr<PreparedModel>>
prepareBackend(llvm::StringRef name, mlir::ModuleOp module,
               const cpu::CpuOptions &options, const Progress &progress) {
  auto start = std::chrono::steady_clock::now();
  if (name == "interp") {
    if (progress)
      progress("preparing the interpreter");
    auto interp = Interpreter::create(module);
    if (!interp)
      return interp.takeError();
    return std::make_unique<InterpModel>(std::move(*interp), msSince(start),
                                         inputIndexBounds(module));
  }
  if (name == "aot")
    return prepareAotFromModule(module, options, progress);
  cpu::CpuOptions opts = options;
  if (progress) {
    progress("compiling for " + cpu::hostTarget().describe());
    opts.onStage = alsoTo(options.onStage, stageLines(progress));
  }
  auto jit = cpu::JitModel::create(module, opts);
  if (!jit)
    return jit.takeError();
  unsigned threads = options.threads
                         ? options.threads
                         : std::max(1u, std::thread::hardware_concurrency());
  return std::make_unique<JitPrepared>(std::move(*jit), msSince(start),
                                       threads);
}

/// The part of a model entry's key that is not the model file: what shapes
/// the plan besides it.
static std::string entryRecipe(const frontend::LoadOptions &load,
                               const cpu::CpuOptions &options) {
  std::string recipe;
  llvm::raw_string_ostream os(recipe);
  for (const auto &[name, shape] : load.inputShapes)
    os << "shape " << name << "=" << formatShape(shape) << "\n";
  for (const auto &[name, shape] : load.dataShapes)
    os << "data " << name << "=" << formatShape(shape) << "\n";
  os << "-O" << options.optLevel << "\n";
  std::vector<std::string> disabled = options.disabledPasses;
  llvm::sort(disabled);
  for (const std::string &pass : disabled)
    os << "disable " << pass << "\n";
  if (!options.testBrokenPassAfter.empty())
    os << "perturb after " << options.testBrokenPassAfter << "\n";
  if (options.testSplitBatchCacheBytes > 0)
    os << "split batch cache " << options.testSplitBatchCacheBytes << "\n";
  return recipe;
}

/// The folder a model's external data is read from.
static std::string modelFolder(llvm::StringRef modelPath) {
  llvm::StringRef dir = llvm::sys::path::parent_path(modelPath);
  return dir.empty() ? "." : dir.str();
}

std::unique_ptr<PreparedModel> ModelEntryCache::open(
    const std::string &modelPath, const frontend::LoadOptions &load,
    const cpu::CpuOptions &options, const Progress &progress) {
  path.clear();
  if (!options.useCache)
    return nullptr;
  auto start = std::chrono::steady_clock::now();
  auto file = llvm::MemoryBuffer::getFile(modelPath, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file)
    return nullptr; // loadModel says why
  std::string key =
      cpu::modelEntryKey((*file)->getBuffer(), entryRecipe(load, options));
  file->reset();
  std::string dir =
      options.cacheDir.empty() ? cpu::defaultCacheDir() : options.cacheDir;
  path = cpu::modelEntryPath(dir, key);
  cpu::ModelEntry entry;
  std::string rejected;
  if (!cpu::readModelEntry(path, modelFolder(modelPath), entry, &rejected)) {
    if (progress)
      progress(rejected.empty()
                   ? "no model entry " + path
                   : "model entry " + path + " rejected: " + rejected);
    return nullptr;
  }
  if (progress)
    progress("model entry " + path + " read and checked");
  // Annotations: "opset N", then the warning lines loading printed.
  for (llvm::StringRef a : entry.annotations) {
    if (a.consume_front("opset "))
      (void)a.getAsInteger(10, hitOpset);
    else if (a.consume_front("warning "))
      llvm::errs() << a << "\n";
  }
  cpu::CpuOptions opts = options;
  if (progress)
    opts.onStage = alsoTo(options.onStage, stageLines(progress));
  auto jit = cpu::JitModel::fromEntry(std::move(entry), opts, path);
  if (!jit) {
    // Rebuilt and rewritten like any other bad entry.
    if (progress)
      progress("model entry " + path +
               " rejected: " + llvm::toString(jit.takeError()));
    else
      llvm::consumeError(jit.takeError());
    return nullptr;
  }
  unsigned threads = options.threads
                         ? options.threads
                         : std::max(1u, std::thread::hardware_concurrency());
  return std::make_unique<JitPrepared>(std::move(*jit), msSince(start),
                                       threads);
}

double ModelEntryCache::save(PreparedModel &prepared,
                             const frontend::LoadedModel &model,
                             llvm::ArrayRef<std::string> warnings,
                             const Progress &progress) {
  const cpu::JitModel *jit = prepared.jitModel();
  if (path.empty() || !jit)
    return 0;
  auto start = std::chrono::steady_clock::now();
  std::vector<cpu::ModelDataFile> dataFiles;
  for (const std::string &location : frontend::externalDataFiles(model)) {
    cpu::ModelDataFile f;
    if (!cpu::describeDataFile(model.directory.empty() ? "." : model.directory,
                               location, f))
      return msSince(start); // loading would have failed
    dataFiles.push_back(std::move(f));
  }
  std::vector<std::string> annotations = {"opset " +
                                          std::to_string(model.opset)};
  for (const std::string &w : warnings)
    annotations.push_back("warning " + w);
  std::string error;
  if (!jit->writeEntry(path, dataFiles, annotations, error)) {
    llvm::errs() << "kiln: warning: cannot write the model cache entry: "
                 << error
                 << " (every run will compile again; --cache-dir DIR "
                    "chooses another folder)\n";
    return msSince(start);
  }
  double ms = msSince(start);
  if (progress)
    progress(
        llvm::formatv("model entry {0} written ({1:f1} ms)", path, ms).str());
  return ms;
}

namespace {
/// A prepared model with the context and module it was prepared from (the
/// JIT and the interpreter keep pointers into them).
class OwningPrepared : public PreparedModel {
public:
  OwningPrepared(std::unique_ptr<mlir::MLIRContext> ctx,
                 mlir::OwningOpRef<mlir::ModuleOp> module,
                 std::unique_ptr<PreparedModel> inner)
      : ctx(std::move(ctx)), module(std::move(module)),
        inner(std::move(inner)) {}
  const std::vector<TensorSpec> &inputs() const override {
    return inner->inputs();
  }
  const std::vector<TensorSpec> &outputs() const override {
    return inner->outputs();
  }
  llvm::Expected<std::vector<Tensor>>
  run(const std::vector<Tensor> &inputs) override {
    return inner->run(inputs);
  }
  llvm::Expected<std::vector<Tensor>>
  runTraced(const std::vector<Tensor> &inputs, TraceRecorder &trace) override {
    return inner->runTraced(inputs, trace);
  }
  std::string description() const override { return inner->description(); }
  unsigned threads() const override { return inner->threads(); }
  std::string prepareLabel() const override { return inner->prepareLabel(); }
  double prepareMs() const override { return inner->prepareMs(); }
  const cpu::JitModel *jitModel() const override { return inner->jitModel(); }
  std::vector<int64_t> indexBounds() const override {
    return inner->indexBounds();
  }

private:
  // Destroyed in reverse: the model, then the module, then the context.
  std::unique_ptr<mlir::MLIRContext> ctx;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<PreparedModel> inner;
};
} // namespace

llvm::Expected<std::unique_ptr<PreparedModel>>
prepareModelFile(const std::string &path, const frontend::LoadOptions &load,
                 llvm::StringRef backend, const cpu::CpuOptions &options,
                 std::vector<std::string> *warnings) {
  auto ctx = makeContext(/*printDiagnostics=*/false);
  std::optional<CollectedDiagnostics> diags(std::in_place, *ctx);
  auto failWith = [&](const std::string &fallback) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   diags->message(fallback));
  };
  ModelEntryCache entries;
  std::unique_ptr<PreparedModel> prepared;
  if (backend == "jit")
    prepared = entries.open(path, load, options, nullptr);
  mlir::OwningOpRef<mlir::ModuleOp> module;
  if (!prepared) {
    std::unique_ptr<frontend::LoadedModel> model =
        frontend::loadModel(*ctx, path, load);
    if (!model)
      return failWith("cannot load '" + path + "'");
    module = frontend::importModel(*ctx, *model);
    if (!module)
      return failWith("cannot import '" + path + "'");
    frontend::releaseInitializerData(*model); // the IR has its own copy
    auto made = prepareBackend(backend, *module, options, nullptr);
    if (!made)
      return made.takeError();
    prepared = std::move(*made);
    if (backend == "jit")
      entries.save(*prepared, *model, diags->warnings, nullptr);
  }
  if (warnings)
    warnings->insert(warnings->end(), diags->warnings.begin(),
                     diags->warnings.end());
  diags.reset(); // before the context moves into the model
  return std::make_unique<OwningPrepared>(std::move(ctx), std::move(module),
                                          std::move(prepared));
}

} // namespace kiln::tool
