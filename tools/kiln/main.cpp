//===- main.cpp - The kiln command-line tool ------------------------------===//
//
// `kiln <command> ...`: run, inspect, compile, compare, conformance,
// explain, profile, limits, cache and serve.
// Options are parsed with llvm::cl subcommands and gathered into one options
// struct per command; the commands live in their own files.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "Profile.h"

#include "kiln/cpu/CacheFolder.h"
#include "kiln/cpu/Target.h"
#include "kiln/passes/Passes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace llvm;

namespace {

cl::SubCommand runCmd("run", "Run a model and write its outputs");
cl::SubCommand inspectCmd("inspect", "Describe a model: inputs, outputs, ops, "
                                     "parameters, FLOPs, unsupported ops");
cl::SubCommand compileCmd("compile",
                          "Import a model and print a stage's IR, or build "
                          "a shared library and C header (-o libNAME.so)");
cl::SubCommand
    compareCmd("compare",
               "Run a model on the JIT and the interpreter and compare "
               "outputs and latency (--per-layer: every layer)");
cl::SubCommand
    conformanceCmd("conformance",
                   "Run ONNX backend test cases and count pass/fail");
cl::SubCommand
    explainCmd("explain",
               "Explain where a model's time goes, measured on this machine: "
               "a terminal summary, an HTML page (--html), every figure as "
               "JSON (--json)");

cl::SubCommand
    profileCmd("profile",
               "Time every compiled step of a model and place it on this "
               "machine's roofline (GFLOP/s, GB/s, compute- or memory-bound), "
               "beside the interpreter");
cl::SubCommand limitsCmd("limits",
                         "Print this machine's measured limits: FMA peak, "
                         "memory bandwidth, cache sizes (measured once, "
                         "cached)");

cl::SubCommand
    cacheCmd("cache",
             "Show the cache folder (compiled kernels and prepared models): "
             "where it is, what it holds, its size limit; --prune, --clear");

cl::SubCommand
    serveCmd("serve",
             "Serve models over HTTP with the Open Inference Protocol "
             "(KServe v2): health, metadata, inference (docs/serving.md)");
cl::OptionCategory kilnCat("kiln options");

// run
cl::opt<std::string> runModel(cl::Positional,
                              cl::desc("<model.onnx | libNAME.so>"),
                              cl::Required, cl::sub(runCmd));
cl::opt<std::string> runBackend(
    "backend",
    cl::desc("Backend: jit (compile to native code in-process, the "
             "default), interp (the reference interpreter) or aot (a "
             "library from kiln compile -o libNAME.so, the default for a "
             "path ending in .so; given a model, aot builds such a library "
             "in a temporary folder first)"),
    cl::value_desc("jit|interp|aot"), cl::init("jit"), cl::sub(runCmd),
    cl::sub(conformanceCmd), cl::cat(kilnCat));
cl::opt<unsigned>
    threads("threads",
            cl::desc("Threads for kernels and compilation (default 0: "
                     "all cores)"),
            cl::value_desc("N"), cl::init(0), cl::sub(runCmd),
            cl::sub(compileCmd), cl::sub(compareCmd), cl::sub(explainCmd),
            cl::sub(profileCmd), cl::sub(limitsCmd), cl::cat(kilnCat));
cl::opt<bool> noCache(
    "no-cache",
    cl::desc("Compile even if the kernel cache has this model (and do not "
             "write the cache)"),
    cl::sub(runCmd), cl::sub(compileCmd), cl::sub(compareCmd),
    cl::sub(explainCmd), cl::sub(profileCmd), cl::sub(serveCmd),
    cl::cat(kilnCat));
cl::opt<std::string> cacheDir(
    "cache-dir",
    cl::desc("Cache folder of compiled kernels and prepared models "
             "(default: $XDG_CACHE_HOME/kiln, else ~/.cache/kiln; kept under "
             "$KILN_CACHE_MAX_SIZE, 5G unless set: kiln cache)"),
    cl::value_desc("DIR"), cl::sub(runCmd), cl::sub(compileCmd),
    cl::sub(compareCmd), cl::sub(explainCmd), cl::sub(profileCmd),
    cl::sub(limitsCmd), cl::sub(serveCmd), cl::sub(cacheCmd), cl::cat(kilnCat));
cl::opt<std::string> targetCpu("cpu", cl::desc(kiln::cpu::kCpuOptionHelp),
                               cl::value_desc("NAME"), cl::sub(runCmd),
                               cl::sub(compileCmd), cl::sub(compareCmd),
                               cl::sub(explainCmd), cl::sub(conformanceCmd),
                               cl::sub(profileCmd), cl::sub(limitsCmd),
                               cl::cat(kilnCat));
cl::opt<std::string>
    targetFeatures("cpu-features", cl::desc(kiln::cpu::kCpuFeaturesOptionHelp),
                   cl::value_desc("+NAME,-NAME"), cl::sub(runCmd),
                   cl::sub(compileCmd), cl::sub(compareCmd),
                   cl::sub(explainCmd), cl::sub(conformanceCmd),
                   cl::sub(profileCmd), cl::sub(limitsCmd), cl::cat(kilnCat));
cl::list<std::string> disablePasses(
    "disable-pass",
    // The pass list is appended in main(), from the pipeline itself.
    cl::desc("Leave this pass out of the graph optimization pipeline, to "
             "measure what it buys (repeatable or comma-separated)"),
    cl::value_desc("NAME"), cl::CommaSeparated, cl::sub(runCmd),
    cl::sub(compileCmd), cl::sub(compareCmd), cl::sub(explainCmd),
    cl::sub(profileCmd), cl::cat(kilnCat));
cl::opt<unsigned> optLevel(
    "O",
    cl::desc("Optimization level (jit and aot), -O0 to -O3: -O0 skips the "
             "graph passes and has LLVM optimize least (fastest compile, "
             "slow code); -O1 and -O2 (the default) run the graph passes and "
             "Kiln's short LLVM pipeline for kernels that come vectorized, "
             "with LLVM's code generation at its O1 or O2 effort; -O3, "
             "LLVM's whole O3 pipeline, loop unrolling included"),
    cl::value_desc("0-3"), cl::Prefix, cl::init(2), cl::sub(runCmd),
    cl::sub(compileCmd), cl::sub(compareCmd), cl::sub(explainCmd),
    cl::sub(profileCmd), cl::cat(kilnCat));
cl::list<std::string>
    runInputs("input", cl::desc("Input data from a .npy file (repeatable)"),
              cl::value_desc("NAME=FILE.npy"), cl::sub(runCmd),
              cl::cat(kilnCat));
cl::list<std::string>
    shapes("shape",
           cl::desc("Shape for an input, e.g. input=1x3x224x224 "
                    "(repeatable): fills its dynamic dims, or re-specializes "
                    "a model exported at another batch (docs/shapes.md)"),
           cl::value_desc("NAME=DIMS"), cl::sub(runCmd), cl::sub(inspectCmd),
           cl::sub(compileCmd), cl::sub(compareCmd), cl::sub(explainCmd),
           cl::sub(profileCmd), cl::cat(kilnCat));
cl::opt<uint64_t> runSeed(
    "seed",
    cl::desc("Seed of random inputs; input i uses seed+i (floats uniform "
             "in [-1,1), integers in [0,10), or below the smallest size an "
             "input indexes; an integer input named *mask* is all ones)"),
    cl::init(0), cl::sub(runCmd), cl::cat(kilnCat));
cl::opt<std::string>
    runOutputDir("output-dir", cl::desc("Write every output as DIR/<name>.npy"),
                 cl::value_desc("DIR"), cl::sub(runCmd), cl::cat(kilnCat));
cl::opt<std::string> runTrace(
    "trace",
    cl::desc("Write the timed runs as Chrome trace-event JSON to FILE: one "
             "span per step (op, nodes, shapes, bytes and FLOPs) and per "
             "run; jit and interp "
             "backends; load it in ui.perfetto.dev or chrome://tracing"),
    cl::value_desc("FILE"), cl::sub(runCmd), cl::cat(kilnCat));
// run: timing statistics, JSON and flush-to-zero (Stats.h, FloatMode.h).
cl::opt<unsigned> runRuns(
    "runs",
    cl::desc("Time the first (cold) run apart, then N more, and report their "
             "min, median, p90, p99 (nearest-rank) and max (default 10); "
             "--runs 1 runs once, cold"),
    cl::value_desc("N"), cl::init(10), cl::sub(runCmd), cl::cat(kilnCat));
cl::opt<bool> runJson(
    "json",
    cl::desc("Print the report (model, backend, inputs, outputs, prepare "
             "stages, run statistics) as one JSON object on stdout"),
    cl::sub(runCmd), cl::cat(kilnCat));
cl::opt<bool> runFlushDenormals(
    "flush-denormals",
    cl::desc("Flush subnormal floats to zero (FTZ and DAZ) on every thread "
             "that runs a step (jit and interp): faster on CPUs that are slow "
             "on subnormals; values below 1.2e-38 (f32) become 0"),
    cl::sub(runCmd), cl::cat(kilnCat));
cl::opt<bool> verbose("v", cl::desc("Print progress of each stage on stderr"),
                      cl::sub(runCmd), cl::sub(compileCmd), cl::cat(kilnCat));

// inspect
cl::opt<std::string> inspectModel(cl::Positional, cl::desc("<model.onnx>"),
                                  cl::Required, cl::sub(inspectCmd));

// compile
cl::opt<std::string> compileModel(cl::Positional, cl::desc("<model.onnx>"),
                                  cl::Required, cl::sub(compileCmd));
cl::opt<std::string> emit(
    "emit",
    cl::desc("Stage to print: kiln (the imported IR), optimized (after the "
             "graph passes), plan (compiled and reference steps), linalg "
             "(kernels in upstream dialects), llvm-dialect, llvm (LLVM IR "
             "after optimization), asm (default: kiln; with -o libNAME.so and "
             "no --emit, a library is built)"),
    cl::init("kiln"), cl::sub(compileCmd), cl::cat(kilnCat));
cl::opt<std::string>
    output("o",
           cl::desc("Output file (default: stdout). Without --emit, -o must "
                    "name a library, DIR/libNAME.so, which is built with the "
                    "C header DIR/STEM.h; NAME is the file name without "
                    "\"lib\" and \".so\"; STEM is NAME without leading "
                    "characters other than letters, digits and _, other "
                    "characters but - and . made _; the API's C prefix is "
                    "NAME with each run of characters other than letters and "
                    "digits made one _, none at either end, model_ before a "
                    "digit (lib-my.model.so: my.model.h, my_model_run). "
                    "Names of system libraries (libm.so, libc.so...), "
                    "Kiln's own and prefixes kiln_... are refused"),
           cl::value_desc("FILE"), cl::init("-"), cl::sub(compileCmd),
           cl::cat(kilnCat));
cl::opt<bool> keepWeights(
    "keep-weights",
    cl::desc("Print weight blobs in full (default: elided, so the IR stays "
             "readable; keep them to get IR kiln-opt can run)"),
    cl::sub(compileCmd), cl::cat(kilnCat));
cl::opt<bool> weightsFile(
    "weights-file",
    cl::desc("With -o libNAME.so: write the weights to DIR/NAME.weights, "
             "loaded by NAME_init(path), instead of embedding them"),
    cl::sub(compileCmd), cl::cat(kilnCat));

cl::opt<bool> printIrAfterAll(
    "print-ir-after-all",
    cl::desc("Print the graph IR after every graph pass on stderr, each "
             "under a header naming the pass (weights elided)"),
    cl::sub(compileCmd), cl::cat(kilnCat));
cl::opt<bool> keepSource(
    "keep-source",
    cl::desc("With -o libNAME.so: also keep the generated C driver as "
             "DIR/NAME.c (for reading; it does not build on its own)"),
    cl::sub(compileCmd), cl::cat(kilnCat));

// compare
cl::opt<std::string> cmpModel(cl::Positional, cl::desc("<model.onnx>"),
                              cl::Required, cl::sub(compareCmd));
cl::list<std::string>
    cmpInputs("input", cl::desc("Input data from a .npy file (repeatable)"),
              cl::value_desc("NAME=FILE.npy"), cl::sub(compareCmd),
              cl::cat(kilnCat));
cl::opt<uint64_t>
    cmpSeed("seed",
            cl::desc("Seed of random inputs, as kiln run: input i uses seed+i"),
            cl::init(0), cl::sub(compareCmd), cl::cat(kilnCat));
cl::opt<unsigned> cmpRuns(
    "runs",
    cl::desc("Timed runs per backend, after a first (cold) run timed "
             "apart; latencies are medians, the JIT at its threads and at 1 "
             "thread (default 5)"),
    cl::value_desc("N"), cl::init(5), cl::sub(compareCmd), cl::cat(kilnCat));
cl::opt<bool> cmpJson("json", cl::desc("Print the report as one JSON object"),
                      cl::sub(compareCmd), cl::cat(kilnCat));
cl::opt<bool> cmpPerLayer(
    "per-layer",
    cl::desc("Also compare the results and times of every JIT step with "
             "the interpreter ops it covers, marking the first diverging "
             "and the 5 slowest"),
    cl::sub(compareCmd), cl::cat(kilnCat));
cl::opt<double> cmpRtol(
    "rtol",
    cl::desc("Relative tolerance: floats pass when |jit - interp| <= atol "
             "+ rtol * |interp| (default 1e-3); integers and bools must "
             "match exactly"),
    cl::value_desc("X"), cl::init(1e-3), cl::sub(compareCmd), cl::cat(kilnCat));
cl::opt<double> cmpAtol("atol", cl::desc("Absolute tolerance (default 1e-4)"),
                        cl::value_desc("Y"), cl::init(1e-4),
                        cl::sub(compareCmd), cl::cat(kilnCat));
cl::opt<std::string> cmpBackends(
    "backends",
    cl::desc("Backends to run: interp (the reference) and jit, and aot to "
             "add a library built in a temporary folder as kiln run "
             "--backend=aot builds it (default interp,jit)"),
    cl::value_desc("interp,jit[,aot]"), cl::init("interp,jit"),
    cl::sub(compareCmd), cl::cat(kilnCat));
// compare --ablate and --bisect (Ablate.h)
cl::opt<bool> cmpAblate(
    "ablate",
    cl::desc("Time the JIT with each optimization turned off in turn (each "
             "optimization pass of the graph pipeline, threading, the parts "
             "of a batch side by side, LLVM's -O level, in-place Concats) "
             "beside the full pipeline, in "
             "alternating rounds (--runs N), each checked against the "
             "interpreter. Compiles the model once per variant (kernels the "
             "full pipeline shares come from the cache): expect several "
             "compiles' time"),
    cl::sub(compareCmd), cl::cat(kilnCat));
cl::opt<bool> cmpBisect(
    "bisect",
    cl::desc("When the JIT's outputs differ from the interpreter's, find the "
             "first pass of the pipeline that makes them differ (compiling "
             "the model with the first 0, 1, 2... passes), then the first "
             "layer that differs, and print a command that shows it"),
    cl::sub(compareCmd), cl::cat(kilnCat));
cl::opt<std::string> cmpBrokenPassAfter(
    "test-broken-pass-after",
    cl::desc("Tests only: run kiln-test-perturb, which breaks the graph on "
             "purpose, right after the pipeline pass NAME"),
    cl::value_desc("NAME"), cl::Hidden, cl::sub(compareCmd), cl::cat(kilnCat));
cl::opt<int64_t> cmpSplitBatchCacheBytes(
    "test-split-batch-cache-bytes",
    cl::desc("Tests only: the L2 size kiln-split-batch assumes (a few bytes "
             "make it split every run of ops it can); 0: the host's"),
    cl::init(0), cl::value_desc("N"), cl::Hidden, cl::sub(compareCmd),
    cl::sub(profileCmd), cl::cat(kilnCat));

// explain
cl::opt<std::string> explainModel(cl::Positional, cl::desc("<model.onnx>"),
                                  cl::Optional, cl::sub(explainCmd));
cl::list<std::string>
    explainInputs("input", cl::desc("Input data from a .npy file (repeatable)"),
                  cl::value_desc("NAME=FILE.npy"), cl::sub(explainCmd),
                  cl::cat(kilnCat));
cl::opt<uint64_t> explainSeed(
    "seed", cl::desc("Seed of random inputs, as kiln run: input i uses seed+i"),
    cl::init(0), cl::sub(explainCmd), cl::cat(kilnCat));
cl::opt<unsigned> explainRuns(
    "runs",
    cl::desc("Timed runs of each measurement, after a warm-up run; times are "
             "medians (default 20)"),
    cl::value_desc("N"), cl::init(20), cl::sub(explainCmd), cl::cat(kilnCat));
cl::opt<std::string> explainHtml(
    "html",
    cl::desc("Write the report as one self-contained HTML page (inline SVG "
             "plots, no script, no network)"),
    cl::value_desc("FILE"), cl::sub(explainCmd), cl::cat(kilnCat));
cl::opt<std::string>
    explainJson("json", cl::desc("Write every figure of the report as JSON"),
                cl::value_desc("FILE"), cl::sub(explainCmd), cl::cat(kilnCat));
cl::opt<std::string> explainFromJson(
    "from-json",
    cl::desc("Measure nothing: render the report a --json run saved in FILE "
             "(the summary, and --html / --json again)"),
    cl::value_desc("FILE"), cl::sub(explainCmd), cl::cat(kilnCat));
cl::list<std::string> explainSkip(
    "skip",
    cl::desc("Leave sections out to save time (comma-separated): profile "
             "(per-layer table, roofline, estimates; runs the interpreter), "
             "ablation (compiles the model once per optimization), denormals, "
             "scaling (threads, and batch 1-8: a compile per batch)"),
    cl::value_desc("SECTION"), cl::CommaSeparated, cl::sub(explainCmd),
    cl::cat(kilnCat));

// conformance
cl::list<std::string>
    confDirs(cl::Positional,
             cl::desc("[DIR...] (default: the node, pytorch-converted, "
                      "pytorch-operator and simple cases of libonnx-testdata)"),
             cl::sub(conformanceCmd));
cl::opt<bool> confList("list", cl::desc("Print every case and its result"),
                       cl::sub(conformanceCmd), cl::cat(kilnCat));
cl::opt<unsigned> confJobs("j",
                           cl::desc("Cases run in parallel (default: cores)"),
                           cl::init(0), cl::sub(conformanceCmd),
                           cl::cat(kilnCat));
cl::opt<unsigned> confTimeout("timeout",
                              cl::desc("Seconds before a case counts as hung"),
                              cl::init(120), cl::sub(conformanceCmd),
                              cl::cat(kilnCat));
cl::opt<std::string> confExpect(
    "expect",
    cl::desc("Fail if a case FILE lists as 'pass' in the --backend column "
             "does not pass"),
    cl::value_desc("FILE"), cl::sub(conformanceCmd), cl::cat(kilnCat));
cl::opt<std::string> confWriteExpect(
    "write-expect",
    cl::desc("Write every case's result into the --backend column of FILE "
             "(other columns are kept)"),
    cl::value_desc("FILE"), cl::sub(conformanceCmd), cl::cat(kilnCat));
cl::opt<std::string> confFilter(
    "filter", cl::desc("Only cases whose category/name contains TEXT"),
    cl::value_desc("TEXT"), cl::sub(conformanceCmd), cl::cat(kilnCat));
cl::opt<unsigned> confEvery(
    "every",
    cl::desc("Run a sample: every N-th case of the sorted list (after "
             "--filter), starting with the first (default: 1, all)"),
    cl::value_desc("N"), cl::init(1), cl::sub(conformanceCmd),
    cl::cat(kilnCat));

// profile and limits (Profile.h): every option of theirs is in this block.
cl::opt<std::string> profModel(cl::Positional, cl::desc("<model.onnx>"),
                               cl::Required, cl::sub(profileCmd));
cl::list<std::string>
    profInputs("input", cl::desc("Input data from a .npy file (repeatable)"),
               cl::value_desc("NAME=FILE.npy"), cl::sub(profileCmd),
               cl::cat(kilnCat));
cl::opt<uint64_t> profSeed(
    "seed", cl::desc("Seed of random inputs, as kiln run: input i uses seed+i"),
    cl::init(0), cl::sub(profileCmd), cl::cat(kilnCat));
cl::opt<unsigned> profRuns(
    "runs",
    cl::desc("Timed runs: the JIT's whole runs (after one warm-up), then "
             "runs of both backends timed step by step; times are medians "
             "(default 5)"),
    cl::value_desc("N"), cl::init(5), cl::sub(profileCmd), cl::cat(kilnCat));
cl::opt<unsigned>
    profTop("top",
            cl::desc("Steps listed, slowest first; the others are summed on "
                     "one line (default 10)"),
            cl::value_desc("N"), cl::init(10), cl::sub(profileCmd),
            cl::cat(kilnCat));
cl::opt<bool>
    profJson("json",
             cl::desc("Print every figure as one JSON object (every step)"),
             cl::sub(profileCmd), cl::sub(limitsCmd), cl::sub(cacheCmd),
             cl::cat(kilnCat));
cl::opt<bool> limitsRemeasure(
    "remeasure",
    cl::desc("Measure again (about a second) even if the cache folder has "
             "this machine's figures, and keep the new ones"),
    cl::sub(limitsCmd), cl::cat(kilnCat));

cl::opt<bool> cacheClear(
    "clear",
    cl::desc("Remove every entry (the machine limits of kiln limits and "
             "writes in progress stay)"),
    cl::sub(cacheCmd), cl::cat(kilnCat));
cl::opt<bool> cachePrune(
    "prune",
    cl::desc("Remove the least recently used entries until the folder holds "
             "at most 90% of its limit (every write does this too)"),
    cl::sub(cacheCmd), cl::cat(kilnCat));

/// Warns, once, when $KILN_CACHE_MAX_SIZE is malformed and the caches keep
/// to the default limit instead.
void checkCacheLimit() {
  static bool checked = false;
  if (checked || noCache)
    return;
  checked = true;
  if (auto limit = kiln::cpu::cacheSizeLimit(); !limit)
    errs() << "kiln: warning: " << toString(limit.takeError())
           << "; the cache folder keeps to the default limit, "
           << (kiln::cpu::kDefaultCacheMaxBytes >> 30) << " GiB\n";
}

/// \p base with the compiled backend's flags shared by the commands:
/// --threads, --no-cache, --cache-dir, --disable-pass, -O, and a kernel
/// counter on a terminal.
kiln::cpu::CpuOptions cpuOptionsFromFlags(kiln::cpu::CpuOptions base = {}) {
  base.threads = threads;
  base.useCache = !noCache;
  base.cacheDir = cacheDir;
  base.disabledPasses.assign(disablePasses.begin(), disablePasses.end());
  base.optLevel = optLevel;
  base.onProgress = kiln::tool::kernelCounter();
  checkCacheLimit();
  return base;
}

/// `kiln profile` or `kiln limits` when one was given, else -1.
int runProfileCommands() {
  using namespace kiln::tool;
  if (profileCmd) {
    ProfileOptions o;
    o.model = profModel;
    o.inputs.assign(profInputs.begin(), profInputs.end());
    o.shapes.assign(shapes.begin(), shapes.end());
    o.seed = profSeed;
    o.runs = profRuns;
    o.top = profTop;
    o.json = profJson;
    o.cpu = cpuOptionsFromFlags();
    o.cpu.testSplitBatchCacheBytes = cmpSplitBatchCacheBytes;
    return profileCommand(o);
  }
  if (cacheCmd) {
    CacheOptions o;
    o.cacheDir = cacheDir;
    o.clear = cacheClear;
    o.prune = cachePrune;
    o.json = profJson;
    return cacheCommand(o);
  }
  if (limitsCmd) {
    LimitsOptions o;
    o.threads = threads;
    o.cacheDir = cacheDir;
    o.json = profJson;
    o.remeasure = limitsRemeasure;
    return limitsCommand(o);
  }
  return -1;
}

// serve (Serve.cpp): every option of its is in this block.
cl::list<std::string> serveModels(cl::Positional,
                                  cl::desc("<[NAME=]model.onnx>..."),
                                  cl::OneOrMore, cl::sub(serveCmd));
cl::opt<std::string>
    serveBackend("backend",
                 cl::desc("Backend: jit (the default) or interp (the "
                          "reference interpreter, one request at a time)"),
                 cl::value_desc("jit|interp"), cl::init("jit"),
                 cl::sub(serveCmd), cl::cat(kilnCat));
cl::opt<std::string> serveHost(
    "host",
    cl::desc("Address to listen on (default 127.0.0.1: this machine only; "
             "0.0.0.0 for every interface, as in a container)"),
    cl::value_desc("ADDRESS"), cl::init("127.0.0.1"), cl::sub(serveCmd),
    cl::cat(kilnCat));
cl::opt<unsigned>
    servePort("port",
              cl::desc("Port to listen on (default 8000; 0 picks a free "
                       "one, printed at start-up)"),
              cl::value_desc("N"), cl::init(8000), cl::sub(serveCmd),
              cl::cat(kilnCat));
cl::opt<unsigned> serveWorkers(
    "workers",
    cl::desc("Requests run at once, each on its own executor (default 0: "
             "one per core)"),
    cl::value_desc("N"), cl::init(0), cl::sub(serveCmd), cl::cat(kilnCat));
cl::opt<unsigned> serveThreads(
    "threads",
    cl::desc("Kernel threads of each request (default 0: the cores divided "
             "among the workers, at least 1; --workers 1 --threads N for "
             "the lowest latency, --workers N --threads 1 for the most "
             "requests per second)"),
    cl::value_desc("N"), cl::init(0), cl::sub(serveCmd), cl::cat(kilnCat));
cl::opt<unsigned> serveQueue(
    "queue",
    cl::desc("Requests that may wait for a free worker; further ones get "
             "503 at once (default 64)"),
    cl::value_desc("N"), cl::init(64), cl::sub(serveCmd), cl::cat(kilnCat));
cl::opt<uint64_t> serveMaxBody(
    "max-body-bytes",
    cl::desc("Larger request bodies get 413 (default 67108864: 64 MiB)"),
    cl::value_desc("N"), cl::init(64ull << 20), cl::sub(serveCmd),
    cl::cat(kilnCat));
cl::opt<unsigned> serveDrain(
    "drain-seconds",
    cl::desc("On SIGTERM or SIGINT, how long the requests in flight may "
             "take before the server exits anyway (default 25)"),
    cl::value_desc("N"), cl::init(25), cl::sub(serveCmd), cl::cat(kilnCat));
cl::opt<unsigned> serveMaxVariants(
    "max-variants",
    cl::desc("A model whose inputs have dynamic dims (batch, seq) is "
             "compiled for each set of input shapes it is asked to run with; "
             "keep this many per model, the least recently used going first "
             "(default 8)"),
    cl::value_desc("N"), cl::init(8), cl::sub(serveCmd), cl::cat(kilnCat));
cl::opt<unsigned> serveTestDelay(
    "test-run-delay-ms",
    cl::desc("Tests only: every run waits N ms in its worker slot first"),
    cl::value_desc("N"), cl::init(0), cl::Hidden, cl::sub(serveCmd),
    cl::cat(kilnCat));

/// `kiln serve` when it was given, else -1.
int runServeCommand() {
  if (!serveCmd)
    return -1;
  kiln::tool::ServeOptions o;
  o.models.assign(serveModels.begin(), serveModels.end());
  o.backend = serveBackend;
  o.host = serveHost;
  o.port = servePort;
  o.workers = serveWorkers;
  o.threads = serveThreads;
  o.queue = serveQueue;
  o.maxBodyBytes = serveMaxBody;
  o.drainSeconds = serveDrain;
  o.cpu.useCache = !noCache;
  o.cpu.cacheDir = cacheDir;
  checkCacheLimit();
  o.testRunDelayMs = serveTestDelay;
  o.maxVariants = serveMaxVariants;
  o.cpu.onProgress = kiln::tool::kernelCounter();
  return kiln::tool::serveCommand(o);
}

/// Parses compare's --backends: interp and jit, each once, and optionally
/// aot (sets \p aot); reports and returns false otherwise.
bool parseCompareBackends(StringRef list, bool &aot) {
  SmallVector<StringRef> names;
  list.split(names, ',');
  std::set<std::string> seen;
  for (StringRef name : names) {
    name = name.trim();
    if (name != "interp" && name != "jit" && name != "aot") {
      errs() << "kiln: error: --backends: unknown backend '" << name
             << "'; expected interp, jit or aot\n";
      return false;
    }
    if (!seen.insert(name.str()).second) {
      errs() << "kiln: error: --backends names '" << name << "' twice\n";
      return false;
    }
  }
  if (!seen.count("interp") || !seen.count("jit")) {
    errs() << "kiln: error: --backends must name interp (the reference) and "
              "jit, and may add aot\n";
    return false;
  }
  aot = seen.count("aot") != 0;
  return true;
}

} // namespace

