//===- KilnBench.cpp - Compiled kernels as a fraction of FMA peak ---------===//
//
// `kiln-bench` measures, in one run:
//
//  1. The machine's fp32 FMA peak: 12 independent chains of vector FMAs
//     (AVX2, or AVX-512 when present) in a loop, on one core and on every
//     core at once, in short rounds (the loop kiln/runtime/MachineLimits.h
//     shares with `kiln limits`).
//  2. GFLOP/s of what `kiln run` runs for GEMM- and conv-shaped work: small
//     kiln graphs built in memory (a MatMul with a constant weight, Convs,
//     depthwise Convs), prepared by the compiled backend's graph passes and
//     compiled by the JIT, timed at 1 thread and at all threads, each as a
//     fraction of the measured peak. The time counted is the measured op's
//     step (its kernel call; the graph returns only the result's shape, so
//     the result is an intermediate buffer as inside a model, not a fresh
//     output tensor per run). Depthwise convolutions are also timed on the
//     reference kernel (the interpreter's plain loops).
//  3. The memory side of each case's roofline: the bytes a run moves at
//     least (input, weights and output once) and the bandwidth of a triad
//     over as many bytes, at 1 and all threads. Where bandwidth times the
//     case's FLOPs per byte is below the FMA peak (depthwise convolutions:
//     2 FLOP per byte at 3x3 stride 1, 1 at stride 2), the case is bound by
//     memory, and its rate is also given as a fraction of that bandwidth.
//
// Times are medians (and best) of repeated runs after a warm-up run. On a
// shared machine, --realtime runs the timed loops under SCHED_FIFO so that
// other processes cannot preempt a run for a whole scheduler tick.
//
//   kiln-bench [--runs N] [--realtime] [--filter TEXT] [--asm-dir DIR]
//   kiln-bench --model MODEL.onnx [--model-threads N] [--realtime]
//
// --asm-dir writes each case's kernels as assembly (to check inner loops for
// spills); --model prints per-step times of a whole model, on seeded random
// inputs as `kiln run` makes them (static shapes only).
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "kiln/cpu/Codegen.h"
#include "kiln/cpu/Jit.h"
#include "kiln/cpu/Target.h"
#include "kiln/frontend/Import.h"
#include "kiln/interpreter/Interpreter.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/TensorConversion.h"
#include "kiln/runtime/MachineLimits.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>
#include <vector>

using namespace mlir;
using namespace kiln;

