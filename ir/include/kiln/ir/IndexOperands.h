//===- IndexOperands.h - Operands that address others -----------*- C++ -*-===//
//
// IndexOperandsOpInterface (IndexOperands.td): which operand of a gather,
// scatter or loss holds indices, and the range its values must lie in.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_IR_INDEXOPERANDS_H
#define KILN_IR_INDEXOPERANDS_H

#include "kiln/runtime/IndexRange.h"

#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"

#include "kiln/ir/IndexOperands.h.inc"

namespace kiln {
class KilnDialect;

/// Attaches IndexOperandsOpInterface to the gathers, scatters and losses;
/// KilnDialect::initialize calls it.
void attachIndexOperandsModels(KilnDialect *dialect);
} // namespace kiln

#endif // KILN_IR_INDEXOPERANDS_H
