"""The subcommands that make a synthetic cohort: ``cases``, ``handout`` and ``evaluate``.

They share the cohort options (:func:`cohort_options`: ``--n``, ``--seed``,
``--difficulty``, ``--red-flag-rate``). The cohort modules are imported when a command
runs, not when the parser is built, so ``hipback --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hipback.cli.common import (
    FORCE_HINT,
    OK,
    Progress,
    count,
    probability,
    rate,
    say,
    seed_number,
)
from hipback.errors import HipbackInputError
from hipback.reasoning import DISCLAIMER

#: Cohorts at least this large show a progress bar (on a terminal).
PROGRESS_FROM = 50_000
#: Cases classified per progress step in ``evaluate``.
CHUNK = 25_000
#: Largest cohorts per command (beyond these the memory or the printer runs out first).
MAX_CASES, MAX_CARDS, MAX_EVALUATE = 1_000_000, 1_000, 5_000_000

_QUIET = {"action": "store_true", "help": "no progress bar"}


def cohort_options(
    p: argparse.ArgumentParser, n: int, seed: int, low: int = 0, high: int = MAX_CASES
) -> None:
    """Add the options that choose a synthetic cohort (``--n`` from ``low`` to ``high``)."""
    from hipback.cohort.sampler import DIFFICULTY_CHOICES

    p.add_argument(
        "--n", type=count(low, high), default=n,
        help=f"number of cases, {low} to {high:,} (default {n})",
    )  # fmt: skip
    p.add_argument(
        "--seed",
        type=seed_number,
        default=seed,
        help=f"random seed; the same seed gives the same cases (default {seed})",
    )
    p.add_argument(
        "--difficulty",
        choices=DIFFICULTY_CHOICES,
        default="mixed",
        help="easy, moderate, hard or mixed (default mixed)",
    )
    p.add_argument("--red-flag-rate", type=rate, default=0.03,
                   help="share of cases with red flags, 0-1 (default 0.03)")  # fmt: skip


def add_cases_parser(sub: argparse._SubParsersAction) -> None:
    """``hipback cases``: synthetic cases with their ground truth as CSV."""
    p = sub.add_parser(
        "cases",
        help="generate synthetic cases as CSV",
        description="Generate synthetic cases with their ground truth as CSV.",
    )
    cohort_options(p, 20, 1)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="CSV file to write (default: print the CSV to standard output)",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--quiet", **_QUIET)  # fmt: skip


def add_handout_parser(sub: argparse._SubParsersAction) -> None:
    """``hipback handout``: printable case cards and a separate answer key."""
    p = sub.add_parser(
        "handout",
        help="printable case cards and a separate answer key",
        description="Write printable case cards (one per page) and an answer key "
        "(FILE-answers.html) for a teaching session.",
    )
    cohort_options(p, 8, 1, low=1, high=MAX_CARDS)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="session.html",
        help="cards file (default session.html); the answer key goes next to it",
    )
    p.add_argument("--title", default="hipback case cards", help="heading of the pages")
    p.add_argument("--force", action="store_true", help="replace the two files if they exist")
    p.add_argument("--quiet", **_QUIET)  # fmt: skip


def add_evaluate_parser(sub: argparse._SubParsersAction) -> None:
    """``hipback evaluate``: accuracy and calibration on a synthetic cohort."""
    p = sub.add_parser(
        "evaluate",
        help="accuracy and calibration on a synthetic cohort",
        description="Score the reasoning model on a synthetic cohort with known "
        "answers: accuracy, confusion matrix, calibration table.",
    )
    cohort_options(p, 20000, 1, low=1, high=MAX_EVALUATE)
    p.add_argument(
        "--pretest-hip",
        type=probability,
        default=None,
        help="pre-test probability that the hip is a source (default: the kit's)",
    )
    p.add_argument(
        "--pretest-spine",
        type=probability,
        default=None,
        help="pre-test probability that the spine is a source (default: the kit's)",
    )
    p.add_argument("--quiet", **_QUIET)  # fmt: skip


def run_cases(args: argparse.Namespace) -> int:
    from hipback.cohort.datasets import to_csv_text
    from hipback.cohort.sampler import generate_cases

    frame = generate_cases(args.n, args.seed, args.difficulty, args.red_flag_rate)
    text = to_csv_text(frame)
    if args.output is None:
        if sys.stdout is None:
            raise OSError(9, "standard output is closed")
        sys.stdout.write(text)
        say(DISCLAIMER, sys.stderr)
        return OK
    from hipback.storage import write_text

    out = Path(args.output)
    replaced = out.is_file()
    write_text(out, text, overwrite=args.force, hint=FORCE_HINT)
    how = " (the existing file was replaced: --force)" if replaced else ""
    say(f"Wrote {len(frame)} cases ({args.difficulty}, seed {args.seed}) to {args.output}{how}")
    say(DISCLAIMER)
    return OK


def run_handout(args: argparse.Namespace) -> int:
    from hipback.cohort.sampler import generate_cases
    from hipback.storage import OutputExistsError
    from hipback.teaching.handouts import answer_key_path, write_handout

    out = Path(args.output)
    if out.is_dir():
        raise HipbackInputError(f"--output: {args.output!r} is a folder; allowed: a file path")
    existing = [p for p in (out, answer_key_path(out)) if p.exists()]
    if existing and not args.force:  # say so before the slow part
        raise OutputExistsError(existing[0], FORCE_HINT)
    frame = generate_cases(args.n, args.seed, args.difficulty, args.red_flag_rate)
    bar = Progress(len(frame), "cards", enabled=None if not args.quiet else False)
    try:
        cards, answers = write_handout(
            frame, out, title=args.title, progress=bar.update, overwrite=args.force,
            hint=FORCE_HINT,
        )  # fmt: skip
    finally:
        bar.close()
    how = " (existing files replaced: --force)" if existing else ""
    say(f"Wrote {len(frame)} case cards to {cards}{how}")
    say(f"Wrote the answer key to {answers} (keep it apart from the cards)")
    say(DISCLAIMER)
    return OK


def run_evaluate(args: argparse.Namespace) -> int:
    import pandas as pd

    from hipback.cohort.evaluation import evaluate, format_report
    from hipback.cohort.sampler import generate_cases
    from hipback.reasoning_frame import classify_frame

    pretest = {}
    if args.pretest_hip is not None:
        pretest["hip"] = args.pretest_hip
    if args.pretest_spine is not None:
        pretest["spine"] = args.pretest_spine
    start = time.perf_counter()
    frame = generate_cases(args.n, args.seed, args.difficulty, args.red_flag_rate)
    show = not args.quiet and args.n >= PROGRESS_FROM
    bar = Progress(len(frame), "classifying", enabled=None if show else False)
    parts = []
    try:
        for lo in range(0, len(frame), CHUNK):
            parts.append(classify_frame(frame.iloc[lo : lo + CHUNK], pretest=pretest or None))
            bar.update(lo + CHUNK)
    finally:
        bar.close()
    result = pd.concat(parts) if parts else classify_frame(frame, pretest=pretest or None)
    ev = evaluate(frame, result)
    title = (
        f"Classifier on {ev.n} synthetic cases (seed {args.seed}, {args.difficulty}, "
        f"red-flag rate {args.red_flag_rate:g})"
    )
    say(format_report(ev, title=title))
    say(f"(took {time.perf_counter() - start:.2f} s)", sys.stderr)
    return OK
