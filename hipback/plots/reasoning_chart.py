"""The reasoning chart: each finding's points as diverging bars (hip right, spine left)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from hipback.case import Case
from hipback.knowledge.findings import FINDING_BY_NAME
from hipback.plots._inputs import as_result
from hipback.plots._style import (
    COLOURS,
    PATTERNS,
    base_layout,
    make_figure,
    set_description,
    sync_view_state,
    text_width_px,
)
from hipback.reasoning import Reasoning

_TITLE = "Reasoning chart: what each finding adds"
_HOVER = (
    "<b>%{y}</b><br>%{customdata[0]}<br>Hip question: %{customdata[1]} points; "
    "spine question: %{customdata[2]} points<br>Source: %{customdata[3]}%{customdata[4]}"
    "<extra></extra>"
)
_EMPTY = "No findings ticked: both probabilities stay at their pre-test values."
_ROW_PX = 40  # room for a name on two lines
# Left of the finding names: the tick gap, the axis title's standoff and the title itself.
_LEFT_OF_LABELS_PX = 60
# Above the bars: the title and the two "favours" notes. Below: the tick labels, the axis
# title and the legend, one entry per line (a legend laid out across wraps to however many
# lines the page's width allows, which no margin set here can know).
_TOP_PX = 90
_BOTTOM_PX = 150


def _height(n_rows: int) -> int:
    """The figure's height: one row per finding (at least one) between the margins."""
    return _TOP_PX + _BOTTOM_PX + _ROW_PX * max(n_rows, 1)


# Finding names longer than this go on two lines of about equal length: in a narrow column
# (JupyterLab beside its file browser on a laptop) one-line names took 330 of 460 px and
# left the bars 70.
_ONE_LINE_CHARS = 26


def _tick_text(label: str) -> str:
    """A finding's name as its tick label: a long name split at the space nearest its middle.

    Examples
    --------
    >>> _tick_text("Limp")
    'Limp'
    >>> _tick_text("Femoral nerve stretch reproduces thigh pain")
    'Femoral nerve stretch<br>reproduces thigh pain'
    """
    if len(label) <= _ONE_LINE_CHARS or " " not in label:
        return label
    middle = len(label) / 2
    cut = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - middle))
    return f"{label[:cut]}<br>{label[cut + 1 :]}"


def _y_ticks(labels: list[str]) -> dict[str, Any]:
    """The y axis's tick settings: every finding named, long names on two lines."""
    return {
        "tickmode": "array",
        "tickvals": list(labels),
        "ticktext": [_tick_text(x) for x in labels],
    }


def _left_margin(labels: list[str]) -> int:
    """A left margin that fits the finding names, so plotly need not widen it (and redraw)."""
    lines = [line for label in labels for line in _tick_text(label).split("<br>")]
    widest = max((text_width_px(line) for line in lines), default=text_width_px("0"))
    return round(widest) + _LEFT_OF_LABELS_PX


def _rows(result: Reasoning) -> dict[str, Any]:
    """Trace arrays for one result (the part that changes between cases)."""
    labels, hip, spine, overlap, neutral, hip_text, spine_text, overlap_text = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    custom = []
    widest = 6.0
    for c in result.contributions:
        f = FINDING_BY_NAME[c.name]
        full = f.hip.points - f.spine.points
        uncounted = full - c.points
        labels.append(c.label)
        hip.append(c.points if c.points > 0 else 0.0)
        spine.append(c.points if c.points < 0 else 0.0)
        overlap.append(uncounted if abs(uncounted) > 1e-9 else 0.0)
        neutral.append(0.0 if abs(full) < 1e-9 else None)
        hip_text.append(f"+{c.points:.1f}" if c.points > 1e-9 else "")
        spine_text.append(f"{c.points:.1f}" if c.points < -1e-9 else "")
        overlap_text.append("not counted" if abs(uncounted) > 1e-9 else "")
        side = {"hip": "Favours the hip", "spine": "Favours the spine"}.get(
            c.favours, "Does not separate hip from spine"
        )
        note = f"<br>{c.note}" if c.note else ""
        custom.append([side, f"{c.points_hip:+.1f}", f"{c.points_spine:+.1f}", c.source, note])
        # Room beyond the longest bar for its "+4.5" label, in a narrow chart too.
        widest = max(widest, abs(full) * 1.25 + 1.5, abs(c.points) * 1.25 + 1.5)
    return {
        "labels": labels,
        "hip": hip,
        "spine": spine,
        "overlap": overlap,
        "neutral": neutral,
        "hip_text": hip_text,
        "spine_text": spine_text,
        "overlap_text": overlap_text,
        "custom": custom,
        "widest": widest,
    }


