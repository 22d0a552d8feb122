#!/usr/bin/env bash
# With KILN_STATIC_LLVM (the default), the binaries that hold the compiler
# must not load Debian's libLLVM.so or libMLIR.so: mapping and relocating
# them is most of a cached run's resident memory (docs/architecture.md,
# Build). A target that links the `LLVM` or `MLIR` CMake targets directly
# would bring them back without any other test noticing. The Python module
# must export only its entry point, not the LLVM linked into it.
# Usage: static-llvm-test.sh BINARY_OR_LIBRARY... [--python-module FILE]
set -euo pipefail
status=0
module=""
files=()
while [ $# -gt 0 ]; do
  case $1 in
    --python-module) module=$2; shift 2 ;;
    *) files+=("$1"); shift ;;
  esac
done
for f in "${files[@]}"; do
  needed=$(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  if grep -E '^lib(LLVM|MLIR)' <<< "$needed"; then
    echo "FAIL: $f needs the shared LLVM or MLIR library (above)" >&2
    status=1
  else
    echo "ok: $f needs neither libLLVM nor libMLIR"
  fi
done
if [ -n "$module" ]; then
  exported=$(nm -D --defined-only "$module" | awk '{print $3}')
  grep -q '^PyInit__kiln$' <<< "$exported" ||
    { echo "FAIL: $module does not export PyInit__kiln" >&2; status=1; }
  llvm=$(grep -c -E '^_ZN(4llvm|4mlir)' <<< "$exported" || true)
  if [ "$llvm" -ne 0 ]; then
    echo "FAIL: $module exports $llvm LLVM or MLIR symbols" >&2
    status=1
  else
    echo "ok: $module exports $(wc -l <<< "$exported") symbols, none of LLVM or MLIR"
  fi
fi
exit $status
