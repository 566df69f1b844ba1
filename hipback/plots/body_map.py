"""Body map: front and back outlines with the case's pain regions shaded and labelled.

The optional teaching layer prints the published referral frequencies next to
each region. They are held here, once, with their citations (clinical
reference §2.1), because no knowledge module stores them as numbers; the
findings catalogue only quotes them in its notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go

from hipback.case import FIELD_BY_NAME, Case
from hipback.errors import HipbackInputError
from hipback.knowledge.references import REFERENCES
from hipback.plots._inputs import as_result
from hipback.plots._style import COLOURS, PATTERNS, base_layout, make_figure, sync_view_state
from hipback.reasoning import Reasoning


@dataclass(frozen=True, slots=True)
class ReferralFrequency:
    """How often a region hurts in a published series of hip-joint pain.

    Attributes
    ----------
    region : str
        Case field of the region (``pain_groin`` ...).
    percent : float
        Percentage of patients with pain there.
    source : str
        Reference key.
    population : str
        Who was counted and what the figure is.
    """

    region: str
    percent: float
    source: str
    population: str

    @property
    def citation(self) -> str:
        """Short citation ("Lesher 2008")."""
        return REFERENCES[self.source].short


#: The regions drawn, in the order of the case record.
REGIONS: tuple[str, ...] = (
    "pain_groin",
    "pain_buttock",
    "pain_anterior_thigh",
    "pain_lower_back",
    "pain_below_knee",
)

_REFERRAL_SOURCES = ("lesher2008", "khan2004")

# Published figures the cohort model does not hold as numbers (it keeps one hip
# frequency per finding); Lesher 2008 and Khan 2004, as cited in the knowledge modules.
_EXTRA_REFERRAL: tuple[ReferralFrequency, ...] = (
    ReferralFrequency("pain_groin", 55, "lesher2008", "Groin pain in 51 hip-injection responders"),
    ReferralFrequency(
        "pain_lower_back", 0, "lesher2008", "Lower lumbar pain in 51 hip-injection responders"
    ),
    ReferralFrequency(
        "pain_below_knee",
        47,
        "khan2004",
        "Below-knee pain in 60 people with hip OA awaiting hip replacement",
    ),
)


def _referral_frequencies() -> tuple[ReferralFrequency, ...]:
    """The teaching layer: the cohort model's Lesher/Khan figures plus :data:`_EXTRA_REFERRAL`."""
    from hipback.cohort.parameters import FINDING_MODELS

    found = [
        ReferralFrequency(m.field, round(100 * m.hip.p, 1), m.hip.source, m.hip.note)
        for m in FINDING_MODELS
        if m.field in REGIONS and m.hip.source in _REFERRAL_SOURCES
    ]
    have = {(r.region, r.source) for r in found}
    found += [r for r in _EXTRA_REFERRAL if (r.region, r.source) not in have]
    order = {name: i for i, name in enumerate(REGIONS)}
    return tuple(sorted(found, key=lambda r: (order[r.region], _REFERRAL_SOURCES.index(r.source))))


#: Published referral frequencies of hip-joint pain (Lesher 2008, Khan 2004), by region.
REFERRAL_FREQUENCIES: tuple[ReferralFrequency, ...] = _referral_frequencies()

_FRONT_X = 0.0
_BACK_X = 3.2

# Half of a simple standing figure (x offset from the midline, y from the feet up),
# traced from the neck down the outside and back up the inside of the leg.
_HALF = (
    (0.25, 8.65),
    (0.3, 8.4),
    (1.05, 8.15),
    (1.3, 7.6),
    (1.5, 5.7),
    (1.55, 4.95),
    (1.32, 4.9),
    (1.12, 5.7),
    (0.95, 7.0),
    (0.82, 7.1),
    (0.72, 6.0),
    (0.88, 5.1),
    (0.85, 3.4),
    (0.7, 2.75),
    (0.68, 1.6),
    (0.5, 0.35),
    (0.72, 0.0),
    (0.18, 0.0),
    (0.2, 0.35),
    (0.16, 2.75),
    (0.1, 3.6),
    (0.05, 4.55),
    (0.0, 4.55),
)


def _outline_path(cx: float) -> str:
    right = [(cx + x, y) for x, y in _HALF]
    left = [(cx - x, y) for x, y in reversed(_HALF)]
    pts = right + left
    return "M " + " L ".join(f"{x:.2f},{y:.2f}" for x, y in pts) + " Z"


def _mirror(cx: float, half: tuple[tuple[float, float], ...]) -> tuple[list, list]:
    """Both sides of a region (side is not recorded), as one trace with a gap."""
    xs: list[float | None] = [cx + x for x, _ in half] + [cx + half[0][0], None]
    ys: list[float | None] = [y for _, y in half] + [half[0][1], None]
    xs += [cx - x for x, _ in half] + [cx - half[0][0]]
    ys += [y for _, y in half] + [half[0][1]]
    return xs, ys


