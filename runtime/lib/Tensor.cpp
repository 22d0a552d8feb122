//===- Tensor.cpp - Dense runtime tensors ---------------------------------===//
#include "kiln/runtime/Tensor.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

namespace kiln {

size_t dtypeSize(DType t) {
  switch (t) {
  case DType::F32:
    return 4;
  case DType::F16:
    return 2;
  case DType::F64:
    return 8;
  case DType::I8:
    return 1;
  case DType::U8:
    return 1;
  case DType::I32:
    return 4;
  case DType::I64:
    return 8;
  case DType::Bool:
    return 1;
  }
  return 1;
}

std::string_view dtypeName(DType t) {
  switch (t) {
  case DType::F32:
    return "f32";
  case DType::F16:
    return "f16";
  case DType::F64:
    return "f64";
  case DType::I8:
    return "i8";
  case DType::U8:
    return "u8";
  case DType::I32:
    return "i32";
  case DType::I64:
    return "i64";
  case DType::Bool:
    return "bool";
  }
  return "?";
}

std::optional<DType> parseDType(std::string_view name) {
  for (int i = 0; i < kNumDTypes; ++i)
    if (dtypeName(static_cast<DType>(i)) == name)
      return static_cast<DType>(i);
  return std::nullopt;
}

std::optional<DType> dtypeFromOnnx(int64_t onnxType) {
  switch (onnxType) {
  case 1:
    return DType::F32;
  case 2:
    return DType::U8;
  case 3:
    return DType::I8;
  case 6:
    return DType::I32;
  case 7:
    return DType::I64;
  case 9:
    return DType::Bool;
  case 10:
    return DType::F16;
  case 11:
    return DType::F64;
  default:
    return std::nullopt;
  }
}

int64_t dtypeToOnnx(DType t) {
  switch (t) {
  case DType::F32:
    return 1;
  case DType::U8:
    return 2;
  case DType::I8:
    return 3;
  case DType::I32:
    return 6;
  case DType::I64:
    return 7;
  case DType::Bool:
    return 9;
  case DType::F16:
    return 10;
  case DType::F64:
    return 11;
  }
  return 0;
}

int64_t shapeNumElements(const Shape &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::vector<int64_t> shapeStrides(const Shape &shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

std::string formatShape(const Shape &shape) {
  if (shape.empty())
    return "scalar";
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += 'x';
    s += shape[i] < 0 ? std::string("?") : std::to_string(shape[i]);
  }
  return s;
}

namespace {
struct AlignedDeleter {
  void operator()(void *p) const { std::free(p); }
};
} // namespace

Tensor::Tensor(DType dtype, Shape shape) : Tensor(uninitialized(dtype, shape)) {
  std::memset(ptr, 0, std::max<size_t>(byteSize(), 1));
}

Tensor Tensor::uninitialized(DType dtype, Shape shape) {
  Tensor t;
  t.type = dtype;
  t.dims = std::move(shape);
  t.numel = shapeNumElements(t.dims);
  assert(t.numel >= 0 && "tensor sizes must be non-negative");
  size_t alloc = (t.byteSize() + 63) / 64 * 64;
  if (alloc == 0)
    alloc = 64;
  void *p = std::aligned_alloc(64, alloc);
  if (!p)
    throw std::bad_alloc();
  t.buffer = std::shared_ptr<void>(p, AlignedDeleter());
  t.ptr = p;
  return t;
}

Tensor Tensor::view(DType dtype, Shape shape, void *data,
                    std::shared_ptr<void> owner) {
  Tensor t;
  t.type = dtype;
  t.dims = std::move(shape);
  t.numel = shapeNumElements(t.dims);
  t.buffer =
      owner ? std::move(owner) : std::shared_ptr<void>(data, [](void *) {});
  t.ptr = data;
  return t;
}

Tensor Tensor::sequence(DType dtype, std::vector<Tensor> items) {
  Tensor t;
  t.type = dtype;
  t.valueKind = ValueKind::Sequence;
  t.elements = std::make_shared<const std::vector<Tensor>>(std::move(items));
  return t;
}

Tensor Tensor::optional(DType dtype, const Tensor *value) {
  Tensor t;
  t.type = dtype;
  t.valueKind = ValueKind::Optional;
  t.elements = std::make_shared<const std::vector<Tensor>>(
      value ? std::vector<Tensor>{*value} : std::vector<Tensor>{});
  return t;
}

const std::vector<Tensor> &Tensor::items() const {
  static const std::vector<Tensor> none;
  return elements ? *elements : none;
}

std::string describeValue(const Tensor &t) {
  std::string dtype(dtypeName(t.dtype()));
  switch (t.kind()) {
  case ValueKind::Tensor:
    return formatShape(t.shape()) + " " + dtype;
  case ValueKind::Sequence:
    return "sequence of " + std::to_string(t.items().size()) + " " + dtype +
           " tensors";
  case ValueKind::Optional:
    if (t.items().empty())
      return "optional " + dtype + " (empty)";
    return "optional holding " + describeValue(t.items()[0]);
  }
  return "?";
}

Tensor Tensor::clone() const {
  if (!isDense()) {
    std::vector<Tensor> copies;
    for (const Tensor &item : items())
      copies.push_back(item.clone());
    Tensor t = *this;
    t.elements = std::make_shared<const std::vector<Tensor>>(std::move(copies));
    return t;
  }
  Tensor t(type, dims);
  if (byteSize())
    std::memcpy(t.ptr, ptr, byteSize());
  return t;
}

Tensor Tensor::reshaped(Shape newShape) const {
  Tensor t = *this;
  assert(shapeNumElements(newShape) == numel && "reshape must keep the size");
  t.dims = std::move(newShape);
  return t;
}

double Tensor::getAsDouble(int64_t i) const {
  return dispatchAll(type, [&](auto tag) -> double {
    using T = typename decltype(tag)::type;
    return static_cast<double>(static_cast<ComputeType<T>>(data<T>()[i]));
  });
}

int64_t Tensor::getAsInt64(int64_t i) const {
  return dispatchAll(type, [&](auto tag) -> int64_t {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_integral_v<T>)
      return static_cast<int64_t>(data<T>()[i]);
    else {
      double d = static_cast<double>(static_cast<ComputeType<T>>(data<T>()[i]));
      if (!(d >= -9.2e18 && d <= 9.2e18))
        return 0;
      return static_cast<int64_t>(d);
    }
  });
}

namespace {
/// Converts a double to storage type T with ONNX Cast semantics.
template <typename T> T convertFromDouble(double v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v != 0.0;
  } else if constexpr (std::is_integral_v<T>) {
    if (std::isnan(v))
      return T(0);
    // Out-of-range float-to-int is undefined in C++; saturate instead.
    if (v >= static_cast<double>(std::numeric_limits<T>::max()))
      return std::numeric_limits<T>::max();
    if (v <= static_cast<double>(std::numeric_limits<T>::lowest()))
      return std::numeric_limits<T>::lowest();
    return static_cast<T>(v);
  } else {
    return T(static_cast<ComputeType<T>>(v));
  }
}
} // namespace

