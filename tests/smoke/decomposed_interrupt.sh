#!/usr/bin/env bash
# Stopping a case split over 2 MPI ranks, and resuming it. Called by CTest:
#   decomposed_interrupt.sh DERMAFLUX MPIEXEC "MPIEXEC_FLAGS" CASE OUT
# 1. SIGUSR1 to mpirun once the first output time is written (mpirun forwards it
#    to the ranks at once): every rank checkpoints at the same step, mpirun exits
#    with 130, the folder holds INTERRUPTED.txt saying how to resume, the ranks'
#    checkpoint files and no summary.json; said once, with no MPI abort.
# 2. Resuming on one process is refused (the checkpoint is the split run's).
# 3. Resuming on 2 ranks finishes with outputs byte-identical to an uninterrupted
#    run on 2 ranks, and removes the checkpoint files.
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
grep -q "mpirun -n 2 .* --resume" "$out/run/INTERRUPTED.txt" ||
  fail "INTERRUPTED.txt: $(cat "$out/run/INTERRUPTED.txt")"
[ ! -f "$out/run/summary.json" ] || fail "an interrupted run left summary.json"
for rank in 0000 0001; do
  compgen -G "$out/run/checkpoint.rank-$rank.gen-*.bin" > /dev/null || fail "no checkpoint of rank $rank"
done
[ "$(grep -c 'interrupted at t = ' "$out/run.log")" -eq 1 ] ||
  fail "the interruption was not said once: $(cat "$out/run.log")"
! grep -q MPI_ABORT "$out/run.log" || fail "the ranks aborted: $(cat "$out/run.log")"

status=0
"$dermaflux" run "$case_file" --output "$out/run" --resume --quiet > "$out/serial.log" 2>&1 || status=$?
[ "$status" -eq 2 ] && grep -q "belongs to a run split over 2 MPI ranks" "$out/serial.log" ||
  fail "a one-process resume of the split checkpoint: status $status, $(cat "$out/serial.log")"

# shellcheck disable=SC2086
"$mpiexec" -n 2 $flags "$dermaflux" run "$case_file" --output "$out/run" --threads 1 --resume \
  --quiet > "$out/resume.log" 2>&1 || fail "the resume failed: $(cat "$out/resume.log")"
# shellcheck disable=SC2086
"$mpiexec" -n 2 $flags "$dermaflux" run "$case_file" --output "$out/whole" --threads 1 --quiet \
  > "$out/whole.log" 2>&1 || fail "the uninterrupted run failed: $(cat "$out/whole.log")"
name=$(basename "$case_file" .yaml)
for file in timeseries.csv profiles.csv "$name.pvd"; do
  cmp -s "$out/run/$file" "$out/whole/$file" || fail "$file of the resumed run differs"
done
! compgen -G "$out/run/checkpoint*" > /dev/null || fail "the finished run left checkpoint files"
echo "decomposed_interrupt: 2 ranks stopped together with 130 and resumed to the same bytes"
