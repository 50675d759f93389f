"""More rules built from real ones: how cost grows with the size of the knowledge base.

A copy of the rule base has every rule with its premises on the inputs as they are, and every
fact it concludes renamed: each string of a finding gets the copy's suffix, and so does each
string a premise tests on a finding, so copy 2 builds on copy 2's findings only, as the real
rules build on theirs (but for a premise that a finding's string is none of some values, which
other copies' findings pass too); a proposal keeps its value under a renamed kind
(``apply_count_copy2``), which no resolution treats as a single answer. So the real answers
stay what they were, and each copy fires about as often as the real rules on a profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from knowledge_base.conditions import Pattern, Test
from knowledge_base.facts import Fact, Input, Proposal
from knowledge_base.rule import Rule

__all__ = ["with_copies"]


def _renamed(value: Any, suffix: str) -> Any:
    if isinstance(value, str):
        return value + suffix
    if isinstance(value, tuple):
        return tuple(_renamed(item, suffix) for item in value)
    return value


def _premise(pattern: Pattern, suffix: str) -> Pattern:
    if pattern.fact_type is Input:
        return pattern
    renamed = tuple((name, Test(test.op, _renamed(test.operand, suffix)))
                    for name, test in pattern.constraints)
    return attrs.evolve(pattern, constraints=renamed)


def _conclusion(fact: Fact, suffix: str) -> Fact:
    if isinstance(fact, Proposal):
        return attrs.evolve(fact, kind=fact.kind + suffix)
    return attrs.evolve(fact, **{field.name: _renamed(getattr(fact, field.name), suffix)
                                 for field in attrs.fields(type(fact))})


def _copy(rule: Rule, number: int) -> Rule:
    suffix = f"_copy{number}"
    return attrs.evolve(rule, id=f"copy{number}.{rule.id}",
                        premises=tuple(_premise(p, suffix) for p in rule.premises),
                        conclusions=tuple(_conclusion(c, suffix) for c in rule.conclusions))


def with_copies(rules: Sequence[Rule], times: int) -> tuple[Rule, ...]:
    """The rules and ``times - 1`` renamed copies of them: ``times`` as many rules."""
    return (*rules, *(_copy(rule, number) for number in range(2, times + 1) for rule in rules))
