"""What the lesson notebooks call: the lesson table, navigation, set-up and self-checks.

The notebooks in ``notebooks/`` stay short because everything they repeat lives
here:

* :data:`LESSONS` is the one table of lessons (number, file, title, minutes,
  objectives). The opening cell of every notebook, the navigation cells
  (previous · contents · next), the lesson map in ``00_start_here`` and the
  README's lesson map (``python -m hipback.teaching.lessons``) are all generated from it
  (:func:`header_markdown`, :func:`nav_markdown`, :func:`lesson_map`,
  :func:`refresh_generated_cells`), and ``tests/test_notebooks_hygiene.py``
  fails when a notebook drifts from it.
* :func:`setup` is the first call of every notebook: it fixes the plotly
  renderer (so stored figures are small and identical run to run) and shows the
  educational-use disclaimer.
* :func:`self_check` renders the end-of-lesson questions. It needs no widgets:
  each answer is a keyboard-operable ``<details>`` element that opens to say
  whether it is right and *why*, so it works in JupyterLab, Voilà, a static
  viewer and on paper. The discussion prompts, session plans and handouts live in
  :mod:`hipback.teaching.questions`; any number
  they quote is read from the knowledge modules.
* The named teaching cases (:data:`TEACHING_CASES`, :data:`MECHANISM_CASES`)
  and their plain-text views (:func:`describe_case`, :func:`compare_cases`,
  :func:`mechanism_example`); the table views of :mod:`hipback.teaching.views`
  are re-exported too.

No clinical rule is defined here: every label, probability and number comes from
:mod:`hipback.reasoning`, :mod:`hipback.knowledge.findings`, :mod:`hipback.knowledge.red_flags` and
:mod:`hipback.management`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.knowledge.findings import FINDINGS, MECHANISMS
from hipback.reasoning import DISCLAIMER, classify
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

if TYPE_CHECKING:
    pass

# --- the lesson table ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lesson:
    """One lesson notebook.

    Attributes
    ----------
    number : int
        0-7; also the file's prefix.
    file : str
        Notebook file name inside ``notebooks/``.
    title : str
        Title shown in the header, the map and the navigation.
    minutes : int
        Time a student needs, reading and answering the self-check.
    objectives : tuple of str
        What a student can check themselves against at the end.
    audience : str
        "students" or "lecturers".
    optional : bool
        True for a lesson students may skip (shown as such in the map).
    """

    number: int
    file: str
    title: str
    minutes: int
    objectives: tuple[str, ...]
    audience: str = "students"
    optional: bool = False

    def objective_id(self, k: int) -> str:
        """``"02-1"`` for the first objective of lesson 02 (``k`` counts from 1)."""
        return f"{self.number:02d}-{k}"

    @property
    def objective_ids(self) -> tuple[str, ...]:
        return tuple(self.objective_id(k) for k in range(1, len(self.objectives) + 1))

    @property
    def label(self) -> str:
        """``"02 · Telling them apart"``."""
        return f"{self.number:02d} · {self.title}"


#: The lesson table file: a lecturer edits titles, times and objectives here.
LESSON_TABLE = Path(__file__).resolve().parent / "lessons.yaml"


def _read_lessons() -> tuple[Lesson, ...]:
    import yaml

    data = yaml.safe_load(LESSON_TABLE.read_text(encoding="utf-8"))
    return tuple(
        Lesson(
            int(raw["number"]),
            str(raw["file"]),
            str(raw["title"]),
            int(raw["minutes"]),
            tuple(str(x) for x in raw["objectives"]),
            str(raw.get("audience", "students")),
            bool(raw.get("optional", False)),
        )
        for raw in data["lessons"]
    )


LESSONS: tuple[Lesson, ...] = _read_lessons()

LESSON_BY_FILE: dict[str, Lesson] = {lesson.file: lesson for lesson in LESSONS}

#: What marks a generated cell: ``cell.metadata["hipback"]["generated"]`` holds one of
#: these names (the same names are kept as cell tags, which JupyterLab shows).
#: :func:`refresh_generated_cells` rewrites such cells; everything else is the lesson's own.
HEADER_TAG = "hipback-header"
NAV_TAG = "hipback-nav"
MAP_TAG = "hipback-lesson-map"
GLOSSARY_TAG = "hipback-glossary"
GENERATED_TAGS: tuple[str, ...] = (HEADER_TAG, NAV_TAG, MAP_TAG, GLOSSARY_TAG)
#: The command that refreshes generated cells (named in every drift message).
REFRESH_COMMAND = "make lessons"


def lesson(number: int) -> Lesson:
    """The lesson with this number.

    Examples
    --------
    >>> lesson(2).file
    '02_telling_them_apart.ipynb'
    """
    for item in LESSONS:
        if item.number == number:
            return item
    raise HipbackInputError(
        f"lesson: {number!r} is not a lesson; allowed: " + ", ".join(str(x.number) for x in LESSONS)
    )


def header_markdown(number: int) -> str:
    """The opening cell of a lesson: title, time and objectives.

    Examples
    --------
    >>> print(header_markdown(0).splitlines()[0])
    # 00 · Start here
    """
    item = lesson(number)
    who = "Lecturers" if item.audience == "lecturers" else "Time"
    lines = [
        f"# {item.label}",
        "",
        f"**{who}:** about {item.minutes} minutes. **By the end you can:**",
        "",
    ]
    lines += [f"{k}. {text}" for k, text in enumerate(item.objectives, start=1)]
    if item.optional:
        lines += ["", "*Optional, for the curious: the other lessons do not need this one.*"]
    return "\n".join(lines)


def nav_markdown(number: int) -> str:
    """The navigation line of a lesson: previous · contents · next.

    Examples
    --------
    >>> nav_markdown(1)
    '[← 00 · Start here](00_start_here.ipynb) · [Contents](00_start_here.ipynb#Lesson-map) \
· [02 · Telling them apart →](02_telling_them_apart.ipynb)'
    """
    item = lesson(number)
    index = LESSONS.index(item)
    parts = []
    if index > 0:
        prev = LESSONS[index - 1]
        parts.append(f"[← {prev.label}]({prev.file})")
    parts.append(f"[Contents]({LESSONS[0].file}#Lesson-map)")
    if index < len(LESSONS) - 1:
        nxt = LESSONS[index + 1]
        parts.append(f"[{nxt.label} →]({nxt.file})")
    return " · ".join(parts)


def lesson_map(link_prefix: str = "") -> str:
    """The lesson map as a markdown table (00_start_here and the README use it).

    Parameters
    ----------
    link_prefix : str
        Put before each file name: ``""`` inside ``notebooks/``, ``"notebooks/"``
        in the README.

    Examples
    --------
    >>> lesson_map().splitlines()[0]
    '| # | Lesson | Time | You will be able to |'
    """
    lines = ["| # | Lesson | Time | You will be able to |", "|---|---|---|---|"]
    for item in LESSONS:
        goals = "<br>".join(f"• {text}" for text in item.objectives)
        title = f"[{item.title}]({link_prefix}{item.file})"
        if item.audience == "lecturers":
            title += " (for lecturers)"
        if item.optional:
            title += " (optional)"
        lines.append(f"| {item.number:02d} | {title} | {item.minutes} min | {goals} |")
    core = [x for x in LESSONS if x.audience == "students" and not x.optional]
    extra = sum(x.minutes for x in LESSONS if x.audience == "students" and x.optional)
    lines.append("")
    lines.append(
        f"The student path ({core[0].number:02d}–{core[-1].number:02d}) takes about "
        f"{sum(x.minutes for x in core)} minutes; the optional lesson adds {extra}."
    )
    return "\n".join(lines)


def _words(text: str) -> str:
    import re

    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()) + " "


def glossary() -> list[dict[str, Any]]:
    """The glossary entries (term, match, definition, citation), read from the one source
    of truth, :data:`hipback.knowledge.glossary.GLOSSARY`, in its order."""
    from hipback.knowledge.glossary import GLOSSARY
    from hipback.knowledge.references import reference

    return [
        {
            "term": t.term,
            "match": list(t.spellings),
            "definition": t.definition,
            "citation": "" if t.source == "plain" else reference(t.source).short,
        }
        for t in GLOSSARY.values()
    ]


def _lesson_text(notebook: Mapping[str, Any]) -> str:
    """What a learner reads in a notebook: its own markdown and the outputs' text."""
    parts = []
    for cell in notebook.get("cells", []):
        meta = cell.get("metadata", {})
        if (meta.get("hipback") or {}).get("generated"):
            continue
        if cell.get("cell_type") == "markdown":
            parts.append(_source(cell))
        for out in cell.get("outputs", []):
            text = out.get("text", "")
            parts.append("".join(text) if isinstance(text, list) else text)
            plain = out.get("data", {}).get("text/plain", "")
            parts.append("".join(plain) if isinstance(plain, list) else plain)
    return "\n".join(parts)


