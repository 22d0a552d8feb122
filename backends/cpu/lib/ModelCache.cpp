//===- ModelCache.cpp - Whole prepared models on disk ---------------------===//
//
// The meta bytes, in order (integers little-endian; a string is u64 length
// and bytes; a list is u64 count and items):
//   data files: (path, u64 size, hash)
//   annotations: strings
//   blobs: (u64 offset in the data, u64 size, one u64 xxh3 per 4 MiB piece)
//   slots: (u8 dtype, u8 static, u8 constant, shape, i64 blob or -1,
//           u8 constant dtype, constant shape)
//   input slots, output slots: i32 lists
//   input specs, output specs: (name, u8 dtype, u8 ranked, shape)
//   steps: (u8 kind, symbol, i32 args, i64 work items, i64 grain,
//           i64 macs, f64 flops, u64 bytes, node names: strings,
//           reference name, attributes (AttrBlob.h), i32 inputs,
//           i32 outputs, u8 shaping, i64 concat axis, i64 view offset,
//           i64 in-place arg, label, reason,
//           index checks: (i64 slot, u8 kind, i64 sizes, i64 first
//           dimension, u8 has ignore, i64 ignore), and for a regions step: its
//           op (a string: serializeControlFlow, kiln/runtime/ControlFlow.h)
//           and its regions (i32 args, i32 yields, i32 defined, steps as
//           here))
//   u64 distinct kernels
//   objects: u64 blob
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/ModelCache.h"
#include "kiln/cpu/Cache.h"
#include "kiln/cpu/CacheFolder.h"
#include "kiln/cpu/Target.h"

#include "kiln/runtime/AttrBlob.h"
#include "kiln/runtime/HugePages.h"
#include "kiln/runtime/KernelRegistry.h"

#include "Workers.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <atomic>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiln::cpu {

/// The format's version is the magic's last character: 2 added each step's
/// FLOPs, bytes and nodes, 3 regions steps (control flow), 4 index checks,
/// 5 each value's and slot's kind (tensor, sequence, optional), 6 Split and
/// Slice shapings with the view offset, and the in-place operand, 7 the
/// batch part a step computes; an entry of an older version is rejected and
/// rebuilt.
static constexpr char kModelMagic[8] = {'K', 'I', 'L', 'N', 'M', 'D', 'L', '7'};
/// Regions inside regions deeper than this read as a corrupt entry.
static constexpr unsigned kMaxRegionDepth = 64;
/// Magic, build identity and four u64.
static constexpr size_t kHeaderSize = 8 + kBuildIdSize + 4 * 8;
static constexpr uint64_t kAlign = 64;
static constexpr uint64_t kPiece = 4 << 20;

static std::string hex128(llvm::XXH128_hash_t h) {
  char buf[33];
  snprintf(buf, sizeof(buf), "%016llx%016llx",
           static_cast<unsigned long long>(h.high64),
           static_cast<unsigned long long>(h.low64));
  return buf;
}

static llvm::XXH128_hash_t hash128(llvm::StringRef bytes) {
  return llvm::xxh3_128bits(llvm::ArrayRef(
      reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size()));
}

std::string modelEntryKey(llvm::StringRef modelBytes, llvm::StringRef recipe) {
  std::string text = hex128(hash128(modelBytes));
  text += '\n';
  text += recipe;
  text += '\n';
  text += buildId();
  text += '\n' + hostTarget().key();
  return hex128(hash128(text));
}

std::string modelEntryPath(llvm::StringRef dir, llvm::StringRef key) {
  return (dir + "/" + key + ".kmodel").str();
}

bool describeDataFile(llvm::StringRef modelDir, llvm::StringRef path,
                      ModelDataFile &out) {
  llvm::SmallString<256> full(modelDir);
  llvm::sys::path::append(full, path);
  auto file = llvm::MemoryBuffer::getFile(full, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file)
    return false;
  out.path = path.str();
  out.size = (*file)->getBufferSize();
  out.hash = hex128(hash128((*file)->getBuffer()));
  return true;
}

