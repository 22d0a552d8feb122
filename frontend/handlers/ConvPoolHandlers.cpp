//===- ConvPoolHandlers.cpp - Import handlers -----------------------------===//
#include "kiln/frontend/OpImporter.h"

namespace kiln::frontend {

void registerConvPoolHandlers(HandlerTable &t) { (void)t; }

} // namespace kiln::frontend
