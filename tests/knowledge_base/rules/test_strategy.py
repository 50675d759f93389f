"""Specialty strategy: parallel plans, long-term paths and program targeting.

Golden cases come from the documents' worked examples, FAQ answers and concrete advice; each
names its document and section. Negative cases check that advice does not fire where it should
not.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from expert import advise
from expert.examples import example_profile
from knowledge_base.consistency import matches
from knowledge_base.rules import strategy
from tests.conftest import profile
from tests.strategies import profiles

IM_FM = ["internal_medicine", "family_medicine"]


def plans(advice):
    return {r.rule: r.value for r in advice.all("parallel_plan")}


def targets(advice):
    return {r.value["action"]: r for r in advice.all("program_targeting")}


def target_rules(advice):
    return {r.rule for r in advice.all("program_targeting")}


# --- parallel_plan --------------------------------------------------------------------------

class TestCombinedParallel:
    def test_med_peds_applies_to_categorical_im_and_peds(self):
        """med_peds, '2. Apply Broadly and Intelligently' and FAQ 1: Med-Peds plus categorical
        IM and/or Pediatrics (the pending-Step-2 example)."""
        advice = advise(example_profile("med_peds_pending"))
        assert plans(advice) == {"parallel.med_peds_categorical": {
            "action": "apply_categorical_in_parallel", "primary": "med_peds",
            "parallel": ["internal_medicine", "pediatrics"], "emphasis": "both"}}
        assert advice.all("parallel_plan")[0].strength == "should"

    def test_med_psych_applies_to_categorical_psychiatry_or_im(self):
        """med_psych, 'Step 2: Consider Parallel or Stepping‑Stone Pathways' and FAQ 1 (the
        sample timeline: Step 2 CK 225)."""
        advice = advise(example_profile("med_psych_timeline"))
        (plan,) = advice.all("parallel_plan")
        assert plan.rule == "parallel.med_psych_categorical"
        assert plan.value["parallel"] == ["psychiatry", "internal_medicine"]
        assert plan.value["emphasis"] == "both"

    def test_agrees_with_the_application_count(self):
        """med_psych, 'Step 3: Optimizing Program List with Low Scores': the categorical part of
        apply_count is the parallel plan's tracks."""
        advice = advise(example_profile("med_psych_timeline"))
        parts = advice["apply_count"].value["parts"]
        assert any(p["track"] == "psychiatry_or_internal_medicine" for p in parts)


class TestScenarioB:
    """safety_nets, 'Scenario B: You strongly prefer a field like Psych, Neuro, Peds'."""

    @pytest.mark.parametrize("specialty", ["psychiatry", "neurology", "pediatrics"])
    def test_under_225_mostly_im_fm_safeties(self, specialty):
        advice = advise(profile(specialty, 221))
        assert plans(advice) == {"parallel.preferred_field_mostly_im_fm": {
            "action": "mostly_im_fm_safeties", "primary": specialty, "parallel": IM_FM,
            "emphasis": "parallel"}}

    def test_not_yet_passed_counts_as_under_225(self):
        advice = advise(profile("psychiatry", {"status": "failed"}))
        assert list(plans(advice)) == ["parallel.preferred_field_mostly_im_fm_failed"]

    @pytest.mark.parametrize("score", [225, 230, 234])
    def test_225_to_235_apply_broadly_anchored_by_im_fm(self, score):
        advice = advise(profile("psychiatry", score))
        assert plans(advice) == {"parallel.preferred_field_anchored_by_im_fm": {
            "action": "anchor_with_im_fm", "primary": "psychiatry", "parallel": IM_FM,
            "emphasis": "primary"}}

    @pytest.mark.parametrize("score", [235, 245])
    def test_no_im_fm_plan_from_235(self, score):
        assert plans(advise(profile("psychiatry", score))) == {}

    def test_a_passed_retake_is_judged_by_its_score(self):
        """A second attempt that passed at 230 is anchored, not pushed to mostly IM/FM."""
        advice = advise(profile("neurology", {"score": 230, "attempts": 2}))
        assert list(plans(advice)) == ["parallel.preferred_field_anchored_by_im_fm"]


