"""Files under faults: a full disk, a signal mid-write, a refused overwrite, a failed rename.

Every file the kit writes is atomic (old file or new file, never a truncated one), a
handout's two files are written together or not at all, and an existing file is
replaced only with ``--force``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from fault_support import ROOT, run_python

from hipback.cli import main
from hipback.errors import HipbackInputError
from hipback.storage import OutputExistsError, write_files, write_text

OLD = "old content that must survive\n"


def _names(folder):
    return sorted(p.name for p in folder.iterdir() if p.name != "filler")


# --- the writer itself ------------------------------------------------------------------------
def test_existing_file_is_not_replaced_without_overwrite(tmp_path):
    target = tmp_path / "a.csv"
    target.write_text(OLD)
    with pytest.raises(OutputExistsError, match="already exists.*--force"):
        write_text(target, "new", hint="add --force to replace it")
    assert target.read_text() == OLD
    write_text(target, "new", overwrite=True)
    assert target.read_text() == "new"
    assert _names(tmp_path) == ["a.csv"]


def test_two_files_are_written_together_or_not_at_all(tmp_path, monkeypatch):
    cards, key = tmp_path / "s.html", tmp_path / "s-answers.html"
    cards.write_text(OLD)
    key.write_text(OLD)
    real_replace = os.replace
    calls = []

    def second_rename_fails(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_rename_fails)
    with pytest.raises(HipbackInputError, match="Input/output error"):
        write_files({cards: "new cards", key: "new key"}, overwrite=True)
    monkeypatch.undo()
    assert cards.read_text() == OLD and key.read_text() == OLD  # the first one was put back
    assert _names(tmp_path) == ["s-answers.html", "s.html"]  # no temporary or backup file


def test_devices_are_written_in_place(tmp_path):
    write_text(os.devnull, "nothing")  # not renamed over, not "already exists"
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


# --- a full file system -------------------------------------------------------------------------
def test_full_disk_keeps_the_old_csv_and_says_so(full_disk, capsys):
    target = full_disk.folder / "c.csv"
    target.write_text(OLD)
    full_disk.fill()
    code = main(["cases", "--n", "400", "-o", str(target), "--force"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "No space left on device" in err and len(err.strip().splitlines()) == 1
    assert target.read_text() == OLD
    assert _names(full_disk.folder) == ["c.csv"]


def test_full_disk_handout_writes_neither_file(full_disk, capsys):
    out = full_disk.folder / "s.html"
    full_disk.fill()
    assert main(["handout", "--n", "4", "-o", str(out), "--quiet"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert _names(full_disk.folder) == []  # neither cards nor a truncated key


def test_standard_output_full_or_closed_is_one_line(tmp_path):
    code = "import sys; from hipback.cli import main; sys.exit(main(sys.argv[1:]))"
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-c", code, "cases", "--n", "2"], stdout=full, stderr=subprocess.PIPE,
            text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120,
        )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().count("\n") == 0 and "No space left" in done.stderr
    closed = run_python(
        "import os, sys; os.close(1); sys.stdout = None\n"
        "from hipback.cli import main; sys.exit(main(['cases', '--n', '2']))",
        cwd=tmp_path,
    )
    assert closed.returncode == 2, closed.stderr
    assert "standard output is closed" in closed.stderr and "Traceback" not in closed.stderr


# --- a signal in the middle of a write ----------------------------------------------------------
SIGNAL_MID_WRITE = """
import os, signal, sys
from hipback.storage import atomic
real = atomic._write_all
def half_then_signal(fd, data):
    real(fd, data[: len(data) // 2])          # half of the new file is on disk...
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))   # ...when the signal arrives
    real(fd, data[len(data) // 2 :])
atomic._write_all = half_then_signal
from hipback.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGINT", 130), ("SIGHUP", 129)])
def test_signal_mid_write_leaves_the_old_file_whole(tmp_path, name, code):
    target = tmp_path / "c.csv"
    target.write_text(OLD)
    done = run_python(SIGNAL_MID_WRITE, name, "cases", "--n", "300", "-o", "c.csv", "--force",
                      cwd=tmp_path)  # fmt: skip
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "nothing was half-written" in done.stderr
    assert target.read_text() == OLD
    assert _names(tmp_path) == ["c.csv"]  # the temporary file was removed


def test_sigkill_mid_write_still_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "c.csv"
    target.write_text(OLD)
    done = run_python(SIGNAL_MID_WRITE, "SIGKILL", "cases", "--n", "300", "-o", "c.csv",
                      "--force", cwd=tmp_path)  # fmt: skip
    assert done.returncode == -signal.SIGKILL
    assert target.read_text() == OLD  # only a hidden temporary file can be left


SIGNAL_BETWEEN_FILES = """
import os, signal, sys
real_replace = os.replace
def replace_then_signal(src, dst):
    real_replace(src, dst)
    if str(dst).endswith("s.html"):             # the cards are in place, the key is not yet
        os.kill(os.getpid(), signal.SIGTERM)
os.replace = replace_then_signal
from hipback.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_sigterm_between_cards_and_key_keeps_both_old_files(tmp_path):
    (tmp_path / "s.html").write_text(OLD)
    (tmp_path / "s-answers.html").write_text(OLD)
    done = run_python(SIGNAL_BETWEEN_FILES, "handout", "--n", "3", "-o", "s.html", "--force",
                      "--quiet", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 143, done.stderr
    assert (tmp_path / "s.html").read_text() == OLD
    assert (tmp_path / "s-answers.html").read_text() == OLD
    assert _names(tmp_path) == ["s-answers.html", "s.html"]


# --- no silent overwrite from the command line ---------------------------------------------------
def test_cli_refuses_to_overwrite_and_says_how(tmp_path, capsys):
    target = tmp_path / "c.csv"
    target.write_text(OLD)
    assert main(["cases", "--n", "2", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err and len(err.splitlines()) == 1
    assert target.read_text() == OLD
    assert main(["cases", "--n", "2", "-o", str(target), "--force"]) == 0
    assert "replaced" in capsys.readouterr().out
    (tmp_path / "s-answers.html").write_text(OLD)
    assert main(["handout", "--n", "1", "-o", str(tmp_path / "s.html"), "--quiet"]) == 2
    assert "s-answers.html" in capsys.readouterr().err
    assert not (tmp_path / "s.html").exists()  # the cards were not written either
