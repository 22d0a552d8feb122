//===- Explain.cpp - kiln explain: why this model is slow, measured -------===//
//
// Answers "why is my model slow" with measurements of the user's model on the
// user's machine, in one report (JSON; the terminal summary and the HTML page
// are renderings of it, ExplainReport.h):
//
//   1. load and import, timed;
//   2. a cold compile into a fresh cache folder (nothing from earlier runs),
//      then the cached path `kiln run` takes on a hit: the model entry read
//      back and linked;
//   3. the first (cold) run and the steady state: warm-up, then timed runs;
//   4. the profile (Profile.h): every JIT step with its FLOPs and bytes on
//      this machine's roofline (measured peak and bandwidth, MachineLimits.h),
//      beside the interpreter ops it covers;
//   5. the ablation (Ablate.h): each optimization turned off in turn;
//   6. subnormal numbers: in the weights, in every op's results (the
//      interpreter's, exact), and the latency with flush-to-zero on and off;
//   7. scaling: threads from 1 to all cores, batch 1, 2, 4, 8 where the
//      model runs at another batch;
//   8. estimates, labelled as such: a training step's FLOPs (the usual 3x a
//      forward pass) and what int8 weights would change;
//   9. findings: the few sentences a user should read first.
//
// Timings that compare variants (flush-to-zero, threads) alternate the
// variants round by round, so that noise on a shared machine hits all alike.
//
//===----------------------------------------------------------------------===//
#include "Ablate.h"
#include "Common.h"
#include "Denormals.h"
#include "ExplainReport.h"
#include "Layers.h"
#include "Profile.h"
#include "Stats.h"
#include "TextFormat.h"

#include "kiln/cpu/MachineLimits.h"
#include "kiln/runtime/Npy.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <thread>

namespace kiln::tool {

namespace {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

/// The sections a user may leave out with --skip.
const std::vector<std::string> kExplainSections = {"profile", "ablation",
                                                   "denormals", "scaling"};

/// "12.3 ms", "41.2 µs", "2.31 s": durations in findings, as the report's
/// renderings print them.
std::string ms(double v) { return explain::formatMs(v); }

/// One model loaded, imported and ready to copy for each variant.
struct Imported {
  std::unique_ptr<frontend::LoadedModel> model;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  double loadMs = 0, importMs = 0;
};

/// Loads and imports \p path with \p load into \p ctx.
llvm::Expected<Imported> loadAndImport(mlir::MLIRContext &ctx,
                                       const std::string &path,
                                       const frontend::LoadOptions &load) {
  Imported out;
  auto start = std::chrono::steady_clock::now();
  out.model = frontend::loadModel(ctx, path, load);
  if (!out.model)
    return makeError("cannot load " + path); // diagnostics printed already
  out.loadMs = msSince(start);
  start = std::chrono::steady_clock::now();
  out.module = frontend::importModel(ctx, *out.model);
  if (!out.module)
    return makeError("cannot import " + path);
  out.importMs = msSince(start);
  return std::move(out);
}

/// A way to run the model once.
using RunFn = std::function<llvm::Error()>;

/// Times every variant of \p variants \p runs times after one warm-up each,
/// alternating variants round by round; the statistics of each.
llvm::Expected<std::vector<RunStats>>
timeInterleaved(const std::vector<RunFn> &variants, unsigned runs) {
  std::vector<double> first(variants.size());
  std::vector<std::vector<double>> times(variants.size());
  for (size_t v = 0; v < variants.size(); ++v) {
    auto start = std::chrono::steady_clock::now();
    if (llvm::Error e = variants[v]())
      return std::move(e);
    first[v] = msSince(start);
  }
  for (unsigned r = 0; r < runs; ++r)
    for (size_t v = 0; v < variants.size(); ++v) {
      auto start = std::chrono::steady_clock::now();
      if (llvm::Error e = variants[v]())
        return std::move(e);
      times[v].push_back(msSince(start));
    }
  std::vector<RunStats> stats;
  for (size_t v = 0; v < variants.size(); ++v)
    stats.push_back(summarizeRuns(first[v], times[v]));
  return stats;
}

/// \p jit's run as a RunFn on \p inputs.
RunFn runOf(cpu::JitModel &jit, const std::vector<Tensor> &inputs) {
  return [&jit, &inputs]() -> llvm::Error {
    auto out = jit.run(inputs);
    return out ? llvm::Error::success() : out.takeError();
  };
}

/// \p write's JSON object as a value (the sections whose writers other
/// commands share print to an OStream).
Value objectFrom(llvm::function_ref<void(llvm::json::OStream &)> write) {
  std::string text;
  llvm::raw_string_ostream os(text);
  {
    llvm::json::OStream j(os);
    j.object([&] { write(j); });
  }
  llvm::Expected<Value> value = llvm::json::parse(os.str());
  assert(value && "the writers write valid JSON");
  return std::move(*value);
}

/// Everything the stages share.
struct Session {
  const ExplainOptions &opts;
  mlir::MLIRContext &ctx;
  frontend::LoadOptions load;
  std::map<std::string, Tensor> given;
  /// The cache folder of this report: empty at the start, removed at the end.
  std::string cacheDir;
  /// The model as imported (never rewritten: each JIT gets a clone).
  Imported imported;
  std::vector<Tensor> inputs;
  std::vector<std::string> inputSources;
  /// The JIT measured (compiled in this session: a plan read back from a
  /// model entry has no graph ops to match with the interpreter's), and
  /// the graph it was compiled from, which must outlive it.
  mlir::OwningOpRef<mlir::ModuleOp> jitModule;
  std::unique_ptr<PreparedModel> prepared;
  unsigned threads = 1;
  MachineLimits limits;
  Object report;
  /// Findings, most important first.
  std::vector<std::string> findings;

