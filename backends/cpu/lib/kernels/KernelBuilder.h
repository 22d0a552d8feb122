//===- KernelBuilder.h - Helpers of the direct kernels ----------*- C++ -*-===//
//
// The direct kernels (Gemm.cpp, Conv.cpp, DepthwiseConv.cpp, Pool.cpp) write
// scf and vector ops on flat 1-D views of their buffers with index arithmetic
// they compute themselves; this header holds what they share: index and vector
// constants, flattening, materializing small constant operands that the
// planner inlined, the fused epilogue, and the GEMM micro-kernel.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LIB_KERNELS_KERNELBUILDER_H
#define KILN_CPU_LIB_KERNELS_KERNELBUILDER_H

#include "kiln/cpu/DirectKernels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Builders.h"

#include <functional>

namespace kiln::cpu::kernels {

/// A builder with a fixed location and shorthands for index arithmetic
/// (constants fold on the fly: idx(2) + idx(3) is a constant).
struct KB {
  mlir::OpBuilder &b;
  mlir::Location loc;

  mlir::Value idx(int64_t v);
  mlir::Value add(mlir::Value x, mlir::Value y);
  mlir::Value add(mlir::Value x, int64_t y) { return add(x, idx(y)); }
  mlir::Value mul(mlir::Value x, int64_t y);
  mlir::Value mul(mlir::Value x, mlir::Value y);
  mlir::Value divs(mlir::Value x, int64_t y);
  mlir::Value rems(mlir::Value x, int64_t y);
  mlir::Value cmp(mlir::arith::CmpIPredicate p, mlir::Value x, mlir::Value y);
  mlir::Value cmp(mlir::arith::CmpIPredicate p, mlir::Value x, int64_t y) {
    return cmp(p, x, idx(y));
  }
  mlir::Value f32(float v);
  /// A vector of \p lanes f32 all equal to \p v.
  mlir::Value splat(int64_t lanes, float v);
  /// A constant vector<lanes x i1> with lane i set when \p on(i).
  mlir::Value mask(int64_t lanes, const std::function<bool(int64_t)> &on);
  mlir::VectorType vec(int64_t lanes);

  /// `for (iv = lb; iv < ub; iv += step) body(iv)` without results.
  void forLoop(mlir::Value lb, mlir::Value ub, int64_t step,
               const std::function<void(mlir::Value)> &body);
  /// `if (cond) thenBody() [else elseBody()]` without results.
  void ifThen(mlir::Value cond, const std::function<void()> &thenBody,
              const std::function<void()> &elseBody = {});

