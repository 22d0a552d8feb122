//===- KilnOps.td - All kiln ops ------------------------------*- tablegen -*-===//
//
// The op records live in one file per op family under ops/.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_OPS_TD
#define KILN_OPS_TD

include "kiln/ir/KilnBase.td"
include "kiln/ir/ops/CoreOps.td"
include "kiln/ir/ops/ElementwiseOps.td"
include "kiln/ir/ops/ConvPoolOps.td"
include "kiln/ir/ops/MatMulNormOps.td"
include "kiln/ir/ops/ReduceReshapeOps.td"
include "kiln/ir/ops/IndexingOps.td"
include "kiln/ir/ops/MiscOps.td"
include "kiln/ir/ops/SequenceOps.td"
include "kiln/ir/ops/ContainerOps.td"
include "kiln/ir/ops/PackedOps.td"
include "kiln/ir/ops/LayoutOps.td"
include "kiln/ir/ops/ControlFlowOps.td"

#endif // KILN_OPS_TD
