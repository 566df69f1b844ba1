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
#: sets its own height; plotly fits the width of the column when it draws.
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
