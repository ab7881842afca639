#!/usr/bin/env python3
"""Runs dermaflux on every data set of the validation suite and compares its
predictions with the published measurements.

Each data set is a folder here with case.yaml (the experiment as a user would write
it), measured.csv (quantity, time_h, value, sd, unit, known_fold[, reference]) and
SOURCE.md (citation, what was assumed). Quantities: amounts at a time, peak rates,
steady flux, lag time and permeability (QUANTITIES), and enhancement ratios (RATIOS),
which divide this set's run by the run of its `reference`: a case file relative to the
set's folder (`intact.yaml`, or `../<partner set>/case.yaml`). Writes the table
(docs/validation/README.md) as CSV and Markdown; with --plot, the predicted-vs-measured
figure. A set whose case the binary refuses (a key it does not know yet) is listed as
not run.

    validate.py DERMAFLUX [--sets a,b] [--work DIR] [--table docs/validation]
                          [--plot] [--check FOLD]

--check FOLD fails (exit 1) when a prediction is further than FOLD from its
measurement, or, for a data set whose miss is known and explained in its SOURCE.md
(known_fold), further than that recorded fold: the suite keeps the truth visible
and stops a miss from growing unnoticed.
Only the standard library is needed, except for --plot (matplotlib).
"""
import argparse
import csv
import json
import math
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def at_time(rows, column, time_h):
    """Linear interpolation of a time-series column at time_h."""
    times = [float(r["time_h"]) for r in rows]
    values = [float(r[column]) for r in rows]
    if not times[0] <= time_h <= times[-1]:
        raise ValueError(f"{time_h} h is outside the run's 0..{times[-1]} h")
    for n in range(1, len(times)):
        if time_h <= times[n]:
            w = (time_h - times[n - 1]) / (times[n] - times[n - 1])
            return values[n - 1] + w * (values[n] - values[n - 1])
    return values[-1]


def max_rate(rows, column):
    """Largest rate of change of a cumulative column between outputs."""
    best = 0.0
    for a, b in zip(rows, rows[1:]):
        dt = float(b["time_h"]) - float(a["time_h"])
        best = max(best, (float(b[column]) - float(a[column])) / dt)
    return best


def summary_value(summary, key):
    """A figure of summary.json; null (no steady state reached) is a missing prediction."""
    value = summary.get(key)
    return float(value) if value is not None else math.nan


# What each measured quantity is in a run's outputs (timeseries rows, summary, time).
QUANTITIES = {
    "cleared_ug_cm2": lambda ts, s, t: at_time(ts, "cleared_ug_cm2", t),
    "receptor_ug_cm2": lambda ts, s, t: at_time(ts, "receptor_ug_cm2", t),
    "max_clearance_rate_ug_cm2_h": lambda ts, s, t: max_rate(ts, "cleared_ug_cm2"),
    "max_flux_ug_cm2_h": lambda ts, s, t: max(float(r["flux_ug_cm2_h"]) for r in ts),
    "steady_flux_ug_cm2_h": lambda ts, s, t: summary_value(s, "steady_flux_ug_cm2_h"),
    "lag_time_h": lambda ts, s, t: summary_value(s, "lag_time_h"),
    "permeability_cm_h": lambda ts, s, t: permeability(ts, s),
}


def permeability(rows, summary):
    """kp = J_ss / C_donor (ug/cm^2/h over ug/cm^3; 1 mg/mL = 1000 ug/cm^3). A run that
    never reaches a steady state gives its last flux instead: a lower bound."""
    flux = summary_value(summary, "steady_flux_ug_cm2_h")
    if math.isnan(flux):
        flux = float(rows[-1]["flux_ug_cm2_h"])
    return flux / (1000.0 * summary["donor_mg_ml"])


# Enhancement ratios: the quantity of this run over the same quantity of the
# `reference` run (the intact partner), so that an unknown donor concentration cancels.
RATIOS = {
    "receptor_ratio": "receptor_ug_cm2",
    "steady_flux_ratio": "steady_flux_ug_cm2_h",
}


def donor_concentration(resolved):
    """serum.concentration of a run's case.resolved.yaml, in mg/mL (written in kg/m^3)."""
    text = resolved.read_text()
    serum = re.search(r"^serum:\n((?:[ #].*\n)*)", text, re.M)
    value = serum and re.search(r"^  concentration: ([-+.0-9eE]+) kg/m\^3", serum.group(1), re.M)
    return float(value.group(1)) if value else math.nan


class NotRunnable(Exception):
    """The binary refuses the case (e.g. a key it does not know yet)."""


RUNS = {}  # case file -> (timeseries rows, summary): a shared reference runs once


def run_case(dermaflux, case, out):
    """Runs one case file, once per validate.py call."""
    case = case.resolve()
    runs = RUNS
    if case not in runs:
        result = subprocess.run(
            [dermaflux, "run", str(case), "--output", str(out), "--overwrite"],
            capture_output=True, text=True)
        if result.returncode != 0:
            lines = [l for l in result.stderr.splitlines() if l.strip()]
            message = lines[-1] if lines else f"exit {result.returncode}"
            unknown = re.search(r"([\w.]+): expected one of the keys", message)
            raise NotRunnable(f"`{unknown.group(1)}` is a key this binary does not know"
                              if unknown else message[:200])
        summary = json.loads((out / "summary.json").read_text())
        summary["donor_mg_ml"] = donor_concentration(out / "case.resolved.yaml")
        runs[case] = (read_rows(out / "timeseries.csv"), summary)
    return runs[case]


