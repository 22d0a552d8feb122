//===- CpuKernelTest.cpp - Direct kernels: JIT against the interpreter ----===//
//
// Small ONNX models with MatMul and Gemm (plus the bias, residual and
// activations that kiln-fuse-epilogue folds), fused epilogues and pointwise
// groups, data-dependent shapes, the row kernels (pools, layer, RMS and
// instance normalization, softmax), concats and reshapes as views, and shared
// kernels, run on the interpreter and on the JIT (CpuKernelFixture.h). Shapes
// are odd on purpose (1, 7, 17, 63) so every remainder tile of the
// micro-kernels runs. Convolutions and pools are in CpuConvPoolTest.cpp.
//
//===----------------------------------------------------------------------===//
#include "CpuKernelFixture.h"

#include "kiln/cpu/Target.h"

#include <cmath>
#include <tuple>

using namespace kiln;
using namespace kiln::test;

namespace {

//===----------------------------------------------------------------------===//
// MatMul and Gemm
//===----------------------------------------------------------------------===//

TEST_F(CpuKernelTest, MatMulOddShapes) {
  for (int64_t m : {1, 7, 17, 63})
    for (int64_t k : {1, 7, 63})
      for (int64_t n : {1, 7, 17, 63}) {
        SCOPED_TRACE(testing::Message() << m << "x" << k << "x" << n);
        checkPackedMatMul({m, k}, {k, n});
      }
}

TEST_F(CpuKernelTest, MatMulBatchedAndVector) {
  checkPackedMatMul({2, 7, 17}, {17, 33});
  checkPackedMatMul({17}, {17, 9});
}

TEST_F(CpuKernelTest, MatMulWithWeightsBeyondHalfOfL2) {
  // A B larger than half of L2 makes RowGroups take A row groups of up to
  // half of L2 (several row tiles, the M % 12 tail in the last group) and a
  // tail panel; sized from the target's L2, so it runs that path anywhere.
  // The group's tiles split the prefetch of the next panel, the tail tile
  // included; at 2 threads each runs part of the panels.
  int64_t m = 12 * 11 + 5, k = 300;
  int64_t n = static_cast<int64_t>(cpu::hostTarget().l2Bytes) / 2 / (k * 4);
  n = n / 32 * 32 + 32 + 7;
  for (unsigned t : {1u, 2u}) {
    threads = t;
    checkPackedMatMul({m, k}, {k, n});
  }
}

TEST_F(CpuKernelTest, MatMulWithPanelsPastAQuarterOfL2) {
  // Panels of K x 32 floats past a quarter of L2 are not prefetched (a
  // classifier's matrix-vector product; sized from the target's L2): one
  // row and two row tiles and a tail, a tail panel, 1 and 2 threads.
  int64_t k = static_cast<int64_t>(cpu::hostTarget().l2Bytes) / 4 / 128 + 37;
  for (int64_t m : {1, 29})
    for (unsigned t : {1u, 2u}) {
      threads = t;
      checkPackedMatMul({m, k}, {k, 70}, -0.05f, 0.05f);
    }
}

TEST_F(CpuKernelTest, MatMulWithOutputPastL2) {
  // Sized from the target's L2 (floats l): C past L2 (1.1 l), so K is not
  // blocked and each tile prefetches its output lines before its k loop;
  // B past half of L2 (0.6 l), so B streams and A's rows (0.75 l, past half
  // of L2) take two row groups of half of L2 each; a residual read as C
  // is, a tail panel.
  const cpu::HostTarget &target = cpu::hostTarget();
  double s = std::sqrt(static_cast<double>(target.l2Bytes) / 4);
  auto m = static_cast<int64_t>(1.17 * s), k = static_cast<int64_t>(0.64 * s);
  int64_t n = static_cast<int64_t>(0.94 * s) / 32 * 32 + 7;
  ModelBuilder b;
  b.input("a", {m, k}).input("r", {m, n}).output("y", {m, n});
  weight(b, "w", {k, n});
  b.node("MatMul", {"a", "w"}, {"p"});
  b.node("Add", {"p", "r"}, {"y"});
  int64_t panels = (n + 2 * target.lanes() - 1) / (2 * target.lanes());
  for (unsigned t : {1u, 2u}) {
    threads = t;
    check(b, {{m, k}, {m, n}}, "kiln.packed_mat_mul");
    EXPECT_GE(workItems, 2 * panels) << "A's rows in one group:\n" << planSteps;
  }
}

TEST_F(CpuKernelTest, MatMulInKBlocks) {
  // A's rows and two panels past L2, C within half of it (sized from the
  // target's L2): K runs in blocks, each call's items block by block, the
  // tiles adding to partial sums in Y; the last block is shorter and not
  // whole vectors (K % 16 = 5), the row tail and a tail panel; 1, 2 and 3
  // threads split the panels differently.
  int64_t m = 12 * 9 + 5;
  int64_t k = static_cast<int64_t>(cpu::hostTarget().l2Bytes) / 256 + 37;
  k = k / 16 * 16 + 5;
  for (unsigned t : {1u, 2u, 3u}) {
    threads = t;
    checkPackedMatMul({m, k}, {k, 70}, -0.05f, 0.05f);
  }
}

TEST_F(CpuKernelTest, MatMulOfTwoActivations) {
  // Attention's products: B is an input, read in place (masked past N in
  // the last panel), batch dims broadcast either way; row tails (M % 12),
  // column tails (N % 32) and N below one vector.
  struct Case {
    std::vector<int64_t> a, b, y;
  };
  const Case cases[] = {
      {{13, 7}, {7, 5}, {13, 5}},
      {{1, 1}, {1, 1}, {1, 1}},
      {{2, 3, 25, 64}, {2, 3, 64, 37}, {2, 3, 25, 37}},
      {{2, 1, 17, 9}, {3, 9, 33}, {2, 3, 17, 33}},
      {{1, 4, 12, 31}, {4, 1, 31, 64}, {4, 4, 12, 64}},
      {{3, 197, 64}, {3, 64, 197}, {3, 197, 197}},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(testing::Message() << "A rank " << c.a.size() << ", B rank "
                                    << c.b.size() << ", N " << c.y.back());
    for (unsigned t : {1u, 2u}) {
      threads = t;
      ModelBuilder b;
      b.input("a", c.a).input("b", c.b).output("y", c.y);
      b.node("MatMul", {"a", "b"}, {"y"});
      check(b, {c.a, c.b}, "kiln.mat_mul", 1e-4, 1e-4);
    }
  }
}

TEST_F(CpuKernelTest, MatMulOfTransposedActivations) {
  // kiln-fold-transpose: x @ y.T with N in whole panels and with a partial
  // last panel (B packed per panel), A transposed (read at any strides),
  // both, a batched [0, 2, 1] and a head split of two projections
  // ([0, 2, 1, 3] and [0, 2, 3, 1]), B's batch broadcast, and a B whose
  // last dim stays last (read in place through its batch strides).
  struct Case {
    std::vector<int64_t> x, y;
    std::vector<int64_t> aPerm, bPerm;
  };
  const std::vector<Case> cases = {
      {{17, 24}, {64, 24}, {}, {1, 0}},
      {{5, 33}, {70, 33}, {}, {1, 0}},
      {{24, 17}, {24, 40}, {1, 0}, {}},
      {{9, 13}, {50, 9}, {1, 0}, {1, 0}},
      {{3, 7, 16}, {3, 45, 16}, {}, {0, 2, 1}},
      {{2, 13, 3, 8}, {2, 21, 3, 8}, {0, 2, 1, 3}, {0, 2, 3, 1}},
      {{2, 3, 6, 8}, {1, 1, 40, 8}, {}, {0, 1, 3, 2}},
      {{2, 3, 5, 8}, {2, 8, 3, 20}, {}, {0, 2, 1, 3}}};
  for (const Case &c : cases) {
    SCOPED_TRACE(::testing::PrintToString(c.x) + " x " +
                 ::testing::PrintToString(c.y));
    auto through = [](std::vector<int64_t> d, const std::vector<int64_t> &p) {
      if (p.empty())
        return d;
      std::vector<int64_t> out;
      for (int64_t i : p)
        out.push_back(d[i]);
      return out;
    };
    std::vector<int64_t> a = through(c.x, c.aPerm), bd = through(c.y, c.bPerm);
    std::vector<int64_t> out;
    size_t batch = std::max(a.size(), bd.size()) - 2;
    for (size_t i = 0; i < batch; ++i) {
      int64_t ai = i + a.size() >= batch + 2 ? a[i + a.size() - batch - 2] : 1;
      int64_t bi =
          i + bd.size() >= batch + 2 ? bd[i + bd.size() - batch - 2] : 1;
      out.push_back(std::max(ai, bi));
    }
    out.push_back(a[a.size() - 2]);
    out.push_back(bd.back());
    ModelBuilder b;
    b.input("x", c.x).input("y", c.y).output("z", out);
    std::string lhs = "x", rhs = "y";
    if (!c.aPerm.empty()) {
      addInts(b.node("Transpose", {"x"}, {"xt"}), "perm", c.aPerm);
      lhs = "xt";
    }
    if (!c.bPerm.empty()) {
      addInts(b.node("Transpose", {"y"}, {"yt"}), "perm", c.bPerm);
      rhs = "yt";
    }
    b.node("MatMul", {lhs, rhs}, {"z"});
    check(b, {c.x, c.y}, "kiln.transposed_mat_mul");
    EXPECT_EQ(compiledSteps, 1);
  }
}

TEST_F(CpuKernelTest, MatMulBiasResidualActivation) {
  ModelBuilder b;
  b.input("a", {13, 40}).input("r", {13, 70}).output("y", {13, 70});
  weight(b, "w", {40, 70});
  weight(b, "bias", {70});
  b.node("MatMul", {"a", "w"}, {"m"});
  b.node("Add", {"m", "bias"}, {"mb"});
  b.node("Add", {"r", "mb"}, {"s"});
  addFloat(b.node("LeakyRelu", {"s"}, {"y"}), "alpha", 0.2f);
  check(b, {{13, 40}, {13, 70}}, "kiln.packed_mat_mul");
}

TEST_F(CpuKernelTest, SlicedProjectionBecomesAProductPerSlice) {
  // ViT's fused Q, K, V projection: one MatMul and bias, three Slices of
  // its columns, the last to the end by a large `ends`. From columns 0, 64
  // and 96 (whole panels at either vector width) each Slice becomes a
  // product of its own; with the last from column 104, inside a panel, the
  // product stays whole.
  for (int64_t cut : {96, 104}) {
    SCOPED_TRACE(cut);
    int64_t m = 13, k = 24, n = 160;
    ModelBuilder b;
    b.input("x", {1, m, k}).output("q", {1, m, 64});
    b.output("kk", {1, m, cut - 64}).output("v", {1, m, n - cut});
    weight(b, "w", {k, n});
    weight(b, "bias", {n});
    b.initializerI64("axis", {1}, {-1});
    b.initializerI64("c0", {1}, {0});
    b.initializerI64("c64", {1}, {64});
    b.initializerI64("cut", {1}, {cut});
    b.initializerI64("end", {1}, {int64_t(1) << 40});
    b.node("MatMul", {"x", "w"}, {"p"});
    b.node("Add", {"p", "bias"}, {"pb"});
    b.node("Slice", {"pb", "c0", "c64", "axis"}, {"q"});
    b.node("Slice", {"pb", "c64", "cut", "axis"}, {"k0"});
    b.node("Relu", {"k0"}, {"kk"});
    b.node("Slice", {"pb", "cut", "end", "axis"}, {"v"});
    check(b, {{1, m, k}}, "kiln.packed_mat_mul");
    llvm::SmallVector<llvm::StringRef> lines;
    llvm::StringRef(planSteps).split(lines, '\n');
    int slices = 0, products = 0;
    for (llvm::StringRef line : lines) {
      slices += line.contains("kiln.slice");
      products += line.contains("kiln.packed_mat_mul");
    }
    EXPECT_EQ(products, cut == 96 ? 3 : 1) << planSteps;
    EXPECT_EQ(slices, cut == 96 ? 0 : 3) << planSteps;
  }
}

TEST_F(CpuKernelTest, GemmForms) {
  for (int variant = 0; variant < 4; ++variant) {
    SCOPED_TRACE(variant);
    ModelBuilder b;
    int64_t m = 9, k = 21, n = 19;
    b.input("a", {m, k}).output("y", {m, n});
    bool transB = variant % 2;
    weight(b, "w",
           transB ? std::vector<int64_t>{n, k} : std::vector<int64_t>{k, n});
    std::vector<std::string> ins = {"a", "w"};
    if (variant == 1) {
      weight(b, "c", {n});
      ins.push_back("c");
    } else if (variant == 2) {
      weight(b, "c", {1, n});
      ins.push_back("c");
    } else if (variant == 3) {
      b.input("c", {m, n});
      ins.push_back("c");
    }
    auto &g = b.node("Gemm", ins, {"g"});
    if (transB)
      addInt(g, "transB", 1);
    addFloat(g, "alpha", 0.5f);
    if (variant != 3)
      addFloat(g, "beta", 2.0f);
    b.node("Relu", {"g"}, {"y"});
    std::vector<std::vector<int64_t>> shapes = {{m, k}};
    if (variant == 3)
      shapes.push_back({m, n});
    check(b, shapes, "kiln.packed_mat_mul");
  }
}

//===----------------------------------------------------------------------===//
// Fusion (kiln-fuse-elementwise): open epilogues and pointwise groups
//===----------------------------------------------------------------------===//

TEST_F(CpuKernelTest, ConvSiluEpilogue) {
  // EfficientNet's conv -> SiLU, as PyTorch exports it: Sigmoid then Mul.
  ModelBuilder b;
  b.input("x", {1, 8, 10, 10}).output("y", {1, 12, 10, 10});
  weight(b, "w", {12, 8, 3, 3});
  weight(b, "bias", {12});
  auto &conv = b.node("Conv", {"x", "w", "bias"}, {"c"});
  addInts(conv, "pads", {1, 1, 1, 1});
  b.node("Sigmoid", {"c"}, {"s"});
  b.node("Mul", {"c", "s"}, {"y"});
  check(b, {{1, 8, 10, 10}}, "+ sigmoid, mul");
}

TEST_F(CpuKernelTest, MatMulGeluEpilogue) {
  // BERT's GELU, erf form, with scalar constants: x * 0.5 * (1 + erf(x / r2)).
  ModelBuilder b;
  b.input("a", {9, 24}).output("y", {9, 40});
  weight(b, "w", {24, 40});
  weight(b, "bias", {40});
  b.initializer("r2", {}, {1.41421356f});
  b.initializer("one", {}, {1.0f});
  b.initializer("half", {}, {0.5f});
  b.node("MatMul", {"a", "w"}, {"m"});
  b.node("Add", {"m", "bias"}, {"mb"});
  b.node("Div", {"mb", "r2"}, {"d"});
  b.node("Erf", {"d"}, {"e"});
  b.node("Add", {"e", "one"}, {"e1"});
  b.node("Mul", {"mb", "e1"}, {"p"});
  b.node("Mul", {"p", "half"}, {"y"});
  check(b, {{9, 24}}, "+ div, erf, add, mul, mul");
}

TEST_F(CpuKernelTest, DepthwiseHardSwishEpilogue) {
  ModelBuilder b;
  b.input("x", {1, 16, 11, 11}).output("y", {1, 16, 11, 11});
  weight(b, "w", {16, 1, 3, 3}, -3, 3);
  auto &conv = b.node("Conv", {"x", "w"}, {"c"});
  addInts(conv, "pads", {1, 1, 1, 1});
  addInt(conv, "group", 16);
  b.node("HardSwish", {"c"}, {"y"});
  check(b, {{1, 16, 11, 11}}, "+ hard_swish");
}

TEST_F(CpuKernelTest, EpilogueStopsAtAValueReadOutside) {
  // The sigmoid is also an output: the conv keeps it out of its epilogue,
  // and the sigmoid and mul become one pointwise kernel with two results.
  ModelBuilder b;
  b.input("x", {1, 4, 6, 6})
      .output("s", {1, 6, 6, 6})
      .output("y", {1, 6, 6, 6});
  weight(b, "w", {6, 4, 1, 1});
  b.node("Conv", {"x", "w"}, {"c"});
  b.node("Sigmoid", {"c"}, {"s"});
  b.node("Mul", {"c", "s"}, {"y"});
  check(b, {{1, 4, 6, 6}}, "kiln.sigmoid (node 'Sigmoid1') + mul");
}

TEST_F(CpuKernelTest, PointwiseGroupWithBroadcastAndTwoResults) {
  // exp(x) + b (b broadcast per row), then tanh of it and a comparison:
  // one loop nest writing the sum, the tanh and the bool.
  ModelBuilder b;
  b.input("x", {7, 17}).input("b", {7, 1});
  b.output("sum", {7, 17}).output("t", {7, 17});
  b.node("Exp", {"x"}, {"e"});
  b.node("Add", {"e", "b"}, {"sum"});
  b.node("Tanh", {"sum"}, {"t"});
  check(b, {{7, 17}, {7, 1}}, "+ add, tanh");
}

TEST_F(CpuKernelTest, LargeElementwiseKernelSplitsIntoWorkItems) {
  // 4 x 96 x 100 elements split along the first dim (4 items), the [96, 1]
  // operand read whole by every item; at batch 1 the split is along the
  // channels (96 items) and that operand is sliced too. The comparison's
  // bools stay inside the kernel.
  const std::vector<std::pair<std::vector<int64_t>, int64_t>> cases = {
      {{4, 96, 100}, 4}, {{1, 96, 400}, 96}};
  for (const auto &[shape, items] : cases) {
    ModelBuilder b;
    b.input("x", shape).input("t", {96, 1}).output("y", shape);
    b.node("Greater", {"x", "t"}, {"g"});
    b.node("Where", {"g", "x", "t"}, {"y"});
    check(b, {shape, {96, 1}}, "+ where");
    EXPECT_EQ(workItems, items);
  }
}

//===----------------------------------------------------------------------===//
// Data-dependent shapes
//===----------------------------------------------------------------------===//

/// A scalar f32 tensor.
Tensor scalar(float v) {
  Tensor t(DType::F32, Shape{});
  t.data<float>()[0] = v;
  return t;
}

TEST_F(CpuKernelTest, NonZeroWithOtherDataThanDeclared) {
  // The model declares NonZero's output 2x3 (its own test data); other data
  // has another count. The ops downstream only copied the declared shape.
  ModelBuilder b;
  b.input("x", {2, 3}).output("i", {2, 3}, 7).output("n", {2, 3}, 7);
  b.output("r", {2, 3});
  b.node("NonZero", {"x"}, {"i"});
  b.node("Neg", {"i"}, {"n"});
  b.node("Relu", {"x"}, {"r"}); // static: stays compiled
  for (std::vector<float> data : {std::vector<float>{1, 0, 2, 0, 0, 3},
                                  std::vector<float>{0, 0, 0, 0, 0, 0},
                                  std::vector<float>{1, 2, 3, 4, 5, 6}}) {
    Tensor x(DType::F32, Shape{2, 3});
    std::copy(data.begin(), data.end(), x.data<float>());
    std::string steps = sameOnJit(ctx, path, errors, b, {x});
    size_t relu = steps.find("kiln.relu");
    EXPECT_TRUE(
        relu != std::string::npos &&
        steps.substr(relu, steps.find('\n', relu) - relu).find(" compiled") !=
            std::string::npos)
        << steps;
  }
}

TEST_F(CpuKernelTest, RangeWithRuntimeBounds) {
  // Range's declared length (2) is that of the model's test data; the JIT
  // must give the length the bounds give, through the ops downstream.
  ModelBuilder b;
  b.input("start", {}).input("limit", {}).input("delta", {});
  b.output("y", {2});
  b.initializer("two", {}, {2.0f});
  b.node("Range", {"start", "limit", "delta"}, {"r"});
  b.node("Mul", {"r", "two"}, {"y"});
  for (auto [s, l, d] :
       {std::tuple{0.f, 2.f, 1.f}, std::tuple{1.f, 7.5f, 1.f},
        std::tuple{10.f, -3.f, -2.5f}, std::tuple{0.f, -1.f, 1.f}})
    sameOnJit(ctx, path, errors, b, {scalar(s), scalar(l), scalar(d)});
}

TEST_F(CpuKernelTest, GlobalPoolsAndSoftmaxSplitAlongLeadingDims) {
  // GlobalAveragePool (a direct kernel) has one item per (image, channel)
  // plane; GlobalMaxPool splits along C at batch 1 (along N above it); a
  // softmax along its last dim (a direct kernel) has one item per row, along
  // another dim it splits along its first dim above 1 before the axis;
  // small ones stay whole.
  struct Case {
    const char *op;
    std::vector<int64_t> x, y;
    int64_t axis, items;
  };
  const std::vector<Case> cases = {
      {"GlobalAveragePool", {1, 96, 40, 40}, {1, 96, 1, 1}, 0, 96},
      {"GlobalMaxPool", {3, 8, 50, 50}, {3, 8, 1, 1}, 0, 3},
      {"GlobalAveragePool", {2, 8, 5, 5}, {2, 8, 1, 1}, 0, 16},
      {"GlobalMaxPool", {1, 8, 5, 5}, {1, 8, 1, 1}, 0, 1},
      {"Softmax", {1, 12, 50, 64}, {1, 12, 50, 64}, -1, 600},
      {"LogSoftmax", {1, 1, 600, 70}, {1, 1, 600, 70}, 3, 600},
      {"Softmax", {1, 40000}, {1, 40000}, 1, 1},
      {"Softmax", {1, 12, 50, 64}, {1, 12, 50, 64}, 2, 12},
      {"LogSoftmax", {3, 100, 4, 30}, {3, 100, 4, 30}, 1, 3},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.op);
    ModelBuilder b;
    b.input("x", c.x).output("y", c.y);
    auto &n = b.node(c.op, {"x"}, {"y"});
    if (c.axis)
      addInt(n, "axis", c.axis);
    std::string name = c.op;
    std::string label = name == "GlobalAveragePool" ? "global_average_pool"
                        : name == "GlobalMaxPool"   ? "global_max_pool"
                        : name == "Softmax"         ? "softmax"
                                                    : "log_softmax";
    check(b, {c.x}, "kiln." + label);
    EXPECT_EQ(workItems, c.items);
  }
}

