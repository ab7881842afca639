"""measured.csv in a results folder (written by `run --measured`, `compare --measured`
and `fit`), read and checked for the report, and its points per column as mean ± sd
per sampling time.

Long format (shared/CASE_FORMAT.md, "Fitting to measured data"): a header; `time_h`;
one or more columns named as in timeseries.csv; optional `sd_<column>`; optional
`cell` (replicate cells); in a compare folder an optional `serum` (rows without one
apply to every serum). Every problem is a MeasuredDataError naming the file, the line
and what was expected.
"""
import csv
import math
import os

RESERVED = ("time_h", "cell", "serum")


class MeasuredDataError(Exception):
    """A malformed measured.csv: the message names the file and line."""


def _fail(path, line, text):
    raise MeasuredDataError(f"{path}:{line}: {text}" if line else f"{path}: {text}")


def _number(path, line, column, text, allow_empty):
    if text.strip() == "":
        if allow_empty:
            return None
        _fail(path, line, f"{column} is empty: expected a number")
    try:
        value = float(text)
    except ValueError:
        _fail(path, line, f"{column} is {text!r}: expected a number (e.g. 12.5)")
    if not math.isfinite(value):
        _fail(path, line, f"{column} is {text!r}: expected a finite number")
    return value


class Measured:
    """The checked rows of one measured.csv: rows [{line, time_h, cell, serum,
    values {column: float or None}, sds {column: float or None}}]."""

    def __init__(self, path, columns, rows, has_cells):
        self.path, self.columns, self.rows, self.has_cells = path, columns, rows, has_cells

    def for_serum(self, serum):
        """The rows that apply to one serum of a comparison (its own and those without one)."""
        return Measured(self.path, self.columns, [r for r in self.rows if r["serum"] in ("", serum)],
                        self.has_cells)

    def points(self, column):
        """[(time_h, mean, sd or None, count)] of one column, by time: sd from sd_<column>
        (pooled over cells) if given, else the spread over cells (None for one value)."""
        by_time = {}
        for row in self.rows:
            if row["values"].get(column) is not None:
                by_time.setdefault(row["time_h"], []).append((row["values"][column], row["sds"].get(column)))
        points = []
        for time_h in sorted(by_time):
            values = [v for v, _ in by_time[time_h]]
            given = [s for _, s in by_time[time_h] if s is not None]
            mean = sum(values) / len(values)
            if given:
                sd = math.sqrt(sum(s * s for s in given) / len(given))
            elif len(values) > 1:
                sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
            else:
                sd = None
            points.append((time_h, mean, sd, len(values)))
        return points

    def cell_count(self, column):
        """Replicate cells with a value of `column`: named cells, else the most values
        at one time; None when each time has one unnamed value."""
        if self.has_cells:
            return len({r["cell"] for r in self.rows if r["values"].get(column) is not None})
        counts = [n for _, _, _, n in self.points(column)]
        return max(counts) if counts and max(counts) > 1 else None

    def legend(self, column):
        cells = self.cell_count(column)
        return f"measured ({cells} cell{'s' if cells != 1 else ''})" if cells else "measured"


def read(path, known_columns, serums=None):
    """The checked measured.csv. known_columns: the columns timeseries.csv holds;
    serums: the comparison's serum names (None outside a comparison)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:  # -sig: a spreadsheet's byte order mark
            lines = list(csv.reader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        _fail(path, 0, f"cannot be read as CSV ({error})")
    # Blank lines and lines starting with '#' (a note on where the data came from) are
    # skipped, as the C++ reader (input/MeasuredData.cpp) skips them; numbers stay the file's.
    numbered = [(number, fields) for number, fields in enumerate(lines, start=1)
                if any(field.strip() for field in fields) and not fields[0].lstrip().startswith("#")]
    if not numbered:
        _fail(path, 1, "empty: expected a header with time_h and one or more columns of timeseries.csv")
    header_line, header_fields = numbered[0]
    header = [name.strip() for name in header_fields]
    columns = _check_header(path, header_line, header, known_columns, serums)
    rows = []
    for line_number, fields in numbered[1:]:
        if len(fields) != len(header):
            _fail(path, line_number, f"{len(fields)} fields, but the header has {len(header)} "
                                     f"({', '.join(header)})")
        rows.append(_row(path, line_number, dict(zip(header, fields)), columns, serums))
    if not rows:
        _fail(path, header_line + 1, "no data rows after the header: expected one row per sampling time (and cell)")
    return Measured(path, columns, rows, "cell" in header)


def _check_header(path, line, header, known_columns, serums):
    seen = set()
    for name in header:
        if name in seen:
            _fail(path, line, f"column {name!r} appears twice in the header")
        seen.add(name)
    if len(header) == 1 and ";" in header[0]:
        _fail(path, line, "the header is separated by ';': expected commas (time_h,receptor_ug_cm2,...)")
    if "time_h" not in header:
        _fail(path, line, f"no time_h column: the header is {', '.join(header)}; expected time_h and "
                       "one or more columns of timeseries.csv, e.g. time_h,receptor_ug_cm2")
    if "serum" in header and serums is None:
        _fail(path, line, "a serum column belongs to a comparison's measured.csv; this folder is one run")
    columns = [name for name in header if name not in RESERVED and not name.startswith("sd_")]
    if not columns:
        _fail(path, line, "no measured column: expected one or more columns of timeseries.csv beside time_h, "
                       f"e.g. {', '.join(c for c in known_columns if c.endswith('_ug_cm2'))}")
    for name in columns:
        if name not in known_columns:
            _fail(path, line, f"column {name!r} is not one of timeseries.csv's columns "
                           f"({', '.join(c for c in known_columns if c != 'time_h')})")
    for name in header:
        if name.startswith("sd_") and name[3:] not in columns:
            _fail(path, line, f"{name} gives the spread of {name[3:]!r}, which is not a column of this file")
    return columns


def _row(path, line, fields, columns, serums):
    time_h = _number(path, line, "time_h", fields["time_h"], allow_empty=False)
    if time_h < 0:
        _fail(path, line, f"time_h is {time_h:g}: expected a time at or after the start (>= 0)")
    values = {c: _number(path, line, c, fields[c], allow_empty=True) for c in columns}
    if all(v is None for v in values.values()):
        _fail(path, line, f"no value in {', '.join(columns)}: expected at least one number")
    sds = {}
    for c in columns:
        sd = _number(path, line, f"sd_{c}", fields.get(f"sd_{c}", ""), allow_empty=True)
        if sd is not None and sd < 0:
            _fail(path, line, f"sd_{c} is {sd:g}: a standard deviation is >= 0")
        sds[c] = sd
    serum = fields.get("serum", "").strip()
    if serum and serums is not None and serum not in serums:
        _fail(path, line, f"serum {serum!r} is not one of the comparison's serums ({', '.join(serums)})")
    return {"line": line, "time_h": time_h, "cell": fields.get("cell", "").strip(), "serum": serum,
            "values": values, "sds": sds}


def path_for(folder):
    """The measured.csv that applies to a run folder: its own, or that of the compare
    or fit folder above it (a serum's run, a fit's final run); None if there is none."""
    own = os.path.join(folder, "measured.csv")
    if os.path.exists(own):
        return own, None
    parent = os.path.join(folder, "..")
    above = os.path.join(parent, "measured.csv")
    if os.path.exists(above):
        if os.path.exists(os.path.join(parent, "comparison.csv")):
            return above, os.path.basename(os.path.normpath(folder))
        if os.path.exists(os.path.join(parent, "fit.json")):
            return above, None
    return None, None
