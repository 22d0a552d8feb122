//===- Plan.cpp - Cut a kiln graph into kernels ---------------------------===//
//
// Steps of buildPlan:
//  1. Number the graph's values (slots); constants with more than
//     kInlineLimit elements become buffers, smaller ones are cloned into the
//     kernels that use them, where patterns can read their values, except
//     the weights and biases of direct kernels, which are always buffers.
//  2. For each op, outline a kernel function `@kiln_k<N>` taking a memref
//     per buffer operand and result, plus the work range [begin, end).
//  3. Fill it either with a direct kernel (memref level, DirectKernels.h) or
//     with the op itself on tensors, lowered by the family patterns to
//     linalg/tensor/arith. If a kiln op survives the patterns, the kernel is
//     dropped and the op becomes a reference step, with the reason recorded.
//  4. Each step's FLOPs, bytes and ONNX nodes are estimated (StepCost.h),
//     and the marks the executor reads are set from its ops: its shaping,
//     in-place operand and part of a batch (StepMarks.h).
//  5. Kernels identical to an earlier one are erased, their steps calling
//     that one (ShareKernels.cpp). A step whose spec (ops, attributes,
//     types, inlined constants) is an earlier one's is not outlined again:
//     it calls the earlier kernel from the start (keyOf).
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Plan.h"
#include "Errors.h"
#include "StepMarks.h"
#include "kiln/cpu/DirectKernels.h"
#include "kiln/cpu/Lowering.h"
#include "kiln/cpu/StepCost.h"
#include "kiln/interpreter/ControlFlow.h"
#include "kiln/interpreter/Signature.h"
#include "kiln/ir/IndexOperands.h"
#include "kiln/ir/TensorConversion.h"
#include "kiln/runtime/KernelRegistry.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <functional>
#include <map>

using namespace mlir;

namespace kiln::cpu {

/// Constants up to this many elements are cloned into kernels.
static constexpr int64_t kInlineLimit = 64;

/// The attribute kiln-fuse-elementwise marks the ops of a group with.
static constexpr llvm::StringLiteral kFusionGroupAttr = "kiln.fusion_group";

/// Whether an operand or result of \p op is a static tensor with no
/// elements. Such ops run as reference steps: a memref with a zero dimension
/// has no strided layout, so the bare-pointer calling convention of the
/// kernels cannot pass it and the kernel would fail to translate (found by
/// kiln-fuzz-graphs: Selu then Concat of a 0x0x0 tensor).
static bool touchesEmptyTensor(Operation *op) {
  auto empty = [](Type t) {
    auto ranked = dyn_cast<RankedTensorType>(t);
    return ranked && ranked.hasStaticShape() && ranked.getNumElements() == 0;
  };
  return llvm::any_of(op->getOperandTypes(), empty) ||
         llvm::any_of(op->getResultTypes(), empty);
}

std::string describeOp(Operation *op) {
  std::string where;
  if (std::string name = nodeName(op->getLoc()); !name.empty())
    where = " (node '" + name + "')";
  return op->getName().getStringRef().str() + where;
}

/// Calls \p fn on \p steps and the steps of their regions, in order.
static void walkSteps(const std::vector<PlanStep> &steps,
                      llvm::function_ref<void(const PlanStep &)> fn) {
  for (const PlanStep &step : steps) {
    fn(step);
    for (const PlanRegion &region : step.regions)
      walkSteps(region.steps, fn);
  }
}

static void walkSteps(std::vector<PlanStep> &steps,
                      llvm::function_ref<void(PlanStep &)> fn) {
  for (PlanStep &step : steps) {
    fn(step);
    for (PlanRegion &region : step.regions)
      walkSteps(region.steps, fn);
  }
}

void forEachStep(const Plan &plan,
                 llvm::function_ref<void(const PlanStep &)> fn) {
  walkSteps(plan.steps, fn);
}

void forEachStep(Plan &plan, llvm::function_ref<void(PlanStep &)> fn) {
  walkSteps(plan.steps, fn);
}

const char *kindName(PlanStep::Kind kind) {
  switch (kind) {
  case PlanStep::Kind::Compiled:
    return "compiled";
  case PlanStep::Kind::Reference:
    return "reference";
  case PlanStep::Kind::Regions:
    return "control flow";
  }
  return "?";
}

unsigned Plan::numCompiled() const {
  unsigned n = 0;
  forEachStep(*this, [&](const PlanStep &s) {
    n += s.kind == PlanStep::Kind::Compiled;
  });
  return n;
}

unsigned Plan::numReference() const {
  unsigned n = 0;
  forEachStep(*this, [&](const PlanStep &s) {
    n += s.kind == PlanStep::Kind::Reference;
  });
  return n;
}

/// The memref type a kernel sees for tensor type \p t: bools are bytes.
static MemRefType bufferType(RankedTensorType t) {
  Type elem = t.getElementType();
  if (elem.isInteger(1))
    elem = IntegerType::get(t.getContext(), 8);
  return MemRefType::get(t.getShape(), elem);
}

/// A dense attribute with the contents of \p value, for cloning a small
/// constant into a kernel (dense_resource blobs are not visible to folders).
static DenseElementsAttr denseOf(ElementsAttr value) {
  if (auto dense = dyn_cast<DenseElementsAttr>(value))
    return dense;
  Tensor t;
  if (!tensorFromElementsAttr(value, t))
    return {};
  auto type = cast<ShapedType>(value.getType());
  if (type.getElementType().isInteger(1))
    return {};
  return DenseElementsAttr::getFromRawBuffer(
      type,
      llvm::ArrayRef<char>(static_cast<const char *>(t.raw()), t.byteSize()));
}

namespace {
/// What one kernel computes: one op, or a fusion group in block order.
struct KernelSpec {
  SmallVector<Operation *> ops;
  /// The values it reads from outside \p ops (none values included), and
  /// which of them are passed as buffers (the others are small constants
  /// cloned into the kernel).
  SmallVector<Value> operands;
  SmallVector<bool> isBuffer;
  /// The values it writes, one result buffer each.
  SmallVector<Value> results;
};

/// Outlines ops into kernel functions and lowers them.
class Outliner {
public:
  Outliner(ModuleOp kernels) : kernels(kernels), builder(kernels.getContext()) {
    RewritePatternSet set(kernels.getContext());
    populateKilnToLinalgPatterns(set);
    patterns = FrozenRewritePatternSet(std::move(set));
    RewritePatternSet fuse(kernels.getContext());
    linalg::populateElementwiseOpsFusionPatterns(
        fuse, [](OpOperand *) { return true; });
    fusion = FrozenRewritePatternSet(std::move(fuse));
  }

