//===- SplitBatch.cpp - Large early layers a part of the batch at a time --===//
//
// See Passes.td. Only ops of a function's body are split (a control-flow
// region is a run breaker: its op has regions), and only static shapes.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/BatchItems.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/DenseSet.h"

namespace kiln {
#define GEN_PASS_DEF_SPLITBATCH
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// What splitting one op involves.
struct ItemOp {
  Operation *op;
  int64_t batch;
  /// Per operand: it carries the batch.
  SmallVector<bool> itemOperand;
  /// Bytes of the largest item operand or result (whole batch), and of the
  /// other tensor operands together.
  int64_t activationBytes = 0, otherBytes = 0;
  /// An elementwise op (it mostly runs inside its neighbours' kernels: an
  /// epilogue, a fused chain) or a view: splitting it saves no traffic.
  bool movesNothing = false;
};

/// Operands read whole up to this many elements (shapes, scalars, which
/// the backend clones into kernels) cost nothing to read again per part.
constexpr int64_t kSmallOperand = 64;

/// Bytes of a static tensor type.
int64_t bytesOf(RankedTensorType t) {
  return t.getNumElements() * static_cast<int64_t>(std::max<unsigned>(
                                  1, t.getElementTypeBitWidth() / 8));
}

/// \p t with dim 0 set to \p items.
RankedTensorType withItems(RankedTensorType t, int64_t items) {
  SmallVector<int64_t> dims(t.getShape());
  dims[0] = items;
  return RankedTensorType::get(dims, t.getElementType(), t.getEncoding());
}

/// \p op as an op of independent batch items, or nothing.
std::optional<ItemOp> classify(Operation *op) {
  if (op->getNumRegions() != 0 || op->getNumResults() == 0 ||
      !isa<KilnDialect>(op->getDialect()))
    return std::nullopt;
  bool elementwise = op->hasTrait<kiln::OpTrait::KilnElementwise>();
  auto items = dyn_cast<BatchItemsOpInterface>(op);
  if (!elementwise && (!items || !items.itemsAreIndependent()))
    return std::nullopt;
  ItemOp info{op, 0, {}};
  info.movesNothing = elementwise || !items.movesData();
  int64_t rank = 0;
  for (Value r : op->getResults()) {
    auto t = dyn_cast<RankedTensorType>(r.getType());
    if (!t || !t.hasStaticShape() || t.getRank() == 0)
      return std::nullopt;
    if (info.batch == 0) {
      info.batch = t.getDimSize(0);
      rank = t.getRank();
    }
    if (t.getDimSize(0) != info.batch)
      return std::nullopt;
    info.activationBytes = std::max(info.activationBytes, bytesOf(t));
  }
  if (info.batch < 2)
    return std::nullopt;
  bool anyItemOperand = false;
  for (OpOperand &operand : op->getOpOperands()) {
    Type type = operand.get().getType();
    auto t = dyn_cast<RankedTensorType>(type);
    bool item = false;
    if (elementwise)
      item = t && t.getRank() == rank && t.getDimSize(0) == info.batch;
    else if (!isa<NoneType>(type))
      item = items.isItemOperand(operand.getOperandNumber());
    info.itemOperand.push_back(item);
    if (isa<NoneType>(type))
      continue;
    if (!t || !t.hasStaticShape())
      return std::nullopt;
    if (item) {
      if (t.getRank() == 0 || t.getDimSize(0) != info.batch)
        return std::nullopt;
      anyItemOperand = true;
      info.activationBytes = std::max(info.activationBytes, bytesOf(t));
    } else if (t.getNumElements() > kSmallOperand) {
      info.otherBytes += bytesOf(t);
    }
  }
  if (!anyItemOperand)
    return std::nullopt;
  return info;
}

struct SplitBatchPass : kiln::impl::SplitBatchBase<SplitBatchPass> {
  using SplitBatchBase::SplitBatchBase;

  void runOnOperation() override {
    if (cacheBytes < 1 || maxParts < 2) {
      getOperation().emitError("expected cache-bytes >= 1 and max-parts >= "
                               "2, found ")
          << cacheBytes.getValue() << " and " << maxParts.getValue();
      return signalPassFailure();
    }
    for (auto f : getOperation().getOps<func::FuncOp>())
      if (!f.isExternal())
        splitBlock(f.getBody().front());
  }

