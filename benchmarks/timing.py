"""Timing steps in turn, so that the machine's changing speed weighs on each alike.

This virtual machine's speed changes by up to 2× within a minute. Steps that are compared are
therefore timed in turn, round by round (each round runs every step on every item), and a
ratio of two steps is the median of the *paired* ratios: each item's time under one step over
its time under the other in the same round.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

__all__ = ["Runs", "Timing", "median_seconds", "timings_in_turn"]


@attrs.frozen
class Timing:
    median: float
    best: float

    @classmethod
    def of(cls, seconds: Iterable[float]) -> Timing:
        seconds = list(seconds)
        return cls(statistics.median(seconds), min(seconds))

    def __sub__(self, other: Timing) -> Timing:
        return Timing(self.median - other.median, self.best - other.best)


@attrs.frozen
class Runs:
    """The seconds of one step: for each item, its time in each round."""

    times: tuple[tuple[float, ...], ...]

    @property
    def timing(self) -> Timing:
        """The median over every item and round; as best, the median over items of each
        item's best round."""
        return Timing(statistics.median(t for item in self.times for t in item),
                      statistics.median(min(item) for item in self.times))

    def over(self, other: Runs) -> Timing:
        """This step's time over the other's, paired item by item and round by round: the
        median of those ratios; as best, the median over items of best over best."""
        return Timing(
            statistics.median(a / b for mine, theirs in zip(self.times, other.times)
                              for a, b in zip(mine, theirs)),
            statistics.median(min(mine) / min(theirs)
                              for mine, theirs in zip(self.times, other.times)))


def timings_in_turn(steps: Sequence[tuple[Callable[[Any], Any], Sequence[Any]]],
                    repeats: int) -> list[Runs]:
    """Each ``step(item)`` timed ``repeats`` times, the steps in turn. Every step first runs
    once on every item, untimed, so that engines are built and caches filled. Steps whose
    ratio is taken are given items that correspond, one for one."""
    for step, items in steps:
        for item in items:
            step(item)
    times: list[list[list[float]]] = [[[] for _ in items] for _, items in steps]
    for _ in range(repeats):
        for (step, items), step_times in zip(steps, times):
            for item, item_times in zip(items, step_times):
                started = time.perf_counter()
                step(item)
                item_times.append(time.perf_counter() - started)
    return [Runs(tuple(map(tuple, step_times))) for step_times in times]


def median_seconds(step: Callable[[Any], Any], items: Iterable[Any], repeats: int) -> Timing:
    """The timing of one step on its items (``Runs.timing``)."""
    (runs,) = timings_in_turn([(step, list(items))], repeats)
    return runs.timing
