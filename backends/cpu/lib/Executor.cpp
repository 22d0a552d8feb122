//===- Executor.cpp - Run a plan ------------------------------------------===//
#include "kiln/cpu/Executor.h"
#include "Errors.h"
#include "kiln/interpreter/ControlFlow.h"
#include "kiln/runtime/FloatMode.h"
#include "kiln/runtime/HugePages.h"

#include "ConcatViews.h"
#include "JitArena.h"
#include "PartGroups.h"
#include "RunStatePool.h"
#include "Workers.h"

#include "llvm/Support/FormatVariadic.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>

namespace kiln::cpu {

namespace {
/// One run's intermediates: an arena and a tensor per slot viewing its part
/// (invalid for slots outside the arena), made on a run's first use.
struct RunBuffers {
  std::shared_ptr<void> arena;
  std::vector<Tensor> slots;
};
} // namespace

struct Executor::Impl {
  const Plan &plan;
  /// One per step in forEachStep's order (as given), and the same by
  /// step: per index of `plan.steps`, and for the steps inside regions.
  std::vector<KernelFn> kernels;
  std::vector<KernelFn> topKernels;
  llvm::DenseMap<const PlanStep *, KernelFn> regionKernels;
  Workers workers;
  /// One set of buffers per run in flight.
  RunStatePool<RunBuffers> buffers;
  std::vector<bool> isOutput;
  /// Per slot: the first model output it is, or -1 (where runInto's
  /// caller buffers go).
  std::vector<int> outputIndex;
  /// Slots computed inside other slots' buffers, and Concats elided.
  SlotViews views;
  /// Parts of a batch run side by side (lib/PartGroups.h).
  StepSchedule schedule;
  /// Where each intermediate lives in a run's arena.
  ArenaLayout arena;

  /// Makes \p run's arena and views when it has none.
  void prepare(RunBuffers &run) const {
    if (run.arena)
      return;
    size_t bytes = std::max<uint64_t>(arena.size, kArenaAlign);
    void *block = bytes >= kHugePageSize ? mapHugePages(bytes) : nullptr;
    if (block) {
      run.arena = std::shared_ptr<void>(
          block, [bytes](void *p) { unmapHugePages(p, bytes); });
    } else {
      block = std::aligned_alloc(kArenaAlign, bytes);
      if (!block)
        throw std::bad_alloc();
      run.arena = std::shared_ptr<void>(block, std::free);
    }
    run.slots.resize(plan.slots.size());
    for (size_t s = 0; s < plan.slots.size(); ++s)
      if (arena.offsets[s] >= 0)
        run.slots[s] = Tensor::view(
            plan.slots[s].dtype, plan.slots[s].shape,
            static_cast<char *>(block) + arena.offsets[s], run.arena);
  }

  /// The options it was made with. With flushDenormals, FTZ and DAZ are set
  /// on the thread that calls run() (Workers sets them on the threads that
  /// run chunks).
  ExecutorOptions options;

