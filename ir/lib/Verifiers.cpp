//===- Verifiers.cpp - Hand-written verifiers of kiln ops -----------------===//
//
// Checks that ODS constraints cannot express. Messages name the offending
// operand and say what was expected and what was found.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"

using namespace mlir;
using namespace kiln;
