//===- Half.cpp - binary16 conversions ------------------------------------===//
//
// Bit-exact conversions between IEEE binary16 and binary32, including
// subnormals, infinities and NaN, with round-to-nearest-even on narrowing.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/Half.h"

#include <cstring>

namespace kiln {

float halfBitsToFloat(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  uint32_t exp = (h >> 10) & 0x1f;
  uint32_t mant = h & 0x3ff;
  uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {
      // Subnormal: renormalize.
      exp = 127 - 15 + 1;
      while ((mant & 0x400) == 0) {
        mant <<= 1;
        --exp;
      }
      mant &= 0x3ff;
      bits = sign | (exp << 23) | (mant << 13);
    }
  } else if (exp == 0x1f) {
    bits = sign | 0x7f800000 | (mant << 13);
  } else {
    bits = sign | ((exp - 15 + 127) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

uint16_t floatToHalfBits(float f) {
  uint32_t x;
  std::memcpy(&x, &f, sizeof x);
  uint32_t sign = (x >> 16) & 0x8000;
  uint32_t absx = x & 0x7fffffff;
  if (absx >= 0x7f800000) // Inf or NaN.
    return static_cast<uint16_t>(sign | 0x7c00 |
                                 (absx > 0x7f800000 ? 0x200 : 0));
  if (absx >= 0x477ff000) // Rounds to beyond the largest half: Inf.
    return static_cast<uint16_t>(sign | 0x7c00);
  if (absx < 0x38800000) { // Subnormal half or zero.
    if (absx < 0x33000000)
      return static_cast<uint16_t>(sign);
    uint32_t exp = absx >> 23;
    uint32_t mant = (absx & 0x7fffff) | 0x800000;
    uint32_t shift = 126 - exp; // 14 - (exp - 127) + 13 - 1 adjustments.
    uint32_t halfMant = mant >> (shift);
    uint32_t rem = mant & ((1u << shift) - 1);
    uint32_t halfway = 1u << (shift - 1);
    if (rem > halfway || (rem == halfway && (halfMant & 1)))
      ++halfMant;
    return static_cast<uint16_t>(sign | halfMant);
  }
  uint32_t exp = (absx >> 23) - 127 + 15;
  uint32_t mant = absx & 0x7fffff;
  uint32_t half = (exp << 10) | (mant >> 13);
  uint32_t rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem == 0x1000 && (half & 1)))
    ++half;
  return static_cast<uint16_t>(sign | half);
}

} // namespace kiln
