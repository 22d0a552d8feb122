//===- Interpreter.cpp - The reference interpreter ------------------------===//
//
// Preparation turns the function into a list of steps over numbered value
// slots: constants are materialized once (resource blobs are viewed, not
// copied), attributes are converted once per op, and each slot's last use is
// recorded so its tensor can be dropped as soon as it is dead.
//
//===----------------------------------------------------------------------===//
#include "Steps.h"

#include "kiln/interpreter/ControlFlow.h"
#include "kiln/interpreter/Interpreter.h"
#include "kiln/interpreter/Signature.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/TensorConversion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FormatVariadic.h"

#include <chrono>
#include <functional>

using namespace mlir;

namespace kiln {

using interp::makeError;
using interp::Step;

Interpreter::~Interpreter() = default;

TensorSpec specFromType(Type type, std::string name) {
  TensorSpec spec;
  spec.name = std::move(name);
  if (auto opt = dyn_cast<OptionalType>(type)) {
    TensorSpec inner = specFromType(opt.getValueType(), spec.name);
    inner.optionalOf = inner.kind;
    inner.kind = ValueKind::Optional;
    return inner;
  }
  if (auto seq = dyn_cast<SequenceType>(type)) {
    TensorSpec inner = specFromType(seq.getElementType(), spec.name);
    inner.kind = ValueKind::Sequence;
    return inner;
  }
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped)
    return spec;
  spec.dtype = dtypeOf(shaped.getElementType()).value_or(DType::F32);
  spec.ranked = shaped.hasRank();
  if (spec.ranked)
    for (int64_t d : shaped.getShape())
      spec.shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
  return spec;
}

llvm::Error checkInputs(const std::vector<TensorSpec> &specs,
                        const std::vector<Tensor> &inputs) {
  auto fail = [](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
  };
  if (inputs.size() != specs.size())
    return fail(llvm::formatv("expected {0} inputs, found {1}", specs.size(),
                              inputs.size()));
  for (size_t i = 0; i < inputs.size(); ++i) {
    const TensorSpec &spec = specs[i];
    const Tensor &t = inputs[i];
    if (spec.kind != ValueKind::Tensor || !t.isDense()) {
      if (!spec.accepts(t))
        return fail("input '" + spec.name + "': expected " + spec.format() +
                    ", found " + describeValue(t));
      continue;
    }
    if (t.dtype() != spec.dtype)
      return fail("input '" + spec.name + "': expected element type " +
                  std::string(dtypeName(spec.dtype)) + ", found " +
                  std::string(dtypeName(t.dtype())));
    if (!spec.accepts(t))
      return fail("input '" + spec.name + "': expected shape " + spec.format() +
                  ", found " + formatShape(t.shape()));
  }
  return llvm::Error::success();
}

static std::string describe(Operation *op) {
  std::string where;
  if (auto name = dyn_cast<NameLoc>(op->getLoc()))
    where = " (node '" + name.getName().str() + "')";
  return op->getName().getStringRef().str() + where;
}

void signatureOf(ModuleOp module, std::vector<TensorSpec> &inputs,
                 std::vector<TensorSpec> &outputs) {
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main || main.getBody().empty())
    return;
  for (BlockArgument arg : main.getArguments()) {
    auto name =
        main.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "kiln.name");
    inputs.push_back(specFromType(
        arg.getType(),
        name ? name.str() : "input" + std::to_string(arg.getArgNumber())));
  }
  Operation *ret = main.getBody().front().getTerminator();
  for (auto [i, v] : llvm::enumerate(ret->getOperands())) {
    auto name = main.getResultAttrOfType<StringAttr>(i, "kiln.name");
    outputs.push_back(specFromType(
        v.getType(), name ? name.str() : "output" + std::to_string(i)));
  }
}

llvm::Error interp::makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

