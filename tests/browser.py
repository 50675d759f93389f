"""Headless Chromium for tests, driven over the DevTools protocol on a pipe.

``--remote-debugging-pipe`` makes Chromium read protocol commands from file descriptor 3 and
write replies and events to descriptor 4, each message JSON ending in a NUL byte: no port, no
websocket library, nothing on the network. A page is loaded and everything it does is
recorded: console messages, uncaught exceptions, log entries and every request it makes.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import signal
import struct
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

import attrs

from expert.report.pdf import HEADLESS_FLAGS, ChromiumNotFound, browser

FLAGS = (*HEADLESS_FLAGS, "--remote-debugging-pipe", "--window-size=1200,1600")
TIMEOUT = 60.0


def find_browser() -> str | None:
    """The Chromium the PDF writer would use, if there is one."""
    try:
        return browser()
    except ChromiumNotFound:
        return None


@attrs.define
class Visit:
    """What a page did while it loaded."""

    url: str
    errors: list[str] = attrs.Factory(list)
    """Console errors, uncaught exceptions and error log entries."""
    requests: list[str] = attrs.Factory(list)
    """The URL of every request the page made (its own included)."""
    screenshot: bytes = b""
    """A PNG of the whole page."""
    checks: dict[str, Any] = attrs.Factory(dict)
    """The values of the expressions asked to be evaluated in the page."""


class Browser:
    """One headless Chromium, for the length of a ``with`` block."""

    def __init__(self, program: str) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="img-advisor-chromium-")
        to_browser, self._commands = os.pipe()
        self._replies, from_browser = os.pipe()

        # The child must see the pipe ends as descriptors 3 and 4: posix_spawn puts them there
        # (a preexec_fn could deadlock the child of a process with threads, as pytest's is).
        # They are first moved above 9 so that neither is already 3 or 4.
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_browser, from_browser)]
        self._pid = os.posix_spawn(
            program, [program, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            os.environ, file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                (os.POSIX_SPAWN_DUP2, ends[0], 3), (os.POSIX_SPAWN_DUP2, ends[1], 4)],
            setsigdef=(signal.SIGPIPE,))  # Python ignores it; a child should not
        for fd in (*ends, to_browser, from_browser):
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_exc: object) -> None:
        try:
            self._send("Browser.close")
        except OSError:
            pass
        deadline = time.monotonic() + 10
        while os.waitpid(self._pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
                break
            time.sleep(0.05)
        os.close(self._commands)
        os.close(self._replies)
        self._profile.cleanup()

    def _send(self, method: str, params: dict[str, Any] | None = None,
              session: str | None = None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise ConnectionError("Chromium closed the pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        """Send a command and wait for its reply; events that come first are kept."""
        number = self._send(method, params, session)
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._receive(deadline)
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._events.append(message)

    def _wait_for(self, event: str, session: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not any(m.get("method") == event and m.get("sessionId") == session
                      for m in self._events):
            self._events.append(self._receive(deadline))

    def visit(self, url: str, expressions: dict[str, str] | None = None) -> Visit:
        """Load ``url`` in a new tab, record what it does, evaluate ``expressions`` (name ->
        JavaScript) in it and take a screenshot of the whole page."""
        self._events.clear()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.call(f"{domain}.enable", session=session)
        self.call("Page.navigate", {"url": url}, session)
        self._wait_for("Page.loadEventFired", session)
        visit = Visit(url)
        for name, expression in (expressions or {}).items():
            result = self.call("Runtime.evaluate", {"expression": expression,
                                                    "returnByValue": True}, session)
            visit.checks[name] = result["result"].get("value")
        shot = self.call("Page.captureScreenshot",
                         {"format": "png", "captureBeyondViewport": True}, session)
        visit.screenshot = base64.b64decode(shot["data"])
        for message in self._events:
            if message.get("sessionId") != session:
                continue
            method, params = message.get("method"), message.get("params", {})
            if method == "Network.requestWillBeSent":
                visit.requests.append(params["request"]["url"])
            elif method == "Runtime.exceptionThrown":
                visit.errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error",
                                                                                "assert"):
                visit.errors.append(" ".join(str(a.get("value", a.get("description")))
                                             for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                visit.errors.append(params["entry"]["text"])
        self.call("Target.closeTarget", {"targetId": target})
        return visit


def png_pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and the raw (filtered) scanlines of a PNG: enough to tell a blank
    picture from a drawn one."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, data, width, height = 8, b"", 0, 0
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        body = png[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            data += body
        position += 12 + length
    return width, height, zlib.decompress(data)


def file_url(path: Path) -> str:
    return path.resolve().as_uri()