void Tensor::setFromDouble(int64_t i, double v) {
  dispatchAll(type, [&](auto tag) {
    using T = typename decltype(tag)::type;
    data<T>()[i] = convertFromDouble<T>(v);
  });
}

Tensor castTensor(const Tensor &t, DType to) {
  if (t.dtype() == to)
    return t.clone();
  Tensor out(to, t.shape());
  int64_t n = t.numElements();
  dispatchAll(t.dtype(), [&](auto inTag) {
    using In = typename decltype(inTag)::type;
    dispatchAll(to, [&](auto outTag) {
      using Out = typename decltype(outTag)::type;
      const In *src = t.data<In>();
      Out *dst = out.data<Out>();
      for (int64_t i = 0; i < n; ++i) {
        if constexpr (std::is_integral_v<In> && std::is_integral_v<Out>)
          dst[i] = std::is_same_v<Out, bool> ? Out(src[i] != 0)
                                             : static_cast<Out>(src[i]);
        else
          dst[i] = convertFromDouble<Out>(
              static_cast<double>(static_cast<ComputeType<In>>(src[i])));
      }
    });
  });
  return out;
}

Status readInt64Values(const Tensor &t, std::string_view what,
                       std::vector<int64_t> &out) {
  if (t.dtype() != DType::I64 && t.dtype() != DType::I32)
    return Status::errorf("expected {} to be an i32 or i64 tensor, found {}",
                          what, dtypeName(t.dtype()));
  if (t.rank() > 1)
    return Status::errorf("expected {} to be 0-D or 1-D, found shape {}", what,
                          formatShape(t.shape()));
  out.resize(t.numElements());
  for (int64_t i = 0; i < t.numElements(); ++i)
    out[i] = t.getAsInt64(i);
  return Status::ok();
}

} // namespace kiln
