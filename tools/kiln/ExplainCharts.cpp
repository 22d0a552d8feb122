//===- ExplainCharts.cpp - Inline SVG charts of the explain page ----------===//
//
// Bar, column and roofline charts as SVG text. Each chart computes its own
// axis from its data (a "nice" linear scale of 1, 2, 2.5 or 5 times a power
// of ten, or whole decades on a logarithmic one), lays out its labels in
// estimated text widths (no font metrics without a browser: an average
// glyph of 0.6 em is close enough for the sans-serif faces a page gets) and
// draws with CSS classes, so the page's stylesheet sets every colour.
//
//===----------------------------------------------------------------------===//
#include "ExplainCharts.h"
#include "ExplainReport.h"

#include "llvm/Support/Format.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kiln::tool::explain {

namespace {

/// An SVG coordinate.
std::string px(double v) {
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("%.1f", v);
  return s;
}

/// Approximate width in pixels of \p text at \p fontPx.
double textWidth(llvm::StringRef text, double fontPx) {
  // UTF-8 continuation bytes are not glyphs.
  size_t glyphs = llvm::count_if(text, [](char c) {
    return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  });
  return glyphs * fontPx * 0.6;
}

/// \p text cut to \p max characters, keeping its end (the distinctive part
/// of "/encoder/layer.0/attention/self/MatMul").
std::string clipFront(const std::string &text, size_t max) {
  if (text.size() <= max)
    return text;
  size_t start = text.size() - (max - 1);
  // Do not start inside a UTF-8 sequence.
  while (start < text.size() &&
         (static_cast<unsigned char>(text[start]) & 0xc0) == 0x80)
    ++start;
  return "\xe2\x80\xa6" + text.substr(start); // "..."
}

/// The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a
/// power of ten) that is >= \p v.
double niceCeil(double v) {
  if (!(v > 0))
    return 1;
  double scale = std::pow(10.0, std::floor(std::log10(v)));
  for (double step : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
    if (v <= step * scale * (1 + 1e-9))
      return step * scale;
  return 10 * scale;
}

std::string text(double x, double y, llvm::StringRef content,
                 llvm::StringRef cls, llvm::StringRef anchor = "start") {
  return "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\" class=\"" + cls.str() +
         "\" text-anchor=\"" + anchor.str() + "\">" + escapeHtml(content) +
         "</text>\n";
}

std::string line(double x1, double y1, double x2, double y2,
                 llvm::StringRef cls) {
  return "<line x1=\"" + px(x1) + "\" y1=\"" + px(y1) + "\" x2=\"" + px(x2) +
         "\" y2=\"" + px(y2) + "\" class=\"" + cls.str() + "\"/>\n";
}

std::string rect(double x, double y, double w, double h, llvm::StringRef cls) {
  return "<rect x=\"" + px(x) + "\" y=\"" + px(y) + "\" width=\"" + px(w) +
         "\" height=\"" + px(h) + "\" class=\"" + cls.str() + "\"/>\n";
}

std::string svgOpen(double width, double height, llvm::StringRef cls) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"" + cls.str() +
         "\" viewBox=\"0 0 " + px(width) + " " + px(height) + "\" width=\"" +
         px(width) + "\" height=\"" + px(height) + "\" role=\"img\">\n";
}

/// A value axis: linear from 0 to a nice maximum, or whole decades.
struct Scale {
  bool log = false;
  double lo = 0, hi = 1;   // values (decade exponents when log)
  double from = 0, to = 1; // pixels

  double operator()(double v) const {
    double t;
    if (log)
      t = v > 0 ? (std::log10(v) - lo) / (hi - lo) : 0;
    else
      t = (v - lo) / (hi - lo);
    return from + (to - from) * std::clamp(t, 0.0, 1.0);
  }

