"""How well the reasoning model does on a synthetic cohort: accuracy, confusion, calibration.

The cohort comes from :func:`hipback.generate_cases`, whose parameters are
its own (:mod:`hipback.cohort.parameters`). It is not a fully external check:
six published figures are shared with the catalogue
(:data:`hipback.cohort.parameters.SHARED_WITH_CATALOGUE`). ``undetermined``
counts as not matching the truth. Used by ``hipback
evaluate``, the cohort lesson and its figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hipback.errors import HipbackInputError
from hipback.reasoning import CLOSE_CALL_POINTS, DISCLAIMER, LABELS, QUESTIONS, nearest_boundary
from hipback.reasoning_frame import classify_frame

if TYPE_CHECKING:
    import pandas as pd

#: Edges of the probability bins of the calibration table.
CALIBRATION_EDGES: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)

_TRUTH_OF_QUESTION = {"hip": "hip_source", "spine": "spine_source"}


@dataclass(frozen=True)
class Evaluation:
    """The classifier scored on a cohort with known answers.

    Attributes
    ----------
    n : int
        Number of cases.
    accuracy : float
        Share of cases whose label equals ``true_label``.
    confusion : pandas.DataFrame
        Counts, rows = true label, columns = predicted label (order :data:`LABELS`).
    per_label : pandas.DataFrame
        Per true label: cases, recall (sensitivity) and precision.
    calibration : dict of str to pandas.DataFrame
        For each question ("hip", "spine"): per probability bin, the cases, the
        mean predicted probability and the observed share that truly had that
        source.
    brier : dict of str to float
        Brier score of each question's probability (0 is perfect).
    by_difficulty : pandas.Series
        Accuracy per difficulty (when the cohort has that column).
    red_flags_agree : float or None
        Share of cases where "a red flag was found" equals "has true red flags"
        (a found flag may be at any level, so this is not the same as ``urgent``).
    undetermined_by_difficulty : pandas.Series
        Share labelled ``undetermined`` per difficulty (when the cohort has that column).
    close_calls : pandas.DataFrame or None
        How the close-call warning behaves (:attr:`hipback.Reasoning.close_call`): per
        difficulty and for all cases (row "all"), the labelled cases (hip, spine or
        combined), the share of them that are close calls, and the accuracy among close
        calls and among settled labels.
    """

    n: int
    accuracy: float
    confusion: pd.DataFrame
    per_label: pd.DataFrame
    calibration: dict[str, pd.DataFrame]
    brier: dict[str, float]
    by_difficulty: pd.Series
    red_flags_agree: float | None
    undetermined_by_difficulty: Any = None
    close_calls: Any = None

    def __str__(self) -> str:
        return format_report(self)


def _check_cohort(cohort: Any) -> None:
    import pandas as pd

    if not isinstance(cohort, pd.DataFrame):
        raise HipbackInputError(
            f"cohort: {type(cohort).__name__} is not allowed; allowed: a DataFrame from "
            "hipback.generate_cases or hipback.load_cases"
        )
    needed = ["true_label", *_TRUTH_OF_QUESTION.values()]
    missing = [c for c in needed if c not in cohort.columns]
    if missing:
        raise HipbackInputError(
            f"cohort: missing ground-truth column(s) {', '.join(missing)}; allowed: a frame "
            "with true_label, hip_source and spine_source (from hipback.generate_cases)"
        )
    bad = ~cohort["true_label"].astype(object).isin(LABELS)
    if bad.any():
        rows = ", ".join(f"{i} ({v!r})" for i, v in cohort.loc[bad, "true_label"].head(20).items())
        raise HipbackInputError(f"column 'true_label': rows {rows}; allowed: one of {LABELS}")


def label_margins(result: pd.DataFrame) -> Any:
    """Each case's label margin in points (:func:`hipback.reasoning.nearest_boundary`).

    Read from :func:`hipback.classify_frame` output (its probabilities, clipped away from
    0 and 1, and ``n_assessed``); 40 where no move of up to 40 points changes the label.

    Examples
    --------
    >>> from hipback import classify_frame, generate_cases
    >>> m = label_margins(classify_frame(generate_cases(50, seed=1)))
    >>> m.shape, bool((m >= 0).all() and (m <= 40).all())
    ((50,), True)
    """
    import numpy as np

    p = np.clip(result[["p_hip", "p_spine"]].to_numpy(dtype=float), 1e-12, 1.0 - 1e-12)
    log_odds = np.log10(p / (1.0 - p))
    out = np.empty(len(result))
    for i, ((hip, spine), n) in enumerate(zip(log_odds, result["n_assessed"], strict=True)):
        m = nearest_boundary({"hip": float(hip), "spine": float(spine)}, int(n))
        out[i] = 40.0 if m is None else m.points
    return out


def close_call_table(result: pd.DataFrame, truth: Any, groups: Any = None) -> pd.DataFrame:
    """Accuracy among close calls and among settled labels, per group and for all cases.

    A close call is a hip, spine or combined label within
    :data:`~hipback.reasoning.CLOSE_CALL_POINTS` of another label. If the warning means
    anything, settled labels are right far more often than close calls.
    """
    import numpy as np
    import pandas as pd

    label = result["label"].astype(object).to_numpy()
    right = label == np.asarray(truth, dtype=object)
    labelled = label != "undetermined"
    close = labelled & (label_margins(result) < CLOSE_CALL_POINTS)
    rows = {}
    if groups is None:
        keys = []
    else:  # in the groups' own order (easy, moderate, hard), as the accuracy table
        groups = pd.Series(groups)
        present = set(groups.astype(object))
        order = groups.cat.categories if hasattr(groups, "cat") else sorted(present)
        keys = [k for k in order if k in present]
        groups = groups.astype(object).to_numpy()
    for key in [*keys, "all"]:
        ix = np.ones(len(label), bool) if key == "all" else np.asarray(groups) == key
        n_labelled = int((labelled & ix).sum())
        with np.errstate(invalid="ignore"):
            rows[key] = {
                "labelled": n_labelled,
                "close_share": (close & ix).sum() / n_labelled if n_labelled else np.nan,
                "right_close": right[close & ix].mean() if (close & ix).any() else np.nan,
                "right_settled": (
                    right[labelled & ~close & ix].mean()
                    if (labelled & ~close & ix).any()
                    else np.nan
                ),
            }
    return pd.DataFrame.from_dict(rows, orient="index")


def calibration_table(p: Any, truth: Any, edges: tuple[float, ...] = CALIBRATION_EDGES) -> Any:
    """Per probability bin: cases, mean predicted probability, observed share.

    Parameters
    ----------
    p : array-like of float
        Predicted probabilities.
    truth : array-like of bool
        Whether the event happened.
    edges : tuple of float
        Bin edges from 0 to 1 (the last bin includes 1).

    Returns
    -------
    pandas.DataFrame
        Columns ``bin``, ``cases``, ``predicted``, ``observed`` (NaN for empty bins).

    Examples
    --------
    >>> t = calibration_table([0.05, 0.95, 0.9], [False, True, False])
    >>> t.loc[t["cases"] > 0, ["bin", "cases", "observed"]].values.tolist()
    [['0.0-0.1', 1, 0.0], ['0.9-1.0', 2, 0.5]]
    """
    import numpy as np
    import pandas as pd

    p = np.asarray(p, dtype=float)
    truth = np.asarray(truth, dtype=bool)
    k = len(edges) - 1
    idx = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, k - 1)
    cases = np.bincount(idx, minlength=k)
    sum_p = np.bincount(idx, weights=p, minlength=k)
    sum_t = np.bincount(idx, weights=truth.astype(float), minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        predicted = np.where(cases > 0, sum_p / np.maximum(cases, 1), np.nan)
        observed = np.where(cases > 0, sum_t / np.maximum(cases, 1), np.nan)
    return pd.DataFrame(
        {
            "bin": [f"{edges[i]:.1f}-{edges[i + 1]:.1f}" for i in range(k)],
            "cases": cases.astype(np.int64),
            "predicted": predicted,
            "observed": observed,
        }
    )


def evaluate(
    cohort: pd.DataFrame,
    result: pd.DataFrame | None = None,
    pretest: Mapping[str, float] | None = None,
) -> Evaluation:
    """Score the classifier on a cohort with ground truth.

    Parameters
    ----------
    cohort : pandas.DataFrame
        From :func:`hipback.generate_cases` or :func:`hipback.load_cases`.
    result : pandas.DataFrame, optional
        :func:`hipback.classify_frame` output for the cohort (computed if not given).
    pretest : mapping, optional
        Pre-test probabilities passed to :func:`hipback.classify_frame`.

    Returns
    -------
    Evaluation

    Examples
    --------
    >>> from hipback import generate_cases
    >>> from hipback.cohort.evaluation import evaluate
    >>> ev = evaluate(generate_cases(500, seed=1))
    >>> 0.0 <= ev.accuracy <= 1.0, int(ev.confusion.to_numpy().sum())
    (True, 500)
    """
    import numpy as np
    import pandas as pd

    _check_cohort(cohort)
    if result is None:
        result = classify_frame(cohort, pretest=pretest)
    truth = cohort["true_label"].astype(object).to_numpy()
    predicted = result["label"].astype(object).to_numpy()
    correct = truth == predicted
    n = len(cohort)
    t_idx = pd.Categorical(truth, categories=LABELS).codes
    p_idx = pd.Categorical(predicted, categories=LABELS).codes
    counts = np.zeros((len(LABELS), len(LABELS)), dtype=np.int64)
    np.add.at(counts, (t_idx, p_idx), 1)
    confusion = pd.DataFrame(
        counts,
        index=pd.Index(LABELS, name="true"),
        columns=pd.Index(LABELS, name="predicted"),
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        recall = np.diag(counts) / counts.sum(axis=1)
        precision = np.diag(counts) / counts.sum(axis=0)
    per_label = pd.DataFrame(
        {"cases": counts.sum(axis=1), "recall": recall, "precision": precision},
        index=pd.Index(LABELS, name="label"),
    )
    calibration = {}
    brier = {}
    for q in QUESTIONS:
        p = result[f"p_{q}"].to_numpy(dtype=float)
        event = cohort[_TRUTH_OF_QUESTION[q]].to_numpy(dtype=bool)
        calibration[q] = calibration_table(p, event)
        brier[q] = float(np.mean((p - event) ** 2)) if n else float("nan")
    if "difficulty" in cohort.columns:
        by_difficulty = (
            pd.Series(correct, index=cohort.index)
            .groupby(cohort["difficulty"], observed=True)
            .mean()
        )
        undetermined = (
            pd.Series(predicted == "undetermined", index=cohort.index)
            .groupby(cohort["difficulty"], observed=True)
            .mean()
        )
    else:
        by_difficulty = pd.Series(dtype=float)
        undetermined = pd.Series(dtype=float)
    close_calls = close_call_table(
        result, truth, cohort["difficulty"] if "difficulty" in cohort.columns else None
    )
    agree = None
    if "true_red_flags" in cohort.columns:
        has = cohort["true_red_flags"].fillna("").astype(str).to_numpy() != ""
        found = np.array([len(t) > 0 for t in result["red_flags"]], dtype=bool)
        agree = float(np.mean(found == has)) if n else None
    return Evaluation(
        n=n,
        accuracy=float(correct.mean()) if n else float("nan"),
        confusion=confusion,
        per_label=per_label,
        calibration=calibration,
        brier=brier,
        by_difficulty=by_difficulty,
        red_flags_agree=agree,
        undetermined_by_difficulty=undetermined,
        close_calls=close_calls,
    )


def empirical_lrs(cohort: pd.DataFrame) -> pd.DataFrame:
    """Each finding's likelihood ratio as it behaves in the cohort, next to the catalogue's.

    For each question the cohort LR of a finding is P(finding | source) /
    P(finding | not source), using the ground truth; the catalogue LR is the one
    the classifier uses (:mod:`hipback.knowledge.findings`). Large gaps show where the
    classifier's numbers and the cohort's published frequencies disagree.

    Returns
    -------
    pandas.DataFrame
        One row per finding: ``finding``, ``label``, and for each question
        ``lr_<q>_catalogue``, ``lr_<q>_cohort`` (LR+), ``lr_minus_<q>_catalogue``,
        ``lr_minus_<q>_cohort`` (LR-; yes/no findings), computed among the cases where
        the finding was assessed; plus ``present`` and ``assessed`` (shares of cases).

    Examples
    --------
    >>> from hipback import generate_cases
    >>> t = empirical_lrs(generate_cases(3000, seed=1)).set_index("finding")
    >>> bool(t.loc["pain_groin", "lr_hip_cohort"] > 1)
    True
    """
    import numpy as np
    import pandas as pd

    from hipback.knowledge.findings import FINDINGS
    from hipback.reasoning_frame import findings_matrix
    from hipback.validation import validate_frame

    _check_cohort(cohort)
    frame = validate_frame(cohort)
    x = findings_matrix(frame)
    rows = []
    for j, f in enumerate(FINDINGS):
        assessed = frame[f.field].notna().to_numpy(dtype=bool)  # v2: among cases assessed
        present = x[:, j]
        row: dict[str, Any] = {
            "finding": f.name,
            "label": f.label,
            "present": present.mean(),
            "assessed": assessed.mean(),
        }
        for q in QUESTIONS:
            src = cohort[_TRUTH_OF_QUESTION[q]].to_numpy(dtype=bool)
            a, b = src & assessed, ~src & assessed
            with np.errstate(invalid="ignore", divide="ignore"):
                lr = present[a].mean() / present[b].mean() if a.any() and b.any() else np.nan
                lr_minus = (
                    (1 - present[a].mean()) / (1 - present[b].mean())
                    if a.any() and b.any()
                    else np.nan
                )
            absent_ev = getattr(f, f"{q}_absent")
            row[f"lr_{q}_catalogue"] = getattr(f, q).lr
            row[f"lr_{q}_cohort"] = float(lr)
            row[f"lr_minus_{q}_catalogue"] = absent_ev.lr if absent_ev is not None else np.nan
            row[f"lr_minus_{q}_cohort"] = float(lr_minus) if f.test[0] == "is" else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def _fmt(x: float) -> str:
    return "  -  " if x != x else f"{x:5.1%}"  # NaN check without numpy


def format_report(ev: Evaluation, title: str = "") -> str:
    """Plain-text report: accuracy, confusion matrix, per-label recall, calibration.

    Examples
    --------
    >>> from hipback import generate_cases
    >>> print(format_report(evaluate(generate_cases(200, seed=2))).splitlines()[0])
    Classifier on 200 synthetic cases
    """
    lines = [title or f"Classifier on {ev.n} synthetic cases"]
    lines.append(f"Accuracy (label = true label): {ev.accuracy:.1%}")
    if len(ev.by_difficulty):
        parts = ", ".join(f"{k} {v:.1%}" for k, v in ev.by_difficulty.items())
        lines.append(f"By difficulty: {parts}")
    und = ev.undetermined_by_difficulty
    if und is not None and len(und):
        parts = ", ".join(f"{k} {v:.1%}" for k, v in und.items())
        lines.append(f"Labelled undetermined (assess further), by difficulty: {parts}")
    if ev.red_flags_agree is not None:
        lines.append(f"Red flags screened correctly: {ev.red_flags_agree:.1%} of cases")
    if ev.close_calls is not None and ev.close_calls.loc["all", "labelled"]:
        a = ev.close_calls.loc["all"]
        lines.append(
            f"Close calls (a label within {CLOSE_CALL_POINTS:g} points of another): "
            f"{_fmt(a.close_share).strip()} of labelled cases, right in "
            f"{_fmt(a.right_close).strip()} of them; settled labels right in "
            f"{_fmt(a.right_settled).strip()}"
        )
        parts = [
            f"{k} {_fmt(r.close_share).strip()} close ({_fmt(r.right_close).strip()} right; "
            f"settled {_fmt(r.right_settled).strip()})"
            for k, r in ev.close_calls.drop(index="all").iterrows()
        ]
        if parts:
            lines.append(f"Close calls by difficulty: {', '.join(parts)}")
    lines.append("")
    lines.append("Confusion matrix (rows: true label; columns: predicted)")
    width = max(14, *(len(str(v)) + 2 for v in ev.confusion.to_numpy().ravel()))
    lines.append(f"{'':>10}" + "".join(f"{c:>{width}}" for c in LABELS) + f"{'recall':>{width}}")
    for label in LABELS:
        if label == "undetermined" and not ev.confusion.loc[label].sum():
            continue  # no case is truly undetermined: the row would be empty
        counts = "".join(f"{ev.confusion.loc[label, c]:>{width}}" for c in LABELS)
        lines.append(f"{label:>10}{counts}{_fmt(ev.per_label.loc[label, 'recall']):>{width}}")
    shown = {c: ev.per_label.loc[c, "precision"] for c in LABELS if c != "undetermined"}
    precision = "".join(f"{_fmt(shown.get(c, float('nan'))):>{width}}" for c in LABELS)
    lines.append(f"{'precision':>10}{precision}")
    for q in QUESTIONS:
        lines.append("")
        lines.append(
            f"Calibration, '{q} is a pain source' (Brier score {ev.brier[q]:.3f}; "
            "well calibrated when observed is close to predicted)"
        )
        lines.append(f"{'bin':>10}{'cases':>9}{'predicted':>11}{'observed':>10}")
        for r in ev.calibration[q].itertuples():
            if r.cases:
                lines.append(
                    f"{r.bin:>10}{r.cases:>9}{_fmt(r.predicted):>11}{_fmt(r.observed):>10}"
                )
    lines.append("")
    lines.append(DISCLAIMER)
    return "\n".join(lines)
