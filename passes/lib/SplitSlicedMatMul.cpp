//===- SplitSlicedMatMul.cpp - One product per slice of its columns -------===//
//
// See Passes.td. A packed_mat_mul whose result only Slices along the last
// dim read, each from a whole panel on, becomes one packed_mat_mul per
// Slice with that Slice's panels of the weights and part of the bias: the
// Slices' copies go, and each product writes its columns where its
// readers want them.
//
//===----------------------------------------------------------------------===//
#include "PackedLayout.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/ShapeInference.h"
#include "kiln/passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace kiln {
#define GEN_PASS_DEF_SPLITSLICEDMATMUL
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;
using shape::constantInts;
using shape::isNone;

namespace {

/// The columns [begin, end) of a product one Slice takes.
struct Columns {
  SliceOp slice;
  int64_t begin, end;
};

/// The columns \p slice takes of \p y (N columns), when it takes a
/// contiguous range of the last dim only and its result type is static.
std::optional<Columns> slicedColumns(SliceOp slice, RankedTensorType y,
                                     int64_t n) {
  auto out = dyn_cast<RankedTensorType>(slice.getOutput().getType());
  auto starts = constantInts(slice.getStarts());
  auto ends = constantInts(slice.getEnds());
  if (!out || !out.hasStaticShape() || !starts || !ends ||
      starts->size() != 1 || ends->size() != 1)
    return std::nullopt;
  int64_t rank = y.getRank(), axis = rank - 1;
  if (!isNone(slice.getAxes())) {
    auto axes = constantInts(slice.getAxes());
    if (!axes || axes->size() != 1)
      return std::nullopt;
    axis = (*axes)[0] < 0 ? (*axes)[0] + rank : (*axes)[0];
  }
  if (!isNone(slice.getSteps())) {
    auto steps = constantInts(slice.getSteps());
    if (!steps || steps->size() != 1 || (*steps)[0] != 1)
      return std::nullopt;
  }
  // ONNX's clamping of a step-1 slice.
  auto clamp = [&](int64_t v) {
    return std::clamp<int64_t>(v < 0 ? v + n : v, 0, n);
  };
  Columns c{slice, clamp((*starts)[0]), clamp((*ends)[0])};
  if (axis != rank - 1 || c.end <= c.begin ||
      out.getShape().drop_back() != y.getShape().drop_back() ||
      out.getShape().back() != c.end - c.begin)
    return std::nullopt;
  return c;
}

struct SplitSlicedMatMulPass
    : kiln::impl::SplitSlicedMatMulBase<SplitSlicedMatMulPass> {
  void runOnOperation() override {
    SmallVector<PackedMatMulOp> products;
    getOperation().walk([&](PackedMatMulOp op) { products.push_back(op); });
    for (PackedMatMulOp mm : products)
      if (split(mm))
        ++numSplit;
    packed::eraseDeadConstants(getOperation());
  }

  /// Splits \p mm when every reader is a Slice of whole panels from its
  /// first column on and they take no column twice; true when it did.
  bool split(PackedMatMulOp mm) {
    auto y = dyn_cast<RankedTensorType>(mm.getY().getType());
    auto wType = dyn_cast<RankedTensorType>(mm.getW().getType());
    if (!y || !y.hasStaticShape() || y.getRank() < 1 || !wType ||
        !isa<NoneType>(mm.getResidual().getType()) || mm.getY().use_empty())
      return false;
    int64_t n = mm.getColumns(), nr = wType.getDimSize(2);
    if (y.getShape().back() != n)
      return false;
    std::optional<Tensor> w = packed::constantF32Tensor(mm.getW());
    std::optional<std::vector<float>> bias;
    if (!w || (!isa<NoneType>(mm.getBias().getType()) &&
               !(bias = packed::constantF32(mm.getBias()))))
      return false;
    SmallVector<Columns> parts;
    for (Operation *user : mm.getY().getUsers()) {
      auto slice = dyn_cast<SliceOp>(user);
      if (!slice || slice.getData() != mm.getY())
        return false;
      std::optional<Columns> c = slicedColumns(slice, y, n);
      if (!c || c->begin % nr != 0)
        return false;
      parts.push_back(*c);
    }
    // Two readers of one column would compute it twice.
    llvm::sort(parts, [](const Columns &a, const Columns &b) {
      return a.begin < b.begin;
    });
    for (size_t i = 1; i < parts.size(); ++i)
      if (parts[i].begin < parts[i - 1].end)
        return false;

    int64_t k = wType.getDimSize(1);
    const float *from = w->data<float>();
    std::string name = packed::constantName(mm.getW());
    for (Columns &c : parts) {
      OpBuilder b(c.slice);
      int64_t p0 = c.begin / nr, p1 = (c.end + nr - 1) / nr;
      // Panels p0..p1 of the weights: contiguous, copied as they are (the
      // last one's columns past `end` are computed and never stored).
      Value wPart = packed::makeF32ConstantFilled(
          b, mm.getLoc(), {p1 - p0, k, nr},
          name + ".cols" + std::to_string(c.begin),
          [&](llvm::MutableArrayRef<float> data) {
            std::copy(from + p0 * k * nr, from + p1 * k * nr, data.begin());
          });
      Value biasPart = mm.getBias();
      if (bias)
        biasPart = packed::makeF32Constant(
            b, mm.getLoc(), {c.end - c.begin},
            llvm::ArrayRef(*bias).slice(c.begin, c.end - c.begin),
            packed::constantName(mm.getBias()) + ".cols" +
                std::to_string(c.begin));
      Operation *part = b.clone(*mm);
      part->setOperand(1, wPart);
      part->setOperand(2, biasPart);
      part->setAttr("columns", b.getI64IntegerAttr(c.end - c.begin));
      part->getResult(0).setType(c.slice.getOutput().getType());
      part->setLoc(
          FusedLoc::get(b.getContext(), {mm.getLoc(), c.slice.getLoc()}));
      c.slice.getOutput().replaceAllUsesWith(part->getResult(0));
      c.slice->erase();
    }
    mm->erase();
    return true;
  }
};

} // namespace
