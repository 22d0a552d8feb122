//===- TensorSpec.cpp - A value's declared type ---------------------------===//
#include "kiln/runtime/TensorSpec.h"

namespace kiln {

bool TensorSpec::isStatic() const {
  if (!ranked || kind != ValueKind::Tensor)
    return false;
  for (int64_t d : shape)
    if (d < 0)
      return false;
  return true;
}

/// Whether dense tensor \p t has \p spec's element type and known dims.
static bool denseFits(const TensorSpec &spec, const Tensor &t) {
  if (!t.isDense() || t.dtype() != spec.dtype)
    return false;
  if (!spec.ranked)
    return true;
  if (static_cast<size_t>(t.rank()) != spec.shape.size())
    return false;
  for (size_t d = 0; d < spec.shape.size(); ++d)
    if (spec.shape[d] >= 0 && spec.shape[d] != t.dim(d))
      return false;
  return true;
}

/// Whether \p t is a \p kind (Tensor or Sequence) whose tensors fit.
static bool fits(const TensorSpec &spec, ValueKind kind, const Tensor &t) {
  if (kind == ValueKind::Tensor)
    return denseFits(spec, t);
  if (t.kind() != ValueKind::Sequence || t.dtype() != spec.dtype)
    return false;
  for (const Tensor &item : t.items())
    if (!denseFits(spec, item))
      return false;
  return true;
}

bool TensorSpec::accepts(const Tensor &value) const {
  if (kind != ValueKind::Optional)
    return fits(*this, kind, value);
  // A present value of the optional's kind stands for an optional holding
  // it (OptionalHasElement and OptionalGetElement take either).
  if (value.kind() != ValueKind::Optional)
    return fits(*this, optionalOf, value);
  if (value.dtype() != dtype)
    return false;
  return value.items().empty() || fits(*this, optionalOf, value.items()[0]);
}

bool TensorSpec::holdsKindOf(const Tensor &value) const {
  if (value.dtype() != dtype)
    return false;
  if (kind != ValueKind::Optional)
    return value.kind() == kind;
  if (value.kind() != ValueKind::Optional)
    return value.kind() == optionalOf;
  return value.items().empty() || value.items()[0].kind() == optionalOf;
}

std::string TensorSpec::format() const {
  std::string s;
  if (!ranked) {
    s = "*x" + std::string(dtypeName(dtype));
  } else {
    for (int64_t d : shape)
      s += (d < 0 ? std::string("?") : std::to_string(d)) + "x";
    s += std::string(dtypeName(dtype));
  }
  if (kind == ValueKind::Sequence ||
      (kind == ValueKind::Optional && optionalOf == ValueKind::Sequence))
    s = "seq<" + s + ">";
  if (kind == ValueKind::Optional)
    s = "opt<" + s + ">";
  return s;
}

} // namespace kiln
