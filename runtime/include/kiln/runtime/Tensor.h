//===- Tensor.h - Dense runtime tensors -------------------------*- C++ -*-===//
//
// A dense, row-major, contiguous tensor with shared ownership of its buffer.
// Copies of a Tensor share data; `clone()` makes a deep copy. Buffers are
// 64-byte aligned. A tensor may also view memory it does not own (constant
// blobs), kept alive by an owner handle.
//
// A runtime value may also be one of ONNX's two containers: a sequence of
// tensors or an optional (a tensor or a sequence, or nothing). They travel
// in the same class so that every slot, region argument and kernel operand
// holds one kind of thing: kind() says which, items() holds their values,
// dtype() is their elements' type, and their shape is rank 0 with no
// elements (no dense access). The IR's types decide where each kind may
// appear; only the container ops' kernels read items().
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_TENSOR_H
#define KILN_RUNTIME_TENSOR_H

#include "kiln/runtime/DType.h"
#include "kiln/runtime/Status.h"

#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kiln {

/// Dimensions of a tensor, outermost first.
using Shape = std::vector<int64_t>;

/// Product of the dimensions (1 for a scalar).
int64_t shapeNumElements(const Shape &shape);
/// Row-major element strides of \p shape.
std::vector<int64_t> shapeStrides(const Shape &shape);
/// Formats a shape as "1x3x224x224" ("scalar" for rank 0, "?" for an unknown
/// (negative) dim).
std::string formatShape(const Shape &shape);

/// What a runtime value is.
enum class ValueKind : uint8_t {
  Tensor,   ///< a dense tensor
  Sequence, ///< an ordered list of dense tensors of one element type
  Optional, ///< a dense tensor or a sequence, or nothing
};

/// A dense tensor: dtype, shape and a shared contiguous buffer; or a
/// sequence or optional (ValueKind).
class Tensor {
public:
  /// An invalid (null) tensor.
  Tensor() = default;
  /// A zero-filled tensor. Sizes must be non-negative.
  Tensor(DType dtype, Shape shape);
  /// A tensor whose bytes are not set, for a buffer that is written whole
  /// before anything reads it (the results of compiled kernels): no pass
  /// over the memory before the kernel's own.
  static Tensor uninitialized(DType dtype, Shape shape);
  /// A tensor viewing \p data, kept alive by \p owner (may be null when the
  /// caller guarantees the lifetime).
  static Tensor view(DType dtype, Shape shape, void *data,
                     std::shared_ptr<void> owner);
  /// A sequence of \p items, dense tensors of element type \p dtype.
  static Tensor sequence(DType dtype, std::vector<Tensor> items);
  /// An optional of element type \p dtype holding \p value (a dense tensor
  /// or a sequence), or nothing when \p value is null.
  static Tensor optional(DType dtype, const Tensor *value);
  /// A rank-0 tensor holding \p value.
  template <typename T> static Tensor scalar(T value) {
    Tensor t(DTypeOf<T>::value, {});
    t.data<T>()[0] = value;
    return t;
  }
  /// A tensor of \p shape with the given values (row-major).
  template <typename T>
  static Tensor fromVector(Shape shape, const std::vector<T> &values) {
    Tensor t(DTypeOf<T>::value, std::move(shape));
    assert(static_cast<int64_t>(values.size()) == t.numElements() &&
           "value count must match the shape");
    for (size_t i = 0; i < values.size(); ++i)
      t.data<T>()[i] = values[i];
    return t;
  }

  bool valid() const { return static_cast<bool>(buffer) || numel == 0; }
  ValueKind kind() const { return valueKind; }
  /// True for a dense tensor (not a sequence or an optional).
  bool isDense() const { return valueKind == ValueKind::Tensor; }
  /// A sequence's elements in order, or an optional's value (none or one);
  /// empty for a dense tensor.
  const std::vector<Tensor> &items() const;
  DType dtype() const { return type; }
  const Shape &shape() const { return dims; }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  int64_t dim(int64_t i) const { return dims[i]; }
  int64_t numElements() const { return numel; }
  size_t byteSize() const {
    return static_cast<size_t>(numel) * dtypeSize(type);
  }

  void *raw() { return ptr; }
  const void *raw() const { return ptr; }
  /// Typed access; asserts that T is the storage type of dtype().
  template <typename T> T *data() {
    assert(DTypeOf<T>::value == type && "tensor accessed with the wrong type");
    return static_cast<T *>(ptr);
  }
  template <typename T> const T *data() const {
    assert(DTypeOf<T>::value == type && "tensor accessed with the wrong type");
    return static_cast<const T *>(ptr);
  }

  /// A deep copy with its own buffer.
  Tensor clone() const;
  /// The same data seen with another shape of equal element count.
  Tensor reshaped(Shape newShape) const;
  /// Element \p i converted to double (any dtype).
  double getAsDouble(int64_t i) const;
  /// Element \p i converted to int64 (any dtype; floats truncate).
  int64_t getAsInt64(int64_t i) const;
  /// Stores \p v, converted to dtype(), at element \p i.
  void setFromDouble(int64_t i, double v);

private:
  DType type = DType::F32;
  Shape dims;
  int64_t numel = 0;
  std::shared_ptr<void> buffer;
  void *ptr = nullptr;
  ValueKind valueKind = ValueKind::Tensor;
  /// A container's values (shared: containers are immutable once made).
  std::shared_ptr<const std::vector<Tensor>> elements;
};

/// "3x4 f32", "sequence of 2 f32 tensors", "optional f32 (empty)",
/// "optional holding 3x4 f32":
/// a value as an error message names it.
std::string describeValue(const Tensor &t);

/// Converts \p t to \p to with ONNX Cast semantics (float to int truncates
/// toward zero, nonzero to bool is true).
Tensor castTensor(const Tensor &t, DType to);

/// Reads a 0-D or 1-D integer tensor (i32/i64) as int64 values, e.g. a shape
/// or axes input. Fails with a message naming \p what otherwise.
Status readInt64Values(const Tensor &t, std::string_view what,
                       std::vector<int64_t> &out);

} // namespace kiln

#endif // KILN_RUNTIME_TENSOR_H
