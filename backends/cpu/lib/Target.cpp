//===- Target.cpp - The CPU Kiln generates code for -----------------------===//
#include "kiln/cpu/Target.h"
#include "Errors.h"
#include "kiln/runtime/MachineLimits.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <algorithm>
#include <cassert>
#include <memory>

namespace kiln::cpu {

const char *const kCpuOptionHelp =
    "Generate code for this CPU instead of the host's: an LLVM CPU name "
    "(znver3, znver4, x86-64-v3, skylake-avx512...). The vector width and "
    "register tiles follow it. The JIT refuses a CPU whose features this "
    "machine lacks; an AOT library refuses to run on a CPU without them";
const char *const kCpuFeaturesOptionHelp =
    "Turn features of the --cpu (or the host's) CPU on or off: +NAME,-NAME "
    "with LLVM feature names (-avx512f gives AVX2 code on an AVX-512 host)";

namespace {
/// What setTarget chose; both empty for the host.
struct Choice {
  std::string cpu, features;
};
} // namespace

static Choice &choice() {
  static Choice c;
  return c;
}

/// The subtarget LLVM builds for \p cpu with \p features applied, or null.
static std::unique_ptr<llvm::MCSubtargetInfo>
subtarget(const std::string &triple, llvm::StringRef cpu,
          llvm::StringRef features) {
  std::string err;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, err);
  if (!target)
    return nullptr;
  return std::unique_ptr<llvm::MCSubtargetInfo>(
      target->createMCSubtargetInfo(triple, cpu, features));
}

/// Every feature LLVM knows for the subtarget, on or off.
static llvm::StringMap<bool> featuresOf(const llvm::MCSubtargetInfo &sti) {
  llvm::StringMap<bool> features;
  for (const llvm::SubtargetFeatureKV &kv : sti.getAllProcessorFeatures())
    features[kv.Key] = sti.checkFeatures(std::string("+") + kv.Key);
  return features;
}

/// The host's features as an LLVM feature string.
static std::string joinFeatures(const llvm::StringMap<bool> &features) {
  std::vector<std::string> names;
  for (auto &f : features)
    names.push_back((f.second ? "+" : "-") + f.first().str());
  std::sort(names.begin(), names.end());
  return llvm::join(names, ",");
}

llvm::Error setTarget(llvm::StringRef cpu, llvm::StringRef features) {
  llvm::InitializeNativeTarget();
  std::string triple = llvm::sys::getProcessTriple();
  std::string name =
      cpu.empty() ? llvm::sys::getHostCPUName().str() : cpu.str();
  // Validated on the generic subtarget: LLVM warns on stderr when asked to
  // build one for a CPU it does not know.
  std::unique_ptr<llvm::MCSubtargetInfo> sti = subtarget(triple, "", "");
  if (!sti)
    return makeError("no LLVM target for " + triple);
  if (!sti->isCPUStringValid(name))
    return makeError("unknown CPU '" + name + "' for " + triple +
                     ": expected an LLVM CPU name such as znver3, x86-64-v3 "
                     "or skylake-avx512");
  llvm::SmallVector<llvm::StringRef> items;
  features.split(items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef item : items) {
    item = item.trim();
    llvm::StringRef feature = item.drop_front();
    bool known = llvm::any_of(
        sti->getAllProcessorFeatures(),
        [&](const llvm::SubtargetFeatureKV &kv) { return feature == kv.Key; });
    if (!item.starts_with("+") && !item.starts_with("-"))
      return makeError("--cpu-features: '" + item +
                       "' must start with + (on) or - (off), as in "
                       "-avx512f,+fma");
    if (!known)
      return makeError("--cpu-features: unknown feature '" + feature +
                       "' for " + triple +
                       ": expected an LLVM feature name such as avx2, fma or "
                       "avx512f");
  }
  choice() = {cpu.str(), features.str()};
  assert(hostTarget().cpu == name && "setTarget after the first hostTarget");
  return llvm::Error::success();
}

const HostTarget &hostTarget() {
  static const HostTarget target = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    HostTarget t;
    t.triple = llvm::sys::getProcessTriple();
    const Choice &c = choice();
    t.isHost = c.cpu.empty() && c.features.empty();
    t.cpu = c.cpu.empty() ? llvm::sys::getHostCPUName().str() : c.cpu;
    t.requestedFeatures = c.features;
    llvm::StringMap<bool> features;
    if (t.isHost) {
      features = llvm::sys::getHostCPUFeatures();
    } else {
      // The host's own features stay the base when only --cpu-features
      // changes them (the OS may have turned some off).
      std::string all =
          c.cpu.empty() ? joinFeatures(llvm::sys::getHostCPUFeatures()) : "";
      if (!c.features.empty())
        all += (all.empty() ? "" : ",") + c.features;
      if (auto sti = subtarget(t.triple, t.cpu, all))
        features = featuresOf(*sti);
    }
    t.features = joinFeatures(features);
    if (features.lookup("avx512f"))
      t.vectorBits = 512;
    else if (features.lookup("avx"))
      t.vectorBits = 256;
    kiln::MachineLimits limits;
    kiln::readCacheSizes(limits);
    if (limits.l2Bytes)
      t.l2Bytes = limits.l2Bytes;
    if (limits.l1dBytes)
      t.l1dBytes = limits.l1dBytes;
    return t;
  }();
  return target;
}

