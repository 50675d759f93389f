"""What must hold of every plan, checked by the sweep and the property tests.

- every must or should recommendation is carried out by some step (*unplaced*);
- the steps are numbered 1, 2, ... in time order (*order*);
- no step starts before the applicant's present, none ends before it starts (*past*);
- each task is one step, and a step carries out only recommendations that stand (*steps*).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from expert.plan.steps import Plan

__all__ = ["PLACED_STRENGTHS", "plan_problems"]

PLACED_STRENGTHS = ("must", "should")
"""Recommendations of these strengths must each be in a step of the plan."""


def _kind(node: str) -> str:
    return node.split(":")[1]


def plan_problems(plan: Plan, strengths: Mapping[str, str]) -> Iterator[str]:
    """What is wrong with ``plan`` (nothing, for a sound one); ``strengths`` gives the
    strength of each recommendation that stands, by node id."""
    placed = {node for step in plan for node in step.recommendations}
    for node, strength in sorted(strengths.items()):
        if strength in PLACED_STRENGTHS and node not in placed:
            yield f"unplaced: a {strength} {_kind(node)} recommendation is in no step"
    if [step.priority for step in plan] != list(range(1, len(plan) + 1)):
        yield "order: the steps are not numbered 1, 2, ... in order"
    starts = [step.start for step in plan if step.start is not None]
    if starts != sorted(starts):
        yield "order: a step starts before the step listed ahead of it"
    present = plan.cycle.present
    for step in plan:
        if present is not None and step.start is not None and step.start < present:
            yield f"past: the {step.task} step starts before the present"
        if step.start is not None and step.end is not None and step.end < step.start:
            yield f"past: the {step.task} step ends before it starts"
        if not set(step.recommendations) <= set(strengths):
            yield f"steps: the {step.task} step carries out a recommendation that does not stand"
    tasks = [step.task for step in plan]
    if len(tasks) != len(set(tasks)):
        yield "steps: a task is in the plan twice"