TEST_F(CpuKernelTest, IdenticalKernelsAreCompiledOnce) {
  // Three convs with Relu of the same shapes and their own weights, then
  // one of another kernel size: the three steps call one kernel, each with
  // its own weights (the outputs match the interpreter's).
  ModelBuilder b;
  b.input("x", {1, 16, 20, 20}).output("y", {1, 16, 20, 20});
  std::string in = "x";
  for (int i = 0; i < 4; ++i) {
    std::string w = "w" + std::to_string(i), bias = "b" + std::to_string(i),
                c = "c" + std::to_string(i), r = "r" + std::to_string(i);
    int64_t k = i == 3 ? 1 : 3;
    weight(b, w, {16, 16, k, k});
    weight(b, bias, {16});
    auto &conv = b.node("Conv", {in, w, bias}, {c});
    addInts(conv, "kernel_shape", {k, k});
    addInts(conv, "pads", {k / 2, k / 2, k / 2, k / 2});
    b.node("Relu", {c}, {i == 3 ? "y" : r});
    in = r;
  }
  disabledPasses = {"kiln-winograd"}; // the direct convs, on every host
  check(b, {{1, 16, 20, 20}}, "kiln.packed_conv");
  EXPECT_EQ(compiledSteps, 4);
  EXPECT_EQ(distinctKernels, 2);
}

