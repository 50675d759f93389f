"""The application season and after: exam_plan, timing, mid_season, rank_list, unmatched_plan.

Golden cases come from the documents' worked examples, FAQ answers and concrete advice; each
names its document and section. Negative cases check that advice does not fire where it should
not; the property tests check that waiting a year and submitting on day one never meet.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expert import advise
from expert.consultation.consult import consult
from expert.engine.recording import EnginePool
from expert.examples import example_profile
from expert.inputs.profiles import to_profile
from knowledge_base.rules import scores, season
from tests.conftest import profile
from tests.strategies import profiles

SEASON_KINDS = ("exam_plan", "timing", "mid_season", "rank_list", "unmatched_plan")


def actions(advice, kind):
    """action -> recommendation, for one kind (each action appears once per profile)."""
    found = advice.all(kind)
    by_action = {r.value["action"]: r for r in found}
    assert len(by_action) == len(found), [r.value for r in found]
    return by_action


def timing(advice):
    return set(actions(advice, "timing"))


# --- (a) exam_plan ---------------------------------------------------------------------------

class TestStep2ckPendingWithLowPractice:
    """med_peds, '1. Optimize Remaining Exams (Especially Step 2 CK and Step 3)' and FAQ 2 '2.
    Should I delay my application to improve my Step 2 CK score?': the Med-Peds example with
    Step 2 CK pending, practice 218, no USCE, graduated eight years before the season."""

    advice = advise(example_profile("med_peds_pending"))

    def test_step2ck_is_the_decisive_exam(self):
        plan = actions(self.advice, "exam_plan")
        assert plan["make_step2ck_decisive"].rule == "exam_plan.step2ck_decisive"
        assert {"book_when_practice_at_target", "schedule_best_window",
                "daily_timed_questions"} <= set(plan)

    def test_do_not_book_with_practice_in_the_low_range(self):
        keep = actions(self.advice, "exam_plan")["keep_preparing"]
        assert keep.value == {"action": "keep_preparing", "practice_target": 225}
        assert keep.rule == "exam_plan.practice_below_target"
        assert keep.strength == "caution" and "218" in keep.summary

    def test_no_step1_target_without_a_numeric_step1(self):
        assert "outscore_step1" not in actions(self.advice, "exam_plan")

    def test_several_risk_factors_make_a_year_delay_wise(self):
        (delay,) = self.advice.all("timing")
        assert delay.value == {"action": "delay_one_year", "focus": ["step2ck"]}
        assert delay.rule == "timing.delay_for_step2ck.no_usce_and_older_graduate"
        assert delay.strength == "consider"


def test_outscore_a_numeric_step1_by_10_to_15():
    """state_univ, '1. Maximize Step 2 CK (and Step 3 if feasible)': beat Step 1 by at least
    10–15 points; med_peds '1. Optimize Remaining Exams': register only at the target."""
    advice = advise(profile(step1={"result": 209}, step2ck={"status": "pending",
                                                            "practice_score": 231},
                            months_until_eras=8))
    plan = actions(advice, "exam_plan")
    assert plan["outscore_step1"].value == {"action": "outscore_step1", "min_gain": 10,
                                            "max_gain": 15}
    assert "209" in plan["outscore_step1"].summary
    assert "keep_preparing" not in plan
    assert plan["daily_timed_questions"].value["min_questions"] == 40
    assert plan["daily_timed_questions"].value["max_questions"] == 80


def test_failed_step2ck_is_still_to_pass():
    """state_univ '1. Maximize Step 2 CK': the exam not yet passed stays the decisive one."""
    advice = advise(profile(step2ck={"status": "failed"}))
    assert "make_step2ck_decisive" in actions(advice, "exam_plan")


def test_no_exam_plan_once_step2ck_is_taken():
    """pmr 'Step 2: Optimize Everything You Still Control': only a pending Step 2 CK is still
    under the applicant's control."""
    for data in (example_profile("state_univ_sample"), profile(step2ck=260)):
        assert advise(data).all("exam_plan") == ()


def test_best_window_only_before_applying():
    """pmr 'Step 2: Optimize Everything You Still Control': the test date is chosen around the
    opening of ERAS, which only matters while preparing."""
    data = {**example_profile("med_peds_pending"), "phase": "applying"}
    assert "schedule_best_window" not in actions(advise(data), "exam_plan")


# --- (b) timing ------------------------------------------------------------------------------

