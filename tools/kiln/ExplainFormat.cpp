//===- ExplainFormat.cpp - Figures of the explain report, for people -----===//
//
// Reading figures out of the report object without trusting its shape, and
// printing them the way a person reads them: three significant digits,
// binary units for bytes, separators in long counts. The HTML page and the
// terminal summary both print through these.
//
//===----------------------------------------------------------------------===//
#include "ExplainReport.h"

#include "llvm/Support/Format.h"

#include <cmath>

namespace kiln::tool::explain {

std::optional<double> number(const llvm::json::Object *object,
                             llvm::StringRef key) {
  if (!object)
    return std::nullopt;
  std::optional<double> v = object->getNumber(key);
  if (!v || !std::isfinite(*v))
    return std::nullopt;
  return v;
}

std::string string(const llvm::json::Object *object, llvm::StringRef key) {
  if (!object)
    return "";
  std::optional<llvm::StringRef> s = object->getString(key);
  return s ? s->str() : "";
}

std::string noteFor(const llvm::json::Object *object, llvm::StringRef key) {
  return string(object, (key + "_note").str());
}

std::string formatSig(double v, int digits) {
  if (!std::isfinite(v))
    return "n/a";
  if (v == 0)
    return "0";
  double a = std::fabs(v);
  int exponent = static_cast<int>(std::floor(std::log10(a)));
  int decimals = std::max(0, digits - 1 - exponent);
  // 9.996 at 3 digits rounds to 10.00: one decimal fewer.
  double scale = std::pow(10.0, decimals);
  if (decimals > 0 &&
      std::round(a * scale) / scale >= std::pow(10.0, exponent + 1))
    --decimals;
  decimals = std::min(decimals, 12);
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("%.*f", decimals, v);
  return s;
}

/// \p s without trailing zeros after a decimal point ("2.00" -> "2").
static std::string trimZeros(std::string s) {
  if (s.find('.') == std::string::npos)
    return s;
  while (!s.empty() && s.back() == '0')
    s.pop_back();
  if (!s.empty() && s.back() == '.')
    s.pop_back();
  return s;
}

std::string formatNumber(double v, int digits) {
  return trimZeros(formatSig(v, digits));
}

std::string formatMs(double ms) {
  if (std::fabs(ms) >= 1000)
    return formatSig(ms / 1000) + " s";
  if (std::fabs(ms) < 0.1 && ms != 0)
    return formatSig(ms * 1000) + " \u00b5s";
  return formatSig(ms) + " ms";
}

std::string formatBytes(double bytes) {
  static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  if (!std::isfinite(bytes))
    return "n/a";
  size_t unit = 0;
  while (std::fabs(bytes) >= 1024 && unit + 1 < std::size(units)) {
    bytes /= 1024;
    ++unit;
  }
  return trimZeros(formatSig(bytes)) + " " + units[unit];
}

std::string formatFlops(double flops) {
  static const char *const units[] = {"FLOP",  "kFLOP", "MFLOP",
                                      "GFLOP", "TFLOP", "PFLOP"};
  if (!std::isfinite(flops))
    return "n/a";
  size_t unit = 0;
  while (std::fabs(flops) >= 1000 && unit + 1 < std::size(units)) {
    flops /= 1000;
    ++unit;
  }
  return formatSig(flops) + " " + units[unit];
}

std::string formatCount(double v) {
  if (!std::isfinite(v))
    return "n/a";
  if (std::fabs(v) >= 1e15)
    return formatSig(v);
  std::string digits;
  llvm::raw_string_ostream(digits) << llvm::format("%.0f", std::fabs(v));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return (v < 0 && out != "0" ? "-" : "") + out;
}

std::string formatShare(double fraction) {
  if (!std::isfinite(fraction))
    return "n/a";
  return formatSig(100 * fraction, 2) + "%";
}

std::string escapeHtml(llvm::StringRef text) {
  std::string valid =
      llvm::json::isUTF8(text) ? text.str() : llvm::json::fixUTF8(text);
  std::string out;
  out.reserve(valid.size());
  for (char c : valid) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        // Control bytes are not text: shown, not interpreted.
        llvm::raw_string_ostream(out)
            << llvm::format("\\x%02x", static_cast<unsigned char>(c));
      } else {
        out += c;
      }
    }
  }
  return out;
}

} // namespace kiln::tool::explain
