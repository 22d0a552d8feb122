//===- Aot.cpp - Build a shared library and C header from a plan ----------===//
//
// Steps of compileLibrary:
//  1. Prepare the graph (the JIT's graph passes) and plan it. Reference
//     steps (ops no lowering handles) run through libkiln-rt.so, Kiln's
//     runtime behind a C API. Values whose shape is known only at run time
//     (only reference steps touch them) live on the heap: the runtime
//     allocates them and returns their dims. Unranked ones are refused.
//  2. Lay out the data: weights (constants the kernels or reference steps
//     read as buffers) back to back in one blob, each 64-byte aligned;
//     intermediates in the scratch arena at offsets from planScratch.
//  3. Compile the kernels to object files (Codegen.h), or take them from the
//     JIT's kernel cache: the objects are PIC and the same either way.
//  4. Generate NAME.h (AotSource.cpp: the C API and the model's description as
//  constants)
//     and a C driver: the plan as straight-line calls of kiln_k<N>, the
//     description as static data for NAME_describe(), the weights either as
//     an `.incbin` of the blob or loaded and checksummed by NAME_init().
//     A reference step is a kiln_rt_eval call with its shapes as static
//     arrays (or a dynamic slot's run-time dims) and its attributes as a
//     serialized blob (AttrBlob.h). Dynamic slots are freed after their
//     last reader, and on every exit; a dynamic model output's buffer goes
//     to the caller through a kiln_dynamic_output. A sequence or optional
//     is a dynamic slot holding an opaque value of libkiln-rt.so's
//     (KILN_RT_VALUE), released with kiln_rt_release; the model's inputs
//     and outputs may not be one.
//  5. `cc -c` the driver and `cc -shared` it with the kernel objects; a
//     version script keeps everything but the NAME_* API local. With
//     reference steps, libkiln-rt.so is copied beside the library and
//     linked with the rpath $ORIGIN.
//  6. Everything is built in a temporary folder beside the library and
//     renamed into place last, so a failure leaves no partial output.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Aot.h"
#include "AotSource.h"
#include "Errors.h"
#include "Stopwatch.h"
#include "kiln/cpu/Cache.h"
#include "kiln/cpu/Codegen.h"
#include "kiln/cpu/Jit.h"
#include "kiln/cpu/KernelCache.h"
#include "kiln/runtime/AttrBlob.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>

using namespace mlir;

namespace kiln::cpu {

static uint64_t alignUp(uint64_t n, uint64_t a) { return (n + a - 1) / a * a; }

/// The text of kiln/runtime/kiln_rt.h, written beside the driver.
static const char *kKilnRtHeader =
#include "kiln/cpu/KilnRtHeader.inc"
    ;

//===----------------------------------------------------------------------===//
// Memory plan
//===----------------------------------------------------------------------===//

ArenaLayout planScratch(const Plan &plan) {
  size_t n = plan.slots.size();
  std::vector<bool> external(n, false);
  for (int s : plan.inputSlots)
    external[s] = true;
  for (int s : plan.outputSlots)
    external[s] = true;
  // Constants live in the weights, dynamic slots on the heap.
  for (size_t s = 0; s < n; ++s)
    external[s] =
        external[s] || plan.slots[s].isConstant || !plan.slots[s].isStatic;

  // Each arena slot lives from the first step touching it to the last (the
  // AOT driver runs reference steps in the scratch arena too).
  std::vector<BufferLife> lives(n);
  auto touch = [&](int s, int step) {
    if (s < 0 || external[s])
      return;
    if (lives[s].first < 0) {
      lives[s].first = step;
      lives[s].bytes = slotBytes(plan.slots[s]);
    }
    lives[s].last = step;
  };
  for (auto [i, step] : llvm::enumerate(plan.steps)) {
    if (step.kind == PlanStep::Kind::Compiled) {
      for (int s : step.args)
        touch(s, i);
    } else {
      for (int s : step.inputs)
        touch(s, i);
      for (int s : step.outputs)
        touch(s, i);
    }
  }
  return packArena(lives);
}

//===----------------------------------------------------------------------===//
// The weights blob
//===----------------------------------------------------------------------===//

static WeightsLayout layoutWeights(const Plan &plan) {
  WeightsLayout w;
  w.offsets.assign(plan.slots.size(), -1);
  auto add = [&](int s) {
    const PlanSlot &slot = plan.slots[s];
    if (!slot.isConstant || w.offsets[s] >= 0)
      return;
    w.blob.resize(alignUp(w.blob.size(), kArenaAlign), '\0');
    w.offsets[s] = static_cast<int64_t>(w.blob.size());
    w.blob.append(static_cast<const char *>(slot.constant.raw()),
                  slot.constant.byteSize());
  };
  forEachStep(plan, [&](const PlanStep &step) {
    for (int s : step.args)
      add(s);
    if (step.kind != PlanStep::Kind::Compiled)
      for (int s : step.inputs)
        if (s >= 0)
          add(s);
    for (const PlanRegion &region : step.regions)
      for (int s : region.yields)
        add(s);
  });
  for (int s : plan.outputSlots)
    add(s);
  w.blob.resize(alignUp(w.blob.size(), kArenaAlign), '\0');
  return w;
}

/// FNV-1a over 64-bit little-endian words (then the tail bytes), with a
/// shift after each multiply so high bits reach low ones. The generated C
/// driver computes the same function.
uint64_t weightsChecksum(llvm::StringRef data) {
  const uint64_t prime = 0x100000001b3ull;
  uint64_t h = 0xcbf29ce484222325ull;
  size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, data.data() + i, 8);
    h = (h ^ word) * prime;
    h ^= h >> 29;
  }
  for (; i < data.size(); ++i) {
    h = (h ^ static_cast<unsigned char>(data[i])) * prime;
    h ^= h >> 29;
  }
  return h;
}

