//===- ShapeInference.cpp - Shared shape rules of kiln ops ----------------===//
//
// The helpers declared in kiln/ir/ShapeInference.h and the two rules chosen
// by trait: numpy broadcasting for KilnElementwise ops, operand 0's shape
// for KilnSameShapeAsInput ops. Rules of single ops live beside this file,
// one file per op family.
//
//===----------------------------------------------------------------------===//
#include "kiln/ir/ShapeInference.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/TensorConversion.h"

#include "llvm/Support/MathExtras.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace kiln {
namespace shape {

MaybeDims dimsOf(Value v) {
  if (auto t = dyn_cast<RankedTensorType>(v.getType()))
    return Dims(t.getShape().begin(), t.getShape().end());
  return std::nullopt;
}

std::optional<int64_t> rankOf(Value v) {
  if (auto t = dyn_cast<RankedTensorType>(v.getType()))
    return t.getRank();
  return std::nullopt;
}

bool isNone(Value v) { return isa<NoneType>(v.getType()); }

/// The constant tensor \p v holds, read through the same conversion the
/// interpreter uses so that dense and dense_resource values both work.
static bool constantTensor(Value v, Tensor &out) {
  if (!v || isNone(v))
    return false;
  ElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return false;
  return static_cast<bool>(tensorFromElementsAttr(attr, out));
}

std::optional<SmallVector<int64_t>> constantInts(Value v) {
  Tensor t;
  if (!constantTensor(v, t) || !isInteger(t.dtype()))
    return std::nullopt;
  SmallVector<int64_t> values;
  for (int64_t i = 0; i < t.numElements(); ++i)
    values.push_back(t.getAsInt64(i));
  return values;
}

std::optional<SmallVector<double>> constantFloats(Value v) {
  Tensor t;
  if (!constantTensor(v, t))
    return std::nullopt;
  SmallVector<double> values;
  for (int64_t i = 0; i < t.numElements(); ++i)
    values.push_back(t.getAsDouble(i));
  return values;
}

int64_t intAttrOr(Operation *op, StringRef name, int64_t dflt) {
  if (auto a = op->getAttrOfType<IntegerAttr>(name))
    return a.getValue().getSExtValue();
  return dflt;
}

std::optional<SmallVector<int64_t>> intsAttr(Operation *op, StringRef name) {
  auto arr = op->getAttrOfType<ArrayAttr>(name);
  if (!arr)
    return std::nullopt;
  SmallVector<int64_t> values;
  for (Attribute a : arr) {
    auto i = dyn_cast<IntegerAttr>(a);
    if (!i)
      return std::nullopt;
    values.push_back(i.getValue().getSExtValue());
  }
  return values;
}

StringRef strAttrOr(Operation *op, StringRef name, StringRef dflt) {
  if (auto s = op->getAttrOfType<StringAttr>(name))
    return s.getValue();
  return dflt;
}

std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

FailureOr<Dims> broadcast(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  Dims out(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    // Walk from the last dim; a missing leading dim acts as 1.
    int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    int64_t &d = out[rank - 1 - i];
    if (da == 1)
      d = db;
    else if (db == 1)
      d = da;
    else if (!isStatic(da))
      d = db;
    else if (!isStatic(db) || da == db)
      d = da;
    else
      return failure();
  }
  return out;
}

int64_t product(ArrayRef<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims)
    p = mulDims(p, d);
  return p;
}

// Dims and attributes come from the model: a product or sum past int64 is
// left unknown (the verifier or kernel then reports the model), not wrapped.
int64_t mulDims(int64_t a, int64_t b) {
  int64_t r;
  return isStatic(a) && isStatic(b) && !llvm::MulOverflow(a, b, r) ? r
                                                                   : kDynamic;
}

int64_t addDims(int64_t a, int64_t b) {
  int64_t r;
  return isStatic(a) && isStatic(b) && !llvm::AddOverflow(a, b, r) ? r
                                                                   : kDynamic;
}

LogicalResult setResultShapes(Operation *op, ArrayRef<MaybeDims> shapes,
                              SmallVectorImpl<Type> &types) {
  for (OpResult r : op->getResults()) {
    Type current = r.getType();
    unsigned i = r.getResultNumber();
    auto tensor = dyn_cast<TensorType>(current);
    if (tensor && i < shapes.size() && shapes[i] &&
        llvm::all_of(
            *shapes[i], [](int64_t d) { return d >= 0 || d == kDynamic; }))
      types.push_back(
          RankedTensorType::get(*shapes[i], tensor.getElementType()));
    else
      types.push_back(current);
  }
  return success();
}

Type refineType(Type current, Type inferred) {
  auto cur = dyn_cast<TensorType>(current);
  auto inf = dyn_cast<TensorType>(inferred);
  if (!cur || !inf || cur.getElementType() != inf.getElementType())
    return {};
  if (!inf.hasRank())
    return current;
  if (!cur.hasRank())
    return inferred;
  if (cur.getRank() != inf.getRank())
    return {};
  Dims dims;
  for (auto [c, i] : llvm::zip(cur.getShape(), inf.getShape())) {
    if (isStatic(c) && isStatic(i) && c != i)
      return {};
    dims.push_back(isStatic(c) ? c : i);
  }
  return RankedTensorType::get(dims, cur.getElementType());
}

} // namespace shape

using namespace shape;

LogicalResult inferShapesByTrait(Operation *op,
                                 SmallVectorImpl<Type> &inferredTypes) {
  // Every result has operand 0's shape.
  if (op->hasTrait<OpTrait::KilnSameShapeAsInput>()) {
    MaybeDims dims = dimsOf(op->getOperand(0));
    SmallVector<MaybeDims> shapes(op->getNumResults(), dims);
    return setResultShapes(op, shapes, inferredTypes);
  }
  // Numpy broadcast of the tensor operands (absent optional ones skipped).
  if (op->hasTrait<OpTrait::KilnElementwise>()) {
    Dims dims;
    for (Value v : op->getOperands()) {
      if (isNone(v))
        continue;
      MaybeDims d = dimsOf(v);
      if (!d)
        return setResultShapes(op, {}, inferredTypes);
      FailureOr<Dims> b = broadcast(dims, *d);
      if (failed(b))
        return failure();
      dims = *b;
    }
    return setResultShapes(op, {MaybeDims(dims)}, inferredTypes);
  }
  assert(false && "op attaches shape inference by trait without a shape trait");
  return failure();
}

} // namespace kiln
