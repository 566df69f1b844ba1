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
:func:`screen_frame` does the same for a DataFrame, exactly: the rules are evaluated on whole
columns with bitwise and/or, and :func:`screen` is called once per distinct pattern of the
findings of the rules that fired (rows where no rule fires need no call).
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
from hipback.knowledge.references import reference

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
    def holds_loading(self) -> bool:
        """True when the action asks for a medical review before loading exercise."""
        return self.rule.holds_loading

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


def _present_column(frame: Any, name: str) -> Any:
    """A case-record column as a numpy bool array: ``True`` where present, else False."""
    import numpy as np

    col = frame[name]
    if col.dtype == bool:
        return col.to_numpy()
    if str(col.dtype) == "boolean":
        return col.to_numpy(dtype=bool, na_value=False)
    return np.asarray((col == True).fillna(False), dtype=bool)  # noqa: E712


#: Bit position of each finding in a row's pattern (case fields, then age factors).
_BIT = {name: j for j, name in enumerate((*SCREEN_FIELDS, *(a.name for a in AGE_FACTORS)))}
#: Per pattern already screened: (rule ids, level code, urgent). Patterns only hold the
#: findings of rules that fired, so there are few; the cache is cleared if it grows large.
_PATTERN_CACHE: dict[int, tuple[tuple[str, ...], int, bool]] = {}


def _screen_pattern(pattern: int) -> tuple[tuple[str, ...], int, bool]:
    cached = _PATTERN_CACHE.get(pattern)
    if cached is not None:
        return cached
    values = {nm: True for nm, j in _BIT.items() if pattern >> j & 1}
    ages = [a for a in AGE_FACTORS if values.pop(a.name, False)]
    # The age factors are nested thresholds; a representative age reproduces them.
    age_value = (max(a.above for a in ages) + 1) if ages else 0
    hits = screen(_Row(values, age_value))
    level = most_serious(hits)
    out = (tuple(h.flag for h in hits), LEVELS.index(level) if level else -1, is_urgent(hits))
    if len(_PATTERN_CACHE) > 100_000:
        _PATTERN_CACHE.clear()
    _PATTERN_CACHE[pattern] = out
    return out


def screen_frame(frame: Any) -> Any:
    """:func:`screen` for every row of a DataFrame, exactly, at vector speed.

    The rules are evaluated on whole columns (``all_of`` is a bitwise and, ``any_of`` a
    bitwise or). Rows where no rule fires get no flag at once. For the others, the rules
    that fired and the findings they read are packed into an integer, and :func:`screen`
    is applied once per distinct pattern (its dropping and grading rules depend on
    nothing else), so the result always equals :func:`screen` row by row.

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
    present: dict[str, Any] = {
        name: _present_column(frame, name) for name in SCREEN_FIELDS if name in frame
    }
    if "age" in frame:
        age = pd.to_numeric(frame["age"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        for factor in AGE_FACTORS:
            present[factor.name] = age > factor.above  # NaN compares False
    # 1. Which rules fire, on whole columns.
    relevant: dict[str, Any] = {}
    any_fired = np.zeros(n, dtype=bool)
    for rule in _ORDERED_RULES:
        if any(name not in present for name in rule.all_of):
            continue
        anys = [present[name] for name in rule.any_of if name in present]
        if rule.any_of and not anys:
            continue
        fired = None
        if rule.all_of:
            fired = np.logical_and.reduce([present[name] for name in rule.all_of])
        if anys:
            any_of = np.logical_or.reduce(anys)
            fired = any_of if fired is None else fired & any_of
        if not fired.any():
            continue
        any_fired |= fired
        for name in rule.findings:
            if name in present:
                relevant[name] = fired if name not in relevant else relevant[name] | fired
    flags = np.empty(n, dtype=object)
    flags.fill(())
    codes = np.full(n, -1, dtype=np.int8)
    urgent = np.zeros(n, dtype=bool)
    rows = np.flatnonzero(any_fired)
    if len(rows):
        # 2. The findings of the rules that fired (the rest cannot change the result).
        bits = np.zeros(len(rows), dtype=np.int64)
        for name, mask in relevant.items():
            bits |= (present[name][rows] & mask[rows]).astype(np.int64) << _BIT[name]
        patterns, inverse = np.unique(bits, return_inverse=True)
        results = [_screen_pattern(p) for p in patterns.tolist()]
        pattern_flags = np.empty(len(results), dtype=object)
        for i, result in enumerate(results):
            pattern_flags[i] = result[0]
        inverse = inverse.reshape(-1)
        flags[rows] = pattern_flags[inverse]
        codes[rows] = np.array([r[1] for r in results], dtype=np.int8)[inverse]
        urgent[rows] = np.array([r[2] for r in results], dtype=bool)[inverse]
    return pd.DataFrame(
        {
            "red_flags": flags,
            "red_flag_level": pd.Categorical.from_codes(codes, categories=list(LEVELS)),
            "urgent": urgent,
        },
        index=frame.index,
    )
