//===- ConcurrencyTest.cpp - One model run from many threads at once ------===//
//
// A serving front end calls one loaded model from many threads. Each test
// here builds one model (compiled steps with intermediate buffers, worker
// threads, reference steps between them), computes the result of each of
// eight different inputs on one thread, then runs the model from eight
// threads at once, each thread cycling through the inputs so that threads
// run different inputs at the same moment, and expects every result
// bit-identical to the single-threaded one. Resident memory after a
// warm-up and at the end must stay within a small slack (the runs' state is
// reused, not allocated anew), except under a sanitizer, whose quarantine
// and shadow memory make RSS meaningless. The TSan job of
// scripts/sanitize.sh runs these tests for data races.
//
//===----------------------------------------------------------------------===//
#include "ModelFileTest.h"

#include "kiln/cpu/Aot.h"
#include "kiln/cpu/Jit.h"
#include "kiln/frontend/Import.h"
#include "kiln/interpreter/Interpreter.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <mutex>
#include <random>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define KILN_UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define KILN_UNDER_SANITIZER 1
#endif
#endif

using namespace kiln;
using namespace kiln::test;

namespace {

constexpr int kThreads = 8;
constexpr int kWarmupRuns = 5;
constexpr int kRuns = 40;
/// Growth of resident memory allowed between the warm-up and the end:
/// allocator arenas and page reuse are not exact. Keeping one run's
/// intermediates (~100 KB here) per run would add ~30 MB over the runs.
constexpr int64_t kRssSlackBytes = 4 << 20;

using RunFn = std::function<llvm::Expected<std::vector<Tensor>>(
    const std::vector<Tensor> &)>;

std::vector<float> randomValues(int64_t n, uint64_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::vector<float> v(n);
  for (float &x : v)
    x = dist(rng);
  return v;
}

/// Sets pads = 1 on every side of a 2-D Conv.
void padOne(onnx::NodeProto &conv) {
  auto *pads = conv.add_attribute();
  pads->set_name("pads");
  pads->set_type(onnx::AttributeProto::INTS);
  for (int i = 0; i < 4; ++i)
    pads->add_ints(1);
}

/// Resident memory of this process in bytes, from /proc/self/statm.
int64_t residentBytes() {
  std::FILE *f = std::fopen("/proc/self/statm", "r");
  if (!f)
    return -1;
  long size = 0, resident = -1;
  if (std::fscanf(f, "%ld %ld", &size, &resident) != 2)
    resident = -1;
  std::fclose(f);
  return resident < 0 ? -1 : resident * sysconf(_SC_PAGESIZE);
}

/// "" when \p a and \p b have the same dtypes, shapes and bytes; else what
/// differs.
std::string differences(const std::vector<Tensor> &a,
                        const std::vector<Tensor> &b) {
  if (a.size() != b.size())
    return std::to_string(a.size()) + " outputs instead of " +
           std::to_string(b.size());
  for (size_t o = 0; o < a.size(); ++o) {
    if (a[o].dtype() != b[o].dtype() || a[o].shape() != b[o].shape())
      return "output " + std::to_string(o) + " is " +
             formatShape(a[o].shape()) + " instead of " +
             formatShape(b[o].shape());
    if (a[o].byteSize() &&
        std::memcmp(a[o].raw(), b[o].raw(), a[o].byteSize()) != 0)
      return "output " + std::to_string(o) + " differs in its bytes";
  }
  return "";
}

class ConcurrencyTest : public ModelFileTest {
protected:
  /// conv-relu-conv with a residual add, a quantize/dequantize round trip
  /// (reference steps on the compiled backends), global pooling, a Gemm and
  /// a softmax; the relu result is a second output through an Identity.
  ModelBuilder model() {
    ModelBuilder b;
    b.input("x", {1, 4, 24, 24}).output("y", {1, 10});
    b.output("z", {1, 8, 24, 24});
    b.initializer("w1", {8, 4, 3, 3}, randomValues(8 * 4 * 9, 1));
    b.initializer("b1", {8}, randomValues(8, 2));
    b.initializer("w2", {8, 8, 3, 3}, randomValues(8 * 8 * 9, 3));
    b.initializer("scale", {}, {0.05f});
    b.initializer("wg", {8, 10}, randomValues(80, 4));
    b.initializer("bg", {10}, randomValues(10, 5));
    padOne(b.node("Conv", {"x", "w1", "b1"}, {"c"}));
    padOne(b.node("Conv", {"r", "w2"}, {"d"}));
    b.node("Relu", {"c"}, {"r"});
    b.node("Identity", {"r"}, {"z"});
    b.node("Add", {"d", "r"}, {"s"});
    b.node("QuantizeLinear", {"s", "scale"}, {"q"});
    b.node("DequantizeLinear", {"q", "scale"}, {"dq"});
    b.node("GlobalAveragePool", {"dq"}, {"g"});
    b.node("Flatten", {"g"}, {"f"});
    b.node("Gemm", {"f", "wg", "bg"}, {"h"});
    b.node("Softmax", {"h"}, {"y"});
    return b;
  }

