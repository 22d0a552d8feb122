//===- BatchItems.h - Ops whose batch items are independent -----*- C++ -*-===//
//
// BatchItemsOpInterface (BatchItems.td): which ops compute each item of
// their batch from that item alone, and which operands carry the batch.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_IR_BATCHITEMS_H
#define KILN_IR_BATCHITEMS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"

#include "kiln/ir/BatchItems.h.inc"

namespace kiln {
class KilnDialect;

/// The attribute kiln-split-batch puts on each op it made for a part of
/// the batch (the slices of the part's inputs included): `array<i64:
/// begin, end>`, the items [begin, end) of the original op's batch that it
/// computes. Tools match it with the unsplit graph by it (`kiln compare
/// --per-layer`), and the JIT runs the parts side by side by it.
inline constexpr llvm::StringLiteral kItemsAttrName = "kiln.items";

/// Attaches BatchItemsOpInterface to the convolutions, pools, packed ops,
/// Concat, Flatten and Reshape; KilnDialect::initialize calls it.
void attachBatchItemsModels(KilnDialect *dialect);
} // namespace kiln

#endif // KILN_IR_BATCHITEMS_H
