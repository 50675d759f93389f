"""The documents' worked examples as plans: their steps, in their order, in their months.

Each example's profile is one of the shipped examples; the months come from its season and
``months_until_eras`` (ERAS opening in September is our estimate, checked in test_cycle.py).
"""

from __future__ import annotations

import pytest

from expert import advise
from expert.examples import example_profile


def steps(name):
    plan = advise(example_profile(name)).plan
    return [(s.task, s.when["start"], s.when["end"]) for s in plan]


def test_med_psych_timeline_is_the_documents_timeline_from_15_months_out():
    """med_psych § Putting It All Together: A Sample Strategy Timeline. The applicant is 15
    months before ERAS (2026-09), inside the 12–18 month stage: that stage starts now and the
    later stages keep the document's months."""
    assert steps("med_psych_timeline") == [
        ("take_step3", "2025-06", "2026-03"),          # exams done by 6 months before
        # 12–18 months before: US rotations, a small QI project
        ("secure_usce", "2025-06", "2025-09"),
        ("research_project", "2025-06", "2025-09"),
        # 9–12 months before: letters, the personal statement, the program list
        ("request_letters", "2025-09", "2025-12"),
        ("write_statement", "2025-09", "2025-12"),
        ("build_program_list", "2025-09", "2025-12"),
        # 6–9 months before: mock interviews, mentors review the statement and CV
        ("practise_interviews", "2025-12", "2026-03"),
        ("review_documents", "2025-12", "2026-03"),
        # ERAS season: submit early and complete; brief emails where there is a connection
        ("submit_on_day_one", "2026-09", "2026-09"),
        ("email_programs", "2026-09", "2026-09"),
    ]


def test_state_university_path_fits_its_12_months():
    """state_univ § Putting It All Together: A Sample Strategic Path, 12 months before ERAS
    (2026-09): Step 3 within 6–9 months, 2–4 months of USCE and 2–3 letters, a 6–12 month
    research role, then the application, the interviews' preparation and the submission."""
    plan = advise(example_profile("state_univ_sample")).plan
    assert steps("state_univ_sample") == [
        ("take_step3", "2025-09", "2026-05"),
        ("secure_usce", "2025-09", "2026-01"),
        ("research_project", "2025-09", "2026-03"),
        ("request_letters", "2026-01", "2026-03"),
        ("write_statement", "2026-01", "2026-03"),
        ("build_program_list", "2026-01", "2026-03"),
        ("practise_interviews", "2026-03", "2026-05"),
        ("review_documents", "2026-03", "2026-05"),
        ("submit_on_day_one", "2026-09", "2026-09"),
    ]
    step3 = plan.step("take_step3").months_from_now
    assert 6 <= step3["end"] <= 9, "the document schedules Step 3 within 6–9 months"
    usce = plan.step("secure_usce").months_from_now
    assert 2 <= usce["end"] - usce["start"] <= 4, "2–4 months of USCE"
    research = plan.step("research_project").months_from_now
    assert research["end"] - research["start"] >= 6, "a 6–12 month research role"
    assert plan.check.verdict == "fits"
    assert all(s.status == "compressed" for s in plan if s.stage != "eras_opening")


def test_safety_nets_227_with_9_interviews_ranks_now_and_plans_the_next_cycle_after_match():
    """safety_nets § Concrete example (Step 2 CK 227, 9 IM interviews) in the ranking phase:
    the rank list first, in February and March; nothing that builds an application for this
    cycle; a next cycle only after Match week."""
    assert steps("safety_nets_ranking") == [
        ("build_rank_list", "2026-02", "2026-03"),
        ("build_program_list", "2026-03", "2026-09"),
    ]
    plan = advise(example_profile("safety_nets_ranking")).plan
    assert plan[0].stage == "rank_list"
    assert plan[1].stage == "if_unmatched"
    assert plan[1].title.startswith("For a next cycle")


@pytest.mark.parametrize("name", ["pmr_both_low", "med_peds_pending"])
def test_an_applicant_who_may_wait_a_year_decides_that_first(name):
    """med_psych § When to Consider Retaking or Delaying: where waiting a year is advised, the
    decision is the first step, taken now."""
    plan = advise(example_profile(name)).plan
    assert plan[0].task == "decide_cycle"
    assert plan[0].start == plan.cycle.present == plan[0].end
