"""Forward chaining over the rules as data, without Rete: for many small working memories.

The Rete engine (``expert.engine.recording``) suits one consultation of ~200 rules on one
profile. Judging each program of a list is the opposite shape: a couple of dozen rules on a
dozen facts, a thousand times over, next to the applicant's facts, which stay the same.
Declaring facts into experta costs about a quarter of a millisecond each, so this module
evaluates the same ``Rule`` and ``Pattern`` data directly, with the same semantics (see
tests/expert/engine/test_evaluator.py):

- rules fire layer by layer, a rule's layer being the depth of the deepest fact type it reads
  (``fact_depths``), so a negated premise is judged only after every rule that could assert
  what it negates has fired, as the engine's saliences arrange; the rules of a layer all
  match before any of them asserts;
- a rule fires once for each combination of facts that match its positive premises, binding
  variables from them, and its conclusions join working memory (duplicates are one fact);
- the firings are recorded as ``RuleFiring`` values, like the recording engine's.

A ``Memory`` can stack on a base memory (the applicant's facts), which is shared, not copied,
and which works out once, for all the memories stacked on it, which of its facts match each
premise (a ``CompiledPattern``: a pattern ready to be looked up). A premise that several
rules state is compiled once, and looked up once a layer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, product
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


Check = tuple[str, Callable[[Any, Any], bool], Any]
"""A test ready to make: the field, ``Test.check`` and its operand."""


class CompiledPattern:
    """A pattern ready to be looked up in a ``Memory``: where the facts that may match it are
    (the index entry, when its first test is an equality on the first field, else all facts of
    its type) and the tests left to make on them."""

    __slots__ = ("pattern", "fact_type", "key", "tests", "bindings")

    def __init__(self, pattern: Pattern) -> None:
        self.pattern = pattern
        self.fact_type = pattern.fact_type
        self.bindings = pattern.bindings
        self.key: tuple[type, Any] | None = None
        constraints = pattern.constraints
        first = constraints[0] if constraints else None
        if first is not None and first[1].op == "eq" and first[0] == _key_field(self.fact_type):
            self.key, constraints = (self.fact_type, first[1].operand), constraints[1:]
        self.tests: tuple[Check, ...] = tuple(
            (name, test.check, test.operand) for name, test in constraints)


def _passes(fact: Fact, tests: tuple[Check, ...]) -> bool:
    for name, check, operand in tests:
        if not check(getattr(fact, name), operand):
            return False
    return True


class Memory:
    """Working memory: facts by type and by the value of their first field, in the order added."""

    def __init__(self, facts: Iterable[Fact] = (), base: Memory | None = None) -> None:
        self.base = base
        self._index: dict[tuple[type, Any], list[Fact]] = {}
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
        kind = type(fact)
        base = self.base
        while base is not None:
            if fact in base._by_type.get(kind, ()):
                return False
            base = base.base
        same = self._by_type.get(kind)
        if same is None:
            self._by_type[kind] = {fact: None}
        else:
            size = len(same)
            same[fact] = None  # hashing the fact once, to find it and to add it
            if len(same) == size:
                return False
        key = (kind, getattr(fact, _KEY_FIELDS.get(kind) or _key_field(kind)))
        entry = self._index.get(key)
        if entry is None:
            self._index[key] = [fact]
        else:
            entry.append(fact)
        if self._remembered:
            self._remembered.clear()
        return True

    def matching(self, premise: CompiledPattern) -> list[Fact]:
        """The facts that match the premise's pattern (whether it is negated or not), those of
        the base first."""
        return list(self._matching(premise))

    def _matching(self, premise: CompiledPattern) -> list[Fact]:
        """``matching(premise)``, which may be a list the base remembers: not to be changed."""
        if self.base is None:
            return self._own_matching(premise)
        below = self.base._as_base(premise)
        if not self._by_type:
            return below
        found = self._own_matching(premise)
        return below + found if found else below

    def _as_base(self, premise: CompiledPattern) -> list[Fact]:
        """``_matching(premise)``, remembering which of this memory's own facts match."""
        found = self._remembered.get(premise)
        if found is None:
            found = self._remembered[premise] = self._own_matching(premise)
        if self.base is None:
            return found
        below = self.base._as_base(premise)
        return below + found if found else below

    def _own_matching(self, premise: CompiledPattern) -> list[Fact]:
        candidates = self._by_type.get(premise.fact_type) if premise.key is None \
            else self._index.get(premise.key)
        if not candidates:
            return []
        tests = premise.tests
        if not tests:
            return list(candidates)
        if len(tests) == 1:
            ((name, check, operand),) = tests
            return [fact for fact in candidates if check(getattr(fact, name), operand)]
        return [fact for fact in candidates if _passes(fact, tests)]

    def own(self) -> tuple[Fact, ...]:
        """The facts added here, not those of the base."""
        return tuple(chain.from_iterable(self._by_type.values()))

    def __iter__(self) -> Iterator[Fact]:
        if self.base is not None:
            yield from self.base
        yield from self.own()


