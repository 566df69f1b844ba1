"""The server's side of the channel that tells a warm kernel which page took it.

A kernel of Voilà's preheated pool runs an app before anyone asks, and the quiz then waits
for its page's request (the query string chooses the difficulty): the kernel connects to
the server's ``voila/query/<kernel id>`` websocket, and when a page takes the kernel the
server sends the request there (:func:`hipback.serving.voila_server.page_query_string` is
the kernel's side). Voilà 0.5 keeps a table of the connected kernels and a cache of
requests that came before their kernel connected. Two of its steps can leave a kernel
waiting for ever, and so a page that never finishes:

* when a connection closes that is no longer the kernel's entry in the table (the kernel
  connected again before the first connection's close was seen), Voilà deletes the
  *last* entry of the table, another kernel's;
* a request sent to a connection that had just closed is lost, not cached, so the kernel
  that connects again never gets it.

A kernel connects again when its first attempt timed out, which the kernel's side now does
(rather than build the default quiz). :func:`forget_waiter` and :func:`send_request_info`
replace those two steps in :class:`~hipback.serving.voila_server.HipbackVoila`.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def forget_waiter(waiters: dict[str, Any], connection: Any) -> None:
    """Remove ``connection`` (and only it) from the table of kernels waiting for a request.

    Parameters
    ----------
    waiters : dict
        Kernel id to its open connection (Voilà's ``RequestInfoSocketHandler._waiters``).
    connection : object
        The connection that closed.

    Examples
    --------
    >>> first, again, other = object(), object(), object()
    >>> waiters = {"k1": again, "k2": other}  # k1 connected again: `again` replaced `first`
    >>> forget_waiter(waiters, first)  # the first connection's close is seen late
    >>> waiters == {"k1": again, "k2": other}
    True
    >>> forget_waiter(waiters, again)
    >>> list(waiters)
    ['k2']
    """
    for kernel_id in [k for k, waiter in waiters.items() if waiter is connection]:
        del waiters[kernel_id]


def send_request_info(handler_class: Any, msg: dict[str, Any]) -> None:
    """Give a kernel its page's request: keep it, and send it to the kernel if connected.

    What Voilà's ``RequestInfoSocketHandler.send_updates`` does, except that the request is
    always kept (a few hundred bytes per page, dropped with the kernel by
    :func:`forget_request_info`): a kernel whose connection has just closed gets it when it
    connects again, as Voilà's ``open`` sends a kept request at once. The kernel reads the
    first request it gets and disconnects, so one sent twice does no harm.

    Parameters
    ----------
    handler_class : type
        Voilà's ``RequestInfoSocketHandler`` (its ``_cache`` and ``_waiters`` tables).
    msg : dict
        ``{"kernel_id": ..., "payload": {...}}``, as Voilà's page handler sends it.
    """
    kernel_id, payload = msg["kernel_id"], msg["payload"]
    handler_class._cache[kernel_id] = payload
    waiter = handler_class._waiters.get(kernel_id)
    if waiter is None:
        return
    try:
        waiter.write_message(payload)
    except Exception as exc:  # noqa: BLE001 - closed already: kept for the next connection
        log.warning("request info for kernel %s kept for its next connection (%s)", kernel_id, exc)


def forget_request_info(handler_class: Any, kernel_id: str) -> None:
    """Drop the kept request of a kernel that was shut down (see :func:`send_request_info`)."""
    handler_class._cache.pop(kernel_id, None)
