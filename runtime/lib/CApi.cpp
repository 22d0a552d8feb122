//===- CApi.cpp - libkiln-rt.so: reference kernels behind a C API ---------===//
//
// kiln_rt_eval, step by step:
//  1. find the kernel by name and parse the attribute blob;
//  2. view the caller's inputs as Tensors (no copy; kernels only read them);
//  3. run the kernel, turning exceptions into errors (none may cross C);
//  4. check each result's dtype and shape against the caller's static ones
//     and copy it into the caller's buffer; a result flagged
//     KILN_RT_DYNAMIC is checked against its dtype, rank and known dims and
//     copied into a malloc'd buffer whose shape is written back.
// A sequence or an optional (KILN_RT_VALUE) crosses the interface as a
// heap-allocated kiln::Tensor: operands pass a pointer to one, a result
// gets a new one, which kiln_rt_release deletes; a container result's
// tensors that view the call's dense operands are copied first (the caller
// reuses those buffers).
// kiln_rt_control_flow views its operands likewise, runs evalControlFlow
// (kiln/runtime/ControlFlow.h) with each region run by the caller's C
// function (its yields copied at once), and stores the results as
// kiln_rt_eval does. Only the kiln_rt_* functions are exported
// (kiln-rt.map).
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/kiln_rt.h"

#include "kiln/runtime/AttrBlob.h"
#include "kiln/runtime/ControlFlow.h"
#include "kiln/runtime/KernelRegistry.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>

using namespace kiln;

/// Copies \p message into err[0, errLen), NUL-terminated.
static int fail(const std::string &message, char *err, size_t errLen) {
  if (err && errLen) {
    size_t n = std::min(message.size(), errLen - 1);
    std::memcpy(err, message.data(), n);
    err[n] = '\0';
  }
  return 1;
}

/// The shape and dtype of \p t, or an error naming \p what.
static Status specOf(const kiln_rt_tensor &t, const std::string &what,
                     DType &dtype, Shape &shape) {
  auto d = dtypeFromOnnx(t.dtype);
  if (!d)
    return Status::error(what + " has unknown element type " +
                         std::to_string(t.dtype));
  if (t.rank < 0 || (t.rank > 0 && !t.shape))
    return Status::error(what + " has a bad rank or no shape");
  dtype = *d;
  shape.assign(t.shape, t.shape + t.rank);
  for (int64_t dim : shape)
    if (dim < 0)
      return Status::error(what + " has the negative dimension " +
                           std::to_string(dim));
  return Status::ok();
}

/// Checks result \p t against the KILN_RT_DYNAMIC descriptor \p out: same
/// dtype and rank, and the dimensions out.shape knows (those not -1).
static Status checkDynamicResult(const kiln_rt_tensor &out, const Tensor &t,
                                 const std::string &what) {
  auto d = dtypeFromOnnx(out.dtype);
  if (!d)
    return Status::error(what + " has unknown element type " +
                         std::to_string(out.dtype));
  if (out.rank < 0 || (out.rank > 0 && !out.dims))
    return Status::error(what +
                         " has a bad rank or nowhere to write its shape");
  if (!t.valid())
    return Status::error(what + " was not produced");
  bool same = t.dtype() == *d && t.rank() == out.rank;
  for (int k = 0; same && out.shape && k < out.rank; ++k)
    same = out.shape[k] < 0 || out.shape[k] == t.shape()[k];
  if (same)
    return Status::ok();
  std::string expected;
  for (int k = 0; k < out.rank; ++k)
    expected += (k ? "x" : "") + (out.shape && out.shape[k] >= 0
                                      ? std::to_string(out.shape[k])
                                      : std::string("?"));
  return Status::error(what + " is " + formatShape(t.shape()) + " " +
                       std::string(dtypeName(t.dtype())) +
                       " but the library expects " +
                       (out.rank ? expected : std::string("a scalar")) + " " +
                       std::string(dtypeName(*d)));
}

/// Frees the KILN_RT_DYNAMIC results out[0, n) already allocated.
static void freeDynamicResults(int n, kiln_rt_tensor *out) {
  for (int r = 0; r < n; ++r)
    if (out[r].dtype != 0 && (out[r].flags & KILN_RT_DYNAMIC)) {
      if (out[r].flags & KILN_RT_VALUE)
        delete static_cast<Tensor *>(out[r].data);
      else
        std::free(out[r].data);
      out[r].data = nullptr;
    }
}

