//===- Importer.cpp - ONNX graph to kiln IR -------------------------------===//
//
// Builds `func.func @main` from a validated model:
//   1. graph inputs that are not initializers become function arguments;
//   2. initializers become kiln.constant ops (created on first use), stored
//      out of line as dense_resource blobs;
//   3. each node goes to its (domain, op type, since-version) handler; nodes
//      without one are collected and reported together at the end;
//   4. graph outputs are returned.
// Types come from ONNX shape inference; unknown ones are unranked. Each op's
// declared result types then meet Kiln's own shape rule (DeclaredTypes.cpp).
//
//===----------------------------------------------------------------------===//
#include "kiln/frontend/ImporterInternal.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/TensorConversion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"

#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>

#include <cstring>
#include <map>
#include <set>

using namespace mlir;

namespace kiln::frontend {

/// Converts an ONNX type: a tensor, a sequence of tensors, an optional of
/// either; null for other and unsupported types.
Type convertOnnxType(MLIRContext &ctx, const onnx::TypeProto &type) {
  if (type.has_sequence_type()) {
    auto elem = dyn_cast_or_null<TensorType>(
        convertOnnxType(ctx, type.sequence_type().elem_type()));
    return elem ? SequenceType::get(&ctx, elem) : Type();
  }
  if (type.has_optional_type()) {
    Type value = convertOnnxType(ctx, type.optional_type().elem_type());
    return value && !isa<OptionalType>(value) ? OptionalType::get(&ctx, value)
                                              : Type();
  }
  if (!type.has_tensor_type())
    return {};
  const auto &tt = type.tensor_type();
  std::optional<DType> dtype = dtypeFromOnnx(tt.elem_type());
  if (!dtype)
    return {};
  Type elem = elementTypeOf(ctx, *dtype);
  if (!tt.has_shape())
    return UnrankedTensorType::get(elem);
  llvm::SmallVector<int64_t> dims;
  for (const auto &d : tt.shape().dim())
    dims.push_back(d.has_dim_value() && d.dim_value() >= 0
                       ? d.dim_value()
                       : ShapedType::kDynamic);
  return RankedTensorType::get(dims, elem);
}

Type relaxedType(Type type) {
  if (auto opt = dyn_cast<OptionalType>(type))
    return OptionalType::get(type.getContext(),
                             relaxedType(opt.getValueType()));
  if (auto seq = dyn_cast<SequenceType>(type))
    return SequenceType::get(
        type.getContext(), cast<TensorType>(relaxedType(seq.getElementType())));
  if (auto tensor = dyn_cast<TensorType>(type))
    return UnrankedTensorType::get(tensor.getElementType());
  return type;
}

/// State of one model's import.
class ModelImporter {
public:
  ModelImporter(MLIRContext &ctx, const LoadedModel &model)
      : ctx(ctx), model(model), builder(&ctx) {}

  OwningOpRef<ModuleOp> run();

  MLIRContext &ctx;
  const LoadedModel &model;
  OpBuilder builder;
  /// ONNX value name -> imported value.
  llvm::StringMap<Value> values;
  /// ONNX value name -> declared or inferred type.
  std::map<std::string, const onnx::TypeProto *> types;
  /// Values whose contradicted declaration was reported (once per value).
  std::set<std::string> warned;
  /// Initializers not yet turned into constants.
  std::map<std::string, const onnx::TensorProto *> initializers;
  Block *entry = nullptr;
  Value none;
  int64_t opsetFor(const std::string &domain) const;

