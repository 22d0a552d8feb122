//===- Profile.cpp - kiln profile and kiln limits -------------------------===//
//
// profileModel, in order:
//  1. `runs` runs of the interpreter and of the JIT with per-step timing,
//     matched layer by layer (compareLayers, Layers.h): the interpreter's
//     times per step;
//  2. after a warm-up run, `runs` whole runs of the JIT without per-step
//     timing alternating with `runs` runs timed step by step, so that on a
//     shared machine both see the same load: the run's median, and each
//     step's;
//  3. per step: FLOPs and bytes from the plan (StepCost.h) over the step's
//     median time, placed on the roofline of the machine's measured limits
//     at the JIT's thread count.
//
// The table shows the top N steps by compiled time, sums the others in one
// line, and says whether the steps add up to the runs they were timed in
// (the executor's work between steps belongs to no step) and what timing
// each step costs against whole runs without it.
//
//===----------------------------------------------------------------------===//
#include "Profile.h"
#include "Common.h"
#include "Layers.h"
#include "TextFormat.h"

#include "kiln/cpu/DirectKernels.h"
#include "kiln/cpu/MachineLimits.h"
#include "kiln/runtime/Npy.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <tuple>

namespace kiln::tool {

namespace {

/// "48 KiB", "2 MiB".
std::string bytesText(uint64_t b) {
  if (b == 0)
    return "?";
  if (b >= (uint64_t(1) << 20) && b % (uint64_t(1) << 20) == 0)
    return std::to_string(b >> 20) + " MiB";
  if (b >= 1024 && b % 1024 == 0)
    return std::to_string(b >> 10) + " KiB";
  return std::to_string(b) + " B";
}

/// Places \p row on the roofline of \p limits at \p threads threads.
void placeOnRoofline(ProfileRow &row, const MachineLimits &limits,
                     unsigned threads) {
  double peak = limits.peakGflopsAt(threads);
  double bandwidth = limits.bandwidthGBsAt(threads);
  bool timed = row.ms > 0;
  row.gflops = timed ? row.flops / (row.ms * 1e6) : NAN;
  row.gbs = timed ? row.bytes / (row.ms * 1e6) : NAN;
  row.intensity = row.bytes > 0 ? row.flops / row.bytes : NAN;
  if (row.flops > 0 && row.bytes > 0) {
    row.attainableGflops = std::min(peak, row.intensity * bandwidth);
    row.pctOfAttainable = 100 * row.gflops / row.attainableGflops;
    row.bound = row.intensity * bandwidth < peak ? "memory" : "compute";
  } else {
    // Data movement (or nothing): only the bandwidth can bound it.
    row.attainableGflops = row.flops > 0 ? peak : NAN;
    row.pctOfAttainable = row.flops > 0 ? 100 * row.gflops / peak : NAN;
    row.bound = row.flops > 0 ? "compute" : "memory";
  }
  row.pctOfBandwidth = bandwidth > 0 ? 100 * row.gbs / bandwidth : NAN;
  row.fitsInL2 = limits.l2Bytes > 0 && row.bytes > 0 &&
                 row.bytes <= static_cast<double>(limits.l2Bytes) * threads;
}

} // namespace

llvm::Expected<ProfileReport>
profileModel(Interpreter &interp, cpu::JitModel &jit,
             mlir::ModuleOp interpModule, const std::vector<Tensor> &inputs,
             unsigned runs, const MachineLimits &limits) {
  if (runs == 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "--runs must be at least 1");
  ProfileReport report;
  report.limits = limits;
  report.threads = jit.getExecutor().threads();
  report.sideBySideRounds = jit.getExecutor().sideBySideRounds();
  report.runs = runs;

  // 1. The interpreter's ops matched to the JIT's steps and timed.
  LayerReport layers;
  if (llvm::Error e = compareLayers(interp, jit, interpModule, inputs, runs,
                                    /*atol=*/1e-4, /*rtol=*/1e-3, layers))
    return std::move(e);

  // 2. The JIT after a warm-up run: whole runs without per-step timing
  // alternating with runs timed step by step, so that both see the same
  // load on a shared machine.
  const cpu::Plan &plan = jit.getPlan();
  std::vector<double> runMs, observedMs;
  std::vector<std::vector<double>> stepMs(plan.steps.size());
  auto observe = [&](const cpu::PlanStep &step, const std::vector<Tensor> &,
                     double ms) {
    stepMs[&step - plan.steps.data()].push_back(ms);
  };
  for (unsigned r = 0; r <= 2 * runs; ++r) {
    bool observed = r % 2 == 0 && r > 0;
    auto start = std::chrono::steady_clock::now();
    auto out = observed ? jit.run(inputs, observe) : jit.run(inputs);
    if (!out)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "jit: " + llvm::toString(out.takeError()));
    if (r > 0)
      (observed ? observedMs : runMs).push_back(msSince(start));
  }
  report.jitMs = median(runMs);
  report.observedRunMs = median(observedMs);
  std::vector<double> perRun(observedMs.size(), 0.0);
  for (const std::vector<double> &times : stepMs)
    for (size_t r = 0; r < times.size() && r < perRun.size(); ++r)
      perRun[r] += times[r];
  report.stepsPerRunMs = median(perRun);
  std::vector<double> interpRuns(runs, 0.0);
  for (const InterpOp &op : layers.ops)
    for (size_t r = 0; r < op.ms.size() && r < runs; ++r)
      interpRuns[r] += op.ms[r];
  report.interpMs = median(interpRuns);
  report.uncoveredInterpMs = layers.uncoveredMs;

