//===- KernelTestUtils.h - Calling reference kernels from tests -*- C++ -*-===//
#ifndef KILN_TESTS_RUNTIME_KERNELTESTUTILS_H
#define KILN_TESTS_RUNTIME_KERNELTESTUTILS_H

#include "kiln/runtime/Kernel.h"
#include "kiln/runtime/Kernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace kiln::test {

/// An f32 tensor of \p shape with values drawn uniformly from [-1, 1) by a
/// generator seeded with \p seed.
inline Tensor randomTensor(Shape shape, uint64_t seed) {
  Tensor t(DType::F32, shape);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1, 1);
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.data<float>()[i] = dist(rng);
  return t;
}

/// Runs \p fn on \p inputs (null = absent) with \p attrs, producing
/// \p numOutputs results into \p outputs. Returns the kernel's status.
inline Status runKernel(KernelFn fn, std::vector<const Tensor *> inputs,
                        const AttrMap &attrs, std::vector<Tensor> &outputs,
                        size_t numOutputs = 1) {
  KernelContext ctx;
  ctx.opName = "test";
  ctx.inputs = std::move(inputs);
  ctx.attrs = &attrs;
  ctx.outputs.resize(numOutputs);
  Status s = fn(ctx);
  outputs = std::move(ctx.outputs);
  return s;
}

/// Expects \p t to have \p shape and values close to \p expected.
inline void expectTensorNear(const Tensor &t, const Shape &shape,
                             const std::vector<double> &expected,
                             double atol = 1e-5, double rtol = 1e-5) {
  ASSERT_EQ(t.shape(), shape);
  ASSERT_EQ(t.numElements(), static_cast<int64_t>(expected.size()));
  for (int64_t i = 0; i < t.numElements(); ++i) {
    double got = t.getAsDouble(i), want = expected[i];
    if (std::isnan(want)) {
      EXPECT_TRUE(std::isnan(got)) << "element " << i;
      continue;
    }
    if (std::isinf(want)) {
      EXPECT_EQ(got, want) << "element " << i;
      continue;
    }
    EXPECT_NEAR(got, want, atol + rtol * std::fabs(want)) << "element " << i;
  }
}

/// Builds an AttrMap from name/value pairs.
inline AttrMap
makeAttrs(std::vector<std::pair<std::string, AttrValue>> values) {
  AttrMap m;
  for (auto &[name, value] : values)
    m.set(name, value);
  return m;
}

/// Runs \p fn expecting success and returns all \p numOutputs results.
inline std::vector<Tensor> runAll(KernelFn fn,
                                  std::vector<const Tensor *> inputs,
                                  const AttrMap &attrs, size_t numOutputs) {
  std::vector<Tensor> out;
  Status s = runKernel(fn, std::move(inputs), attrs, out, numOutputs);
  EXPECT_TRUE(s.isOk()) << s.message();
  return out;
}

/// Runs a one-result kernel expecting success and returns its result (an
/// empty tensor when it fails).
inline Tensor run(KernelFn fn, std::vector<const Tensor *> inputs,
                  const AttrMap &attrs = {}) {
  std::vector<Tensor> out;
  Status s = runKernel(fn, std::move(inputs), attrs, out);
  EXPECT_TRUE(s.isOk()) << s.message();
  return s.isOk() && !out.empty() ? out[0] : Tensor();
}

/// Runs \p fn expecting failure and returns the error message.
inline std::string runError(KernelFn fn, std::vector<const Tensor *> inputs,
                            const AttrMap &attrs = {}, size_t numOutputs = 1) {
  std::vector<Tensor> out;
  Status s = runKernel(fn, std::move(inputs), attrs, out, numOutputs);
  EXPECT_TRUE(s.isError());
  return s.message();
}

/// Expects \p fn to fail with a message containing \p needle.
inline void expectError(KernelFn fn, std::vector<const Tensor *> inputs,
                        const AttrMap &attrs, const std::string &needle,
                        size_t numOutputs = 1) {
  std::vector<Tensor> out;
  Status s = runKernel(fn, std::move(inputs), attrs, out, numOutputs);
  ASSERT_TRUE(s.isError());
  EXPECT_NE(s.message().find(needle), std::string::npos) << s.message();
}

/// Whether \p s contains \p part.
inline bool contains(const std::string &s, const std::string &part) {
  return s.find(part) != std::string::npos;
}

/// A f32 tensor of \p shape holding start, start + 1, ...
inline Tensor iota(const Shape &shape, float start = 0.0f) {
  std::vector<float> v(shapeNumElements(shape));
  std::iota(v.begin(), v.end(), start);
  return Tensor::fromVector<float>(shape, v);
}

/// A 1-D i64 tensor holding \p v.
inline Tensor ints(const std::vector<int64_t> &v) {
  return Tensor::fromVector<int64_t>({static_cast<int64_t>(v.size())}, v);
}

} // namespace kiln::test

#endif
