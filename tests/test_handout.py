"""Printable case cards and the separate answer key."""

from __future__ import annotations

import re

import pytest

from hipback import DISCLAIMER, HipbackInputError, classify, generate_cases
from hipback.cohort.vignettes import vignette
from hipback.teaching.handouts import MIMIC_NOTES, answer_key_path, handout_html, write_handout
from hipback.validation import cases_from_frame


@pytest.fixture(scope="module")
def pages():
    cases = generate_cases(8, seed=7, difficulty="hard", red_flag_rate=0.3)
    return cases, handout_html(cases)


def test_one_card_per_case_each_on_its_own_page(pages):
    cases, (cards, _) = pages
    assert cards.count("<section class='card'>") == len(cases)
    assert "page-break-before: always" in cards and "break-before: page" in cards
    for i, row in enumerate(cases.itertuples(), start=1):
        assert f"Case {i} of {len(cases)}" in cards
        assert row.case_id in cards


def test_cards_show_the_vignette_and_no_answers(pages):
    cases, (cards, _) = pages
    from html import escape

    for _, row in cases.iterrows():
        assert escape(vignette(row, negatives=False)) in cards
    assert "Answer:" not in cards and "Reasoning model" not in cards
    for label in ("true_label", "mimic", "Trap:"):
        assert label not in cards


def test_disclaimer_on_every_card_and_in_the_key(pages):
    cases, (cards, answers) = pages
    assert cards.count(DISCLAIMER) >= len(cases)
    assert DISCLAIMER in answers


def test_answer_key_has_label_points_flags_and_plan(pages):
    cases, (_, answers) = pages
    sections = answers.split("<section class='answer'>")[1:]
    assert len(sections) == len(cases)
    graded = cases_from_frame(cases)
    for i, (section, (_, row)) in enumerate(zip(sections, cases.iterrows(), strict=True)):
        assert f"Answer: {str(row['true_label']).upper()}" in section
        assert "Reasoning model:" in section
        assert re.search(r"[+-]\d+\.\d points", section) or "No scored findings" in section
        assert "Recommended plan" in section and "<ol><li>" in section
        if row["true_red_flags"]:
            # graded red flags (IFOMPT 2020): URGENT only at emergency or urgent level
            assert "RED FLAG (" in section
            assert ("URGENT" in section) == classify(graded[i]).urgent
        else:
            assert "Red flags:</b> none" in section
        note = MIMIC_NOTES[str(row["mimic"])]
        if note:
            assert note.split(".")[0] in section
        # a close call is said in the key, so the debrief can weigh the model's label
        r = classify(graded[i])
        assert ("Close call:" in section) == (r.close_call is not None)
    kinds = {classify(c).close_call is None for c in graded}
    assert kinds == {True, False}, "the cohort no longer has both close and settled labels"


def test_black_and_white_readable(pages):
    _, (cards, answers) = pages
    for page in (cards, answers):
        colours = re.findall(r"(?:color|background)\s*:\s*([^;}\s]+)", page)
        assert set(colours) <= {"#000", "#fff"}, colours
        assert "<style>" in page and "<script" not in page


def test_write_handout_and_answer_key_path(tmp_path):
    cards, answers = write_handout(generate_cases(2, seed=1), tmp_path / "s.html")
    assert cards.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert answers == tmp_path / "s-answers.html" == answer_key_path(tmp_path / "s.html")
    assert answer_key_path("handout").name == "handout-answers.html"


def test_unwritable_path_is_a_clear_error(tmp_path):
    with pytest.raises(HipbackInputError, match="output: cannot write"):
        write_handout(generate_cases(1, seed=1), tmp_path / "missing" / "s.html")


def test_progress_callback_counts_cases():
    seen = []
    handout_html(generate_cases(3, seed=2), progress=seen.append)
    assert seen == [1, 2, 3]


def test_not_a_frame_is_refused():
    with pytest.raises(HipbackInputError, match="cases: list"):
        handout_html([1, 2])


def test_cards_list_what_was_checked_and_not_found(pages):
    # The reasoning counts findings asked about and absent (no groin pain lowers the hip),
    # so the card shows them, group by group, in its "At a glance" list.
    from html import escape

    from hipback.case import FIELDS

    cases, (cards, _) = pages
    sections = cards.split("<section class='card'>")[1:]
    for section, case in zip(sections, cases_from_frame(cases), strict=True):
        glance = section.split("<dl class='glance'>")[1].split("</dl>")[0]
        absent = [
            s for s in FIELDS
            if s.kind == "bool" and s.group != "Red flags" and getattr(case, s.name) is False
        ]  # fmt: skip
        assert absent, "the test cohort has no absent findings"
        for spec in absent:
            label = escape(spec.label[0].lower() + spec.label[1:])
            assert re.search(rf"not found: [^<]*{re.escape(label)}", glance), (spec.name, glance)
        flags = [getattr(case, s.name) for s in FIELDS if s.group == "Red flags"]
        if False in flags:
            assert "red-flag question" in glance
