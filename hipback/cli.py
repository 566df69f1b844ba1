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
import os
import re
import signal
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
#: Largest cohorts per command (beyond these the memory or the printer runs out first).
MAX_CASES, MAX_CARDS, MAX_EVALUATE = 1_000_000, 1_000, 5_000_000
#: Largest JSON case file ``explain`` reads (a case record is well under 10 kB).
MAX_JSON_BYTES = 1_000_000
#: Exit codes after a signal (128 + signal number, as shells report them).
SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}
#: Signals that unwind a running command cleanly (SIGHUP: its terminal was closed).
_UNWIND = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))
_FORCE_HINT = "add --force to replace it, or choose another --output"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class _Stopped(BaseException):
    """A signal (SIGTERM, SIGHUP) arrived: unwind, letting every writer remove its temp file."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def terminal_safe(text: str) -> str:
    """``text`` with control characters shown as escapes (\\x1b...), never sent raw.

    Data (a CSV's ``case_id``, a file name) can carry terminal escape sequences; the
    command prints them visibly instead of letting them act on the terminal.

    Examples
    --------
    >>> print(terminal_safe("S1-\\x1b[31mred\\x07"))
    S1-\\x1b[31mred\\x07
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


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


def _count(low: int, high: int):  # noqa: ANN202 - an argparse type
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not allowed; allowed: a whole number from {low} to {high:,}"
            )
        return value

    return parse


def _seed(text: str) -> int:
    value = _non_negative_int(text)
    if value >= 2**63:
        raise argparse.ArgumentTypeError(f"{text!r} is too large; allowed: 0 to 2**63 - 1")
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
    from hipback.cohort.sampler import DIFFICULTY_CHOICES

    parser = _Parser(
        prog="hipback",
        description="Teaching kit: is the pain coming from the hip, the lumbar spine, or both? "
        + DISCLAIMER,
    )
    parser.add_argument("--version", action="version", version=f"hipback {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def cohort_options(
        p: argparse.ArgumentParser, n: int, seed: int, low: int = 0, high: int = MAX_CASES
    ) -> None:
        p.add_argument(
            "--n", type=_count(low, high), default=n,
            help=f"number of cases, {low} to {high:,} (default {n})",
        )  # fmt: skip
        p.add_argument(
            "--seed",
            type=_seed,
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
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
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
    p.add_argument("--quiet", **quiet)  # fmt: skip

    p = sub.add_parser(
        "evaluate",
        help="accuracy and calibration on a synthetic cohort",
        description="Score the reasoning model on a synthetic cohort with known "
        "answers: accuracy, confusion matrix, calibration table.",
    )
    cohort_options(p, 20000, 1, low=1, high=MAX_EVALUATE)
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

    # class-report (added by the lessons work: hipback/teaching/class_report.py)
    p = sub.add_parser(
        "class-report",
        help="what a class got right, per self-check question and per objective",
        description="Read the self-check results files students exported and print a "
        "table per question and per objective; --out writes a page with a chart of each.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="exported results files (.json)")
    p.add_argument("--out", metavar="FILE.html", help="also write the charts to this page")
    p.add_argument(
        "--key",
        metavar="CLASS_CODE",
        help="print the self-check answer key for learners using this class code instead",
    )
    add_class_link_parser(sub)  # class-link: nbgitpuller links for a JupyterHub
    return parser


def _say(text: str, stream: IO[str] | None = None) -> None:
    out = stream or sys.stdout
    if out is None:  # the process was started with that stream closed
        raise OSError(9, "standard output is closed")
    out.write(terminal_safe(text) + "\n")


def _cases(args: argparse.Namespace) -> int:
    from hipback.cohort.datasets import to_csv_text
    from hipback.cohort.sampler import generate_cases

    frame = generate_cases(args.n, args.seed, args.difficulty, args.red_flag_rate)
    text = to_csv_text(frame)
    if args.output is None:
        if sys.stdout is None:
            raise OSError(9, "standard output is closed")
        sys.stdout.write(text)
        _say(DISCLAIMER, sys.stderr)
        return OK
    from hipback.storage import write_text

    out = Path(args.output)
    replaced = out.is_file()
    write_text(out, text, overwrite=args.force, hint=_FORCE_HINT)
    how = " (the existing file was replaced: --force)" if replaced else ""
    _say(f"Wrote {len(frame)} cases ({args.difficulty}, seed {args.seed}) to {args.output}{how}")
    _say(DISCLAIMER)
    return OK


def _read_json(name: str) -> object:
    """The JSON in file ``name``; every way it can be bad is one clear input error."""
    try:
        with Path(name).open("rb") as handle:
            raw = handle.read(MAX_JSON_BYTES + 1)
    except OSError as err:
        raise HipbackInputError(
            f"{name}: cannot be read ({err.strerror or err}); allowed: a JSON file"
        ) from None
    if len(raw) > MAX_JSON_BYTES:
        raise HipbackInputError(
            f"{name}: larger than {MAX_JSON_BYTES:,} bytes; allowed: a JSON object of "
            "case-record fields (a few hundred bytes)"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise HipbackInputError(
            f"{name}: not UTF-8 text (byte {err.start}: {raw[err.start : err.start + 1]!r}); "
            "allowed: a JSON file saved as UTF-8"
        ) from None
    try:
        return json.loads(text)
    except RecursionError:
        raise HipbackInputError(
            f"{name}: nested too deeply; allowed: a flat JSON object of case-record fields"
        ) from None
    except ValueError as err:  # JSONDecodeError, or an integer with too many digits
        raise HipbackInputError(f"{name}: not valid JSON ({str(err)[:200]})") from None


def _explain(args: argparse.Namespace) -> int:
    from hipback.case import FIELD_NAMES, Case, unknown_field_message
    from hipback.cohort.datasets import read_cases_csv
    from hipback.cohort.sampler import TRUTH_COLUMNS
    from hipback.cohort.vignettes import vignette
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
        data = _read_json(args.json_file)
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
        if len(frame) == 0:
            raise HipbackInputError(f"--csv: {args.csv!r} holds no cases (only a header)")
        if not 1 <= row <= len(frame):
            raise HipbackInputError(
                f"--row: {row} is not allowed; allowed: a number from 1 to {len(frame)}"
            )
        from hipback.validation import cases_from_frame

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
    if result.red_flag_actions:
        for flag in result.red_flag_actions:
            _say(f"! [{flag.level}] {flag.label}: {flag.condition}. {flag.action}")
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
    from hipback.cohort.sampler import generate_cases
    from hipback.storage import OutputExistsError
    from hipback.teaching.handouts import answer_key_path, write_handout

    out = Path(args.output)
    if out.is_dir():
        raise HipbackInputError(f"--output: {args.output!r} is a folder; allowed: a file path")
    existing = [p for p in (out, answer_key_path(out)) if p.exists()]
    if existing and not args.force:  # say so before the slow part
        raise OutputExistsError(existing[0], _FORCE_HINT)
    frame = generate_cases(args.n, args.seed, args.difficulty, args.red_flag_rate)
    bar = Progress(len(frame), "cards", enabled=None if not args.quiet else False)
    try:
        cards, answers = write_handout(
            frame, out, title=args.title, progress=bar.update, overwrite=args.force,
            hint=_FORCE_HINT,
        )  # fmt: skip
    finally:
        bar.close()
    how = " (existing files replaced: --force)" if existing else ""
    _say(f"Wrote {len(frame)} case cards to {cards}{how}")
    _say(f"Wrote the answer key to {answers} (keep it apart from the cards)")
    _say(DISCLAIMER)
    return OK


def _evaluate(args: argparse.Namespace) -> int:
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
    _say(format_report(ev, title=title))
    _say(f"(took {time.perf_counter() - start:.2f} s)", sys.stderr)
    return OK


_COMMANDS = {"cases": _cases, "explain": _explain, "handout": _handout, "evaluate": _evaluate}
_COMMANDS["class-link"] = run_class_link


def _class_report(args: argparse.Namespace) -> int:
    from hipback.teaching.class_report import answer_key_page, run

    if args.key:
        _say(answer_key_page(args.key, args.out))
        return OK
    if not args.files:
        raise HipbackInputError("give the exported results files (or --key CLASS_CODE)")
    _say(run(args.files, args.out))
    _say(DISCLAIMER)
    return OK


_COMMANDS["class-report"] = _class_report


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
    with _signals_unwind():
        try:
            code = _COMMANDS[args.command](args)
            if sys.stdout is not None:
                sys.stdout.flush()
            return code
        except HipbackInputError as err:
            return _fail(args.command, err.problems or (str(err),))
        except _Stopped as stop:
            sys.stderr.write(f"hipback {args.command}: stopped by signal {stop.signum}; "
                             "nothing was half-written\n")  # fmt: skip
            return SIGNAL_EXIT.get(stop.signum, 128 + stop.signum)
        except KeyboardInterrupt:
            sys.stderr.write(f"hipback {args.command}: interrupted; nothing was half-written\n")
            return 130
        except BrokenPipeError:  # e.g. `hipback cases | head`: the reader had enough
            _silence_stdout()
            return OK
        except OSError as err:  # standard output full (/dev/full), closed, or failing
            _silence_stdout()
            where = "standard output" if err.filename is None else repr(err.filename)
            return _fail(args.command, (f"cannot write to {where} ({err.strerror or err})",))
        except MemoryError:
            return _fail(args.command, ("not enough memory; allowed: a smaller --n",))
        except Exception as err:  # a bug: still one line, and how to see the details
            if os.environ.get("HIPBACK_DEBUG"):
                raise
            sys.stderr.write(
                f"hipback {args.command}: internal error ({type(err).__name__}: "
                f"{terminal_safe(str(err))[:300]}); please report it (HIPBACK_DEBUG=1 shows "
                "the details)\n"
            )
            return 1


def _fail(command: str, lines: tuple[str, ...] | list[str]) -> int:
    """Print an input error: one line, then (for a table) the details indented."""
    sys.stderr.write(f"hipback {command}: error: {terminal_safe(lines[0])}\n")
    for line in lines[1:]:
        sys.stderr.write(f"  {terminal_safe(line)}\n")
    return BAD_INPUT


def _silence_stdout() -> None:
    """Point standard output at /dev/null so Python's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        if sys.stdout is not None:
            os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


class _signals_unwind:  # noqa: N801 - used as a context manager
    """While a command runs, SIGTERM and SIGHUP unwind the stack (writers clean up), as Ctrl-C."""

    def __enter__(self) -> None:
        self._old: dict[int, object] = {}
        for number in _UNWIND:
            try:
                self._old[number] = signal.signal(number, self._raise)
            except ValueError:  # not the main thread: leave signals alone
                break

    @staticmethod
    def _raise(signum: int, _frame: object) -> None:
        raise _Stopped(signum)

    def __exit__(self, *exc: object) -> None:
        for number, handler in self._old.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