class TestImFmAnchors:
    """state_univ, '3. Specialty-Specific Flexibility' (IM + FM when scores are very low) and
    safety_nets FAQ 1 (under 220: lean on IMG-saturated IM/FM)."""

    def test_im_under_220_adds_fm(self):
        advice = advise(profile("internal_medicine", 214))
        assert plans(advice) == {"parallel.internal_medicine_add_other_anchor": {
            "action": "add_other_img_anchor", "primary": "internal_medicine",
            "parallel": ["family_medicine"], "emphasis": "both"}}

    def test_fm_not_passed_adds_im(self):
        advice = advise(profile("family_medicine", {"status": "failed"}))
        assert plans(advice)["parallel.family_medicine_add_other_anchor_failed"]["parallel"] == [
            "internal_medicine"]

    def test_im_at_224_stays_single(self):
        """The state_univ sample (224) applies to IM only."""
        assert plans(advise(example_profile("state_univ_sample"))) == {}

    def test_obgyn_under_220_leans_on_im_fm(self):
        advice = advise(profile("obgyn", 212))
        assert plans(advice)["parallel.other_specialty_mostly_im_fm"]["emphasis"] == "parallel"
        assert plans(advise(profile("obgyn", 226))) == {}


class TestScenarioCAndOffTable:
    def test_surgery_with_low_scores_gets_a_genuine_im_fm_parallel(self):
        """safety_nets, 'Scenario C: ... Anesthesia, EM, categorical Surgery' and
        '11. Quick Specialty-Specific Notes' (Surgery / Anesthesia / EM)."""
        advice = advise(profile("general_surgery", 222))
        assert plans(advice) == {"parallel.prelim_bridge_im_fm": {
            "action": "parallel_im_fm", "primary": "general_surgery", "parallel": IM_FM,
            "emphasis": "parallel"}}
        assert advice["prelim_backup"].value["recommended"] is True
        parts = {p["track"]: p for p in advice["apply_count"].value["parts"]}
        assert parts["general_surgery"]["scope"] == "a_few"
        assert parts["internal_medicine_or_family_medicine"]["scope"] == "count"

    def test_strong_em_applicant_gets_no_parallel(self):
        assert plans(advise(profile("emergency_medicine", 246))) == {}

    @pytest.mark.parametrize("specialty", ["dermatology", "orthopedic_surgery", "otolaryngology",
                                           "plastic_surgery", "radiation_oncology",
                                           "neurosurgery"])
    def test_off_table_specialty_redirects_to_im_fm(self, specialty):
        """safety_nets, '2. The IMG-Friendly Sweet Spot': do not waste fees on these; the
        redirect agrees with apply_count's."""
        advice = advise(profile(specialty, 228))
        assert plans(advice) == {"parallel.off_table_redirect": {
            "action": "redirect_to_im_fm", "primary": specialty, "parallel": IM_FM,
            "emphasis": "parallel_only"}}
        assert advice["apply_count"].rule == "applications.off_table_redirect"

    def test_off_table_without_score_risk_is_left_alone(self):
        assert plans(advise(profile("dermatology", 250))) == {}

    def test_pmr_gets_no_parallel_im_fm(self):
        """pmr's backup is the prelim/TY year (prelim_backup), not an IM/FM parallel."""
        advice = advise(example_profile("pmr_both_low"))
        assert plans(advice) == {}
        assert advice["prelim_backup"].rule.startswith("backup.pmr_prelim_or_ty")


# --- long_term_path -------------------------------------------------------------------------

