#!/usr/bin/env python3
"""What issue 14's physics costs on the whole-case benchmarks (RESULTS.md "Whole runs").

    /usr/bin/python3 benchmarks/physics_cost.py build/release/dermaflux --repeats 3

Runs each benchmark case with `needles.channels: shadow` ("shadow": channels the
needle's own shadow, the layer properties the case gives) against variants with issue
14's terms switched on, interleaved within each repeat so that a busy machine's drift
hits all alike:

  default    the case as shipped: `channels: measured`, the default since issue 14
             (penetration auto; a pressed depth narrowed by the calibrated recovery);
  channels   every channel key of issue 14: `penetration: auto` (pressed: 0.77 of the
             needle deep), `surface_widening: measured` (2.07), `elastic_recovery:
             calibrated` (0.75), `tissue_fluid_diffusivity` (the serum's, so the
             switch itself is what is timed);
  estimates  the stratum corneum, viable epidermis and dermis from `skin.estimates:
             kasting` (lipid and polar routes, binding, clearance) instead of the
             case's D and K.

A variant is a different problem (deeper channels, other properties), so its steps and
CG iterations change with the physics: both are printed beside the wall time, and the
cost per cell and CG iteration (wall / iterations / cells) isolates what the terms add to each
iteration's work. Prints one JSON line per run, then a table of medians.
"""
import argparse
import copy
import json
import os
import statistics
import subprocess
import tempfile

import yaml

CASES = ["cases/quickstart.yaml", "cases/bench_unit_cell.yaml"]


def shadow_variant(case):
    case["needles"]["channels"] = "shadow"
    return case


def channels_variant(case):
    needles = case["needles"]
    needles.update({"penetration": "auto", "surface_widening": "measured",
                    "elastic_recovery": "calibrated"})
    needles["tissue_fluid_diffusivity"] = "6.0e-6 cm^2/s"
    return case


def estimates_variant(case):
    shadow_variant(case)
    skin = case["skin"]
    skin["estimates"] = "kasting"
    for layer in skin.get("layers", []):
        layer.pop("diffusivity", None)
        layer.pop("partition", None)
    return case


VARIANTS = {"shadow": shadow_variant, "default": lambda case: case, "channels": channels_variant,
            "estimates": estimates_variant}


def write_variant(source, variant, folder):
    with open(source) as f:
        case = yaml.safe_load(f)
    case = VARIANTS[variant](copy.deepcopy(case))
    case.setdefault("output", {})["vtk"] = False  # the solve is timed, not the snapshots
    name = os.path.splitext(os.path.basename(source))[0]
    path = os.path.join(folder, f"{name}.{variant}.yaml")
    with open(path, "w") as f:
        yaml.safe_dump(case, f, sort_keys=False)
    return name, path


def run(binary, path, threads, folder):
    out = os.path.join(folder, "out")
    subprocess.run([binary, "run", path, "-o", out, "--overwrite", "-q", "-t", str(threads)],
                   check=True, capture_output=True)
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    return summary["wall_s"], summary["steps"], summary["linear_iterations"], summary["cells"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cases", default=",".join(CASES))
    args = parser.parse_args()
    walls = {}
    counts = {}
    with tempfile.TemporaryDirectory() as folder:
        runs = [write_variant(source, variant, folder) + (variant,)
                for source in args.cases.split(",") for variant in VARIANTS]
        # The case folder's presets: run from the repository's root, where cases/ is.
        for repeat in range(args.repeats):
            for name, path, variant in runs:
                wall, steps, iterations, cells = run(args.binary, path, args.threads, folder)
                walls.setdefault((name, variant), []).append(wall)
                counts[(name, variant)] = (steps, iterations, cells)
                print(json.dumps({"case": name, "variant": variant, "repeat": repeat,
                                  "wall_s": wall, "cells": cells, "steps": steps, "cg_iterations": iterations}),
                      flush=True)
    print()
    print("| case | physics | cells | steps | CG iterations | wall (median, range) | wall / shadow "
          "| per cell and CG iteration / shadow |")
    print("|---|---|---|---|---|---|---|---|")
    for (name, variant), times in walls.items():
        steps, iterations, cells = counts[(name, variant)]
        median = statistics.median(times)
        base = statistics.median(walls[(name, "shadow")])
        base_iterations, base_cells = counts[(name, "shadow")][1:]
        per_iteration = (median / iterations / cells) / (base / base_iterations / base_cells)
        print(f"| {name} | {variant} | {cells} | {steps} | {iterations} | {median:.2f} s "
              f"({min(times):.2f}-{max(times):.2f}) | {median / base:.2f} | "
              f"{per_iteration:.2f} |")


if __name__ == "__main__":
    main()
