#!/usr/bin/python3
"""Checks a dermaflux report.html against the files beside it.

    check_report.py FOLDER run|compare|batch|fit [--film]

Well-formed (every element closed in order), self-contained (no URL to another
host, no script), every figure present as inline SVG, and every number the page
marks (data-key, data-value) equal to the one in summary.json, comparison.csv or
batch.csv (fit.json and measured.csv; the estimate's accuracy in the repository's
cases/validation/database/recorded.json), shown to within its rounding. Exits 1 with the reasons otherwise.
"""
import csv
import json
import os
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.ids, self.numbers, self.svg_in = [], [], {}, [], {}
        self.current_number = None
        self.figure = None
        self.links = []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        for name in ("src", "href", "xlink:href", "action", "poster"):
            value = attributes.get(name) or ""
            if re.match(r"\s*(https?:)?//", value, re.I):
                self.problems.append(f"external URL in <{tag} {name}={value!r}>")
        if tag == "a" and attributes.get("href") and not attributes["href"].startswith("#"):
            self.links.append(attributes["href"])
        if tag == "script":
            self.problems.append("the page has a <script>")
        if "id" in attributes:
            self.ids[attributes["id"]] = tag
        if tag == "figure":
            self.figure = attributes.get("id")
            self.svg_in[self.figure] = 0
        if tag in ("path", "rect", "image", "use") and self.figure:
            self.svg_in[self.figure] += 1
        if "data-key" in attributes and "data-value" in attributes:
            self.current_number = [attributes["data-key"], attributes["data-value"], ""]
            self.numbers.append(self.current_number)
        if tag not in VOID and not self.get_starttag_text().endswith("/>"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attributes):
        self.handle_starttag(tag, attributes)  # pushes nothing: the tag closed itself

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}> "
                                 f"at line {self.getpos()[0]}")
            return
        self.stack.pop()
        if tag == "figure":
            self.figure = None
        if tag == "span":
            self.current_number = None

    def handle_data(self, data):
        if self.current_number is not None:
            self.current_number[2] += data


def shown_matches(text, value, percent):
    """The shown text is the value rounded to the digits shown."""
    text = text.replace(",", "").strip()
    try:
        shown = float(text)
    except ValueError:
        return False
    expected = value * (100.0 if percent else 1.0)
    mantissa, _, exponent = text.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    last_place = 10.0 ** (int(exponent or 0) - decimals)
    return abs(shown - expected) <= 0.5001 * last_place


def number_or_none(text):
    return None if text in ("", None) else float(text)


def lookup(document, dotted):
    for part in dotted.split("."):
        if not isinstance(document, dict) or part not in document:
            raise KeyError(dotted)
        document = document[part]
    return document


def jmax(folder):
    with open(os.path.join(folder, "timeseries.csv"), newline="") as f:
        return max(float(row["flux_ug_cm2_h"]) for row in csv.DictReader(f))


def measured_total(folder):
    """The measured total cumulative amount (mean at the last sampling time) and the
    run's receptor amount then: from measured.csv beside the run or above it (a
    serum's rows in a comparison, the fit's data for its final run)."""
    path, serum = os.path.join(folder, "measured.csv"), None
    if not os.path.exists(path):
        path = os.path.join(folder, "..", "measured.csv")
        if os.path.exists(os.path.join(folder, "..", "comparison.csv")):
            serum = os.path.basename(os.path.normpath(folder))
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r.get("receptor_ug_cm2") and r.get("serum", "") in ("", serum or "")]
    last = max(float(r["time_h"]) for r in rows)
    values = [float(r["receptor_ug_cm2"]) for r in rows if float(r["time_h"]) == last]
    with open(os.path.join(folder, "timeseries.csv"), newline="") as f:
        model = [float(r["receptor_ug_cm2"]) for r in csv.DictReader(f) if float(r["time_h"]) == last]
    return {"ivpt.total.data": sum(values) / len(values), "ivpt.total.model": model[0] if model else UNCHECKED}


UNCHECKED = object()  # a number the page derives (ivpt_endpoints' own unit tests check those)


def run_value(folder, key):
    if key == "jmax_ug_cm2_h":
        return jmax(folder)
    if key.startswith("ivpt."):
        return measured_total(folder).get(key, UNCHECKED)
    if key == "enhancement_ratio":  # a compare run's, from the comparison.csv above it
        label = os.path.basename(os.path.normpath(folder))
        return csv_value(os.path.join(folder, "..", "comparison.csv"), "serum", label, key)
    with open(os.path.join(folder, "summary.json")) as f:
        return lookup(json.load(f), key)


def csv_value(path, match_column, row_key, column):
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row[match_column] == row_key:
                return number_or_none(row[column])
    raise KeyError(f"{row_key} in {path}")


def fit_value(folder, key):
    """fit.json's figure (param:KEY:FIELD, fit.FIELD) or the final run's (final.KEY)."""
    with open(os.path.join(folder, "fit.json")) as f:
        fit = json.load(f)
    if key.startswith("param:"):
        parameter, field = key.removeprefix("param:").rsplit(":", 1)
        return fit["parameters"][parameter][field]
    if key.startswith("fit."):
        return fit[key[4:]]
    return run_value(os.path.join(folder, "final"), key.removeprefix("final."))


