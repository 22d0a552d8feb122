//===- AotCpuCheck.cpp - An AOT library refuses a CPU it cannot run on ----===//
//
// A library's kernels use the instruction set of the CPU they were compiled
// for. Run elsewhere they would die of an illegal instruction somewhere in
// the middle of a run; instead the driver tests, once when it is loaded, the
// CPUID bit of every feature its target enables (and that the OS saves the
// registers those features use), and init and run return KILN_ERR_CPU.
//
//===----------------------------------------------------------------------===//
#include "AotSource.h"

#include "kiln/cpu/Target.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

namespace kiln::cpu {

/// The constructor that fills kiln_cpu_missing, in C (after the table).
static const char *kCheckBody = R"(
static void kiln_cpu_lacks(const char *name) {
  size_t used = strlen(kiln_cpu_missing), n = strlen(name);
  if (used + n + 3 >= sizeof kiln_cpu_missing)
    return;
  if (used)
    memcpy(kiln_cpu_missing + used, ", ", 2), used += 2;
  memcpy(kiln_cpu_missing + used, name, n + 1);
}

__attribute__((constructor)) static void kiln_check_cpu(void) {
  unsigned r[4], xcr0 = 0, lo, hi, i;
  if (__get_cpuid(1, &r[0], &r[1], &r[2], &r[3]) && (r[2] >> 27 & 1u)) {
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0u));
    (void)hi;
    xcr0 = lo;
  }
  for (i = 0; i < sizeof kiln_cpu_needs / sizeof kiln_cpu_needs[0]; ++i) {
    const kiln_cpu_feature *f = &kiln_cpu_needs[i];
    if (!__get_cpuid_count(f->leaf, f->subleaf, &r[0], &r[1], &r[2], &r[3]) ||
        !(r[f->reg] >> f->bit & 1u) || (xcr0 & f->xcr0) != f->xcr0)
      kiln_cpu_lacks(f->name);
  }
  if (kiln_cpu_missing[0])
    snprintf(kiln_cpu_message, sizeof kiln_cpu_message,
             "the kernels were compiled for %s and this CPU lacks %s",
             KILN_TARGET_CPU, kiln_cpu_missing);
}
#endif
)";

void writeCpuCheck(llvm::raw_ostream &os, const std::string &prefix) {
  const HostTarget &target = hostTarget();
  std::vector<CpuidFeature> needs = requiredCpuidFeatures();
  os << "\n/* The CPU features the kernels need (compiled for "
     << target.describe()
     << "),\n   checked once when the library is "
        "loaded. */\n"
     << "#define KILN_TARGET_CPU \"" << target.cpu << "\"\n"
     << "static char kiln_cpu_missing[1024];\n"
     << "static char kiln_cpu_message[1200];\n";
  if (!needs.empty()) {
    os << "#if defined(__x86_64__) || defined(__i386__)\n"
       << "#include <cpuid.h>\n\n"
       << "typedef struct kiln_cpu_feature {\n"
       << "  const char *name;\n"
       << "  unsigned leaf, subleaf, reg, bit; /* reg: 0 EAX .. 3 EDX */\n"
       << "  unsigned xcr0; /* state the OS must save */\n"
       << "} kiln_cpu_feature;\n\n"
       << "static const kiln_cpu_feature kiln_cpu_needs[] = {\n";
    for (const CpuidFeature &f : needs)
      os << llvm::formatv(
          "    {{\"{0}\", 0x{1:x-}u, {2}u, {3}u, {4}u, 0x{5:x-}u},\n", f.name,
          f.leaf, f.subleaf, unsigned(f.reg), unsigned(f.bit), f.xcr0);
    os << "};\n" << kCheckBody;
  }
  os << "\nconst char *" << prefix << "_cpu_missing(void) {\n"
     << "  return kiln_cpu_missing[0] ? kiln_cpu_missing : NULL;\n}\n";
}

} // namespace kiln::cpu
