//===- Codegen.cpp - Kernel module to machine code ------------------------===//
//
// Steps of compileKernels:
//  1. Lower the kernel module to the LLVM dialect (lowerKernelsToLLVMDialect):
//     elementwise fusion inside each kernel, one-shot bufferization writing
//     straight into the kernel's result buffers, linalg to loops, f32 math
//     to polynomial approximations (vectorizable, no libm), then everything
//     to the LLVM dialect with bare-pointer memref arguments.
//  2. Split the kernels into partitions and, one thread per partition,
//     translate to LLVM IR in a fresh LLVMContext, wrap each kernel in its C
//     entry point, optimize at O2 for the host CPU and emit an object file.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Codegen.h"
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
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/Threading.h"
#include "llvm/Target/TargetMachine.h"

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

using namespace mlir;

namespace kiln::cpu {

static llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

static double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

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

llvm::Error lowerKernelsToLLVMDialect(ModuleOp kernels) {
  MLIRContext *ctx = kernels.getContext();
  std::string diagnostics, node;
  ScopedDiagnosticHandler handler(ctx, [&](Diagnostic &d) {
    llvm::raw_string_ostream os(diagnostics);
    os << d << "\n";
    if (node.empty())
      node = nodeNameOf(d.getLocation());
    return success();
  });

  // 1. Tensors to loops over buffers.
  {
    PassManager fusion(ctx);
    OpPassManager &fpm = fusion.nest<func::FuncOp>();
    fpm.addPass(createConvertElementwiseToLinalgPass());
    fpm.addPass(createLinalgElementwiseOpFusionPass());
    // No CSE before bufferization: it would merge the identical
    // tensor.empty inits of two results, and empty-tensor elimination would
    // then compute both into one buffer.
    fpm.addPass(createCanonicalizerPass());
    if (failed(fusion.run(kernels)))
      return loweringError("fusing loops", node, diagnostics);
  }
  PassManager bufferize(ctx);
  bufferize.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizationOptions bopts;
  bopts.bufferizeFunctionBoundaries = false;
  bopts.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  bopts.memCpyFn = [](OpBuilder &b, Location loc, Value from, Value to) {
    b.create<linalg::CopyOp>(loc, from, to);
    return success();
  };
  bufferize.addPass(bufferization::createOneShotBufferizePass(bopts));
  bufferization::BufferDeallocationPipelineOptions dopts;
  bufferization::buildBufferDeallocationPipeline(bufferize, dopts);
  if (failed(bufferize.run(kernels)) || failed(collapseParallelLoops(kernels)))
    return loweringError("bufferization", node, diagnostics);
  PassManager pm(ctx);
  {
    OpPassManager &fpm = pm.nest<func::FuncOp>();
    fpm.addPass(createCSEPass());
    fpm.addPass(createConvertLinalgToLoopsPass());
    fpm.addPass(createConvertVectorToSCFPass());
    fpm.addPass(createCanonicalizerPass());
  }
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  if (failed(pm.run(kernels)))
    return loweringError("lowering to loops", node, diagnostics);

  // 2. f32 transcendental functions as polynomials (vectorizable).
  {
    RewritePatternSet patterns(ctx);
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(kernels, std::move(patterns))))
      return makeError("math approximation did not converge");
  }

  // 3. Everything to the LLVM dialect.
  PassManager llvmPm(ctx);
  llvmPm.addPass(createConvertMathToLLVMPass());
  llvmPm.addPass(createConvertMathToLibmPass());
  llvmPm.addPass(createConvertVectorToLLVMPass());
  llvmPm.addPass(createFinalizeMemRefToLLVMConversionPass());
  ConvertFuncToLLVMPassOptions fopts;
  fopts.useBarePtrCallConv = true;
  llvmPm.addPass(createConvertFuncToLLVMPass(fopts));
  llvmPm.addPass(createArithToLLVMConversionPass());
  llvmPm.addPass(createConvertIndexToLLVMPass());
  llvmPm.addPass(createConvertControlFlowToLLVMPass());
  llvmPm.addPass(createReconcileUnrealizedCastsPass());
  if (failed(llvmPm.run(kernels)))
    return loweringError("lowering to the LLVM dialect", node, diagnostics);
  return llvm::Error::success();
}

