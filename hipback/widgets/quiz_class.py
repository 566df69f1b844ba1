"""The quiz's class-mode part: the name box and the line saying where answers go.

The recording itself is :class:`hipback.teaching.quiz_results.ClassRecorder`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any

import ipywidgets as widgets

from hipback.errors import HipbackInputError
from hipback.teaching.quiz_results import ClassRecorder, class_folder


def class_recorder(
    class_dir: Any, quiz_id: str, meta: Mapping[str, Any]
) -> tuple[ClassRecorder | None, str]:
    """The recorder for the class folder (``class_dir`` or ``$HIPBACK_PROGRESS_DIR``), or
    None and why not (empty outside class mode). A folder that cannot be used never stops
    the quiz."""
    folder = class_folder(class_dir)
    if folder is None:
        return None, ""
    try:
        return ClassRecorder(folder, quiz_id, meta), ""
    except HipbackInputError as err:
        return None, f"the class folder cannot be used ({err})"


def class_html(recorder: ClassRecorder | None, problem: str, shared_cases: bool = False) -> str:
    """The line under the name box: where the answers go, or why they do not.

    ``shared_cases``: the quiz uses the class's seed, so everyone has the same cases and a
    reload brings the same set back (the app's own text offers a reload for new cases).
    """
    same = (
        " Everyone in this class session works the same cases, so reloading the page brings "
        "back this set."
        if shared_cases
        else ""
    )
    if recorder is None:
        if not problem:
            return ""
        return (
            "<p role='alert'><b>Your answers are not being collected for the class:</b> "
            f"{escape(problem)}</p>"
        )
    if recorder.status:
        return (
            "<p role='alert'><b>Your last answer did not reach your lecturer's results:</b> "
            f"{escape(recorder.status)}</p>"
        )
    spelled = " (capitals do not tell names apart)" if recorder.taken_as != recorder.learner else ""
    taken = (
        f"<p role='alert'><b>The name {escape(recorder.taken_as)} is already in this "
        f"class's results, from another quiz page{spelled}.</b> If that page was yours (you "
        "reopened the quiz), carry on: your answers are counted once. If it was not, "
        "add an initial or choose another nickname: the class results count one name "
        "as one learner.</p>"
        if recorder.name_taken
        else ""
    )
    return taken + (
        "<p role='status'><small>Class mode: each answer is saved for your lecturer's "
        f"class results as you submit it, as <b>{escape(recorder.learner)}</b>. "
        f"Type a name or nickname above if you want to be recognised.{same}</small></p>"
    )


def class_widgets(
    recorder: ClassRecorder | None,
    problem: str,
    on_name: Callable[[str], Any],
    shared_cases: bool = False,
) -> tuple[widgets.Text, widgets.HTML, widgets.Box]:
    """The name box, the note and the row holding them (hidden outside class mode)."""
    name = widgets.Text(
        value="",
        placeholder=recorder.learner if recorder else "",
        description="Your name or nickname (optional):",
        description_allow_html=False,
        continuous_update=False,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="32em"),
    )
    name.observe(lambda change: on_name(change["new"]), names="value")
    note = widgets.HTML(class_html(recorder, problem, shared_cases))
    shown = recorder is not None or bool(problem)
    row = widgets.VBox(
        [name, note] if recorder else [note],
        layout=widgets.Layout(display="flex" if shown else "none"),
    )
    row.add_class("hipback-quiz-class")
    return name, note, row
