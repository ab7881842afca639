#!/usr/bin/env bash
# One case split over MPI ranks (`mpirun -n P dermaflux run`) against the same case
# on one process. Called by CTest:
#   decomposed_run.sh DERMAFLUX MPIEXEC "MPIEXEC_FLAGS" CASE RANKS OUT [PXxPYxPZ]
# (the last: --decomposition; without it the run chooses its split)
# 1. The serial run, then the split one: every number of timeseries.csv and
#    profiles.csv within 1e-8 relative of the serial run's (the two differ only in
#    the order the ranks' sums are added; mass_balance_rel, a rounding-level figure,
#    only below 1e-9 in both); the same steps; summary.json says how many ranks.
# 2. Each output time's snapshot is a .pvtr listing one piece per rank, all there,
#    inside the whole grid and together as many cells; the .pvd lists the .pvtr
#    files. (That VTK reads such pieces back as the whole grid is
#    VtkSnapshot.PiecesOfBlocksReadBackAsTheWholeGridThroughThePvtr.)
# 3. On 2 ranks: --resume of the finished run (nothing to resume) is refused with
#    one error line, said once, not once per rank. (Stopping and resuming a split
#    run: decomposed_interrupt.sh.)
set -euo pipefail
dermaflux=$1 mpiexec=$2 flags=$3 case_file=$4 ranks=$5 out=$6 parts=${7:-}
split=()
[ -z "$parts" ] || split=(--decomposition "$parts")
fail() { echo "decomposed_run: $*" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"
name=$(basename "$case_file" .yaml)
# DECOMPOSED_BACKEND=dermaflux: the case on our own solver, serial and split
# (DERMAFLUX_SPLIT_SOLVER=dermaflux; the cases name hypre), at a linear tolerance
# of 1e-12: the split run's preconditioner is not the serial one's, so their
# answers differ by what the tolerance leaves. The split run must say it solved
# with ours; its CG iterations are reported, and must stay within 1.3 times the
# serial run's, in columns and where the split cuts z (the multigrid's levels split
# over the blocks, its z-lines joined across z cuts: linear/DistributedMultigrid.hpp).
ours=false
if [ "${DECOMPOSED_BACKEND:-}" = dermaflux ]; then
  ours=true
  export DERMAFLUX_SPLIT_SOLVER=dermaflux
  [ "${DECOMPOSED_COARSE:-}" != compare ] || export DERMAFLUX_COARSE_RANKS=1
  sed -e 's/backend: hypre, //' -e 's/linear_tolerance: 1e-10/linear_tolerance: 1e-12/' \
    "$case_file" > "$out/$name.yaml"
  case_file=$out/$name.yaml
  ! grep -q 'backend' "$case_file" || fail "could not drop the backend of $case_file"
fi

"$dermaflux" run "$case_file" --output "$out/serial" --threads 1 --quiet > /dev/null
# shellcheck disable=SC2086  # the flags are words
"$mpiexec" -n "$ranks" $flags "$dermaflux" run "$case_file" --output "$out/split" --threads 1 \
  --quiet ${split[@]+"${split[@]}"} > "$out/split.log" 2>&1 ||
  fail "mpirun -n $ranks failed: $(cat "$out/split.log")"
[ -z "$parts" ] || grep -q "as ${parts//x/ x } blocks" "$out/split.log" ||
  fail "the run does not say it split as $parts: $(cat "$out/split.log")"
[ -f "$out/split/summary.json" ] || fail "the split run wrote no summary.json"
if $ours; then
  grep -q "solved with our CG" "$out/split.log" || fail "the run does not say it solved with ours"
fi

# Numbers of two CSV files, field by field.
compare_csv() {
  awk -F, -v file="$1" '
    FNR == 1 { if (NR == 1) { header = $0; for (n = 1; n <= NF; ++n) name[n] = $n }
               else if ($0 != header) { print file ": headers differ"; bad = 1 }
               next }
    NR == FNR { row[FNR] = $0; rows = FNR; next }
    {
      if (!(FNR in row)) { print file ": the split run has more rows"; bad = 1; exit }
      split(row[FNR], a, ",")
      for (n = 1; n <= NF; ++n) {
        x = a[n] + 0; y = $n + 0
        if (name[n] == "mass_balance_rel") {
          if (x > 1e-9 || y > 1e-9) { print file ": mass balance " x " / " y; bad = 1 }
          continue
        }
        d = x - y; if (d < 0) d = -d
        s = (x < 0 ? -x : x); t = (y < 0 ? -y : y); if (t > s) s = t
        if (a[n] != $n && d > 1e-8 * s) {
          print file " row " FNR " " name[n] ": serial " a[n] ", split " $n; bad = 1
        }
      }
      seen = FNR
    }
    END { if (!bad && seen != rows) { print file ": the split run has fewer rows"; bad = 1 }
          exit bad }' "$out/serial/$1" "$out/split/$1" || fail "$1 differs"
}
compare_csv timeseries.csv
compare_csv profiles.csv

steps() { grep -o '"steps": [0-9]*' "$1/summary.json"; }
[ "$(steps "$out/serial")" = "$(steps "$out/split")" ] ||
  fail "steps differ: $(steps "$out/serial") / $(steps "$out/split")"
if $ours; then
  iterations() { grep -o '"linear_iterations": [0-9]*' "$1/summary.json" | grep -o '[0-9]*$'; }
  one=$(iterations "$out/serial") split_total=$(iterations "$out/split")
  steps_taken=$(steps "$out/serial" | grep -o '[0-9]*$')
  echo "decomposed_run: CG iterations serial $one, split $split_total in $steps_taken steps"
  allowed=$((13 * one / 10))
  [ "$split_total" -le "$allowed" ] ||
    fail "the split run took $split_total CG iterations (at most $allowed), the serial one $one in $steps_taken steps"
fi
grep -q "\"ranks\": $ranks" "$out/split/summary.json" || fail "summary.json does not say $ranks ranks"

if [ "$ranks" -gt 1 ]; then
  snapshots=$(grep -c '\.pvtr"' "$out/split/$name.pvd") || fail "$name.pvd lists no .pvtr"
  outputs=$(($(wc -l < "$out/serial/timeseries.csv") - 1))
  [ "$snapshots" -eq "$outputs" ] || fail "$snapshots snapshots in $name.pvd for $outputs outputs"
  for index in $(seq -f %04g 0 $((outputs - 1))); do
    pvtr=$out/split/snapshots/${name}_$index.pvtr
    [ -f "$pvtr" ] || fail "$pvtr missing"
    pieces=$(grep -c '<Piece ' "$pvtr")
    [ "$pieces" -eq "$ranks" ] || fail "$pvtr lists $pieces pieces for $ranks ranks"
    # Every piece inside the whole grid, its file there; together all the cells.
    read -r -a whole < <(grep -o 'WholeExtent="[0-9 ]*"' "$pvtr" | tr -d '"' | cut -d= -f2)
    cells=0
    while read -r x0 x1 y0 y1 z0 z1 source; do
      [ "$x0" -ge 0 ] && [ "$x1" -le "${whole[1]}" ] && [ "$y0" -ge 0 ] && [ "$y1" -le "${whole[3]}" ] &&
        [ "$z0" -ge 0 ] && [ "$z1" -le "${whole[5]}" ] || fail "$pvtr: a piece lies outside the grid"
      [ -f "$out/split/snapshots/$source" ] || fail "$pvtr lists $source, which is missing"
      cells=$((cells + (x1 - x0) * (y1 - y0) * (z1 - z0)))
    done < <(sed -n 's/.*Extent="\([0-9 ]*\)" Source="\([^"]*\)".*/\1 \2/p' "$pvtr")
    [ "$cells" -eq $((whole[1] * whole[3] * whole[5])) ] ||
      fail "$pvtr: the pieces hold $cells cells of $((whole[1] * whole[3] * whole[5]))"
  done
fi
if [ "$ranks" -eq 2 ]; then
  status=0
  # shellcheck disable=SC2086
  "$mpiexec" -n 2 $flags "$dermaflux" run "$case_file" --output "$out/split" --resume --quiet \
    > "$out/resume.log" 2>&1 || status=$?
  [ "$status" -ne 0 ] || fail "--resume on 2 ranks was accepted"
  said=$(grep -c 'error: nothing to resume' "$out/resume.log" || true)
  [ "$said" -eq 1 ] || fail "--resume on 2 ranks: the error was said $said times: $(cat "$out/resume.log")"
fi
# 4. Ours on 2 ranks in a build with hypre: DERMAFLUX_SPLIT_SOLVER=hypre on one rank
#    only is refused, said once (the ranks would otherwise wait in different solvers:
#    a hang).
if $ours && [ "$ranks" -eq 2 ] && [ "${DECOMPOSED_HAVE_HYPRE:-0}" = 1 ]; then
  status=0
  # shellcheck disable=SC2086,SC2016
  timeout 120 "$mpiexec" -n 2 $flags bash -c \
    'if [ "${OMPI_COMM_WORLD_RANK:-0}" = 1 ]; then export DERMAFLUX_SPLIT_SOLVER=hypre;
     else unset DERMAFLUX_SPLIT_SOLVER; fi; exec "$0" "$@"' \
    "$dermaflux" run "$case_file" --output "$out/mixed" --quiet > "$out/mixed.log" 2>&1 || status=$?
  [ "$status" -ne 0 ] && [ "$status" -ne 124 ] ||
    fail "the solver set on one rank of 2: status $status: $(cat "$out/mixed.log")"
  said=$(grep -c 'error: DERMAFLUX_SPLIT_SOLVER=hypre is set on 1 of 2 ranks' "$out/mixed.log" || true)
  [ "$said" -eq 1 ] || fail "the solver set on one rank: said $said times: $(cat "$out/mixed.log")"
fi
# 5. DECOMPOSED_COARSE=compare (ours): the split run above had our multigrid's coarse
#    level on rank 0 alone (DERMAFLUX_COARSE_RANKS=1, linear/CoarseAgglomeration.hpp);
#    again with it on every rank: the same bits in every output and the same CG
#    iterations.
if $ours && [ "${DECOMPOSED_COARSE:-}" = compare ]; then
  # shellcheck disable=SC2086
  DERMAFLUX_COARSE_RANKS=all "$mpiexec" -n "$ranks" $flags "$dermaflux" run "$case_file" \
    --output "$out/every" --threads 1 --quiet ${split[@]+"${split[@]}"} > "$out/every.log" 2>&1 ||
    fail "mpirun -n $ranks with the coarse level on every rank failed: $(cat "$out/every.log")"
  for file in timeseries.csv profiles.csv; do
    cmp -s "$out/split/$file" "$out/every/$file" ||
      fail "$file: the coarse level on rank 0 and on every rank differ"
  done
  coarse_iterations=$(iterations "$out/every")
  [ "$coarse_iterations" = "$split_total" ] ||
    fail "CG iterations: coarse level on rank 0 $split_total, on every rank $coarse_iterations"
  echo "decomposed_run: the coarse level on rank 0 and on every rank give the same bits, $split_total CG iterations"
fi
echo "decomposed_run: $name on $ranks ranks ${parts:+($parts) }matches the serial run"
