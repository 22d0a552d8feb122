//===- TextFormat.cpp - Tables and JSON numbers of the kiln tool ----------===//
#include "TextFormat.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

namespace kiln::tool {

std::string fixed(double v, int digits) {
  if (!std::isfinite(v))
    return "-";
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("%.*f", digits, v);
  return s;
}

std::string pad(llvm::StringRef s, size_t width, bool right) {
  std::string fill(s.size() < width ? width - s.size() : 0, ' ');
  return right ? fill + s.str() : s.str() + fill;
}

std::string clip(const std::string &s, size_t width) {
  if (s.size() <= width)
    return s;
  return ".." + s.substr(s.size() - (width - 2));
}

std::string sideBySideText(size_t rounds) {
  return "parts of the batch side by side in " + std::to_string(rounds) +
         " round" + (rounds == 1 ? "" : "s");
}

std::string utf8(const std::string &s) {
  return llvm::json::isUTF8(s) ? s : llvm::json::fixUTF8(s);
}

void jsonNumber(llvm::json::OStream &j, double v) {
  if (!std::isfinite(v)) {
    j.value(nullptr);
    return;
  }
  j.rawValue([&](llvm::raw_ostream &os) { os << llvm::format("%.6g", v); });
}

void jsonNumber(llvm::json::OStream &j, llvm::StringRef key, double v) {
  j.attributeBegin(key);
  jsonNumber(j, v);
  j.attributeEnd();
}

} // namespace kiln::tool
