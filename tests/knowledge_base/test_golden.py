"""Golden profiles: the documents' own worked examples and FAQ answers, and the advice they imply.

Each case names the document section it comes from. Values are asserted as the documents state
them; where a document gives a narrower figure than our reconciled table (the state-university
sample plan's 80–100 inside 80–120), the test checks that the advice contains it.
"""

from __future__ import annotations

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
        assert {"track": "med_psych", "scope": "all_realistic", "min": None, "max": None,
                "basis": "document", "at_least": False} in parts
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

def test_exam_failures_are_red_flags_to_mitigate():
    """state_univ 'What Counts as a Low Step Score?': a failed attempt is a red flag that can be
    mitigated; med_psych: a Step 2 CK failure weighs more."""
    flags = {r.value["flag"] for r in advise(profile(
        step1={"result": "pass", "attempts": 2}, step2ck={"score": 231, "attempts": 2}
    )).all("red_flag")}
    assert flags == {"step1_failure", "step2ck_failure"}
    assert advise(profile()).all("red_flag") == ()
