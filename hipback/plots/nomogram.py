"""Fagan nomogram: pre-test probability, likelihood ratio, post-test probability.

The classic three-scale layout (Fagan 1975): the left scale is the pre-test
probability (drawn upside down), the middle scale the likelihood ratio and the
right scale the post-test probability. With the positions

    left = -log10(pre-test odds),  middle = log10(LR) / 2,  right = log10(post-test odds)

a straight line from the pre-test probability through the likelihood ratio
lands on the post-test probability, which is Bayes' rule on the odds scale
(:func:`hipback.reasoning.post_test_probability`).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.plots._inputs import as_result
from hipback.plots._style import (
    COLOURS,
    base_layout,
    make_figure,
    set_description,
    sync_view_state,
)
from hipback.reasoning import QUESTIONS, Reasoning

_PROB_TICKS = (0.1, 0.5, 1, 2, 5, 10, 20, 30, 50, 70, 80, 90, 95, 98, 99, 99.5, 99.9)
_LR_TICKS = (0.001, 0.005, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 500, 1000)
_LIMIT = 3.0  # log10-odds shown: 0.1% to 99.9%
_QUESTION_TEXT = {"hip": "Is the hip a pain source?", "spine": "Is the spine a pain source?"}
_SYMBOL = {"hip": "circle", "spine": "square"}


def _lo(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log10(p / (1.0 - p))


def _clip(y: float) -> float:
    return max(-_LIMIT, min(_LIMIT, y))


def _pct(p: float) -> str:
    pct = 100 * p
    if pct < 1 or pct > 99:
        return f"{pct:.1f}%"
    return f"{pct:.0f}%"


def _lr_text(lr: float) -> str:
    return f"{lr:.2g}" if lr < 10 else f"{lr:.0f}"


def _values(result: Reasoning, question: str) -> tuple[float, float, float]:
    pre = result.pretest[question]
    lr = 10.0 ** (result.points[question] / 10.0)
    post = result.probabilities[question]
    return pre, lr, post


def _description(question: str, pre: float, lr: float, post: float) -> str:
    return (
        f"Fagan nomogram for the {question} question: a pre-test probability of {_pct(pre)} "
        f"and a combined likelihood ratio of {_lr_text(lr)} give a post-test probability of "
        f"{_pct(post)}."
    )


def _line(pre: float, lr: float, post: float) -> dict[str, Any]:
    y = [_clip(-_lo(pre)), _clip(math.log10(lr) / 2.0), _clip(_lo(post))]

    # Each value sits off the line, on the side the line leaves free: a label beside its
    # point was struck through by the line, and on a nearly flat line the LR and post-test
    # labels, both between the last two scales, overlapped. Where the line rises, the
    # labels to the right of their point go under it and the post-test label above it;
    # where it falls, the other way round.
    def right_of(rising: bool) -> str:
        return "bottom right" if rising else "top right"

    rising = y[2] >= y[1]
    return {
        "x": [0, 1, 2],
        "y": y,
        "text": [f"<b>{_pct(pre)}</b>", f"<b>LR {_lr_text(lr)}</b>", f"<b>{_pct(post)}</b>"],
        "textposition": [
            right_of(y[1] >= y[0]),
            right_of(rising),
            "top left" if rising else "bottom left",
        ],
    }


@lru_cache(maxsize=1)
def _scales() -> tuple[dict[str, Any], ...]:
    """The three scales with their ticks: static, built once."""
    tick_x: list[float | None] = []
    tick_y: list[float | None] = []
    left_y, right_y, mid_y, labels, mid_labels = [], [], [], [], []
    for p in _PROB_TICKS:
        y = _lo(p / 100)
        left_y.append(-y)
        right_y.append(y)
        labels.append(f"{p:g}")
        for x, yy in ((0, -y), (2, y)):
            tick_x += [x - 0.04, x + 0.04, None]
            tick_y += [yy, yy, None]
    for lr in _LR_TICKS:
        y = math.log10(lr) / 2
        mid_y.append(y)
        mid_labels.append(f"{lr:g}")
        tick_x += [0.96, 1.04, None]
        tick_y += [y, y, None]
    for x in (0, 1, 2):  # the scale lines themselves
        tick_x += [x, x, None]
        tick_y += [-_LIMIT, _LIMIT, None]
    grey = {"color": "#333333", "width": 1.5}
    text = {
        "type": "scatter",
        "mode": "text",
        "hoverinfo": "skip",
        "showlegend": False,
        "textfont": {"size": 11, "color": "#333333"},
    }
    return (
        {
            "type": "scatter",
            "mode": "lines",
            "x": tick_x,
            "y": tick_y,
            "line": grey,
            "hoverinfo": "skip",
            "showlegend": False,
            "name": "scales",
        },
        {
            **text,
            "x": [-0.06] * len(left_y),
            "y": left_y,
            "text": labels,
            "textposition": "middle left",
            "name": "pre-test scale (%)",
        },
        {
            **text,
            "x": [0.94] * len(mid_y),
            "y": mid_y,
            "text": mid_labels,
            "textposition": "middle left",
            "name": "likelihood-ratio scale",
        },
        {
            **text,
            "x": [2.06] * len(right_y),
            "y": right_y,
            "text": labels,
            "textposition": "middle right",
            "name": "post-test scale (%)",
        },
    )


def _check_question(question: str) -> None:
    if question not in QUESTIONS:
        raise HipbackInputError(
            f"question: {question!r} is not allowed; allowed: one of 'hip', 'spine'"
        )


def _line_trace(result: Reasoning, question: str, axes: str = "") -> dict[str, Any]:
    pre, lr, post = _values(result, question)
    colour = COLOURS[question]
    trace = {
        "type": "scatter",
        "mode": "lines+markers+text",
        "name": f"This case ({question} question)",
        "line": {"color": colour, "width": 3, "dash": "solid" if question == "hip" else "dash"},
        "marker": {
            "size": 11,
            "color": colour,
            "symbol": _SYMBOL[question],
            "line": {"color": "#000000", "width": 1},
        },
        "textfont": {"size": 14, "color": "#000000"},
        "hovertemplate": "%{text}<extra></extra>",
        "showlegend": False,
        **_line(pre, lr, post),
    }
    if axes:
        trace.update({"xaxis": f"x{axes}", "yaxis": f"y{axes}"})
    return trace


# Below the plot: the three-line tick labels, the axis title and their gaps. A margin that
# fits them means plotly need not widen it and draw the figure again.
_BOTTOM_PX = 92


def _axes(domain: tuple[float, float] = (0.0, 1.0), anchor: str = "") -> tuple[dict, dict]:
    xaxis = {
        "title": {"text": "pre-test × LR = post-test", "font": {"size": 13}},
        "range": [-0.42, 2.42],
        "tickvals": [0, 1, 2],
        # Short lines in 12 px type: side by side they fit the panels of a figure 460 px
        # wide (JupyterLab beside its file browser). Longer ones overlapped at 620 px, so
        # plotly turned them, widened the bottom margin and drew the figure a second time.
        # (At 420 px plotly still turns these.) The range leaves room for the outer names.
        "ticktext": [
            "Pre-test<br>probability<br>(%)",
            "Likelihood<br>ratio",
            "Post-test<br>probability<br>(%)",
        ],
        "tickfont": {"size": 12},
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
        "domain": list(domain),
    }
    yaxis = {
        "title": {"text": "Log-odds position"},
        "range": [-_LIMIT - 0.1, _LIMIT + 0.1],
        "showticklabels": False,
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
    }
    if anchor:
        xaxis["anchor"] = f"y{anchor}"
        yaxis["anchor"] = f"x{anchor}"
    return xaxis, yaxis


def fagan_nomogram(
    result: Reasoning | Case, question: str = "hip", *, widget: bool = False
) -> go.Figure:
    """Fagan nomogram for one question, with the case's line drawn.

    Parameters
    ----------
    result : Reasoning or Case
        A result of :func:`hipback.classify`, or a case to classify.
    question : {"hip", "spine"}
        Which question: is the hip / the spine a pain source?
    widget : bool, default False
        Return a ``go.FigureWidget`` (for in-place updates in a widget app).

    Returns
    -------
    plotly.graph_objects.Figure
        Trace ``fig.data[-1]`` is the line (x = 0, 1, 2 for pre-test, LR,
        post-test); the description is in ``fig.layout.meta["description"]``.

    Examples
    --------
    >>> from hipback import Case
    >>> fig = fagan_nomogram(Case(age=67, pain_groin=True), "hip")
    >>> fig.data[-1].text[0], fig.data[-1].text[2]
    ('<b>40%</b>', '<b>65%</b>')
    """
    _check_question(question)
    r = as_result(result)
    xaxis, yaxis = _axes()
    layout = base_layout(
        f"{_QUESTION_TEXT[question]}<br><sub>Fagan nomogram</sub>",
        _description(question, *_values(r, question)),
        height=500,
        margin={"l": 50, "r": 10, "t": 80, "b": _BOTTOM_PX},
        xaxis=xaxis,
        yaxis=yaxis,
    )
    return make_figure({"data": [*_scales(), _line_trace(r, question)], "layout": layout}, widget)


def update_fagan_nomogram(fig: go.Figure, result: Reasoning | Case, question: str = "hip") -> None:
    """Move the line of a figure made by :func:`fagan_nomogram` (in place, one batch).

    Examples
    --------
    >>> from hipback import Case
    >>> fig = fagan_nomogram(Case(age=60), "hip")
    >>> update_fagan_nomogram(fig, Case(age=60, pain_groin=True), "hip")
    >>> fig.data[-1].text[2]
    '<b>65%</b>'
    """
    _check_question(question)
    r = as_result(result)
    pre, lr, post = _values(r, question)
    with fig.batch_update():
        fig.data[-1].update(_line(pre, lr, post))
        set_description(fig, _description(question, pre, lr, post))
    sync_view_state(fig)


def _both_description(result: Reasoning) -> str:
    parts = [
        f"{q} question {_pct(pre)} × LR {_lr_text(lr)} = {_pct(post)}"
        for q in QUESTIONS
        for pre, lr, post in [_values(result, q)]
    ]
    return "Fagan nomograms, pre-test × likelihood ratio = post-test: " + "; ".join(parts) + "."


def _panel_title(question: str) -> str:
    # On two lines ("Is the spine / a pain source?"): on one, a panel's title is wider than
    # its half of a narrow figure and runs off the edge.
    first, rest = _QUESTION_TEXT[question].split(" a ", 1)
    return f"<b>{first}<br>a {rest}</b>"


def fagan_nomograms(result: Reasoning | Case, *, widget: bool = False) -> go.Figure:
    """Both questions' Fagan nomograms side by side in one figure (hip left, spine right).

    One figure instead of two keeps the explorer light (each figure widget
    carries its own copy of plotly.js to the browser).

    Parameters
    ----------
    result : Reasoning or Case
        A result of :func:`hipback.classify`, or a case to classify.
    widget : bool, default False
        Return a ``go.FigureWidget`` (for in-place updates in a widget app).

    Returns
    -------
    plotly.graph_objects.Figure
        ``fig.data[4]`` is the hip line, ``fig.data[9]`` the spine line.

    Examples
    --------
    >>> from hipback import Case
    >>> fig = fagan_nomograms(Case(age=67, pain_groin=True))
    >>> fig.data[4].text[2], fig.data[9].text[2]
    ('<b>65%</b>', '<b>25%</b>')
    """
    r = as_result(result)
    data: list[dict[str, Any]] = [*_scales(), _line_trace(r, "hip")]
    data += [{**t, "xaxis": "x2", "yaxis": "y2"} for t in _scales()]
    data.append(_line_trace(r, "spine", "2"))
    x1, y1 = _axes((0.0, 0.48))
    x2, y2 = _axes((0.52, 1.0), anchor="2")
    y2["title"] = {"text": ""}
    panel = {
        "xref": "paper",
        "yref": "paper",
        "y": 1.0,
        "xanchor": "center",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 15},
    }
    layout = base_layout(
        # Short enough for a 460 px column (JupyterLab beside its file browser).
        "Fagan nomograms: pre-test to post-test",
        _both_description(r),
        height=540,
        # r: at 460 px the last scale name reaches 14 px past the plot area.
        margin={"l": 50, "r": 16, "t": 90, "b": _BOTTOM_PX},
        xaxis=x1,
        yaxis=y1,
        xaxis2=x2,
        yaxis2=y2,
        annotations=[
            {**panel, "text": _panel_title("hip"), "x": 0.24},
            {**panel, "text": _panel_title("spine"), "x": 0.76},
        ],
    )
    return make_figure({"data": data, "layout": layout}, widget)


def update_fagan_nomograms(fig: go.Figure, result: Reasoning | Case) -> None:
    """Move both lines of a figure made by :func:`fagan_nomograms` (in place, one batch).

    Examples
    --------
    >>> from hipback import Case
    >>> fig = fagan_nomograms(Case(age=60))
    >>> update_fagan_nomograms(fig, Case(age=60, pain_groin=True))
    >>> fig.data[4].text[2]
    '<b>65%</b>'
    """
    r = as_result(result)
    with fig.batch_update():
        for index, q in ((4, "hip"), (9, "spine")):
            fig.data[index].update(_line(*_values(r, q)))
        set_description(fig, _both_description(r))
    sync_view_state(fig)
