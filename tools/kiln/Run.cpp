//===- Run.cpp - kiln run: execute a model --------------------------------===//
//
// Loads a model, binds inputs (from .npy files or seeded random data), runs
// it on the chosen backend, prints a summary and writes every output as
// DIR/<output name>.npy. Outputs are written only after a successful run,
// each through a temporary file, so a failure leaves nothing half-written.
// With --trace, the timed runs are recorded step by step as a Chrome trace.
// On the JIT, a model prepared before with the same options comes whole
// from the cache (ModelEntryCache), without load, import or compile.
//
//===----------------------------------------------------------------------===//
#include "Common.h"

#include "kiln/runtime/Npy.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

namespace kiln::tool {

/// Summary statistics of a tensor for the report.
static std::string summarize(const Tensor &t) {
  int64_t n = t.numElements();
  if (n == 0)
    return "empty";
  double lo = INFINITY, hi = -INFINITY, sum = 0;
  int64_t nans = 0;
  for (int64_t i = 0; i < n; ++i) {
    double v = t.getAsDouble(i);
    if (std::isnan(v)) {
      ++nans;
      continue;
    }
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
  }
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "min " << llvm::format("%.4g", lo) << "  max "
     << llvm::format("%.4g", hi) << "  mean "
     << llvm::format("%.4g", sum / std::max<int64_t>(1, n - nans));
  if (nans)
    os << "  NaN " << nans;
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
  auto start = std::chrono::steady_clock::now();
  auto ctx = makeContext();

  // Inputs given as files fix their shapes before shape inference.
  frontend::LoadOptions load;
  if (!parseShapeOptions(opts.shapes, load.inputShapes))
    return 1;
  std::map<std::string, Tensor> given;
  for (const std::string &spec : opts.inputs) {
    auto [name, path] = llvm::StringRef(spec).split('=');
    if (name.empty() || path.empty())
      return reportError("invalid --input '" + spec +
                         "': expected NAME=FILE.npy");
    Tensor t;
    if (Status s = readNpy(path.str(), t); !s)
      return reportError(s.message());
    load.dataShapes[name.str()] = t.shape();
    given[name.str()] = t;
  }

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
    cached = entries.open(opts.model, load, opts.cpu, stageProgress);
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
          ? prepareLibrary(opts.model, fixedShapes, opts.cpu, stageProgress)
          : prepareBackend(opts.backend, *module, opts.cpu, stageProgress);
  if (!prepared)
    return reportError(llvm::toString(prepared.takeError()));
  PreparedModel &backend = **prepared;
  double writeMs =
      model ? entries.save(backend, *model, warnings, stageProgress) : 0;

  std::vector<Tensor> inputs;
  for (size_t i = 0; i < backend.inputs().size(); ++i) {
    const TensorSpec &spec = backend.inputs()[i];
    auto it = given.find(spec.name);
    if (it != given.end()) {
      inputs.push_back(it->second);
      given.erase(it);
      continue;
    }
    if (!spec.isStatic()) {
      std::string dims;
      for (size_t d = 0; d < spec.shape.size(); ++d)
        if (spec.shape[d] < 0)
          dims += (dims.empty() ? "" : ", ") + std::to_string(d);
      return reportError(
          "input '" + spec.name + "' has " +
          (spec.ranked ? "dynamic dimension(s) " + dims : "an unknown rank") +
          " (" + spec.format() + "); give a shape with --shape " + spec.name +
          "=... or data with --input " + spec.name + "=FILE.npy");
    }
    inputs.push_back(randomTensor(spec.dtype,
                                  Shape(spec.shape.begin(), spec.shape.end()),
                                  opts.seed + i));
  }
  if (!given.empty())
    return reportError("--input names '" + given.begin()->first +
                       "', which is not an input of the model");

  std::vector<double> times;
  std::vector<Tensor> outputs;
  ResidentGrowth memory;
  if (opts.runs > 1) {
    progress("warm-up run");
    auto warm = backend.run(inputs);
    if (!warm)
      return reportError(llvm::toString(warm.takeError()));
  }
  std::unique_ptr<TraceRecorder> trace;
  if (!opts.traceFile.empty()) {
    trace = std::make_unique<TraceRecorder>();
    trace->nameThread("kiln run");
  }
  for (unsigned r = 0; r < std::max(1u, opts.runs); ++r) {
    if (opts.verbose)
      progress("run " + llvm::Twine(r + 1) + "/" + llvm::Twine(opts.runs));
    auto runStart = std::chrono::steady_clock::now();
    double startUs = trace ? trace->nowUs() : 0;
    auto result =
        trace ? backend.runTraced(inputs, *trace) : backend.run(inputs);
    if (!result)
      return reportError(llvm::toString(result.takeError()));
    times.push_back(msSince(runStart));
    outputs = std::move(*result);
    if (trace) {
      TraceEvent e;
      e.name = "run " + std::to_string(r + 1);
      e.category = "run";
      e.startUs = startUs;
      e.durationUs = trace->nowUs() - startUs;
      trace->add(std::move(e));
    }
  }
  if (trace) {
    std::map<std::string, std::string> about = {
        {"model", opts.model}, {"backend", backend.description()}};
    if (Status s = trace->write(opts.traceFile, about); !s)
      return reportError(s.message());
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  double median = sorted[sorted.size() / 2];

  if (!opts.outputDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(opts.outputDir))
      return reportError("cannot create output directory '" + opts.outputDir +
                         "': " + ec.message());
  }
  auto &os = llvm::outs();
  os << "model   " << opts.model
     << (model       ? " (opset " + std::to_string(model->opset) + ")"
         : isLibrary ? std::string(" (library)")
                     : " (opset " + std::to_string(entries.opset()) + ")")
     << "\n";
  os << "backend " << backend.description() << "\n";
  os << "inputs\n";
  for (size_t i = 0; i < inputs.size(); ++i) {
    const TensorSpec &spec = backend.inputs()[i];
    bool fromFile = false;
    for (const auto &s : opts.inputs)
      fromFile |= llvm::StringRef(s).starts_with(spec.name + "=");
    os << "  " << spec.name << "  " << formatShape(inputs[i].shape()) << " "
       << dtypeName(inputs[i].dtype()) << "  "
       << (fromFile ? "from file"
                    : "random, seed " + std::to_string(opts.seed + i))
       << "\n";
  }
  os << "outputs\n";
  for (size_t i = 0; i < outputs.size(); ++i) {
    const std::string &name = backend.outputs()[i].name;
    os << "  " << name << "  " << formatShape(outputs[i].shape()) << " "
       << dtypeName(outputs[i].dtype()) << "  " << summarize(outputs[i]);
    if (!opts.outputDir.empty()) {
      std::string path = opts.outputDir + "/" + fileNameFor(name) + ".npy";
      if (Status s = writeNpy(path, outputs[i]); !s)
        return reportError(s.message());
      os << "  -> " << path;
    }
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
  os << "run "
     << llvm::format(median < 0.1  ? "%.4f"
                     : median < 10 ? "%.3f"
                                   : "%.2f",
                     median)
     << " ms"
     << (times.size() > 1 ? " (median of " + std::to_string(times.size()) + ")"
                          : std::string())
     << "\n";
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
