//===- MatMulNorm.h - MatMulNorm reference kernels ---------------*- C++ -*-===//
#ifndef KILN_RUNTIME_KERNELS_MATMULNORM_H
#define KILN_RUNTIME_KERNELS_MATMULNORM_H

#include "kiln/runtime/Kernel.h"

namespace kiln::ref {

} // namespace kiln::ref

#endif
