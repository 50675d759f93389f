"""The narrative topic: personal statement, CV, interviews and communication.

Golden cases come from the documents' worked examples, FAQ answers and concrete advice; each
names its document and section. Negative cases check that advice does not reach profiles it is
not for (strong scores, the wrong phase, the wrong specialty or citizenship).
"""

from __future__ import annotations

import re

import pytest

from expert import advise
from expert.examples import example_profile
from knowledge_base.rules.narrative import FOLLOW_UP_HOURS, GROWTH_MIN_GAIN, INCOMPATIBLE, RULES
from tests.conftest import profile

KINDS = ("personal_statement", "cv", "interview_prep", "communication")
SCORE_ACTIONS = {"explain_scores_as_growth", "keep_scores_secondary", "address_failure_briefly"}
SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")


def actions(advice, kind):
    """action -> recommendation, for one kind (actions are unique within a kind here)."""
    found = {r.value["action"]: r for r in advice.all(kind)}
    assert len(found) == len(advice.all(kind)), "two recommendations share an action"
    return found


def narrative(advice):
    return {kind: set(actions(advice, kind)) for kind in KINDS}


def score_handling(advice):
    return set(actions(advice, "personal_statement")) & SCORE_ACTIONS


# ---------------------------------------------------------------------------------------------
# Golden cases: worked examples.

class TestStateUniversitySample:
    """state_univ, 'Putting It All Together: A Sample Strategic Path': Step 1 209, Step 2 CK 224,
    a statement with a brief explanation of the scores, succinct explanations and examples of
    reliability for interviews, practice with mentors and matched peers."""

    advice = advise(example_profile("state_univ_sample"))

    def test_statement_gives_the_scores_a_short_growth_paragraph(self):
        growth = actions(self.advice, "personal_statement")["explain_scores_as_growth"]
        assert growth.rule == "statement.scores_as_growth.step2ck_gain"  # 224 - 209 = 15
        assert growth.value["points"][0] == "one_short_paragraph"
        assert "leading_with_scores" in growth.value["avoid"]
        assert score_handling(self.advice) == {"explain_scores_as_growth"}

    def test_statement_is_about_internal_medicine_and_fit(self):
        fit = actions(self.advice, "personal_statement")["focus_on_specialty_fit"]
        assert fit.rule == "statement.specialty_fit"
        assert {"why_this_specialty", "img_background_as_an_asset"} <= set(fit.value["points"])

    def test_interview_preparation(self):
        prep = actions(self.advice, "interview_prep")
        assert prep["structure_score_answer"].rule == "interview.score_answer"
        assert "reliability" in prep["prepare_examples"].value["points"]
        rehearse = prep["rehearse_answers"].value["points"]
        assert {"practice_with_faculty_mentors", "practice_with_peers_who_matched"} <= set(rehearse)

    def test_cv_leads_with_us_experience(self):
        cv = actions(self.advice, "cv")
        assert cv["lead_with_us_clinical_experience"].value["points"][0] == \
            "us_clinical_experience_first"
        depth = cv["show_depth"].value["points"]
        assert {"research_with_your_role", "clear_dates_and_explained_gaps"} <= set(depth)


class TestMedPsychTimeline:
    """med_psych, 'Putting It All Together: A Sample Strategy Timeline': Step 1 passed after a
    failure, Step 2 CK 225; a med-psych statement with a concise explanation of the failure,
    video-recorded mock interviews, mentors reviewing language, brief emails in ERAS season."""

    advice = advise(example_profile("med_psych_timeline"))

    def test_statement_names_the_failure_briefly(self):
        failure = actions(self.advice, "personal_statement")["address_failure_briefly"]
        assert failure.rule == "statement.failure_briefly.step2ck_risk"
        assert "promising_to_do_better" in failure.value["avoid"]
        assert score_handling(self.advice) == {"address_failure_briefly"}

    def test_statement_has_a_med_psych_story(self):
        statement = actions(self.advice, "personal_statement")
        assert statement["explain_why_combined"].rule == "statement.med_psych_why_combined"
        assert statement["explain_why_combined"].value["points"][0] == \
            "why_combined_rather_than_one_specialty"
        assert "focus_on_specialty_fit" not in statement  # the specialty rule replaces it

    def test_mock_interviews_and_language_review(self):
        comm = actions(self.advice, "communication")
        assert "video_record_if_possible" in comm["practice_clear_delivery"].value["points"]
        assert "review_by_native_english_speaking_mentor" in \
            comm["polish_written_english"].value["points"]

    def test_brief_emails_to_a_few_programs(self):
        email = actions(self.advice, "communication")["email_programs_with_a_connection"]
        assert email.rule == "communication.med_psych_program_emails"
        assert email.value["within_hours"] is None


