//===- Compile.cpp - kiln compile: lower a model and emit a stage ---------===//
//
// Imports a model and prints the IR of the requested stage. Today the stages
// are `kiln` (the imported IR); the compiled backend adds more.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "mlir/IR/OperationSupport.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

namespace kiln::tool {

/// Prints the plan: one line per step, compiled or reference (with why).
static void printPlan(const cpu::Plan &plan, llvm::raw_ostream &os) {
  os << "# " << plan.steps.size() << " steps: " << plan.numCompiled()
     << " compiled kernels, " << plan.steps.size() - plan.numCompiled()
     << " reference steps\n";
  for (const cpu::PlanStep &step : plan.steps) {
    if (step.kind == cpu::PlanStep::Kind::Compiled)
      os << "kernel    " << step.symbol << "  " << step.label << "  ("
         << step.workItems << " work item" << (step.workItems == 1 ? "" : "s")
         << ")\n";
    else
      os << "reference " << step.label << ": " << step.reason << "\n";
  }
}

int compileCommand(const CompileOptions &opts) {
  static const char *stages[] = {"kiln", "optimized", "plan", "linalg",
                                 "llvm-dialect", "llvm", "asm"};
  if (!llvm::is_contained(stages, opts.emit))
    return reportError("unknown --emit stage '" + opts.emit +
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
  if (opts.emit == "kiln") {
    module->print(out.os(), flags);
  } else {
    mlir::DialectRegistry registry;
    cpu::registerCpuBackendDialects(registry);
    ctx->appendDialectRegistry(registry);
    ctx->loadAllAvailableDialects();
    if (llvm::Error e = cpu::prepareGraph(*module, /*optimize=*/true))
      return reportError(llvm::toString(std::move(e)));
    if (opts.emit == "optimized") {
      module->print(out.os(), flags);
    } else {
      auto plan = cpu::buildPlan(*module);
      if (!plan)
        return reportError(llvm::toString(plan.takeError()));
      if (opts.emit == "plan") {
        printPlan(*plan, out.os());
      } else if (opts.emit == "linalg") {
        plan->kernels->print(out.os(), flags);
      } else if (opts.emit == "llvm-dialect") {
        if (llvm::Error e = cpu::lowerKernelsToLLVMDialect(*plan->kernels))
          return reportError(llvm::toString(std::move(e)));
        plan->kernels->print(out.os(), flags);
      } else {
        cpu::CodegenOptions cg;
        (opts.emit == "llvm" ? cg.printLLVM : cg.printAsm) = &out.os();
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
