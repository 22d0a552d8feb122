//===- KernelTestUtils.h - Calling reference kernels from tests -*- C++ -*-===//
#ifndef KILN_TESTS_RUNTIME_KERNELTESTUTILS_H
#define KILN_TESTS_RUNTIME_KERNELTESTUTILS_H

#include "kiln/runtime/Kernel.h"
#include "kiln/runtime/Kernels.h"

#include <gtest/gtest.h>

#include <cmath>

namespace kiln::test {

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

} // namespace kiln::test

#endif
