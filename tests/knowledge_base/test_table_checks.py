"""The static checks of a decision table find planted gaps, overlaps and unreachable rows, and
none in the shipped tables."""

from __future__ import annotations

import time

import pytest

from knowledge_base import ALL_RULES, INCOMPATIBLE, KINDS, TABLES, checks
from knowledge_base.checks import ERROR, static_defects, table_cases, table_defects
from knowledge_base.conditions import at_least, below
from knowledge_base.decision_table import (
    GIVEN,
    NO_FINDING,
    NOT_GIVEN,
    DecisionTable,
    Row,
    finding_column,
    input_column,
)
from knowledge_base.facts import RiskFactor, recommend
from knowledge_base.inputs import INPUT_DOMAINS
from knowledge_base.program_list import LIST_INPUT_DOMAINS
from knowledge_base.programs import PROGRAM_INPUT_DOMAINS
from knowledge_base.rules.timeline import PLAN_INPUT_DOMAINS
from knowledge_base.sources import DOCUMENTS, Source
from knowledge_base.thresholds import THRESHOLDS

SOURCES = (Source("pmr", "x"),)
VISA, PHASE = input_column("visa"), input_column("phase")
RISK = finding_column("risk", RiskFactor, "name", ("step2ck_low", "step1_low"))


def row(rule_id, when, value, priority=None):
    return Row(rule_id, rule_id, "should", SOURCES, when, recommend("step3", value, value),
               priority=priority)


def table(*rows, columns=(VISA, PHASE), policy="priority"):
    return DecisionTable("step3", columns, rows, hit_policy=policy)


def defects(*tables):
    return list(table_defects(tables, INPUT_DOMAINS))


def named(found, check):
    return [d for d in found if d.check == check]


# --- the cases of a column -------------------------------------------------------------------


def test_the_cases_of_a_number_lie_either_side_of_each_threshold_and_include_not_given():
    months = table(row("t.soon", {"months_until_eras": below(3)}, "dont_rush", 1),
                   row("t.later", {"months_until_eras": at_least(6)}, "take", 1),
                   columns=(input_column("months_until_eras"),))
    (cases,) = table_cases(months, INPUT_DOMAINS)
    assert {2, 3, 5, 6} <= set(cases)
    assert cases[-1] is NOT_GIVEN  # months_until_eras may be left out of a profile
    numbers = cases[:-1]
    assert all(INPUT_DOMAINS["months_until_eras"].contains(n) for n in numbers)
    # each threshold's two sides are told apart by the cells
    assert {below(3)(n) for n in numbers} == {True, False}
    assert {at_least(6)(n) for n in numbers} == {True, False}


def test_a_field_every_profile_gives_has_no_not_given_case_and_a_finding_has_none():
    both = table(row("t.s", {"step3.status": "passed", "risk": GIVEN}, "done", 1),
                 columns=(input_column("step3.status"), RISK))
    status, risk = table_cases(both, INPUT_DOMAINS)
    assert status == ("not_taken", "passed", "failed")
    assert risk == ("step2ck_low", "step1_low", NO_FINDING)


# --- planted defects -------------------------------------------------------------------------


def test_a_gap_is_counted_and_shown_by_example():
    found = defects(table(row("t.h1b", {"visa": "h1b"}, "take", 10),
                          row("t.j1", {"visa": "j1"}, "not_needed", 0)))
    assert [(d.check, d.severity, d.rule) for d in found] == [("table_gap", ERROR, None)]
    # visa none with each of the five phases
    assert "no row for 5 combination(s)" in found[0].message
    assert "e.g. visa none, phase preparing; visa none, phase applying" in found[0].message
    assert found[0].message.count("visa none") == checks.TABLE_EXAMPLES < 5


def test_a_gap_at_a_threshold_and_with_no_finding_is_found():
    months = table(row("t.soon", {"months_until_eras": below(3)}, "dont_rush", 1),
                   row("t.later", {"months_until_eras": at_least(6)}, "take", 1),
                   columns=(input_column("months_until_eras"),))
    (gap,) = defects(months)
    # 3, 4 and 5 months, and months not given, are left out; 2 (below 3) is not
    assert "4 combination(s)" in gap.message and "months_until_eras 3" in gap.message
    assert "months_until_eras 2" not in gap.message
    risks = table(row("t.low", {"risk": "step2ck_low"}, "consider", 1),
                  row("t.step1", {"risk": "step1_low"}, "take", 1), columns=(RISK,))
    (gap,) = defects(risks)
    assert "1 combination(s)" in gap.message and "risk none" in gap.message


def test_rows_of_equal_priority_with_different_answers_overlap():
    found = defects(table(row("t.h1b", {"visa": "h1b"}, "take", 10),
                          row("t.ranking", {"phase": "ranking"}, "dont_rush", 10),
                          row("t.any", {"visa": GIVEN}, "not_needed", 0)))
    (overlap,) = named(found, "table_overlap")
    assert overlap.rule == "t.ranking"
    assert "where t.h1b, at the same priority 10, gives take" in overlap.message
    assert "e.g. for visa h1b, phase ranking" in overlap.message
    assert found == [overlap]


