//===- PerfMapTest.cpp - JIT kernels named for perf -----------------------===//
//
// With KILN_PERF_MAP set, a JIT model appends one line per kernel to
// /tmp/perf-<pid>.map: every distinct kernel once, each range inside
// executable memory of this process, none overlapping another, labelled
// with a node that calls it (UTF-8 names kept). Without it nothing is
// written.
//
//===----------------------------------------------------------------------===//
#include "CpuKernelFixture.h"

#include "kiln/cpu/PerfMap.h"
#include "kiln/cpu/Plan.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <utility>
#include <vector>

namespace kiln::test {
namespace {

class PerfMapTest : public ModelFileTest {
protected:
  void SetUp() override { llvm::sys::fs::remove(cpu::perfMapPath()); }
  void TearDown() override {
    ::unsetenv("KILN_PERF_MAP");
    llvm::sys::fs::remove(cpu::perfMapPath());
  }

  /// A conv with Relu, a pool, Flatten and Gemm: several distinct kernels.
  /// A step is labelled with its last node: the conv's with the Relu's.
  /// The Gemm's node name is UTF-8 beyond ASCII.
  ModelBuilder model() {
    ModelBuilder b;
    b.input("x", {1, 4, 8, 8}).output("y", {1, 5});
    b.initializer("w", {8, 4, 3, 3}, randomValues(8 * 4 * 9, 1));
    b.initializer("b", {8}, randomValues(8, 2));
    b.initializer("wg", {5, 8}, randomValues(5 * 8, 3));
    auto &conv = b.node("Conv", {"x", "w", "b"}, {"c"});
    addInts(conv, "kernel_shape", {3, 3});
    addInts(conv, "pads", {1, 1, 1, 1});
    b.node("Relu", {"c"}, {"r"}, "the relu");
    b.node("GlobalAveragePool", {"r"}, {"p"});
    b.node("Flatten", {"p"}, {"f"});
    auto &gemm = b.node("Gemm", {"f", "wg"}, {"y"}, "Schicht \xc3\xbc");
    addInt(gemm, "transB", 1);
    return b;
  }

  /// The executable ranges of this process (/proc/self/maps).
  static std::vector<std::pair<uint64_t, uint64_t>> executableRanges() {
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
      uint64_t lo = 0, hi = 0;
      char perms[5] = {};
      if (std::sscanf(line.c_str(), "%lx-%lx %4s", &lo, &hi, perms) == 3 &&
          perms[2] == 'x')
        ranges.push_back({lo, hi});
    }
    return ranges;
  }
};

TEST_F(PerfMapTest, EveryKernelOnceInsideExecutableMemory) {
  ::setenv("KILN_PERF_MAP", "1", 1);
  auto jit = jitOf(model());
  ASSERT_TRUE(jit);
  EXPECT_EQ(jit->stats().perfMap, cpu::perfMapPath());

  std::set<std::string> kernels;
  cpu::forEachStep(jit->getPlan(), [&](const cpu::PlanStep &step) {
    if (step.kind == cpu::PlanStep::Kind::Compiled)
      kernels.insert(step.symbol);
  });
  ASSERT_GE(kernels.size(), 2u);

  auto text = llvm::MemoryBuffer::getFile(cpu::perfMapPath());
  ASSERT_TRUE(bool(text)) << text.getError().message();
  llvm::SmallVector<llvm::StringRef> lines;
  (*text)->getBuffer().split(lines, '\n', -1, /*KeepEmpty=*/false);
  ASSERT_EQ(lines.size(), kernels.size()) << (*text)->getBuffer().str();

  auto executable = executableRanges();
  std::vector<std::pair<uint64_t, uint64_t>> seen;
  std::set<std::string> named;
  for (llvm::StringRef line : lines) {
    auto [startText, rest] = line.split(' ');
    auto [sizeText, label] = rest.split(' ');
    uint64_t start = 0, size = 0;
    ASSERT_FALSE(startText.getAsInteger(16, start)) << line.str();
    ASSERT_FALSE(sizeText.getAsInteger(16, size)) << line.str();
    EXPECT_GT(size, 0u) << line.str();
    std::string symbol = label.split(' ').first.str();
    EXPECT_TRUE(kernels.count(symbol)) << line.str();
    named.insert(symbol);
    EXPECT_TRUE(std::any_of(
        executable.begin(), executable.end(),
        [&](auto r) { return r.first <= start && start + size <= r.second; }))
        << "not in executable memory: " << line.str();
    for (auto [lo, hi] : seen)
      EXPECT_TRUE(start + size <= lo || hi <= start)
          << "overlaps another kernel: " << line.str();
    seen.push_back({start, start + size});
  }
  EXPECT_EQ(named, kernels);
  EXPECT_TRUE((*text)->getBuffer().contains("'the relu'"));
  EXPECT_TRUE((*text)->getBuffer().contains("'Schicht \xc3\xbc'"));

  // The model still runs.
  Tensor x(DType::F32, Shape{1, 4, 8, 8});
  std::vector<float> v = randomValues(x.numElements(), 7);
  std::copy(v.begin(), v.end(), x.data<float>());
  auto out = jit->run({x});
  ASSERT_TRUE(bool(out)) << llvm::toString(out.takeError());
}

TEST_F(PerfMapTest, NothingWrittenUnlessAsked) {
  ::setenv("KILN_PERF_MAP", "0", 1);
  auto jit = jitOf(model());
  ASSERT_TRUE(jit);
  EXPECT_TRUE(jit->stats().perfMap.empty());
  EXPECT_FALSE(llvm::sys::fs::exists(cpu::perfMapPath()));
}

} // namespace
} // namespace kiln::test
