//===- CApiTest.cpp - libkiln-rt.so's entry points, through its C ABI -----===//
#include "kiln/runtime/kiln_rt.h"

#include "kiln/runtime/AttrBlob.h"
#include "kiln/runtime/ControlFlow.h"
#include "kiln/runtime/KernelRegistry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace kiln;

namespace {
/// A float tensor for the C API.
kiln_rt_tensor f32(const int64_t *shape, int32_t rank, float *data) {
  return {1, rank, shape, data};
}
} // namespace

TEST(CApi, AbiVersion) {
  EXPECT_EQ(kiln_rt_abi_version(), KILN_RT_ABI_VERSION);
}

TEST(CApi, RunsAKernelIntoTheCallersBuffer) {
  int64_t shape[] = {2, 2};
  float a[] = {1, 2, 3, 4}, b[] = {10, 20, 30, 40}, c[4] = {};
  kiln_rt_tensor in[] = {f32(shape, 2, a), f32(shape, 2, b)};
  kiln_rt_tensor out[] = {f32(shape, 2, c)};
  std::string attrs = serializeAttrs(AttrMap());
  char err[256] = "";
  ASSERT_EQ(kiln_rt_eval("Add", "kiln.add (node 'x')", attrs.data(),
                         attrs.size(), 2, in, 1, out, err, sizeof err),
            0)
      << err;
  EXPECT_EQ(c[0], 11);
  EXPECT_EQ(c[3], 44);
}

TEST(CApi, PassesAttributes) {
  int64_t shape[] = {3};
  float x[] = {1.5f, -2.0f, 65504.0f};
  uint16_t y[3] = {};
  AttrMap map;
  map.set("to", int64_t(10)); // FLOAT16
  std::string attrs = serializeAttrs(map);
  kiln_rt_tensor in[] = {f32(shape, 1, x)};
  kiln_rt_tensor out[] = {{10, 1, shape, y}};
  char err[256] = "";
  ASSERT_EQ(kiln_rt_eval("Cast", "kiln.cast", attrs.data(), attrs.size(), 1, in,
                         1, out, err, sizeof err),
            0)
      << err;
  EXPECT_EQ(y[0], 0x3e00); // 1.5
  EXPECT_EQ(y[1], 0xc000); // -2
  EXPECT_EQ(y[2], 0x7bff); // 65504
}

TEST(CApi, ReportsErrors) {
  int64_t shape[] = {2, 2}, wrong[] = {4};
  float a[4] = {}, c[4] = {};
  std::string attrs = serializeAttrs(AttrMap());
  kiln_rt_tensor in[] = {f32(shape, 2, a), f32(shape, 2, a)};
  char err[256] = "";
  auto eval = [&](const char *kernel, kiln_rt_tensor *out,
                  const std::string &blob) {
    err[0] = '\0';
    return kiln_rt_eval(kernel, "kiln.add (node 'x')", blob.data(), blob.size(),
                        2, in, 1, out, err, sizeof err);
  };
  kiln_rt_tensor good[] = {f32(shape, 2, c)};
  kiln_rt_tensor badShape[] = {f32(wrong, 1, c)};
  EXPECT_NE(eval("Add", badShape, attrs), 0);
  EXPECT_STREQ(err, "kiln.add (node 'x'): result #0 is 2x2 f32 but the "
                    "graph declares 4 f32");
  EXPECT_NE(eval("NoSuchOp", good, attrs), 0);
  EXPECT_NE(std::string(err).find("has no kernel 'NoSuchOp'"),
            std::string::npos)
      << err;
  EXPECT_NE(eval("Add", good, "junk"), 0);
  EXPECT_NE(std::string(err).find("corrupt attribute blob"), std::string::npos)
      << err;
  // A message longer than the buffer is cut and NUL-terminated.
  char tiny[8];
  EXPECT_NE(kiln_rt_eval("Add", "kiln.add", attrs.data(), attrs.size(), 2, in,
                         1, badShape, tiny, sizeof tiny),
            0);
  EXPECT_STREQ(tiny, "kiln.ad");
}

