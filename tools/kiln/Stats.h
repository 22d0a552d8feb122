//===- Stats.h - Summary statistics of timed runs ---------------*- C++ -*-===//
//
// The latency figures every Kiln tool reports: the first (cold) run apart,
// since it pays for page faults, first-touch allocation and cold caches,
// then min, median, p90, p99 and max of the timed runs after it.
//
// Percentiles are nearest-rank: the p-th percentile of n sorted times is the
// time at rank ceil(p / 100 * n) (1-based), always one of the measured
// times. On few runs this is coarse and said so: p90 of 10 runs is the 9th
// fastest, p99 of fewer than 100 runs is the slowest (the max). The median
// is the middle time, or the mean of the two middle times for an even count.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_KILN_STATS_H
#define KILN_TOOLS_KILN_STATS_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace llvm::json {
class OStream;
} // namespace llvm::json

namespace kiln::tool {

/// A first run and the timed runs after it, in milliseconds.
struct RunStats {
  /// Timed runs (the first run not counted); 0 when only the first ran,
  /// and then the other figures but firstMs are 0.
  unsigned runs = 0;
  double firstMs = 0, minMs = 0, medianMs = 0, p90Ms = 0, p99Ms = 0, maxMs = 0;
};

/// Summarizes the first (cold) run \p firstMs and the timed runs
/// \p timedMs that followed it (any order).
RunStats summarizeRuns(double firstMs, std::vector<double> timedMs);

/// The nearest-rank \p percent percentile (0 < percent <= 100) of
/// \p sorted, ascending and not empty: sorted[ceil(percent / 100 * n) - 1].
double nearestRank(const std::vector<double> &sorted, double percent);

/// The median of \p values (0 when empty): the middle one, or the mean of
/// the two middle ones.
double medianOf(std::vector<double> values);

/// How the percentiles of \p runs timed runs were taken, for a report:
/// "nearest-rank: p90 is the 9th of 10 sorted times, p99 the 10th".
std::string percentileNote(unsigned runs);

/// \p ms with 4 significant digits ("123.4", "1.234", "0.01234"), at most
/// 6 decimals; "0" for 0.
std::string formatMs(double ms);

/// Writes \p stats as the attributes "runs", "first_run_ms", "min_ms",
/// "median_ms", "p90_ms", "p99_ms", "max_ms" and "percentiles" (the
/// method) of the JSON object \p j is in; with no timed run the timed
/// figures are null and "steady_note" says why.
void writeRunStatsJson(llvm::json::OStream &j, const RunStats &stats);

} // namespace kiln::tool

#endif // KILN_TOOLS_KILN_STATS_H
