"""CSV written back (``ProgramReview.to_csv``) cannot run as a spreadsheet formula (OWASP CSV
injection), and reads back as the very same list."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expert import advise
from expert.inputs.program_lists import (
    FORMULA_STARTS,
    guarded_cell,
    programs_from_csv,
    to_programs,
    unguarded_cell,
)
from tests.conftest import profile

APPLICANT = profile(step2ck=224)
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
HOSTILE = [
    {"name": '=HYPERLINK("http://evil.invalid","Lakeview") (fictional)', "state": "OH",
     "city": "+cmd|' /C calc'!A0", "description": "@SUM(1+1)*cmd|' /C calc'!A0",
     "notes": "-2+3+cmd|' /C calc'!A0"},
    {"name": "\t=1+1 (fictional)", "state": "KS", "city": "'=quoted", "description": "''=two",
     "notes": "\r=carriage"},
    {"name": "-5", "state": "TX", "city": "+1", "description": "'plain quote",
     "notes": "\t-7"},
    {"name": "@mention (fictional)", "state": "GA", "img_percent": 40, "rank": 1},
]


def review_csv(programs: list[dict]) -> str:
    return advise(APPLICANT, programs=programs).programs.to_csv()


def cells(text: str) -> list[str]:
    return [cell for row in list(csv.reader(io.StringIO(text)))[1:] for cell in row]


def armed(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell)


def test_no_written_cell_starts_like_a_formula():
    written = cells(review_csv(HOSTILE))
    assert not [cell for cell in written if armed(cell)]
    assert "'=HYPERLINK(\"http://evil.invalid\",\"Lakeview\") (fictional)" in written
    assert "-5" in written and "+1" in written, "a number stays a number"


def test_a_hostile_list_written_and_read_back_is_the_same_list():
    programs = to_programs(HOSTILE)
    text = review_csv(HOSTILE)
    assert programs_from_csv(text) == programs
    assert review_csv(list(programs_from_csv(text))) == text


def test_the_tab_that_disarms_a_cell_is_kept_on_reading():
    read = programs_from_csv('name,city\n"\t=1+1 (fictional)",\t@x\n')
    assert read[0].name == "\t=1+1 (fictional)" and read[0].city == "\t@x"
    assert programs_from_csv("name\n\t  Lakeview (fictional)\n")[0].name == \
        "Lakeview (fictional)", "a tab before plain text is only space, tidied as before"


def test_the_quote_before_a_formula_is_taken_off_on_reading_and_others_kept():
    read = programs_from_csv("name,city\n'=A1 (fictional),'Lakeview\n")
    assert (read[0].name, read[0].city) == ("=A1 (fictional)", "'Lakeview")


@pytest.mark.parametrize("text", ["", "=", "'", "''", "'=", "-", "-5", "+1.5", "-1e5", "@",
                                  "\t", "\r=x", "'''@", "a=b", "'ok"])
def test_guarding_a_cell_is_undone_exactly(text):
    assert unguarded_cell(guarded_cell(text)) == text
    assert not armed(guarded_cell(text))


TEXT = st.text(st.sampled_from("=+-@'\t\" ,|aZé1"), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=TEXT, city=TEXT, notes=TEXT)
def test_any_list_round_trips_through_the_csv(name, city, notes):
    data = [{"name": f"{name} (fictional)", "state": "OH", "city": city, "notes": notes}]
    programs = to_programs(data)
    text = review_csv(data)
    assert programs_from_csv(text) == programs
    assert not [cell for cell in cells(text) if armed(cell)]
