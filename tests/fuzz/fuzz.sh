#!/usr/bin/env bash
# The case-reader fuzzer, in two modes (run from anywhere; builds into build/fuzz):
#
#   bash tests/fuzz/fuzz.sh gate              # CI's landing gate: deterministic
#   bash tests/fuzz/fuzz.sh explore [SECONDS] [SEED]   # exploratory: new inputs
#
# gate: the seed corpus and a fixed set of mutations of it (mutate_corpus.py, seed 1),
# each run once: every CI run of the same commit executes the same inputs, so it fails
# only when the code changed or a committed input fails, never on a random discovery.
#
# explore: a fresh seed each time (or SEED), for SECONDS (default 1800). Every input
# it finds that crashes, hangs or trips a sanitizer is copied into tests/fuzz/corpus as
# regression-found-<hash>.yaml: fix the bug, give the file a name that says what it
# was, and commit it; the gate and the ordinary suite (FuzzCorpus.*) then replay it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mode=${1:-gate}
build="$root/build/fuzz"

cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DDERMAFLUX_BUILD_FUZZERS=ON \
      -DDERMAFLUX_BUILD_BENCHMARKS=OFF > "$build.log"
cmake --build "$build" --target case_fuzzer -j 2 >> "$build.log"
fuzzer="$build/tests/fuzz/case_fuzzer"

# The working corpus: the committed seeds plus the shipped cases (prefixed: the seed
# corpus has a quickstart.yaml too). libFuzzer adds what it finds here, never to the
# committed corpus.
corpus="$build/corpus"
rm -rf "$corpus" && mkdir -p "$corpus" && cp "$root"/tests/fuzz/corpus/* "$corpus"/
for case_file in "$root"/cases/*.yaml; do
  cp "$case_file" "$corpus/case-$(basename "$case_file")"
done

case "$mode" in
  gate)
    count=${DERMAFLUX_FUZZ_INPUTS:-80000}
    gate="$build/gate"
    rm -rf "$gate"
    python3 "$root/tests/fuzz/mutate_corpus.py" --seed 1 --count "$count" "$corpus" "$gate"
    cp "$corpus"/* "$gate"/
    echo "fuzz.sh: gate: $count mutations (seed 1) of $(ls "$corpus" | wc -l) corpus inputs, and the inputs"
    # -runs=0: libFuzzer runs every file once and stops, so the inputs are exactly
    # those written above: the same on every run of the same commit.
    "$fuzzer" "$gate" -runs=0 -timeout=60 -rss_limit_mb=2048 -artifact_prefix="$build/" \
      -print_final_stats=1
    ;;
  explore)
    seconds=${2:-1800}
    seed=${3:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
    artifacts="$build/found"
    rm -rf "$artifacts" && mkdir -p "$artifacts"
    echo "fuzz.sh: explore: seed $seed for $seconds s"
    status=0
    "$fuzzer" "$corpus" -seed="$seed" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1 || status=$?
    found=0
    for artifact in "$artifacts"/*; do
      [ -e "$artifact" ] || continue
      name="regression-found-$(sha1sum "$artifact" | cut -c1-12).yaml"
      cp "$artifact" "$root/tests/fuzz/corpus/$name"
      echo "fuzz.sh: $(basename "$artifact") -> tests/fuzz/corpus/$name"
      found=$((found + 1))
    done
    if [ "$found" -gt 0 ]; then
      echo "fuzz.sh: $found new input(s) in tests/fuzz/corpus: fix them, rename, commit (seed $seed)"
      exit 1
    fi
    echo "fuzz.sh: nothing found (seed $seed, exit $status)"
    ;;
  *)
    echo "usage: fuzz.sh gate | explore [SECONDS] [SEED]" >&2
    exit 2
    ;;
esac
