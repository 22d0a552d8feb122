//===- Run.cpp - kiln run: execute a model --------------------------------===//
//
// Loads a model, binds inputs (from .npy files or seeded random data), runs
// it on the chosen backend, prints a summary and writes every output as
// DIR/<output name>.npy. Outputs are written only after a successful run,
// each through a temporary file, so a failure leaves nothing half-written.
// The first run is timed apart (it is cold), then --runs N more are timed
// and summarized (Stats.h: min, median, nearest-rank p90 and p99, max);
// --json prints the whole report as one JSON object instead of the summary.
// With --trace, the timed runs are recorded step by step as a Chrome trace.
// With --flush-denormals, every step runs with subnormal floats flushed to
// zero (kiln/runtime/FloatMode.h).
// On the JIT, a model prepared before with the same options comes whole
// from the cache (ModelEntryCache), without load, import or compile.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "Stats.h"
#include "TextFormat.h"

#include "kiln/runtime/FloatMode.h"
#include "kiln/runtime/Npy.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

namespace kiln::tool {

namespace {
/// Summary statistics of a tensor's values.
struct Values {
  int64_t count = 0, nans = 0;
  double lo = INFINITY, hi = -INFINITY, mean = NAN;
};
} // namespace

static Values valuesOf(const Tensor &t) {
  Values v;
  v.count = t.numElements();
  double sum = 0;
  for (int64_t i = 0; i < v.count; ++i) {
    double x = t.getAsDouble(i);
    if (std::isnan(x)) {
      ++v.nans;
      continue;
    }
    v.lo = std::min(v.lo, x);
    v.hi = std::max(v.hi, x);
    sum += x;
  }
  if (v.count > v.nans)
    v.mean = sum / static_cast<double>(v.count - v.nans);
  return v;
}

/// Summary statistics of a tensor for the report.
static std::string summarize(const Tensor &t) {
  Values v = valuesOf(t);
  if (v.count == 0)
    return "empty";
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "min " << llvm::format("%.4g", v.lo) << "  max "
     << llvm::format("%.4g", v.hi) << "  mean " << llvm::format("%.4g", v.mean);
  if (v.nans)
    os << "  NaN " << v.nans;
  return os.str();
}

/// Output names become file names: path separators and odd characters go.
static std::string fileNameFor(const std::string &name) {
  std::string s = name;
  for (char &c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' &&
        c != '.')
      c = '_';
  if (s.empty() || s[0] == '.')
    s = "_" + s;
  return s;
}

int runCommand(const RunOptions &opts) {
  if (opts.backend != "interp" && opts.backend != "jit" &&
      opts.backend != "aot")
    return reportError("unknown backend '" + opts.backend +
                       "': expected 'jit', 'interp' or 'aot'");
  // A library from `kiln compile -o libNAME.so` replaces load and import;
  // a model with --backend=aot is built into a temporary library first.
  bool isLibrary = llvm::StringRef(opts.model).ends_with(".so");
  if (isLibrary && opts.backend != "aot")
    return reportError("'" + opts.model +
                       "' is a library: run it with "
                       "--backend=aot");
  if (opts.runs == 0)
    return reportError("--runs must be at least 1");
  if (opts.flushDenormals && opts.backend == "aot")
    return reportError("--flush-denormals works on the jit and interp "
                       "backends, not aot (a library runs its own threads)");
  if (opts.flushDenormals && !kCanFlushDenormals)
    return reportError("--flush-denormals: Kiln cannot set flush-to-zero on "
                       "this CPU architecture (x86 and AArch64 only)");
  // The prepare stages and their times, for --json (and, with -v, printed
  // as they finish by prepareBackend).
  std::vector<std::pair<std::string, double>> stages;
  cpu::CpuOptions cpuOptions = opts.cpu;
  cpuOptions.onStage = [&](llvm::StringRef stage, double ms) {
    stages.emplace_back(stage.str(), ms);
    if (opts.cpu.onStage)
      opts.cpu.onStage(stage, ms);
  };
  auto start = std::chrono::steady_clock::now();
  auto ctx = makeContext();

  // Inputs given as files fix their shapes before shape inference.
  frontend::LoadOptions load;
  if (!parseShapeOptions(opts.shapes, load.inputShapes))
    return 1;
  std::map<std::string, Tensor> given;
  if (!readInputFiles(opts.inputs, load, given))
    return 1;

  auto progress = [&](const llvm::Twine &what) {
    if (opts.verbose)
      llvm::errs() << "kiln: " << what << " ("
                   << llvm::format("%.0f", msSince(start)) << " ms)\n";
  };
  Progress stageProgress;
  if (opts.verbose)
    stageProgress = [&](const std::string &what) { progress(what); };
  // The JIT's whole-model cache: a hit skips load, import and compile.
  ModelEntryCache entries;
  std::unique_ptr<PreparedModel> cached;
  if (!isLibrary && opts.backend == "jit")
    cached = entries.open(opts.model, load, cpuOptions, stageProgress);
  std::unique_ptr<frontend::LoadedModel> model;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  double loadMs = 0, importMs = 0;
  // The warnings of load, import and compile, kept with the model's entry.
  std::vector<std::string> warnings;
  mlir::ScopedDiagnosticHandler recordWarnings(
      ctx.get(), [&](mlir::Diagnostic &d) {
        if (d.getSeverity() == mlir::DiagnosticSeverity::Warning)
          warnings.push_back(diagnosticLine(d));
        return mlir::failure(); // printed by makeContext's handler
      });
  if (!isLibrary && !cached) {
    progress("loading " + opts.model);
    model = frontend::loadModel(*ctx, opts.model, load);
    if (!model)
      return 1;
    loadMs = msSince(start);
    progress("loaded and checked; importing");
    auto importStart = std::chrono::steady_clock::now();
    module = frontend::importModel(*ctx, *model);
    if (!module)
      return 1;
    frontend::releaseInitializerData(*model); // the IR has its own copy
    importMs = msSince(importStart);
  }
  // A library's shapes are fixed: --shape and the data must both fit them.
  std::map<std::string, Shape> fixedShapes = load.dataShapes;
  for (const auto &[name, shape] : load.inputShapes)
    fixedShapes[name] = shape;
  auto prepared =
      cached ? llvm::Expected<std::unique_ptr<PreparedModel>>(std::move(cached))
      : isLibrary
          ? prepareLibrary(opts.model, fixedShapes, cpuOptions, stageProgress)
          : prepareBackend(opts.backend, *module, cpuOptions, stageProgress);
  if (!prepared)
    return reportError(llvm::toString(prepared.takeError()));
  PreparedModel &backend = **prepared;
  double writeMs =
      model ? entries.save(backend, *model, warnings, stageProgress) : 0;

  auto bound = bindInputs(backend.inputs(), given, opts.seed, nullptr,
                          backend.indexBounds());
  if (!bound)
    return reportError(llvm::toString(bound.takeError()));
  std::vector<Tensor> inputs = std::move(*bound);

  // The interpreter runs on this thread (the JIT's executor sets the mode
  // on its own threads, CpuOptions::flushDenormals).
  ScopedFlushDenormals flush(opts.flushDenormals && opts.backend == "interp");
  std::vector<Tensor> outputs;
  ResidentGrowth memory;
  std::unique_ptr<TraceRecorder> trace;
  if (!opts.traceFile.empty()) {
    trace = std::make_unique<TraceRecorder>();
    trace->nameThread("kiln run");
  }
  // One run, timed; with \p traced, recorded in the trace as run \p r.
  auto timedRun = [&](unsigned r, bool traced) -> llvm::Expected<double> {
    auto runStart = std::chrono::steady_clock::now();
    double startUs = traced ? trace->nowUs() : 0;
    auto result =
        traced ? backend.runTraced(inputs, *trace) : backend.run(inputs);
    if (!result)
      return result.takeError();
    double ms = msSince(runStart);
    outputs = std::move(*result);
    if (traced) {
      TraceEvent e;
      e.name = "run " + std::to_string(r + 1);
      e.category = "run";
      e.startUs = startUs;
      e.durationUs = trace->nowUs() - startUs;
      trace->add(std::move(e));
    }
    return ms;
  };
  // The first run is timed apart: it pays for page faults, the arena's
  // first touch and cold caches, and can take ten times the steady state.
  // With --runs 1 it is the only run (and the traced one).
  progress(opts.runs == 1 ? "one run (cold)" : "first run (cold)");
  auto first = timedRun(0, trace && opts.runs == 1);
  if (!first)
    return reportError(llvm::toString(first.takeError()));
  std::vector<double> times;
  for (unsigned r = 0; opts.runs > 1 && r < opts.runs; ++r) {
    if (opts.verbose)
      progress("run " + llvm::Twine(r + 1) + "/" + llvm::Twine(opts.runs));
    auto ms = timedRun(r, trace != nullptr);
    if (!ms)
      return reportError(llvm::toString(ms.takeError()));
    times.push_back(*ms);
  }
  RunStats stats = summarizeRuns(*first, times);
  if (trace) {
    std::map<std::string, std::string> about = {
        {"model", opts.model}, {"backend", backend.description()}};
    if (Status s = trace->write(opts.traceFile, about); !s)
      return reportError(s.message());
  }

  if (!opts.outputDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(opts.outputDir))
      return reportError("cannot create output directory '" + opts.outputDir +
                         "': " + ec.message());
  }
  std::vector<std::string> sources, files;
  for (size_t i = 0; i < inputs.size(); ++i) {
    bool fromFile = false;
    for (const auto &s : opts.inputs)
      fromFile |=
          llvm::StringRef(s).starts_with(backend.inputs()[i].name + "=");
    sources.push_back(fromFile
                          ? "from file"
                          : "random, seed " + std::to_string(opts.seed + i));
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (opts.outputDir.empty()) {
      files.emplace_back();
      continue;
    }
    std::string base =
        opts.outputDir + "/" + fileNameFor(backend.outputs()[i].name);
    if (!outputs[i].isDense()) {
      // A sequence's tensors (an optional's one, if any) one file each.
      const std::vector<Tensor> &items = outputs[i].items();
      for (size_t k = 0; k < items.size(); ++k)
        if (Status s =
                writeNpy(base + "_" + std::to_string(k) + ".npy", items[k]);
            !s)
          return reportError(s.message());
      files.push_back(items.empty() ? std::string("no file (empty)")
                      : items.size() == 1
                          ? base + "_0.npy"
                          : base + "_0.npy ... _" +
                                std::to_string(items.size() - 1) + ".npy");
      continue;
    }
    std::string path = base + ".npy";
    if (Status s = writeNpy(path, outputs[i]); !s)
      return reportError(s.message());
    files.push_back(path);
  }
  int64_t opset = model ? model->opset : isLibrary ? 0 : entries.opset();

