"""Class mode: the code-free apps served to a room from the lecturer's laptop.

``make class`` (or ``python -m hipback.serving.classroom``) runs the kit's Voilà server
(:mod:`hipback.serving.voila_server`: Host check, XSRF, kernel cap, idle culling, clean
stop, offline template) with these additions for a class:

* **A session password** on every page. It is generated for the session (or given with
  ``--password``), printed, and checked by jupyter_server's own login: the server gets
  only its salted hash (:func:`jupyter_server.auth.passwd`, given to
  ``PasswordIdentityProvider.hashed_password``); pages ask for it on jupyter_server's
  login page and remember it in a signed cookie.
* **The address the lecturer chooses** (``--ip``). The default is loopback, so nothing is
  exposed by accident; to reach a room the lecturer passes the laptop's LAN address.
* **A projector page** (``/hipback/class``, behind the same password) with the address, the
  password, a QR code of the address (``segno``) and a live count of the students
  connected, refreshed every few seconds from ``/hipback/class/count``.
* **One kernel per student**, at most ``--max-kernels`` (default 40) at once; idle ones
  are culled as in ``make app``.
* **The room's quiz results** (``--results-dir``): the students' kernels run on this
  machine, and each is started with ``HIPBACK_PROGRESS_DIR`` naming that folder. The quiz
  app saves every answered case there as it is answered, one file per student session,
  under the name or nickname the student types (:mod:`hipback.teaching.quiz_results`).
  Every kernel also gets ``HIPBACK_CLASS_SEED`` (``--quiz-seed``; a new one per session),
  so the whole room answers the same cases and the results can be compared per case.
  The projector page shows the results live (students who answered, % right per case,
  from ``/hipback/class/results``) and links the full report (``/hipback/class/report``,
  the page of ``hipback class-report FOLDER``).
* **Case files** (``--cases-dir``, given to the kernels as ``HIPBACK_CASES_DIR``): the
  folder "Write a case" saves to and the projector app opens ``?file=NAME.json`` from.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import secrets
import sys
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path
from typing import Any

from hipback.serving import voila_server as vs
from hipback.teaching import quiz_results

#: Where the projector page and the count are served (behind the password).
PROJECTOR_PATH = "/hipback/class"
COUNT_PATH = "/hipback/class/count"
RESULTS_PATH = "/hipback/class/results"
REPORT_PATH = "/hipback/class/report"
#: Environment variable naming the folder where the apps' kernels save quiz progress.
PROGRESS_DIR_ENV = quiz_results.PROGRESS_DIR_ENV
#: Environment variable with the room's quiz seed (the same cases for everyone).
CLASS_SEED_ENV = quiz_results.CLASS_SEED_ENV
#: Environment variable naming the folder of case files (projector, "Write a case").
CASES_DIR_ENV = "HIPBACK_CASES_DIR"
PROJECTOR_APP, WRITE_CASE_APP = vs.LECTURER_APPS

DEFAULT_CLASS_MAX_KERNELS = 40
#: Seconds between two refreshes of the count on the projector page.
COUNT_REFRESH_SECONDS = 3

# No 0/o, 1/l/i: easy to read off a projector and type on a phone.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def generate_password(groups: int = 3, size: int = 4) -> str:
    """A fresh session password, e.g. ``"k7qm-2xpa-w9re"`` (about 59 bits for the default).

    Examples
    --------
    >>> len(generate_password()), generate_password().count("-")
    (14, 2)
    """
    return "-".join(
        "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(size)) for _ in range(groups)
    )


def hash_password(password: str) -> str:
    """jupyter_server's salted hash of ``password`` (what the server is given, not the text)."""
    from jupyter_server.auth import passwd

    return passwd(password)


def default_results_dir(root: Path = Path("class-results")) -> Path:
    """Today's class folder, e.g. ``class-results/2026-12-04``."""
    return root / _dt.date.today().isoformat()


