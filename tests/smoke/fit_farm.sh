#!/usr/bin/env bash
# `dermaflux fit` under mpirun (issue 19): each batch of runs (the base point and the
# finite-difference points of one Jacobian) farmed over the ranks (app/FitFarm.hpp).
# The runs are whole deterministic cases, so the farmed fit must give fit.json's
# numbers and fit.csv bit for bit as the fit in one process: for Crank's membrane and
# for a needled case under a serum-film regimen. Bad input is said once, by rank 0.
# Called by CTest:
#   fit_farm.sh DERMAFLUX MPIEXEC "MPIEXEC_FLAGS" RANKS DATA_DIR (tests/data) OUT
set -euo pipefail
dermaflux=$1 mpiexec=$2 flags=$3 ranks=$4 data=$5 out=$6
fail() { echo "fit_farm: $*" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out" && cd "$out"

# Crank's membrane Q(t) (as tests/cli/fit.sh) with seeded noise, D and K fitted.
python3 "$data/fit/crank_data.py" 7 > crank.csv
cat > crank.yaml <<EOT
base: $data/fit/membrane.yaml
measured: crank.csv
fit:
  skin.layers[0].diffusivity: [1e-11 cm^2/s, 1e-7 cm^2/s]
  skin.layers[0].partition: [0.05, 20]
output: unused
EOT

# The same fit in one process and farmed over the ranks: same_fit FIT_FILE NAME.
same_fit() {
  local fit_file=$1 name=$2
  "$dermaflux" fit "$fit_file" -o "$name.single" --jobs 2 --threads 1 -q > "$name.single.log" 2>&1 ||
    fail "$name: fit in one process: $(cat "$name.single.log")"
  # shellcheck disable=SC2086  # the flags are words
  "$mpiexec" -n "$ranks" $flags "$dermaflux" fit "$fit_file" -o "$name.farm" --jobs 1 --threads 1 \
    > "$name.farm.log" 2>&1 || fail "$name: mpirun -n $ranks fit: $(cat "$name.farm.log")"
  [ "$(grep -c "^dermaflux: fit $fit_file" "$name.farm.log")" -eq 1 ] ||
    fail "$name: the result is not printed once (by rank 0 alone): $(cat "$name.farm.log")"
  cmp -s "$name.single/fit.csv" "$name.farm/fit.csv" ||
    fail "$name: fit.csv differs from the fit in one process"
  python3 - "$name.single/fit.json" "$name.farm/fit.json" <<'EOT' ||
import json, sys
single, farm = (json.load(open(name)) for name in sys.argv[1:])
def numbers(fit):  # everything but the wall time: values, intervals, correlations, runs
    return {k: v for k, v in fit.items() if k != "wall_s"}
assert single["converged"], single
for key, parameter in single["parameters"].items():
    assert farm["parameters"][key]["value"] == parameter["value"], (key, parameter, farm)
assert numbers(single) == numbers(farm), (single, farm)
EOT
    fail "$name: fit.json differs from the fit in one process"
}
same_fit crank.yaml crank

# A needled case under a serum-film regimen (as tests/cli/fit_needled.sh).
"$dermaflux" run "$data/fit/needled_film.yaml" -o needled_truth -q --threads 1 > /dev/null
python3 "$data/fit/needled_data.py" needled_truth "$data/fit/needled_film.yaml"
same_fit needled_fit.yaml needled

# Bad input: said once (by rank 0), every rank leaves with status 2, none waits.
sed 's/partition: \[0.05, 20\]/partitoin: [0.05, 20]/' crank.yaml > typo.yaml
status=0
# shellcheck disable=SC2086
timeout 60 "$mpiexec" -n "$ranks" $flags "$dermaflux" fit typo.yaml -o typo > typo.log 2>&1 ||
  status=$?
[ "$status" -eq 2 ] || fail "a bad fit file under mpirun: status $status: $(cat typo.log)"
[ "$(grep -c '^dermaflux: error: .*partitoin' typo.log)" -eq 1 ] ||
  fail "a bad fit file under mpirun is not said once: $(cat typo.log)"
echo "fit_farm: $ranks ranks give the fit of one process, bit for bit"
