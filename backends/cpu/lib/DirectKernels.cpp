//===- DirectKernels.cpp - Dispatch to memref-level kernels ---------------===//
#include "kiln/cpu/DirectKernels.h"

using namespace mlir;

namespace kiln::cpu {

bool hasDirectKernel(Operation *op) { return false; }

FailureOr<int64_t> emitDirectKernel(OpBuilder &b, Operation *op,
                                    ValueRange operands, ValueRange results,
                                    Value begin, Value end) {
  return failure();
}

} // namespace kiln::cpu