static std::string weightsFileImage(llvm::StringRef blob) {
  std::string image(kWeightsHeader, '\0');
  std::memcpy(image.data(), kWeightsMagic, 8);
  uint64_t size = blob.size(), sum = weightsChecksum(blob);
  std::memcpy(image.data() + 8, &size, 8);
  std::memcpy(image.data() + 16, &sum, 8);
  static_assert(kWeightsBuildIdOffset + kBuildIdSize <= kWeightsHeader,
                "the build identity fits in the header");
  std::memcpy(image.data() + kWeightsBuildIdOffset, buildId().data(),
              kBuildIdSize);
  image += blob;
  return image;
}

//===----------------------------------------------------------------------===//
// Building
//===----------------------------------------------------------------------===//

/// Whether an input or output of \p plan is a sequence or an optional:
/// the library's C interface then passes values of libkiln-rt.so's.
static bool hasContainerIO(const Plan &plan) {
  for (const auto *specs : {&plan.inputs, &plan.outputs})
    for (const TensorSpec &spec : *specs)
      if (spec.kind != ValueKind::Tensor)
        return true;
  return false;
}

/// The spec a heap slot of the driver keeps for value \p v: its type's, or
/// rank 0 for a sequence or optional (an opaque value of libkiln-rt.so's).
static TensorSpec heapSpec(mlir::Value v) {
  TensorSpec spec = specFromType(v.getType(), "");
  if (spec.kind != ValueKind::Tensor) {
    spec.shape.clear();
    spec.ranked = true;
  }
  return spec;
}

