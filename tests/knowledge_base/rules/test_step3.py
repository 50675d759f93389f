"""Whether and when to take Step 3 (``knowledge_base.rules.step3``, the ``step3`` decision table),
on the documents' FAQ answers."""

from __future__ import annotations

from expert import advise
from expert.examples import example_profile
from tests.conftest import profile


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
