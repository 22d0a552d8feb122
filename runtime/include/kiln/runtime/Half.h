//===- Half.h - IEEE 754 binary16 storage type ------------------*- C++ -*-===//
//
// A 16-bit float used only for storage. Arithmetic promotes to float through
// the implicit conversion, so generic kernels written for `T` compute f16 in
// f32 precision and round once on store, as ONNX's reference does.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_HALF_H
#define KILN_RUNTIME_HALF_H

#include <cstdint>

namespace kiln {

/// Converts an IEEE binary16 bit pattern to float.
float halfBitsToFloat(uint16_t bits);
/// Converts a float to the nearest binary16 bit pattern (round to even).
uint16_t floatToHalfBits(float value);

/// IEEE 754 half-precision value, stored as its bit pattern.
struct Half {
  uint16_t bits = 0;
  Half() = default;
  Half(float f) : bits(floatToHalfBits(f)) {}
  Half(double d) : bits(floatToHalfBits(static_cast<float>(d))) {}
  operator float() const { return halfBitsToFloat(bits); }
  static Half fromBits(uint16_t b) {
    Half h;
    h.bits = b;
    return h;
  }
};

} // namespace kiln

#endif // KILN_RUNTIME_HALF_H
