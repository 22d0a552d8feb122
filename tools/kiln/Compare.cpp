//===- Compare.cpp - kiln compare: the JIT against the interpreter --------===//
//
// Runs one model on the reference interpreter and on the JIT with the same
// inputs and reports, per backend, preparation time and latency, and per
// output, shape and dtype first, then the largest absolute and relative
// errors against an explicit tolerance. The interpreter is the definition of
// the ops, so its results are the reference; the exit code is 0 only when
// every output is within tolerance.
//
// Latency is honest about what it compares: every backend's first run is
// timed apart (it is cold) before the timed runs; the interpreter runs on
// one thread, so the JIT is timed at its thread count and again at 1 thread
// (the same kernels on a 1-thread executor), and each speedup names both
// thread counts.
//
// With --per-layer every JIT step is a layer: its results are compared with
// the interpreter's results of the op it stands for, and its time with the
// time of the interpreter ops it covers, matched as Layers.h explains. The
// sums of the per-layer times are set beside the whole-run medians, with
// the difference: time spent outside the steps (the executor between them,
// the timer around each) and noise.
//
// Steps with no counterpart are listed but not compared, and counted.
//
// --ablate and --bisect compile the model several times: Ablate.h.
//
// --backends interp,jit,aot adds an AOT library, built in a temporary folder
// as `kiln run --backend=aot` builds it (prepareBackend): its latency is a
// row of the backend table and its outputs are compared with the
// interpreter's in a table of their own.
//
//===----------------------------------------------------------------------===//
#include "Ablate.h"
#include "Common.h"
#include "Layers.h"
#include "Stats.h"
#include "TensorDiff.h"
#include "TextFormat.h"

#include "kiln/runtime/Npy.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

namespace kiln::tool {

namespace {

/// A tensor's shape; "seq[3]" for a sequence of three tensors, "opt[1]"
/// or "opt[0]" for an optional holding a value or none.
std::string shapeOrKind(const Tensor &t) {
  if (t.isDense())
    return formatShape(t.shape());
  return std::string(t.kind() == ValueKind::Sequence ? "seq[" : "opt[") +
         std::to_string(t.items().size()) + "]";
}

/// "1.2e-07", "0", or "inf"/"nan" for the table.
std::string formatErr(double v) {
  if (v == 0)
    return "0";
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("%.2e", v);
  return s;
}

/// One backend's timings.
struct BackendResult {
  std::string name, details;
  unsigned threads = 1;
  double prepareMs = 0;
  /// The timed runs, after the first.
  std::vector<double> runMs;
  RunStats stats;
  std::vector<Tensor> outputs;
};

/// Runs \p run once, cold, then \p runs times, keeping the times, their
/// summary and the last outputs.
template <typename RunFn>
llvm::Error timeRuns(RunFn run, unsigned runs, BackendResult &out) {
  auto start = std::chrono::steady_clock::now();
  auto warm = run();
  if (!warm)
    return warm.takeError();
  double firstMs = msSince(start);
  for (unsigned r = 0; r < runs; ++r) {
    start = std::chrono::steady_clock::now();
    auto result = run();
    if (!result)
      return result.takeError();
    out.runMs.push_back(msSince(start));
    out.outputs = std::move(*result);
  }
  out.stats = summarizeRuns(firstMs, out.runMs);
  return llvm::Error::success();
}

/// "1 thread", "2 threads".
std::string threadsText(unsigned n) {
  return std::to_string(n) + (n == 1 ? " thread" : " threads");
}

/// \p num / \p den, or NaN when \p den is not positive.
double ratio(double num, double den) { return den > 0 ? num / den : NAN; }

/// Everything the table and the JSON report show (with --per-layer, the
/// layers too).
struct Report : LayerReport {
  int64_t opset = 0;
  double loadMs = 0;
  std::vector<TensorSpec> inputSpecs, outputSpecs;
  std::vector<Tensor> inputs;
  std::vector<std::string> inputSources;
  BackendResult interp{"interp", "interpreter"}, jit{"jit", ""};
  /// The JIT's kernels on a 1-thread executor, when the JIT has more.
  std::optional<BackendResult> jit1;
  std::vector<Diff> outputDiffs;
  unsigned failedOutputs = 0;
  /// The AOT library (--backends ...,aot), its outputs against the
  /// interpreter's, and how many fail.
  std::optional<BackendResult> aot;
  std::vector<Diff> aotDiffs;
  unsigned failedAotOutputs = 0;

