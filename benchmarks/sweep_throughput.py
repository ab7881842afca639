#!/usr/bin/env python3
"""Sweep throughput: cases per hour of three ways to run many small cases.

What it does: generates a sweep of COUNT small needled cases (default 1000; one
needle channel in a 300 um periodic cell, 1e4-1e5 cells each, log-uniformly
spread by the lateral mesh spacing, with the needle's penetration and the
barrier's diffusivity varied too, 30 s of simulated time), then times, in one
run and on the same cases:

  (a) one by one:  `dermaflux run CASE.yaml --threads CORES` for each case
  (b) batch:       `dermaflux batch SWEEP.yaml --jobs CORES --threads CORES`
                   (CORES cases at once, one OpenMP thread each)
  (c) MPI farm:    `mpirun -n CORES dermaflux batch SWEEP.yaml` (one rank per
                   core, one thread each: the cores of its slot)

and reports for each the wall time, cases per hour and the ratio to (a). It
also checks that the three give the same figures (batch.csv of (b) and (c)
equal apart from wall_s, and every summary.json of (a) equal to (b)'s apart from
the run-environment fields). Prints a table, then the figures as JSON.

    /usr/bin/python3 benchmarks/sweep_throughput.py build/release/dermaflux \\
        [--count 1000] [--run-every 1] [--cores 2] [--mpirun mpirun] \\
        [--work-dir /tmp/dermaflux-sweep-throughput] [--json FILE]

--run-every K runs every K-th case of the sweep in every mode (the batches
through `--shard 1/K`, so the sweep still holds and validates all COUNT cases):
the same subset everywhere, so cases per hour and the ratios compare like with
like, and the report says how many cases ran. Sizes are drawn at random, so
every K-th case is a fair sample of the sizes. Run it on an otherwise quiet
machine: the figures are wall times.

Needs only the Python standard library; (c) needs Open MPI's mpirun.
"""

import argparse
import csv
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

BASE_CASE = """\
# sweep_throughput.py's base case: one needle channel in a 300 um periodic cell.
name: throughput
skin:
  layers:
    - {name: stratum_corneum, thickness: 15 um, diffusivity: 6.0e-11 cm^2/s, partition: 0.8}
    - {name: viable_epidermis, thickness: 100 um, diffusivity: 3.0e-7 cm^2/s, partition: 1.0}
    - {name: dermis, thickness: 400 um, diffusivity: 6.0e-7 cm^2/s, partition: 1.0}
serum: {active: caffeine, concentration: 30 mg/mL, dose: 10 uL/cm^2, diffusivity: 6.0e-6 cm^2/s}
needles: {pattern: square, pitch: 300 um, length: 500 um, base_diameter: 150 um, penetration: 0.3}
domain: {lateral: periodic, bottom: sink}
mesh: {lateral_spacing: 20 um, channel_spacing: 10 um, max_vertical_spacing: 50 um}
time: {end: 30 s, output_every: 10 s, initial_step: 2 s}
output: {vtk: false}
"""

# The varied keys (zip mode: one value of each per case), in sweep order.
KEYS = ["mesh.channel_spacing", "mesh.lateral_spacing", "needles.penetration",
        "skin.layers.stratum_corneum.diffusivity"]

# Channel spacing 3.6-13 um gives about 1e5 down to 1e4 cells with this cell
# (34 planes; 49 x 49 columns at 4 um, 24 x 24 at 9 um).
SPACING_UM = (3.6, 13.0)


def case_values(count, seed=1):
    """Per case, the values of KEYS as written in a case file."""
    draw = random.Random(seed)
    rows = []
    for _ in range(count):
        channel_um = math.exp(draw.uniform(*map(math.log, SPACING_UM)))
        diffusivity = math.exp(draw.uniform(math.log(3e-11), math.log(1.2e-10)))
        rows.append(["%.4g um" % channel_um, "%.4g um" % (2 * channel_um),
                     "%.3f" % draw.uniform(0.2, 0.5), "%.4g cm^2/s" % diffusivity])
    return rows


def case_text(values):
    """BASE_CASE with one case's values put in (the same case the sweep makes)."""
    channel, lateral, penetration, diffusivity = values
    return (BASE_CASE
            .replace("lateral_spacing: 20 um, channel_spacing: 10 um",
                     "lateral_spacing: %s, channel_spacing: %s" % (lateral, channel))
            .replace("penetration: 0.3", "penetration: " + penetration)
            .replace("diffusivity: 6.0e-11 cm^2/s", "diffusivity: " + diffusivity))


def sweep_text(rows):
    lines = ["# sweep_throughput.py: %d cases, zipped." % len(rows),
             "base: base.yaml", "vary:", "  mode: zip"]
    for k, key in enumerate(KEYS):
        lines.append("  %s: [%s]" % (key, ", ".join(row[k] for row in rows)))
    return "\n".join(lines) + "\n"


def timed(command, env, **kwargs):
    start = time.monotonic()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, **kwargs)
    return time.monotonic() - start


