"""Benchmarks for synthetic cases, handouts and the cohort check (issue 3).

Prints one line per figure with its limit; exits 1 if a limit is missed.
Run: ``.venv/bin/python benchmarks/bench_cases.py`` (also part of ``make bench``).
Each timing is the best of a few runs, after one warm-up run, so import and
first-call costs are not counted (the ``hipback handout`` figure is the whole
command, process start included, as a lecturer experiences it).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hipback import classify_frame, generate_cases
from hipback.cohort.evaluation import evaluate
from hipback.validation import validate_frame

LIMIT_GENERATE_S = 2.0
LIMIT_HANDOUT_S = 5.0
N = 100_000


def best_of(repeats: int, func, *args, **kwargs) -> float:
    func(*args, **kwargs)  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    failed = []
    t_gen = best_of(3, generate_cases, N, seed=1)
    ok = t_gen <= LIMIT_GENERATE_S
    failed += [] if ok else ["generate_cases"]
    print(f"generate_cases({N}): {t_gen:.3f} s (limit {LIMIT_GENERATE_S:g} s)"
          f"{'' if ok else '  OVER LIMIT'}")  # fmt: skip

    cohort = generate_cases(N, seed=1)
    t_val = best_of(3, validate_frame, cohort)
    print(f"validate_frame over the {N} generated cases: {t_val:.3f} s (no limit)")
    t_clf = best_of(3, classify_frame, cohort)
    print(f"classify_frame over the {N} generated cases: {t_clf:.3f} s "
          f"(no limit; {t_clf / t_gen:.2f}x the generator's time)")  # fmt: skip
    result = classify_frame(cohort)
    t_eval = best_of(3, evaluate, cohort, result)
    print(f"evaluate (confusion + calibration) over {N} cases: {t_eval:.3f} s (no limit)")

    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "hipback.cli", "handout", "--n", "30", "--seed", "7",
               "-o", str(Path(tmp) / "session.html"), "--quiet", "--force"]  # fmt: skip
        subprocess.run(cmd, check=True, capture_output=True)  # warm-up (bytecode caches)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    t_hand = min(times)
    ok = t_hand <= LIMIT_HANDOUT_S
    failed += [] if ok else ["handout"]
    print(f"hipback handout --n 30 (whole command): {t_hand:.2f} s (limit {LIMIT_HANDOUT_S:g} s)"
          f"{'' if ok else '  OVER LIMIT'}")  # fmt: skip
    if failed:
        print(f"over the limit: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
