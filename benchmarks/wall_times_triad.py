#!/usr/bin/env python3
"""A whole case's wall time times the machine's STREAM triad bandwidth, in one run.

Issue 18's second row: "wall x triad" is what a triad would move in the time the
case takes, in GB, a figure that carries from one machine to another better than
seconds do. Each repeat measures the triad (bench_kernels' BM_StreamTriad at 10^7
doubles, main-memory bound, median of 3, on --threads OpenMP threads), runs the
whole case (`dermaflux run`, --threads threads, no checkpoint), and a last triad
closes the run; each run's triad is the mean of the triads before and after it, so
that a drifting bandwidth hits both. Prints one JSON document (every repeat: wall,
triad, their product, steps, CG iterations, cells) and, on stderr, one line with
the medians:

    python3 benchmarks/wall_times_triad.py build/release/dermaflux \\
        build/release/benchmarks/bench_kernels benchmarks/cases/unit_cell_1.6M.yaml \\
        --threads 2 --repeat 3

The wall is summary.json's wall_s (the one time_vs_cells.py and physics_cost.py
quote); the process's wall is in the JSON too. `--until "10 min"` stops the case
early, for a quick check. Plain Python 3.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def triad_bytes_per_s(bench_kernels, threads):
    out = subprocess.run([bench_kernels, "--benchmark_filter=BM_StreamTriad/10000000/",
                          "--benchmark_format=json", "--benchmark_repetitions=3",
                          "--benchmark_report_aggregates_only=true"], check=True,
                         capture_output=True, text=True,
                         env={**os.environ, "OMP_NUM_THREADS": str(threads)}).stdout
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            return b["bytes_per_second"]
    sys.exit("wall_times_triad: no triad median in bench_kernels' output")


def run_case(dermaflux, case, threads, until, out):
    command = [dermaflux, "run", str(case), "--output", str(out), "--overwrite", "--quiet",
               "--threads", str(threads), "--checkpoint-interval", "0"]
    if until:
        command += ["--until", until]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    process_wall_s = time.perf_counter() - start
    summary = json.loads((out / "summary.json").read_text())
    return {"wall_s": summary["wall_s"], "process_wall_s": process_wall_s,
            "steps": summary["steps"], "cg_iterations": summary["linear_iterations"],
            "cells": summary["cells"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dermaflux", help="path to the dermaflux executable")
    parser.add_argument("bench_kernels", help="path to bench_kernels (the triad)")
    parser.add_argument("case", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--until", default="", help="stop at this simulated time (a quick check)")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/dermaflux_wall_times_triad"))
    args = parser.parse_args()
    shutil.rmtree(args.work_dir, ignore_errors=True)
    args.work_dir.mkdir(parents=True)

    triads = [triad_bytes_per_s(args.bench_kernels, args.threads)]
    runs = []
    for r in range(args.repeat):
        run = run_case(args.dermaflux, args.case, args.threads, args.until,
                       args.work_dir / f"run{r}")
        triads.append(triad_bytes_per_s(args.bench_kernels, args.threads))
        run["triad_GB_s"] = 0.5 * (triads[-2] + triads[-1]) / 1e9
        run["wall_x_triad_GB"] = run["wall_s"] * run["triad_GB_s"]
        runs.append({"repeat": r, **run})
        print(f"wall_times_triad: repeat {r}: {run['wall_s']:.2f} s x {run['triad_GB_s']:.1f} "
              f"GB/s = {run['wall_x_triad_GB']:.0f} GB", file=sys.stderr)

    def median(key):
        return statistics.median(run[key] for run in runs)

    last = runs[-1]
    report = {"case": str(args.case), "until": args.until or "the case's end",
              "threads": args.threads, "repeat": args.repeat, "cells": last["cells"],
              "steps": last["steps"], "cg_iterations": last["cg_iterations"],
              "median_wall_s": median("wall_s"), "median_triad_GB_s": median("triad_GB_s"),
              "median_wall_x_triad_GB": median("wall_x_triad_GB"),
              "triads_GB_s": [t / 1e9 for t in triads], "runs": runs}
    print(json.dumps(report, indent=2))
    print(f"row 2: wall x triad = {report['median_wall_x_triad_GB']:.0f} GB "
          f"(median over {args.repeat} runs; medians {report['median_wall_s']:.1f} s and "
          f"{report['median_triad_GB_s']:.1f} GB/s; {args.threads} threads; {last['cells']} cells, "
          f"{last['steps']} steps, {last['cg_iterations']} CG iterations)", file=sys.stderr)


if __name__ == "__main__":
    main()