TEST_F(CpuKernelTest, ConcatSplitsAlongDimsBeforeItsAxis) {
  // A batch concatenated along channels has one item per image; along its
  // first dim a concat stays whole; along a later axis it splits along the
  // first dim above 1 before it. Each input's slab is copied as one run.
  struct Case {
    std::vector<int64_t> a, b, y;
    int64_t axis, items;
  };
  const std::vector<Case> cases = {
      {{4, 16, 30, 30}, {4, 8, 30, 30}, {4, 24, 30, 30}, 1, 4},
      {{4, 16, 30, 30}, {2, 16, 30, 30}, {6, 16, 30, 30}, 0, 1},
      {{1, 3, 200, 50}, {1, 3, 100, 50}, {1, 3, 300, 50}, 2, 3},
      {{1, 64, 55, 55}, {1, 64, 55, 55}, {1, 128, 55, 55}, -3, 1},
  };
  for (const Case &c : cases) {
    ModelBuilder b;
    b.input("a", c.a).input("b", c.b).output("y", c.y);
    addInt(b.node("Concat", {"a", "b"}, {"y"}), "axis", c.axis);
    check(b, {c.a, c.b}, "kiln.concat");
    EXPECT_EQ(workItems, c.items);
  }
}

TEST_F(CpuKernelTest, GlobalAveragePoolAtAnyPlaneSize) {
  // Planes of whole blocks of four vectors, of leftover whole vectors, of a
  // partial vector only, and of all three; rank 3 and 5; the last plane's
  // partial vector is the one load that must not leave X.
  const std::vector<std::vector<int64_t>> shapes = {
      {1, 3, 7, 7}, {2, 5, 9, 9},  {1, 4, 1, 1},   {1, 2, 64},
      {1, 3, 130},  {3, 2, 16, 8}, {1, 2, 3, 4, 5}};
  for (const auto &x : shapes) {
    SCOPED_TRACE(::testing::PrintToString(x));
    std::vector<int64_t> y(x.size(), 1);
    y[0] = x[0];
    y[1] = x[1];
    ModelBuilder b;
    b.input("x", x).output("y", y);
    b.node("GlobalAveragePool", {"x"}, {"y"});
    check(b, {x}, "kiln.global_average_pool", 1e-5, 1e-5);
    EXPECT_EQ(workItems, x[0] * x[1]);
  }
}

