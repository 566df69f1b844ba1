"""Benchmarks for the core (issues 2 and 10). Prints one line per figure with its limit.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_core.py``.
Figures are ratios against a peer measured in the same run where one exists, so they
hold on a slower or busier machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from hipback import FIELDS, Case, classify, classify_frame
from hipback.case import frame_dtypes


def random_frame(n: int, seed: int = 0) -> pd.DataFrame:
    """n valid cases with random findings (not realistic; for timing only)."""
    rng = np.random.default_rng(seed)
    cols: dict[str, object] = {}
    for spec in FIELDS:
        if spec.kind == "bool":  # v2: three states, about a quarter not assessed
            u = rng.random(n)
            # Red flags are rare (1% each, as in a clinic); other findings 20% present.
            rate = 0.01 if spec.group == "Red flags" else 0.2
            cols[spec.name] = pd.array(u < rate, dtype="boolean")
            cols[spec.name][u > 0.75] = pd.NA
        elif spec.kind == "choice":
            low = -1 if spec.default is None else 0  # -1: not assessed
            codes = rng.integers(low, len(spec.choices), n)
            cols[spec.name] = pd.Categorical.from_codes(codes, categories=list(spec.choices))
        elif spec.name == "age":
            cols[spec.name] = rng.integers(18, 95, n)
        elif spec.name == "morning_stiffness_minutes":
            cols[spec.name] = rng.integers(0, 90, n)
        elif spec.name == "symptom_weeks":
            cols[spec.name] = pd.array(rng.integers(0, 200, n), dtype="Int64")
        else:
            cols[spec.name] = pd.array(rng.uniform(17, 40, n).round(1), dtype="Float64")
    return pd.DataFrame(cols).astype(frame_dtypes())


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_single_case() -> None:
    case = Case(
        age=68,
        pain_groin=True,
        pain_lower_back=True,
        worse_walking=True,
        worse_stairs=True,
        sitting_effect="eases",
        hip_rotation_limited=True,
        difficulty_shoes_socks=True,
        limp=True,
        night_pain=True,
        numbness_tingling=False,
        positive_slr=False,
        worse_bending=False,
        bilateral_leg_symptoms=False,
    )  # v2: present, absent and (most) not assessed; next_questions are computed too
    for _ in range(200):
        str(classify(case))
    times = []
    for _ in range(3000):
        t0 = time.perf_counter()
        str(classify(case))
        times.append(time.perf_counter() - t0)
    median = statistics.median(times) * 1e3
    assert classify(case).next_questions
    print(f"classify + str (incl. next questions), one case: median {median:.3f} ms (limit 1 ms)")


def bench_frame(n: int = 1_000_000) -> None:
    frame = random_frame(n)
    bool_cols = [s.name for s in FIELDS if s.kind == "bool"]
    # The peer: two products over the same findings, present and absent (v2).
    present = np.column_stack([frame[c].fillna(False).to_numpy(dtype=bool) for c in bool_cols])
    absent = np.column_stack([(~frame[c]).fillna(False).to_numpy(dtype=bool) for c in bool_cols])
    w_pos = np.linspace(-1, 1, present.shape[1])
    w_neg = np.linspace(1, -1, present.shape[1])
    classify_frame(frame.head(1000))  # warm the lookup tables
    t_matvec = best_of(lambda: present @ w_pos + absent @ w_neg, 5)
    t_frame = best_of(lambda: classify_frame(frame), 5)
    print(
        f"classify_frame, {n:,} cases: {t_frame * 1e3:.0f} ms; numpy present @ w + absent @ w: "
        f"{t_matvec * 1e3:.0f} ms; ratio {t_frame / t_matvec:.2f}x (limit 3x)"
    )


def bench_import(repeat: int = 7) -> None:
    def run(code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - t0

    hip, pd_ = [], []
    for _ in range(repeat):  # interleaved so both see the same machine state
        pd_.append(run("import pandas"))
        hip.append(run("import hipback"))
    a, b = statistics.median(hip), statistics.median(pd_)
    print(
        f"python -c 'import hipback': {a * 1e3:.0f} ms; 'import pandas': {b * 1e3:.0f} ms; "
        f"ratio {a / b:.2f}x (limit 1.5x)"
    )


if __name__ == "__main__":
    bench_single_case()
    bench_frame()
    bench_import()
