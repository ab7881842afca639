#!/usr/bin/env python3
"""Every peer against dermaflux on the same grid, steps and tolerance, in one run.

laplacianFoam solves dT/dt = div(DT grad T) with one uniform DT, so the peer
problem has one material: `--problem homogeneous` (the default) is the benchmark
grid with every material equal, closed top and sides, a sink at the bottom, the
vehicle film planes starting at the serum concentration; `--problem uniform` is a
box of uniform spacing (10 x 10 x 5 um cells, 40 planes), serum fixed on top, a
sink below, closed sides, starting empty. This script

  1. exports that grid from bench_peers and writes an OpenFOAM case with the same
     nodes (one blockMesh block per z-cell, so the graded z spacing is exact and
     the cells are numbered as dermaflux numbers them),
  2. times laplacianFoam (Euler ddt, fixed deltaT) with GAMG and with PCG(DIC),
     and bench_peers' dermaflux (`--threads`, and one thread) and `--peers`
     (hypre PFMG-CG in both settings, Eigen's CG on the assembled matrix) on the
     same problem, interleaved, `--repeat` times,
  3. checks that both solved the same problem: the final fields must agree to
     about the solver tolerance (one untimed run that writes T),

and prints one JSON document. OpenFOAM runs serially (one core), or with
`--foam-ranks N` on N MPI ranks: the mesh cut into N slices across x by
decomposePar (method simple, untimed), then `mpirun -np N laplacianFoam
-parallel`, whose process wall time alone is timed (no blockMesh, decomposePar
or reconstructPar, and not the sourcing of OpenFOAM's environment either).

    python3 benchmarks/openfoam_peer.py build/release/benchmarks/bench_peers \\
        --cells 100000 --steps 10 --dt 100 --repeat 3

Issue 18's first row (the 655 360-cell uniform box, 100 steps of 864 s, GAMG on
2 ranks against dermaflux on 2 threads) ends with the line "row 1: dermaflux
X.XXx faster than laplacianFoam GAMG on 2 ranks" on stderr (also `row1` in the JSON):

    python3 benchmarks/openfoam_peer.py build/release/benchmarks/bench_peers \\
        --problem uniform --cells 655360 --steps 100 --dt 864 --foam-ranks 2 \\
        --foam-solvers GAMG --peers "" --threads 2 --repeat 3

Needs Debian's `openfoam` package (1912); its environment comes from
/usr/share/openfoam/etc/bashrc. Everything OpenFOAM writes goes to --work-dir.
"""

import argparse
import json
import re
import shlex
import shutil
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

FOAM_BASHRC = "/usr/share/openfoam/etc/bashrc"

HEADER = """FoamFile
{{
    version     2.0;
    format      ascii;
    class       {cls};
    object      {obj};
}}
"""

SOLVERS = {
    "GAMG": "solver GAMG; smoother GaussSeidel;",
    "PCG": "solver PCG; preconditioner DIC;",
}


def write(path, cls, obj, body):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(cls=cls, obj=obj) + body)


def block_mesh_dict(grid):
    """One block per z-cell: blockMesh then takes every z node as it is."""
    x, y, z = grid["x_nodes_m"], grid["y_nodes_m"], grid["z_nodes_m"]
    nx, ny, nz = len(x) - 1, len(y) - 1, len(z) - 1
    dx = [b - a for a, b in zip(x, x[1:])]
    dy = [b - a for a, b in zip(y, y[1:])]
    if max(dx) - min(dx) > 1e-9 * max(dx) or max(dy) - min(dy) > 1e-9 * max(dy):
        sys.exit("openfoam_peer: the lateral spacing must be uniform (a graded grid needs "
                 "more blocks)")
    um = 1e6  # write micrometres, convertToMeters 1e-6
    vertices = []
    for zk in z:
        for xi, yj in ((x[0], y[0]), (x[-1], y[0]), (x[-1], y[-1]), (x[0], y[-1])):
            vertices.append(f"    ({xi * um:.12g} {yj * um:.12g} {zk * um:.12g})")
    blocks = [f"    hex ({' '.join(str(4 * k + v) for v in range(8))}) ({nx} {ny} 1) "
              "simpleGrading (1 1 1)" for k in range(nz)]

    def faces(rows):
        return "\n".join(f"            ({' '.join(map(str, r))})" for r in rows)

    sides = []
    for k in range(nz):
        b = 4 * k
        sides += [(b, b + 4, b + 7, b + 3), (b + 1, b + 2, b + 6, b + 5),
                  (b, b + 1, b + 5, b + 4), (b + 3, b + 7, b + 6, b + 2)]
    top = 4 * nz
    return f"""convertToMeters 1e-6;
vertices
(
{chr(10).join(vertices)}
);
blocks
(
{chr(10).join(blocks)}
);
edges ();
boundary
(
    top {{ type patch; faces ( {" ".join(["(%d %d %d %d)" % (top, top + 1, top + 2, top + 3)])} ); }}
    bottom {{ type patch; faces ( (0 3 2 1) ); }}
    sides
    {{
        type patch;
        faces
        (
{faces(sides)}
        );
    }}
);
mergePatchPairs ();
"""


