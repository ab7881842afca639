#!/usr/bin/python3
"""Plots of dermaflux results, as PNG files beside them (matplotlib, Agg).

    dermaflux_plots.py run OUTDIR              # one run: cumulative.png, per_layer.png[, profiles.png, film.png]
    dermaflux_plots.py compare OUTDIR RUN...   # several runs (folder names under OUTDIR)

Called by `dermaflux plot` and `dermaflux compare`; reads only timeseries.csv,
summary.json and profiles.csv, so it also works on results copied elsewhere.
Applications and wipe-offs (summary.json "events") are marked on every time axis;
a film_um column (the serum film's thickness) gets its own plot, film.png.
Needs Debian's python3-matplotlib (run with /usr/bin/python3).
"""
import csv
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read_timeseries(folder):
    with open(os.path.join(folder, "timeseries.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    columns = {key: [float(row[key]) for row in rows] for key in rows[0]} if rows else {}
    return columns


def layer_columns(series):
    fixed = {"time_h", "vehicle_ug_cm2", "receptor_ug_cm2", "cleared_ug_cm2", "in_channels_ug_cm2",
             "flux_ug_cm2_h", "mass_balance_rel", "applied_ug_cm2", "solid_ug_cm2", "removed_ug_cm2"}
    return [key for key in series if key.endswith("_ug_cm2") and key not in fixed]


def label_of(folder):
    try:
        with open(os.path.join(folder, "summary.json")) as f:
            summary = json.load(f)
        return summary.get("label") or summary.get("name") or os.path.basename(folder)
    except OSError:
        return os.path.basename(folder)


def read_events(folder):
    """summary.json's "events": {"applications_h": [...], "removals_h": [...]}, or empty lists."""
    try:
        with open(os.path.join(folder, "summary.json")) as f:
            events = json.load(f).get("events") or {}
    except (OSError, ValueError):
        events = {}
    return {"applications_h": list(events.get("applications_h") or []),
            "removals_h": list(events.get("removals_h") or [])}


def mark_events(axes, events):
    """Applications (purple, dashed, ▼ at the top) and wipe-offs (grey, dotted, ▲), one legend entry
    each; colours past the first layers' (C0-C3) of matplotlib's cycle."""
    styles = [("applications_h", "tab:purple", "--", "v", "application"),
              ("removals_h", "tab:gray", ":", "^", "wipe-off")]
    for key, colour, line, marker, label in styles:
        times = events.get(key, [])
        for i, time in enumerate(times):
            axes.axvline(time, color=colour, linestyle=line, linewidth=1, alpha=0.8,
                         label=label if i == 0 else None)
        if times:
            axes.plot(times, [1.0] * len(times), linestyle="none", marker=marker, color=colour,
                      markersize=7, clip_on=False, transform=axes.get_xaxis_transform())


def save(figure, path):
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    print(f"plot: {path}")


def plot_run(folder):
    series = read_timeseries(folder)
    t = series["time_h"]
    figure, axes = plt.subplots(figsize=(7, 4.5))
    axes.plot(t, series["receptor_ug_cm2"], marker="o", markersize=3, label="receptor")
    axes.set_xlabel("time (h)")
    axes.set_ylabel("cumulative amount (µg/cm²)")
    axes.set_title(f"{label_of(folder)}: cumulative amount in the receptor")
    events = read_events(folder)
    mark_events(axes, events)
    if any(events.values()):
        axes.legend(fontsize=8)
    axes.grid(alpha=0.3)
    save(figure, os.path.join(folder, "cumulative.png"))

    figure, axes = plt.subplots(figsize=(7, 4.5))
    for key in layer_columns(series):
        axes.plot(t, series[key], label=key.removesuffix("_ug_cm2").replace("_", " "))
    axes.plot(t, series["receptor_ug_cm2"], "k--", label="receptor")
    if any(series.get("in_channels_ug_cm2", [])):
        axes.plot(t, series["in_channels_ug_cm2"], ":", label="in open channels")
    axes.set_xlabel("time (h)")
    axes.set_ylabel("amount (µg/cm²)")
    axes.set_title(f"{label_of(folder)}: amount per layer")
    mark_events(axes, events)
    axes.legend()
    axes.grid(alpha=0.3)
    save(figure, os.path.join(folder, "per_layer.png"))

    if "film_um" in series:
        plot_film(series, events, os.path.join(folder, "film.png"), label_of(folder))

    profiles = os.path.join(folder, "profiles.csv")
    if os.path.exists(profiles):
        plot_profiles(profiles, os.path.join(folder, "profiles.png"), label_of(folder))


def plot_film(series, events, png, title):
    """The serum film: its thickness, and what it holds dissolved and undissolved."""
    t = series["time_h"]
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(7, 6), sharex=True)
    top.plot(t, series["film_um"], marker="o", markersize=3, color="C0", label="film thickness")
    top.set_ylabel("film thickness (µm)")
    top.set_title(f"{title}: the serum film")
    mark_events(top, events)
    top.legend(fontsize=8)
    top.grid(alpha=0.3)
    # Colours apart from the events' purple and grey.
    for key, label, style in [("vehicle_ug_cm2", "dissolved in the film", "C0-"),
                              ("solid_ug_cm2", "undissolved (solid)", "C1-"),
                              ("removed_ug_cm2", "wiped off (cumulative)", "C2-"),
                              ("applied_ug_cm2", "applied (cumulative)", "k--")]:
        if key in series:
            bottom.plot(t, series[key], style, label=label)
    mark_events(bottom, events)
    bottom.set_xlabel("time (h)")
    bottom.set_ylabel("amount (µg/cm²)")
    bottom.legend(fontsize=8)
    bottom.grid(alpha=0.3)
    save(figure, png)


def plot_profiles(path, png, title):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    times = sorted({float(r["time_h"]) for r in rows})
    shown = times[1:] if len(times) > 1 else times
    if len(shown) > 4:
        shown = [shown[i * (len(shown) - 1) // 3] for i in range(4)]
    figure, axes = plt.subplots(figsize=(7, 4.5))
    for i, time in enumerate(shown):
        selected = [r for r in rows if float(r["time_h"]) == time]
        depth = [float(r["depth_um"]) for r in selected]
        colour = f"C{i}"
        axes.plot([float(r["mean_mg_ml"]) for r in selected], depth, color=colour, label=f"{time:g} h, mean")
        if "channel_axis_mg_ml" in selected[0] and selected[0]["channel_axis_mg_ml"]:
            axes.plot([float(r["channel_axis_mg_ml"]) for r in selected], depth, "--", color=colour,
                      label=f"{time:g} h, channel axis")
            axes.plot([float(r["between_channels_mg_ml"]) for r in selected], depth, ":", color=colour,
                      label=f"{time:g} h, between channels")
    axes.set_xscale("symlog", linthresh=1e-3)
    axes.invert_yaxis()
    axes.set_xlabel("tissue concentration (mg/mL)")
    axes.set_ylabel("depth below the skin surface (µm)")
    axes.set_title(f"{title}: depth profiles")
    axes.legend(fontsize=7)
    axes.grid(alpha=0.3)
    save(figure, png)


def plot_compare(outdir, runs):
    figure, axes = plt.subplots(figsize=(7.5, 4.8))
    for i, run in enumerate(runs):
        folder = os.path.join(outdir, run)
        series = read_timeseries(folder)
        style = "--" if run.endswith("-intact") else "-"
        colour = f"C{i // 2}" if any(r.endswith("-intact") for r in runs) else f"C{i}"
        axes.plot(series["time_h"], series["receptor_ug_cm2"], style, color=colour, label=label_of(folder))
    # Events only when every run shares them (a compare runs one regimen).
    all_events = [read_events(os.path.join(outdir, run)) for run in runs]
    if all_events and all(e == all_events[0] for e in all_events):
        mark_events(axes, all_events[0])
    axes.set_xlabel("time (h)")
    axes.set_ylabel("cumulative amount in the receptor (µg/cm²)")
    axes.set_yscale("symlog", linthresh=1e-3)
    axes.set_title("cumulative amount: needled (solid) and intact skin (dashed)")
    axes.legend(fontsize=8)
    axes.grid(alpha=0.3)
    save(figure, os.path.join(outdir, "cumulative.png"))

    figure, axes = plt.subplots(figsize=(7.5, 4.8))
    labels, layers = [], []
    for run in runs:
        series = read_timeseries(os.path.join(outdir, run))
        layers = layer_columns(series) + ["receptor_ug_cm2"]
        labels.append(label_of(os.path.join(outdir, run)))
    width = 0.8 / max(1, len(layers))
    for j, key in enumerate(layers):
        values = [read_timeseries(os.path.join(outdir, run))[key][-1] for run in runs]
        axes.bar([i + j * width for i in range(len(runs))], values, width,
                 label=key.removesuffix("_ug_cm2").replace("_", " "))
    axes.set_xticks([i + 0.4 - width / 2 for i in range(len(runs))])
    axes.set_xticklabels(labels, rotation=30, ha="right", fontsize=8)
    axes.set_yscale("symlog", linthresh=1e-3)
    axes.set_ylabel("amount at the end (µg/cm²)")
    axes.set_title("amount per layer at the end of the run")
    axes.legend(fontsize=8)
    save(figure, os.path.join(outdir, "per_layer.png"))


def main(argv):
    if len(argv) >= 3 and argv[1] == "run":
        plot_run(argv[2])
        return 0
    if len(argv) >= 4 and argv[1] == "compare":
        plot_compare(argv[2], argv[3:])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