def test_no_overlap_for_the_same_answer_for_different_priorities_or_the_first_policy():
    same_answer = table(row("t.h1b", {"visa": "h1b"}, "take", 10),
                        row("t.ranking", {"phase": "ranking"}, "take", 10),
                        row("t.any", {"visa": GIVEN}, "not_needed", 0))
    ranked = table(row("t.h1b", {"visa": "h1b"}, "take", 10),
                   row("t.ranking", {"phase": "ranking"}, "dont_rush", 5),
                   row("t.any", {"visa": GIVEN}, "not_needed", 0))
    first = table(row("t.h1b", {"visa": "h1b"}, "take"),
                  row("t.ranking", {"phase": "ranking"}, "dont_rush"),
                  row("t.any", {"visa": GIVEN}, "not_needed"), policy="first")
    assert defects(same_answer, ranked, first) == []


def test_an_overlap_is_found_even_where_a_higher_row_wins():
    """Rows of equal priority never match together with different answers, as the reference
    says of the priority policy, even where a third row takes the case for now."""
    found = defects(table(row("t.both", {"visa": "h1b", "phase": "ranking"}, "done", 20),
                          row("t.h1b", {"visa": "h1b"}, "take", 10),
                          row("t.ranking", {"phase": "ranking"}, "dont_rush", 10),
                          row("t.any", {"visa": GIVEN}, "not_needed", 0)))
    assert [(d.check, d.rule) for d in found] == [("table_overlap", "t.ranking")]


def test_a_row_every_case_of_which_a_higher_row_takes_is_unreachable():
    found = defects(table(row("t.any", {"visa": GIVEN}, "not_needed", 10),
                          row("t.h1b", {"visa": "h1b"}, "take", 5)))
    (unreachable,) = found
    assert (unreachable.check, unreachable.rule) == ("table_unreachable", "t.h1b")
    assert "taken by a row of higher priority" in unreachable.message
    first = defects(table(row("t.any", {"visa": GIVEN}, "not_needed"),
                          row("t.h1b", {"visa": "h1b"}, "take"), policy="first"))
    assert [(d.rule, "a row above it" in d.message) for d in first] == [("t.h1b", True)]


def test_a_row_that_matches_no_case_at_all_is_unreachable():
    found = defects(table(row("t.never", {"months_until_eras": below(0)}, "take", 10),
                          row("t.any", {"step3.status": GIVEN}, "not_needed", 0),
                          columns=(input_column("months_until_eras"),
                                   input_column("step3.status"))))
    assert [(d.check, d.rule) for d in found] == [("table_unreachable", "t.never")]
    assert "matches no combination" in found[0].message


def test_a_table_too_large_to_enumerate_is_reported_not_checked(monkeypatch):
    gappy = table(row("t.h1b", {"visa": "h1b"}, "take", 10))  # 3 × 5 combinations
    monkeypatch.setattr(checks, "TABLE_COMBINATIONS", 14)
    (too_large,) = defects(gappy)
    assert (too_large.check, too_large.severity) == ("table_size", "warning")
    assert "15 combinations" in too_large.message
    monkeypatch.setattr(checks, "TABLE_COMBINATIONS", 15)
    assert [d.check for d in defects(gappy)] == ["table_gap"]


# --- the shipped tables ----------------------------------------------------------------------


def test_the_shipped_tables_have_no_defects_and_check_quickly():
    started = time.perf_counter()
    assert defects(*TABLES) == []
    assert time.perf_counter() - started < 0.5


def test_the_shipped_knowledge_base_with_its_tables_has_no_static_errors():
    domains = {**INPUT_DOMAINS, **PROGRAM_INPUT_DOMAINS, **LIST_INPUT_DOMAINS,
               **PLAN_INPUT_DOMAINS}
    found = static_defects(ALL_RULES, kinds=KINDS, documents=DOCUMENTS,
                           incompatible=INCOMPATIBLE, scales=THRESHOLDS.scales,
                           domains=domains, tables=TABLES)
    assert [d for d in found if d.severity == ERROR] == []


@pytest.mark.parametrize("shipped", TABLES, ids=lambda t: t.kind)
def test_each_finding_a_rule_concludes_reads_as_one_of_its_columns_cases(shipped):
    """A finding column lists its cases by hand: every finding the rules can conclude must
    pass and fail the column's cells as one of those cases does (``none`` for a finding no
    cell asks about), or the check would not see every profile."""
    for column in (c for c in shipped.columns if c.field is None):
        cells = [r.when[column.header] for r in shipped.rows if column.header in r.when]
        premises = [column.premise(cell) for cell in cells]
        concluded = {c for rule in ALL_RULES for c in rule.conclusions
                     if isinstance(c, premises[0].fact_type)}
        outcomes = {tuple(column.matches(cell, case) for cell in cells)
                    for case in column.cases}
        for finding in concluded:
            assert tuple(p.matches(finding) for p in premises) in outcomes, (
                f"{shipped.kind} table, column {column.header}: {finding.label()} is none of "
                f"its cases")
        assert len(outcomes) > 1, f"column {column.header}: its cells tell no cases apart"


def test_an_input_column_has_every_choice_of_its_field():
    apply_count = next(t for t in TABLES if t.kind == "apply_count")
    specialty = table_cases(apply_count, INPUT_DOMAINS)[0]
    assert set(specialty) == set(INPUT_DOMAINS["specialty"].choices)
