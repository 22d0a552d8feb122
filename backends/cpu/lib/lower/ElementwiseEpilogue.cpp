//===- ElementwiseEpilogue.cpp - Elementwise chains as open epilogues -----===//
//
// A chain of elementwise ops after a direct kernel (SiLU's Sigmoid and Mul,
// GELU's Div, Erf, Add and Muls, HardSwish...) runs on the kernel's output
// vectors before they are stored, built from the same Rule bodies as the
// single-op lowering. Each op of the chain reads the direct kernel's result,
// an earlier result of the chain, or a single-element f32 constant (a
// splat); every result has the direct kernel's f32 shape, so a lane of any
// value is the same output element.
//
//===----------------------------------------------------------------------===//
#include "ElementwiseLowering.h"

#include "kiln/cpu/DirectKernels.h"
#include "kiln/cpu/Plan.h"
#include "kiln/ir/TensorConversion.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

using namespace mlir;

namespace kiln::cpu {

/// The value of \p v when it is a single-element f32 constant.
static std::optional<float> scalarF32(Value v) {
  auto c = v.getDefiningOp<ConstantOp>();
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!c || !type || !type.hasStaticShape() || type.getNumElements() != 1 ||
      !type.getElementType().isF32())
    return std::nullopt;
  Tensor t;
  if (!tensorFromElementsAttr(c.getValue(), t) || t.numElements() != 1)
    return std::nullopt;
  return static_cast<float>(t.getAsDouble(0));
}

FailureOr<EpilogueTail> buildEpilogueTail(Operation *leader,
                                          ArrayRef<Operation *> chain,
                                          std::string &reason) {
  using namespace elementwise;
  Type shape = leader->getResult(0).getType();
  llvm::DenseSet<Value> computed = {leader->getResult(0)};
  std::vector<std::pair<Operation *, const Rule *>> steps;
  for (Operation *op : chain) {
    auto it = rules().find(op->getName().getStringRef());
    if (it == rules().end()) {
      reason = describeOp(op) + " is not elementwise";
      return failure();
    }
    const Rule &rule = it->getValue();
    if (const char *why = whyNot(rule, op)) {
      reason = describeOp(op) + ": " + why;
      return failure();
    }
    if (op->getNumResults() != 1 || op->getResult(0).getType() != shape ||
        rule.numInputs < op->getNumOperands()) {
      reason = describeOp(op) + " does not compute one f32 value per output "
                                "element from its operands";
      return failure();
    }
    for (Value v : op->getOperands())
      if (!computed.contains(v) && !scalarF32(v)) {
        reason = describeOp(op) + " reads a tensor other than the chain's";
        return failure();
      }
    computed.insert(op->getResult(0));
    steps.push_back({op, &rule});
  }
  Value first = leader->getResult(0);
  return EpilogueTail([first, steps](OpBuilder &b, Location loc, Value v) {
    llvm::DenseMap<Value, Value> map = {{first, v}};
    ScalarBuilder s(b, loc);
    Value last = v;
    for (auto [op, rule] : steps) {
      SmallVector<Value> args;
      for (Value operand : op->getOperands()) {
        auto it = map.find(operand);
        args.push_back(it != map.end() ? it->second
                                       : s.c(v, *scalarF32(operand)));
      }
      last = rule->body(s, args, op);
      map[op->getResult(0)] = last;
    }
    return last;
  });
}

} // namespace kiln::cpu
