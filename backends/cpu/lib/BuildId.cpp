//===- BuildId.cpp - The identity of this Kiln build ----------------------===//
//
// The only file that includes the generated BuildId.h (see
// cmake/BuildId.cmake for what the identity hashes and why), so a changed
// identity recompiles this file alone.
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Cache.h"

#include "kiln/cpu/BuildId.h"

namespace kiln::cpu {

llvm::StringRef buildId() {
  static_assert(sizeof(KILN_BUILD_ID) - 1 == kBuildIdSize,
                "the build identity has a fixed size");
  return KILN_BUILD_ID;
}

} // namespace kiln::cpu
