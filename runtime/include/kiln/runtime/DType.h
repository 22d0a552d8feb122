//===- DType.h - Element types of runtime tensors ---------------*- C++ -*-===//
//
// The element types Kiln computes on, their C++ storage types, and dispatch
// helpers that turn a run-time DType into a compile-time type for generic
// kernels.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_DTYPE_H
#define KILN_RUNTIME_DTYPE_H

#include "kiln/runtime/Half.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

namespace kiln {

/// Element type of a tensor. Numbering is Kiln's own, not ONNX's.
enum class DType : uint8_t { F32, F16, F64, I8, U8, I32, I64, Bool };

/// Number of DType values, for tables indexed by DType.
inline constexpr int kNumDTypes = 8;

/// Size in bytes of one element of \p t.
size_t dtypeSize(DType t);
/// Short lower-case name: "f32", "f16", "f64", "i8", "u8", "i32", "i64",
/// "bool".
std::string_view dtypeName(DType t);
/// Parses a name produced by dtypeName.
std::optional<DType> parseDType(std::string_view name);
/// The DType of an ONNX TensorProto.DataType value (FLOAT=1, UINT8=2,
/// INT8=3, INT32=6, INT64=7, BOOL=9, FLOAT16=10, DOUBLE=11), if Kiln has it.
std::optional<DType> dtypeFromOnnx(int64_t onnxType);
/// The ONNX TensorProto.DataType value of \p t.
int64_t dtypeToOnnx(DType t);

/// True for F32, F16 and F64.
inline bool isFloat(DType t) {
  return t == DType::F32 || t == DType::F16 || t == DType::F64;
}
/// True for the integer types (not Bool).
inline bool isInteger(DType t) {
  return t == DType::I8 || t == DType::U8 || t == DType::I32 || t == DType::I64;
}

/// Maps a C++ storage type to its DType.
template <typename T> struct DTypeOf;
template <> struct DTypeOf<float> {
  static constexpr DType value = DType::F32;
};
template <> struct DTypeOf<Half> {
  static constexpr DType value = DType::F16;
};
template <> struct DTypeOf<double> {
  static constexpr DType value = DType::F64;
};
template <> struct DTypeOf<int8_t> {
  static constexpr DType value = DType::I8;
};
template <> struct DTypeOf<uint8_t> {
  static constexpr DType value = DType::U8;
};
template <> struct DTypeOf<int32_t> {
  static constexpr DType value = DType::I32;
};
template <> struct DTypeOf<int64_t> {
  static constexpr DType value = DType::I64;
};
template <> struct DTypeOf<bool> {
  static constexpr DType value = DType::Bool;
};

/// An empty value that carries a type through a generic lambda:
/// `[&](auto tag) { using T = typename decltype(tag)::type; ... }`.
template <typename T> struct TypeTag {
  using type = T;
};

/// The type arithmetic is done in: float for Half, the type itself otherwise.
template <typename T>
using ComputeType = std::conditional_t<std::is_same_v<T, Half>, float, T>;

/// Calls `fn(TypeTag<T>{})` for the storage type of \p t. All types.
template <typename Fn> decltype(auto) dispatchAll(DType t, Fn &&fn) {
  switch (t) {
  case DType::F32:
    return fn(TypeTag<float>{});
  case DType::F16:
    return fn(TypeTag<Half>{});
  case DType::F64:
    return fn(TypeTag<double>{});
  case DType::I8:
    return fn(TypeTag<int8_t>{});
  case DType::U8:
    return fn(TypeTag<uint8_t>{});
  case DType::I32:
    return fn(TypeTag<int32_t>{});
  case DType::I64:
    return fn(TypeTag<int64_t>{});
  case DType::Bool:
    return fn(TypeTag<bool>{});
  }
  return fn(TypeTag<float>{});
}

} // namespace kiln

#endif // KILN_RUNTIME_DTYPE_H