TEST_F(CpuKernelTest, TransposesSplitAlongTheirFirstDimAboveOne) {
  // Each item of a transpose is a slice of its result's first dim above 1,
  // read from the input's dim the perm takes it from (ViT's head split,
  // a [0, 2, 1] of a 1 x C x HW map, rank 4 and 5 perms); a small one stays
  // whole.
  struct Case {
    std::vector<int64_t> x, perm;
    int64_t items;
  };
  const std::vector<Case> cases = {{{197, 12, 64}, {1, 0, 2}, 12},
                                   {{1, 768, 49}, {0, 2, 1}, 49},
                                   {{2, 8, 40, 60}, {3, 1, 0, 2}, 60},
                                   {{4, 3, 5, 6, 100}, {4, 3, 2, 1, 0}, 100},
                                   {{1, 3, 7, 1, 1600}, {0, 3, 4, 2, 1}, 1600},
                                   {{3, 4, 5}, {2, 0, 1}, 1}};
  for (const Case &c : cases) {
    SCOPED_TRACE(::testing::PrintToString(c.x));
    std::vector<int64_t> y;
    for (int64_t p : c.perm)
      y.push_back(c.x[p]);
    ModelBuilder b;
    b.input("x", c.x).output("y", y);
    addInts(b.node("Transpose", {"x"}, {"y"}), "perm", c.perm);
    check(b, {c.x}, "kiln.transpose", 0, 0);
    EXPECT_EQ(workItems, c.items);
  }
}

