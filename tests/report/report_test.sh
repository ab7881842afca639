#!/bin/bash
# The HTML reports of a run, a serum film (a hand-edited run folder), a comparison
# and a batch, from tiny cases (seconds each), checked by check_report.py:
# well-formed, self-contained, numbers equal to the run's files, every figure there.
#   report_test.sh DERMAFLUX TESTS_DATA OUT run|film|compare|batch
set -euo pipefail
dermaflux=$1 data=$2 out=$3 kind=$4
here=$(cd "$(dirname "$0")" && pwd)
check() { /usr/bin/python3 "$here/check_report.py" "$@"; }
rm -rf "$out" && mkdir -p "$out"
case $kind in
  run)
    "$dermaflux" run "$data/report/case.yaml" --output "$out/run" --quiet --report
    check "$out/run" run
    grep -q "dermaflux run .*--report" "$out/run/report.html" || { echo "no command line in the report"; exit 1; } ;;
  film)
    "$dermaflux" run "$data/report/case.yaml" --output "$out/plain" --quiet
    /usr/bin/python3 "$here/make_film_copy.py" "$out/plain" "$out/film"
    "$dermaflux" report "$out/film"
    check "$out/film" run --film
    # Without the film's fields the same folder's report has no film rows.
    "$dermaflux" report "$out/plain"
    check "$out/plain" run
    if grep -q 'data-key="exposure' "$out/plain/report.html"; then echo "film rows without a film"; exit 1; fi ;;
  compare)
    "$dermaflux" compare "$data/report/case.yaml" --serums "$data/compare/caffeine_1pct.yaml" \
      "$data/compare/caffeine_3pct.yaml" --output "$out/compare" --quiet
    check "$out/compare" compare
    for serum in caffeine_1pct caffeine_3pct; do  # each serum's own page, linked
      check "$out/compare/$serum" run
      grep -q "href=\"$serum/report.html\"" "$out/compare/report.html"
    done
    "$dermaflux" compare "$data/report/case.yaml" --serums "$data/compare/caffeine_1pct.yaml" \
      --output "$out/no-report" --quiet --no-report
    if [ -e "$out/no-report/report.html" ]; then echo "--no-report wrote a report"; exit 1; fi ;;
  batch)
    "$dermaflux" batch "$data/report/sweep.yaml" --output "$out/batch" --quiet
    check "$out/batch" batch
    grep -q 'id="fig-key-1"' "$out/batch/report.html"
    # A failing case: listed with its reason, the batch's exit status kept (5).
    status=0
    "$dermaflux" batch "$data/farm/failing.sweep.yaml" --output "$out/failing" --quiet 2>/dev/null || status=$?
    [ "$status" = 5 ] || { echo "failing batch: exit status $status, expected 5"; exit 1; }
    check "$out/failing" batch
    grep -q '<li class="failed-case">0001-[0-9a-f]*: the mesh has' "$out/failing/report.html" ||
      { echo "the failed case is not listed with its reason"; exit 1; } ;;
  *) echo "report_test.sh: unknown kind $kind"; exit 2 ;;
esac
echo "report_test.sh: $kind report passed"
