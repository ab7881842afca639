#!/usr/bin/env bash
# The Slurm scripts of cases/slurm: they parse (bash -n), the array's shard count
# matches its --array range, and each runs its dermaflux command line for real,
# through a stand-in `srun` that drops srun's options and runs the rest on this
# machine (one task, no MPI) with a tiny case or sweep. Called by CTest:
#   slurm_scripts.sh DERMAFLUX SLURM_DIR DATA OUT
set -euo pipefail
absolute() { (cd "$(dirname "$1")" && echo "$PWD/$(basename "$1")"); }
dermaflux=$(absolute "$1") slurm=$(absolute "$2") data=$(absolute "$3") out=$4
fail() { echo "slurm_scripts: $*" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out/bin" && out=$(absolute "$out")

for script in "$slurm"/*.sbatch; do
  bash -n "$script" || fail "$script does not parse"
  grep -q '^#SBATCH ' "$script" || fail "$script has no #SBATCH lines"
done

array=$(sed -n 's/^#SBATCH --array=1-\([0-9]*\).*/\1/p' "$slurm/sweep_array.sbatch")
shards=$(sed -n 's/^SHARDS=\([0-9]*\).*/\1/p' "$slurm/sweep_array.sbatch")
[ -n "$array" ] && [ "$array" = "$shards" ] ||
  fail "sweep_array.sbatch: --array=1-$array but SHARDS=$shards"

# srun stand-in: skip the options, run the program with its arguments.
cat > "$out/bin/srun" <<'SRUN'
#!/usr/bin/env bash
while [ $# -gt 0 ] && [ "${1#--}" != "$1" ]; do shift; done
exec "$@"
SRUN
chmod +x "$out/bin/srun"
export PATH="$out/bin:$PATH" DERMAFLUX="$dermaflux" SLURM_CPUS_PER_TASK=1 SLURM_ARRAY_TASK_ID=1
cd "$out"

bash "$slurm/sweep_array.sbatch" "$data/intact.sweep.yaml" > array.log 2>&1 ||
  fail "sweep_array.sbatch: $(cat array.log)"
grep -q "1 cases selected, 1 run" array.log || fail "sweep_array.sbatch: $(cat array.log)"

bash "$slurm/sweep_farm.sbatch" "$data/intact.sweep.yaml" > farm.log 2>&1 ||
  fail "sweep_farm.sbatch: $(cat farm.log)"
grep -q "3 cases selected, 2 run, 1 already finished" farm.log || fail "sweep_farm.sbatch: $(cat farm.log)"

bash "$slurm/big_case.sbatch" "$data/column.yaml" "$out/big" > big.log 2>&1 ||
  fail "big_case.sbatch: $(cat big.log)"
[ -f "$out/big/summary.json" ] || fail "big_case.sbatch left no summary.json: $(cat big.log)"
echo "slurm_scripts: all three parse and run"