  /// A kiln module of \p b (each backend gets its own: passes rewrite it).
  mlir::OwningOpRef<mlir::ModuleOp> import(const ModelBuilder &b) {
    b.save(path);
    auto module = frontend::importOnnxFile(ctx, path);
    EXPECT_TRUE(module) << errors;
    return module;
  }

  /// model() compiled by the JIT for \p threads threads (null on an error,
  /// reported as a test failure). The module stays alive with the test.
  std::unique_ptr<cpu::JitModel> jitOf(unsigned threads) {
    modules.push_back(import(model()));
    if (!modules.back())
      return nullptr;
    cpu::CpuOptions options;
    options.useCache = false;
    options.threads = threads;
    auto jit = cpu::JitModel::create(*modules.back(), options);
    if (!jit) {
      ADD_FAILURE() << llvm::toString(jit.takeError());
      return nullptr;
    }
    return std::move(*jit);
  }

  /// kThreads different inputs of the model's one input.
  std::vector<std::vector<Tensor>> inputSets() {
    std::vector<std::vector<Tensor>> sets;
    for (int i = 0; i < kThreads; ++i) {
      Tensor x(DType::F32, Shape{1, 4, 24, 24});
      std::vector<float> v = randomValues(x.numElements(), 100 + i);
      std::copy(v.begin(), v.end(), x.data<float>());
      sets.push_back({x});
    }
    return sets;
  }

  /// Runs \p run on every input set on this thread, then from kThreads
  /// threads at once (kWarmupRuns, then kRuns each); expects every result
  /// bit-identical to this thread's and RSS flat after the warm-up.
  void hammer(const RunFn &run) {
    std::vector<std::vector<Tensor>> inputs = inputSets();
    std::vector<std::vector<Tensor>> expected;
    for (const auto &in : inputs) {
      auto out = run(in);
      ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
      expected.push_back(std::move(*out));
    }
    // Different inputs must give different results, or a mix-up between
    // threads could go unseen.
    for (int i = 1; i < kThreads; ++i)
      ASSERT_NE(differences(expected[i], expected[0]), "");

    std::atomic<int> mismatches{0}, warmedUp{0};
    std::atomic<bool> go{false};
    std::mutex firstMutex;
    std::string first;
    auto worker = [&](int t) {
      for (int k = 0; k < kWarmupRuns + kRuns; ++k) {
        if (k == kWarmupRuns) {
          ++warmedUp;
          while (!go.load())
            std::this_thread::yield();
        }
        int i = (t + k) % kThreads;
        auto out = run(inputs[i]);
        std::string diff = out ? differences(*out, expected[i])
                               : llvm::toString(out.takeError());
        if (!diff.empty()) {
          ++mismatches;
          std::lock_guard<std::mutex> lock(firstMutex);
          if (first.empty())
            first = "thread " + std::to_string(t) + ", run " +
                    std::to_string(k) + ", input " + std::to_string(i) + ": " +
                    diff;
        }
      }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back(worker, t);
    while (warmedUp.load() < kThreads)
      std::this_thread::yield();
    int64_t rssWarm = residentBytes();
    go = true;
    for (std::thread &t : threads)
      t.join();
    int64_t rssEnd = residentBytes();

    EXPECT_EQ(mismatches.load(), 0) << "first: " << first;
    ASSERT_GT(rssWarm, 0);
    ASSERT_GT(rssEnd, 0);
#ifndef KILN_UNDER_SANITIZER
    EXPECT_LE(rssEnd - rssWarm, kRssSlackBytes)
        << "resident memory grew from " << rssWarm << " to " << rssEnd
        << " bytes over " << kThreads * kRuns << " runs";
#endif
  }

  std::vector<mlir::OwningOpRef<mlir::ModuleOp>> modules;
};

TEST_F(ConcurrencyTest, Interpreter) {
  auto module = import(model());
  ASSERT_TRUE(module);
  auto interp = Interpreter::create(*module);
  ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
  hammer([&](const std::vector<Tensor> &in) { return (*interp)->run(in); });
}

TEST_F(ConcurrencyTest, JitModel) {
  auto jit = jitOf(2); // kernels split across workers, from every caller
  ASSERT_TRUE(jit);
  unsigned compiled = 0, reference = 0;
  for (const cpu::PlanStep &s : jit->getPlan().steps)
    ++(s.kind == cpu::PlanStep::Kind::Compiled ? compiled : reference);
  EXPECT_GE(compiled, 2u);
  EXPECT_GE(reference, 1u);
  hammer([&](const std::vector<Tensor> &in) { return jit->run(in); });
  // One set of intermediate buffers per run in flight, never one per run.
  EXPECT_LE(jit->getExecutor().bufferSets(), size_t(kThreads));
}

TEST_F(ConcurrencyTest, JitModelSingleWorker) {
  // The path without oneTBB: every caller runs the kernels on its thread.
  auto jit = jitOf(1);
  ASSERT_TRUE(jit);
  hammer([&](const std::vector<Tensor> &in) { return jit->run(in); });
}

/// CPU time this process used, user and system, in seconds.
double processCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto seconds = [](const timeval &t) { return t.tv_sec + t.tv_usec * 1e-6; };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

TEST_F(ConcurrencyTest, IdleWorkersDoNotBurnCpu) {
  // Between runs (a server waiting for requests) the worker threads must
  // sleep, not spin: the process's CPU time over a pause after a run stays
  // a small fraction of the pause (not a timing assertion: a spinning
  // worker would use the whole pause on a core).
  auto jit = jitOf(2);
  ASSERT_TRUE(jit);
  std::vector<Tensor> in = inputSets()[0];
  constexpr double kPause = 0.3;
  for (int pause = 0; pause < 3; ++pause) {
    for (int r = 0; r < 20; ++r)
      ASSERT_TRUE(bool(jit->run(in)));
    double before = processCpuSeconds();
    std::this_thread::sleep_for(std::chrono::duration<double>(kPause));
    double used = processCpuSeconds() - before;
    EXPECT_LT(used, 0.1 * kPause)
        << "pause " << pause << ": " << used * 1e3 << " ms of CPU in "
        << kPause * 1e3 << " ms of sleep";
  }
}

TEST_F(ConcurrencyTest, JitResultsOutliveLaterRuns) {
  // Dropout with a training_mode known only at run time stays a reference
  // step, which hands its operand through: here the buffer of the compiled
  // Relu before it. A result handed out by one run must not change with
  // the next run, which writes that buffer again.
  ModelBuilder b;
  b.input("x", {1, 8, 24, 24}).input("t", {}, 9).output("y", {1, 8, 24, 24});
  b.initializer("ratio", {}, {0.5f});
  b.node("Relu", {"x"}, {"r"});
  b.node("Dropout", {"r", "ratio", "t"}, {"y"});
  auto module = import(b);
  ASSERT_TRUE(module);
  cpu::CpuOptions options;
  options.useCache = false;
  options.threads = 1;
  auto jit = cpu::JitModel::create(*module, options);
  ASSERT_TRUE(bool(jit)) << llvm::toString(jit.takeError());
  const auto &steps = (*jit)->getPlan().steps;
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].kind, cpu::PlanStep::Kind::Compiled) << steps[0].label;
  EXPECT_EQ(steps[1].kind, cpu::PlanStep::Kind::Reference) << steps[1].label;

