#!/usr/bin/env bash
# Interrupted and starved runs, through the real program (issue: reliability):
#   1. SIGTERM mid-run: exit 130 within seconds, INTERRUPTED.txt and checkpoint.bin,
#      no summary.json; --resume then finishes with the timeseries.csv and
#      profiles.csv of an uninterrupted run, byte for byte.
#   2. A full disk (a file-size limit, prlimit --fsize, which fails writes with EFBIG
#      the way a full disk fails them with ENOSPC): one located error, exit 4,
#      FAILED.txt, no summary.json, the previous checkpoint kept; once there is room
#      again, --resume finishes with the uninterrupted run's files.
#
#   interruptions.sh DERMAFLUX DATA_DIR SCRATCH_DIR
set -euo pipefail
dermaflux=$1 data=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch"

fail() { echo "FAIL: $*" >&2; exit 1; }
same() { cmp -s "$1" "$2" || fail "$1 differs from $2"; }

# --- 1. SIGTERM ---------------------------------------------------------------
case_file=$data/small_pen.yaml
"$dermaflux" run "$case_file" --output "$scratch/whole" --quiet > /dev/null

"$dermaflux" run "$case_file" --output "$scratch/parts" --quiet > /dev/null 2> "$scratch/term.err" &
pid=$!
# Wait until a few outputs are on disk, so the signal lands mid-run.
# (up to 10 minutes: a slow build under load must not be stopped before the outputs)
for _ in $(seq 1 12000); do
  [ -f "$scratch/parts/timeseries.csv" ] && [ "$(wc -l < "$scratch/parts/timeseries.csv")" -ge 4 ] && break
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.05
done
kill -TERM "$pid"
signalled=$(date +%s.%N)
status=0
wait "$pid" || status=$?
stopped=$(date +%s.%N)
[ "$status" -eq 130 ] || fail "SIGTERM: expected exit status 130, got $status ($(cat "$scratch/term.err"))"
awk -v a="$signalled" -v b="$stopped" 'BEGIN { exit !(b - a < 5) }' ||
  fail "SIGTERM: the run took more than 5 s to stop"
[ -f "$scratch/parts/INTERRUPTED.txt" ] || fail "SIGTERM: no INTERRUPTED.txt"
[ -f "$scratch/parts/checkpoint.bin" ] || fail "SIGTERM: no checkpoint.bin"
[ ! -e "$scratch/parts/summary.json" ] || fail "SIGTERM: an interrupted run left summary.json"
grep -q -- "--resume" "$scratch/parts/INTERRUPTED.txt" || fail "INTERRUPTED.txt does not say how to resume"

"$dermaflux" run "$case_file" --output "$scratch/parts" --quiet --resume > /dev/null
[ -f "$scratch/parts/summary.json" ] || fail "resume: no summary.json"
[ ! -e "$scratch/parts/INTERRUPTED.txt" ] || fail "resume: INTERRUPTED.txt left behind"
[ ! -e "$scratch/parts/checkpoint.bin" ] || fail "resume: checkpoint.bin left behind"
same "$scratch/whole/timeseries.csv" "$scratch/parts/timeseries.csv"
same "$scratch/whole/profiles.csv" "$scratch/parts/profiles.csv"

# --- 2. Full disk -------------------------------------------------------------
case_file=$data/column.yaml
"$dermaflux" run "$case_file" --output "$scratch/column-whole" --quiet > /dev/null
limit=$(( $(stat -c %s "$scratch/column-whole/profiles.csv") / 3 ))
status=0
prlimit --fsize="$limit" "$dermaflux" run "$case_file" --output "$scratch/column" --quiet \
  --checkpoint-interval 0.000001 > /dev/null 2> "$scratch/full.err" || status=$?
[ "$status" -eq 4 ] || fail "full disk: expected exit status 4, got $status ($(cat "$scratch/full.err"))"
[ "$(wc -l < "$scratch/full.err")" -eq 1 ] || fail "full disk: expected one line, got: $(cat "$scratch/full.err")"
grep -q "cannot write '.*profiles.csv\|cannot write .*profiles.csv" "$scratch/full.err" ||
  fail "full disk: the message does not name the file: $(cat "$scratch/full.err")"
[ -f "$scratch/column/FAILED.txt" ] || fail "full disk: no FAILED.txt"
[ -f "$scratch/column/checkpoint.bin" ] || fail "full disk: the previous checkpoint is gone"
[ ! -e "$scratch/column/summary.json" ] || fail "full disk: a failed run left summary.json"

"$dermaflux" run "$case_file" --output "$scratch/column" --quiet --resume > /dev/null
[ ! -e "$scratch/column/FAILED.txt" ] || fail "resume after a full disk: FAILED.txt left behind"
same "$scratch/column-whole/timeseries.csv" "$scratch/column/timeseries.csv"
same "$scratch/column-whole/profiles.csv" "$scratch/column/profiles.csv"
echo "interruptions: SIGTERM and full disk both stop cleanly and resume bit for bit"
