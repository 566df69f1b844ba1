"""The quiz's scoring and its progress file (atomic writes, corrupt files moved aside).

What the learner sees is asserted on what the widgets send to the page (the ``sent``
comm recorder), not on the widgets' Python attributes.
"""

from __future__ import annotations

import json
import os

import pytest

from hipback.errors import HipbackInputError
from hipback.management import recommend_for_label
from hipback.widgets import quiz
from hipback.widgets.progress import (
    PROGRESS_FORMAT,
    ProgressFileWarning,
    ProgressStore,
    atomic_write_json,
)
from hipback.widgets.quiz import POINTS_PER_CASE

SEED = 5  # five cases, none with a red flag; case 0 is "combined", case 1 "spine"


def _truth(q):
    _, label, flags = q._truth(q.current_index)
    return label, flags


def _wrong(label):
    return "spine" if label != "spine" else "hip"


def test_right_answer_scores_all_points(sent):
    q = quiz(seed=SEED, n=3)
    label, flags = _truth(q)
    # v2: the plan is graded against the plan for the case's true driver
    plan = recommend_for_label(q.current_case, label)
    q.answer(label=label, red_flags=flags, plan_ids=plan.ids)
    record = q.submit()
    assert record.label_correct and record.red_flags_correct
    assert record.plan_score == 1.0
    assert q.score == POINTS_PER_CASE == q.possible
    assert f"{POINTS_PER_CASE:g} of {POINTS_PER_CASE:g} points" in sent.last(q.score_text, "value")
    assert "&#10003; Right" in sent.last(q.feedback, "value")


def test_wrong_label_and_flags_lose_their_points(sent):
    q = quiz(seed=SEED, n=3)
    label, _ = _truth(q)
    q.answer(label=_wrong(label), red_flags=["fever"], plan_ids=["prp_injection"])
    record = q.submit()
    assert not record.label_correct
    assert not record.red_flags_correct  # fever ticked, no flag present
    assert record.plan_score == 0.0
    assert q.score == 0.0 and q.possible == POINTS_PER_CASE
    assert "Not this time" in sent.last(q.feedback, "value")
    assert label.upper() in sent.last(q.feedback, "value")  # the right answer is shown
    assert "Not in this case: Fever" in sent.last(q.feedback, "value")
    assert sent.last(q.chart_box.layout, "display") == "flex"  # the reasoning chart is revealed
    plan_shown = sent.last(q.plan_feedback, "value")
    assert "Against guidance" in plan_shown  # PRP is explained, not just marked
    assert "Platelet-rich plasma" in plan_shown


def test_score_runs_across_cases_and_submitting_twice_counts_once(sent):
    q = quiz(seed=SEED, n=2)
    label, flags = _truth(q)
    q.answer(label=label, red_flags=flags)
    first = q.submit()
    assert q.submit() is first
    assert q.score == 2.0  # label + red flags, empty plan scores 0
    assert q.next_case()
    label, flags = _truth(q)
    q.answer(label=_wrong(label), red_flags=flags)
    q.submit()
    assert q.score == 3.0 and q.possible == 2 * POINTS_PER_CASE
    assert q.next_case() is False or q.finished
    q.next_case()
    assert q.finished and "finished" in sent.last(q.header, "value")


def test_submit_needs_a_label_and_next_needs_a_submit(sent):
    q = quiz(seed=SEED, n=2)
    assert q.submit() is None
    assert "Choose hip, spine or combined" in sent.last(q.status, "value")
    assert q.next_case() is False
    assert q.current_index == 0 and q.score == 0


def test_bad_answers_are_refused():
    q = quiz(seed=SEED, n=1)
    with pytest.raises(HipbackInputError, match="label"):
        q.answer(label="knee")
    with pytest.raises(HipbackInputError, match="red_flags"):
        q.answer(label="hip", red_flags=["headache"])
    with pytest.raises(HipbackInputError, match="plan_ids"):
        q.answer(label="hip", plan_ids=["magic"])


