//===- GuardedSchemas.cpp - ONNX schemas safe on untrusted graphs ---------===//
//
// Each schema ONNX's inference asks for is copied once, with its inference
// and data-propagation functions wrapped. The checks, all found necessary by
// the loader fuzzer (tests/fuzz/regressions/):
//  - a required input whose type is unknown (its producer's inference
//    failed) skips the node: Shape's data propagation dereferences it;
//  - `strides`, `dilations` and `kernel_shape` entries below 1 skip the
//    node: the conv and pool inference divides by them;
//  - Gemm before opset 7 needs A and B of rank 2: its inference reads
//    dim(1) of both without looking at the rank;
//  - a 1-D integer input declaring more than 65,536 elements skips the
//    node: Expand's inference made one dim per declared element of a shape
//    it had no data for (2^31 of them: a hang, or out of memory);
//  - a `blocksize` outside [1, 2^20] skips the node: DepthToSpace's
//    inference divided by its square, overflowed to 0 (SIGFPE);
//  - a convolution whose X and W ranks differ, or whose window attributes
//    do not have one entry per spatial dim, skips the node (SEGV in
//    convPoolShapeInference).
//
//===----------------------------------------------------------------------===//
#include "GuardedSchemas.h"

#include <onnx/defs/shape_inference.h>

#include <map>
#include <memory>
#include <mutex>

