//===- ExplainSections.cpp - Ablation, denormals, scaling, estimates ------===//
//
// The second half of the explain page (ExplainHtml.cpp writes the first):
//
//   - what each optimization bought: speedup bars with the run-to-run spread
//     as whiskers, 1x marked, and the rows that did not work said so;
//   - denormals: subnormal weights and activations per layer, and the
//     latency with flush-to-zero off and on;
//   - scaling: latency and throughput by batch size and by thread count;
//   - the training-step and int8 figures, each badged as an estimate or a
//     measurement as the report says.
//
//===----------------------------------------------------------------------===//
#include "ExplainCharts.h"
#include "ExplainHtml.h"
#include "ExplainReport.h"

#include <algorithm>
#include <cmath>

namespace kiln::tool::explain {

using llvm::StringRef;
using llvm::json::Array;
using llvm::json::Object;

namespace {

/// "<p class=sub>NOTE</p>" for the string at \p key, if any.
std::string notePara(const Object *o, StringRef key) {
  std::string note = string(o, key);
  return note.empty() ? "" : "<p class=\"sub\">" + escapeHtml(note) + "</p>\n";
}

/// A table inside <details> when it has more than \p open rows.
std::string foldable(const std::string &table, size_t rows, size_t open,
                     StringRef summary) {
  if (rows <= open)
    return table;
  return "<details><summary>" + escapeHtml(summary) + "</summary>\n" + table +
         "</details>\n";
}

} // namespace

std::vector<const Object *> objects(const Object *o, StringRef key) {
  std::vector<const Object *> out;
  if (const Array *array = o ? o->getArray(key) : nullptr)
    for (const llvm::json::Value &v : *array)
      if (const Object *entry = v.getAsObject())
        out.push_back(entry);
  return out;
}

//===-- The ablation ------------------------------------------------------===//

void renderAblation(std::string &out, const Object &report) {
  const Object *a = sectionObject(out, report, "ablation", "ablation",
                                  "What each optimization bought");
  if (!a)
    return;
  std::vector<const Object *> rows = objects(a, "rows");
  openSection(out, "ablation", "What each optimization bought");
  std::optional<double> full = number(a, "full_ms");
  std::optional<double> fullSpread = number(a, "full_spread_ms");
  std::string intro = "Each row turns one optimization off and times the "
                      "model again; the speedup is the time without it over "
                      "the time with everything on, so 2\u00d7 means the "
                      "model would be twice as slow without it.";
  if (full) {
    intro += " Everything on: " + formatMs(*full);
    if (fullSpread)
      intro += " \u00b1 " + formatNumber(*fullSpread, 2) + " ms";
    if (std::optional<double> runs = number(a, "runs"))
      intro += " (median and spread of " + formatCount(*runs) + " runs)";
    intro += ".";
  }
  out += "<p>" + escapeHtml(intro) + "</p>\n";
  if (rows.empty()) {
    out += "<p class=\"na\">No optimization was measured.</p>\n</section>\n";
    return;
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Object *x, const Object *y) {
                     return number(x, "speedup").value_or(-1) >
                            number(y, "speedup").value_or(-1);
                   });
  std::vector<BarRow> bars;
  std::string table =
      "<table>\n<thead><tr><th>optimization</th><th>what it does</th>"
      "<th class=\"n\">median without it</th><th class=\"n\">spread</th>"
      "<th class=\"n\">speedup</th><th>ok</th></tr></thead>\n<tbody>\n";
  for (const Object *row : rows) {
    std::string name = string(row, "name");
    std::optional<bool> ok = row->getBoolean("ok");
    std::optional<double> speedup = number(row, "speedup");
    std::optional<double> median = number(row, "median_ms");
    std::optional<double> spread = number(row, "spread_ms");
    BarRow bar;
    bar.label = name;
    bar.tooltip = string(row, "what");
    if (speedup && ok.value_or(true)) {
      // The spread of a ratio: the relative spreads of its two medians
      // added in quadrature.
      double rel = 0;
      if (median && spread && *median > 0)
        rel += std::pow(*spread / *median, 2);
      if (full && fullSpread && *full > 0)
        rel += std::pow(*fullSpread / *full, 2);
      double err = *speedup * std::sqrt(rel);
      std::string cls = *speedup - err > 1   ? "gain"
                        : *speedup + err < 1 ? "loss"
                                             : "neutral";
      std::string text = timesText(*speedup);
      if (err > 0 && std::isfinite(err)) {
        bar.whisker = {std::max(0.0, *speedup - err), *speedup + err};
        text += " \u00b1 " + formatNumber(err, 2);
      }
      if (cls == "neutral")
        text += ", within noise";
      bar.bars.push_back({*speedup, text, cls});
    } else {
      std::string why = noteFor(row, "speedup");
      if (why.empty())
        why = noteFor(row, "median_ms");
      bar.note = "not ok" + (why.empty() ? "" : ": " + why);
    }
    table += "<tr" + std::string(ok && !*ok ? " class=\"hot\"" : "") +
             "><td class=\"name\">" + escapeHtml(name) + "</td><td>" +
             escapeHtml(string(row, "what")) + "</td>";
    if (median)
      table +=
          "<td class=\"n\">" + escapeHtml(formatMs(*median)) +
          "</td><td class=\"n\">" +
          (spread ? escapeHtml("\u00b1 " + formatNumber(*spread, 2) + " ms")
                  : "") +
          "</td><td class=\"n\">" +
          (speedup ? escapeHtml(timesText(*speedup)) : "") + "</td>";
    else
      table += "<td colspan=\"3\" class=\"na\">" +
               escapeHtml(bar.note.empty() ? "not measured" : bar.note) +
               "</td>";
    table += "<td>" + std::string(ok ? (*ok ? "yes" : "<b>no</b>") : "") +
             "</td></tr>\n";
    bars.push_back(std::move(bar));
  }
  table += "</tbody>\n</table>\n";
  BarAxis axis;
  axis.reference = 1;
  axis.referenceLabel = "1\u00d7: no effect";
  axis.title = "speedup the optimization buys (time without it / time with "
               "it); whiskers: run-to-run spread";
  axis.tick = timesTick;
  out += "<div class=\"legend\"><span><span class=\"key\" style=\"background:"
         "var(--gain)\"></span>faster with it</span><span><span class=\"key "
         "other\"></span>within noise</span><span><span class=\"key\" "
         "style=\"background:var(--loss)\"></span>slower with it</span>"
         "</div>\n";
  out += barChart(bars, axis);
  out += table + "</section>\n";
}