  /// Largest activation one part may hold.
  int64_t budget() const { return 2 * cacheBytes; }

  /// Splits the runs of \p block.
  void splitBlock(Block &block) {
    std::vector<ItemOp> run;
    llvm::DenseSet<Operation *> inRun;
    SmallVector<std::vector<ItemOp>> runs;
    auto flush = [&] {
      if (!run.empty())
        runs.push_back(std::move(run));
      run.clear();
      inRun.clear();
    };
    for (Operation &op : block.without_terminator()) {
      std::optional<ItemOp> info = classify(&op);
      // Ops that read nothing the run computes (the weight constants
      // between its ops) stay where they are, before the parts.
      if (!info && llvm::none_of(op.getOperands(), [&](Value v) {
            return inRun.contains(v.getDefiningOp());
          }))
        continue;
      // An operand read whole must be complete before the run's first part
      // starts: one the run computes ends the run.
      if (info)
        for (auto [operand, item] :
             llvm::zip(op.getOperands(), info->itemOperand))
          if (!item && inRun.contains(operand.getDefiningOp()))
            flush();
      if (!info || (!run.empty() && run.front().batch != info->batch)) {
        flush();
        if (!info)
          continue;
      }
      run.push_back(std::move(*info));
      inRun.insert(&op);
    }
    flush();
    for (std::vector<ItemOp> &r : runs)
      splitRun(r);
  }

  /// True when \p i's activation stays in the cache if split: it exceeds
  /// the budget and the op moves data of its own.
  bool saves(const ItemOp &i) const {
    return !i.movesNothing && i.activationBytes > budget();
  }

  /// Items per part for \p ops: as many as keep the largest activation of
  /// an op worth splitting within the budget, at least 1 and at least a
  /// max-parts'th of the batch; the batch when no op is worth splitting.
  int64_t itemsPerPart(ArrayRef<ItemOp> ops) const {
    int64_t batch = ops.front().batch, itemBytes = 0;
    for (const ItemOp &i : ops)
      if (saves(i))
        itemBytes = std::max(itemBytes, i.activationBytes / batch);
    if (itemBytes == 0)
      return batch;
    int64_t perPart = std::clamp<int64_t>(budget() / itemBytes, 1, batch);
    return std::max(perPart, (batch + maxParts - 1) / maxParts);
  }

  /// Splits the contiguous ops of \p run that gain most: an op's
  /// activation above the budget is memory traffic a part saves (it stays
  /// in the cache), unless the op is elementwise (it runs in a neighbour's
  /// kernel: a BERT's GELU between two weight-heavy products stays whole)
  /// or a view; its other operands (weights) are read again by every part
  /// but the first; and the inputs of the chosen ops are copied into the
  /// parts.
  void splitRun(ArrayRef<ItemOp> run) {
    int64_t perPart = itemsPerPart(run), batch = run.front().batch;
    if (perPart >= batch)
      return;
    int64_t parts = (batch + perPart - 1) / perPart;
    auto gain = [&](const ItemOp &i) {
      int64_t saved = saves(i) ? i.activationBytes : 0;
      return saved - i.otherBytes * (parts - 1);
    };
    // The contiguous ops of largest total gain (Kadane's scan), extended
    // over the ops of no gain or cost after them (an elementwise tail
    // stays with the part whose result it reads).
    int64_t best = 0, sum = 0;
    size_t begin = 0, bestBegin = 0, bestEnd = 0;
    for (size_t i = 0; i < run.size(); ++i) {
      if (sum <= 0) {
        sum = 0;
        begin = i;
      }
      sum += gain(run[i]);
      if (sum > 0 && (sum > best || (sum == best && begin == bestBegin))) {
        best = sum;
        bestBegin = begin;
        bestEnd = i + 1;
      }
    }
    if (best <= 0)
      return;
    ArrayRef<ItemOp> ops = run.slice(bestBegin, bestEnd - bestBegin);
    // Each item operand from outside the ops is copied into the parts
    // (kiln.slice): a LayerNorm alone would copy what it saves.
    llvm::DenseSet<Operation *> inSegment;
    for (const ItemOp &i : ops)
      inSegment.insert(i.op);
    llvm::DenseSet<Value> sliced;
    for (const ItemOp &i : ops)
      for (auto [v, item] : llvm::zip(i.op->getOperands(), i.itemOperand))
        if (item && !inSegment.contains(v.getDefiningOp()) &&
            sliced.insert(v).second)
          best -= bytesOf(cast<RankedTensorType>(v.getType()));
    if (best <= 0)
      return;
    perPart = itemsPerPart(ops);
    if (perPart >= batch)
      return;
    split(ops, inSegment, perPart);
    ++numRuns;
    numOps += ops.size();
  }

