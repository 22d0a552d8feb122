//===- ExplainSummary.cpp - The explain report on the terminal ------------===//
//
// printExplainSummary prints the report in about twenty lines: what ran
// where, where the time goes, the findings, the slowest layers and the
// optimizations that bought most; the HTML page has the rest.
// writeExplainReport writes a finished report out (page, JSON, summary);
// renderSavedReport is `kiln explain --from-json`: it reads a report written
// earlier and writes it out again, so the renderers can be used, and
// tested, without measuring anything.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "ExplainReport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace kiln::tool {

using namespace explain;
using llvm::StringRef;
using llvm::json::Array;
using llvm::json::Object;

namespace {

/// Glyphs in UTF-8 \p s (for column alignment).
size_t glyphs(StringRef s) {
  return llvm::count_if(
      s, [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; });
}

/// \p s padded with spaces to \p width glyphs, or cut to it keeping its end.
std::string column(const std::string &s, size_t width) {
  std::vector<size_t> starts; // of each glyph
  for (size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xc0) != 0x80)
      starts.push_back(i);
  if (starts.size() <= width)
    return s + std::string(width - starts.size(), ' ');
  return "..." + s.substr(starts[starts.size() - (width - 3)]);
}

/// \p s right-aligned in \p width glyphs.
std::string right(const std::string &s, size_t width) {
  size_t n = glyphs(s);
  return n >= width ? s : std::string(width - n, ' ') + s;
}

/// Prints \p text after \p lead, wrapped at 100 columns under \p indent.
void wrapped(llvm::raw_ostream &os, StringRef lead, StringRef text,
             size_t indent) {
  os << lead;
  size_t col = glyphs(lead);
  bool first = true;
  llvm::SmallVector<StringRef> words;
  text.split(words, ' ', -1, false);
  for (StringRef word : words) {
    if (!first && col + 1 + glyphs(word) > 100) {
      os << "\n" << std::string(indent, ' ');
      col = indent;
      first = true;
    }
    if (!first) {
      os << ' ';
      ++col;
    }
    os << word;
    col += glyphs(word);
    first = false;
  }
  os << "\n";
}

/// One line "LABEL  parts joined by ', '" when there are parts.
void line(llvm::raw_ostream &os, StringRef label,
          const std::vector<std::string> &parts) {
  if (!parts.empty())
    wrapped(os,
            (label + std::string(11 - std::min<size_t>(10, label.size()), ' '))
                .str(),
            llvm::join(parts, ", "), 11);
}

/// The string values of the array at \p key.
std::vector<std::string> strings(const Object &o, StringRef key) {
  std::vector<std::string> out;
  if (const Array *array = o.getArray(key))
    for (const llvm::json::Value &v : *array)
      if (std::optional<StringRef> s = v.getAsString())
        out.push_back(s->str());
  return out;
}

/// \p v in the fewest significant digits that read back as the same
/// double: 0.0612, not 0.061199999999999997.
void shortestNumber(llvm::json::OStream &j, double v) {
  if (!std::isfinite(v)) {
    j.value(nullptr); // JSON has no NaN or infinity
    return;
  }
  char buffer[32];
  for (int digits = 1; digits <= 17; ++digits) {
    snprintf(buffer, sizeof buffer, "%.*g", digits, v);
    if (std::strtod(buffer, nullptr) == v)
      break;
  }
  j.rawValue(buffer);
}

/// Writes \p v like llvm::json does (object keys sorted), with doubles in
/// their shortest form.
void writeJson(llvm::json::OStream &j, const llvm::json::Value &v) {
  if (const Object *o = v.getAsObject()) {
    std::vector<StringRef> keys;
    for (const auto &entry : *o)
      keys.push_back(entry.first);
    llvm::sort(keys);
    j.object([&] {
      for (StringRef key : keys) {
        j.attributeBegin(key);
        writeJson(j, *o->get(key));
        j.attributeEnd();
      }
    });
  } else if (const Array *a = v.getAsArray()) {
    j.array([&] {
      for (const llvm::json::Value &e : *a)
        writeJson(j, e);
    });
  } else if (v.kind() == llvm::json::Value::Number && !v.getAsInteger()) {
    shortestNumber(j, *v.getAsNumber());
  } else {
    j.value(v);
  }
}

} // namespace