namespace {
/// Appends the meta bytes.
class MetaWriter {
public:
  std::string bytes;
  void u8(uint8_t v) { bytes.push_back(static_cast<char>(v)); }
  void u64(uint64_t v) { bytes.append(reinterpret_cast<char *>(&v), 8); }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void f64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    u64(bits);
  }
  void str(llvm::StringRef s) {
    u64(s.size());
    bytes.append(s.data(), s.size());
  }
  void i64s(llvm::ArrayRef<int64_t> v) {
    u64(v.size());
    for (int64_t x : v)
      i64(x);
  }
  void i32s(llvm::ArrayRef<int> v) {
    u64(v.size());
    for (int x : v)
      i64(x);
  }
};

/// Reads the meta bytes; any read past the end sets `failed` and yields 0.
class MetaReader {
public:
  explicit MetaReader(llvm::StringRef data) : data(data) {}
  bool failed = false;

  uint64_t u64() {
    uint64_t v = 0;
    if (data.size() < 8)
      return fail();
    std::memcpy(&v, data.data(), 8);
    data = data.drop_front(8);
    return v;
  }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  double f64() {
    uint64_t bits = u64();
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
  }
  uint8_t u8() {
    if (data.empty())
      return fail();
    auto v = static_cast<uint8_t>(data.front());
    data = data.drop_front(1);
    return v;
  }
  std::string str() {
    uint64_t n = u64();
    if (n > data.size())
      return fail(), std::string();
    std::string s = data.take_front(n).str();
    data = data.drop_front(n);
    return s;
  }
  /// A count of items of at least \p minBytes each: larger than what is
  /// left fails (so a corrupt count never allocates).
  uint64_t count(uint64_t minBytes) {
    uint64_t n = u64();
    if (n > data.size() / std::max<uint64_t>(minBytes, 1))
      return fail();
    return n;
  }
  std::vector<int64_t> i64s() {
    std::vector<int64_t> v(count(8));
    for (int64_t &x : v)
      x = i64();
    return v;
  }
  /// Slot indices in [lowest, slots).
  std::vector<int> slotList(size_t slots, int lowest) {
    std::vector<int> v;
    for (int64_t x : i64s()) {
      if (x < lowest || x >= static_cast<int64_t>(slots))
        return fail(), std::vector<int>();
      v.push_back(static_cast<int>(x));
    }
    return v;
  }
  bool atEnd() const { return data.empty(); }
  uint64_t fail() {
    failed = true;
    data = {};
    return 0;
  }

private:
  llvm::StringRef data;
};

/// A run of bytes stored in the data section.
struct Blob {
  const char *bytes;
  uint64_t size, offset = 0;
  std::vector<uint64_t> sums;
};
} // namespace

/// The slots whose constant values some step or output reads (the others
/// are cloned into kernels and need no bytes).
static std::vector<bool> constantsRead(const Plan &plan) {
  std::vector<bool> read(plan.slots.size(), false);
  auto mark = [&](int s) {
    if (s >= 0)
      read[s] = true;
  };
  forEachStep(plan, [&](const PlanStep &step) {
    llvm::for_each(
        step.kind == PlanStep::Kind::Compiled ? step.args : step.inputs, mark);
  });
  llvm::for_each(plan.outputSlots, mark);
  return read;
}

static void writeSpecs(MetaWriter &w, llvm::ArrayRef<TensorSpec> specs) {
  w.u64(specs.size());
  for (const TensorSpec &t : specs) {
    w.str(t.name);
    w.u8(static_cast<uint8_t>(t.kind));
    w.u8(static_cast<uint8_t>(t.optionalOf));
    w.u8(static_cast<uint8_t>(t.dtype));
    w.u8(t.ranked);
    w.i64s(t.shape);
  }
}

