"""The context of a comparison's report: the ranking, enhancement over intact skin
per serum, overlaid cumulative curves, per-layer bars and each serum's own section."""
import os

import measured_report
import report_data
import run_report
from run_figures import LAYER_COLOURS
from svg_figure import new_figure, to_svg

FIXED = ["rank", "serum", "active", "receptor_ug_cm2"]


def _folder(outdir, label):
    path = os.path.join(outdir, label)
    return path if os.path.exists(os.path.join(path, "summary.json")) else None


def cumulative(outdir, labels, serums_measured):
    """Every serum's receptor curve (needled solid, intact dashed) and its measured points."""
    figure, axes = new_figure(6.4, 3.8)
    for n, label in enumerate(labels):
        for suffix, style in (("", "-"), ("-intact", "--")):
            folder = _folder(outdir, label + suffix)
            if folder:
                series = report_data.read_csv_columns(os.path.join(folder, "timeseries.csv"))
                axes.plot(series["time_h"], series["receptor_ug_cm2"], style, color=f"C{n}",
                          label=label + (" (intact skin)" if suffix else ""))
                if not suffix and serums_measured.get(label):
                    measured_report.overlay(axes, serums_measured[label], measured_report.RECEPTOR, f"C{n}",
                                            f"{label}: ")
    axes.set_yscale("symlog", linthresh=1e-3)
    axes.set_xlabel("time (h)")
    axes.set_ylabel("cumulative amount in the receptor (µg/cm²)")
    axes.legend(fontsize=8)
    return to_svg(figure)


def enhancement(rows):
    figure, axes = new_figure(6.4, 0.5 + 0.45 * len(rows))
    labels = [r["serum"] for r in rows][::-1]
    values = [float(r["enhancement_ratio"] or 0) for r in rows][::-1]
    axes.barh(labels, values, color="#2f6f9f")
    for y, value in enumerate(values):
        axes.annotate(f"{value:.3g}×", (value, y), xytext=(4, 0), textcoords="offset points", va="center",
                      fontsize=8)
    axes.axvline(1, color="black", linewidth=0.8)
    axes.set_xscale("log")
    axes.set_xlim(right=max(values + [1]) * 4)
    axes.set_xlabel("receptor amount with needles over intact skin")
    axes.grid(axis="y", visible=False)
    return to_svg(figure)


def per_layer(rows, layers):
    figure, axes = new_figure(6.4, 3.4)
    keys = [layer + "_ug_cm2" for layer in layers] + ["receptor_ug_cm2"]
    width = 0.8 / len(keys)
    for j, key in enumerate(keys):
        colour = LAYER_COLOURS[j % len(LAYER_COLOURS)] if key != "receptor_ug_cm2" else "black"
        axes.bar([i + j * width for i in range(len(rows))], [float(r[key] or 0) for r in rows], width,
                 color=colour, label=key.removesuffix("_ug_cm2").replace("_", " "))
    axes.set_xticks([i + 0.4 - width / 2 for i in range(len(rows))])
    axes.set_xticklabels([r["serum"] for r in rows], fontsize=8)
    axes.set_yscale("symlog", linthresh=1e-2)
    axes.set_ylabel("amount at the end (µg/cm²)")
    axes.legend(fontsize=8, ncol=len(keys), loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    axes.grid(axis="x", visible=False)
    return to_svg(figure)


def serum_section(outdir, label):
    folder = _folder(outdir, label)
    if not folder:
        return None
    run = report_data.Run(folder)
    inputs = report_data.resolved_inputs(run.resolved_text)
    jmax = run_report.jmax_of(run.series)
    measured = measured_report.for_run(run)
    import run_figures
    return {"label": label, "question": run_report.question(run, inputs),
            "headline": run_report.headline(run, jmax), "cumulative": run_figures.cumulative(run, 6.4, measured),
            "endpoints": measured_report.endpoints(run, measured), "measured": measured_report.caption(measured),
            "data": measured, "accuracy": run_report.accuracy_if_estimated(run, inputs),
            "report": os.path.exists(os.path.join(folder, "report.html"))}


def serum_labels(outdir):
    """The serums' run folders (the needled runs), in rank order."""
    rows = report_data.read_csv_rows(os.path.join(outdir, "comparison.csv"))
    return [r["serum"] for r in rows if _folder(outdir, r["serum"])]


def context(outdir, arguments):
    rows = report_data.read_csv_rows(os.path.join(outdir, "comparison.csv"))
    columns = list(rows[0]) if rows else FIXED
    layers = [c.removesuffix("_ug_cm2") for c in columns[columns.index("receptor_ug_cm2") + 1:]
              if c.endswith("_ug_cm2") and c not in ("delivered_ug_cm2", "intact_receptor_ug_cm2")]
    labels = [r["serum"] for r in rows]
    serums = [s for s in (serum_section(outdir, label) for label in labels) if s]
    serums_measured = {serum["label"]: serum["data"] for serum in serums}
    figures = {"cumulative": cumulative(outdir, labels, serums_measured),
               "per_layer": per_layer(rows, layers) if rows else ""}
    if rows and any(r.get("enhancement_ratio") for r in rows):
        figures["enhancement"] = enhancement(rows)
    first = _folder(outdir, labels[0]) if labels else None
    question = ""
    if first:
        run = report_data.Run(first)
        where = run_report.setting(run, report_data.resolved_inputs(run.resolved_text))
        question = report_data.pretty_units(
            f"Which serum brings most through {where} into the receptor in {run.summary.get('end_time_h'):g} h? "
            f"{len(labels)} serums, ranked.")
    return dict(kind="comparison", title=f"Comparison of {len(rows)} serums", question=question,
                rows=rows, columns=columns, layers=layers, figures=figures,
                serums=serums, measured=any(serums_measured.values()),
                accuracy=next((s["accuracy"] for s in serums if s["accuracy"]), None),
                command_line=arguments.command_line, folder=os.path.abspath(outdir))