def test_the_feedback_and_the_choices_say_what_a_label_means_in_the_catalogue_s_words(sent):
    # One place for what a label means (hipback.knowledge.labels): the quiz reads it there.
    from html import escape

    from hipback.knowledge.labels import LABEL_INFO
    from hipback.reasoning import TRUE_LABELS

    q = quiz(seed=SEED, n=1)
    assert list(sent.last(q.label_choice, "tooltips")) == [
        LABEL_INFO[lb].meaning for lb in TRUE_LABELS
    ]
    label, flags = _truth(q)
    q.answer(label=label, red_flags=flags)
    q.submit()
    assert escape(LABEL_INFO[label].meaning) in sent.last(q.feedback, "value")


def test_the_feedback_says_when_the_kit_s_own_label_is_a_close_call(sent):
    from hipback import classify

    q = quiz(seed=0, n=10)  # case 0: the kit says hip, a close call; case 1: settled spine
    seen = []
    for _ in range(2):
        result = classify(q.current_case)
        q.answer(label="hip")
        q.submit()
        seen.append((result, sent.last(q.feedback, "value").replace("&#x27;", "'")))
        q.next_case()
    (close, close_html), (settled, settled_html) = seen
    assert close.close_call is not None and close.close_call_text in close_html
    assert settled.close_call is None and "Close call" not in settled_html


def test_red_flag_case_feedback_names_the_missed_flag(sent):
    # seed 0, hard: answer right until the first case that carries a red flag, then miss it
    from hipback.knowledge.red_flags import LEVEL_MEANING, RED_FLAG_BY_NAME
    from hipback.screening import screen

    q = quiz(seed=0, difficulty="hard", n=8)
    while not _truth(q)[1]:
        label, flags = _truth(q)
        q.answer(label=label, red_flags=flags)
        q.submit()
        q.next_case()
    before = q.score
    label, flags = _truth(q)
    q.answer(label=label, red_flags=[])
    record = q.submit()
    assert not record.red_flags_correct
    flag = RED_FLAG_BY_NAME[flags[0]]
    assert f"Missed: <b>{flag.label}</b>" in sent.last(q.feedback, "value")
    (hit,) = [h for h in screen(q.current_case) if flags[0] in h.findings]
    html = sent.last(q.feedback, "value").replace("&#x27;", "'")
    assert hit.action in html  # the action, graded by the screening rules
    assert LEVEL_MEANING[hit.level] in html  # and what its level means
    assert q.score == before + 1 + record.plan_score


def test_progress_is_saved_and_resumed(tmp_path):
    path = tmp_path / "progress.json"
    q = quiz(seed=SEED, n=3, progress_path=path)
    label, flags = _truth(q)
    q.answer(label=label, red_flags=flags)
    q.submit()
    data = json.loads(path.read_text())
    assert data["format"] == PROGRESS_FORMAT
    (entry,) = data["quizzes"].values()
    assert entry["items"]["0"]["answer"]["label"] == label
    again = quiz(seed=SEED, n=3, progress_path=path)
    assert again.score == q.score == 2.0
    assert again.current_index == 1
    # no temporary files left behind (the lock file stays: removing it would be racy)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.json.lock"]


def test_progress_survives_a_crash_mid_write(tmp_path, monkeypatch, sent):
    path = tmp_path / "progress.json"
    q = quiz(seed=SEED, n=3, progress_path=path)
    label, flags = _truth(q)
    q.answer(label=label, red_flags=flags)
    q.submit()
    before = path.read_bytes()
    q.next_case()

    def crash(*_args, **_kwargs):
        raise OSError("simulated power cut")

    monkeypatch.setattr(os, "replace", crash)
    label, flags = _truth(q)
    q.answer(label=label, red_flags=flags)
    with pytest.warns(ProgressFileWarning, match="could not be saved"):
        q.submit()
    assert path.read_bytes() == before  # the old file is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.json.lock"]
    assert "Progress not saved" in sent.last(q.status, "value")
    assert q.score == 4.0  # the session score is kept in memory
    monkeypatch.undo()
    resumed = quiz(seed=SEED, n=3, progress_path=path)
    assert resumed.score == 2.0 and resumed.current_index == 1


