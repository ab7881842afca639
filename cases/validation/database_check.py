#!/usr/bin/env python3
"""Holds dermaflux's permeability estimates against a whole database, not a handful of
data sets: every neutral active of huskinDB measured through human epidermis from
water (database/huskindb_epidermis_water.csv, 92 compounds; database/SOURCE.md).

For each compound and each `skin.estimates` option (kasting, the default and the
validation suite's; potts_guy_1992; its 2023 refit)
it writes the case a user would write for that experiment (the kp_*_epidermis sets'
case: 13 um stratum corneum under an aqueous donor, 100 um of viable epidermis,
receptor sink), lets `dermaflux check`
resolve the layers' estimated diffusivity D, partition K and thickness h, and takes
kp = 1 / sum(h / (K D)), the steady flux over the donor concentration of layers in
series. --verify runs the solver itself on a few compounds (every option) and fails unless its
permeability as validate.py takes it (steady flux over the donor concentration) equals
that kp to 1 %: the series formula stands in
for the solver only where it has been shown to.

    database_check.py DERMAFLUX [--work DIR] [--table docs/validation] [--plot]
                                [--verify NAME,NAME] [--check]

--table writes DATABASE.md (the per-compound table and the summary by option and class)
and records the summary in database/recorded.json, which `dermaflux report` quotes
beside estimated layer properties; --check fails when an option has
got worse on the database than recorded there (fewer compounds within 3x, or a larger
median fold error): like validate.py's known folds, the truth stays visible and a
change that worsens it has to say so. Only the standard library is needed, except for
--plot (matplotlib).
"""
import argparse
import csv
import json
import math
import pathlib
import re
import statistics
import subprocess
import sys

from validate import fold, log_log_frame, permeability, run_case

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "database" / "huskindb_epidermis_water.csv"
RECORDED = HERE / "database" / "recorded.json"
CM_H_PER_M_S = 3.6e5
OPTIONS = ("kasting", "potts_guy_1992", "potts_guy_2023_refit")

CASE = """\
# {name} in water on heat-separated human epidermis (infinite dose, receptor sink):
# database_check.py's case, as kp_*_epidermis in this folder. Written by the script.
name: {slug}
skin:
  estimates: {model}
  layers:
    - {{name: stratum_corneum, thickness: 13 um}}
    - {{name: viable_epidermis, thickness: 100 um}}
serum:
  active: {slug}
  molecular_weight: {mw:.6g} g/mol
  log_p: {log_p:.6g}
  concentration: 1 mg/mL
  dose: infinite
  diffusivity: {d_water:.4g} cm^2/s   # caffeine's 6.0e-6 scaled by (194.19 / MW)^(1/3)
domain: {{bottom: sink}}
time: {{end: {end_h:g} h, output_every: {every_h:g} h}}
output: {{vtk: false}}
"""


def slug(name):
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:60] or "compound"


def write_case(row, model, folder, end_h=72.0):
    mw, log_p = float(row["molecular_weight_g_mol"]), float(row["log_p"])
    name = slug(row["compound"])
    case = folder / f"{name}.{model}.yaml"
    case.write_text(CASE.format(name=row["compound"], slug=name, model=model, mw=mw,
                                log_p=log_p, d_water=6.0e-6 * (194.19 / mw) ** (1 / 3),
                                end_h=end_h, every_h=end_h / 144))
    return case


LAYER = re.compile(r"^    - name: (\S+)\n\s+thickness: (\S+) m.*\n\s+diffusivity: (\S+) m\^2/s.*\n"
                   r"\s+partition: (\S+)", re.M)


def series_kp_cm_h(dermaflux, case):
    """kp of the resolved layers in series: 1 / sum(h / (K D)), in cm/h."""
    result = subprocess.run([dermaflux, "check", str(case)], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"database_check.py: dermaflux check {case} failed:\n{result.stderr}")
    layers = LAYER.findall(result.stdout)
    if not layers:
        sys.exit(f"database_check.py: no layers in the resolved {case}")
    resistance_s_m = sum(float(h) / (float(k) * float(d)) for _, h, d, k in layers)
    return CM_H_PER_M_S / resistance_s_m


