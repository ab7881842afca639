#!/bin/bash
# Each kind of report opened in a real browser: headless Chromium renders the page
# (--dump-dom) and takes a screenshot, which check_screenshot.py checks. Exits 77
# (CTest: skipped) when Chromium is not installed (Debian package chromium).
#   browser_test.sh DERMAFLUX TESTS_DATA OUT
set -euo pipefail
dermaflux=$1 data=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "browser_test.sh: skipped: Chromium is not installed (apt-get install chromium)"
  exit 77
fi
rm -rf "$out" && mkdir -p "$out"
"$dermaflux" run "$data/report/case.yaml" --output "$out/run" --quiet --report > /dev/null
cp "$data/report/measured/cells.csv" "$out/run/measured.csv"  # the run with measured points
"$dermaflux" report "$out/run" > /dev/null
mkdir -p "$out/fit" && cp "$data/report/fit/"* "$out/fit/" && cp "$data/report/measured/cells.csv" "$out/fit/measured.csv"
"$dermaflux" run "$out/fit/case.fitted.yaml" --output "$out/fit/final" --quiet > /dev/null
"$dermaflux" report "$out/fit" > /dev/null
"$dermaflux" compare "$data/report/case.yaml" --serums "$data/compare/caffeine_1pct.yaml" \
  "$data/compare/caffeine_3pct.yaml" --output "$out/compare" --quiet > /dev/null
"$dermaflux" batch "$data/farm/failing.sweep.yaml" --output "$out/batch" --quiet > /dev/null 2>&1 || true
# Root (CI) needs --no-sandbox; a profile of its own keeps runs apart.
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$out/profile"
       --window-size=1000,1400)
for kind in run compare batch fit; do
  page="file://$out/$kind/report.html"
  timeout 120 "$browser" "${flags[@]}" --dump-dom "$page" > "$out/$kind.dom.html" 2> "$out/$kind.log"
  timeout 120 "$browser" "${flags[@]}" --screenshot="$out/$kind.png" "$page" >> "$out/$kind.log" 2>&1
  /usr/bin/python3 "$here/check_screenshot.py" "$out/$kind.dom.html" "$out/$kind.png" "$kind"
done
echo "browser_test.sh: the run, compare, batch and fit reports render in $("$browser" --version 2>/dev/null)"
