"""The explorer's three figures, as drawn in the page, follow every change of the case.

The kernel always sends its figure updates (``tests/test_widgets.py`` checks that); this
module checks the other end: after each tick, the SVG that Chromium shows for the
reasoning chart, the Fagan nomograms and the body map carries the numbers and labels of
the new case. The expected texts are computed here, in the test process, from
:func:`hipback.classify` and the kit's figure functions, never read back from the kernel.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import explorer_page as ep
import pytest
from browser_support import REPO, BrowserPage, JupyterServer, serve, start_voila

from hipback.case import Case
from hipback.case.fields import FIELD_BY_NAME
from hipback.knowledge.findings import FINDINGS
from hipback.plots import body_map, fagan_nomograms, reasoning_chart
from hipback.reasoning import classify
from hipback.widgets.explorer import DEFAULT_CASE

pytestmark = pytest.mark.browser

#: Ticks applied in turn; each row is (field, new value). Both regions on, off, on again,
#: so a figure that keeps any earlier state is caught.
TOGGLES: tuple[tuple[str, bool], ...] = (
    ("pain_below_knee", True),
    ("pain_groin", True),
    ("pain_below_knee", False),
    ("pain_groin", False),
    ("pain_groin", True),
    ("pain_below_knee", True),
    ("pain_groin", False),
    ("pain_below_knee", False),
)

# How long a figure may take to show a change after the summary showed it. A missed
# update never arrives, so this only bounds how long a failing run takes.
FIGURE_TIMEOUT_S = 8.0

# What each figure shows in its SVG: the texts drawn at data points (scatter text, nomogram
# line labels, body-map labels), bar labels, y tick labels and the fill colour of each
# filled area. Figures are keyed by the start of their title.
_READ_FIGURES_JS = """
(root) => {
  const text = (el) => el.textContent.replace(/\\s+/g, ' ').trim();
  const out = {};
  root.querySelectorAll('.js-plotly-plot').forEach((plot) => {
    const title = plot.querySelector('.gtitle');
    out[title ? text(title) : ''] = {
      points: [...plot.querySelectorAll('.textpoint')].map(text),
      bars: [...plot.querySelectorAll('.bartext')].map(text),
      // Tick labels top to bottom, as a reader sees them (a name on two lines read as one).
      yticks: [...plot.querySelectorAll('.ytick text')]
        .map((t) => [t.getBoundingClientRect().top,
                     t.querySelector('tspan.line')
                       ? [...t.querySelectorAll('tspan.line')].map(text).join(' ') : text(t)])
        .sort((a, b) => a[0] - b[0])
        .map((pair) => pair[1]),
      fills: [...plot.querySelectorAll('path.js-fill')].map((p) => p.style.fill),
    };
  });
  return out;
}
"""


_NUMBER = re.compile(r"[−-]?\d+(\.\d+)?")


def _plain(html: str) -> str:
    return ep.html_text(html.replace("<br>", " "))


def expected_figures(case: Case) -> dict[str, dict[str, Any]]:
    """What each figure must show for ``case``, keyed as :func:`read_figures` keys them."""
    result = classify(case)
    chart = reasoning_chart(result)
    bars = sorted(_plain(t) for trace in chart.data[:3] for t in trace.text if t)
    nomo = fagan_nomograms(result)
    lines = sorted(_plain(t) for i in (4, 9) for t in nomo.data[i].text)
    body = body_map(result)
    painful = sum(1 for trace in body.data[:-1] if trace.fillpattern.shape)
    return {
        "reasoning": {"bars": bars, "yticks": [c.label for c in result.contributions]},
        "nomograms": {
            "lines": lines,
            # Both post-test probabilities, as classify gives them, must be on the page.
            "post": [f"{100 * result.probabilities[q]:.0f}%" for q in ("hip", "spine")],
        },
        "body_map": {
            "labels": [_plain(t) for t in body.data[-1].text],
            "painful_fills": painful,
        },
    }


def read_figures(page: Any) -> dict[str, dict[str, Any]]:
    """What the page's three figures show now (same keys as :func:`expected_figures`)."""
    raw = page.evaluate(_READ_FIGURES_JS, ep.explorer(page).element_handle())
    by_title: dict[str, dict[str, Any]] = {}
    for title, seen in raw.items():
        if title.startswith("Reasoning chart"):
            by_title["reasoning"] = {
                "bars": sorted(t for t in seen["bars"] if t),
                # With no finding ticked the empty axis shows plotly's numeric ticks.
                "yticks": [t for t in seen["yticks"] if t and not _NUMBER.fullmatch(t)],
            }
        elif title.startswith("Fagan nomograms"):
            # The scales' labels are bare numbers; the case's lines carry "%" or "LR".
            lines = sorted(t for t in seen["points"] if "%" in t or t.startswith("LR"))
            by_title["nomograms"] = {"lines": lines, "post": None}
        elif title.startswith("Body map"):
            # A painful region is hatched: plotly fills it with an SVG pattern (url(#...)).
            by_title["body_map"] = {
                "labels": seen["points"],
                "painful_fills": sum(1 for f in seen["fills"] if f.startswith("url(")),
            }
    return by_title


