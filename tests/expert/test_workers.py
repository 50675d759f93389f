"""The worker pool behind batch runs and the sweep: order, a dead worker, nothing left behind."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import tempfile
import time
from multiprocessing.queues import SimpleQueue
from pathlib import Path

import pytest

from expert.errors import WorkerDied
from expert.workers import Workers


def square_all(chunk: list[int]) -> list[int]:
    return [n * n for n in chunk]


def die_on_seven(chunk: list[int]) -> list[int]:
    if 7 in chunk:
        os.kill(os.getpid(), signal.SIGKILL)
    return chunk


def die_on_seven_holding_the_answers_lock(chunk: list[int]) -> list[int]:
    """Die as a worker killed while it sends an answer would: holding the answers' queue lock."""
    if 7 in chunk:
        answers = next(each for each in gc.get_objects() if isinstance(each, SimpleQueue))
        answers._wlock.acquire()
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.05)  # the other worker is still busy, and sends its answer after the death
    return chunk


def _scratch_dirs() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("img-advisor-work-*"))


def test_answers_come_in_the_order_of_the_chunks():
    chunks = [list(range(n, n + 3)) for n in range(0, 60, 3)]
    with Workers(2) as workers:
        answers = list(workers.map(square_all, chunks))
        again = list(workers.map(square_all, chunks[:2]))  # a pool serves more than one map
    assert answers == [square_all(chunk) for chunk in chunks]
    assert again == answers[:2]


def test_a_worker_that_dies_is_reported_and_leaves_nothing_behind():
    before = _scratch_dirs()
    with pytest.raises(WorkerDied), Workers(2) as workers:
        list(workers.map(die_on_seven, [[n] for n in range(20)]))
    assert _scratch_dirs() == before


def test_a_worker_killed_holding_the_answers_lock_does_not_hang_the_pool():
    """The survivors, which ignore SIGTERM, block on the dead worker's lock; the pool must kill
    them, or its shutdown spins forever. Run in a process of its own, so a hang fails here."""
    run = subprocess.run(
        [sys.executable, "-c",
         "from tests.expert.test_workers import die_on_seven_holding_the_answers_lock as work\n"
         "from expert.errors import WorkerDied\n"
         "from expert.workers import Workers\n"
         "try:\n"
         "    with Workers(2) as workers:\n"
         "        list(workers.map(work, [[n] for n in range(40)]))\n"
         "except WorkerDied:\n"
         "    print('reported')\n"],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[2])
    assert (run.returncode, run.stdout) == (0, "reported\n"), run.stderr


def test_stopping_early_removes_the_scratch_directory():
    before = _scratch_dirs()
    with Workers(2) as workers:
        answers = workers.map(square_all, [[n] for n in range(100)])
        assert next(answers) == [0]
        answers.close()
    assert _scratch_dirs() == before


def test_jobs_below_one_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        Workers(0)


def test_map_needs_the_pool_started():
    with pytest.raises(RuntimeError, match="with block"):
        next(Workers(1).map(square_all, [[1]]))
