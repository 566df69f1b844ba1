"""The management catalogue: every item a plan can hold, with its guideline positions.

Each :class:`ManagementItem` has a stable ``id`` (learners tick these), a plain title, the
``pillar`` it belongs to (the source article's six management pillars, plus red flags,
assessment, imaging, education, spine essentials, other treatments and referral), what to
do in the kit's own words, and a :class:`Position` for each guideline that speaks to it
(NICE NG226, NG59, NG65; ACR/AF 2019; OARSI 2019; ACR Appropriateness Criteria). Only
graded recommendations carry a strength; reviews, frameworks and pathways "advise".
Where the article goes beyond the guidelines, ``beyond_guidelines`` says so plainly.

The catalogue is split by pillar: :mod:`.safety` (red-flag referrals, safety-netting,
assess further), :mod:`.diagnosis` (assessment, imaging, education), :mod:`.hip`
(mobility, strength, walking, weight), :mod:`.treatments` (inflammation, targeted
treatments) and :mod:`.spine` (NICE NG59 essentials, other treatments, referral); the
record types and thresholds are in :mod:`.model`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from hipback.knowledge.management.diagnosis import ASSESSMENT, EDUCATION, IMAGING
from hipback.knowledge.management.hip import HIP_PILLARS, WEIGHT
from hipback.knowledge.management.model import (
    ARTICLE_PILLARS,
    DIRECTIONS,
    FUNCTION_FIELDS,
    NEVER_RECOMMENDED,
    NG226_CLINICAL_DIAGNOSIS_AGE,
    NG226_MORNING_STIFFNESS_MINUTES,
    OVERWEIGHT_BMI,
    PILLARS,
    STATUSES,
    STRENGTHS,
    TAGS,
    EvidenceNote,
    ManagementItem,
    Position,
    derive_status,
)
from hipback.knowledge.management.safety import RED_FLAG_ITEM, SAFETY_ITEMS
from hipback.knowledge.management.spine import OTHER, REFERRAL, SPINE
from hipback.knowledge.management.treatments import INFLAMMATION, TARGETED

#: Every management item, red-flag referrals first.
MANAGEMENT_ITEMS: tuple[ManagementItem, ...] = (
    *SAFETY_ITEMS[:-1],
    *ASSESSMENT,
    SAFETY_ITEMS[-1],  # assess further
    *IMAGING,
    *EDUCATION,
    *HIP_PILLARS,
    *INFLAMMATION,
    *WEIGHT,
    *TARGETED,
    *SPINE,
    *OTHER,
    *REFERRAL,
)

ITEM_BY_ID: Mapping[str, ManagementItem] = MappingProxyType(
    {item.id: item for item in MANAGEMENT_ITEMS}
)


def items_by_pillar(
    items: Iterable[ManagementItem] = MANAGEMENT_ITEMS,
) -> dict[str, tuple[ManagementItem, ...]]:
    """Group items by pillar, in :data:`PILLARS` order (empty pillars left out).

    Examples
    --------
    >>> groups = items_by_pillar()
    >>> next(iter(groups))
    'red flag'
    >>> [i.id for i in groups["weight management"]]
    ['weight_management', 'check_bmi']
    """
    items = tuple(items)
    out = {p: tuple(i for i in items if i.pillar == p) for p in PILLARS}
    return {p: group for p, group in out.items() if group}


__all__ = [
    "ARTICLE_PILLARS",
    "DIRECTIONS",
    "FUNCTION_FIELDS",
    "ITEM_BY_ID",
    "MANAGEMENT_ITEMS",
    "NEVER_RECOMMENDED",
    "NG226_CLINICAL_DIAGNOSIS_AGE",
    "NG226_MORNING_STIFFNESS_MINUTES",
    "OVERWEIGHT_BMI",
    "PILLARS",
    "RED_FLAG_ITEM",
    "STATUSES",
    "STRENGTHS",
    "TAGS",
    "EvidenceNote",
    "ManagementItem",
    "Position",
    "derive_status",
    "items_by_pillar",
]
