#!/usr/bin/env bash
# Installs, builds and runs Kiln's whole test suite with ctest: GoogleTest
# units, lit/FileCheck tests, the ONNX conformance run against the committed
# expected results, the malformed-model corpus and the small zoo models.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh "$@"
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 1800
