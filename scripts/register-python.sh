#!/usr/bin/env bash
# Makes `import kiln` work in Debian's python3 with no PYTHONPATH: writes
# kiln.pth, one line naming BUILD/python (the package kiln and its built
# extension), into the first site folder python3 reads that this user can
# write: /usr/local/lib/python3.X/dist-packages as root (CI), else the
# user's own site-packages. A .pth names the build tree instead of copying
# the package out of it, so every rebuild is what `import kiln` gets, like
# `pip install -e`, and the extension keeps its rpath to the build's
# libraries. scripts/build.sh calls it; run it again after moving the tree.
# Usage: scripts/register-python.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3
target=$(realpath "${1:-build}")/python
site=$("$python" - << 'PY'
import os, site
for d in site.getsitepackages() + [site.getusersitepackages()]:
    if d.startswith("/usr/local/") or d.startswith(os.path.expanduser("~")):
        try:
            os.makedirs(d, exist_ok=True)
        except OSError:
            continue
        if os.access(d, os.W_OK):
            print(d)
            break
PY
)
if [ -z "$site" ]; then
  echo "kiln: warning: no writable site folder for $python; run" \
    "'PYTHONPATH=$target $python' to import kiln" >&2
  exit 0
fi
echo "$target" > "$site/kiln.pth"