/// The caller's buffers a call viewed as its dense operands.
using Borrowed = std::vector<const Tensor *>;

/// \p t with every tensor it holds that views one of the \p borrowed
/// buffers (the caller reuses them) copied.
static Tensor keepAlive(const Tensor &t, const Borrowed &borrowed) {
  if (t.isDense()) {
    const char *p = static_cast<const char *>(t.raw());
    for (const Tensor *b : borrowed) {
      const char *begin = static_cast<const char *>(b->raw());
      if (p && begin && p >= begin && p < begin + b->byteSize())
        return t.clone();
    }
    return t;
  }
  std::vector<Tensor> items;
  for (const Tensor &item : t.items())
    items.push_back(keepAlive(item, borrowed));
  if (t.kind() == ValueKind::Sequence)
    return Tensor::sequence(t.dtype(), std::move(items));
  return Tensor::optional(t.dtype(), items.empty() ? nullptr : &items[0]);
}

/// Views in[0, nIn) as \p inputs (no copy), \p present false for an absent
/// one (dtype 0); \p what names them in errors ("input", "yield").
static Status viewTensors(const std::string &label, const char *what, int nIn,
                          const kiln_rt_tensor *in, std::vector<Tensor> &inputs,
                          std::vector<bool> &present) {
  inputs.assign(nIn, Tensor());
  present.assign(nIn, false);
  for (int i = 0; i < nIn; ++i) {
    if (in[i].dtype == 0)
      continue;
    std::string name = label + ": " + what + " #" + std::to_string(i);
    if (in[i].flags & KILN_RT_VALUE) {
      if (!in[i].data)
        return Status::error(name + " has no value");
      inputs[i] = *static_cast<const Tensor *>(in[i].data);
      present[i] = true;
      continue;
    }
    DType dtype;
    Shape shape;
    if (Status s = specOf(in[i], name, dtype, shape); !s)
      return s;
    if (!in[i].data && shapeNumElements(shape))
      return Status::error(name + " has no data");
    inputs[i] = Tensor::view(dtype, std::move(shape), in[i].data, nullptr);
    present[i] = true;
  }
  return Status::ok();
}

/// Step 4 of both entry points: checks \p results against out[0, nOut),
/// then copies them (allocating dynamic ones), so that a failure leaves
/// nothing allocated.
static Status storeResults(const std::string &label, int nOut,
                           kiln_rt_tensor *out,
                           const std::vector<Tensor> &results,
                           const Borrowed &borrowed) {
  for (int r = 0; r < nOut; ++r) {
    if (out[r].dtype == 0)
      continue; // a result nothing reads
    std::string what = label + ": result #" + std::to_string(r);
    static const Tensor kMissing;
    const Tensor &t =
        r < static_cast<int>(results.size()) ? results[r] : kMissing;
    if (out[r].flags & KILN_RT_VALUE) {
      if (!(out[r].flags & KILN_RT_DYNAMIC) || t.isDense() ||
          dtypeToOnnx(t.dtype()) != out[r].dtype)
        return Status::error(what + " is " + describeValue(t) +
                             "; the library expects a container of ONNX "
                             "element type " +
                             std::to_string(out[r].dtype));
      continue;
    }
    if (!t.isDense())
      return Status::error(what + " is a " + describeValue(t) +
                           "; the library expects a tensor");
    if (out[r].flags & KILN_RT_DYNAMIC) {
      if (Status s = checkDynamicResult(out[r], t, what); !s)
        return s;
      continue;
    }
    DType dtype;
    Shape shape;
    if (Status s = specOf(out[r], what, dtype, shape); !s)
      return s;
    if (!t.valid())
      return Status::error(what + " was not produced");
    if (t.dtype() != dtype || t.shape() != shape)
      return Status::error(what + " is " + formatShape(t.shape()) + " " +
                           std::string(dtypeName(t.dtype())) +
                           " but the graph declares " + formatShape(shape) +
                           " " + std::string(dtypeName(dtype)));
    if (t.byteSize() && !out[r].data)
      return Status::error(what + " has no buffer");
  }
  for (int r = 0; r < nOut; ++r) {
    if (out[r].dtype == 0)
      continue;
    const Tensor &t = results[r];
    if (out[r].flags & KILN_RT_VALUE) {
      out[r].data = new Tensor(keepAlive(t, borrowed));
      continue;
    }
    if (out[r].flags & KILN_RT_DYNAMIC) {
      // One byte at least, so that a NULL always means "not allocated".
      void *data = std::malloc(std::max<size_t>(1, t.byteSize()));
      if (!data) {
        freeDynamicResults(r, out);
        return Status::error(label + ": out of memory for result #" +
                             std::to_string(r));
      }
      if (t.byteSize())
        std::memcpy(data, t.raw(), t.byteSize());
      std::copy(t.shape().begin(), t.shape().end(), out[r].dims);
      out[r].data = data;
    } else if (t.byteSize()) {
      std::memcpy(out[r].data, t.raw(), t.byteSize());
    }
  }
  return Status::ok();
}

