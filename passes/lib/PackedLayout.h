//===- PackedLayout.h - Panel layouts of the packed ops ---------*- C++ -*-===//
//
// Shared by kiln-pack-weights (which packs), kiln-fuse-epilogue (which
// rescales packed rows when it folds a BatchNormalization) and the passes
// that re-pack a packed op's weights (kiln-winograd, kiln-conv-to-mat-mul):
// reading f32 constants and making new ones, 64-byte aligned so the
// micro-kernels' vector loads of a panel never straddle a cache line.
//
//   packed_mat_mul:  W[p][k][j] = B[k][p * nr + j]        (zero past N)
//   packed_conv:     W[p][k][i] = weight[p * mr + i][k]   (zero past Cout)
//
//===----------------------------------------------------------------------===//
#ifndef KILN_PASSES_LIB_PACKEDLAYOUT_H
#define KILN_PASSES_LIB_PACKEDLAYOUT_H

#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/TensorConversion.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Threading.h"

#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace kiln::packed {

/// The f32 constant defining \p v as a tensor: a view of its out-of-line
/// blob (valid while the context holds it), a copy of inline values.
inline std::optional<Tensor> constantF32Tensor(mlir::Value v) {
  auto c = v.getDefiningOp<ConstantOp>();
  if (!c || !c.getValue().getElementType().isF32())
    return std::nullopt;
  Tensor t;
  if (!tensorFromElementsAttr(c.getValue(), t))
    return std::nullopt;
  return t;
}

/// The f32 values of \p v when it is a kiln.constant, row-major (a copy).
inline std::optional<std::vector<float>> constantF32(mlir::Value v) {
  std::optional<Tensor> t = constantF32Tensor(v);
  if (!t)
    return std::nullopt;
  const float *p = t->data<float>();
  return std::vector<float>(p, p + t->numElements());
}

/// The name of the constant defining \p v, for naming derived blobs.
inline std::string constantName(mlir::Value v) {
  if (auto c = v.getDefiningOp<ConstantOp>())
    if (auto r = llvm::dyn_cast<mlir::DenseResourceElementsAttr>(c.getValue()))
      return r.getRawHandle().getKey().str();
  return "weight";
}

/// A resource key made of \p name: identifier characters, not starting
/// with a digit or a dot.
inline std::string blobKey(llvm::StringRef name) {
  std::string key = name.str();
  for (char &c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.')
      c = '_';
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0])) ||
      key[0] == '.')
    key.insert(0, "_");
  return key;
}

/// A kiln.constant of f32 \p values and \p shape, stored out of line in a
/// 64-byte aligned blob (inline `dense` when it has at most 16 elements).
inline mlir::Value makeF32Constant(mlir::OpBuilder &b, mlir::Location loc,
                                   llvm::ArrayRef<int64_t> shape,
                                   llvm::ArrayRef<float> values,
                                   llvm::StringRef name) {
  auto type = mlir::RankedTensorType::get(shape, b.getF32Type());
  mlir::ElementsAttr attr;
  if (values.size() <= 16) {
    attr = mlir::DenseElementsAttr::get(type, values);
  } else {
    llvm::ArrayRef<char> bytes(reinterpret_cast<const char *>(values.data()),
                               values.size() * sizeof(float));
    mlir::AsmResourceBlob blob = allocateBlob(bytes.size(), 64);
    std::memcpy(blob.getMutableData().data(), bytes.data(), bytes.size());
    attr = mlir::DenseResourceElementsAttr::get(type, blobKey(name),
                                                std::move(blob));
  }
  return b.create<ConstantOp>(loc, attr);
}

/// makeF32Constant with the values written by \p fill straight into the
/// constant's blob (zeroed first): packed weights are written once, not
/// packed into a vector and then copied. The zeroing is split over the
/// context's threads when it has them (see forEachPanel), since touching a
/// fresh page costs far more than writing it: 0.5-0.7 ms per MiB with 4 KiB
/// pages, 0.1-2.6 with huge pages, on the virtual machine Kiln is
/// benchmarked on (two threads took 0.5-0.6 times as long with 4 KiB pages).
inline mlir::Value makeF32ConstantFilled(
    mlir::OpBuilder &b, mlir::Location loc, llvm::ArrayRef<int64_t> shape,
    llvm::StringRef name,
    llvm::function_ref<void(llvm::MutableArrayRef<float>)> fill) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  if (n <= 16) {
    std::vector<float> values(n, 0.0f);
    fill(values);
    return makeF32Constant(b, loc, shape, values, name);
  }
  mlir::AsmResourceBlob blob = allocateBlob(n * sizeof(float), 64);
  llvm::MutableArrayRef<char> bytes = blob.getMutableData();
  constexpr size_t kChunk = 1 << 22;
  mlir::parallelFor(
      b.getContext(), 0, (bytes.size() + kChunk - 1) / kChunk, [&](size_t i) {
        size_t at = i * kChunk;
        std::memset(bytes.data() + at, 0, std::min(kChunk, bytes.size() - at));
      });
  fill({reinterpret_cast<float *>(bytes.data()), static_cast<size_t>(n)});
  auto type = mlir::RankedTensorType::get(shape, b.getF32Type());
  return b.create<ConstantOp>(loc, mlir::DenseResourceElementsAttr::get(
                                       type, blobKey(name), std::move(blob)));
}