  /// Imports the nodes of \p graph at the builder's insertion point; fails
  /// after one diagnostic.
  LogicalResult importNodes(const onnx::GraphProto &graph);
  /// Imports subgraph \p graph (the GRAPH attribute \p attrName of \p node)
  /// into \p region: one block whose arguments are the subgraph's inputs
  /// (typed as declared, else by \p argTypes) and which yields its outputs.
  /// Names the subgraph defines are visible only inside it.
  LogicalResult importSubgraph(const onnx::GraphProto &graph,
                               llvm::StringRef attrName, Region &region,
                               llvm::ArrayRef<Type> argTypes,
                               NodeImporterImpl &node);
  /// Imports the nodes of subgraph \p graph at the builder's insertion
  /// point with its inputs bound to \p inputs and sets \p outputs to its
  /// outputs' values. Names the subgraph defines are visible only inside it.
  LogicalResult inlineSubgraph(const onnx::GraphProto &graph,
                               llvm::StringRef attrName,
                               llvm::ArrayRef<Value> inputs,
                               llvm::SmallVectorImpl<Value> &outputs,
                               NodeImporterImpl &node);

  Value getNone() {
    if (!none) {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToStart(entry);
      none = builder.create<NoneOp>(builder.getUnknownLoc(),
                                    builder.getNoneType());
    }
    return none;
  }