def _compile(premise: Pattern, compiled: dict[Pattern, CompiledPattern]) -> CompiledPattern:
    found = compiled.get(premise)
    if found is None:
        found = compiled[premise] = CompiledPattern(premise)
    return found


class _Compiled:
    """A rule ready to match: its positive and negated premises, and its conclusions when
    its premises bind nothing (the same for every firing)."""

    __slots__ = ("rule", "positive", "negative", "asserted")

    def __init__(self, rule: Rule, compiled: dict[Pattern, CompiledPattern]) -> None:
        """``compiled`` holds the premises compiled so far, to share with the rules that
        state the same ones."""
        def compile_all(negated: bool) -> tuple[CompiledPattern, ...]:
            return tuple(_compile(p, compiled) for p in rule.premises if p.negated == negated)

        self.rule = rule
        self.positive = compile_all(False)
        self.negative = compile_all(True)
        self.asserted = None if any(p.bindings for p in self.positive) else \
            conclusions(rule, {})

    def fire(self, found: dict[CompiledPattern, list[Fact]]) -> list[RuleFiring]:
        """The rule's firings, given the facts that match each premise: one for each
        combination of facts that match the positive premises, when no negated one matches."""
        if self.negative and any(map(found.__getitem__, self.negative)):
            return []
        rule, asserted = self.rule, self.asserted
        combinations = product(*map(found.__getitem__, self.positive))
        if asserted is not None:
            return [RuleFiring(rule, combination, asserted) for combination in combinations]
        return [RuleFiring(rule, combination, conclusions(
                    rule, {variable: getattr(fact, name)
                           for premise, fact in zip(self.positive, combination)
                           for name, variable in premise.bindings}))
                for combination in combinations]


class Evaluator:
    """The rules in firing order, ready to run on many working memories."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        depths = fact_depths(self.rules)
        compiled: dict[Pattern, CompiledPattern] = {}

        def layer(rule: Rule) -> int:
            return max(depths[p.fact_type] for p in rule.premises)

        self.layers: tuple[tuple[_Compiled, ...], ...] = tuple(
            tuple(_Compiled(rule, compiled) for rule in self.rules if layer(rule) == depth)
            for depth in sorted({layer(rule) for rule in self.rules})
        )
        self._premises: tuple[tuple[CompiledPattern, ...], ...] = tuple(
            tuple({p: None for rule in rules for p in rule.positive + rule.negative})
            for rules in self.layers)
        """Each layer's premises, each once: a run looks each up once a layer."""

    def run(self, facts: Iterable[Fact], base: Memory | None = None
            ) -> tuple[list[RuleFiring], Memory]:
        """Fire every rule that applies to ``facts`` (on top of ``base``); return the firings
        and the final working memory."""
        memory = Memory(facts, base)
        firings: list[RuleFiring] = []
        for rules, premises in zip(self.layers, self._premises):
            # The memory changes only when the layer's rules have all matched.
            found = {premise: memory._matching(premise) for premise in premises}
            fired = [firing for compiled in rules for firing in compiled.fire(found)]
            firings += fired
            for firing in fired:
                for fact in firing.asserted:
                    memory.add(fact)
        return firings, memory
