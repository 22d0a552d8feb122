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
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

# ccache keeps rebuilds fast; CI starts from a clean clone but the cache
# survives on the machine.
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/kiln-ccache}"
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" > build.log 2>&1 || {
  cat build.log; exit 1; }
# Two jobs keep peak memory and load sane on a 2-core machine.
ninja -C build -j "$(nproc)" 2>&1 | tail -n 3