def test_atomic_write_keeps_old_file_when_serialising_fails(tmp_path):
    path = tmp_path / "p.json"
    atomic_write_json(path, {"a": 1})
    with pytest.raises(TypeError):
        atomic_write_json(path, {"a": object()})
    assert json.loads(path.read_text()) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]  # no temporary file left


@pytest.mark.parametrize(
    "content",
    ["{not json", '["a list"]', json.dumps({"format": "someone-else", "quizzes": {}}), ""],
    ids=["corrupt", "list", "foreign", "empty"],
)
def test_unusable_file_is_moved_aside_with_a_warning(tmp_path, content):
    path = tmp_path / "progress.json"
    path.write_text(content)
    with pytest.warns(ProgressFileWarning, match="moved to"):
        q = quiz(seed=SEED, n=2, progress_path=path)
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("progress.json.corrupt-")]
    assert len(moved) == 1
    assert moved[0].read_text() == content  # never silently lost
    assert q.score == 0
    q.answer(label="hip")
    q.submit()
    assert json.loads(path.read_text())["format"] == PROGRESS_FORMAT


def test_answers_that_do_not_match_the_quiz_are_moved_aside(tmp_path):
    path = tmp_path / "progress.json"
    q = quiz(seed=SEED, n=2, progress_path=path)
    q.answer(label="hip")
    q.submit()
    data = json.loads(path.read_text())
    (entry,) = data["quizzes"].values()
    entry["items"]["0"]["answer"]["case_id"] = "someone-else"
    path.write_text(json.dumps(data))
    with pytest.warns(ProgressFileWarning):
        again = quiz(seed=SEED, n=2, progress_path=path)
    assert again.score == 0
    assert any(p.name.startswith("progress.json.corrupt-") for p in tmp_path.iterdir())


def test_second_move_aside_does_not_overwrite_the_first(tmp_path):
    path = tmp_path / "progress.json"
    for text in ("{", "["):
        path.write_text(text)
        with pytest.warns(ProgressFileWarning):
            ProgressStore(path).load()
    moved = sorted(p.read_text() for p in tmp_path.iterdir() if "corrupt" in p.name)
    assert moved == ["[", "{"]


def test_bad_progress_path_is_refused(tmp_path):
    with pytest.raises(HipbackInputError, match="progress_path"):
        quiz(seed=SEED, n=1, progress_path=tmp_path)
    with pytest.raises(HipbackInputError, match="progress_path"):
        quiz(seed=SEED, n=1, progress_path=tmp_path / "missing" / "p.json")


def test_the_quiz_asks_for_the_true_driver_only(sent):
    # A synthetic case's answer is hip, spine or combined; "undetermined" describes the
    # evidence, not the patient, so the page must not offer it as an answer.
    q = quiz(seed=SEED, n=2)
    assert sent.last(q.label_choice, "_options_labels") == ("Hip", "Spine", "Combined")
    with pytest.raises(HipbackInputError, match="'hip', 'spine', 'combined'"):
        q.answer(label="undetermined")


def test_scoring_is_a_pure_function_of_the_case_and_the_answer():
    # issue 9: no scoring in the widgets; the grade needs no widget and no file
    from hipback.cohort.sampler import generate_cases
    from hipback.teaching.quiz_scoring import grade
    from hipback.validation import cases_from_frame

    frame = generate_cases(n=2, seed=SEED)
    case = cases_from_frame(frame)[1]
    truth = str(frame.iloc[1]["true_label"])
    plan = recommend_for_label(case, truth).ids
    given = {"index": 1, "case_id": "c", "truth": truth, "true_flags": ()}
    for label in ("hip", "spine", "combined"):
        a = grade(case, label=label, plan_ids=plan, **given)
        assert a.label_correct is (label == truth)
        assert a.points == float(label == truth) + 1.0 + 1.0  # flags (none) and plan right
        assert grade(case, label=label, plan_ids=plan, **given) == a
    flagged = grade(case, label=truth, red_flags=["fever"], **given)
    assert not flagged.red_flags_correct and flagged.plan_score == 0.0
    with pytest.raises(HipbackInputError, match="label"):
        grade(case, label="undetermined", **given)
