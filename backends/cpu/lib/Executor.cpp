//===- Executor.cpp - Run a plan ------------------------------------------===//
#include "kiln/cpu/Executor.h"

#include "ConcatViews.h"
#include "RunStatePool.h"
#include "Workers.h"

#include "llvm/Support/FormatVariadic.h"

#include <chrono>

namespace kiln::cpu {

static llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

struct Executor::Impl {
  const Plan &plan;
  std::vector<KernelFn> kernels;
  Workers workers;
  /// Buffers of intermediate slots, one set per run in flight (each set
  /// indexed by slot, invalid for the others).
  RunStatePool<std::vector<Tensor>> buffers;
  std::vector<bool> isOutput;
  /// Slots computed inside other slots' buffers, and Concats elided.
  SlotViews views;

  Impl(const Plan &plan, std::vector<KernelFn> kernels, unsigned threads)
      : plan(plan), kernels(std::move(kernels)), workers(threads) {}
};

Executor::Executor(const Plan &plan, std::vector<KernelFn> kernels,
                   unsigned threads)
    : impl(std::make_unique<Impl>(plan, std::move(kernels), threads)) {
  impl->isOutput.assign(plan.slots.size(), false);
  for (int s : plan.outputSlots)
    impl->isOutput[s] = true;
  for (int s : plan.inputSlots)
    impl->isOutput[s] = true; // never allocated here either
  impl->views = planConcatViews(plan, impl->isOutput);
}

Executor::~Executor() = default;

unsigned Executor::threads() const { return impl->workers.threads(); }

bool Executor::isElided(size_t step) const {
  return step < impl->views.elided.size() && impl->views.elided[step];
}

size_t Executor::bufferSets() const { return impl->buffers.size(); }

/// True when the bytes of \p t and \p buffer overlap.
static bool sharesBytes(const Tensor &t, const Tensor &buffer) {
  if (!t.byteSize() || !buffer.byteSize())
    return false;
  auto *a = static_cast<const char *>(t.raw());
  auto *b = static_cast<const char *>(buffer.raw());
  return a < b + buffer.byteSize() && b < a + t.byteSize();
}

llvm::Expected<std::vector<Tensor>>
Executor::run(const std::vector<Tensor> &inputs, const StepObserver &observer) {
  const Plan &plan = impl->plan;
  if (llvm::Error e = checkInputs(plan.inputs, inputs))
    return std::move(e);
  std::vector<Tensor> slots(plan.slots.size());
  for (size_t s = 0; s < plan.slots.size(); ++s)
    if (plan.slots[s].isConstant)
      slots[s] = plan.slots[s].constant;
  for (size_t i = 0; i < inputs.size(); ++i)
    slots[plan.inputSlots[i]] = inputs[i];
  // This run's intermediate buffers: no other run writes them meanwhile.
  auto lease = impl->buffers.acquire();
  std::vector<Tensor> &buffers = *lease;
  buffers.resize(plan.slots.size());

  /// True when \p t is an allocated tensor of \p slot's type.
  auto holds = [](const Tensor &t, const PlanSlot &slot) {
    // A default tensor also has rank 0 and no data: compare the sizes too.
    int64_t n = shapeNumElements(slot.shape);
    return t.valid() && t.numElements() == n && (t.raw() || n == 0) &&
           t.dtype() == slot.dtype && t.shape() == slot.shape;
  };
  /// Slot \p s's own buffer in this run's set, allocated on first use.
  auto ownBuffer = [&](int s) -> Tensor & {
    const PlanSlot &slot = plan.slots[s];
    Tensor &buf = buffers[s];
    if (!holds(buf, slot))
      buf = Tensor::uninitialized(slot.dtype, slot.shape);
    return buf;
  };
  const SlotViews &views = impl->views;
  /// The buffer a compiled step writes into (whole: not zero-filled first).
  auto resultBuffer = [&](int s) -> Tensor & {
    const PlanSlot &slot = plan.slots[s];
    if (holds(slots[s], slot))
      return slots[s];
    if (impl->isOutput[s]) {
      slots[s] = Tensor::uninitialized(slot.dtype, slot.shape);
      return slots[s];
    }
    if (!views.isView(s)) {
      slots[s] = ownBuffer(s);
      return slots[s];
    }
    // Its bytes in its root's buffer (never a view itself), which the view
    // keeps alive; made once per buffer set.
    Tensor &view = buffers[s];
    if (!holds(view, slot)) {
      auto root = std::make_shared<Tensor>(ownBuffer(views.root[s]));
      view = Tensor::view(
          slot.dtype, slot.shape,
          static_cast<char *>(root->raw()) + views.byteOffset[s], root);
    }
    slots[s] = view;
    return slots[s];
  };

  std::vector<void *> args;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep &step = plan.steps[i];
    auto start = std::chrono::steady_clock::now();
    if (views.elided[i]) {
      // A Concat whose inputs were computed in its result's place.
      for (int s : step.outputs)
        resultBuffer(s);
    } else if (step.kind == PlanStep::Kind::Compiled) {
      args.clear();
      size_t numOperands = step.args.size() - step.outputs.size();
      for (size_t a = 0; a < step.args.size(); ++a) {
        int s = step.args[a];
        Tensor &t = a < numOperands ? slots[s] : resultBuffer(s);
        if (a < numOperands && !holds(t, plan.slots[s]))
          return makeError(step.label + ": operand #" + std::to_string(a) +
                           " has shape " + formatShape(t.shape()) +
                           " but the kernel was compiled for " +
                           formatShape(plan.slots[s].shape));
        args.push_back(t.raw());
      }
      KernelFn fn = impl->kernels[i];
      if (step.grain >= step.workItems || impl->workers.threads() <= 1) {
        fn(args.data(), 0, step.workItems);
      } else {
        void **argv = args.data();
        impl->workers.parallelFor(
            step.workItems, step.grain,
            [&](int64_t begin, int64_t end) { fn(argv, begin, end); });
      }
    } else {
      KernelContext ctx;
      ctx.opName = step.label;
      ctx.attrs = &step.attrs;
      for (int s : step.inputs)
        ctx.inputs.push_back(s < 0 ? nullptr : &slots[s]);
      ctx.outputs.resize(step.outputs.size());
      Status status = Status::ok();
      try {
        ReferenceKernelOpInterface kernel = step.kernel;
        status = kernel.evaluate(ctx);
      } catch (const std::bad_alloc &) {
        status = Status::error(step.label + ": out of memory");
      }
      if (!status)
        return makeError(status.message());
      for (size_t r = 0; r < step.outputs.size(); ++r) {
        const PlanSlot &slot = plan.slots[step.outputs[r]];
        Tensor &out = ctx.outputs[r];
        if (!out.valid())
          return makeError(step.label + ": kernel produced no result #" +
                           std::to_string(r));
        // A dynamic slot (a shape that depends on data) takes the shape the
        // kernel computed; its element type is still fixed.
        if (out.dtype() != slot.dtype ||
            (slot.isStatic && out.shape() != slot.shape))
          return makeError(step.label + ": result #" + std::to_string(r) +
                           " is " + formatShape(out.shape()) + " " +
                           std::string(dtypeName(out.dtype())) +
                           " but the graph declares " +
                           (slot.isStatic ? formatShape(slot.shape)
                                          : std::string("any shape")) +
                           " " + std::string(dtypeName(slot.dtype)));
        slots[step.outputs[r]] = out;
      }
    }
    if (observer) {
      double ms = std::chrono::duration<double, std::milli>(
                      std::chrono::steady_clock::now() - start)
                      .count();
      std::vector<Tensor> results;
      for (int s : step.outputs)
        results.push_back(slots[s]);
      observer(step, results, ms);
    }
  }
  // A reference step may hand an operand through (Identity, a view): an
  // output must not keep the bytes of a buffer the next run overwrites.
  std::vector<Tensor> results;
  for (int s : plan.outputSlots) {
    Tensor result = slots[s];
    for (const Tensor &buf : buffers)
      if (sharesBytes(result, buf)) {
        result = result.clone();
        break;
      }
    results.push_back(std::move(result));
  }
  return results;
}

} // namespace kiln::cpu
