"""Strong and weak scaling of one case split over MPI ranks (`mpirun -n P dermaflux
run`), the halo traffic it moves, and a model of 10^9-10^10-cell cases on a cluster
built from those measurements.

    /usr/bin/python3 benchmarks/distributed_scaling.py build/release/dermaflux \\
        [--case cases/bench_unit_cell.yaml] [--until "24 h"] [--repeat 2]

Runs, in one go, each --repeat times in alternating order (the host's speed drifts):
  serial hypre   the case with solver.backend: hypre, one process, one thread
  split 2        the same on 2 ranks of one thread (strong scaling), with Open
                 MPI's pml monitoring counting the bytes and messages between ranks
  weak 2         the case twice as wide (two unit cells side by side, twice the
                 cells) on 2 ranks: the same cells per rank as the serial run
  ours 1 / 2     the default solver (our multigrid, one process) on 1 and 2 threads:
                 what one node gives without MPI
  ours split 2   our CG split over 2 ranks (the default: the multigrid's levels split
                 over the blocks, block Jacobi only where z is cut), monitored
  ours weak 2    the same on the twice-as-wide case
and the STREAM triad on one thread (bench_kernels), for bytes per cell. Strong and weak
scaling on 1-4 ranks, ours and hypre, per rank pair: rank_scaling.py (its model_table
is this one).

The model: a CG iteration of hypre PFMG-CG on a node costs its cells times the
bytes per cell and iteration measured here, over the node's memory bandwidth, plus
its halo (the layers of a face exchanged per iteration measured here, times the
cells of its faces to other nodes) over the network bandwidth, plus a latency per
message and per level of a global sum's tree. Node and network figures are
parameters (a 2-socket node of 300 GB/s STREAM, 25 GB/s and 2 us InfiniBand HDR by
default); they are assumptions, not measurements.
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


def run(command, env=None):
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def summary(folder):
    return json.loads((folder / "summary.json").read_text())


def mesh_shape(dermaflux, case):
    text = run([dermaflux, "check", str(case)])
    m = re.search(r"# mesh: (\d+) x (\d+) x (\d+) = (\d+) cells", text)
    return tuple(int(v) for v in m.groups())


def triad_bytes_per_s(kernels):
    out = run([kernels, "--benchmark_filter=BM_StreamTriad/10000000/", "--benchmark_format=json",
               "--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true"],
              env={**os.environ, "OMP_NUM_THREADS": "1"})
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            return b["bytes_per_second"]
    sys.exit("no triad median in bench_kernels' output")


def monitored_traffic(folder):
    """Bytes and messages rank 0 sent to rank 1 (point to point), and its collectives."""
    text = (folder / "monitor.0.prof").read_text()
    sent = re.search(r"^E\t0\t1\t(\d+) bytes\t(\d+) msgs", text, re.M)
    collectives = sum(int(n) for n in re.findall(r"^A2A\t0\t\d+ bytes\t(\d+) msgs", text, re.M))
    return int(sent.group(1)), int(sent.group(2)), collectives


def choose_parts(grid, ranks):
    """The split `dermaflux run` makes (parallel/Block.cpp): fewest cut faces of a
    periodic grid, fewest z parts among equals."""
    best, best_faces = None, math.inf
    for pz in range(1, ranks + 1):
        if ranks % pz or pz > grid[2]:
            continue
        for py in range(1, ranks // pz + 1):
            if (ranks // pz) % py or py > grid[1]:
                continue
            px = ranks // pz // py
            if px > grid[0]:
                continue
            section = (grid[1] * grid[2], grid[0] * grid[2], grid[0] * grid[1])
            parts = (px, py, pz)
            faces = sum((p if a < 2 else p - 1) * section[a]
                        for a, p in enumerate(parts) if p > 1)
            if faces < best_faces:
                best, best_faces = parts, faces
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dermaflux")
    parser.add_argument("--case", default="cases/bench_unit_cell.yaml")
    parser.add_argument("--until", default=None)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--mpirun", default="mpirun")
    parser.add_argument("--node-bandwidth", type=float, default=300e9, help="STREAM B/s of a node")
    parser.add_argument("--net-bandwidth", type=float, default=25e9, help="B/s per node")
    parser.add_argument("--latency", type=float, default=2e-6, help="s per message")
    args = parser.parse_args()

    dermaflux = str(pathlib.Path(args.dermaflux).resolve())
    kernels = str(pathlib.Path(dermaflux).parent / "benchmarks" / "bench_kernels")
    work = pathlib.Path(tempfile.mkdtemp(prefix="dermaflux-scaling-"))
    base = yaml.safe_load(pathlib.Path(args.case).read_text())
    # The case's relative paths (presets) are resolved from its own folder.
    hypre_case = dict(base, solver={**base.get("solver", {}), "backend": "hypre"})
    domain = dict(base.get("domain", {}))
    pitch = base["needles"]["pitch"]
    value, unit = pitch.split()
    wide_case = dict(hypre_case, domain={**domain, "width": f"{2 * float(value)} {unit}",
                                          "length": pitch})
    # The variants go to a folder of our own, not the case's (a configure during the
    # run would take a .yaml in cases/ for a shipped case): the case's folders are
    # linked there, so that its relative paths (serum, needle, skin files) resolve.
    case_dir = pathlib.Path(args.case).resolve().parent
    variants = work / "cases"
    variants.mkdir()
    for entry in case_dir.iterdir():
        if entry.is_dir():
            (variants / entry.name).symlink_to(entry)
    files = {}
    wide_ours = dict(wide_case, solver=base.get("solver", {}))
    for name, content in (("hypre", hypre_case), ("wide", wide_case), ("wide-ours", wide_ours)):
        files[name] = variants / f"scaling-{name}.yaml"
        files[name].write_text(yaml.safe_dump(content))
    try:
        shape = mesh_shape(dermaflux, files["hypre"])
        wide_shape = mesh_shape(dermaflux, files["wide"])
        until = ["--until", args.until] if args.until else []
        mpi_env = {**os.environ, "OMPI_ALLOW_RUN_AS_ROOT": "1",
                   "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1"}
        ours_env = mpi_env  # ours is the split default
        mpirun = [args.mpirun, "--oversubscribe", "--bind-to", "none"]
        monitor = ["--mca", "pml_monitoring_enable", "2", "--mca", "pml_monitoring_enable_output",
                   "3", "--mca", "pml_monitoring_filename", "{out}/monitor"]
        runs = {
            "serial hypre": ([dermaflux, "run", str(files["hypre"]), "--threads", "1"], None),
            "split 2": (mpirun + ["-n", "2", "--mca", "pml_monitoring_enable", "2",
                                  "--mca", "pml_monitoring_enable_output", "3",
                                  "--mca", "pml_monitoring_filename", "{out}/monitor",
                                  dermaflux, "run", str(files["hypre"]), "--threads", "1"],
                        mpi_env),
            "weak 2": (mpirun + ["-n", "2", dermaflux, "run", str(files["wide"]),
                                 "--threads", "1"], mpi_env),
            "ours 1": ([dermaflux, "run", str(args.case), "--threads", "1"], None),
            "ours 2": ([dermaflux, "run", str(args.case), "--threads", "2"], None),
            "ours split 2": (mpirun + ["-n", "2"] + monitor +
                             [dermaflux, "run", str(args.case), "--threads", "1"], ours_env),
            "ours weak 2": (mpirun + ["-n", "2", dermaflux, "run", str(files["wide-ours"]),
                                      "--threads", "1"], ours_env),
        }
        results = {name: [] for name in runs}
        split_parts = {}  # per split run: the blocks it chose
        triads = []
        for repetition in range(args.repeat):
            order = list(runs) if repetition % 2 == 0 else list(reversed(runs))
            triads.append(triad_bytes_per_s(kernels))
            for name in order:
                command, env = runs[name]
                out = work / f"{name.replace(' ', '_')}_{repetition}"
                out.mkdir()
                command = [c.replace("{out}", str(out)) for c in command]
                text = run(command + ["--output", str(out), "--quiet"] + until, env)
                if name in ("split 2", "ours split 2"):
                    m = re.search(r"as (\d+) x (\d+) x (\d+) blocks", text)
                    split_parts[name] = tuple(int(v) for v in m.groups())
                s = summary(out)
                traffic = monitored_traffic(out) if name in ("split 2", "ours split 2") else None
                results[name].append((s, traffic))
                print(f"  {name:13s} {s['wall_s']:7.2f} s  {s['linear_iterations']} its",
                      file=sys.stderr)
    finally:
        for f in files.values():
            f.unlink(missing_ok=True)

    def best(name):
        return min(results[name], key=lambda r: r[0]["wall_s"])

    triad = sorted(triads)[len(triads) // 2]
    serial, _ = best("serial hypre")
    split, traffic = best("split 2")
    weak, _ = best("weak 2")
    ours1, _ = best("ours 1")
    ours2, _ = best("ours 2")
    ours_split, ours_traffic = best("ours split 2")
    ours_weak, _ = best("ours weak 2")
    nx, ny, nz, cells = shape
    its = serial["linear_iterations"]
    sent_bytes, sent_msgs, collectives = traffic
    split_its = split["linear_iterations"]
    periodic = base.get("domain", {}).get("lateral", "periodic") == "periodic"

    print(f"case {args.case}: {nx} x {ny} x {nz} = {cells} cells, {serial['steps']} steps"
          f"{' until ' + args.until if args.until else ''}; runs of {args.repeat}, fastest shown")
    print(f"triad, 1 thread: {triad / 1e9:.2f} GB/s\n")
    print("| run | ranks x threads | cells | wall s | CG its | speed-up | efficiency |")
    print("|---|---|---|---|---|---|---|")
    rows = [("hypre, one process", "1 x 1", cells, serial, 1.0),
            ("hypre, split (strong)", "2 x 1", cells, split, serial["wall_s"] / split["wall_s"]),
            ("hypre, split, twice as wide (weak)", "2 x 1", wide_shape[3], weak,
             serial["wall_s"] / weak["wall_s"] * 2.0),
            ("ours (multigrid), one process", "1 x 1", cells, ours1, None),
            ("ours (multigrid), one process", "1 x 2", cells, ours2,
             ours1["wall_s"] / ours2["wall_s"]),
            ("ours, split (strong)", "2 x 1", cells, ours_split,
             ours1["wall_s"] / ours_split["wall_s"]),
            ("ours, split, twice as wide (weak)", "2 x 1", wide_shape[3], ours_weak, None)]
    for label, layout, n, s, speedup in rows:
        ranks = 2 if layout.startswith("2") else (2 if layout.endswith("2") else 1)
        eff = f"{speedup / ranks:.2f}" if speedup is not None else "-"
        sp = f"{speedup:.2f}x" if speedup is not None else "-"
        if label.endswith("(weak)"):
            one = ours1 if label.startswith("ours") else serial
            sp = f"{one['wall_s'] / s['wall_s']:.2f} (t1 / t2)"
            eff = f"{one['wall_s'] / s['wall_s']:.2f}"
        print(f"| {label} | {layout} | {n} | {s['wall_s']:.2f} | {s['linear_iterations']} | "
              f"{sp} | {eff} |")

    cell_it_s = serial["wall_s"] / (cells * its)
    bytes_per_cell_it = cell_it_s * triad
    # The faces ranks 0 and 1 share: a cut and, across a periodic side, the wrap.
    def shared(parts):
        """Cells of the face ranks 0 and 1 share, and how many such faces: a cut and,
        across a periodic side, the wrap."""
        axis = next(a for a in range(3) if parts[a] == 2)
        return math.prod(shape[:3]) // shape[axis], 2 if (axis < 2 and periodic) else 1

    parts = split_parts["split 2"]
    section, shared_faces = shared(parts)
    ours_parts = split_parts["ours split 2"]
    ours_section, ours_shared_faces = shared(ours_parts)
    layers_per_it = sent_bytes / split_its / (8 * section * shared_faces)
    msgs_per_face = sent_msgs / split_its / shared_faces
    sums_per_it = collectives / split_its
    print(f"\nhypre PFMG-CG, one process: {cell_it_s * 1e9:.1f} ns per cell and CG iteration "
          f"= {bytes_per_cell_it:.0f} B of triad traffic per cell and iteration")
    print(f"halo, measured (rank 0 -> 1, split {'x'.join(map(str, parts))}, {shared_faces} "
          f"face{'s' if shared_faces > 1 else ''} of {section} cells): "
          f"{sent_bytes / split_its / 1e6:.3f} MB in {sent_msgs / split_its:.1f} messages per CG "
          f"iteration = {layers_per_it:.1f} layers of a face per iteration, "
          f"{msgs_per_face:.1f} messages per face; {sums_per_it:.1f} collective messages per "
          f"iteration")
    ours_its = ours_split["linear_iterations"]
    ours_cell_it_s = ours1["wall_s"] / (cells * ours1["linear_iterations"])
    print(f"ours, one process: {ours_cell_it_s * 1e9:.1f} ns per cell and CG iteration "
          f"= {ours_cell_it_s * triad:.0f} B of triad traffic per cell and iteration; split over "
          f"2 ranks ({'x'.join(map(str, ours_parts))}): "
          f"{ours_traffic[0] / ours_its / 1e6:.3f} MB in {ours_traffic[1] / ours_its:.1f} "
          f"messages per CG iteration = "
          f"{ours_traffic[0] / ours_its / (8 * ours_section * ours_shared_faces):.1f} layers of a "
          f"face, {ours_traffic[1] / ours_its / ours_shared_faces:.1f} messages per face; "
          f"{ours_traffic[2] / ours_its:.1f} collective messages per iteration; "
          f"{ours_its / ours_split['steps']:.1f} iterations per step split, "
          f"{ours1['linear_iterations'] / ours1['steps']:.1f} on one process")
    print(f"iterations per step: {its / serial['steps']:.1f} (hypre), "
          f"{ours1['linear_iterations'] / ours1['steps']:.1f} (ours)")
    print(f"peak memory: one process {serial['peak_rss_mb']:.0f} MB "
          f"({serial['peak_rss_mb'] * 2**20 / cells:.0f} B/cell), split over 2 ranks "
          f"{split['peak_rss_mb']:.0f} MB in all")

    # The model, per CG iteration of one node: its cells at the node's bandwidth,
    # its halo (the measured halo layers per iteration, times the cells of its
    # faces to other nodes) over the network, a latency per message and per level
    # of a global sum's tree. Nodes get blocks as `dermaflux run` splits ranks
    # (choose_parts); "slabs" shows what z-planes alone would give. Ranks within
    # a node exchange through shared memory: not modelled.
    bytes_per_cell = split["peak_rss_mb"] * 2**20 / cells
    solvers = (("hypre PFMG-CG", bytes_per_cell_it, layers_per_it, msgs_per_face, sums_per_it,
                its / serial["steps"], serial["steps"]),
               ("ours (multigrid split over the blocks, iterations as split over 2 ranks)",
                ours_cell_it_s * triad,
                ours_traffic[0] / ours_its / (8 * ours_section * ours_shared_faces),
                ours_traffic[1] / ours_its / ours_shared_faces, ours_traffic[2] / ours_its,
                ours_its / ours_split["steps"], ours_split["steps"]))
    for solver, per_cell_it, layers, msgs, sums, its_per_step, steps in solvers:
        model_table(args, solver, per_cell_it, layers, msgs, sums, its_per_step, steps,
                    bytes_per_cell)
    shutil.rmtree(work)


def model_table(args, solver, bytes_per_cell_it, layers_per_it, msgs_per_face, sums_per_it,
                its_per_step, steps, bytes_per_cell, memory_from="as split over 2 ranks"):
    """The 10^9-10^10-cell model for one solver's measured figures."""
    print(f"\nmodel, {solver}: node {args.node_bandwidth / 1e9:.0f} GB/s STREAM, network "
          f"{args.net_bandwidth / 1e9:.0f} GB/s and {args.latency * 1e6:.0f} us per message; "
          f"{bytes_per_cell_it:.0f} B/cell/it, {layers_per_it:.1f} layers and "
          f"{msgs_per_face:.1f} messages per face, {sums_per_it:.1f} sums per iteration; "
          f"{its_per_step:.1f} its/step and {steps} steps as measured; "
          f"{bytes_per_cell:.0f} B/cell {memory_from}")
    print("| cells | grid | nodes | split | memory/node | compute ms/it | halo ms/it | "
          "latency ms/it | efficiency | wall for the case |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    cases = ((1e9, (2560, 2560, 150), (16, 64, 256)),
             (1e10, (8100, 8100, 150), (100, 400, 900)))
    for total, grid, node_counts in cases:
        for nodes in node_counts:
            for parts in (choose_parts(grid, nodes), (1, 1, nodes)):
                if parts[2] > grid[2] or (parts == (1, 1, nodes) and parts == choose_parts(grid, nodes)):
                    continue
                local = math.prod(grid) / nodes
                block = [grid[a] / parts[a] for a in range(3)]
                face_cells = sum(2 * block[(a + 1) % 3] * block[(a + 2) % 3]
                                 for a in range(3) if parts[a] > 1)
                neighbours = sum(2 for a in range(3) if parts[a] > 1)
                compute = local * bytes_per_cell_it / args.node_bandwidth
                halo = layers_per_it * face_cells * 8 / args.net_bandwidth
                latency = (msgs_per_face * neighbours + sums_per_it * math.log2(nodes)) * args.latency
                per_it = compute + halo + latency
                wall = per_it * its_per_step * steps
                label = "x".join(str(p) for p in parts) + (" (slabs)" if parts[:2] == (1, 1) else "")
                print(f"| {total:.0e} | {grid[0]} x {grid[1]} x {grid[2]} | {nodes} | {label} | "
                      f"{local * bytes_per_cell / 2**30:.1f} GiB | {compute * 1e3:.1f} | "
                      f"{halo * 1e3:.1f} | {latency * 1e3:.2f} | {compute / per_it:.2f} | "
                      f"{wall / 60:.1f} min |")


if __name__ == "__main__":
    main()