def test_submit_on_day_one_with_a_complete_file():
    """pmr 'Applying Early and Completely' and med_psych 'ERAS Season'."""
    (day_one,) = advise(profile("pmr", 226)).all("timing")
    assert day_one.value == {"action": "submit_on_day_one", "complete_file": [
        "personal_statement", "common_application_form", "cv", "letters"]}
    assert day_one.strength == "must"
    assert day_one.rule == "timing.submit_on_day_one.step2ck_not_very_low"


def test_state_univ_sample_applies_on_time_without_waiting_for_step3():
    """state_univ 'Putting It All Together: A Sample Strategic Path' (Step 2 CK 224) read with
    med_psych 'When to Consider Retaking or Delaying': apply on time, Step 3 alongside."""
    advice = advise(example_profile("state_univ_sample"))
    assert timing(advice) == {"submit_on_day_one", "dont_delay_for_step3"}
    assert actions(advice, "timing")["dont_delay_for_step3"].strength == "caution"


class TestDoNotDelayForStep3:
    """med_psych, 'When to Consider Retaking or Delaying': the sample timeline's 225."""

    def test_borderline_or_low_step2ck_gets_the_caution(self):
        advice = advise(example_profile("med_psych_timeline"))
        assert actions(advice, "timing")["dont_delay_for_step3"].rule == \
            "timing.dont_delay_for_step3"

    @pytest.mark.parametrize("change", [{"step3": {"status": "passed"}},
                                        {"step2ck": {"score": 250}},
                                        {"phase": "interviewing"}])
    def test_not_when_step3_is_done_the_score_strong_or_already_applied(self, change):
        data = {**example_profile("med_psych_timeline"), **change}
        assert "dont_delay_for_step3" not in timing(advise(data))


class TestUnder220:
    """safety_nets FAQ '1. My Step 2 is under 220 as an IMG. Should I still apply this cycle or
    wait?', on the PM&R example with Step 2 CK 208 and a two-month observership."""

    base = example_profile("pmr_both_low")

    def test_not_applied_and_no_strong_usce_or_research_wait_a_year(self):
        (delay,) = advise(self.base).all("timing")
        assert delay.value == {"action": "delay_one_year", "focus": ["usce", "step3", "us_letters"]}
        assert delay.rule == "timing.delay_to_strengthen"

    def test_already_applied_keep_going_ready_for_soap(self):
        advice = advise({**self.base, "phase": "interviewing"})
        assert timing(advice) == {"stay_in_cycle"}
        assert actions(advice, "timing")["stay_in_cycle"].value["prepare_for"] == \
            ["soap", "reapplication"]

    @pytest.mark.parametrize("change, rule", [
        ({"usce": [{"specialty": "pmr", "type": "externship", "months": 3}]},
         "timing.submit_on_day_one.usce_offsets_low_score"),
        ({"research_outputs": 2}, "timing.submit_on_day_one.research_offsets_low_score"),
    ])
    def test_strong_usce_or_research_apply_now(self, change, rule):
        advice = advise({**self.base, **change})
        assert timing(advice) == {"submit_on_day_one"}
        assert actions(advice, "timing")["submit_on_day_one"].rule == rule


class TestDelayForStep2ck:
    """med_peds FAQ 2: delay only with Step 2 CK not taken, low practice scores and several risk
    factors, and only before applying."""

    base = example_profile("med_peds_pending")

    @pytest.mark.parametrize("change", [
        {"graduation_year": 2025},                                # one risk factor left
        {"usce": [{"specialty": "pediatrics", "months": 2}]},     # likewise
        {"step2ck": {"status": "pending", "practice_score": 232}},  # practice at the target
        {"step2ck": {"status": "pending"}},                       # no practice score yet
        {"phase": "applying"},                                    # already applied
    ])
    def test_no_delay(self, change):
        assert "delay_one_year" not in timing(advise({**self.base, **change}))

    def test_low_step1_counts_as_a_risk_factor(self):
        advice = advise({**self.base, "graduation_year": 2025, "step1": {"result": 205}})
        assert actions(advice, "timing")["delay_one_year"].rule == \
            "timing.delay_for_step2ck.low_step1_and_no_usce"

    def test_practice_at_target_submit_on_day_one(self):
        data = {**self.base, "step2ck": {"status": "pending", "practice_score": 232}}
        assert actions(advise(data), "timing")["submit_on_day_one"].rule == \
            "timing.submit_on_day_one.practice_at_target"


