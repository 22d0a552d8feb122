//===- Kernel.h - The reference kernel calling convention -------*- C++ -*-===//
//
// Every kiln op has one reference kernel `kiln::ref::eval<OnnxOpType>` with
// the signature `Status (KernelContext &)`. The interpreter and the constant
// folder both call it through the op's ReferenceKernelOpInterface. A kernel
// reads inputs and attributes, checks them (they may come from an untrusted
// model or user), allocates its outputs and fills them. Kernels are plain
// loops: no threading, no tricks; they are the definition of each op.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_KERNEL_H
#define KILN_RUNTIME_KERNEL_H

#include "kiln/runtime/Attributes.h"
#include "kiln/runtime/Tensor.h"

#include <string_view>
#include <vector>

namespace kiln {

/// Inputs, attributes and outputs of one kernel call.
struct KernelContext {
  /// Op name for messages, e.g. "kiln.conv".
  std::string_view opName;
  /// Operands in ODS order; null for an absent optional operand.
  std::vector<const Tensor *> inputs;
  /// Attributes by ONNX name.
  const AttrMap *attrs = nullptr;
  /// Results in ODS order; the kernel assigns each one it produces. Its size
  /// is set by the caller to the number of results.
  std::vector<Tensor> outputs;

  size_t numInputs() const { return inputs.size(); }
  size_t numOutputs() const { return outputs.size(); }
  /// Input \p i, or null when absent or out of range.
  const Tensor *input(size_t i) const {
    return i < inputs.size() ? inputs[i] : nullptr;
  }
  /// Input \p i, or an error naming it when it is absent.
  Status required(size_t i, const Tensor *&out) const;
  const AttrMap &attributes() const { return *attrs; }
  /// An error prefixed by the op name.
  template <typename... Args>
  Status fail(fmt::format_string<Args...> format, Args &&...args) const {
    return Status::error(fmt::format(
        "{}: {}", opName, fmt::format(format, std::forward<Args>(args)...)));
  }
};

/// The signature every reference kernel has.
using KernelFn = Status (*)(KernelContext &);

} // namespace kiln

#endif // KILN_RUNTIME_KERNEL_H
