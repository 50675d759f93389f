"""Golden profiles: the documents' own worked examples and FAQ answers, and the advice they imply.

Each case names the document section it comes from. Values are asserted as the documents state
them; where a document gives a narrower figure than our reconciled table (the state-university
sample plan's 80–100 inside 80–120), the test checks that the advice contains it.
"""

from __future__ import annotations

import pytest

from expert import advise
from expert.examples import example_profile
from tests.conftest import profile


def decisions(advice):
    return {kind: advice[kind].value for kind in ("apply_count", "step3", "prelim_backup")}


def bands(advice):
    return {r.value["exam"]: (r.value["band"], r.value["scale"]) for r in advice.all("score_band")}


class TestStateUniversitySample:
    """state_univ, 'Putting It All Together: A Sample Strategic Path'."""

    advice = advise(example_profile("state_univ_sample"))

    def test_scores_are_low_on_the_general_scale(self):
        assert bands(self.advice) == {"step1": ("low", "general_img"),
                                      "step2ck": ("low", "general_img")}

    def test_schedule_step3(self):
        assert self.advice["step3"].value == "take"
        assert self.advice["step3"].rule == "step3.both_scores_low_with_time"

    def test_application_count_covers_the_plans_80_to_100(self):
        count = self.advice["apply_count"].value
        assert count["min"] == 80 and count["max"] >= 100

    def test_no_prelim_backup_for_im_at_224(self):
        assert self.advice["prelim_backup"].value["recommended"] is False


class TestMedPsychTimeline:
    """med_psych, 'Putting It All Together: A Sample Strategy Timeline'."""

    advice = advise(example_profile("med_psych_timeline"))

    def test_225_is_low_on_the_med_psych_scale(self):
        assert bands(self.advice) == {"step2ck": ("low", "med_psych")}

    def test_all_med_psych_plus_categorical_psychiatry_or_im(self):
        parts = self.advice["apply_count"].value["parts"]
        assert {"track": "med_psych", "scope": "all_realistic", "min": None, "max": None} in parts
        categorical = next(p for p in parts if p["scope"] == "count")
        assert categorical["min"] <= 40 and categorical["max"] >= 60  # the timeline's 40–60

    def test_parallel_categorical_rather_than_a_prelim_year(self):
        backup = self.advice["prelim_backup"]
        assert backup.value["recommended"] is False and backup.strength == "caution"

    def test_step1_failure_is_a_risk_factor(self):
        risks = {d["name"] for _, d in self.advice.graph.nodes(data=True)
                 if d["type"] == "finding" and "name" in d}
        assert {"step1_failure", "step2ck_low", "no_usce"} <= risks


class TestSafetyNetsRankListExample:
    """safety_nets, '5. Rebuilding Your Rank List' concrete example: IM, Step 2 CK 227."""

    advice = advise(example_profile("safety_nets_ranking"))

    def test_227_is_borderline(self):
        assert bands(self.advice)["step2ck"] == ("borderline", "general_img")

    def test_decisions(self):
        assert decisions(self.advice)["step3"] == "consider"
        assert self.advice["prelim_backup"].value["recommended"] is False
        assert self.advice["apply_count"].value["min"] == 60


@pytest.mark.parametrize("score, band", [(205, "low"), (209, "low"), (210, "borderline"),
                                         (224, "borderline"), (225, "average")])
def test_pmr_scale(score, band):
    """pmr, 'What Is “Low” in the PM&R Context?': below 210 low, 210–220 borderline, mid-220s ok."""
    assert bands(advise(profile("pmr", score)))["step2ck"] == (band, "pmr")


@pytest.mark.parametrize("score, band", [(219, "very_low"), (220, "low"), (229, "low"),
                                         (230, "borderline"), (244, "borderline"),
                                         (245, "strong"), (262, "strong")])
def test_med_psych_scale(score, band):
    """med_psych, 'What Counts as “Low” for Med‑Psych?'."""
    assert bands(advise(profile("med_psych", score)))["step2ck"] == (band, "med_psych")


@pytest.mark.parametrize("score, band", [(218, "very_low"), (224, "low"), (225, "borderline"),
                                         (234, "borderline"), (235, "average"), (240, "strong")])
def test_general_scale(score, band):
    """state_univ and safety_nets Step 2 CK bands, reconciled (docs/knowledge-base.md)."""
    assert bands(advise(profile("psychiatry", score)))["step2ck"] == (band, "general_img")


def test_pmr_faq_sixty_to_eighty_programs():
    """pmr FAQ 3: at least 60–80 PM&R programs with below-average scores."""
    count = advise(profile("pmr", 208))["apply_count"].value
    assert (count["min"], count["max"]) == (60, 80)


def test_pmr_faq_step3_when_both_scores_low_and_time():
    """pmr FAQ 2: both Step 1 and Step 2 CK low, a solid Step 3 may reassure programs."""
    advice = advise(example_profile("pmr_both_low"))
    assert advice["step3"].value == "take"


def test_pmr_faq_step3_for_h1b():
    """pmr FAQ 2: some programs prefer or require Step 3 for H-1B sponsorship."""
    advice = advise(profile("pmr", 230, visa="h1b", months_until_eras=5))
    assert advice["step3"].value == "take"
    assert advice["step3"].rule == "step3.h1b_programs_prefer_step3"