@pytest.mark.parametrize("certified, phase, expected", [
    (False, "preparing", True), (False, "applying", True),
    (True, "preparing", False), (None, "preparing", False), (False, "ranking", False),
])
def test_ecfmg_certification_on_track_early(certified, phase, expected):
    """pmr 'Applying Early and Completely': ECFMG certification on track as early as possible."""
    extra = {} if certified is None else {"ecfmg_certified": certified}
    advice = advise(profile(phase=phase, **extra))
    assert ("complete_ecfmg_certification" in timing(advice)) is expected


# --- (c) mid_season --------------------------------------------------------------------------

class TestFewInterviews:
    """safety_nets '6. Expanding Your Safety Net: Mid-Season Adjustments' and '9. A Practical
    7-Day Action Plan To Fix Your Strategy': three interviews while interviewing."""

    advice = advise(profile(step2ck=227, phase="interviewing", interviews=3))

    def test_the_rescue_protocol(self):
        assert set(actions(self.advice, "mid_season")) == {
            "expand_applications", "send_interest_emails", "ask_us_contacts_for_support",
            "follow_seven_day_plan", "plan_backup_pathway"}

    def test_numbers(self):
        plan = actions(self.advice, "mid_season")
        expand, emails = plan["expand_applications"].value, plan["send_interest_emails"].value
        assert (expand["min_programs"], expand["max_programs"]) == (20, 40)
        assert "img_heavy" in expand["targets"]
        assert (emails["min_programs"], emails["max_programs"]) == (10, 15)
        assert (emails["min_sentences"], emails["max_sentences"]) == (5, 7)
        assert {"ecfmg_status", "visa_needs", "usmle_scores"} <= set(emails["mention"])
        assert "3" in plan["expand_applications"].summary

    def test_the_seven_days_in_order(self):
        steps = actions(self.advice, "mid_season")["follow_seven_day_plan"].value["steps"]
        assert steps == ["audit_programs", "restructure_rank_list", "expand_and_email",
                         "plan_backup_pathway", "get_honest_review"]


@pytest.mark.parametrize("fields", [
    {"phase": "interviewing", "interviews": 6},       # a reasonable number (6–12)
    {"phase": "interviewing"},                        # count not given
    {"phase": "preparing", "interviews": 0},          # not in the season yet
    {"phase": "unmatched", "interviews": 2},          # the season is over
])
def test_no_mid_season_rescue(fields):
    """safety_nets '5. Rebuilding Your Rank List': 6–12 interviews is a reasonable number."""
    assert advise(profile(step2ck=227, **fields)).all("mid_season") == ()


def test_under_interviewed_at_ranking_only_plans_the_backup():
    """safety_nets 'Day 6: Backup pathway planning': late in the season, expansion is over."""
    advice = advise(profile(step2ck=227, phase="ranking", interviews=2))
    assert set(actions(advice, "mid_season")) == {"plan_backup_pathway"}


# --- (d) rank_list ---------------------------------------------------------------------------

class TestRankListExample:
    """safety_nets '5. Rebuilding Your Rank List: A Practical Framework', the concrete example:
    Step 1 pass, Step 2 CK 227, nine IM interviews."""

    advice = advise(example_profile("safety_nets_ranking"))

    def test_the_advice(self):
        assert set(actions(self.advice, "rank_list")) == {
            "tier_programs", "balance_tiers", "rank_safeties_high",
            "rank_imperfect_over_unmatched", "check_aiming_too_high", "get_honest_review"}

    def test_composition(self):
        mix = actions(self.advice, "rank_list")["balance_tiers"].value["percent"]
        assert mix == {"reach": {"min": 10, "max": 20}, "match": {"min": 30, "max": 40},
                       "safety": {"min": 40, "max": 60}}
        chart = {"reach": 20, "match": 35, "safety": 45}  # the document's doughnut chart
        assert all(mix[tier]["min"] <= share <= mix[tier]["max"] for tier, share in chart.items())

    def test_one_or_two_loved_reach_programs_then_the_safety_nets(self):
        rule = actions(self.advice, "rank_list")["rank_safeties_high"]
        assert rule.value["max_reach_on_top"] == 2

    def test_red_flags_of_aiming_too_high(self):
        """safety_nets '8. Red Flags You Are Still Aiming Too High'."""
        flags = actions(self.advice, "rank_list")["check_aiming_too_high"]
        assert flags.strength == "caution"
        assert {"top_ten_all_big_coastal_cities", "most_ranked_under_20_percent_img",
                "relying_on_interviews_to_close_score_gap"} <= set(flags.value["red_flags"])

    def test_nine_interviews_need_no_rescue(self):
        assert self.advice.all("mid_season") == ()


