#!/usr/bin/python3
"""Checks what headless Chromium made of a report: the DOM it rendered (--dump-dom)
holds the page's sections and inline figures, and the screenshot is not blank
(its pixels vary: text and plots, not one flat colour).

    check_screenshot.py DOM.html SCREENSHOT.png run|compare|batch|fit
"""
import sys

import matplotlib.image

from check_report import finish  # beside this script

EXPECTED = {"run": ["Headline figures", 'id="fig-cumulative"', 'id="fig-cuts"', 'id="inputs"', 'id="provenance"',
                   'id="endpoints"'],
            "fit": ['id="parameters"', 'id="correlation"', 'id="warnings"', 'id="fig-fit-time"',
                    'id="fig-fit-parity"', 'id="fig-final-cumulative"'],
            "compare": ['id="ranking"', 'id="fig-enhancement"', 'id="fig-cumulative"', 'class="serum"'],
            "batch": ['id="batch"', 'id="fig-key-1"', 'id="failures"']}


def main(dom_path, png_path, kind):
    with open(dom_path, encoding="utf-8") as f:
        dom = f.read()
    problems = [f"the rendered DOM lacks {text}" for text in EXPECTED[kind] if text not in dom]
    if dom.count("<svg") < (1 if kind == "batch" else 2):
        problems.append(f"the rendered DOM holds {dom.count('<svg')} inline SVG figures")
    pixels = matplotlib.image.imread(png_path)[..., :3]
    spread = float(pixels.std())
    dark = float((pixels.mean(axis=2) < 0.5).mean())
    if spread < 0.05 or dark < 0.005:
        problems.append(f"the screenshot looks blank (pixel spread {spread:.3f}, dark share {dark:.4f})")
    return finish(f"check_screenshot: {kind}", problems,
                  f"DOM as expected, screenshot {pixels.shape[1]}x{pixels.shape[0]} with pixel spread "
                  f"{spread:.3f} and {100 * dark:.1f} % dark pixels")


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
