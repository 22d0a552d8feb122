//===- TensorSpec.cpp - A value's declared type ---------------------------===//
#include "kiln/runtime/TensorSpec.h"

namespace kiln {

bool TensorSpec::isStatic() const {
  if (!ranked)
    return false;
  for (int64_t d : shape)
    if (d < 0)
      return false;
  return true;
}

std::string TensorSpec::format() const {
  if (!ranked)
    return "*x" + std::string(dtypeName(dtype));
  std::string s;
  for (int64_t d : shape)
    s += (d < 0 ? std::string("?") : std::to_string(d)) + "x";
  return s + std::string(dtypeName(dtype));
}

} // namespace kiln
