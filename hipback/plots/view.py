"""A live view of a plotly figure in a widget app, without a copy of plotly.js per figure.

:class:`FigureView` is an ``ipywidgets.Output`` whose single output is the figure as
plotly's own mime bundle (``application/vnd.plotly.v1+json``). The page draws it with
the ``jupyterlab-plotly`` renderer it loads anyway (in JupyterLab and in Voilà), so a page
with any number of figures carries one plotly.js. A ``go.FigureWidget`` instead ships its
own ~5 MB plotly.js module with each figure (anywidget), which made the explorer take
seconds longer to show its charts.

Change the figure in place (the ``update_*`` functions of :mod:`hipback.plots`), then call
:meth:`FigureView.refresh`: the whole figure (a few kB) is sent as the widget's new
output. The output is the widget's state, so a page that draws the widget late, or anew,
draws the current figure: there is no edit stream a late view could miss.
"""

from __future__ import annotations

import json
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio

from hipback.plots._style import describe

PLOTLY_MIME = "application/vnd.plotly.v1+json"

#: plotly.js options for the kit's figures: no logo link, no editing. Not ``responsive``:
#: that sizes the chart to its container's height, and an ipywidgets Output has none, so
#: the reasoning chart and the nomograms were drawn 0 px high (invisible). Each figure
#: sets its own height; plotly fits the width of the column when it draws, and again when
#: the window is resized (JupyterLab's notebook panel, or the kit's Voilà template, asks it).
CONFIG = {"displaylogo": False, "responsive": False}


def mime_bundle(fig: go.Figure) -> dict[str, Any]:
    """The figure as a display-data output: plotly's mime type plus its text description.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> out = mime_bundle(go.Figure(go.Bar(y=[1, 2])))
    >>> out["output_type"], sorted(out["data"])
    ('display_data', ['application/vnd.plotly.v1+json', 'text/plain'])
    """
    spec = json.loads(pio.to_json(fig, validate=False, remove_uids=True))
    _trim_template(spec)
    spec["config"] = dict(CONFIG)
    try:
        text = describe(fig)
    except Exception:  # noqa: BLE001 - a figure without the kit's description
        text = "A plotly figure."
    return {
        "output_type": "display_data",
        "data": {PLOTLY_MIME: spec, "text/plain": text},
        "metadata": {},
    }


#: Layout parts of plotly's template that only 3-D, polar, ternary and map charts read.
_OTHER_SUBPLOTS = ("scene", "polar", "ternary", "geo", "mapbox", "map")


def _trim_template(spec: dict[str, Any]) -> None:
    """Drop the parts of the figure's template that nothing in it reads.

    plotly's default template (7 kB) carries defaults for about 50 trace types and for
    3-D, polar and map charts; a widget view resends the whole figure on every change, so
    its template keeps only the trace types the figure holds (the kit's charts use 1-2)
    and drops the subplot kinds it has none of. What is drawn does not change.

    Examples
    --------
    >>> spec = {"data": [{"type": "bar"}], "layout": {"template": {
    ...     "data": {"bar": [{}], "surface": [{}]}, "layout": {"scene": {}, "font": {}}}}}
    >>> _trim_template(spec)
    >>> spec["layout"]["template"]
    {'data': {'bar': [{}]}, 'layout': {'font': {}}}
    """
    template = spec.get("layout", {}).get("template")
    if not isinstance(template, dict):
        return
    used = {trace.get("type", "scatter") for trace in spec.get("data", ())}
    if "data" in template:
        template["data"] = {k: v for k, v in template["data"].items() if k in used}
    present = set(spec["layout"])
    layout = template.get("layout", {})
    for kind in _OTHER_SUBPLOTS:
        if not any(key.startswith(kind) for key in present):
            layout.pop(kind, None)


class FigureView(widgets.Output):
    """Shows ``figure`` through plotly's mime renderer; :meth:`refresh` after changing it.

    Attributes
    ----------
    figure : plotly.graph_objects.Figure
        The figure shown. Change it in place, then call :meth:`refresh`.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> view = FigureView(go.Figure(go.Bar(y=[1, 2])))
    >>> view.figure.data[0].y = [3, 4]
    >>> view.refresh()
    >>> view.outputs[0]["data"]["application/vnd.plotly.v1+json"]["data"][0]["y"]
    [3, 4]
    """

    def __init__(self, figure: go.Figure, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.figure = figure
        self.add_class("hipback-figure")
        self.refresh()

    def refresh(self) -> None:
        """Send the current figure to the page (one widget message: the new output)."""
        self.outputs = (mime_bundle(self.figure),)
