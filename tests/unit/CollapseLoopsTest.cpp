//===- CollapseLoopsTest.cpp - Merging the loop dims of pointwise kernels -===//
//
// collapseParallelLoops on small linalg.generic ops over buffers: which dims
// it merges, and the ones it must leave alone (a broadcast operand that
// reads only one dim of a run, a memref whose rows are not contiguous,
// unit dims). Values are checked end to end by the conformance and fuzz
// runs; these pin down the decisions.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/CollapseLoops.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <string>

using namespace mlir;

namespace {

class CollapseLoopsTest : public ::testing::Test {
protected:
  CollapseLoopsTest() {
    ctx.loadDialect<arith::ArithDialect, func::FuncDialect,
                    linalg::LinalgDialect, memref::MemRefDialect>();
  }

  /// Parses a function taking \p args and adding 1 to an element of each
  /// input into the output, with \p maps, collapses it, and returns the
  /// loop count of the generic that results, or -1 on an error.
  int64_t loopsAfter(const std::string &args, const std::string &maps,
                     const std::string &ins, const std::string &outs,
                     int64_t loops) {
    std::string iterators;
    for (int64_t i = 0; i < loops; ++i)
      iterators += std::string(i ? ", " : "") + "\"parallel\"";
    std::string text =
        "func.func @f(" + args + ") {\n  linalg.generic {indexing_maps = [" +
        maps + "], iterator_types = [" + iterators + "]} " + ins + " " + outs +
        " {\n  ^bb0(%a: f32, %o: f32):\n"
        "    linalg.yield %a : f32\n  }\n  return\n}\n";
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
    if (!module || failed(kiln::cpu::collapseParallelLoops(*module)) ||
        failed(module->verify()))
      return -1;
    int64_t result = -1;
    module->walk([&](linalg::GenericOp op) { result = op.getNumLoops(); });
    return result;
  }

  MLIRContext ctx;
};

TEST_F(CollapseLoopsTest, MergesAContiguousPlane) {
  // One channel plane of a 1x144x56x56 tensor: 56 x 56 becomes 3136; the
  // unit dims stay.
  std::string t =
      "memref<1x1x56x56xf32, strided<[451584, 3136, 56, 1], offset: ?>>";
  std::string id = "affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>";
  EXPECT_EQ(loopsAfter("%x: " + t + ", %y: " + t, id + ", " + id,
                       "ins(%x : " + t + ")", "outs(%y : " + t + ")", 4),
            3);
}

TEST_F(CollapseLoopsTest, CopiesBecomeGenericsAndMerge) {
  // A concat's copy of one image's 64 channels into channels 64..127 of a
  // 8x128x55x55 result: both slabs are contiguous, so the copy is one loop
  // of 193600 after the unit dim; a copy of rows with a gap stays 2-D.
  std::string src = "memref<1x64x55x55xf32, strided<[193600, 3025, 55, 1], "
                    "offset: ?>>",
              dst = "memref<1x64x55x55xf32, strided<[387200, 3025, 55, 1], "
                    "offset: ?>>";
  auto loopsOfCopy = [&](const std::string &from, const std::string &to) {
    std::string text = "func.func @f(%x: " + from + ", %y: " + to +
                       ") {\n  linalg.copy ins(%x : " + from +
                       ") outs(%y : " + to + ")\n  return\n}\n";
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
    int64_t result = -1, copies = 0;
    if (!module || failed(kiln::cpu::collapseParallelLoops(*module)) ||
        failed(module->verify()))
      return result;
    module->walk([&](linalg::GenericOp op) { result = op.getNumLoops(); });
    module->walk([&](linalg::CopyOp) { ++copies; });
    return copies ? -1 : result;
  };
  EXPECT_EQ(loopsOfCopy(src, dst), 2);
  EXPECT_EQ(loopsOfCopy("memref<4x8xf32, strided<[16, 1], offset: ?>>",
                        "memref<4x8xf32>"),
            2);
}

TEST_F(CollapseLoopsTest, MergesAroundAPerChannelOperand) {
  // A [1, C, 1, 1] operand reads d1 only: H and W merge.
  std::string out = "memref<2x3x4x5xf32>", ch = "memref<1x3x1x1xf32>";
  EXPECT_EQ(loopsAfter("%x: " + ch + ", %y: " + out,
                       "affine_map<(d0, d1, d2, d3) -> (0, d1, 0, 0)>, "
                       "affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>",
                       "ins(%x : " + ch + ")", "outs(%y : " + out + ")", 4),
            3);
}

TEST_F(CollapseLoopsTest, KeepsARunAnOperandReadsInPart) {
  // (d0, d1) -> (0, d1): the operand repeats along d0, so d0 and d1
  // cannot become one dim.
  EXPECT_EQ(loopsAfter("%x: memref<1x4xf32>, %y: memref<2x4xf32>",
                       "affine_map<(d0, d1) -> (0, d1)>, "
                       "affine_map<(d0, d1) -> (d0, d1)>",
                       "ins(%x : memref<1x4xf32>)",
                       "outs(%y : memref<2x4xf32>)", 2),
            2);
}

TEST_F(CollapseLoopsTest, KeepsRowsThatAreNotContiguous) {
  // An 8x8 window of a 100-wide buffer: its rows are 100 apart.
  std::string t = "memref<8x8xf32, strided<[100, 1], offset: ?>>";
  std::string id = "affine_map<(d0, d1) -> (d0, d1)>";
  EXPECT_EQ(loopsAfter("%x: " + t + ", %y: memref<8x8xf32>", id + ", " + id,
                       "ins(%x : " + t + ")", "outs(%y : memref<8x8xf32>)", 2),
            2);
}

TEST_F(CollapseLoopsTest, KeepsATransposedRead) {
  std::string t = "memref<8x8xf32>";
  EXPECT_EQ(loopsAfter("%x: " + t + ", %y: " + t,
                       "affine_map<(d0, d1) -> (d1, d0)>, "
                       "affine_map<(d0, d1) -> (d0, d1)>",
                       "ins(%x : " + t + ")", "outs(%y : " + t + ")", 2),
            2);
}

} // namespace