def batch_figures(folder):
    """batch.csv without wall_s, as rows."""
    with open(folder / "batch.csv", newline="") as f:
        rows = list(csv.reader(f))
    column = rows[0].index("wall_s")
    return [row[:column] + row[column + 1:] for row in rows]


def summary_figures(file):
    summary = json.loads(Path(file).read_text())
    for key in ("wall_s", "peak_rss_mb"):
        summary.pop(key, None)
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dermaflux", type=Path)
    parser.add_argument("--count", type=int, default=1000, help="cases in the sweep")
    parser.add_argument("--run-every", type=int, default=1,
                        help="run every K-th case in each mode (the same ones in all)")
    parser.add_argument("--cores", type=int, default=2,
                        help="threads of (a), jobs of (b), ranks of (c)")
    parser.add_argument("--mpirun", default="mpirun")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/dermaflux-sweep-throughput"))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    dermaflux = str(args.dermaflux.resolve())

    work = args.work_dir
    shutil.rmtree(work, ignore_errors=True)  # every mode starts with nothing finished
    (work / "cases").mkdir(parents=True)
    rows = case_values(args.count)
    (work / "base.yaml").write_text(BASE_CASE)
    sweep = work / "sweep.yaml"
    sweep.write_text(sweep_text(rows))
    ran = list(range(0, args.count, args.run_every))
    for n in ran:
        (work / "cases" / ("%04d.yaml" % n)).write_text(case_text(rows[n]))

    # The modes choose their threads themselves; an OMP_NUM_THREADS from the
    # caller's shell would override (c)'s one thread per rank.
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    shard = ["--shard", "1/%d" % args.run_every]
    mpirun = [args.mpirun, "-n", str(args.cores)]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        mpirun.append("--allow-run-as-root")  # Open MPI refuses root otherwise

    seconds = {}
    seconds["a"] = 0.0
    for n in ran:
        seconds["a"] += timed([dermaflux, "run", str(work / "cases" / ("%04d.yaml" % n)),
                               "--output", str(work / "a" / ("%04d" % n)), "--quiet",
                               "--threads", str(args.cores)], env)
    seconds["b"] = timed([dermaflux, "batch", str(sweep), "--output", str(work / "b"), "--quiet",
                          "--jobs", str(args.cores), "--threads", str(args.cores)] + shard, env)
    seconds["c"] = timed(mpirun + [dermaflux, "batch", str(sweep), "--output", str(work / "c"),
                                   "--quiet"] + shard, env)

    # The same figures everywhere.
    b_rows = batch_figures(work / "b")
    same_b_c = b_rows == batch_figures(work / "c")
    folders = {row[0]: row[1] for row in b_rows[1:]}  # index -> folder
    same_a_b = len(folders) == len(ran) and all(
        summary_figures(work / "a" / ("%04d" % n) / "summary.json") ==
        summary_figures(work / "b" / folders[str(n)] / "summary.json") for n in ran)
    cells = sorted(int(row[b_rows[0].index("cells")]) for row in b_rows[1:])

    names = {"a": "one by one, run --threads %d" % args.cores,
             "b": "batch --jobs %d (1 thread each)" % args.cores,
             "c": "mpirun -n %d batch (1 thread each)" % args.cores}
    modes = {}
    for mode in "abc":
        rate = len(ran) / seconds[mode] * 3600.0
        modes[mode] = {"what": names[mode], "cases": len(ran), "wall_s": round(seconds[mode], 3),
                       "cases_per_hour": round(rate, 1),
                       "ratio_to_one_by_one": round(seconds["a"] / seconds[mode], 3)}
    report = {
        "benchmark": "sweep_throughput",
        "sweep_cases": args.count,
        "cases_run_per_mode": len(ran),
        "run_every": args.run_every,
        "cells_of_cases_run": {"min": cells[0], "median": cells[len(cells) // 2],
                               "max": cells[-1]},
        "cores": args.cores,
        "modes": modes,
        "same_figures": {"batch_vs_mpi_farm": same_b_c, "one_by_one_vs_batch": same_a_b},
        "command": " ".join([sys.executable] + sys.argv),
    }

    print("sweep of %d cases; %d run in each mode%s, of %d-%d cells (median %d)" %
          (args.count, len(ran), "" if args.run_every == 1 else " (every %d-th)" % args.run_every,
           cells[0], cells[-1], cells[len(cells) // 2]))
    print("%-40s %10s %14s %12s" % ("mode", "wall s", "cases/hour", "vs (a)"))
    for mode in "abc":
        m = modes[mode]
        print("(%s) %-36s %10.1f %14.0f %11.2fx" %
              (mode, m["what"], m["wall_s"], m["cases_per_hour"], m["ratio_to_one_by_one"]))
    print("same figures: batch vs MPI farm %s, one by one vs batch %s" %
          ("yes" if same_b_c else "NO", "yes" if same_a_b else "NO"))
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0 if same_b_c and same_a_b else 1


if __name__ == "__main__":
    sys.exit(main())
