"""From a profile to the ``Input`` facts that rules read.

Each fact is one field path and a scalar value. Absent optional fields give no fact, so a rule
that needs a field simply does not match without it. A few inputs are derived (sums over the
USCE and letter lists, years since graduation); their paths say what they summarise.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Iterator

import attrs

from knowledge_base.facts import Input, Scalar
from knowledge_base.profile import SPECIALTIES, Profile, Step1
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["ALWAYS_GIVEN", "DERIVED_FIELDS", "INPUT_DOMAINS", "SCORE_SPAN", "Domain", "domain_of",
           "input_domains", "input_facts", "input_values"]

DERIVED_FIELDS: dict[str, str] = {
    "step1.score": "the numeric Step 1 result, when step1.result is a score",
    "usce.months": "total months of US clinical experience",
    "usce.hands_on_months": "months of hands-on US clinical experience",
    "usce.specialty_months": "months of US clinical experience in the target specialty",
    "letters.us_count": "number of letters from US-based writers",
    "letters.us_specialty_count": "number of US letters from writers in the target specialty",
    "letters.us_im_fm_count": "number of US letters from internal medicine or family medicine "
                              "writers",
    "years_since_graduation": "season minus graduation_year",
    "step2ck.gain_over_step1": "Step 2 CK score minus the numeric Step 1 score",
    "step3.gain_over_step2ck": "Step 3 score minus the Step 2 CK score",
    "usce.count": "number of US clinical experience blocks",
    "usce.specialties": "number of different specialties among the USCE blocks",
    "letters.count": "number of letters of recommendation",
}
"""Input paths that are computed from the profile rather than copied from it."""
IM_FM = THRESHOLDS.group("img_anchor")
"""Where IMGs with the lowest scores most often match, and where a redirect sends the list."""
_DERIVED_WHEN_GIVEN = frozenset({"step1.score", "years_since_graduation",
                                 "step2ck.gain_over_step1", "step3.gain_over_step2ck"})
"""The derived inputs given only when the fields they come from are; the other derived inputs
are sums and counts over lists, 0 for an empty one."""


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
    step1_score = None if isinstance(step1.result, str) else step1.result
    yield "step1.result", "pass" if step1_score is not None else step1.result
    yield "step1.score", step1_score
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
    yield "letters.us_specialty_count", sum(letter.specialty == profile.specialty
                                            for letter in us_letters)
    yield "letters.us_im_fm_count", sum(letter.specialty in IM_FM for letter in us_letters)

    if profile.season is not None and profile.graduation_year is not None:
        yield "years_since_graduation", profile.season - profile.graduation_year
    if step1_score is not None and step2.score is not None:
        yield "step2ck.gain_over_step1", step2.score - step1_score
    if step2.score is not None and profile.step3.score is not None:
        yield "step3.gain_over_step2ck", profile.step3.score - step2.score


def input_values(profile: Profile) -> Iterator[tuple[str, Scalar]]:
    """The profile's fields as (path, value), the present ones only, in a fixed order."""
    return ((path, value) for path, value in _fields(profile) if value is not None)


def input_facts(profile: Profile) -> tuple[Input, ...]:
    """The profile as one ``Input`` fact per present field, in a fixed order."""
    return tuple(Input(path, value) for path, value in input_values(profile))


@attrs.frozen
class Domain:
    """The values one input can take: a set of ``choices``, any ``text``, or numbers from
    ``low`` to ``high`` (both included; whole numbers only when ``whole``)."""

    choices: tuple[Scalar, ...] | None = None
    low: float = -math.inf
    high: float = math.inf
    whole: bool = True
    text: bool = False

    def contains(self, value: Scalar) -> bool:
        if self.choices is not None:
            return value in self.choices
        if self.text:
            return isinstance(value, str)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        whole = float(value).is_integer() if self.whole else True
        return whole and self.low <= value <= self.high


_SCORE_RANGE = attrs.fields(Step1).result.metadata["range"]
SCORE_SPAN = _SCORE_RANGE[1] - _SCORE_RANGE[0]
"""The widest difference between two scores."""
_SEASONS, _GRADUATIONS = (attrs.fields(Profile).season.metadata["range"],
                          attrs.fields(Profile).graduation_year.metadata["range"])

_COMPUTED_DOMAINS: dict[str, Domain] = {
    # A numeric Step 1 result reaches the rules as "pass" plus step1.score.
    "step1.result": Domain(choices=("pass", "fail")),
    "step1.score": Domain(low=_SCORE_RANGE[0], high=_SCORE_RANGE[1]),
    "usce.months": Domain(low=0, whole=False),
    "usce.hands_on_months": Domain(low=0, whole=False),
    "usce.specialty_months": Domain(low=0, whole=False),
    "usce.count": Domain(low=0),
    "usce.specialties": Domain(low=0, high=len(SPECIALTIES)),
    "letters.count": Domain(low=0),
    "letters.us_count": Domain(low=0),
    "letters.us_specialty_count": Domain(low=0),
    "letters.us_im_fm_count": Domain(low=0),
    # graduation_year may be at most season + 1 (see profile.consistency_problems)
    "years_since_graduation": Domain(low=-1, high=_SEASONS[1] - _GRADUATIONS[0]),
    "step2ck.gain_over_step1": Domain(low=-SCORE_SPAN, high=SCORE_SPAN),
    "step3.gain_over_step2ck": Domain(low=-SCORE_SPAN, high=SCORE_SPAN),
}
"""Domains of the inputs that are not copied from one profile field (and of step1.result,
which is)."""


def domain_of(field: attrs.Attribute) -> Domain:
    """The values a scalar attrs field allows, from its type and ``range`` metadata."""
    kind = field.type
    union = typing.get_origin(kind) is typing.Union
    args = [a for a in typing.get_args(kind) if a is not type(None)] if union else [kind]
    if len(args) == 1 and typing.get_origin(args[0]) is typing.Literal:
        return Domain(choices=typing.get_args(args[0]))
    if args == [bool]:
        return Domain(choices=(False, True))
    if args == [str]:
        return Domain(text=True)
    low, high = field.metadata.get("range", (-math.inf, math.inf))
    return Domain(low=low, high=high, whole=args == [int])


def _scalar_fields(cls: type, prefix: str = "") -> Iterator[tuple[str, attrs.Attribute]]:
    """Every scalar field of the profile by dotted path; lists are read only through sums."""
    for field in attrs.fields(attrs.resolve_types(cls)):
        if attrs.has(field.type):
            yield from _scalar_fields(field.type, f"{prefix}{field.name}.")
        elif typing.get_origin(field.type) is not tuple:
            yield f"{prefix}{field.name}", field


def input_domains() -> dict[str, Domain]:
    """Every input path the rules can read, with the values it can take."""
    copied = {path: domain_of(field) for path, field in _scalar_fields(Profile)}
    return {**copied, **_COMPUTED_DOMAINS}


INPUT_DOMAINS: dict[str, Domain] = input_domains()


def _always_given() -> frozenset[str]:
    copied = {path for path, field in _scalar_fields(Profile)
              if type(None) not in typing.get_args(field.type)}
    return frozenset(copied | (DERIVED_FIELDS.keys() - _DERIVED_WHEN_GIVEN))


ALWAYS_GIVEN: frozenset[str] = _always_given()
"""The inputs every valid profile gives: the profile fields whose type does not allow None (a
required field, or one whose default is a value) and the derived sums and counts. A premise on
any other input may find no fact at all."""
