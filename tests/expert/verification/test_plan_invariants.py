"""Each invariant of the plan catches a defect planted in a sound plan."""

from __future__ import annotations

import attrs
import pytest

from expert import advise
from expert.examples import example_profile
from expert.plan.steps import Plan, make_plan
from expert.verification.plan_invariants import plan_problems
from expert.verification.sweep import Consulter
from knowledge_base.facts import PlanBranch
from knowledge_base.rules import INCOMPATIBLE, PLAN_RULES, RULES

ADVICE = advise(example_profile("state_univ_sample"))
DECISIONS = ADVICE.outcome.decisions


def planted(steps, branch=ADVICE.plan.branch, advice=ADVICE):
    plan = advice.plan
    return Plan(steps, plan.check, branch, plan.cycle, plan.facts, plan.firings)


def test_the_sound_plan_has_no_problem():
    assert list(plan_problems(ADVICE.plan, DECISIONS)) == []


def test_a_recommendation_no_rule_places_is_unplaced():
    rules = tuple(r for r in PLAN_RULES if not r.id.startswith("plan.secure_usce."))
    plan = make_plan(ADVICE.outcome, rules)
    problems = list(plan_problems(plan, DECISIONS))
    assert problems and all(p.startswith("unplaced: a should usce_plan") for p in problems)


def test_steps_out_of_time_order_are_caught():
    steps = list(ADVICE.plan)
    steps[0], steps[-1] = steps[-1], steps[0]
    numbered = [attrs.evolve(s, priority=i) for i, s in enumerate(steps, 1)]
    assert list(plan_problems(planted(numbered), DECISIONS)) == [
        "order: a step starts before the step listed ahead of it"]
    assert "order: the steps are not numbered 1, 2, ... in order" in \
        plan_problems(planted(steps), DECISIONS)


def test_a_step_in_the_past_is_caught():
    steps = list(ADVICE.plan)
    steps[0] = attrs.evolve(steps[0], start=ADVICE.plan.cycle.present - 1)
    assert list(plan_problems(planted(steps), DECISIONS)) == [
        f"past: the {steps[0].task} step starts before the present"]


def test_a_task_twice_and_a_recommendation_that_does_not_stand_are_caught():
    steps = [*ADVICE.plan, attrs.evolve(ADVICE.plan[-1], priority=len(ADVICE.plan) + 1,
                                        recommendations=("recommendation:step3:superseded",))]
    problems = set(plan_problems(planted(steps), DECISIONS))
    assert {"steps: a task is in the plan twice",
            "steps: the submit_on_day_one step carries out a recommendation that does not "
            "stand"} <= problems


def test_a_plan_for_no_cycle_or_for_this_cycle_beside_a_delay_is_caught():
    assert list(plan_problems(planted(ADVICE.plan, branch=None), DECISIONS)) == [
        "branch: the plan says no cycle it is for"]
    waiting = advise(example_profile("med_peds_pending"))
    assert waiting.plan.branch.cycle == "next_cycle"
    assert list(plan_problems(waiting.plan, waiting.outcome.decisions)) == []
    this_cycle = PlanBranch("this_cycle", "planted")
    assert list(plan_problems(planted(waiting.plan, this_cycle, waiting),
                              waiting.outcome.decisions)) == [
        "branch: the advice is to wait a year, but the plan is for this cycle"]


@pytest.mark.parametrize("phase", ["preparing", "applying", "interviewing", "ranking",
                                   "unmatched"])
def test_the_sweep_reports_a_plan_that_leaves_advice_out(phase):
    """The sweep's consulter checks the plans made by the plan rules it is given: without the
    rules of the program-list step, the count of programs is placed nowhere, in every phase."""
    data = {**example_profile("state_univ_sample"), "phase": phase}
    sound = Consulter(RULES, INCOMPATIBLE, PLAN_RULES).observe([data])[0]
    assert sound.plan_problems == ()
    rules = tuple(r for r in PLAN_RULES if not r.id.startswith("plan.build_program_list."))
    broken = Consulter(RULES, INCOMPATIBLE, rules).observe([data])[0]
    assert "unplaced: a should apply_count recommendation is in no step" in broken.plan_problems