TEST(CApi, AbsentOptionalInput) {
  // Clip with no min and max is the identity.
  int64_t shape[] = {2};
  float x[] = {-5, 5}, y[2] = {};
  kiln_rt_tensor in[] = {
      f32(shape, 1, x), {0, 0, nullptr, nullptr}, {0, 0, nullptr, nullptr}};
  kiln_rt_tensor out[] = {f32(shape, 1, y)};
  std::string attrs = serializeAttrs(AttrMap());
  char err[256] = "";
  ASSERT_EQ(kiln_rt_eval("Clip", "kiln.clip", attrs.data(), attrs.size(), 3, in,
                         1, out, err, sizeof err),
            0)
      << err;
  EXPECT_EQ(y[0], -5);
  EXPECT_EQ(y[1], 5);
}

TEST(KernelRegistry, FindsKernelsByOnnxName) {
  EXPECT_NE(findKernel("Conv"), nullptr);
  EXPECT_NE(findKernel("GRU"), nullptr);
  EXPECT_EQ(findKernel("conv"), nullptr);
  EXPECT_EQ(findKernel(""), nullptr);
  std::vector<std::string_view> names = kernelNames();
  EXPECT_GT(names.size(), 100u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
}

TEST(CApi, DropsResultsWithDtypeZero) {
  int64_t shape[] = {2};
  float a[] = {1, 2};
  kiln_rt_tensor in[] = {f32(shape, 1, a), f32(shape, 1, a)};
  kiln_rt_tensor out[] = {{0, 0, nullptr, nullptr}};
  std::string attrs = serializeAttrs(AttrMap());
  char err[256] = "";
  EXPECT_EQ(kiln_rt_eval("Add", "kiln.add", attrs.data(), attrs.size(), 2, in,
                         1, out, err, sizeof err),
            0)
      << err;
}

TEST(CApi, AllocatesDynamicResults) {
  // NonZero's result is 2 x (number of nonzeros): rank known, one dim not.
  int64_t shape[] = {2, 3}, pattern[] = {2, -1}, dims[2] = {};
  float x[] = {0, 1, 0, 2, 0, 3};
  kiln_rt_tensor in[] = {f32(shape, 2, x)};
  kiln_rt_tensor out[] = {{7, 2, pattern, nullptr, KILN_RT_DYNAMIC, dims}};
  std::string attrs = serializeAttrs(AttrMap());
  char err[256] = "";
  ASSERT_EQ(kiln_rt_eval("NonZero", "kiln.non_zero", attrs.data(), attrs.size(),
                         1, in, 1, out, err, sizeof err),
            0)
      << err;
  ASSERT_NE(out[0].data, nullptr);
  EXPECT_EQ(dims[0], 2);
  EXPECT_EQ(dims[1], 3);
  const int64_t *idx = static_cast<const int64_t *>(out[0].data);
  EXPECT_EQ(idx[0], 0); // rows 0, 1, 1
  EXPECT_EQ(idx[2], 1);
  EXPECT_EQ(idx[3], 1); // columns 1, 0, 2
  EXPECT_EQ(idx[5], 2);
  std::free(out[0].data);

  // All zeros: an empty result still gets a buffer to free.
  float zeros[6] = {};
  in[0] = f32(shape, 2, zeros);
  ASSERT_EQ(kiln_rt_eval("NonZero", "kiln.non_zero", attrs.data(), attrs.size(),
                         1, in, 1, out, err, sizeof err),
            0)
      << err;
  EXPECT_NE(out[0].data, nullptr);
  EXPECT_EQ(dims[1], 0);
  std::free(out[0].data);

  // A known dim that disagrees is an error, and nothing stays allocated.
  int64_t wrong[] = {3, -1};
  out[0].shape = wrong;
  EXPECT_NE(kiln_rt_eval("NonZero", "kiln.non_zero", attrs.data(), attrs.size(),
                         1, in, 1, out, err, sizeof err),
            0);
  EXPECT_EQ(out[0].data, nullptr);
  EXPECT_STREQ(err, "kiln.non_zero: result #0 is 2x0 i64 but the library "
                    "expects 3x? i64");
}

namespace {
/// A Loop whose body adds the loop-carried f32 vector to itself (an outer
/// value a region reads is the region function's business): desc and the
/// region function of kiln_rt_control_flow.
ControlFlowDesc doublingLoop() {
  ControlFlowDesc d;
  d.kind = ControlFlowDesc::Kind::Loop;
  d.numOperands = 3;
  TensorSpec v{"v", DType::F32, {2}, true};
  d.results = {v, TensorSpec{"all", DType::F32, {-1, 2}, true}};
  d.regionArgs = {{TensorSpec{"i", DType::I64, {}, true},
                   TensorSpec{"c", DType::Bool, {}, true}, v}};
  d.regionYields = {3};
  return d;
}

struct LoopState {
  float next[2];
  uint8_t cond = 1;
  int calls = 0;
  bool fail = false;
};

int doublingBody(void *ctx, int region, int nArgs, const kiln_rt_tensor *args,
                 int nYields, kiln_rt_tensor *yields, char *err,
                 size_t errLen) {
  auto *state = static_cast<LoopState *>(ctx);
  ++state->calls;
  if (state->fail) {
    snprintf(err, errLen, "kiln.add (node 'inner'): it broke");
    return 1;
  }
  if (region != 0 || nArgs != 3 || nYields != 3 || args[2].rank != 1)
    return 1;
  const float *v = static_cast<const float *>(args[2].data);
  for (int k = 0; k < 2; ++k)
    state->next[k] = v[k] * 2;
  static const int64_t shape2[] = {2};
  yields[0] = {9, 0, nullptr, &state->cond, 0, nullptr};
  yields[1] = {1, 1, shape2, state->next, 0, nullptr};
  yields[2] = {1, 1, shape2, state->next, 0, nullptr};
  return 0;
}
} // namespace

TEST(CApi, RunsControlFlowThroughTheCallersRegions) {
  std::string desc = serializeControlFlow(doublingLoop());
  int64_t trips = 3;
  float v0[] = {1, -2}, final[2] = {};
  int64_t scalar[] = {1}, shape2[] = {2}, allKnown[] = {-1, 2}, allDims[2];
  kiln_rt_tensor in[] = {{7, 0, scalar, &trips, 0, nullptr},
                         {0, 0, nullptr, nullptr, 0, nullptr},
                         {1, 1, shape2, v0, 0, nullptr}};
  kiln_rt_tensor out[] = {{1, 1, shape2, final, 0, nullptr},
                          {1, 2, allKnown, nullptr, KILN_RT_DYNAMIC, allDims}};
  LoopState state;
  char err[256] = "";
  ASSERT_EQ(kiln_rt_control_flow("kiln.loop (node 'l')", desc.data(),
                                 desc.size(), 3, in, 2, out, doublingBody,
                                 &state, err, sizeof err),
            0)
      << err;
  EXPECT_EQ(state.calls, 3);
  EXPECT_EQ(final[0], 8);
  EXPECT_EQ(final[1], -16);
  ASSERT_NE(out[1].data, nullptr);
  EXPECT_EQ(allDims[0], 3);
  EXPECT_EQ(allDims[1], 2);
  EXPECT_EQ(static_cast<float *>(out[1].data)[4], 8);
  std::free(out[1].data);

  // A region's failure is the run's, with its message; nothing allocated.
  state.fail = true;
  EXPECT_NE(kiln_rt_control_flow("kiln.loop (node 'l')", desc.data(),
                                 desc.size(), 3, in, 2, out, doublingBody,
                                 &state, err, sizeof err),
            0);
  EXPECT_STREQ(err, "kiln.add (node 'inner'): it broke");
  EXPECT_EQ(out[1].data, nullptr);

  // A truncated description is refused, the region never called.
  state = LoopState();
  EXPECT_NE(kiln_rt_control_flow("kiln.loop (node 'l')", desc.data(),
                                 desc.size() - 3, 3, in, 2, out, doublingBody,
                                 &state, err, sizeof err),
            0);
  EXPECT_EQ(std::string(err),
            "kiln.loop (node 'l'): corrupt control-flow description");
  EXPECT_EQ(state.calls, 0);
}

TEST(CApi, ControlFlowDescriptionsRoundTrip) {
  ControlFlowDesc d = doublingLoop();
  d.kind = ControlFlowDesc::Kind::Scan;
  d.numScanInputs = 1;
  d.scanInputAxes = {1};
  d.scanOutputDirections = {1};
  d.batched = true;
  std::string bytes = serializeControlFlow(d);
  ControlFlowDesc back;
  ASSERT_TRUE(parseControlFlow(bytes.data(), bytes.size(), back));
  EXPECT_EQ(serializeControlFlow(back), bytes);
  EXPECT_EQ(back.results[1].shape, (std::vector<int64_t>{-1, 2}));
  EXPECT_EQ(back.regionArgs[0][1].dtype, DType::Bool);
  for (size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(parseControlFlow(bytes.data(), n, back)) << n << " bytes";
}
