"""Projector mode and "write a case": the widgets, without a browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textbook_cases import TEXTBOOK

from hipback import Case, classify
from hipback.errors import HipbackInputError
from hipback.reasoning import DISCLAIMER
from hipback.storage import OutputExistsError
from hipback.teaching.lessons import TEACHING_CASES
from hipback.widgets.case_files import read_case_file
from hipback.widgets.case_writer import case_writer, save_case
from hipback.widgets.projector import (
    Projector,
    case_from_query,
    projector,
    projector_app,
    reveal_steps,
)


@pytest.mark.parametrize("name", list(TEACHING_CASES))
def test_the_reveal_ends_on_the_whole_case(name: str) -> None:
    case = TEACHING_CASES[name]
    steps = reveal_steps(case)
    assert steps[-1].case == case
    assert steps[0].field is None
    assert len({s.field for s in steps[1:]}) == len(steps) - 1  # one finding per step


def test_evidence_about_the_person_is_revealed_as_its_own_steps() -> None:
    # The X-ray report and previous surgery are evidence: the start shows none of them, and
    # each comes as a step after the history and examination, so the class sees what it adds.
    case = Case(age=70, hip_oa_stage="none", prior_spine_surgery=True, pain_groin=True)
    steps = reveal_steps(case)
    assert [s.field for s in steps] == [None, "pain_groin", "hip_oa_stage", "prior_spine_surgery"]
    assert steps[0].case == Case(age=70)
    assert steps[2].text == "Hip X-ray on record: Shows no OA"
    hip = [classify(s.case).probabilities["hip"] for s in steps]
    assert hip[2] < hip[1], "the normal X-ray did not lower the hip"


def test_next_finding_moves_the_probabilities_to_the_full_case() -> None:
    view = projector("hip_driven")
    start = dict(view.result.probabilities)
    seen = [start]
    assert view.back_button.disabled and not view.next_button.disabled
    while not view.done:
        view.next()
        seen.append(dict(view.result.probabilities))
    assert view.next_button.disabled
    full = classify(TEACHING_CASES["hip_driven"])
    assert view.result.probabilities == full.probabilities
    assert seen[-1]["hip"] > start["hip"], "the hip probability did not move up"
    assert f"Findings shown: {len(view.steps) - 1} of {len(view.steps) - 1}" in view.findings.value
    assert f"<b>{full.label}</b>" in view.probabilities.value
    # The figure follows: its description names the current hip post-test probability.
    text = view.figure.outputs[0]["data"]["text/plain"]
    assert f"{full.probabilities['hip'] * 100:.0f}" in text
    view.back()
    assert view.position == len(view.steps) - 2
    view.restart()
    assert view.position == 0 and view.result.probabilities == start


def test_the_label_revealed_says_when_it_is_a_close_call() -> None:
    # Devin 2012's hip OA with mechanical back pain: combined, 0.2 points from a boundary.
    (case,) = [t for t in TEXTBOOK if t["id"] == "hip_oa_and_mechanical_lbp"]
    view = projector(Case(**case["fields"]))
    while not view.done:
        assert "Close call" not in view.probabilities.value  # not before the label shows
        view.next()
    assert "<b>combined</b>" in view.probabilities.value
    assert "Close call: 0.2 points less on the spine question" in view.probabilities.value
    settled = projector("spine_driven")  # 10 points from any other label
    while not settled.done:
        settled.next()
    assert "Close call" not in settled.probabilities.value


def test_the_page_address_chooses_the_case() -> None:
    assert case_from_query("case=borderline") == ("borderline", TEACHING_CASES["borderline"])
    assert case_from_query("")[0] == "borderline"
    with pytest.raises(HipbackInputError, match="not a teaching case"):
        case_from_query("case=nope")
    for bad in ("file=../secret.json", "file=/etc/passwd", "file=x.txt"):
        with pytest.raises(HipbackInputError, match="not allowed"):
            case_from_query(bad)
    page = projector_app("case=nope")
    assert "cannot be opened" in page.value and DISCLAIMER in page.value


def test_a_case_written_opens_in_the_projector(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HIPBACK_CASES_DIR", str(tmp_path))
    writer = case_writer()
    writer.name.value = "Mrs B, 67: groin pain"
    writer.note.value = "For the hip-versus-spine warm-up"
    writer.controls["age"].value = 67
    writer.controls["pain_groin"].value = True
    writer.controls["hip_rotation_limited"].value = True
    saved = writer.save()
    assert saved is not None, writer.status.value
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "mrs-b-67-groin-pain-answers.html",
        "mrs-b-67-groin-pain.html",
        "mrs-b-67-groin-pain.json",
    ]
    expected = Case(age=67, pain_groin=True, hip_rotation_limited=True)
    record = json.loads(saved.case_file.read_text())
    assert record["name"] == "Mrs B, 67: groin pain"
    assert record["note"] == "For the hip-versus-spine warm-up"
    assert Case.from_dict(record["case"]) == expected
    card, key = saved.card.read_text(), saved.answer_key.read_text()
    assert "Mrs B, 67: groin pain" in card and "Answer" not in card
    label = classify(expected).label
    assert label.upper() in key and DISCLAIMER in key
    assert "projector.ipynb?file=mrs-b-67-groin-pain.json" in writer.status.value
    name, case = case_from_query("file=mrs-b-67-groin-pain.json")
    assert (name, case) == ("Mrs B, 67: groin pain", expected)
    assert isinstance(projector_app("file=mrs-b-67-groin-pain.json"), Projector)


def test_writing_needs_a_name_and_says_so(tmp_path: Path) -> None:
    writer = case_writer(folder=tmp_path)
    assert writer.save() is None
    assert "Not saved" in writer.status.value and "name" in writer.status.value
    assert not list(tmp_path.iterdir())


def test_a_file_that_is_not_a_case_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"format": "other"}')
    with pytest.raises(HipbackInputError, match="not a hipback case file"):
        read_case_file(tmp_path / "x.json")
    saved = save_case("Again", Case(age=40), tmp_path)
    with pytest.raises(OutputExistsError):
        save_case("Again", Case(age=41), tmp_path)  # no silent overwrite
    assert read_case_file(saved.case_file)[1].age == 40
    save_case("Again", Case(age=41), tmp_path, overwrite=True)
    assert read_case_file(saved.case_file)[1].age == 41


def test_the_writer_replaces_a_saved_case_only_when_asked(tmp_path: Path) -> None:
    writer = case_writer(folder=tmp_path)
    writer.name.value = "Same name"
    assert writer.save() is not None
    writer.controls["age"].value = 70
    assert writer.save() is None and "already exists" in writer.status.value
    writer.replace.value = True
    assert writer.save() is not None
    assert read_case_file(tmp_path / "same-name.json")[1].age == 70
