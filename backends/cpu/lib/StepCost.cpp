//===- StepCost.cpp - FLOPs, bytes and ONNX nodes of plan steps -----------===//
//
// The FLOP conventions (estimates from static shapes; an op whose shapes are
// not static counts 0):
//
//   - convolutions and matrix products: 2 per multiply-accumulate of the
//     mathematical product (Conv: Y x Cin/group x kh x kw; MatMul: Y x K;
//     the packed forms count their true K, not the zero padding of the last
//     panel), plus 1 per output element for a bias, 1 for a residual add and
//     1 for an activation fused into the epilogue; integer and quantized
//     forms count alike; RNN, GRU and LSTM count 2 x steps x batch x the
//     elements of W and R (the gate products);
//   - elementwise ops (the KilnElementwise trait): 1 per output element, or
//     kTranscendentalFlops (10, see StepCost.h) for a transcendental one
//     (exp, log, erf, tanh, sigmoid, trigonometric, pow, and activations
//     built on exp: elu, selu, celu, softplus, mish, gelu); variadic Sum,
//     Mean, Min and Max count 1 per input beyond the first; Cast, CastLike,
//     Identity and Dropout (inference) are data movement, 0;
//   - reductions (ReduceX, ArgMax/ArgMin, CumSum, TopK, global pools): 1 per
//     input element;
//   - pools: the window size (kh x kw) per output element;
//   - normalizations, per element: BatchNormalization 2 (a scale and a
//     shift at inference), LayerNormalization 8 (mean 1, variance 3,
//     normalize 2, scale and bias 2), InstanceNormalization and
//     MeanVarianceNormalization 8 alike, RMSNormalization 4 (squares 2,
//     normalize 1, scale 1);
//   - Softmax and LogSoftmax: 4 + kTranscendentalFlops per element (max,
//     subtract, exp, sum, scale); Hardmax 1;
//   - QuantizeLinear and DequantizeLinear: 2 per element;
//   - everything else (reshape, transpose, concat, slice, gather, pad,
//     resize, shape ops...) counts 0: data movement, or too rare to model;
//   - a fused step (a fusion group, or a direct kernel with an elementwise
//     tail) is the sum of its ops.
//
// Bytes are the step's operand and result buffers, each counted once
// (static shapes): the traffic of a kernel that reads each input and writes
// each output once, a lower bound of what a cache-unfriendly kernel moves.
// Constants small enough to be cloned into a kernel are not buffers and are
// not counted.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/StepCost.h"
#include "kiln/cpu/Plan.h"

#include "kiln/ir/KilnDialect.h"

#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>

using namespace mlir;

