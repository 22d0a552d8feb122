//===- IndexingHandlers.cpp - Import handlers -----------------------------===//
#include "kiln/frontend/OpImporter.h"

namespace kiln::frontend {

void registerIndexingHandlers(HandlerTable &t) { (void)t; }

} // namespace kiln::frontend
