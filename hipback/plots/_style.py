"""Shared look and the accessibility convention of every hipback figure.

Convention (all figure functions follow it):

* the figure has a title and a title on every axis it shows;
* colours come from the Okabe-Ito palette, which stays distinct for the common
  forms of colour-vision deficiency, and colour is never the only cue: bars,
  regions and curves also differ by pattern, marker symbol, dash or text;
* a one-sentence plain-text description is stored in
  ``fig.layout.meta["description"]``; :func:`describe` reads it, the widgets
  print it under each figure (so screen readers and projector audiences get
  it), and :func:`show` displays a figure together with it.
"""

from __future__ import annotations

import copy
import sys
from typing import Any

import plotly.graph_objects as go

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Roles in every figure, so hip is always blue and spine always vermillion.
COLOURS: dict[str, str] = {
    "hip": OKABE_ITO["blue"],
    "spine": OKABE_ITO["vermillion"],
    "combined": OKABE_ITO["bluish_green"],
    "neutral": "#6E6E6E",
    "overlap": "#B0B0B0",
    "pain": OKABE_ITO["reddish_purple"],
    "outline": "#333333",
}

#: Fill patterns that repeat the colour cue (plotly ``marker.pattern.shape``).
PATTERNS: dict[str, str] = {"hip": "", "spine": "/", "overlap": "x", "pain": "/"}

FONT = {"family": "Arial, Helvetica, sans-serif", "size": 14, "color": "#222222"}


# Widths of characters in em, generous enough for the wider fallback fonts (DejaVu Sans
# draws "Arial" on many Linux machines, about 10 % wider): an estimate that errs wide.
_NARROW = set("fijlrtI.,;:!|()[]'` ")
_WIDE = set("mwMW@%")
_SAFETY = 1.08  # measured: 41 characters at 14 px drew 298 px wide in DejaVu Sans


def text_width_px(text: str, size: float = FONT["size"]) -> float:
    """Estimated drawn width of ``text`` in pixels, erring wide.

    The figures give plotly margins that already fit their labels: plotly's automatic
    margins stay on as a safety net, but when a label does not fit they make plotly draw
    the whole figure a second time (measured: the explorer's three charts take 95 ms to
    draw with margins plotly had to widen, 53 ms with margins that fit).

    Examples
    --------
    >>> round(text_width_px("Groin pain"))
    77
    >>> text_width_px("Morning stiffness") < text_width_px("MORNING STIFFNESS")
    True
    """
    ems = 0.0
    for ch in text:
        if ch in _NARROW:
            ems += 0.34
        elif ch in _WIDE:
            ems += 0.95
        elif ch.isupper() or ch.isdigit():
            ems += 0.7
        else:
            ems += 0.6
    return ems * size * _SAFETY


def base_layout(title: str, description: str, **extra: Any) -> dict[str, Any]:
    """Layout shared by all figures: title, readable font, white background, description.

    Examples
    --------
    >>> base_layout("T", "A figure.")["meta"]["description"]
    'A figure.'
    """
    layout: dict[str, Any] = {
        "title": {"text": title, "x": 0.01, "xanchor": "left"},
        "font": FONT,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "meta": {"description": description},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 50},
    }
    layout.update(extra)
    return layout


def make_figure(spec: dict[str, Any], widget: bool = False) -> go.Figure:
    """A Figure from a figure dict, or a FigureWidget for in-place updates.

    The widget is built straight from the dict (one validation pass, not a
    Figure then a copy). Validation stays on: plotly only sends validated
    property changes to the browser, and a widget built with
    ``_validate=False`` was seen to stop updating in the page. The widget
    also listens for its page view reporting a first drawing that is older
    than the kernel's figure, and then sends the whole figure again (see
    :func:`sync_view_state`).
    """
    if not widget:
        return go.Figure(spec)
    fig = go.FigureWidget(copy.deepcopy(spec))
    fig._hipback_resent = 0  # edit id of the last full resend (0: none yet)
    fig.observe(lambda change: _view_reported(fig, change["new"]), names="_js2py_traceDeltas")
    return fig


