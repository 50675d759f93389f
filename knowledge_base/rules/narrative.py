"""The applicant's narrative: personal statement, CV, interviews and communication.

Kinds ``personal_statement``, ``cv``, ``interview_prep`` and ``communication``. Every value is
``{"action": str, "points": [str, ...], "avoid": [str, ...]}``: ``action`` names the piece of
advice, ``points`` what to do or include (in the documents' order where they give one, e.g. a
statement's structure or the moves of an answer), ``avoid`` what to leave out. ``communication``
values also carry ``within_hours``: ``{"min", "max"}`` for a follow-up window, else null.

Who is advised what:

- Advice the documents give to every low-scoring applicant fires only with a score risk factor,
  so a profile without one is never told how to explain scores.
- Advice from a specialty's own document (PM&R, Med-Peds, Med-Psych: statement structure, CV
  emphasis, interview topics, follow-up customs) fires for that specialty whatever the scores,
  and never speaks of them; how to handle scores is left to the score rules below.
- How the statement handles scores depends on evidence of an upward trend in later exams:
  Step 2 CK at least ``GROWTH_MIN_GAIN`` points above a numeric Step 1 (the least of the gain
  to aim for, ``exams.step2ck_gain_over_step1`` in ``thresholds.toml``), Step 3 passed and not
  below Step 2 CK, or a Step 1 problem followed by a Step 2 CK that raises no risk; a failed
  Step 3 ends the trend. With it, the scores get one short growth paragraph; without it, a
  failed attempt is still named briefly, and low scores are kept out of the statement's focus.
  Exactly one of the three applies to a profile with a Step 1 or Step 2 CK risk while the
  statement is being written.
- Statement and CV advice is given while documents are being written (preparing, applying, or
  unmatched and reapplying); interview advice at every phase but ranking.
"""

from __future__ import annotations

from knowledge_base.conditions import absent, at_least, below, fact, given, none_of, one_of
from knowledge_base.consistency import Incompatible
from knowledge_base.facts import RiskFactor, recommend
from knowledge_base.rule import Rule
from knowledge_base.rules.groups import MOSTLY_IM_FM, TARGETS_STATE_UNIVERSITIES
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["FOLLOW_UP_HOURS", "GROWTH_MIN_GAIN", "INCOMPATIBLE", "RULES"]

GROWTH_MIN_GAIN = THRESHOLDS.exams.step2ck_gain_over_step1.min
"""Step 2 CK points over a numeric Step 1 that show growth."""
FOLLOW_UP_HOURS = THRESHOLDS.narrative.follow_up_hours.as_dict()

STEP1_RISKS = ("step1_low", "step1_borderline", "step1_failure")
STEP2CK_RISKS = ("step2ck_low", "step2ck_borderline", "step2ck_failure")
FAILURES = ("step1_failure", "step2ck_failure")
OWN_STRUCTURE = ("pmr", "med_peds", "med_psych")
OFF_TABLE = THRESHOLDS.group("off_table")
"""Specialties whose applications the redirect sends to IM/FM (``parallel.off_table_redirect``)."""
"""Specialties whose documents give their own statement advice."""

SCORE_RISK = fact(RiskFactor, area="scores")
EARLY_RISK = fact(RiskFactor, name=one_of(*STEP1_RISKS, *STEP2CK_RISKS))
STEP1_RISK = fact(RiskFactor, name=one_of(*STEP1_RISKS))
STEP2CK_RISK = fact(RiskFactor, name=one_of(*STEP2CK_RISKS))
FAILURE = fact(RiskFactor, name=one_of(*FAILURES))
STEP2CK_GAIN = given("step2ck.gain_over_step1", at_least(GROWTH_MIN_GAIN))
STEP3_PASSED = given("step3.status", "passed")
STEP3_BELOW_STEP2CK = given("step3.gain_over_step2ck", below(0))
STEP3_FAILED = given("step3.status", "failed")

WRITING = given("phase", one_of("preparing", "applying", "unmatched"))
INTERVIEWS_AHEAD = given("phase", none_of("ranking"))

# Document sections cited by several rules.
PMR_PS = cite("pmr", "Personal Statement: Address, Don’t Apologize")
PMR_PS_FAQ = cite("pmr", "4. Should I directly address my low Step scores in my personal "
                         "statement?")
