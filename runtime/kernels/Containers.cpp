//===- Containers.cpp - Sequence and optional kernels ---------------------===//
#include "kiln/runtime/kernels/Containers.h"
#include "kiln/runtime/KernelUtils.h"

namespace kiln::ref {
namespace {

/// Input \p i as a sequence, or an error.
Status sequenceInput(const KernelContext &ctx, size_t i, const Tensor *&out) {
  KILN_RETURN_IF_ERROR(ctx.required(i, out));
  if (out->kind() != ValueKind::Sequence)
    return ctx.fail("expected input #{} to be a sequence, found a {}", i,
                    describeValue(*out));
  return Status::ok();
}

/// Input \p i, if present, as a dense tensor, or an error.
Status denseInput(const KernelContext &ctx, size_t i, const Tensor *&out) {
  out = ctx.input(i);
  if (out && !out->isDense())
    return ctx.fail("expected input #{} to be a tensor, found a {}", i,
                    describeValue(*out));
  return Status::ok();
}

/// The position operand \p t (one integer) checked against [-n, n - 1],
/// or [-n, n] with \p inclusiveEnd, and made non-negative.
Status positionOf(const KernelContext &ctx, const Tensor &t, int64_t n,
                  bool inclusiveEnd, int64_t &out) {
  if (!isInteger(t.dtype()) || t.numElements() != 1)
    return ctx.fail("expected the position to be one integer, found {}",
                    describeValue(t));
  int64_t p = t.getAsInt64(0);
  int64_t last = inclusiveEnd ? n : n - 1;
  if (p < -n || p > last)
    return ctx.fail("position {} is out of range [{}, {}] for a sequence of "
                    "{} tensors",
                    p, -n, last, n);
  out = p < 0 ? p + n : p;
  return Status::ok();
}

/// The ONNX element type code in attribute `dtype` (default FLOAT).
Status dtypeAttr(const KernelContext &ctx, DType &out) {
  int64_t code = ctx.attributes().getInt("dtype", 1);
  std::optional<DType> dtype = dtypeFromOnnx(code);
  if (!dtype)
    return ctx.fail("ONNX element type {} is not one Kiln computes on", code);
  out = *dtype;
  return Status::ok();
}

} // namespace

Status evalSequenceEmpty(KernelContext &ctx) {
  DType dtype;
  KILN_RETURN_IF_ERROR(dtypeAttr(ctx, dtype));
  ctx.outputs[0] = Tensor::sequence(dtype, {});
  return Status::ok();
}

Status evalSequenceConstruct(KernelContext &ctx) {
  if (ctx.numInputs() == 0)
    return ctx.fail("expected at least one tensor");
  std::vector<Tensor> items;
  for (size_t i = 0; i < ctx.numInputs(); ++i) {
    const Tensor *t;
    KILN_RETURN_IF_ERROR(ctx.required(i, t));
    KILN_RETURN_IF_ERROR(denseInput(ctx, i, t));
    if (t->dtype() != ctx.inputs[0]->dtype())
      return ctx.fail("input #{} is {} but input #0 is {}: a sequence holds "
                      "one element type",
                      i, describeValue(*t), describeValue(*ctx.inputs[0]));
    items.push_back(*t);
  }
  DType dtype = items[0].dtype();
  ctx.outputs[0] = Tensor::sequence(dtype, std::move(items));
  return Status::ok();
}

Status evalSequenceInsert(KernelContext &ctx) {
  const Tensor *seq, *t, *position;
  KILN_RETURN_IF_ERROR(sequenceInput(ctx, 0, seq));
  KILN_RETURN_IF_ERROR(ctx.required(1, t));
  KILN_RETURN_IF_ERROR(denseInput(ctx, 1, t));
  KILN_RETURN_IF_ERROR(denseInput(ctx, 2, position));
  if (t->dtype() != seq->dtype())
    return ctx.fail("cannot insert a {} tensor into a sequence of {}",
                    dtypeName(t->dtype()), dtypeName(seq->dtype()));
  std::vector<Tensor> items = seq->items();
  int64_t n = static_cast<int64_t>(items.size()), at = n;
  if (position)
    KILN_RETURN_IF_ERROR(positionOf(ctx, *position, n, true, at));
  items.insert(items.begin() + at, *t);
  ctx.outputs[0] = Tensor::sequence(seq->dtype(), std::move(items));
  return Status::ok();
}

Status evalSequenceAt(KernelContext &ctx) {
  const Tensor *seq, *position;
  KILN_RETURN_IF_ERROR(sequenceInput(ctx, 0, seq));
  KILN_RETURN_IF_ERROR(ctx.required(1, position));
  KILN_RETURN_IF_ERROR(denseInput(ctx, 1, position));
  int64_t at;
  KILN_RETURN_IF_ERROR(positionOf(
      ctx, *position, static_cast<int64_t>(seq->items().size()), false, at));
  ctx.outputs[0] = seq->items()[at];
  return Status::ok();
}

Status evalSequenceErase(KernelContext &ctx) {
  const Tensor *seq, *position;
  KILN_RETURN_IF_ERROR(sequenceInput(ctx, 0, seq));
  KILN_RETURN_IF_ERROR(denseInput(ctx, 1, position));
  std::vector<Tensor> items = seq->items();
  int64_t n = static_cast<int64_t>(items.size()), at = n - 1;
  if (position)
    KILN_RETURN_IF_ERROR(positionOf(ctx, *position, n, false, at));
  else if (n == 0)
    return ctx.fail("cannot erase from an empty sequence");
  items.erase(items.begin() + at);
  ctx.outputs[0] = Tensor::sequence(seq->dtype(), std::move(items));
  return Status::ok();
}

Status evalSequenceLength(KernelContext &ctx) {
  const Tensor *seq;
  KILN_RETURN_IF_ERROR(sequenceInput(ctx, 0, seq));
  ctx.outputs[0] =
      Tensor::scalar<int64_t>(static_cast<int64_t>(seq->items().size()));
  return Status::ok();
}

Status evalSplitToSequence(KernelContext &ctx) {
  const Tensor *x, *split;
  KILN_RETURN_IF_ERROR(ctx.required(0, x));
  KILN_RETURN_IF_ERROR(denseInput(ctx, 0, x));
  KILN_RETURN_IF_ERROR(denseInput(ctx, 1, split));
  int64_t rank = x->rank();
  int64_t axis = ctx.attributes().getInt("axis", 0);
  if (rank == 0)
    return ctx.fail("cannot split a scalar");
  if (axis < -rank || axis >= rank)
    return ctx.fail("axis {} is out of range for rank {}", axis, rank);
  if (axis < 0)
    axis += rank;
  int64_t length = x->dim(axis);
  std::vector<int64_t> lengths;
  bool keepdims = true;
  if (!split) {
    lengths.assign(length, 1);
    keepdims = ctx.attributes().getInt("keepdims", 1) != 0;
  } else if (split->rank() == 0) {
    int64_t chunk = split->getAsInt64(0);
    if (!isInteger(split->dtype()) || chunk <= 0)
      return ctx.fail("expected split to be a positive integer, found {}",
                      split->getAsInt64(0));
    for (int64_t at = 0; at < length; at += chunk)
      lengths.push_back(std::min(chunk, length - at));
  } else {
    KILN_RETURN_IF_ERROR(readInt64Values(*split, "split", lengths));
    int64_t sum = 0;
    for (int64_t l : lengths) {
      if (l < 0)
        return ctx.fail("split has a negative length {}", l);
      sum += l;
    }
    if (sum != length)
      return ctx.fail("split lengths sum to {} but axis {} has length {}", sum,
                      axis, length);
  }
  std::vector<Tensor> items;
  int64_t begin = 0;
  for (int64_t l : lengths) {
    Tensor part = sliceAxis(*x, axis, begin, begin + l);
    begin += l;
    if (!keepdims) {
      Shape dims = part.shape();
      dims.erase(dims.begin() + axis);
      part = part.reshaped(dims);
    }
    items.push_back(part);
  }
  ctx.outputs[0] = Tensor::sequence(x->dtype(), std::move(items));
  return Status::ok();
}

Status evalConcatFromSequence(KernelContext &ctx) {
  const Tensor *seq;
  KILN_RETURN_IF_ERROR(sequenceInput(ctx, 0, seq));
  const std::vector<Tensor> &items = seq->items();
  if (items.empty())
    return ctx.fail("cannot concatenate an empty sequence");
  bool newAxis = ctx.attributes().getInt("new_axis", 0) != 0;
  if (!ctx.attributes().has("axis"))
    return ctx.fail("expected attribute 'axis'");
  int64_t axis = ctx.attributes().getInt("axis", 0);
  Shape first = items[0].shape();
  int64_t rank = static_cast<int64_t>(first.size());
  int64_t outRank = rank + (newAxis ? 1 : 0);
  if (axis < -outRank || axis >= outRank || (!newAxis && rank == 0))
    return ctx.fail("axis {} is out of range for tensors of rank {}", axis,
                    rank);
  if (axis < 0)
    axis += outRank;
  // Each item as rank outRank: a new axis of length 1 where asked.
  std::vector<Tensor> parts;
  for (size_t k = 0; k < items.size(); ++k) {
    Shape dims = items[k].shape();
    bool fits = static_cast<int64_t>(dims.size()) == rank;
    for (int64_t d = 0; fits && d < rank; ++d)
      fits = newAxis ? dims[d] == first[d] : (d == axis || dims[d] == first[d]);
    if (!fits || items[k].dtype() != items[0].dtype())
      return ctx.fail("tensor #{} is {} but tensor #0 is {}: they cannot be "
                      "joined along axis {}",
                      k, describeValue(items[k]), describeValue(items[0]),
                      axis);
    if (newAxis)
      dims.insert(dims.begin() + axis, 1);
    parts.push_back(items[k].reshaped(dims));
  }
  ctx.outputs[0] = concatAxis(parts, axis);
  return Status::ok();
}

Status evalOptional(KernelContext &ctx) {
  const Tensor *value = ctx.input(0);
  if (value && value->kind() == ValueKind::Optional)
    return ctx.fail("expected a tensor or a sequence, found an optional");
  DType dtype;
  if (value)
    dtype = value->dtype();
  else
    KILN_RETURN_IF_ERROR(dtypeAttr(ctx, dtype));
  ctx.outputs[0] = Tensor::optional(dtype, value);
  return Status::ok();
}

Status evalOptionalHasElement(KernelContext &ctx) {
  const Tensor *value = ctx.input(0);
  bool has = value &&
             (value->kind() != ValueKind::Optional || !value->items().empty());
  ctx.outputs[0] = Tensor::scalar<bool>(has);
  return Status::ok();
}

Status evalOptionalGetElement(KernelContext &ctx) {
  const Tensor *value;
  KILN_RETURN_IF_ERROR(ctx.required(0, value));
  if (value->kind() != ValueKind::Optional) {
    ctx.outputs[0] = *value;
    return Status::ok();
  }
  if (value->items().empty())
    return ctx.fail("the optional is empty");
  ctx.outputs[0] = value->items()[0];
  return Status::ok();
}

} // namespace kiln::ref
