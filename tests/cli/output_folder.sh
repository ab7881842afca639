#!/usr/bin/env bash
# The output folder belongs to one run (issue 17, section 2): a lock refuses a second
# run, compare or batch into a folder in use, naming the process, and the first goes on
# undisturbed; a run refuses what it did not write (unknown files, another case's run)
# unless --overwrite, which removes only a run's own files; symbolic links inside the
# folder are refused; a refused --resume changes nothing; a killed run's temporaries
# go; --resume --until works, towards another end too; a batch reruns a finished case
# that is not its own.
#
#   output_folder.sh DERMAFLUX DATA_DIR (tests/data) SCRATCH_DIR
set -uo pipefail
. "$(dirname "$0")/common.sh"
dermaflux=$1 data=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
pen=$data/interrupt/small_pen.yaml
column=$data/interrupt/column.yaml

run() { "$dermaflux" run "$@" --quiet -t 1 > /dev/null 2> run.err || fail "run $*: $(cat run.err)"; }
# stopped_run FOLDER LINES [ARGS...]: the pen case run into FOLDER, stopped by SIGTERM
# once timeseries.csv has LINES lines.
stopped_run() {
  local folder=$1 lines=$2
  shift 2
  "$dermaflux" run "$pen" -o "$folder" "$@" --quiet -t 1 > /dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 30000); do # up to 10 minutes, however slow the build
    [ -f "$folder/timeseries.csv" ] && [ "$(wc -l < "$folder/timeseries.csv")" -ge "$lines" ] && break
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.02
  done
  kill -TERM "$pid"
  wait "$pid"
}
listing() { (cd "$1" && find . -type f -exec md5sum {} + | sort -k2); }

run "$pen" -o reference

# --- the lock: a second run, compare, batch refused at once; the first undisturbed
"$dermaflux" run "$pen" -o busy --quiet -t 1 > /dev/null 2> busy.err &
pid=$!
for _ in $(seq 1 30000); do [ -f busy/timeseries.csv ] && break; kill -0 "$pid" 2> /dev/null || break; sleep 0.02; done
kill -STOP "$pid"
refused ".*in use by dermaflux process $pid" "$dermaflux" run "$pen" -o busy
refused ".*in use by dermaflux process $pid" "$dermaflux" run "$pen" -o busy --overwrite
refused ".*in use by dermaflux process $pid" "$dermaflux" compare "$data/compare/case.yaml" \
  --serums "$data/compare/caffeine_1pct.yaml" -o busy
printf 'base: %s\nvary:\n  time.end: [1 h]\noutput: busy\n' "$column" > busy.sweep.yaml
refused ".*in use by dermaflux process $pid" "$dermaflux" batch busy.sweep.yaml
kill -CONT "$pid"
wait "$pid" || fail "the first run did not finish: $(cat busy.err)"
cmp -s reference/timeseries.csv busy/timeseries.csv || fail "the first run was disturbed"
[ ! -e busy/.dermaflux.lock ] || fail "a finished run left its lock file"
[ "$(ls -A busy)" = "$(ls -A reference)" ] || fail "the folder holds other files than a run's"

# --- what a run did not write ----------------------------------------------------
mkdir -p mine && echo "my notes" > mine/notes.txt
refused ".*holds files dermaflux does not write (notes.txt)" "$dermaflux" run "$pen" -o mine
run "$pen" -o mine --overwrite
[ "$(cat mine/notes.txt)" = "my notes" ] || fail "--overwrite removed a file dermaflux did not write"

# another case's finished run; another case's interrupted run
refused ".*holds a finished run of another case (small-pen)" "$dermaflux" run "$column" -o reference
cp -r reference stopped && echo "stopped" > stopped/INTERRUPTED.txt && rm stopped/summary.json
refused ".*holds an interrupted run of another case" "$dermaflux" run "$column" -o stopped
run "$column" -o stopped --overwrite
[ ! -e stopped/INTERRUPTED.txt ] || fail "--overwrite kept the other case's marker"
[ "$(ls -A stopped)" = "$(ls -A "$(run "$column" -o column_alone; echo column_alone)")" ] ||
  fail "--overwrite left another case's files: $(ls -A stopped)"

# the same case cut short by --until, then run whole: fine without --overwrite
run "$pen" -o growing --until "2 h"
run "$pen" -o growing
cmp -s reference/timeseries.csv growing/timeseries.csv || fail "the whole run after --until differs"

