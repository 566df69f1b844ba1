"""The ``hipback`` command itself: the parser of all subcommands, dispatch, and failing cleanly.

Sub-commands (one module each, or one per group)::

    hipback cases --n 20 --seed 7 --difficulty hard -o cases.csv     # cli/cohort_commands.py
    hipback explain case.json            # or: --csv cases.csv --row 3   cli/explain.py
    hipback handout --n 8 --seed 7 -o session.html                    # cli/cohort_commands.py
    hipback evaluate --n 20000 --seed 1                               # cli/cohort_commands.py
    hipback class-report results/*.json --out class.html              # cli/class_report.py
    hipback class-link ...                                            # hipback/serving/hub.py

Bad arguments give a one-line error and exit code 2, never a traceback; a signal or a
full disk ends the command with one line and nothing half-written. Every human-facing
output carries the educational-use disclaimer.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from hipback.cli.class_report import add_class_report_parser, run_class_report
from hipback.cli.cohort_commands import (
    add_cases_parser,
    add_evaluate_parser,
    add_handout_parser,
    run_cases,
    run_evaluate,
    run_handout,
)
from hipback.cli.common import BAD_INPUT, OK, Parser, terminal_safe
from hipback.cli.explain import add_explain_parser, run_explain
from hipback.errors import HipbackInputError
from hipback.reasoning import DISCLAIMER
from hipback.serving.hub import add_class_link_parser, run_class_link

#: Exit codes after a signal (128 + signal number, as shells report them).
SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}
#: Signals that unwind a running command cleanly (SIGHUP: its terminal was closed).
_UNWIND = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))

#: What runs each subcommand.
COMMANDS = {
    "cases": run_cases,
    "explain": run_explain,
    "handout": run_handout,
    "evaluate": run_evaluate,
    "class-report": run_class_report,
    "class-link": run_class_link,
}


class _Stopped(BaseException):
    """A signal (SIGTERM, SIGHUP) arrived: unwind, letting every writer remove its temp file."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    from hipback import __version__

    parser = Parser(
        prog="hipback",
        description="Teaching kit: is the pain coming from the hip, the lumbar spine, or both? "
        + DISCLAIMER,
    )
    parser.add_argument("--version", action="version", version=f"hipback {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    add_cases_parser(sub)
    add_explain_parser(sub)
    add_handout_parser(sub)
    add_evaluate_parser(sub)
    add_class_report_parser(sub)
    add_class_link_parser(sub)  # class-link: nbgitpuller links for a JupyterHub
    return parser


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
            code = COMMANDS[args.command](args)
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
