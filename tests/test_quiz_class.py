"""The room's quiz results: saved as each case is answered, read by the class report and
shown on the class projector page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hipback.cli import main
from hipback.errors import HipbackInputError
from hipback.serving import classroom
from hipback.serving.voila_server import ServeOptions
from hipback.storage.progress import PROGRESS_FORMAT
from hipback.teaching import class_report
from hipback.teaching.quiz_results import read_quiz_file
from hipback.teaching.quiz_scoring import POINTS_PER_CASE
from hipback.widgets import quiz
from hipback.widgets.quiz import Quiz

SEED = 5  # cases 0, 1, 2: combined, hip, hip; no red flags


def _truth(q):
    _, label, flags = q._truth(q.current_index)
    return label, flags


def _wrong(label):
    return "spine" if label != "spine" else "hip"


def _answer(q, right: bool):
    label, flags = _truth(q)
    q.answer(label=label if right else _wrong(label), red_flags=flags)
    record = q.submit()
    q.next_case()
    return record


@pytest.fixture
def room(tmp_path, monkeypatch) -> Path:
    """A class folder, as class mode gives every kernel (and a shared quiz seed)."""
    folder = tmp_path / "class-results"
    folder.mkdir()
    monkeypatch.setenv("HIPBACK_PROGRESS_DIR", str(folder))
    monkeypatch.setenv("HIPBACK_CLASS_SEED", str(SEED))
    return folder


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("quiz-*.json"))


def test_each_answer_is_saved_to_the_class_folder_as_it_is_given(room, sent) -> None:
    q = quiz(n=3)
    assert q.seed == SEED  # the room shares the class seed
    # the page shows the name box and says where the answers go
    assert sent.last(q.name_box, "description") == "Your name or nickname (optional):"
    assert sent.last(q.class_row.layout, "display") == "flex"
    anonymous = q.learner
    assert re.fullmatch(r"anonymous-[a-z2-9]{6}", anonymous)
    assert anonymous in sent.last(q.class_note, "value")
    # the app offers "reload for new cases"; with the room's seed a reload brings the same set
    assert "reloading the page brings back this set" in sent.last(q.class_note, "value")
    own_seed = quiz(seed=SEED + 1, n=3)  # a seed of its own: a reload does give new cases
    assert "reloading the page" not in sent.last(own_seed.class_note, "value")
    assert _files(room) == []  # nothing written before an answer

    first = _answer(q, right=True)
    (path,) = _files(room)
    data = json.loads(path.read_text(encoding="utf-8"))  # on disk already: no "finish" needed
    assert data["format"] == PROGRESS_FORMAT
    (saved,) = data["quizzes"].values()
    assert saved["meta"]["learner"] == anonymous and saved["meta"]["app"] == "quiz"
    assert saved["items"]["0"]["answer"]["label"] == first.label == first.correct_label

    second = _answer(q, right=False)
    q.name_box.value = "  Ana\tB. "  # typed after answering: saved at once
    assert q.learner == "Ana B."
    assert "Ana B." in sent.last(q.class_note, "value")
    saved = read_quiz_file(path)
    assert saved.learner == "Ana B."
    got = {r.answer.index: r for r in saved.results}
    assert sorted(got) == [0, 1]
    a, b = got[0].answer, got[1].answer
    assert (a.label, a.correct_label, a.label_correct) == (first.label, "combined", True)
    assert (b.label, b.correct_label, b.label_correct) == ("spine", "hip", False)
    assert b.plan_score == 0.0 and b.points == 1.0  # red flags right (none), plan empty
    assert a.difficulty in ("easy", "moderate", "hard") and b.difficulty == second.difficulty
    assert all(r.recorded.startswith("20") for r in saved.results)  # a timestamp
    assert got[0].case_key == f"mixed S{SEED}-0001"

    # a kernel restart (a new quiz) is a new session: a second file, the first untouched
    before = path.read_bytes()
    _answer(quiz(n=3), right=True)
    assert len(_files(room)) == 2 and path.read_bytes() == before


def test_outside_class_mode_nothing_is_collected(tmp_path, monkeypatch, sent) -> None:
    monkeypatch.delenv("HIPBACK_PROGRESS_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    q = quiz(seed=SEED, n=2)
    assert q.learner is None
    assert sent.last(q.class_row.layout, "display") == "none"
    _answer(q, right=True)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_class_folder_does_not_stop_the_quiz(tmp_path, monkeypatch, sent) -> None:
    monkeypatch.setenv("HIPBACK_PROGRESS_DIR", str(tmp_path / "gone"))
    q = quiz(seed=SEED, n=2)
    note = sent.last(q.class_note, "value")
    assert "not being collected" in note and "gone" in note
    assert _answer(q, right=True).label_correct


def _class_folder(room: Path) -> Path:
    """Two students' quiz sessions, one self-check export and one damaged file."""
    from hipback.teaching import selfcheck

    ana = quiz(n=3)
    ana.set_name("Ana")
    for _ in range(3):
        _answer(ana, right=True)
    ben = quiz(n=3)  # stays anonymous
    _answer(ben, right=True)
    _answer(ben, right=False)
    item = selfcheck.items(2)[0]
    export = class_report.export_data("Cleo", {"lesson-02": {item.id: item.correct_keys[0]}})
    (room / "cleo-selfcheck.json").write_text(json.dumps(export), encoding="utf-8")
    (room / "quiz-broken.json").write_text('{"format": "hipback-quiz-pro', encoding="utf-8")
    return room


