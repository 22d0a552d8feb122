//===- Core.cpp - Lowering of the Core kiln ops ---------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu {

void populateCoreLowering(RewritePatternSet &patterns) {}

} // namespace kiln::cpu
