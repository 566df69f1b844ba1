"""Class mode on 127.0.0.1: the password guards every page, the projector page shows the
address, the password and a QR code of the address, the kernel cap holds, the count
of students goes up when a student's page opens, and a student's quiz answer reaches the
class folder and the lecturer's page.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import segno
from browser_support import (
    REPO,
    BrowserPage,
    ConsoleLog,
    JupyterServer,
    _start,
    keep_on_loopback,
    running,
    wait_until_shown,
)

from hipback.reasoning import DISCLAIMER
from hipback.serving import classroom

pytestmark = pytest.mark.browser

APPS = REPO / "apps"
PASSWORD = "test-pass-word"
_KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Client:
    """A cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        try:
            with self.opener.open(req, timeout=90) as response:
                return response.status, response.read().decode("utf-8", "replace"), ""
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8", "replace"), err.headers.get("Location", "")

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")

    def log_in(self, password: str) -> int:
        status, _, _ = self.request("/login")
        assert status == 200
        status, _, _ = self.request("/login", {"password": password, "_xsrf": self.cookie("_xsrf")})
        return status


#: The module server's kernel cap.
CAP = 4


def start_class(max_kernels: int = 3) -> JupyterServer:
    home = Path(tempfile.mkdtemp(prefix="hipback-class-home-"))

    def argv(port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "hipback.serving.classroom",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--apps-dir={APPS}",
            f"--password={PASSWORD}",
            f"--max-kernels={max_kernels}",
            f"--results-dir={home / 'results'}",
            f"--cases-dir={home / 'cases'}",
            "--show-tracebacks",
        ]

    return _start("Class", argv, home, APPS, "/login", 60.0)


@pytest.fixture(scope="module")
def server() -> Iterator[JupyterServer]:
    # Room for the cap test's pages and, after it, one page per browser test: a closed
    # page's kernel may still be shutting down when the next test opens its own.
    with running(start_class(max_kernels=CAP)) as started:
        yield started


def _logged_in(server: JupyterServer) -> Client:
    client = Client(server.url)
    assert client.log_in(PASSWORD) == 302, server.log_tail()
    return client


def _count(client: Client) -> dict[str, int]:
    status, body, _ = client.request(classroom.COUNT_PATH)
    assert status == 200, body
    return json.loads(body)


def _open_page(client: Client, notebook: str = "index.ipynb") -> str:
    status, body, _ = client.request(f"/voila/render/{notebook}")
    assert status == 200, body[:500]
    match = _KERNEL_ID.search(body)
    assert match, "no kernel id in the page"
    return match.group(1)


def _shut_down(client: Client, kernel_ids: list[str]) -> None:
    """What the page's close beacon does, for pages opened without a browser."""
    for kernel_id in kernel_ids:
        status, _, _ = client.request(
            f"/voila/api/shutdown/{kernel_id}", {"_xsrf": client.cookie("_xsrf")}
        )
        assert status in (200, 204, 404), status


# --- the password --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/voila/render/index.ipynb",
        "/voila/render/explorer.ipynb",
        "/voila/render/quiz.ipynb",
        classroom.PROJECTOR_PATH,
        classroom.COUNT_PATH,
        classroom.RESULTS_PATH,
        classroom.REPORT_PATH,
        "/",
    ],
)
def test_pages_refuse_without_the_password(server: JupyterServer, path: str) -> None:
    status, body, location = Client(server.url).request(path)
    assert status in (302, 403), f"{path} answered {status} without the password"
    if status == 302:
        assert "/login" in location
    assert PASSWORD not in body and "kernelId" not in body


def test_a_wrong_password_is_refused(server: JupyterServer) -> None:
    client = Client(server.url)
    client.log_in("not-the-password")
    status, _, location = client.request("/voila/render/index.ipynb")
    assert status == 302 and "/login" in location


def test_pages_work_with_the_password(server: JupyterServer) -> None:
    client = _logged_in(server)
    kernel_id = _open_page(client)
    assert _count(client)["pages"] == 1
    _shut_down(client, [kernel_id])
    assert _count(client)["pages"] == 0