def predict(dermaflux, folder, work, row, run):
    """The prediction for one measured.csv row (a ratio runs its reference too)."""
    q = row["quantity"]
    time_h = float(row["time_h"]) if row["time_h"] else None
    if q in RATIOS:
        reference = folder / row.get("reference", "")
        if not row.get("reference") or not reference.is_file():
            sys.exit(f"validate.py: {folder.name}: {q} needs a reference case file, "
                     f"got {row.get('reference')!r}")
        ref_out = work / f"{folder.name}.reference.{reference.stem}"
        ref_ts, ref_summary = run_case(dermaflux, reference, ref_out)
        base = QUANTITIES[RATIOS[q]]
        return base(*run, time_h) / base(ref_ts, ref_summary, time_h)
    if q not in QUANTITIES:
        sys.exit(f"validate.py: {folder.name}/measured.csv: unknown quantity {q!r}; "
                 f"expected one of {', '.join(list(QUANTITIES) + list(RATIOS))}")
    return QUANTITIES[q](*run, time_h)


def needled(case):
    """Whether a case file has a needles: section (for the plot's markers)."""
    return re.search(r"^needles:", case.read_text(), re.M) is not None


def fold(predicted, measured):
    if not predicted > 0.0 or measured <= 0.0:
        return math.inf
    return max(predicted / measured, measured / predicted)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dermaflux")
    parser.add_argument("--sets", default="", help="comma-separated data sets (default: all)")
    parser.add_argument("--work", default="/tmp/dermaflux-validation")
    parser.add_argument("--table", default="", help="folder for results.csv and README.md")
    parser.add_argument("--plot", action="store_true")
    parser.add_argument("--check", type=float, default=0.0)
    args = parser.parse_args()

    names = [n for n in args.sets.split(",") if n]
    folders = sorted(p.parent for p in HERE.glob("*/measured.csv"))
    if names:
        folders = [f for f in folders if f.name in names]
        missing = set(names) - {f.name for f in folders}
        if missing:
            sys.exit(f"validate.py: no data set {', '.join(sorted(missing))} in {HERE}")
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)

    results, failures, not_run = [], [], []
    for folder in folders:
        try:
            run = run_case(args.dermaflux, folder / "case.yaml", work / folder.name)
            rows = read_rows(folder / "measured.csv")
            predictions = [predict(args.dermaflux, folder, work, m, run) for m in rows]
        except NotRunnable as error:
            print(f"{folder.name:32s} NOT RUN: {error}")
            not_run.append((folder.name, str(error)))
            failures.append(f"{folder.name}: not run ({error})")
            continue
        for m, predicted in zip(rows, predictions):
            q = m["quantity"]
            measured = float(m["value"])
            f = fold(predicted, measured)
            known = float(m["known_fold"]) if m.get("known_fold") else None
            results.append({"data_set": folder.name, "quantity": q,
                            "needled": needled(folder / "case.yaml"),
                            "reference": m.get("reference", ""),
                            "time_h": m["time_h"], "unit": m["unit"],
                            "measured": measured, "sd": m["sd"], "predicted": predicted,
                            "fold_error": f, "known_fold": known or ""})
            print(f"{folder.name:32s} {q:30s} measured {measured:10.4g}  "
                  f"predicted {predicted:10.4g}  fold {f:6.2f}"
                  + (f"  (known miss, recorded {known:g})" if known else ""))
            if args.check:
                limit = known * 1.1 if known else args.check
                if not f <= limit:
                    failures.append(f"{folder.name} {q}: fold {f:.2f} > {limit:.2f}")

    folds = sorted(r["fold_error"] for r in results)
    if folds:
        median = folds[len(folds) // 2] if len(folds) % 2 else 0.5 * (
            folds[len(folds) // 2 - 1] + folds[len(folds) // 2])
        within = sum(1 for f in folds if f <= 3.0)
        print(f"{len(folds)} comparisons: median fold error {median:.2f}, "
              f"{within} within 3x, {sum(1 for f in folds if f <= 2.0)} within 2x")
    if args.table:
        write_table(pathlib.Path(args.table), results, not_run)
        if args.plot:
            plot(pathlib.Path(args.table) / "predicted_vs_measured.png", results)
    if failures:
        print("validate.py: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        sys.exit(1)


def write_table(folder, results, not_run):
    folder.mkdir(parents=True, exist_ok=True)
    if not results:
        sys.exit("validate.py: no data set ran; no table written")
    with open(folder / "results.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(results[0].keys()))
        w.writeheader()
        w.writerows(results)
    lines = ["| data set | quantity | measured | predicted | fold error |",
             "|---|---|---|---|---|"]
    for r in results:
        when = f" at {r['time_h']} h" if r["time_h"] else ""
        if r["reference"]:
            when += f" vs `{r['reference']}`"
        unit = r["unit"] if r["unit"] != "1" else ""  # a ratio
        lines.append(f"| [{r['data_set']}](../../cases/validation/{r['data_set']}/SOURCE.md) | "
                     f"`{r['quantity']}`{when} | {r['measured']:.4g} {unit} | "
                     f"{r['predicted']:.4g} | {r['fold_error']:.2f}"
                     + (" (known miss)" if r["known_fold"] else "") + " |")
    folds = sorted(r["fold_error"] for r in results)
    median = folds[len(folds) // 2] if len(folds) % 2 else 0.5 * (
        folds[len(folds) // 2 - 1] + folds[len(folds) // 2])
    text = README.format(
        count=len(results), sets=len({r["data_set"] for r in results}), median=median,
        within3=sum(1 for f in folds if f <= 3.0), within2=sum(1 for f in folds if f <= 2.0),
        table="\n".join(lines), not_run_count=len(not_run),
        known=", ".join(f"[{r['data_set']}](../../cases/validation/{r['data_set']}/SOURCE.md)"
                        f" ({r['fold_error']:.1f}x)" for r in results if r["known_fold"])
        or "none",
        not_run="".join(f"\n- [{name}](../../cases/validation/{name}/SOURCE.md): {why}"
                        for name, why in not_run) or "\nnone")
    (folder / "README.md").write_text(text)


README = """# dermaflux against published measurements

Generated by `cases/validation/validate.py build/release/dermaflux --table docs/validation
--plot` (do not edit by hand); `ctest -L validation` runs the same comparisons and fails
when a prediction moves further than 3x from its measurement (or, for a miss that is
known and explained in its data set's SOURCE.md, further than the fold recorded there).

Each data set is a folder in `cases/validation/`: the experiment as a user would write
it (`case.yaml`), the published numbers (`measured.csv`) and where they come from and
what was assumed (`SOURCE.md`). Layer properties are dermaflux's own estimates from the
active's molecular weight and log P (`skin.estimates: kasting`); nothing is fitted to a
data set. How the permeability estimate fares beyond these sets, over every neutral
active of a database (92 of huskinDB through epidermis): [DATABASE.md](DATABASE.md).

**{count} comparisons over {sets} data sets: median fold error {median:.2f}; {within3}
within 3x, {within2} within 2x.** ({not_run_count} more data sets wait for keys this
binary does not know; listed below the table.)

{table}

Quantities: amounts (`receptor_ug_cm2`, `cleared_ug_cm2`) at a time; peak rates;
`steady_flux_ug_cm2_h` and `lag_time_h` from the line through the receptor curve in its
steady window (summary.json); `permeability_cm_h`, the steady flux over the donor
concentration; `receptor_ratio` and `steady_flux_ratio`, the needled case over its
intact partner (`vs`), so that a donor concentration a paper does not give cancels.
Each SOURCE.md says what was assumed and, for a known miss, the physical reason
suspected: {known}.

Data sets this binary could not run (a key it does not know yet; each SOURCE.md says
which):{not_run}

![predicted against measured, log-log, with 2x and 3x bands](predicted_vs_measured.png)
"""


def log_log_frame(ax, lo, hi):
    """Square log-log axes from lo to hi with the predicted = measured line and the 2x
    and 3x bands."""
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal")
    ax.plot([lo, hi], [lo, hi], "k-", lw=1, label="predicted = measured")
    for k, style in ((2, "--"), (3, ":")):
        ax.plot([lo, hi], [lo * k, hi * k], "k" + style, lw=0.8, label=f"{k}x")
        ax.plot([lo, hi], [lo / k, hi / k], "k" + style, lw=0.8)


def plot(path, results):
    """Log-log predicted against measured: circles intact skin, triangles needled skin,
    hollow a miss explained in its SOURCE.md; each quantity in its own unit."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    shown = [r for r in results if math.isfinite(r["predicted"]) and r["predicted"] > 0]
    fig, ax = plt.subplots(figsize=(10, 6))
    xs = [r["measured"] for r in shown]
    ys = [r["predicted"] for r in shown]
    lo, hi = min(xs + ys) / 5, max(xs + ys) * 5
    log_log_frame(ax, lo, hi)
    colours = plt.get_cmap("tab20").colors
    for n, r in enumerate(shown):
        colour = colours[n % len(colours)]
        ax.plot(r["measured"], r["predicted"], "^" if r["needled"] else "o", ms=8,
                color=colour, markerfacecolor="none" if r["known_fold"] else colour,
                markeredgewidth=1.5,
                label=f"{r['data_set']}: {r['quantity']}"
                      + (" (known miss)" if r["known_fold"] else ""))
    ax.set_xlabel("measured (each quantity in its own unit)")
    ax.set_ylabel("predicted by dermaflux")
    ax.set_title("dermaflux against published measurements\n"
                 "o intact skin, ^ needled skin, hollow: known miss (SOURCE.md)", fontsize=10)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


if __name__ == "__main__":
    main()
