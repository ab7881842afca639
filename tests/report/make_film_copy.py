#!/usr/bin/python3
"""A copy of a run folder with the serum film's figures written in by hand, as the
film run (issue 13) will write them: summary.json gains applied_ug_cm2,
removed_ug_cm2, events, amounts_ug and exposure; timeseries.csv gains the columns
applied_ug_cm2, solid_ug_cm2, removed_ug_cm2 and film_um. The report must show
them; the values are made up and only need to be consistent.

    make_film_copy.py RUN_FOLDER COPY_FOLDER
"""
import csv
import json
import os
import shutil
import sys


def main(source, target):
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    for name in ("report.html",):
        if os.path.exists(os.path.join(target, name)):
            os.remove(os.path.join(target, name))
    path = os.path.join(target, "summary.json")
    with open(path) as f:
        summary = json.load(f)
    dose = summary["dose_ug_cm2"]
    summary.update({
        "applied_ug_cm2": 2 * dose, "removed_ug_cm2": 0.25 * dose,
        "events": {"applications_h": [0.0, 1.0], "removals_h": [1.5]},
        "amounts_ug": {"applied": 2 * dose * 4.0, "receptor": summary["receptor_ug_cm2"] * 4.0},
        "exposure": {"dermal_absorption_ug_cm2": 0.5 * dose, "systemic_exposure_mg_kg_day": 0.0123456,
                     "margin_of_safety": 812.345}})
    with open(path, "w") as f:
        json.dump(summary, f, indent=2)
    path = os.path.join(target, "timeseries.csv")
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        t = float(row["time_h"])
        row.update(applied_ug_cm2=dose * (1 + (t >= 1.0)), solid_ug_cm2=max(0.0, 5.0 - 4 * t),
                   removed_ug_cm2=0.25 * dose * (t >= 1.5), film_um=100.0 * (1 - 0.3 * t) if t < 1.5 else 0.0)
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
