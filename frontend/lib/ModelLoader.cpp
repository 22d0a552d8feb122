//===- ModelLoader.cpp - Reading and validating ONNX files ----------------===//
//
// Everything an untrusted model file can get wrong is caught here, before any
// IR is built:
//   1. the file: missing, empty, not a protobuf, truncated;
//   2. the model: no graph, no opset, an opset above 21 (older ones load
//      when Kiln has handlers at that opset; ONNX's version converter is not
//      used, since it crashes on malformed models);
//   3. the graph: names with control characters (they would break the
//      one-line messages), values used but never defined, values defined twice,
//      outputs nothing produces, cycles;
//   4. types: unsupported element types, negative or absurd dimensions;
//   5. initializers: data size vs shape, external data inside the folder;
//   6. ONNX's own checker and shape inference (opsets it knows, <= 17).
// Each problem is one diagnostic line naming the value or node.
//
//===----------------------------------------------------------------------===//
#include "GuardedSchemas.h"
#include "kiln/frontend/Import.h"
#include "kiln/frontend/OpImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace mlir;

namespace kiln::frontend {

LoadedModel::LoadedModel() = default;
LoadedModel::~LoadedModel() = default;
LoadedModel::LoadedModel(LoadedModel &&) = default;

namespace {

/// Largest graph input Kiln accepts: 2^32 elements.
constexpr long double kMaxInputElements = 4294967296.0L;

std::string firstLine(const std::string &s) {
  std::string line = s.substr(0, s.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
    line.pop_back();
  return line;
}

std::string lower(std::string s) {
  for (char &c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string nodeLabel(const onnx::NodeProto &node, int index) {
  std::string name = node.name().empty() ? "#" + std::to_string(index)
                                         : "'" + node.name() + "'";
  return "node " + name + " (" + node.op_type() + ")";
}

/// \p s with control characters written as \xNN, for messages.
std::string escaped(const std::string &s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
      out += llvm::formatv("\\x{0:x-2}", static_cast<unsigned>(u)).str();
    else
      out += c;
  }
  return out;
}

/// Checks that no name in \p graph or its subgraphs has a control character:
/// every message quotes names, and a newline in one would break the
/// one-line error rule (or forge lines in a log).
LogicalResult checkNames(const onnx::GraphProto &graph, Location loc) {
  auto check = [&](const std::string &name,
                   const llvm::Twine &what) -> LogicalResult {
    for (char c : name) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f)
        return emitError(loc) << what << " '" << escaped(name)
                              << "' contains a control character; expected "
                                 "printable names";
    }
    return success();
  };
  // A subgraph's name is quoted in messages too.
  if (failed(check(graph.name(), "graph name")))
    return failure();
  for (const auto &list :
       {&graph.input(), &graph.output(), &graph.value_info()})
    for (const auto &vi : *list)
      if (failed(check(vi.name(), "value name")))
        return failure();
  for (const auto &t : graph.initializer())
    if (failed(check(t.name(), "initializer name")))
      return failure();
  for (const auto &node : graph.node()) {
    if (failed(check(node.name(), "node name")) ||
        failed(check(node.op_type(), "op type")) ||
        failed(check(node.domain(), "domain")))
      return failure();
    for (const auto &v : node.input())
      if (failed(check(v, "value name")))
        return failure();
    for (const auto &v : node.output())
      if (failed(check(v, "value name")))
        return failure();
    for (const auto &a : node.attribute()) {
      if (failed(check(a.name(), "attribute name")))
        return failure();
      if (a.has_g() && failed(checkNames(a.g(), loc)))
        return failure();
      for (const auto &g : a.graphs())
        if (failed(checkNames(g, loc)))
          return failure();
    }
  }
  return success();
}

/// The node-level half of ONNX's checker (each node against its schema:
/// input and output counts, required inputs left empty, attribute types),
/// for models the full checker does not see. ONNX's shape inference assumes
/// it holds and dereferences null otherwise (found by fuzzing). Nodes of
/// ops ONNX does not know are left to the importer, and so are default-domain
/// nodes above kMaxCheckedOpset: Debian's ONNX would check them against an
/// older version of their op (ReduceMean-13 for a ReduceMean-18).
LogicalResult checkNodeSchemas(const onnx::GraphProto &graph,
                               const std::map<std::string, int64_t> &opsets,
                               Location loc) {
  for (const auto &node : graph.node()) {
    std::string domain = node.domain() == "ai.onnx" ? "" : node.domain();
    auto it = opsets.find(domain);
    if (it != opsets.end() && it->second >= 1 && it->second <= INT32_MAX &&
        (!domain.empty() || it->second <= kMaxCheckedOpset))
      if (const onnx::OpSchema *schema = onnx::OpSchemaRegistry::Schema(
              node.op_type(), static_cast<int>(it->second), domain)) {
        try {
          schema->Verify(node);
        } catch (const std::exception &e) {
          return emitError(loc)
                 << "model fails the ONNX checker: " << firstLine(e.what());
        }
      }
    for (const auto &a : node.attribute()) {
      if (a.has_g() && failed(checkNodeSchemas(a.g(), opsets, loc)))
        return failure();
      for (const auto &g : a.graphs())
        if (failed(checkNodeSchemas(g, opsets, loc)))
          return failure();
    }
  }
  return success();
}

/// Checks a value's declared type: a supported element type and sane dims.
LogicalResult checkValueType(const onnx::ValueInfoProto &vi,
                             llvm::StringRef kind, Location loc) {
  if (!vi.has_type())
    return success();
  // A sequence or an optional is checked by the tensor type it holds.
  const onnx::TypeProto *held = &vi.type();
  for (int depth = 0; depth < 2; ++depth) {
    if (held->has_optional_type() && depth == 0)
      held = &held->optional_type().elem_type();
    else if (held->has_sequence_type())
      held = &held->sequence_type().elem_type();
  }
  const onnx::TypeProto &type = *held;
  if (!type.has_tensor_type())
    return emitError(loc) << kind << " '" << vi.name()
                          << "' is not a tensor, a sequence of tensors or an "
                             "optional of either; Kiln supports only those";
  const auto &tt = type.tensor_type();
  if (tt.elem_type() != 0 && !dtypeFromOnnx(tt.elem_type())) {
    std::string name =
        onnx::TensorProto_DataType_IsValid(tt.elem_type())
            ? lower(onnx::TensorProto_DataType_Name(
                  static_cast<onnx::TensorProto_DataType>(tt.elem_type())))
            : std::to_string(tt.elem_type());
    return emitError(loc) << kind << " '" << vi.name() << "' has element type "
                          << name
                          << "; Kiln supports f32, f16, f64, i8, u8, i32, "
                             "i64, bool";
  }
  if (!tt.has_shape())
    return success();
  long double elements = 1;
  for (int i = 0; i < tt.shape().dim_size(); ++i) {
    const auto &d = tt.shape().dim(i);
    if (!d.has_dim_value())
      continue;
    if (d.dim_value() < 0)
      return emitError(loc)
             << kind << " '" << vi.name() << "' has negative dimension "
             << d.dim_value() << " at index " << i;
    elements *= static_cast<long double>(d.dim_value());
  }
  if (elements > kMaxInputElements) {
    std::string dims;
    for (int i = 0; i < tt.shape().dim_size(); ++i)
      dims +=
          (i ? "x" : "") + (tt.shape().dim(i).has_dim_value()
                                ? std::to_string(tt.shape().dim(i).dim_value())
                                : std::string("?"));
    return emitError(loc) << kind << " '" << vi.name() << "' of shape " << dims
                          << " is too large (more than 2^32 elements)";
  }
  return success();
}

/// The subgraphs (GRAPH and GRAPHS attributes) of \p node.
std::vector<onnx::GraphProto *> subgraphsOf(onnx::NodeProto &node) {
  std::vector<onnx::GraphProto *> result;
  for (auto &a : *node.mutable_attribute()) {
    if (a.has_g())
      result.push_back(a.mutable_g());
    for (auto &g : *a.mutable_graphs())
      result.push_back(&g);
  }
  return result;
}

/// The subgraphs of \p node, read-only.
std::vector<const onnx::GraphProto *> subgraphsOf(const onnx::NodeProto &node) {
  std::vector<const onnx::GraphProto *> result;
  for (const auto &a : node.attribute()) {
    if (a.has_g())
      result.push_back(&a.g());
    for (const auto &g : a.graphs())
      result.push_back(&g);
  }
  return result;
}

/// Adds to \p out the names \p graph and its subgraphs read without
/// defining them: the values they take from enclosing scopes.
void collectOuterReads(const onnx::GraphProto &graph,
                       std::set<std::string> &out) {
  std::set<std::string> local, reads;
  for (const auto &in : graph.input())
    local.insert(in.name());
  for (const auto &init : graph.initializer())
    local.insert(init.name());
  for (const auto &node : graph.node()) {
    for (const auto &o : node.output())
      local.insert(o);
    for (const auto &in : node.input())
      reads.insert(in);
    for (const onnx::GraphProto *sub : subgraphsOf(node))
      collectOuterReads(*sub, reads);
  }
  for (const auto &o : graph.output())
    reads.insert(o.name());
  for (const auto &name : reads)
    if (!name.empty() && !local.count(name))
      out.insert(name);
}

/// Checks names, definitions and acyclicity; reorders nodes topologically.
/// \p outer holds the values of the enclosing graphs when \p graph is a
/// subgraph: its nodes may read them, and it may not define them again.
/// A node depends on what its subgraphs read from this graph too.
LogicalResult
checkGraphStructure(onnx::GraphProto &graph, Location loc,
                    const std::map<std::string, std::string> *outer = nullptr) {
  std::map<std::string, std::string> definedBy;
  if (outer)
    definedBy = *outer;
  std::string kind = outer ? "subgraph '" + graph.name() + "'" : "graph";
  auto define = [&](const std::string &name,
                    const std::string &by) -> LogicalResult {
    if (name.empty())
      return success();
    auto [it, inserted] = definedBy.emplace(name, by);
    if (!inserted && it->second != by) {
      // Old models list initializers among the graph inputs: not a conflict.
      if (it->second == kind + " input '" + name + "'" &&
          llvm::StringRef(by).starts_with("initializer"))
        return success();
      return emitError(loc) << "value '" << name << "' is defined twice, by "
                            << it->second << " and by " << by;
    }
    return success();
  };
  for (const auto &in : graph.input())
    if (failed(define(in.name(), kind + " input '" + in.name() + "'")))
      return failure();
  for (const auto &init : graph.initializer())
    if (failed(define(init.name(), "initializer '" + init.name() + "'")))
      return failure();
  // Values defined outside the nodes (graph inputs, initializers, the
  // enclosing graphs' values).
  std::set<std::string> external;
  for (const auto &kv : definedBy)
    external.insert(kv.first);
  int n = graph.node_size();
  for (int i = 0; i < n; ++i)
    for (const auto &out : graph.node(i).output())
      if (failed(define(out, nodeLabel(graph.node(i), i))))
        return failure();
  for (int i = 0; i < n; ++i)
    for (const auto &in : graph.node(i).input())
      if (!in.empty() && !definedBy.count(in))
        return emitError(loc)
               << nodeLabel(graph.node(i), i)
               << (outer ? " in " + kind : std::string()) << " uses value '"
               << in << "' that no graph input, initializer or node defines";
  // Each node's inputs, with what its subgraphs read from this scope; the
  // subgraphs are checked with every value of this scope visible (order
  // is the topological sort's concern).
  std::vector<std::set<std::string>> reads(n);
  for (int i = 0; i < n; ++i) {
    onnx::NodeProto &node = *graph.mutable_node(i);
    reads[i].insert(node.input().begin(), node.input().end());
    for (onnx::GraphProto *sub : subgraphsOf(node)) {
      if (failed(checkGraphStructure(*sub, loc, &definedBy)))
        return failure();
      collectOuterReads(*sub, reads[i]);
    }
  }
  for (const auto &out : graph.output())
    if (!definedBy.count(out.name()))
      return emitError(loc) << kind << " output '" << out.name()
                            << "' is not produced by any node, graph input "
                               "or initializer";

  // Kahn's algorithm; a node left over lies on a cycle.
  std::map<std::string, int> producer;
  for (int i = 0; i < n; ++i)
    for (const auto &out : graph.node(i).output())
      if (!out.empty())
        producer[out] = i;
  std::vector<int> pending(n, 0);
  std::vector<std::vector<int>> users(n);
  for (int i = 0; i < n; ++i)
    for (const auto &in : reads[i]) {
      auto it = producer.find(in);
      if (in.empty() || it == producer.end() || external.count(in))
        continue;
      ++pending[i];
      users[it->second].push_back(i);
    }
  std::vector<int> order, ready;
  for (int i = n - 1; i >= 0; --i)
    if (!pending[i])
      ready.push_back(i);
  while (!ready.empty()) {
    int i = ready.back();
    ready.pop_back();
    order.push_back(i);
    for (int u : users[i])
      if (--pending[u] == 0)
        ready.push_back(u);
  }
  if (static_cast<int>(order.size()) != n) {
    for (int i = 0; i < n; ++i)
      if (pending[i])
        return emitError(loc)
               << "graph has a cycle through " << nodeLabel(graph.node(i), i);
  }
  bool sorted = true;
  for (int i = 0; i < n; ++i)
    sorted &= order[i] == i;
  if (!sorted) {
    google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
    for (int i : order)
      *nodes.Add() = graph.node(i);
    graph.mutable_node()->Swap(&nodes);
  }
  return success();
}

/// Checks the initializers of \p graph's subgraphs (at any depth) as the
/// main graph's are checked: data size, and inline data only (a subgraph's
/// tensors are not loaded from external files).
LogicalResult checkSubgraphInitializers(const onnx::GraphProto &graph,
                                        const std::string &directory,
                                        Location loc) {
  for (const auto &node : graph.node())
    for (const onnx::GraphProto *sub : subgraphsOf(node)) {
      for (const auto &init : sub->initializer()) {
        std::string what = "initializer '" + init.name() + "'";
        if (init.data_location() == onnx::TensorProto::EXTERNAL)
          return emitError(loc)
                 << what
                 << " of a subgraph has external data; Kiln supports "
                    "external data only in the main graph";
        if (Status st = checkTensorProto(init, directory, what, nullptr); !st)
          return emitError(loc) << st.message();
      }
      if (failed(checkSubgraphInitializers(*sub, directory, loc)))
        return failure();
    }
  return success();
}

/// Parses \p bytes into a model whose external data lies in \p directory.
std::unique_ptr<LoadedModel>
parseModel(llvm::StringRef bytes, llvm::StringRef directory, Location loc) {
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    emitError(loc) << "model of " << bytes.size()
                   << " bytes is too large: protobuf reads at most 2 GiB; "
                      "keep large weights as external data";
    return nullptr;
  }
  auto model = std::make_unique<LoadedModel>();
  model->proto = std::make_unique<onnx::ModelProto>();
  model->directory = directory.str();
  if (!model->proto->ParseFromArray(bytes.data(),
                                    static_cast<int>(bytes.size()))) {
    emitError(loc) << "cannot parse the file as an ONNX model: it is "
                      "truncated or not an ONNX protobuf";
    return nullptr;
  }
  return model;
}

/// "input 'x' dimension 0 = 4 (declared batch)": dynamic \p dim of input
/// \p name, filled with \p value.
std::string describeFilledDim(const std::string &name, int i, int64_t value,
                              const onnx::TensorShapeProto::Dimension &dim) {
  return llvm::formatv("input '{0}' dimension {1} = {2} (declared {3})", name,
                       i, value,
                       dim.has_dim_param() && !dim.dim_param().empty()
                           ? dim.dim_param()
                           : std::string("dynamic"))
      .str();
}

/// Steps 2-6 on a parsed model.
std::unique_ptr<LoadedModel> checkModel(std::unique_ptr<LoadedModel> model,
                                        Location loc,
                                        const LoadOptions &options) {
  auto fail = [&](const llvm::Twine &msg) {
    emitError(loc) << msg;
    return nullptr;
  };
  onnx::ModelProto &proto = *model->proto;

  // 2. The model.
  if (!proto.has_graph())
    return fail("model has no graph (not an ONNX model, or an empty one)");
  if (proto.opset_import_size() == 0)
    return fail("model declares no opset (opset_import is empty)");
  int64_t opset = -1;
  for (const auto &op : proto.opset_import())
    if (op.domain().empty() || op.domain() == "ai.onnx")
      opset = op.version();
  if (opset < 0)
    opset = kMinOpset; // Only custom domains: every node will be unsupported.
  if (opset > kMaxOpset)
    return fail("model uses opset " + llvm::Twine(opset) +
                " of the default domain; Kiln supports opsets " +
                llvm::Twine(kMinOpset) + " to " + llvm::Twine(kMaxOpset));
  if (opset < 1)
    return fail("model declares invalid opset " + llvm::Twine(opset));

  for (const auto &op : proto.opset_import())
    if (llvm::any_of(op.domain(), [](char c) {
          return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        }))
      return fail("opset domain '" + escaped(op.domain()) +
                  "' contains a control character; expected printable names");

  // 3-5. Names, structure, types and initializer data, before anything
  // trusts them.
  onnx::GraphProto &graph = *proto.mutable_graph();
  if (failed(checkNames(graph, loc)))
    return nullptr;
  if (failed(checkGraphStructure(graph, loc)))
    return nullptr;
  std::set<std::string> initNames;
  for (const auto &init : graph.initializer())
    initNames.insert(init.name());
  for (const auto &vi : graph.input())
    if (!initNames.count(vi.name()) &&
        failed(checkValueType(vi, "graph input", loc)))
      return nullptr;
  for (const auto &vi : graph.output())
    if (failed(checkValueType(vi, "graph output", loc)))
      return nullptr;
  bool hasExternal = false;
  if (failed(checkSubgraphInitializers(graph, model->directory, loc)))
    return nullptr;
  for (const auto &init : graph.initializer()) {
    hasExternal |= init.data_location() == onnx::TensorProto::EXTERNAL;
    Status s = checkTensorProto(init, model->directory,
                                "initializer '" + init.name() + "'", nullptr);
    if (!s)
      return fail(s.message());
  }

  // Static shapes requested by the user replace the declared dimensions.
  for (const auto &[name, shape] : options.inputShapes) {
    onnx::ValueInfoProto *vi = nullptr;
    for (auto &in : *graph.mutable_input())
      if (in.name() == name && !initNames.count(name))
        vi = &in;
    if (!vi) {
      std::string names;
      for (const auto &in : graph.input())
        if (!initNames.count(in.name()))
          names += (names.empty() ? "'" : ", '") + in.name() + "'";
      return fail(options.shapeOption + " names input '" + name +
                  "', which the model does not have (inputs: " + names + ")");
    }
    if (!vi->type().has_tensor_type())
      return fail(options.shapeOption + " names input '" + name +
                  "', which is a sequence or an optional: " +
                  options.shapeOption + " sets the shapes of tensor inputs");
    auto *shapeProto =
        vi->mutable_type()->mutable_tensor_type()->mutable_shape();
    if (shapeProto->dim_size() != 0 &&
        shapeProto->dim_size() != static_cast<int>(shape.size()))
      return fail(options.shapeOption + " for input '" + name + "' has rank " +
                  llvm::Twine(shape.size()) + " but the model declares rank " +
                  llvm::Twine(shapeProto->dim_size()));
    for (int i = 0; i < shapeProto->dim_size(); ++i) {
      const auto &dim = shapeProto->dim(i);
      if (!dim.has_dim_value())
        model->filledDims.push_back(describeFilledDim(name, i, shape[i], dim));
      if (!dim.has_dim_value() || dim.dim_value() == shape[i])
        continue;
      model->respecialized.push_back(
          llvm::formatv("input '{0}' dimension {1} = {2} (declared {3})", name,
                        i, shape[i], dim.dim_value())
              .str());
      bool batch = i == 0 && dim.dim_value() == 1 &&
                   (model->respecialized.size() == 1 ||
                    model->respecializedBatch == shape[0]);
      model->respecializedBatch = batch ? shape[0] : -1;
    }
    shapeProto->clear_dim();
    for (int64_t d : shape)
      shapeProto->add_dim()->set_dim_value(d);
    if (failed(checkValueType(*vi, "graph input", loc)))
      return nullptr;
  }
  model->respecializedBatch = std::max<int64_t>(model->respecializedBatch, 0);
  // A re-specialized graph: the shapes the file declares for its values and
  // outputs were derived from the old inputs (ONNX's inference below derives
  // them again from the new ones).
  if (!model->respecialized.empty()) {
    graph.clear_value_info();
    // Outputs keep their rank (ONNX's checker wants a shape there).
    for (auto &vi : *graph.mutable_output())
      if (vi.type().tensor_type().has_shape())
        for (auto &dim : *vi.mutable_type()
                              ->mutable_tensor_type()
                              ->mutable_shape()
                              ->mutable_dim())
          dim.Clear();
  }

  // The shapes of data given for inputs fill their dynamic dims; a static
  // dim the data contradicts is the data's error or the model's, and no
  // backend may pick one silently.
  for (const auto &[name, shape] : options.dataShapes) {
    if (options.inputShapes.count(name))
      continue; // --shape decides; the backend checks the data against it.
    onnx::ValueInfoProto *vi = nullptr;
    for (auto &in : *graph.mutable_input())
      if (in.name() == name && !initNames.count(name))
        vi = &in;
    if (!vi || !vi->type().has_tensor_type())
      continue; // The caller reports data for an input the model lacks, or
                // a container given for a tensor.
    bool ranked = vi->type().tensor_type().has_shape();
    auto *shapeProto =
        vi->mutable_type()->mutable_tensor_type()->mutable_shape();
    bool fits =
        !ranked || shapeProto->dim_size() == static_cast<int>(shape.size());
    for (int i = 0; fits && ranked && i < shapeProto->dim_size(); ++i)
      fits = !shapeProto->dim(i).has_dim_value() ||
             shapeProto->dim(i).dim_value() == shape[i];
    if (!fits) {
      std::string declared;
      for (int i = 0; i < shapeProto->dim_size(); ++i)
        declared += (i ? "x" : "") +
                    (shapeProto->dim(i).has_dim_value()
                         ? std::to_string(shapeProto->dim(i).dim_value())
                         : std::string("?"));
      std::string which;
      for (int i = 0; ranked && i < shapeProto->dim_size() &&
                      i < static_cast<int>(shape.size());
           ++i)
        if (shapeProto->dim(i).has_dim_value() &&
            shapeProto->dim(i).dim_value() != shape[i])
          which += llvm::formatv("{0}dimension {1} is {2}, not {3}",
                                 which.empty() ? "" : ", ", i, shape[i],
                                 shapeProto->dim(i).dim_value())
                       .str();
      if (which.empty())
        which = "rank " + std::to_string(shape.size()) + ", not " +
                std::to_string(shapeProto->dim_size());
      return fail("graph input '" + name + "' is declared " +
                  (shapeProto->dim_size() ? declared : std::string("scalar")) +
                  " but the data given for it is " + formatShape(shape) + " (" +
                  which + "); to run the model at that shape, give --shape " +
                  name + "=" + formatShape(shape));
    }
    for (int i = 0; ranked && i < shapeProto->dim_size(); ++i)
      if (!shapeProto->dim(i).has_dim_value())
        model->filledDims.push_back(
            describeFilledDim(name, i, shape[i], shapeProto->dim(i)));
    shapeProto->clear_dim();
    for (int64_t d : shape)
      shapeProto->add_dim()->set_dim_value(d);
    if (failed(checkValueType(*vi, "graph input", loc)))
      return nullptr;
  }

  // Older opsets are not upgraded: ONNX's version converter dereferences
  // null on malformed models (found by fuzzing), so it cannot see untrusted
  // input. A node whose handler starts at a later opset is reported by the
  // importer with that opset.
  model->opset = opset;

  // What the file declares, before ONNX's inference adds what it derives
  // (nothing in a re-specialized graph: the declarations were dropped).
  for (const auto &vi : proto.graph().value_info())
    if (vi.type().tensor_type().has_shape())
      model->declaredValues.insert(vi.name());
  for (const auto &vi : proto.graph().output())
    if (vi.type().tensor_type().has_shape() && model->respecialized.empty())
      model->declaredValues.insert(vi.name());

  // 6. ONNX's checker and shape inference, for the opsets Debian's ONNX knows.
  // Unknown ops would make the checker stop at the first; the importer
  // reports them all instead.
  bool allKnown = findUnsupportedOps(*model).empty();
  if (opset <= kMaxCheckedOpset && !hasExternal && allKnown &&
      proto.ir_version() <= onnx::IR_VERSION) {
    try {
      onnx::checker::check_model(proto);
    } catch (const std::exception &e) {
      return fail("model fails the ONNX checker: " + firstLine(e.what()));
    }
  } else {
    std::map<std::string, int64_t> opsets;
    for (const auto &op : proto.opset_import())
      opsets[op.domain() == "ai.onnx" ? "" : op.domain()] = op.version();
    opsets[""] = opset;
    if (failed(checkNodeSchemas(proto.graph(), opsets, loc)))
      return nullptr;
  }
  // Above kMaxCheckedOpset, Debian's ONNX would infer with older versions of
  // the ops on nodes nothing checked, and crashes on some (found by
  // fuzzing): kiln-infer-shapes types those models after the import.
  if (opset <= kMaxCheckedOpset) {
    try {
      onnx::ShapeInferenceOptions opts;
      opts.check_type = false;
      opts.error_mode = 0;
      opts.enable_data_propagation = true;
      onnx::shape_inference::InferShapes(proto, &guardedSchemaRegistry(), opts);
    } catch (const std::exception &e) {
      // Inference is an aid; the importer falls back to unranked types.
    }
  }
  // Inferred intermediate types get the same sanity checks as inputs.
  for (const auto &vi : proto.graph().value_info())
    if (failed(checkValueType(vi, "value", loc)))
      return nullptr;
  return model;
}

} // namespace