PMR_INTERVIEW = cite("pmr", "Interview Preparation: Turning a Weakness into a Strength")
STATE_PS = cite("state_univ", "1. Personal Statement: Reframing Weaknesses")
STATE_FAILURES = cite("state_univ", "2. Address Failures or Very Low Scores Directly")
STATE_CV = cite("state_univ", "2. CV Emphasis: Show Depth, not Just Bullet Points")
STATE_INTERVIEW = cite("state_univ", "3. Interview Performance: Turning a Weakness into a Strength")
STATE_SAMPLE = cite("state_univ", "Putting It All Together: A Sample Strategic Path")
PEDS_STORY = cite("med_peds", "3. Build a Coherent Personal Story")
PEDS_PS = cite("med_peds", "Personal Statement (PS) for Med-Peds")
PEDS_FOLLOW_UP = cite("med_peds", "4. Professional Communication and Follow-Up")
PEDS_EXPLAIN_FAQ = cite("med_peds", "4. How do I explain my low scores in my personal statement or "
                                    "interviews without sounding like I’m making excuses?")
PSYCH_IDENTITY = cite("med_psych", "Step 1: Define a Coherent Med‑Psych Identity")
PSYCH_PS = cite("med_psych", "Step 3: Use the Personal Statement Strategically")
PSYCH_COMMUNICATION = cite("med_psych",
                           "Communication Skills: Addressing the “IMG and Visa” Concerns")
PSYCH_MOCK = cite("med_psych", "6–9 Months Before Application")
PSYCH_STEP1 = cite("med_psych", "If You Have a Low Step 1 Score or Failure")
PSYCH_STEP2 = cite("med_psych", "If You Have a Low Step 2 CK Score or Failure")


def _value(action: str, points: list[str], avoid: list[str]) -> dict:
    return {"action": action, "points": points, "avoid": avoid}


def _statement(action, points, summary, avoid=()):
    return recommend("personal_statement", _value(action, list(points), list(avoid)), summary)


def _cv(action, points, summary, avoid=()):
    return recommend("cv", _value(action, list(points), list(avoid)), summary)


def _interview(action, points, summary, avoid=()):
    return recommend("interview_prep", _value(action, list(points), list(avoid)), summary)


def _communication(action, points, summary, avoid=(), within_hours=None):
    value = {**_value(action, list(points), list(avoid)), "within_hours": within_hours}
    return recommend("communication", value, summary)


# ---------------------------------------------------------------------------------------------
# How the personal statement handles scores: growth, no growth yet, or a failure without growth.

GROWTH_CASES = {
    # Step 2 CK clearly above a numeric Step 1.
    "step2ck_gain": (EARLY_RISK, STEP2CK_GAIN, absent(STEP3_FAILED)),
    # Step 3 passed, not below Step 2 CK.
    "step3_passed": (EARLY_RISK, STEP3_PASSED, absent(STEP3_BELOW_STEP2CK)),
    # A Step 1 problem, then a Step 2 CK that raises no risk.
    "sound_step2ck": (STEP1_RISK, given("step2ck.status", "taken"), absent(STEP2CK_RISK),
                      absent(STEP3_FAILED)),
}
NO_GROWTH_CASES = {
    # Step 2 CK itself is a risk and nothing later improved on it.
    "step2ck_risk": (STEP2CK_RISK, absent(STEP2CK_GAIN), absent(STEP3_PASSED)),
    "step3_lower": (STEP2CK_RISK, absent(STEP2CK_GAIN), STEP3_BELOW_STEP2CK),
    # A Step 1 problem with Step 2 CK still to come.
    "step2ck_pending": (STEP1_RISK, given("step2ck.status", "pending"), absent(STEP3_PASSED)),
}
SECONDARY_CASES = {
    case: (*premises, absent(FAILURE), absent(STEP3_FAILED))
    for case, premises in NO_GROWTH_CASES.items()
}
FAILURE_CASES = {
    **{case: (*premises, FAILURE) for case, premises in NO_GROWTH_CASES.items()},
    # A failed Step 3 ends any upward trend (no risk factor marks it, so it is tested here).
    "step3_failed": (EARLY_RISK, STEP3_FAILED),
}

