"""The count of programs adds up and follows the parallel plan: each check catches a planted
defect, and no generated profile shows one."""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings

from expert import advise
from expert.verification.count_invariants import count_problems
from knowledge_base.facts import recommend
from tests.strategies import profiles

SOUND = {"specialty": "pediatrics", "step1": {"result": "pass"}, "step2ck": {"score": 222}}
"""Mostly IM/FM, a few pediatrics (safety_nets, Scenario B)."""


def decisions(data=SOUND):
    return advise(data).outcome.decisions


def with_count(found, change):
    """``found`` with the apply_count's value changed by ``change``."""
    out = []
    for decision in found:
        if decision.fact.kind == "apply_count":
            value = change(decision.fact.value)
            decision = attrs.evolve(decision, fact=recommend(
                "apply_count", value, decision.fact.summary))
        out.append(decision)
    return out


def test_the_sound_count_has_no_problem():
    assert list(count_problems(decisions())) == []


def test_parts_that_do_not_add_up_are_caught():
    planted = with_count(decisions(), lambda v: {**v, "max": v["max"] + 1})
    assert list(count_problems(planted)) == ["sum: the counted parts do not add up to the total"]


def test_a_lost_at_least_is_caught():
    pmr = decisions({**SOUND, "specialty": "pmr"})
    planted = with_count(pmr, lambda v: {**v, "at_least": False})
    assert list(count_problems(planted)) == [
        "sum: the total loses (or invents) a part's 'at least'"]


def test_an_estimate_not_called_one_is_caught():
    def estimate(value):
        return {**value, "parts": [{**p, "basis": "our_estimate"} for p in value["parts"]]}
    assert list(count_problems(with_count(decisions(), estimate))) == [
        "estimate: a part sized by our estimate is not called one in the advice"]


def test_a_count_that_ignores_the_parallel_plan_is_caught():
    def field_only(value):
        part = {"track": "pediatrics", "scope": "count", "min": 60, "max": 120,
                "basis": "document", "at_least": False}
        return {**value, "min": 60, "max": 120, "parts": [part]}
    assert list(count_problems(with_count(decisions(), field_only))) == [
        "parallel: mostly_im_fm_safeties adds internal_medicine, which no part of the count is for",
        "parallel: mostly_im_fm_safeties adds family_medicine, which no part of the count is for",
        "parallel: mostly_im_fm_safeties keeps only a few of pediatrics, but the count has more",
    ]


def test_the_listed_defects_are_gone():
    """The issue's examples: OB/GYN at 215, surgery at 222 and psychiatry at 228 get counts that
    follow their parallel plans; PM&R keeps its 'at least' in JSON."""
    for specialty, score in (("obgyn", 215), ("general_surgery", 222), ("psychiatry", 228)):
        advice = advise({**SOUND, "specialty": specialty, "step2ck": {"score": score}})
        assert "parallel_plan" in advice, specialty
        assert list(count_problems(advice.outcome.decisions)) == [], specialty
    pmr = advise({**SOUND, "specialty": "pmr"}).to_dict()
    count = next(r for r in pmr["recommendations"] if r["kind"] == "apply_count")
    assert count["value"]["at_least"] is True


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_no_generated_profile_gets_a_count_that_does_not_add_up(data):
    assert list(count_problems(advise(data).outcome.decisions)) == []