namespace kiln::cpu {

/// Elements of \p t when it is a static ranked tensor, else 0.
static double elements(Type t) {
  auto ranked = dyn_cast<RankedTensorType>(t);
  return ranked && ranked.hasStaticShape()
             ? static_cast<double>(ranked.getNumElements())
             : 0;
}

static double resultElements(Operation *op) {
  return op->getNumResults() ? elements(op->getResult(0).getType()) : 0;
}

static double operandElements(Operation *op, unsigned i) {
  return i < op->getNumOperands() ? elements(op->getOperand(i).getType()) : 0;
}

/// Dim \p d of operand \p i (from the end when negative), 0 when unknown.
static double operandDim(Operation *op, unsigned i, int64_t d) {
  if (i >= op->getNumOperands())
    return 0;
  auto t = dyn_cast<RankedTensorType>(op->getOperand(i).getType());
  if (!t || !t.hasStaticShape() || t.getRank() == 0)
    return 0;
  int64_t dim = d < 0 ? t.getRank() + d : d;
  if (dim < 0 || dim >= t.getRank())
    return 0;
  return static_cast<double>(t.getDimSize(dim));
}

/// The last dim of operand \p i as the op reads it: through \p perm, the
/// transpose folded into the op, when it is set.
static double lastDimThrough(Operation *op, unsigned i,
                             std::optional<ArrayAttr> perm) {
  if (!perm || perm->empty())
    return operandDim(op, i, -1);
  return operandDim(op, i, cast<IntegerAttr>(perm->getValue().back()).getInt());
}

/// Product of an integer array attribute (a pool's kernel_shape); 1 when
/// absent.
static double product(Operation *op, llvm::StringRef name) {
  double p = 1;
  if (auto a = op->getAttrOfType<ArrayAttr>(name))
    for (Attribute e : a)
      if (auto i = dyn_cast<IntegerAttr>(e))
        p *= static_cast<double>(i.getInt());
  return p;
}

/// Output elements times the bias, residual and activation a packed op's
/// epilogue applies (operands 2 and 3, the activation attribute).
static double epilogueFlops(Operation *op) {
  double ops = 0;
  for (unsigned i = 2; i < std::min(op->getNumOperands(), 4u); ++i)
    ops += !isa<NoneType>(op->getOperand(i).getType());
  auto act = op->getAttrOfType<StringAttr>("activation");
  ops += act && !act.getValue().empty();
  return ops * resultElements(op);
}

/// Whether an elementwise op computes a transcendental function.
static bool isTranscendental(Operation *op) {
  return isa<ExpOp, LogOp, ErfOp, SinOp, CosOp, TanOp, AsinOp, AcosOp, AtanOp,
             SinhOp, CoshOp, AsinhOp, AcoshOp, AtanhOp, SigmoidOp, TanhOp,
             SoftplusOp, MishOp, GeluOp, EluOp, SeluOp, CeluOp, PowOp>(op);
}

double estimateOpFlops(Operation *op) {
  if (op->getNumRegions()) {
    double sum = 0;
    for (Region &region : op->getRegions())
      region.walk([&](Operation *inner) { sum += estimateOpFlops(inner); });
    return sum;
  }
  double y = resultElements(op);
  // Products: 2 per multiply-accumulate.
  if (isa<ConvOp, ConvIntegerOp>(op)) {
    double cout = operandDim(op, 1, 0);
    double macs = cout > 0 ? y * operandElements(op, 1) / cout : 0;
    double bias = op->getNumOperands() > 2 && isa<ConvOp>(op) &&
                          !isa<NoneType>(op->getOperand(2).getType())
                      ? y
                      : 0;
    return 2 * macs + bias;
  }
  if (isa<QLinearConvOp>(op)) {
    // x, x_scale, x_zero_point, w, ...: w is operand 3.
    double cout = operandDim(op, 3, 0);
    return cout > 0 ? 2 * y * operandElements(op, 3) / cout : 0;
  }
  if (isa<ConvTransposeOp>(op)) {
    double cin = operandDim(op, 1, 0);
    return cin > 0 ? 2 * operandElements(op, 0) * operandElements(op, 1) / cin
                   : 0;
  }
  if (isa<PackedConvOp, BlockedConvOp, PackedMatMulOp>(op))
    return 2 * y * operandDim(op, 1, 1) + epilogueFlops(op);
  if (isa<WinogradConvOp>(op)) {
    // The direct convolution's products (9 per input channel): a Winograd
    // step's rate is then its effective rate, comparable with packed_conv's.
    return 2 * y * 9 * operandDim(op, 1, 2) + epilogueFlops(op);
  }
  if (isa<DepthwiseConvOp>(op)) {
    double c = operandDim(op, 1, 0);
    return (c > 0 ? 2 * y * operandElements(op, 1) / c : 0) + epilogueFlops(op);
  }
  if (isa<MatMulOp, MatMulIntegerOp>(op))
    return 2 * y * operandDim(op, 0, -1);
  if (auto t = dyn_cast<TransposedMatMulOp>(op))
    return 2 * y * lastDimThrough(op, 0, t.getAPerm());
  if (isa<QLinearMatMulOp>(op))
    return 2 * y * operandDim(op, 0, -1);
  if (auto attention = dyn_cast<FusedAttentionOp>(op)) {
    // Scores (M x N per matrix, D products each), their scale, mask and
    // softmax, then P x V (N products per output element). D and N are Q's
    // and KT's last dims through their perms (a folded head split); V's
    // perm keeps its last dim, Dv, last.
    double dv = operandDim(op, 2, -1);
    double n = lastDimThrough(op, 1, attention.getKtPerm());
    double scores = dv > 0 ? y / dv * n : 0;
    return 2 * scores * lastDimThrough(op, 0, attention.getQPerm()) +
           (6 + kTranscendentalFlops) * scores + 2 * y * n;
  }
  if (auto gemm = dyn_cast<GemmOp>(op)) {
    auto transA = op->getAttrOfType<IntegerAttr>("transA");
    double k = operandDim(op, 0, transA && transA.getInt() ? 0 : 1);
    bool hasC =
        op->getNumOperands() > 2 && !isa<NoneType>(op->getOperand(2).getType());
    return 2 * y * k + (hasC ? y : 0);
  }
  if (isa<RNNOp, GRUOp, LSTMOp>(op)) {
    // X: seq x batch x input; W, R: dirs x gates*hidden x (input | hidden).
    double steps = operandDim(op, 0, 0), batch = operandDim(op, 0, 1);
    return 2 * steps * batch *
           (operandElements(op, 1) + operandElements(op, 2));
  }
  // Elementwise.
  if (op->hasTrait<OpTrait::KilnElementwise>()) {
    if (isa<CastOp, CastLikeOp>(op))
      return 0;
    if (isa<SumOp, MeanOp, MinOp, MaxOp>(op))
      return y * std::max<double>(1, op->getNumOperands() - 1);
    return y * (isTranscendental(op) ? kTranscendentalFlops : 1);
  }
  if (isa<IdentityOp, DropoutOp>(op))
    return 0;
  // Reductions: 1 per input element.
  if (isa<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp, ReduceProdOp,
          ReduceLogSumOp, ReduceLogSumExpOp, ReduceSumSquareOp, ArgMaxOp,
          ArgMinOp, CumSumOp, TopKOp, GlobalAveragePoolOp, GlobalMaxPoolOp,
          GlobalLpPoolOp, BlockedGlobalAveragePoolOp>(op))
    return operandElements(op, 0);
  // Pools: the window per output element.
  if (isa<MaxPoolOp, AveragePoolOp, LpPoolOp>(op))
    return y * product(op, "kernel_shape");
  // Normalizations and softmax, per element.
  if (isa<BatchNormalizationOp>(op))
    return 2 * y;
  if (isa<LayerNormalizationOp, InstanceNormalizationOp,
          MeanVarianceNormalizationOp>(op))
    return 8 * y;
  if (isa<RMSNormalizationOp>(op))
    return 4 * y;
  if (isa<SoftmaxOp, LogSoftmaxOp>(op))
    return (4 + kTranscendentalFlops) * y;
  if (isa<HardmaxOp>(op))
    return y;
  if (isa<QuantizeLinearOp, DequantizeLinearOp>(op))
    return 2 * y;
  return 0;
}

void nodeNames(Location loc, std::vector<std::string> &names) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    if (!llvm::is_contained(names, name.getName().str()))
      names.push_back(name.getName().str());
    return;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location inner : fused.getLocations())
      nodeNames(inner, names);
    return;
  }
  if (auto call = dyn_cast<CallSiteLoc>(loc))
    nodeNames(call.getCallee(), names);
}