  if (opts.json) {
    llvm::json::OStream j(llvm::outs(), 2);
    j.object([&] {
      j.attribute("model", utf8(opts.model));
      if (opset)
        j.attribute("opset", opset);
      else
        j.attribute("opset", nullptr);
      j.attribute("backend", opts.backend);
      j.attribute("backend_details", backend.description());
      j.attribute("threads", static_cast<int64_t>(backend.threads()));
      j.attribute("flush_denormals", opts.flushDenormals);
      j.attributeArray("inputs", [&] {
        for (size_t i = 0; i < inputs.size(); ++i)
          j.object([&] {
            j.attribute("name", utf8(backend.inputs()[i].name));
            j.attribute("shape", formatShape(inputs[i].shape()));
            j.attribute("dtype", std::string(dtypeName(inputs[i].dtype())));
            j.attribute("source", sources[i]);
          });
      });
      j.attributeArray("outputs", [&] {
        for (size_t i = 0; i < outputs.size(); ++i)
          j.object([&] {
            Values v = valuesOf(outputs[i]);
            j.attribute("name", utf8(backend.outputs()[i].name));
            j.attribute("dtype", std::string(dtypeName(outputs[i].dtype())));
            if (!outputs[i].isDense()) {
              j.attribute("kind", outputs[i].kind() == ValueKind::Sequence
                                      ? "sequence"
                                      : "optional");
              j.attribute("items",
                          static_cast<int64_t>(outputs[i].items().size()));
              if (!files[i].empty())
                j.attribute("file", files[i]);
              return;
            }
            j.attribute("shape", formatShape(outputs[i].shape()));
            jsonNumber(j, "min", v.lo);
            jsonNumber(j, "max", v.hi);
            jsonNumber(j, "mean", v.mean);
            j.attribute("nans", v.nans);
            if (!files[i].empty())
              j.attribute("file", files[i]);
          });
      });
      j.attributeObject("time", [&] {
        if (model) {
          jsonNumber(j, "load_ms", loadMs);
          jsonNumber(j, "import_ms", importMs);
        } else {
          j.attribute("load_ms", nullptr);
          j.attribute("import_ms", nullptr);
          j.attribute("load_note",
                      isLibrary ? "a library: no model to load or import"
                                : "from the model cache: no load or import");
        }
        j.attribute("prepare", backend.prepareLabel());
        jsonNumber(j, "prepare_ms", backend.prepareMs());
        j.attributeArray("prepare_stages", [&] {
          for (const auto &[stage, ms] : stages)
            j.object([&, &stage = stage, ms = ms] {
              j.attribute("stage", stage);
              jsonNumber(j, "ms", ms);
            });
        });
        jsonNumber(j, "cache_write_ms", writeMs);
        writeRunStatsJson(j, stats);
        j.attributeArray("run_ms", [&] {
          for (double ms : times)
            j.rawValue(
                [&](llvm::raw_ostream &os) { os << llvm::format("%.6g", ms); });
        });
      });
      if (trace)
        j.attribute("trace", opts.traceFile);
      if (std::optional<uint64_t> growth = memory.peakGrowth()) {
        j.attribute("resident_bytes_before",
                    static_cast<int64_t>(*memory.startBytes()));
        j.attribute("resident_peak_growth_bytes",
                    static_cast<int64_t>(*growth));
      }
    });
    llvm::outs() << "\n";
    return 0;
  }

