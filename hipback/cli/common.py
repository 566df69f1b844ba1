"""What every ``hipback`` subcommand shares: exit codes, printing, argument types, progress.

Bad arguments give a one-line error and exit code 2, never a traceback (:class:`Parser`);
text from data is printed with control characters made visible (:func:`terminal_safe`).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import IO, NoReturn

#: Exit codes.
OK, BAD_INPUT = 0, 2

#: What to do when an output file exists (said in every such error).
FORCE_HINT = "add --force to replace it, or choose another --output"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


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


class Parser(argparse.ArgumentParser):
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


def non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative; allowed: 0 or more")
    return value


def count(low: int, high: int):  # noqa: ANN202 - an argparse type
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


def seed_number(text: str) -> int:
    value = non_negative_int(text)
    if value >= 2**63:
        raise argparse.ArgumentTypeError(f"{text!r} is too large; allowed: 0 to 2**63 - 1")
    return value


def rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is outside 0-1")
    return value


def probability(text: str) -> float:
    value = rate(text)
    if value in (0.0, 1.0):
        raise argparse.ArgumentTypeError(f"{text!r} must be strictly between 0 and 1")
    return value


def say(text: str, stream: IO[str] | None = None) -> None:
    out = stream or sys.stdout
    if out is None:  # the process was started with that stream closed
        raise OSError(9, "standard output is closed")
    out.write(terminal_safe(text) + "\n")