def glossary_markdown(notebook: Mapping[str, Any]) -> str:
    """The "Words used in this lesson" box: every glossary term the lesson uses, defined.

    Examples
    --------
    >>> cell = {"cell_type": "markdown", "metadata": {}, "source": "Saddle: cauda equina."}
    >>> nb = {"cells": [cell]}
    >>> print(glossary_markdown(nb))
    **Words used in this lesson**
    <BLANKLINE>
    - **cauda equina**: The bundle of nerve roots below the end of the spinal cord; ...
    """
    text = _words(_lesson_text(notebook))
    lines = ["**Words used in this lesson**", ""]
    for entry in glossary():
        if any(_words(m.strip()) in text for m in entry["match"]):
            cite = f" ({entry['citation']})" if entry["citation"] else ""
            lines.append(f"- **{entry['term']}**: {entry['definition']}{cite}")
    return "\n".join(lines) if len(lines) > 2 else ""


def generated_source(tag: str, number: int, notebook: Mapping[str, Any] | None = None) -> str:
    """What a generated cell with this tag must contain in lesson ``number``.

    Examples
    --------
    >>> generated_source(NAV_TAG, 7).endswith("(00_start_here.ipynb#Lesson-map)")
    True
    """
    if tag == HEADER_TAG:
        return header_markdown(number)
    if tag == NAV_TAG:
        return nav_markdown(number)
    if tag == MAP_TAG:
        return "## Lesson map\n\n" + lesson_map()
    if tag == GLOSSARY_TAG:
        return glossary_markdown(notebook or {})
    raise HipbackInputError(f"tag: {tag!r} is not generated; allowed: {GENERATED_TAGS}")


