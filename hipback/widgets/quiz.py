"""The case quiz: read a vignette, answer, get feedback with the reasoning, keep score.

Scoring (also shown to the learner): each case is worth :data:`POINTS_PER_CASE`
points: 1 for the right pain driver, 1 for exactly the right red flags
(ticking none when there are none counts), and up to 1 for the plan (the
plan-comparison score of :func:`hipback.management.compare_plan`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from html import escape
from typing import Any

import ipywidgets as widgets

from hipback.case import Case
from hipback.cohort.explain import explain_disagreement
from hipback.errors import HipbackInputError
from hipback.knowledge.red_flags import LEVEL_MEANING, RED_FLAG_BY_NAME, RED_FLAG_NAMES, RED_FLAGS
from hipback.management import ITEM_BY_ID, compare_plan, recommend_for_label
from hipback.plots import describe, reasoning_chart, update_reasoning_chart
from hipback.plots.view import FigureView
from hipback.reasoning import TRUE_LABELS, Reasoning, classify
from hipback.screening import screen
from hipback.validation import cases_from_frame
from hipback.widgets._html import (
    APP_STYLE,
    LABEL_MEANING,
    caption_html,
    disclaimer_html,
    points_text,
)
from hipback.widgets.plan_builder import comparison_html, plan_checkboxes
from hipback.widgets.progress import ProgressStore

POINTS_PER_CASE = 3.0

SCORING_TEXT = (
    "Each case is worth 3 points: 1 for the right pain driver, 1 for exactly the right red "
    "flags (ticking none when there are none counts), and up to 1 for your plan (the share "
    "of graded plan items you got right)."
)


@dataclass(frozen=True)
class QuizAnswer:
    """One submitted case: what the learner chose, what was right, the points."""

    index: int
    case_id: str
    label: str
    correct_label: str
    label_correct: bool
    red_flags: tuple[str, ...]
    true_red_flags: tuple[str, ...]
    red_flags_correct: bool
    plan_ids: tuple[str, ...]
    plan_score: float
    points: float

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuizAnswer:
        """Rebuild from the progress file (lists back to tuples); raises on a bad entry."""
        fields = dict(data)
        for name in ("red_flags", "true_red_flags", "plan_ids"):
            fields[name] = tuple(fields[name])
        answer = cls(**fields)
        if answer.label not in TRUE_LABELS or not 0 <= answer.points <= POINTS_PER_CASE:
            raise ValueError(f"answer {answer.index} has impossible values")
        return answer


def _check_choices(label: Any, red_flags: Any, plan_ids: Any) -> None:
    if label is not None and label not in TRUE_LABELS:
        # The answer is the case's true driver; "undetermined" describes evidence, not a patient.
        raise HipbackInputError(
            f"label: {label!r} is not allowed; allowed: one of "
            + ", ".join(repr(x) for x in TRUE_LABELS)
        )
    for name in red_flags:
        if name not in RED_FLAG_BY_NAME:
            raise HipbackInputError(
                f"red_flags: {name!r} is not a red flag; allowed: "
                + ", ".join(repr(n) for n in RED_FLAG_NAMES)
            )
    for item_id in plan_ids:
        if item_id not in ITEM_BY_ID:
            raise HipbackInputError(
                f"plan_ids: {item_id!r} is not a management item id; allowed: the ids in "
                "hipback.management.ITEM_BY_ID"
            )


class Quiz(widgets.VBox):
    """The widget returned by :func:`quiz`.

    Attributes
    ----------
    seed, difficulty, n : the quiz's settings (``seed`` is drawn when not given).
    current_index : int
        0-based position of the case shown (``n`` when finished).
    current_case : Case
        The case shown.
    result : Reasoning
        The reasoning model's result for the current case.
    score, possible : float
        Points so far and points available in the cases answered.
    answers : list of QuizAnswer
        Every submitted case, in order.
    controls : dict
        ``"label"`` -> ToggleButtons; ``"red_flags"`` -> {flag name: Checkbox};
        ``"plan"`` -> {item id: Checkbox}.
    feedback : ipywidgets.HTML
        After submitting: the right answer, the model's view, the red flags.
    plan_feedback : ipywidgets.HTML
        After submitting: the plan compared with the recommended one.
    score_text, status : ipywidgets.HTML
    chart : plotly Figure (the reasoning chart, shown after submitting; ``chart_view`` shows it)
    """

    def __init__(
        self,
        seed: int | None = None,
        difficulty: str = "mixed",
        n: int = 10,
        progress_path: Any = None,
        cases: Any = None,
        adaptive: bool = False,
    ) -> None:
        from hipback.cohort.sampler import generate_cases

        if seed is None:
            seed = secrets.randbelow(1_000_000)
        if cases is not None:  # a practice round from the curated bank
            frame = cases.reset_index(drop=True)
            n = len(frame)
            difficulty = "practice"
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise HipbackInputError(f"n: {n!r} is not allowed; allowed: a whole number >= 1")
        if cases is None:
            frame = generate_cases(n=n, seed=seed, difficulty=difficulty)
        self.seed, self.difficulty, self.n = seed, difficulty, n
        #: Practice rounds only: a missed pattern comes back (another case of it, two later).
        self.adaptive = bool(adaptive and cases is not None and "pattern" in frame)
        self._frame = frame
        self._cases: list[Case] = cases_from_frame(frame)
        ids = ",".join(map(str, frame["case_id"])) if cases is not None else ""
        self._key = (
            f"practice={ids}" if cases is not None else f"seed={seed};difficulty={difficulty};n={n}"
        )
        self._store = ProgressStore(progress_path) if progress_path is not None else None
        self.answers: list[QuizAnswer] = self._restore()
        self.current_index = min(len(self.answers), n)
        self._submitted = False

        # --- widgets -----------------------------------------------------------------------
        self.header = widgets.HTML()
        self.style = widgets.HTML(APP_STYLE)
        self.score_text = widgets.HTML()
        self.vignette_text = widgets.HTML()
        self.status = widgets.HTML("")
        self.label_choice = widgets.ToggleButtons(
            options=[(label.capitalize(), label) for label in TRUE_LABELS],
            value=None,
            description="1. What drives the pain?",
            description_allow_html=False,
            style={"description_width": "initial", "button_width": "auto"},
            tooltips=[LABEL_MEANING[label] for label in TRUE_LABELS],
        )
        self.red_flag_boxes = {
            f.name: widgets.Checkbox(
                value=False,
                description=f.label,
                indent=False,
                description_allow_html=False,
                layout=widgets.Layout(width="auto"),
            )
            for f in RED_FLAGS
        }
        self.plan_boxes, plan_grid = plan_checkboxes()
        self.controls: dict[str, Any] = {
            "label": self.label_choice,
            "red_flags": self.red_flag_boxes,
            "plan": self.plan_boxes,
        }
        self.submit_button = widgets.Button(
            description="Submit answer",
            button_style="primary",
            icon="check",
            tooltip="Check your answer for this case",
        )
        self.next_button = widgets.Button(
            description="Next case",
            icon="arrow-right",
            disabled=True,
            tooltip="Go to the next case",
        )
        self.submit_button.on_click(lambda _b: self.submit())
        self.next_button.on_click(lambda _b: self.next_case())
        self.feedback = widgets.HTML("")
        self.plan_feedback = widgets.HTML("")
        self.chart_view = FigureView(reasoning_chart(self.current_case))
        self.chart = self.chart_view.figure
        self.chart_caption = widgets.HTML("")
        self.chart_box = widgets.VBox(
            [self.chart_view, self.chart_caption], layout=widgets.Layout(display="none")
        )
        flags = widgets.VBox(
            [
                widgets.HTML("<b>2. Tick any red flags in this case</b> (none is a valid answer)"),
                widgets.GridBox(
                    list(self.red_flag_boxes.values()),
                    layout=widgets.Layout(
                        grid_template_columns="repeat(auto-fill, minmax(280px, 1fr))"
                    ),
                ),
            ]
        )
        plan = widgets.VBox([widgets.HTML("<b>3. Tick the items of your plan</b>"), plan_grid])
        super().__init__(
            [
                self.style,
                self.header,
                self.score_text,
                self.vignette_text,
                self.label_choice,
                flags,
                plan,
                widgets.HBox([self.submit_button, self.next_button]),
                self.status,
                self.feedback,
                self.chart_box,
                self.plan_feedback,
                widgets.HTML(f"<p><small>{escape(SCORING_TEXT)}</small></p>" + disclaimer_html()),
            ]
        )
        self.add_class("hipback-quiz")
        self.add_class("hipback-app")
        self._show_case()

    # --- state --------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """True once every case has been submitted."""
        return self.current_index >= self.n

    @property
    def current_case(self) -> Case:
        """The case on screen (the last one once the quiz is finished)."""
        return self._cases[min(self.current_index, self.n - 1)]

    @property
    def result(self) -> Reasoning:
        """The reasoning model's result for the current case."""
        return classify(self.current_case)

    @property
    def score(self) -> float:
        """Points scored so far (see :data:`SCORING_TEXT`)."""
        return round(sum(a.points for a in self.answers), 6)

    @property
    def possible(self) -> float:
        """Points available in the cases answered so far."""
        return POINTS_PER_CASE * len(self.answers)

    def _truth(self, index: int) -> tuple[str, str, tuple[str, ...]]:
        row = self._frame.iloc[index]
        flags = tuple(f for f in str(row["true_red_flags"]).split(";") if f)
        return str(row["case_id"]), str(row["true_label"]), flags

    # --- progress -----------------------------------------------------------------------------
    def _restore(self) -> list[QuizAnswer]:
        if self._store is None:
            return []
        answers: list[QuizAnswer] = []
        for item_id, saved in self._store.items(self._key).items():
            try:
                a = QuizAnswer.from_json(saved.answer)
                if a.index >= self.n or a.case_id != str(self._frame.iloc[a.index]["case_id"]):
                    raise ValueError(f"answer {a.index} does not match this quiz's cases")
            except (TypeError, KeyError, ValueError, AttributeError) as err:
                self._store.discard(self._key, item_id, f"unreadable answer: {err}")
                continue
            answers.append(a)
        answers.sort(key=lambda a: a.index)
        # resume after the answered cases that run from the first one without a gap
        return [a for n, a in enumerate(answers) if a.index == n]

    def _store_note(self) -> str:
        if self._store is None or not self._store.status:
            return ""
        return f"<p role='alert'><b>Progress not saved:</b> {escape(self._store.status)}</p>"

    def _save(self) -> None:
        if self._store is None or not self.answers:
            return
        a = self.answers[-1]
        meta = {"seed": self.seed, "difficulty": self.difficulty, "n": self.n}
        self._store.record(self._key, str(a.index), asdict(a), score=a.points,
                           possible=POINTS_PER_CASE, meta=meta)  # fmt: skip
        self.status.value = self._store_note()

    # --- display ------------------------------------------------------------------------------
    def _score_html(self) -> str:
        answered = len(self.answers)
        if not answered:
            return "<p><b>Score:</b> no cases answered yet.</p>"
        return (
            f"<p role='status' aria-live='polite'><b>Score: {points_text(self.score)} of "
            f"{points_text(self.possible)} points</b> ({answered} case(s) answered, "
            f"{self.score / self.possible:.0%}).</p>"
        )

    def _show_case(self) -> None:
        from hipback.cohort.vignettes import vignette

        self.score_text.value = self._score_html()
        if self.finished:
            self.header.value = (
                f"<h3 style='margin:4px 0'>Case quiz: finished ({self.n} cases)</h3>"
            )
            self.vignette_text.value = (
                f"<p><b>Well done: you scored {points_text(self.score)} of "
                f"{points_text(self.possible)} points.</b> "
                "Start a new quiz to practise on other cases.</p>"
            )
            self._set_answering(False)
            self.next_button.disabled = True
            return
        self.header.value = (
            f"<h3 style='margin:4px 0'>Case quiz: case {self.current_index + 1} of {self.n}</h3>"
        )
        text = vignette(self._frame.iloc[self.current_index])
        self.vignette_text.value = (
            "<blockquote class='hipback-vignette' style='font-size:1.1em;margin:6px 0'>"
            f"{escape(text)}</blockquote>"
        )
        self.answer(label=None, red_flags=(), plan_ids=())
        self._set_answering(True)
        self._submitted = False
        self.next_button.disabled = True
        self.feedback.value = ""
        self.plan_feedback.value = ""
        self.status.value = self._store_note()
        self.chart_box.layout.display = "none"

    def _set_answering(self, enabled: bool) -> None:
        self.label_choice.disabled = not enabled
        for box in (*self.red_flag_boxes.values(), *self.plan_boxes.values()):
            box.disabled = not enabled
        self.submit_button.disabled = not enabled

    # --- public -------------------------------------------------------------------------------
    def answer(
        self,
        label: str | None = None,
        red_flags: Iterable[str] = (),
        plan_ids: Iterable[str] = (),
    ) -> None:
        """Fill in the answer controls (as a learner would by clicking).

        Parameters
        ----------
        label : {"hip", "spine", "combined"} or None
        red_flags : iterable of str
            Red-flag names (see :data:`hipback.knowledge.red_flags.RED_FLAG_NAMES`);
            others are unticked.
        plan_ids : iterable of str
            Management item ids; others are unticked.
        """
        red_flags, plan_ids = tuple(red_flags), tuple(plan_ids)
        _check_choices(label, red_flags, plan_ids)
        self.label_choice.value = label
        for name, box in self.red_flag_boxes.items():
            box.value = name in red_flags
        for item_id, box in self.plan_boxes.items():
            box.value = item_id in plan_ids

    def submit(self) -> QuizAnswer | None:
        """What "Submit answer" does: grade the current case, show feedback, save progress.

        Returns
        -------
        QuizAnswer or None
            The graded answer; None (with a message) if no pain driver was chosen
            or the quiz is finished. Submitting the same case twice returns the
            first grading and scores nothing more.
        """
        if self.finished:
            self.status.value = "<p>The quiz is finished.</p>"
            return None
        if self._submitted:
            return self.answers[-1]
        label = self.label_choice.value
        if label is None:
            self.status.value = (
                "<p role='alert'><b>Choose hip, spine or combined first</b> (question 1).</p>"
            )
            return None
        case = self.current_case
        case_id, truth, true_flags = self._truth(self.current_index)
        flags = tuple(n for n, box in self.red_flag_boxes.items() if box.value)
        chosen = tuple(i for i, box in self.plan_boxes.items() if box.value)
        result = classify(case)
        # The plan is graded against the plan for the case's true driver (red flags first),
        # which may differ from the kit's reasoning.
        comparison = compare_plan(chosen, recommend_for_label(case, truth, result))
        label_ok = label == truth
        flags_ok = set(flags) == set(true_flags)
        points = float(label_ok) + float(flags_ok) + float(comparison.score)
        record = QuizAnswer(
            self.current_index,
            case_id,
            label,
            truth,
            label_ok,
            flags,
            true_flags,
            flags_ok,
            chosen,
            round(float(comparison.score), 6),
            round(points, 6),
        )
        self.answers.append(record)
        self._submitted = True
        self._set_answering(False)
        self.next_button.disabled = False
        self.status.value = ""
        self.feedback.value = self._feedback_html(record, result, case)
        self.plan_feedback.value = (
            "<div class='hipback-quiz-plan-feedback'><h4 style='margin:6px 0'>Your plan</h4>"
            f"{comparison_html(comparison)}</div>"
        )
        update_reasoning_chart(self.chart, result)
        self.chart_view.refresh()
        self.chart_caption.value = caption_html(describe(self.chart))
        self.chart_box.layout.display = "flex"
        self.score_text.value = self._score_html()
        if self.adaptive and not label_ok:
            self._bring_back(self.current_index)
        self._save()
        return record

    def _bring_back(self, index: int) -> None:
        """A missed pattern comes back: queue another case of it two places later."""
        import pandas as pd

        from hipback.teaching.practice import next_for_pattern, practice_frame

        pattern = str(self._frame.iloc[index]["pattern"])
        new_id = next_for_pattern(pattern, list(self._frame["case_id"]), self.seed)
        if new_id is None:
            return
        row = practice_frame([new_id])
        at = min(index + 3, len(self._frame))
        self._frame = pd.concat(
            [self._frame.iloc[:at], row, self._frame.iloc[at:]], ignore_index=True
        )
        self._cases = cases_from_frame(self._frame)
        self.n = len(self._frame)
        self.status.value = (
            f"<p role='status'>This pattern ({escape(pattern)}) will come back: one more "
            "case of it has been added to your round.</p>"
        )

    def next_case(self) -> bool:
        """What "Next case" does; returns False (with a message) until this case is submitted."""
        if self.finished:
            return False
        if not self._submitted:
            self.status.value = "<p role='alert'>Submit an answer for this case first.</p>"
            return False
        self.current_index += 1
        self._show_case()
        return True

    def _feedback_html(self, a: QuizAnswer, result: Reasoning, case: Case) -> str:
        p = result.probabilities
        if a.label_correct:
            driver = f"<p><b>&#10003; Right: the pain driver is {a.correct_label.upper()}.</b>"
        else:
            driver = (
                f"<p><b>&#10007; Not this time: the pain driver is {a.correct_label.upper()}"
                f"</b> (you chose {escape(a.label)})."
            )
        driver += f" That means {escape(LABEL_MEANING[a.correct_label])}.</p>"
        model = (
            f"<p>The reasoning model says <b>{result.label}</b> (hip source {p['hip']:.0%}, "
            f"spine source {p['spine']:.0%}); the chart below shows why."
        )
        if result.label != a.correct_label:
            model += " Here the kit's reasoning and the case's true driver differ."
            if a.correct_label in ("hip", "spine", "combined"):
                why = explain_disagreement(case, a.correct_label)
                if why is not None:
                    model += f" Why: {escape(why.text)}"
        model += "</p>"
        hits = screen(case)
        if a.red_flags_correct:
            flags = (
                "<p><b>&#10003; Red flags right:</b> "
                + (
                    "none in this case."
                    if not a.true_red_flags
                    else ", ".join(escape(RED_FLAG_BY_NAME[f].label) for f in a.true_red_flags)
                    + "."
                )
                + "</p>"
                + "".join(_hit_html(h) for h in hits)
            )
        else:
            missed = [f for f in a.true_red_flags if f not in a.red_flags]
            extra = [f for f in a.red_flags if f not in a.true_red_flags]
            lines = "".join(
                f"<li>&#10007; Missed: <b>{escape(RED_FLAG_BY_NAME[f].label)}</b>. "
                + _flag_grade_html(f, hits)
                + "</li>"
                for f in missed
            ) + "".join(
                f"<li>&#8211; Not in this case: {escape(RED_FLAG_BY_NAME[f].label)}</li>"
                for f in extra
            )
            flags = f"<p><b>&#10007; Red flags not quite right:</b></p><ul>{lines}</ul>"
        row = self._frame.iloc[a.index]
        if "explanation" in row and str(row["explanation"]):
            flags += f"<p><b>Worked explanation:</b> {escape(str(row['explanation']))}</p>"
        return (
            "<div class='hipback-quiz-feedback' role='status' aria-live='polite' "
            "style='border:2px solid #333;padding:6px 12px;margin:6px 0'>"
            f"<p style='font-size:1.15em'><b>This case: {points_text(a.points)} of "
            f"{points_text(POINTS_PER_CASE)} points</b></p>"
            f"{driver}{model}{flags}</div>"
        )


