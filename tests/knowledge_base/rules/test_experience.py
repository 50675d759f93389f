"""US clinical experience, letters, research and continuity (``knowledge_base.rules.experience``).

Golden cases come from the documents' worked examples, FAQ answers and concrete advice; each
names its document and section. Negative cases check that the advice falls silent once the
profile already has what it asks for.
"""

from __future__ import annotations

import pytest

from expert import advise
from expert.examples import example_profile
from knowledge_base import INCOMPATIBLE
from knowledge_base.facts import Input
from knowledge_base.inputs import input_facts
from knowledge_base.rules import experience
from tests.conftest import profile

KINDS = ("usce_plan", "letters_plan", "research_plan", "clinical_continuity", "red_flag")


def by_rule(advice, kind):
    return {r.rule: r.value for r in advice.all(kind)}


def actions(advice, kind):
    return {r.value["action"] for r in advice.all(kind)}


def risks(advice):
    return {d["name"] for _, d in advice.graph.nodes(data=True)
            if d["type"] == "finding" and "name" in d}


def block(specialty, type_="externship", months=1):
    return {"specialty": specialty, "type": type_, "months": months}


def letter(specialty, us=True):
    return {"specialty": specialty, "us": us}


class TestStateUniversitySample:
    """state_univ, 'Putting It All Together: A Sample Strategic Path': IM, Step 1 209, Step 2 CK
    224, limited USCE -> 2–4 months of USCE at state-university-affiliated or public hospitals,
    2–3 strong letters from US IM faculty, a 6–12 month research role with at least one
    abstract or poster."""

    advice = advise(example_profile("state_univ_sample"))

    def test_two_to_four_months_hands_on_at_state_university_or_public_sites(self):
        value = by_rule(self.advice, "usce_plan")["experience.usce.hands_on.general"]
        assert value["action"] == "get_hands_on_usce"
        assert (value["min_months"], value["max_months"]) == (2, 4)
        assert {"state_university_hospital", "public_hospital_system"} <= set(value["settings"])

    def test_only_an_observership_so_far_asks_for_hands_on_roles(self):
        """state_univ, '1. Strategic Clinical Experience in the U.S.': hands-on first,
        observerships only when truly interactive."""
        assert "prefer_hands_on_usce" in actions(self.advice, "usce_plan")

    def test_two_to_three_letters_from_us_internal_medicine_faculty(self):
        value = by_rule(self.advice, "letters_plan")["experience.letters.target.internal_medicine"]
        assert value["action"] == "gather_letters"
        assert (value["min_letters"], value["max_letters"], value["min_us"]) == (2, 3, 2)
        assert value["writers"] == [{"field": "internal_medicine", "min": 2}]
        assert "inpatient_attending" in value["bonus"]

    def test_research_role_of_six_to_twelve_months_with_one_output(self):
        value = by_rule(self.advice, "research_plan")["experience.research.state_university"]
        assert (value["min_months"], value["max_months"], value["min_outputs"]) == (6, 12, 1)
        assert {"abstract", "poster"} <= set(value["outputs"])

    def test_no_us_letter_is_a_moderate_risk(self):
        assert "no_us_letters" in risks(self.advice)


class TestMedPsychTimeline:
    """med_psych, 'Putting It All Together: A Sample Strategy Timeline' (12–18 Months Before
    Application): no USCE -> 2–3 rotations, 4–8 weeks inpatient IM and 4–8 weeks inpatient
    or CL psychiatry, plus a small QI project linking medicine and psychiatry."""

    advice = advise(example_profile("med_psych_timeline"))

    def test_inpatient_im_and_inpatient_or_cl_psychiatry(self):
        value = by_rule(self.advice, "usce_plan")["experience.usce.hands_on.med_psych"]
        assert value["fields"] == ["internal_medicine", "psychiatry"]
        assert value["settings"] == ["inpatient", "consultation_liaison"]
        assert (value["min_rotations"], value["ideal_rotations"]) == (2, 3)

    def test_three_to_four_us_letters_im_psychiatry_and_one_more(self):
        """med_psych, 'Letters of Recommendation (LORs): Your Most Powerful Asset'."""
        value = by_rule(self.advice, "letters_plan")["experience.letters.target.med_psych"]
        assert (value["min_letters"], value["max_letters"], value["min_us"]) == (3, 4, 3)
        assert {w["field"] for w in value["writers"]} == {
            "internal_medicine", "psychiatry", "internal_medicine_or_psychiatry"}
        assert value["bonus"] == ["combined_trained_mentor"]

    def test_letters_must_say_scores_understate_clinical_ability(self):
        value = by_rule(self.advice, "letters_plan")["experience.letters.content.med_psych"]
        assert {"scores_understate_clinical_ability", "medical_and_psychiatric_reasoning",
                "clinical_safety"} <= set(value["points"])

    def test_small_completed_qi_project_at_the_intersection(self):
        value = by_rule(self.advice, "research_plan")["experience.research.small_project.med_psych"]
        assert value["action"] == "complete_small_project"
        assert "qi_project" in value["outputs"]
        assert "serious_mental_illness_with_medical_disease" in value["topics"]


