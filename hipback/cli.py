"""The ``hipback`` command: synthetic cases, explanations, handouts and a cohort check.

Sub-commands::

    hipback cases --n 20 --seed 7 --difficulty hard -o cases.csv
    hipback explain case.json            # or: hipback explain --csv cases.csv --row 3
    hipback handout --n 8 --seed 7 -o session.html   # also writes session-answers.html
    hipback evaluate --n 20000 --seed 1

Bad arguments give a one-line error and exit code 2, never a traceback. Every
human-facing output carries the educational-use disclaimer.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import IO, NoReturn

from hipback.errors import HipbackInputError
from hipback.reasoning import DISCLAIMER
from hipback.serving.hub import add_class_link_parser, run_class_link

#: Exit codes.
OK, BAD_INPUT = 0, 2

#: Cohorts at least this large show a progress bar (on a terminal).
PROGRESS_FROM = 50_000
#: Cases classified per progress step in ``evaluate``.
CHUNK = 25_000


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line (no usage block) and exit with code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class Progress:
    """A simple text progress bar on stderr; silent when stderr is not a terminal.

    Examples
    --------
    >>> import io
    >>> bar = Progress(10, "work", stream=io.StringIO(), enabled=True)
    >>> bar.update(5); bar.close()
    >>> "50%" in bar.stream.getvalue()
    True
    """

    def __init__(self, total: int, label: str, stream: IO[str] | None = None,
                 enabled: bool | None = None) -> None:  # fmt: skip
        self.total = max(int(total), 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled
        self._last = -1

    def update(self, done: int) -> None:
        """Show ``done`` of ``total``."""
        if not self.enabled:
            return
        percent = int(100 * min(done, self.total) / self.total)
        if percent == self._last:
            return
        self._last = percent
        filled = percent // 5
        bar = "#" * filled + "." * (20 - filled)
        self.stream.write(f"\r{self.label} [{bar}] {percent:3d}%")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self.enabled and self._last >= 0:
            self.stream.write("\n")
            self.stream.flush()


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative; allowed: 0 or more")
    return value


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is outside 0-1")
    return value


def _probability(text: str) -> float:
    value = _rate(text)
    if value in (0.0, 1.0):
        raise argparse.ArgumentTypeError(f"{text!r} must be strictly between 0 and 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    from hipback import __version__
    from hipback.cohort.vignettes import DIFFICULTY_CHOICES

    parser = _Parser(
        prog="hipback",
        description="Teaching kit: is the pain coming from the hip, the lumbar spine, or both? "
        + DISCLAIMER,
    )
    parser.add_argument("--version", action="version", version=f"hipback {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def cohort_options(p: argparse.ArgumentParser, n: int, seed: int) -> None:
        p.add_argument(
            "--n", type=_non_negative_int, default=n, help=f"number of cases (default {n})"
        )
        p.add_argument(
            "--seed",
            type=_non_negative_int,
            default=seed,
            help=f"random seed; the same seed gives the same cases (default {seed})",
        )
        p.add_argument(
            "--difficulty",
            choices=DIFFICULTY_CHOICES,
            default="mixed",
            help="easy, moderate, hard or mixed (default mixed)",
        )
        p.add_argument("--red-flag-rate", type=_rate, default=0.03,
                       help="share of cases with red flags, 0-1 (default 0.03)")  # fmt: skip

    quiet = {"action": "store_true", "help": "no progress bar"}

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
    p.add_argument("--quiet", **quiet)  # fmt: skip

    p = sub.add_parser(
        "explain",
        help="explain one case: reasoning, red flags and plan",
        description="Print the reasoning, red flags and management plan for one "
        "case, read from a JSON file of case-record fields or a row of a CSV.",
    )
    p.add_argument(
        "json_file",
        nargs="?",
        metavar="CASE.json",
        help='JSON object of case-record fields, e.g. {"age": 67, "pain_groin": true}',
    )
    p.add_argument("--csv", metavar="FILE", help="CSV of cases (as written by 'hipback cases')")
    p.add_argument(
        "--row",
        type=_non_negative_int,
        default=None,
        help="which case of the CSV, counting from 1 (default 1)",
    )
    p.add_argument("--no-vignette", action="store_true", help="do not print the narrative")

    p = sub.add_parser(
        "handout",
        help="printable case cards and a separate answer key",
        description="Write printable case cards (one per page) and an answer key "
        "(FILE-answers.html) for a teaching session.",
    )
    cohort_options(p, 8, 1)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="session.html",
        help="cards file (default session.html); the answer key goes next to it",
    )
    p.add_argument("--title", default="hipback case cards", help="heading of the pages")
    p.add_argument("--quiet", **quiet)  # fmt: skip

    p = sub.add_parser(
        "evaluate",
        help="accuracy and calibration on a synthetic cohort",
        description="Score the reasoning model on a synthetic cohort with known "
        "answers: accuracy, confusion matrix, calibration table.",
    )
    cohort_options(p, 20000, 1)
    p.add_argument(
        "--pretest-hip",
        type=_probability,
        default=None,
        help="pre-test probability that the hip is a source (default: the kit's)",
    )
    p.add_argument(
        "--pretest-spine",
        type=_probability,
        default=None,
        help="pre-test probability that the spine is a source (default: the kit's)",
    )
    p.add_argument("--quiet", **quiet)  # fmt: skip
    add_class_link_parser(sub)  # class-link: nbgitpuller links for a JupyterHub
    return parser


def _say(text: str, stream: IO[str] | None = None) -> None:
    (stream or sys.stdout).write(text + "\n")


def _cases(args: argparse.Namespace) -> int:
    from hipback.cohort.datasets import to_csv_text
    from hipback.cohort.vignettes import generate_cases

    frame = generate_cases(args.n, args.seed, args.difficulty, args.red_flag_rate)
    text = to_csv_text(frame)
    if args.output is None:
        sys.stdout.write(text)
        _say(DISCLAIMER, sys.stderr)
        return OK
    from hipback.teaching.handouts import write_text_output

    write_text_output(Path(args.output), text)
    _say(f"Wrote {len(frame)} cases ({args.difficulty}, seed {args.seed}) to {args.output}")
    _say(DISCLAIMER)
    return OK


def _explain(args: argparse.Namespace) -> int:
    from hipback.case import FIELD_NAMES, Case, unknown_field_message
    from hipback.cohort.datasets import read_cases_csv
    from hipback.cohort.vignettes import TRUTH_COLUMNS, vignette
    from hipback.management import recommend
    from hipback.reasoning import classify

    if (args.json_file is None) == (args.csv is None):
        raise HipbackInputError(
            "explain: give either a JSON file or --csv FILE; allowed: hipback explain case.json "
            "or hipback explain --csv cases.csv --row 1"
        )
    if args.json_file is not None:
        if args.row is not None:
            raise HipbackInputError("--row: only with --csv; allowed: --csv FILE --row N")
        path = Path(args.json_file)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as err:
            raise HipbackInputError(
                f"{args.json_file}: cannot be read ({err.strerror}); allowed: a JSON file"
            ) from err
        except json.JSONDecodeError as err:
            raise HipbackInputError(f"{args.json_file}: not valid JSON ({err})") from err
        if not isinstance(data, dict):
            raise HipbackInputError(
                f"{args.json_file}: holds a {type(data).__name__}; allowed: a JSON object of "
                "case-record fields"
            )
        ignored = {"case_id", *TRUTH_COLUMNS}
        unknown = [k for k in data if k not in FIELD_NAMES and k not in ignored]
        if unknown:
            raise HipbackInputError([unknown_field_message(k) for k in unknown])
        case = Case(**{k: v for k, v in data.items() if k in FIELD_NAMES})
        title = f"Case from {args.json_file}"
    else:
        path = Path(args.csv)
        if not path.is_file():
            raise HipbackInputError(f"--csv: {args.csv!r} is not a file; allowed: a CSV of cases")
        with path.open(encoding="utf-8", newline="") as stream:
            frame = read_cases_csv(stream, name=args.csv)
        row = 1 if args.row is None else args.row
        if not 1 <= row <= len(frame):
            raise HipbackInputError(
                f"--row: {row} is not allowed; allowed: a number from 1 to {len(frame)}"
            )
        from hipback.case import cases_from_frame

        case = cases_from_frame(frame.iloc[[row - 1]])[0]
        case_id = frame["case_id"].iloc[row - 1] if "case_id" in frame else ""
        title = f"Case {row} of {args.csv}" + (f" ({case_id})" if case_id else "")
    result = classify(case)
    plan = recommend(case, result)
    _say(title)
    _say("=" * len(title))
    if not args.no_vignette:
        _say(vignette(case))
        _say("")
    _say("Reasoning")
    _say("---------")
    _say(str(result))
    _say("")
    _say("Red flags")
    _say("---------")
    if result.urgent:
        for flag in result.red_flag_actions:
            _say(f"! {flag.label} ({flag.urgency}): {flag.condition}. {flag.action}")
    else:
        _say("None present.")
    _say("")
    _say("Plan")
    _say("----")
    plan_text = str(plan)
    _say(plan_text)
    if DISCLAIMER not in plan_text:
        _say(DISCLAIMER)
    return OK


def _handout(args: argparse.Namespace) -> int:
    from hipback.cohort.vignettes import generate_cases
    from hipback.teaching.handouts import write_handout

    out = Path(args.output)
    if out.is_dir():
        raise HipbackInputError(f"--output: {args.output!r} is a folder; allowed: a file path")
    frame = generate_cases(args.n, args.seed, args.difficulty, args.red_flag_rate)
    bar = Progress(len(frame), "cards", enabled=None if not args.quiet else False)
    try:
        cards, answers = write_handout(frame, out, title=args.title, progress=bar.update)
    finally:
        bar.close()
    _say(f"Wrote {len(frame)} case cards to {cards}")
    _say(f"Wrote the answer key to {answers} (keep it apart from the cards)")
    _say(DISCLAIMER)
    return OK


def _evaluate(args: argparse.Namespace) -> int:
    import pandas as pd

    from hipback.cohort.evaluation import evaluate, format_report
    from hipback.cohort.vignettes import generate_cases
    from hipback.reasoning import classify_frame

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
    _say(format_report(ev, title=title))
    _say(f"(took {time.perf_counter() - start:.2f} s)", sys.stderr)
    return OK


_COMMANDS = {"cases": _cases, "explain": _explain, "handout": _handout, "evaluate": _evaluate}
_COMMANDS["class-link"] = run_class_link


def main(argv: list[str] | None = None) -> int:
    """Run the ``hipback`` command.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 2 on bad input (argparse's own code for bad arguments).

    Examples
    --------
    >>> main(["cases", "--n", "1", "--seed", "3", "-o", "/dev/null"])  # doctest: +ELLIPSIS
    Wrote 1 cases (mixed, seed 3) to /dev/null
    Educational use only: ...
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and argparse errors
        return int(stop.code or 0) if not isinstance(stop.code, str) else BAD_INPUT
    try:
        return _COMMANDS[args.command](args)
    except HipbackInputError as err:
        lines = err.problems or (str(err),)
        sys.stderr.write(f"hipback {args.command}: error: {lines[0]}\n")
        for line in lines[1:]:
            sys.stderr.write(f"  {line}\n")
        return BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("hipback: interrupted\n")
        return 130
    except BrokenPipeError:  # e.g. `hipback cases | head`
        return OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
