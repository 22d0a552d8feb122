//===- KilnOpsShard3.cpp - Generated kiln op definitions, shard 3
//----------===//
//
// The ODS-generated op classes are compiled in four shards (see
// include/kiln/ir/CMakeLists.txt). Each op's evaluate() calls its reference
// kernel, declared in kiln/runtime/Kernels.h.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"
#include "kiln/runtime/Kernels.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

#define GET_OP_DEFS_3
#include "kiln/ir/KilnOps.cpp.inc"
