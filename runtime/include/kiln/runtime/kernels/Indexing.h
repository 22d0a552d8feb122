//===- Indexing.h - Indexing reference kernels ---------------*- C++ -*-===//
#ifndef KILN_RUNTIME_KERNELS_INDEXING_H
#define KILN_RUNTIME_KERNELS_INDEXING_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

} // namespace kiln::ref

#endif