  /// Loads lanes [0, valid) of a vector at \p base[at] (zero elsewhere).
  mlir::Value load(mlir::Value base, mlir::Value at, int64_t lanes,
                   int64_t valid);
  /// Loads the lanes \p on of a vector at \p base[at], zero elsewhere. With
  /// \p blend (the caller knows a full vector there is in bounds) it loads
  /// plainly and zeroes the other lanes with a select, since masked loads
  /// are slow on some CPUs (AMD Zen); otherwise it uses a masked load.
  mlir::Value loadLanes(mlir::Value base, mlir::Value at, int64_t lanes,
                        const std::function<bool(int64_t)> &on, bool blend);
  /// Stores lanes [0, valid) of \p v at \p base[at].
  void store(mlir::Value v, mlir::Value base, mlir::Value at, int64_t valid);
};

/// f(v, at, valid) of the row kernels: v is the vector of a row at flat
/// index \p at, whose lanes [0, valid) are inside the row.
using RowVectorFn =
    std::function<mlir::Value(mlir::Value v, mlir::Value at, int64_t valid)>;

/// rowReduce before its reduction across lanes: the vector that combines
/// f(v, at, valid) over the vectors v of the row x[base, base + n), lane by
/// lane (a channel-blocked global pool keeps its lanes apart).
mlir::Value rowAccumulate(
    KB &kb, mlir::Value x, mlir::Value base, int64_t n, int64_t lanes,
    float identity,
    const std::function<mlir::Value(mlir::Value, mlir::Value)> &combine,
    const RowVectorFn &f, mlir::Value lastRow = {});

/// Reduces f(v, at, valid) over the vectors v of the row x[base, base + n)
/// with \p combine (reassociated: four independent accumulators, combined
/// pairwise, then across lanes with \p kind); lanes past the row's end count
/// as \p identity. The row's last partial vector is read with a masked load,
/// or, where \p lastRow (an i1) is false, with a plain load that stays in
/// the buffer (masked loads are slow on some CPUs, KB::loadLanes). The row
/// kernels (global pool, layer normalization, softmax) use it.
mlir::Value
rowReduce(KB &kb, mlir::Value x, mlir::Value base, int64_t n, int64_t lanes,
          float identity, mlir::vector::CombiningKind kind,
          const std::function<mlir::Value(mlir::Value, mlir::Value)> &combine,
          const RowVectorFn &f, mlir::Value lastRow = {});

/// Stores f(v, col, valid) in \p dst for the vectors v of the row
/// src[base, base + n), where col is the vector's first column in the row;
/// the row's last partial vector is loaded and stored with a mask.
void rowMap(KB &kb, mlir::Value src, mlir::Value dst, mlir::Value base,
            int64_t n, int64_t lanes, const RowVectorFn &f);

/// The maximum of the row x[base, base + n); with \p prepare, each vector
/// is first mapped by it and stored in \p y at the same index.
mlir::Value rowMax(KB &kb, mlir::Value x, mlir::Value y, mlir::Value base,
                   int64_t n, int64_t lanes, const RowVectorFn &prepare = {},
                   mlir::Value lastRow = {});

/// The sum of exp(v - shift) over the row x[base, base + n) (\p shift an
/// f32 scalar), each exp stored in \p y at the same index when \p store.
mlir::Value rowExpSum(KB &kb, mlir::Value x, mlir::Value y, mlir::Value base,
                      int64_t n, int64_t lanes, mlir::Value shift, bool store,
                      mlir::Value lastRow = {});

/// Softmax (or LogSoftmax) of the row x[base, base + n) into y at the same
/// indices, in three passes while the row is in cache: its maximum; the sum
/// of exp(v - max), the exps stored in y (Softmax); then y /= sum, or
/// y = v - max - log(sum) (LogSoftmax). With \p prepare, each vector of x
/// is first mapped by it and stored in y in the maximum's pass, and the
/// later passes read y (the attention kernel scales and masks its scores
/// so). \p lastRow as in rowReduce. Softmax.cpp and Attention.cpp use it.
void softmaxRow(KB &kb, mlir::Value x, mlir::Value y, mlir::Value base,
                int64_t n, int64_t lanes, bool logSoftmax,
                const RowVectorFn &prepare = {}, mlir::Value lastRow = {});

/// A 1-D view of a static contiguous memref.
mlir::Value flatten(mlir::OpBuilder &b, mlir::Location loc, mlir::Value memref);

/// The buffer of operand \p i of \p op: the kernel argument, or for a small
/// constant the planner left inline, a memref.global holding its value.
/// Null when the operand is absent.
mlir::Value operandBuffer(mlir::OpBuilder &b, mlir::Operation *op,
                          mlir::ValueRange operands, unsigned i);

/// A constant 1-D f32 buffer holding \p values (a memref.global of the
/// kernel's module).
mlir::Value constantBuffer(mlir::OpBuilder &b, mlir::Location loc,
                           llvm::ArrayRef<float> values);

/// The fused epilogue of a packed op (see PackedOps.td).
struct Epilogue {
  enum class Act { None, Relu, Clip, LeakyRelu } act = Act::None;
  float lo = 0, hi = 0, alpha = 0.01f;
  bool hasLo = false, hasHi = false;

  /// Elementwise ops fused after the activation; empty when none.
  EpilogueTail tail;

