"""Record what widgets send to the page, as ipywidgets' own tests do.

A widget talks to the browser only through its comm: the state it opens with, then
``update`` messages carrying the changed traits. Tests that assert on those messages test
what a learner's page receives, not a widget's private attributes or child positions.

Use the ``sent`` fixture (``tests/conftest.py``)::

    def test_ticking_shows_the_label(sent):
        explorer = case_explorer()
        ...set a control's value...
        assert "SPINE" in sent.last(explorer.summary, "value")
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

_ids = itertools.count()


class RecordingComm:
    """A stand-in for a kernel comm that keeps every message a widget sends."""

    kernel = "recording"  # truthy: ipywidgets sends only when the comm has a kernel

    def __init__(self, **kwargs: Any) -> None:
        self.comm_id = f"recorded-{next(_ids)}"
        self.target_name = kwargs.get("target_name")
        self.opened_with: dict[str, Any] = dict(kwargs.get("data") or {})
        self.messages: list[dict[str, Any]] = []

    def open(self, *args: Any, **kwargs: Any) -> None:  # noqa: D102 - the comm protocol
        pass

    def on_msg(self, *args: Any, **kwargs: Any) -> None:  # noqa: D102
        pass

    def on_close(self, *args: Any, **kwargs: Any) -> None:  # noqa: D102
        pass

    def close(self, *args: Any, **kwargs: Any) -> None:  # noqa: D102
        pass

    def send(self, data: Any = None, metadata: Any = None, buffers: Any = None) -> None:
        """Keep the message (ipywidgets calls this for every state change it syncs)."""
        self.messages.append(dict(data or {}))


class Recorder:
    """What each widget sent: its opening state and its ``update`` messages."""

    def comm(self, widget: Any) -> RecordingComm:
        comm = widget.comm
        assert isinstance(comm, RecordingComm), "the widget was made before recording began"
        return comm

    def updates(self, widget: Any) -> list[dict[str, Any]]:
        """The state dicts of every ``update`` message the widget sent, oldest first."""
        return [
            m.get("state", {}) for m in self.comm(widget).messages if m.get("method") == "update"
        ]

    def sent_values(self, widget: Any, trait: str) -> Iterator[Any]:
        """Every value of ``trait`` the widget sent after opening, oldest first."""
        for state in self.updates(widget):
            if trait in state:
                yield state[trait]

    def last(self, widget: Any, trait: str) -> Any:
        """The value of ``trait`` the page holds now: the last sent, else the opening state."""
        values = list(self.sent_values(widget, trait))
        if values:
            return values[-1]
        return self.comm(widget).opened_with.get("state", {}).get(trait)

    def clear(self) -> None:
        """Forget messages sent so far (each comm keeps recording)."""
        from ipywidgets import Widget

        for widget in list(Widget.widgets.values()):
            if isinstance(getattr(widget, "comm", None), RecordingComm):
                widget.comm.messages.clear()
