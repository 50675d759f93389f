"""Where an applicant stands in the cycle, from the season, the phase and months_until_eras."""

from __future__ import annotations

import pytest

from expert.plan.cycle import Month, cycle_of
from knowledge_base.thresholds import THRESHOLDS


def test_months_add_across_years():
    assert str(Month(2025, 11).plus(3)) == "2026-02"
    assert str(Month(2026, 1).plus(-1)) == "2025-12"
    assert str(Month(2026, 9).plus(-18)) == "2025-03"


def test_eras_opens_in_the_estimated_month_of_the_year_before_the_match():
    cycle = cycle_of({"phase": "preparing", "season": 2027, "months_until_eras": 12})
    assert cycle.eras_opens == Month(2026, THRESHOLDS.calendar.eras_opens_month)
    assert (cycle.present, cycle.present_from) == (-12, "months_until_eras")
    assert str(cycle.month(cycle.present)) == "2025-09"
    assert cycle.months_to_eras == 12


def test_the_unmatched_apply_to_the_next_cycle_from_match_week():
    cycle = cycle_of({"phase": "unmatched", "season": 2026})
    assert cycle.eras_opens == Month(2026, THRESHOLDS.calendar.eras_opens_month)
    assert str(cycle.month(cycle.present)) == "2026-03"
    assert cycle.months_to_eras == 12 - THRESHOLDS.calendar.match_week


@pytest.mark.parametrize(("phase", "month"), [("interviewing", "2025-11"),
                                               ("ranking", "2026-02")])
def test_once_applications_are_in_the_phase_says_where_the_applicant_stands(phase, month):
    cycle = cycle_of({"phase": phase, "season": 2026, "months_until_eras": 7})
    assert cycle.present_from == "phase"
    assert str(cycle.month(cycle.present)) == month
    assert cycle.months_to_eras is None


def test_without_a_season_there_are_no_dates_and_without_months_no_present():
    assert cycle_of({"phase": "preparing", "months_until_eras": 6}).month(0) is None
    cycle = cycle_of({"phase": "preparing", "season": 2027})
    assert cycle.present is None and cycle.months_to_eras is None


def test_an_applicant_applying_stands_at_eras_opening_unless_months_say_otherwise():
    assert str(cycle_of({"phase": "applying", "season": 2026}).month(
        cycle_of({"phase": "applying", "season": 2026}).present)) == "2025-09"
    assert cycle_of({"phase": "applying", "season": 2026, "months_until_eras": 2}).present == -2
