//===- ConvPool.cpp - Lowering of the ConvPool kiln ops ---------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu {

void populateConvPoolLowering(RewritePatternSet &patterns) {}

} // namespace kiln::cpu
