//===- ExplainHtml.h - Shared pieces of the explain page --------*- C++ -*-===//
//
// The HTML page of `kiln explain` is written by ExplainHtml.cpp (page,
// header, machine, time, roofline, layers) and ExplainSections.cpp (the
// ablation, denormals, scaling and estimates). This header holds what both
// halves use: section openers that honour null sections, figures that
// print their note when missing, and the section renderers of the second
// file.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_EXPLAINHTML_H
#define KILN_TOOLS_KILN_EXPLAINHTML_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <functional>
#include <string>

namespace kiln::tool::explain {

/// The figure at \p key of \p o formatted by \p format, escaped; or "n/a"
/// and its note when it is null or missing.
std::string figure(const llvm::json::Object *o, llvm::StringRef key,
                   const std::function<std::string(double)> &format);

/// "1.02 ms" (formatMs as a plain function).
std::string msText(double v);
/// A time axis tick: "0.1 ms", "10 ms", "1 s".
std::string msTick(double v);
/// A speedup axis tick: "0.5x", "1x", "2x".
std::string timesTick(double v);
/// "141 GFLOP/s".
std::string gflopsText(double v);
/// "18.6 GB/s".
std::string gbsText(double v);
/// "2.26x" (with a multiplication sign).
std::string timesText(double v);
/// "1 thread", "2 threads".
std::string threadsLabel(double n);

/// Appends `<section id=ID><h2>TITLE</h2>`.
void openSection(std::string &out, llvm::StringRef id, llvm::StringRef title);

/// The object at \p key of \p report, or null. A section that is null with
/// a "<key>_note" is rendered here, as its heading and the note.
const llvm::json::Object *sectionObject(std::string &out,
                                        const llvm::json::Object &report,
                                        llvm::StringRef key, llvm::StringRef id,
                                        llvm::StringRef title);

/// A coloured "compute" / "memory" label.
std::string chip(llvm::StringRef bound);

/// The thread count the report's timings ran on (the machine's when the
/// report does not say).
double threadsUsed(const llvm::json::Object &report);

/// What each optimization bought: "ablation".
void renderAblation(std::string &out, const llvm::json::Object &report);
/// Subnormal weights and activations, FTZ on and off: "denormals".
void renderDenormals(std::string &out, const llvm::json::Object &report);
/// Latency and throughput by batch and by threads: "scaling".
void renderScaling(std::string &out, const llvm::json::Object &report);
/// The training-step and int8 estimates: "training", "int8".
void renderEstimates(std::string &out, const llvm::json::Object &report);

} // namespace kiln::tool::explain

#endif
