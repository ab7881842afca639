"""The context of a fit's report (`dermaflux fit` folder): the fitted parameters with
their 95 % intervals and identifiability, their correlation, the optimiser's
warnings, the fitted curves against the measured points (fit.csv) and the final
run's endpoints and curves (its own page, final/report.html, linked)."""
import os

import fit_data
import measured_report
import report_data
import run_figures
import run_report
from svg_figure import new_figure, to_svg

COLOURS = ["black", "#c2855f", "#2f6f9f", "#7c9a6d", "#a487c2", "#c9b458"]


def _column_label(column):
    return column.removesuffix("_ug_cm2").replace("_", " ")


def over_time(rows):
    """Per measured column: the fitted curve (line) and the measured values of every
    cell (open circles) against time."""
    columns = list(dict.fromkeys(r["column"] for r in rows))
    figure, axes = new_figure(4.4, 3.2)
    for n, column in enumerate(columns):
        colour = COLOURS[n % len(COLOURS)]
        mine = [r for r in rows if r["column"] == column]
        fitted = sorted({r["time_h"]: r["fitted"] for r in mine}.items())
        axes.plot([t for t, _ in fitted], [v for _, v in fitted], color=colour, label=f"{_column_label(column)}: fitted")
        cells = {r["cell"] for r in mine}
        axes.plot([r["time_h"] for r in mine], [r["measured"] for r in mine], "o", markersize=5,
                  markerfacecolor="white", markeredgecolor=colour, linestyle="none",
                  label=f"{_column_label(column)}: measured ({len(cells)} cell{'s' if len(cells) != 1 else ''})")
    axes.set_xlabel("time (h)")
    axes.set_ylabel("amount (µg/cm²)")
    axes.legend(fontsize=8)
    return to_svg(figure)


def parity(rows):
    """Fitted against measured, every observation, with the line of equality."""
    columns = list(dict.fromkeys(r["column"] for r in rows))
    figure, axes = new_figure(3.4, 3.2)
    for n, column in enumerate(columns):
        mine = [r for r in rows if r["column"] == column]
        axes.plot([r["measured"] for r in mine], [r["fitted"] for r in mine], "o", markersize=5,
                  markerfacecolor="white", markeredgecolor=COLOURS[n % len(COLOURS)], label=_column_label(column))
    top = max(max(r["measured"], r["fitted"]) for r in rows)
    axes.plot([0, top * 1.05], [0, top * 1.05], color="#888888", linestyle="--", linewidth=1, label="equal")
    axes.set_xlabel("measured (µg/cm²)")
    axes.set_ylabel("fitted (µg/cm²)")
    axes.set_aspect("equal")
    axes.legend(fontsize=8)
    return to_svg(figure)


def parameter_rows(parameters):
    rows = []
    for key, entry in parameters.items():
        low, high, value = entry.get("ci95_low"), entry.get("ci95_high"), entry["value"]
        rows.append({"key": key, "value": value, "unit": report_data.pretty_units(entry.get("unit") or ""),
                     "low": low, "high": high, "identifiable": entry.get("identifiable"),
                     "relative": (high - low) / (2 * abs(value)) if None not in (low, high) and value else None})
    return rows


def correlation_cells(correlation):
    """The matrix as rows of {value, shade}: the stronger |r|, the deeper the colour."""
    matrix = correlation.get("matrix") or []
    return [[{"value": r, "shade": f"rgba(47, 111, 159, {min(abs(r), 1.0) * 0.55:.2f})"
              if r is not None and i != j else ""} for j, r in enumerate(row)] for i, row in enumerate(matrix)]


def final_section(folder):
    """The final run's figures against the measured data, or None without final/."""
    final = os.path.join(folder, "final")
    if not os.path.exists(os.path.join(final, "summary.json")):
        return None
    run = report_data.Run(final)
    measured = measured_report.for_run(run)
    inputs = report_data.resolved_inputs(run.resolved_text)
    return {"question": run_report.question(run, inputs), "cumulative": run_figures.cumulative(run, 6.4, measured),
            "endpoints": measured_report.endpoints(run, measured), "measured": measured_report.caption(measured),
            "report": os.path.exists(os.path.join(final, "report.html"))}


def context(folder, arguments):
    fit = fit_data.read_fit_json(folder)
    rows = fit_data.read_fit_csv(folder)
    figures = {"time": over_time(rows), "parity": parity(rows)} if rows else {}
    parameters = parameter_rows(fit["parameters"])
    keys = ", ".join(p["key"] for p in parameters)
    question = (f"Which {'value' if len(parameters) == 1 else 'values'} of {keys} make the model match the "
                f"measured data, and how sure are they?")
    summary = [("objective", "objective", fit.get("objective"), "weighted sum of squared residuals"),
               ("model runs", "", fit.get("runs", "–"), "whole runs, with those for the gradients"),
               ("iterations", "", fit.get("iterations", "–"), ""),
               ("converged", "", "yes" if fit.get("converged") else "no", "")]
    return dict(kind="fit", title=f"Fit of {len(parameters)} parameter{'s' if len(parameters) != 1 else ''}",
                question=question, parameters=parameters,
                correlation_keys=(fit.get("correlation") or {}).get("keys", []),
                correlation=correlation_cells(fit.get("correlation") or {}), warnings=fit.get("warnings") or [],
                summary=summary, figures=figures, final=final_section(folder),
                fitted_case=os.path.exists(os.path.join(folder, "case.fitted.yaml")),
                command_line=arguments.command_line, folder=os.path.abspath(folder))
