"""The lesson table: which lessons there are, their titles, times and objectives.

:data:`LESSONS` is read from ``lessons.yaml`` next to this module (a lecturer edits
titles, times and objectives there). The markdown made from the table alone lives here
too: a lesson's header (:func:`header_markdown`), its navigation line
(:func:`nav_markdown`) and the lesson map (:func:`lesson_map`, also printed for the
README by ``python -m hipback.teaching.lessons``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hipback.errors import HipbackInputError


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
