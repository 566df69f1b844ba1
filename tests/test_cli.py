"""The `hipback` command: sub-commands, outputs, disclaimer, and bad arguments (exit 2)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from hipback import DISCLAIMER, Case, classify, generate_cases
from hipback.cli import Progress, main
from hipback.cohort.datasets import read_cases_csv

SUBCOMMANDS = ("cases", "explain", "handout", "evaluate")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed command as a user runs it (module form, so no PATH is needed)."""
    return subprocess.run(
        [sys.executable, "-m", "hipback.cli", *args], capture_output=True, text=True,
        cwd=cwd, timeout=120, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip


def test_cases_writes_the_generator_frame(tmp_path, capsys):
    out = tmp_path / "cases.csv"
    assert main(["cases", "--n", "20", "--seed", "7", "--difficulty", "hard", "-o", str(out)]) == 0
    pd.testing.assert_frame_equal(read_cases_csv(out), generate_cases(20, 7, "hard"))
    printed = capsys.readouterr().out
    assert "Wrote 20 cases" in printed and DISCLAIMER in printed


def test_cases_to_stdout_is_pure_csv(capsys):
    assert main(["cases", "--n", "3", "--seed", "2"]) == 0
    captured = capsys.readouterr()
    frame = read_cases_csv(io.StringIO(captured.out))
    assert len(frame) == 3
    assert DISCLAIMER in captured.err


def test_explain_json(tmp_path, capsys):
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"age": 67, "pain_groin": True, "hip_rotation_limited": True}))
    assert main(["explain", str(path)]) == 0
    out = capsys.readouterr().out
    # Oracle: the command prints the engine's reasoning for the case, whole.
    assert str(classify(Case(age=67, pain_groin=True, hip_rotation_limited=True))) in out
    assert "Primary pain driver: hip" in out
    assert "Red flags" in out and "None present." in out
    assert "Management plan" in out and DISCLAIMER in out
    assert "67-year-old" in out


