"""The rule reference (``docs/rules.md``), generated from the rules' own metadata."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge_base.decision_table import DecisionTable
from knowledge_base.facts import Proposal
from knowledge_base.rule import Rule

__all__ = ["HEADER", "POLICIES", "rule_reference"]

HEADER = """# Rule reference

Generated from the rule metadata by `img-advisor kb rules --out docs/rules.md`; do not edit by
hand (a test fails when this page and the rules disagree). How rules work:
[knowledge-base.md](knowledge-base.md).
"""


def _conclusion(fact) -> str:
    if isinstance(fact, Proposal):
        return f"`{fact.kind}` = `{fact.value_json}`"
    return fact.label()


def _entry(rule: Rule) -> list[str]:
    return [
        f"### `{rule.id}`",
        "",
        rule.title,
        "",
        f"- strength: {rule.strength}; specificity: {rule.specificity}",
        f"- when: {'; '.join(p.describe() for p in rule.premises)}",
        f"- concludes: {'; '.join(_conclusion(c) for c in rule.conclusions)}",
        f"- sources: {'; '.join(f'{s.doc} § {s.section}' for s in rule.sources)}",
        "",
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


POLICIES = {
    "priority": "where several rows match, the row of highest priority gives the answer; rows "
                "of equal priority never match together with different answers",
    "first": "where several rows match, the row written first gives the answer",
}


def _table(table: DecisionTable) -> list[str]:
    """The table as Markdown: a row per rule, a column per condition, then the answer."""
    headers = ["priority", *(c.header for c in table.columns), f"→ {table.kind}", "strength",
               "rule"]
    lines = [f"### The `{table.kind}` decision table", "",
             f"Hit policy {table.hit_policy}: {POLICIES[table.hit_policy]}. A cell is what the "
             "row asks of that column: – for anything, `any` for a value (or a finding) of "
             "any kind; `→ {name}` binds the value for the answer's words. Each row is the "
             "rule of that id below.", "",
             "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    order = sorted(range(len(table.rows)), key=lambda i: -table.specificity(i))
    for index in order:
        row = table.rows[index]
        cells = [str(table.specificity(index)),
                 *(table.cell_text(row, c.header) for c in table.columns),
                 table.describe(row.then.value), row.strength, f"`{row.id}`"]
        lines.append("| " + " | ".join(map(_cell, cells)) + " |")
    return [*lines, ""]


def rule_reference(rules: Sequence[Rule], tables: Sequence[DecisionTable] = ()) -> str:
    topics: dict[str, list[Rule]] = {}
    for rule in rules:
        topics.setdefault(rule.id.split(".")[0], []).append(rule)
    lines = [HEADER]
    if tables:
        lines += ["## Decision tables", "",
                  "The single-answer kinds, each on one screen; `kb check` checks every "
                  "combination of the columns' cases for gaps, overlaps and rows that never "
                  "win.", ""]
        for table in tables:
            lines += _table(table)
    for topic, members in topics.items():
        lines += [f"## {topic} ({len(members)} rules)", ""]
        for rule in members:
            lines += _entry(rule)
    return "\n".join(lines).rstrip() + "\n"
