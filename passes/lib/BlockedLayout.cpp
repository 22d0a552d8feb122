//===- BlockedLayout.cpp - Channel-blocked layout for conv chains ---------===//
//
// See Passes.td. The layout is decided once, here, for whole chains:
//
//  1. Blockable ops: packed convolutions without prologue whose output
//     channels are a multiple of the block c (the target's vector lanes):
//     1x1 at stride 1 without pads, and others (blockableConv) between
//     planes that are not whole 64-byte lines; depthwise convolutions of whole
//     blocks the channel-blocked depthwise kernel takes; elementwise ops with
//     an f32 rank-4 result of such channels whose operands are of the result's
//     shape, per channel (n' x C x 1 x 1, n' = 1 or N, any leading dims
//     dropped) or single values; concats of such tensors along the channels.
//  2. Chains: the connected sets of blockable ops of one block, joined where
//     one reads another's result as its full-shape operand. A chain is
//     blocked when the input copies its convolutions save outweigh its
//     reorders (pays()); a chain without a convolution never is.
//  3. Rewrite: each op of a chain is rebuilt on rank-5 NCHWc values. Values
//     from outside enter through one kiln.to_blocked each (shared by the
//     block's chains), except a convolution's input, which kiln.blocked_conv
//     reads in NCHW as well at no cost, and per-channel operands, which are
//     already in channel-block order (a constant is re-made in its blocked
//     shape, another value viewed through a reshape). Global average pools
//     of a result read it blocked (kiln.blocked_global_average_pool, whose
//     N x C x 1 x 1 result needs no reorder); other readers outside take
//     it through one kiln.from_blocked per result.
//
//===----------------------------------------------------------------------===//
#include "PackedLayout.h"

#include "kiln/ir/BatchItems.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/SetVector.h"

namespace kiln {
#define GEN_PASS_DEF_BLOCKEDLAYOUT
#include "kiln/passes/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using namespace kiln;

namespace {

/// How a blocked op reads one of its operands.
enum class Use {
  Full,       ///< the result's NCHW shape: through its blocked form
  PerChannel, ///< n' x C x 1 x 1 (or fewer leading dims): reshaped
  Single,     ///< one value: as it is
  No,         ///< none of these: the op cannot be blocked
};

/// A static f32 NCHW type with channels a multiple of \p c, else null.
RankedTensorType blockableType(Type t, int64_t c) {
  auto r = dyn_cast<RankedTensorType>(t);
  if (!r || !r.hasStaticShape() || r.getRank() != 4 ||
      !r.getElementType().isF32() || r.getDimSize(1) % c != 0 ||
      r.getNumElements() == 0)
    return {};
  return r;
}

/// Gives \p to the batch items \p from computes (kiln-split-batch's mark,
/// BatchItems.h), if any: the JIT runs the parts side by side by it.
void copyItems(Operation *from, Operation *to) {
  if (!from)
    return;
  if (Attribute items = from->getAttr(kItemsAttrName))
    to->setAttr(kItemsAttrName, items);
}

/// The NCHWc form of the NCHW \p t.
RankedTensorType blockedType(RankedTensorType t, int64_t c) {
  auto d = t.getShape();
  return RankedTensorType::get({d[0], d[1] / c, d[2], d[3], c},
                               t.getElementType());
}

struct BlockedLayoutPass : kiln::impl::BlockedLayoutBase<BlockedLayoutPass> {
  using BlockedLayoutBase::BlockedLayoutBase;

  void runOnOperation() override {
    if (vectorLanes < 2 || panelWidth < 1 || panelWidth % vectorLanes != 0) {
      getOperation().emitError("expected vector-lanes >= 2 and a panel-width "
                               "multiple of it, found ")
          << vectorLanes << " and " << panelWidth;
      return signalPassFailure();
    }
    SmallVector<Block *> blocks;
    getOperation()->walk([&](Block *block) { blocks.push_back(block); });
    for (Block *block : blocks)
      runOnBlock(*block);
    packed::eraseDeadConstants(getOperation());
  }

