//===- Jit.cpp - Compile a graph in-process and run it --------------------===//
//
// Steps of JitModel::create:
//  0. The target CPU (Target.h) must be one this CPU can run code for.
//  1. prepareGraph: the graph passes.
//  2. buildPlan: kernels outlined and lowered to linalg (cheap).
//  3. The kernels' objects come from the per-kernel cache where it has
//     them, and are compiled otherwise (KernelCache.h); the steps then call
//     the kernels by their content names.
//  4. The objects are linked in-process by LLVM ORC (LLJIT); libc and libm
//     symbols resolve from the process.
//
// JitModel::fromEntry starts at step 4 with a plan and objects read back
// from a model entry (ModelCache.h), which writeEntry writes.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Jit.h"
#include "Errors.h"
#include "Stopwatch.h"
#include "kiln/cpu/KernelCache.h"
#include "kiln/cpu/PerfMap.h"

#include "kiln/cpu/Codegen.h"
#include "kiln/passes/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/Support/MemoryBuffer.h"

#include <chrono>
#include <thread>

using namespace mlir;

namespace kiln::cpu {

/// The stage line of the link: it names the perf map when there is one.
static std::string linkStage(const CompileStats &stats) {
  if (stats.perfMap.empty())
    return "linked in-process";
  return "linked in-process; kernels named in " + stats.perfMap;
}

llvm::Error prepareGraph(ModuleOp graph, bool optimize,
                         llvm::ArrayRef<std::string> disabled,
                         llvm::raw_ostream *irAfterEach,
                         llvm::StringRef perturbAfter,
                         int64_t splitBatchCacheBytes, unsigned jobs) {
  MLIRContext *ctx = graph.getContext();
  PassManager pm(ctx);
  // Not an optimization: without it a declared shape that depends on runtime
  // values (NonZero, Range...) would be trusted by the compiled kernels. The
  // optimization pipeline starts with it, unless a user disabled it there.
  if (!optimize ||
      llvm::is_contained(disabled, "kiln-relax-data-dependent-shapes"))
    pm.addPass(createRelaxDataDependentShapes());
  pm.addPass(createInferShapes());
  if (optimize) {
    // GEMM panels two vectors wide: a 12 x 2-vector register tile with
    // AVX-512 (13 loads per 12 FMAs at one vector became 14 per 24: 8
    // BERT-base FFNs with cold weights went from 138 to 191 GFLOP/s), 6 x 2
    // with AVX2.
    TargetOptions target;
    target.panelWidth = 2 * hostTarget().lanes();
    target.vectorLanes = hostTarget().lanes();
    target.cacheBytes = hostTarget().l2Bytes;
    target.splitBatchCacheBytes = splitBatchCacheBytes;
    addOptimizationPasses(pm, disabled, target, perturbAfter);
  }
  if (irAfterEach) {
    // The IR printer needs one thread to keep its output in order.
    graph.getContext()->disableMultithreading();
    pm.enableIRPrinting(
        /*shouldPrintBeforePass=*/[](Pass *, Operation *) { return false; },
        /*shouldPrintAfterPass=*/[](Pass *, Operation *) { return true; },
        /*printModuleScope=*/true, /*printAfterOnlyOnChange=*/false,
        /*printAfterOnlyOnFailure=*/false, *irAfterEach,
        OpPrintingFlags().elideLargeResourceString(64));
  }
  // Threads for the weight fills (PackedLayout.h), unless the IR is
  // printed (in order, by one thread) or one job was asked for; the
  // context goes back to its own mode after the passes.
  bool wasThreaded = ctx->isMultithreadingEnabled();
  bool threaded = !irAfterEach && jobs != 1 &&
                  (jobs > 1 || std::thread::hardware_concurrency() > 1);
  if (threaded && !wasThreaded)
    ctx->enableMultithreading(true);
  auto restore = llvm::make_scope_exit([&] {
    if (threaded && !wasThreaded)
      ctx->enableMultithreading(false);
  });
  std::string diagnostics;
  ScopedDiagnosticHandler handler(ctx, [&](Diagnostic &d) {
    llvm::raw_string_ostream os(diagnostics);
    os << d << "\n";
    return success();
  });
  if (failed(pm.run(graph)))
    return makeError("graph passes failed: " +
                     llvm::StringRef(diagnostics).rtrim());
  return llvm::Error::success();
}

std::string CompileStats::kernelsFrom() const {
  if (cacheHit)
    return "from cache";
  if (!kernelsFromCache)
    return "compiled";
  return std::to_string(kernelsFromCache) + " of " +
         std::to_string(kernelsFromCache + kernelsCompiled) + " from cache";
}

/// What the executor of a model compiled with \p options is to do.
static ExecutorOptions executorOptions(const CpuOptions &options) {
  ExecutorOptions e;
  e.threads = options.threads;
  e.flushDenormals = options.flushDenormals;
  e.concatViews = options.concatViews;
  e.partsSideBySide = options.partsSideBySide;
  return e;
}

struct JitModel::Impl {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  /// The kernels' object files, for writeEntry (none after fromEntry,
  /// whose constants keep the entry's mapping alive).
  std::vector<std::string> objects;
};

JitModel::~JitModel() = default;

llvm::Expected<std::unique_ptr<JitModel>>
JitModel::create(ModuleOp graph, const CpuOptions &options) {
  // Code for a CPU this one cannot execute would die of SIGILL mid-run.
  if (llvm::Error e = checkTargetRunsHere())
    return std::move(e);
  std::unique_ptr<JitModel> model(new JitModel());
  model->impl = std::make_unique<Impl>();
  CompileStats &stats = model->compileStats;
  auto report = [&](llvm::StringRef stage, double ms) {
    if (options.onStage)
      options.onStage(stage, ms);
  };
  {
    DialectRegistry registry;
    registerCpuBackendDialects(registry);
    graph.getContext()->appendDialectRegistry(registry);
    graph.getContext()->loadAllAvailableDialects();
  }

  auto start = std::chrono::steady_clock::now();
  if (llvm::Error e =
          prepareGraph(graph, options.optLevel > 0, options.disabledPasses,
                       /*irAfterEach=*/nullptr, options.testBrokenPassAfter,
                       options.testSplitBatchCacheBytes, options.threads))
    return std::move(e);
  stats.prepareMs = msSince(start);
  report("graph passes", stats.prepareMs);

  start = std::chrono::steady_clock::now();
  auto plan = buildPlan(graph);
  if (!plan)
    return plan.takeError();
  model->plan = std::move(*plan);
  stats.planMs = msSince(start);
  stats.compiledSteps = model->plan.numCompiled();
  stats.referenceSteps = model->plan.numReference();
  stats.distinctKernels = model->plan.distinctKernels;
  report("plan and lower to linalg (" + std::to_string(stats.compiledSteps) +
             " kernels, " + std::to_string(stats.distinctKernels) +
             " distinct, " + std::to_string(stats.referenceSteps) +
             " reference steps)",
         stats.planMs);

  std::vector<std::string> objects;
  start = std::chrono::steady_clock::now();
  if (stats.compiledSteps) {
    KernelCacheOptions kc;
    kc.codegen.jobs = options.threads;
    kc.codegen.optLevel = options.optLevel;
    kc.codegen.onStage = options.onStage;
    kc.codegen.onProgress = options.onProgress;
    kc.useCache = options.useCache;
    kc.dir = options.cacheDir;
    auto kernels = loadOrCompileKernels(*model->plan.kernels, kc);
    if (!kernels)
      return kernels.takeError();
    // The steps call the kernels by the names their objects export (and a
    // model entry written from this plan keeps them).
    renameKernels(model->plan, kernels->names);
    objects = std::move(kernels->objects);
    stats.kernelsFromCache = kernels->fromCache;
    stats.kernelsCompiled = kernels->compiled;
    stats.cacheHit = !kernels->compiled;
    stats.cachePath = kernels->dir;
    if (!kernels->rejected.empty())
      stats.cacheRejected = kernels->rejected.front();
    stats.compileMs = msSince(start);
    report(kernels->summary(), stats.compileMs);
  }

  start = std::chrono::steady_clock::now();
  std::vector<llvm::StringRef> refs(objects.begin(), objects.end());
  auto fns = model->link(refs);
  if (!fns)
    return fns.takeError();
  stats.linkMs = msSince(start);
  report(linkStage(stats), stats.linkMs);
  model->executor = std::make_unique<Executor>(model->plan, std::move(*fns),
                                               executorOptions(options));
  model->impl->objects = std::move(objects);
  return std::move(model);
}

llvm::Expected<std::vector<KernelFn>>
JitModel::link(llvm::ArrayRef<llvm::StringRef> objects) {
  // One per step, in forEachStep's order (the executor's).
  std::vector<const PlanStep *> steps;
  forEachStep(plan, [&](const PlanStep &step) { steps.push_back(&step); });
  std::vector<KernelFn> fns(steps.size(), nullptr);
  if (objects.empty())
    return fns;
  (void)hostTarget(); // initializes the native target
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb)
    return jtmb.takeError();
  auto jit = llvm::orc::LLJITBuilder()
                 .setJITTargetMachineBuilder(std::move(*jtmb))
                 .create();
  if (!jit)
    return jit.takeError();
  impl->jit = std::move(*jit);
  llvm::orc::LLJIT &lljit = *impl->jit;
  auto gen = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      lljit.getDataLayout().getGlobalPrefix());
  if (!gen)
    return gen.takeError();
  lljit.getMainJITDylib().addGenerator(std::move(*gen));
  for (auto [i, object] : llvm::enumerate(objects)) {
    auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
        object, "kiln-kernels-" + std::to_string(i) + ".o");
    if (llvm::Error e = lljit.addObjectFile(std::move(buffer)))
      return std::move(e);
  }
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i]->kind != PlanStep::Kind::Compiled)
      continue;
    auto addr = lljit.lookup(steps[i]->symbol);
    if (!addr)
      return addr.takeError();
    fns[i] = addr->toPtr<KernelFn>();
  }
  if (perfMapWanted()) {
    // Asked for by the user, so a failure is said, but the model still runs.
    auto lines = perfMapLines(
        objects,
        [&](llvm::StringRef symbol) -> llvm::Expected<uint64_t> {
          auto addr = lljit.lookup(symbol);
          if (!addr)
            return addr.takeError();
          return addr->getValue();
        },
        plan);
    llvm::Error e = lines ? appendPerfMap(*lines) : lines.takeError();
    if (e)
      llvm::errs() << "kiln: KILN_PERF_MAP: " << llvm::toString(std::move(e))
                   << "\n";
    else
      compileStats.perfMap = perfMapPath();
  }
  return fns;
}

