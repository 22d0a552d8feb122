//===- ModelCacheTest.cpp - Whole models written and read back ------------===//
//
// A model entry read back runs like the model it was written from (compiled
// steps, a reference step, an elided Concat), bit for bit; an external data
// file recorded in an entry is checked; and no truncation or changed byte of
// an entry is ever executed: it is rejected, or (a padding byte) changes
// nothing.
//
//===----------------------------------------------------------------------===//
#include "ModelFileTest.h"

#include "kiln/cpu/ModelCache.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

using namespace kiln;
using namespace kiln::test;

namespace {

class ModelCacheTest : public ModelFileTest {
protected:
  ModelCacheTest() { entryPath = (dir + "/entry.kmodel").str(); }

  /// Two 1x1 convolutions concatenated (an elided Concat), a Dropout with a
  /// run-time training mode (a reference step), an Add, and a Slice of the
  /// Concat's second half (an elided Slice: a view at a byte offset).
  void buildModel(ModelBuilder &b) {
    b.input("x", {1, 4, 8, 8}).input("t", {}, 9).output("y", {1, 8, 8, 8});
    b.output("z", {1, 4, 8, 8});
    b.initializerI64("starts", {1}, {4});
    b.initializerI64("ends", {1}, {8});
    b.initializerI64("axis1", {1}, {1});
    std::vector<float> w(4 * 4);
    for (size_t i = 0; i < w.size(); ++i)
      w[i] = 0.25f * static_cast<float>(i % 5) - 0.5f;
    b.initializer("w1", {4, 4, 1, 1}, w);
    std::reverse(w.begin(), w.end());
    b.initializer("w2", {4, 4, 1, 1}, w);
    b.initializer("ratio", {}, {0.5f});
    b.node("Conv", {"x", "w1"}, {"a"});
    b.node("Conv", {"x", "w2"}, {"b"});
    auto *axis = b.node("Concat", {"a", "b"}, {"c"}).add_attribute();
    axis->set_name("axis");
    axis->set_type(onnx::AttributeProto::INT);
    axis->set_i(1);
    b.node("Dropout", {"c", "ratio", "t"}, {"d"});
    b.node("Relu", {"c"}, {"r"});
    b.node("Add", {"d", "r"}, {"y"});
    b.node("Slice", {"c", "starts", "ends", "axis1"}, {"s"});
    b.node("Sigmoid", {"s"}, {"z"});
  }

  /// The model of the entry at entryPath, or null with \p why set.
  std::unique_ptr<cpu::JitModel> open(std::string &why) {
    cpu::ModelEntry entry;
    why.clear();
    if (!cpu::readModelEntry(entryPath, dir, entry, &why))
      return nullptr;
    cpu::CpuOptions options;
    options.threads = 1;
    auto jit = cpu::JitModel::fromEntry(std::move(entry), options, entryPath);
    if (!jit) {
      why = llvm::toString(jit.takeError());
      return nullptr;
    }
    return std::move(*jit);
  }

  static std::vector<Tensor> inputs() {
    Tensor x(DType::F32, {1, 4, 8, 8});
    for (int64_t i = 0; i < x.numElements(); ++i)
      x.data<float>()[i] = static_cast<float>(i % 19) - 9.0f;
    return {x, Tensor(DType::Bool, Shape{})};
  }

  static std::vector<Tensor> run(cpu::JitModel &jit) {
    auto out = jit.run(inputs());
    if (!out) {
      ADD_FAILURE() << llvm::toString(out.takeError());
      return {};
    }
    return std::move(*out);
  }

  static bool sameBytes(const std::vector<Tensor> &a,
                        const std::vector<Tensor> &b) {
    if (a.size() != b.size())
      return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i].shape() != b[i].shape() || a[i].dtype() != b[i].dtype() ||
          std::memcmp(a[i].raw(), b[i].raw(), a[i].byteSize()))
        return false;
    return true;
  }

  std::string readFile(const std::string &path) {
    auto buf = llvm::MemoryBuffer::getFile(path);
    return buf ? (*buf)->getBuffer().str() : std::string();
  }
  void writeFile(const std::string &path, const std::string &bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  }

  std::string entryPath;
};

TEST_F(ModelCacheTest, AnEntryRunsLikeItsModel) {
  ModelBuilder b;
  buildModel(b);
  auto jit = jitOf(b);
  ASSERT_TRUE(jit);
  const cpu::Plan &plan = jit->getPlan();
  bool hasReference = false;
  int elided = 0;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    hasReference |= plan.steps[i].kind == cpu::PlanStep::Kind::Reference;
    elided += jit->getExecutor().isElided(i);
  }
  ASSERT_TRUE(hasReference) << "the Dropout is no longer a reference step";
  ASSERT_EQ(elided, 2) << "the Concat and the Slice are no longer elided";
  ASSERT_TRUE(llvm::any_of(plan.steps, [](const cpu::PlanStep &s) {
    return s.inPlaceArg >= 0;
  })) << "no pointwise step may write over its operand";
  std::vector<Tensor> expected = run(*jit);

  std::string error;
  ASSERT_TRUE(jit->writeEntry(entryPath, {}, {}, error)) << error;
  std::string why;
  auto cached = open(why);
  ASSERT_TRUE(cached) << why;
  EXPECT_TRUE(cached->stats().modelEntryHit);
  EXPECT_EQ(cached->stats().compiledSteps, jit->stats().compiledSteps);
  EXPECT_EQ(cached->stats().distinctKernels, jit->stats().distinctKernels);
  EXPECT_EQ(cached->getExecutor().arenaBytes(),
            jit->getExecutor().arenaBytes());
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    EXPECT_EQ(cached->getExecutor().isElided(i), jit->getExecutor().isElided(i))
        << "step " << i;
    const cpu::PlanStep &step = cached->getPlan().steps[i];
    EXPECT_EQ(step.label, plan.steps[i].label);
    EXPECT_EQ(step.flops, plan.steps[i].flops) << "step " << i;
    EXPECT_EQ(step.bytes, plan.steps[i].bytes) << "step " << i;
    EXPECT_EQ(step.nodes, plan.steps[i].nodes) << "step " << i;
    EXPECT_EQ(step.inPlaceArg, plan.steps[i].inPlaceArg) << "step " << i;
    EXPECT_EQ(step.viewOffset, plan.steps[i].viewOffset) << "step " << i;
    EXPECT_FALSE(step.nodes.empty()) << "step " << i;
  }
  EXPECT_TRUE(sameBytes(run(*cached), expected));
  // Twice: constants viewed in the mapping are not consumed by a run.
  EXPECT_TRUE(sameBytes(run(*cached), expected));
  // A model that came from an entry is not written again.
  EXPECT_FALSE(cached->writeEntry(entryPath + "2", {}, {}, error));
}

