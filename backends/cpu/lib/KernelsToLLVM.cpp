//===- KernelsToLLVM.cpp - Kernels' remaining dialects to LLVM ------------===//
//
// After vector-to-llvm, a chunk of kernels still holds memref, func, arith,
// index and cf ops. MLIR converts each with its own pass; run one after the
// other, each walks every op of the chunk, builds its own type converter and
// leaves unrealized casts between converted and unconverted values for the
// next, which reconcile-unrealized-casts then removes. On MobileNetV2 those
// five passes took over a third of the chunks' MLIR pass time. Here their
// patterns run as one dialect conversion: every op is visited and converted
// once, and values cross between dialects inside the conversion, not
// through casts. MLIR's generic convert-to-llvm pass also converts in one
// go, but with each dialect's default options: its functions would take
// memref descriptors, not the bare pointers Kiln's executor passes.
//
//===----------------------------------------------------------------------===//
#include "KernelsToLLVM.h"

#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVM.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/LLVMCommon/ConversionTarget.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;

namespace kiln::cpu {
namespace {

class KernelsToLLVMPass
    : public PassWrapper<KernelsToLLVMPass, OperationPass<ModuleOp>> {
public:
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(KernelsToLLVMPass)

  StringRef getArgument() const override { return "kiln-kernels-to-llvm"; }
  StringRef getDescription() const override {
    return "Convert memref, func, arith, index and cf to the LLVM dialect "
           "in one conversion";
  }
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<LLVM::LLVMDialect>();
  }

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    LowerToLLVMOptions options(ctx);
    // A kernel's buffers arrive as plain pointers (the executor's calling
    // convention), not as memref descriptors.
    options.useBarePtrCallConv = true;
    LLVMTypeConverter converter(ctx, options);
    RewritePatternSet patterns(ctx);
    populateFinalizeMemRefToLLVMConversionPatterns(converter, patterns);
    populateFuncToLLVMConversionPatterns(converter, patterns);
    arith::populateArithToLLVMConversionPatterns(converter, patterns);
    index::populateIndexToLLVMConversionPatterns(converter, patterns);
    cf::populateControlFlowToLLVMConversionPatterns(converter, patterns);
    cf::populateAssertToLLVMConversionPattern(converter, patterns);
    LLVMConversionTarget target(*ctx);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

std::unique_ptr<Pass> createKernelsToLLVMPass() {
  return std::make_unique<KernelsToLLVMPass>();
}

} // namespace kiln::cpu
