"""The grader: a learner's chosen items compared with a recommended plan.

:func:`compare_plan` sorts the chosen ids into matched, missed, not indicated for this
case, against guidance, and acceptable options, each with one sentence of feedback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from hipback.errors import HipbackInputError
from hipback.knowledge.management import ITEM_BY_ID, ManagementItem
from hipback.management.plan import Plan, sides, unknown_id_message
from hipback.reasoning import DISCLAIMER

#: Categories of :class:`PlanComparison`, in display order.
CATEGORIES: tuple[str, ...] = ("matched", "missed", "not_indicated", "against_guidance", "optional")


@dataclass(frozen=True, slots=True)
class Feedback:
    """One graded item: its id, title, category and a sentence of feedback."""

    id: str
    title: str
    category: str
    message: str


@dataclass(frozen=True)
class PlanComparison:
    """A learner's chosen items graded against a plan (from :func:`compare_plan`).

    Attributes
    ----------
    chosen : tuple of str
        The learner's ids, duplicates removed, in the order given.
    matched, missed, not_indicated, against_guidance : tuple of Feedback
        Chosen and in the plan; in the plan but not chosen; chosen but not
        indicated for this case; chosen although guidelines advise against it.
    optional : tuple of Feedback
        Chosen acceptable options (not scored).
    score : float
        matched / (matched + missed + not_indicated + against_guidance), 0-1.
    plan : Plan
        The plan compared with.
    """

    chosen: tuple[str, ...]
    matched: tuple[Feedback, ...]
    missed: tuple[Feedback, ...]
    not_indicated: tuple[Feedback, ...]
    against_guidance: tuple[Feedback, ...]
    optional: tuple[Feedback, ...]
    score: float
    plan: Plan = field(repr=False)

    @property
    def counts(self) -> dict[str, int]:
        """Number of entries in each category."""
        return {c: len(getattr(self, c)) for c in CATEGORIES}

    @property
    def feedback(self) -> tuple[Feedback, ...]:
        """Every graded item, category by category."""
        return tuple(f for c in CATEGORIES for f in getattr(self, c))

    def __str__(self) -> str:
        n = len(self.matched)
        total = n + len(self.missed) + len(self.not_indicated) + len(self.against_guidance)
        lines = [f"Score: {self.score:.0%} ({n} matched of {total} graded)"]
        for cat in CATEGORIES:
            entries = getattr(self, cat)
            if entries:
                lines.append(f"{_CATEGORY_TEXT[cat]} ({len(entries)}):")
                lines.extend(f"  - {f.message}" for f in entries)
        lines.append(DISCLAIMER)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        parts = [f"<p><b>Score: {self.score:.0%}</b></p>"]
        for cat in CATEGORIES:
            entries = getattr(self, cat)
            if entries:
                lis = "".join(f"<li>{escape(f.message)}</li>" for f in entries)
                parts.append(f"<p><b>{escape(_CATEGORY_TEXT[cat])}</b></p><ul>{lis}</ul>")
        parts.append(f"<p><small>{escape(DISCLAIMER)}</small></p>")
        return "<div class='hipback-comparison'>" + "".join(parts) + "</div>"


_CATEGORY_TEXT = {
    "matched": "Matched",
    "missed": "Missed",
    "not_indicated": "Not indicated for this case, or not yet",
    "against_guidance": "Against guidance",
    "optional": "Acceptable options",
}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(".") else text + "."


def _against_message(item: ManagementItem) -> str:
    extra = f" {item.beyond_guidelines}" if item.beyond_guidelines else ""
    return f"{item.title}: {item.status} ({sides(item)}).{extra}"


def compare_plan(chosen: Iterable[str], plan: Plan) -> PlanComparison:
    """Grade a learner's chosen item ids against a recommended plan.

    Parameters
    ----------
    chosen : iterable of str
        Item ids (see :data:`ITEM_BY_ID`); order and repeats do not matter.
    plan : Plan
        From :func:`recommend`.

    Returns
    -------
    PlanComparison
        ``matched``, ``missed``, ``not_indicated``, ``against_guidance`` (and
        ``optional``), each entry with one sentence of feedback, and ``score``.

    Raises
    ------
    HipbackInputError
        For an unknown id (naming it and the nearest valid id) or a bad argument.

    Examples
    --------
    >>> from hipback import Case, recommend
    >>> plan = recommend(Case(age=67, bmi=22.0, pain_groin=True, hip_rotation_limited=True))
    >>> result = compare_plan(["hip_mobility_exercises", "prp_injection", "weight_management"],
    ...                       plan)
    >>> [f.id for f in result.matched], [f.id for f in result.against_guidance]
    (['hip_mobility_exercises'], ['prp_injection'])
    >>> result.not_indicated[0].message
    'Support weight loss: not indicated here, because BMI 22 is under 25: weight-loss advice is not indicated.'
    >>> compare_plan(["prp"], plan)
    Traceback (most recent call last):
    ...
    hipback.errors.HipbackInputError: chosen: 'prp' is not a management item id; did you mean 'prp_injection'? (allowed: the ids in hipback.management.ITEM_BY_ID)
    """  # noqa: E501
    if not isinstance(plan, Plan):
        raise HipbackInputError(
            f"plan: {type(plan).__name__} is not allowed; allowed: a Plan from "
            "hipback.recommend(case)"
        )
    if isinstance(chosen, str) or not isinstance(chosen, Iterable):
        raise HipbackInputError(
            f"chosen: {chosen!r} is not allowed; allowed: a list of item ids, "
            "e.g. ['hip_mobility_exercises']"
        )
    picked = tuple(dict.fromkeys(chosen))
    problems = []
    for item_id in picked:
        if not isinstance(item_id, str):
            problems.append(
                f"chosen: {item_id!r} is not allowed; allowed: item id strings from "
                "hipback.management.ITEM_BY_ID"
            )
        elif item_id not in ITEM_BY_ID:
            problems.append(unknown_id_message(item_id, "chosen"))
    if problems:
        raise HipbackInputError(problems)

    chosen_set = set(picked)
    by_plan = {p.id: p for p in plan.items}
    by_option = {p.id: p for p in plan.options}
    matched = tuple(
        Feedback(p.id, p.title, "matched", f"{p.title}: yes, because {_sentence(p.why)}")
        for p in plan.items
        if p.id in chosen_set
    )
    missed = tuple(
        Feedback(
            p.id, p.title, "missed", f"{p.title}: missed; it applies because {_sentence(p.why)}"
        )
        for p in plan.items
        if p.id not in chosen_set
    )
    not_indicated, against, optional = [], [], []
    for item_id in picked:
        if item_id in by_plan:
            continue
        item = ITEM_BY_ID[item_id]
        if item_id in by_option:
            p = by_option[item_id]
            optional.append(
                Feedback(
                    item_id,
                    item.title,
                    "optional",
                    f"{item.title}: an acceptable option here; {_sentence(p.why)}",
                )
            )
        elif item.status in ("not recommended", "against guidance"):
            against.append(
                Feedback(item_id, item.title, "against_guidance", _against_message(item))
            )
        else:
            # A red flag's wait is "not yet", not "not indicated": the item may come back.
            when = "not yet" if plan.urgent or item_id in plan.held else "not indicated here"
            not_indicated.append(
                Feedback(
                    item_id,
                    item.title,
                    "not_indicated",
                    f"{item.title}: {when}, because {_sentence(plan.why_not(item_id))}",
                )
            )
    graded = len(matched) + len(missed) + len(not_indicated) + len(against)
    score = len(matched) / graded if graded else 1.0
    return PlanComparison(
        chosen=picked,
        matched=matched,
        missed=missed,
        not_indicated=tuple(not_indicated),
        against_guidance=tuple(against),
        optional=tuple(optional),
        score=score,
        plan=plan,
    )