  cpu::CpuOptions cpuOptions(unsigned threadCount) const {
    cpu::CpuOptions o = opts.cpu;
    o.cacheDir = cacheDir;
    o.useCache = true;
    o.threads = threadCount;
    o.onStage = nullptr;
    o.onProgress = nullptr;
    return o;
  }
  /// The JIT behind `prepared`. PreparedModel hands it out const for
  /// inspection; running it is what the session is for.
  cpu::JitModel &jit() const {
    return *const_cast<cpu::JitModel *>(prepared->jitModel());
  }
  void progress(const llvm::Twine &what) const {
    llvm::errs() << "kiln explain: " << what << "\n";
  }
};

/// 1-3: load, import, compile cold and cached, first and steady runs.
llvm::Error measureTimeToReady(Session &s) {
  s.progress("loading and importing " + s.opts.model);
  auto imported = loadAndImport(s.ctx, s.opts.model, s.load);
  if (!imported)
    return imported.takeError();
  s.imported = std::move(*imported);

  // Cold: an empty cache folder, as on a new machine.
  s.progress("compiling (cold, empty cache)");
  cpu::CpuOptions options = s.cpuOptions(s.opts.cpu.threads);
  ModelEntryCache entries;
  if (entries.open(s.opts.model, s.load, options, nullptr))
    return makeError("a fresh cache folder already had this model");
  s.jitModule = s.imported.module->clone();
  auto cold = prepareBackend("jit", *s.jitModule, options, nullptr);
  if (!cold)
    return cold.takeError();
  s.prepared = std::move(*cold);
  double coldMs = s.prepared->prepareMs();
  std::vector<std::string> noWarnings;
  double writeMs =
      entries.save(*s.prepared, *s.imported.model, noWarnings, nullptr);

  // Cached: the model entry, as `kiln run` finds it on its next call.
  s.progress("preparing again from the cache");
  std::unique_ptr<PreparedModel> cached =
      entries.open(s.opts.model, s.load, options, nullptr);
  if (!cached)
    return makeError("the model entry just written could not be read back "
                     "from " +
                     s.cacheDir);
  double cachedMs = cached->prepareMs();
  cached.reset();
  s.threads = s.opts.cpu.threads
                  ? s.opts.cpu.threads
                  : std::max(1u, std::thread::hardware_concurrency());

  auto inputs = bindInputs(s.prepared->inputs(), s.given, s.opts.seed,
                           &s.inputSources, s.prepared->indexBounds());
  if (!inputs)
    return inputs.takeError();
  s.inputs = std::move(*inputs);

  s.progress("timing " + llvm::Twine(s.opts.runs) + " runs");
  auto stats = timeInterleaved({runOf(s.jit(), s.inputs)}, s.opts.runs);
  if (!stats)
    return stats.takeError();
  const RunStats &steady = (*stats)[0];

  Object time{{"load_ms", s.imported.loadMs},
              {"import_ms", s.imported.importMs},
              {"compile_cold_ms", coldMs},
              {"cache_write_ms", writeMs},
              {"compile_cached_ms", cachedMs},
              {"first_run_ms", steady.firstMs},
              {"steady", objectFrom([&](llvm::json::OStream &j) {
                 writeRunStatsJson(j, steady);
               })}};
  s.report["time"] = std::move(time);
  s.report["backend"] = s.prepared->description();
  s.report["threads"] = static_cast<int64_t>(s.threads);

  Array inputsJson;
  for (size_t i = 0; i < s.inputs.size(); ++i)
    inputsJson.push_back(
        Object{{"name", s.prepared->inputs()[i].name},
               {"shape", formatShape(s.inputs[i].shape())},
               {"dtype", std::string(dtypeName(s.inputs[i].dtype()))},
               {"source", s.inputSources[i]}});
  s.report["inputs"] = std::move(inputsJson);

  double ready = s.imported.loadMs + s.imported.importMs + coldMs;
  s.findings.push_back(llvm::formatv(
      "Ready in {0} on a first run (load {1}, import {2}, compile {3}); {4} "
      "from the cache afterwards. A steady run takes {5} (median of {6}; "
      "the first, cold run took {7}).",
      ms(ready), ms(s.imported.loadMs), ms(s.imported.importMs), ms(coldMs),
      ms(cachedMs), ms(steady.medianMs), steady.runs, ms(steady.firstMs)));
  return llvm::Error::success();
}

/// Bytes of constants each plan step reads (weights, packed or not).
std::vector<double> weightBytesPerStep(const cpu::Plan &plan) {
  std::vector<double> bytes(plan.steps.size(), 0);
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const cpu::PlanStep &step = plan.steps[i];
    const std::vector<int> &read =
        step.kind == cpu::PlanStep::Kind::Compiled ? step.args : step.inputs;
    for (int slot : read)
      if (slot >= 0 && plan.slots[slot].isConstant)
        bytes[i] += plan.slots[slot].constant.byteSize();
  }
  return bytes;
}

/// 4: the profile, the roofline, interpreted against compiled; and the
/// estimates of 8, which read its FLOPs and bytes.
llvm::Error measureProfile(Session &s) {
  s.progress("profiling every step (interpreter and JIT)");
  mlir::OwningOpRef<mlir::ModuleOp> interpModule = s.imported.module->clone();
  auto interp = Interpreter::create(*interpModule);
  if (!interp)
    return interp.takeError();
  // The interpreter is slow on big models: a few runs are enough for it.
  unsigned runs = std::max(1u, std::min(3u, s.opts.runs));
  auto profile =
      profileModel(**interp, s.jit(), *interpModule, s.inputs, runs, s.limits);
  if (!profile)
    return profile.takeError();
  const ProfileReport &p = *profile;

  std::vector<double> weights = weightBytesPerStep(s.jit().getPlan());
  // memoryMs: steps the DRAM bandwidth bounds; cachedMs: steps whose data
  // fits in the L2 caches, which run above that roof.
  double flops = 0, bytes = 0, weightBytes = 0, stepMs = 0, memoryMs = 0,
         cachedMs = 0;
  Array layers;
  for (const ProfileRow &row : p.rows) {
    flops += row.flops;
    bytes += row.bytes;
    stepMs += row.ms;
    if (row.fitsInL2)
      cachedMs += row.ms;
    else if (row.bound == "memory")
      memoryMs += row.ms;
    Value layer = objectFrom(
        [&](llvm::json::OStream &j) { writeProfileRowJson(j, p, row); });
    (*layer.getAsObject())["weight_bytes"] = weights[row.step];
    layers.push_back(std::move(layer));
  }
  for (double w : weights)
    weightBytes += w;
  s.report["layers"] = std::move(layers);
  Array hotspots;
  for (size_t h : p.hotspots)
    hotspots.push_back(static_cast<int64_t>(h));
  s.report["hotspots"] = std::move(hotspots);

  const Object *time = s.report.getObject("time");
  double steadyMs =
      time->getObject("steady")->getNumber("median_ms").value_or(p.jitMs);
  // Against the steady runs, as the report's headline compares them.
  if (p.interpMs > 0 && steadyMs > 0)
    s.findings.push_back(llvm::formatv(
        "Compiled, the model runs {0}x faster than the reference interpreter "
        "({1} against {2} op by op): fused kernels, vector code, packed "
        "weights and {3} thread{4}.",
        fixed(p.interpMs / steadyMs, 1), ms(steadyMs), ms(p.interpMs),
        s.threads, s.threads == 1 ? "" : "s"));

  double peak = s.threads == 1 ? s.limits.peakGflops1 : s.limits.peakGflopsAll;
  double gflops = steadyMs > 0 ? flops / (steadyMs * 1e6) : 0;
  s.report["totals"] =
      Object{{"flops", flops},
             {"bytes", bytes},
             {"weight_bytes", weightBytes},
             {"gflops", gflops},
             {"pct_of_peak", peak > 0 ? 100 * gflops / peak : 0.0},
             {"step_ms", stepMs}};
  (*s.report.getObject("time"))["interp_ms"] = p.interpMs;

  if (!p.hotspots.empty()) {
    double topMs = 0;
    size_t top = std::min<size_t>(3, p.hotspots.size());
    for (size_t i = 0; i < top; ++i)
      topMs += p.rows[p.hotspots[i]].ms;
    const ProfileRow &first = p.rows[p.hotspots[0]];
    s.findings.push_back(llvm::formatv(
        "The {0} slowest of {1} steps take {2}% of the step time; the "
        "slowest is "
        "'{3}' ({4}, {5}, {6}-bound at {7}% of what this machine can do at "
        "its arithmetic intensity).",
        top, p.rows.size(), fixed(stepMs > 0 ? 100 * topMs / stepMs : 0, 0),
        (first.node.empty() ? first.op : first.node) + rowPartLabel(first),
        first.op, ms(first.ms), first.bound, fixed(first.pctOfAttainable, 0)));
  }
  if (stepMs > 0)
    s.findings.push_back(llvm::formatv(
        "Steps bound by memory bandwidth take {0}% of the step time, and "
        "{1}% run on data that fits in the L2 caches (above the DRAM roof); "
        "the whole run computes {2} GFLOP at {3} GFLOP/s, {4}% of the "
        "measured FMA peak ({5} GFLOP/s at {6} thread{7}).",
        fixed(100 * memoryMs / stepMs, 0), fixed(100 * cachedMs / stepMs, 0),
        fixed(flops / 1e9, 2), fixed(gflops, 1),
        fixed(peak > 0 ? 100 * gflops / peak : 0, 0), fixed(peak, 1), s.threads,
        s.threads == 1 ? "" : "s"));

  // 8. Estimates, from the same figures.
  s.report["training"] = Object{
      {"forward_flops", flops},
      {"step_flops", 3 * flops},
      {"factor", 3},
      {"step_ms", 3 * steadyMs},
      {"estimate", true},
      {"note", "a training step is estimated as 3x the forward pass (the "
               "backward pass computes gradients for both activations and "
               "weights, about 2x the forward FLOPs), at the efficiency this "
               "forward pass reaches; the optimizer update and the memory "
               "kept for the backward pass are not counted"}};
  // int8 weights, activations left f32: a step bound by DRAM bandwidth
  // reads a quarter of its weight bytes; compute-bound and cache-resident
  // steps are left as they are (int8 dot-product instructions could speed
  // them up too: not counted).
  double int8Ms = 0;
  for (const ProfileRow &row : p.rows) {
    if (row.bound != "memory" || row.fitsInL2 || row.bytes <= 0) {
      int8Ms += row.ms;
      continue;
    }
    double saved = 0.75 * std::min(weights[row.step], row.bytes);
    int8Ms += row.ms * (row.bytes - saved) / row.bytes;
  }
  s.report["int8"] = Object{
      {"weight_bytes_f32", weightBytes},
      {"weight_bytes_int8", weightBytes / 4},
      {"memory_bound_share", stepMs > 0 ? memoryMs / stepMs : 0.0},
      {"step_ms_f32", stepMs},
      {"estimated_ms", int8Ms},
      {"estimate", true},
      {"note",
       "Kiln does not compile int8 kernels yet, so this is an "
       "estimate: weights stored as int8 (4x fewer bytes), "
       "activations kept f32; the time of a step bound by DRAM bandwidth "
       "scales with the bytes it moves, a compute-bound or "
       "cache-resident step's is unchanged"}};
  return llvm::Error::success();
}

/// 5: the ablation.
llvm::Error measureAblation(Session &s) {
  s.progress("ablation: the model compiled once per optimization turned off");
  auto ablation = runAblation(
      *s.imported.module, s.cpuOptions(s.opts.cpu.threads), s.inputs,
      s.opts.runs, [&](const std::string &line) { s.progress(line); });
  if (!ablation)
    return ablation.takeError();
  const AblationReport &a = *ablation;
  s.report["ablation"] =
      objectFrom([&](llvm::json::OStream &j) { writeAblationJson(j, a); });
  const AblationRow *best = nullptr;
  for (const AblationRow &row : a.rows)
    if (row.ok && (!best || row.speedup > best->speedup))
      best = &row;
  if (best)
    s.findings.push_back(llvm::formatv(
        "Of the optimizations, '{0}' buys the most: without it a run takes "
        "{1} instead of {2} ({3}x; spread {4}, {5}).",
        best->name, ms(best->medianMs), ms(a.fullMs), fixed(best->speedup, 2),
        ms(best->spreadMs), a.spreadMethod));
  size_t differ = llvm::count_if(a.rows, [](const AblationRow &row) {
    return row.error.empty() && !row.ok;
  });
  if (differ) {
    std::string note =
        randomIntegerInputsNote(s.prepared->inputs(), s.inputSources);
    s.findings.push_back(llvm::formatv(
        "{0} of {1} compiled variants give outputs that differ from the "
        "interpreter's beyond the tolerance, so their times are left out of "
        "the comparison{2}.",
        differ, a.rows.size(), note.empty() ? "" : "; the " + note));
  }
  return llvm::Error::success();
}

/// 6: subnormal numbers in the weights and in every step's results, and
/// what flush-to-zero changes.
llvm::Error measureDenormals(Session &s) {
  s.progress("subnormal numbers: weights, activations, flush-to-zero");
  auto count = [](const SubnormalCount &c) {
    return Object{{"subnormal", static_cast<int64_t>(c.subnormal)},
                  {"total", static_cast<int64_t>(c.total)}};
  };
  SubnormalCount weights = totalWeightSubnormals(*s.imported.module);
  Array weightsByLayer;
  for (const auto &[node, c] : weightSubnormals(*s.imported.module))
    if (c.subnormal) {
      Object o = count(c);
      o["node"] = node;
      weightsByLayer.push_back(std::move(o));
    }

  // Activations: every step's results in one run without flushing.
  auto perStep = activationSubnormals(s.jit(), s.inputs);
  if (!perStep)
    return perStep.takeError();
  const cpu::Plan &plan = s.jit().getPlan();
  SubnormalCount activations;
  Array activationsByLayer;
  for (size_t i = 0; i < perStep->size(); ++i) {
    const SubnormalCount &c = (*perStep)[i];
    activations.subnormal += c.subnormal;
    activations.total += c.total;
    if (!c.subnormal)
      continue;
    Object o = count(c);
    o["index"] = static_cast<int64_t>(i);
    o["node"] = plan.steps[i].label;
    activationsByLayer.push_back(std::move(o));
  }

  auto timing = timeFlushDenormals(s.jit(), s.inputs, s.opts.runs);
  if (!timing)
    return timing.takeError();
  double off = timing->off.medianMs, on = timing->on.medianMs;
  s.report["denormals"] =
      Object{{"weights", count(weights)},
             {"weights_by_layer", std::move(weightsByLayer)},
             {"activations", count(activations)},
             {"activations_by_layer", std::move(activationsByLayer)},
             {"ftz_off_ms", off},
             {"ftz_on_ms", on},
             {"ftz_speedup", timing->speedup()},
             {"runs", static_cast<int64_t>(s.opts.runs)}};
  // Told apart only when the slower one's fastest run is slower than 90% of
  // the faster one's runs: on a shared machine a median alone moves by more
  // than many real effects.
  const RunStats &slow = off > on ? timing->off : timing->on;
  const RunStats &fast = off > on ? timing->on : timing->off;
  bool apart = slow.minMs > fast.p90Ms;
  s.report.getObject("denormals")->insert({"ftz_told_apart", apart});
  std::string effect =
      !apart ? "not told apart from the run-to-run noise"
             : llvm::formatv("{0}x {1}", fixed(std::max(off / on, on / off), 2),
                             off > on ? "faster with flushing"
                                      : "slower with flushing")
                   .str();
  s.findings.push_back(llvm::formatv(
      "Subnormal numbers: {0} of {1} weights and {2} of {3} activation "
      "values; flush-to-zero on against off: {4} against {5}, {6}.",
      weights.subnormal, weights.total, activations.subnormal,
      activations.total, ms(on), ms(off), effect));
  return llvm::Error::success();
}

/// The batch dimension the model's inputs share (dim 0 of every input),
/// or 0 when they do not share one.
int64_t sharedBatch(const std::vector<Tensor> &inputs) {
  int64_t batch = 0;
  for (const Tensor &t : inputs) {
    if (t.shape().empty())
      return 0;
    if (batch && t.shape()[0] != batch)
      return 0;
    batch = t.shape()[0];
  }
  return batch;
}

/// 7: threads from 1 to all, and batch 1, 2, 4, 8.
llvm::Error measureScaling(Session &s) {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::vector<unsigned> counts;
  for (unsigned t = 1; t <= cores; t *= 2)
    counts.push_back(t);
  if (counts.back() != cores)
    counts.push_back(cores);
  s.progress("scaling with threads (" + llvm::Twine(counts.size()) +
             " variants)");
  // The same plan and kernels on executors of each thread count: nothing is
  // compiled again.
  std::vector<std::unique_ptr<cpu::Executor>> executors;
  std::vector<RunFn> variants;
  for (unsigned t : counts) {
    executors.push_back(s.jit().getExecutor().withSettings(t, false));
    variants.push_back([&ex = *executors.back(), &s]() -> llvm::Error {
      auto out = ex.run(s.inputs);
      return out ? llvm::Error::success() : out.takeError();
    });
  }
  auto stats = timeInterleaved(variants, s.opts.runs);
  if (!stats)
    return stats.takeError();
  executors.clear();
  Array threads;
  double oneMs = (*stats)[0].medianMs;
  for (size_t i = 0; i < counts.size(); ++i)
    threads.push_back(Object{{"threads", static_cast<int64_t>(counts[i])},
                             {"median_ms", (*stats)[i].medianMs},
                             {"speedup", (*stats)[i].medianMs > 0
                                             ? oneMs / (*stats)[i].medianMs
                                             : 0.0}});
  Object scaling{{"threads", std::move(threads)}};
  if (counts.size() > 1)
    s.findings.push_back(llvm::formatv(
        "{0} threads run it {1}x faster than 1 ({2} against {3}).",
        counts.back(), fixed(oneMs / stats->back().medianMs, 2),
        ms(stats->back().medianMs), ms(oneMs)));

  // Batch: every input's dim 0 set to 1, 2, 4, 8 (--shape), where the model
  // takes it and its outputs follow.
  int64_t batch = sharedBatch(s.inputs);
  Array batches;
  std::string note;
  if (!batch) {
    note = "the inputs share no leading batch dimension";
  } else {
    for (int64_t b : {1, 2, 4, 8}) {
      s.progress("batch " + llvm::Twine(b));
      frontend::LoadOptions load = s.load;
      std::map<std::string, Tensor> given;
      for (size_t i = 0; i < s.inputs.size(); ++i) {
        Shape shape = s.inputs[i].shape();
        shape[0] = b;
        load.inputShapes[s.prepared->inputs()[i].name] = shape;
      }
      load.dataShapes.clear();
      // Diagnostics of a batch the model does not take stay out of the
      // user's terminal: they go into the note.
      std::string diagnostics;
      mlir::ScopedDiagnosticHandler quiet(&s.ctx, [&](mlir::Diagnostic &d) {
        if (d.getSeverity() == mlir::DiagnosticSeverity::Error &&
            diagnostics.empty())
          diagnostics = d.str();
        return mlir::success();
      });
      auto imported = loadAndImport(s.ctx, s.opts.model, load);
      if (!imported) {
        llvm::consumeError(imported.takeError());
        note = "batch " + std::to_string(b) + " does not load: " + diagnostics;
        break;
      }
      auto jit = cpu::JitModel::create(*imported->module,
                                       s.cpuOptions(s.opts.cpu.threads));
      if (!jit) {
        note = "batch " + std::to_string(b) +
               " does not compile: " + llvm::toString(jit.takeError());
        break;
      }
      // Random data of the new shape (files given stay at their batch).
      auto inputs = bindInputs((*jit)->inputs(), {}, s.opts.seed, nullptr,
                               inputIndexBounds((*jit)->getPlan()));
      if (!inputs) {
        note = llvm::toString(inputs.takeError());
        break;
      }
      auto out = (*jit)->run(*inputs);
      if (!out) {
        note = "batch " + std::to_string(b) +
               " does not run: " + llvm::toString(out.takeError());
        break;
      }
      // A model that hard-codes batch 1 inside (a Reshape to 1x...) runs at
      // another batch with outputs that no longer follow it.
      bool follows = true;
      for (const Tensor &t : *out)
        follows &= !t.shape().empty() && t.shape()[0] == b;
      if (!follows) {
        note = "at batch " + std::to_string(b) +
               " the outputs do not follow the batch (the graph fixes it "
               "inside, e.g. a Reshape to 1x...)";
        break;
      }
      auto stats = timeInterleaved({runOf(**jit, *inputs)}, s.opts.runs);
      if (!stats)
        return stats.takeError();
      double median = (*stats)[0].medianMs;
      batches.push_back(
          Object{{"batch", b},
                 {"median_ms", median},
                 {"items_per_s", median > 0 ? 1000.0 * b / median : 0.0}});
    }
  }
  if (batches.size() > 1) {
    const Object *first = batches.front().getAsObject();
    const Object *last = batches.back().getAsObject();
    double t1 = *first->getNumber("items_per_s"),
           tn = *last->getNumber("items_per_s");
    s.findings.push_back(llvm::formatv(
        "Batching raises throughput from {0} to {1} items/s at batch {2} "
        "({3}x), at a latency of {4} per batch.",
        fixed(t1, 1), fixed(tn, 1), *last->getInteger("batch"),
        fixed(tn / t1, 2), ms(*last->getNumber("median_ms"))));
  }
  scaling["batch"] = std::move(batches);
  if (!note.empty())
    scaling["batch_note"] = note;
  s.report["scaling"] = std::move(scaling);
  return llvm::Error::success();
}

/// Runs \p stage; a failure becomes a note in the report (the other
/// sections still come), and is printed.
void runStage(Session &s, llvm::StringRef name,
              llvm::function_ref<llvm::Error(Session &)> stage) {
  if (llvm::is_contained(s.opts.skip, name.str())) {
    s.report[(name + "_note").str()] = "skipped (--skip=" + name.str() + ")";
    return;
  }
  auto start = std::chrono::steady_clock::now();
  if (llvm::Error e = stage(s)) {
    std::string message = llvm::toString(std::move(e));
    llvm::errs() << "kiln: warning: explain: " << name << ": " << message
                 << "\n";
    // The page prints a note after "Not measured: ".
    s.report[(name + "_note").str()] = "failed: " + message;
  }
  s.progress(name + " done (" + ms(msSince(start)) + ")");
}

} // namespace