RECORDED_ACCURACY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "cases",
                                 "validation", "database", "recorded.json")


def expected_value(folder, kind, key):
    if key.startswith("accuracy."):  # the estimate's database-wide record (database_check.py)
        with open(RECORDED_ACCURACY) as f:
            return lookup(json.load(f), key.removeprefix("accuracy."))
    if kind == "run":
        return run_value(folder, key)
    if kind == "fit":
        return fit_value(folder, key)
    if kind == "compare":
        if ":" in key:
            serum, column = key.split(":", 1)
            return csv_value(os.path.join(folder, "comparison.csv"), "serum", serum, column)
        serum, figure = key.split(".", 1)
        return run_value(os.path.join(folder, serum), figure)
    run_folder, column = key.split(":", 1)
    if column == "jmax_ug_cm2_h":
        return jmax(os.path.join(folder, run_folder))
    return csv_value(os.path.join(folder, "batch.csv"), "folder", run_folder, column)


def expected_figures(folder, kind, film):
    if kind == "run":
        figures = ["fig-cumulative", "fig-flux"]
        figures += ["fig-profiles"] if os.path.exists(os.path.join(folder, "profiles.csv")) else []
        figures += ["fig-cuts"] if any(n.endswith(".pvd") for n in os.listdir(folder)) else []
        figures += ["fig-pattern"] if os.path.exists(os.path.join(folder, "channels.vtp")) else []
        return figures + (["fig-film"] if film else [])
    if kind == "compare":
        with open(os.path.join(folder, "comparison.csv"), newline="") as f:
            serums = [row["serum"] for row in csv.DictReader(f)]
        return ["fig-enhancement", "fig-cumulative", "fig-per-layer"] + [f"fig-serum-{s}" for s in serums]
    if kind == "fit":
        return ["fig-fit-time", "fig-fit-parity"] + (
            ["fig-final-cumulative"] if os.path.isdir(os.path.join(folder, "final")) else [])
    return ["fig-key-1"]


def main(argv):
    folder, kind, film = argv[1], argv[2], "--film" in argv
    page = Page()
    with open(os.path.join(folder, "report.html"), encoding="utf-8") as f:
        text = f.read()
    page.feed(text)
    page.close()
    problems = list(page.problems)
    if page.stack:
        problems.append(f"unclosed elements at the end: {page.stack}")
    if not text.startswith("<!DOCTYPE html>"):
        problems.append("no <!DOCTYPE html>")
    if re.search(r"url\(\s*['\"]?(https?:)?//", text) or "@import" in text:
        problems.append("the style sheet loads something from elsewhere")
    site = re.search(r"https?://[^\s\"'<>]*", text)
    if site:
        problems.append(f"the page names another site: {site.group(0)}")
    problems += [f"link to {link}, which does not exist" for link in page.links
                 if not os.path.exists(os.path.join(folder, link))]
    for figure in expected_figures(folder, kind, film):
        if figure not in page.ids:
            problems.append(f"figure {figure} is missing")
        elif page.svg_in.get(figure, 0) < 5:
            problems.append(f"figure {figure} has no drawing in it")
    checked = 0
    for key, value_text, shown in page.numbers:
        try:
            expected = expected_value(folder, kind, key)
        except (KeyError, OSError) as error:
            problems.append(f"{key}: not found in the run's files ({error})")
            continue
        if expected is UNCHECKED:
            continue
        if expected is None or value_text == "":
            if not (expected is None and value_text == ""):
                problems.append(f"{key}: page {value_text!r}, files {expected!r}")
            continue
        if float(value_text) != float(expected):
            problems.append(f"{key}: page {value_text}, files {expected!r}")
        percent = "absorbed_fraction" in key
        if not shown_matches(shown, float(expected), percent):
            problems.append(f"{key}: shown as {shown!r}, files {expected!r}")
        checked += 1
    required = {"run": ["receptor_ug_cm2", "jmax_ug_cm2_h", "absorbed_fraction", "max_mass_balance_rel"],
                "compare": [], "batch": [], "fit": []}[kind]
    if film:
        required += ["applied_ug_cm2", "removed_ug_cm2", "exposure.dermal_absorption_ug_cm2",
                     "exposure.systemic_exposure_mg_kg_day", "exposure.margin_of_safety"]
    keys = {key for key, _, _ in page.numbers}
    problems += [f"headline figure {key} is missing" for key in required if key not in keys]
    if checked < 5:
        problems.append(f"only {checked} numbers were checked")
    return finish(f"check_report: {folder}", problems,
                  f"{kind} report: well-formed, self-contained, {checked} numbers equal to the run's files, "
                  "every figure present")


def finish(prefix, problems, success):
    """Says each problem (or the success) and gives the exit status."""
    for problem in problems:
        print(f"{prefix}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{prefix}: {success}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
