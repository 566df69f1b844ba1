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
  viewer and on paper. The questions, discussion prompts, session plan and
  handouts live in :mod:`hipback.teaching.questions` (re-exported here); any number
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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
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
    """

    number: int
    file: str
    title: str
    minutes: int
    objectives: tuple[str, ...]
    audience: str = "students"

    @property
    def label(self) -> str:
        """``"02 · Telling them apart"``."""
        return f"{self.number:02d} · {self.title}"


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        0,
        "00_start_here.ipynb",
        "Start here",
        10,
        (
            "Run a cell and move between the lessons.",
            "Say what the kit is for, and what it must not be used for.",
            "Read one reasoning printout: the label, the two probabilities and the findings "
            "behind them.",
        ),
    ),
    Lesson(
        1,
        "01_hip_meets_back.ipynb",
        "The hip meets the back",
        15,
        (
            "Describe hip osteoarthritis and its typical symptoms in plain words.",
            "Explain the five ways the article links a painful hip to low back pain.",
            "Name, for each way, findings you could ask about or examine.",
        ),
    ),
    Lesson(
        2,
        "02_telling_them_apart.ipynb",
        "Telling them apart",
        25,
        (
            "Read a likelihood ratio and say how far a finding should move your estimate.",
            "Turn a pre-test probability into a post-test probability, with arithmetic and "
            "with a Fagan nomogram.",
            "Name four places where published evidence qualifies the article's comparison table.",
        ),
    ),
    Lesson(
        3,
        "03_case_explorer.ipynb",
        "Case explorer",
        20,
        (
            "Predict how a change in one finding moves the reasoning, then check.",
            "Find the smallest change that turns a hip-driven case into a spine-driven one.",
            "Explain why red flags override the hip-or-spine reasoning.",
        ),
    ),
    Lesson(
        4,
        "04_management.ipynb",
        "Management",
        20,
        (
            "List the article's six pillars of management and the guideline position on each.",
            "Spot where the article goes further than NICE, ACR and OARSI guidance.",
            "Build a plan for a case and explain each difference from the recommended one.",
        ),
    ),
    Lesson(
        5,
        "05_case_quiz.ipynb",
        "Case quiz",
        15,
        (
            "Decide hip, spine or combined for short case stories and justify the call.",
            "Recognise a red flag inside a case story.",
            "Use the feedback to see which findings you over- or under-weighted.",
        ),
    ),
    Lesson(
        6,
        "06_cohort_lab.ipynb",
        "Cohort lab",
        20,
        (
            "Describe how the synthetic cohort is generated and why it is not the model's "
            "own assumptions.",
            "Read an accuracy figure, a confusion table and a calibration chart.",
            "Explain why a model that adds up overlapping findings is over-confident.",
        ),
    ),
    Lesson(
        7,
        "07_lecturer_guide.ipynb",
        "Lecturer guide",
        10,
        (
            "Plan a 90-minute session with the kit, minute by minute.",
            "Start the code-free app and print case cards with a separate answer key.",
            "Run the discussion prompts from the question handout.",
        ),
        audience="lecturers",
    ),
)

LESSON_BY_FILE: dict[str, Lesson] = {lesson.file: lesson for lesson in LESSONS}

#: Cell tags that mark generated cells; :func:`refresh_generated_cells` rewrites them.
HEADER_TAG = "hipback-header"
NAV_TAG = "hipback-nav"
MAP_TAG = "hipback-lesson-map"
GENERATED_TAGS: tuple[str, ...] = (HEADER_TAG, NAV_TAG, MAP_TAG)


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
        lines.append(f"| {item.number:02d} | {title} | {item.minutes} min | {goals} |")
    student = sum(x.minutes for x in LESSONS if x.audience == "students")
    lines.append("")
    lines.append(f"The student path (00–06) takes about {student} minutes in all.")
    return "\n".join(lines)


def generated_source(tag: str, number: int) -> str:
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
    raise HipbackInputError(f"tag: {tag!r} is not generated; allowed: {GENERATED_TAGS}")


def _cell_tags(cell: Mapping[str, Any]) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _source(cell: Mapping[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def generated_drift(notebook: Mapping[str, Any], number: int) -> list[str]:
    """Generated cells in a notebook (a JSON dict) that differ from the lesson table.

    Returns one line per stale cell; empty when all are current.

    Examples
    --------
    >>> generated_drift({"cells": []}, 0)
    ['lesson 0: no cell tagged hipback-header', 'lesson 0: no cell tagged hipback-nav', \
'lesson 0: no cell tagged hipback-lesson-map']
    """
    problems = []
    required = [HEADER_TAG, NAV_TAG] + ([MAP_TAG] if number == 0 else [])
    cells = notebook.get("cells", [])
    for tag in GENERATED_TAGS:
        tagged = [c for c in cells if tag in _cell_tags(c)]
        if not tagged and tag in required:
            problems.append(f"lesson {number}: no cell tagged {tag}")
        want = generated_source(tag, number) if tagged else ""
        for k, cell in enumerate(tagged):
            if _source(cell) != want:
                problems.append(f"lesson {number}: generated cell {tag} #{k} is out of date")
    return problems


def refresh_generated_cells(notebook: Any, number: int) -> int:
    """Rewrite every generated cell of a notebook (nbformat node or dict) in place.

    Returns the number of cells changed.

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "markdown", "metadata": {"tags": [NAV_TAG]},
    ...                  "source": "old"}]}
    >>> refresh_generated_cells(nb, 3), nb["cells"][0]["source"] == nav_markdown(3)
    (1, True)
    """
    changed = 0
    for cell in notebook["cells"]:
        for tag in GENERATED_TAGS:
            if tag in _cell_tags(cell):
                want = generated_source(tag, number)
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
    import plotly.io as pio

    pio.renderers.default = "plotly_mimetype"
    return disclaimer()


# --- self-checks ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Option:
    """One answer to a self-check question, with the feedback it gives.

    Examples
    --------
    >>> Option("No", True, "Pain below the knee is common in hip OA.").correct
    True
    """

    text: str
    correct: bool
    why: str


@dataclass(frozen=True, slots=True)
class Question:
    """A self-check question: a prompt and answers that each explain themselves.

    At least one option must be right; otherwise :class:`~hipback.HipbackInputError`.

    Examples
    --------
    >>> q = Question("Does pain below the knee rule out the hip?",
    ...              (Option("No", True, "About half of people with hip OA have it."),
    ...               Option("Yes", False, "Hip pain can travel below the knee.")))
    >>> print(self_check([q]))
    Self-check: 1 question.
    1. Does pain below the knee rule out the hip?
       A. No
       B. Yes
    Answers:
    1A right: About half of people with hip OA have it.
    1B not right: Hip pain can travel below the knee.
    """

    prompt: str
    options: tuple[Option, ...]

    def __post_init__(self) -> None:
        if not any(o.correct for o in self.options):
            raise HipbackInputError(f"question {self.prompt!r}: no option is marked correct")


_LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class SelfCheck:
    """Questions rendered without widgets: open an answer to see whether it is right and why.

    The plain-text form (what nbval compares and what prints on paper) lists
    the answers after the questions.
    """

    questions: tuple[Question, ...]
    title: str = "Self-check"

    def __repr__(self) -> str:
        count = len(self.questions)
        lines = [f"{self.title}: {count} question{'s' if count != 1 else ''}."]
        for k, q in enumerate(self.questions, start=1):
            lines.append(f"{k}. {q.prompt}")
            for letter, o in zip(_LETTERS, q.options, strict=False):
                lines.append(f"   {letter}. {o.text}")
        lines.append("Answers:")
        for k, q in enumerate(self.questions, start=1):
            for letter, o in zip(_LETTERS, q.options, strict=False):
                verdict = "right" if o.correct else "not right"
                lines.append(f"{k}{letter} {verdict}: {o.why}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        parts = [
            "<div class='hipback-self-check'>",
            f"<p><b>{escape(self.title)}</b>: choose an answer, then open it (click, or Tab "
            "and Enter) to see whether it is right and why.</p>",
        ]
        for k, q in enumerate(self.questions, start=1):
            parts.append(f"<p><b>{k}. {escape(q.prompt)}</b></p>")
            for letter, o in zip(_LETTERS, q.options, strict=False):
                verdict = "&#10004; Right." if o.correct else "&#10008; Not quite."
                parts.append(
                    "<details style='margin:2px 0 2px 1em'>"
                    f"<summary>{letter}. {escape(o.text)}</summary>"
                    f"<div style='margin-left:1.5em'>{verdict} {escape(o.why)}</div></details>"
                )
        parts.append("</div>")
        return "".join(parts)


def self_check(questions: int | Sequence[Question], title: str = "Self-check") -> SelfCheck:
    """End-of-lesson questions whose answers explain why.

    Parameters
    ----------
    questions : int or sequence of Question
        A lesson number (its questions from :data:`SELF_CHECKS`) or questions.
    title : str
        Heading shown above them.

    Examples
    --------
    >>> check = self_check(0)
    >>> len(check.questions) >= 2
    True
    >>> "Answers:" in repr(check)
    True
    """
    if isinstance(questions, int) and not isinstance(questions, bool):
        lesson(questions)  # validates the number
        from hipback.teaching.questions import SELF_CHECKS

        chosen = tuple(SELF_CHECKS[questions]())
    else:
        chosen = tuple(questions)
        bad = [q for q in chosen if not isinstance(q, Question)]
        if bad or not chosen:
            raise HipbackInputError(
                "questions: expected a lesson number or a non-empty sequence of Question; "
                f"got {questions!r}"
            )
    return SelfCheck(chosen, title)


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
#: :data:`hipback.knowledge.findings.MECHANISMS`), showing findings that mechanism explains. Each
#: keeps groin pain so its label is clearly "hip" (the back pain is the consequence).
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
    "pelvic_imbalance": Case(
        age=64,
        sex="female",
        pain_groin=True,
        pain_buttock=True,
        pain_lower_back=True,
        hip_rotation_limited=True,
        spine_stiffness_bending=True,
    ),
    "shared_nerves": Case(
        age=70,
        sex="female",
        pain_groin=True,
        pain_anterior_thigh=True,
        pain_below_knee=True,
        hip_rotation_limited=True,
    ),
    "weak_core_glutes": Case(
        age=61,
        sex="female",
        pain_groin=True,
        pain_lower_back=True,
        pain_buttock=True,
        limp=True,
        worse_sit_to_stand=True,
        worse_stairs=True,
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
        lines.append("No finding in the case record measures this mechanism directly.")
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
    Changed: pain_groin False -> True
    """
    changes = [
        f"{name} {getattr(before, name)!r} -> {getattr(after, name)!r}"
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


def _pct(p: float) -> str:
    return f"{p:.0%}"


#: Names that live in :mod:`hipback.teaching.questions` (loaded on first use, because that
#: module builds its questions from the helpers above).
_FROM_QUESTIONS = frozenset(
    {
        "DISCUSSION_PROMPTS",
        "HANDOUTS",
        "SELF_CHECKS",
        "SESSION_PLAN",
        "Slot",
        "handout_html",
        "handout_markdown",
        "session_plan",
    }
)

__all__ = [
    "GENERATED_TAGS",
    "HEADER_TAG",
    "LESSONS",
    "LESSON_BY_FILE",
    "MAP_TAG",
    "MECHANISM_CASES",
    "NAV_TAG",
    "TEACHING_CASES",
    "Disclaimer",
    "Lesson",
    "Option",
    "Question",
    "SelfCheck",
    "article_divergences",
    "calibration_verdict",
    "compare_cases",
    "describe_case",
    "disclaimer",
    "evidence_qualifiers",
    "finding_note",
    "findings_table",
    "generated_drift",
    "generated_source",
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
    "self_check",
    "setup",
    "teaching_case",
    *sorted(_FROM_QUESTIONS),
]


def __getattr__(name: str) -> Any:
    if name in _FROM_QUESTIONS:
        from hipback.teaching import questions as lesson_questions

        return getattr(lesson_questions, name)
    raise AttributeError(f"module 'hipback.teaching.lessons' has no attribute {name!r}")


if __name__ == "__main__":  # pragma: no cover - prints the README's lesson map
    print(lesson_map(link_prefix="notebooks/"))
