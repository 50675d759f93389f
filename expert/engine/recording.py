"""Running the knowledge base on experta's Rete engine, recording every firing.

Rules are data (``knowledge_base.Rule``); here they are compiled once per process into an
experta engine class. Rule bodies are never called by experta: the recording loop takes each
activation, asks the rule for its conclusions with the bound values, declares them and records
the firing (rule, matched facts, asserted facts). So no rule sees the engine, and the shared
rule objects carry no per-engine state.

Rules are given a salience by layer, from the depth of the facts they read: a rule fires only
after every rule that could produce the kinds of fact it reads, so negated premises are sound.
"""

from __future__ import annotations

import bisect
import inspect
import threading
from collections.abc import Iterable, Sequence
from functools import cache
from operator import attrgetter
from typing import Any

from expert import caches
from expert.engine.compat import experta
from expert.engine.experta_types import (
    experta_pattern,
    experta_type_of,
    premise_type,
    to_experta,
)
from expert.engine.firing import RuleFiring, conclusions, fact_depths
from expert.engine.rete import PatternReteMatcher
from knowledge_base.facts import Fact
from knowledge_base.rule import Rule

__all__ = ["RULE_PREFIX", "EnginePool", "LayeredStrategy", "RecordingEngine",
           "compile_engine_class", "default_pool"]

_KEY = attrgetter("key")


class LayeredStrategy(experta.strategies.DepthStrategy):
    """experta's depth strategy, with two fixes.

    experta removes a cancelled activation by bisecting to its key and checking only that
    position and its two neighbours; activations of different rules on the same facts share a
    key, so a cancelled one (a negated premise that stopped holding) could stay on the agenda
    and fire. Here removal is by equality. And ties are broken by rule order, so the firing
    order never depends on Python's hash seed.
    """

    def get_key(self, activation):
        fact_ids = sorted([f["__factid__"] for f in activation.facts], reverse=True)
        return (activation.rule.salience, fact_ids, -_rule_index(activation.rule.__name__))

    def _update_agenda(self, agenda, added, removed):
        for activation in removed:
            activation.key = self.get_key(activation)
            if activation in agenda.activations:
                agenda.activations.remove(activation)
        for activation in added:
            activation.key = self.get_key(activation)
            # by key: comparing activations would call experta's Activation.__lt__ each time
            bisect.insort(agenda.activations, activation, key=_KEY)


RULE_PREFIX = "rule_"
_UNSEEN = object()


def _rule_index(name: str) -> int:
    return int(name[len(RULE_PREFIX):])


