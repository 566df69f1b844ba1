"""Write a case: the lecturer builds a case with the kit's controls, names it, and saves it
as a case file (JSON, for the projector app) and as a printable card with its answer key
(the kit's handout pages, :func:`hipback.teaching.handouts.handout_html`).

Files go to the cases folder (``HIPBACK_CASES_DIR``, default ``cases/`` beside the apps):
``NAME.json``, ``NAME.html`` (the card) and ``NAME-answers.html`` (the answer key).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import ipywidgets as widgets

from hipback.case import Case, cases_to_frame
from hipback.errors import HipbackInputError
from hipback.reasoning import DISCLAIMER, classify
from hipback.storage import OutputExistsError, write_files
from hipback.widgets.case_files import case_json, case_record, slug
from hipback.widgets.controls import build_controls, grouped
from hipback.widgets.projector import cases_dir


@dataclass(frozen=True)
class SavedCase:
    """The three files written for one case."""

    case_file: Path
    card: Path
    answer_key: Path


def save_case(
    name: str, case: Case, folder: Path, note: str = "", *, overwrite: bool = False
) -> SavedCase:
    """Write ``case`` as ``folder/<slug>.json`` and its card and answer key beside it.

    The three files are written together through the kit's atomic writer
    (:func:`hipback.storage.write_files`): all of them or none. A case of the same name is
    replaced only with ``overwrite`` (else :class:`hipback.storage.OutputExistsError`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> saved = save_case("Demo case", Case(age=60, pain_groin=True), folder)
    >>> saved.case_file.name, saved.card.name, saved.answer_key.name
    ('demo-case.json', 'demo-case.html', 'demo-case-answers.html')
    """
    from hipback.teaching.handouts import answer_key_path, handout_html

    record = case_record(name, case, note)
    stem = slug(record["name"])
    folder = Path(folder)
    frame = cases_to_frame([case])
    frame.insert(0, "case_id", [record["name"]])
    card_html, answers_html = handout_html(frame, title=f"Case: {record['name']}")
    saved = SavedCase(
        folder / f"{stem}.json",
        folder / f"{stem}.html",
        answer_key_path(folder / f"{stem}.html"),
    )
    folder.mkdir(parents=True, exist_ok=True)
    write_files(
        {
            saved.case_file: case_json(record),
            saved.card: card_html,
            saved.answer_key: answers_html,
        },
        overwrite=overwrite,
        hint='tick "Replace a saved case of this name", or choose another name',
    )
    return saved


class CaseWriter(widgets.VBox):
    """Name, note, the case controls, a live label, and "Save case"."""

    def __init__(self, start: Case | None = None, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.name = widgets.Text(description="Case name", placeholder="e.g. Groin pain, 67")
        self.note = widgets.Textarea(
            description="Note", placeholder="What this case is for (shown in the case file)"
        )
        self.controls = build_controls(start or Case(age=50))
        self.preview = widgets.HTML()
        self.replace = widgets.Checkbox(
            value=False, description="Replace a saved case of this name", indent=False
        )
        self.save_button = widgets.Button(description="Save case", button_style="primary")
        self.status = widgets.HTML()
        self.save_button.on_click(lambda _: self.save())
        for control in self.controls.values():
            control.observe(lambda _change: self._preview(), names="value")
        super().__init__(
            [
                widgets.HTML("<h2>Write a case</h2>"),
                self.name,
                self.note,
                grouped(self.controls),
                self.preview,
                self.replace,
                self.save_button,
                self.status,
                widgets.HTML(f"<p><small><i>{escape(DISCLAIMER)}</i></small></p>"),
            ]
        )
        self._preview()

    def case(self) -> Case:
        """The case the controls show (raises :class:`HipbackInputError` when invalid)."""
        return Case(**{name: control.value for name, control in self.controls.items()})

    def _preview(self) -> None:
        try:
            result = classify(self.case())
        except HipbackInputError as exc:
            self.preview.value = f"<p role='alert'>{escape(str(exc))}</p>"
            return
        p = result.probabilities
        self.preview.value = (
            f"<p>The kit's reasoning for this case: hip {p['hip'] * 100:.0f} %, spine "
            f"{p['spine'] * 100:.0f} %, label <b>{escape(str(result.label))}</b>.</p>"
        )

    def save(self) -> SavedCase | None:
        """Save the case (the three files); say where in :attr:`status`."""
        folder = self.folder or cases_dir()
        try:
            saved = save_case(
                self.name.value,
                self.case(),
                folder,
                self.note.value,
                overwrite=self.replace.value,
            )
        except (OutputExistsError, HipbackInputError, OSError) as exc:
            self.status.value = f"<p role='alert'>Not saved: {escape(str(exc))}</p>"
            return None
        self.status.value = (
            f"<p role='status'>Saved in {escape(str(folder))}: "
            f"{escape(saved.case_file.name)} (case file), {escape(saved.card.name)} (card to "
            f"print), {escape(saved.answer_key.name)} (answer key). Show it step by step: "
            f"<a href='projector.ipynb?file={escape(saved.case_file.name)}'>projector</a>.</p>"
        )
        return saved


def case_writer(start: Case | None = None, folder: Path | None = None) -> CaseWriter:
    """The "write a case" widget (``apps/write_case.ipynb`` shows it)."""
    return CaseWriter(start, folder)
