//===- Bisect.cpp - kiln compare --bisect: the pass that breaks outputs ---===//
//
// runBisect, when the JIT's outputs disagree with the interpreter's:
//  1. The pipeline walked is the optimization passes in pipeline order,
//     without the correctness passes (always on) and those the user
//     disabled (always off). Prefix k runs the first k of them.
//  2. The full pipeline is compiled and compared first: if it agrees,
//     there is nothing to find. Then prefix 0 (no optimization pass): if it
//     disagrees too, the fault is in the backend's lowering.
//  3. Otherwise a linear walk, k = 1, 2, ..., compiles prefix k until one
//     disagrees: its last pass is the first whose inclusion introduces the
//     disagreement (prefix n is the full pipeline, already known to). A
//     linear walk, not a binary search: a later pass may hide what an
//     earlier one broke, and the walk finds the first pass either way, at
//     the cost of at most n - 1 more compiles (the pipeline has six
//     optimization passes).
//  4. Under the pipeline that ends with that pass, compareLayers
//     (Layers.h) finds the first layer that disagrees.
//  5. The reproduction command is `kiln compare` with that pipeline (the
//     later passes disabled), --per-layer, and the same inputs, shapes,
//     seed, tolerances and CPU options.
//
//===----------------------------------------------------------------------===//
#include "Ablate.h"
#include "Layers.h"
#include "TensorDiff.h"

#include "kiln/passes/Passes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace kiln::tool {

