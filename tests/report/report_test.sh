#!/bin/bash
# The HTML reports of a run, a serum film (a hand-edited run folder), a comparison
# and a batch, from tiny cases (seconds each), checked by check_report.py:
# well-formed, self-contained, numbers equal to the run's files, every figure there.
# measured: a run's and a comparison's measured.csv drawn and their IVPT endpoints, and a
# malformed measured.csv refused with a located error; fit: a hand-made fit folder.
#   report_test.sh DERMAFLUX TESTS_DATA OUT run|film|compare|batch|measured|fit
set -euo pipefail
dermaflux=$1 data=$2 out=$3 kind=$4
here=$(cd "$(dirname "$0")" && pwd)
check() { /usr/bin/python3 "$here/check_report.py" "$@"; }
rm -rf "$out" && mkdir -p "$out"
case $kind in
  run)
    "$dermaflux" run "$data/report/case.yaml" --output "$out/run" --quiet --report
    check "$out/run" run
    grep -q "dermaflux run .*--report" "$out/run/report.html" || { echo "no command line in the report"; exit 1; }
    # Layer properties given: no word on estimates. Estimated: how far they can be trusted,
    # the numbers checked against cases/validation/database/recorded.json.
    if grep -q 'id="estimate-accuracy"' "$out/run/report.html"; then echo "an accuracy note without estimates"; exit 1; fi
    "$dermaflux" run "$data/report/case_estimated.yaml" --output "$out/estimated" --quiet --report
    check "$out/estimated" run
    grep -q 'id="estimate-accuracy" data-model="kasting"' "$out/estimated/report.html" ||
      { echo "kasting estimates without their accuracy note"; exit 1; }
    # Potts & Guy asked for: that estimate's record.
    sed "s/estimates: kasting/estimates: potts_guy_1992/" "$data/report/case_estimated.yaml" > "$out/potts_guy.yaml"
    "$dermaflux" run "$out/potts_guy.yaml" --output "$out/potts_guy" --quiet --report
    check "$out/potts_guy" run
    grep -q 'id="estimate-accuracy" data-model="potts_guy_1992"' "$out/potts_guy/report.html" ||
      { echo "Potts & Guy estimates without their accuracy note"; exit 1; } ;;
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
    if [ -e "$out/no-report/report.html" ]; then echo "--no-report wrote a report"; exit 1; fi
    if grep -q 'id="estimate-accuracy"' "$out/compare/report.html"; then echo "an accuracy note without estimates"; exit 1; fi
    "$dermaflux" compare "$data/report/case_estimated.yaml" --serums "$data/report/serum_estimated.yaml" \
      --output "$out/estimated" --quiet
    check "$out/estimated" compare
    grep -q 'id="estimate-accuracy"' "$out/estimated/report.html" || { echo "estimates without the accuracy note"; exit 1; } ;;
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
  measured)
    "$dermaflux" run "$data/report/case.yaml" --output "$out/run" --quiet
    cp "$data/report/measured/cells.csv" "$out/run/measured.csv"
    "$dermaflux" report "$out/run"
    check "$out/run" run
    grep -q 'id="endpoints"' "$out/run/report.html" && grep -q 'measured (3 cells)' "$out/run/report.html" ||
      { echo "no endpoints or measured points in the run report"; exit 1; }
    "$dermaflux" compare "$data/report/case.yaml" --serums "$data/compare/caffeine_1pct.yaml" \
      "$data/compare/caffeine_3pct.yaml" --output "$out/compare" --quiet --no-report
    cp "$data/report/measured/serums.csv" "$out/compare/measured.csv"
    "$dermaflux" report "$out/compare"
    check "$out/compare" compare
    for serum in caffeine_1pct caffeine_3pct; do
      check "$out/compare/$serum" run
      grep -q "id=\"$serum.endpoints\"" "$out/compare/report.html" || { echo "no endpoints of $serum"; exit 1; }
    done
    # A malformed measured.csv: refused with its file, line and what was expected.
    cp -r "$out/run" "$out/bad"
    printf 'time_h,receptor_ug_cm2\n1,2\n2,abc\n' > "$out/bad/measured.csv"
    status=0
    "$dermaflux" report "$out/bad" 2> "$out/bad.err" || status=$?
    [ "$status" != 0 ] || { echo "a malformed measured.csv was accepted"; exit 1; }
    grep -q "$out/bad/measured.csv:3: receptor_ug_cm2 is 'abc': expected a number" "$out/bad.err" ||
      { echo "no located error:"; cat "$out/bad.err"; exit 1; }
    if grep -q Traceback "$out/bad.err"; then echo "a Python traceback"; exit 1; fi
    if grep -q "Debian packages" "$out/bad.err"; then echo "bad data blamed on packages"; exit 1; fi ;;
  fit)
    # A fit folder made by hand (fit.json, fit.csv, case.fitted.yaml, measured.csv) and
    # its final run, reported through the command.
    mkdir -p "$out/fit" && cp "$data/report/fit/"* "$out/fit/"
    cp "$data/report/measured/cells.csv" "$out/fit/measured.csv"
    "$dermaflux" run "$out/fit/case.fitted.yaml" --output "$out/fit/final" --quiet
    "$dermaflux" report "$out/fit"
    check "$out/fit" fit
    check "$out/fit/final" run
    for id in parameters correlation warnings final.endpoints; do
      grep -q "id=\"$id\"" "$out/fit/report.html" || { echo "no $id in the fit report"; exit 1; }
    done
    grep -q 'href="final/report.html"' "$out/fit/report.html" || { echo "the final run is not linked"; exit 1; }
    # A fit.json without parameters: a located error, no traceback.
    cp -r "$out/fit" "$out/bad-fit" && echo '{"objective": 1}' > "$out/bad-fit/fit.json"
    status=0
    "$dermaflux" report "$out/bad-fit" 2> "$out/bad-fit.err" || status=$?
    [ "$status" != 0 ] && grep -q "$out/bad-fit/fit.json: no \"parameters\" object" "$out/bad-fit.err" ||
      { echo "no located error for a fit.json without parameters:"; cat "$out/bad-fit.err"; exit 1; } ;;
  *) echo "report_test.sh: unknown kind $kind"; exit 2 ;;
esac
echo "report_test.sh: $kind report passed"