static void writeSteps(MetaWriter &w, const std::vector<PlanStep> &steps) {
  w.u64(steps.size());
  for (const PlanStep &step : steps) {
    w.u8(static_cast<uint8_t>(step.kind));
    w.str(step.symbol);
    w.i32s(step.args);
    w.i64(step.workItems);
    w.i64(step.grain);
    w.i64(step.macs);
    w.f64(step.flops);
    w.u64(step.bytes);
    w.u64(step.nodes.size());
    for (const std::string &node : step.nodes)
      w.str(node);
    w.str(step.refName);
    w.str(step.kind == PlanStep::Kind::Reference ? serializeAttrs(step.attrs)
                                                 : std::string());
    w.i32s(step.inputs);
    w.i32s(step.outputs);
    w.u8(static_cast<uint8_t>(step.shaping));
    w.i64(step.concatAxis);
    w.i64(step.viewOffset);
    w.i64(step.inPlaceArg);
    w.i64(step.itemBegin);
    w.str(step.label);
    w.str(step.reason);
    w.u64(step.indexChecks.size());
    for (const IndexCheck &check : step.indexChecks) {
      w.i64(check.slot);
      w.u8(static_cast<uint8_t>(check.range.kind));
      w.i64s(check.range.sizes);
      w.i64(check.range.firstDim);
      w.u8(check.range.hasIgnore);
      w.i64(check.range.ignore);
    }
    if (step.kind != PlanStep::Kind::Regions)
      continue;
    w.str(serializeControlFlow(step.controlFlow));
    w.u64(step.regions.size());
    for (const PlanRegion &region : step.regions) {
      w.i32s(region.args);
      w.i32s(region.yields);
      w.i32s(region.defined);
      writeSteps(w, region.steps);
    }
  }
}

bool writeModelEntry(const std::string &path, const Plan &plan,
                     llvm::ArrayRef<std::string> objects,
                     llvm::ArrayRef<ModelDataFile> dataFiles,
                     llvm::ArrayRef<std::string> annotations,
                     std::string &error) {
  // Lay out the data section.
  std::vector<Blob> blobs;
  std::vector<int64_t> slotBlob(plan.slots.size(), -1);
  std::vector<bool> read = constantsRead(plan);
  for (auto [s, slot] : llvm::enumerate(plan.slots))
    if (slot.isConstant && read[s] && slot.constant.valid()) {
      slotBlob[s] = static_cast<int64_t>(blobs.size());
      blobs.push_back({static_cast<const char *>(slot.constant.raw()),
                       slot.constant.byteSize()});
    }
  size_t firstObject = blobs.size();
  for (const std::string &o : objects)
    blobs.push_back({o.data(), o.size()});
  uint64_t dataSize = 0;
  for (Blob &b : blobs) {
    b.offset = llvm::alignTo(dataSize, kAlign);
    dataSize = b.offset + b.size;
    b.sums.resize((b.size + kPiece - 1) / kPiece);
  }
  forEachIndex(blobs.size(), [&](size_t i) {
    Blob &b = blobs[i];
    forEachIndex(b.sums.size(), [&](size_t p) {
      uint64_t at = p * kPiece;
      b.sums[p] = llvm::xxh3_64bits(llvm::StringRef(
          b.bytes + at, std::min<uint64_t>(kPiece, b.size - at)));
    });
  });

  MetaWriter w;
  w.u64(dataFiles.size());
  for (const ModelDataFile &f : dataFiles) {
    w.str(f.path);
    w.u64(f.size);
    w.str(f.hash);
  }
  w.u64(annotations.size());
  for (const std::string &a : annotations)
    w.str(a);
  w.u64(blobs.size());
  for (const Blob &b : blobs) {
    w.u64(b.offset);
    w.u64(b.size);
    for (uint64_t sum : b.sums)
      w.u64(sum);
  }
  w.u64(plan.slots.size());
  for (auto [s, slot] : llvm::enumerate(plan.slots)) {
    w.u8(static_cast<uint8_t>(slot.dtype));
    w.u8(static_cast<uint8_t>(slot.kind));
    w.u8(slot.isStatic);
    w.u8(slot.isConstant);
    w.i64s(slot.shape);
    w.i64(slotBlob[s]);
    if (slotBlob[s] >= 0) {
      w.u8(static_cast<uint8_t>(slot.constant.dtype()));
      w.i64s(slot.constant.shape());
    }
  }
  w.i32s(plan.inputSlots);
  w.i32s(plan.outputSlots);
  writeSpecs(w, plan.inputs);
  writeSpecs(w, plan.outputs);
  writeSteps(w, plan.steps);
  w.u64(plan.distinctKernels);
  w.u64(objects.size());
  for (size_t i = 0; i < objects.size(); ++i)
    w.u64(firstObject + i);

  uint64_t dataOffset = llvm::alignTo(kHeaderSize + w.bytes.size(), kAlign);
  bool written = writeFileAtomically(
      path,
      [&](llvm::raw_ostream &os) {
        auto putU64 = [&](uint64_t v) {
          os.write(reinterpret_cast<char *>(&v), 8);
        };
        uint64_t at = 0;
        auto padTo = [&](uint64_t offset) {
          os.write_zeros(offset - at);
          at = offset;
        };
        os.write(kModelMagic, 8);
        os << buildId();
        putU64(w.bytes.size());
        putU64(llvm::xxh3_64bits(llvm::StringRef(w.bytes)));
        putU64(dataOffset);
        putU64(dataSize);
        os << w.bytes;
        at = kHeaderSize + w.bytes.size();
        for (const Blob &b : blobs) {
          padTo(dataOffset + b.offset);
          os.write(b.bytes, b.size);
          at += b.size;
        }
        padTo(dataOffset + dataSize);
      },
      &error);
  if (written)
    pruneAfterWrite(path);
  return written;
}

