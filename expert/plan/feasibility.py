"""Whether the plan's time-consuming steps fit the months before ERAS opens.

The full-time steps placed before ERAS opens (exam preparation, US clinical experience) are
added up one after another, at the short and at the long end of each range; a step's range is
what its recommendations say (``min_months`` and ``max_months``) or else its task's
(``knowledge_base.rules.timeline``). The sums become inputs that the feasibility rules read, so the
verdict is explained like any finding. When even the short end does not fit, the steps are
kept in the order the documents rank them (``Task.keep_rank``) while they fit, the first one
always; the rest are marked optional.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import attrs

from knowledge_base.facts import Input, PlanStep
from knowledge_base.rules.timeline import TASKS, Task
from knowledge_base.stages import stage
from knowledge_base.thresholds import CountRange

__all__ = ["TimeBudget", "months_of", "time_budget"]

_TASKS: dict[str, Task] = {task.id: task for task in TASKS}


@attrs.frozen
class TimeBudget:
    """The months there are, what the full-time steps need, and the steps that do not fit."""

    inputs: tuple[Input, ...]
    optional: Mapping[str, str]
    """Task id to why it is optional."""


def months_of(task_id: str, values: Sequence[Any]) -> CountRange | None:
    """How long a step takes: what its recommendations say, else its task's months (None for
    a task that takes no set time)."""
    said = [(v["min_months"], v["max_months"]) for v in values
            if isinstance(v, dict) and isinstance(v.get("min_months"), (int, float))
            and isinstance(v.get("max_months"), (int, float))]
    if said:
        return CountRange(max(low for low, _ in said), max(high for _, high in said))
    return _TASKS[task_id].months


def time_budget(steps: Mapping[PlanStep, Sequence[Any]], available: int) -> TimeBudget:
    """The budget of ``available`` months for the full-time ``steps`` placed before ERAS opens
    (each step with the values of the recommendations it carries out)."""
    before = {step: cast(CountRange, months_of(step.task, values))  # full-time tasks have months
              for step, values in steps.items()
              if step.load == "full_time" and (stage(step.stage).end or 0) <= 0}
    short = sum(span.min for span in before.values())
    long = sum(span.max for span in before.values())
    inputs = (
        Input("plan.months_available", available),
        Input("plan.months_needed_at_short_end", short),
        Input("plan.months_needed_at_long_end", long),
        Input("plan.spare_months_at_short_end", available - short),
        Input("plan.spare_months_at_long_end", available - long),
    )
    optional: dict[str, str] = {}
    if short > available:
        used = 0
        kept: list[str] = []
        for step in sorted(before, key=lambda s: (_TASKS[s.task].keep_rank or 99, s.task)):
            span = before[step]
            if not kept or used + span.min <= available:
                used += span.min
                kept.append(step.title.lower())
            else:
                first = "; ".join(kept) or "nothing else"
                optional[step.task] = (
                    f"Does not fit the {available} months before ERAS opens after what the "
                    f"documents put first ({first}): optional this cycle, or for the next.")
    return TimeBudget(inputs, optional)