AS_GROWTH = _statement(
    "explain_scores_as_growth",
    ["one_short_paragraph", "acknowledge_the_score", "take_responsibility", "what_you_changed",
     "point_to_later_improvement", "return_to_specialty_fit"],
    "Your later exams show an upward trend: give the scores one short paragraph that owns them, "
    "says what you changed and points to the improvement, then go back to why you fit the "
    "specialty.",
    avoid=["leading_with_scores", "long_justification", "blaming_others_or_circumstances",
           "emotional_defense"],
)
KEEP_SECONDARY = _statement(
    "keep_scores_secondary",
    ["lead_with_specialty_fit", "mention_scores_only_with_clinical_evidence",
     "at_most_one_short_paragraph", "point_to_clinical_evaluations_and_supervisor_praise",
     "keep_the_full_explanation_for_interviews"],
    "No later exam shows an upward trend yet, so do not make the scores a theme: mention them, "
    "if at all, in a short paragraph backed by clinical evaluations and what supervisors say "
    "of you, and keep the full explanation for interviews.",
    avoid=["leading_with_scores", "promising_to_do_better", "long_justification",
           "blaming_others_or_circumstances"],
)
FAILURE_BRIEFLY = _statement(
    "address_failure_briefly",
    ["one_short_paragraph", "brief_honest_context", "what_you_changed",
     "point_to_clinical_evaluations_and_supervisor_praise", "return_to_specialty_fit"],
    "Programs will see the failed attempt: name it in one short, honest paragraph, say what you "
    "changed, let clinical evaluations and your supervisors' trust be the evidence, and move on "
    "to your fit. Do not promise to do better next time; show it.",
    avoid=["leading_with_the_failure", "promising_to_do_better", "self_pity_or_blame",
           "long_justification"],
)


def _score_rules(name, title, strength, sources, cases, conclusion):
    return tuple(
        Rule(
            id=f"statement.{name}.{case}",
            title=title,
            strength=strength,
            sources=sources,
            premises=(*premises, WRITING),
            conclusions=(conclusion,),
        )
        for case, premises in cases.items()
    )


SCORE_RULES = (
    *_score_rules(
        "scores_as_growth", "Later exams show an upward trend: one short growth paragraph",
        "should",
        (*PMR_PS, *PMR_PS_FAQ, *STATE_PS, *STATE_FAILURES, *PEDS_STORY, *PSYCH_PS),
        GROWTH_CASES, AS_GROWTH,
    ),
    *_score_rules(
        "scores_secondary",
        "Low scores without later improvement stay out of the statement's focus",
        "should",
        (*PMR_PS, *cite("pmr", "Step 1: Clarify the Story Behind Your Score"), *PSYCH_PS,
         *PSYCH_STEP2),
        SECONDARY_CASES, KEEP_SECONDARY,
    ),
    *_score_rules(
        "failure_briefly", "A failed attempt without later improvement: name it briefly",
        "should",
        (*STATE_FAILURES, *PSYCH_STEP1, *PSYCH_STEP2,
         *cite("med_psych", "3. Should I mention my low Step 1 score or failure in the personal "
                            "statement?"),
         *cite("med_psych", "US Clinical Experience: Type and Quality Matter")),
        FAILURE_CASES, FAILURE_BRIEFLY,
    ),
    Rule(
        id="statement.med_peds_score_context",
        title="Med-Peds: one or two sentences of score context, in the statement or ERAS "
              "Additional Information",
        strength="consider",
        sources=(*PEDS_STORY, *PEDS_EXPLAIN_FAQ),
        premises=(given("specialty", "med_peds"), SCORE_RISK, WRITING),
        conclusions=(_statement(
            "keep_score_context_short",
            ["one_or_two_sentences_of_context", "in_statement_or_eras_additional_information",
             "then_evidence_of_growth"],
            "Keep the context for your scores to one or two factual sentences, in the statement "
            "or in the ERAS Additional Information section, followed by what you did afterwards.",
            avoid=["excuses"],
        ),),
    ),
)

# ---------------------------------------------------------------------------------------------
# The rest of the statement: specialty and fit.

