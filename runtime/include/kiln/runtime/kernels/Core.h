//===- Core.h - Constant reference kernels ---------------*- C++ -*-===//
#ifndef KILN_RUNTIME_KERNELS_CORE_H
#define KILN_RUNTIME_KERNELS_CORE_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

/// Produces the tensor held by the "value" attribute.
Status evalConstant(KernelContext &ctx);

} // namespace kiln::ref

#endif
