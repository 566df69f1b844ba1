"""Red-flag screening: the engine that grades a case's red flags.

:func:`screen` applies the graded rules of :mod:`hipback.knowledge.red_flags` to a case
and returns one :class:`RedFlagHit` per suspected condition, most serious first. The
rules, levels, actions and sources are knowledge and live there; this module only
decides which rules fire:

1. A rule fires when all its ``all_of`` findings are present and at least one of its
   ``any_of`` findings (if it has any). ``True`` is present; ``False`` (asked, absent)
   and ``None`` (not assessed) are not.
2. Going from the most serious rule down, a rule that fired is dropped when a rule
   already kept explains every finding it fired on (past cancer alone is dropped when
   "cancer plus night pain" fired), or when a more serious rule of the same group
   (malignancy, fracture, infection...) was kept.
3. Two or more ``monitor`` hits left over add the ``several_weak_flags`` rule (``soon``).

``result.urgent`` is True for ``emergency`` and ``urgent`` hits only (:func:`is_urgent`).
:func:`screen_frame` does the same for a DataFrame, exactly (it calls :func:`screen` once
per distinct pattern of flags).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hipback.knowledge.red_flags import (
    AGE_FACTOR_BY_NAME,
    AGE_FACTORS,
    LEVELS,
    RED_FLAG_BY_NAME,
    RED_FLAG_RULES,
    SEVERAL_WEAK_FLAGS,
    URGENT_LEVELS,
    RedFlagRule,
    most_serious,
)
from hipback.knowledge.references_guidelines import reference

__all__ = [
    "RedFlagHit",
    "is_urgent",
    "most_serious",
    "most_urgent",
    "not_asked",
    "screen",
    "screen_frame",
    "SCREEN_FIELDS",
]


@dataclass(frozen=True, slots=True)
class RedFlagHit:
    """One graded red flag found in a case.

    Attributes
    ----------
    flag : str
        The rule id (``"cauda_equina"``, ``"spinal_metastasis"``, ``"night_pain_alone"``).
    level : str
        ``"emergency"``, ``"urgent"``, ``"soon"`` or ``"monitor"``.
    condition : str
        What is suspected.
    action : str
        What to do, in words.
    findings : tuple of str
        The findings that made the rule fire (case fields, or ``age_over_50`` /
        ``age_over_65``).
    sources : tuple of str
        Reference keys.
    ask : tuple of str
        Findings not yet assessed that the clinician should ask about next.
    rule : RedFlagRule
        The catalogue entry.
    """

    flag: str
    level: str
    condition: str
    action: str
    findings: tuple[str, ...]
    sources: tuple[str, ...]
    ask: tuple[str, ...]
    rule: RedFlagRule

    @property
    def name(self) -> str:
        """The rule id (same as :attr:`flag`)."""
        return self.flag

    @property
    def urgency(self) -> str:
        """The level (older name)."""
        return self.level

    @property
    def urgent(self) -> bool:
        """True for ``emergency`` and ``urgent``."""
        return self.level in URGENT_LEVELS

    @property
    def label(self) -> str:
        """The findings in plain words ("Numbness in the saddle area + Age over 50")."""
        return " + ".join(_label(f) for f in self.findings)

    @property
    def citation(self) -> str:
        """Short citations joined by semicolons."""
        return "; ".join(reference(k).short for k in self.sources)

    def __str__(self) -> str:
        return f"[{self.level}] {self.condition} ({self.label}): {self.action}"


def _label(name: str) -> str:
    if name in RED_FLAG_BY_NAME:
        return RED_FLAG_BY_NAME[name].label
    if name in AGE_FACTOR_BY_NAME:
        return AGE_FACTOR_BY_NAME[name].label
    return name.replace("_", " ").capitalize()


#: Every case field the rules read (red-flag fields and examination findings), in order.
SCREEN_FIELDS: tuple[str, ...] = tuple(
    dict.fromkeys(n for r in RED_FLAG_RULES for n in r.findings if n not in AGE_FACTOR_BY_NAME)
)
_RANK = {level: i for i, level in enumerate(LEVELS)}
_ORDERED_RULES = tuple(sorted(RED_FLAG_RULES, key=lambda r: _RANK[r.level]))


def _present(case: Any) -> frozenset[str]:
    """The findings present (value ``True``), age factors included."""
    present = {n for n in SCREEN_FIELDS if getattr(case, n, None) is True}
    age = getattr(case, "age", None)
    if isinstance(age, int | float):
        present.update(a.name for a in AGE_FACTORS if age > a.above)
    return frozenset(present)


def _hit(rule: RedFlagRule, fired: tuple[str, ...], case: Any) -> RedFlagHit:
    ask = tuple(n for n in rule.ask if getattr(case, n, None) is None)
    return RedFlagHit(
        rule.id, rule.level, rule.condition, rule.action, fired, rule.sources, ask, rule
    )


def screen(case: Any) -> tuple[RedFlagHit, ...]:
    """Grade the red flags of a case, most serious first.

    Parameters
    ----------
    case : Case
        Any object with the case record's field names; a missing field counts as not
        assessed.

    Returns
    -------
    tuple of RedFlagHit
        Empty when no rule fires.

    Examples
    --------
    >>> from hipback import Case
    >>> [(h.flag, h.level) for h in screen(Case(age=60, saddle_anaesthesia=True))]
    [('cauda_equina', 'emergency')]
    >>> [(h.flag, h.level) for h in screen(Case(age=40, history_of_cancer=True))]
    [('history_of_cancer_alone', 'monitor')]
    >>> [(h.flag, h.level) for h in screen(Case(age=60, history_of_cancer=True))]
    [('spinal_metastasis', 'urgent')]
    >>> screen(Case(age=60))
    ()
    """
    present = _present(case)
    if not present:
        return ()
    kept: list[RedFlagHit] = []
    explained: set[str] = set()
    for rule in _ORDERED_RULES:
        if not all(n in present for n in rule.all_of):
            continue
        anys = tuple(n for n in rule.any_of if n in present)
        if rule.any_of and not anys:
            continue
        fired = (*rule.all_of, *anys)
        if all(n in explained for n in fired):
            continue
        if any(h.rule.group == rule.group and _RANK[h.level] < _RANK[rule.level] for h in kept):
            continue
        kept.append(_hit(rule, fired, case))
        explained.update(fired)
    weak = [h for h in kept if h.level == "monitor"]
    if len(weak) >= 2:
        fired = tuple(n for h in weak for n in h.findings)
        kept.append(_hit(SEVERAL_WEAK_FLAGS, fired, case))
        kept.sort(key=lambda h: _RANK[h.level])  # stable: rule order within a level
    return tuple(kept)


def is_urgent(hits: Iterable[RedFlagHit]) -> bool:
    """True when any hit is at level ``emergency`` or ``urgent``.

    Examples
    --------
    >>> from hipback import Case
    >>> is_urgent(screen(Case(age=40, night_pain=True)))
    False
    """
    return any(h.level in URGENT_LEVELS for h in hits)


#: Older name of :func:`most_serious`.
most_urgent = most_serious


def not_asked(case: Any) -> tuple[str, ...]:
    """The red-flag fields not assessed in a case (value ``None``), in catalogue order.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> not_asked(SimpleNamespace(age=50, fever=False, night_pain=None))[:2]
    ('saddle_anaesthesia', 'bladder_bowel_dysfunction')
    """
    return tuple(n for n in RED_FLAG_BY_NAME if getattr(case, n, None) is None)


class _Row:
    """A stand-in case for one pattern of findings (used by :func:`screen_frame`)."""

    __slots__ = ("_values", "age")

    def __init__(self, values: dict[str, bool | None], age: float | None) -> None:
        self._values = values
        self.age = age

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None


def screen_frame(frame: Any) -> Any:
    """:func:`screen` for every row of a DataFrame, exactly, at vector speed.

    Each row's present findings (and age factors) are packed into an integer; the rules
    are applied once per distinct pattern, so the result always equals :func:`screen`.

    Parameters
    ----------
    frame : pandas.DataFrame
        One case per row, columns named as the case record (missing columns count as not
        assessed; ``True`` is present, anything else is not).

    Returns
    -------
    pandas.DataFrame
        Same index; ``red_flags`` (tuple of rule ids, most serious first),
        ``red_flag_level`` (categorical: the most serious level, missing when no flag)
        and ``urgent`` (bool).

    Examples
    --------
    >>> import pandas as pd
    >>> out = screen_frame(pd.DataFrame({"age": [60, 40], "history_of_cancer": [True, True]}))
    >>> list(out["red_flags"]), list(out["urgent"])
    ([('spinal_metastasis',), ('history_of_cancer_alone',)], [True, False])
    """
    import numpy as np
    import pandas as pd

    n = len(frame)
    names = [*SCREEN_FIELDS, *(a.name for a in AGE_FACTORS)]
    columns = {}
    for j, name in enumerate(SCREEN_FIELDS):
        if name in frame:
            col = frame[name]
            if col.dtype == bool:
                columns[j] = col.to_numpy()
            else:
                columns[j] = (col == True).fillna(False).to_numpy(dtype=bool)  # noqa: E712
    # Only rows with a red-flag finding can fire a rule (age alone never does), so the
    # patterns are packed for those rows only.
    if columns:
        active = np.flatnonzero(np.logical_or.reduce(list(columns.values())))
    else:
        active = np.zeros(0, dtype=np.intp)
    bits = np.zeros(len(active), dtype=np.int64)
    for j, present in columns.items():
        bits |= present[active].astype(np.int64) << j
    if "age" in frame and len(active):
        age = pd.to_numeric(frame["age"].iloc[active], errors="coerce").to_numpy(dtype=float)
        age = np.nan_to_num(age, nan=-1.0)
        for k, factor in enumerate(AGE_FACTORS):
            bits |= (age > factor.above).astype(np.int64) << (len(SCREEN_FIELDS) + k)
    patterns, inverse = np.unique(bits, return_inverse=True)
    flags = np.empty(len(patterns) + 1, dtype=object)
    flags[-1] = ()
    codes = np.full(len(patterns) + 1, -1, dtype=np.int8)
    urgent = np.zeros(len(patterns) + 1, dtype=bool)
    for i, pattern in enumerate(patterns.tolist()):
        values = {nm: True for j, nm in enumerate(names) if pattern >> j & 1}
        ages = [a for a in AGE_FACTORS if values.pop(a.name, False)]
        # The age factors are nested thresholds; a representative age reproduces them.
        age_value = (max(a.above for a in ages) + 1) if ages else 0
        hits = screen(_Row(values, age_value))
        flags[i] = tuple(h.flag for h in hits)
        level = most_serious(hits)
        codes[i] = LEVELS.index(level) if level else -1
        urgent[i] = is_urgent(hits)
    which = np.full(n, len(patterns), dtype=np.intp)  # the last slot: no flag
    which[active] = inverse.reshape(-1)
    return pd.DataFrame(
        {
            "red_flags": flags[which],
            "red_flag_level": pd.Categorical.from_codes(codes[which], categories=list(LEVELS)),
            "urgent": urgent[which],
        },
        index=frame.index,
    )
