"""The applicant profile: what the advisor is told about one applicant.

Field constraints that are not types (ranges, cross-field rules) are stated here as data:
``range`` metadata on numeric fields and ``consistency_problems`` for rules between fields. The
front door (``expert.conversion``) enforces them and reports every problem with its path.
"""

from __future__ import annotations

from typing import Iterator, Literal, Optional, Union

import attrs

SPECIALTIES = (
    "pmr", "med_peds", "med_psych", "internal_medicine", "family_medicine", "pediatrics",
    "psychiatry", "neurology", "pathology", "general_surgery", "anesthesiology",
    "emergency_medicine", "obgyn", "dermatology", "orthopedic_surgery", "otolaryngology",
    "plastic_surgery", "radiation_oncology", "neurosurgery",
)
Specialty = Literal[SPECIALTIES]  # type: ignore[valid-type]
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


def _ranged(low: float, high: float, **kwargs):
    """An attrs field whose numeric value must lie in ``[low, high]`` (checked at the boundary)."""
    return attrs.field(metadata={"range": (low, high)}, **kwargs)


@attrs.frozen
class Step1:
    """USMLE Step 1: ``pass`` or ``fail`` (pass/fail era), or a numeric score (older cohorts)."""

    result: Step1Result = _ranged(*SCORE)
    attempts: int = _ranged(*ATTEMPTS, default=1)


@attrs.frozen
class Step2CK:
    """USMLE Step 2 CK: a score once ``taken``; while ``pending``, optionally a practice score."""

    status: Step2Status = "taken"
    score: Optional[int] = _ranged(*SCORE, default=None)
    practice_score: Optional[int] = _ranged(*SCORE, default=None)
    attempts: int = _ranged(*ATTEMPTS, default=1)


@attrs.frozen
class Step3:
    status: Step3Status = "not_taken"
    score: Optional[int] = _ranged(*SCORE, default=None)


@attrs.frozen
class ClinicalExperience:
    """A block of US clinical experience (USCE). Observerships are not hands-on unless stated."""

    specialty: Specialty
    type: ExperienceType = "observership"
    months: float = _ranged(0.25, 36, default=1)
    hands_on: Optional[bool] = None

    @property
    def is_hands_on(self) -> bool:
        return self.hands_on if self.hands_on is not None else self.type != "observership"


@attrs.frozen
class Letter:
    """A letter of recommendation, by the writer's specialty and whether the writer is US-based."""

    specialty: Specialty
    us: bool = True


@attrs.frozen
class Profile:
    specialty: Specialty
    step1: Step1
    step2ck: Step2CK
    citizenship: Citizenship = "non_us"
    visa: Visa = attrs.field()
    step3: Step3 = attrs.Factory(Step3)
    graduation_year: Optional[int] = _ranged(1950, 2100, default=None)
    usce: tuple[ClinicalExperience, ...] = ()
    letters: tuple[Letter, ...] = ()
    phase: Phase = "preparing"
    months_until_eras: Optional[int] = _ranged(0, 60, default=None)
    interviews: Optional[int] = _ranged(0, 200, default=None)
    season: Optional[int] = _ranged(2000, 2100, default=None)

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
        yield "step2ck.score", exam.score, f"no score while step2ck.status is {exam.status}"
    if exam.status != "pending" and exam.practice_score is not None:
        yield (
            "step2ck.practice_score", exam.practice_score,
            "a practice score only while step2ck.status is pending",
        )
    if profile.step3.status == "not_taken" and profile.step3.score is not None:
        yield "step3.score", profile.step3.score, "no score while step3.status is not_taken"
    if profile.season is not None and profile.graduation_year is not None:
        if profile.graduation_year > profile.season + 1:
            yield (
                "graduation_year", profile.graduation_year,
                f"a year no later than {profile.season + 1} (season {profile.season} + 1)",
            )
