//===- StatsTest.cpp - Run statistics of the kiln tool --------------------===//
//
// summarizeRuns on known vectors: nearest-rank percentiles (always a
// measured time, rank ceil(p/100 * n)), the median of odd and even counts,
// the first run kept apart, and the figures' formatting.
//
//===----------------------------------------------------------------------===//
#include "Stats.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <numeric>

using namespace kiln::tool;

namespace {

/// 1, 2, ..., n in a scrambled order.
std::vector<double> shuffled(int n) {
  std::vector<double> v(n);
  std::iota(v.begin(), v.end(), 1.0);
  for (int i = 0; i < n; ++i)
    std::swap(v[i], v[(i * 7 + 3) % n]);
  return v;
}

TEST(Stats, NearestRankOnFewRuns) {
  // 10 runs: p90 is rank 9, p99 rank 10 (the max); the median is the mean
  // of the 5th and 6th.
  RunStats s = summarizeRuns(175.0, shuffled(10));
  EXPECT_EQ(s.runs, 10u);
  EXPECT_EQ(s.firstMs, 175.0);
  EXPECT_EQ(s.minMs, 1.0);
  EXPECT_EQ(s.medianMs, 5.5);
  EXPECT_EQ(s.p90Ms, 9.0);
  EXPECT_EQ(s.p99Ms, 10.0);
  EXPECT_EQ(s.maxMs, 10.0);

  // 5 runs: p90 is rank ceil(4.5) = 5.
  s = summarizeRuns(9.0, {3.0, 1.0, 4.0, 1.5, 2.0});
  EXPECT_EQ(s.medianMs, 2.0);
  EXPECT_EQ(s.p90Ms, 4.0);
  EXPECT_EQ(s.p99Ms, 4.0);

  // 20 runs: p90 is rank 18.
  s = summarizeRuns(0, shuffled(20));
  EXPECT_EQ(s.p90Ms, 18.0);
  EXPECT_EQ(s.p99Ms, 20.0);
  EXPECT_EQ(s.medianMs, 10.5);
}

TEST(Stats, NearestRankOnManyRuns) {
  RunStats s = summarizeRuns(0, shuffled(100));
  EXPECT_EQ(s.p90Ms, 90.0);
  EXPECT_EQ(s.p99Ms, 99.0);
  EXPECT_EQ(s.maxMs, 100.0);
  s = summarizeRuns(0, shuffled(1000));
  EXPECT_EQ(s.p90Ms, 900.0);
  EXPECT_EQ(s.p99Ms, 990.0);
  EXPECT_EQ(s.medianMs, 500.5);
  // A percentile is always one of the times.
  std::vector<double> sorted = {0.5, 0.7, 2.5};
  EXPECT_EQ(nearestRank(sorted, 1), 0.5);
  EXPECT_EQ(nearestRank(sorted, 34), 0.7);
  EXPECT_EQ(nearestRank(sorted, 66.7), 2.5);
  EXPECT_EQ(nearestRank(sorted, 100), 2.5);
}

TEST(Stats, OneRunAndNone) {
  RunStats s = summarizeRuns(12.0, {3.0});
  EXPECT_EQ(s.runs, 1u);
  EXPECT_EQ(s.minMs, 3.0);
  EXPECT_EQ(s.medianMs, 3.0);
  EXPECT_EQ(s.p99Ms, 3.0);
  EXPECT_EQ(s.maxMs, 3.0);
  // Only the cold run: nothing steady to report.
  s = summarizeRuns(12.0, {});
  EXPECT_EQ(s.runs, 0u);
  EXPECT_EQ(s.firstMs, 12.0);
  EXPECT_EQ(s.medianMs, 0.0);
  EXPECT_EQ(medianOf({}), 0.0);
  EXPECT_EQ(medianOf({4, 1, 3}), 3.0);
}

TEST(Stats, PercentileNoteNamesTheRanks) {
  EXPECT_EQ(percentileNote(10), "nearest-rank: p90 is the 9th of 10 sorted "
                                "times, p99 the 10th (the max: p99 needs 100 "
                                "runs to differ)");
  EXPECT_EQ(percentileNote(200),
            "nearest-rank: p90 is the 180th of 200 sorted times, p99 the "
            "198th");
  EXPECT_EQ(percentileNote(1), "nearest-rank: p90 is the 1st of 1 sorted "
                               "times, p99 the 1st");
  EXPECT_EQ(percentileNote(22).substr(0, 35),
            "nearest-rank: p90 is the 20th of 22");
}

TEST(Stats, FourSignificantDigits) {
  EXPECT_EQ(formatMs(175.25), "175.2");
  EXPECT_EQ(formatMs(17.5), "17.50");
  EXPECT_EQ(formatMs(1.23456), "1.235");
  EXPECT_EQ(formatMs(0.0123456), "0.01235");
  EXPECT_EQ(formatMs(0.0008), "0.000800");
  EXPECT_EQ(formatMs(12345.6), "12346");
  EXPECT_EQ(formatMs(0), "0");
  EXPECT_EQ(formatMs(-0.5), "-0.5000");
}

TEST(Stats, JsonHasEveryFigureOrNullWithANote) {
  std::string text;
  llvm::raw_string_ostream os(text);
  {
    llvm::json::OStream j(os);
    j.object([&] { writeRunStatsJson(j, summarizeRuns(9.0, shuffled(10))); });
  }
  llvm::Expected<llvm::json::Value> v = llvm::json::parse(text);
  ASSERT_TRUE(bool(v)) << text;
  const llvm::json::Object *o = v->getAsObject();
  EXPECT_EQ(o->getInteger("runs"), 10);
  EXPECT_EQ(o->getNumber("first_run_ms"), 9.0);
  EXPECT_EQ(o->getNumber("median_ms"), 5.5);
  EXPECT_EQ(o->getNumber("p90_ms"), 9.0);
  EXPECT_EQ(o->getNumber("p99_ms"), 10.0);
  EXPECT_EQ(o->getNumber("max_ms"), 10.0);

  text.clear();
  {
    llvm::json::OStream j(os);
    j.object([&] { writeRunStatsJson(j, summarizeRuns(9.0, {})); });
  }
  v = llvm::json::parse(text);
  ASSERT_TRUE(bool(v)) << text;
  o = v->getAsObject();
  EXPECT_EQ(o->getNumber("first_run_ms"), 9.0);
  EXPECT_EQ(o->get("median_ms")->kind(), llvm::json::Value::Null);
  EXPECT_TRUE(o->getString("steady_note").has_value());
}

} // namespace
