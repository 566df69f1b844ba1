"""``hipback class-report``: what a class got right, per self-check question and objective.

The report itself is :mod:`hipback.teaching.class_report`; this module holds only the
subcommand's arguments (:func:`add_class_report_parser`) and its run.
"""

from __future__ import annotations

import argparse

from hipback.cli.common import OK, say
from hipback.errors import HipbackInputError
from hipback.reasoning import DISCLAIMER


def add_class_report_parser(sub: argparse._SubParsersAction) -> None:
    """``hipback class-report FILE... [--out FILE.html]`` or ``--key CLASS_CODE``."""
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


def run_class_report(args: argparse.Namespace) -> int:
    from hipback.teaching.class_report import answer_key_page, run

    if args.key:
        say(answer_key_page(args.key, args.out))
        return OK
    if not args.files:
        raise HipbackInputError("give the exported results files (or --key CLASS_CODE)")
    say(run(args.files, args.out))
    say(DISCLAIMER)
    return OK