  // 3. The roofline. The steps kiln-split-batch made for the parts of a
  // batch are one row per layer, the first part's, with the parts' times,
  // FLOPs and bytes summed: a layer ranks by its whole time. A layer's
  // parts share their node, op and interpreter counterpart (two layers of
  // one node and op have different counterparts).
  std::map<std::tuple<std::string, std::string, int>, size_t> firstPart;
  for (size_t i = 0; i < layers.layers.size(); ++i) {
    const Layer &layer = layers.layers[i];
    const cpu::PlanStep &step = plan.steps[i];
    ProfileRow row;
    row.step = i;
    row.node = layer.node;
    row.itemBegin = layer.itemBegin;
    row.itemEnd = layer.itemEnd;
    // A step whose elementwise tail ends in a Mul is still a matrix
    // product: it is named by its direct kernel when it has one.
    row.op = layer.op;
    for (mlir::Operation *op : step.ops)
      if (cpu::hasDirectKernel(op)) {
        row.op = shortOpName(op);
        break;
      }
    row.kind = layer.kind;
    // In graph order: the interpreter's ops, then any node only the JIT's
    // ops name.
    for (int k : layer.interpOps)
      if (const std::string &n = layers.ops[k].node;
          !n.empty() && !llvm::is_contained(row.nodes, n))
        row.nodes.push_back(n);
    for (const std::string &n : step.nodes)
      if (!llvm::is_contained(row.nodes, n))
        row.nodes.push_back(n);
    row.flops = step.flops;
    // A Concat computed in place moves nothing itself.
    row.bytes = layer.kind == "in place" ? 0 : static_cast<double>(step.bytes);
    row.ms = median(stepMs[i]);
    row.interpMs = layer.interpMedian;
    report.stepsMs += row.ms;
    if (row.itemBegin >= 0) {
      auto [it, first] = firstPart.try_emplace(
          {row.node, row.op, layer.counterpart}, report.rows.size());
      if (!first) {
        ProfileRow &whole = report.rows[it->second];
        whole.itemBegin = std::min(whole.itemBegin, row.itemBegin);
        whole.itemEnd = std::max(whole.itemEnd, row.itemEnd);
        whole.flops += row.flops;
        whole.bytes += row.bytes;
        whole.ms += row.ms;
        whole.interpMs += row.interpMs;
        ++whole.parts;
        continue;
      }
    }
    report.rows.push_back(std::move(row));
  }
  for (ProfileRow &row : report.rows)
    placeOnRoofline(row, limits, report.threads);
  for (size_t i = 0; i < report.rows.size(); ++i)
    report.hotspots.push_back(i);
  std::stable_sort(report.hotspots.begin(), report.hotspots.end(),
                   [&](size_t a, size_t b) {
                     return report.rows[a].ms > report.rows[b].ms;
                   });
  return report;
}