def write_case(case, grid, steps, dt, tolerance, solver, write_at_end, ranks=1):
    nx, ny = len(grid["x_nodes_m"]) - 1, len(grid["y_nodes_m"]) - 1
    plane = nx * ny
    write(case / "system/blockMeshDict", "dictionary", "blockMeshDict", block_mesh_dict(grid))
    # Timed runs write nothing; the check run writes T once, at the end, in ascii.
    write(case / "system/controlDict", "dictionary", "controlDict", f"""
application laplacianFoam;
startFrom startTime;
startTime 0;
stopAt endTime;
endTime {steps * dt!r};
deltaT {dt!r};
writeControl timeStep;
writeInterval {steps if write_at_end else 100 * steps + 1};
purgeWrite 0;
writeFormat {"ascii" if write_at_end else "binary"};
writePrecision 17;
writeCompression off;
timeFormat general;
timePrecision 12;
runTimeModifiable false;
""")
    write(case / "system/fvSchemes", "dictionary", "fvSchemes", """
ddtSchemes { default Euler; }
gradSchemes { default Gauss linear; }
divSchemes { default none; }
laplacianSchemes { default Gauss linear corrected; }
interpolationSchemes { default linear; }
snGradSchemes { default corrected; }
""")
    # tolerance (not relTol): OpenFOAM's normalised residual |b - A x|_1 / (|A x - A xbar|_1
    # + |b - A xbar|_1) is the nearest it has to our ||b - S u|| / ||b||.
    write(case / "system/fvSolution", "dictionary", "fvSolution", f"""
solvers
{{
    T {{ {SOLVERS[solver]} tolerance {tolerance!r}; relTol 0; maxIter 100000; }}
}}
SIMPLE {{ nNonOrthogonalCorrectors 0; }}
""")
    # Slices across x: the fewest faces between ranks for a box wider than deep.
    write(case / "system/decomposeParDict", "dictionary", "decomposeParDict", f"""
numberOfSubdomains {ranks};
method simple;
simpleCoeffs {{ n ({ranks} 1 1); delta 0.001; }}
""")
    write(case / "constant/transportProperties", "dictionary", "transportProperties",
          f"DT DT [0 2 -1 0 0 0 0] {grid['diffusivity_m2_s']!r};\n")
    values = "\n".join(f"{v!r}" for v in grid["initial_per_plane"] for _ in range(plane))
    cells = plane * (len(grid["z_nodes_m"]) - 1)
    top_potential = grid.get("top_potential_kg_m3")
    top = ("zeroGradient;" if top_potential is None else
           f"fixedValue; value uniform {top_potential!r};")
    write(case / "0/T", "volScalarField", "T", f"""
dimensions [0 0 0 1 0 0 0];
internalField nonuniform List<scalar> {cells}
(
{values}
);
boundaryField
{{
    top {{ type {top} }}
    sides {{ type zeroGradient; }}
    bottom {{ type fixedValue; value uniform 0; }}
}}
""")


def foam_environment():
    """OpenFOAM's environment, sourced once, so that timed runs do not source it."""
    out = subprocess.run(["bash", "-c", f". {FOAM_BASHRC} >/dev/null 2>&1; env -0"],
                         check=True, capture_output=True).stdout.decode()
    env = dict(item.split("=", 1) for item in out.split("\0") if "=" in item)
    # Open MPI refuses root without these (harmless for others); see tests/CMakeLists.txt.
    env.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    return env


def foam(command, case, log, env):
    """Runs an OpenFOAM command (a list) on the case; returns its process wall time in s."""
    with open(log, "w") as out:
        start = time.perf_counter()
        result = subprocess.run(command + ["-case", str(case)], stdout=out,
                                stderr=subprocess.STDOUT, env=env)
        wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"openfoam_peer: {' '.join(command)} failed; see {log}")
    return wall


