"""The floor: the headline answers worked out in plain Python, straight from the rule data.

What the least a consultation could cost looks like: no engine, no working memory beyond a
dict of the inputs and the findings concluded so far, nothing recorded. Only the rules that
reach a headline answer run (``expert.interview.relevance.headline_rules``), layer by layer as
the engines fire them (``fact_depths``), each premise tested in Python on the profile's inputs;
of each headline kind the proposal of the most specific rule stands, ties by value and then by
rule id, as ``resolve`` decides. A rule's conclusions are made once for each set of values it
binds. The benchmark checks it gives ``advise``'s answers before timing it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import product
from numbers import Real
from typing import Any

import attrs

from expert.engine.firing import fact_depths
from expert.interview.relevance import HEADLINE_KINDS, headline_rules
from knowledge_base.conditions import Pattern, Test
from knowledge_base.facts import Fact, Input, Proposal, as_written
from knowledge_base.rule import Rule

__all__ = ["HeadlineFloor"]

_ABSENT = object()


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _in_python(test: Test) -> Callable[[Any], bool]:
    """``test`` as a function of the value, with ``Test.__call__``'s semantics but not its
    dispatch on the operator at every call."""
    operand = test.operand
    if test.op == "eq":
        return partial(operator.eq, operand)
    if test.op == "in":
        return operand.__contains__
    if test.op == "not_in":
        return lambda value: value not in operand
    if test.op == "lt":
        return lambda value: _is_number(value) and value < operand
    if test.op == "ge":
        return lambda value: _is_number(value) and value >= operand
    if test.op == "gt":
        return lambda value: _is_number(value) and value > operand
    if test.op == "range":
        low, high = operand
        return lambda value: _is_number(value) and low <= value < high
    raise ValueError(f"the floor has no Python for the test {test.op!r} ({test.describe()})")


@attrs.frozen
class _InputPremise:
    field: str
    tests: tuple[Callable[[Any], bool], ...]
    """The tests on the value."""
    negated: bool
    variable: str | None
    """The variable the value is bound to."""


def _input_premise(pattern: Pattern) -> _InputPremise:
    named = dict(pattern.constraints).get("field")
    if named is None or named.op != "eq":
        raise ValueError(f"an Input premise must name its field: {pattern.describe()}")
    others = {name for name, _ in (*pattern.constraints, *pattern.bindings)} - {"field", "value"}
    if others:
        raise ValueError(f"an Input has a field and a value, not {sorted(others)}")
    return _InputPremise(named.operand,
                         tuple(_in_python(test) for name, test in pattern.constraints
                               if name == "value"),
                         pattern.negated, dict(pattern.bindings).get("value"))


class _FloorRule:
    """One rule, its premises split into those on inputs and those on findings."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.inputs = tuple(_input_premise(p) for p in rule.premises if p.fact_type is Input)
        found = [p for p in rule.premises if p.fact_type is not Input]
        self.absent = tuple(p for p in found if p.negated)
        self.present = tuple(p for p in found if not p.negated)
        self.binds_findings = any(p.bindings for p in self.present)
        self._conclusions: dict[tuple[Any, ...], tuple[Fact, ...]] = {}

    def conclusions(self, bound: dict[str, Any]) -> tuple[Fact, ...]:
        key = tuple((name, as_written(value)) for name, value in bound.items())
        made = self._conclusions.get(key)
        if made is None:
            made = self._conclusions[key] = self.rule.conclude(bound)
        return made

    def firings(self, inputs: dict[str, Any], findings: dict[type, dict[Fact, None]]
                ) -> Iterator[dict[str, Any]]:
        """The bound values of each way the rule fires, given the inputs' values by field."""
        bound: dict[str, Any] = {}
        for premise in self.inputs:
            value = inputs.get(premise.field, _ABSENT)
            holds = value is not _ABSENT and all(test(value) for test in premise.tests)
            if holds == premise.negated:
                return
            if premise.variable is not None:
                bound[premise.variable] = value
        for pattern in self.absent:
            if any(pattern.matches(f) for f in findings.get(pattern.fact_type, ())):
                return
        options = [[f for f in findings.get(p.fact_type, ()) if p.matches(f)]
                   for p in self.present]
        if not all(options):
            return
        if not self.binds_findings:  # every combination concludes the same
            yield bound
            return
        for combination in product(*options):
            joined = dict(bound)
            if all(joined.setdefault(variable, getattr(fact, name)) == getattr(fact, name)
                   for pattern, fact in zip(self.present, combination)
                   for name, variable in pattern.bindings):
                yield joined


class HeadlineFloor:
    """The headline rules of a rule base, ready to answer for one profile after another."""

    kinds = HEADLINE_KINDS

    def __init__(self, rules: Sequence[Rule]) -> None:
        ids = headline_rules(tuple(rules))
        chosen = [rule for rule in rules if rule.id in ids]
        depths = fact_depths(chosen)
        chosen.sort(key=lambda rule: max(depths[p.fact_type] for p in rule.premises))
        self.rules = tuple(map(_FloorRule, chosen))

    def answers(self, facts: Iterable[Input]) -> dict[str, Proposal]:
        """The proposal that stands for each headline kind."""
        inputs = {fact.field: fact.value for fact in facts}
        findings: dict[type, dict[Fact, None]] = {}
        best: dict[str, tuple[tuple[int, str, str], Proposal]] = {}
        for floor_rule in self.rules:
            rule = floor_rule.rule
            for bound in floor_rule.firings(inputs, findings):
                for fact in floor_rule.conclusions(bound):
                    if not isinstance(fact, Proposal):
                        findings.setdefault(type(fact), {})[fact] = None
                    elif fact.kind in self.kinds:
                        key = (-rule.specificity, fact.value_json, rule.id)
                        if fact.kind not in best or key < best[fact.kind][0]:
                            best[fact.kind] = (key, fact)
        return {kind: fact for kind, (_, fact) in best.items()}
