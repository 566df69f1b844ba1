"""How the case quiz grades an answer: a pure function, no widgets and no files.

Each case is worth :data:`POINTS_PER_CASE` points: 1 for the right pain driver, 1 for
exactly the right red flags (ticking none when there are none counts), and up to 1 for
the plan (the plan-comparison score of :func:`hipback.management.compare_plan`, against
the plan for the case's true driver).

>>> from hipback.cohort.sampler import generate_cases
>>> from hipback.validation import cases_from_frame
>>> frame = generate_cases(n=1, seed=3)
>>> case = cases_from_frame(frame)[0]
>>> a = grade(case, index=0, case_id="S3-0001", truth="hip", true_flags=(), label="hip")
>>> a.label_correct, a.red_flags_correct, a.points
(True, True, 2.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.knowledge.red_flags import RED_FLAG_BY_NAME, RED_FLAG_NAMES
from hipback.management import ITEM_BY_ID, PlanComparison, compare_plan, recommend_for_label
from hipback.reasoning import LABELS, TRUE_LABELS, Reasoning, classify

POINTS_PER_CASE = 3.0

SCORING_TEXT = (
    "Each case is worth 3 points: 1 for the right pain driver, 1 for exactly the right red "
    "flags (ticking none when there are none counts), and up to 1 for your plan (the share "
    "of graded plan items you got right)."
)


@dataclass(frozen=True)
class QuizAnswer:
    """One submitted case: what the learner chose, what was right, the points.

    ``difficulty`` is the case's own difficulty (easy, moderate, hard; "" for a curated
    practice case or an answer saved before it was recorded).
    """

    index: int
    case_id: str
    label: str
    correct_label: str
    label_correct: bool
    red_flags: tuple[str, ...]
    true_red_flags: tuple[str, ...]
    red_flags_correct: bool
    plan_ids: tuple[str, ...]
    plan_score: float
    points: float
    difficulty: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuizAnswer:
        """Rebuild from a saved answer (lists back to tuples); raises ValueError,
        TypeError or KeyError on an entry that is not a possible answer."""
        if not isinstance(data, dict):
            raise TypeError(f"an answer is a JSON object, not {type(data).__name__}")
        fields = dict(data)
        for name in ("red_flags", "true_red_flags", "plan_ids"):
            if not isinstance(fields[name], list | tuple):
                raise TypeError(f"{name} is not a list")
            fields[name] = tuple(fields[name])
        answer = cls(**fields)
        if (
            answer.label not in LABELS  # "undetermined" in a practice round
            or answer.correct_label not in LABELS
            or not isinstance(answer.points, int | float)
            or not 0 <= answer.points <= POINTS_PER_CASE
            or answer.label_correct is not (answer.label == answer.correct_label)
        ):
            raise ValueError(f"answer {answer.index} has impossible values")
        return answer


def check_choices(
    label: Any,
    red_flags: Iterable[str],
    plan_ids: Iterable[str],
    labels: Sequence[str] = TRUE_LABELS,
) -> None:
    """Raise :class:`HipbackInputError` naming the field for a choice the quiz does not offer.

    ``labels``: the answers offered. A quiz on synthetic cases asks for the true driver
    ("undetermined" describes evidence, not a patient); a practice round is marked against
    the kit, which can answer "undetermined" (assess further), so it offers all four.
    """
    if label is not None and label not in labels:
        raise HipbackInputError(
            f"label: {label!r} is not allowed; allowed: one of "
            + ", ".join(repr(x) for x in labels)
        )
    for name in red_flags:
        if name not in RED_FLAG_BY_NAME:
            raise HipbackInputError(
                f"red_flags: {name!r} is not a red flag; allowed: "
                + ", ".join(repr(n) for n in RED_FLAG_NAMES)
            )
    for item_id in plan_ids:
        if item_id not in ITEM_BY_ID:
            raise HipbackInputError(
                f"plan_ids: {item_id!r} is not a management item id; allowed: the ids in "
                "hipback.management.ITEM_BY_ID"
            )


@dataclass(frozen=True)
class Graded:
    """:func:`grade_case`'s result: the answer, the model's reasoning and the plan comparison."""

    answer: QuizAnswer
    result: Reasoning
    comparison: PlanComparison


def grade_case(
    case: Case,
    *,
    index: int,
    case_id: str,
    truth: str,
    true_flags: Iterable[str],
    label: str,
    red_flags: Iterable[str] = (),
    plan_ids: Iterable[str] = (),
    difficulty: str = "",
    labels: Sequence[str] = TRUE_LABELS,
) -> Graded:
    """Grade one answer to ``case`` whose true driver is ``truth`` (see the module docstring).

    ``labels`` are the answers the quiz offered (a practice round adds "undetermined")."""
    red_flags, plan_ids, true_flags = tuple(red_flags), tuple(plan_ids), tuple(true_flags)
    check_choices(label, red_flags, plan_ids, labels)
    if label is None:
        raise HipbackInputError(
            "label: None is not allowed; allowed: one of " + ", ".join(repr(x) for x in labels)
        )
    result = classify(case)
    # The plan is graded against the plan for the case's true driver (red flags first),
    # which may differ from the kit's reasoning.
    comparison = compare_plan(plan_ids, recommend_for_label(case, truth, result))
    label_ok = label == truth
    flags_ok = set(red_flags) == set(true_flags)
    points = float(label_ok) + float(flags_ok) + float(comparison.score)
    answer = QuizAnswer(
        index,
        case_id,
        label,
        truth,
        label_ok,
        red_flags,
        true_flags,
        flags_ok,
        plan_ids,
        round(float(comparison.score), 6),
        round(points, 6),
        difficulty,
    )
    return Graded(answer, result, comparison)


def grade(case: Case, **kwargs: Any) -> QuizAnswer:
    """The graded :class:`QuizAnswer` only (keyword arguments as :func:`grade_case`)."""
    return grade_case(case, **kwargs).answer
