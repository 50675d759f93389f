"""The rule reference shows each decision table as one Markdown table, before the rule entries."""

from __future__ import annotations

from knowledge_base import ALL_RULES, TABLES
from knowledge_base.conditions import below
from knowledge_base.decision_table import GIVEN, DecisionTable, Row, bound, input_column
from knowledge_base.facts import recommend
from knowledge_base.reference import POLICIES, rule_reference
from knowledge_base.rules.applications import RANGES
from knowledge_base.sources import Source

SOURCES = (Source("pmr", "x"),)


def row(rule_id, when, value, priority=None, summary=None):
    return Row(rule_id, f"title of {rule_id}", "should", SOURCES, when,
               recommend("step3", value, summary or value), priority=priority)


TABLE = DecisionTable("step3", (input_column("visa"), input_column("months_until_eras")), (
    row("t.any", {"visa": GIVEN}, "not_needed", 0),
    row("t.soon", {"months_until_eras": bound(below(3), "months")}, "dont_rush", 20,
        "only {months} months"),
    row("t.h1b", {"visa": "h1b"}, "take", 10),
), describe=lambda value: value.replace("_", " "))


def _table_lines(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.startswith("|")]


def test_a_table_is_a_row_per_rule_by_priority_with_its_cells_in_words():
    page = rule_reference(TABLE.rules(), (TABLE,))
    assert _table_lines(page) == [
        "| priority | visa | months_until_eras | → step3 | strength | rule |",
        "|---|---|---|---|---|---|",
        "| 20 | – | below 3 → {months} | dont rush | should | `t.soon` |",
        "| 10 | h1b | – | take | should | `t.h1b` |",
        "| 0 | any | – | not needed | should | `t.any` |",
    ]
    assert f"Hit policy priority: {POLICIES['priority']}." in page
    assert page.index("### The `step3` decision table") < page.index("### `t.any`")


def test_a_first_hit_table_keeps_its_row_order_and_says_its_policy():
    first = DecisionTable("step3", (input_column("visa"),), (
        row("t.h1b", {"visa": "h1b"}, "take"), row("t.any", {"visa": GIVEN}, "not_needed")),
        hit_policy="first")
    page = rule_reference(first.rules(), (first,))
    assert [line.split(" | ")[-1] for line in _table_lines(page)[2:]] == ["`t.h1b` |",
                                                                            "`t.any` |"]
    assert f"Hit policy first: {POLICIES['first']}." in page


def test_without_tables_the_page_has_only_the_rule_entries():
    page = rule_reference(TABLE.rules())
    assert "decision table" not in page.lower() and _table_lines(page) == []
    assert "### `t.h1b`" in page and "- when: visa is h1b" in page


def test_the_shipped_answers_read_in_a_few_words():
    page = rule_reference(ALL_RULES, TABLES)
    lines = {line.split(" | ")[-1].strip(" |`"): line for line in _table_lines(page)}
    pmr, core = RANGES["pmr"], RANGES["core_high_risk"]
    assert f"| pmr {pmr.min}–{pmr.max} |" in lines["applications.pmr_broad_list"]
    assert (f"| IM/FM {core.min}–{core.max} + a few of the field |"
            in lines["applications.preferred_field_mostly_im_fm"])
    assert "| yes: prelim_im, transitional_year |" in lines["backup.unmatched_prelim_positions"]
    assert "| no |" in lines["backup.not_needed"]
    assert "| done |" in lines["step3.already_passed"]
    assert {rule.id for table in TABLES for rule in table.rules()} <= lines.keys()
