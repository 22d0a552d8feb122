//===- Values.h - The data of generated inputs and initializers -*- C++ -*-===//
//
// Graph inputs get their data from their names, so a model written to disk
// replays with the same inputs: "x*" inputs hold values in [-2, 2) (a few
// exact zeros and negative zeros among them), "pos*" inputs values in
// [0.5, 2.5), and "edge*" inputs also NaN, infinities, -0, huge and
// subnormal values. The generator fills initializers the same way.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_FUZZ_VALUES_H
#define KILN_TOOLS_FUZZ_VALUES_H

#include "GraphBuilder.h"

#include <string>

namespace kiln::fuzz {

enum class ValueKind { Normal, Positive, Edge };

/// The kind of data an input named \p name holds.
ValueKind valueKindOf(const std::string &name);

/// Name prefix of inputs of kind \p kind ("x", "pos", "edge").
const char *valuePrefix(ValueKind kind);

/// One value of kind \p kind.
float drawValue(zoo::Rng &rng, ValueKind kind);

} // namespace kiln::fuzz

#endif // KILN_TOOLS_FUZZ_VALUES_H
