//===- CollapseLoops.cpp - Fewer, longer loops for pointwise kernels ------===//
//
// For each all-parallel linalg.generic on buffers (and each linalg.copy,
// generalized first), the maximal runs of
// adjacent loop dims that every indexing map reads as consecutive results in
// order, or not at all, and every operand lays out contiguously
// become one loop dim; the operands become memref.collapse_shape views.
// It runs after bufferization: collapsing tensors first made bufferization
// copy each result into its destination. (Upstream's
// linalg::populateCollapseDimensions crashed now and then on buffers in
// LLVM 19, so the rewrite is done here.)
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/CollapseLoops.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace kiln::cpu {

/// Whether the dims of \p operand's memref that \p map gives for the loop
/// dims of \p run (consecutive results, or none) are contiguous in memory:
/// each stride is the next one times the next size (unit dims aside).
static bool contiguousIn(Value operand, AffineMap map,
                         const ReassociationIndices &run) {
  auto type = dyn_cast<MemRefType>(operand.getType());
  if (!type)
    return true; // a scalar operand
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(getStridesAndOffset(type, strides, offset)))
    return false;
  SmallVector<int64_t> dims;
  for (int64_t d : run)
    for (unsigned r = 0; r < map.getNumResults(); ++r)
      if (map.getResult(r) == getAffineDimExpr(d, map.getContext()))
        dims.push_back(r);
  for (size_t i = 0; i + 1 < dims.size(); ++i) {
    int64_t outer = dims[i], inner = dims[i + 1];
    if (type.getDimSize(outer) == 1)
      continue;
    if (ShapedType::isDynamic(strides[outer]) ||
        ShapedType::isDynamic(strides[inner]) ||
        strides[outer] != strides[inner] * type.getDimSize(inner))
      return false;
  }
  return true;
}

/// Whether \p map reads the loop dims of \p run as consecutive results in
/// order, or reads none of them. (With linalg::areDimSequencesPreserved
/// in its place, Gemm's 1xN C, read (d0, d1) -> (0, d1), had its run
/// [d0, d1] merged: the conformance run caught it.)
static bool keepsTogether(AffineMap map, const ReassociationIndices &run) {
  SmallVector<int64_t> at;
  for (unsigned r = 0; r < map.getNumResults(); ++r) {
    AffineExpr e = map.getResult(r);
    bool uses =
        llvm::any_of(run, [&](int64_t d) { return e.isFunctionOfDim(d); });
    if (!uses)
      continue;
    auto dim = dyn_cast<AffineDimExpr>(e);
    if (!dim) // a run dim inside a compound expression
      return false;
    at.push_back(r);
    if (dim.getPosition() !=
        static_cast<unsigned>(run.front()) + (at.size() - 1))
      return false; // out of order
  }
  if (at.empty())
    return true;
  return at.size() == run.size() &&
         at.back() - at.front() + 1 == static_cast<int64_t>(run.size());
}

/// The runs of two or more adjacent parallel dims of a static-shaped op on
/// buffers that every indexing map keeps contiguous and in order, and every
/// operand's memref lays out contiguously.
static SmallVector<ReassociationIndices> collapsibleRuns(linalg::LinalgOp op) {
  SmallVector<ReassociationIndices> runs;
  if (!op.hasPureBufferSemantics() || op.hasDynamicShape())
    return runs;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  auto collapsible = [&](const ReassociationIndices &run) {
    if (!llvm::all_of(maps,
                      [&](AffineMap map) { return keepsTogether(map, run); }))
      return false;
    for (OpOperand &operand : op->getOpOperands())
      if (!contiguousIn(operand.get(), op.getMatchingIndexingMap(&operand),
                        run))
        return false;
    return true;
  };
  ReassociationIndices run;
  auto close = [&] {
    if (run.size() >= 2)
      runs.push_back(run);
    run.clear();
  };
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  for (int64_t d = 0, e = op.getNumLoops(); d < e; ++d) {
    // Unit dims stay out of runs: a view can only merge them when their
    // strides happen to line up.
    if (iterators[d] != utils::IteratorType::parallel || ranges[d] == 1) {
      close();
      continue;
    }
    run.push_back(d);
    if (run.size() >= 2 && !collapsible(run)) {
      run.pop_back();
      close();
      run.push_back(d);
    }
  }
  close();
  return runs;
}

