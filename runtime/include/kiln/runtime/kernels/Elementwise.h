//===- Elementwise.h - Elementwise reference kernels ---------------*- C++ -*-===//
#ifndef KILN_RUNTIME_KERNELS_ELEMENTWISE_H
#define KILN_RUNTIME_KERNELS_ELEMENTWISE_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

Status evalRelu(KernelContext &ctx);
Status evalAdd(KernelContext &ctx);
Status evalLeakyRelu(KernelContext &ctx);

} // namespace kiln::ref

#endif
