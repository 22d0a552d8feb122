//===- ExplainCharts.h - Inline SVG charts of the explain page --*- C++ -*-===//
//
// The three kinds of chart the HTML report draws, as inline SVG strings that
// need no script and no network: horizontal bars (one or two per row, on a
// linear or logarithmic axis, with optional whiskers and a reference line),
// vertical columns (a small multiple for scaling), and the roofline (log-log,
// the bandwidth slope and the peak ceiling, one dot per layer). Colours come
// from CSS classes the page defines (see ExplainHtml.cpp), so a chart looks
// like the text around it. Every label passes through escapeHtml.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_EXPLAINCHARTS_H
#define KILN_TOOLS_KILN_EXPLAINCHARTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiln::tool::explain {

/// One bar: its length, the text printed after it, and the CSS class that
/// colours it.
struct Bar {
  double value = 0;
  std::string text;
  std::string cls;
};

/// One row of a bar chart: a label and one or more bars drawn under each
/// other; with no bars, \p note is printed in their place.
struct BarRow {
  std::string label;
  std::vector<Bar> bars;
  std::string note;
  /// A range drawn across the first bar (its run-to-run spread).
  std::optional<std::pair<double, double>> whisker;
  /// Hover text of the row (a <title>).
  std::string tooltip;
};

/// How a bar chart's axis is drawn.
struct BarAxis {
  /// Decades instead of a linear scale from 0 (for values that span orders
  /// of magnitude).
  bool log = false;
  /// A dashed vertical line at this value (1x for speedups).
  std::optional<double> reference;
  std::string referenceLabel;
  /// Text under the axis.
  std::string title;
  /// Tick label of a value.
  std::function<std::string(double)> tick;
};

/// Horizontal bars, one row per entry of \p rows, \p width pixels wide.
std::string barChart(llvm::ArrayRef<BarRow> rows, const BarAxis &axis,
                     unsigned width = 1100);

/// One column of a column chart.
struct Column {
  std::string label;
  double value = 0;
  std::string text;
};

/// Vertical columns with their values printed above, a title above the
/// plot and \p xTitle under the categories.
std::string columnChart(llvm::StringRef title, llvm::StringRef xTitle,
                        llvm::ArrayRef<Column> columns, llvm::StringRef cls,
                        unsigned width = 520, unsigned height = 260);

/// A roof of the roofline: the machine's limits for some thread count.
struct Roof {
  double peakGflops = 0;
  double bandwidthGBs = 0;
  /// "2 threads".
  std::string label;
};

/// One layer on the roofline.
struct RoofPoint {
  double intensity = 0; // FLOP per byte
  double gflops = 0;
  double share = 0;  // of the time: sets the dot's size
  std::string cls;   // "compute", "memory" or "other"
  std::string label; // printed beside the dot when non-empty
  std::string tooltip;
};

/// The log-log roofline of \p points under \p roof (solid) and \p other
/// (dashed, e.g. one thread), one <circle class="dot ..."> per point.
std::string rooflineChart(llvm::ArrayRef<RoofPoint> points, const Roof &roof,
                          const std::optional<Roof> &other);

} // namespace kiln::tool::explain

#endif
