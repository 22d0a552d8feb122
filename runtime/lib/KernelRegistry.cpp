//===- KernelRegistry.cpp - Reference kernels by name ---------------------===//
//
// KernelList.def is generated at configure time: one KILN_KERNEL(Name) per
// `Status evalName(KernelContext &ctx);` in kiln/runtime/kernels/*.h.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/KernelRegistry.h"
#include "kiln/runtime/Kernels.h"

#include <algorithm>
#include <iterator>

namespace kiln {

namespace {
struct Entry {
  std::string_view name;
  KernelFn fn;
};
} // namespace

static const Entry kKernels[] = {
#define KILN_KERNEL(Name) {#Name, &ref::eval##Name},
#include "kiln/runtime/KernelList.def"
#undef KILN_KERNEL
};

/// kKernels sorted by name, built on first use.
static const std::vector<Entry> &sortedKernels() {
  static const std::vector<Entry> sorted = [] {
    std::vector<Entry> v(std::begin(kKernels), std::end(kKernels));
    std::sort(v.begin(), v.end(),
              [](const Entry &a, const Entry &b) { return a.name < b.name; });
    return v;
  }();
  return sorted;
}

KernelFn findKernel(std::string_view name) {
  const std::vector<Entry> &v = sortedKernels();
  auto it = std::lower_bound(
      v.begin(), v.end(), name,
      [](const Entry &e, std::string_view n) { return e.name < n; });
  return it != v.end() && it->name == name ? it->fn : nullptr;
}

std::vector<std::string_view> kernelNames() {
  std::vector<std::string_view> names;
  for (const Entry &e : sortedKernels())
    names.push_back(e.name);
  return names;
}

} // namespace kiln
