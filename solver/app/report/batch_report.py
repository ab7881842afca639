"""The context of a batch's report: the varied keys against the main figures (a
table, a plot per varied key or a heat map for two) and the failed cases."""
import math
import os
import re

import numpy
from matplotlib.ticker import NullFormatter

import report_data
import run_report
from svg_figure import new_figure, to_svg

FIGURES = [("receptor_ug_cm2", "receptor", "µg/cm²"), ("jmax_ug_cm2_h", "Jmax", "µg/cm²/h"),
           ("absorbed_fraction", "absorbed", "%"), ("steady_flux_ug_cm2_h", "steady flux", "µg/cm²/h"),
           ("lag_time_h", "lag", "h"), ("max_mass_balance_rel", "mass balance", "")]


def varied_keys(columns):
    """The sweep's keys: the columns between `folder` and the first summary figure."""
    start = columns.index("folder") + 1 if "folder" in columns else 0
    end = columns.index("dose_ug_cm2") if "dose_ug_cm2" in columns else start
    return columns[start:end]


def magnitude(text):
    """The number that leads a value such as "3.0e-11 cm^2/s" (None for words)."""
    match = re.match(r"\s*([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)", str(text))
    return float(match.group(1)) if match else None


def _unit(values):
    for value in values:
        words = str(value).split(None, 1)
        if len(words) == 2 and magnitude(value) is not None:
            return words[1]
    return ""


def per_key_plot(rows, key, keys):
    """The receptor amount against `key`: one line per setting of the other keys."""
    values = [magnitude(r[key]) for r in rows]
    receptor = [r["receptor_ug_cm2"] for r in rows]
    others = [k for k in keys if k != key]
    groups = {}
    for i, r in enumerate(rows):
        groups.setdefault(tuple(r[k] for k in others), []).append(i)
    figure, axes = new_figure(3.2, 2.6)
    if all(v is not None for v in values):
        for n, (setting, members) in enumerate(sorted(groups.items())):
            order = sorted(members, key=lambda i: values[i])
            label = ", ".join(setting) if len(groups) > 1 else None
            axes.plot([values[i] for i in order], [receptor[i] for i in order], "o-",
                      color=f"C{n % 10}" if len(groups) > 1 else "#2f6f9f", label=label)
        if 1 < len(groups) <= 6:
            axes.legend(fontsize=6)
        positive = [v for v in values if v > 0]
        if len(positive) == len(values) and max(positive) / min(positive) > 3:
            axes.set_xscale("log")
            axes.xaxis.set_minor_formatter(NullFormatter())
        else:
            axes.xaxis.get_major_formatter().set_useOffset(False)
        axes.set_xlabel(_unit([r[key] for r in rows]), fontsize=8)
    else:
        labels = [str(r[key]) for r in rows]
        axes.plot(range(len(rows)), receptor, "o", color="#2f6f9f")
        axes.set_xticks(range(len(rows)))
        axes.set_xticklabels(labels, rotation=30, ha="right", fontsize=7)
    axes.set_title(key, fontsize=8)
    axes.set_ylabel("receptor (µg/cm²)")
    return to_svg(figure)


def heat_map(rows, keys):
    """Two varied keys on a full grid: the receptor amount as colours."""
    first = sorted({r[keys[0]] for r in rows}, key=lambda v: (magnitude(v) is None, magnitude(v) or 0, v))
    second = sorted({r[keys[1]] for r in rows}, key=lambda v: (magnitude(v) is None, magnitude(v) or 0, v))
    grid = numpy.full((len(second), len(first)), numpy.nan)
    for r in rows:
        grid[second.index(r[keys[1]]), first.index(r[keys[0]])] = r["receptor_ug_cm2"]
    figure, axes = new_figure(1.6 + 0.9 * len(first), 1.2 + 0.5 * len(second))
    image = axes.imshow(grid, cmap="viridis", aspect="auto", origin="lower")
    middle = numpy.nanmin(grid) + 0.6 * (numpy.nanmax(grid) - numpy.nanmin(grid))
    for (j, i), value in numpy.ndenumerate(grid):
        if not math.isnan(value):
            axes.text(i, j, f"{value:.3g}", ha="center", va="center", fontsize=7,
                      color="black" if value > middle else "white")
    axes.set_xticks(range(len(first)))
    axes.set_xticklabels(first, fontsize=7)
    axes.set_yticks(range(len(second)))
    axes.set_yticklabels(second, fontsize=7)
    axes.set_xlabel(keys[0])
    axes.set_ylabel(keys[1])
    axes.grid(False)
    figure.colorbar(image, ax=axes).set_label("receptor (µg/cm²)")
    return to_svg(figure)


def missing_indices(rows):
    found = sorted(int(r["index"]) for r in rows if str(r.get("index", "")).isdigit())
    return [i for i in range(found[-1] + 1) if i not in found] if found else []


def context(outdir, arguments):
    raw = report_data.read_csv_rows(os.path.join(outdir, "batch.csv"))
    columns = list(raw[0]) if raw else []
    keys = varied_keys(columns)
    rows = []
    for r in raw:
        row = {c: (r[c] if c in keys or c == "folder" else report_data.number(r[c])) for c in columns}
        series_path = os.path.join(outdir, r.get("folder", ""), "timeseries.csv")
        if os.path.exists(series_path):
            jmax = run_report.jmax_of(report_data.read_csv_columns(series_path))
            row["jmax_ug_cm2_h"] = jmax and jmax["value"]
        rows.append(row)
    layers = [c for c in columns if c.endswith("_ug_cm2") and c not in
              ("dose_ug_cm2", "receptor_ug_cm2", "vehicle_ug_cm2", "cleared_ug_cm2", "in_channels_ug_cm2")]
    shown = [f for f in FIGURES if any(f[0] in r for r in rows)] + [(c, c.removesuffix("_ug_cm2").replace(
        "_", " "), "µg/cm²") for c in layers]
    figures = []
    if len(keys) == 2 and rows:
        figures.append(heat_map(rows, keys))
    figures += [per_key_plot(rows, key, keys) for key in keys if len({r[key] for r in rows}) > 1]
    failures = list(arguments.failed)
    gaps = [i for i in missing_indices(rows) if not any(f.startswith(f"{i:04d}-") for f in failures)]
    return dict(kind="batch", title=f"Batch of {len(rows) + len(failures)} cases",
                question=f"How do the results change with {', '.join(keys) or 'the varied keys'}?",
                rows=rows, keys=keys, shown=shown, figures=figures, failures=failures, gaps=gaps,
                command_line=arguments.command_line, folder=os.path.abspath(outdir))
