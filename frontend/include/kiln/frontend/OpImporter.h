//===- OpImporter.h - Per-op ONNX import handlers ---------------*- C++ -*-===//
//
// Each ONNX op is imported by one small handler keyed by (domain, op type,
// since-version). For a model whose opset for the op's domain is V, the
// handler with the greatest since-version <= V is used; if none exists the op
// is reported as unsupported at that version.
//
// Most ops need only the generic handler: operands and attributes copied as
// they are onto the kiln op of the same meaning. Older versions that passed
// inputs as attributes get a custom handler that turns those attributes into
// constant operands, so kiln ops always have the newest form.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_FRONTEND_OPIMPORTER_H
#define KILN_FRONTEND_OPIMPORTER_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <string>
#include <vector>

namespace onnx {
class NodeProto;
class AttributeProto;
class TypeProto;
} // namespace onnx

namespace kiln::frontend {

/// What a handler sees of the node it imports.
class NodeImporter {
public:
  virtual ~NodeImporter() = default;

  /// The node being imported.
  virtual const onnx::NodeProto &node() const = 0;
  /// The opset version of the node's domain in this model.
  virtual int64_t opsetVersion() const = 0;
  virtual mlir::OpBuilder &builder() = 0;
  /// Location naming the node.
  virtual mlir::Location loc() const = 0;

  /// Number of inputs the node lists (including empty, absent ones).
  virtual size_t numInputs() const = 0;
  /// Input \p i, or a `kiln.none` value when it is absent or out of range.
  virtual mlir::Value input(size_t i) = 0;
  /// True when input \p i is given (non-empty name).
  virtual bool hasInput(size_t i) const = 0;
  /// The constant data of input \p i as int64 values, if the input is an
  /// initializer or Constant output of an integer type.
  virtual bool getConstantInts(size_t i, std::vector<int64_t> &out) const = 0;

  /// Number of outputs the node lists.
  virtual size_t numOutputs() const = 0;
  /// The type imported for output \p i: from ONNX shape inference or the
  /// graph's value_info; unranked with the element type of input 0 when
  /// nothing is known.
  virtual mlir::Type outputType(size_t i) = 0;
  /// Binds ONNX output \p i to \p value.
  virtual void setOutput(size_t i, mlir::Value value) = 0;

  /// The node's attribute \p name, or null.
  virtual const onnx::AttributeProto *attribute(llvm::StringRef name) const = 0;
  /// ONNX attribute \p name converted to the MLIR attribute the kiln op
  /// declares (INT -> i64, FLOAT -> f32, INTS -> i64 array, FLOATS -> f32
  /// array, STRING(S) -> string (array), TENSOR -> elements).
  virtual mlir::Attribute
  convertAttribute(const onnx::AttributeProto &attr) = 0;

  /// A constant i64 tensor: 1-D of values.size(), or 0-D when \p scalar.
  virtual mlir::Value constantI64(llvm::ArrayRef<int64_t> values,
                                  bool scalar = false) = 0;
  /// A constant f32 scalar (0-D) tensor.
  virtual mlir::Value constantF32(float value) = 0;
  /// A constant 1-D f32 tensor of values.size() elements.
  virtual mlir::Value constantF32s(llvm::ArrayRef<float> values) = 0;
  /// The `none` value of an absent optional operand.
  virtual mlir::Value none() = 0;
  /// \p value reshaped to the static shape \p dims (a kiln.reshape with a
  /// constant shape operand).
  virtual mlir::Value reshape(mlir::Value value,
                              llvm::ArrayRef<int64_t> dims) = 0;
  /// A 0-D constant of the element type of \p like holding \p value.
  virtual mlir::Value constantScalarLike(mlir::Value like, double value) = 0;

  /// Creates op \p opName (e.g. "kiln.relu") with the node's inputs padded
  /// with `none` to \p numOperands (-1: as many as the node has), all node
  /// attributes converted except those in \p skipAttrs, and one result per
  /// node output. Fails (with a diagnostic) if the node has an attribute the
  /// op does not declare.
  virtual mlir::LogicalResult
  createGeneric(llvm::StringRef opName, int numOperands = -1,
                llvm::ArrayRef<llvm::StringRef> skipAttrs = {}) = 0;
  /// Like createGeneric but with explicit operands and extra attributes.
  /// \p numResults (-1: one per node output up to the last named one) fixes
  /// the result count for ops whose results are all always present; results
  /// the node does not name get an unranked type.
  virtual mlir::LogicalResult
  create(llvm::StringRef opName, llvm::ArrayRef<mlir::Value> operands,
         llvm::ArrayRef<mlir::NamedAttribute> extraAttrs = {},
         llvm::ArrayRef<llvm::StringRef> skipAttrs = {},
         int numResults = -1) = 0;

