"""hipback: is the pain coming from the hip, the lumbar spine, or both?

A teaching kit for physiotherapy education. Educational use only: not medical
advice, not for clinical decisions.

The minimum public API::

    from hipback import Case, classify, recommend, generate_cases
    r = classify(Case(age=67, pain_groin=True, hip_rotation_limited=True))
    r.label, r.probabilities, r.red_flags, r.urgent, r.contributions
    recommend(case, r)
    generate_cases(n=100, seed=1)

Figures (plotly) and widgets (ipywidgets) are imported only when used, so
``import hipback`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from hipback.case import BOOL_FIELDS, FIELD_NAMES, FIELDS, Case
from hipback.errors import CaseError, HipbackInputError
from hipback.knowledge.findings import FINDINGS, PRETEST
from hipback.knowledge.red_flags import RED_FLAGS
from hipback.knowledge.references import REFERENCES
from hipback.reasoning import (
    DISCLAIMER,
    LABELS,
    Reasoning,
    classify,
    label_from_probabilities,
    post_test_probability,
)
from hipback.reasoning_frame import classify_frame

__version__ = "0.1.0"

# Names provided by modules that are loaded on first use (they pull in heavier code).
_LAZY = {
    "recommend": "hipback.management",
    "compare_plan": "hipback.management",
    "recommend_for_label": "hipback.management",
    "MANAGEMENT_ITEMS": "hipback.management",
    "generate_cases": "hipback.cohort.sampler",
    "vignette": "hipback.cohort.vignettes",
    "load_cases": "hipback.cohort.datasets",
    "explain_disagreement": "hipback.cohort.explain",
}

__all__ = [
    "BOOL_FIELDS",
    "DISCLAIMER",
    "FIELDS",
    "FIELD_NAMES",
    "FINDINGS",
    "LABELS",
    "PRETEST",
    "RED_FLAGS",
    "REFERENCES",
    "Case",
    "CaseError",
    "HipbackInputError",
    "Reasoning",
    "classify",
    "classify_frame",
    "label_from_probabilities",
    "post_test_probability",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'hipback' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