  auto &os = llvm::outs();
  os << "model   " << opts.model
     << (isLibrary ? std::string(" (library)")
                   : " (opset " + std::to_string(opset) + ")")
     << "\n";
  os << "backend " << backend.description() << "\n";
  if (opts.flushDenormals)
    os << "floats  subnormals flushed to zero (FTZ and DAZ on every thread "
          "that runs a step)\n";
  os << "inputs\n";
  for (size_t i = 0; i < inputs.size(); ++i)
    os << "  " << backend.inputs()[i].name << "  "
       << formatShape(inputs[i].shape()) << " " << dtypeName(inputs[i].dtype())
       << "  " << sources[i] << "\n";
  os << "outputs\n";
  for (size_t i = 0; i < outputs.size(); ++i) {
    os << "  " << backend.outputs()[i].name << "  ";
    if (outputs[i].isDense())
      os << formatShape(outputs[i].shape()) << " "
         << dtypeName(outputs[i].dtype()) << "  " << summarize(outputs[i]);
    else
      os << describeValue(outputs[i]);
    if (!files[i].empty())
      os << "  -> " << files[i];
    os << "\n";
  }
  os << "time    ";
  if (model)
    os << "load " << llvm::format("%.1f", loadMs) << " ms, import "
       << llvm::format("%.1f", importMs) << " ms, ";
  os << backend.prepareLabel() << " "
     << llvm::format("%.1f", backend.prepareMs()) << " ms, ";
  if (writeMs > 0)
    os << "cache write " << llvm::format("%.1f", writeMs) << " ms, ";
  if (stats.runs == 0)
    os << "run " << tool::formatMs(stats.firstMs)
       << " ms (one cold run: the first run pays for page faults and cold "
          "caches; --runs N times N more after it)\n";
  else
    os << "run " << tool::formatMs(stats.medianMs) << " ms (median of "
       << stats.runs << " after a first run of "
       << tool::formatMs(stats.firstMs) << " ms)\n";
  if (stats.runs > 0) {
    os << "runs    first (cold) " << tool::formatMs(stats.firstMs) << " ms; "
       << stats.runs << " timed: min " << tool::formatMs(stats.minMs)
       << ", median " << tool::formatMs(stats.medianMs) << ", p90 "
       << tool::formatMs(stats.p90Ms) << ", p99 " << tool::formatMs(stats.p99Ms)
       << ", max " << tool::formatMs(stats.maxMs) << " ms\n";
    os << "        percentiles " << percentileNote(stats.runs) << "\n";
  }
  if (trace)
    os << "trace   " << opts.traceFile << " (" << trace->size()
       << " spans; open in ui.perfetto.dev or chrome://tracing)\n";
  if (std::optional<uint64_t> growth = memory.peakGrowth())
    os << "memory  resident "
       << llvm::format("%.1f", *memory.startBytes() / 1048576.0)
       << " MiB before the first run, peak +"
       << llvm::format("%.1f", *growth / 1048576.0) << " MiB while running\n";
  return 0;
}

} // namespace kiln::tool
