//===- ExplainReport.h - Rendering the report of kiln explain ---*- C++ -*-===//
//
// `kiln explain` gathers its measurements into one JSON object (Explain.cpp
// fills it; "kiln_explain": 1 is its format). This header renders that object
// two ways: a self-contained HTML page (inline CSS and SVG, no script, no
// network) and a short summary for the terminal. Both only read the object:
// a section or figure that is missing, null or of the wrong type is left out
// (a null figure shows its sibling "*_note" instead), so a partial report
// renders as well as a full one.
//
// The formatting helpers below are shared by the two renderers so the page
// and the terminal print the same figure the same way.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_EXPLAINREPORT_H
#define KILN_TOOLS_KILN_EXPLAINREPORT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace kiln::tool {

struct ExplainOptions;

/// The report as one HTML page: findings, machine, where the time goes, the
/// roofline, the top layers, interpreted vs compiled, the ablation,
/// denormals, scaling, and the training and int8 estimates, each section
/// present when its data is.
std::string renderExplainHtml(const llvm::json::Object &report);

/// The report in about 20 lines: model, machine, time breakdown, top
/// findings, the 5 slowest layers, the best optimizations, and where the
/// HTML and JSON went ("html_path", "json_path").
void printExplainSummary(llvm::raw_ostream &os,
                         const llvm::json::Object &report);

/// Writes \p report as HTML to options.htmlFile and as JSON to
/// options.jsonFile, each when given (their paths recorded in the report as
/// "html_path" and "json_path"; a file is written whole or not at all), then
/// prints the summary on stdout. Returns the exit code: 1 after a "kiln:
/// error: cannot write ..." line.
int writeExplainReport(llvm::json::Object report,
                       const ExplainOptions &options);

/// `kiln explain --from-json REPORT.json`: reads a saved report (format 1)
/// and hands it to writeExplainReport. Returns the exit code.
int renderSavedReport(const ExplainOptions &options);

namespace explain {

/// The number at \p key of \p object (integers too); empty when the object
/// is null, or the key is missing, null or not a number, or the number is
/// not finite.
std::optional<double> number(const llvm::json::Object *object,
                             llvm::StringRef key);
/// The objects of the array at \p key of \p object (entries of another
/// type skipped; none when the object is null or the key is missing).
std::vector<const llvm::json::Object *>
objects(const llvm::json::Object *object, llvm::StringRef key);
/// The string at \p key of \p object, or "".
std::string string(const llvm::json::Object *object, llvm::StringRef key);
/// Why the figure at \p key is missing: the string at "<key>_note", or "".
std::string noteFor(const llvm::json::Object *object, llvm::StringRef key);

/// \p v with \p digits significant digits and no exponent: 0.0123, 1.02,
/// 129, 2153 (integers of more digits than \p digits are kept whole).
std::string formatSig(double v, int digits = 3);
/// \p v as formatSig without trailing zeros: "17", "512", "0.1", "2.5".
std::string formatNumber(double v, int digits = 3);
/// A duration: "3.01 µs", "41.2 µs", "0.412 ms", "129 ms", "2.15 s"
/// (microseconds below 0.1 ms).
std::string formatMs(double ms);
/// Bytes in binary units: "512 B", "48 KiB", "1.11 MiB", "2 GiB".
std::string formatBytes(double bytes);
/// A count of FLOPs: "2.56 kFLOP", "88.6 MFLOP", "24.6 GFLOP".
std::string formatFlops(double flops);
/// An integer with thousands separators: "292,016".
std::string formatCount(double v);
/// A fraction as a percentage with 2 significant digits: "63%", "2.1%",
/// "0.013%".
std::string formatShare(double fraction);

/// \p text escaped for HTML text and attribute values (&, <, >, ", '), with
/// invalid UTF-8 repaired and control characters shown as "\xNN".
std::string escapeHtml(llvm::StringRef text);

} // namespace explain

} // namespace kiln::tool

#endif