/// The operand dims of \p map grouped for \p groups of loop dims: results
/// that are consecutive dims of one group join one operand group. Fails on
/// results other than a dim or a constant.
static FailureOr<SmallVector<ReassociationIndices>>
operandGroups(AffineMap map, ArrayRef<int64_t> groupOf) {
  SmallVector<ReassociationIndices> groups;
  int64_t lastDim = -1;
  for (unsigned r = 0; r < map.getNumResults(); ++r) {
    AffineExpr e = map.getResult(r);
    auto dim = dyn_cast<AffineDimExpr>(e);
    if (!dim && !isa<AffineConstantExpr>(e))
      return failure();
    int64_t d = dim ? dim.getPosition() : -1;
    if (dim && lastDim >= 0 && d == lastDim + 1 &&
        groupOf[d] == groupOf[lastDim])
      groups.back().push_back(r);
    else
      groups.push_back({static_cast<int64_t>(r)});
    lastDim = d;
  }
  return groups;
}

/// Rewrites \p op to iterate over the merged dims of \p runs, reading and
/// writing collapsed views of its operands. Leaves it alone when a view
/// cannot be formed or its body reads loop indices.
static void collapse(linalg::GenericOp op,
                     ArrayRef<ReassociationIndices> runs) {
  if (!op.getBody()->getOps<linalg::IndexOp>().empty())
    return;
  int64_t loops = op.getNumLoops();
  // Loop dim -> its group (a run, or itself).
  SmallVector<int64_t> groupOf(loops);
  int64_t groups = 0;
  for (int64_t d = 0; d < loops; ++groups) {
    const ReassociationIndices *run = llvm::find_if(
        runs, [&](const ReassociationIndices &r) { return r.front() == d; });
    int64_t len = run != runs.end() ? static_cast<int64_t>(run->size()) : 1;
    for (int64_t i = 0; i < len; ++i)
      groupOf[d + i] = groups;
    d += len;
  }
  MLIRContext *ctx = op.getContext();
  OpBuilder b(op);
  SmallVector<Value> views;
  SmallVector<AffineMap> maps;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    FailureOr<SmallVector<ReassociationIndices>> og =
        operandGroups(map, groupOf);
    if (failed(og))
      return;
    SmallVector<AffineExpr> results;
    for (const ReassociationIndices &g : *og) {
      AffineExpr e = map.getResult(g.front());
      if (auto dim = dyn_cast<AffineDimExpr>(e))
        e = getAffineDimExpr(groupOf[dim.getPosition()], ctx);
      results.push_back(e);
    }
    maps.push_back(AffineMap::get(groups, 0, results, ctx));
    Value v = operand.get();
    auto type = dyn_cast<MemRefType>(v.getType());
    if (type && og->size() != static_cast<size_t>(type.getRank())) {
      if (!memref::CollapseShapeOp::isGuaranteedCollapsible(type, *og))
        return;
      views.push_back(b.create<memref::CollapseShapeOp>(op.getLoc(), v, *og));
    } else {
      views.push_back(v);
    }
  }
  SmallVector<utils::IteratorType> iterators(groups,
                                             utils::IteratorType::parallel);
  int64_t numInputs = op.getNumDpsInputs();
  auto merged = b.create<linalg::GenericOp>(
      op.getLoc(), TypeRange{}, ArrayRef<Value>(views).take_front(numInputs),
      ArrayRef<Value>(views).drop_front(numInputs), maps, iterators);
  merged.getRegion().takeBody(op.getRegion());
  op.erase();
}

LogicalResult collapseParallelLoops(ModuleOp kernels) {
  // Copies (bufferization's, of an insert_slice into a concat's result, a
  // reshape...) are pointwise too: as generics they collapse the same way,
  // so a contiguous slab of [64, 55, 55] is one loop, not rows of 55 each
  // ending in scalar copies.
  SmallVector<linalg::CopyOp> copies;
  kernels.walk([&](linalg::CopyOp op) { copies.push_back(op); });
  IRRewriter rewriter(kernels.getContext());
  for (linalg::CopyOp copy : copies) {
    rewriter.setInsertionPoint(copy);
    if (failed(linalg::generalizeNamedOp(rewriter, copy)))
      return failure();
  }
  SmallVector<linalg::GenericOp> ops;
  kernels.walk([&](linalg::GenericOp op) { ops.push_back(op); });
  for (linalg::GenericOp op : ops) {
    // Only ops whose loops are all parallel: a run of parallel dims next to
    // a reduction would need the reduction's maps rewritten too.
    if (llvm::any_of(op.getIteratorTypesArray(), [](utils::IteratorType t) {
          return t != utils::IteratorType::parallel;
        }))
      continue;
    SmallVector<ReassociationIndices> runs = collapsibleRuns(op);
    if (!runs.empty())
      collapse(op, runs);
  }
  return success();
}

} // namespace kiln::cpu