def test_explain_reads_a_case_file_from_write_a_case(tmp_path, capsys):
    """The README's `hipback explain case.json` works on what the case writer saves."""
    from hipback.widgets.case_files import case_json, case_record

    case = Case(age=58, pain_lower_back=True, worse_bending=True, positive_slr=True)
    path = tmp_path / "mr-d.json"
    path.write_text(case_json(case_record("Mr D, 58", case, note="for week 3")))
    assert main(["explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Mr D, 58" in out and str(classify(case)) in out
    bad = tmp_path / "other.json"
    bad.write_text(json.dumps({"format": "someone-else", "case": {}}))
    assert main(["explain", str(bad)]) == 2
    assert "is not a hipback case file" in capsys.readouterr().err


def test_explain_csv_row_with_red_flag(tmp_path, capsys):
    frame = generate_cases(40, seed=3, red_flag_rate=1.0)
    path = tmp_path / "c.csv"
    frame.to_csv(path, index=False)
    assert main(["explain", "--csv", str(path), "--row", "5", "--no-vignette"]) == 0
    out = capsys.readouterr().out
    assert "! [" in out and frame["case_id"].iloc[4] in out  # graded red flags listed
    assert "year-old" not in out
    assert DISCLAIMER in out


def test_explain_accepts_an_exported_row_with_truth_columns(tmp_path, capsys):
    row = generate_cases(1, seed=4).iloc[0]
    data = {k: (None if pd.isna(v) else v.item() if hasattr(v, "item") else v)
            for k, v in row.items()}  # fmt: skip
    path = tmp_path / "row.json"
    path.write_text(json.dumps(data))
    assert main(["explain", str(path)]) == 0


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('{"age": 67, "pain_grion": true}', "did you mean 'pain_groin'"),
        ('{"age": 7}', "age: 7 is out of range"),
        ('{"age": 60, "limp": "yes"}', "limp: 'yes'"),
        ("[1, 2]", "holds a list"),
        ("{not json", "not valid JSON"),
    ],
)
def test_explain_bad_json_is_a_clear_error(tmp_path, capsys, content, needle):
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert main(["explain", str(path)]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_explain_bad_csv_lists_every_bad_cell(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("age,limp\n60,True\nold,maybe\n")
    assert main(["explain", "--csv", str(path)]) == 2
    err = capsys.readouterr().err
    assert "'age': row 3 ('old')" in err and "'limp': row 3 ('maybe')" in err


def test_explain_row_out_of_range(tmp_path, capsys):
    path = tmp_path / "c.csv"
    generate_cases(3, seed=1).to_csv(path, index=False)
    assert main(["explain", "--csv", str(path), "--row", "4"]) == 2
    assert "--row: 4 is not allowed; allowed: a number from 1 to 3" in capsys.readouterr().err


def test_handout_writes_cards_and_a_separate_answer_key(tmp_path, capsys):
    out = tmp_path / "session.html"
    assert main(["handout", "--n", "8", "--seed", "7", "-o", str(out), "--quiet"]) == 0
    cards = out.read_text(encoding="utf-8")
    answers = (tmp_path / "session-answers.html").read_text(encoding="utf-8")
    assert cards.count("class='card'") == 8
    assert "Answer:" not in cards and "Answer:" in answers
    printed = capsys.readouterr().out
    assert "session-answers.html" in printed and DISCLAIMER in printed


def test_evaluate_prints_accuracy_confusion_and_calibration(capsys):
    assert main(["evaluate", "--n", "2000", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    for needle in ("Accuracy", "Confusion matrix", "Calibration, 'hip", "Calibration, 'spine",
                   "recall", "precision", DISCLAIMER):  # fmt: skip
        assert needle in out


def test_evaluate_pretest_changes_the_result(capsys):
    main(["evaluate", "--n", "1000", "--seed", "1", "--quiet"])
    default = capsys.readouterr().out
    main(["evaluate", "--n", "1000", "--seed", "1", "--pretest-hip", "0.6"])
    assert capsys.readouterr().out != default


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["cases", "--n", "-3"],
        ["cases", "--n", "ten"],
        ["cases", "--seed", "-1"],
        ["cases", "--difficulty", "expert"],
        ["cases", "--red-flag-rate", "2"],
        ["cases", "--bogus"],
        ["evaluate", "--pretest-hip", "1"],
        ["explain"],
        ["explain", "missing.json"],
        ["explain", "--csv", "missing.csv"],
        ["explain", "--row", "2", "x.json"],
        ["handout", "-o", "/nonexistent-folder/s.html", "--n", "1"],
        ["cases", "-o", "/nonexistent-folder/c.csv"],
        ["evaluate", "--n", "0"],
        ["handout", "--n", "0"],
        ["cases", "--n", str(10**12)],
        ["cases", "--seed", str(10**30)],
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "error" in err and "Traceback" not in err


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_help_on_every_subcommand(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"usage: hipback {command}" in out


def test_top_level_help_mentions_disclaimer(capsys):
    assert main(["--help"]) == 0
    assert "Educational use only" in " ".join(capsys.readouterr().out.split())


def test_subprocess_bad_argument_exit_code_and_no_traceback(tmp_path):
    done = run("cases", "--n", "-5", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    done = run("explain", "nope.json", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_subprocess_cases_and_handout(tmp_path):
    done = run("cases", "--n", "5", "--seed", "7", "-o", "c.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(read_cases_csv(tmp_path / "c.csv")) == 5
    done = run("handout", "--n", "2", "-o", "s.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s-answers.html").exists()
    assert done.stderr == ""  # not a terminal: no progress bar


def test_progress_bar_only_on_a_terminal():
    quiet = io.StringIO()
    bar = Progress(100, "x", stream=quiet)  # StringIO is not a TTY
    bar.update(50)
    bar.close()
    assert quiet.getvalue() == ""
    loud = io.StringIO()
    bar = Progress(100, "x", stream=loud, enabled=True)
    for i in range(0, 101, 10):
        bar.update(i)
    bar.close()
    assert "100%" in loud.getvalue() and loud.getvalue().endswith("\n")


def test_installed_entry_point(tmp_path):
    script = Path(sys.executable).parent / "hipback"
    if not script.exists():
        pytest.skip("package not installed with its entry point in this environment")
    done = subprocess.run([str(script), "cases", "--n", "-1"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_evaluate_n_0_is_refused_not_nan(capsys):
    assert main(["evaluate", "--n", "0"]) == 2
    err = capsys.readouterr().err
    assert "--n" in err and "from 1" in err and "nan" not in err


def test_existing_outputs_need_force_and_the_message_says_which(tmp_path, capsys):
    out = tmp_path / "c.csv"
    assert main(["cases", "--n", "2", "-o", str(out)]) == 0
    assert "replaced" not in capsys.readouterr().out
    assert main(["cases", "--n", "3", "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert len(read_cases_csv(out)) == 2
    assert main(["cases", "--n", "3", "-o", str(out), "--force"]) == 0
    assert "existing file was replaced" in capsys.readouterr().out
    assert len(read_cases_csv(out)) == 3
    html = tmp_path / "s.html"
    assert main(["handout", "--n", "1", "-o", str(html), "--quiet"]) == 0
    assert main(["handout", "--n", "1", "-o", str(html), "--quiet"]) == 2
    assert main(["handout", "--n", "1", "-o", str(html), "--quiet", "--force"]) == 0
    assert "replaced" in capsys.readouterr().out


def test_symptom_weeks_has_an_upper_bound():
    from hipback import Case
    from hipback.errors import HipbackInputError

    with pytest.raises(HipbackInputError, match="symptom_weeks: .* from 0 to 5720"):
        Case(age=60, symptom_weeks=10**30)
