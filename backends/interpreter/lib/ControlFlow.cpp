//===- ControlFlow.cpp - If, Loop and Scan ops as descriptions ------------===//
//
// describeControlFlow is the only part that reads the op; the semantics are
// the runtime's (evalControlFlow), here with llvm errors.
//
//===----------------------------------------------------------------------===//
#include "kiln/interpreter/ControlFlow.h"
#include "kiln/interpreter/Interpreter.h"
#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln {

bool isControlFlow(Operation *op) { return isa<IfOp, LoopOp, ScanOp>(op); }

ControlFlowDesc describeControlFlow(Operation *op) {
  ControlFlowDesc desc;
  desc.kind = isa<IfOp>(op)     ? ControlFlowDesc::Kind::If
              : isa<LoopOp>(op) ? ControlFlowDesc::Kind::Loop
                                : ControlFlowDesc::Kind::Scan;
  desc.numOperands = op->getNumOperands();
  if (auto scan = dyn_cast<ScanOp>(op)) {
    desc.numScanInputs = scan.getNumScanInputs();
    desc.batched = scan.getBatched();
    auto ints = [&](llvm::StringRef name, std::vector<int64_t> &out) {
      if (auto given = shape::intsAttr(scan, name))
        out.assign(given->begin(), given->end());
    };
    ints("scan_input_axes", desc.scanInputAxes);
    ints("scan_input_directions", desc.scanInputDirections);
    ints("scan_output_axes", desc.scanOutputAxes);
    ints("scan_output_directions", desc.scanOutputDirections);
  }
  for (Value r : op->getResults())
    desc.results.push_back(specFromType(r.getType(), ""));
  for (Region &region : op->getRegions()) {
    Block &block = region.front();
    std::vector<TensorSpec> args;
    for (BlockArgument arg : block.getArguments())
      args.push_back(specFromType(
          arg.getType(), "argument #" + std::to_string(arg.getArgNumber())));
    desc.regionArgs.push_back(std::move(args));
    desc.regionYields.push_back(block.getTerminator()->getNumOperands());
  }
  return desc;
}

llvm::Expected<std::vector<Tensor>>
runControlFlow(const ControlFlowDesc &desc, const std::string &label,
               const std::vector<Tensor> &operands, RegionRunFn runRegion) {
  std::vector<Tensor> results;
  Status status = evalControlFlow(
      desc, label, operands,
      [&](unsigned index, std::vector<Tensor> args,
          std::vector<Tensor> &yields) -> Status {
        auto ran = runRegion(index, std::move(args));
        if (!ran)
          return Status::error(llvm::toString(ran.takeError()));
        yields = std::move(*ran);
        return Status::ok();
      },
      results);
  if (!status)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   status.message());
  return results;
}

} // namespace kiln