std::string nodeName(Location loc) {
  std::vector<std::string> names;
  nodeNames(loc, names);
  return names.empty() ? "" : names.back();
}

/// Bytes of slot \p s when its shape is static, else 0.
static uint64_t slotBytes(const Plan &plan, int s) {
  if (s < 0 || static_cast<size_t>(s) >= plan.slots.size())
    return 0;
  const PlanSlot &slot = plan.slots[s];
  if (!slot.isStatic)
    return 0;
  return static_cast<uint64_t>(shapeNumElements(slot.shape)) *
         dtypeSize(slot.dtype);
}

void computeStepCost(const Plan &plan, PlanStep &step) {
  step.flops = 0;
  step.nodes.clear();
  for (Operation *op : step.ops) {
    step.flops += estimateOpFlops(op);
    nodeNames(op->getLoc(), step.nodes);
  }
  // A compiled step's args are its operand buffers then its results; a
  // reference step reads its inputs (-1 for absent) and writes its outputs.
  step.bytes = 0;
  if (step.kind == PlanStep::Kind::Compiled) {
    for (int s : step.args)
      step.bytes += slotBytes(plan, s);
    return;
  }
  for (int s : step.inputs)
    step.bytes += slotBytes(plan, s);
  for (int s : step.outputs)
    step.bytes += slotBytes(plan, s);
}

} // namespace kiln::cpu
