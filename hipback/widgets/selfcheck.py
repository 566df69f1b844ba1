"""The self-check widget: commit an answer, then see right or wrong, why, and a score.

Every lesson ends with :func:`self_check`; lessons 03-05 also place single items inside
the lesson with :func:`predict` (predict, then reveal what the kit says). The items and
their marking are in :mod:`hipback.teaching.selfcheck`: this module only shows them.
Nothing is scored here; each "Check my answer" calls the pure
:func:`hipback.teaching.selfcheck.score` and displays its result.

Answers are saved to the learner's progress file (one small JSON, see
:func:`hipback.teaching.selfcheck.default_progress_path`) under ``lesson-NN``; answered
items come back answered when the lesson is opened again, and :func:`progress_summary`
shows every lesson's score on the start page.
"""

from __future__ import annotations

import json
import secrets
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from hipback.storage.progress import ProgressStore
from hipback.teaching import selfcheck as engine
from hipback.teaching.lessons import LESSONS

_LETTERS = "ABCDEFGH"


# --- the progress store ---------------------------------------------------------------------


def open_store(path: Any = "default") -> ProgressStore:
    """The learner's progress store (``path=None``: memory only; default: the usual file).

    The store is locked and merging (:mod:`hipback.storage.progress`): any number of
    lessons, tabs and kernels can save answers to the same file. It never raises for a
    file problem; ``store.status`` then says why answers are not being saved.
    """
    if isinstance(path, str) and path == "default":
        path = engine.default_progress_path()
    path = Path(path) if path is not None else None
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            path = None
    return ProgressStore(path)


# --- one item -------------------------------------------------------------------------------


class ItemView(widgets.VBox):
    """One self-check item: the question, an input, "Check my answer", then feedback.

    ``answer(response)`` sets the input and commits, as a learner would; ``feedback`` holds
    the marking (None before commit).
    """

    def __init__(self, item: engine.Item, number: int, seed: Any, on_commit=None) -> None:
        self.item = item
        self.options = engine.arrange(item, seed)
        self.feedback: engine.Feedback | None = None
        self._on_commit = on_commit
        self.prompt = widgets.HTML(
            f"<p><b>Question {number}.</b> {escape(item.prompt)}</p>",
            layout=widgets.Layout(margin="8px 0 0 0"),
        )
        self.input = self._make_input()
        self.check = widgets.Button(
            description="Check my answer",
            tooltip="Commit your answer; then see whether it is right and why",
            button_style="primary",
        )
        self.check.on_click(lambda _: self.commit())
        self.result = widgets.HTML(
            "<p><i>Answer first: the feedback appears once you press Check my answer.</i></p>"
        )
        super().__init__([self.prompt, self.input, self.check, self.result])
        self.add_class("hipback-selfcheck-item")

    def _make_input(self) -> widgets.Widget:
        kind = self.item.kind
        labelled = [(f"{_LETTERS[i]}. {o.text}", o.key) for i, o in enumerate(self.options)]
        if kind == "single":
            self._radio = widgets.RadioButtons(
                options=labelled, value=None, layout=widgets.Layout(width="auto")
            )
            return self._radio
        if kind == "multiple":
            self._boxes = {
                key: widgets.Checkbox(
                    value=False, description=text, indent=False, layout={"width": "auto"}
                )
                for text, key in labelled
            }
            hint = widgets.HTML("<i>Tick every option that applies.</i>")
            return widgets.VBox([hint, *self._boxes.values()])
        if kind == "number":
            self._number = widgets.Text(
                placeholder="e.g. 45",
                description="Your answer (%):",
                style={"description_width": "initial"},
            )
            return self._number
        choices = [("choose…", None), *labelled]
        self._places = [
            widgets.Dropdown(options=choices, value=None, description=f"Step {k}:")
            for k in range(1, len(self.options) + 1)
        ]
        return widgets.VBox(self._places)

    @property
    def response(self) -> Any:
        kind = self.item.kind
        if kind == "single":
            return self._radio.value
        if kind == "multiple":
            return sorted(k for k, box in self._boxes.items() if box.value)
        if kind == "number":
            return self._number.value
        return [d.value for d in self._places]

    def set_response(self, response: Any) -> None:
        kind = self.item.kind
        if kind == "single":
            self._radio.value = response
        elif kind == "multiple":
            for k, box in self._boxes.items():
                box.value = k in set(response or [])
        elif kind == "number":
            self._number.value = str(response)
        else:
            for d, key in zip(self._places, response or [], strict=False):
                d.value = key

    def answer(self, response: Any) -> engine.Feedback:
        """Set the input to ``response`` and commit it (what a learner does by hand)."""
        self.set_response(response)
        return self.commit()

    def commit(self, save: bool = True) -> engine.Feedback:
        response = self.response
        missing = engine.incomplete(self.item, response)
        if missing:  # one try only: nothing is marked or locked until there is an answer
            self.result.value = f"<p role='alert'><b>{escape(missing)}</b></p>"
            return self.feedback
        self.feedback = engine.score(self.item, response)
        for w in (self.input, *getattr(self.input, "children", ())):
            if hasattr(w, "disabled"):
                w.disabled = True
        self.check.disabled = True
        self.check.description = "Answered"
        self.result.value = feedback_html(self.feedback)
        if self._on_commit is not None:
            self._on_commit(self, response, save)
        return self.feedback