namespace {

/// One pipeline compiled: the graph it was compiled from outlives the model
/// (members are destroyed in reverse order).
struct Compiled {
  mlir::OwningOpRef<mlir::ModuleOp> graph;
  std::unique_ptr<cpu::JitModel> jit;
};

/// \p s quoted for a POSIX shell when it needs to be.
std::string shellQuote(const std::string &s) {
  bool plain = !s.empty() && llvm::all_of(s, [](char c) {
    return llvm::isAlnum(c) || llvm::StringRef("_-./=,:+@%").contains(c);
  });
  if (plain)
    return s;
  std::string out = "'";
  for (char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// "1e-05" for a tolerance.
std::string shortNumber(double v) {
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("%g", v);
  return s;
}

/// `kiln compare` with \p opts' model, inputs and options, --per-layer and
/// the passes \p disabled left out.
std::string reproduceCommand(const CompareOptions &opts,
                             const std::vector<std::string> &disabled) {
  std::vector<std::string> args = {"kiln", "compare", opts.model,
                                   "--per-layer"};
  if (!disabled.empty())
    args.push_back("--disable-pass=" + llvm::join(disabled, ","));
  for (const std::string &input : opts.inputs)
    args.push_back("--input=" + input);
  for (const std::string &shape : opts.shapes)
    args.push_back("--shape=" + shape);
  args.push_back("--seed=" + std::to_string(opts.seed));
  if (opts.cpu.optLevel != 2)
    args.push_back("-O" + std::to_string(opts.cpu.optLevel));
  if (opts.cpu.threads)
    args.push_back("--threads=" + std::to_string(opts.cpu.threads));
  if (!opts.targetCpu.empty())
    args.push_back("--cpu=" + opts.targetCpu);
  if (!opts.targetFeatures.empty())
    args.push_back("--cpu-features=" + opts.targetFeatures);
  if (opts.rtol != 1e-3)
    args.push_back("--rtol=" + shortNumber(opts.rtol));
  if (opts.atol != 1e-4)
    args.push_back("--atol=" + shortNumber(opts.atol));
  if (!opts.cpu.useCache)
    args.push_back("--no-cache");
  if (!opts.cpu.cacheDir.empty())
    args.push_back("--cache-dir=" + opts.cpu.cacheDir);
  if (!opts.cpu.testBrokenPassAfter.empty())
    args.push_back("--test-broken-pass-after=" + opts.cpu.testBrokenPassAfter);
  std::string cmd;
  for (const std::string &a : args)
    cmd += (cmd.empty() ? "" : " ") + shellQuote(a);
  return cmd;
}

/// Compiles \p imported (a clone) with \p options and compares its outputs
/// with \p reference into \p trial; \p out keeps the model.
void tryPipeline(mlir::ModuleOp imported, const cpu::CpuOptions &options,
                 const std::vector<Tensor> &inputs,
                 const std::vector<Tensor> &reference, double atol, double rtol,
                 BisectTrial &trial, Compiled &out) {
  out.graph = imported.clone();
  auto jit = cpu::JitModel::create(*out.graph, options);
  if (!jit) {
    trial.error = "compile: " + llvm::toString(jit.takeError());
    return;
  }
  out.jit = std::move(*jit);
  auto outputs = out.jit->run(inputs);
  if (!outputs) {
    trial.error = "run: " + llvm::toString(outputs.takeError());
    return;
  }
  if (outputs->size() != reference.size()) {
    trial.error = "returned " + std::to_string(outputs->size()) +
                  " outputs, the interpreter " +
                  std::to_string(reference.size());
    return;
  }
  trial.ok = true;
  trial.maxAbsErr = 0;
  for (size_t i = 0; i < reference.size(); ++i) {
    Diff d = compareTensors((*outputs)[i], reference[i], atol, rtol);
    trial.ok &= d.ok();
    trial.maxAbsErr = d.shapeError.empty() ? std::max(trial.maxAbsErr, d.maxAbs)
                                           : static_cast<double>(INFINITY);
  }
}

/// "differ, max abs err 3.1e+01", "match, max abs err 2.4e-06", "failed: ...".
std::string describe(const BisectTrial &t) {
  if (!t.error.empty())
    return "failed: " + t.error;
  std::string s;
  llvm::raw_string_ostream(s) << (t.ok ? "match" : "differ") << ", max abs err "
                              << llvm::format("%.2e", t.maxAbsErr);
  return s;
}

} // namespace

llvm::Expected<BisectReport> runBisect(mlir::ModuleOp imported,
                                       const std::vector<Tensor> &inputs,
                                       const CompareOptions &opts,
                                       const Progress &progress) {
  BisectReport report;
  const cpu::CpuOptions &base = opts.cpu;
  if (base.optLevel > 0)
    for (llvm::StringRef pass : optimizationPassNames())
      if (!isCorrectnessPass(pass) &&
          !llvm::is_contained(base.disabledPasses, pass))
        report.walked.push_back(pass.str());
  const std::vector<std::string> &walked = report.walked;

  auto interp = Interpreter::create(imported);
  if (!interp)
    return interp.takeError();
  auto reference = (*interp)->run(inputs);
  if (!reference)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "interpreter: " +
                                       llvm::toString(reference.takeError()));

  // Prefix k: the first k walked passes on, the rest (and the user's) off.
  auto optionsOf = [&](size_t k) {
    cpu::CpuOptions o = base;
    o.disabledPasses.insert(o.disabledPasses.end(), walked.begin() + k,
                            walked.end());
    return o;
  };
  auto attempt = [&](size_t k, Compiled &out) -> const BisectTrial & {
    BisectTrial trial;
    trial.passes.assign(walked.begin(), walked.begin() + k);
    trial.label = k == 0               ? "no optimization pass"
                  : k == walked.size() ? "full pipeline"
                                       : "passes up to " + walked[k - 1];
    tryPipeline(imported, optionsOf(k), inputs, *reference, opts.atol,
                opts.rtol, trial, out);
    if (progress)
      progress("bisect: " + trial.label + " (" + std::to_string(k) + " of " +
               std::to_string(walked.size()) + " passes): " + describe(trial));
    report.trials.push_back(std::move(trial));
    return report.trials.back();
  };
  auto failed = [](const BisectTrial &t) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   t.label + ": " + t.error);
  };

  // 2. The full pipeline, then none.
  Compiled culprit;
  size_t first = walked.size(); // the prefix that first disagrees
  const BisectTrial &full = attempt(walked.size(), culprit);
  if (!full.error.empty())
    return failed(full);
  if (full.ok)
    return report;
  report.disagrees = true;
  if (!walked.empty()) {
    Compiled none;
    const BisectTrial &t = attempt(0, none);
    if (!t.error.empty())
      return failed(t);
    if (!t.ok) {
      first = 0;
      culprit = std::move(none);
    }
  }
  // 3. The linear walk.
  for (size_t k = 1; first != 0 && k < walked.size(); ++k) {
    Compiled prefix;
    const BisectTrial &t = attempt(k, prefix);
    if (!t.error.empty())
      return failed(t);
    if (!t.ok) {
      first = k;
      culprit = std::move(prefix);
      break;
    }
  }
  report.inBackend = first == 0;
  if (!report.inBackend)
    report.firstPass = walked[first - 1];

  // 4. The first layer under that pipeline.
  LayerReport layers;
  if (llvm::Error e = compareLayers(**interp, *culprit.jit, imported, inputs,
                                    /*runs=*/1, opts.atol, opts.rtol, layers))
    return std::move(e);
  report.firstLayer = layers.firstDivergence;
  if (report.firstLayer >= 0) {
    const Layer &layer = layers.layers[report.firstLayer];
    report.firstLayerNode = layer.node;
    report.firstLayerOp = layer.op;
    report.firstLayerMaxAbsErr =
        layer.diff.shapeError.empty() ? layer.diff.maxAbs : INFINITY;
  }

  // 5. The command that shows it.
  report.reproduce = reproduceCommand(opts, optionsOf(first).disabledPasses);
  return report;
}

