"""From a profile to the ``Input`` facts that rules read.

Each fact is one field path and a scalar value. Absent optional fields give no fact, so a rule
that needs a field simply does not match without it. A few inputs are derived (sums over the
USCE and letter lists, years since graduation); their paths say what they summarise.
"""

from __future__ import annotations

from typing import Iterator

from knowledge_base.facts import Input, Scalar
from knowledge_base.profile import Profile

DERIVED_FIELDS: dict[str, str] = {
    "step1.score": "the numeric Step 1 result, when step1.result is a score",
    "usce.months": "total months of US clinical experience",
    "usce.hands_on_months": "months of hands-on US clinical experience",
    "usce.specialty_months": "months of US clinical experience in the target specialty",
    "letters.us_count": "number of letters from US-based writers",
    "letters.us_specialty_count": "number of US letters from writers in the target specialty",
    "years_since_graduation": "season minus graduation_year",
    "step2ck.gain_over_step1": "Step 2 CK score minus the numeric Step 1 score",
    "step3.gain_over_step2ck": "Step 3 score minus the Step 2 CK score",
    "usce.count": "number of US clinical experience blocks",
    "usce.specialties": "number of different specialties among the USCE blocks",
    "letters.count": "number of letters of recommendation",
}
"""Input paths that are computed from the profile rather than copied from it."""


def _fields(profile: Profile) -> Iterator[tuple[str, Scalar | None]]:
    yield "specialty", profile.specialty
    yield "citizenship", profile.citizenship
    yield "visa", profile.visa
    yield "phase", profile.phase
    yield "research_outputs", profile.research_outputs
    yield "clinically_active", profile.clinically_active
    yield "ecfmg_certified", profile.ecfmg_certified
    yield "months_until_eras", profile.months_until_eras
    yield "interviews", profile.interviews
    yield "season", profile.season
    yield "graduation_year", profile.graduation_year

    step1 = profile.step1
    numeric = not isinstance(step1.result, str)
    yield "step1.result", "pass" if numeric else step1.result
    yield "step1.score", step1.result if numeric else None
    yield "step1.attempts", step1.attempts

    step2 = profile.step2ck
    yield "step2ck.status", step2.status
    yield "step2ck.score", step2.score
    yield "step2ck.practice_score", step2.practice_score
    yield "step2ck.attempts", step2.attempts

    yield "step3.status", profile.step3.status
    yield "step3.score", profile.step3.score

    yield "usce.months", round(sum(x.months for x in profile.usce), 2)
    yield "usce.hands_on_months", round(sum(x.months for x in profile.usce if x.is_hands_on), 2)
    yield "usce.specialty_months", round(
        sum(x.months for x in profile.usce if x.specialty == profile.specialty), 2
    )
    yield "usce.count", len(profile.usce)
    yield "usce.specialties", len({x.specialty for x in profile.usce})
    yield "letters.count", len(profile.letters)
    us_letters = [letter for letter in profile.letters if letter.us]
    yield "letters.us_count", len(us_letters)
    yield "letters.us_specialty_count", sum(l.specialty == profile.specialty for l in us_letters)

    if profile.season is not None and profile.graduation_year is not None:
        yield "years_since_graduation", profile.season - profile.graduation_year
    if numeric and step2.score is not None:
        yield "step2ck.gain_over_step1", step2.score - step1.result
    if step2.score is not None and profile.step3.score is not None:
        yield "step3.gain_over_step2ck", profile.step3.score - step2.score


def input_facts(profile: Profile) -> tuple[Input, ...]:
    """The profile as one ``Input`` fact per present field, in a fixed order."""
    return tuple(Input(path, value) for path, value in _fields(profile) if value is not None)