static int runCommandLine(int argc, char **argv);

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // A model may ask for more memory than the machine has (an input of
  // 2^31 elements): one error line, not an abort.
  try {
    return runCommandLine(argc, argv);
  } catch (const std::bad_alloc &) {
    errs() << "kiln: error: out of memory: an allocation failed (a tensor of "
              "the model, or random data for an input, is larger than this "
              "machine can hold)\n";
    return 1;
  }
}

static int runCommandLine(int argc, char **argv) {
  cl::HideUnrelatedOptions(kilnCat);
  // --help names the pipeline's passes as the pipeline declares them.
  static const std::string disableHelp =
      (disablePasses.HelpStr + "; the passes, in order: " +
       llvm::join(kiln::optimizationPassNames(), ", "))
          .str();
  disablePasses.setDescription(disableHelp);
  cl::SetVersionPrinter([](raw_ostream &os) {
    os << "Kiln 0.1.0 (LLVM/MLIR " << LLVM_VERSION_STRING << ")\n";
  });
  cl::ParseCommandLineOptions(
      argc, argv,
      "Kiln: a graph-compiling inference runtime\n\n"
      "  kiln run MODEL [--backend=jit|interp] [--input NAME=FILE.npy] "
      "[--shape NAME=DIMS] [--seed N] [--output-dir DIR] [--threads N] "
      "[--runs N] [--json] [--flush-denormals]\n"
      "  kiln run DIR/libNAME.so [--input NAME=FILE.npy] [--output-dir DIR]\n"
      "  kiln inspect MODEL\n"
      "  kiln compile MODEL --emit=STAGE [-o FILE]\n"
      "  kiln compile MODEL -o DIR/libNAME.so [--shape NAME=DIMS] "
      "[--weights-file]\n"
      "  kiln compare MODEL [--backends interp,jit,aot] [--per-layer] "
      "[--json] [--runs N] [--rtol X --atol Y]\n"
      "  kiln compare MODEL --ablate [--runs N] [--json]\n"
      "  kiln compare MODEL --bisect [--json]\n"
      "  kiln conformance [DIR...] [--backend=jit|interp|aot] [--list] "
      "[--filter TEXT] [--every N] [--expect FILE]\n"
      "  kiln profile MODEL [--json] [--runs N] [--threads N] [--top N]\n"
      "  kiln limits [--json] [--remeasure] [--threads N]\n"
      "  kiln cache [--prune | --clear] [--json] [--cache-dir DIR]\n"
      "  kiln explain MODEL [--input NAME=FILE.npy] [--html FILE] "
      "[--json FILE] [--skip SECTION,...]\n"
      "  kiln explain --from-json REPORT.json [--html FILE]\n"
      "  kiln serve [NAME=]MODEL... [--port N] [--workers N] [--threads N] "
      "[--max-variants N]\n\n"
      "Use 'kiln <command> --help' for a command's options.\n");
  using namespace kiln::tool;
  std::vector<StringRef> known = kiln::optimizationPassNames();
  for (const std::string &name : disablePasses)
    if (!llvm::is_contained(known, name)) {
      errs() << "kiln: error: --disable-pass: unknown pass '" << name
             << "'; expected one of " << llvm::join(known, ", ") << "\n";
      return 1;
    }
  if (optLevel > 3) {
    errs() << "kiln: error: -O" << optLevel
           << ": unknown optimization level; expected -O0, -O1, -O2 or -O3\n";
    return 1;
  }
  if (!targetCpu.empty() || !targetFeatures.empty())
    if (llvm::Error e = kiln::cpu::setTarget(targetCpu, targetFeatures)) {
      errs() << "kiln: error: " << toString(std::move(e)) << "\n";
      return 1;
    }
  if (runCmd) {
    RunOptions o;
    o.model = runModel;
    o.backend = runBackend;
    if (!runBackend.getNumOccurrences() && StringRef(runModel).ends_with(".so"))
      o.backend = "aot";
    o.inputs.assign(runInputs.begin(), runInputs.end());
    o.shapes.assign(shapes.begin(), shapes.end());
    o.seed = runSeed;
    o.outputDir = runOutputDir;
    o.runs = runRuns;
    o.json = runJson;
    o.flushDenormals = runFlushDenormals;
    o.cpu.flushDenormals = runFlushDenormals;
    o.traceFile = runTrace;
    o.verbose = verbose;
    o.cpu = cpuOptionsFromFlags(o.cpu);
    return runCommand(o);
  }
  if (inspectCmd) {
    InspectOptions o;
    o.model = inspectModel;
    o.shapes.assign(shapes.begin(), shapes.end());
    return inspectCommand(o);
  }
  if (compileCmd) {
    CompileOptions o;
    o.model = compileModel;
    o.emit = emit.getNumOccurrences() ? std::string(emit) : "";
    o.output = output;
    o.shapes.assign(shapes.begin(), shapes.end());
    o.keepWeights = keepWeights;
    o.weightsFile = weightsFile;
    o.keepSource = keepSource;
    o.printIrAfterAll = printIrAfterAll;
    o.cpu = cpuOptionsFromFlags(o.cpu);
    o.verbose = verbose;
    return compileCommand(o);
  }
  if (compareCmd) {
    CompareOptions o;
    o.model = cmpModel;
    o.inputs.assign(cmpInputs.begin(), cmpInputs.end());
    o.shapes.assign(shapes.begin(), shapes.end());
    o.seed = cmpSeed;
    o.runs = cmpRuns;
    o.json = cmpJson;
    o.perLayer = cmpPerLayer;
    if (!parseCompareBackends(cmpBackends, o.aot))
      return 1;
    o.rtol = cmpRtol;
    o.atol = cmpAtol;
    o.cpu = cpuOptionsFromFlags(o.cpu);
    // --ablate and --bisect
    o.ablate = cmpAblate;
    o.bisect = cmpBisect;
    o.targetCpu = targetCpu;
    o.targetFeatures = targetFeatures;
    if (!cmpBrokenPassAfter.empty() &&
        !llvm::is_contained(known, cmpBrokenPassAfter.getValue())) {
      errs() << "kiln: error: --test-broken-pass-after: unknown pass '"
             << cmpBrokenPassAfter << "'; expected one of "
             << llvm::join(known, ", ") << "\n";
      return 1;
    }
    o.cpu.testBrokenPassAfter = cmpBrokenPassAfter;
    o.cpu.testSplitBatchCacheBytes = cmpSplitBatchCacheBytes;
    return compareCommand(o);
  }
  if (int status = runProfileCommands(); status >= 0)
    return status;
  if (int status = runServeCommand(); status >= 0)
    return status;
  if (conformanceCmd) {
    ConformanceOptions o;
    o.dirs.assign(confDirs.begin(), confDirs.end());
    o.backend = runBackend;
    o.list = confList;
    o.jobs = confJobs;
    o.timeoutSeconds = confTimeout;
    o.expectFile = confExpect;
    o.writeExpectFile = confWriteExpect;
    o.filter = confFilter;
    o.every = confEvery;
    return conformanceCommand(o);
  }
  if (explainCmd) {
    if (explainModel.empty() == explainFromJson.empty()) {
      errs() << "kiln: error: "
             << (explainModel.empty()
                     ? "expected a model, or --from-json REPORT.json"
                     : "--from-json renders a saved report: give it or a "
                       "model, not both")
             << "\n";
      return 1;
    }
    ExplainOptions o;
    o.model = explainModel;
    o.inputs.assign(explainInputs.begin(), explainInputs.end());
    o.shapes.assign(shapes.begin(), shapes.end());
    o.seed = explainSeed;
    o.runs = explainRuns;
    o.htmlFile = explainHtml;
    o.jsonFile = explainJson;
    o.fromJson = explainFromJson;
    o.skip.assign(explainSkip.begin(), explainSkip.end());
    o.cpu = cpuOptionsFromFlags(o.cpu);
    return explainCommand(o);
  }
  errs() << "kiln: error: expected a command: run, inspect, compile, "
            "compare, conformance, profile, limits, explain or serve (see kiln "
            "--help)\n";
  return 1;
}
