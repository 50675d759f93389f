"""The stages of an application cycle that the plan places its steps in.

A stage is a window of months counted from the month ERAS opens for the cycle applied to
(month 0; negative months are before it). The documents stage the preparation by months before
ERAS opens (`med_psych` § "Putting It All Together: A Sample Strategy Timeline", `med_peds`
§ "Step 2: Strengthen Your Profile Before the Application Cycle"), give the unmatched year its
order (`safety_nets` § 12) and a week's rescue plan mid-season (`safety_nets` § 9). They name the
season's events but give no calendar month: those windows come from our calendar estimate
(``THRESHOLDS.calendar``), and a stage whose months are ours says so (``estimate``).

A stage with no window (``start is None``) is anchored to the applicant's present: a decision
to take now, the next seven days of the mid-season plan.

The preparation timeline runs from 18 months before ERAS opens (the longest the documents plan
for) to the opening. An applicant inside its first stage (12–18 months left) starts that stage
now and keeps the others' months. An applicant with 12 months or fewer gets the same stages in
the same order, fitted into the months there are: our reading of `state_univ`'s "executed over
12–18 months" and `med_peds`' "6–18 months away", which both expect the work to fit a shorter
run.
"""

from __future__ import annotations

from typing import Optional

import attrs

from knowledge_base.sources import Source, cite
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["COMPRESS_FROM", "STAGES", "STAGE_ORDER", "TIMELINE_START", "Stage", "stage"]

CALENDAR = THRESHOLDS.calendar


@attrs.frozen
class Stage:
    """A window of the cycle, in months from ERAS opening, and where the documents set it."""

    id: str
    title: str
    start: Optional[int]
    end: Optional[int]
    sources: tuple[Source, ...]
    estimate: bool = False
    """The window's months are our estimate, not a document's."""
    compresses: bool = False
    """Part of the preparation timeline, which is fitted into the months left when fewer than
    its whole span remain (``TIMELINE_START``)."""

    def __attrs_post_init__(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValueError(f"stage {self.id}: give both ends of the window or neither")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"stage {self.id}: the window ends before it starts")


TIMELINE = cite("med_psych", "Putting It All Together: A Sample Strategy Timeline")
PATH = cite("state_univ", "Putting It All Together: A Sample Strategic Path")
UNMATCHED_YEAR = cite("safety_nets", "12. If You Do Not Match: Use That Year Ruthlessly Well")

STAGES: tuple[Stage, ...] = (
    Stage("now", "Now, before the rest", None, None,
          cite("med_psych", "When to Consider Retaking or Delaying")),
    Stage("exam_window", "Step 2 CK, done by 6 months before ERAS opens", -18, -6,
          cite("med_peds", "1. Optimize Remaining Exams (Especially Step 2 CK and Step 3)")
          + cite("state_univ", "1. Maximize Step 2 CK (and Step 3 if feasible)"),
          compresses=True),
    Stage("months_18_to_12", "12–18 months before ERAS opens", -18, -12,
          cite("med_psych", "12–18 Months Before Application") + TIMELINE + PATH,
          compresses=True),
    Stage("step3_window", "Step 3, done by 6 months before ERAS opens", -18, -6,
          PATH + cite("med_peds", "1. Optimize Remaining Exams (Especially Step 2 CK and "
                                  "Step 3)"), compresses=True),
    Stage("months_12_to_9", "9–12 months before ERAS opens", -12, -9,
          cite("med_psych", "9–12 Months Before Application") + TIMELINE, compresses=True),
    Stage("months_9_to_6", "6–9 months before ERAS opens", -9, -6,
          cite("med_psych", "6–9 Months Before Application") + TIMELINE, compresses=True),
    Stage("before_eras", "The last months before ERAS opens", -6, 0,
          cite("pmr", "Applying Early and Completely")
          + cite("med_peds", "Step 2: Strengthen Your Profile Before the Application Cycle"),
          compresses=True),
    Stage("after_match", "Match week and the weeks after it",
          CALENDAR.match_week - 12, CALENDAR.match_week - 11,
          UNMATCHED_YEAR + cite("med_psych", "If You Don’t Match"), estimate=True),
    Stage("reapplication_year", "The months until ERAS opens again",
          CALENDAR.match_week - 12, 0, UNMATCHED_YEAR, estimate=True),
    Stage("eras_opening", "The day ERAS opens", 0, 0,
          cite("med_psych", "ERAS Season") + cite("pmr", "Applying Early and Completely")),
    Stage("next_seven_days", "The next seven days", None, None,
          cite("safety_nets", "9. A Practical 7-Day Action Plan To Fix Your Strategy")),
    Stage("interview_season", "Interview season", 0, CALENDAR.interviews_end,
          cite("med_psych", "ERAS Season")
          + cite("state_univ", "3. Interview Performance: Turning a Weakness into a Strength"),
          estimate=True),
    Stage("rank_list", "Building and certifying the rank list",
          CALENDAR.rank_list_opens, CALENDAR.rank_list_due,
          cite("safety_nets", "5. Rebuilding Your Rank List: A Practical Framework"),
          estimate=True),
    Stage("match_week", "Match week and SOAP", CALENDAR.match_week, CALENDAR.match_week,
          cite("safety_nets", "Day 6: Backup pathway planning"), estimate=True),
    Stage("if_unmatched", "If you do not match: the next cycle",
          CALENDAR.match_week, 12,
          cite("med_psych", "If You Don’t Match") + UNMATCHED_YEAR, estimate=True),
)
"""In the order the plan lists stages that start in the same month: Step 2 CK first (`med_peds`
§ 1 puts it before everything), US clinical experience before Step 3 (`safety_nets` § 12's
order, and the first task of `med_psych`'s timeline)."""

TIMELINE_START = min(s.start for s in STAGES if s.compresses and s.start is not None)
"""The first month of the preparation timeline (-18)."""

STAGE_ORDER: dict[str, int] = {s.id: i for i, s in enumerate(STAGES)}

_BY_ID = {s.id: s for s in STAGES}


COMPRESS_FROM: int = -12
"""From this month on (the end of the timeline's first stage, 12–18 months before), the
timeline is fitted into the months left."""


def stage(stage_id: str) -> Stage:
    """The stage of this id; ``KeyError`` names the known ones."""
    try:
        return _BY_ID[stage_id]
    except KeyError:
        raise KeyError(f"unknown stage {stage_id!r}; known: {', '.join(_BY_ID)}") from None