TEST_F(CpuKernelTest, SlicesSplitAlongTheDimsTheyTakeWhole) {
  // A slice is split along its first dim above 1 among those before the
  // first it does not take whole and forward: ViT's query/key/value cut of
  // a 197 x 1 x 2304 projection, a band of channels per image, every other
  // column, a reversed last dim. A slice of dim 0 itself (a band of rows,
  // or all rows reversed) stays one item.
  struct Case {
    std::vector<int64_t> x, starts, ends, axes, steps, y;
    int64_t items;
  };
  const std::vector<Case> cases = {
      {{197, 1, 2304}, {768}, {1536}, {2}, {1}, {197, 1, 768}, 197},
      {{4, 64, 200}, {8}, {40}, {1}, {1}, {4, 32, 200}, 4},
      {{1, 300, 200}, {1}, {200}, {2}, {2}, {1, 300, 100}, 300},
      {{64, 600}, {-1}, {-601}, {1}, {-1}, {64, 600}, 64},
      {{64, 600}, {2}, {60}, {0}, {1}, {58, 600}, 1},
      {{64, 600}, {-1}, {-65}, {0}, {-1}, {64, 600}, 1}};
  for (const Case &c : cases) {
    SCOPED_TRACE(::testing::PrintToString(c.x) + " axis " +
                 std::to_string(c.axes[0]));
    ModelBuilder b;
    b.input("x", c.x).output("y", c.y);
    b.initializerI64("starts", {1}, c.starts);
    b.initializerI64("ends", {1}, c.ends);
    b.initializerI64("axes", {1}, c.axes);
    b.initializerI64("steps", {1}, c.steps);
    b.node("Slice", {"x", "starts", "ends", "axes", "steps"}, {"y"});
    check(b, {c.x}, "kiln.slice", 0, 0);
    EXPECT_EQ(workItems, c.items);
  }
}

TEST_F(CpuKernelTest, LayerNormRowsOfAnyLength) {
  // Rows of whole blocks of four vectors (BERT's 768), of leftover whole
  // vectors, of a partial vector only, of all three; normalized over one
  // dim and over two; Scale per element or one value; B present or not.
  struct Case {
    std::vector<int64_t> x;
    int64_t axis;
    std::vector<int64_t> scale;
    bool bias;
  };
  const std::vector<Case> cases = {
      {{2, 5, 768}, -1, {768}, true}, {{3, 130}, 1, {130}, true},
      {{4, 7}, -1, {7}, false},       {{2, 3, 4, 5}, 2, {4, 5}, true},
      {{6, 48}, -1, {1}, true},       {{1, 1, 33}, 0, {1, 1, 33}, false}};
  for (const Case &c : cases) {
    SCOPED_TRACE(::testing::PrintToString(c.x) + " axis " +
                 std::to_string(c.axis));
    ModelBuilder b;
    b.input("x", c.x).output("y", c.x);
    weight(b, "scale", c.scale, 0.5f, 2.0f);
    std::vector<std::string> in = {"x", "scale"};
    if (c.bias) {
      weight(b, "bias", c.scale);
      in.push_back("bias");
    }
    auto &n = b.node("LayerNormalization", in, {"y"});
    addInt(n, "axis", c.axis);
    addFloat(n, "epsilon", 1e-3f);
    check(b, {c.x}, "kiln.layer_normalization", 1e-5, 1e-4);
    int64_t rank = static_cast<int64_t>(c.x.size());
    int64_t axis = c.axis < 0 ? c.axis + rank : c.axis;
    EXPECT_EQ(workItems,
              product(std::vector<int64_t>(c.x.begin(), c.x.begin() + axis)));
  }
}