int bisectCommand(const CompareOptions &opts) {
  auto ctx = makeContext();
  CompareSetup setup;
  if (!loadCompareSetup(*ctx, opts, setup))
    return 1;
  Progress progress = [](const std::string &line) {
    llvm::errs() << "kiln: " << line << "\n";
  };
  auto report = runBisect(*setup.module, setup.inputs, opts, progress);
  if (!report)
    return reportError(llvm::toString(report.takeError()));

  llvm::raw_ostream &os = llvm::outs();
  if (opts.json) {
    llvm::json::OStream j(os, 2);
    auto stringOrNull = [&](llvm::StringRef key, const std::string &s) {
      if (s.empty())
        j.attribute(key, nullptr);
      else
        j.attribute(key, llvm::json::isUTF8(s) ? s : llvm::json::fixUTF8(s));
    };
    j.object([&] {
      stringOrNull("model", opts.model);
      j.attributeObject("bisect", [&] {
        j.attribute("method", "linear walk over the pipeline's prefixes");
        j.attributeArray("walked", [&] {
          for (const std::string &p : report->walked)
            j.value(p);
        });
        j.attribute("disagrees", report->disagrees);
        stringOrNull("first_pass", report->firstPass);
        j.attribute("in_backend", report->inBackend);
        if (report->firstLayer < 0)
          j.attribute("first_layer", nullptr);
        else
          j.attribute("first_layer", static_cast<int64_t>(report->firstLayer));
        stringOrNull("first_layer_node", report->firstLayerNode);
        stringOrNull("first_layer_op", report->firstLayerOp);
        stringOrNull("reproduce", report->reproduce);
        j.attributeArray("trials", [&] {
          for (const BisectTrial &t : report->trials)
            j.object([&] {
              j.attribute("label", t.label);
              j.attributeArray("passes", [&] {
                for (const std::string &p : t.passes)
                  j.value(p);
              });
              j.attribute("ok", t.ok);
              j.attributeBegin("max_abs_err");
              if (std::isfinite(t.maxAbsErr))
                j.rawValue([&](llvm::raw_ostream &o) {
                  o << llvm::format("%.6g", t.maxAbsErr);
                });
              else
                j.value(nullptr);
              j.attributeEnd();
              if (!t.error.empty())
                j.attribute("error", t.error);
            });
        });
      });
    });
    os << "\n";
    return report->disagrees ? 1 : 0;
  }

  os << "model    " << opts.model << "\n";
  if (report->walked.empty())
    os << "bisect   no optimization pass to walk (-O0, or every one "
          "disabled)\n";
  else
    os << "bisect   linear walk over the prefixes of the pipeline's "
       << report->walked.size() << " optimization passes ("
       << llvm::join(report->walked, ", ") << ")\n";
  for (const BisectTrial &t : report->trials)
    os << "  " << t.label << ": " << describe(t) << "\n";
  if (!report->disagrees) {
    os << "result   the JIT's outputs match the interpreter's within "
       << llvm::format("%g", opts.atol) << " + "
       << llvm::format("%g", opts.rtol) << " * |interp|: nothing to bisect\n";
    return 0;
  }
  if (report->inBackend)
    os << "first pass: none: the outputs differ with no optimization pass "
          "at all, so the fault is in the backend's lowering, not in a graph "
          "pass\n";
  else
    os << "first pass: " << report->firstPass
       << " (the outputs match with the passes before it and differ once it "
          "runs)\n";
  if (report->firstLayer >= 0)
    os << "first layer: #" << report->firstLayer << " '"
       << report->firstLayerNode << "' (" << report->firstLayerOp
       << "), max abs err " << llvm::format("%.2e", report->firstLayerMaxAbsErr)
       << "\n";
  else
    os << "first layer: none of the compared layers differs (the steps "
          "that do have no interpreter counterpart)\n";
  os << "reproduce: " << report->reproduce << "\n";
  return 1;
}

} // namespace kiln::tool