std::string rowPartLabel(const ProfileRow &row) {
  if (row.parts > 1)
    return " [" + std::to_string(row.parts) + " parts]";
  return itemsLabel(row.itemBegin, row.itemEnd);
}

void writeMachineJson(llvm::json::OStream &j, const MachineLimits &l) {
  j.attribute("cpu", utf8(l.cpu));
  j.attribute("vector_bits", static_cast<int64_t>(l.vectorBits));
  j.attribute("threads", static_cast<int64_t>(l.threads));
  jsonNumber(j, "peak_gflops_1", l.peakGflops1);
  jsonNumber(j, "peak_gflops_all", l.peakGflopsAll);
  jsonNumber(j, "bandwidth_gbs_1", l.bandwidthGBs1);
  jsonNumber(j, "bandwidth_gbs_all", l.bandwidthGBsAll);
  j.attribute("l1d_bytes", static_cast<int64_t>(l.l1dBytes));
  j.attribute("l2_bytes", static_cast<int64_t>(l.l2Bytes));
  j.attribute("l3_bytes", static_cast<int64_t>(l.l3Bytes));
  j.attribute("peak_method", l.peakMethod);
  j.attribute("bandwidth_method", l.bandwidthMethod);
  j.attribute("cache_method", l.cacheMethod);
  j.attribute("from_cache", l.fromCache);
}

void writeProfileRowJson(llvm::json::OStream &j, const ProfileReport &report,
                         const ProfileRow &row) {
  j.attribute("index", static_cast<int64_t>(row.step));
  j.attribute("node", utf8(row.node));
  j.attribute("op", row.op);
  j.attribute("kind", row.kind);
  if (row.itemBegin >= 0) {
    j.attributeArray("items", [&] {
      j.value(row.itemBegin);
      j.value(row.itemEnd);
    });
    j.attribute("parts", static_cast<int64_t>(row.parts));
  }
  j.attributeArray("nodes", [&] {
    for (const std::string &n : row.nodes)
      j.value(utf8(n));
  });
  jsonNumber(j, "ms", row.ms);
  jsonNumber(j, "share", report.stepsMs > 0 ? row.ms / report.stepsMs : NAN);
  jsonNumber(j, "interp_ms", row.interpMs);
  jsonNumber(j, "speedup", row.ms > 0 ? row.interpMs / row.ms : NAN);
  jsonNumber(j, "flops", row.flops);
  jsonNumber(j, "bytes", row.bytes);
  jsonNumber(j, "gflops", row.gflops);
  jsonNumber(j, "gbs", row.gbs);
  jsonNumber(j, "intensity", row.intensity);
  jsonNumber(j, "attainable_gflops", row.attainableGflops);
  jsonNumber(j, "pct_of_attainable", row.pctOfAttainable);
  jsonNumber(j, "pct_of_bandwidth", row.pctOfBandwidth);
  j.attribute("bound", row.bound);
  j.attribute("fits_in_l2", row.fitsInL2);
}