  /// How \p op reads \p v when blocked with result type \p y.
  Use useOf(Value v, RankedTensorType y) const {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    if (!t || !t.hasStaticShape() || !t.getElementType().isF32() ||
        t.getRank() > 4)
      return Use::No;
    if (t == y)
      return Use::Full;
    if (t.getNumElements() == 1)
      return Use::Single;
    SmallVector<int64_t> d(4 - t.getRank(), 1);
    llvm::append_range(d, t.getShape());
    if (d[1] == y.getDimSize(1) && d[2] == 1 && d[3] == 1 &&
        (d[0] == 1 || d[0] == y.getDimSize(0)))
      return Use::PerChannel;
    return Use::No;
  }

  /// Whether \p conv runs as a kiln.blocked_conv (its X may have any
  /// channels when 1x1: the kernel reads an NCHW X as it is; with a window,
  /// strides or pads, whole blocks of them, dilation 1, and pads that keep
  /// the tap at their offset inside X: BlockedConvSpatial.cpp). Not with a
  /// prologue: as blocked elementwise ops before the conv, a
  /// squeeze-and-excitation's scale cost more than the NCHW kernel's
  /// packing, which applies it (MobileNetV3's SE blocks 2-17 % slower,
  /// docs/architecture.md).
  bool blockableConv(PackedConvOp conv) const {
    auto x = dyn_cast<RankedTensorType>(conv.getX().getType());
    auto y = blockableType(conv.getY().getType(), vectorLanes);
    if (!x || !y || !x.hasStaticShape() || x.getRank() != 4 ||
        x.getDimSize(2) * x.getDimSize(3) <= 1 || !conv.getPrologue().empty() ||
        conv.getInActivation() ||
        (!isa<NoneType>(conv.getResidual().getType()) &&
         conv.getResidual().getType() != Type(y)) ||
        !packed::constantF32Tensor(conv.getW()).has_value())
      return false;
    if (isPointwise(conv))
      return true;
    return packed::allEqual(conv.getDilations(), 1) &&
           x.getDimSize(1) % vectorLanes == 0 &&
           x.getDimSize(2) * x.getDimSize(3) % 16 != 0 &&
           y.getDimSize(2) * y.getDimSize(3) % 16 != 0 &&
           BlockedConvOp::centerTapCovers(conv.getKernelShape(),
                                          conv.getPads());
  }

  /// Whether \p conv is 1x1 at stride 1 without pads.
  static bool isPointwise(PackedConvOp conv) {
    return packed::allEqual(conv.getKernelShape(), 1) &&
           packed::allEqual(conv.getStrides(), 1) &&
           packed::allEqual(conv.getPads(), 0);
  }

  /// Whether \p dw runs in the blocked layout: the channel-blocked
  /// depthwise kernel's shapes (no dilation, stride 1 or 2, its ring of kh
  /// input rows and an output row within 64 KB: DepthwiseBlocked.cpp).
  bool blockableDepthwise(DepthwiseConvOp dw) const {
    auto x = blockableType(dw.getX().getType(), vectorLanes);
    auto y = blockableType(dw.getY().getType(), vectorLanes);
    if (!x || !y || !packed::allEqual(dw.getDilations(), 1))
      return false;
    auto at = [](ArrayAttr a, unsigned i) {
      return cast<IntegerAttr>(a[i]).getInt();
    };
    int64_t kh = at(dw.getKernelShape(), 0), kw = at(dw.getKernelShape(), 1);
    int64_t sw = at(dw.getStrides(), 1), pl = at(dw.getPads(), 1);
    if (at(dw.getStrides(), 0) > 2 || sw > 2)
      return false;
    int64_t ringCols =
        std::max(pl + x.getDimSize(3), (y.getDimSize(3) - 1) * sw + kw);
    int64_t outCols =
        (y.getDimSize(3) + vectorLanes - 1) / vectorLanes * vectorLanes;
    return (kh * ringCols + outCols) * vectorLanes * 4 <= 64 * 1024;
  }

