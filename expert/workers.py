"""A pool of worker processes that survives a worker's death: used by batch runs and the sweep.

``Workers.map`` hands chunks of work to the processes and gives back each chunk's answer in
the order of the chunks, with a bounded number of chunks under way, so memory stays flat
however many chunks there are. A worker that dies (killed, out of memory) makes ``map`` raise
``WorkerDied``, where ``multiprocessing.Pool`` would wait for it forever; stopping early (closing
the generator, an exception, Ctrl-C) drops the chunks not started and removes every scratch
file.

Signals are the parent's to handle: workers ignore SIGINT, SIGTERM and SIGHUP, which Ctrl-C, a
closed terminal or a service manager send to the whole process group, and the parent stops
them on its way out (``expert.cli.signals``) once the chunks under way are done. A worker whose
parent is gone without stopping it (killed outright) notices within ``ORPHAN_CHECK`` seconds
and exits, rather than waiting for work forever. Because workers ignore SIGTERM, the pool's own
``terminate()`` of the survivors once one died does nothing, so ``map`` kills them (SIGKILL)
before it raises: a worker killed while it held the lock of the answers' queue leaves the
others blocked on that lock, and the pool's shutdown waits for them forever, spinning.

A worker writes each chunk's answer to a file in a private scratch directory and sends back
only its name: answers are large (80 KB of JSON a profile), and a worker killed while sending a
large message through the pool's pipe leaves the pool reading the rest of it forever (CPython's
``ProcessPoolExecutor`` cannot tell); a message of a few bytes goes through whole or not at all.

Processes are started as ``multiprocessing`` starts them by default on the platform.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from contextlib import ExitStack
from itertools import islice
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from expert.errors import WorkerDied

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["IN_FLIGHT", "ORPHAN_CHECK", "Workers"]

IN_FLIGHT = 4
"""Chunks under way per worker: enough to keep workers busy while answers are used."""
ORPHAN_CHECK = 0.5
"""Seconds between a worker's looks at whether its parent is still there."""
SIGNALS_IGNORED = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                        if hasattr(signal, name))
"""What the parent handles for its workers (Windows has no SIGHUP)."""

Chunk = TypeVar("Chunk")
Answer = TypeVar("Answer")


class Workers:
    """``jobs`` worker processes, each set up by ``initializer(*initargs)``; a context manager."""

    def __init__(self, jobs: int, initializer: Callable[..., None] | None = None,
                 initargs: tuple[Any, ...] = ()) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        self.jobs = jobs
        self._initializer = initializer
        self._initargs = initargs
        self._stack = ExitStack()
        self._pool: ProcessPoolExecutor | None = None
        self._scratch = ""
        self._submitted = 0
        self._other_children: set[int] = set()

    def __enter__(self) -> Workers:
        from concurrent.futures import ProcessPoolExecutor  # not at the top: one process needs none

        self._other_children = {child.pid for child in multiprocessing.active_children()
                                if child.pid is not None}
        self._scratch = self._stack.enter_context(
            tempfile.TemporaryDirectory(prefix="img-advisor-work-"))
        self._pool = ProcessPoolExecutor(self.jobs, initializer=_start,
                                         initargs=(self._initializer, self._initargs))
        self._stack.callback(self._pool.shutdown, cancel_futures=True)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._stack.close()

    def map(self, work: Callable[[Chunk], Answer], chunks: Iterable[Chunk]
            ) -> Generator[Answer, None, None]:
        """``work(chunk)`` for each chunk in the workers, the answers in the order of the chunks.

        ``work`` must be a module-level function (it is sent to the workers by name)."""
        from concurrent.futures.process import BrokenProcessPool

        if self._pool is None:
            raise RuntimeError("Workers.map is used inside a with block")
        pool, chunks = self._pool, iter(chunks)

        def submit(chunk: Chunk) -> Future[str]:
            self._submitted += 1
            path = os.path.join(self._scratch, f"{self._submitted}.pickle")
            return pool.submit(_work_chunk, work, chunk, path)

        pending: deque[Future[str]] = deque()
        try:
            pending.extend(submit(chunk) for chunk in islice(chunks, self.jobs * IN_FLIGHT))
            while pending:
                answer: Answer = _answer_in(pending.popleft().result())
                for chunk in islice(chunks, 1):
                    pending.append(submit(chunk))
                yield answer
        except BrokenProcessPool:  # from a result, or from a submit once the pool broke
            self._kill_workers()
            raise WorkerDied("a worker process died (killed, or out of memory?)") from None
        finally:  # stopped early: the chunks under way are not wanted
            for future in pending:
                future.cancel()

    def _kill_workers(self) -> None:
        """Kill this pool's live workers: the ones left once a worker died."""
        for child in multiprocessing.active_children():
            if child.pid not in self._other_children:
                child.kill()
                child.join()


def _start(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    for each in SIGNALS_IGNORED:
        signal.signal(each, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True,
                     name="img-advisor-orphan-check").start()
    if initializer is not None:
        initializer(*initargs)


def _exit_when_orphaned(parent: int) -> None:
    """End this worker once its parent is gone (its parent is then another process)."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK)
    os._exit(1)


def _work_chunk(work: Callable[[Chunk], Answer], chunk: Chunk, path: str) -> str:
    """Answer a chunk into the file at ``path``, and send back only its name."""
    with open(path, "wb") as file:
        pickle.dump(work(chunk), file, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _answer_in(path: str) -> Any:
    # Written by our own worker into a private directory (mode 0700) the moment before.
    with open(path, "rb") as file:
        answer = pickle.load(file)
    os.remove(path)
    return answer
