"""What a run folder holds, read for the report: summary.json, timeseries.csv,
profiles.csv and case.resolved.yaml (with its comments, which say which values were
estimated and which presets were expanded)."""
import csv
import json
import os
import re

import yaml

PROJECT_CASES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "cases")


def read_json(path):
    with open(path) as f:
        return json.load(f)


def estimate_accuracy(model):
    """How the permeability estimate of `skin.estimates: model` fares over a database
    ({"all": {...}, "steroids": {...}, ...}, recorded by cases/validation/
    database_check.py), or None when that record is not beside the report's code."""
    path = os.path.join(PROJECT_CASES, "validation", "database", "recorded.json")
    return read_json(path).get(model) if os.path.exists(path) else None


def read_csv_columns(path):
    """{column: [float or None]}: an empty field (a missing value) is None."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {key: [number(row[key]) for row in rows] for key in (rows[0] if rows else {})}


def read_csv_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def number(text):
    try:
        return float(text) if text != "" else None
    except ValueError:
        return text


def read_profiles(path):
    """{time_h: [row dicts]} of profiles.csv, rows from the surface down."""
    by_time = {}
    if not os.path.exists(path):
        return by_time
    for row in read_csv_rows(path):
        by_time.setdefault(float(row["time_h"]), []).append(row)
    return by_time


class Run:
    """One finished run folder."""

    def __init__(self, folder):
        self.folder = folder
        self.summary = read_json(os.path.join(folder, "summary.json"))
        self.series = read_csv_columns(os.path.join(folder, "timeseries.csv"))
        resolved = os.path.join(folder, "case.resolved.yaml")
        self.resolved_text = open(resolved).read() if os.path.exists(resolved) else ""
        self.case = yaml.safe_load(self.resolved_text) if self.resolved_text else {}
        self.layers = list(self.summary.get("per_layer_ug_cm2", {}))
        self.enhancement_ratio = self._enhancement_from_comparison()

    def _enhancement_from_comparison(self):
        """A compare run's enhancement over intact skin, from the comparison.csv above it."""
        table = os.path.join(self.folder, "..", "comparison.csv")
        if not os.path.exists(table):
            return None
        label = os.path.basename(os.path.normpath(self.folder))
        for row in read_csv_rows(table):
            if row.get("serum") == label and row.get("enhancement_ratio"):
                return float(row["enhancement_ratio"])
        return None

    @property
    def name(self):
        return self.summary.get("name") or os.path.basename(self.folder)

    def profiles(self):
        return read_profiles(os.path.join(self.folder, "profiles.csv"))

    def has_film(self):
        return "film_um" in self.series


def pretty_units(text):
    """Units as people write them: um -> µm, uL -> µL, cm^2 -> cm²."""
    text = re.sub(r"\bu(m|L|g)\b", r"µ\1", str(text))
    return re.sub(r"\^(-?[0-9])", lambda m: m.group(1).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")),
                  text)


def _preset_file(kind, name):
    folders = [os.environ.get("DERMAFLUX_CASES", ""), PROJECT_CASES]
    for folder in folders:
        path = os.path.join(folder, kind, name + ".yaml")
        if folder and os.path.exists(path):
            return path
    return None


_PRESET_KINDS = {"skin": "skins", "serum": "serums", "needles": "devices"}


def _preset_sources(section, preset):
    """The preset file's keys (flattened as in the resolved case) and its sources."""
    path = _preset_file(_PRESET_KINDS.get(section, ""), preset)
    if not path:
        return set(), []
    with open(path) as f:
        document = yaml.safe_load(f) or {}
    values = {}
    for key, value in document.items():
        if key == "layers" and isinstance(value, list):
            values.update({f"{layer.get('name')}.{k}": v for layer in value for k, v in layer.items()
                           if k != "name"})
        elif key not in ("description", "sources"):
            values[key] = value
    return values, [str(s) for s in document.get("sources", [])]


def _same_value(preset_value, *written):
    """Whether the resolved case kept the preset's value (in SI or in the comment's units)."""
    def normal(text):
        words = str(text).replace(",", " ").split()
        try:
            return (float(words[0]), " ".join(words[1:])) if words else ()
        except ValueError:
            return tuple(words)
    return any(normal(preset_value) == normal(w.split(",")[0]) for w in written if w)


def _source_of(key, sources):
    """The preset's source sentences that name `key` (e.g. 'stratum_corneum.thickness')."""
    words = key.split(".")
    found = [s for s in sources if all(w in re.findall(r"\w+", s.split(":")[0]) for w in words)]
    return " ".join(found)


def resolved_inputs(resolved_text):
    """Rows {section, key, value, note, origin, detail} of case.resolved.yaml in its own
    order: `note` the comment in everyday units, origin 'estimated' (detail: formula) or
    'preset' (detail: the preset's source) or ''."""
    rows, section, item, presets = [], "", "", {}
    for line in resolved_text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        body, _, comment = line.partition("  #")
        comment = comment.strip()
        indent = len(body) - len(body.lstrip())
        match = re.match(r"\s*(- )?([\w.]+):\s*(.*)$", body)
        if not match:  # one entry of a list (time.outputs): joined into its key's row
            if rows and rows[-1]["section"] == section:
                entry = comment or body.strip().lstrip("- ")
                rows[-1]["value"] = ", ".join(filter(None, [rows[-1]["value"], entry]))
            continue
        dash, key, value = match.groups()
        if indent == 0:
            section, item = key, ""
            preset = re.match(r"expanded from (\w+ preset|device) (\S+)", comment)
            if preset:
                presets[section] = (preset.group(1), preset.group(2),
                                    *_preset_sources(section, preset.group(2)))
            if value:
                rows.append({"section": "", "key": key, "value": value, "note": comment, "origin": "",
                             "detail": ""})
            continue
        if dash and key == "name":
            item = value
            continue
        full_key = f"{item}.{key}" if item else key
        row = {"section": section, "key": full_key, "value": value, "note": comment, "origin": "",
               "detail": ""}
        estimated = re.search(r"estimated: (.*)$", comment)
        if estimated:
            row.update(origin="estimated", detail=estimated.group(1),
                       note=comment[:estimated.start()].rstrip(", #"))
        elif section in presets and full_key in presets[section][2]:
            kind, name, values, sources = presets[section]
            if _same_value(values[full_key], value, comment):
                row.update(origin="preset", detail=f"{kind} {name}: " + (
                    _source_of(full_key, sources) or "no source given"))
        rows.append(row)
    return [row for row in rows if row["value"]]
