//===- Plan.cpp - Cut a kiln graph into kernels ---------------------------===//
//
// Steps of buildPlan:
//  1. Number the graph's values (slots); constants with more than
//     kInlineLimit elements become buffers, smaller ones are cloned into the
//     kernels that use them, where patterns can read their values.
//  2. For each op, outline a kernel function `@kiln_k<N>` taking a memref
//     per buffer operand and result, plus the work range [begin, end).
//  3. Fill it either with a direct kernel (memref level, DirectKernels.h) or
//     with the op itself on tensors, lowered by the family patterns to
//     linalg/tensor/arith. If a kiln op survives the patterns, the kernel is
//     dropped and the op becomes a reference step, with the reason recorded.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Plan.h"
#include "kiln/cpu/DirectKernels.h"
#include "kiln/cpu/Lowering.h"
#include "kiln/ir/TensorConversion.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/DenseMap.h"

using namespace mlir;

namespace kiln::cpu {

/// Constants up to this many elements are cloned into kernels.
static constexpr int64_t kInlineLimit = 64;

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

static llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

std::string describeOp(Operation *op) {
  std::string where;
  if (auto name = dyn_cast<NameLoc>(op->getLoc()))
    where = " (node '" + name.getName().str() + "')";
  return op->getName().getStringRef().str() + where;
}

unsigned Plan::numCompiled() const {
  unsigned n = 0;
  for (const PlanStep &s : steps)
    n += s.kind == PlanStep::Kind::Compiled;
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
/// Outlines ops into kernel functions and lowers them.
class Outliner {
public:
  Outliner(ModuleOp kernels) : kernels(kernels), builder(kernels.getContext()) {
    RewritePatternSet set(kernels.getContext());
    populateKilnToLinalgPatterns(set);
    patterns = FrozenRewritePatternSet(std::move(set));
  }

  /// Outlines \p op as kernel \p name; \p isBuffer tells which operands are
  /// passed as buffers (the others are small constants to clone). Returns
  /// the work item count, or failure with \p reason set.
  FailureOr<int64_t> outline(Operation *op, llvm::StringRef name,
                             llvm::ArrayRef<bool> isBuffer,
                             std::string &reason);

private:
  ModuleOp kernels;
  OpBuilder builder;
  FrozenRewritePatternSet patterns;
};
} // namespace

FailureOr<int64_t> Outliner::outline(Operation *op, llvm::StringRef name,
                                     llvm::ArrayRef<bool> isBuffer,
                                     std::string &reason) {
  MLIRContext *ctx = op->getContext();
  Location loc = op->getLoc();
  SmallVector<Type> argTypes;
  for (auto [i, v] : llvm::enumerate(op->getOperands()))
    if (isBuffer[i])
      argTypes.push_back(bufferType(staticType(v)));
  for (Value r : op->getResults())
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

  unsigned numResults = op->getNumResults();
  auto args = entry->getArguments();
  Value begin = args[args.size() - 2], end = args[args.size() - 1];
  SmallVector<Value> operandBuffers;
  unsigned next = 0;
  for (unsigned i = 0; i < op->getNumOperands(); ++i)
    operandBuffers.push_back(isBuffer[i] ? args[next++] : Value());
  SmallVector<Value> resultBuffers(args.begin() + next,
                                   args.begin() + next + numResults);

  // Direct kernels own the memrefs.
  if (hasDirectKernel(op)) {
    FailureOr<int64_t> items = emitDirectKernel(builder, op, operandBuffers,
                                                resultBuffers, begin, end);
    if (succeeded(items))
      return items;
    reason = "its direct kernel declined these operands";
    func.erase();
    return failure();
  }

  // Tensor path: rebuild the op on tensors, then lower it.
  IRMapping map;
  for (auto [i, v] : llvm::enumerate(op->getOperands())) {
    if (isBuffer[i]) {
      Value t = builder.create<bufferization::ToTensorOp>(
          loc, operandBuffers[i], /*restrict=*/true, /*writable=*/false);
      auto type = staticType(v);
      if (type.getElementType().isInteger(1))
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
    map.map(v, builder.create<arith::ConstantOp>(loc, dense));
  }
  Operation *clone = builder.clone(*op, map);
  for (auto [r, buf] : llvm::zip(clone->getResults(), resultBuffers)) {
    Value t = r;
    auto type = cast<RankedTensorType>(r.getType());
    if (type.getElementType().isInteger(1))
      t = buildElementwise(
          builder, loc, t,
          RankedTensorType::get(type.getShape(), builder.getI8Type()),
          [](OpBuilder &b, Location l, ValueRange a) {
            return b.create<arith::ExtUIOp>(l, b.getI8Type(), a[0]);
          });
    auto mat = builder.create<bufferization::MaterializeInDestinationOp>(
        loc, TypeRange(), t, buf);
    mat.setRestrict(true);
    mat.setWritable(true);
  }

  GreedyRewriteConfig config;
  config.maxIterations = 4;
  (void)applyPatternsAndFoldGreedily(func, patterns, config);
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
    reason = left->getName() == op->getName()
                 ? "no lowering handles it with these operands"
                 : "no lowering for " + left->getName().getStringRef().str();
    func.erase();
    return failure();
  }
  // Lowered IR that does not verify would fail later, in codegen, with
  // MLIR's messages about Kiln's own IR: the op runs as a reference step.
  {
    ScopedDiagnosticHandler quiet(ctx, [](Diagnostic &) { return success(); });
    if (failed(mlir::verify(func))) {
      reason = "its lowering does not verify";
      func.erase();
      return failure();
    }
  }
  return int64_t(1);
}

/// Multiply-accumulates below which a parallel task costs more to hand to
/// another thread than it saves (about 10 us of kernel time here).
static constexpr int64_t kMinTaskMacs = 512 * 1024;

/// Work items per task for \p op split into \p items items.
static int64_t grainFor(Operation *op, int64_t items) {
  int64_t macs = estimateDirectKernelMacs(op);
  if (items <= 1 || macs <= 0)
    return 1;
  int64_t perItem = std::max<int64_t>(1, macs / items);
  return std::clamp<int64_t>((kMinTaskMacs + perItem - 1) / perItem, 1, items);
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
      s.isStatic = spec.isStatic();
      if (s.isStatic)
        s.shape.assign(spec.shape.begin(), spec.shape.end());
      plan.slots.push_back(std::move(s));
    }
    return it->second;
  };

  Block &body = main.getBody().front();
  for (BlockArgument arg : body.getArguments()) {
    plan.inputSlots.push_back(slot(arg));
    auto name =
        main.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "kiln.name");
    plan.inputs.push_back(specFromType(
        arg.getType(),
        name ? name.str() : "input" + std::to_string(arg.getArgNumber())));
  }
  // Which constants are small enough to clone into kernels.
  llvm::DenseMap<Value, bool> inlined;
  for (Operation &op : body) {
    if (isa<NoneOp>(op))
      continue;
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
        plan.outputSlots.push_back(slot(v));
        auto name = main.getResultAttrOfType<StringAttr>(i, "kiln.name");
        plan.outputs.push_back(specFromType(
            v.getType(), name ? name.str() : "output" + std::to_string(i)));
      }
      continue;
    }
    if (auto c = dyn_cast<ConstantOp>(op)) {
      PlanSlot &s = plan.slots[slot(c.getResult())];
      if (Status st = tensorFromElementsAttr(c.getValue(), s.constant); !st)
        return makeError(describeOp(&op) + ": " + st.message());
      s.isConstant = true;
      inlined[c.getResult()] =
          s.isStatic && s.constant.numElements() <= kInlineLimit;
      continue;
    }
    auto kernel = dyn_cast<ReferenceKernelOpInterface>(op);
    if (!kernel)
      return makeError("op " + describeOp(&op) +
                       " has no reference kernel: Kiln cannot run it");
    PlanStep step;
    step.ops.push_back(&op);
    step.label = describeOp(&op);
    step.kernel = kernel;
    for (Value v : op.getOperands())
      step.inputs.push_back(isa<NoneType>(v.getType()) ? -1 : slot(v));
    for (Value v : op.getResults())
      step.outputs.push_back(slot(v));

    SmallVector<bool> isBuffer;
    for (Value v : op.getOperands())
      isBuffer.push_back(!isa<NoneType>(v.getType()) && !inlined.lookup(v));
    FailureOr<int64_t> items = failure();
    if (!hasCompilableTypes(&op)) {
      step.reason = describeUncompilableTypes(&op);
    } else if (touchesEmptyTensor(&op)) {
      step.reason = "a tensor with no elements";
    } else {
      std::string name = "kiln_k" + std::to_string(plan.numCompiled());
      items = outliner.outline(&op, name, isBuffer, step.reason);
      if (succeeded(items)) {
        step.kind = PlanStep::Kind::Compiled;
        step.symbol = name;
        step.workItems = *items;
        step.grain = grainFor(&op, *items);
        for (auto [i, v] : llvm::enumerate(op.getOperands()))
          if (isBuffer[i])
            step.args.push_back(slot(v));
        for (int s : step.outputs)
          step.args.push_back(s);
      }
    }
    if (failed(items)) {
      step.kind = PlanStep::Kind::Reference;
      if (Status s = attrMapFromOp(&op, step.attrs); !s)
        return makeError(step.label + ": " + s.message());
    }
    plan.steps.push_back(std::move(step));
  }
  return std::move(plan);
}

} // namespace kiln::cpu