def _matches(key: str, want: dict[str, Any], seen: dict[str, Any] | None) -> bool:
    if seen is None:
        return False
    if key == "nomograms":
        return seen["lines"] == want["lines"] and all(p in seen["lines"] for p in want["post"])
    return seen == want


def wait_for_figures(page: Any, case: Case, step: str) -> None:
    """Wait until every figure shows ``case``; fail naming each stale figure and its content."""
    want = expected_figures(case)
    deadline = time.monotonic() + FIGURE_TIMEOUT_S
    while True:
        seen = read_figures(page)
        stale = [k for k in want if not _matches(k, want[k], seen.get(k))]
        if not stale:
            return
        if time.monotonic() > deadline:
            details = "\n".join(
                f"  {k}: shows {seen.get(k)!r}\n  {' ' * len(k)}  expected {want[k]!r}"
                for k in stale
            )
            raise AssertionError(
                f"after {step}, {len(stale)} figure(s) still show an older case "
                f"({FIGURE_TIMEOUT_S:.0f} s after the summary updated):\n{details}"
            )
        page.wait_for_timeout(50)


@pytest.fixture(scope="module")
def voila() -> Iterator[JupyterServer]:
    """A Voilà server of this module's own, serving ``apps/`` as ``make app`` does.

    These pages start kernels of their own; on the shared server they would still be
    shutting down when ``test_voila`` counts the kernels of its single open page.
    """
    yield from serve(start_voila, REPO / "apps")


@pytest.fixture(scope="module")
def explorer_page(open_page: Callable[[str], BrowserPage], voila: JupyterServer) -> BrowserPage:
    """A fresh explorer app page (its own kernel)."""
    bp = open_page("explorer-figures")
    bp.page.goto(f"{voila.url}/voila/render/explorer.ipynb")
    ep.wait_for_explorer(bp.page, timeout=60_000)
    return bp


def test_figures_show_the_starting_case(explorer_page: BrowserPage) -> None:
    wait_for_figures(explorer_page.page, DEFAULT_CASE, "loading the page")


# Each figure's drawn size on the page. A figure whose SVG exists but whose box is 0 px high
# is invisible: plotly's ``responsive`` option sized the chart to its container's height,
# which an ipywidgets Output does not set (the reasoning chart and the nomograms were 0 px
# high while their SVG text was all there).
_FIGURE_BOXES_JS = """
(root) => Array.from(root.querySelectorAll('.js-plotly-plot')).map((plot) => {
  const box = plot.getBoundingClientRect();
  const title = plot.querySelector('.gtitle');
  return [title ? title.textContent : '', Math.round(box.width), Math.round(box.height)];
})
"""


def test_every_figure_is_visible_at_its_own_height(explorer_page: BrowserPage) -> None:
    page = explorer_page.page
    wait_for_figures(page, DEFAULT_CASE, "loading the page")
    boxes = ep.explorer(page).evaluate(_FIGURE_BOXES_JS)
    assert len(boxes) == 3, boxes
    expected = {
        key: fig.layout.height
        for key, fig in (
            ("Reasoning chart", reasoning_chart(classify(DEFAULT_CASE))),
            ("Fagan nomograms", fagan_nomograms(classify(DEFAULT_CASE))),
            ("Body map", body_map(classify(DEFAULT_CASE))),
        )
    }
    for title, width, height in boxes:
        (key,) = [k for k in expected if title.startswith(k)]
        assert width >= 300, f"{title}: {width} px wide"
        assert height == pytest.approx(expected[key], abs=2), f"{title}: {height} px high"


def test_every_figure_follows_each_tick(explorer_page: BrowserPage) -> None:
    page = explorer_page.page
    case = DEFAULT_CASE
    for number, (field, value) in enumerate(TOGGLES, start=1):
        box = ep.finding_checkbox(page, field)
        box.set_checked(value)
        case = case.replace(**{field: value})
        step = f"tick {number} ({field} -> {value})"
        ep.wait_for_summary(page, ep.expected_summary(case))
        wait_for_figures(page, case, step)
    explorer_page.assert_no_console_errors()