namespace {

llvm::cl::OptionCategory benchCat("kiln-bench options");

llvm::cl::opt<int> runs("runs", llvm::cl::desc("Timed runs per measurement"),
                        llvm::cl::init(15), llvm::cl::cat(benchCat));
llvm::cl::opt<std::string>
    filter("filter", llvm::cl::desc("Only cases whose name contains this"),
           llvm::cl::init(""), llvm::cl::cat(benchCat));
llvm::cl::opt<bool>
    skipReference("skip-reference",
                  llvm::cl::desc("Do not time the reference kernels (slow)"),
                  llvm::cl::init(false), llvm::cl::cat(benchCat));

llvm::cl::opt<std::string>
    asmDir("asm-dir",
           llvm::cl::desc("Also write each case's kernels as assembly to "
                          "DIR/<case>.s (to check inner loops for spills)"),
           llvm::cl::init(""), llvm::cl::cat(benchCat));

llvm::cl::opt<std::string> modelPath(
    "model",
    llvm::cl::desc("Instead of the kernel cases: time every step of this "
                   "ONNX model on the JIT (median per step, GFLOP/s of the "
                   "convolutions, matrix products and attention)"),
    llvm::cl::init(""), llvm::cl::cat(benchCat));
llvm::cl::opt<unsigned>
    modelThreads("model-threads",
                 llvm::cl::desc("Threads for --model (0: all cores)"),
                 llvm::cl::init(1), llvm::cl::cat(benchCat));

llvm::cl::opt<bool> printTimes("print-times",
                               llvm::cl::desc("Print every run's time"),
                               llvm::cl::init(false), llvm::cl::cat(benchCat));

llvm::cl::opt<std::string> targetCpu("cpu", llvm::cl::desc(cpu::kCpuOptionHelp),
                                     llvm::cl::value_desc("NAME"),
                                     llvm::cl::cat(benchCat));
llvm::cl::opt<std::string>
    targetFeatures("cpu-features", llvm::cl::desc(cpu::kCpuFeaturesOptionHelp),
                   llvm::cl::value_desc("+NAME,-NAME"),
                   llvm::cl::cat(benchCat));
llvm::cl::list<std::string> disabledPasses(
    "disable-pass",
    llvm::cl::desc("Leave this graph pass out (repeatable or comma-separated), "
                   "e.g. kiln-winograd to time the direct convolutions"),
    llvm::cl::value_desc("NAME"), llvm::cl::CommaSeparated,
    llvm::cl::cat(benchCat));
llvm::cl::opt<bool> realtime(
    "realtime",
    llvm::cl::desc("Time runs under SCHED_FIFO (needs CAP_SYS_NICE): on a "
                   "shared machine, other processes then cannot preempt a "
                   "run for a scheduler tick"),
    llvm::cl::init(false), llvm::cl::cat(benchCat));

using Clock = std::chrono::steady_clock;

/// While alive, the calling thread (and threads it creates) run under
/// SCHED_FIFO when --realtime is given.
class RealtimeScope {
public:
  RealtimeScope() {
    if (!realtime)
      return;
    pthread_getschedparam(pthread_self(), &oldPolicy, &oldParam);
    sched_param p{};
    p.sched_priority = 1;
    active = pthread_setschedparam(pthread_self(), SCHED_FIFO, &p) == 0;
    if (!active) {
      static bool warned = false;
      if (!warned)
        std::fprintf(stderr, "kiln-bench: cannot use SCHED_FIFO; timing "
                             "with the normal scheduler\n");
      warned = true;
    }
  }
  ~RealtimeScope() {
    if (active)
      pthread_setschedparam(pthread_self(), oldPolicy, &oldParam);
  }

private:
  bool active = false;
  int oldPolicy = SCHED_OTHER;
  sched_param oldParam{};
};

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

//===----------------------------------------------------------------------===//
// FMA peak
//===----------------------------------------------------------------------===//

/// GFLOP/s of the runtime's FMA loop (kiln/runtime/MachineLimits.h) on
/// \p threads threads at once, at the target's vector width (AVX-512 or
/// AVX2): median and best of 4 * runs rounds.
std::pair<double, double> fmaPeak(unsigned threads) {
  unsigned bits =
      cpu::hostTarget().vectorBits >= 512 && canMeasureFmaPeak(512) ? 512 : 256;
  if (!canMeasureFmaPeak(bits))
    return {0, 0};
  RealtimeScope rt; // the loop's threads inherit the policy
  Measured m = measureFmaPeak(bits, threads, 4 * runs);
  return {m.median, m.best};
}

//===----------------------------------------------------------------------===//
// Kiln graphs
//===----------------------------------------------------------------------===//

/// A module `func.func @main(%x) -> shape(%y)` with %y built by \p body
/// (named "measured"). Returning only y's shape keeps y an intermediate
/// buffer, as the result of a conv is inside a real model: the executor
/// reuses it across runs instead of allocating and page-faulting a fresh
/// output tensor each run.
OwningOpRef<ModuleOp>
makeGraph(MLIRContext &ctx, RankedTensorType input, RankedTensorType output,
          const std::function<Value(OpBuilder &, Location, Value)> &body) {
  OpBuilder b(&ctx);
  Location loc = b.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  int64_t rank = output.getRank();
  auto cornerType = RankedTensorType::get(SmallVector<int64_t>(rank, 1),
                                          output.getElementType());
  auto func = b.create<func::FuncOp>(loc, "main",
                                     b.getFunctionType({input}, {cornerType}));
  Block *entry = func.addEntryBlock();
  b.setInsertionPointToStart(entry);
  Value y =
      body(b, NameLoc::get(b.getStringAttr("measured")), entry->getArgument(0));
  // The graph returns y's first element: y stays live (Shape(y) would fold
  // to a constant and the measured op would be dead) yet is an intermediate.
  auto indexType = RankedTensorType::get({rank}, b.getIntegerType(64));
  auto indices = [&](int64_t v) {
    return b.create<ConstantOp>(
        loc, DenseElementsAttr::get(indexType, b.getI64IntegerAttr(v)));
  };
  Value none = b.create<NoneOp>(loc, b.getNoneType());
  Value corner =
      b.create<SliceOp>(loc, cornerType, y, indices(0), indices(1), none, none);
  b.create<func::ReturnOp>(loc, corner);
  return module;
}

Value weight(OpBuilder &b, Location loc, Shape shape, uint64_t seed) {
  Tensor t = tool::randomTensor(DType::F32, shape, seed);
  return b.create<ConstantOp>(
      loc, makeElementsAttr(*b.getContext(), t, "w" + std::to_string(seed)));
}

/// Seconds per run of \p fn after one warm-up run: the median, and the
/// best (the run least disturbed by other processes on a shared machine).
/// \p fn returns the seconds to count, or a negative value to count the
/// wall time of the whole call.
std::pair<double, double> timeRuns(const std::function<double()> &fn,
                                   int count) {
  RealtimeScope rt;
  fn();
  std::vector<double> wall;
  for (int r = 0; r < count; ++r) {
    auto start = Clock::now();
    double s = fn();
    wall.push_back(s >= 0 ? s : seconds(start, Clock::now()));
  }
  if (printTimes) {
    for (double t : wall)
      std::printf(" %.2f", t * 1e3);
    std::printf(" ms\n");
  }
  return {median(wall), *std::min_element(wall.begin(), wall.end())};
}

struct Case {
  std::string name;
  double flops;
  /// Bytes a run must move at least: its input, weights and output, each
  /// once (the memory side of its roofline); 0 when not given.
  double bytes = 0;
  RankedTensorType input, output;
  std::function<Value(OpBuilder &, Location, Value)> body;
  bool timeReference = false;
};

struct Peaks {
  /// Medians and best runs, one thread and all threads.
  double one, oneBest, all, allBest;
  unsigned threads;
};

/// The memory side of \p c's roofline, printed before its rates: the
/// bytes a run moves at least, and the triad bandwidth (MachineLimits.h)
/// over arrays of as many bytes in all, so from the cache level that holds
/// them, as the case's own runs read them. Where that bandwidth times the
/// case's FLOPs per byte is below the FMA peak, the case cannot reach the
/// peak however good its code: \p rate (median GFLOP/s at 1 and all
/// threads) is then also given as GB/s and as a fraction of the triad's.
void printRoofline(const Case &c, const double rate[2], const Peaks &peak) {
  if (c.bytes <= 0)
    return;
  auto arrayBytes = static_cast<uint64_t>(std::max(64.0 * 1024, c.bytes / 3));
  std::vector<Measured> bw =
      measureTriadBandwidth({1, peak.threads}, arrayBytes, 4 * runs);
  if (bw.size() != 2)
    return;
  double perByte = c.flops / c.bytes;
  std::printf("  memory: %.2f MB per run, %.1f FLOP per byte; a triad over "
              "as many bytes: %.1f GB/s at 1 thread, %.1f at %u\n",
              c.bytes / 1e6, perByte, bw[0].median, bw[1].median, peak.threads);
  double peaks[2] = {peak.one, peak.all};
  for (int i = 0; i < 2; ++i) {
    double roof = std::min(peaks[i], perByte * bw[i].median);
    if (roof >= peaks[i])
      continue;
    std::printf("  bound by memory at %u thread(s): roofline %.1f GFLOP/s "
                "(%.0f%% of peak); median %.1f GB/s = %.0f%% of the triad's\n",
                i ? peak.threads : 1u, roof, 100 * roof / peaks[i],
                rate[i] / perByte, 100 * rate[i] / roof);
  }
}

void runCase(MLIRContext &ctx, const Case &c, const Peaks &peak) {
  Tensor x = tool::randomTensor(
      DType::F32, Shape(c.input.getShape().begin(), c.input.getShape().end()),
      7);
  std::printf("%s\n", c.name.c_str());
  std::fflush(stdout);
  double rate[2] = {0, 0}, best[2] = {0, 0};
  unsigned threadCounts[2] = {1, peak.threads};
  std::string steps;
  for (int i = 0; i < 2; ++i) {
    OwningOpRef<ModuleOp> graph = makeGraph(ctx, c.input, c.output, c.body);
    cpu::CpuOptions options;
    options.threads = threadCounts[i];
    options.useCache = false;
    options.disabledPasses.assign(disabledPasses.begin(), disabledPasses.end());
    auto model = cpu::JitModel::create(*graph, options);
    if (!model) {
      std::printf("  error: %s\n", llvm::toString(model.takeError()).c_str());
      return;
    }
    if (i == 0)
      for (const cpu::PlanStep &s : (*model)->getPlan().steps)
        steps += (steps.empty() ? "" : ", ") + s.label +
                 (s.kind == cpu::PlanStep::Kind::Compiled ? "" : " (ref)");
    // The time of the steps computing the measured ops (their kernel
    // calls), summed over one run.
    double stepMs = 0;
    cpu::StepObserver observer = [&](const cpu::PlanStep &step,
                                     const std::vector<Tensor> &, double ms) {
      if (step.label.find("'measured'") != std::string::npos)
        stepMs += ms;
    };
    auto [wall, fastest] = timeRuns(
        [&] {
          stepMs = 0;
          auto out = (*model)->run({x}, observer);
          if (!out)
            llvm::report_fatal_error(
                llvm::Twine(llvm::toString(out.takeError())));
          return stepMs / 1e3;
        },
        runs);
    rate[i] = c.flops / wall / 1e9;
    best[i] = c.flops / fastest / 1e9;
  }
  if (!asmDir.empty()) {
    OwningOpRef<ModuleOp> graph = makeGraph(ctx, c.input, c.output, c.body);
    std::string name;
    for (char ch : c.name)
      name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    std::error_code ec;
    llvm::raw_fd_ostream os(asmDir + "/" + name + ".s", ec);
    auto plan = ec ? llvm::Expected<cpu::Plan>(llvm::createStringError(
                         ec, "cannot write it: " + ec.message()))
                   : [&]() -> llvm::Expected<cpu::Plan> {
      if (llvm::Error e = cpu::prepareGraph(*graph, /*optimize=*/true))
        return std::move(e);
      return cpu::buildPlan(*graph);
    }();
    if (plan) {
      cpu::CodegenOptions cg;
      cg.printAsm = &os;
      auto objects = cpu::compileKernels(*plan->kernels, cg);
      if (!objects)
        llvm::errs() << "kiln-bench: --asm-dir: "
                     << llvm::toString(objects.takeError()) << "\n";
    } else {
      llvm::errs() << "kiln-bench: --asm-dir: " << asmDir << "/" << name
                   << ".s: " << llvm::toString(plan.takeError()) << "\n";
    }
  }
  printRoofline(c, rate, peak);
  std::printf("  1 thread:  median %6.1f GFLOP/s = %5.1f%% of 1-thread peak; "
              "best %6.1f = %5.1f%% of best peak\n",
              rate[0], 100 * rate[0] / peak.one, best[0],
              100 * best[0] / peak.oneBest);
  std::printf("  %u threads: median %6.1f GFLOP/s = %5.1f%% of %u-thread peak "
              "(%5.1f%% of 1-thread); best %6.1f = %5.1f%%\n",
              peak.threads, rate[1], 100 * rate[1] / peak.all, peak.threads,
              100 * rate[1] / peak.one, best[1], 100 * best[1] / peak.allBest);
  if (c.timeReference && !skipReference) {
    OwningOpRef<ModuleOp> graph = makeGraph(ctx, c.input, c.output, c.body);
    auto interp = Interpreter::create(*graph);
    if (interp) {
      auto [wall, fastest] = timeRuns(
          [&] {
            auto out = (*interp)->run({x});
            if (!out)
              llvm::consumeError(out.takeError());
            return -1.0;
          },
          std::max(3, runs / 5));
      double ref = c.flops / wall / 1e9;
      std::printf("  reference kernel %.2f GFLOP/s: compiled is %.0fx "
                  "faster at 1 thread\n",
                  ref, rate[0] / ref);
    } else {
      llvm::consumeError(interp.takeError());
    }
  }
  std::printf("  steps: %s\n", steps.c_str());
}

RankedTensorType f32(MLIRContext &ctx, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, Float32Type::get(&ctx));
}