  Tensor notTraining(DType::Bool, Shape{});
  std::vector<std::vector<Tensor>> inputs;
  for (uint64_t seed : {7, 8}) {
    Tensor x(DType::F32, Shape{1, 8, 24, 24});
    std::vector<float> v = randomValues(x.numElements(), seed);
    std::copy(v.begin(), v.end(), x.data<float>());
    inputs.push_back({x, notTraining});
  }
  auto first = (*jit)->run(inputs[0]);
  ASSERT_TRUE(bool(first)) << llvm::toString(first.takeError());
  std::vector<Tensor> copy;
  for (const Tensor &t : *first)
    copy.push_back(t.clone());
  auto second = (*jit)->run(inputs[1]);
  ASSERT_TRUE(bool(second)) << llvm::toString(second.takeError());
  EXPECT_NE(differences(*second, copy), "");
  EXPECT_EQ(differences(*first, copy), "")
      << "the first run's result changed with the second run";
}

TEST_F(ConcurrencyTest, AotLibrary) {
  auto module = import(model());
  ASSERT_TRUE(module);
  cpu::AotOptions options;
  options.useCache = false;
  options.runtimeLibrary = KILN_RT_LIBRARY;
  std::string library = (dir + "/libconcurrent.so").str();
  auto built = cpu::compileLibrary(*module, library, options);
  ASSERT_TRUE(bool(built)) << llvm::toString(built.takeError());
  EXPECT_GE(built->referenceSteps, 1u);
  for (unsigned threads : {1u, 2u}) {
    SCOPED_TRACE("library threads: " + std::to_string(threads));
    auto lib = cpu::AotLibrary::load(library, threads);
    ASSERT_TRUE(bool(lib)) << llvm::toString(lib.takeError());
    EXPECT_GT((*lib)->scratchBytes(), 0u);
    hammer([&](const std::vector<Tensor> &in) { return (*lib)->run(in); });
  }
}

} // namespace
