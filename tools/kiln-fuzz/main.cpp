//===- main.cpp - kiln-fuzz-graphs: differential testing of random graphs -===//
//
// Generates a random valid ONNX graph per seed (Generator.h), runs each on
// the interpreter and compares the JIT and AOT results with it (Runner.h),
// every graph in its own forked child with a time limit, several at a time.
// Each finding (a mismatch, an error on one backend only, a crash or a hang)
// is minimized (Minimizer.h) and written to --out as a small .onnx with a
// one-line reproduction command. Ends with the line "N passed, N failed,
// N skipped" (skipped: graphs the importer or the interpreter refused, which
// the generator should never make) and the number of graphs per op family.
//
// With --control-flow each graph's ops run inside a Loop or an If
// (ControlFlowWrap.cpp), compared on the JIT.
//
// The kernel cache is private to each child (a temporary folder removed at
// the end), so the user's cache is not flooded; the AOT build of a graph
// takes the JIT's compiled kernels from it and costs about a link.
//
//===----------------------------------------------------------------------===//
#include "ChildPool.h"
#include "FileWriter.h"
#include "Generator.h"
#include "Minimizer.h"
#include "Runner.h"

#include "kiln/cpu/Target.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include <unistd.h>

using namespace llvm;
using namespace kiln;
using namespace kiln::fuzz;