Case matmulCase(MLIRContext &ctx, int64_t m, int64_t n, int64_t k) {
  Case c;
  c.name = "gemm " + std::to_string(m) + "x" + std::to_string(n) + "x" +
           std::to_string(k) + " (MxNxK, MatMul)";
  c.flops = 2.0 * m * n * k;
  c.bytes = 4.0 * (m * k + k * n + m * n);
  c.input = f32(ctx, {m, k});
  c.output = f32(ctx, {m, n});
  RankedTensorType out = c.output;
  c.body = [=](OpBuilder &b, Location loc, Value a) -> Value {
    Value w = weight(b, loc, {k, n}, 11);
    return b.create<MatMulOp>(loc, out, a, w);
  };
  return c;
}

/// \p layers transformer FFNs at sequence \p m: m x d -> m x f -> m x d,
/// every weight distinct (8 layers of BERT-base: 151 MB), so that, as in a
/// model and unlike a single GEMM run again and again, the weights come
/// from memory rather than a cache.
Case ffnCase(MLIRContext &ctx, int64_t m, int64_t d, int64_t f,
             int64_t layers) {
  Case c;
  c.name = "ffn " + std::to_string(layers) + " x (" + std::to_string(m) + "x" +
           std::to_string(d) + " -> " + std::to_string(f) + " -> " +
           std::to_string(d) + "), cold weights";
  c.flops = 4.0 * m * d * f * layers;
  c.input = f32(ctx, {m, d});
  c.output = f32(ctx, {m, d});
  RankedTensorType hidden = f32(ctx, {m, f}), out = c.output;
  c.body = [=](OpBuilder &b, Location loc, Value a) -> Value {
    for (int64_t l = 0; l < layers; ++l) {
      Value up = weight(b, loc, {d, f}, 100 + 2 * l);
      Value down = weight(b, loc, {f, d}, 101 + 2 * l);
      a = b.create<MatMulOp>(loc, out, b.create<MatMulOp>(loc, hidden, a, up),
                             down);
    }
    return a;
  };
  return c;
}