def _cell_tags(cell: Mapping[str, Any]) -> list[str]:
    """The generated-cell marker of a cell (metadata first, then its tags)."""
    meta = cell.get("metadata", {})
    marker = (meta.get("hipback") or {}).get("generated")
    return [marker] if marker else list(meta.get("tags", []))


def mark_generated(cell: Any, tag: str) -> None:
    """Mark a cell (nbformat node or dict) as generated with ``tag``."""
    meta = cell.setdefault("metadata", {})
    meta.setdefault("hipback", {})["generated"] = tag
    tags = meta.setdefault("tags", [])
    if tag not in tags:
        tags.append(tag)


def _source(cell: Mapping[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def generated_drift(notebook: Mapping[str, Any], number: int) -> list[str]:
    """Generated cells in a notebook (a JSON dict) that differ from the lesson table.

    Returns one line per stale cell; empty when all are current.

    Examples
    --------
    >>> generated_drift({"cells": []}, 0)[0]
    'lesson 0: no generated hipback-header cell'
    """
    problems = []
    required = [HEADER_TAG, NAV_TAG] + ([MAP_TAG] if number == 0 else [])
    cells = notebook.get("cells", [])
    for tag in GENERATED_TAGS:
        tagged = [c for c in cells if tag in _cell_tags(c)]
        if not tagged and tag in required:
            problems.append(f"lesson {number}: no generated {tag} cell")
        want = generated_source(tag, number, notebook) if tagged else ""
        for k, cell in enumerate(tagged):
            if _source(cell) != want:
                problems.append(
                    f"lesson {number}: generated cell {tag} #{k} is out of date "
                    f"(run `{REFRESH_COMMAND}`)"
                )
    return problems


def _new_markdown(tag: str, number: int, notebook: Any = None) -> dict[str, Any]:
    source = generated_source(tag, number, notebook)
    cell = {"cell_type": "markdown", "metadata": {}, "source": source}
    mark_generated(cell, tag)
    return cell


def _add_missing_generated_cells(notebook: Any, number: int) -> int:
    """A new lesson gets its header, navigation (top and bottom) and, for 00, the map."""
    cells = notebook["cells"]
    have = [t for c in cells for t in _cell_tags(c)]
    added = 0
    if HEADER_TAG not in have:
        cells.insert(0, _new_markdown(HEADER_TAG, number))
        added += 1
    if have.count(NAV_TAG) == 0:
        cells.insert(1, _new_markdown(NAV_TAG, number))
        cells.append(_new_markdown(NAV_TAG, number))
        added += 2
    if GLOSSARY_TAG not in have:
        cells.insert(2, _new_markdown(GLOSSARY_TAG, number, notebook))
        added += 1
    if number == 0 and MAP_TAG not in have:
        cells.insert(len(cells) - 1, _new_markdown(MAP_TAG, number))
        added += 1
    try:  # nbformat nodes want ids; plain dicts in doctests do not need them
        from nbformat import NotebookNode
        from nbformat.v4 import new_markdown_cell

        for k, cell in enumerate(cells):
            if not isinstance(cell, NotebookNode) and isinstance(notebook, NotebookNode):
                node = new_markdown_cell(cell["source"], metadata=cell["metadata"])
                cells[k] = node
    except ImportError:  # pragma: no cover - nbformat comes with JupyterLab
        pass
    return added


def refresh_generated_cells(notebook: Any, number: int) -> int:
    """Rewrite every generated cell of a notebook (nbformat node or dict) in place.

    A notebook without a header or navigation (a new lesson) gets them added. Returns
    the number of cells changed or added.

    Examples
    --------
    >>> nb = {"cells": []}
    >>> refresh_generated_cells(nb, 3), nb["cells"][1]["source"] == nav_markdown(3)
    (4, True)
    >>> [c["metadata"]["hipback"]["generated"] for c in nb["cells"]]
    ['hipback-header', 'hipback-nav', 'hipback-glossary', 'hipback-nav']
    >>> nb["cells"][1]["source"] = "old"
    >>> refresh_generated_cells(nb, 3)
    1
    """
    changed = _add_missing_generated_cells(notebook, number)
    for cell in notebook["cells"]:
        for tag in GENERATED_TAGS:
            if tag in _cell_tags(cell):
                want = generated_source(tag, number, notebook)
                mark_generated(cell, tag)
                if _source(cell) != want:
                    cell["source"] = want
                    changed += 1
    return changed


# --- set-up and the disclaimer ------------------------------------------------------------


class Disclaimer:
    """The educational-use notice, displayed as a boxed note (text and HTML).

    Examples
    --------
    >>> "not medical advice" in repr(disclaimer())
    True
    """

    def __repr__(self) -> str:
        return DISCLAIMER

    def _repr_html_(self) -> str:
        # A thick border and bold text, not colour alone, mark the notice.
        return (
            "<div role='note' style='border:2px solid #444;padding:6px 10px;margin:4px 0'>"
            f"<b>{escape(DISCLAIMER)}</b></div>"
        )


def disclaimer() -> Disclaimer:
    """The educational-use disclaimer, ready to display in a notebook or app.

    Examples
    --------
    >>> str(disclaimer()) == DISCLAIMER
    True
    """
    return Disclaimer()


def setup() -> Disclaimer:
    """Prepare a lesson: fix the plotly renderer and return the disclaimer to show.

    ``plotly_mimetype`` stores each figure as a small JSON document (no
    plotly.js, no random ids), which keeps notebooks small and their outputs the
    same from run to run (plotly's mime renderer stores identical JSON on every run).

    Examples
    --------
    >>> setup()
    Educational use only: hipback is a teaching kit, not medical advice, and must not be used \
for clinical decisions.
    """
    import os
    import sys

    import pandas as pd

    if "plotly.io._renderers" in sys.modules:
        import plotly.io as pio

        pio.renderers.default = "plotly_mimetype"
    else:
        # Loading plotly's renderers imports nbformat and jsonschema (1.3 s of a lesson's
        # 1.7 s set-up, measured): they load with the first figure shown, and take this
        # default from the environment then.
        os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"
    # Tables show every column and whole sentences: nothing in a lesson is cut off with "...".
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_columns", None)
    pd.set_option("display.width", 120)
    return disclaimer()


# --- self-checks ---------------------------------------------------------------------------
# The items live in hipback/teaching/selfchecks/*.yaml and are marked by the pure functions of
# :mod:`hipback.teaching.selfcheck`; the notebooks show them with
# :func:`hipback.widgets.self_check` (commit first, then feedback and a score).


# --- teaching cases --------------------------------------------------------------------------

#: Named cases the lessons share. They are presentations, not rules: every label
#: shown for them is computed by :func:`hipback.classify`.
TEACHING_CASES: dict[str, Case] = {
    "hip_driven": Case(
        age=67,
        sex="female",
        bmi=29.0,
        symptom_weeks=40,
        hip_oa_stage="moderate",
        pain_groin=True,
        pain_lower_back=True,
        worse_walking=True,
        worse_stairs=True,
        sitting_effect="eases",
        hip_rotation_limited=True,
        difficulty_shoes_socks=True,
        morning_stiffness_minutes=20,
    ),
    "spine_driven": Case(
        age=45,
        sex="male",
        bmi=26.0,
        symptom_weeks=8,
        hip_oa_stage="none",
        pain_lower_back=True,
        pain_buttock=True,
        pain_below_knee=True,
        worse_bending=True,
        worse_prolonged_sitting=True,
        sitting_effect="worsens",
        spine_stiffness_bending=True,
        numbness_tingling=True,
        positive_slr=True,
    ),
    "combined": Case(
        age=71,
        sex="male",
        bmi=31.0,
        symptom_weeks=60,
        hip_oa_stage="advanced",
        pain_groin=True,
        pain_lower_back=True,
        pain_below_knee=True,
        worse_stairs=True,
        worse_bending=True,
        hip_rotation_limited=True,
        difficulty_shoes_socks=True,
        spine_stiffness_bending=True,
        numbness_tingling=True,
        limp=True,
    ),
    "borderline": Case(
        age=62,
        sex="female",
        bmi=27.0,
        symptom_weeks=20,
        hip_oa_stage="unknown",
        pain_buttock=True,
        pain_anterior_thigh=True,
        worse_walking=True,
        worse_twisting=True,
        difficulty_crossing_legs=True,
        limp=True,
    ),
    "red_flag": Case(
        age=66,
        sex="female",
        symptom_weeks=6,
        hip_oa_stage="early",
        pain_groin=True,
        pain_lower_back=True,
        worse_stairs=True,
        hip_rotation_limited=True,
        history_of_cancer=True,
        night_pain=True,
    ),
}


#: One small case per mechanism of the article (keys of
#: :data:`hipback.knowledge.findings.MECHANISMS`), showing findings that mechanism explains. Most
#: read as "hip" (the back pain is the consequence); in pelvic imbalance the back has become a
#: source of its own ("combined") and in weak core and glutes the overworked back drives the
#: pain ("spine"), as lesson 01 says.
MECHANISM_CASES: dict[str, Case] = {
    "compensation": Case(
        age=66,
        sex="male",
        pain_groin=True,
        pain_lower_back=True,
        limp=True,
        hip_rotation_limited=True,
        worse_walking=True,
    ),
    "pelvic_imbalance": Case(  # combined: the unevenly loaded back is a source too
        age=64,
        sex="female",
        pain_groin=True,
        pain_buttock=True,
        pain_lower_back=True,
        pain_below_knee=True,
        hip_rotation_limited=True,
        spine_stiffness_bending=True,
        worse_bending=True,
        numbness_tingling=True,
        sitting_effect="eases",
    ),
    "shared_nerves": Case(
        age=70,
        sex="female",
        pain_groin=True,
        pain_anterior_thigh=True,
        pain_below_knee=True,
        hip_rotation_limited=True,
    ),
    "weak_core_glutes": Case(  # spine-driven: the overworked back is now the source
        age=61,
        sex="female",
        pain_lower_back=True,
        pain_buttock=True,
        limp=True,
        worse_bending=True,
        worse_prolonged_sitting=True,
        spine_stiffness_bending=True,
        sitting_effect="worsens",
    ),
    "referred_pain": Case(
        age=68,
        sex="male",
        pain_groin=True,
        pain_lower_back=True,
        hip_rotation_limited=True,
        difficulty_shoes_socks=True,
        sitting_effect="eases",
    ),
}


def mechanism_example(key: str) -> str:
    """A mechanism in the kit's words, its example case, and how the kit reads the case.

    Examples
    --------
    >>> mechanism_example("compensation").splitlines()[0]
    'Altered movement and compensation.'
    """
    if key not in MECHANISM_CASES:
        raise HipbackInputError(
            f"key: {key!r} is not a mechanism; allowed: {', '.join(MECHANISM_CASES)}"
        )
    case = MECHANISM_CASES[key]
    r = classify(case)
    name = MECHANISMS[key].partition(":")[0]
    linked = [f.label.lower() for f in FINDINGS if f.mechanism == key and f.present(case)]
    lines = [f"{name}.", "Example: " + describe_case(case).replace("\n", " ")]
    if linked:
        lines.append(f"Findings this mechanism explains here: {', '.join(linked)}.")
    else:
        lines.append(
            "The case record has no test of this mechanism itself: it shows only through "
            "what it causes."
        )
    lines.append(
        f"The kit reads it as: {r.label} (hip source {_pct(r.probabilities['hip'])}, "
        f"spine source {_pct(r.probabilities['spine'])})."
    )
    return "\n".join(lines)


def teaching_case(name: str) -> Case:
    """One of :data:`TEACHING_CASES` by name.

    Examples
    --------
    >>> teaching_case("hip_driven").age
    67
    """
    if name not in TEACHING_CASES:
        raise HipbackInputError(
            f"name: {name!r} is not a teaching case; allowed: {', '.join(TEACHING_CASES)}"
        )
    return TEACHING_CASES[name]


def describe_case(case: Case) -> str:
    """A case as one plain-language line per group of findings.

    Examples
    --------
    >>> describe_case(Case(age=60, limp=True)).splitlines()[0]
    'Age 60, sex unspecified.'
    """
    from hipback.case import FIELDS, GROUPS

    head = [f"Age {case.age}, sex {case.sex}."]
    extra = []
    if case.bmi is not None:
        extra.append(f"BMI {case.bmi:g}")
    if case.symptom_weeks is not None:
        extra.append(f"symptoms for {case.symptom_weeks} weeks")
    if case.hip_oa_stage != "unknown":
        extra.append(f"hip OA stage on record: {case.hip_oa_stage}")
    if extra:
        head[0] = head[0][:-1] + ", " + ", ".join(extra) + "."
    lines = head
    for group in GROUPS[1:]:
        items = []
        for spec in FIELDS:
            if spec.group != group:
                continue
            value = getattr(case, spec.name)
            if spec.kind == "bool" and value:
                items.append(spec.label.lower())
            elif spec.name == "sitting_effect" and value != spec.default:
                items.append(f"sitting {value}")
            elif spec.name == "morning_stiffness_minutes" and value:
                items.append(f"morning stiffness {value} min")
        if items:
            lines.append(f"{group}: {'; '.join(items)}.")
    return "\n".join(lines)


def compare_cases(before: Case, after: Case) -> str:
    """What changed between two cases and how the reasoning moved (plain text).

    Examples
    --------
    >>> print(compare_cases(Case(age=60), Case(age=60, pain_groin=True)).splitlines()[0])
    Changed: pain in the groin: not asked → yes
    """
    changes = [
        change_words(name, getattr(before, name), getattr(after, name))
        for name, _ in before
        if getattr(before, name) != getattr(after, name)
    ]
    a, b = classify(before), classify(after)
    lines = [f"Changed: {'; '.join(changes) or 'nothing'}"]
    for tag, r in (("Before", a), ("After", b)):
        lines.append(
            f"{tag}: {r.label:<8} hip source {_pct(r.probabilities['hip'])}, "
            f"spine source {_pct(r.probabilities['spine'])}"
            + (f", URGENT ({r.urgency})" if r.urgent else "")
        )
    return "\n".join(lines)


def change_words(name: str, old: Any, new: Any) -> str:
    """One changed field in plain words: ``"numbness or tingling in the leg: no → yes"``.

    Examples
    --------
    >>> change_words("limp", True, False)
    'walks with a limp: yes → no'
    """
    from hipback.case import FIELDS

    spec = next((f for f in FIELDS if f.name == name), None)
    label = spec.label.lower() if spec is not None else name.replace("_", " ")

    def word(value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if value is None:
            return "not asked"
        return str(value).replace("_", " ")

    return f"{label}: {word(old)} → {word(new)}"


def _pct(p: float) -> str:
    return f"{p:.0%}"


__all__ = [
    "GENERATED_TAGS",
    "GLOSSARY_TAG",
    "HEADER_TAG",
    "LESSONS",
    "LESSON_BY_FILE",
    "MAP_TAG",
    "MECHANISM_CASES",
    "NAV_TAG",
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