class TestMedPeds:
    def test_faq_usce_in_im_and_peds_at_med_peds_sites(self):
        """med_peds, '3. What kind of US clinical experience is most helpful for Med-Peds with
        low scores?': 2–3 months of hands-on IM and Peds, where Med-Peds faculty are."""
        advice = advise(profile("med_peds", 222))
        value = by_rule(advice, "usce_plan")["experience.usce.hands_on.med_peds"]
        assert (value["min_months"], value["max_months"]) == (2, 3)
        assert value["fields"] == ["internal_medicine", "pediatrics", "med_peds"]
        assert "med_peds_program_site" in value["settings"]

    def test_letters_one_im_one_peds_med_peds_physician_a_plus(self):
        """med_peds, 'Letters of Recommendation (LoRs)': 3–4 letters, at least one IM and one
        Peds, a Med-Peds physician a big plus."""
        advice = advise(profile("med_peds", 222, letters=[letter("internal_medicine")]))
        value = by_rule(advice, "letters_plan")["experience.letters.target.med_peds"]
        assert (value["min_letters"], value["max_letters"]) == (3, 4)
        assert value["writers"] == [{"field": "internal_medicine", "min": 1},
                                    {"field": "pediatrics", "min": 1}]
        assert value["bonus"] == ["med_peds_physician"]

    def test_complete_letter_set_turns_into_the_med_peds_physician_upgrade(self):
        advice = advise(profile("med_peds", 222, letters=[
            letter("internal_medicine"), letter("pediatrics"), letter("internal_medicine")]))
        assert "gather_letters" not in actions(advice, "letters_plan")
        assert "experience.letters.combined_mentor.med_peds" in by_rule(advice, "letters_plan")

    def test_hands_on_usce_all_in_internal_medicine_asks_for_pediatrics_too(self):
        """med_peds, '2. Build High-Quality US Clinical Experience (USCE)': both IM and Peds."""
        advice = advise(profile("med_peds", 222, usce=[block("internal_medicine", months=3)]))
        assert actions(advice, "usce_plan") >= {"cover_both_fields"}
        assert "get_hands_on_usce" not in actions(advice, "usce_plan")

    def test_both_fields_covered_no_field_advice(self):
        advice = advise(profile("med_peds", 222, usce=[
            block("internal_medicine", months=2), block("pediatrics", months=1)]))
        assert not {"cover_both_fields", "get_hands_on_usce"} & actions(advice, "usce_plan")

    def test_optional_research_on_med_peds_themes(self):
        """med_peds, '3. Targeted Research and Scholarly Work'."""
        advice = advise(profile("med_peds", 222))
        value = by_rule(advice, "research_plan")["experience.research.small_project.med_peds"]
        assert "pediatric_to_adult_transition" in value["topics"]
        assert advise(profile("med_peds", 222, research_outputs=1)).all("research_plan") == ()


class TestPmr:
    def test_pmr_specific_experience_at_least_one_ideally_two(self):
        """pmr, 'Get US Clinical Experience Specifically in PM&R (If At All Possible)'."""
        advice = advise(profile("pmr", 215, usce=[block("internal_medicine", months=3)]))
        value = by_rule(advice, "usce_plan")["experience.usce.pmr_specific"]
        assert value["fields"] == ["pmr"]
        assert "add_second_pmr_usce" not in actions(advice, "usce_plan")
        assert (value["min_rotations"], value["ideal_rotations"]) == (1, 2)

    def test_both_low_example_one_pmr_observership(self):
        """pmr_both_low: one PM&R observership -> a second PM&R experience, hands-on roles, and
        3–4 letters with two from physiatrists (pmr, 'Earning Strong, Detailed Letters of
        Recommendation')."""
        advice = advise(example_profile("pmr_both_low"))
        assert {"add_second_pmr_usce", "prefer_hands_on_usce"} <= actions(advice, "usce_plan")
        assert "get_pmr_usce" not in actions(advice, "usce_plan")
        value = by_rule(advice, "letters_plan")["experience.letters.target.pmr"]
        assert (value["min_letters"], value["max_letters"]) == (3, 4)
        assert value["writers"] == [{"field": "pmr", "min": 2},
                                    {"field": "rehab_related_field", "min": 1}]

    def test_two_physiatrist_letters_then_a_related_field(self):
        advice = advise(profile("pmr", 215, letters=[letter("pmr"), letter("pmr")]))
        assert "experience.letters.related_field.pmr" in by_rule(advice, "letters_plan")
        assert "gather_letters" not in actions(advice, "letters_plan")
        full = advise(profile("pmr", 215, letters=[letter("pmr"), letter("pmr"),
                                                   letter("neurology")]))
        assert not {"gather_letters", "add_related_field_letter"} & actions(full, "letters_plan")


