#!/usr/bin/env bash
# Installs, from Debian's packages, what Kiln's build needs plus the extra
# packages named on the command line, skipping the ones already installed
# (as root, or through sudo). scripts/build.sh, sanitize.sh and
# fuzz-loader.sh call it first.
# Usage: scripts/install-deps.sh [EXTRA_PACKAGE...]
set -euo pipefail
packages=(
  cmake ninja-build g++ ccache lld-19 python3 pkgconf
  llvm-19-dev llvm-19-tools libmlir-19-dev mlir-19-tools
  libtbb-dev libfmt-dev libgtest-dev zlib1g-dev libzstd-dev
  libonnx-dev libonnx-testdata libprotobuf-dev protobuf-compiler
  libcpp-httplib-dev nlohmann-json3-dev
  python3-dev pybind11-dev python3-numpy python3-pytest
  "$@"
)
missing=()
for p in "${packages[@]}"; do
  # Installed, not merely known (a removed package keeps its config files).
  [ "$(dpkg-query -W -f='${Status}' "$p" 2> /dev/null)" = "install ok installed" ] ||
    missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "kiln: installing ${missing[*]}"
  sudo=""
  # Without a terminal (CI, ctest) sudo must not wait for a password.
  if [ "$(id -u)" -ne 0 ]; then
    if [ -t 0 ]; then sudo="sudo"; else sudo="sudo -n"; fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" > /dev/null
fi
