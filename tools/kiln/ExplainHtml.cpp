//===- ExplainHtml.cpp - The explain report as one HTML page --------------===//
//
// renderExplainHtml writes the report object as a page a person who asked
// "why is my model slow" can read top to bottom: the findings first, then
// the machine, where the time goes, the roofline, the slowest layers,
// interpreted against compiled, what each optimization bought, denormals,
// scaling, and the training and int8 estimates. The page is self-contained:
// one inline stylesheet, inline SVG charts (ExplainCharts.h), <details> for
// long tables, no script and no external resource, so it reads the same
// offline, in a mail attachment, or in a headless browser.
//
// Every section reads its figures through explain::number and friends: a
// missing section is left out, a section that is null shows its "*_note",
// and a null figure prints "n/a" with its note. Every string from the
// report (node names are arbitrary bytes) goes through escapeHtml.
//
//===----------------------------------------------------------------------===//
#include "ExplainHtml.h"
#include "ExplainCharts.h"
#include "ExplainReport.h"

#include "llvm/ADT/StringExtras.h"
#include <algorithm>
#include <cmath>
#include <map>

namespace kiln::tool {

using namespace explain;
using llvm::StringRef;
using llvm::json::Array;
using llvm::json::Object;

namespace {

const char *const kStyle = R"css(
:root{--fg:#1f2328;--muted:#59636e;--line:#d8dee4;--bg:#f3f4f6;--card:#fff;
--compute:#2f6fdb;--memory:#e8772e;--other:#8c959f;--interp:#b3bcc6;
--gain:#2da44e;--loss:#cf222e;--setup:#8a63d2}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,
"Segoe UI","DejaVu Sans","Liberation Sans",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:20px 20px 40px}
.kicker{font-size:12px;letter-spacing:.08em;text-transform:uppercase;
color:var(--muted)}
h1{font-size:26px;margin:0 0 2px;overflow-wrap:anywhere}
h2{font-size:18px;margin:0 0 10px}
h3{font-size:15px;margin:0 0 8px}
p{margin:6px 0}
.meta,.sub{color:var(--muted)}
.sub{font-size:12px}
.tiles{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0 0}
.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;
padding:8px 14px;flex:1;min-width:150px}
.tile .v{font-size:22px;font-weight:600;white-space:nowrap}
.tile .k{font-size:12px;color:var(--muted)}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;
padding:14px 20px;margin:16px 0}
ol.findings{margin:0;padding-left:22px}
ol.findings li{margin:4px 0}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}
table.layers td:nth-child(2){min-width:300px}
table.counts{width:auto;min-width:60%}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;
vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:12px}
tbody th{white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;
white-space:nowrap}
tbody tr:nth-child(even){background:#f9fafb}
tr.hot td{background:#fff4e5}
.name{overflow-wrap:break-word;font-family:"DejaVu Sans Mono",ui-monospace,
monospace;font-size:12px}
.na{color:var(--muted);font-style:italic}
.chip{display:inline-block;padding:0 7px;border-radius:9px;font-size:11px;
color:#fff;white-space:nowrap}
.chip.compute{background:var(--compute)}.chip.memory{background:var(--memory)}
.chip.other{background:var(--other)}
.meter{display:inline-block;width:44px;height:8px;background:#e8ebef;
border-radius:4px;margin-right:6px;vertical-align:0}
.meter span{display:block;height:8px;background:var(--compute);
border-radius:4px}
.badge{display:inline-block;font-size:11px;font-weight:600;padding:1px 8px;
border-radius:9px;vertical-align:2px;margin-left:8px;text-transform:uppercase;
letter-spacing:.05em}
.badge.estimate{background:#fff1c2;color:#7a5a00;border:1px solid #e5c158}
.badge.measured{background:#dff5e3;color:#1a6b32;border:1px solid #8fd19e}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));
gap:16px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card table td:first-child{color:var(--muted)}
.cols{display:flex;flex-wrap:wrap;gap:4px 20px}
.legend{font-size:12px;color:var(--muted);display:flex;flex-wrap:wrap;
gap:2px 18px;margin:4px 0}
.key{display:inline-block;width:10px;height:10px;border-radius:50%;
margin-right:5px;vertical-align:-1px}
.key.compute{background:var(--compute)}.key.memory{background:var(--memory)}
.key.other{background:var(--other)}.key.interp{background:var(--interp)}
.key.setup{background:var(--setup)}
.key.line{border-radius:0;height:2px;width:18px;background:#24292f;
vertical-align:3px}
.key.dashed{border-radius:0;height:0;width:18px;border-top:2px dashed #8c959f;
vertical-align:3px}
details summary{cursor:pointer;color:var(--muted);margin:6px 0}
footer{color:var(--muted);font-size:12px;margin-top:20px}
svg.chart{display:block;max-width:100%;height:auto;margin:6px 0}
svg.chart text{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif}
.chart .tick{font-size:11px;fill:var(--muted)}
.chart .label,.chart .value{font-size:12px;fill:var(--fg)}
.chart .note{font-size:12px;fill:var(--muted);font-style:italic}
.chart .grid{stroke:#e6e9ed}
.chart .axis,.chart .frame{stroke:#9aa4ae;fill:none}
.chart .reference{stroke:#57606a;stroke-dasharray:4 3}
.chart .whisker{stroke:#24292f;stroke-width:1.5}
.chart .chart-title{font-size:13px;font-weight:600;fill:var(--fg)}
.chart .axis-title{font-size:12px;fill:var(--muted)}
.bar.setup{fill:var(--setup)}.bar.run,.bar.compiled{fill:var(--compute)}
.bar.interp{fill:var(--interp)}.bar.gain{fill:var(--gain)}
.bar.loss{fill:var(--loss)}.bar.neutral{fill:var(--other)}
.bar.memory{fill:var(--memory)}.bar.latency{fill:#1f8f99}
.roof{fill:none;stroke:#24292f;stroke-width:2}
.roof.other{stroke:#8c959f;stroke-width:1.5;stroke-dasharray:6 4}
.ridge{stroke:#8c959f;stroke-dasharray:2 3}
.leader{stroke:#8c959f;stroke-width:.8}
.chart .roof-label{font-size:12px;fill:#24292f}
.dot{stroke:#fff;stroke-width:1;fill-opacity:.88}
.dot.compute{fill:var(--compute)}.dot.memory{fill:var(--memory)}
.dot.other{fill:var(--other)}
.chart .dot-label{font-size:12px;font-weight:700;fill:#24292f}
ol.hot{margin:4px 0;padding-left:22px;font-size:13px}
)css";

/// \p name escaped, with a line-break opportunity after each '/' (ONNX
/// names are paths: "/encoder/layer.0/attention/self/MatMul").
std::string nameHtml(StringRef name) {
  std::string escaped = escapeHtml(name), out;
  for (char c : escaped) {
    out += c;
    if (c == '/')
      out += "<wbr>";
  }
  return out;
}

/// \p v with 3 significant digits, or "" for a missing figure (a table cell).
std::string optionalSig(const std::optional<double> &v) {
  return v ? formatSig(*v) : "";
}

/// One entry of "layers", read once for every section.
struct HtmlLayer {
  int64_t index = -1;
  std::string node, op, kind, bound;
  std::vector<std::string> nodes;
  std::optional<double> ms, share, interpMs, speedup, flops, bytes, gflops, gbs,
      intensity, attainable, pctOfAttainable;
  /// Its bytes fit in the L2 caches: cache bandwidth, not the memory's,
  /// bounds it, and it can pass the roof.
  bool fitsInL2 = false;
};

/// The layers of \p report; the figures that follow from others (GFLOP/s,
/// intensity, speedup, share) are filled in where left out.
std::vector<HtmlLayer> readLayers(const Object &report) {
  std::vector<HtmlLayer> layers;
  const Array *array = report.getArray("layers");
  if (!array)
    return layers;
  double totalMs = 0;
  for (const llvm::json::Value &v : *array) {
    const Object *o = v.getAsObject();
    if (!o)
      continue;
    HtmlLayer l;
    double index =
        number(o, "index").value_or(static_cast<double>(layers.size()));
    // An index no plan has (1e300) must not overflow the conversion.
    l.index = std::fabs(index) < 1e15 ? static_cast<int64_t>(index) : -1;
    l.node = string(o, "node");
    l.op = string(o, "op");
    l.kind = string(o, "kind");
    l.bound = string(o, "bound");
    if (const Array *nodes = o->getArray("nodes"))
      for (const llvm::json::Value &n : *nodes)
        if (std::optional<StringRef> s = n.getAsString())
          l.nodes.push_back(s->str());
    l.ms = number(o, "ms");
    l.share = number(o, "share");
    l.interpMs = number(o, "interp_ms");
    l.speedup = number(o, "speedup");
    l.flops = number(o, "flops");
    l.bytes = number(o, "bytes");
    l.gflops = number(o, "gflops");
    l.gbs = number(o, "gbs");
    l.intensity = number(o, "intensity");
    l.attainable = number(o, "attainable_gflops");
    l.pctOfAttainable = number(o, "pct_of_attainable");
    l.fitsInL2 = o->getBoolean("fits_in_l2").value_or(false);
    // What follows from the other figures is filled in when left out.
    if (!l.gflops && l.flops && l.ms && *l.ms > 0)
      l.gflops = *l.flops / *l.ms / 1e6;
    if (!l.intensity && l.flops && l.bytes && *l.bytes > 0)
      l.intensity = *l.flops / *l.bytes;
    if (!l.speedup && l.interpMs && l.ms && *l.ms > 0)
      l.speedup = *l.interpMs / *l.ms;
    totalMs += l.ms.value_or(0);
    layers.push_back(std::move(l));
  }
  for (HtmlLayer &l : layers)
    if (!l.share && l.ms && totalMs > 0)
      l.share = *l.ms / totalMs;
  return layers;
}

/// Positions in \p layers of the hotspots ("hotspots" holds layer indices,
/// slowest first), else of the layers by time, slowest first.
std::vector<size_t> hotspots(const Object &report,
                             const std::vector<HtmlLayer> &layers) {
  std::vector<size_t> out;
  if (const Array *array = report.getArray("hotspots")) {
    for (const llvm::json::Value &v : *array) {
      std::optional<int64_t> index = v.getAsInteger();
      if (!index)
        continue;
      for (size_t i = 0; i < layers.size(); ++i)
        if (layers[i].index == *index && !llvm::is_contained(out, i)) {
          out.push_back(i);
          break;
        }
    }
    if (!out.empty())
      return out;
  }
  for (size_t i = 0; i < layers.size(); ++i)
    if (layers[i].ms)
      out.push_back(i);
  std::stable_sort(out.begin(), out.end(), [&](size_t a, size_t b) {
    return *layers[a].ms > *layers[b].ms;
  });
  return out;
}

//===-- Header and findings -----------------------------------------------===//

void renderHeader(std::string &out, const Object &report) {
  std::string model = string(&report, "model");
  out += "<header>\n<div class=\"kicker\">kiln explain</div>\n<h1>" +
         escapeHtml(model.empty() ? "(unnamed model)" : model) + "</h1>\n";
  std::vector<std::string> meta;
  if (std::optional<double> opset = number(&report, "opset"))
    meta.push_back("opset " + formatNumber(*opset));
  if (std::string backend = string(&report, "backend"); !backend.empty())
    meta.push_back(escapeHtml(backend));
  if (std::optional<double> threads = number(&report, "threads"))
    meta.push_back(threadsLabel(*threads));
  if (const Array *inputs = report.getArray("inputs"))
    for (const llvm::json::Value &v : *inputs)
      if (const Object *in = v.getAsObject()) {
        std::string text = "input <span class=\"name\">" +
                           escapeHtml(string(in, "name")) + "</span> " +
                           escapeHtml(string(in, "shape")) + " " +
                           escapeHtml(string(in, "dtype"));
        if (std::string source = string(in, "source"); !source.empty())
          text += " (" + escapeHtml(source) + ")";
        meta.push_back(text);
      }
  if (!meta.empty())
    out += "<div class=\"meta\">" + llvm::join(meta, " \u00b7 ") + "</div>\n";

  // The few figures that answer "how slow" at a glance.
  const Object *time = report.getObject("time");
  const Object *steady = time ? time->getObject("steady") : nullptr;
  const Object *totals = report.getObject("totals");
  std::string tiles;
  auto tile = [&](const std::string &value, StringRef what) {
    tiles += "<div class=\"tile\"><div class=\"v\">" + value +
             "</div><div class=\"k\">" + escapeHtml(what) + "</div></div>\n";
  };
  std::optional<double> median = number(steady, "median_ms");
  if (median)
    tile(escapeHtml(formatMs(*median)), "steady run (median)");
  if (std::optional<double> first = number(time, "first_run_ms"))
    tile(escapeHtml(formatMs(*first)), "first run");
  if (std::optional<double> cold = number(time, "compile_cold_ms"))
    tile(escapeHtml(formatMs(*cold)), "compile, cold");
  std::optional<double> interp = number(time, "interp_ms");
  if (interp && median && *median > 0)
    tile(escapeHtml(timesText(*interp / *median)),
         "faster than the interpreter");
  if (std::optional<double> gflops = number(totals, "gflops")) {
    std::string what = "achieved";
    if (std::optional<double> pct = number(totals, "pct_of_peak"))
      what = formatSig(*pct, 2) + "% of the machine's peak";
    tile(escapeHtml(gflopsText(*gflops)), what);
  }
  if (!tiles.empty())
    out += "<div class=\"tiles\">\n" + tiles + "</div>\n";
  out += "</header>\n";
}

void renderFindings(std::string &out, const Object &report) {
  const Array *findings = report.getArray("findings");
  std::string items;
  if (findings)
    for (const llvm::json::Value &v : *findings)
      if (std::optional<StringRef> s = v.getAsString())
        items += "<li>" + escapeHtml(*s) + "</li>\n";
  if (items.empty())
    return;
  openSection(out, "findings", "Findings");
  out += "<ol class=\"findings\">\n" + items + "</ol>\n</section>\n";
}

//===-- The machine -------------------------------------------------------===//

void renderMachine(std::string &out, const Object &report) {
  const Object *m =
      sectionObject(out, report, "machine", "machine", "The machine");
  if (!m)
    return;
  openSection(out, "machine", "The machine");
  std::string threadsAll = threadsLabel(number(m, "threads").value_or(0));
  auto row = [&](StringRef what, const std::string &value,
                 const std::string &method) {
    out += "<tr><th>" + escapeHtml(what) + "</th><td>" + value +
           "</td><td class=\"sub\">" + escapeHtml(method) + "</td></tr>\n";
  };
  out += "<table>\n<thead><tr><th></th><th>measured</th><th>how</th></tr>"
         "</thead>\n<tbody>\n";
  std::string cpu = escapeHtml(string(m, "cpu"));
  if (std::optional<double> bits = number(m, "vector_bits"))
    cpu += ", " + formatNumber(*bits) + "-bit vectors";
  row("CPU", cpu, "");
  row("FMA peak (fp32)",
      figure(m, "peak_gflops_1", gflopsText) + " on 1 thread, " +
          figure(m, "peak_gflops_all", gflopsText) + " on " + threadsAll,
      string(m, "peak_method"));
  row("Memory bandwidth",
      figure(m, "bandwidth_gbs_1", gbsText) + " on 1 thread, " +
          figure(m, "bandwidth_gbs_all", gbsText) + " on " + threadsAll,
      string(m, "bandwidth_method"));
  row("Caches",
      "L1d " + figure(m, "l1d_bytes", formatBytes) + " and L2 " +
          figure(m, "l2_bytes", formatBytes) + " per core, L3 " +
          figure(m, "l3_bytes", formatBytes) + " shared",
      string(m, "cache_method"));
  std::optional<double> peak = number(m, "peak_gflops_all"),
                        bandwidth = number(m, "bandwidth_gbs_all");
  if (threadsUsed(report) == 1) {
    peak = number(m, "peak_gflops_1");
    bandwidth = number(m, "bandwidth_gbs_1");
  }
  if (peak && bandwidth && *bandwidth > 0)
    row("Ridge point",
        escapeHtml(formatSig(*peak / *bandwidth)) +
            " FLOP per byte: a layer doing fewer FLOPs per byte it moves "
            "is held back by memory, one doing more by arithmetic",
        "peak / bandwidth at the thread count of this run");
  out += "</tbody>\n</table>\n";
  std::optional<double> peak1 = number(m, "peak_gflops_1"),
                        peakAll = number(m, "peak_gflops_all"),
                        bw1 = number(m, "bandwidth_gbs_1"),
                        bwAll = number(m, "bandwidth_gbs_all");
  if (number(m, "threads").value_or(1) > 1 &&
      ((peak1 && peakAll && *peakAll < *peak1) ||
       (bw1 && bwAll && *bwAll < 0.9 * *bw1)))
    out += "<p><b>Suspect figures:</b> all threads measured less than one "
           "thread did. The machine was probably busy while they were "
           "measured; the roof drawn with them is too low.</p>\n";
  if (std::optional<bool> cached = m->getBoolean("from_cache"))
    out += std::string("<p class=\"sub\">") +
           (*cached ? "Measured once on this machine and read back from "
                      "Kiln's cache."
                    : "Measured in this run.") +
           "</p>\n";
  out += "</section>\n";
}

//===-- Where the time goes -----------------------------------------------===//

void renderTime(std::string &out, const Object &report) {
  const Object *time =
      sectionObject(out, report, "time", "time", "Where the time goes");
  if (!time)
    return;
  const Object *steady = time->getObject("steady");
  struct Entry {
    const Object *object;
    StringRef key, label, cls;
  };
  const Entry entries[] = {
      {time, "load_ms", "load the model file", "setup"},
      {time, "import_ms", "import into Kiln's IR", "setup"},
      {time, "compile_cold_ms", "compile, cold", "setup"},
      {time, "cache_write_ms", "write the model cache", "setup"},
      {time, "compile_cached_ms", "compile, from the cache", "setup"},
      {time, "first_run_ms", "first run", "run"},
      {steady, "median_ms", "steady run (median)", "run"},
      {time, "interp_ms", "interpreter run", "interp"},
  };
  std::vector<BarRow> rows;
  for (const Entry &e : entries) {
    BarRow row;
    row.label = e.label.str();
    if (std::optional<double> v = number(e.object, e.key)) {
      row.bars.push_back({*v, formatMs(*v), e.cls.str()});
    } else if (e.object && e.object->get(e.key)) {
      std::string note = noteFor(e.object, e.key);
      row.note = "n/a" + (note.empty() ? "" : " (" + note + ")");
    } else {
      continue;
    }
    rows.push_back(std::move(row));
  }
  openSection(out, "time", "Where the time goes");
  if (!rows.empty()) {
    BarAxis axis;
    axis.log = true;
    axis.title = "wall-clock time, log scale";
    axis.tick = msTick;
    out += "<div class=\"legend\"><span><span class=\"key setup\"></span>"
           "once per process or model</span><span><span class=\"key "
           "compute\"></span>every inference</span><span><span class=\"key "
           "interp\"></span>the same run on the interpreter</span></div>\n";
    out += barChart(rows, axis);
  }
  if (steady) {
    std::vector<std::string> parts;
    for (auto [key, label] : {std::pair<StringRef, StringRef>{"min_ms", "min"},
                              {"median_ms", "median"},
                              {"p90_ms", "p90"},
                              {"p99_ms", "p99"},
                              {"max_ms", "max"}})
      if (std::optional<double> v = number(steady, key))
        parts.push_back(label.str() + " " + formatMs(*v));
    if (!parts.empty()) {
      std::string runs;
      if (std::optional<double> n = number(steady, "runs"))
        runs = " over " + formatCount(*n) + " runs after warm-up";
      out += "<p>Steady state" + escapeHtml(runs) + ": " +
             escapeHtml(llvm::join(parts, ", ")) + ".</p>\n";
    }
  }
  if (const Object *totals = report.getObject("totals")) {
    std::vector<std::string> parts;
    if (std::optional<double> flops = number(totals, "flops"))
      parts.push_back(formatFlops(*flops) + " per run");
    if (std::optional<double> bytes = number(totals, "bytes"))
      parts.push_back(formatBytes(*bytes) + " read and written by the layers");
    if (std::optional<double> weights = number(totals, "weight_bytes"))
      parts.push_back(formatBytes(*weights) + " of weights");
    if (std::optional<double> gflops = number(totals, "gflops")) {
      std::string achieved = "achieved " + gflopsText(*gflops);
      if (std::optional<double> pct = number(totals, "pct_of_peak"))
        achieved += ", " + formatSig(*pct, 2) + "% of the peak";
      parts.push_back(achieved);
    }
    if (!parts.empty())
      out += "<p>Work: " + escapeHtml(llvm::join(parts, "; ")) + ".</p>\n";
  }
  out += "</section>\n";
}

//===-- The roofline ------------------------------------------------------===//

void renderRoofline(std::string &out, const Object &report,
                    const std::vector<HtmlLayer> &layers,
                    const std::vector<size_t> &hot) {
  std::vector<RoofPoint> points;
  std::vector<std::string> offPlot;
  std::map<size_t, size_t> rank; // position in layers -> hotspot rank
  for (size_t r = 0; r < hot.size() && r < 5; ++r)
    rank[hot[r]] = r;
  for (size_t i = 0; i < layers.size(); ++i) {
    const HtmlLayer &l = layers[i];
    if (!l.intensity || !l.gflops || *l.intensity <= 0 || *l.gflops <= 0) {
      offPlot.push_back(l.node);
      continue;
    }
    RoofPoint p;
    p.intensity = *l.intensity;
    p.gflops = *l.gflops;
    p.share = l.share.value_or(0);
    p.cls = l.bound == "compute" || l.bound == "memory" ? l.bound : "other";
    if (rank.count(i))
      p.label = std::to_string(rank[i] + 1);
    p.tooltip = l.node + " (" + l.op +
                "): " + (l.ms ? formatMs(*l.ms) + ", " : "") +
                gflopsText(*l.gflops) + ", " + formatSig(*l.intensity) +
                " FLOP/B" + (l.bound.empty() ? "" : ", " + l.bound + "-bound");
    points.push_back(std::move(p));
  }
  if (points.empty() && offPlot.empty())
    return;
  openSection(out, "roofline", "Roofline");
  const Object *m = report.getObject("machine");
  double threads = threadsUsed(report);
  Roof roof;
  std::optional<Roof> other;
  if (threads == 1) {
    roof = {number(m, "peak_gflops_1").value_or(0),
            number(m, "bandwidth_gbs_1").value_or(0), "1 thread"};
  } else {
    roof = {number(m, "peak_gflops_all").value_or(0),
            number(m, "bandwidth_gbs_all").value_or(0),
            threadsLabel(number(m, "threads").value_or(threads))};
    Roof one{number(m, "peak_gflops_1").value_or(0),
             number(m, "bandwidth_gbs_1").value_or(0), "1 thread"};
    if (one.peakGflops > 0 || one.bandwidthGBs > 0)
      other = one;
  }
  out += "<p>Each dot is a layer at its arithmetic intensity (FLOPs per byte "
         "it reads and writes) and the GFLOP/s it achieved. No layer can rise "
         "above the roof: the sloped part is memory bandwidth, the flat part "
         "the FMA peak. A dot far below the roof leaves speed unused; its "
         "distance from the roof is what tuning can still win.</p>\n";
  out += "<div class=\"legend\"><span><span class=\"key compute\"></span>"
         "compute-bound</span><span><span class=\"key memory\"></span>"
         "memory-bound</span><span><span class=\"key line\"></span>roof at " +
         escapeHtml(roof.label) + "</span>";
  if (other)
    out += "<span><span class=\"key dashed\"></span>roof at 1 thread</span>";
  out += "<span>dot area: share of the time; numbered: the slowest "
         "layers</span></div>\n";
  if (roof.peakGflops <= 0 && roof.bandwidthGBs <= 0)
    out += "<p class=\"na\">The machine's limits are not in the report: the "
           "dots are drawn without a roof.</p>\n";
  out += rooflineChart(points, roof, other);
  // Dots above the roof: cache-resident layers, or a roof measured low.
  size_t above = 0, aboveInL2 = 0;
  for (const HtmlLayer &l : layers) {
    if (!l.intensity || !l.gflops || *l.intensity <= 0)
      continue;
    double limit = roof.bandwidthGBs > 0 ? *l.intensity * roof.bandwidthGBs
                                         : roof.peakGflops;
    if (roof.peakGflops > 0)
      limit = std::min(limit, roof.peakGflops);
    if (limit > 0 && *l.gflops > 1.05 * limit) {
      ++above;
      aboveInL2 += l.fitsInL2;
    }
  }
  if (above) {
    std::string note = std::to_string(above) +
                       (above == 1 ? " layer is" : " layers are") +
                       " above the roof.";
    if (aboveInL2)
      note +=
          (aboveInL2 == above ? std::string(" All of them")
                              : " " + std::to_string(aboveInL2) + " of them") +
          " move few enough bytes to stay in the L2 caches, which deliver "
          "far more than the memory bandwidth the roof is drawn with.";
    if (aboveInL2 < above)
      note += " A layer above the roof that is not cache-resident means "
              "the roof is too low: the machine was probably busy while its "
              "limits were measured.";
    out += "<p class=\"sub\">" + escapeHtml(note) + "</p>\n";
  }
  // The key of the numbered dots.
  std::string key;
  for (size_t r = 0; r < hot.size() && r < 5; ++r) {
    const HtmlLayer &l = layers[hot[r]];
    if (!l.intensity || !l.gflops || *l.intensity <= 0 || *l.gflops <= 0)
      continue;
    std::vector<std::string> parts;
    if (l.ms)
      parts.push_back(formatMs(*l.ms) +
                      (l.share ? " (" + formatShare(*l.share) + ")" : ""));
    parts.push_back(gflopsText(*l.gflops));
    if (l.pctOfAttainable)
      parts.push_back(formatSig(*l.pctOfAttainable, 2) + "% of attainable");
    if (!l.bound.empty())
      parts.push_back(l.bound + "-bound");
    key += "<li value=\"" + std::to_string(r + 1) + "\"><span class=\"name\">" +
           escapeHtml(l.node) + "</span> <span class=\"sub\">" +
           escapeHtml(l.op) +
           "</span>: " + escapeHtml(llvm::join(parts, ", ")) + "</li>\n";
  }
  if (!key.empty())
    out += "<ol class=\"hot\">\n" + key + "</ol>\n";
  if (!offPlot.empty()) {
    std::vector<std::string> shown;
    for (size_t i = 0; i < offPlot.size() && i < 6; ++i)
      shown.push_back("<span class=\"name\">" + escapeHtml(offPlot[i]) +
                      "</span>");
    if (offPlot.size() > shown.size())
      shown.push_back("and " + std::to_string(offPlot.size() - shown.size()) +
                      " more");
    out += "<p class=\"sub\">Not on the plot (no FLOPs or no timing: data "
           "movement such as layout changes): " +
           std::to_string(offPlot.size()) +
           (offPlot.size() == 1 ? " layer, " : " layers, ") +
           llvm::join(shown, ", ") + ".</p>\n";
  }
  out += "</section>\n";
}

//===-- Layers ------------------------------------------------------------===//

/// The layer cell: its node name, op and kind, and the other ONNX nodes the
/// step covers (fused into it).
std::string layerCell(const HtmlLayer &l) {
  std::string cell = "<span class=\"name\">" + nameHtml(l.node) +
                     "</span><div class=\"sub\">" + escapeHtml(l.op) +
                     (l.kind.empty() ? "" : " \u00b7 " + escapeHtml(l.kind));
  std::vector<std::string> fused;
  for (const std::string &n : l.nodes)
    if (n != l.node)
      fused.push_back("<span class=\"name\">" + nameHtml(n) + "</span>");
  if (l.nodes.empty())
    cell += " \u00b7 no ONNX node (added by the compiler)";
  else if (!fused.empty())
    cell += " \u00b7 also covers " + llvm::join(fused, ", ");
  return cell + "</div>";
}

/// The unit of a column of times: microseconds when every time in it is
/// under 0.1 ms, else milliseconds.
struct TimeUnit {
  std::string name = "ms";
  double scale = 1;

  TimeUnit(const std::vector<HtmlLayer> &layers, llvm::ArrayRef<size_t> order,
           std::optional<double> HtmlLayer::*field) {
    double max = 0;
    for (size_t i : order)
      max = std::max(max, (layers[i].*field).value_or(0));
    if (max > 0 && max < 0.1) {
      name = "\u00b5s";
      scale = 1000;
    }
  }
  std::string operator()(const std::optional<double> &ms) const {
    return ms ? formatSig(*ms * scale) : "";
  }
};

void layerTable(std::string &out, const std::vector<HtmlLayer> &layers,
                llvm::ArrayRef<size_t> order) {
  TimeUnit timeUnit(layers, order, &HtmlLayer::ms);
  TimeUnit interpUnit(layers, order, &HtmlLayer::interpMs);
  out += "<table class=\"layers\">\n<thead><tr><th class=\"n\">step</th>"
         "<th>layer (ONNX node) and the nodes fused into it</th>"
         "<th class=\"n\">time (" +
         timeUnit.name +
         ")</th><th>share</th>"
         "<th class=\"n\">GFLOP/s</th><th class=\"n\">GB/s</th>"
         "<th class=\"n\">% of attainable</th><th>bound</th>"
         "<th class=\"n\">interp (" +
         interpUnit.name +
         ")</th><th class=\"n\">speedup</th>"
         "</tr></thead>\n<tbody>\n";
  for (size_t i : order) {
    const HtmlLayer &l = layers[i];
    std::string share;
    if (l.share) {
      double pct = std::clamp(*l.share * 100, 0.0, 100.0);
      share = "<span class=\"meter\"><span style=\"width:" + formatSig(pct, 3) +
              "%\"></span></span>" + escapeHtml(formatShare(*l.share));
    }
    out += "<tr><td class=\"n\">" + std::to_string(l.index) + "</td><td>" +
           layerCell(l) + "</td><td class=\"n\">" + timeUnit(l.ms) +
           "</td><td class=\"n\">" + share + "</td><td class=\"n\">" +
           optionalSig(l.gflops) + "</td><td class=\"n\">" +
           optionalSig(l.gbs) + "</td><td class=\"n\">" +
           (l.pctOfAttainable ? formatSig(*l.pctOfAttainable, 2) + "%" : "") +
           "</td><td>" + chip(l.bound) +
           (l.fitsInL2 ? " <span class=\"sub\">in L2</span>" : "") +
           "</td><td class=\"n\">" + interpUnit(l.interpMs) +
           "</td><td class=\"n\">" +
           (l.speedup ? escapeHtml(timesText(*l.speedup)) : "") +
           "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void renderLayers(std::string &out, const Object &report,
                  const std::vector<HtmlLayer> &layers) {
  if (layers.empty()) {
    // The per-layer profile was skipped or failed.
    if (std::string note = noteFor(&report, "profile"); !note.empty()) {
      openSection(out, "layers", "Top layers");
      out += "<p class=\"na\">Not measured: " + escapeHtml(note) +
             "</p>\n</section>\n";
    }
    return;
  }
  openSection(out, "layers", "Top layers");
  std::vector<size_t> byTime, inOrder;
  for (size_t i = 0; i < layers.size(); ++i) {
    inOrder.push_back(i);
    byTime.push_back(i);
  }
  std::stable_sort(byTime.begin(), byTime.end(), [&](size_t a, size_t b) {
    return layers[a].ms.value_or(-1) > layers[b].ms.value_or(-1);
  });
  const size_t top = 15;
  out += "<p>The layers by compiled time, slowest first. A layer is a step "
         "of the compiled plan: one kernel, which may cover several ONNX "
         "nodes fused together. <i>% of attainable</i> compares its GFLOP/s "
         "with the roof above its intensity.</p>\n";
  const Object *totals = report.getObject("totals");
  const Object *time = report.getObject("time");
  std::optional<double> stepMs = number(totals, "step_ms");
  std::optional<double> runMs =
      number(time ? time->getObject("steady") : nullptr, "median_ms");
  if (stepMs && runMs)
    out += "<p>Timed one by one, the steps add up to " +
           escapeHtml(formatMs(*stepMs)) + "; a whole run takes " +
           escapeHtml(formatMs(*runMs)) + " (median).</p>\n";
  layerTable(out, layers,
             llvm::ArrayRef(byTime).take_front(std::min(top, byTime.size())));
  if (layers.size() > top) {
    out += "<details><summary>All " + std::to_string(layers.size()) +
           " layers in execution order</summary>\n";
    layerTable(out, layers, inOrder);
    out += "</details>\n";
  }
  out += "</section>\n";
}

void renderInterpreted(std::string &out, const Object &report,
                       const std::vector<HtmlLayer> &layers) {
  std::vector<size_t> order;
  for (size_t i = 0; i < layers.size(); ++i)
    if (layers[i].interpMs && layers[i].ms)
      order.push_back(i);
  if (order.empty())
    return;
  openSection(out, "interpreted", "Interpreted vs compiled");
  const Object *time = report.getObject("time");
  std::optional<double> interp = number(time, "interp_ms");
  std::optional<double> median =
      number(time ? time->getObject("steady") : nullptr, "median_ms");
  if (interp && median && *median > 0)
    out += "<p>The whole model: " + escapeHtml(formatMs(*interp)) +
           " per run on the interpreter, " + escapeHtml(formatMs(*median)) +
           " compiled, <b>" + escapeHtml(timesText(*interp / *median)) +
           "</b> faster.</p>\n";
  out += "<p>Why a naive runtime is slow: Kiln's interpreter runs each ONNX "
         "op on its own in plain scalar loops on one thread, and writes every "
         "intermediate result to memory. The compiled plan runs vectorized, "
         "register-blocked kernels over pre-packed weights, fuses bias, "
         "activation and residual additions into the producing kernel, and "
         "spreads the work over the threads. The bars show the same layer "
         "both ways; the ablation below measures what each optimization "
         "contributes.</p>\n";
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return *layers[a].interpMs > *layers[b].interpMs;
  });
  std::vector<BarRow> rows;
  for (size_t i : llvm::ArrayRef(order).take_front(12)) {
    const HtmlLayer &l = layers[i];
    BarRow row;
    row.label = l.node;
    row.tooltip = l.node + " (" + l.op + ")";
    row.bars.push_back(
        {*l.interpMs, formatMs(*l.interpMs) + " interpreted", "interp"});
    std::string text = formatMs(*l.ms) + " compiled";
    if (l.speedup && *l.speedup >= 1)
      text += ", " + timesText(*l.speedup) + " faster";
    else if (l.speedup && *l.speedup > 0)
      text += ", " + timesText(1 / *l.speedup) + " slower";
    row.bars.push_back({*l.ms, text, "compiled"});
    rows.push_back(std::move(row));
  }
  out += "<div class=\"legend\"><span><span class=\"key interp\"></span>"
         "interpreter</span><span><span class=\"key compute\"></span>compiled"
         "</span></div>\n";
  BarAxis axis;
  axis.title = "milliseconds per run, linear scale";
  out += barChart(rows, axis);
  if (order.size() > rows.size())
    out += "<p class=\"sub\">The " + std::to_string(rows.size()) +
           " layers the interpreter spends most time on, of " +
           std::to_string(order.size()) + ".</p>\n";
  // Where compiling bought least: the next place to look.
  std::vector<size_t> least;
  for (size_t i : order)
    if (layers[i].speedup)
      least.push_back(i);
  std::stable_sort(least.begin(), least.end(), [&](size_t a, size_t b) {
    return *layers[a].speedup < *layers[b].speedup;
  });
  if (least.size() > 3) {
    std::vector<std::string> items;
    for (size_t i : llvm::ArrayRef(least).take_front(3))
      items.push_back("<span class=\"name\">" + escapeHtml(layers[i].node) +
                      "</span> " + escapeHtml(timesText(*layers[i].speedup)) +
                      (layers[i].kind.empty() || layers[i].kind == "compiled"
                           ? ""
                           : " (" + escapeHtml(layers[i].kind) + ")"));
    out += "<p>Smallest speedups: " + llvm::join(items, ", ") + ".</p>\n";
  }
  out += "</section>\n";
}

} // namespace

namespace explain {

std::string figure(const Object *o, StringRef key,
                   const std::function<std::string(double)> &format) {
  if (std::optional<double> v = number(o, key))
    return escapeHtml(format(*v));
  std::string note = noteFor(o, key);
  return "<span class=\"na\">n/a" +
         (note.empty() ? std::string() : " (" + escapeHtml(note) + ")") +
         "</span>";
}

std::string msText(double v) { return formatMs(v); }
std::string gflopsText(double v) { return formatSig(v) + " GFLOP/s"; }
std::string gbsText(double v) { return formatSig(v) + " GB/s"; }
std::string timesText(double v) { return formatSig(v) + "\u00d7"; }
std::string msTick(double v) {
  if (v >= 1000)
    return formatNumber(v / 1000) + " s";
  if (v < 0.1 && v > 0)
    return formatNumber(v * 1000) + " \u00b5s";
  return formatNumber(v) + " ms";
}
std::string timesTick(double v) { return formatNumber(v) + "\u00d7"; }

void openSection(std::string &out, StringRef id, StringRef title) {
  out +=
      "<section id=\"" + id.str() + "\">\n<h2>" + escapeHtml(title) + "</h2>\n";
}

const Object *sectionObject(std::string &out, const Object &report,
                            StringRef key, StringRef id, StringRef title) {
  if (const Object *o = report.getObject(key))
    return o;
  std::string note = noteFor(&report, key);
  if (!note.empty()) {
    openSection(out, id, title);
    out += "<p class=\"na\">Not measured: " + escapeHtml(note) +
           "</p>\n</section>\n";
  }
  return nullptr;
}

std::string chip(StringRef bound) {
  std::string cls =
      bound == "compute" || bound == "memory" ? bound.str() : "other";
  return "<span class=\"chip " + cls + "\">" +
         escapeHtml(bound.empty() ? "n/a" : bound) + "</span>";
}

double threadsUsed(const Object &report) {
  if (std::optional<double> t = number(&report, "threads"))
    return *t;
  return number(report.getObject("machine"), "threads").value_or(1);
}

std::string threadsLabel(double n) {
  return formatNumber(n) + (n == 1 ? " thread" : " threads");
}

} // namespace explain

std::string renderExplainHtml(const Object &report) {
  std::string model = string(&report, "model");
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                    "content=\"width=device-width, initial-scale=1\">\n"
                    "<title>kiln explain: " +
                    escapeHtml(model) + "</title>\n<style>" + kStyle +
                    "</style>\n</head>\n<body>\n<main>\n";
  std::vector<HtmlLayer> layers = readLayers(report);
  std::vector<size_t> hot = hotspots(report, layers);
  renderHeader(out, report);
  renderFindings(out, report);
  renderMachine(out, report);
  renderTime(out, report);
  renderRoofline(out, report, layers, hot);
  renderLayers(out, report, layers);
  renderInterpreted(out, report, layers);
  renderAblation(out, report);
  renderDenormals(out, report);
  renderScaling(out, report);
  renderEstimates(out, report);
  std::string version = "?";
  if (std::optional<double> v = number(&report, "kiln_explain"))
    version = formatNumber(*v);
  out += "<footer>Written by <code>kiln explain</code> (report format " +
         escapeHtml(version) +
         "). Times are wall-clock on this machine; steady figures are "
         "medians after warm-up. This page runs no script and loads "
         "nothing from the network.</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

} // namespace kiln::tool
