//===- ContainerHandlers.cpp - Import of sequence and optional ops --------===//
//
// Import handlers for ONNX's sequence ops (opset 11), optional ops (15, 18)
// and SequenceMap (17). Each result's type is derived from the operands (a
// container's kind and element type are always known) unless the model
// declares one of the same kind and element type, which may know more dims.
// ONNX's `type` attribute of Optional becomes the result type and a `dtype`
// attribute; SequenceMap becomes a kiln.loop over the first sequence's
// positions whose body reads each sequence's element with kiln.sequence_at
// and appends what the ONNX body computes with kiln.sequence_insert.
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/OpImporter.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/TensorConversion.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/IR/Verifier.h"

#include <onnx/onnx_pb.h>

namespace kiln::frontend {
namespace {

using mlir::Type;
using mlir::Value;

/// The type of output \p i: a tensor the model declares with \p derived's
/// element type and compatible dims, else \p derived. A container keeps
/// the derived type: what a model declares for the tensors a sequence holds
/// is not trusted (ONNX's inference types a loop's sequence by its first
/// iteration).
Type resultType(NodeImporter &n, size_t i, Type derived) {
  Type declared = n.outputType(i);
  if (!mlir::isa<mlir::TensorType>(declared) ||
      !mlir::isa<mlir::TensorType>(derived) ||
      !sameKindAndElementType(declared, derived) ||
      mlir::failed(mlir::verifyCompatibleShape(declared, derived)))
    return derived;
  return declared;
}

/// The tensor type both \p a and \p b fit: their dims where they agree,
/// dynamic where not, unranked when their ranks differ.
mlir::TensorType join(mlir::TensorType a, mlir::TensorType b) {
  if (a == b)
    return a;
  if (!a.hasRank() || !b.hasRank() || a.getRank() != b.getRank())
    return mlir::UnrankedTensorType::get(a.getElementType());
  llvm::SmallVector<int64_t> dims;
  for (int64_t d = 0; d < a.getRank(); ++d)
    dims.push_back(a.getDimSize(d) == b.getDimSize(d)
                       ? a.getDimSize(d)
                       : mlir::ShapedType::kDynamic);
  return mlir::RankedTensorType::get(dims, a.getElementType());
}

/// The tensor type of the elements of sequence \p v (unranked when \p v is
/// not a sequence, which the op's verifier then reports).
mlir::TensorType elementsOf(Value v) {
  if (auto seq = mlir::dyn_cast<SequenceType>(v.getType()))
    return seq.getElementType();
  return mlir::UnrankedTensorType::get(containedElementType(v.getType()));
}

/// Integer attribute \p name as an i64 attribute, if the node has it.
void copyInt(NodeImporter &n, llvm::StringRef name,
             llvm::SmallVectorImpl<mlir::NamedAttribute> &attrs) {
  if (const onnx::AttributeProto *a = n.attribute(name))
    attrs.emplace_back(n.builder().getStringAttr(name),
                       n.builder().getI64IntegerAttr(a->i()));
}

/// Fails, after one error, unless input \p i is given and is a sequence.
mlir::LogicalResult requireSequence(NodeImporter &n, size_t i) {
  if (!n.hasInput(i) || !n.input(i))
    return n.emitError("expected input #" + llvm::Twine(i) + " (a sequence)");
  if (!mlir::isa<SequenceType>(n.input(i).getType()))
    return n.emitError("expected input #" + llvm::Twine(i) +
                       " to be a sequence");
  return mlir::success();
}

/// Input \p i, or `none` when absent.
Value inputOrNone(NodeImporter &n, size_t i) {
  return i < n.numInputs() && n.hasInput(i) ? n.input(i) : n.none();
}

/// Creates the one-result op \p OpT from \p operands and \p attrs with
/// result type \p type, binds it to output 0 and verifies it.
template <typename OpT>
mlir::LogicalResult build(NodeImporter &n, Type type,
                          llvm::ArrayRef<Value> operands,
                          llvm::ArrayRef<mlir::NamedAttribute> attrs = {}) {
  mlir::OperationState state(n.loc(), OpT::getOperationName());
  state.addOperands(operands);
  state.addAttributes(attrs);
  state.addTypes(type);
  mlir::Operation *op = n.builder().create(state);
  if (mlir::failed(mlir::verify(op))) {
    op->erase();
    return mlir::failure();
  }
  n.setOutput(0, op->getResult(0));
  return mlir::success();
}

mlir::LogicalResult importSequenceEmpty(NodeImporter &n) {
  llvm::SmallVector<mlir::NamedAttribute> attrs;
  copyInt(n, "dtype", attrs);
  int64_t code = 1;
  if (const onnx::AttributeProto *a = n.attribute("dtype"))
    code = a->i();
  std::optional<DType> dtype = dtypeFromOnnx(code);
  if (!dtype)
    return n.emitError("attribute 'dtype' is ONNX element type " +
                       llvm::Twine(code) + ", which Kiln does not compute on");
  Type elem = elementTypeOf(*n.builder().getContext(), *dtype);
  Type derived = SequenceType::get(n.builder().getContext(),
                                   mlir::UnrankedTensorType::get(elem));
  return build<SequenceEmptyOp>(n, resultType(n, 0, derived), {}, attrs);
}

mlir::LogicalResult importSequenceConstruct(NodeImporter &n) {
  llvm::SmallVector<Value> inputs;
  for (size_t i = 0; i < n.numInputs(); ++i) {
    if (!n.hasInput(i))
      return n.emitError("input #" + llvm::Twine(i) + " is empty");
    inputs.push_back(n.input(i));
  }
  if (inputs.empty())
    return n.emitError("expected at least one tensor");
  mlir::TensorType elem;
  for (Value v : inputs) {
    auto t = mlir::dyn_cast<mlir::TensorType>(v.getType());
    if (!t)
      return n.emitError("expected tensors");
    elem = elem ? join(elem, t) : t;
  }
  Type derived = SequenceType::get(n.builder().getContext(), elem);
  return build<SequenceConstructOp>(n, resultType(n, 0, derived), inputs);
}

mlir::LogicalResult importSequenceInsert(NodeImporter &n) {
  if (mlir::failed(requireSequence(n, 0)))
    return mlir::failure();
  if (n.numInputs() < 2 || !n.hasInput(1))
    return n.emitError("expected a sequence and a tensor");
  auto tensor = mlir::dyn_cast<mlir::TensorType>(n.input(1).getType());
  if (!tensor)
    return n.emitError("expected input #1 to be a tensor");
  mlir::TensorType elem = join(elementsOf(n.input(0)), tensor);
  Type derived = SequenceType::get(n.builder().getContext(), elem);
  return build<SequenceInsertOp>(n, resultType(n, 0, derived),
                                 {n.input(0), n.input(1), inputOrNone(n, 2)});
}

mlir::LogicalResult importSequenceAt(NodeImporter &n) {
  if (mlir::failed(requireSequence(n, 0)))
    return mlir::failure();
  if (n.numInputs() < 2 || !n.hasInput(1))
    return n.emitError("expected a sequence and a position");
  return build<SequenceAtOp>(n, resultType(n, 0, elementsOf(n.input(0))),
                             {n.input(0), n.input(1)});
}

mlir::LogicalResult importSequenceErase(NodeImporter &n) {
  if (mlir::failed(requireSequence(n, 0)))
    return mlir::failure();
  return build<SequenceEraseOp>(n, n.input(0).getType(),
                                {n.input(0), inputOrNone(n, 1)});
}

mlir::LogicalResult importSequenceLength(NodeImporter &n) {
  if (mlir::failed(requireSequence(n, 0)))
    return mlir::failure();
  mlir::OpBuilder &b = n.builder();
  return build<SequenceLengthOp>(
      n, mlir::RankedTensorType::get({}, b.getI64Type()), {n.input(0)});
}

mlir::LogicalResult importSplitToSequence(NodeImporter &n) {
  if (!n.hasInput(0))
    return n.emitError("expected input #0 (a tensor)");
  auto input = mlir::dyn_cast<mlir::TensorType>(n.input(0).getType());
  if (!input)
    return n.emitError("expected input #0 to be a tensor");
  llvm::SmallVector<mlir::NamedAttribute> attrs;
  copyInt(n, "axis", attrs);
  copyInt(n, "keepdims", attrs);
  Type derived =
      SequenceType::get(n.builder().getContext(),
                        mlir::UnrankedTensorType::get(input.getElementType()));
  return build<SplitToSequenceOp>(n, resultType(n, 0, derived),
                                  {n.input(0), inputOrNone(n, 1)}, attrs);
}

mlir::LogicalResult importConcatFromSequence(NodeImporter &n) {
  if (mlir::failed(requireSequence(n, 0)))
    return mlir::failure();
  if (!n.attribute("axis"))
    return n.emitError("expected attribute 'axis'");
  llvm::SmallVector<mlir::NamedAttribute> attrs;
  copyInt(n, "axis", attrs);
  copyInt(n, "new_axis", attrs);
  Type derived =
      mlir::UnrankedTensorType::get(elementsOf(n.input(0)).getElementType());
  return build<ConcatFromSequenceOp>(n, resultType(n, 0, derived), {n.input(0)},
                                     attrs);
}

mlir::LogicalResult importOptional(NodeImporter &n) {
  mlir::MLIRContext *ctx = n.builder().getContext();
  if (n.numInputs() > 0 && n.hasInput(0)) {
    Type value = n.input(0).getType();
    if (mlir::isa<OptionalType>(value))
      return n.emitError("expected a tensor or a sequence, found an optional");
    return build<OptionalOp>(n, OptionalType::get(ctx, value), {n.input(0)});
  }
  // An empty optional: its type is the `type` attribute's.
  const onnx::AttributeProto *a = n.attribute("type");
  if (!a || a->type() != onnx::AttributeProto::TYPE_PROTO)
    return n.emitError("an Optional without input needs attribute 'type'");
  onnx::ValueInfoProto info;
  *info.mutable_type()->mutable_optional_type()->mutable_elem_type() = a->tp();
  Type declared = convertOnnxType(*ctx, info.type());
  if (!declared)
    return n.emitError("attribute 'type' is not a tensor or a sequence type "
                       "Kiln supports");
  Type elem = containedElementType(declared);
  llvm::SmallVector<mlir::NamedAttribute> attrs{
      {n.builder().getStringAttr("dtype"),
       n.builder().getI64IntegerAttr(dtypeToOnnx(*dtypeOf(elem)))}};
  return build<OptionalOp>(n, declared, {n.none()}, attrs);
}

mlir::LogicalResult importOptionalHasElement(NodeImporter &n) {
  mlir::OpBuilder &b = n.builder();
  return build<OptionalHasElementOp>(
      n, mlir::RankedTensorType::get({}, b.getI1Type()), {inputOrNone(n, 0)});
}

mlir::LogicalResult importOptionalGetElement(NodeImporter &n) {
  if (!n.hasInput(0))
    return n.emitError("expected input #0");
  Type value = n.input(0).getType();
  if (auto opt = mlir::dyn_cast<OptionalType>(value))
    value = opt.getValueType();
  return build<OptionalGetElementOp>(n, resultType(n, 0, value), {n.input(0)});
}

/// SequenceMap as a kiln.loop over the first sequence's positions: the body
/// reads element i of each sequence input (a tensor input as it is), runs
/// the ONNX body inlined and appends each of its outputs to the sequence
/// it builds.
mlir::LogicalResult importSequenceMap(NodeImporter &n) {
  if (mlir::failed(requireSequence(n, 0)))
    return mlir::failure();
  const onnx::AttributeProto *a = n.attribute("body");
  if (!a || a->type() != onnx::AttributeProto::GRAPH || !a->has_g())
    return n.emitError("expected a subgraph attribute 'body'");
  const onnx::GraphProto &graph = a->g();
  llvm::SmallVector<Value> inputs;
  for (size_t i = 0; i < n.numInputs(); ++i) {
    if (!n.hasInput(i))
      return n.emitError("input #" + llvm::Twine(i) + " is empty");
    inputs.push_back(n.input(i));
  }
  if (graph.input_size() != static_cast<int>(inputs.size()))
    return n.emitError(
        "subgraph 'body' has " + llvm::Twine(graph.input_size()) +
        " inputs; expected one per input (" + llvm::Twine(inputs.size()) + ")");
  if (graph.output_size() == 0 ||
      graph.output_size() != static_cast<int>(n.numOutputs()))
    return n.emitError("subgraph 'body' has " +
                       llvm::Twine(graph.output_size()) +
                       " outputs; expected one per output (" +
                       llvm::Twine(n.numOutputs()) + ")");
  mlir::OpBuilder &b = n.builder();
  mlir::MLIRContext *ctx = b.getContext();
  mlir::Location loc = n.loc();
  // Each output sequence's type: the node's declared one, else the body
  // output's tensor type, else the first sequence's.
  llvm::SmallVector<Type> types;
  for (int k = 0; k < graph.output_size(); ++k) {
    Type t = n.outputType(k);
    if (!mlir::isa<SequenceType>(t)) {
      auto elem = mlir::dyn_cast_or_null<mlir::TensorType>(
          convertOnnxType(*ctx, graph.output(k).type()));
      t = SequenceType::get(ctx, elem ? elem : elementsOf(inputs[0]));
    }
    types.push_back(relaxedType(t));
  }
  Type i64 = mlir::RankedTensorType::get({}, b.getI64Type());
  Type i1 = mlir::RankedTensorType::get({}, b.getI1Type());
  llvm::SmallVector<Value> operands{
      b.create<SequenceLengthOp>(loc, i64, inputs[0]), n.none()};
  for (Type t : types) {
    std::optional<DType> dtype = dtypeOf(containedElementType(t));
    operands.push_back(b.create<SequenceEmptyOp>(
        loc, t, b.getI64IntegerAttr(dtypeToOnnx(dtype.value_or(DType::F32)))));
  }
  auto loop = b.create<LoopOp>(loc, types, operands);
  {
    // Back after the loop when the body is done.
    mlir::OpBuilder::InsertionGuard guard(b);
    mlir::Block *body = b.createBlock(&loop.getBody());
    Value index = body->addArgument(i64, loc);
    Value cond = body->addArgument(i1, loc);
    for (Type t : types)
      body->addArgument(t, loc);
    llvm::SmallVector<Value> elements;
    for (Value v : inputs)
      elements.push_back(
          mlir::isa<SequenceType>(v.getType())
              ? b.create<SequenceAtOp>(loc, elementsOf(v), v, index)
              : v);
    llvm::SmallVector<Value> outputs;
    if (mlir::failed(n.inlineSubgraph("body", elements, outputs))) {
      loop->erase();
      return mlir::failure();
    }
    llvm::SmallVector<Value> yields{cond};
    for (auto [k, out] : llvm::enumerate(outputs)) {
      if (!mlir::isa<mlir::TensorType>(out.getType())) {
        loop->erase();
        return n.emitError("subgraph 'body' output #" + llvm::Twine(k) +
                           " is not a tensor");
      }
      yields.push_back(b.create<SequenceInsertOp>(
          loc, types[k], body->getArgument(2 + k), out, n.none()));
    }
    b.create<YieldOp>(loc, yields);
  }
  if (mlir::failed(mlir::verify(loop))) {
    loop->erase();
    return mlir::failure();
  }
  for (size_t k = 0; k < types.size(); ++k)
    n.setOutput(k, loop.getResult(k));
  return mlir::success();
}

} // namespace

void registerContainerHandlers(HandlerTable &t) {
  t.add("SequenceMap", 17, importSequenceMap);
  t.add("SequenceEmpty", 11, importSequenceEmpty);
  t.add("SequenceConstruct", 11, importSequenceConstruct);
  t.add("SequenceInsert", 11, importSequenceInsert);
  t.add("SequenceAt", 11, importSequenceAt);
  t.add("SequenceErase", 11, importSequenceErase);
  t.add("SequenceLength", 11, importSequenceLength);
  t.add("SplitToSequence", 11, importSplitToSequence);
  t.add("ConcatFromSequence", 11, importConcatFromSequence);
  t.add("Optional", 15, importOptional);
  // 18 lets OptionalHasElement and OptionalGetElement take a tensor or a
  // sequence too (and OptionalHasElement an absent input).
  for (int v : {15, 18}) {
    t.add("OptionalHasElement", v, importOptionalHasElement);
    t.add("OptionalGetElement", v, importOptionalGetElement);
  }
}

} // namespace kiln::frontend
