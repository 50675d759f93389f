"""Decision tables make the same rules one would write by hand, and read as people review them."""

from __future__ import annotations

import pytest

from knowledge_base import RULES, TABLES
from knowledge_base.conditions import at_least, equals, fact, given, one_of
from knowledge_base.decision_table import (
    GIVEN,
    NO_FINDING,
    NOT_GIVEN,
    Column,
    DecisionTable,
    Row,
    bound,
    finding_column,
    input_column,
)
from knowledge_base.facts import RiskFactor, recommend
from knowledge_base.rule import Rule
from knowledge_base.sources import Source

SOURCES = (Source("pmr", "x"),)
RISK = finding_column("risk", RiskFactor, "name", ("step2ck_low", "step1_low"))


def row(rule_id, when, value, priority=None):
    return Row(rule_id, rule_id, "should", SOURCES, when,
               recommend("step3", value, f"{value} {{months}}" if "months" in str(when) else value),
               priority=priority)


def test_a_row_is_the_rule_one_would_write_with_its_premises_in_the_order_of_its_cells():
    table = DecisionTable("step3", (input_column("visa"), RISK, input_column("months_until_eras")),
                          (row("t.a", {"months_until_eras": bound(at_least(6), "months"),
                                       "risk": "step2ck_low", "visa": GIVEN}, "take", 10),))
    by_hand = Rule(id="t.a", title="t.a", strength="should", sources=SOURCES,
                   premises=(given("months_until_eras", at_least(6), bind="months"),
                             fact(RiskFactor, name="step2ck_low"), given("visa")),
                   conclusions=(recommend("step3", "take", "take {months}"),), specificity=10)
    assert table.rules() == (by_hand,)


def test_the_first_hit_policy_ranks_rows_by_their_order():
    table = DecisionTable("step3", (input_column("visa"),),
                          (row("t.h1b", {"visa": "h1b"}, "take"),
                           row("t.j1", {"visa": "j1"}, "consider"),
                           row("t.any", {"visa": GIVEN}, "not_needed")), hit_policy="first")
    specificities = [rule.specificity for rule in table.rules()]
    assert specificities == sorted(specificities, reverse=True)
    assert len(set(specificities)) == 3


@pytest.mark.parametrize("rows, policy, words", [
    ((row("t.a", {"colour": "red"}, "take", 1),), "priority", "no column ['colour']"),
    ((row("t.a", {"visa": "h1b"}, "take"),), "priority", "needs a priority"),
    ((row("t.a", {"visa": "h1b"}, "take", 3),), "first", "takes no priorities"),
])
def test_a_table_that_cannot_be_read_is_refused(rows, policy, words):
    with pytest.raises(ValueError, match=words.replace("[", r"\[")):
        DecisionTable("step3", (input_column("visa"),), rows, hit_policy=policy)


def test_a_row_answering_another_kind_is_refused():
    other = Row("t.a", "a", "should", SOURCES, {"visa": "h1b"},
                recommend("outlook", "high_risk", "x"), priority=1)
    with pytest.raises(ValueError, match="answers outlook, not step3"):
        DecisionTable("step3", (input_column("visa"),), (other,))


def test_a_column_names_an_input_field_or_lists_its_cases():
    assert input_column("visa").field == "visa" and input_column("visa").cases == ()
    assert RISK.field is None and RISK.cases[-1] is NO_FINDING
    with pytest.raises(ValueError, match="an input field or a list of cases"):
        Column("colour", lambda cell: given("visa", cell))


def test_a_finding_column_matches_no_cell_when_there_is_no_finding():
    assert RISK.matches("step2ck_low", "step2ck_low") and RISK.matches(GIVEN, "step1_low")
    assert not RISK.matches("step2ck_low", "step1_low")
    assert not RISK.matches(GIVEN, NO_FINDING)
    assert not input_column("visa").matches(GIVEN, NOT_GIVEN)


def test_cell_tests_are_the_different_tests_of_one_column():
    table = DecisionTable("step3", (input_column("visa"), input_column("step3.status")),
                          (row("t.a", {"visa": one_of("h1b", "j1")}, "take", 2),
                           row("t.b", {"visa": bound(one_of("h1b", "j1"), "visa"),
                                       "step3.status": "not_taken"}, "take", 2),
                           row("t.c", {"visa": GIVEN, "step3.status": "failed"}, "dont_rush", 1)))
    assert table.cell_tests("visa") == [one_of("h1b", "j1")]
    assert table.cell_tests("step3.status") == [equals("not_taken"), equals("failed")]


def test_the_shipped_tables_are_the_single_answer_rules_in_order():
    for table in TABLES:
        rules = table.rules()
        assert all(rule in RULES for rule in rules)
        positions = [RULES.index(rule) for rule in rules]
        assert positions == sorted(positions)
        assert {rule.conclusions[0].kind for rule in rules} == {table.kind}


def test_cells_read_in_a_few_words():
    table = next(t for t in TABLES if t.kind == "step3")
    both_low = next(r for r in table.rows if r.id == "step3.both_scores_low_with_time")
    assert table.cell_text(both_low, "months_until_eras") == "at least 6 → {months}"
    assert table.cell_text(both_low, "Step 1 risk") == "one of step1_low, step1_failure"
    assert table.cell_text(both_low, "visa") == "–"
    backup = next(t for t in TABLES if t.kind == "prelim_backup")
    assert backup.describe({"recommended": True, "tracks": ["prelim_im"]}) == "yes: prelim_im"
    assert one_of("a").describe() == "is one of a"