class TestPmrBothLow:
    """pmr, 'Personal Statement: Address, Don’t Apologize': scores get a paragraph only with clear
    improvement; Step 1 207 and Step 2 CK 208 show none. The statement follows the PM&R
    structure; the CV is reorganized around rehabilitation ('CV: Highlight PM&R-Relevant
    Experiences'); interviews show PM&R's scope ('Interview Preparation: ...')."""

    advice = advise(example_profile("pmr_both_low"))

    def test_no_growth_paragraph_without_improvement(self):
        assert score_handling(self.advice) == {"keep_scores_secondary"}
        secondary = actions(self.advice, "personal_statement")["keep_scores_secondary"]
        assert secondary.rule == "statement.scores_secondary.step2ck_risk"

    def test_pmr_statement_structure(self):
        structure = actions(self.advice, "personal_statement")["follow_specialty_structure"]
        assert structure.rule == "statement.pmr_structure"
        assert structure.value["points"] == [
            "opening_story_tied_to_pmr", "how_interest_in_rehabilitation_and_function_grew",
            "key_experiences", "why_you_suit_pmr_and_the_resident_you_will_be"]
        assert "generic_phrases_that_fit_any_specialty" in structure.value["avoid"]

    def test_cv_and_interview_are_pmr_specific(self):
        assert actions(self.advice, "cv")["highlight_specialty_relevant_experience"].rule == \
            "cv.pmr_relevant"
        scope = actions(self.advice, "interview_prep")["show_specialty_knowledge"]
        assert "scope_emg" in scope.value["points"]


def test_safety_nets_ranking_example_gets_no_writing_or_interview_advice():
    """safety_nets, '5. Rebuilding Your Rank List' concrete example: ranking after 9 interviews;
    statement, CV and interview advice no longer apply."""
    advice = advise(example_profile("safety_nets_ranking"))
    assert narrative(advice) == {kind: set() for kind in KINDS}


def test_med_peds_pending_gets_the_specialty_statement_only():
    """med_peds, 'Personal Statement (PS) for Med-Peds': why combined and the structure hold for
    every Med-Peds applicant; with Step 1 passed and Step 2 CK pending there is no score to
    explain."""
    advice = advise(example_profile("med_peds_pending"))
    statement = actions(advice, "personal_statement")
    assert set(statement) == {"explain_why_combined", "follow_specialty_structure"}
    assert statement["explain_why_combined"].strength == "must"
    assert statement["follow_specialty_structure"].value["points"] == [
        "opening_story_with_child_and_adult_care", "how_training_showed_lifespan_continuity",
        "what_med_peds_physicians_do_and_why_it_fits_you", "specific_career_goals"]


# ---------------------------------------------------------------------------------------------
# Golden cases: FAQ answers and concrete advice.

def test_pmr_faq_low_step1_with_strong_step2ck_improvement():
    """pmr, '1. Can a non-US citizen IMG match into PM&R with a low Step 1 score?': a low Step 1
    with strong Step 2 CK improvement is the case programs consider; the statement frames it as
    growth ('4. Should I directly address my low Step scores in my personal statement?')."""
    advice = advise(profile("pmr", 235, step1={"result": 205}))
    assert score_handling(advice) == {"explain_scores_as_growth"}
    growth = actions(advice, "personal_statement")["explain_scores_as_growth"]
    assert growth.rule in {"statement.scores_as_growth.step2ck_gain",
                           "statement.scores_as_growth.sound_step2ck"}


def test_growth_threshold_is_the_documents_ten_points():
    """state_univ, '1. Maximize Step 2 CK (and Step 3 if feasible)': beat Step 1 by 10–15."""
    assert GROWTH_MIN_GAIN == 10
    just = advise(profile(step2ck=219, step1={"result": 209}))
    short = advise(profile(step2ck=218, step1={"result": 209}))
    assert score_handling(just) == {"explain_scores_as_growth"}
    assert score_handling(short) == {"keep_scores_secondary"}


def test_step3_passed_is_evidence_of_recovery():
    """state_univ, '3. Should I take Step 3 before applying if my earlier scores are low?': a better
    Step 3 gives evidence of academic recovery."""
    advice = advise(profile(step2ck=212, step1={"result": 209},
                            step3={"status": "passed", "score": 232}))
    growth = actions(advice, "personal_statement")["explain_scores_as_growth"]
    assert growth.rule == "statement.scores_as_growth.step3_passed"


def test_step3_below_step2ck_is_not_an_upward_trend():
    """pmr, 'Personal Statement: Address, Don’t Apologize': only with clear improvement."""
    advice = advise(profile(step2ck=222, step3={"status": "passed", "score": 210}))
    assert score_handling(advice) == {"keep_scores_secondary"}
    assert actions(advice, "personal_statement")["keep_scores_secondary"].rule == \
        "statement.scores_secondary.step3_lower"