/// Whether the direct conv kernel computes \p cols positions past a band's
/// whole vectors one vector per position over a panel of \p rows output
/// channels (its MicroKernel::narrowFits): at most a third of the rows.
inline bool narrowColumnsFit(int64_t cols, int64_t rows) {
  return cols > 0 && 3 * cols <= rows;
}

/// Runs \p body(i) for i in [0, count), on the threads of \p ctx when it
/// has them (prepareGraph's jobs): the fills of large packed or transformed
/// weights, each i writing its own elements.
inline void forEachPanel(mlir::MLIRContext *ctx, int64_t count,
                         llvm::function_ref<void(int64_t)> body) {
  mlir::parallelFor(ctx, 0, static_cast<size_t>(std::max<int64_t>(0, count)),
                    [&](size_t i) { body(static_cast<int64_t>(i)); });
}

/// The values of \p a, an array of i64.
inline llvm::SmallVector<int64_t> ints(mlir::ArrayAttr a) {
  llvm::SmallVector<int64_t> v;
  for (mlir::Attribute e : a)
    v.push_back(llvm::cast<mlir::IntegerAttr>(e).getInt());
  return v;
}

/// True when every value of \p a (an array of i64) is \p v.
inline bool allEqual(mlir::ArrayAttr a, int64_t v) {
  return llvm::all_of(a, [&](mlir::Attribute e) {
    return llvm::cast<mlir::IntegerAttr>(e).getInt() == v;
  });
}

/// Erases the kiln.constant and kiln.none ops under \p root that have no
/// uses left (the weights a rewrite replaced).
inline void eraseDeadConstants(mlir::Operation *root) {
  llvm::SmallVector<mlir::Operation *> dead;
  root->walk([&](mlir::Operation *op) {
    if (llvm::isa<ConstantOp, NoneOp>(op) && op->use_empty())
      dead.push_back(op);
  });
  for (mlir::Operation *op : dead)
    op->erase();
}

/// Calls \p rewrite on every \p OpT under \p root (collected first: a
/// rewrite erases its op), then erases the constants the rewrites left
/// unused (eraseDeadConstants); returns how many rewrites returned true.
template <typename OpT>
int64_t rewriteEach(mlir::Operation *root,
                    llvm::function_ref<bool(OpT)> rewrite) {
  llvm::SmallVector<OpT> ops;
  root->walk([&](OpT op) { ops.push_back(op); });
  int64_t rewritten = 0;
  for (OpT op : ops)
    rewritten += rewrite(op);
  eraseDeadConstants(root);
  return rewritten;
}

/// A BatchNormalization in inference mode as a per-channel affine map
/// `y = x * scale + shift`.
struct AffineChannels {
  std::vector<float> scale, shift;
};

/// The affine map of \p bn over \p channels channels, from its constant
/// statistics (computed in double: s = scale / sqrt(var + eps), t = B -
/// mean * s); nullopt in training mode, with spatial = 0, or when a
/// statistic is not a constant of \p channels values.
inline std::optional<AffineChannels> batchNormAffine(BatchNormalizationOp bn,
                                                     int64_t channels) {
  if (bn.getTrainingMode().value_or(0) != 0 || bn.getSpatial().value_or(1) != 1)
    return std::nullopt;
  auto scale = constantF32(bn.getScale()), shift = constantF32(bn.getB()),
       mean = constantF32(bn.getInputMean()),
       var = constantF32(bn.getInputVar());
  auto hasC = [&](const std::optional<std::vector<float>> &v) {
    return v && static_cast<int64_t>(v->size()) == channels;
  };
  if (!hasC(scale) || !hasC(shift) || !hasC(mean) || !hasC(var))
    return std::nullopt;
  double eps = bn.getEpsilon() ? bn.getEpsilon()->convertToDouble() : 1e-5;
  AffineChannels a;
  a.scale.resize(channels);
  a.shift.resize(channels);
  for (int64_t i = 0; i < channels; ++i) {
    double si = double((*scale)[i]) / std::sqrt(double((*var)[i]) + eps);
    a.scale[i] = float(si);
    a.shift[i] = float(double((*shift)[i]) - double((*mean)[i]) * si);
  }
  return a;
}

} // namespace kiln::packed

#endif // KILN_PASSES_LIB_PACKEDLAYOUT_H
