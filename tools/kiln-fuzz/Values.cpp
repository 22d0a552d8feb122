//===- Values.cpp - The data of generated inputs and initializers ---------===//
#include "Values.h"

#include <cmath>
#include <limits>

namespace kiln::fuzz {

ValueKind valueKindOf(const std::string &name) {
  if (name.rfind("edge", 0) == 0)
    return ValueKind::Edge;
  if (name.rfind("pos", 0) == 0)
    return ValueKind::Positive;
  return ValueKind::Normal;
}

const char *valuePrefix(ValueKind kind) {
  switch (kind) {
  case ValueKind::Normal:
    return "x";
  case ValueKind::Positive:
    return "pos";
  case ValueKind::Edge:
    return "edge";
  }
  return "x";
}

float drawValue(zoo::Rng &rng, ValueKind kind) {
  if (kind == ValueKind::Positive)
    return rng.uniform(0.5f, 2.5f);
  uint64_t r = rng.next() % 100;
  if (r < 2)
    return 0.0f;
  if (r < 4)
    return -0.0f;
  if (kind == ValueKind::Normal || r >= 30)
    return rng.uniform(-2.0f, 2.0f);
  static const float edges[] = {
      std::numeric_limits<float>::quiet_NaN(),
      std::numeric_limits<float>::infinity(),
      -std::numeric_limits<float>::infinity(),
      1e30f,
      -1e30f,
      std::numeric_limits<float>::max(),
      -std::numeric_limits<float>::max(),
      1e-40f, // subnormal
      -1e-40f,
      std::numeric_limits<float>::min(),
      65504.0f, // largest half
      1e5f,
      -3.5f,
      0.5f,
      -0.5f,
      1.5f,
      2.5f, // rounding ties
  };
  return edges[r % (sizeof(edges) / sizeof(edges[0]))];
}

} // namespace kiln::fuzz
