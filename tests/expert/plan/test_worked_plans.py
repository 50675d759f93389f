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
        # 12–18 months before: US rotations, a small QI project
        ("secure_usce", "2025-06", "2025-09"),
        ("research_project", "2025-06", "2025-09"),
        ("learn_us_documentation", "2025-06", "2025-09"),  # H&Ps, notes, mental status exams
        ("take_step3", "2025-06", "2026-03"),          # Step 3 done by 6 months before
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
    research role and a free clinic, then the application, the interviews' preparation and the submission."""
    plan = advise(example_profile("state_univ_sample")).plan
    assert steps("state_univ_sample") == [
        ("secure_usce", "2025-09", "2026-01"),
        ("research_project", "2025-09", "2026-03"),
        ("volunteer_free_clinic", "2025-09", "2026-01"),
        ("take_step3", "2025-09", "2026-05"),
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
        ("weigh_step3", "2026-03", "2026-09"),
        ("build_program_list", "2026-03", "2026-09"),
    ]
    plan = advise(example_profile("safety_nets_ranking")).plan
    assert plan[0].stage == "rank_list"
    assert all(s.stage == "if_unmatched" and s.title.startswith("For a next cycle")
               for s in plan[1:])


@pytest.mark.parametrize(("name", "match_year"), [("pmr_both_low", 2027),
                                                  ("med_peds_pending", 2028)])
def test_where_waiting_a_year_is_advised_the_plan_is_for_the_next_cycle(name, match_year):
    """safety_nets FAQ 1 and med_peds FAQ 2: not yet applied, and waiting is advised: the plan
    confirms that now, strengthens over the documents' whole timeline, and applies on the day
    the next cycle's ERAS opens."""
    advice = advise(example_profile(name))
    plan = advice.plan
    assert plan.branch.cycle == "next_cycle" and plan.cycle.match_year == match_year
    assert plan[0].task == "decide_cycle"
    assert plan[0].start == plan.cycle.present == plan[0].end
    assert plan[-1].task == "apply_next_cycle"
    assert plan[-1].when == {"start": f"{match_year - 1}-09", "end": f"{match_year - 1}-09"}
    assert "submit_on_day_one" not in [s.task for s in plan]
    assert advice.to_dict()["plan_branch"]["match_year"] == match_year


def test_the_med_peds_applicant_who_waits_gets_the_whole_timeline_before_the_next_eras():
    assert steps("med_peds_pending") == [
        ("decide_cycle", "2025-12", "2025-12"),
        ("sit_step2ck", "2026-03", "2027-03"),
        ("secure_usce", "2026-03", "2026-09"),
        ("stay_clinically_active", "2026-03", "2026-09"),
        ("leave_step3_for_later", "2026-03", "2027-03"),
        ("request_letters", "2026-09", "2026-12"),
        ("write_statement", "2026-09", "2026-12"),
        ("build_program_list", "2026-09", "2026-12"),
        ("practise_interviews", "2026-12", "2027-03"),
        ("apply_next_cycle", "2027-09", "2027-09"),
    ]


def test_ranking_with_no_interview_leads_to_match_week_and_the_next_cycle():
    """safety_nets § 9, Day 6: under-interviewed late in the season, map out SOAP and the next
    cycle; with no interview there is no rank list to build."""
    advice = advise({"specialty": "internal_medicine", "step1": {"result": "pass"},
                     "step2ck": {"score": 215}, "phase": "ranking", "interviews": 0,
                     "season": 2026})
    assert "rank_list" not in advice
    tasks = [s.task for s in advice.plan]
    assert "build_rank_list" not in tasks
    soap = advice.plan.step("plan_backup_pathway")
    assert soap.stage == "match_week" and soap.when == {"start": "2026-03", "end": "2026-03"}
    assert advice.plan[-1].stage == "if_unmatched"


def test_the_unmatched_year_follows_safety_nets_order_and_ends_in_reapplying():
    """safety_nets § 12: Match week first (SOAP, feedback), then the year in its order (US
    clinical experience, Step 3, documented activity, new letters), then reapplying the day
    ERAS opens again."""
    advice = advise({"specialty": "internal_medicine", "step1": {"result": "pass"},
                     "step2ck": {"score": 222}, "season": 2026, "phase": "unmatched"})
    tasks = [s.task for s in advice.plan]
    assert tasks[:3] == ["plan_soap", "get_feedback", "set_year_priorities"]
    year = [t for t in tasks if advice.plan.step(t).stage == "reapplication_year"]
    assert year[:5] == ["secure_usce", "take_step3", "stay_clinically_active",
                        "volunteer_free_clinic", "request_letters"]
    assert advice.plan.step("reapply_on_day_one").when == {"start": "2026-09",
                                                           "end": "2026-09"}
    assert advice.plan.branch.cycle == "next_cycle" and advice.plan.cycle.match_year == 2027


def test_too_few_interviews_mid_season_puts_the_seven_day_plan_first():
    """safety_nets § 9: the rescue is this week's work, ahead of the interviews and the rank
    list."""
    advice = advise({"specialty": "internal_medicine", "step1": {"result": "pass"},
                     "step2ck": {"score": 222}, "season": 2026, "phase": "interviewing",
                     "interviews": 3})
    first = advice.plan[:3]
    assert [s.task for s in first] == ["audit_applications", "expand_applications",
                                       "plan_backup_pathway"]
    assert all(s.when == {"start": "2025-11", "end": "2025-11"} for s in first)
