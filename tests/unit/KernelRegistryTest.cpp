//===- KernelRegistryTest.cpp - Every kiln op's kernel is found by name ---===//
//
// libkiln-rt.so finds reference kernels by name (KernelRegistry.h) where the
// compiler goes through ReferenceKernelOpInterface. This walks every op the
// kiln dialect registers, so an op whose kernel the registry misses fails
// here rather than in an AOT library at run time.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelRegistry.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace kiln;

TEST(KernelRegistry, HasTheKernelOfEveryKilnOp) {
  mlir::DialectRegistry registry;
  registerKilnDialects(registry);
  mlir::MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  int checked = 0;
  for (mlir::RegisteredOperationName op : ctx.getRegisteredOperations()) {
    if (op.getDialectNamespace() != "kiln" ||
        !op.hasInterface<ReferenceKernelOpInterface>())
      continue;
    llvm::StringRef name =
        op.getInterface<ReferenceKernelOpInterface>()->getOnnxName();
    EXPECT_NE(findKernel(std::string_view(name.data(), name.size())), nullptr)
        << op.getStringRef().str() << ": no kernel 'eval" << name.str()
        << "' in KernelRegistry";
    ++checked;
  }
  EXPECT_GT(checked, 100);
}
