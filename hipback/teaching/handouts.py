"""Printable case cards for a teaching session, and a separate answer key.

Cards carry the vignette, an at-a-glance list of the findings and three
questions with space to write; one card per printed page. The answer key
gives, per case, the answer the case was generated with, the reasoning in
points, the red flags with their action, and the recommended plan. Both are
self-contained HTML that reads in black and white: meaning is never carried by
colour alone (bold text, borders and words such as "RED FLAG" do the work).
"""

from __future__ import annotations

from html import escape
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hipback.case import FIELDS, GROUPS, RED_FLAG_GROUP, Case
from hipback.cohort.vignettes import red_flags_answer, vignette
from hipback.errors import HipbackInputError
from hipback.knowledge.labels import MIMICS
from hipback.reasoning import DISCLAIMER, classify
from hipback.validation import cases_from_frame

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import pandas as pd

#: What each hard-case trap teaches (shown in the answer key).
#: The trap note for each generated case's mimic: the sentence (with its citation) is read
#: from :data:`hipback.knowledge.labels.MIMICS`, not restated here.
MIMIC_NOTES: dict[str, str] = {"none": "", **{k: f"Trap: {v}" for k, v in MIMICS.items()}}

_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; color: #000; background: #fff;
       max-width: 46em; margin: 1em auto; line-height: 1.4; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; border-bottom: 2px solid #000; }