Case convCase(MLIRContext &ctx, const std::string &name, int64_t c_, int64_t hw,
              int64_t m, int64_t kernel, int64_t stride, int64_t group) {
  Case c;
  int64_t pad = kernel / 2, o = (hw + 2 * pad - kernel) / stride + 1;
  c.name = name;
  c.flops = 2.0 * m * o * o * (c_ / group) * kernel * kernel;
  c.bytes =
      4.0 * (c_ * hw * hw + m * (c_ / group) * kernel * kernel + m * o * o);
  c.input = f32(ctx, {1, c_, hw, hw});
  c.output = f32(ctx, {1, m, o, o});
  c.timeReference = group > 1;
  RankedTensorType out = c.output;
  c.body = [=](OpBuilder &b, Location loc, Value x) -> Value {
    Value w = weight(b, loc, {m, c_ / group, kernel, kernel}, 13);
    Value none = b.create<NoneOp>(loc, b.getNoneType());
    auto conv =
        b.create<ConvOp>(loc, out, x, w, none, /*auto_pad=*/StringAttr(),
                         /*dilations=*/ArrayAttr(),
                         group > 1 ? b.getI64IntegerAttr(group) : IntegerAttr(),
                         b.getI64ArrayAttr({kernel, kernel}),
                         b.getI64ArrayAttr({pad, pad, pad, pad}),
                         b.getI64ArrayAttr({stride, stride}));
    return conv.getY();
  };
  return c;
}

