#!/usr/bin/env bash
# Installs what Kiln needs from Debian's packages (only if something is
# missing), configures and builds everything into build/, and registers
# build/python with Debian's python3 so that `import kiln` works
# (scripts/register-python.sh).
# Usage: scripts/build.sh [extra cmake arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

# ccache (found by CMake) keeps rebuilds fast; lld links.
mkdir -p build
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" > build/cmake.log 2>&1 || {
  cat build/cmake.log; exit 1; }
ninja -C build
scripts/register-python.sh build
