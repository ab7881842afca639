#!/usr/bin/env bash
# Shows that a change leaves the outputs of the shipped cases byte-identical:
# runs every case in cases/ with two dermaflux binaries (a reference built from
# the commit before, and the new one) and compares every output file byte for
# byte, apart from the run-environment fields of summary.json (wall_s, dermaflux_commit,
# peak_rss_mb) and the snapshot writer's provenance.
#
#   bash tests/smoke/same_outputs.sh OLD_DERMAFLUX NEW_DERMAFLUX [UNTIL] [WORKDIR]
#
# UNTIL (default "24 h", i.e. whole runs of the quick-start-sized cases) cuts the
# cases of more than 200 000 cells at "2 h" unless UNTIL is "full".
set -euo pipefail
old=$(realpath "$1")
new=$(realpath "$2")
until=${3:-default}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${4:-$(mktemp -d)}
heavy=" bench_unit_cell random_needles pen_stroke needle_list roller_passes "
different=0
strip_timing() {  # summary.json without the fields that measure the machine
  /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("wall_s", "peak_rss_mb", "dermaflux_commit"): d.pop(k, None)
print(json.dumps(d, sort_keys=True, indent=1))' "$1"
}
for case_file in "$root"/cases/*.yaml; do
  name=$(basename "$case_file" .yaml)
  args=(--quiet --threads 2)
  if [ "$until" = default ]; then
    case "$heavy" in *" $name "*) args+=(--until "2 h") ;; esac
  elif [ "$until" != full ]; then
    args+=(--until "$until")
  fi
  rm -rf "$work/old/$name" "$work/new/$name"
  mkdir -p "$work/old" "$work/new"
  "$old" run "$case_file" --output "$work/old/$name" "${args[@]}" > "$work/old/$name.log"
  "$new" run "$case_file" --output "$work/new/$name" "${args[@]}" > "$work/new/$name.log"
  while IFS= read -r file; do
    a="$work/old/$name/$file"
    b="$work/new/$name/$file"
    if [ ! -f "$b" ]; then
      echo "same_outputs: $name/$file is missing from the new run"; different=1; continue
    fi
    if [ "$(basename "$file")" = summary.json ]; then
      cmp -s <(strip_timing "$a") <(strip_timing "$b") || { echo "same_outputs: $name/$file differs"; different=1; }
    else
      cmp -s "$a" "$b" || { echo "same_outputs: $name/$file differs"; different=1; }
    fi
  done < <(cd "$work/old/$name" && find . -type f | sed 's|^\./||' | sort)
  extra=$(comm -13 <(cd "$work/old/$name" && find . -type f | sort) <(cd "$work/new/$name" && find . -type f | sort))
  [ -z "$extra" ] || { echo "same_outputs: $name: files only in the new run: $extra"; different=1; }
  echo "same_outputs: $name compared"
done
if [ "$different" -ne 0 ]; then
  echo "same_outputs: outputs DIFFER (runs kept in $work)"
  exit 1
fi
echo "same_outputs: every output of every shipped case is byte-identical (runs in $work)"