namespace {
/// A whole file in read-only memory of its own.
struct Mapping {
  void *base = nullptr; ///< null for an empty file
  size_t size = 0;
  ~Mapping() { unmapHugePages(base, size); }
};
} // namespace

/// Reads the file at \p path into anonymous memory asked for transparent
/// huge pages, in parallel 4 MiB pieces, then makes it read-only. Not a
/// file mapping: the constants run from it, and with 4 KiB pages of page
/// cache a cached BERT-base ran 142-158 ms against 125-136 ms for the
/// same model freshly compiled into huge-page blobs (TLB misses over 340
/// MB of weights per inference); the copy costs ~0.1 s on a hit.
static std::shared_ptr<Mapping> mapFile(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return nullptr;
  struct stat st;
  auto map = std::make_shared<Mapping>();
  if (fstat(fd, &st) != 0) {
    ::close(fd);
    return nullptr;
  }
  if (st.st_size <= 0) { // rejected as truncated by the reader
    ::close(fd);
    return map;
  }
  size_t size = static_cast<size_t>(st.st_size);
  void *base = mapHugePages(size);
  if (!base) {
    ::close(fd);
    return nullptr;
  }
  map->base = base;
  map->size = size;
  std::atomic<bool> ok = true;
  forEachIndex((size + kPiece - 1) / kPiece, [&](size_t i) {
    size_t at = i * kPiece, left = std::min<size_t>(kPiece, size - at);
    char *to = static_cast<char *>(base) + at;
    while (left && ok) {
      ssize_t n = ::pread(fd, to, left, static_cast<off_t>(at));
      if (n <= 0) {
        ok = false; // the file shrank or cannot be read: a miss
        break;
      }
      to += n;
      at += static_cast<size_t>(n);
      left -= static_cast<size_t>(n);
    }
  });
  ::close(fd);
  if (!ok || mprotect(base, size, PROT_READ) != 0)
    return nullptr;
  return map;
}

/// True when a tensor of \p dtype and \p shape takes exactly \p size bytes.
static bool hasByteSize(DType dtype, llvm::ArrayRef<int64_t> shape,
                        uint64_t size) {
  uint64_t bytes = dtypeSize(dtype);
  for (int64_t d : shape)
    if (d < 0 ||
        __builtin_mul_overflow(bytes, static_cast<uint64_t>(d), &bytes))
      return false;
  return bytes == size;
}