def laplacian_foam(args):
    """laplacianFoam serially, or on --foam-ranks MPI ranks of the decomposed case."""
    if args.foam_ranks == 1:
        return ["laplacianFoam"]
    return shlex.split(args.mpirun) + ["-np", str(args.foam_ranks), "laplacianFoam", "-parallel"]


def parse_log(log):
    """Iterations per step and the solve loop's time: ExecutionTime (CPU s, one process)
    after the last step minus after the first, scaled to all steps."""
    text = Path(log).read_text()
    iterations = [int(n) for n in re.findall(r"Solving for T,.*No Iterations (\d+)", text)]
    times = [float(t) for t in re.findall(r"ExecutionTime = ([0-9.eE+-]+) s", text)]
    steps = len(times)
    loop = (times[-1] - times[0]) * steps / (steps - 1) if steps > 1 else float("nan")
    return {"iterations": sum(iterations), "steps": steps, "loop_s": loop}


def read_ascii_field(path):
    text = Path(path).read_text()
    match = re.search(r"internalField\s+nonuniform\s+List<scalar>\s+(\d+)\s*\(", text)
    count = int(match.group(1))
    body = text[match.end():].split(")", 1)[0]
    values = [float(v) for v in body.split()]
    assert len(values) == count
    return values


def read_raw(path):
    data = Path(path).read_bytes()
    return list(struct.unpack(f"{len(data) // 8}d", data))