class TestLongTermPaths:
    def test_pmr_via_im_or_fm_with_a_rehab_practice(self):
        """pmr, 'Long-Term Alternatives That Still Keep PM&R in View' (both scores low)."""
        (path,) = advise(example_profile("pmr_both_low")).all("long_term_path")
        assert path.rule == "long_term.pmr_via_im_fm"
        assert path.value["via"] == IM_FM
        assert "rehab_focused_practice" in path.value["then"]

    def test_pmr_with_a_comfortable_score_has_no_long_term_detour(self):
        assert advise(profile("pmr", 232)).all("long_term_path") == ()

    def test_med_peds_via_categorical_im_or_peds(self):
        """med_peds, '2. Considering Alternative but Related Paths'."""
        (path,) = advise(profile("med_peds", 221)).all("long_term_path")
        assert path.rule == "long_term.med_peds_via_im_or_peds"
        assert path.value["via"] == ["internal_medicine", "pediatrics"]
        assert path.value["toward"] == "lifespan_care_career"

    def test_med_psych_two_routes(self):
        """med_psych FAQ 4: psychiatry + CL fellowship, or IM + addiction/behavioral health."""
        paths = advise(example_profile("med_psych_timeline")).all("long_term_path")
        by_via = {tuple(p.value["via"]): p.value for p in paths}
        assert set(by_via) == {("psychiatry",), ("internal_medicine",)}
        assert "consultation_liaison_fellowship" in by_via[("psychiatry",)]["then"]
        assert "addiction_medicine_or_behavioral_health_integration" in \
            by_via[("internal_medicine",)]["then"]
        assert {p.rule for p in paths} == {"long_term.med_psych_via_categorical"}

    def test_strong_med_psych_gets_no_long_term_detour(self):
        assert advise(profile("med_psych", 250)).all("long_term_path") == ()

    def test_anesthesiology_pivot_to_a_procedural_subspecialty(self):
        """safety_nets '11. Quick Specialty-Specific Notes' (Surgery / Anesthesia / EM)."""
        (path,) = advise(profile("anesthesiology", 219)).all("long_term_path")
        assert path.value == {"via": IM_FM, "then": ["procedure_oriented_subspecialty"],
                              "toward": "procedure_oriented_career"}


# --- program_targeting ----------------------------------------------------------------------

class TestVisaTargeting:
    """safety_nets, 'Step 4: ECFMG and visa patterns'; pmr, 'Applying Broadly and
    Intelligently' (be flexible with J-1) and 'When Low Scores Hurt the Most' (H-1B)."""

    def test_j1_is_the_baseline_and_no_sponsorship_is_ruled_out(self):
        advice = advise(profile(citizenship="non_us", visa="j1"))
        visa = targets(advice)["filter_by_visa"]
        assert visa.rule == "targeting.visa_j1" and visa.strength == "must"
        assert visa.value["visa"] == "j1"
        assert visa.value["look_for"] == ["sponsors_j1", "sponsors_j1_and_h1b"]
        assert visa.value["avoid"] == ["no_visa_sponsorship"]

    def test_h1b_must_be_filtered_for(self):
        visa = targets(advise(example_profile("pmr_both_low")))["filter_by_visa"]
        assert visa.rule == "targeting.visa_h1b"
        assert visa.value["look_for"] == ["sponsors_h1b"]
        assert "sponsors_j1_only" in visa.value["avoid"]

    @pytest.mark.parametrize("fields", [{"citizenship": "us_citizen"},
                                        {"citizenship": "permanent_resident"},
                                        {"citizenship": "non_us", "visa": "none"}])
    def test_no_visa_advice_without_a_visa_need(self, fields):
        assert "filter_by_visa" not in targets(advise(profile(**fields)))


class TestLowScoreTargeting:
    def test_state_university_sample_targets(self):
        """state_univ, 'Putting It All Together: A Sample Strategic Path': state-university IM
        in less competitive regions and affiliated community programs; 'Targeting the Right
        State University Programs'."""
        advice = advise(example_profile("state_univ_sample"))
        found = targets(advice)
        assert {"target_program_types", "target_less_competitive_regions",
                "target_fitting_state_universities", "favor_img_heavy_programs",
                "skip_score_rigid_programs", "filter_by_visa"} <= set(found)
        types = found["target_program_types"].value
        assert {"university_affiliated_community", "img_friendly_state_university"} <= \
            set(types["look_for"])
        assert types["avoid"] == ["big_name_academic"]

    def test_geography(self):
        """safety_nets, 'Step 3: Look at geography and desirability'."""
        region = targets(advise(profile("internal_medicine", 227)))[
            "target_less_competitive_regions"].value
        assert {"midwest_outside_chicago", "deep_south", "rust_belt",
                "smaller_texas_cities"} <= set(region["look_for"])
        assert {"new_york_city", "boston", "california", "seattle", "downtown_chicago",
                "tourist_destinations"} == set(region["avoid"])

    def test_img_share_and_recency(self):
        """safety_nets, '2. The IMG-Friendly Sweet Spot': IMGs at least 30–40%, residents
        from your region in the last 3–5 years."""
        value = targets(advise(example_profile("safety_nets_ranking")))[
            "favor_img_heavy_programs"].value
        assert value["min_img_percent"] == {"min": 30, "max": 40}
        assert value["recent_years"] == {"min": 3, "max": 5}

    def test_score_rigidity_example_gap(self):
        """safety_nets, 'Step 2: Use data, not vibes': 225 against a 245 average with 5% IMGs
        is a wasted application."""
        value = targets(advise(profile("internal_medicine", 225)))[
            "skip_score_rigid_programs"].value
        assert value["score_gap"] == 245 - 225
        assert "stated_minimum_above_your_score" in value["avoid"]

    def test_specialty_notes(self):
        """safety_nets, '11. Quick Specialty-Specific Notes For Low-Score IMGs'."""
        im = targets(advise(profile("internal_medicine", 222)))["specialty_specific_targets"]
        assert im.rule == "targeting.internal_medicine_programs"
        assert "community_programs_with_hospitalist_pipelines" in im.value["look_for"]
        psych = targets(advise(profile("psychiatry", 222)))["specialty_specific_targets"]
        assert psych.value["specialty"] == "psychiatry"
        assert psych.value["avoid"] == ["big_city_programs"]

    def test_no_low_score_targeting_for_a_strong_profile(self):
        """Rosters, data tools and visa apply to every IMG; the low-score advice does not."""
        advice = advise(profile("internal_medicine", 250, citizenship="non_us", visa="j1"))
        assert target_rules(advice) == {"targeting.img_rosters", "targeting.data_tools",
                                        "targeting.visa_j1"}

    def test_combined_specialties_get_their_own_program_types(self):
        advice = advise(profile("med_psych", 222))
        assert "targeting.program_types" not in target_rules(advice)
        assert "targeting.state_universities" not in target_rules(advice)