static std::vector<TensorSpec> readSpecs(MetaReader &r) {
  std::vector<TensorSpec> specs(r.count(8 + 4 + 8));
  for (TensorSpec &t : specs) {
    t.name = r.str();
    uint8_t kind = r.u8(), optionalOf = r.u8(), dtype = r.u8();
    constexpr uint8_t lastKind = static_cast<uint8_t>(ValueKind::Optional);
    if (dtype >= kNumDTypes || kind > lastKind || optionalOf > lastKind)
      r.fail();
    t.kind = static_cast<ValueKind>(std::min(kind, lastKind));
    t.optionalOf = static_cast<ValueKind>(std::min(optionalOf, lastKind));
    t.dtype = static_cast<DType>(dtype);
    t.ranked = r.u8();
    t.shape = r.i64s();
  }
  return specs;
}

static std::string readRegions(MetaReader &r, size_t numSlots, PlanStep &step,
                               unsigned depth);

/// Reads a list of steps into \p steps, a regions step's regions at
/// \p depth + 1; returns why the entry is corrupt, or empty.
static std::string readSteps(MetaReader &r, size_t numSlots,
                             std::vector<PlanStep> &steps, unsigned depth) {
  steps.resize(r.count(1 + 8 * 15));
  for (PlanStep &step : steps) {
    uint8_t kind = r.u8();
    step.kind = static_cast<PlanStep::Kind>(kind);
    step.symbol = r.str();
    step.args = r.slotList(numSlots, 0);
    step.workItems = r.i64();
    step.grain = r.i64();
    step.macs = r.i64();
    step.flops = r.f64();
    step.bytes = r.u64();
    step.nodes.resize(r.count(8));
    for (std::string &node : step.nodes)
      node = r.str();
    step.refName = r.str();
    std::string attrs = r.str();
    step.inputs = r.slotList(numSlots, -1);
    step.outputs = r.slotList(numSlots, 0);
    uint8_t shaping = r.u8();
    step.shaping = static_cast<PlanStep::Shaping>(shaping);
    step.concatAxis = r.i64();
    step.viewOffset = r.i64();
    int64_t inPlaceArg = r.i64();
    step.itemBegin = r.i64();
    step.label = r.str();
    step.reason = r.str();
    step.indexChecks.resize(r.count(2 + 8 * 4));
    for (IndexCheck &check : step.indexChecks) {
      int64_t s = r.i64();
      uint8_t checkKind = r.u8();
      check.range.sizes = r.i64s();
      check.range.firstDim = r.i64();
      check.range.hasIgnore = r.u8();
      check.range.ignore = r.i64();
      if (s < 0 || s >= static_cast<int64_t>(numSlots) || checkKind > 1 ||
          check.range.sizes.empty() || check.range.firstDim < 0 ||
          llvm::any_of(check.range.sizes, [](int64_t n) { return n < 1; }))
        return "corrupt (an index check)";
      check.slot = static_cast<int>(s);
      check.range.kind = static_cast<IndexRange::Kind>(checkKind);
    }
    if (r.failed || kind > 2 ||
        shaping > static_cast<uint8_t>(PlanStep::Shaping::Slice) ||
        step.concatAxis < 0 || step.viewOffset < 0 || inPlaceArg < -1 ||
        step.itemBegin < -1 ||
        inPlaceArg >= static_cast<int64_t>(step.args.size()) ||
        !(step.flops >= 0) || !std::isfinite(step.flops))
      return "corrupt (a step)";
    step.inPlaceArg = static_cast<int>(inPlaceArg);
    if (step.kind == PlanStep::Kind::Compiled) {
      if (step.symbol.empty() || step.workItems < 1 || step.grain < 1 ||
          step.args.size() < step.outputs.size())
        return "corrupt (a step)";
      continue;
    }
    if (step.kind == PlanStep::Kind::Regions) {
      if (std::string why = readRegions(r, numSlots, step, depth); !why.empty())
        return why;
      continue;
    }
    step.refKernel = findKernel(step.refName);
    if (!step.refKernel)
      return "corrupt (no reference kernel '" + step.refName + "')";
    if (Status s = parseAttrs(attrs.data(), attrs.size(), step.attrs); !s)
      return "corrupt (" + s.message() + ")";
  }
  return r.failed ? "corrupt (a step)" : "";
}

