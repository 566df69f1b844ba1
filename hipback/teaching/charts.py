"""Lesson charts: the likelihood-ratio table as points per finding, the guidelines as a matrix.

Tables of 25 rows by 8 columns do not teach; these two charts show the same numbers at a
glance. Colour is never the only cue: evidence basis is also shown by the bar's pattern
and named in the legend; each guideline cell carries its stance in words. Each chart
has an "in words" summary (:func:`lr_chart_words`, :func:`guideline_chart_words`) that
the lessons print, so the numbers a student reads are compared by the notebook tests.

The numbers come from :mod:`hipback.knowledge.findings` and the management catalogue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hipback.knowledge.findings import FINDINGS

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

#: Okabe-Ito colours (colour-blind safe) and a pattern per evidence basis.
BASIS_STYLE: dict[str, tuple[str, str]] = {
    "published": ("#0072B2", ""),
    "derived": ("#009E73", "/"),
    "teaching estimate": ("#E69F00", "x"),
    "neutral": ("#999999", "."),
}
#: Guideline stances in order, with the score the matrix colours by.
STANCE_SCORE: dict[str, int] = {
    "strong for": 2,
    "conditional for": 1,
    "no recommendation": 0,
    "conditional against": -1,
    "strong against": -2,
}


def lr_points_frame() -> pd.DataFrame:
    """One row per finding, state and question: its points, LR and evidence basis.

    Each finding has a row when present (its LR+) and, where the catalogue has an LR− for
    either question, a row when asked about and absent ("no groin pain"); a question with
    no LR− for the absent finding gets 0 points, basis "neutral" (absence counts nothing).

    Examples
    --------
    >>> t = lr_points_frame().set_index(["Finding", "Question"])
    >>> float(t.loc[("No groin pain", "hip"), "Points"])
    -6.5
    """
    import pandas as pd

    rows = []
    for f in FINDINGS:
        has_absent = f.hip_absent is not None or f.spine_absent is not None
        for present in (True, False) if has_absent else (True,):
            label = f.label if present else f.said_absent[0].upper() + f.said_absent[1:]
            for question in ("hip", "spine"):
                ev = f.evidence(question, present)
                lr = 1.0 if ev is None else ev.lr
                rows.append(
                    {
                        "Finding": label,
                        "State": "present" if present else "absent",
                        "Question": question,
                        "Points": 0.0 if ev is None else round(ev.points, 1),
                        "LR": round(lr, 2),
                        "Basis": ev.basis if ev is not None and lr != 1.0 else "neutral",
                    }
                )
    return pd.DataFrame(rows)


def lr_points_chart() -> go.Figure:
    """Points per finding (present, and absent where it counts) for the hip and the spine
    question, shaded by evidence basis."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    frame = lr_points_frame()
    net = frame.pivot_table(index="Finding", columns="Question", values="Points", sort=False)
    order = list((net["hip"] - net["spine"]).sort_values(kind="stable").index)
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        subplot_titles=("Is the hip a source?", "Is the spine a source?"),
        horizontal_spacing=0.04,
    )
    for col, question in enumerate(("hip", "spine"), start=1):
        part = frame[frame["Question"] == question]
        for basis, (colour, pattern) in BASIS_STYLE.items():
            rows = part[part["Basis"] == basis]
            fig.add_trace(
                go.Bar(
                    x=rows["Points"],
                    y=rows["Finding"],
                    orientation="h",
                    name=basis,
                    legendgroup=basis,
                    showlegend=col == 1,
                    marker={"color": colour, "pattern": {"shape": pattern}},
                    customdata=rows["LR"],
                    hovertemplate="%{y}: %{x:+.1f} points (LR %{customdata})<extra>"
                    + basis
                    + "</extra>",
                ),
                row=1,
                col=col,
            )
        fig.update_xaxes(title_text="points (+ raises, − lowers)", zeroline=True, row=1, col=col)
    fig.update_yaxes(categoryorder="array", categoryarray=order)
    fig.update_layout(
        height=max(720, 14 * len(order) + 100),
        barmode="overlay",
        legend_title_text="Evidence basis",
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        title="Each finding's weight, in points, for each question (present, and absent "
        "where it counts)",
    )
    return fig


def lr_chart_words() -> str:
    """The chart in words: the strongest findings each way, and how many are estimates.

    Examples
    --------
    >>> print(lr_chart_words().splitlines()[0])  # doctest: +ELLIPSIS
    Hip question: strongest for is ...; strongest against is no groin pain (-6.5 points, ...
    """
    frame = lr_points_frame()
    lines = []
    for question in ("hip", "spine"):
        part = frame[(frame["Question"] == question) & (frame["Basis"] != "neutral")]
        part = part.sort_values("Points", kind="stable")
        up = part.iloc[-1]
        down = part.iloc[0]
        lines.append(
            f"{question.capitalize()} question: strongest for is {up['Finding'].lower()} "
            f"({up['Points']:+.1f} points, {up['Basis']}); strongest against is "
            f"{down['Finding'].lower()} ({down['Points']:+.1f} points, {down['Basis']})."
        )
    counted = frame[frame["Basis"] != "neutral"]
    estimates = int((counted["Basis"] == "teaching estimate").sum())
    lines.append(
        f"{estimates} of the {len(counted)} weights the kit counts are teaching estimates."
    )
    return "\n".join(lines)


def guideline_matrix() -> pd.DataFrame:
    """Management items (rows) by guideline (columns): each guideline's stance in words."""
    import pandas as pd

    from hipback.management import ARTICLE_PILLARS, MANAGEMENT_ITEMS

    rows = {}
    for pillar in ARTICLE_PILLARS:
        for item in MANAGEMENT_ITEMS:
            if item.pillar != pillar:
                continue
            rows[item.title] = {p.guideline: _stance(p) for p in item.positions}
    return pd.DataFrame.from_dict(rows, orient="index").fillna("not addressed")


def _stance(position) -> str:
    if position.direction in ("for", "against"):
        return f"{position.strength or 'conditional'} {position.direction}".strip()
    return position.direction


def guideline_chart() -> go.Figure:
    """The guideline matrix as a chart: blue for, orange against, the stance written in."""
    import plotly.graph_objects as go

    matrix = guideline_matrix()
    z = [[STANCE_SCORE.get(v) for v in row] for row in matrix.to_numpy()]
    text = [[v for v in row] for row in matrix.to_numpy()]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(matrix.columns),
            y=list(matrix.index),
            text=text,
            texttemplate="%{text}",
            zmin=-2,
            zmax=2,
            colorscale=[[0, "#D55E00"], [0.5, "#F0F0F0"], [1, "#0072B2"]],
            showscale=False,
            hovertemplate="%{y} — %{x}: %{text}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(
        height=60 + 34 * len(matrix),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        title="What each guideline says about each item (grey: no position or not checked)",
    )
    return fig


def guideline_chart_words() -> str:
    """The matrix in words: items every guideline supports, items any guideline opposes."""
    matrix = guideline_matrix()
    addressed = matrix.where(~matrix.isin(["not addressed", "not verified"]))
    supported = [i for i, row in addressed.iterrows() if row.dropna().str.endswith("for").all()]
    opposed = [i for i, row in matrix.iterrows() if row.str.endswith("against").any()]
    return (
        "Supported by every guideline that addresses it: " + "; ".join(supported) + ".\n"
        "Opposed by at least one guideline: " + "; ".join(opposed) + "."
    )
