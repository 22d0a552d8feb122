//===- Ablate.cpp - kiln compare --ablate: what each optimization buys ----===//
//
// runAblation:
//  1. The variants: the full pipeline; it without each optimization pass of
//     the graph pipeline (correctness passes stay on); with 1 thread instead
//     of several; with the parts of a batch one after another instead of
//     side by side; with LLVM at -O1 instead of -O2 or -O3; with every Concat
//     copying its inputs (no in-place Concats). Identical kernels shared
//     between steps are not a variant: they save compile time, not run
//     time.
//  2. Each variant is compiled from its own clone of the imported graph
//     (variants with the full pipeline's kernels load them from the kernel
//     cache), run once to warm up, and its outputs compared with the
//     interpreter's. A variant that fails is kept, with its error.
//  3. Timing alternates the variants in rounds (full, A, B, ..., full, A,
//     B, ...; each round starts one variant later, so that none always
//     runs after the same one), each variant run `runsPerRound` times per
//     round (enough for a millisecond) and the round's figure their median;
//     a variant's latency is the median of its rounds, its spread that of
//     the rounds, and its speedup's range that of its per-round ratios to
//     the full pipeline (which ran in the same round). Variants that would
//     not fit in memory together (half of what is available; each holds its
//     own compiled model) are timed in groups, each with the full pipeline,
//     and released after their group.
//
//===----------------------------------------------------------------------===//
#include "Ablate.h"
#include "TensorDiff.h"
#include "TextFormat.h"

#include "kiln/passes/Passes.h"
#include "kiln/runtime/Npy.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace kiln::tool {

