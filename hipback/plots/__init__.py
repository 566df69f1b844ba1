"""plotly figures of the kit.

Every function returns a ``plotly.graph_objects.Figure`` that follows one
convention (see :mod:`hipback.plots._style`): a title, a title on each axis,
the Okabe-Ito colour-blind-safe palette with a second cue besides colour
(pattern, marker, dash or text), and a one-sentence description in
``fig.layout.meta["description"]``, read with :func:`describe`. The figures
that the explorer updates have an ``update_*`` partner that changes the
existing traces in one ``batch_update`` (fast on a ``go.FigureWidget``).

Examples
--------
>>> from hipback import Case
>>> from hipback.plots import reasoning_chart, describe
>>> fig = reasoning_chart(Case(age=67, pain_groin=True))
>>> describe(fig).startswith("Reasoning chart: 1 finding(s) present")
True
"""

from hipback.plots._style import COLOURS, OKABE_ITO, describe, show
from hipback.plots.body_map import (
    REFERRAL_FREQUENCIES,
    REGIONS,
    ReferralFrequency,
    body_map,
    update_body_map,
)
from hipback.plots.cohort import (
    calibration_figure,
    confusion_counts,
    confusion_matrix_figure,
)
from hipback.plots.nomogram import (
    fagan_nomogram,
    fagan_nomograms,
    update_fagan_nomogram,
    update_fagan_nomograms,
)
from hipback.plots.reasoning_chart import reasoning_chart, update_reasoning_chart

__all__ = [
    "COLOURS",
    "OKABE_ITO",
    "REFERRAL_FREQUENCIES",
    "REGIONS",
    "ReferralFrequency",
    "body_map",
    "calibration_figure",
    "confusion_counts",
    "confusion_matrix_figure",
    "describe",
    "fagan_nomogram",
    "fagan_nomograms",
    "reasoning_chart",
    "show",
    "update_body_map",
    "update_fagan_nomogram",
    "update_fagan_nomograms",
    "update_reasoning_chart",
]
