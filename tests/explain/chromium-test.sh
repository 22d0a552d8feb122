#!/usr/bin/env bash
# The explain page in a real browser: renders tests/explain/fixture-report.json
# with `kiln explain --from-json --html`, and a report `kiln explain` measures
# now on a small zoo model (kiln-zoo beside kiln); loads each page in headless
# Chromium
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

# One headless Chromium run on the page $1 with a fresh profile: no network
# services, no first-run or update work, killed after 60 s (then 5 more).
browse() {
  local page=$1 profile
  shift
  profile=$(mktemp -d "$out/profile.XXXXXX")
  # Its own HOME too: nothing read from or written to the user's.
  HOME=$profile XDG_CONFIG_HOME=$profile XDG_CACHE_HOME=$profile \
    timeout -k 5 60 chromium --headless --no-sandbox --disable-gpu \
    --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-dev-shm-usage \
    --user-data-dir="$profile" "$@" "file://$page" \
    2>> "$out/chromium.log"
}

# check NAME REPORT.json PAGE.html: the screenshot and the DOM of the page.
check() {
  local name=$1 report=$2 page=$3 start=$SECONDS
  browse "$page" --screenshot="$out/$name.png" --window-size=1280,2000 \
    --dump-dom > "$out/$name.dom.html" || {
    echo "error: chromium failed on $name:"; tail -20 "$out/chromium.log"
    exit 1; }
  echo "explain-chromium: $name: chromium took $((SECONDS - start)) s"
  test -s "$out/$name.png" || { echo "error: no screenshot of $name"; exit 1; }
  test -s "$out/$name.dom.html" || { echo "error: no DOM of $name"; exit 1; }
  python3 "$here/check-screenshot.py" "$out/$name.png"
  python3 "$here/check-html.py" "$report" "$out/$name.dom.html"
  echo "explain-chromium: screenshot $out/$name.png"
}

"$kiln" explain --from-json "$here/fixture-report.json" \
  --html "$out/fixture.html" > "$out/fixture-summary.txt"
check fixture "$here/fixture-report.json" "$out/fixture.html"

# A report measured now, on a small ResNet-style model.
"$(dirname "$kiln")/kiln-zoo" resnet-small -o "$out" > /dev/null
"$kiln" explain "$out/resnet-small.onnx" --runs 3 --cache-dir "$out/cache" \
  --json "$out/measured.json" --html "$out/measured.html" \
  > "$out/measured-summary.txt" 2> "$out/measured-progress.txt" || {
  echo "error: kiln explain failed:"; tail -20 "$out/measured-progress.txt"
  exit 1; }
check measured "$out/measured.json" "$out/measured.html"
