//===- Denormals.cpp - Subnormal floats in weights and tensors ------------===//
//
// See Denormals.h. A float is subnormal when its exponent bits are all zero
// and its fraction bits are not.
//
//===----------------------------------------------------------------------===//
#include "Denormals.h"
#include "Layers.h"

#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/TensorConversion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseMap.h"

#include <chrono>
#include <cmath>
#include <cstring>

namespace kiln::tool {

namespace {
/// Counts elements of \p n of type \p Bits at \p data whose bits under
/// \p exponent are zero while those under \p fraction are not.
template <typename Bits>
uint64_t countBits(const void *data, int64_t n, Bits exponent, Bits fraction) {
  const auto *bytes = static_cast<const char *>(data);
  uint64_t count = 0;
  for (int64_t i = 0; i < n; ++i) {
    Bits b;
    std::memcpy(&b, bytes + i * sizeof(Bits), sizeof(Bits));
    count += (b & exponent) == 0 && (b & fraction) != 0;
  }
  return count;
}
} // namespace

SubnormalCount countSubnormals(const Tensor &t) {
  SubnormalCount c;
  if (!t.valid() || !isFloat(t.dtype()))
    return c;
  int64_t n = t.numElements();
  if (n == 0 || !t.raw())
    return c;
  c.total = static_cast<uint64_t>(n);
  switch (t.dtype()) {
  case DType::F32:
    c.subnormal = countBits<uint32_t>(t.raw(), n, 0x7f800000u, 0x007fffffu);
    break;
  case DType::F64:
    c.subnormal = countBits<uint64_t>(t.raw(), n, 0x7ff0000000000000ull,
                                      0x000fffffffffffffull);
    break;
  case DType::F16:
    c.subnormal = countBits<uint16_t>(t.raw(), n, 0x7c00, 0x03ff);
    break;
  default:
    break;
  }
  return c;
}

/// The count of constant \p op, computed once per constant into \p memo.
static SubnormalCount
countConstant(ConstantOp op,
              llvm::DenseMap<mlir::Operation *, SubnormalCount> &memo) {
  auto it = memo.find(op);
  if (it != memo.end())
    return it->second;
  SubnormalCount c;
  Tensor t;
  // A constant of a type the runtime lacks holds no float Kiln can run.
  if (tensorFromElementsAttr(op.getValue(), t))
    c = countSubnormals(t);
  memo[op] = c;
  return c;
}

std::vector<std::pair<std::string, SubnormalCount>>
weightSubnormals(mlir::ModuleOp graph) {
  std::vector<std::pair<std::string, SubnormalCount>> rows;
  llvm::DenseMap<mlir::Operation *, SubnormalCount> memo;
  auto main = graph.lookupSymbol<mlir::func::FuncOp>("main");
  if (!main)
    return rows;
  main.walk([&](mlir::Operation *op) {
    if (llvm::isa<ConstantOp>(op))
      return;
    SubnormalCount sum;
    for (mlir::Value operand : op->getOperands())
      if (auto constant = operand.getDefiningOp<ConstantOp>())
        sum += countConstant(constant, memo);
    if (sum.total == 0)
      return;
    std::string name = nodeName(op->getLoc());
    rows.emplace_back(name.empty() ? "(" + shortOpName(op) + ")" : name, sum);
  });
  return rows;
}

SubnormalCount totalWeightSubnormals(mlir::ModuleOp graph) {
  SubnormalCount total;
  llvm::DenseMap<mlir::Operation *, SubnormalCount> memo;
  graph.walk([&](ConstantOp op) { total += countConstant(op, memo); });
  return total;
}

llvm::Expected<std::vector<SubnormalCount>>
activationSubnormals(cpu::JitModel &jit, const std::vector<Tensor> &inputs) {
  std::vector<SubnormalCount> counts(jit.getPlan().steps.size());
  const cpu::PlanStep *first = jit.getPlan().steps.data();
  auto result =
      jit.run(inputs, [&](const cpu::PlanStep &step,
                          const std::vector<Tensor> &results, double) {
        for (const Tensor &t : results)
          counts[&step - first] += countSubnormals(t);
      });
  if (!result)
    return result.takeError();
  return counts;
}

double FlushTiming::speedup() const {
  return on.medianMs > 0 ? off.medianMs / on.medianMs : NAN;
}

llvm::Expected<FlushTiming>
timeFlushDenormals(const cpu::JitModel &jit, const std::vector<Tensor> &inputs,
                   unsigned runs) {
  unsigned threads = jit.getExecutor().threads();
  std::unique_ptr<cpu::Executor> executors[2] = {
      jit.getExecutor().withSettings(threads, false),
      jit.getExecutor().withSettings(threads, true)};
  double first[2];
  std::vector<double> times[2];
  for (unsigned r = 0; r <= runs; ++r)
    for (int flush = 0; flush < 2; ++flush) {
      auto start = std::chrono::steady_clock::now();
      auto result = executors[flush]->run(inputs);
      if (!result)
        return result.takeError();
      double ms = std::chrono::duration<double, std::milli>(
                      std::chrono::steady_clock::now() - start)
                      .count();
      if (r == 0)
        first[flush] = ms;
      else
        times[flush].push_back(ms);
    }
  FlushTiming timing;
  timing.off = summarizeRuns(first[0], times[0]);
  timing.on = summarizeRuns(first[1], times[1]);
  return timing;
}

} // namespace kiln::tool