/// The last dim of \p v as an op reads it through \p perm (dim i of the
/// view is dim perm[i] of the tensor), or of \p v itself without one.
double viewedLastDim(Value v, std::optional<ArrayAttr> perm) {
  auto t = cast<RankedTensorType>(v.getType());
  int64_t dim = t.getRank() - 1;
  if (perm && static_cast<int64_t>(perm->size()) == t.getRank())
    dim = cast<IntegerAttr>((*perm)[dim]).getInt();
  return static_cast<double>(t.getDimSize(dim));
}

/// Multiply-adds x 2 of a packed, depthwise, matrix product or attention op
/// (0 for other ops). Attention counts its two products (M x N x D and
/// M x N x Dv per head), not its softmax.
double stepFlops(Operation *op) {
  auto type = [](Value v) { return cast<RankedTensorType>(v.getType()); };
  if (auto fa = dyn_cast<FusedAttentionOp>(op)) {
    double d = viewedLastDim(fa.getQ(), fa.getQPerm()),
           n = viewedLastDim(fa.getKT(), fa.getKtPerm()),
           dv = viewedLastDim(fa.getV(), fa.getVPerm());
    return dv > 0 ? 2.0 * type(fa.getY()).getNumElements() / dv * n * (d + dv)
                  : 0;
  }
  if (isa<MatMulOp, TransposedMatMulOp>(op)) {
    std::optional<ArrayAttr> aPerm;
    if (auto t = dyn_cast<TransposedMatMulOp>(op))
      aPerm = t.getAPerm();
    return 2.0 * type(op->getResult(0)).getNumElements() *
           viewedLastDim(op->getOperand(0), aPerm);
  }
  if (auto conv = dyn_cast<PackedConvOp>(op)) {
    auto w = type(conv.getW());
    return 2.0 * type(conv.getY()).getNumElements() * w.getDimSize(1);
  }
  if (auto wc = dyn_cast<WinogradConvOp>(op)) // the direct conv's: effective
    return 2.0 * type(wc.getY()).getNumElements() *
           type(wc.getW()).getDimSize(2) * 9;
  if (auto conv = dyn_cast<BlockedConvOp>(op)) {
    auto w = type(conv.getW());
    return 2.0 * type(conv.getY()).getNumElements() * w.getDimSize(1);
  }
  if (auto mm = dyn_cast<PackedMatMulOp>(op)) {
    auto w = type(mm.getW());
    return 2.0 * type(mm.getY()).getNumElements() * w.getDimSize(1);
  }
  if (auto dw = dyn_cast<DepthwiseConvOp>(op)) {
    auto w = type(dw.getW());
    return 2.0 * type(dw.getY()).getNumElements() * w.getDimSize(2) *
           w.getDimSize(3);
  }
  return 0;
}

