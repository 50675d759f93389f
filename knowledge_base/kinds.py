"""The kinds of recommendation the advisor gives, in the order they are reported."""

from __future__ import annotations

__all__ = ["KINDS", "KIND_HEADINGS", "KIND_ORDER", "PROGRAM_KINDS", "SINGLE_ANSWER_KINDS"]

KINDS: dict[str, str] = {
    "outlook": "overall match risk from the risk factors: high_risk, moderate_risk or lower_risk",
    "apply_count": "how many programs to apply to, with the parts the count is made of",
    "step3": "whether and when to take Step 3: take, consider, dont_rush, not_needed or done",
    "prelim_backup": "whether to add preliminary or transitional-year applications, and which",
    "scope": "who the guidance was written for, when this applicant is not one of them",
    "parallel_plan": "a second specialty or track to apply to alongside the first",
    "exam_plan": "Step 2 CK still to pass: how to make it the decisive exam",
    "timing": "when and how to submit, or whether to delay the application",
    "program_targeting": "which programs to aim at: IMG share, visa, region, type",
    "usce_plan": "US clinical experience: how much, which kind, in which fields, where",
    "letters_plan": "letters of recommendation: how many, from whom",
    "research_plan": "research or quality-improvement work, for university targets",
    "clinical_continuity": "keeping clinical activity continuous and gaps explained",
    "personal_statement": "the personal statement, and how (or whether) it addresses scores",
    "cv": "how to frame the CV",
    "interview_prep": "how to answer questions about scores, and what else to prepare",
    "communication": "language, written polish and professional follow-up",
    "mid_season": "what to do mid-season when interviews are too few",
    "rank_list": "how to compose and order the rank list",
    "unmatched_plan": "what to do after going unmatched",
    "long_term_path": "a longer route to the career the applicant wants",
    "red_flag": "something in the profile programs will see as a red flag, and how to handle it",
    "score_band": "where one numeric exam result falls on the scale that fits the specialty",
    "program_list": "what is wrong with the applicant's own program list, and what to add",
    "program_verdict": "one program on the applicant's list: reach, match, safety or "
                       "do_not_apply, and the sign it rests on",
    "program_note": "about one program on the list: something unknown to check, a warning or a "
                    "plus",
}

KIND_ORDER: tuple[str, ...] = tuple(KINDS)

KIND_HEADINGS: dict[str, str] = {
    "outlook": "Overall outlook", "apply_count": "How many programs", "step3": "Step 3",
    "prelim_backup": "Preliminary or transitional year", "scope": "Who the guidance is for",
    "parallel_plan": "A parallel specialty", "exam_plan": "Step 2 CK",
    "timing": "When to apply", "program_targeting": "Which programs",
    "usce_plan": "US clinical experience", "letters_plan": "Letters of recommendation",
    "research_plan": "Research and quality improvement",
    "clinical_continuity": "Clinical activity and gaps",
    "personal_statement": "Personal statement", "cv": "CV", "interview_prep": "Interviews",
    "communication": "Communication", "mid_season": "Too few interviews: this week",
    "rank_list": "The rank list", "unmatched_plan": "After going unmatched",
    "long_term_path": "A longer route", "red_flag": "Red flags to handle",
    "score_band": "Your scores on your specialty's scale", "program_list": "Your program list",
    "program_verdict": "A program on your list", "program_note": "About a program",
}
"""Each kind as a heading for people."""

SINGLE_ANSWER_KINDS: tuple[str, ...] = ("outlook", "apply_count", "step3", "prelim_backup")
"""Kinds that every valid profile gets exactly one of; the others appear only where they apply."""

PROGRAM_KINDS: tuple[str, ...] = ("program_verdict", "program_note")
"""Kinds given per program (on ``advice.programs``), not among the profile's recommendations."""
