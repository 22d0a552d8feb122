#!/usr/bin/env bash
# Checks that every tracked C/C++ source and header is formatted as
# clang-format-19 formats it with the repository's .clang-format (LLVM
# style), and fails listing the files that differ. With --fix, rewrites
# them in place instead.
#
# Skipped: tests/golden/ (generated code kept byte for byte as Kiln emits
# it; scripts/update-goldens.sh writes it). There are no vendored sources.
#
# Usage: scripts/check-format.sh [--fix]
set -euo pipefail
cd "$(dirname "$0")/.."

fix=0
case "${1:-}" in
  "") ;;
  --fix) fix=1 ;;
  *) echo "usage: scripts/check-format.sh [--fix]" >&2; exit 2 ;;
esac

if ! command -v clang-format-19 > /dev/null; then
  echo "check-format: installing clang-format-19"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang-format-19 > /dev/null
fi

mapfile -t files < <(git ls-files -- '*.c' '*.cc' '*.cpp' '*.h' '*.hpp' \
  ':!:tests/golden/**')
if [ $fix -eq 1 ]; then
  clang-format-19 -i --style=file "${files[@]}"
  echo "check-format: formatted ${#files[@]} files"
  exit 0
fi
# One run over all files; --dry-run reports each misformatted line as
# "FILE:LINE:COL: error: code should be clang-formatted".
mapfile -t differ < <(clang-format-19 --dry-run --style=file "${files[@]}" 2>&1 |
  sed -n 's/^\(.*\):[0-9]*:[0-9]*: \(error\|warning\): code should be clang-formatted.*/\1/p' |
  sort -u)
if [ ${#differ[@]} -gt 0 ]; then
  printf '%s\n' "${differ[@]}"
  echo "check-format: ${#differ[@]} of ${#files[@]} files differ from" \
    "clang-format-19; run scripts/check-format.sh --fix"
  exit 1
fi
echo "check-format: all ${#files[@]} files formatted"