namespace {

cl::OptionCategory fuzzCat("kiln-fuzz-graphs options");

cl::opt<std::string>
    seedsOpt("seeds", cl::desc("Seeds to run, inclusive (default 0..99)"),
             cl::value_desc("A..B"), cl::cat(fuzzCat));
cl::opt<uint64_t> seedStart("seed-start", cl::desc("First seed (with --count)"),
                            cl::init(0), cl::cat(fuzzCat));
cl::opt<uint64_t> countOpt("count", cl::desc("Number of seeds (default 100)"),
                           cl::init(100), cl::cat(fuzzCat));
cl::opt<unsigned>
    jobsOpt("jobs", cl::desc("Graphs checked at a time (default: all cores)"),
            cl::init(0), cl::cat(fuzzCat));
cl::opt<std::string> backendsOpt(
    "backends",
    cl::desc("Backends to run; each is compared with the interpreter, which "
             "always runs (default interp,jit,aot)"),
    cl::value_desc("interp,jit,aot"), cl::init("interp,jit,aot"),
    cl::cat(fuzzCat));
cl::opt<std::string>
    outDir("out",
           cl::desc("Folder for minimized findings (default fuzz-findings)"),
           cl::value_desc("DIR"), cl::init("fuzz-findings"), cl::cat(fuzzCat));
cl::opt<unsigned>
    timeoutOpt("timeout",
               cl::desc("Seconds per graph before it counts as a hang "
                        "(default 60)"),
               cl::init(60), cl::cat(fuzzCat));
cl::opt<bool>
    replay("replay",
           cl::desc("Check the given .onnx files (or every .onnx in the given "
                    "folders) instead of generated graphs"),
           cl::cat(fuzzCat));
cl::list<std::string> replayFiles(cl::Positional,
                                  cl::desc("[FILE.onnx | DIR]..."),
                                  cl::cat(fuzzCat));
cl::opt<bool> noMinimize("no-minimize",
                         cl::desc("Write findings without minimizing them"),
                         cl::cat(fuzzCat));
cl::opt<int>
    minimizeBudget("minimize-budget",
                   cl::desc("Candidate models tried per finding (default 80)"),
                   cl::init(80), cl::cat(fuzzCat));
cl::opt<std::string>
    emitDir("emit",
            cl::desc("Only write the seeds' models into DIR, run nothing"),
            cl::value_desc("DIR"), cl::cat(fuzzCat));
cl::opt<std::string> targetCpu("cpu", cl::desc(cpu::kCpuOptionHelp),
                               cl::value_desc("NAME"), cl::cat(fuzzCat));
cl::opt<std::string> targetFeatures("cpu-features",
                                    cl::desc(cpu::kCpuFeaturesOptionHelp),
                                    cl::value_desc("+NAME,-NAME"),
                                    cl::cat(fuzzCat));
cl::opt<bool> controlFlow(
    "control-flow",
    cl::desc("Put each graph's ops inside a Loop (one to three trips) or "
             "both branches of an If, read the graph's inputs from the outer "
             "scope"),
    cl::cat(fuzzCat));
cl::opt<bool> strictRejects(
    "fail-on-reject",
    cl::desc("Exit non-zero when the importer or the interpreter refuses a "
             "generated graph (a generator bug)"),
    cl::cat(fuzzCat));

/// The graph of \p seed, inside control flow with --control-flow.
GeneratedGraph graphOf(uint64_t seed) {
  GeneratedGraph g = generateGraph(seed);
  if (controlFlow)
    wrapInControlFlow(g, seed);
  return g;
}

/// Prints "kiln-fuzz-graphs: error: MESSAGE" and returns 2.
int fatal(const Twine &message) {
  errs() << "kiln-fuzz-graphs: error: " << message << "\n";
  return 2;
}

/// The run's scratch folder: models under check and per-child caches.
struct Scratch {
  std::string dir;
  ~Scratch() {
    if (!dir.empty())
      (void)sys::fs::remove_directories(dir);
  }
};

/// Checks \p path in a forked child with the run's options.
Verdict checkInChild(const std::string &path, const CheckOptions &options,
                     const std::string &cacheDir) {
  tool::ChildPoolOptions pool;
  pool.timeoutSeconds = timeoutOpt;
  Verdict verdict;
  tool::runInChildren(
      1, pool,
      [&](size_t, tool::ChildPipe &out) {
        CheckOptions o = options;
        o.cacheDir = cacheDir;
        checkModel(path, o, out);
        (void)sys::fs::remove_directories(cacheDir);
      },
      [&](size_t, const tool::ChildResult &r) {
        verdict = readVerdict(r, timeoutOpt);
      });
  (void)sys::fs::remove_directories(cacheDir);
  return verdict;
}

/// The backends a verdict needs to show again: the failing one only.
CheckOptions narrowTo(const CheckOptions &options, const Verdict &v) {
  CheckOptions o = options;
  if (v.backend == "jit" || v.backend == "aot")
    o.backends = {v.backend};
  else
    o.backends.clear();
  return o;
}

/// Minimizes \p model (failing as \p verdict) and writes it to --out.
/// Returns the written path.
/// With --control-flow, \p model is the graph before wrapInControlFlow
/// (\p seed): its ops are minimized and every candidate checked wrapped.
std::string writeFinding(onnx::ModelProto model, const Verdict &verdict,
                         const std::string &stem, const CheckOptions &options,
                         const std::string &scratch, uint64_t seed) {
  auto wrapped = [&](const onnx::ModelProto &m) {
    GeneratedGraph g;
    g.model = m;
    if (controlFlow)
      wrapInControlFlow(g, seed);
    return g.model;
  };
  std::error_code ec = sys::fs::create_directories(outDir);
  if (ec) {
    fatal("cannot create '" + outDir + "': " + ec.message());
    return "";
  }
  std::string err;
  int64_t bytes = 0;
  std::string kind = Verdict::kindName(verdict.kind);
  std::string original = outDir + "/" + stem + "-original.onnx";
  zoo::writeModelAtomic(original, wrapped(model), bytes, err);
  int before = model.graph().node_size();
  if (!noMinimize) {
    CheckOptions narrow = narrowTo(options, verdict);
    int n = 0;
    auto check = [&](const onnx::ModelProto &candidate) {
      std::string path = scratch + "/candidate.onnx";
      std::string e;
      int64_t b = 0;
      if (!zoo::writeModelAtomic(path, wrapped(candidate), b, e))
        return Verdict{};
      return checkInChild(path, narrow,
                          scratch + "/cache-min-" + std::to_string(n++));
    };
    MinimizeStats stats = minimizeModel(model, verdict, check, minimizeBudget);
    errs() << "  minimized " << stem << ": " << before << " -> "
           << model.graph().node_size() << " ops (" << stats.candidates
           << " candidates tried)\n";
  }
  std::string path =
      outDir + "/" + stem + "-" + kind + "-" + verdict.backend + ".onnx";
  if (!zoo::writeModelAtomic(path, wrapped(model), bytes, err)) {
    fatal(err);
    return "";
  }
  return path;
}

/// Expands folders in \p args into their .onnx files, sorted.
std::vector<std::string> replayList(const std::vector<std::string> &args) {
  std::vector<std::string> files;
  for (const std::string &a : args) {
    if (!sys::fs::is_directory(a)) {
      files.push_back(a);
      continue;
    }
    std::vector<std::string> found;
    std::error_code ec;
    for (sys::fs::directory_iterator it(a, ec), end; it != end && !ec;
         it.increment(ec))
      if (StringRef(it->path()).ends_with(".onnx"))
        found.push_back(it->path());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::SetVersionPrinter(
      [](raw_ostream &os) { os << "kiln-fuzz-graphs (Kiln)\n"; });
  cl::HideUnrelatedOptions(fuzzCat);
  cl::ParseCommandLineOptions(
      argc, argv,
      "kiln-fuzz-graphs: random ONNX graphs run on the interpreter, the JIT "
      "and AOT libraries, outputs compared (shape and dtype, then values "
      "within atol 1e-4 + rtol 1e-3; NaN must match NaN)\n\n"
      "  kiln-fuzz-graphs --seeds 0..999 --jobs 2 --out findings\n"
      "  kiln-fuzz-graphs --replay findings/seed-42-mismatch-jit.onnx\n\n"
      "Each graph runs in a child process with a time limit; a finding is "
      "minimized and written to --out with a reproduction command. Exit "
      "code: 0 when nothing failed, 1 when something did, 2 on a usage "
      "error.\n");

  // 1. Options. The target is set before the children fork.
  if (!targetCpu.empty() || !targetFeatures.empty())
    if (llvm::Error e = cpu::setTarget(targetCpu, targetFeatures))
      return fatal(toString(std::move(e)));
  CheckOptions check;
  check.backends.clear();
  bool interp = false;
  for (StringRef b : split(backendsOpt, ',')) {
    b = b.trim();
    if (b == "interp")
      interp = true;
    else if (b == "jit" || b == "aot")
      check.backends.push_back(b.str());
    else if (!b.empty())
      return fatal("unknown backend '" + b + "': expected interp, jit or aot");
  }
  (void)interp; // The interpreter is the reference: it always runs.
  uint64_t first = seedStart, count = countOpt;
  if (!seedsOpt.empty()) {
    auto [a, b] = StringRef(seedsOpt).split("..");
    uint64_t lo, hi;
    if (a.getAsInteger(10, lo) || b.getAsInteger(10, hi) || hi < lo)
      return fatal("invalid --seeds '" + seedsOpt +
                   "': expected A..B with A <= B, e.g. 0..999");
    first = lo;
    count = hi - lo + 1;
  }
  tool::ChildPoolOptions pool;
  pool.jobs =
      jobsOpt ? jobsOpt : std::max(1u, std::thread::hardware_concurrency());
  pool.timeoutSeconds = timeoutOpt;

  if (!emitDir.empty()) {
    if (std::error_code ec = sys::fs::create_directories(emitDir))
      return fatal("cannot create '" + emitDir + "': " + ec.message());
    for (uint64_t s = first; s < first + count; ++s) {
      GeneratedGraph g = graphOf(s);
      std::string err;
      int64_t bytes;
      if (!zoo::writeModelAtomic(emitDir + "/seed-" + std::to_string(s) +
                                     ".onnx",
                                 g.model, bytes, err))
        return fatal(err);
    }
    outs() << "wrote " << count << " models to " << emitDir << "\n";
    return 0;
  }

  Scratch scratch;
  {
    SmallString<128> dir;
    if (std::error_code ec = sys::fs::createUniqueDirectory("kiln-fuzz", dir))
      return fatal("cannot create a temporary folder: " + ec.message());
    scratch.dir = dir.str().str();
  }
  bool progress = isatty(STDERR_FILENO);
  std::string backendList = "interp";
  for (const std::string &b : check.backends)
    backendList += "," + b;

  // 2. Replay: check given files, no generation and no minimization.
  if (replay) {
    std::vector<std::string> files = replayList(replayFiles);
    if (files.empty())
      return fatal("--replay needs .onnx files or folders holding some");
    int passed = 0, failed = 0, skipped = 0;
    tool::runInChildren(
        files.size(), pool,
        [&](size_t i, tool::ChildPipe &out) {
          CheckOptions o = check;
          o.cacheDir = scratch.dir + "/cache-" + std::to_string(i);
          checkModel(files[i], o, out);
          (void)sys::fs::remove_directories(o.cacheDir);
        },
        [&](size_t i, const tool::ChildResult &r) {
          Verdict v = readVerdict(r, timeoutOpt);
          (void)sys::fs::remove_directories(scratch.dir + "/cache-" +
                                            std::to_string(i));
          if (v.kind == Verdict::Pass) {
            ++passed;
            outs() << "PASS " << files[i] << "\n";
            return;
          }
          (v.failed() ? failed : skipped)++;
          outs() << (v.failed() ? "FAIL " : "SKIP ") << files[i] << ": "
                 << v.signature() << ": " << v.message << "\n";
        });
    outs() << passed << " passed, " << failed << " failed";
    if (skipped)
      outs() << ", " << skipped << " skipped";
    outs() << "\n";
    return failed || (strictRejects && skipped) ? 1 : 0;
  }

  // 3. Generated graphs, several children at a time.
  auto start = std::chrono::steady_clock::now();
  int passed = 0, failed = 0, skipped = 0;
  size_t done = 0;
  std::map<std::string, int> families;
  for (const std::string &f : opFamilies())
    families[f] = 0;
  std::vector<std::pair<uint64_t, Verdict>> findings, rejects;
  tool::runInChildren(
      count, pool,
      [&](size_t i, tool::ChildPipe &out) {
        uint64_t seed = first + i;
        GeneratedGraph g = graphOf(seed);
        std::string path =
            scratch.dir + "/seed-" + std::to_string(seed) + ".onnx";
        std::string err;
        int64_t bytes;
        if (!zoo::writeModelAtomic(path, g.model, bytes, err)) {
          out.write("result reject write " + err + "\n");
          return;
        }
        CheckOptions o = check;
        o.cacheDir = scratch.dir + "/cache-" + std::to_string(seed);
        checkModel(path, o, out);
        (void)sys::fs::remove_directories(o.cacheDir);
        (void)sys::fs::remove(path);
      },
      [&](size_t i, const tool::ChildResult &r) {
        uint64_t seed = first + i;
        Verdict v = readVerdict(r, timeoutOpt);
        (void)sys::fs::remove(scratch.dir + "/seed-" + std::to_string(seed) +
                              ".onnx");
        (void)sys::fs::remove_directories(scratch.dir + "/cache-" +
                                          std::to_string(seed));
        GeneratedGraph g = graphOf(seed);
        for (const auto &[family, uses] : g.families)
          ++families[family];
        ++done;
        if (v.kind == Verdict::Pass) {
          ++passed;
        } else if (v.kind == Verdict::Reject) {
          ++skipped;
          rejects.push_back({seed, v});
        } else {
          ++failed;
          findings.push_back({seed, v});
          if (progress)
            errs() << "\r\033[K";
          outs() << "FAIL seed " << seed << ": " << v.signature() << ": "
                 << v.message << "\n";
          outs().flush();
        }
        // On a terminal a progress line redrawn in place; in a log, the
        // same line every 100 graphs.
        if (progress || done % 100 == 0) {
          double s = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - start)
                         .count();
          errs() << (progress ? "\r" : "") << "[" << done << "/" << count
                 << "] " << passed << " passed, " << failed << " failed, "
                 << skipped << " skipped, "
                 << format("%.2f", done / std::max(s, 1e-9)) << " graphs/s"
                 << (progress ? "" : "\n");
        }
      });
  if (progress)
    errs() << "\r\033[K";
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  // 4. Findings, minimized.
  for (const auto &[seed, v] : findings) {
    GeneratedGraph g = generateGraph(seed);
    std::string path = writeFinding(g.model, v, "seed-" + std::to_string(seed),
                                    check, scratch.dir, seed);
    if (!path.empty())
      outs() << "finding seed " << seed << " (" << v.signature()
             << "): " << path << "\n  reproduce: kiln-fuzz-graphs --replay "
             << path << " --backends " << backendList << "\n";
  }
  for (const auto &[seed, v] : rejects)
    outs() << "skipped seed " << seed << " (refused by " << v.backend
           << "): " << v.message << "\n";

  // 5. Summary.
  outs() << "graphs by op family:";
  for (const auto &[family, n] : families)
    outs() << " " << family << " " << n << ";";
  outs() << "\n";
  outs() << "seeds " << first << ".." << first + count - 1 << " on "
         << backendList << ", " << pool.jobs << " jobs, "
         << format("%.1f", seconds) << " s, "
         << format("%.2f", count / std::max(seconds, 1e-9)) << " graphs/s\n";
  outs() << passed << " passed, " << failed << " failed";
  if (skipped)
    outs() << ", " << skipped << " skipped";
  outs() << "\n";
  return failed || (strictRejects && skipped) ? 1 : 0;
}