  static Epilogue of(mlir::Operation *op, const EpilogueTail &tail = {});
  /// Applies the activation, then the tail, to a vector.
  mlir::Value apply(KB &kb, mlir::Value v) const;
  /// Applies the activation to a vector or an f32 scalar, with the
  /// comparisons of the reference kernels (Relu keeps NaN, Clip compares
  /// with `<` and `>`).
  mlir::Value activate(KB &kb, mlir::Value v) const;
};

/// One register tile of C += A x B, the inner loop of every GEMM-shaped
/// kernel: `mr` rows of A broadcast, `nv` vectors of B per k, mr x nv
/// accumulators. All sizes are static; the bases are dynamic flat indices.
///
///   A(r, k) = a[aBase + r * aRow + k * aK]          (scalar, broadcast)
///   B(k, j) = b[bBase + k * bK + j * lanes, +lanes) (vector)
///   C(r, c) = c[cBase + r * cRow + c]
///
/// except that A's k may run in blocks (aBlockK) and C's vectors of a row
/// may lie apart (cVec): a channel-blocked (NCHWc) conv's input and output.
///
/// The accumulators start at zero, or at C when `accumulate` (a dynamic i1
/// when K is blocked); with `finish` (dynamic i1 or null for true) the
/// epilogue (bias, residual, activation) is applied before the store. Only
/// columns [0, validCols) are read or written in C, bias and residual.
struct MicroKernel {
  int64_t mr = 6, nv = 2, lanes = 8, validCols = 16, kc = 0;
  /// When set, the (dynamic) k count, in place of kc.
  mlir::Value kcValue;
  mlir::Value a, b, c;
  int64_t aRow = 0, aK = 1, bK = 0, cRow = 0;
  /// When > 0, A's k runs in blocks of aBlockK values aBlockStride apart:
  /// A(r, k) = a[aBase + r * aRow + (k / aBlockK) * aBlockStride + (k %
  /// aBlockK) * aK] (the channels of an NCHWc tensor, in blocks of lanes).
  /// kc (or kcValue) must then be whole blocks, and aBlockK a multiple of
  /// the k loop's unroll: the k loop is a loop over blocks around one over
  /// a block's steps.
  int64_t aBlockK = 0, aBlockStride = 0;
  /// With aBlockK: the mr rows' lines of A's next block are prefetched into
  /// L1 at the start of each block, as their rows are lines apart that no
  /// hardware prefetcher follows.
  bool prefetchNextABlock = false;
  /// When > 0, the distance between a row's vectors in C and the residual
  /// (an NCHWc output: one vector per channel block, a plane apart); 0:
  /// adjacent, C(r, j * lanes) at cBase + r * cRow + j * lanes.
  int64_t cVec = 0;
  /// Bias per row (conv) or per column (matmul); null when absent. Index of
  /// the bias of row 0 / column 0 of the tile: biasBase.
  mlir::Value bias;
  bool biasPerRow = false;
  /// Residual, addressed like C; null when absent.
  mlir::Value residual;
  Epilogue epilogue;
  /// k-loop unroll factor (1 for tiles of 16 accumulators or more).
  int64_t unroll = 4;
  /// B's vectors past validCols are loaded with masks (B read in place,
  /// where a full vector could leave the buffer), not in full (a packed,
  /// zero-padded panel).
  bool maskB = false;
  /// When set, the A base of the tile that runs next (with aRow == 1, A's
  /// mr values of a k contiguous, as in a packed weight panel): every k
  /// step also prefetches that tile's values of the same k into L2, so
  /// weights streamed from memory (a panel read once per band) arrive
  /// while this tile computes.
  mlir::Value aNext;
  /// When set, the B base of the tile that runs next (a packed panel, its
  /// nv vectors of a k contiguous): every k step also prefetches that
  /// tile's vectors of the same k into L2, as aNext does for A.
  mlir::Value bNext;
  /// When >= 0, the bNext prefetch is one line per k step, at bNext + (k >>
  /// bNextShift) lines: a tile's share of the next panel (RowGroups spreads
  /// the panel over the group's tiles), not the whole panel by every tile.
  int64_t bNextShift = -1;
  /// When set, every k step also prefetches xNext[xNextBase + k * xNextK]
  /// (inside xNext for every k of the tile) into L2: a line of the B
  /// columns a later tile reads in place (a 1x1 conv's next band), so that
  /// it comes from memory while this tile computes.
  mlir::Value xNext, xNextBase;
  int64_t xNextK = 0;
  /// When set, every k step also stores the B vectors it loaded to
  /// bCopy[k * bCopyK + j * lanes]: the tile that first reads a column
  /// tile in place leaves it packed for the tiles after it.
  mlir::Value bCopy;
  int64_t bCopyK = 0;
  /// Prefetch the tile's lines of C and of the residual into L2 before the
  /// k loop. Where C and the residual outgrow L2 (ResNet-50's 56x56 planes
  /// of 256 channels, 3.2 MB each), the epilogue's loads and the stores'
  /// write misses otherwise wait on memory after the FMAs: the 1x1 convs
  /// there with a residual took 0.69-0.83x the time with it.
  bool prefetchOut = false;