.card, .answer { border: 2px solid #000; padding: 1em 1.2em; margin: 1em 0; }
.card + .card { page-break-before: always; break-before: page; }
.answer { page-break-inside: avoid; break-inside: avoid; }
.disclaimer { font-size: 0.85em; border-top: 1px solid #000; margin-top: 1em; padding-top: .4em; }
.glance { font-size: 0.95em; } .glance dt { font-weight: bold; }
.glance .absent { font-size: 0.85em; font-style: italic; }
.write { border-bottom: 1px dotted #000; height: 1.8em; }
.flag { border: 3px double #000; padding: .4em .6em; font-weight: bold; }
table { border-collapse: collapse; } td, th { border: 1px solid #000; padding: 2px 6px; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; }
  .card { border: none; padding: 0; margin: 0; } }
"""


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1><p class='disclaimer'>{escape(DISCLAIMER)}</p>"
        f"{body}</body></html>\n"
    )


def _glance(case: Case) -> str:
    """The case's recorded facts grouped as a history is taken: what is present, then (in
    smaller type) what was checked and not found, which the reasoning counts too."""
    out = []
    for group in GROUPS:
        items, absent = [], []
        for spec in FIELDS:
            if spec.group != group:
                continue
            value = getattr(case, spec.name)
            if spec.kind == "bool":
                if value:
                    items.append(spec.label)
                elif value is False and group != RED_FLAG_GROUP:
                    absent.append(spec.label_in_sentence)
            elif value is not None and value != spec.default or spec.required:
                if spec.name == "morning_stiffness_minutes" and value == 0:
                    continue
                if spec.kind == "choice":
                    shown = spec.choice_text(value)
                else:
                    shown = f"{value:g}" if isinstance(value, float) else str(value)
                unit = f" {spec.unit}" if spec.unit else ""
                items.append(f"{spec.label}: {shown}{unit}")
        if group == RED_FLAG_GROUP and (answered := red_flags_answer(case)):
            absent = [answered.removesuffix(".")]
        text = escape("; ".join(items))
        if absent:
            lead = "" if group == RED_FLAG_GROUP else "not found: "
            text += (" &middot; " if items else "") + (
                f"<span class='absent'>{escape(lead + ', '.join(absent))}</span>"
            )
        if items or absent:
            out.append(f"<dt>{escape(group)}</dt><dd>{text}</dd>")
    return "<dl class='glance'>" + "".join(out) + "</dl>"


def _card(number: int, total: int, case_id: str, case: Case, text: str) -> str:
    lines = "".join("<div class='write'></div>" for _ in range(3))
    return (
        f"<section class='card'><h2>Case {number} of {total}"
        f"{' &middot; ' + escape(case_id) if case_id else ''}</h2>"
        f"<p>{escape(text)}</p><h3>At a glance</h3>{_glance(case)}"
        "<h3>Questions</h3><ol>"
        "<li>Where is the pain coming from? Circle one: &nbsp; HIP &nbsp; / &nbsp; SPINE "
        "&nbsp; / &nbsp; BOTH (combined). Which findings tipped it?" + lines + "</li>"
        "<li>Are there any red flags? If so, what must happen first?" + lines + "</li>"
        "<li>Your management plan: the three things you would do first." + lines + "</li>"
        f"</ol><p class='disclaimer'>{escape(DISCLAIMER)}</p></section>"
    )


def _plan_item(rec: Mapping[str, Any]) -> str:
    beyond = rec.get("beyond_guidelines")
    return (
        f"<li>{escape(str(rec['title']))}{' (optional)' if rec['optional'] else ''} &mdash; "
        f"<i>{escape(str(rec['why']))}</i>. Guidelines: {escape(str(rec['guidelines']))}"
        + (f". Beyond the guidelines: {escape(str(beyond))}" if beyond else "")
        + "</li>"
    )


def _answer(number: int, case_id: str, case: Case, truth: Mapping[str, Any]) -> str:
    from hipback.management import recommend

    r = classify(case)
    plan = recommend(case, r)
    label = truth.get("true_label")
    head = f"Case {number}" + (f" &middot; {escape(case_id)}" if case_id else "")
    parts = [f"<section class='answer'><h2>{head}</h2>"]
    if label is not None:
        parts.append(f"<p><b>Answer: {escape(str(label).upper())}</b> (how the case was made")
        extra = []
        if truth.get("spine_pattern") not in (None, "none"):
            extra.append(f"spine pattern: {truth['spine_pattern']}")
        if truth.get("difficulty"):
            extra.append(f"difficulty: {truth['difficulty']}")
        parts.append(("; " + "; ".join(escape(str(e)) for e in extra)) if extra else "")
        parts.append(").</p>")
    note = MIMIC_NOTES.get(str(truth.get("mimic", "none")), "")
    if note:
        parts.append(f"<p><i>{escape(note)}</i></p>")
    p = r.probabilities
    agree = "" if label is None or str(label) == r.label else (
        " <b>The model and the answer differ: a point for discussion.</b>"
    )  # fmt: skip
    parts.append(
        f"<p><b>Reasoning model:</b> {escape(r.label.upper())} (hip source {p['hip']:.0%}, "
        f"spine source {p['spine']:.0%}; pre-test {r.pretest['hip']:.0%} and "
        f"{r.pretest['spine']:.0%}).{agree}</p>"
    )
    if r.close_call_text:
        parts.append(f"<p>{escape(r.close_call_text)}</p>")
    if r.contributions:
        rows = "".join(
            f"<li>{c.points:+.1f} points &mdash; {escape(c.label)} "
            f"(favours {escape(c.favours)}; {escape(c.source)})"
            f"{'; ' + escape(c.note) if c.note else ''}</li>"
            for c in r.contributions
        )
        parts.append(
            f"<p>Findings, in points (+ toward hip, &minus; toward spine):</p><ul>{rows}</ul>"
        )
    else:
        parts.append("<p>No scored findings: the probabilities stay at their pre-test values.</p>")
    if r.red_flag_actions:
        flags = "".join(
            f"<li>RED FLAG ({escape(f.level)}): {escape(f.label)} &rarr; {escape(f.condition)}. "
            f"{escape(f.action)}</li>"
            for f in r.red_flag_actions
        )
        head = "URGENT" if r.urgent else "Red flags first"
        parts.append(f"<div class='flag'>{head} ({escape(str(r.urgency))})<ul>{flags}</ul></div>")
    else:
        parts.append("<p><b>Red flags:</b> none.</p>")
    items = "".join(_plan_item(rec) for rec in plan.to_records())
    parts.append(f"<p><b>Recommended plan</b></p><ol>{items}</ol>")
    if plan.notes:
        parts.append("<ul>" + "".join(f"<li>{escape(n)}</li>" for n in plan.notes) + "</ul>")
    parts.append("</section>")
    return "".join(parts)


def handout_html(
    cases: pd.DataFrame,
    title: str = "hipback case cards",
    progress: Callable[[int], None] | None = None,
) -> tuple[str, str]:
    """Build the case cards and the answer key for a frame of cases.

    Parameters
    ----------
    cases : pandas.DataFrame
        From :func:`hipback.generate_cases` or :func:`hipback.load_cases`
        (ground-truth columns are used in the answer key when present).
    title : str
        Heading of both pages.
    progress : callable, optional
        Called with the number of cases done (for a progress bar).

    Returns
    -------
    (str, str)
        The cards page and the answer-key page, as HTML.

    Examples
    --------
    >>> from hipback import generate_cases
    >>> cards, answers = handout_html(generate_cases(2, seed=7))
    >>> cards.count("class='card'"), "Answer:" in answers
    (2, True)
    """
    import pandas as pd

    if not isinstance(cases, pd.DataFrame):
        raise HipbackInputError(
            f"cases: {type(cases).__name__} is not allowed; allowed: a DataFrame of cases"
        )
    records = cases_from_frame(cases)
    ids = cases["case_id"].astype(str).tolist() if "case_id" in cases else [""] * len(records)
    truth_cols = [c for c in ("true_label", "spine_pattern", "difficulty", "mimic") if c in cases]
    truths = cases[truth_cols].astype(object).to_dict("records")
    total = len(records)
    cards, answers = [], []
    for i, (case, case_id, truth) in enumerate(zip(records, ids, truths, strict=True), start=1):
        cards.append(_card(i, total, case_id, case, vignette(case, negatives=False)))
        answers.append(_answer(i, case_id, case, truth))
        if progress is not None:
            progress(i)
    return (
        _page(title, "".join(cards)),
        _page(f"{title}: answer key", "".join(answers)),
    )


def answer_key_path(path: str | PathLike[str]) -> Path:
    """Where the answer key goes for a cards file: ``session.html`` -> ``session-answers.html``.

    Examples
    --------
    >>> answer_key_path("out/session.html").as_posix()
    'out/session-answers.html'
    """
    path = Path(path)
    suffix = path.suffix or ".html"
    return path.with_name(f"{path.stem}-answers{suffix}")


def write_handout(
    cases: pd.DataFrame,
    path: str | PathLike[str],
    title: str = "hipback case cards",
    progress: Callable[[int], None] | None = None,
    overwrite: bool = False,
    hint: str = "",
) -> tuple[Path, Path]:
    """Write the cards to ``path`` and the answer key next to it (``*-answers.html``).

    Both files are written together or not at all (:func:`hipback.storage.write_files`);
    existing files are replaced only with ``overwrite=True``.

    Raises
    ------
    HipbackInputError
        If either file exists (without ``overwrite``) or cannot be written (the
        message names the path and why); then neither file was written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from hipback import generate_cases
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "session.html"
    >>> [p.name for p in write_handout(generate_cases(1, seed=1), out)]
    ['session.html', 'session-answers.html']
    """
    from hipback.storage import write_files

    cards_path = Path(path)
    answers_path = answer_key_path(cards_path)
    cards, answers = handout_html(cases, title=title, progress=progress)
    write_files({cards_path: cards, answers_path: answers}, overwrite=overwrite, hint=hint)
    return cards_path, answers_path


def write_text_output(path: Path, text: str, overwrite: bool = False, hint: str = "") -> None:
    """Write a text file the user asked for, atomically; an unwritable path is an input error.

    Examples
    --------
    >>> try:
    ...     write_text_output(Path("/no/such/folder/x.html"), "")
    ... except HipbackInputError as err:
    ...     print(str(err).split(" (")[0])
    output: cannot write '/no/such/folder/x.html'
    """
    from hipback.storage import write_text

    write_text(path, text, overwrite=overwrite, hint=hint)
