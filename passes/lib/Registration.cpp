//===- Registration.cpp - Explicit registration of Kiln passes ------------===//
//
// Nothing registers itself through static constructors: tools call
// kiln::registerAllKilnPasses().
//
//===----------------------------------------------------------------------===//
#include "kiln/passes/Passes.h"

namespace kiln {
/// Registers every Kiln pass with the global pass registry.
void registerAllKilnPasses() { registerKilnPasses(); }
} // namespace kiln