void printExplainSummary(llvm::raw_ostream &os, const Object &report) {
  std::vector<std::string> head;
  if (std::optional<double> opset = number(&report, "opset"))
    head.push_back("opset " + formatNumber(*opset));
  if (std::string backend = string(&report, "backend"); !backend.empty())
    head.push_back(backend);
  std::string model = string(&report, "model");
  os << "kiln explain: " << (model.empty() ? "(unnamed model)" : model);
  if (!head.empty())
    os << " (" << llvm::join(head, ", ") << ")";
  os << "\n";

  if (const Object *m = report.getObject("machine")) {
    std::vector<std::string> parts;
    std::string cpu = string(m, "cpu");
    if (std::optional<double> bits = number(m, "vector_bits"))
      cpu += (cpu.empty() ? "" : ", ") + formatNumber(*bits) + "-bit vectors";
    if (!cpu.empty())
      parts.push_back(cpu);
    std::vector<std::string> limits;
    if (std::optional<double> peak = number(m, "peak_gflops_all"))
      limits.push_back("peak " + formatSig(*peak) + " GFLOP/s");
    if (std::optional<double> bw = number(m, "bandwidth_gbs_all"))
      limits.push_back(formatSig(*bw) + " GB/s");
    if (std::optional<double> n = number(m, "threads"); n && !limits.empty())
      limits.back() +=
          " on " + formatNumber(*n) + (*n == 1 ? " thread" : " threads");
    if (!limits.empty())
      parts.push_back(llvm::join(limits, " and "));
    std::string caches;
    for (auto [key, label] :
         {std::pair<StringRef, StringRef>{"l1d_bytes", "L1d"},
          {"l2_bytes", "L2"},
          {"l3_bytes", "L3"}})
      if (std::optional<double> b = number(m, key))
        caches +=
            (caches.empty() ? "" : " ") + label.str() + " " + formatBytes(*b);
    if (!caches.empty())
      parts.push_back(caches);
    line(os, "machine", parts);
  }

  const Object *time = report.getObject("time");
  const Object *steady = time ? time->getObject("steady") : nullptr;
  if (time) {
    std::vector<std::string> parts;
    auto add = [&](const Object *o, StringRef key, StringRef label) {
      if (std::optional<double> v = number(o, key))
        parts.push_back(label.str() + " " + formatMs(*v));
    };
    add(time, "load_ms", "load");
    add(time, "import_ms", "import");
    add(time, "compile_cold_ms", "compile cold");
    add(time, "compile_cached_ms", "cached");
    add(time, "first_run_ms", "first run");
    if (std::optional<double> median = number(steady, "median_ms")) {
      std::string s = "steady " + formatMs(*median) + " median";
      if (std::optional<double> p90 = number(steady, "p90_ms"))
        s += " (p90 " + formatMs(*p90) + ")";
      parts.push_back(s);
    }
    add(time, "interp_ms", "interpreter");
    line(os, "time", parts);
  }
  if (const Object *totals = report.getObject("totals")) {
    std::vector<std::string> parts;
    if (std::optional<double> flops = number(totals, "flops"))
      parts.push_back(formatFlops(*flops) + " per run");
    if (std::optional<double> gflops = number(totals, "gflops")) {
      std::string s = formatSig(*gflops) + " GFLOP/s";
      if (std::optional<double> pct = number(totals, "pct_of_peak"))
        s += " (" + formatSig(*pct, 2) + "% of peak)";
      parts.push_back(s);
    }
    line(os, "work", parts);
  }

  std::vector<std::string> findings = strings(report, "findings");
  if (!findings.empty()) {
    os << "findings\n";
    for (size_t i = 0; i < findings.size() && i < 5; ++i)
      wrapped(os, "  " + std::to_string(i + 1) + ". ", findings[i], 5);
  }

  std::vector<const Object *> layers = objects(&report, "layers");
  llvm::erase_if(layers,
                 [](const Object *l) { return !number(l, "ms").has_value(); });
  std::stable_sort(layers.begin(), layers.end(),
                   [](const Object *a, const Object *b) {
                     return *number(a, "ms") > *number(b, "ms");
                   });
  if (!layers.empty()) {
    os << column("slowest layers", 40) << right("time", 11) << right("share", 7)
       << "  " << column("bound", 8) << right("GFLOP/s", 8) << "\n";
    for (size_t i = 0; i < layers.size() && i < 5; ++i) {
      const Object *l = layers[i];
      std::string share, gflops;
      if (std::optional<double> s = number(l, "share"))
        share = formatShare(*s);
      if (std::optional<double> g = number(l, "gflops"))
        gflops = formatSig(*g);
      os << "  " << column(string(l, "node"), 38)
         << right(formatMs(*number(l, "ms")), 11) << right(share, 7) << "  "
         << column(string(l, "bound"), 8) << right(gflops, 8) << "\n";
    }
  }

  if (const Object *a = report.getObject("ablation")) {
    std::vector<const Object *> rows = objects(a, "rows");
    llvm::erase_if(rows, [](const Object *r) {
      return !number(r, "speedup") || !r->getBoolean("ok").value_or(true);
    });
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Object *x, const Object *y) {
                       return *number(x, "speedup") > *number(y, "speedup");
                     });
    std::vector<std::string> parts;
    for (size_t i = 0; i < rows.size() && i < 4; ++i)
      parts.push_back(string(rows[i], "name") + " " +
                      formatSig(*number(rows[i], "speedup")) + "x");
    line(os, "optimized", parts);
  }

  if (const Object *d = report.getObject("denormals")) {
    std::vector<std::string> parts;
    if (const Object *w = d->getObject("weights"))
      if (std::optional<double> total = number(w, "total"))
        parts.push_back(formatCount(number(w, "subnormal").value_or(0)) +
                        " of " + formatCount(*total) + " weights subnormal");
    if (std::optional<double> s = number(d, "ftz_speedup"))
      parts.push_back("flush-to-zero " + formatSig(*s) + "x");
    line(os, "denormals", parts);
  }

  // Sections that were skipped or failed say why.
  std::vector<std::string> notes;
  for (const auto &entry : report)
    if (StringRef key = entry.first; key.ends_with("_note"))
      if (std::optional<StringRef> note = entry.second.getAsString())
        notes.push_back(key.drop_back(5).str() + ": " + note->str());
  llvm::sort(notes);
  for (const std::string &note : notes)
    wrapped(os, "not shown  ", note, 11);

  if (std::string html = string(&report, "html_path"); !html.empty())
    os << "html       " << html << "\n";
  if (std::string json = string(&report, "json_path"); !json.empty())
    os << "json       " << json << "\n";
}