  /// Clones \p ops (whose operations \p inSegment holds) once per part of
  /// \p perPart items (the last part may have fewer), after the last of
  /// them, and joins the results read elsewhere.
  void split(ArrayRef<ItemOp> ops, const llvm::DenseSet<Operation *> &inSegment,
             int64_t perPart) {
    int64_t batch = ops.front().batch;
    OpBuilder b(ops.back().op->getContext());
    b.setInsertionPointAfter(ops.back().op);
    Location loc = ops.front().op->getLoc();
    auto i64Constant = [&](int64_t v) -> Value {
      auto type = RankedTensorType::get({1}, b.getI64Type());
      return b.create<ConstantOp>(loc,
                                  DenseElementsAttr::get(type, ArrayRef(v)));
    };
    Value none = b.create<NoneOp>(loc, b.getNoneType());
    Value axis0 = i64Constant(0);
    // Per original result: its value in each part.
    llvm::DenseMap<Value, SmallVector<Value>> parts;
    for (int64_t begin = 0; begin < batch; begin += perPart) {
      int64_t items = std::min(perPart, batch - begin);
      IRMapping map;
      llvm::DenseMap<Value, Value> slices;
      Value starts, ends;
      auto sliceOf = [&](Value v) {
        Value &slice = slices[v];
        if (!slice) {
          if (!starts) {
            starts = i64Constant(begin);
            ends = i64Constant(begin + items);
          }
          auto type = withItems(cast<RankedTensorType>(v.getType()), items);
          slice =
              b.create<SliceOp>(v.getLoc(), type, v, starts, ends, axis0, none);
          slice.getDefiningOp()->setAttr(
              kItemsAttrName, b.getDenseI64ArrayAttr({begin, begin + items}));
        }
        return slice;
      };
      for (const ItemOp &info : ops) {
        SmallVector<std::pair<unsigned, Value>> sliced;
        for (auto [index, item] : llvm::enumerate(info.itemOperand)) {
          Value v = info.op->getOperand(index);
          if (item && !inSegment.contains(v.getDefiningOp()))
            sliced.push_back({index, sliceOf(v)});
        }
        Operation *clone = b.clone(*info.op, map);
        for (auto [index, slice] : sliced)
          clone->setOperand(index, slice);
        for (Value r : clone->getResults())
          r.setType(withItems(cast<RankedTensorType>(r.getType()), items));
        clone->setAttr(kItemsAttrName,
                       b.getDenseI64ArrayAttr({begin, begin + items}));
        if (auto iface = dyn_cast<BatchItemsOpInterface>(clone)) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(clone);
          iface.restateItemCount(b, items);
        }
        for (auto [r, c] :
             llvm::zip(info.op->getResults(), clone->getResults()))
          parts[r].push_back(c);
      }
    }
    for (const ItemOp &info : ops)
      for (Value r : info.op->getResults()) {
        auto outside = [&](OpOperand &use) {
          return !inSegment.contains(use.getOwner());
        };
        if (llvm::none_of(r.getUses(), outside))
          continue;
        Value joined = b.create<ConcatOp>(info.op->getLoc(), r.getType(),
                                          parts[r], b.getI64IntegerAttr(0));
        r.replaceUsesWithIf(joined, outside);
      }
    for (const ItemOp &info : llvm::reverse(ops))
      info.op->erase();
  }
};

} // namespace