/// --model: per-step medians of a whole model.
int runModel(MLIRContext &ctx, double peak) {
  OwningOpRef<ModuleOp> graph = frontend::importOnnxFile(ctx, modelPath);
  if (!graph)
    return 1;
  cpu::CpuOptions options;
  options.threads = modelThreads;
  options.disabledPasses.assign(disabledPasses.begin(), disabledPasses.end());
  auto model = cpu::JitModel::create(*graph, options);
  if (!model) {
    std::fprintf(stderr, "%s\n", llvm::toString(model.takeError()).c_str());
    return 1;
  }
  const cpu::Plan &plan = (*model)->getPlan();
  // Seeded random inputs as `kiln run` makes them: integers (token ids)
  // below the sizes the model indexes with them.
  auto bound = tool::bindInputs(plan.inputs, {}, /*seed=*/1, nullptr,
                                tool::inputIndexBounds(plan));
  if (!bound) {
    std::fprintf(stderr, "%s\n", llvm::toString(bound.takeError()).c_str());
    return 1;
  }
  std::vector<Tensor> inputs = std::move(*bound);
  std::vector<std::vector<double>> times(plan.steps.size());
  std::vector<double> totals;
  cpu::StepObserver observer = [&](const cpu::PlanStep &step,
                                   const std::vector<Tensor> &, double ms) {
    times[&step - plan.steps.data()].push_back(ms);
  };
  {
    RealtimeScope rt;
    for (int r = 0; r <= runs; ++r) {
      auto start = Clock::now();
      auto out = (*model)->run(inputs, r ? observer : cpu::StepObserver());
      if (!out) {
        std::fprintf(stderr, "%s\n", llvm::toString(out.takeError()).c_str());
        return 1;
      }
      if (r)
        totals.push_back(seconds(start, Clock::now()) * 1e3);
    }
  }
  std::printf("%s: %u thread(s), median %.2f ms per run (with per-step "
              "timing)\n",
              modelPath.c_str(), modelThreads.getValue(), median(totals));
  double sumMs = 0, sumFlops = 0;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const cpu::PlanStep &step = plan.steps[i];
    // Every op of the step: a product with a fused epilogue comes first.
    double ms = median(times[i]), flops = 0;
    for (Operation *op : step.ops)
      flops += stepFlops(op);
    sumMs += ms;
    sumFlops += flops;
    std::string shape;
    if (auto t =
            dyn_cast<RankedTensorType>(step.ops.back()->getResult(0).getType()))
      for (int64_t d : t.getShape())
        shape += (shape.empty() ? "" : "x") + std::to_string(d);
    std::printf("%4zu %-48s %-16s %8.3f ms", i, step.label.c_str(),
                shape.c_str(), ms);
    if (flops > 0)
      std::printf(" %7.1f GFLOP/s %5.1f%%", flops / ms / 1e6,
                  100 * flops / ms / 1e6 / peak);
    std::printf("%s\n", step.kind == cpu::PlanStep::Kind::Compiled
                            ? ""
                            : "  (reference step)");
  }
  std::printf(
      "sum of steps %.2f ms; convolutions, products and attention %.2f GFLOP "
      "at %.1f GFLOP/s overall\n",
      sumMs, sumFlops / 1e9, sumFlops / sumMs / 1e6);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::cl::HideUnrelatedOptions(benchCat);
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "kiln-bench: FMA peak, and compiled GEMM and convolutions as a "
      "fraction of it\n");
  if (!targetCpu.empty() || !targetFeatures.empty())
    if (llvm::Error e = cpu::setTarget(targetCpu, targetFeatures)) {
      std::fprintf(stderr, "kiln-bench: error: %s\n",
                   llvm::toString(std::move(e)).c_str());
      return 2;
    }
  if (llvm::Error e = cpu::checkTargetRunsHere()) {
    std::fprintf(stderr, "kiln-bench: error: %s\n",
                 llvm::toString(std::move(e)).c_str());
    return 2;
  }
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  auto [one, oneBest] = fmaPeak(1);
  auto [all, allBest] = fmaPeak(threads);
  Peaks peak{one, oneBest, all, allBest, threads};
  std::printf("fp32 FMA peak (%s, kernels for %s): 1 thread median %.1f "
              "GFLOP/s, best %.1f; %u threads median %.1f, best %.1f\n",
              cpu::hostTarget().vectorBits >= 512 ? "AVX-512" : "AVX2",
              cpu::hostTarget().describe().c_str(), peak.one, peak.oneBest,
              threads, peak.all, peak.allBest);
  if (peak.one <= 0) {
    std::printf("no AVX2/FMA: nothing to compare against\n");
    return 1;
  }

  DialectRegistry registry;
  registerKilnDialects(registry);
  frontend::registerFrontendDialects(registry);
  cpu::registerCpuBackendDialects(registry);
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  if (!modelPath.empty())
    return runModel(ctx, modelThreads == 1 ? peak.one : peak.all);

  std::vector<Case> cases = {
      matmulCase(ctx, 512, 512, 512),
      matmulCase(ctx, 3136, 64, 576),
      // A BERT-base encoder's projections at sequence 128: QKV, FFN in and
      // FFN out (skinny: 128 rows, weights of 7-9 MB).
      matmulCase(ctx, 128, 2304, 768),
      matmulCase(ctx, 128, 3072, 768),
      matmulCase(ctx, 128, 768, 3072),
      // ViT-B/16's FFN at 197 tokens (a 5-row tail tile, A of 2.4 MB at K =
      // 3072, more than a 2 MB L2).
      matmulCase(ctx, 197, 3072, 768),
      matmulCase(ctx, 197, 768, 3072),
      ffnCase(ctx, 128, 768, 3072, 8),
      convCase(ctx, "conv 3x3 64->64 56x56 (3136x64x576)", 64, 56, 64, 3, 1, 1),
      // ResNet-50's other 3x3 stages (Winograd where kiln-winograd's cost
      // model takes them; --disable-pass=kiln-winograd for the direct).
      convCase(ctx, "conv 3x3 128->128 28x28", 128, 28, 128, 3, 1, 1),
      convCase(ctx, "conv 3x3 256->256 14x14", 256, 14, 256, 3, 1, 1),
      convCase(ctx, "conv 3x3 512->512 7x7", 512, 7, 512, 3, 1, 1),
      convCase(ctx, "conv 1x1 256->64 56x56 (3136x64x256)", 256, 56, 64, 1, 1,
               1),
      // The expansion back: its 3.2 MB output outgrows L2 (the tiles
      // prefetch their output lines, MicroKernel::prefetchOut).
      convCase(ctx, "conv 1x1 64->256 56x56", 64, 56, 256, 1, 1, 1),
      // ResNet-50's last stage: 1x1 convs on a 7x7 plane (49 positions, 3
      // vectors of 16 and one more).
      convCase(ctx, "conv 1x1 2048->512 7x7", 2048, 7, 512, 1, 1, 1),
      convCase(ctx, "conv 1x1 512->2048 7x7", 512, 7, 2048, 1, 1, 1),
      // MobileNetV2's expansions on 14x14 and 7x7 planes: few input
      // channels (K = 96, 160), kiln-blocked-layout's NCHWc kernel.
      convCase(ctx, "conv 1x1 96->576 14x14", 96, 14, 576, 1, 1, 1),
      convCase(ctx, "conv 1x1 160->960 7x7", 160, 7, 960, 1, 1, 1),
      convCase(ctx, "depthwise 3x3 s1 1x144x56x56", 144, 56, 144, 3, 1, 144),
      convCase(ctx, "depthwise 3x3 s2 1x96x112x112", 96, 112, 96, 3, 2, 96),
      // EfficientNet-B0's 5x5 layers (the channel-blocked kernel).
      convCase(ctx, "depthwise 5x5 s1 1x240x28x28", 240, 28, 240, 5, 1, 240),
      convCase(ctx, "depthwise 5x5 s1 1x672x14x14", 672, 14, 672, 5, 1, 672),
  };
  for (const Case &c : cases)
    if (filter.empty() || c.name.find(filter) != std::string::npos)
      runCase(ctx, c, peak);
  return 0;
}
