"""The practice bank: curated quiz cases, each with a worked explanation.

The cases live in ``hipback/teaching/practice_cases.yaml`` (hip, spine, combined and
undetermined patterns; about a fifth carry a red flag, at every level of urgency). A
case's answer is what the kit's reasoning says about it (the tests check that every
case still shows the pattern it was written for), so the quiz never marks a learner
against a different truth from the one the lessons teach.

:func:`practice_frame` gives the cases in the same columns as
:func:`hipback.generate_cases`, so the quiz widget can use either; :func:`round_ids`
picks a short (5) or long (12) round, seeded, with every pattern and a red flag in it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.knowledge.red_flags import RED_FLAG_NAMES
from hipback.reasoning import classify

if TYPE_CHECKING:
    import pandas as pd

BANK_FILE = Path(__file__).resolve().parent / "practice_cases.yaml"
PATTERNS = ("hip", "spine", "combined", "undetermined")
#: How many cases of each pattern a round holds (the rest of a long round is mixed).
ROUNDS: dict[str, dict[str, int]] = {
    "short": {"hip": 1, "spine": 1, "combined": 1, "undetermined": 1, "red flag": 1},
    "long": {"hip": 3, "spine": 3, "combined": 2, "undetermined": 2, "red flag": 2},
}


@dataclass(frozen=True, slots=True)
class PracticeCase:
    id: str
    pattern: str
    case: Case
    explanation: str

    @property
    def red_flag(self) -> bool:
        return bool(classify(self.case).red_flags)


@cache
def bank() -> tuple[PracticeCase, ...]:
    """Every practice case, in the file's order."""
    data = yaml.safe_load(BANK_FILE.read_text(encoding="utf-8"))
    out = []
    for raw in data["cases"]:
        if raw["pattern"] not in PATTERNS:
            raise HipbackInputError(
                f"practice case {raw['id']}: pattern {raw['pattern']!r}; allowed: {PATTERNS}"
            )
        out.append(
            PracticeCase(
                str(raw["id"]),
                str(raw["pattern"]),
                Case(**raw["findings"]),
                " ".join(str(raw["explanation"]).split()),
            )
        )
    return tuple(out)


def case_by_id(case_id: str) -> PracticeCase:
    for c in bank():
        if c.id == case_id:
            return c
    raise HipbackInputError(f"practice case: no case {case_id!r}")


def round_ids(length: str = "short", seed: Any = 0) -> list[str]:
    """The case ids of a round: ``"short"`` (5) or ``"long"`` (12), seeded, shuffled."""
    if length not in ROUNDS:
        raise HipbackInputError(f"round: {length!r}; allowed: {', '.join(ROUNDS)}")
    rng = random.Random(f"{seed}/{length}")
    cases = list(bank())
    rng.shuffle(cases)
    chosen: list[PracticeCase] = []
    for pattern, count in ROUNDS[length].items():
        if pattern == "red flag":
            pool = [c for c in cases if c.red_flag and c not in chosen]
        else:
            pool = [c for c in cases if c.pattern == pattern and not c.red_flag and c not in chosen]
        chosen += pool[:count]
    rng.shuffle(chosen)
    return [c.id for c in chosen]


def practice_frame(ids: Sequence[str] | None = None) -> pd.DataFrame:
    """The cases (all, or ``ids`` in that order) in :func:`hipback.generate_cases` columns,
    with the kit's answer as ``true_label`` and the worked explanation."""
    import pandas as pd

    chosen = bank() if ids is None else tuple(case_by_id(i) for i in ids)
    rows = []
    for c in chosen:
        result = classify(c.case)
        rows.append(
            {
                "case_id": c.id,
                **c.case.to_dict(),
                "true_label": result.label,
                # The red-flag fields present, as the learner ticks them (and as the
                # generator's column holds them), not the names of the rules they fire.
                "true_red_flags": ";".join(
                    n for n in RED_FLAG_NAMES if getattr(c.case, n, None) is True
                ),
                "pattern": c.pattern,
                "explanation": c.explanation,
            }
        )
    return pd.DataFrame(rows)


def next_for_pattern(pattern: str, used: Sequence[str], seed: Any = 0) -> str | None:
    """Another case of ``pattern`` not yet used (for a missed pattern to come back)."""
    pool = [c.id for c in bank() if c.pattern == pattern and c.id not in used]
    if not pool:
        return None
    return random.Random(f"{seed}/{pattern}/{len(used)}").choice(pool)
