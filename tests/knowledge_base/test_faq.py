"""Every FAQ answer of the five documents, asserted on the recommendations it implies.

Each test names the document and the question; the profile is the situation the question
describes, and the assertions are what the answer advises.
"""

from __future__ import annotations

from expert import advise
from tests.conftest import profile


def actions(advice, kind):
    return {r.value["action"]: r.value for r in advice.all(kind)}


def pmr_usce(months=2):
    return [{"specialty": "pmr", "type": "elective", "months": months}]


# --- pmr ------------------------------------------------------------------------------------

def test_pmr_1_low_step1_with_improvement_and_pmr_experience():
    """pmr FAQ 1: a low Step 1 with a much better Step 2 CK, PM&R USCE and US physiatrist letters:
    some programs will consider you; apply broadly, not only to the most competitive."""
    advice = advise(profile("pmr", 228, step1={"result": 206}, usce=pmr_usce(),
                            letters=[{"specialty": "pmr"}, {"specialty": "pmr"}]))
    assert "explain_scores_as_growth" in actions(advice, "personal_statement")
    assert advice["apply_count"].value["min"] == 60
    assert "big_name_academic" in actions(advice, "program_targeting")["target_program_types"]["avoid"]
    assert "get_pmr_usce" not in actions(advice, "usce_plan")


def test_pmr_2_step3_when_it_helps_and_when_not_to_rush():
    """pmr FAQ 2: not mandatory; helps when both scores are low, and for H-1B; don't rush."""
    both_low = profile("pmr", 205, step1={"result": 205}, months_until_eras=8)
    assert advise(both_low)["step3"].value == "take"
    assert advise(profile("pmr", 232, visa="h1b"))["step3"].value == "take"
    assert advise(profile("pmr", 212, months_until_eras=1))["step3"].value == "dont_rush"
    assert advise(profile("pmr", 232))["step3"].value == "not_needed"


def test_pmr_3_sixty_to_eighty_img_friendly_j1_programs():
    """pmr FAQ 3: at least 60–80 PM&R programs, IMG-friendly, J-1, many regions."""
    advice = advise(profile("pmr", 209))
    assert (advice["apply_count"].value["min"], advice["apply_count"].value["max"]) == (60, 80)
    targeting = actions(advice, "program_targeting")
    assert targeting["filter_by_visa"]["visa"] == "j1"
    assert "target_less_competitive_regions" in targeting


def test_pmr_4_scores_in_the_statement_only_as_growth():
    """pmr FAQ 4: only briefly, and only framed as growth."""
    grew = advise(profile("pmr", 226, step1={"result": 208}))
    assert "one_short_paragraph" in actions(grew, "personal_statement")["explain_scores_as_growth"]["points"]
    flat = advise(profile("pmr", 209, step1={"result": 207}))
    assert "explain_scores_as_growth" not in actions(flat, "personal_statement")


# --- state_univ -----------------------------------------------------------------------------

def test_state_univ_1_state_university_match_is_possible_with_the_right_targets():
    """state_univ FAQ 1: improvement, USCE, letters, research, IMG-friendly state programs."""
    advice = advise(profile("internal_medicine", 223))
    assert "target_fitting_state_universities" in actions(advice, "program_targeting")
    assert "take_research_role" in actions(advice, "research_plan")
    assert "get_hands_on_usce" in actions(advice, "usce_plan")


def test_state_univ_2_a_mix_of_university_and_community():
    """state_univ FAQ 2: not only community programs; a mix, especially university-affiliated."""
    types = actions(advise(profile("internal_medicine", 222)), "program_targeting")["target_program_types"]
    assert {"community", "university_affiliated_community"} <= set(types["look_for"])


def test_state_univ_3_step3_before_applying():
    """state_univ FAQ 3: yes if you can prepare and finish before ERAS; otherwise don't rush."""
    assert advise(profile("internal_medicine", 222, step1={"result": 210},
                          months_until_eras=9))["step3"].value == "take"
    assert advise(profile("internal_medicine", 222, months_until_eras=1))["step3"].value == "dont_rush"


def test_state_univ_4_sixty_to_one_twenty_for_core_specialties():
    """state_univ FAQ 4: 60–120 programs for core specialties."""
    for specialty in ("family_medicine", "pediatrics", "psychiatry", "neurology", "pathology"):
        count = advise(profile(specialty, 226))["apply_count"].value
        assert (count["min"], count["max"]) == (60, 120), specialty


# --- med_peds -------------------------------------------------------------------------------

