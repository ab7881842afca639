"""The context of one run's report: the question, headline figures, figures,
resolved inputs and provenance."""
import datetime
import os
import sys

import measured_report
import report_data
import report_vtk
import run_figures


def jmax_of(series):
    """FDA IVPT Jmax: the largest flux into the receptor over the output times."""
    fluxes = [(f, t) for f, t in zip(series["flux_ug_cm2_h"], series["time_h"]) if f is not None]
    if not fluxes:
        return None
    value, time_h = max(fluxes)
    return {"value": value, "time_h": time_h}


def _note(inputs, section, key):
    for row in inputs:
        if row["section"] == section and row["key"] == key:
            return row["note"] or row["value"]
    return None


def _preset(text, section):
    for line in text.splitlines():
        if line.startswith(section + ":") and "expanded from" in line:
            return line.split()[-1]
    return None


def question(run, inputs):
    """The run in one line: active, serum, skin, device, time."""
    active = (run.case.get("serum") or {}).get("active") or run.summary.get("active", "the active")
    dose = _note(inputs, "serum", "dose")
    dose = "an infinite dose" if dose == "infinite" else dose
    serum = ", ".join(filter(None, [_note(inputs, "serum", "concentration"), dose]))
    end_h = run.summary.get("end_time_h")
    return report_data.pretty_units(f"How much {active} from a serum of {serum} enters {setting(run, inputs)}, "
                                    f"and reaches the receptor, in {end_h:g} h?")


def setting(run, inputs):
    """The skin and its treatment: "microneedled with pen_36pin (500 um needles, ...) forearm skin"."""
    case = run.case
    layers = [layer.get("name", "") for layer in (case.get("skin") or {}).get("layers", [])]
    skin = _preset(run.resolved_text, "skin")
    skin_text = f"{skin} skin" if skin else "skin"
    skin_text += f" ({len(layers)} layers)" if layers else ""
    needles = case.get("needles")
    if needles:
        device = _preset(run.resolved_text, "needles")
        parts = [_note(inputs, "needles", "length"), "needles"]
        pitch = _note(inputs, "needles", "pitch")
        pattern = needles.get("pattern")
        detail = " ".join(filter(None, parts)) + (f", {pattern}" if pattern else "") + (
            f" {pitch} apart" if pitch else "")
        treated = f"microneedled with {device} ({detail})" if device else f"microneedled ({detail})"
    else:
        treated = "intact"
    return f"{treated} {skin_text}"


def _row(label, key, value, unit, note="", lead=False, percent=False):
    return {"label": label, "key": key, "value": value, "unit": unit, "note": note, "lead": lead,
            "percent": percent}


def headline(run, jmax):
    s = run.summary
    end_h = s.get("end_time_h")
    rows = [
        _row("dose applied", "dose_ug_cm2", s.get("dose_ug_cm2"), "µg/cm²", "the serum film at the start"),
        _row("total cumulative amount", "receptor_ug_cm2", s.get("receptor_ug_cm2"), "µg/cm²",
             f"in the receptor after {end_h:g} h (FDA IVPT endpoint)", lead=True),
        _row("Jmax", "jmax_ug_cm2_h", jmax and jmax["value"], "µg/cm²/h",
             f"largest flux into the receptor, at {jmax['time_h']:g} h (FDA IVPT endpoint)" if jmax else
             "no flux recorded", lead=True),
        _row("absorbed fraction", "absorbed_fraction", s.get("absorbed_fraction"), "%",
             "receptor and cleared over dose", percent=True),
    ]
    for layer, amount in (s.get("per_layer_ug_cm2") or {}).items():
        rows.append(_row(f"in the {layer.replace('_', ' ')}", f"per_layer_ug_cm2.{layer}", amount, "µg/cm²",
                         f"at {end_h:g} h"))
    rows.append(_row("left on the skin", "vehicle_ug_cm2", s.get("vehicle_ug_cm2"), "µg/cm²",
                     "in the serum film at the end"))
    if s.get("cleared_ug_cm2"):
        rows.append(_row("cleared", "cleared_ug_cm2", s.get("cleared_ug_cm2"), "µg/cm²",
                         "removed by the layers' clearance (blood flow)"))
    if s.get("in_channels_ug_cm2"):
        rows.append(_row("in open channels", "in_channels_ug_cm2", s.get("in_channels_ug_cm2"), "µg/cm²",
                         "part of the layer amounts held in the needle channels"))
    window = s.get("steady_state_window_h")
    rows.append(_row("steady flux", "steady_flux_ug_cm2_h", s.get("steady_flux_ug_cm2_h"), "µg/cm²/h",
                     f"fitted over {window[0]:g}–{window[1]:g} h" if window else "no steady state reached"))
    rows.append(_row("lag time", "lag_time_h", s.get("lag_time_h"), "h",
                     "intercept of the steady line with the time axis" if window else "no steady state reached"))
    enhancement = s.get("enhancement_ratio", run.enhancement_ratio)
    if enhancement is not None:
        rows.append(_row("enhancement", "enhancement_ratio", enhancement, "×",
                         "receptor amount over that through intact skin"))
    rows += film_rows(s)
    rows.append(_row("mass balance", "max_mass_balance_rel", s.get("max_mass_balance_rel"), "",
                     "largest relative error of the amounts' sum over the run"))
    return rows


