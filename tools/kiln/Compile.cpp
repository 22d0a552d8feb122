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

int compileCommand(const CompileOptions &opts) {
  if (opts.emit != "kiln")
    return reportError("unknown --emit stage '" + opts.emit +
                       "': this build can emit 'kiln'");
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
  module->print(out.os(), flags);
  out.os().flush();
  if (out.os().has_error())
    return reportError("cannot write '" + opts.output + "'");
  out.keep();
  return 0;
}

} // namespace kiln::tool
