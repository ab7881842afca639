#!/usr/bin/python3
"""One self-contained HTML page (report.html) for a dermaflux results folder.

    dermaflux_report.py FOLDER [--command-line TEXT] [--commit SHA] [--version V]
                               [--failed "FOLDER: REASON"]...

FOLDER is a run's output folder (summary.json), a `compare` folder
(comparison.csv), a `batch` folder (batch.csv) or a `fit` folder (fit.json). A
measured.csv in a run, compare or fit folder is drawn over the model's curves.
Called by `dermaflux report`, `dermaflux run --report`, `dermaflux compare` and
`dermaflux batch`. Figures are
inline SVG from matplotlib's SVG backend, the page a Jinja2 template (templates/):
no network access and no JavaScript needed to read it, and it prints to A4.
Needs Debian's python3-matplotlib, python3-jinja2 and python3-yaml (/usr/bin/python3).
"""
import argparse
import datetime
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import jinja2  # noqa: E402
import markupsafe  # noqa: E402

import fit_data  # noqa: E402
import measured_data  # noqa: E402
import report_data  # noqa: E402


def significant(value, digits=4, percent=False):
    """A number for people: `digits` significant digits, no exponent between 1e-3 and 1e6."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if percent:
        value *= 100.0
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    if 1e-3 <= abs(value) < 1e6:
        decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
        return f"{value:,.{decimals}f}"
    return f"{value:.{digits - 1}e}"


def readable(text):
    """A case value for people: a bare number with round-trip digits to 4 significant."""
    try:
        number = float(text)
    except (TypeError, ValueError):
        return text
    return significant(number) if len(str(text)) > 8 else text


def exact(value):
    """The value as the run's files hold it (repr: round-trip digits)."""
    return repr(float(value)) if isinstance(value, (int, float)) else str(value)


def environment():
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["sig"] = significant
    env.filters["exact"] = exact
    env.filters["readable"] = readable
    env.filters["units"] = report_data.pretty_units
    env.filters["breakable"] = lambda text: markupsafe.Markup("<wbr>.").join(str(text).split("."))
    env.filters["float_or_none"] = lambda text: float(text) if text not in ("", None) else None
    env.globals["headings"] = {"receptor_ug_cm2": "receptor", "delivered_ug_cm2": "delivered",
                               "steady_flux_ug_cm2_h": "steady flux", "lag_time_h": "lag",
                               "intact_receptor_ug_cm2": "intact receptor", "enhancement_ratio": "ER",
                               "delivery_enhancement_ratio": "delivery ER"}
    return env


def kind_of(folder):
    for name, kind in (("summary.json", "run"), ("comparison.csv", "compare"), ("batch.csv", "batch"),
                       ("fit.json", "fit")):
        if os.path.exists(os.path.join(folder, name)):
            return kind
    return None


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--command-line", default="")
    parser.add_argument("--commit", default="")
    parser.add_argument("--version", default="")
    parser.add_argument("--failed", action="append", default=[])
    arguments = parser.parse_args(argv[1:])
    kind = kind_of(arguments.folder)
    if kind is None:
        print(f"dermaflux report: {arguments.folder} holds no summary.json, comparison.csv, batch.csv or "
              "fit.json: give the folder of a finished run, compare, batch or fit", file=sys.stderr)
        return 2
    try:
        if kind == "compare":
            # Each serum's needled run gets its own full page, which the comparison links.
            import compare_report
            for label in compare_report.serum_labels(arguments.folder):
                render(os.path.join(arguments.folder, label), "run", arguments, quiet=True)
        if kind == "fit":
            # The final run of the fit gets its own full page, which the fit report links.
            render(os.path.join(arguments.folder, "final"), "run", arguments, quiet=True)
        render(arguments.folder, kind, arguments)
    except (measured_data.MeasuredDataError, fit_data.FitDataError) as error:
        print(f"dermaflux report: {error}", file=sys.stderr)
        return 2
    return 0


def render(folder, kind, arguments, quiet=False):
    if kind == "run":
        import run_report
        page = run_report.context(folder, arguments)
    elif kind == "compare":
        import compare_report
        page = compare_report.context(folder, arguments)
    elif kind == "fit":
        import fit_report
        page = fit_report.context(folder, arguments)
    else:
        import batch_report
        page = batch_report.context(folder, arguments)
    page["generator"] = {"version": arguments.version or "", "commit": arguments.commit,
                         "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
    html = environment().get_template(f"{kind}.html.j2").render(**page)
    target = os.path.join(folder, "report.html")
    # Written aside and renamed: shards of one batch may finish at once.
    scratch = f"{target}.{os.getpid()}.tmp"
    with open(scratch, "w", encoding="utf-8") as f:
        f.write(html)
    os.replace(scratch, target)
    if not quiet:
        print(f"report: {target}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
