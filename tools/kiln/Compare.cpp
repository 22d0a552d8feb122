//===- Compare.cpp - kiln compare: the JIT against the interpreter --------===//
//
// Runs one model on the reference interpreter and on the JIT with the same
// inputs and reports, per backend, preparation time and median latency, and
// per output, shape and dtype first, then the largest absolute and relative
// errors against an explicit tolerance. The interpreter is the definition of
// the ops, so its results are the reference; the exit code is 0 only when
// every output is within tolerance.
//
// With --per-layer every JIT step is a layer: its results are compared with
// the interpreter's results of the op it stands for, and its time with the
// time of the interpreter ops it covers. The JIT's graph passes replace ops
// (conv + bias + relu become one packed conv at the relu's location), so the
// two graphs are matched by node name (the NameLoc the importer gives each
// op), op name and result index, never by Operation*:
//
//   1. a step's counterpart is the interpreter op of its last op's node name,
//      preferring one of the same op (the k-th such step takes the k-th),
//      else the node's last op;
//   2. other interpreter ops of the node names a step's ops carry join it;
//   3. the remaining interpreter ops (fused or folded away by the JIT) join
//      the earliest layer that consumes their results, transitively.
//
// Steps with no counterpart are listed but not compared, and counted.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "TensorDiff.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/runtime/Npy.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace kiln::tool {

namespace {

/// The ONNX node name the importer put in \p loc ("" when there is none).
std::string nodeName(mlir::Location loc) {
  if (auto name = llvm::dyn_cast<mlir::NameLoc>(loc))
    return name.getName().str();
  if (auto fused = llvm::dyn_cast<mlir::FusedLoc>(loc))
    for (mlir::Location inner : fused.getLocations())
      if (std::string name = nodeName(inner); !name.empty())
        return name;
  if (auto call = llvm::dyn_cast<mlir::CallSiteLoc>(loc))
    return nodeName(call.getCallee());
  return "";
}

/// "kiln.conv" -> "conv".
std::string shortOpName(mlir::Operation *op) {
  llvm::StringRef name = op->getName().getStringRef();
  name.consume_front("kiln.");
  return name.str();
}

/// Median of \p v (0 when empty).
double median(std::vector<double> v) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

/// An op the interpreter runs.
struct InterpOp {
  mlir::Operation *op;
  std::string node, name;
  /// The layer it is attributed to (-1: none).
  int layer = -1;
  /// Whether a layer compares its results (then copied in the first
  /// observed run, released once compared).
  bool compared = false;
  std::vector<Tensor> results;
  /// Kernel time in each observed run.
  std::vector<double> ms;
};

/// One JIT step and what it is compared with.
struct Layer {
  std::string node, op, kind;
  /// Interpreter op whose results the step's results are compared with.
  int counterpart = -1;
  std::vector<int> interpOps;
  std::vector<double> interpMs, jitMs;
  Diff diff;
  bool compared = false;
  double interpMedian = 0, jitMedian = 0;
};

/// Matches the JIT's plan with the interpreter's graph (see the file header).
void matchLayers(mlir::ModuleOp interpModule, const cpu::Plan &plan,
                 std::vector<InterpOp> &ops, std::vector<Layer> &layers) {
  auto main = interpModule.lookupSymbol<mlir::func::FuncOp>("main");
  llvm::DenseMap<mlir::Operation *, int> index;
  std::map<std::string, std::vector<int>> byNode;
  mlir::Block &body = main.getBody().front();
  for (mlir::Operation &op : body) {
    if (llvm::isa<ConstantOp, NoneOp, mlir::func::ReturnOp>(op))
      continue;
    index[&op] = static_cast<int>(ops.size());
    ops.push_back({&op, nodeName(op.getLoc()), shortOpName(&op)});
    if (!ops.back().node.empty())
      byNode[ops.back().node].push_back(index[&op]);
  }

  // 1. Counterparts.
  std::map<std::pair<std::string, std::string>, size_t> seen;
  for (const cpu::PlanStep &step : plan.steps) {
    assert(!step.ops.empty() && "a plan step computes at least one op");
    Layer layer;
    mlir::Operation *last = step.ops.back();
    layer.node = nodeName(last->getLoc());
    layer.op = shortOpName(last);
    layer.kind =
        step.kind == cpu::PlanStep::Kind::Compiled ? "compiled" : "reference";
    auto it = byNode.find(layer.node);
    if (it != byNode.end()) {
      std::vector<int> same;
      for (int i : it->second)
        if (ops[i].name == layer.op)
          same.push_back(i);
      size_t k = seen[{layer.node, layer.op}]++;
      layer.counterpart =
          same.empty() ? it->second.back() : same[std::min(k, same.size() - 1)];
      ops[layer.counterpart].compared = true;
      if (ops[layer.counterpart].layer < 0)
        ops[layer.counterpart].layer = static_cast<int>(layers.size());
    }
    layers.push_back(std::move(layer));
  }
  // 2. The rest of each node a step's ops belong to.
  for (size_t l = 0; l < layers.size(); ++l)
    for (mlir::Operation *op : plan.steps[l].ops) {
      auto it = byNode.find(nodeName(op->getLoc()));
      if (it != byNode.end())
        for (int i : it->second)
          if (ops[i].layer < 0)
            ops[i].layer = static_cast<int>(l);
    }
  // 3. Ops the JIT fused or folded away: the earliest consuming layer.
  // Users come later in the block, so a reverse walk sees them first.
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
    if (it->layer >= 0)
      continue;
    for (mlir::Operation *user : it->op->getUsers()) {
      // A use inside a region (If, Loop) counts as a use by the region's op.
      auto u = index.find(body.findAncestorOpInBlock(*user));
      if (u == index.end() || ops[u->second].layer < 0)
        continue;
      int l = ops[u->second].layer;
      it->layer = it->layer < 0 ? l : std::min(it->layer, l);
    }
  }
  for (size_t i = 0; i < ops.size(); ++i)
    if (ops[i].layer >= 0)
      layers[ops[i].layer].interpOps.push_back(static_cast<int>(i));
}

