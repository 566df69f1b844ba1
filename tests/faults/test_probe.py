"""The robustness probe (scripts/probe_robustness.py): zero tracebacks, silent errors, losses."""

from __future__ import annotations

import os
import subprocess
import sys

from fault_support import ROOT


def test_probe_finds_nothing_but_clean_errors(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "probe_robustness.py")], capture_output=True,
        text=True, cwd=tmp_path, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    total = [line for line in done.stdout.splitlines() if line.startswith("| total |")]
    assert total, done.stdout
    tried, clean, traceback, silent, lost = (int(c) for c in total[0].strip("|").split("|")[1:])
    assert tried > 200 and clean == tried and traceback == silent == lost == 0, done.stdout
