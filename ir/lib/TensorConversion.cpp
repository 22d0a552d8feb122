//===- TensorConversion.cpp - Between MLIR attributes and tensors ---------===//
#include "kiln/ir/TensorConversion.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

#include "kiln/runtime/HugePages.h"

#include <cstring>

using namespace mlir;

namespace kiln {

/// Tensors with more elements than this are stored as dense_resource blobs.
static constexpr int64_t kInlineElements = 16;

Type elementTypeOf(MLIRContext &ctx, DType dtype) {
  Builder b(&ctx);
  switch (dtype) {
  case DType::F32:
    return b.getF32Type();
  case DType::F16:
    return b.getF16Type();
  case DType::F64:
    return b.getF64Type();
  case DType::I8:
    return b.getIntegerType(8);
  case DType::U8:
    return b.getIntegerType(8, /*isSigned=*/false);
  case DType::I32:
    return b.getIntegerType(32);
  case DType::I64:
    return b.getIntegerType(64);
  case DType::Bool:
    return b.getI1Type();
  }
  return b.getF32Type();
}

std::optional<DType> dtypeOf(Type t) {
  if (t.isF32())
    return DType::F32;
  if (t.isF16())
    return DType::F16;
  if (t.isF64())
    return DType::F64;
  if (t.isInteger(1))
    return DType::Bool;
  if (t.isUnsignedInteger(8))
    return DType::U8;
  if (t.isSignlessInteger(8) || t.isSignedInteger(8))
    return DType::I8;
  if (t.isSignlessInteger(32) || t.isSignedInteger(32))
    return DType::I32;
  if (t.isSignlessInteger(64) || t.isSignedInteger(64))
    return DType::I64;
  return std::nullopt;
}

AsmResourceBlob allocateBlob(size_t size, size_t align) {
  if (size >= kHugePageSize && align <= kHugePageSize)
    if (void *p = mapHugePages(size))
      return AsmResourceBlob(
          llvm::ArrayRef<char>(static_cast<char *>(p), size), align,
          [](void *data, size_t bytes, size_t) { unmapHugePages(data, bytes); },
          /*dataIsMutable=*/true);
  return HeapAsmResourceBlob::allocate(size, align);
}

ElementsAttr makeElementsAttr(MLIRContext &ctx, const Tensor &t,
                              llvm::StringRef blobName) {
  auto type = RankedTensorType::get(t.shape(), elementTypeOf(ctx, t.dtype()));
  if (t.dtype() == DType::Bool) {
    llvm::SmallVector<bool> v(t.data<bool>(), t.data<bool>() + t.numElements());
    return DenseElementsAttr::get(type, llvm::ArrayRef<bool>(v));
  }
  llvm::ArrayRef<char> bytes(static_cast<const char *>(t.raw()), t.byteSize());
  if (t.numElements() <= kInlineElements)
    return DenseElementsAttr::getFromRawBuffer(type, bytes);
  AsmResourceBlob blob = allocateBlob(bytes.size(), alignof(uint64_t));
  std::memcpy(blob.getMutableData().data(), bytes.data(), bytes.size());
  std::string name = blobName.empty() ? std::string("blob") : blobName.str();
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.')
      c = '_';
  // Resource keys are identifiers: `dense_resource<1>` would not parse back.
  if (std::isdigit(static_cast<unsigned char>(name[0])) || name[0] == '.')
    name.insert(0, "_");
  return DenseResourceElementsAttr::get(type, name, std::move(blob));
}

Status tensorFromElementsAttr(ElementsAttr attr, Tensor &out) {
  auto type = cast<ShapedType>(attr.getType());
  std::optional<DType> dtype = dtypeOf(type.getElementType());
  if (!dtype || !type.hasStaticShape())
    return Status::error("constant has an unsupported type");
  Shape shape(type.getShape().begin(), type.getShape().end());
  if (auto res = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = res.getRawHandle().getBlob();
    if (!blob)
      return Status::errorf("constant blob '{}' has no data",
                            res.getRawHandle().getKey().str());
    llvm::ArrayRef<char> data = blob->getData();
    size_t want =
        static_cast<size_t>(shapeNumElements(shape)) * dtypeSize(*dtype);
    if (data.size() != want)
      return Status::errorf("constant blob '{}' has {} bytes, expected {}",
                            res.getRawHandle().getKey().str(), data.size(),
                            want);
    out = Tensor::view(*dtype, shape, const_cast<char *>(data.data()), nullptr);
    return Status::ok();
  }
  auto dense = dyn_cast<DenseElementsAttr>(attr);
  if (!dense)
    return Status::error("constant is neither dense nor dense_resource");
  Tensor t(*dtype, shape);
  int64_t n = t.numElements();
  if (*dtype == DType::Bool) {
    int64_t i = 0;
    for (bool b : dense.getValues<bool>())
      t.data<bool>()[i++] = b;
  } else if (dense.isSplat()) {
    llvm::ArrayRef<char> raw = dense.getRawData();
    size_t sz = dtypeSize(*dtype);
    for (int64_t i = 0; i < n; ++i)
      std::memcpy(static_cast<char *>(t.raw()) + i * sz, raw.data(), sz);
  } else {
    llvm::ArrayRef<char> raw = dense.getRawData();
    if (raw.size() != t.byteSize())
      return Status::error("dense constant has an unexpected data size");
    if (!raw.empty()) // An empty constant's data pointer may be null.
      std::memcpy(t.raw(), raw.data(), raw.size());
  }
  out = std::move(t);
  return Status::ok();
}

Status attrMapFromOp(Operation *op, AttrMap &out) {
  for (NamedAttribute na : op->getAttrs()) {
    std::string name = na.getName().str();
    Attribute a = na.getValue();
    if (auto i = dyn_cast<IntegerAttr>(a)) {
      out.set(name, i.getValue().getSExtValue());
    } else if (auto f = dyn_cast<FloatAttr>(a)) {
      out.set(name, f.getValueAsDouble());
    } else if (auto s = dyn_cast<StringAttr>(a)) {
      out.set(name, s.str());
    } else if (auto arr = dyn_cast<ArrayAttr>(a)) {
      if (!arr.empty() && isa<FloatAttr>(arr[0])) {
        std::vector<double> v;
        for (Attribute e : arr)
          v.push_back(cast<FloatAttr>(e).getValueAsDouble());
        out.set(name, v);
      } else if (!arr.empty() && isa<StringAttr>(arr[0])) {
        std::vector<std::string> v;
        for (Attribute e : arr)
          v.push_back(cast<StringAttr>(e).str());
        out.set(name, v);
      } else {
        std::vector<int64_t> v;
        for (Attribute e : arr)
          if (auto i = dyn_cast<IntegerAttr>(e))
            v.push_back(i.getValue().getSExtValue());
        out.set(name, v);
      }
    } else if (auto arr = dyn_cast<DenseI64ArrayAttr>(a)) {
      out.set(name, std::vector<int64_t>(arr.asArrayRef().begin(),
                                         arr.asArrayRef().end()));
    } else if (auto e = dyn_cast<ElementsAttr>(a)) {
      Tensor t;
      KILN_RETURN_IF_ERROR(tensorFromElementsAttr(e, t));
      out.set(name, t);
    }
  }
  return Status::ok();
}

} // namespace kiln
