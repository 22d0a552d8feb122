//===- ControlFlow.cpp - Running If, Loop and Scan ------------------------===//
//
// evalControlFlow (kiln/runtime/ControlFlow.h) in plain loops: the operands
// are read, each region is run through the caller's function, and scan
// values are sliced and stacked here. Then the description's bytes.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/ControlFlow.h"
#include "kiln/runtime/KernelUtils.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace kiln {
namespace {

/// A control-flow op being run: its description, its label for errors and
/// the caller's way to run its regions.
struct Call {
  const ControlFlowDesc &desc;
  const std::string &label;
  const RegionRunner &runRegion;

  /// An error prefixed by the label.
  Status fail(const std::string &message) const {
    return Status::error(label + ": " + message);
  }
  /// Runs region \p index with \p args, checked against the types of its
  /// block arguments first.
  Status region(unsigned index, std::vector<Tensor> args,
                std::vector<Tensor> &yields) const;
};

/// False for the default tensor that stands for an absent operand (a
/// present scalar has its element's bytes).
bool present(const Tensor &t) {
  return !t.isDense() || t.rank() > 0 || t.raw();
}

std::string shapeOf(const Tensor &t) { return describeValue(t); }

/// The single element of \p t as an integer, or an error naming \p what.
Status scalarOf(const Call &call, const Tensor &t, const std::string &what,
                int64_t &out) {
  if (t.numElements() != 1)
    return call.fail("expected " + what + " to hold one element, found " +
                     shapeOf(t));
  out = t.getAsInt64(0);
  return Status::ok();
}

/// \p parts (one shape, one dtype) stacked along a new \p axis; \p empty is
/// the result when there are no parts.
Tensor stack(const std::vector<Tensor> &parts, int64_t axis, Tensor empty) {
  if (parts.empty())
    return empty;
  std::vector<Tensor> slices;
  for (const Tensor &p : parts) {
    Shape dims = p.shape();
    dims.insert(dims.begin() + axis, 1);
    slices.push_back(p.reshaped(std::move(dims)));
  }
  return concatAxis(slices, axis);
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
Status collect(const Call &call, std::vector<Tensor> &parts,
               const Tensor &value, size_t k) {
  if (!value.isDense())
    return call.fail("scan output #" + std::to_string(k) + " is a " +
                     shapeOf(value) + "; expected a tensor");
  if (!parts.empty() &&
      (parts[0].shape() != value.shape() || parts[0].dtype() != value.dtype()))
    return call.fail("scan output #" + std::to_string(k) + " is " +
                     shapeOf(value) + " in one iteration and " +
                     shapeOf(parts[0]) + " in an earlier one; expected one " +
                     "shape");
  parts.push_back(value);
  return Status::ok();
}

Status Call::region(unsigned index, std::vector<Tensor> args,
                    std::vector<Tensor> &yields) const {
  const std::vector<TensorSpec> &specs = desc.regionArgs[index];
  if (args.size() != specs.size())
    return fail("body expects " + std::to_string(specs.size()) +
                " arguments, found " + std::to_string(args.size()));
  for (size_t i = 0; i < args.size(); ++i) {
    const Tensor &t = args[i];
    const TensorSpec &spec = specs[i];
    if (!spec.accepts(t))
      return fail("body " + spec.name + " is declared " + spec.format() +
                  " but receives " + shapeOf(t));
  }
  yields.clear();
  KILN_RETURN_IF_ERROR(runRegion(index, std::move(args), yields));
  if (yields.size() != desc.regionYields[index])
    return fail("body yielded " + std::to_string(yields.size()) +
                " values, expected " +
                std::to_string(desc.regionYields[index]));
  return Status::ok();
}

Status runIf(const Call &call, const std::vector<Tensor> &operands,
             std::vector<Tensor> &results) {
  int64_t cond;
  KILN_RETURN_IF_ERROR(scalarOf(call, operands[0], "the condition", cond));
  return call.region(cond ? 0 : 1, {}, results);
}

Status runLoop(const Call &call, const std::vector<Tensor> &operands,
               std::vector<Tensor> &results) {
  int64_t tripCount = std::numeric_limits<int64_t>::max();
  bool cond = true;
  if (present(operands[0]))
    KILN_RETURN_IF_ERROR(
        scalarOf(call, operands[0], "max_trip_count", tripCount));
  if (present(operands[1])) {
    int64_t c;
    KILN_RETURN_IF_ERROR(scalarOf(call, operands[1], "the condition", c));
    cond = c != 0;
  }
  std::vector<Tensor> carried(operands.begin() + 2, operands.end());
  size_t numScans = call.desc.results.size() - carried.size();
  std::vector<std::vector<Tensor>> scans(numScans);
  std::vector<Tensor> yields;
  for (int64_t i = 0; i < tripCount && cond; ++i) {
    Tensor condIn(DType::Bool, {});
    condIn.setFromDouble(0, 1.0);
    std::vector<Tensor> args{Tensor::scalar<int64_t>(i), condIn};
    args.insert(args.end(), carried.begin(), carried.end());
    KILN_RETURN_IF_ERROR(call.region(0, std::move(args), yields));
    int64_t next;
    KILN_RETURN_IF_ERROR(
        scalarOf(call, yields[0], "the body's condition", next));
    cond = next != 0;
    for (size_t k = 0; k < carried.size(); ++k)
      carried[k] = yields[1 + k];
    for (size_t k = 0; k < numScans; ++k)
      KILN_RETURN_IF_ERROR(
          collect(call, scans[k], yields[1 + carried.size() + k], k));
  }
  results = carried;
  for (size_t k = 0; k < numScans; ++k)
    results.push_back(
        stack(scans[k], 0, emptyScanOutput(call, carried.size() + k, 0)));
  return Status::ok();
}

/// One Scan (opset 9 semantics) over \p inputs (states, then scan inputs):
/// the final states and the scan outputs.
Status scanOnce(const Call &call, const std::vector<Tensor> &inputs,
                std::vector<Tensor> &results) {
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
    return call.fail("expected one scan axis and direction per scan input "
                     "and output");
  int64_t length = -1;
  for (size_t j = 0; j < m; ++j) {
    const Tensor &x = inputs[n + j];
    int64_t rank = x.rank();
    if (inAxes[j] < -rank || inAxes[j] >= rank)
      return call.fail("scan input #" + std::to_string(j) + " of shape " +
                       shapeOf(x) + " has no axis " +
                       std::to_string(inAxes[j]));
    if (inAxes[j] < 0)
      inAxes[j] += rank;
    int64_t len = x.dim(inAxes[j]);
    if (length >= 0 && len != length)
      return call.fail("scan input #" + std::to_string(j) + " has " +
                       std::to_string(len) +
                       " slices along its axis; expected " +
                       std::to_string(length) + " like the others");
    length = len;
  }
  std::vector<Tensor> states(inputs.begin(), inputs.begin() + n);
  std::vector<std::vector<Tensor>> scans(k);
  std::vector<Tensor> yields;
  for (int64_t t = 0; t < length; ++t) {
    std::vector<Tensor> args = states;
    for (size_t j = 0; j < m; ++j)
      args.push_back(
          sliceAt(inputs[n + j], inAxes[j], inDirs[j] ? length - 1 - t : t));
    KILN_RETURN_IF_ERROR(call.region(0, std::move(args), yields));
    for (size_t i = 0; i < n; ++i)
      states[i] = yields[i];
    for (size_t i = 0; i < k; ++i)
      KILN_RETURN_IF_ERROR(collect(call, scans[i], yields[n + i], i));
  }
  results = states;
  for (size_t i = 0; i < k; ++i) {
    if (outDirs[i])
      std::reverse(scans[i].begin(), scans[i].end());
    int64_t rank = scans[i].empty() ? 1 : scans[i][0].rank() + 1;
    int64_t axis = outAxes[i];
    if (axis < -rank || axis >= rank)
      return call.fail("scan output #" + std::to_string(i) + " of rank " +
                       std::to_string(rank) + " has no axis " +
                       std::to_string(axis));
    if (axis < 0)
      axis += rank;
    results.push_back(
        stack(scans[i], axis, emptyScanOutput(call, n + i, axis)));
  }
  return Status::ok();
}

Status runScan(const Call &call, const std::vector<Tensor> &inputs,
               std::vector<Tensor> &results) {
  if (!call.desc.batched)
    return scanOnce(call, inputs, results);
  // Opset 8: every operand has the batch in dim 0.
  int64_t batch = -1;
  for (const Tensor &t : inputs) {
    if (t.rank() < 1 || (batch >= 0 && t.dim(0) != batch))
      return call.fail("expected every input to have the same batch size in "
                       "dim 0, found " +
                       shapeOf(t));
    batch = t.dim(0);
  }
  size_t numResults = call.desc.results.size();
  std::vector<std::vector<Tensor>> perItem(numResults);
  std::vector<Tensor> itemResults;
  for (int64_t b = 0; b < batch; ++b) {
    std::vector<Tensor> items;
    for (const Tensor &t : inputs)
      items.push_back(sliceAt(t, 0, b));
    KILN_RETURN_IF_ERROR(scanOnce(call, items, itemResults));
    for (size_t r = 0; r < itemResults.size(); ++r)
      perItem[r].push_back(itemResults[r]);
  }
  results.clear();
  for (size_t r = 0; r < numResults; ++r)
    results.push_back(stack(perItem[r], 0, emptyScanOutput(call, r, 0)));
  return Status::ok();
}

//===----------------------------------------------------------------------===//
// Bytes
//===----------------------------------------------------------------------===//

class Writer {
public:
  std::string bytes;
  void u8(uint8_t v) { bytes.push_back(static_cast<char>(v)); }
  void i64(int64_t v) { bytes.append(reinterpret_cast<const char *>(&v), 8); }
  void i64s(const std::vector<int64_t> &v) {
    i64(static_cast<int64_t>(v.size()));
    for (int64_t x : v)
      i64(x);
  }
  void spec(const TensorSpec &s) {
    i64(static_cast<int64_t>(s.name.size()));
    bytes += s.name;
    u8(static_cast<uint8_t>(s.kind));
    u8(static_cast<uint8_t>(s.optionalOf));
    u8(static_cast<uint8_t>(s.dtype));
    u8(s.ranked);
    i64s(s.shape);
  }
  void specs(const std::vector<TensorSpec> &v) {
    i64(static_cast<int64_t>(v.size()));
    for (const TensorSpec &s : v)
      spec(s);
  }
};

class Reader {
public:
  Reader(const char *p, size_t n) : p(p), n(n) {}
  bool failed = false;
  uint8_t u8() {
    if (n < 1)
      return failed = true, 0;
    uint8_t v = static_cast<uint8_t>(*p);
    ++p, --n;
    return v;
  }
  int64_t i64() {
    int64_t v = 0;
    if (n < 8)
      return failed = true, 0;
    std::memcpy(&v, p, 8);
    p += 8, n -= 8;
    return v;
  }
  /// A count of items of at least \p minBytes each that fit what is left.
  size_t count(size_t minBytes) {
    int64_t c = i64();
    if (c < 0 || static_cast<uint64_t>(c) > n / minBytes)
      return failed = true, 0;
    return static_cast<size_t>(c);
  }
  std::vector<int64_t> i64s() {
    std::vector<int64_t> v(count(8));
    for (int64_t &x : v)
      x = i64();
    return v;
  }
  TensorSpec spec() {
    TensorSpec s;
    size_t len = count(1);
    if (!failed) {
      s.name.assign(p, len);
      p += len, n -= len;
    }
    uint8_t kind = u8(), optionalOf = u8(), dtype = u8();
    s.ranked = u8() != 0;
    s.shape = i64s();
    constexpr uint8_t lastKind = static_cast<uint8_t>(ValueKind::Optional);
    if (dtype >= kNumDTypes || kind > lastKind || optionalOf > lastKind)
      failed = true;
    else {
      s.kind = static_cast<ValueKind>(kind);
      s.optionalOf = static_cast<ValueKind>(optionalOf);
      s.dtype = static_cast<DType>(dtype);
    }
    return s;
  }
  std::vector<TensorSpec> specs() {
    std::vector<TensorSpec> v(count(8 + 4 + 8));
    for (TensorSpec &s : v)
      s = spec();
    return v;
  }
  bool atEnd() const { return n == 0; }

private:
  const char *p;
  size_t n;
};

} // namespace

Status evalControlFlow(const ControlFlowDesc &desc, const std::string &label,
                       const std::vector<Tensor> &operands,
                       const RegionRunner &runRegion,
                       std::vector<Tensor> &results) {
  Call call{desc, label, runRegion};
  // The counts the loops index by (the op's verifier guarantees them; a
  // description read from bytes is checked here).
  using Kind = ControlFlowDesc::Kind;
  size_t regions = desc.kind == Kind::If ? 2 : 1;
  size_t numResults = desc.results.size(), n = operands.size();
  bool ok = n == desc.numOperands && desc.regionArgs.size() == regions &&
            desc.regionYields.size() == regions;
  if (ok && desc.kind == Kind::If)
    ok = n == 1 && desc.regionArgs[0].empty() && desc.regionArgs[1].empty() &&
         desc.regionYields[0] == numResults &&
         desc.regionYields[1] == numResults;
  if (ok && desc.kind == Kind::Loop)
    ok = n >= 2 && numResults >= n - 2 && desc.regionArgs[0].size() == n &&
         desc.regionYields[0] == 1 + numResults;
  if (ok && desc.kind == Kind::Scan)
    ok = desc.numScanInputs >= 0 &&
         static_cast<size_t>(desc.numScanInputs) <= n &&
         numResults >= n - desc.numScanInputs &&
         desc.regionArgs[0].size() == n && desc.regionYields[0] == numResults;
  if (!ok)
    return call.fail("malformed control-flow step");
  switch (desc.kind) {
  case Kind::If:
    return runIf(call, operands, results);
  case Kind::Loop:
    return runLoop(call, operands, results);
  case Kind::Scan:
    return runScan(call, operands, results);
  }
  return call.fail("not a control-flow op");
}

std::string serializeControlFlow(const ControlFlowDesc &d) {
  Writer w;
  w.u8(static_cast<uint8_t>(d.kind));
  w.i64(static_cast<int64_t>(d.numOperands));
  w.i64(d.numScanInputs);
  w.u8(d.batched);
  for (const std::vector<int64_t> *v :
       {&d.scanInputAxes, &d.scanInputDirections, &d.scanOutputAxes,
        &d.scanOutputDirections})
    w.i64s(*v);
  w.specs(d.results);
  w.i64(static_cast<int64_t>(d.regionArgs.size()));
  for (const std::vector<TensorSpec> &args : d.regionArgs)
    w.specs(args);
  w.i64(static_cast<int64_t>(d.regionYields.size()));
  for (size_t y : d.regionYields)
    w.i64(static_cast<int64_t>(y));
  return w.bytes;
}

Status parseControlFlow(const void *data, size_t size, ControlFlowDesc &d) {
  Reader r(static_cast<const char *>(data), size);
  uint8_t kind = r.u8();
  d.kind = static_cast<ControlFlowDesc::Kind>(kind);
  int64_t numOperands = r.i64();
  d.numOperands = static_cast<size_t>(numOperands);
  d.numScanInputs = r.i64();
  d.batched = r.u8() != 0;
  for (std::vector<int64_t> *v : {&d.scanInputAxes, &d.scanInputDirections,
                                  &d.scanOutputAxes, &d.scanOutputDirections})
    *v = r.i64s();
  d.results = r.specs();
  d.regionArgs.resize(r.count(8));
  for (std::vector<TensorSpec> &args : d.regionArgs)
    args = r.specs();
  d.regionYields.resize(r.count(8));
  for (size_t &y : d.regionYields) {
    int64_t v = r.i64();
    y = v < 0 ? 0 : static_cast<size_t>(v);
  }
  if (r.failed || !r.atEnd() || kind > 2 || numOperands < 0)
    return Status::error("corrupt control-flow description");
  return Status::ok();
}

} // namespace kiln