STATEMENT_RULES = (
    Rule(
        id="statement.specialty_fit",
        title="Build the statement on why this specialty and what you bring",
        strength="should",
        sources=STATE_PS,
        premises=(given("specialty", none_of(*OWN_STRUCTURE, *OFF_TABLE)), SCORE_RISK, WRITING),
        conclusions=(_statement(
            "focus_on_specialty_fit",
            ["why_this_specialty", "concrete_experiences_showing_readiness_for_us_training",
             "img_background_as_an_asset"],
            "Build the statement around why you chose this specialty, concrete experiences that "
            "show you are ready for US training, and what your international background adds.",
            avoid=["essay_about_scores", "generic_phrases"],
        ),),
    ),
    Rule(
        id="statement.redirected_fit",
        title="Redirected to internal medicine or family medicine: the statement argues for "
              "the new target",
        strength="should",
        sources=(*STATE_PS, *cite("safety_nets", "2. The IMG-Friendly Sweet Spot: Which "
                                                 "Programs Actually Take You Seriously",
                                  "Family Medicine")),
        premises=(given("specialty", one_of(*OFF_TABLE), bind="specialty"), SCORE_RISK,
                  WRITING),
        conclusions=(_statement(
            "focus_on_specialty_fit",
            ["why_internal_or_family_medicine", "concrete_experiences_showing_readiness_for_"
             "us_training", "img_background_as_an_asset"],
            "Your applications go to internal medicine and family medicine, so write the "
            "statement for them: why adult or family care is where you want to train, concrete "
            "experiences that show you are ready for US training, and what your international "
            "background adds. Write a version for each if you apply to both, and do not send "
            "them the statement you wrote for {specialty}.",
            avoid=["essay_about_scores", "generic_phrases", "statement_for_the_dropped_specialty"],
        ),),
    ),
    *(Rule(
        id=f"statement.im_fm_version.{case}",
        title="Most of the list in IM/FM: a version of the statement for them too",
        strength="should",
        sources=(*cite("safety_nets", "Scenario B: You strongly prefer a field like Psych, "
                                      "Neuro, Peds",
                       "Scenario C: You are trying for something like Anesthesia, EM, "
                       "categorical Surgery"),
                 *cite("med_psych", "ERAS Season")),
        premises=(*premises, WRITING),
        conclusions=(_statement(
            "write_im_fm_version",
            ["why_internal_or_family_medicine", "concrete_experiences_showing_readiness_for_"
             "us_training", "img_background_as_an_asset"],
            "Most of your list goes to internal medicine and family medicine: besides the "
            "statement for your field, write a version for them that says why adult or family "
            "care is a place you want to train, not a fallback; the guidance asks for a "
            "parallel plan you are genuinely willing to do.",
            avoid=["statement_for_the_other_field", "fallback_tone"],
        ),),
    ) for case, premises in MOSTLY_IM_FM),
    Rule(
        id="statement.pmr_structure",
        title="PM&R: a statement about the field, from first interest to the resident you "
              "will be",
        strength="should",
        sources=(*PMR_PS, *PMR_PS_FAQ),
        premises=(given("specialty", "pmr"), WRITING),
        conclusions=(_statement(
            "follow_specialty_structure",
            ["opening_story_tied_to_pmr", "how_interest_in_rehabilitation_and_function_grew",
             "key_experiences", "why_you_suit_pmr_and_the_resident_you_will_be"],
            "Write about PM&R itself: open with a story tied to the field, trace how your "
            "interest in rehabilitation and function grew, show your key experiences, and end "
            "with why you suit PM&R and what kind of resident you will be. Keep the tone "
            "positive.",
            avoid=["generic_phrases_that_fit_any_specialty", "apologetic_tone"],
        ),),
    ),
    Rule(
        id="statement.pmr_themes",
        title="PM&R: themes that make the interest unmistakable across the application",
        strength="consider",
        sources=cite("pmr", "Developing a PM&R-Consistent Narrative"),
        premises=(given("specialty", "pmr"), WRITING),
        conclusions=(_statement(
            "draw_on_specialty_themes",
            ["neuro_rehabilitation", "musculoskeletal_sports_or_pain",
             "longitudinal_function_oriented_care", "work_with_disability_or_chronic_pain",
             "cross_cultural_communication", "img_background_as_an_asset",
             "same_story_in_cv_and_interviews"],
            "Say why PM&R specifically, not just that you like helping patients: draw on "
            "neuro-rehabilitation, musculoskeletal or pain medicine, function-oriented long-term "
            "care and work with disability, present your cross-cultural background as a "
            "strength, and tell the same story in the CV and at interviews.",
            avoid=["generic_helping_patients_motive"],
        ),),
    ),
    Rule(
        id="statement.med_peds_why_combined",
        title="Med-Peds: the statement must say why the combined specialty",
        strength="must",
        sources=(
            *PEDS_PS, *PEDS_STORY,
            *cite("med_peds", "2. Identify Score-Related Risk Factors"),
            *cite("med_peds", "2. Apply Broadly and Intelligently"),
        ),
        premises=(given("specialty", "med_peds"), WRITING),
        conclusions=(_statement(
            "explain_why_combined",
            ["why_combined_rather_than_im_or_peds_alone", "adult_and_pediatric_exposure",
             "longitudinal_or_transition_of_care_experience", "img_background_and_lifespan_care",
             "separate_statement_for_categorical_applications"],
            "Explain why combined Medicine-Pediatrics rather than either one alone, with your "
            "adult and pediatric exposure, longitudinal or transition-of-care experience, and "
            "how your background shapes your view of care across the lifespan; write the "
            "categorical IM or Peds statement separately.",
            avoid=["lightly_edited_im_or_peds_statement"],
        ),),
    ),
    Rule(
        id="statement.med_peds_structure",
        title="Med-Peds: a statement structure that works",
        strength="consider",
        sources=PEDS_PS,
        premises=(given("specialty", "med_peds"), WRITING),
        conclusions=(_statement(
            "follow_specialty_structure",
            ["opening_story_with_child_and_adult_care", "how_training_showed_lifespan_continuity",
             "what_med_peds_physicians_do_and_why_it_fits_you", "specific_career_goals"],
            "Open with a case that touched both pediatric and adult care, show how your "
            "training taught you the value of continuity across the lifespan, say what Med-Peds "
            "physicians do and why that fits you, and close with specific career goals.",
        ),),
    ),
    Rule(
        id="statement.med_psych_why_combined",
        title="Med-Psych: a statement about the interface of medicine and psychiatry",
        strength="should",
        sources=(*PSYCH_IDENTITY, *PSYCH_PS, *cite("med_psych", "9–12 Months Before Application"),
                 *cite("med_psych", "ERAS Season")),
        premises=(given("specialty", "med_psych"), WRITING),
        conclusions=(_statement(
            "explain_why_combined",
            ["why_combined_rather_than_one_specialty", "populations_you_care_about",
             "career_you_envision", "separate_statement_for_categorical_applications"],
            "Explain why combined medicine-psychiatry and not one of them: the patients at "
            "their interface you want to serve and the career you see; adapt a version for "
            "categorical psychiatry or IM.",
            avoid=["cliches_about_passion_for_one_field", "backup_specialty_impression"],
        ),),
    ),
    Rule(
        id="statement.med_psych_structure",
        title="Med-Psych: stories of integrated thinking and a growth trajectory",
        strength="consider",
        sources=PSYCH_PS,
        premises=(given("specialty", "med_psych"), WRITING),
        conclusions=(_statement(
            "follow_specialty_structure",
            ["one_or_two_stories_thinking_as_internist_and_psychiatrist",
             "humility_insight_and_curiosity", "adaptability_to_new_systems",
             "improving_communication", "receptiveness_to_feedback"],
            "Tell one or two short stories in which you thought as an internist and a "
            "psychiatrist at once, and show your growth as an international graduate: learning "
            "new systems, improving your communication, taking feedback.",
        ),),
    ),
)