  /// Whether \p op can run in the blocked layout (see the file comment).
  bool blockable(Operation *op) const {
    if (auto conv = dyn_cast<PackedConvOp>(op))
      return blockableConv(conv);
    if (auto dw = dyn_cast<DepthwiseConvOp>(op))
      return blockableDepthwise(dw);
    if (op->getNumResults() != 1 || !op->getRegions().empty())
      return false;
    auto y = blockableType(op->getResult(0).getType(), vectorLanes);
    if (!y)
      return false;
    if (auto concat = dyn_cast<ConcatOp>(op)) {
      int64_t axis = concat.getAxis().value_or(0);
      return (axis == 1 || axis == -3) &&
             llvm::all_of(concat.getInputs(), [&](Value v) {
               return blockableType(v.getType(), vectorLanes) != nullptr;
             });
    }
    if (!op->hasTrait<kiln::OpTrait::KilnElementwise>())
      return false;
    return llvm::all_of(op->getOperands(),
                        [&](Value v) { return useOf(v, y) != Use::No; });
  }

  /// The operands of blocked \p op through which it joins the chain of
  /// their producer: the full-shape ones.
  SmallVector<Value> chainOperands(Operation *op) const {
    if (auto conv = dyn_cast<PackedConvOp>(op)) {
      SmallVector<Value> v;
      if (blockableType(conv.getX().getType(), vectorLanes))
        v.push_back(conv.getX());
      if (!isa<NoneType>(conv.getResidual().getType()))
        v.push_back(conv.getResidual());
      return v;
    }
    if (isa<ConcatOp>(op))
      return SmallVector<Value>(op->getOperands());
    if (auto dw = dyn_cast<DepthwiseConvOp>(op))
      return {dw.getX()};
    auto y = cast<RankedTensorType>(op->getResult(0).getType());
    SmallVector<Value> v;
    for (Value operand : op->getOperands())
      if (useOf(operand, y) == Use::Full)
        v.push_back(operand);
    return v;
  }

  void runOnBlock(Block &block) {
    // 1-2. Blockable ops, joined into chains.
    llvm::SetVector<Operation *> ops;
    for (Operation &op : block)
      if (blockable(&op))
        ops.insert(&op);
    llvm::EquivalenceClasses<Operation *> chains;
    for (Operation *op : ops) {
      chains.insert(op);
      for (Value v : chainOperands(op))
        if (Operation *def = v.getDefiningOp(); def && ops.contains(def))
          chains.unionSets(op, def);
    }
    DenseMap<Value, Value> entering;
    for (auto it = chains.begin(); it != chains.end(); ++it) {
      if (!it->isLeader())
        continue;
      SmallVector<Operation *> chain(chains.member_begin(it),
                                     chains.member_end());
      if (llvm::none_of(chain,
                        [](Operation *op) { return isa<PackedConvOp>(op); }))
        continue;
      if (!pays(chain))
        continue;
      llvm::sort(chain, [](Operation *a, Operation *b) {
        return a->isBeforeInBlock(b);
      });
      rewriteChain(chain, entering);
    }
  }

  /// Whether \p user is a global average pool of \p v, which a blocked
  /// pool computes from v's blocked form without a reorder (its N x C x 1 x
  /// 1 result is in NCHW and NCHWc order at once).
  static bool isPoolOf(Operation *user, Value v) {
    return isa<GlobalAveragePoolOp>(user) && user->getOperand(0) == v &&
           user->getNumResults() == 1;
  }

  /// Elements of the tensor \p v.
  static int64_t elements(Value v) {
    return cast<RankedTensorType>(v.getType()).getNumElements();
  }

  /// Whether blocking \p chain moves fewer elements than it saves: each
  /// convolution the NCHW kernel would run on a packed copy of its input
  /// (any plane that is not whole 64-byte lines, and every plane below 16
  /// lanes, i.e. without 32 vector registers: Conv.cpp) saves that copy,
  /// since kiln.blocked_conv reads its input in place in either layout;
  /// each value entering or leaving the chain costs a reorder of its
  /// elements (none for a result read only by global average pools). A
  /// copy and a reorder both move each element once through the caches, so the
  /// rule compares counts (docs/architecture.md has what it measured against
  /// blocking every chain).
  bool pays(ArrayRef<Operation *> chain) const {
    llvm::SmallPtrSet<Operation *, 16> inChain(chain.begin(), chain.end());
    int64_t saved = 0, moved = 0;
    llvm::SmallPtrSet<Value, 16> entering;
    for (Operation *op : chain) {
      if (auto conv = dyn_cast<PackedConvOp>(op)) {
        auto x = cast<RankedTensorType>(conv.getX().getType());
        int64_t plane = x.getDimSize(2) * x.getDimSize(3);
        if (vectorLanes < 16 || plane % 16 != 0 || !isPointwise(conv))
          saved += elements(conv.getX());
      }
      for (Value v : chainOperands(op)) {
        Operation *def = v.getDefiningOp();
        bool convInput = isa<PackedConvOp>(op) && v == op->getOperand(0);
        if ((!def || !inChain.contains(def)) && !convInput &&
            entering.insert(v).second)
          moved += elements(v);
      }
      Value result = op->getResult(0);
      if (llvm::any_of(result.getUsers(), [&](Operation *u) {
            return !inChain.contains(u) && !isPoolOf(u, result);
          }))
        moved += elements(result);
    }
    return saved > moved;
  }