def test_step2ck_failure_without_later_exams():
    """med_psych, 'If You Have a Low Step 2 CK Score or Failure': with no later exam to show,
    lean on clinical evaluations and supervisors."""
    advice = advise(profile(step2ck={"status": "failed"}))
    failure = actions(advice, "personal_statement")["address_failure_briefly"]
    assert failure.rule == "statement.failure_briefly.step2ck_risk"
    assert "point_to_clinical_evaluations_and_supervisor_praise" in failure.value["points"]


def test_step1_failure_with_step2ck_still_pending():
    """state_univ, '2. Address Failures or Very Low Scores Directly': a failed attempt gets a
    brief, honest narrative in the statement even before improvement can be shown."""
    advice = advise(profile(step2ck={"status": "pending"}, step1={"result": "fail"}))
    assert actions(advice, "personal_statement")["address_failure_briefly"].rule == \
        "statement.failure_briefly.step2ck_pending"


def test_a_failed_step3_ends_the_upward_trend():
    """state_univ, '3. Should I take Step 3 before applying if my earlier scores are low?': do not
    risk another attempt; once it has failed, it is named briefly like any other failure."""
    advice = advise(profile(step2ck=240, step1={"result": 205},
                            step3={"status": "failed", "score": 190}))
    assert score_handling(advice) == {"address_failure_briefly"}
    assert actions(advice, "personal_statement")["address_failure_briefly"].rule == \
        "statement.failure_briefly.step3_failed"


def test_step1_failure_then_strong_step2ck():
    """med_psych, 'If You Have a Low Step 1 Score or Failure': explain briefly, then pivot to a
    strong Step 2 CK."""
    advice = advise(profile(step2ck=245, step1={"result": "pass", "attempts": 2}))
    assert actions(advice, "personal_statement")["explain_scores_as_growth"].rule == \
        "statement.scores_as_growth.sound_step2ck"


def test_med_peds_answer_about_low_scores_and_follow_up():
    """med_peds, '1. Handling Questions About Low Scores' (acknowledge, contextualize, show growth,
    refocus) and '4. Professional Communication and Follow-Up' (thank-you emails in 24–72 h)."""
    advice = advise(profile("med_peds", 220, phase="interviewing"))
    answer = actions(advice, "interview_prep")["structure_score_answer"]
    assert answer.value["points"] == [
        "acknowledge_briefly", "one_or_two_sentences_of_context",
        "what_you_changed_and_the_evidence", "refocus_on_strengths_and_fit"]
    assert {"blaming_others_or_the_system", "defensive_or_apologetic_tone"} <= \
        set(answer.value["avoid"])
    thanks = actions(advice, "communication")["send_thank_you_emails"]
    assert thanks.value["within_hours"] == FOLLOW_UP_HOURS == {"min": 24, "max": 72}
    assert "follow_nrmp_rules" in \
        actions(advice, "communication")["send_letter_of_interest"].value["points"]
    assert actions(advice, "interview_prep")["present_career_plan"].rule == \
        "interview.med_peds_career_plan"


def test_med_peds_score_context_in_additional_information():
    """med_peds, '3. Build a Coherent Personal Story': 1–2 sentences of context in the statement
    or the ERAS Additional Information section."""
    advice = advise(profile("med_peds", 220))
    context = actions(advice, "personal_statement")["keep_score_context_short"]
    assert "in_statement_or_eras_additional_information" in context.value["points"]


def test_img_strengths_and_why_this_program():
    """med_peds, '2. Showcasing Your Unique Strengths as a Non-US Citizen IMG', and state_univ,
    '3. Interview Performance: ...' (why this state university program)."""
    advice = advise(profile(step2ck=223, citizenship="non_us", phase="applying"))
    prep = actions(advice, "interview_prep")
    assert "language_skills_for_immigrant_and_minority_patients" in \
        prep["show_img_strengths"].value["points"]
    assert prep["prepare_why_this_program"].value["points"][0] == "why_this_program_specifically"


# ---------------------------------------------------------------------------------------------
# Negative cases.

@pytest.mark.parametrize("specialty", ["internal_medicine", "psychiatry", "general_surgery"])
def test_strong_scores_get_no_general_narrative_advice(specialty):
    advice = advise(profile(specialty, 250))
    assert narrative(advice) == {kind: set() for kind in KINDS}


@pytest.mark.parametrize("specialty", ["pmr", "med_peds", "med_psych"])
def test_strong_scores_in_a_specialty_are_never_told_about_scores(specialty):
    advice = advise(profile(specialty, 255, phase="interviewing"))
    assert score_handling(advice) == set()
    assert "structure_score_answer" not in actions(advice, "interview_prep")
    for kind in KINDS:
        for rec in advice.all(kind):
            assert not any("score" in p for p in rec.value["points"]), rec.rule


