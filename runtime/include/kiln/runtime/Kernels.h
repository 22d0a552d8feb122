//===- Kernels.h - Declarations of every reference kernel -------*- C++ -*-===//
//
// One header per op family under kernels/. The kiln dialect's generated
// `evaluate()` methods call these, so every op needs its kernel declared here.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNELS_H
#define KILN_RUNTIME_KERNELS_H

#include "kiln/runtime/kernels/Containers.h"
#include "kiln/runtime/kernels/ConvPool.h"
#include "kiln/runtime/kernels/Core.h"
#include "kiln/runtime/kernels/Elementwise.h"
#include "kiln/runtime/kernels/Indexing.h"
#include "kiln/runtime/kernels/Layout.h"
#include "kiln/runtime/kernels/MatMulNorm.h"
#include "kiln/runtime/kernels/Misc.h"
#include "kiln/runtime/kernels/Packed.h"
#include "kiln/runtime/kernels/ReduceReshape.h"
#include "kiln/runtime/kernels/Sequence.h"

#endif // KILN_RUNTIME_KERNELS_H