# ---------------------------------------------------------------------------------------------
# The CV.

CV_RULES = (
    Rule(
        id="cv.us_experience_first",
        title="Put US clinical experience first, with what you actually did",
        strength="should",
        sources=STATE_CV,
        premises=(given("usce.count", at_least(1)), SCORE_RISK, WRITING),
        conclusions=(_cv(
            "lead_with_us_clinical_experience",
            ["us_clinical_experience_first", "responsibilities_not_just_titles",
             "leadership_and_teaching_roles"],
            "List your US clinical experience first and describe your responsibilities in each, "
            "including any leading of rounds, teaching or QI work, not just the title.",
            avoid=["title_only_entries"],
        ),),
    ),
    Rule(
        id="cv.show_depth",
        title="Entries with roles, service and numbers, clear dates, no bare bullet points",
        strength="should",
        sources=(*STATE_CV, *cite("pmr", "CV: Highlight PM&R-Relevant Experiences")),
        premises=(SCORE_RISK, WRITING),
        conclusions=(_cv(
            "show_depth",
            ["research_with_your_role", "service_with_underserved_populations",
             "leadership_and_teamwork", "action_verbs", "quantified_results",
             "clear_dates_and_explained_gaps"],
            "Give each entry depth: your role in research (data collection, drafting, posters), "
            "service with underserved people, leadership and teamwork, written with action verbs "
            "and numbers where you have them; keep every date clear and say what each gap was "
            "for.",
            avoid=["bare_bullet_points", "unexplained_gaps"],
        ),),
    ),
    Rule(
        id="cv.pmr_relevant",
        title="PM&R: reorganize the CV around rehabilitation",
        strength="should",
        sources=cite("pmr", "CV: Highlight PM&R-Relevant Experiences"),
        premises=(given("specialty", "pmr"), WRITING),
        conclusions=(_cv(
            "highlight_specialty_relevant_experience",
            ["rehabilitation_related_clinical_work_including_home_country",
             "research_in_neuro_msk_pain_disability_or_quality_of_life",
             "service_with_disabled_elderly_or_chronically_ill_people",
             "cross_cultural_leadership_and_teamwork"],
            "Reorder the CV to put rehabilitation first: related clinical work (home country "
            "included), research in neurology, musculoskeletal, pain or disability, service with "
            "disabled, elderly or chronically ill people, and leadership across cultures or "
            "disciplines.",
        ),),
    ),
    Rule(
        id="cv.med_psych_relevant",
        title="Med-Psych: experiences framed at the medicine-psychiatry interface",
        strength="should",
        sources=cite("med_psych", "Step 2: Align Experiences to Your Narrative"),
        premises=(given("specialty", "med_psych"), WRITING),
        conclusions=(_cv(
            "highlight_specialty_relevant_experience",
            ["cases_where_medical_and_psychiatric_illness_interact",
             "cases_framed_in_med_psych_terms", "research_or_qi_at_the_interface"],
            "Present your experiences, home-country ones included, through cases where medical "
            "and psychiatric illness met, described in med-psych terms, so the file reads as a "
            "long-standing med-psych interest.",
            avoid=["random_small_specialty_impression"],
        ),),
    ),
)