# Why the two functions below exist. plotly's page view (plotly 7.1 + anywidget 0.11) draws
# itself from the widget's stored ``_widget_data`` / ``_widget_layout``, which plotly sets
# when the widget is built and never again, and it only applies in-place edits that arrive
# after it has started listening. With several figures in one app each view loads its own
# 5 MB plotly bundle, so a view can start drawing seconds after the controls work (more so
# on a loaded machine); a change made meanwhile never reached it and the figure stayed on
# the case it was built with. So after every in-place update the stored state is made the
# current figure, and a view that reports (after its first drawing) an edit id older than
# the kernel's latest gets the whole figure again.


def sync_view_state(fig: go.Figure) -> None:
    """After an in-place update of a FigureWidget: store the current figure as its view state.

    A page view that starts drawing later then draws this case, not the one the widget
    was built with. Does nothing for a plain ``go.Figure``.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> sync_view_state(go.Figure())  # a plain figure has no page view
    """
    # ``go.FigureWidget`` is imported lazily by plotly (its widget stack takes seconds to
    # import): a figure cannot be one unless that stack is already loaded.
    if "plotly.basewidget" in sys.modules and isinstance(fig, go.FigureWidget):
        fig._widget_data = copy.deepcopy(fig._data)
        fig._widget_layout = copy.deepcopy(fig._layout_obj._props)


def _view_reported(fig: go.FigureWidget, message: dict[str, Any] | None) -> None:
    """A page view drew the figure as of edit ``trace_edit_id``; resend if it is behind."""
    if not message:
        return
    seen = int(message.get("trace_edit_id") or 0)
    # Behind the kernel, and no full resend went out after the state it drew (that one
    # reaches it, since the view listens once it has reported): send everything again.
    if seen < fig._last_trace_edit_id and seen >= fig._hipback_resent:
        resend_whole_figure(fig)


def resend_whole_figure(fig: go.FigureWidget) -> None:
    """Send every trace property and the layout to the page views in one plotly update.

    One ``Plotly.update`` message sets each property of each trace (``_undefined_`` where a
    trace lacks it, which plotly.js skips) and the layout, so any view ends on the
    kernel's figure whatever edits it missed.
    """
    from plotly.basedatatypes import Undefined

    traces = fig._data
    keys = sorted({k for t in traces for k in t if k not in ("type", "uid")})
    style = {k: [copy.deepcopy(t.get(k, Undefined)) for t in traces] for k in keys}
    # Plotly.update treats a list value as one entry per trace: a trace whose own value is
    # a list (x, y, text) is already one entry, so nothing needs wrapping beyond this.
    layout = {k: copy.deepcopy(v) for k, v in fig._layout_obj._props.items() if k != "template"}
    fig._send_update_msg(style, layout, list(range(len(traces))))
    fig._hipback_resent = fig._last_trace_edit_id


def describe(fig: go.Figure) -> str:
    """The one-sentence text description of a hipback figure.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure or FigureWidget
        A figure made by :mod:`hipback.plots`.

    Returns
    -------
    str
        The description ("" if the figure has none).

    Examples
    --------
    >>> from hipback import Case
    >>> from hipback.plots import reasoning_chart
    >>> describe(reasoning_chart(Case(age=60))).startswith("Reasoning chart")
    True
    """
    meta = fig.layout.meta
    if isinstance(meta, dict):
        return str(meta.get("description", ""))
    return ""


def set_description(fig: go.Figure, text: str) -> None:
    """Replace the stored description (used when a figure is updated in place)."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    meta["description"] = text
    fig.layout.meta = meta


def show(fig: go.Figure) -> None:
    """Display a figure followed by its text description (for notebooks).

    Examples
    --------
    >>> from hipback import Case
    >>> from hipback.plots import body_map
    >>> show(body_map(Case(age=60, pain_groin=True)))  # doctest: +SKIP
    """
    from html import escape

    from IPython.display import HTML, display

    display(fig)
    display(HTML(f"<p class='hipback-figure-description'>{escape(describe(fig))}</p>"))
