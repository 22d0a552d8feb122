//===- TestMain.cpp - kiln-unit-tests' main -------------------------------===//
//
// GoogleTest's main, plus --cpu=NAME and --cpu-features=LIST: the target of
// the compiled kernels, as `kiln run` takes them. ctest runs the tests once
// for the host and once for x86-64-v3, so that an AVX-512 host also tests
// the AVX2 kernels (8 lanes, 16 registers).
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Target.h"

#include "llvm/ADT/StringRef.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

int main(int argc, char **argv) {
  testing::InitGoogleTest(&argc, argv);
  std::string cpu, features;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if (arg.consume_front("--cpu="))
      cpu = arg.str();
    else if (arg.consume_front("--cpu-features="))
      features = arg.str();
    else {
      std::fprintf(stderr,
                   "unknown argument '%s' (expected --cpu=NAME, "
                   "--cpu-features=LIST or GoogleTest's flags)\n",
                   argv[i]);
      return 2;
    }
  }
  if (!cpu.empty() || !features.empty()) {
    if (llvm::Error e = kiln::cpu::setTarget(cpu, features)) {
      std::fprintf(stderr, "%s\n", llvm::toString(std::move(e)).c_str());
      return 2;
    }
    std::printf("kernels compiled for %s\n",
                kiln::cpu::hostTarget().describe().c_str());
  }
  return RUN_ALL_TESTS();
}