def test_med_peds_1_apply_to_categorical_in_parallel():
    """med_peds FAQ 1: strongly consider categorical IM or Peds in parallel."""
    plan = actions(advise(profile("med_peds", 221)), "parallel_plan")["apply_categorical_in_parallel"]
    assert set(plan["parallel"]) == {"internal_medicine", "pediatrics"}


def test_med_peds_2_delay_for_a_much_better_step2ck():
    """med_peds FAQ 2: not taken, low practice scores and several risk factors: delaying a year
    can be wise."""
    advice = advise(profile("med_peds", {"status": "pending", "practice_score": 210},
                            step1={"result": 207}, months_until_eras=4))
    assert actions(advice, "timing")["delay_one_year"]["focus"] == ["step2ck"]
    assert "submit_on_day_one" not in actions(advice, "timing")


def test_med_peds_3_hands_on_im_and_peds_experience():
    """med_peds FAQ 3: hands-on sub-internships in IM and Peds, 2–3 months, letters from them."""
    usce = actions(advise(profile("med_peds", 222)), "usce_plan")["get_hands_on_usce"]
    assert (usce["min_months"], usce["max_months"]) == (2, 3)
    assert {"internal_medicine", "pediatrics"} <= set(usce["fields"])


def test_med_peds_4_a_structured_answer_about_scores():
    """med_peds FAQ 4: acknowledge, context, actions, evidence of growth, back to strengths."""
    advice = advise(profile("med_peds", 221, step1={"result": "pass", "attempts": 2}))
    answer = actions(advice, "interview_prep")["structure_score_answer"]["points"]
    assert answer[0] == "acknowledge_briefly" and answer[-1] == "refocus_on_strengths_and_fit"


# --- med_psych ------------------------------------------------------------------------------

def test_med_psych_1_low_220s_apply_in_parallel():
    """med_psych FAQ 1: with low 220s a few programs may consider you; apply in parallel."""
    advice = advise(profile("med_psych", 222))
    assert advice.all("score_band")[0].value["band"] == "low"
    assert "apply_categorical_in_parallel" in actions(advice, "parallel_plan")


def test_med_psych_2_experience_and_letters_that_speak_to_clinical_ability():
    """med_psych FAQ 2: USCE in IM and psychiatry, letters attesting safety and reasoning."""
    advice = advise(profile("med_psych", 224))
    content = actions(advice, "letters_plan")["shape_letter_content"]["points"]
    assert "scores_understate_clinical_ability" in content
    assert {"internal_medicine", "psychiatry"} <= set(
        actions(advice, "usce_plan")["get_hands_on_usce"]["fields"])


def test_med_psych_3_a_failure_mentioned_briefly():
    """med_psych FAQ 3: yes, briefly: context, then what you changed."""
    advice = advise(profile("med_psych", 236, step1={"result": "fail"}))
    assert "address_failure_briefly" in actions(advice, "personal_statement")


def test_med_psych_4_a_med_psych_career_without_the_combined_residency():
    """med_psych FAQ 4: categorical psychiatry (+ CL) or IM (+ addiction / behavioural health)."""
    path = advise(profile("med_psych", 221)).all("long_term_path")
    assert {"psychiatry", "internal_medicine"} <= {v for r in path for v in r.value["via"]}


# --- safety_nets ----------------------------------------------------------------------------

def test_safety_nets_1_under_220_wait_or_keep_going():
    """safety_nets FAQ 1: not yet applied, no strong USCE: waiting a year is often better;
    already applied: keep going, lean on IMG-heavy IM/FM, be ready for SOAP."""
    waiting = advise(profile("internal_medicine", 216, months_until_eras=5))
    assert "delay_one_year" in actions(waiting, "timing")
    applied = advise(profile("internal_medicine", 216, phase="applying"))
    assert "stay_in_cycle" in actions(applied, "timing")
    assert "delay_one_year" not in actions(applied, "timing")


def test_safety_nets_2_rank_an_imperfect_img_friendly_program():
    """safety_nets FAQ 2: rank it above no residency, unless the red flags are about safety."""
    rank = actions(advise(profile("internal_medicine", 227, phase="ranking")), "rank_list")
    assert "unsafe_patient_care" in rank["rank_imperfect_over_unmatched"]["exclude_if"]


def test_safety_nets_3_emailing_programs_is_honest():
    """safety_nets FAQ 3: email programs pointing to your strengths; they see the scores."""
    advice = advise(profile("internal_medicine", 224, phase="interviewing", interviews=2))
    emails = actions(advice, "mid_season")["send_interest_emails"]
    assert (emails["min_sentences"], emails["max_sentences"]) == (5, 7)