/// Reads what regions step \p step does and its regions (readSteps).
static std::string readRegions(MetaReader &r, size_t numSlots, PlanStep &step,
                               unsigned depth) {
  ControlFlowDesc &d = step.controlFlow;
  std::string desc = r.str();
  if (r.failed || !parseControlFlow(desc.data(), desc.size(), d))
    return "corrupt (a control-flow step)";
  step.regions.resize(r.count(3 * 8 + 8));
  if (r.failed || depth >= kMaxRegionDepth ||
      d.numOperands > step.inputs.size() ||
      step.regions.size() != d.regionArgs.size() ||
      step.regions.size() != d.regionYields.size())
    return "corrupt (a control-flow step)";
  for (auto [i, region] : llvm::enumerate(step.regions)) {
    region.args = r.slotList(numSlots, 0);
    region.yields = r.slotList(numSlots, 0);
    region.defined = r.slotList(numSlots, 0);
    if (r.failed || region.args.size() != d.regionArgs[i].size() ||
        region.yields.size() != d.regionYields[i])
      return "corrupt (a control-flow step)";
    if (std::string why = readSteps(r, numSlots, region.steps, depth + 1);
        !why.empty())
      return why;
  }
  return "";
}

/// Why \p f in \p modelDir no longer is what the entry recorded, or empty.
static std::string staleDataFile(llvm::StringRef modelDir,
                                 const ModelDataFile &f) {
  ModelDataFile now;
  if (!describeDataFile(modelDir, f.path, now))
    return "data file '" + f.path + "' cannot be read";
  if (now.size != f.size || now.hash != f.hash)
    return "data file '" + f.path + "' changed since the entry was written";
  return {};
}

