"""Cohort figures: confusion matrix and calibration curve for a set of classified cases."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from hipback.errors import HipbackInputError
from hipback.plots._style import COLOURS, base_layout
from hipback.reasoning import LABELS, QUESTIONS, TRUE_LABELS

#: Which true labels mean "this source is active" for each question.
SOURCE_LABELS: dict[str, tuple[str, ...]] = {
    "hip": ("hip", "combined"),
    "spine": ("spine", "combined"),
}
_SYMBOLS = {"hip": "circle", "spine": "square"}
_DASH = {"hip": "solid", "spine": "dash"}


def _as_labels(values: Any, argument: str) -> list[str]:
    out = [str(v) for v in list(values)]
    bad = sorted({v for v in out if v not in LABELS})
    if bad:
        raise HipbackInputError(
            f"{argument}: {bad[0]!r} is not a label; allowed: one of "
            + ", ".join(repr(x) for x in LABELS)
        )
    return out


def confusion_counts(true_labels: Sequence[str], predicted: Sequence[str]) -> np.ndarray:
    """Counts, rows = true label (:data:`TRUE_LABELS`), columns = predicted (:data:`LABELS`).

    Examples
    --------
    >>> confusion_counts(["hip", "spine", "hip"], ["hip", "hip", "undetermined"]).tolist()
    [[1, 0, 0, 1], [1, 0, 0, 0], [0, 0, 0, 0]]
    """
    t = _as_labels(true_labels, "true_labels")
    p = _as_labels(predicted, "predicted")
    if len(t) != len(p):
        raise HipbackInputError(
            f"predicted: {len(p)} labels is not allowed; allowed: as many as true_labels ({len(t)})"
        )
    bad = sorted({v for v in t if v not in TRUE_LABELS})
    if bad:
        raise HipbackInputError(
            f"true_labels: {bad[0]!r} is not a true label; allowed: one of "
            + ", ".join(repr(x) for x in TRUE_LABELS)
        )
    rows = {label: i for i, label in enumerate(TRUE_LABELS)}
    columns = {label: i for i, label in enumerate(LABELS)}
    counts = np.zeros((len(TRUE_LABELS), len(LABELS)), dtype=int)
    for a, b in zip(t, p, strict=True):
        counts[rows[a], columns[b]] += 1
    return counts


def _table_counts(table: Any) -> np.ndarray:
    """Counts from a square table (DataFrame: index true, columns predicted)."""
    try:
        return np.array(
            [
                [
                    int(table.loc[t, p]) if (t in table.index and p in table.columns) else 0
                    for p in LABELS
                ]
                for t in TRUE_LABELS
            ]
        )
    except (TypeError, ValueError) as err:
        raise HipbackInputError(
            f"table: {err} is not allowed; allowed: counts with true labels as the index and "
            "predicted labels as the columns"
        ) from err


def confusion_matrix_figure(true_labels: Any, predicted: Sequence[str] | None = None) -> go.Figure:
    """Heatmap of true against predicted labels, with the count and row share in every cell.

    Parameters
    ----------
    true_labels : sequence of str, pandas.DataFrame or Evaluation
        True labels (with ``predicted``); the result of
        :func:`hipback.cohort.evaluation.evaluate` (its ``confusion``); or a DataFrame with columns
        ``true_label`` and ``label`` (as from :func:`hipback.classify_frame`
        joined to the generator's truth); or a square table of counts (index
        true label, columns predicted label).
    predicted : sequence of str, optional
        Predicted labels, same length as ``true_labels``.

    Returns
    -------
    plotly.graph_objects.Figure
        ``fig.data[0].z`` holds the counts (rows true, columns predicted).

    Examples
    --------
    >>> fig = confusion_matrix_figure(["hip", "spine"], ["hip", "combined"])
    >>> [list(row) for row in fig.data[0].z]
    [[1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0]]
    """
    if predicted is None:
        columns = getattr(true_labels, "columns", None)
        if hasattr(true_labels, "confusion") and hasattr(true_labels, "accuracy"):
            counts = _table_counts(true_labels.confusion)  # an Evaluation
        elif columns is not None and {"true_label", "label"} <= set(columns):
            counts = confusion_counts(true_labels["true_label"], true_labels["label"])
        elif columns is not None:
            counts = _table_counts(true_labels)
        else:
            raise HipbackInputError(
                "predicted: None is not allowed here; allowed: the predicted labels, or a "
                "DataFrame with 'true_label' and 'label' columns, or a table of counts"
            )
    else:
        counts = confusion_counts(true_labels, predicted)
    total = int(counts.sum())
    row_sums = counts.sum(axis=1, keepdims=True)
    share = np.divide(counts, row_sums, out=np.zeros(counts.shape), where=row_sums > 0)
    text = [
        [f"<b>{counts[i, j]}</b><br>{share[i, j]:.0%} of row" for j in range(len(LABELS))]
        for i in range(len(TRUE_LABELS))
    ]
    correct = int(sum(counts[i, i] for i in range(len(TRUE_LABELS))))
    off = counts.copy()
    for k in range(len(TRUE_LABELS)):
        off[k, k] = -1
    i, j = np.unravel_index(int(np.argmax(off)), off.shape)
    error = (
        f"; the commonest error is true {TRUE_LABELS[i]} called {LABELS[j]} ({off[i, j]} cases)"
        if off[i, j] > 0
        else "; there are no errors"
    )
    description = (
        f"Confusion matrix for {total} cases: the classifier's label matches the true label "
        f"in {correct} ({correct / total if total else 0:.0%}){error}."
    )
    fig = go.Figure(
        {
            "data": [
                {
                    "type": "heatmap",
                    "z": counts.tolist(),
                    "x": list(LABELS),
                    "y": list(TRUE_LABELS),
                    "text": text,
                    "texttemplate": "%{text}",
                    "textfont": {"size": 15},
                    "colorscale": "Cividis",
                    "reversescale": False,
                    "colorbar": {"title": {"text": "Cases"}},
                    "hovertemplate": "True %{y}, predicted %{x}: %{z} cases<extra></extra>",
                }
            ],
            "layout": base_layout(
                "Confusion matrix: true against predicted pain driver",
                description,
                height=460,
                xaxis={"title": {"text": "Predicted label (classifier)"}, "side": "bottom"},
                yaxis={"title": {"text": "True label (generator)"}, "autorange": "reversed"},
                margin={"l": 10, "r": 10, "t": 60, "b": 60},
            ),
        }
    )
    return fig


def _rows(table: Any) -> list[dict[str, float]]:
    """Non-empty bins of a :func:`hipback.cohort.evaluation.calibration_table` as plain rows."""
    rows = []
    for cases, predicted, observed in zip(
        table["cases"], table["predicted"], table["observed"], strict=True
    ):
        if int(cases) > 0:
            rows.append(
                {"predicted": float(predicted), "observed": float(observed), "n": int(cases)}
            )
    return rows


def _truth_of(frame: Any, question: str) -> Any:
    """Whether each case truly has that source: the generator's column, else the label."""
    column = f"{question}_source"
    if column in frame.columns:
        return frame[column].to_numpy(dtype=bool)
    truth = _as_labels(frame["true_label"], "true_label")
    return np.array([t in SOURCE_LABELS[question] for t in truth], dtype=bool)