std::unique_ptr<LoadedModel> loadModel(MLIRContext &ctx, llvm::StringRef path,
                                       const LoadOptions &options) {
  Location loc = FileLineColLoc::get(&ctx, path, 0, 0);
  auto fail = [&](const llvm::Twine &msg) {
    emitError(loc) << msg;
    return nullptr;
  };

  // 1. The file.
  std::error_code ec;
  if (!fs::exists(path.str(), ec))
    return fail("cannot open model file: no such file");
  if (fs::is_directory(path.str(), ec))
    return fail("expected a model file, found a directory");
  // Mapped, not read: protobuf parses straight from the file's pages (a
  // 330 MB ViT took 1.5 s to read through an istream, byte by byte).
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file)
    return fail("cannot open model file");
  if ((*file)->getBufferSize() == 0)
    return fail("model file is empty");
  std::unique_ptr<LoadedModel> model = parseModel(
      (*file)->getBuffer(), fs::path(path.str()).parent_path().string(), loc);
  if (!model)
    return nullptr;
  // The parsed copy is all that is needed from here on.
  file->reset();
  return checkModel(std::move(model), loc, options);
}

std::unique_ptr<LoadedModel> loadModelFromBuffer(MLIRContext &ctx,
                                                 llvm::StringRef bytes,
                                                 llvm::StringRef name,
                                                 llvm::StringRef directory,
                                                 const LoadOptions &options) {
  Location loc = FileLineColLoc::get(&ctx, name, 0, 0);
  if (bytes.empty()) {
    emitError(loc) << "model is empty";
    return nullptr;
  }
  std::unique_ptr<LoadedModel> model = parseModel(bytes, directory, loc);
  if (!model)
    return nullptr;
  return checkModel(std::move(model), loc, options);
}