@dataclass(frozen=True)
class ClassOptions:
    """Class mode: how the apps are served (:class:`ServeOptions`) plus the session's own.

    Attributes
    ----------
    serve : ServeOptions
        Address, port, kernel cap, culling. Its ``password`` is not used; see below.
    password : str
        The session password students type (printed and shown on the projector page).
    results_dir : Path
        The class folder the apps' kernels save quiz progress to.
    cases_dir : Path
        The folder "Write a case" saves to and the projector app opens case files from.
    quiz_seed : int or None
        The seed of the room's quiz: everyone answers the same cases (None: each student
        gets their own, and the report cannot compare cases across the room).
    """

    serve: vs.ServeOptions
    password: str = field(repr=False)
    results_dir: Path = Path("class-results")
    cases_dir: Path = Path("cases")
    quiz_seed: int | None = None

    def __post_init__(self) -> None:
        if len(self.password) < 8:
            raise ValueError("password: shorter than 8 characters is not allowed")
        if self.quiz_seed is not None and (
            isinstance(self.quiz_seed, bool)
            or not isinstance(self.quiz_seed, int)
            or not 0 <= self.quiz_seed < 10**9
        ):
            raise ValueError(
                f"quiz_seed: {self.quiz_seed!r} is not allowed; allowed: a whole number "
                "from 0 to 999999999, or none (each student gets their own cases)"
            )
        if self.serve.host in ("0.0.0.0", "::", ""):
            raise ValueError(
                f"ip: {self.serve.host!r} is not allowed (it would listen everywhere and show "
                "no address to the class); allowed: one address of this machine, e.g. its "
                "LAN address such as 192.168.1.20"
            )

    @property
    def student_url(self) -> str:
        """The address students open (the landing page, which links the apps)."""
        return vs.app_url(self.serve.base_url, vs.LANDING)

    @property
    def projector_url(self) -> str:
        """The lecturer's projector page."""
        return self.serve.base_url + PROJECTOR_PATH


def class_argv(options: ClassOptions) -> list[str]:
    """Voilà's configuration for class mode: the app server's, with the password's hash.

    Examples
    --------
    >>> opts = ClassOptions(vs.ServeOptions(port=9000), password="abcd-efgh-jkmn")
    >>> argv = class_argv(opts)
    >>> any(a.startswith("--PasswordIdentityProvider.hashed_password=argon2:") for a in argv)
    True
    >>> any("abcd-efgh-jkmn" in a for a in argv)
    False
    """
    serve = replace(options.serve, password=None)
    return [
        *vs.voila_argv(serve),
        f"--PasswordIdentityProvider.hashed_password={hash_password(options.password)}",
        # jupyter_server's login page asks for the password (there is no token).
        "--PasswordIdentityProvider.allow_password_change=False",
    ]


def qr_svg(data: str, scale: int = 8) -> str:
    """An inline SVG QR code of ``data`` (``segno``), with a quiet zone and a title."""
    import segno

    return segno.make(data, error="m", micro=False).svg_inline(
        scale=scale, title=f"QR code: {data}", dark="#000", light="#fff"
    )


def results_summary(options: ClassOptions) -> dict[str, Any]:
    """The room's quiz results now (what ``/hipback/class/results`` sends)."""
    from hipback.teaching.class_report import live_summary

    return live_summary(options.results_dir)


def _results_rows_html(summary: dict[str, Any]) -> str:
    return "".join(
        f"<tr><th scope='row'>{escape(c['case'])}</th><td>{escape(c['truth'])}</td>"
        f"<td>{c['answered']}</td><td>{c['percent']}%</td></tr>"
        for c in summary["cases"]
    )


def _skipped_text(summary: dict[str, Any]) -> str:
    n = len(summary["skipped"])
    return f"{n} file(s) in the folder could not be read: see the full report." if n else ""


def results_html(options: ClassOptions, summary: dict[str, Any] | None = None) -> str:
    """The projector page's quiz section (filled in now; the page's script refreshes it)."""
    summary = results_summary(options) if summary is None else summary
    return (
        "<h2>Quiz results so far</h2>"
        f"<p><span id='quiz-students' class='num'>{summary['students']}</span> "
        "students have answered "
        f"<span id='quiz-answers' class='num'>{summary['answers']}</span> quiz cases.</p>"
        "<table id='quiz-cases'><thead><tr><th scope='col'>Case</th>"
        "<th scope='col'>True driver</th><th scope='col'>Answered</th>"
        "<th scope='col'>Right</th></tr></thead>"
        f"<tbody>{_results_rows_html(summary)}</tbody></table>"
        f"<p id='quiz-skipped' role='status'>{escape(_skipped_text(summary))}</p>"
        f"<p><a id='quiz-report' href='{escape(REPORT_PATH)}'>Full report</a> "
        "(per case, confusion, hardest cases, per student; names are shown there, not "
        "here). In a terminal: "
        f"<code>{escape(summary['report'])}</code></p>"
    )


