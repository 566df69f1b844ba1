"""The case quiz: read a vignette, answer, get feedback with the reasoning, keep score.

Scoring is :mod:`hipback.teaching.quiz_scoring` (a pure function; :data:`SCORING_TEXT`
is shown to the learner); the feedback page is :mod:`hipback.widgets.quiz_feedback`. In
class mode (``$HIPBACK_PROGRESS_DIR`` set, or ``class_dir`` given) each answered case is
saved at once to the class folder (:mod:`hipback.teaching.quiz_results`) under the name or
nickname the student types (an anonymous id until they do).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import asdict
from html import escape
from typing import Any

import ipywidgets as widgets

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.knowledge.labels import LABEL_INFO
from hipback.knowledge.red_flags import RED_FLAGS
from hipback.plots import describe, reasoning_chart, update_reasoning_chart
from hipback.plots.view import FigureView
from hipback.reasoning import LABELS, TRUE_LABELS, Reasoning, classify
from hipback.teaching.quiz_results import ClassRecorder, class_seed
from hipback.teaching.quiz_scoring import (
    POINTS_PER_CASE,
    SCORING_TEXT,
    QuizAnswer,
    check_choices,
    grade_case,
)
from hipback.validation import cases_from_frame
from hipback.widgets._html import (
    APP_STYLE,
    caption_html,
    disclaimer_html,
    points_text,
)
from hipback.widgets.plan_builder import comparison_html, plan_checkboxes
from hipback.widgets.progress import ProgressStore
from hipback.widgets.quiz_class import class_html, class_recorder, class_widgets
from hipback.widgets.quiz_feedback import feedback_html

__all__ = [
    "POINTS_PER_CASE",
    "SCORING_TEXT",
    "Quiz",
    "QuizAnswer",
    "practice",
    "quiz",
]


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
    name_box, class_note, class_row : class mode only (``class_row`` is hidden otherwise)
        The name or nickname the learner may type, the line saying their answers go to the
        lecturer (or why not), and the row holding both.
    learner : str or None
        Class mode: the name saved with the answers (``anonymous-<id>`` until one is typed).
    """

    def __init__(
        self,
        seed: int | None = None,
        difficulty: str = "mixed",
        n: int = 10,
        progress_path: Any = None,
        cases: Any = None,
        adaptive: bool = False,
        class_dir: Any = None,
    ) -> None:
        from hipback.cohort.sampler import generate_cases

        if seed is None:  # in class mode the room shares one seed: everyone gets the same cases
            seed = class_seed()
            self._shared_seed = seed is not None
        else:
            self._shared_seed = False
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
        #: The answers offered: the true driver on synthetic cases; in a practice round,
        #: marked against the kit, "undetermined" (assess further) too.
        self.labels: tuple[str, ...] = LABELS if cases is not None else TRUE_LABELS
        self._cases: list[Case] = cases_from_frame(frame)
        ids = ",".join(map(str, frame["case_id"])) if cases is not None else ""
        self._key = (
            f"practice={ids}" if cases is not None else f"seed={seed};difficulty={difficulty};n={n}"
        )
        self._store = ProgressStore(progress_path) if progress_path is not None else None
        self._resume_round()
        self.answers: list[QuizAnswer] = self._restore()
        self.current_index = min(len(self.answers), n)
        self._submitted = False
        self._class, self._class_problem = self._class_recorder(class_dir)

        # --- widgets -----------------------------------------------------------------------
        self.header = widgets.HTML()
        self.style = widgets.HTML(APP_STYLE)
        self.name_box, self.class_note, self.class_row = self._class_widgets()
        self.score_text = widgets.HTML()
        self.vignette_text = widgets.HTML()
        self.status = widgets.HTML("")
        self.label_choice = widgets.ToggleButtons(
            options=[(label.capitalize(), label) for label in self.labels],
            value=None,
            description="1. What drives the pain?",
            description_allow_html=False,
            style={"description_width": "initial", "button_width": "auto"},
            tooltips=[LABEL_INFO[label].meaning for label in self.labels],
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
                self.class_row,
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

    def _meta(self) -> dict[str, Any]:
        meta = {"seed": self.seed, "difficulty": self.difficulty, "n": self.n}
        if self.adaptive:  # the round as it now stands, with the cases brought back
            meta["cases"] = [str(i) for i in self._frame["case_id"]]
        return meta

    def _resume_round(self) -> None:
        """An adaptive round reopened: the cases brought back into it, as saved."""
        if self._store is None or not self.adaptive:
            return
        from hipback.teaching.practice import practice_frame

        saved = self._store.meta(self._key).get("cases")
        start = [str(i) for i in self._frame["case_id"]]
        # Only a round that grew from this one (its first case, each case once) is taken.
        if (
            not isinstance(saved, list)
            or not all(isinstance(i, str) for i in saved)
            or len(saved) <= len(start)
            or len(set(saved)) != len(saved)
            or not set(start) <= set(saved)
            or saved[0] != start[0]
        ):
            return
        try:
            frame = practice_frame(saved)
        except (HipbackInputError, KeyError, ValueError):
            return
        self._frame = frame
        self._cases = cases_from_frame(frame)
        self.n = len(frame)

    def _class_recorder(self, class_dir: Any) -> tuple[ClassRecorder | None, str]:
        """Class mode: the recorder of this session's answers (or why there is none)."""
        return class_recorder(class_dir, self._key, self._meta())

    def _class_widgets(self) -> tuple[widgets.Text, widgets.HTML, widgets.Box]:
        return class_widgets(
            self._class, self._class_problem, self.set_name, shared_cases=self._shared_seed
        )

    def _class_html(self) -> str:
        return class_html(self._class, self._class_problem, shared_cases=self._shared_seed)

    @property
    def learner(self) -> str | None:
        """Class mode: the name saved with the answers (None outside class mode)."""
        return self._class.learner if self._class else None

    def set_name(self, name: str) -> str | None:
        """What typing a name does (class mode): saved with every answer, at once."""
        if self._class is None:
            return None
        self._class.set_name(name)
        self.class_note.value = self._class_html()
        return self._class.learner

    def _store_note(self) -> str:
        if self._store is None or not self._store.status:
            return ""
        return f"<p role='alert'><b>Progress not saved:</b> {escape(self._store.status)}</p>"

    def _save(self) -> None:
        if not self.answers:
            return
        a = self.answers[-1]
        if self._class is not None:
            self._class.record(a)
            self.class_note.value = self._class_html()
        if self._store is None:
            return
        self._store.record(self._key, str(a.index), asdict(a), score=a.points,
                           possible=POINTS_PER_CASE, meta=self._meta())  # fmt: skip
        # Added to what submit() already said (a missed pattern coming back), not instead.
        self.status.value += self._store_note()

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
        check_choices(label, red_flags, plan_ids, self.labels)
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
            choices = ", ".join(self.labels[:-1]) + f" or {self.labels[-1]}"
            self.status.value = f"<p role='alert'><b>Choose {choices} first</b> (question 1).</p>"
            return None
        case = self.current_case
        case_id, truth, true_flags = self._truth(self.current_index)
        row = self._frame.iloc[self.current_index]
        graded = grade_case(
            case,
            index=self.current_index,
            case_id=case_id,
            truth=truth,
            true_flags=true_flags,
            label=label,
            red_flags=(n for n, box in self.red_flag_boxes.items() if box.value),
            plan_ids=(i for i, box in self.plan_boxes.items() if box.value),
            difficulty=str(row["difficulty"]) if "difficulty" in row else "",
            labels=self.labels,
        )
        record, result, comparison = graded.answer, graded.result, graded.comparison
        self.answers.append(record)
        self._submitted = True
        self._set_answering(False)
        self.next_button.disabled = False
        self.status.value = ""
        explanation = str(row["explanation"]) if "explanation" in row else ""
        self.feedback.value = feedback_html(record, result, case, explanation)
        self.plan_feedback.value = (
            "<div class='hipback-quiz-plan-feedback'><h4 style='margin:6px 0'>Your plan</h4>"
            f"{comparison_html(comparison)}</div>"
        )
        update_reasoning_chart(self.chart, result)
        self.chart_view.refresh()
        self.chart_caption.value = caption_html(describe(self.chart))
        self.chart_box.layout.display = "flex"
        self.score_text.value = self._score_html()
        if self.adaptive and not record.label_correct:
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
    class_dir: Any = None,
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
    class_dir : str or PathLike, optional
        The class folder to save each answered case to, one file per session (default:
        ``$HIPBACK_PROGRESS_DIR``, which class mode sets; unset: nothing is collected).
        The learner can type a name or nickname; until then an anonymous id is saved.
        With ``$HIPBACK_CLASS_SEED`` set and no ``seed``, the room shares that seed.

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
    return Quiz(
        seed=seed, difficulty=difficulty, n=n, progress_path=progress_path, class_dir=class_dir
    )
