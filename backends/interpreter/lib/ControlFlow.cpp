//===- ControlFlow.cpp - Running If, Loop and Scan ------------------------===//
//
// runControlFlow (kiln/interpreter/ControlFlow.h) in plain loops: the
// operands are read, each region is run through the caller's function, and
// scan values are sliced and stacked here. describeControlFlow is the only
// part that reads the op.
//
//===----------------------------------------------------------------------===//
#include "kiln/interpreter/ControlFlow.h"
#include "kiln/interpreter/Interpreter.h"
#include "kiln/ir/KilnDialect.h"

#include <algorithm>
#include <cstring>
#include <limits>

using namespace mlir;

namespace kiln {
namespace {

llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// A control-flow op being run: its description, its label for errors and
/// the caller's way to run its regions.
struct Call {
  const ControlFlowDesc &desc;
  const std::string &label;
  RegionRunFn runRegion;

  /// Runs region \p index with \p args, checked against the types of its
  /// block arguments first.
  llvm::Expected<std::vector<Tensor>> region(unsigned index,
                                             std::vector<Tensor> args) const;
};

/// False for the default tensor that stands for an absent operand (a
/// present scalar has its element's bytes).
bool present(const Tensor &t) { return t.rank() > 0 || t.raw(); }

std::string shapeOf(const Tensor &t) {
  return formatShape(t.shape()) + " " + std::string(dtypeName(t.dtype()));
}

/// The single element of \p t as an integer, or an error naming \p what.
llvm::Expected<int64_t> scalarOf(const Call &call, const Tensor &t,
                                 llvm::StringRef what) {
  if (t.numElements() != 1)
    return makeError(call.label + ": expected " + what.str() +
                     " to hold one element, found " + shapeOf(t));
  return t.getAsInt64(0);
}

/// Slice \p index of \p t along \p axis, without that axis.
Tensor sliceAt(const Tensor &t, int64_t axis, int64_t index) {
  Shape dims = t.shape();
  int64_t outer = 1, inner = dtypeSize(t.dtype());
  for (int64_t d = 0; d < axis; ++d)
    outer *= dims[d];
  for (int64_t d = axis + 1; d < t.rank(); ++d)
    inner *= dims[d];
  int64_t n = dims[axis];
  dims.erase(dims.begin() + axis);
  Tensor out = Tensor::uninitialized(t.dtype(), dims);
  const char *src = static_cast<const char *>(t.raw());
  char *dst = static_cast<char *>(out.raw());
  for (int64_t o = 0; o < outer && inner > 0; ++o)
    std::memcpy(dst + o * inner, src + (o * n + index) * inner, inner);
  return out;
}

/// \p parts (one shape, one dtype) stacked along a new \p axis; \p empty is
/// the result when there are no parts.
Tensor stack(const std::vector<Tensor> &parts, int64_t axis, Tensor empty) {
  if (parts.empty())
    return empty;
  Shape dims = parts[0].shape();
  int64_t outer = 1, inner = dtypeSize(parts[0].dtype());
  for (int64_t d = 0; d < axis; ++d)
    outer *= dims[d];
  for (int64_t d = axis; d < parts[0].rank(); ++d)
    inner *= dims[d];
  int64_t n = static_cast<int64_t>(parts.size());
  dims.insert(dims.begin() + axis, n);
  Tensor out = Tensor::uninitialized(parts[0].dtype(), dims);
  char *dst = static_cast<char *>(out.raw());
  for (int64_t k = 0; k < n && inner > 0; ++k) {
    const char *src = static_cast<const char *>(parts[k].raw());
    for (int64_t o = 0; o < outer; ++o)
      std::memcpy(dst + (o * n + k) * inner, src + o * inner, inner);
  }
  return out;
}

/// The result for a scan output no iteration produced: zero along the
/// scan axis, the other dims from result \p r's type where static, else 0.
Tensor emptyScanOutput(const Call &call, size_t r, int64_t axis) {
  const TensorSpec &spec = call.desc.results[r];
  Shape dims;
  if (spec.ranked)
    for (int64_t d : spec.shape)
      dims.push_back(d < 0 ? 0 : d);
  else
    dims.push_back(0);
  if (axis < static_cast<int64_t>(dims.size()))
    dims[axis] = 0;
  return Tensor(spec.dtype, dims);
}

/// Appends \p value to the \p k-th scan output's parts, which must all have
/// one shape and dtype.
llvm::Error collect(const Call &call, std::vector<Tensor> &parts,
                    const Tensor &value, size_t k) {
  if (!parts.empty() &&
      (parts[0].shape() != value.shape() || parts[0].dtype() != value.dtype()))
    return makeError(call.label + ": scan output #" + std::to_string(k) +
                     " is " + shapeOf(value) + " in one iteration and " +
                     shapeOf(parts[0]) +
                     " in an earlier one; expected one "
                     "shape");
  parts.push_back(value);
  return llvm::Error::success();
}

llvm::Expected<std::vector<Tensor>>
Call::region(unsigned index, std::vector<Tensor> args) const {
  const std::vector<TensorSpec> &specs = desc.regionArgs[index];
  if (args.size() != specs.size())
    return makeError(label + ": body expects " + std::to_string(specs.size()) +
                     " arguments, found " + std::to_string(args.size()));
  for (auto [i, t] : llvm::enumerate(args)) {
    const TensorSpec &spec = specs[i];
    bool ok =
        t.dtype() == spec.dtype &&
        (!spec.ranked || static_cast<size_t>(t.rank()) == spec.shape.size());
    for (size_t d = 0; ok && spec.ranked && d < spec.shape.size(); ++d)
      ok = spec.shape[d] < 0 || spec.shape[d] == t.dim(d);
    if (!ok)
      return makeError(label + ": body " + spec.name + " is declared " +
                       spec.format() + " but receives " + shapeOf(t));
  }
  auto yields = runRegion(index, std::move(args));
  if (yields && yields->size() != desc.regionYields[index])
    return makeError(label + ": body yielded " +
                     std::to_string(yields->size()) + " values, expected " +
                     std::to_string(desc.regionYields[index]));
  return yields;
}

llvm::Expected<std::vector<Tensor>> runIf(const Call &call,
                                          const std::vector<Tensor> &operands) {
  llvm::Expected<int64_t> cond = scalarOf(call, operands[0], "the condition");
  if (!cond)
    return cond.takeError();
  return call.region(*cond ? 0 : 1, {});
}

llvm::Expected<std::vector<Tensor>>
runLoop(const Call &call, const std::vector<Tensor> &operands) {
  int64_t tripCount = std::numeric_limits<int64_t>::max();
  bool cond = true;
  if (present(operands[0])) {
    llvm::Expected<int64_t> m = scalarOf(call, operands[0], "max_trip_count");
    if (!m)
      return m.takeError();
    tripCount = *m;
  }
  if (present(operands[1])) {
    llvm::Expected<int64_t> c = scalarOf(call, operands[1], "the condition");
    if (!c)
      return c.takeError();
    cond = *c != 0;
  }
  std::vector<Tensor> carried(operands.begin() + 2, operands.end());
  size_t numScans = call.desc.results.size() - carried.size();
  std::vector<std::vector<Tensor>> scans(numScans);
  for (int64_t i = 0; i < tripCount && cond; ++i) {
    Tensor condIn(DType::Bool, {});
    condIn.setFromDouble(0, 1.0);
    std::vector<Tensor> args{Tensor::scalar<int64_t>(i), condIn};
    args.insert(args.end(), carried.begin(), carried.end());
    auto yields = call.region(0, std::move(args));
    if (!yields)
      return yields.takeError();
    llvm::Expected<int64_t> next =
        scalarOf(call, (*yields)[0], "the body's condition");
    if (!next)
      return next.takeError();
    cond = *next != 0;
    for (size_t k = 0; k < carried.size(); ++k)
      carried[k] = (*yields)[1 + k];
    for (size_t k = 0; k < numScans; ++k)
      if (llvm::Error e =
              collect(call, scans[k], (*yields)[1 + carried.size() + k], k))
        return std::move(e);
  }
  std::vector<Tensor> results = carried;
  for (size_t k = 0; k < numScans; ++k)
    results.push_back(
        stack(scans[k], 0, emptyScanOutput(call, carried.size() + k, 0)));
  return results;
}

/// One Scan (opset 9 semantics) over \p inputs (states, then scan inputs);
/// returns the final states and the scan outputs.
llvm::Expected<std::vector<Tensor>>
scanOnce(const Call &call, const std::vector<Tensor> &inputs) {
  const ControlFlowDesc &desc = call.desc;
  size_t m = static_cast<size_t>(desc.numScanInputs);
  size_t n = inputs.size() - m;
  size_t k = desc.results.size() - n;
  auto orZeros = [](const std::vector<int64_t> &given, size_t count) {
    return given.empty() ? std::vector<int64_t>(count, 0) : given;
  };
  std::vector<int64_t> inDirs = orZeros(desc.scanInputDirections, m),
                       inAxes = orZeros(desc.scanInputAxes, m),
                       outDirs = orZeros(desc.scanOutputDirections, k),
                       outAxes = orZeros(desc.scanOutputAxes, k);
  if (inDirs.size() != m || inAxes.size() != m || outDirs.size() != k ||
      outAxes.size() != k)
    return makeError(call.label +
                     ": expected one scan axis and direction per scan input "
                     "and output");
  int64_t length = -1;
  for (size_t j = 0; j < m; ++j) {
    const Tensor &x = inputs[n + j];
    int64_t rank = x.rank();
    if (inAxes[j] < -rank || inAxes[j] >= rank)
      return makeError(call.label + ": scan input #" + std::to_string(j) +
                       " of shape " + shapeOf(x) + " has no axis " +
                       std::to_string(inAxes[j]));
    if (inAxes[j] < 0)
      inAxes[j] += rank;
    int64_t len = x.dim(inAxes[j]);
    if (length >= 0 && len != length)
      return makeError(call.label + ": scan input #" + std::to_string(j) +
                       " has " + std::to_string(len) +
                       " slices along its axis; expected " +
                       std::to_string(length) + " like the others");
    length = len;
  }
  std::vector<Tensor> states(inputs.begin(), inputs.begin() + n);
  std::vector<std::vector<Tensor>> scans(k);
  for (int64_t t = 0; t < length; ++t) {
    std::vector<Tensor> args = states;
    for (size_t j = 0; j < m; ++j)
      args.push_back(
          sliceAt(inputs[n + j], inAxes[j], inDirs[j] ? length - 1 - t : t));
    auto yields = call.region(0, std::move(args));
    if (!yields)
      return yields.takeError();
    for (size_t i = 0; i < n; ++i)
      states[i] = (*yields)[i];
    for (size_t i = 0; i < k; ++i)
      if (llvm::Error e = collect(call, scans[i], (*yields)[n + i], i))
        return std::move(e);
  }
  std::vector<Tensor> results = states;
  for (size_t i = 0; i < k; ++i) {
    if (outDirs[i])
      std::reverse(scans[i].begin(), scans[i].end());
    int64_t rank = scans[i].empty() ? 1 : scans[i][0].rank() + 1;
    int64_t axis = outAxes[i];
    if (axis < -rank || axis >= rank)
      return makeError(call.label + ": scan output #" + std::to_string(i) +
                       " of rank " + std::to_string(rank) + " has no axis " +
                       std::to_string(axis));
    if (axis < 0)
      axis += rank;
    results.push_back(
        stack(scans[i], axis, emptyScanOutput(call, n + i, axis)));
  }
  return results;
}

llvm::Expected<std::vector<Tensor>> runScan(const Call &call,
                                            const std::vector<Tensor> &inputs) {
  if (!call.desc.batched)
    return scanOnce(call, inputs);
  // Opset 8: every operand has the batch in dim 0.
  int64_t batch = -1;
  for (const Tensor &t : inputs) {
    if (t.rank() < 1 || (batch >= 0 && t.dim(0) != batch))
      return makeError(call.label +
                       ": expected every input to have the same "
                       "batch size in dim 0, found " +
                       shapeOf(t));
    batch = t.dim(0);
  }
  size_t numResults = call.desc.results.size();
  std::vector<std::vector<Tensor>> perItem(numResults);
  for (int64_t b = 0; b < batch; ++b) {
    std::vector<Tensor> items;
    for (const Tensor &t : inputs)
      items.push_back(sliceAt(t, 0, b));
    auto results = scanOnce(call, items);
    if (!results)
      return results.takeError();
    for (size_t r = 0; r < results->size(); ++r)
      perItem[r].push_back((*results)[r]);
  }
  std::vector<Tensor> results;
  for (size_t r = 0; r < numResults; ++r)
    results.push_back(stack(perItem[r], 0, emptyScanOutput(call, r, 0)));
  return results;
}

} // namespace

bool isControlFlow(Operation *op) { return isa<IfOp, LoopOp, ScanOp>(op); }

ControlFlowDesc describeControlFlow(Operation *op) {
  ControlFlowDesc desc;
  desc.kind = isa<IfOp>(op)     ? ControlFlowDesc::Kind::If
              : isa<LoopOp>(op) ? ControlFlowDesc::Kind::Loop
                                : ControlFlowDesc::Kind::Scan;
  desc.numOperands = op->getNumOperands();
  if (auto scan = dyn_cast<ScanOp>(op)) {
    desc.numScanInputs = scan.getNumScanInputs();
    desc.batched = scan.getBatched();
    auto ints = [&](llvm::StringRef name, std::vector<int64_t> &out) {
      if (auto given = shape::intsAttr(scan, name))
        out.assign(given->begin(), given->end());
    };
    ints("scan_input_axes", desc.scanInputAxes);
    ints("scan_input_directions", desc.scanInputDirections);
    ints("scan_output_axes", desc.scanOutputAxes);
    ints("scan_output_directions", desc.scanOutputDirections);
  }
  for (Value r : op->getResults())
    desc.results.push_back(specFromType(r.getType(), ""));
  for (Region &region : op->getRegions()) {
    Block &block = region.front();
    std::vector<TensorSpec> args;
    for (BlockArgument arg : block.getArguments())
      args.push_back(specFromType(
          arg.getType(), "argument #" + std::to_string(arg.getArgNumber())));
    desc.regionArgs.push_back(std::move(args));
    desc.regionYields.push_back(block.getTerminator()->getNumOperands());
  }
  return desc;
}

llvm::Expected<std::vector<Tensor>>
runControlFlow(const ControlFlowDesc &desc, const std::string &label,
               const std::vector<Tensor> &operands, RegionRunFn runRegion) {
  Call call{desc, label, runRegion};
  // The counts the loops index by (the op's verifier guarantees them; a
  // description read from a file is checked here).
  using Kind = ControlFlowDesc::Kind;
  size_t regions = desc.kind == Kind::If ? 2 : 1;
  size_t results = desc.results.size(), n = operands.size();
  bool ok = n == desc.numOperands && desc.regionArgs.size() == regions &&
            desc.regionYields.size() == regions;
  if (ok && desc.kind == Kind::If)
    ok = n == 1 && desc.regionArgs[0].empty() && desc.regionArgs[1].empty() &&
         desc.regionYields[0] == results && desc.regionYields[1] == results;
  if (ok && desc.kind == Kind::Loop)
    ok = n >= 2 && results >= n - 2 && desc.regionArgs[0].size() == n &&
         desc.regionYields[0] == 1 + results;
  if (ok && desc.kind == Kind::Scan)
    ok = desc.numScanInputs >= 0 &&
         static_cast<size_t>(desc.numScanInputs) <= n &&
         results >= n - desc.numScanInputs && desc.regionArgs[0].size() == n &&
         desc.regionYields[0] == results;
  if (!ok)
    return makeError(label + ": malformed control-flow step");
  switch (desc.kind) {
  case ControlFlowDesc::Kind::If:
    return runIf(call, operands);
  case ControlFlowDesc::Kind::Loop:
    return runLoop(call, operands);
  case ControlFlowDesc::Kind::Scan:
    return runScan(call, operands);
  }
  return makeError(label + ": not a control-flow op");
}

} // namespace kiln