def _hit_html(hit: Any) -> str:
    """One graded red flag: its level, what is suspected, the action and what the level means."""
    return (
        f"<p><b>{escape(hit.level.capitalize())}</b>: {escape(hit.condition)}. "
        f"{escape(hit.action)} <i>{escape(LEVEL_MEANING[hit.level])}</i></p>"
    )


def _flag_grade_html(name: str, hits: Iterable[Any]) -> str:
    """What a missed flag means in this case, graded by the screening rules."""
    hit = next((h for h in hits if name in h.findings), None)
    if hit is not None:
        level, condition, action = hit.level, hit.condition, hit.action
    else:
        flag = RED_FLAG_BY_NAME[name]
        level, condition, action = flag.alone, flag.condition, flag.action
    return (
        f"Level <b>{escape(level)}</b> ({escape(condition)}): {escape(action)} "
        f"<i>{escape(LEVEL_MEANING[level])}</i>"
    )


def practice(length: str = "short", seed: int | None = None, adaptive: bool = True) -> Quiz:
    """A practice round of curated cases, each with a worked explanation.

    Parameters
    ----------
    length : {"short", "long"}
        Five cases (one of each pattern and one with a red flag) or twelve.
    seed : int, optional
        Which cases and in which order (default: drawn at random).
    adaptive : bool
        When a pain driver is missed, another case of the same pattern comes back
        later in the round (default True).

    Examples
    --------
    >>> q = practice("short", seed=5)
    >>> q.n
    5
    """
    from hipback.teaching.practice import practice_frame, round_ids

    if seed is None:
        seed = secrets.randbelow(1_000_000)
    return Quiz(seed=seed, cases=practice_frame(round_ids(length, seed)), adaptive=adaptive)