  /// 3. Rebuilds \p chain (in block order) on blocked values. \p entering
  /// holds the blocked forms of values from outside the chains, shared by
  /// all chains of the block (a stage's input feeds both its first conv and
  /// its residual add).
  void rewriteChain(ArrayRef<Operation *> chain,
                    DenseMap<Value, Value> &entering) {
    llvm::SmallPtrSet<Operation *, 16> inChain(chain.begin(), chain.end());
    DenseMap<Value, Value> blocked;
    int64_t c = vectorLanes;
    OpBuilder b(chain.front());
    // The blocked form of \p v: the chain's own, or one reorder right after
    // v's definition, which dominates every op that reads v.
    auto blockedOf = [&](Value v) -> Value {
      if (Value known = blocked.lookup(v))
        return known;
      if (Value known = entering.lookup(v))
        return known;
      auto t = cast<RankedTensorType>(v.getType());
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointAfterValue(v);
      auto r = b.create<ToBlockedOp>(v.getLoc(), blockedType(t, c), v,
                                     b.getI64IntegerAttr(c));
      copyItems(v.getDefiningOp(), r);
      ++numReorders;
      entering[v] = r;
      return r;
    };
    // The blocked form of \p v if some chain made it already, else null.
    auto knownBlocked = [&](Value v) -> Value {
      if (Value known = blocked.lookup(v))
        return known;
      return entering.lookup(v);
    };
    // A per-channel operand as n' x C/c x 1 x 1 x c: the same elements.
    auto perChannel = [&](Value v, RankedTensorType y) -> Value {
      auto t = cast<RankedTensorType>(v.getType());
      int64_t n = t.getRank() == 4 ? t.getDimSize(0) : 1;
      SmallVector<int64_t> shape{n, y.getDimSize(1) / c, 1, 1, c};
      // A constant (a scale, a shift) becomes one of the new shape.
      if (std::optional<std::vector<float>> values = packed::constantF32(v))
        return packed::makeF32Constant(b, v.getLoc(), shape, *values,
                                       packed::constantName(v) + ".blocked");
      auto shapeType = RankedTensorType::get({5}, b.getI64Type());
      Value s = b.create<ConstantOp>(
          v.getLoc(), DenseElementsAttr::get(shapeType, ArrayRef(shape)));
      auto view = b.create<ReshapeOp>(
          v.getLoc(), RankedTensorType::get(shape, t.getElementType()), v, s,
          IntegerAttr());
      copyItems(v.getDefiningOp(), view);
      return view;
    };

    for (Operation *op : chain) {
      b.setInsertionPoint(op);
      auto y = cast<RankedTensorType>(op->getResult(0).getType());
      RankedTensorType by = blockedType(y, c);
      Operation *made;
      if (auto conv = dyn_cast<PackedConvOp>(op)) {
        made = rebuildConv(b, conv, blockedOf, knownBlocked, by);
      } else if (auto dw = dyn_cast<DepthwiseConvOp>(op)) {
        IRMapping operands;
        operands.map(dw.getX(), blockedOf(dw.getX()));
        made = b.clone(*op, operands);
        made->getResult(0).setType(by);
      } else if (auto concat = dyn_cast<ConcatOp>(op)) {
        SmallVector<Value> inputs;
        for (Value v : concat.getInputs())
          inputs.push_back(blockedOf(v));
        made = b.create<ConcatOp>(concat.getLoc(), by, inputs,
                                  b.getI64IntegerAttr(1));
      } else {
        // The operands first, so that they dominate the clone.
        IRMapping operands;
        for (Value v : op->getOperands()) {
          Use use = useOf(v, y);
          if (use == Use::Full)
            operands.map(v, blockedOf(v));
          else if (use == Use::PerChannel)
            operands.map(v, perChannel(v, y));
        }
        made = b.clone(*op, operands);
        made->getResult(0).setType(by);
      }
      copyItems(op, made);
      blocked[op->getResult(0)] = made->getResult(0);
    }

    // Global average pools of results pool the blocked values instead;
    // other users outside the chain read through one reorder per result.
    for (Operation *op : chain) {
      Value old = op->getResult(0);
      Value now = blocked[old];
      SmallVector<Operation *> pools;
      for (Operation *u : old.getUsers())
        if (!inChain.contains(u) && isPoolOf(u, old))
          pools.push_back(u);
      for (Operation *pool : pools) {
        b.setInsertionPoint(pool);
        auto made = b.create<BlockedGlobalAveragePoolOp>(
            pool->getLoc(), pool->getResult(0).getType(), now);
        copyItems(pool, made);
        pool->getResult(0).replaceAllUsesWith(made.getResult());
        pool->erase();
        ++numPools;
      }
      if (llvm::all_of(old.getUsers(),
                       [&](Operation *u) { return inChain.contains(u); }))
        continue;
      b.setInsertionPointAfterValue(now);
      auto back = b.create<FromBlockedOp>(op->getLoc(), old.getType(), now);
      copyItems(op, back);
      ++numReorders;
      old.replaceUsesWithIf(
          back, [&](OpOperand &u) { return !inChain.contains(u.getOwner()); });
    }
    for (Operation *op : llvm::reverse(chain)) {
      if (isa<PackedConvOp>(op))
        ++numConvs;
      op->dropAllUses();
      op->erase();
    }
  }

