//===- ReduceReshapeHandlers.cpp - Import handlers -----------------------------===//
#include "kiln/frontend/OpImporter.h"

namespace kiln::frontend {

void registerReduceReshapeHandlers(HandlerTable &t) { (void)t; }

} // namespace kiln::frontend
