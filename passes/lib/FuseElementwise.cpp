//===- FuseElementwise.cpp - Group elementwise chains into kernels --------===//
//
// Each elementwise op would otherwise be its own kernel, reading and
// writing whole tensors: SiLU after a convolution is three passes over the
// activation, GELU five. This pass decides which ops the backend fuses and
// records it as `kiln.fusion_group` attributes (see Passes.td); it changes
// no op, so every backend computes the same values with or without it.
//
// One walk in block order, per block (a function's, and each region's of
// a control-flow op). An op may join the group of an operand's producer;
// otherwise an elementwise op or a direct-kernel op starts a group. Epilogue
// groups are then cut back so that only their last value is read outside; the
// ops cut off form a pointwise group.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"

namespace kiln {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// A group being built.
struct Group {
  /// Epilogue groups start at a packed or depthwise op.
  bool epilogue = false;
  /// The result type every member has (epilogue) or the result shape
  /// (pointwise).
  RankedTensorType type;
  llvm::SetVector<Operation *> members;
};

/// The static, non-empty result type of a single-result op, or null.
RankedTensorType resultType(Operation *op) {
  if (op->getNumResults() != 1)
    return {};
  auto t = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  return t && t.hasStaticShape() && t.getNumElements() > 0 ? t
                                                           : RankedTensorType();
}

bool isLeader(Operation *op) {
  RankedTensorType t = resultType(op);
  return t && t.getElementType().isF32() &&
         isa<PackedConvOp, BlockedConvOp, PackedMatMulOp, DepthwiseConvOp,
             WinogradConvOp>(op);
}

bool isPointwise(Operation *op) {
  return op->hasTrait<kiln::OpTrait::KilnElementwise>() && resultType(op) &&
         llvm::all_of(op->getOperandTypes(), [](Type t) {
           auto r = dyn_cast<RankedTensorType>(t);
           return r && r.hasStaticShape();
         });
}

/// Whether \p v is a constant of one f32 element (a splat in an epilogue).
bool isScalarF32Constant(Value v) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return v.getDefiningOp<ConstantOp>() && t && t.hasStaticShape() &&
         t.getNumElements() == 1 && t.getElementType().isF32();
}

struct FuseElementwisePass
    : public kiln::impl::FuseElementwiseBase<FuseElementwisePass> {
  using FuseElementwiseBase::FuseElementwiseBase;

  void runOnOperation() override {
    int64_t next = 0;
    // Every block: a function's, and a control-flow op's regions' (a
    // loop body's chain fuses like any other; no group spans two blocks).
    getOperation().walk([&](func::FuncOp f) {
      f.walk([&](Block *block) { groupBlock(*block, next); });
    });
  }

  /// The op of \p block that \p user is or is nested in.
  static Operation *inBlock(Block &block, Operation *user) {
    return block.findAncestorOpInBlock(*user);
  }

  /// Whether an op outside \p g that reads a value of \p g comes before
  /// \p op in \p block.
  static bool readBefore(Block &block, const Group &g, Operation *op) {
    for (Operation *m : g.members)
      for (Operation *user : m->getUsers()) {
        Operation *u = inBlock(block, user);
        if (u && !g.members.contains(u) && u->isBeforeInBlock(op))
          return true;
      }
    return false;
  }

  /// Whether \p op may join \p g.
  static bool canJoin(Block &block, const Group &g, Operation *op) {
    RankedTensorType t = resultType(op);
    if (g.epilogue) {
      if (t != g.type)
        return false;
      for (Value v : op->getOperands()) {
        Operation *def = v.getDefiningOp();
        if (!(def && g.members.contains(def)) && !isScalarF32Constant(v))
          return false;
      }
    } else if (t.getShape() != g.type.getShape()) {
      return false;
    }
    return !readBefore(block, g, op);
  }

  /// Whether a value of \p m is read outside \p g (a return counts).
  static bool escapes(const Group &g, Operation *m) {
    return llvm::any_of(m->getUsers(), [&](Operation *user) {
      return !g.members.contains(user);
    });
  }

  void groupBlock(Block &block, int64_t &next) {
    std::vector<Group> groups;
    llvm::DenseMap<Operation *, size_t> groupOf;
    for (Operation &op : block) {
      if (isLeader(&op)) {
        groups.push_back({true, resultType(&op), {}});
        groups.back().members.insert(&op);
        groupOf[&op] = groups.size() - 1;
        continue;
      }
      if (!isPointwise(&op))
        continue;
      bool joined = false;
      for (Value v : op.getOperands()) {
        auto it = groupOf.find(v.getDefiningOp());
        if (it == groupOf.end() || !canJoin(block, groups[it->second], &op))
          continue;
        groups[it->second].members.insert(&op);
        groupOf[&op] = it->second;
        joined = true;
        break;
      }
      if (!joined) {
        groups.push_back({false, resultType(&op), {}});
        groups.back().members.insert(&op);
        groupOf[&op] = groups.size() - 1;
      }
    }
    OpBuilder b(&getContext());
    auto mark = [&](ArrayRef<Operation *> members) {
      if (members.size() < 2)
        return;
      for (Operation *m : members)
        m->setAttr("kiln.fusion_group", b.getI64IntegerAttr(next));
      ++next;
      ++numGroups;
      numGrouped += members.size();
    };
    for (Group &g : groups) {
      // Only an epilogue's last value may leave it. What is cut off is
      // still a pointwise group: its members have one shape, and each
      // joined with nothing outside reading a member before it.
      SmallVector<Operation *> cut;
      while (g.epilogue && g.members.size() > 1 &&
             llvm::any_of(g.members.getArrayRef().drop_back(),
                          [&](Operation *m) { return escapes(g, m); }))
        cut.insert(cut.begin(), g.members.pop_back_val());
      mark(g.members.getArrayRef());
      mark(cut);
    }
  }
};

} // namespace