class TestRespondsToWhatTheProfileHas:
    def test_no_usce_gets_hands_on_and_specialty_advice(self):
        advice = advise(profile("family_medicine", 222))
        assert {"get_hands_on_usce", "add_specialty_usce"} <= actions(advice, "usce_plan")

    def test_enough_hands_on_in_the_field_turns_into_letters(self):
        """state_univ, '1. Strategic Clinical Experience in the U.S.': the experience should
        generate specialty-specific letters."""
        advice = advise(profile(usce=[block("internal_medicine", "sub_internship", 3)]))
        assert actions(advice, "usce_plan") == {"turn_usce_into_letters"}

    def test_enough_hands_on_and_letters_no_usce_advice(self):
        advice = advise(profile(usce=[block("internal_medicine", "sub_internship", 3)],
                                letters=[letter("internal_medicine")] * 2))
        assert advice.all("usce_plan") == ()
        assert "gather_letters" not in actions(advice, "letters_plan")
        assert "no_us_letters" not in risks(advice)

    def test_interactive_observerships_count_as_hands_on(self):
        advice = advise(profile(usce=[{"specialty": "internal_medicine", "type": "observership",
                                       "months": 2, "hands_on": True}]))
        assert not {"prefer_hands_on_usce", "get_hands_on_usce"} & actions(advice, "usce_plan")

    def test_after_applications_are_in_no_building_advice(self):
        advice = advise(profile("internal_medicine", 222, phase="interviewing"))
        assert advice.all("usce_plan") == () and advice.all("letters_plan") == ()

    def test_off_table_specialty_gets_no_specialty_rotation(self):
        """safety_nets, '2. The IMG-Friendly Sweet Spot...': no fees (or months) on dermatology;
        the rotations go where the redirected applications go."""
        advice = advise(profile("dermatology", 215))
        fields = {field for r in advice.all("usce_plan") for field in r.value["fields"]}
        assert "dermatology" not in fields
        assert {"internal_medicine", "family_medicine"} <= fields
        assert "get_hands_on_usce" in actions(advice, "usce_plan")

    def test_non_us_letters_only_is_a_risk_a_us_letter_removes_it(self):
        assert "no_us_letters" in risks(advise(profile(letters=[letter("internal_medicine",
                                                                        us=False)])))
        assert "no_us_letters" not in risks(advise(profile(letters=[letter("pathology")])))

    def test_research_needs_time_before_eras(self):
        soon, later = (profile("internal_medicine", 215, months_until_eras=m) for m in (3, 8))
        assert advise(soon).all("research_plan") == ()
        assert advise(later).all("research_plan") != ()

    def test_no_research_push_without_a_score_concern(self):
        """state_univ, '3. Research and Academic Productivity': a plus, above all when scores
        are low; not advised to an applicant whose scores are not a concern."""
        assert advise(profile("internal_medicine", 250)).all("research_plan") == ()


def test_scenario_c_us_research_and_letters_in_the_specialty():
    """safety_nets, 'Scenario C: You are trying for something like Anesthesia, EM, categorical
    Surgery': serious US-based research and letters in the specialty."""
    advice = advise(profile("anesthesiology", 215))
    value = by_rule(advice, "research_plan")["experience.research.specialty_bridge"]
    assert value["topics"] == ["anesthesiology"]
    letters = by_rule(advice, "letters_plan")["experience.letters.target.prelim_bridge"]
    assert letters["writers"] == [{"field": "anesthesiology", "min": 2}]


def test_asking_for_a_strong_letter_and_briefing_the_writer():
    """pmr, 'Earning Strong, Detailed Letters of Recommendation' (ask for a strong letter);
    state_univ, '2. High-Impact Letters of Recommendation' (give CV, statement, case list)."""
    advice = advise(profile("internal_medicine", 222))
    value = by_rule(advice, "letters_plan")["experience.letters.request_strong"]
    assert {"cv", "personal_statement_draft", "cases_and_projects"} <= set(value["points"])
    four = advise(profile("internal_medicine", 222, letters=[letter("internal_medicine")] * 4))
    assert "request_strong_letters" not in actions(four, "letters_plan")


