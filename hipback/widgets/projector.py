"""Projector mode: one teaching case revealed step by step in front of the class.

The page opens a named teaching case (``?case=borderline``, from
:data:`hipback.teaching.lessons.TEACHING_CASES`) or a case file (``?file=NAME.json``, from
the folder in ``HIPBACK_CASES_DIR``, default ``cases/`` beside the apps). It starts from
who the patient is (the "About the person" fields the reasoning does not score) and adds
one finding per click of "Next finding": after each, :func:`hipback.classify` runs on the
case as revealed so far, and the two probabilities and both Fagan nomograms move.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import ipywidgets as widgets

from hipback.case import FIELDS, Case
from hipback.errors import HipbackInputError
from hipback.reasoning import DISCLAIMER, SCORED, Reasoning, classify
from hipback.widgets.case_files import CASES_DIR_ENV, read_case_file

#: The record's first group: who the patient is, shown before any finding.
PERSON_GROUP = "About the person"
DEFAULT_CASE = "borderline"

_SPECS = {spec.name: spec for spec in FIELDS}

#: Person fields that are evidence (a hip X-ray on record, previous surgery): revealed as
#: findings after the history and examination, so the class sees what each one adds.
_SCORED_FIELDS = {f.field for f in SCORED}
_EVIDENCE_ABOUT_THE_PERSON = tuple(
    spec.name for spec in FIELDS if spec.group == PERSON_GROUP and spec.name in _SCORED_FIELDS
)


@dataclass(frozen=True)
class Step:
    """One step of the reveal: the finding just added (``None`` at the start) and the case."""

    field: str | None
    text: str
    case: Case


def _finding_text(name: str, value: Any) -> str:
    spec = _SPECS[name]
    if value is True:
        return spec.label
    if value is False:
        return f"{spec.label}: no"
    unit = f" {spec.unit}" if getattr(spec, "unit", "") else ""
    text = spec.choice_text(value) if spec.kind == "choice" else str(value)
    return f"{spec.label}: {text}{unit}"


def reveal_steps(case: Case) -> list[Step]:
    """The steps of the reveal: the person first, then each recorded finding in record order.

    A finding is any field outside "About the person" whose value differs from its default
    (a present sign, a choice such as what sitting does, a number such as morning stiffness).
    Person fields the reasoning scores (a hip X-ray on record, previous surgery) come last,
    each as its own step, so the start shows only who the patient is.

    Examples
    --------
    >>> steps = reveal_steps(Case(age=60, hip_oa_stage="early", pain_groin=True, limp=True))
    >>> [s.field for s in steps]
    [None, 'pain_groin', 'limp', 'hip_oa_stage']
    >>> steps[0].case.hip_oa_stage
    'unknown'
    >>> steps[-1].case == Case(age=60, hip_oa_stage="early", pain_groin=True, limp=True)
    True
    """
    values = case.to_dict()
    evidence = _EVIDENCE_ABOUT_THE_PERSON
    shown = {
        n: v for n, v in values.items() if _SPECS[n].group == PERSON_GROUP and n not in evidence
    }
    steps = [Step(None, "Who the patient is", Case(**shown))]
    later = [spec for spec in FIELDS if spec.group != PERSON_GROUP]
    for spec in [*later, *(_SPECS[n] for n in evidence)]:
        if values[spec.name] == spec.default:
            continue
        shown[spec.name] = values[spec.name]
        steps.append(Step(spec.name, _finding_text(spec.name, values[spec.name]), Case(**shown)))
    return steps


def cases_dir() -> Path:
    """The folder case files are opened from (``HIPBACK_CASES_DIR``, else ``./cases``)."""
    return Path(os.environ.get(CASES_DIR_ENV) or "cases")


def case_from_query(query_string: str) -> tuple[str, Case]:
    """The case a page address asks for: ``case=NAME`` or ``file=NAME.json``.

    ``file`` names a file in :func:`cases_dir`, never a path elsewhere.

    Examples
    --------
    >>> case_from_query("case=hip_driven")[0]
    'hip_driven'
    """
    from hipback.teaching.lessons import TEACHING_CASES

    query = parse_qs(query_string or "")
    file_name = query.get("file", [""])[0]
    if file_name:
        if Path(file_name).name != file_name or not file_name.endswith(".json"):
            raise HipbackInputError(
                f"file: {file_name!r} is not allowed; allowed: the name of a .json case file "
                f"in {cases_dir()}"
            )
        return read_case_file(cases_dir() / file_name)
    name = query.get("case", [DEFAULT_CASE])[0]
    if name not in TEACHING_CASES:
        raise HipbackInputError(
            f"case: {name!r} is not a teaching case; allowed: {', '.join(TEACHING_CASES)}"
        )
    return name, TEACHING_CASES[name]


def _pct(p: float) -> str:
    return f"{p * 100:.0f} %"


class Projector(widgets.VBox):
    """The step-by-step reveal of one case. ``next()``/``back()``/``restart()`` drive it.

    Attributes
    ----------
    steps : list of Step
    position : int
        Index of the step shown.
    result : Reasoning
        :func:`hipback.classify` of the case as revealed so far.
    """

    def __init__(self, name: str, case: Case) -> None:
        from hipback.plots import fagan_nomograms
        from hipback.plots.view import FigureView

        self.name = name
        self.steps = reveal_steps(case)
        self.position = 0
        self.result: Reasoning = classify(self.steps[0].case)
        self.title = widgets.HTML(f"<h2>Case: {escape(name.replace('_', ' '))}</h2>")
        self.findings = widgets.HTML()
        self.probabilities = widgets.HTML()
        self.next_button = widgets.Button(description="Next finding", button_style="primary")
        self.back_button = widgets.Button(description="Back")
        self.restart_button = widgets.Button(description="Start again")
        self.next_button.on_click(lambda _: self.next())
        self.back_button.on_click(lambda _: self.back())
        self.restart_button.on_click(lambda _: self.restart())
        self.figure = FigureView(fagan_nomograms(self.result))
        super().__init__(
            [
                self.title,
                widgets.HBox([self.next_button, self.back_button, self.restart_button]),
                self.findings,
                self.probabilities,
                self.figure,
                widgets.HTML(f"<p><small><i>{escape(DISCLAIMER)}</i></small></p>"),
            ]
        )
        self._show()

    @property
    def done(self) -> bool:
        """True once every finding is shown."""
        return self.position == len(self.steps) - 1

    def next(self) -> None:
        """Reveal the next finding."""
        if not self.done:
            self.position += 1
            self._show()

    def back(self) -> None:
        """Hide the last finding shown."""
        if self.position:
            self.position -= 1
            self._show()

    def restart(self) -> None:
        """Back to who the patient is."""
        self.position = 0
        self._show()

    def _show(self) -> None:
        from hipback.plots import update_fagan_nomograms

        step = self.steps[self.position]
        previous = self.result
        self.result = classify(step.case)
        person = escape(_person_text(self.steps[0].case))
        bold = ' style="font-weight:600"'
        items = "".join(
            f"<li{bold if i == self.position else ''}>{escape(s.text)}</li>"
            for i, s in enumerate(self.steps[1 : self.position + 1], start=1)
        )
        total = len(self.steps) - 1
        self.findings.value = (
            f"<p>{person}</p><p>Findings shown: {self.position} of {total}</p>"
            + (f"<ol>{items}</ol>" if items else "<p><i>No finding yet.</i></p>")
        )
        moves = ""
        if self.position and previous is not self.result:
            moves = " ".join(
                f"({q}: {_pct(previous.probabilities[q])} → {_pct(self.result.probabilities[q])})"
                for q in ("hip", "spine")
            )
        label = f"<b>{escape(str(self.result.label))}</b>" if self.done else "…"
        close = self.result.close_call_text if self.done else ""
        self.probabilities.value = (
            f"<p style='font-size:1.4em'>Hip: <b>{_pct(self.result.probabilities['hip'])}</b>"
            f" · Spine: <b>{_pct(self.result.probabilities['spine'])}</b></p>"
            f"<p><small>{escape(moves)}</small></p><p>Label: {label}</p>"
            + (f"<p class='hipback-close-call'>{escape(close)}</p>" if close else "")
        )
        self.next_button.disabled = self.done
        self.back_button.disabled = self.position == 0
        update_fagan_nomograms(self.figure.figure, self.result)
        self.figure.refresh()


def _person_text(case: Case) -> str:
    parts = [
        _finding_text(spec.name, getattr(case, spec.name))
        for spec in FIELDS
        if spec.group == PERSON_GROUP and getattr(case, spec.name) is not None
    ]
    return "; ".join(parts) + "."


def projector(case: str | Case = DEFAULT_CASE, name: str | None = None) -> Projector:
    """A projector for a teaching case (by name) or a :class:`hipback.Case`."""
    if isinstance(case, str):
        name, case = case_from_query(f"case={case}")
    return Projector(name or "your case", case)


def projector_app(query_string: str) -> widgets.Widget:
    """What ``apps/projector.ipynb`` shows for its page address (an error in words if bad)."""
    try:
        name, case = case_from_query(query_string)
    except HipbackInputError as exc:
        return widgets.HTML(
            f"<p role='alert'><b>This case cannot be opened.</b> {escape(str(exc))}</p>"
            f"<p><small><i>{escape(DISCLAIMER)}</i></small></p>"
        )
    return Projector(name, case)
