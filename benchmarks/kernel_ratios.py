#!/usr/bin/env python3
"""Runs bench_kernels and prints each kernel's bandwidth as a ratio to the STREAM
triad of the same size, measured in the same run.

    python3 benchmarks/kernel_ratios.py build/release/benchmarks/bench_kernels

Plain Python 3 (no numpy); prints a Markdown table for benchmarks/RESULTS.md.
"""
import json
import subprocess
import sys


def main() -> int:
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/release/benchmarks/bench_kernels"
    extra = sys.argv[2:]
    output = subprocess.run([binary, "--benchmark_format=json", "--benchmark_min_time=0.3", *extra],
                            check=True, capture_output=True, text=True).stdout
    report = json.loads(output)
    rates = {}
    for run in report["benchmarks"]:
        if run.get("run_type") != "iteration" or "bytes_per_second" not in run:
            continue
        name, size = run["name"].split("/")[0:2]
        rates[(name, int(size))] = run["bytes_per_second"]
    context = report["context"]
    print(f"machine: {context.get('num_cpus')} CPUs at {context.get('mhz_per_cpu')} MHz, "
          f"run {context.get('date')}")
    print("| kernel | cells | GB/s | ratio to triad |")
    print("|---|---|---|---|")
    for (name, size), rate in sorted(rates.items()):
        triad = rates.get(("BM_StreamTriad", size))
        ratio = f"{rate / triad:.2f}" if triad else "-"
        print(f"| {name.removeprefix('BM_')} | {size:.0e} | {rate / 1e9:.1f} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
