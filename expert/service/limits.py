"""What the decision service takes on: how big a request may be, how deep its JSON, how long
its body may take to arrive and its answer to be worked out, and how much work runs at once.

Each limit is a named constant, gathered in ``Limits`` (``create_app(limits=...)`` takes other
values, which the tests use). A request over a limit is refused with its status and the same
JSON error as bad input (``expert.service.replies``): 413 too large, 408 too slow to arrive,
422 nested too deep, 503 too busy (with ``Retry-After``), 504 no answer within the time limit.

The work of an answer (a consultation, a question about it, a report) runs in a thread pool of
``MAX_CONCURRENT`` threads, never on the event loop, so the server keeps accepting and refusing
requests while it works; at most ``MAX_WAITING`` requests are admitted (running or queued),
and each is answered within ``TIME_LIMIT`` seconds or refused. A thread cannot be stopped from
outside: work that overran goes on to its end in its thread and its answer is dropped; the
pool still bounds how many run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import attrs

from expert.inputs.text import MAX_DEPTH

__all__ = ["MAX_BODY_BYTES", "MAX_BUDGET", "MAX_CONCURRENT", "MAX_JSON_DEPTH", "MAX_WAITING",
           "READ_TIME_LIMIT", "RETRY_AFTER", "TIME_LIMIT", "BodyTooLarge", "Busy", "Gate",
           "Limits", "ReadTimedOut", "TimedOut", "body_size_limit"]

MAX_BODY_BYTES = 1_000_000
"""A request body of at most this many bytes (413 beyond): a profile is a few kilobytes, and
a program list of some 4,000 programs fits beside it; longer lists are for the command line
(``img-advisor programs``), which reads up to 20,000,000 characters."""
MAX_JSON_DEPTH = MAX_DEPTH
"""Objects and lists nested at most this deep in a request (422 beyond): the request is read
by the profile reader's JSON reader, which refuses deeper JSON (``expert.inputs.text``); a
request with a profile is four deep."""
READ_TIME_LIMIT = 10.0
"""Seconds the request body may take to arrive (408 beyond), so a client that sends slowly
cannot hold a connection and a buffer for long."""
TIME_LIMIT = 20.0
"""Seconds from admitting a request to its answer, waiting included (504 beyond). A
consultation takes milliseconds, a report under a second; a PDF report, printed by Chromium,
a second or two."""
MAX_CONCURRENT = 4
"""Answers worked out at once, each in a thread of its own. Consultations are Python work,
which holds the interpreter's lock, so more threads would not answer faster; for more CPUs,
run more processes (``img-advisor serve --workers N``)."""
MAX_WAITING = 64
"""Requests admitted at once, running or queued for a thread; one more is refused at once
with 503 and ``Retry-After`` rather than queued without end."""
MAX_BUDGET = 500
"""The largest ``budget`` (changed profiles consulted) a counterfactuals request may ask for;
the command line's default is 40, and the searches end well before 500."""
RETRY_AFTER = 1
"""Seconds a refused (busy) client is asked to wait before trying again."""


@attrs.frozen
class Limits:
    """The limits one service runs with; the defaults are the constants above."""

    body_bytes: int = MAX_BODY_BYTES
    read_seconds: float = READ_TIME_LIMIT
    seconds: float = TIME_LIMIT
    concurrent: int = MAX_CONCURRENT
    waiting: int = MAX_WAITING

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


class BodyTooLarge(Exception):
    """The request body is longer than ``Limits.body_bytes`` (413)."""

    def __init__(self, size: int | None, limit: int) -> None:
        self.size, self.limit = size, limit
        super().__init__(f"the request body is over {limit:,} bytes")


class ReadTimedOut(Exception):
    """The request body did not arrive within ``Limits.read_seconds`` (408)."""


class Busy(Exception):
    """``Limits.waiting`` requests are already admitted (503)."""


class TimedOut(Exception):
    """The answer was not ready within ``Limits.seconds`` (504)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"no answer within the time limit of {seconds:g} s")


Result = TypeVar("Result")


class Gate:
    """Admits at most ``limits.waiting`` requests, works out at most ``limits.concurrent``
    answers at once in a thread pool, and gives each ``limits.seconds`` from admission."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.admitted = 0
        """Requests admitted and not yet answered; read and changed on the event loop only."""
        self.pool = ThreadPoolExecutor(max_workers=limits.concurrent,
                                       thread_name_prefix="img-advisor-service")

    async def run(self, work: Callable[[], Result]) -> Result:
        """``work()``'s result, worked out in the pool; ``Busy`` when the gate is full,
        ``TimedOut`` when it takes too long (the work's own errors pass through)."""
        if self.admitted >= self.limits.waiting:
            raise Busy(f"{self.admitted} requests are being answered")
        self.admitted += 1
        try:
            future = asyncio.wrap_future(self.pool.submit(work))
            try:
                return await asyncio.wait_for(future, self.limits.seconds)
            except asyncio.TimeoutError:  # wait_for cancelled the work if it had not started
                raise TimedOut(self.limits.seconds) from None
        finally:
            self.admitted -= 1

    def close(self) -> None:
        """Drop the work not yet started; what runs ends in its own time."""
        self.pool.shutdown(wait=False, cancel_futures=True)


Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[dict[str, Any], Receive, Send], Awaitable[None]]


def body_size_limit(app: ASGIApp, limit: int,
                    refuse: Callable[[BodyTooLarge], tuple[int, list[tuple[bytes, bytes]],
                                                          bytes]]) -> ASGIApp:
    """ASGI middleware: a request whose ``Content-Length`` is over ``limit`` is refused before
    its body is read; one that sends more than ``limit`` bytes without saying so raises
    ``BodyTooLarge`` from ``receive`` as the byte past the limit arrives (the service's
    handler answers it). ``refuse`` makes the status, headers and body of the refusal."""

    async def limited(scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _send_whole(send, *refuse(BodyTooLarge(declared, limit)))
            return
        received = 0
        started = False

        async def counted() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(None, limit)
            return message

        async def watched(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await app(scope, counted, watched)
        except BodyTooLarge as error:  # not answered further in: answer it here
            if started:
                raise
            await _send_whole(send, *refuse(error))

    return limited


def _content_length(scope: dict[str, Any]) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_whole(send: Send, status: int, headers: list[tuple[bytes, bytes]],
                      body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [*headers, (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