  std::vector<double> ticks() const {
    std::vector<double> out;
    // Figures of 1e300 overflow to infinity: no ticks rather than no end.
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo))
      return out;
    if (log) {
      for (double e = lo; e <= hi + 1e-9; ++e)
        out.push_back(std::pow(10.0, e));
      return out;
    }
    double step = niceCeil((hi - lo) / 6);
    for (double v = lo; v <= hi * (1 + 1e-9) && out.size() < 20; v += step)
      out.push_back(v);
    return out;
  }
};

/// A linear scale from 0 to at least \p max.
Scale linearScale(double max, double from, double to) {
  return Scale{false, 0, niceCeil(max > 0 ? max : 1), from, to};
}

/// A decade scale covering [\p min, \p max] (both > 0), at least
/// \p minDecades and at most \p maxDecades wide (the low end is raised).
Scale logScale(double min, double max, double from, double to,
               int minDecades = 1, int maxDecades = 8) {
  double lo = std::floor(std::log10(min)), hi = std::ceil(std::log10(max));
  if (hi - lo < minDecades)
    lo = hi - minDecades;
  if (hi - lo > maxDecades)
    lo = hi - maxDecades;
  return Scale{true, lo, hi, from, to};
}

std::string defaultTick(double v) { return formatNumber(v); }

} // namespace

std::string barChart(llvm::ArrayRef<BarRow> rows, const BarAxis &axis,
                     unsigned width) {
  const double barHeight = 15, barGap = 3, rowGap = 10, font = 12;
  double maxValue = 0, minPositive = std::numeric_limits<double>::infinity();
  double labelW = 60, textW = 40;
  for (const BarRow &row : rows) {
    labelW = std::max(labelW, textWidth(clipFront(row.label, 40), font));
    for (const Bar &bar : row.bars) {
      if (std::isfinite(bar.value))
        maxValue = std::max(maxValue, bar.value);
      if (bar.value > 0)
        minPositive = std::min(minPositive, bar.value);
      textW = std::max(textW, textWidth(bar.text, font));
    }
    if (row.whisker && std::isfinite(row.whisker->second))
      maxValue = std::max(maxValue, row.whisker->second);
  }
  if (axis.reference)
    maxValue = std::max(maxValue, *axis.reference);
  labelW = std::min(labelW + 14, width * 0.35);
  textW = std::min(textW + 16, width * 0.3);
  double x0 = labelW, x1 = width - textW;
  Scale scale = axis.log && std::isfinite(minPositive)
                    // A decade below the smallest, so its bar shows.
                    ? logScale(minPositive / 10, maxValue, x0, x1)
                    : linearScale(maxValue, x0, x1);
  auto tick = axis.tick ? axis.tick : defaultTick;

  double top = axis.referenceLabel.empty() ? 6 : 20, y = top;
  std::string body;
  for (const BarRow &row : rows) {
    size_t n = std::max<size_t>(1, row.bars.size());
    double rowH = n * barHeight + (n - 1) * barGap;
    body += "<g class=\"row\">";
    if (!row.tooltip.empty())
      body += "<title>" + escapeHtml(row.tooltip) + "</title>";
    body += "\n" + text(x0 - 8, y + rowH / 2 + font * 0.35,
                        clipFront(row.label, 40), "label", "end");
    if (row.bars.empty())
      body += text(x0 + 4, y + rowH / 2 + font * 0.35, row.note, "note");
    for (size_t i = 0; i < row.bars.size(); ++i) {
      const Bar &bar = row.bars[i];
      double by = y + i * (barHeight + barGap);
      double end = scale(bar.value);
      if (bar.value > 0)
        body +=
            rect(x0, by, std::max(1.0, end - x0), barHeight, "bar " + bar.cls);
      double textX = std::max(end, x0) + 5;
      if (i == 0 && row.whisker)
        textX = std::max(textX, scale(row.whisker->second) + 5);
      body += text(textX, by + barHeight / 2 + font * 0.35, bar.text, "value");
    }
    if (row.whisker && !row.bars.empty()) {
      double wy = y + barHeight / 2;
      double a = scale(row.whisker->first), b = scale(row.whisker->second);
      body += line(a, wy, b, wy, "whisker");
      body += line(a, wy - 4, a, wy + 4, "whisker");
      body += line(b, wy - 4, b, wy + 4, "whisker");
    }
    body += "</g>\n";
    y += rowH + rowGap;
  }
  double plotBottom = y - rowGap / 2;
  double height = plotBottom + 20 + (axis.title.empty() ? 4 : 18);

  std::string svg = svgOpen(width, height, "chart bars");
  for (double v : scale.ticks()) {
    double x = scale(v);
    svg += line(x, top - 4, x, plotBottom, "grid");
    svg += text(x, plotBottom + 14, tick(v), "tick", "middle");
  }
  svg += line(x0, top - 4, x0, plotBottom, "axis");
  if (axis.reference) {
    double x = scale(*axis.reference);
    svg += line(x, top - 6, x, plotBottom, "reference");
    if (!axis.referenceLabel.empty())
      svg += text(x, top - 9, axis.referenceLabel, "tick", "middle");
  }
  svg += body;
  if (!axis.title.empty())
    svg += text((x0 + x1) / 2, height - 4, axis.title, "axis-title", "middle");
  return svg + "</svg>\n";
}