std::string HostTarget::key() const {
  return triple + " " + cpu + " " + features + " L2 " +
         std::to_string(l2Bytes) + " L1d " + std::to_string(l1dBytes);
}

bool HostTarget::hasFeature(llvm::StringRef feature) const {
  llvm::SmallVector<llvm::StringRef> items;
  llvm::StringRef(features).split(items, ',');
  return llvm::is_contained(items, ("+" + feature).str());
}

std::string HostTarget::describe() const {
  return requestedFeatures.empty() ? cpu : cpu + " with " + requestedFeatures;
}

std::vector<std::string> missingHostFeatures() {
  const HostTarget &t = hostTarget();
  std::vector<std::string> missing;
  if (t.isHost)
    return missing;
  // The same features as an AOT library checks, as LLVM detects them here.
  llvm::StringMap<bool> host = llvm::sys::getHostCPUFeatures();
  for (const CpuidFeature &f : requiredCpuidFeatures())
    if (!host.lookup(f.name))
      missing.push_back(f.name);
  std::sort(missing.begin(), missing.end());
  return missing;
}

llvm::Error checkTargetRunsHere() {
  std::vector<std::string> missing = missingHostFeatures();
  if (missing.empty())
    return llvm::Error::success();
  return makeError("cannot run code for " + hostTarget().describe() +
                   " here: this CPU (" + llvm::sys::getHostCPUName() +
                   ") lacks " + llvm::join(missing, ", ") +
                   "; `kiln compile --cpu` builds a library for another "
                   "machine");
}

// The features LLVM may use in code without intrinsics, as Kiln's kernels
// are: vector ISAs, the bit-manipulation ones, conversions and dot
// products. Those only intrinsics reach (AES, SHA, AMX, RDSEED...) are left
// out, so that a virtual machine hiding them does not refuse code that
// cannot contain them. The bits are as the Intel and AMD manuals give them.
// Registers: 0 EAX, 1 EBX, 2 ECX, 3 EDX. Those with a VEX or EVEX encoding
// also need the OS to save the YMM (XCR0 0x6) or ZMM and mask (0xe6) state.
static const CpuidFeature kCpuidFeatures[] = {
    {"sse3", 1, 0, 2, 0, 0},
    {"ssse3", 1, 0, 2, 9, 0},
    {"fma", 1, 0, 2, 12, 0x6},
    {"sse4.1", 1, 0, 2, 19, 0},
    {"sse4.2", 1, 0, 2, 20, 0},
    {"movbe", 1, 0, 2, 22, 0},
    {"popcnt", 1, 0, 2, 23, 0},
    {"avx", 1, 0, 2, 28, 0x6},
    {"f16c", 1, 0, 2, 29, 0x6},
    {"bmi", 7, 0, 1, 3, 0},
    {"avx2", 7, 0, 1, 5, 0x6},
    {"bmi2", 7, 0, 1, 8, 0},
    {"avx512f", 7, 0, 1, 16, 0xe6},
    {"avx512dq", 7, 0, 1, 17, 0xe6},
    {"adx", 7, 0, 1, 19, 0},
    {"avx512ifma", 7, 0, 1, 21, 0xe6},
    {"avx512cd", 7, 0, 1, 28, 0xe6},
    {"avx512bw", 7, 0, 1, 30, 0xe6},
    {"avx512vl", 7, 0, 1, 31, 0xe6},
    {"avx512vbmi", 7, 0, 2, 1, 0xe6},
    {"avx512vbmi2", 7, 0, 2, 6, 0xe6},
    {"gfni", 7, 0, 2, 8, 0},
    {"avx512vnni", 7, 0, 2, 11, 0xe6},
    {"avx512bitalg", 7, 0, 2, 12, 0xe6},
    {"avx512vpopcntdq", 7, 0, 2, 14, 0xe6},
    {"avx512fp16", 7, 0, 3, 23, 0xe6},
    {"avxvnni", 7, 1, 0, 4, 0x6},
    {"avx512bf16", 7, 1, 0, 5, 0xe6},
    {"avxifma", 7, 1, 0, 23, 0x6},
    {"avxvnniint8", 7, 1, 3, 4, 0x6},
    {"avxneconvert", 7, 1, 3, 5, 0x6},
    {"lzcnt", 0x80000001u, 0, 2, 5, 0},
    {"sse4a", 0x80000001u, 0, 2, 6, 0},
    {"xop", 0x80000001u, 0, 2, 11, 0x6},
    {"fma4", 0x80000001u, 0, 2, 16, 0x6},
    {"tbm", 0x80000001u, 0, 2, 21, 0},
};

llvm::ArrayRef<CpuidFeature> cpuidFeatures() { return kCpuidFeatures; }

std::vector<CpuidFeature> requiredCpuidFeatures() {
  const HostTarget &t = hostTarget();
  std::vector<CpuidFeature> required;
  if (!llvm::Triple(t.triple).isX86())
    return required;
  for (const CpuidFeature &f : kCpuidFeatures)
    if (t.hasFeature(f.name))
      required.push_back(f);
  return required;
}

} // namespace kiln::cpu