  /// The kiln.blocked_conv computing \p conv, its weights re-packed from
  /// the conv's panels of mr output channels into panels of panelWidth.
  Operation *rebuildConv(OpBuilder &b, PackedConvOp conv,
                         llvm::function_ref<Value(Value)> blockedOf,
                         llvm::function_ref<Value(Value)> knownBlocked,
                         RankedTensorType by) {
    std::optional<Tensor> src = packed::constantF32Tensor(conv.getW());
    auto wType = cast<RankedTensorType>(conv.getW().getType());
    int64_t k = wType.getDimSize(1), mr = wType.getDimSize(2);
    auto ks = packed::ints(conv.getKernelShape());
    int64_t taps = ks[0] * ks[1], cin = k / taps;
    int64_t cout = conv.getOutChannels(), nr = panelWidth;
    int64_t panels = (cout + nr - 1) / nr;
    const float *from = src->data<float>();
    // W[p][ci * taps + t][i] = weight[p * mr + i][ci][t] -> W'[q][t * C +
    // ci][j] = weight[q * nr + j][ci][t] (PackedLayout.h; LayoutOps.td).
    Value w = packed::makeF32ConstantFilled(
        b, conv.getLoc(), {panels, k, nr},
        packed::constantName(conv.getW()) + ".blocked",
        [&](llvm::MutableArrayRef<float> data) {
          for (int64_t o = 0; o < cout; ++o)
            for (int64_t ci = 0; ci < cin; ++ci)
              for (int64_t t = 0; t < taps; ++t)
                data[((o / nr) * k + t * cin + ci) * nr + o % nr] =
                    from[((o / mr) * k + ci * taps + t) * mr + o % mr];
        });
    // X blocked when the chain has it so (or another chain reordered it),
    // else as it is: the kernel reorders an NCHW X for free.
    Value x = conv.getX();
    if (Value known = knownBlocked(x))
      x = known;
    Value residual = conv.getResidual();
    if (!isa<NoneType>(residual.getType()))
      residual = blockedOf(residual);
    return b.create<BlockedConvOp>(
        conv.getLoc(), by, x, w, conv.getBias(), residual,
        b.getI64IntegerAttr(cout), b.getI64IntegerAttr(vectorLanes),
        conv.getActivationAttr(), conv.getClipMinAttr(), conv.getClipMaxAttr(),
        conv.getAlphaAttr(), conv.getKernelShape(), conv.getStrides(),
        conv.getPads());
  }
};

} // namespace