static Status evaluate(const char *kernelName, const std::string &label,
                       const void *attrBytes, size_t attrsLen, int nIn,
                       const kiln_rt_tensor *in, int nOut,
                       kiln_rt_tensor *out) {
  // 1. Kernel and attributes.
  KernelFn kernel = findKernel(kernelName ? kernelName : "");
  if (!kernel)
    return Status::error(label + ": libkiln-rt.so has no kernel '" +
                         (kernelName ? kernelName : "(null)") +
                         "' (is it older than the library?)");
  AttrMap attrs;
  if (Status s = parseAttrs(attrBytes, attrsLen, attrs); !s)
    return Status::error(label + ": " + s.message());

  // 2. Inputs.
  std::vector<Tensor> inputs;
  std::vector<bool> present;
  KILN_RETURN_IF_ERROR(viewTensors(label, "input", nIn, in, inputs, present));
  KernelContext ctx;
  ctx.opName = label;
  ctx.attrs = &attrs;
  for (int i = 0; i < nIn; ++i)
    ctx.inputs.push_back(present[i] ? &inputs[i] : nullptr);
  ctx.outputs.resize(nOut);

  // 3. The kernel.
  if (Status s = kernel(ctx); !s)
    return s;

  // 4. Results (a container keeps copies of the operands it holds).
  Borrowed borrowed;
  for (int i = 0; i < nIn; ++i)
    if (present[i] && !(in[i].flags & KILN_RT_VALUE))
      borrowed.push_back(&inputs[i]);
  return storeResults(label, nOut, out, ctx.outputs, borrowed);
}

/// kiln_rt_control_flow's work: the description, the operands, the op's
/// semantics with the caller's regions, the results.
static Status runRegions(const std::string &label, const void *descBytes,
                         size_t descLen, int nIn, const kiln_rt_tensor *in,
                         int nOut, kiln_rt_tensor *out,
                         kiln_rt_region_fn region, void *regionCtx) {
  ControlFlowDesc desc;
  if (Status s = parseControlFlow(descBytes, descLen, desc); !s)
    return Status::error(label + ": " + s.message());
  if (!region)
    return Status::error(label + ": no region function");
  std::vector<Tensor> operands;
  std::vector<bool> present;
  KILN_RETURN_IF_ERROR(
      viewTensors(label, "operand", nIn, in, operands, present));
  std::vector<Tensor> results;
  char message[1024];
  KILN_RETURN_IF_ERROR(evalControlFlow(
      desc, label, operands,
      [&](unsigned index, std::vector<Tensor> args,
          std::vector<Tensor> &yields) -> Status {
        std::vector<kiln_rt_tensor> argv(args.size());
        for (size_t i = 0; i < args.size(); ++i) {
          Tensor &t = args[i];
          bool value = !t.isDense();
          argv[i] = {static_cast<int32_t>(dtypeToOnnx(t.dtype())),
                     static_cast<int32_t>(t.rank()),
                     t.shape().data(),
                     value ? static_cast<void *>(&t) : t.raw(),
                     value ? KILN_RT_VALUE : 0,
                     nullptr};
        }
        std::vector<kiln_rt_tensor> yieldv(desc.regionYields[index]);
        message[0] = '\0';
        if (region(regionCtx, static_cast<int>(index),
                   static_cast<int>(argv.size()), argv.data(),
                   static_cast<int>(yieldv.size()), yieldv.data(), message,
                   sizeof message))
          return Status::error(message[0] ? std::string(message)
                                          : label + ": a region failed");
        // The region's buffers are reused by its next run: copy.
        std::vector<bool> given;
        KILN_RETURN_IF_ERROR(viewTensors(label, "yield",
                                         static_cast<int>(yieldv.size()),
                                         yieldv.data(), yields, given));
        for (size_t k = 0; k < yields.size(); ++k) {
          if (!given[k])
            return Status::error(label + ": yield #" + std::to_string(k) +
                                 " was not set");
          // A container's tensors are libkiln-rt.so's own (kiln_rt_eval
          // copied those it viewed): shared, not copied.
          if (yields[k].isDense())
            yields[k] = yields[k].clone();
        }
        return Status::ok();
      },
      results));
  // A result handed through from an operand (a Loop of no trips) is
  // copied like any other: dense ones into the caller's buffers, and
  // containers are libkiln-rt.so's own.
  return storeResults(label, nOut, out, results, {});
}

