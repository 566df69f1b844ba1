"""The first call of every lesson: fix the plotly renderer and show the disclaimer.

The Voilà apps import :func:`disclaimer` alone (through :mod:`hipback.teaching.lessons`).
"""

from __future__ import annotations

from html import escape
from types import ModuleType

from hipback.reasoning import DISCLAIMER


class Disclaimer:
    """The educational-use notice, displayed as a boxed note (text and HTML).

    Examples
    --------
    >>> "not medical advice" in repr(disclaimer())
    True
    """

    def __repr__(self) -> str:
        return DISCLAIMER

    def _repr_html_(self) -> str:
        # A thick border and bold text, not colour alone, mark the notice.
        return (
            "<div role='note' style='border:2px solid #444;padding:6px 10px;margin:4px 0'>"
            f"<b>{escape(DISCLAIMER)}</b></div>"
        )


def disclaimer() -> Disclaimer:
    """The educational-use disclaimer, ready to display in a notebook or app.

    Examples
    --------
    >>> str(disclaimer()) == DISCLAIMER
    True
    """
    return Disclaimer()


def setup() -> Disclaimer:
    """Prepare a lesson: fix the plotly renderer, set how tables show, return the disclaimer.

    ``plotly_mimetype`` stores each figure as a small JSON document (no
    plotly.js, no random ids), which keeps notebooks small and their outputs the
    same from run to run (plotly's mime renderer stores identical JSON on every run).

    Examples
    --------
    >>> setup()
    Educational use only: hipback is a teaching kit, not medical advice, and must not be used \
for clinical decisions.
    """
    import os
    import sys

    import wrapt

    if "plotly.io._renderers" in sys.modules:
        import plotly.io as pio

        pio.renderers.default = "plotly_mimetype"
    else:
        # Loading plotly's renderers imports nbformat and jsonschema (1.3 s of a lesson's
        # 1.7 s set-up, measured): they load with the first figure shown, and take this
        # default from the environment then.
        os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"
    # Set when pandas loads, not by importing it here: that took 0.15 s of every lesson's
    # set-up, and most lessons show no table (wrapt runs the hook at once if pandas is in).
    wrapt.register_post_import_hook(_table_options, "pandas")
    return disclaimer()


def _table_options(pd: ModuleType) -> None:
    """Tables show every column and whole sentences: nothing in a lesson is cut off."""
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_columns", None)
    pd.set_option("display.width", 120)