def film_rows(s):
    """The serum film's figures, when the run has them."""
    rows = []
    if "applied_ug_cm2" in s:
        rows.append(_row("applied in all", "applied_ug_cm2", s["applied_ug_cm2"], "µg/cm²",
                         "every application of the serum together"))
    if "removed_ug_cm2" in s:
        rows.append(_row("wiped off", "removed_ug_cm2", s["removed_ug_cm2"], "µg/cm²", "taken away with the film"))
    amounts = s.get("amounts_ug")
    if isinstance(amounts, dict):
        for key, value in amounts.items():
            if isinstance(value, (int, float)):
                rows.append(_row(f"{key.replace('_', ' ')} (treated area)", f"amounts_ug.{key}", value, "µg", ""))
    elif isinstance(amounts, (int, float)):
        rows.append(_row("amount over the treated area", "amounts_ug", amounts, "µg", ""))
    exposure = s.get("exposure") or {}
    labels = {"dermal_absorption_ug_cm2": ("dermal absorption", "µg/cm²", "SCCS: receptor and skin below the SC"),
              "systemic_exposure_mg_kg_day": ("systemic exposure dose", "mg/kg bw/day", "SCCS SED"),
              "margin_of_safety": ("margin of safety", "", "NOAEL over SED (SCCS: at least 100)")}
    for key, (label, unit, note) in labels.items():
        if key in exposure:
            rows.append(_row(label, f"exposure.{key}", exposure[key], unit, note, lead=True))
    return rows


def cards(rows):
    wanted = ["receptor_ug_cm2", "jmax_ug_cm2_h", "absorbed_fraction", "exposure.margin_of_safety"]
    by_key = {row["key"]: row for row in rows}
    return [by_key[k] for k in wanted if k in by_key and by_key[k]["value"] is not None]


def provenance(run, arguments):
    s = run.summary
    made = datetime.datetime.fromtimestamp(os.path.getmtime(os.path.join(run.folder, "summary.json")),
                                           datetime.timezone.utc)
    rows = [
        ("dermaflux version", "dermaflux_version", s.get("dermaflux_version"), False),
        ("commit", "dermaflux_commit", s.get("dermaflux_commit") or s.get("commit") or arguments.commit or "not recorded in summary.json", True),
        ("finished", "", made.strftime("%Y-%m-%d %H:%M UTC"), False),
        ("command line", "", s.get("command_line") or arguments.command_line or "not recorded (the report was made later)", True),
        ("wall time", "wall_s", f"{s.get('wall_s', 0):.3g} s", False),
        ("cells", "cells", s.get("cells"), False),
        ("time steps", "steps", f"{s.get('steps')} ({s.get('rejected_steps', 0)} rejected)", False),
        ("CG iterations", "linear_iterations", s.get("linear_iterations"), False),
        ("MPI ranks", "ranks", s.get("ranks"), False),
        ("peak memory", "peak_rss_mb", f"{s.get('peak_rss_mb', 0):.0f} MB", False),
        ("folder", "", os.path.abspath(run.folder), True),
    ]
    return [{"label": a, "key": b, "value": c, "mono": d} for a, b, c, d in rows]


