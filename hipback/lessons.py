"""What the lesson notebooks call: the lesson table, navigation, set-up and self-checks.

The notebooks in ``notebooks/`` stay short because everything they repeat lives
here:

* :data:`LESSONS` is the one table of lessons (number, file, title, minutes,
  objectives). The opening cell of every notebook, the navigation cells
  (previous · contents · next), the lesson map in ``00_start_here`` and the
  README's lesson map are all generated from it (:func:`header_markdown`,
  :func:`nav_markdown`, :func:`lesson_map`, :func:`refresh_generated_cells`),
  and ``tests/test_notebooks_hygiene.py`` fails when a notebook drifts from it.
* :func:`setup` is the first call of every notebook: it fixes the plotly
  renderer (so stored figures are small and identical run to run) and shows the
  educational-use disclaimer.
* :func:`self_check` renders the end-of-lesson questions. It needs no widgets:
  each answer is a keyboard-operable ``<details>`` element that opens to say
  whether it is right and *why*, so it works in JupyterLab, Voilà, a static
  viewer and on paper. The questions themselves are data (:data:`SELF_CHECKS`);
  any number they quote is read from the knowledge modules.
* Small views of the knowledge modules (:func:`findings_table`,
  :func:`mechanism_table`, :func:`pretest_table`, :func:`evidence_qualifiers`,
  :func:`compare_cases`) and the named teaching cases (:data:`TEACHING_CASES`).

No clinical rule is defined here: every label, probability and number comes from
:mod:`hipback.reasoning`, :mod:`hipback.findings` and :mod:`hipback.red_flags`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.findings import FINDING_BY_NAME, FINDINGS, MECHANISMS, NOT_SCORED, PRETEST
from hipback.reasoning import DISCLAIMER, classify
from hipback.red_flags import RED_FLAG_BY_NAME

if TYPE_CHECKING:
    import pandas as pd

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
        # A thick border and a symbol, not colour alone, mark the notice.
        return (
            "<div role='note' style='border:2px solid #444;padding:6px 10px;margin:4px 0'>"
            f"&#9432; <b>{escape(DISCLAIMER)}</b></div>"
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
    same from run to run (``shared/jupyter-notes.md``).

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
    """One answer to a self-check question, with the feedback it gives."""

    text: str
    correct: bool
    why: str


@dataclass(frozen=True, slots=True)
class Question:
    """A self-check question: a prompt and answers that each explain themselves."""

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


# --- views of the knowledge modules ----------------------------------------------------------


def _pct(p: float) -> str:
    return f"{p:.0%}"


def findings_table(names: Iterable[str] | None = None) -> pd.DataFrame:
    """The findings catalogue as a table: where each comes from and what it is worth.

    Parameters
    ----------
    names : iterable of str, optional
        Finding names to keep (all when omitted), in catalogue order.

    Examples
    --------
    >>> float(findings_table(["pain_groin"]).loc["Groin pain", "LR hip"])
    2.84
    """
    import pandas as pd

    keep = None if names is None else set(names)
    rows = []
    for f in FINDINGS:
        if keep is not None and f.name not in keep:
            continue
        rows.append(
            {
                "Finding": f.label,
                "Article": f.article,
                "Favours": f.favours,
                "LR hip": round(f.hip.lr, 2),
                "LR spine": round(f.spine.lr, 2),
                "Points hip": round(f.hip.points, 1),
                "Points spine": round(f.spine.points, 1),
                "Basis hip": f.hip.basis,
                "Basis spine": f.spine.basis,
                "Source": "; ".join(dict.fromkeys((f.hip.citation, f.spine.citation))),
            }
        )
    if keep is not None:
        unknown = keep - {f.name for f in FINDINGS}
        if unknown:
            raise HipbackInputError(
                f"names: {sorted(unknown)} are not findings; allowed: see hipback.FINDINGS"
            )
    return pd.DataFrame(rows).set_index("Finding")


def mechanism_table() -> pd.DataFrame:
    """The article's five mechanisms with the findings the kit links to each.

    Examples
    --------
    >>> len(mechanism_table())
    5
    """
    import pandas as pd

    rows = []
    for key, sentence in MECHANISMS.items():
        name, _, explanation = sentence.partition(": ")
        linked = [f.label for f in FINDINGS if f.mechanism == key]
        rows.append(
            {
                "Mechanism": name,
                "In plain words": explanation,
                "Findings it explains": ", ".join(linked) or "(none scored)",
            }
        )
    return pd.DataFrame(rows).set_index("Mechanism")


def pretest_table() -> pd.DataFrame:
    """The two starting (pre-test) probabilities, their basis and source.

    Examples
    --------
    >>> list(pretest_table().index)
    ['hip', 'spine']
    """
    import pandas as pd

    rows = [
        {
            "Question": q,
            "Pre-test": _pct(p.probability),
            "Basis": p.basis,
            "Source": p.citation,
            "Why": p.note,
        }
        for q, p in PRETEST.items()
    ]
    return pd.DataFrame(rows).set_index("Question")


def evidence_qualifiers() -> pd.DataFrame:
    """Where the published evidence qualifies the article, from the findings catalogue.

    One row per finding with a caveat and per published figure the kit shows but
    does not score (:data:`hipback.findings.NOT_SCORED`).

    Examples
    --------
    >>> "Pain below the knee" in evidence_qualifiers().index
    True
    """
    import pandas as pd

    rows = [
        {"Topic": f.label, "What the evidence adds": f.caveat, "Article": f.article}
        for f in FINDINGS
        if f.caveat
    ]
    rows += [
        {
            "Topic": topic,
            "What the evidence adds": f"{figure}. Not scored: {why}",
            "Article": "not in the article",
        }
        for topic, figure, why in NOT_SCORED
    ]
    return pd.DataFrame(rows).set_index("Topic")


def finding_note(name: str, question: str) -> str:
    """The evidence note behind one finding's LR for "hip" or "spine", with its citation.

    Examples
    --------
    >>> finding_note("pain_below_knee", "hip").endswith("Khan 2004).")
    True
    """
    if name not in FINDING_BY_NAME:
        raise HipbackInputError(f"name: {name!r} is not a finding; allowed: see FINDINGS")
    if question not in ("hip", "spine"):
        raise HipbackInputError(f"question: {question!r}; allowed: 'hip', 'spine'")
    ev = getattr(FINDING_BY_NAME[name], question)
    return f"{ev.note} (LR {ev.lr:.3g}, {ev.basis}; {ev.citation})."


def management_table(pillars: Iterable[str] | None = None) -> pd.DataFrame:
    """Management items with their pillar, status and each guideline's stance.

    Parameters
    ----------
    pillars : iterable of str, optional
        Pillars to keep (default: the article's six, in its order).

    Examples
    --------
    >>> table = management_table()
    >>> table.loc["Support weight loss", "Pillar"]
    'weight management'
    """
    import pandas as pd

    from hipback.management import ARTICLE_PILLARS, MANAGEMENT_ITEMS, PILLARS

    keep = tuple(ARTICLE_PILLARS if pillars is None else pillars)
    unknown = [p for p in keep if p not in PILLARS]
    if unknown:
        raise HipbackInputError(f"pillars: {unknown} not allowed; allowed: {', '.join(PILLARS)}")
    rows = [
        {
            "Item": item.title,
            "Pillar": item.pillar,
            "Status": item.status,
            "Guidelines": item.guideline_summary,
            "Article goes further": "yes" if item.beyond_guidelines else "",
        }
        for pillar in keep
        for item in MANAGEMENT_ITEMS
        if item.pillar == pillar
    ]
    return pd.DataFrame(rows).set_index("Item")


def item_evidence(item_id: str) -> str:
    """The study results behind one management item, each with its citation.

    Examples
    --------
    >>> "Kim 2015" in item_evidence("routine_imaging_to_confirm")
    True
    """
    from hipback.management import ITEM_BY_ID

    if item_id not in ITEM_BY_ID:
        raise HipbackInputError(f"item_id: {item_id!r} is not a management item")
    notes = ITEM_BY_ID[item_id].evidence
    return "\n".join(f"- {e.text} ({e.citation})." for e in notes) or "(no study notes)"


def article_divergences() -> str:
    """Where the article goes further than the guidelines: item, status, and why.

    Examples
    --------
    >>> article_divergences().splitlines()[0].startswith("-")
    True
    """
    from hipback.management import MANAGEMENT_ITEMS

    lines = []
    for item in MANAGEMENT_ITEMS:
        if item.beyond_guidelines:
            lines.append(f"- {item.title} [{item.status}]: {item.beyond_guidelines}")
            lines += [f"    {e.text} ({e.citation})." for e in item.evidence]
    return "\n".join(lines)


def joint_vs_product(cohort: pd.DataFrame, first: str, second: str, question: str = "hip") -> str:
    """Two findings' LRs in a cohort: each alone, multiplied, and measured together.

    If the findings were independent given the source, the LR of both together
    would equal the product of their LRs, which is what a model that adds points
    assumes. A joint LR below the product shows the double counting.

    Parameters
    ----------
    cohort : pandas.DataFrame
        Cases with ground truth (``hip_source`` and ``spine_source``), e.g. from
        :func:`hipback.generate_cases`.
    first, second : str
        Finding names (see :data:`hipback.findings.FINDINGS`).
    question : {"hip", "spine"}
        Which source the LRs are for.

    Examples
    --------
    >>> from hipback import generate_cases
    >>> joint_vs_product(generate_cases(500, seed=1), "pain_groin", "limp").startswith("Groin")
    True
    """
    import numpy as np

    from hipback.reasoning import findings_matrix
    from hipback.validation import validate_frame

    for name in (first, second):
        if name not in FINDING_BY_NAME:
            raise HipbackInputError(f"finding: {name!r} is not a finding; see hipback.FINDINGS")
    if question not in ("hip", "spine"):
        raise HipbackInputError(f"question: {question!r} not allowed; allowed: 'hip', 'spine'")
    x = findings_matrix(validate_frame(cohort))
    col = {f.name: j for j, f in enumerate(FINDINGS)}
    source = cohort[f"{question}_source"].to_numpy(dtype=bool)

    def lr(mask: Any) -> float:
        with np.errstate(divide="ignore", invalid="ignore"):
            return float(mask[source].mean() / mask[~source].mean())

    a, b = x[:, col[first]], x[:, col[second]]
    la, lb, both = lr(a), lr(b), lr(a & b)
    return (
        f"{FINDING_BY_NAME[first].label} + {FINDING_BY_NAME[second].label.lower()} "
        f"({question} question, {int((a & b).sum())} cases with both): LR {la:.1f} and "
        f"{lb:.1f} alone; multiplied {la * lb:.1f}; measured together {both:.1f}."
    )


def calibration_verdict(evaluation: Any, margin: float = 0.05) -> str:
    """One line per question: does the model claim more, or less, than it delivers?

    Compares, bin by bin, the mean predicted probability with the share that
    truly had that source (from :func:`hipback.evaluation.evaluate`).

    Parameters
    ----------
    evaluation : hipback.evaluation.Evaluation
        The scored cohort.
    margin : float
        Gaps smaller than this count as "about right".

    Examples
    --------
    >>> from hipback import generate_cases
    >>> from hipback.evaluation import evaluate
    >>> calibration_verdict(evaluate(generate_cases(500, seed=1))).startswith("hip:")
    True
    """
    lines = []
    for question, table in evaluation.calibration.items():
        rows = table[table["cases"] > 0]
        high = int((rows["predicted"] > rows["observed"] + margin).sum())
        low = int((rows["predicted"] < rows["observed"] - margin).sum())
        gap = float(((rows["predicted"] - rows["observed"]) * rows["cases"]).sum())
        gap /= max(int(rows["cases"].sum()), 1)
        lines.append(
            f"{question}: predicted above observed in {high} of {len(rows)} bins, below in "
            f"{low}; average gap (predicted minus observed) {gap * 100:+.0f} percentage points."
        )
    return "\n".join(lines)


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


# --- the self-check questions --------------------------------------------------------------


def _flip_option(base: Case, changes: Mapping[str, Any], target: str) -> Option:
    """An option "change these findings"; right when the label becomes ``target``."""
    after = classify(base.replace(**changes))
    words = [
        (FINDING_BY_NAME[k].label if k in FINDING_BY_NAME else k.replace("_", " "))
        + (" added" if v else " removed")
        if isinstance(v, bool)
        else FINDING_BY_NAME.get(f"sitting_{v}", FINDING_BY_NAME["sitting_eases"]).label
        if k == "sitting_effect"
        else f"{k.replace('_', ' ')} -> {v}"
        for k, v in changes.items()
    ]
    p = after.probabilities
    why = (
        f"With this change the hip source is {_pct(p['hip'])} and the spine source "
        f"{_pct(p['spine'])}, so the label is '{after.label}'."
    )
    return Option("; ".join(words), after.label == target, why)


def _checks_00() -> list[Question]:
    r = classify(teaching_case("hip_driven"))
    top = r.contributions[0]
    return [
        Question(
            "What may the kit's output be used for?",
            (
                Option(
                    "Deciding a real patient's treatment.",
                    False,
                    "The kit is a teaching tool: its cases are synthetic and several of "
                    "its numbers are teaching estimates. " + DISCLAIMER,
                ),
                Option(
                    "Practising clinical reasoning on made-up cases.",
                    True,
                    "That is exactly its purpose: every number is shown with its source "
                    "so you can question it.",
                ),
            ),
        ),
        Question(
            "In the printout for the first teaching case, which finding moved the reasoning most?",
            (
                Option(
                    top.label,
                    True,
                    f"It carries {top.points:+.1f} points, the largest in the list; the "
                    "findings are sorted by the size of their effect.",
                ),
                Option(
                    "The patient's age",
                    False,
                    "Age is not scored: the studies behind age compare one diagnosis with "
                    "other pain in the same region, not hip with spine.",
                ),
            ),
        ),
        Question(
            "The printout says 'pre-test' and 'post-test'. What is the difference?",
            (
                Option(
                    "Pre-test is before the findings are counted; post-test is after.",
                    True,
                    "The kit starts each question from a published or stated starting "
                    "probability and moves it with each finding.",
                ),
                Option(
                    "Pre-test is the first visit, post-test the follow-up.",
                    False,
                    "Both numbers describe the same visit: before and after weighing the findings.",
                ),
            ),
        ),
    ]


def _checks_01() -> list[Question]:
    nerves = MECHANISMS["shared_nerves"].partition(":")[0]
    referred = MECHANISMS["referred_pain"].partition(":")[0]
    return [
        Question(
            "A patient with hip osteoarthritis has numbness and pain down the back of the "
            "thigh. Which mechanism could explain a hip causing leg symptoms like sciatica?",
            (
                Option(
                    nerves,
                    True,
                    "The hip joint and the lower back are supplied by nerves from the same "
                    "network (the lumbar plexus), so irritation can be felt along those "
                    "nerves. True nerve-root signs still point to the spine.",
                ),
                Option(
                    "Weak core and glutes",
                    False,
                    "Weak muscles add load and fatigue to the back; they do not send pain "
                    "down a nerve.",
                ),
            ),
        ),
        Question(
            "Which of these is a typical hip osteoarthritis symptom rather than a spinal one?",
            (
                Option(
                    "Difficulty putting on shoes and socks",
                    True,
                    "It needs hip bending and rotation, the movements osteoarthritis limits first.",
                ),
                Option(
                    "Pain that is worse when bending forward",
                    False,
                    "The article lists bending among the things that aggravate spinal pain.",
                ),
            ),
        ),
        Question(
            "Pain is felt in the lower back although the problem is in the hip. What is "
            "this called?",
            (
                Option(
                    "Referred pain",
                    True,
                    f"{referred}: the brain places the pain where the nerves from the "
                    "two regions meet, not where the tissue is damaged.",
                ),
                Option(
                    "Pelvic imbalance",
                    False,
                    "Pelvic imbalance is a mechanical cause: a tilted pelvis loads the "
                    "back unevenly. It is real back strain, not misplaced pain.",
                ),
            ),
        ),
    ]


def _checks_02() -> list[Question]:
    groin = FINDING_BY_NAME["pain_groin"]
    knee = FINDING_BY_NAME["pain_below_knee"]
    seated = FINDING_BY_NAME["sitting_eases"]
    pre = PRETEST["hip"].probability
    from hipback.reasoning import post_test_probability

    after = post_test_probability(pre, groin.hip.lr)
    return [
        Question(
            f"Groin pain has a likelihood ratio (LR) of {groin.hip.lr:.2f} for a hip source. "
            f"Starting from {_pct(pre)}, where do you end up?",
            (
                Option(
                    f"About {_pct(after)}",
                    True,
                    f"Odds {pre:.2f}/{1 - pre:.2f} times {groin.hip.lr:.2f} give a "
                    f"probability of {_pct(after)}: more likely, but far from certain.",
                ),
                Option(
                    f"About {_pct(min(pre * groin.hip.lr, 0.99))}",
                    False,
                    "An LR multiplies the odds, not the probability; multiplying the "
                    "probability overshoots.",
                ),
                Option(
                    "Certain: groin pain means hip",
                    False,
                    "No single finding here has an LR large enough to make anything certain.",
                ),
            ),
        ),
        Question(
            "A patient has pain below the knee. Does that rule the hip out?",
            (
                Option("No", True, finding_note(knee.name, "hip")),
                Option("Yes, hip pain never goes below the knee", False, knee.caveat),
            ),
        ),
        Question(
            "The article says hip pain is often eased by sitting. Why does the kit give "
            "that finding no weight for the spine question?",
            (
                Option("Because spinal stenosis is also eased by sitting", True, seated.caveat),
                Option(
                    "Because sitting is never reported",
                    False,
                    "Patients report it often; the problem is that it does not separate "
                    "the two sources.",
                ),
            ),
        ),
    ]


def _checks_03() -> list[Question]:
    base = teaching_case("borderline")
    start = classify(base)
    flag = RED_FLAG_BY_NAME["saddle_anaesthesia"]
    return [
        Question(
            f"The borderline case starts as '{start.label}'. Which two changes make it "
            "spine-driven?",
            (
                _flip_option(
                    base, {"sitting_effect": "worsens", "numbness_tingling": True}, "spine"
                ),
                _flip_option(base, {"limp": False, "pain_buttock": False}, "spine"),
                _flip_option(base, {"worse_bending": True, "pain_lower_back": True}, "spine"),
            ),
        ),
        Question(
            "You add numbness in the saddle area to a clearly hip-driven case. What happens?",
            (
                Option(
                    "The case becomes urgent whatever the hip score",
                    True,
                    f"{flag.label} screens for {flag.condition.lower()}. {flag.action}",
                ),
                Option(
                    "The hip probability falls",
                    False,
                    "Red flags are screened apart from the two probabilities: they do not "
                    "change them, they override them.",
                ),
            ),
        ),
        Question(
            "Why does adding 'worse when walking' to a case that already has 'worse on "
            "stairs' barely change the hip probability?",
            (
                Option(
                    "Both measure pain on weight-bearing, so the kit counts that once",
                    True,
                    "Findings that measure one thing (a construct) are counted once, "
                    "using the strongest; counting both would double the evidence.",
                ),
                Option(
                    "Walking pain favours the spine", False, finding_note("worse_walking", "spine")
                ),
            ),
        ),
    ]


def _management_questions() -> list[Question]:
    from hipback.management import ITEM_BY_ID

    prp, stem = ITEM_BY_ID["prp_injection"], ITEM_BY_ID["stem_cell_injection"]
    imaging = ITEM_BY_ID["routine_imaging_to_confirm"]
    clinical = ITEM_BY_ID["diagnose_clinically"]
    extras = [ITEM_BY_ID[k] for k in ("turmeric", "omega3_supplement", "hydration")]
    return [
        Question(
            "The article suggests platelet-rich plasma (PRP) or stem-cell injections for "
            "early to moderate arthritis. Where do the guidelines stand?",
            (
                Option(
                    f"PRP: {prp.status}; stem cells: {stem.status}",
                    True,
                    f"{prp.beyond_guidelines} {stem.beyond_guidelines}",
                ),
                Option(
                    "Both are first-line treatments",
                    False,
                    "First-line care is exercise, weight loss where it applies, and "
                    f"information and support. PRP: {prp.guideline_summary}.",
                ),
            ),
        ),
        Question(
            "Should a typical case of hip osteoarthritis have an X-ray to confirm it?",
            (
                Option(
                    "Usually not: it is diagnosed clinically",
                    True,
                    f"{clinical.title}: {clinical.guideline_summary}. {imaging.beyond_guidelines}",
                ),
                Option(
                    "Yes: the X-ray shows whether the hip is the pain source",
                    False,
                    " ".join(f"{e.text} ({e.citation})." for e in imaging.evidence)
                    + " A picture cannot show which joint hurts.",
                ),
            ),
        ),
        Question(
            "Turmeric, omega-3 and drinking more water: treatments for hip OA?",
            (
                Option(
                    "No: general health advice at most, not OA treatment",
                    True,
                    " ".join(f"{i.title} [{i.status}]: {i.beyond_guidelines}" for i in extras),
                ),
                Option(
                    "Yes, the guidelines recommend them",
                    False,
                    "; ".join(f"{i.title}: {i.guideline_summary}" for i in extras) + ".",
                ),
            ),
        ),
    ]


def _checks_05() -> list[Question]:
    return [
        Question(
            "A case story mentions a past history of cancer and new back pain at night. "
            "What comes first?",
            (
                Option(
                    "The red-flag action, before any hip-or-spine reasoning",
                    True,
                    f"{RED_FLAG_BY_NAME['history_of_cancer'].action} "
                    f"({RED_FLAG_BY_NAME['history_of_cancer'].citation})",
                ),
                Option(
                    "Decide hip or spine, then consider the history",
                    False,
                    "Red flags always win: the referral cannot wait for the reasoning.",
                ),
            ),
        ),
        Question(
            "Your answer was 'hip' and the feedback says 'combined'. What does that mean?",
            (
                Option(
                    "Both the hip and the spine questions passed the threshold",
                    True,
                    "Combined means strong evidence for both sources at once; both need "
                    "assessment and treatment (Offierski & MacNab's complex hip-spine "
                    "syndrome).",
                ),
                Option(
                    "The kit could not decide",
                    False,
                    "Combined is a finding in its own right, not a failure to decide.",
                ),
            ),
        ),
    ]


def _checks_06() -> list[Question]:
    return [
        Question(
            "The model adds up findings as if each were new evidence. What happens when "
            "findings travel together (for example, because both follow severity)?",
            (
                Option(
                    "It becomes over-confident: probabilities near 0% or 100% are "
                    "right less often than they claim",
                    True,
                    "Correlated findings carry less new information than their LRs "
                    "assume, so their sum overstates the evidence. A calibration chart "
                    "shows it as points below the diagonal at the high end.",
                ),
                Option(
                    "It becomes under-confident",
                    False,
                    "Counting the same evidence twice pushes probabilities outward, not "
                    "toward the middle.",
                ),
            ),
        ),
        Question(
            "Why is the synthetic cohort generated with its own parameters rather than "
            "the model's LRs?",
            (
                Option(
                    "So the model is not graded on data built from its own assumptions",
                    True,
                    "A model tested on data drawn from itself looks perfect by "
                    "construction; separate parameters with correlation and noise make "
                    "the test honest.",
                ),
                Option(
                    "To make the cohort more realistic than real patients",
                    False,
                    "Synthetic data are never more realistic than patients; they are "
                    "reproducible and safe to share.",
                ),
            ),
        ),
    ]


def _checks_07() -> list[Question]:
    return [
        Question(
            "Students will use the case explorer as an app. Where should their tasks be?",
            (
                Option(
                    "On the printed question handout",
                    True,
                    "Learners using an app should not need to read instructions inside "
                    "a notebook; the handout gives them short, concrete questions.",
                ),
                Option(
                    "In the notebook's code cells",
                    False,
                    "Students never need to read or edit code in this kit.",
                ),
            ),
        ),
    ]


#: Lesson number -> function returning its self-check questions (computed on call so
#: that any number quoted is the current one in the knowledge modules).
SELF_CHECKS: dict[int, Callable[[], list[Question]]] = {
    0: _checks_00,
    1: _checks_01,
    2: _checks_02,
    3: _checks_03,
    4: _management_questions,
    5: _checks_05,
    6: _checks_06,
    7: _checks_07,
}


# --- the lecturer's session plan -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slot:
    """One block of the 90-minute session plan."""

    minutes: int
    activity: str
    show: str
    students: str


#: The 90-minute session, in order; start times are computed, never typed.
SESSION_PLAN: tuple[Slot, ...] = (
    Slot(
        10,
        "Hook: a patient with back pain whose hip was the problem",
        "lesson 00, the first printout",
        "Guess hip or spine before the reveal",
    ),
    Slot(
        15,
        "Hip osteoarthritis and the five mechanisms",
        "lesson 01, the mechanism table and the body map",
        "Handout, lesson 01 prompts",
    ),
    Slot(
        20,
        "Likelihood ratios, pre- and post-test probability, the Fagan nomogram",
        "lesson 02, findings table, nomogram, the four qualifiers",
        "Work the groin-pain example by hand",
    ),
    Slot(5, "Break", "", ""),
    Slot(
        15,
        "Case explorer in pairs",
        "the app (make app), explorer page",
        "Handout, lesson 03 tasks",
    ),
    Slot(
        15,
        "Management and the guidelines",
        "lesson 04, the table and a plan for the hip-driven case",
        "Build a plan, compare",
    ),
    Slot(
        10,
        "Quiz and wrap-up",
        "the app, quiz page (easy, then hard)",
        "Answer, then discuss the case that fooled most people",
    ),
)


def session_plan() -> pd.DataFrame:
    """The session plan as a table with computed start times (h:mm).

    Examples
    --------
    >>> plan = session_plan()
    >>> plan["Start"].iloc[0], int(plan["Minutes"].sum())
    ('0:00', 90)
    """
    import pandas as pd

    rows, start = [], 0
    for slot in SESSION_PLAN:
        rows.append(
            {
                "Start": f"{start // 60}:{start % 60:02d}",
                "Minutes": slot.minutes,
                "What happens": slot.activity,
                "Show": slot.show,
                "Students do": slot.students,
            }
        )
        start += slot.minutes
    return pd.DataFrame(rows)


# --- the lecturer's handout ---------------------------------------------------------------

#: Discussion prompts for a live session, by lesson.
DISCUSSION_PROMPTS: dict[int, tuple[str, ...]] = {
    1: (
        "Which of the five mechanisms would you test for first in clinic, and how?",
        "A patient says: 'my back hurts, so it can't be my hip'. What do you say?",
    ),
    2: (
        "Groin pain is the strongest single hip clue in the kit. Why is it still far from proof?",
        "Which finding in the article's table do you now trust least, and why?",
        "If you started from a different pre-test probability, which conclusions change?",
    ),
    3: (
        "Make the borderline case spine-driven by changing two findings. Which pair did "
        "you use, and is it clinically plausible?",
        "Which single finding, when added, changes the case the most? Why that one?",
        "Add a red flag to the hip-driven case. What must happen next, and how fast?",
    ),
    4: (
        "Build a plan for the hip-driven case. Which item did you include that the kit "
        "calls 'not indicated' or 'against guidance'?",
        "How would you explain to a patient that PRP is not recommended?",
    ),
    5: ("Which case story fooled you, and which finding did you over-weight?",),
    6: (
        "Where on the calibration chart is the model over-confident, and why there?",
        "What would you need to collect to replace a teaching estimate with a real LR?",
    ),
}


def handout_markdown(answers: bool = False) -> str:
    """The session question handout (and, with ``answers=True``, its answer key).

    Examples
    --------
    >>> handout_markdown().splitlines()[0]
    '# hipback session: questions'
    """
    title = "answer key" if answers else "questions"
    lines = [f"# hipback session: {title}", "", f"*{DISCLAIMER}*", ""]
    if not answers:
        lines += [
            "Work with the code-free app or the lesson notebooks. You never need to edit "
            "code. Write your answer before you check it.",
            "",
        ]
    else:
        lines += [
            f"## Session plan ({sum(x.minutes for x in SESSION_PLAN)} minutes)",
            "",
            "| Start | Min | What | Show |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {r['Start']} | {r['Minutes']} | {r['What happens']} | {r['Show']} |"
            for r in session_plan().to_dict("records")
        ]
        lines.append("")
    for item in LESSONS:
        prompts = DISCUSSION_PROMPTS.get(item.number, ())
        checks = SELF_CHECKS[item.number]() if item.audience == "students" else []
        if not prompts and not checks:
            continue
        lines += [f"## {item.label} (about {item.minutes} min)", ""]
        if prompts:
            lines += ["**Discuss**", ""]
            lines += [f"- {p}" for p in prompts]
            lines.append("")
        if checks:
            lines += ["**Check yourself**", ""]
            for k, q in enumerate(checks, start=1):
                lines.append(f"{k}. {q.prompt}")
                for letter, o in zip(_LETTERS, q.options, strict=False):
                    if answers:
                        verdict = "**right**" if o.correct else "not right"
                        lines.append(f"   - {letter}. {o.text}: {verdict}. {o.why}")
                    else:
                        lines.append(f"   - {letter}. {o.text}")
            lines.append("")
    text = "\n".join(lines).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


#: Handout files in ``notebooks/handouts/`` and the function that writes each.
HANDOUTS: dict[str, Callable[[], str]] = {
    "session_questions.md": lambda: handout_markdown(answers=False),
    "session_answer_key.md": lambda: handout_markdown(answers=True),
}


if __name__ == "__main__":  # pragma: no cover - convenience for the README
    print(lesson_map(link_prefix="notebooks/"))
