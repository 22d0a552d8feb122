//===- ConvPool.h - ConvPool reference kernels ---------------*- C++ -*-===//
#ifndef KILN_RUNTIME_KERNELS_CONVPOOL_H
#define KILN_RUNTIME_KERNELS_CONVPOOL_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

} // namespace kiln::ref

#endif