/// The region values of control-flow step \p step whose shape is known
/// only at run time, into LibraryDesc::regionDynamic and slotSpecs: its
/// regions' arguments (their shapes come with them), and the operands and
/// results of the reference and control-flow steps inside.
static llvm::Error collectRegionDynamicSlots(LibraryDesc &d,
                                             const PlanStep &step) {
  const Plan &plan = *d.plan;
  mlir::Operation *op = step.ops.back();
  auto add = [&](int s, mlir::Value v) -> llvm::Error {
    if (s < 0 || plan.slots[s].isStatic || d.regionDynamic[s])
      return llvm::Error::success();
    TensorSpec spec = heapSpec(v);
    if (!spec.ranked || spec.shape.size() > kMaxDynamicRank)
      return makeError("op " + step.label +
                       ": a region value of unknown rank or of rank above " +
                       llvm::Twine(kMaxDynamicRank) +
                       " is not supported in AOT libraries yet; run the "
                       "model with --backend=jit or --backend=interp");
    d.slotSpecs[s] = std::move(spec);
    d.regionDynamic[s] = true;
    return llvm::Error::success();
  };
  for (auto [k, region] : llvm::enumerate(step.regions)) {
    mlir::Block &block = op->getRegion(k).front();
    for (auto [i, s] : llvm::enumerate(region.args))
      if (llvm::Error e = add(s, block.getArgument(i)))
        return e;
    for (const PlanStep &inner : region.steps) {
      if (inner.kind == PlanStep::Kind::Compiled)
        continue;
      mlir::Operation *innerOp = inner.ops.back();
      for (auto [i, s] : llvm::enumerate(inner.inputs))
        if (i < innerOp->getNumOperands())
          if (llvm::Error e = add(s, innerOp->getOperand(i)))
            return e;
      for (auto [i, s] : llvm::enumerate(inner.outputs))
        if (llvm::Error e = add(s, innerOp->getResult(i)))
          return e;
    }
  }
  return llvm::Error::success();
}

/// Finds the dynamic slots the driver keeps on the heap (the operands and
/// read results of reference steps whose shape is known only at run time),
/// with their types' rank and known dims and the last step reading each;
/// inside regions, the region values of data-dependent shape
/// (regionDynamic). Fails on what a library cannot hold: an unranked
/// value, or a dynamic model output of rank above KILN_MAX_RANK.
static llvm::Error collectDynamicSlots(LibraryDesc &d) {
  const Plan &plan = *d.plan;
  d.slotSpecs.assign(plan.slots.size(), TensorSpec());
  d.lastRead.assign(plan.slots.size(), -1);
  std::vector<bool> seen(plan.slots.size(), false);
  for (auto [index, step] : llvm::enumerate(plan.steps)) {
    if (step.kind == PlanStep::Kind::Compiled)
      continue;
    mlir::Operation *op = step.ops.back();
    auto add = [&](llvm::StringRef kind, size_t i, int s,
                   mlir::Value v) -> llvm::Error {
      if (s < 0 || plan.slots[s].isStatic)
        return llvm::Error::success();
      TensorSpec spec = heapSpec(v);
      if (!spec.ranked) {
        std::string type;
        llvm::raw_string_ostream os(type);
        os << v.getType();
        return makeError(llvm::formatv(
            "cannot build a library: {0} runs as a reference step and its "
            "{1} #{2} has the unranked type {3}: values of unknown rank are "
            "not supported in a library (the JIT runs them)",
            step.label, kind, i, type));
      }
      if (!seen[s]) {
        seen[s] = true;
        d.slotSpecs[s] = std::move(spec);
        d.dynamicSlots.push_back(s);
      }
      return llvm::Error::success();
    };
    for (auto [i, s] : llvm::enumerate(step.inputs)) {
      // A control-flow step's inputs after its operands are the values its
      // regions read from the run (kiln_cf_ctx.top_dyn): their producers
      // put them on the heap; they must outlive the step.
      if (i >= op->getNumOperands()) {
        if (s >= 0 && !plan.slots[s].isStatic)
          d.lastRead[s] = static_cast<int>(index);
        continue;
      }
      if (llvm::Error e = add("operand", i, s, op->getOperand(i)))
        return e;
      if (s >= 0 && !plan.slots[s].isStatic)
        d.lastRead[s] = static_cast<int>(index);
    }
    for (auto [i, s] : llvm::enumerate(step.outputs))
      if (!isDiscarded(plan, step, i))
        if (llvm::Error e = add("result", i, s, op->getResult(i)))
          return e;
  }
  // Region values: the arguments (their shapes come with them), and the
  // operands and results of the reference steps inside.
  d.regionDynamic.assign(plan.slots.size(), false);
  llvm::Error error = llvm::Error::success();
  forEachStep(plan, [&](const PlanStep &step) {
    if (!error && step.kind == PlanStep::Kind::Regions)
      error = collectRegionDynamicSlots(d, step);
  });
  if (error)
    return error;
  // Container inputs and outputs are values on the heap too (an input
  // holds the caller's, an output the one handed to the caller), whether
  // a step reads or writes them or not.
  for (const auto &[specs, slots] :
       {std::pair(&plan.inputs, &plan.inputSlots),
        std::pair(&plan.outputs, &plan.outputSlots)})
    for (auto [spec, s] : llvm::zip_equal(*specs, *slots))
      if (spec.kind != ValueKind::Tensor && !seen[s]) {
        seen[s] = true;
        d.slotSpecs[s] = spec;
        d.slotSpecs[s].shape.clear();
        d.slotSpecs[s].ranked = true;
        d.dynamicSlots.push_back(s);
      }
  for (const TensorSpec &spec : plan.outputs) {
    if (spec.isStatic() || spec.kind != ValueKind::Tensor)
      continue;
    if (!spec.ranked)
      return makeError("cannot build a library: the output '" + spec.name +
                       "' has an unknown rank, which is not supported in a "
                       "library");
    if (spec.shape.size() > kMaxDynamicRank)
      return makeError(llvm::formatv(
          "cannot build a library: the output '{0}' has the dynamic shape "
          "{1} of rank {2}; outputs of dynamic shape above rank {3} "
          "(KILN_MAX_RANK) are not supported",
          spec.name, spec.format(), spec.shape.size(), kMaxDynamicRank));
  }
  return llvm::Error::success();
}