  void emit(KB &kb, mlir::Value aBase, mlir::Value bBase, mlir::Value cBase,
            mlir::Value biasBase, mlir::Value accumulate = {},
            mlir::Value finish = {}) const;

  /// Whether emitNarrow can take a tile of \p cols columns, and it does
  /// fewer FMAs than a masked vector per row: A's mr values of one k are
  /// contiguous (a conv's packed weight panel) and fit one vector, and the
  /// columns are at most a third of the rows.
  bool narrowFits(int64_t cols) const {
    return aRow == 1 && mr <= lanes && cols > 0 && 3 * cols <= mr;
  }
  /// The tile of validCols columns (narrowFits) the other way round: per
  /// column, one vector over the mr rows (A's values of one k, B's value
  /// broadcast), so a k costs validCols FMAs instead of mr. The sums are
  /// stored (or, with accumulate, added to C's) lane by lane; where the
  /// epilogue applies, a k-less pass of emit loads, finishes and stores
  /// them. The 49 positions of a 7x7 plane go 48 + 1 instead of 4
  /// vectors of 16.
  void emitNarrow(KB &kb, mlir::Value aBase, mlir::Value bBase,
                  mlir::Value cBase, mlir::Value biasBase,
                  mlir::Value accumulate = {}, mlir::Value finish = {}) const;
};

/// The L x L transpose of \p rows (L vectors of L lanes, L a power of 2):
/// log2 L rounds in which vectors 2i and 2i + 1 become the interleaved low
/// and high halves of vectors i and i + L/2 (two-source shuffles, one
/// instruction each with AVX-512).
llvm::SmallVector<mlir::Value> transposeLanes(KB &kb,
                                              llvm::ArrayRef<mlir::Value> rows);

/// Emits \p body(cols) for weight panel \p p of \p panels, each \p nr
/// columns wide but the last, which has \p tailCols (one variant when they
/// are equal, else the two behind a test of p).
void forPanelColumns(KB &kb, mlir::Value p, int64_t panels, int64_t nr,
                     int64_t tailCols,
                     const std::function<void(int64_t)> &body);

/// Sets up \p mk for a packed op on the GEMM micro-kernel: W's panels of
/// \p nr columns (nv = nr / lanes vectors, mr = gemmTileRows(nv)), K =
/// \p k; A, W, bias and residual are operands 0-3 and C is result 0. The
/// strides are the caller's. False when a buffer is missing.
bool setUpPackedTile(MicroKernel &mk, mlir::OpBuilder &b, mlir::Operation *op,
                     mlir::ValueRange operands, mlir::ValueRange results,
                     int64_t nr, int64_t k);

/// Sets up \p mk for kiln.blocked_conv \p op on the GEMM micro-kernel
/// (setUpPackedTile, then): A = X in place, its rows (output positions)
/// \p stride input positions apart, its k the channels, in blocks of lanes
/// a plane apart (NCHWc) or a plane apart each (NCHW); C = Y, a row's
/// vectors its channel blocks, a plane apart; the epilogue. False as
/// setUpPackedTile. BlockedConv.cpp.
bool setUpBlockedConvTile(MicroKernel &mk, mlir::OpBuilder &b,
                          mlir::Operation *op, mlir::ValueRange operands,
                          mlir::ValueRange results, int64_t stride,
                          const EpilogueTail &tail);
/// The K block of a product of K = \p k over panels \p nr wide: whole
/// runs of \p lanes (a blocked conv's channel blocks), the panel rows (kc
/// x nr floats) in at most \p bytes, the blocks of near-equal size.
int64_t panelKBlock(int64_t k, int64_t nr, int64_t lanes, int64_t bytes);

/// The K block of a blocked conv: panel rows in half of a 32 KB L1.
inline int64_t blockedConvKBlock(int64_t cin, int64_t nr, int64_t lanes) {
  return panelKBlock(cin, nr, lanes, 16 * 1024);
}

/// Rows mr of a GEMM register tile with \p nv vectors per row: every
/// accumulator, the nv B vectors and one broadcast fit in the vector
/// registers (12 rows at most with 32 registers, 8 with 16).
int64_t gemmTileRows(int64_t nv);

/// The row tiles of a GEMM-shaped kernel (M rows of A, each K long), in
/// groups of tiles whose A rows stay in L2 (96 KB of them when B, \p bBytes
/// long, fits in half of the target's L2; all of L2 when it does not), split
/// further until the groups times \p itemsPerGroup make at least 8 work
/// items, and balanced.
struct RowGroups {
  int64_t mr, fullTiles, tailRows, group, groups;