TEST_F(CpuKernelTest, LayerNormOfLargeMeanKeepsItsVariance) {
  // Values around 1000 with a spread of 1: a one-pass E[x^2] - E[x]^2 in f32
  // would lose the variance to cancellation; the kernel's two passes keep it.
  ModelBuilder b;
  b.input("x", {4, 256}).output("y", {4, 256});
  b.initializer("offset", {1}, {1000.0f});
  weight(b, "scale", {256});
  b.node("Add", {"x", "offset"}, {"shifted"});
  b.node("LayerNormalization", {"shifted", "scale"}, {"y"});
  check(b, {{4, 256}}, "kiln.layer_normalization", 1e-3, 1e-3);
}

TEST_F(CpuKernelTest, InstanceNormRowsPerImageAndChannel) {
  // One row per image and channel: planes of whole and partial vectors,
  // rank 3 and 4, a plane of one element; values around 1000 with a spread
  // of 1 (the two-pass variance, the deviation taken before the scale).
  // Scale and B are one per channel.
  const std::vector<std::vector<int64_t>> shapes = {
      {2, 3, 5, 7}, {1, 16, 64}, {1, 4, 33, 33}, {3, 2, 1, 1}};
  for (const auto &x : shapes) {
    SCOPED_TRACE(::testing::PrintToString(x));
    ModelBuilder b;
    b.input("x", x).output("y", x);
    b.initializer("offset", {1}, {1000.0f});
    weight(b, "scale", {x[1]}, 0.5f, 2.0f);
    weight(b, "bias", {x[1]});
    b.node("Add", {"x", "offset"}, {"shifted"});
    addFloat(
        b.node("InstanceNormalization", {"shifted", "scale", "bias"}, {"y"}),
        "epsilon", 1e-3f);
    // The f32 mean of values around 1000 is off by about 1e-4 (the
    // reference sums in f64), as in LayerNormOfLargeMeanKeepsItsVariance.
    check(b, {x}, "kiln.instance_normalization", 1e-3, 1e-3);
    EXPECT_EQ(workItems, x[0] * x[1]);
  }
}

TEST_F(CpuKernelTest, GroupNormAsPyTorchExportsIt) {
  // torch.nn.GroupNorm before opset 18: Reshape to N x G x -1, an
  // InstanceNormalization with unit scale and zero bias, Reshape back, then
  // the per-channel affine map. The normalization is one row per group.
  ModelBuilder b;
  b.input("x", {2, 8, 6, 6}).output("y", {2, 8, 6, 6});
  b.initializerI64("groups", {3}, {2, 4, -1});
  b.initializerI64("back", {4}, {2, 8, 6, 6});
  b.initializer("ones", {4}, std::vector<float>(4, 1.0f));
  b.initializer("zeros", {4}, std::vector<float>(4, 0.0f));
  weight(b, "gamma", {8, 1, 1}, 0.5f, 2.0f);
  weight(b, "beta", {8, 1, 1});
  b.node("Reshape", {"x", "groups"}, {"g"});
  b.node("InstanceNormalization", {"g", "ones", "zeros"}, {"n"});
  b.node("Reshape", {"n", "back"}, {"r"});
  b.node("Mul", {"r", "gamma"}, {"s"});
  b.node("Add", {"s", "beta"}, {"y"});
  check(b, {{2, 8, 6, 6}}, "kiln.instance_normalization", 1e-4, 1e-4);
  EXPECT_EQ(workItems, 8);
}

TEST_F(CpuKernelTest, RmsNormFormsBecomeOneRowKernel) {
  // RMSNorm as exporters write it (kiln-fuse-layer-norm): x / sqrt(mean(x^2)
  // + eps), or x times the reciprocal (Reciprocal or 1 / s), then an
  // optional weight; rows of whole blocks of vectors, of a partial vector,
  // over one dim and over two.
  struct Case {
    std::vector<int64_t> x;
    std::vector<int64_t> axes;
    int form;
    bool weighted;
  };
  const std::vector<Case> cases = {{{2, 5, 768}, {-1}, 0, true},
                                   {{3, 130}, {1}, 1, true},
                                   {{4, 7}, {-1}, 2, false},
                                   {{2, 3, 4, 5}, {2, 3}, 1, true}};
  for (const Case &c : cases) {
    SCOPED_TRACE(::testing::PrintToString(c.x) + " form " +
                 std::to_string(c.form));
    ModelBuilder b;
    b.input("x", c.x).output("y", c.x);
    b.initializer("two", {}, {2.0f});
    b.initializer("one", {}, {1.0f});
    b.initializer("eps", {}, {1e-6f});
    b.node(c.form == 1 ? "Pow" : "Mul", {"x", c.form == 1 ? "two" : "x"},
           {"sq"});
    addInts(b.node("ReduceMean", {"sq"}, {"ms"}), "axes", c.axes);
    b.node("Add", {"ms", "eps"}, {"e"});
    b.node("Sqrt", {"e"}, {"r"});
    std::string normed = c.weighted ? "n" : "y";
    if (c.form == 0) {
      b.node("Div", {"x", "r"}, {normed});
    } else {
      if (c.form == 1)
        b.node("Reciprocal", {"r"}, {"inv"});
      else
        b.node("Div", {"one", "r"}, {"inv"});
      b.node("Mul", {"inv", "x"}, {normed});
    }
    if (c.weighted) {
      int64_t rank = static_cast<int64_t>(c.x.size());
      int64_t axis =
          c.axes.front() < 0 ? c.axes.front() + rank : c.axes.front();
      weight(b, "w", std::vector<int64_t>(c.x.begin() + axis, c.x.end()));
      b.node("Mul", {"w", "n"}, {"y"});
    }
    check(b, {c.x}, "kiln.rms_normalization", 1e-5, 1e-4);
    int64_t rank = static_cast<int64_t>(c.x.size());
    int64_t axis = c.axes.front() < 0 ? c.axes.front() + rank : c.axes.front();
    EXPECT_EQ(workItems,
              product(std::vector<int64_t>(c.x.begin(), c.x.begin() + axis)));
  }
}

