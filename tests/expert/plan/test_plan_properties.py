"""Properties of every plan, over generated profiles in every phase."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from expert import advise
from expert.verification.plan_invariants import plan_problems
from tests.strategies import profiles

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(profiles())
def test_every_plan_is_sound(data):
    """Every must/should recommendation placed, steps in time order, none in the past."""
    advice = advise(data)
    assert list(plan_problems(advice.plan, advice.outcome.decisions)) == []


@SETTINGS
@given(profiles())
def test_every_step_is_a_node_explained_by_the_recommendations_it_carries_out(data):
    advice = advise(data)
    graph = advice.graph
    for step in advice.plan:
        assert graph.nodes[step.node]["type"] == "step"
        rules = list(graph.predecessors(step.node))
        assert rules and all(graph.nodes[r]["type"] == "rule" for r in rules)
        feeding = {n for r in rules for n in graph.predecessors(r)}
        assert set(step.recommendations) <= feeding
        assert any(graph.nodes[s]["type"] == "source" for r in rules
                   for s in graph.successors(r))


@SETTINGS
@given(profiles())
def test_dated_steps_are_calendar_months_from_the_season(data):
    """A step is dated when a season anchors the calendar, except a step of the present
    ("now") when nothing says when now is."""
    advice = advise(data)
    for step in advice.plan:
        undated = data["season"] is None or (step.start is None
                                             and advice.plan.cycle.present is None)
        assert (step.when is None) == undated
        if step.when is not None:
            assert step.when["start"] <= step.when["end"]
    assert [s.to_dict()["priority"] for s in advice.plan] == \
        [d["priority"] for d in advice.to_dict()["plan"]]


@SETTINGS
@given(profiles())
def test_each_step_says_which_cycle_it_serves(data):
    """Once applications are in, building steps are for a next cycle; a plan that waits a year
    or follows going unmatched is all for the next cycle."""
    plan = advise(data).plan
    for step in plan:
        next_cycle = step.stage == "if_unmatched" or plan.branch.cycle == "next_cycle"
        assert step.serves == ("next_cycle" if next_cycle else "this_cycle")
        if data["season"] is not None:
            later = data["phase"] == "unmatched" or next_cycle
            assert step.match_year >= data["season"] + (1 if later else 0)