def bench_peers(binary, args, extra, peers=""):
    solvers = "dermaflux,dermaflux-1thread" + ("," + peers if peers else "")
    command = [binary, "--problem", args.problem, "--cells", str(args.cells), "--steps",
               str(args.steps), "--dt", str(args.dt), "--tolerance", str(args.tolerance),
               "--threads", str(args.threads), "--repeat", "1", "--solvers", solvers] + extra
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bench_peers", help="path to the bench_peers executable")
    parser.add_argument("--problem", choices=("homogeneous", "uniform"), default="homogeneous")
    parser.add_argument("--cells", type=int, default=100000)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--dt", type=float, default=100.0)
    parser.add_argument("--tolerance", type=float, default=1e-8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peers", default="hypre-galerkin,hypre,eigen",
                        help="bench_peers solvers timed beside dermaflux (empty: none)")
    parser.add_argument("--threads", type=int, default=2, help="dermaflux's threads")
    parser.add_argument("--foam-solvers", default="GAMG,PCG",
                        help="laplacianFoam's linear solvers, of " + ", ".join(SOLVERS))
    parser.add_argument("--foam-ranks", type=int, default=1,
                        help="MPI ranks of laplacianFoam (1: serial, no MPI)")
    parser.add_argument("--mpirun", default="mpirun --oversubscribe --bind-to none",
                        help="the MPI launcher and its options, for --foam-ranks above 1")
    parser.add_argument("--work-dir", default="/tmp/dermaflux_openfoam_peer")
    args = parser.parse_args()
    foam_solvers = [s for s in args.foam_solvers.split(",") if s]
    if not foam_solvers or any(s not in SOLVERS for s in foam_solvers):
        sys.exit(f"openfoam_peer: --foam-solvers takes some of {', '.join(SOLVERS)}")
    env = foam_environment()
    ranks = args.foam_ranks

    work = Path(args.work_dir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    grid_file = work / "grid.json"
    subprocess.run([args.bench_peers, "--problem", args.problem, "--cells", str(args.cells),
                    "--export-grid", str(grid_file)], check=True)
    grid = json.loads(grid_file.read_text())
    shape = [len(grid[a]) - 1 for a in ("x_nodes_m", "y_nodes_m", "z_nodes_m")]

    cases = {}
    for solver in foam_solvers:
        cases[solver] = work / solver
        write_case(cases[solver], grid, args.steps, args.dt, args.tolerance, solver, False, ranks)
        foam(["blockMesh"], cases[solver], work / f"blockMesh.{solver}.log", env)
        if ranks > 1:
            foam(["decomposePar"], cases[solver], work / f"decomposePar.{solver}.log", env)

    # Same problem? One untimed run each writes its last T; dermaflux writes its own.
    u_file = work / "dermaflux_u.bin"
    bench_peers(args.bench_peers, args, ["--write-solution", str(u_file)])
    reference = read_raw(u_file)
    scale = max(abs(v) for v in reference)
    difference = {}
    end_time = f"{args.steps * args.dt:g}"
    for solver, case in cases.items():
        # Only controlDict changes (the ranks read it from the case's own system/).
        write_case(case, grid, args.steps, args.dt, args.tolerance, solver, True, ranks)
        foam(laplacian_foam(args), case, work / f"check.{solver}.log", env)
        if ranks > 1:
            foam(["reconstructPar", "-latestTime"], case, work / f"reconstruct.{solver}.log", env)
        last = case / end_time / "T"
        field = read_ascii_field(last)
        difference[solver] = max(abs(a - b) for a, b in zip(field, reference)) / scale
        for written in [case / end_time] + sorted(case.glob(f"processor*/{end_time}")):
            shutil.rmtree(written)
        write_case(case, grid, args.steps, args.dt, args.tolerance, solver, False, ranks)

    runs = []
    for r in range(args.repeat):
        report = bench_peers(args.bench_peers, args, [], args.peers)
        for run in report["runs"]:
            runs.append({"repeat": r, "solver": run["solver"], "threads": run["threads"],
                         "wall_s": run["wall_s"], "steps_s": run["steps_s"],
                         "iterations": run["iterations"],
                         "max_rel_diff_to_dermaflux": run.get("max_rel_diff_to_dermaflux")})
        for solver, case in cases.items():
            log = work / f"laplacianFoam.{solver}.{r}.log"
            wall = foam(laplacian_foam(args), case, log, env)
            parsed = parse_log(log)
            runs.append({"repeat": r, "solver": f"laplacianFoam {solver}", "threads": 1,
                         "ranks": ranks, "process_wall_s": wall, "steps_s": parsed["loop_s"],
                         "iterations": parsed["iterations"],
                         "max_rel_diff_to_dermaflux": difference[solver]})

    summary = []
    names = sorted({run["solver"] for run in runs}, key=lambda n: (n.startswith("lap"), n))
    base = {t: statistics.median(r["steps_s"] for r in runs if r["solver"] == n)
            for n, t in (("dermaflux", args.threads), ("dermaflux-1thread", 1))}
    for name in names:
        mine = [r for r in runs if r["solver"] == name]
        steps_s = statistics.median(r["steps_s"] for r in mine)
        # Whole walls: bench_peers' set-up and steps; laplacianFoam's process.
        wall_s = statistics.median(r.get("wall_s", r.get("process_wall_s")) for r in mine)
        summary.append({"solver": name, "threads": mine[0]["threads"],
                        "ranks": mine[0].get("ranks", 1),
                        "median_steps_s": steps_s, "median_wall_s": wall_s,
                        "iterations": mine[-1]["iterations"],
                        "max_rel_diff_to_dermaflux": mine[-1].get("max_rel_diff_to_dermaflux"),
                        "ratio_to_dermaflux_1thread": steps_s / base[1],
                        f"ratio_to_dermaflux_{args.threads}threads": steps_s / base[args.threads]})
    report = {"problem": args.problem, "grid": shape, "cells": shape[0] * shape[1] * shape[2],
              "steps": args.steps, "dt_s": args.dt, "tolerance": args.tolerance,
              "foam_ranks": ranks, "dermaflux_threads": args.threads,
              "max_rel_diff_to_dermaflux": difference, "runs": runs, "summary": summary}
    # Issue 18's first row: laplacianFoam GAMG's solver process against dermaflux's
    # set-up and steps, wall against wall, medians of the interleaved repeats.
    walls = {s["solver"]: s["median_wall_s"] for s in summary}
    if "laplacianFoam GAMG" in walls:
        ratio = walls["laplacianFoam GAMG"] / walls["dermaflux"]
        report["row1"] = {"laplacianFoam_GAMG_wall_s": walls["laplacianFoam GAMG"],
                          "dermaflux_wall_s": walls["dermaflux"], "ratio": ratio}
    print(json.dumps(report, indent=2))
    if "row1" in report:
        print(f"row 1: dermaflux {ratio:.2f}x faster than laplacianFoam GAMG on {ranks} "
              f"rank{'s' if ranks > 1 else ''} (dermaflux {args.threads} threads, "
              f"{walls['dermaflux']:.3g} s against {walls['laplacianFoam GAMG']:.3g} s, "
              f"medians of {args.repeat}; same field to "
              f"{difference['GAMG']:.1e})", file=sys.stderr)

if __name__ == "__main__":
    main()