std::string columnChart(llvm::StringRef title, llvm::StringRef xTitle,
                        llvm::ArrayRef<Column> columns, llvm::StringRef cls,
                        unsigned width, unsigned height) {
  const double left = 52, right = 12, top = 40, bottom = 46;
  double maxValue = 0;
  for (const Column &c : columns)
    maxValue = std::max(maxValue, c.value);
  Scale y = linearScale(maxValue * 1.08, height - bottom, top);
  std::string svg = svgOpen(width, height, "chart columns");
  svg += text(8, 18, title, "chart-title");
  for (double v : y.ticks()) {
    svg += line(left, y(v), width - right, y(v), "grid");
    svg += text(left - 6, y(v) + 4, formatNumber(v), "tick", "end");
  }
  svg += line(left, height - bottom, width - right, height - bottom, "axis");
  double slot = (width - left - right) / std::max<size_t>(1, columns.size());
  double barW = std::min(56.0, slot * 0.6);
  for (size_t i = 0; i < columns.size(); ++i) {
    const Column &c = columns[i];
    double cx = left + slot * (i + 0.5);
    double yTop = y(std::max(0.0, c.value));
    if (c.value > 0)
      svg += rect(cx - barW / 2, yTop, barW,
                  std::max(1.0, height - bottom - yTop), "bar " + cls.str());
    svg += text(cx, yTop - 5, c.text, "value", "middle");
    svg += text(cx, height - bottom + 15, c.label, "tick", "middle");
  }
  svg += text((left + width - right) / 2, height - 8, xTitle, "axis-title",
              "middle");
  return svg + "</svg>\n";
}

namespace {

/// A placed label's box, to keep the next labels off it.
struct Box {
  double x0, y0, x1, y1;
  bool overlaps(const Box &o) const {
    return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
  }
};

} // namespace

