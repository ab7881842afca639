"""Measured data in a run's report: which measured.csv applies to the run, its points
drawn over the model's curves (mean ± sd, markers apart from the lines) and the FDA
IVPT endpoints of model and data side by side."""
import os

import ivpt_endpoints
import measured_data
import report_data

RECEPTOR = "receptor_ug_cm2"


def for_run(run):
    """The checked measured data that apply to a run folder, or None. Raises
    measured_data.MeasuredDataError for a malformed file."""
    path, serum = measured_data.path_for(run.folder)
    if not path:
        return None
    serums = None
    if serum is not None:
        table = os.path.join(os.path.dirname(path), "comparison.csv")
        serums = [row["serum"] for row in report_data.read_csv_rows(table)]
        if serum not in serums:  # a serum's intact-skin run: the data are of the treated skin
            return None
    measured = measured_data.read(path, list(run.series), serums)
    if serum is not None:
        measured = measured.for_serum(serum)
    return measured if measured.rows else None


def overlay(axes, measured, column, colour, label_prefix=""):
    """The measured points of one column: mean with an sd bar per time, open markers
    without a line, so they never read as the model's curve."""
    points = measured.points(column)
    if not points:
        return
    times, means, sds = [p[0] for p in points], [p[1] for p in points], [p[2] or 0.0 for p in points]
    label = measured.legend(column)
    axes.errorbar(times, means, yerr=sds if any(sds) else None, fmt="o", markersize=5, markerfacecolor="white",
                  markeredgecolor=colour, ecolor=colour, elinewidth=1, capsize=3, linestyle="none", zorder=5,
                  label=f"{label_prefix}{label}")


def overlay_all(axes, measured, colours):
    """Every measured column that the axes draw: colours {column: colour of its model line}."""
    if not measured:
        return
    shown = [c for c in measured.columns if c in colours]
    for column in shown:
        prefix = f"{column.removesuffix('_ug_cm2').replace('_', ' ')}: " if len(shown) > 1 else ""
        overlay(axes, measured, column, colours[column], prefix)


def endpoints(run, measured):
    """The IVPT endpoints of the measured receptor amounts and of the run at the same
    times, as table rows; None without measured receptor amounts."""
    if not measured or RECEPTOR not in measured.columns:
        return None
    points = measured.points(RECEPTOR)
    result = ivpt_endpoints.compare([p[0] for p in points], [p[1] for p in points], run.series["time_h"],
                                    run.series[RECEPTOR])
    if not result:
        return None
    jmax, total = result["jmax"], result["total"]

    def interval(pair):
        return f"{pair[0]:g}–{pair[1]:g} h" if pair else "–"

    rows = [
        {"label": "Jmax", "key": "jmax", "unit": "µg/cm²/h", "model": jmax["model"], "data": jmax["data"],
         "ratio": jmax["ratio"],
         "note": f"largest flux between sampling times: data {interval(jmax['data_interval_h'])}, "
                 f"model {interval(jmax['model_interval_h'])}"},
        {"label": "total cumulative amount", "key": "total", "unit": "µg/cm²", "model": total["model"],
         "data": total["data"], "ratio": total["ratio"],
         "note": f"in the receptor at the last sampling time, {result['last_time_h']:g} h"},
    ]
    left_out = result["left_out_h"]
    note = (f"Sampling times the run does not reach ({', '.join(f'{t:g} h' for t in left_out)}) are left out."
            if left_out else "")
    return {"rows": rows, "times": ", ".join(f"{t:g}" for t in result["sampling_times_h"]), "left_out": note,
            "cells": (f"the mean over {measured.cell_count(RECEPTOR)} cells" if measured.cell_count(RECEPTOR)
                      else "the values as given")}


def caption(measured):
    """The figures' words for the measured points, or ''."""
    if not measured:
        return ""
    spread = "as given (sd_ columns)" if any(r["sds"].get(c) is not None for r in measured.rows
                                             for c in measured.columns) else "over the cells"
    return f" Open circles: measured ({os.path.basename(measured.path)}), mean ± sd per sampling time, sd {spread}."