class RecordingEngine(experta.KnowledgeEngine):
    """An experta engine whose run records each firing instead of calling rule bodies."""

    __matcher__ = PatternReteMatcher
    __strategy__ = LayeredStrategy
    rules_by_name: dict[str, Rule]
    read_types: frozenset[type[experta.Fact]]
    """The experta types of the facts some premise reads; other facts (recommendations, inputs
    no rule asks about) are kept in the working memory without going through experta."""

    def __init__(self) -> None:
        super().__init__()
        self._experta_facts = caches.EXPERTA_FACTS.store()
        """Each fact as experta holds it (None: no premise reads it)."""

    def reset(self) -> None:
        """An empty agenda, fact list and network, as experta's reset leaves them, but without
        its ``InitialFact``, which no rule here reads (every rule has a premise that is not
        negated): declaring it, and looking for other ``DefFacts`` among the engine's ~250
        members, was a twentieth of a consultation."""
        self.agenda = experta.agenda.Agenda()
        self.facts = experta.factlist.FactList()
        self.matcher.reset()
        self.running = False
        self._memory: dict[Fact, None] = {}
        """The working memory, in the order facts were first declared."""
        self._originals: dict[int, Fact] = {}
        """``id()`` of each experta fact in the fact list -> the fact it stands for, so facts
        never need converting back (every experta fact here is one of ours)."""

    def consult(self, facts: Iterable[Fact]) -> tuple[list[RuleFiring], list[Fact]]:
        """Run on a fresh working memory; return the firings and the final facts."""
        self.reset()
        self.declare_facts(facts)  # one agenda update for all inputs, not one each
        firings = self._run_recorded()
        return firings, list(self._memory)

    def declare_facts(self, facts: Iterable[Fact]) -> None:
        """Declare facts (a fact already in working memory is not declared again)."""
        read = []
        for fact in facts:
            if fact not in self._memory:
                self._memory[fact] = None
                declared = self._experta_facts.get(fact, _UNSEEN)
                if declared is _UNSEEN:
                    declared = self._experta_fact(fact)
                if declared is not None:
                    read.append((fact, declared))
        # Straight into experta's fact list: experta's ``declare`` would first check each fact
        # for pattern elements and nested names, which facts made by ``to_experta`` never hold.
        for fact, declared in read:
            self.facts.declare(declared)
            self._originals[id(declared)] = fact
        if read and not self.running:
            self.strategy.update_agenda(self.agenda, *self.get_activations())

    def _experta_fact(self, fact: Fact) -> experta.Fact | None:
        declared = to_experta(fact) if experta_type_of(fact) in self.read_types else None
        self._experta_facts.put(fact, declared)
        return declared

    def _run_recorded(self) -> list[RuleFiring]:
        # The loop of experta's KnowledgeEngine.run(), with the firing step replaced.
        firings = []
        self.running = True
        try:
            while self.running:
                added, removed = self.get_activations()
                self.strategy.update_agenda(self.agenda, added, removed)
                activation = self.agenda.get_next()
                if activation is None:
                    break
                rule = self.rules_by_name[activation.rule.__name__]
                asserted = conclusions(rule, {name: value for name, value
                                              in activation.context.items()
                                              if not name.startswith("__")})
                self.declare_facts(asserted)
                matched = tuple(map(self._originals.__getitem__, map(id, activation.facts)))
                firings.append(RuleFiring(rule, matched, asserted))
        finally:
            self.running = False
        return firings


def compile_engine_class(rules: Sequence[Rule]) -> type[RecordingEngine]:
    """An experta engine class holding the compiled rules."""
    depths = fact_depths(rules)
    members: dict[str, Any] = {
        "rules_by_name": {},
        "read_types": frozenset(premise_type(p)[0] for rule in rules for p in rule.premises),
    }
    for index, rule in enumerate(rules):
        name = f"{RULE_PREFIX}{index}"
        salience = -max(depths[p.fact_type] for p in rule.premises)
        compiled = experta.Rule(*map(experta_pattern, rule.premises), salience=salience)
        compiled = compiled(_named_body(name))
        members[name] = compiled
        members["rules_by_name"][name] = rule
    return type("AdvisorEngine", (RecordingEngine,), members)


_BODY_SIGNATURE = inspect.Signature(
    [inspect.Parameter("_bindings", inspect.Parameter.VAR_KEYWORD)])
"""The signature of every rule body, which experta reads when it wraps one (twice per rule:
the engine class, then the matcher's copy): given, it is not worked out from the function."""


def _named_body(name: str):
    def body(**_bindings: Any) -> None:
        """Never called: ``RecordingEngine`` fires rules itself (experta needs a function)."""

    body.__name__ = body.__qualname__ = name
    body.__signature__ = _BODY_SIGNATURE  # type: ignore[attr-defined]
    return body


class EnginePool:
    """One compiled engine class per rule base, one engine instance per thread.

    Compiling the Rete network is the costly step, so it happens once; each consultation
    resets the thread's engine, which gives it a fresh working memory.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self.engine_class = compile_engine_class(rules)
        self._local = threading.local()

    def engine(self) -> RecordingEngine:
        engine = getattr(self._local, "engine", None)
        if engine is None:
            engine = self._local.engine = self.engine_class()
        return engine


@cache
def default_pool() -> EnginePool:
    """The pool for the shipped knowledge base, built on first use."""
    from knowledge_base import RULES

    return EnginePool(RULES)
