"""matplotlib figures as inline <svg> elements (the SVG backend: sharp when printed
or zoomed, and text stays text). Each figure's element ids get their own prefix, so
several figures can share one HTML page without their clip paths colliding."""
import io
import re

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

matplotlib.rcParams.update({
    "svg.fonttype": "none",       # text as <text>, not paths: small files, selectable
    "svg.hashsalt": "dermaflux",  # the same ids on every run: reproducible pages
    "font.size": 9,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
})

_counter = [0]


def new_figure(width_in=6.4, height_in=3.6, **options):
    return plt.subplots(figsize=(width_in, height_in), **options)


def to_svg(figure):
    """The figure as an <svg> element (no XML prolog), closed afterwards."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    # Inside HTML the parser knows SVG's namespaces; without them and the RDF metadata
    # the page names no other site at all.
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", text)
    _counter[0] += 1
    prefix = f"f{_counter[0]}-"
    ids = set(re.findall(r'\bid="([^"]+)"', text))
    for name in sorted(ids, key=len, reverse=True):
        text = text.replace(f'id="{name}"', f'id="{prefix}{name}"')
        text = text.replace(f"#{name})", f"#{prefix}{name})").replace(f'#{name}"', f'#{prefix}{name}"')
    # Sized by the page's CSS: the width and height attributes become the aspect ratio.
    text = re.sub(r'<svg([^>]*?) width="([\d.]+)pt" height="([\d.]+)pt"',
                  r'<svg\1 width="100%" style="max-width:\2pt" preserveAspectRatio="xMidYMid meet"', text, 1)
    return text