_RESULTS_SCRIPT = (
    "async function refreshQuiz(){try{"
    "const r=await fetch(%r,{credentials:'same-origin',cache:'no-store'});"
    "if(!r.ok)throw new Error(r.status);const d=await r.json();"
    "document.getElementById('quiz-students').textContent=d.students;"
    "document.getElementById('quiz-answers').textContent=d.answers;"
    "const body=document.querySelector('#quiz-cases tbody');body.replaceChildren();"
    "for(const c of d.cases){const tr=document.createElement('tr');"
    "const th=document.createElement('th');th.scope='row';th.textContent=c.case;"
    "tr.append(th);for(const v of [c.truth,c.answered,c.percent+'%%']){"
    "const td=document.createElement('td');td.textContent=v;tr.append(td);}"
    "body.append(tr);}"
    "const n=d.skipped.length;document.getElementById('quiz-skipped').textContent="
    "n?n+' file(s) in the folder could not be read: see the full report.':'';"
    "}catch(e){document.getElementById('quiz-skipped').textContent="
    "'(quiz results unavailable)';}}"
)


def projector_page_html(
    options: ClassOptions,
    count_url: str = COUNT_PATH,
    results_url: str = RESULTS_PATH,
    summary: dict[str, Any] | None = None,
) -> str:
    """The projector page: address, password, QR code, the live count of students and the
    room's quiz results so far."""
    from hipback.reasoning import DISCLAIMER

    url = options.student_url
    cap = options.serve.max_kernels
    cap_text = f" of at most {cap}" if cap else ""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>hipback class</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;"
        "padding:0 1em;color:#1a1a1a;line-height:1.4}"
        ".big{font-size:2.2em;font-weight:600;word-break:break-all}"
        ".pw{font-family:ui-monospace,monospace;letter-spacing:.08em}"
        ".grid{display:flex;gap:2em;flex-wrap:wrap;align-items:center}"
        "#count{font-size:3em;font-weight:700}.num{font-size:1.6em;font-weight:700}"
        "#quiz-cases td,#quiz-cases th{padding:2px 10px;text-align:left}</style></head><body>"
        "<h1>Join the class</h1><div class='grid'><div>"
        "<p>1. Connect to the same network as this computer.<br>"
        "2. Open this address (or scan the code):</p>"
        f"<p class='big' id='class-address'>{escape(url)}</p>"
        "<p>3. Type the password:</p>"
        f"<p class='big pw' id='class-password'>{escape(options.password)}</p></div>"
        f"<div id='class-qr'>{qr_svg(url)}</div></div>"
        "<h2>Connected now</h2>"
        f"<p><span id='count' aria-live='polite'>…</span> <span id='count-label'>students"
        f"</span>{escape(cap_text)} <small id='count-status'></small></p>"
        + results_html(options, summary)
        + f"<p class='hipback-disclaimer'><small><i>{escape(DISCLAIMER)}</i></small></p>"
        "<script>"
        "async function refresh(){try{"
        f"const r=await fetch({count_url!r},{{credentials:'same-origin',cache:'no-store'}});"
        "if(!r.ok)throw new Error(r.status);const d=await r.json();"
        "document.getElementById('count').textContent=d.connected;"
        "document.getElementById('count-label').textContent=d.connected===1?'student':'students';"
        "document.getElementById('count-status').textContent='('+d.pages+' app pages open)';"
        "}catch(e){document.getElementById('count-status').textContent='(count unavailable)';}}"
        f"refresh();setInterval(refresh,{COUNT_REFRESH_SECONDS * 1000});"
        + _RESULTS_SCRIPT
        % results_url
        + f"setInterval(refreshQuiz,{COUNT_REFRESH_SECONDS * 1000});"
        "</script></body></html>"
    )


def kernel_counts(kernel_manager: Any) -> dict[str, int]:
    """What the projector page shows.

    ``pages``: students' kernels, running or starting (a kernel waiting in Voilà's preheated
    pool is nobody's yet and not counted); ``connected``: those whose page holds an open
    websocket to it; ``max``: the cap.
    """
    models = kernel_manager.list_kernels()
    pending = set(getattr(kernel_manager, "_pending_kernels", {}))
    pool_ids: set[str] = set()
    pool_starting = 0
    for pool in getattr(kernel_manager, "_pools", {}).values():
        for task in pool:
            if task.done() and not task.cancelled() and task.exception() is None:
                pool_ids.add(task.result().get("kernel_id"))
            elif not task.done():
                pool_starting += 1
    ids = ({m["id"] for m in models} | pending) - pool_ids
    connected = sum(1 for m in models if m["id"] in ids and m.get("connections", 0) > 0)
    return {
        "pages": max(len(ids) - pool_starting, 0),
        "connected": connected,
        "max": getattr(kernel_manager, "max_kernels", 0),
    }


