#!/usr/bin/env bash
# Installs what Kiln needs from Debian's packages (only if something is
# missing), then configures and builds everything into build/.
# Usage: scripts/build.sh [extra cmake arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ ccache lld-19 python3
  llvm-19-dev llvm-19-tools libmlir-19-dev mlir-19-tools
  libtbb-dev libfmt-dev libgtest-dev
  libonnx-dev libonnx-testdata libprotobuf-dev protobuf-compiler
)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "kiln: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" > /dev/null
fi

# ccache (found by CMake) keeps rebuilds fast; lld links.
mkdir -p build
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" > build/cmake.log 2>&1 || {
  cat build/cmake.log; exit 1; }
ninja -C build