# Region polygons: (view centre, half-polygon, label position).
_SHAPES: dict[str, tuple[tuple[float, tuple[tuple[float, float], ...]], ...]] = {
    "pain_groin": (
        (
            _FRONT_X,
            ((0.06, 4.62), (0.3, 4.75), (0.78, 5.2), (0.84, 4.95), (0.45, 4.45), (0.12, 4.25)),
        ),
    ),
    "pain_anterior_thigh": (
        (_FRONT_X, ((0.14, 4.15), (0.5, 4.4), (0.85, 4.8), (0.84, 3.4), (0.72, 3.0), (0.2, 3.0))),
    ),
    "pain_below_knee": (
        (_FRONT_X, ((0.18, 2.55), (0.68, 2.55), (0.66, 1.6), (0.52, 0.5), (0.22, 0.5))),
        (_BACK_X, ((0.18, 2.55), (0.68, 2.55), (0.66, 1.6), (0.52, 0.5), (0.22, 0.5))),
    ),
    "pain_buttock": (
        (_BACK_X, ((0.04, 5.45), (0.78, 5.55), (0.88, 5.0), (0.8, 4.5), (0.05, 4.55))),
    ),
    "pain_lower_back": ((_BACK_X, ((0.0, 6.4), (0.7, 6.4), (0.74, 5.75), (0.0, 5.6))),),
}

# Where each label sits (data coordinates) and which side it reads from.
_LABEL_AT: dict[str, tuple[float, float, str]] = {
    "pain_groin": (_FRONT_X - 1.7, 5.0, "middle left"),
    "pain_anterior_thigh": (_FRONT_X - 1.7, 3.7, "middle left"),
    "pain_below_knee": (_FRONT_X - 1.7, 1.5, "middle left"),
    "pain_buttock": (_BACK_X + 1.7, 5.0, "middle right"),
    "pain_lower_back": (_BACK_X + 1.7, 6.1, "middle right"),
}
_SHORT = {
    "pain_groin": "Groin",
    "pain_anterior_thigh": "Front of thigh",
    "pain_below_knee": "Below the knee",
    "pain_buttock": "Buttock",
    "pain_lower_back": "Lower back",
}


def _label(region: str, painful: bool, referral: bool) -> str:
    text = f"<b>{_SHORT[region]}: PAIN</b>" if painful else f"{_SHORT[region]}: no pain"
    if referral:
        freqs = [r for r in REFERRAL_FREQUENCIES if r.region == region]
        text += "".join(f"<br><i>{r.citation}: {r.percent:g}%</i>" for r in freqs)
    return text


def _painful(case: Case) -> list[bool]:
    return [bool(getattr(case, r)) for r in REGIONS]


def _description(case: Case, referral: bool) -> str:
    hurts = [_SHORT[r].lower() for r, p in zip(REGIONS, _painful(case), strict=True) if p]
    where = ", ".join(hurts) if hurts else "no region"
    layer = (
        "; published referral frequencies from Lesher 2008 and Khan 2004 are printed beside "
        "each region"
        if referral
        else ""
    )
    return f"Body map, front and back: pain is marked in {where}{layer}."


def _region_style(painful: bool) -> dict[str, Any]:
    if painful:
        return {
            "fillcolor": COLOURS["pain"],
            "fillpattern": {"shape": PATTERNS["pain"], "fgcolor": "#000000", "size": 6},
            "line": {"color": "#000000", "width": 2},
        }
    return {
        "fillcolor": "rgba(0,0,0,0.03)",
        "fillpattern": {"shape": ""},
        "line": {"color": "#9A9A9A", "width": 1, "dash": "dot"},
    }


# A fixed size with ranges of equal scale keeps the outlines in proportion. (The
# alternative, ``scaleanchor``, left the figure resizing inside the explorer's flexible
# layout, and the browser then dropped in-place updates of this figure.)
_WIDTH, _HEIGHT = 620, 560
_MARGIN = {"l": 40, "r": 10, "t": 60, "b": 70}
_Y_RANGE = (-0.3, 10.5)
_X_FROM = -5.5  # room for the longest left label, "Below the knee: PAIN", in bold
_X_RANGE = (
    _X_FROM,
    _X_FROM
    + (_Y_RANGE[1] - _Y_RANGE[0])
    * (_WIDTH - _MARGIN["l"] - _MARGIN["r"])
    / (_HEIGHT - _MARGIN["t"] - _MARGIN["b"]),
)


@lru_cache(maxsize=1)
def _static_layout() -> dict[str, Any]:
    outline = {"type": "path", "line": {"color": COLOURS["outline"], "width": 2}, "layer": "below"}
    heads = [
        {
            "type": "circle",
            "x0": cx - 0.5,
            "x1": cx + 0.5,
            "y0": 8.65,
            "y1": 9.75,
            "line": {"color": COLOURS["outline"], "width": 2},
            "layer": "below",
        }
        for cx in (_FRONT_X, _BACK_X)
    ]
    return {
        "shapes": [
            {**outline, "path": _outline_path(_FRONT_X)},
            {**outline, "path": _outline_path(_BACK_X)},
            *heads,
        ],
        "annotations": [
            {"text": "<b>FRONT</b>", "x": _FRONT_X, "y": 10.2, "showarrow": False},
            {"text": "<b>BACK</b>", "x": _BACK_X, "y": 10.2, "showarrow": False},
        ],
    }


