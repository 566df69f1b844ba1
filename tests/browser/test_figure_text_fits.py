"""Every word a figure prints is on screen: nothing runs off the figure, is clipped or
overlaps another label, and the margins a figure gives are the ones drawn.

The figures are drawn by the plotly.js that the plotly package ships (the one the
pages use), in a bare Chromium page: the body map at its own size, the explorer's
other charts at the widths of the column they fill. The cases are the ones with the
longest texts (every region painful with the citations on; the longest finding names)
or the closest values (a nearly flat nomogram line).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
import pytest

from hipback.case import Case
from hipback.case.fields import FIELD_BY_NAME
from hipback.knowledge.findings import FINDINGS
from hipback.plots import REGIONS, body_map, fagan_nomograms, reasoning_chart
from hipback.reasoning import classify
from hipback.widgets.explorer import DEFAULT_CASE

pytestmark = pytest.mark.browser

_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

# Each text of the figure with its box, beside the figure's box and its plot area's.
# A scatter text whose trace clips to the axes (plotly's default) is cut at the plot area.
_TEXT_BOXES_JS = """
() => {
  const plot = document.getElementById('figure');
  const svg = plot.querySelector('.main-svg').getBoundingClientRect();
  const size = plot._fullLayout._size;
  const texts = [...plot.querySelectorAll('text')]
    .filter((t) => t.textContent.trim())
    .map((t) => {
      const box = t.getBoundingClientRect();
      const clipped = t.closest('[clip-path]') !== null;
      return [t.textContent.trim(), box.left - svg.left, box.right - svg.left, clipped];
    });
  return {width: svg.width, plotLeft: size.l, plotRight: size.l + size.w, texts: texts};
}
"""


@pytest.fixture(scope="module")
def drawing_page(chromium: Any) -> Iterator[Any]:
    """A bare page holding plotly.js, nothing else (no request leaves it)."""
    page = chromium.new_page(viewport={"width": 1000, "height": 800})
    page.set_content("<html><body style='margin:0'><div id='figure'></div></body></html>")
    page.add_script_tag(content=_PLOTLY_JS.read_text(encoding="utf-8"))
    yield page
    page.close()


def _text_boxes(page: Any, fig: go.Figure) -> dict[str, Any]:
    page.evaluate(
        "(spec) => Plotly.newPlot('figure', spec.data, spec.layout)", fig.to_plotly_json()
    )
    return page.evaluate(_TEXT_BOXES_JS)


@pytest.mark.parametrize("show_referral", [False, True], ids=["plain", "referral layer"])
def test_every_body_map_label_is_whole_on_screen(drawing_page: Any, show_referral: bool) -> None:
    # The longest labels: every region painful ("Below the knee: PAIN" in bold lost its
    # first letter to the plot area's edge) and the x-axis note (on one line it was wider
    # than the figure and lost its last words).
    case = Case(age=60, **{region: True for region in REGIONS})
    drawn = _text_boxes(drawing_page, body_map(case, show_referral=show_referral))
    for text, left, right, clipped in drawn["texts"]:
        assert left >= -1 and right <= drawn["width"] + 1, (
            f"{text!r} runs off the {drawn['width']:.0f} px figure ({left:.0f} to {right:.0f} px)"
        )
        if clipped:
            assert drawn["plotLeft"] - 1 <= left and right <= drawn["plotRight"] + 1, (
                f"{text!r} is cut at the plot area ({drawn['plotLeft']:.0f} to "
                f"{drawn['plotRight']:.0f} px); it is drawn from {left:.0f} to {right:.0f} px"
            )
    labels = [t for t, *_ in drawn["texts"] if "PAIN" in t]
    assert len(labels) == len(REGIONS), labels


# The explorer's right-hand column is about 460 px wide in JupyterLab beside its file
# browser, 566 px in a 600 px Voila window and 776 px in a 1280 px one
# (tests/browser/conftest.py's viewport); the charts fill it.
_COLUMN_WIDTHS = (460, 566, 776)

# The drawn boxes of each nomogram line's three value labels (pre-test, LR, post-test).
_LINE_LABELS_JS = """
() => [...document.querySelectorAll('#figure .scatterlayer .trace')]
  .map((trace) => [...trace.querySelectorAll('.textpoint')].map((t) => {
    const b = t.getBoundingClientRect();
    return [t.textContent, b.left, b.right, b.top, b.bottom];
  }))
  .filter((labels) => labels.length === 3 && labels[1][0].startsWith('LR'))
"""


def _explorer_figures() -> dict[str, go.Figure]:
    # The three findings with the longest names (the reasoning chart's widest labels), and
    # groin pain alone: its nomogram line is nearly flat, where value labels met.
    longest = sorted(
        (f for f in FINDINGS if f.name == f.field and FIELD_BY_NAME[f.field].kind == "bool"),
        key=lambda f: -len(f.label),
    )[:3]
    wordy = classify(DEFAULT_CASE.replace(**{f.name: True for f in longest}))
    flat = classify(DEFAULT_CASE.replace(pain_groin=True))
    return {"reasoning chart": reasoning_chart(wordy), "nomograms": fagan_nomograms(flat)}


@pytest.mark.parametrize("width", _COLUMN_WIDTHS)
@pytest.mark.parametrize("name", ["reasoning chart", "nomograms"])
def test_the_explorer_charts_fit_its_column(drawing_page: Any, name: str, width: int) -> None:
    drawing_page.set_viewport_size({"width": width, "height": 800})
    fig = _explorer_figures()[name]
    drawn = _text_boxes(drawing_page, fig)
    for text, left, right, _clipped in drawn["texts"]:
        assert left >= -1 and right <= width + 1, (
            f"{name} at {width} px: {text!r} runs off the figure ({left:.0f} to {right:.0f} px)"
        )
    # Margins that fit their labels: otherwise plotly widens them and draws it all again
    # (each drawing of the explorer's charts counts three times in JupyterLab).
    size = drawing_page.evaluate("document.getElementById('figure')._fullLayout._size")
    for side in "lrtb":
        assert size[side] == pytest.approx(fig.layout.margin[side], abs=1), (
            f"{name} at {width} px: plotly widened the {side} margin from "
            f"{fig.layout.margin[side]} to {size[side]} px"
        )
    lines = drawing_page.evaluate(_LINE_LABELS_JS)
    assert len(lines) == (2 if name == "nomograms" else 0), lines  # hip and spine lines
    for labels in lines:
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                apart = a[2] <= b[1] or b[2] <= a[1] or a[4] <= b[3] or b[4] <= a[3]
                assert apart, f"{name} at {width} px: {a[0]!r} and {b[0]!r} overlap"
