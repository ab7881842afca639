#!/usr/bin/env bash
# `dermaflux fit` from the command line (issue 19): a fit to steady-state flux alone
# says D and K are not identifiable; bad inputs are one located error line, exit 2;
# a fit stopped by SIGTERM leaves no fit.json and the same command resumes it;
# case.fitted.yaml reproduces the fitted curve; run --measured copies the data.
#
#   fit.sh DERMAFLUX DATA_DIR (tests/data) SCRATCH_DIR
set -uo pipefail
. "$(dirname "$0")/common.sh"
dermaflux=$1 data=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
membrane=$data/fit/membrane.yaml

fit_file() {  # fit_file NAME DATA [OUTPUT]
  cat > "$1" <<EOT
base: $membrane
measured: $2
fit:
  skin.layers[0].diffusivity: [1e-11 cm^2/s, 1e-7 cm^2/s]
  skin.layers[0].partition: [0.05, 20]
output: ${3:-out_$1}
EOT
}

# Steady-state flux only (K D C0 / h = 43.2 ug/cm^2/h): only the product is fixed.
printf 'time_h,flux_ug_cm2_h,sd_flux_ug_cm2_h\n1.5,43.5,0.5\n1.6,42.9,0.5\n1.75,43.1,0.5\n1.9,43.6,0.5\n2,43.0,0.5\n' > steady.csv
fit_file steady.yaml steady.csv
"$dermaflux" fit steady.yaml -q > out.txt 2> err.txt || fail "steady fit: $(cat err.txt)"
grep -q "not identifiable" err.txt || fail "steady fit: no warning: $(cat err.txt)"
python3 - out_steady.yaml/fit.json <<'EOT' || fail "steady fit.json"
import json, sys
fit = json.load(open(sys.argv[1]))
assert not any(p["identifiable"] for p in fit["parameters"].values()), fit
assert fit["warnings"], fit
EOT

# Bad inputs.
printf 'time_h,receptor_ug_cm2\n1,2\n2,x\n' > malformed.csv
fit_file malformed.yaml malformed.csv
refused "malformed.csv:3:3: receptor_ug_cm2: expected a number" "$dermaflux" fit malformed.yaml
: > empty.csv
fit_file empty.yaml empty.csv
refused "empty.csv:1:1: header: .*found an empty file" "$dermaflux" fit empty.yaml
printf 'time_h,dermis_ug_cm2\n1,2\n' > unknown.csv
fit_file unknown.yaml unknown.csv
refused "unknown.csv:1:8: header: expected a column the case writes" "$dermaflux" fit unknown.yaml
sed 's/skin.layers\[0\].partition: \[0.05, 20\]/skin.layers[0].partitoin: [0.05, 20]/' steady.yaml > typo.yaml
refused "typo.yaml:5:29: fit.skin.layers\[0\].partitoin:" "$dermaflux" fit typo.yaml
refused "malformed.csv:3:3:" "$dermaflux" run "$membrane" --measured malformed.csv -o run_bad
cases=$(cd "$data/../../cases" && pwd)  # data is tests/data
printf 'time_h,serum,receptor_ug_cm2\n1,caffeine_3pct,2\n1,vitamin,3\n' > serum.csv
refused "serum.csv:3:3: serum: expected a serum of this comparison" "$dermaflux" compare \
  "$cases/compare_serums.yaml" --serums "$cases/serums/caffeine_3pct.yaml" --measured serum.csv \
  -o compare_bad
[ ! -e compare_bad ] || fail "a refused compare --measured made its folder"

# Synthetic Crank data with noise; stopped once an iteration is saved, then resumed.
python3 "$data/fit/crank_data.py" 5 > crank.csv
fit_file crank.yaml crank.csv
"$dermaflux" fit crank.yaml -q > /dev/null 2>&1 &
pid=$!
for _ in $(seq 1 1000); do [ -f out_crank.yaml/fit.state.json ] && break; sleep 0.01; done
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
if [ "$status" -eq 130 ]; then
  [ ! -f out_crank.yaml/fit.json ] || fail "an interrupted fit left fit.json"
  "$dermaflux" fit crank.yaml > out.txt 2> err.txt || fail "resumed fit: $(cat err.txt)"
  grep -q "resuming from iteration" err.txt || fail "no resumption: $(cat err.txt)"
else
  [ "$status" -eq 0 ] || fail "stopped fit: exit status $status"  # finished before the signal
fi
[ -f out_crank.yaml/fit.json ] || fail "no fit.json"
for name in fit.csv case.fitted.yaml measured.csv final/timeseries.csv; do
  [ -f "out_crank.yaml/$name" ] || fail "no $name"
done
cmp -s crank.csv out_crank.yaml/measured.csv || fail "measured.csv is not the data"
python3 - out_crank.yaml/fit.json <<'EOT' || fail "crank fit.json"
import json, sys
fit = json.load(open(sys.argv[1]))
d = fit["parameters"]["skin.layers[0].diffusivity"]
k = fit["parameters"]["skin.layers[0].partition"]
assert abs(d["value"] / 1e-13 - 1) < 0.05 and abs(k["value"] / 0.8 - 1) < 0.05, fit
assert d["unit"] == "m^2/s" and k["unit"] == "" and fit["converged"], fit
EOT

# The fitted case reproduces the fitted curve.
"$dermaflux" run out_crank.yaml/case.fitted.yaml -o rerun -q > /dev/null 2>&1 || fail "rerun"
cmp -s <(cut -d, -f1-5 rerun/timeseries.csv) <(cut -d, -f1-5 out_crank.yaml/final/timeseries.csv) ||
  fail "case.fitted.yaml does not reproduce final/"

# run --measured copies the data.
"$dermaflux" run "$membrane" --measured crank.csv -o run_measured -q > /dev/null || fail "run --measured"
cmp -s crank.csv run_measured/measured.csv || fail "run --measured did not copy the data"
echo "fit.sh: all passed"