llvm::Expected<std::unique_ptr<JitModel>>
JitModel::fromEntry(ModelEntry entry, const CpuOptions &options,
                    const std::string &path) {
  if (llvm::Error e = checkTargetRunsHere())
    return std::move(e);
  std::unique_ptr<JitModel> model(new JitModel());
  model->impl = std::make_unique<Impl>();
  model->plan = std::move(entry.plan);
  CompileStats &stats = model->compileStats;
  stats.cacheHit = stats.modelEntryHit = true;
  stats.cachePath = path;
  stats.compiledSteps = model->plan.numCompiled();
  stats.referenceSteps = model->plan.numReference();
  stats.distinctKernels = model->plan.distinctKernels;
  auto start = std::chrono::steady_clock::now();
  auto fns = model->link(entry.objects);
  if (!fns)
    return fns.takeError();
  stats.linkMs = msSince(start);
  if (options.onStage)
    options.onStage(linkStage(stats), stats.linkMs);
  model->executor = std::make_unique<Executor>(model->plan, std::move(*fns),
                                               executorOptions(options));
  return std::move(model);
}

bool JitModel::writeEntry(const std::string &path,
                          llvm::ArrayRef<ModelDataFile> dataFiles,
                          llvm::ArrayRef<std::string> annotations,
                          std::string &error) const {
  if (compileStats.modelEntryHit) {
    error = "the model came from an entry";
    return false;
  }
  return writeModelEntry(path, plan, impl->objects, dataFiles, annotations,
                         error);
}

llvm::Expected<std::vector<Tensor>>
JitModel::run(const std::vector<Tensor> &inputs, const StepObserver &observer,
              const ChunkObserver &chunks) {
  return executor->run(inputs, observer, chunks);
}

} // namespace kiln::cpu
