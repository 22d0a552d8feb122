//===- Attributes.cpp - Op attributes as the runtime sees them ------------===//
#include "kiln/runtime/Attributes.h"

namespace kiln {

const AttrValue *AttrMap::find(std::string_view name) const {
  auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

int64_t AttrMap::getInt(std::string_view name, int64_t def) const {
  const AttrValue *v = find(name);
  if (!v)
    return def;
  if (auto *i = std::get_if<int64_t>(v))
    return *i;
  if (auto *d = std::get_if<double>(v))
    return static_cast<int64_t>(*d);
  return def;
}

double AttrMap::getFloat(std::string_view name, double def) const {
  const AttrValue *v = find(name);
  if (!v)
    return def;
  if (auto *d = std::get_if<double>(v))
    return *d;
  if (auto *i = std::get_if<int64_t>(v))
    return static_cast<double>(*i);
  return def;
}

std::string AttrMap::getString(std::string_view name, std::string def) const {
  const AttrValue *v = find(name);
  if (auto *s = v ? std::get_if<std::string>(v) : nullptr)
    return *s;
  return def;
}

std::vector<int64_t> AttrMap::getInts(std::string_view name,
                                      std::vector<int64_t> def) const {
  const AttrValue *v = find(name);
  if (!v)
    return def;
  if (auto *is = std::get_if<std::vector<int64_t>>(v))
    return *is;
  if (auto *i = std::get_if<int64_t>(v))
    return {*i};
  return def;
}

std::vector<double> AttrMap::getFloats(std::string_view name,
                                       std::vector<double> def) const {
  const AttrValue *v = find(name);
  if (!v)
    return def;
  if (auto *fs = std::get_if<std::vector<double>>(v))
    return *fs;
  if (auto *is = std::get_if<std::vector<int64_t>>(v))
    return std::vector<double>(is->begin(), is->end());
  if (auto *d = std::get_if<double>(v))
    return {*d};
  return def;
}

std::vector<std::string> AttrMap::getStrings(std::string_view name) const {
  const AttrValue *v = find(name);
  if (auto *ss = v ? std::get_if<std::vector<std::string>>(v) : nullptr)
    return *ss;
  return {};
}

const Tensor *AttrMap::getTensor(std::string_view name) const {
  const AttrValue *v = find(name);
  return v ? std::get_if<Tensor>(v) : nullptr;
}

} // namespace kiln
