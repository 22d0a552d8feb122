//===- Core.cpp - Constant kernel -----------------------------------------===//
#include "kiln/runtime/kernels/Core.h"

namespace kiln::ref {

Status evalConstant(KernelContext &ctx) {
  const Tensor *value = ctx.attributes().getTensor("value");
  if (!value)
    return ctx.fail("expected a tensor attribute 'value'");
  ctx.outputs[0] = *value;
  return Status::ok();
}

} // namespace kiln::ref