def cut_times(times, jmax):
    """The first output, the time of Jmax and the end: early entry through the
    channels, the peak, and what is left."""
    later = [t for t in times if t > 0]
    if len(later) <= 3:
        return later
    wanted = [later[0], jmax["time_h"] if jmax else later[len(later) // 2], later[-1]]
    if len(set(wanted)) < 3:
        wanted = [later[0], later[len(later) // 2], later[-1]]
    return sorted(set(wanted))


def field_figures(run, jmax, needled, figures):
    """The needle pattern and the depth cuts, from the run's own snapshots."""
    shots = report_vtk.snapshots(run.folder)
    if not shots:
        return {}
    chosen = cut_times([t for t, _ in shots], jmax)
    first = report_vtk.read_grid(shots[0][1])
    if needled:
        periodic = (run.case.get("domain") or {}).get("lateral") == "periodic"
        figures["pattern"] = run_figures.needle_pattern(first, periodic)
    skin_um = sum(float(layer.get("thickness", "0 m").split()[0]) for layer in run.case["skin"]["layers"]) * 1e6
    length = (run.case.get("needles") or {}).get("length")
    depth_um = float(length.split()[0]) * 1e6 * 1.6 if length else min(skin_um, 400.0)
    figures["cuts"], cut_y = run_figures.depth_cuts([(t, p) for t, p in shots if t in chosen],
                                                    min(depth_um, skin_um))
    return {"cut_y": f"{cut_y:.0f}",
            "cell_size": f"{first.x_um[-1] - first.x_um[0]:.0f} µm × {first.y_um[-1] - first.y_um[0]:.0f} µm"}


def context(folder, arguments):
    run = report_data.Run(folder)
    inputs = report_data.resolved_inputs(run.resolved_text)
    jmax = jmax_of(run.series)
    rows = headline(run, jmax)
    measured = measured_report.for_run(run)
    figures = {"cumulative": run_figures.cumulative(run, measured=measured),
               "flux": run_figures.flux(run, jmax, measured)}
    if run.has_film():
        figures["film"] = run_figures.film(run)
    extra = {}
    profiles = run.profiles()
    if profiles:
        figures["profiles"], chosen = run_figures.profiles(profiles)
        extra["profile_times"] = ", ".join(f"{t:g} h" for t in chosen)
    needled = bool(run.case.get("needles"))
    try:
        extra.update(field_figures(run, jmax, needled, figures))
    except (OSError, ValueError, KeyError, IndexError) as error:
        # The pictures from the snapshots are a bonus: the page goes out without them.
        print(f"dermaflux report: {folder}: no depth cuts ({error})", file=sys.stderr)
    events = run.summary.get("events") or {}
    events_caption = (" Dotted green: applications; dashed grey: wipe-offs."
                      if events.get("applications_h") or events.get("removals_h") else "")
    return dict(kind="run", title=f"{run.name}: {run.summary.get('active', '')}", question=question(run, inputs),
                headline=rows, cards=cards(rows), figures=figures, inputs=inputs, needled=needled,
                provenance=provenance(run, arguments), events_caption=events_caption,
                measured=measured_report.caption(measured),
                measured_columns=measured.columns if measured else [],
                endpoints=measured_report.endpoints(run, measured),
                accuracy=accuracy_if_estimated(run, inputs), **extra)


# The barrier's estimated diffusivity names the estimate it came from (solver/input/
# Estimates.cpp, KastingEstimates.cpp): the `skin.estimates` option.
ESTIMATE_MODELS = (("brick-and-mortar", "kasting"), ("(Potts & Guy 1992)", "potts_guy_1992"),
                   ("2023 refit of Potts & Guy", "potts_guy_2023_refit"))


def accuracy_if_estimated(run, inputs):
    """For a run whose barrier (top layer) permeability was estimated from the active's
    molecular weight and log P: that estimate's database-wide record, with its option
    name under "model"; None otherwise."""
    layers = (run.case.get("skin") or {}).get("layers") or []
    barrier = f"{layers[0].get('name')}.diffusivity" if layers else None
    for row in inputs:
        if row["section"] == "skin" and row["key"] == barrier and row["origin"] == "estimated":
            model = next((m for text, m in ESTIMATE_MODELS if text in row["detail"]), None)
            record = report_data.estimate_accuracy(model) if model else None
            return dict(record, model=model) if record else None
    return None
