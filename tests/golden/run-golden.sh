#!/usr/bin/env bash
# Codegen drift check. Compiles tests/golden/tiny.onnx (a fixed copy of the
# model tests/aot/tiny_model.py writes) and compares, byte for byte after
# normalization, with the expectations beside it:
#   tiny.haswell.ll, tiny.skylake-avx512.ll
#       `kiln compile --emit=llvm --cpu=CPU`: LLVM IR after optimization for
#       an AVX2 CPU and an AVX-512 CPU. The CPU is named, not detected, so
#       both goldens are checked on every host (the kernels' vector width,
#       the target-cpu/target-features attributes and LLVM's cost model all
#       follow the CPU).
#   tiny.h, tiny.c
#       the AOT library's C header and C driver (`kiln compile --cpu=haswell
#       -o DIR/libtiny.so --keep-source`).
# Normalization: the driver's `.incbin` path (the build's temporary folder)
# becomes KILN_BUILD_DIR, and its KILN_BUILD_ID (a hash of Kiln's sources,
# which any source change moves) becomes "KILN_BUILD_ID". Nothing else varies between runs or hosts: the
# model path is given relative, --emit=llvm always prints one partition,
# and --threads=1 keeps the library build independent of the core count.
# A difference is printed as a unified diff; if the change is intended,
# regenerate with scripts/update-goldens.sh and commit the diff.
# Usage: run-golden.sh KILN SOURCE_DIR WORKDIR [--update]
set -u
kiln=$1 src=$2 work=$3 mode=${4:-check}
golden=$src/tests/golden
rm -rf "$work" && mkdir -p "$work/lib"
cp "$golden/tiny.onnx" "$work/" || exit 1
cd "$work" || exit 1

failed=0
run() { # what command...
  local what=$1; shift
  if ! "$@" > "$work/out.log" 2>&1; then
    echo "FAIL $what: '$*' failed:"
    sed 's/^/    /' "$work/out.log" | head -20
    exit 1
  fi
}
for cpu in haswell skylake-avx512; do
  run "llvm $cpu" "$kiln" compile tiny.onnx --emit=llvm --cpu=$cpu \
    --threads=1 -o tiny.$cpu.ll
done
run "aot" "$kiln" compile tiny.onnx --cpu=haswell --threads=1 --no-cache \
  --keep-source -o lib/libtiny.so
sed -E -e 's#\.incbin \\"[^"]*/weights\.bin\\"#.incbin \\"KILN_BUILD_DIR/weights.bin\\"#' \
  -e 's#^(\#define KILN_BUILD_ID )"[0-9a-f]*"#\1"KILN_BUILD_ID"#' \
  lib/tiny.c > tiny.c
cp lib/tiny.h tiny.h

for f in tiny.haswell.ll tiny.skylake-avx512.ll tiny.h tiny.c; do
  if [ "$mode" = --update ]; then
    cp "$f" "$golden/$f"
    echo "updated tests/golden/$f"
  elif diff -u --label "tests/golden/$f" --label "generated/$f" \
      "$golden/$f" "$f" > "$f.diff"; then
    echo "PASS $f"
  else
    echo "FAIL $f differs from tests/golden/$f:"
    head -200 "$f.diff"
    [ "$(wc -l < "$f.diff")" -gt 200 ] && echo "    ... (full diff: $work/$f.diff)"
    failed=$((failed + 1))
  fi
done
if [ $failed -gt 0 ]; then
  echo "$failed golden file(s) differ. If the change to generated code is" \
    "intended, run scripts/update-goldens.sh and commit tests/golden/."
  exit 1
fi
