//===- ReduceReshape.cpp - Lowering of the ReduceReshape kiln ops ---------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu {

void populateReduceReshapeLowering(RewritePatternSet &patterns) {}

} // namespace kiln::cpu