  Impl(const Plan &plan, std::vector<KernelFn> kernels,
       const ExecutorOptions &options)
      : plan(plan), kernels(std::move(kernels)),
        workers(options.threads, options.flushDenormals), options(options) {
    size_t k = 0;
    forEachStep(plan, [&](const PlanStep &step) {
      KernelFn fn = k < this->kernels.size() ? this->kernels[k] : nullptr;
      ++k;
      if (&step >= plan.steps.data() &&
          &step < plan.steps.data() + plan.steps.size())
        topKernels.push_back(fn);
      else
        regionKernels[&step] = fn;
    });
  }
};

Executor::Executor(const Plan &plan, std::vector<KernelFn> kernels,
                   const ExecutorOptions &options)
    : impl(std::make_unique<Impl>(plan, std::move(kernels), options)) {
  impl->isOutput.assign(plan.slots.size(), false);
  impl->outputIndex.assign(plan.slots.size(), -1);
  for (auto [i, s] : llvm::enumerate(plan.outputSlots))
    if (impl->outputIndex[s] < 0)
      impl->outputIndex[s] = static_cast<int>(i);
  for (int s : plan.outputSlots)
    impl->isOutput[s] = true;
  for (int s : plan.inputSlots)
    impl->isOutput[s] = true; // never allocated here either
  if (options.concatViews) {
    impl->views = planConcatViews(plan, impl->isOutput);
  } else {
    impl->views.root.assign(plan.slots.size(), -1);
    impl->views.byteOffset.assign(plan.slots.size(), 0);
    impl->views.elided.assign(plan.steps.size(), false);
  }
  impl->schedule =
      scheduleSteps(plan.steps.size(), findPartGroups(plan),
                    options.partsSideBySide ? impl->workers.threads() : 1);
  impl->arena = planJitArena(plan, impl->isOutput, impl->views, impl->schedule);
}

Executor::~Executor() = default;

unsigned Executor::threads() const { return impl->workers.threads(); }

bool Executor::flushesDenormals() const { return impl->options.flushDenormals; }

std::unique_ptr<Executor> Executor::withSettings(unsigned threads,
                                                 bool flushDenormals) const {
  ExecutorOptions options = impl->options;
  options.threads = threads;
  options.flushDenormals = flushDenormals;
  return std::make_unique<Executor>(impl->plan, impl->kernels, options);
}

bool Executor::isElided(size_t step) const {
  return step < impl->views.elided.size() && impl->views.elided[step];
}

size_t Executor::sideBySideRounds() const {
  return impl->schedule.rounds.size();
}

int64_t Executor::arenaOffset(int slot) const {
  return impl->arena.offsets[slot];
}

size_t Executor::bufferSets() const { return impl->buffers.size(); }

uint64_t Executor::arenaBytes() const { return impl->arena.size; }

uint64_t Executor::unsharedBytes() const { return impl->arena.unsharedSize; }

/// True when the bytes of \p t and [block, block + size) overlap.
static bool sharesBytes(const Tensor &t, const void *block, uint64_t size) {
  if (!t.byteSize() || !size)
    return false;
  auto *a = static_cast<const char *>(t.raw());
  auto *b = static_cast<const char *>(block);
  return a < b + size && b < a + t.byteSize();
}

llvm::Expected<std::vector<Tensor>>
Executor::run(const std::vector<Tensor> &inputs, const StepObserver &observer,
              const ChunkObserver &chunks) {
  return runImpl(inputs, nullptr, observer, chunks);
}

llvm::Error Executor::runInto(const std::vector<Tensor> &inputs,
                              std::vector<Tensor> &outputs,
                              const StepObserver &observer) {
  const Plan &plan = impl->plan;
  if (outputs.size() != plan.outputs.size())
    return makeError(llvm::formatv("expected {0} output tensors, found {1}",
                                   plan.outputs.size(), outputs.size()));
  for (auto [i, spec] : llvm::enumerate(plan.outputs)) {
    const Tensor &t = outputs[i];
    if (!spec.isStatic())
      return makeError("output '" + spec.name + "' has a dynamic shape (" +
                       spec.format() +
                       "): run the model without output buffers");
    Shape shape(spec.shape.begin(), spec.shape.end());
    if (!t.valid() || t.dtype() != spec.dtype || t.shape() != shape ||
        (!t.raw() && t.numElements() > 0))
      return makeError("output '" + spec.name + "': expected a buffer of " +
                       spec.format() + ", found " +
                       (t.valid() ? formatShape(t.shape()) + " " +
                                        std::string(dtypeName(t.dtype()))
                                  : std::string("none")));
  }
  for (auto [i, out] : llvm::enumerate(outputs))
    for (auto [k, in] : llvm::enumerate(inputs))
      if (in.valid() && sharesBytes(out, in.raw(), in.byteSize()))
        return makeError(
            "output '" + plan.outputs[i].name + "' shares bytes with input '" +
            (k < plan.inputs.size() ? plan.inputs[k].name : std::to_string(k)) +
            "'");
  auto done = runImpl(inputs, &outputs, observer);
  return done ? llvm::Error::success() : done.takeError();
}

llvm::Expected<std::vector<Tensor>>
Executor::runImpl(const std::vector<Tensor> &inputs, std::vector<Tensor> *into,
                  const StepObserver &observer, const ChunkObserver &chunks) {
  const Plan &plan = impl->plan;
  if (llvm::Error e = checkInputs(plan.inputs, inputs))
    return std::move(e);
  // Reference steps and single-chunk kernels run on this thread.
  ScopedFlushDenormals flush(impl->options.flushDenormals);
  std::vector<Tensor> slots(plan.slots.size());
  for (size_t s = 0; s < plan.slots.size(); ++s)
    if (plan.slots[s].isConstant)
      slots[s] = plan.slots[s].constant;
  for (size_t i = 0; i < inputs.size(); ++i)
    slots[plan.inputSlots[i]] = inputs[i];
  // This run's intermediate buffers: no other run writes them meanwhile.
  auto lease = impl->buffers.acquire();
  try {
    impl->prepare(*lease);
  } catch (const std::bad_alloc &) {
    return makeError(llvm::formatv("out of memory for the intermediates "
                                   "({0} bytes)",
                                   impl->arena.size)
                         .str());
  }
  std::vector<Tensor> &buffers = lease->slots;

  /// True when \p t is an allocated tensor of \p slot's type.
  auto holds = [](const Tensor &t, const PlanSlot &slot) {
    // A default tensor also has rank 0 and no data: compare the sizes too.
    int64_t n = shapeNumElements(slot.shape);
    return t.valid() && t.numElements() == n && (t.raw() || n == 0) &&
           t.dtype() == slot.dtype && t.shape() == slot.shape;
  };
  const SlotViews &views = impl->views;
  /// The buffer a compiled step writes into (whole: not zero-filled first):
  /// the caller's or a fresh tensor for a graph output or a value of a
  /// region (outside the arena), else its part of the arena.
  auto resultBuffer = [&](int s) -> Tensor & {
    const PlanSlot &slot = plan.slots[s];
    if (holds(slots[s], slot))
      return slots[s];
    if (into && impl->outputIndex[s] >= 0)
      slots[s] = (*into)[impl->outputIndex[s]];
    else if (impl->isOutput[s] || impl->arena.offsets[s] < 0)
      slots[s] = Tensor::uninitialized(slot.dtype, slot.shape);
    else
      slots[s] = buffers[s];
    return slots[s];
  };

  /// Stores \p outs as the results of reference or regions step \p step,
  /// checked against its slots' types.
  auto storeResults = [&](const PlanStep &step,
                          std::vector<Tensor> &outs) -> llvm::Error {
    for (size_t r = 0; r < step.outputs.size(); ++r) {
      const PlanSlot &slot = plan.slots[step.outputs[r]];
      if (r >= outs.size() || !outs[r].valid())
        return makeError(step.label + ": kernel produced no result #" +
                         std::to_string(r));
      Tensor &out = outs[r];
      // A container slot takes a container of its kind (any value stands
      // for an optional); the interpreter checks the same with
      // TensorSpec::holdsKindOf.
      if (out.kind() != slot.kind && slot.kind != ValueKind::Optional)
        return makeError(
            step.label + ": result #" + std::to_string(r) + " is a " +
            describeValue(out) + " but the graph declares a " +
            (slot.kind == ValueKind::Sequence ? "sequence" : "tensor"));
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
    return llvm::Error::success();
  };

  /// Runs \p step (not an elided one) with kernel \p fn; \p chunks sees
  /// its chunks (the steps of `plan.steps` only). With \p whole, a compiled
  /// step runs all its work items on the calling thread (a part of a
  /// round).
  std::function<llvm::Error(const PlanStep &, KernelFn, const ChunkObserver &,
                            bool whole)>
      runStep;
  runStep = [&](const PlanStep &step, KernelFn fn, const ChunkObserver &chunks,
                bool whole) -> llvm::Error {
    if (step.kind == PlanStep::Kind::Compiled) {
      llvm::SmallVector<void *, 16> args;
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
      // The kernel clamps indices out of range; the reference kernel fails.
      for (const IndexCheck &check : step.indexChecks)
        if (Status s =
                checkIndexRange(check.range, slots[check.slot], step.label);
            !s)
          return makeError(s.message());
      void **argv = args.data();
      if (whole || step.grain >= step.workItems ||
          impl->workers.threads() <= 1) {
        fn(argv, 0, step.workItems);
      } else if (!chunks) {
        impl->workers.parallelFor(
            step.workItems, step.grain,
            [&](int64_t begin, int64_t end) { fn(argv, begin, end); });
      } else {
        impl->workers.parallelFor(
            step.workItems, step.grain, [&](int64_t begin, int64_t end) {
              auto chunkStart = std::chrono::steady_clock::now();
              fn(argv, begin, end);
              chunks(step, begin, end,
                     std::chrono::duration<double, std::milli>(
                         std::chrono::steady_clock::now() - chunkStart)
                         .count());
            });
      }
      return llvm::Error::success();
    }
    if (step.kind == PlanStep::Kind::Regions) {
      // The op's semantics are the interpreter's; each region runs its
      // steps here, into fresh buffers (PlanRegion).
      size_t numOperands =
          std::min(step.controlFlow.numOperands, step.inputs.size());
      std::vector<Tensor> operands;
      for (size_t i = 0; i < numOperands; ++i)
        operands.push_back(step.inputs[i] < 0 ? Tensor()
                                              : slots[step.inputs[i]]);
      auto results = runControlFlow(
          step.controlFlow, step.label, operands,
          [&](unsigned index,
              std::vector<Tensor> args) -> llvm::Expected<std::vector<Tensor>> {
            const PlanRegion &region = step.regions[index];
            for (int s : region.defined)
              slots[s] = Tensor();
            for (size_t i = 0; i < args.size(); ++i)
              slots[region.args[i]] = std::move(args[i]);
            for (const PlanStep &inner : region.steps)
              if (llvm::Error e = runStep(
                      inner, impl->regionKernels.lookup(&inner), {}, false))
                return std::move(e);
            std::vector<Tensor> yields;
            for (int s : region.yields)
              yields.push_back(slots[s]);
            return yields;
          });
      if (!results)
        return results.takeError();
      return storeResults(step, *results);
    }
    KernelContext ctx;
    ctx.opName = step.label;
    ctx.attrs = &step.attrs;
    for (int s : step.inputs)
      ctx.inputs.push_back(s < 0 ? nullptr : &slots[s]);
    ctx.outputs.resize(step.outputs.size());
    Status status = Status::ok();
    try {
      status = step.refKernel(ctx);
    } catch (const std::bad_alloc &) {
      status = Status::error(step.label + ": out of memory");
    }
    if (!status)
      return makeError(status.message());
    return storeResults(step, ctx.outputs);
  };

  /// Runs top-level step \p i: an elided Concat only takes its buffer (its
  /// inputs were computed in its result's place).
  auto runTopStep = [&](size_t i, const ChunkObserver &chunks,
                        bool whole) -> llvm::Error {
    const PlanStep &step = plan.steps[i];
    if (!views.elided[i])
      return runStep(step, impl->topKernels[i], chunks, whole);
    for (int s : step.outputs)
      resultBuffer(s);
    return llvm::Error::success();
  };

  // Rounds of parts run side by side, one part per thread, unless every
  // step is observed (its results and time, or its chunks): then they run
  // one after the other, which the arena's layout also allows.
  const auto &rounds = impl->schedule.rounds;
  bool sideBySide = !observer && !chunks;
  size_t nextRound = 0;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    if (sideBySide && nextRound < rounds.size() &&
        rounds[nextRound].begin == static_cast<int>(i)) {
      const StepSchedule::Round &round = rounds[nextRound++];
      std::vector<std::string> failed(round.parts);
      impl->workers.parallelFor(round.parts, 1, [&](int64_t b, int64_t e) {
        for (int64_t k = b; k < e; ++k)
          for (int j = 0; j < round.partSteps; ++j)
            if (llvm::Error err = runTopStep(
                    round.begin + k * round.partSteps + j, {}, true)) {
              failed[k] = llvm::toString(std::move(err));
              break;
            }
      });
      for (const std::string &message : failed)
        if (!message.empty())
          return makeError(message);
      i += static_cast<size_t>(round.parts) * round.partSteps - 1;
      continue;
    }
    const PlanStep &step = plan.steps[i];
    auto start = std::chrono::steady_clock::now();
    if (llvm::Error e = runTopStep(i, chunks, false))
      return std::move(e);
    if (observer) {
      std::vector<Tensor> results;
      for (int s : step.outputs)
        results.push_back(slots[s]);
      // Timed last, after the results are gathered: the step's time, not
      // the cost of reporting it.
      double ms = std::chrono::duration<double, std::milli>(
                      std::chrono::steady_clock::now() - start)
                      .count();
      observer(step, results, ms);
    }
  }
  // A reference step may hand an operand through (Identity, a view): an
  // output must not keep the bytes of a buffer the next run overwrites.
  if (into) {
    // Outputs no compiled step wrote in place are copied in.
    for (auto [i, s] : llvm::enumerate(plan.outputSlots)) {
      Tensor &out = (*into)[i];
      const Tensor &value = slots[s];
      if (value.raw() != out.raw() && out.byteSize())
        std::memcpy(out.raw(), value.raw(), out.byteSize());
    }
    return std::vector<Tensor>();
  }
  std::vector<Tensor> results;
  for (int s : plan.outputSlots) {
    Tensor result = slots[s];
    // Nor the bytes of a constant (read-only when it views a model entry);
    // a container may hold tensors of either.
    if (!result.isDense() || plan.slots[s].isConstant ||
        sharesBytes(result, lease->arena.get(), impl->arena.size))
      result = result.clone();
    results.push_back(std::move(result));
  }
  return results;
}

} // namespace kiln::cpu
