//===- Compile.cpp - kiln compile: lower a model and emit a stage ---------===//
//
// Imports a model and either prints the IR of the requested stage
// (`--emit=STAGE`, default kiln, to stdout or `-o FILE`) or, when `-o`
// names DIR/libNAME.so and no stage is given, builds that shared library
// with its C header (see kiln/cpu/Aot.h for the names it derives and
// refuses). Without --emit, an `-o` that is not a .so is an error.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "kiln/cpu/Aot.h"

#include "mlir/IR/OperationSupport.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

namespace kiln::tool {

/// Prints \p steps one line each, compiled or reference (with why), a
/// control-flow step's regions below it, indented by \p depth.
static void printSteps(const std::vector<cpu::PlanStep> &steps, unsigned depth,
                       llvm::raw_ostream &os) {
  for (const cpu::PlanStep &step : steps) {
    os.indent(2 * depth);
    if (step.kind == cpu::PlanStep::Kind::Compiled) {
      os << "kernel    " << step.symbol << "  " << step.label << "  ("
         << step.workItems << " work item" << (step.workItems == 1 ? "" : "s");
      // The JIT skips these where their inputs can be computed in place
      // (ConcatViews.h); the plan alone does not say where.
      if (step.shaping == cpu::PlanStep::Shaping::Reshape)
        os << "; a view: no copy where the JIT can alias it";
      else if (step.shaping == cpu::PlanStep::Shaping::Concat)
        os << "; no copy where the JIT can place its inputs in it";
      os << ")\n";
    } else if (step.kind == cpu::PlanStep::Kind::Reference) {
      os << "reference " << step.label << ": " << step.reason << "\n";
    } else {
      os << "regions   " << step.label << "\n";
      for (auto [i, region] : llvm::enumerate(step.regions)) {
        os.indent(2 * depth + 2)
            << "region #" << i << " (" << region.steps.size() << " steps)\n";
        printSteps(region.steps, depth + 2, os);
      }
    }
  }
}

/// Prints the plan: one line per step.
static void printPlan(const cpu::Plan &plan, llvm::raw_ostream &os) {
  os << "# " << plan.steps.size() << " steps: " << plan.numCompiled()
     << " compiled kernels, " << plan.numReference() << " reference steps\n";
  printSteps(plan.steps, 0, os);
}

/// `kiln compile MODEL -o DIR/libNAME.so`.
static int buildLibrary(const CompileOptions &opts) {
  auto start = std::chrono::steady_clock::now();
  // Before the model's import: a refused name costs nothing.
  if (llvm::Error e = cpu::checkLibraryPath(opts.output))
    return reportError(llvm::toString(std::move(e)));
  auto ctx = makeContext();
  frontend::LoadOptions load;
  if (!parseShapeOptions(opts.shapes, load.inputShapes))
    return 1;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      frontend::importOnnxFile(*ctx, opts.model, load);
  if (!module)
    return 1;
  cpu::AotOptions aot;
  aot.weightsFile = opts.weightsFile;
  aot.jobs = opts.cpu.threads;
  aot.optLevel = opts.cpu.optLevel;
  aot.onProgress = kernelCounter();
  aot.useCache = opts.cpu.useCache;
  aot.cacheDir = opts.cpu.cacheDir;
  aot.modelPath = opts.model;
  aot.keepSource = opts.keepSource;
  aot.disabledPasses = opts.cpu.disabledPasses;
  if (const char *cc = std::getenv("CC"); cc && *cc)
    aot.cc = cc;
  if (opts.verbose)
    aot.onStage = [](llvm::StringRef stage, double ms) {
      llvm::errs() << "kiln: " << stage << ": " << llvm::format("%.1f", ms)
                   << " ms\n";
    };
  auto result = cpu::compileLibrary(*module, opts.output, aot);
  if (!result)
    return reportError(llvm::toString(result.takeError()));
  auto &os = llvm::outs();
  os << "library " << result->files.back() << " (" << result->kernels
     << (result->kernels == 1 ? " kernel" : " kernels") << ", API prefix "
     << result->prefix << "_)\n";
  os << "header  " << result->files[result->files.size() - 2] << "\n";
  if (result->referenceSteps || result->controlFlowSteps) {
    auto count = [](unsigned n, const char *what) {
      return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    };
    os << "runtime " << result->files[result->files.size() - 3] << " (";
    if (result->referenceSteps)
      os << count(result->referenceSteps, "reference step")
         << (result->controlFlowSteps ? " and " : "");
    if (result->controlFlowSteps)
      os << count(result->controlFlowSteps, "control-flow step");
    os << " run through it; keep it beside the library)\n";
  }
  if (opts.weightsFile)
    os << "weights " << result->files.front() << " (" << result->weightBytes
       << " bytes)\n";
  else
    os << "weights embedded (" << result->weightBytes << " bytes)\n";
  os << "scratch " << result->scratchBytes << " bytes ("
     << result->unsharedScratchBytes << " without reuse)\n";
  os << "time    " << llvm::format("%.1f", msSince(start)) << " ms\n";
  return 0;
}

int compileCommand(const CompileOptions &opts) {
  bool library = llvm::StringRef(opts.output).ends_with(".so");
  if (library && !opts.emit.empty())
    return reportError("-o '" + opts.output +
                       "' names a library, which "
                       "kiln compile builds when no --emit stage is given; "
                       "drop --emit, or print the stage to another file");
  if (library && opts.printIrAfterAll)
    return reportError("--print-ir-after-all prints the graph passes of an "
                       "--emit stage; drop -o '" +
                       opts.output + "' or the option");
  if (library)
    return buildLibrary(opts);
  // A mistyped library path must not become a file of IR.
  if (opts.emit.empty() && opts.output != "-")
    return reportError("-o '" + opts.output +
                       "' does not end in .so: without --emit, kiln compile "
                       "builds a library, DIR/libNAME.so; to write IR to a "
                       "file, give the stage with --emit");
  if (opts.weightsFile)
    return reportError("--weights-file needs -o DIR/libNAME.so");
  if (opts.keepSource)
    return reportError("--keep-source needs -o DIR/libNAME.so");
  // Watching the passes means running them: optimized by default then.
  std::string emit = !opts.emit.empty()
                         ? opts.emit
                         : (opts.printIrAfterAll ? "optimized" : "kiln");
  if (emit == "kiln" && opts.printIrAfterAll)
    return reportError("--print-ir-after-all needs a stage after the graph "
                       "passes (--emit=optimized or later); --emit=kiln runs "
                       "none");
  static const char *stages[] = {"kiln",         "optimized", "plan", "linalg",
                                 "llvm-dialect", "llvm",      "asm"};
  if (!llvm::is_contained(stages, emit))
    return reportError("unknown --emit stage '" + emit +
                       "': expected kiln, optimized, plan, linalg, "
                       "llvm-dialect, llvm or asm");
  auto ctx = makeContext();
  frontend::LoadOptions load;
  if (!parseShapeOptions(opts.shapes, load.inputShapes))
    return 1;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      frontend::importOnnxFile(*ctx, opts.model, load);
  if (!module)
    return 1;
  mlir::OpPrintingFlags flags;
  if (!opts.keepWeights)
    flags.elideLargeResourceString(64);
  std::error_code ec;
  // ToolOutputFile deletes a partial file unless keep() is called.
  llvm::ToolOutputFile out(opts.output, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return reportError("cannot open '" + opts.output + "': " + ec.message());
  if (emit == "kiln") {
    module->print(out.os(), flags);
  } else {
    mlir::DialectRegistry registry;
    cpu::registerCpuBackendDialects(registry);
    ctx->appendDialectRegistry(registry);
    ctx->loadAllAvailableDialects();
    if (llvm::Error e = cpu::prepareGraph(
            *module, opts.cpu.optLevel > 0, opts.cpu.disabledPasses,
            opts.printIrAfterAll ? &llvm::errs() : nullptr))
      return reportError(llvm::toString(std::move(e)));
    if (emit == "optimized") {
      module->print(out.os(), flags);
    } else {
      auto plan = cpu::buildPlan(*module);
      if (!plan)
        return reportError(llvm::toString(plan.takeError()));
      if (emit == "plan") {
        printPlan(*plan, out.os());
      } else if (emit == "linalg") {
        plan->kernels->print(out.os(), flags);
      } else if (emit == "llvm-dialect") {
        if (llvm::Error e = cpu::lowerKernelsToLLVMDialect(*plan->kernels))
          return reportError(llvm::toString(std::move(e)));
        plan->kernels->print(out.os(), flags);
      } else {
        cpu::CodegenOptions cg;
        cg.optLevel = opts.cpu.optLevel;
        (emit == "llvm" ? cg.printLLVM : cg.printAsm) = &out.os();
        auto objects = cpu::compileKernels(*plan->kernels, cg);
        if (!objects)
          return reportError(llvm::toString(objects.takeError()));
      }
    }
  }
  out.os().flush();
  if (out.os().has_error())
    return reportError("cannot write '" + opts.output + "'");
  out.keep();
  return 0;
}

} // namespace kiln::tool
