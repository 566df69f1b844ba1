"""The practice bank: enough curated cases of every pattern, each with its worked
explanation, red flags at every level, short and long rounds, and a missed pattern that
comes back. Oracle: the reasoning engine (a case's answer is what the kit says about it).
"""

from __future__ import annotations

from collections import Counter

import pytest

from hipback import classify
from hipback.reasoning import LABELS, label_margin
from hipback.screening import screen
from hipback.teaching import practice

BANK = practice.bank()


def test_at_least_forty_cases_of_every_pattern():
    assert len(BANK) >= 40
    counts = Counter(c.pattern for c in BANK)
    assert set(counts) == set(practice.PATTERNS)
    assert min(counts.values()) >= 6, counts
    assert len({c.id for c in BANK}) == len(BANK)


def test_a_fifth_have_a_red_flag_at_every_level():
    flagged = [c for c in BANK if c.red_flag]
    assert len(flagged) / len(BANK) >= 0.20
    levels = set()
    for c in flagged:
        levels.update(hit.level for hit in screen(c.case))
    assert len(levels) >= 3, levels


@pytest.mark.parametrize("case", BANK, ids=[c.id for c in BANK])
def test_each_case_shows_its_pattern_clearly(case):
    # v2 label rule: the label itself, and at least one point from any label boundary.
    r = classify(case.case)
    assert r.label == case.pattern, (r.label, r.probabilities)
    assert label_margin(r) >= 1.0, (label_margin(r), r.probabilities)
    assert len(case.explanation) > 60 and "_" not in case.explanation


def test_rounds_are_seeded_and_cover_every_pattern():
    short = practice.round_ids("short", 5)
    assert short == practice.round_ids("short", 5) and len(short) == 5
    frame = practice.practice_frame(short)
    assert set(frame["pattern"]) == set(practice.PATTERNS)
    assert (frame["true_red_flags"] != "").any()
    assert len(practice.round_ids("long", 1)) == 12
    with pytest.raises(Exception, match="allowed"):
        practice.round_ids("medium")


def test_practice_round_marks_against_the_kit_and_brings_a_missed_pattern_back():
    from hipback.widgets import practice as practice_round

    q = practice_round("short", seed=5)
    case_id, truth, flags = q._truth(0)
    assert truth == classify(q.current_case).label
    wrong = next(label for label in LABELS if label != truth)
    q.answer(label=wrong, red_flags=flags)
    record = q.submit()
    assert not record.label_correct
    assert "Worked explanation" in q.feedback.value
    assert q.n == 6, "a missed pattern should come back"
    pattern = practice.case_by_id(case_id).pattern
    later = list(q._frame["pattern"])[1:]
    assert pattern in later[:3]

    q2 = practice_round("short", seed=5)
    q2.answer(label=q2._truth(0)[1], red_flags=q2._truth(0)[2])
    assert q2.submit().label_correct and q2.n == 5


@pytest.mark.parametrize("case", [c for c in BANK if c.red_flag], ids=lambda c: c.id)
def test_a_red_flag_case_is_marked_right_when_its_flags_are_ticked(case):
    """The practice frame lists the red-flag *fields* present (what a learner ticks), not
    the rules they fire: ticking them is right, and submitting does not fail."""
    from hipback.knowledge.red_flags import RED_FLAG_NAMES
    from hipback.widgets.quiz import Quiz

    present = tuple(n for n in RED_FLAG_NAMES if getattr(case.case, n) is True)
    frame = practice.practice_frame([case.id])
    assert frame["true_red_flags"].iloc[0] == ";".join(present)
    q = Quiz(seed=1, cases=frame, adaptive=False)
    q.answer(label=q._truth(0)[1], red_flags=present)
    record = q.submit()
    assert record.red_flags_correct and record.label_correct
    assert "Worked explanation" in q.feedback.value


def test_a_reopened_adaptive_round_resumes_with_the_cases_brought_back(tmp_path):
    """A missed pattern adds a case to the round; reopening the saved round keeps it, and
    every answer, instead of setting answers aside as 'corrupt'."""
    from hipback.reasoning import LABELS
    from hipback.widgets.quiz import Quiz

    ids, path = practice.round_ids("short", 5), tmp_path / "progress.json"
    q = Quiz(seed=5, cases=practice.practice_frame(ids), adaptive=True, progress_path=path)
    for i in range(4):
        _, truth, flags = q._truth(q.current_index)
        label = next(x for x in LABELS if x != truth) if i < 2 else truth
        q.answer(label=label, red_flags=flags)
        q.submit()
        if i == 0:  # the notice survives the save
            assert "will come back" in q.status.value
        q.next_case()
    assert q.n == 7
    again = Quiz(seed=5, cases=practice.practice_frame(ids), adaptive=True, progress_path=path)
    assert (len(again.answers), again.n) == (4, 7)
    assert list(again._frame["case_id"]) == list(q._frame["case_id"])
    assert not list(tmp_path.glob("*corrupt*")) and "not saved" not in again.status.value