class TestCombinedTargeting:
    def test_med_peds_programs_and_categorical_list(self):
        """med_peds, '1. Understand the Med-Peds Landscape' and '2. Apply Broadly and
        Intelligently' (where the categorical applications go)."""
        found = targets(advise(example_profile("med_peds_pending")))
        assert found["target_img_open_combined_programs"].rule == "targeting.med_peds_programs"
        assert "states_visa_sponsorship" in found["target_img_open_combined_programs"].value[
            "look_for"]
        assert "smaller_cities_or_less_competitive_regions" in found[
            "target_categorical_programs"].value["look_for"]

    def test_med_psych_landscape_and_tiers(self):
        """med_psych, 'Step 1: Understand the Med‑Psych Program Landscape' and 'Step 3:
        Optimizing Program List with Low Scores' (reach / realistic / safety)."""
        found = targets(advise(example_profile("med_psych_timeline")))
        assert "j1_sponsorship" in found["target_img_open_combined_programs"].value["look_for"]
        tiers = found["tier_the_list"].value["tiers"]
        assert list(tiers) == ["reach", "realistic", "safety"]
        assert "categorical_psychiatry_or_im_taking_imgs" in tiers["safety"]

    def test_no_tiers_for_a_strong_med_psych_applicant(self):
        assert "tier_the_list" not in targets(advise(profile("med_psych", 250)))


# --- shapes and contradictions --------------------------------------------------------------

SHAPES = {
    "parallel_plan": lambda v: set(v) == {"action", "primary", "parallel", "emphasis"}
    and v["emphasis"] in {"primary", "parallel", "both", "parallel_only"},
    "long_term_path": lambda v: set(v) == {"via", "then", "toward"},
    "program_targeting": lambda v: {"action", "look_for", "avoid"} <= set(v),
}


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_value_shapes_and_declared_contradictions(data):
    advice = advise(data)
    given_values = [(r.kind, r.value) for r in advice]
    for kind, value in given_values:
        if kind in SHAPES:
            assert SHAPES[kind](value), (kind, value)
    for pair in strategy.INCOMPATIBLE:
        assert not pair.violated_by(given_values), pair.why


def test_contradiction_patterns_match_real_values():
    """The declared pairs are not vacuous: each side matches a value some rule gives."""
    values = [(c.kind, c.value) for rule in strategy.RULES for c in rule.conclusions]
    for pair in strategy.INCOMPATIBLE:
        for side in (pair.first, pair.second):
            assert any(matches(side, kind, value) for kind, value in values), side


def test_strategy_concludes_no_risk_factors():
    """Only recommendations: the outlook and counts stay monotone in better profiles."""
    kinds = {c for rule in strategy.RULES for c in rule.concludes}
    assert kinds == {"recommendation parallel_plan", "recommendation long_term_path",
                     "recommendation program_targeting"}
