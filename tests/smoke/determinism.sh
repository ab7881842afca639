#!/usr/bin/env bash
# The same case gives the same bytes on every run and any thread count: every
# output file (timeseries.csv, profiles.csv, summary.json apart from its timing
# fields, the .pvd, every VTK snapshot, channels.vtp, case.resolved.yaml).
#
#   determinism.sh DERMAFLUX CASE SCRATCH_DIR
set -euo pipefail
dermaflux=$1 case_file=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch"

run() { "$dermaflux" run "$case_file" --until "2 h" --quiet --threads "$2" --output "$scratch/$1" > /dev/null; }
run one 1
run two 2
run two-again 2

# summary.json's wall_s and peak_rss_mb measure the machine, not the result.
untimed() { grep -v -e '"wall_s"' -e '"peak_rss_mb"' "$1"; }
for other in two two-again; do
  ( cd "$scratch/one" && find . -type f ! -name summary.json | sort ) > "$scratch/files-one"
  ( cd "$scratch/$other" && find . -type f ! -name summary.json | sort ) > "$scratch/files-$other"
  cmp -s "$scratch/files-one" "$scratch/files-$other" || { echo "FAIL: $other wrote other files"; exit 1; }
  [ "$(wc -l < "$scratch/files-one")" -ge 5 ] || { echo "FAIL: too few output files"; exit 1; }
  while read -r file; do
    cmp -s "$scratch/one/$file" "$scratch/$other/$file" || { echo "FAIL: $file differs (1 thread vs $other)"; exit 1; }
  done < "$scratch/files-one"
  cmp -s <(untimed "$scratch/one/summary.json") <(untimed "$scratch/$other/summary.json") ||
    { echo "FAIL: summary.json differs beyond its timing fields (1 thread vs $other)"; exit 1; }
done
echo "determinism: $(wc -l < "$scratch/files-one") files and summary.json identical on 1 and 2 threads, twice"
