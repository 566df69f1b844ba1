"""The robustness probe: the kit tried as a hostile but realistic user would.

About 280 bad inputs and faults against ``Case``, ``classify_frame``, ``load_cases``,
the ``hipback`` command and the progress store, each sorted into one outcome:

* ``clean``   — a one-line ``HipbackInputError`` / exit 2 (or, for a valid input, the
  right answer);
* ``traceback`` — any other exception, an internal error, or "Traceback" printed;
* ``silent``  — accepted although it is wrong (or a wrong answer given);
* ``lost``    — a file or an answer that existed is gone, truncated or half-written.

Usage::

    .venv/bin/python scripts/probe_robustness.py          # prints the tally table
    .venv/bin/python scripts/probe_robustness.py --list   # and every probe's outcome

Exit code 1 when any probe is not ``clean`` (``tests/faults/test_probe.py`` runs it).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from hipback import Case, classify_frame
from hipback.case import FIELDS
from hipback.cli import main
from hipback.cohort.datasets import load_cases, read_cases_csv, to_csv_text
from hipback.cohort.sampler import generate_cases
from hipback.errors import HipbackInputError
from hipback.widgets.progress import ProgressStore

ROOT = Path(__file__).resolve().parents[1]
OUTCOMES = ("clean", "traceback", "silent", "lost")
PROBES: list[tuple[str, str, Callable[[], str]]] = []
GOOD = generate_cases(8, seed=3)
GOOD_CSV = to_csv_text(GOOD)


def probe(area: str, name: str) -> Callable[[Callable[[], str]], Callable[[], str]]:
    def add(fn: Callable[[], str]) -> Callable[[], str]:
        PROBES.append((area, name, fn))
        return fn

    return add


def refused(call: Callable[[], object]) -> str:
    """``clean`` if ``call`` raises HipbackInputError, ``silent`` if it returns."""
    try:
        call()
    except HipbackInputError:
        return "clean"
    except Exception:  # noqa: BLE001 - that is what the probe counts
        return "traceback"
    return "silent"


def fd_path(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except BaseException as exc:  # noqa: BLE001
            return 99, out.getvalue(), f"Traceback {exc!r}"
    return code, out.getvalue(), err.getvalue()


def cli_refused(argv: list[str]) -> str:
    code, _, err = run_cli(argv)
    if code == 2 and "Traceback" not in err and err.startswith("hipback"):
        return "clean"
    if code in (1, 99) or "Traceback" in err:
        return "traceback"
    return "silent"


# --- Case and frames ----------------------------------------------------------------------------
BAD_VALUES = {
    # None is "not assessed" (case record v2), so it is allowed for findings; these are not.
    "bool": ["yes", 1, 2, np.nan, 2.5, "True", "maybe"],
    "int": ["60", True, 60.5, np.nan, float("inf"), 10**30, -1, 1j],
    "float": ["25", True, np.nan, float("inf"), -1.0, 10**30, 25 + 1j],
    "choice": ["Female", 1, "", "eases "],
}
for spec in FIELDS:
    values = BAD_VALUES[spec.kind]
    if spec.kind == "float" or (spec.kind == "int" and not spec.required):
        values = [v for v in values if v is not None and not (isinstance(v, float) and v != v)]
    for value in values[:4] if spec.kind == "bool" else values:
        fields = {"age": 60, spec.name: value}
        probe("Case/frames", f"Case({spec.name}={value!r})")(
            lambda fields=fields: refused(lambda: Case(**fields))
        )

for name, frame_fn in {
    "repeated column": lambda: pd.concat([GOOD, GOOD[["pain_groin"]]], axis=1),
    "MultiIndex columns": lambda: GOOD.set_axis(
        pd.MultiIndex.from_product([["c"], list(GOOD.columns)]), axis=1
    ),
    "misspelled column": lambda: GOOD.rename(columns={"pain_groin": "pain_grion"}),
    "capitalised column": lambda: GOOD.rename(columns={"age": "Age"}),
    "complex ages": lambda: GOOD.assign(age=GOOD["age"] + 1j),
    "complex object bmi": lambda: GOOD.assign(bmi=pd.Series([25 + 0j] * 8, dtype=object)),
    "huge symptom_weeks": lambda: GOOD.assign(symptom_weeks=pd.Series([10**30] * 8, dtype=object)),
    "string ages": lambda: GOOD.assign(age=GOOD["age"].astype(str)),
    "bool ages": lambda: GOOD.assign(age=True),
    "int findings": lambda: GOOD.assign(pain_groin=1),
    "missing age": lambda: GOOD.drop(columns="age"),
    "repeated case ids": lambda: GOOD.assign(case_id="same"),
    "bytes column": lambda: GOOD.assign(sex=b"female"),
    "datetime ages": lambda: GOOD.assign(age=pd.Timestamp("2020-01-01")),
    "list cells": lambda: GOOD.assign(bmi=pd.Series([[25]] * 8, dtype=object)),
    "not a frame": lambda: GOOD.to_dict(),
}.items():
    probe("Case/frames", f"classify_frame: {name}")(
        lambda frame_fn=frame_fn: refused(lambda: classify_frame(frame_fn()))
    )


@probe("Case/frames", "classify_frame: a valid frame is classified whole")
def _valid_frame() -> str:
    try:
        out = classify_frame(GOOD)
    except Exception:  # noqa: BLE001
        return "traceback"
    return "clean" if len(out) == len(GOOD) else "silent"


@probe("Case/frames", "cases_from_frame: float age 67.5 names its row")
def _float_age() -> str:
    from hipback.validation import cases_from_frame

    try:
        cases_from_frame(pd.DataFrame({"age": [60.0, 67.5]}))
    except HipbackInputError as err:
        return "clean" if "row 1" in str(err) else "silent"
    return "silent"


@probe("Case/frames", "explain text of a long symptom duration")
def _long_duration() -> str:
    return refused(lambda: Case(age=60, symptom_weeks=10**6))


# --- CSV ------------------------------------------------------------------------------------------
def csv_refused(text: str | bytes, needle: str = "") -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.csv"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        try:
            load_cases(path)
        except HipbackInputError as err:
            return "clean" if needle in str(err) else "silent"
        except Exception:  # noqa: BLE001
            return "traceback"
    return "silent"


def csv_loads(text: str) -> str:
    try:
        frame = read_cases_csv(io.StringIO(text))
    except Exception:  # noqa: BLE001
        return "traceback"
    return "clean" if len(frame) == len(GOOD) else "silent"


header, *rows = GOOD_CSV.strip().split("\n")
CSV_BAD = {
    "misspelled column": (GOOD_CSV.replace("pain_groin", "pain_grion", 1), "did you mean"),
    "unknown column": (GOOD_CSV.replace("case_id", "notes", 1), "notes"),
    "repeated column": (header + ",age\n" + "\n".join(r + ",61" for r in rows), "more than once"),
    "repeated case id": (GOOD_CSV.replace(GOOD["case_id"][1], GOOD["case_id"][0]), "once"),
    "huge symptom_weeks": (
        to_csv_text(GOOD.assign(symptom_weeks=pd.Series([10**20] * 8, dtype=object))),
        "symptom_weeks",
    ),
    "utf-16": (GOOD_CSV.encode("utf-16"), "UTF-8"),
    "latin-1 bytes": ("age,sex\n60,f\xe9male\n".encode("latin-1"), "UTF-8"),
    "NUL bytes": (b"age\n6\x000\n", ""),
    "empty file": ("", "empty"),
    "only blank lines": ("\n\n\n", "empty"),
    "ragged row": (GOOD_CSV.replace("\n", ",x\n", 2).replace(",x\n", "\n", 1), "number of cells"),
    "short row": (header + "\n60\n", "number of cells"),
    "unclosed quote": ('age\n"60\n', "cannot be read"),
    "missing age": ("pain_groin\nTrue\n", "required"),
    "quoted newline then bad cell": ('case_id,age\n"a\nb",60\nc,old\n', "row 4 ('old')"),
    "blank line then bad cell": ("age\n60\n\nold\n", "row 4 ('old')"),
    "yes for a finding": ("age,pain_groin\n60,yes\n", "pain_groin"),
    "6.0 for age": ("age\n6.0\n", "age"),
    "nan for bmi": ("age,bmi\n60,nan\n", "bmi"),
    "inf for bmi": ("age,bmi\n60,inf\n", "bmi"),
    "1e400 for bmi": ("age,bmi\n60,1e400\n", "bmi"),
    "bad truth label": (GOOD_CSV.replace(",hip,", ",knee,", 1), "true_label"),
    "MultiIndex-like double header": (header + "\n" + GOOD_CSV, "age"),
    "very long cell": ("age,sex\n60," + "x" * 200_000 + "\n", ""),
    "control characters in a column name": ("age,\x1b[31mred\n60,1\n", "column"),
    "header only with bad column": ("agee\n", "did you mean"),
}
for name, (text, needle) in CSV_BAD.items():
    probe("CSV", name)(lambda text=text, needle=needle: csv_refused(text, needle))

for name, text in {
    "BOM": "\ufeff" + GOOD_CSV,
    "CRLF": GOOD_CSV.replace("\n", "\r\n"),
    "trailing blank lines": GOOD_CSV + "\n\n",
    "quoted cells": GOOD_CSV.replace(",True,", ',"True",', 3),
}.items():
    probe("CSV", f"valid: {name}")(lambda text=text: csv_loads(text))


@probe("CSV", "150k bad truth cells: message capped")
def _capped() -> str:
    frame = generate_cases(3000, seed=1)
    frame["true_label"] = "knee"
    try:
        read_cases_csv(io.StringIO(to_csv_text(frame)))
    except HipbackInputError as err:
        return "clean" if len(str(err)) < 5000 else "silent"
    return "silent"


@probe("CSV", "a misspelled column does not change labels")
def _typo_labels() -> str:
    return csv_refused(to_csv_text(load_cases()).replace("pain_groin", "pain_grion", 1))


# --- the command ------------------------------------------------------------------------------
CLI_BAD = [
    [], ["frobnicate"], ["cases", "--n", "-3"], ["cases", "--n", "ten"], ["cases", "--n", "1e9"],
    ["cases", "--n", str(10**12)], ["cases", "--seed", "-1"], ["cases", "--seed", str(10**30)],
    ["cases", "--difficulty", "expert"], ["cases", "--red-flag-rate", "2"],
    ["cases", "--red-flag-rate", "nan"], ["cases", "--bogus"], ["evaluate", "--n", "0"],
    ["evaluate", "--pretest-hip", "1"], ["evaluate", "--pretest-hip", "nan"],
    ["evaluate", "--n", str(10**9)], ["handout", "--n", "0"], ["handout", "--n", "100000"],
    ["explain"], ["explain", "missing.json"], ["explain", "--csv", "missing.csv"],
    ["explain", "--row", "2", "x.json"], ["explain", "--csv", "/"], ["explain", "/"],
    ["handout", "-o", "/nonexistent-folder/s.html", "--n", "1"],
    ["cases", "-o", "/nonexistent-folder/c.csv"], ["cases", "-o", "/"],
    ["handout", "-o", "/", "--n", "1"], ["cases", "-o", "/dev/full"],
]  # fmt: skip
for argv in CLI_BAD:
    probe("CLI", "hipback " + " ".join(argv))(lambda argv=argv: cli_refused(argv))

JSON_BAD = {
    "utf-16": '{"age": 60}'.encode("utf-16"),
    "latin-1": '{"age": 60, "sex": "f\xe9male"}'.encode("latin-1"),
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "deep object": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "huge integer": b'{"age": 1' + b"0" * 5000 + b"}",
    "huge file": b" " * 2_000_000 + b"{}",
    "symptom_weeks 10**20": b'{"age": 60, "symptom_weeks": 100000000000000000000}',
    "NaN": b'{"age": NaN}',
    "Infinity bmi": b'{"age": 60, "bmi": Infinity}',
    "list": b"[1, 2]",
    "string": b'"age"',
    "null": b"null",
    "truncated": b'{"age": 6',
    "misspelled field": b'{"age": 60, "pain_grion": true}',
    "nested value": b'{"age": {"value": 60}}',
    "bool age": b'{"age": true}',
    "string finding": b'{"age": 60, "limp": "yes"}',
    "empty": b"",
    "NUL": b'{"age": 60}\x00',
    "control characters in a key": b'{"age": 60, "\\u001b[2Jx": 1}',
}
for name, content in JSON_BAD.items():

    @probe("CLI", f"explain JSON: {name}")
    def _json(content: bytes = content) -> str:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "case.json"
            path.write_bytes(content)
            code, out, err = run_cli(["explain", str(path)])
            if "\x1b" in out + err:
                return "silent"
            if code == 2 and len(err.strip().splitlines()) == 1:
                return "clean"
            return "traceback" if code in (1, 99) or "Traceback" in err else "silent"


def _in_folder(fn: Callable[[Path], str]) -> Callable[[], str]:
    def run() -> str:
        with tempfile.TemporaryDirectory() as folder:
            return fn(Path(folder))

    return run


def _overwrite_refused(folder: Path) -> str:
    target = folder / "c.csv"
    target.write_text("old")
    code, _, err = run_cli(["cases", "--n", "2", "-o", str(target)])
    if target.read_text() != "old":
        return "lost"
    return "clean" if code == 2 and "--force" in err else "silent"


def _force_replaces(folder: Path) -> str:
    target = folder / "c.csv"
    target.write_text("old")
    code, out, _ = run_cli(["cases", "--n", "2", "-o", str(target), "--force"])
    return (
        "clean"
        if code == 0 and "replaced" in out and len(read_cases_csv(target)) == 2
        else ("silent")
    )


def _handout_key_exists(folder: Path) -> str:
    (folder / "s-answers.html").write_text("old key")
    code, _, _ = run_cli(["handout", "--n", "1", "-o", str(folder / "s.html"), "--quiet"])
    if (folder / "s-answers.html").read_text() != "old key":
        return "lost"
    return "clean" if code == 2 and not (folder / "s.html").exists() else "silent"


def _disk_full(folder: Path) -> str:
    target = folder / "c.csv"
    target.write_text("old")
    real = os.write

    def full(fd: int, data: bytes) -> int:
        if fd_path(fd).startswith(str(folder)):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    os.write = full
    try:
        code, _, err = run_cli(["cases", "--n", "50", "-o", str(target), "--force"])
    finally:
        os.write = real
    leftovers = [p.name for p in folder.iterdir() if p.name != "c.csv"]
    if target.read_text() != "old" or leftovers:
        return "lost"
    return "clean" if code == 2 and "No space" in err else "silent"


def _handout_disk_full(folder: Path) -> str:
    real = os.write
    calls = []

    def second_fails(fd: int, data: bytes) -> int:
        path = fd_path(fd)
        if path.startswith(str(folder)):
            calls.append(path)
            if len(set(calls)) > 1:  # the key's file: the disk is full by now
                raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    os.write = second_fails
    try:
        code, _, _ = run_cli(["handout", "--n", "2", "-o", str(folder / "s.html"), "--quiet"])
    finally:
        os.write = real
    if any(folder.iterdir()):
        return "lost"  # a card file without its key, or a truncated key
    return "clean" if code == 2 else "silent"


SIGNAL_SCRIPT = """
import os, signal, sys
from hipback.storage import atomic
real = atomic._write_all
def half(fd, data):
    real(fd, data[: len(data) // 2]); os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    real(fd, data[len(data) // 2 :])
atomic._write_all = half
from hipback.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _signal(name: str, code: int) -> Callable[[Path], str]:
    def run(folder: Path) -> str:
        (folder / "c.csv").write_text("old")
        done = subprocess.run(
            [sys.executable, "-c", SIGNAL_SCRIPT, name, "cases", "--n", "100", "-o", "c.csv",
             "--force"], cwd=folder, capture_output=True, text=True, timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        if (folder / "c.csv").read_text() != "old" or len(list(folder.iterdir())) != 1:
            return "lost"
        if "Traceback" in done.stderr:
            return "traceback"
        return "clean" if done.returncode == code else "silent"

    return run


def _stdout(kind: str) -> Callable[[Path], str]:
    def run(folder: Path) -> str:
        code = "import sys\nfrom hipback.cli import main\n"
        if kind == "closed":
            code += "import os; os.close(1); sys.stdout = None\n"
        code += "sys.exit(main(['cases', '--n', '3']))"
        target = open("/dev/full", "w") if kind == "full" else None  # noqa: SIM115
        try:
            done = subprocess.run(
                [sys.executable, "-c", code], stdout=target or subprocess.DEVNULL,
                stderr=subprocess.PIPE, text=True, cwd=folder, timeout=120,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )  # fmt: skip
        finally:
            if target:
                target.close()
        if "Traceback" in done.stderr or "Exception ignored" in done.stderr:
            return "traceback"
        return "clean" if done.returncode == 2 and done.stderr.count("\n") == 1 else "silent"

    return run


def _control_chars(folder: Path) -> str:
    frame = GOOD.assign(case_id=["S-\x1b[2J\x1b]0;x\x07"] + list(GOOD["case_id"][1:]))
    (folder / "c.csv").write_text(to_csv_text(frame))
    code, out, err = run_cli(["explain", "--csv", str(folder / "c.csv")])
    return "clean" if code == 0 and "\x1b" not in out + err and "\x07" not in out else "silent"


for name, fn in {
    "existing output without --force": _overwrite_refused,
    "existing output with --force": _force_replaces,
    "handout: answer key exists": _handout_key_exists,
    "cases -o on a full disk": _disk_full,
    "handout: disk full before the key": _handout_disk_full,
    "SIGTERM mid-write": _signal("SIGTERM", 143),
    "SIGINT mid-write": _signal("SIGINT", 130),
    "stdout is /dev/full": _stdout("full"),
    "stdout closed": _stdout("closed"),
    "control characters in case_id": _control_chars,
}.items():
    probe("CLI", name)(_in_folder(fn))


@probe("CLI", "evaluate --n 1 prints no nan")
def _evaluate_one() -> str:
    code, out, _ = run_cli(["evaluate", "--n", "1", "--quiet"])
    return "clean" if code == 0 and "nan" not in out.lower() else "silent"


# --- progress ---------------------------------------------------------------------------------
def _threads(folder: Path) -> str:
    path = folder / "p.json"

    def learner(n: int) -> None:
        store = ProgressStore(path)
        for i in range(5):
            store.record("quiz", f"{n}-{i}", {"n": n})

    threads = [threading.Thread(target=learner, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return "clean" if len(ProgressStore(path).items("quiz")) == 40 else "lost"


def _processes(folder: Path) -> str:
    path = folder / "p.json"
    code = (
        "import sys\nfrom hipback.storage.progress import ProgressStore\n"
        "s = ProgressStore(sys.argv[1])\n"
        "for i in range(6): s.record('quiz', sys.argv[2] + '-' + str(i), {})"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(path), str(n)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        for n in range(3)
    ]
    if any(p.wait(timeout=120) for p in procs):
        return "traceback"
    return "clean" if len(ProgressStore(path).items("quiz")) == 18 else "lost"


def _two_quizzes(folder: Path) -> str:
    from hipback.widgets import quiz

    path = folder / "p.json"
    a, b = quiz(seed=5, n=3, progress_path=path), quiz(seed=6, n=3, progress_path=path)
    for q in (a, b, a, b):
        q.answer(label="hip")
        q.submit()
        q.next_case()
    again = [quiz(seed=s, n=3, progress_path=path).current_index for s in (5, 6)]
    return "clean" if again == [2, 2] else "lost"


def _bad_entry(folder: Path) -> str:
    path = folder / "p.json"
    store = ProgressStore(path)
    store.record("a", "1", {})
    store.record("b", "1", {})
    data = json.loads(path.read_text())
    data["quizzes"]["a"]["items"]["1"] = "garbage"
    path.write_text(json.dumps(data))
    items = ProgressStore(path).load()
    return "clean" if "b" in items and "1" not in items.get("a", {}) else "lost"


def _content(content: bytes) -> Callable[[Path], str]:
    def run(folder: Path) -> str:
        from hipback.widgets import quiz

        path = folder / "p.json"
        path.write_bytes(content)
        try:
            q = quiz(seed=5, n=2, progress_path=path)
            q.answer(label="hip")
            q.submit()
        except Exception:  # noqa: BLE001
            return "traceback"
        kept = [p for p in folder.iterdir() if ".corrupt-" in p.name]
        return "clean" if kept and kept[0].read_bytes() == content else "lost"

    return run


def _read_only(folder: Path) -> str:
    from hipback.widgets import quiz

    path = folder / "p.json"
    path.write_text("{corrupt")
    real_replace = os.replace

    def refuse(*_a: object, **_k: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    os.replace = refuse  # renames refused, as on a read-only folder
    try:
        q = quiz(seed=5, n=2, progress_path=path)
        q.answer(label="hip")
        q.submit()
    except Exception:  # noqa: BLE001
        return "traceback"
    finally:
        os.replace = real_replace
    if path.read_text() != "{corrupt":
        return "lost"
    return "clean" if "Progress not saved" in q.status.value else "silent"


def _full_progress(folder: Path) -> str:
    path = folder / "p.json"
    store = ProgressStore(path)
    store.record("a", "1", {})
    before = path.read_bytes()
    real = os.write

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    os.write = full
    try:
        saved = store.record("a", "2", {})
    except Exception:  # noqa: BLE001
        return "traceback"
    finally:
        os.write = real
    if path.read_bytes() != before:
        return "lost"
    return "clean" if not saved and "No space" in store.status else "silent"


for name, fn in {
    "8 threads x 5 answers": _threads,
    "3 processes x 6 answers": _processes,
    "two quiz widgets on one file": _two_quizzes,
    "one bad entry": _bad_entry,
    "corrupt JSON": _content(b"{not json"),
    "empty file": _content(b""),
    "a list": _content(b"[1]"),
    "foreign format": _content(b'{"format": "other", "quizzes": {}}'),
    "future version": _content(b'{"format": "hipback-quiz-progress", "version": 9}'),
    "bad bytes": _content(b"\xff\xfe\x00"),
    "deeply nested": _content(b"[" * 100_000 + b"]" * 100_000),
    "huge integer": _content(b'{"format": 1' + b"0" * 5000 + b"}"),
    "quizzes not a mapping": _content(
        b'{"format": "hipback-quiz-progress", "version": 2, "quizzes": []}'
    ),  # fmt: skip
    "corrupt file in a read-only folder": _read_only,
    "full disk on save": _full_progress,
}.items():
    probe("progress", name)(_in_folder(fn))


def run_all(verbose: bool = False) -> Counter[tuple[str, str]]:
    tally: Counter[tuple[str, str]] = Counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for area, name, fn in PROBES:
            try:
                outcome = fn()
            except Exception as err:  # noqa: BLE001
                outcome = "traceback"
                name += f" [{type(err).__name__}: {err}]"
            tally[(area, outcome)] += 1
            if verbose or outcome != "clean":
                print(f"{outcome:9s}  {area:12s}  {name!r}"[:200])
    return tally


def table(tally: Counter[tuple[str, str]]) -> str:
    areas = list(dict.fromkeys(a for a, _, _ in PROBES))
    lines = [
        "| area | tried | clean error (or right answer) | traceback | silent wrong | lost |",
        "|---|---|---|---|---|---|",
    ]
    for area in [*areas, "total"]:
        counts = [
            sum(v for (a, o), v in tally.items() if o == outcome and area in (a, "total"))
            for outcome in OUTCOMES
        ]
        lines.append(f"| {area} | {sum(counts)} | " + " | ".join(map(str, counts)) + " |")
    return "\n".join(lines)


def main_probe(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every probe's outcome")
    args = parser.parse_args(argv)
    tally = run_all(verbose=args.list)
    print(table(tally))
    return 0 if all(o == "clean" for (_, o) in tally) else 1


if __name__ == "__main__":
    sys.exit(main_probe())
