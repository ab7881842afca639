#!/usr/bin/env python3
"""1 against 2 threads, quiet and loaded, under OpenMP wait policies (issue 18 §3).

    nice -n 5 /usr/bin/python3 benchmarks/busy_machine.py \\
        build/release/benchmarks/bench_step_overhead --cells 60000 --repeats 3

(or several binaries as label=path, e.g. before=... after=..., to compare builds).
Runs bench_step_overhead (a time step of the uniform box, --step 10 s so that a step
needs several CG iterations, like a real case) with 1 and 2 threads, first quiet,
then with two `yes > /dev/null` busy loops (one per core of this 2-core machine), and
for each wait policy given: libgomp reads OMP_WAIT_POLICY and GOMP_SPINCOUNT once,
when it is loaded, so each setting is a fresh process with that environment. The
conditions are interleaved within each repeat so that drift hits all alike. Prints
one JSON line per measurement and a table of medians (ms per step, and the 2-thread
time over the 1-thread time of the same policy and load). `--cells` may list sizes
(1000,10000,...), and `--measure cg_iteration_ms` times one CG iteration instead of
a step (threads per case size, issue 18 section 3). `--threads 1,auto` compares one
thread with the count a run takes when given none (by size and the cores other
processes leave free, re-decided before each of the benchmark's repeats):

    nice -n 5 /usr/bin/python3 benchmarks/busy_machine.py \\
        build/release/benchmarks/bench_step_overhead --cells 60000 --policies passive \\
        --threads 1,auto --repeats 5
"""
import argparse
import json
import os
import statistics
import subprocess
import time

POLICIES = {
    "default": {},
    "passive": {"OMP_WAIT_POLICY": "passive"},
    "spin10k": {"GOMP_SPINCOUNT": "10000"},
}


def measure(binary, cells, step, threads, policy, steps, what="step_ms"):
    env = dict(os.environ)
    for key in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT"):
        env.pop(key, None)
    env.update(POLICIES[policy])
    out = subprocess.run(
        [binary, "--cells", str(cells), "--threads", str(threads), "--step", str(step),
         "--steps", str(steps), "--repeats", "1"],
        env=env, check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    chosen = result.get("threads_chosen", {}).get("median", threads)
    return result[what]["median"], result["cg_iterations_per_step"]["median"], chosen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binaries", nargs="+", help="path, or label=path")
    parser.add_argument("--cells", default="60000", help="one size, or several: 1000,10000")
    parser.add_argument("--measure", default="step_ms", choices=["step_ms", "cg_iteration_ms"])
    parser.add_argument("--step", type=float, default=10.0)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--policies", default="default,passive,spin10k")
    parser.add_argument("--loads", default="quiet,loaded")
    parser.add_argument("--threads", default="1,2",
                        help="two settings, each a count or auto; the table shows second / first")
    args = parser.parse_args()
    settings = args.threads.split(",")
    assert len(settings) == 2, "--threads takes two settings, e.g. 1,2 or 1,auto"
    policies = args.policies.split(",")
    sizes = [int(c) for c in args.cells.split(",")]
    binaries = dict(b.split("=", 1) if "=" in b else ("", b) for b in args.binaries)
    times = {}
    for load in args.loads.split(","):
        hogs = []
        if load == "loaded":
            hogs = [subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) for _ in range(2)]
            time.sleep(0.5)
        try:
            for repeat in range(args.repeats):
                for cells in sizes:
                    for label, binary in binaries.items():
                        for policy in policies:
                            for threads in settings:
                                ms, cg, chosen = measure(binary, cells, args.step, threads,
                                                         policy, args.steps, args.measure)
                                key = (load, cells, label, policy, threads)
                                times.setdefault(key, []).append(ms)
                                print(json.dumps({"load": load, "cells": cells, "binary": label,
                                                  "policy": policy, "threads": threads,
                                                  "threads_chosen": chosen, "repeat": repeat,
                                                  args.measure: ms, "cg_per_step": cg}),
                                      flush=True)
        finally:
            for hog in hogs:
                hog.kill()
                hog.wait()
    unit = "ms/step" if args.measure == "step_ms" else "ms/CG iteration"
    first, second = settings
    print(f"\n| load | cells | binary | wait policy | {first} thread(s) {unit} | "
          f"{second} thread(s) {unit} | {second} / {first} |")
    print("|---|---|---|---|---|---|---|")
    for load in args.loads.split(","):
        for cells in sizes:
            for label in binaries:
                for policy in policies:
                    one = times[(load, cells, label, policy, first)]
                    two = times[(load, cells, label, policy, second)]
                    m1, m2 = statistics.median(one), statistics.median(two)
                    print(f"| {load} | {cells} | {label} | {policy} | {m1:.3f} ({min(one):.3f}-"
                          f"{max(one):.3f}) | {m2:.3f} ({min(two):.3f}-{max(two):.3f}) | "
                          f"{m2 / m1:.2f} |")


if __name__ == "__main__":
    main()
