"""``hipback class-report``: what a class got right (self-checks, objectives, quiz cases).

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
        help="what a class got right: self-checks, objectives and the room's quiz cases",
        description="Read self-check exports and class-mode quiz results (files or folders such "
        "as class-results/2026-12-04) and print the tables; --out writes a page with charts.",
    )
    p.add_argument("files", nargs="*", metavar="PATH", help="results files or folders of them")
    p.add_argument("--out", metavar="FILE.html", help="also write the charts to this page")
    p.add_argument("--force", action="store_true", help="replace the --out file if it exists")
    p.add_argument(
        "--key",
        metavar="CLASS_CODE",
        help="print the self-check answer key for learners using this class code instead",
    )


def run_class_report(args: argparse.Namespace) -> int:
    from hipback.teaching.class_report import answer_key_page, run

    if args.key:
        say(answer_key_page(args.key, args.out, overwrite=args.force))
        return OK
    if not args.files:
        raise HipbackInputError("give the results files or the class folder (or --key CLASS_CODE)")
    say(run(args.files, args.out, overwrite=args.force))
    say(DISCLAIMER)
    return OK