/// A TargetMachine for the host: PIC (the objects also go into shared
/// libraries), full codegen optimization.
static std::unique_ptr<llvm::TargetMachine> makeTargetMachine() {
  const HostTarget &host = hostTarget();
  std::string err;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(host.triple, err);
  if (!target)
    return nullptr;
  llvm::TargetOptions opts;
  return std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      host.triple, host.cpu, host.features, opts, llvm::Reloc::PIC_,
      std::nullopt, llvm::CodeGenOptLevel::Aggressive));
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

/// Translates, optimizes and emits one partition.
static llvm::Error emitPartition(ModuleOp part, const CodegenOptions &options,
                                 std::string &object, std::mutex &printLock) {
  llvm::LLVMContext lctx;
  std::unique_ptr<llvm::Module> mod = translateModuleToLLVMIR(part, lctx);
  if (!mod)
    return makeError("translation of the kernels to LLVM IR failed");
  std::unique_ptr<llvm::TargetMachine> tm = makeTargetMachine();
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
  }

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(tm.get());
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager mpm =
      pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2);
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

llvm::Expected<std::vector<std::string>>
compileKernels(ModuleOp kernels, const CodegenOptions &options) {
  auto start = std::chrono::steady_clock::now();
  auto stage = [&](llvm::StringRef name) {
    if (options.onStage)
      options.onStage(name, msSince(start));
    start = std::chrono::steady_clock::now();
  };
  if (llvm::Error e = lowerKernelsToLLVMDialect(kernels))
    return std::move(e);
  stage("lower to LLVM dialect");

  // Partition the kernel definitions; every partition gets all
  // declarations and globals (they are small and become internal).
  std::vector<Operation *> defs, shared;
  for (Operation &op : kernels.getBody()->getOperations()) {
    auto fn = dyn_cast<LLVM::LLVMFuncOp>(op);
    if (fn && !fn.isExternal() && fn.getName().starts_with("kiln_k"))
      defs.push_back(&op);
    else
      shared.push_back(&op);
  }
  unsigned jobs = options.jobs
                      ? options.jobs
                      : std::max(1u, std::thread::hardware_concurrency());
  if (options.printLLVM || options.printAsm)
    jobs = 1;
  unsigned numParts = std::max<size_t>(1, std::min<size_t>(jobs, defs.size()));
  std::vector<OwningOpRef<ModuleOp>> parts;
  OpBuilder b(kernels.getContext());
  for (unsigned p = 0; p < numParts; ++p) {
    parts.push_back(ModuleOp::create(kernels.getLoc()));
    b.setInsertionPointToEnd(parts.back()->getBody());
    for (Operation *op : shared)
      b.clone(*op);
  }
  // Round-robin by size keeps the partitions balanced.
  std::vector<std::pair<size_t, Operation *>> bySize;
  for (Operation *op : defs) {
    size_t n = 0;
    op->walk([&](Operation *) { ++n; });
    bySize.push_back({n, op});
  }
  std::stable_sort(bySize.begin(), bySize.end(),
                   [](auto &a, auto &b) { return a.first > b.first; });
  std::vector<size_t> load(numParts, 0);
  for (auto &[n, op] : bySize) {
    unsigned p = std::min_element(load.begin(), load.end()) - load.begin();
    load[p] += n;
    b.setInsertionPointToEnd(parts[p]->getBody());
    b.clone(*op);
  }
  // Unused private helpers in a partition are harmless: LLVM drops them.

  std::vector<std::string> objects(numParts);
  std::vector<llvm::Error> errors;
  for (unsigned p = 0; p < numParts; ++p)
    errors.push_back(llvm::Error::success());
  std::mutex printLock;
  std::vector<std::thread> threads;
  for (unsigned p = 0; p < numParts; ++p)
    threads.emplace_back([&, p] {
      errors[p] = emitPartition(*parts[p], options, objects[p], printLock);
    });
  for (std::thread &t : threads)
    t.join();
  llvm::Error all = llvm::Error::success();
  for (llvm::Error &e : errors)
    all = llvm::joinErrors(std::move(all), std::move(e));
  if (all)
    return std::move(all);
  stage("LLVM optimize and codegen");
  return objects;
}

} // namespace kiln::cpu
