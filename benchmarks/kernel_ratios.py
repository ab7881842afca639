#!/usr/bin/env python3
"""Runs bench_kernels and prints each kernel's bandwidth as a ratio to the STREAM
triad of the same size, measured in the same run.

    python3 benchmarks/kernel_ratios.py build/release/benchmarks/bench_kernels

The kernels run 5 times each in random order (Google Benchmark's random
interleaving), so that a shared machine's drifting bandwidth hits the triad and
the kernels alike; the table gives medians and the triad's range. Plain Python 3
(no numpy); prints a Markdown table for benchmarks/RESULTS.md. Extra arguments go
to bench_kernels.
"""
import json
import statistics
import subprocess
import sys

KERNELS = "BM_StreamTriad|BM_StencilApply|BM_LineSmootherSweep|BM_MultigridVCycle"


def main() -> int:
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/release/benchmarks/bench_kernels"
    extra = sys.argv[2:]
    output = subprocess.run([binary, "--benchmark_format=json", "--benchmark_min_time=0.3",
                             f"--benchmark_filter={KERNELS}", "--benchmark_repetitions=5",
                             "--benchmark_enable_random_interleaving=true", *extra],
                            check=True, capture_output=True, text=True).stdout
    report = json.loads(output)
    rates = {}
    for run in report["benchmarks"]:
        if run.get("run_type") != "iteration" or "bytes_per_second" not in run:
            continue
        parts = [p for p in run["name"].split("/") if p != "real_time"]
        name = "/".join([parts[0]] + parts[2:])  # the kernel and its variant (/4: sweeps)
        rates.setdefault((name, int(parts[1])), []).append(run["bytes_per_second"])
    context = report["context"]
    print(f"machine: {context.get('num_cpus')} CPUs at {context.get('mhz_per_cpu')} MHz, "
          f"run {context.get('date')}")
    print("| kernel | cells | GB/s (median of 5) | range | ratio to triad (medians) |")
    print("|---|---|---|---|---|")
    for (name, size), runs in sorted(rates.items()):
        rate = statistics.median(runs)
        triad_runs = rates.get(("BM_StreamTriad", size))
        ratio = f"{rate / statistics.median(triad_runs):.2f}" if triad_runs else "-"
        spread = f"{min(runs) / 1e9:.1f}-{max(runs) / 1e9:.1f}"
        print(f"| {name.removeprefix('BM_')} | {size:.0e} | {rate / 1e9:.1f} | {spread} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
