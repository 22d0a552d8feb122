//===- TextFormat.h - Tables and JSON numbers of the kiln tool --*- C++ -*-===//
//
// The small formatting pieces every report of the tool prints with: padded
// table cells, fixed decimals, names clipped to a column, ONNX names made
// valid UTF-8 for JSON, and JSON numbers with 6 significant digits (null
// when not finite, which JSON cannot say).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_TEXTFORMAT_H
#define KILN_TOOLS_KILN_TEXTFORMAT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace kiln::tool {

/// \p v with \p digits decimals ("12.35"), or "-" when not finite.
std::string fixed(double v, int digits);

/// Left-justifies (or with \p right, right-justifies) \p s in \p width.
std::string pad(llvm::StringRef s, size_t width, bool right = false);

/// \p s cut to \p width, keeping its end (the distinctive part of a path
/// like "/encoder/layer.0/attention/self/MatMul").
std::string clip(const std::string &s, size_t width);

/// "parts of the batch side by side in N rounds" (Executor::sideBySideRounds).
std::string sideBySideText(size_t rounds);

/// \p s as valid UTF-8 (ONNX names are bytes).
std::string utf8(const std::string &s);

/// Writes \p v as a JSON number with 6 significant digits, or null when it
/// is not finite.
void jsonNumber(llvm::json::OStream &j, double v);
/// The same as the member \p key of the object being written.
void jsonNumber(llvm::json::OStream &j, llvm::StringRef key, double v);

} // namespace kiln::tool

#endif // KILN_TOOLS_KILN_TEXTFORMAT_H
