"""Strong and weak scaling of one case on 1-4 MPI ranks, our split CG (the default) and
hypre's PFMG-CG, with the halo bytes and messages of each CG iteration per rank pair.

    /usr/bin/python3 benchmarks/rank_scaling.py build/release/dermaflux \\
        [--case benchmarks/cases/unit_cell_2e5.yaml] [--until "6 h"] [--ranks 1,2,3,4] \\
        [--solvers ours,hypre] [--repeat 1] [--json out.json] [--triad-gbs 29.3]

For each solver (ours: `solver.backend: dermaflux`; hypre: `solver.backend: hypre`) and
each rank count P, one thread per rank:
  strong P   the case on P ranks (`mpirun -n P dermaflux run`; P = 1: one process)
  weak P     the case P times as wide (P unit cells side by side along x: domain width
             P x the needle pitch, or P x the case's width without needles) on P ranks:
             the same cells per rank as strong 1
Split runs are counted by Open MPI's pml monitoring: bytes and messages each rank sent
each other rank (point to point) and its collectives' messages, per CG iteration.
Speed-up and efficiency are against 1 rank of the same solver: strong t1 / tP and
t1 / (P tP); weak P t1 / tP (scaled) and t1 / tP. Each run --repeat times in
alternating order; the fastest wall time shown (counts do not change between repeats).

Wall times of more ranks than the machine's cores (`mpirun --oversubscribe`) say
nothing about scaling: ranks take turns on a core and wait a scheduler slice at every
rendezvous. The table marks them; their iteration and message counts are the point.

Then the inputs of the 10^9-10^10-cell model (distributed_scaling.py's model_table),
from each solver's largest strong split (ours: not cut in z if it can): bytes per cell
and CG iteration on one rank (its wall time x the STREAM triad on one thread), halo
layers and messages per face, collective messages per rank and iteration, iterations
per step, memory per cell (weak minus strong on as many ranks: no libraries); and the
model's table.
"""

import argparse
import json
import math
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from distributed_scaling import mesh_shape, model_table, summary, triad_bytes_per_s  # noqa: E402

SOLVERS = {"ours": "dermaflux", "hypre": "hypre"}


def unit_cell(base):
    """The case's width and length as (value, unit) strings to multiply: the needle
    pitch for a needled case (one unit cell), else the domain's own."""
    if "needles" in base and "pitch" in base["needles"]:
        pitch = base["needles"]["pitch"]
        return pitch, pitch
    domain = base.get("domain", {})
    if "width" not in domain:
        sys.exit("the case has neither needles.pitch nor domain.width: no unit cell to repeat "
                 "for weak scaling")
    return domain["width"], domain.get("length", domain["width"])


def widened(base, backend, copies):
    """The case `copies` unit cells wide along x with the given solver backend."""
    width, length = unit_cell(base)
    value, unit = width.split()
    domain = {**base.get("domain", {}), "width": f"{copies * float(value):g} {unit}",
              "length": length}
    return dict(base, domain=domain, solver={**base.get("solver", {}), "backend": backend})