TEST_F(CpuKernelTest, SoftmaxRowsOfAnyLengthAndScale) {
  // Rows of whole blocks of four vectors, of leftover whole vectors, of a
  // partial vector only, of all three; values up to +-100 (exp overflows
  // without the max subtracted); the coerced 2-D form of opset 11, whose
  // row is every dim from the axis on.
  struct Case {
    const char *op;
    std::vector<int64_t> x;
    int64_t axis, opset, rows;
  };
  const std::vector<Case> cases = {
      {"Softmax", {12, 7, 197}, -1, 17, 84},
      {"Softmax", {4, 128}, 1, 17, 4},
      {"LogSoftmax", {5, 3}, -1, 17, 5},
      {"Softmax", {2, 3, 100}, 2, 17, 6},
      {"LogSoftmax", {3, 70}, 1, 17, 3},
      {"Softmax", {2, 3, 5, 7}, 1, 11, 2},
      {"LogSoftmax", {4, 6, 9}, 1, 11, 4},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(std::string(c.op) + " " + ::testing::PrintToString(c.x) +
                 " axis " + std::to_string(c.axis));
    ModelBuilder b(c.opset);
    b.input("x", c.x).output("y", c.x);
    b.initializer("spread", {1}, {100.0f});
    b.node("Mul", {"x", "spread"}, {"wide"});
    addInt(b.node(c.op, {"wide"}, {"y"}), "axis", c.axis);
    std::string label =
        std::string(c.op) == "Softmax" ? "softmax" : "log_softmax";
    check(b, {c.x}, "kiln." + label, 1e-5, 1e-4);
    EXPECT_EQ(workItems, c.rows);
  }
}

//===----------------------------------------------------------------------===//
// Concats computed in place (lib/ConcatViews.cpp)
//===----------------------------------------------------------------------===//

TEST_F(CpuKernelTest, DenseNetConcatsAreComputedInPlace) {
  // Two dense layers as torchvision exports them: each concatenates all
  // earlier feature maps again, and the block ends with a Concat of all.
  // Every Concat becomes a prefix of the last one's buffer.
  ModelBuilder b;
  b.input("x", {1, 8, 9, 9}).output("y", {1, 8, 9, 9});
  weight(b, "w0", {8, 8, 1, 1});
  weight(b, "w1", {4, 8, 3, 3});
  weight(b, "w2", {4, 12, 3, 3});
  weight(b, "w3", {8, 16, 1, 1});
  auto conv3x3 = [&](const char *in, const char *w, const char *out) {
    auto &n = b.node("Conv", {in, w}, {out});
    addInts(n, "pads", {1, 1, 1, 1});
  };
  b.node("Conv", {"x", "w0"}, {"f0"});
  addInt(b.node("Concat", {"f0"}, {"c1"}), "axis", 1);
  b.node("Relu", {"c1"}, {"r1"});
  conv3x3("r1", "w1", "n1");
  addInt(b.node("Concat", {"f0", "n1"}, {"c2"}), "axis", 1);
  b.node("Relu", {"c2"}, {"r2"});
  conv3x3("r2", "w2", "n2");
  addInt(b.node("Concat", {"f0", "n1", "n2"}, {"c3"}), "axis", 1);
  b.node("Conv", {"c3", "w3"}, {"y"});
  check(b, {{1, 8, 9, 9}}, "kiln.packed_conv");
  EXPECT_EQ(elidedSteps, 3);
}

TEST_F(CpuKernelTest, ConcatsThatCannotBeViewsCopy) {
  // Batch 2 (each input is two slices of the result), a graph input, a
  // value in two places of one Concat and a Concat that is an output: all
  // copy, and give the interpreter's values.
  ModelBuilder b;
  b.input("x", {2, 3, 5, 5}).input("z", {1, 3, 5, 5});
  b.output("y", {2, 6, 5, 5}).output("v", {1, 9, 5, 5});
  weight(b, "w", {3, 3, 1, 1});
  b.node("Conv", {"x", "w"}, {"a"});
  addInt(b.node("Concat", {"a", "x"}, {"y"}), "axis", 1);
  b.node("Conv", {"z", "w"}, {"c"});
  b.node("Relu", {"c"}, {"d"});
  addInt(b.node("Concat", {"c", "d", "c"}, {"v"}), "axis", 1);
  check(b, {{2, 3, 5, 5}, {1, 3, 5, 5}}, "kiln.packed_conv");
  EXPECT_EQ(elidedSteps, 0);
}

TEST_F(CpuKernelTest, ReshapesAreViewsOfTheirInput) {
  // A chain of shape-only ops after a convolution whose result another op
  // also reads: each becomes a view (its input computed in its result's
  // bytes) and its copy is skipped. A Reshape of a graph input and one that
  // is a graph output copy.
  ModelBuilder b;
  b.input("x", {1, 8, 6, 6});
  b.output("y", {8, 4}).output("z", {1, 8, 6, 6}).output("o", {8, 36});
  weight(b, "w", {8, 8, 3, 3});
  weight(b, "w2", {36, 4});
  b.initializerI64("shape", {2}, {8, 36});
  b.initializerI64("axis0", {1}, {0});
  addInts(b.node("Conv", {"x", "w"}, {"a"}), "pads", {1, 1, 1, 1});
  b.node("Reshape", {"a", "shape"}, {"r"});
  b.node("Relu", {"r"}, {"s"});
  b.node("Unsqueeze", {"s", "axis0"}, {"u"});
  b.node("Squeeze", {"u", "axis0"}, {"q"});
  addInt(b.node("Flatten", {"q"}, {"f"}), "axis", 1);
  b.node("MatMul", {"f", "w2"}, {"y"});
  b.node("Sigmoid", {"a"}, {"z"});
  b.node("Reshape", {"x", "shape"}, {"o"});
  check(b, {{1, 8, 6, 6}}, "kiln.packed_conv");
  EXPECT_EQ(elidedSteps, 4);
}