# ---------------------------------------------------------------------------------------------
# Interviews.

INTERVIEW_RULES = (
    Rule(
        id="interview.score_answer",
        title="A short, structured answer to questions about scores",
        strength="should",
        sources=(
            *cite("med_peds", "1. Handling Questions About Low Scores"), *PEDS_EXPLAIN_FAQ,
            *PMR_INTERVIEW, *cite("pmr", "Step 1: Clarify the Story Behind Your Score"),
            *STATE_INTERVIEW, *STATE_FAILURES,
        ),
        premises=(SCORE_RISK, INTERVIEWS_AHEAD),
        conclusions=(_interview(
            "structure_score_answer",
            ["acknowledge_briefly", "one_or_two_sentences_of_context",
             "what_you_changed_and_the_evidence", "refocus_on_strengths_and_fit"],
            "Expect to be asked about your scores. Prepare a short answer in four moves: "
            "acknowledge the result, give one or two sentences of context, show what you "
            "changed and the evidence it worked (later exams, clinical evaluations), then steer "
            "back to your strengths and fit.",
            avoid=["long_explanations", "blaming_others_or_the_system",
                   "defensive_or_apologetic_tone"],
        ),),
    ),
    Rule(
        id="interview.rehearse",
        title="Rehearse the score answer with mentors and matched peers",
        strength="should",
        sources=(*PMR_INTERVIEW, *STATE_SAMPLE),
        premises=(SCORE_RISK, INTERVIEWS_AHEAD),
        conclusions=(_interview(
            "rehearse_answers",
            ["rehearse_score_answer_until_brief_and_natural", "practice_with_faculty_mentors",
             "practice_with_peers_who_matched"],
            "Rehearse the score answer until it comes out brief, natural and confident, with "
            "faculty mentors and with peers who have matched.",
        ),),
    ),
    Rule(
        id="interview.examples",
        title="Concrete examples of reliability, communication and cultural competence",
        strength="should",
        sources=(*STATE_INTERVIEW, *STATE_SAMPLE, *PMR_INTERVIEW),
        premises=(SCORE_RISK, INTERVIEWS_AHEAD),
        conclusions=(_interview(
            "prepare_examples",
            ["reliability", "communication_with_patients_and_teams", "cultural_competence",
             "handling_stress", "organizing_study_and_work", "teamwork"],
            "Have concrete examples ready: owning tasks and being there early, explaining "
            "conditions to patients and presenting to teams, caring for diverse or vulnerable "
            "patients, and how you handle stress, organize your work and work in a team.",
        ),),
    ),
    Rule(
        id="interview.img_strengths",
        title="Present the international background as an asset",
        strength="should",
        sources=(
            *cite("med_peds", "2. Showcasing Your Unique Strengths as a Non-US Citizen IMG"),
            *cite("state_univ", "4. Non-Academic Strengths That Matter"),
        ),
        premises=(SCORE_RISK, INTERVIEWS_AHEAD),
        conclusions=(_interview(
            "show_img_strengths",
            ["diverse_health_systems_and_limited_resources",
             "language_skills_for_immigrant_and_minority_patients", "underserved_community_work",
             "adaptability", "link_to_the_programs_mission"],
            "Show your background as an asset, with concrete examples: work in other health "
            "systems and with limited resources, languages spoken by the program's patients, "
            "care for underserved communities, and the adaptability your move took; tie them to "
            "the program's mission.",
        ),),
    ),
    Rule(
        id="interview.why_this_program",
        title="State university programs ask a non-US citizen why them",
        strength="should",
        sources=STATE_INTERVIEW,
        premises=(TARGETS_STATE_UNIVERSITIES, given("citizenship", "non_us"), SCORE_RISK,
                  INTERVIEWS_AHEAD),
        conclusions=(_interview(
            "prepare_why_this_program",
            ["why_this_program_specifically", "fit_with_community_mission",
             "perspective_as_international_graduate", "link_values_to_public_service"],
            "For state university programs, prepare to say why this program in particular, how "
            "you fit its community mission and what perspective you bring as an international "
            "graduate, tying your values to public service and patient-centred care.",
        ),),
    ),
    Rule(
        id="interview.pmr_scope",
        title="PM&R: show you know the field's scope and team work",
        strength="should",
        sources=PMR_INTERVIEW,
        premises=(given("specialty", "pmr"), INTERVIEWS_AHEAD),
        conclusions=(_interview(
            "show_specialty_knowledge",
            ["scope_inpatient_and_outpatient", "scope_msk_neuro_and_pain", "scope_emg",
             "patient_cases_that_shaped_you", "multidisciplinary_teamwork"],
            "Be ready to show you know what PM&R covers (inpatient and outpatient rehabilitation, "
            "musculoskeletal, neurological and pain care, EMG), the PM&R patients who shaped "
            "you, and how you work in multidisciplinary teams.",
        ),),
    ),
    Rule(
        id="interview.med_peds_career_plan",
        title="Med-Peds: a specific, credible career plan",
        strength="should",
        sources=(
            *cite("med_peds", "3. Presenting a Clear, Credible Career Plan"),
            *cite("med_peds", "2. Showcasing Your Unique Strengths as a Non-US Citizen IMG"),
        ),
        premises=(given("specialty", "med_peds"), INTERVIEWS_AHEAD),
        conclusions=(_interview(
            "present_career_plan",
            ["specific_career_goals", "tied_to_past_experience", "tied_to_research_or_qi",
             "tied_to_your_values_as_an_img", "long_term_commitment"],
            "Present specific Med-Peds career goals (primary care for underserved families, "
            "hospital care of young adults with childhood conditions, academic or global work) "
            "and tie them to your experience, any related research or QI, and your values.",
        ),),
    ),
    Rule(
        id="interview.med_psych_career_goals",
        title="Med-Psych: career goals that link medicine and psychiatry",
        strength="should",
        sources=PSYCH_IDENTITY,
        premises=(given("specialty", "med_psych"), INTERVIEWS_AHEAD),
        conclusions=(_interview(
            "present_career_plan",
            ["three_to_five_goals_linking_medicine_and_psychiatry", "populations_you_care_about",
             "same_goals_in_statement_interviews_and_letters"],
            "Write down three to five concrete career goals that join medicine and psychiatry "
            "and the patients they serve, and use the same ones in your statement, interviews "
            "and letters.",
        ),),
    ),
)