llvm::Expected<std::unique_ptr<Interpreter>>
Interpreter::create(ModuleOp module) {
  auto func = module.lookupSymbol<func::FuncOp>("main");
  if (!func || func.getBody().empty())
    return makeError("module has no function @main to run");
  std::unique_ptr<Interpreter> interp(new Interpreter());
  llvm::DenseMap<Value, int> slotOf;
  auto slot = [&](Value v) {
    auto [it, inserted] = slotOf.try_emplace(v, interp->numSlots);
    if (inserted)
      ++interp->numSlots;
    return it->second;
  };
  Block &body = func.getBody().front();
  signatureOf(module, interp->inputSpecs, interp->outputSpecs);
  for (BlockArgument arg : body.getArguments())
    interp->argSlots.push_back(slot(arg));
  llvm::DenseMap<int, Tensor> constants;
  // The steps of \p block; a control-flow op's regions recursively, over
  // the same slots.
  std::function<llvm::Error(Block &, std::vector<Step> &)> prepare =
      [&](Block &block, std::vector<Step> &steps) -> llvm::Error {
    for (Operation &op : block) {
      if (isa<NoneOp, YieldOp>(op))
        continue;
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        for (Value v : ret.getOperands())
          interp->resultSlots.push_back(slot(v));
        continue;
      }
      if (auto c = dyn_cast<ConstantOp>(op)) {
        Tensor t;
        if (Status s = tensorFromElementsAttr(c.getValue(), t); !s)
          return makeError(describe(&op) + ": " + s.message());
        constants[slot(c.getResult())] = t;
        continue;
      }
      auto kernel = dyn_cast<ReferenceKernelOpInterface>(op);
      if (!kernel && !isControlFlow(&op))
        return makeError("op " + describe(&op) +
                         " has no reference kernel: the interpreter cannot "
                         "run it");
      Step step{&op, kernel, {}, {}, {}, {}, describe(&op), {}, {}};
      if (isControlFlow(&op))
        step.controlFlow = describeControlFlow(&op);
      if (Status s = attrMapFromOp(&op, step.attrs); !s)
        return makeError(step.label + ": " + s.message());
      for (Value v : op.getOperands())
        step.inputs.push_back(isa<NoneType>(v.getType()) ? -1 : slot(v));
      for (Value v : op.getResults())
        step.outputs.push_back(slot(v));
      for (mlir::Region &r : op.getRegions()) {
        kiln::interp::Region region;
        Block &inner = r.front();
        for (BlockArgument arg : inner.getArguments())
          region.args.push_back(slot(arg));
        for (Value v : inner.getTerminator()->getOperands())
          region.yields.push_back(slot(v));
        if (llvm::Error e = prepare(inner, region.steps))
          return e;
        step.regions.push_back(std::move(region));
      }
      steps.push_back(std::move(step));
    }
    return llvm::Error::success();
  };
  if (llvm::Error e = prepare(body, interp->steps))
    return std::move(e);
  interp->constants.resize(interp->numSlots);
  interp->isConstant.assign(interp->numSlots, false);
  for (auto &[s, t] : constants) {
    interp->constants[s] = t;
    interp->isConstant[s] = true;
  }
  // Last use of each slot; results and constants are never freed.
  // A use inside a control-flow op's regions is a use by the op's step; the
  // values its regions define die with it.
  std::vector<int> lastUse(interp->numSlots, -1);
  for (size_t i = 0; i < interp->steps.size(); ++i)
    interp->steps[i].op->walk([&](Operation *user) {
      for (Value v : user->getOperands())
        if (auto it = slotOf.find(v); it != slotOf.end())
          lastUse[it->second] = static_cast<int>(i);
      if (user != interp->steps[i].op)
        for (Value v : user->getResults())
          if (auto it = slotOf.find(v); it != slotOf.end())
            lastUse[it->second] = static_cast<int>(i);
      for (mlir::Region &r : user->getRegions())
        for (BlockArgument arg : r.getArguments())
          lastUse[slotOf.lookup(arg)] = static_cast<int>(i);
    });
  for (int s : interp->resultSlots)
    lastUse[s] = -1;
  for (int s = 0; s < interp->numSlots; ++s)
    if (lastUse[s] >= 0 && !interp->isConstant[s])
      interp->steps[lastUse[s]].dead.push_back(s);
  return std::move(interp);
}

llvm::Expected<std::vector<Tensor>>
Interpreter::run(const std::vector<Tensor> &inputs,
                 const OpObserver &observer) {
  if (llvm::Error e = checkInputs(inputSpecs, inputs))
    return std::move(e);
  std::vector<Tensor> slots = constants;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Tensor &t = inputs[i];
    slots[argSlots[i]] = t;
  }
  for (Step &step : steps) {
    std::vector<Tensor> outputs;
    double ms = 0;
    if (llvm::Error e = kiln::interp::runStep(step, slots, outputs, ms))
      return std::move(e);
    if (observer)
      observer(step.op, outputs, ms);
    for (int s : step.dead)
      slots[s] = Tensor();
  }
  std::vector<Tensor> results;
  for (int s : resultSlots)
    results.push_back(slots[s]);
  return results;
}

