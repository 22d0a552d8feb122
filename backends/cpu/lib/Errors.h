//===- Errors.h - The CPU backend's error values ----------------*- C++ -*-===//
//
// One helper the backend's sources share (they are compiled in batches, so a
// file-local copy in each would clash).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LIB_ERRORS_H
#define KILN_CPU_LIB_ERRORS_H

#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

namespace kiln::cpu {

/// An llvm::Error that carries \p msg (Kiln's errors are messages, with no
/// error code of their own).
inline llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

} // namespace kiln::cpu

#endif // KILN_CPU_LIB_ERRORS_H
