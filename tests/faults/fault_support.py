"""Fault injection helpers (for conftest.py and the tests).

A full file system, a read-only folder, a command run to a set point.

A full disk is a real one where the tests can make it (a 64 kB tmpfs mounted as root);
elsewhere the low-level ``os.write`` is patched to raise ``ENOSPC`` for files in the
folder. A read-only folder is a tmpfs remounted read-only (root ignores permission
bits), or ``chmod 555`` for other users.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _mount_tmpfs(folder: Path, size: str = "64k") -> bool:
    if os.geteuid() != 0 or sys.platform != "linux":
        return False
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(folder)],
        capture_output=True,
    )
    return done.returncode == 0


def _umount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fd_path(fd: int) -> str:
    """The path of an open file descriptor ("" when it cannot be told)."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


class FullDisk:
    """A folder whose file system fills up when :meth:`fill` is called."""

    def __init__(self, folder: Path, real: bool, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder, self.real, self._mp = folder, real, monkeypatch

    def fill(self) -> None:
        if self.real:
            fd = os.open(self.folder / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
            try:
                for size in (16384, 4096, 512, 1):
                    with contextlib.suppress(OSError):
                        while True:
                            os.write(fd, b"x" * size)
            finally:
                os.close(fd)
            return
        real_write = os.write
        folder = str(self.folder.resolve())

        def write(fd: int, data: bytes) -> int:
            if fd_path(fd).startswith(folder):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real_write(fd, data)

        self._mp.setattr(os, "write", write)


def run_python(code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter (the kit importable), capturing its output."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd,
        timeout=180, env=env,
    )  # fmt: skip