# The former "a tick made before the figures draw shows once they do" test is gone with
# the FigureWidgets it guarded: each widget loaded its own plotly.js seconds after the
# controls worked, and drew from a state that missed edits made meanwhile. The figure
# views now draw through the page's one plotly renderer, whose code Voilà loads before it
# shows any widget (holding that code back keeps the whole page hidden, so a tick cannot
# come first), and their widget state is always the whole current figure
# (tests/test_widgets.py::test_a_figure_view_shows_the_current_figure_from_its_state_alone).


def test_quick_ticks_end_on_the_last_case(explorer_page: BrowserPage) -> None:
    # A learner clicking fast: updates overlap in the page; the figures must end right.
    page = explorer_page.page
    case = DEFAULT_CASE
    for field, value in TOGGLES[:5]:
        ep.finding_checkbox(page, field).set_checked(value)
        case = case.replace(**{field: value})
    ep.wait_for_summary(page, ep.expected_summary(case))
    wait_for_figures(page, case, "five quick ticks")
    explorer_page.assert_no_console_errors()


# Each figure's margins as given (``layout.margin``) and as drawn (``_fullLayout._size``,
# where plotly's automatic margins have widened any that a label did not fit).
_MARGINS_JS = """
(root) => Array.from(root.querySelectorAll('.js-plotly-plot')).map((plot) => {
  const title = plot.querySelector('.gtitle');
  const given = plot.layout.margin, drawn = plot._fullLayout._size;
  return [title ? title.textContent : '', ['l', 'r', 't', 'b'].map((k) => [given[k], drawn[k]])];
})
"""


def test_every_label_fits_the_margins_its_figure_gives(explorer_page: BrowserPage) -> None:
    # A label that overflows its margin makes plotly widen the margin and draw the whole
    # figure again: with margins that fit, the explorer's charts drew in 53 ms instead of
    # 95 ms (issue 12: the page must appear within 1.5x a bare page). The findings with
    # the longest names in the catalogue are ticked first (this test runs last: it
    # leaves them ticked).
    page = explorer_page.page
    case = DEFAULT_CASE.replace(**dict(TOGGLES[:5]))
    longest = sorted(
        (f for f in FINDINGS if f.name == f.field and FIELD_BY_NAME[f.field].kind == "bool"),
        key=lambda f: -len(f.label),
    )[:3]
    for finding in longest:
        ep.finding_checkbox(page, finding.name).check()
        case = case.replace(**{finding.name: True})
    ep.wait_for_summary(page, ep.expected_summary(case))
    wait_for_figures(page, case, "ticking the longest-named findings")
    for title, sides in ep.explorer(page).evaluate(_MARGINS_JS):
        for side, (given, drawn) in zip("lrtb", sides, strict=True):
            assert drawn == pytest.approx(given, abs=1), (
                f"{title}: plotly widened the {side} margin from {given} to {drawn} px: "
                "a label does not fit, so every drawing of this figure is done twice"
            )


# Each chart's drawn width beside the width of the box it sits in (and its own fixed
# width, if its layout sets one, as the body map's does to keep the figures' proportions).
_WIDTHS_JS = """
(root) => Array.from(root.querySelectorAll('.js-plotly-plot')).map((plot) => {
  const title = plot.querySelector('.gtitle');
  return [title ? title.textContent : '', plot.layout.width || null,
          Math.round(plot.querySelector('.main-svg').getBoundingClientRect().width),
          Math.round(plot.getBoundingClientRect().width)];
})
"""


def test_the_charts_follow_the_window_s_width(explorer_page: BrowserPage) -> None:
    # A projector's resolution, or a lecturer resizing the browser: the charts are redrawn
    # to the new width (the page template does it; plotly's "responsive" option is off,
    # see test_every_figure_is_visible_at_its_own_height), not cut off or left narrow.
    page = explorer_page.page
    before = page.viewport_size
    try:
        for width in (1000, 1400):
            page.set_viewport_size({"width": width, "height": before["height"]})
            deadline = time.monotonic() + FIGURE_TIMEOUT_S
            while True:
                rows = ep.explorer(page).evaluate(_WIDTHS_JS)
                wrong = [r for r in rows if r[1] is None and abs(r[2] - r[3]) > 2]
                if not wrong:
                    break
                assert time.monotonic() < deadline, (
                    f"window {width} px wide: chart drawn at a width other than its box's "
                    f"(title, drawn px, box px): {[(r[0], r[2], r[3]) for r in wrong]}"
                )
                page.wait_for_timeout(50)
            assert sum(r[1] is None for r in rows) == 2  # the reasoning chart, the nomograms
    finally:
        page.set_viewport_size(before)