/// What both entry points do around their work \p run: check the arrays,
/// mark the dynamic results unallocated, and turn an error or an exception
/// (none may cross C) into a message in err.
template <typename Fn>
static int guarded(const std::string &name, int nIn, const kiln_rt_tensor *in,
                   int nOut, kiln_rt_tensor *out, char *err, size_t errLen,
                   Fn run) {
  try {
    if (nIn < 0 || nOut < 0 || (nIn && !in) || (nOut && !out))
      return fail(name + ": bad operand or result arrays", err, errLen);
    for (int r = 0; r < nOut; ++r)
      if (out[r].flags & KILN_RT_DYNAMIC)
        out[r].data = nullptr;
    Status s = run();
    return s ? 0 : fail(s.message(), err, errLen);
  } catch (const std::bad_alloc &) {
    return fail(name + ": out of memory", err, errLen);
  } catch (const std::exception &e) {
    return fail(name + ": " + e.what(), err, errLen);
  } catch (...) {
    return fail(name + ": unknown exception", err, errLen);
  }
}

extern "C" int kiln_rt_abi_version(void) { return KILN_RT_ABI_VERSION; }

extern "C" void kiln_rt_release(void *value) {
  delete static_cast<Tensor *>(value);
}

/// A copy of the dense tensor \p t of element type \p dtype, or an error
/// naming it \p what.
static Status copyDense(const kiln_rt_tensor &t, int32_t dtype,
                        const std::string &what, Tensor &out) {
  if (t.flags & KILN_RT_VALUE)
    return Status::error(what + " is a container, not a tensor");
  if (t.dtype != dtype)
    return Status::error(what + " has element type " + std::to_string(t.dtype) +
                         ", not " + std::to_string(dtype));
  DType d;
  Shape shape;
  if (Status s = specOf(t, what, d, shape); !s)
    return s;
  if (!t.data && shapeNumElements(shape))
    return Status::error(what + " has no data");
  out = Tensor::view(d, std::move(shape), t.data, nullptr).clone();
  return Status::ok();
}

/// Runs \p make, which builds a new value; NULL with its message in err
/// on an error or an exception.
template <typename Fn>
static void *newValue(const char *what, char *err, size_t errLen, Fn make) {
  try {
    Tensor value;
    if (Status s = make(value); !s) {
      fail(s.message(), err, errLen);
      return nullptr;
    }
    return new Tensor(std::move(value));
  } catch (const std::exception &e) {
    fail(std::string(what) + ": " + e.what(), err, errLen);
  } catch (...) {
    fail(std::string(what) + ": unknown exception", err, errLen);
  }
  return nullptr;
}

extern "C" void *kiln_rt_sequence(int32_t dtype, int n,
                                  const kiln_rt_tensor *items, char *err,
                                  size_t err_len) {
  return newValue("kiln_rt_sequence", err, err_len, [&](Tensor &value) {
    auto d = dtypeFromOnnx(dtype);
    if (!d)
      return Status::error("kiln_rt_sequence: unknown element type " +
                           std::to_string(dtype));
    if (n < 0 || (n > 0 && !items))
      return Status::error("kiln_rt_sequence: no items");
    std::vector<Tensor> copies(n);
    for (int i = 0; i < n; ++i)
      if (Status s = copyDense(items[i], dtype,
                               "kiln_rt_sequence: item #" + std::to_string(i),
                               copies[i]);
          !s)
        return s;
    value = Tensor::sequence(*d, std::move(copies));
    return Status::ok();
  });
}