llvm::Expected<std::string> findRuntimeLibrary() {
  static int anchor;
  std::string exe = llvm::sys::fs::getMainExecutable(nullptr, &anchor);
  llvm::StringRef exeDir = llvm::sys::path::parent_path(exe);
  std::vector<std::string> candidates;
  for (llvm::StringRef rel : {"libkiln-rt.so", "../lib/libkiln-rt.so"}) {
    llvm::SmallString<256> path(exeDir);
    llvm::sys::path::append(path, rel);
    llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/true);
    if (llvm::sys::fs::is_regular_file(path))
      return path.str().str();
    candidates.push_back(path.str().str());
  }
  return makeError("cannot find libkiln-rt.so (Kiln's runtime library, "
                   "which a library with reference steps links); looked "
                   "for " +
                   llvm::join(candidates, " and "));
}

/// Writes \p data to \p path.
static llvm::Error writeFile(const std::string &path, llvm::StringRef data) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return makeError("cannot write '" + path + "': " + ec.message());
  os << data;
  os.close();
  if (os.has_error())
    return makeError("cannot write '" + path + "': " + os.error().message());
  return llvm::Error::success();
}

/// Runs \p args (args[0] is the program), failing with its stderr.
static llvm::Error runTool(std::vector<std::string> args,
                           const std::string &tempDir) {
  auto program = llvm::sys::findProgramByName(args[0]);
  if (!program)
    return makeError(
        "cannot find the C compiler '" + args[0] +
        "' (needed to build the library): " + program.getError().message());
  std::string errPath = tempDir + "/tool.err";
  std::vector<llvm::StringRef> argv(args.begin(), args.end());
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, std::nullopt,
                                                llvm::StringRef(errPath)};
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(*program, argv, std::nullopt, redirects, 0,
                                     0, &message);
  if (rc == 0)
    return llvm::Error::success();
  std::string stderrText;
  if (auto buf = llvm::MemoryBuffer::getFile(errPath))
    stderrText = (*buf)->getBuffer().take_front(4000).str();
  return makeError("'" + llvm::join(args, " ") + "' failed" +
                   (message.empty() ? "" : ": " + message) +
                   (stderrText.empty() ? "" : ":\n" + stderrText));
}

namespace {
/// A temporary folder removed when it goes out of scope.
struct TempDir {
  std::string path;
  ~TempDir() {
    if (!path.empty())
      (void)llvm::sys::fs::remove_directories(path);
  }
};
} // namespace