def _description(result: Reasoning) -> str:
    cs = result.contributions
    pts = result.points
    if not cs:
        return (
            "Reasoning chart: no findings are ticked, so the hip and spine probabilities stay "
            "at their pre-test values."
        )
    top = cs[0]
    side = "toward the hip" if top.points > 0 else "toward the spine"
    if abs(top.points) < 1e-9:
        side = "(it does not separate hip from spine)"
    overlaps = sum(1 for c in cs if c.note)
    extra = (
        f"; {overlaps} overlapping finding(s) are shown but not counted twice" if overlaps else ""
    )
    return (
        f"Reasoning chart: {len(cs)} finding(s) present; the strongest is {top.label} "
        f"({top.points:+.1f} points {side}); in total {pts['hip']:+.1f} points for the hip "
        f"question and {pts['spine']:+.1f} for the spine question{extra}."
    )


def _figure_dict(rows: dict[str, Any], description: str) -> dict[str, Any]:
    bar = {"type": "bar", "orientation": "h", "hovertemplate": _HOVER, "cliponaxis": False}
    data = [
        {
            **bar,
            "name": "Toward the hip (counted)",
            "marker": {
                "color": COLOURS["hip"],
                "pattern": {"shape": PATTERNS["hip"]},
                "line": {"color": "#000000", "width": 1},
            },
            "textposition": "outside",
        },
        {
            **bar,
            "name": "Toward the spine (counted)",
            "marker": {
                "color": COLOURS["spine"],
                "pattern": {"shape": PATTERNS["spine"], "fgcolor": "#FFFFFF"},
                "line": {"color": "#000000", "width": 1},
            },
            "textposition": "outside",
        },
        {
            **bar,
            "name": "Not counted: overlaps a stronger finding",
            "marker": {
                "color": "#FFFFFF",
                "pattern": {"shape": PATTERNS["overlap"], "fgcolor": COLOURS["neutral"]},
                "line": {"color": COLOURS["neutral"], "width": 1.5},
            },
            "textposition": "inside",
            "insidetextanchor": "middle",
        },
        {
            "type": "scatter",
            "mode": "markers+text",
            "name": "No effect (0 points: fits both)",
            "marker": {
                "symbol": "diamond-open",
                "size": 12,
                "color": COLOURS["neutral"],
                "line": {"width": 2},
            },
            "text": None,
            "textposition": "middle right",
            "hovertemplate": _HOVER,
        },
    ]
    _fill(data, rows)
    layout = base_layout(
        _TITLE,
        description,
        barmode="relative",
        height=_height(len(rows["labels"])),
        showlegend=True,
        legend={
            "orientation": "v",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0.0,
            "x": 0,
            "font": {"size": 12},
        },
        margin={"l": _left_margin(rows["labels"]), "r": 30, "t": _TOP_PX, "b": _BOTTOM_PX},
        xaxis={
            # Short: centred under the bars, the longer "likelihood ratio" ran off a
            # 460 px chart whose finding names take half of it.
            "title": {"text": "Points = 10 × log10(LR)"},
            "range": [-rows["widest"], rows["widest"]],
            "zeroline": True,
            "zerolinecolor": "#000000",
            "zerolinewidth": 2,
            "gridcolor": "#E5E5E5",
        },
        yaxis={
            "title": {"text": "Finding"},
            "autorange": "reversed",
            "automargin": True,
            **_y_ticks(rows["labels"]),
        },
        annotations=[
            {
                "text": "◀ favours the SPINE",
                "xref": "paper",
                "yref": "paper",
                "x": 0.0,
                "y": 1.0,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"color": COLOURS["spine"], "size": 13},
            },
            {
                "text": "favours the HIP ▶",
                "xref": "paper",
                "yref": "paper",
                "x": 1.0,
                "y": 1.0,
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"color": COLOURS["hip"], "size": 13},
            },
            {
                "text": _EMPTY,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
                "visible": not rows["labels"],
            },
        ],
    )
    return {"data": data, "layout": layout}