  /// Outlines \p spec as kernel \p name, or finds the kernel an earlier
  /// identical spec was outlined as and sets \p name to it. Returns the
  /// work item count, or failure with \p reason set.
  FailureOr<int64_t> outline(const KernelSpec &spec, std::string &name,
                             std::string &reason);

private:
  /// What an earlier spec of the same key became.
  struct Outlined {
    std::string name;
    FailureOr<int64_t> items;
    std::string reason;
  };
  /// Per key (keyOf), the first spec's kernel: the parts kiln-split-batch
  /// made and repeated blocks (a BERT's layers) outline and lower one kernel
  /// each, not one per step for shareIdenticalKernels to merge afterwards.
  llvm::StringMap<Outlined> outlined;

  FailureOr<int64_t> outlineNew(const KernelSpec &spec, llvm::StringRef name,
                                std::string &reason);

  ModuleOp kernels;
  OpBuilder builder;
  FrozenRewritePatternSet patterns;
  /// Fuses the linalg.generic ops of a group's members into one.
  FrozenRewritePatternSet fusion;
};
} // namespace

/// Elements below which a splittable kernel stays one work item: a task
/// handed to another thread costs microseconds.
static constexpr int64_t kMinSplitElements = 32 * 1024;

/// Calls \p fn with the element count of every static tensor \p op reads
/// or writes.
template <typename Fn> static void forEachTensorSize(Operation *op, Fn fn) {
  auto visit = [&](Type type) {
    if (auto t = dyn_cast<RankedTensorType>(type); t && t.hasStaticShape())
      fn(t.getNumElements());
  };
  llvm::for_each(op->getOperandTypes(), visit);
  llvm::for_each(op->getResultTypes(), visit);
}

/// The most elements of any static tensor \p op reads or writes.
static int64_t largestTensor(Operation *op) {
  int64_t n = 0;
  forEachTensorSize(op, [&](int64_t e) { n = std::max(n, e); });
  return n;
}

/// The most elements of any tensor a kernel of \p spec reads or writes.
static int64_t kernelElements(const KernelSpec &spec) {
  int64_t n = 0;
  for (Operation *op : spec.ops)
    n = std::max(n, largestTensor(op));
  return n;
}

/// The dims below which a lone op computes each slice of its result from
/// the same slice of its operands, which all have its rank: a global pool's
/// N and C, the dims before a softmax's axis (in both the opset-13 and the
/// coerced 2-D reading), the dims before a concat's axis (a batch of
/// images concatenated along channels: one image per item), every dim of a
/// transpose (its data operand sliced along the dim the result's comes
/// from: splitOperandDim), the dims before the first a slice does not take
/// whole and forward (ViT's 197 x 1 x 2304 projection cut into query, key
/// and value along its last dim). 0 for other ops.
static int64_t parallelLeadingDims(Operation *op) {
  if (isa<GlobalAveragePoolOp, GlobalMaxPoolOp, GlobalLpPoolOp>(op))
    return 2;
  if (auto concat = dyn_cast<ConcatOp>(op)) {
    auto type = dyn_cast<RankedTensorType>(concat.getType());
    if (!type)
      return 0;
    int64_t a = concat.getAxis().value_or(0);
    return std::clamp<int64_t>(a < 0 ? a + type.getRank() : a, 0,
                               type.getRank());
  }
  if (auto transpose = dyn_cast<TransposeOp>(op)) {
    auto type = dyn_cast<RankedTensorType>(transpose.getType());
    std::optional<SmallVector<int64_t>> perm = transpose.getPermutation();
    return type && perm && static_cast<int64_t>(perm->size()) == type.getRank()
               ? type.getRank()
               : 0;
  }
  if (auto slice = dyn_cast<SliceOp>(op)) {
    std::string reason;
    FailureOr<StaticSlice> region = staticSlice(slice, reason);
    auto type = staticType(slice.getData());
    if (failed(region) || !type)
      return 0;
    int64_t d = 0;
    while (d < type.getRank() && region->count[d] == type.getDimSize(d) &&
           region->low[d] == 0 && !region->reversed[d] &&
           (region->count[d] <= 1 || region->stride[d] == 1))
      ++d;
    return d;
  }
  if (isa<SoftmaxOp, LogSoftmaxOp, HardmaxOp>(op)) {
    auto type = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    auto axis = op->getAttrOfType<IntegerAttr>("axis");
    if (!type || !axis)
      return 0;
    int64_t a =
        axis.getInt() < 0 ? axis.getInt() + type.getRank() : axis.getInt();
    return std::clamp<int64_t>(a, 0, type.getRank());
  }
  return 0;
}

/// The dim of operand \p v of a kernel of \p spec split along its
/// results' dim \p splitDim (of rank \p rank) that holds the same items,
/// or -1 when \p v is read whole: the dim aligned with it by numpy
/// broadcasting, when of the full extent \p items; for a lone Transpose's
/// data operand, the dim its perm takes the result's from; none of a lone
/// Slice's operands but its data.
static int64_t splitOperandDim(const KernelSpec &spec, Value v,
                               int64_t splitDim, int64_t rank, int64_t items) {
  auto type = cast<RankedTensorType>(v.getType());
  Operation *lone = spec.ops.size() == 1 ? spec.ops.front() : nullptr;
  if (auto transpose = dyn_cast_or_null<TransposeOp>(lone);
      transpose && v == transpose.getData()) {
    int64_t from = (*transpose.getPermutation())[splitDim];
    return type.getDimSize(from) == items ? from : -1;
  }
  // A slice's starts, ends, axes and steps are read whole.
  if (auto slice = dyn_cast_or_null<SliceOp>(lone);
      slice && v != slice.getData())
    return -1;
  int64_t pos = splitDim - (rank - type.getRank());
  return pos < 0 || type.getDimSize(pos) != items ? -1 : pos;
}

/// The dim a kernel is split along, or -1 to keep it whole: elementwise
/// kernels along their first dim above 1, a lone op with parallel leading
/// dims (parallelLeadingDims) along the first of those above 1; kernels of
/// results of several shapes, or too small to gain from threads, stay whole.
static int64_t splitDim(const KernelSpec &spec) {
  int64_t limit = -1;
  if (spec.ops.size() == 1 && parallelLeadingDims(spec.ops.front()) > 0) {
    Operation *op = spec.ops.front();
    limit = parallelLeadingDims(op);
    auto rank = cast<RankedTensorType>(op->getResult(0).getType()).getRank();
    // Every operand carries the items; a slice's only its data.
    auto slice = dyn_cast<SliceOp>(op);
    SmallVector<Value> carriers(op->getOperands());
    if (slice)
      carriers = {slice.getData()};
    for (Value v : carriers)
      if (RankedTensorType t = staticType(v); !t || t.getRank() != rank)
        return -1;
  } else {
    for (Operation *op : spec.ops)
      if (!op->hasTrait<kiln::OpTrait::KilnElementwise>())
        return -1;
  }
  RankedTensorType type = staticType(spec.results.front());
  for (Value r : spec.results)
    if (staticType(r).getShape() != type.getShape())
      return -1;
  if (kernelElements(spec) < kMinSplitElements)
    return -1;
  int64_t dims = limit < 0 ? type.getRank() : std::min(limit, type.getRank());
  for (int64_t d = 0; d < dims; ++d)
    if (type.getDimSize(d) > 1)
      return d;
  return -1;
}

/// A text two specs share only when their kernels are the same: the
/// operands' types (and the values of those cloned into the kernel), each
/// op's name, operands, attributes other than the passes' marks (`kiln.*`:
/// fusion groups, batch parts) and result types, and which values it
/// writes.
static std::string keyOf(const KernelSpec &spec) {
  std::string key;
  llvm::raw_string_ostream os(key);
  llvm::DenseMap<Value, unsigned> id;
  for (auto [i, v] : llvm::enumerate(spec.operands)) {
    id.try_emplace(v, id.size());
    os << "in " << v.getType();
    if (!spec.isBuffer[i])
      if (auto c = v.getDefiningOp<ConstantOp>())
        os << " = " << c.getValue();
    os << "\n";
  }
  for (Operation *op : spec.ops) {
    os << op->getName() << "(";
    for (Value v : op->getOperands()) {
      auto it = id.find(v);
      os << (it == id.end() ? -1 : static_cast<int64_t>(it->second)) << " ";
    }
    os << ")";
    for (NamedAttribute a : op->getAttrs())
      if (!a.getName().strref().starts_with("kiln."))
        os << " " << a.getName().strref() << "=" << a.getValue();
    for (Value r : op->getResults()) {
      id.try_emplace(r, id.size());
      os << " -> " << r.getType();
    }
    os << "\n";
  }
  os << "out";
  for (Value r : spec.results)
    os << " " << id.lookup(r);
  return key;
}

FailureOr<int64_t> Outliner::outline(const KernelSpec &spec, std::string &name,
                                     std::string &reason) {
  std::string key = keyOf(spec);
  if (auto it = outlined.find(key); it != outlined.end()) {
    if (failed(it->second.items))
      reason = it->second.reason;
    else
      name = it->second.name;
    return it->second.items;
  }
  FailureOr<int64_t> items = outlineNew(spec, name, reason);
  outlined.try_emplace(key, Outlined{name, items, reason});
  return items;
}

FailureOr<int64_t> Outliner::outlineNew(const KernelSpec &spec,
                                        llvm::StringRef name,
                                        std::string &reason) {
  Operation *op = spec.ops.front();
  MLIRContext *ctx = op->getContext();
  Location loc = op->getLoc();
  SmallVector<Type> argTypes;
  for (auto [i, v] : llvm::enumerate(spec.operands))
    if (spec.isBuffer[i])
      argTypes.push_back(bufferType(staticType(v)));
  for (Value r : spec.results)
    argTypes.push_back(bufferType(staticType(r)));
  argTypes.push_back(builder.getIndexType());
  argTypes.push_back(builder.getIndexType());

  builder.setInsertionPointToEnd(kernels.getBody());
  auto func = builder.create<func::FuncOp>(
      loc, name, FunctionType::get(ctx, argTypes, {}));
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  auto ret = builder.create<func::ReturnOp>(loc);
  builder.setInsertionPoint(ret);

  auto args = entry->getArguments();
  Value begin = args[args.size() - 2], end = args[args.size() - 1];
  llvm::DenseMap<Value, Value> bufferOf;
  unsigned next = 0;
  for (auto [i, v] : llvm::enumerate(spec.operands))
    if (spec.isBuffer[i])
      bufferOf[v] = args[next++];
  SmallVector<Value> resultBuffers(args.begin() + next,
                                   args.begin() + next + spec.results.size());
  // Kernels of several ops must verify; otherwise their ops run one by one.
  auto quietlyVerifies = [&] {
    ScopedDiagnosticHandler quiet(ctx, [](Diagnostic &) { return success(); });
    return succeeded(mlir::verify(func));
  };

  // Direct kernels own the memrefs; the ops after one are its epilogue.
  if (hasDirectKernel(op)) {
    EpilogueTail tail;
    if (spec.ops.size() > 1) {
      FailureOr<EpilogueTail> built =
          buildEpilogueTail(op, ArrayRef(spec.ops).drop_front(), reason);
      if (failed(built)) {
        func.erase();
        return failure();
      }
      tail = std::move(*built);
    }
    SmallVector<Value> operandBuffers;
    for (Value v : op->getOperands())
      operandBuffers.push_back(bufferOf.lookup(v));
    FailureOr<int64_t> items = emitDirectKernel(
        builder, op, operandBuffers, resultBuffers, begin, end, tail);
    if (succeeded(items) && (spec.ops.size() == 1 || quietlyVerifies()))
      return items;
    reason = succeeded(items) ? "its fused epilogue does not verify"
                              : "its direct kernel declined these operands";
    func.erase();
    return failure();
  }

  // Tensor path: rebuild the ops on tensors, then lower them. Elementwise
  // kernels (and ops with parallel leading dims) are split into work items
  // along one dim (splitDim), each item computing one slice of it (operands
  // of that extent sliced too, broadcast ones read whole), so the executor
  // can run them in parallel.
  int64_t splitDim = kiln::cpu::splitDim(spec);
  int64_t items = 1;
  Value item;
  if (splitDim >= 0) {
    items = staticType(spec.results.front()).getDimSize(splitDim);
    Value one = builder.create<arith::ConstantIndexOp>(loc, 1);
    auto loop = builder.create<scf::ForOp>(loc, begin, end, one);
    builder.setInsertionPoint(loop.getBody()->getTerminator());
    item = loop.getInductionVar();
  }
  int64_t rank = splitDim >= 0 ? staticType(spec.results.front()).getRank() : 0;
  // The slice of item \p item of tensor \p t, operand \p original's value
  // here, along its dim that holds the items (splitOperandDim).
  auto sliceOf = [&](Value t, Value original) -> Value {
    if (splitDim < 0)
      return t;
    auto type = cast<RankedTensorType>(t.getType());
    int64_t pos = splitOperandDim(spec, original, splitDim, rank, items);
    if (pos < 0)
      return t;
    SmallVector<OpFoldResult> offsets(type.getRank(), builder.getIndexAttr(0));
    SmallVector<OpFoldResult> sizes,
        strides(type.getRank(), builder.getIndexAttr(1));
    for (int64_t d : type.getShape())
      sizes.push_back(builder.getIndexAttr(d));
    offsets[pos] = item;
    sizes[pos] = builder.getIndexAttr(1);
    return builder.create<tensor::ExtractSliceOp>(loc, t, offsets, sizes,
                                                  strides);
  };
  IRMapping map;
  for (auto [i, v] : llvm::enumerate(spec.operands)) {
    if (spec.isBuffer[i]) {
      Value t = sliceOf(
          builder.create<bufferization::ToTensorOp>(
              loc, bufferOf.lookup(v), /*restrict=*/true, /*writable=*/false),
          v);
      // Bools are bytes in buffers: back to i1 (in the slice's shape).
      Type elem = staticType(v).getElementType();
      auto type = RankedTensorType::get(
          cast<RankedTensorType>(t.getType()).getShape(), elem);
      if (elem.isInteger(1))
        t = buildElementwise(
            builder, loc, t, type, [](OpBuilder &b, Location l, ValueRange a) {
              return b.create<arith::TruncIOp>(l, b.getI1Type(), a[0]);
            });
      map.map(v, t);
      continue;
    }
    Operation *def = v.getDefiningOp();
    if (isa<NoneOp>(def)) {
      map.map(v, builder.clone(*def)->getResult(0));
      continue;
    }
    auto c = cast<ConstantOp>(def);
    DenseElementsAttr dense = denseOf(c.getValue());
    if (!dense) {
      reason = "a constant operand could not be read";
      func.erase();
      return failure();
    }
    map.map(v, sliceOf(builder.create<arith::ConstantOp>(loc, dense), v));
  }
  // Where each result goes: its buffer, or this item's slice of it. Made
  // before the ops so that empty-tensor elimination can compute them in
  // place (a destination defined after them would cost a copy per item).
  SmallVector<Value> dests;
  for (Value buf : resultBuffers) {
    if (splitDim < 0) {
      dests.push_back(buf);
      continue;
    }
    auto full = cast<MemRefType>(buf.getType());
    SmallVector<OpFoldResult> offsets(rank, builder.getIndexAttr(0));
    SmallVector<OpFoldResult> sizes, strides(rank, builder.getIndexAttr(1));
    for (int64_t d : full.getShape())
      sizes.push_back(builder.getIndexAttr(d));
    offsets[splitDim] = item;
    sizes[splitDim] = builder.getIndexAttr(1);
    dests.push_back(
        builder.create<memref::SubViewOp>(loc, buf, offsets, sizes, strides));
  }
  for (Operation *member : spec.ops) {
    Operation *clone = builder.clone(*member, map);
    if (splitDim >= 0)
      for (Value r : clone->getResults()) {
        auto type = cast<RankedTensorType>(r.getType());
        SmallVector<int64_t> shape(type.getShape());
        shape[splitDim] = 1;
        r.setType(RankedTensorType::get(shape, type.getElementType()));
      }
  }
  for (auto [r, dest] : llvm::zip(spec.results, dests)) {
    Value t = map.lookup(r);
    auto type = cast<RankedTensorType>(t.getType());
    if (type.getElementType().isInteger(1))
      t = buildElementwise(
          builder, loc, t,
          RankedTensorType::get(type.getShape(), builder.getI8Type()),
          [](OpBuilder &b, Location l, ValueRange a) {
            return b.create<arith::ExtUIOp>(l, b.getI8Type(), a[0]);
          });
    auto mat = builder.create<bufferization::MaterializeInDestinationOp>(
        loc, TypeRange(), t, dest);
    mat.setRestrict(true);
    mat.setWritable(true);
  }

  GreedyRewriteConfig config;
  config.maxIterations = 4;
  (void)applyPatternsAndFoldGreedily(func, patterns, config);
  // A group's generics become one loop nest here, before bufferization:
  // left to Codegen's elementwise fusion, a group with several results
  // gets a temporary buffer (a malloc per call, seen in the goldens).
  if (spec.ops.size() > 1)
    (void)applyPatternsAndFoldGreedily(func, fusion, config);
  Operation *left = nullptr;
  func.walk([&](Operation *inner) {
    if (auto none = dyn_cast<NoneOp>(inner); none && none->use_empty()) {
      none->erase();
      return;
    }
    if (isa<NoneOp>(inner))
      return;
    if (isa<KilnDialect>(inner->getDialect()) && !left)
      left = inner;
  });
  if (left) {
    reason = spec.ops.size() == 1 && left->getName() == op->getName()
                 ? "no lowering handles it with these operands"
                 : "no lowering for " + left->getName().getStringRef().str();
    func.erase();
    return failure();
  }
  // Lowered IR that does not verify would fail later, in codegen, with
  // MLIR's messages about Kiln's own IR: the op runs as a reference step.
  if (!quietlyVerifies()) {
    reason = "its lowering does not verify";
    func.erase();
    return failure();
  }
  return items;
}

/// Multiply-accumulates below which a parallel task costs more to hand to
/// another thread than it saves (about 10 us of kernel time here).
static constexpr int64_t kMinTaskMacs = 512 * 1024;

/// Multiply-accumulates one element read or written by a direct kernel
/// counts for in its work.
static constexpr int64_t kMacsPerElement = 4;

/// Elements below which a task of a split kernel costs more to hand to
/// another thread than it saves. 64K (about the 10 us kMinTaskMacs asks
/// of direct kernels) measured no better on a 2-core Xeon at 2 threads:
/// eight torchvision models at batch 1 ran 0.92-1.00x the time by their
/// fastest runs in one set of interleaved rounds, and five of them
/// 0.96-1.03x by fastest runs and 1.01-1.07x by medians in a second set of
/// eight rounds.
static constexpr int64_t kMinTaskElements = 16 * 1024;

/// Work items per task for a kernel led by \p op split into \p items
/// items: by multiply-accumulates for direct kernels, by the largest tensor
/// it reads or writes for the others.
static int64_t grainFor(Operation *op, int64_t items) {
  if (items <= 1)
    return 1;
  int64_t work = estimateDirectKernelMacs(op), minWork = kMinTaskMacs;
  if (work > 0) {
    // Loading or storing an element costs about as much as a few
    // multiply-adds: a depthwise conv does 9 per output element, and reads
    // 1-4 input elements and writes one.
    forEachTensorSize(op, [&](int64_t e) { work += kMacsPerElement * e; });
  } else {
    work = largestTensor(op);
    minWork = kMinTaskElements;
  }
  int64_t perItem = std::max<int64_t>(1, work / items);
  return std::clamp<int64_t>((minWork + perItem - 1) / perItem, 1, items);
}

llvm::Expected<Plan> buildPlan(ModuleOp graph) {
  auto main = graph.lookupSymbol<func::FuncOp>("main");
  if (!main || main.getBody().empty())
    return makeError("module has no function @main to compile");
  MLIRContext *ctx = graph.getContext();
  Plan plan;
  plan.kernels = ModuleOp::create(UnknownLoc::get(ctx));
  Outliner outliner(*plan.kernels);

  llvm::DenseMap<Value, int> slotOf;
  auto slot = [&](Value v) {
    auto [it, inserted] = slotOf.try_emplace(v, (int)plan.slots.size());
    if (inserted) {
      PlanSlot s;
      TensorSpec spec = specFromType(v.getType(), "");
      s.dtype = spec.dtype;
      s.kind = spec.kind;
      s.isStatic = spec.isStatic();
      if (s.isStatic)
        s.shape.assign(spec.shape.begin(), spec.shape.end());
      plan.slots.push_back(std::move(s));
    }
    return it->second;
  };

  Block &body = main.getBody().front();
  signatureOf(graph, plan.inputs, plan.outputs);
  for (BlockArgument arg : body.getArguments())
    plan.inputSlots.push_back(slot(arg));
  // Which constants are small enough to clone into kernels.
  llvm::DenseMap<Value, bool> inlined;
  // Where steps go: the plan's, or a region's of a regions step.
  std::vector<PlanStep> *into = &plan.steps;
  // Kernels outlined so far (the next one's number).
  unsigned numKernels = 0;

  // The index values \p op's compiled kernel would read unchecked, into
  // \p checks; constants are checked now: false, with \p reason, when one
  // is out of range (the op then runs its reference kernel, which fails
  // as the interpreter does), and left out of \p checks when in range.
  auto indexChecksOf = [&](Operation *op, std::vector<IndexCheck> &checks,
                           std::string &reason) {
    auto indexed = dyn_cast<IndexOperandsOpInterface>(op);
    if (!indexed)
      return true;
    FailureOr<IndexRange> range = indexed.getIndexRange();
    if (failed(range)) {
      reason = "the range of its indices is not static";
      return false;
    }
    IndexCheck check;
    check.slot = slot(op->getOperand(range->operand));
    check.range = std::move(*range);
    const PlanSlot &values = plan.slots[check.slot];
    if (!values.isConstant) {
      checks.push_back(std::move(check));
      return true;
    }
    Status inRange =
        checkIndexRange(check.range, values.constant, describeOp(op));
    if (!inRange)
      reason = "constant indices out of range (" + inRange.message() + ")";
    return inRange.isOk();
  };

  // One op, as its own step.
  auto addOpStep = [&](Operation *op) -> llvm::Error {
    auto kernel = dyn_cast<ReferenceKernelOpInterface>(op);
    if (!kernel)
      return makeError("op " + describeOp(op) +
                       " has no reference kernel: Kiln cannot run it");
    PlanStep step;
    step.ops.push_back(op);
    step.label = describeOp(op);
    step.refName = kernel.getOnnxName().str();
    step.refKernel = findKernel(step.refName);
    if (!step.refKernel)
      return makeError("op " + step.label + ": no reference kernel named '" +
                       step.refName + "' in the runtime");
    describeShaping(op, step);
    for (Value v : op->getOperands())
      step.inputs.push_back(isa<NoneType>(v.getType()) ? -1 : slot(v));
    for (Value v : op->getResults())
      step.outputs.push_back(slot(v));

    KernelSpec spec;
    spec.ops.push_back(op);
    spec.operands.assign(op->operand_begin(), op->operand_end());
    for (Value v : op->getOperands())
      spec.isBuffer.push_back(!isa<NoneType>(v.getType()) &&
                              !inlined.lookup(v));
    spec.results.assign(op->result_begin(), op->result_end());
    FailureOr<int64_t> items = failure();
    if (!hasCompilableTypes(op)) {
      step.reason = describeUncompilableTypes(op);
    } else if (touchesEmptyTensor(op)) {
      step.reason = "a tensor with no elements";
    } else if (!indexChecksOf(op, step.indexChecks, step.reason)) {
      // A constant index out of range: the reference kernel reports it.
    } else {
      std::string name = "kiln_k" + std::to_string(numKernels);
      items = outliner.outline(spec, name, step.reason);
      if (succeeded(items)) {
        ++numKernels;
        step.kind = PlanStep::Kind::Compiled;
        step.symbol = name;
        step.workItems = *items;
        step.grain = grainFor(op, *items);
        step.macs = estimateDirectKernelMacs(op);
        for (auto [i, v] : llvm::enumerate(spec.operands))
          if (spec.isBuffer[i])
            step.args.push_back(slot(v));
        for (int s : step.outputs)
          step.args.push_back(s);
      }
    }
    if (failed(items)) {
      step.kind = PlanStep::Kind::Reference;
      step.indexChecks.clear();
      if (Status s = attrMapFromOp(op, step.attrs); !s)
        return makeError(step.label + ": " + s.message());
    }
    into->push_back(std::move(step));
    return llvm::Error::success();
  };

  // A fusion group as one compiled step; failure leaves the plan as it was.
  auto addGroupStep = [&](ArrayRef<Operation *> members) -> LogicalResult {
    llvm::SmallPtrSet<Operation *, 8> inGroup(members.begin(), members.end());
    KernelSpec spec;
    spec.ops.assign(members.begin(), members.end());
    llvm::SmallPtrSet<Value, 8> seen;
    for (Operation *m : members) {
      // Index checks are made per lone op (addOpStep).
      if (!hasCompilableTypes(m) || touchesEmptyTensor(m) ||
          isa<IndexOperandsOpInterface>(m))
        return failure();
      for (Value v : m->getOperands()) {
        Operation *def = v.getDefiningOp();
        if ((def && inGroup.contains(def)) || !seen.insert(v).second)
          continue;
        spec.operands.push_back(v);
        spec.isBuffer.push_back(!isa<NoneType>(v.getType()) &&
                                !inlined.lookup(v));
      }
      for (Value r : m->getResults())
        if (llvm::any_of(r.getUsers(),
                         [&](Operation *u) { return !inGroup.contains(u); }))
          spec.results.push_back(r);
    }
    if (spec.results.empty())
      return failure();
    std::string name = "kiln_k" + std::to_string(numKernels);
    std::string reason;
    FailureOr<int64_t> items = outliner.outline(spec, name, reason);
    if (failed(items))
      return failure();
    ++numKernels;
    PlanStep step;
    step.kind = PlanStep::Kind::Compiled;
    step.ops.assign(spec.ops.begin(), spec.ops.end());
    step.label = describeOp(members.front());
    for (Operation *m : members.drop_front())
      step.label += (m == members[1] ? " + " : ", ") +
                    m->getName().getStringRef().drop_front(5).str();
    step.symbol = name;
    step.workItems = *items;
    step.grain = grainFor(members.front(), *items);
    step.macs = estimateDirectKernelMacs(members.front());
    for (auto [i, v] : llvm::enumerate(spec.operands)) {
      step.inputs.push_back(isa<NoneType>(v.getType()) ? -1 : slot(v));
      if (spec.isBuffer[i])
        step.args.push_back(slot(v));
    }
    for (Value r : spec.results) {
      step.outputs.push_back(slot(r));
      step.args.push_back(slot(r));
    }
    into->push_back(std::move(step));
    return success();
  };

  // The ops of \p block as steps (into `into`); a control-flow op's
  // regions recursively.
  std::function<llvm::Error(Block &)> planBlock;

  // A control-flow op as a regions step, each region planned as steps of
  // its own over the same slots.
  auto addRegionsStep = [&](Operation *op) -> llvm::Error {
    if (!isControlFlow(op))
      return makeError("op " + describeOp(op) +
                       " has regions but is not If, Loop or Scan: Kiln "
                       "cannot run it");
    PlanStep step;
    step.kind = PlanStep::Kind::Regions;
    step.ops.push_back(op);
    step.label = describeOp(op);
    step.controlFlow = describeControlFlow(op);
    for (Value v : op->getOperands())
      step.inputs.push_back(isa<NoneType>(v.getType()) ? -1 : slot(v));
    llvm::SetVector<Value> captured;
    getUsedValuesDefinedAbove(op->getRegions(), captured);
    for (Value v : captured)
      if (!isa<NoneType>(v.getType()))
        step.inputs.push_back(slot(v));
    for (Value v : op->getResults())
      step.outputs.push_back(slot(v));
    std::vector<PlanStep> *outer = into;
    for (Region &r : op->getRegions()) {
      Block &block = r.front();
      PlanRegion region;
      for (BlockArgument arg : block.getArguments())
        region.args.push_back(slot(arg));
      into = &region.steps;
      llvm::Error e = planBlock(block);
      into = outer;
      if (e)
        return e;
      for (Value v : block.getTerminator()->getOperands())
        region.yields.push_back(slot(v));
      for (const PlanStep &inner : region.steps)
        region.defined.insert(region.defined.end(), inner.outputs.begin(),
                              inner.outputs.end());
      step.regions.push_back(std::move(region));
    }
    into->push_back(std::move(step));
    return llvm::Error::success();
  };

  planBlock = [&](Block &block) -> llvm::Error {
    // Fusion groups (kiln-fuse-elementwise), kept when no op outside a group
    // reads one of its values before its last member.
    std::map<int64_t, SmallVector<Operation *>> groups;
    for (Operation &op : block)
      if (auto id = op.getAttrOfType<IntegerAttr>(kFusionGroupAttr))
        groups[id.getInt()].push_back(&op);
    llvm::DenseMap<Operation *, int64_t> groupOf;
    for (auto &[id, members] : groups) {
      llvm::SmallPtrSet<Operation *, 8> inGroup(members.begin(), members.end());
      bool ok = members.size() > 1;
      for (Operation *m : members)
        for (Operation *user : m->getUsers()) {
          Operation *u = block.findAncestorOpInBlock(*user);
          ok &=
              u && (inGroup.contains(u) || members.back()->isBeforeInBlock(u));
        }
      if (ok)
        for (Operation *m : members)
          groupOf[m] = id;
    }
    for (Operation &op : block) {
      if (isa<NoneOp, YieldOp>(op))
        continue;
      if (op.getNumRegions() != 0) {
        if (llvm::Error e = addRegionsStep(&op))
          return e;
        continue;
      }
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        for (Value v : ret.getOperands())
          plan.outputSlots.push_back(slot(v));
        continue;
      }
      if (auto c = dyn_cast<ConstantOp>(op)) {
        PlanSlot &s = plan.slots[slot(c.getResult())];
        if (Status st = tensorFromElementsAttr(c.getValue(), s.constant); !st)
          return makeError(describeOp(&op) + ": " + st.message());
        s.isConstant = true;
        // Weights, biases and scales of direct kernels are buffers at any
        // size: a kernel that holds no constant of its own can be shared by
        // identical steps (shareIdenticalKernels), and none of these kernels
        // needs the values at compile time.
        bool onlyKernelOperands =
            !c.getResult().use_empty() &&
            llvm::all_of(c.getResult().getUses(), [](OpOperand &use) {
              return use.getOperandNumber() > 0 &&
                     hasDirectKernel(use.getOwner());
            });
        inlined[c.getResult()] = s.isStatic && !onlyKernelOperands &&
                                 s.constant.numElements() <= kInlineLimit;
        continue;
      }
      if (auto it = groupOf.find(&op); it != groupOf.end()) {
        // A group runs where its last member is; if it cannot be one
        // kernel, its members run there one by one.
        const SmallVector<Operation *> &members = groups[it->second];
        if (&op != members.back())
          continue;
        if (succeeded(addGroupStep(members)))
          continue;
        for (Operation *m : members)
          if (llvm::Error e = addOpStep(m))
            return e;
        continue;
      }
      if (llvm::Error e = addOpStep(&op))
        return e;
    }
    return llvm::Error::success();
  };
  if (llvm::Error e = planBlock(body))
    return std::move(e);
  forEachStep(plan, [&](PlanStep &step) { computeStepCost(plan, step); });
  for (PlanStep &step : plan.steps) {
    markInPlaceOperand(plan, step, [&](Value v) {
      auto it = slotOf.find(v);
      return it == slotOf.end() ? -1 : it->second;
    });
    markBatchPart(step);
  }
  shareIdenticalKernels(plan);
  plan.distinctKernels = static_cast<unsigned>(
      llvm::range_size(plan.kernels->getOps<func::FuncOp>()));
  return std::move(plan);
}

} // namespace kiln::cpu
