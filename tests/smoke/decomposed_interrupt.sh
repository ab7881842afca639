#!/usr/bin/env bash
# Stopping a case split over 2 MPI ranks. Called by CTest:
#   decomposed_interrupt.sh DERMAFLUX MPIEXEC "MPIEXEC_FLAGS" CASE OUT
# SIGUSR1 to mpirun once the first output time is written (mpirun forwards it to
# the ranks at once): every rank stops at the same step, mpirun exits with 130,
# the folder holds INTERRUPTED.txt saying the run must be started again (a split
# run writes no checkpoint) and no summary.json, and the error is said once, with
# no MPI abort.
set -euo pipefail
dermaflux=$1 mpiexec=$2 flags=$3 case_file=$4 out=$5
fail() { echo "decomposed_interrupt: $*" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"

# shellcheck disable=SC2086  # the flags are words
"$mpiexec" -n 2 $flags "$dermaflux" run "$case_file" --output "$out/run" --threads 1 \
  < /dev/null > "$out/run.log" 2>&1 &
pid=$!
waited=0
until [ -f "$out/run/timeseries.csv" ] && [ "$(wc -l < "$out/run/timeseries.csv")" -ge 3 ]; do
  kill -0 "$pid" 2> /dev/null || fail "the run ended before it could be stopped: $(cat "$out/run.log")"
  sleep 0.05
  waited=$((waited + 1))
  [ "$waited" -lt 2400 ] || { kill -KILL "$pid"; fail "no output within 120 s"; }
done
kill -USR1 "$pid"
status=0
wait "$pid" || status=$?
[ "$status" -eq 130 ] || fail "mpirun exited with $status, not 130: $(cat "$out/run.log")"
[ -f "$out/run/INTERRUPTED.txt" ] || fail "no INTERRUPTED.txt"
grep -q "run it again" "$out/run/INTERRUPTED.txt" || fail "INTERRUPTED.txt: $(cat "$out/run/INTERRUPTED.txt")"
[ ! -f "$out/run/summary.json" ] || fail "an interrupted run left summary.json"
[ "$(grep -c 'cannot resume: run it again' "$out/run.log")" -eq 1 ] ||
  fail "the interruption was not said once: $(cat "$out/run.log")"
! grep -q MPI_ABORT "$out/run.log" || fail "the ranks aborted: $(cat "$out/run.log")"
echo "decomposed_interrupt: 2 ranks stopped together with 130"
