"""How a command ends on a signal: Ctrl-C (SIGINT), ``kill`` or a service manager (SIGTERM)
and a terminal that closed (SIGHUP) all stop a run the same clean way.

While a command runs, each of them raises ``Interrupted``, a ``KeyboardInterrupt``, in the
main thread (where Python runs signal handlers), so every ``with`` and ``finally`` on the way
out runs: worker processes are stopped (``expert.workers``), temporary files and scratch
folders removed. A second signal while that happens is ignored, so the cleanup finishes. The
exit code is 128 plus the signal's number (130, 143, 129), as a shell reports a process a
signal ended, and one line on standard error says so. A signal the advisor was started
ignoring (``nohup``, a background job's SIGINT) stays ignored.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType
from typing import Optional

from expert.cli.parser import PROG
from expert.cli.streams import silence

__all__ = ["SIGNALS", "Interrupted", "exit_code", "stopped", "stopping_on_signals"]

SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
"""The signals that stop a run cleanly (Windows has no SIGHUP)."""


class Interrupted(KeyboardInterrupt):
    """The run was stopped by the signal ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame: Optional[FrameType]) -> None:
    for each in SIGNALS:  # the cleanup on the way out must not be cut short in turn
        signal.signal(each, signal.SIG_IGN)
    raise Interrupted(signum)


@contextmanager
def stopping_on_signals() -> Iterator[None]:
    """``SIGNALS`` raise ``Interrupted`` while the block runs; the handlers from before are
    put back after it. Outside the main thread (where no handler can be set) nothing
    changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {each: signal.getsignal(each) for each in SIGNALS}
    for each, handler in before.items():
        if handler is not signal.SIG_IGN:
            signal.signal(each, _interrupt)
    try:
        yield
    finally:
        for each, handler in before.items():
            if handler is not None:
                signal.signal(each, handler)


def exit_code(interrupt: BaseException) -> int:
    """128 plus the number of the signal that stopped the run (a plain KeyboardInterrupt is
    Ctrl-C's)."""
    return 128 + int(getattr(interrupt, "signum", signal.SIGINT))


def stopped(interrupt: BaseException, detail: str = "") -> int:
    """Say in one line on standard error that the run was interrupted, by which signal, and
    what became of its output (``detail``); return the exit code. A terminal that closed
    cannot be written to: then nothing is said, and nothing fails on the way out."""
    name = signal.Signals(exit_code(interrupt) - 128).name
    words = f"{PROG}: interrupted ({name})" + (f"; {detail}" if detail else "")
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is sys.stderr:
                # on a terminal, after the ^C it echoed or a progress line: a line of its own
                start = "\n" if stream.isatty() else ""
                stream.write(f"{start}{words}\n")
            stream.flush()
        except Exception:
            with suppress(Exception):
                silence(stream)
    return exit_code(interrupt)
