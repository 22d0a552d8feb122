//===- MatMulNormHandlers.cpp - Import handlers -----------------------------===//
#include "kiln/frontend/OpImporter.h"

namespace kiln::frontend {

void registerMatMulNormHandlers(HandlerTable &t) { (void)t; }

} // namespace kiln::frontend
