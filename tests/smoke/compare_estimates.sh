#!/usr/bin/env bash
# `dermaflux compare` estimates the layer values a case leaves out for each serum
# from that serum's own molecular weight and log P (issue 14): on the quick-start's
# skin and pen with caffeine and niacinamide, the enhancement ratios differ, each
# serum's case.resolved.yaml names its own molecular weight in the estimates'
# formulas, and the niacinamide run is byte for byte the `dermaflux run` of the case
# with that serum written in. A case that gives layer values for caffeine is refused
# for niacinamide without --same-skin and runs with it, saying so.
#
#   compare_estimates.sh DERMAFLUX DATA_DIR CASES_DIR SCRATCH_DIR
set -euo pipefail
dermaflux=$1 data=$2 cases=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch"
fail() { echo "FAIL: $*"; exit 1; }

"$dermaflux" compare "$data/case.yaml" --quiet --output "$scratch/compare" \
  --serums "$cases/serums/caffeine_3pct.yaml" "$cases/serums/niacinamide_5pct.yaml" \
  > "$scratch/compare.log"

# The enhancement ratios of the two serums differ.
ratios=$(/usr/bin/python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(" ".join(r["enhancement_ratio"] for r in rows))' "$scratch/compare/comparison.csv")
read -r first second <<< "$ratios"
[ -n "$first" ] && [ -n "$second" ] || fail "comparison.csv lacks an enhancement ratio: $ratios"
[ "$first" != "$second" ] || fail "both serums have the enhancement ratio $first"

# Each serum's resolved case names its own molecular weight in the formulas.
for pair in caffeine_3pct:194.19 niacinamide_5pct:122.12; do
  label=${pair%%:*} mw=${pair#*:}
  for folder in "$label" "$label-intact"; do
    resolved="$scratch/compare/$folder/case.resolved.yaml"
    estimated=$(grep -c "estimated: " "$resolved")
    [ "$estimated" -ge 3 ] && [ "$(grep -c "estimated: .*with MW = $mw" "$resolved")" -eq "$estimated" ] ||
      fail "$folder/case.resolved.yaml does not name MW $mw in each of its $estimated estimates"
    grep -q "with MW = $( [ "$mw" = 194.19 ] && echo 122.12 || echo 194.19 )" "$resolved" &&
      fail "$folder/case.resolved.yaml names the other serum's molecular weight"
  done
done

# The niacinamide run equals `dermaflux run` of the case with that serum written in
# (the serum file's keys under serum:, the name compare gives the run, and the case's
# own output folder, which compare's runs keep).
/usr/bin/python3 - "$data/case.yaml" "$cases/serums/niacinamide_5pct.yaml" \
  > "$scratch/written_in.yaml" <<'PY'
import sys
case = open(sys.argv[1]).read().splitlines()
serum = [l for l in open(sys.argv[2]).read().splitlines()
         if l.split(":")[0] in ("active", "molecular_weight", "log_p", "concentration", "dose",
                                "diffusivity")]
out = []
for line in case:
    if line.startswith("name:"):
        line = "name: compare-estimates-niacinamide_5pct"
    if line.startswith("serum:"):
        break
    out.append(line)
print("\n".join(out + ["output: {directory: results/compare-estimates}", "serum:"] +
                ["  " + l for l in serum]))
PY
"$dermaflux" run "$scratch/written_in.yaml" --quiet --output "$scratch/run" > /dev/null
untimed() { grep -v -e '"wall_s"' -e '"peak_rss_mb"' "$1"; }
# compare also writes each serum's report.html (it names its folder and date).
( cd "$scratch/run" && find . -type f | sort ) > "$scratch/files-run"
( cd "$scratch/compare/niacinamide_5pct" && find . -type f ! -name report.html | sort ) > "$scratch/files-compare"
cmp -s "$scratch/files-run" "$scratch/files-compare" || fail "compare and run wrote other files"
while read -r file; do
  if [ "$(basename "$file")" = summary.json ]; then
    cmp -s <(untimed "$scratch/run/$file") <(untimed "$scratch/compare/niacinamide_5pct/$file")
  else
    cmp -s "$scratch/run/$file" "$scratch/compare/niacinamide_5pct/$file"
  fi || fail "$file of compare's niacinamide run differs from dermaflux run's"
done < "$scratch/files-run"

# Layer values given for caffeine: refused for niacinamide, reused with --same-skin.
sed 's/^  preset: forearm$/  preset: forearm\n  layers:\n    - {name: dermis, partition: 1.0}/' \
  "$data/case.yaml" > "$scratch/given.yaml"
set +e
"$dermaflux" compare "$scratch/given.yaml" --quiet --output "$scratch/refused" \
  --serums "$cases/serums/niacinamide_5pct.yaml" > /dev/null 2> "$scratch/refused.err"
status=$?
set -e
[ "$status" -eq 2 ] || fail "compare of given layer values for another active: status $status, not 2"
[ "$(wc -l < "$scratch/refused.err")" -eq 1 ] || fail "more than one error line: $(cat "$scratch/refused.err")"
grep -q "^dermaflux: error: $scratch/given.yaml gives the layer values dermis partition for caffeine.*--same-skin" \
  "$scratch/refused.err" || fail "unexpected error: $(cat "$scratch/refused.err")"
[ ! -e "$scratch/refused" ] || fail "a refused compare ran"
"$dermaflux" compare "$scratch/given.yaml" --quiet --output "$scratch/same-skin" --same-skin \
  --serums "$cases/serums/niacinamide_5pct.yaml" > /dev/null 2> "$scratch/same-skin.err"
grep -q "^dermaflux: compare: --same-skin: every serum runs with .*dermis partition" \
  "$scratch/same-skin.err" || fail "no --same-skin notice: $(cat "$scratch/same-skin.err")"
echo "compare_estimates: ratios $first and $second, own MW in every resolved case, run and compare agree, --same-skin enforced"
