"""Management: the recommended plan for a case, and the grader of a learner's plan.

``recommend`` (:mod:`.recommend`) turns a case and its reasoning into a :class:`Plan`
(:mod:`.plan`), red flags first and graded; ``recommend_for_label`` builds the plan for a
given pain driver; ``compare_plan`` (:mod:`.grading`) sorts a learner's chosen items
against a plan. The catalogue of items and their guideline positions is knowledge:
:mod:`hipback.knowledge.management`, re-exported here.
"""

from hipback.knowledge.management import (
    ARTICLE_PILLARS,
    DIRECTIONS,
    FUNCTION_FIELDS,
    ITEM_BY_ID,
    MANAGEMENT_ITEMS,
    NEVER_RECOMMENDED,
    NG226_CLINICAL_DIAGNOSIS_AGE,
    NG226_MORNING_STIFFNESS_MINUTES,
    OVERWEIGHT_BMI,
    PILLARS,
    RED_FLAG_ITEM,
    STATUSES,
    STRENGTHS,
    TAGS,
    EvidenceNote,
    ManagementItem,
    Position,
    derive_status,
    items_by_pillar,
)
from hipback.management.grading import CATEGORIES, Feedback, PlanComparison, compare_plan
from hipback.management.plan import Plan, PlanItem
from hipback.management.recommend import PLAN_LABELS, recommend, recommend_for_label

__all__ = [
    "ARTICLE_PILLARS",
    "CATEGORIES",
    "DIRECTIONS",
    "EvidenceNote",
    "FUNCTION_FIELDS",
    "Feedback",
    "ITEM_BY_ID",
    "MANAGEMENT_ITEMS",
    "ManagementItem",
    "NEVER_RECOMMENDED",
    "NG226_CLINICAL_DIAGNOSIS_AGE",
    "NG226_MORNING_STIFFNESS_MINUTES",
    "OVERWEIGHT_BMI",
    "PILLARS",
    "PLAN_LABELS",
    "Plan",
    "PlanComparison",
    "PlanItem",
    "Position",
    "RED_FLAG_ITEM",
    "STATUSES",
    "STRENGTHS",
    "TAGS",
    "compare_plan",
    "derive_status",
    "items_by_pillar",
    "recommend",
    "recommend_for_label",
]
