"""Class mode without a server: the password, the options, the count, the projector page."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from jupyter_server.auth import passwd_check

from hipback.reasoning import DISCLAIMER
from hipback.serving import classroom
from hipback.serving.voila_server import ServeOptions


def test_session_passwords_are_fresh_and_easy_to_type() -> None:
    passwords = {classroom.generate_password() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        assert all(c in classroom._PASSWORD_ALPHABET or c == "-" for c in password)


def test_the_server_gets_the_hash_never_the_password() -> None:
    options = classroom.ClassOptions(ServeOptions(port=9001), password="abcd-efgh-jkmn")
    argv = classroom.class_argv(options)
    assert not any("abcd-efgh-jkmn" in arg for arg in argv)
    hashed = next(a.split("=", 1)[1] for a in argv if "hashed_password" in a)
    assert passwd_check(hashed, "abcd-efgh-jkmn")
    assert not passwd_check(hashed, "abcd-efgh-jkmx")
    assert not any(a.startswith("--Voila.token") for a in argv)


@pytest.mark.parametrize("ip", ["0.0.0.0", "::"])
def test_listening_everywhere_is_refused(ip: str) -> None:
    with pytest.raises(ValueError, match="not allowed"):
        classroom.ClassOptions(ServeOptions(host=ip), password="abcd-efgh-jkmn")


def test_a_short_password_is_refused() -> None:
    with pytest.raises(ValueError, match="shorter than 8"):
        classroom.ClassOptions(ServeOptions(), password="short")


def test_defaults_are_loopback_and_forty_students() -> None:
    args = classroom.build_parser().parse_args([])
    options = classroom.options_from_args(args)
    assert options.serve.host == "127.0.0.1"
    assert options.serve.max_kernels == classroom.DEFAULT_CLASS_MAX_KERNELS == 40
    assert options.serve.preheat == 0
    assert options.results_dir.parent == Path("class-results")
    lan = classroom.options_from_args(classroom.build_parser().parse_args(["--ip", "10.0.0.7"]))
    assert lan.student_url == "http://10.0.0.7:8866/voila/render/index.ipynb"
    assert "10.0.0.7" in lan.serve.host_names
    # class mode keeps the session password itself; the Voilà server gets none of its own
    given = classroom.build_parser().parse_args(["--password", "abcd-efgh-jkmn", "--port", "9001"])
    with_password = classroom.options_from_args(given)
    assert with_password.password == "abcd-efgh-jkmn" and with_password.serve.password is None
    assert with_password.serve.port == 9001


class _FakeManager:
    max_kernels = 40

    def __init__(self, kernels: dict[str, int], pool: list[str], starting: int = 0) -> None:
        self.kernels = kernels
        loop = asyncio.new_event_loop()
        tasks = []
        for kernel_id in pool:
            future = loop.create_future()
            future.set_result({"kernel_id": kernel_id})
            tasks.append(future)
        tasks += [loop.create_future() for _ in range(starting)]
        self._pools = {"explorer.ipynb": tasks}
        self._pending_kernels = {f"pending-{i}": None for i in range(starting)}
        loop.close()

    def list_kernels(self) -> list[dict]:
        return [{"id": k, "connections": c} for k, c in self.kernels.items()]


def test_the_count_leaves_warm_kernels_out() -> None:
    manager = _FakeManager({"a": 1, "b": 0, "warm": 0}, pool=["warm"], starting=1)
    assert classroom.kernel_counts(manager) == {"pages": 2, "connected": 1, "max": 40}


def test_the_projector_page_refreshes_the_count_and_carries_the_disclaimer() -> None:
    options = classroom.ClassOptions(ServeOptions(host="10.0.0.7"), password="abcd-efgh-jkmn")
    html = classroom.projector_page_html(options)
    assert "http://10.0.0.7:8866/voila/render/index.ipynb" in html
    assert "abcd-efgh-jkmn" in html and DISCLAIMER in html
    assert classroom.COUNT_PATH in html and "setInterval(refresh,3000)" in html
    assert "<svg" in html and "http" + "s://" not in html  # offline: nothing fetched elsewhere
