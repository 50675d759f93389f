"""The knowledge base's second pass: strengths that offset a score risk, what a redirect
implies, the worked examples' details, continuity not known, Step 3 with no time before ERAS,
advice kept to where it applies, and a preliminary year entered as the specialty. Each case
names the document section it encodes; docs/knowledge-base.md § "Strengths that offset,
redirects, the worked examples' details, and scope" gives the reconciliations."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expert import ProfileError, advise
from expert.examples import example_profile
from expert.interview import Interview
from expert.verification.monotonicity import Assessment, worsening
from knowledge_base.profile import SPECIALTIES
from knowledge_base.thresholds import THRESHOLDS
from tests.conftest import profile

OFF_TABLE = THRESHOLDS.group("off_table")


PMR_OFFSETS = {"usce": [{"specialty": "pmr", "type": "observership", "months": 2}],
               "letters": [{"specialty": "pmr"}, {"specialty": "pmr"}]}


def findings(advice, key: str) -> dict[str, dict]:
    """The findings of the explanation graph that have ``key``, by that key's value."""
    return {data[key]: data for _, data in advice.graph.nodes(data=True)
            if data["type"] == "finding" and key in data}


def actions(advice, kind: str) -> set[str]:
    return {r.value["action"] for r in advice.all(kind)}


# --- 1. Strengths that offset ---------------------------------------------------------------

class TestOffsets:
    def test_pmr_low_step1_with_a_recovered_step2ck(self):
        """pmr § 1. Can a non-US citizen IMG match into PM&R with a low Step 1 score? (with a
        strongly improved Step 2 CK, PM&R USCE and US physiatrist letters, some programs will
        consider you) and § Considering a Transitional or Preliminary Year (the backup is for
        the extremely concerned)."""
        advice = advise(profile("pmr", 245, step1={"result": 205}, **PMR_OFFSETS))
        assert findings(advice, "risk")["step1_low"]["by"] == "step2ck_recovery"
        assert findings(advice, "name")["step1_low"]["severity"] == "moderate"
        assert advice["outlook"].value == "moderate_risk"
        assert advice["outlook"].rule == "outlook.moderate_risk.offset"
        backup = advice["prelim_backup"]
        assert backup.rule == "backup.pmr_scores_offset" and not backup.value["recommended"]
        assert "extremely worried" in backup.summary

    def test_pmr_keeps_the_backup_without_pmr_experience_and_letters(self):
        advice = advise(profile("pmr", 245, step1={"result": 205}))
        assert advice["outlook"].value == "moderate_risk"
        assert advice["prelim_backup"].value["recommended"] is True

    def test_the_offset_is_explained_down_to_the_scores(self):
        advice = advise(profile("pmr", 245, step1={"result": 205}))
        graph = advice.explanation("outlook")
        assert {"input:step2ck.gain_over_step1", "input:step1.score",
                "rule:offset.step1_low.step2ck_recovery"} <= set(graph)

    def test_no_offset_without_a_step2ck_at_least_average(self):
        """pmr § What Is “Low” in the PM&R Context?: 210–224 is borderline, not a recovery."""
        advice = advise(profile("pmr", 218, step1={"result": 205}))
        assert "step1_low" not in findings(advice, "risk")
        assert advice["outlook"].value == "high_risk"
        assert advice["prelim_backup"].value["recommended"] is True

    def test_no_offset_after_a_step2ck_failure(self):
        advice = advise(profile("internal_medicine", {"score": 245, "attempts": 2},
                                step1={"result": 205}))
        assert findings(advice, "name")["step1_low"]["severity"] == "high"

    def test_med_psych_step1_failure_with_an_outstanding_step2ck(self):
        """med_psych § What Counts as “Low” for Med‑Psych?: 260+ compensates for many
        weaknesses; a Step 1 failure can be overcome with a strong Step 2 CK."""
        advice = advise(profile("med_psych", 262, step1={"result": "pass", "attempts": 2}))
        assert findings(advice, "name")["step1_failure"]["severity"] == "moderate"
        assert advice["outlook"].value == "moderate_risk"
        assert advice["red_flag"].value["flag"] == "step1_failure"  # still explained

    def test_med_psych_borderline_step2ck_does_not_offset_a_failure(self):
        advice = advise(profile("med_psych", 240, step1={"result": "pass", "attempts": 2}))
        assert advice["outlook"].value == "high_risk"

    def test_a_step1_not_yet_passed_is_never_offset(self):
        advice = advise(profile("internal_medicine", 262, step1={"result": "fail"}))
        assert findings(advice, "name")["step1_failure"]["severity"] == "high"

    def test_pmr_and_med_peds_read_strong_on_the_general_scale(self):
        """state_univ § What Counts as a Low Step Score?: 240+ is strong for most IMGs."""
        for specialty in ("pmr", "med_peds"):
            advice = advise(profile(specialty, 242, step1={"result": "pass", "attempts": 2}))
            assert "step1_failure" in findings(advice, "risk"), specialty

    def test_an_offset_lowers_a_core_specialty_count(self):
        """state_univ § 4. Application Volume and Distribution: the upper range is for high
        risk; a recovered Step 2 CK takes the applicant out of it."""
        low = advise(profile("internal_medicine", 224, step1={"result": 205}))
        recovered = advise(profile("internal_medicine", 245, step1={"result": 205}))
        assert low["apply_count"].value["min"] == 80
        assert recovered["apply_count"].value["min"] == 60


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SPECIALTIES), st.integers(170, 214), st.integers(200, 260),
       st.integers(1, 40), st.sampled_from([1, 2]))