namespace {

/// The report as one JSON object.
void printProfileJson(llvm::raw_ostream &os, const ProfileReport &report,
                      const std::string &model, int64_t opset) {
  llvm::json::OStream j(os, 2);
  j.object([&] {
    j.attribute("model", utf8(model));
    j.attribute("opset", opset);
    j.attribute("threads", static_cast<int64_t>(report.threads));
    j.attribute("runs", static_cast<int64_t>(report.runs));
    j.attributeObject("machine", [&] { writeMachineJson(j, report.limits); });
    jsonNumber(j, "jit_ms", report.jitMs);
    j.attribute("side_by_side_rounds",
                static_cast<int64_t>(report.sideBySideRounds));
    jsonNumber(j, "interp_ms", report.interpMs);
    jsonNumber(j, "steps_ms", report.stepsMs);
    jsonNumber(j, "observed_run_ms", report.observedRunMs);
    jsonNumber(j, "steps_per_run_ms", report.stepsPerRunMs);
    jsonNumber(j, "uncovered_interp_ms", report.uncoveredInterpMs);
    double flops = 0, bytes = 0;
    for (const ProfileRow &row : report.rows) {
      flops += row.flops;
      bytes += row.bytes;
    }
    jsonNumber(j, "flops", flops);
    jsonNumber(j, "bytes", bytes);
    jsonNumber(j, "gflops",
               report.jitMs > 0 ? flops / (report.jitMs * 1e6) : NAN);
    j.attributeArray("layers", [&] {
      for (const ProfileRow &row : report.rows)
        j.object([&] { writeProfileRowJson(j, report, row); });
    });
    j.attributeArray("hotspots", [&] {
      for (size_t h : report.hotspots)
        j.value(static_cast<int64_t>(h));
    });
  });
  os << "\n";
}

/// The machine's limits, the way `kiln limits` and `kiln profile` print them.
void printLimits(llvm::raw_ostream &os, const MachineLimits &l) {
  std::string all =
      std::to_string(l.threads) + (l.threads == 1 ? " thread" : " threads");
  os << "cpu        " << l.cpu << "\n";
  os << "fma peak   1 thread " << fixed(l.peakGflops1, 1) << " GFLOP/s";
  if (l.threads > 1)
    os << ", " << all << " " << fixed(l.peakGflopsAll, 1) << " GFLOP/s";
  os << " (fp32, " << l.vectorBits << "-bit vectors)\n";
  os << "           method: " << l.peakMethod << "\n";
  os << "bandwidth  1 thread " << fixed(l.bandwidthGBs1, 1) << " GB/s";
  if (l.threads > 1)
    os << ", " << all << " " << fixed(l.bandwidthGBsAll, 1) << " GB/s";
  os << "\n           method: " << l.bandwidthMethod << "\n";
  os << "caches     L1d " << bytesText(l.l1dBytes) << ", L2 "
     << bytesText(l.l2Bytes) << " per core; L3 " << bytesText(l.l3Bytes)
     << " shared\n";
  os << "           method: " << l.cacheMethod << "\n";
  double ridge =
      l.bandwidthGBsAll > 0 ? l.peakGflopsAll / l.bandwidthGBsAll : 0;
  os << "ridge      " << fixed(ridge, 1) << " FLOPs per byte at " << all
     << ": below it a step is memory-bound\n";
}

/// The table: the run, the top rows by time, the rest summed, the totals.
void printProfileTable(llvm::raw_ostream &os, const ProfileReport &report,
                       const std::string &model, int64_t opset, unsigned top) {
  const MachineLimits &l = report.limits;
  unsigned t = report.threads;
  os << "model    " << model << " (opset " << opset << ")\n";
  os << "machine  " << l.cpu << "; at " << t << " thread" << (t == 1 ? "" : "s")
     << ": peak " << fixed(l.peakGflopsAt(t), 1) << " GFLOP/s, bandwidth "
     << fixed(l.bandwidthGBsAt(t), 1) << " GB/s"
     << (l.fromCache ? " (cached figures; kiln limits --remeasure)"
                     : " (measured now)")
     << "\n";
  double speedup = report.jitMs > 0 ? report.interpMs / report.jitMs : NAN;
  os << "run      jit " << fixed(report.jitMs, 3) << " ms, interp "
     << fixed(report.interpMs, 3) << " ms (medians of " << report.runs << " run"
     << (report.runs == 1 ? "" : "s") << "), speedup " << fixed(speedup, 1)
     << "x\n";

  size_t shown = std::min<size_t>(top, report.rows.size());
  size_t nodeWidth = 4, opWidth = 2;
  for (size_t k = 0; k < shown; ++k) {
    const ProfileRow &row = report.rows[report.hotspots[k]];
    nodeWidth = std::max(
        nodeWidth,
        std::min<size_t>(row.node.size() + rowPartLabel(row).size(), 36));
    opWidth = std::max(opWidth, row.op.size());
  }
  auto line = [&](const std::string &text) {
    os << llvm::StringRef(text).rtrim() << "\n";
  };
  os << "\nhotspots (top " << shown << " of " << report.rows.size()
     << " steps by compiled time"
     << (llvm::any_of(report.rows,
                      [](const ProfileRow &r) { return r.parts > 1; })
             ? ", the parts of a batch kiln-split-batch ran apart as one"
             : "")
     << "; share of the steps' summed time)\n";
  line(pad("#", 5, true) + "  " + pad("node", nodeWidth) + "  " +
       pad("op", opWidth) + "  " + pad("kind", 10) + pad("ms", 10, true) +
       pad("share", 7, true) + pad("interp ms", 11, true) +
       pad("GFLOP/s", 9, true) + pad("GB/s", 8, true) + pad("FLOP/B", 8, true) +
       pad("% roof", 8, true) + "  bound");
  bool anyInL2 = false;
  for (size_t k = 0; k < shown; ++k) {
    const ProfileRow &row = report.rows[report.hotspots[k]];
    double share = report.stepsMs > 0 ? 100 * row.ms / report.stepsMs : NAN;
    line(pad(std::to_string(row.step), 5, true) + "  " +
         pad(clip((row.node.empty() ? "?" : row.node) + rowPartLabel(row), 36),
             nodeWidth) +
         "  " + pad(row.op, opWidth) + "  " + pad(row.kind, 10) +
         pad(fixed(row.ms, 4), 10, true) + pad(fixed(share, 1) + "%", 7, true) +
         pad(fixed(row.interpMs, 3), 11, true) +
         pad(row.flops > 0 ? fixed(row.gflops, 1) : "-", 9, true) +
         pad(fixed(row.gbs, 1), 8, true) +
         pad(row.flops > 0 ? fixed(row.intensity, 1) : "-", 8, true) +
         pad(fixed(row.pctOfAttainable, 0), 8, true) + "  " + row.bound +
         (row.fitsInL2 ? " (fits L2)" : ""));
    anyInL2 |= row.fitsInL2;
  }
  double restMs = 0, restInterp = 0;
  for (size_t k = shown; k < report.rows.size(); ++k) {
    restMs += report.rows[report.hotspots[k]].ms;
    restInterp += report.rows[report.hotspots[k]].interpMs;
  }
  if (anyInL2)
    os << "  (fits L2): the step's bytes fit in the L2 caches, so the "
          "roofline's DRAM bandwidth is not its ceiling (% roof may pass "
          "100)\n";
  if (shown < report.rows.size())
    os << "  other " << report.rows.size() - shown
       << " steps: " << fixed(restMs, 4) << " ms ("
       << fixed(report.stepsMs > 0 ? 100 * restMs / report.stepsMs : NAN, 1)
       << "%), interp " << fixed(restInterp, 3) << " ms\n";

  double flops = 0, bytes = 0;
  unsigned compute = 0, memory = 0;
  for (const ProfileRow &row : report.rows) {
    flops += row.flops;
    bytes += row.bytes;
    ++(row.bound == "compute" ? compute : memory);
  }
  os << "\ntotal    " << fixed(flops / 1e9, 3) << " GFLOP, "
     << fixed(bytes / 1e6, 1) << " MB moved by the steps; "
     << fixed(report.jitMs > 0 ? flops / (report.jitMs * 1e6) : NAN, 1)
     << " GFLOP/s over the whole run ("
     << fixed(report.jitMs > 0
                  ? 100 * flops / (report.jitMs * 1e6) / l.peakGflopsAt(t)
                  : NAN,
              1)
     << "% of peak); " << compute << " steps compute-bound, " << memory
     << " memory-bound\n";
  double observed = report.observedRunMs;
  double outside = observed - report.stepsPerRunMs;
  os << "steps    per run they sum to " << fixed(report.stepsPerRunMs, 3)
     << " ms = "
     << fixed(observed > 0 ? 100 * report.stepsPerRunMs / observed : NAN, 1)
     << "% of the runs they were timed in (" << fixed(observed, 3) << " ms)";
  if (outside <= 0.02 * observed)
    os << ": they add up\n";
  else
    os << "; the other " << fixed(outside, 3)
       << " ms are the executor's work between steps (operand checks, "
          "argument set-up, results for the timing)\n";
  double dropped = report.stepsPerRunMs - report.stepsMs;
  if (dropped > 0.02 * report.stepsPerRunMs)
    os << "         the rows' medians sum to " << fixed(report.stepsMs, 3)
       << " ms: " << fixed(dropped, 3)
       << " ms less, slow outliers of some runs (preemption on a busy "
          "machine) that medians leave out\n";
  double cost = observed - report.jitMs;
  os << "timing   whole runs without per-step timing: "
     << fixed(report.jitMs, 3) << " ms (";
  if (size_t rounds = report.sideBySideRounds)
    // The two kinds of run differ by more than the timing.
    os << "they run the " << sideBySideText(rounds)
       << ", one part per thread; timed step by step, the parts ran one "
          "after another"
       << (cost > 0 ? ", " + fixed(cost, 3) + " ms slower" : std::string())
       << ")\n";
  else
    os << (std::fabs(cost) <= 0.02 * report.jitMs
               ? std::string("timing each step costs nothing measurable")
           : cost > 0 ? "timing each step costs " + fixed(cost, 3) + " ms"
                      : "faster with per-step timing by " + fixed(-cost, 3) +
                            " ms: run-to-run noise")
       << ")\n";
  if (report.uncoveredInterpMs > 0)
    os << "interp   " << fixed(report.uncoveredInterpMs, 3)
       << " ms of interpreter ops no step covers\n";
}

} // namespace

