//===- Winograd.h - Minimal filtering for 3x3 convolutions ----*- C++ -*-===//
//
// F(m x m, 3 x 3) computes an m x m output tile of a stride-1 3x3
// convolution from an a x a input tile d (a = m + 2) with a^2 products per
// channel instead of 9 m^2:
//
//   Y = A^T [ sum_c (G g_c G^T) .* (B^T d_c B) ] A
//
// g_c is channel c's 3x3 filter, .* the elementwise product. Kiln uses
// m = 2 (a = 4, 2.25x fewer products) and m = 4 (a = 6, 4x fewer) with the
// interpolation points 0, -1, 1 (m = 2) and 0, 1, -1, 2, -2 (m = 4), plus
// the point at infinity, of Lavin and Gray's "Fast Algorithms for
// Convolutional Neural Networks" (2016).
//
// Error: the transforms' coefficients grow with m (B^T of F(4, 3) holds 4
// and 5, A^T up to 8), so rounding in the transformed input, filter and
// products is amplified. Measured: the interpreter's kernel (f64 sums of
// the f32-rounded transformed filter) stays within 5e-7 (F(4, 3)) and 8e-8
// (F(2, 3)) of the largest output, for unit-scale inputs and weights up to
// 64 channels (tests/runtime/PackedTest.cpp bounds them by 1e-5 and 1e-6);
// the compiled kernel, all in f32, differs from the interpreter's direct
// convolution by up to 5e-4 on a chain of three 16-channel convolutions
// (an output of 1.53: 3e-4 relative), and on whole models (ResNet-50,
// DenseNet-121, SqueezeNet, GoogLeNet, `kiln compare`) by as much as the direct
// kernel does (largest errors 1.0-1.3x the direct kernel's), inside the compare
// tolerance (1e-4 + 1e-3 |x|).
//
// Shared by the pass that transforms weights (kiln-winograd), the reference
// kernel (runtime/kernels/Packed.cpp) and the compiled one.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_WINOGRAD_H
#define KILN_RUNTIME_WINOGRAD_H

#include <algorithm>
#include <cassert>
#include <cstdint>