class TestContinuity:
    """med_peds, '4. Continuity of Clinical Activity' and '2. Identify Score-Related Risk
    Factors' (multiple years since graduation without clinical involvement)."""

    def test_long_inactive_gap_with_low_scores_is_a_red_flag(self):
        advice = advise(profile("med_peds", 220, graduation_year=2020, season=2027,
                                clinically_active=False))
        assert "graduation_gap" in risks(advice)
        assert actions(advice, "clinical_continuity") == {"resume_clinical_activity",
                                                          "explain_gaps"}
        flag = advice["red_flag"]
        assert flag.rule == "experience.red_flag.inactive_gap"
        assert flag.value == {"flag": "inactive_gap_with_low_scores",
                              "action": "show_current_clinical_activity"}

    def test_clinically_active_no_gap_advice(self):
        advice = advise(profile("med_peds", 220, graduation_year=2020, season=2027,
                                clinically_active=True))
        assert "graduation_gap" not in risks(advice)
        assert advice.all("clinical_continuity") == () and "red_flag" not in advice

    def test_recent_graduate_not_active_is_told_to_resume_but_has_no_gap(self):
        advice = advise(profile(graduation_year=2026, season=2027, clinically_active=False))
        assert actions(advice, "clinical_continuity") == {"resume_clinical_activity"}
        assert "graduation_gap" not in risks(advice)

    def test_gaps_explained_on_the_cv(self):
        """state_univ, '2. CV Emphasis: Show Depth, not Just Bullet Points'."""
        advice = advise(profile(graduation_year=2024, season=2027))
        (gaps,) = [r for r in advice.all("clinical_continuity")
                   if r.value["action"] == "explain_gaps"]
        assert "3 years" in gaps.summary


def test_unmatched_year():
    """safety_nets, '12. If You Do Not Match: Use That Year Ruthlessly Well': hands-on USCE,
    documentable activity, new US letters."""
    advice = advise(profile("internal_medicine", 222, phase="unmatched",
                            usce=[block("internal_medicine", months=3)],
                            letters=[letter("internal_medicine")] * 3))
    assert "add_recent_usce" in actions(advice, "usce_plan")
    assert "refresh_us_letters" in actions(advice, "letters_plan")
    assert "stay_documentably_active" in actions(advice, "clinical_continuity")
    idle = advise(profile("internal_medicine", 222, phase="unmatched", clinically_active=False))
    assert actions(idle, "clinical_continuity") == {"resume_clinical_activity"}


PROFILES = [
    example_profile(name) for name in ("state_univ_sample", "med_psych_timeline",
                                       "pmr_both_low", "med_peds_pending")
] + [
    profile("pmr", 215, letters=[letter("pmr")] * 2),
    profile("med_peds", 222, usce=[block("internal_medicine", months=3)],
            graduation_year=2019, season=2027, clinically_active=False),
    profile("internal_medicine", 222, phase="unmatched",
            usce=[block("internal_medicine", months=3)],
            letters=[letter("internal_medicine")] * 3),
    profile("anesthesiology", 215),
    profile("internal_medicine", 215, months_until_eras=3, graduation_year=2022, season=2027),
]


@pytest.mark.parametrize("kind", KINDS)
def test_value_shapes_are_consistent_within_each_kind(kind):
    shapes = {frozenset(r.value) for data in PROFILES for r in advise(data).all(kind)}
    assert len(shapes) == 1, shapes


def test_module_contradictions_are_registered_and_respected():
    assert set(experience.INCOMPATIBLE) <= set(INCOMPATIBLE)
    for data in PROFILES:
        given_advice = [(r.kind, r.value) for r in advise(data)]
        assert not [pair.why for pair in experience.INCOMPATIBLE
                    if pair.violated_by(given_advice)]


def _holds(rule, facts):
    return all(any(p.matches(f) for f in facts) != p.negated for p in rule.premises)


@pytest.mark.parametrize("active", [None, True, False])
@pytest.mark.parametrize("data", PROFILES, ids=range(len(PROFILES)))
def test_engine_agrees_with_a_plain_reading_of_the_profile_rules(data, active):
    """Every rule of this module that reads only profile fields fires exactly when its premises,
    read plainly, hold; this guards the absent(...) premises (clinically_active, time to ERAS)."""
    data = {**data, **({} if active is None else {"clinically_active": active})}
    advice = advise(data)
    facts = input_facts(advice.profile)
    own = {r.id: r for r in experience.RULES if all(p.fact_type is Input for p in r.premises)}
    fired = {f.rule.id for f in advice.trace.firings} & set(own)
    assert fired == {rule_id for rule_id, rule in own.items() if _holds(rule, facts)}
