"""The time check: the full-time steps before ERAS added up against the months left."""

from __future__ import annotations

import pytest

from expert import advise

PENDING = {"specialty": "internal_medicine", "step1": {"result": "pass"},
           "step2ck": {"status": "pending", "practice_score": 230}, "phase": "preparing",
           "season": 2027}
"""Step 2 CK to take (2–3 months, our estimate) and hands-on USCE to build (2–4 months)."""


@pytest.mark.parametrize(("months", "verdict"), [(8, "fits"), (7, "fits"), (6, "tight"),
                                                 (4, "tight"), (3, "does_not_fit")])
def test_the_verdict_follows_the_months_left(months, verdict):
    plan = advise({**PENDING, "months_until_eras": months}).plan
    assert plan.check.verdict == verdict
    measures = {f.field: f.value for f in plan.facts if hasattr(f, "field")}
    assert measures["plan.months_available"] == months
    assert measures["plan.months_needed_at_short_end"] == 4
    assert measures["plan.months_needed_at_long_end"] == 7


def test_what_does_not_fit_is_optional_and_what_the_documents_put_first_is_kept():
    plan = advise({**PENDING, "months_until_eras": 3}).plan
    assert plan.step("sit_step2ck").status != "optional"
    usce = plan.step("secure_usce")
    assert usce.status == "optional"
    assert "3 months" in usce.note and "step 2 ck" in usce.note


def test_the_first_ranked_step_is_kept_even_when_it_alone_does_not_fit():
    plan = advise({**PENDING, "months_until_eras": 1}).plan
    assert plan.step("sit_step2ck").status != "optional"


def test_the_check_is_explained_by_the_measures_it_read():
    advice = advise({**PENDING, "months_until_eras": 5})
    why = advice.why_step("sit_step2ck")
    assert why.steps, "the step is explained"
    node = f"finding:plan:{advice.plan.check.verdict}"
    rules = list(advice.graph.predecessors(node))
    assert rules == ["rule:plan.tight"]
    read = set(advice.graph.predecessors(rules[0]))
    assert read == {"input:plan.spare_months_at_short_end", "input:plan.spare_months_at_long_end"}


def test_no_check_once_applications_are_in():
    assert advise({**PENDING, "phase": "ranking"}).plan.check is None