/// Writes \p v as a JSON number with 6 significant digits, or null when it
/// is not finite (JSON has no NaN or infinity).
void jsonNumber(llvm::json::OStream &j, double v) {
  if (!std::isfinite(v)) {
    j.value(nullptr);
    return;
  }
  j.rawValue([&](llvm::raw_ostream &os) { os << llvm::format("%.6g", v); });
}

void jsonNumber(llvm::json::OStream &j, llvm::StringRef key, double v) {
  j.attributeBegin(key);
  jsonNumber(j, v);
  j.attributeEnd();
}

/// \p s as valid UTF-8 (ONNX names are bytes).
std::string utf8(const std::string &s) {
  return llvm::json::isUTF8(s) ? s : llvm::json::fixUTF8(s);
}

/// "1.2e-07", "0", or "inf"/"nan" for the table.
std::string formatErr(double v) {
  if (v == 0)
    return "0";
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("%.2e", v);
  return s;
}

std::string formatFixed(double v, int digits) {
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("%.*f", digits, v);
  return s;
}

/// Left-justifies (or with \p right, right-justifies) \p s in \p width.
std::string pad(llvm::StringRef s, size_t width, bool right = false) {
  std::string fill(s.size() < width ? width - s.size() : 0, ' ');
  return right ? fill + s.str() : s.str() + fill;
}

/// \p s cut to \p width, keeping its end (the distinctive part of a path
/// like "/encoder/layer.0/attention/self/MatMul").
std::string clip(const std::string &s, size_t width) {
  if (s.size() <= width)
    return s;
  return ".." + s.substr(s.size() - (width - 2));
}

/// One backend's timings.
struct BackendResult {
  std::string name, details;
  double prepareMs = 0;
  std::vector<double> runMs;
  std::vector<Tensor> outputs;
};

/// Runs \p run once to warm up when \p runs > 1, then \p runs times, keeping
/// the times and the last outputs.
template <typename RunFn>
llvm::Error timeRuns(RunFn run, unsigned runs, BackendResult &out) {
  if (runs > 1) {
    auto warm = run();
    if (!warm)
      return warm.takeError();
  }
  for (unsigned r = 0; r < runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    auto result = run();
    if (!result)
      return result.takeError();
    out.runMs.push_back(msSince(start));
    out.outputs = std::move(*result);
  }
  return llvm::Error::success();
}

/// Everything the table and the JSON report show.
struct Report {
  int64_t opset = 0;
  double loadMs = 0;
  std::vector<TensorSpec> inputSpecs, outputSpecs;
  std::vector<Tensor> inputs;
  std::vector<std::string> inputSources;
  BackendResult interp{"interp", "interpreter, 1 thread"}, jit{"jit", ""};
  std::vector<Diff> outputDiffs;
  unsigned failedOutputs = 0;
  /// With --per-layer.
  std::vector<InterpOp> ops;
  std::vector<Layer> layers;
  unsigned skippedSteps = 0, uncoveredOps = 0;
  double uncoveredMs = 0;
  int firstDivergence = -1;
  /// Indices of the slowest JIT layers, slowest first.
  std::vector<int> slowest;