std::string rooflineChart(llvm::ArrayRef<RoofPoint> points, const Roof &roof,
                          const std::optional<Roof> &other) {
  const double width = 1100, height = 520;
  const double left = 70, right = 24, top = 16, bottom = 54, font = 11;
  double ridge = roof.peakGflops > 0 && roof.bandwidthGBs > 0
                     ? roof.peakGflops / roof.bandwidthGBs
                     : 0;

  // The axes cover every point, the ridge a decade either side, and the
  // peak with room above for its label.
  double minX = std::numeric_limits<double>::infinity(), maxX = 0;
  double minY = std::numeric_limits<double>::infinity(), maxY = 0;
  for (const RoofPoint &p : points) {
    minX = std::min(minX, p.intensity);
    maxX = std::max(maxX, p.intensity);
    minY = std::min(minY, p.gflops / 1.5);
    maxY = std::max(maxY, p.gflops);
  }
  if (ridge > 0) {
    minX = std::min(minX, ridge / 10);
    maxX = std::max(maxX, ridge * 10);
  }
  for (const Roof *r : {&roof, other ? &*other : nullptr})
    if (r && r->peakGflops > 0) {
      maxY = std::max(maxY, r->peakGflops * 2);
      minY = std::min(minY, r->peakGflops / 100);
    }
  if (!std::isfinite(minX) || maxX <= 0) {
    minX = 0.1;
    maxX = 100;
  }
  if (!std::isfinite(minY) || maxY <= 0) {
    minY = 0.1;
    maxY = 1000;
  }
  // A margin of half a dot's worth so no dot is cut at an edge.
  Scale sx = logScale(minX / 1.5, maxX * 1.5, left, width - right, 2, 8);
  Scale sy = logScale(minY, maxY, height - bottom, top, 2, 7);
  double xLo = std::pow(10.0, sx.lo), xHi = std::pow(10.0, sx.hi);
  double yLo = std::pow(10.0, sy.lo);

  std::string svg = svgOpen(width, height, "chart roofline");
  for (double v : sx.ticks()) {
    svg += line(sx(v), top, sx(v), height - bottom, "grid");
    svg += text(sx(v), height - bottom + 16, formatNumber(v), "tick", "middle");
  }
  for (double v : sy.ticks()) {
    svg += line(left, sy(v), width - right, sy(v), "grid");
    svg += text(left - 6, sy(v) + 4, formatNumber(v), "tick", "end");
  }
  svg += rect(left, top, width - right - left, height - bottom - top, "frame");
  svg += text((left + width - right) / 2, height - 14,
              "arithmetic intensity (FLOP per byte moved, log scale)",
              "axis-title", "middle");
  svg += "<text class=\"axis-title\" text-anchor=\"middle\" "
         "transform=\"translate(18," +
         px((top + height - bottom) / 2) +
         ") rotate(-90)\">GFLOP/s (log scale)</text>\n";

  // Boxes of the labels drawn so far, and of the dots: a dot's label goes
  // where it covers none of them.
  std::vector<Box> placed;

  // A roof: the slope y = bandwidth * x up to the ridge, then the peak. The
  // main roof's label goes above its peak, the other's below.
  auto drawRoof = [&](const Roof &r, llvm::StringRef cls, bool main) {
    std::string path;
    if (r.bandwidthGBs > 0) {
      double x = std::max(xLo, yLo / r.bandwidthGBs);
      double end = r.peakGflops > 0 ? r.peakGflops / r.bandwidthGBs : xHi;
      end = std::min(end, xHi);
      path = "M" + px(sx(x)) + "," + px(sy(r.bandwidthGBs * x)) + " L" +
             px(sx(end)) + "," + px(sy(r.bandwidthGBs * end));
      if (main) {
        // Along the slope, halfway up it.
        double mx = std::sqrt(x * end);
        double angle = std::atan2(
            sy(r.bandwidthGBs * end) - sy(r.bandwidthGBs * x), sx(end) - sx(x));
        std::string label =
            "memory " + formatSig(r.bandwidthGBs) + " GB/s, " + r.label;
        double cx = sx(mx), cy = sy(r.bandwidthGBs * mx) - 7;
        svg += "<text class=\"roof-label\" text-anchor=\"middle\" "
               "transform=\"translate(" +
               px(cx) + "," + px(cy) + ") rotate(" + px(angle * 180 / M_PI) +
               ")\">" + escapeHtml(label) + "</text>\n";
        double half = textWidth(label, 12) / 2;
        double dx = half * std::fabs(std::cos(angle)),
               dy = half * std::fabs(std::sin(angle));
        placed.push_back({cx - dx, cy - dy - 12, cx + dx, cy + dy + 4});
      }
    }
    if (r.peakGflops > 0) {
      double from = r.bandwidthGBs > 0
                        ? std::max(xLo, r.peakGflops / r.bandwidthGBs)
                        : xLo;
      path += (path.empty() ? "M" : " L") + px(sx(from)) + "," +
              px(sy(r.peakGflops)) + " L" + px(sx(xHi)) + "," +
              px(sy(r.peakGflops));
      std::string label =
          "peak " + formatSig(r.peakGflops) + " GFLOP/s, " + r.label;
      double ly = main ? sy(r.peakGflops) - 6 : sy(r.peakGflops) + 15;
      double lx = width - right - 6, w = textWidth(label, 12);
      svg += text(lx, ly, label, "roof-label", "end");
      placed.push_back({lx - w, ly - 12, lx, ly + 4});
    }
    if (!path.empty())
      svg += "<path d=\"" + path + "\" class=\"" + cls.str() + "\"/>\n";
  };
  if (other)
    drawRoof(*other, "roof other", false);
  drawRoof(roof, "roof", true);
  if (ridge > 0 && ridge < xHi) {
    svg += line(sx(ridge), sy(roof.peakGflops), sx(ridge), height - bottom,
                "ridge");
    svg += text(sx(ridge) + 4, height - bottom - 6,
                "ridge " + formatSig(ridge) + " FLOP/B", "tick");
  }

  // Dots, the largest first so small ones stay visible on top.
  std::vector<size_t> order(points.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  auto radius = [&](const RoofPoint &p) {
    return 3.5 + 12 * std::sqrt(std::clamp(p.share, 0.0, 1.0));
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return radius(points[a]) > radius(points[b]);
  });
  std::string labels;
  for (size_t i : order) {
    const RoofPoint &p = points[i];
    double cx = sx(p.intensity), cy = sy(p.gflops), r = radius(p);
    svg += "<circle class=\"dot " + p.cls + "\" cx=\"" + px(cx) + "\" cy=\"" +
           px(cy) + "\" r=\"" + px(r) + "\"><title>" + escapeHtml(p.tooltip) +
           "</title></circle>\n";
    placed.push_back({cx - r, cy - r, cx + r, cy + r});
  }
  for (size_t i : order) {
    const RoofPoint &p = points[i];
    if (p.label.empty())
      continue;
    std::string label = clipFront(p.label, 32);
    double cx = sx(p.intensity), cy = sy(p.gflops), r = radius(p);
    double w = textWidth(label, font), h = font + 2;
    // Right, left, above and below on either side; then further down.
    struct Spot {
      double x, y;
      bool rightAligned;
    };
    std::vector<Spot> spots = {
        {cx + r + 4, cy + 4, false},        {cx - r - 4, cy + 4, true},
        {cx + r, cy - r - 3, false},        {cx - r, cy - r - 3, true},
        {cx + r, cy + r + font + 1, false}, {cx - r, cy + r + font + 1, true}};
    for (int k = 1; k <= 8; ++k) {
      spots.push_back({cx + r, cy + r + font + 1 + k * h, false});
      spots.push_back({cx - r, cy + r + font + 1 + k * h, true});
    }
    Spot chosen = spots.front();
    size_t chosenIndex = 0;
    for (size_t k = 0; k < spots.size(); ++k) {
      const Spot &s = spots[k];
      double x0 = s.rightAligned ? s.x - w : s.x;
      Box box{x0, s.y - font, x0 + w, s.y + 3};
      bool inside = box.x0 >= left && box.x1 <= width - right &&
                    box.y0 >= top && box.y1 <= height - bottom;
      if (inside && llvm::none_of(placed, [&](const Box &o) {
            return box.overlaps(o);
          })) {
        chosen = s;
        chosenIndex = k;
        break;
      }
    }
    double x0 = chosen.rightAligned ? chosen.x - w : chosen.x;
    placed.push_back({x0, chosen.y - font, x0 + w, chosen.y + 3});
    // A label pushed away from its dot gets a leader line to it.
    if (chosenIndex >= 6)
      labels += line(cx, cy + r, chosen.x, chosen.y - font + 2, "leader");
    labels += text(chosen.x, chosen.y, label, "dot-label",
                   chosen.rightAligned ? "end" : "start");
  }
  return svg + labels + "</svg>\n";
}

} // namespace kiln::tool::explain
