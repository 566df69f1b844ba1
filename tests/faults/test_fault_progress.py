"""The progress store under faults: concurrent writers, bad entries, read-only or full disks.

Nothing a learner answered is lost: answers from several threads, processes or quiz
widgets on one file are merged; a bad entry is set aside alone; a file that cannot be
used or saved never stops a quiz from starting.
"""

from __future__ import annotations

import json
import threading
import warnings

import pytest
from fault_support import run_python

from hipback.storage.progress import (
    PROGRESS_FORMAT,
    ProgressFileWarning,
    ProgressStore,
    read_export,
)
from hipback.widgets import quiz

SEED = 5


def _all_items(path):
    data = json.loads(path.read_text())
    return {(q, i) for q, quiz_ in data["quizzes"].items() for i in quiz_["items"]}


def test_eight_threads_answering_at_once_lose_nothing(tmp_path):
    path = tmp_path / "progress.json"
    start = threading.Barrier(8)
    errors = []

    def learner(n):
        try:
            store = ProgressStore(path)  # each thread its own store, as each tab has
            start.wait()
            for item in range(5):
                assert store.record("shared-quiz", f"t{n}-{item}", {"n": n}, score=1, possible=1)
                assert store.record(f"quiz-{n}", str(item), {"item": item})
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=learner, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    items = _all_items(path)
    assert len([k for k in items if k[0] == "shared-quiz"]) == 40
    assert len(items) == 80
    assert ProgressStore(path).score("shared-quiz").points == 40


PROCESS = """
import sys
from hipback.storage.progress import ProgressStore
store = ProgressStore(sys.argv[1])
for item in range(6):
    assert store.record("shared-quiz", f"p{sys.argv[2]}-{item}", {"p": sys.argv[2]})
"""


def test_three_processes_answering_at_once_lose_nothing(tmp_path):
    import subprocess
    import sys

    from fault_support import ROOT

    path = tmp_path / "progress.json"
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", PROCESS, str(path), str(n)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for n in range(3)
    ]
    for p in procs:
        _, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
    assert len(_all_items(path)) == 18


def test_two_quiz_widgets_on_one_file_keep_each_others_answers(tmp_path):
    path = tmp_path / "progress.json"
    first = quiz(seed=SEED, n=3, progress_path=path)
    second = quiz(seed=SEED + 1, n=3, progress_path=path)  # loaded before first answers
    for q in (first, second, first, second):
        q.answer(label="hip")
        q.submit()
        q.next_case()
    assert quiz(seed=SEED, n=3, progress_path=path).current_index == 2
    assert quiz(seed=SEED + 1, n=3, progress_path=path).current_index == 2


def test_one_bad_entry_is_set_aside_alone(tmp_path):
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    store.record("lesson-02", "q1", {"a": 1}, score=1, possible=1)
    store.record("lesson-02", "q2", {"a": 2}, score=0, possible=1)
    store.record("lesson-03", "q1", {"a": 3})
    data = json.loads(path.read_text())
    data["quizzes"]["lesson-02"]["items"]["q2"]["score"] = "lots"  # one bad entry
    data["quizzes"]["lesson-04"] = ["not", "a", "quiz"]  # one bad quiz
    path.write_text(json.dumps(data))
    with pytest.warns(ProgressFileWarning, match="2 bad entries"):
        again = ProgressStore(path)
    assert set(again.load()) == {"lesson-02", "lesson-03"}
    assert set(again.items("lesson-02")) == {"q1"}
    (aside,) = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    kept = json.loads(aside.read_text())["entries"]
    assert {e["quiz_id"] for e in kept} == {"lesson-02", "lesson-04"}  # nothing deleted


def test_a_bad_answer_inside_the_quiz_is_set_aside_alone(tmp_path):
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    store.record("other-lesson", "q1", {"a": 1})
    q = quiz(seed=SEED, n=3, progress_path=path)
    q.answer(label="hip")
    q.submit()
    data = json.loads(path.read_text())
    (key,) = [k for k in data["quizzes"] if k != "other-lesson"]
    data["quizzes"][key]["items"]["0"]["answer"]["points"] = 99  # impossible points
    path.write_text(json.dumps(data))
    with pytest.warns(ProgressFileWarning, match="1 bad entry.*impossible values"):
        again = quiz(seed=SEED, n=3, progress_path=path)
    assert again.current_index == 0
    assert "other-lesson" in ProgressStore(path).load()  # the other lesson's progress kept