int renderSavedReport(const ExplainOptions &options) {
  const std::string &path = options.fromJson;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return reportError("cannot read report '" + path +
                       "': " + buffer.getError().message());
  llvm::Expected<llvm::json::Value> value =
      llvm::json::parse((*buffer)->getBuffer());
  if (!value)
    return reportError("'" + path +
                       "' is not valid JSON: " + toString(value.takeError()));
  Object *report = value->getAsObject();
  std::optional<int64_t> version =
      report ? report->getInteger("kiln_explain") : std::nullopt;
  if (!version)
    return reportError("'" + path +
                       "' is not a kiln explain report: expected an object "
                       "with \"kiln_explain\": 1");
  if (*version != 1)
    return reportError("'" + path + "' is a kiln explain report of format " +
                       std::to_string(*version) + "; this kiln reads format 1");

  return writeExplainReport(std::move(*report), options);
}

int writeExplainReport(Object report, const ExplainOptions &options) {
  if (!options.htmlFile.empty())
    report["html_path"] = options.htmlFile;
  if (!options.jsonFile.empty())
    report["json_path"] = options.jsonFile;
  // writeToOutput writes a temporary file and renames it: a failure leaves
  // nothing half-written.
  auto write = [](const std::string &file, const std::string &text) {
    llvm::Error e = llvm::writeToOutput(file, [&](llvm::raw_ostream &os) {
      os << text;
      return llvm::Error::success();
    });
    if (!e)
      return true;
    reportError("cannot write '" + file + "': " + toString(std::move(e)));
    return false;
  };
  if (!options.htmlFile.empty() &&
      !write(options.htmlFile, renderExplainHtml(report)))
    return 1;
  if (!options.jsonFile.empty()) {
    llvm::json::Value value(std::move(report));
    std::string text;
    {
      llvm::raw_string_ostream os(text);
      llvm::json::OStream j(os, 2);
      writeJson(j, value);
    }
    if (!write(options.jsonFile, text + "\n"))
      return 1;
    printExplainSummary(llvm::outs(), *value.getAsObject());
    return 0;
  }
  printExplainSummary(llvm::outs(), report);
  return 0;
}

} // namespace kiln::tool