namespace {

/// The \p q quantile of \p v (0 <= q <= 1), interpolated between ranks; NaN
/// when empty.
double quantile(std::vector<double> v, double q) {
  if (v.empty())
    return NAN;
  std::sort(v.begin(), v.end());
  double at = q * static_cast<double>(v.size() - 1);
  size_t lo = static_cast<size_t>(at);
  size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (at - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

/// Rounds from which the spread is p90 - p10 rather than max - min.
constexpr unsigned kPercentileRounds = 10;

/// The low and high ends of the spread of \p v (see spreadMethod).
std::pair<double, double> spreadBounds(const std::vector<double> &v) {
  double q = v.size() >= kPercentileRounds ? 0.1 : 0.0;
  return {quantile(v, q), quantile(v, 1 - q)};
}

/// The one-minute load average of /proc/loadavg, or NaN.
double loadAverage() {
  std::ifstream in("/proc/loadavg");
  double load = NAN;
  if (!(in >> load))
    return NAN;
  return load;
}

/// One variant being measured.
struct Variant {
  AblationRow row;
  cpu::CpuOptions options;
  /// The graph the JIT model was compiled from (it must outlive it).
  mlir::OwningOpRef<mlir::ModuleOp> graph;
  std::unique_ptr<cpu::JitModel> jit;
  std::vector<double> roundMs;
  /// The full pipeline's figure in each of this variant's rounds.
  std::vector<double> fullRoundMs;
};

/// Bytes of memory the variants timed together may take: half of what the
/// machine has available when the ablation starts (KILN_ABLATE_MEMORY_MB
/// sets it, for tests); unlimited where /proc does not tell.
uint64_t variantMemoryBudget() {
  if (const char *mb = std::getenv("KILN_ABLATE_MEMORY_MB"); mb && *mb)
    return std::strtoull(mb, nullptr, 10) << 20;
  std::optional<uint64_t> available = availableMemoryBytes();
  return available ? *available / 2 : UINT64_MAX;
}

/// Compiles \p v from a clone of \p imported, runs it once and compares
/// its outputs with \p reference; a failure goes to v.row.error.
void prepareVariant(Variant &v, mlir::ModuleOp imported,
                    const std::vector<Tensor> &inputs,
                    const std::vector<Tensor> &reference, double atol,
                    double rtol) {
  v.graph = imported.clone();
  auto start = std::chrono::steady_clock::now();
  auto jit = cpu::JitModel::create(*v.graph, v.options);
  if (!jit) {
    v.row.error = "compile: " + llvm::toString(jit.takeError());
    return;
  }
  v.row.compileMs = msSince(start);
  v.jit = std::move(*jit);
  v.row.compiledSteps = v.jit->stats().compiledSteps;
  v.row.referenceSteps = v.jit->stats().referenceSteps;
  v.row.cacheHit = v.jit->stats().cacheHit;
  v.row.kernelsFrom = v.jit->stats().kernelsFrom();
  auto outputs = v.jit->run(inputs);
  if (!outputs) {
    v.row.error = "run: " + llvm::toString(outputs.takeError());
    v.jit.reset();
    return;
  }
  if (outputs->size() != reference.size()) {
    v.row.error = "returned " + std::to_string(outputs->size()) +
                  " outputs, the interpreter " +
                  std::to_string(reference.size());
    return;
  }
  v.row.ok = true;
  v.row.maxAbsErr = 0;
  for (size_t i = 0; i < reference.size(); ++i) {
    Diff d = compareTensors((*outputs)[i], reference[i], atol, rtol);
    v.row.ok &= d.ok();
    v.row.maxAbsErr = d.shapeError.empty() ? std::max(v.row.maxAbsErr, d.maxAbs)
                                           : static_cast<double>(INFINITY);
  }
}

/// The variants of \p base (step 1 of the file header); the first is the
/// full pipeline.
std::vector<Variant> makeVariants(const cpu::CpuOptions &base,
                                  AblationReport &report) {
  std::vector<Variant> variants;
  auto add = [&](std::string name, std::string what) -> cpu::CpuOptions & {
    variants.emplace_back();
    variants.back().row.name = std::move(name);
    variants.back().row.what = std::move(what);
    variants.back().options = base;
    return variants.back().options;
  };
  add("full pipeline", "every optimization on");
  for (llvm::StringRef pass : optimizationPassNames()) {
    if (llvm::is_contained(base.disabledPasses, pass)) {
      report.alreadyOff.push_back(pass.str());
      continue;
    }
    if (isCorrectnessPass(pass)) {
      report.keptOn.push_back(pass.str());
      continue;
    }
    add(pass.str(), "graph pass: " + optimizationPassSummary(pass).str())
        .disabledPasses.push_back(pass.str());
  }
  if (report.threads > 1) {
    add("threads", "kernels split over " + std::to_string(report.threads) +
                       " threads (off: 1 thread)")
        .threads = 1;
    add("parts-side-by-side",
        "executor: the parts of a batch kiln-split-batch cut run side by "
        "side, one per thread (off: one after the other, each step split "
        "over the threads)")
        .partsSideBySide = false;
  }
  if (base.optLevel >= 2)
    add("llvm-opt-level",
        "LLVM at -O" + std::to_string(base.optLevel) + " (off: -O1, " +
            (base.optLevel >= 3 ? "Kiln's short pass pipeline instead of "
                                  "LLVM's whole one and "
                                : "") +
            "code generation at less effort; the graph passes still run)")
        .optLevel = 1;
  add("concat-views",
      "executor: Concat inputs computed in place in the result, Split and "
      "Slice results read in place, pointwise kernels writing over their "
      "operand (off: every Concat, Reshape, Split and Slice copies)")
      .concatViews = false;
  return variants;
}

/// Times \p perRound runs of \p v and appends their median to v.roundMs;
/// a failure goes to v.row.error and drops the model.
void timeRound(Variant &v, const std::vector<Tensor> &inputs,
               unsigned perRound) {
  std::vector<double> ms;
  for (unsigned i = 0; i < perRound; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto out = v.jit->run(inputs);
    if (!out) {
      v.row.error = "run: " + llvm::toString(out.takeError());
      v.jit.reset();
      return;
    }
    ms.push_back(msSince(start));
  }
  v.roundMs.push_back(quantile(ms, 0.5));
}

/// The members of one row's JSON object.
void writeRowJson(llvm::json::OStream &j, const AblationRow &row) {
  j.attribute("name", row.name);
  j.attribute("what", row.what);
  jsonNumber(j, "median_ms", row.medianMs);
  jsonNumber(j, "spread_ms", row.spreadMs);
  jsonNumber(j, "speedup", row.speedup);
  jsonNumber(j, "speedup_low", row.speedupLow);
  jsonNumber(j, "speedup_high", row.speedupHigh);
  j.attribute("within_noise", row.withinNoise());
  j.attribute("ok", row.ok);
  jsonNumber(j, "max_abs_err", row.maxAbsErr);
  j.attribute("compiled_steps", static_cast<int64_t>(row.compiledSteps));
  j.attribute("reference_steps", static_cast<int64_t>(row.referenceSteps));
  jsonNumber(j, "compile_ms", row.compileMs);
  j.attribute("kernels_from_cache", row.cacheHit);
  if (!row.error.empty()) {
    j.attribute("error", row.error);
    j.attribute("median_ms_note", "the variant could not be built or run");
  }
}

/// The report of `kiln compare --ablate` as one JSON object.
void printAblationJson(llvm::raw_ostream &os, const AblationReport &report,
                       const CompareOptions &opts) {
  llvm::json::OStream j(os, 2);
  j.object([&] {
    j.attribute("model", llvm::json::isUTF8(opts.model)
                             ? opts.model
                             : llvm::json::fixUTF8(opts.model));
    jsonNumber(j, "atol", opts.atol);
    jsonNumber(j, "rtol", opts.rtol);
    j.attributeObject("ablation", [&] { writeAblationJson(j, report); });
  });
  os << "\n";
}

/// The report of `kiln compare --ablate` as a table and its notes.
void printAblationTable(llvm::raw_ostream &os, const AblationReport &report,
                        const CompareOptions &opts) {
  os << "model    " << opts.model << "\n";
  os << "ablation " << report.runs << " round" << (report.runs == 1 ? "" : "s")
     << " of " << report.runsPerRound << " timed run"
     << (report.runsPerRound == 1 ? "" : "s")
     << " per variant, variants alternating, after 1 warm-up each; "
     << report.threads << " thread" << (report.threads == 1 ? "" : "s")
     << ", -O" << report.optLevel << "\n";
  if (report.groups > 1)
    os << "groups   " << report.groups
       << " groups of variants, each timed with the full pipeline, to stay "
          "within "
       << (report.memoryBudget >> 20) << " MiB\n";
  if (std::isfinite(report.loadAverage))
    os << "machine  load average " << fixed(report.loadAverage, 2) << " on "
       << report.cores << " core" << (report.cores == 1 ? "" : "s")
       << " when the timing began\n";
  os << "\n"
     << pad("turned off", 34) << pad("median ms", 11, true)
     << pad("spread", 9, true) << pad("speedup", 10, true)
     << pad("(range)", 16, true) << pad("steps", 7, true) << "  ok    what\n";
  // Sub-millisecond models get a digit more: spreads are microseconds.
  int digits = report.fullMs < 1 ? 4 : 3;
  bool anyWithinNoise = false;
  auto printRow = [&](const AblationRow &row, bool isFull) {
    std::string speed = "-", range;
    if (std::isfinite(row.speedup) && !isFull) {
      speed = fixed(row.speedup, 2) + "x";
      range = "(" + fixed(row.speedupLow, 2) + "-" + fixed(row.speedupHigh, 2) +
              ")" + (row.withinNoise() ? "*" : " ");
      anyWithinNoise |= row.withinNoise();
    }
    std::string ok = row.error.empty() ? (row.ok ? "ok" : "FAIL") : "ERROR";
    std::string what = row.error.empty() ? row.what : row.error;
    os << llvm::StringRef(
              pad(isFull ? "none (full pipeline)" : row.name, 34) +
              pad(fixed(row.medianMs, digits), 11, true) +
              pad(fixed(row.spreadMs, digits), 9, true) + pad(speed, 10, true) +
              pad(range, 17, true) +
              pad(row.error.empty() ? std::to_string(row.compiledSteps) : "-",
                  6, true) +
              "  " + pad(ok, 6) + what)
              .rtrim()
       << "\n";
  };
  printRow(report.full, true);
  for (const AblationRow &row : report.rows)
    printRow(row, false);
  os << "\nspeedup = median with it off / median of the full pipeline (> 1: "
        "what it buys); range and spread: "
     << report.spreadMethod
     << " over the rounds (range from each round's own ratio)\n";
  if (anyWithinNoise)
    os << "*: the range spans 1.00x: at this noise the variant is not told "
          "apart from the full pipeline (more --runs may)\n";
  if (!report.keptOn.empty())
    os << "always on: " << llvm::join(report.keptOn, ", ")
       << " (correctness passes, not optimizations)\n";
  if (!report.alreadyOff.empty())
    os << "off in every variant (--disable-pass): "
       << llvm::join(report.alreadyOff, ", ") << "\n";
  os << "ok: outputs within " << llvm::format("%g", opts.atol) << " + "
     << llvm::format("%g", opts.rtol) << " * |interp| of the interpreter's\n";
}

} // namespace

llvm::Expected<AblationReport>
runAblation(mlir::ModuleOp imported, const cpu::CpuOptions &base,
            const std::vector<Tensor> &inputs, unsigned runs,
            const Progress &progress, double atol, double rtol,
            const std::vector<Tensor> *reference) {
  if (runs == 0)
    return makeError("--runs must be at least 1");
  if (base.optLevel == 0)
    return makeError("-O0 runs no graph pass and no optimization to turn "
                     "off: ablate at -O1 or above");
  AblationReport report;
  report.runs = runs;
  report.optLevel = base.optLevel;
  report.threads = base.threads
                       ? base.threads
                       : std::max(1u, std::thread::hardware_concurrency());
  report.spreadMethod = runs >= kPercentileRounds ? "p90 - p10" : "max - min";

  // The interpreter's outputs, the reference of every variant.
  std::vector<Tensor> computed;
  if (!reference) {
    auto interp = Interpreter::create(imported);
    if (!interp)
      return interp.takeError();
    auto out = (*interp)->run(inputs);
    if (!out)
      return makeError("interpreter: " + llvm::toString(out.takeError()));
    computed = std::move(*out);
    reference = &computed;
  }

  std::vector<Variant> variants = makeVariants(base, report);
  auto prepare = [&](size_t i) {
    Variant &v = variants[i];
    prepareVariant(v, imported, inputs, *reference, atol, rtol);
    if (progress) {
      std::string line = "ablate [" + std::to_string(i + 1) + "/" +
                         std::to_string(variants.size()) + "] " + v.row.name +
                         (i ? " off" : "") + ": ";
      if (!v.row.error.empty())
        line += "failed: " + v.row.error;
      else
        line += std::to_string(v.row.compiledSteps) + " compiled steps, " +
                "kernels " + v.row.kernelsFrom + ", prepared in " +
                fixed(v.row.compileMs, 0) + " ms, outputs " +
                (v.row.ok ? "match" : "DIFFER");
      progress(line);
    }
  };
  report.memoryBudget = variantMemoryBudget();
  std::optional<uint64_t> before = residentBytes();
  prepare(0);
  if (!variants[0].jit)
    return makeError("the full pipeline: " + variants[0].row.error);
  std::optional<uint64_t> after = residentBytes();
  // What one variant holds (its compiled model), from the full pipeline's.
  uint64_t perVariant =
      before && after && *after > *before ? *after - *before : 0;

  // Runs per round: enough for about a millisecond, from the fastest of
  // three more warm-up runs of the full pipeline (the first run may have
  // paid for page faults).
  double oneMs = INFINITY;
  for (int i = 0; i < 3; ++i) {
    auto start = std::chrono::steady_clock::now();
    if (auto out = variants[0].jit->run(inputs); !out)
      return makeError("the full pipeline: run: " +
                       llvm::toString(out.takeError()));
    oneMs = std::min(oneMs, msSince(start));
  }
  report.runsPerRound =
      oneMs >= 1.0 ? 1
                   : static_cast<unsigned>(std::min(
                         50.0, std::ceil(1.0 / std::max(oneMs, 0.02))));

  report.cores = std::max(1u, std::thread::hardware_concurrency());
  report.loadAverage = loadAverage();

  // The variants are timed in groups, each with the full pipeline, that fit
  // in memory together (every variant holds its own compiled model: ~0.8 GB
  // each for BERT-base). In each round of a group every variant runs in
  // turn; round r starts at its r-th variant (mod the group's size): the
  // order alternates as in every round, but no variant always runs right
  // after the same one (after a slow variant's cache pollution, say). A
  // variant's speedup is taken against the full pipeline's rounds of its
  // own group; variants are released once their group is timed.
  std::vector<size_t> group;
  auto timeGroup = [&] {
    if (group.empty())
      return;
    std::vector<size_t> members = {0};
    members.insert(members.end(), group.begin(), group.end());
    for (unsigned r = 0; r < runs; ++r)
      for (size_t k = 0; k < members.size(); ++k)
        if (Variant &v = variants[members[(r + k) % members.size()]]; v.jit)
          timeRound(v, inputs, report.runsPerRound);
    for (size_t i : group) {
      Variant &v = variants[i];
      size_t n = std::min(v.roundMs.size(), variants[0].roundMs.size());
      v.fullRoundMs.assign(variants[0].roundMs.end() - n,
                           variants[0].roundMs.end());
      v.jit.reset();
      v.graph = nullptr;
    }
    group.clear();
    ++report.groups;
  };
  for (size_t i = 1; i < variants.size(); ++i) {
    // A group is timed before the next variant would not fit beside it.
    // (The full pipeline, the group and the next variant.)
    if (!group.empty() && perVariant * (group.size() + 2) > report.memoryBudget)
      timeGroup();
    prepare(i);
    if (variants[i].jit)
      group.push_back(i);
    if (!variants[0].jit)
      break;
  }
  timeGroup();
  if (!variants[0].jit)
    return makeError("the full pipeline: " + variants[0].row.error);

  for (size_t i = 0; i < variants.size(); ++i) {
    Variant &v = variants[i];
    AblationRow &row = v.row;
    if (i == 0) {
      row.medianMs = quantile(v.roundMs, 0.5);
      auto [lo, hi] = spreadBounds(v.roundMs);
      row.spreadMs = hi - lo;
      row.speedup = row.speedupLow = row.speedupHigh = 1;
    } else if (row.error.empty() && v.roundMs.size() == runs &&
               v.fullRoundMs.size() == runs) {
      row.medianMs = quantile(v.roundMs, 0.5);
      auto [lo, hi] = spreadBounds(v.roundMs);
      row.spreadMs = hi - lo;
      std::vector<double> ratios;
      for (unsigned r = 0; r < runs; ++r)
        ratios.push_back(v.roundMs[r] / v.fullRoundMs[r]);
      row.speedup = row.medianMs / quantile(v.fullRoundMs, 0.5);
      std::tie(row.speedupLow, row.speedupHigh) = spreadBounds(ratios);
    }
    if (i == 0)
      report.full = row;
    else
      report.rows.push_back(row);
  }
  report.fullMs = report.full.medianMs;
  report.fullSpreadMs = report.full.spreadMs;
  return report;
}

void writeAblationJson(llvm::json::OStream &j, const AblationReport &report) {
  j.attribute("runs", static_cast<int64_t>(report.runs));
  j.attribute("runs_per_round", static_cast<int64_t>(report.runsPerRound));
  j.attribute("spread", report.spreadMethod + " of the per-round medians");
  j.attribute("threads", static_cast<int64_t>(report.threads));
  j.attribute("opt_level", static_cast<int64_t>(report.optLevel));
  j.attribute("groups", static_cast<int64_t>(report.groups));
  if (report.memoryBudget != UINT64_MAX)
    j.attribute("memory_budget_mib",
                static_cast<int64_t>(report.memoryBudget >> 20));
  jsonNumber(j, "load_average", report.loadAverage);
  j.attribute("cores", static_cast<int64_t>(report.cores));
  jsonNumber(j, "full_ms", report.fullMs);
  jsonNumber(j, "full_spread_ms", report.fullSpreadMs);
  j.attributeObject("full", [&] { writeRowJson(j, report.full); });
  j.attributeArray("kept_on", [&] {
    for (const std::string &p : report.keptOn)
      j.value(p);
  });
  j.attributeArray("already_off", [&] {
    for (const std::string &p : report.alreadyOff)
      j.value(p);
  });
  j.attributeArray("rows", [&] {
    for (const AblationRow &row : report.rows)
      j.object([&] { writeRowJson(j, row); });
  });
}

bool loadCompareSetup(mlir::MLIRContext &ctx, const CompareOptions &opts,
                      CompareSetup &out) {
  auto fail = [](const llvm::Twine &message) {
    reportError(message);
    return false;
  };
  frontend::LoadOptions load;
  if (!parseShapeOptions(opts.shapes, load.inputShapes))
    return false;
  std::map<std::string, Tensor> given;
  if (!readInputFiles(opts.inputs, load, given))
    return false;
  out.model = frontend::loadModel(ctx, opts.model, load);
  if (!out.model)
    return false;
  out.module = frontend::importModel(ctx, *out.model);
  if (!out.module)
    return false;
  {
    auto interp = Interpreter::create(*out.module);
    if (!interp)
      return fail(llvm::toString(interp.takeError()));
    out.inputSpecs = (*interp)->inputs();
  }
  auto inputs = bindInputs(out.inputSpecs, given, opts.seed, &out.inputSources,
                           inputIndexBounds(*out.module));
  if (!inputs)
    return fail(llvm::toString(inputs.takeError()));
  out.inputs = std::move(*inputs);
  return true;
}

int ablateCommand(const CompareOptions &opts) {
  if (opts.perLayer)
    return reportError("--per-layer does not combine with --ablate");
  auto ctx = makeContext();
  CompareSetup setup;
  if (!loadCompareSetup(*ctx, opts, setup))
    return 1;
  Progress progress = [](const std::string &line) {
    llvm::errs() << "kiln: " << line << "\n";
  };
  auto report = runAblation(*setup.module, opts.cpu, setup.inputs, opts.runs,
                            progress, opts.atol, opts.rtol);
  if (!report)
    return reportError(llvm::toString(report.takeError()));

  if (opts.json)
    printAblationJson(llvm::outs(), *report, opts);
  else
    printAblationTable(llvm::outs(), *report, opts);
  // A variant that cannot be built is reported (a pass may be needed for a
  // model to compile at all); one that computes wrong outputs is a bug.
  bool wrong = !report->full.ok;
  for (const AblationRow &row : report->rows)
    wrong |= row.error.empty() && !row.ok;
  return wrong ? 1 : 0;
}

} // namespace kiln::tool
