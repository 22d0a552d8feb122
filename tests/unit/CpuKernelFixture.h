//===- CpuKernelFixture.h - Direct kernels against the interpreter -*- C++
//-*-===//
//
// The fixture of the direct-kernel tests (CpuKernelTest.cpp,
// CpuConvPoolTest.cpp): small ONNX models built with ModelBuilder run on the
// interpreter, unoptimized, and on the JIT, with random inputs; outputs are
// compared shape and dtype first, then values with atol/rtol, and the
// expected op must have become a compiled step.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TESTS_UNIT_CPUKERNELFIXTURE_H
#define KILN_TESTS_UNIT_CPUKERNELFIXTURE_H

#include "ModelFileTest.h"

#include "kiln/cpu/Jit.h"
#include "kiln/frontend/Import.h"
#include "kiln/interpreter/Interpreter.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace kiln::test {

/// n values uniform in [lo, hi) from \p seed.
inline std::vector<float> randomValues(int64_t n, uint64_t seed, float lo = -1,
                                       float hi = 1) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(n);
  for (float &x : v)
    x = dist(rng);
  return v;
}

/// Whether \p t is a channel-blocked (NCHWc, rank-5) tensor type.
inline bool isBlocked(mlir::Type t) {
  auto r = mlir::dyn_cast<mlir::RankedTensorType>(t);
  return r && r.getRank() == 5;
}

/// The element count of \p dims.
inline int64_t product(const std::vector<int64_t> &dims) {
  int64_t n = 1;
  for (int64_t d : dims)
    n *= d;
  return n;
}

/// Adds an INT attribute to \p n.
inline void addInt(onnx::NodeProto &n, const std::string &name, int64_t v) {
  auto *a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
}

/// Adds a FLOAT attribute to \p n.
inline void addFloat(onnx::NodeProto &n, const std::string &name, float v) {
  auto *a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(v);
}

/// Runs \p b on the interpreter and the JIT with \p inputs; expects the
/// same outputs (bytes) and returns the JIT plan's steps, one line each.
inline std::string sameOnJit(mlir::MLIRContext &ctx, const std::string &path,
                             const std::string &errors, const ModelBuilder &b,
                             const std::vector<Tensor> &inputs) {
  b.save(path);
  auto reference = frontend::importOnnxFile(ctx, path);
  auto compiled = frontend::importOnnxFile(ctx, path);
  EXPECT_TRUE(reference && compiled) << errors;
  if (!reference || !compiled)
    return "";
  auto interp = Interpreter::create(*reference);
  EXPECT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
  auto expected = (*interp)->run(inputs);
  EXPECT_TRUE(bool(expected)) << llvm::toString(expected.takeError());
  cpu::CpuOptions options;
  options.useCache = false;
  auto jit = cpu::JitModel::create(*compiled, options);
  EXPECT_TRUE(bool(jit)) << llvm::toString(jit.takeError());
  if (!expected || !jit)
    return "";
  std::string steps;
  for (const cpu::PlanStep &s : (*jit)->getPlan().steps)
    steps +=
        s.label + (s.kind == cpu::PlanStep::Kind::Compiled ? " compiled\n"
                                                           : " reference\n");
  auto actual = (*jit)->run(inputs);
  EXPECT_TRUE(bool(actual)) << llvm::toString(actual.takeError()) << steps;
  if (!actual)
    return steps;
  EXPECT_EQ(actual->size(), expected->size());
  for (size_t o = 0; o < actual->size() && o < expected->size(); ++o) {
    const Tensor &e = (*expected)[o], &a = (*actual)[o];
    EXPECT_EQ(a.dtype(), e.dtype()) << "output " << o;
    EXPECT_EQ(a.shape(), e.shape()) << "output " << o << "\n" << steps;
    if (a.shape() == e.shape() && a.dtype() == e.dtype() && e.byteSize()) {
      EXPECT_EQ(0, std::memcmp(a.raw(), e.raw(), e.byteSize()))
          << "output " << o;
    }
  }
  return steps;
}

/// Builds, imports and runs models on both paths (check()).
class CpuKernelTest : public ModelFileTest {
protected:
  /// Adds a random initializer.
  void weight(ModelBuilder &b, const std::string &name,
              std::vector<int64_t> dims, float lo = -1, float hi = 1) {
    b.initializer(name, dims, randomValues(product(dims), seed++, lo, hi));
  }

  /// Checks a MatMul of an input of \p a by random constant weights of \p w
  /// (values in [lo, hi)), compiled as kiln.packed_mat_mul.
  void checkPackedMatMul(const std::vector<int64_t> &a,
                         const std::vector<int64_t> &w, float lo = -1,
                         float hi = 1) {
    std::vector<int64_t> y(a.begin(), a.end() - 1);
    y.push_back(w.back());
    ModelBuilder b;
    b.input("a", a).output("y", y);
    weight(b, "w", w, lo, hi);
    b.node("MatMul", {"a", "w"}, {"y"});
    check(b, {a}, "kiln.packed_mat_mul");
  }

