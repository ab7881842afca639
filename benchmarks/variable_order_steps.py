#!/usr/bin/env python3
"""Steps, CG iterations and wall time of `time.order: 2` (BDF2, the default) against
`time.order: auto` (variable order 1-3) at the same error, case by case.

    python3 benchmarks/variable_order_steps.py build/release/dermaflux \
        --cases quickstart,vitamin_c_twice_daily --until "24 h"

For each case: a reference run (BDF2 at time.tolerance 1e-8, far finer steps than
either scheme takes), BDF2 at the case's tolerance, then variable order at that
tolerance, and then at looser (or, if its error is larger, tighter) tolerances, by
factors of 2, to the loosest whose error is at most BDF2's: the steps "at the same
error". The error is the
largest difference of any amount column of timeseries.csv at any output time from
the reference's, relative to the dose (summary.json dose_ug_cm2; in ug/cm^2 for
an infinite dose, which has none). Prints one JSON
line per case. Wall times of one loaded machine are noise: the script reports
their ratio within a case (both runs back to back, --repeat times interleaved,
medians), never absolute times. --work DIR keeps the runs (and reuses a case's
reference run found there). Never asserts.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AMOUNTS = ("vehicle_ug_cm2", "receptor_ug_cm2", "cleared_ug_cm2", "in_channels_ug_cm2")


def variant(case_path, folder, order, tolerance):
    """The case with `time.order` and `time.tolerance` set (lines under `time:`)."""
    lines = open(case_path).read().splitlines()
    out = []
    in_time = False
    for line in lines:
        if line and not line[0].isspace():
            in_time = line.rstrip() == "time:"
        elif in_time and line.strip().startswith(("order:", "tolerance:")):
            continue
        out.append(line)
        if line.rstrip() == "time:":
            out.append(f"  order: {order}")
            out.append(f"  tolerance: {tolerance}")
    path = os.path.join(folder, f"{order}_{tolerance:g}.yaml")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
    return path


def run(binary, case_file, folder, until, threads, reuse=False):
    output = case_file[:-5] + "_out"
    if reuse and os.path.exists(os.path.join(output, "summary.json")):
        summary = json.load(open(os.path.join(output, "summary.json")))
        with open(os.path.join(output, "timeseries.csv")) as f:
            return summary, list(csv.DictReader(f))
    subprocess.run([binary, "run", case_file, "--output", output, "--quiet", "--overwrite",
                    "--threads", str(threads), "--until", until], check=True,
                   stdout=subprocess.DEVNULL, cwd=folder)
    summary = json.load(open(os.path.join(output, "summary.json")))
    with open(os.path.join(output, "timeseries.csv")) as f:
        rows = list(csv.DictReader(f))
    return summary, rows


def error(rows, reference, dose):
    worst = 0.0
    for row, ref in zip(rows, reference):
        for key in row:
            if key in AMOUNTS or (key.endswith("_ug_cm2") and key != "flux_ug_cm2_h"):
                worst = max(worst, abs(float(row[key]) - float(ref[key])))
    return worst / dose


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--cases", default="quickstart,vitamin_c_twice_daily")
    parser.add_argument("--until", default="24 h")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--tolerance", type=float, default=1e-5)
    parser.add_argument("--work", default="")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    for name in args.cases.split(","):
        case_path = os.path.join(ROOT, "cases", name + ".yaml")
        with tempfile.TemporaryDirectory() as scratch:
            folder = os.path.join(args.work, name) if args.work else scratch
            os.makedirs(folder, exist_ok=True)

            def measure(order, tolerance, reuse=False):
                return run(binary, variant(case_path, folder, order, tolerance), folder,
                           args.until, args.threads, reuse)
            ref_summary, ref_rows = measure(2, 1e-8, reuse=True)
            dose = ref_summary["dose_ug_cm2"] or 1.0
            bdf2, bdf2_rows = measure(2, args.tolerance)
            bdf2_error = error(bdf2_rows, ref_rows, dose)
            tolerance = args.tolerance
            auto, auto_rows = measure("auto", tolerance)
            auto_error = error(auto_rows, ref_rows, dose)
            same_tolerance = {"steps": auto["steps"], "cg": auto["linear_iterations"],
                              "error_rel_dose": auto_error}
            if auto_error <= bdf2_error:
                while tolerance < 16 * args.tolerance:
                    looser, looser_rows = measure("auto", 2.0 * tolerance)
                    looser_error = error(looser_rows, ref_rows, dose)
                    if looser_error > bdf2_error:
                        break
                    tolerance, auto, auto_error = 2.0 * tolerance, looser, looser_error
            while auto_error > bdf2_error and tolerance > args.tolerance / 20:
                tolerance /= 2.0
                auto, auto_rows = measure("auto", tolerance)
                auto_error = error(auto_rows, ref_rows, dose)
            walls = {"2": [], "auto": []}
            for _ in range(args.repeat):
                walls["2"].append(measure(2, args.tolerance)[0]["wall_s"])
                walls["auto"].append(measure("auto", tolerance)[0]["wall_s"])
            print(json.dumps({
                "case": name, "until": args.until, "cells": ref_summary["cells"],
                "reference_steps": ref_summary["steps"],
                "bdf2": {"tolerance": args.tolerance, "steps": bdf2["steps"],
                         "rejected": bdf2["rejected_steps"], "cg": bdf2["linear_iterations"],
                         "error_rel_dose": bdf2_error},
                "auto_same_tolerance": same_tolerance,
                "auto": {"tolerance": tolerance, "steps": auto["steps"],
                         "rejected": auto["rejected_steps"], "cg": auto["linear_iterations"],
                         "error_rel_dose": auto_error},
                "wall_auto_over_bdf2": statistics.median(walls["auto"]) /
                                       statistics.median(walls["2"]),
            }), flush=True)


if __name__ == "__main__":
    main()
