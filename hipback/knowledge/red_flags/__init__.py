"""Red flags, graded: the catalogue as data, with a citation on every entry.

Red flags are screened apart from the hip-versus-spine reasoning. Since the IFOMPT
framework (Finucane 2020) a clinician does not act on each flag alone: most flags
barely change the probability of serious pathology on their own (Downie 2013), so the
flags are combined with the person's profile into a **level of concern**, and the level
decides the action. This module holds that knowledge in two tables:

- :data:`RED_FLAGS`: one entry per red-flag field of the case record (what a learner
  ticks): its plain label, what it screens for, what it means on its own, and sources.
- :data:`RED_FLAG_RULES`: the graded rules. Each names the findings that must all be
  present (``all_of``) and those of which at least one must be present (``any_of``), the
  :data:`LEVELS` entry it gives, the action in words, and its sources. Rules of level
  ``monitor`` are single weak flags: ask more and safety-net; the plan continues.

The engine that applies the rules to a case is :func:`hipback.screening.screen`; every
sentence a learner reads about a red flag lives here and nowhere else. Thresholds that
are teaching choices say so. Educational use only: not for clinical decisions; follow
the local pathway.
"""

from hipback.knowledge.red_flags.fields import (
    AGE_FACTOR_BY_NAME,
    AGE_FACTORS,
    LEVEL_MEANING,
    LEVELS,
    RED_FLAG_BY_NAME,
    RED_FLAG_NAMES,
    RED_FLAGS,
    URGENCY_ORDER,
    URGENT_LEVELS,
    AgeFactor,
    RedFlag,
)
from hipback.knowledge.red_flags.rules import (
    MSCC_NEURO,
    RED_FLAG_RULES,
    RULE_BY_ID,
    SEVERAL_WEAK_FLAGS,
    RedFlagRule,
    most_serious,
    most_urgent,
)

__all__ = [
    "AGE_FACTORS",
    "AGE_FACTOR_BY_NAME",
    "AgeFactor",
    "LEVELS",
    "LEVEL_MEANING",
    "MSCC_NEURO",
    "RED_FLAGS",
    "RED_FLAG_BY_NAME",
    "RED_FLAG_NAMES",
    "RED_FLAG_RULES",
    "RULE_BY_ID",
    "RedFlag",
    "RedFlagRule",
    "SEVERAL_WEAK_FLAGS",
    "URGENCY_ORDER",
    "URGENT_LEVELS",
    "most_serious",
    "most_urgent",
]