def _check_layer(show_referral: Any) -> None:
    if not isinstance(show_referral, bool):
        raise HipbackInputError(
            f"show_referral: {show_referral!r} is not allowed; allowed: True or False"
        )


def body_map(
    case: Case | Reasoning, show_referral: bool = False, *, widget: bool = False
) -> go.Figure:
    """Front and back outlines with the case's pain regions shaded and labelled.

    Painful regions are filled and hatched and their label says "PAIN"; the
    others are dotted outlines labelled "no pain", so the map never relies on
    colour alone.

    Parameters
    ----------
    case : Case or Reasoning
        The case (or a result, whose case is used).
    show_referral : bool, default False
        Print the published referral frequencies (Lesher 2008, Khan 2004) from
        :data:`REFERRAL_FREQUENCIES` beside each region.
    widget : bool, default False
        Return a ``go.FigureWidget`` (for in-place updates in a widget app).

    Returns
    -------
    plotly.graph_objects.Figure
        One filled trace per region in :data:`REGIONS` order, then the label
        trace; description in ``fig.layout.meta["description"]``.

    Examples
    --------
    >>> from hipback import Case
    >>> fig = body_map(Case(age=60, pain_groin=True))
    >>> fig.data[0].name, fig.data[0].fillpattern.shape
    ('Groin', '/')
    """
    _check_layer(show_referral)
    case = case.case if isinstance(case, Reasoning) else as_result(case, "case").case
    painful = _painful(case)
    data: list[dict[str, Any]] = []
    for region, hurts in zip(REGIONS, painful, strict=True):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for cx, half in _SHAPES[region]:
            x, y = _mirror(cx, half)
            if xs:
                xs.append(None)
                ys.append(None)
            xs += x
            ys += y
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "fill": "toself",
                "x": xs,
                "y": ys,
                "name": _SHORT[region],
                "hoveron": "fills",
                "showlegend": False,
                "text": FIELD_BY_NAME[region].label,
                "hoverinfo": "text",
                **_region_style(hurts),
            }
        )
    data.append(
        {
            "type": "scatter",
            "mode": "text",
            "name": "labels",
            "hoverinfo": "skip",
            "showlegend": False,
            # Text may spill into the margin rather than lose its first letters.
            "cliponaxis": False,
            "x": [_LABEL_AT[r][0] for r in REGIONS],
            "y": [_LABEL_AT[r][1] for r in REGIONS],
            "textposition": [_LABEL_AT[r][2] for r in REGIONS],
            "text": [_label(r, p, show_referral) for r, p in zip(REGIONS, painful, strict=True)],
            "textfont": {"size": 12, "color": "#000000"},
        }
    )
    layout = base_layout(
        "Body map: where it hurts",
        _description(case, show_referral),
        **_static_layout(),
        width=_WIDTH,
        height=_HEIGHT,
        autosize=False,
        margin=_MARGIN,
        xaxis={
            "title": {
                # Two lines: on one it is wider than the figure.
                "text": "Front view (left), back view (right);<br>both sides marked "
                "because the record does not say which side hurts",
                "font": {"size": 12},
            },
            "range": list(_X_RANGE),
            "showticklabels": False,
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        yaxis={
            "title": {"text": "Body height"},
            "range": list(_Y_RANGE),
            "showticklabels": False,
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        meta={"description": _description(case, show_referral), "referral": show_referral},
    )
    return make_figure({"data": data, "layout": layout}, widget)


def update_body_map(
    fig: go.Figure, case: Case | Reasoning, show_referral: bool | None = None
) -> None:
    """Reshade a figure made by :func:`body_map` in place (one batch).

    Parameters
    ----------
    fig : Figure or FigureWidget
        Made by :func:`body_map`.
    case : Case or Reasoning
        The new case.
    show_referral : bool, optional
        Turn the teaching layer on or off; None keeps the current setting.

    Examples
    --------
    >>> from hipback import Case
    >>> fig = body_map(Case(age=60))
    >>> update_body_map(fig, Case(age=60, pain_buttock=True))
    >>> fig.data[1].fillpattern.shape
    '/'
    """
    case = case.case if isinstance(case, Reasoning) else as_result(case, "case").case
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    if show_referral is None:
        show_referral = bool(meta.get("referral", False))
    _check_layer(show_referral)
    painful = _painful(case)
    with fig.batch_update():
        for trace, hurts in zip(fig.data, painful, strict=False):
            trace.update(_region_style(hurts))
        fig.data[len(REGIONS)].text = [
            _label(r, p, show_referral) for r, p in zip(REGIONS, painful, strict=True)
        ]
        fig.layout.meta = {
            "description": _description(case, show_referral),
            "referral": show_referral,
        }
    sync_view_state(fig)