def test_a_better_step2ck_after_a_low_step1_never_worsens_the_assessment(
        specialty, step1, step2ck, gain, attempts):
    """Monotonicity through the offsets: raising Step 2 CK beside a low or failed Step 1."""
    def assessed(score):
        data = profile(specialty, score, step1={"result": step1, "attempts": attempts})
        return Assessment.of({r.kind: r.value for r in advise(data)})
    assert worsening(assessed(step2ck), assessed(min(step2ck + gain, 300))) == []


# --- 2. Everything after a redirect serves the new target -----------------------------------

@pytest.mark.parametrize("specialty", OFF_TABLE)
def test_a_redirected_applicant_is_advised_for_im_fm(specialty):
    """safety_nets § 2. The IMG-Friendly Sweet Spot: the fees go to IM/FM, and so do the
    statement, the rotations and the letters (state_univ § 1. Personal Statement, § 1.
    Strategic Clinical Experience, § 2. High-Impact Letters)."""
    advice = advise(profile(specialty, 222))
    fits = [r for r in advice.all("personal_statement")
            if r.value["action"] == "focus_on_specialty_fit"]
    assert [r.rule for r in fits] == ["statement.redirected_fit"]
    assert "why_internal_or_family_medicine" in fits[0].value["points"]
    fields = {f for r in advice.all("usce_plan") for f in r.value["fields"]}
    assert {"internal_medicine", "family_medicine"} <= fields and specialty not in fields
    letters = {r.rule: r for r in advice.all("letters_plan")}
    target = letters["experience.letters.target.redirected_im_fm"]
    assert target.value["writers"] == [{"field": "internal_medicine_or_family_medicine",
                                         "min": 2}]


def test_letters_from_the_dropped_field_do_not_meet_the_redirected_target():
    own_field = advise(profile("dermatology", 222, letters=[{"specialty": "dermatology"}] * 3))
    (target,) = [r for r in own_field.all("letters_plan")
                 if r.value["action"] == "gather_letters"]
    assert target.rule == "experience.letters.target.redirected_im_fm"
    assert "so far: 0" in target.summary
    im = advise(profile("dermatology", 222, letters=[{"specialty": "internal_medicine"}] * 2))
    assert "gather_letters" not in actions(im, "letters_plan")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SPECIALTIES), st.integers(200, 250),
       st.sampled_from(["preparing", "applying", "unmatched"]))
def test_mostly_im_fm_lists_get_an_im_fm_statement_and_letter(specialty, step2ck, phase):
    """safety_nets Scenarios B and C: a parallel IM/FM plan genuinely meant; the statement and
    a letter serve it wherever the parallel plan puts most of the list there."""
    advice = advise(profile(specialty, step2ck, phase=phase))
    mostly = any(r.value["emphasis"] == "parallel" for r in advice.all("parallel_plan"))
    assert mostly == ("write_im_fm_version" in actions(advice, "personal_statement"))
    assert mostly == ("add_im_fm_letter" in actions(advice, "letters_plan"))