# ---------------------------------------------------------------------------------------------
# Language and professional communication.

COMMUNICATION_RULES = (
    Rule(
        id="communication.written_english",
        title="A grammatically clean statement and CV, reviewed by a native speaker",
        strength="should",
        sources=(*PSYCH_COMMUNICATION, *PSYCH_MOCK),
        premises=(SCORE_RISK, WRITING),
        conclusions=(_communication(
            "polish_written_english",
            ["grammatically_clean_statement_and_cv", "review_by_native_english_speaking_mentor"],
            "Have a mentor whose first language is English review your statement and CV until "
            "they are clean and clear; programs look for any sign of communication problems.",
        ),),
    ),
    Rule(
        id="communication.english_evidence",
        title="Mention any evidence of English proficiency, briefly",
        strength="consider",
        sources=PSYCH_COMMUNICATION,
        premises=(given("citizenship", "non_us"), SCORE_RISK, WRITING),
        conclusions=(_communication(
            "show_english_proficiency",
            ["toefl_or_similar_score_if_any", "teaching_or_tutoring_in_english_if_any",
             "mention_briefly"],
            "If you have a TOEFL or similar result, or have taught or tutored in English, "
            "mention it briefly.",
        ),),
    ),
    Rule(
        id="communication.interview_delivery",
        title="Mock interviews for clear, unrehearsed-sounding answers",
        strength="should",
        sources=(*PSYCH_COMMUNICATION, *PSYCH_MOCK),
        premises=(SCORE_RISK, INTERVIEWS_AHEAD),
        conclusions=(_communication(
            "practice_clear_delivery",
            ["mock_interviews", "video_record_if_possible", "clear_concise_answers",
             "reflective_thinking_and_humility"],
            "Do mock interviews, recorded on video if you can, aiming for clear, concise "
            "answers that show reflection and humility.",
            avoid=["memorized_speech", "overly_technical_language"],
        ),),
    ),
    Rule(
        id="communication.med_peds_thank_you",
        title="Med-Peds: a tailored thank-you email after each interview",
        strength="should",
        sources=PEDS_FOLLOW_UP,
        premises=(given("specialty", "med_peds"),
                  given("phase", one_of("applying", "interviewing"))),
        conclusions=(_communication(
            "send_thank_you_emails",
            ["tailored_to_each_program", "reference_specific_conversations",
             "restate_fit_and_med_peds_interest"],
            f"Within {FOLLOW_UP_HOURS['min']}–{FOLLOW_UP_HOURS['max']} hours of each interview, "
            "send a thank-you email that mentions things you actually discussed and restates "
            "your fit and your interest in Med-Peds.",
            avoid=["generic_mass_emails"],
            within_hours=FOLLOW_UP_HOURS,
        ),),
    ),
    Rule(
        id="communication.med_peds_letter_of_interest",
        title="Med-Peds: a letter of interest or intent to a true first choice, within NRMP rules",
        strength="consider",
        sources=PEDS_FOLLOW_UP,
        premises=(given("specialty", "med_peds"),
                  given("phase", one_of("interviewing", "ranking"))),
        conclusions=(_communication(
            "send_letter_of_interest",
            ["only_to_your_true_top_choice", "sincere_and_specific",
             "letter_of_intent_later_if_still_first", "follow_nrmp_rules"],
            "If one program is truly your first choice, consider a sincere, specific letter of "
            "interest, and later a letter of intent, keeping to NRMP rules.",
            avoid=["generic_mass_emails"],
        ),),
    ),
    Rule(
        id="communication.med_psych_program_emails",
        title="Med-Psych: brief emails to a few programs with a real connection",
        strength="consider",
        sources=(
            *cite("med_psych", "ERAS Season"),
            *cite("safety_nets", "3. Is it dishonest to email programs highlighting my strengths "
                                 "when I know my scores are weak?"),
        ),
        premises=(given("specialty", "med_psych"), given("phase", one_of("preparing", "applying"))),
        conclusions=(_communication(
            "email_programs_with_a_connection",
            ["few_programs_with_connection_or_fit", "brief_and_professional", "med_psych_focus",
             "strengths_such_as_usce_and_letters"],
            "In the ERAS season, send brief, professional emails to the few Med-Psych programs "
            "where you have a real connection or fit, stressing your med-psych focus and the "
            "strengths beyond your scores, such as US experience and letters.",
            avoid=["mass_emails"],
        ),),
    ),
)

RULES: tuple[Rule, ...] = (
    *SCORE_RULES, *STATEMENT_RULES, *CV_RULES, *INTERVIEW_RULES, *COMMUNICATION_RULES,
)


def _statement_action(action: str) -> dict:
    return {"kind": "personal_statement", "action": action}


INCOMPATIBLE: tuple[Incompatible, ...] = (
    Incompatible(_statement_action("explain_scores_as_growth"),
                 _statement_action("keep_scores_secondary"),
                 why="a statement cannot both tell a growth story and keep the scores out of "
                     "focus"),
    Incompatible(_statement_action("explain_scores_as_growth"),
                 _statement_action("address_failure_briefly"),
                 why="a growth paragraph needs later improvement; without it the failure is "
                     "named briefly instead"),
    Incompatible(_statement_action("keep_scores_secondary"),
                 _statement_action("address_failure_briefly"),
                 why="a failure must be named in the statement; low scores alone need not be"),
)