def feedback_html(fb: engine.Feedback) -> str:
    """The feedback in words and a symbol (never colour alone), announced to screen readers."""
    mark = "✔ Right" if fb.correct else "✘ Not right"
    notes = "".join(f"<li>{escape(n)}</li>" for n in fb.notes)
    return (
        "<div class='hipback-feedback' role='status' aria-live='polite' "
        "style='border-left:4px solid #555;padding:2px 10px;margin:4px 0'>"
        f"<p><b>{mark}.</b> {escape(fb.verdict)}</p>"
        + (f"<p><b>Why:</b> {escape(fb.why)}</p>" if fb.why else "")
        + (f"<p><b>The other options:</b></p><ul>{notes}</ul>" if notes else "")
        + "</div>"
    )


# --- a lesson's self-check ------------------------------------------------------------------


class SelfCheck(widgets.VBox):
    """A lesson's items (or some of them) with a running score kept in the progress file."""

    def __init__(
        self,
        lesson: int,
        items: tuple[engine.Item, ...] | None = None,
        *,
        seed: Any = None,
        progress_path: Any = "default",
        reveal: str = "",
        show_score: bool = True,
    ) -> None:
        self.lesson = lesson
        self.quiz_id = engine.quiz_id(lesson)
        self.store = open_store(progress_path)
        self.seed = seed if seed is not None else _learner_seed(self.store)
        chosen = engine.items(lesson) if items is None else items
        if items is None:
            chosen = tuple(x for x in chosen if not x.inline)
        self.views = [
            ItemView(x, k, self.seed, on_commit=self._committed)
            for k, x in enumerate(chosen, start=1)
        ]
        self.reveal = widgets.HTML("")
        self._reveal_text = reveal
        self.score_line = widgets.HTML("", layout=widgets.Layout(margin="8px 0"))
        self.status = widgets.HTML(
            f"<p><i>{escape(self.store.status)}</i></p>" if self.store.status else ""
        )
        parts = [*self.views, self.reveal]
        if show_score:
            parts += [self.score_line, self.status]
        super().__init__(parts)
        self.add_class("hipback-selfcheck")
        self._restore()
        self._update_score()

    def _restore(self) -> None:
        saved = self.store.items(self.quiz_id)
        for view in self.views:
            rec = saved.get(view.item.id)
            if rec is not None and "response" in rec.answer:
                view.set_response(rec.answer["response"])
                view.commit(save=False)

    def _committed(self, view: ItemView, response: Any, save: bool) -> None:
        if (
            save
            and getattr(self.store, "saving", False)
            and "seed" not in self.store.items("learner")
        ):
            self.store.record("learner", "seed", {"seed": str(self.seed)})
        if save:
            self.store.record(
                self.quiz_id,
                view.item.id,
                {"response": response, "seed": str(self.seed)},
                score=float(view.feedback.points),
                possible=1.0,
            )
            self.status.value = (
                f"<p><i>{escape(self.store.status)}</i></p>" if self.store.status else ""
            )
        if self._reveal_text:
            self.reveal.value = (
                "<p><b>Now check with the kit:</b></p>"
                f"<pre style='white-space:pre-wrap'>{escape(self._reveal_text)}</pre>"
            )
        self._update_score()

    @property
    def score(self) -> tuple[int, int]:
        """(right, number of items in the lesson), from the saved answers; pure marking."""
        saved = {k: r.answer.get("response") for k, r in self.store.items(self.quiz_id).items()}
        for view in self.views:  # answers made in this session count even if not saved
            if view.feedback is not None:
                saved[view.item.id] = view.response
        return engine.lesson_score(self.lesson, saved)

    def _update_score(self) -> None:
        right, total = self.score
        answered = len(
            {v.item.id for v in self.views if v.feedback is not None}
            | set(self.store.items(self.quiz_id))
        )
        self.score_line.value = (
            f"<p role='status' aria-live='polite'><b>Your score for this lesson: {right} of "
            f"{total} right</b> ({answered} of {total} answered).</p>"
        )


#: Seeds drawn for a progress file that has none saved yet, by file: every self-check
#: opened before the first answer (a lesson's predictions and its self-check) shares one,
#: so the option order they show is the one saved with that answer, and kept on reopening.
_UNSAVED_SEEDS: dict[str, str] = {}


def _learner_seed(store: Any) -> str:
    """The learner's own shuffle seed, kept with their progress (read only here: it is
    written with the learner's first answer, so opening a lesson writes nothing)."""
    saved = store.items("learner")
    if "seed" in saved:
        return str(saved["seed"].answer.get("seed"))
    if not getattr(store, "saving", False):
        return engine.DEFAULT_SEED
    return _UNSAVED_SEEDS.setdefault(str(store.path), secrets.token_hex(4))