def _classroom_voila_class(options: ClassOptions) -> type:
    import json

    import tornado.web
    from jupyter_server.base.handlers import APIHandler, JupyterHandler

    hipback_voila, _ = vs._voila_classes()

    class ProjectorHandler(JupyterHandler):
        """The lecturer's projector page (behind the session password)."""

        @tornado.web.authenticated
        def get(self) -> None:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(projector_page_html(options))

    class CountHandler(APIHandler):
        """How many students are connected now (JSON)."""

        @tornado.web.authenticated
        def get(self) -> None:
            self.set_header("Cache-Control", "no-store")
            self.finish(json.dumps(kernel_counts(self.kernel_manager)))

    class ResultsHandler(APIHandler):
        """The room's quiz results so far (JSON, no names)."""

        @tornado.web.authenticated
        def get(self) -> None:
            self.set_header("Cache-Control", "no-store")
            self.finish(json.dumps(results_summary(options)))

    class ReportHandler(JupyterHandler):
        """The full class report as a page (what ``hipback class-report --out`` writes)."""

        @tornado.web.authenticated
        def get(self) -> None:
            from hipback.teaching.class_report import read_folder, report_html

            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(report_html(read_folder(options.results_dir)))

    class ClassroomVoila(hipback_voila):
        """The kit's Voilà with the projector page and the count."""

        name = "hipback-class"

        def init_handlers(self) -> list:
            return [
                (PROJECTOR_PATH, ProjectorHandler),
                (COUNT_PATH, CountHandler),
                (RESULTS_PATH, ResultsHandler),
                (REPORT_PATH, ReportHandler),
                *super().init_handlers(),
            ]

    return ClassroomVoila


def print_class_addresses(options: ClassOptions) -> None:
    """What the lecturer reads in the terminal."""
    serve = options.serve
    print("hipback class mode (educational use only, not medical advice)")
    print(f"  students open:   {options.student_url}")
    print(f"  password:        {options.password}")
    print(f"  projector page:  {options.projector_url}   (same password)")
    print(f"  case step by step: {vs.app_url(serve.base_url, PROJECTOR_APP)}?case=borderline")
    print(f"  write a case:    {vs.app_url(serve.base_url, WRITE_CASE_APP)}")
    print(f"  case files in:   {options.cases_dir.resolve()}")
    print(f"  quiz results in: {options.results_dir.resolve()}")
    seed = options.quiz_seed
    print(
        f"  quiz:            everyone gets the cases of seed {seed}"
        if seed is not None
        else "  quiz:            each student gets their own cases"
    )
    print(f"  class report:    hipback class-report {options.results_dir.resolve()}")
    limit = f"at most {serve.max_kernels} students at once" if serve.max_kernels else "no cap"
    cull = (
        f"idle pages closed after {serve.cull_idle_timeout // 60} min"
        if serve.cull_idle_timeout
        else "idle pages kept"
    )
    print(f"  ({limit}; {cull})")
    if serve.host in vs.LOOPBACK_HOSTS or serve.host == "::1":
        print(
            "  Only this computer can connect. For the room, restart with this computer's "
            "LAN address, e.g. make class CLASS_ARGS='--ip 192.168.1.20'."
        )
    print("Stop with Ctrl+C.", flush=True)


