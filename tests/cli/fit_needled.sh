#!/usr/bin/env bash
# `dermaflux fit` on a needled case under a serum-film regimen (issue 19: "works with
# any case"): synthetic data made by the model itself (tests/data/fit/needled_film.yaml:
# channel closure half-life 20 min, stratum corneum D = 6e-11 cm^2/s), two cells with
# 2 % seeded noise on the receptor and the stratum corneum; the fit recovers both
# within 5 % and its 95 % intervals hold the truth.
#
#   fit_needled.sh DERMAFLUX DATA_DIR (tests/data) SCRATCH_DIR
set -uo pipefail
. "$(dirname "$0")/common.sh"
dermaflux=$1 data=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1

"$dermaflux" run "$data/fit/needled_film.yaml" -o truth -q --threads 1 > /dev/null 2> err.txt ||
  fail "truth run: $(cat err.txt)"
python3 "$data/fit/needled_data.py" truth "$data/fit/needled_film.yaml" ||
  fail "needled_data.py"
"$dermaflux" fit needled_fit.yaml -o out --jobs 2 --threads 1 -q > out.txt 2> err.txt ||
  fail "fit: $(cat err.txt)"
python3 - out/fit.json <<'EOT' || fail "fit.json: $(cat out.txt)"
import json, sys
fit = json.load(open(sys.argv[1]))
assert fit["converged"], fit
truth = {"needles.closure_half_life": 1200.0, "skin.layers.stratum_corneum.diffusivity": 6e-15}
for key, true in truth.items():
    p = fit["parameters"][key]
    assert abs(p["value"] / true - 1) < 0.05, (key, p)
    assert p["ci95_low"] <= true <= p["ci95_high"], (key, p)
    assert p["identifiable"], (key, p)
EOT
echo "fit_needled.sh: all passed"