//===-- Denormals ---------------------------------------------------------===//

namespace {

/// "37 of 292,016 (0.013%)".
std::string ofTotal(double subnormal, double total) {
  std::string s = formatCount(subnormal) + " of " + formatCount(total);
  if (total > 0)
    s += " (" + formatShare(subnormal / total) + ")";
  return s;
}

/// The figure \p v formatted, or "" when it is missing.
std::string optionalText(std::optional<double> v,
                         std::string (*format)(double)) {
  return v ? escapeHtml(format(*v)) : "";
}

/// A table of per-layer subnormal counts; rows with any are highlighted.
std::string countTable(const std::vector<const Object *> &rows, bool withIndex,
                       double &subnormal, double &total) {
  std::string t = "<table class=\"counts\">\n<thead><tr>" +
                  std::string(withIndex ? "<th class=\"n\">step</th>" : "") +
                  "<th>layer</th><th class=\"n\">subnormal</th>"
                  "<th class=\"n\">values</th><th class=\"n\">share</th>"
                  "</tr></thead>\n<tbody>\n";
  for (const Object *row : rows) {
    double s = number(row, "subnormal").value_or(0);
    double n = number(row, "total").value_or(0);
    subnormal += s;
    total += n;
    t += "<tr" + std::string(s > 0 ? " class=\"hot\"" : "") + ">" +
         (withIndex
              ? "<td class=\"n\">" +
                    optionalText(number(row, "index"), formatCount) + "</td>"
              : "") +
         "<td class=\"name\">" + escapeHtml(string(row, "node")) +
         "</td><td class=\"n\">" + formatCount(s) + "</td><td class=\"n\">" +
         formatCount(n) + "</td><td class=\"n\">" +
         (n > 0 ? escapeHtml(formatShare(s / n)) : "") + "</td></tr>\n";
  }
  return t + "</tbody>\n</table>\n";
}

} // namespace

