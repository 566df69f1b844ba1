"""What the lesson notebooks call, in one import: ``from hipback.teaching import lessons``.

The notebooks in ``notebooks/`` stay short because everything they repeat lives in the
teaching layer; this module gathers it under one name (and keeps every name it has
always had), while each job lives in a module of its own:

* :mod:`hipback.teaching.lesson_table` — :data:`LESSONS` (``lessons.yaml``), a lesson's
  header and navigation, the lesson map (``python -m hipback.teaching.lessons`` prints
  the README's);
* :mod:`hipback.teaching.generated_cells` — which notebook cells are generated, what they
  hold (including the glossary box), :func:`refresh_generated_cells` (``make lessons``)
  and :func:`generated_drift` (``tests/test_notebooks_hygiene.py``);
* :mod:`hipback.teaching.notebook_setup` — :func:`setup`, the first call of every lesson,
  and the educational-use :func:`disclaimer`;
* :mod:`hipback.teaching.teaching_cases` — the named cases the lessons share
  (:data:`TEACHING_CASES`, :data:`MECHANISM_CASES`) and their plain-text views;
* :mod:`hipback.teaching.views` — the lesson tables (findings, pre-tests, management).

The self-check items live in ``hipback/teaching/selfchecks/*.yaml`` and are marked by
:mod:`hipback.teaching.selfcheck`; the discussion prompts, session plans and handouts in
:mod:`hipback.teaching.questions`. No clinical rule is defined in the teaching layer:
every label, probability and number comes from :mod:`hipback.reasoning`,
:mod:`hipback.knowledge` and :mod:`hipback.management`.
"""

from __future__ import annotations

from hipback.teaching.generated_cells import (
    GENERATED_TAGS,
    GLOSSARY_TAG,
    HEADER_TAG,
    MAP_TAG,
    NAV_TAG,
    REFRESH_COMMAND,
    generated_drift,
    generated_source,
    glossary,
    glossary_markdown,
    mark_generated,
    refresh_generated_cells,
)
from hipback.teaching.lesson_table import (
    LESSON_BY_FILE,
    LESSON_TABLE,
    LESSONS,
    Lesson,
    header_markdown,
    lesson,
    lesson_map,
    nav_markdown,
)
from hipback.teaching.notebook_setup import Disclaimer, disclaimer, setup
from hipback.teaching.teaching_cases import (
    MECHANISM_CASES,
    TEACHING_CASES,
    change_words,
    compare_cases,
    describe_case,
    mechanism_example,
    teaching_case,
)
from hipback.teaching.views import (
    article_divergences,
    calibration_verdict,
    evidence_qualifiers,
    finding_note,
    findings_table,
    item_evidence,
    joint_vs_product,
    management_table,
    mechanism_table,
    pretest_table,
)

__all__ = [
    "GENERATED_TAGS",
    "GLOSSARY_TAG",
    "HEADER_TAG",
    "LESSONS",
    "LESSON_BY_FILE",
    "LESSON_TABLE",
    "MAP_TAG",
    "MECHANISM_CASES",
    "NAV_TAG",
    "REFRESH_COMMAND",
    "TEACHING_CASES",
    "Disclaimer",
    "Lesson",
    "article_divergences",
    "calibration_verdict",
    "change_words",
    "compare_cases",
    "describe_case",
    "disclaimer",
    "evidence_qualifiers",
    "finding_note",
    "findings_table",
    "generated_drift",
    "generated_source",
    "glossary",
    "glossary_markdown",
    "mark_generated",
    "header_markdown",
    "item_evidence",
    "joint_vs_product",
    "lesson",
    "lesson_map",
    "management_table",
    "mechanism_example",
    "mechanism_table",
    "nav_markdown",
    "pretest_table",
    "refresh_generated_cells",
    "setup",
    "teaching_case",
]


if __name__ == "__main__":  # pragma: no cover - prints the README's lesson map
    print(lesson_map(link_prefix="notebooks/"))
