//===- Attributes.h - Op attributes as the runtime sees them ----*- C++ -*-===//
//
// A kernel reads its op's attributes by their ONNX names from an AttrMap,
// with the ONNX default when absent. The interpreter fills the map once per op
// from the MLIR attributes; the runtime never sees MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_ATTRIBUTES_H
#define KILN_RUNTIME_ATTRIBUTES_H

#include "kiln/runtime/Tensor.h"

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiln {

/// One attribute value.
using AttrValue =
    std::variant<int64_t, double, std::string, std::vector<int64_t>,
                 std::vector<double>, std::vector<std::string>, Tensor>;

/// Attributes of one op by name.
class AttrMap {
public:
  void set(std::string name, AttrValue value) {
    values[std::move(name)] = std::move(value);
  }
  bool has(std::string_view name) const { return find(name) != nullptr; }
  /// The raw value, or null.
  const AttrValue *find(std::string_view name) const;

  int64_t getInt(std::string_view name, int64_t def) const;
  double getFloat(std::string_view name, double def) const;
  std::string getString(std::string_view name, std::string def = "") const;
  std::vector<int64_t> getInts(std::string_view name,
                               std::vector<int64_t> def = {}) const;
  std::vector<double> getFloats(std::string_view name,
                                std::vector<double> def = {}) const;
  std::vector<std::string> getStrings(std::string_view name) const;
  /// The tensor attribute, or null.
  const Tensor *getTensor(std::string_view name) const;

  const std::map<std::string, AttrValue, std::less<>> &all() const {
    return values;
  }

private:
  std::map<std::string, AttrValue, std::less<>> values;
};

} // namespace kiln

#endif // KILN_RUNTIME_ATTRIBUTES_H