void renderDenormals(std::string &out, const Object &report) {
  const Object *d =
      sectionObject(out, report, "denormals", "denormals", "Denormal numbers");
  if (!d)
    return;
  openSection(out, "denormals", "Denormal numbers");
  out += "<p>Subnormal (denormal) floats are the tiny values below "
         "1.18e-38 that fp32 keeps with reduced precision. Weights can drift "
         "towards them with longer training, and on many CPUs an arithmetic "
         "operation on one takes far longer than on a normal number. "
         "Flush-to-zero (FTZ) and denormals-are-zero (DAZ) make the CPU treat "
         "them as zero: whether that matters is measured below, not "
         "assumed.</p>\n";
  std::vector<std::string> facts;
  if (const Object *w = d->getObject("weights"))
    if (std::optional<double> total = number(w, "total"))
      facts.push_back(
          "Weights: " + ofTotal(number(w, "subnormal").value_or(0), *total) +
          " values are subnormal.");
  std::vector<const Object *> activations = objects(d, "activations_by_layer");
  std::vector<const Object *> weights = objects(d, "weights_by_layer");
  double actSub = 0, actTotal = 0, wSub = 0, wTotal = 0;
  std::string actTable = countTable(activations, true, actSub, actTotal);
  std::string wTable = countTable(weights, false, wSub, wTotal);
  if (const Object *a = d->getObject("activations"); a && number(a, "total")) {
    actSub = number(a, "subnormal").value_or(0);
    actTotal = *number(a, "total");
  }
  if (!activations.empty() || actTotal > 0)
    facts.push_back("Activations in one run: " + ofTotal(actSub, actTotal) +
                    " values are subnormal.");
  for (const std::string &f : facts)
    out += "<p>" + escapeHtml(f) + "</p>\n";

  std::vector<BarRow> rows;
  for (auto [key, label] :
       {std::pair<StringRef, StringRef>{"ftz_off_ms", "FTZ/DAZ off"},
        {"ftz_on_ms", "FTZ/DAZ on"}}) {
    BarRow row;
    row.label = label.str();
    if (std::optional<double> v = number(d, key))
      row.bars.push_back(
          {*v, formatMs(*v), key == "ftz_on_ms" ? "gain" : "run"});
    else if (d->get(key))
      row.note = "n/a " + noteFor(d, key);
    else
      continue;
    rows.push_back(std::move(row));
  }
  if (!rows.empty()) {
    out += "<h3>Latency with flush-to-zero off and on</h3>\n";
    BarAxis axis;
    axis.title = "steady run, median";
    axis.tick = msTick;
    out += barChart(rows, axis, 700);
    if (std::optional<double> s = number(d, "ftz_speedup")) {
      std::string runs;
      if (std::optional<double> n = number(d, "runs"))
        runs = " (medians of " + formatCount(*n) + " runs each way)";
      out += "<p>Flush-to-zero changes the latency by a factor of " +
             escapeHtml(timesText(*s) + runs) + ".</p>\n";
    }
  }
  if (!activations.empty())
    out += "<h3>Activations per layer</h3>\n" +
           foldable(actTable, activations.size(), 12,
                    std::to_string(activations.size()) + " layers");
  if (!weights.empty())
    out += "<h3>Weights per layer</h3>\n" +
           foldable(wTable, weights.size(), 12,
                    std::to_string(weights.size()) + " layers");
  out += "</section>\n";
}

