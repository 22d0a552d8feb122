#!/usr/bin/env bash
# Regenerates the codegen goldens under tests/golden/ (see
# tests/golden/run-golden.sh) with build/bin/kiln, building it first.
# Review the diff (git diff tests/golden) before committing it.
# Usage: scripts/update-goldens.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || scripts/build.sh
ninja -C build kiln kiln-rt
tests/golden/run-golden.sh "$PWD/build/bin/kiln" "$PWD" "$PWD/build/tests/golden" --update
git status --short tests/golden
