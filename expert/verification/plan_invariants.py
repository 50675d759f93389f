"""What must hold of every plan, checked by the sweep and the property tests.

- every must or should recommendation is carried out by some step (*unplaced*);
- the steps are numbered 1, 2, ... in time order (*order*);
- no step starts before the applicant's present, none ends before it starts (*past*);
- each task is one step, and a step carries out only recommendations that stand (*steps*);
- the plan is for one cycle, the next one wherever the advice is to wait a year (*branch*).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from expert.consultation.consult import Decision
from expert.consultation.provenance import node_id
from expert.plan.steps import Plan

__all__ = ["PLACED_STRENGTHS", "plan_problems"]

PLACED_STRENGTHS = ("must", "should")
"""Recommendations of these strengths must each be in a step of the plan."""


def plan_problems(plan: Plan, decisions: Sequence[Decision]) -> Iterator[str]:
    """What is wrong with ``plan`` (nothing, for a sound one), made of the recommendations
    that stand, ``decisions``."""
    placed = {node for step in plan for node in step.recommendations}
    strengths = {node_id(d.fact): d.rule.strength for d in decisions}
    for decision in sorted(decisions, key=lambda d: node_id(d.fact)):
        strength = decision.rule.strength
        if strength in PLACED_STRENGTHS and node_id(decision.fact) not in placed:
            yield f"unplaced: a {strength} {decision.fact.kind} recommendation is in no step"
    if plan.branch is None:
        yield "branch: the plan says no cycle it is for"
    elif plan.branch.cycle != "next_cycle" and any(
            d.fact.kind == "timing" and d.fact.action == "delay_one_year" for d in decisions):
        yield "branch: the advice is to wait a year, but the plan is for this cycle"
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