TEST_F(CpuKernelTest, UnitDimTransposesAndZeroPadsAreViews) {
  // ViT's attention at batch 1: a 1 x S x D value is transposed to
  // S x 1 x D before its projection and back after (the bytes keep their
  // order), and a 1 x 4 x 1 x 6 value moves its unit dims around ([2, 1, 0,
  // 3]), and a Pad by zeros (DenseNet's transitions). Those four are views
  // (their inputs computed in their bytes); the [1, 0, 2] of a 2 x 4 x 6
  // value, a [0, 2, 1] that swaps two dims of size > 1 and a Pad that adds
  // a column copy.
  ModelBuilder b;
  b.input("x", {1, 4, 6}).input("z", {2, 4, 6});
  b.output("y", {1, 4, 6}).output("u", {1, 4, 1, 6});
  b.output("v", {4, 2, 6}).output("w", {1, 6, 4});
  b.output("q", {1, 4, 6}).output("q7", {1, 4, 7});
  b.initializerI64("zeros", {6}, {0, 0, 0, 0, 0, 0});
  b.initializerI64("one", {6}, {0, 0, 0, 0, 0, 1});
  weight(b, "wp", {6, 6});
  weight(b, "wq", {6, 6});
  b.initializerI64("shape4", {4}, {1, 4, 1, 6});
  b.node("Relu", {"x"}, {"r"});
  addInts(b.node("Transpose", {"r"}, {"t"}), "perm", {1, 0, 2});
  b.node("MatMul", {"t", "wp"}, {"p"});
  addInts(b.node("Transpose", {"p"}, {"pb"}), "perm", {1, 0, 2});
  b.node("MatMul", {"pb", "wq"}, {"y"});
  b.node("Sigmoid", {"x"}, {"g"});
  b.node("Reshape", {"g", "shape4"}, {"g4"});
  addInts(b.node("Transpose", {"g4"}, {"g4t"}), "perm", {2, 1, 0, 3});
  b.node("Neg", {"g4t"}, {"u"});
  b.node("Relu", {"z"}, {"zr"});
  addInts(b.node("Transpose", {"zr"}, {"zt"}), "perm", {1, 0, 2});
  b.node("Neg", {"zt"}, {"v"});
  b.node("Exp", {"x"}, {"e"});
  addInts(b.node("Transpose", {"e"}, {"et"}), "perm", {0, 2, 1});
  b.node("Neg", {"et"}, {"w"});
  b.node("Tanh", {"x"}, {"h"});
  b.node("Pad", {"h", "zeros"}, {"hp"});
  b.node("Neg", {"hp"}, {"q"});
  b.node("Abs", {"x"}, {"k"});
  b.node("Pad", {"k", "one"}, {"kp"});
  b.node("Neg", {"kp"}, {"q7"});
  check(b, {{1, 4, 6}, {2, 4, 6}}, "kiln.packed_mat_mul");
  // The three unit-dim Transposes, the Reshape and the zero Pad.
  EXPECT_EQ(elidedSteps, 5);
}

TEST_F(CpuKernelTest, SplitsAndSlicesViewTheirInput) {
  // GPT-2's attention input: one projection cut into query, key and value
  // (a Split along the last dim of a 1 x N matrix: contiguous parts), each
  // reshaped; a contiguous Slice (rows 2..5 of a 1 x 8 x 6 value) and a
  // Split of a Split's part. All five steps are views; the Concat reading a
  // part copies it (its other input cannot be written beside a view).
  ModelBuilder b;
  b.input("x", {1, 6});
  b.output("q", {3, 4}).output("k", {1, 12}).output("c", {1, 24});
  b.output("s", {1, 4, 6}).output("t", {1, 2});
  weight(b, "w", {6, 36});
  weight(b, "w2", {6, 48});
  b.initializerI64("split", {3}, {12, 12, 12});
  b.initializerI64("shape", {2}, {3, 4});
  b.initializerI64("rows", {3}, {1, 8, 6});
  b.initializerI64("starts", {1}, {2});
  b.initializerI64("ends", {1}, {6});
  b.initializerI64("axis1", {1}, {1});
  b.initializerI64("halves", {2}, {6, 6});
  b.node("MatMul", {"x", "w"}, {"p"});
  addInt(b.node("Split", {"p", "split"}, {"pq", "pk", "pv"}), "axis", 1);
  b.node("Reshape", {"pq", "shape"}, {"rq"});
  b.node("Relu", {"rq"}, {"q"});
  b.node("Sigmoid", {"pk"}, {"k"});
  addInt(b.node("Concat", {"pv", "pk"}, {"cc"}), "axis", 1);
  b.node("Neg", {"cc"}, {"c"});
  b.node("MatMul", {"x", "w2"}, {"p2"});
  b.node("Reshape", {"p2", "rows"}, {"m"});
  b.node("Slice", {"m", "starts", "ends", "axis1"}, {"sl"});
  b.node("Exp", {"sl"}, {"s"});
  addInt(b.node("Split", {"pv", "halves"}, {"h0", "h1"}), "axis", 1);
  b.node("Sub", {"h1", "h0"}, {"d"});
  b.initializerI64("two", {1}, {2});
  b.initializerI64("zero", {1}, {0});
  b.node("Slice", {"d", "zero", "two", "axis1"}, {"t"});
  check(b, {{1, 6}}, "kiln.packed_mat_mul");
  // Split, Reshape of a part, Reshape of p2, Slice of m, Split of a part;
  // the last Slice's result is a graph output (copied).
  EXPECT_EQ(elidedSteps, 5);
}

TEST_F(CpuKernelTest, SplitsAndSlicesThatCannotBeViewsCopy) {
  // Batch 2 (each part is two runs of its input), a Slice of columns (not
  // contiguous), a reversed Slice, a Split of a graph input and a part that
  // is a graph output: all copy and give the interpreter's values.
  ModelBuilder b;
  b.input("x", {2, 6}).input("z", {1, 6});
  b.output("a", {2, 3}).output("b", {2, 3}).output("s", {2, 2});
  b.output("r", {2, 6}).output("i", {1, 2});
  weight(b, "w", {6, 6});
  b.initializerI64("starts", {1}, {1});
  b.initializerI64("ends", {1}, {3});
  b.initializerI64("axis1", {1}, {1});
  b.initializerI64("rstart", {1}, {-1});
  b.initializerI64("rend", {1}, {-100});
  b.initializerI64("axis0", {1}, {0});
  b.initializerI64("rstep", {1}, {-1});
  b.node("MatMul", {"x", "w"}, {"p"});
  addInt(b.node("Split", {"p"}, {"a0", "b"}), "axis", 1);
  b.node("Relu", {"a0"}, {"a"});
  b.node("Slice", {"p", "starts", "ends", "axis1"}, {"s0"});
  b.node("Neg", {"s0"}, {"s"});
  b.node("Slice", {"p", "rstart", "rend", "axis0", "rstep"}, {"r0"});
  b.node("Abs", {"r0"}, {"r"});
  addInt(b.node("Split", {"z"}, {"i0", "i1", "i2"}), "axis", 1);
  b.node("Add", {"i0", "i1"}, {"i3"});
  b.node("Mul", {"i3", "i2"}, {"i"});
  check(b, {{2, 6}, {1, 6}}, "kiln.packed_mat_mul");
  EXPECT_EQ(elidedSteps, 0);
}

} // namespace