def quiz(
    seed: int | None = None,
    difficulty: str = "mixed",
    n: int = 10,
    progress_path: Any = None,
) -> Quiz:
    """A case quiz with immediate feedback and a running score.

    Shows a vignette; the learner picks the pain driver (hip, spine or
    combined), ticks any red flags and picks a plan; on submitting they see
    the correct answer with its reasoning chart, what they missed and their
    running score; then the next case.

    Parameters
    ----------
    seed : int, optional
        Seed of the generated cases (the same seed gives the same quiz);
        drawn at random when not given.
    difficulty : {"mixed", "easy", "moderate", "hard"}
    n : int, default 10
        Number of cases.
    progress_path : str or PathLike, optional
        JSON file to save progress to after every answer (written atomically;
        a corrupt or foreign file is moved aside with a warning). Reopening
        the same quiz (same seed, difficulty and n) resumes it.

    Returns
    -------
    Quiz
        A widget exposing ``.answer(label=..., red_flags=..., plan_ids=...)``,
        ``.submit()``, ``.next_case()``, ``.score``, ``.current_case`` and
        ``.result``.

    Examples
    --------
    >>> q = quiz(seed=3, n=2)
    >>> q.answer(label="hip")
    >>> record = q.submit()
    >>> record.label_correct, q.score == record.points
    (True, True)
    """
    return Quiz(seed=seed, difficulty=difficulty, n=n, progress_path=progress_path)
