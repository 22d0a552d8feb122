//===- Plan.h - A graph cut into compiled kernels ---------------*- C++ -*-===//
//
// The plan is what the JIT executor and the AOT driver both run: numbered
// buffers (slots) with static shapes, and an ordered list of steps. A
// compiled step calls a generated kernel
//
//     void kiln_k<N>(void **buffers, int64_t begin, int64_t end);
//
// whose `buffers` are its operand slots then its result slots, and whose
// work is split into `workItems` independent items [begin, end) so the
// caller may run ranges of them in parallel. A reference step runs the op's
// reference kernel (for ops whose work is not loop-shaped, or that no
// lowering handles yet). A regions step runs a control-flow op (If, Loop,
// Scan) on the host: each of its regions is a list of steps of its own,
// over the same slots, compiled like the others. Planning is cheap and
// deterministic, so a cached object file can be paired with a plan rebuilt
// from the same graph.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_PLAN_H
#define KILN_CPU_PLAN_H

#include "kiln/interpreter/ControlFlow.h"
#include "kiln/interpreter/Interpreter.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/runtime/Attributes.h"
#include "kiln/runtime/IndexRange.h"
#include "kiln/runtime/Kernel.h"
#include "kiln/runtime/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace kiln::cpu {

/// The C signature of every generated kernel.
using KernelFn = void (*)(void **buffers, int64_t begin, int64_t end);

/// One buffer of the plan.
struct PlanSlot {
  DType dtype = DType::F32;
  Shape shape;
  /// False when the shape is only known at run time (reference steps only).
  bool isStatic = true;
  /// A tensor, or a sequence or optional (never static; reference steps
  /// and control flow only).
  ValueKind kind = ValueKind::Tensor;
  /// Set for weights and other constants too large to inline in a kernel.
  Tensor constant;
  bool isConstant = false;
};

struct PlanRegion;

/// Index values a compiled kernel reads unchecked (a gather's indices, a
/// loss's labels: IndexOperandsOpInterface), checked before it runs: the
/// kernel clamps them, where the reference kernel fails.
struct IndexCheck {
  /// The slot holding the values.
  int slot = -1;
  IndexRange range;
};

/// One step of the plan.
struct PlanStep {
  /// Regions: a control-flow op, whose regions run on the host (`regions`).
  enum class Kind { Compiled, Reference, Regions };
  Kind kind = Kind::Compiled;
  /// Compiled: the kernel's symbol, its buffers and its work items.
  std::string symbol;
  std::vector<int> args;
  int64_t workItems = 1;
  /// Work items per parallel task: enough that a task outweighs the cost of
  /// handing it to a thread. A step with grain >= workItems runs on the
  /// calling thread.
  int64_t grain = 1;
  /// Multiply-accumulates of a direct kernel (estimateDirectKernelMacs),
  /// 0 for other steps.
  int64_t macs = 0;
  /// Estimated floating-point operations of the step's ops, and bytes of
  /// the buffers it reads plus those it writes (static shapes), for every
  /// step (StepCost.h has the conventions).
  double flops = 0;
  uint64_t bytes = 0;
  /// The ONNX node names of the ops the step covers, in order, each once
  /// (kept in model entries, unlike `ops`).
  std::vector<std::string> nodes;
  /// Compiled: the index values its kernel reads, checked by the executor
  /// and the AOT driver before it runs, with the reference kernel's message
  /// (constants found in range when planned are left out).
  std::vector<IndexCheck> indexChecks;
  /// Reference: the ONNX op type whose reference kernel runs the step, that
  /// kernel (by name, so a plan read back from a model entry runs it without
  /// the op: ModelCache.h), its attributes, operand slots (-1 for absent)
  /// and result slots.
  std::string refName;
  ::kiln::KernelFn refKernel = nullptr;
  AttrMap attrs;
  std::vector<int> inputs, outputs;
  /// The graph ops this step computes, in order; the last defines the
  /// step's results (`outputs` holds their slots for both kinds). Empty in
  /// a plan read back from a model entry.
  std::vector<mlir::Operation *> ops;
  /// What a step of one op is to ConcatViews: a reinterpretation of its
  /// data operand's shape (Reshape, Flatten, Squeeze, Unsqueeze, Identity,
  /// a Transpose moving only dims of size 1, a Pad by zeros),
  /// a Concat or a Split along concatAxis (normalized to >= 0), a Slice
  /// whose result is the contiguous bytes of its data operand from
  /// viewOffset on, or none of these.
  enum class Shaping : uint8_t { None, Reshape, Concat, Split, Slice };
  Shaping shaping = Shaping::None;
  int64_t concatAxis = 0;
  /// Slice: the byte offset of its result in its data operand.
  int64_t viewOffset = 0;
  /// Compiled: the index in `args` of an operand its kernel reads only at
  /// the positions where it writes its one result (a pointwise kernel's
  /// operand of the result's shape and type), which the result may then
  /// overwrite when nothing reads the operand later; -1 when none.
  int inPlaceArg = -1;
  /// The first batch item of the part of a batch this step computes, when
  /// kiln-split-batch cut its ops into parts (their `kiln.items`), else -1.
  /// The executor runs consecutive parts side by side (lib/PartGroups.h).
  int64_t itemBegin = -1;
  /// "kiln.conv (node 'conv1')".
  std::string label;
  /// Why a reference step was not compiled.
  std::string reason;
  /// Regions: one per region of the op, and what the op is (`inputs` holds
  /// its operands, then the values from outside it that its regions read,
  /// so that they live until it has run).
  std::vector<PlanRegion> regions;
  ControlFlowDesc controlFlow;
};