def test_phase_decides_writing_versus_interview_advice():
    interviewing = advise(profile(step2ck=222, phase="interviewing"))
    assert actions(interviewing, "personal_statement") == {}
    assert actions(interviewing, "cv") == {}
    assert "structure_score_answer" in actions(interviewing, "interview_prep")
    ranking = advise(profile("med_peds", 222, phase="ranking"))
    assert actions(ranking, "interview_prep") == {}
    assert set(actions(ranking, "communication")) == {"send_letter_of_interest"}


def test_us_citizens_are_not_asked_about_english_or_visa_related_questions():
    advice = advise(profile(step2ck=222, citizenship="us_citizen"))
    assert "show_english_proficiency" not in actions(advice, "communication")
    assert "prepare_why_this_program" not in actions(advice, "interview_prep")


def test_no_us_experience_no_advice_to_list_it_first():
    advice = advise(profile(step2ck=222))
    assert "lead_with_us_clinical_experience" not in actions(advice, "cv")


def test_med_psych_emails_and_med_peds_follow_up_stay_in_their_specialties():
    advice = advise(profile("psychiatry", 222, phase="interviewing"))
    assert not {"send_thank_you_emails", "send_letter_of_interest",
                "email_programs_with_a_connection"} & set(actions(advice, "communication"))


# ---------------------------------------------------------------------------------------------
# The score-handling rules partition the profiles with a Step 1 or Step 2 CK risk.

STEP1 = [{"result": "pass"}, {"result": "fail"}, {"result": "pass", "attempts": 2},
         {"result": 205}, {"result": 222}, {"result": 240}]
STEP2 = [{"score": 212}, {"score": 224}, {"score": 229}, {"score": 238}, {"score": 250},
         {"status": "pending"}, {"status": "failed"}, {"score": 236, "attempts": 2}]
STEP3 = [{"status": "not_taken"}, {"status": "passed"}, {"status": "passed", "score": 205},
         {"status": "passed", "score": 245}, {"status": "failed", "score": 190}]


@pytest.mark.parametrize("step3", STEP3)
@pytest.mark.parametrize("step2", STEP2)
@pytest.mark.parametrize("step1", STEP1)
def test_exactly_one_way_to_handle_scores_when_step1_or_step2ck_is_a_risk(step1, step2, step3):
    advice = advise(profile("internal_medicine", step2, step1=step1, step3=step3))
    risks = {d["name"] for _, d in advice.graph.nodes(data=True)
             if d["type"] == "finding" and "name" in d}
    early = risks & {"step1_low", "step1_borderline", "step1_failure", "step2ck_low",
                     "step2ck_borderline", "step2ck_failure"}
    handled = score_handling(advice)
    assert len(handled) == (1 if early else 0), (risks, handled)
    failed = bool(risks & {"step1_failure", "step2ck_failure"}) or step3["status"] == "failed"
    if handled == {"keep_scores_secondary"}:
        assert not failed
    if handled == {"address_failure_briefly"}:
        assert failed


# ---------------------------------------------------------------------------------------------
# Shapes and declarations.

def test_value_shapes_are_consistent_per_kind():
    seen = 0
    for rule in RULES:
        for conclusion in rule.conclusions:
            value = conclusion.value
            keys = {"action", "points", "avoid"}
            if conclusion.kind == "communication":
                keys.add("within_hours")
            assert set(value) == keys, rule.id
            assert SNAKE.match(value["action"]), rule.id
            assert value["points"] and all(SNAKE.match(p) for p in value["points"]), rule.id
            assert all(SNAKE.match(a) for a in value["avoid"]), rule.id
            seen += 1
    assert seen == len(RULES)


def test_rules_conclude_only_narrative_kinds():
    assert {c.kind for rule in RULES for c in rule.conclusions} == set(KINDS)


def test_incompatible_pairs_name_the_score_handling_actions():
    named = {side["action"] for pair in INCOMPATIBLE for side in (pair.first, pair.second)}
    assert named == SCORE_ACTIONS


@pytest.mark.parametrize(("specialty", "asked"), [("med_psych", False), ("med_peds", False),
                                                  ("internal_medicine", True), ("pmr", True)])
def test_why_this_state_program_is_prepared_only_where_the_list_takes_in_state_universities(
        specialty, asked):
    """state_univ § 3. Interview Performance: the state-university question belongs with the
    state-university targeting, which the combined specialties' documents do not use."""
    advice = advise({"specialty": specialty, "step1": {"result": "pass"},
                     "step2ck": {"score": 222}})
    actions = {r.value["action"] for r in advice.all("interview_prep")}
    assert ("prepare_why_this_program" in actions) == asked
    targets = {r.value["action"] for r in advice.all("program_targeting")}
    assert ("target_fitting_state_universities" in targets) == asked