def test_rank_imperfect_program_above_no_residency():
    """safety_nets FAQ '2. Should I rank a program that seemed disorganized or had bad reviews,
    just because it is IMG-friendly?': yes, unless it is unsafe."""
    advice = advise(profile(step2ck=250, phase="ranking", interviews=10))
    rank = actions(advice, "rank_list")
    assert rank["rank_imperfect_over_unmatched"].value["exclude_if"] == [
        "unsafe_patient_care", "chronic_violations", "residents_warn_applicants_away"]
    # a strong score is no score risk: the survival mix and red flags are not needed
    assert set(rank) == {"tier_programs", "rank_imperfect_over_unmatched"}


@pytest.mark.parametrize("phase", ["preparing", "applying", "unmatched"])
def test_no_rank_list_advice_outside_interviewing_and_ranking(phase):
    assert advise(profile(step2ck=227, phase=phase)).all("rank_list") == ()


# --- (e) unmatched_plan ----------------------------------------------------------------------

class TestUnmatchedPmr:
    """pmr 'If You Don’t Match in PM&R' and safety_nets '12. If You Do Not Match: Use That Year
    Ruthlessly Well'."""

    advice = advise(profile("pmr", 215, phase="unmatched", interviews=2))

    def test_the_plan(self):
        assert set(actions(self.advice, "unmatched_plan")) == {
            "request_feedback", "analyze_last_cycle", "prioritize_the_year", "plan_soap",
            "reapply_img_heavy", "strengthen_in_field"}

    def test_priority_order(self):
        value = actions(self.advice, "unmatched_plan")["prioritize_the_year"].value
        assert value["priorities"] == ["hands_on_usce", "step3_early", "documentable_activity",
                                       "new_us_letters"]

    def test_strengthen_in_pmr(self):
        value = actions(self.advice, "unmatched_plan")["strengthen_in_field"].value
        assert value["field"] == "pmr"
        assert "us_research_position_in_pmr_or_related" in value["steps"]

    def test_step3_and_prelim_stay_with_their_own_rules(self):
        assert self.advice["step3"].rule == "step3.unmatched_year"
        assert self.advice["prelim_backup"].rule == "backup.unmatched_prelim_positions"
        concluded = {kind for rule in season.RULES for kind in rule.concludes}
        assert concluded <= {f"recommendation {kind}" for kind in SEASON_KINDS}


@pytest.mark.parametrize("specialty, step", [
    ("med_peds", "med_peds_relevant_rotations"),   # med_peds '1. Strengthening Between Cycles'
    ("med_psych", "categorical_route_to_med_psych_career"),  # med_psych 'If You Don’t Match'
])
def test_strengthen_in_the_combined_fields(specialty, step):
    advice = advise(profile(specialty, 222, phase="unmatched"))
    value = actions(advice, "unmatched_plan")["strengthen_in_field"].value
    assert value["field"] == specialty and step in value["steps"]


def test_other_fields_get_the_general_plan_only():
    """safety_nets '12. If You Do Not Match': the priority order holds for every field."""
    plan = actions(advise(profile("internal_medicine", 222, phase="unmatched")), "unmatched_plan")
    assert "prioritize_the_year" in plan and "strengthen_in_field" not in plan


@pytest.mark.parametrize("phase", ["preparing", "applying", "interviewing", "ranking"])
def test_no_unmatched_plan_before_match_day(phase):
    assert advise(profile(step2ck=222, phase=phase)).all("unmatched_plan") == ()


# --- never delay and submit on day one together ----------------------------------------------

STEP2CK_CASES = [
    *({"score": score} for score in (210, 219, 220, 230)),
    {"status": "pending"},
    *({"status": "pending", "practice_score": score} for score in (215, 224, 225)),
    {"status": "failed"},
]
STEP1_CASES = ["pass", "fail", 205]
USCE_CASES = [[], [{"specialty": "internal_medicine", "months": 2}],
              [{"specialty": "internal_medicine", "type": "externship", "months": 3}]]
GRADUATED_AGO = [None, 6]


def _expected_timing(step2ck, step1, usce, research, graduated_ago):
    """The documents' conditions, stated directly (IM: Step 1 is low below 215; a Step 2 CK
    to retake weighs like one not yet taken with low practice scores)."""
    hands_on = sum(x["months"] for x in usce if x.get("type", "observership") != "observership")
    risks = sum([step1 == "fail" or (isinstance(step1, int) and step1 < 215), not usce,
                 graduated_ago is not None and graduated_ago >= 5])
    practice, score = step2ck.get("practice_score"), step2ck.get("score")
    to_pass = (practice is not None and practice < 225) or step2ck.get("status") == "failed"
    delay = (to_pass and risks >= 2) or \
        (score is not None and score < 220 and hands_on < 3 and research == 0)
    day_one = not delay and (step2ck.get("status") == "failed" or score is not None
                             or (practice is not None and practice >= 225))
    return delay, day_one


