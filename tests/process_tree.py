"""Stop a server the tests started, with every process it started (kernels, proxies)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess

import psutil


def stop_process_tree(process: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM the process group (a clean shutdown), SIGKILL it after ``grace`` seconds,
    then kill any child left over: kernels run in sessions of their own, so they are noted
    before the server goes.
    """
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.Error:
        children = []
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(children, timeout=5)