@pytest.mark.parametrize(
    "content",
    ["{not json", "[" * 100_000 + "]" * 100_000, '{"format": "' + "x" * 1000 + '"}', "\xff\xfe"],
    ids=["corrupt", "deeply-nested", "foreign", "bad-bytes"],
)
def test_corrupt_file_in_a_read_only_folder_still_starts_the_quiz(read_only, content):
    folder = read_only({"progress.json": content})
    path = folder / "progress.json"
    with pytest.warns(ProgressFileWarning, match="without saving"):
        q = quiz(seed=SEED, n=2, progress_path=path)
    assert "Progress not saved" in q.status.value and "without saving" in q.status.value
    q.answer(label="hip")
    assert q.submit() is not None and q.score >= 0  # the quiz works, unsaved
    assert path.read_text(encoding="utf-8", errors="replace") == content.encode("utf-8").decode(
        "utf-8", errors="replace"
    )  # untouched


def test_full_disk_keeps_the_old_file_and_the_session(full_disk):
    path = full_disk.folder / "progress.json"
    store = ProgressStore(path)
    assert store.record("lesson-02", "q1", {"a": 1}, score=1, possible=1)
    before = path.read_bytes()
    full_disk.fill()
    with pytest.warns(ProgressFileWarning, match="could not be saved"):
        assert not store.record("lesson-02", "q2", {"a": 2}, score=1, possible=1)
    assert "No space left on device" in store.status and "could not write" in store.status
    assert path.read_bytes() == before
    assert store.score("lesson-02").points == 2  # the unsaved answer is still counted
    assert sorted(p.name for p in full_disk.folder.iterdir() if p.name != "filler") == [
        "progress.json",
        "progress.json.lock",
    ]


def test_version_1_files_are_read_and_converted(tmp_path):
    path = tmp_path / "progress.json"
    q = quiz(seed=SEED, n=3)
    old = {
        "format": PROGRESS_FORMAT,
        "version": 1,
        "quizzes": {
            q._key: {
                "seed": SEED,
                "difficulty": "mixed",
                "n": 3,
                "updated": "2026-11-01",
                "answers": [],
            }  # fmt: skip
        },
    }
    q.answer(label="hip")
    record = q.submit()
    from dataclasses import asdict

    old["quizzes"][q._key]["answers"].append(asdict(record))
    path.write_text(json.dumps(old))
    resumed = quiz(seed=SEED, n=3, progress_path=path)
    assert resumed.current_index == 1 and resumed.score == q.score
    assert json.loads(path.read_text())["version"] == 2


def test_export_is_atomic_and_never_clobbers(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    store.record("lesson-02", "q1", {"a": 1}, score=1, possible=2)
    out = store.export(tmp_path / "ana.json", learner="Ana")
    assert read_export(out).scores["lesson-02"].fraction == 0.5
    from hipback.storage import OutputExistsError

    with pytest.raises(OutputExistsError):
        store.export(out, learner="Ana")
    store.export(out, learner="Ana", overwrite=True)


def test_memory_only_store_and_bad_arguments(tmp_path):
    store = ProgressStore(None)
    assert not store.record("q", "1", {"a": 1}, score=1, possible=1)  # not saved, but kept
    assert store.score("q").points == 1 and store.status == "" and not store.saving
    from hipback.errors import HipbackInputError

    for kwargs in ({"score": float("nan")}, {"score": True}):
        with pytest.raises(HipbackInputError):
            store.record("q", "1", {}, **kwargs)
    with pytest.raises(HipbackInputError, match="JSON"):
        store.record("q", "1", {"a": object()})
    with pytest.raises(HipbackInputError, match="item_id"):
        store.record("q", "", {})


def test_subprocess_quiz_starts_with_an_unreadable_file(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text("{")
    done = run_python(
        "import sys, warnings\nwarnings.simplefilter('ignore')\n"
        "from hipback.widgets import quiz\nq = quiz(seed=5, n=2, progress_path=sys.argv[1])\n"
        "print(q.current_index)",
        str(path),
        cwd=tmp_path,
    )
    assert done.returncode == 0 and done.stdout.strip() == "0", done.stderr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert any(".corrupt-" in p.name for p in tmp_path.iterdir())