# --- the projector page --------------------------------------------------------------------


def _qr_matrix_from_svg(svg: str) -> set[tuple[int, int]]:
    """The dark modules drawn by segno's SVG path (runs of ``h`` strokes, ``m`` moves)."""
    path = re.search(r'<path[^>]*class="qrline"[^>]*\sd="([^"]+)"', svg)
    assert path, "no path in the QR SVG"
    x = y = 0.0
    dark: set[tuple[int, int]] = set()
    for cmd, a, b in re.findall(r"([MmHhVv])\s*(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path.group(1)):
        if cmd == "M":
            x, y = float(a), float(b)
        elif cmd == "m":
            x, y = x + float(a), y + float(b)
        elif cmd == "h":
            n = float(a)
            start, end = sorted((x, x + n))
            dark.update((int(col), int(y)) for col in range(int(start), int(end)))
            x += n
        else:  # pragma: no cover - segno draws rows only
            raise AssertionError(f"unexpected path command {cmd}")
    return dark


def _qr_modules(data: str) -> set[tuple[int, int]]:
    code = segno.make(data, error="m", micro=False)
    return {
        (col + 4, row + 4)  # segno's default quiet zone: 4 modules
        for row, line in enumerate(code.matrix)
        for col, value in enumerate(line)
        if value
    }


def test_the_projector_page_shows_address_password_and_a_qr_code_of_the_address(
    server: JupyterServer,
) -> None:
    client = _logged_in(server)
    status, html, _ = client.request(classroom.PROJECTOR_PATH)
    assert status == 200
    address = f"{server.url}/voila/render/index.ipynb"
    assert f"id='class-address'>{address}<" in html
    assert f">{PASSWORD}<" in html
    assert DISCLAIMER in html
    svg = re.search(r"<div id='class-qr'>(<svg.*?</svg>)</div>", html, re.S)
    assert svg, "no QR code on the projector page"
    drawn = _qr_matrix_from_svg(svg.group(1))
    assert drawn == _qr_modules(address), "the QR code does not encode the address"
    assert drawn != _qr_modules(address + "x")


# --- the cap and the count -----------------------------------------------------------------


def test_the_kernel_cap_is_enforced(server: JupyterServer) -> None:
    client = _logged_in(server)
    opened = [_open_page(client) for _ in range(CAP)]
    assert _count(client) == {"pages": CAP, "connected": 0, "max": CAP}
    status, body, _ = client.request("/voila/render/index.ipynb")
    assert status == 503 and "All places are taken" in body
    assert _count(client)["pages"] == CAP
    _shut_down(client, opened)


def test_the_count_goes_up_when_a_student_page_opens(server: JupyterServer, chromium) -> None:
    client = _logged_in(server)
    assert _count(client)["pages"] == 0
    context = chromium.new_context()
    keep_on_loopback(context)
    try:
        lecturer = _log_in_page(context, server, classroom.PROJECTOR_PATH)
        lecturer.wait_for_selector("#class-qr svg")
        lecturer.wait_for_function("document.getElementById('count').textContent === '0'")
        student = context.new_page()
        student.goto(f"{server.url}/voila/render/index.ipynb")
        lecturer.wait_for_function(
            "document.getElementById('count').textContent === '1'", timeout=60_000
        )
        assert _count(client)["connected"] == 1
        student.close(run_before_unload=True)
    finally:
        context.close()


def test_a_quiz_answer_reaches_the_lecturer_s_page(server: JupyterServer, chromium) -> None:
    from hipback.teaching.quiz_results import read_quiz_file

    client = _logged_in(server)
    results = server.home / "results"
    context = chromium.new_context()
    keep_on_loopback(context)
    try:
        lecturer = _log_in_page(context, server, classroom.PROJECTOR_PATH)
        answers = lecturer.locator("#quiz-answers")
        answers.wait_for()
        before = int(answers.inner_text())
        student = context.new_page()
        console = ConsoleLog()
        console.attach(student)
        before_opening = _count(client)
        student.goto(f"{server.url}/voila/render/quiz.ipynb?difficulty=easy")
        quiz = student.locator(".hipback-quiz")
        try:
            wait_until_shown(BrowserPage(student, console), quiz, server, reloads=1)
        except AssertionError as exc:
            raise AssertionError(f"page count before opening it: {before_opening}\n{exc}") from None
        name = quiz.get_by_label("Your name or nickname (optional):")
        name.fill("Robin")
        name.press("Enter")
        quiz.get_by_role("button", name="Spine", exact=True).click()
        quiz.get_by_role("button", name="Submit answer").click()
        student.locator(".hipback-quiz-feedback").wait_for(state="visible", timeout=10_000)
        lecturer.wait_for_function(
            f"document.getElementById('quiz-answers').textContent === '{before + 1}'",
            timeout=15_000,
        )
        assert lecturer.locator("#quiz-cases tbody tr").count() >= 1
        status, body, _ = client.request(classroom.RESULTS_PATH)
        assert status == 200 and json.loads(body)["answers"] == before + 1
        saved = [read_quiz_file(p) for p in results.glob("quiz-*.json")]
        (robin,) = [f for f in saved if f.learner == "Robin"]
        (answer,) = [r.answer for r in robin.results]
        assert answer.label == "spine" and answer.difficulty == "easy"
        status, report, _ = client.request(classroom.REPORT_PATH)
        assert status == 200 and "Robin" in report
        student.close(run_before_unload=True)
    finally:
        context.close()


def test_the_class_server_tells_the_apps_where_case_files_live() -> None:
    from hipback.widgets.case_files import CASES_DIR_ENV

    assert classroom.CASES_DIR_ENV == CASES_DIR_ENV


# --- projector mode and "write a case" in the page ------------------------------------------


def _log_in_page(context: Any, server: JupyterServer, next_path: str) -> Any:
    page = context.new_page()
    page.goto(f"{server.url}/login?next={urllib.parse.quote(next_path)}")
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    return page


def test_projector_app_reveals_findings_one_at_a_time(server: JupyterServer, chromium) -> None:
    from hipback.teaching.lessons import TEACHING_CASES
    from hipback.widgets.projector import reveal_steps

    steps = reveal_steps(TEACHING_CASES["hip_driven"])
    total = len(steps) - 1
    context = chromium.new_context()
    keep_on_loopback(context)
    try:
        page = _log_in_page(context, server, "/voila/render/projector.ipynb?case=hip_driven")
        page.wait_for_selector(f"text=Findings shown: 0 of {total}", timeout=240_000)
        assert page.locator(f"text={DISCLAIMER}").count() >= 1
        page.click("button:has-text('Next finding')")
        page.wait_for_selector(f"text=Findings shown: 1 of {total}", timeout=60_000)
        page.wait_for_selector(f"li:has-text('{steps[1].text}')")
        page.close(run_before_unload=True)
    finally:
        context.close()


def test_write_a_case_saves_it_for_the_projector(server: JupyterServer, chromium) -> None:
    cases = server.home / "cases"
    context = chromium.new_context()
    keep_on_loopback(context)
    try:
        page = _log_in_page(context, server, "/voila/render/write_case.ipynb")
        page.wait_for_selector("text=The kit's reasoning for this case", timeout=240_000)
        page.fill("input[placeholder^='e.g. Groin pain']", "Browser case")
        row = page.locator(".widget-toggle-buttons", has_text="Pain in the groin").first
        row.get_by_role("button", name="Yes", exact=True).click()
        page.click("button:has-text('Save case')")
        page.wait_for_selector("text=Saved in", timeout=60_000)
        record = json.loads((cases / "browser-case.json").read_text())
        assert record["name"] == "Browser case" and record["case"]["pain_groin"] is True
        assert (cases / "browser-case.html").is_file()
        assert (cases / "browser-case-answers.html").is_file()
        page.close(run_before_unload=True)
    finally:
        context.close()
