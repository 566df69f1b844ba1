"""``hipback explain``: one case's reasoning, red flags and plan, from a JSON file or a CSV row.

Every way the input file can be bad (unreadable, too large, not UTF-8, not JSON, not an
object, unknown fields) is one clear input error naming it (:func:`read_json`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from hipback.cli.common import OK, non_negative_int, say
from hipback.errors import HipbackInputError
from hipback.reasoning import DISCLAIMER

#: Largest JSON case file ``explain`` reads (a case record is well under 10 kB).
MAX_JSON_BYTES = 1_000_000


def add_explain_parser(sub: argparse._SubParsersAction) -> None:
    """``hipback explain CASE.json`` (a case record, or a case file from "Write a case") or
    ``hipback explain --csv FILE --row N``."""
    p = sub.add_parser(
        "explain",
        help="explain one case: reasoning, red flags and plan",
        description="Print the reasoning, red flags and management plan for one "
        "case, read from a JSON file of case-record fields, a case file saved by 'Write a "
        "case', or a row of a CSV.",
    )
    p.add_argument(
        "json_file",
        nargs="?",
        metavar="CASE.json",
        help='JSON object of case-record fields, e.g. {"age": 67, "pain_groin": true}, '
        "or a case file saved by 'Write a case'",
    )
    p.add_argument("--csv", metavar="FILE", help="CSV of cases (as written by 'hipback cases')")
    p.add_argument(
        "--row",
        type=non_negative_int,
        default=None,
        help="which case of the CSV, counting from 1 (default 1)",
    )
    p.add_argument("--no-vignette", action="store_true", help="do not print the narrative")


def read_json(name: str) -> object:
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


def run_explain(args: argparse.Namespace) -> int:
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
        data = read_json(args.json_file)
        if not isinstance(data, dict):
            raise HipbackInputError(
                f"{args.json_file}: holds a {type(data).__name__}; allowed: a JSON object of "
                "case-record fields"
            )
        if "format" in data:  # not a field: a case file saved by "Write a case"
            # Imported here: the widgets package loads ipywidgets, which plain records skip.
            from hipback.widgets.case_files import read_case_file

            name, case = read_case_file(args.json_file)
            title = f"{name} (case file {args.json_file})"
        else:
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
    say(title)
    say("=" * len(title))
    if not args.no_vignette:
        say(vignette(case))
        say("")
    say("Reasoning")
    say("---------")
    say(str(result))
    say("")
    say("Red flags")
    say("---------")
    if result.red_flag_actions:
        for flag in result.red_flag_actions:
            say(f"! [{flag.level}] {flag.label}: {flag.condition}. {flag.action}")
    else:
        say("None present.")
    say("")
    say("Plan")
    say("----")
    plan_text = str(plan)
    say(plan_text)
    if DISCLAIMER not in plan_text:
        say(DISCLAIMER)
    return OK
