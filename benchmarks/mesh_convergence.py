#!/usr/bin/env python3
"""Mesh convergence of a case: its default mesh against the mesh refined twice.

What it does: resolves CASE with `dermaflux check` (presets expanded), writes a
refined copy with every mesh length halved (lateral_spacing, channel_spacing,
max_vertical_spacing), min_cells_per_layer doubled and growth replaced by its
square root (so that the graded cells halve too), runs both, and prints the
receptor and per-layer amounts at the last output of each with their relative
difference, plus cells, steps and wall time, as JSON. `auto` channel spacing is
made explicit by the solver's own rule (an eighth of the narrowest surface
radius, at most lateral_spacing) before it is halved.

    /usr/bin/python3 benchmarks/mesh_convergence.py build/release/dermaflux \\
        cases/quickstart.yaml [--until "24 h"] [--threads 2] [--work-dir /tmp/conv]

Needs python3-yaml (Debian).
"""

import argparse
import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import yaml


def resolved_case(dermaflux, case):
    out = subprocess.run([dermaflux, "check", str(case)], check=True, capture_output=True,
                         text=True).stdout
    return yaml.safe_load(out)


def surface_radius_m(needles):
    def metres(text):
        value, unit = str(text).split()[:2]
        assert unit == "m", text
        return float(value)

    # As meshes/NeedleLayout.cpp builds it from the resolved case: the cross-section at
    # the surface, widened (cone, pyramid), then narrowed by the elastic recovery.
    base = metres(needles["base_diameter"])
    open_fraction = 1.0 - float(needles.get("elastic_recovery", 0.0))
    if needles.get("shape", "cone") == "cylinder":
        return open_fraction * base / 2
    tip = metres(needles.get("tip_diameter", "5e-6 m"))
    widening = float(needles.get("surface_widening", 1.0))
    return open_fraction * widening * (tip + (base - tip) * float(needles["penetration"])) / 2


def refine(case):
    mesh = case["mesh"]

    def halve(key):
        value, unit = str(mesh[key]).split()[:2]
        mesh[key] = "%.17g %s" % (float(value) / 2, unit)

    lateral = float(str(mesh["lateral_spacing"]).split()[0])
    if str(mesh.get("channel_spacing", "auto")) == "auto" and case.get("needles"):
        spacing = min(lateral, max(1e-6, 0.125 * surface_radius_m(case["needles"])))
        mesh["channel_spacing"] = "%.17g m" % spacing
    for key in ("lateral_spacing", "max_vertical_spacing", "channel_spacing"):
        if key in mesh and str(mesh[key]) != "auto":
            halve(key)
    mesh["min_cells_per_layer"] = 2 * int(mesh["min_cells_per_layer"])
    mesh["growth"] = math.sqrt(float(mesh["growth"]))
    return case


def run(dermaflux, case_file, out_dir, until, threads):
    command = [dermaflux, "run", str(case_file), "--output", str(out_dir), "--quiet",
               "--overwrite", "--threads", str(threads)]
    if until:
        command += ["--until", until]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    with open(out_dir / "timeseries.csv", newline="") as f:
        last = list(csv.DictReader(f))[-1]
    summary = json.loads((out_dir / "summary.json").read_text())
    return last, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dermaflux")
    parser.add_argument("case", type=Path)
    parser.add_argument("--until", default="")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/dermaflux-convergence"))
    args = parser.parse_args()

    args.work_dir.mkdir(parents=True, exist_ok=True)
    base = resolved_case(args.dermaflux, args.case)
    files = {}
    for label, case in (("default", base), ("refined", refine(resolved_case(args.dermaflux,
                                                                            args.case)))):
        files[label] = args.work_dir / ("%s_%s.yaml" % (args.case.stem, label))
        files[label].write_text(yaml.safe_dump(case, sort_keys=False))

    results = {}
    for label, case_file in files.items():
        row, summary = run(args.dermaflux, case_file, args.work_dir / label, args.until,
                           args.threads)
        results[label] = {"row": row, "cells": summary["cells"], "steps": summary["steps"],
                          "linear_iterations": summary["linear_iterations"],
                          "wall_s": summary["wall_s"]}

    columns = [c for c in results["default"]["row"]
               if c.endswith("_ug_cm2") and c not in ("cleared_ug_cm2",)]
    comparison = {}
    for column in columns:
        coarse = float(results["default"]["row"][column])
        fine = float(results["refined"]["row"][column])
        comparison[column] = {"default": coarse, "refined": fine,
                              "relative_difference": (coarse - fine) / fine if fine else None}
    print(json.dumps({"case": str(args.case), "until": args.until or "end",
                      "time_h": float(results["default"]["row"]["time_h"]),
                      "runs": {k: {kk: vv for kk, vv in v.items() if kk != "row"}
                               for k, v in results.items()},
                      "amounts": comparison}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