# --- symbolic links inside the folder: never followed nor written through ---------
mkdir -p outside && echo "precious" > outside/timeseries.csv
mkdir -p linked && ln -s ../outside/timeseries.csv linked/timeseries.csv
refused ".*symbolic link" "$dermaflux" run "$pen" -o linked --overwrite
mkdir -p linked_snapshots && ln -s ../outside linked_snapshots/snapshots
refused ".*symbolic link" "$dermaflux" run "$pen" -o linked_snapshots --overwrite
[ "$(cat outside/timeseries.csv)" = "precious" ] || fail "a run wrote through a symbolic link"
[ "$(ls outside)" = "timeseries.csv" ] || fail "a run wrote into a linked folder: $(ls outside)"

# --- a refused --resume changes nothing; temporaries of a killed run go ---------
stopped_run parts 6
[ -f parts/checkpoint.bin ] || fail "no checkpoint to resume"
before=$(listing parts)
sed 's/partition: 0.8/partition: 0.7/' "$pen" > other_pen.yaml
refused ".*belongs to another case" "$dermaflux" run other_pen.yaml -o parts --resume
[ "$(listing parts)" = "$before" ] || fail "a refused --resume (another case) changed the folder"
cp parts/checkpoint.bin checkpoint.saved && head -c 100 checkpoint.saved > parts/checkpoint.bin
before=$(listing parts)
status=0
"$dermaflux" run "$pen" -o parts --resume --quiet > /dev/null 2> err.txt || status=$?
[ "$status" -ne 0 ] || fail "a damaged checkpoint was resumed"
[ "$(listing parts)" = "$before" ] || fail "a refused --resume (damaged checkpoint) changed the folder"
cp checkpoint.saved parts/checkpoint.bin
echo "half" > parts/.timeseries.csv.tmp.99999.0
echo "half" > parts/snapshots/.small-pen_0003.vtr.tmp.99999.1
run "$pen" -o parts --resume
[ -z "$(find parts -name '.*.tmp.*')" ] || fail "a killed run's temporaries were left: $(find parts -name '.*.tmp.*')"
cmp -s reference/timeseries.csv parts/timeseries.csv || fail "the resumed run differs"

# --- --resume --until: stopped within a --until run, resumed with the same --until
stopped_run cut 4 --until "12 h"
run "$pen" -o cut --resume --until "12 h"
run "$pen" -o cut_whole --until "12 h"
cmp -s cut_whole/timeseries.csv cut/timeseries.csv || fail "--resume --until differs from --until"
# ... and towards another end: a run stopped on its way to 12 h resumed to the case's
# own end, and a whole run stopped early resumed to 12 h, equal the uninterrupted ones
stopped_run longer 4 --until "12 h"
run "$pen" -o longer --resume
cmp -s reference/timeseries.csv longer/timeseries.csv || fail "resumed past its --until, it differs"
stopped_run shorter 4
run "$pen" -o shorter --resume --until "12 h"
cmp -s cut_whole/timeseries.csv shorter/timeseries.csv || fail "resumed to an --until, it differs"
# a finished --until run has no checkpoint: continuing it is refused, clearly
refused ".*no checkpoint to continue from" "$dermaflux" run "$pen" -o cut_whole --resume

# --- batch: a finished case that is not the sweep's runs again, and says so ------
printf 'base: %s\nvary:\n  time.end: [1 h, 2 h]\noutput: sweep\n' "$column" > two.sweep.yaml
"$dermaflux" batch two.sweep.yaml --quiet > /dev/null 2>&1 || fail "batch failed"
first=$(ls sweep | grep '^0000-')
second=$(ls sweep | grep '^0001-')
cp -r "sweep/$second/." "sweep/$first/"  # a finished 2 h run where the 1 h case belongs
"$dermaflux" batch two.sweep.yaml --quiet > /dev/null 2> batch.err || fail "batch rerun failed"
grep -q "$first holds a finished run whose case.resolved.yaml is not this sweep's" batch.err ||
  fail "batch trusted a finished run of another case: $(cat batch.err)"
grep -q "end: 3600 s" "sweep/$first/case.resolved.yaml" || fail "batch did not rerun the case"
echo "output folder: all situations behave"
