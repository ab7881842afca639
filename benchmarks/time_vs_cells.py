#!/usr/bin/env python3
"""Wall time against cell count: one case run on lateral meshes of several sizes.

What it does: resolves CASE with `dermaflux check`, scales its lateral mesh
(lateral_spacing and an explicit channel_spacing) by each factor given, runs
every variant for --until of simulated time, and reports cells, steps, CG
iterations, wall time, nanoseconds per cell per CG iteration and peak memory
per cell, as JSON, with a log-log plot of wall time against cells.

    /usr/bin/python3 benchmarks/time_vs_cells.py build/release/dermaflux \\
        cases/bench_unit_cell.yaml --factors 2,1.4,1,0.7 --until "1 h" \\
        --plot benchmarks/time_vs_cells.png

Needs python3-yaml and python3-matplotlib (Debian).
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

import yaml


def metres(text):
    value, unit = str(text).split()[:2]
    assert unit == "m", text
    return float(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dermaflux")
    parser.add_argument("case", type=Path)
    parser.add_argument("--factors", default="2,1.4,1,0.7",
                        help="lateral spacing factors (below 1 refines)")
    parser.add_argument("--until", default="1 h")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--checkpoint-interval", default="300",
                        help="wall seconds between checkpoints (0: none; peak memory without one)")
    parser.add_argument("--plot", type=Path)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/dermaflux-time-vs-cells"))
    args = parser.parse_args()
    args.work_dir.mkdir(parents=True, exist_ok=True)

    base_text = subprocess.run([args.dermaflux, "check", str(args.case)], check=True,
                               capture_output=True, text=True).stdout
    rows = []
    for factor in [float(f) for f in args.factors.split(",")]:
        case = yaml.safe_load(base_text)
        mesh = case["mesh"]
        lateral = metres(mesh["lateral_spacing"])
        mesh["lateral_spacing"] = "%.17g m" % (lateral * factor)
        if str(mesh.get("channel_spacing", "auto")) != "auto":
            mesh["channel_spacing"] = "%.17g m" % (metres(mesh["channel_spacing"]) * factor)
        case_file = args.work_dir / ("case_%g.yaml" % factor)
        case_file.write_text(yaml.safe_dump(case, sort_keys=False))
        out = args.work_dir / ("run_%g" % factor)
        subprocess.run([args.dermaflux, "run", str(case_file), "--output", str(out), "--quiet",
                        "--overwrite", "--threads", str(args.threads), "--until", args.until,
                        "--checkpoint-interval", args.checkpoint_interval],
                       check=True, stdout=subprocess.DEVNULL)
        s = json.loads((out / "summary.json").read_text())
        rows.append({"factor": factor, "cells": s["cells"], "steps": s["steps"],
                     "linear_iterations": s["linear_iterations"], "wall_s": s["wall_s"],
                     "ns_per_cell_iteration": 1e9 * s["wall_s"] / (s["cells"] *
                                                                   s["linear_iterations"]),
                     "iterations_per_step": s["linear_iterations"] / s["steps"],
                     "peak_bytes_per_cell": s["peak_rss_mb"] * 2**20 / s["cells"]})
        print("time_vs_cells: %(cells)d cells, %(wall_s).2f s" % rows[-1], file=sys.stderr)
    print(json.dumps({"case": str(args.case), "until": args.until, "threads": args.threads,
                      "runs": rows}, indent=2))

    if args.plot:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        cells = [r["cells"] for r in rows]
        wall = [r["wall_s"] for r in rows]
        figure, axes = plt.subplots(figsize=(6, 4))
        axes.loglog(cells, wall, "o-", label="dermaflux, %d threads" % args.threads)
        ideal = [wall[0] * c / cells[0] for c in cells]
        axes.loglog(cells, ideal, "--", color="grey", label="proportional to cells")
        axes.set_xlabel("cells")
        axes.set_ylabel("wall time (s) for %s simulated" % args.until)
        axes.set_title(args.case.name)
        axes.legend()
        axes.grid(True, which="both", alpha=0.3)
        figure.tight_layout()
        figure.savefig(args.plot, dpi=120)


if __name__ == "__main__":
    sys.exit(main())