@pytest.mark.parametrize("specialty", OFF_TABLE)
def test_strong_scores_in_a_field_that_scrutinizes_them_get_a_caution(specialty):
    """state_univ § 3. Specialty-Specific Flexibility: these fields are generally harder; no
    document sizes their list, so the count is our estimate, said so."""
    count = advise(profile(specialty, 245))["apply_count"]
    assert count.rule == "applications.off_table_scrutinized" and count.strength == "caution"
    assert count.value["parts"][0]["basis"] == "our_estimate"
    assert "Our estimate" in count.summary


# --- 3. The worked examples' details --------------------------------------------------------

class TestStateUniversitySampleDetails:
    """state_univ § Putting It All Together: A Sample Strategic Path."""

    advice = advise(example_profile("state_univ_sample"))

    def test_step3_window_and_target(self):
        summary = self.advice["step3"].summary
        assert "6–9 months" in summary and "above 230" in summary
        assert "done before ERAS opens, 12 months from now" in summary

    def test_the_count_says_the_samples_80_to_100(self):
        assert "says 80–100" in self.advice["apply_count"].summary

    def test_free_clinic(self):
        assert "volunteer_at_free_clinic" in actions(self.advice, "clinical_continuity")
        assert self.advice.plan.step("volunteer_free_clinic").stage == "months_18_to_12"

    def test_preference_signals(self):
        assert "send_preference_signals" in actions(self.advice, "program_targeting")


def test_med_psych_timeline_studies_us_documentation():
    """med_psych § 12–18 Months Before Application: study US documentation practices."""
    advice = advise(example_profile("med_psych_timeline"))
    assert "learn_us_documentation" in actions(advice, "usce_plan")
    assert advice.plan.step("learn_us_documentation").stage == "months_18_to_12"


# --- 4. Continuity not known ----------------------------------------------------------------

def test_years_since_graduation_with_continuity_unknown_prompts_it():
    """med_peds § 4. Continuity of Clinical Activity: keep clinical work going."""
    unknown = advise(profile(graduation_year=2019, season=2027))
    assert {"explain_gaps", "keep_clinical_activity"} <= actions(unknown,
                                                                "clinical_continuity")
    active = advise(profile(graduation_year=2019, season=2027, clinically_active=True))
    assert "keep_clinical_activity" not in actions(active, "clinical_continuity")
    interviewing = advise(profile(graduation_year=2019, season=2027, phase="interviewing"))
    assert "keep_clinical_activity" not in actions(interviewing, "clinical_continuity")


def test_the_interview_asks_about_clinical_activity_years_after_graduation():
    answers = {"specialty": "internal_medicine", "step1.result": "pass",
               "step2ck.status": "taken", "step2ck.score": 222, "graduation_year": 2019,
               "season": 2027}
    interview = Interview()
    while not interview.done and interview.next_question().field != "clinically_active":
        field = interview.next_question().field
        interview.answer(answers[field]) if field in answers else interview.skip()
    assert not interview.done
    assert "experience.continuity.keep_clinical_work" in str(interview.why())


# --- 5. Step 3 with no time before ERAS -----------------------------------------------------

def test_h1b_with_a_month_before_eras_takes_step3_after_submitting():
    """med_peds § 1. Optimize Remaining Exams: Step 3 takes 2–3 months; pmr FAQ 2: some
    programs prefer or require it for H-1B sponsorship."""
    advice = advise(profile(visa="h1b", months_until_eras=1, season=2027))
    step3 = advice["step3"]
    assert step3.value == "take" and step3.rule == "step3.h1b_after_submitting"
    assert "before rank lists" in step3.summary and "No document gives this date" in \
        step3.summary
    step = advice.plan.step("take_step3")
    assert step.stage == "interview_season"
    assert step.when["start"] >= str(advice.plan.cycle.eras_opens)


