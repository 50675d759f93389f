"""Forward chaining over the rules as data, without Rete: for many small working memories.

The Rete engine (``expert.engine.recording``) suits one consultation of ~200 rules on one
profile. Judging each program of a list is the opposite shape: a couple of dozen rules on a
dozen facts, a thousand times over, next to the applicant's facts, which stay the same.
Declaring facts into experta costs about a quarter of a millisecond each, so this module
evaluates the same ``Rule`` and ``Pattern`` data directly, with the same semantics (see
tests/expert/engine/test_evaluator.py):

- rules fire layer by layer, a rule's layer being the depth of the deepest fact type it reads
  (``fact_depths``), so a negated premise is judged only after every rule that could assert
  what it negates has fired, as the engine's saliences arrange;
- a rule fires once for each combination of facts that match its positive premises, binding
  variables from them, and its conclusions join working memory (duplicates are one fact);
- the firings are recorded as ``RuleFiring`` values, like the recording engine's.

A ``Memory`` can stack on a base memory (the applicant's facts), which is shared, not copied,
and which works out once, for all the memories stacked on it, which of its facts match each
premise (a ``CompiledPattern``: a pattern ready to be looked up).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import product
from typing import Any

import attrs

from expert.engine.firing import RuleFiring, conclusions, fact_depths
from knowledge_base.conditions import Pattern
from knowledge_base.facts import Fact
from knowledge_base.rule import Rule

__all__ = ["CompiledPattern", "Evaluator", "Memory"]


_KEY_FIELDS: dict[type, str] = {}


def _key_field(fact_type: type) -> str:
    """Facts are indexed by the value of their first field (``Input.field``, ``Proposal.kind``
    ...), which most patterns test for equality (read once per fact type)."""
    name = _KEY_FIELDS.get(fact_type)
    if name is None:
        name = _KEY_FIELDS[fact_type] = attrs.fields(fact_type)[0].name
    return name


class CompiledPattern:
    """A pattern ready to be looked up in a ``Memory``: where the facts that may match it are
    (the index entry, when its first test is an equality on the first field, else all facts of
    its type) and the tests left to make on them."""

    __slots__ = ("pattern", "key", "tests")

    def __init__(self, pattern: Pattern) -> None:
        self.pattern = pattern
        self.key: tuple[type, Any] | None = None
        self.tests = pattern.constraints
        first = pattern.constraints[0] if pattern.constraints else None
        if first is not None and first[1].op == "eq" and \
                first[0] == _key_field(pattern.fact_type):
            self.key, self.tests = (pattern.fact_type, first[1].operand), pattern.constraints[1:]


class Memory:
    """Working memory: facts by type and by the value of their first field, in the order added."""

    def __init__(self, facts: Iterable[Fact] = (), base: Memory | None = None) -> None:
        self.base = base
        self._index: dict[tuple[type, Any], dict[Fact, None]] = {}
        self._by_type: dict[type, dict[Fact, None]] = {}
        self._remembered: dict[CompiledPattern, list[Fact]] = {}
        """The facts added here that match each premise a memory stacked on this one asked
        about, until a fact is added: every memory stacked on a base asks it the same ones."""
        for fact in facts:
            self.add(fact)

    def __contains__(self, fact: object) -> bool:
        return fact in self._by_type.get(type(fact), ()) or (
            self.base is not None and fact in self.base)

    def add(self, fact: Fact) -> bool:
        """Add a fact; false if it was already there."""
        if fact in self:
            return False
        kind = type(fact)
        self._by_type.setdefault(kind, {})[fact] = None
        key = (kind, getattr(fact, _key_field(kind)))
        self._index.setdefault(key, {})[fact] = None
        if self._remembered:
            self._remembered.clear()
        return True

    def matching(self, premise: CompiledPattern) -> list[Fact]:
        """The facts that match the premise's pattern (whether it is negated or not), those of
        the base first."""
        found = self._own_matching(premise)
        return found if self.base is None else self.base._as_base(premise) + found

    def _as_base(self, premise: CompiledPattern) -> list[Fact]:
        """``matching(premise)``, remembering which of this memory's own facts match."""
        found = self._remembered.get(premise)
        if found is None:
            found = self._remembered[premise] = self._own_matching(premise)
        return found if self.base is None else self.base._as_base(premise) + found

    def _own_matching(self, premise: CompiledPattern) -> list[Fact]:
        candidates = self._by_type.get(premise.pattern.fact_type, ()) if premise.key is None \
            else self._index.get(premise.key, ())
        tests = premise.tests
        return [fact for fact in candidates
                if all(test(getattr(fact, name)) for name, test in tests)]

    def own(self) -> tuple[Fact, ...]:
        """The facts added here, not those of the base."""
        return tuple(fact for facts in self._by_type.values() for fact in facts)

    def __iter__(self) -> Iterator[Fact]:
        if self.base is not None:
            yield from self.base
        yield from self.own()


@attrs.frozen
class _Compiled:
    rule: Rule
    positive: tuple[CompiledPattern, ...]
    negative: tuple[CompiledPattern, ...]


class Evaluator:
    """The rules in firing order, ready to run on many working memories."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        depths = fact_depths(self.rules)

        def layer(rule: Rule) -> int:
            return max(depths[p.fact_type] for p in rule.premises)

        self.layers: tuple[tuple[_Compiled, ...], ...] = tuple(
            tuple(_Compiled(rule,
                            tuple(CompiledPattern(p) for p in rule.premises if not p.negated),
                            tuple(CompiledPattern(p) for p in rule.premises if p.negated))
                  for rule in self.rules if layer(rule) == depth)
            for depth in sorted({layer(rule) for rule in self.rules})
        )

    def run(self, facts: Iterable[Fact], base: Memory | None = None
            ) -> tuple[list[RuleFiring], Memory]:
        """Fire every rule that applies to ``facts`` (on top of ``base``); return the firings
        and the final working memory."""
        memory = Memory(facts, base)
        firings: list[RuleFiring] = []
        for rules in self.layers:
            fired = [(compiled.rule, matched, bound) for compiled in rules
                     for matched, bound in _matches(compiled, memory)]
            for rule, matched, bound in fired:
                asserted = conclusions(rule, bound)
                for fact in asserted:
                    memory.add(fact)
                firings.append(RuleFiring(rule, matched, asserted))
        return firings, memory


def _matches(compiled: _Compiled, memory: Memory) -> Iterator[tuple[tuple[Fact, ...], dict]]:
    for premise in compiled.negative:
        if memory.matching(premise):
            return
    options = []
    for premise in compiled.positive:
        found = memory.matching(premise)
        if not found:
            return
        options.append(found)
    for combination in product(*options):
        bound = {variable: getattr(fact, name)
                 for premise, fact in zip(compiled.positive, combination)
                 for name, variable in premise.pattern.bindings}
        yield combination, bound