  double speedup() const {
    double jitMs = median(jit.runMs);
    return jitMs > 0 ? median(interp.runMs) / jitMs : NAN;
  }
};

/// Fills the layers of \p report: observed runs of both backends after the
/// timed ones, results compared in the first (the interpreter's copied,
/// since its buffers are reused), times kept from all.
llvm::Error compareLayers(Interpreter &interp, cpu::JitModel &jit,
                          mlir::ModuleOp interpModule,
                          const CompareOptions &opts, Report &report) {
  std::vector<InterpOp> &ops = report.ops;
  std::vector<Layer> &layers = report.layers;
  const cpu::Plan &plan = jit.getPlan();
  matchLayers(interpModule, plan, ops, layers);
  // Concats the executor elided: their inputs were computed in place.
  for (size_t i = 0; i < layers.size(); ++i)
    if (jit.getExecutor().isElided(i))
      layers[i].kind = "in place";
  llvm::DenseMap<mlir::Operation *, int> opIndex;
  for (size_t i = 0; i < ops.size(); ++i)
    opIndex[ops[i].op] = static_cast<int>(i);
  for (unsigned r = 0; r < opts.runs; ++r) {
    auto result = interp.run(
        report.inputs,
        [&](mlir::Operation *op, const std::vector<Tensor> &res, double ms) {
          auto it = opIndex.find(op);
          if (it == opIndex.end())
            return;
          InterpOp &o = ops[it->second];
          o.ms.push_back(ms);
          if (r == 0 && o.compared)
            for (const Tensor &t : res)
              o.results.push_back(t.clone());
        });
    if (!result)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "interpreter: " +
                                         llvm::toString(result.takeError()));
  }
  for (unsigned r = 0; r < opts.runs; ++r) {
    size_t next = 0;
    auto result =
        jit.run(report.inputs, [&](const cpu::PlanStep &step,
                                   const std::vector<Tensor> &res, double ms) {
          assert(&step == &plan.steps[next] && "steps run in plan order");
          (void)step;
          Layer &layer = layers[next++];
          layer.jitMs.push_back(ms);
          if (r != 0 || layer.counterpart < 0)
            return;
          InterpOp &ref = ops[layer.counterpart];
          for (size_t i = 0; i < res.size() && i < ref.results.size(); ++i) {
            layer.diff.merge(
                compareTensors(res[i], ref.results[i], opts.atol, opts.rtol));
            layer.compared = true;
          }
        });
    if (!result)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "jit: " +
                                         llvm::toString(result.takeError()));
    // A counterpart may serve several steps: release copies only now.
    if (r == 0)
      for (InterpOp &o : ops)
        o.results.clear();
  }

  for (Layer &layer : layers) {
    layer.jitMedian = median(layer.jitMs);
    for (unsigned r = 0; r < opts.runs; ++r) {
      double sum = 0;
      for (int i : layer.interpOps)
        sum += r < ops[i].ms.size() ? ops[i].ms[r] : 0;
      layer.interpMs.push_back(sum);
    }
    layer.interpMedian = median(layer.interpMs);
    report.skippedSteps += !layer.compared;
  }
  for (const InterpOp &o : ops)
    if (o.layer < 0 && !o.ms.empty()) {
      ++report.uncoveredOps;
      report.uncoveredMs += median(o.ms);
    }
  for (size_t l = 0; l < layers.size(); ++l)
    if (layers[l].compared && !layers[l].diff.ok()) {
      report.firstDivergence = static_cast<int>(l);
      break;
    }
  for (size_t l = 0; l < layers.size(); ++l)
    report.slowest.push_back(static_cast<int>(l));
  std::stable_sort(
      report.slowest.begin(), report.slowest.end(),
      [&](int a, int b) { return layers[a].jitMedian > layers[b].jitMedian; });
  report.slowest.resize(std::min<size_t>(report.slowest.size(), 5));
  return llvm::Error::success();
}

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
}

