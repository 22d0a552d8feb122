//===- Target.h - The CPU Kiln generates code for ---------------*- C++ -*-===//
//
// The target of code generation: the host CPU with the features it reports,
// or a CPU and feature changes the user named (`--cpu`, `--cpu-features`).
// The kernels' vector width and register tiles follow the target, and the
// target is part of every cache key. Code for a target the running CPU
// cannot execute is refused before it runs: by the JIT here
// (checkTargetRunsHere) and by an AOT library when it is loaded (its driver
// tests the CPUID bits of cpuidFeatures()).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_TARGET_H
#define KILN_CPU_TARGET_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiln::cpu {

/// The CPU code is generated for.
struct HostTarget {
  std::string triple;
  /// An LLVM CPU name: the host's (znver5...) unless the user chose one.
  std::string cpu;
  /// Every feature LLVM knows, "+avx2,+fma,-avx512f,...", sorted: the
  /// target-features of the generated functions.
  std::string features;
  /// The user's --cpu-features changes, as given ("" for none).
  std::string requestedFeatures;
  /// True when neither the CPU nor its features were chosen by the user.
  bool isHost = true;
  /// Widest vector register in bits (256 with AVX2, 512 with AVX-512).
  unsigned vectorBits = 128;
  /// The per-core L2 bytes the kernels' blocking plans for: this machine's
  /// (sysfs), 1 MiB when it reports none.
  uint64_t l2Bytes = 1 << 20;
  /// The per-core L1 data cache bytes, likewise: 32 KiB when the machine
  /// reports none.
  uint64_t l1dBytes = 32 << 10;

  /// f32 lanes of the kernels' vectors (8 with AVX2, 16 with AVX-512).
  int64_t lanes() const { return vectorBits >= 512 ? 16 : 8; }
  /// Whether the feature list enables \p feature (an LLVM name: "avx2").
  bool hasFeature(llvm::StringRef feature) const;
  /// "znver4", or "znver4 with -avx512f" when features were changed.
  std::string describe() const;
  /// Everything here that generated code depends on (triple, CPU, features,
  /// the cache sizes the kernels plan for), as every cache key holds it: a
  /// field added above goes here too.
  std::string key() const;
};

/// The CPU code is generated for: the host, detected once, unless setTarget
/// chose another.
const HostTarget &hostTarget();

/// Generates code for \p cpu (an LLVM CPU name: haswell, znver3,
/// x86-64-v3...; empty for the host's) with its full feature set, changed by
/// \p features ("+NAME,-NAME,...": LLVM feature names; turning one off turns
/// off those that need it, -avx512f also drops avx512bw). Must come before
/// the first hostTarget(); fails on a name LLVM does not know for the host's
/// architecture.
llvm::Error setTarget(llvm::StringRef cpu, llvm::StringRef features = "");

/// The target's features that the CPU running this process lacks (LLVM
/// names, sorted); empty when the generated code can run here.
std::vector<std::string> missingHostFeatures();

/// An error naming the missing features when code for the target cannot run
/// on this CPU (the JIT checks this before compiling).
llvm::Error checkTargetRunsHere();

/// Where CPUID reports an x86 feature, for the check an AOT library runs
/// when it is loaded.
struct CpuidFeature {
  const char *name; ///< LLVM's name
  uint32_t leaf, subleaf;
  uint8_t reg; ///< 0 EAX, 1 EBX, 2 ECX, 3 EDX
  uint8_t bit;
  /// XCR0 bits the OS must enable for the registers the feature uses (AVX:
  /// 0x6, AVX-512: 0xe6); 0 when none.
  uint32_t xcr0;
};

/// The features code without intrinsics may use, which the JIT and AOT
/// checks test, in CPUID order.
llvm::ArrayRef<CpuidFeature> cpuidFeatures();

/// The target's features an AOT library checks at load: those enabled in
/// the target that cpuidFeatures() lists.
std::vector<CpuidFeature> requiredCpuidFeatures();

/// The help text of the tools' --cpu and --cpu-features options.
extern const char *const kCpuOptionHelp;
extern const char *const kCpuFeaturesOptionHelp;

} // namespace kiln::cpu

#endif // KILN_CPU_TARGET_H
