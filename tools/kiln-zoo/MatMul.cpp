//===- MatMul.cpp - one matrix product of a given shape -------------------===//
//
// `matmul-MxNxK` (kiln-bench's order: M x N x K) is one MatMul of an input
// A [M, K] by a weight W [K, N] (uniform in [-1, 1)), opset 17: the GEMM
// shapes of kiln-bench as whole models, so that bench/ort-compare.sh can
// time them on ONNX Runtime beside Kiln on the same input.
//
//===----------------------------------------------------------------------===//
#include "GraphBuilder.h"
#include "Zoo.h"

#include <cerrno>
#include <cstdlib>

namespace kiln::zoo {

namespace {
/// Parses one dimension of a name: a decimal from 1 to 2^20, followed by
/// \p end. Advances \p s past it.
bool parseDim(const char *&s, char end, int64_t &out) {
  if (*s < '0' || *s > '9')
    return false;
  errno = 0;
  char *stop = nullptr;
  long long v = std::strtoll(s, &stop, 10);
  if (errno != 0 || *stop != end || v < 1 || v > (1 << 20))
    return false;
  out = v;
  s = stop + (end ? 1 : 0);
  return true;
}
} // namespace

bool parseMatMulName(const std::string &name, MatMulShape &shape) {
  const std::string prefix = "matmul-";
  if (name.compare(0, prefix.size(), prefix) != 0)
    return false;
  const char *s = name.c_str() + prefix.size();
  if (!parseDim(s, 'x', shape.m) || !parseDim(s, 'x', shape.n) ||
      !parseDim(s, '\0', shape.k))
    return false;
  // A and Y within 2^31 elements (8 GB of floats); the weight, which the
  // file holds, within 2^28 (1 GB: an ONNX file is one protobuf message,
  // and those stop at 2 GB).
  int64_t limit = int64_t(1) << 31;
  return shape.m * shape.k <= limit && shape.m * shape.n <= limit &&
         shape.k * shape.n <= (int64_t(1) << 28);
}

BuiltModel buildMatMul(const std::string &name, const MatMulShape &shape,
                       uint64_t seed) {
  GraphBuilder b(name, 17, seed);
  std::string a = b.input("A", onnx::TensorProto::FLOAT, {shape.m, shape.k});
  std::string w = b.weight("W", {shape.k, shape.n}, -1.0f, 1.0f);
  std::string y = b.op("MatMul", {a, w}, {}, "Y");
  b.output(y, onnx::TensorProto::FLOAT, {shape.m, shape.n});
  int64_t params = b.numParams();
  return {std::move(b.model()), params};
}

} // namespace kiln::zoo
