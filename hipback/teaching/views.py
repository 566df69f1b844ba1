"""Small views of the knowledge modules for the lessons: tables and one-line summaries.

Each function reads :mod:`hipback.knowledge.findings`, :mod:`hipback.management` or a
scored cohort and formats it for a notebook; none states a clinical number of
its own. :mod:`hipback.teaching.lessons` re-exports them, so a lesson calls
``lessons.findings_table()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from hipback.errors import HipbackInputError
from hipback.knowledge.findings import FINDING_BY_NAME, FINDINGS, MECHANISMS, NOT_SCORED, PRETEST

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "article_divergences",
    "calibration_verdict",
    "evidence_qualifiers",
    "finding_note",
    "findings_table",
    "item_evidence",
    "joint_vs_product",
    "management_table",
    "mechanism_table",
    "pretest_table",
]


def _pct(p: float) -> str:
    return f"{p:.0%}"


def findings_table(names: Iterable[str] | None = None) -> pd.DataFrame:
    """The findings catalogue as a table: where each comes from and what it is worth.

    Parameters
    ----------
    names : iterable of str, optional
        Finding names to keep (all when omitted), in catalogue order.

    Examples
    --------
    >>> float(findings_table(["pain_groin"]).loc["Groin pain", "LR hip"])
    2.84
    """
    import pandas as pd

    keep = None if names is None else set(names)
    rows = []
    for f in FINDINGS:
        if keep is not None and f.name not in keep:
            continue
        rows.append(
            {
                "Finding": f.label,
                "Article": f.article,
                "Favours": f.favours,
                "LR hip": round(f.hip.lr, 2),
                "LR spine": round(f.spine.lr, 2),
                "Points hip": round(f.hip.points, 1),
                "Points spine": round(f.spine.points, 1),
                "Basis hip": f.hip.basis,
                "Basis spine": f.spine.basis,
                "Source": "; ".join(dict.fromkeys((f.hip.citation, f.spine.citation))),
            }
        )
    if keep is not None:
        unknown = keep - {f.name for f in FINDINGS}
        if unknown:
            raise HipbackInputError(
                f"names: {sorted(unknown)} are not findings; allowed: see hipback.FINDINGS"
            )
    return pd.DataFrame(rows).set_index("Finding")


def mechanism_table() -> pd.DataFrame:
    """The article's five mechanisms with the findings the kit links to each.

    Examples
    --------
    >>> len(mechanism_table())
    5
    """
    import pandas as pd

    rows = []
    for key, sentence in MECHANISMS.items():
        name, _, explanation = sentence.partition(": ")
        linked = [f.label for f in FINDINGS if f.mechanism == key]
        rows.append(
            {
                "Mechanism": name,
                "In plain words": explanation,
                "Findings it explains": ", ".join(linked) or "(none scored)",
            }
        )
    return pd.DataFrame(rows).set_index("Mechanism")


def pretest_table() -> pd.DataFrame:
    """The two starting (pre-test) probabilities, their basis and source.

    Examples
    --------
    >>> list(pretest_table().index)
    ['hip', 'spine']
    """
    import pandas as pd

    rows = [
        {
            "Question": q,
            "Pre-test": _pct(p.probability),
            "Basis": p.basis,
            "Source": p.citation,
            "Why": p.note,
        }
        for q, p in PRETEST.items()
    ]
    return pd.DataFrame(rows).set_index("Question")


def evidence_qualifiers() -> pd.DataFrame:
    """Where the published evidence qualifies the article, from the findings catalogue.

    One row per finding with a caveat and per published figure the kit shows but
    does not score (:data:`hipback.knowledge.findings.NOT_SCORED`).

    Examples
    --------
    >>> "Pain below the knee" in evidence_qualifiers().index
    True
    """
    import pandas as pd

    rows = [
        {"Topic": f.label, "What the evidence adds": f.caveat, "Article": f.article}
        for f in FINDINGS
        if f.caveat
    ]
    rows += [
        {
            "Topic": topic,
            "What the evidence adds": f"{figure}. Not scored: {why}",
            "Article": "not in the article",
        }
        for topic, figure, why in NOT_SCORED
    ]
    return pd.DataFrame(rows).set_index("Topic")


def finding_note(name: str, question: str) -> str:
    """The evidence note behind one finding's LR for "hip" or "spine", with its citation.

    Examples
    --------
    >>> finding_note("pain_below_knee", "hip").endswith("Lesher 2008).")
    True
    """
    if name not in FINDING_BY_NAME:
        raise HipbackInputError(f"name: {name!r} is not a finding; allowed: see FINDINGS")
    if question not in ("hip", "spine"):
        raise HipbackInputError(f"question: {question!r}; allowed: 'hip', 'spine'")
    ev = getattr(FINDING_BY_NAME[name], question)
    cite = "" if ev.citation == ev.basis else f"; {ev.citation}"
    return f"{ev.note} (LR {ev.lr:.3g}, {ev.basis}{cite})."


def management_table(pillars: Iterable[str] | None = None) -> pd.DataFrame:
    """Management items with their pillar, status and each guideline's stance.

    Parameters
    ----------
    pillars : iterable of str, optional
        Pillars to keep (default: the article's six, in its order).

    Examples
    --------
    >>> table = management_table()
    >>> table.loc["Support weight loss", "Pillar"]
    'weight management'
    """
    import pandas as pd

    from hipback.management import ARTICLE_PILLARS, MANAGEMENT_ITEMS, PILLARS

    keep = tuple(ARTICLE_PILLARS if pillars is None else pillars)
    unknown = [p for p in keep if p not in PILLARS]
    if unknown:
        raise HipbackInputError(f"pillars: {unknown} not allowed; allowed: {', '.join(PILLARS)}")
    rows = [
        {
            "Item": item.title,
            "Pillar": item.pillar,
            "Status": item.status,
            "Guidelines": item.guideline_summary,
            "Article goes further": "yes" if item.beyond_guidelines else "",
        }
        for pillar in keep
        for item in MANAGEMENT_ITEMS
        if item.pillar == pillar
    ]
    return pd.DataFrame(rows).set_index("Item")


def item_evidence(item_id: str) -> str:
    """The study results behind one management item, each with its citation.

    Examples
    --------
    >>> "Kim 2015" in item_evidence("routine_imaging_to_confirm")
    True
    """
    from hipback.management import ITEM_BY_ID

    if item_id not in ITEM_BY_ID:
        raise HipbackInputError(f"item_id: {item_id!r} is not a management item")
    notes = ITEM_BY_ID[item_id].evidence
    return "\n".join(f"- {e.text} ({e.citation})." for e in notes) or "(no study notes)"


def article_divergences() -> str:
    """Where the article goes further than the guidelines: item, status, and why.

    Examples
    --------
    >>> article_divergences().splitlines()[0].startswith("-")
    True
    """
    from hipback.management import MANAGEMENT_ITEMS

    lines = []
    for item in MANAGEMENT_ITEMS:
        if item.beyond_guidelines:
            lines.append(f"- {item.title} [{item.status}]: {item.beyond_guidelines}")
            lines += [f"    {e.text} ({e.citation})." for e in item.evidence]
    return "\n".join(lines)


def joint_vs_product(cohort: pd.DataFrame, first: str, second: str, question: str = "hip") -> str:
    """Two findings' LRs in a cohort: each alone, multiplied, and measured together.

    If the findings were independent given the source, the LR of both together
    would equal the product of their LRs, which is what a model that adds points
    assumes. A joint LR below the product shows the double counting.

    Parameters
    ----------
    cohort : pandas.DataFrame
        Cases with ground truth (``hip_source`` and ``spine_source``), e.g. from
        :func:`hipback.generate_cases`.
    first, second : str
        Finding names (see :data:`hipback.knowledge.findings.FINDINGS`).
    question : {"hip", "spine"}
        Which source the LRs are for.

    Examples
    --------
    >>> from hipback import generate_cases
    >>> joint_vs_product(generate_cases(500, seed=1), "pain_groin", "limp").startswith("Groin")
    True
    """
    import numpy as np

    from hipback.reasoning_frame import findings_matrix
    from hipback.validation import validate_frame

    for name in (first, second):
        if name not in FINDING_BY_NAME:
            raise HipbackInputError(f"finding: {name!r} is not a finding; see hipback.FINDINGS")
    if question not in ("hip", "spine"):
        raise HipbackInputError(f"question: {question!r} not allowed; allowed: 'hip', 'spine'")
    x = findings_matrix(validate_frame(cohort))
    col = {f.name: j for j, f in enumerate(FINDINGS)}
    source = cohort[f"{question}_source"].to_numpy(dtype=bool)

    def lr(mask: Any) -> float:
        with np.errstate(divide="ignore", invalid="ignore"):
            return float(mask[source].mean() / mask[~source].mean())

    a, b = x[:, col[first]], x[:, col[second]]
    la, lb, both = lr(a), lr(b), lr(a & b)
    return (
        f"{FINDING_BY_NAME[first].label} + {FINDING_BY_NAME[second].label.lower()} "
        f"({question} question, {int((a & b).sum())} cases with both): LR {la:.1f} and "
        f"{lb:.1f} alone; multiplied {la * lb:.1f}; measured together {both:.1f}."
    )


def calibration_verdict(evaluation: Any, margin: float = 0.05) -> str:
    """One line per question: does the model claim more, or less, than it delivers?

    Compares, bin by bin, the mean predicted probability with the share that
    truly had that source (from :func:`hipback.cohort.evaluation.evaluate`).

    Parameters
    ----------
    evaluation : hipback.cohort.evaluation.Evaluation
        The scored cohort.
    margin : float
        Gaps smaller than this count as "about right".

    Examples
    --------
    >>> from hipback import generate_cases
    >>> from hipback.cohort.evaluation import evaluate
    >>> calibration_verdict(evaluate(generate_cases(500, seed=1))).startswith("hip:")
    True
    """
    lines = []
    for question, table in evaluation.calibration.items():
        rows = table[table["cases"] > 0]
        high = int((rows["predicted"] > rows["observed"] + margin).sum())
        low = int((rows["predicted"] < rows["observed"] - margin).sum())
        gap = float(((rows["predicted"] - rows["observed"]) * rows["cases"]).sum())
        gap /= max(int(rows["cases"].sum()), 1)
        lines.append(
            f"{question}: predicted above observed in {high} of {len(rows)} bins, below in "
            f"{low}; average gap (predicted minus observed) {gap * 100:+.0f} percentage points."
        )
    return "\n".join(lines)