int profileCommand(const ProfileOptions &opts) {
  if (opts.runs == 0)
    return reportError("--runs must be at least 1");
  auto ctx = makeContext();

  // 1. Load and import once; the JIT gets a clone (its passes rewrite it).
  frontend::LoadOptions load;
  if (!parseShapeOptions(opts.shapes, load.inputShapes))
    return 1;
  std::map<std::string, Tensor> given;
  if (!readInputFiles(opts.inputs, load, given))
    return 1;
  std::unique_ptr<frontend::LoadedModel> model =
      frontend::loadModel(*ctx, opts.model, load);
  if (!model)
    return 1;
  mlir::OwningOpRef<mlir::ModuleOp> interpModule =
      frontend::importModel(*ctx, *model);
  if (!interpModule)
    return 1;
  mlir::OwningOpRef<mlir::ModuleOp> jitModule = interpModule->clone();

  // 2. Both backends, and the machine's limits at the JIT's thread count.
  auto interp = Interpreter::create(*interpModule);
  if (!interp)
    return reportError(llvm::toString(interp.takeError()));
  auto jit = cpu::JitModel::create(*jitModule, opts.cpu);
  if (!jit)
    return reportError(llvm::toString(jit.takeError()));
  auto limits =
      cpu::machineLimits((*jit)->getExecutor().threads(), opts.cpu.cacheDir);
  if (!limits)
    return reportError(llvm::toString(limits.takeError()));

  // 3. Inputs: from files, else seeded random data as `kiln run` makes.
  auto inputs = bindInputs((*interp)->inputs(), given, opts.seed, nullptr,
                           inputIndexBounds((*jit)->getPlan()));
  if (!inputs)
    return reportError(llvm::toString(inputs.takeError()));

  auto report =
      profileModel(**interp, **jit, *interpModule, *inputs, opts.runs, *limits);
  if (!report)
    return reportError(llvm::toString(report.takeError()));
  if (opts.json)
    printProfileJson(llvm::outs(), *report, opts.model, model->opset);
  else
    printProfileTable(llvm::outs(), *report, opts.model, model->opset,
                      opts.top);
  return 0;
}

int limitsCommand(const LimitsOptions &opts) {
  auto limits = cpu::machineLimits(opts.threads, opts.cacheDir, opts.remeasure);
  if (!limits)
    return reportError(llvm::toString(limits.takeError()));
  std::string path = cpu::machineLimitsPath(opts.threads, opts.cacheDir);
  if (opts.json) {
    llvm::json::OStream j(llvm::outs(), 2);
    j.object([&] {
      writeMachineJson(j, *limits);
      j.attribute("path", path);
    });
    llvm::outs() << "\n";
    return 0;
  }
  printLimits(llvm::outs(), *limits);
  llvm::outs() << "source     "
               << (limits->fromCache ? "read from " + path +
                                           " (measured earlier; "
                                           "--remeasure measures again)"
                                     : "measured now, kept in " + path)
               << "\n";
  return 0;
}

} // namespace kiln::tool
