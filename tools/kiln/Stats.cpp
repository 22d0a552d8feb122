//===- Stats.cpp - Summary statistics of timed runs -----------------------===//
//
// See Stats.h for the definitions (nearest-rank percentiles).
//
//===----------------------------------------------------------------------===//
#include "Stats.h"
#include "TextFormat.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace kiln::tool {

double nearestRank(const std::vector<double> &sorted, double percent) {
  assert(!sorted.empty() && percent > 0 && percent <= 100 &&
         "a percentile of at least one time");
  size_t n = sorted.size();
  // The smallest rank with percent% of the times at or below it.
  auto rank = static_cast<size_t>(std::ceil(percent * n / 100.0));
  return sorted[std::clamp<size_t>(rank, 1, n) - 1];
}

double medianOf(std::vector<double> values) {
  if (values.empty())
    return 0;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

RunStats summarizeRuns(double firstMs, std::vector<double> timedMs) {
  RunStats stats;
  stats.firstMs = firstMs;
  stats.runs = static_cast<unsigned>(timedMs.size());
  if (timedMs.empty())
    return stats;
  std::sort(timedMs.begin(), timedMs.end());
  stats.minMs = timedMs.front();
  stats.maxMs = timedMs.back();
  stats.medianMs = medianOf(timedMs);
  stats.p90Ms = nearestRank(timedMs, 90);
  stats.p99Ms = nearestRank(timedMs, 99);
  return stats;
}

/// "1st", "2nd", "3rd", "9th", "11th", "21st".
static std::string ordinal(size_t n) {
  const char *suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1)
      suffix = "st";
    else if (n % 10 == 2)
      suffix = "nd";
    else if (n % 10 == 3)
      suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

std::string percentileNote(unsigned runs) {
  if (runs == 0)
    return "no timed run";
  auto rank = [&](double percent) {
    auto r = static_cast<size_t>(std::ceil(percent * runs / 100.0));
    return std::clamp<size_t>(r, 1, runs);
  };
  std::string note = "nearest-rank: p90 is the " + ordinal(rank(90)) + " of " +
                     std::to_string(runs) + " sorted times, p99 the " +
                     ordinal(rank(99));
  if (rank(99) == runs && runs > 1)
    note += " (the max: p99 needs 100 runs to differ)";
  return note;
}

std::string formatMs(double ms) {
  if (ms == 0)
    return "0";
  if (!std::isfinite(ms))
    return "-";
  int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(ms))));
  int decimals = std::clamp(3 - magnitude, 0, 6);
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("%.*f", decimals, ms);
  return s;
}

void writeRunStatsJson(llvm::json::OStream &j, const RunStats &stats) {
  j.attribute("runs", static_cast<int64_t>(stats.runs));
  jsonNumber(j, "first_run_ms", stats.firstMs);
  if (stats.runs == 0) {
    for (const char *key :
         {"min_ms", "median_ms", "p90_ms", "p99_ms", "max_ms"})
      j.attribute(key, nullptr);
    j.attribute("steady_note",
                "only the first (cold) run was timed; --runs N times N runs "
                "after it");
  } else {
    jsonNumber(j, "min_ms", stats.minMs);
    jsonNumber(j, "median_ms", stats.medianMs);
    jsonNumber(j, "p90_ms", stats.p90Ms);
    jsonNumber(j, "p99_ms", stats.p99Ms);
    jsonNumber(j, "max_ms", stats.maxMs);
  }
  j.attribute("percentiles", percentileNote(stats.runs));
}

} // namespace kiln::tool
