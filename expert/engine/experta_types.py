"""The knowledge base's facts and premises as experta sees them.

Each fact type has an experta fact type of the same name; inputs have one experta type per
profile field (``Input[step2ck.score]``), so the Rete network sends an input straight to the
premises on its field instead of testing every input against every field name a premise asks for.
"""

from __future__ import annotations

from typing import Any

import attrs

from expert.engine.compat import experta
from expert.errors import KnowledgeBaseError
from knowledge_base.conditions import Pattern, Test
from knowledge_base.facts import FACT_TYPES, Fact, Input

__all__ = ["experta_pattern", "experta_type_of", "input_type", "premise_type", "to_experta"]



class _Fact(experta.Fact):
    """experta's fact, hashed by identity: the network keys its memories by tuples of facts,
    and experta's hash by content is a Python call for every fact of every key. Each of our
    facts is one experta fact (``to_experta``), so no two equal ones meet in a memory."""

    __hash__ = object.__hash__


_EXPERTA_TYPES = {kind: type(kind.__name__, (_Fact,), {}) for kind in FACT_TYPES
                  if kind is not Input}
_FIELDS = {kind: tuple(a.name for a in attrs.fields(kind)) for kind in FACT_TYPES}
_INPUT_TYPES: dict[str, type[experta.Fact]] = {}


def input_type(field: str) -> type[experta.Fact]:
    """The experta fact type of the inputs for one profile field.

    (``setdefault``: threads that meet a field at the same time get the same type, which the
    network's dispatch by type relies on.)
    """
    kind = _INPUT_TYPES.get(field)
    if kind is None:
        kind = _INPUT_TYPES.setdefault(field, type(f"Input[{field}]", (_Fact,), {}))
    return kind


def experta_type_of(fact: Fact) -> type[experta.Fact]:
    return input_type(fact.field) if isinstance(fact, Input) else _EXPERTA_TYPES[type(fact)]


def to_experta(fact: Fact) -> experta.Fact:
    kind = experta_type_of(fact)
    if isinstance(fact, Input):
        return kind(value=fact.value)  # the field is in the type
    return kind(**{name: getattr(fact, name) for name in _FIELDS[type(fact)]})


def premise_type(pattern: Pattern) -> tuple[type[experta.Fact], tuple[tuple[str, Test], ...]]:
    """The experta fact type a premise matches, and the tests left to make on its fields."""
    if pattern.fact_type is not Input:
        return _EXPERTA_TYPES[pattern.fact_type], pattern.constraints
    field = dict(pattern.constraints).get("field")
    if field is None or field.op != "eq":
        raise KnowledgeBaseError(f"an Input premise must name its field: {pattern.describe()}")
    return input_type(field.operand), tuple(c for c in pattern.constraints if c[0] != "field")


def experta_pattern(pattern: Pattern) -> Any:
    """The premise written as an experta pattern (a fact with tests on its fields)."""
    fact_type, constraints = premise_type(pattern)
    fields: dict[str, Any] = {
        name: test.operand if test.op == "eq" else experta.P(test) for name, test in constraints
    }
    for name, variable in pattern.bindings:
        bind = getattr(experta.MATCH, variable)
        fields[name] = bind & fields[name] if name in fields else bind
    element = fact_type(**fields)
    return experta.NOT(element) if pattern.negated else element
