//===- MatMulNorm.cpp - Lowering of the MatMulNorm kiln ops ---------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu {

void populateMatMulNormLowering(RewritePatternSet &patterns) {}

} // namespace kiln::cpu