  /// The value named \p name, creating its constant if it is an initializer;
  /// null if unknown (e.g. the output of an unsupported node).
  Value lookup(const std::string &name, bool &failedToLoad) {
    auto it = values.find(name);
    if (it != values.end())
      return it->second;
    auto init = initializers.find(name);
    if (init == initializers.end())
      return {};
    Tensor t; // a view of the proto's data, copied once into the constant
    Status s = viewTensorProto(*init->second, model.directory,
                               "initializer '" + name + "'", t);
    if (!s) {
      emitError(builder.getUnknownLoc()) << s.message();
      failedToLoad = true;
      return {};
    }
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(entry);
    if (none)
      builder.setInsertionPointAfter(none.getDefiningOp());
    Value v =
        builder.create<ConstantOp>(NameLoc::get(StringAttr::get(&ctx, name)),
                                   makeElementsAttr(ctx, t, name));
    values[name] = v;
    return v;
  }
};

int64_t ModelImporter::opsetFor(const std::string &domain) const {
  if (domain.empty() || domain == "ai.onnx")
    return model.opset;
  for (const auto &op : model.proto->opset_import())
    if (op.domain() == domain)
      return op.version();
  return 0;
}

//===----------------------------------------------------------------------===//
// NodeImporterImpl
//===----------------------------------------------------------------------===//

NodeImporterImpl::NodeImporterImpl(ModelImporter &importer,
                                   const onnx::NodeProto &node, int64_t version,
                                   Location loc)
    : imp(importer), n(node), version(version), location(loc) {}

OpBuilder &NodeImporterImpl::builder() { return imp.builder; }

const std::string &NodeImporterImpl::modelDirectory() const {
  return imp.model.directory;
}

size_t NodeImporterImpl::numInputs() const { return n.input_size(); }

bool NodeImporterImpl::hasInput(size_t i) const {
  return i < static_cast<size_t>(n.input_size()) && !n.input(i).empty();
}

Value NodeImporterImpl::input(size_t i) {
  if (!hasInput(i))
    return none();
  bool failedToLoad = false;
  Value v = imp.lookup(n.input(i), failedToLoad);
  assert(v && "inputs are checked before the handler runs");
  return v;
}

bool NodeImporterImpl::getConstantInts(size_t i,
                                       std::vector<int64_t> &out) const {
  if (!hasInput(i))
    return false;
  const std::string &name = n.input(i);
  Value v = imp.values.lookup(name);
  if (v) {
    auto c = v.getDefiningOp<ConstantOp>();
    if (!c)
      return false;
    auto dense = dyn_cast<DenseIntElementsAttr>(c.getValue());
    if (dense) {
      out.clear();
      for (const llvm::APInt &x : dense.getValues<llvm::APInt>())
        out.push_back(x.getSExtValue());
      return true;
    }
    if (auto res = dyn_cast<DenseResourceElementsAttr>(c.getValue())) {
      auto *blob = res.getRawHandle().getBlob();
      Type et = res.getType().getElementType();
      if (!blob || !et.isInteger(64))
        return false;
      llvm::ArrayRef<char> data = blob->getData();
      out.resize(data.size() / 8);
      if (!out.empty()) // An empty blob's data pointer may be null.
        std::memcpy(out.data(), data.data(), out.size() * 8);
      return true;
    }
    return false;
  }
  auto init = imp.initializers.find(name);
  if (init == imp.initializers.end())
    return false;
  Tensor t;
  if (!tensorFromProto(*init->second, imp.model.directory, name, t) ||
      !isInteger(t.dtype()))
    return false;
  out.resize(t.numElements());
  for (int64_t k = 0; k < t.numElements(); ++k)
    out[k] = t.getAsInt64(k);
  return true;
}

size_t NodeImporterImpl::numOutputs() const { return n.output_size(); }

Type NodeImporterImpl::outputType(size_t i) {
  if (i < numOutputs() && !n.output(i).empty()) {
    auto it = imp.types.find(n.output(i));
    if (it != imp.types.end())
      if (Type t = convertOnnxType(imp.ctx, *it->second))
        return t;
  }
  Type elem = schemaElementType(i);
  if (!elem && hasInput(0))
    if (auto st = dyn_cast<ShapedType>(input(0).getType()))
      elem = st.getElementType();
  return UnrankedTensorType::get(elem ? elem : imp.builder.getF32Type());
}

/// The element type of the ONNX type string \p str ("tensor(int64)"), or
/// null for other types.
static Type elementTypeOfTypeStr(MLIRContext &ctx, const std::string &str) {
  static const std::pair<const char *, int> kTypes[] = {
      {"tensor(float)", onnx::TensorProto::FLOAT},
      {"tensor(double)", onnx::TensorProto::DOUBLE},
      {"tensor(float16)", onnx::TensorProto::FLOAT16},
      {"tensor(int8)", onnx::TensorProto::INT8},
      {"tensor(uint8)", onnx::TensorProto::UINT8},
      {"tensor(int32)", onnx::TensorProto::INT32},
      {"tensor(int64)", onnx::TensorProto::INT64},
      {"tensor(bool)", onnx::TensorProto::BOOL}};
  for (auto [name, onnxType] : kTypes)
    if (str == name)
      if (std::optional<DType> d = dtypeFromOnnx(onnxType))
        return elementTypeOf(ctx, *d);
  return {};
}

Type NodeImporterImpl::schemaElementType(size_t i) {
  const onnx::OpSchema *schema = onnx::OpSchemaRegistry::Schema(
      n.op_type(), version, n.domain() == "ai.onnx" ? "" : n.domain());
  if (!schema || schema->outputs().empty())
    return {};
  const auto &outs = schema->outputs();
  const std::string &typeStr = outs[std::min(i, outs.size() - 1)].GetTypeStr();
  // Bound to an input: that input's element type (Add's T, Where's T...).
  const auto &ins = schema->inputs();
  for (size_t k = 0; k < numInputs() && !ins.empty(); ++k) {
    if (ins[std::min(k, ins.size() - 1)].GetTypeStr() != typeStr ||
        !hasInput(k))
      continue;
    if (auto st = dyn_cast<ShapedType>(input(k).getType()))
      return st.getElementType();
  }
  // One allowed type (Shape's int64, Greater's bool...).
  for (const auto &param : schema->typeConstraintParams())
    if (param.type_param_str == typeStr && param.allowed_type_strs.size() == 1)
      return elementTypeOfTypeStr(imp.ctx, param.allowed_type_strs[0]);
  // Chosen by an attribute (Cast's `to`, EyeLike's `dtype`...).
  for (const char *name : {"to", "dtype"})
    if (const onnx::AttributeProto *a = attribute(name))
      if (a->type() == onnx::AttributeProto::INT)
        if (std::optional<DType> d = dtypeFromOnnx(a->i()))
          return elementTypeOf(imp.ctx, *d);
  // A type string naming the type itself ("tensor(int64)").
  return elementTypeOfTypeStr(imp.ctx, typeStr);
}

void NodeImporterImpl::setOutput(size_t i, Value value) {
  if (i < static_cast<size_t>(n.output_size()) && !n.output(i).empty())
    imp.values[n.output(i)] = value;
}

const onnx::AttributeProto *
NodeImporterImpl::attribute(llvm::StringRef name) const {
  for (const auto &a : n.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

Attribute NodeImporterImpl::convertAttribute(const onnx::AttributeProto &a) {
  OpBuilder &b = imp.builder;
  switch (a.type()) {
  case onnx::AttributeProto::INT:
    return b.getI64IntegerAttr(a.i());
  case onnx::AttributeProto::FLOAT:
    return b.getF32FloatAttr(a.f());
  case onnx::AttributeProto::STRING:
    return b.getStringAttr(a.s());
  case onnx::AttributeProto::INTS:
    return b.getI64ArrayAttr(
        llvm::SmallVector<int64_t>(a.ints().begin(), a.ints().end()));
  case onnx::AttributeProto::FLOATS:
    return b.getF32ArrayAttr(
        llvm::SmallVector<float>(a.floats().begin(), a.floats().end()));
  case onnx::AttributeProto::STRINGS: {
    llvm::SmallVector<llvm::StringRef> strs(a.strings().begin(),
                                            a.strings().end());
    return b.getStrArrayAttr(strs);
  }
  case onnx::AttributeProto::TENSOR: {
    Tensor t; // a view of the proto's data, copied once into the attribute
    if (!viewTensorProto(a.t(), imp.model.directory,
                         "attribute '" + a.name() + "'", t))
      return {};
    return makeElementsAttr(imp.ctx, t, "");
  }
  default:
    return {};
  }
}

Value NodeImporterImpl::createConstant(const Tensor &t, llvm::StringRef name) {
  return imp.builder.create<ConstantOp>(location,
                                        makeElementsAttr(imp.ctx, t, name));
}

Value NodeImporterImpl::constantI64(llvm::ArrayRef<int64_t> values,
                                    bool scalar) {
  Tensor t(DType::I64, scalar ? Shape{} : Shape{int64_t(values.size())});
  for (size_t i = 0; i < values.size(); ++i)
    t.data<int64_t>()[i] = values[i];
  return createConstant(t, "");
}

Value NodeImporterImpl::constantF32(float value) {
  return createConstant(Tensor::scalar<float>(value), "");
}

Value NodeImporterImpl::constantF32s(llvm::ArrayRef<float> values) {
  return createConstant(Tensor::fromVector<float>(
                            {int64_t(values.size())},
                            std::vector<float>(values.begin(), values.end())),
                        "");
}

Value NodeImporterImpl::none() { return imp.getNone(); }

Value NodeImporterImpl::reshape(Value value, llvm::ArrayRef<int64_t> dims) {
  auto type = RankedTensorType::get(
      dims, cast<ShapedType>(value.getType()).getElementType());
  return imp.builder.create<ReshapeOp>(location, type, value, constantI64(dims),
                                       IntegerAttr());
}

Value NodeImporterImpl::constantScalarLike(Value like, double value) {
  DType dtype = DType::F32;
  if (auto st = dyn_cast<ShapedType>(like.getType())) {
    Type e = st.getElementType();
    for (int k = 0; k < kNumDTypes; ++k)
      if (elementTypeOf(imp.ctx, static_cast<DType>(k)) == e)
        dtype = static_cast<DType>(k);
  }
  Tensor t(dtype, {});
  t.setFromDouble(0, value);
  return createConstant(t, "");
}

LogicalResult NodeImporterImpl::emitError(const llvm::Twine &message) {
  std::string name = n.name().empty() ? "<unnamed>" : n.name();
  auto diag = mlir::emitError(location);
  diag << "node '" << name << "' (" << n.op_type() << ", opset " << version
       << "): " << message;
  // The likely cause in a graph specialized for chosen input shapes: a
  // shape the export fixed.
  std::vector<std::string> chosen = imp.model.respecialized;
  chosen.insert(chosen.end(), imp.model.filledDims.begin(),
                imp.model.filledDims.end());
  if (!chosen.empty())
    diag << "; the model cannot be re-specialized for "
         << llvm::join(chosen, ", ");
  return failure();
}

int64_t NodeImporterImpl::respecializedBatch() const {
  return imp.model.respecializedBatch;
}

LogicalResult
NodeImporterImpl::create(llvm::StringRef opName, llvm::ArrayRef<Value> operands,
                         llvm::ArrayRef<NamedAttribute> extraAttrs,
                         llvm::ArrayRef<llvm::StringRef> skipAttrs,
                         int numResults) {
  return createOp(opName, operands, extraAttrs, skipAttrs, numResults, {});
}

LogicalResult
NodeImporterImpl::inlineSubgraph(llvm::StringRef attrName,
                                 llvm::ArrayRef<Value> inputs,
                                 llvm::SmallVectorImpl<Value> &outputs) {
  const onnx::AttributeProto *a = attribute(attrName);
  if (!a || a->type() != onnx::AttributeProto::GRAPH || !a->has_g())
    return emitError("expected a subgraph attribute '" + attrName + "'");
  return imp.inlineSubgraph(a->g(), attrName, inputs, outputs, *this);
}

LogicalResult NodeImporterImpl::createWithRegions(
    llvm::StringRef opName, llvm::ArrayRef<Value> operands,
    llvm::ArrayRef<SubgraphSpec> regions,
    llvm::ArrayRef<NamedAttribute> extraAttrs,
    llvm::ArrayRef<llvm::StringRef> skipAttrs, int numResults) {
  return createOp(opName, operands, extraAttrs, skipAttrs, numResults, regions);
}

LogicalResult NodeImporterImpl::createOp(
    llvm::StringRef opName, llvm::ArrayRef<Value> operands,
    llvm::ArrayRef<NamedAttribute> extraAttrs,
    llvm::ArrayRef<llvm::StringRef> skipAttrs, int numResults,
    llvm::ArrayRef<SubgraphSpec> regions) {
  if (numResults >= 0 && numOutputs() > static_cast<size_t>(numResults))
    return emitError("expected at most " + llvm::Twine(numResults) +
                     " outputs, found " + llvm::Twine(numOutputs()));
  std::optional<RegisteredOperationName> reg =
      RegisteredOperationName::lookup(opName, &imp.ctx);
  assert(reg && "handler names an op that is not registered");
  llvm::ArrayRef<StringAttr> declared = reg->getAttributeNames();
  OperationState state(location, opName);
  state.addOperands(operands);
  for (const auto &a : n.attribute()) {
    if (llvm::is_contained(skipAttrs, a.name()) ||
        llvm::any_of(regions, [&](const SubgraphSpec &r) {
          return r.attrName == a.name();
        }))
      continue;
    if (!llvm::any_of(declared,
                      [&](StringAttr s) { return s.getValue() == a.name(); }))
      return emitError("attribute '" + a.name() +
                       "' is not supported by Kiln's " + opName);
    Attribute attr = convertAttribute(a);
    if (!attr)
      return emitError("attribute '" + a.name() +
                       "' has a type Kiln does not support");
    state.addAttribute(a.name(), attr);
  }
  for (const NamedAttribute &a : extraAttrs)
    state.addAttribute(a.getName(), a.getValue());
  // Trailing outputs with empty names are absent optional ones.
  size_t resultCount = numOutputs();
  while (resultCount > 1 && n.output(resultCount - 1).empty())
    --resultCount;
  if (numResults >= 0)
    resultCount = numResults;
  for (size_t i = 0; i < resultCount; ++i)
    state.addTypes(outputType(i));
  for (size_t i = 0; i < regions.size(); ++i)
    state.addRegion();
  Operation *op = imp.builder.create(state);
  for (auto [region, spec] : llvm::zip(op->getRegions(), regions)) {
    const onnx::AttributeProto *a = attribute(spec.attrName);
    if (!a || a->type() != onnx::AttributeProto::GRAPH || !a->has_g()) {
      op->erase();
      return emitError("expected a subgraph attribute '" + spec.attrName + "'");
    }
    if (failed(imp.importSubgraph(a->g(), spec.attrName, region, spec.argTypes,
                                  *this))) {
      op->erase();
      return failure();
    }
  }
  // A result where the first region yields a container (If: yield i, Loop:
  // yield i + 1 after the condition, Scan: yield i) is that kind of
  // container, whatever the model declares, with the dims of its tensors
  // left open (ONNX's inference types a loop's sequence by its first
  // iteration).
  if (!regions.empty()) {
    Operation *yield = op->getRegion(0).front().getTerminator();
    size_t skip = isa<LoopOp>(op) ? 1 : 0;
    for (auto [i, r] : llvm::enumerate(op->getResults())) {
      if (i + skip >= yield->getNumOperands())
        break;
      Type yielded = yield->getOperand(i + skip).getType();
      if (!isa<TensorType>(yielded))
        r.setType(relaxedType(yielded));
    }
  }
  // Declared result types meet Kiln's shape rule (DeclaredTypes.cpp).
  if (failed(applyShapeRule(op, *this, imp.model.declaredValues, imp.warned))) {
    op->erase();
    return failure();
  }
  for (size_t i = 0; i < numOutputs() && i < op->getNumResults(); ++i)
    setOutput(i, op->getResult(i));
  return success();
}

LogicalResult
NodeImporterImpl::createGeneric(llvm::StringRef opName, int numOperands,
                                llvm::ArrayRef<llvm::StringRef> skipAttrs) {
  size_t count = numOperands < 0 ? numInputs() : size_t(numOperands);
  if (numInputs() > count) {
    // Trailing empty inputs are absent optional ones.
    size_t last = numInputs();
    while (last > count && !hasInput(last - 1))
      --last;
    if (last > count)
      return emitError("expected at most " + llvm::Twine(count) +
                       " inputs, found " + llvm::Twine(numInputs()));
  }
  llvm::SmallVector<Value> operands;
  for (size_t i = 0; i < count; ++i)
    operands.push_back(input(i));
  return create(opName, operands, {}, skipAttrs);
}

//===----------------------------------------------------------------------===//
// ModelImporter
//===----------------------------------------------------------------------===//

LogicalResult ModelImporter::importNodes(const onnx::GraphProto &graph) {
  Location fileLoc = builder.getUnknownLoc();
  const HandlerTable &table = getHandlerTable();
  for (int i = 0; i < graph.node_size(); ++i) {
    const onnx::NodeProto &node = graph.node(i);
    std::string domain = node.domain() == "ai.onnx" ? "" : node.domain();
    int64_t version = opsetFor(domain);
    const ImportFn *fn = table.lookup(domain, node.op_type(), version);
    assert(fn && "unsupported ops are reported before the import");
    // Handlers read the node's first output (found by fuzzing: a Constant
    // without outputs aborted in protobuf).
    if (node.output_size() == 0)
      return emitError(fileLoc)
             << "node '" << node.name() << "' (" << node.op_type()
             << ") has no outputs; expected at least one";
    bool ready = true;
    for (const auto &in : node.input()) {
      if (in.empty())
        continue;
      bool failedToLoad = false;
      if (!lookup(in, failedToLoad)) {
        if (failedToLoad)
          return failure();
        ready = false;
      }
    }
    if (!ready)
      continue; // Downstream of a node that set no value for it.
    std::string label = node.name().empty()
                            ? node.op_type() + "_" + std::to_string(i)
                            : node.name();
    NodeImporterImpl importer(*this, node, version,
                              NameLoc::get(StringAttr::get(&ctx, label)));
    if (failed((*fn)(importer)))
      return failure();
  }
  return success();
}

LogicalResult ModelImporter::importSubgraph(const onnx::GraphProto &graph,
                                            llvm::StringRef attrName,
                                            Region &region,
                                            llvm::ArrayRef<Type> argTypes,
                                            NodeImporterImpl &node) {
  if (graph.input_size() != static_cast<int>(argTypes.size()))
    return node.emitError("subgraph '" + attrName + "' has " +
                          llvm::Twine(graph.input_size()) +
                          " inputs; expected " + llvm::Twine(argTypes.size()));
  OpBuilder::InsertionGuard guard(builder);
  Block *block = builder.createBlock(&region);
  llvm::SmallVector<Value> args;
  for (auto [i, vi] : llvm::enumerate(graph.input())) {
    Type t = convertOnnxType(ctx, vi.type());
    if (!t && vi.type().has_tensor_type())
      t = argTypes[i];
    // A container a loop carries may hold tensors of other dims from one
    // iteration to the next: only its kind and element type are kept.
    if (t && !isa<TensorType>(t))
      t = relaxedType(t);
    if (!t && !isa<TensorType>(argTypes[i]))
      t = argTypes[i];
    if (!t)
      return node.emitError("subgraph '" + attrName + "' input '" + vi.name() +
                            "' has no type Kiln supports (tensors, sequences "
                            "of tensors, optionals)");
    args.push_back(block->addArgument(t, node.loc()));
  }
  builder.setInsertionPointToEnd(block);
  llvm::SmallVector<Value> results;
  if (failed(inlineSubgraph(graph, attrName, args, results, node)))
    return failure();
  builder.create<YieldOp>(node.loc(), results);
  return success();
}

LogicalResult ModelImporter::inlineSubgraph(
    const onnx::GraphProto &graph, llvm::StringRef attrName,
    llvm::ArrayRef<Value> inputs, llvm::SmallVectorImpl<Value> &outputs,
    NodeImporterImpl &node) {
  if (graph.input_size() != static_cast<int>(inputs.size()))
    return node.emitError("subgraph '" + attrName + "' has " +
                          llvm::Twine(graph.input_size()) +
                          " inputs; expected " + llvm::Twine(inputs.size()));
  // The subgraph's names are its own: the enclosing scope's bindings come
  // back when it is done (the loader has refused names defined twice).
  llvm::StringMap<Value> outerValues = values;
  std::map<std::string, const onnx::TypeProto *> outerTypes = types;
  auto restore = llvm::make_scope_exit([&] {
    // Initializers of the main graph first read inside the subgraph became
    // constants of the function's entry block: they stay bound.
    for (const auto &kv : values)
      if (Value v = kv.second; v.getParentBlock() == entry)
        outerValues.try_emplace(kv.first(), v);
    values = std::move(outerValues);
    types = std::move(outerTypes);
  });
  for (const auto &vi : graph.value_info())
    types[vi.name()] = &vi.type();
  for (const auto &vi : graph.output())
    if (!types.count(vi.name()) || !vi.type().tensor_type().has_shape())
      types[vi.name()] = &vi.type();
  for (auto [i, vi] : llvm::enumerate(graph.input()))
    values[vi.name()] = inputs[i];
  // A subgraph's initializers are constants of its block.
  for (const auto &init : graph.initializer()) {
    Tensor t;
    Status st = viewTensorProto(init, model.directory,
                                "initializer '" + init.name() + "'", t);
    if (!st)
      return node.emitError(st.message());
    values[init.name()] = builder.create<ConstantOp>(
        NameLoc::get(StringAttr::get(&ctx, init.name())),
        makeElementsAttr(ctx, t, init.name()));
  }
  if (failed(importNodes(graph)))
    return failure();
  for (const auto &vi : graph.output()) {
    bool failedToLoad = false;
    Value v = lookup(vi.name(), failedToLoad);
    if (!v) {
      if (failedToLoad)
        return failure();
      return node.emitError("subgraph '" + attrName + "' output '" + vi.name() +
                            "' was not imported");
    }
    outputs.push_back(v);
  }
  return success();
}

OwningOpRef<ModuleOp> ModelImporter::run() {
  ctx.loadDialect<KilnDialect, func::FuncDialect>();
  const onnx::GraphProto &graph = model.proto->graph();
  Location fileLoc = builder.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  if (!graph.name().empty())
    (*module)->setAttr("kiln.graph_name", builder.getStringAttr(graph.name()));
  (*module)->setAttr("kiln.opset", builder.getI64IntegerAttr(model.opset));

  for (const auto &vi : graph.input())
    types[vi.name()] = &vi.type();
  for (const auto &vi : graph.value_info())
    types[vi.name()] = &vi.type();
  for (const auto &vi : graph.output())
    if (!types.count(vi.name()) || !vi.type().tensor_type().has_shape())
      types[vi.name()] = &vi.type();
  for (const auto &init : graph.initializer())
    initializers[init.name()] = &init;

  // 1. Arguments.
  llvm::SmallVector<Type> argTypes;
  llvm::SmallVector<std::string> argNames;
  for (const auto &vi : graph.input()) {
    if (initializers.count(vi.name()))
      continue;
    Type t = convertOnnxType(ctx, vi.type());
    if (!t) {
      emitError(fileLoc) << "graph input '" << vi.name()
                         << "' has no tensor type Kiln supports";
      return {};
    }
    argTypes.push_back(t);
    argNames.push_back(vi.name());
  }
  builder.setInsertionPointToEnd(module->getBody());
  auto func = builder.create<func::FuncOp>(
      fileLoc, "main", builder.getFunctionType(argTypes, {}));
  entry = func.addEntryBlock();
  for (size_t i = 0; i < argNames.size(); ++i) {
    values[argNames[i]] = entry->getArgument(i);
    func.setArgAttr(i, "kiln.name", builder.getStringAttr(argNames[i]));
  }
  builder.setInsertionPointToEnd(entry);

  // 3. Nodes. Every unsupported op, in subgraphs too, is reported first, in
  // one line; then the first node that fails to import ends the import, so
  // that a bad model gets one error line, not one per node.
  std::vector<UnsupportedOp> unsupported = findUnsupportedOps(model);
  if (!unsupported.empty()) {
    emitError(fileLoc) << formatUnsupported(unsupported);
    return {};
  }
  if (failed(importNodes(graph)))
    return {};

  // 4. Outputs.
  llvm::SmallVector<Value> results;
  for (const auto &vi : graph.output()) {
    bool failedToLoad = false;
    Value v = lookup(vi.name(), failedToLoad);
    if (!v) {
      if (!failedToLoad) // Otherwise lookup said why.
        emitError(fileLoc) << "graph output '" << vi.name()
                           << "' was not imported";
      return {};
    }
    results.push_back(v);
  }
  builder.create<func::ReturnOp>(fileLoc, results);
  func.setFunctionType(
      builder.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (int i = 0; i < graph.output_size(); ++i)
    func.setResultAttr(i, "kiln.name",
                       builder.getStringAttr(graph.output(i).name()));
  if (failed(mlir::verify(*module)))
    return {};
  return module;
}

OwningOpRef<ModuleOp> importModel(MLIRContext &ctx, const LoadedModel &model) {
  ModelImporter importer(ctx, model);
  return importer.run();
}

OwningOpRef<ModuleOp> importOnnxFile(MLIRContext &ctx, llvm::StringRef path,
                                     const LoadOptions &options) {
  std::unique_ptr<LoadedModel> model = loadModel(ctx, path, options);
  if (!model)
    return {};
  return importModel(ctx, *model);
}

void registerFrontendDialects(DialectRegistry &registry) {
  registerKilnDialects(registry);
}

} // namespace kiln::frontend
