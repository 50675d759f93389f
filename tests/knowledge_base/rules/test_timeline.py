"""The plan's task table: its rules, and the checks a new task must pass."""

from __future__ import annotations

import pytest

from knowledge_base.conditions import absent
from knowledge_base.facts import PlanStep
from knowledge_base.rules.timeline import BRANCH_RULES, PLAN_RULES, TASKS, Place, Task
from knowledge_base.stages import COMPRESS_FROM, STAGES, TIMELINE_START, stage
from knowledge_base.thresholds import CountRange


def test_every_rule_places_one_step_of_its_task_in_a_known_stage():
    tasks = {task.id for task in TASKS}
    for rule in PLAN_RULES[len(BRANCH_RULES):]:
        (step,) = rule.conclusions
        assert isinstance(step, PlanStep)
        assert step.task in tasks and stage(step.stage)
        assert rule.id.startswith(f"plan.{step.task}.{step.stage}.")
        assert rule.premises[0].input_field == "phase"
        assert set(stage(step.stage).sources) <= set(rule.sources)


def test_each_phase_puts_a_task_in_one_stage():
    """A phase placed twice is told apart by premises that exclude each other (Step 3 with
    too little time before ERAS goes after it)."""
    for task in TASKS:
        placed = [(phase, place.when) for place in task.places for phase in place.phases]
        assert len(placed) == len(set(placed)), task.id
        for phase in {phase for phase, _ in placed}:
            whens = [when for p, when in placed if p == phase]
            if len(whens) > 1:
                assert len(whens) == 2 and whens[0] == tuple(map(absent, whens[1])), task.id


def test_only_full_time_tasks_say_how_long_they_take_and_rank_what_to_keep():
    for task in TASKS:
        assert (task.load == "full_time") == (task.months is not None), task.id
        assert (task.keep_rank is not None) <= (task.load == "full_time"), task.id


def test_the_timeline_is_compressed_once_its_first_stage_has_passed():
    assert COMPRESS_FROM == stage("months_18_to_12").end
    assert TIMELINE_START == stage("months_18_to_12").start == -18


def test_stages_are_windows_or_the_present():
    for where in STAGES:
        assert (where.start is None) == (where.end is None)
        if where.start is not None:
            assert where.start <= where.end


@pytest.mark.parametrize(("make", "message"), [
    (lambda: Place(("preparing",), "someday", 1), "unknown stage 'someday'"),
    (lambda: Task("x", "X", (), (Place(("preparing",), "now", 1),
                                 Place(("preparing",), "eras_opening", 1))), "placed twice"),
    (lambda: Task("x", "X", (), (), load="full_time"), "needs months"),
    (lambda: Task("x", "X", (), (), months=CountRange(1, 2)), "needs months"),
    (lambda: Task("x", "X", (), (), load="weekends"), "load must be one of"),
])
def test_a_malformed_task_is_refused(make, message):
    with pytest.raises((ValueError, KeyError), match=message):
        make()


@pytest.mark.parametrize("phase", ["preparing", "applying", "interviewing", "ranking",
                                   "unmatched"])
def test_every_phase_has_a_branch_and_a_delay_is_the_next_cycle(phase):
    """Exactly one branch rule can fire for a phase: for preparing, one with the delay and one
    without it."""
    for_phase = [rule for rule in BRANCH_RULES
                 if phase in rule.premises[0].constraints[1][1].operands]
    cycles = sorted(rule.conclusions[0].cycle for rule in for_phase)
    assert cycles == (["next_cycle", "this_cycle"] if phase == "preparing" else
                      ["next_cycle"] if phase == "unmatched" else ["this_cycle"])
