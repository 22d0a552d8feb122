#!/usr/bin/env bash
# Installs, builds and runs Kiln's whole test suite with ctest: GoogleTest
# units, lit/FileCheck tests, the ONNX conformance run against the committed
# expected results, the malformed-model corpus and the small zoo models.
# The tests also need Chromium (explain-chromium renders the HTML report).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh chromium fonts-dejavu-core
scripts/build.sh "$@"
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 1800
