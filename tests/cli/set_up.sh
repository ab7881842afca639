#!/usr/bin/env bash
# Bounded, interruptible set-up (issue 17, section 3): `check` refuses what `run`
# refuses, with the same message, within seconds (a 6 mm patch at 1 um: the mesh's
# size from its planes, not by building it; a 1 nm or 0.1 nm vertical spacing);
# a stop signal during a long set-up ends the run within a second; a case whose
# steps are far too small warns once, clearly.
#
#   set_up.sh DERMAFLUX CASES_DIR DATA_DIR SCRATCH_DIR
set -uo pipefail
. "$(dirname "$0")/common.sh"
dermaflux=$1 cases=$2 data=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1

# same_refusal NAME PATTERN: check and run of NAME.yaml both exit 2 within 20 s with
# the same one-line message matching PATTERN; run leaves no folder behind.
same_refusal() {
  local name=$1 pattern=$2 status
  for command in check run; do
    status=0
    timeout 20 "$dermaflux" $command "$name.yaml" > /dev/null 2> "$name.$command.err" || status=$?
    [ "$status" -eq 2 ] || fail "$command $name: exit status $status: $(cat "$name.$command.err")"
    grep -q "^dermaflux: error: .*$pattern" "$name.$command.err" ||
      fail "$command $name: unexpected message: $(cat "$name.$command.err")"
  done
  # The memory available moves between the two commands (other processes): the
  # figure is masked, the rest of the message must be the same.
  local mask='s/only [0-9.]* GiB is available/only N GiB is available/'
  cmp -s <(sed "$mask" "$name.check.err") <(sed "$mask" "$name.run.err") ||
    fail "$name: check and run say different things: $(cat "$name.check.err" "$name.run.err")"
  [ ! -e "results/$name" ] || fail "$name: a refused run left its folder"
}

quickstart() {  # quickstart() NAME SED-EXPRESSIONS...: a variant of the quick-start case
  local name=$1
  shift
  sed "$@" -e "s|directory: results/quickstart|directory: results/$name|" "$cases/quickstart.yaml" > "$name.yaml"
}
quickstart patch -e 's/lateral: periodic/lateral: no_flux\n  width: 6 mm\n  length: 6 mm/' \
  -e 's/lateral_spacing: 20 um/lateral_spacing: 1 um/'
same_refusal patch "the mesh has [0-9]* cells and needs about .* of memory"
quickstart fine_nm -e 's/lateral_spacing: 20 um/lateral_spacing: 20 um\n  max_vertical_spacing: 1 nm/'
same_refusal fine_nm "more than 10^6 cell layers"
quickstart finer -e 's/lateral_spacing: 20 um/lateral_spacing: 20 um\n  max_vertical_spacing: 0.1 nm/'
same_refusal finer "more than 10^6 cell layers (raise mesh.max_vertical_spacing"

# --- a stop signal during a long set-up (meshing, rasterising, the hierarchy) -----
quickstart slow -e 's/lateral: periodic/lateral: no_flux\n  width: 3 mm\n  length: 3 mm/' \
  -e 's/lateral_spacing: 20 um/lateral_spacing: 10 um/'
"$dermaflux" run slow.yaml -o slow --quiet -t 1 > /dev/null 2> slow.err &
pid=$!
sleep 1.5
signalled=$(date +%s.%N)
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
stopped=$(date +%s.%N)
[ "$status" -eq 130 ] || fail "SIGTERM during set-up: exit status $status: $(cat slow.err)"
awk -v a="$signalled" -v b="$stopped" 'BEGIN { exit !(b - a < 1) }' ||
  fail "SIGTERM during set-up: more than a second to stop"
grep -q "stopped during set-up" slow.err || fail "SIGTERM during set-up: $(cat slow.err)"

# --- steps far too small: one warning, early --------------------------------------
sed 's/output_every: 30 min/output_every: 30 min\n  max_step: 0.5 s/' "$data/interrupt/column.yaml" > tiny.yaml
"$dermaflux" run tiny.yaml -o tiny --quiet -t 1 > /dev/null 2> tiny.err &
pid=$!
for _ in $(seq 1 300); do grep -q "warning" tiny.err && break; sleep 0.1; done
kill -TERM "$pid"
wait "$pid"
[ "$(grep -c "^dermaflux: warning: .* steps to t = .*time.max_step" tiny.err)" -eq 1 ] ||
  fail "tiny steps: expected one warning: $(cat tiny.err)"
steps=$(sed -n 's/^dermaflux: warning: \([0-9]*\) steps.*/\1/p' tiny.err)
[ "$steps" -le 2001 ] || fail "tiny steps: the warning came late, after $steps steps"
echo "set-up: all situations behave"
