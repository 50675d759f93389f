"""The documents' worked examples, each checked against the whole plan it lays out.

The single-topic golden cases live in test_golden.py and rules/test_*.py; here each example is
read as the document presents it, a plan across topics, and every step of that plan must be in
the advice.
"""

from __future__ import annotations

from expert import advise
from expert.examples import example_profile


def actions(advice, kind):
    return {r.value["action"]: r.value for r in advice.all(kind)}


class TestStateUniversitySamplePlan:
    """state_univ, 'Putting It All Together: A Sample Strategic Path' (IM, 209 / 224)."""

    advice = advise(example_profile("state_univ_sample"))

    def test_improve_academic_signaling(self):
        assert self.advice["step3"].value == "take"

    def test_strengthen_us_experience(self):
        usce = actions(self.advice, "usce_plan")["get_hands_on_usce"]
        assert (usce["min_months"], usce["max_months"]) == (2, 4)
        assert {"state_university_hospital", "public_hospital_system"} <= set(usce["settings"])
        letters = actions(self.advice, "letters_plan")["gather_letters"]
        assert (letters["min_letters"], letters["max_letters"]) == (2, 3)
        assert letters["writers"] == [{"field": "internal_medicine", "min": 2}]

    def test_add_research(self):
        research = actions(self.advice, "research_plan")["take_research_role"]
        assert (research["min_months"], research["max_months"], research["min_outputs"]) == (6, 12, 1)

    def test_application_targeting(self):
        targeting = actions(self.advice, "program_targeting")
        assert {"target_fitting_state_universities", "target_less_competitive_regions",
                "target_program_types"} <= set(targeting)
        count = self.advice["apply_count"].value
        assert count["min"] <= 80 and count["max"] >= 100  # the plan's 80–100

    def test_statement_explains_scores_briefly_as_growth(self):
        statement = actions(self.advice, "personal_statement")["explain_scores_as_growth"]
        assert "one_short_paragraph" in statement["points"]

    def test_interview_preparation(self):
        assert {"rehearse_answers", "structure_score_answer"} <= set(
            actions(self.advice, "interview_prep"))

    def test_nothing_for_later_phases(self):
        assert not {"rank_list", "mid_season", "unmatched_plan"} & set(self.advice.kinds)


class TestMedPsychTimeline:
    """med_psych, 'Putting It All Together: A Sample Strategy Timeline' (Step 1 passed after a
    failure, Step 2 CK 225, no USCE)."""

    advice = advise(example_profile("med_psych_timeline"))

    def test_12_to_18_months_rotations_in_im_and_psychiatry(self):
        usce = actions(self.advice, "usce_plan")["get_hands_on_usce"]
        assert set(usce["fields"]) == {"internal_medicine", "psychiatry"}
        assert (usce["min_rotations"], usce["ideal_rotations"]) == (2, 3)

    def test_12_to_18_months_qi_project(self):
        assert "complete_small_project" in actions(self.advice, "research_plan")

    def test_9_to_12_months_letters_and_statement(self):
        letters = actions(self.advice, "letters_plan")["gather_letters"]
        assert {w["field"] for w in letters["writers"]} >= {"internal_medicine", "psychiatry"}
        statement = actions(self.advice, "personal_statement")
        assert {"explain_why_combined", "address_failure_briefly"} <= set(statement)

    def test_9_to_12_months_program_list(self):
        parts = {p["track"]: p for p in self.advice["apply_count"].value["parts"]}
        assert parts["med_psych"]["scope"] == "all_realistic"
        plan = actions(self.advice, "parallel_plan")["apply_categorical_in_parallel"]
        assert set(plan["parallel"]) == {"psychiatry", "internal_medicine"}

    def test_6_to_9_months_mock_interviews_and_review(self):
        assert {"practice_clear_delivery", "polish_written_english"} <= set(
            actions(self.advice, "communication"))

    def test_eras_season_early_submission_and_a_few_emails(self):
        assert "submit_on_day_one" in actions(self.advice, "timing")
        assert "email_programs_with_a_connection" in actions(self.advice, "communication")


class TestSafetyNetsRankListExample:
    """safety_nets, '5. Rebuilding Your Rank List: A Practical Framework', 'Concrete example':
    Step 2 CK 227, nine IM interviews."""

    advice = advise(example_profile("safety_nets_ranking"))

    def test_tiers_and_composition(self):
        rank = actions(self.advice, "rank_list")
        assert rank["tier_programs"]["tiers"] == ["reach", "match", "safety"]
        percent = rank["balance_tiers"]["percent"]
        assert (percent["reach"], percent["match"], percent["safety"]) == (
            {"min": 10, "max": 20}, {"min": 30, "max": 40}, {"min": 40, "max": 60})

    def test_one_or_two_loved_reaches_then_the_safety_nets(self):
        assert actions(self.advice, "rank_list")["rank_safeties_high"]["max_reach_on_top"] == 2

    def test_red_flags_and_review(self):
        assert {"check_aiming_too_high", "get_honest_review",
                "rank_imperfect_over_unmatched"} <= set(actions(self.advice, "rank_list"))

    def test_nine_interviews_need_no_mid_season_rescue(self):
        assert "mid_season" not in self.advice


def test_few_interviews_mid_season_rescue():
    """safety_nets '6. Expanding Your Safety Net: Mid-Season Adjustments' and its 7-day plan."""
    data = example_profile("safety_nets_ranking") | {"phase": "interviewing", "interviews": 2}
    rescue = actions(advise(data), "mid_season")
    assert (rescue["expand_applications"]["min_programs"],
            rescue["expand_applications"]["max_programs"]) == (20, 40)
    assert "send_interest_emails" in rescue
