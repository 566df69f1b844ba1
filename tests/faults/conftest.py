"""Fixtures for the fault-injection tests (helpers in fault_support.py)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest
from fault_support import FullDisk, _mount_tmpfs, _umount


@pytest.fixture
def full_disk(tmp_path, monkeypatch):
    """A :class:`FullDisk` (a real small tmpfs when possible)."""
    folder = tmp_path / "disk"
    real = _mount_tmpfs(folder)
    folder.mkdir(exist_ok=True)
    try:
        yield FullDisk(folder, real, monkeypatch)
    finally:
        monkeypatch.undo()
        if real:
            _umount(folder)


@pytest.fixture
def read_only(tmp_path):
    """A function: ``read_only({"name": "text"})`` -> a read-only folder holding those files."""
    folder = tmp_path / "ro"
    mounted = _mount_tmpfs(folder, "1m")
    folder.mkdir(exist_ok=True)

    def make(files: dict[str, str]) -> Path:
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        elif os.geteuid() != 0:
            folder.chmod(0o555)
        else:  # pragma: no cover - root without mount: cannot make a read-only folder
            pytest.skip("cannot make a read-only folder here (root without mount)")
        return folder

    try:
        yield make
    finally:
        with contextlib.suppress(OSError):
            folder.chmod(0o755)
        if mounted:
            _umount(folder)