TEST_F(ModelCacheTest, AChangedDataFileIsAMiss) {
  ModelBuilder b;
  buildModel(b);
  auto jit = jitOf(b);
  ASSERT_TRUE(jit);
  writeFile((dir + "/weights.bin").str(), std::string(100, 'a'));
  cpu::ModelDataFile data;
  ASSERT_TRUE(cpu::describeDataFile(dir, "weights.bin", data));
  EXPECT_EQ(data.size, 100u);
  EXPECT_EQ(data.hash.size(), 32u);
  std::string error, why;
  ASSERT_TRUE(jit->writeEntry(entryPath, {data}, {"note"}, error)) << error;
  cpu::ModelEntry entry;
  ASSERT_TRUE(cpu::readModelEntry(entryPath, dir, entry, &why)) << why;
  ASSERT_EQ(entry.dataFiles.size(), 1u);
  EXPECT_EQ(entry.dataFiles[0].hash, data.hash);
  EXPECT_EQ(entry.annotations, std::vector<std::string>{"note"});

  writeFile((dir + "/weights.bin").str(), std::string(99, 'a') + "b");
  EXPECT_FALSE(open(why));
  EXPECT_EQ(why, "data file 'weights.bin' changed since the entry was written");
  llvm::sys::fs::remove(dir + "/weights.bin");
  EXPECT_FALSE(open(why));
  EXPECT_EQ(why, "data file 'weights.bin' cannot be read");
}

TEST_F(ModelCacheTest, KeysFollowTheModelAndTheRecipe) {
  std::string a = cpu::modelEntryKey("model bytes", "shape x=1x3");
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a, cpu::modelEntryKey("model bytes", "shape x=1x3"));
  EXPECT_NE(a, cpu::modelEntryKey("model bytez", "shape x=1x3"));
  EXPECT_NE(a, cpu::modelEntryKey("model bytes", "shape x=2x3"));
}

TEST_F(ModelCacheTest, NoDamagedEntryRuns) {
  ModelBuilder b;
  buildModel(b);
  auto jit = jitOf(b);
  ASSERT_TRUE(jit);
  std::vector<Tensor> expected = run(*jit);
  std::string error, why;
  ASSERT_TRUE(jit->writeEntry(entryPath, {}, {}, error)) << error;
  std::string good = readFile(entryPath);
  ASSERT_GT(good.size(), 200u);

  cpu::ModelEntry none;
  EXPECT_FALSE(cpu::readModelEntry(entryPath + ".none", dir, none, &why));
  EXPECT_EQ(why, "") << "a missing entry has no reason";

  // Every truncation is rejected.
  size_t step = std::max<size_t>(1, good.size() / 500);
  for (size_t n = 0; n < good.size(); n += step) {
    writeFile(entryPath, good.substr(0, n));
    EXPECT_FALSE(open(why)) << "truncated to " << n << " bytes";
    EXPECT_FALSE(why.empty());
  }
  // A byte changed anywhere is rejected, or was padding and changes nothing.
  unsigned rejected = 0, tried = 0;
  for (size_t at = 0; at < good.size(); at += step) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x5a);
    writeFile(entryPath, bad);
    ++tried;
    auto model = open(why);
    if (!model) {
      ++rejected;
      continue;
    }
    EXPECT_TRUE(sameBytes(run(*model), expected)) << "byte " << at;
  }
  EXPECT_GT(rejected, tried / 2);

  std::string foreign = good;
  std::memcpy(&foreign[8], "0123456789abcdef", 16);
  writeFile(entryPath, foreign);
  EXPECT_FALSE(open(why));
  EXPECT_EQ(
      why.rfind("written by Kiln build 0123456789abcdef, this is build ", 0),
      0u)
      << why;
  // An entry of format 1 (before steps kept FLOPs, bytes and nodes).
  std::string version1 = good;
  version1[7] = '1';
  writeFile(entryPath, version1);
  EXPECT_FALSE(open(why));
  EXPECT_EQ(why, "not a Kiln model entry of this format");
  writeFile(entryPath, "KILNOBJ2 is another format");
  EXPECT_FALSE(open(why));
  EXPECT_EQ(why, "not a Kiln model entry of this format");
  writeFile(entryPath, good);
  EXPECT_TRUE(open(why)) << why;
}

} // namespace