  /// Runs \p b on the interpreter and the JIT with random inputs of
  /// \p inputShapes; compares; expects \p compiledOp ("kiln.packed_conv"...)
  /// among the compiled steps.
  void check(const ModelBuilder &b,
             const std::vector<std::vector<int64_t>> &inputShapes,
             const std::string &compiledOp, double atol = 1e-4,
             double rtol = 1e-4) {
    b.save(path);
    auto reference = frontend::importOnnxFile(ctx, path);
    auto compiled = frontend::importOnnxFile(ctx, path);
    ASSERT_TRUE(reference && compiled) << errors;
    std::vector<Tensor> inputs;
    for (const auto &shape : inputShapes) {
      Tensor t(DType::F32, Shape(shape.begin(), shape.end()));
      std::vector<float> v = randomValues(t.numElements(), seed++);
      std::copy(v.begin(), v.end(), t.data<float>());
      inputs.push_back(t);
    }
    auto interp = Interpreter::create(*reference);
    ASSERT_TRUE(bool(interp)) << llvm::toString(interp.takeError());
    auto expected = (*interp)->run(inputs);
    ASSERT_TRUE(bool(expected)) << llvm::toString(expected.takeError());

    cpu::CpuOptions options;
    options.useCache = false;
    options.threads = threads;
    options.disabledPasses = disabledPasses;
    auto jit = cpu::JitModel::create(*compiled, options);
    ASSERT_TRUE(bool(jit)) << llvm::toString(jit.takeError());
    bool found = compiledOp.empty();
    std::string steps;
    for (const cpu::PlanStep &s : (*jit)->getPlan().steps) {
      bool blocked = !s.ops.empty() && s.ops.front()->getNumResults() &&
                     isBlocked(s.ops.front()->getResult(0).getType());
      steps += s.label + (blocked ? " [NCHWc]" : "") +
               (s.kind == cpu::PlanStep::Kind::Compiled
                    ? " compiled\n"
                    : " reference: " + s.reason + "\n");
      if (s.kind == cpu::PlanStep::Kind::Compiled &&
          s.label.find(compiledOp) != std::string::npos) {
        found = true;
        workItems = s.workItems;
      }
    }
    EXPECT_TRUE(found) << "no compiled " << compiledOp << " step:\n" << steps;
    planSteps = steps;
    std::set<std::string> symbols;
    compiledSteps = 0;
    for (const cpu::PlanStep &s : (*jit)->getPlan().steps)
      if (s.kind == cpu::PlanStep::Kind::Compiled) {
        symbols.insert(s.symbol);
        ++compiledSteps;
      }
    distinctKernels = static_cast<int>(symbols.size());
    elidedSteps = 0;
    for (size_t i = 0; i < (*jit)->getPlan().steps.size(); ++i)
      elidedSteps += (*jit)->getExecutor().isElided(i);
    auto actual = (*jit)->run(inputs);
    ASSERT_TRUE(bool(actual)) << llvm::toString(actual.takeError());
    ASSERT_EQ(actual->size(), expected->size());
    for (size_t o = 0; o < actual->size(); ++o) {
      const Tensor &e = (*expected)[o], &a = (*actual)[o];
      ASSERT_EQ(a.dtype(), e.dtype());
      ASSERT_EQ(a.shape(), e.shape());
      int64_t bad = 0, firstBad = -1;
      for (int64_t i = 0; i < e.numElements(); ++i) {
        double x = e.data<float>()[i], y = a.data<float>()[i];
        if (!(std::fabs(x - y) <= atol + rtol * std::fabs(x))) {
          if (firstBad < 0)
            firstBad = i;
          ++bad;
        }
      }
      EXPECT_EQ(bad, 0) << "output " << o << ": " << bad << " of "
                        << e.numElements() << " differ; first at " << firstBad
                        << ": expected " << e.data<float>()[firstBad]
                        << ", found " << a.data<float>()[firstBad] << "\n"
                        << steps;
    }
  }

  uint64_t seed = 1;
  /// The work items of the step check() found for its compiledOp.
  int64_t workItems = 0;
  /// Steps of the last check()'s JIT that did not run (elided Concats).
  int elidedSteps = 0;
  /// Compiled steps of the last check()'s JIT, and the distinct kernels
  /// they call (identical kernels are shared).
  int compiledSteps = 0, distinctKernels = 0;
  /// check()'s plan, a step per line: its label, " [NCHWc]" when its
  /// result is channel-blocked (rank 5), then "compiled" or the reason it
  /// runs a reference kernel.
  std::string planSteps;
  /// Threads of check()'s JIT.
  unsigned threads = 2;
  /// Graph passes check()'s JIT leaves out (kiln-winograd, for tests of the
  /// direct convolution kernel on shapes Winograd would take).
  std::vector<std::string> disabledPasses;
};

} // namespace kiln::test

#endif // KILN_TESTS_UNIT_CPUKERNELFIXTURE_H