def calibration_figure(
    cohort: Any,
    probability: Sequence[float] | None = None,
    *,
    question: str | None = None,
) -> go.Figure:
    """Calibration curve: predicted probability against the observed share, with the diagonal.

    The bins and the arithmetic are those of :func:`hipback.cohort.evaluation.calibration_table`
    (one implementation for the report and the figure).

    Parameters
    ----------
    cohort : Evaluation, pandas.DataFrame or sequence of bool
        The result of :func:`hipback.cohort.evaluation.evaluate` (its calibration
        tables are drawn); or a scored cohort with ``p_hip`` / ``p_spine``
        and the truth (``hip_source`` / ``spine_source``, or ``true_label``);
        or, with ``probability``, the observed outcomes (True = that source
        is active).
    probability : sequence of float, optional
        Predicted probabilities, one per outcome.
    question : {"hip", "spine"}, optional
        Which question to draw (default: both; "hip" for plain arrays).

    Returns
    -------
    plotly.graph_objects.Figure
        ``fig.data[0]`` is the diagonal; then one curve per question.

    Examples
    --------
    >>> fig = calibration_figure([True, False, True], [0.95, 0.15, 0.65])
    >>> fig.data[0].name, list(fig.data[1].y)
    ('Perfect calibration', [0.0, 1.0, 1.0])
    """
    from hipback.cohort.evaluation import calibration_table

    if question is not None and question not in QUESTIONS:
        raise HipbackInputError(
            f"question: {question!r} is not allowed; allowed: one of 'hip', 'spine'"
        )
    questions = (question,) if question else QUESTIONS
    curves: dict[str, list[dict[str, float]]] = {}
    tables = getattr(cohort, "calibration", None)
    if probability is not None:
        outcome = np.asarray(list(cohort), dtype=bool)
        p = np.asarray(list(probability), dtype=float)
        if len(outcome) != len(p):
            raise HipbackInputError(
                f"probability: {len(p)} values is not allowed; allowed: one per outcome "
                f"({len(outcome)})"
            )
        if np.any(np.isnan(p) | (p < 0) | (p > 1)):
            raise HipbackInputError(
                "probability: values outside 0-1 are not allowed; allowed: probabilities in [0, 1]"
            )
        curves[question or "hip"] = _rows(calibration_table(p, outcome))
    elif isinstance(tables, dict):
        curves = {q: _rows(tables[q]) for q in questions}
    else:
        columns = getattr(cohort, "columns", None)
        if columns is None or not {"p_hip", "p_spine"} <= set(columns):
            raise HipbackInputError(
                "cohort: not allowed without probability; allowed: the result of "
                "hipback.cohort.evaluation.evaluate, a DataFrame with 'p_hip'/'p_spine' and the "
                "truth, or outcomes with probabilities"
            )
        for q in questions:
            p = cohort[f"p_{q}"].to_numpy(dtype=float)
            curves[q] = _rows(calibration_table(p, _truth_of(cohort, q)))
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": [0, 1],
            "y": [0, 1],
            "name": "Perfect calibration",
            "line": {"color": "#000000", "dash": "dot", "width": 1.5},
            "hoverinfo": "skip",
        }
    ]
    parts = []
    for q, rows in curves.items():
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": f"Is the {q} a source?",
                "x": [r["predicted"] for r in rows],
                "y": [r["observed"] for r in rows],
                "text": [f"n={r['n']}" for r in rows],
                "line": {"color": COLOURS[q], "dash": _DASH[q], "width": 2.5},
                "marker": {
                    "symbol": _SYMBOLS[q],
                    "size": 10,
                    "color": COLOURS[q],
                    "line": {"color": "#000000", "width": 1},
                },
                "hovertemplate": "Predicted %{x:.0%}, observed %{y:.0%} (%{text})<extra></extra>",
            }
        )
        n = sum(r["n"] for r in rows)
        gap = sum(abs(r["predicted"] - r["observed"]) * r["n"] for r in rows) / n if n else 0.0
        parts.append(f"for the {q} question the curve is on average {gap:.0%} from the diagonal")
    description = (
        "Calibration curve: predicted probability against the share of cases where the "
        "source was truly active, with the diagonal of perfect calibration; "
        + "; ".join(parts)
        + "."
    )
    return go.Figure(
        {
            "data": data,
            "layout": base_layout(
                "Calibration: do the probabilities mean what they say?",
                description,
                height=460,
                xaxis={
                    "title": {"text": "Predicted probability"},
                    "range": [-0.02, 1.02],
                    "tickformat": ".0%",
                    "gridcolor": "#E5E5E5",
                },
                yaxis={
                    "title": {"text": "Observed share with that source"},
                    "range": [-0.02, 1.05],
                    "tickformat": ".0%",
                    "gridcolor": "#E5E5E5",
                },
                legend={"x": 0.02, "y": 0.98, "bgcolor": "rgba(255,255,255,0.8)"},
            ),
        }
    )
