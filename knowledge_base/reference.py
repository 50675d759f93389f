"""The rule reference (``docs/rules.md``), generated from the rules' own metadata."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge_base.facts import Recommendation
from knowledge_base.rule import Rule

HEADER = """# Rule reference

Generated from the rule metadata by `img-advisor kb rules --out docs/rules.md`; do not edit by
hand (a test fails when this page and the rules disagree). How rules work:
[knowledge-base.md](knowledge-base.md).
"""


def _conclusion(fact) -> str:
    if isinstance(fact, Recommendation):
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


def rule_reference(rules: Sequence[Rule]) -> str:
    topics: dict[str, list[Rule]] = {}
    for rule in rules:
        topics.setdefault(rule.id.split(".")[0], []).append(rule)
    lines = [HEADER]
    for topic, members in topics.items():
        lines += [f"## {topic} ({len(members)} rules)", ""]
        for rule in members:
            lines += _entry(rule)
    return "\n".join(lines).rstrip() + "\n"