namespace kiln::winograd {

/// The three matrices of F(m x m, 3 x 3), row-major.
struct Transform {
  int64_t m;        ///< output tile side
  int64_t a;        ///< input tile side, m + 2
  const double *bt; ///< B^T, a x a: input transform
  const double *g;  ///< G, a x 3: filter transform
  const double *at; ///< A^T, m x a: output transform
};

/// F(m x m, 3 x 3) for m = 2 or 4; null for another m.
inline const Transform *transformFor(int64_t m) {
  static const double bt2[] = {1, 0,  -1, 0, //
                               0, 1,  1,  0, //
                               0, -1, 1,  0, //
                               0, 1,  0,  -1};
  static const double g2[] = {1,   0,    0,   //
                              0.5, 0.5,  0.5, //
                              0.5, -0.5, 0.5, //
                              0,   0,    1};
  static const double at2[] = {1, 1, 1,  0, //
                               0, 1, -1, -1};
  static const double bt4[] = {4, 0,  -5, 0,  1, 0, //
                               0, -4, -4, 1,  1, 0, //
                               0, 4,  -4, -1, 1, 0, //
                               0, -2, -1, 2,  1, 0, //
                               0, 2,  -1, -2, 1, 0, //
                               0, 4,  0,  -5, 0, 1};
  static const double g4[] = {1.0 / 4,  0,         0,        //
                              -1.0 / 6, -1.0 / 6,  -1.0 / 6, //
                              -1.0 / 6, 1.0 / 6,   -1.0 / 6, //
                              1.0 / 24, 1.0 / 12,  1.0 / 6,  //
                              1.0 / 24, -1.0 / 12, 1.0 / 6,  //
                              0,        0,         1};
  static const double at4[] = {1, 1, 1,  1, 1,  0, //
                               0, 1, -1, 2, -2, 0, //
                               0, 1, 1,  4, 4,  0, //
                               0, 1, -1, 8, -8, 1};
  static const Transform f2{2, 4, bt2, g2, at2}, f4{4, 6, bt4, g4, at4};
  return m == 2 ? &f2 : m == 4 ? &f4 : nullptr;
}

/// U = G g G^T for an input tile side known at compile time, \p A (4 or
/// 6), on values of type \p T: double, one filter; or a vector of doubles
/// (GCC and Clang vector extensions), one filter per lane, as kiln-winograd
/// transforms a weight panel. \p g holds the 9 taps row-major, \p u the
/// A * A results. One body, so both give the same bits; always inlined, so
/// that a caller built for wider vectors gets them here too.
template <int64_t A, typename T>
__attribute__((always_inline)) inline void transformFilterOf(const double *gt,
                                                             const T *g, T *u) {
  T tmp[A * 3]; // G g: A x 3
  for (int64_t i = 0; i < A; ++i)
    for (int64_t j = 0; j < 3; ++j) {
      T s{};
      for (int64_t k = 0; k < 3; ++k)
        s += gt[i * 3 + k] * g[k * 3 + j];
      tmp[i * 3 + j] = s;
    }
  for (int64_t i = 0; i < A; ++i)
    for (int64_t j = 0; j < A; ++j) {
      T s{};
      for (int64_t k = 0; k < 3; ++k)
        s += tmp[i * 3 + k] * gt[j * 3 + k];
      u[i * A + j] = s;
    }
}

/// U = G g G^T (a x a, row-major) of the 3x3 filter \p g (row-major,
/// element (i, j) at g[i * gStride + j]).
inline void transformFilter(const Transform &t, const float *g, int64_t gStride,
                            double *u) {
  assert((t.a == 4 || t.a == 6) && "transformFor gives F(2, 3) and F(4, 3)");
  double taps[9];
  for (int64_t i = 0; i < 3; ++i)
    for (int64_t j = 0; j < 3; ++j)
      taps[i * 3 + j] = g[i * gStride + j];
  if (t.a == 6)
    transformFilterOf<6>(t.g, taps, u);
  else
    transformFilterOf<4>(t.g, taps, u);
}

/// How a compiled Winograd kernel tiles one convolution: per image, bands
/// of `rows` rows of tiles, each band's tiles numbered row-major (tw per
/// row) and padded to `qs`; the transformed input of a band (a^2 x C x qs
/// values) stays in the cache while every output channel reads it. The
/// GEMM of each of the a^2 elements is `mr` output channels by `nv`
/// vectors of tiles per register tile. Shared by kiln-winograd (which packs
/// the weights in panels of mr channels) and the kernel.
struct Plan {
  int64_t m, a;
  int64_t th, tw;  ///< tiles per column and per row
  int64_t rowVecs; ///< vectors of tiles per row of tiles
  int64_t rows;    ///< rows of tiles per band
  /// The rows of tiles the bands cover: th, or with `merged` the batch's
  /// batch * th, image after image.
  int64_t rowsTotal;
  int64_t bands;  ///< bands over rowsTotal (the last may have fewer rows)
  int64_t qs;     ///< tiles of a band, padded to a multiple of the lanes
  int64_t nv, mr; ///< register tile
  /// The vectors of tiles run across rows of tiles (lane l is the band's
  /// tile q0 + l, wherever its row) rather than along one row (lane l is
  /// tile tx0 + l of a row, the rest of the last vector wasted): when a
  /// row would waste more than a fifth of its lanes (ResNet's 28x28 and
  /// 14x14 planes with 16 lanes: rows of 7 and 4 tiles). Input and output
  /// then go through gathers and scatters instead of loads and shuffles.
  bool flat;
  /// Across rows, the bands run over the rows of tiles of all images, so a
  /// band's GEMMs read the weights once for several images (ResNet-50's
  /// 14x14 stage at batch 8: 2 passes over F(2, 3)'s 4.3 MB of weights
  /// instead of 8); when the batch's offsets fit in 32 bits.
  bool merged;
};

/// The plan of F(m x m, 3 x 3) for a \p c -> \p cout channel convolution
/// of \p batch images with an \p oh x \p ow output, on a target with
/// \p lanes f32 lanes and \p registers vector registers, whose band's
/// transformed input may hold \p budgetFloats values; none when one row of
/// tiles does not fit.
inline bool makePlan(int64_t m, int64_t batch, int64_t c, int64_t cout,
                     int64_t oh, int64_t ow, int64_t lanes, int64_t registers,
                     int64_t budgetFloats, Plan &p) {
  if ((m != 2 && m != 4) || batch < 1 || c < 1 || cout < 1 || oh < 1 ||
      ow < 1 || lanes < 1)
    return false;
  p.m = m;
  p.a = m + 2;
  p.th = (oh + m - 1) / m;
  p.tw = (ow + m - 1) / m;
  p.rowVecs = (p.tw + lanes - 1) / lanes;
  p.flat = p.rowVecs * lanes * 4 > p.tw * 5;
  // X's planes are (oh + pads - 2) x (ow + pads - 2) with pads of at most 2.
  p.merged =
      p.flat && batch > 1 &&
      batch * std::max(c, cout) * (oh + 4) * (ow + 4) < (int64_t(1) << 31);
  p.rowsTotal = p.merged ? batch * p.th : p.th;
  // A band's tiles: rows * tw, along rows the last row's last vector
  // stored whole.
  auto paddedTiles = [&](int64_t rows) {
    int64_t q =
        p.flat ? rows * p.tw
               : std::max(rows * p.tw, (rows - 1) * p.tw + p.rowVecs * lanes);
    return (q + lanes - 1) / lanes * lanes;
  };
  int64_t perElement = p.a * p.a * c;
  p.rows = 0;
  for (int64_t r = 1; r <= p.rowsTotal; ++r) {
    if (perElement * paddedTiles(r) > budgetFloats)
      break;
    p.rows = r;
  }
  if (!p.rows)
    return false;
  p.bands = (p.rowsTotal + p.rows - 1) / p.rows;
  p.rows = (p.rowsTotal + p.bands - 1) / p.bands; // balanced
  p.nv = p.rows * p.tw > lanes ? 2 : 1;
  p.qs = paddedTiles(p.rows);
  // The tallest register tile (accumulators, the nv vectors of tiles and a
  // broadcast in the registers), then as many panels of it as Cout needs,
  // balanced.
  int64_t maxRows = std::min<int64_t>(24, (registers - 1 - p.nv) / p.nv);
  if (maxRows < 1)
    return false;
  int64_t panels = (cout + maxRows - 1) / maxRows;
  p.mr = (cout + panels - 1) / panels;
  // The kernel's work items are the (image, band) pairs times the panels
  // when those are fewer than 16 (winograd_conv); an odd count of them
  // leaves one of 2 or 4 workers a panel more than another. Panels of up
  // to a quarter fewer rows that come in an even count are taken instead:
  // ResNet-50's 14x14 256 -> 256 went from 11 panels of 24 (6 against 5 at
  // 2 threads) to 12 of 22, 0.90x the time at 2 threads.
  int64_t pairs = p.merged ? p.bands : batch * p.bands;
  if (pairs % 2 == 1 && pairs * panels < 16 && panels % 2 == 1)
    for (int64_t mr = p.mr - 1; mr * 4 >= p.mr * 3; --mr)
      if ((cout + mr - 1) / mr % 2 == 0) {
        panels = (cout + mr - 1) / mr;
        p.mr = (cout + panels - 1) / panels;
        break;
      }
  return true;
}

/// The transformed input a band may hold on a host with \p l2Bytes of L2
/// per core: half of L2, at most 1 MB (it lives on a worker's stack).
inline int64_t bandBudgetFloats(int64_t l2Bytes) {
  return std::min<int64_t>(1 << 20, std::max<int64_t>(l2Bytes, 256 << 10) / 2) /
         4;
}

} // namespace kiln::winograd

#endif // KILN_RUNTIME_WINOGRAD_H