def summary(rows):
    """Headline figures of a list of per-compound results."""
    folds = [r["fold"] for r in rows]
    logs = [math.log10(r["predicted"] / r["measured"]) for r in rows]
    return {"compounds": len(rows),
            "median_fold": round(statistics.median(folds), 3),
            "within_2x": sum(f <= 2.0 for f in folds),
            "within_3x": sum(f <= 3.0 for f in folds),
            "mean_log10_residual": round(statistics.mean(logs), 3),
            "rms_log10_residual": round(math.sqrt(statistics.mean(x * x for x in logs)), 3)}


CLASSES = (
    ("all", lambda r: True),
    ("steroids", lambda r: r["steroid"]),
    ("not steroids", lambda r: not r["steroid"]),
    ("log P < 1", lambda r: r["log_p"] < 1.0),
    ("1 <= log P < 3", lambda r: 1.0 <= r["log_p"] < 3.0),
    ("log P >= 3", lambda r: r["log_p"] >= 3.0),
)


def write_table(folder, results, classes):
    """DATABASE.md: the summary by option and class, the plot, the per-compound table."""
    lines = [
        "# dermaflux's permeability estimates against a database",
        "",
        "Generated by `cases/validation/database_check.py build/release/dermaflux --table",
        "docs/validation --plot` (do not edit by hand); `ctest -L validation` reruns it and",
        "fails when an estimate gets worse on these compounds than recorded in",
        "`cases/validation/database/recorded.json` (which `report.html` quotes).",
        "",
        "Every neutral active of huskinDB measured through human epidermis from water (the",
        "selection and its source: [database/SOURCE.md](../../cases/validation/database/SOURCE.md)),",
        "predicted as the `kp_*_epidermis` data sets are, from the database's molecular weight",
        "and (calculated) log P: 13 µm of stratum corneum under an aqueous donor and 100 µm of",
        "viable epidermis, with each `skin.estimates` option (`kasting`, the default and the",
        "validation suite's; `potts_guy_1992`; `potts_guy_2023_refit`). kp is the",
        "layers' series permeability `1 / Σ h / (K D)` of the estimates `dermaflux check`",
        "resolves; the test also runs the solver on four compounds and requires the same kp to",
        "1 %. Fold error: predicted over measured or its inverse; residual:",
        "log10(predicted / measured), +1 being tenfold too high.",
        "",
        "| `skin.estimates` | compounds | n | median fold | within 2x | within 3x | mean residual | rms residual |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for model in results:
        for label, s in classes[model].items():
            lines.append(f"| {model} | {label} | {s['compounds']} | {s['median_fold']:.2f} "
                         f"| {s['within_2x']} | {s['within_3x']} "
                         f"| {s['mean_log10_residual']:+.2f} | {s['rms_log10_residual']:.2f} |")
    lines += [
        "",
        "Read with [LIPOPHILIC_KP.md](LIPOPHILIC_KP.md), which compares other published",
        "stratum-corneum models on the same compounds.",
        "",
        "![kp with skin.estimates: kasting against measured, log-log, 2x and 3x bands](database_vs_measured.png)",
        "",
        "| compound | log P | MW (g/mol) | measured kp (cm/h) | values | "
        + " | ".join(f"{m}: kp (cm/h), fold" for m in results) + " |",
        "|---|---|---|---|---|" + "---|" * len(results),
    ]
    by_compound = [dict(zip(results, rows)) for rows in zip(*results.values())]
    for models in sorted(by_compound, key=lambda m: m[OPTIONS[0]]["log_p"]):
        r = models[OPTIONS[0]]
        lines.append(f"| {r['compound']}{' (steroid)' if r['steroid'] else ''} | {r['log_p']:.2f} "
                     f"| {r['mw']:.1f} | {r['measured']:.3g} | {r['n_values']} | "
                     + " | ".join(f"{m['predicted']:.3g}, {m['fold']:.2f} "
                                  f"{'high' if m['predicted'] > m['measured'] else 'low'}"
                                  for m in models.values()) + " |")
    (folder / "DATABASE.md").write_text("\n".join(lines) + "\n")


def plot(path, results):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7, 6.5))
    values = [r[k] for r in results for k in ("measured", "predicted")]
    lo, hi = min(values) / 3, max(values) * 3
    log_log_frame(ax, lo, hi)
    for steroid, marker, colour, label in ((False, "o", "tab:blue", "not a steroid"),
                                           (True, "s", "tab:red", "steroid")):
        group = [r for r in results if r["steroid"] == steroid]
        ax.plot([r["measured"] for r in group], [r["predicted"] for r in group], marker,
                color=colour, ms=5, alpha=0.8, ls="none", label=f"{label} ({len(group)})")
    ax.set_xlabel("measured kp, human epidermis from water (cm/h; huskinDB median)")
    ax.set_ylabel("dermaflux kp, skin.estimates: kasting (cm/h)")
    ax.set_title("Permeability estimate against 92 neutral actives of huskinDB", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def predict(dermaflux, data, model, work, verify, failures):
    """Per-compound results of one estimate option; runs the solver on `verify`."""
    results = []
    for row in data:
        case = write_case(row, model, work)
        predicted = series_kp_cm_h(dermaflux, case)
        measured = float(row["kp_cm_h"])
        results.append({"compound": row["compound"], "log_p": float(row["log_p"]),
                        "mw": float(row["molecular_weight_g_mol"]),
                        "steroid": row["steroid"] == "1", "n_values": int(row["n_values"]),
                        "measured": measured, "predicted": predicted,
                        "fold": fold(predicted, measured)})
        if row["compound"] in verify:  # long enough to leave no transient in the slope
            long_case = write_case(row, model, work / "verify", end_h=240.0)
            solver = permeability(*run_case(dermaflux, long_case, work / f"{case.stem}.run"))
            difference = abs(solver / predicted - 1.0)
            print(f"verify {model:20s} {row['compound']:12s} series kp {predicted:.4g} cm/h, "
                  f"solver {solver:.4g} cm/h ({100 * difference:.2f} % apart)")
            if not difference <= 0.01:
                failures.append(f"{model}, {row['compound']}: the solver's kp {solver:.4g} cm/h "
                                f"is {100 * difference:.1f} % from the series kp {predicted:.4g}")
    return results


def check_against_record(classes, failures):
    """--check: no option may have fewer compounds within 3x, or a larger median fold."""
    recorded = json.loads(RECORDED.read_text())
    for model, by_class in classes.items():
        now, then = by_class["all"], recorded[model]["all"]
        if now["within_3x"] < then["within_3x"]:
            failures.append(f"{model}: {now['within_3x']} compounds within 3x, "
                            f"{then['within_3x']} recorded")
        if now["median_fold"] > then["median_fold"] * 1.01:
            failures.append(f"{model}: median fold error {now['median_fold']}, "
                            f"{then['median_fold']} recorded")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dermaflux")
    parser.add_argument("--work", default="/tmp/dermaflux-database")
    parser.add_argument("--table", default="", help="folder for DATABASE.md")
    parser.add_argument("--plot", action="store_true")
    parser.add_argument("--verify", default="", help="comma-separated compounds to run")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    (work / "verify").mkdir(parents=True, exist_ok=True)

    with open(DATA, newline="") as f:
        data = list(csv.DictReader(f))
    failures = []
    verify = [n for n in args.verify.split(",") if n]
    unknown = set(verify) - {r["compound"] for r in data}
    if unknown:
        sys.exit(f"database_check.py: --verify: no compound {', '.join(sorted(unknown))} in {DATA}")

    results = {model: predict(args.dermaflux, data, model, work, verify, failures)
               for model in OPTIONS}
    classes = {model: {label: summary([r for r in rows if keep(r)]) for label, keep in CLASSES}
               for model, rows in results.items()}
    for model, by_class in classes.items():
        for label, s in by_class.items():
            print(f"{model:20s} {label:16s} n {s['compounds']:3d}  median fold "
                  f"{s['median_fold']:6.2f}  within 3x {s['within_3x']:3d}  mean residual "
                  f"{s['mean_log10_residual']:+.2f}  rms {s['rms_log10_residual']:.2f}")
    if args.check:
        check_against_record(classes, failures)
    if args.table:
        folder = pathlib.Path(args.table)
        write_table(folder, results, classes)
        RECORDED.write_text(json.dumps(classes, indent=2) + "\n")
        if args.plot:
            plot(folder / "database_vs_measured.png", results[OPTIONS[0]])
    if failures:
        print("database_check.py: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
