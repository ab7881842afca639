#!/usr/bin/env bash
# Stopping the MPI task farm, and resuming it. Called by CTest:
#   farm_interrupt.sh DERMAFLUX MPIEXEC "MPIEXEC_FLAGS" DATA OUT
# 1. mpirun -n 2 ... batch, SIGTERM to mpirun as soon as the first case has
#    started (its folder appeared): mpirun passes SIGTERM to the ranks a second
#    later (the sweep takes longer), and they checkpoint their running cases
#    (INTERRUPTED.txt, checkpoint.bin) within the second it gives them before
#    SIGKILL.
# 2. The same command again resumes those cases and finishes the sweep with the
#    serial batch's outputs, byte for byte apart from wall_s and peak_rss_mb.
# 3. SIGUSR1 instead: mpirun forwards it without killing; the farm stops the same
#    way and mpirun exits with the ranks' status, 130.
set -euo pipefail
dermaflux=$1 mpiexec=$2 flags=$3 data=$4 out=$5
sweep=$data/long.sweep.yaml
rm -rf "$out" && mkdir -p "$out"
fail() { echo "farm_interrupt: $*" >&2; exit 1; }

# Starts the farm in the background into $1, signals it with $2 once a case has
# started, and sets `status` to mpirun's exit status.
run_and_signal() {
  local folder=$1 signal=$2 waited=0
  # shellcheck disable=SC2086  # the flags are words
  "$mpiexec" -n 2 $flags "$dermaflux" batch "$sweep" --output "$folder" --quiet \
    < /dev/null > "$folder.log" 2>&1 &
  local pid=$!
  until compgen -G "$folder/*/case.resolved.yaml" > /dev/null; do
    kill -0 "$pid" 2> /dev/null || fail "the farm ended before a case started: $(cat "$folder.log")"
    sleep 0.02
    waited=$((waited + 1))
    [ "$waited" -lt 3000 ] || { kill -KILL "$pid"; fail "no case started within 60 s"; }
  done
  kill "-$signal" "$pid"
  status=0
  wait "$pid" || status=$?
}

"$dermaflux" batch "$sweep" --output "$out/serial" --jobs 2 --quiet > /dev/null

run_and_signal "$out/farm" TERM
[ "$status" -ne 0 ] || fail "mpirun exited with 0 after SIGTERM"
compgen -G "$out/farm/*/checkpoint.bin" > /dev/null ||
  fail "SIGTERM left no checkpoint.bin: $(cat "$out/farm.log")"
compgen -G "$out/farm/*/INTERRUPTED.txt" > /dev/null || fail "SIGTERM left no INTERRUPTED.txt"

# shellcheck disable=SC2086
"$mpiexec" -n 2 $flags "$dermaflux" batch "$sweep" --output "$out/farm" --quiet \
  < /dev/null > "$out/rerun.log" 2>&1 || fail "the rerun failed: $(cat "$out/rerun.log")"
grep -q "already finished, 0 failed" "$out/rerun.log" || fail "the rerun: $(cat "$out/rerun.log")"
# report.html names its folder, command line and date: not the farm's to match.
(cd "$out/serial" && find . -type f ! -name report.html | sort) > "$out/serial.files"
(cd "$out/farm" && find . -type f ! -name report.html | sort) > "$out/farm.files"
diff "$out/serial.files" "$out/farm.files" || fail "the resumed sweep holds other files"
while read -r name; do
  case $name in
    ./batch.csv) diff <(sed 's/,[^,]*$//' "$out/serial/$name") <(sed 's/,[^,]*$//' "$out/farm/$name") ;;
    */summary.json) diff <(grep -Ev '"(wall_s|peak_rss_mb)"' "$out/serial/$name") \
                         <(grep -Ev '"(wall_s|peak_rss_mb)"' "$out/farm/$name") ;;
    *) cmp "$out/serial/$name" "$out/farm/$name" ;;
  esac || fail "$name differs from the serial batch's after resuming"
done < "$out/serial.files"

run_and_signal "$out/usr1" USR1
[ "$status" -eq 130 ] || fail "SIGUSR1: expected exit status 130, found $status: $(cat "$out/usr1.log")"
compgen -G "$out/usr1/*/checkpoint.bin" > /dev/null || fail "SIGUSR1 left no checkpoint.bin"
echo "farm_interrupt: stopped, resumed and identical to the serial batch"
