#!/usr/bin/env bash
# The explain page in a real browser: renders tests/explain/fixture-report.json
# with `kiln explain --from-json --html`, loads the page in headless Chromium
# (Debian's chromium package, installed here through scripts/install-deps.sh
# when missing), and checks
#   - the screenshot (1280x2000) is a page with content, not blank
#     (check-screenshot.py: ink, colour, content down the page);
#   - the DOM Chromium built has every section, the roofline's dots, the node
#     names as text and no script (check-html.py, as the lit test checks the
#     file).
# One browser run does both, under a time limit, so a browser that hangs
# fails the test instead of stalling ctest.
# Usage: chromium-test.sh KILN SOURCE_DIR OUT_DIR
set -euo pipefail
kiln=$1
src=$2
out=$3
here=$src/tests/explain
rm -rf "$out"
mkdir -p "$out"

if ! command -v chromium > /dev/null; then
  if ! command -v apt-get > /dev/null; then
    echo "explain-chromium: no chromium and no apt-get to install it: skipped"
    exit 77
  fi
  echo "explain-chromium: installing chromium"
  # No terminal under ctest: install-deps.sh asks sudo for no password then.
  "$src/scripts/install-deps.sh" chromium fonts-dejavu-core < /dev/null
fi

python3 "$here/check-screenshot.py" --self-test

"$kiln" explain --from-json "$here/fixture-report.json" \
  --html "$out/report.html" > "$out/summary.txt"

# One headless Chromium run on the page with a fresh profile: no network
# services, no first-run or update work, killed after 60 s (then 5 more).
browse() {
  local profile
  profile=$(mktemp -d "$out/profile.XXXXXX")
  # Its own HOME too: nothing read from or written to the user's.
  HOME=$profile XDG_CONFIG_HOME=$profile XDG_CACHE_HOME=$profile \
    timeout -k 5 60 chromium --headless --no-sandbox --disable-gpu \
    --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-dev-shm-usage \
    --user-data-dir="$profile" "$@" "file://$out/report.html" \
    2>> "$out/chromium.log"
}

start=$SECONDS
browse --screenshot="$out/report.png" --window-size=1280,2000 --dump-dom \
  > "$out/dom.html" || {
  echo "error: chromium failed on the page:"; tail -20 "$out/chromium.log"; exit 1; }
echo "explain-chromium: chromium took $((SECONDS - start)) s"

test -s "$out/report.png" || { echo "error: no screenshot written"; exit 1; }
test -s "$out/dom.html" || { echo "error: no DOM dumped"; exit 1; }
python3 "$here/check-screenshot.py" "$out/report.png"
python3 "$here/check-html.py" "$here/fixture-report.json" "$out/dom.html"
echo "explain-chromium: screenshot $out/report.png"