  RowGroups(int64_t m, int64_t k, int64_t mr, int64_t itemsPerGroup,
            int64_t bBytes);
  /// Emits \p mk on the row tiles of group \p g: its full tiles, and in
  /// the last group the tile of the M % mr last rows. \p at(i0) gives the
  /// A and C bases of the tile whose first row is i0; \p accumulate and
  /// \p finish are the micro-kernel's (K blocked). With mk.bNext, the tiles
  /// split the prefetch of the kc x bK floats there (bNextShift).
  void emit(
      KB &kb, const MicroKernel &mk, mlir::Value g, mlir::Value bBase,
      mlir::Value biasBase,
      const std::function<std::pair<mlir::Value, mlir::Value>(mlir::Value)> &at,
      mlir::Value accumulate = {}, mlir::Value finish = {}) const;
};

/// Runs body(pair, g0, g1) once per pair of the work items [begin, end),
/// with [g0, g1) the pair's groups among them, where item = pair * groups
/// + g when groups <= pairs or \p bandMajor (band-major), else g * pairs +
/// pair (group-major): the items of one call that share a pair (an image
/// and a band of a conv) then do the pair's work (packing its input) once.
void forItemPairs(
    KB &kb, mlir::Value begin, mlir::Value end, int64_t pairs, int64_t groups,
    const std::function<void(mlir::Value, mlir::Value, mlir::Value)> &body,
    bool bandMajor = false);

/// The kernel emitters of each family (signature of emitDirectKernel).
mlir::FailureOr<int64_t>
emitPackedMatMul(mlir::OpBuilder &b, mlir::Operation *op,
                 mlir::ValueRange operands, mlir::ValueRange results,
                 mlir::Value begin, mlir::Value end, const EpilogueTail &tail);
mlir::FailureOr<int64_t> emitPackedConv(mlir::OpBuilder &b, mlir::Operation *op,
                                        mlir::ValueRange operands,
                                        mlir::ValueRange results,
                                        mlir::Value begin, mlir::Value end,
                                        const EpilogueTail &tail);
mlir::FailureOr<int64_t>
emitBlockedConv(mlir::OpBuilder &b, mlir::Operation *op,
                mlir::ValueRange operands, mlir::ValueRange results,
                mlir::Value begin, mlir::Value end, const EpilogueTail &tail);
mlir::FailureOr<int64_t> emitReorder(mlir::OpBuilder &b, mlir::Operation *op,
                                     mlir::ValueRange operands,
                                     mlir::ValueRange results,
                                     mlir::Value begin, mlir::Value end,
                                     const EpilogueTail &tail);
mlir::FailureOr<int64_t>
emitWinogradConv(mlir::OpBuilder &b, mlir::Operation *op,
                 mlir::ValueRange operands, mlir::ValueRange results,
                 mlir::Value begin, mlir::Value end, const EpilogueTail &tail);
mlir::FailureOr<int64_t>
emitDepthwiseConv(mlir::OpBuilder &b, mlir::Operation *op,
                  mlir::ValueRange operands, mlir::ValueRange results,
                  mlir::Value begin, mlir::Value end, const EpilogueTail &tail);
mlir::FailureOr<int64_t> emitMatMul(mlir::OpBuilder &b, mlir::Operation *op,
                                    mlir::ValueRange operands,
                                    mlir::ValueRange results, mlir::Value begin,
                                    mlir::Value end, const EpilogueTail &tail);
mlir::FailureOr<int64_t> emitPool(mlir::OpBuilder &b, mlir::Operation *op,
                                  mlir::ValueRange operands,
                                  mlir::ValueRange results, mlir::Value begin,
                                  mlir::Value end, const EpilogueTail &tail);
mlir::FailureOr<int64_t> emitGlobalPool(mlir::OpBuilder &b, mlir::Operation *op,
                                        mlir::ValueRange operands,
                                        mlir::ValueRange results,
                                        mlir::Value begin, mlir::Value end,
                                        const EpilogueTail &tail);
mlir::FailureOr<int64_t> emitRowNorm(mlir::OpBuilder &b, mlir::Operation *op,
                                     mlir::ValueRange operands,
                                     mlir::ValueRange results,
                                     mlir::Value begin, mlir::Value end,
                                     const EpilogueTail &tail);
mlir::FailureOr<int64_t> emitSoftmax(mlir::OpBuilder &b, mlir::Operation *op,
                                     mlir::ValueRange operands,
                                     mlir::ValueRange results,
                                     mlir::Value begin, mlir::Value end,
                                     const EpilogueTail &tail);

mlir::FailureOr<int64_t> emitAttention(mlir::OpBuilder &b, mlir::Operation *op,
                                       mlir::ValueRange operands,
                                       mlir::ValueRange results,
                                       mlir::Value begin, mlir::Value end,
                                       const EpilogueTail &tail);

/// Whether the emitters above handle \p op (static f32 operands assumed).
bool canEmitPackedMatMul(mlir::Operation *op);
bool canEmitPackedConv(mlir::Operation *op);
bool canEmitBlockedConv(mlir::Operation *op);
/// kiln.blocked_conv with a window, strides or pads (BlockedConvSpatial.cpp):
/// its channels whole blocks and its tap at the pads' offset inside X for
/// every output position.
bool canEmitBlockedSpatialConv(mlir::Operation *op);
mlir::FailureOr<int64_t>
emitBlockedSpatialConv(mlir::OpBuilder &b, mlir::Operation *op,
                       mlir::ValueRange operands, mlir::ValueRange results,
                       mlir::Value begin, mlir::Value end,
                       const EpilogueTail &tail);
bool canEmitReorder(mlir::Operation *op);
bool canEmitWinogradConv(mlir::Operation *op);
bool canEmitDepthwiseConv(mlir::Operation *op);

/// The residual (operand 3) when kiln.packed_conv's kernel reads it only
/// where it writes Y, each position read before it is written and by the
/// same tile (K in one block, no narrow tile), else -1: Y may then take
/// the residual's buffer (directKernelOverwritableOperand).
int packedConvOverwritableOperand(mlir::Operation *op);
/// The residual (operand 3) of kiln.packed_mat_mul, if any: its kernel
/// reads it only where it writes Y (directKernelOverwritableOperand).
int packedMatMulOverwritableOperand(mlir::Operation *op);

bool canEmitPool(mlir::Operation *op);
bool canEmitGlobalPool(mlir::Operation *op);
bool canEmitMatMul(mlir::Operation *op);
bool canEmitRowNorm(mlir::Operation *op);
bool canEmitSoftmax(mlir::Operation *op);
bool canEmitAttention(mlir::Operation *op);

/// Elements moved by the reorder kernel for \p op (to_blocked, from_blocked).
int64_t estimateReorderMoves(mlir::Operation *op);
/// Multiply-accumulates of the Winograd kernel's products for \p op.
int64_t estimateWinogradMacs(mlir::Operation *op);
/// Multiply-accumulates of the matrix product kernel for \p op.
int64_t estimateMatMulMacs(mlir::Operation *op);

/// Window taps (compares or adds) of the pool kernel for \p op.
int64_t estimatePoolTaps(mlir::Operation *op);
/// Elements summed by the global pool kernel for \p op.
int64_t estimateGlobalPoolAdds(mlir::Operation *op);
/// Element reads and writes of the row normalization kernel (layer,
/// instance and RMS normalization) for \p op.
int64_t estimateRowNormWork(mlir::Operation *op);
/// The work of the softmax kernel for \p op, in multiply-adds' worth.
int64_t estimateSoftmaxWork(mlir::Operation *op);
/// Multiply-adds of the fused attention kernel's two products and softmax.
int64_t estimateAttentionWork(mlir::Operation *op);

/// Shapes and attributes of a static 2-D NCHW convolution.
struct ConvGeometry {
  int64_t batch, c, h, w, cout, oh, ow;
  int64_t kh, kw, sh, sw, dh, dw, pt, pl; ///< kernel, strides, dilations, pads
  /// X is channel-blocked (NCHWc, rank 5) in blocks of `block` (0: NCHW;
  /// Y may be blocked either way); c and cout count channels all the same.
  int64_t block = 0;
};

/// Reads the geometry of a convolution op with X and Y operands and
/// kernel_shape, strides, pads and dilations (attributes or, for
/// kiln.blocked_conv, accessors).
template <typename ConvOp> ConvGeometry readConvGeometry(ConvOp conv) {
  auto x = mlir::cast<mlir::RankedTensorType>(conv.getX().getType());
  auto y = mlir::cast<mlir::RankedTensorType>(conv.getY().getType());
  auto at = [](mlir::ArrayAttr a, unsigned i) {
    return mlir::cast<mlir::IntegerAttr>(a[i]).getInt();
  };
  ConvGeometry g;
  g.block = x.getRank() == 5 ? x.getDimSize(4) : 0;
  int64_t perBlock = g.block ? g.block : 1;
  g.batch = x.getDimSize(0);
  g.c = x.getDimSize(1) * perBlock;
  g.h = x.getDimSize(2);
  g.w = x.getDimSize(3);
  g.cout = y.getDimSize(1) * (y.getRank() == 5 ? y.getDimSize(4) : 1);
  g.oh = y.getDimSize(2);
  g.ow = y.getDimSize(3);
  g.kh = at(conv.getKernelShape(), 0);
  g.kw = at(conv.getKernelShape(), 1);
  g.sh = at(conv.getStrides(), 0);
  g.sw = at(conv.getStrides(), 1);
  g.dh = at(conv.getDilations(), 0);
  g.dw = at(conv.getDilations(), 1);
  g.pt = at(conv.getPads(), 0);
  g.pl = at(conv.getPads(), 1);
  return g;
}

/// Vector lanes of f32 on the host (8 with AVX2, 16 with AVX-512).
int64_t hostLanes();
/// Vector registers of the host (16, or 32 with AVX-512).
int64_t hostVectorRegisters();
/// Masked vector loads are as fast as plain ones (AVX-512; AVX2's are slow
/// on AMD Zen): kernels then zero lanes outside the data with masked loads
/// alone, rather than emitting a second variant that blends after plain
/// loads wherever a plain load stays inside the buffer.
bool fastMaskedLoads();

/// Whether the channel-blocked depthwise kernel (DepthwiseBlocked.cpp) can
/// run geometry \p g with \p lanes lanes: channels a multiple of the lanes,
/// no dilation, its ring and row buffers within 64 KB.
bool canEmitDepthwiseBlocked(const ConvGeometry &g, int64_t lanes);
/// Emits it: work items [begin, end) of batch * c / lanes (one image and
/// block of channels each); returns the item count. \p x, \p w, \p y and
/// \p bias (null when absent) are flat buffers.
int64_t emitDepthwiseBlocked(KB &kb, const ConvGeometry &g, int64_t lanes,
                             mlir::Value x, mlir::Value w, mlir::Value bias,
                             mlir::Value y, mlir::Value begin, mlir::Value end,
                             const Epilogue &epilogue);

} // namespace kiln::cpu::kernels

#endif // KILN_CPU_LIB_KERNELS_KERNELBUILDER_H