namespace kiln::frontend {

namespace {

/// Whether input \p i of a node of \p schema must be present: empty
/// optional inputs have no type either, and are not a reason to skip.
bool isRequiredInput(const onnx::OpSchema &schema, size_t i) {
  const auto &formal = schema.inputs();
  if (formal.empty())
    return false;
  const onnx::OpSchema::FormalParameter &p =
      i < formal.size() ? formal[i] : formal.back();
  return p.GetOption() != onnx::OpSchema::Optional;
}

/// Whether every required input of a node of \p schema has a type.
template <typename Context>
bool requiredInputsTyped(const onnx::OpSchema &schema, Context &ctx) {
  for (size_t i = 0; i < ctx.getNumInputs(); ++i)
    if (!ctx.getInputType(i) && isRequiredInput(schema, i))
      return false;
  return true;
}

/// Whether `blocksize` (DepthToSpace, SpaceToDepth) is in [1, 2^20]: the
/// inference divides by its square, which a larger one overflows to 0.
bool blockSizeSane(onnx::InferenceContext &ctx) {
  const onnx::AttributeProto *a = ctx.getAttribute("blocksize");
  return !a || !a->has_i() || (a->i() >= 1 && a->i() <= (int64_t(1) << 20));
}

/// Whether the integer-list attributes that divide or step are all >= 1.
bool stepAttributesPositive(onnx::InferenceContext &ctx) {
  for (const char *name : {"strides", "dilations", "kernel_shape"}) {
    const onnx::AttributeProto *a = ctx.getAttribute(name);
    if (!a)
      continue;
    for (int64_t v : a->ints())
      if (v < 1)
        return false;
  }
  return true;
}

/// Whether the input \p i, when its shape is known, has rank \p rank.
bool rankIs(onnx::InferenceContext &ctx, size_t i, int rank) {
  if (i >= ctx.getNumInputs() || !ctx.getInputType(i))
    return true;
  const onnx::TypeProto &t = *ctx.getInputType(i);
  if (!t.has_tensor_type() || !t.tensor_type().has_shape())
    return true;
  return t.tensor_type().shape().dim_size() == rank;
}

/// Whether every 1-D integer input (a shape, axes, repeats...) declares at
/// most kMaxShapeLength elements: the inference of Expand, Reshape,
/// ConstantOfShape... makes one output dim per element of a shape input
/// whose data it does not know (of any integer type: an int32 shape was
/// found too).
bool shapeInputsShort(onnx::InferenceContext &ctx) {
  constexpr int64_t kMaxShapeLength = int64_t(1) << 16;
  for (size_t i = 0; i < ctx.getNumInputs(); ++i) {
    const onnx::TypeProto *t = ctx.getInputType(i);
    if (!t || !t->has_tensor_type() || !t->tensor_type().has_shape() ||
        t->tensor_type().shape().dim_size() != 1)
      continue;
    switch (t->tensor_type().elem_type()) {
    case onnx::TensorProto::INT8:
    case onnx::TensorProto::INT16:
    case onnx::TensorProto::INT32:
    case onnx::TensorProto::INT64:
    case onnx::TensorProto::UINT8:
    case onnx::TensorProto::UINT16:
    case onnx::TensorProto::UINT32:
    case onnx::TensorProto::UINT64:
      break;
    default:
      continue;
    }
    const auto &dim = t->tensor_type().shape().dim(0);
    if (dim.has_dim_value() && dim.dim_value() > kMaxShapeLength)
      return false;
  }
  return true;
}

/// Whether a convolution's X and W have one rank, and its window attributes
/// one entry per spatial dim (two for pads): convPoolShapeInference reads
/// them by W's rank (found: ConvInteger with a rank-4 X and a rank-5 W).
bool convRanksAgree(const onnx::OpSchema &schema, onnx::InferenceContext &ctx) {
  const std::string &name = schema.Name();
  size_t w = name == "QLinearConv" ? 3 : 1;
  if (!schema.domain().empty() ||
      (name != "Conv" && name != "ConvInteger" && name != "ConvTranspose" &&
       name != "QLinearConv"))
    return true;
  auto rankOf = [&](size_t i) -> int {
    if (i >= ctx.getNumInputs() || !ctx.getInputType(i) ||
        !ctx.getInputType(i)->tensor_type().has_shape())
      return -1;
    return ctx.getInputType(i)->tensor_type().shape().dim_size();
  };
  int rx = rankOf(0), rw = rankOf(w);
  if (rx >= 0 && rw >= 0 && rx != rw)
    return false;
  int rank = rw >= 0 ? rw : rx;
  if (rank < 0)
    return true;
  if (rank < 3)
    return false;
  for (const char *attr : {"strides", "dilations", "kernel_shape", "pads"}) {
    const onnx::AttributeProto *a = ctx.getAttribute(attr);
    int want = (std::string(attr) == "pads" ? 2 : 1) * (rank - 2);
    if (a && a->ints_size() != want)
      return false;
  }
  return true;
}

/// Whether a node of \p schema may be handed to its inference function.
bool safeToInfer(const onnx::OpSchema &schema, onnx::InferenceContext &ctx) {
  if (!requiredInputsTyped(schema, ctx) || !stepAttributesPositive(ctx) ||
      !blockSizeSane(ctx) || !shapeInputsShort(ctx) ||
      !convRanksAgree(schema, ctx))
    return false;
  if (schema.Name() == "Gemm" && schema.domain().empty() &&
      schema.SinceVersion() < 7)
    return rankIs(ctx, 0, 2) && rankIs(ctx, 1, 2);
  return true;
}

/// The schema copies, made on first use.
class GuardedRegistry final : public onnx::ISchemaRegistry {
public:
  const onnx::OpSchema *GetSchema(const std::string &key, int maxVersion,
                                  const std::string &domain) const override {
    const onnx::OpSchema *schema =
        onnx::OpSchemaRegistry::Schema(key, maxVersion, domain);
    if (!schema)
      return nullptr;
    std::lock_guard<std::mutex> lock(mutex);
    std::unique_ptr<onnx::OpSchema> &guarded = copies[schema];
    if (!guarded)
      guarded = makeGuarded(*schema);
    return guarded.get();
  }

private:
  static std::unique_ptr<onnx::OpSchema>
  makeGuarded(const onnx::OpSchema &original) {
    auto copy = std::make_unique<onnx::OpSchema>(original);
    const onnx::OpSchema *self = &original;
    if (onnx::InferenceFunction infer =
            original.GetTypeAndShapeInferenceFunction())
      copy->TypeAndShapeInferenceFunction(
          [self, infer](onnx::InferenceContext &ctx) {
            if (safeToInfer(*self, ctx))
              infer(ctx);
          });
    if (onnx::DataPropagationFunction propagate =
            original.GetDataPropagationFunction())
      copy->PartialDataPropagationFunction(
          [self, propagate](onnx::DataPropagationContext &ctx) {
            if (requiredInputsTyped(*self, ctx))
              propagate(ctx);
          });
    return copy;
  }

  mutable std::mutex mutex;
  mutable std::map<const onnx::OpSchema *, std::unique_ptr<onnx::OpSchema>>
      copies;
};

} // namespace

const onnx::ISchemaRegistry &guardedSchemaRegistry() {
  static const GuardedRegistry registry;
  return registry;
}

} // namespace kiln::frontend
