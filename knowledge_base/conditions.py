"""Premises as data: tests on fact fields that can be matched, described and searched.

Rules state their premises with these values instead of opaque callables, so the engine can
compile them, explanations can say in words what a premise asks ("below 225"), and tools can
read which thresholds a rule tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from numbers import Real
from typing import Any

import attrs

from knowledge_base.facts import Input

__all__ = ["Pattern", "Test", "above", "absent", "at_least", "below", "equals", "fact", "given",
           "none_of", "one_of", "within"]


def _is_number(value: Any) -> bool:
    kind = type(value)
    if kind is int or kind is float:  # what profiles hold: no need to ask the Real ABC
        return True
    return isinstance(value, Real) and not isinstance(value, bool)


def _listing(values: tuple[Any, ...]) -> str:
    return ", ".join(str(v) for v in values)


def _equal(value: Any, operand: Any) -> bool:
    return bool(value == operand)


def _member(value: Any, operand: tuple[Any, ...]) -> bool:
    return value in operand


def _not_member(value: Any, operand: tuple[Any, ...]) -> bool:
    return value not in operand


def _below(value: Any, operand: Any) -> bool:
    return _is_number(value) and value < operand


def _at_least(value: Any, operand: Any) -> bool:
    return _is_number(value) and value >= operand


def _above(value: Any, operand: Any) -> bool:
    return _is_number(value) and value > operand


def _within(value: Any, operand: tuple[Any, Any]) -> bool:
    low, high = operand
    return _is_number(value) and low <= value < high


_CHECKS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": _equal, "in": _member, "not_in": _not_member, "lt": _below, "ge": _at_least,
    "gt": _above, "range": _within}
"""What each test operator does, as ``check(value, operand)``."""


@attrs.frozen
class Test:
    """A test on one field value. Numeric tests are false for values that are not numbers."""

    op: str = attrs.field(validator=attrs.validators.in_(set(_CHECKS)))
    operand: Any

    def __call__(self, value: Any) -> bool:
        return _CHECKS[self.op](value, self.operand)

    @property
    def check(self) -> Callable[[Any, Any], bool]:
        """The test as a plain function of the value and the operand, for a matcher to call
        in its inner loop without a method call's cost."""
        return _CHECKS[self.op]

    @property
    def operands(self) -> tuple[Any, ...]:
        """The values the test compares with: both ends of a range, every choice of a set."""
        return self.operand if isinstance(self.operand, tuple) else (self.operand,)

    def describe(self) -> str:
        if self.op == "eq":
            return f"is {self.operand}"
        if self.op == "in":
            return f"is one of {_listing(self.operand)}"
        if self.op == "not_in":
            return f"is none of {_listing(self.operand)}"
        if self.op == "lt":
            return f"is below {self.operand}"
        if self.op == "ge":
            return f"is at least {self.operand}"
        if self.op == "gt":
            return f"is above {self.operand}"
        low, high = self.operand
        return f"is from {low} to below {high}"


def equals(value: Any) -> Test:
    return Test("eq", value)


def one_of(*values: Any) -> Test:
    return Test("in", tuple(values))


def none_of(*values: Any) -> Test:
    return Test("not_in", tuple(values))


def below(limit: float) -> Test:
    return Test("lt", limit)


def at_least(limit: float) -> Test:
    return Test("ge", limit)


def above(limit: float) -> Test:
    return Test("gt", limit)


def within(low: float, high: float) -> Test:
    """Half-open range: ``low <= value < high``."""
    return Test("range", (low, high))


def _as_test(value: Any) -> Test:
    return value if isinstance(value, Test) else equals(value)


@attrs.frozen
class Pattern:
    """A premise: a fact of ``fact_type`` whose fields pass every test (or, negated, no such
    fact)."""

    fact_type: type[Any]
    constraints: tuple[tuple[str, Test], ...]
    negated: bool = False
    bindings: tuple[tuple[str, str], ...] = ()
    """(field, variable) pairs: the matched fact's field value is bound to the variable."""

    def __attrs_post_init__(self) -> None:
        if self.negated and self.bindings:
            raise ValueError(f"a negated premise cannot bind variables (no fact is matched to "
                             f"bind them from): {self.describe()} binds "
                             f"{', '.join(v for _, v in self.bindings)}")

    @property
    def input_field(self) -> str | None:
        """The profile field a premise on an ``Input`` reads; None for other fact types."""
        return dict(self.constraints)["field"].operand if self.fact_type is Input else None

    def matches(self, fact: Any) -> bool:
        return isinstance(fact, self.fact_type) and all(
            test(getattr(fact, name)) for name, test in self.constraints
        )

    def holds(self, facts: Iterable[Any]) -> bool:
        """Whether the premise holds in a working memory."""
        found = any(self.matches(f) for f in facts)
        return not found if self.negated else found

    def unmet(self, facts: Sequence[Any]) -> str | None:
        """Why the premise does not hold in ``facts``, in words with the actual values."""
        if self.holds(facts):
            return None
        if self.negated:
            present = next(f for f in facts if self.matches(f))
            return f"{present.label()} rules it out"
        if self.fact_type is Input:
            tests = dict(self.constraints)
            field = self.input_field
            given_fact = next((f for f in facts if isinstance(f, Input) and f.field == field), None)
            if given_fact is None:
                return f"{field} is not given"
            wanted = tests["value"].describe().removeprefix("is ")
            return f"{field} is {given_fact.value}, not {wanted}"
        alike = sorted(f.label() for f in facts if isinstance(f, self.fact_type))
        found = f" (found: {'; '.join(alike)})" if alike else ""
        return f"there is no {self.describe().removeprefix('a ')}{found}"

    def describe(self) -> str:
        if self.fact_type is Input:
            tests = dict(self.constraints)
            field = self.input_field
            value_test = tests.get("value")
            text = f"{field} {value_test.describe()}" if value_test else f"{field} is given"
        else:
            parts = " and ".join(f"{name} {test.describe()}" for name, test in self.constraints)
            name = self.fact_type.__name__
            text = f"a {name} whose {parts}" if parts else name
        return f"no {text}" if self.negated else text


def fact(fact_type: type, **constraints: Any) -> Pattern:
    """A premise on a fact type; plain values are equality tests."""
    return Pattern(fact_type, tuple((name, _as_test(v)) for name, v in constraints.items()))


def given(field: str, test: Test | Any | None = None, *, bind: str | None = None) -> Pattern:
    """A premise on one profile field: present, and passing ``test`` when one is given.

    ``bind`` names a variable that receives the field's value, for use in the conclusions.
    """
    constraints = [("field", equals(field))]
    if test is not None:
        constraints.append(("value", _as_test(test)))
    bindings = (("value", bind),) if bind else ()
    return Pattern(Input, tuple(constraints), bindings=bindings)


def absent(pattern: Pattern) -> Pattern:
    """The negation of a premise: no fact matches it (``Pattern`` refuses one that binds)."""
    return attrs.evolve(pattern, negated=not pattern.negated)