llvm::Expected<AotResult> compileLibrary(ModuleOp graph,
                                         const std::string &libraryPath,
                                         const AotOptions &options) {
  auto start = std::chrono::steady_clock::now();
  auto stage = [&](llvm::StringRef name) {
    if (options.onStage)
      options.onStage(name, msSince(start));
    start = std::chrono::steady_clock::now();
  };
  if (llvm::Error e = checkLibraryPath(libraryPath))
    return std::move(e);
  LibraryDesc d;
  d.name = libraryBaseName(libraryPath);
  d.fileName = llvm::sys::path::filename(libraryPath).str();
  d.stem = libraryFileStem(d.name);
  d.prefix = cPrefixFor(d.name);
  d.macro = llvm::StringRef(d.prefix).upper();
  d.modelPath = options.modelPath;
  d.weightsFile = options.weightsFile;
  d.weightsFileName = d.stem + ".weights";

  // 1. Graph passes and plan.
  {
    DialectRegistry registry;
    registerCpuBackendDialects(registry);
    graph.getContext()->appendDialectRegistry(registry);
    graph.getContext()->loadAllAvailableDialects();
  }
  if (llvm::Error e =
          prepareGraph(graph, options.optLevel > 0, options.disabledPasses,
                       /*irAfterEach=*/nullptr, /*perturbAfter=*/{},
                       options.testSplitBatchCacheBytes, options.jobs))
    return std::move(e);
  stage("graph passes");
  auto planOr = buildPlan(graph);
  if (!planOr)
    return planOr.takeError();
  Plan plan = std::move(*planOr);
  d.containerIO = hasContainerIO(plan);
  d.plan = &plan;
  forEachStep(plan, [&](const PlanStep &step) {
    d.stepIds.emplace(&step, d.stepIds.size());
    d.numRegions += step.kind == PlanStep::Kind::Regions;
  });
  stage("plan and lower to linalg (" + std::to_string(plan.numCompiled()) +
        " kernels, " + std::to_string(plan.numReference()) +
        " reference steps, " + std::to_string(d.numRegions) +
        " control-flow steps)");
  for (const TensorSpec &spec : plan.inputs)
    if (spec.kind == ValueKind::Tensor && !spec.isStatic())
      return makeError("'" + spec.name + "' has the dynamic shape " +
                       spec.format() +
                       "; dynamic input shapes are not supported in a library "
                       "(give --shape " +
                       spec.name + "=DIMS)");
  if (llvm::Error e = collectDynamicSlots(d))
    return std::move(e);
  std::string runtimeLibrary = options.runtimeLibrary;
  if (d.needsRuntime() && runtimeLibrary.empty()) {
    auto found = findRuntimeLibrary();
    if (!found)
      return found.takeError();
    runtimeLibrary = *found;
  }

  // 2. Data layout.
  d.scratch = planScratch(plan);
  d.weights = layoutWeights(plan);
  d.checksum = weightsChecksum(d.weights.blob);

  // 3. Kernel objects (KernelCache.h). Each exports its kernel's content
  // name; the driver calls it by its plan name, which the link defines.
  KernelObjects kernels;
  if (plan.numCompiled()) {
    KernelCacheOptions kc;
    kc.codegen.jobs = options.jobs;
    kc.codegen.optLevel = options.optLevel;
    kc.codegen.onStage = options.onStage;
    kc.codegen.onProgress = options.onProgress;
    kc.useCache = options.useCache;
    kc.dir = options.cacheDir;
    auto loaded = loadOrCompileKernels(*plan.kernels, kc);
    if (!loaded)
      return loaded.takeError();
    kernels = std::move(*loaded);
    stage(kernels.summary());
  }
  std::vector<std::string> &objects = kernels.objects;

  // 4. Sources, in a temporary folder beside the library.
  llvm::SmallString<256> absLib(libraryPath);
  if (std::error_code ec = llvm::sys::fs::make_absolute(absLib))
    return makeError("cannot resolve '" + libraryPath + "': " + ec.message());
  std::string dir = llvm::sys::path::parent_path(absLib).str();
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return makeError("cannot create '" + dir + "': " + ec.message());
  TempDir temp;
  {
    llvm::SmallString<256> path;
    if (std::error_code ec = llvm::sys::fs::createUniqueDirectory(
            dir + "/.lib" + d.stem + ".tmp", path))
      return makeError("cannot create a temporary folder in '" + dir +
                       "': " + ec.message());
    temp.path = path.str().str();
  }
  const std::string &t = temp.path;
  d.blobPath = t + "/weights.bin";
  std::string header = t + "/" + d.stem + ".h";
  std::string driver = t + "/" + d.stem + ".c";
  std::string exports = t + "/exports.map";
  if (llvm::Error e = writeFile(header, generateHeader(d)))
    return std::move(e);
  if (llvm::Error e = writeFile(driver, generateDriver(d)))
    return std::move(e);
  if (llvm::Error e = writeFile(exports, "{\n  global: " + d.prefix +
                                             "_*;\n  local: *;\n};\n"))
    return std::move(e);
  std::string runtimeCopy = t + "/libkiln-rt.so";
  if (d.needsRuntime()) {
    if (llvm::Error e = writeFile(t + "/kiln_rt.h", kKilnRtHeader))
      return std::move(e);
    if (std::error_code ec =
            llvm::sys::fs::copy_file(runtimeLibrary, runtimeCopy))
      return makeError("cannot copy '" + runtimeLibrary + "' to '" +
                       runtimeCopy + "': " + ec.message());
  }
  if (d.weightsFile) {
    if (llvm::Error e = writeFile(t + "/" + d.weightsFileName,
                                  weightsFileImage(d.weights.blob)))
      return std::move(e);
  } else if (llvm::Error e = writeFile(d.blobPath, d.weights.blob)) {
    return std::move(e);
  }
  std::vector<std::string> link = {options.cc, "-shared", "-o", t + "/lib.so",
                                   t + "/driver.o"};
  for (auto [i, obj] : llvm::enumerate(objects)) {
    std::string path = t + "/kernels" + std::to_string(i) + ".o";
    if (llvm::Error e = writeFile(path, obj))
      return std::move(e);
    link.push_back(path);
  }
  stage("driver and header generated");

  // 5. Compile and link.
  if (llvm::Error e = runTool({options.cc, "-std=c11", "-O2", "-fPIC", "-Wall",
                               "-c", driver, "-I", t, "-o", t + "/driver.o"},
                              t))
    return std::move(e);
  // Only the NAME_* API is exported; libm is linked only if a kernel calls
  // it.
  link.insert(link.end(),
              {"-Wl,--version-script=" + exports, "-Wl,-soname," + d.fileName,
               "-Wl,-z,noexecstack", "-Wl,--as-needed", "-lm"});
  for (const auto &[name, content] : kernels.names)
    link.push_back("-Wl,--defsym=" + name + "=" + content);
  // Reference steps: the copy of libkiln-rt.so that will sit beside the
  // library, found at load time through $ORIGIN.
  if (d.needsRuntime())
    link.insert(link.end(), {"-L" + t, "-lkiln-rt", "-Wl,-rpath,$ORIGIN"});
  if (llvm::Error e = runTool(link, t))
    return std::move(e);
  stage("driver compiled and library linked");

  // 6. Into place: the library last, so a present library has its header.
  AotResult result;
  result.prefix = d.prefix;
  result.kernels = plan.numCompiled();
  result.referenceSteps = d.numReference();
  result.controlFlowSteps = d.numRegions;
  result.weightBytes = d.weights.blob.size();
  result.scratchBytes = d.scratch.size;
  result.unsharedScratchBytes = d.scratch.unsharedSize;
  std::vector<std::pair<std::string, std::string>> moves;
  if (d.weightsFile)
    moves.push_back(
        {t + "/" + d.weightsFileName, dir + "/" + d.weightsFileName});
  if (options.keepSource)
    moves.push_back({driver, dir + "/" + d.stem + ".c"});
  if (d.needsRuntime())
    moves.push_back({runtimeCopy, dir + "/libkiln-rt.so"});
  // Callers make and read container values with its functions.
  if (d.containerIO)
    moves.push_back({t + "/kiln_rt.h", dir + "/kiln_rt.h"});
  moves.push_back({header, dir + "/" + d.stem + ".h"});
  moves.push_back({t + "/lib.so", absLib.str().str()});
  for (auto &[from, to] : moves) {
    if (std::error_code ec = llvm::sys::fs::rename(from, to))
      return makeError("cannot rename '" + from + "' to '" + to +
                       "': " + ec.message());
    result.files.push_back(to);
  }
  return result;
}

} // namespace kiln::cpu
