//===- ReduceReshape.h - ReduceReshape reference kernels ---------------*- C++ -*-===//
#ifndef KILN_RUNTIME_KERNELS_REDUCERESHAPE_H
#define KILN_RUNTIME_KERNELS_REDUCERESHAPE_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

} // namespace kiln::ref

#endif
