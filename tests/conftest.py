"""Shared test settings."""

import signal
from collections.abc import Iterator

import pytest
from comm_recorder import Recorder, RecordingComm
from hypothesis import HealthCheck, settings

# Property tests run a fixed, modest number of examples so that `make test` stays fast and
# deterministic across machines.
settings.register_profile(
    "hipback",
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("hipback")

# Several tests send SIGINT (Ctrl-C) to programs they start and check they stop cleanly. A
# suite started as a background job of a non-interactive shell inherits SIGINT *ignored*, and
# an ignored signal stays ignored across exec, so those programs would never see it. Catching
# SIGINT here (Python's own handler) means every child starts with the default action again.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    """Record every message the widgets made in this test send to the page."""
    import ipywidgets.comm

    monkeypatch.setattr(ipywidgets.comm, "create_comm", lambda **kw: RecordingComm(**kw))
    yield Recorder()
    # Close them now, not at interpreter exit, when ipywidgets' registry is already gone.
    from ipywidgets.widgets.widget import _instances  # the registry Widget.widgets reads

    for widget in list(_instances.values()):
        if isinstance(getattr(widget, "comm", None), RecordingComm):
            widget.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A drift check says when its values were recorded (tests/README.md, "Oracles")."""
    for item in items:
        for mark in item.iter_markers("drift"):
            if not str(mark.kwargs.get("recorded", "")).strip():
                raise pytest.UsageError(
                    f"{item.nodeid}: @pytest.mark.drift needs recorded='<commit or date>' "
                    "(when the expected values were taken from the code's output)"
                )


# Tests and the nbval kernels (which inherit this environment) keep learner progress in
# memory only: running the lessons must not write a progress file into the user's home.
import os  # noqa: E402

os.environ.setdefault("HIPBACK_PROGRESS", "")
# Nor a class folder: a quiz collects the room's answers only where a test asks for it.
os.environ.pop("HIPBACK_PROGRESS_DIR", None)
os.environ.pop("HIPBACK_CLASS_SEED", None)