/// \p report as one JSON object.
void printJson(llvm::raw_ostream &os, const Report &report,
               const CompareOptions &opts) {
  llvm::json::OStream j(os, 2);
  j.object([&] {
    j.attribute("model", utf8(opts.model));
    j.attribute("runs", static_cast<int64_t>(opts.runs));
    j.attribute("warmup_runs", static_cast<int64_t>(opts.runs > 1));
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
      for (const BackendResult *b : {&report.interp, &report.jit})
        j.object([&] {
          j.attribute("name", b->name);
          j.attribute("details", b->details);
          jsonNumber(j, "prepare_ms", b->prepareMs);
          jsonNumber(j, "median_ms", median(b->runMs));
          j.attributeArray("run_ms", [&] {
            for (double ms : b->runMs)
              jsonNumber(j, ms);
          });
        });
    });
    jsonNumber(j, "speedup", report.speedup());
    jsonNumber(j, "atol", opts.atol);
    jsonNumber(j, "rtol", opts.rtol);
    j.attributeArray("outputs", [&] {
      for (size_t i = 0; i < report.outputSpecs.size(); ++i)
        j.object([&] {
          const Diff &d = report.outputDiffs[i];
          const Tensor &ref = report.interp.outputs[i];
          j.attribute("name", utf8(report.outputSpecs[i].name));
          j.attribute("shape", formatShape(ref.shape()));
          j.attribute("dtype", std::string(dtypeName(ref.dtype())));
          j.attribute("shape_ok", d.shapeError.empty());
          if (!d.shapeError.empty())
            j.attribute("shape_error", d.shapeError);
          jsonNumber(j, "max_abs_err", d.maxAbs);
          jsonNumber(j, "max_rel_err", d.maxRel);
          j.attribute("mismatches", d.mismatches);
          j.attribute("ok", d.ok());
        });
    });
    if (opts.perLayer)
      printLayersJson(j, report);
    j.attribute("ok", report.failedOutputs == 0);
  });
  os << "\n";
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
    nodeWidth = std::max(nodeWidth, std::min<size_t>(layer.node.size(), 40));
    opWidth = std::max(opWidth, layer.op.size());
    coversWidth = std::max(coversWidth, covers.back().size() + 1);
  }
  auto line = [&](const std::string &row) {
    os << llvm::StringRef(row).rtrim() << "\n";
  };
  os << "\nlayers (JIT steps in execution order; interp ms sums the "
        "interpreter ops each step covers)\n";
  line(pad("#", 5, true) + "  " + pad("node", nodeWidth) + "  " +
       pad("op", opWidth) + "  " + pad("kind", 11) +
       pad("interp ops", coversWidth) + pad("interp ms", 10, true) +
       pad("jit ms", 10, true) + pad("speedup", 9, true) +
       pad("max abs err", 13, true) + "  ok");
  for (size_t l = 0; l < layers.size(); ++l) {
    const Layer &layer = layers[l];
    std::string speed = "-";
    if (layer.jitMedian > 0 && !layer.interpOps.empty())
      speed = formatFixed(layer.interpMedian / layer.jitMedian, 1) + "x";
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
         pad(clip(layer.node.empty() ? "?" : layer.node, 40), nodeWidth) +
         "  " + pad(layer.op, opWidth) + "  " + pad(layer.kind, 11) +
         pad(covers[l], coversWidth) +
         pad(formatFixed(layer.interpMedian, 3), 10, true) +
         pad(formatFixed(layer.jitMedian, 3), 10, true) + pad(speed, 9, true) +
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
       << formatFixed(layers[report.slowest[k]].jitMedian, 3) << " ms)";
  os << "\n";
  os << "not compared: " << report.skippedSteps
     << " steps without an interpreter counterpart; " << report.uncoveredOps
     << " interpreter ops (" << formatFixed(report.uncoveredMs, 3)
     << " ms) not covered by a step\n";
}

