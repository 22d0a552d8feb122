//===- Codegen.cpp - Kernel module to machine code ------------------------===//
//
// Steps of compileKernels:
//  1. Split the kernels (linalg level) into chunks of about equal size,
//     about eight per thread, each with the helpers its kernels use.
//  2. Threads take the next chunk until none is left, and for each:
//     - lower it to the LLVM dialect (lowerModule): where its kernels have
//       tensors (not a chunk of direct kernels only), elementwise fusion
//       inside each kernel and one-shot bufferization writing straight into
//       the kernel's result buffers; then linalg to loops, f32 math to
//       polynomial approximations (vectorizable, no libm), then everything
//       to the LLVM dialect with bare-pointer memref arguments. The chunks
//       share the MLIRContext, in its thread-safe mode meanwhile;
//     - translate it to LLVM IR in a fresh LLVMContext, wrap each kernel in
//       its C entry point, optimize for the target CPU at the -O level and
//       emit an object file.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Codegen.h"
#include "Errors.h"
#include "KernelPipeline.h"
#include "KernelsToLLVM.h"
#include "Stopwatch.h"
#include "kiln/cpu/CollapseLoops.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Linalg/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Threading.h"
#include "llvm/Target/TargetMachine.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <thread>

using namespace mlir;

namespace kiln::cpu {

void registerCpuBackendDialects(DialectRegistry &registry) {
  registry.insert<affine::AffineDialect, arith::ArithDialect,
                  bufferization::BufferizationDialect, cf::ControlFlowDialect,
                  func::FuncDialect, linalg::LinalgDialect, LLVM::LLVMDialect,
                  math::MathDialect, memref::MemRefDialect, scf::SCFDialect,
                  tensor::TensorDialect, vector::VectorDialect>();
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  linalg::registerBufferizableOpInterfaceExternalModels(registry);
  scf::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
  vector::registerBufferizableOpInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(
      registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

/// The model node a location names (kernels keep their op's NameLoc), or
/// an empty string.
static std::string nodeNameOf(Location loc) {
  std::string name;
  loc->walk([&](Location inner) {
    if (auto n = dyn_cast<NameLoc>(inner)) {
      name = n.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name;
}

/// The error for a failed lowering step. MLIR's own diagnostics describe
/// Kiln's generated IR, not the model, so they reach the user only with
/// KILN_DEBUG set; the message names the node whose kernel failed.
static llvm::Error loweringError(llvm::StringRef step, llvm::StringRef node,
                                 const std::string &diagnostics) {
  std::string msg = "cannot compile ";
  msg += node.empty() ? std::string("the kernels")
                      : "the kernel of node '" + node.str() + "'";
  msg += ": " + step.str() +
         " failed (a Kiln bug, not a model error; the interpreter, "
         "--backend=interp, runs the model)";
  if (const char *debug = std::getenv("KILN_DEBUG"); debug && *debug)
    msg += "\n" + diagnostics;
  return makeError(msg);
}

/// Whether the pass managers verify the IR after every pass: in debug builds
/// and with KILN_DEBUG set. Otherwise the kernel module is verified once
/// before and once after lowering; verifying after each of ~25 passes took
/// 40 % of the lowering's time on GoogLeNet.
static bool verifyEachPass() {
#ifndef NDEBUG
  return true;
#else
  const char *debug = std::getenv("KILN_DEBUG");
  return debug && *debug;
#endif
}

namespace {
/// What a module of kernels holds that decides which lowering passes run.
/// Those passes walk the whole module, and most fold every op on the way,
/// even when they find nothing to do. A chunk of direct kernels (most
/// chunks) holds none of these: skipping the passes it has no work for took
/// 15-30 % off the MLIR lowering's time (MobileNetV2-b1 and GoogLeNet-b1 at
/// 1 thread), and the LLVM IR of five zoo models came out byte for byte the
/// same.
struct Holds {
  /// An op that takes or gives a tensor (fusion and bufferization).
  bool tensors = true;
  /// A heap allocation (deallocation).
  bool heap = true;
  /// Linalg ops, vector transfers, affine ops, math ops (their lowerings).
  bool linalg = true, transfers = true, affine = true, math = true;

  /// What \p kernels holds.
  static Holds of(ModuleOp kernels) {
    Holds h{false, false, false, false, false, false};
    auto isTensor = [](Type t) { return isa<TensorType>(t); };
    kernels.walk([&](Operation *op) {
      Dialect *d = op->getDialect();
      h.tensors |= llvm::any_of(op->getResultTypes(), isTensor) ||
                   llvm::any_of(op->getOperandTypes(), isTensor);
      h.heap |= isa<memref::AllocOp>(op);
      h.linalg |= isa_and_nonnull<linalg::LinalgDialect>(d);
      h.affine |= isa_and_nonnull<affine::AffineDialect>(d);
      h.math |= isa_and_nonnull<math::MathDialect>(d);
      h.transfers |=
          isa<vector::TransferReadOp, vector::TransferWriteOp, vector::PrintOp>(
              op);
    });
    return h;
  }
};
} // namespace

/// 1a. Elementwise ops to linalg, fused.
static void addFusionPasses(OpPassManager &pm, const Holds &) {
  OpPassManager &fpm = pm.nest<func::FuncOp>();
  fpm.addPass(createConvertElementwiseToLinalgPass());
  fpm.addPass(createLinalgElementwiseOpFusionPass());
  // No CSE before bufferization: it would merge the identical tensor.empty
  // inits of two results, and empty-tensor elimination would then compute
  // both into one buffer.
  fpm.addPass(createCanonicalizerPass());
}

/// 1b. Tensors to buffers, results written in place.
static void addBufferizationPasses(OpPassManager &pm, const Holds &) {
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizationOptions bopts;
  bopts.bufferizeFunctionBoundaries = false;
  bopts.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  bopts.memCpyFn = [](OpBuilder &b, Location loc, Value from, Value to) {
    b.create<linalg::CopyOp>(loc, from, to);
    return success();
  };
  pm.addPass(bufferization::createOneShotBufferizePass(bopts));
}

/// 1c. Deallocation of heap buffers.
static void addDeallocationPasses(OpPassManager &pm, const Holds &) {
  bufferization::BufferDeallocationPipelineOptions dopts;
  bufferization::buildBufferDeallocationPipeline(pm, dopts);
}

/// 1d. Loops over buffers, as control flow. Linalg's loops come with
/// affine index arithmetic.
static void addLoopPasses(OpPassManager &pm, const Holds &h) {
  OpPassManager &fpm = pm.nest<func::FuncOp>();
  fpm.addPass(createCSEPass());
  if (h.linalg)
    fpm.addPass(createConvertLinalgToLoopsPass());
  if (h.linalg || h.transfers)
    fpm.addPass(createConvertVectorToSCFPass());
  fpm.addPass(createCanonicalizerPass());
  if (h.linalg || h.affine)
    pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
}

/// 3. Everything to the LLVM dialect.
static void addLLVMDialectPasses(OpPassManager &pm, const Holds &h) {
  if (h.math) {
    pm.addPass(createConvertMathToLLVMPass());
    pm.addPass(createConvertMathToLibmPass());
  }
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createKernelsToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

using PipelineBuilder = void (*)(OpPassManager &, const Holds &);
static const PipelineBuilder kPipelines[] = {
    addFusionPasses, addBufferizationPasses, addDeallocationPasses,
    addLoopPasses, addLLVMDialectPasses};

/// Loads every dialect the pipelines depend on: a pass manager does it on
/// its first run, which is not thread-safe.
static void loadPipelineDialects(MLIRContext *ctx) {
  for (PipelineBuilder build : kPipelines) {
    PassManager pm(ctx);
    build(pm, Holds());
    DialectRegistry registry;
    pm.getDependentDialects(registry);
    ctx->appendDialectRegistry(registry);
    for (llvm::StringRef name : registry.getDialectNames())
      ctx->getOrLoadDialect(name);
  }
}

/// Runs the passes \p build adds, for a module that holds \p holds, on
/// \p kernels.
static LogicalResult runPipeline(ModuleOp kernels, PipelineBuilder build,
                                 const Holds &holds) {
  PassManager pm(kernels.getContext());
  pm.enableVerifier(verifyEachPass());
  build(pm, holds);
  return pm.run(kernels);
}

/// Lowers \p kernels to the LLVM dialect; the name of the step that failed,
/// or nullptr. Diagnostics go to the context's handlers.
static const char *lowerModule(ModuleOp kernels) {
  if (failed(mlir::verify(kernels)))
    return "verifying the kernels";
  // 1. Tensors to loops over buffers: only where a kernel has tensors.
  //    Direct kernels are written on memrefs, and a module of them skips
  //    the fusion and bufferization pipelines (their canonicalizations found
  //    nothing there the loop pipeline's do not, and took a fifth of the
  //    MLIR lowering's time of ResNet-50's kernels).
  Holds holds = Holds::of(kernels);
  if (holds.tensors) {
    if (failed(runPipeline(kernels, addFusionPasses, holds)))
      return "fusing loops";
    if (failed(runPipeline(kernels, addBufferizationPasses, holds)))
      return "bufferization";
    holds = Holds::of(kernels);
  }
  // Deallocation only where bufferization allocated on the heap: most
  // kernels write into their result buffers and stack scratch, and the
  // pipeline's canonicalizations cost a tenth of the lowering.
  if (holds.heap && failed(runPipeline(kernels, addDeallocationPasses, holds)))
    return "buffer deallocation";
  if (failed(collapseParallelLoops(kernels)))
    return "bufferization";
  if (failed(runPipeline(kernels, addLoopPasses, holds)))
    return "lowering to loops";

  // 2. f32 transcendental functions as polynomials (vectorizable). The
  //    approximations bring math ops of their own (fma), which the LLVM
  //    dialect passes below then convert.
  holds = Holds::of(kernels);
  if (holds.math) {
    RewritePatternSet patterns(kernels.getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(kernels, std::move(patterns))))
      return "math approximation";
  }

  if (failed(runPipeline(kernels, addLLVMDialectPasses, holds)))
    return "lowering to the LLVM dialect";
  if (!verifyEachPass() && failed(mlir::verify(kernels)))
    return "verifying the LLVM dialect";
  return nullptr;
}

namespace {
/// The diagnostics of a lowering, from any thread: MLIR's own messages
/// describe Kiln's generated IR, so they are kept for KILN_DEBUG, and the
/// first one names the node whose kernel failed.
class LoweringDiagnostics {
public:
  explicit LoweringDiagnostics(MLIRContext *ctx)
      : handler(ctx, [this](Diagnostic &d) {
          std::lock_guard<std::mutex> guard(lock);
          llvm::raw_string_ostream os(text);
          os << d << "\n";
          if (node.empty())
            node = nodeNameOf(d.getLocation());
          return success();
        }) {}

  /// The error for the failed step \p step.
  llvm::Error error(llvm::StringRef step) {
    std::lock_guard<std::mutex> guard(lock);
    return loweringError(step, node, text);
  }

private:
  std::mutex lock;
  std::string text, node;
  ScopedDiagnosticHandler handler;
};
} // namespace

llvm::Error lowerKernelsToLLVMDialect(ModuleOp kernels) {
  LoweringDiagnostics diagnostics(kernels.getContext());
  if (const char *step = lowerModule(kernels))
    return diagnostics.error(step);
  return llvm::Error::success();
}

/// A TargetMachine for the host: PIC (the objects also go into shared
/// libraries), instruction selection and scheduling effort from \p level.
static std::unique_ptr<llvm::TargetMachine> makeTargetMachine(unsigned level) {
  const HostTarget &host = hostTarget();
  std::string err;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(host.triple, err);
  if (!target)
    return nullptr;
  static const llvm::CodeGenOptLevel levels[] = {
      llvm::CodeGenOptLevel::None, llvm::CodeGenOptLevel::Less,
      llvm::CodeGenOptLevel::Default, llvm::CodeGenOptLevel::Aggressive};
  llvm::TargetOptions opts;
  return std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      host.triple, host.cpu, host.features, opts, llvm::Reloc::PIC_,
      std::nullopt, levels[std::min(level, 3u)]));
}

/// Renames each kernel `kiln_kN` to an internal body and adds the C entry
/// `void kiln_kN(void **buffers, int64_t begin, int64_t end)` that loads the
/// buffer pointers and calls it. Every other definition becomes internal.
static void addEntryPoints(llvm::Module &mod) {
  llvm::LLVMContext &lctx = mod.getContext();
  std::vector<llvm::Function *> kernels;
  for (llvm::Function &f : mod)
    if (!f.isDeclaration() && f.getName().starts_with("kiln_k"))
      kernels.push_back(&f);
  for (llvm::Function &f : mod)
    if (!f.isDeclaration())
      f.setLinkage(llvm::GlobalValue::InternalLinkage);
  for (llvm::GlobalVariable &g : mod.globals())
    if (!g.isDeclaration())
      g.setLinkage(llvm::GlobalValue::InternalLinkage);

  auto *ptrTy = llvm::PointerType::get(lctx, 0);
  auto *i64Ty = llvm::Type::getInt64Ty(lctx);
  auto *entryTy = llvm::FunctionType::get(llvm::Type::getVoidTy(lctx),
                                          {ptrTy, i64Ty, i64Ty}, false);
  for (llvm::Function *body : kernels) {
    std::string name = body->getName().str();
    body->setName(name + ".body");
    body->addFnAttr(llvm::Attribute::AlwaysInline);
    unsigned numBuffers = body->arg_size() - 2;
    for (unsigned i = 0; i < numBuffers; ++i)
      body->addParamAttr(i, llvm::Attribute::NoAlias);
    auto *entry = llvm::Function::Create(
        entryTy, llvm::GlobalValue::ExternalLinkage, name, mod);
    llvm::IRBuilder<> b(llvm::BasicBlock::Create(lctx, "entry", entry));
    std::vector<llvm::Value *> args;
    for (unsigned i = 0; i < numBuffers; ++i) {
      llvm::Value *slot =
          b.CreateConstInBoundsGEP1_64(ptrTy, entry->getArg(0), i);
      args.push_back(b.CreateLoad(ptrTy, slot));
    }
    args.push_back(entry->getArg(1));
    args.push_back(entry->getArg(2));
    b.CreateCall(body, args);
    b.CreateRetVoid();
  }
}

/// Translates, optimizes and emits one chunk (lowered to the LLVM dialect).
static llvm::Error emitChunk(ModuleOp part, const CodegenOptions &options,
                             std::string &object, std::mutex &printLock) {
  llvm::LLVMContext lctx;
  std::unique_ptr<llvm::Module> mod = translateModuleToLLVMIR(part, lctx);
  if (!mod)
    return makeError("translation of the kernels to LLVM IR failed");
  std::unique_ptr<llvm::TargetMachine> tm = makeTargetMachine(options.optLevel);
  if (!tm)
    return makeError("no LLVM target for " + hostTarget().triple);
  mod->setDataLayout(tm->createDataLayout());
  mod->setTargetTriple(hostTarget().triple);
  addEntryPoints(*mod);
  for (llvm::Function &f : *mod) {
    if (f.isDeclaration())
      continue;
    f.addFnAttr("target-cpu", hostTarget().cpu);
    f.addFnAttr("target-features", hostTarget().features);
    // Kernels never throw: no unwind tables to emit.
    f.addFnAttr(llvm::Attribute::NoUnwind);
  }

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  // -O1 and -O2 run the short pipeline of KernelPipeline.cpp (the kernels
  // come tiled and vectorized), -O3 LLVM's whole one.
  llvm::PassBuilder pb(tm.get());
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager mpm = buildKernelPipeline(pb, options.optLevel);
  mpm.run(*mod, mam);

  if (options.printLLVM) {
    std::lock_guard<std::mutex> lock(printLock);
    mod->print(*options.printLLVM, nullptr);
    return llvm::Error::success();
  }
  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream os(buffer);
  llvm::legacy::PassManager cg;
  auto type = options.printAsm ? llvm::CodeGenFileType::AssemblyFile
                               : llvm::CodeGenFileType::ObjectFile;
  if (tm->addPassesToEmitFile(cg, os, nullptr, type))
    return makeError("the host target cannot emit object files");
  cg.run(*mod);
  if (options.printAsm) {
    std::lock_guard<std::mutex> lock(printLock);
    *options.printAsm << llvm::StringRef(buffer.data(), buffer.size());
    return llvm::Error::success();
  }
  object.assign(buffer.data(), buffer.size());
  return llvm::Error::success();
}

namespace {
/// Kernels compiled together into one object.
struct Chunk {
  OwningOpRef<ModuleOp> module;
  unsigned kernels = 0;
  /// The first kernel's name.
  std::string first;
};
} // namespace

/// Splits the kernel definitions of \p kernels into about \p parts chunks
/// of equal operation counts (a bigger kernel is a chunk of its own),
/// biggest first, so that threads taking the next chunk stay balanced; one
/// part keeps the module's order (printed IR). Each chunk gets the other
/// top-level symbols its kernels use, transitively.
static std::vector<Chunk> splitIntoChunks(ModuleOp kernels, size_t parts) {
  std::vector<std::pair<size_t, Operation *>> defs;
  llvm::StringMap<Operation *> shared;
  std::vector<Operation *> unnamed;
  size_t total = 0;
  for (Operation &op : kernels.getBody()->getOperations()) {
    auto fn = dyn_cast<func::FuncOp>(op);
    if (fn && !fn.isExternal() && fn.getName().starts_with("kiln_k")) {
      size_t n = 0;
      op.walk([&](Operation *) { ++n; });
      defs.push_back({n, &op});
      total += n;
    } else if (auto sym = dyn_cast<SymbolOpInterface>(op)) {
      shared[sym.getName()] = &op;
    } else {
      unnamed.push_back(&op);
    }
  }
  std::vector<Chunk> chunks;
  if (defs.empty())
    return chunks;
  bool inOrder = parts == 1; // printed IR keeps the module's order
  if (!inOrder)
    std::stable_sort(defs.begin(), defs.end(),
                     [](auto &a, auto &b) { return a.first > b.first; });
  size_t target = inOrder ? total : std::max<size_t>(1, total / parts);
  OpBuilder b(kernels.getContext());
  size_t size = 0;
  llvm::StringSet<> included;
  std::vector<Operation *> worklist;
  auto addUses = [&](Operation *op) {
    if (auto uses = SymbolTable::getSymbolUses(op))
      for (const SymbolTable::SymbolUse &use : *uses) {
        llvm::StringRef name = use.getSymbolRef().getRootReference();
        auto it = shared.find(name);
        if (it != shared.end() && included.insert(name).second)
          worklist.push_back(it->second);
      }
  };
  for (auto &[n, op] : defs) {
    if (chunks.empty() || size >= target) {
      chunks.push_back({ModuleOp::create(kernels.getLoc()), 0,
                        cast<func::FuncOp>(op).getSymName().str()});
      b.setInsertionPointToEnd(chunks.back().module->getBody());
      for (Operation *u : unnamed)
        b.clone(*u);
      included.clear();
      size = 0;
    }
    b.clone(*op);
    ++chunks.back().kernels;
    size += n;
    addUses(op);
    while (!worklist.empty()) {
      Operation *dep = worklist.back();
      worklist.pop_back();
      // Declarations before their users keep the module readable.
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(chunks.back().module->getBody());
      b.clone(*dep);
      addUses(dep);
    }
  }
  return chunks;
}

llvm::Expected<std::vector<std::string>>
compileKernels(ModuleOp kernels, const CodegenOptions &options) {
  auto start = std::chrono::steady_clock::now();
  MLIRContext *ctx = kernels.getContext();
  unsigned jobs = options.jobs
                      ? options.jobs
                      : std::max(1u, std::thread::hardware_concurrency());
  bool printing = options.printLLVM || options.printAsm;
  if (printing)
    jobs = 1;
  // About eight chunks per thread: balanced, and progress to report. A
  // part per operation puts every kernel in a chunk of its own.
  size_t parts = printing                ? 1
                 : options.objectKernels ? std::numeric_limits<size_t>::max()
                                         : 8 * jobs;
  std::vector<Chunk> chunks = splitIntoChunks(kernels, parts);
  unsigned total = 0;
  for (const Chunk &c : chunks)
    total += c.kernels;
  if (options.objectKernels) {
    options.objectKernels->clear();
    for (const Chunk &c : chunks)
      options.objectKernels->push_back(c.first);
  }

  // The chunks are lowered concurrently in one MLIRContext, which must be
  // in its thread-safe mode meanwhile; every dialect the pipelines use is
  // loaded beforehand (loading is not thread-safe).
  loadPipelineDialects(ctx);
  bool wasThreaded = ctx->isMultithreadingEnabled();
  if (!wasThreaded && jobs > 1 && chunks.size() > 1)
    ctx->enableMultithreading(true);
  LoweringDiagnostics diagnostics(ctx);

  std::vector<std::string> objects(chunks.size());
  std::vector<llvm::Error> errors;
  for (size_t i = 0; i < chunks.size(); ++i)
    errors.push_back(llvm::Error::success());
  if (options.onProgress && total)
    options.onProgress(0, total);
  std::atomic<size_t> next{0};
  std::mutex lock; // printing, progress and the times below
  unsigned done = 0;
  double lowerMs = 0, emitMs = 0;
  auto work = [&] {
    for (size_t i; (i = next++) < chunks.size();) {
      auto t0 = std::chrono::steady_clock::now();
      const char *step = lowerModule(*chunks[i].module);
      double lowered = msSince(t0);
      auto t1 = std::chrono::steady_clock::now();
      if (step)
        errors[i] = diagnostics.error(step);
      else
        errors[i] = emitChunk(*chunks[i].module, options, objects[i], lock);
      chunks[i].module = nullptr; // frees the chunk's IR
      std::lock_guard<std::mutex> guard(lock);
      lowerMs += lowered;
      emitMs += msSince(t1);
      done += chunks[i].kernels;
      if (options.onProgress)
        options.onProgress(done, total);
    }
  };
  unsigned threads = std::min<size_t>(jobs, chunks.size());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(work);
  work();
  for (std::thread &t : pool)
    t.join();
  if (!wasThreaded)
    ctx->enableMultithreading(false);

  llvm::Error all = llvm::Error::success();
  for (llvm::Error &e : errors)
    all = llvm::joinErrors(std::move(all), std::move(e));
  if (all)
    return std::move(all);
  if (options.onStage)
    options.onStage(
        llvm::formatv("lowered and compiled {0} kernels into {1} objects on "
                      "{2} thread{3} at -O{4} (thread time: MLIR lowering "
                      "{5:f0} ms, LLVM {6:f0} ms)",
                      total, chunks.size(), threads, threads == 1 ? "" : "s",
                      options.optLevel, lowerMs, emitMs)
            .str(),
        msSince(start));
  return objects;
}

} // namespace kiln::cpu
