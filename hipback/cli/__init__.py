"""The ``hipback`` command (entry point ``hipback.cli:main``; also ``python -m hipback.cli``).

One module per job: :mod:`~hipback.cli.main` (the parser of all subcommands, dispatch,
failing cleanly), :mod:`~hipback.cli.common` (exit codes, argument types, safe printing,
the progress bar), and one per group of subcommands: :mod:`~hipback.cli.cohort_commands`
(``cases``, ``handout``, ``evaluate``), :mod:`~hipback.cli.explain` (``explain``),
:mod:`~hipback.cli.class_report` (``class-report``); ``class-link`` lives with the hub
links in :mod:`hipback.serving.hub`.
"""

from hipback.cli.cohort_commands import CHUNK, MAX_CARDS, MAX_CASES, MAX_EVALUATE, PROGRESS_FROM
from hipback.cli.common import BAD_INPUT, OK, Progress, terminal_safe
from hipback.cli.explain import MAX_JSON_BYTES
from hipback.cli.main import SIGNAL_EXIT, build_parser, main

__all__ = [
    "BAD_INPUT",
    "CHUNK",
    "MAX_CARDS",
    "MAX_CASES",
    "MAX_EVALUATE",
    "MAX_JSON_BYTES",
    "OK",
    "PROGRESS_FROM",
    "SIGNAL_EXIT",
    "Progress",
    "build_parser",
    "main",
    "terminal_safe",
]
