//===- ChunkObserverTest.cpp - Every chunk of a parallel step is seen -----===//
//
// With a ChunkObserver, each compiled step split across threads reports its
// chunks: together they cover the step's work items exactly once, and the
// run computes what it computes without the observer.
//
//===----------------------------------------------------------------------===//
#include "ModelFileTest.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <mutex>

using namespace kiln;
using namespace kiln::test;

namespace {

class ChunkObserverTest : public ModelFileTest {};

TEST_F(ChunkObserverTest, ChunksCoverEachParallelStepOnce) {
  // A Relu over 64 channels of 64x64: large enough to split by channel.
  ModelBuilder b;
  b.input("x", {1, 64, 64, 64}).output("y", {1, 64, 64, 64});
  b.node("Relu", {"x"}, {"y"});
  auto jit = jitOf(b, /*threads=*/2);
  ASSERT_TRUE(jit);
  const cpu::Plan &plan = jit->getPlan();
  ASSERT_EQ(plan.steps.size(), 1u);
  const cpu::PlanStep &step = plan.steps[0];
  ASSERT_GT(step.workItems, step.grain) << "the step is no longer split";

  Tensor x(DType::F32, {1, 64, 64, 64});
  for (int64_t i = 0; i < x.numElements(); ++i)
    x.data<float>()[i] = static_cast<float>(i % 7) - 3.0f;
  auto plain = jit->run({x});
  ASSERT_TRUE(bool(plain)) << llvm::toString(plain.takeError());

  std::mutex mutex;
  std::vector<int> seen(step.workItems, 0);
  unsigned chunks = 0;
  auto observed = jit->run(
      {x}, {},
      [&](const cpu::PlanStep &s, int64_t begin, int64_t end, double ms) {
        std::lock_guard<std::mutex> lock(mutex);
        EXPECT_EQ(&s, &step);
        EXPECT_GE(ms, 0);
        ASSERT_TRUE(0 <= begin && begin < end && end <= step.workItems)
            << begin << "-" << end;
        for (int64_t i = begin; i < end; ++i)
          ++seen[i];
        ++chunks;
      });
  ASSERT_TRUE(bool(observed)) << llvm::toString(observed.takeError());
  EXPECT_GE(chunks, 2u);
  for (int64_t i = 0; i < step.workItems; ++i)
    EXPECT_EQ(seen[i], 1) << "work item " << i;
  ASSERT_EQ(observed->size(), 1u);
  EXPECT_EQ(std::memcmp((*observed)[0].raw(), (*plain)[0].raw(),
                        (*plain)[0].byteSize()),
            0);
}

} // namespace