/// Runs \p region with its block arguments bound to \p args and returns the
/// tensors its yield names.
static llvm::Expected<std::vector<Tensor>>
runRegion(interp::Region &region, std::vector<Tensor> args,
          std::vector<Tensor> &slots) {
  for (size_t i = 0; i < args.size(); ++i)
    slots[region.args[i]] = std::move(args[i]);
  for (Step &step : region.steps) {
    std::vector<Tensor> results;
    double ms = 0;
    if (llvm::Error e = interp::runStep(step, slots, results, ms))
      return std::move(e);
  }
  std::vector<Tensor> yields;
  for (int s : region.yields)
    yields.push_back(slots[s]);
  return yields;
}

llvm::Error interp::runStep(Step &step, std::vector<Tensor> &slots,
                            std::vector<Tensor> &results, double &ms) {
  KernelContext ctx;
  ctx.opName = step.label;
  ctx.attrs = &step.attrs;
  for (int s : step.inputs)
    ctx.inputs.push_back(s < 0 ? nullptr : &slots[s]);
  ctx.outputs.resize(step.outputs.size());
  auto start = std::chrono::steady_clock::now();
  Status status = Status::ok();
  if (!step.regions.empty()) {
    std::vector<Tensor> operands;
    for (int s : step.inputs)
      operands.push_back(s < 0 ? Tensor() : slots[s]);
    auto results = runControlFlow(
        step.controlFlow, step.label, operands,
        [&](unsigned index,
            std::vector<Tensor> args) -> llvm::Expected<std::vector<Tensor>> {
          return runRegion(step.regions[index], std::move(args), slots);
        });
    if (!results)
      return results.takeError();
    for (size_t r = 0; r < step.outputs.size() && r < results->size(); ++r)
      ctx.outputs[r] = (*results)[r];
  } else {
    try {
      status = step.kernel.evaluate(ctx);
    } catch (const std::bad_alloc &) {
      status = Status::error(step.label + ": out of memory");
    }
  }
  ms = std::chrono::duration<double, std::milli>(
           std::chrono::steady_clock::now() - start)
           .count();
  if (!status)
    return makeError(status.message());
  for (size_t r = 0; r < step.outputs.size(); ++r) {
    Tensor &out = ctx.outputs[r];
    if (!out.valid())
      return makeError(step.label + ": kernel produced no result #" +
                       std::to_string(r));
    // The IR's result type is a promise: check the kernel kept it. (A
    // container's kind and element type; the dims of the tensors it holds
    // may change from one loop iteration to the next.)
    TensorSpec spec = specFromType(step.op->getResult(r).getType(), "");
    if ((!out.isDense() || spec.kind != ValueKind::Tensor) &&
        !spec.holdsKindOf(out))
      return makeError(step.label + ": result #" + std::to_string(r) +
                       " is a " + describeValue(out) + " but the IR says " +
                       spec.format());
    if (!out.isDense()) {
      slots[step.outputs[r]] = out;
      continue;
    }
    if (spec.ranked && out.dtype() != spec.dtype)
      return makeError(
          step.label + ": result #" + std::to_string(r) + " has element type " +
          std::string(dtypeName(out.dtype())) + " but the IR says " +
          std::string(dtypeName(spec.dtype)));
    // A type the model declared for an op Kiln has no shape rule for is
    // kept as declared (frontend/lib/DeclaredTypes.cpp); the compiled
    // backends refuse a kernel that contradicts it, and so does this one.
    // (Other ops' types come from their rule; a data-dependent op's
    // declared type is trusted by no backend.)
    bool checked = spec.ranked && !isa<ShapeInferenceOpInterface>(step.op) &&
                   !step.op->hasTrait<kiln::OpTrait::KilnDataDependentShape>();
    bool sameShape =
        !checked || static_cast<size_t>(out.rank()) == spec.shape.size();
    for (size_t d = 0; checked && sameShape && d < spec.shape.size(); ++d)
      sameShape = spec.shape[d] < 0 || spec.shape[d] == out.dim(d);
    if (!sameShape)
      return makeError(step.label + ": result #" + std::to_string(r) + " is " +
                       formatShape(out.shape()) + " " +
                       std::string(dtypeName(out.dtype())) +
                       " but the graph declares " + formatShape(spec.shape) +
                       " " + std::string(dtypeName(spec.dtype)));
    slots[step.outputs[r]] = out;
  }
  results = std::move(ctx.outputs);
  return llvm::Error::success();
}

} // namespace kiln
