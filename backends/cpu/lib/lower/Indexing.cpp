//===- Indexing.cpp - Lowering of the Indexing kiln ops ---------------------------===//
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

using namespace mlir;

namespace kiln::cpu {

void populateIndexingLowering(RewritePatternSet &patterns) {}

} // namespace kiln::cpu