def self_check(lesson: int, *, seed: Any = None, progress_path: Any = "default") -> SelfCheck:
    """The end-of-lesson self-check of ``lesson`` (its items not shown inside the lesson).

    ``seed`` fixes the option order (a lecturer's printed key names its seed); by default
    each learner gets their own, kept in their progress file.
    """
    return SelfCheck(lesson, seed=seed, progress_path=progress_path)


def predict(item_id: str, reveal: str = "", **kwargs: Any) -> SelfCheck:
    """One item inside a lesson: commit a prediction, then see the feedback and ``reveal``.

    ``reveal`` (e.g. the kit's before/after printout) stays hidden until the learner has
    committed an answer.
    """
    x = engine.item(item_id)
    return SelfCheck(x.lesson, (x,), reveal=reveal, show_score=False, **kwargs)


def _summary_html(store: Any) -> str:
    rows = []
    for lesson in LESSONS:
        group = engine.bank().get(lesson.number, ())
        saved = {
            k: r.answer.get("response")
            for k, r in store.items(engine.quiz_id(lesson.number)).items()
        }
        right, total = engine.lesson_score(lesson.number, saved)
        done = len(set(saved) & {x.id for x in group})
        rows.append(
            f"<tr><td>{escape(lesson.label)}</td><td>{done} of {total}</td>"
            f"<td>{right} of {total}</td></tr>"
        )
    return (
        "<table class='hipback-progress'><caption>Your self-check scores so far</caption>"
        "<tr><th>Lesson</th><th>Answered</th><th>Right</th></tr>"
        + "".join(rows)
        + "</table>"
        + (f"<p><i>{escape(store.status)}</i></p>" if store.status else "")
    )


class ProgressSummary(widgets.VBox):
    """Every lesson's self-check score, and "Export my results" for the lecturer."""

    def __init__(self, progress_path: Any = "default", folder: Any = ".") -> None:
        self.store = open_store(progress_path)
        self.folder = Path(folder)
        self.table = widgets.HTML(_summary_html(self.store))
        self.name = widgets.Text(
            placeholder="your name", description="Name:", layout={"width": "22em"}
        )
        self.button = widgets.Button(
            description="Export my results",
            tooltip="Write one small file with your name and self-check answers for the lecturer",
        )
        self.button.on_click(lambda _: self.export())
        self.status = widgets.HTML("")
        self.code = widgets.Text(
            placeholder="e.g. group-3", description="Class code:", layout={"width": "22em"}
        )
        self.code_button = widgets.Button(
            description="Use this class code",
            tooltip="Your lecturer may give one: your self-checks then show the options in "
            "the order of the printed answer key",
        )
        self.code_button.on_click(lambda _: self.use_class_code())
        super().__init__(
            [
                self.table,
                widgets.HBox([self.name, self.button]),
                widgets.HBox([self.code, self.code_button]),
                self.status,
            ]
        )
        self.add_class("hipback-progress-summary")

    def use_class_code(self) -> bool:
        """Make the lecturer's class code this learner's shuffle seed (for the printed key)."""
        code = self.code.value.strip()
        if not code:
            self.status.value = "<p><b>Type the class code first.</b></p>"
            return False
        saved = self.store.record("learner", "seed", {"seed": code})
        self.status.value = (
            f"<p role='status'>Class code <b>{escape(code)}</b> in use: reopen a lesson to see "
            "its self-check in the order of your lecturer's key."
            + ("" if saved else " (It is kept for this session only.)")
            + "</p>"
        )
        return True

    def export(self) -> Path | None:
        """Write ``hipback-results-NAME.json`` next to the lessons; return its path."""
        from hipback.teaching.class_report import export_data

        name = self.name.value.strip()
        if not name:
            self.status.value = "<p><b>Type your name first.</b></p>"
            return None
        answers = {
            engine.quiz_id(n): {
                k: r.answer.get("response") for k, r in self.store.items(engine.quiz_id(n)).items()
            }
            for n in engine.bank()
        }
        safe = "".join(ch if ch.isalnum() else "-" for ch in name).strip("-") or "learner"
        path = self.folder / f"hipback-results-{safe}.json"
        try:
            path.write_text(json.dumps(export_data(name, answers), indent=1), encoding="utf-8")
        except OSError as err:
            self.status.value = f"<p><b>Could not write the file ({escape(str(err))}).</b></p>"
            return None
        self.status.value = (
            f"<p role='status'>Saved <b>{escape(path.name)}</b> next to the lessons: hand it "
            "to your lecturer.</p>"
        )
        return path


def progress_summary(progress_path: Any = "default", folder: Any = ".") -> ProgressSummary:
    """Each lesson's self-check score from the progress file, and an export button."""
    return ProgressSummary(progress_path, folder)


__all__ = [
    "ProgressSummary",
    "ItemView",
    "SelfCheck",
    "feedback_html",
    "open_store",
    "predict",
    "progress_summary",
    "self_check",
]
