"""The self-checks assess: every objective has an item, answers are committed before any
feedback, marking is a pure function, option order is seeded and the right answers are
spread over the positions, and scores reach the progress file.

Oracles: the lesson table (objectives), the item bank's own keys, and the reasoning
engine (for items that claim what the kit will say about a case).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from hipback import HipbackInputError, classify
from hipback.knowledge.findings import FINDING_BY_NAME, PRETEST
from hipback.reasoning import post_test_probability
from hipback.teaching import selfcheck as sc
from hipback.teaching.lessons import LESSONS

ROOT = Path(__file__).resolve().parent.parent
ALL = sc.all_items()


def test_every_objective_is_assessed_by_an_item():
    covered: dict[str, list[str]] = {}
    for x in ALL:
        for objective in x.objectives:
            covered.setdefault(objective, []).append(x.id)
    gaps = [
        f"{lesson.objective_id(k)} ({text})"
        for lesson in LESSONS
        for k, text in enumerate(lesson.objectives, start=1)
        if lesson.objective_id(k) not in covered
    ]
    assert not gaps, "objectives no self-check item assesses:\n" + "\n".join(gaps)


def test_every_item_names_real_objectives_of_its_own_lesson():
    known = {oid for lesson in LESSONS for oid in lesson.objective_ids}
    for x in ALL:
        for objective in x.objectives:
            assert objective in known, f"{x.id}: unknown objective {objective}"
            assert int(objective.split("-")[0]) == x.lesson, f"{x.id}: {objective}"


def test_item_ids_are_unique_and_every_lesson_has_a_self_check():
    ids = [x.id for x in ALL]
    assert len(ids) == len(set(ids))
    assert set(sc.bank()) == {lesson.number for lesson in LESSONS}
    for lesson in LESSONS:
        assert [x for x in sc.items(lesson.number) if not x.inline], lesson.file


@pytest.mark.parametrize("seed", [sc.DEFAULT_SEED, "A", "B", "group 3", 0, 1, 2, 17])
def test_right_answers_are_spread_over_the_positions(seed):
    positions = sc.correct_positions(seed=seed)
    share = max(Counter(positions).values()) / len(positions)
    assert share <= 0.40, f"seed {seed!r}: {Counter(positions)}"


def test_option_order_is_seeded():
    x = sc.item("02-read-lr")
    assert sc.arrange(x, "A") == sc.arrange(x, "A")
    orders = {tuple(o.key for o in sc.arrange(x, s)) for s in range(20)}
    assert len(orders) > 1, "every seed gives the same order"
    assert sorted(o.key for o in sc.arrange(x, "A")) == sorted(o.key for o in x.options)


def test_a_printed_key_matches_what_a_learner_with_that_seed_sees():
    for x in ALL:
        if x.kind != "single":
            continue
        shown = sc.describe(x, "group 3").splitlines()[1:]
        letter = sc.key_line(x, "group 3")
        line = next(ln for ln in shown if ln.strip().startswith(f"{letter}."))
        right = next(o for o in x.options if o.correct)
        assert line.strip() == f"{letter}. {right.text}"
    assert "seed: group 3" in sc.answer_key(seed="group 3")


def test_the_printed_key_numbers_questions_as_the_screen_does():
    """The end-of-lesson self-check numbers only its own questions; predictions made
    inside the lesson are listed apart, so the key's '1.' is the screen's Question 1."""
    from hipback.widgets.selfcheck import self_check

    for lesson in (3, 5):
        assert any(x.inline for x in sc.items(lesson)), "a lesson with predictions"
        shown = self_check(lesson, progress_path=None, seed="group 3").views
        key = sc.answer_key([lesson], seed="group 3").splitlines()
        for number, view in enumerate(shown, start=1):
            line = next(ln for ln in key if ln.startswith(f"{number}. "))
            assert view.item.prompt.splitlines()[0] in line
        predictions = [ln for ln in key if ln.startswith("- Prediction in the lesson")]
        assert len(predictions) == sum(x.inline for x in sc.items(lesson))


def test_every_wrong_option_names_its_misconception_and_every_option_says_why():
    for x in ALL:
        for o in x.options:
            assert len(o.why) > 20, f"{x.id} {o.key}: say why"
            if not o.correct and x.kind in ("single", "multiple"):
                assert o.misconception, f"{x.id} {o.key}"


def test_kinds_cover_choice_number_and_ordering():
    assert {x.kind for x in ALL} == set(sc.KINDS)


# --- pure marking ---------------------------------------------------------------------------


def test_single_choice_marking():
    x = sc.item("00-purpose")
    right = next(o for o in x.options if o.correct)
    wrong = next(o for o in x.options if not o.correct)
    fb = sc.score(x, right.key)
    assert fb.correct and fb.points == 1 and fb.why == right.why
    fb = sc.score(x, wrong.key)
    assert not fb.correct and fb.points == 0
    assert any(wrong.misconception in n and "your choice" in n for n in fb.notes)
    assert not sc.score(x, None).correct
    assert sc.score(x, right.key) == sc.score(x, right.key)  # pure


def test_multiple_choice_is_all_or_nothing_and_names_each_slip():
    x = sc.item("05-red-flags")
    right = list(x.correct_keys)
    assert sc.score(x, right).correct
    assert not sc.score(x, right[:1]).correct
    wrong = next(o for o in x.options if not o.correct)
    fb = sc.score(x, [*right, wrong.key])
    assert not fb.correct and any(wrong.misconception in n for n in fb.notes)


def test_number_item_answer_is_the_engines_post_test_probability():
    x = sc.item("02-post-test")
    want = 100 * post_test_probability(
        PRETEST["hip"].probability, FINDING_BY_NAME["pain_groin"].hip.lr
    )
    assert x.answer == pytest.approx(want)
    assert sc.score(x, f"{want + 2:.0f}").correct
    assert sc.score(x, f"{want:.1f}%").correct
    assert not sc.score(x, want + 10).correct
    naive = 100 * PRETEST["hip"].probability * FINDING_BY_NAME["pain_groin"].hip.lr
    fb = sc.score(x, naive)
    assert not fb.correct and any("probability by the LR" in n for n in fb.notes)
    assert not sc.score(x, "about half").correct


def test_ordering_item():
    x = sc.item("02-nomogram")
    assert sc.score(x, list(x.correct_keys)).correct
    assert not sc.score(x, list(reversed(x.correct_keys))).correct


def test_lesson_score_counts_right_answers():
    group = sc.items(0)
    responses = {x.id: x.correct_keys[0] for x in group}
    assert sc.lesson_score(0, responses) == (len(group), len(group))
    assert sc.lesson_score(0, {}) == (0, len(group))


def test_claims_about_the_kit_match_the_reasoning_engine():
    claims = sc.checked_claims()
    assert claims
    for item_id, what, case, label in claims:
        assert classify(case).label == label, f"{item_id}: {what}"


def test_numbers_in_items_come_from_the_knowledge_modules():
    raw = "\n".join(p.read_text(encoding="utf-8") for p in sc.BANK_DIR.glob("*.yaml"))
    typed = set(re.findall(r"(?<![\w.{:])\d+\.\d+|\d+%", raw)) - {"100%", "50%"}
    assert not typed, f"type numbers as {{lr:…}} / {{pretest:…}} placeholders: {typed}"


def test_a_bad_item_file_gives_a_clear_error(tmp_path):
    bad = {
        "lesson": 0,
        "items": [
            {
                "id": "x",
                "objectives": ["00-1"],
                "prompt": "?",
                "options": [{"text": "a", "correct": True, "why": "w"}, {"text": "b", "why": "w"}],
            }
        ],
    }
    path = tmp_path / "lesson_00.yaml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(HipbackInputError, match="names no misconception"):
        sc._item(bad["items"][0], 0, path)
    with pytest.raises(HipbackInputError, match="no item"):
        sc.item("nope")


# --- the widget -----------------------------------------------------------------------------


def test_feedback_only_after_commit_and_score_saved(tmp_path):
    from hipback.widgets.selfcheck import self_check

    path = tmp_path / "progress.json"
    check = self_check(2, seed="A", progress_path=path)
    view = check.views[0]
    assert view.feedback is None and "Right" not in view.result.value
    assert "0 of" in check.score_line.value
    right = view.item.correct_keys[0]
    fb = view.answer(right)
    assert fb.correct and "✔ Right" in view.result.value and view.check.disabled
    assert view.input.disabled
    assert "1 of" in check.score_line.value
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert "lesson-02" in json.dumps(saved)

    again = self_check(2, seed="A", progress_path=path)  # reopening keeps the answer
    assert again.views[0].feedback is not None and again.score[0] == 1


def test_an_empty_answer_is_not_committed():
    from hipback.widgets.selfcheck import self_check

    check = self_check(0, progress_path=None)
    view = check.views[0]
    assert view.commit() is None and not view.check.disabled
    assert "first" in view.result.value


@pytest.mark.parametrize("kind", ["number", "multiple", "order"])
def test_an_answer_with_nothing_to_mark_is_not_committed(kind):
    """One try only: text that is not a number, no box ticked or a step left empty is
    prompted for, not marked wrong and locked."""
    from hipback.widgets.selfcheck import ItemView

    item = next(x for x in sc.all_items() if x.kind == kind)
    view = ItemView(item, 1, 0)
    nothing = {"number": "about 65", "multiple": [], "order": [None] * len(item.options)}
    assert view.answer(nothing[kind]) is None and not view.check.disabled
    assert "first" in view.result.value
    keys = [o.key for o in item.options]
    answerable = {"number": "50", "multiple": keys[:1], "order": keys}[kind]
    assert view.answer(answerable) is not None and view.check.disabled


def test_predict_hides_the_reveal_until_committed():
    from hipback.widgets.selfcheck import predict

    box = predict("03-numbness", reveal="the kit's printout", progress_path=None)
    assert box.reveal.value == ""
    box.views[0].answer(box.views[0].item.correct_keys[0])
    assert "the kit&#x27;s printout" in box.reveal.value


def test_progress_summary_shows_each_lesson(tmp_path):
    from hipback.widgets.selfcheck import progress_summary, self_check

    path = tmp_path / "p.json"
    check = self_check(1, progress_path=path)
    check.views[1].answer(check.views[1].item.correct_keys[0])
    html = progress_summary(path).table.value
    assert "01 · The hip meets the back" in html
    assert re.search(r"01 · The hip meets the back</td><td>1 of \d</td><td>1 of", html)


def test_the_lessons_show_items_that_exist():
    for lesson in LESSONS:
        nb = json.loads((ROOT / "notebooks" / lesson.file).read_text(encoding="utf-8"))
        text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        for item_id in re.findall(r'widgets\.predict\("([^"]+)"', text):
            assert sc.item(item_id).inline and sc.item(item_id).lesson == lesson.number
    inline = {x.id for x in ALL if x.inline}
    shown = set()
    for lesson in LESSONS:
        nb = (ROOT / "notebooks" / lesson.file).read_text(encoding="utf-8")
        shown |= set(re.findall(r'widgets.predict(?:\\\\)?\(\\\\?"([^"\\\\]+)', nb))
    assert inline <= shown, f"inline items no lesson shows: {inline - shown}"


def test_export_and_class_report(tmp_path, capsys):
    from hipback.cli import main
    from hipback.widgets.selfcheck import progress_summary, self_check

    files = []
    for name, right in (("Ana", True), ("Ben", False)):
        path = tmp_path / f"{name}.json"
        check = self_check(2, progress_path=path)
        view = check.views[0]
        keys = view.item.correct_keys
        wrong = next(o.key for o in view.item.options if not o.correct)
        view.answer(keys[0] if right else wrong)
        summary = progress_summary(path, folder=tmp_path)
        assert summary.export() is None  # no name typed
        summary.name.value = name
        files.append(summary.export())
    exported = json.loads(files[0].read_text(encoding="utf-8"))
    assert exported["learner"] == "Ana" and set(exported) == {
        "format",
        "version",
        "learner",
        "answers",
    }
    out = tmp_path / "report.html"
    assert main(["class-report", *map(str, files), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "2 learners" in text
    first = sc.items(2)[0]
    assert re.search(rf"{first.id}\s+2\s+1\s+50%", text), text
    assert re.search(r"02-1\s+2\s+1\s+50%", text)
    assert "Per objective" in out.read_text(encoding="utf-8")


def test_class_report_rejects_a_file_that_is_not_results(tmp_path, capsys):
    from hipback.cli import main

    bad = tmp_path / "x.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["class-report", str(bad)]) == 2
    assert "not a self-check results file" in capsys.readouterr().err


def test_a_learners_own_progress_file_is_pointed_to_the_export(tmp_path, capsys):
    """Handing in the progress file itself (not the export) says what to do instead of
    calling the self-check answers a broken quiz answer."""
    from hipback.cli import main
    from hipback.widgets.selfcheck import self_check

    path = tmp_path / "progress.json"
    view = self_check(2, progress_path=path).views[0]
    view.answer(view.item.correct_keys[0])
    assert main(["class-report", str(path)]) == 2
    err = capsys.readouterr().err
    assert "no quiz answers" in err and "Export my results" in err
    assert "not a quiz answer" not in err


def test_a_class_code_makes_the_screen_match_the_printed_key(tmp_path):
    from hipback.widgets.selfcheck import progress_summary, self_check

    path = tmp_path / "p.json"
    summary = progress_summary(path, folder=tmp_path)
    summary.code.value = "group-3"
    assert summary.use_class_code()
    check = self_check(2, progress_path=path)
    assert check.seed == "group-3"
    x = check.views[0].item
    shown = [o.key for o in check.views[0].options]
    assert shown == [o.key for o in sc.arrange(x, "group-3")]
    key = sc.answer_key([2], seed="group-3")
    assert f"**{sc.key_line(x, 'group-3')}**" in key


def test_class_report_prints_the_key_for_a_class_code(tmp_path, capsys):
    from hipback.cli import main

    out = tmp_path / "key.html"
    assert main(["class-report", "--key", "group-3", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "seed: group-3" in text and "Lesson 02" in text
    assert "Answer key" in out.read_text(encoding="utf-8")
    assert main(["class-report"]) == 2


def test_the_page_gets_no_feedback_before_the_answer_is_committed(sent):
    """Asserted on what the widgets send to the page (comm messages), not on attributes."""
    from hipback.widgets.selfcheck import self_check

    check = self_check(1, seed="A", progress_path=None)
    view = check.views[1]
    assert "Right" not in sent.last(view.result, "value")
    wrong = next(o for o in view.options if not o.correct)
    view._radio.value = wrong.key  # the learner picks an option...
    assert "Right" not in sent.last(view.result, "value")  # ...and still sees no verdict
    assert sent.last(view.check, "disabled") is False
    view.check.click()  # ...until they press Check my answer
    page = sent.last(view.result, "value")
    assert "✘ Not right" in page and wrong.misconception in page
    assert sent.last(view.check, "disabled") is True
    assert sent.last(view._radio, "disabled") is True
    assert "0 of" in sent.last(check.score_line, "value")


def test_self_checks_opened_before_any_answer_share_the_learners_seed(tmp_path):
    """A lesson opens its predictions and its self-check before the learner answers: all of
    them show the option order that the first answer saves, so reopening changes nothing."""
    from hipback.widgets.selfcheck import predict, self_check

    path = tmp_path / "progress.json"
    inline = next(x for x in sc.items(3) if x.inline)
    first, second = predict(inline.id, progress_path=path), self_check(3, progress_path=path)
    assert first.seed == second.seed
    view = first.views[0]
    view.answer(view.item.correct_keys[0])
    assert self_check(3, progress_path=path).seed == second.seed