//===-- Scaling -----------------------------------------------------------===//

void renderScaling(std::string &out, const Object &report) {
  const Object *s = sectionObject(out, report, "scaling", "scaling",
                                  "Scaling with batch and threads");
  if (!s)
    return;
  std::vector<const Object *> batch = objects(s, "batch");
  std::vector<const Object *> threads = objects(s, "threads");
  std::string batchNote = string(s, "batch_note");
  std::string threadsNote = string(s, "threads_note");
  if (batch.empty() && threads.empty() && batchNote.empty() &&
      threadsNote.empty())
    return;
  openSection(out, "scaling", "Scaling with batch and threads");
  auto columns = [](const std::vector<const Object *> &rows, StringRef xKey,
                    StringRef yKey, bool times) {
    std::vector<Column> out;
    for (const Object *row : rows) {
      std::optional<double> x = number(row, xKey), y = number(row, yKey);
      if (!x || !y)
        continue;
      out.push_back(
          {formatNumber(*x), *y, times ? timesText(*y) : formatSig(*y)});
    }
    return out;
  };
  // "From batch 1 to 8, throughput x1.37 and latency x5.86": the first
  // and last rows that have both figures.
  auto change = [](const std::vector<const Object *> &rows, StringRef xKey,
                   StringRef yKey) -> std::optional<std::pair<double, double>> {
    const Object *first = nullptr, *last = nullptr;
    for (const Object *row : rows)
      if (number(row, xKey) && number(row, yKey)) {
        first = first ? first : row;
        last = row;
      }
    if (!first || first == last || *number(first, yKey) <= 0)
      return std::nullopt;
    return std::pair{*number(last, xKey),
                     *number(last, yKey) / *number(first, yKey)};
  };
  if (!batch.empty()) {
    out += "<h3>Batch size</h3>\n";
    std::optional<std::pair<double, double>> items =
        change(batch, "batch", "items_per_s");
    std::optional<std::pair<double, double>> latency =
        change(batch, "batch", "median_ms");
    std::optional<double> firstBatch = number(batch.front(), "batch");
    if (items && latency && firstBatch)
      out += "<p>From batch " + escapeHtml(formatNumber(*firstBatch)) + " to " +
             escapeHtml(formatNumber(items->first)) + ", throughput changes " +
             escapeHtml(timesText(items->second)) +
             " and the latency of one batch " +
             escapeHtml(timesText(latency->second)) + ".</p>\n";
    out += "<div class=\"cols\">\n";
    out += columnChart("throughput (items/s)", "batch size",
                       columns(batch, "batch", "items_per_s", false), "run");
    out += columnChart("latency of one batch (ms)", "batch size",
                       columns(batch, "batch", "median_ms", false), "latency");
    out += "</div>\n";
  }
  out += notePara(s, "batch_note");
  if (!threads.empty()) {
    out += "<h3>Threads</h3>\n";
    std::optional<std::pair<double, double>> latency =
        change(threads, "threads", "median_ms");
    std::optional<double> firstThreads = number(threads.front(), "threads");
    if (latency && firstThreads && latency->second > 0)
      out += "<p>" + escapeHtml(threadsLabel(latency->first)) + " run " +
             escapeHtml(timesText(1 / latency->second)) + " faster than " +
             escapeHtml(threadsLabel(*firstThreads)) + " (ideal: " +
             escapeHtml(timesTick(latency->first / *firstThreads)) + ").</p>\n";
    out += "<div class=\"cols\">\n";
    out +=
        columnChart("latency (ms)", "threads",
                    columns(threads, "threads", "median_ms", false), "latency");
    out += columnChart("speedup over 1 thread", "threads",
                       columns(threads, "threads", "speedup", true), "gain");
    out += "</div>\n";
  }
  out += notePara(s, "threads_note");
  out += "</section>\n";
}