int explainCommand(const ExplainOptions &opts) {
  if (!opts.fromJson.empty())
    return renderSavedReport(opts);
  if (opts.runs == 0)
    return reportError("--runs must be at least 1");
  for (const std::string &name : opts.skip)
    if (!llvm::is_contained(kExplainSections, name))
      return reportError("--skip: unknown section '" + name + "' (expected " +
                         llvm::join(kExplainSections, ", ") + ")");
  auto ctx = makeContext();
  Session s{opts, *ctx};
  if (!parseShapeOptions(opts.shapes, s.load.inputShapes))
    return 1;
  if (!readInputFiles(opts.inputs, s.load, s.given))
    return 1;
  llvm::SmallString<128> dir;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("kiln-explain", dir))
    return reportError("cannot create a temporary cache folder: " +
                       ec.message());
  s.cacheDir = dir.str().str();
  auto cleanup = llvm::make_scope_exit(
      [&] { (void)llvm::sys::fs::remove_directories(s.cacheDir); });

  s.report["kiln_explain"] = 1;
  s.report["model"] = opts.model;
  s.report["runs"] = static_cast<int64_t>(opts.runs);
  s.progress("measuring this machine's limits");
  auto limits = cpu::machineLimits(
      opts.cpu.threads ? opts.cpu.threads
                       : std::max(1u, std::thread::hardware_concurrency()),
      opts.cpu.cacheDir, /*remeasure=*/false);
  if (!limits)
    return reportError(llvm::toString(limits.takeError()));
  s.limits = *limits;
  s.report["machine"] = objectFrom(
      [&](llvm::json::OStream &j) { writeMachineJson(j, s.limits); });

  // Without a prepared model nothing else can be measured.
  if (llvm::Error e = measureTimeToReady(s))
    return reportError(llvm::toString(std::move(e)));
  s.report["opset"] = s.imported.model->opset;
  runStage(s, "profile", measureProfile);
  runStage(s, "ablation", measureAblation);
  runStage(s, "denormals", measureDenormals);
  runStage(s, "scaling", measureScaling);

  Array findings;
  for (const std::string &f : s.findings)
    findings.push_back(f);
  s.report["findings"] = std::move(findings);
  return writeExplainReport(std::move(s.report), opts);
}

} // namespace kiln::tool