bool readModelEntry(const std::string &path, llvm::StringRef modelDir,
                    ModelEntry &entry, std::string *rejected) {
  auto reject = [&](const llvm::Twine &why) {
    if (rejected)
      *rejected = why.str();
    return false;
  };
  if (!llvm::sys::fs::exists(path))
    return false;
  std::shared_ptr<Mapping> map = mapFile(path);
  if (!map)
    return reject("cannot be read");
  llvm::StringRef file(static_cast<const char *>(map->base), map->size);
  if (file.size() >= 8 && file.take_front(8) != llvm::StringRef(kModelMagic, 8))
    return reject("not a Kiln model entry of this format");
  if (file.size() < kHeaderSize)
    return reject("truncated");
  if (std::string why = foreignBuild(file.substr(8, kBuildIdSize));
      !why.empty())
    return reject(why);
  uint64_t header[4];
  std::memcpy(header, file.data() + 8 + kBuildIdSize, sizeof(header));
  auto [metaSize, metaSum, dataOffset, dataSize] = header;
  if (metaSize > file.size() - kHeaderSize || dataOffset > file.size() ||
      dataOffset < kHeaderSize + metaSize || dataOffset % kAlign ||
      dataSize != file.size() - dataOffset)
    return reject(file.size() < dataOffset + dataSize ? "truncated"
                                                      : "corrupt (header)");
  llvm::StringRef metaBytes = file.substr(kHeaderSize, metaSize);
  if (llvm::xxh3_64bits(metaBytes) != metaSum)
    return reject("corrupt (its description does not match its checksum)");
  llvm::StringRef data = file.substr(dataOffset, dataSize);

  MetaReader r(metaBytes);
  ModelEntry out;
  out.dataFiles.resize(r.count(8 + 8 + 8));
  for (ModelDataFile &f : out.dataFiles) {
    f.path = r.str();
    f.size = r.u64();
    f.hash = r.str();
  }
  out.annotations.resize(r.count(8));
  for (std::string &a : out.annotations)
    a = r.str();
  struct BlobRef {
    uint64_t offset, size;
    std::vector<uint64_t> sums;
  };
  std::vector<BlobRef> blobs(r.count(16));
  for (BlobRef &b : blobs) {
    b.offset = r.u64();
    b.size = r.u64();
    if (b.offset > data.size() || b.size > data.size() - b.offset)
      r.fail();
    b.sums.resize(r.failed ? 0 : (b.size + kPiece - 1) / kPiece);
    for (uint64_t &sum : b.sums)
      sum = r.u64();
  }
  Plan &plan = out.plan;
  std::vector<int64_t> slotBlob;
  plan.slots.resize(r.count(4 + 8 + 8));
  for (PlanSlot &slot : plan.slots) {
    uint8_t dtype = r.u8(), kind = r.u8();
    if (kind > static_cast<uint8_t>(ValueKind::Optional))
      r.fail();
    else
      slot.kind = static_cast<ValueKind>(kind);
    slot.isStatic = r.u8();
    slot.isConstant = r.u8();
    std::vector<int64_t> shape = r.i64s();
    int64_t blob = r.i64();
    slotBlob.push_back(blob);
    if (dtype >= kNumDTypes || blob < -1 ||
        blob >= static_cast<int64_t>(blobs.size()) ||
        llvm::any_of(shape, [](int64_t d) { return d < 0; }))
      r.fail();
    slot.dtype = static_cast<DType>(dtype);
    slot.shape = std::move(shape);
    if (blob < 0 || r.failed)
      continue;
    uint8_t cdtype = r.u8();
    std::vector<int64_t> cshape = r.i64s();
    // The constant's bytes must be exactly its blob's.
    if (cdtype >= kNumDTypes ||
        !hasByteSize(static_cast<DType>(cdtype), cshape, blobs[blob].size))
      r.fail();
    if (r.failed)
      continue;
    slot.constant = Tensor::view(
        static_cast<DType>(cdtype), Shape(cshape.begin(), cshape.end()),
        const_cast<char *>(data.data() + blobs[blob].offset), map);
  }
  size_t numSlots = plan.slots.size();
  plan.inputSlots = r.slotList(numSlots, 0);
  plan.outputSlots = r.slotList(numSlots, 0);
  plan.inputs = readSpecs(r);
  plan.outputs = readSpecs(r);
  if (plan.inputs.size() != plan.inputSlots.size() ||
      plan.outputs.size() != plan.outputSlots.size())
    r.fail();
  if (std::string why = readSteps(r, numSlots, plan.steps, 0); !why.empty())
    return reject(why);
  plan.distinctKernels = static_cast<unsigned>(r.u64());
  std::vector<uint64_t> objectBlobs(r.count(8));
  for (uint64_t &b : objectBlobs) {
    b = r.u64();
    if (b >= blobs.size())
      r.fail();
  }
  if (r.failed || !r.atEnd())
    return reject("corrupt (its description)");

  // Every piece of every blob against its checksum, in parallel.
  std::vector<std::pair<size_t, size_t>> pieces;
  for (auto [b, blob] : llvm::enumerate(blobs))
    for (size_t p = 0; p < blob.sums.size(); ++p)
      pieces.emplace_back(b, p);
  std::atomic<bool> bad = false;
  forEachIndex(pieces.size(), [&](size_t i) {
    const BlobRef &b = blobs[pieces[i].first];
    uint64_t at = pieces[i].second * kPiece;
    llvm::StringRef bytes =
        data.substr(b.offset + at, std::min<uint64_t>(kPiece, b.size - at));
    if (llvm::xxh3_64bits(bytes) != b.sums[pieces[i].second])
      bad = true;
  });
  if (bad)
    return reject("corrupt (its data does not match its checksums)");
  for (const ModelDataFile &f : out.dataFiles)
    if (std::string why = staleDataFile(modelDir, f); !why.empty())
      return reject(why);

  for (uint64_t b : objectBlobs)
    out.objects.push_back(data.substr(blobs[b].offset, blobs[b].size));
  out.mapping = map;
  entry = std::move(out);
  markCacheEntryUsed(path);
  return true;
}

} // namespace kiln::cpu
