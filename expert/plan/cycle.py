"""Where an applicant stands in the application cycle, and the calendar month of a cycle month.

The cycle applied to is the one whose Match is in ``season`` (for the unmatched phase, the next
one). Its months are counted from the month ERAS opens (0). The present comes from
``months_until_eras`` before the applications are in, otherwise from the phase; the calendar
month of ERAS opening is our estimate (``THRESHOLDS.calendar``), so every date is marked so.
The plan reads these inputs as facts, never the raw profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Optional

import attrs

from knowledge_base.facts import Scalar
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["Cycle", "Month", "cycle_of"]

CALENDAR = THRESHOLDS.calendar

PHASE_MONTH: dict[str, int] = {
    "applying": CALENDAR.applying_month,
    "interviewing": CALENDAR.interviewing_month,
    "ranking": CALENDAR.ranking_month,
    "unmatched": CALENDAR.match_week - 12,
}
"""Where each phase stands when ``months_until_eras`` does not say (our estimates)."""

COUNTS_DOWN_TO_ERAS = ("preparing", "applying", "unmatched")
"""The phases for which ``months_until_eras`` says where the applicant stands."""


@attrs.frozen(order=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    def plus(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@attrs.frozen
class Cycle:
    """The cycle applied to: when its ERAS opens (None without a season) and where the
    applicant stands, in months from that opening (None when nothing says)."""

    eras_opens: Optional[Month]
    match_year: Optional[int]
    """The year of the Match the cycle ends in (None without a season)."""
    present: Optional[int]
    present_from: Optional[str]
    """The input the present was read from: ``months_until_eras`` or ``phase``."""

    def month(self, offset: int) -> Optional[Month]:
        return None if self.eras_opens is None else self.eras_opens.plus(offset)

    @property
    def months_to_eras(self) -> Optional[int]:
        """Months from now until ERAS opens; None once it has opened or when unknown."""
        return None if self.present is None or self.present > 0 else -self.present


def cycle_of(inputs: Mapping[str, Scalar], years_later: int = 0) -> Cycle:
    """The cycle for a consultation's inputs (field path to value); ``years_later`` applies
    that many cycles on (the plan's branch when it waits a year)."""
    phase = str(inputs.get("phase", "preparing"))
    season = inputs.get("season")
    eras_opens = match_year = None
    if isinstance(season, int):
        match_year = season + years_later + (1 if phase == "unmatched" else 0)
        eras_opens = Month(match_year - 1, CALENDAR.eras_opens_month)
    months = inputs.get("months_until_eras")
    if isinstance(months, int) and phase in COUNTS_DOWN_TO_ERAS:
        return Cycle(eras_opens, match_year, -months - 12 * years_later, "months_until_eras")
    if phase in PHASE_MONTH:
        return Cycle(eras_opens, match_year, PHASE_MONTH[phase] - 12 * years_later, "phase")
    return Cycle(eras_opens, match_year, None, None)