//===-- Estimates ---------------------------------------------------------===//

namespace {

std::string badge(const Object *o) {
  std::optional<bool> estimate = o->getBoolean("estimate");
  if (!estimate)
    return "";
  return *estimate ? "<span class=\"badge estimate\">estimate</span>"
                   : "<span class=\"badge measured\">measured</span>";
}

void row(std::string &out, StringRef what, const std::string &value) {
  out += "<tr><td>" + escapeHtml(what) + "</td><td class=\"n\">" + value +
         "</td></tr>\n";
}

} // namespace

void renderEstimates(std::string &out, const Object &report) {
  const Object *training = report.getObject("training");
  const Object *int8 = report.getObject("int8");
  std::string trainingNote = noteFor(&report, "training");
  std::string int8Note = noteFor(&report, "int8");
  if (!training && !int8 && trainingNote.empty() && int8Note.empty())
    return;
  bool anyEstimate =
      (training && training->getBoolean("estimate").value_or(false)) ||
      (int8 && int8->getBoolean("estimate").value_or(false));
  openSection(out, "estimates",
              anyEstimate ? "Training step and int8: estimates"
                          : "Training step and int8");
  out += "<div class=\"cards\">\n";
  if (training) {
    out += "<div class=\"card\">\n<h3>A training step" + badge(training) +
           "</h3>\n<table>\n<tbody>\n";
    row(out, "forward pass (inference)",
        figure(training, "forward_flops", formatFlops));
    std::string step = figure(training, "step_flops", formatFlops);
    if (std::optional<double> factor = number(training, "factor"))
      step += " (" + escapeHtml(formatNumber(*factor)) + "\u00d7 forward)";
    row(out, "forward + backward", step);
    if (std::optional<double> ms = number(training, "step_ms"))
      row(out, "time of a training step", escapeHtml(formatMs(*ms)));
    out += "</tbody>\n</table>\n" + notePara(training, "note") + "</div>\n";
  } else if (!trainingNote.empty()) {
    out += "<div class=\"card\">\n<h3>A training step</h3>\n<p class=\"na\">"
           "Not estimated: " +
           escapeHtml(trainingNote) + "</p>\n</div>\n";
  }
  if (int8) {
    out += "<div class=\"card\">\n<h3>int8 weights" + badge(int8) +
           "</h3>\n<table>\n<tbody>\n";
    row(out, "weights in fp32", figure(int8, "weight_bytes_f32", formatBytes));
    row(out, "weights in int8", figure(int8, "weight_bytes_int8", formatBytes));
    row(out, "share of the time in memory-bound layers",
        figure(int8, "memory_bound_share", formatShare));
    // The estimate is of the steps' time when the report gives their f32
    // sum, else of the whole run's.
    std::string latency = figure(int8, "estimated_ms", formatMs);
    const Object *time = report.getObject("time");
    std::optional<double> now = number(int8, "step_ms_f32");
    if (!now)
      now = number(time ? time->getObject("steady") : nullptr, "median_ms");
    std::optional<double> estimated = number(int8, "estimated_ms");
    if (now && estimated && *estimated > 0)
      latency += escapeHtml(" against " + formatMs(*now) + " in f32 (" +
                            timesText(*now / *estimated) + ")");
    row(out, number(int8, "step_ms_f32") ? "time of the steps" : "latency",
        latency);
    out += "</tbody>\n</table>\n" + notePara(int8, "note") + "</div>\n";
  } else if (!int8Note.empty()) {
    out += "<div class=\"card\">\n<h3>int8 weights</h3>\n<p class=\"na\">"
           "Not estimated: " +
           escapeHtml(int8Note) + "</p>\n</div>\n";
  }
  out += "</div>\n</section>\n";
}

} // namespace kiln::tool::explain
