//===- ShapeVariantsTest.cpp - The LRU of models per set of shapes --------===//
#include "ShapeVariants.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace kiln;
using namespace kiln::tool;

namespace {

/// A model that remembers the shapes it was prepared for.
class FakeModel : public PreparedModel {
public:
  explicit FakeModel(std::vector<TensorSpec> specs) : specs(std::move(specs)) {}
  const std::vector<TensorSpec> &inputs() const override { return specs; }
  const std::vector<TensorSpec> &outputs() const override { return specs; }
  llvm::Expected<std::vector<Tensor>>
  run(const std::vector<Tensor> &inputs) override {
    return inputs;
  }
  std::string description() const override { return "fake"; }
  unsigned threads() const override { return 1; }
  std::string prepareLabel() const override { return "prepare"; }
  double prepareMs() const override { return 0; }

private:
  std::vector<TensorSpec> specs;
};

/// One f32 input "x" of shape ?x4.
std::vector<TensorSpec> dynamicInput() {
  TensorSpec x;
  x.name = "x";
  x.dtype = DType::F32;
  x.shape = {-1, 4};
  return {x};
}

/// Variants whose preparations are counted in \p calls; a batch of 13 fails.
ShapeVariants makeVariants(std::atomic<int> &calls, size_t capacity) {
  return ShapeVariants(
      dynamicInput(),
      [&calls](const std::map<std::string, Shape> &shapes)
          -> llvm::Expected<std::unique_ptr<PreparedModel>> {
        ++calls;
        const Shape &x = shapes.at("x");
        if (x[0] == 13)
          return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                         "input 'x' dimension 0 = 13 refused");
        TensorSpec spec = dynamicInput()[0];
        spec.shape = {x[0], x[1]};
        return std::make_unique<FakeModel>(std::vector<TensorSpec>{spec});
      },
      capacity);
}

std::vector<Tensor> batch(int64_t n) { return {Tensor(DType::F32, {n, 4})}; }

TEST(ShapeVariantsTest, KeepsTheMostRecentlyUsedUpToItsCapacity) {
  std::atomic<int> calls{0};
  ShapeVariants variants = makeVariants(calls, 2);
  auto one = variants.get(batch(1));
  ASSERT_TRUE(bool(one)) << llvm::toString(one.takeError());
  EXPECT_EQ((*one)->inputs()[0].shape, std::vector<int64_t>({1, 4}));
  ASSERT_TRUE(bool(variants.get(batch(2))));
  auto again = variants.get(batch(1)); // a hit: 1 is now the most recent
  ASSERT_TRUE(bool(again));
  EXPECT_EQ(again->get(), one->get());
  EXPECT_EQ(calls, 2);
  ASSERT_TRUE(bool(variants.get(batch(3)))); // evicts 2
  EXPECT_EQ(variants.keys(), std::vector<std::string>({"3x4", "1x4"}));
  ASSERT_TRUE(bool(variants.get(batch(2)))); // prepared again, evicts 1
  EXPECT_EQ(calls, 4);
  ShapeVariants::Counts counts = variants.counts();
  EXPECT_EQ(counts.hits, 1u);
  EXPECT_EQ(counts.prepared, 4u);
  EXPECT_EQ(counts.evicted, 2u);
  EXPECT_EQ(variants.size(), 2u);
  // An evicted variant still running stays alive while it is held.
  EXPECT_EQ((*one)->inputs()[0].shape, std::vector<int64_t>({1, 4}));
}

TEST(ShapeVariantsTest, AFailedPreparationIsNotKept) {
  std::atomic<int> calls{0};
  ShapeVariants variants = makeVariants(calls, 4);
  for (int i = 0; i < 2; ++i) {
    auto bad = variants.get(batch(13));
    ASSERT_FALSE(bool(bad));
    EXPECT_EQ(llvm::toString(bad.takeError()),
              "input 'x' dimension 0 = 13 refused");
  }
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(variants.size(), 0u);
  EXPECT_EQ(variants.counts().failed, 2u);
}

TEST(ShapeVariantsTest, ConcurrentCallersShareOnePreparation) {
  std::atomic<int> calls{0};
  ShapeVariants variants = makeVariants(calls, 4);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      auto v = variants.get(batch(5));
      if (v)
        ++ok;
      else
        llvm::consumeError(v.takeError());
    });
  for (std::thread &t : threads)
    t.join();
  EXPECT_EQ(ok, 8);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(variants.counts().hits, 7u);
}

} // namespace