  /// One region of an op with regions: the node's GRAPH attribute imported
  /// into it, and the type each block argument takes where the subgraph's
  /// input declares no tensor type (one per expected subgraph input).
  struct SubgraphSpec {
    llvm::StringRef attrName;
    llvm::SmallVector<mlir::Type> argTypes;
  };
  /// Like create, for an op with one region per entry of \p regions (in
  /// order): each subgraph becomes a block whose arguments are its inputs
  /// and whose `kiln.yield` returns its outputs; its nodes may read values
  /// of the enclosing graphs. The GRAPH attributes are not copied as
  /// attributes. \p numResults is as for create.
  virtual mlir::LogicalResult createWithRegions(
      llvm::StringRef opName, llvm::ArrayRef<mlir::Value> operands,
      llvm::ArrayRef<SubgraphSpec> regions,
      llvm::ArrayRef<mlir::NamedAttribute> extraAttrs = {},
      llvm::ArrayRef<llvm::StringRef> skipAttrs = {}, int numResults = -1) = 0;

  /// Imports the nodes of the node's GRAPH attribute \p attrName at the
  /// builder's insertion point, its inputs bound to \p inputs (one per
  /// subgraph input), and sets \p outputs to its outputs' values: a
  /// subgraph inlined where an op's semantics call it (SequenceMap's body
  /// inside the loop it becomes).
  virtual mlir::LogicalResult
  inlineSubgraph(llvm::StringRef attrName, llvm::ArrayRef<mlir::Value> inputs,
                 llvm::SmallVectorImpl<mlir::Value> &outputs) = 0;
  /// Reports a model error at this node: "node 'n' (Op, opset V): message".
  virtual mlir::LogicalResult emitError(const llvm::Twine &message) = 0;

  /// The batch a model exported at batch 1 is re-specialized for
  /// (LoadedModel::respecializedBatch), or 0.
  virtual int64_t respecializedBatch() const { return 0; }
};

/// A handler imports one node; it fails only after emitting a diagnostic.
/// The kiln type of ONNX type \p type: a tensor, a sequence of tensors
/// (!kiln.seq), an optional of either (!kiln.opt); null for other and
/// unsupported types.
mlir::Type convertOnnxType(mlir::MLIRContext &ctx, const onnx::TypeProto &type);

/// \p type with every dim forgotten: an unranked tensor of its element
/// type, or the same container of unranked tensors. What a control-flow
/// region's argument may receive when the model declares nothing more.
mlir::Type relaxedType(mlir::Type type);

using ImportFn = std::function<mlir::LogicalResult(NodeImporter &)>;

/// The handler table: (domain, op type, since-version) -> handler.
class HandlerTable {
public:
  /// Registers a custom handler.
  void add(llvm::StringRef opType, int sinceVersion, ImportFn fn,
           llvm::StringRef domain = "");
  /// Registers the generic handler creating \p kilnOp, with operands padded
  /// to \p numOperands (-1: as the node has them).
  void generic(llvm::StringRef opType, int sinceVersion, llvm::StringRef kilnOp,
               int numOperands = -1, llvm::StringRef domain = "");
  /// The handler for \p opType at opset \p version, or null.
  const ImportFn *lookup(llvm::StringRef domain, llvm::StringRef opType,
                         int64_t version) const;
  /// The since-versions registered for an op type, ascending.
  std::vector<int> versions(llvm::StringRef domain,
                            llvm::StringRef opType) const;

private:
  struct Entry {
    std::string domain, opType;
    int since;
    ImportFn fn;
  };
  std::vector<Entry> entries;
};

/// Per-family registration; each is defined in frontend/handlers/.
void registerCoreHandlers(HandlerTable &table);
void registerElementwiseHandlers(HandlerTable &table);
void registerConvPoolHandlers(HandlerTable &table);
void registerMatMulNormHandlers(HandlerTable &table);
void registerReduceReshapeHandlers(HandlerTable &table);
void registerIndexingHandlers(HandlerTable &table);
void registerMiscHandlers(HandlerTable &table);
void registerSequenceHandlers(HandlerTable &table);
void registerControlFlowHandlers(HandlerTable &table);
void registerContainerHandlers(HandlerTable &table);

/// The full table, built once.
const HandlerTable &getHandlerTable();

} // namespace kiln::frontend

#endif // KILN_FRONTEND_OPIMPORTER_H