/// A region of a control-flow op: the slots of its block's arguments, its
/// steps, and the slots its `kiln.yield` hands back. Its slots are never in
/// the run's arena: each run of the region writes fresh buffers, since a
/// value it yields may be read by its next run (a loop-carried value) or
/// kept (a scan output).
struct PlanRegion {
  std::vector<int> args;
  std::vector<PlanStep> steps;
  std::vector<int> yields;
  /// The slots its steps write (cleared before each run of the region).
  std::vector<int> defined;
};

/// A graph cut into steps, plus the kernels to compile.
struct Plan {
  std::vector<PlanSlot> slots;
  std::vector<int> inputSlots, outputSlots;
  std::vector<TensorSpec> inputs, outputs;
  std::vector<PlanStep> steps;
  /// One `func.func @kiln_k<N>` per distinct compiled step, in upstream
  /// dialects (linalg on tensors, or memref and vector for direct kernels):
  /// steps whose kernels are identical share one (shareIdenticalKernels).
  /// Null in a plan read back from a model entry.
  mlir::OwningOpRef<mlir::ModuleOp> kernels;
  /// Kernel functions (after sharing).
  unsigned distinctKernels = 0;

  /// Compiled steps and reference steps, those inside regions included.
  unsigned numCompiled() const;
  unsigned numReference() const;
};

/// "compiled", "reference" or "control flow".
const char *kindName(PlanStep::Kind kind);

/// Calls \p fn on every step of \p plan in order, the steps of each region
/// of a regions step right after it (region by region). The executor's
/// kernels are in this order.
void forEachStep(const Plan &plan,
                 llvm::function_ref<void(const PlanStep &)> fn);
void forEachStep(Plan &plan, llvm::function_ref<void(PlanStep &)> fn);

/// Cuts `@main` of \p graph (kiln dialect, after the graph passes) into a
/// plan. \p graph must outlive the plan. Fails on a graph the backend cannot
/// run at all (no @main, an op without a reference kernel).
llvm::Expected<Plan> buildPlan(mlir::ModuleOp graph);

/// "kiln.conv (node 'conv1')".
std::string describeOp(mlir::Operation *op);

/// Erases every kernel of \p plan identical to an earlier one (its code and
/// types; weights are arguments) and points its steps at that one.
/// buildPlan calls it.
void shareIdenticalKernels(Plan &plan);

/// Renames the kernels of \p plan and the steps that call them: \p names
/// pairs a kernel's name with its new one (KernelCache.h's content names;
/// several kernels may take one name, which must then be one kernel's code).
/// Kernels not named keep their names.
void renameKernels(Plan &plan,
                   llvm::ArrayRef<std::pair<std::string, std::string>> names);

} // namespace kiln::cpu

#endif // KILN_CPU_PLAN_H