def test_the_class_report_reads_the_room(room, capsys) -> None:
    folder = _class_folder(room)
    out = folder.parent / "report.html"
    assert main(["class-report", str(folder), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "3 learners" in text  # Ana, Ben (anonymous) and Cleo (self-check)
    # the damaged file is named with the reason, not silently dropped
    assert re.search(r"Skipped 1 file.*\n.*quiz-broken\.json: not valid JSON", text)
    # per case: case 1 (hip) answered by both, Ben said spine
    assert re.search(r"mixed S5-0001\s+combined\s+2\s+2\s+100%", text), text
    assert re.search(r"mixed S5-0002\s+hip\s+2\s+1\s+50%\s+hip 1, spine 1", text), text
    assert re.search(r"mixed S5-0003\s+hip\s+1\s+1\s+100%", text), text
    # the confusion table: true hip answered spine once
    assert re.search(r"\nhip\s+2\s+1\s+0\n", text), text
    assert re.search(r"Hardest cases.*\nmixed S5-0002 +1 of 2 right", text), text
    assert re.search(r"\nAna\s+3\s+3\s+6 of 9", text), text
    assert re.search(r"\nanonymous-[a-z2-9]{6}\s+2\s+1\s+3 of 6", text), text
    # Cleo's self-check is in the self-check tables
    assert re.search(r"\n02-1\s+1\s+1\s+100%", text), text
    page = out.read_text(encoding="utf-8")
    assert "Quiz: confusion" in page and "quiz-broken.json" in page and "Per objective" in page
    # an existing page is never replaced unasked: the command says so and leaves it whole
    out.write_text("last week's report", encoding="utf-8")
    assert main(["class-report", str(folder), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "add --force to replace it" in err
    assert out.read_text(encoding="utf-8") == "last week's report"
    assert main(["class-report", str(folder), "--out", str(out), "--force"]) == 0
    assert "(replaced: --force)" in capsys.readouterr().out
    assert "Quiz: confusion" in out.read_text(encoding="utf-8")
    key = folder.parent / "key.html"
    key.write_text("kept", encoding="utf-8")
    assert main(["class-report", "--key", "ABC", "--out", str(key)]) == 2
    assert key.read_text(encoding="utf-8") == "kept"
    assert main(["class-report", "--key", "ABC", "--out", str(key), "--force"]) == 0
    assert "Answer key" in key.read_text(encoding="utf-8")


def test_the_class_report_function_counts_the_room(room) -> None:
    results = class_report.read_class([_class_folder(room)])
    assert len(results.quiz) == 5 and len(results.selfcheck) == 1 and results.files == 3
    (skipped,) = results.skipped
    assert skipped.path.name == "quiz-broken.json"
    rows = {r.key: r for r in class_report.by_case(results.quiz)}
    assert (rows["mixed S5-0002"].answered, rows["mixed S5-0002"].right) == (2, 1)
    matrix = class_report.confusion(results.quiz)
    assert matrix["hip"]["spine"] == 1 and matrix["combined"]["combined"] == 2
    totals = {s.learner: s for s in class_report.by_student(results.quiz)}
    assert totals["Ana"].points == 3 * 2.0 and totals["Ana"].possible == 3 * POINTS_PER_CASE
    with pytest.raises(HipbackInputError, match="quiz-broken.json: not valid JSON"):
        class_report.read_class([room], strict=True)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (json.dumps({"format": "someone-else"}), "not a self-check results file"),
        (
            json.dumps(
                {
                    "format": PROGRESS_FORMAT,
                    "version": 2,
                    "quizzes": {
                        "seed=1;difficulty=easy;n=2": {
                            "meta": {},
                            "items": {"0": {"answer": {"label": "knee"}}},
                        }
                    },
                }  # fmt: skip
            ),
            "case '0' is not a quiz answer",
        ),
    ],
    ids=["foreign", "bad-entry"],
)
def test_a_file_that_is_not_usable_is_named_with_the_reason(tmp_path, content, reason) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(HipbackInputError, match=rf"x\.json: .*{re.escape(reason)}"):
        class_report.run([str(tmp_path)])


def test_the_projector_page_shows_the_room_s_quiz_results(room) -> None:
    folder = _class_folder(room)
    options = classroom.ClassOptions(
        ServeOptions(), password="abcd-efgh-jkmn", results_dir=folder, quiz_seed=SEED
    )
    summary = classroom.results_summary(options)
    assert (summary["students"], summary["answers"]) == (2, 5)
    assert [c["percent"] for c in summary["cases"]] == [100, 50, 100]
    assert summary["skipped"] == [
        {"file": "quiz-broken.json", "reason": summary["skipped"][0]["reason"]}
    ]
    html = classroom.projector_page_html(options)
    assert "<span id='quiz-students' class='num'>2</span>" in html
    assert "<span id='quiz-answers' class='num'>5</span>" in html
    assert re.search(r"mixed S5-0002</th><td>hip</td><td>2</td><td>50%</td>", html)
    assert "1 file(s) in the folder could not be read" in html
    assert classroom.RESULTS_PATH in html and classroom.REPORT_PATH in html
    assert f"hipback class-report {folder}" in html
    assert "Ana" not in html and "Ana" not in json.dumps(summary)  # names: full report only
    assert "http" + "s://" not in html  # offline


def test_the_room_shares_a_quiz_seed_unless_turned_off() -> None:
    parse = classroom.build_parser().parse_args
    assert isinstance(classroom.options_from_args(parse([])).quiz_seed, int)
    assert classroom.options_from_args(parse(["--quiz-seed", "42"])).quiz_seed == 42
    assert classroom.options_from_args(parse(["--quiz-seed", "off"])).quiz_seed is None
    with pytest.raises(SystemExit):
        parse(["--quiz-seed", "-3"])


def test_a_reopened_page_does_not_count_a_named_student_twice(room, capsys) -> None:
    first = quiz(n=3)
    first.set_name("Ana")
    _answer(first, right=True)
    again = quiz(n=3)  # the page was reopened: the same cases (the room's seed)
    again.set_name("Ana")
    _answer(again, right=False)  # case 1 again, now wrong
    _answer(again, right=False)  # case 2, new
    anonymous = quiz(n=3)  # anonymous sessions cannot be matched: both kept
    _answer(anonymous, right=True)
    results = class_report.read_class([room])
    assert results.repeats == 1 and len(results.quiz) == 3
    (case1, case2) = class_report.by_case(results.quiz)
    assert (case1.answered, case1.right) == (2, 2)  # Ana's first answer, and the anonymous one
    assert (case2.answered, case2.right) == (1, 0)
    (ana,) = [s for s in class_report.by_student(results.quiz) if s.learner == "Ana"]
    assert (ana.cases, ana.driver_right, ana.sessions) == (2, 1, 2)
    report = class_report.run([str(room)])
    assert "Left out 1 later answer(s)" in report
    # the lecturer sees which names came from more than one page (anonymous ones cannot)
    assert "Names saved by more than one quiz page: Ana (2 pages)." in report
    page = class_report.report_html(results)  # the page the projector links says the same
    assert "Left out 1 later answer(s)" in page and "Ana (2 pages)" in page


def test_a_student_who_types_a_name_already_in_the_room_is_told(room, sent) -> None:
    # The report counts one name as one learner (a reopened page is not a second student),
    # so a second "Sam" would be merged into the first: the quiz says so when it can tell.
    first = quiz(n=3)
    first.set_name("Sam")
    second = quiz(n=3)
    second.set_name("Sam")  # the first Sam has no file yet: nothing to compare with
    assert "already in this class" not in sent.last(second.class_note, "value")
    _answer(first, right=True)  # the first Sam's file now exists ...
    assert "already in this class" not in sent.last(first.class_note, "value")
    _answer(second, right=True)  # ... and the second Sam's first answer finds it
    note = sent.last(second.class_note, "value")
    assert "The name Sam is already in this class" in note and "role='alert'" in note
    assert "each answer is saved for your lecturer" in note  # where answers go: still said
    second.name_box.value = "Sam K."  # an initial added: told apart, the warning goes
    assert "already in this class" not in sent.last(second.class_note, "value")
    assert {read_quiz_file(p).learner for p in _files(room)} == {"Sam", "Sam K."}
    third = quiz(n=3)
    third.name_box.value = "Sam"  # typed after the others answered: told at once
    assert "The name Sam is already in this class" in sent.last(third.class_note, "value")
    third.name_box.value = "Ana"
    assert "already in this class" not in sent.last(third.class_note, "value")


def test_a_name_typed_again_with_other_capitals_is_the_same_learner(room, sent) -> None:
    # A student who reopens the quiz types "sam" as readily as "Sam": one learner, not two.
    first = quiz(n=3)
    first.set_name("Sam")
    _answer(first, right=True)
    again = quiz(n=3)  # the page reopened (the room's seed: the same cases)
    again.name_box.value = "sam"
    note = sent.last(again.class_note, "value")  # told, with the name as first saved
    assert "The name Sam is already in this class" in note
    assert "capitals do not tell names apart" in note
    _answer(again, right=False)  # case 1 again: a repeat, left out
    _answer(again, right=True)  # case 2, new
    results = class_report.read_class([room])
    assert results.learners == 1 and results.repeats == 1
    (sam,) = class_report.by_student(results.quiz)
    assert (sam.learner, sam.also_typed) == ("Sam", ("sam",))
    assert (sam.cases, sam.driver_right, sam.sessions) == (2, 2, 2)
    report = class_report.run([str(room)])
    assert "Sam (2 pages; also typed as sam)" in report
    assert class_report.live_summary(room)["students"] == 1
    # a name that differs by more than capitals is another learner, and nobody is warned
    other = quiz(n=3)
    other.name_box.value = "Sam K."
    assert "already in this class" not in sent.last(other.class_note, "value")


def test_a_practice_round_offers_undetermined_and_the_report_keeps_it(room) -> None:
    """A practice round is marked against the kit, which can answer 'undetermined' (assess
    further): the learner can choose it, be right, and the class report counts it."""
    from hipback.teaching import practice

    case_id = next(c.id for c in practice.bank() if c.pattern == "undetermined")
    q = Quiz(cases=practice.practice_frame([case_id]), adaptive=False)
    assert "undetermined" in [value for _, value in q.label_choice.options]
    assert q._truth(0)[1] == "undetermined"
    q.label_choice.value = "undetermined"
    assert q.submit().label_correct
    results = class_report.read_class([room])
    assert class_report.confusion(results.quiz)["undetermined"]["undetermined"] == 1
    assert "undetermined" in class_report.quiz_text(results.quiz)
    assert "undetermined" in class_report.report_html(results)
    # the quiz on synthetic cases still asks for the true driver only
    assert "undetermined" not in [value for _, value in Quiz(n=1).label_choice.options]
