"""The types an embedding program reads: the kinds and strengths of recommendation as
``Literal`` types, and the shapes of the headline answers' values as ``TypedDict``\\ s.

    >>> from expert import advise
    >>> answers = advise({"specialty": "pmr", "step1": {"result": "pass"},
    ...                   "step2ck": {"score": 214}}).answers()
    >>> answers["apply_count"]["min"], answers["step3"]
    (60, 'consider')

A test checks that the literals list exactly the kinds and strengths of the knowledge base.
"""

from __future__ import annotations

from typing import Literal, TypedDict

__all__ = ["ApplyCount", "ApplyCountPart", "HeadlineAnswers", "Kind", "Outlook",
           "PrelimBackup", "PrelimTrack", "Step3Answer", "Strength"]

Kind = Literal[
    "outlook", "apply_count", "step3", "prelim_backup", "scope", "parallel_plan", "exam_plan",
    "timing", "program_targeting", "usce_plan", "letters_plan", "research_plan",
    "clinical_continuity", "personal_statement", "cv", "interview_prep", "communication",
    "mid_season", "rank_list", "unmatched_plan", "long_term_path", "red_flag", "score_band",
    "program_list", "program_verdict", "program_note"]
"""A kind of recommendation (``knowledge_base.kinds.KINDS``)."""
Strength = Literal["must", "should", "consider", "caution", "info"]
"""How strongly a recommendation is meant (``knowledge_base.rule.STRENGTHS``)."""
Outlook = Literal["high_risk", "moderate_risk", "lower_risk"]
Step3Answer = Literal["take", "consider", "dont_rush", "not_needed", "done"]
PrelimTrack = Literal["prelim_im", "prelim_surgery", "transitional_year"]


class ApplyCountPart(TypedDict):
    """One part of the application: a track and how many of its programs (or, with a
    ``scope`` other than ``count``, how its share is sized: no numbers)."""

    track: str
    scope: Literal["count", "all_realistic", "a_few", "anchor"]
    min: int | None
    max: int | None
    basis: Literal["document", "our_estimate"]
    at_least: bool


class ApplyCount(TypedDict):
    """How many programs to apply to, in all and by part."""

    min: int
    max: int
    at_least: bool
    parts: list[ApplyCountPart]


class PrelimBackup(TypedDict):
    recommended: bool
    tracks: list[PrelimTrack]


class HeadlineAnswers(TypedDict):
    """The four answers every advice gives (``Advice.answers()``)."""

    outlook: Outlook
    apply_count: ApplyCount
    step3: Step3Answer
    prelim_backup: PrelimBackup