/// \p report as tables: backends, layers (with --per-layer), outputs.
void printTable(llvm::raw_ostream &os, const Report &report,
                const CompareOptions &opts) {
  os << "model    " << opts.model << " (opset " << report.opset << "), load "
     << formatFixed(report.loadMs, 1) << " ms\n";
  os << "inputs\n";
  for (size_t i = 0; i < report.inputs.size(); ++i)
    os << "  " << report.inputSpecs[i].name << "  "
       << formatShape(report.inputs[i].shape()) << " "
       << dtypeName(report.inputs[i].dtype()) << "  " << report.inputSources[i]
       << "\n";

  os << "\n"
     << pad("backend", 8) << pad("prepare ms", 12, true)
     << pad("median ms", 12, true) << "  details\n";
  for (const BackendResult *b : {&report.interp, &report.jit})
    os << pad(b->name, 8) << pad(formatFixed(b->prepareMs, 1), 12, true)
       << pad(formatFixed(median(b->runMs), 3), 12, true) << "  " << b->details
       << "\n";
  double speedup = report.speedup();
  os << "speedup  "
     << (std::isfinite(speedup) ? formatFixed(speedup, 2) + "x" : "-")
     << " (jit over interp, median of " << opts.runs << " run"
     << (opts.runs == 1 ? "" : "s") << (opts.runs > 1 ? " after 1 warm-up" : "")
     << ")\n";

  if (opts.perLayer)
    printLayersTable(os, report);

  size_t nameWidth = 6;
  for (const TensorSpec &spec : report.outputSpecs)
    nameWidth = std::max(nameWidth, spec.name.size());
  os << "\n"
     << pad("output", nameWidth) << "  " << pad("shape", 16) << pad("dtype", 6)
     << pad("max abs err", 13, true) << pad("max rel err", 13, true)
     << pad("mismatches", 12, true) << "  result\n";
  for (size_t i = 0; i < report.outputSpecs.size(); ++i) {
    const Diff &d = report.outputDiffs[i];
    const Tensor &ref = report.interp.outputs[i];
    os << pad(report.outputSpecs[i].name, nameWidth) << "  "
       << pad(formatShape(ref.shape()), 16)
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
  size_t n = report.outputSpecs.size();
  os << "\ntolerance |jit - interp| <= " << llvm::format("%g", opts.atol)
     << " + " << llvm::format("%g", opts.rtol)
     << " * |interp| for floats; integers and bools exact\n";
  os << "result   " << (report.failedOutputs ? "FAIL" : "PASS") << ": "
     << n - report.failedOutputs << "/" << n << " outputs within tolerance\n";
}

} // namespace

int compareCommand(const CompareOptions &opts) {
  if (opts.runs == 0)
    return reportError("--runs must be at least 1");
  if (!(opts.atol >= 0) || !(opts.rtol >= 0))
    return reportError("--atol and --rtol must be non-negative numbers");
  auto ctx = makeContext();
  Report report;

  // 1. Load once; the JIT gets a clone, since its graph passes rewrite it.
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
  unsigned threads = opts.cpu.threads
                         ? opts.cpu.threads
                         : std::max(1u, std::thread::hardware_concurrency());
  report.jit.details =
      std::to_string(stats.compiledSteps) + " compiled steps, " +
      std::to_string(stats.referenceSteps) + " reference steps, " +
      std::to_string(threads) + " thread" + (threads == 1 ? "" : "s");
  if (stats.compiledSteps)
    report.jit.details +=
        stats.cacheHit ? ", kernels from cache" : ", kernels compiled";

  // 3. Inputs: from files, else seeded random data as `kiln run` makes.
  report.inputSpecs = (*interp)->inputs();
  report.outputSpecs = (*interp)->outputs();
  if ((*jit)->inputs().size() != report.inputSpecs.size())
    return reportError(
        "the JIT expects " + llvm::Twine((*jit)->inputs().size()) +
        " inputs but the interpreter " + llvm::Twine(report.inputSpecs.size()));
  for (size_t i = 0; i < report.inputSpecs.size(); ++i) {
    const TensorSpec &spec = report.inputSpecs[i];
    if (auto it = given.find(spec.name); it != given.end()) {
      report.inputs.push_back(it->second);
      report.inputSources.push_back("from file");
      given.erase(it);
      continue;
    }
    if (!spec.isStatic())
      return reportError("input '" + spec.name + "' has a dynamic shape (" +
                         spec.format() + "); give one with --shape " +
                         spec.name + "=DIMS or data with --input " + spec.name +
                         "=FILE.npy");
    report.inputs.push_back(
        randomTensor(spec.dtype, Shape(spec.shape.begin(), spec.shape.end()),
                     opts.seed + i));
    report.inputSources.push_back("random, seed " +
                                  std::to_string(opts.seed + i));
  }
  if (!given.empty())
    return reportError("--input names '" + given.begin()->first +
                       "', which is not an input of the model");

  // 4. Latency: the same warm-up and timed runs on each backend.
  if (llvm::Error e = timeRuns([&] { return (*interp)->run(report.inputs); },
                               opts.runs, report.interp))
    return reportError("interpreter: " + llvm::toString(std::move(e)));
  if (llvm::Error e = timeRuns([&] { return (*jit)->run(report.inputs); },
                               opts.runs, report.jit))
    return reportError("jit: " + llvm::toString(std::move(e)));

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

  // 6. Layers.
  if (opts.perLayer)
    if (llvm::Error e =
            compareLayers(**interp, **jit, *interpModule, opts, report))
      return reportError(llvm::toString(std::move(e)));

  if (opts.json)
    printJson(llvm::outs(), report, opts);
  else
    printTable(llvm::outs(), report, opts);
  return report.failedOutputs ? 1 : 0;
}

} // namespace kiln::tool
