"""What a `dermaflux fit` folder holds, read and checked for the report: fit.json
(parameters with value, SI unit, 95 % interval and identifiability; correlation;
objective, runs, converged, iterations, warnings) and fit.csv (time_h, cell, column,
measured, fitted). Every problem is a FitDataError naming the file (and line)."""
import csv
import json
import math
import os

FIT_CSV_COLUMNS = ("time_h", "column", "measured", "fitted")


class FitDataError(Exception):
    """A malformed fit.json or fit.csv: the message names the file and what was expected."""


def read_fit_json(folder):
    path = os.path.join(folder, "fit.json")
    try:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
    except json.JSONDecodeError as error:
        raise FitDataError(f"{path}:{error.lineno}: not JSON ({error.msg}, column {error.colno})") from None
    except OSError as error:
        raise FitDataError(f"{path}: cannot be read ({error.strerror})") from None
    parameters = document.get("parameters") if isinstance(document, dict) else None
    if not isinstance(parameters, dict) or not parameters:
        raise FitDataError(f"{path}: no \"parameters\" object: expected {{key: {{value, unit, ci95_low, "
                           "ci95_high, identifiable}}}}")
    for key, entry in parameters.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), (int, float)):
            raise FitDataError(f"{path}: parameter {key!r} has no numeric \"value\"")
    correlation = document.get("correlation") or {}
    keys, matrix = correlation.get("keys") or [], correlation.get("matrix") or []
    if len(matrix) != len(keys) or any(len(row) != len(keys) for row in matrix):
        raise FitDataError(f"{path}: \"correlation\" holds {len(keys)} keys but its matrix is not "
                           f"{len(keys)} × {len(keys)}")
    return document


def read_fit_csv(folder):
    """[{time_h, cell, column, measured, fitted}] of fit.csv; [] when there is none."""
    path = os.path.join(folder, "fit.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = [c for c in FIT_CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise FitDataError(f"{path}:1: no {', '.join(missing)} column: expected the header "
                               "time_h,cell,column,measured,fitted")
        rows = []
        for line, row in enumerate(reader, start=2):
            try:
                values = {c: float(row[c]) for c in ("time_h", "measured", "fitted")}
            except (TypeError, ValueError):
                raise FitDataError(f"{path}:{line}: time_h, measured and fitted must be numbers, not "
                                   f"{row.get('time_h')!r}, {row.get('measured')!r}, {row.get('fitted')!r}") from None
            if not all(math.isfinite(v) for v in values.values()):
                raise FitDataError(f"{path}:{line}: a value is not finite")
            rows.append({**values, "cell": (row.get("cell") or "").strip(), "column": row["column"].strip()})
    return rows
