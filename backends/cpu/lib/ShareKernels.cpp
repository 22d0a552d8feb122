//===- ShareKernels.cpp - One kernel for identical steps ------------------===//
//
// Repeated blocks outline identical kernels: a BERT's twelve layers, the
// bottlenecks of a ResNet stage, the repeats of an EfficientNet stage. Each
// kernel function is hashed without its name (structuralHash, KernelCache.h:
// what its generic printed form holds, without locations); a kernel whose
// hash an earlier one already has is erased and its steps call the earlier
// one. Weights and other large constants are
// arguments, so only the code has to match; a kernel that reads an inlined
// constant of its own (a memref.global) keeps it under its own name and is
// never merged with another. Lowering and code generation then do the work
// once per distinct kernel.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/KernelCache.h"
#include "kiln/cpu/Plan.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace kiln::cpu {

void shareIdenticalKernels(Plan &plan) {
  llvm::StringMap<std::string> firstWith; // hash -> symbol
  llvm::StringMap<std::string> replaced;  // erased symbol -> kept one
  SmallVector<func::FuncOp> funcs(plan.kernels->getOps<func::FuncOp>());
  for (func::FuncOp f : funcs) {
    std::string name = f.getSymName().str();
    auto [it, inserted] =
        firstWith.try_emplace(structuralHash(f, /*ignoreName=*/true), name);
    if (inserted)
      continue;
    replaced[name] = it->second;
    f.erase();
  }
  forEachStep(plan, [&](PlanStep &step) {
    if (step.kind == PlanStep::Kind::Compiled)
      if (auto it = replaced.find(step.symbol); it != replaced.end())
        step.symbol = it->second;
  });
}

void renameKernels(Plan &plan,
                   llvm::ArrayRef<std::pair<std::string, std::string>> names) {
  llvm::StringMap<std::string> to;
  for (const auto &[from, name] : names)
    to[from] = name;
  llvm::StringMap<bool> named;
  for (func::FuncOp f :
       llvm::make_early_inc_range(plan.kernels->getOps<func::FuncOp>())) {
    auto it = to.find(f.getSymName());
    if (it == to.end())
      continue;
    // A second kernel of the same content goes: the first serves both.
    if (!named.insert({it->second, true}).second) {
      f.erase();
      continue;
    }
    f.setSymName(it->second);
  }
  forEachStep(plan, [&](PlanStep &step) {
    if (step.kind == PlanStep::Kind::Compiled)
      if (auto it = to.find(step.symbol); it != to.end())
        step.symbol = it->second;
  });
}

} // namespace kiln::cpu
