"""``ALWAYS_GIVEN`` is what every profile gives, and no more: the decision tables' checks add a
"not given" case to every other input column."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from knowledge_base.inputs import ALWAYS_GIVEN, DERIVED_FIELDS, INPUT_DOMAINS, input_values
from knowledge_base.profile import ClinicalExperience, Letter, Profile, Step1, Step2CK, Step3
from tests.strategies import profiles


def _profile(data: dict[str, Any]) -> Profile:
    return Profile(**{
        **data, "step1": Step1(**data["step1"]), "step2ck": Step2CK(**data["step2ck"]),
        "step3": Step3(**data.get("step3", {})),
        "usce": tuple(ClinicalExperience(**block) for block in data.get("usce", ())),
        "letters": tuple(Letter(**letter) for letter in data.get("letters", ())),
    })


def test_the_least_profile_gives_exactly_the_always_given_inputs():
    """Everything else can be missing: this profile leaves it out."""
    least = Profile(specialty="pmr", step1=Step1("pass"), step2ck=Step2CK(status="pending"))
    assert {path for path, _ in input_values(least)} == ALWAYS_GIVEN


@settings(max_examples=200, deadline=None)
@given(profiles())
def test_every_profile_gives_the_always_given_inputs(data):
    assert ALWAYS_GIVEN <= {path for path, _ in input_values(_profile(data))}


def test_always_given_inputs_are_inputs_the_rules_can_read():
    assert ALWAYS_GIVEN <= INPUT_DOMAINS.keys()
    # the sums and counts over lists are always there, the differences and step1.score not
    assert {"usce.months", "letters.us_count"} <= ALWAYS_GIVEN
    assert not {"step1.score", "years_since_graduation"} & ALWAYS_GIVEN
    assert {"step1.score", "years_since_graduation"} <= DERIVED_FIELDS.keys()