def serve_class(options: ClassOptions) -> int:
    """Serve the apps to a class until stopped; 0, or 1 when the apps are missing."""
    serve = options.serve
    apps_dir = serve.apps_dir.resolve()
    missing = [n for n in (vs.LANDING, *vs.APPS.values()) if not (apps_dir / n).is_file()]
    if missing:
        print(f"hipback class: missing in {apps_dir}: {', '.join(missing)}", file=sys.stderr)
        return 1
    if serve.stop_with_parent:
        vs.stop_with_parent()
    results_dir = options.results_dir.resolve()
    results_dir.mkdir(parents=True, exist_ok=True)
    # Every kernel (one per student page) inherits it: the quiz saves progress there.
    os.environ[PROGRESS_DIR_ENV] = str(results_dir)
    if options.quiz_seed is None:
        os.environ.pop(CLASS_SEED_ENV, None)
    else:  # the whole room answers the same cases
        os.environ[CLASS_SEED_ENV] = str(options.quiz_seed)
    cases_dir = options.cases_dir.resolve()
    os.environ[CASES_DIR_ENV] = str(cases_dir)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(vs.DATA_DIR), os.environ.get("JUPYTER_PATH", "")) if p
    )
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    options = replace(
        options,
        serve=replace(serve, apps_dir=apps_dir),
        results_dir=results_dir,
        cases_dir=cases_dir,
    )
    os.chdir(apps_dir)
    print_class_addresses(options)
    app = _classroom_voila_class(options)()
    app.initialize(class_argv(options))
    app.start()
    return 0


def _quiz_seed(text: str) -> int | str | None:
    """``--quiz-seed``: a whole number, ``new`` (drawn now) or ``off``."""
    text = text.strip().lower()
    if text in ("new", "off"):
        return None if text == "off" else "new"
    if text.isdigit() and int(text) < 10**9:
        return int(text)
    raise argparse.ArgumentTypeError(
        f"{text!r} is not allowed; allowed: a whole number from 0 to 999999999, 'new' or 'off'"
    )


def build_parser() -> argparse.ArgumentParser:
    """Options of ``python -m hipback.serving.classroom`` (and ``make class``)."""
    parser = argparse.ArgumentParser(
        prog="python -m hipback.serving.classroom",
        description="Serve the code-free apps to a class, behind a session password.",
    )
    defaults = vs.ServeOptions()
    parser.add_argument(
        "--ip",
        default=defaults.host,
        help="address to listen on: this computer's LAN address for a room "
        "(default: 127.0.0.1, this computer only)",
    )
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument("--apps-dir", type=Path, default=Path("apps"))
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        dest="allowed_hosts",
        help="another Host name students reach the server at (repeatable)",
    )
    parser.add_argument(
        "--max-kernels",
        type=int,
        default=DEFAULT_CLASS_MAX_KERNELS,
        help=f"most students (app pages) at once (default {DEFAULT_CLASS_MAX_KERNELS})",
    )
    parser.add_argument(
        "--cull-idle-timeout",
        type=int,
        default=defaults.cull_idle_timeout,
        help="seconds before an idle page's kernel is shut down (0: never)",
    )
    parser.add_argument("--cull-interval", type=int, default=defaults.cull_interval)
    parser.add_argument(
        "--preheat",
        type=int,
        default=0,
        help="kernels per app started before anyone asks (default 0 in class mode: every "
        "kernel is then a student's, and the cap counts students exactly)",
    )
    parser.add_argument(
        "--password", default=None, help="the session password (default: a new one is made)"
    )
    parser.add_argument(
        "--results-dir",
        type=Path,
        default=None,
        help="folder for the class's quiz results (default: class-results/<today>)",
    )
    parser.add_argument(
        "--cases-dir",
        type=Path,
        default=Path("cases"),
        help="folder of case files for the projector and Write a case (default: cases)",
    )
    parser.add_argument(
        "--quiz-seed",
        type=_quiz_seed,
        default="new",
        help="seed of the room's quiz: everyone answers the same cases, so the report can "
        "compare them (default: a new seed each session; 'off': each student gets their own)",
    )
    parser.add_argument("--show-tracebacks", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--stop-with-parent", action="store_true", help=argparse.SUPPRESS)
    return parser


def options_from_args(args: argparse.Namespace) -> ClassOptions:
    """:class:`ClassOptions` from :func:`build_parser` arguments (raises ``ValueError``)."""
    serve = vs.options_from_args(args, args.apps_dir, host=args.ip, password=None)
    return ClassOptions(
        serve=serve,
        password=args.password or generate_password(),
        results_dir=args.results_dir or default_results_dir(),
        cases_dir=args.cases_dir,
        quiz_seed=secrets.randbelow(1_000_000) if args.quiz_seed == "new" else args.quiz_seed,
    )


def main(argv: list[str] | None = None) -> int:
    """Parse the options and serve the class until stopped."""
    args = build_parser().parse_args(argv)
    try:
        options = options_from_args(args)
    except ValueError as exc:
        print(f"hipback class: {exc}", file=sys.stderr)
        return 2
    return serve_class(options)


if __name__ == "__main__":
    sys.exit(main())
