"""The applicant profile: what the advisor is told about one applicant.

Every field carries a description (``doc`` metadata); constraints beyond types are data too:
``range`` metadata on numeric fields and ``consistency_problems`` for rules between fields. The
front door (``expert.inputs.profiles``) enforces them and reports every problem with its path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal, Optional, Union

import attrs

__all__ = ["ATTEMPTS", "PRELIMINARY_NOT_A_SPECIALTY", "SCORE", "SPECIALTIES", "SPECIALTY_NAMES",
           "Citizenship",
           "ClinicalExperience", "ExperienceType", "Letter", "PassFail", "Phase", "Profile",
           "Specialty", "Step1", "Step1Result", "Step2CK", "Step2Status", "Step3",
           "Step3Status", "Visa", "consistency_problems", "field", "names_preliminary_track"]

SPECIALTIES = (
    "pmr", "med_peds", "med_psych", "internal_medicine", "family_medicine", "pediatrics",
    "psychiatry", "neurology", "pathology", "general_surgery", "anesthesiology",
    "emergency_medicine", "obgyn", "dermatology", "orthopedic_surgery", "otolaryngology",
    "plastic_surgery", "radiation_oncology", "neurosurgery",
)
Specialty = Literal[SPECIALTIES]  # type: ignore[valid-type]

SPECIALTY_NAMES: dict[str, str] = {
    "pmr": "PM&R", "med_peds": "Med-Peds",
    "med_psych": "Med-Psych", "internal_medicine": "internal medicine",
    "family_medicine": "family medicine", "pediatrics": "pediatrics",
    "psychiatry": "psychiatry", "neurology": "neurology", "pathology": "pathology",
    "general_surgery": "general surgery", "anesthesiology": "anesthesiology",
    "emergency_medicine": "emergency medicine", "obgyn": "OB/GYN",
    "dermatology": "dermatology", "orthopedic_surgery": "orthopedic surgery",
    "otolaryngology": "otolaryngology (ENT)", "plastic_surgery": "plastic surgery",
    "radiation_oncology": "radiation oncology", "neurosurgery": "neurosurgery",
}
"""Each specialty as a person writes it."""
PRELIMINARY_WORDS = frozenset({"preliminary", "prelim", "transitional", "ty"})
"""Words that name a preliminary or transitional-year track rather than a specialty."""
PRELIMINARY_NOT_A_SPECIALTY = (
    "a preliminary or transitional year is not entered as the specialty: enter the specialty "
    "you want a categorical position in (internal_medicine, general_surgery, ...); the advice's "
    "prelim_backup answer says whether to add preliminary or transitional-year applications, "
    "and which, since the guidance treats such a year as a bridge to a categorical position "
    "(safety_nets § 7), not as the goal")
"""What to enter instead of a preliminary or transitional track as the specialty."""


def names_preliminary_track(value: str) -> bool:
    """Whether a would-be specialty names a preliminary or transitional-year track
    (``preliminary_medicine``, ``prelim surgery``, ``transitional-year``, ``TY``)."""
    return not PRELIMINARY_WORDS.isdisjoint(re.split(r"[\s_\-]+", value.strip().lower()))
Citizenship = Literal["non_us", "us_citizen", "permanent_resident"]
Visa = Literal["none", "j1", "h1b"]
Phase = Literal["preparing", "applying", "interviewing", "ranking", "unmatched"]
ExperienceType = Literal["observership", "externship", "elective", "sub_internship"]
PassFail = Literal["pass", "fail"]
Step1Result = Union[PassFail, int]
Step2Status = Literal["taken", "pending", "failed"]
Step3Status = Literal["not_taken", "passed", "failed"]

SCORE = (1, 300)
ATTEMPTS = (1, 6)


def field(doc: str, *, range: tuple[float, float] | None = None, **kwargs):
    """An attrs field with a description and, for numbers, the range it must lie in."""
    metadata = {"doc": doc} if range is None else {"doc": doc, "range": range}
    return attrs.field(metadata=metadata, **kwargs)


@attrs.frozen
class Step1:
    """USMLE Step 1: pass or fail (pass/fail era), or a numeric score (older cohorts)."""

    result: Step1Result = field("pass, fail, or the numeric score", range=SCORE)
    attempts: int = field("attempts including the last; 2 or more means an earlier failure",
                          range=ATTEMPTS, default=1)


@attrs.frozen
class Step2CK:
    """USMLE Step 2 CK: a score once taken; while pending, optionally a practice score."""

    status: Step2Status = field("taken (with a score), pending, or failed (not yet passed)",
                                default="taken")
    score: Optional[int] = field("the score, when taken", range=SCORE, default=None)
    practice_score: Optional[int] = field("latest practice (NBME) score, while pending",
                                          range=SCORE, default=None)
    attempts: int = field("attempts including the last", range=ATTEMPTS, default=1)


@attrs.frozen
class Step3:
    """USMLE Step 3."""

    status: Step3Status = field("not_taken, passed or failed", default="not_taken")
    score: Optional[int] = field("the score, if taken", range=SCORE, default=None)


@attrs.frozen
class ClinicalExperience:
    """A block of US clinical experience (USCE)."""

    specialty: Specialty = field("the field of the rotation")
    type: ExperienceType = field("observership, externship, elective or sub_internship",
                                 default="observership")
    months: float = field("length in months", range=(0.25, 36), default=1)
    hands_on: Optional[bool] = field("direct patient care; by default false only for "
                                     "observerships", default=None)

    @property
    def is_hands_on(self) -> bool:
        return self.hands_on if self.hands_on is not None else self.type != "observership"


@attrs.frozen
class Letter:
    """A letter of recommendation."""

    specialty: Specialty = field("the writer's specialty")
    us: bool = field("written by a US-based physician", default=True)


@attrs.frozen
class Profile:
    """One applicant, as the advisor needs to know them."""

    specialty: Specialty = field("the specialty applied to")
    step1: Step1 = field("USMLE Step 1")
    step2ck: Step2CK = field("USMLE Step 2 CK")
    citizenship: Citizenship = field("non_us, us_citizen or permanent_resident",
                                     default="non_us")
    visa: Visa = field("the visa the applicant needs: none, j1 or h1b; default j1 for non_us, "
                       "none otherwise")
    step3: Step3 = field("USMLE Step 3; default not taken", default=attrs.Factory(Step3))
    graduation_year: Optional[int] = field("year of medical school graduation",
                                           range=(1950, 2100), default=None)
    usce: tuple[ClinicalExperience, ...] = field("US clinical experience blocks", default=())
    letters: tuple[Letter, ...] = field("letters of recommendation", default=())
    research_outputs: int = field("abstracts, posters, publications and completed QI projects",
                                  range=(0, 200), default=0)
    clinically_active: Optional[bool] = field("doing clinical work now (since graduation, "
                                              "without long gaps); unknown if not given",
                                              default=None)
    ecfmg_certified: Optional[bool] = field("ECFMG certification complete; unknown if not "
                                            "given", default=None)
    phase: Phase = field("where the applicant is in the cycle", default="preparing")
    months_until_eras: Optional[int] = field("months until ERAS opens for the season",
                                             range=(0, 60), default=None)
    interviews: Optional[int] = field("interviews so far this season", range=(0, 200),
                                      default=None)
    season: Optional[int] = field("the application (match) year; dates are inputs, not the "
                                  "clock", range=(2000, 2100), default=None)

    @visa.default
    def _visa_default(self) -> str:
        """Non-US citizens need a visa, J-1 being the one most programs sponsor."""
        return "j1" if self.citizenship == "non_us" else "none"


def consistency_problems(profile: Profile) -> Iterator[tuple[str, object, str]]:
    """Rules between fields, as (field path, value, what is allowed)."""
    if profile.citizenship != "non_us" and profile.visa != "none":
        yield "visa", profile.visa, f"none, since citizenship is {profile.citizenship}"
    exam = profile.step2ck
    if exam.status == "taken" and exam.score is None:
        yield "step2ck.score", None, "a score from 1 to 300 when step2ck.status is taken"
    if exam.status != "taken" and exam.score is not None:
        yield "step2ck.score", exam.score, f"left out while step2ck.status is {exam.status}"
    if exam.status != "pending" and exam.practice_score is not None:
        yield (
            "step2ck.practice_score", exam.practice_score,
            "a practice score only while step2ck.status is pending",
        )
    if profile.step3.status == "not_taken" and profile.step3.score is not None:
        yield "step3.score", profile.step3.score, "left out while step3.status is not_taken"
    if profile.season is not None and profile.graduation_year is not None:
        if profile.graduation_year > profile.season + 1:
            yield (
                "graduation_year", profile.graduation_year,
                f"a year no later than {profile.season + 1} (season {profile.season} + 1)",
            )