  /// The JIT at its thread count over the interpreter (1 thread).
  double speedup() const {
    return ratio(interp.stats.medianMs, jit.stats.medianMs);
  }
  /// The JIT at 1 thread over the interpreter: the same thread count.
  double speedup1() const {
    return ratio(interp.stats.medianMs,
                 jit1 ? jit1->stats.medianMs : jit.stats.medianMs);
  }
  /// Per-layer sums set beside the whole runs (--per-layer).
  double jitStepsMs() const {
    double sum = 0;
    for (const Layer &l : layers)
      sum += l.jitMedian;
    return sum;
  }
  double interpOpsMs() const {
    double sum = uncoveredMs;
    for (const Layer &l : layers)
      sum += l.interpMedian;
    return sum;
  }
};

/// The layers of \p report as a JSON array, and the per-layer summary.
void printLayersJson(llvm::json::OStream &j, const Report &report) {
  j.attributeArray("layers", [&] {
    for (size_t l = 0; l < report.layers.size(); ++l)
      j.object([&] {
        const Layer &layer = report.layers[l];
        j.attribute("index", static_cast<int64_t>(l));
        j.attribute("node", utf8(layer.node));
        j.attribute("op", layer.op);
        j.attribute("kind", layer.kind);
        if (layer.itemBegin >= 0)
          j.attributeArray("items", [&] {
            j.value(layer.itemBegin);
            j.value(layer.itemEnd);
          });
        j.attributeArray("interp_ops", [&] {
          for (int i : layer.interpOps)
            j.value(report.ops[i].name);
        });
        jsonNumber(j, "interp_ms", layer.interpMedian);
        jsonNumber(j, "jit_ms", layer.jitMedian);
        jsonNumber(j, "speedup",
                   layer.jitMedian > 0 && !layer.interpOps.empty()
                       ? layer.interpMedian / layer.jitMedian
                       : NAN);
        j.attribute("compared", layer.compared);
        if (!layer.compared) {
          j.attribute("max_abs_err", nullptr);
          j.attribute("max_rel_err", nullptr);
          j.attribute("ok", nullptr);
          return;
        }
        jsonNumber(j, "max_abs_err", layer.diff.maxAbs);
        jsonNumber(j, "max_rel_err", layer.diff.maxRel);
        j.attribute("mismatches", layer.diff.mismatches);
        j.attribute("ok", layer.diff.ok());
        if (!layer.diff.shapeError.empty())
          j.attribute("shape_error", layer.diff.shapeError);
      });
  });
  j.attributeBegin("first_divergence");
  if (report.firstDivergence < 0)
    j.value(nullptr);
  else
    j.value(static_cast<int64_t>(report.firstDivergence));
  j.attributeEnd();
  j.attributeArray("slowest", [&] {
    for (int l : report.slowest)
      j.value(static_cast<int64_t>(l));
  });
  j.attribute("skipped_steps", static_cast<int64_t>(report.skippedSteps));
  j.attribute("uncovered_interp_ops",
              static_cast<int64_t>(report.uncoveredOps));
  jsonNumber(j, "uncovered_interp_ms", report.uncoveredMs);
  // The per-layer sums beside the whole runs (see printSums).
  j.attributeObject("layer_sums", [&] {
    double jitSteps = report.jitStepsMs(), interpOps = report.interpOpsMs();
    jsonNumber(j, "jit_steps_ms", jitSteps);
    jsonNumber(j, "jit_whole_run_ms", report.jit.stats.medianMs);
    jsonNumber(j, "jit_outside_steps_ms", report.jit.stats.medianMs - jitSteps);
    jsonNumber(j, "interp_ops_ms", interpOps);
    jsonNumber(j, "interp_whole_run_ms", report.interp.stats.medianMs);
    jsonNumber(j, "interp_outside_ops_ms",
               report.interp.stats.medianMs - interpOps);
    jsonNumber(j, "speedup_by_sums", ratio(interpOps, jitSteps));
    jsonNumber(j, "speedup_whole_run", report.speedup());
    j.attribute("jit_threads", static_cast<int64_t>(report.jit.threads));
    j.attribute("note",
                "sums of per-layer medians against whole-run medians; the "
                "difference is time outside the steps (the executor or "
                "interpreter between them, the timer and observer around "
                "each) and run-to-run noise");
  });
}

/// \p report as one JSON object.
void printJson(llvm::raw_ostream &os, const Report &report,
               const CompareOptions &opts) {
  llvm::json::OStream j(os, 2);
  j.object([&] {
    j.attribute("model", utf8(opts.model));
    j.attribute("runs", static_cast<int64_t>(opts.runs));
    j.attribute("warmup_runs", 1);
    jsonNumber(j, "load_ms", report.loadMs);
    j.attributeArray("inputs", [&] {
      for (size_t i = 0; i < report.inputs.size(); ++i)
        j.object([&] {
          j.attribute("name", utf8(report.inputSpecs[i].name));
          j.attribute("shape", formatShape(report.inputs[i].shape()));
          j.attribute("dtype",
                      std::string(dtypeName(report.inputs[i].dtype())));
          j.attribute("source", report.inputSources[i]);
        });
    });
    j.attributeArray("backends", [&] {
      std::vector<const BackendResult *> backends = {&report.interp,
                                                     &report.jit};
      if (report.jit1)
        backends.push_back(&*report.jit1);
      if (report.aot)
        backends.push_back(&*report.aot);
      for (const BackendResult *b : backends)
        j.object([&] {
          j.attribute("name", b->name);
          j.attribute("threads", static_cast<int64_t>(b->threads));
          j.attribute("details", b->details);
          jsonNumber(j, "prepare_ms", b->prepareMs);
          writeRunStatsJson(j, b->stats);
          j.attributeArray("run_ms", [&] {
            for (double ms : b->runMs)
              jsonNumber(j, ms);
          });
        });
    });
    // speedup: the JIT at its threads; speedup_1_thread: at 1 thread, as
    // the interpreter.
    jsonNumber(j, "speedup", report.speedup());
    jsonNumber(j, "speedup_1_thread", report.speedup1());
    jsonNumber(j, "jit_thread_speedup",
               report.jit1 ? ratio(report.jit1->stats.medianMs,
                                   report.jit.stats.medianMs)
                           : 1.0);
    j.attribute("interp_threads", 1);
    j.attribute("jit_threads", static_cast<int64_t>(report.jit.threads));
    jsonNumber(j, "atol", opts.atol);
    jsonNumber(j, "rtol", opts.rtol);
    if (report.aot)
      jsonNumber(
          j, "speedup_aot",
          ratio(report.interp.stats.medianMs, report.aot->stats.medianMs));
    auto outputs = [&](const std::vector<Diff> &diffs) {
      for (size_t i = 0; i < report.outputSpecs.size(); ++i)
        j.object([&] {
          const Diff &d = diffs[i];
          const Tensor &ref = report.interp.outputs[i];
          j.attribute("name", utf8(report.outputSpecs[i].name));
          j.attribute("shape", shapeOrKind(ref));
          j.attribute("dtype", std::string(dtypeName(ref.dtype())));
          j.attribute("shape_ok", d.shapeError.empty());
          if (!d.shapeError.empty())
            j.attribute("shape_error", d.shapeError);
          jsonNumber(j, "max_abs_err", d.maxAbs);
          jsonNumber(j, "max_rel_err", d.maxRel);
          j.attribute("mismatches", d.mismatches);
          j.attribute("ok", d.ok());
        });
    };
    j.attributeArray("outputs", [&] { outputs(report.outputDiffs); });
    if (report.aot)
      j.attributeArray("aot_outputs", [&] { outputs(report.aotDiffs); });
    if (opts.perLayer)
      printLayersJson(j, report);
    j.attribute("ok", report.failedOutputs + report.failedAotOutputs == 0);
    if (report.failedOutputs + report.failedAotOutputs)
      if (std::string note =
              randomIntegerInputsNote(report.inputSpecs, report.inputSources);
          !note.empty())
        j.attribute("note", note);
  });
  os << "\n";
}

/// "1.234 ms (5.6%)": \p part of \p whole.
std::string share(double part, double whole) {
  std::string s = formatMs(part) + " ms";
  if (whole > 0)
    s += " (" + fixed(100 * part / whole, 1) + "%)";
  return s;
}

/// The per-layer sums beside the whole-run medians, and why they differ.
void printSums(llvm::raw_ostream &os, const Report &report) {
  double jitSteps = report.jitStepsMs(), interpOps = report.interpOpsMs();
  double jitWhole = report.jit.stats.medianMs;
  double interpWhole = report.interp.stats.medianMs;
  // A negative difference: the steps timed one by one took longer than a
  // whole run takes.
  const char *slower = "more in the steps timed one by one than in a whole "
                       "run: between observed steps the observer's work "
                       "cools caches and lets worker threads go idle";
  os << "sums     jit:    steps " << formatMs(jitSteps)
     << " ms (sum of per-step medians) vs whole run " << formatMs(jitWhole)
     << " ms (median): " << share(jitWhole - jitSteps, jitWhole) << " "
     << (jitWhole >= jitSteps ? "outside the steps (the executor between "
                                "them: operand checks, output copies)"
                              : slower)
     << "\n";
  os << "         interp: ops " << formatMs(interpOps)
     << " ms (sum of per-op medians) vs whole run " << formatMs(interpWhole)
     << " ms (median): " << share(interpWhole - interpOps, interpWhole) << " "
     << (interpWhole >= interpOps
             ? "outside the ops (the interpreter between them: freeing "
               "dead tensors, checking result types)"
             : slower)
     << "\n";
  os << "         speedup " << fixed(ratio(interpOps, jitSteps), 2)
     << "x by the sums (kernels only), " << fixed(report.speedup(), 2)
     << "x by the whole runs (jit at " << threadsText(report.jit.threads)
     << " both)\n";
}

/// The per-layer table: execution order, the first divergence and the five
/// slowest steps marked, then a summary.
void printLayersTable(llvm::raw_ostream &os, const Report &report) {
  const std::vector<Layer> &layers = report.layers;
  // The interpreter ops of each layer, "conv+batch_normalization+relu".
  std::vector<std::string> covers;
  size_t nodeWidth = 4, opWidth = 2, coversWidth = 10;
  for (const Layer &layer : layers) {
    std::string c;
    for (int i : layer.interpOps)
      c += (c.empty() ? "" : "+") + report.ops[i].name;
    covers.push_back(clip(c.empty() ? "-" : c, 40));
    nodeWidth = std::max(
        nodeWidth,
        std::min<size_t>(layer.node.size() +
                             itemsLabel(layer.itemBegin, layer.itemEnd).size(),
                         40));
    opWidth = std::max(opWidth, layer.op.size());
    coversWidth = std::max(coversWidth, covers.back().size() + 1);
  }
  auto line = [&](const std::string &row) {
    os << llvm::StringRef(row).rtrim() << "\n";
  };
  os << "\nlayers (JIT steps in execution order, jit at "
     << threadsText(report.jit.threads)
     << "; interp ms sums the interpreter ops each step covers; medians of "
     << report.jit.stats.runs << " observed runs)\n";
  line(pad("#", 5, true) + "  " + pad("node", nodeWidth) + "  " +
       pad("op", opWidth) + "  " + pad("kind", 11) +
       pad("interp ops", coversWidth) + pad("interp ms", 10, true) +
       pad("jit ms", 10, true) + pad("speedup", 9, true) +
       pad("max abs err", 13, true) + "  ok");
  for (size_t l = 0; l < layers.size(); ++l) {
    const Layer &layer = layers[l];
    std::string speed = "-";
    if (layer.jitMedian > 0 && !layer.interpOps.empty())
      speed = fixed(layer.interpMedian / layer.jitMedian, 1) + "x";
    std::string err = "-", ok = "-";
    if (layer.compared) {
      if (layer.diff.shapeError.empty())
        err = formatErr(layer.diff.maxAbs);
      ok = layer.diff.ok() ? "ok" : "FAIL";
    }
    std::string marks;
    if (static_cast<int>(l) == report.firstDivergence)
      marks += "  <- first divergence";
    auto rank = llvm::find(report.slowest, static_cast<int>(l));
    if (rank != report.slowest.end())
      marks += "  slow #" + std::to_string(rank - report.slowest.begin() + 1);
    if (!layer.diff.shapeError.empty())
      marks += "  (" + layer.diff.shapeError + ")";
    line(pad(std::to_string(l), 5, true) + "  " +
         pad(clip((layer.node.empty() ? "?" : layer.node) +
                      itemsLabel(layer.itemBegin, layer.itemEnd),
                  40),
             nodeWidth) +
         "  " + pad(layer.op, opWidth) + "  " + pad(layer.kind, 11) +
         pad(covers[l], coversWidth) +
         pad(formatMs(layer.interpMedian), 10, true) +
         pad(formatMs(layer.jitMedian), 10, true) + pad(speed, 9, true) +
         pad(err, 13, true) + "  " + pad(ok, 4) + marks);
  }
  if (report.firstDivergence >= 0) {
    const Layer &layer = layers[report.firstDivergence];
    os << "first divergence: #" << report.firstDivergence << " '" << layer.node
       << "' (" << layer.op << ", " << layer.kind << "), "
       << (layer.diff.shapeError.empty()
               ? "max abs err " + formatErr(layer.diff.maxAbs)
               : "shape or dtype differs: " + layer.diff.shapeError)
       << "\n";
  } else {
    os << "first divergence: none\n";
  }
  os << "slowest jit layers:";
  for (size_t k = 0; k < report.slowest.size(); ++k)
    os << (k ? ", #" : " #") << report.slowest[k] << " ("
       << formatMs(layers[report.slowest[k]].jitMedian) << " ms)";
  os << "\n";
  os << "not compared: " << report.skippedSteps
     << " steps without an interpreter counterpart; " << report.uncoveredOps
     << " interpreter ops (" << formatMs(report.uncoveredMs)
     << " ms) not covered by a step\n";
  printSums(os, report);
}

/// The table of a backend's outputs against the interpreter's, \p diffs,
/// its first column headed \p title.
void printOutputs(llvm::raw_ostream &os, const Report &report,
                  const std::vector<Diff> &diffs, llvm::StringRef title) {
  size_t nameWidth = title.size();
  for (const TensorSpec &spec : report.outputSpecs)
    nameWidth = std::max(nameWidth, spec.name.size());
  os << "\n"
     << pad(title, nameWidth) << "  " << pad("shape", 16) << pad("dtype", 6)
     << pad("max abs err", 13, true) << pad("max rel err", 13, true)
     << pad("mismatches", 12, true) << "  result\n";
  for (size_t i = 0; i < report.outputSpecs.size(); ++i) {
    const Diff &d = diffs[i];
    const Tensor &ref = report.interp.outputs[i];
    os << pad(report.outputSpecs[i].name, nameWidth) << "  "
       << pad(shapeOrKind(ref), 16)
       << pad(std::string(dtypeName(ref.dtype())), 6);
    if (!d.shapeError.empty()) {
      os << "  FAIL: shape or dtype differs (" << d.shapeError << ")\n";
      continue;
    }
    os << pad(formatErr(d.maxAbs), 13, true)
       << pad(formatErr(d.maxRel), 13, true)
       << pad(std::to_string(d.mismatches), 12, true) << "  "
       << (d.ok() ? "ok" : "FAIL") << "\n";
  }
}

/// \p report as tables: backends, layers (with --per-layer), outputs.
void printTable(llvm::raw_ostream &os, const Report &report,
                const CompareOptions &opts) {
  os << "model    " << opts.model << " (opset " << report.opset << "), load "
     << fixed(report.loadMs, 1) << " ms\n";
  os << "inputs\n";
  for (size_t i = 0; i < report.inputs.size(); ++i)
    os << "  " << report.inputSpecs[i].name << "  "
       << formatShape(report.inputs[i].shape()) << " "
       << dtypeName(report.inputs[i].dtype()) << "  " << report.inputSources[i]
       << "\n";

  os << "\n"
     << pad("backend", 8) << pad("threads", 8, true)
     << pad("prepare ms", 12, true) << pad("first ms", 11, true)
     << pad("median ms", 11, true) << pad("p90 ms", 10, true) << "  details\n";
  std::vector<const BackendResult *> backends = {&report.interp, &report.jit};
  if (report.jit1)
    backends.push_back(&*report.jit1);
  if (report.aot)
    backends.push_back(&*report.aot);
  for (const BackendResult *b : backends)
    os << pad(b->name == "jit-1-thread" ? "jit" : b->name, 8)
       << pad(std::to_string(b->threads), 8, true)
       << pad(b->name == "jit-1-thread" ? "-" : fixed(b->prepareMs, 1), 12,
              true)
       << pad(formatMs(b->stats.firstMs), 11, true)
       << pad(formatMs(b->stats.medianMs), 11, true)
       << pad(formatMs(b->stats.p90Ms), 10, true) << "  " << b->details << "\n";
  auto times = [](double x) {
    return std::isfinite(x) ? fixed(x, 2) + "x" : std::string("-");
  };
  unsigned jitThreads = report.jit.threads;
  os << "speedup  " << times(report.speedup()) << " jit at "
     << threadsText(jitThreads) << " over interp at 1 thread\n";
  if (report.jit1) {
    os << "         " << times(report.speedup1())
       << " jit at 1 thread over interp at 1 thread (same thread count)\n";
    os << "         "
       << times(ratio(report.jit1->stats.medianMs, report.jit.stats.medianMs))
       << " jit at " << threadsText(jitThreads) << " over jit at 1 thread\n";
  }
  if (report.aot)
    os << "         "
       << times(ratio(report.interp.stats.medianMs, report.aot->stats.medianMs))
       << " aot at " << threadsText(report.aot->threads)
       << " over interp at 1 thread\n";
  os << "timing   medians of " << opts.runs << " run"
     << (opts.runs == 1 ? "" : "s")
     << " per backend after a first run timed apart (first ms: cold); "
        "percentiles "
     << percentileNote(opts.runs) << "\n";

  if (opts.perLayer)
    printLayersTable(os, report);

  printOutputs(os, report, report.outputDiffs, "output");
  if (report.aot)
    printOutputs(os, report, report.aotDiffs, "aot output");
  size_t n = report.outputSpecs.size();
  os << "\ntolerance |" << (report.aot ? "jit or aot" : "jit")
     << " - interp| <= " << llvm::format("%g", opts.atol) << " + "
     << llvm::format("%g", opts.rtol)
     << " * |interp| for floats; integers and bools exact\n";
  os << "result   "
     << (report.failedOutputs + report.failedAotOutputs ? "FAIL" : "PASS")
     << ": " << n - report.failedOutputs << "/" << n;
  if (report.aot)
    os << " jit outputs and " << n - report.failedAotOutputs << "/" << n
       << " aot outputs within tolerance\n";
  else
    os << " outputs within tolerance\n";
  if (report.failedOutputs + report.failedAotOutputs)
    if (std::string note =
            randomIntegerInputsNote(report.inputSpecs, report.inputSources);
        !note.empty())
      os << "note     " << note << "\n";
}

} // namespace

int compareCommand(const CompareOptions &opts) {
  if (opts.runs == 0)
    return reportError("--runs must be at least 1");
  if (!(opts.atol >= 0) || !(opts.rtol >= 0))
    return reportError("--atol and --rtol must be non-negative numbers");
  if (opts.ablate && opts.bisect)
    return reportError("--ablate and --bisect are separate runs: give one");
  if (opts.aot && (opts.ablate || opts.bisect))
    return reportError("--backends with aot compares the backends; --ablate "
                       "and --bisect work on the jit alone: drop one");
  if (opts.ablate)
    return ablateCommand(opts);
  if (opts.bisect)
    return bisectCommand(opts);
  auto ctx = makeContext();
  Report report;

  // 1. Load once; the JIT gets a clone, since its graph passes rewrite it.
  frontend::LoadOptions load;
  if (!parseShapeOptions(opts.shapes, load.inputShapes))
    return 1;
  std::map<std::string, Tensor> given;
  if (!readInputFiles(opts.inputs, load, given))
    return 1;
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<frontend::LoadedModel> model =
      frontend::loadModel(*ctx, opts.model, load);
  if (!model)
    return 1;
  mlir::OwningOpRef<mlir::ModuleOp> interpModule =
      frontend::importModel(*ctx, *model);
  if (!interpModule)
    return 1;
  mlir::OwningOpRef<mlir::ModuleOp> jitModule = interpModule->clone();
  mlir::OwningOpRef<mlir::ModuleOp> aotModule;
  if (opts.aot)
    aotModule = interpModule->clone();
  report.opset = model->opset;
  report.loadMs = msSince(start);

  // 2. Prepare both backends.
  start = std::chrono::steady_clock::now();
  auto interp = Interpreter::create(*interpModule);
  if (!interp)
    return reportError(llvm::toString(interp.takeError()));
  report.interp.prepareMs = msSince(start);
  start = std::chrono::steady_clock::now();
  auto jit = cpu::JitModel::create(*jitModule, opts.cpu);
  if (!jit)
    return reportError(llvm::toString(jit.takeError()));
  report.jit.prepareMs = msSince(start);
  const cpu::CompileStats &stats = (*jit)->stats();
  unsigned threads = (*jit)->getExecutor().threads();
  report.jit.threads = threads;
  report.jit.details =
      std::to_string(stats.compiledSteps) + " compiled steps, " +
      std::to_string(stats.referenceSteps) + " reference steps";
  if (stats.compiledSteps)
    report.jit.details += ", kernels " + stats.kernelsFrom();
  if (size_t rounds = (*jit)->getExecutor().sideBySideRounds())
    report.jit.details += ", " + sideBySideText(rounds);
  // The interpreter is single-threaded: the JIT at 1 thread too, on the
  // same plan and kernels (nothing compiled again).
  std::unique_ptr<cpu::Executor> single;
  if (threads > 1) {
    single = (*jit)->getExecutor().withSettings(1, opts.cpu.flushDenormals);
    report.jit1 = BackendResult{"jit-1-thread",
                                "the same kernels on a 1-thread executor"};
  }

  // The AOT library, built in a temporary folder (removed once loaded).
  std::unique_ptr<PreparedModel> aotLibrary;
  if (opts.aot) {
    auto prepared = prepareBackend("aot", *aotModule, opts.cpu, nullptr);
    if (!prepared)
      return reportError("aot: " + llvm::toString(prepared.takeError()));
    aotLibrary = std::move(*prepared);
    report.aot = BackendResult{"aot", aotLibrary->description()};
    report.aot->threads = aotLibrary->threads();
    report.aot->prepareMs = aotLibrary->prepareMs();
  }

  // 3. Inputs: from files, else seeded random data as `kiln run` makes.
  report.inputSpecs = (*interp)->inputs();
  report.outputSpecs = (*interp)->outputs();
  if ((*jit)->inputs().size() != report.inputSpecs.size())
    return reportError(
        "the JIT expects " + llvm::Twine((*jit)->inputs().size()) +
        " inputs but the interpreter " + llvm::Twine(report.inputSpecs.size()));
  auto inputs =
      bindInputs(report.inputSpecs, given, opts.seed, &report.inputSources,
                 inputIndexBounds((*jit)->getPlan()));
  if (!inputs)
    return reportError(llvm::toString(inputs.takeError()));
  report.inputs = std::move(*inputs);

  // 4. Latency: the same first run and timed runs on each backend.
  if (llvm::Error e = timeRuns([&] { return (*interp)->run(report.inputs); },
                               opts.runs, report.interp))
    return reportError("interpreter: " + llvm::toString(std::move(e)));
  if (llvm::Error e = timeRuns([&] { return (*jit)->run(report.inputs); },
                               opts.runs, report.jit))
    return reportError("jit: " + llvm::toString(std::move(e)));
  if (single)
    if (llvm::Error e = timeRuns([&] { return single->run(report.inputs); },
                                 opts.runs, *report.jit1))
      return reportError("jit at 1 thread: " + llvm::toString(std::move(e)));
  if (aotLibrary)
    if (llvm::Error e = timeRuns([&] { return aotLibrary->run(report.inputs); },
                                 opts.runs, *report.aot))
      return reportError("aot: " + llvm::toString(std::move(e)));

  // 5. Outputs, shapes and dtypes first.
  if (report.jit.outputs.size() != report.interp.outputs.size())
    return reportError("the JIT returned " +
                       llvm::Twine(report.jit.outputs.size()) +
                       " outputs but the interpreter " +
                       llvm::Twine(report.interp.outputs.size()));
  for (size_t i = 0; i < report.interp.outputs.size(); ++i) {
    report.outputDiffs.push_back(compareTensors(
        report.jit.outputs[i], report.interp.outputs[i], opts.atol, opts.rtol));
    report.failedOutputs += !report.outputDiffs.back().ok();
  }
  if (report.aot) {
    if (report.aot->outputs.size() != report.interp.outputs.size())
      return reportError("the AOT library returned " +
                         llvm::Twine(report.aot->outputs.size()) +
                         " outputs but the interpreter " +
                         llvm::Twine(report.interp.outputs.size()));
    for (size_t i = 0; i < report.interp.outputs.size(); ++i) {
      report.aotDiffs.push_back(compareTensors(report.aot->outputs[i],
                                               report.interp.outputs[i],
                                               opts.atol, opts.rtol));
      report.failedAotOutputs += !report.aotDiffs.back().ok();
    }
  }

  // 6. Layers.
  if (opts.perLayer)
    if (llvm::Error e =
            compareLayers(**interp, **jit, *interpModule, report.inputs,
                          opts.runs, opts.atol, opts.rtol, report))
      return reportError(llvm::toString(std::move(e)));

  if (opts.json)
    printJson(llvm::outs(), report, opts);
  else
    printTable(llvm::outs(), report, opts);
  return report.failedOutputs + report.failedAotOutputs ? 1 : 0;
}

} // namespace kiln::tool