def _fill(data: list[dict[str, Any]], rows: dict[str, Any]) -> None:
    """Put the row arrays into the four trace dicts (or trace objects)."""
    y = rows["labels"]
    for trace, x, text in (
        (data[0], rows["hip"], rows["hip_text"]),
        (data[1], rows["spine"], rows["spine_text"]),
        (data[2], rows["overlap"], rows["overlap_text"]),
    ):
        trace["x"] = x
        trace["y"] = y
        trace["text"] = text
        trace["customdata"] = rows["custom"]
    data[3]["x"] = rows["neutral"]
    data[3]["y"] = y
    data[3]["text"] = ["0: fits both" if v is not None else "" for v in rows["neutral"]]
    data[3]["customdata"] = rows["custom"]


def reasoning_chart(result: Reasoning | Case, *, widget: bool = False) -> go.Figure:
    """Diverging bar chart of each finding's points, hip to the right, spine to the left.

    Bars are the points each finding adds (10·log10 LR, net toward the hip),
    largest first. Findings that overlap a stronger one of the same construct
    are drawn as hatched grey "not counted" bars; findings that fit both
    sources are diamonds at zero. The hover shows the plain label, the points
    for each question and the source of the numbers.

    Parameters
    ----------
    result : Reasoning or Case
        A result of :func:`hipback.classify`, or a case to classify.
    widget : bool, default False
        Return a ``go.FigureWidget`` (for in-place updates in a widget app).

    Returns
    -------
    plotly.graph_objects.Figure
        With its description in ``fig.layout.meta["description"]``.

    Examples
    --------
    >>> from hipback import Case
    >>> fig = reasoning_chart(Case(age=67, pain_groin=True, hip_rotation_limited=True))
    >>> list(fig.data[0].y)
    ['Groin pain', 'Limited hip internal rotation']
    """
    r = as_result(result)
    return make_figure(_figure_dict(_rows(r), _description(r)), widget)


def update_reasoning_chart(fig: go.Figure, result: Reasoning | Case) -> None:
    """Update a figure made by :func:`reasoning_chart` in place (one batch).

    Works on a ``go.FigureWidget`` too, where only the changed arrays are sent
    to the browser.

    Examples
    --------
    >>> from hipback import Case
    >>> fig = reasoning_chart(Case(age=60))
    >>> update_reasoning_chart(fig, Case(age=60, limp=True))
    >>> list(fig.data[0].y)
    ['Limp']
    """
    r = as_result(result)
    rows = _rows(r)
    with fig.batch_update():
        _fill(fig.data, rows)
        fig.layout.xaxis.range = [-rows["widest"], rows["widest"]]
        fig.layout.height = _height(len(rows["labels"]))
        fig.layout.margin.l = _left_margin(rows["labels"])
        fig.layout.yaxis.update(_y_ticks(rows["labels"]))
        fig.layout.annotations[2].visible = not rows["labels"]
        set_description(fig, _description(r))
    sync_view_state(fig)
