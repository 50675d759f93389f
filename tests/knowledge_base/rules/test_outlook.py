"""The scope note: who the guidance was written for."""

from __future__ import annotations

import pytest

from expert import advise

PROFILE = {"specialty": "pmr", "step1": {"result": "pass"}, "step2ck": {"score": 214}}


@pytest.mark.parametrize("citizenship", ["us_citizen", "permanent_resident"])
def test_an_applicant_who_needs_no_visa_is_told_the_guidance_was_written_for_others(citizenship):
    advice = advise({**PROFILE, "citizenship": citizenship})
    scope = advice["scope"]
    assert scope.value == {"action": "read_without_visa_advice", "citizenship": citizenship}
    assert scope.strength == "caution"
    assert str(advice).splitlines()[1].startswith("Note: The guidance")
    assert "filter_by_visa" not in {r.value["action"] for r in advice.all("program_targeting")}
    for r in advice:
        assert "J-1-sponsoring" not in r.summary, r.rule


@pytest.mark.parametrize("visa", ["j1", "h1b"])
def test_a_non_us_citizen_gets_no_scope_note_and_an_h1b_count_is_not_worded_for_the_j1(visa):
    advice = advise({**PROFILE, "visa": visa})
    assert "scope" not in advice
    assert "J-1" not in advice["apply_count"].summary