def test_delay_and_day_one_over_a_grid_of_preparing_profiles():
    """med_peds FAQ 2, safety_nets FAQ 1 and pmr 'Applying Early and Completely' together: each
    preparing profile gets the delay exactly when the documents' conditions hold, and day-one
    submission exactly when it is not delayed and a test clears it. Run on the score rules and
    this module only, for speed (the property test below runs the whole knowledge base)."""
    pool = EnginePool((*scores.RULES, *season.RULES))
    grid = itertools.product(STEP2CK_CASES, STEP1_CASES, USCE_CASES, (0, 1), GRADUATED_AGO)
    for step2ck, step1, usce, research, ago in grid:
        data = profile(step2ck=dict(step2ck), step1={"result": step1}, usce=usce,
                       research_outputs=research, phase="preparing", season=2027,
                       **({} if ago is None else {"graduation_year": 2027 - ago}))
        decisions = consult(to_profile(data), pool).decisions
        got = {d.fact.value["action"] for d in decisions if d.fact.kind == "timing"}
        expected = _expected_timing(step2ck, step1, usce, research, ago)
        assert ("delay_one_year" in got, "submit_on_day_one" in got) == expected, data


@settings(max_examples=100, deadline=None)
@given(profiles(), st.integers(0, 2), st.booleans())
def test_no_season_contradictions(data, research, preparing):
    data = {**data, "research_outputs": research, **({"phase": "preparing"} if preparing else {})}
    given_advice = [(r.kind, r.value) for r in advise(data)]
    assert [pair.why for pair in season.INCOMPATIBLE if pair.violated_by(given_advice)] == []


def test_the_declared_contradictions_are_about_timing():
    assert {pair.first["action"] for pair in season.INCOMPATIBLE} == {"delay_one_year"}
    assert {pair.second["action"] for pair in season.INCOMPATIBLE} == {
        "submit_on_day_one", "stay_in_cycle", "dont_delay_for_step3"}


@pytest.mark.parametrize(("specialty", "score", "waits"), [
    ("pmr", 214, False), ("pmr", 209, True), ("internal_medicine", 214, True),
    ("internal_medicine", 220, False), ("med_psych", 219, True), ("med_peds", 219, True),
    ("med_peds", 222, False)])
def test_the_wait_a_year_case_reads_the_floor_of_the_specialtys_scale(specialty, score, waits):
    """safety_nets FAQ 1's under-220 case is the floor of the general scale; PM&R's scale puts
    its floor at 210 (pmr § What Is "Low" in the PM&R Context?: 210–220 is borderline)."""
    advice = advise({"specialty": specialty, "step1": {"result": "pass"},
                     "step2ck": {"score": score}, "months_until_eras": 7})
    actions = {r.value["action"] for r in advice.all("timing")}
    assert ("delay_one_year" in actions) == waits
    assert ("submit_on_day_one" in actions) == (not waits)


@pytest.mark.parametrize(("step1", "usce", "graduation_year", "waits"), [
    ({"result": "fail", "attempts": 2}, [], None, True),           # Step 1 failure + no USCE
    ({"result": "pass"}, [], 2015, True),                          # no USCE + older graduate
    ({"result": "pass"}, [], None, False),                         # no USCE alone
    ({"result": "fail", "attempts": 2},
     [{"specialty": "internal_medicine", "type": "externship", "months": 3}], None, False),
])
def test_a_step2ck_to_retake_is_judged_like_one_not_yet_taken(step1, usce, graduation_year,
                                                              waits):
    """med_peds FAQ 2: two or more of the risk factors make a year's delay worth it, whether
    the Step 2 CK is still to take or to retake; otherwise, submit on day one."""
    data = {"specialty": "internal_medicine", "step1": step1,
            "step2ck": {"status": "failed", "attempts": 1}, "usce": usce,
            "graduation_year": graduation_year, "season": 2027, "months_until_eras": 10}
    actions = {r.value["action"] for r in advise(data).all("timing")}
    assert ("delay_one_year" in actions) == waits
    assert ("submit_on_day_one" in actions) == (not waits)