def block_sizes(n, parts):
    """Cells along one axis of each of `parts` blocks (parallel/Block.cpp: the first
    n % parts one more)."""
    return [n // parts + (1 if b < n % parts else 0) for b in range(parts)]


def shared_faces(shape, parts, periodic, r, s):
    """(faces, cells) that blocks of ranks r and s share: a cut between neighbours and,
    across a periodic x or y, the wrap (two faces when an axis has 2 parts). Ranks
    are numbered x fastest (parallel/Block.hpp)."""
    def position(rank):
        return (rank % parts[0], (rank // parts[0]) % parts[1], rank // (parts[0] * parts[1]))

    pr, ps = position(r), position(s)
    faces = cells = 0
    for axis in range(3):
        others = [a for a in range(3) if a != axis]
        if parts[axis] < 2 or any(pr[a] != ps[a] for a in others):
            continue
        gap = (ps[axis] - pr[axis]) % parts[axis]
        wraps = periodic and axis < 2
        count = 0
        if gap == 1 and (wraps or ps[axis] > pr[axis]):
            count += 1
        if gap == parts[axis] - 1 and (wraps or ps[axis] < pr[axis]):
            count += 1
        face = math.prod(block_sizes(shape[a], parts[a])[pr[a]] for a in others)
        faces += count
        cells += count * face
    return faces, cells


def monitored(folder, ranks):
    """Per (sender, receiver): bytes and messages sent point to point; and the
    collectives' messages of all ranks (Open MPI pml monitoring's monitor.R.prof)."""
    pairs, collectives = {}, 0
    for rank in range(ranks):
        text = (folder / f"monitor.{rank}.prof").read_text()
        sends = re.findall(rf"^E\t{rank}\t(\d+)\t(\d+) bytes\t(\d+) msgs", text, re.M)
        for to, sent, msgs in sends:
            if int(msgs) > 0 and int(to) != rank:  # every rank is listed, itself included
                pairs[(rank, int(to))] = (int(sent), int(msgs))
        collective = re.findall(r"^A2A\t\d+\t\d+ bytes\t(\d+) msgs", text, re.M)
        collectives += sum(int(n) for n in collective)
    return pairs, collectives


def launch(command, env):
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    return result.returncode, result.stdout, result.stderr


def variant_cases(dermaflux, base, case_path, solvers, rank_counts, variants):
    """Writes the case files into `variants` (the case's folders linked there, so that
    its relative paths resolve): (solver, kind, P) -> file, and file -> mesh shape.
    Strong runs take the case as it is, weak runs P unit cells; weak 1 is strong 1
    when their meshes agree."""
    for entry in pathlib.Path(case_path).resolve().parent.iterdir():
        if entry.is_dir():
            (variants / entry.name).symlink_to(entry)
    runs, shapes = {}, {}
    for solver in solvers:
        strong = variants / f"{solver}-strong.yaml"
        strong.write_text(yaml.safe_dump(dict(base, solver={**base.get("solver", {}),
                                                            "backend": SOLVERS[solver]})))
        shapes[strong] = mesh_shape(dermaflux, strong)
        for p in rank_counts:
            runs[(solver, "strong", p)] = strong
            wide = variants / f"{solver}-weak-{p}.yaml"
            wide.write_text(yaml.safe_dump(widened(base, SOLVERS[solver], p)))
            shapes[wide] = mesh_shape(dermaflux, wide)
            same = p == 1 and shapes[wide] == shapes[strong]
            runs[(solver, "weak", p)] = strong if same else wide
    return runs, shapes


def failure_of(code, text, error):
    """dermaflux's own error line (e.g. a mesh that 3 ranks cannot split), not mpirun's."""
    lines = [line for line in (error + text).splitlines() if line.strip()]
    said = [line for line in lines if line.startswith("dermaflux:") and "error" in line]
    return (said or lines or [f"exit status {code}"])[0]


def sweep(args, dermaflux, runs, work):
    """Runs each distinct (case file, P) --repeat times, alternating the order (the
    host's speed drifts). Returns per (solver, kind, P): the fastest (summary,
    traffic), the split chosen, or why it failed."""
    until = ["--until", args.until] if args.until else []
    env = {k: v for k, v in os.environ.items() if k != "DERMAFLUX_SPLIT_SOLVER"}
    mpi_env = {**env, "OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1"}
    results, failures, parts_of = {}, {}, {}
    unique = {}  # the same case file on the same ranks runs once
    for key, case in runs.items():
        unique.setdefault((case, key[2]), []).append(key)
    order = list(unique)
    for repetition in range(args.repeat):
        for case, p in (order if repetition % 2 == 0 else list(reversed(order))):
            keys = unique[(case, p)]
            if keys[0] in failures:
                continue
            out = work / f"{case.stem}_{p}_{repetition}"
            out.mkdir()
            command, run_env = [dermaflux, "run", str(case)], env
            if p > 1:
                command = [args.mpirun, "-n", str(p), "--oversubscribe", "--bind-to", "none",
                           "--mca", "pml_monitoring_enable", "2",
                           "--mca", "pml_monitoring_enable_output", "3",
                           "--mca", "pml_monitoring_filename", str(out / "monitor")] + command
                run_env = mpi_env
            code, text, error = launch(command + ["--threads", "1", "--output", str(out),
                                                  "--quiet"] + until, run_env)
            if code != 0:
                for key in keys:
                    failures[key] = failure_of(code, text, error)
                print(f"  {case.stem} on {p} ranks: failed: {failures[keys[0]]}", file=sys.stderr)
                continue
            s = summary(out)
            m = re.search(r"as (\d+) x (\d+) x (\d+) blocks", text)
            parts = tuple(int(v) for v in m.groups()) if m else (1, 1, 1)
            traffic = monitored(out, p) if p > 1 else ({}, 0)
            shutil.rmtree(out)  # snapshots of up to 4 times the case, every output time
            for key in keys:
                parts_of[key] = parts
                best = results.get(key)
                if best is None or s["wall_s"] < best[0]["wall_s"]:
                    results[key] = (s, traffic)
            print(f"  {case.stem:16s} {p} rank{'s' if p > 1 else ' '} "
                  f"{'x'.join(map(str, parts)):7s} {s['wall_s']:8.2f} s "
                  f"{s['linear_iterations']:6d} its", file=sys.stderr)
    return results, failures, parts_of


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dermaflux")
    parser.add_argument("--case", default="benchmarks/cases/unit_cell_2e5.yaml")
    parser.add_argument("--until", default=None, help='stop the case early, e.g. "6 h"')
    parser.add_argument("--ranks", default="1,2,3,4")
    parser.add_argument("--solvers", default="ours,hypre")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--mpirun", default="mpirun")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--triad-gbs", type=float, help="STREAM triad on one thread, GB/s "
                        "(default: measured with bench_kernels)")
    parser.add_argument("--node-bandwidth", type=float, default=300e9, help="STREAM B/s of a node")
    parser.add_argument("--net-bandwidth", type=float, default=25e9, help="B/s per node")
    parser.add_argument("--latency", type=float, default=2e-6, help="s per message")
    args = parser.parse_args()
    rank_counts = sorted({int(p) for p in args.ranks.split(",")})
    solvers = [s for s in args.solvers.split(",") if s]
    if rank_counts[0] != 1 or any(s not in SOLVERS for s in solvers):
        sys.exit("--ranks must include 1 (speed-ups are against it); --solvers of ours, hypre")

    dermaflux = str(pathlib.Path(args.dermaflux).resolve())
    cores = len(os.sched_getaffinity(0))
    base = yaml.safe_load(pathlib.Path(args.case).read_text())
    periodic = base.get("domain", {}).get("lateral", "periodic") == "periodic"
    work = pathlib.Path(tempfile.mkdtemp(prefix="dermaflux-rank-scaling-"))
    try:
        variants = work / "cases"
        variants.mkdir()
        runs, shapes = variant_cases(dermaflux, base, args.case, solvers, rank_counts, variants)
        results, failures, parts_of = sweep(args, dermaflux, runs, work)
    finally:
        shutil.rmtree(work)
    rows = table(args, solvers, rank_counts, runs, shapes, results, failures, parts_of,
                 periodic, cores)
    model(args, dermaflux, solvers, rows, results, runs, shapes)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(rows, indent=1))


def table(args, solvers, rank_counts, runs, shapes, results, failures, parts_of, periodic,
          cores):
    """Prints the scaling table and the per-pair traffic; returns the rows."""
    steps_note = f" until {args.until}" if args.until else ""
    print(f"case {args.case}{steps_note}: {cores} cores here; one thread per rank; fastest of "
          f"{args.repeat}")
    print("\n| solver | scaling | ranks | cells | split | wall s | CG its | its/step | "
          "halo MB/it | msgs/it | collective msgs/it/rank | speed-up | efficiency |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    rows = []
    for solver in solvers:
        for kind in ("strong", "weak"):
            one = results.get((solver, kind, 1))
            for p in rank_counts:
                key = (solver, kind, p)
                shape = shapes[runs[key]]
                cells = shape[3]
                if key not in results:
                    print(f"| {solver} | {kind} | {p} | {cells} | cannot run: "
                          f"{failures.get(key, 'no result')} |")
                    rows.append({"solver": solver, "scaling": kind, "ranks": p, "cells": cells,
                                 "error": failures.get(key)})
                    continue
                s, (pairs, collectives) = results[key]
                its = s["linear_iterations"]
                sent = sum(b for b, _ in pairs.values())
                msgs = sum(n for _, n in pairs.values())
                speedup = efficiency = None
                if one is not None:
                    ratio = one[0]["wall_s"] / s["wall_s"]
                    strong = kind == "strong"
                    speedup, efficiency = (ratio, ratio / p) if strong else (p * ratio, ratio)
                over = p > cores
                note = (f" (oversubscribed: {p} ranks on {cores} cores, no scaling verdict)"
                        if over else "")
                parts = parts_of[key]
                # Ours keeps block Jacobi where z is cut (no split in columns exists).
                cut = " (z cut: block Jacobi)" if solver == "ours" and parts[2] > 1 else ""
                print(f"| {solver} | {kind} | {p} | {cells} | {'x'.join(map(str, parts))}{cut} | "
                      f"{s['wall_s']:.2f}{note} | {its} | {its / s['steps']:.2f} | "
                      f"{sent / its / 1e6:.4f} | {msgs / its:.1f} | {collectives / its / p:.1f} | "
                      + (f"{speedup:.2f}x | {efficiency:.2f} |" if speedup is not None
                         else "- | - |"))
                pair_rows = []
                for (r, t), (b, n) in sorted(pairs.items()):
                    faces, face_cells = shared_faces(shape[:3], parts, periodic, r, t)
                    pair_rows.append({"from": r, "to": t, "bytes_per_it": b / its,
                                      "msgs_per_it": n / its, "faces": faces,
                                      "face_cells": face_cells})
                rows.append({"solver": solver, "scaling": kind, "ranks": p, "cells": cells,
                             "shape": shape[:3], "parts": parts, "wall_s": s["wall_s"],
                             "oversubscribed": over, "steps": s["steps"], "cg_iterations": its,
                             "its_per_step": its / s["steps"], "halo_bytes_per_it": sent / its,
                             "halo_msgs_per_it": msgs / its,
                             "collective_msgs_per_it_per_rank": collectives / its / p,
                             "speedup": speedup,
                             "efficiency": efficiency, "peak_rss_mb": s["peak_rss_mb"],
                             "pairs": pair_rows})
    print("\nhalo per rank pair and CG iteration (sender -> receiver: bytes, messages; the "
          "faces they share; layers = bytes / (8 B x the faces' cells)):")
    for row in rows:
        if not row.get("pairs"):
            continue
        text = "; ".join(
            f"{q['from']}->{q['to']} {q['bytes_per_it'] / 1e3:.1f} kB {q['msgs_per_it']:.1f} msgs"
            + (f" ({q['faces']} face{'s' if q['faces'] > 1 else ''}, "
               f"{q['bytes_per_it'] / (8 * q['face_cells']):.1f} layers)" if q["face_cells"] else
               " (no shared face)")
            for q in row["pairs"])
        print(f"  {row['solver']} {row['scaling']} {row['ranks']} "
              f"({'x'.join(map(str, row['parts']))}): {text}")
    return rows


def model(args, dermaflux, solvers, rows, results, runs, shapes):
    """The model's inputs from each solver's largest strong split (ours: in columns),
    and the model's table for them."""
    triad = args.triad_gbs * 1e9 if args.triad_gbs else triad_bytes_per_s(
        str(pathlib.Path(dermaflux).parent / "benchmarks" / "bench_kernels"))
    print(f"\nSTREAM triad, 1 thread: {triad / 1e9:.2f} GB/s"
          f"{' (given)' if args.triad_gbs else ' (measured now)'}")
    for solver in solvers:
        one = results.get((solver, "strong", 1))
        split = [r for r in rows if r["solver"] == solver and r["scaling"] == "strong"
                 and r["ranks"] > 1 and "error" not in r]
        if one is None or not split:
            print(f"model, {solver}: no one-rank run or no split run to take it from")
            continue
        # Ours: a split in columns if there is one (a z cut keeps block Jacobi).
        row = max(split, key=lambda r: (solver == "hypre" or r["parts"][2] == 1, r["ranks"]))
        s1 = one[0]
        cells = shapes[runs[(solver, "strong", 1)]][3]
        per_cell_it = s1["wall_s"] / (cells * s1["linear_iterations"]) * triad
        faces = sum(q["faces"] for q in row["pairs"])
        face_cells = sum(q["face_cells"] for q in row["pairs"])
        layers = row["halo_bytes_per_it"] / (8 * face_cells)
        msgs_per_face = row["halo_msgs_per_it"] / faces
        sums = row["collective_msgs_per_it_per_rank"]
        # Memory per cell without the ranks' libraries: what the weak run on as many
        # ranks holds more, over the cells it has more; else all of it over the cells.
        wide = [r for r in rows if r["solver"] == solver and r["scaling"] == "weak"
                and r["ranks"] == row["ranks"] and "error" not in r and r["cells"] > row["cells"]]
        if wide:
            bytes_per_cell = ((wide[0]["peak_rss_mb"] - row["peak_rss_mb"]) * 2**20
                              / (wide[0]["cells"] - row["cells"]))
            memory_from = f"weak minus strong on {row['ranks']} ranks"
        else:
            bytes_per_cell = row["peak_rss_mb"] * 2**20 / row["cells"]
            memory_from = f"as split over {row['ranks']} ranks, libraries included"
        print(f"model inputs, {solver}: {per_cell_it:.0f} B per cell and CG iteration (one rank); "
              f"from {row['ranks']} ranks ({'x'.join(map(str, row['parts']))}): {layers:.1f} "
              f"layers and {msgs_per_face:.1f} messages per face and iteration, {sums:.1f} "
              f"collective messages per rank and iteration, {row['its_per_step']:.2f} its/step, "
              f"{row['steps']} steps; {bytes_per_cell:.0f} B/cell ({memory_from})")
        model_table(args, f"{solver}, as measured on {row['ranks']} ranks", per_cell_it, layers,
                    msgs_per_face, sums, row["its_per_step"], row["steps"], bytes_per_cell,
                    memory_from)


if __name__ == "__main__":
    main()