def test_do_not_rush_step3_without_time():
    """pmr FAQ 2 / state_univ FAQ 3: no rushed Step 3 that adds another borderline score."""
    advice = advise(profile("internal_medicine", 222, months_until_eras=2))
    assert advice["step3"].value == "dont_rush"


def test_step3_not_needed_with_a_comfortable_score():
    """pmr FAQ 2: Step 3 is not mandatory for the match."""
    assert advise(profile("pmr", 236, months_until_eras=8))["step3"].value == "not_needed"


def test_step3_done_and_retake_caution():
    assert advise(profile(step3={"status": "passed", "score": 232}))["step3"].value == "done"
    failed = advise(profile(step3={"status": "failed"}, visa="h1b"))
    assert failed["step3"].value == "dont_rush" and failed["step3"].strength == "caution"


def test_med_peds_pending_step2ck_comes_first():
    """med_peds FAQ 2 and state_univ '1. Maximize Step 2 CK': Step 2 CK is the decisive exam."""
    advice = advise(example_profile("med_peds_pending"))
    assert advice["step3"].value == "dont_rush"
    assert advice["step3"].rule == "step3.step2ck_first"
    assert advice.all("score_band") == ()  # a practice score is not a result


def test_med_peds_dual_application():
    """med_peds '2. Apply Broadly and Intelligently': Med-Peds plus categorical IM/Peds."""
    advice = advise(profile("med_peds", 222))
    parts = {p["track"]: p for p in advice["apply_count"].value["parts"]}
    assert parts["med_peds"]["scope"] == "all_realistic"
    assert parts["internal_medicine_or_pediatrics"]["scope"] == "count"
    assert advice["prelim_backup"].value["recommended"] is False


def test_state_univ_faq_core_specialty_range():
    """state_univ FAQ 4: 60–120 programs for core specialties."""
    count = advise(profile("neurology", 228))["apply_count"].value
    assert (count["min"], count["max"]) == (60, 120)


def test_safety_nets_faq_under_220():
    """safety_nets FAQ 1: under 220, lean on IMG-heavy IM/FM and be ready for a fallback."""
    advice = advise(profile("internal_medicine", 216))
    assert advice["prelim_backup"].value == {"recommended": True, "tracks": ["prelim_im"]}
    assert advice["apply_count"].value["min"] == 80


def test_off_table_specialty_redirects():
    """safety_nets '2. The IMG-Friendly Sweet Spot': derm, ortho ... not with low scores."""
    advice = advise(profile("dermatology", 229))
    parts = advice["apply_count"].value["parts"]
    assert [p["track"] for p in parts] == ["internal_medicine_or_family_medicine"]
    assert "dermatology" in advice["apply_count"].summary
    assert advice["prelim_backup"].value["recommended"] is True


def test_surgery_prelim_bridge():
    """safety_nets '7. Using Prelim and Transitional Years As Deliberate Safety Nets'."""
    backup = advise(profile("general_surgery", 228))["prelim_backup"]
    assert backup.value == {"recommended": True, "tracks": ["prelim_im", "prelim_surgery"]}
    assert backup.strength == "should"


def test_pmr_prelim_or_ty_backup():
    """pmr 'Considering a Transitional or Preliminary Year'."""
    backup = advise(profile("pmr", 208))["prelim_backup"].value
    assert backup == {"recommended": True, "tracks": ["prelim_im", "transitional_year"]}


def test_unmatched_year():
    """safety_nets '12. If You Do Not Match': Step 3 early; pmr: prelim IM/TY positions."""
    advice = advise(profile("pmr", 215, phase="unmatched"))
    assert advice["step3"].value == "take"
    assert advice["prelim_backup"].value["recommended"] is True


def test_superseded_proposals_are_in_the_explanation():
    advice = advise(example_profile("state_univ_sample"))
    superseded = [(u, v, d["reason"]) for u, v, d in advice.graph.edges(data=True)
                  if d["type"] == "superseded"]
    winner = advice["step3"].node
    assert any(v == winner and "step3.both_scores_low_with_time" in reason
               for _, v, reason in superseded)
    assert all(u in advice.explanation("step3") for u, v, _ in superseded if v == winner)


def test_scenario_b_most_of_the_list_im_fm():
    """safety_nets 'Scenario B': Step 2 CK under 225 in psychiatry: IM/FM safeties and a handful
    of psychiatry; apply_count and parallel_plan say the same."""
    advice = advise(profile("psychiatry", 221))
    parts = {p["track"]: p for p in advice["apply_count"].value["parts"]}
    assert parts["internal_medicine_or_family_medicine"]["min"] == 80
    assert parts["psychiatry"]["scope"] == "a_few"
    assert advice.all("parallel_plan")[0].value["emphasis"] == "parallel"


def test_exam_failures_are_red_flags_to_mitigate():
    """state_univ 'What Counts as a Low Step Score?': a failed attempt is a red flag that can be
    mitigated; med_psych: a Step 2 CK failure weighs more."""
    flags = {r.value["flag"] for r in advise(profile(
        step1={"result": "pass", "attempts": 2}, step2ck={"score": 231, "attempts": 2}
    )).all("red_flag")}
    assert flags == {"step1_failure", "step2ck_failure"}
    assert advise(profile()).all("red_flag") == ()