extern "C" void *kiln_rt_optional(int32_t dtype, const kiln_rt_tensor *item,
                                  char *err, size_t err_len) {
  return newValue("kiln_rt_optional", err, err_len, [&](Tensor &value) {
    auto d = dtypeFromOnnx(dtype);
    if (!d)
      return Status::error("kiln_rt_optional: unknown element type " +
                           std::to_string(dtype));
    if (!item) {
      value = Tensor::optional(*d, nullptr);
      return Status::ok();
    }
    Tensor held;
    if (item->flags & KILN_RT_VALUE) {
      const auto *seq = static_cast<const Tensor *>(item->data);
      if (!seq || seq->kind() != ValueKind::Sequence || seq->dtype() != *d)
        return Status::error("kiln_rt_optional: the item is not a sequence "
                             "of element type " +
                             std::to_string(dtype));
      held = seq->clone();
    } else if (Status s =
                   copyDense(*item, dtype, "kiln_rt_optional: the item", held);
               !s) {
      return s;
    }
    value = Tensor::optional(*d, &held);
    return Status::ok();
  });
}

extern "C" void *kiln_rt_clone(const void *value) {
  if (!value)
    return nullptr;
  try {
    return new Tensor(static_cast<const Tensor *>(value)->clone());
  } catch (...) {
    return nullptr;
  }
}

extern "C" int kiln_rt_value_kind(const void *value, int32_t *dtype,
                                  int64_t *length) {
  if (!value)
    return -1;
  const auto &t = *static_cast<const Tensor *>(value);
  if (dtype)
    *dtype = dtypeToOnnx(t.dtype());
  if (length)
    *length = t.isDense() ? 0 : static_cast<int64_t>(t.items().size());
  switch (t.kind()) {
  case ValueKind::Sequence:
    return KILN_RT_KIND_SEQUENCE;
  case ValueKind::Optional:
    return KILN_RT_KIND_OPTIONAL;
  default:
    return KILN_RT_KIND_TENSOR;
  }
}

extern "C" int kiln_rt_value_item(const void *value, int64_t i,
                                  kiln_rt_tensor *item) {
  if (!value)
    return 1;
  const auto &t = *static_cast<const Tensor *>(value);
  if (t.isDense() || !item || i < 0 ||
      i >= static_cast<int64_t>(t.items().size()))
    return 1;
  const Tensor &x = t.items()[i];
  *item = kiln_rt_tensor{};
  item->dtype = dtypeToOnnx(x.dtype());
  if (!x.isDense()) {
    item->flags = KILN_RT_VALUE;
    item->data = const_cast<Tensor *>(&x);
    return 0;
  }
  item->rank = static_cast<int32_t>(x.rank());
  item->shape = x.shape().data();
  item->data = const_cast<void *>(x.raw());
  return 0;
}

extern "C" int kiln_rt_control_flow(const char *label, const void *desc,
                                    size_t desc_len, int n_in,
                                    const kiln_rt_tensor *in, int n_out,
                                    kiln_rt_tensor *out,
                                    kiln_rt_region_fn region, void *ctx,
                                    char *err, size_t err_len) {
  std::string name = label ? label : "control flow";
  return guarded(name, n_in, in, n_out, out, err, err_len, [&] {
    return runRegions(name, desc, desc_len, n_in, in, n_out, out, region, ctx);
  });
}

extern "C" int kiln_rt_eval(const char *kernel, const char *label,
                            const void *attrs, size_t attrs_len, int n_in,
                            const kiln_rt_tensor *in, int n_out,
                            kiln_rt_tensor *out, char *err, size_t err_len) {
  std::string name = label ? label : (kernel ? kernel : "kernel");
  return guarded(name, n_in, in, n_out, out, err, err_len, [&] {
    return evaluate(kernel, name, attrs, attrs_len, n_in, in, n_out, out);
  });
}
