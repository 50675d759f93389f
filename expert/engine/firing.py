"""A rule firing as the engines record it, the layer each rule fires in, and what it
concludes.

Both engines (the Rete one in ``recording`` and the direct ``evaluator``) fire rules layer by
layer: a rule's layer is the depth of the deepest fact type it reads, so a negated premise is
judged only after every rule that could assert what it negates has fired. Both take a firing's
conclusions from ``conclusions``, which gives the same facts again for the same bound values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from expert import caches
from expert.errors import KnowledgeBaseError
from knowledge_base.facts import FACT_TYPES, Fact, Input, as_written
from knowledge_base.rule import Rule

__all__ = ["RuleFiring", "conclusions", "fact_depths"]


def fact_depths(rules: Sequence[Rule]) -> dict[type, int]:
    """How many rule steps each fact type is from the inputs (Input is 0)."""
    depth = {kind: 0 for kind in FACT_TYPES}
    for _ in range(len(FACT_TYPES) + 1):
        changed = False
        for rule in rules:
            reads = max(depth[p.fact_type] for p in rule.premises)
            for conclusion in rule.conclusions:
                kind = type(conclusion)
                if kind is not Input and depth[kind] < reads + 1:
                    depth[kind], changed = reads + 1, True
        if not changed:
            return depth
    raise KnowledgeBaseError("rules conclude fact types that they (indirectly) read: a cycle")


@attrs.frozen
class RuleFiring:
    rule: Rule
    matched: tuple[Fact, ...]
    asserted: tuple[Fact, ...]


def conclusions(rule: Rule, bindings: Mapping[str, Any]) -> tuple[Fact, ...]:
    """What the rule concludes for the values its premises bound (``Rule.conclude``): the
    same frozen facts for the same values as written (``caches.CONCLUSIONS``)."""
    if not bindings:
        return rule.conclusions
    return _concluded(rule, tuple((name, as_written(value)) for name, value in bindings.items()))


@caches.CONCLUSIONS
def _concluded(rule: Rule, bound: tuple[tuple[str, tuple[type, Any, str | None]], ...]
               ) -> tuple[Fact, ...]:
    return rule.conclude({name: value for name, (_, value, _) in bound})