@pytest.mark.parametrize("phase", ("applying", "interviewing"))
def test_h1b_with_the_applications_in_passes_step3_before_ranking(phase):
    advice = advise(profile(visa="h1b", phase=phase, season=2027))
    assert advice["step3"].rule == "step3.h1b_before_ranking"
    assert advice.plan.step("take_step3").stage == "interview_season"


def test_step1_not_passed_comes_before_step3():
    advice = advise(profile(visa="h1b", months_until_eras=1, step1={"result": "fail"}))
    assert advice["step3"].rule == "step3.step1_first"
    assert advice["step3"].value == "dont_rush"


def test_h1b_with_time_still_takes_it_before_eras():
    advice = advise(profile(visa="h1b", months_until_eras=12, season=2027))
    assert advice["step3"].rule == "step3.h1b_programs_prefer_step3"
    assert advice.plan.step("take_step3").stage == "step3_window"


# --- 6. Advice kept to where it applies -----------------------------------------------------

@pytest.mark.parametrize("specialty", THRESHOLDS.group("prelim_bridge"))
def test_surgery_anesthesiology_em_get_scenario_c_research_only(specialty):
    """safety_nets § Scenario C: serious US research in the field; state_univ's optional
    research role would contradict it."""
    rules = {r.rule for r in advise(profile(specialty, 222)).all("research_plan")}
    assert rules == {"experience.research.specialty_bridge"}


DELAY_CASE = {"step2ck": {"status": "pending", "practice_score": 205}, "usce": [],
              "step1": {"result": 205}}


def _delay(specialty):
    data = {**profile(specialty), **DELAY_CASE}
    return [r for r in advise(data).all("timing") if r.value["action"] == "delay_one_year"]


def test_the_med_peds_delay_is_its_own_there_and_said_to_be_carried_over_elsewhere():
    """med_peds § 2. Should I delay my application to improve my Step 2 CK score?"""
    (own,) = _delay("med_peds")
    assert "Med-Peds guide" not in own.summary
    (carried,) = _delay("internal_medicine")
    assert carried.rule.endswith(".carried_over") and "Med-Peds guide" in carried.summary


def test_pmr_is_not_told_to_delay_for_step2ck():
    """pmr § Step 2: Optimize Everything You Still Control: the best window, but not missing
    ERAS opening."""
    assert _delay("pmr") == []


@pytest.mark.parametrize("specialty", ("pediatrics", "psychiatry", "neurology", "pathology"))
def test_preferred_fields_under_220_get_categorical_safeties_not_a_prelim_year(specialty):
    """safety_nets § Scenario B: IMG-heavy IM/FM safeties; the prelim foothold is Scenario
    A's, for IM/FM."""
    backup = advise(profile(specialty, 215))["prelim_backup"]
    assert backup.rule == "backup.preferred_field_categorical_safeties"
    assert backup.value["recommended"] is False and "lead into" not in backup.summary
    im = advise(profile("internal_medicine", 215))["prelim_backup"]
    assert im.value == {"recommended": True, "tracks": ["prelim_im"]}


# --- 7. A preliminary year entered as the specialty -----------------------------------------

@pytest.mark.parametrize("value", ("preliminary_medicine", "transitional_year", "prelim surgery",
                                   "TY"))
def test_a_preliminary_track_as_the_specialty_says_what_to_enter(value):
    """safety_nets § 7. Using Prelim and Transitional Years As Deliberate Safety Nets."""
    with pytest.raises(ProfileError) as refused:
        advise(profile(value))
    (problem,) = refused.value.problems
    assert problem.path == "specialty" and problem.value == value
    assert "enter the specialty you want a categorical position in" in problem.allowed
    assert "prelim_backup" in problem.allowed


def test_the_command_line_refuses_it_with_exit_code_2(tmp_path):
    path = tmp_path / "prelim.json"
    path.write_text(json.dumps(profile("preliminary_medicine")), "utf-8")
    run = subprocess.run([sys.executable, "-m", "expert", "advise", str(path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 2 and run.stdout == ""
    assert "specialty" in run.stderr and "preliminary_medicine" in run.stderr
    assert "categorical position" in run.stderr and "Traceback" not in run.stderr