std::vector<UnsupportedOp> findUnsupportedOps(const LoadedModel &model) {
  const HandlerTable &table = getHandlerTable();
  std::map<std::string, int64_t> opsets;
  for (const auto &op : model.proto->opset_import())
    opsets[op.domain() == "ai.onnx" ? "" : op.domain()] = op.version();
  opsets[""] = model.opset;
  std::vector<UnsupportedOp> result;
  std::function<void(const onnx::GraphProto &)> visit =
      [&](const onnx::GraphProto &graph) {
        for (const auto &node : graph.node()) {
          std::string domain = node.domain() == "ai.onnx" ? "" : node.domain();
          int64_t version = opsets.count(domain) ? opsets[domain] : 0;
          if (!table.lookup(domain, node.op_type(), version))
            result.push_back({node.op_type(), node.name(), domain, version});
          for (const onnx::GraphProto *sub : subgraphsOf(node))
            visit(*sub);
        }
      };
  visit(model.proto->graph());
  return result;
}

std::string formatUnsupported(const std::vector<UnsupportedOp> &ops) {
  // Group by (domain, op type, opset), listing a few node names each.
  std::map<std::tuple<std::string, std::string, int64_t>,
           std::vector<std::string>>
      groups;
  for (const auto &op : ops)
    groups[{op.domain, op.opType, op.opset}].push_back(
        op.nodeName.empty() ? "<unnamed>" : op.nodeName);
  std::string msg = std::to_string(groups.size()) + " unsupported op" +
                    (groups.size() == 1 ? "" : "s") + ": ";
  bool first = true;
  for (const auto &[key, names] : groups) {
    const auto &[domain, type, opset] = key;
    msg += first ? "" : "; ";
    first = false;
    msg += (domain.empty() ? "" : domain + ".") + type + " (opset " +
           std::to_string(opset) + ", " + std::to_string(names.size()) +
           " node" + (names.size() == 1 ? "" : "s") + ": ";
    for (size_t i = 0; i < names.size() && i < 3; ++i)
      msg += (i ? ", " : "") + names[i];
    if (names.size() > 3)
      msg += ", ...";
    // An op Kiln knows only at newer versions: say from which.
    std::vector<int> known = getHandlerTable().versions(domain, type);
    if (!known.empty())
      msg += "; Kiln handles it from opset " + std::to_string(known.front());
    msg += ")";
  }
  return msg;
}

} // namespace kiln::frontend
